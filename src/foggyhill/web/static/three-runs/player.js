// The three-runs player, shared by the page and the notebook widget: a drift-free clock (every animation frame
// reads the time and asks the timeline where everything is, so a slow frame never stretches a take), play, pause,
// restart, the seek bar (a jump lands exactly where an uninterrupted play would be; a held thumb stops time) and
// the tones. It works inside `root`, the show's section, so a notebook can hold several.

import { num, t } from "../common/words.js";
import { layoutFor } from "./layout.js";
import { SeekBar, clockText } from "./seek.js";
import { stateAt } from "./show.js";
import { TonePlayer } from "./sound.js";
import { Stage } from "./stage.js";

export class Player {
  /** Wire the show in `root` (its stage, seek bar, Play, Restart and Mute buttons); `load()` gives it a timeline. */
  constructor(root) {
    this.root = root;
    this.tones = new TonePlayer();
    this.show = null;
    this.stage = null;
    this.mode = "loading";
    this.origin = 0; // performance.now() at show time 0, while playing
    this.at = 0; // the show time, while not playing (or held)
    this.held = false; // a pointer holds the seek bar's thumb: time stands still at `at` until it lets go
    this.frame = 0;
    this.tick = this.tick.bind(this);
    // A phone gets the tall stage, a recording or a wider screen the video's: rebuilt when the frame crosses over.
    this.resized = new ResizeObserver(() => this.relayout());
    this.resized.observe(this.$(".stage-frame"));
    this.seek = new SeekBar(this.$("[data-seek]"), {
      onSeek: (t) => this.seekTo(t),
      onHold: () => this.hold(),
      onRelease: () => this.release(),
    });
    this.$("[data-action=play]").addEventListener("click", () => this.toggle());
    this.$("[data-action=restart]").addEventListener("click", () => this.restart());
    this.$("[data-action=mute]").addEventListener("click", (event) => {
      const muted = event.currentTarget.getAttribute("aria-pressed") !== "true";
      event.currentTarget.setAttribute("aria-pressed", String(muted));
      this.tones.setMuted(muted);
    });
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  /** The layout the stage frame's width calls for (always the video's in Record mode). */
  layout() {
    const recording = this.root.ownerDocument.body.classList.contains("recording");
    return layoutFor(this.$(".stage-frame").clientWidth, recording, this.show.runs.length);
  }

  /** Rebuild the stage in another layout when the frame's width calls for it, showing the same moment. */
  relayout() {
    if (!this.show || !this.stage || this.layout().name === this.stage.L.name) return;
    this.stage = new Stage(this.$("[data-stage]"), this.show, this.layout());
    this.render(this.timeAt(performance.now()));
  }

  /** Set the stage up for the timeline `show`, at t = 0, ready to play. */
  load(show) {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.held = false;
    this.show = show;
    this.stage = new Stage(this.$("[data-stage]"), show, this.layout());
    this.seek.load(show);
    this.standBy("ready");
  }

  /** Back to t = 0 and stand still in `mode` (ready, or the page's countdown). */
  standBy(mode) {
    this.at = 0;
    this.tones.reset(0);
    this.render(0);
    this.setMode(mode);
  }

  setMode(mode) {
    this.mode = mode;
    this.root.dataset.state = mode;
    const play = this.$("[data-action=play]");
    play.textContent = mode === "playing" ? t("Pause") : mode === "paused" ? t("Resume") : t("Play");
    play.setAttribute("aria-pressed", String(mode === "playing"));
  }

  /** The show time at performance.now() `now`. */
  timeAt(now) {
    return this.mode === "playing" && !this.held ? (now - this.origin) / 1000 : this.at;
  }

  render(t) {
    const state = stateAt(this.show, t);
    this.stage.draw(state);
    this.seek.update(state.t, state);
    this.root.dataset.time = String(state.t); // the exact show time on screen (the range input keeps 15 digits)
    this.$("[data-out=time]").textContent = `${num(clockText(state.t))} / ${num(clockText(this.show.total))}`;
    return state;
  }

  tick(now) {
    this.frame = 0;
    if (this.mode !== "playing") return;
    if (this.held) {
      this.origin = now - this.at * 1000; // time stands still under the pointer; the tones wait too
      this.frame = requestAnimationFrame(this.tick);
      return;
    }
    const time = this.timeAt(now);
    this.render(time);
    this.tones.schedule(this.show, time);
    this.root.dataset.tones = String(this.tones.played.length);
    if (time >= this.show.total) {
      this.at = this.show.total;
      this.setMode("finished");
      this.$("[data-live]").textContent = t("The runs are over: the summary shows each speed's verdict.");
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Play from show time t, taken to be at performance.now() `now`. */
  startAt(t, now = performance.now()) {
    this.origin = now - t * 1000;
    this.tones.reset(t);
    this.tones.schedule(this.show, t); // now, not on the next frame: a tone under way at t joins where t has it
    this.setMode("playing");
    if (!this.frame) this.frame = requestAnimationFrame(this.tick);
  }

  /** Play from where the seek bar stands (from the start once the show is over); browsers allow sound only after
   * a click or a key press on the page. */
  async play() {
    if (!this.show || this.mode === "loading" || this.mode === "countdown") return;
    await this.tones.unlock();
    if (this.mode !== "playing") this.startAt(this.mode === "finished" ? 0 : this.at);
  }

  pause() {
    if (this.mode !== "playing") return;
    this.at = this.timeAt(performance.now());
    this.tones.reset(this.at);
    this.render(this.at); // the paused picture is exactly the paused time, not the last frame before it
    this.setMode("paused");
  }

  toggle() {
    return this.mode === "playing" ? this.pause() : this.play();
  }

  /** Back to the start: a playing show plays on from there. */
  restart() {
    if (!this.show) return;
    const playing = this.mode === "playing";
    this.standBy("ready");
    if (playing) this.startAt(0);
  }

  /** Jump to time t: a playing show plays on from there, a paused one shows t and waits. */
  seekTo(time) {
    if (!this.show || this.mode === "loading" || this.mode === "countdown") return;
    const t = Math.min(Math.max(Number(time), 0), this.show.total);
    this.at = t;
    this.render(t);
    if (this.mode === "playing" && !this.held) this.startAt(t);
    else if (this.mode === "playing") this.tones.reset(t);
    else if (this.mode !== "paused") this.setMode(t >= this.show.total ? "finished" : "ready");
  }

  hold() {
    if (this.mode !== "playing") return;
    this.at = this.timeAt(performance.now());
    this.held = true;
    this.tones.reset(this.at);
  }

  release() {
    if (!this.held) return;
    this.held = false;
    if (this.mode === "playing") this.startAt(this.at);
  }

  /** Stop for good (the widget's view is gone): no more frames, no more tones, no window listeners. */
  dispose() {
    this.pause();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.tones.reset(this.at);
    this.seek.dispose();
    this.resized.disconnect();
  }
}
