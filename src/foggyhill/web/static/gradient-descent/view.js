// What the learner reads beside the ball: readouts, the verdict, the loss chart, the distance to the bottom, the
// buttons' state, and a calm screen-reader summary. Called once per step or settings change, never per frame.

import { Announcer, showControls } from "../common/simtext.js";
import { numberText, signedText, speedText } from "../common/format.js";
import { t } from "../common/words.js";
import { DistanceFigure } from "./distance.js";
import { explanation } from "./trajectory.js";

const MARKS = {
  "converged-global": "✓",
  "stuck-local": "◒",
  crawling: "…",
  oscillating: "↔",
  diverged: "↗",
};

export class SimView {
  constructor(root, { plot, chart }) {
    this.root = root;
    this.plot = plot;
    this.chart = chart;
    this.out = {};
    for (const node of root.querySelectorAll("[data-out]")) this.out[node.dataset.out] = node;
    this.verdict = root.querySelector("[data-verdict]");
    this.headline = root.querySelector("[data-verdict-headline]");
    this.explanation = root.querySelector("[data-verdict-explanation]");
    this.status = root.querySelector("[data-status]");
    this.announcer = new Announcer(root.querySelector("[data-live]"), summary);
    this.plotLabel = root.querySelector("[data-plot-label]");
    this.note = root.querySelector("[data-landscape-note]");
    this.buttons = {};
    for (const node of root.querySelectorAll("[data-action]")) this.buttons[node.dataset.action] = node;
    const distance = root.querySelector("[data-distance]");
    this.distance = distance ? new DistanceFigure(distance) : null;
    this.lastTrail = null;
  }

  /** Bring everything up to date with the simulation. */
  update(sim) {
    // Tests and assistive tools can wait for "ready" instead of guessing how long a request takes.
    this.root.dataset.state = sim.loading ? "loading" : sim.rolling ? "rolling" : "ready";
    if (!sim.trajectory) return;
    this.readouts(sim);
    this.drawTrail(sim);
    const shown = sim.trajectory.steps.slice(0, Math.min(sim.index, sim.trajectory.steps.length - 1) + 1);
    this.chart.show(shown.map((s) => s.loss));
    if (this.distance) this.distance.update(sim);
    this.showVerdict(sim);
    this.controls(sim);
    this.captionCurve(sim);
    this.announcer.announce(sim);
  }

  readouts(sim) {
    const step = sim.current;
    if (sim.flown) {
      this.out.step.textContent = String(sim.trajectory.verdict.step);
      this.out.w.textContent = t("off the chart");
      this.out.loss.textContent = t("too big to show");
      this.out.slope.textContent = "—";
      this.out.taken.textContent = "—";
      this.out.sum.textContent = "";
      return;
    }
    this.out.step.textContent = String(step.step);
    this.out.w.textContent = numberText(step.w);
    this.out.loss.textContent = numberText(step.loss);
    this.out.slope.textContent = numberText(step.slope);
    const before = sim.index > 0 ? sim.trajectory.steps[sim.index - 1] : null;
    this.out.taken.textContent = before ? signedText(step.taken) : t("none yet");
    this.out.sum.textContent = before && step.rule.plain ? sumText(step.rule.speed, before.slope, step.taken) : "";
  }

  drawTrail(sim) {
    const steps = sim.trajectory.steps;
    const key = `${steps.length}:${sim.index}:${this.plot.width}x${this.plot.height}:${steps[0].w}`;
    if (key === this.lastTrail) return;
    this.lastTrail = key;
    this.plot.drawTrail(steps.slice(0, Math.min(sim.index + 1, steps.length)));
  }

  showVerdict(sim) {
    const show = sim.decided;
    this.verdict.hidden = !show;
    if (!show) return;
    const { kind, headline } = sim.trajectory.verdict;
    this.verdict.dataset.kind = kind;
    this.headline.textContent = `${MARKS[kind] ?? ""} ${headline}`.trim();
    this.explanation.textContent = explanation(sim.trajectory);
  }

  controls(sim) {
    showControls(this.buttons, this.status, sim, sim.trajectory.steps.length - 1);
  }

  /** Name the curve and say where the ball is: the plot's label and the note under it. */
  captionCurve(sim) {
    const land = sim.landscape;
    const values = { title: land.title, formula: land.formula, w: sim.flown ? "" : numberText(sim.current.w) };
    this.plotLabel.textContent = sim.flown
      ? t("The {title} loss curve, loss(w) = {formula}. The ball is off the chart.", values)
      : t("The {title} loss curve, loss(w) = {formula}. The ball is at w = {w}.", values);
    const about = land.description ? ` · ${land.description}` : "";
    const formula = t("loss(w) = {formula}", { formula: land.formula });
    this.note.replaceChildren(strong(land.title), ` · ${formula}`, about);
  }
}

function strong(text) {
  const node = document.createElement("strong");
  node.textContent = text;
  return node;
}

function sumText(speed, slope, taken) {
  const s = numberText(slope);
  const values = { speed: speedText(speed), slope: slope < 0 ? `(${s})` : s, taken: signedText(taken) };
  // The step was made with the slope where the ball stood before it, not the slope shown above for where it is now.
  return t("Step taken = −{speed} × {slope} = {taken}, using the slope before the step", values);
}

function summary(sim) {
  if (!sim.trajectory) return "";
  const verdict = sim.decided ? ` ${sim.trajectory.verdict.headline}.` : "";
  if (sim.flown) return t("Step {step}: the ball flew off the chart.", { step: sim.trajectory.verdict.step }) + verdict;
  const s = sim.current;
  const values = { step: s.step, w: numberText(s.w), loss: numberText(s.loss), slope: numberText(s.slope) };
  return t("Step {step}: w {w}, loss {loss}, slope {slope}.", values) + verdict;
}
