// The Studio page: pick or write a program, Run it on the server, watch the output and the chart live, Stop it.
// The program (and uploaded CSV files) stay in this browser's localStorage, so a reload loses nothing.

import { getJSON } from "../common/api.js";
import { el } from "../common/dom.js";
import { embedQueryFrom } from "../common/embed.js";
import { pageQuery } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { LANGUAGE, num, t } from "../common/words.js";
import { cardText } from "./card.js";
import { Editor } from "./editor.js";
import { ExportDialog } from "./export.js";
import { Output } from "./output.js";
import { runProgram } from "./runner.js";
import { TrainingChart } from "./trainchart.js";
import { Views } from "./views.js";

const SOURCE_KEY = "foggyhill.studio.source";
const FILES_KEY = "foggyhill.studio.files";
const $ = (selector) => document.querySelector(selector);

const state = { examples: [], limits: null, files: loadFiles(), running: null, startedAt: 0, undo: null };

function loadFiles() {
  try {
    return JSON.parse(localStorage.getItem(FILES_KEY) || "{}");
  } catch {
    return {};
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    setStatus(t("This browser would not keep the program (storage is full or off); copy it somewhere safe."));
  }
}

function setStatus(text, kind = "") {
  const status = $("#status");
  status.textContent = text;
  status.dataset.kind = kind;
}

let saveTimer = 0;
const editor = new Editor($("#editor"), {
  onChange: (text) => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => save(SOURCE_KEY, text), 250);
    scheduleCheck();
  },
});

// Checking while typing: after a short pause the server parses and checks the program (nothing trains) and the
// first mistake is marked where it is, before the learner presses Run.
let checkTimer = 0;
let checking = null;

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkNow, 600);
}

