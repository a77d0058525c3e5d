// The third panel for the two lemonade fits: the 30 days of data and the line the ball's (intercept, slope) draws,
// in raw units (°C, cups) and in standardised units side by side, moving as the ball rolls. The data is a copy of
// foggyhill.core.surfaces.LEMONADE (a browser test compares the two).

import { numberText } from "../common/format.js";
import { t } from "../common/words.js";
import { fitCanvas, themeColours } from "./paint.js";

/** (temperature °C, cups sold) on each of the 30 days. */
export const LEMONADE = [
  [25.3, 70], [34.9, 122], [17.2, 32], [34.9, 107], [20.9, 66], [23.3, 67], [32.2, 103], [23, 59], [26.1, 65],
  [14.6, 29], [30.6, 93], [25.8, 66], [21.3, 51], [31.3, 95], [20.7, 47], [24, 65], [16.9, 38], [22.9, 62],
  [18.5, 41], [19.8, 53], [30.5, 97], [20.2, 53], [24.7, 64], [35.6, 117], [35.2, 108], [29.9, 95], [25.9, 67],
  [20.1, 56], [17.5, 40], [35.3, 104],
];
export const FITS = { "lemonade-line": "raw", "lemonade-line-scaled": "scaled" };
const GAP = 18;
const MARGIN = { left: 40, right: 8, top: 22, bottom: 30 };

function meanAndSpread(values) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { mean, spread };
}

const X = meanAndSpread(LEMONADE.map(([x]) => x));
const Y = meanAndSpread(LEMONADE.map(([, y]) => y));

/** The same line in the other units: {raw: [intercept, slope], scaled: [intercept, slope]} from one of them. */
export function bothUnits(kind, [b, m]) {
  if (kind === "raw") {
    return { raw: [b, m], scaled: [(b + m * X.mean - Y.mean) / Y.spread, (m * X.spread) / Y.spread] };
  }
  const slope = (m * Y.spread) / X.spread;
  return { raw: [Y.mean + Y.spread * b - slope * X.mean, slope], scaled: [b, m] };
}

export class LemonadePanel {
  constructor(figure) {
    this.figure = figure;
    this.canvas = figure.querySelector("canvas");
    this.caption = figure.querySelector("[data-lemonade-words]");
    this.kind = null;
    this.width = 0;
  }

  /** Show the panel for a lemonade fit (kind "raw" or "scaled"), or hide it (null). */
  setKind(kind) {
    this.kind = kind;
    this.figure.hidden = !kind;
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    ({ ctx: this.ctx } = fitCanvas(this.canvas, width, height));
    this.colours = themeColours(this.canvas);
    this.draw(this.w);
  }

  /** Draw the data and the line of the ball's w = [intercept, slope]. */
  draw(w) {
    this.w = w;
    if (!this.kind || !w || !this.ctx || !this.width) return;
    const lines = bothUnits(this.kind, w);
    const { ctx } = this;
    ctx.clearRect(0, 0, this.width, this.height);
    const half = (this.width - GAP) / 2;
    this.plot(0, half, "raw", lines.raw, t("Raw: °C, cups"), ([x, y]) => [x, y]);
    this.plot(half + GAP, half, "scaled", lines.scaled, t("Scaled"),
      ([x, y]) => [(x - X.mean) / X.spread, (y - Y.mean) / Y.spread]);
    const shown = (x) => numberText(x);
    const line = { b: shown(lines.raw[0]), m: shown(lines.raw[1]), bs: shown(lines.scaled[0]), ms: shown(lines.scaled[1]) };
    this.caption.textContent = this.kind === "raw"
      ? t("The ball's line: cups = {b} + {m} × temperature, or scaled, {bs} + {ms} × temperature (both in spreads from their mean). The ball moves in raw units (solid); dashed, the same line scaled.", line)
      : t("The ball's line: cups = {b} + {m} × temperature, or scaled, {bs} + {ms} × temperature (both in spreads from their mean). The ball moves in scaled units (solid); dashed, the same line in raw units.", line);
  }

  plot(left, width, kind, [b, m], title, units) {
    const { ctx, colours } = this;
    const points = LEMONADE.map(units);
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    const pad = (lo, hi) => [lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo)];
    const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
    const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
    const box = { left: left + MARGIN.left, top: MARGIN.top, right: left + width - MARGIN.right, bottom: this.height - MARGIN.bottom };
    const px = (x) => box.left + ((x - x0) / (x1 - x0)) * (box.right - box.left);
    const py = (y) => box.bottom - ((y - y0) / (y1 - y0)) * (box.bottom - box.top);
    ctx.strokeStyle = colours.muted;
    ctx.lineWidth = 1;
    ctx.strokeRect(box.left - 0.5, box.top - 0.5, box.right - box.left + 1, box.bottom - box.top + 1);
    ctx.fillStyle = colours.muted;
    ctx.font = `${Math.round(colours.text * 0.92)}px ${colours.font}`;
    ctx.textAlign = "left";
    ctx.fillText(title, left + 4, 14);
    ctx.textAlign = "center";
    ctx.fillText(numberText(x0, { digits: 1 }), box.left + 8, box.bottom + 16);
    ctx.fillText(numberText(x1, { digits: 1 }), box.right - 8, box.bottom + 16);
    ctx.textAlign = "right";
    ctx.fillText(numberText(y1, { digits: 1 }), box.left - 4, box.top + 10);
    ctx.fillText(numberText(y0, { digits: 1 }), box.left - 4, box.bottom);
    ctx.fillStyle = colours.ink;
    for (const [x, y] of points) {
      ctx.beginPath();
      ctx.arc(px(x), py(y), 2.6, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.clip();
    ctx.strokeStyle = colours.vermillion;
    ctx.lineWidth = kind === this.kind ? 3 : 2;
    ctx.setLineDash(kind === this.kind ? [] : [6, 4]);
    ctx.beginPath();
    ctx.moveTo(px(x0), py(b + m * x0));
    ctx.lineTo(px(x1), py(b + m * x1));
    ctx.stroke();
    ctx.restore();
  }
}
