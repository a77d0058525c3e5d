// What lies over the stage now and then: the title, each run's verdict card and the closing summary, in either
// layout (layout.js). The wide one is drawn as foggyhill/render/overlays.py draws the video.

import { numberText } from "../common/format.js";
import { svgEl } from "../common/svg.js";
import { num, t } from "../common/words.js";
import { distancePath, drawAxes } from "./distance-chart.js";

export const RUN_COLOURS = ["#f5b041", "#4ade80", "#fb7185", "#a78bfa", "#60a5fa", "#facc15"];
export const VERDICT_COLOURS = {
  "converged-global": "#4ade80",
  "stuck-local": "#f5b041",
  crawling: "#f5b041",
  oscillating: "#fb7185",
  diverged: "#ef4444",
};
export const colourOf = (index) => RUN_COLOURS[index % RUN_COLOURS.length];
const SPARK_LEFT = 370; // from a wide summary row's right edge to its distance line's left

/** Break `text` into lines of at most `size` characters (SVG text does not wrap by itself). */
export function lines(text, size) {
  const out = [];
  let line = "";
  for (const word of text.split(/ +/)) { // plain spaces only: a no-break space keeps "2 / curvature" together
    if (line && (line + " " + word).length > size) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** `text` as tspans of at most `chars` characters, each `lineHeight` below the last, into the text node. */
export function wrapInto(node, text, chars, lineHeight) {
  node.replaceChildren();
  const x = node.getAttribute("x");
  lines(text, chars).forEach((line, k) => {
    svgEl("tspan", { x, dy: k ? lineHeight : 0 }, node).textContent = line;
  });
}

/** Set `text`; if it is longer than `room` (in stage units), shrink its type to fit rather than run past a panel. */
export function fitText(node, text, room) {
  if (node.textContent === text && node.dataset.room === String(room)) return;
  node.textContent = text;
  node.dataset.room = String(room);
  node.style.fontSize = "";
  const length = node.getComputedTextLength();
  if (length <= room) return;
  const size = parseFloat(getComputedStyle(node).fontSize);
  node.style.fontSize = `${Math.floor((size * room) / length)}px`;
}

/** The title's words: three speeds, several, or a single run (foggyhill/render/overlays.py's intro_title). */
function introTitle(runs) {
  if (runs.length === 1) return t("Gradient descent at speed {speed}", { speed: num(String(runs[0].speed)) });
  return runs.length === 3 ? t("One curve, one start, three speeds") : t("One curve, one start, {n} speeds", { n: runs.length });
}

/** The title: what is about to happen, and the one thing that changes between runs. */
export function drawIntro(svg, show, L) {
  const g = svgEl("g", { class: "overlay" }, svg);
  svgEl("rect", { class: "veil", width: L.width, height: L.height }, g);
  const runs = show.runs;
  const middle = { x: L.width / 2, "text-anchor": "middle" };
  const title = introTitle(runs);
  wrapInto(svgEl("text", { class: "intro-title", y: L.intro.y, ...middle }, g), title, L.intro.chars, 80);
  const start = numberText(runs.length ? runs[0].w0 : 0, { digits: 2 });
  const from = { start, steps: show.settings.steps };
  const line = t("Gradient descent from w = {start}, {steps} steps each. Only the speed changes.", from);
  const below = L.intro.y + (lines(title, L.intro.chars).length - 1) * 80 + 90;
  wrapInto(svgEl("text", { class: "intro-line", y: below, ...middle }, g), line, L.intro.chars * 2, 48);
  const speedsAt = below + lines(line, L.intro.chars * 2).length * 48 + 60;
  const speeds = svgEl("text", { class: "intro-speeds", y: speedsAt, ...middle }, g);
  runs.forEach((run, k) => {
    if (k) svgEl("tspan", { fill: "#8c98b0" }, speeds).textContent = "   ·   ";
    svgEl("tspan", { fill: colourOf(k) }, speeds).textContent = num(String(run.speed));
  });
  return g;
}

/** A run's verdict card over the curve; `fill(card)` writes a card's words into it. */
export function drawCard(svg, L) {
  const C = L.card;
  const g = svgEl("g", { class: "card", visibility: "hidden" }, svg);
  const x = C.x + C.padding;
  const frame = svgEl("rect", { x: C.x, y: C.y, width: C.width, height: 300, rx: 24 }, g);
  const label = svgEl("text", { class: "card-label", x, y: C.y + 70 }, g);
  const headline = svgEl("text", { class: "card-headline", x, y: C.y + 140 }, g);
  const body = svgEl("text", { class: "card-body", x, y: C.y + 200 }, g);
  const fill = (card) => {
    const colour = VERDICT_COLOURS[card.kind];
    const count = lines(card.explanation, C.chars).length;
    frame.setAttribute("stroke", colour);
    frame.setAttribute("height", String(200 + count * C.lineHeight));
    const run = { n: card.run + 1, speed: num(String(card.speed)) };
    label.textContent = t("Run {n}  ·  speed {speed}", run);
    label.setAttribute("fill", colourOf(card.run));
    headline.setAttribute("fill", colour);
    fitText(headline, card.headline, C.width - 2 * C.padding);
    wrapInto(body, card.explanation, C.chars, C.lineHeight);
  };
  return { g, fill, run: -1 };
}

/** The closing summary: each speed, its verdict, how far it ended from the lowest point, and its distance line. */
export function drawSummary(svg, show, L) {
  const S = L.summary;
  const g = svgEl("g", { class: "overlay summary", visibility: "hidden" }, svg);
  svgEl("rect", { class: "veil", width: L.width, height: L.height }, g);
  const title = svgEl("text", { class: "summary-title", x: L.width / 2, y: S.title, "text-anchor": "middle" }, g);
  fitText(title, t("Same curve, same start, different speeds"), S.width);
  if (L.name !== "tall") {
    const label = svgEl("text", { class: "summary-note", x: S.x + S.width - SPARK_LEFT, y: S.top - 14 }, g);
    label.textContent = t("distance to the lowest point");
  }
  show.runs.forEach((run, k) => (L.name === "tall" ? tallRow : wideRow)(g, show, run, S.top + k * S.rowHeight, S));
  const n = Math.max(show.runs.length, 1);
  const y = S.top + n * S.rowHeight + 50;
  const lesson = t("Every step was new w = w − speed × slope. Only the speed changed, and it decided everything.");
  if (L.name === "tall") {
    const limit = svgEl("text", { class: "summary-limit", x: 40, y }, g);
    wrapInto(limit, show.summary.limit, 52, 40);
    const moral = svgEl("text", { class: "summary-moral", x: 40, y: y + lines(show.summary.limit, 52).length * 40 + 30 }, g);
    wrapInto(moral, lesson, 58, 36);
  } else {
    const limit = svgEl("text", { class: "summary-limit", x: L.width / 2, y, "text-anchor": "middle" }, g);
    fitText(limit, show.summary.limit, S.width);
    const moral = svgEl("text", { class: "summary-moral", x: L.width / 2, y: y + 60, "text-anchor": "middle" }, g);
    fitText(moral, lesson, S.width);
  }
  return g;
}

/** One run of the wide summary: colour, speed, verdict and how far, then its distance line on the right. */
function wideRow(g, show, run, top, S) {
  const k = run.index;
  const row = svgEl("g", { class: "summary-row", "data-run": k }, g);
  const height = S.rowHeight - 18;
  const right = S.x + S.width;
  svgEl("rect", { class: "panel", x: S.x, y: top, width: S.width, height, rx: 18 }, row);
  const mid = top + height / 2;
  svgEl("circle", { cx: S.x + 50, cy: mid, r: 16, fill: colourOf(k) }, row);
  const words = S.x + 370;
  const speed = svgEl("text", { class: "summary-speed", x: S.x + 90, y: mid + 14, fill: colourOf(k) }, row);
  fitText(speed, t("speed {speed}", { speed: num(String(run.speed)) }), words - S.x - 90 - 24);
  const area = { left: right - SPARK_LEFT, top: top + 24, right: right - 36, bottom: top + height - 24 };
  const head = svgEl("text", { class: "summary-verdict", x: words, y: mid - 6, fill: VERDICT_COLOURS[run.verdict.kind] }, row);
  fitText(head, run.verdict.headline, area.left - 40 - words);
  svgEl("text", { class: "summary-how", x: words, y: mid + 36 }, row).textContent = run.how_far;
  sparkline(row, show, run, area);
}

/** One run of the tall summary: speed, verdict, how far and the distance line, one under the other. */
function tallRow(g, show, run, top, S) {
  const k = run.index;
  const row = svgEl("g", { class: "summary-row", "data-run": k }, g);
  svgEl("rect", { class: "panel", x: S.x, y: top, width: S.width, height: S.rowHeight - 18, rx: 18 }, row);
  svgEl("circle", { cx: S.x + 36, cy: top + 48, r: 14, fill: colourOf(k) }, row);
  svgEl("text", { class: "summary-speed", x: S.x + 64, y: top + 60, fill: colourOf(k) }, row).textContent = t("speed {speed}", { speed: num(String(run.speed)) });
  const head = svgEl("text", { class: "summary-verdict", x: S.x + 20, y: top + 110, fill: VERDICT_COLOURS[run.verdict.kind] }, row);
  fitText(head, run.verdict.headline, S.width - 40);
  svgEl("text", { class: "summary-how", x: S.x + 20, y: top + 150 }, row).textContent = run.how_far;
  sparkline(row, show, run, { left: S.x + 20, top: top + 180, right: S.x + S.width - 20, bottom: top + S.rowHeight - 44 });
}

function sparkline(row, show, run, area) {
  drawAxes(row, area, show.distance, { labels: false });
  const { d, last } = distancePath(area, show.distance, run.distances, show.settings.steps);
  svgEl("path", { class: "summary-path", d, stroke: colourOf(run.index) }, row);
  if (last) svgEl("circle", { cx: last[0], cy: last[1], r: 5, fill: colourOf(run.index) }, row);
}
