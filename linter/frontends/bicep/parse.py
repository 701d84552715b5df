"""Parse Bicep source text into a lark tree with positions.

The LALR parser is built once per process from grammars/bicep.lark and the
custom lexer in `lexer.py`; lark's own cache (a pickle in the user cache
directory, or the temp directory) keeps start-up short, and parsing still works
when no cache can be written. Every tree node keeps its line and column
(`propagate_positions`).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from linter.cachedir import lark_cache
from linter.textfile import UndecodableText, decode_utf8

from ...resources import grammar_path
from .errors import BicepSyntaxError
from .lexer import CLAUSE_KEYWORDS, LITERALS, PUNCTUATION, STATEMENT_KEYWORDS, BicepLexer

GRAMMAR_NAME = "bicep.lark"

# token kinds as a user reads them in an error message
_READABLE = {
    "_NL": "a new line", "$END": "the end of the file", "IDENT": "a name", "INT": "a number",
    "STRING": "a string", "MSTRING": "a string", "STR_START": "a string", "STR_MID": "'}'",
    "STR_END": "'}'", "QUESTION_OP": "'?'",
}
_READABLE.update({kind: f"'{text}'" for text, kind in PUNCTUATION})
_READABLE.update({kind: f"'{word}'" for word, kind in {**STATEMENT_KEYWORDS, **LITERALS, **CLAUSE_KEYWORDS,
                                                        "existing": "EXISTING", "if": "_IF", "for": "_FOR",
                                                        "in": "_IN"}.items()})


def _cache_file(grammar_text: str) -> str | None:
    """A private cache path for the built parser (see linter.cachedir), or None."""
    cache = lark_cache("bicep-lalr", grammar_text)
    return cache or None


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    """The (process-wide) Bicep parser."""
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
    """Parse Bicep source; raises BicepSyntaxError (line, column, plain message)."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep columns: a BOM counts as one
    try:
        return parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise BicepSyntaxError("expression nested too deeply", 1, 1) from None


_FILE_CACHE: dict = {}  # (path, mtime, size) -> tree: a module used by many files is parsed once
_FILE_CACHE_SIZE = 256
MAX_FILE_BYTES = 10 * 1024 * 1024  # hand-written Bicep is far smaller; larger files are reported, not read


def parse_file(path: str | os.PathLike) -> Tree:
    """Read and parse a .bicep or .bicepparam file (UTF-8); trees are cached while the file is unchanged.

    Callers must not modify the returned tree.
    """
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
    tree = _FILE_CACHE.get(key)
    if tree is None:
        if stat.st_size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // 1048576
            raise BicepSyntaxError(f"file too large: {stat.st_size / 1048576:.0f} MB, limit {limit} MB", 1, 1)
        with open(path, "rb") as handle:
            tree = parse_text(_decode(handle.read()))
        if len(_FILE_CACHE) >= _FILE_CACHE_SIZE:
            _FILE_CACHE.pop(next(iter(_FILE_CACHE)))
        _FILE_CACHE[key] = tree
    return tree


def _decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); anything else is a BicepSyntaxError at the first bad byte."""
    try:
        return decode_utf8(data)
    except UndecodableText as exc:
        raise BicepSyntaxError(exc.message, exc.line, exc.column) from None


def _syntax_error(exc: UnexpectedInput, text: str) -> BicepSyntaxError:
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type == "$END":
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            return BicepSyntaxError(f"unexpected end of file{_expected(exc)}", line, column)
        shown = "new line" if token.type == "_NL" else repr(str(token))
        return BicepSyntaxError(f"unexpected {shown}{_expected(exc)}", token.line, token.column)
    if isinstance(exc, UnexpectedEOF):
        line = text.count("\n") + 1
        return BicepSyntaxError("unexpected end of file", line, 1)
    if isinstance(exc, UnexpectedCharacters):
        return BicepSyntaxError(f"unexpected character {exc.char!r}", exc.line, exc.column)
    return BicepSyntaxError("syntax error", getattr(exc, "line", 1) or 1, getattr(exc, "column", 1) or 1)


def _expected(exc: UnexpectedToken) -> str:
    expected = sorted({_READABLE.get(name, name.strip("_").lower()) for name in exc.expected or ()})
    expected = [e for e in expected if e != "'?'"] if len(expected) > 1 else expected  # nullable types
    if not expected or len(expected) > 6:
        return ""
    return " (expected " + " or ".join(expected) + ")"
