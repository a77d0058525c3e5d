// "Check your understanding": questions about surfaces, each choice with its feedback, and the settings that show the
// answer (every demonstration's outcome was checked against the engine's own run).

export const QUESTIONS = [
  {
    id: "zig-zag",
    prompt: "On the ravine at speed 0.095 the ball zig-zags from wall to wall. Why?",
    choices: [
      {
        text: "The slope arrow points at the bottom, but the ball is too heavy to follow it.",
        feedback: "There is no weight here. And in a stretched valley the slope does not point at the bottom: it " +
          "points straight across the contour lines, mostly across the valley.",
      },
      {
        text: "The speed is close to 2/20 = 0.1, the limit of the steep direction: every step overshoots across the " +
          "valley, each time by a little less.",
        correct: true,
        feedback: "Across the valley the curvature is 20, so each step multiplies the distance across by " +
          "1 − 0.095 × 20 = −0.9: it flips side and shrinks only a little. Along the valley the curvature is 2, " +
          "so there the ball creeps.",
      },
      {
        text: "The valley is bumpy.",
        feedback: "The ravine is a smooth bowl, w1^2 + 10*w2^2. Tick “Show the steepest direction” to see why the " +
          "steps go mostly across it.",
      },
    ],
    demos: [{ label: "Show me", settings: { landscape: "ravine", speed: 0.095 } }],
  },
  {
    id: "momentum",
    prompt: "At speed 0.01 on the ravine, plain descent needs 388 steps to settle. What does momentum change?",
    choices: [
      {
        text: "Nothing: the speed is the same, so the steps are the same.",
        feedback: "Momentum's step is not speed × slope alone: it adds 0.9 of its last step. Compare the two runs.",
      },
      {
        text: "It flies off: remembering old steps makes every step too long.",
        feedback: "Not at this speed: both runs settle. Momentum has its own, lower speed limit, though.",
      },
      {
        text: "It keeps part of each step: the small pushes along the valley add up, so it settles sooner (146 steps).",
        correct: true,
        feedback: "Along the gentle direction every step pushes the same way, so the kept part grows into a long " +
          "stride. Across the valley the pushes take turns, so they partly cancel.",
      },
    ],
    demos: [
      { label: "Show me: plain", settings: { landscape: "ravine", speed: 0.01, steps: 400 } },
      { label: "Show me: momentum", settings: { landscape: "ravine", speed: 0.01, steps: 400, optimizer: "momentum" } },
    ],
  },
  {
    id: "saddle",
    prompt: "The ball starts exactly on the line w2 = 0 of the saddle. Where does it end?",
    choices: [
      {
        text: "At the saddle point in the middle, and it stays there.",
        correct: true,
        feedback: "On that line the slope has no w2 part at all, so no step ever leaves the line, and along it the " +
          "lowest place is the saddle. Start a hair to one side and it rolls off to a dip.",
      },
      {
        text: "In one of the two dips, whichever is closer.",
        feedback: "Both dips are equally close, and nothing on that line pushes the ball toward either one.",
      },
      {
        text: "It flies off, because the saddle is not a dip.",
        feedback: "A saddle is flat in the middle like a dip: the slope there is zero, so the steps shrink to " +
          "nothing as it gets close.",
      },
    ],
    demos: [
      { label: "Show me: on the line", settings: { landscape: "saddle", start: "-2,0" } },
      { label: "Show me: a little off it", settings: { landscape: "saddle", start: "-2,0.05" } },
    ],
  },
  {
    id: "scaling",
    prompt: "Why does the line through the scaled data settle in 34 steps at speed 0.1, while the raw fit crawls?",
    choices: [
      {
        text: "The scaled data has fewer points.",
        feedback: "Both fits use the same 30 days; only the units changed.",
      },
      {
        text: "Raw temperatures are big numbers, so the loss is thousands of times steeper one way than the other; " +
          "scaled, the bowl is round and one speed suits both settings.",
        correct: true,
        feedback: "The raw fit's condition number is about twelve thousand: a speed safe across the valley (below " +
          "0.00147) barely moves the ball along it. Scaled, the condition number is 1.",
      },
      {
        text: "The raw fit has a different best line, so it is harder to find.",
        feedback: "It is the same line in other units. What changes is the shape of the valley around it.",
      },
    ],
    demos: [
      { label: "Show me: raw", settings: { landscape: "lemonade-line", speed: 0.0014, steps: 300 } },
      { label: "Show me: scaled", settings: { landscape: "lemonade-line-scaled", speed: 0.1 } },
    ],
  },
];
