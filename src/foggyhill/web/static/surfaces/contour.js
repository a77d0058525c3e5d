// The filled contour map: the loss as bands of viridis with a darker line where one band meets the next, the dips,
// saddles and hilltops marked and named, the ball's path, the ball, the slope's arrow and (on request) the steepest
// direction of the dip ahead. A click picks the start.

import { numberText } from "../common/format.js";
import { num, t } from "../common/words.js";
import { arrowLength, frameOf, headingTo, lossAt, sameScale, typicalSlope } from "./geometry.js";
import { bandColours, bandOf, niceTicks as ticks } from "./levels.js";
import { arrow, ball, fitCanvas, haloLine, mark, tag, themeColours } from "./paint.js";

const MARGIN = { left: 46, right: 12, top: 12, bottom: 40 };
const EDGE_DARKEN = 0.62; // a band's edge pixel keeps this share of its colour: the contour line

export class ContourMap {
  constructor(canvas, { onPick, onHover }) {
    this.canvas = canvas;
    this.onPick = onPick;
    this.onHover = onHover;
    this.surface = null;
    this.field = null;
    this.width = 0;
    this.height = 0;
    this.state = null;
    canvas.addEventListener("click", (event) => this.click(event));
    canvas.addEventListener("pointermove", (event) => this.hover(event));
    canvas.addEventListener("pointerleave", () => this.onHover && this.onHover(null));
  }

  get ready() {
    return Boolean(this.surface && this.frame);
  }

  resize(width, height) {
    const wanted = this.wantedHeight(width);
    if (wanted && Math.abs(wanted - height) > 1) {
      this.canvas.style.height = `${wanted}px`; // the size observer calls again with it
      return;
    }
    this.width = width;
    this.height = height;
    this.layout();
  }

  /** The canvas height that fits the window's shape at this width (one scale: as tall as the window is). */
  wantedHeight(width) {
    if (!this.surface) return null;
    const inner = width - MARGIN.left - MARGIN.right;
    const win = this.surface.window;
    const shape = sameScale(win) ? (win.w2[1] - win.w2[0]) / (win.w1[1] - win.w1[0]) : 0.8;
    const tallest = Math.max(240, 0.75 * window.innerHeight);
    return Math.round(Math.min(tallest, Math.max(0.5 * inner, shape * inner)) + MARGIN.top + MARGIN.bottom);
  }

  /** A new surface (with its grid) and its loss scale. */
  setSurface(surface, scale) {
    this.surface = surface;
    this.scale = scale;
    this.typical = typicalSlope(surface.grid);
    const box = this.canvas.getBoundingClientRect();
    if (box.width) this.resize(box.width, box.height);
  }

  layout() {
    if (!this.surface || !this.width) return;
    const { ctx, ratio } = fitCanvas(this.canvas, this.width, this.height);
    this.ctx = ctx;
    this.ratio = ratio;
    this.colours = themeColours(this.canvas);
    const box = { left: MARGIN.left, top: MARGIN.top, width: this.width - MARGIN.left - MARGIN.right,
      height: this.height - MARGIN.top - MARGIN.bottom };
    this.frame = frameOf(this.surface.window, box);
    const f = this.frame;
    // Where the window sits on the canvas, in CSS pixels: tests and tools can aim a click at a point (w1, w2).
    this.canvas.dataset.frame = [f.left, f.top, f.width, f.height].map((v) => v.toFixed(2)).join(",");
    this.field = this.paintField();
    this.draw(this.state);
  }

