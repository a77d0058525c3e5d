// A teacher's challenge link on the lesson page: `challenge=` and `goal=` name a goal the engine checks after every
// run (/api/descend answers with its judgement), `lock=` keeps settings the learner cannot change, `note=` is the
// teacher's words. Every word of the link is shown with textContent, never as HTML.

import { parseField, toolFields } from "../common/state.js";
import { num, t } from "../common/words.js";

/** Settings a lock on `name` holds: the curve is its landscape or its typed formula. */
const LOCKS_ALSO = { landscape: ["formula"] };

/** The challenges whose answer the speed zones under the slider would give away: the page leaves them out. */
const ZONES_TELL = new Set(["largest-speed", "swing-forever"]);

/** Whether the page should show the speed zones with this challenge (null: none). */
export function zonesAllowed(challenge) {
  return !challenge || !ZONES_TELL.has(challenge.kind);
}

/** The challenge a link describes: {challenge, goal, locks, note} and the problems of its bad parts (left out). */
export function readChallenge(search, schema) {
  const params = new URLSearchParams(search);
  const fields = toolFields(schema, "challenge");
  const problems = [];
  const read = (name) => {
    const parsed = parseField(name, fields[name], params.get(name));
    if ("error" in parsed) problems.push(parsed.error);
    return "error" in parsed ? null : parsed.value;
  };
  const kind = read("challenge");
  const spec = kind && schema.challenges.find((k) => k.name === kind);
  let goal = null;
  if (spec && spec.goal) {
    const parsed = parseField("goal", spec.goal, params.get("goal"));
    const values = { kind, problem: parsed.error };
    if ("error" in parsed) problems.push(t("for {kind}, {problem}", values));
    goal = "error" in parsed ? spec.goal.default : parsed.value;
  }
  const lockable = Object.keys(schema.fields).filter((name) => name !== "from_step" && name !== "formula");
  const locks = [];
  for (const name of (read("lock") || "").split(",").map((part) => part.trim()).filter(Boolean)) {
    if (lockable.includes(name)) locks.push(name);
    else {
      const values = { names: lockable.join(", "), name };
      problems.push(t("lock names settings: one of {names} (got '{name}')", values));
    }
  }
  const challenge = spec ? { kind, goal, task: spec.task.replace("{goal}", num(String(goal))) } : null;
  return { challenge, locks, note: read("note"), problems };
}

/** The locked settings' values, from the link's own settings (a locked curve holds its formula too). */
export function lockedValues(locks, settings) {
  const held = {};
  for (const name of locks) for (const each of [name, ...(LOCKS_ALSO[name] || [])]) held[each] = settings[each] ?? null;
  return held;
}

/** The locked settings in words, for the note beside the controls: "the curve and the start". */
export function lockWords(locks) {
  const named = { landscape: t("the curve"), start: t("the start"), speed: t("the speed") };
  const words = locks.map((name) => named[name] || t("the setting {name}", { name }));
  if (words.length < 2) return words[0] || "";
  const values = { some: words.slice(0, -1).join(", "), last: words.at(-1) };
  return t("{some} and {last}", values);
}

/** The challenge card: the note, the task, and after every whole run the engine's judgement of it. */
export class ChallengeCard {
  constructor(root, { challenge, note, locks }) {
    this.root = root;
    this.challenge = challenge;
    this.shown = null;
    root.hidden = !challenge && !note && !locks.length;
    const q = (selector) => root.querySelector(selector);
    q("[data-challenge-note]").textContent = note || "";
    q("[data-challenge-note]").hidden = !note;
    q("[data-challenge-task]").textContent = challenge ? challenge.task : "";
    q("[data-challenge-locks]").textContent = locks.length ? t("Locked for this challenge: {locks}.", { locks: lockWords(locks) }) : "";
    q("[data-challenge-locks]").hidden = !locks.length;
    q("[data-challenge-zones]").hidden = zonesAllowed(challenge);
    this.result = q("[data-challenge-result]");
    this.headline = q("[data-challenge-headline]");
    this.progress = q("[data-challenge-progress]");
    this.result.hidden = !challenge;
  }

  /** The run's judgement once the ball has shown its verdict; a hint until then. */
  update(sim) {
    if (!this.challenge || !sim.trajectory) return;
    const judged = sim.trajectory.challenge;
    let state = ["waiting", "", t("Roll the ball: the challenge is checked when the run is over.")];
    if (!sim.wholeRun) state = ["waiting", "", t("The speed changed mid-run: press Reset to check a whole run.")];
    else if (sim.decided && judged) state = [judged.met ? "met" : "unmet", judged.headline, judged.progress];
    const key = state.join("|");
    if (key === this.shown) return;
    this.shown = key;
    this.result.dataset.state = state[0];
    this.headline.textContent = state[1];
    this.headline.hidden = !state[1];
    this.progress.textContent = state[2];
  }
}
