// Backpropagation one step at a time, from explain_step's `step` effect: the inputs, each layer forward (x, z, a),
// the loss, each layer backward (slope for a × local slope = slope for z, and each weight's slope), and the update
// new = old − speed × slope. The learner walks through it with Back and Next (or the arrow keys); the network
// drawing lights the layer being explained.

import { el } from "../common/dom.js";
import { numberText } from "../common/format.js";
import { LANGUAGE, num, t } from "../common/words.js";

const MOST_COLUMNS = 12;  // a wider vector shows its first 12 values and says how many more
const STEEPEST = 4;  // weights spelled out per layer, the steepest first

const n = (v) => numberText(v, { digits: 4 });
const LIST = LANGUAGE === "es" ? "; " : ", ";  // where a decimal comma is written, a comma cannot part numbers

/** A translated sentence as nodes: each `{name}` left in it by t() becomes the element `elements[name]`. */
function sentence(text, elements) {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? elements[piece] ?? `{${piece}}` : piece)).filter((p) => p !== "");
}

export class StepView {
  /** Fill `root` (a section with [data-stage], [data-count], [data-back], [data-next]); `onLayer(layer|null)`. */
  constructor(root, { onLayer }) {
    this.root = root;
    this.onLayer = onLayer;
    this.stageBox = root.querySelector("[data-stage]");
    this.count = root.querySelector("[data-count]");
    this.back = root.querySelector("[data-back]");
    this.next = root.querySelector("[data-next]");
    this.back.addEventListener("click", () => this.go(this.at - 1));
    this.next.addEventListener("click", () => this.go(this.at + 1));
    root.addEventListener("keydown", (e) => this.key(e));
    this.stages = [];
    this.at = 0;
  }

  show(step) {
    this.step = step;
    this.stages = stagesOf(step);
    this.go(0);
  }

  go(index) {
    if (!this.stages.length) return;
    this.at = Math.max(0, Math.min(this.stages.length - 1, index));
    const stage = this.stages[this.at];
    const part = { part: this.at + 1, parts: this.stages.length, title: stage.title };
    this.count.textContent = t("Part {part} of {parts}: {title}", part);
    this.stageBox.replaceChildren(...stage.draw(this.step));
    this.back.disabled = this.at === 0;
    this.next.disabled = this.at === this.stages.length - 1;
    this.root.dataset.stage = stage.kind;
    this.onLayer(stage.layer ?? null);
  }

  key(event) {
    if (event.target.closest("input, textarea, select")) return;
    const moves = { ArrowRight: 1, ArrowLeft: -1, PageDown: 1, PageUp: -1 };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.go(this.at + move);
    (move > 0 ? this.next : this.back).focus();
    if (document.activeElement.disabled) this.count.focus();
  }
}

/** The parts of one step, in the order backpropagation goes. */
export function stagesOf(step) {
  const layers = step.layers;
  return [
    { kind: "inputs", title: t("forward, the inputs"), layer: 0, draw: inputs },
    ...layers.map((l) => ({
      kind: "forward", title: t("forward, layer {layer}", { layer: l.number }), layer: l.number, draw: (s) => forward(s, l),
    })),
    { kind: "loss", title: t("the loss"), layer: layers.length, draw: loss },
    ...[...layers].reverse().map((l) => ({
      kind: "backward", title: t("backward, layer {layer}", { layer: l.number }), layer: l.number, draw: (s) => backward(s, l),
    })),
    { kind: "update", title: t("the update"), layer: null, draw: update },
  ];
}

function inputs(s) {
  const row = { row: s.row, dataset: s.dataset };
  const words = t("Row {row} of {dataset}, whose right answer is {answer}. Its features, scaled as in training, are the values the first layer takes in.", row);
  return [
    el("p", {}, ...sentence(words, { answer: el("strong", {}, String(s.target)) })),
    vectors(s.inputs, [[t("as in the data"), s.raw], [t("scaled, x"), s.layers[0].x]]),
  ];
}

function forward(s, l) {
  const out = l.role === "output";
  const said = { layer: l.number, role: l.role, size: l.size, kind: l.kind };
  const words = out
    ? t("Layer {layer} ({role} {size} {kind}) takes x from below, weighs it: {formula}, and its z become the answer.", said)
    : t("Layer {layer} ({role} {size} {kind}) takes x from below, weighs it: {formula}, then its activation gives a = {kind}(z).", said);
  return [
    el("p", {}, ...sentence(words, { formula: el("code", {}, "z = x · W + b") })),
    vectors(names(s, l.number - 1, l.x.length), [[t("x, coming in"), l.x]]),
    vectors(names(s, l.number, l.size), [["z = x · W + b", l.z], ...(out ? [] : [[`a = ${l.kind}(z)`, l.a]])]),
  ];
}

