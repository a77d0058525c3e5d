// The controls: Step, Roll, Step back, Reset, the Speed slider (log scale) and its typed box, the Landscape picker
// with its formula box, the update rule, the start (typed, or a click on the map), "More settings", the steepest
// direction's checkbox and the keyboard.

import { ApiError } from "../common/api.js";
import { FORMULA_OPTION, SpeedControls, fieldProblem, positionOnScale } from "../common/controls.js";
import { el } from "../common/dom.js";
import { num, t } from "../common/words.js";

// Down to 0.0001: the raw lemonade fit and Rosenbrock's banana only settle below 0.0015 and 0.002.
export const SLIDER = { min: 0.0001, max: 2, positions: 1000 };
const SPEED_DELAY_MS = 150;
const MORE_FIELDS = ["steps", "noise", "seed"];
// Changes that carry the run on from where the ball is (as on the line lesson); any other change starts it over.
const CARRY_ON_FIELDS = new Set(["speed"]);
const RULE_WORDS = {
  plain: t("new = old − speed × slope, for both settings at once."),
  momentum: t("Keeps part of its last step: swings across a valley cancel, pushes along it add up."),
  nesterov: t("Momentum that feels the slope where its momentum is about to carry it."),
  adagrad: t("Divides each setting's step by the size of all its slopes so far: steep settings slow down."),
  rmsprop: t("Divides each setting's step by the recent size of its slopes."),
  adam: t("Momentum and RMSProp together, each setting at its own pace."),
  newton: t("Divides the slope by the curvature in every direction (the step −H⁻¹ × slope): one step to a bowl's bottom at speed 1, but it heads for saddles too."),
};

/** The slider position (0..positions) for a speed, on a log scale. */
export function sliderPosition(speed) {
  return positionOnScale(SLIDER, speed);
}

export class SurfaceControls extends SpeedControls {
  /** `carryOn`: a change of speed carries the run on from the ball (the page); without it every change restarts. */
  constructor(root, { sim, fields, surfaces, titles, onError, onSteep, carryOn = false }) {
    super(root, { sim, fields, onError, scale: SLIDER, speedDelayMs: SPEED_DELAY_MS, example: "0.05" });
    this.carryOn = carryOn;
    const reset = () => Promise.resolve(this.sim.reset()).catch((error) => this.onError(error));
    this.wireButtons(reset);
    this.wireSpeed();
    this.wireLandscape(surfaces);
    this.wireRule(titles);
    this.wireStart();
    this.wireMore(MORE_FIELDS);
    this.wireKeyboard(reset);
    this.q("[data-steepest]").addEventListener("change", (event) => onSteep(event.target.checked));
  }

  change(changes) {
    const carryOn = this.carryOn && Object.keys(changes).every((k) => CARRY_ON_FIELDS.has(k));
    return this.sim.apply(changes, { carryOn }).then(() => this.onError(null), (error) => this.onError(error));
  }

  wireLandscape(surfaces) {
    this.wirePicker(surfaces, () => this.sim.surface);
    this.formula.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      this.tryFormula();
    });
  }

  async tryFormula() {
    const text = this.formula.value.trim();
    if (!text) {
      this.showFormulaError({ message: t("Type a formula in w1 and w2, for example w1^2 + 10*w2^2."), text });
      return;
    }
    if (text === this.sim.settings.formula) {
      this.showFormulaError(null);
      return;
    }
    try {
      await this.sim.apply({ formula: text, start: null });
      this.showFormulaError(null);
      this.onError(null);
    } catch (error) {
      if (error instanceof ApiError && error.field === "formula") {
        this.showFormulaError({ message: error.message, position: error.position, text });
      } else {
        this.onError(error);
      }
    }
  }

  wireRule(titles) {
    this.rule = this.q("[data-optimizer]");
    this.ruleHelp = this.q("[data-optimizer-help]");
    this.rule.replaceChildren(...this.fields.optimizer.choices.map((name) =>
      el("option", { value: name }, titles[name] || name)));
    this.rule.addEventListener("change", () => this.change({ optimizer: this.rule.value }));
  }

  wireStart() {
    this.starts = [...this.root.querySelectorAll("[data-start]")];
    this.startHelp = this.q("[data-start-help]");
    const item = this.fields.start.item || { minimum: -1000, maximum: 1000 };
    for (const input of this.starts) {
      input.min = String(item.minimum);
      input.max = String(item.maximum);
      input.addEventListener("change", () => {
        const [a, b] = this.starts.map((box) => Number(box.value));
        const ok = this.starts.every((box) => box.value.trim() !== "") && [a, b].every((v) =>
          Number.isFinite(v) && v >= item.minimum && v <= item.maximum);
        const limits = { minimum: num(String(item.minimum)), maximum: num(String(item.maximum)) };
        fieldProblem(input, this.startHelp, ok ? null : t("Each start setting must be a number from {minimum} to {maximum}.", limits));
        if (ok) this.change({ start: `${a},${b}` });
      });
    }
  }

  /** A click on the map: start there. */
  pick(text) {
    const [a, b] = text.split(",");
    this.starts[0].value = a;
    this.starts[1].value = b;
    this.change({ start: text });
  }

  /** Show the current settings in every control (after a change or a reload). */
  sync(settings, start) {
    const key = JSON.stringify([settings, start]);
    if (key === this.synced) return;
    this.synced = key;
    const focused = document.activeElement;
    this.showSpeed(settings.speed, { box: focused !== this.speedBox });
    this.picker.value = settings.formula ? FORMULA_OPTION : settings.landscape;
    this.formulaBox.hidden = !settings.formula;
    if (settings.formula && focused !== this.formula) this.formula.value = settings.formula;
    this.rule.value = settings.optimizer;
    this.ruleHelp.textContent = RULE_WORDS[settings.optimizer] || "";
    if (start) {
      this.starts.forEach((box, k) => {
        if (focused !== box) box.value = String(Number(start[k].toPrecision(6)));
      });
      fieldProblem(this.starts[0], this.startHelp, null);
      this.starts[1].removeAttribute("aria-invalid");
    }
    this.syncMore(settings, focused);
  }
}
