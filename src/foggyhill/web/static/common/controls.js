// What the line page's and the surfaces page's controls share: the Speed slider on a log scale and its typed box, the
// formula's error with its caret, the "More settings" fields, the page's keys and a refused field's message.

import { choiceText, settingLabel } from "./choices.js";
import { el } from "./dom.js";
import { formatSpeed, speedText } from "./format.js";
import { parseField } from "./state.js";
import { t } from "./words.js";

export const FORMULA_OPTION = "formula";
const KEY_FACTOR = 1.25;
// A key on the slider moves it a step the learner can see: 1/40 of the log range (about ×1.2), Page Up/Down 1/10.
const SLIDER_KEYS = { ArrowRight: 1 / 40, ArrowUp: 1 / 40, ArrowLeft: -1 / 40, ArrowDown: -1 / 40, PageUp: 1 / 10,
  PageDown: -1 / 10 };

/** The slider position (0..positions) for a speed on the log scale `{ min, max, positions }`. */
export function positionOnScale(scale, speed) {
  const { min, max, positions } = scale;
  const clamped = Math.min(max, Math.max(min, speed));
  return Math.round((Math.log(clamped / min) / Math.log(max / min)) * positions);
}

/** The speed at a slider position, rounded to 3 significant digits so links stay readable. */
export function speedOnScale(scale, position) {
  const { min, max, positions } = scale;
  return Number((min * (max / min) ** (position / positions)).toPrecision(3));
}

/** Mark `input` as refused with `message` in its help line, or (message null) restore the help line. */
export function fieldProblem(input, help, message) {
  if (!("text" in help.dataset)) help.dataset.text = help.textContent;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  help.textContent = message || help.dataset.text;
  help.classList.toggle("error", Boolean(message));
}

/** The controls both pages have; a page's class adds its landscape picker, start and sync. */
export class SpeedControls {
  /** `scale` is the slider's log scale, `speedDelayMs` the pause before a slid speed runs, `example` a typed speed. */
  constructor(root, { sim, fields, onError, scale, speedDelayMs, example }) {
    Object.assign(this, { root, sim, fields, onError, scale, speedDelayMs, example });
    this.q = (sel) => root.querySelector(sel);
    this.timers = {};
  }

  later(name, ms, fn) {
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(fn, ms);
  }

  /** Step, Step back, Reset (`reset`, the page's own) and Roll. */
  wireButtons(reset) {
    const on = (action, fn) => this.q(`[data-action="${action}"]`).addEventListener("click", fn);
    on("step", () => this.sim.step());
    on("back", () => this.sim.back());
    on("reset", reset);
    on("roll", () => this.sim.toggleRoll());
  }

  wireSpeed() {
    this.slider = this.q("[data-speed-slider]");
    this.speedBox = this.q("[data-speed-number]");
    this.speedHelp = this.q("[data-speed-help]");
    this.speedBox.max = String(this.fields.speed.maximum);
    this.slider.addEventListener("input", () => {
      const speed = speedOnScale(this.scale, Number(this.slider.value));
      this.showSpeed(speed, { slider: false });
      this.later("speed", this.speedDelayMs, () => this.change({ speed }));
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
    const positions = this.scale.positions;
    const next = Math.min(positions, Math.max(0, Math.round(now + share * positions)));
    if (next === now) return;
    this.slider.value = String(next);
    this.slider.dispatchEvent(new Event("input", { bubbles: true }));
  }

  typedSpeed() {
    const parsed = parseField("speed", this.fields.speed, this.speedBox.value);
    if ("error" in parsed || parsed.value === null) {
      fieldProblem(this.speedBox, this.speedHelp, parsed.error || t("Type a speed, for example {speed}.", { speed: this.example }));
      return;
    }
    this.showSpeed(parsed.value, { box: false });
    if (parsed.value !== this.sim.settings.speed) this.change({ speed: parsed.value });
  }

  /** Show `speed` in the slider and the box (unless the learner is typing in it). */
  showSpeed(speed, { slider = true, box = true } = {}) {
    this.speedShown = speed;
    if (slider) this.slider.value = String(positionOnScale(this.scale, speed));
    this.slider.setAttribute("aria-valuetext", speedText(speed));
    if (box) this.speedBox.value = formatSpeed(speed);
    fieldProblem(this.speedBox, this.speedHelp, null);
    if (this.onSpeedShown) this.onSpeedShown(speed);
  }

  /** + and − keys: a notch faster or slower on the slider's log scale. */
  nudgeSpeed(direction) {
    const now = this.speedShown ?? this.sim.settings.speed;
    const wanted = Math.min(this.fields.speed.maximum, Math.max(this.scale.min, now * KEY_FACTOR ** direction));
    const next = Number(wanted.toPrecision(3));
    if (next === now) return;
    this.showSpeed(next);
    this.later("speed", this.speedDelayMs, () => this.change({ speed: next }));
  }

  /** The Landscape picker: `items` by name, then "Your formula…", which opens the box with `shown()`'s formula. */
  wirePicker(items, shown) {
    this.picker = this.q("[data-landscape]");
    this.formulaBox = this.q("[data-formula-box]");
    this.formula = this.q("[data-formula]");
    this.picker.replaceChildren(
      ...items.map((item) => el("option", { value: item.name }, item.title)),
      el("option", { value: FORMULA_OPTION }, t("Your formula…")),
    );
    this.picker.addEventListener("change", () => {
      if (this.picker.value === FORMULA_OPTION) {
        this.formulaBox.hidden = false;
        if (!this.formula.value) this.formula.value = shown() ? shown().formula : "";
        this.formula.focus();
        this.tryFormula();
      } else {
        clearTimeout(this.timers.formula); // a formula still being typed must not come back after a built-in is picked
        this.formulaBox.hidden = true;
        this.showFormulaError(null);
        this.change({ landscape: this.picker.value, formula: null, start: null });
      }
    });
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

  /** "More settings": a labelled box (or a picker, for a choice) with its help line for each of `names`. */
  wireMore(names) {
    const grid = this.q("[data-more-fields]");
    this.more = {};
    for (const name of names) {
      const spec = this.fields[name];
      if (!spec) continue;
      const id = `setting-${name}`;
      const input =
        spec.kind === "choice"
          ? el("select", { id }, spec.choices.map((c) => el("option", { value: c }, choiceText(c))))
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
      const label = el("label", { for: id }, settingLabel(name));
      grid.append(el("div", { class: "control" }, label, input, help));
    }
  }

  /** Show the settings in "More settings", except in the box the learner is typing in. */
  syncMore(settings, focused) {
    for (const [name, { input, help }] of Object.entries(this.more)) {
      if (focused === input) continue;
      input.value = String(settings[name] ?? "");
      fieldProblem(input, help, null);
    }
  }

  /** The page's keys: → step, ← back, space roll, r `reset`, + and − a notch of speed; not while typing. */
  wireKeyboard(reset) {
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
        r: reset,
        R: reset,
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
}
