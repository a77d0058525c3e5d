// The three-runs page: fetch the timeline for the settings in the URL, then play it hands-free. Every animation
// frame reads the clock and asks the timeline where everything is (drift-free: a slow frame never stretches a
// take). The seek bar jumps to any time t, playing or not: the stage is stateAt(t) either way. Record mode hides
// everything but a fixed 16:9 stage, counts down, then plays the whole sequence.

import { ApiError, getJSON } from "../common/api.js";
import { SeekBar, clockText } from "./seek.js";
import { stateAt } from "./show.js";
import { TonePlayer } from "./sound.js";
import { Stage } from "./stage.js";

const PARAMETERS = ["landscape", "start", "speeds", "steps", "step_budget", "intro", "card", "summary"];
const COUNTDOWN = 3; // seconds of 3, 2, 1 before a recorded take

const root = document.querySelector("#three-runs");
const $ = (selector) => root.querySelector(selector);
const player = new TonePlayer();
// `held`: a pointer holds the seek bar's thumb, so the show's time stands still at `at` until it lets go
const clock = { mode: "loading", origin: 0, at: 0, countFrom: 0, held: false };
let show = null;
let stage = null;
let seek = null;
let frameRequest = 0;

/** The show's settings in the address bar, as given (the server checks them). */
function urlSettings() {
  const params = new URLSearchParams(window.location.search);
  const settings = {};
  for (const name of PARAMETERS) if (params.has(name)) settings[name] = params.get(name);
  return settings;
}

