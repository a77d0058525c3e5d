// The surfaces page: read the settings from the link (through state.js and the schema's "surfaces" tool), build the
// map, the 3-D view, the words and the controls, and keep them in step with the controller.

import { getJSON } from "../common/api.js";
import { numberText } from "../common/format.js";
import { renderQuiz } from "../common/quiz.js";
import { decodeSettings, defaults, encodeSettings, pageQuery, toolFields } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { t } from "../common/words.js";
import { ContourMap } from "./contour.js";
import { SLIDER, SurfaceControls, sliderPosition } from "./controls.js";
import { SurfaceController } from "./controller.js";
import { headingTo, parseStart, sameScale, startText } from "./geometry.js";
import { FITS, LemonadePanel } from "./lemonade.js";
import { lossScale } from "./levels.js";
import { SurfaceView } from "./mesh.js";
import { QUESTIONS } from "./questions.js";
import { Race } from "./race.js";
import { pathTo } from "./run.js";
import { SurfaceText } from "./view.js";
import { SurfaceZones, pointText } from "./zones.js";

const $ = (selector) => document.querySelector(selector);
const TURN = { left: [-15, 0], right: [15, 0], up: [0, 8], down: [0, -8] };
const NEWTON_TITLE = t("Newton's method");

/** The query string for `settings`: what differs from the defaults; a typed formula stands for the surface. */
export function settingsQuery(settings, fields, race = false) {
  const landscape = settings.formula ? null : settings.landscape;
  return encodeSettings({ ...settings, landscape, race: race ? "on" : "off" }, null, fields);
}

/** The link's settings split in two: the run's, and whether the race is on (the page's own, not the engine's). */
export function splitRace({ race, ...settings }) {
  return { settings, race: race === "on" };
}

class SurfacesPage {
  constructor(schema, surfaces) {
    this.fields = toolFields(schema, "surfaces");
    this.root = $("#try-it");
    this.notice = $("[data-url-notice]");
    this.steep = false;
    this.shownSurface = null;
    this.map = new ContourMap($("[data-map]"), {
      onPick: (w) => this.controls.pick(startText(this.sim.surface.window, w[0], w[1])),
      onHover: (at) => this.hover(at),
    });
    this.mesh = new SurfaceView($("[data-mesh]"));
    this.lemonade = new LemonadePanel($("[data-lemonade]"));
    this.text = new SurfaceText(this.root);
    this.zones = new SurfaceZones(this.root, sliderPosition, { min: SLIDER.min, max: SLIDER.max });
    this.sim = new SurfaceController({ onChange: (sim) => this.changed(sim), onFrame: (sim, at) => this.drawAt(at) });
    const titles = { ...Object.fromEntries(Object.entries(schema.conventions?.optimizers || {})
      .map(([name, c]) => [name, c.title || name])), newton: NEWTON_TITLE };
    this.titles = titles;
    this.controls = new SurfaceControls(this.root, {
      sim: this.sim,
      fields: this.fields,
      surfaces,
      titles,
      carryOn: true,
      onError: (error) => this.say(error ? error.message || String(error) : ""),
      onSteep: (on) => {
        this.steep = on;
        this.changed(this.sim);
      },
    });
    this.race = new Race($("[data-race]"), titles, $("[data-race-note]"));
    this.raceToggle = $("[data-race-toggle]");
    this.raceToggle.addEventListener("change", () => this.setRace(this.raceToggle.checked));
    for (const button of document.querySelectorAll("[data-turn]")) {
      button.addEventListener("click", () => this.mesh.turn(...TURN[button.dataset.turn]));
    }
    watchSize(this.map.canvas, (w, h) => this.map.resize(w, h));
    watchSize(this.mesh.canvas, (w, h) => this.mesh.resize(w, h));
    watchSize(this.lemonade.canvas, (w, h) => this.lemonade.resize(w, h));
    watchSize($("[data-colour-bar]"), () => this.scale && this.text.colourBar(this.scale));
  }

  /** Race every other update rule from the same start, or stop the race. */
  setRace(on) {
    this.race.on = on;
    this.raceToggle.checked = on;
    if (!on) {
      this.race.clear();
      this.sim.horizon = null;
    }
    if (this.sim.settings) this.changed(this.sim);
  }

  say(message) {
    this.notice.textContent = message;
    this.notice.hidden = !message;
  }

  /** The dip the ball is heading to, from where it is and the slope under it. */
  dipAhead(sim) {
    if (!sim.run) return null;
    const s = sim.current;
    return headingTo(sim.surface, s.w, s.slope);
  }

