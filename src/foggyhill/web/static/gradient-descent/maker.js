// "Make a challenge": a teacher sets the simulation up, picks a task, the settings to lock and a note, and copies the
// link that opens the lesson that way. The tasks and their goals' limits are the engine's (/api/schema).

import { copyFrom } from "../common/embed.js";
import { encodeSettings, parseField } from "../common/state.js";
import { t } from "../common/words.js";

const LOCKABLE = ["landscape", "start", "speed"];

/** The link for `choice` ({kind, goal, locks, note}) on top of the simulation's settings as they are now. */
export function challengeLink(sim, schema, choice) {
  const { settings, landscape } = sim;
  const query = encodeSettings({ ...settings, start: settings.start ?? landscape.start }, schema);
  const params = new URLSearchParams(query);
  if (choice.kind) params.set("challenge", choice.kind);
  if (choice.kind && choice.goal !== null) params.set("goal", String(choice.goal));
  if (choice.locks.length) params.set("lock", choice.locks.join(","));
  if (choice.note) params.set("note", choice.note);
  const text = params.toString().replaceAll("%2C", ",");
  return `${window.location.origin}${window.location.pathname}${text ? `?${text}` : ""}`;
}

/** The panel: its controls start from the page's own challenge link, if it came with one. */
export class ChallengeMaker {
  constructor(root, { sim, schema, link }) {
    this.root = root;
    this.sim = sim;
    this.schema = schema;
    this.q = (selector) => root.querySelector(selector);
    this.kind = this.q("[data-maker-kind]");
    this.goal = this.q("[data-maker-goal]");
    this.goalHelp = this.q("[data-maker-goal-help]");
    this.note = this.q("[data-maker-note]");
    this.area = this.q("[data-maker-link]");
    this.note.maxLength = schema.tools.challenge.fields.note.maximum;
    const options = schema.challenges.map((k) => new Option(k.task.replace("{goal}", "N"), k.name));
    this.kind.replaceChildren(new Option(t("No task: only the locks and the note"), ""), ...options);
    this.kind.value = link.challenge ? link.challenge.kind : "settle-within";
    this.note.value = link.note || "";
    this.boxes = LOCKABLE.map((name) => {
      const box = this.q(`[data-maker-lock="${name}"]`);
      box.checked = link.challenge || link.locks.length ? link.locks.includes(name) : name !== "speed";
      return box;
    });
    this.showGoal(link.challenge ? link.challenge.goal : null);
    root.addEventListener("input", (event) => this.changed(event));
    root.addEventListener("toggle", () => this.update());
    this.q("[data-maker-copy]").addEventListener("click", async () => {
      this.update();
      this.q("[data-maker-said]").textContent = await copyFrom(this.area, t("Copied. Share it with your class."));
    });
  }

  changed(event) {
    if (event.target === this.kind) this.showGoal(null);
    this.update();
  }

  /** The goal box for the chosen kind: its limits and help from the engine, hidden for kinds without one. */
  showGoal(value) {
    const spec = this.spec();
    this.q("[data-maker-goal-box]").hidden = !spec;
    if (!spec) return;
    Object.assign(this.goal, { min: String(spec.minimum), max: String(spec.maximum) });
    this.goal.step = spec.kind === "int" ? "1" : "any";
    this.goal.value = String(value ?? spec.default);
    this.goalHelp.textContent = `${spec.help[0].toUpperCase()}${spec.help.slice(1)}.`;
  }

  spec() {
    const kind = this.schema.challenges.find((k) => k.name === this.kind.value);
    return kind ? kind.goal : null;
  }

  /** Write the link for the settings as they are now (only while the panel is open: the ball moves often). */
  update() {
    if (!this.root.open || !this.sim.settings || !this.sim.landscape) return;
    const spec = this.spec();
    const parsed = spec ? parseField("goal", spec, this.goal.value) : { value: null };
    this.goalHelp.classList.toggle("problem", "error" in parsed);
    if ("error" in parsed) this.goalHelp.textContent = parsed.error;
    else if (spec) this.goalHelp.textContent = `${spec.help[0].toUpperCase()}${spec.help.slice(1)}.`;
    const choice = {
      kind: this.kind.value || null,
      goal: "error" in parsed ? spec.default : parsed.value,
      locks: LOCKABLE.filter((_, k) => this.boxes[k].checked),
      note: this.note.value.trim(),
    };
    const url = challengeLink(this.sim, this.schema, choice);
    if (this.area.value !== url) this.area.value = url;
    this.q("[data-maker-open]").href = url;
  }
}
