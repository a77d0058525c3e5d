// Which dip the ball is heading to. The speed zones and the distance-to-the-bottom chart both speak of that dip,
// so they share this one choice.

/** The dip the ball at `w` rolls toward: the nearest one downhill (the nearest one at all on flat ground). */
export function headingTo(landscape, w, slope) {
  const dips = landscape.minima || [];
  if (!dips.length || !Number.isFinite(w)) return null;
  const ahead = dips.filter((d) => (slope > 0 ? d.w <= w : slope < 0 ? d.w >= w : true));
  const pool = ahead.length ? ahead : dips;
  return pool.reduce((best, d) => (Math.abs(d.w - w) < Math.abs(best.w - w) ? d : best));
}

/** Where the ball of `sim` is, or would start: the current step (the last one seen once it flew off). */
export function ballOf(sim) {
  const { settings, landscape } = sim;
  if (sim.trajectory) return sim.current;
  return { w: settings.start ?? landscape.start, slope: 0 };
}