async function checkNow() {
  if (state.running) return;
  if (checking) checking.abort();
  checking = new AbortController();
  const source = editor.value;
  try {
    const response = await fetch(`/api/studio/check?lang=${LANGUAGE}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ source, files: state.files }),
      signal: checking.signal,
    });
    if (!response.ok) return;
    const answer = await response.json();
    if (editor.value === source && !state.running) showLive(answer.error);
  } catch {
    // Aborted by newer typing, or the server is away: say nothing while the learner types.
  }
}

function showLive(error) {
  const live = $("#live");
  live.hidden = !error;
  if (!error) live.textContent = "";
  else if (error.hint) live.textContent = t("Line {line}, column {column}: {message}. Hint: {hint}", error);
  else live.textContent = t("Line {line}, column {column}: {message}", error);
  editor.markError(error || null);
}
const chart = new TrainingChart($("#chart"), $("#chart-caption"));
const output = new Output($("#output"));
watchSize($("#chart-box"), (w, h) => chart.resize(w, h));
const views = new Views($("#views"), { onPick: pickWeight });
const python = new ExportDialog($("#python-dialog"), () => ({ source: editor.value, files: state.files }));

function openExample(name, { remember = true } = {}) {
  const example = state.examples.find((e) => e.name === name);
  if (!example) return false;
  if (remember && editor.value.trim() && editor.value !== example.source) state.undo = editor.value;
  editor.value = example.source;
  save(SOURCE_KEY, example.source);
  showLive(null);
  $("#undo").hidden = !state.undo;
  setStatus(t("Opened the {title} example. {about}", example));
  return true;
}

/** The example the editor holds unchanged, if any: what an embedded Studio can open (a link cannot carry a program). */
function exampleShown() {
  return state.examples.find((e) => e.source === editor.value);
}

embedQueryFrom(
  () => (exampleShown() ? `example=${exampleShown().name}` : ""),
  () =>
    exampleShown()
      ? ""
      : t("The frame cannot carry your own program: it opens with the fruits example. Open an example first to embed it."),
);

function fillExamples() {
  const picker = $("#examples");
  for (const e of state.examples) picker.append(el("option", { value: e.name }, e.title));
  picker.addEventListener("change", () => {
    openExample(picker.value);
    picker.value = "";
  });
  $("#undo").addEventListener("click", () => {
    editor.value = state.undo;
    save(SOURCE_KEY, state.undo);
    scheduleCheck();
    state.undo = null;
    $("#undo").hidden = true;
    setStatus(t("Your program is back."));
  });
}

function showFiles() {
  const list = $("#files");
  list.replaceChildren(
    ...Object.keys(state.files).map((name) =>
      el("li", {}, el("code", {}, name), " ", el("button", { type: "button", class: "remove", "aria-label": t("Remove {name}", { name }), onclick: () => removeFile(name) }, "×")),
    ),
  );
}

function removeFile(name) {
  delete state.files[name];
  save(FILES_KEY, JSON.stringify(state.files));
  showFiles();
}

async function uploadFiles(input) {
  const most = state.limits ? state.limits.file_bytes : 1_000_000;
  for (const file of input.files) {
    if (!file.name.toLowerCase().endsWith(".csv")) {
      setStatus(t("{name} is not a .csv file: upload comma-separated text.", { name: file.name }), "bad");
      continue;
    }
    if (file.size > most) {
      const sizes = { name: file.name, size: num(file.size.toLocaleString("en")), most: num(most.toLocaleString("en")) };
      setStatus(t("{name} is {size} bytes; the most allowed is {most}.", sizes), "bad");
      continue;
    }
    state.files[file.name] = await file.text();
    setStatus(t('Uploaded {name}: load it with  data = load "{name}", target: "column"', { name: file.name }));
  }
  input.value = "";
  save(FILES_KEY, JSON.stringify(state.files));
  showFiles();
}

function setRunning(running) {
  $("#run").disabled = running;
  $("#stop").disabled = !running;
  for (const button of $("#look").querySelectorAll("button")) button.disabled = running;
  views.network.setPickable(!running && !$("#look").hidden);
  document.body.classList.toggle("is-running", running);
}

// Page modes: the program run again with one line added at its end (explain_step or plot_weight), so what the page
// shows is what the same line would show in the program; the program in the editor is not changed.

function lookTarget() {
  const drawn = views.network.picture?.network;
  const net = drawn && views.trainedOn.has(drawn) ? drawn : views.lastTrained;
  return { net, data: views.trainedOn.get(net) };
}

function showLook() {
  const { net } = lookTarget();
  $("#look").hidden = !net;
  $("#look [data-net]").textContent = net ?? "";
}

function whole(selector) {
  const value = Number($(selector).value);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

function explainStep() {
  const { net, data } = lookTarget();
  probe(`explain_step ${net}, on: ${data}, row: ${whole("#step-row")}`);
}

function pickWeight(layer, from, to) {
  $("#weight-layer").value = layer;
  $("#weight-from").value = from;
  $("#weight-to").value = to;
  showHill();
}

function showHill() {
  const { net, data } = lookTarget();
  const [layer, from, to] = ["#weight-layer", "#weight-from", "#weight-to"].map(whole);
  probe(`plot_weight ${net}, on: ${data}, layer: ${layer}, weight: [${from}, ${to}]`);
}

async function probe(line) {
  if (state.running) return;
  state.running = new AbortController();
  setRunning(true);
  setStatus(t("Running your program again with  {line}  added at its end (it trains the same way again)…", { line }));
  const source = `${editor.value.trimEnd()}\n${line}\n`;
  const added = source.split("\n").length - 1;  // the added line's number: what it shows, and nothing else
  const onProbe = (event) => {
    views.handleProbe(event, added);
    if (event.line === added && (event.type === "step" || event.type === "weight_curve")) output.show(event);
    if (event.type === "error") {
      output.error(event, null);
      const refused = event.line === added ? t("The added line was refused: {message}", event) : t("Line {line} was refused: {message}", event);
      setStatus(refused, "bad");
    }
    if (event.type === "done") setStatus(t("Done: {line}", { line }), "good");
  };
  try {
    await runProgram(source, state.files, onProbe, state.running.signal);
  } catch (error) {
    setStatus(error.name === "AbortError" ? t("Stopped.") : error.message, error.name === "AbortError" ? "" : "bad");
  } finally {
    state.running = null;
    setRunning(false);
  }
}

function onEvent(event) {
  views.handle(event);
  if (event.type === "round") chart.addRound(event);
  if (event.type === "plot") chart.showPlot(event);
  if (event.type === "error") {
    editor.markError(event);
    output.error(event, () => editor.goToError());
    setStatus(event.line ? t("A mistake on line {line}.", event) : t("The program stopped with a problem."), "bad");
  }
  if (event.type === "done") {
    const seconds = ((performance.now() - state.startedAt) / 1000).toFixed(1);
    setStatus(t("Finished in {seconds} s.", { seconds: num(seconds) }), "good");
    showLook();
  }
  output.show(event);
}

async function run() {
  if (state.running) return;
  save(SOURCE_KEY, editor.value);
  clearTimeout(checkTimer);
  if (checking) checking.abort();
  showLive(null);
  output.clear();
  chart.reset();
  views.reset();
  $("#look").hidden = true;
  state.running = new AbortController();
  state.startedAt = performance.now();
  setRunning(true);
  setStatus(t("Running…"));
  try {
    await runProgram(editor.value, state.files, onEvent, state.running.signal);
  } catch (error) {
    if (error.name === "AbortError") {
      output.add("stopped", t("Stopped. The network keeps what it learned up to here; run again to start over."));
      setStatus(t("Stopped."));
    } else {
      output.error({ message: error.message }, null);
      setStatus(error.message, "bad");
    }
  } finally {
    state.running = null;
    setRunning(false);
  }
}

function stop() {
  if (state.running) state.running.abort();
}

function limitsWords({ max_rounds: rounds, max_layer_size: neurons, max_rows: rows, seconds }) {
  const shown = { rounds, neurons, rows: num(rows.toLocaleString("en")), seconds: num(String(seconds)) };
  return t("Here a program may train up to {rounds} rounds, layers up to {neurons} neurons, data up to {rows} rows, for {seconds} seconds.", shown);
}

async function start() {
  $("#run").addEventListener("click", run);
  $("#stop").addEventListener("click", stop);
  $("#python").addEventListener("click", () => python.open());
  $("#explain").addEventListener("click", explainStep);
  $("#hill").addEventListener("click", showHill);
  $("#look").addEventListener("submit", (e) => e.preventDefault());
  $("#upload").addEventListener("change", (e) => uploadFiles(e.target));
  editor.textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  showFiles();
  $("#card").textContent = cardText();
  try {
    const info = await getJSON("/api/studio/examples");
    state.examples = info.examples;
    state.limits = info.limits;
    $("#limits").textContent = limitsWords(info.limits);
  } catch (error) {
    setStatus(t("Could not load the examples: {message}", error), "bad");
  }
  fillExamples();
  const params = new URLSearchParams(location.search);
  const wanted = params.get("example");
  const stored = localStorage.getItem(SOURCE_KEY);
  const known = wanted && state.examples.some((e) => e.name === wanted);
  if (wanted && !known) {
    const names = state.examples.map((e) => e.name).join(", ");
    const said = { wanted, names };
    setStatus(t("There is no example called “{wanted}”; the examples are {names}.", said), "bad");
    history.replaceState(null, "", location.pathname + pageQuery(""));
  }
  if (known && openExample(wanted, { remember: Boolean(stored) })) {
    if (stored && stored !== editor.value) state.undo = stored;
    $("#undo").hidden = !state.undo;
    // A reload keeps the edited program, not the example.
    history.replaceState(null, "", location.pathname + pageQuery(""));
  } else if (stored !== null) {
    editor.value = stored;
    scheduleCheck();
  } else {
    const status = $("#status").textContent;
    openExample("fruits", { remember: false });
    if (wanted) setStatus(status, "bad");
  }
  setRunning(false);
  document.body.dataset.ready = "true";
}

start();
