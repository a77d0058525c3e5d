// The gradient descent page: read the settings from the link, build the views, and wire them together.

import { api } from "../common/api.js";
import { EMBEDDED } from "../common/embed.js";
import { StepChart } from "../common/chart.js";
import { CurvePlot } from "../common/curve.js";
import { renderQuiz } from "../common/quiz.js";
import { decodeSettings, defaults, encodeSettings } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { renderTable } from "../common/table.js";
import { t } from "../common/words.js";
import { showSpeedZones } from "../common/zones.js";
import { ChallengeCard, lockedValues, readChallenge, zonesAllowed } from "./challenge.js";
import { Controls, SLIDER, sliderPosition } from "./controls.js";
import { ChallengeMaker } from "./maker.js";
import { RunHistory } from "./history.js";
import { QUESTIONS } from "./questions.js";
import { DescentController } from "./sim.js";
import { SimView } from "./view.js";

const $ = (selector) => document.querySelector(selector);

async function main() {
  const [schema, { landscapes }] = await Promise.all([api.schema(), api.landscapes()]);
  const root = $("#try-it");
  const plot = new CurvePlot($("[data-plot]"));
  const chart = new StepChart($("[data-chart]"));
  const view = new SimView(root, { plot, chart });
  const notice = $("[data-url-notice]");
  const showProblem = (message) => {
    notice.textContent = message;
    notice.hidden = !message;
  };
  const link = readChallenge(window.location.search, schema);
  const card = new ChallengeCard($("[data-challenge]"), link);
  let maker = null;
  let controls = null;
  let history = null;
  let peekKey = null;
  let recorded = null;

  const sim = new DescentController({
    schema,
    plot,
    onChange(s) {
      view.update(s);
      card.update(s);
      if (maker) maker.update();
      if (controls && s.settings) controls.sync(s.settings, s.landscape);
      if (s.decided && s.wholeRun && history && s.trajectory !== recorded) {
        recorded = s.trajectory;
        history.record(runEntry(s, schema));
      }
      const key = s.settings && (s.settings.formula || s.settings.landscape);
      if (key && key !== peekKey && s.landscape) {
        peekKey = key;
        showPeek(s.settings, s.landscape).catch(peekProblem);
      }
    },
  });

  const reportError = (error) => showProblem(error ? error.message || String(error) : "");
  controls = new Controls(root, { sim, schema, landscapes, onError: reportError });
  maker = new ChallengeMaker($("[data-maker]"), { sim, schema, link });
  $("[data-worksheet]").addEventListener("click", () => window.print());

  const restore = async (settings) => {
    showProblem("");
    await sim.apply(settings).catch(reportError);
  };
  history = new RunHistory($("[data-runs]"), $("[data-runs-empty]"), (query) =>
    restore(decodeSettings(query, schema).settings),
  );

  renderQuiz($("[data-quiz]"), QUESTIONS, async (demo) => {
    const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
    $(".sim-grid").scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "start" });
    await restore({ ...defaults(schema), ...demo.settings });
    sim.toggleRoll();
    // Keyboard users land on the button that pauses the demonstration.
    $('[data-action="roll"]').focus({ preventScroll: true });
  });

  const { settings, problems } = decodeSettings(window.location.search, schema);
  const left = [...problems.map((p) => p.message), ...link.problems];
  if (left.length) showProblem(t("Part of the link was left out: {problems}.", { problems: left.join("; ") }));
  sim.locked = lockedValues(link.locks, settings);
  if (link.challenge) sim.challengeParams = { challenge: link.challenge.kind, goal: link.challenge.goal };
  controls.lock(link.locks, "challenge-locks");
  // A learner who follows a teacher's link starts at the task, not at the top of the lesson.
  if ((link.challenge || link.note) && !EMBEDDED) $("[data-challenge]").scrollIntoView({ block: "start" });
  try {
    await sim.apply(settings);
  } catch (error) {
    // A link whose formula no longer parses still opens the page, on the default curve, saying why.
    reportError(error);
    await sim.apply({ ...settings, formula: null }).catch(reportError);
  }

  watchSize(plot.svg, (w, h) => {
    plot.resize(w, h);
    sim.redraw();
  });
  watchSize(chart.svg, (w, h) => chart.resize(w, h));
  if (zonesAllowed(link.challenge)) showSpeedZones(root, sim, sliderPosition, { min: SLIDER.min, max: SLIDER.max });
}

/** The peek table's place says why there is no table (the simulation itself may still work). */
function peekProblem(error) {
  const caption = document.createElement("caption");
  caption.textContent = t("No table for this curve: {problem}.", { problem: error.message || error });
  $("[data-peek-table]").replaceChildren(caption);
}

function runEntry(sim, schema) {
  const { settings, landscape, trajectory } = sim;
  return {
    query: encodeSettings({ ...settings, start: settings.start ?? landscape.start }, schema),
    title: settings.formula ? t("loss = {formula}", { formula: settings.formula }) : landscape.title,
    start: trajectory.steps[0].w,
    speed: settings.speed,
    noise: settings.noise,
    schedule: settings.schedule,
    optimizer: settings.optimizer,
    kind: trajectory.verdict.kind,
    headline: trajectory.verdict.headline,
  };
}

async function showPeek(settings, landscape) {
  // A typed formula may be undefined at the default start, so the table asks with the ball's own start.
  const params = settings.formula
    ? { formula: settings.formula, start: settings.start ?? landscape.start }
    : { landscape: settings.landscape };
  const { rows } = await api.peek(params);
  const lowest = Math.min(...rows.map((r) => (Number.isFinite(r.loss) ? r.loss : Infinity)));
  const columns = [
    { key: "w", label: t("setting w") },
    { key: "loss", label: t("loss") },
  ];
  const about = { count: rows.length, title: landscape.title };
  const caption = t("The loss at {count} settings on the {title} curve", about);
  renderTable($("[data-peek-table]"), rows, columns, { mark: (row) => row.loss === lowest, caption });
  $("[data-peek-title]").textContent = t("{title} curve", { title: landscape.title });
}

main().catch((error) => {
  const notice = $("[data-url-notice]");
  notice.textContent = t("The simulation could not start: {problem}", { problem: error.message || error });
  notice.hidden = false;
});
