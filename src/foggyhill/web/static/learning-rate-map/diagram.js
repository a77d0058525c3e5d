// The bifurcation diagram on a <canvas>: for each speed, where w sits on the steps after the burn-in (one dot per
// step), the stability bounds as dashed lines, a shaded band where the ball flies off, and a speed cursor.

import { numberText } from "../common/format.js";
import { niceTicks } from "../common/svg.js";
import { t } from "../common/words.js";
import { decodeBase64, drawBounds, drawFrame, drawYTitle, fitCanvas, plotBox, themeColours } from "./canvas.js";

const OFF = 65535;
const LEVELS = 65534;

/** How many separate values a row of points holds (values closer than `tolerance` count as one). */
export function distinctValues(row, tolerance) {
  const finite = row.filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return 0;
  let count = 1;
  for (let k = 1; k < finite.length; k += 1) if (finite[k] - finite[k - 1] > tolerance) count += 1;
  return count;
}

/** What the ball does at a speed, in words, from how many values it keeps visiting. */
export function describeRow(row, tolerance, keep) {
  const n = distinctValues(row, tolerance);
  if (n === 0) return { kind: "diverged", words: t("It flies off: no dots, the swings grow without bound.") };
  if (n === 1) {
    return { kind: "settled", words: t("It settles at w = {w}: one dot.", { w: numberText(row.find(Number.isFinite)) }) };
  }
  if (n === 2) return { kind: "two", words: t("It swings between two values forever: two dots.") };
  if (n <= 16 && n < keep / 2) return { kind: "cycle", words: t("It cycles through {n} values: the swing has forked again.", { n }) };
  return { kind: "chaos", words: t("It never repeats: the dots smear into a cloud (chaos, or still on its way).") };
}

export class BifurcationDiagram {
  /** Wire the canvas; `onPick(index)` when the speed cursor moves, `onOpen(index)` on click or Enter. */
  constructor(canvas, { onPick, onOpen }) {
    this.canvas = canvas;
    this.onPick = onPick;
    this.onOpen = onOpen;
    this.data = null;
    this.cursor = null;
    this.width = 0;
    this.height = 0;
    canvas.addEventListener("pointermove", (event) => this.pointer(event));
    canvas.addEventListener("pointerdown", (event) => this.pointer(event));
    canvas.addEventListener("click", (event) => {
      const index = this.indexAt(event.offsetX);
      if (index !== null && event.pointerType !== "touch") this.onOpen(index);
    });
    canvas.addEventListener("keydown", (event) => this.key(event));
  }

  /** Show a diagram from /api/bifurcation. */
  show(data) {
    this.data = data;
    const bytes = decodeBase64(data.points);
    const levels = new Uint16Array(bytes.buffer, 0, bytes.length / 2);
    const [lo, hi] = data.w_range;
    this.rows = data.speeds.map((_, i) =>
      Array.from(levels.subarray(i * data.keep, (i + 1) * data.keep), (v) => (v === OFF ? NaN : lo + (v / LEVELS) * (hi - lo))),
    );
    this.tolerance = Math.max(1e-3, (hi - lo) * 2e-3);
    this.cursor = null;
    this.draw();
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.draw();
  }

  get box() {
    return plotBox(this.width, this.height);
  }

  /** What happens at speed index i, in words. */
  wordsAtSpeed(i) {
    return { speed: this.data.speeds[i], ...describeRow(this.rows[i], this.tolerance, this.data.keep) };
  }

  indexAt(x) {
    if (!this.data) return null;
    const b = this.box;
    if (x < b.left || x > b.right) return null;
    const n = this.data.speeds.length;
    return Math.max(0, Math.min(n - 1, Math.round(((x - b.left) / (b.right - b.left)) * (n - 1))));
  }

  pointer(event) {
    const index = this.indexAt(event.offsetX);
    if (index !== null) this.moveTo(index);
  }

  moveTo(index) {
    const i = Math.max(0, Math.min(this.data.speeds.length - 1, index));
    if (i === this.cursor) return;
    this.cursor = i;
    this.draw();
    this.onPick(i);
  }

