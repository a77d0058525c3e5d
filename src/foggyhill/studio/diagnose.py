"""Turn lark's parse errors into plain words: lark's match_examples names the mistake, the tokens around it fill
in the details (which word, which line, what to write instead)."""

from __future__ import annotations

import contextlib

from lark import Token
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .errors import Span, StudioError, closest, did_you_mean
from .grammar import COMMAND_TYPES, COMMANDS, KEYWORDS, PARSER, TERMINAL_WORDS
from .mistakes import LAYER_KINDS, OPTION_WORDS, USAGE, bad_character, describe_token, match_example


def explain(error: UnexpectedInput, text: str) -> StudioError:
    """The StudioError for a lark parse error in `text`."""
    if isinstance(error, UnexpectedCharacters):
        return bad_character(error, text)
    assert isinstance(error, UnexpectedToken), type(error)
    return Context(error, text).explain()


def lex_all(text: str) -> list[Token]:
    """Every token of the text up to the first one the lexer cannot read."""
    tokens: list[Token] = []
    with contextlib.suppress(LarkError):
        tokens.extend(PARSER.lex(text))
    return tokens


class Context:
    """A parse error and the tokens around it."""

    def __init__(self, error: UnexpectedToken, text: str) -> None:
        self.error = error
        self.text = text
        self.tokens = lex_all(text)
        self.token: Token = error.token
        self.expected: set[str] = set(error.accepts or error.expected or ())
        at = getattr(self.token, "start_pos", None)
        self.index = next((i for i, t in enumerate(self.tokens) if t.start_pos == at), len(self.tokens))
        start = self.index
        while start > 0 and self.tokens[start - 1].type != "_NL":
            start -= 1
        self.line_tokens = self.tokens[start : self.index]

    def explain(self) -> StudioError:
        """The most specific explanation that fits."""
        rules = (self.unclosed_network, self.inside_network, self.layer_line, self.small_slips, self.line_start)
        for rule in (*rules, self.by_example):
            found = rule()
            if found is not None:
                return found
        return self.generic()

    def span(self, token: Token | None = None) -> Span:
        """The span of a token (the error's own by default); the end of the text for the end of the program."""
        token = self.token if token is None else token
        if token.type == "$END" or token.line is None:
            lines = self.text.rstrip("\n").split("\n")
            return Span(len(lines), len(lines[-1]) + 1)
        return Span(token.line, token.column, max(1, len(str(token)) if token.type != "_NL" else 1))

    def previous(self, back: int = 1) -> Token | None:
        """The token `back` places before the error, on the same line."""
        return self.line_tokens[-back] if len(self.line_tokens) >= back else None

    def following(self) -> Token | None:
        """The token after the error token."""
        return self.tokens[self.index + 1] if self.index + 1 < len(self.tokens) else None

    def open_network(self) -> Token | None:
        """The `make_network` whose block is still open at the error, if any."""
        opened = None
        for token in self.tokens[: self.index]:
            if token.type == "MAKE_NETWORK":
                opened = token
            elif token.type == "END":
                opened = None
        return opened

    def unclosed_network(self) -> StudioError | None:
        """The program ends, or a statement starts, inside an open make_network block."""
        opened = self.open_network()
        if opened is None or "LAYER" not in self.expected:
            return None
        kind = self.token.type
        if kind == "$END":
            return StudioError(
                "`make_network` needs an `end`",
                self.span(opened),
                expected="`end` on its own line after the last layer",
            )
        starts_statement = kind in COMMAND_TYPES
        following = self.following()
        if starts_statement or (kind == "NAME" and following is not None and following.type == "EQUAL"):
            return StudioError(
                f"`make_network` (line {opened.line}) needs an `end` before this line",
                self.span(),
                expected="`end` on its own line after the last layer",
            )
        return None

    def inside_network(self) -> StudioError | None:
        """A line inside make_network … end that does not start with `layer`."""
        if self.open_network() is None or self.line_tokens or self.token.type != "NAME":
            return None
        word = str(self.token)
        return StudioError(
            f"unknown word `{word}` inside `make_network … end`",
            self.span(),
            expected="`layer` at the start of each line, or `end`",
            hint=did_you_mean(word, ("layer", "end")) or f"write it like: {USAGE['layer']}",
        )

    def layer_line(self) -> StudioError | None:
        """Mistakes on a `layer` line."""
        if not self.line_tokens or self.line_tokens[0].type != "LAYER":
            return None
        kind, prev = self.token.type, self.previous()
        if len(self.line_tokens) == 1:
            return StudioError("`layer` needs a role: `input`, `hidden` or `output`", self.span(), hint=USAGE["layer"])
        if kind in ("COLON", "COMMA"):
            mark = ":" if kind == "COLON" else ","
            return StudioError(f"layer lines have no `{mark}`", self.span(), hint=f"write it like: {USAGE['layer']}")
        if kind == "_NL" and prev is not None and prev.type == "NAME" and len(self.line_tokens) % 2 == 1:
            return self.lone_layer_word(str(prev), prev)
        if kind == "NUMBER" and len(self.line_tokens) == 2:
            return StudioError(
                f"`size` is missing before {self.token}", self.span(), hint=f"write it like: {USAGE['layer']}"
            )
        return None

    def lone_layer_word(self, word: str, token: Token) -> StudioError:
        """A word at the end of a layer line with no partner: `kind relu` without `kind`, `from` without data."""
        role = str(self.line_tokens[1])
        if word in LAYER_KINDS:
            return StudioError(f"`kind` is missing before `{word}`", self.span(token), hint=f"write `kind {word}`")
        if role == "input" and word != "from":
            return StudioError(
                f"`from` is missing before `{word}`", self.span(token), hint=f"write it like: layer input from {word}"
            )
        return StudioError(f"`{word}` needs a value after it", self.span(), hint=f"write it like: {USAGE['layer']}")

    def line_start(self) -> StudioError | None:
        """A line that starts with a word that is neither a command nor a name being given a value."""
        kind = self.token.type
        if not self.line_tokens:
            return self.misplaced_start()
        first = self.line_tokens[0]
        if len(self.line_tokens) == 1 and first.type in COMMAND_TYPES and kind == "_NL":
            word = str(first)
            return StudioError(f"`{word}` needs something after it", self.span(first), hint=USAGE[word])
        if len(self.line_tokens) == 1 and first.type in COMMAND_TYPES and kind == "EQUAL":
            return StudioError(
                f"`{first}` is a Studio word, so it cannot be a name", self.span(first), hint="pick another name"
            )
        if first.type != "NAME" or len(self.line_tokens) != 1:
            return None
        word = str(first)
        guess = closest(word, KEYWORDS)
        if guess and guess != word:
            return StudioError(f"unknown command `{word}`", self.span(first), hint=f"did you mean `{guess}`?")
        if kind == "_NL":
            return StudioError(f"`{word}` on its own does nothing", self.span(first), hint=f"to see it: print {word}")
        if kind == "COLON":
            return StudioError(
                f"to give `{word}` a value, use `=`", self.span(), hint=f'write it like: {word} = load "fruits"'
            )
        return StudioError(
            f"a line cannot start with `{word}` {describe_token(self.token)}",
            self.span(first),
            expected="a command (" + ", ".join(COMMANDS) + ') or a name and `=`, like: data = load "fruits"',
        )

    def misplaced_start(self) -> StudioError | None:
        """`layer` or `end` outside a block, a stray value at the start of a line."""
        kind = self.token.type
        following = self.following()
        touching = following is not None and following.column == self.token.end_column
        if kind == "NUMBER" and following is not None and following.type == "NAME" and touching:
            return StudioError("a name cannot start with a digit", self.span(), hint="start it with a letter")
        if kind in ("NUMBER", "STRING", "LSQB", "MINUS"):
            return StudioError(
                f"a line cannot start with {describe_token(self.token)}",
                self.span(),
                expected="a command or a name and `=`",
                hint="to see a value: print …",
            )
        if kind == "LAYER":
            return self.stray_layer()
        if kind == "END":
            return StudioError("this `end` has no `make_network` to close", self.span(), hint="remove it")
        if kind in COMMAND_TYPES and following is not None and following.type == "EQUAL":
            return StudioError(
                f"`{self.token}` is a Studio word, so it cannot be a name", self.span(), hint="pick another name"
            )
        if kind in ("LOAD", "MAKE_NETWORK"):
            word = str(self.token)
            return StudioError(
                f"`{word}` makes a value: give it a name", self.span(), hint=f"write it like: {USAGE[word]}"
            )
        return None

    def stray_layer(self) -> StudioError:
        """A `layer` line outside make_network: often because `make_network` above it is misspelled."""
        before = [t for t in self.tokens[: self.index] if t.type != "_NL"][-3:]
        if len(before) == 3 and before[1].type == "EQUAL" and before[2].type == "NAME":
            word = str(before[2])
            if closest(word, ("make_network",)):
                return StudioError(f"unknown word `{word}`", self.span(before[2]), hint="did you mean `make_network`?")
        return StudioError(
            "`layer` lines belong inside `make_network … end`",
            self.span(),
            hint="start the block with: net = make_network",
        )

    def small_slips(self) -> StudioError | None:
        """`speed: 0,1` (a decimal comma), `x == 1`, `predict net, 1, 2` (values without brackets)."""
        kind, prev, before = self.token.type, self.previous(), self.previous(2)
        if kind == "NUMBER" and prev is not None and prev.type == "COMMA" and before is not None:
            joined = prev.column == before.end_column and self.token.column == prev.end_column
            if before.type == "NUMBER" and joined:
                return StudioError(
                    f"Studio writes decimals with a point: {before}.{self.token}, not {before},{self.token}",
                    self.span(before),
                )
        if kind == "EQUAL" and prev is not None and prev.type == "EQUAL":
            return StudioError("`==` is not Studio: one `=` gives a name a value", self.span(prev), hint="data = …")
        first = self.line_tokens[0] if self.line_tokens else None
        no_list = not any(t.type == "LSQB" for t in self.line_tokens)
        if first is not None and first.type == "PREDICT" and kind == "COMMA" and no_list:
            return StudioError(
                "put the values in square brackets", self.span(), hint=f"write it like: {USAGE['predict']}"
            )
        return None

    def by_example(self) -> StudioError | None:
        """Mistakes recognised by the parser state they leave behind."""
        label = self.example_label()
        prev = self.previous()
        if label is None or prev is None:
            return self.keyword_typo()
        return EXPLAINERS[label](self, prev)

    def example_label(self) -> str | None:
        """The EXAMPLES label whose parser state matches this line's, parsed on its own (so that the lines
        above, which change the depth of lark's stack, do not hide the match)."""
        line = self.text.split("\n")[(self.token.line or 1) - 1] if self.token.type != "$END" else ""
        try:
            PARSER.parse(line + "\n")
        except UnexpectedToken as alone:
            if alone.column != self.token.column:
                return None
            return match_example(alone)
        except LarkError:
            return None
        return None

    def keyword_typo(self) -> StudioError | None:
        """`data = lod "fruits"`: the word before the error is a misspelled command."""
        prev = self.previous()
        if prev is None or prev.type != "NAME":
            return None
        guess = closest(str(prev), COMMANDS)
        if guess is None or guess == str(prev):
            return None
        return StudioError(f"unknown word `{prev}`", self.span(prev), hint=f"did you mean `{guess}`?")

    def generic(self) -> StudioError:
        """Whatever is left: what was found and what could have come instead."""
        words = sorted({TERMINAL_WORDS.get(e, e) for e in self.expected if e in TERMINAL_WORDS})
        hint = ""
        if self.line_tokens and self.line_tokens[0].type in COMMAND_TYPES:
            hint = f"write it like: {USAGE[str(self.line_tokens[0])]}"
        unclosed = self.unclosed_list()
        if unclosed is not None:
            return unclosed
        return StudioError(
            f"unexpected {describe_token(self.token)}", self.span(), expected=" or ".join(words), hint=hint
        )

    def unclosed_list(self) -> StudioError | None:
        """A `[` on this line that is never closed."""
        depth, opened = 0, None
        for token in self.line_tokens:
            if token.type == "LSQB":
                depth, opened = depth + 1, token
            elif token.type == "RSQB":
                depth -= 1
        if depth > 0 and opened is not None and self.token.type == "_NL":
            return StudioError("this list has no closing `]`", self.span(opened), hint="end the list with ]")
        return None