  /** The bands as an offscreen canvas at the screen's own pixels, computed once per surface and size. */
  paintField() {
    const f = this.frame;
    const w = Math.max(1, Math.round(f.width * this.ratio));
    const h = Math.max(1, Math.round(f.height * this.ratio));
    const bands = new Int16Array(w * h);
    const grid = this.surface.grid;
    for (let py = 0; py < h; py += 1) {
      const w2 = f.w2(f.top + (py + 0.5) / this.ratio);
      for (let px = 0; px < w; px += 1) {
        const loss = lossAt(grid, f.w1(f.left + (px + 0.5) / this.ratio), w2);
        bands[py * w + px] = loss === null ? -1 : bandOf(this.scale.t(loss));
      }
    }
    const colours = bandColours();
    const image = new ImageData(w, h);
    const blank = hexRgb(this.colours.sunken);
    for (let k = 0; k < w * h; k += 1) {
      const b = bands[k];
      const rgb = b < 0 ? blank : colours[b];
      const x = k % w;
      const edge = b >= 0 && ((x + 1 < w && bands[k + 1] > b) || (k + w < w * h && bands[k + w] > b) ||
        (x > 0 && bands[k - 1] > b) || (k >= w && bands[k - w] > b));
      const shade = edge ? EDGE_DARKEN : 1;
      image.data[4 * k] = rgb[0] * shade;
      image.data[4 * k + 1] = rgb[1] * shade;
      image.data[4 * k + 2] = rgb[2] * shade;
      image.data[4 * k + 3] = 255;
    }
    const field = document.createElement("canvas");
    field.width = w;
    field.height = h;
    field.getContext("2d").putImageData(image, 0, 0);
    return field;
  }

  /**
   * Draw everything for `state`: {path: [[w1, w2]...], ball: {w, loss} or null, slope, steep: bool, flew: {from, to}}.
   */
  draw(state) {
    this.state = state;
    if (!this.field || !this.ctx) return;
    const { ctx, frame: f, colours } = this;
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.drawImage(this.field, f.left, f.top, f.width, f.height);
    this.axes();
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    const at = state && state.ball ? [f.x(state.ball.w[0]), f.y(state.ball.w[1])] : null;
    const slope = at && state.slope && !state.moving ? this.slopeMarks(at[0], at[1], state.slope) : null;
    const reserved = [state && state.steepAt ? this.steepLabel(state.steepAt).box : null, slope && slope.box];
    this.points(at, reserved.filter(Boolean));
    if (state) this.path(state);
    ctx.restore();
    if (state) this.ballAndArrows(state, slope);
    if (state && state.flew) this.flewOff(state.flew);
    this.canvas.dataset.drawn = `${this.surface.name}:${state && state.index}`;
  }

