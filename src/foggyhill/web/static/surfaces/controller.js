// The surfaces page's controller: settings in, the surface and the run fetched from the engine, the ball stepped
// and glided. Every number comes from /api/surface and /api/descend; this file only decides which step to show.

import { getJSON } from "../common/api.js";
import { FrameLoop, stepDue } from "../common/ball.js";
import { lossAt } from "./geometry.js";
import { cadence, carryParams, carryPoint, continued, decidedAt, flownAt, lastIndex, stepAt, stride } from "./run.js";

const SURFACE_FIELDS = ["landscape", "formula"];
const GLIDE_SECONDS = 0.28;

export const api = {
  surface: (params, opts) => getJSON("/api/surface", params, opts),
  descend: (params, opts) => getJSON("/api/descend", params, opts),
};

/** What /api/surface needs to draw the surface the settings name. */
export function surfaceParams(settings, grid) {
  const which = settings.formula ? { formula: settings.formula } : { landscape: settings.landscape };
  return { ...which, start: settings.start, grid };
}

/** What /api/descend needs for the run the settings describe. */
export function runParams(settings) {
  const { landscape, formula, start, speed, steps, optimizer, noise, seed, from_step: from } = settings;
  const which = formula ? { formula } : { landscape };
  const carried = from ? { from_step: from } : {};
  return { ...which, start, speed, steps, optimizer, noise: noise || null, seed: noise ? seed : null, ...carried };
}

export class SurfaceController {
  constructor({ grid = 121, onChange, onFrame }) {
    this.grid = grid;
    this.onChange = onChange;
    this.onFrame = onFrame;
    this.settings = null;
    this.surface = null;
    this.run = null;
    this.index = 0;
    this.rolling = false;
    this.loading = false;
    this.pending = null; // the settings being loaded, and whether they carry the run on
    this.glide = null;
    this.horizon = null; // {last, decided}: how far a race of other rules goes
    this.token = 0;
    this.abort = null;
    this.loop = new FrameLoop(() => this.glide || this.rolling, (now, reduced) => this.frame(now, reduced));
  }

