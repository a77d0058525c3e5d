// Speed zones under the simulation's Speed slider: for the dip the ball is heading to, where the speed slides
// straight in (below 1/curvature), settles while swinging (up to 2/curvature), never settles there, or flies off,
// with a short "why". The zones are plain, constant-speed theory from the dip's bottom, so the page says so, and says
// what changes when a run is not that (noise, a schedule, another update rule, a start far from the bottom).
// Self-contained: one call, showSpeedZones(root, sim, sliderPosition, reach), wires it all.

import { getJSON } from "./api.js";
import { ballOf, headingTo } from "./dips.js";
import { choiceText } from "./choices.js";
import { el } from "./dom.js";
import { numberText, speedText } from "./format.js";
import { t } from "./words.js";

export { headingTo };

// `words` begin foggyhill.core.ZONE_WORDS (a browser test compares them); `near` finishes "near its bottom, it …".
export const ZONES = [
  { zone: "smooth", words: "slides straight in", short: "smooth", near: "would slide straight in" },
  { zone: "swinging", words: "settles while swinging", short: "swings, settles", near: "would settle while swinging" },
  { zone: "unstable", words: "never settles in this dip", short: "never settles", near: "would swing for ever" },
  { zone: "flies", words: "flies off", short: "flies off", near: "would fly off" },
];
/** The zones' words in the page's language (ZONES keeps the engine's English words, which a test compares). */
export function zoneWords(zone) {
  const said = {
    smooth: [t("slides straight in"), t("smooth"), t("would slide straight in")],
    swinging: [t("settles while swinging"), t("swings, settles"), t("would settle while swinging")],
    unstable: [t("never settles in this dip"), t("never settles"), t("would swing for ever")],
    flies: [t("flies off"), t("flies off"), t("would fly off")],
  }[zone];
  return { words: said[0], short: said[1], near: said[2] };
}
const TOP_SPEED = 100; // the speed setting's maximum: the last band runs to here
// Long enough that a swing growing by a few percent a step has flown off by the end of the burn-in.
const PROBE = { speeds: 160, burn_in: 2000, keep: 8 };
const STRIP_LABEL = { perLetter: 7, margin: 0 }; // a band shows its words where they fit: about 7 pixels a letter

/** The zones as speed ranges [{zone, from, to}] for a dip, given the speed from which the ball flies off. */
export function zoneBands(dip, fliesFrom) {
  const fastest = dip.fastest_stable_speed;
  const bound = dip.stability_bound;
  if (!Number.isFinite(bound)) return [];
  const off = Number.isFinite(fliesFrom) ? Math.max(fliesFrom, bound) : TOP_SPEED;
  return [
    { zone: "smooth", from: 0, to: fastest },
    { zone: "swinging", from: fastest, to: bound },
    { zone: "unstable", from: bound, to: off },
    { zone: "flies", from: off, to: TOP_SPEED },
  ].filter((band) => band.to > band.from);
}

/** Which band `speed` falls in. */
export function zoneAt(bands, speed) {
  return bands.find((b) => speed <= b.to) ?? bands[bands.length - 1];
}

/** The legend's words for a band, as far as the slider reaches (`reach.max`); null for a band beyond it. */
export function legendRange(band, reach) {
  if (band.from >= reach.max) return null;
  if (band.from === 0) return t("below {speed}", { speed: numberText(band.to) });
  if (band.to >= reach.max) return t("from {speed}", { speed: numberText(band.from) });
  return `${numberText(band.from)}–${numberText(band.to)}`;
}

/** Draw `bands` under `slider` in `strip` (a band's words where `label` says they fit) and a marker at `speed`. */
export function drawZoneStrip(strip, slider, positionOf, bands, speed, label) {
  const max = Number(slider.max) || 1;
  const at = (s) => Math.min(100, Math.max(0, (100 * positionOf(s)) / max));
  const pixels = slider.getBoundingClientRect().width;
  strip.style.width = `${pixels}px`; // under the slider's track only
  const parts = bands.map((band) => {
    const left = band.from === 0 ? 0 : at(band.from);
    const width = Math.max(0, at(band.to) - left);
    const words = zoneWords(band.zone).short;
    const fits = (width * pixels) / 100 > label.perLetter * words.length + label.margin;
    const part = el("span", { class: `zone zone-${band.zone}` }, fits ? words : "");
    part.style.left = `${left}%`;
    part.style.width = `${width}%`;
    return part;
  });
  const marker = el("span", { class: "zone-marker" });
  marker.style.left = `${at(speed)}%`;
  strip.replaceChildren(...parts, marker);
}

/** The legend in `legend`: each band's swatch and words with `rangeOf(band)`, its speeds (null: beyond the slider). */
export function drawZoneLegend(legend, bands, rangeOf) {
  const shown = bands.map((band) => [band, rangeOf(band)]).filter(([, range]) => range);
  legend.replaceChildren(...shown.map(([band, range]) => el("li", { class: `zone-key-${band.zone}` },
    el("span", { class: `zone-swatch zone-${band.zone}`, "aria-hidden": "true" }),
    `${zoneWords(band.zone).short} ${range}`)));
}

