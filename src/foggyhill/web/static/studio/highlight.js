// Studio's colours in the editor: a small tokenizer that turns the program into HTML, with the reported mistake
// wrapped in <mark>. Pure: text in, HTML out. Its words are the grammar's (studio/grammar.py editor_words, also in
// /api/schema); tests/web/test_words_and_colours_js.py holds them equal.

export const WORDS = {
  commands: [
    "load", "make_network", "train_network", "plot_training", "show", "evaluate", "predict", "print",
    "plot_network", "plot_boundary", "explain_step", "plot_weight",
  ],
  block: ["layer", "end"],
  layer: ["input", "hidden", "output", "from", "size", "kind"],
  choices: ["relu", "tanh", "sigmoid", "linear", "softmax", "plain", "momentum", "adam"],
};

const TOKEN = /(#.*$)|("[^"]*"?|'[^']*'?)|(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_]\w*)(\s*:)?|(\S)/g;

/** The class of each character of one line ("" for plain), from the tokens it belongs to. */
export function classify(line) {
  const classes = new Array(line.length).fill("");
  for (const m of line.matchAll(TOKEN)) {
    const [text, comment, string, number, word, colon] = m;
    let kind = "punct";
    if (comment) kind = "comment";
    else if (string) kind = "string";
    else if (number) kind = "number";
    else if (word) kind = wordClass(word, Boolean(colon));
    const length = word ? word.length : text.length;
    for (let i = m.index; i < m.index + length; i++) classes[i] = kind;
  }
  return classes;
}

function wordClass(word, beforeColon) {
  if (WORDS.commands.includes(word) || WORDS.block.includes(word)) return "keyword";
  if (beforeColon) return "option";
  if (WORDS.layer.includes(word)) return "layer";
  if (WORDS.choices.includes(word)) return "choice";
  return "name";
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** One line as HTML; `mark` = [start, end) columns (0-based) to wrap in <mark class="mistake">. */
export function lineHTML(line, mark = null) {
  const text = mark && mark[0] >= line.length ? line + " ".repeat(mark[0] - line.length + 1) : line;
  const classes = classify(text);
  let html = "";
  let i = 0;
  while (i < text.length) {
    const marked = mark !== null && i >= mark[0] && i < mark[1];
    let j = i + 1;
    while (j < text.length && classes[j] === classes[i] && (mark !== null && j >= mark[0] && j < mark[1]) === marked) j++;
    const piece = escape(text.slice(i, j));
    const span = classes[i] ? `<span class="t-${classes[i]}">${piece}</span>` : piece;
    html += marked ? `<mark class="mistake">${span}</mark>` : span;
    i = j;
  }
  return html;
}

/** The program as HTML, one string per line; `error` is {line, column, length} (1-based) or null. */
export function programLines(source, error = null) {
  return source.split("\n").map((line, index) => {
    const here = error && error.line === index + 1;
    const start = here ? Math.max(0, (error.column || 1) - 1) : 0;
    return lineHTML(line.replace(/\r$/, ""), here ? [start, start + Math.max(1, error.length || 1)] : null);
  });
}
