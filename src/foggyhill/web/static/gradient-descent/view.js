// What the learner reads beside the ball: readouts, the verdict, the loss chart, the distance to the bottom, the
// buttons' state, and a calm screen-reader summary. Called once per step or settings change, never per frame.

import { Announcer, showControls } from "../common/simtext.js";
import { formatNumber, formatSigned, formatSpeed } from "../common/format.js";
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
      this.out.w.textContent = "off the chart";
      this.out.loss.textContent = "too big to show";
      this.out.slope.textContent = "—";
      this.out.taken.textContent = "—";
      this.out.sum.textContent = "";
      return;
    }
    this.out.step.textContent = String(step.step);
    this.out.w.textContent = formatNumber(step.w);
    this.out.loss.textContent = formatNumber(step.loss);
    this.out.slope.textContent = formatNumber(step.slope);
    const before = sim.index > 0 ? sim.trajectory.steps[sim.index - 1] : null;
    this.out.taken.textContent = before ? formatSigned(step.taken) : "none yet";
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
    const where = sim.flown ? "off the chart" : `at w = ${formatNumber(sim.current.w)}`;
    this.plotLabel.textContent = `The ${land.title} loss curve, loss(w) = ${land.formula}. The ball is ${where}.`;
    const about = land.description ? ` · ${land.description}` : "";
    this.note.replaceChildren(strong(land.title), ` · loss(w) = ${land.formula}`, about);
  }
}

function strong(text) {
  const node = document.createElement("strong");
  node.textContent = text;
  return node;
}

function sumText(speed, slope, taken) {
  const s = formatNumber(slope);
  const shownSlope = slope < 0 ? `(${s})` : s;
  // The step was made with the slope where the ball stood before it, not the slope shown above for where it is now.
  return `Step taken = −${formatSpeed(speed)} × ${shownSlope} = ${formatSigned(taken)}, using the slope before the step`;
}

function summary(sim) {
  if (!sim.trajectory) return "";
  const verdict = sim.decided ? ` ${sim.trajectory.verdict.headline}.` : "";
  if (sim.flown) return `Step ${sim.trajectory.verdict.step}: the ball flew off the chart.${verdict}`;
  const s = sim.current;
  const numbers = `w ${formatNumber(s.w)}, loss ${formatNumber(s.loss)}, slope ${formatNumber(s.slope)}`;
  return `Step ${s.step}: ${numbers}.${verdict}`;
}