/**
 * Attach the zones under the Speed slider inside `root`; `positionOf(speed)` is the slider's own scale and `reach`
 * ({min, max}) the speeds it can reach, the only ones the legend lists.
 */
export function showSpeedZones(root, sim, positionOf, reach = { min: 0, max: TOP_SPEED }) {
  const zones = new SpeedZones(root, sim, positionOf, reach);
  new MutationObserver(() => zones.update()).observe(root, { attributes: true, attributeFilter: ["data-state"] });
  zones.slider.addEventListener("input", () => zones.update());
  zones.update();
  return zones;
}

function dipName(dip) {
  const w = numberText(dip.w);
  return dip.global ? t("the lowest point at w = {w}", { w }) : t("the dip at w = {w}", { w });
}

class SpeedZones {
  constructor(root, sim, positionOf, reach) {
    this.sim = sim;
    this.positionOf = positionOf;
    this.reach = reach;
    this.slider = root.querySelector("[data-speed-slider]");
    this.cache = new Map();
    this.key = null;
    document.head.append(el("link", { rel: "stylesheet", href: "/static/common/zones.css" }));
    this.strip = el("div", { class: "zone-strip", "aria-hidden": "true" });
    this.legend = el("ul", { class: "zone-legend", "aria-label": t("Speed zones") });
    this.caption = el("p", { class: "zone-caption", "data-zone-caption": true });
    this.scope = el("p", { class: "zone-scope", "data-zone-scope": true });
    this.caveat = el("p", { class: "zone-caveat", "data-zone-caveat": true, hidden: true });
    this.why = el("p", { class: "zone-why-text" });
    const details = el("details", { class: "zone-why" }, el("summary", {}, t("Why these zones?")), this.why);
    this.box = el("div", { class: "speed-zones", "data-speed-zones": true, hidden: true }, this.strip, this.legend,
      this.caption, this.scope, this.caveat, details);
    this.slider.closest(".speed-row").after(this.box);
  }

  /** Redraw for the current settings, landscape and ball. */
  update() {
    const { settings, landscape } = this.sim;
    if (!settings || !landscape) return;
    const here = ballOf(this.sim);
    const dip = headingTo(landscape, here.w, here.slope);
    if (!dip) {
      this.box.hidden = true;
      return;
    }
    this.box.hidden = false;
    const first = this.sim.trajectory ? this.sim.trajectory.steps[0] : here;
    this.startDip = headingTo(landscape, first.w, first.slope);
    const curve = settings.formula ? { formula: settings.formula } : { landscape: settings.landscape };
    const key = JSON.stringify([curve, dip.w]);
    this.dip = dip;
    this.key = key;
    if (!this.cache.has(key)) {
      this.cache.set(key, null);
      this.fliesFrom(curve, dip).then((speed) => {
        this.cache.set(key, speed);
        if (this.key === key) this.draw();
      });
    }
    this.draw();
  }

  /** The smallest speed above the dip's bound from which plain descent started beside it always flies off. */
  async fliesFrom(curve, dip) {
    if (!Number.isFinite(dip.stability_bound)) return null;
    const top = Math.min(TOP_SPEED, Math.max(dip.stability_bound * 4, 2));
    const [lo, hi] = this.sim.landscape.window;
    const start = dip.w + 0.01 * (hi - lo); // beside the dip, as the bifurcation diagram starts by default
    const params = { ...curve, start, speed_min: dip.stability_bound, speed_max: top, ...PROBE };
    try {
      const data = await getJSON("/api/bifurcation", params);
      const levels = new Uint16Array(Uint8Array.from(atob(data.points), (c) => c.charCodeAt(0)).buffer);
      const gone = data.speeds.map((_, i) => levels.subarray(i * data.keep, (i + 1) * data.keep).every((v) => v === 65535));
      const last = gone.lastIndexOf(false);
      if (last === gone.length - 1) return Infinity;
      return last <= 0 ? data.speeds[0] : data.speeds[last + 1]; // only the bound itself held on: it flies off there
    } catch {
      return Infinity; // without the probe the last two zones merge into "never settles"
    }
  }

  /** What the run is, as far as the zones care: its rule, noise, schedule, and whether it flew off (once shown). */
  run() {
    const { settings, trajectory } = this.sim;
    const flew = Boolean(trajectory) && this.sim.decided && trajectory.verdict.kind === "diverged";
    return { optimizer: settings.optimizer || "plain", noise: settings.noise || 0,
      schedule: settings.schedule || "constant", flew, start: trajectory ? trajectory.steps[0].w : null };
  }

