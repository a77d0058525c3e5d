// What the learner reads beside the pictures: readouts, the verdict as the engine words it (from the step it is
// decided at), the surface's note, the colour bar, the steepest direction in words, the buttons' state, and a calm
// summary for screen readers. Called once per step or change, never per frame.

import { Announcer, showControls } from "../common/simtext.js";
import { numberText, speedText } from "../common/format.js";
import { t } from "../common/words.js";
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
      this.out.w1.textContent = t("off the map");
      this.out.w2.textContent = t("off the map");
      this.out.loss.textContent = t("too big to show");
      this.out.slope.textContent = "—";
      return;
    }
    const s = sim.current;
    this.out.step.textContent = String(s.step);
    this.out.w1.textContent = numberText(s.w[0]);
    this.out.w2.textContent = numberText(s.w[1]);
    this.out.loss.textContent = numberText(s.loss);
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
    const label = `${surfaceWords(s)} ${sim.flown ? t("The ball has flown off the map.") : t("The ball is at {point}.", { point: pointText(sim.current.w) })}`;
    this.mapLabel.textContent = t("Contour map of {label} Click to start the ball there.", { label });
    this.meshLabel.textContent = t("3-D view of {label}", { label });
    const strong = document.createElement("strong");
    strong.textContent = s.title;
    const scales = sameScale ? "" : t(" · The map draws w1 and w2 at different scales.");
    this.note.replaceChildren(strong, t(" · loss = {formula}", { formula: s.formula }), s.description ? ` · ${s.description}` : "", scales);
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
    for (const { t: at, loss } of ticks) {
      const text = numberText(loss, { digits: 2 });
      const width = ctx.measureText(text).width;
      const x = Math.min(box.width - width, Math.max(0, at * box.width - width / 2));
      if (x < free) continue; // too close to the last label: leave it out
      ctx.fillRect(at * box.width, h - 3, 1, 5);
      ctx.textAlign = "left";
      ctx.fillText(text, x, h + 3);
      free = x + width + 6;
    }
    this.scaleNote.textContent = scale.log
      ? t("Log scale: each band of colour is a bigger step of loss than the one below it.")
      : t("Each band of colour is the same step of loss.");
  }

  /** The dip ahead's steepest direction and its curvature, in words, while the map shows it. */
  steepest(dip) {
    this.steepWords.hidden = !dip;
    if (!dip) return;
    const [gentle, steep] = dip.curvatures;
    const words = {
      dip: dipName(dip),
      steepest: pointText(dip.directions[1]),
      gentlest: pointText(dip.directions[0]),
      steep: round3(steep),
      gentle: round3(gentle),
      bound: speedText(dip.stability_bound),
      times: round3(dip.condition),
    };
    this.steepWords.textContent = t("At {dip} the surface is steepest along {steepest} (orange arrows): curvature {steep}, so at speeds above 2/{steep} = {bound} plain steps swing across it further each time and never settle. Along {gentlest} (dashed) the curvature is {gentle}: {times} times gentler (the condition number).", words);
  }
}

/** A curvature or a ratio to three significant digits, as a learner reads it (82.3, 2510, 0.399). */
function round3(x) {
  return numberText(Number(x.toPrecision(3)));
}

/** A surface in words for the pictures' labels: its formula, its window, its dips and saddles, where it is lowest. */
function surfaceWords(s) {
  const [dips, saddles] = [s.dips.length, s.saddles.length];
  const dipWords = dips === 0 ? t("no dip") : dips === 1 ? t("1 dip") : t("{n} dips", { n: dips });
  const saddleWords = saddles === 1 ? t("1 saddle") : t("{n} saddles", { n: saddles });
  const both = { dips: dipWords, saddles: saddleWords };
  const points = saddles ? t("{dips} and {saddles}", both) : dipWords;
  const lowest = s.dips.filter((d) => d.global).map((d) => pointText(d.w)).join(t(", "));
  const f = (x) => numberText(x);
  const words = { title: s.title, formula: s.formula, points, lowest };
  Object.assign(words, { a: f(s.window.w1[0]), b: f(s.window.w1[1]), c: f(s.window.w2[0]), d: f(s.window.w2[1]) });
  return lowest
    ? t("{title}: loss = {formula}, over w1 from {a} to {b} and w2 from {c} to {d}, with {points}; lowest at {lowest}.", words)
    : t("{title}: loss = {formula}, over w1 from {a} to {b} and w2 from {c} to {d}, with {points}.", words);
}

function summary(sim) {
  const verdict = sim.decided ? ` ${sim.run.verdict.headline}.` : "";
  if (sim.flown) return t("Step {step}: the ball flew off the map.", { step: sim.run.verdict.step }) + verdict;
  const s = sim.current;
  const now = { step: s.step, w1: numberText(s.w[0]), w2: numberText(s.w[1]), loss: numberText(s.loss) };
  return t("Step {step}: w1 {w1}, w2 {w2}, loss {loss}.", now) + verdict;
}
