// A run across a surface as the page steps through it: the engine's steps, and from which step its verdict may be
// shown (the verdict is about the run as far as the ball has got, as on the line lesson). Pure data, no DOM.

const FAR = 1000; // the engine starts runs within ±1000 on a built-in surface

/** Swings shown before "it can never settle there": enough for the zig-zag to be plain to see. */
export const SWINGS_SHOWN = 30;

export function flewOff(run) {
  return run.verdict.kind === "diverged";
}

/** The last index the ball can reach: one past the last finite step means "flew off". */
export function lastIndex(run) {
  return flewOff(run) ? run.steps.length : run.steps.length - 1;
}

/**
 * The index from which the verdict is shown: where it settled; some swings after the swinging began; otherwise
 * (crawling, stalled near a saddle, flew off, Newton stopped) only at the end, since those words are about the
 * whole run.
 */
export function decidedAt(run) {
  const { kind, step } = run.verdict;
  const last = lastIndex(run);
  if (kind === "converged-global" || kind === "stuck-local") return Math.min(step, last);
  if (kind === "oscillating") return Math.min(step + SWINGS_SHOWN, last);
  return last;
}

/** Is the ball gone for good at this index? */
export function flownAt(run, index) {
  return flewOff(run) && index >= run.steps.length;
}

/** The step the ball is at (the last finite one once it has flown off). */
export function stepAt(run, index) {
  return run.steps[Math.min(index, run.steps.length - 1)];
}

/** The steps drawn as the path so far. */
export function pathTo(run, index) {
  return run.steps.slice(0, Math.min(index, run.steps.length - 1) + 1);
}

/** Seconds between steps while rolling: slow enough at first to follow each step, then brisker. */
export function cadence(rolled, reduced) {
  const first = reduced ? 0.3 : 0.45;
  return Math.max(1 / 60, first * 0.9 ** rolled);
}

/** Steps per tick once rolling is at full pace: a long run still reaches its end in a few seconds. */
export function stride(remaining) {
  return Math.max(1, Math.ceil(remaining / 240));
}

/** The speeds a run was made with: [{from, speed}], a new entry from each step where the speed changed mid-run. */
export function speedsOf(run) {
  return run.speeds || [{ from: 0, speed: run.settings.speed }];
}

/**
 * The step a run can carry on from at `index` after a change of speed, or null when it must start over: at the
 * start, after it flew off or stopped, or where the engine would not start a run (outside a typed formula's window,
 * or beyond ±1000).
 */
export function carryPoint(run, index, surface, typed) {
  if (!run || index === 0 || index > run.steps.length - 1) return null;
  const { w } = run.steps[index];
  const win = typed ? surface.window : { w1: [-FAR, FAR], w2: [-FAR, FAR] };
  const inside = w[0] >= win.w1[0] && w[0] <= win.w1[1] && w[1] >= win.w2[0] && w[1] <= win.w2[1];
  return inside ? run.steps[index] : null;
}

/** What to ask /api/descend for to carry `settings`' run on from `here` (a step), numbered from its step. */
export function carryParams(settings, here) {
  return { ...settings, start: `${here.w[0]},${here.w[1]}`, from_step: here.step };
}

/**
 * Keep `run` up to `index`, then carry on with `later` (asked for with from_step = index: its steps and words
 * already count from there). Its settings and verdict are the later run's; its first step stays the original start.
 */
export function continued(run, index, later) {
  const speeds = speedsOf(run).filter((s) => s.from < index).concat({ from: index, speed: later.settings.speed });
  return { ...later, steps: run.steps.slice(0, index + 1).concat(later.steps.slice(1)), since: index, speeds };
}
