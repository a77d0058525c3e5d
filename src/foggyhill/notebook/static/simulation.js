// The Simulation widget: the gradient descent page's simulation (its markup, controller, views and controls),
// mounted in a notebook output and kept in step with the Python object: settings both ways, actions from Python.

import { StepChart } from "../common/chart.js";
import { CurvePlot } from "../common/curve.js";
import { watchSize } from "../common/svg.js";
import { Controls } from "../gradient-descent/controls.js";
import { DescentController } from "../gradient-descent/sim.js";
import { SimView } from "../gradient-descent/view.js";
import { api, connect } from "./api.js";
import { KERNEL_SLOW, kernelTransport, patiently, pendingAction, serial } from "./kernel.js";
import { simulationMarkup } from "./markup.js";
import { defaults, onSettings } from "./state.js";

const SETTINGS = ["landscape", "formula", "start", "speed", "steps", "optimizer", "seed", "noise", "schedule"];
const ACTIONS = {
  roll: (sim) => sim.rolling || sim.toggleRoll(),
  pause: (sim) => sim.pause(),
  step: (sim) => sim.step(),
  back: (sim) => sim.back(),
  reset: (sim) => sim.reset(),
};

/** The settings the Python object holds, as the simulation names them. */
function modelSettings(model) {
  const settings = {};
  for (const name of SETTINGS) settings[name] = model.get(name) ?? null;
  return settings;
}

/**
 * Copy to the model (and so to Python) the settings the simulation changed since it last reported, and only
 * those: a value Python set meanwhile, for a field the page did not touch, is kept and applied next.
 */
function reporter(model) {
  let last = {};
  return (settings) => {
    let changed = false;
    for (const name of SETTINGS) {
      const value = settings[name] ?? null;
      if (value !== (last[name] ?? null) && (model.get(name) ?? null) !== value) {
        model.set(name, value);
        changed = true;
      }
    }
    last = { ...settings };
    if (changed) model.save_changes();
  };
}

/** Changes that bring the simulation to the settings the model holds (empty when they already agree). */
function changesFrom(model, sim) {
  const wanted = modelSettings(model);
  const changes = {};
  for (const name of SETTINGS) if (wanted[name] !== (sim.settings[name] ?? null)) changes[name] = wanted[name];
  return changes;
}

/** Build the page's views, controller and controls in `stage`, at the model's settings. */
async function build(stage, model, onError) {
  const [schema, { landscapes }] = await Promise.all([api.schema(), api.landscapes()]);
  const plot = new CurvePlot(stage.querySelector("[data-plot]"));
  const chart = new StepChart(stage.querySelector("[data-chart]"));
  const view = new SimView(stage, { plot, chart });
  let controls = null;
  const sim = new DescentController({
    schema,
    plot,
    onChange(s) {
      view.update(s);
      if (controls && s.settings) controls.sync(s.settings, s.landscape);
    },
  });
  onSettings(reporter(model));
  controls = new Controls(stage, { sim, schema, landscapes, onError });
  await sim.apply({ ...defaults(schema), ...modelSettings(model) });
  const observers = [
    watchSize(plot.svg, (w, h) => {
      plot.resize(w, h);
      sim.redraw();
    }),
    watchSize(chart.svg, (w, h) => chart.resize(w, h)),
  ];
  return { sim, observers };
}

export function mount({ model, root, html }) {
  const transport = kernelTransport(model);
  connect(transport);
  const stage = simulationMarkup(root, html);
  const notice = stage.querySelector("[data-url-notice]");
  const showProblem = (error) => {
    notice.textContent = error ? error.message || String(error) : "";
    notice.hidden = !error;
  };
  // Settings from Python and actions run one after another, so `sim.speed = 0.6; sim.roll()` rolls at 0.6.
  const then = serial(showProblem);
  let built = null;
  then(async () => {
    built = await patiently(build(stage, model, showProblem), () => showProblem(new Error(KERNEL_SLOW)));
    showProblem(null);
  });
  const onModelChange = () =>
    then(async () => {
      // A change the learner made is finished first, so Python's change lands on top of it, not instead of it.
      while (built.sim.loading) await built.sim.loading.catch(() => {});
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
    if (built) {
      built.sim.pause();
      for (const observer of built.observers) observer.disconnect();
    }
  };
}
