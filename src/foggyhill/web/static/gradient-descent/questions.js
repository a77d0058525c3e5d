// "Check your understanding": each question, its choices with feedback, and the settings that show the answer.

import { t } from "../common/words.js";

export const QUESTIONS = [
  {
    id: "slow-down",
    prompt: t("Why does the ball slow down near the bottom?"),
    choices: [
      {
        text: t("Friction builds up the longer it rolls."),
        feedback: t("Nothing here has friction or momentum: each step is worked out fresh from the slope under the ball."),
      },
      {
        text: t("The ground flattens, and each step is speed × slope, so the steps shrink with the slope."),
        correct: true,
        feedback:
          t("The speed stays the same the whole time; the slope it multiplies shrinks toward zero. Watch “Step taken” " +
          "get smaller."),
      },
      {
        text: t("The speed is turned down automatically as it gets close."),
        feedback: t("With the constant schedule the speed never changes. It is the slope that gets smaller."),
      },
    ],
    demos: [{ label: t("Show me"), settings: { landscape: "bowl", speed: 0.1 } }],
  },
  {
    id: "too-big-too-small",
    prompt: t("What goes wrong when the speed is far too big, and far too small?"),
    choices: [
      {
        text:
          t("Too big: it jumps past the bottom, further each time, and can fly off. Too small: it crawls and runs out " +
          "of steps first."),
        correct: true,
        feedback:
          t("Big steps overshoot, and on a steep curve each overshoot lands somewhere even steeper. Tiny steps are " +
          "safe but painfully slow."),
      },
      {
        text: t("Too big: it just arrives sooner. Too small: it lands in the wrong dip."),
        feedback:
          t("Bigger is only faster up to a point: past it, every step overshoots the bottom. Try the first “Show me”."),
      },
      {
        text: t("Neither matters: any speed reaches the bottom in the end."),
        feedback:
          t("Try both “Show me” buttons: one run flies off the chart, the other is still creeping along after 100 " +
          "steps."),
      },
    ],
    demos: [
      { label: t("Show me: far too big"), settings: { speed: 1 } },
      { label: t("Show me: far too small"), settings: { landscape: "bowl", speed: 0.005 } },
    ],
  },
  {
    id: "flat-bottom",
    prompt: t("The slope is flat at the very bottom: what does that tell the model?"),
    choices: [
      {
        text: t("That the loss has reached zero."),
        feedback: t("Flat says nothing about height: the lowest point of the tilted double well has a loss below zero."),
      },
      {
        text: t("That no small step in either direction lowers the loss, so it can stop here."),
        correct: true,
        feedback:
          t("With slope 0 the rule new = old − speed × 0 leaves w where it is: there is nothing left to improve " +
          "nearby."),
      },
      {
        text: t("That it should take a bigger step to make progress."),
        feedback: t("A flat slope is the signal to stop, not to push: every direction nearby is uphill."),
      },
    ],
    demos: [{ label: t("Show me"), settings: { landscape: "bowl", speed: 0.3 } }],
  },
  {
    id: "shallow-dip",
    prompt:
      t("On the tilted double well, starting at w = −2 with speed 0.1, the ball stops in the left dip. Why not the " +
      "deeper one?"),
    choices: [
      {
        text: t("The left dip is the lowest point of the curve."),
        feedback:
          t("Look at the curve (or the peek table): the right dip is lower. The ball simply never gets to find out."),
      },
      {
        text: t("The slope is flat in the left dip too, and the ball only feels the ground under it."),
        correct: true,
        feedback:
          t("Every dip looks like a bottom from inside. A bigger speed (try 0.46) can hop over the hump to the deeper " +
          "dip."),
      },
      {
        text: t("The speed is too big, so it overshoots the right dip."),
        feedback: t("At 0.1 the steps are small and careful: that is exactly why it settles in the first dip it meets."),
      },
    ],
    demos: [
      { label: t("Show me"), settings: { start: -2, speed: 0.1 } },
      { label: t("Show me: speed 0.46"), settings: { start: -2, speed: 0.46 } },
    ],
  },
  {
    id: "stability-bound",
    prompt:
      t("The deepest dip of the tilted double well bends with curvature about 3.37, and 2 / 3.37 ≈ 0.593. What " +
      "happens to a ball that starts in that dip with a speed just above 0.593?"),
    choices: [
      {
        text: t("It settles, only a little more slowly."),
        feedback: t("Just below 0.593 it does settle, after many swings. Just above, each swing no longer shrinks."),
      },
      {
        text: t("It swings across the bottom and never settles there."),
        correct: true,
        feedback:
          t("2 / curvature is the stability bound: beyond it, every step overshoots the bottom by at least as much as " +
          "the last."),
      },
      {
        text: t("It rolls over to the shallow dip on the left."),
        feedback: t("It stays near the deep dip, swinging from side to side. Compare the two “Show me” runs."),
      },
    ],
    demos: [
      { label: t("Show me: speed 0.58"), settings: { start: 1, speed: 0.58 } },
      { label: t("Show me: speed 0.61"), settings: { start: 1, speed: 0.61 } },
    ],
  },
  {
    id: "v-shape",
    prompt: t("On the V shape, loss = |w|, plain descent bounces across the bottom forever. Why?"),
    choices: [
      {
        text: t("The bottom is too deep to reach."),
        feedback: t("The bottom is only at loss 0. The trouble is the slope, not the depth."),
      },
      {
        text: t("The speed is too small."),
        feedback: t("Any constant speed bounces here; a smaller one just bounces in a narrower band."),
      },
      {
        text: t("The slope is +1 or −1 everywhere, so the steps never shrink as the ball nears the bottom."),
        correct: true,
        feedback:
          t("On a smooth curve the slope fades near the bottom and the steps shrink with it. A sharp V gives no such " +
          "warning."),
      },
    ],
    demos: [{ label: t("Show me"), settings: { landscape: "v-shape", speed: 0.3 } }],
  },
];
