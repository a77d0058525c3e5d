// The ball's motion between two steps: a hop along a straight line with a little lift, paced by the spring.
// A pure function of time since the hop began, so Roll can sample it from requestAnimationFrame; and the frame loop
// and roll clock that sample it, shared by the line page and the surfaces page.

import { spring, springSettleTime } from "./spring.js";

export const SPRING = { stiffness: 110, damping: 16, mass: 1 };
export const HOP_SECONDS = springSettleTime(SPRING);

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/** Does the reader ask for less motion? (Then the ball jumps straight to each new place.) Live: read per frame. */
export function prefersReducedMotion() {
  return reducedMotion.matches;
}

/**
 * Where the ball is `t` seconds into a hop from `from` to `to` (screen points {x, y, angle}).
 * The spring drives the progress; a small arc lifts the ball so long jumps read as jumps, not slides.
 */
export function hopAt(t, from, to, { reduced = false } = {}) {
  const p = reduced ? 1 : spring(t, 0, 1, SPRING);
  const lift = Math.min(80, 0.35 * Math.hypot(to.x - from.x, to.y - from.y));
  const arc = p > 0 && p < 1 ? 4 * p * (1 - p) * lift : 0;
  return {
    x: from.x + (to.x - from.x) * p,
    y: from.y + (to.y - from.y) * p - arc,
    angle: from.angle + (to.angle - from.angle) * Math.min(1, Math.max(0, p)),
    done: reduced || t >= HOP_SECONDS,
  };
}

/** A ball flying off the chart: it keeps going in the direction of the last move and fades out. */
export function flyAt(t, from, direction, { reduced = false, seconds = 0.9 } = {}) {
  const p = reduced ? 1 : Math.min(1, t / seconds);
  const ease = p * p;
  return {
    x: from.x + direction.x * ease,
    y: from.y + direction.y * ease,
    angle: from.angle,
    opacity: 1 - p,
    done: p >= 1,
  };
}

/** Animation frames for `tick(now, reduced)`, asked for one at a time while `moving()` says there is motion. */
export class FrameLoop {
  constructor(moving, tick) {
    this.moving = moving;
    this.tick = tick;
    this.requested = false;
    this.frame = this.frame.bind(this);
  }

  kick() {
    if (!this.requested && this.moving()) {
      this.requested = true;
      requestAnimationFrame(this.frame);
    }
  }

  frame(now) {
    this.requested = false;
    this.tick(now, prefersReducedMotion());
    this.kick();
  }
}

/** Is the roll's next step due at `now`, `interval` seconds after the last? If so it counts as taken from now. */
export function stepDue(roll, now, interval) {
  const due = !roll.lastStepAt || (now - roll.lastStepAt) / 1000 >= interval;
  if (due) {
    roll.lastStepAt = now;
    roll.rolled += 1;
  }
  return due;
}
