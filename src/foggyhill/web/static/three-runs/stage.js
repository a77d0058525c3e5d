// The 16:9 stage as SVG on a 1920×1080 grid, laid out like the exported video. Built once per timeline; each
// animation frame only moves the ball and the tangent, and touches text and charts when they change.

import { formatNumber } from "../common/format.js";
import { linear, svgEl } from "../common/svg.js";
import { curveLoss } from "./show.js";

export const RUN_COLOURS = ["#f5b041", "#4ade80", "#fb7185", "#a78bfa", "#60a5fa", "#facc15"];
const VERDICT_COLOURS = {
  "converged-global": "#4ade80",
  "stuck-local": "#f5b041",
  crawling: "#f5b041",
  oscillating: "#fb7185",
  diverged: "#ef4444",
};
const PLOT = { left: 150, top: 150, width: 1130, height: 700 };
const CARD = { left: 205, width: 960, padding: 48 };
const NOTE_ROOM = 1836 - 1364; // a run chart's verdict line, between the panel's inner edges
const TANGENT_HALF = 170;

const colourOf = (index) => RUN_COLOURS[index % RUN_COLOURS.length];
const setText = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};
/** Set `text`; if it is longer than `room` (in stage units), shrink its type to fit rather than run past a panel. */
function fitText(node, text, room) {
  if (node.textContent === text) return;
  node.textContent = text;
  node.style.fontSize = "";
  const length = node.getComputedTextLength();
  if (length <= room) return;
  const size = parseFloat(getComputedStyle(node).fontSize);
  node.style.fontSize = `${Math.floor((size * room) / length)}px`;
}
const show_ = (node, visible) => node.setAttribute("visibility", visible ? "visible" : "hidden");

/** Break `text` into lines of at most `size` characters (SVG text does not wrap by itself). */
function lines(text, size) {
  const out = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > size) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

export class Stage {
  /** Draw the still parts of `show` into `svg` and keep handles to the moving ones. */
  constructor(svg, show) {
    this.svg = svg;
    this.show = show;
    svg.replaceChildren();
    svg.setAttribute("viewBox", "0 0 1920 1080");
    const [lo, hi] = show.landscape.window;
    const pad = 0.08 * (show.sound.high - show.sound.low || 1);
    this.ymin = show.sound.low - pad;
    this.ymax = show.sound.high + pad;
    this.x = linear(lo, hi, PLOT.left, PLOT.left + PLOT.width);
    this.y = linear(this.ymin, this.ymax, PLOT.top + PLOT.height, PLOT.top);
    svgEl("rect", { class: "backdrop", width: 1920, height: 1080 }, svg);
    this.title = svgEl("text", { class: "title", x: 60, y: 78 }, svg);
    this.status = svgEl("text", { class: "status-line", x: 1860, y: 78, "text-anchor": "end" }, svg);
    this.drawPlot();
    this.charts = show.runs.map((run) => this.drawChart(run));
    this.caption = svgEl("text", { class: "caption", x: 60, y: 990 }, svg);
    this.card = this.drawCard();
    this.intro = this.drawIntro();
    this.summary = this.drawSummary();
    this.countdown = svgEl("g", { class: "countdown", visibility: "hidden" }, svg);
    svgEl("rect", { class: "veil", width: 1920, height: 1080, opacity: 0.9 }, this.countdown);
    this.countdownText = svgEl("text", { x: 960, y: 630, "text-anchor": "middle" }, this.countdown);
    const n = show.runs.length;
    setText(this.title, n > 1 ? `Same curve, same start, ${n} speeds` : "One run down the curve");
    this.last = {};
  }