# One explainer per EXAMPLES label: the mistake the parser state names, worded from the tokens around it.


def _equals(ctx: Context, prev: Token) -> StudioError:
    """`rounds = 30` where `rounds: 30` belongs."""
    return StudioError(
        "options take a colon, not `=`", ctx.span(), expected=f"`{prev}:`", hint=f"write `{prev}: …`, like rounds: 30"
    )


def _colon(ctx: Context, prev: Token) -> StudioError:
    """`on data`: the colon after an option word is missing."""
    hint = f"write `{prev}: {ctx.token}`" if ctx.token.type in ("NAME", "NUMBER", "STRING") else ""
    if not hint:
        hint = "each option is a word, a colon and a value, like `on: data`"
    guess = closest(str(prev), OPTION_WORDS)
    hint = f"did you mean `{guess}`?" if guess and guess != str(prev) else hint
    return StudioError(f"a colon `:` is missing after `{prev}`", ctx.span(prev), expected="a colon `:`", hint=hint)


def _comma(ctx: Context, prev: Token) -> StudioError:
    """Two parts of a command with no comma between them."""
    return StudioError(
        f"a comma is missing before {describe_token(ctx.token)}",
        ctx.span(),
        expected="a comma `,`",
        hint="separate the parts with commas: " + USAGE["train_network"],
    )


