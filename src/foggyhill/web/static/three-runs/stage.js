// The stage as SVG, in one of two layouts (layout.js): wide, laid out like the exported video, or tall for a phone.
// Built once per timeline and layout; each animation frame only moves the ball and the tangent, and touches text and
// charts when they change.

import { numberText } from "../common/format.js";
import { linear, svgEl } from "../common/svg.js";
import { num, t } from "../common/words.js";
import { distancePath, drawAxes } from "./distance-chart.js";
import { chartArea } from "./layout.js";
import { RUN_COLOURS, VERDICT_COLOURS, colourOf, drawCard, drawIntro, drawSummary, fitText, wrapInto } from "./overlays.js";
import { PhaseStrip, phaseColour } from "./phase-strip.js";
import { curveLoss } from "./show.js";

export { RUN_COLOURS };
const NO_RESTING_PLACE = ["oscillating", "diverged"]; // a ring marks where a run came to rest: these never did
const TANGENT_HALF = 170;

const setText = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};
const show_ = (node, visible) => node.setAttribute("visibility", visible ? "visible" : "hidden");

export class Stage {
  /** Draw the still parts of `show` into `svg` in layout `L` and keep handles to the moving ones. */
  constructor(svg, show, L) {
    this.svg = svg;
    this.show = show;
    this.L = L;
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${L.width} ${L.height}`);
    svg.classList.toggle("tall", L.name === "tall");
    svg.dataset.layout = L.name;
    svg.parentElement.style.aspectRatio = `${L.width} / ${L.height}`;
    const [lo, hi] = show.landscape.window;
    const pad = 0.08 * (show.sound.high - show.sound.low || 1);
    this.ymin = show.sound.low - pad;
    this.ymax = show.sound.high + pad;
    const P = L.plot;
    this.x = linear(lo, hi, P.left, P.left + P.width);
    this.y = linear(this.ymin, this.ymax, P.top + P.height, P.top);
    svgEl("rect", { class: "backdrop", width: L.width, height: L.height }, svg);
    const n = show.runs.length;
    if (L.title) {
      svgEl("text", { class: "title", x: L.title.x, y: L.title.y }, svg).textContent =
        n > 1 ? t("Same curve, same start, {n} speeds", { n }) : t("One run down the curve");
    }
    this.status = svgEl("text", { class: "status-line", x: L.status.x, y: L.status.y, "text-anchor": L.status.anchor }, svg);
    this.drawPlot();
    this.drawColumnHeading();
    this.charts = show.runs.map((run) => this.drawChart(run));
    this.caption = svgEl("text", { class: "caption", x: L.caption.x, y: L.caption.y }, svg);
    this.card = drawCard(svg, L);
    this.intro = drawIntro(svg, show, L);
    this.summary = drawSummary(svg, show, L);
    this.countdown = svgEl("g", { class: "countdown", visibility: "hidden" }, svg);
    svgEl("rect", { class: "veil", width: L.width, height: L.height, opacity: 0.9 }, this.countdown);
    this.countdownText = svgEl("text", { x: L.width / 2, y: L.height / 2 + 90, "text-anchor": "middle" }, this.countdown);
    this.last = {};
  }

  drawPlot() {
    const { panel, plot: P } = this.L;
    const g = svgEl("g", {}, this.svg);
    svgEl("rect", { class: "panel", ...panel, rx: 18 }, g);
    for (let k = 0; k < 5; k += 1) {
      const y = P.top + (k * P.height) / 4;
      svgEl("line", { class: "grid", x1: P.left, x2: P.left + P.width, y1: y, y2: y }, g);
    }
    const top = P.top - 200;
    const d = this.show.landscape.curve
      .map(([w, loss], i) => `${i ? "L" : "M"}${this.x(w).toFixed(1)},${Math.max(top, this.y(loss)).toFixed(1)}`)
      .join("");
    const clip = svgEl("clipPath", { id: "plot-clip" }, svgEl("defs", {}, g));
    svgEl("rect", { ...panel, rx: 18 }, clip);
    const inside = svgEl("g", { "clip-path": "url(#plot-clip)" }, g);
    svgEl("path", { class: "curve", d }, inside);
    for (const dip of this.show.landscape.minima) {
      const [x, y] = [this.x(dip.w), this.y(dip.loss)];
      svgEl("circle", { class: "dip", cx: x, cy: y, r: 5 }, inside);
      const label = svgEl("text", { class: "dip-label", x, y: y + 40, "text-anchor": "middle" }, inside);
      label.textContent = dip.global ? t("lowest point") : t("shallow dip");
    }
    svgEl("text", { class: "axis", x: P.left + P.width, y: P.top + P.height + 48, "text-anchor": "end" }, g).textContent = "w";
    const loss = svgEl("text", { class: "axis", x: P.left - 10, y: P.top - 4, "text-anchor": "end" }, g);
    loss.textContent = t("loss");
    // a longer word than "loss" (another language) would run off the stage: it starts at the panel's edge instead
    if (loss.getComputedTextLength() > P.left - 18) {
      loss.setAttribute("x", panel.x + 12);
      loss.setAttribute("text-anchor", "start");
    }
    this.rings = svgEl("g", {}, inside);
    this.trail = svgEl("g", {}, inside);
    this.strip = new PhaseStrip(g, this.show.phases, { cx: P.left + P.width / 2, ...this.L.strip });
    this.tangent = svgEl("g", { class: "tangent" }, inside);
    svgEl("line", { x1: -TANGENT_HALF, x2: TANGENT_HALF, y1: 0, y2: 0 }, this.tangent);
    this.tangentLabel = svgEl("text", { class: "tangent-label", y: -18, "text-anchor": "middle" }, inside);
    this.ball = svgEl("circle", { class: "ball", cx: 0, cy: 0, r: 17 }, inside);
    this.offchart = svgEl("text", { class: "offchart", x: P.left + P.width, y: P.top + 40, "text-anchor": "end" }, inside);
  }

  drawColumnHeading() {
    const H = this.L.heading;
    const g = svgEl("g", { class: "column-heading" }, this.svg);
    svgEl("text", { class: "chart-heading", x: H.x, y: H.y }, g).textContent = t("Distance to the lowest point");
  }

  drawChart(run) {
    const box = this.L.chart(run.index);
    const compact = this.L.compact;
    const g = svgEl("g", { class: "run-chart", "data-run": run.index }, this.svg);
    svgEl("rect", { class: "panel", ...box, rx: 16 }, g);
    const right = box.x + box.width - 24;
    const speedAt = compact ? { x: box.x + 24 } : { x: right, "text-anchor": "end" };
    if (!compact) svgEl("text", { class: "chart-title", x: box.x + 24, y: box.y + 38 }, g).textContent = t("Run {n}", { n: run.index + 1 });
    const speed = svgEl("text", { class: "chart-speed", y: box.y + 38, ...speedAt }, g);
    speed.textContent = t("speed {speed}", { speed: num(String(run.speed)) });
    speed.setAttribute("fill", colourOf(run.index));
    const area = chartArea(box, this.L.margins);
    const labels = this.L.margins.left - 18; // from the panel's edge to the line, with a little air
    drawAxes(g, area, this.show.distance, { decades: !compact, room: labels }); // a short chart has room for one label
    const line = svgEl("path", { class: "chart-path", stroke: colourOf(run.index) }, g);
    const dot = svgEl("circle", { r: 5, fill: colourOf(run.index), visibility: "hidden" }, g);
    // with five runs or more the note shares the title line, right of the speed
    const noteAt = compact ? { x: right, y: box.y + 38, "text-anchor": "end" } : { x: box.x + 24, y: box.y + box.height - 16 };
    const note = svgEl("text", { class: "chart-note", ...noteAt, "data-verdict": "" }, g);
    const room = box.width - 48 - (compact ? speed.textContent.length * 16 + 30 : 0);
    return { line, dot, note, area, room, count: -1 };
  }

  /** Bring the stage to `state` (from stateAt). */
  draw(state) {
    this.drawStatus(state);
    state.runs.forEach((view, k) => this.drawRunChart(this.charts[k], view));
    this.drawRings(state);
    this.drawBall(state);
    const playing = state.section === "run" && state.run !== null;
    this.strip.draw(playing, state.phase, phaseColour(state.phase, colourOf(state.run ?? 0)));
    const caption = captionFor(this.show, state);
    if (this.last.caption !== caption) {
      this.last.caption = caption;
      wrapInto(this.caption, caption, this.L.caption.chars, this.L.caption.lineHeight);
      this.caption.classList.toggle("quiet", state.section !== "run");
    }
    this.drawCardState(state.card);
    this.intro.setAttribute("opacity", state.intro_opacity.toFixed(3));
    show_(this.intro, state.intro_opacity > 0);
    this.summary.setAttribute("opacity", state.summary_opacity.toFixed(3));
    show_(this.summary, state.summary_opacity > 0);
  }

  drawStatus(state) {
    if (state.run === null || state.section === "intro") return setText(this.status, "");
    const step = state.current_step || state.step;
    const where = { run: state.run + 1, runs: this.show.runs.length, speed: num(String(state.speed)), step, steps: this.show.settings.steps };
    setText(this.status, t("Run {run} of {runs}   ·   speed {speed}   ·   step {step} of {steps}", where));
    this.status.setAttribute("fill", colourOf(state.run));
  }

  drawRunChart(chart, view) {
    if (chart.count !== view.distances.length) {
      chart.count = view.distances.length;
      const { d, last } = distancePath(chart.area, this.show.distance, view.distances, this.show.settings.steps);
      chart.line.setAttribute("d", d);
      show_(chart.dot, Boolean(last));
      if (last) {
        chart.dot.setAttribute("cx", last[0].toFixed(1));
        chart.dot.setAttribute("cy", last[1].toFixed(1));
      }
    }
    const finished = view.status === "finished";
    chart.note.classList.toggle("verdict", finished); // first: a verdict is bold, and fitText measures it so
    fitText(chart.note, finished ? view.headline : chartNote(view), chart.room);
    chart.note.setAttribute("data-verdict", finished ? view.kind : "");
    chart.note.setAttribute("fill", finished ? VERDICT_COLOURS[view.kind] ?? "#eceff6" : "#8c98b0");
  }

  drawRings(state) {
    const key = state.runs.map((v) => v.status).join() + state.run;
    if (this.last.rings === key) return;
    this.last.rings = key;
    this.rings.replaceChildren();
    this.show.runs.forEach((run, k) => {
      if (state.runs[k].status !== "finished" || k === state.run || NO_RESTING_PLACE.includes(run.verdict.kind)) return;
      const w = finalW(run);
      svgEl("circle", { class: "ring", cx: this.x(w), cy: this.y(curveLoss(this.show, w)), r: 15, stroke: colourOf(k) }, this.rings);
    });
  }

  drawBall(state) {
    const visible = state.ball_w !== null && !state.flown;
    show_(this.ball, visible);
    setText(this.offchart, state.flown ? t("flew off →") : "");
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
    this.drawTangent(state.tangent);
  }

  drawTangent(tan) {
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
    setText(this.tangentLabel, t("slope {slope}", { slope: numberText(tan.slope, { digits: 2 }) }));
  }

  drawCardState(card) {
    show_(this.card.g, Boolean(card));
    if (!card) return;
    this.card.g.setAttribute("opacity", card.opacity.toFixed(3));
    if (this.card.run === card.run) return;
    this.card.run = card.run;
    this.card.fill(card);
  }

  /** Show a big countdown number over the stage (null hides it). */
  setCountdown(value) {
    show_(this.countdown, value !== null);
    setText(this.countdownText, value === null ? "" : String(value));
  }
}

/** Where a run ended on the curve: its last place before it flew off, if it did. */
function finalW(run) {
  const kept = run.steps.filter((s) => !s.flew_off);
  return kept.length ? kept[kept.length - 1].w_to : run.w0;
}

/** The line under a run's chart while it plays (or waits): the step, and how far from the lowest point. */
export function chartNote(view) {
  if (view.status === "waiting" || !view.distances.length) return t("waiting");
  const last = { step: view.distances.length - 1, distance: numberText(view.distances[view.distances.length - 1]) };
  return t("step {step}   ·   {distance} away", last);
}

/** The line under the curve: new w = old w − speed × slope, spelled out for the current step. */
export function captionFor(show, state) {
  if (state.section === "intro") {
    return t("Gradient descent on loss(w) = {formula}: each step, new w = w − speed × slope.", { formula: show.landscape.formula });
  }
  if (state.section === "summary") return "";
  if (state.section === "card" || state.run === null) return t("The verdict on this run.");
  const plan = show.runs[state.run];
  if (!state.current_step) return state.flown ? t("The ball has left the curve.") : t("The run is over.");
  const step = plan.steps[state.current_step - 1];
  const f = (v) => numberText(v);
  const to = step.flew_off ? t("off the curve") : f(step.w_to);
  const at = { step: step.step, w: f(step.w_from), loss: f(step.loss_from), slope: f(step.slope), speed: num(String(plan.speed)), to };
  if (state.phase === "idle") return t("Step {step}: the ball rests at w = {w}, loss {loss}.", at);
  if (state.phase === "gradient") return t("Step {step}: the slope under the ball is {slope}, so the step goes the other way.", at);
  return t("Step {step}: new w = {w} − {speed} × ({slope}) = {to}", at);
}
