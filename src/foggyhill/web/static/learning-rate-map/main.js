// The learning-rate map page: read the settings from the link, fetch the map and the diagram, and wire the
// pointer and keyboard to the run preview and the simulation page.

import { api, getJSON } from "../common/api.js";
import { el } from "../common/dom.js";
import { numberText, speedText } from "../common/format.js";
import { openPage } from "../common/embed.js";
import { decodeSettings, defaults, encodeSettings, pageQuery, toolFields } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { t } from "../common/words.js";
import { boundsOf } from "./canvas.js";
import { BifurcationDiagram } from "./diagram.js";
import { OutcomeMap } from "./outcome.js";
import { RunPreview, simulationLink } from "./preview.js";

const $ = (selector) => document.querySelector(selector);
const FORMULA_OPTION = "formula";

/** The settings the page keeps in its link: the map's curve, steps and rule, then the diagram's start and range. */
export function pageFields(schema) {
  return {
    ...toolFields(schema, "map", ["landscape", "formula", "steps", "optimizer"]),
    ...toolFields(schema, "bifurcation", ["start", "speed_min", "speed_max"]),
  };
}

/** The query string for `settings`: only what differs from the defaults (a typed formula stands for the curve). */
export function settingsQuery(settings, fields) {
  return encodeSettings({ ...settings, landscape: settings.formula ? null : settings.landscape }, null, fields);
}

class MapPage {
  constructor(schema, landscapes, settings) {
    this.schema = schema;
    this.fields = pageFields(schema);
    this.landscapes = landscapes;
    this.settings = settings;
    this.token = 0;
    this.notice = $("[data-notice]");
    this.live = $("[data-live]");
    this.preview = new RunPreview($("[data-preview]"), schema);
    this.map = new OutcomeMap($("[data-map]"), {
      verdicts: schema.verdicts,
      onPick: (cell) => this.pickCell(cell),
      onOpen: (cell) => openPage(simulationLink(this.runSettings(cell), this.schema)),
    });
    this.diagram = new BifurcationDiagram($("[data-diagram]"), {
      onPick: (i) => this.pickSpeed(i),
      onOpen: (i) => openPage(simulationLink(this.diagramRun(i), this.schema)),
    });
    // the server translates the page's text and labels; a role's description is said here
    this.map.canvas.setAttribute("aria-roledescription", t("outcome map"));
    this.diagram.canvas.setAttribute("aria-roledescription", t("bifurcation diagram"));
    this.wireSettings();
    watchSize(this.map.canvas, (w, h) => this.map.resize(w, h));
    watchSize(this.diagram.canvas, (w, h) => this.diagram.resize(w, h));
  }

  /** The curve part of the settings, as the API takes it. */
  get curve() {
    return this.settings.formula ? { formula: this.settings.formula } : { landscape: this.settings.landscape };
  }

  runSettings(cell) {
    const { landscape, formula, steps, optimizer } = this.settings;
    return { landscape: formula ? null : landscape, formula, start: cell.start, speed: cell.speed, steps, optimizer };
  }

  diagramRun(i) {
    const { landscape, formula } = this.settings;
    return { landscape: formula ? null : landscape, formula, start: this.diagramData.start, speed: this.diagramData.speeds[i], steps: 200 };
  }

  say(message) {
    this.notice.textContent = message;
    this.notice.hidden = !message;
  }

