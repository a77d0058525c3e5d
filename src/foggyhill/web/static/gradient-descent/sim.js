// The gradient descent page's controller: settings in, engine runs fetched, the ball stepped and animated.
// Every number comes from the engine (/api/descend); this file only decides which step to show and how to move.

import { api } from "../common/api.js";
import { FrameLoop, flyAt, hopAt, stepDue } from "../common/ball.js";
import { writeUrl } from "../common/state.js";
import { continued, decidedAt, flownAt, fromRun, lastIndex } from "./trajectory.js";

const CURVE_FIELDS = ["landscape", "formula"];
const FAR = 1000; // the engine only starts runs within ±1000; a ball further out starts over instead of carrying on

/** Seconds between steps while rolling: unhurried at first, brisker once the pattern is clear. */
function cadence(stepsRolled, reduced) {
  if (reduced) return Math.max(0.15, 0.35 - 0.02 * stepsRolled);
  return Math.max(0.12, 0.55 - 0.035 * stepsRolled);
}

export class DescentController {
  constructor({ schema, plot, onChange }) {
    this.schema = schema;
    this.plot = plot;
    this.onChange = onChange;
    this.settings = null;
    this.landscape = null;
    this.trajectory = null;
    this.index = 0;
    this.rolling = false;
    this.loading = null;
    this.pending = null; // the settings being loaded, while a load runs
    this.anim = null;
    this.token = 0;
    this.controller = null;
    this.rolled = 0;
    this.lastStepAt = 0;
    this.locked = {}; // settings a challenge link holds: every change keeps them
    this.challengeParams = {}; // a challenge's name and goal, asked for with every whole run
    this.loop = new FrameLoop(() => this.anim || this.rolling, (now, reduced) => this.frame(now, reduced));
  }

  /**
   * Apply changed settings. Curve changes reload the curve; `carryOn` keeps the ball where it is (speed changes).
   * A change made while another is still loading replaces that load but keeps its settings, so neither is lost.
   */
  async apply(changes, { carryOn = false } = {}) {
    const next = { ...((this.pending && this.pending.settings) || this.settings || {}), ...changes, ...this.locked };
    const curveChanged = !this.landscape || CURVE_FIELDS.some((f) => next[f] !== this.settings[f]);
    const restart = Boolean(this.pending && !this.pending.carryOn); // the load it replaces started the run over
    const token = this.begin();
    if (!carryOn) this.pause();
    const carry = carryOn && !curveChanged && !restart;
    this.pending = { settings: next, carryOn: carry };
    const request = this.load(next, token, { curveChanged, carryOn: carry });
    this.loading = request;
    this.notify();
    try {
      await request;
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    } finally {
      if (token === this.token) {
        this.loading = null;
        this.pending = null;
        this.notify();
      }
    }
  }

  begin() {
    this.token += 1;
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    return this.token;
  }

  async load(next, token, { curveChanged, carryOn }) {
    const { signal } = this.controller;
    const landscape = curveChanged ? await api.landscape(curveParams(next), { signal }) : this.landscape;
    const here = carryOn ? this.carryPoint() : null;
    // A carried-on run starts where the ball is and counts its steps (and its verdict's words) from there.
    const params = here ? { ...next, start: here.w, from_step: this.index } : next;
    // Only a whole run is judged against the challenge: a carried-on one is not what the link describes.
    const run = await api.descend(runParams(here ? params : { ...params, ...this.challengeParams }), { signal });
    if (token !== this.token) return;
    this.settings = next;
    writeUrl(this.settings, this.schema);
    if (curveChanged) {
      this.landscape = landscape;
      this.plot.setLandscape(landscape);
    }
    if (here) {
      this.trajectory = continued(this.trajectory, this.index, run);
    } else {
      this.trajectory = fromRun(run);
      this.index = 0;
      this.anim = null;
    }
    if (!this.anim) this.placeAtIndex();
    this.kick();
  }

  /** The step to carry on from after a speed change, or null when the run should start over. */
  carryPoint() {
    const t = this.trajectory;
    if (!t || this.index === 0 || flownAt(t, this.index)) return null;
    const here = t.steps[this.index];
    return Math.abs(here.w) <= FAR ? here : null;
  }

  get ready() {
    return Boolean(this.trajectory && this.plot.ready);
  }

  get atEnd() {
    return !this.trajectory || this.index >= lastIndex(this.trajectory);
  }

  get decided() {
    return Boolean(this.trajectory) && this.index >= decidedAt(this.trajectory);
  }

  get flown() {
    return Boolean(this.trajectory) && flownAt(this.trajectory, this.index);
  }

  /** The step the ball is at (the last finite one once it has flown off). */
  get current() {
    const steps = this.trajectory.steps;
    return steps[Math.min(this.index, steps.length - 1)];
  }

