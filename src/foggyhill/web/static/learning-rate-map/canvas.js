// Shared pieces of the explorers' canvases: sharp drawing on any screen, the page's colours, and decoding the API's
// compact arrays. The verdicts' words and colours come with /api/schema.

import { numberText } from "../common/format.js";
import { t } from "../common/words.js";

const MARGIN = { top: 14, right: 14, bottom: 46, left: 54 };

/** The plotting box of a width × height canvas, in CSS pixels: margins leave room for tick labels and axis titles. */
export function plotBox(width, height) {
  const { top, right, bottom, left } = MARGIN;
  return { left, top, right: width - right, bottom: height - bottom };
}

/** The page's colours by CSS variable name (they follow the light or dark theme). */
export function themeColours(element) {
  const style = getComputedStyle(element);
  const read = (name) => style.getPropertyValue(name).trim();
  return {
    ink: read("--ink"),
    muted: read("--muted"),
    line: read("--line"),
    lineStrong: read("--line-strong"),
    surface: read("--surface"),
    paper: read("--paper"),
    blue: read("--blue"),
    vermillion: read("--vermillion"),
    font: read("--sans") || "sans-serif",
    // Text on the canvas grows with the page's own text (bigger on a projector, as base.css makes it).
    text: Math.round(12 * (parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1)),
  };
}

/** Size the canvas's pixels to its CSS box times the screen's pixel ratio; returns a context in CSS pixels. */
export function fitCanvas(canvas, width, height) {
  const ratio = Math.min(3, window.devicePixelRatio || 1);
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** The bytes of a base64 string. */
export function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "#rrggbb" as [r, g, b]. */
export function rgb(hex) {
  const value = parseInt(hex.replace("#", ""), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** A one-line label on the canvas with a paper-coloured box behind it so it stays readable over colour. */
export function tag(ctx, text, x, y, colours, align = "left") {
  ctx.font = `600 ${colours.text}px ${colours.font}`;
  const width = ctx.measureText(text).width;
  const left = align === "right" ? x - width : x;
  ctx.fillStyle = colours.surface;
  ctx.globalAlpha = 0.88;
  ctx.fillRect(left - 4, y - colours.text - 1, width + 8, colours.text + 6);
  ctx.globalAlpha = 1;
  ctx.fillStyle = colours.ink;
  ctx.textAlign = "left";
  ctx.fillText(text, left, y);
}

/** A dashed vertical line from top to bottom at x, over a solid `under` line when given (for contrast). */
export function dashed(ctx, x, top, bottom, colour, under = null) {
  ctx.save();
  if (under) {
    ctx.strokeStyle = under;
    ctx.lineWidth = 3.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
  ctx.stroke();
  ctx.restore();
}

/** The speed ticks of a log axis between lo and hi: 1, 2 and 5 times powers of ten. */
export function logTicks(lo, hi) {
  const ticks = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p += 1) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** p).toPrecision(3));
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

/** Stability bounds of a landscape's dips, as the API gives them: [{bound, fastest, w, global}]. */
export function boundsOf(landscape) {
  return (landscape.minima || [])
    .filter((m) => Number.isFinite(m.stability_bound))
    .map((m) => ({ bound: m.stability_bound, fastest: m.fastest_stable_speed, w: m.w, global: m.global }));
}

/** Each dip's stability bound as a labelled dashed line at `x(bound)`, where that falls inside the box. */
export function drawBounds(ctx, colours, landscape, box, x, wide) {
  boundsOf(landscape).forEach((d, k) => {
    const px = x(d.bound);
    if (px < box.left || px > box.right) return;
    dashed(ctx, px, box.top, box.bottom, colours.ink, colours.surface);
    const bound = { bound: numberText(d.bound) };
    const label = !wide
      ? t("2/curvature = {bound}", bound)
      : d.global
        ? t("2/curvature = {bound} (lowest point)", bound)
        : t("2/curvature = {bound} (shallow dip)", bound);
    const right = px > (box.left + box.right) / 2;
    tag(ctx, label, right ? px - 6 : px + 6, box.top + 18 + 22 * k, colours, right ? "right" : "left");
  });
}

/** The plot's box outlined, then the muted label font set and centred for the speed axis's numbers. */
export function drawFrame(ctx, colours, b) {
  ctx.strokeStyle = colours.lineStrong;
  ctx.lineWidth = 1;
  ctx.strokeRect(b.left - 0.5, b.top - 0.5, b.right - b.left + 1, b.bottom - b.top + 1);
  ctx.fillStyle = colours.muted;
  ctx.font = `${colours.text}px ${colours.font}`;
  ctx.textAlign = "center";
}

/** A vertical axis's title, turned to read bottom to top, left of the plot. */
export function drawYTitle(ctx, b, text) {
  ctx.save();
  ctx.translate(14, (b.top + b.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.fillText(text, 0, 0);
  ctx.restore();
}
