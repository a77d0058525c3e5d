"""The Studio grammar (lark, LALR) and the words of the language, named once for the parser, the hints and the docs."""

from __future__ import annotations

from lark import Lark

from ..lang import N_
from ..nn import HIDDEN_KINDS, NN_OPTIMIZERS, OUTPUT_KINDS
from .build import PARTS, ROLES

GRAMMAR = r"""
start: (_stmt? _NL)*
_stmt: assign | train | plot | show | evaluate | predict | print | plot_network | plot_boundary | explain_step
     | plot_weight
assign: NAME EQUAL _value
_value: load | network | _expr
load: LOAD _expr options
network: MAKE_NETWORK _NL (layer? _NL)* END
layer: LAYER NAME layer_part*
layer_part: NAME _expr
train: TRAIN _expr options
plot: PLOT _expr
show: SHOW _expr
evaluate: EVALUATE _expr options
predict: PREDICT _expr COMMA _expr
print: PRINT _expr (COMMA _expr)*
plot_network: PLOT_NETWORK _expr
plot_boundary: PLOT_BOUNDARY _expr options
explain_step: EXPLAIN_STEP _expr options
plot_weight: PLOT_WEIGHT _expr options
options: (COMMA option)*
option: (NAME | LAYER) COLON _expr
_expr: NUMBER | STRING | NAME | list | neg
neg: MINUS NUMBER
list: LSQB [_expr (COMMA _expr)*] RSQB

LOAD: "load"
MAKE_NETWORK: "make_network"
END: "end"
LAYER: "layer"
TRAIN: "train_network"
PLOT: "plot_training"
SHOW: "show"
EVALUATE: "evaluate"
PREDICT: "predict"
PRINT: "print"
PLOT_NETWORK: "plot_network"
PLOT_BOUNDARY: "plot_boundary"
EXPLAIN_STEP: "explain_step"
PLOT_WEIGHT: "plot_weight"
NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?/
STRING: /"[^"\n]*"/ | /'[^'\n]*'/
COMMA: ","
COLON: ":"
EQUAL: "="
MINUS: "-"
LSQB: "["
RSQB: "]"
COMMENT: /#[^\n]*/
_NL: /\n/
WS: /[ \t\f\r]+/
%ignore WS
%ignore COMMENT
"""

# The words a line can start with, as the learner types them.
COMMANDS = (
    "load",
    "make_network",
    "train_network",
    "plot_training",
    "show",
    "evaluate",
    "predict",
    "print",
    "plot_network",
    "plot_boundary",
    "explain_step",
    "plot_weight",
)
BLOCK_WORDS = ("layer", "end")
KEYWORDS = (*COMMANDS, *BLOCK_WORDS)

# terminal name -> how an error message says it (translated where said)
TERMINAL_WORDS = {
    "NAME": N_("a name"),
    "NUMBER": N_("a number"),
    "STRING": N_('text in quotes, like "fruits"'),
    "COMMA": N_("a comma `,`"),
    "COLON": N_("a colon `:`"),
    "EQUAL": "`=`",
    "MINUS": "`-`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "_NL": N_("the end of the line"),
    "$END": N_("the end of the program"),
    "LOAD": "`load`",
    "MAKE_NETWORK": "`make_network`",
    "END": "`end`",
    "LAYER": "`layer`",
    "TRAIN": "`train_network`",
    "PLOT": "`plot_training`",
    "SHOW": "`show`",
    "EVALUATE": "`evaluate`",
    "PREDICT": "`predict`",
    "PRINT": "`print`",
    "PLOT_NETWORK": "`plot_network`",
    "PLOT_BOUNDARY": "`plot_boundary`",
    "EXPLAIN_STEP": "`explain_step`",
    "PLOT_WEIGHT": "`plot_weight`",
}

# The terminal names of the COMMANDS words: the tokens a command line starts with.
COMMAND_TYPES = {
    "LOAD",
    "MAKE_NETWORK",
    "TRAIN",
    "PLOT",
    "SHOW",
    "EVALUATE",
    "PREDICT",
    "PRINT",
    "PLOT_NETWORK",
    "PLOT_BOUNDARY",
    "EXPLAIN_STEP",
    "PLOT_WEIGHT",
}


def build_parser() -> Lark:
    """A fresh LALR parser; the basic lexer keeps keywords keywords everywhere, so `end` is never a name."""
    return Lark(GRAMMAR, parser="lalr", lexer="basic", propagate_positions=True, maybe_placeholders=False)


PARSER = build_parser()


def editor_words() -> dict[str, list[str]]:
    """Studio's words by how the editor colours them (studio/highlight.js; /api/schema carries them)."""
    return {
        "commands": list(COMMANDS),
        "block": list(BLOCK_WORDS),
        "layer": list(dict.fromkeys((*ROLES, *(part for parts in PARTS.values() for part in parts)))),
        "choices": list(dict.fromkeys((*HIDDEN_KINDS, *OUTPUT_KINDS, *NN_OPTIMIZERS))),
    }