function writeUrl(settings) {
  const params = new URLSearchParams();
  for (const name of PARAMETERS) if (settings[name] !== undefined && settings[name] !== "") params.set(name, settings[name]);
  const text = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${text ? `?${text}` : ""}`);
}

function setMode(mode) {
  clock.mode = mode;
  root.dataset.state = mode;
  const play = $("[data-action=play]");
  play.textContent = mode === "playing" ? "Pause" : mode === "paused" ? "Resume" : "Play";
  play.setAttribute("aria-pressed", String(mode === "playing"));
}

function showTime(now) {
  return clock.mode === "playing" ? (now - clock.origin) / 1000 : clock.at;
}

function render(t) {
  const state = stateAt(show, t);
  stage.draw(state);
  seek.update(state.t, state);
  root.dataset.time = String(state.t); // the exact show time on screen (the range input keeps only 15 digits)
  $("[data-out=time]").textContent = `${clockText(state.t)} / ${clockText(show.total)}`;
  return state;
}

function tick(now) {
  frameRequest = 0;
  if (clock.mode === "countdown") {
    const left = COUNTDOWN - (now - clock.countFrom) / 1000;
    if (left > 0) {
      stage.setCountdown(Math.ceil(left));
      frameRequest = requestAnimationFrame(tick);
      return;
    }
    stage.setCountdown(null);
    startAt(0, clock.countFrom + COUNTDOWN * 1000); // the take begins exactly when the countdown ends
  }
  if (clock.mode !== "playing") return;
  if (clock.held) {
    clock.origin = now - clock.at * 1000; // time stands still under the pointer; the tones wait too
    frameRequest = requestAnimationFrame(tick);
    return;
  }
  const t = showTime(now);
  render(t);
  player.schedule(show, t);
  root.dataset.tones = String(player.played.length);
  if (t >= show.total) {
    clock.at = show.total;
    setMode("finished");
    announce("The three runs are over: the summary shows each speed's verdict.");
    return;
  }
  frameRequest = requestAnimationFrame(tick);
}

function startAt(t, now = performance.now()) {
  clock.origin = now - t * 1000;
  player.reset(t);
  player.schedule(show, t); // now, not on the next frame: a tone under way at t joins exactly where t has it
  setMode("playing");
  if (!frameRequest) frameRequest = requestAnimationFrame(tick);
}

function pause() {
  clock.at = clock.held ? clock.at : showTime(performance.now());
  player.reset(clock.at);
  render(clock.at); // the paused picture is exactly the paused time, not the last frame before it
  setMode("paused");
}

async function play() {
  await player.unlock();
  if (clock.mode === "playing") {
    pause();
    return;
  }
  startAt(clock.mode === "finished" ? 0 : clock.at); // ready or paused: from where the seek bar stands
}

async function record() {
  await player.unlock();
  document.body.classList.add("recording");
  clock.at = 0;
  render(0);
  player.reset(0);
  clock.countFrom = performance.now();
  setMode("countdown");
  if (!frameRequest) frameRequest = requestAnimationFrame(tick);
}

function leaveRecording() {
  if (!document.body.classList.contains("recording")) return;
  document.body.classList.remove("recording");
  stage.setCountdown(null);
  if (clock.mode === "playing") pause();
  else if (clock.mode === "countdown") restart();
}

/** Jump to time t: a playing show plays on from there, a paused one shows t and waits. */
function seekTo(time) {
  if (!show || clock.mode === "loading" || clock.mode === "countdown") return;
  const t = Math.min(Math.max(time, 0), show.total);
  clock.at = t;
  render(t);
  if (clock.mode === "playing" && !clock.held) startAt(t);
  else if (clock.mode === "playing") player.reset(t);
  else if (clock.mode !== "paused") setMode(t >= show.total ? "finished" : "ready");
}

function holdSeek() {
  if (clock.mode !== "playing") return;
  clock.at = showTime(performance.now());
  clock.held = true;
  player.reset(clock.at);
}

function releaseSeek() {
  if (!clock.held) return;
  clock.held = false;
  if (clock.mode === "playing") startAt(clock.at);
}

function restart() {
  clock.at = 0;
  player.reset(0);
  render(0);
  if (clock.mode === "playing") startAt(0);
  else setMode("ready");
}

function announce(text) {
  $("[data-live]").textContent = text;
}

/** Fill the form from the timeline's settings (what the server actually used). */
function fillForm(settings) {
  $("[data-setting=speeds]").value = settings.speeds.join(", ");
  $("[data-setting=start]").value = settings.start ?? "";
  $("[data-setting=landscape]").value = settings.landscape;
  $("[data-setting=step_budget]").value = settings.step_budget;
  $("[data-setting=steps]").value = settings.steps;
}

function formSettings() {
  const settings = urlSettings();
  for (const input of root.querySelectorAll("[data-setting]")) {
    const value = input.value.trim();
    settings[input.dataset.setting] = input.dataset.setting === "speeds" ? value.replace(/\s+/g, "") : value;
  }
  return settings;
}

function showProblem(error) {
  const notice = $("[data-notice]");
  for (const input of root.querySelectorAll("[data-setting]")) input.removeAttribute("aria-invalid");
  if (!error) {
    notice.hidden = true;
    return;
  }
  notice.textContent = error.message;
  notice.hidden = false;
  const field = error.field === "speed" ? "speeds" : error.field;
  const input = field && root.querySelector(`[data-setting="${field}"]`);
  if (input) input.setAttribute("aria-invalid", "true");
}

/** Fetch the timeline for `settings` and set the stage up at t = 0. */
async function load(settings) {
  setMode("loading");
  const timeline = await getJSON("/api/three-runs", settings);
  cancelAnimationFrame(frameRequest);
  frameRequest = 0;
  clock.held = false;
  show = timeline;
  stage = new Stage($("[data-stage]"), show);
  seek.load(show);
  fillForm(show.settings);
  clock.at = 0;
  player.reset(0);
  render(0);
  setMode("ready");
}

async function apply(event) {
  event.preventDefault();
  if (clock.mode === "playing") pause(); // first: settings that are refused leave the show where it was
  const settings = formSettings();
  try {
    await load(settings);
    writeUrl(settings);
    showProblem(null);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showProblem(error);
    setMode(!show ? "loading" : clock.at > 0 ? "paused" : "ready");
  }
}

async function fillLandscapes() {
  const listing = await getJSON("/api/three-runs/schema");
  const select = $("[data-setting=landscape]");
  select.replaceChildren(...listing.landscape.choices.map((name) => new Option(name, name)));
}

async function main() {
  seek = new SeekBar($("[data-seek]"), { onSeek: seekTo, onHold: holdSeek, onRelease: releaseSeek });
  await fillLandscapes();
  try {
    await load(urlSettings());
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showProblem({ ...error, message: `The link's settings were refused (${error.message}); showing the defaults.` });
    await load({});
  }
  $("[data-action=play]").addEventListener("click", play);
  $("[data-action=restart]").addEventListener("click", restart);
  $("[data-action=record]").addEventListener("click", record);
  $("[data-action=mute]").addEventListener("click", (event) => {
    const muted = event.currentTarget.getAttribute("aria-pressed") !== "true";
    event.currentTarget.setAttribute("aria-pressed", String(muted));
    player.setMuted(muted);
  });
  $("[data-settings]").addEventListener("submit", apply);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") leaveRecording();
    // Space on a field types, and on a button presses it: elsewhere (the seek bar too) it means play or pause
    const typing =
      event.target instanceof Element && event.target.closest("input:not([type=range]), select, textarea, button");
    if (event.key === " " && !typing && !document.body.classList.contains("recording")) {
      event.preventDefault();
      play();
    }
  });
}

main();
