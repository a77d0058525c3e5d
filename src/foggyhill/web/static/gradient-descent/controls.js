// The controls: buttons, the Speed slider (log scale) and its typed box, the Landscape picker with its formula
// box, the start box, "More settings", the keyboard, and clicking or dragging on the curve to set the start.

import { ApiError } from "../common/api.js";
import { el } from "../common/dom.js";
import { formatSpeed } from "../common/format.js";
import { fieldsOf, parseField } from "../common/state.js";

export const SLIDER = { min: 0.001, max: 1.5, positions: 1000 };
const KEY_FACTOR = 1.25;
// A key on the slider moves it a step the learner can see: 1/40 of the log range (about ×1.2), Page Up/Down 1/10.
const SLIDER_KEYS = { ArrowRight: 1 / 40, ArrowUp: 1 / 40, ArrowLeft: -1 / 40, ArrowDown: -1 / 40, PageUp: 1 / 10,
  PageDown: -1 / 10 };
const FORMULA_OPTION = "formula";
const TYPING_DELAY_MS = 450;
const SPEED_DELAY_MS = 120;
const MORE_FIELDS = ["steps", "optimizer", "schedule", "noise", "seed"];
const CARRY_ON_FIELDS = new Set(["speed"]);

/** The slider position (0..positions) for a speed, on a log scale. */
export function sliderPosition(speed) {
  const { min, max, positions } = SLIDER;
  const clamped = Math.min(max, Math.max(min, speed));
  return Math.round((Math.log(clamped / min) / Math.log(max / min)) * positions);
}

/** The speed at a slider position, rounded to 3 significant digits so URLs stay readable. */
export function sliderSpeed(position) {
  const { min, max, positions } = SLIDER;
  return Number((min * (max / min) ** (position / positions)).toPrecision(3));
}

/** Mark `input` as refused with `message` in its help line, or (message null) restore the help line. */
function fieldProblem(input, help, message) {
  if (!("text" in help.dataset)) help.dataset.text = help.textContent;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  help.textContent = message || help.dataset.text;
  help.classList.toggle("error", Boolean(message));
}