function loss(s) {
  const last = s.layers[s.layers.length - 1];
  const words = s.classes
    ? sentence(
      t("The chances ({kind}) the network gives each class; the loss is minus the log of the chance of the right one, {answer}.", { kind: last.kind }),
      { answer: el("strong", {}, String(s.target)) },
    )
    : [t("The network's answer (on the training scale) against the right one, {answer}.", { answer: numberText(Number(s.target)) })];
  const answers = [s.answer].flat().map(n).join(LIST);
  const sum = { name: s.loss_name, loss: n(s.loss) };
  return [
    el("p", {}, ...words),
    s.classes ? vectors(s.classes, [[t("chance"), s.answer]]) : el("p", {}, t("answer: {answers}", { answers })),
    el("p", { class: "sum" }, t("loss ({name}) = {loss}", sum)),
  ];
}

function backward(s, l) {
  const top = l.number === s.layers.length;
  const how = top
    ? t("For the output layer the loss's slope for z comes straight from the answer (for classes: the chance minus 1 for the right class, the chance for the others).")
    : t("The slope for a is the slopes for z above, sent back through their weights; times the activation's own (local) slope, it gives the slope for z.");
  const count = l.slopes.length * l.size;
  const more = { count: num(count.toLocaleString("en")), shown: Math.min(STEEPEST, count) };
  return [
    el("p", {}, how),
    vectors(names(s, l.number, l.size), [
      [t("slope for a (upstream)"), l.slope_a], [t("× local, {kind}'(z)", l), l.local], [t("= slope for z"), l.slope_z],
    ]),
    el("p", {}, t("Each weight's slope is the slope for z of the neuron it leads to, times the value coming in along it:")),
    el("ul", { class: "sums" }, steepest(l).map(([i, j]) => el("li", {}, slopeSum(l, i, j)))),
    el("p", { class: "more" }, t("{count} weights in this layer, the {shown} steepest shown; a bias's slope is its neuron's slope for z (times 1).", more)),
  ];
}

function update(s) {
  const speed = { speed: numberText(s.speed), from: s.speed_from };
  const rows = s.layers.flatMap((l) => steepest(l).slice(0, 2).map(([i, j]) => el("tr", {},
    el("th", { scope: "row" }, weightName(l.number, i, j)),
    el("td", {}, n(l.weights[i][j])), el("td", {}, n(l.slopes[i][j])), el("td", {}, n(l.new_weights[i][j])))));
  return [
    el("p", {}, ...sentence(
      t("Every weight takes one step downhill: {formula}, with speed {speed} ({from}). explain_step only shows it: no weight was changed.", speed),
      { formula: el("code", {}, t("new = old − speed × slope")) },
    )),
    el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t("The update of the steepest weights") },
      el("table", { class: "numbers" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("weight")), el("th", { scope: "col" }, t("old")),
          el("th", { scope: "col" }, t("slope")), el("th", { scope: "col" }, t("new")))),
        el("tbody", {}, rows))),
  ];
}

/** One weight's slope as a sum: the slope for z it leads to times the value coming in along it. */
function slopeSum(l, i, j) {
  const said = { from: i + 1, to: j + 1, z: n(l.slope_z[j]), x: n(l.x[i]), slope: n(l.slopes[i][j]) };
  return t("weight [{from}, {to}]: slope = {z} × {x} = {slope}", said);
}

/** A row of the update's table: which weight of which layer (0-based indexes shown 1-based). */
function weightName(layer, i, j) {
  const said = { layer, from: i + 1, to: j + 1 };
  return t("layer {layer}, weight [{from}, {to}]", said);
}

/** Indexes [i, j] of a layer's steepest weights, steepest first. */
function steepest(l) {
  const all = l.slopes.flatMap((row, i) => row.map((v, j) => [i, j, Math.abs(v)]));
  return all.sort((a, b) => b[2] - a[2]).slice(0, STEEPEST);
}

/** Column names for the values of layer `k` (0: the inputs' feature names; the output: the classes). */
function names(s, k, size) {
  if (k === 0) return s.inputs;
  if (k === s.layers.length && s.classes) return s.classes;
  return Array.from({ length: size }, (_, i) => `${i + 1}`);
}

/** A table of named rows of numbers, one column per value; wide ones scroll and say how many are left out. */
function vectors(columns, rows) {
  const shown = columns.slice(0, MOST_COLUMNS);
  const more = columns.length - shown.length;
  const head = el("tr", {}, el("td", {}), shown.map((c) => el("th", { scope: "col" }, c)), more ? el("th", { scope: "col" }, t("+{more} more", { more })) : null);
  const body = rows.map(([name, values]) => el("tr", {}, el("th", { scope: "row" }, name),
    values.slice(0, MOST_COLUMNS).map((v) => el("td", {}, n(v))), more ? el("td", {}, "…") : null));
  return el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": rows.map((r) => r[0]).join(", ") },
    el("table", { class: "numbers" }, el("thead", {}, head), el("tbody", {}, body)));
}
