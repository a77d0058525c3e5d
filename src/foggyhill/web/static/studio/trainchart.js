// The live training chart: the loss per round (left axis) and, for classes, the accuracy per round (right axis,
// 0–100%), growing one point per round while the server trains. One series per network; the latest one shows.

import { numberText } from "../common/format.js";
import { linear, niceTicks, svgEl } from "../common/svg.js";
import { t } from "../common/words.js";

const MARGIN = { top: 30, right: 56, bottom: 28, left: 56 };

export class TrainingChart {
  /** Draw into `svg`; `caption` gets a one-line summary in words (read out by screen readers). */
  constructor(svg, caption) {
    this.svg = svg;
    this.caption = caption;
    this.width = 0;
    this.height = 0;
    this.reset();
  }

  reset() {
    this.series = new Map();
    this.current = null;
    this.draw();
    this.caption.textContent = t("The chart fills in while a network trains.");
  }

  /** One more round of `event.network`; `event.of` is how many rounds this training will have in all. */
  addRound({ network, round, of, loss, accuracy, text: words }) {
    const s = this.seriesOf(network);
    s.loss[round - 1] = loss;
    s.accuracy[round - 1] = accuracy;
    s.planned = Math.max(s.planned, of);
    this.current = network;
    this.draw();
    this.caption.textContent = `${network}: ${words}`;
  }

  /** A plot_training request: the whole history of one network. */
  showPlot({ network, loss, accuracy }) {
    const s = this.seriesOf(network);
    s.loss = [...loss];
    s.accuracy = accuracy ? [...accuracy] : loss.map(() => null);
    s.planned = loss.length;
    this.current = network;
    this.draw();
  }

  seriesOf(network) {
    if (!this.series.has(network)) this.series.set(network, { loss: [], accuracy: [], planned: 1 });
    return this.series.get(network);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.draw();
  }

  draw() {
    this.svg.replaceChildren();
    if (!(this.width > 0)) return;
    const s = this.current ? this.series.get(this.current) : null;
    const { top, right, bottom, left } = MARGIN;
    const rounds = Math.max(2, s ? s.planned : 10);
    const losses = s ? s.loss.filter(Number.isFinite) : [];
    const hi = losses.length ? Math.max(...losses) * 1.05 : 1;
    const x = linear(1, rounds, left, this.width - right);
    const y = linear(0, hi, this.height - bottom, top);
    const yAcc = linear(0, 1, this.height - bottom, top);
    const axes = svgEl("g", { class: "axes" }, this.svg);
    for (const v of niceTicks(0, hi, Math.max(2, Math.round(this.height / 50)))) {
      svgEl("line", { class: "grid", x1: left, x2: this.width - right, y1: y(v), y2: y(v) }, axes);
      text(axes, left - 8, y(v), numberText(v), "end");
    }
    for (const v of niceTicks(1, rounds, Math.max(2, Math.round(this.width / 90)))) {
      if (Number.isInteger(v)) text(axes, x(v), this.height - bottom + 18, String(v), "middle");
    }
    keepInside(text(axes, left - 8, this.height - bottom + 18, t("round"), "end", "axis-name"));
    keepInside(text(axes, left - 8, top - 18, t("loss"), "end", "axis-name loss"));
    if (!s) return;
    const hasAccuracy = s.accuracy.some((a) => a !== null && a !== undefined);
    if (hasAccuracy) {
      for (const v of [0, 0.5, 1]) text(axes, this.width - right + 8, yAcc(v), `${v * 100}%`, "start", "tick acc");
      text(axes, this.width - right + 8, top - 18, t("accuracy"), "end", "axis-name acc");
      svgEl("path", { class: "line accuracy", d: path(s.accuracy, x, yAcc) }, this.svg);
    }
    svgEl("path", { class: "line loss", d: path(s.loss, x, y) }, this.svg);
    const last = s.loss.length - 1;
    if (last >= 0 && Number.isFinite(s.loss[last])) {
      svgEl("circle", { class: "dot loss", r: 4, cx: x(last + 1), cy: y(s.loss[last]) }, this.svg);
    }
    this.svg.dataset.rounds = String(losses.length);
    this.svg.dataset.network = this.current;
  }
}

function text(parent, x, y, words, anchor, cls = "tick") {
  const node = svgEl("text", { class: cls, x, y, dy: "0.35em", "text-anchor": anchor }, parent);
  node.textContent = words;
  return node;
}

/** Move a name ending at the left margin right until it starts inside the chart (a longer word, "pérdida", would
 * run off the left edge). */
function keepInside(node) {
  const over = 2 - node.getBBox().x;
  if (over > 0) node.setAttribute("x", String(Number(node.getAttribute("x")) + over));
}

function path(values, x, y) {
  let d = "";
  let pen = "M";
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = "M";
      return;
    }
    d += `${pen}${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`;
    pen = "L";
  });
  return d;
}
