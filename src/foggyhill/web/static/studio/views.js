// The views under the editor, fed by a run's events: the network and its decision regions (growing live while it
// trains), one step of backpropagation, a weight's own hill, the digits, the confusion table. A card shows only when
// the program produces its picture. It also keeps the names a page mode needs (which data trained which network).

import { el } from "../common/dom.js";
import { watchSize } from "../common/svg.js";
import { num, t } from "../common/words.js";
import { BoundaryView } from "./boundary.js";
import { NetworkView } from "./network.js";
import { confusionTable, pictureList, wrongList } from "./pictures.js";
import { StepView } from "./stepper.js";
import { WeightCurve } from "./weightcurve.js";

const MOST_EDGES = 1000;  // as the engine sends: a drawing of more would not be read

export class Views {
  /** `root` holds the cards (#network-card, #boundary-card, …); `onPick(layer, from, to)` when an edge is picked. */
  constructor(root, { onPick }) {
    this.root = root;
    const $ = (s) => root.querySelector(s);
    this.cards = Object.fromEntries([...root.querySelectorAll(".view-card")].map((c) => [c.dataset.card, c]));
    this.network = new NetworkView($("#network"), $("#network-caption"), { onPick });
    this.boundary = new BoundaryView($("#boundary"), $("#boundary-caption"), $("#boundary-legend"));
    this.stepper = new StepView($("#step-card"), { onLayer: (layer) => this.network.highlight(layer) });
    this.weight = new WeightCurve($("#weight"), $("#weight-caption"));
    this.pictures = $("#pictures");
    this.confusion = $("#confusion");
    this.wrong = $("#wrong");
    this.watched = new Set();
    this.reset();
  }

  /** A new run: every card hidden, every name forgotten. */
  reset() {
    for (const card of Object.values(this.cards)) card.hidden = true;
    this.network.highlight(null);
    this.datasets = new Map();  // dataset's name → the program's name for it
    this.trainedOn = new Map();  // network → the program's name of the data it last trained on
    this.live = new Map();  // network → the training's views (what its rounds' snapshots belong to)
    this.lastTrained = null;
  }

  /** One event of the program's own run. */
  handle(event) {
    const handler = this[`on_${event.type}`];
    if (handler) handler.call(this, event);
  }

  /** One event of a page-mode run (the program again with `line` added): only what that line produces. */
  handleProbe(event, line) {
    if (event.line === line && (event.type === "step" || event.type === "weight_curve")) this.handle(event);
  }

  on_loaded(e) {
    this.datasets.set(e.dataset, e.name);
  }

  on_training(e) {
    this.trainedOn.set(e.network, this.datasets.get(e.dataset) ?? e.dataset);
    this.lastTrained = e.network;
    this.live.set(e.network, e.views ?? null);
  }

  on_round(e) {
    const views = this.live.get(e.network);
    if (!views) return;
    if (e.network_picture) {
      if (this.network.picture?.network !== e.network) this.openCard("network", () => this.network.show(this.livePicture(e, views)));
      this.network.update(e.network, e.network_picture, e.round, views);
    }
    if (e.boundary && views.boundary) {
      if (this.boundary.plane?.network !== e.network) {
        this.openCard("boundary", () => this.boundary.show({ ...views.boundary, network: e.network, ...e.boundary }));
      }
      this.boundary.update(e.network, e.boundary, e.round);
    }
  }

  on_network_picture(e) {
    this.openCard("network", () => this.network.show(e));
  }

  on_boundary(e) {
    this.openCard("boundary", () => this.boundary.show(e));
  }

  on_step(e) {
    if (this.network.picture?.network !== e.network) this.openCard("network", () => this.network.show(pictureOfStep(e)));
    this.openCard("step", () => this.stepper.show(e));
    this.cards.step.scrollIntoView({ block: "nearest" });
  }

  on_weight_curve(e) {
    this.openCard("weight", () => this.weight.show(e));
    this.cards.weight.scrollIntoView({ block: "nearest" });
  }

  on_show(e) {
    if (!e.pictures) return;
    this.openCard("pictures", () => this.pictures.replaceChildren(pictureList(e.pictures)));
  }

  on_evaluation(e) {
    if (!e.confusion) return;
    this.openCard("confusion", () => {
      this.confusion.replaceChildren(...confusionTable(e.confusion, e.network));
      const some = e.wrong?.length ? [el("h3", {}, t("Some {network} got wrong", e)), wrongList(e.wrong)] : [];
      this.wrong.replaceChildren(...some);
    });
  }

  /** Show a card, fill it, and size its drawing to the card once it has a size. */
  openCard(name, fill) {
    const card = this.cards[name];
    card.hidden = false;
    fill();
    const box = card.querySelector("[data-size]");
    if (box && !this.watched.has(name)) {
      this.watched.add(name);
      const view = { network: this.network, boundary: this.boundary, weight: this.weight }[name];
      watchSize(box, (w, h) => view.resize(w, h));
    }
  }

  /** A network drawn from a live snapshot alone (its program draws it only after training): the training's
   * `views` name its inputs and outputs and give its layers, the snapshot its weights. */
  livePicture(e, views) {
    const snap = e.network_picture;
    const { inputs, outputs, sizes, layers } = views;
    return {
      network: e.network, trained: true, inputs, outputs, sizes, layers, edges: snap.edges,
      edges_total: snap.edges_total, shown: shownWords(snap.edges.length, snap.edges_total),
    };
  }
}

function shownWords(shown, total) {
  if (shown === total) return t("every weight");
  const counts = { shown: num(shown.toLocaleString("en")), total: num(total.toLocaleString("en")) };
  return t("the {shown} weights largest in size, of {total}", counts);
}

/** The network as explain_step saw it: its weights are all there, so it can be drawn without plot_network. */
export function pictureOfStep(step) {
  const edges = step.layers.flatMap((l) => l.weights.flatMap((row, i) => row.map((w, j) => [l.number, i + 1, j + 1, w])));
  const kept = edges.length > MOST_EDGES ? [...edges].sort((a, b) => Math.abs(b[3]) - Math.abs(a[3])).slice(0, MOST_EDGES) : edges;
  return {
    network: step.network, trained: true, inputs: step.inputs, outputs: step.classes,
    layers: step.layers.map(({ role, kind, size }) => ({ role, kind, size })),
    sizes: [step.layers[0].x.length, ...step.layers.map((l) => l.size)],
    edges: kept, edges_total: edges.length, shown: shownWords(kept.length, edges.length),
  };
}
