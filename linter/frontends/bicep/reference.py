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

lark is imported only when this parser is used (importing it costs ~35-50 ms
per process): lark reads lark Tokens converted from the lexer's, and its tree
is converted back to the frontend's own classes (`tree.py`), so a caller sees
the same kind of tree from either parser.
"""

from __future__ import annotations

import functools
from pathlib import Path

from linter.cachedir import lark_cache

from ...resources import grammar_path
from .errors import BicepSyntaxError
from .lexer import scan
from .messages import end_position, expected_suffix, unexpected_token
from .tree import Meta, Token, Tree

GRAMMAR_NAME = "bicep.lark"


def __getattr__(name: str):
    """`BicepLexer` is made on first use (it subclasses lark's Lexer): lark and its cache find it here."""
    if name == "BicepLexer":
        return lexer_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=1)
def lexer_class() -> type:
    """lark's custom lexer over `lexer.scan`: `Lark(..., lexer=lexer_class())`.

    A lexical error is raised where lark reaches it. Defined here, not at module level, so that
    importing this module does not import lark.
    """
    from lark.lexer import Lexer
    from lark.lexer import Token as LarkToken

    class BicepLexer(Lexer):
        def __init__(self, lexer_conf) -> None:  # lark passes its lexer configuration
            self.lexer_conf = lexer_conf

        def lex(self, data, parser_state=None):  # lark hands custom lexers the text
            text = getattr(data, "text", data)
            tokens, error = scan(text.text if hasattr(text, "text") else text)
            for tok in tokens:
                yield LarkToken(tok.type, tok.value, tok.start_pos, tok.line, tok.column, tok.end_line,
                                tok.end_column, tok.end_pos)
            if error is not None:
                raise error

    BicepLexer.__qualname__ = "BicepLexer"  # its name as this module's attribute (see __getattr__)
    return BicepLexer


def _cache_file(grammar_text: str) -> str | None:
    """A private cache path for the built parser (see linter.cachedir), or None."""
    cache = lark_cache("bicep-lalr", grammar_text)
    return cache or None


@functools.lru_cache(maxsize=1)
def parser():
    """The (process-wide) lark parser of grammars/bicep.lark."""
    from lark import Lark

    text = Path(grammar_path(GRAMMAR_NAME)).read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer=lexer_class(), propagate_positions=True, maybe_placeholders=False)
    cache = _cache_file(text)
    if cache is not None:
        try:
            return Lark(text, cache=cache, **options)
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # unreadable or stale cache: build without it
    return Lark(text, **options)


def parse_text(text: str) -> Tree:
    """Parse Bicep source with lark; raises BicepSyntaxError (line, column, plain message)."""
    from lark.exceptions import UnexpectedInput

    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep columns: a BOM counts as one
    try:
        return from_lark(parser().parse(text))
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise BicepSyntaxError("expression nested too deeply", 1, 1) from None


def from_lark(root) -> Tree:
    """lark's tree as the frontend's Tree and Token, positions kept (iteratively: it may be nested deeply)."""
    from lark import Tree as LarkTree

    top = _shell(root)
    stack = [(root, top)]
    while stack:
        lark_node, node = stack.pop()
        children = node.children
        for child in lark_node.children:
            if isinstance(child, LarkTree):
                shell = _shell(child)
                stack.append((child, shell))
                children.append(shell)
            else:
                children.append(Token(child.type, child.value, child.start_pos, child.line, child.column,
                                       child.end_line, child.end_column, child.end_pos))
    return top


def _shell(lark_tree) -> Tree:
    """A Tree with lark's node name and position, its children still to be filled."""
    meta = lark_tree.meta
    span = None if meta.empty else Meta(meta, meta)  # a Meta has the position fields of a first and last token
    return Tree(str(lark_tree.data), [], span, span)  # lark may name a rule by a Token


def _syntax_error(exc, text: str) -> BicepSyntaxError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

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
