// The run picked on the map: asks the API for that one run, draws it on a small copy of the curve, and says what
// became of it, with a link that opens it in the gradient descent simulation.

import { api } from "../common/api.js";
import { CurvePlot } from "../common/curve.js";
import { numberText, speedText } from "../common/format.js";
import { encodeSettings } from "../common/state.js";
import { watchSize } from "../common/svg.js";
import { t } from "../common/words.js";

const WAIT_MS = 60; // the pointer sweeps across many cells; only the one it rests on is fetched

/** The gradient descent page's address for a run with these settings. */
export function simulationLink(settings, schema) {
  return `/sim/gradient-descent${encodeSettings(settings, schema)}`;
}

export class RunPreview {
  constructor(root, schema) {
    this.root = root;
    this.schema = schema;
    this.q = (sel) => root.querySelector(sel);
    this.plot = new CurvePlot(this.q("[data-preview-plot]"));
    // the server translates the page's words, but not inside an <svg>: the picture's name is said here
    this.plot.svg.setAttribute("aria-label", t("The run on the curve"));
    this.timer = 0;
    this.controller = null;
    this.curveKey = null;
    this.sized = false;
  }

  /** Show the landscape (from /api/landscape) the runs roll on. */
  setLandscape(landscape, key) {
    this.curveKey = key;
    this.plot.setLandscape(landscape);
  }

  /** Show the run with `settings` (curve, speed, start, steps, optimizer) after the pointer rests a moment. */
  show(settings) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(settings).catch((error) => this.fail(error)), WAIT_MS);
  }

  async fetch(settings) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const params = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== null && v !== undefined));
    this.root.dataset.state = "loading";
    const run = await api.descend(params, { signal: this.controller.signal });
    this.render(settings, run);
    this.root.dataset.state = "ready";
  }

  fail(error) {
    if (error.name === "AbortError") return;
    this.root.dataset.state = "ready";
    this.q("[data-preview-headline]").textContent = t("This run could not be fetched");
    this.q("[data-preview-explanation]").textContent = error.message || String(error);
  }

  render(settings, run) {
    this.q("[data-preview-empty]").hidden = true;
    this.q("[data-preview-body]").hidden = false;
    if (!this.sized) {
      this.sized = true;
      watchSize(this.plot.svg, (w, h) => {
        this.plot.resize(w, h);
        this.drawRun();
      });
    }
    this.run = run;
    this.drawRun();
    const { verdict } = run;
    const chosen = { speed: speedText(settings.speed), start: numberText(settings.start), steps: settings.steps };
    this.q("[data-preview-settings]").textContent = t("speed {speed}, start w = {start}, {steps} steps", chosen);
    this.q("[data-preview-verdict]").dataset.kind = verdict.kind;
    this.q("[data-preview-headline]").textContent = verdict.headline;
    this.q("[data-preview-explanation]").textContent = verdict.explanation;
    this.q("[data-preview-link]").href = simulationLink(settings, this.schema);
  }

  drawRun() {
    if (!this.run || !this.plot.ready) return;
    const steps = this.run.steps;
    this.plot.drawTrail(steps);
    const last = steps[steps.length - 1];
    const flown = this.run.verdict.kind === "diverged";
    const { x, y } = this.plot.point(last.w, last.loss);
    this.plot.placeBall(x, y, this.plot.angleOf(last.slope), flown ? 0 : 1);
    this.plot.markOffChart(flown ? last.w : null, x, y);
  }
}
