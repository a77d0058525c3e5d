"""The words for parse mistakes: how each command is written, the malformed examples whose parser state names a
mistake (lark's match_examples idea), the option words and layer kinds, and the characters Studio has no use
for. Plain data and functions of a token; the explainers, which read the tokens around a mistake, are in diagnose
and slips."""

from __future__ import annotations

import re
import unicodedata

from lark import Token
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedToken

from ..lang import _, say
from ..nn import HIDDEN_KINDS, OUTPUT_KINDS
from .errors import Span, StudioError
from .grammar import PARSER, TERMINAL_WORDS

# How each command is written, for hints.
USAGE = {
    "load": 'data = load "fruits"',
    "make_network": "net = make_network … end",
    "train_network": "train_network net, on: data, rounds: 30, speed: 0.1",
    "plot_training": "plot_training net",
    "show": "show data",
    "evaluate": "evaluate net, on: data",
    "predict": "predict net, [5.1, 3.5, 1.4, 0.2]",
    "print": 'print "hello", 42',
    "layer": "layer hidden size 16 kind relu",
    "plot_network": "plot_network net",
    "plot_boundary": "plot_boundary net, on: data",
    "explain_step": "explain_step net, on: data, row: 1",
    "plot_weight": "plot_weight net, on: data, layer: 1, weight: [1, 1]",
}

# Malformed examples whose parser state names the mistake (lark's match_examples idea).
EXAMPLES: dict[str, list[str]] = {
    "equals_in_option": ["train_network n, rounds = 3\n", "train_network n, on: d, rounds = 3\n"],
    "missing_colon": [
        "train_network n, on d\n",
        "train_network n, on: d, rounds 30\n",
        "train_network n, d, rounds: 3\n",
        "train_network n, on: d, r, s: 1\n",
        "train_network n, d\n",
        "train_network n, on: d, r\n",
    ],
    "missing_comma": ["train_network n on: d\n", "evaluate n on: d\n", 'd = load "x" target: "y"\n'],
    "missing_comma_between_options": ["train_network n, on: d rounds: 3\n", "train_network n, on: d, a: 1 b: 1\n"],
    "trailing_comma": ["train_network n, on: d,\n", "train_network n,\n", "print 1,\n", "predict n,\n"],
    "predict_comma": ["predict n [1, 2]\n"],
    "print_comma": ['print "a" b\n', "print 1 2\n"],
    "layer_on_same_line": ["n = make_network layer input from d\n"],
    "missing_value": [
        "train_network n, on:\n",
        "train_network n, on: d, rounds:\n",
        "train_network n, rounds: ,\n",
        "train_network n, on: d, rounds: ,\n",
        "x =\n",
    ],
}


def bad_character(error: UnexpectedCharacters, text: str) -> StudioError:
    """A character the language has no use for, or a string that never ends."""
    char = text[error.pos_in_stream] if error.pos_in_stream < len(text) else ""
    span = Span(error.line, error.column)
    if char in "\"'":
        rest = text[error.pos_in_stream :].split("\n", 1)[0]
        return StudioError(
            say("this text has no closing {mark}", mark=char),
            Span(error.line, error.column, len(rest)),
            hint=say("end it with {mark}", mark=char),
        )
    if char in "“”‘’":
        return StudioError(
            say("curly quote {mark} cannot start text", mark=char), span, hint=_('use straight quotes: "fruits"')
        )
    if char in "(){}":
        return StudioError(
            say("Studio does not use brackets like {mark}", mark=char),
            span,
            hint=_("commands take their values after a space and commas: train_network net, on: data, rounds: 30"),
        )
    if char in "+*/^%":
        return StudioError(
            say("Studio does no arithmetic, so `{mark}` cannot be used here", mark=char),
            span,
            hint=_("write the number itself, like 0.1"),
        )
    if char == ";":
        return StudioError(_("Studio does not use `;`"), span, hint=_("put each statement on its own line"))
    if char == "\u00a0":
        return StudioError(_("a non-breaking space is here"), span, hint=_("replace it with an ordinary space"))
    if char.isdigit():  # ３０ from a full-width keyboard, ٣ from another script: Python's int() would take them
        typed = re.match(r"[\d.．]{1,20}", text[error.pos_in_stream :])
        plain = "".join(
            str(unicodedata.digit(c, "?")) if c not in ".．" else "." for c in (typed.group() if typed else char)
        )
        return StudioError(
            say("the digit `{digit}` is not one of 0 to 9", digit=char),
            span,
            hint=say("Studio writes numbers with the digits 0 to 9: {plain}", plain=plain),
        )
    if char.isalpha():
        return StudioError(
            say("the letter `{letter}` cannot be used here", letter=char),
            span,
            hint=_("names use the plain letters a to z, digits and _; put other letters inside quotes"),
        )
    shown = repr(char)[1:-1] if not char.isprintable() else char
    return StudioError(
        say("the character `{shown}` cannot be used here", shown=shown),
        span,
        expected=_("letters, numbers, `=`, `,`, `:`, `[`, `]`, `-`, text in quotes, or `#` for a comment"),
    )


def match_example(error: UnexpectedToken) -> str | None:
    """lark's match_examples, done here: the label of the first example that fails in the same parser state with
    the same acceptable tokens on the same kind of token. (lark's own version formats a debug message that raises
    TypeError for some states.)"""
    for label, examples in EXAMPLES.items():
        for example in examples:
            try:
                PARSER.parse(example)
            except UnexpectedToken as other:
                if (
                    other.state == error.state
                    and other.accepts == error.accepts
                    and other.token.type == error.token.type
                ):
                    return label
            except LarkError:
                continue
    return None


def describe_token(token: Token) -> str:
    """A token as a message says it."""
    if token.type in ("_NL", "$END"):
        return _(TERMINAL_WORDS[token.type])
    if token.type == "STRING":
        return say("text {text}", text=str(token))
    if token.type == "NUMBER":
        return say("number {number}", number=str(token))
    return f"`{token}`"


OPTION_WORDS = ("on", "rounds", "speed", "batch", "seed", "optimizer", "target", "row", "layer", "weight", "bias")
LAYER_KINDS = tuple(dict.fromkeys((*HIDDEN_KINDS, *OUTPUT_KINDS)))
