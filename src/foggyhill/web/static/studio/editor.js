// The program editor: a plain textarea (so typing, selection, undo and screen readers work as usual) over a
// highlighted copy of the same text, with line numbers beside it and the reported mistake marked in both.
// Long lines wrap in both copies alike, so every character is in view on a phone as on a desktop.

import { programLines } from "./highlight.js";

export class Editor {
  /** Wire the editor inside `root` (which holds .gutter, pre.highlight code and textarea). */
  constructor(root, { onChange = () => {} } = {}) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.code = root.querySelector("pre.highlight code");
    this.pre = root.querySelector("pre.highlight");
    this.gutter = root.querySelector(".gutter");
    this.error = null;
    this.onChange = onChange;
    this.textarea.addEventListener("input", () => {
      this.error = null;
      this.render();
      this.onChange(this.value);
    });
    this.textarea.addEventListener("scroll", () => this.syncScroll());
    // A new width (a turned phone, a scroll bar coming or going) wraps the lines anew.
    new ResizeObserver(() => this.layout()).observe(this.textarea);
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  set value(text) {
    this.textarea.value = text;
    this.error = null;
    this.render();
  }

  /** Mark a mistake at {line, column, length} (1-based), or clear the mark with null. */
  markError(error) {
    this.error = error && error.line ? error : null;
    this.render();
    this.root.classList.toggle("has-error", Boolean(this.error));
  }

  /** Put the caret at the marked mistake and bring it into view. */
  goToError() {
    if (!this.error) return;
    const lines = this.value.split("\n");
    let offset = 0;
    for (let i = 0; i < this.error.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, this.error.column - 1);
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset + Math.max(1, this.error.length || 1));
  }

  render() {
    const lines = programLines(this.value, this.error);
    this.code.innerHTML = lines.map((html) => `<span class="line">${html}</span>`).join("");
    this.gutter.innerHTML = lines
      .map((_, i) => `<span${this.error && this.error.line === i + 1 ? ' class="wrong"' : ""}>${i + 1}</span>`)
      .join("");
    this.layout();
  }

  /** Wrap the copy at the textarea's own width, and give each line number the height of its (wrapped) line. */
  layout() {
    this.pre.style.width = `${this.textarea.clientWidth}px`;
    const rows = this.code.children;
    const numbers = this.gutter.children;
    for (let i = 0; i < rows.length && i < numbers.length; i++) {
      numbers[i].style.height = `${rows[i].getBoundingClientRect().height}px`;
    }
    this.syncScroll();
  }

  syncScroll() {
    const { scrollTop, scrollLeft } = this.textarea;
    this.pre.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.gutter.style.transform = `translateY(${-scrollTop}px)`;
  }
}
