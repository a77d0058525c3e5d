// The race itself: one small curve per update rule, a shared loss chart, the results table, and playback that
// moves every ball to the same step.

import { CurvePlot } from "../common/curve.js";
import { el } from "../common/dom.js";
import { numberText } from "../common/format.js";
import { svgEl, watchSize } from "../common/svg.js";
import { num, t } from "../common/words.js";
import { LinesChart } from "./lines.js";

const STEPS_PER_SECOND = 40;

export class RaceView {
  /** `titles` maps each rule's name to its title in the learner's words (from /api/schema). */
  constructor(root, optimizers, titles) {
    this.root = root;
    this.optimizers = optimizers;
    this.titleOf = (name) => titles[name] || name;
    this.q = (sel) => root.querySelector(sel);
    this.lanes = optimizers.map((name, k) => this.lane(name, k));
    this.q("[data-lanes]").replaceChildren(...this.lanes.map((lane) => lane.node));
    this.chart = new LinesChart(this.q("[data-race-chart]"));
    // the server translates the page's words, but not inside an <svg>: the chart's name is said here
    this.chart.svg.setAttribute("aria-label", t("Loss at each step for each update rule"));
    watchSize(this.chart.svg, (w, h) => this.chart.resize(w, h));
    this.q("[data-race-legend]").replaceChildren(
      ...optimizers.map((name, k) => el("li", {}, el("span", { class: `key line-${k}`, "aria-hidden": "true" }), this.titleOf(name))),
    );
    this.slider = this.q("[data-step-slider]");
    this.output = this.q("[data-step-out]");
    this.playButton = this.q("[data-play]");
    this.slider.addEventListener("input", () => this.stop() || this.at(Number(this.slider.value)));
    this.playButton.addEventListener("click", () => (this.frame ? this.stop() : this.play()));
    this.runs = null;
    this.step = 0;
    this.frame = 0;
  }

  lane(name, k) {
    const label = t("{rule} on the curve", { rule: this.titleOf(name) });
    const svg = svgEl("svg", { class: "plot lane-plot", role: "img", "aria-label": label });
    const badge = el("p", { class: "badge" });
    const node = el("li", { class: `lane lane-${k}`, "data-optimizer": name }, el("h3", {}, this.titleOf(name)), svg, badge);
    const plot = new CurvePlot(svg);
    watchSize(svg, (w, h) => {
      plot.resize(w, h);
      this.drawLane(this.lanes[k]);
    });
    return { name, node, plot, badge };
  }

  /** Show the runs ({name: run from /api/descend}) on `landscape` (from /api/landscape), at their last step. */
  show(landscape, runs) {
    this.stop();
    this.runs = runs;
    this.last = Math.max(...Object.values(runs).map((r) => r.steps.length - 1));
    for (const lane of this.lanes) lane.plot.setLandscape(landscape);
    const settled = new Set(["converged-global", "stuck-local"]);
    this.chart.show(this.optimizers.map((name, k) => ({
      values: runs[name].steps.map((s) => s.loss),
      className: `line-${k}`,
      mark: settled.has(runs[name].verdict.kind) ? runs[name].verdict.step : null,
    })));
    this.slider.max = String(this.last);
    this.results();
    this.at(this.last);
  }

  /** Move every ball to `step`. */
  at(step) {
    this.step = Math.max(0, Math.min(this.last, step));
    this.slider.value = String(this.step);
    this.output.textContent = t("step {step}", { step: this.step });
    this.chart.at(this.step);
    for (const lane of this.lanes) this.drawLane(lane);
  }

  drawLane(lane) {
    if (!this.runs || !lane.plot.ready) return;
    const run = this.runs[lane.name];
    const shown = run.steps.slice(0, this.step + 1);
    const here = shown[shown.length - 1];
    lane.plot.drawTrail(shown);
    const flown = run.verdict.kind === "diverged" && this.step >= run.steps.length - 1;
    const { x, y } = lane.plot.point(here.w, here.loss);
    lane.plot.placeBall(x, y, lane.plot.angleOf(here.slope), flown ? 0 : 1);
    lane.plot.markOffChart(flown ? here.w : null, x, y);
    const decided = this.step >= Math.min(run.verdict.step, run.steps.length - 1) || this.step >= this.last;
    lane.node.dataset.kind = decided ? run.verdict.kind : "rolling";
    lane.badge.textContent = decided ? run.verdict.headline : `w = ${numberText(here.w)}`;
  }

  results() {
    const headings = [t("Update rule"), t("Verdict"), t("Decided at step"), t("Ends at w"), t("Final loss")];
    const head = el("tr", {}, headings.map((words) => el("th", { scope: "col" }, words)));
    const rows = this.optimizers.map((name) => {
      const run = this.runs[name];
      const end = run.steps[run.steps.length - 1];
      const flown = run.verdict.kind === "diverged";
      return el("tr", { "data-kind": run.verdict.kind },
        el("th", { scope: "row" }, this.titleOf(name)),
        el("td", {}, run.verdict.headline),
        el("td", { class: "num" }, String(run.verdict.step)),
        el("td", { class: "num" }, flown ? t("off the chart") : numberText(end.w)),
        el("td", { class: "num" }, flown ? "—" : numberText(end.loss)));
    });
    const table = this.q("[data-results]");
    table.replaceChildren(el("caption", {}, t("Who settles where, and when")), el("thead", {}, head), el("tbody", {}, rows));
  }

  play() {
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) {
      this.at(this.last);
      return;
    }
    if (this.step >= this.last) this.at(0);
    const began = performance.now();
    const from = this.step;
    this.playButton.textContent = t("Pause");
    const tick = (now) => {
      this.at(from + Math.floor(((now - began) / 1000) * STEPS_PER_SECOND));
      this.frame = this.step < this.last ? requestAnimationFrame(tick) : 0;
      if (!this.frame) this.playButton.textContent = t("Play");
    };
    this.frame = requestAnimationFrame(tick);
  }

  stop() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.playButton.textContent = t("Play");
  }
}
