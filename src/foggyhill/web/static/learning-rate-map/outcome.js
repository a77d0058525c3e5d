// The outcome map on a <canvas>: one coloured cell per (speed, start), speeds on a log scale left to right, starts
// bottom to top, the stability bounds as dashed lines, and a cursor cell moved by the pointer or the arrow keys.

import { numberText } from "../common/format.js";
import { niceTicks } from "../common/svg.js";
import { t } from "../common/words.js";
import {
  decodeBase64,
  drawBounds,
  drawFrame,
  drawYTitle,
  fitCanvas,
  logTicks,
  plotBox,
  rgb,
  themeColours,
} from "./canvas.js";

export class OutcomeMap {
  /** Wire the canvas; `verdicts` as /api/schema gives them, `onPick(cell)` when the cursor moves, `onOpen(cell)` on
   * click or Enter. */
  constructor(canvas, { verdicts, onPick, onOpen }) {
    this.canvas = canvas;
    this.palette = verdicts.map((v) => rgb(v.colour));
    this.onPick = onPick;
    this.onOpen = onOpen;
    this.data = null;
    this.cursor = null;
    this.width = 0;
    this.height = 0;
    canvas.addEventListener("pointermove", (event) => this.pointer(event, false));
    canvas.addEventListener("pointerdown", (event) => this.pointer(event, event.pointerType !== "mouse"));
    canvas.addEventListener("click", (event) => {
      const cell = this.cellAt(event.offsetX, event.offsetY);
      if (cell && event.pointerType !== "touch") this.onOpen(cell);
    });
    canvas.addEventListener("keydown", (event) => this.key(event));
  }

  /** Show a map from /api/map. */
  show(data) {
    this.data = data;
    this.kinds = new Int8Array(decodeBase64(data.kinds).buffer);
    this.speeds = data.speeds;
    this.starts = data.starts;
    this.image = null;
    if (this.cursor && (this.cursor.i >= this.speeds.length || this.cursor.j >= this.starts.length)) this.cursor = null;
    this.draw();
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    this.draw();
  }

  /** The verdict index of cell (i, j). */
  kindAt(i, j) {
    return this.kinds[i * this.starts.length + j];
  }

  /** A cell with its speed, start and verdict index. */
  cell(i, j) {
    return { i, j, speed: this.speeds[i], start: this.starts[j], kind: this.kindAt(i, j) };
  }

  get box() {
    return plotBox(this.width, this.height);
  }

  /** The cell under CSS pixel (x, y), or null outside the map. */
  cellAt(x, y) {
    if (!this.data) return null;
    const b = this.box;
    if (x < b.left || x >= b.right || y < b.top || y >= b.bottom) return null;
    const i = Math.floor(((x - b.left) / (b.right - b.left)) * this.speeds.length);
    const j = this.starts.length - 1 - Math.floor(((y - b.top) / (b.bottom - b.top)) * this.starts.length);
    return this.cell(i, j);
  }

  pointer(event, pick) {
    const cell = this.cellAt(event.offsetX, event.offsetY);
    if (!cell) return;
    if (pick || event.type === "pointermove") this.moveTo(cell.i, cell.j);
  }

  moveTo(i, j) {
    const ci = Math.max(0, Math.min(this.speeds.length - 1, i));
    const cj = Math.max(0, Math.min(this.starts.length - 1, j));
    if (this.cursor && this.cursor.i === ci && this.cursor.j === cj) return;
    this.cursor = { i: ci, j: cj };
    this.draw();
    this.onPick(this.cell(ci, cj));
  }

  key(event) {
    if (!this.data) return;
    const jump = event.shiftKey ? 10 : 1;
    const at = this.cursor || { i: Math.floor(this.speeds.length / 2), j: Math.floor(this.starts.length / 2) };
    const moves = { ArrowLeft: [-jump, 0], ArrowRight: [jump, 0], ArrowUp: [0, jump], ArrowDown: [0, -jump] };
    if (event.key in moves) {
      event.preventDefault();
      const [di, dj] = this.cursor ? moves[event.key] : [0, 0];
      this.moveTo(at.i + di, at.j + dj);
    } else if (event.key === "Enter" && this.cursor) {
      event.preventDefault();
      this.onOpen(this.cell(this.cursor.i, this.cursor.j));
    }
  }