  /** After every step or change: new surface pictures if the surface changed, then the words, zones and link. */
  changed(sim) {
    if (sim.surface && sim.surface !== this.shownSurface && sim.run) {
      this.shownSurface = sim.surface;
      this.scale = lossScale(sim.surface.grid.loss);
      this.map.setSurface(sim.surface, this.scale);
      this.mesh.setSurface(sim.surface, this.scale);
      this.lemonade.setKind(sim.settings && !sim.settings.formula ? FITS[sim.surface.name] ?? null : null);
      this.text.colourBar(this.scale);
    }
    if (!sim.settings) {
      this.text.update(sim, {});
      return;
    }
    this.syncRace(sim);
    const dip = this.dipAhead(sim);
    this.text.update(sim, { dip, steep: this.steep, sameScale: sameScale(sim.surface.window) });
    this.zones.update(dip, sim.settings.speed, { ...sim.settings, title: this.titles[sim.settings.optimizer] });
    this.controls.sync(sim.settings, sim.start);
    const query = pageQuery(settingsQuery(sim.settings, this.fields, this.race.on));
    const url = `${window.location.pathname}${query}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, "", url);
    }
    if (!sim.glide) this.drawAt(sim.flown ? null : sim.ballNow());
  }

  /** Keep the race in step: fetch the other rules' runs for new settings, and show where each one is. */
  syncRace(sim) {
    if (!this.race.on || sim.loading || !sim.run) return;
    if (this.race.key !== Race.key(sim)) {
      sim.horizon = null;
      this.race.runs = [];
      this.race.load(sim, this.fields.optimizer.choices).then((fresh) => {
        if (!fresh) return;
        sim.horizon = this.race.horizon();
        this.changed(sim);
      }, (error) => this.say(error.message || String(error)));
    }
    this.race.legend(sim.index, sim.settings.optimizer);
  }

  /** Draw both pictures with the ball at `at` ({w, loss}, between steps while it glides; null once it flew off). */
  drawAt(at) {
    const sim = this.sim;
    if (!sim.run || !this.shownSurface) return;
    const gliding = Boolean(sim.glide);
    const steps = pathTo(sim.run, gliding ? Math.max(0, sim.index - 1) : sim.index);
    const upTo = gliding && sim.glide.to.w === steps[steps.length - 1].w ? steps.slice(0, -1) : steps;
    const flew = sim.flown ? leaving(sim.run.steps, sim.surface.window) : null;
    const dip = this.steep ? this.dipAhead(sim) : null;
    this.map.draw({
      index: sim.index,
      path: upTo.map((s) => s.w),
      ball: at,
      slope: sim.flown ? null : sim.current.slope,
      moving: gliding,
      steepAt: dip,
      flew,
      race: this.race.on ? this.race.paths(sim.index) : null,
    });
    this.mesh.draw({ path: upTo, ball: at, race: this.race.on ? this.race.paths(sim.index) : null });
    this.lemonade.draw(at ? at.w : sim.current.w);
  }

  hover(at) {
    const node = $("[data-hover]");
    const here = at && { point: pointText(at.w), loss: numberText(at.loss) };
    node.textContent = at ? t("Pointer at {point}: loss {loss}. Click to start there.", here) : "";
  }
}

/** Where a ball that flew off was last seen on the map, and which way it went from there. */
export function leaving(steps, win) {
  const inside = (w) => w[0] >= win.w1[0] && w[0] <= win.w1[1] && w[1] >= win.w2[0] && w[1] <= win.w2[1];
  let k = steps.length - 1;
  while (k > 0 && !inside(steps[k].w)) k -= 1;
  const next = steps[k + 1];
  const toward = next ? [next.w[0] - steps[k].w[0], next.w[1] - steps[k].w[1]] : steps[k].slope.map((v) => -v);
  return { from: steps[k].w, toward };
}

async function main() {
  const [schema, { surfaces }] = await Promise.all([getJSON("/api/schema"), getJSON("/api/surfaces")]);
  const page = new SurfacesPage(schema, surfaces);
  const decoded = decodeSettings(window.location.search, schema, page.fields);
  const { problems } = decoded;
  const { settings, race } = splitRace(decoded.settings);
  page.setRace(race);
  if (settings.start && !parseStart(settings.start)) {
    problems.push({ message: t("start must be two numbers, w1,w2 (got '{start}')", { start: settings.start }) });
    settings.start = null;
  }
  try {
    await page.sim.apply(settings);
    const reasons = problems.map((p) => p.message).join("; ");
    if (problems.length) page.say(t("Part of the link was left out: {reasons}.", { reasons }));
  } catch (error) {
    // A link the engine refuses still opens the page, on the defaults, saying why.
    await page.sim.apply(splitRace(defaults(schema, page.fields)).settings);
    page.say(t("Part of the link was left out: {reasons}", { reasons: error.message || error }));
  }
  renderQuiz($("[data-quiz]"), QUESTIONS, async (demo) => {
    const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
    $(".surfaces-grid").scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "start" });
    page.say("");
    const start = splitRace(defaults(schema, page.fields)).settings;
    await page.sim.apply({ ...start, ...demo.settings }).catch((e) => page.say(e.message));
    page.sim.toggleRoll();
    // Keyboard users land on the button that pauses the demonstration.
    $('[data-action="roll"]').focus({ preventScroll: true });
  });
  document.body.dataset.ready = "";
}

main().catch((error) => {
  const notice = $("[data-url-notice]");
  notice.textContent = t("The simulation could not start: {reason}", { reason: error.message || error });
  notice.hidden = false;
});
