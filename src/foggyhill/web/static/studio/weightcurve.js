// Every weight is a ball on its own hill: plot_weight's `weight_curve` effect drawn with the line lesson's own curve
// (common/curve.js): the loss as that one weight moves, every other held, the ball at its value now, tilted to the
// slope there, and the lowest point of the curve marked.

import { CurvePlot } from "../common/curve.js";
import { formatNumber } from "../common/format.js";

export class WeightCurve {
  /** Draw into `svg`; `caption` gets the curve in words. */
  constructor(svg, caption) {
    this.svg = svg;
    this.caption = caption;
    this.plot = null;
    this.curve = null;
  }

  show(curve) {
    this.curve = curve;
    const which = curve.weight ? `weight [${curve.weight.join(", ")}]` : `bias ${curve.bias}`;
    this.svg.replaceChildren();  // a new curve, a new plot: CurvePlot builds its layers in an empty svg
    this.plot = new CurvePlot(this.svg, { x: `${which} of layer ${curve.layer} →`, y: "loss ↑" });
    const { weights, losses } = curve.curve;
    const low = losses.reduce((best, v, i) => (v < losses[best] ? i : best), 0);
    this.plot.setLandscape({
      window: [weights[0], weights[weights.length - 1]],
      curve: { w: weights, loss: losses },
      minima: [{ w: weights[low], loss: losses[low], global: true }],
    });
    this.caption.textContent = words(curve, which, weights[low]);
    this.svg.dataset.weight = curve.weight ? curve.weight.join(",") : `bias ${curve.bias}`;
    this.svg.dataset.layer = String(curve.layer);
    if (this.width) this.resize(this.width, this.height);
  }

  resize(width, height) {
    this.width = width;
    this.height = height;
    if (!this.plot) return;
    this.plot.resize(width, height);
    const { value, loss, slope } = this.curve;
    const at = this.plot.point(value, loss);
    this.plot.placeBall(at.x, at.y, this.plot.angleOf(slope));
  }
}

function words(c, which, lowest) {
  const downhill = c.slope > 0 ? "smaller" : "larger";
  const move = c.slope === 0 ? "" : `; downhill is a ${downhill} weight, and new = old − speed × slope moves it that way`;
  return `${which} of layer ${c.layer} in ${c.network}: now ${formatNumber(c.value)}, loss ${formatNumber(c.loss)} on ` +
    `${c.dataset}, slope ${formatNumber(c.slope)}${move}. With every other weight held, the lowest loss is at ` +
    `${formatNumber(lowest)}.`;
}
