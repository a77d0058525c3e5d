// Where things are: the surface's window on a canvas box, the loss between grid points, the dip the ball is heading
// to, and the gradient's arrow length. Pure functions: node tests them.

// Same scale on both axes when the window's sides differ by at most this factor: the ravine then looks as stretched
// as it is. Beyond it (the raw lemonade fit: 120 by 12) each axis gets its own scale, and the page says so.
const SAME_SCALE_UP_TO = 2.5;

/** Does this window get one scale for both axes? */
export function sameScale(window) {
  const a = window.w1[1] - window.w1[0];
  const b = window.w2[1] - window.w2[0];
  return Math.max(a / b, b / a) <= SAME_SCALE_UP_TO;
}

/**
 * A view of `window` ({w1: [lo, hi], w2: [lo, hi]}) inside a box {left, top, width, height} in CSS pixels: w1 to the
 * right, w2 up. With one scale the window is centred in the box.
 */
export function frameOf(window, box) {
  const [a0, a1] = window.w1;
  const [b0, b1] = window.w2;
  let sx = box.width / (a1 - a0);
  let sy = box.height / (b1 - b0);
  if (sameScale(window)) sx = sy = Math.min(sx, sy);
  const left = box.left + (box.width - sx * (a1 - a0)) / 2;
  const top = box.top + (box.height - sy * (b1 - b0)) / 2;
  return {
    left,
    top,
    width: sx * (a1 - a0),
    height: sy * (b1 - b0),
    sx,
    sy,
    x: (w1) => left + (w1 - a0) * sx,
    y: (w2) => top + (b1 - w2) * sy,
    w1: (x) => a0 + (x - left) / sx,
    w2: (y) => b1 - (y - top) / sy,
  };
}

/** The loss at (w1, w2) from the grid, bilinear between its points; null outside it or where a corner is undefined. */
export function lossAt(grid, w1, w2) {
  const n = grid.n;
  const fx = ((w1 - grid.w1[0]) / (grid.w1[n - 1] - grid.w1[0])) * (n - 1);
  const fy = ((w2 - grid.w2[0]) / (grid.w2[n - 1] - grid.w2[0])) * (n - 1);
  if (!(fx >= 0 && fx <= n - 1 && fy >= 0 && fy <= n - 1)) return null;
  const i = Math.min(n - 2, Math.floor(fx));
  const j = Math.min(n - 2, Math.floor(fy));
  const u = fx - i;
  const v = fy - j;
  const a = grid.loss[j][i];
  const b = grid.loss[j][i + 1];
  const c = grid.loss[j + 1][i];
  const d = grid.loss[j + 1][i + 1];
  if (a === null || b === null || c === null || d === null) return null;
  return (1 - v) * ((1 - u) * a + u * b) + v * ((1 - u) * c + u * d);
}

/** The dip the ball at `w` with slope `slope` rolls toward: the nearest one downhill (the nearest at all if none). */
export function headingTo(surface, w, slope) {
  const dips = surface.dips || [];
  if (!dips.length || !w) return null;
  const downhill = (d) => -((d.w[0] - w[0]) * slope[0] + (d.w[1] - w[1]) * slope[1]) >= 0;
  const ahead = slope && (slope[0] || slope[1]) ? dips.filter(downhill) : dips;
  const pool = ahead.length ? ahead : dips;
  const away = (d) => Math.hypot(d.w[0] - w[0], d.w[1] - w[1]);
  return pool.reduce((best, d) => (away(d) < away(best) ? d : best));
}

/**
 * The slope arrow's length in pixels for a slope of size `size`: it grows with the slope but never vanishes nor
 * leaves the picture, and `typical` (a usual slope on this surface) gets about half the longest arrow.
 */
export function arrowLength(size, typical, longest = 64) {
  if (!(size > 0) || !(typical > 0)) return 0;
  const r = size / typical;
  if (r < 1e-3) return 0; // at the bottom (or a saddle) the slope is all but gone: no arrow
  return Math.max(12, longest * (r / (1 + r)));
}

/** A usual size of the slope on this grid: the median of its finite-difference slopes, in loss per unit of w. */
export function typicalSlope(grid) {
  const n = grid.n;
  const h1 = (grid.w1[n - 1] - grid.w1[0]) / (n - 1);
  const h2 = (grid.w2[n - 1] - grid.w2[0]) / (n - 1);
  const sizes = [];
  const every = Math.max(1, Math.floor(n / 30));
  for (let j = 0; j < n - 1; j += every) {
    for (let i = 0; i < n - 1; i += every) {
      const a = grid.loss[j][i];
      const b = grid.loss[j][i + 1];
      const c = grid.loss[j + 1][i];
      if (a === null || b === null || c === null) continue;
      sizes.push(Math.hypot((b - a) / h1, (c - a) / h2));
    }
  }
  sizes.sort((x, y) => x - y);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 1;
}

/** A start rounded to what a click can mean: about a thousandth of the window, as a "w1,w2" setting. */
export function startText(window, w1, w2) {
  const round = (v, span) => {
    const places = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(span))));
    return String(Number(v.toFixed(places)));
  };
  return `${round(w1, window.w1[1] - window.w1[0])},${round(w2, window.w2[1] - window.w2[0])}`;
}

/** A "w1,w2" start as two numbers, or null. */
export function parseStart(text) {
  if (!text) return null;
  const parts = String(text).split(",").map(Number);
  return parts.length === 2 && parts.every(Number.isFinite) ? parts : null;
}
