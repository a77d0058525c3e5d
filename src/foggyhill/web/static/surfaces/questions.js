// "Check your understanding": questions about surfaces, each choice with its feedback, and the settings that show the
// answer (every demonstration's outcome was checked against the engine's own run).

import { t } from "../common/words.js";

export const QUESTIONS = [
  {
    id: "zig-zag",
    prompt: t("On the ravine at speed 0.095 the ball zig-zags from wall to wall. Why?"),
    choices: [
      {
        text: t("The slope arrow points at the bottom, but the ball is too heavy to follow it."),
        feedback: t("There is no weight here. And in a stretched valley the slope does not point at the bottom: it points straight across the contour lines, mostly across the valley."),
      },
      {
        text: t("The speed is close to 2/20 = 0.1, the limit of the steep direction: every step overshoots across the valley, each time by a little less."),
        correct: true,
        feedback: t("Across the valley the curvature is 20, so each step multiplies the distance across by 1 − 0.095 × 20 = −0.9: it flips side and shrinks only a little. Along the valley the curvature is 2, so there the ball creeps."),
      },
      {
        text: t("The valley is bumpy."),
        feedback: t("The ravine is a smooth bowl, w1^2 + 10*w2^2. Tick “Show the steepest direction” to see why the steps go mostly across it."),
      },
    ],
    demos: [{ label: t("Show me"), settings: { landscape: "ravine", speed: 0.095 } }],
  },
  {
    id: "momentum",
    prompt: t("At speed 0.01 on the ravine, plain descent needs 388 steps to settle. What does momentum change?"),
    choices: [
      {
        text: t("Nothing: the speed is the same, so the steps are the same."),
        feedback: t("Momentum's step is not speed × slope alone: it adds 0.9 of its last step. Compare the two runs."),
      },
      {
        text: t("It flies off: remembering old steps makes every step too long."),
        feedback: t("Not at this speed: both runs settle. Momentum has its own, lower speed limit, though."),
      },
      {
        text: t("It keeps part of each step: the small pushes along the valley add up, so it settles sooner (146 steps)."),
        correct: true,
        feedback: t("Along the gentle direction every step pushes the same way, so the kept part grows into a long stride. Across the valley the pushes take turns, so they partly cancel."),
      },
    ],
    demos: [
      { label: t("Show me: plain"), settings: { landscape: "ravine", speed: 0.01, steps: 400 } },
      { label: t("Show me: momentum"), settings: { landscape: "ravine", speed: 0.01, steps: 400, optimizer: "momentum" } },
    ],
  },
  {
    id: "saddle",
    prompt: t("The ball starts exactly on the line w2 = 0 of the saddle. Where does it end?"),
    choices: [
      {
        text: t("At the saddle point in the middle, and it stays there."),
        correct: true,
        feedback: t("On that line the slope has no w2 part at all, so no step ever leaves the line, and along it the lowest place is the saddle. Start a hair to one side and it rolls off to a dip."),
      },
      {
        text: t("In one of the two dips, whichever is closer."),
        feedback: t("Both dips are equally close, and nothing on that line pushes the ball toward either one."),
      },
      {
        text: t("It flies off, because the saddle is not a dip."),
        feedback: t("A saddle is flat in the middle like a dip: the slope there is zero, so the steps shrink to nothing as it gets close."),
      },
    ],
    demos: [
      { label: t("Show me: on the line"), settings: { landscape: "saddle", start: "-2,0" } },
      { label: t("Show me: a little off it"), settings: { landscape: "saddle", start: "-2,0.05" } },
    ],
  },
  {
    id: "scaling",
    prompt: t("Why does the line through the scaled data settle in 34 steps at speed 0.1, while the raw fit crawls?"),
    choices: [
      {
        text: t("The scaled data has fewer points."),
        feedback: t("Both fits use the same 30 days; only the units changed."),
      },
      {
        text: t("Raw temperatures are big numbers, so the loss is thousands of times steeper one way than the other; scaled, the bowl is round and one speed suits both settings."),
        correct: true,
        feedback: t("The raw fit's condition number is about twelve thousand: a speed safe across the valley (below 0.00147) barely moves the ball along it. Scaled, the condition number is 1."),
      },
      {
        text: t("The raw fit has a different best line, so it is harder to find."),
        feedback: t("It is the same line in other units. What changes is the shape of the valley around it."),
      },
    ],
    demos: [
      { label: t("Show me: raw"), settings: { landscape: "lemonade-line", speed: 0.0014, steps: 300 } },
      { label: t("Show me: scaled"), settings: { landscape: "lemonade-line-scaled", speed: 0.1 } },
    ],
  },
];