  /** One step forward: a spring hop to the next step, or the flight off the chart after the last finite one. */
  step() {
    if (!this.ready || this.loading || this.atEnd) return false;
    const from = this.shown();
    this.index += 1;
    if (this.flown) {
      const last = this.trajectory.steps[this.trajectory.steps.length - 1];
      // the next step heads downhill from the last place it was seen: against the slope there
      const away = -Math.sign(last.slope) || Math.sign(last.taken) || 1;
      const direction = { x: away * this.plot.width, y: -this.plot.height };
      this.anim = { kind: "fly", from, direction, t0: performance.now() };
    } else {
      this.anim = { kind: "hop", from, to: this.screenOf(this.current), t0: performance.now() };
    }
    this.plot.markOffChart(null);
    this.notify();
    this.kick();
    return true;
  }

  /** One step back (instant when motion is reduced). */
  back() {
    if (!this.ready || this.loading || this.index === 0) return false;
    this.pause();
    const from = this.shown();
    this.index -= 1;
    this.anim = { kind: "hop", from, to: this.screenOf(this.current), t0: performance.now() };
    this.plot.markOffChart(null);
    this.notify();
    this.kick();
    return true;
  }

  /** Back to the start; a run joined from two speeds is fetched fresh so it matches the link. */
  async reset() {
    this.pause();
    if (this.trajectory && this.trajectory.since > 0) {
      await this.apply({});
      return;
    }
    this.index = 0;
    this.anim = null;
    this.placeAtIndex();
    this.notify();
  }

  /** Roll (keep stepping) or pause; rolling from the end starts over first. */
  toggleRoll() {
    if (this.rolling) {
      this.pause();
      return;
    }
    if (!this.ready) return;
    if (this.atEnd || this.decided) {
      this.index = 0;
      this.anim = null;
      this.placeAtIndex();
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

  /** Jump to a start w while dragging on the curve (no engine call until the drag ends). */
  preview(w) {
    this.pause();
    this.anim = null;
    const loss = this.plot.lossAt(w);
    const p = this.plot.point(w, loss);
    this.plot.placeBall(p.x, p.y, 0);
    this.plot.drawTrail([]);
  }

  screenOf(step) {
    const p = this.plot.point(step.w, step.loss);
    return { x: p.x, y: p.y, angle: this.plot.angleOf(step.slope) };
  }

  /** Where the ball is drawn right now (mid-hop if a hop is running). */
  shown() {
    if (this.anim && this.anim.last) return this.anim.last;
    return this.screenOf(this.current);
  }

  placeAtIndex() {
    if (!this.ready) return;
    if (this.flown) {
      this.plot.placeBall(-100, -100, 0, 0);
      this.plot.markOffChart(null);
      return;
    }
    const p = this.screenOf(this.current);
    this.plot.placeBall(p.x, p.y, p.angle);
    this.plot.markOffChart(this.current.w, p.x, p.y);
  }

  /** Redraw after a resize: same step, new pixels. */
  redraw() {
    this.anim = null;
    this.placeAtIndex();
    this.notify();
  }

  kick() {
    this.loop.kick();
  }

  /** One animation frame: move the ball, and while rolling take the next step when it is due. */
  frame(now, reduced) {
    if (this.anim) this.animate(now, reduced);
    if (this.rolling) this.rollOn(now, reduced);
  }

  animate(now, reduced) {
    const a = this.anim;
    const t = Math.max(0, (now - a.t0) / 1000);
    const pos = a.kind === "fly" ? flyAt(t, a.from, a.direction, { reduced }) : hopAt(t, a.from, a.to, { reduced });
    this.plot.placeBall(pos.x, pos.y, pos.angle, pos.opacity ?? 1);
    a.last = { x: pos.x, y: pos.y, angle: pos.angle };
    if (pos.done) {
      this.anim = null;
      this.placeAtIndex();
    }
  }

  rollOn(now, reduced) {
    if (this.loading) return;
    if (this.atEnd || this.decided) {
      if (!this.anim) this.pause();
      return;
    }
    if (stepDue(this, now, cadence(this.rolled, reduced))) {
      this.step();
    }
  }

  notify() {
    if (this.onChange) this.onChange(this);
  }

  /** Is this trajectory one the engine made in one go (so its settings alone reproduce it)? */
  get wholeRun() {
    return Boolean(this.trajectory) && this.trajectory.since === 0;
  }
}

function curveParams(settings) {
  return settings.formula ? { formula: settings.formula, start: settings.start } : { landscape: settings.landscape };
}

function runParams(settings) {
  const params = { ...settings };
  if (params.formula) delete params.landscape;
  return params;
}
