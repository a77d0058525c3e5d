"""Turn lark's parse errors into plain words: lark's match_examples names the mistake, the tokens around it fill
in the details (which word, which line, what to write instead)."""

from __future__ import annotations

import contextlib

from lark import Token
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..lang import _, say
from .errors import Span, StudioError, closest, did_you_mean, either
from .grammar import COMMAND_TYPES, COMMANDS, KEYWORDS, PARSER, TERMINAL_WORDS
from .mistakes import LAYER_KINDS, USAGE, bad_character, describe_token, match_example
from .slips import EXPLAINERS


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
                _("`make_network` needs an `end`"),
                self.span(opened),
                expected=_("`end` on its own line after the last layer"),
            )
        starts_statement = kind in COMMAND_TYPES
        following = self.following()
        if starts_statement or (kind == "NAME" and following is not None and following.type == "EQUAL"):
            return StudioError(
                say("`make_network` (line {line}) needs an `end` before this line", line=opened.line),
                self.span(),
                expected=_("`end` on its own line after the last layer"),
            )
        return None

    def inside_network(self) -> StudioError | None:
        """A line inside make_network … end that does not start with `layer`."""
        if self.open_network() is None or self.line_tokens or self.token.type != "NAME":
            return None
        word = str(self.token)
        return StudioError(
            say("unknown word `{word}` inside `make_network … end`", word=word),
            self.span(),
            expected=_("`layer` at the start of each line, or `end`"),
            hint=did_you_mean(word, ("layer", "end")) or say("write it like: {example}", example=USAGE["layer"]),
        )

    def layer_line(self) -> StudioError | None:
        """Mistakes on a `layer` line."""
        if not self.line_tokens or self.line_tokens[0].type != "LAYER":
            return None
        kind, prev = self.token.type, self.previous()
        if len(self.line_tokens) == 1:
            return StudioError(
                _("`layer` needs a role: `input`, `hidden` or `output`"), self.span(), hint=USAGE["layer"]
            )
        if kind in ("COLON", "COMMA"):
            mark = ":" if kind == "COLON" else ","
            return StudioError(
                say("layer lines have no `{mark}`", mark=mark),
                self.span(),
                hint=say("write it like: {example}", example=USAGE["layer"]),
            )
        if kind == "_NL" and prev is not None and prev.type == "NAME" and len(self.line_tokens) % 2 == 1:
            return self.lone_layer_word(str(prev), prev)
        if kind == "NUMBER" and len(self.line_tokens) == 2:
            return StudioError(
                say("`size` is missing before {number}", number=str(self.token)),
                self.span(),
                hint=say("write it like: {example}", example=USAGE["layer"]),
            )
        return None

    def lone_layer_word(self, word: str, token: Token) -> StudioError:
        """A word at the end of a layer line with no partner: `kind relu` without `kind`, `from` without data."""
        role = str(self.line_tokens[1])
        if word in LAYER_KINDS:
            return StudioError(
                say("`kind` is missing before `{word}`", word=word),
                self.span(token),
                hint=say("write `kind {word}`", word=word),
            )
        if role == "input" and word != "from":
            return StudioError(
                say("`from` is missing before `{word}`", word=word),
                self.span(token),
                hint=say("write it like: {example}", example=f"layer input from {word}"),
            )
        return StudioError(
            say("`{word}` needs a value after it", word=word),
            self.span(),
            hint=say("write it like: {example}", example=USAGE["layer"]),
        )

    def line_start(self) -> StudioError | None:
        """A line that starts with a word that is neither a command nor a name being given a value."""
        kind = self.token.type
        if not self.line_tokens:
            return self.misplaced_start()
        first = self.line_tokens[0]
        if len(self.line_tokens) == 1 and first.type in COMMAND_TYPES and kind == "_NL":
            word = str(first)
            return StudioError(say("`{word}` needs something after it", word=word), self.span(first), hint=USAGE[word])
        if len(self.line_tokens) == 1 and first.type in COMMAND_TYPES and kind == "EQUAL":
            return StudioError(
                say("`{word}` is a Studio word, so it cannot be a name", word=str(first)),
                self.span(first),
                hint=_("pick another name"),
            )
        if first.type != "NAME" or len(self.line_tokens) != 1:
            return None
        word = str(first)
        guess = closest(word, KEYWORDS)
        if guess and guess != word:
            return StudioError(
                say("unknown command `{word}`", word=word),
                self.span(first),
                hint=say("did you mean `{word}`?", word=guess),
            )
        if kind == "_NL":
            return StudioError(
                say("`{word}` on its own does nothing", word=word),
                self.span(first),
                hint=say("to see it: {example}", example=f"print {word}"),
            )
        if kind == "COLON":
            return StudioError(
                say("to give `{word}` a value, use `=`", word=word),
                self.span(),
                hint=say("write it like: {example}", example=f'{word} = load "fruits"'),
            )
        return StudioError(
            say("a line cannot start with `{word}` {then}", word=word, then=describe_token(self.token)),
            self.span(first),
            expected=say(
                "a command ({commands}) or a name and `=`, like: {example}",
                commands=", ".join(COMMANDS),
                example='data = load "fruits"',
            ),
        )

    def misplaced_start(self) -> StudioError | None:
        """`layer` or `end` outside a block, a stray value at the start of a line."""
        kind = self.token.type
        following = self.following()
        touching = following is not None and following.column == self.token.end_column
        if kind == "NUMBER" and following is not None and following.type == "NAME" and touching:
            return StudioError(_("a name cannot start with a digit"), self.span(), hint=_("start it with a letter"))
        if kind in ("NUMBER", "STRING", "LSQB", "MINUS"):
            return StudioError(
                say("a line cannot start with {what}", what=describe_token(self.token)),
                self.span(),
                expected=_("a command or a name and `=`"),
                hint=say("to see a value: {example}", example="print …"),
            )
        if kind == "LAYER":
            return self.stray_layer()
        if kind == "END":
            return StudioError(_("this `end` has no `make_network` to close"), self.span(), hint=_("remove it"))
        if kind in COMMAND_TYPES and following is not None and following.type == "EQUAL":
            return StudioError(
                say("`{word}` is a Studio word, so it cannot be a name", word=str(self.token)),
                self.span(),
                hint=_("pick another name"),
            )
        if kind in ("LOAD", "MAKE_NETWORK"):
            word = str(self.token)
            return StudioError(
                say("`{word}` makes a value: give it a name", word=word),
                self.span(),
                hint=say("write it like: {example}", example=USAGE[word]),
            )
        return None

    def stray_layer(self) -> StudioError:
        """A `layer` line outside make_network: often because `make_network` above it is misspelled."""
        before = [t for t in self.tokens[: self.index] if t.type != "_NL"][-3:]
        if len(before) == 3 and before[1].type == "EQUAL" and before[2].type == "NAME":
            word = str(before[2])
            if closest(word, ("make_network",)):
                return StudioError(
                    say("unknown word `{word}`", word=word),
                    self.span(before[2]),
                    hint=say("did you mean `{word}`?", word="make_network"),
                )
        return StudioError(
            _("`layer` lines belong inside `make_network … end`"),
            self.span(),
            hint=say("start the block with: {example}", example="net = make_network"),
        )

    def small_slips(self) -> StudioError | None:
        """`speed: 0,1` (a decimal comma), `x == 1`, `predict net, 1, 2` (values without brackets)."""
        kind, prev, before = self.token.type, self.previous(), self.previous(2)
        if kind == "NUMBER" and prev is not None and prev.type == "COMMA" and before is not None:
            joined = prev.column == before.end_column and self.token.column == prev.end_column
            if before.type == "NUMBER" and joined:
                return StudioError(
                    say(
                        "Studio writes decimals with a point: {right}, not {wrong}",
                        right=f"{before}.{self.token}",
                        wrong=f"{before},{self.token}",
                    ),
                    self.span(before),
                )
        if kind == "EQUAL" and prev is not None and prev.type == "EQUAL":
            return StudioError(_("`==` is not Studio: one `=` gives a name a value"), self.span(prev), hint="data = …")
        first = self.line_tokens[0] if self.line_tokens else None
        no_list = not any(t.type == "LSQB" for t in self.line_tokens)
        if first is not None and first.type == "PREDICT" and kind == "COMMA" and no_list:
            return StudioError(
                _("put the values in square brackets"),
                self.span(),
                hint=say("write it like: {example}", example=USAGE["predict"]),
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
        return StudioError(
            say("unknown word `{word}`", word=str(prev)),
            self.span(prev),
            hint=say("did you mean `{word}`?", word=guess),
        )

    def generic(self) -> StudioError:
        """Whatever is left: what was found and what could have come instead."""
        words = sorted({_(TERMINAL_WORDS[e]) for e in self.expected if e in TERMINAL_WORDS})
        hint = ""
        if self.line_tokens and self.line_tokens[0].type in COMMAND_TYPES:
            hint = say("write it like: {example}", example=USAGE[str(self.line_tokens[0])])
        unclosed = self.unclosed_list()
        if unclosed is not None:
            return unclosed
        return StudioError(
            say("unexpected {what}", what=describe_token(self.token)),
            self.span(),
            expected=either(words),
            hint=hint,
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
            return StudioError(
                _("this list has no closing `]`"), self.span(opened), hint=say("end the list with {mark}", mark="]")
            )
        return None
