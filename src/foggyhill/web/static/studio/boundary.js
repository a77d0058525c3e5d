// What the network learned over the plane of two features: each of the 40 × 40 cells in the colour of the class
// it picks there (paler where it is less sure), or shaded by the number it predicts, with the data's points on top
// in their class's colour and shape, axes in the data's own units, and a legend. Redrawn from each live snapshot.

import { el } from "../common/dom.js";
import { numberText } from "../common/format.js";
import { linear, niceTicks, svgEl } from "../common/svg.js";
import { t } from "../common/words.js";
import { whenWords } from "./network.js";

// Okabe–Ito, in an order whose first pairs stay apart for every kind of colour blindness.
export const CLASS_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442", "#000000"];
const SHAPES = ["circle", "square", "triangle", "diamond"];
// A sequential scale for a number (pale to dark, readable without hue): paper yellow, sky, deep blue.
const RAMP = [[253, 246, 216], [86, 180, 233], [10, 61, 102]];
const MARGIN = { top: 10, right: 12, bottom: 40, left: 52 };

/** The colour of a number `t` in [0, 1] on the sequential scale. */
export function rampColour(t) {
  const s = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(s));
  const f = s - i;
  const mix = RAMP[i].map((c, k) => Math.round(c + (RAMP[i + 1][k] - c) * f));
  return `rgb(${mix.join(" ")})`;
}

export class BoundaryView {
  /** Draw into `svg`; `caption` gets the summary in words, `legend` (a list) the classes or the scale. */
  constructor(svg, caption, legend) {
    this.svg = svg;
    this.caption = caption;
    this.legend = legend;
    this.width = 0;
    this.height = 0;
    this.plane = null;
  }

  /** A whole boundary effect, or a training's static parts joined with a round's {grid, confidence}. */
  show(plane) {
    this.plane = plane;
    this.draw();
    this.fillLegend();
  }

  /** A live snapshot for the plane already shown. */
  update(network, snapshot, round) {
    if (!this.plane || this.plane.network !== network) return;
    this.plane = { ...this.plane, ...snapshot, round, trained: true, snapshots: (this.plane.snapshots ?? 0) + 1 };
    this.draw();
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.draw();
  }

  draw() {
    this.svg.replaceChildren();
    const p = this.plane;
    if (!p || !p.grid || !(this.width > 0)) return;
    const x = linear(...p.x_range, MARGIN.left, this.width - MARGIN.right);
    const y = linear(...p.y_range, this.height - MARGIN.bottom, MARGIN.top);
    this.drawCells(p, x, y);
    this.drawAxes(p, x, y);
    const dots = svgEl("g", { class: "points" }, this.svg);
    for (const [px, py, v] of p.points) point(dots, x(px), y(py), v, p.classes);
    this.svg.dataset.round = String(p.round ?? "");
    this.svg.dataset.snapshots = String(p.snapshots ?? 0);
    this.svg.dataset.network = p.network;
    this.caption.textContent = summary(p);
  }

  drawCells(p, x, y) {
    const cells = svgEl("g", { class: "cells" }, this.svg);
    const w = Math.abs(x(p.xs[1]) - x(p.xs[0]));
    const h = Math.abs(y(p.ys[0]) - y(p.ys[1]));
    const [lo, hi] = p.classes ? [0, 1] : valueRange(p.grid);
    const count = p.classes ? p.classes.length : 1;
    p.grid.forEach((row, r) => row.forEach((v, c) => {
      const attrs = { x: (x(p.xs[c]) - w / 2).toFixed(2), y: (y(p.ys[r]) - h / 2).toFixed(2),
        width: (w + 0.6).toFixed(2), height: (h + 0.6).toFixed(2) };
      if (p.classes) {
        // Lightness says how sure: a coin toss between the classes is pale, certainty is the full colour.
        const sure = (p.confidence[r][c] - 1 / count) / (1 - 1 / count);
        attrs.fill = CLASS_COLOURS[v % CLASS_COLOURS.length];
        attrs["fill-opacity"] = (0.12 + 0.6 * Math.min(1, Math.max(0, sure))).toFixed(3);
      } else {
        attrs.fill = rampColour((v - lo) / (hi - lo || 1));
      }
      svgEl("rect", attrs, cells);
    }));
  }