  wireSettings() {
    const select = $("[data-landscape]");
    for (const land of this.landscapes) select.append(el("option", { value: land.name }, land.title));
    select.append(el("option", { value: FORMULA_OPTION }, t("Type your own formula…")));
    const formula = $("[data-formula]");
    select.addEventListener("change", () => {
      $("[data-formula-box]").hidden = select.value !== FORMULA_OPTION;
      if (select.value === FORMULA_OPTION) formula.focus();
      else this.change({ landscape: select.value, formula: null, start: null, speed_min: null, speed_max: null });
    });
    formula.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      if (formula.value.trim()) this.change({ formula: formula.value.trim(), start: null, speed_min: null, speed_max: null });
    });
    $("[data-steps]").addEventListener("change", (event) => this.change({ steps: Number(event.target.value) }));
    $("[data-optimizer]").addEventListener("change", (event) => this.change({ optimizer: event.target.value }));
    $("[data-diagram-start]").addEventListener("change", (event) => {
      const start = event.target.value === "" ? null : Number(event.target.value);
      this.change({ start }, { mapToo: false });
    });
    for (const input of document.querySelectorAll("[data-diagram-range]")) {
      input.addEventListener("change", () => {
        const value = input.value === "" ? null : Number(input.value);
        this.change({ [input.dataset.diagramRange]: value }, { mapToo: false });
      });
    }
    for (const form of document.querySelectorAll("form")) form.addEventListener("submit", (e) => e.preventDefault());
  }

  showSettings() {
    const s = this.settings;
    $("[data-landscape]").value = s.formula ? FORMULA_OPTION : s.landscape;
    $("[data-formula-box]").hidden = !s.formula;
    $("[data-formula]").value = s.formula || "";
    $("[data-steps]").value = String(s.steps);
    $("[data-optimizer]").value = s.optimizer;
  }

  async change(changes, { mapToo = true } = {}) {
    const before = this.settings;
    this.settings = { ...this.settings, ...changes };
    const token = (this.token += 1);
    const status = $("[data-status]");
    status.textContent = mapToo ? t("Running every speed from every start…") : t("Running every speed…");
    try {
      await (mapToo ? this.load(token) : this.loadDiagram(token));
      if (token === this.token) this.say("");
    } catch (error) {
      if (token !== this.token) return;
      this.settings = before;
      this.say(error.message || String(error));
    } finally {
      if (token === this.token) status.textContent = "";
    }
    this.showSettings();
  }

  /** Fetch and draw the map and the diagram; answers to an older request (token) than the latest are dropped. */
  async load(token = this.token) {
    await Promise.all([this.loadMap(token), this.loadDiagram(token)]);
  }

  async loadMap(token) {
    const [data, landscape] = await Promise.all([fetchMap(this.settings), api.landscape(this.curve)]);
    if (token !== this.token) return;
    this.mapData = data;
    this.map.show(data);
    this.preview.setLandscape(landscape, JSON.stringify(this.curve));
    this.legend(data);
    this.boundWords(data.landscape);
    this.writeUrl();
    this.map.canvas.setAttribute("aria-label", this.mapLabel(data));
  }

  async loadDiagram(token) {
    const { start, speed_min, speed_max } = this.settings;
    const data = await getJSON("/api/bifurcation", { ...this.curve, start, speed_min, speed_max });
    if (token !== this.token) return;
    this.diagramData = data;
    this.diagram.show(data);
    $("[data-diagram-start]").value = String(data.start);
    $('[data-diagram-range="speed_min"]').value = String(data.speeds[0]);
    $('[data-diagram-range="speed_max"]').value = String(data.speeds[data.speeds.length - 1]);
    $("[data-diagram-readout]").textContent = t("Point at the diagram to read it.");
    this.writeUrl();
    const bounds = boundsOf(data.landscape).filter((b) => b.bound > data.speeds[data.speeds.length - 1]);
    $("[data-diagram-bounds]").textContent = bounds
      .map((b) => ({ w: numberText(b.w), bound: numberText(b.bound) }))
      .map((b) => t("The dip at w = {w} holds speeds up to {bound}, off this chart.", b))
      .join(" ");
  }

  writeUrl() {
    const query = pageQuery(settingsQuery(this.settings, this.fields));
    window.history.replaceState(null, "", `${window.location.pathname}${query}`);
  }

  legend(data) {
    const total = data.verdicts.reduce((sum, v) => sum + v.count, 0) || 1;
    const items = this.schema.verdicts.map((v) => {
      const count = data.verdicts.find((x) => x.kind === v.kind)?.count ?? 0;
      const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = v.colour;
      return el("li", { "data-kind": v.kind }, swatch, v.legend,
        el("span", { class: "share" }, ` ${percent(count, total)}`));
    });
    $("[data-legend]").replaceChildren(...items);
  }

  mapLabel(data) {
    const total = data.verdicts.reduce((sum, v) => sum + v.count, 0) || 1;
    const parts = this.schema.verdicts.map((v) => `${v.legend} ${percent(data.verdicts.find((x) => x.kind === v.kind).count, total)}`);
    const map = { title: data.landscape.title, speeds: data.speeds.length, starts: data.starts.length, parts: parts.join(", ") };
    return t("The outcome map of {title}: {speeds} speeds by {starts} starts. {parts}.", map);
  }

  boundWords(landscape) {
    const lines = boundsOf(landscape).map((b) => {
      const dip = { w: numberText(b.w), fastest: numberText(b.fastest), bound: numberText(b.bound) };
      return b.global
        ? t("the lowest point at w = {w} settles smoothly below {fastest} and holds speeds up to {bound}", dip)
        : t("the shallow dip at w = {w} settles smoothly below {fastest} and holds speeds up to {bound}", dip);
    });
    const curve = { title: landscape.title, dips: lines.join("; ") };
    $("[data-bound-numbers]").textContent = lines.length
      ? t("On the {title} curve: {dips}.", curve)
      : t("The {title} curve has no dip with a finite curvature, so there is no bound to draw.", curve);
  }

  pickCell(cell) {
    const settings = this.runSettings(cell);
    this.preview.show(settings);
    const words = this.schema.verdicts[cell.kind]?.legend ?? "";
    const picked = { speed: speedText(cell.speed), start: numberText(cell.start), words };
    this.live.textContent = t("Speed {speed}, start {start}: {words}.", picked);
  }

  pickSpeed(i) {
    const { speed, words } = this.diagram.wordsAtSpeed(i);
    const here = { speed: speedText(speed), words: `${words[0].toLowerCase()}${words.slice(1)}` };
    const text = t("At speed {speed}: {words}", here);
    $("[data-diagram-readout]").textContent = text;
    this.live.textContent = text;
  }
}

