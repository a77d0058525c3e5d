// A small line chart of one value per step (the loss so far, or the distance to the bottom on a log scale),
// redrawn once per step, never per frame.

import { numberText } from "./format.js";
import { linear, niceTicks, robustRange, svgEl } from "./svg.js";

const MARGIN = { top: 10, right: 12, bottom: 24, left: 58 };
const TOP_SHARE = 0.9; // a log chart's top: the value 90% of the steps are below
const FAR = 1e4; // pixels: points further off the chart are drawn here, clipped (huge coordinates upset renderers)
let charts = 0;

/** A linear value axis: the robust range of `values`, padded, with round ticks. */
function linearAxis(values, tickCount) {
  const [lo, hi] = robustRange(values.length ? values : [0, 1]);
  const pad = (hi - lo) * 0.1;
  const ticks = niceTicks(lo - pad, hi + pad, tickCount).map((v) => ({ at: v, text: numberText(v) }));
  return { lo: lo - pad, hi: hi + pad, ticks, place: (v) => (Number.isFinite(v) ? v : null) };
}

/**
 * A log10 value axis: powers of ten as ticks; values at or below `floor` sit on the floor line. The top follows most
 * of the steps (the 90th percentile), not the first few from far away, so a slow fall or a level swing fills the
 * chart; the line leaves through the top edge for the steps above it.
 */
function logAxis(values, tickCount, floor) {
  const place = (v) => (Number.isFinite(v) ? Math.log10(Math.max(v, floor)) : null);
  const logs = values.map(place).filter((v) => v !== null).sort((a, b) => a - b);
  let lo = logs.length ? logs[0] : -1;
  let hi = logs.length ? logs[Math.round(TOP_SHARE * (logs.length - 1))] : 0;
  if (hi - lo < 1) [lo, hi] = [(lo + hi) / 2 - 0.5, (lo + hi) / 2 + 0.5]; // at least one power of ten in view
  const pad = (hi - lo) * 0.06;
  const low = Math.max(Math.log10(floor), lo - pad);
  const every = Math.max(1, Math.ceil((Math.floor(hi + pad) - Math.ceil(low) + 1) / tickCount));
  const ticks = [];
  for (let k = Math.ceil(low); k <= hi + pad; k += 1) {
    if ((k - Math.ceil(low)) % every === 0) ticks.push({ at: k, text: numberText(10 ** k) });
  }
  return { lo: low, hi: hi + pad, ticks, place, onFloor: logs.some((v) => v <= Math.log10(floor)) };
}

export class StepChart {
  /**
   * Build the chart inside `svg`; `label` names the value. With `log`, the value axis is log10 and values at or below
   * `floor` are drawn on a band named `floorLabel` (a distance of 0 has no place on a log scale).
   */
  constructor(svg, { label = "loss", minSteps = 10, log = false, floor = 1e-9, floorLabel = "" } = {}) {
    this.svg = svg;
    this.label = label;
    this.minSteps = minSteps;
    this.log = log;
    this.floor = floor;
    this.floorLabel = floorLabel;
    this.values = [];
    this.width = 0;
    this.height = 0;
    this.axes = svgEl("g", { class: "axes", "aria-hidden": "true" }, svg);
    // Each chart clips its line to its own plot area: an id unique in the document (or a notebook's shadow root).
    charts += 1;
    const clipId = `chart-clip-${charts}-${Math.random().toString(36).slice(2, 7)}`;
    this.clip = svgEl("rect", {}, svgEl("clipPath", { id: clipId }, svgEl("defs", {}, svg)));
    this.line = svgEl("path", { class: "chart-line", "clip-path": `url(#${clipId})` }, svg);
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
    const tickCount = Math.max(2, Math.round(this.height / 45));
    const axis = this.log ? logAxis(this.values, tickCount, this.floor) : linearAxis(this.values, tickCount);
    const x = linear(0, lastStep, left, this.width - right);
    const y = linear(axis.lo, axis.hi, this.height - bottom, top);
    this.axes.replaceChildren();
    if (axis.onFloor && this.floorLabel) this.drawFloor(y(axis.lo), left);
    for (const tick of axis.ticks) {
      svgEl("line", { class: "grid", x1: left, x2: this.width - right, y1: y(tick.at), y2: y(tick.at) }, this.axes);
      const label = { class: "tick", x: left - 6, y: y(tick.at), dy: "0.35em", "text-anchor": "end" };
      svgEl("text", label, this.axes).textContent = tick.text;
    }
    for (const v of niceTicks(0, lastStep, Math.max(2, Math.round(this.width / 80)))) {
      if (!Number.isInteger(v)) continue;
      svgEl("text", { class: "tick", x: x(v), y: this.height - 6, "text-anchor": "middle" }, this.axes).textContent =
        String(v);
    }
    this.drawLine(this.values.map(axis.place), x, y);
  }

  /** The band at the foot of a log chart where values too small to place are drawn. */
  drawFloor(base, left) {
    const band = { class: "floor-band", x: left, y: base - 14, width: this.width - MARGIN.right - left, height: 14 };
    svgEl("rect", band, this.axes);
    const text = { class: "floor-label", x: this.width - MARGIN.right - 4, y: base - 4, "text-anchor": "end" };
    svgEl("text", text, this.axes).textContent = this.floorLabel;
  }

  drawLine(placed, x, y) {
    const { top, right, bottom, left } = MARGIN;
    const clip = { x: left - 4, y: top - 4, width: this.width - right - left + 8, height: this.height - bottom - top + 8 };
    for (const [name, value] of Object.entries(clip)) this.clip.setAttribute(name, String(Math.max(0, value)));
    const far = (v) => Math.max(-FAR, Math.min(FAR, v));
    const clamp = (v) => Math.max(top - 4, Math.min(this.height - bottom + 4, v));
    let d = "";
    let pen = "M";
    let last = null;
    placed.forEach((v, i) => {
      if (v === null) {
        pen = "M";
        return;
      }
      d += `${pen}${x(i).toFixed(1)},${far(y(v)).toFixed(1)}`;
      last = [x(i), clamp(y(v))]; // the dot stays on the chart's edge when the value is off it
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
