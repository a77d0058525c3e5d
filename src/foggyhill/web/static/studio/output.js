// The output panel: what the program said, in order. Rounds update one progress line instead of adding a line
// each; notes say what was done to the data; a mistake shows the formatted error with a button to jump to it.

import { el } from "../common/dom.js";
import { t } from "../common/words.js";

export class Output {
  constructor(list) {
    this.list = list;
    this.progress = null;
  }

  clear() {
    this.list.replaceChildren();
    this.progress = null;
  }

  add(kind, text, extra = null) {
    const item = el("li", { class: `out-${kind}` }, extra ?? text);
    this.list.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  /** Show one event from the server. */
  show(event) {
    switch (event.type) {
      case "round":
        this.round(event);
        break;
      case "notes":
        this.progress = null;
        for (const note of event.notes) this.add("note", t("note: {note}", { note }));
        break;
      case "show":
      case "prediction":
        this.add(event.type, "", el("pre", { tabindex: "0" }, event.text));  // focusable: a wide table scrolls
        break;
      case "plot":
        this.add("plot", t("{text} (the chart shows it)", event));
        break;
      case "done":
      case "error":
      case "stopped":
        break;
      default:
        this.add(event.type, event.text);
    }
  }

  round({ round, of, text }) {
    if (!this.progress) {
      const bar = el("progress", { max: String(of), value: "0" });
      const words = el("span", {}, "");
      // The line changes every round: screen readers hear the result lines, not every round.
      const item = this.add("round", "", el("span", { class: "round-line" }, bar, words));
      item.setAttribute("aria-live", "off");
      this.progress = { bar, words, item };
    }
    this.progress.bar.max = of;
    this.progress.bar.value = round;
    this.progress.words.textContent = text;
  }

  /** A mistake: where, the line with a caret under the spot, what was expected, a hint, and a way to jump there. */
  error(event, jump) {
    const where = event.line ? t("line {line}, column {column}: ", event) : "";
    const [line, carets] = event.line && event.text ? event.text.split("\n").slice(1, 3).map((l) => l.slice(4)) : [];
    const caret = /^ *\^+$/.test(carets ?? "") ? el("span", { class: "caret" }, carets.trimStart()) : null;
    const indent = caret ? carets.slice(0, carets.length - caret.textContent.length) : "";
    const shown = caret ? el("pre", { tabindex: "0" }, `${line}\n${indent}`, caret) : null;
    const box = el(
      "div",
      { role: "alert" },
      el("p", {}, el("span", { class: "where" }, where), event.message),
      shown,  // focusable: a long line scrolls sideways on a phone
      event.expected ? el("p", {}, t("expected {expected}", event)) : null,
      event.hint ? el("p", { class: "hint" }, t("hint: {hint}", event)) : null,
      jump && event.line ? el("button", { type: "button", class: "jump", onclick: jump }, t("Go to line {line}", event)) : null,
    );
    this.add("error", "", box);
    if (shown) showCaret(shown, caret);
  }
}

/** Scroll a line too wide for its box sideways so the caret under the mistake is in view (on a phone it is not). */
function showCaret(pre, caret) {
  const over = caret.getBoundingClientRect().right - pre.getBoundingClientRect().right;
  if (over > 0) pre.scrollLeft += over + pre.clientWidth / 3;
}