  /** The grid as a bitmap, one pixel per cell, largest start on top. */
  bitmap() {
    const n = this.speeds.length;
    const m = this.starts.length;
    const image = new ImageData(n, m);
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < m; j += 1) {
        const [r, g, b] = this.palette[this.kindAt(i, j)] || [128, 128, 128];
        const p = ((m - 1 - j) * n + i) * 4;
        image.data[p] = r;
        image.data[p + 1] = g;
        image.data[p + 2] = b;
        image.data[p + 3] = 255;
      }
    }
    const off = document.createElement("canvas");
    off.width = n;
    off.height = m;
    off.getContext("2d").putImageData(image, 0, 0);
    return off;
  }

  draw() {
    if (!this.data || !(this.width > 0)) return;
    const colours = themeColours(this.canvas);
    const ctx = fitCanvas(this.canvas, this.width, this.height);
    const b = this.box;
    if (!this.image) this.image = this.bitmap();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.image, b.left, b.top, b.right - b.left, b.bottom - b.top);
    this.axes(ctx, colours);
    drawBounds(ctx, colours, this.data.landscape, this.box, (v) => this.x(v), this.width > 520);
    this.drawCursor(ctx, colours);
    this.canvas.dataset.drawn = `${this.speeds.length}x${this.starts.length}`;
    if (!this.marked) {
      this.marked = true;
      performance.mark("map-drawn");
    }
  }

  /** Screen x of a speed. */
  x(speed) {
    const b = this.box;
    const [lo, hi] = [this.speeds[0], this.speeds[this.speeds.length - 1]];
    return b.left + (Math.log(speed / lo) / Math.log(hi / lo)) * (b.right - b.left);
  }

  axes(ctx, colours) {
    const b = this.box;
    drawFrame(ctx, colours, b);
    const lo = this.speeds[0];
    const hi = this.speeds[this.speeds.length - 1];
    for (const v of this.speedTicks(lo, hi)) ctx.fillText(numberText(v), this.x(v), b.bottom + 16);
    ctx.textAlign = "right";
    ctx.fillText(t("speed (log scale) →"), b.right, b.bottom + 36);
    const [w0, w1] = [this.starts[0], this.starts[this.starts.length - 1]];
    for (const v of niceTicks(w0, w1, Math.max(3, Math.round((b.bottom - b.top) / 60)))) {
      const y = b.bottom - ((v - w0) / (w1 - w0)) * (b.bottom - b.top);
      ctx.fillText(numberText(v), b.left - 8, y + 4);
    }
    drawYTitle(ctx, b, t("start w →"));
  }

  /** The densest of 1-2-5, 1-5 or 1 ticks whose labels do not touch, and the right end's value when it fits. */
  speedTicks(lo, hi) {
    const all = logTicks(lo, hi);
    for (const keep of [[1, 2, 5], [1, 5], [1]]) {
      const ticks = all.filter((v) => keep.includes(Number(v.toExponential(0)[0])));
      const end = ticks[ticks.length - 1];
      if (Math.abs(end - hi) > hi * 1e-3 && this.x(hi) - this.x(end) >= 40) ticks.push(hi);
      const gaps = ticks.slice(1).map((v, k) => this.x(v) - this.x(ticks[k]));
      if (Math.min(...gaps) >= 40) return ticks;
    }
    return [lo, hi];
  }

  drawCursor(ctx, colours) {
    if (!this.cursor) return;
    const b = this.box;
    const cw = (b.right - b.left) / this.speeds.length;
    const ch = (b.bottom - b.top) / this.starts.length;
    const x = b.left + this.cursor.i * cw;
    const y = b.top + (this.starts.length - 1 - this.cursor.j) * ch;
    const size = Math.max(cw, ch, 9);
    ctx.lineWidth = 2;
    ctx.strokeStyle = colours.ink;
    ctx.strokeRect(x + cw / 2 - size / 2, y + ch / 2 - size / 2, size, size);
    ctx.strokeStyle = colours.surface;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + cw / 2 - size / 2 - 2, y + ch / 2 - size / 2 - 2, size + 4, size + 4);
  }
}
