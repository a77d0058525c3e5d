// The words a setting's choice is shown with. The value (in links, flags, Studio and the engine) stays as it is; a
// learner reads it in the page's language where it is a word (plain, constant) and as a name where it is one (adam).

import { LANGUAGE, t } from "./words.js";

/** `value`, a choice of a setting, as a learner reads it; a value with no words here is shown as itself. */
export function choiceText(value) {
  const words = {
    plain: t("plain"),
    momentum: t("momentum"),
    constant: t("constant"),
    // "step" alone is also the word for one step of a run; this message names the schedule only.
    step: LANGUAGE === "en" ? "step" : t("step (the schedule)"),
    exponential: t("exponential"),
  };
  return words[value] ?? value;
}

/** A setting's name as a label: "Steps", "Optimizer" (a name with no words here is capitalised). */
export function settingLabel(name) {
  const words = {
    steps: t("Steps"),
    optimizer: t("Optimizer"),
    schedule: t("Schedule"),
    noise: t("Noise"),
    seed: t("Seed"),
  };
  return words[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}
