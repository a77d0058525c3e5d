// What the learner reads beside the pictures: readouts, the verdict as the engine words it (from the step it is
// decided at), the surface's note, the colour bar, the steepest direction in words, the buttons' state, and a calm
// summary for screen readers. Called once per step or change, never per frame.

import { Announcer, showControls } from "../common/simtext.js";
import { formatNumber, formatSpeed } from "../common/format.js";
import { legendTicks, viridis } from "./levels.js";
import { fitCanvas, themeColours } from "./paint.js";
import { dipName, pointText } from "./zones.js";

const MARKS = { "converged-global": "✓", "stuck-local": "◒", oscillating: "↔", diverged: "↗" };

export class SurfaceText {
  constructor(root) {
    this.root = root;
    const q = (sel) => root.querySelector(sel);
    this.out = {};
    for (const node of root.querySelectorAll("[data-out]")) this.out[node.dataset.out] = node;
    this.verdict = q("[data-verdict]");
    this.headline = q("[data-verdict-headline]");
    this.explanation = q("[data-verdict-explanation]");
    this.status = q("[data-status]");
    this.announcer = new Announcer(q("[data-live]"), summary);
    this.note = q("[data-landscape-note]");
    this.mapLabel = q("[data-map-label]");
    this.meshLabel = q("[data-mesh-label]");
    this.steepWords = q("[data-steepest-words]");
    this.scaleNote = q("[data-scale-note]");
    this.bar = q("[data-colour-bar]");
    this.buttons = {};
    for (const node of root.querySelectorAll("[data-action]")) this.buttons[node.dataset.action] = node;
  }

  /** Bring the words up to date with the controller `sim`; `dip` is the dip ahead, `steep` whether to name it. */
  update(sim, { dip, steep, sameScale }) {
    this.root.dataset.state = sim.loading ? "loading" : sim.rolling ? "rolling" : "ready";
    if (!sim.run) return;
    this.readouts(sim);
    this.showVerdict(sim);
    this.controls(sim);
    this.describe(sim, sameScale);
    this.steepest(steep ? dip : null);
    this.announcer.announce(sim);
  }

  readouts(sim) {
    if (sim.flown) {
      this.out.step.textContent = String(sim.run.verdict.step);
      this.out.w1.textContent = "off the map";
      this.out.w2.textContent = "off the map";
      this.out.loss.textContent = "too big to show";
      this.out.slope.textContent = "—";
      return;
    }
    const s = sim.current;
    this.out.step.textContent = String(s.step);
    this.out.w1.textContent = formatNumber(s.w[0]);
    this.out.w2.textContent = formatNumber(s.w[1]);
    this.out.loss.textContent = formatNumber(s.loss);
    this.out.slope.textContent = pointText(s.slope);
  }

  showVerdict(sim) {
    this.verdict.hidden = !sim.decided;
    if (!sim.decided) return;
    const { kind, headline, explanation } = sim.run.verdict;
    this.verdict.dataset.kind = kind;
    this.headline.textContent = `${MARKS[kind] ?? ""} ${headline}`.trim();
    this.headline.dataset.headline = headline;
    this.explanation.textContent = explanation;
  }

  controls(sim) {
    showControls(this.buttons, this.status, sim, sim.run.steps.length - 1);
  }

  /** Name the surface, and say where the ball is, in the pictures' labels and the note above them. */
  describe(sim, sameScale) {
    const s = sim.surface;
    const where = sim.flown ? "has flown off the map" : `is at ${pointText(sim.current.w)}`;
    const points = [
      s.dips.length ? `${s.dips.length} ${s.dips.length === 1 ? "dip" : "dips"}` : "no dip",
      s.saddles.length ? `${s.saddles.length} ${s.saddles.length === 1 ? "saddle" : "saddles"}` : "",
    ].filter(Boolean).join(" and ");
    const lowest = s.dips.filter((d) => d.global).map((d) => pointText(d.w)).join(", ");
    const label = `${s.title}: loss = ${s.formula}, over w1 from ${formatNumber(s.window.w1[0])} to ` +
      `${formatNumber(s.window.w1[1])} and w2 from ${formatNumber(s.window.w2[0])} to ${formatNumber(s.window.w2[1])}` +
      `, with ${points}${lowest ? `; lowest at ${lowest}` : ""}. The ball ${where}.`;
    this.mapLabel.textContent = `Contour map of ${label} Click to start the ball there.`;
    this.meshLabel.textContent = `3-D view of ${label}`;
    const strong = document.createElement("strong");
    strong.textContent = s.title;
    const scales = sameScale ? "" : " · The map draws w1 and w2 at different scales.";
    this.note.replaceChildren(strong, ` · loss = ${s.formula}`, s.description ? ` · ${s.description}` : "", scales);
  }

  /** The colour bar under the map: the bands' colours with a few loss values, and whether the scale is a log. */
  colourBar(scale) {
    const box = this.bar.getBoundingClientRect();
    if (!box.width) return;
    const { ctx } = fitCanvas(this.bar, box.width, box.height);
    const colours = themeColours(this.bar);
    const h = 12;
    for (let x = 0; x < box.width; x += 1) {
      const [r, g, b] = viridis(x / box.width);
      ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
      ctx.fillRect(x, 0, 1.5, h);
    }
    ctx.fillStyle = colours.muted;
    ctx.font = `${Math.round(colours.text * 0.92)}px ${colours.font}`;
    ctx.textBaseline = "top";
    const ticks = legendTicks(scale, box.width > 180 ? 5 : 3);
    let free = 0;
    for (const { t, loss } of ticks) {
      const text = formatNumber(loss, { digits: 2 });
      const width = ctx.measureText(text).width;
      const x = Math.min(box.width - width, Math.max(0, t * box.width - width / 2));
      if (x < free) continue; // too close to the last label: leave it out
      ctx.fillRect(t * box.width, h - 3, 1, 5);
      ctx.textAlign = "left";
      ctx.fillText(text, x, h + 3);
      free = x + width + 6;
    }
    this.scaleNote.textContent = scale.log
      ? "Log scale: each band of colour is a bigger step of loss than the one below it."
      : "Each band of colour is the same step of loss.";
  }

  /** The dip ahead's steepest direction and its curvature, in words, while the map shows it. */
  steepest(dip) {
    this.steepWords.hidden = !dip;
    if (!dip) return;
    const [gentle, steep] = dip.curvatures;
    this.steepWords.textContent = `At ${dipName(dip)} the surface is steepest along ${pointText(dip.directions[1])} ` +
      `(orange arrows): curvature ${round3(steep)}, so at speeds above 2/${round3(steep)} = ` +
      `${formatSpeed(dip.stability_bound)} plain steps swing across it further each time and never settle. Along ${pointText(dip.directions[0])} ` +
      `(dashed) the curvature is ${round3(gentle)}: ${round3(dip.condition)} times gentler ` +
      "(the condition number).";
  }
}

/** A curvature or a ratio to three significant digits, as a learner reads it (82.3, 2510, 0.399). */
function round3(x) {
  return formatNumber(Number(x.toPrecision(3)));
}

function summary(sim) {
  const verdict = sim.decided ? ` ${sim.run.verdict.headline}.` : "";
  if (sim.flown) return `Step ${sim.run.verdict.step}: the ball flew off the map.${verdict}`;
  const s = sim.current;
  return `Step ${s.step}: w1 ${formatNumber(s.w[0])}, w2 ${formatNumber(s.w[1])}, loss ${formatNumber(s.loss)}.${verdict}`;
}
