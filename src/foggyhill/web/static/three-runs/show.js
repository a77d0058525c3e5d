// What the stage shows at time t, read off the timeline the server sends (/api/three-runs). A pure function of t,
// the same rules as foggyhill/timeline/state.py, so the page and the exported video play the same show.

import { spring } from "../common/spring.js";

export const FADE = 0.25; // seconds a card, the intro or the summary takes to fade in or out

const smooth = (x) => {
  const v = Math.min(Math.max(x, 0), 1);
  return v * v * (3 - 2 * v);
};

/** 1 inside [start, end), easing in and out over FADE seconds; 0 outside. */
function fade(t, start, end, { fadeIn = true, fadeOut = true } = {}) {
  if (!(start <= t && t < end) && !(t === end && !fadeOut)) return 0;
  const rise = fadeIn ? smooth((t - start) / FADE) : 1;
  const fall = fadeOut ? smooth((end - t) / FADE) : 1;
  return Math.min(rise, fall);
}

/** Which part of the show t falls in, and the run it is about (the first run during the intro). */
function sectionOf(show, t) {
  if (!show.runs.length) return [t < show.intro.end ? "intro" : "summary", null];
  if (t < show.intro.end) return ["intro", show.runs[0]];
  if (t >= show.summary.start) return ["summary", null];
  const plan = show.runs.find((r) => t < r.card.end) ?? show.runs[show.runs.length - 1];
  return [t < plan.end ? "run" : "card", plan];
}

/** The step whose time budget holds t (null once a run that flew off has no steps left). */
function currentStep(plan, t) {
  const steps = plan.steps;
  if (!steps.length || t < plan.start) return null;
  const budget = steps[0].end - steps[0].start;
  let k = Math.min(Math.max(Math.floor((t - plan.start) / budget), 0), steps.length - 1);
  while (k > 0 && t < steps[k].start) k -= 1;
  while (k + 1 < steps.length && t >= steps[k].end) k += 1;
  const step = steps[k];
  return step.start <= t && t < step.end ? step : null;
}

const movesAt = (step) => step.phases[2].start;

/** The last step whose ball has begun to move by time t. */
function movingStep(plan, t) {
  const current = t < plan.end ? currentStep(plan, t) : null;
  const steps = plan.steps;
  if (current === null) return steps.length && t >= movesAt(steps[steps.length - 1]) ? steps[steps.length - 1] : null;
  if (t >= movesAt(current)) return current;
  return current.step > 1 ? steps[current.step - 2] : null;
}

function stepsTaken(plan, t) {
  const moving = movingStep(plan, t);
  return moving ? moving.step : 0;
}

/** The loss on the drawn curve at w (straight between the server's samples, as the curve is drawn). */
export function curveLoss(show, w) {
  const curve = show.landscape.curve;
  const [lo, hi] = show.landscape.window;
  const f = ((w - lo) / (hi - lo)) * (curve.length - 1);
  const i = Math.min(Math.max(Math.floor(f), 0), curve.length - 2);
  const share = Math.min(Math.max(f - i, 0), 1);
  return curve[i][1] + (curve[i + 1][1] - curve[i][1]) * share;
}

function ball(show, plan, t) {
  const moving = movingStep(plan, t);
  if (moving === null) return { w: plan.w0, loss: plan.loss0, flown: false };
  const w = spring(t - movesAt(moving), moving.w_from, moving.w_to, show.spring);
  const [lo, hi] = show.landscape.window;
  const loss = moving.flew_off ? moving.loss_to : curveLoss(show, w);
  return { w, loss, flown: !(lo <= w && w <= hi) };
}

function tangent(step, t) {
  const phase = step.phases.find((p) => t < p.end);
  const share = (t - phase.start) / Math.max(phase.end - phase.start, 1e-12);
  let opacity;
  if (phase.name === "gradient") opacity = smooth(share / 0.6);
  else if (phase.name === "step") opacity = 1 - smooth(share / 0.5);
  else return null;
  return { w: step.w_from, loss: step.loss_from, slope: step.slope, opacity };
}

/** The places the ball has rested so far in this run, the start included: [{w, loss}]. */
function trail(plan, t) {
  const taken = stepsTaken(plan, t);
  const points = [{ w: plan.w0, loss: plan.loss0 }];
  for (const s of plan.steps.slice(0, Math.max(0, taken - 1))) if (!s.flew_off) points.push({ w: s.w_to, loss: s.loss_to });
  return taken ? points : [];
}

/** A run's chart points so far (loss, and distance to the lowest point), and its verdict once it is over. */
function runView(plan, t) {
  if (t < plan.start) {
    return { index: plan.index, speed: plan.speed, status: "waiting", losses: [], distances: [], kind: null, headline: null };
  }
  const taken = stepsTaken(plan, t);
  const losses = [plan.loss0, ...plan.steps.slice(0, taken).filter((s) => !s.flew_off).map((s) => s.loss_to)];
  const done = t >= plan.end;
  return {
    index: plan.index,
    speed: plan.speed,
    status: done ? "finished" : "playing",
    losses,
    distances: plan.distances.slice(0, losses.length),
    kind: done ? plan.verdict.kind : null,
    headline: done ? plan.verdict.headline : null,
  };
}

/** Everything the stage shows at time t seconds (clamped to the show's length). */
export function stateAt(show, time) {
  const t = Math.min(Math.max(Number(time), 0), show.total);
  const [section, plan] = sectionOf(show, t);
  const step = plan && section === "run" ? currentStep(plan, t) : null;
  const where = plan ? ball(show, plan, t) : { w: null, loss: null, flown: false };
  return {
    t,
    section,
    run: plan ? plan.index : null,
    step: plan ? stepsTaken(plan, t) : 0,
    current_step: step ? step.step : 0,
    phase: step ? step.phases.find((p) => t < p.end).name : section === "run" ? "done" : "",
    speed: plan ? plan.speed : null,
    ball_w: where.w,
    ball_loss: where.loss,
    flown: where.flown,
    tangent: step ? tangent(step, t) : null,
    trail: plan ? trail(plan, t) : [],
    runs: show.runs.map((r) => runView(r, t)),
    card: section === "card" && plan ? { run: plan.index, speed: plan.speed, ...plan.verdict, opacity: fade(t, plan.end, plan.card.end) } : null,
    intro_opacity: fade(t, 0, show.intro.end, { fadeIn: false }),
    summary_opacity: fade(t, show.summary.start, show.total, { fadeOut: false }),
  };
}

/** The tones that start in [from, to): the ones a player schedules next. */
export function tonesBetween(show, from, to) {
  return show.tones.filter((tone) => from <= tone.start && tone.start < to);
}
