// The race: every other update rule from the same start at the same speed, each path drawn on the map in its own
// colour up to the step the ball has reached, and a legend that gives each rule's verdict, in the engine's words,
// once that rule's run has got there. When the speed changes mid-run every rule changes speed at the same step as
// the ball, each carrying on from where it is, so the rules still share their start and their speeds (and a note
// under the legend says so).

import { el } from "../common/dom.js";
import { numberText, speedText } from "../common/format.js";
import { t } from "../common/words.js";
import { api, runParams } from "./controller.js";
import { carryParams, carryPoint, continued, decidedAt, flownAt, lastIndex, speedsOf, stepAt } from "./run.js";

// Okabe–Ito hues (Newton a light grey), each drawn over a dark halo so it reads on every colour of the map.
export const RULE_COLOURS = {
  plain: "#56b4e9",
  momentum: "#e69f00",
  nesterov: "#cc79a7",
  adagrad: "#009e73",
  rmsprop: "#f0e442",
  adam: "#d55e00",
  newton: "#d9d6cf",
};

export class Race {
  constructor(list, titles, note) {
    this.list = list;
    this.titles = titles;
    this.note = note;
    this.on = false;
    this.runs = [];
    this.key = null;
    this.token = 0;
  }

  /** What the racers' runs depend on: the ball's settings and the speeds it was rolled at. */
  static key(sim) {
    return JSON.stringify([sim.settings, speedsOf(sim.run)]);
  }

  /** Fetch the other rules' runs for the ball's (once per key); resolves to true when they changed. */
  async load(sim, rules) {
    const key = Race.key(sim);
    if (!this.on || key === this.key) return false;
    this.key = key;
    const token = (this.token += 1);
    const { settings, surface } = sim;
    this.speeds = speedsOf(sim.run);
    const others = rules.filter((name) => name !== settings.optimizer);
    const runs = await Promise.all(others.map((optimizer) => replay({ ...settings, optimizer }, this.speeds, surface)));
    if (token !== this.token) return false;
    this.runs = others.map((name, k) => ({ name, run: runs[k] }));
    return true;
  }

  clear() {
    this.key = null;
    this.token += 1;
    this.runs = [];
    this.list.replaceChildren();
    this.list.hidden = true;
    this.note.hidden = true;
  }

  /** How far the race goes: {last, decided} over every racer, for the controller; null with no race. */
  horizon() {
    if (!this.runs.length) return null;
    return {
      last: Math.max(...this.runs.map(({ run }) => lastIndex(run))),
      decided: Math.max(...this.runs.map(({ run }) => decidedAt(run))),
    };
  }

  /** Each racer's path up to `index`, for the map: [{colour, path: [[w1, w2]…], gone}]. */
  paths(index) {
    return this.runs.map(({ name, run }) => ({
      colour: RULE_COLOURS[name] || "#ffffff",
      path: run.steps.slice(0, Math.min(index, run.steps.length - 1) + 1).map((s) => s.w),
      gone: flownAt(run, index),
    }));
  }

  /** The legend at `index`: each rule, its colour, and its verdict once decided (else where it is). */
  legend(index, mainName) {
    this.list.hidden = !this.runs.length;
    this.note.hidden = !this.runs.length || this.speeds.length < 2;
    if (!this.runs.length) return;
    this.note.textContent = speedWords(this.speeds);
    const main = el("li", {}, el("span", { class: "race-key race-key-main", "aria-hidden": "true" }),
      el("strong", {}, this.titles[mainName] || mainName), t(" (the ball)"));
    this.list.replaceChildren(main, ...this.runs.map(({ name, run }) => {
      const key = el("span", { class: "race-key", "aria-hidden": "true" });
      key.style.background = RULE_COLOURS[name] || "#ffffff";
      const s = stepAt(run, index);
      const at = { step: s.step, loss: numberText(s.loss) };
      const where = index >= decidedAt(run) ? run.verdict.headline
        : flownAt(run, index) ? t("flying off") : t("step {step}, loss {loss}", at);
      return el("li", { "data-rule": name }, key, el("strong", {}, this.titles[name] || name), `: ${where}`);
    }));
  }
}

/** One rule's run from the ball's start, at each speed from the step the ball changed to it (while it can go on). */
async function replay(settings, speeds, surface) {
  let run = await api.descend(runParams({ ...settings, speed: speeds[0].speed }));
  for (const { from, speed } of speeds.slice(1)) {
    const here = carryPoint(run, from, surface, settings.formula);
    if (!here) break; // it flew off or stopped before the change: its run ends as it did
    const later = await api.descend(runParams(carryParams({ ...settings, speed }, here)));
    run = continued(run, from, later);
  }
  return run;
}

/** The speeds every rule was rolled at, in words: "Every rule at speed 0.09, then 0.03 from step 12." */
export function speedWords(speeds) {
  const later = speeds.slice(1)
    .map(({ from, speed }) => ({ speed: speedText(speed), step: from }))
    .map((change) => t("{speed} from step {step}", change));
  const all = { speed: speedText(speeds[0].speed), later: later.join(t(", then ")) };
  return t("Every rule rolls from the same start at speed {speed}, then {later}, changing speed where the ball did.", all);
}
