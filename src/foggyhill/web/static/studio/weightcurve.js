// Every weight is a ball on its own hill: plot_weight's `weight_curve` effect drawn with the line lesson's own curve
// (common/curve.js): the loss as that one weight moves, every other held, the ball at its value now, tilted to the
// slope there, and the lowest point of the curve marked.

import { CurvePlot } from "../common/curve.js";
import { numberText } from "../common/format.js";
import { t } from "../common/words.js";

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
    const which = curve.weight ? t("weight [{from}, {to}]", weightEnds(curve.weight)) : t("bias {bias}", curve);
    const axis = { which, layer: curve.layer };
    this.svg.replaceChildren();  // a new curve, a new plot: CurvePlot builds its layers in an empty svg
    this.plot = new CurvePlot(this.svg, { x: t("{which} of layer {layer} →", axis), y: t("loss ↑") });
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

const weightEnds = ([from, to]) => ({ from, to });

function words(c, which, lowest) {
  const shown = (v) => numberText(v);
  const said = { which, layer: c.layer, network: c.network, dataset: c.dataset, value: shown(c.value), loss: shown(c.loss),
    slope: shown(c.slope), lowest: shown(lowest) };
  if (c.slope > 0) {
    return t("{which} of layer {layer} in {network}: now {value}, loss {loss} on {dataset}, slope {slope}; downhill is a smaller weight, and new = old − speed × slope moves it that way. With every other weight held, the lowest loss is at {lowest}.", said);
  }
  if (c.slope < 0) {
    return t("{which} of layer {layer} in {network}: now {value}, loss {loss} on {dataset}, slope {slope}; downhill is a larger weight, and new = old − speed × slope moves it that way. With every other weight held, the lowest loss is at {lowest}.", said);
  }
  return t("{which} of layer {layer} in {network}: now {value}, loss {loss} on {dataset}, slope {slope}. With every other weight held, the lowest loss is at {lowest}.", said);
}
