// The three-runs page: fetch the timeline for the settings in the URL, then let the shared player (player.js, also
// the notebook widget's) play it. What is the page's alone lives here: the settings in the address bar and the form,
// Record mode (a fixed 16:9 stage, a countdown, then the whole sequence) and the page's keys.

import { ApiError, api, getJSON } from "../common/api.js";
import { decodeSettings, encodeSettings, pageQuery, toolFields } from "../common/state.js";
import { t } from "../common/words.js";
import { Player } from "./player.js";

const COUNTDOWN = 3; // seconds of 3, 2, 1 before a recorded take

const root = document.querySelector("#three-runs");
const $ = (selector) => root.querySelector(selector);
const player = new Player(root);
let countFrom = 0;
let fields = null; // the show's settings as /api/schema describes them ("three-runs")

/** The show's settings in `search` that differ from the defaults, as the API takes them; other names are not the
 * show's and are let be. */
function given(search) {
  const { settings, problems } = decodeSettings(search, null, fields);
  const query = new URLSearchParams(encodeSettings(settings, null, fields));
  return { settings: Object.fromEntries(query), problems: problems.filter((p) => p.field in fields) };
}

function writeUrl(settings) {
  const query = encodeSettings(decodeSettings(new URLSearchParams(settings), null, fields).settings, null, fields);
  window.history.replaceState(null, "", `${window.location.pathname}${pageQuery(query)}`);
}

/** The countdown's frames: 3, 2, 1 on the stage, then the take, beginning exactly when the countdown ends. */
function countdown(now) {
  if (player.mode !== "countdown") return;
  const left = COUNTDOWN - (now - countFrom) / 1000;
  if (left > 0) {
    player.stage.setCountdown(Math.ceil(left));
    requestAnimationFrame(countdown);
    return;
  }
  player.stage.setCountdown(null);
  player.startAt(0, countFrom + COUNTDOWN * 1000);
}

async function record() {
  await player.tones.unlock();
  document.body.classList.add("recording");
  player.relayout();
  player.standBy("countdown");
  countFrom = performance.now();
  requestAnimationFrame(countdown);
}

function leaveRecording() {
  if (!document.body.classList.contains("recording")) return;
  document.body.classList.remove("recording");
  player.relayout();
  player.stage.setCountdown(null);
  if (player.mode === "playing") player.pause();
  else if (player.mode === "countdown") player.restart();
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
  const { settings } = given(window.location.search);
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
  player.setMode("loading");
  const timeline = await getJSON("/api/three-runs", settings);
  player.load(timeline);
  fillForm(timeline.settings);
}

async function apply(event) {
  event.preventDefault();
  player.pause(); // first: settings that are refused leave the show where it was
  const settings = formSettings();
  try {
    await load(settings);
    writeUrl(settings);
    showProblem(null);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    showProblem(error);
    player.setMode(!player.show ? "loading" : player.at > 0 ? "paused" : "ready");
  }
}

/** The curve picker: each choice by its title in the page's language, its name in the link. */
function fillLandscapes(landscapes) {
  const titles = Object.fromEntries(landscapes.map((land) => [land.name, land.title]));
  const select = $("[data-setting=landscape]");
  select.replaceChildren(...fields.landscape.choices.map((name) => new Option(titles[name] ?? name, name)));
}

/** A link's settings refused (here or by the server): say which and why, and show the defaults. */
async function refuseLink(problem) {
  const message = t("The link's settings were refused ({reason}); showing the defaults.", { reason: problem.message });
  showProblem({ ...problem, message });
  await load({});
}

async function main() {
  // the server translates the page's words, but not inside an <svg>: the stage's name is said here
  $("[data-stage]").setAttribute("aria-label", t("The loss curve, the ball and a loss chart for each run"));
  const [schema, { landscapes }] = await Promise.all([api.schema(), api.landscapes()]);
  fields = toolFields(schema, "three-runs");
  fillLandscapes(landscapes);
  const { settings, problems } = given(window.location.search);
  if (problems.length) {
    await refuseLink(problems[0]);
  } else {
    try {
      await load(settings);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await refuseLink(error);
    }
  }
  $("[data-action=record]").addEventListener("click", record);
  $("[data-settings]").addEventListener("submit", apply);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") leaveRecording();
    // Space on a field types, and on a button presses it: elsewhere (the seek bar too) it means play or pause
    const typing =
      event.target instanceof Element && event.target.closest("input:not([type=range]), select, textarea, button");
    if (event.key === " " && !typing && !document.body.classList.contains("recording")) {
      event.preventDefault();
      player.toggle();
    }
  });
}

main();
