// Speed zones under the simulation's Speed slider: for the dip the ball is heading to, where the speed slides
// straight in (below 1/curvature), settles while swinging (up to 2/curvature), never settles there, or flies off,
// with a short "why". Self-contained: one call, showSpeedZones(root, sim, sliderPosition), wires it all.

import { getJSON } from "./api.js";
import { el } from "./dom.js";
import { formatNumber, formatSpeed } from "./format.js";

export const ZONES = [
  { zone: "smooth", words: "slides straight in", short: "smooth" },
  { zone: "swinging", words: "settles while swinging", short: "swings, settles" },
  { zone: "unstable", words: "never settles in this dip", short: "never settles" },
  { zone: "flies", words: "flies off", short: "flies off" },
];
const TOP_SPEED = 100; // the speed setting's maximum: the last band runs to here
// Long enough that a swing growing by a few percent a step has flown off by the end of the burn-in.
const PROBE = { speeds: 160, burn_in: 2000, keep: 8 };

/** The dip the ball at `w` rolls toward: the nearest one downhill (the nearest one at all on flat ground). */
export function headingTo(landscape, w, slope) {
  const dips = landscape.minima || [];
  if (!dips.length || !Number.isFinite(w)) return null;
  const ahead = dips.filter((d) => (slope > 0 ? d.w <= w : slope < 0 ? d.w >= w : true));
  const pool = ahead.length ? ahead : dips;
  return pool.reduce((best, d) => (Math.abs(d.w - w) < Math.abs(best.w - w) ? d : best));
}

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

/** Attach the zones under the Speed slider inside `root`; `positionOf(speed)` is the slider's own scale. */
export function showSpeedZones(root, sim, positionOf) {
  const zones = new SpeedZones(root, sim, positionOf);
  new MutationObserver(() => zones.update()).observe(root, { attributes: true, attributeFilter: ["data-state"] });
  zones.slider.addEventListener("input", () => zones.update());
  zones.update();
  return zones;
}

class SpeedZones {
  constructor(root, sim, positionOf) {
    this.sim = sim;
    this.positionOf = positionOf;
    this.slider = root.querySelector("[data-speed-slider]");
    this.cache = new Map();
    this.key = null;
    document.head.append(el("link", { rel: "stylesheet", href: "/static/common/zones.css" }));
    this.strip = el("div", { class: "zone-strip", "aria-hidden": "true" });
    this.legend = el("ul", { class: "zone-legend", "aria-label": "Speed zones" });
    this.caption = el("p", { class: "zone-caption", "data-zone-caption": true });
    this.why = el("p", { class: "zone-why-text" });
    const details = el("details", { class: "zone-why" }, el("summary", {}, "Why these zones?"), this.why);
    this.box = el("div", { class: "speed-zones", "data-speed-zones": true, hidden: true }, this.strip, this.legend,
      this.caption, details);
    this.slider.closest(".speed-row").after(this.box);
  }

  /** Redraw for the current settings, landscape and ball. */
  update() {
    const { settings, landscape } = this.sim;
    if (!settings || !landscape) return;
    const here = this.sim.trajectory ? this.sim.current : null;
    const w = here ? here.w : (settings.start ?? landscape.start);
    const dip = headingTo(landscape, w, here ? here.slope : 0);
    if (!dip) {
      this.box.hidden = true;
      return;
    }
    this.box.hidden = false;
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

  draw() {
    const dip = this.dip;
    const speed = this.sim.settings.speed;
    // Roll notifies on every step; redraw (and measure the slider) only when what is drawn would change.
    const drawn = JSON.stringify([this.key, speed, this.sim.settings.optimizer, this.cache.get(this.key), innerWidth]);
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    if (!Number.isFinite(dip.stability_bound)) {
      this.strip.replaceChildren();
      this.legend.replaceChildren();
      this.caption.textContent = `The dip at w = ${formatNumber(dip.w)} is a sharp kink: no speed settles in it.`;
      this.why.textContent = "At a kink the slope does not shrink near the bottom, so every step is as long as the " +
        "last and plain descent keeps bouncing across it.";
      return;
    }
    const flies = this.cache.get(this.key);
    const bands = zoneBands(dip, flies === null ? Infinity : flies);
    this.drawStrip(bands, speed);
    this.drawLegend(bands);
    const now = ZONES.find((z) => z.zone === zoneAt(bands, speed).zone);
    const plain = !this.sim.settings.optimizer || this.sim.settings.optimizer === "plain";
    this.caption.textContent = `Speed ${formatSpeed(speed)}: ${now.words} (the ${dip.global ? "lowest point" : "dip"} ` +
      `at w = ${formatNumber(dip.w)})${plain ? "" : ". The zones are for plain descent"}.`;
    this.why.textContent = this.explain(dip, flies);
  }

  drawStrip(bands, speed) {
    const max = Number(this.slider.max) || 1;
    const at = (s) => Math.min(100, (100 * this.positionOf(s)) / max);
    const pixels = this.slider.getBoundingClientRect().width;
    this.strip.style.width = `${pixels}px`; // under the slider's track only
    const parts = bands.map((band) => {
      const left = band.from === 0 ? 0 : at(band.from);
      const width = Math.max(0, at(band.to) - left);
      const words = ZONES.find((z) => z.zone === band.zone).short;
      const part = el("span", { class: `zone zone-${band.zone}` }, (width * pixels) / 100 > 7 * words.length ? words : "");
      part.style.left = `${left}%`;
      part.style.width = `${width}%`;
      return part;
    });
    const marker = el("span", { class: "zone-marker" });
    marker.style.left = `${at(speed)}%`;
    this.strip.replaceChildren(...parts, marker);
  }

  drawLegend(bands) {
    const range = (band) => {
      if (band.from === 0) return `below ${formatNumber(band.to)}`;
      return band.to >= TOP_SPEED ? `from ${formatNumber(band.from)}` : `${formatNumber(band.from)}–${formatNumber(band.to)}`;
    };
    this.legend.replaceChildren(...bands.map((band) => el("li", { class: `zone-key-${band.zone}` },
      el("span", { class: `zone-swatch zone-${band.zone}`, "aria-hidden": "true" }),
      `${ZONES.find((z) => z.zone === band.zone).short} ${range(band)}`)));
  }

  explain(dip, flies) {
    const c = formatNumber(dip.curvature);
    const lines = [
      `Near the bottom of the dip at w = ${formatNumber(dip.w)} the curve bends by ${c} (its curvature), so each ` +
        `step multiplies the distance to the bottom by 1 − speed × ${c}.`,
      `Below 1/${c} = ${formatNumber(dip.fastest_stable_speed)} that number is positive: the ball slides straight in.`,
      `Up to 2/${c} = ${formatNumber(dip.stability_bound)} it is between −1 and 0: every step overshoots, each time ` +
        "by less, and the ball settles.",
      "Beyond that every overshoot is bigger than the last: this dip cannot hold the ball.",
    ];
    if (Number.isFinite(flies)) lines.push(`From about ${formatSpeed(flies)} the swings grow until it flies off.`);
    return lines.join(" ");
  }
}
