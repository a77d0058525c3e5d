// What the 3-D view can see: whether a point of the box is hidden by the surface in front of it (a march toward the
// viewer over the grid's heights), and the first view to show a surface from (the one that hides the least).

import { lossAt } from "./geometry.js";

export const HEIGHT = 0.9; // the surface's height next to its half-width of 1
const SIGHT_STEP = 0.03; // the sight test's step toward the viewer, in the box's units (its half-width is 1)

/** Is the point (x, y, z) of the box in sight? A march from it toward the viewer, stopped by higher ground. */
export function inSight(view, x, y, z) {
  const a = (view.azimuth * Math.PI) / 180;
  const e = (view.elevation * Math.PI) / 180;
  const toward = [-Math.sin(a) * Math.cos(e), -Math.cos(a) * Math.cos(e), Math.sin(e)];
  const [hx, hy] = view.mesh.half;
  for (let s = SIGHT_STEP; s < 4; s += SIGHT_STEP) {
    const px = x + toward[0] * s;
    const py = y + toward[1] * s;
    const pz = z + toward[2] * s;
    if (Math.abs(px) > hx || Math.abs(py) > hy || pz > 1.25 * HEIGHT) return true;
    const ground = heightAt(view, px, py);
    if (ground !== null && ground > pz + SIGHT_STEP / 2) return false;
  }
  return true;
}

/** The surface's height at (x, y) of the box, from the grid; null where the loss is undefined. */
function heightAt(view, x, y) {
  const win = view.surface.window;
  const [hx, hy] = view.mesh.half;
  const w1 = win.w1[0] + ((x / hx + 1) / 2) * (win.w1[1] - win.w1[0]);
  const w2 = win.w2[0] + ((y / hy + 1) / 2) * (win.w2[1] - win.w2[0]);
  const loss = lossAt(view.surface.grid, w1, w2);
  return loss === null ? null : Math.min(1.25, Math.max(0, view.scale.t(loss))) * HEIGHT;
}

/**
 * Where to look from first: of eight turns round the surface at three tilts, the one that shows most of its dips
 * and the ball's start; on a tie the one nearest `home` (a steeper look across the ravine shows its floor, and its
 * zig-zag, better than a look along it).
 */
export function bestView(view, home) {
  const s = view.surface;
  const loss = (w) => lossAt(s.grid, w[0], w[1]);
  const targets = [
    ...s.dips.map((p) => ({ w: p.w, loss: p.loss, weight: p.global ? 2 : 1 })),
    { w: s.start, loss: loss(s.start), weight: 2 },
  ].filter((p) => p.loss !== null);
  let best = { ...home, score: -1 };
  const views = [0, 45, -45, 90, -90, 135, -135, 180].flatMap((turn) =>
    [0, 12, 24].map((tilt) => [((home.azimuth + turn + 540) % 360) - 180, home.elevation + tilt]));
  for (const [azimuth, elevation] of views) {
    const turned = { ...view, azimuth, elevation };
    let score = 0;
    for (const p of targets) {
      const [x, y] = view.mesh.toBox(p.w[0], p.w[1]);
      const z = Math.min(1.25, Math.max(0, view.scale.t(p.loss))) * HEIGHT + 0.02;
      if (inSight(turned, x, y, z)) score += p.weight;
    }
    if (score > best.score) best = { azimuth, elevation, score };
  }
  return { azimuth: best.azimuth, elevation: best.elevation };
}
