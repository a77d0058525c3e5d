// The network drawn: inputs on the left, each layer a column of neurons, each weight an edge, sky blue when positive
// and orange when negative (Okabe–Ito, as render/network_view.py draws the PNG), thicker the larger it is. It is
// redrawn from each live snapshot while the network trains, and an edge can be picked to see its weight's own hill.

import { numberText } from "../common/format.js";
import { svgEl } from "../common/svg.js";
import { t } from "../common/words.js";

const MOST_NEURONS = 40;  // per column; a bigger layer is drawn as its first and last 20, as the PNG does
const PAD = { top: 16, bottom: 16, left: 92, right: 92 };

/** Which neurons of a layer get a circle (0-based): all, or the first and last halves of MOST_NEURONS. */
export function drawnRows(size) {
  if (size <= MOST_NEURONS) return [...Array(size).keys()];
  const half = MOST_NEURONS / 2;
  return [...Array(half).keys(), ...Array.from({ length: half }, (_, k) => size - half + k)];
}

export class NetworkView {
  /** Draw into `svg`; `caption` gets the summary in words; `onPick(layer, from, to)` when an edge is clicked. */
  constructor(svg, caption, { onPick }) {
    this.svg = svg;
    this.caption = caption;
    this.onPick = onPick;
    this.width = 0;
    this.height = 0;
    this.picture = null;
    this.focus = null;
    this.pickable = false;
    svg.addEventListener("click", (e) => this.clicked(e));
  }

  /** A whole picture: {network, sizes, layers, inputs, outputs, edges, edges_total, shown, round?}. */
  show(picture) {
    this.picture = picture;
    this.draw();
  }

  /** A live snapshot of the network already shown: new edges (and the round they are from); `names` (the
   * training's {inputs, outputs}) label a picture drawn before training, when its names were not known yet. */
  update(network, snapshot, round, names = null) {
    if (!this.picture || this.picture.network !== network) return;
    const shown = snapshot.edges.length === snapshot.edges_total ? t("every weight") : this.picture.shown;
    const labels = names ? { inputs: names.inputs, outputs: names.outputs } : {};
    const snapshots = (this.picture.snapshots ?? 0) + 1;
    this.picture = { ...this.picture, ...labels, edges: snapshot.edges, edges_total: snapshot.edges_total, shown, round, snapshots };
    this.draw();
  }

  /** Dim every layer but `layer` (1-based, the layer after the inputs), or none with null. */
  highlight(layer) {
    this.focus = layer;
    if (layer === null) this.svg.removeAttribute("data-focus");
    else this.svg.setAttribute("data-focus", String(layer));
    this.svg.querySelectorAll(".edge, .neuron").forEach((node) => {
      node.classList.toggle("lit", layer !== null && Number(node.dataset.layer) === layer);
    });
  }

  /** Edges answer clicks only when a run is over (picking one re-runs the program). */
  setPickable(pickable) {
    this.pickable = pickable;
    this.svg.classList.toggle("pickable", pickable);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.draw();
  }

