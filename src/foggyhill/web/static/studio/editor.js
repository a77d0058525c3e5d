// The program editor: a plain textarea (so typing, selection, undo and screen readers work as usual) over a
// highlighted copy of the same text, with line numbers beside it and the reported mistake marked in both.

import { programHTML } from "./highlight.js";

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
    // A trailing newline needs a visible line after it, or the copy ends one line short of the textarea.
    this.code.innerHTML = `${programHTML(this.value, this.error)}\n`;
    const count = this.value.split("\n").length;
    const numbers = [];
    for (let n = 1; n <= count; n++) {
      const wrong = this.error && this.error.line === n ? ' class="wrong"' : "";
      numbers.push(`<span${wrong}>${n}</span>`);
    }
    this.gutter.innerHTML = numbers.join("");
    this.syncScroll();
  }

  syncScroll() {
    const { scrollTop, scrollLeft } = this.textarea;
    this.pre.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.gutter.style.transform = `translateY(${-scrollTop}px)`;
  }
}
