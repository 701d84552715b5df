"""Parse Bicep source text into a syntax tree (`tree.py`'s classes) with positions.

Valid Bicep is parsed by the hand-written parser in `descent.py` over the
tokens of `lexer.py`: it builds exactly the tree that grammars/bicep.lark (the
specification) gives with lark's LALR parser, at about a tenth of the CPU
(measured on the 1,123 corpus files: ~15 s with lark, ~2 s now, lexing
included), and needs nothing built at start-up. When it cannot parse a text
(a syntax error, or brackets nested deeper than Python's recursion allows),
the reference lark parser (`reference.py`, built on first use) parses it
again: it words the error (message, line, column) as azlint always has, or
builds the deep tree. Every tree node keeps its line and column.
"""

from __future__ import annotations

import os

from linter.textfile import UndecodableText, decode_utf8

from .descent import NotParsed, parse_tokens
from .errors import BicepSyntaxError
from .lexer import scan
from .tree import Tree


def parse_text(text: str) -> Tree:
    """Parse Bicep source; raises BicepSyntaxError (line, column, plain message)."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep columns: a BOM counts as one
    tokens, error = scan(text)
    if error is None:
        try:
            return parse_tokens(tokens)
        except (NotParsed, RecursionError):
            pass
    from . import reference  # rare: only for invalid or very deeply nested files

    return reference.parse_text(text)


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
