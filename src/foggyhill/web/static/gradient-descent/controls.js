// The controls: buttons, the Speed slider (log scale) and its typed box, the Landscape picker with its formula
// box, the start box, "More settings", the keyboard, and clicking or dragging on the curve to set the start.

import { ApiError } from "../common/api.js";
import { FORMULA_OPTION, SpeedControls, fieldProblem, positionOnScale } from "../common/controls.js";
import { fieldsOf, parseField } from "../common/state.js";
import { t } from "../common/words.js";

export const SLIDER = { min: 0.001, max: 1.5, positions: 1000 };
const TYPING_DELAY_MS = 450;
const SPEED_DELAY_MS = 120;
const MORE_FIELDS = ["steps", "optimizer", "schedule", "noise", "seed"];
const CARRY_ON_FIELDS = new Set(["speed"]);

/** The slider position (0..positions) for a speed, on a log scale. */
export function sliderPosition(speed) {
  return positionOnScale(SLIDER, speed);
}

export class Controls extends SpeedControls {
  constructor(root, { sim, schema, landscapes, onError }) {
    super(root, { sim, fields: fieldsOf(schema), onError, scale: SLIDER, speedDelayMs: SPEED_DELAY_MS, example: "0.1" });
    const reset = () => this.sim.reset().catch((e) => this.onError(e));
    this.wireButtons(reset);
    this.wireSpeed();
    this.wireLandscape(landscapes);
    this.wireStart();
    this.wireMore(MORE_FIELDS);
    this.wireKeyboard(reset);
    this.wirePointer();
  }

  /** Apply a change; speed changes carry on from where the ball is. */
  change(changes) {
    const carryOn = Object.keys(changes).every((k) => CARRY_ON_FIELDS.has(k));
    return this.sim.apply(changes, { carryOn }).then(
      () => this.onError(null),
      (error) => this.onError(error),
    );
  }

  wireLandscape(landscapes) {
    this.wirePicker(landscapes, () => this.sim.landscape);
    this.formula.addEventListener("input", () => this.later("formula", TYPING_DELAY_MS, () => this.tryFormula()));
    this.formula.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.tryFormula();
    });
  }

  /** Draw the typed formula; a formula that does not parse shows its message under the spot where it went wrong. */
  async tryFormula() {
    clearTimeout(this.timers.formula);
    const text = this.formula.value.trim();
    if (!text) {
      this.showFormulaError({ message: t("Type a formula in w, for example w^2 - 2*w."), position: null, text });
      return;
    }
    if (text === this.sim.settings.formula) {
      this.showFormulaError(null);
      return;
    }
    try {
      // No start: the server picks one where the curve is defined (log(w) starts right of 0, not at -2).
      await this.sim.apply({ formula: text, start: null });
      if (this.formula.value.trim() === text) this.showFormulaError(null);
    } catch (error) {
      if (error instanceof ApiError && error.field === "formula") {
        this.showFormulaError({ message: error.message, position: error.position, text });
      } else {
        this.onError(error);
      }
    }
  }

  wireStart() {
    this.start = this.q("[data-start]");
    this.startHelp = this.q("[data-start-help]");
    this.start.min = String(this.fields.start.minimum);
    this.start.max = String(this.fields.start.maximum);
    this.start.addEventListener("change", () => {
      const parsed = parseField("start", this.fields.start, this.start.value);
      fieldProblem(this.start, this.startHelp, parsed.error || null);
      if ("error" in parsed) return;
      this.change({ start: parsed.value });
    });
  }

  wirePointer() {
    const svg = this.q("[data-plot]");
    let dragging = false;
    const wAt = (event) => {
      const box = svg.getBoundingClientRect();
      return Number(this.sim.plot.settingAt(event.clientX - box.left).toFixed(2));
    };
    svg.addEventListener("pointerdown", (event) => {
      if (!this.sim.plot.ready || event.button !== 0 || "start" in this.sim.locked) return;
      dragging = true;
      svg.setPointerCapture(event.pointerId);
      this.sim.preview(wAt(event));
      this.start.value = String(wAt(event));
    });
    svg.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      this.sim.preview(wAt(event));
      this.start.value = String(wAt(event));
    });
    const finish = (event) => {
      if (!dragging) return;
      dragging = false;
      this.change({ start: wAt(event) });
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", finish);
  }

  /** Lock the controls of `names` (a challenge link's): disabled, each described by the note that says why. */
  lock(names, noteId) {
    const controls = {
      landscape: [this.picker, this.formula],
      start: [this.start],
      speed: [this.slider, this.speedBox],
    };
    for (const name of names) {
      for (const input of controls[name] || [this.more[name]?.input].filter(Boolean)) {
        input.disabled = true;
        const described = input.getAttribute("aria-describedby");
        input.setAttribute("aria-describedby", described ? `${noteId} ${described}` : noteId);
      }
    }
    if (names.includes("start")) this.startHelp.textContent = t("The challenge sets the start.");
  }

  /** + and − keys: a notch of speed, unless a challenge holds the speed. */
  nudgeSpeed(direction) {
    if (!("speed" in this.sim.locked)) super.nudgeSpeed(direction);
  }

  /** The element with the keyboard focus in this document or shadow root. */
  focused() {
    return this.root.getRootNode().activeElement;
  }

  /** Show the current settings in every control (after a change, a restore or a "Show me"). */
  sync(settings, landscape) {
    const key = JSON.stringify([settings, landscape && landscape.start]);
    if (key === this.synced) return; // only on a real change, so a typed mistake's message stays up while rolling
    this.synced = key;
    if (this.focused() !== this.speedBox) this.showSpeed(settings.speed);
    else this.showSpeed(settings.speed, { box: false });
    this.picker.value = settings.formula ? FORMULA_OPTION : settings.landscape;
    this.formulaBox.hidden = !settings.formula;
    if (settings.formula && this.focused() !== this.formula) this.formula.value = settings.formula;
    if (this.focused() !== this.start && landscape) {
      this.start.value = String(settings.start ?? landscape.start);
      fieldProblem(this.start, this.startHelp, null);
    }
    this.syncMore(settings, this.focused());
  }
}
