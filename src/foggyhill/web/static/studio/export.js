// "Show the Python": the program as a standalone numpy or PyTorch script from POST /api/studio/export, in a dialog
// with a tab per library, a Copy button and a Download .py link; a program that cannot be exported says why.

import { LANGUAGE, t } from "../common/words.js";

const LIBRARIES = { numpy: "numpy", pytorch: "PyTorch" };

/** Ask the server for the script; resolves to {ok, code} or {ok: false, error: {message, hint, line}}. */
export async function exportProgram(source, files, to) {
  let response;
  try {
    response = await fetch(`/api/studio/export?lang=${LANGUAGE}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ source, files, to }),
    });
  } catch {
    return { ok: false, error: { message: t("Could not reach the foggyhill server: is `foggyhill serve` still running?") } };
  }
  const answer = await response.json().catch(() => null);
  if (answer && ("code" in answer || "error" in answer)) return answer;
  return { ok: false, error: { message: t("the server answered {status}", response) } };
}

export class ExportDialog {
  /** `dialog` holds [role=tab] buttons (data-to), [data-code], [data-copy], [data-download], [data-said]. */
  constructor(dialog, program) {
    this.dialog = dialog;
    this.program = program;  // () => {source, files, name}
    this.tabs = [...dialog.querySelectorAll("[role=tab]")];
    this.code = dialog.querySelector("[data-code]");
    this.copy = dialog.querySelector("[data-copy]");
    this.download = dialog.querySelector("[data-download]");
    this.said = dialog.querySelector("[data-said]");
    this.url = null;
    this.tabs.forEach((tab) => tab.addEventListener("click", () => this.pick(tab.dataset.to)));
    dialog.querySelector("[role=tablist]").addEventListener("keydown", (e) => this.arrow(e));
    this.copy.addEventListener("click", () => this.copyCode());
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  }

  open() {
    this.dialog.showModal();
    this.pick("numpy");
  }

  async pick(to) {
    this.to = to;
    for (const tab of this.tabs) {
      const on = tab.dataset.to === to;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
    }
    this.dialog.dataset.state = "loading";
    this.said.textContent = t("Writing the {library} script…", { library: LIBRARIES[to] });
    const { source, files } = this.program();
    const answer = await exportProgram(source, files, to);
    if (this.to !== to) return;  // another tab was picked meanwhile
    this.show(answer, to);
  }

  show(answer, to) {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.code.hidden = this.copy.hidden = this.download.hidden = !answer.ok;
    if (!answer.ok) {
      const { line, message, hint } = answer.error;
      this.code.textContent = "";
      this.said.textContent = refusal(line, message, hint);
      this.dialog.dataset.state = "refused";
      return;
    }
    this.code.textContent = answer.code;
    this.url = URL.createObjectURL(new Blob([answer.code], { type: "text/x-python" }));
    this.download.href = this.url;
    const file = to === "numpy" ? "program.py" : `program_${to}.py`;
    this.download.download = file;
    this.download.textContent = t("Download {file}", { file });
    const library = LIBRARIES[to];
    this.said.textContent = t(
      "A standalone {library} script: it loads the same data, builds the same network and prints one line per round.",
      { library });
    this.dialog.dataset.state = "ready";
  }

  async copyCode() {
    try {
      await navigator.clipboard.writeText(this.code.textContent);
      this.said.textContent = t("Copied. Paste it into a file ending in .py and run it with python.");
    } catch {
      this.said.textContent = t("This browser would not copy; select the code and copy it, or use Download.");
    }
  }

  /** Arrow keys move between the tabs, as tabs do. */
  arrow(event) {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const at = this.tabs.findIndex((t) => t.dataset.to === this.to);
    const next = this.tabs[(at + step + this.tabs.length) % this.tabs.length];
    next.focus();
    this.pick(next.dataset.to);
  }
}

/** Why a program cannot be exported, with its line and hint when it has them (whole sentences, for translation). */
function refusal(line, message, hint) {
  const said = { line, message, hint };
  if (line && hint) return t("This program cannot be taken away yet: line {line}: {message}. Hint: {hint}", said);
  if (line) return t("This program cannot be taken away yet: line {line}: {message}", said);
  if (hint) return t("This program cannot be taken away yet: {message}. Hint: {hint}", said);
  return t("This program cannot be taken away yet: {message}", said);
}