  /**
   * Apply changed settings: a new surface is fetched only when the surface itself changed. The run starts over,
   * except with `carryOn` (a change of speed, as on the line lesson): then it carries on from where the ball is, its
   * steps and the verdict's words counting on from there, and the settings (the link) keep the run's own start.
   * A change made while another loads replaces that load but keeps its settings, so neither is lost.
   */
  async apply(changes, { carryOn = false } = {}) {
    const next = { ...((this.pending && this.pending.settings) || this.settings || {}), ...changes };
    const fresh = !this.surface || SURFACE_FIELDS.some((f) => next[f] !== this.settings[f]);
    const restart = Boolean(this.pending && !this.pending.carryOn); // the load it replaces started the run over
    const here = carryOn && !fresh && !restart ? carryPoint(this.run, this.index, this.surface, next.formula) : null;
    const token = (this.token += 1);
    if (this.abort) this.abort.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    if (!here) this.pause();
    this.pending = { settings: next, carryOn: Boolean(here) };
    this.loading = true;
    this.notify();
    try {
      const surface = fresh ? await api.surface(surfaceParams(next, this.grid), { signal }) : this.surface;
      const run = await api.descend(runParams(here ? carryParams(next, here) : next), { signal });
      if (token !== this.token) return;
      this.settings = next;
      this.surface = surface;
      this.run = here ? continued(this.run, this.index, run) : run;
      if (!here) {
        this.index = 0;
        this.glide = null;
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      throw error;
    } finally {
      if (token === this.token) {
        this.loading = false;
        this.pending = null;
        this.notify();
      }
    }
  }

  get ready() {
    return Boolean(this.run && !this.loading);
  }

  /** The last index anyone can reach: the run's, or further while a race of other rules goes on (`horizon`). */
  get lastStep() {
    return Math.max(lastIndex(this.run), this.horizon ? this.horizon.last : 0);
  }

  /** Where Roll stops: once the run's verdict (and every racer's) can be shown. */
  get rollsTo() {
    return Math.max(decidedAt(this.run), this.horizon ? this.horizon.decided : 0);
  }

  get atEnd() {
    return !this.run || this.index >= this.lastStep;
  }

  get decided() {
    return Boolean(this.run) && this.index >= decidedAt(this.run);
  }

  get flown() {
    return Boolean(this.run) && flownAt(this.run, this.index);
  }

  get current() {
    return stepAt(this.run, this.index);
  }

  /** Where the ball starts: the run's first step, or the setting, or the surface's own start. */
  get start() {
    return this.run ? this.run.steps[0].w : this.surface ? this.surface.start : null;
  }

  step(count = 1) {
    if (!this.ready || this.atEnd) return false;
    const from = this.ballNow();
    this.index = Math.min(this.lastStep, this.index + count);
    this.beginGlide(from);
    this.notify();
    return true;
  }

  back() {
    if (!this.ready || this.index === 0) return false;
    this.pause();
    const from = this.ballNow();
    this.index -= 1;
    this.beginGlide(from);
    this.notify();
    return true;
  }

  /** Back to the start; a run carried on after a change of speed starts over at the speed set now. */
  reset() {
    if (!this.run) return;
    if (this.run.since > 0) return this.apply({});
    this.pause();
    this.index = 0;
    this.glide = null;
    this.notify();
    this.draw();
  }

  /** Roll (keep stepping) or pause; rolling from the end or a shown verdict starts over. */
  toggleRoll() {
    if (this.rolling) {
      this.pause();
      return;
    }
    if (!this.ready) return;
    if (this.atEnd || this.index >= this.rollsTo) {
      this.index = 0;
      this.glide = null;
    }
    this.rolling = true;
    this.rolled = 0;
    this.lastStepAt = 0;
    this.notify();
    this.kick();
  }

  pause() {
    if (!this.rolling) return;
    this.rolling = false;
    this.notify();
  }

  /** The ball as drawn now: {w: [w1, w2], loss}, between two steps while gliding. */
  ballNow() {
    if (this.glide && this.glide.last) return this.glide.last;
    const s = this.current;
    return { w: s.w, loss: s.loss };
  }

  beginGlide(from) {
    if (this.flown || this.index > lastIndex(this.run)) {
      this.glide = null;
      this.draw();
      return;
    }
    const s = this.current;
    const seconds = this.rolling ? Math.min(GLIDE_SECONDS, this.interval ?? GLIDE_SECONDS) : GLIDE_SECONDS;
    this.glide = { from, to: { w: s.w, loss: s.loss }, t0: performance.now(), seconds };
    this.kick();
  }

  kick() {
    this.loop.kick();
  }

  frame(now, reduced) {
    if (this.rolling) this.rollOn(now, reduced);
    if (this.glide) this.glideOn(now, reduced);
    else this.draw();
  }

  rollOn(now, reduced) {
    if (this.loading) return;
    if (this.atEnd || this.index >= this.rollsTo) {
      this.pause();
      return;
    }
    this.interval = cadence(this.rolled, reduced);
    if (stepDue(this, now, this.interval)) {
      const fast = this.interval <= 1 / 60 ? stride(this.rollsTo - this.index) : 1;
      this.step(Math.min(fast, this.rollsTo - this.index));
    }
  }

  glideOn(now, reduced) {
    const g = this.glide;
    const p = reduced ? 1 : Math.min(1, (now - g.t0) / 1000 / g.seconds);
    const ease = 1 - (1 - p) ** 3;
    const w = [g.from.w[0] + (g.to.w[0] - g.from.w[0]) * ease, g.from.w[1] + (g.to.w[1] - g.from.w[1]) * ease];
    const onGrid = this.surface.grid ? lossAt(this.surface.grid, w[0], w[1]) : null;
    const loss = p >= 1 ? g.to.loss : onGrid ?? g.from.loss + (g.to.loss - g.from.loss) * ease;
    g.last = { w, loss };
    if (p >= 1) this.glide = null;
    if (this.onFrame) this.onFrame(this, g.last);
  }

  /** Draw the ball where it rests (no glide running). */
  draw() {
    if (this.onFrame && this.run) this.onFrame(this, this.flown ? null : this.ballNow());
  }

  notify() {
    if (this.onChange) this.onChange(this);
  }
}
