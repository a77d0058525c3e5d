// The speed zones under the Speed slider for the dip the ball is heading to. On a surface a dip bends differently in
// different directions; its steepest direction (largest curvature) sets the limit: below 1/curvature the ball slides
// straight in, up to 2/curvature it swings across the valley and settles, beyond it never settles there. The words of
// the zones are the line lesson's (common/zones.js); the probe for "flies off" is the line's only, so here the last
// two zones stay one: "never settles".

import { el } from "../common/dom.js";
import { numberText, speedText } from "../common/format.js";
import { drawZoneLegend, drawZoneStrip, zoneBands, zoneWords } from "../common/zones.js";
import { t } from "../common/words.js";

const STRIP_LABEL = { perLetter: 8, margin: 6 }; // a band shows its words where they fit, with room to spare

/** The band `speed` falls in: at the bound itself a dip can no longer be settled in (the engine's "at or above"). */
export function zoneAt(bands, speed) {
  return bands.find((b) => speed < b.to) ?? bands[bands.length - 1];
}

/** The legend's words for a band, as far as the slider reaches; speeds as typed (0.000735, not 0.001). */
export function legendRange(band, reach) {
  if (band.from >= reach.max) return null;
  const speeds = { from: speedText(band.from), to: speedText(band.to) };
  if (band.from === 0) return t("below {to}", speeds);
  if (band.to >= reach.max) return t("from {from}", speeds);
  return t("{from}–{to}", speeds);
}

/** A point in words: (1, −2). */
export function pointText(w) {
  // A coordinate the engine found as 3e-16 is a zero that rounding left behind.
  const tidy = (v) => (Math.abs(v) < 1e-9 ? 0 : v);
  const point = { w1: numberText(tidy(w[0])), w2: numberText(tidy(w[1])) };
  return t("({w1}, {w2})", point); // a language with a decimal comma parts the two another way
}

/** The dip's name on this page: the lowest point or a dip, and where. */
export function dipName(dip) {
  const at = { point: pointText(dip.w) };
  return dip.global ? t("the lowest point at {point}", at) : t("the dip at {point}", at);
}

export class SurfaceZones {
  /** Attach under the slider in `root`; `positionOf(speed)` is the slider's scale, `reach` the speeds it spans. */
  constructor(root, positionOf, reach) {
    this.positionOf = positionOf;
    this.reach = reach;
    this.slider = root.querySelector("[data-speed-slider]");
    this.strip = el("div", { class: "zone-strip", "aria-hidden": "true" });
    this.legend = el("ul", { class: "zone-legend", "aria-label": t("Speed zones") });
    this.caption = el("p", { class: "zone-caption", "data-zone-caption": true });
    this.caveat = el("p", { class: "zone-caveat", hidden: true });
    this.why = el("p", { class: "zone-why-text" });
    const details = el("details", { class: "zone-why" }, el("summary", {}, t("Why these zones?")), this.why);
    this.box = el("div", { class: "speed-zones", "data-speed-zones": true, hidden: true }, this.strip, this.legend,
      this.caption, this.caveat, details);
    this.slider.closest(".speed-row").after(this.box);
    this.drawn = null;
  }

  /** Redraw for `dip` (or hide with null) at `speed`, for a run with `optimizer` and `noise`. */
  update(dip, speed, { optimizer = "plain", noise = 0, title = optimizer } = {}) {
    const key = JSON.stringify([dip && dip.w, speed, optimizer, noise, innerWidth]);
    if (key === this.drawn) return;
    this.drawn = key;
    this.box.hidden = !dip || !Number.isFinite(dip.stability_bound);
    if (this.box.hidden) return;
    const bands = zoneBands(dip, Infinity);
    this.drawStrip(bands, speed);
    this.drawLegend(bands);
    const now = zoneWords(zoneAt(bands, speed).zone);
    const plain = optimizer === "plain" && !(noise > 0);
    const zone = { speed: speedText(speed), words: now.words, dip: dipName(dip) };
    this.caption.textContent = plain ? t("Speed {speed}: {words} ({dip}).", zone) : t("Speed {speed}: {words} ({dip}), if its steps were plain.", zone);
    const lines = [];
    if (optimizer !== "plain") {
      lines.push(t("This run uses {rule}, not the plain rule new = old − speed × slope, so its speed limit is not the plain one these zones show.", { rule: title }));
    }
    if (noise > 0) lines.push(t("Its slopes are noisy (noise {noise}): near the bottom it keeps jittering.", { noise: numberText(noise) }));
    this.caveat.hidden = !lines.length;
    this.caveat.textContent = lines.join(" ");
    this.why.textContent = explain(dip);
  }

  drawStrip(bands, speed) {
    drawZoneStrip(this.strip, this.slider, this.positionOf, bands, speed, STRIP_LABEL);
  }

  drawLegend(bands) {
    drawZoneLegend(this.legend, bands, (band) => legendRange(band, this.reach));
  }
}

/** The zones' reason in words, with this dip's own numbers. */
export function explain(dip) {
  const [gentle, steep] = dip.curvatures;
  const three = (x) => numberText(Number(x.toPrecision(3)));
  const words = {
    dip: dipName(dip),
    along: pointText(dip.directions[1]),
    s: three(steep),
    g: three(gentle),
    times: three(dip.condition),
    fastest: speedText(dip.fastest_stable_speed),
    bound: speedText(dip.stability_bound),
  };
  const stretched = dip.condition >= 1.5
    ? t("Along the gentle direction it bends only by {g}, {times} times less (the condition number): at a speed the steep direction allows, each step there closes only a small share of the distance, so the ball crawls along the valley.", words)
    : t("It bends nearly as much every way (a round bowl), so one speed suits every direction.");
  const steepest = t("Near {dip} the surface bends most along the direction {along}, by {s} (its largest curvature). Along that direction each plain step multiplies the distance to the bottom by 1 − speed × {s}. Below 1/{s} = {fastest} that number is positive and the ball slides straight in; up to 2/{s} = {bound} it is between −1 and 0, so every step overshoots by less and the ball swings across and settles; beyond that every swing across is bigger than the last.", words);
  return `${steepest} ${stretched}`;
}