  drawPlot() {
    const g = svgEl("g", {}, this.svg);
    svgEl("rect", { class: "panel", x: 60, y: 120, width: 1250, height: 790, rx: 18 }, g);
    for (let k = 0; k < 5; k += 1) {
      const y = PLOT.top + (k * PLOT.height) / 4;
      svgEl("line", { class: "grid", x1: PLOT.left, x2: PLOT.left + PLOT.width, y1: y, y2: y }, g);
    }
    const top = PLOT.top - 200;
    const d = this.show.landscape.curve
      .map(([w, loss], i) => `${i ? "L" : "M"}${this.x(w).toFixed(1)},${Math.max(top, this.y(loss)).toFixed(1)}`)
      .join("");
    const clip = svgEl("clipPath", { id: "plot-clip" }, svgEl("defs", {}, g));
    svgEl("rect", { x: 60, y: 120, width: 1250, height: 790, rx: 18 }, clip);
    const inside = svgEl("g", { "clip-path": "url(#plot-clip)" }, g);
    svgEl("path", { class: "curve", d }, inside);
    for (const dip of this.show.landscape.minima) {
      const [x, y] = [this.x(dip.w), this.y(dip.loss)];
      svgEl("circle", { class: "dip", cx: x, cy: y, r: 5 }, inside);
      const label = svgEl("text", { class: "dip-label", x, y: y + 40, "text-anchor": "middle" }, inside);
      label.textContent = dip.global ? "lowest point" : "shallow dip";
    }
    svgEl("text", { class: "axis", x: PLOT.left + PLOT.width, y: PLOT.top + PLOT.height + 48, "text-anchor": "end" }, g)
      .textContent = "w";
    svgEl("text", { class: "axis", x: PLOT.left - 10, y: PLOT.top - 4, "text-anchor": "end" }, g).textContent = "loss";
    this.rings = svgEl("g", {}, inside);
    this.trail = svgEl("g", {}, inside);
    this.tangent = svgEl("g", { class: "tangent" }, inside);
    this.tangentLine = svgEl("line", { x1: -TANGENT_HALF, x2: TANGENT_HALF, y1: 0, y2: 0 }, this.tangent);
    this.tangentLabel = svgEl("text", { class: "tangent-label", y: -18, "text-anchor": "middle" }, inside);
    this.ball = svgEl("circle", { class: "ball", cx: 0, cy: 0, r: 17 }, inside);
    this.offchart = svgEl("text", { class: "offchart", x: 1280, y: 190, "text-anchor": "end" }, inside);
  }

  drawChart(run) {
    const n = this.show.runs.length;
    const height = (790 - 20 * (n - 1)) / n;
    const top = 120 + run.index * (height + 20);
    const g = svgEl("g", { class: "run-chart", "data-run": run.index }, this.svg);
    svgEl("rect", { class: "panel", x: 1340, y: top, width: 520, height, rx: 16 }, g);
    svgEl("text", { class: "chart-title", x: 1364, y: top + 40 }, g).textContent = `Run ${run.index + 1}`;
    const speed = svgEl("text", { class: "chart-speed", x: 1836, y: top + 40, "text-anchor": "end" }, g);
    speed.textContent = `speed ${run.speed}`;
    speed.setAttribute("fill", colourOf(run.index));
    const area = { left: 1364, right: 1836, top: top + 58, bottom: top + height - 56 };
    svgEl("path", { class: "axis-line", d: `M${area.left},${area.top}V${area.bottom}H${area.right}` }, g);
    const line = svgEl("path", { class: "chart-path", stroke: colourOf(run.index) }, g);
    const dot = svgEl("circle", { r: 5, fill: colourOf(run.index), visibility: "hidden" }, g);
    const note = svgEl("text", { class: "chart-note", x: 1364, y: top + height - 20, "data-verdict": "" }, g);
    const x = linear(0, Math.max(1, this.show.settings.steps), area.left, area.right);
    const y = linear(this.ymin, this.ymax, area.bottom, area.top);
    return { line, dot, note, x, y, count: -1, status: "" };
  }

  drawCard() {
    const g = svgEl("g", { class: "card", visibility: "hidden" }, this.svg);
    const x = CARD.left + CARD.padding;
    const frame = svgEl("rect", { x: CARD.left, y: 240, width: CARD.width, height: 300, rx: 24 }, g);
    const label = svgEl("text", { class: "card-label", x, y: 310 }, g);
    const headline = svgEl("text", { class: "card-headline", x, y: 380 }, g);
    const body = svgEl("text", { class: "card-body", x, y: 440 }, g);
    return { g, frame, label, headline, body, run: -1 };
  }

  drawIntro() {
    const g = svgEl("g", { class: "overlay" }, this.svg);
    svgEl("rect", { class: "veil", width: 1920, height: 1080 }, g);
    const runs = this.show.runs;
    const title = runs.length === 1 ? `Gradient descent at speed ${runs[0].speed}` : runs.length === 3 ? "One curve, one start, three speeds" : `One curve, one start, ${runs.length} speeds`;
    svgEl("text", { class: "intro-title", x: 960, y: 390, "text-anchor": "middle" }, g).textContent = title;
    const start = formatNumber(runs.length ? runs[0].w0 : 0, { digits: 2 });
    const line = `Gradient descent from w = ${start}, ${this.show.settings.steps} steps each. Only the speed changes.`;
    svgEl("text", { class: "intro-line", x: 960, y: 480, "text-anchor": "middle" }, g).textContent = line;
    const speeds = svgEl("text", { class: "intro-speeds", x: 960, y: 580, "text-anchor": "middle" }, g);
    runs.forEach((run, k) => {
      if (k) svgEl("tspan", { fill: "#8c98b0" }, speeds).textContent = "   ·   ";
      svgEl("tspan", { fill: colourOf(k) }, speeds).textContent = String(run.speed);
    });
    return g;
  }

