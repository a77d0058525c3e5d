// The three things every step does, named on the stage in the timeline's words (feel the slope → step → settle),
// the one under way lit, as foggyhill/render/phase_strip.py draws them in the video.

import { svgEl } from "../common/svg.js";

const GAP = 34; // stage units between a word's slot and an arrow
const EM = 0.62; // a bold DejaVu Sans character is about this share of the type size wide

export class PhaseStrip {
  /** Lay the words of `phases` (the timeline's, those with words) out centred on cx, baseline y, into `parent`. */
  constructor(parent, phases, { cx, y, size }) {
    this.g = svgEl("g", { class: "phase-strip", visibility: "hidden" }, parent);
    const words = phases.filter((p) => p.words);
    const widths = words.map((p) => p.words.length * size * EM);
    const arrow = size * 0.8;
    const total = widths.reduce((a, b) => a + b, 0) + (words.length - 1) * (arrow + 2 * GAP);
    let x = cx - total / 2;
    this.words = new Map();
    words.forEach((phase, k) => {
      const slot = svgEl("g", { class: "phase", "data-phase": phase.name }, this.g);
      svgEl("rect", { class: "pill", x: x - 16, y: y - 30 * (size / 28), width: widths[k] + 32, height: 41 * (size / 28), rx: 20 }, slot);
      svgEl("text", { x: x + widths[k] / 2, y, "text-anchor": "middle" }, slot).textContent = phase.words;
      this.words.set(phase.name, slot);
      x += widths[k];
      if (k + 1 < words.length) {
        svgEl("text", { class: "arrow", x: x + GAP + arrow / 2, y, "text-anchor": "middle" }, this.g).textContent = "→";
        x += arrow + 2 * GAP;
      }
    });
    this.lit = null;
  }

  /** Light `phase` (null, or a phase without words: none lit) in `colour`; `visible` false hides the strip. */
  draw(visible, phase, colour) {
    this.g.setAttribute("visibility", visible ? "visible" : "hidden");
    const key = visible ? `${phase}:${colour}` : "";
    if (this.lit === key) return;
    this.lit = key;
    for (const [name, slot] of this.words) {
      const on = visible && name === phase;
      slot.setAttribute("data-lit", String(on));
      slot.style.setProperty("--lit", on ? colour : "");
    }
  }
}

/** The colour a phase is lit in: the slope line's cyan, the run's colour for the step, plain text for settling. */
export function phaseColour(phase, runColour) {
  return phase === "gradient" ? "#22d3ee" : phase === "step" ? runColour : "#eceff6";
}