/** `count` of `total` as a whole percentage, written the page's way (the page's language puts the % sign). */
function percent(count, total) {
  return t("{n}%", { n: Math.round((100 * count) / total) });
}

/** Ask the API for the map of `settings`. */
function requestMap(settings) {
  const curve = settings.formula ? { formula: settings.formula } : { landscape: settings.landscape };
  return getJSON("/api/map", { ...curve, steps: settings.steps, optimizer: settings.optimizer });
}

// The first map is asked for as soon as the link is read (the small schema first), before the curves arrive.
const early = { settings: null, answer: null };

/** The map for `settings`: the early answer when these are the page's first settings, a new request otherwise. */
function fetchMap(settings) {
  if (settings !== early.settings) return requestMap(settings);
  early.settings = null;
  return early.answer;
}

async function main() {
  const curves = api.landscapes();
  const schema = await api.schema();
  const fields = pageFields(schema);
  const { settings: first, problems } = decodeSettings(window.location.search, schema, fields);
  early.settings = first;
  early.answer = requestMap(first);
  early.answer.catch(() => {}); // a refused link is reported when the page reads the answer
  const { landscapes } = await curves;
  const page = new MapPage(schema, landscapes, first);
  page.showSettings();
  try {
    await page.load();
    const reasons = problems.map((p) => p.message).join("; ");
    if (problems.length) page.say(t("Part of the link was left out: {reasons}", { reasons }));
  } catch (error) {
    // A link with a setting the server refuses still opens the page, on the defaults, saying why.
    page.settings = defaults(schema, fields);
    page.showSettings();
    await page.load();
    page.say(t("Part of the link was left out: {reasons}", { reasons: error.message || error }));
  }
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  const notice = $("[data-notice]");
  notice.textContent = t("The map could not start: {reason}", { reason: error.message || error });
  notice.hidden = false;
});
