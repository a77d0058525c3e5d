// A trajectory as the page steps through it: the engine's steps, possibly joined from two runs when the speed
// changed mid-run, and the index the verdict can be shown from. Pure data functions, no DOM.

/** The settings under which each step was made, kept so the readout can show the sum that produced it. */
function rule(settings) {
  const plain = settings.optimizer === "plain" && settings.schedule === "constant" && !(settings.noise > 0);
  return { speed: settings.speed, plain };
}

/** A trajectory from one /api/descend answer. */
export function fromRun(run) {
  const how = rule(run.settings);
  return {
    steps: run.steps.map((s) => ({ ...s, rule: how })),
    verdict: run.verdict,
    challenge: run.challenge ?? null,
    since: 0,
  };
}

/** Keep `trajectory` up to `index`, then carry on with `run` (asked for with from_step = index: its steps and words
 * already count from there). */
export function continued(trajectory, index, run) {
  const how = rule(run.settings);
  const later = run.steps.slice(1).map((s) => ({ ...s, rule: how }));
  return {
    steps: trajectory.steps.slice(0, index + 1).concat(later),
    verdict: run.verdict,
    challenge: null,
    since: index,
  };
}

export function diverged(trajectory) {
  return trajectory.verdict.kind === "diverged";
}

/** The last index the ball can reach: one past the last finite step means "flew off the chart". */
export function lastIndex(trajectory) {
  return diverged(trajectory) ? trajectory.steps.length : trajectory.steps.length - 1;
}

/** Swings the learner sees before the "never settles" verdict is shown: enough for the distance chart to level off. */
export const SWINGS_SHOWN = 30;

/** From which index the verdict is shown: where it settled or flew off, after some swings, or (crawling) at the end. */
export function decidedAt(trajectory) {
  const { kind, step } = trajectory.verdict;
  const last = lastIndex(trajectory);
  if (kind === "converged-global" || kind === "stuck-local") return Math.min(step, last);
  if (kind === "oscillating") return Math.min(step + SWINGS_SHOWN, last);
  return last;
}

/** Is the ball off the chart for good at this index? */
export function flownAt(trajectory, index) {
  return diverged(trajectory) && index >= trajectory.steps.length;
}

/** The verdict's explanation, exactly as the engine wrote it. */
export function explanation(trajectory) {
  return trajectory.verdict.explanation;
}
