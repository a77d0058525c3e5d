// The seek bar under the stage: where the show is, and a way to jump anywhere in it. It only reports times; the
// page (or a notebook widget) draws stateAt(show, t), so a jump lands exactly where an uninterrupted play would be.
// Keys: ← → a step (or a part of the show) back or on, Page Down / Page Up a run, Home / End the ends.

import { num, t } from "../common/words.js";
import { FADE } from "./show.js";
import { RUN_COLOURS } from "./stage.js";

const PAUSE_COLOUR = "var(--line-strong)"; // the title, the verdict cards and the summary
const EPSILON = 1e-9;

export const clockText = (s) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;
const wholeSeconds = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/** Where a share of the show sits along the bar: the thumb's centre travels between half a thumb from each end. */
const along = (share) => `calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${share.toFixed(5)})`;

/** The part of the show at `state`, in the stage's own words (run, speed, step). */
export function whereText(show, state) {
  if (state.section === "intro") return t("The title, before the first run");
  if (state.section === "summary") return t("The summary of every run");
  const run = { run: state.run + 1, runs: show.runs.length, speed: num(String(state.speed)) };
  if (state.section === "card") return t("Run {run} of {runs} · speed {speed} · its verdict", run);
  Object.assign(run, { step: state.current_step || state.step, steps: show.settings.steps });
  return t("Run {run} of {runs} · speed {speed} · step {step} of {steps}", run);
}

/** Sorted times, each cluster closer than EPSILON kept as its last: a part's end and the next one's start are
 * sums that may differ in the last bit, and a jump should land in the part that begins, not the one that ends. */
function merged(times) {
  const out = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    if (out.length && t - out[out.length - 1] <= EPSILON) out[out.length - 1] = t;
    else out.push(t);
  }
  return out;
}

/** When a part that fades in (a verdict card, the summary) is fully shown: a jump there shows it, not its first,
 * still invisible, frame. */
const shown = (start, end, fadesOut = true) => start + Math.min(FADE, fadesOut ? (end - start) / 2 : end - start);

/** Times the arrow keys stop at: the start of every step, each verdict card, the summary and the ends. */
function stepMarks(show) {
  const marks = [0, show.intro.end, shown(show.summary.start, show.total, false), show.total];
  for (const run of show.runs) {
    marks.push(run.start, shown(run.end, run.card.end), run.card.end, ...run.steps.map((s) => s.start));
  }
  return merged(marks);
}

/** Times Page Up / Page Down stop at: the start of each run, its verdict card, the summary and the ends. */
function partMarks(show) {
  const cards = show.runs.flatMap((run) => [run.start, shown(run.end, run.card.end)]);
  return merged([0, shown(show.summary.start, show.total, false), show.total, ...cards]);
}

const after = (marks, t) => marks.find((m) => m > t + EPSILON) ?? marks[marks.length - 1];
const before = (marks, t) => [...marks].reverse().find((m) => m < t - EPSILON) ?? marks[0];

export class SeekBar {
  /**
   * Wire the seek bar inside `root` ([data-seek]); `onSeek(t)` is called for every jump, `onHold()` and
   * `onRelease()` when a pointer grabs and lets go of the thumb (the show holds still under the pointer).
   */
  constructor(root, { onSeek, onHold = () => {}, onRelease = () => {} }) {
    this.root = root;
    this.input = root.querySelector("[data-seek-bar]");
    this.marksBox = root.querySelector("[data-seek-marks]");
    this.where = root.querySelector("[data-out=where]");
    this.onSeek = onSeek;
    this.show = null;
    this.t = 0; // the exact time shown: the input's own value keeps only 15 significant digits
    this.held = false;
    this.text = "";
    this.input.addEventListener("input", () => this.show && this.onSeek(Number(this.input.value)));
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.input.addEventListener("pointerdown", () => {
      this.held = true;
      onHold();
    });
    const release = () => {
      if (!this.held) return;
      this.held = false;
      onRelease();
    };
    this.listening = new AbortController(); // the window's listeners go with the bar (a notebook view can close)
    window.addEventListener("pointerup", release, { signal: this.listening.signal });
    window.addEventListener("pointercancel", release, { signal: this.listening.signal });
    window.addEventListener("resize", () => this.fitMarks(), { signal: this.listening.signal });
    this.input.addEventListener("change", release);
    root.hidden = false;
  }

  /** Lay the bar out for `show`: its length, a coloured stretch per run, a button per run. */
  load(show) {
    this.show = show;
    this.steps = stepMarks(show);
    this.parts = partMarks(show);
    this.input.max = String(show.total);
    this.input.disabled = false;
    const share = (t) => t / show.total;
    const stops = [];
    let from = 0;
    show.runs.forEach((run, k) => {
      const colour = RUN_COLOURS[k % RUN_COLOURS.length];
      stops.push(`${PAUSE_COLOUR} ${along(from)} ${along(share(run.start))}`);
      stops.push(`${colour} ${along(share(run.start))} ${along(share(run.end))}`);
      from = share(run.end);
    });
    stops.push(`${PAUSE_COLOUR} ${along(from)} ${along(1)}`);
    this.input.style.setProperty("--seek-track", `linear-gradient(to right, ${stops.join(", ")})`);
    this.marksBox.replaceChildren(
      ...show.runs.map((run, k) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "seek-mark";
        button.textContent = t("Run {n}", { n: k + 1 });
        const which = { n: k + 1, speed: num(String(run.speed)) };
        button.setAttribute("aria-label", t("Jump to run {n}, speed {speed}", which));
        button.style.left = along(share((run.start + run.end) / 2));
        button.style.setProperty("--run-colour", RUN_COLOURS[k % RUN_COLOURS.length]);
        button.addEventListener("click", () => this.onSeek(run.start));
        return button;
      }),
    );
    this.fitMarks();
  }

  /** Each run's button says "Run 2" where there is room between its neighbours, else just "2" (a phone, many runs,
   * a longer word in another language); its label always says it all. */
  fitMarks() {
    const marks = [...this.marksBox.children];
    marks.forEach((mark, k) => (mark.textContent = t("Run {n}", { n: k + 1 })));
    const boxes = marks.map((mark) => mark.getBoundingClientRect());
    const crowded = boxes.some((box, k) => k > 0 && box.left < boxes[k - 1].right + 4);
    if (crowded) marks.forEach((mark, k) => (mark.textContent = String(k + 1)));
  }

  /** Show time `t` (the stage is at `state`); a thumb held by the pointer stays where the pointer put it. */
  update(time, state) {
    this.t = time;
    if (!this.held) this.input.value = String(time);
    const where = whereText(this.show, state);
    if (this.where.textContent !== where) this.where.textContent = where;
    // Screen readers read the value text out on change: whole seconds, not every frame's tenth.
    const now = { at: wholeSeconds(time), total: wholeSeconds(this.show.total), where };
    const text = t("{at} of {total}: {where}", now);
    if (text !== this.text) {
      this.text = text;
      this.input.setAttribute("aria-valuetext", text);
    }
  }

  dispose() {
    this.listening.abort();
  }

  key(event) {
    if (!this.show) return;
    const now = this.t;
    const jumps = {
      ArrowRight: () => after(this.steps, now),
      ArrowUp: () => after(this.steps, now),
      ArrowLeft: () => before(this.steps, now),
      ArrowDown: () => before(this.steps, now),
      PageUp: () => after(this.parts, now),
      PageDown: () => before(this.parts, now),
      Home: () => 0,
      End: () => this.show.total,
    };
    if (!(event.key in jumps)) return;
    event.preventDefault();
    this.onSeek(jumps[event.key]());
  }
}
