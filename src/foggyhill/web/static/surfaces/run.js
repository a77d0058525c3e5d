// A run across a surface as the page steps through it: the engine's steps, and from which step its verdict may be
// shown (the verdict is about the run as far as the ball has got, as on the line lesson). Pure data, no DOM.

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
