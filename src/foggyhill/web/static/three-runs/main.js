// The three-runs page: fetch the timeline for the settings in the URL, then play it hands-free. Every animation
// frame reads the clock and asks the timeline where everything is (drift-free: a slow frame never stretches a
// take). Record mode hides everything but a fixed 16:9 stage, counts down, then plays the whole sequence.

import { ApiError, getJSON } from "../common/api.js";
import { stateAt } from "./show.js";
import { TonePlayer } from "./sound.js";
import { Stage } from "./stage.js";

const PARAMETERS = ["landscape", "start", "speeds", "steps", "step_budget", "intro", "card", "summary"];
const COUNTDOWN = 3; // seconds of 3, 2, 1 before a recorded take

const root = document.querySelector("#three-runs");
const $ = (selector) => root.querySelector(selector);
const player = new TonePlayer();
const clock = { mode: "loading", origin: 0, at: 0, countFrom: 0 };
let show = null;
let stage = null;
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
  const total = show.total;
  const clockText = (s) => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;
  $("[data-out=time]").textContent = `${clockText(Math.min(t, total))} / ${clockText(total)}`;
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
  setMode("playing");
  if (!frameRequest) frameRequest = requestAnimationFrame(tick);
}

async function play() {
  await player.unlock();
  if (clock.mode === "playing") {
    clock.at = showTime(performance.now());
    player.reset(clock.at);
    setMode("paused");
    return;
  }
  startAt(clock.mode === "paused" ? clock.at : 0);
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
  if (clock.mode === "playing" || clock.mode === "countdown") {
    clock.at = clock.mode === "playing" ? showTime(performance.now()) : 0;
    player.reset(clock.at);
    setMode("paused");
  }
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
  show = timeline;
  stage = new Stage($("[data-stage]"), show);
  fillForm(show.settings);
  clock.at = 0;
  player.reset(0);
  render(0);
  setMode("ready");
}

async function apply(event) {
  event.preventDefault();
  const settings = formSettings();
  try {
    await load(settings);
    writeUrl(settings);
    showProblem(null);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showProblem(error);
    setMode(show ? "ready" : "loading");
  }
}

async function fillLandscapes() {
  const listing = await getJSON("/api/three-runs/schema");
  const select = $("[data-setting=landscape]");
  select.replaceChildren(...listing.landscape.choices.map((name) => new Option(name, name)));
}

async function main() {
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
    // Space on a field types, and on a button presses it: only elsewhere does it mean play or pause
    const typing = event.target instanceof Element && event.target.closest("input, select, textarea, button");
    if (event.key === " " && !typing && !document.body.classList.contains("recording")) {
      event.preventDefault();
      play();
    }
  });
}

main();
