// A line chart of several runs' loss per step on shared axes, with a dashed pattern per line (so the lines differ
// without colour) and an optional cursor at the step being shown.

import { numberText } from "../common/format.js";
import { linear, niceTicks, robustRange, svgEl } from "../common/svg.js";


const MARGIN = { top: 10, right: 12, bottom: 26, left: 50 };

export class LinesChart {
  constructor(svg) {
    this.svg = svg;
    this.series = [];
    this.range = null;
    this.cursor = null;
    this.width = 0;
    this.height = 0;
    this.axes = svgEl("g", { class: "axes", "aria-hidden": "true" }, svg);
    this.paths = svgEl("g", { class: "paths" }, svg);
    this.mark = svgEl("line", { class: "cursor", visibility: "hidden" }, svg);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.draw();
  }

  /**
   * Show series [{values, className, mark}] for steps 0..n (non-finite values break the line; `mark` is a step to
   * ring, such as where the run settled); `range` fixes the loss axis.
   */
  show(series, range = null) {
    this.series = series;
    this.range = range;
    this.draw();
  }

  /** Put the cursor at `step` (null hides it). */
  at(step) {
    this.cursor = step;
    this.placeCursor();
  }

  draw() {
    if (!(this.width > 0) || !this.series.length) return;
    const { top, right, bottom, left } = MARGIN;
    const last = Math.max(1, ...this.series.map((s) => s.values.length - 1));
    const [lo, hi] = this.range || robustRange(this.series.flatMap((s) => s.values));
    const pad = (hi - lo) * 0.08;
    this.x = linear(0, last, left, this.width - right);
    const y = linear(lo - pad, hi + pad, this.height - bottom, top);
    this.axes.replaceChildren();
    for (const v of niceTicks(lo - pad, hi + pad, Math.max(2, Math.round(this.height / 45)))) {
      svgEl("line", { class: "grid", x1: left, x2: this.width - right, y1: y(v), y2: y(v) }, this.axes);
      svgEl("text", { class: "tick", x: left - 6, y: y(v), dy: "0.35em", "text-anchor": "end" }, this.axes).textContent =
        numberText(v);
    }
    for (const v of niceTicks(0, last, Math.max(2, Math.round(this.width / 90)))) {
      if (!Number.isInteger(v)) continue;
      svgEl("text", { class: "tick", x: this.x(v), y: this.height - 8, "text-anchor": "middle" }, this.axes).textContent =
        String(v);
    }
    const clamp = (v) => Math.max(top - 4, Math.min(this.height - bottom + 4, v));
    this.paths.replaceChildren();
    for (const s of this.series) {
      let d = "";
      let pen = "M";
      s.values.forEach((v, i) => {
        if (!Number.isFinite(v)) {
          pen = "M";
          return;
        }
        d += `${pen}${this.x(i).toFixed(1)},${clamp(y(v)).toFixed(1)}`;
        pen = "L";
      });
      svgEl("path", { class: `line ${s.className}`, d }, this.paths);
      const v = s.values[s.mark];
      if (Number.isInteger(s.mark) && Number.isFinite(v)) {
        svgEl("circle", { class: `settle ${s.className}`, cx: this.x(s.mark), cy: clamp(y(v)), r: 4.5 }, this.paths);
      }
    }
    this.placeCursor();
  }

  placeCursor() {
    if (this.cursor === null || !this.x) {
      this.mark.setAttribute("visibility", "hidden");
      return;
    }
    const px = this.x(this.cursor).toFixed(1);
    for (const [k, v] of Object.entries({ x1: px, x2: px, y1: MARGIN.top, y2: this.height - MARGIN.bottom })) {
      this.mark.setAttribute(k, String(v));
    }
    this.mark.setAttribute("visibility", "visible");
  }
}
