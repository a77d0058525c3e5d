// Noisy steps: a cloud of seeded runs with a constant speed beside the same seeds with the Robbins–Monro
// schedule, each with where the balls end up on the curve and every run's loss per step.

import { CurvePlot } from "../common/curve.js";
import { el } from "../common/dom.js";
import { numberText } from "../common/format.js";
import { robustRange, svgEl, watchSize } from "../common/svg.js";
import { num, t } from "../common/words.js";
import { LinesChart } from "./lines.js";

const NEAR = 0.1; // a run "ends near" a dip within this distance of its bottom

export const SCHEDULES = [
  { name: "constant", title: t("Constant speed") },
  { name: "robbins-monro", title: t("Robbins–Monro schedule") },
];

/** The spread (standard deviation) of the finite values. */
export function spread(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return 0;
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  return Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length);
}

export class CloudView {
  /** `schedules` holds each schedule's words from /api/schema ({name: {description, rule, torch}}). */
  constructor(root, schedules) {
    this.panels = SCHEDULES.map((s) => this.panel({ ...s, note: schedules[s.name].description }));
    root.replaceChildren(...this.panels.map((p) => p.node));
  }

  panel(schedule) {
    const named = { schedule: schedule.title };
    const curve = svgEl("svg", { class: "plot cloud-plot", role: "img", "aria-label": t("Where the runs end: {schedule}", named) });
    const chart = svgEl("svg", { class: "chart lines", role: "img", "aria-label": t("Loss per step of every run: {schedule}", named) });
    const summary = el("p", { class: "cloud-summary" });
    const node = el("figure", { class: "cloud", "data-schedule": schedule.name },
      el("figcaption", {}, el("strong", {}, schedule.title), " ", el("span", { class: "help" }, schedule.note)),
      curve, chart, summary);
    const panel = { schedule, node, plot: new CurvePlot(curve), chart: new LinesChart(chart), summary, runs: null };
    panel.dots = svgEl("g", { class: "cloud-dots", "aria-hidden": "true" }, curve);
    watchSize(curve, (w, h) => {
      panel.plot.resize(w, h);
      this.drawDots(panel);
    });
    watchSize(chart, (w, h) => panel.chart.resize(w, h));
    return panel;
  }

  /** Show the runs per schedule ({constant: [run...], "robbins-monro": [run...]}) on `landscape`. */
  show(landscape, runsBySchedule) {
    // One loss axis for both panels, so the calmer cloud looks calmer.
    const range = robustRange(Object.values(runsBySchedule).flat().flatMap((run) => run.steps.map((s) => s.loss)));
    for (const panel of this.panels) {
      const runs = runsBySchedule[panel.schedule.name];
      panel.runs = runs;
      panel.plot.setLandscape(landscape);
      panel.plot.placeBall(-1e4, -1e4, 0, 0);
      panel.chart.show(runs.map((run) => ({ values: run.steps.map((s) => s.loss), className: "seed" })), range);
      this.drawDots(panel);
      panel.summary.textContent = this.cloudSummary(runs, landscape);
    }
  }

  drawDots(panel) {
    panel.dots.replaceChildren();
    if (!panel.runs || !panel.plot.ready) return;
    for (const run of panel.runs) {
      if (run.verdict.kind === "diverged") continue;
      const tail = run.steps.slice(-20);
      tail.forEach((s, k) => {
        const { x, y } = panel.plot.point(s.w, s.loss);
        const last = k === tail.length - 1;
        svgEl("circle", { class: last ? "cloud-dot" : "cloud-trail", cx: x.toFixed(1), cy: y.toFixed(1), r: last ? 6 : 2.5 }, panel.dots);
      });
    }
  }

  /** Where a panel's cloud of runs ended, in a sentence: their spread, how many near each dip, how many flew off. */
  cloudSummary(runs, landscape) {
    const ends = runs.filter((r) => r.verdict.kind !== "diverged").map((r) => r.steps[r.steps.length - 1].w);
    const cloud = { runs: runs.length, spread: numberText(spread(ends)) };
    const parts = [t("The {runs} runs end spread over ±{spread} in w", cloud)];
    for (const dip of landscape.minima || []) {
      const n = ends.filter((w) => Math.abs(w - dip.w) < NEAR).length;
      const near = { n, within: num(String(NEAR)), w: numberText(dip.w) };
      parts.push(dip.global
        ? t("{n} within {within} of the lowest point at w = {w}", near)
        : t("{n} within {within} of the shallow dip at w = {w}", near));
    }
    const gone = runs.length - ends.length;
    if (gone) parts.push(gone === 1 ? t("1 flew off") : t("{n} flew off", { n: gone }));
    return `${parts.join("; ")}.`;
  }
}
