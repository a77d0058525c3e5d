// The ThreeRuns widget: the three-runs page's stage, timeline reader and tone player, driven by a small clock of
// our own. The timeline comes from the kernel (the same JSON as /api/three-runs); every frame asks it where
// everything is at time t, so a slow frame never stretches the show.

import { stateAt } from "../three-runs/show.js";
import { TonePlayer } from "../three-runs/sound.js";
import { Stage } from "../three-runs/stage.js";
import { connect, getJSON } from "./api.js";
import { KERNEL_SLOW, kernelTransport, patiently, pendingAction, serial } from "./kernel.js";
import { pageSection } from "./markup.js";

const PAGE_ONLY = ["[data-settings]", "[data-action=record]", ".help"]; // the page's form, Record mode, its help

function markup(root, html) {
  const options = { page: "three-runs", selector: "#three-runs", pageOnly: PAGE_ONLY, label: "Three runs" };
  const section = pageSection(root, html, options);
  for (const node of [section, ...section.querySelectorAll("[id]")]) node.removeAttribute("id");
  return section;
}

const clockText = (s) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;

class Player {
  constructor(section) {
    this.section = section;
    this.tones = new TonePlayer();
    this.show = null;
    this.stage = null;
    this.mode = "loading";
    this.origin = 0;
    this.at = 0;
    this.frame = 0;
    this.tick = this.tick.bind(this);
  }

  $(selector) {
    return this.section.querySelector(selector);
  }

  load(show) {
    this.stop();
    this.show = show;
    this.stage = new Stage(this.$("[data-stage]"), show);
    this.at = 0;
    this.tones.reset(0);
    this.render(0);
    this.setMode("ready");
  }

  setMode(mode) {
    this.mode = mode;
    this.section.dataset.state = mode;
    const play = this.$("[data-action=play]");
    play.textContent = mode === "playing" ? "Pause" : mode === "paused" ? "Resume" : "Play";
    play.setAttribute("aria-pressed", String(mode === "playing"));
  }

  now() {
    return this.mode === "playing" ? (performance.now() - this.origin) / 1000 : this.at;
  }

  render(t) {
    this.stage.draw(stateAt(this.show, t));
    this.$("[data-out=time]").textContent = `${clockText(Math.min(t, this.show.total))} / ${clockText(this.show.total)}`;
  }

  tick() {
    this.frame = 0;
    if (this.mode !== "playing") return;
    const t = this.now();
    this.render(t);
    this.tones.schedule(this.show, t);
    if (t >= this.show.total) {
      this.at = this.show.total;
      this.setMode("finished");
      this.$("[data-live]").textContent = "The runs are over: the summary shows each speed's verdict.";
      return;
    }
    this.frame = requestAnimationFrame(this.tick);
  }

  startAt(t) {
    this.origin = performance.now() - t * 1000;
    this.tones.reset(t);
    this.setMode("playing");
    if (!this.frame) this.frame = requestAnimationFrame(this.tick);
  }

  /** Play from the start (or resume); browsers allow sound after the first click or key press on the page. */
  async play() {
    if (!this.show) return;
    await this.tones.unlock();
    this.startAt(this.mode === "paused" ? this.at : 0);
  }

  pause() {
    if (this.mode !== "playing") return;
    this.at = this.now();
    this.tones.reset(this.at);
    this.setMode("paused");
  }

  toggle() {
    return this.mode === "playing" ? this.pause() : this.play();
  }

  restart() {
    this.at = 0;
    this.tones.reset(0);
    this.render(0);
    if (this.mode === "playing") this.startAt(0);
    else this.setMode("ready");
  }

  stop() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.show) this.tones.reset(this.at);
  }
}

export function mount({ model, root, html }) {
  const transport = kernelTransport(model);
  connect(transport);
  const section = markup(root, html);
  const player = new Player(section);
  const notice = section.querySelector("[data-notice]");
  const showProblem = (error) => {
    notice.textContent = error ? error.message || String(error) : "";
    notice.hidden = !error;
  };
  const then = serial(showProblem);
  const load = () =>
    then(async () => {
      const slow = () => showProblem(new Error(KERNEL_SLOW));
      player.load(await patiently(getJSON("/api/three-runs", model.get("settings")), slow));
      showProblem(null);
    });
  const actions = { play: () => player.play(), pause: () => player.pause(), restart: () => player.restart() };

  section.querySelector("[data-action=play]").addEventListener("click", () => player.toggle());
  section.querySelector("[data-action=restart]").addEventListener("click", () => player.restart());
  section.querySelector("[data-action=mute]").addEventListener("click", (event) => {
    const muted = event.currentTarget.getAttribute("aria-pressed") !== "true";
    event.currentTarget.setAttribute("aria-pressed", String(muted));
    player.tones.setMuted(muted);
  });
  const onAction = pendingAction(model, (name) => actions[name] && then(actions[name]));
  model.on("change:settings", load);
  model.on("change:_action", onAction);
  load();
  onAction();
  return () => {
    model.off("change:settings", load);
    model.off("change:_action", onAction);
    transport.close();
    player.pause();
    player.stop();
  };
}
