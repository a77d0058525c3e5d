// Pictures and the confusion table: `show` on a dataset of pictures draws its first ones, `evaluate` draws the ones
// the network got wrong (true against guessed) and its confusion table, with the pair it mixes up most marked.

import { el } from "../common/dom.js";
import { t } from "../common/words.js";

const SCALE = 6;  // screen pixels per picture pixel, before CSS sizes the canvas

/** One picture (rows of pixel counts, 0 white to 16 black) as a small canvas with words for screen readers. */
export function pictureCanvas(pixels, words) {
  const rows = pixels.length;
  const cols = pixels[0].length;
  const canvas = el("canvas", { width: cols * SCALE, height: rows * SCALE, role: "img", "aria-label": words });
  const pen = canvas.getContext("2d");
  const most = Math.max(16, ...pixels.flat());
  pixels.forEach((row, r) => row.forEach((v, c) => {
    const shade = Math.round(255 * (1 - v / most));
    pen.fillStyle = `rgb(${shade} ${shade} ${shade})`;
    pen.fillRect(c * SCALE, r * SCALE, SCALE, SCALE);
  }));
  return canvas;
}

/** The first pictures of a dataset, each with its label. */
export function pictureList(pictures) {
  return el("ul", { class: "pictures" }, pictures.map((p) => el("li", {},
    pictureCanvas(p.pixels, t("row {row}, a {label}", p)), el("span", {}, t("row {row}: ", p), el("strong", {}, p.label)))));
}

/** The pictures the network got wrong: each with the true class and the guess. */
export function wrongList(wrong) {
  return el("ul", { class: "pictures wrong" }, wrong.map((w) => el("li", {},
    pictureCanvas(w.pixels, t("row {row}: a {true}, guessed {guessed}", w)),
    el("span", {}, t("is {true}", w)), el("span", { class: "guess" }, t("guessed {guessed}", w)))));
}

/** The largest count off the diagonal: [true, guessed, count], or null when nothing is mixed up. */
export function mostMixed(counts) {
  let best = null;
  counts.forEach((row, t) => row.forEach((v, g) => {
    if (t !== g && v > 0 && (!best || v > best[2])) best = [t, g, v];
  }));
  return best;
}

/** The confusion table: a row per true class, a column per guess, the most-mixed pair marked and said. */
export function confusionTable({ classes, counts }, network) {
  const most = mostMixed(counts);
  const head = el("tr", {}, el("td", {}), classes.map((c) => el("th", { scope: "col" }, c)));
  const body = counts.map((row, t) => el("tr", {}, el("th", { scope: "row" }, classes[t]), row.map((v, g) => {
    const kind = t === g ? "right" : most && most[0] === t && most[1] === g ? "most" : v ? "mixed" : "";
    return el("td", { class: kind || null }, String(v));
  })));
  const said = most ? mixedWords(classes[most[0]], classes[most[1]], most[2]) : t("Nothing mixed up: every row is on the diagonal.");
  return [
    el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t("Confusion table of {network}", { network }) },
      el("table", { class: "confusion" },
        el("caption", {}, t("Rows: the true class; columns: what {network} guessed.", { network })),
        el("thead", {}, head), el("tbody", {}, body))),
    el("p", { class: "mixed-most" }, said),
  ];
}

/** The pair mixed up most, in words: one sentence for a single picture, another for several. */
function mixedWords(real, guessed, count) {
  const said = { true: real, guessed, count };
  if (count === 1) return t("Mixed up most: 1 {true} guessed as {guessed} (marked).", said);
  return t("Mixed up most: {count} {true} guessed as {guessed} (marked).", said);
}
