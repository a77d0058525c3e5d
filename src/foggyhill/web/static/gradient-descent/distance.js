// "Distance to the bottom": |w − bottom| at every step so far, on a log scale, for the dip the ball is heading to.
// On a log scale a settling ball falls in a straight line, a ball that swings for ever stays level and one that
// flies off rises, even where the loss chart looks flat. The numbers are the engine's: the steps from /api/descend,
// the bottom from /api/landscape's minima; this file only subtracts and draws.

import { StepChart } from "../common/chart.js";
import { headingTo } from "../common/dips.js";
import { numberText } from "../common/format.js";
import { watchSize } from "../common/svg.js";
import { num, t } from "../common/words.js";

const FLOOR = 1e-9; // closer than this the line rests on the "at the bottom" band (0 has no place on a log scale)
const LOOK_BACK = 10; // even, so a ball swinging side to side is compared with itself on the same side
const SAME = 0.01; // within 1% the distance reads "about the same" (a swing that neither grows nor shrinks)

/** A distance as a learner reads it: 3 significant digits, powers of ten when tiny or huge. */
export function formatDistance(d) {
  if (d >= 1e-3 && d < 1e4) return num(String(Number(d.toPrecision(3))));
  return d < FLOOR ? t("less than {distance}", { distance: numberText(FLOOR) }) : numberText(d);
}

export class DistanceFigure {
  constructor(figure) {
    this.figure = figure;
    this.svg = figure.querySelector("[data-distance-chart]");
    this.target = figure.querySelector("[data-distance-target]");
    this.trend = figure.querySelector("[data-distance-trend]");
    this.chart = new StepChart(this.svg, { label: "distance", log: true, floor: FLOOR, floorLabel: t("at the bottom") });
    this.observer = watchSize(this.svg, (w, h) => this.chart.resize(w, h));
  }

  /** Redraw for the step the ball is at (called once per step, like the loss chart). */
  update(sim) {
    const steps = sim.trajectory.steps.slice(0, Math.min(sim.index, sim.trajectory.steps.length - 1) + 1);
    const here = sim.current;
    const dip = headingTo(sim.landscape, here.w, here.slope);
    this.figure.hidden = !dip;
    if (!dip) return;
    this.target.textContent = numberText(dip.w);
    const distances = steps.map((s) => Math.abs(s.w - dip.w));
    this.chart.show(distances);
    const noisy = sim.settings.noise > 0; // a noisy ball's distance wanders: the numbers, without a judgement
    const flew = t("It flew off: further from the bottom at every step.");
    this.trend.textContent = sim.flown ? flew : trend(distances, noisy);
  }
}

/** Now against LOOK_BACK steps ago, in words. */
function trend(distances, noisy) {
  const at = distances.length - 1;
  const now = distances[at];
  const here = { step: at, distance: formatDistance(now) };
  if (at < LOOK_BACK) return t("Step {step}: {distance} from the bottom.", here);
  const before = distances[at - LOOK_BACK];
  if (now < FLOOR && before < FLOOR) {
    const values = { step: at, floor: numberText(FLOOR), back: LOOK_BACK };
    return t("Step {step}: at the bottom (closer than {floor}) for {back} steps or more.", values);
  }
  const values = { step: at, distance: formatDistance(now), back: LOOK_BACK, before: formatDistance(before) };
  if (noisy) {
    return t("Step {step}: {distance} from the bottom; {back} steps before, {before}. With noise the distance " +
      "wanders instead of falling in a line.", values);
  }
  if (now < before * (1 - SAME)) return t("Step {step}: {distance} from the bottom; {back} steps before, {before}: closer.", values);
  if (now > before * (1 + SAME)) return t("Step {step}: {distance} from the bottom; {back} steps before, {before}: further.", values);
  return t("Step {step}: {distance} from the bottom; {back} steps before, {before}: about the same.", values);
}
