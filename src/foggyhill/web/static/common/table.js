// A plain data table from rows of numbers, with the row to notice highlighted.

import { el } from "./dom.js";
import { numberText } from "./format.js";

/**
 * Fill `table` with `rows` ([{key: number}]) under `columns` ([{key, label}]); `mark(row)` true highlights a row.
 */
export function renderTable(table, rows, columns, { mark = () => false, caption = null } = {}) {
  const head = el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c.label))));
  const body = el(
    "tbody",
    {},
    rows.map((row) =>
      el("tr", { class: mark(row) ? "marked" : null }, columns.map((c) => el("td", {}, numberText(row[c.key])))),
    ),
  );
  table.replaceChildren(...(caption ? [el("caption", {}, caption)] : []), head, body);
}
