"""The explainers of the mistakes lark's parser states name (mistakes.EXAMPLES): each words one from the tokens
around it. diagnose's Context hands itself in; this module knows it only by what it offers (Around)."""

from __future__ import annotations

from typing import Protocol

from lark import Token

from ..lang import _, say
from .errors import Span, StudioError, closest
from .mistakes import OPTION_WORDS, USAGE, describe_token


class Around(Protocol):
    """A parse error and the tokens around it, as diagnose.Context holds them."""

    token: Token

    def span(self, token: Token | None = None) -> Span:
        """The span of a token (the error's own by default)."""
        ...

    def previous(self, back: int = 1) -> Token | None:
        """The token `back` places before the error, on the same line."""
        ...


# One explainer per EXAMPLES label: the mistake the parser state names, worded from the tokens around it.


def _equals(ctx: Around, prev: Token) -> StudioError:
    """`rounds = 30` where `rounds: 30` belongs."""
    return StudioError(
        _("options take a colon, not `=`"),
        ctx.span(),
        expected=f"`{prev}:`",
        hint=say("write `{option}: …`, like {example}", option=str(prev), example="rounds: 30"),
    )


def _colon(ctx: Around, prev: Token) -> StudioError:
    """`on data`: the colon after an option word is missing."""
    hint = say("write `{code}`", code=f"{prev}: {ctx.token}") if ctx.token.type in ("NAME", "NUMBER", "STRING") else ""
    if not hint:
        hint = _("each option is a word, a colon and a value, like `on: data`")
    guess = closest(str(prev), OPTION_WORDS)
    hint = say("did you mean `{word}`?", word=guess) if guess and guess != str(prev) else hint
    return StudioError(
        say("a colon `:` is missing after `{word}`", word=str(prev)),
        ctx.span(prev),
        expected=_("a colon `:`"),
        hint=hint,
    )


def _comma(ctx: Around, prev: Token) -> StudioError:
    """Two parts of a command with no comma between them."""
    return StudioError(
        say("a comma is missing before {what}", what=describe_token(ctx.token)),
        ctx.span(),
        expected=_("a comma `,`"),
        hint=say("separate the parts with commas: {example}", example=USAGE["train_network"]),
    )


def _trailing(ctx: Around, prev: Token) -> StudioError:
    """A line that ends with a comma."""
    return StudioError(
        _("the line ends right after a comma"),
        ctx.span(prev),
        hint=_("remove the last comma, or add what comes after it"),
    )


def _predict(ctx: Around, prev: Token) -> StudioError:
    """`predict net [..]`: no comma before the values."""
    return StudioError(
        _("a comma is missing between the network and the values"),
        ctx.span(),
        hint=say("write it like: {example}", example=USAGE["predict"]),
    )


def _print(ctx: Around, prev: Token) -> StudioError:
    """`print "a" b`: no comma between the things to print."""
    return StudioError(
        say("a comma is missing before {what}", what=describe_token(ctx.token)), ctx.span(), hint=USAGE["print"]
    )


def _same_line(ctx: Around, prev: Token) -> StudioError:
    """Layers written on the make_network line."""
    return StudioError(
        _("the layers go on their own lines after `make_network`"),
        ctx.span(),
        hint=_("press Enter after make_network, then one `layer …` per line, then `end`"),
    )


def _missing_value(ctx: Around, prev: Token) -> StudioError:
    """`rounds:` or `x =` with nothing after it."""
    after = f"`{prev}`" if prev.type != "COLON" else f"`{ctx.previous(2)}:`"
    return StudioError(
        say("a value is missing after {what}", what=after),
        ctx.span(),
        expected=_("a number, text in quotes, a name or a list"),
    )


EXPLAINERS = {
    "equals_in_option": _equals,
    "missing_colon": _colon,
    "missing_comma": _comma,
    "missing_comma_between_options": _comma,
    "trailing_comma": _trailing,
    "predict_comma": _predict,
    "print_comma": _print,
    "layer_on_same_line": _same_line,
    "missing_value": _missing_value,
}