  key(event) {
    if (!this.data) return;
    const step = event.shiftKey ? 20 : 2;
    const at = this.cursor ?? Math.floor(this.data.speeds.length / 2);
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      this.moveTo(this.cursor === null ? at : at + (event.key === "ArrowLeft" ? -step : step));
    } else if (event.key === "Enter" && this.cursor !== null) {
      event.preventDefault();
      this.onOpen(this.cursor);
    }
  }

  scales() {
    const b = this.box;
    const s = this.data.speeds;
    const [lo, hi] = this.data.w_range;
    const pad = Math.max((hi - lo) * 0.06, 0.05);
    this.wRange = [lo - pad, hi + pad];
    return {
      x: (v) => b.left + ((v - s[0]) / (s[s.length - 1] - s[0])) * (b.right - b.left),
      y: (w) => b.bottom - ((w - this.wRange[0]) / (this.wRange[1] - this.wRange[0])) * (b.bottom - b.top),
    };
  }

  draw() {
    if (!this.data || !(this.width > 0)) return;
    const colours = themeColours(this.canvas);
    const ctx = fitCanvas(this.canvas, this.width, this.height);
    const { x, y } = this.scales();
    this.axes(ctx, colours, x, y);
    this.flyOff(ctx, colours, x);
    ctx.fillStyle = colours.blue;
    this.data.speeds.forEach((speed, i) => {
      const px = x(speed);
      for (const w of this.rows[i]) if (Number.isFinite(w)) ctx.fillRect(px - 1, y(w) - 1, 2, 2);
    });
    drawBounds(ctx, colours, this.data.landscape, this.box, x, this.width > 520);
    if (this.cursor !== null) {
      const b = this.box;
      ctx.strokeStyle = colours.vermillion;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x(this.data.speeds[this.cursor]), b.top);
      ctx.lineTo(x(this.data.speeds[this.cursor]), b.bottom);
      ctx.stroke();
    }
    this.canvas.dataset.drawn = String(this.data.speeds.length);
  }

  axes(ctx, colours, x, y) {
    const b = this.box;
    drawFrame(ctx, colours, b);
    const s = this.data.speeds;
    for (const v of niceTicks(s[0], s[s.length - 1], Math.max(3, Math.round(this.width / 110)))) {
      ctx.fillText(numberText(v), x(v), b.bottom + 16);
    }
    ctx.textAlign = "right";
    ctx.fillText(t("speed →"), b.right, b.bottom + 36);
    for (const v of niceTicks(...this.wRange, Math.max(3, Math.round((b.bottom - b.top) / 60)))) {
      ctx.fillText(numberText(v), b.left - 8, y(v) + 4);
    }
    drawYTitle(ctx, b, t("where w ends up →"));
  }

  flyOff(ctx, colours, x) {
    const b = this.box;
    const speeds = this.data.speeds;
    const half = speeds.length > 1 ? (x(speeds[1]) - x(speeds[0])) / 2 : 1;
    let widest = [0, 0, 0];
    let runStart = null;
    ctx.fillStyle = colours.vermillion;
    speeds.forEach((speed, i) => {
      const gone = !this.rows[i].some(Number.isFinite);
      if (gone) {
        ctx.globalAlpha = 0.14;
        ctx.fillRect(x(speed) - half, b.top, 2 * half, b.bottom - b.top);
        runStart ??= x(speed);
      }
      if (runStart !== null && (!gone || i === speeds.length - 1)) {
        const end = x(speeds[gone ? i : i - 1]);
        if (end - runStart > widest[0]) widest = [end - runStart, runStart, end];
        runStart = null;
      }
    });
    ctx.globalAlpha = 1;
    ctx.font = `700 ${colours.text}px ${colours.font}`;
    ctx.textAlign = "center";
    if (widest[0] > 50) ctx.fillText(t("flies off"), (widest[1] + widest[2]) / 2, b.bottom - 10);
  }
}