  drawAxes(p, x, y) {
    const axes = svgEl("g", { class: "axes", "aria-hidden": "true" }, this.svg);
    const base = this.height - MARGIN.bottom;
    svgEl("rect", { class: "frame", x: MARGIN.left, y: MARGIN.top, width: this.width - MARGIN.left - MARGIN.right,
      height: base - MARGIN.top }, axes);
    for (const v of niceTicks(...p.x_range, Math.max(2, Math.round(this.width / 90)))) {
      tick(axes, x(v), base + 15, numberText(v), "middle");
    }
    for (const v of niceTicks(...p.y_range, Math.max(2, Math.round(this.height / 60)))) {
      tick(axes, MARGIN.left - 6, y(v), numberText(v), "end");
    }
    tick(axes, (MARGIN.left + this.width - MARGIN.right) / 2, this.height - 6, `${p.features[0]} →`, "middle",
      "axis-name");
    const name = tick(axes, 0, 0, `${p.features[1]} →`, "middle", "axis-name");
    name.setAttribute("transform", `translate(12 ${(MARGIN.top + base) / 2}) rotate(-90)`);
  }

  fillLegend() {
    const p = this.plane;
    if (!p) return;
    if (p.classes) {
      this.legend.replaceChildren(...p.classes.map((name, k) => el("li", {}, swatch(k), name)));
      return;
    }
    const [lo, hi] = p.points.length ? valueRange([p.points.map((q) => q[2])]) : [0, 1];
    const bar = svgEl("svg", { class: "ramp", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true" });
    for (let k = 0; k < 20; k += 1) svgEl("rect", { x: k * 5, y: 0, width: 5.3, height: 10, fill: rampColour(k / 19) }, bar);
    const range = { low: numberText(lo), high: numberText(hi) };
    this.legend.replaceChildren(el("li", {}, t("{target}: low", p), bar, t("high")),
      el("li", { class: "range" }, t("data from {low} to {high}", range)));
  }
}

/** A small SVG of class k's colour and shape, for the legend. */
function swatch(k) {
  const svg = svgEl("svg", { class: "swatch", viewBox: "-7 -7 14 14", "aria-hidden": "true" });
  point(svg, 0, 0, k, ["class"]);
  return svg;
}

/** One data point: the class's colour and shape with a dark outline, or a number's shade as a circle. */
function point(parent, px, py, v, classes) {
  const fill = classes ? CLASS_COLOURS[v % CLASS_COLOURS.length] : "currentColor";
  const shape = classes ? SHAPES[v % SHAPES.length] : "circle";
  const r = 4.2;
  const attrs = { class: `point c${classes ? v : "n"}`, fill };
  if (shape === "circle") return svgEl("circle", { ...attrs, cx: px, cy: py, r }, parent);
  if (shape === "square") return svgEl("rect", { ...attrs, x: px - r + 0.6, y: py - r + 0.6, width: 2 * r - 1.2, height: 2 * r - 1.2 }, parent);
  const d = shape === "triangle"
    ? `M${px},${py - r - 1}L${px + r + 0.5},${py + r - 0.5}L${px - r - 0.5},${py + r - 0.5}Z`
    : `M${px},${py - r - 1}L${px + r + 1},${py}L${px},${py + r + 1}L${px - r - 1},${py}Z`;
  return svgEl("path", { ...attrs, d }, parent);
}

function tick(parent, x, y, words, anchor, cls = "tick") {
  const node = svgEl("text", { class: cls, x, y, dy: "0.35em", "text-anchor": anchor }, parent);
  node.textContent = words;
  return node;
}

function valueRange(rows) {
  const values = rows.flat().filter(Number.isFinite);
  return values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
}

/** The plane in words: what is shown, and how much of it each class takes. */
export function summary(p) {
  const [x, y] = p.features;
  const said = { network: p.network, dataset: p.dataset, x, y, when: whenWords(p), target: p.target, points: p.points.length };
  if (!p.classes) {
    return t("{network} on {dataset} over {x} and {y}, {when}: shaded by the {target} it predicts, pale low to dark high; {points} points.", said);
  }
  const counts = p.classes.map(() => 0);
  for (const row of p.grid) for (const v of row) counts[v] += 1;
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const shares = p.classes.map((name, k) => `${name} ${Math.round((100 * counts[k]) / total)}%`).join(", ");
  said.shares = shares;
  return t("{network} on {dataset} over {x} and {y}, {when}: {shares} of the plane; {points} points drawn on top.", said);
}
