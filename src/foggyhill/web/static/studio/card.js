// The language on one card: each command of Studio with a note on what it takes. The commands are Studio's own and
// stay as they are; the notes are the reader's words, so they come from the catalogs, lined up in one column as
// comments are in a program.

import { t } from "../common/words.js";

const NOTE_COLUMN = 43;  // where the notes start, after the longest of the short lines

/** The card's lines: [a line of Studio, its note or ""] (the note of an empty line goes on with the one above). */
export function cardLines() {
  return [
    ['data = load "fruits"', t("also: lemonade, checkerboard, spirals, or an uploaded CSV:")],
    ["", '  data = load "mine.csv", target: "column"'],
    ["net = make_network", ""],
    ["  layer input from data", t("first: one input per feature")],
    ["  layer hidden size 16 kind relu", t("relu, tanh, sigmoid or linear")],
    ["  layer output size 4 kind softmax", t("softmax (classes), sigmoid (yes/no), linear (a number)")],
    ["end", ""],
    ["train_network net, on: data, rounds: 30, speed: 0.1", t("optional: batch: 32, seed: 0, optimizer: adam")],
    ["plot_training net", t("the loss (and accuracy) per round")],
    ["show data", t("the first rows and a summary")],
    ["evaluate net, on: data", t("loss and accuracy")],
    ["predict net, [150, 7.2, 7.5, 0.7]", t("one number per feature")],
    ['print "any", 1, [2, 3]', ""],
    ["plot_network net", t("the network drawn, growing while it trains")],
    ["plot_boundary net, on: data", t("for two features: what it picks over the plane")],
    ["explain_step net, on: data, row: 1", t("one step of backpropagation, in numbers")],
    ["plot_weight net, on: data, layer: 1, weight: [1, 2]", t("one weight's own loss curve")],
  ];
}

/** The card as program text: a long line keeps four spaces before its note. */
export function cardText() {
  const line = ([code, note]) => {
    if (!note) return code;
    return `${code.length < NOTE_COLUMN ? code.padEnd(NOTE_COLUMN) : `${code}    `}# ${note}`;
  };
  return cardLines().map(line).join("\n");
}
