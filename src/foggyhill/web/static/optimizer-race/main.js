// The optimizer race page: settings from the link, six runs (or two clouds of noisy runs) from the API, and the
// keyboard: Space plays or pauses, ← and → step through the race.

import { api } from "../common/api.js";
import { el } from "../common/dom.js";
import { speedText } from "../common/format.js";
import { decodeSettings, defaults, encodeSettings, pageQuery, parseField, toolFields } from "../common/state.js";
import { t } from "../common/words.js";
import { showConventions } from "./conventions.js";
import { CloudView, SCHEDULES } from "./noisy.js";
import { RaceView } from "./race.js";

const $ = (selector) => document.querySelector(selector);
const FORMULA_OPTION = "formula";
const NOISY_ONLY = ["noise", "seeds", "optimizer"];

/** The query string for `settings`: only what differs from the defaults and what the mode uses. */
export function settingsQuery(settings, fields) {
  const shown = { ...settings, landscape: settings.formula ? null : settings.landscape };
  if (settings.mode !== "noisy") for (const name of NOISY_ONLY) shown[name] = null;
  return encodeSettings(shown, null, fields);
}

class RacePage {
  constructor(schema, landscapes, settings) {
    this.settings = settings;
    this.fields = toolFields(schema, "race");
    this.optimizers = schema.fields.optimizer.choices;
    const { optimizers, schedules } = schema.conventions;
    this.titles = Object.fromEntries(this.optimizers.map((name) => [name, optimizers[name]?.title || name]));
    this.landscapes = landscapes;
    this.token = 0;
    this.race = new RaceView($("[data-race-view]"), this.optimizers, this.titles);
    this.clouds = new CloudView($("[data-clouds]"), schedules);
    showConventions(schema.conventions);
    this.section = $("#race");
    this.wire();
  }

  get curve() {
    const s = this.settings;
    return s.formula ? { formula: s.formula, start: s.start } : { landscape: s.landscape, start: s.start };
  }

  wire() {
    const select = $("[data-landscape]");
    for (const land of this.landscapes) select.append(el("option", { value: land.name }, land.title));
    select.append(el("option", { value: FORMULA_OPTION }, t("Type your own formula…")));
    select.addEventListener("change", () => {
      $("[data-formula-box]").hidden = select.value !== FORMULA_OPTION;
      if (select.value === FORMULA_OPTION) $("[data-formula]").focus();
      else this.change({ landscape: select.value, formula: null, start: null });
    });
    $("[data-formula]").addEventListener("keydown", (event) => {
      const text = event.target.value.trim();
      if (event.key !== "Enter" || !text) return;
      event.preventDefault();
      this.change({ formula: text, start: null });
    });
    const rule = $('[data-field="optimizer"]');
    for (const name of this.optimizers) rule.append(el("option", { value: name }, this.titles[name]));
    for (const input of document.querySelectorAll("[data-field]")) {
      input.addEventListener("change", () => {
        const name = input.dataset.field;
        const parsed = parseField(name, this.fields[name], input.value);
        if ("error" in parsed) {
          this.say(parsed.error);
          this.showSettings(this.landscape);
        } else this.change({ [name]: parsed.value });
      });
    }
    for (const radio of document.querySelectorAll('input[name="mode"]')) {
      radio.addEventListener("change", () => radio.checked && this.change({ mode: radio.value }));
    }
    for (const form of document.querySelectorAll("form")) form.addEventListener("submit", (e) => e.preventDefault());
    document.addEventListener("keydown", (event) => this.key(event));
  }

  key(event) {
    if (this.settings.mode !== "race" || event.target.closest("input, select, textarea, button")) return;
    if (event.key === " ") {
      event.preventDefault();
      this.race.playButton.click();
    } else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      this.race.stop();
      this.race.at(this.race.step + (event.key === "ArrowRight" ? 1 : -1));
    }
  }

  showSettings(landscape) {
    const s = this.settings;
    $("[data-landscape]").value = s.formula ? FORMULA_OPTION : s.landscape;
    $("[data-formula-box]").hidden = !s.formula;
    $("[data-formula]").value = s.formula || "";
    for (const name of ["speed", "steps", "noise", "seeds", "optimizer"]) $(`[data-field="${name}"]`).value = String(s[name]);
    $('[data-field="start"]').value = String(s.start ?? landscape?.start ?? "");
    for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === s.mode;
    $("[data-race-view]").hidden = s.mode !== "race";
    $("[data-noisy-view]").hidden = s.mode !== "noisy";
  }

  say(message) {
    $("[data-notice]").textContent = message;
    $("[data-notice]").hidden = !message;
  }

  async change(changes) {
    const before = this.settings;
    this.settings = { ...this.settings, ...changes };
    const token = (this.token += 1);
    try {
      await this.load(token);
      if (token === this.token) this.say("");
    } catch (error) {
      if (token !== this.token) return;
      this.settings = before;
      this.say(error.message || String(error));
      this.showSettings(this.landscape);
    }
  }

  /** Fetch and show the runs; answers to an older request (token) than the latest are dropped. */
  async load(token = this.token) {
    this.section.dataset.state = "loading";
    const s = this.settings;
    const landscape = await api.landscape(this.curve);
    const common = { ...this.curve, speed: s.speed, steps: s.steps };
    if (s.mode === "race") {
      const runs = await Promise.all(this.optimizers.map((optimizer) => api.descend({ ...common, optimizer })));
      if (token !== this.token) return;
      this.race.show(landscape, Object.fromEntries(this.optimizers.map((name, k) => [name, runs[k]])));
      this.announce(runs);
    } else {
      const seeds = Array.from({ length: s.seeds }, (_, k) => k);
      const clouds = await Promise.all(SCHEDULES.map((sch) => Promise.all(seeds.map((seed) =>
        api.descend({ ...common, optimizer: s.optimizer, noise: s.noise, seed, schedule: sch.name }))),
      ));
      if (token !== this.token) return;
      this.clouds.show(landscape, Object.fromEntries(SCHEDULES.map((sch, k) => [sch.name, clouds[k]])));
    }
    this.landscape = landscape;
    this.showSettings(landscape);
    window.history.replaceState(null, "", `${window.location.pathname}${pageQuery(settingsQuery(s, this.fields))}`);
    this.section.dataset.state = "ready";
  }

  announce(runs) {
    const words = this.optimizers.map((name, k) => `${this.titles[name]}: ${runs[k].verdict.headline}`).join(". ");
    const race = { speed: speedText(this.settings.speed), words };
    $("[data-live]").textContent = t("Speed {speed}. {words}.", race);
  }
}

async function main() {
  const [schema, { landscapes }] = await Promise.all([api.schema(), api.landscapes()]);
  const fields = toolFields(schema, "race");
  const { settings, problems } = decodeSettings(window.location.search, schema, fields);
  const page = new RacePage(schema, landscapes, settings);
  try {
    await page.load();
    const reasons = problems.map((p) => p.message).join("; ");
    if (problems.length) page.say(t("Part of the link was left out: {reasons}.", { reasons }));
  } catch (error) {
    // A link with a setting the server refuses still opens the race, on the defaults, saying why.
    page.settings = defaults(schema, fields);
    await page.load();
    page.say(t("Part of the link was left out: {reasons}", { reasons: error.message || error }));
  }
}

main().catch((error) => {
  const notice = $("[data-notice]");
  notice.textContent = t("The race could not start: {reason}", { reason: error.message || error });
  notice.hidden = false;
});
