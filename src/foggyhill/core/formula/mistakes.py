"""A formula's mistakes in words: what a formula may use, and each of lark's errors or an unknown name as a
FormulaError with its column and a hint."""

from __future__ import annotations

import math

from lark import Token

from ...lang import N_, _, say
from ..errors import FormulaError
from .tree import FUNCTIONS

CURVE: tuple[str, ...] = ("w",)  # the variable of a curve's formula
SURFACE: tuple[str, ...] = ("w1", "w2")  # the two settings of a surface's formula


def allowed(variables: tuple[str, ...] = CURVE) -> str:
    """What a formula may use, in words."""
    return say(
        "a formula may use numbers, {variables}, + - * / ^, parentheses and {functions}",
        variables=", ".join(variables),
        functions=" ".join(FUNCTIONS),
    )


_CHARACTER_HINTS = {  # marked only: translated where the error is made
    "=": N_("write only the right-hand side, e.g. w^2 rather than loss = w^2"),
    ",": N_("each function takes one argument, e.g. sin(w)"),
    "[": N_("use ( and ) for grouping"),
    "]": N_("use ( and ) for grouping"),
    "{": N_("use ( and ) for grouping"),
    "}": N_("use ( and ) for grouping"),
    "|": N_("write abs(w) for an absolute value"),
}


def fail(text: str, position: int | None, message: str) -> FormulaError:
    """A FormulaError for `text`, pointing at `position` (None: the whole formula)."""
    return FormulaError(message, position, text)


def at_column(position: int) -> str:
    """A 0-based position in words, as the learner counts: column 1 first."""
    return say("column {column}", column=position + 1)


def things(variables: tuple[str, ...]) -> str:
    """What may come next, in words: a number, w, a function or '('."""
    return say("a number, {variables}, a function or '('", variables=", ".join(variables))


def character_error(text: str, position: int, variables: tuple[str, ...] = CURVE) -> FormulaError:
    """A character the formula cannot use, with a hint for the usual ones."""
    char = text[position]
    hint = _(_CHARACTER_HINTS[char]) if char in _CHARACTER_HINTS else allowed(variables)
    return fail(
        text,
        position,
        say("unexpected {char} at {column}: {hint}", char=repr(char), column=at_column(position), hint=hint),
    )


def end_error(text: str, variables: tuple[str, ...] = CURVE) -> FormulaError:
    """The formula stopped mid-way: an unclosed '(' or a missing last piece."""
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            opened.pop()
    if opened:
        message = say("'(' at {column} is never closed: add a matching ')'", column=at_column(opened[-1]))
        return fail(text, opened[-1], message)
    end = len(text.rstrip())
    message = say(
        "the formula ends too early at {column}: expected {things} next",
        column=at_column(end),
        things=things(variables),
    )
    return fail(text, end, message)


def close_error(text: str, position: int, before: Token | None, variables: tuple[str, ...] = CURVE) -> FormulaError:
    """A ')' that closes nothing, closes empty parentheses, or comes too soon."""
    if text[:position].count("(") <= text[:position].count(")"):
        message = say("unmatched ')' at {column}: every ')' needs an earlier '('", column=at_column(position))
        return fail(text, position, message)
    if before is not None and before.type == "LPAR":
        message = say("empty parentheses at {column}: put an expression inside, e.g. (w+1)", column=at_column(position))
        return fail(text, position, message)
    message = say(
        "unexpected ')' at {column}: expected {things} before it", column=at_column(position), things=things(variables)
    )
    return fail(text, position, message)


def juxtaposition_error(text: str, before: Token, token: Token) -> FormulaError:
    """Two pieces side by side with no operator between them."""
    position = token.start_pos or 0
    if before.type == "NUMBER" and token.type == "NUMBER" and token.value.startswith("."):
        message = say("unexpected '.' at {column}: a number has at most one decimal point", column=at_column(position))
        return fail(text, position, message)
    if before.type == "NAME" and before.value in FUNCTIONS:
        start = before.start_pos or 0
        message = say(
            "{name} at {column} needs parentheses: write {name}(w)", name=before.value, column=at_column(start)
        )
        return fail(text, start, message)
    left = "(...)" if before.type == "RPAR" else before.value
    right = "(...)" if token.type == "LPAR" else token.value
    message = say(
        "missing operator at {column}: write {left}*{right} to multiply",
        column=at_column(position),
        left=left,
        right=right,
    )
    return fail(text, position, message)


def name_hint(name: str) -> str:
    """What a curve's formula probably meant by an unknown name."""
    if name in ("x", "y", "t", "theta", "W"):
        return _("the variable is called w: use w, e.g. w^2")
    if name in ("e", "pi"):
        return _as_number(name)
    if name == "ln":
        return _("use log for the natural logarithm, e.g. log(w)")
    if name in SURFACE:
        return say(
            "a curve's formula has one variable, w (w1 and w2 belong to surfaces of two settings); to multiply, "
            "write w*{digits}",
            digits=name[1:],
        )
    if name.startswith("w") and (name[1:].isdigit() or set(name) == {"w"}):
        return say("write w*{rest} to multiply", rest=name[1:])
    return say("the only variable is w and the functions are {functions}", functions=" ".join(FUNCTIONS))


def _as_number(name: str) -> str:
    """The hint for e or pi: its value as a formula writes it (a decimal point, whatever the language)."""
    value = f"{math.e if name == 'e' else math.pi:.6f}"  # formula text, so never written the local way
    return say("write {name} as a number, e.g. {value}", name=name, value=value)


def surface_name_hint(name: str) -> str:
    """What a surface's formula probably meant by an unknown name."""
    if name == "w":
        return _("a surface's formula uses its two settings, w1 and w2, not w: e.g. w1^2 + 10*w2^2")
    if name in ("x", "y", "x1", "x2", "W1", "W2"):
        return _("the variables are called w1 and w2: e.g. w1^2 + w2^2")
    if name in ("e", "pi"):
        return _as_number(name)
    if name[:2] in SURFACE and name[2:].isdigit():  # w12: w1 times 12, most likely
        return say(
            "a surface has two settings, w1 and w2; to multiply, write {setting}*{digits}",
            setting=name[:2],
            digits=name[2:],
        )
    if name.startswith("w") and name[1:].isdigit():
        return _("a surface has two settings, w1 and w2")
    return say("the variables are w1 and w2 and the functions are {functions}", functions=" ".join(FUNCTIONS))
