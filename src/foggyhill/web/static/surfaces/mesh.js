// The 3-D view: the surface as a shaded mesh on a plain 2-D canvas (painter's order, no WebGL), its height and colour
// the same scale as the map's, with the ball and its path on it. Turned by dragging (mouse, pen or a sideways swipe),
// by the arrow keys when it has the focus, and by its buttons.

import { lossAt, sameScale } from "./geometry.js";
import { viridis } from "./levels.js";
import { ball, fitCanvas, haloLine, mark, themeColours } from "./paint.js";

const MAX_CELLS = 48; // cells per side: smooth enough to read, cheap enough to turn at the screen's frame rate
const HEIGHT = 0.9; // the surface's height next to its half-width of 1
const LIGHT = normalise([-0.4, 0.5, 0.75]);
const TURN_KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
export const KEY_DEGREES = 6;
const ELEVATION = { min: 8, max: 88 };
export const HOME = { azimuth: -35, elevation: 32 };

function normalise(v) {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/**
 * Project a point (x, y, z) of the unit box for a view turned by `azimuth` and tilted to `elevation` (degrees):
 * {x, y} across and up the screen (units of the box) and `depth`, larger nearer the viewer.
 */
export function project(x, y, z, azimuth, elevation) {
  const a = (azimuth * Math.PI) / 180;
  const e = (elevation * Math.PI) / 180;
  const xr = x * Math.cos(a) - y * Math.sin(a);
  const yr = x * Math.sin(a) + y * Math.cos(a);
  return { x: xr, y: yr * Math.sin(e) + z * Math.cos(e), depth: -yr * Math.cos(e) + z * Math.sin(e) };
}

export class SurfaceView {
  constructor(canvas, { onTurn } = {}) {
    this.canvas = canvas;
    this.onTurn = onTurn;
    this.azimuth = HOME.azimuth;
    this.elevation = HOME.elevation;
    this.mesh = null;
    this.state = null;
    this.width = 0;
    this.height = 0;
    this.wire();
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    ({ ctx: this.ctx } = fitCanvas(this.canvas, width, height));
    this.colours = themeColours(this.canvas);
    this.draw(this.state);
  }

  /** A new surface and the loss scale its heights and colours follow. */
  setSurface(surface, scale) {
    this.surface = surface;
    this.scale = scale;
    this.mesh = buildMesh(surface, scale);
    this.draw(this.state);
  }

  /** Turn by whole degrees (azimuth round, elevation up), kept between a side view and a view from above. */
  turn(dAzimuth, dElevation) {
    this.azimuth = (((this.azimuth + dAzimuth + 180) % 360) + 360) % 360 - 180;
    this.elevation = Math.min(ELEVATION.max, Math.max(ELEVATION.min, this.elevation + dElevation));
    this.draw(this.state);
    if (this.onTurn) this.onTurn(this);
  }

  home() {
    this.turn(HOME.azimuth - this.azimuth, HOME.elevation - this.elevation);
  }

  wire() {
    let last = null;
    this.canvas.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      last = { x: event.clientX, y: event.clientY };
      this.canvas.setPointerCapture(event.pointerId);
    });
    this.canvas.addEventListener("pointermove", (event) => {
      if (!last) return;
      const dx = event.clientX - last.x;
      const dy = event.clientY - last.y;
      last = { x: event.clientX, y: event.clientY };
      this.turn(-dx * 0.5, dy * 0.4);
    });
    const end = () => {
      last = null;
    };
    this.canvas.addEventListener("pointerup", end);
    this.canvas.addEventListener("pointercancel", end);
    this.canvas.addEventListener("keydown", (event) => {
      const move = TURN_KEYS[event.key];
      if (event.key === "Home") {
        event.preventDefault();
        this.home();
        return;
      }
      if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation(); // the page's own arrow keys step the ball; here they turn the view
      this.turn(move[0] * KEY_DEGREES, move[1] * KEY_DEGREES);
    });
  }

  /** Draw the mesh and, for `state` ({path: [{w, loss}], ball: {w, loss}}), the path and the ball. */
  draw(state) {
    this.state = state;
    if (!this.ctx || !this.mesh || !this.width) return;
    const { ctx, mesh } = this;
    const size = Math.min(this.width, this.height * 1.25) / (2 * mesh.radius) * 0.95;
    const cx = this.width / 2;
    const cy = this.height / 2 + 6;
    const view = (x, y, z) => {
      const p = project(x, y, z - HEIGHT / 2, this.azimuth, this.elevation);
      return [cx + p.x * size, cy - p.y * size, p.depth];
    };
    ctx.clearRect(0, 0, this.width, this.height);
    const { points, cells } = mesh;
    const sx = new Float64Array(points.length);
    const sy = new Float64Array(points.length);
    const depth = new Float64Array(points.length);
    points.forEach(([x, y, z], k) => {
      [sx[k], sy[k], depth[k]] = Number.isNaN(z) ? [NaN, NaN, NaN] : view(x, y, z);
    });
    this.base(view);
    const far = new Float64Array(cells.length);
    cells.forEach((c, i) => {
      far[i] = depth[c.corners[0]] + depth[c.corners[1]] + depth[c.corners[2]] + depth[c.corners[3]];
    });
    const order = Uint32Array.from(cells.keys()).sort((a, b) => far[a] - far[b]);
    // Each cell is grown by half a pixel around its middle, so no hairline of the background shows between cells.
    for (const i of order) {
      const c = cells[i];
      const [p, q, r, t] = c.corners;
      const mx = (sx[p] + sx[q] + sx[r] + sx[t]) / 4;
      const my = (sy[p] + sy[q] + sy[r] + sy[t]) / 4;
      ctx.fillStyle = c.colour;
      ctx.beginPath();
      for (const k of c.corners) {
        const dx = sx[k] - mx;
        const dy = sy[k] - my;
        const n = Math.hypot(dx, dy) || 1;
        ctx.lineTo(sx[k] + (0.6 * dx) / n, sy[k] + (0.6 * dy) / n);
      }
      ctx.closePath();
      ctx.fill();
    }
    this.points(view);
    if (state) this.run(state, view);
    this.canvas.dataset.view = `${Math.round(this.azimuth)},${Math.round(this.elevation)}`;
  }

  /** The window's floor outline and the axes' names, for a sense of which way is which. */
  base(view) {
    const { ctx, mesh, colours } = this;
    const [ax, ay] = mesh.half;
    const corners = [[-ax, -ay], [ax, -ay], [ax, ay], [-ax, ay]].map(([x, y]) => view(x, y, 0));
    ctx.strokeStyle = colours.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    corners.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.closePath();
    ctx.stroke();
    ctx.fillStyle = colours.muted;
    ctx.font = `italic 600 ${colours.text}px ${colours.font}`;
    ctx.textAlign = "center";
    const w1 = view(ax * 1.18, -ay, 0);
    const w2 = view(-ax, ay * 1.18, 0);
    ctx.fillText("w1", w1[0], w1[1]);
    ctx.fillText("w2", w2[0], w2[1]);
  }

  /** The dips and saddles, lifted a little off the surface so they are not hidden inside it. */
  points(view) {
    const s = this.surface;
    const at = (p) => this.place(p.w, p.loss, view);
    for (const p of s.dips) {
      const [x, y] = at(p);
      mark(this.ctx, "dip", x, y, p.global);
    }
    for (const p of s.saddles) {
      const [x, y] = at(p);
      mark(this.ctx, "saddle", x, y);
    }
  }

  /** Screen point of (w1, w2) at the height of `loss`. */
  place(w, loss, view) {
    const [x, y] = this.mesh.toBox(w[0], w[1]);
    const z = Math.min(1.25, Math.max(0, this.scale.t(loss))) * HEIGHT + 0.02;
    return view(x, y, z);
  }

  run(state, view) {
    const grid = this.surface.grid;
    const onSurface = (w, loss) => this.place(w, lossAt(grid, w[0], w[1]) ?? loss, view);
    const win = this.surface.window;
    const inside = (w) => w[0] >= win.w1[0] && w[0] <= win.w1[1] && w[1] >= win.w2[0] && w[1] <= win.w2[1];
    // Only the path over the surface is drawn: a ball that swings out past the window's edge leaves a gap.
    const stops = state.ball ? [...state.path, state.ball] : state.path;
    let piece = [];
    for (const s of stops) {
      if (inside(s.w)) piece.push(onSurface(s.w, s.loss));
      else piece = this.pathPiece(piece);
    }
    this.pathPiece(piece);
    if (state.ball && inside(state.ball.w)) {
      const [x, y] = onSurface(state.ball.w, state.ball.loss);
      ball(this.ctx, this.colours, x, y, 6.5);
    }
  }

  pathPiece(points) {
    if (points.length > 1) haloLine(this.ctx, points.map(([x, y]) => [x, y]), { width: 1.8 });
    return [];
  }
}