  drawSummary() {
    const g = svgEl("g", { class: "overlay summary", visibility: "hidden" }, this.svg);
    svgEl("rect", { class: "veil", width: 1920, height: 1080 }, g);
    svgEl("text", { class: "summary-title", x: 960, y: 190, "text-anchor": "middle" }, g).textContent =
      "Same curve, same start, different speeds";
    const n = Math.max(this.show.runs.length, 1);
    const rowH = Math.min(170, 640 / n);
    this.show.runs.forEach((run, k) => {
      const top = 260 + k * rowH;
      const row = svgEl("g", { class: "summary-row", "data-run": k }, g);
      svgEl("rect", { class: "panel", x: 200, y: top, width: 1520, height: rowH - 18, rx: 18 }, row);
      const mid = top + (rowH - 18) / 2;
      svgEl("circle", { cx: 250, cy: mid, r: 16, fill: colourOf(k) }, row);
      const speed = svgEl("text", { class: "summary-speed", x: 290, y: mid + 14, fill: colourOf(k) }, row);
      speed.textContent = `speed ${run.speed}`;
      const head = svgEl("text", { class: "summary-verdict", x: 620, y: mid + 2, fill: VERDICT_COLOURS[run.verdict.kind] }, row);
      head.textContent = run.verdict.headline;
      const where = run.verdict.kind === "diverged" ? "flew off" : `ended at w = ${formatNumber(this.finalW(run))}`;
      svgEl("text", { class: "summary-detail", x: 620, y: mid + 44 }, row).textContent =
        `decided at step ${run.verdict.step}  ·  ${where}`;
    });
    const moral = "Every step was new w = w − speed × slope. Only the speed changed, and it decided everything.";
    svgEl("text", { class: "summary-moral", x: 960, y: 330 + n * rowH, "text-anchor": "middle" }, g).textContent = moral;
    return g;
  }

  finalW(run) {
    const kept = run.steps.filter((s) => !s.flew_off);
    return kept.length ? kept[kept.length - 1].w_to : run.w0;
  }

  /** Bring the stage to `state` (from stateAt). */
  draw(state) {
    this.drawStatus(state);
    state.runs.forEach((view, k) => this.drawRunChart(this.charts[k], view));
    this.drawRings(state);
    this.drawBall(state);
    setText(this.caption, captionFor(this.show, state));
    this.drawCardState(state.card);
    this.intro.setAttribute("opacity", state.intro_opacity.toFixed(3));
    show_(this.intro, state.intro_opacity > 0);
    this.summary.setAttribute("opacity", state.summary_opacity.toFixed(3));
    show_(this.summary, state.summary_opacity > 0);
  }

  drawStatus(state) {
    if (state.run === null || state.section === "intro") return setText(this.status, "");
    const step = state.current_step || state.step;
    setText(this.status, `Run ${state.run + 1} of ${this.show.runs.length}   ·   speed ${state.speed}   ·   step ${step} of ${this.show.settings.steps}`);
    this.status.setAttribute("fill", colourOf(state.run));
  }

  drawRunChart(chart, view) {
    if (chart.count !== view.losses.length) {
      chart.count = view.losses.length;
      const clamp = (v) => Math.min(Math.max(v, this.ymin), this.ymax);
      const points = view.losses.map((v, i) => [chart.x(i), chart.y(clamp(v))]);
      chart.line.setAttribute("d", points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(""));
      show_(chart.dot, points.length > 0);
      if (points.length) {
        chart.dot.setAttribute("cx", points[points.length - 1][0].toFixed(1));
        chart.dot.setAttribute("cy", points[points.length - 1][1].toFixed(1));
      }
    }
    const last = view.losses.length ? view.losses[view.losses.length - 1] : null;
    const note = view.status === "finished" ? view.headline : view.status === "playing" ? `step ${view.losses.length - 1}   loss ${formatNumber(last)}` : "waiting";
    fitText(chart.note, note, NOTE_ROOM);
    chart.note.setAttribute("data-verdict", view.status === "finished" ? view.kind : "");
    chart.note.setAttribute("fill", view.status === "finished" ? VERDICT_COLOURS[view.kind] : "#8c98b0");
  }

