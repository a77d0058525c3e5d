// The SurfaceSimulation widget: the surfaces page's simulation (its markup, controller, contour map, 3-D view, words,
// zones and controls), mounted in a notebook output and kept in step with the Python object: settings both ways,
// actions from Python. The page's main.js wires the same pieces to the document and the address bar; here they are
// wired to the widget's shadow root and its model.

import { formatNumber } from "../common/format.js";
import { defaults, toolFields } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { ContourMap } from "../surfaces/contour.js";
import { SLIDER, SurfaceControls, sliderPosition } from "../surfaces/controls.js";
import { SurfaceController } from "../surfaces/controller.js";
import { headingTo, sameScale, startText } from "../surfaces/geometry.js";
import { FITS, LemonadePanel } from "../surfaces/lemonade.js";
import { lossScale } from "../surfaces/levels.js";
import { SurfaceView } from "../surfaces/mesh.js";
import { pathTo } from "../surfaces/run.js";
import { SurfaceText } from "../surfaces/view.js";
import { SurfaceZones, pointText } from "../surfaces/zones.js";
import { api, connect, getJSON } from "./api.js";
import { KERNEL_SLOW, kernelTransport, patiently, pendingAction, serial } from "./kernel.js";
import { pageSection } from "./markup.js";

const SETTINGS = ["landscape", "formula", "start", "speed", "steps", "optimizer", "seed", "noise"];
// Page-only parts: the lesson's intro, the line saying the address bar describes the run (here Python does), and
// the race of update rules, which the page's main.js wires and this widget does not (yet).
const PAGE_ONLY = [".sim-intro", ".panel > p.help", "[data-race]", "label:has([data-race-toggle])"];
const REFERENCES = ["for", "aria-labelledby", "aria-describedby", "aria-controls"];
const TURN = { left: [-15, 0], right: [15, 0], up: [0, 8], down: [0, -8] };
const NEWTON_TITLE = "Newton's method";
const ACTIONS = {
  roll: (sim) => sim.rolling || sim.toggleRoll(),
  pause: (sim) => sim.pause(),
  step: (sim) => sim.step(),
  back: (sim) => sim.back(),
  reset: (sim) => sim.reset(),
};
let widgets = 0;

/** The page's "Try it" section in `root`; ids get a per-view suffix, since a notebook may show several at once. */
function markup(root, html) {
  const section = pageSection(root, html, {
    page: "surfaces",
    selector: "#try-it",
    pageOnly: PAGE_ONLY,
    label: "Surface simulation",
  });
  widgets += 1;
  const suffix = `-s${widgets}-${Math.random().toString(36).slice(2, 6)}`;
  for (const node of [section, ...section.querySelectorAll("[id]")]) if (node.id) node.id += suffix;
  for (const name of REFERENCES) {
    for (const node of section.querySelectorAll(`[${name}]`)) {
      node.setAttribute(name, node.getAttribute(name).split(/\s+/).map((id) => id + suffix).join(" "));
    }
  }
  return section;
}

/** A start as Python holds it ([w1, w2] or null), from the page's "w1,w2" text. */
function startPair(text) {
  if (text === null || text === undefined || text === "") return null;
  if (Array.isArray(text)) return text.map(Number);
  return String(text).split(",").map(Number);
}

/** A start as the page holds it ("w1,w2" or null), from Python's pair. */
function startSetting(pair) {
  return pair ? `${pair[0]},${pair[1]}` : null;
}

