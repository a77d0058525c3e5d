// "Check your understanding": questions with choices, feedback on each choice, and buttons that set up a
// demonstration. The page supplies the questions and what a demonstration does.

import { el } from "./dom.js";
import { t } from "./words.js";

let quizCount = 0;

/**
 * Render `questions` into `container`. Each question: {id, prompt, choices: [{text, correct, feedback}],
 * demos: [{label, settings, note}]}. `onDemo(demo, question)` runs when a "Show me" button is pressed.
 */
export function renderQuiz(container, questions, onDemo) {
  container.replaceChildren(...questions.map((q, i) => renderQuestion(q, i + 1, onDemo)));
}

function renderQuestion(question, number, onDemo) {
  const id = `q-${(quizCount += 1)}-${question.id}`;
  const feedback = el("p", { class: "feedback", id: `${id}-feedback`, "aria-live": "polite" });
  const choices = question.choices.map((choice, k) =>
    el(
      "label",
      { class: "choice" },
      el("input", {
        type: "radio",
        name: id,
        value: String(k),
        onchange: () => answer(feedback, choice),
      }),
      el("span", {}, choice.text),
    ),
  );
  const demos = (question.demos || []).map((demo) =>
    el("button", { type: "button", class: "show-me", onclick: () => onDemo(demo, question) }, demo.label),
  );
  return el(
    "fieldset",
    { class: "question", id, "aria-describedby": `${id}-feedback` },
    el("legend", {}, el("span", { class: "question-number" }, `${number}.`), " ", question.prompt),
    el("div", { class: "choices" }, choices),
    feedback,
    demos.length ? el("div", { class: "demos" }, demos) : null,
  );
}

function answer(feedback, choice) {
  feedback.className = `feedback ${choice.correct ? "right" : "wrong"}`;
  feedback.replaceChildren(el("strong", {}, choice.correct ? t("Yes.") : t("Not quite."), " "), choice.feedback);
}