  drawRings(state) {
    const key = state.runs.map((v) => v.status).join() + state.run;
    if (this.last.rings === key) return;
    this.last.rings = key;
    this.rings.replaceChildren();
    this.show.runs.forEach((run, k) => {
      if (state.runs[k].status !== "finished" || k === state.run || run.verdict.kind === "diverged") return;
      const w = this.finalW(run);
      svgEl("circle", { class: "ring", cx: this.x(w), cy: this.y(curveLoss(this.show, w)), r: 15, stroke: colourOf(k) }, this.rings);
    });
  }

  drawBall(state) {
    const visible = state.ball_w !== null && !state.flown;
    show_(this.ball, visible);
    setText(this.offchart, state.flown ? "flew off →" : "");
    const trailKey = `${state.run}:${state.trail.length}`;
    if (this.last.trail !== trailKey) {
      this.last.trail = trailKey;
      this.trail.replaceChildren();
      const colour = colourOf(state.run ?? 0);
      state.trail.forEach((p, k) => {
        const opacity = 0.25 + (0.6 * (k + 1)) / state.trail.length;
        svgEl("circle", { cx: this.x(p.w), cy: this.y(p.loss), r: 6, fill: colour, opacity }, this.trail);
      });
    }
    if (visible) {
      this.ball.setAttribute("transform", `translate(${this.x(state.ball_w).toFixed(2)} ${this.y(state.ball_loss).toFixed(2)})`);
      this.ball.setAttribute("fill", colourOf(state.run ?? 0));
    }
    const tan = state.tangent;
    show_(this.tangent, Boolean(tan));
    show_(this.tangentLabel, Boolean(tan));
    if (!tan) return;
    const angle = (Math.atan((tan.slope * this.y.k) / this.x.k) * 180) / Math.PI;
    const [x, y] = [this.x(tan.w), this.y(tan.loss)];
    this.tangent.setAttribute("transform", `translate(${x.toFixed(2)} ${y.toFixed(2)}) rotate(${angle.toFixed(2)})`);
    this.tangent.setAttribute("opacity", tan.opacity.toFixed(3));
    this.tangentLabel.setAttribute("x", x.toFixed(1));
    this.tangentLabel.setAttribute("y", (y - 40).toFixed(1));
    this.tangentLabel.setAttribute("opacity", tan.opacity.toFixed(3));
    setText(this.tangentLabel, `slope ${formatNumber(tan.slope, { digits: 2 })}`);
  }

  drawCardState(card) {
    show_(this.card.g, Boolean(card));
    if (!card) return;
    this.card.g.setAttribute("opacity", card.opacity.toFixed(3));
    if (this.card.run === card.run) return;
    this.card.run = card.run;
    const colour = VERDICT_COLOURS[card.kind];
    const body = lines(card.explanation, 52);
    this.card.frame.setAttribute("stroke", colour);
    this.card.frame.setAttribute("height", String(200 + body.length * 42));
    setText(this.card.label, `Run ${card.run + 1}  ·  speed ${card.speed}`);
    this.card.label.setAttribute("fill", colourOf(card.run));
    this.card.headline.setAttribute("fill", colour);
    fitText(this.card.headline, card.headline, CARD.width - 2 * CARD.padding);
    this.card.body.replaceChildren();
    body.forEach((line, k) => {
      svgEl("tspan", { x: CARD.left + CARD.padding, dy: k ? 42 : 0 }, this.card.body).textContent = line;
    });
  }

  /** Show a big countdown number over the stage (null hides it). */
  setCountdown(value) {
    show_(this.countdown, value !== null);
    setText(this.countdownText, value === null ? "" : String(value));
  }
}

/** The line under the curve: new w = old w − speed × slope, spelled out for the current step. */
export function captionFor(show, state) {
  if (state.section === "intro") return `Gradient descent on loss(w) = ${show.landscape.formula}: each step, new w = w − speed × slope.`;
  if (state.section === "summary") return "";
  if (state.section === "card" || state.run === null) return "The verdict on this run.";
  const plan = show.runs[state.run];
  if (!state.current_step) return state.flown ? "The ball has left the curve." : "The run is over.";
  const step = plan.steps[state.current_step - 1];
  const f = (v) => formatNumber(v);
  if (state.phase === "idle") return `Step ${step.step}: the ball rests at w = ${f(step.w_from)}, loss ${f(step.loss_from)}.`;
  if (state.phase === "gradient") return `Step ${step.step}: the slope under the ball is ${f(step.slope)}, so the step goes the other way.`;
  const target = step.flew_off ? "off the curve" : f(step.w_to);
  return `Step ${step.step}: new w = ${f(step.w_from)} − ${plan.speed} × (${f(step.slope)}) = ${target}`;
}