/** One setting as Python holds it, for comparing and sending. */
function asModel(name, value) {
  if (name === "start") return startPair(value);
  return value ?? null;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The settings the Python object holds, as the page's controller names them. */
function modelSettings(model) {
  const settings = {};
  for (const name of SETTINGS) settings[name] = model.get(name) ?? null;
  settings.start = startSetting(settings.start);
  return settings;
}

/** Changes that bring the controller to the settings the model holds (empty when they already agree). */
function changesFrom(model, sim) {
  const wanted = modelSettings(model);
  const changes = {};
  for (const name of SETTINGS) {
    if (!same(asModel(name, wanted[name]), asModel(name, sim.settings[name]))) changes[name] = wanted[name];
  }
  return changes;
}

/**
 * Copy to the model (and so to Python) the settings the page changed since it last reported, and only those: a
 * value Python set meanwhile, for a field the page did not touch, is kept and applied next.
 */
function reporter(model) {
  let last = {};
  return (settings) => {
    let changed = false;
    for (const name of SETTINGS) {
      const value = asModel(name, settings[name]);
      if (!same(value, asModel(name, last[name])) && !same(model.get(name) ?? null, value)) {
        model.set(name, value);
        changed = true;
      }
    }
    last = { ...settings };
    if (changed) model.save_changes();
  };
}

/** Where a ball that flew off was last seen on the map, and which way it went (as the page's main.js). */
function leaving(steps, win) {
  const inside = (w) => w[0] >= win.w1[0] && w[0] <= win.w1[1] && w[1] >= win.w2[0] && w[1] <= win.w2[1];
  let k = steps.length - 1;
  while (k > 0 && !inside(steps[k].w)) k -= 1;
  const next = steps[k + 1];
  const toward = next ? [next.w[0] - steps[k].w[0], next.w[1] - steps[k].w[1]] : steps[k].slope.map((v) => -v);
  return { from: steps[k].w, toward };
}

/** The page's pieces on the widget's section: pictures, words, zones and controls, following one controller. */
class SurfaceWidget {
  constructor(section, { schema, surfaces, onError, onSettings }) {
    const q = (selector) => section.querySelector(selector);
    this.q = q;
    this.fields = toolFields(schema, "surfaces");
    this.defaults = defaults(schema, this.fields);
    this.onSettings = onSettings;
    this.steep = false;
    this.shownSurface = null;
    this.map = new ContourMap(q("[data-map]"), {
      onPick: (w) => this.controls.pick(startText(this.sim.surface.window, w[0], w[1])),
      onHover: (at) => this.hover(at),
    });
    this.mesh = new SurfaceView(q("[data-mesh]"));
    this.lemonade = new LemonadePanel(q("[data-lemonade]"));
    this.text = new SurfaceText(section);
    this.zones = new SurfaceZones(section, sliderPosition, { min: SLIDER.min, max: SLIDER.max });
    this.sim = new SurfaceController({ onChange: (sim) => this.changed(sim), onFrame: (sim, at) => this.drawAt(at) });
    const conventions = schema.conventions?.optimizers || {};
    this.titles = {
      ...Object.fromEntries(Object.entries(conventions).map(([name, c]) => [name, c.title || name])),
      newton: NEWTON_TITLE,
    };
    this.controls = new SurfaceControls(section, {
      sim: this.sim,
      fields: this.fields,
      surfaces,
      titles: this.titles,
      onError,
      onSteep: (on) => {
        this.steep = on;
        this.changed(this.sim);
      },
    });
    for (const button of section.querySelectorAll("[data-turn]")) {
      button.addEventListener("click", () => this.mesh.turn(...TURN[button.dataset.turn]));
    }
    this.observers = [
      watchSize(this.map.canvas, (w, h) => this.map.resize(w, h)),
      watchSize(this.mesh.canvas, (w, h) => this.mesh.resize(w, h)),
      watchSize(this.lemonade.canvas, (w, h) => this.lemonade.resize(w, h)),
      watchSize(q("[data-colour-bar]"), () => this.scale && this.text.colourBar(this.scale)),
    ];
  }

  /** After every step or change: new pictures if the surface changed, then the words, zones and Python's copy. */
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
    const dip = this.dipAhead(sim);
    this.text.update(sim, { dip, steep: this.steep, sameScale: sameScale(sim.surface.window) });
    this.zones.update(dip, sim.settings.speed, { ...sim.settings, title: this.titles[sim.settings.optimizer] });
    this.controls.sync(sim.settings, sim.start);
    if (!sim.loading) this.onSettings(sim.settings);
    if (!sim.glide) this.drawAt(sim.flown ? null : sim.ballNow());
  }

  /** The dip the ball is heading to, from where it is and the slope under it. */
  dipAhead(sim) {
    if (!sim.run) return null;
    const s = sim.current;
    return headingTo(sim.surface, s.w, s.slope);
  }

  /** Draw both pictures with the ball at `at` ({w, loss}, between steps while it glides; null once it flew off). */
  drawAt(at) {
    const sim = this.sim;
    if (!sim.run || !this.shownSurface) return;
    const gliding = Boolean(sim.glide);
    const steps = pathTo(sim.run, gliding ? Math.max(0, sim.index - 1) : sim.index);
    const upTo = gliding && sim.glide.to.w === steps[steps.length - 1].w ? steps.slice(0, -1) : steps;
    this.map.draw({
      index: sim.index,
      path: upTo.map((s) => s.w),
      ball: at,
      slope: sim.flown ? null : sim.current.slope,
      moving: gliding,
      steepAt: this.steep ? this.dipAhead(sim) : null,
      flew: sim.flown ? leaving(sim.run.steps, sim.surface.window) : null,
    });
    this.mesh.draw({ path: upTo, ball: at });
    this.lemonade.draw(at ? at.w : sim.current.w);
  }

  hover(at) {
    const words = at ? `Pointer at ${pointText(at.w)}: loss ${formatNumber(at.loss)}. Click to start there.` : "";
    this.q("[data-hover]").textContent = words;
  }

  dispose() {
    this.sim.pause();
    for (const observer of this.observers) observer.disconnect();
  }
}

/** Build the widget on `section` at the model's settings. */
async function build(section, model, onError) {
  const [schema, { surfaces }] = await Promise.all([api.schema(), getJSON("/api/surfaces")]);
  const widget = new SurfaceWidget(section, { schema, surfaces, onError, onSettings: reporter(model) });
  await widget.sim.apply({ ...widget.defaults, ...modelSettings(model) });
  return widget;
}

export function mount({ model, root, html }) {
  const transport = kernelTransport(model);
  connect(transport);
  const section = markup(root, html);
  const notice = section.querySelector("[data-url-notice]");
  const showProblem = (error) => {
    notice.textContent = error ? error.message || String(error) : "";
    notice.hidden = !error;
  };
  // Settings from Python and actions run one after another, so `sim.speed = 0.01; sim.roll()` rolls at 0.01.
  const then = serial(showProblem);
  let built = null;
  then(async () => {
    built = await patiently(build(section, model, showProblem), () => showProblem(new Error(KERNEL_SLOW)));
    showProblem(null);
  });
  const onModelChange = () =>
    then(async () => {
      // A change the learner made is finished first, so Python's change lands on top of it, not instead of it.
      while (built.sim.loading) await new Promise((done) => setTimeout(done, 20));
      const changes = changesFrom(model, built.sim);
      if (!Object.keys(changes).length) return;
      showProblem(null);
      await built.sim.apply(changes);
    });
  const onAction = pendingAction(model, (name) => then(() => ACTIONS[name] && ACTIONS[name](built.sim)));
  model.on(SETTINGS.map((name) => `change:${name}`).join(" "), onModelChange);
  model.on("change:_action", onAction);
  onAction();

  return () => {
    model.off(null, onModelChange);
    model.off("change:_action", onAction);
    transport.close();
    if (built) built.dispose();
  };
}