  draw() {
    this.svg.replaceChildren();
    const p = this.picture;
    if (!p || !(this.width > 0)) return;
    const places = this.places(p.sizes);
    const strongest = Math.max(1e-12, ...p.edges.map((e) => Math.abs(e[3])));
    const edges = svgEl("g", { class: "edges" }, this.svg);
    for (const [layer, from, to, weight] of [...p.edges].sort((a, b) => Math.abs(a[3]) - Math.abs(b[3]))) {
      const a = places[layer - 1].get(from - 1);
      const b = places[layer].get(to - 1);
      if (!a || !b) continue;
      const share = Math.abs(weight) / strongest;
      const attrs = { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-layer": layer, "data-from": from, "data-to": to };
      svgEl("line", {
        ...attrs, class: `edge ${weight >= 0 ? "pos" : "neg"}`,
        "stroke-width": (0.8 + 5 * share).toFixed(2), "stroke-opacity": (0.35 + 0.65 * share).toFixed(2),
      }, edges);
      svgEl("line", { ...attrs, class: "hit" }, edges);  // a wide see-through line: thin edges are hard to click
    }
    this.drawNeurons(places, p);
    this.svg.dataset.network = p.network;
    this.svg.dataset.round = String(p.round ?? "");
    this.svg.dataset.snapshots = String(p.snapshots ?? 0);  // how many live pictures it has grown through
    this.svg.dataset.edges = String(edges.childElementCount / 2);
    this.caption.textContent = summary(p);
    if (this.focus !== null) this.highlight(this.focus);
  }

  /** Screen places of the drawn neurons: one Map (neuron index → {x, y}) per column. */
  places(sizes) {
    const left = Math.min(PAD.left, this.width * 0.2);
    const right = Math.min(PAD.right, this.width * 0.2);
    const x0 = left;
    const x1 = this.width - right;
    return sizes.map((size, column) => {
      const x = x0 + (column * (x1 - x0)) / Math.max(1, sizes.length - 1);
      const rows = drawnRows(size);
      const gap = (this.height - PAD.top - PAD.bottom) / rows.length;
      return new Map(rows.map((n, k) => [n, { x, y: PAD.top + (k + 0.5) * gap }]));
    });
  }

  drawNeurons(places, p) {
    const most = Math.max(...places.map((c) => c.size));
    const r = Math.max(2.5, Math.min(9, (this.height - PAD.top - PAD.bottom) / (2.6 * most)));
    const nodes = svgEl("g", { class: "neurons" }, this.svg);
    places.forEach((column, layer) => {
      for (const { x, y } of column.values()) svgEl("circle", { class: "neuron", cx: x, cy: y, r, "data-layer": layer }, nodes);
    });
    const room = Math.min(PAD.left, this.width * 0.2) - r - 6;
    label(nodes, places[0], p.inputs, -r - 6, "end", room);
    if (p.outputs) label(nodes, places[places.length - 1], p.outputs, r + 6, "start", room);
  }

  clicked(event) {
    const edge = event.target.closest(".hit");
    if (!edge || !this.pickable) return;
    const { layer, from, to } = edge.dataset;
    this.onPick(Number(layer), Number(from), Number(to));
  }
}

/** Names beside a column's neurons, cut to fit `room` pixels (about 7 per character). */
function label(parent, column, names, dx, anchor, room) {
  if (!names || column.size > 16) return;  // too many to read; the summary names them
  const most = Math.max(3, Math.floor(room / 7));
  for (const [n, { x, y }] of column) {
    const name = names[n] ?? "";
    const node = svgEl("text", { class: "label", x: x + dx, y, dy: "0.35em", "text-anchor": anchor }, parent);
    node.textContent = name.length > most ? `${name.slice(0, most - 1)}…` : name;
  }
}

/** The picture in words: the layers, how many weights are shown, and the strongest one. */
export function summary(p) {
  const layers = p.layers.map((l) => `${l.size} ${l.kind}`).join(" → ");
  const top = p.edges.reduce((best, e) => (!best || Math.abs(e[3]) > Math.abs(best[3]) ? e : best), null);
  const said = { network: p.network, when: whenWords(p), inputs: p.sizes[0], layers, shown: p.shown };
  if (!top) return t("{network}, {when}: {inputs} inputs → {layers}; {shown} shown.", said);
  [said.layer, said.from, said.to] = top;
  said.weight = numberText(top[3]);
  return t("{network}, {when}: {inputs} inputs → {layers}; {shown} shown; strongest weight {weight} (layer {layer}, from {from} to {to}).", said);
}

/** When a picture of a network was taken: after which round, trained, or before training. */
export function whenWords(p) {
  if (p.round) return t("after round {round}", p);
  return p.trained ? t("trained") : t("before training");
}