  draw() {
    const dip = this.dip;
    const speed = this.sim.settings.speed;
    const run = this.run();
    const flies = this.cache.get(this.key);
    // Roll notifies on every step; redraw (and measure the slider) only when what is drawn would change.
    const drawn = JSON.stringify([this.key, this.startDip && this.startDip.w, speed, run, flies, innerWidth]);
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    this.scope.textContent = scopeText(dip, this.startDip);
    if (!Number.isFinite(dip.stability_bound)) {
      this.strip.replaceChildren();
      this.legend.replaceChildren();
      this.caption.textContent = t("The dip at w = {w} is a sharp kink: no speed settles in it.", { w: numberText(dip.w) });
      this.why.textContent = t(
        "At a kink the slope does not shrink near the bottom, so every step is as long as the last and plain descent " +
          "keeps bouncing across it.",
      );
      this.showCaveat(caveats(run, null, speed, dip));
      return;
    }
    const bands = zoneBands(dip, flies === null ? Infinity : flies);
    this.drawStrip(bands, speed);
    this.drawLegend(bands);
    const now = ZONES.find((z) => z.zone === zoneAt(bands, speed).zone);
    const plain = run.optimizer === "plain" && !(run.noise > 0) && run.schedule === "constant";
    const values = { speed: speedText(speed), words: zoneWords(now.zone).words, dip: dipName(dip) };
    this.caption.textContent = plain
      ? t("Speed {speed}: {words} ({dip}).", values)
      : t("Speed {speed}: {words} ({dip}), if its steps were plain.", values);
    this.showCaveat(caveats(run, now, speed, dip));
    this.why.replaceChildren(...explain(dip, flies));
  }

  showCaveat(lines) {
    this.caveat.hidden = !lines.length;
    this.caveat.textContent = lines.join(" ");
  }

  drawStrip(bands, speed) {
    drawZoneStrip(this.strip, this.slider, this.positionOf, bands, speed, STRIP_LABEL);
  }

  drawLegend(bands) {
    drawZoneLegend(this.legend, bands, (band) => legendRange(band, this.reach));
  }
}

/** Which dip the zones are about, and (when the ball has turned to another) that they moved with it. */
function scopeText(dip, startDip) {
  const scope = t(
    "Zones for the dip the ball is heading to, worked out at its bottom: what plain steps at a steady speed do once " +
      "the ball is near there.",
  );
  if (!startDip || startDip.w === dip.w) return scope;
  const values = { dip: dipName(dip), w: numberText(startDip.w) };
  const moved = t("Now heading to {dip} (it set out toward w = {w}).", values);
  return `${moved} ${scope}`;
}

/** Where this run is not what the zones assume, in words: another rule, noise, a schedule, a start far away. */
export function caveats(run, now, speed, dip) {
  const lines = [];
  if (run.optimizer !== "plain") {
    lines.push(t("This run uses {optimizer}, which changes the rule new = old − speed × slope, so it may settle or " +
      "swing at speeds these zones call otherwise.", { optimizer: choiceText(run.optimizer) }));
  }
  if (run.noise > 0) {
    const noise = numberText(run.noise);
    lines.push(run.schedule !== "constant"
      ? t("The zones assume the true slope; this run adds noise of size {noise} to every slope, so near the bottom " +
        "the ball keeps jittering whatever the zone, less and less as the schedule shrinks the speed.", { noise })
      : t("The zones assume the true slope; this run adds noise of size {noise} to every slope, so near the bottom " +
        "the ball keeps jittering whatever the zone.", { noise }));
  }
  if (run.schedule !== "constant") {
    lines.push(t("With the {schedule} schedule the speed shrinks step by step: the marker shows the first step's " +
      "speed, and later steps are slower, further left on the strip.", { schedule: choiceText(run.schedule) }));
  }
  const plain = !lines.length;
  if (plain && run.flew && now && now.zone !== "flies") {
    const values = { dip: dipName(dip), speed: speedText(speed), near: zoneWords(now.zone).near,
      start: numberText(run.start) };
    lines.push(t("This run flew off although near the bottom of {dip} speed {speed} {near}: it set out from " +
      "w = {start}, far from that bottom. Far from the bottom the curve is steeper than at the bottom, so a speed " +
      "the bottom could hold throws the ball off before it gets there.", values));
  }
  return lines;
}

/** Why the zones are where they are, with a link to the lesson's definition of curvature in the middle. */
function explain(dip, flies) {
  const c = numberText(dip.curvature);
  const values = { w: numberText(dip.w), c, smooth: numberText(dip.fastest_stable_speed),
    bound: numberText(dip.stability_bound) };
  const text = t("Near the bottom of the dip at w = {w} the curve bends by {c} ({link}), so each step multiplies " +
    "the distance to the bottom by 1 − speed × {c}. Below 1/{c} = {smooth} that number is positive: the ball slides " +
    "straight in. Up to 2/{c} = {bound} it is between −1 and 0: every step overshoots, each time by less, and the " +
    "ball settles. Beyond that, near the bottom every overshoot is bigger than the last, so the ball cannot stay " +
    "close: it swings out until the curve's shape holds it in a wider swing, or it flies off.", values);
  const [before, after] = text.split("{link}");
  const link = el("a", { href: "#curvature" }, t("its curvature"));
  const fast = { speed: speedText(flies) };
  const more = Number.isFinite(flies) ? t("From about {speed} the swings grow until it flies off.", fast) : "";
  return [before, link, [after ?? "", more].filter(Boolean).join(" ")];
}
