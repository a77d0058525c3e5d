// The loss curve as SVG: axes, the curve, its dips, the trail of past steps, and the ball with its tangent line.
// Drawing only: where the ball is comes from the caller, and per frame only the ball's transform changes.

import { numberText } from "./format.js";
import { linear, niceTicks, robustRange, svgEl } from "./svg.js";
import { t } from "./words.js";

const MARGIN = { top: 18, right: 18, bottom: 42, left: 52 };
const BALL_RADIUS = 10;
const TANGENT_HALF = 38;
const TRAIL_LIMIT = 240;
const DIP_LABEL_ROOM = 22;
let clipCount = 0;

export class CurvePlot {
  /** Build the plot's layers inside `svg` (an empty <svg> element sized by CSS); `labels` names the two axes. */
  constructor(svg, labels = { x: t("w, the setting →"), y: t("loss ↑") }) {
    this.svg = svg;
    this.labels = labels;
    this.landscape = null;
    this.width = 0;
    this.height = 0;
    const clipId = `plot-clip-${(clipCount += 1)}`;
    const defs = svgEl("defs", {}, svg);
    this.clipRect = svgEl("rect", {}, svgEl("clipPath", { id: clipId }, defs));
    this.axes = svgEl("g", { class: "axes", "aria-hidden": "true" }, svg);
    const inside = svgEl("g", { "clip-path": `url(#${clipId})` }, svg);
    this.areaPath = svgEl("path", { class: "curve-area", "aria-hidden": "true" }, inside);
    this.curvePath = svgEl("path", { class: "curve" }, inside);
    this.dips = svgEl("g", { class: "dips", "aria-hidden": "true" }, inside);
    this.trail = svgEl("g", { class: "trail", "aria-hidden": "true" }, inside);
    this.ball = svgEl("g", { class: "ball" }, inside);
    this.tilt = svgEl("g", {}, this.ball);
    svgEl("line", { class: "tangent", x1: -TANGENT_HALF, x2: TANGENT_HALF, y1: 0, y2: 0 }, this.tilt);
    svgEl("circle", { class: "ball-body", cx: 0, cy: -BALL_RADIUS - 1.5, r: BALL_RADIUS }, this.tilt);
    svgEl("circle", { class: "contact", cx: 0, cy: 0, r: 2.5 }, this.tilt);
    this.offchart = svgEl("g", { class: "offchart", visibility: "hidden", "aria-hidden": "true" }, svg);
    this.offArrow = svgEl("path", { d: "M0,-9 L12,0 L0,9 Z" }, this.offchart);
    this.offLabel = svgEl("text", { "text-anchor": "end", dy: "0.35em" }, this.offchart);
  }

