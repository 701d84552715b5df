"""The reference Bicep parser: lark's LALR parser built from grammars/bicep.lark.

grammars/bicep.lark is the specification of Bicep's syntax. azlint parses with
the hand-written parser in `descent.py`, which is several times faster; this
module builds lark's parser from the grammar, fed by the same lexer, so that
tests/bicep/test_parser_equivalence.py can check that both give the same tree
(rule names, children, tokens, positions) or the same error for every file.
At run time it is built only when `descent.py` cannot parse a text: to word a
syntax error exactly as before, or to parse brackets nested deeper than the
recursive parser goes. (Parsing with it costs ~10 s of CPU on the 1,123 corpus
files where `descent.py` needs ~1 s.)
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from linter.cachedir import lark_cache

from ...resources import grammar_path
from .errors import BicepSyntaxError
from .lexer import scan
from .messages import end_position, expected_suffix, unexpected_token

GRAMMAR_NAME = "bicep.lark"


class BicepLexer(Lexer):
    """lark custom lexer: `Lark(..., lexer=BicepLexer)`. A lexical error is raised where lark reaches it."""

    def __init__(self, lexer_conf) -> None:  # lark passes its lexer configuration
        self.lexer_conf = lexer_conf

    def lex(self, data, parser_state=None) -> Iterator[Token]:  # lark hands custom lexers the text
        text = getattr(data, "text", data)
        tokens, error = scan(text.text if hasattr(text, "text") else text)
        yield from tokens
        if error is not None:
            raise error


def _cache_file(grammar_text: str) -> str | None:
    """A private cache path for the built parser (see linter.cachedir), or None."""
    cache = lark_cache("bicep-lalr", grammar_text)
    return cache or None


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    """The (process-wide) lark parser of grammars/bicep.lark."""
    text = Path(grammar_path(GRAMMAR_NAME)).read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer=BicepLexer, propagate_positions=True, maybe_placeholders=False)
    cache = _cache_file(text)
    if cache is not None:
        try:
            return Lark(text, cache=cache, **options)
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # unreadable or stale cache: build without it
    return Lark(text, **options)


def parse_text(text: str) -> Tree:
    """Parse Bicep source with lark; raises BicepSyntaxError (line, column, plain message)."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep columns: a BOM counts as one
    try:
        return parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise BicepSyntaxError("expression nested too deeply", 1, 1) from None


def _syntax_error(exc: UnexpectedInput, text: str) -> BicepSyntaxError:
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type == "$END":
            line, column = end_position(text)
            return BicepSyntaxError(f"unexpected end of file{expected_suffix(exc.expected or ())}", line, column)
        return BicepSyntaxError(unexpected_token(token.type, str(token), exc.expected or ()), token.line,
                                token.column)
    if isinstance(exc, UnexpectedEOF):
        line = text.count("\n") + 1
        return BicepSyntaxError("unexpected end of file", line, 1)
    if isinstance(exc, UnexpectedCharacters):
        return BicepSyntaxError(f"unexpected character {exc.char!r}", exc.line, exc.column)
    return BicepSyntaxError("syntax error", getattr(exc, "line", 1) or 1, getattr(exc, "column", 1) or 1)