def _trailing(ctx: Context, prev: Token) -> StudioError:
    """A line that ends with a comma."""
    return StudioError(
        "the line ends right after a comma", ctx.span(prev), hint="remove the last comma, or add what comes after it"
    )


def _predict(ctx: Context, prev: Token) -> StudioError:
    """`predict net [..]`: no comma before the values."""
    return StudioError(
        "a comma is missing between the network and the values", ctx.span(), hint=f"write it like: {USAGE['predict']}"
    )


def _print(ctx: Context, prev: Token) -> StudioError:
    """`print "a" b`: no comma between the things to print."""
    return StudioError(f"a comma is missing before {describe_token(ctx.token)}", ctx.span(), hint=USAGE["print"])


def _same_line(ctx: Context, prev: Token) -> StudioError:
    """Layers written on the make_network line."""
    return StudioError(
        "the layers go on their own lines after `make_network`",
        ctx.span(),
        hint="press Enter after make_network, then one `layer …` per line, then `end`",
    )


def _missing_value(ctx: Context, prev: Token) -> StudioError:
    """`rounds:` or `x =` with nothing after it."""
    after = f"`{prev}`" if prev.type != "COLON" else f"`{ctx.previous(2)}:`"
    return StudioError(
        f"a value is missing after {after}", ctx.span(), expected="a number, text in quotes, a name or a list"
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