  /** Match the drawing to the element's size in CSS pixels, then redraw. */
  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const { top, right, bottom, left } = MARGIN;
    const area = { x: left, y: top, width: width - left - right, height: height - top - bottom };
    for (const [k, v] of Object.entries(area)) this.clipRect.setAttribute(k, String(Math.max(0, v)));
    this.draw();
  }

  /** Show a landscape from /api/landscape: {window, curve: {w, loss}, minima, ...}. */
  setLandscape(landscape) {
    this.landscape = landscape;
    const [lo, hi] = robustRange(landscape.curve.loss);
    const pad = (hi - lo) * 0.08;
    this.lossRange = [lo - pad, hi + pad];
    this.draw();
  }

  get ready() {
    return Boolean(this.landscape && this.width > 0);
  }

  /** Redraw everything that depends on size or landscape. */
  draw() {
    if (!this.ready) return;
    const { top, right, bottom, left } = MARGIN;
    const [w0, w1] = this.landscape.window;
    this.x = linear(w0, w1, left, this.width - right);
    // room under the lowest dip for its label
    this.y = linear(this.lossRange[0], this.lossRange[1], this.height - bottom - DIP_LABEL_ROOM, top);
    this.drawAxes();
    const runs = this.curveRuns();
    this.curvePath.setAttribute("d", runs.map((run) => `M${run.join("L")}`).join(""));
    const floor = (this.height - MARGIN.bottom).toFixed(1);
    const area = runs.filter((run) => run.length > 1).map((run) => {
      const [first, last] = [run[0].split(",")[0], run[run.length - 1].split(",")[0]];
      return `M${first},${floor}L${run.join("L")}L${last},${floor}Z`;
    });
    this.areaPath.setAttribute("d", area.join(""));
    this.drawDips();
  }

  drawAxes() {
    this.axes.replaceChildren();
    const { top, bottom, left, right } = MARGIN;
    const base = this.height - bottom;
    for (const v of niceTicks(...this.landscape.window, Math.max(3, Math.round(this.width / 110)))) {
      const px = this.x(v);
      svgEl("line", { class: "grid", x1: px, x2: px, y1: top, y2: base }, this.axes);
      svgEl("text", { class: "tick", x: px, y: base + 18, "text-anchor": "middle" }, this.axes).textContent =
        numberText(v);
    }
    for (const v of niceTicks(...this.lossRange, Math.max(3, Math.round(this.height / 70)))) {
      const py = this.y(v);
      svgEl("line", { class: "grid", x1: left, x2: this.width - right, y1: py, y2: py }, this.axes);
      svgEl("text", { class: "tick", x: left - 8, y: py, dy: "0.35em", "text-anchor": "end" }, this.axes).textContent =
        numberText(v);
    }
    svgEl("text", { class: "axis-label", x: this.width - right, y: this.height - 4, "text-anchor": "end" }, this.axes)
      .textContent = this.labels.x;
    svgEl("text", { class: "axis-label", x: left + 6, y: top + 12 }, this.axes).textContent = this.labels.y;
  }

  /** The curve as runs of "x,y" screen points, broken where the loss is undefined. */
  curveRuns() {
    const { w, loss } = this.landscape.curve;
    const runs = [];
    let run = [];
    for (let i = 0; i < w.length; i += 1) {
      const v = loss[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        if (run.length) runs.push(run);
        run = [];
        continue;
      }
      run.push(`${this.x(w[i]).toFixed(1)},${clampPx(this.y(v))}`);
    }
    if (run.length) runs.push(run);
    return runs;
  }

  drawDips() {
    this.dips.replaceChildren();
    for (const dip of this.landscape.minima || []) {
      const { x, y } = this.point(dip.w, dip.loss);
      svgEl("circle", { class: dip.global ? "dip lowest" : "dip", cx: x, cy: y, r: 5 }, this.dips);
      if (dip.global) {
        svgEl("text", { class: "dip-label", x, y: y + 22, "text-anchor": "middle" }, this.dips).textContent =
          t("lowest point");
      }
    }
  }

  /** Screen position of (w, loss). */
  point(w, loss) {
    return { x: this.x(w), y: this.y(loss) };
  }

  /** The setting w under the horizontal screen position `px`, kept inside the curve's window. */
  settingAt(px) {
    const [w0, w1] = this.landscape.window;
    return Math.min(w1, Math.max(w0, this.x.invert(px)));
  }

  /** The loss read off the drawn curve at w (for dragging, before the engine's exact numbers arrive). */
  lossAt(w) {
    const { w: ws, loss } = this.landscape.curve;
    const at = Math.floor(((w - ws[0]) / (ws[ws.length - 1] - ws[0])) * (ws.length - 1));
    const i = Math.max(0, Math.min(ws.length - 2, at));
    const [a, b] = [loss[i], loss[i + 1]];
    if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.isFinite(a) ? a : b;
    const f = (w - ws[i]) / (ws[i + 1] - ws[i]);
    return a + (b - a) * Math.min(1, Math.max(0, f));
  }

  /** The tangent's screen angle (degrees) for a slope in loss per unit of w. */
  angleOf(slope) {
    if (!Number.isFinite(slope)) return 0;
    return (Math.atan((slope * this.y.k) / this.x.k) * 180) / Math.PI;
  }

  /** Put the ball at screen (x, y), tilted to `angle`; the only per-frame DOM write. */
  placeBall(x, y, angle, opacity = 1) {
    this.ball.setAttribute("transform", `translate(${clampPx(x)} ${clampPx(y)})`);
    this.tilt.setAttribute("transform", `rotate(${angle.toFixed(2)})`);
    this.ball.setAttribute("opacity", opacity.toFixed(3));
  }

  /** Is screen point (x, y) inside the plotting area? */
  inside(x, y) {
    return x >= MARGIN.left && x <= this.width - MARGIN.right && y >= MARGIN.top && y <= this.height - MARGIN.bottom;
  }

  /** Show (or hide, with null) a marker at the edge pointing to where the ball is, off the chart. */
  markOffChart(w, x, y) {
    if (w === null || this.inside(x, y)) {
      this.offchart.setAttribute("visibility", "hidden");
      return;
    }
    const cx = Math.min(this.width - MARGIN.right - 14, Math.max(MARGIN.left + 14, x));
    const cy = Math.min(this.height - MARGIN.bottom - 12, Math.max(MARGIN.top + 12, y));
    const angle = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
    this.offArrow.setAttribute("transform", `rotate(${angle.toFixed(1)})`);
    this.offLabel.textContent = t("ball at w = {w}", { w: numberText(w) });
    const toLeft = cx > this.width / 2;
    this.offLabel.setAttribute("text-anchor", toLeft ? "end" : "start");
    this.offLabel.setAttribute("x", toLeft ? "-16" : "16");
    this.offchart.setAttribute("transform", `translate(${cx.toFixed(1)} ${cy.toFixed(1)})`);
    this.offchart.setAttribute("visibility", "visible");
  }

  /** Draw the faint trail: dotted hops through `points` ([{w, loss}], oldest first, the ball's own place last). */
  drawTrail(points) {
    this.trail.replaceChildren();
    if (!this.ready) return;
    const screen = points.slice(-TRAIL_LIMIT).map((p) => this.point(p.w, p.loss));
    if (screen.length > 1) {
      const d = screen.map((p, i) => `${i ? "L" : "M"}${clampPx(p.x)},${clampPx(p.y)}`).join("");
      svgEl("path", { class: "trail-path", d }, this.trail);
    }
    const past = screen.slice(0, -1);
    past.forEach((p, i) => {
      const opacity = 0.35 + (0.55 * (i + 1)) / past.length;
      svgEl("circle", { class: "trail-dot", cx: clampPx(p.x), cy: clampPx(p.y), r: 3.5, opacity }, this.trail);
    });
  }
}

function clampPx(v) {
  return (Number.isFinite(v) ? Math.max(-1e4, Math.min(1e4, v)) : -1e4).toFixed(1);
}
