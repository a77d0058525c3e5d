// The 3-D view: the surface as a shaded mesh on a plain 2-D canvas (painter's order, no WebGL), its height and colour
// the same scale as the map's, with the ball and its path on it. Turned by dragging (mouse, pen or a sideways swipe),
// by the arrow keys when it has the focus, and by its buttons.

import { lossAt, sameScale } from "./geometry.js";
import { HEIGHT, bestView, inSight } from "./sight.js";
import { viridis } from "./levels.js";
import { ball, fitCanvas, haloLine, mark, themeColours } from "./paint.js";

const MAX_CELLS = 48; // cells per side: smooth enough to read, cheap enough to turn at the screen's frame rate
const LIGHT = normalise([-0.4, 0.5, 0.75]);
const TURN_KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
export const KEY_DEGREES = 6;
const ELEVATION = { min: 8, max: 88 };
const HIDDEN_ALPHA = 0.35; // what the surface hides is drawn this faint
const RACER_TAIL = 8; // steps of each racing rule's path drawn behind its dot
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

  /** A new surface and the loss scale its heights and colours follow; the view turns to its own home. */
  setSurface(surface, scale) {
    this.surface = surface;
    this.scale = scale;
    this.mesh = buildMesh(surface, scale);
    this.homeView = bestView(this, HOME);
    this.azimuth = this.homeView.azimuth;
    this.elevation = this.homeView.elevation;
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
    const home = this.homeView || HOME;
    this.turn(home.azimuth - this.azimuth, home.elevation - this.elevation);
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
      far[i] = depth[c.corners[0]] + depth[c.corners[1]] + depth[c.corners[2]];
    });
    const order = Uint32Array.from(cells.keys()).sort((a, b) => far[a] - far[b]);
    // Each cell is grown by half a pixel around its middle, so no hairline of the background shows between cells.
    for (const i of order) {
      const c = cells[i];
      const [p, q, r] = c.corners;
      const mx = (sx[p] + sx[q] + sx[r]) / 3;
      const my = (sy[p] + sy[q] + sy[r]) / 3;
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
    this.sides(view);
    this.names(view);
    this.points(view);
    if (state) this.run(state, view);
    this.canvas.dataset.view = `${Math.round(this.azimuth)},${Math.round(this.elevation)}`;
  }

  /** The block's sides that face the viewer, drawn last: nothing of the surface lies in front of them. */
  sides(view) {
    const { ctx, mesh } = this;
    const a = (this.azimuth * Math.PI) / 180;
    const toward = [-Math.sin(a), -Math.cos(a)];
    for (const { outward, parts } of mesh.sides) {
      if (outward[0] * toward[0] + outward[1] * toward[1] <= 0) continue;
      // A plain cut face in the page's own greys, lighter on the side turned to the light: the colours stay the loss's.
      const colour = outward[0] * LIGHT[0] + outward[1] * LIGHT[1] > 0 ? this.colours.line : this.colours.lineStrong;
      for (const { p, q } of parts) {
        const [x0, y0, z0] = mesh.points[p];
        const [x1, y1, z1] = mesh.points[q];
        const corners = [view(x0, y0, z0), view(x1, y1, z1), view(x1, y1, 0), view(x0, y0, 0)];
        ctx.fillStyle = colour;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 0.8;
        ctx.beginPath();
        corners.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  /** The window's floor outline, for a sense of which way is which. */
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
  }

  /** The axes' names under the middle of the block's sides that face the viewer: in front, never hidden. */
  names(view) {
    const { ctx, mesh, colours } = this;
    const [ax, ay] = mesh.half;
    const a = (this.azimuth * Math.PI) / 180;
    const toward = [-Math.sin(a), -Math.cos(a)];
    ctx.fillStyle = colours.muted;
    ctx.font = `italic 600 ${colours.text}px ${colours.font}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    const faces = [[[0, -1], "w1 →"], [[0, 1], "w1"], [[-1, 0], "w2"], [[1, 0], "w2 →"]];
    for (const [[nx, ny], name] of faces) {
      if (nx * toward[0] + ny * toward[1] <= 0.2) continue;
      const [x, y] = view(nx * (ax + 0.16), ny * (ay + 0.16), 0);
      ctx.fillText(name.replace(" →", ""), Math.min(this.width - 14, Math.max(14, x)), Math.min(this.height - 8, y));
    }
    ctx.textBaseline = "alphabetic";
  }

  /** The dips and saddles, lifted a little off the surface; faint where the surface hides them. */
  points(view) {
    const s = this.surface;
    for (const [list, kind] of [[s.dips, "dip"], [s.saddles, "saddle"]]) {
      for (const p of list) {
        const spot = this.spot(p.w, p.loss, view);
        this.ctx.globalAlpha = spot.seen ? 1 : HIDDEN_ALPHA;
        mark(this.ctx, kind, spot.x, spot.y, p.global);
      }
    }
    this.ctx.globalAlpha = 1;
  }

  /** Where (w1, w2) at the height of `loss` is drawn ({x, y}), and whether it is in sight ({seen}). */
  spot(w, loss, view) {
    const [x, y] = this.mesh.toBox(w[0], w[1]);
    const z = Math.min(1.25, Math.max(0, this.scale.t(loss))) * HEIGHT + 0.02;
    const [sx, sy] = view(x, y, z);
    return { x: sx, y: sy, seen: inSight(this, x, y, z) };
  }

  /** The path and the ball; what the surface hides is drawn faint, so the eye still follows it. */
  run(state, view) {
    const grid = this.surface.grid;
    const win = this.surface.window;
    const inside = (w) => w[0] >= win.w1[0] && w[0] <= win.w1[1] && w[1] >= win.w2[0] && w[1] <= win.w2[1];
    for (const racer of state.race || []) this.racer(racer, view, inside);
    const stops = state.ball ? [...state.path, state.ball] : state.path;
    // Only the path over the surface is drawn: a ball that swings out past the window's edge leaves a gap.
    let piece = [];
    let seen = null;
    for (const s of stops) {
      if (!inside(s.w)) {
        piece = this.pathPiece(piece, seen);
        continue;
      }
      const spot = this.spot(s.w, lossAt(grid, s.w[0], s.w[1]) ?? s.loss, view);
      if (seen !== null && spot.seen !== seen && piece.length) {
        const last = piece[piece.length - 1];
        this.pathPiece(piece, seen);
        piece = [last];
      }
      seen = spot.seen;
      piece.push([spot.x, spot.y]);
    }
    this.pathPiece(piece, seen);
    if (state.ball && inside(state.ball.w)) {
      const spot = this.spot(state.ball.w, lossAt(grid, state.ball.w[0], state.ball.w[1]) ?? state.ball.loss, view);
      this.ctx.globalAlpha = spot.seen ? 1 : HIDDEN_ALPHA + 0.2;
      ball(this.ctx, this.colours, spot.x, spot.y, 6.5);
      this.ctx.globalAlpha = 1;
    }
  }

  /** A racing rule: its last few steps and a dot where it is, in its colour (the map shows its whole path). */
  racer({ colour, path, gone }, view, inside) {
    if (gone) return;
    const tail = path.slice(-RACER_TAIL).filter(inside);
    if (!tail.length) return;
    const grid = this.surface.grid;
    const spots = tail.map((w) => this.spot(w, lossAt(grid, w[0], w[1]) ?? 0, view));
    const last = spots[spots.length - 1];
    this.ctx.globalAlpha = last.seen ? 1 : HIDDEN_ALPHA;
    haloLine(this.ctx, spots.map((p) => [p.x, p.y]), { colour, width: 1.6 });
    this.ctx.beginPath();
    this.ctx.arc(last.x, last.y, 4.5, 0, 2 * Math.PI);
    this.ctx.fillStyle = colour;
    this.ctx.fill();
    this.ctx.lineWidth = 1.5;
    this.ctx.strokeStyle = "#10151b";
    this.ctx.stroke();
    this.ctx.globalAlpha = 1;
  }

  pathPiece(points, seen) {
    if (points.length > 1) {
      this.ctx.globalAlpha = seen === false ? HIDDEN_ALPHA : 1;
      haloLine(this.ctx, points, { width: 1.8 });
      this.ctx.globalAlpha = 1;
    }
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
  // Each square is cut in two triangles along the diagonal whose ends are closer in height: a narrow valley running
  // diagonally then follows the cut instead of breaking into a saw-tooth.
  const cells = [];
  for (let b = 0; b < m - 1; b += 1) {
    for (let a = 0; a < m - 1; a += 1) {
      const [p, q, r, s] = [b * m + a, b * m + a + 1, (b + 1) * m + a + 1, (b + 1) * m + a];
      const z = (k) => points[k][2];
      if ([p, q, r, s].some((k) => Number.isNaN(z(k)))) continue;
      const halves = Math.abs(z(p) - z(r)) <= Math.abs(z(q) - z(s)) ? [[p, q, r], [p, r, s]] : [[p, q, s], [q, r, s]];
      for (const corners of halves) cells.push({ corners, colour: shade(points, corners) });
    }
  }
  // The four sides of the block under the surface, from its edge down to the floor: drawn on the sides facing the
  // viewer, they close the surface off where a rising edge would show its underside.
  const side = (ks, outward) => ({
    outward,
    parts: ks.slice(1).map((k, i) => {
      const [p, q] = [ks[i], k];
      const ok = !Number.isNaN(points[p][2]) && !Number.isNaN(points[q][2]);
      return ok ? { p, q } : null;
    }).filter(Boolean),
  });
  const range = [...Array(m).keys()];
  const sides = [
    side(range.map((a) => a), [0, -1]),
    side(range.map((a) => (m - 1) * m + a), [0, 1]),
    side(range.map((b) => b * m), [-1, 0]),
    side(range.map((b) => b * m + m - 1), [1, 0]),
  ];
  return { points, cells, sides, half, toBox, radius: Math.hypot(half[0], half[1], HEIGHT / 2) };
}

function shade(points, corners) {
  const [a, b, c] = corners.map((k) => points[k]);
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  let n = normalise([u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]);
  if (n[2] < 0) n = n.map((x) => -x);
  const light = 0.55 + 0.45 * Math.max(0, n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
  const t = Math.min(1, (a[2] + b[2] + c[2]) / 3 / HEIGHT);
  const [rr, gg, bb] = viridis(t);
  return `rgb(${Math.round(rr * light)}, ${Math.round(gg * light)}, ${Math.round(bb * light)})`;
}