export class Controls {
  constructor(root, { sim, schema, landscapes, onError }) {
    this.root = root;
    this.sim = sim;
    this.fields = fieldsOf(schema);
    this.onError = onError;
    this.q = (sel) => root.querySelector(sel);
    this.timers = {};
    this.wireButtons();
    this.wireSpeed();
    this.wireLandscape(landscapes);
    this.wireStart();
    this.wireMore();
    this.wireKeyboard();
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

  later(name, ms, fn) {
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(fn, ms);
  }

  wireButtons() {
    const on = (action, fn) => this.q(`[data-action="${action}"]`).addEventListener("click", fn);
    on("step", () => this.sim.step());
    on("back", () => this.sim.back());
    on("reset", () => this.sim.reset().catch((e) => this.onError(e)));
    on("roll", () => this.sim.toggleRoll());
  }

  wireSpeed() {
    this.slider = this.q("[data-speed-slider]");
    this.speedBox = this.q("[data-speed-number]");
    this.speedHelp = this.q("[data-speed-help]");
    this.speedBox.max = String(this.fields.speed.maximum);
    this.slider.addEventListener("input", () => {
      const speed = sliderSpeed(Number(this.slider.value));
      this.showSpeed(speed, { slider: false });
      this.later("speed", SPEED_DELAY_MS, () => this.change({ speed }));
    });
    this.slider.addEventListener("keydown", (event) => this.sliderKey(event));
    this.speedBox.addEventListener("change", () => this.typedSpeed());
    this.speedBox.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.typedSpeed();
    });
  }

  /** Arrow and Page keys on the slider: the browser's own step is 1/1000 of the range, too small to notice. */
  sliderKey(event) {
    const share = SLIDER_KEYS[event.key];
    if (!share || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const now = Number(this.slider.value);
    const next = Math.min(SLIDER.positions, Math.max(0, Math.round(now + share * SLIDER.positions)));
    if (next === now) return;
    this.slider.value = String(next);
    this.slider.dispatchEvent(new Event("input", { bubbles: true }));
  }

  typedSpeed() {
    const parsed = parseField("speed", this.fields.speed, this.speedBox.value);
    if ("error" in parsed || parsed.value === null) {
      fieldProblem(this.speedBox, this.speedHelp, parsed.error || "Type a speed, for example 0.1.");
      return;
    }
    this.showSpeed(parsed.value, { box: false });
    if (parsed.value !== this.sim.settings.speed) this.change({ speed: parsed.value });
  }

  /** Show `speed` in the slider and the box (unless the learner is typing in it). */
  showSpeed(speed, { slider = true, box = true } = {}) {
    this.speedShown = speed;
    if (slider) this.slider.value = String(sliderPosition(speed));
    this.slider.setAttribute("aria-valuetext", formatSpeed(speed));
    if (box) this.speedBox.value = formatSpeed(speed);
    fieldProblem(this.speedBox, this.speedHelp, null);
  }

  /** + and − keys: a notch faster or slower on the slider's log scale. */
  nudgeSpeed(direction) {
    const now = this.speedShown ?? this.sim.settings.speed;
    const wanted = Math.min(this.fields.speed.maximum, Math.max(SLIDER.min, now * KEY_FACTOR ** direction));
    const next = Number(wanted.toPrecision(3));
    if (next === now) return;
    this.showSpeed(next);
    this.later("speed", SPEED_DELAY_MS, () => this.change({ speed: next }));
  }

  wireLandscape(landscapes) {
    this.picker = this.q("[data-landscape]");
    this.formulaBox = this.q("[data-formula-box]");
    this.formula = this.q("[data-formula]");
    this.picker.replaceChildren(
      ...landscapes.map((l) => el("option", { value: l.name }, l.title)),
      el("option", { value: FORMULA_OPTION }, "Your formula…"),
    );
    this.picker.addEventListener("change", () => {
      if (this.picker.value === FORMULA_OPTION) {
        this.formulaBox.hidden = false;
        if (!this.formula.value) this.formula.value = this.sim.landscape ? this.sim.landscape.formula : "";
        this.formula.focus();
        this.tryFormula();
      } else {
        clearTimeout(this.timers.formula); // a formula still being typed must not come back after a built-in is picked
        this.formulaBox.hidden = true;
        this.showFormulaError(null);
        this.change({ landscape: this.picker.value, formula: null, start: null });
      }
    });
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
      this.showFormulaError({ message: "Type a formula in w, for example w^2 - 2*w.", position: null, text });
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

  /** Show (or clear, with null) the formula's error: the text with a caret under the position, and the message. */
  showFormulaError(problem) {
    const box = this.q("[data-formula-error]");
    box.hidden = !problem;
    if (problem) this.formula.setAttribute("aria-invalid", "true");
    else this.formula.removeAttribute("aria-invalid");
    if (!problem) return;
    const caret = this.q("[data-formula-caret]");
    const at = problem.position;
    caret.hidden = !(Number.isInteger(at) && at >= 0);
    caret.textContent = caret.hidden ? "" : `${problem.text}\n${" ".repeat(Math.min(at, problem.text.length))}^`;
    this.q("[data-formula-message]").textContent = problem.message;
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

  wireMore() {
    const grid = this.q("[data-more-fields]");
    this.more = {};
    for (const name of MORE_FIELDS) {
      const spec = this.fields[name];
      if (!spec) continue;
      const id = `setting-${name}`;
      const input =
        spec.kind === "choice"
          ? el("select", { id }, spec.choices.map((c) => el("option", { value: c }, c)))
          : el("input", { id, type: "number", step: spec.kind === "int" ? "1" : "any" });
      if (spec.kind !== "choice") Object.assign(input, { min: String(spec.minimum), max: String(spec.maximum) });
      const help = el("p", { class: "help", id: `${id}-help` }, spec.help);
      input.setAttribute("aria-describedby", help.id);
      input.addEventListener("change", () => {
        const parsed = parseField(name, spec, input.value);
        fieldProblem(input, help, parsed.error || null);
        if (!("error" in parsed)) this.change({ [name]: parsed.value });
      });
      this.more[name] = { input, help };
      const label = el("label", { for: id }, name.charAt(0).toUpperCase() + name.slice(1));
      grid.append(el("div", { class: "control" }, label, input, help));
    }
  }

  wireKeyboard() {
    // The page's document, or the shadow root of a notebook widget (keys then act only on that widget).
    this.root.getRootNode().addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
      const pressing = event.key === " " || event.key === "Enter";
      if (pressing && target.closest && target.closest("button, a, summary")) return;
      const actions = {
        ArrowRight: () => this.sim.step(),
        ArrowLeft: () => this.sim.back(),
        " ": () => this.sim.toggleRoll(),
        r: () => this.sim.reset().catch((e) => this.onError(e)),
        R: () => this.sim.reset().catch((e) => this.onError(e)),
        "+": () => this.nudgeSpeed(1),
        "=": () => this.nudgeSpeed(1),
        "-": () => this.nudgeSpeed(-1),
        _: () => this.nudgeSpeed(-1),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
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
      if (!this.sim.plot.ready || event.button !== 0) return;
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
    for (const [name, { input, help }] of Object.entries(this.more)) {
      if (this.focused() === input) continue;
      input.value = String(settings[name] ?? "");
      fieldProblem(input, help, null);
    }
  }
}
