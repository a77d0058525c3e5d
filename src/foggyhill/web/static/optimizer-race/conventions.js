// How each rule and schedule steps, in the engine's own words (the `conventions` of /api/schema): the tables in the
// "exactly" disclosures and the Robbins–Monro formula in the noisy-steps text.

import { el } from "../common/dom.js";

/** A formula of parts separated by "; " as one code line per part. */
function formula(rule) {
  return el("code", { class: "steps" }, ...rule.split("; ").map((part) => el("span", {}, part)));
}

/** One row: the name as a row header, its formula, then PyTorch's way; `labels` name the cells on narrow screens. */
function row(labels, title, rule, torch) {
  return el("tr", {},
    el("th", { scope: "row" }, title),
    el("td", { "data-label": labels[1] }, formula(rule)),
    el("td", { class: "torch", "data-label": labels[2] }, torch));
}

/** Fill `table`'s body with one row per [title, words]. */
function fill(table, entries) {
  const labels = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
  table.tBodies[0].replaceChildren(...entries.map(([title, w]) => row(labels, title, w.rule, w.torch)));
}

/** Fill the page's rule and schedule tables from `conventions` ({optimizers, schedules, scheduled_speed}). */
export function showConventions(conventions) {
  fill(document.querySelector("[data-rule-table]"), Object.values(conventions.optimizers).map((o) => [o.title, o]));
  fill(document.querySelector("[data-schedule-table]"), Object.entries(conventions.schedules));
  document.querySelector("[data-scheduled-speed]").textContent = conventions.scheduled_speed;
  for (const code of document.querySelectorAll("[data-schedule-rule]")) {
    code.textContent = conventions.schedules[code.dataset.scheduleRule].rule;
  }
}