/** The grid thinned to at most MAX_CELLS a side, in the unit box, with each cell's colour shaded by a fixed light. */
export function buildMesh(surface, scale) {
  const grid = surface.grid;
  const every = Math.max(1, Math.ceil((grid.n - 1) / MAX_CELLS));
  const idx = [];
  for (let i = 0; i < grid.n; i += every) idx.push(i);
  if (idx[idx.length - 1] !== grid.n - 1) idx.push(grid.n - 1);
  const win = surface.window;
  const spanA = win.w1[1] - win.w1[0];
  const spanB = win.w2[1] - win.w2[0];
  const half = sameScale(win) ? [spanA / Math.max(spanA, spanB), spanB / Math.max(spanA, spanB)] : [1, 1];
  const toBox = (w1, w2) => [
    (2 * (w1 - win.w1[0]) / spanA - 1) * half[0],
    (2 * (w2 - win.w2[0]) / spanB - 1) * half[1],
  ];
  const m = idx.length;
  const points = [];
  for (const j of idx) {
    for (const i of idx) {
      const loss = grid.loss[j][i];
      const [x, y] = toBox(grid.w1[i], grid.w2[j]);
      const t = loss === null ? NaN : Math.min(1.25, Math.max(0, scale.t(loss)));
      points.push([x, y, t * HEIGHT]);
    }
  }
  const cells = [];
  for (let b = 0; b < m - 1; b += 1) {
    for (let a = 0; a < m - 1; a += 1) {
      const corners = [b * m + a, b * m + a + 1, (b + 1) * m + a + 1, (b + 1) * m + a];
      const zs = corners.map((k) => points[k][2]);
      if (zs.some(Number.isNaN)) continue;
      cells.push({ corners, colour: shade(points, corners) });
    }
  }
  return { points, cells, half, toBox, radius: Math.hypot(half[0], half[1], HEIGHT / 2) };
}

function shade(points, [p, q, r, s]) {
  const [x0, y0, z0] = points[p];
  const [x1, , z1] = points[q];
  const [, y3, z3] = points[s];
  const [, , z2] = points[r];
  const dzdx = ((z1 - z0) + (z2 - z3)) / 2 / (x1 - x0);
  const dzdy = ((z3 - z0) + (z2 - z1)) / 2 / (y3 - y0);
  const n = normalise([-dzdx, -dzdy, 1]);
  const light = 0.55 + 0.45 * Math.max(0, n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
  const t = Math.min(1, (z0 + z1 + z2 + z3) / 4 / HEIGHT);
  const [rr, gg, bb] = viridis(t);
  return `rgb(${Math.round(rr * light)}, ${Math.round(gg * light)}, ${Math.round(bb * light)})`;
}
