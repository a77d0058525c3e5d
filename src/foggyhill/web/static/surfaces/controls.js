// The controls: Step, Roll, Step back, Reset, the Speed slider (log scale) and its typed box, the Landscape picker
// with its formula box, the update rule, the start (typed, or a click on the map), "More settings", the steepest
// direction's checkbox and the keyboard.

import { ApiError } from "../common/api.js";
import { el } from "../common/dom.js";
import { formatSpeed } from "../common/format.js";
import { parseField } from "../common/state.js";

// Down to 0.0001: the raw lemonade fit and Rosenbrock's banana only settle below 0.0015 and 0.002.
export const SLIDER = { min: 0.0001, max: 2, positions: 1000 };
const KEY_FACTOR = 1.25;
const SLIDER_KEYS = { ArrowRight: 1 / 40, ArrowUp: 1 / 40, ArrowLeft: -1 / 40, ArrowDown: -1 / 40, PageUp: 1 / 10,
  PageDown: -1 / 10 };
const FORMULA_OPTION = "formula";
const SPEED_DELAY_MS = 150;
const MORE_FIELDS = ["steps", "noise", "seed"];
const RULE_WORDS = {
  plain: "new = old − speed × slope, for both settings at once.",
  momentum: "Keeps part of its last step: swings across a valley cancel, pushes along it add up.",
  nesterov: "Momentum that feels the slope where its momentum is about to carry it.",
  adagrad: "Divides each setting's step by the size of all its slopes so far: steep settings slow down.",
  rmsprop: "Divides each setting's step by the recent size of its slopes.",
  adam: "Momentum and RMSProp together, each setting at its own pace.",
  newton: "Divides the slope by the curvature in every direction (the step −H⁻¹ × slope): one step to a bowl's " +
    "bottom at speed 1, but it heads for saddles too.",
};

/** The slider position (0..positions) for a speed, on a log scale. */
export function sliderPosition(speed) {
  const { min, max, positions } = SLIDER;
  const clamped = Math.min(max, Math.max(min, speed));
  return Math.round((Math.log(clamped / min) / Math.log(max / min)) * positions);
}

/** The speed at a slider position, rounded to 3 significant digits so links stay readable. */
export function sliderSpeed(position) {
  const { min, max, positions } = SLIDER;
  return Number((min * (max / min) ** (position / positions)).toPrecision(3));
}

function fieldProblem(input, help, message) {
  if (!("text" in help.dataset)) help.dataset.text = help.textContent;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  help.textContent = message || help.dataset.text;
  help.classList.toggle("error", Boolean(message));
}

export class SurfaceControls {
  constructor(root, { sim, fields, surfaces, titles, onError, onSteep }) {
    this.root = root;
    this.sim = sim;
    this.fields = fields;
    this.onError = onError;
    this.q = (sel) => root.querySelector(sel);
    this.timers = {};
    this.wireButtons();
    this.wireSpeed();
    this.wireLandscape(surfaces);
    this.wireRule(titles);
    this.wireStart();
    this.wireMore();
    this.wireKeyboard();
    this.q("[data-steepest]").addEventListener("change", (event) => onSteep(event.target.checked));
  }

  change(changes) {
    return this.sim.apply(changes).then(() => this.onError(null), (error) => this.onError(error));
  }

  later(name, ms, fn) {
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(fn, ms);
  }

  wireButtons() {
    const on = (action, fn) => this.q(`[data-action="${action}"]`).addEventListener("click", fn);
    on("step", () => this.sim.step());
    on("back", () => this.sim.back());
    on("reset", () => this.sim.reset());
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
    this.slider.addEventListener("keydown", (event) => {
      const share = SLIDER_KEYS[event.key];
      if (!share || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const now = Number(this.slider.value);
      const next = Math.min(SLIDER.positions, Math.max(0, Math.round(now + share * SLIDER.positions)));
      if (next === now) return;
      this.slider.value = String(next);
      this.slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    const typed = () => {
      const parsed = parseField("speed", this.fields.speed, this.speedBox.value);
      if ("error" in parsed || parsed.value === null) {
        fieldProblem(this.speedBox, this.speedHelp, parsed.error || "Type a speed, for example 0.05.");
        return;
      }
      this.showSpeed(parsed.value, { box: false });
      if (parsed.value !== this.sim.settings.speed) this.change({ speed: parsed.value });
    };
    this.speedBox.addEventListener("change", typed);
    this.speedBox.addEventListener("keydown", (event) => event.key === "Enter" && typed());
  }

  showSpeed(speed, { slider = true, box = true } = {}) {
    this.speedShown = speed;
    if (slider) this.slider.value = String(sliderPosition(speed));
    this.slider.setAttribute("aria-valuetext", formatSpeed(speed));
    if (box) this.speedBox.value = formatSpeed(speed);
    fieldProblem(this.speedBox, this.speedHelp, null);
    if (this.onSpeedShown) this.onSpeedShown(speed);
  }

  nudgeSpeed(direction) {
    const now = this.speedShown ?? this.sim.settings.speed;
    const wanted = Math.min(this.fields.speed.maximum, Math.max(SLIDER.min, now * KEY_FACTOR ** direction));
    const next = Number(wanted.toPrecision(3));
    if (next === now) return;
    this.showSpeed(next);
    this.later("speed", SPEED_DELAY_MS, () => this.change({ speed: next }));
  }

  wireLandscape(surfaces) {
    this.picker = this.q("[data-landscape]");
    this.formulaBox = this.q("[data-formula-box]");
    this.formula = this.q("[data-formula]");
    this.picker.replaceChildren(
      ...surfaces.map((s) => el("option", { value: s.name }, s.title)),
      el("option", { value: FORMULA_OPTION }, "Your formula…"),
    );
    this.picker.addEventListener("change", () => {
      if (this.picker.value === FORMULA_OPTION) {
        this.formulaBox.hidden = false;
        if (!this.formula.value) this.formula.value = this.sim.surface ? this.sim.surface.formula : "";
        this.formula.focus();
        this.tryFormula();
      } else {
        this.formulaBox.hidden = true;
        this.showFormulaError(null);
        this.change({ landscape: this.picker.value, formula: null, start: null });
      }
    });
    this.formula.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      this.tryFormula();
    });
  }

  async tryFormula() {
    const text = this.formula.value.trim();
    if (!text) {
      this.showFormulaError({ message: "Type a formula in w1 and w2, for example w1^2 + 10*w2^2.", text });
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
        fieldProblem(input, this.startHelp, ok ? null :
          `Each start setting must be a number from ${item.minimum} to ${item.maximum}.`);
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

  wireMore() {
    const grid = this.q("[data-more-fields]");
    this.more = {};
    for (const name of MORE_FIELDS) {
      const spec = this.fields[name];
      if (!spec) continue;
      const id = `setting-${name}`;
      const input = el("input", { id, type: "number", step: spec.kind === "int" ? "1" : "any",
        min: String(spec.minimum), max: String(spec.maximum) });
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
    // The document on the page; a widget's own shadow root in a notebook, so keys act on the widget that has them.
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
        r: () => this.sim.reset(),
        R: () => this.sim.reset(),
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
    for (const [name, { input, help }] of Object.entries(this.more)) {
      if (focused === input) continue;
      input.value = String(settings[name] ?? "");
      fieldProblem(input, help, null);
    }
  }
}
