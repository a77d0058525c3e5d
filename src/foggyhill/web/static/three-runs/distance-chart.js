// A run's distance to the lowest point on the show's shared log scale (the timeline's `distance`): decade lines,
// the engine's "settled" line dashed, and the run's path so far. Drawn as foggyhill/render/distance_chart.py does.

import { svgEl } from "../common/svg.js";
import { num, t } from "../common/words.js";

/** Where a distance sits on the scale: 0 at the foot, 1 at the top (clamped; 0 and below at the foot). */
export function share(scale, distance) {
  if (!(distance > 0)) return 0;
  const exponent = Number.isFinite(distance) ? Math.log10(distance) : scale.high;
  return Math.min(Math.max((exponent - scale.low) / (scale.high - scale.low), 0), 1);
}

const yOf = (area, scale, distance) => area.bottom - share(scale, distance) * (area.bottom - area.top);

/** The decades that get words beside the chart: the highest and the lowest tick (the rest are plain lines). */
const labelled = (scale) => (scale.ticks.length ? [scale.ticks[0], scale.ticks[scale.ticks.length - 1]] : []);

/** A decade's label in the page's language (the timeline writes 0.01 the English way; 10⁻⁵ has no mark to change). */
const decadeText = (tick) => (/^[0-9.]+$/.test(tick.label) ? num(tick.label) : tick.label);

/** Decade lines and a dashed "settled" line, labelled left of the area (`decades`: the top and foot ones too) in at
 * most `room` stage units (a longer word, as in another language, is drawn smaller). */
export function drawAxes(g, area, scale, { labels = true, decades = true, room = Infinity } = {}) {
  for (const tick of scale.ticks) {
    const y = yOf(area, scale, 10 ** tick.exponent);
    svgEl("line", { class: "grid", x1: area.left, x2: area.right, y1: y, y2: y }, g);
    if (labels && decades && labelled(scale).includes(tick)) {
      svgEl("text", { class: "decade", x: area.left - 10, y: y + 7, "text-anchor": "end" }, g).textContent = decadeText(tick);
    }
  }
  svgEl("path", { class: "axis-line", d: `M${area.left},${area.top}V${area.bottom}` }, g);
  const y = yOf(area, scale, scale.settled);
  svgEl("line", { class: "settled-line", x1: area.left, x2: area.right, y1: y, y2: y }, g);
  if (!labels) return;
  const label = svgEl("text", { class: "settled-label", x: area.left - 10, y: y + 6, "text-anchor": "end" }, g);
  label.textContent = t("settled");
  const length = room < Infinity ? label.getComputedTextLength() : 0;
  if (length > room) label.style.fontSize = `${Math.floor((parseFloat(getComputedStyle(label).fontSize) * room) / length)}px`;
}

/** The path "d" and the last point for `distances` (step k at k / steps across the area). */
export function distancePath(area, scale, distances, steps) {
  const points = distances.map((d, k) => [area.left + (k / Math.max(steps, 1)) * (area.right - area.left), yOf(area, scale, d)]);
  const d = points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join("");
  return { d, last: points.length ? points[points.length - 1] : null };
}