  axes() {
    const { ctx, frame: f, colours } = this;
    ctx.strokeStyle = colours.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(f.left - 0.5, f.top - 0.5, f.width + 1, f.height + 1);
    ctx.fillStyle = colours.muted;
    ctx.font = `${colours.text}px ${colours.font}`;
    const [a0, a1] = this.surface.window.w1;
    const [b0, b1] = this.surface.window.w2;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const v of ticks(a0, a1, f.width / 70)) ctx.fillText(numberText(v), f.x(v), f.top + f.height + 5);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of ticks(b0, b1, f.height / 45)) ctx.fillText(numberText(v), f.left - 6, f.y(v));
    ctx.font = `italic 600 ${colours.text}px ${colours.font}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    ctx.fillText("w1 →", f.left + f.width / 2, f.top + f.height + 34);
    ctx.save();
    ctx.translate(12, f.top + f.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText("w2 →", 0, 0);
    ctx.restore();
  }

  /**
   * The dips, saddles and hilltops with their names. Each name goes above right of its mark, else above left, below
   * right or below left, wherever it covers neither another name nor the ball; if nowhere, it is left out.
   */
  points(ballAt, reserved = []) {
    const { ctx, frame: f, colours } = this;
    const s = this.surface;
    const all = [
      ...s.dips.map((p) => ({ p, kind: "dip", words: p.global ? t("lowest point") : t("dip") })),
      ...s.saddles.map((p) => ({ p, kind: "saddle", words: t("saddle") })),
      ...s.hilltops.map((p) => ({ p, kind: "hilltop", words: t("hilltop") })),
    ];
    for (const { p, kind } of all) mark(ctx, kind, f.x(p.w[0]), f.y(p.w[1]), p.global);
    const taken = ballAt ? [{ left: ballAt[0] - 10, right: ballAt[0] + 10, top: ballAt[1] - 10, bottom: ballAt[1] + 10 }] : [];
    taken.push(...reserved);
    const overlaps = (box) => taken.some((b) => b.left < box.right && box.left < b.right && b.top < box.bottom &&
      box.top < b.bottom);
    ctx.font = `600 ${colours.text}px ${colours.font}`;
    for (const { p, words } of all) {
      const x = f.x(p.w[0]);
      const y = f.y(p.w[1]);
      const width = ctx.measureText(words).width + 8;
      // Near first; a step further out when the ball sits on the mark.
      const spots = [0, 10].flatMap((gap) => [[1, -1], [-1, -1], [1, 1], [-1, 1]].map(([side, up]) => {
        const left = side > 0 ? x + 6 + gap : x - 14 - gap - width;
        const baseline = up < 0 ? y - 7 - gap / 2 : y + colours.text + 8 + gap / 2;
        return { side, gap, baseline, box: { left, right: left + width + 8, top: baseline - colours.text, bottom: baseline + 6 } };
      }));
      const fits = (spot) => spot.box.left >= f.left && spot.box.right <= f.left + f.width + 4 &&
        spot.box.top >= f.top - 2 && spot.box.bottom <= f.top + f.height + 4 && !overlaps(spot.box);
      const spot = spots.find(fits);
      if (!spot) continue;
      taken.push(spot.box);
      const at = spot.side > 0 ? x + 10 + spot.gap : x - 10 - spot.gap;
      tag(ctx, colours, words, at, spot.baseline, spot.side > 0 ? "left" : "right");
    }
  }

  path(state) {
    const { ctx, frame: f } = this;
    for (const racer of state.race || []) {
      const pts = racer.path.map(([a, b]) => [f.x(a), f.y(b)]);
      haloLine(ctx, pts, { colour: racer.colour, width: 2 });
      const [x, y] = pts[pts.length - 1];
      if (racer.gone) continue;
      ctx.beginPath();
      ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
      ctx.fillStyle = racer.colour;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#10151b";
      ctx.stroke();
    }
    const pts = state.path.map(([a, b]) => [f.x(a), f.y(b)]);
    if (state.ball) pts.push([f.x(state.ball.w[0]), f.y(state.ball.w[1])]);
    haloLine(ctx, pts);
    ctx.fillStyle = "#ffffff";
    for (const [x, y] of pts.slice(0, -1)) {
      ctx.beginPath();
      ctx.arc(x, y, 2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** The steepest direction if asked for, the slope's arrow (`slope`, from slopeMarks) and the ball. */
  ballAndArrows(state, slope) {
    const { ctx, frame: f, colours } = this;
    if (state.steepAt) this.steepest(state.steepAt);
    if (!state.ball) return;
    if (slope) {
      arrow(ctx, ...slope.from, ...slope.tip);
      tag(ctx, colours, t("slope"), slope.x, slope.baseline, "centre");
    }
    ball(ctx, colours, f.x(state.ball.w[0]), f.y(state.ball.w[1]));
  }

  /**
   * The slope at the ball (x, y) as an arrow pointing uphill (each step goes against it), and its label just beyond
   * the arrow's tip, far enough along the arrow that it covers neither the arrow nor the ball; `box` is the label's.
   */
  slopeMarks(x, y, slope) {
    const { ctx, frame: f, colours } = this;
    const dx = slope[0] * f.sx;
    const dy = -slope[1] * f.sy;
    const size = Math.hypot(dx, dy);
    const length = size > 0 ? arrowLength(Math.hypot(slope[0], slope[1]), this.typical) : 0;
    if (!length) return null;
    const [ux, uy] = [dx / size, dy / size];
    const tip = [x + ux * (9 + length), y + uy * (9 + length)];
    ctx.font = `600 ${colours.text}px ${colours.font}`;
    const [hw, hh] = [ctx.measureText(t("slope")).width / 2 + 4, colours.text / 2 + 3]; // half the label's box
    const reach = 5 + Math.abs(ux) * hw + Math.abs(uy) * hh;
    const cx = Math.min(this.width - hw, Math.max(hw, tip[0] + ux * reach));
    const cy = Math.min(this.height - hh, Math.max(hh, tip[1] + uy * reach));
    const box = { left: cx - hw, right: cx + hw, top: cy - hh, bottom: cy + hh };
    return { from: [x + ux * 9, y + uy * 9], tip, x: cx, baseline: cy + colours.text / 2 - 3, box };
  }

  /** A label's anchor moved inside the canvas (`room`: about how wide the label is). */
  inside(x, y, room) {
    const size = this.colours.text;
    return [Math.min(this.width - room, Math.max(room, x)), Math.min(this.height - 8, Math.max(size + 4, y))];
  }

  /** The dip's steepest direction (its larger curvature) as a double arrow, the gentle one as a thin line. */
  steepest(dip) {
    const { ctx, frame: f, colours } = this;
    const x = f.x(dip.w[0]);
    const y = f.y(dip.w[1]);
    const reach = 0.16 * Math.min(f.width, f.height);
    const screen = (v) => {
      const dx = v[0] * f.sx;
      const dy = -v[1] * f.sy;
      const n = Math.hypot(dx, dy) || 1;
      return [dx / n, dy / n];
    };
    const [gx, gy] = screen(dip.directions[0]);
    ctx.save();
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x - gx * reach * 0.8, y - gy * reach * 0.8);
    ctx.lineTo(x + gx * reach * 0.8, y + gy * reach * 0.8);
    ctx.stroke();
    ctx.restore();
    const [sx, sy] = screen(dip.directions[1]);
    arrow(ctx, x, y, x + sx * reach, y + sy * reach, { colour: colours.orange });
    arrow(ctx, x, y, x - sx * reach, y - sy * reach, { colour: colours.orange });
    const label = this.steepLabel(dip);
    tag(ctx, colours, label.words, label.x, label.y, label.align);
  }

  /** Where the steepest direction's words go (beyond the tip of its arrow), and the box they cover. */
  steepLabel(dip) {
    const { ctx, frame: f, colours } = this;
    const v = dip.directions[1];
    const dx = v[0] * f.sx;
    const dy = -v[1] * f.sy;
    const n = Math.hypot(dx, dy) || 1;
    const reach = 0.16 * Math.min(f.width, f.height);
    const ex = f.x(dip.w[0]) + (dx / n) * reach;
    const ey = f.y(dip.w[1]) + (dy / n) * reach;
    const words = t("steepest: curvature {curvature}", { curvature: num(String(Number(dip.curvatures[1].toPrecision(3)))) });
    ctx.font = `600 ${colours.text}px ${colours.font}`;
    const width = ctx.measureText(words).width;
    const right = ex + width + 18 < this.width;
    const [lx, ly] = this.inside(ex + (right ? 8 : -8), ey + (dy >= 0 ? 16 : -6), 10);
    const x = right ? Math.min(lx, this.width - width - 10) : Math.max(lx, width + 10);
    const left = right ? x - 4 : x - width - 4;
    return { words, x, y: ly, align: right ? "left" : "right",
      box: { left, right: left + width + 8, top: ly - colours.text, bottom: ly + 6 } };
  }

  /** Where the ball left: an arrow from its last place along its last move, to the edge. */
  flewOff({ from, toward }) {
    const { ctx, frame: f, colours } = this;
    const x = f.x(from[0]);
    const y = f.y(from[1]);
    const dx = toward[0] * f.sx;
    const dy = -toward[1] * f.sy;
    const n = Math.hypot(dx, dy) || 1;
    arrow(ctx, x, y, x + (dx / n) * 50, y + (dy / n) * 50, { colour: colours.vermillion });
    tag(ctx, colours, "flew off", x + (dx / n) * 54, y + (dy / n) * 54 + 4, dx >= 0 ? "left" : "right");
  }

  /** The (w1, w2) under a pointer event, or null outside the map. */
  at(event) {
    if (!this.ready) return null;
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const f = this.frame;
    if (x < f.left || x > f.left + f.width || y < f.top || y > f.top + f.height) return null;
    return [f.w1(x), f.w2(y)];
  }

  click(event) {
    const w = this.at(event);
    if (w && this.onPick) this.onPick(w);
  }

  hover(event) {
    if (!this.onHover) return;
    const w = this.at(event);
    this.onHover(w ? { w, loss: lossAt(this.surface.grid, w[0], w[1]) } : null);
  }

  /** The dip ahead of a ball, for the caller's words. */
  dipAhead(w, slope) {
    return headingTo(this.surface, w, slope);
  }
}

function hexRgb(colour) {
  const m = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return [240, 238, 232];
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
