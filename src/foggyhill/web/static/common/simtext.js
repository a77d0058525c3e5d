// What both simulation pages say beside the ball: the buttons' state with the status line, and the screen readers'
// calm summary, said once things settle rather than at every step of a roll.

import { t } from "./words.js";

const ANNOUNCE_AFTER_MS = 400;

/** Speaks into the live region `live` the words `summary(sim)` gives, once the simulation settles. */
export class Announcer {
  constructor(live, summary) {
    this.live = live;
    this.summary = summary;
    this.timer = 0;
    this.said = "";
    this.saidRolling = false;
  }

  /** While rolling the region says so, instead of keeping the step it was rolled from as if the ball were still there. */
  announce(sim) {
    clearTimeout(this.timer);
    if (sim.rolling && !sim.decided) {
      if (!this.saidRolling) this.say(t("Rolling from step {step}…", { step: sim.current.step }));
      this.saidRolling = true;
      return;
    }
    this.saidRolling = false;
    this.timer = setTimeout(() => this.say(this.summary(sim)), ANNOUNCE_AFTER_MS);
  }

  say(text) {
    if (text === this.said) return;
    this.live.textContent = text;
    this.said = text;
  }
}

/** Step, Step back, Reset and Roll as `sim` allows, and the status line for a run of `steps` steps. */
export function showControls(buttons, status, sim, steps) {
  const { step, roll, back, reset } = buttons;
  step.disabled = !sim.ready || sim.atEnd;
  back.disabled = !sim.ready || sim.index === 0;
  reset.disabled = !sim.ready;
  roll.textContent = sim.rolling ? t("Pause") : t("Roll");
  roll.classList.toggle("rolling", sim.rolling);
  let words = "";
  if (sim.loading) words = t("Working out the run…");
  else if (sim.atEnd && !sim.flown) words = t("That is the whole run, {steps} steps. Roll to go again.", { steps });
  status.textContent = words;
}
