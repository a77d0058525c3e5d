// A small line chart of one value per step (the loss so far), redrawn once per step, never per frame.

import { formatNumber } from "./format.js";
import { linear, niceTicks, robustRange, svgEl } from "./svg.js";

const MARGIN = { top: 10, right: 12, bottom: 24, left: 58 };

export class StepChart {
  /** Build the chart inside `svg`; `label` names the value (e.g. "loss"). */
  constructor(svg, { label = "loss", minSteps = 10 } = {}) {
    this.svg = svg;
    this.label = label;
    this.minSteps = minSteps;
    this.values = [];
    this.width = 0;
    this.height = 0;
    this.axes = svgEl("g", { class: "axes", "aria-hidden": "true" }, svg);
    this.line = svgEl("path", { class: "chart-line" }, svg);
    this.dot = svgEl("circle", { class: "chart-dot", r: 4, visibility: "hidden" }, svg);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.draw();
  }

  /** Show `values` (finite numbers; others are skipped) for steps 0..values.length-1. */
  show(values) {
    this.values = values;
    this.draw();
  }

  draw() {
    if (!(this.width > 0)) return;
    const { top, right, bottom, left } = MARGIN;
    const lastStep = Math.max(this.minSteps, this.values.length - 1);
    const [lo, hi] = robustRange(this.values.length ? this.values : [0, 1]);
    const pad = (hi - lo) * 0.1;
    const x = linear(0, lastStep, left, this.width - right);
    const y = linear(lo - pad, hi + pad, this.height - bottom, top);
    this.axes.replaceChildren();
    for (const v of niceTicks(lo - pad, hi + pad, Math.max(2, Math.round(this.height / 45)))) {
      svgEl("line", { class: "grid", x1: left, x2: this.width - right, y1: y(v), y2: y(v) }, this.axes);
      const label = { class: "tick", x: left - 6, y: y(v), dy: "0.35em", "text-anchor": "end" };
      svgEl("text", label, this.axes).textContent = formatNumber(v);
    }
    for (const v of niceTicks(0, lastStep, Math.max(2, Math.round(this.width / 80)))) {
      if (!Number.isInteger(v)) continue;
      svgEl("text", { class: "tick", x: x(v), y: this.height - 6, "text-anchor": "middle" }, this.axes).textContent =
        String(v);
    }
    const clamp = (v) => Math.max(top - 4, Math.min(this.height - bottom + 4, v));
    let d = "";
    let pen = "M";
    let last = null;
    this.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        pen = "M";
        return;
      }
      last = [x(i), clamp(y(v))];
      d += `${pen}${last[0].toFixed(1)},${last[1].toFixed(1)}`;
      pen = "L";
    });
    this.line.setAttribute("d", d);
    this.dot.setAttribute("visibility", last ? "visible" : "hidden");
    if (last) {
      this.dot.setAttribute("cx", last[0].toFixed(1));
      this.dot.setAttribute("cy", last[1].toFixed(1));
    }
  }
}
