// "Your runs": each finished run's settings and verdict, newest first, kept for this browser tab.
// Clicking one sets it up again from its link, so a run in the list is as reproducible as a shared URL.

import { el } from "../common/dom.js";
import { choiceText } from "../common/choices.js";
import { numberText, speedText } from "../common/format.js";
import { t } from "../common/words.js";

const KEY = "foggyhill.gradient-descent.runs";
const KEEP = 8;

export class RunHistory {
  constructor(list, empty, onRestore) {
    this.list = list;
    this.empty = empty;
    this.onRestore = onRestore;
    this.runs = load();
    this.render();
  }

  /** Note a decided run: `query` is its settings as a URL query, the rest is what the list shows. */
  record({ query, title, start, speed, noise, schedule, optimizer, kind, headline }) {
    const others = this.runs.filter((r) => r.query !== query);
    const run = { query, title, start, speed, noise, schedule, optimizer, kind, headline };
    this.runs = [run, ...others].slice(0, KEEP);
    save(this.runs);
    this.render();
  }

  render() {
    this.empty.hidden = this.runs.length > 0;
    this.list.replaceChildren(
      ...this.runs.map((run) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "run", "data-kind": run.kind, onclick: () => this.onRestore(run.query) },
            el("span", { class: "run-settings" }, runSettingsText(run)),
            el("span", { class: "run-verdict" }, run.headline),
          ),
        ),
      ),
    );
  }
}

/** The run's settings in a line; noise and schedule always, so a noisy run never reads like a plain one. */
export function runSettingsText(run) {
  const parts = [
    run.title,
    t("start {start}", { start: numberText(run.start) }),
    t("speed {speed}", { speed: speedText(run.speed) }),
  ];
  if (run.optimizer && run.optimizer !== "plain") parts.push(choiceText(run.optimizer));
  // Runs saved before noise and schedule were kept say nothing of them rather than guess.
  if (run.noise !== undefined) {
    parts.push(run.noise > 0 ? t("noise {noise}", { noise: numberText(run.noise) }) : t("no noise"));
  }
  if (run.schedule) {
    const schedule = choiceText(run.schedule);
    parts.push(run.schedule === "constant" ? t("constant speed") : t("{schedule} schedule", { schedule }));
  }
  return parts.join(" · ");
}

function load() {
  try {
    const runs = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
    return Array.isArray(runs) ? runs.filter((r) => r && typeof r.query === "string").slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

function save(runs) {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(runs));
  } catch {
    // storage may be full or switched off: the list still works for this page view
  }
}
