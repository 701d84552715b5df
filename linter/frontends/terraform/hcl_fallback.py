"""Parse with lark itself, for a python-hcl2 grammar the table driver (`hcl_lalr`) cannot follow.

Used only when `hcl_tables` raises `UnsupportedGrammar`; also the reference
the driver is tested against. The lark tree is turned into `hcl_lalr`'s
tuples and lark's errors into `hcl_lalr`'s, so `parse.py` walks and
reports the same either way.
"""

from __future__ import annotations

import functools
import os

from linter.cachedir import lark_cache
from linter.frontends.terraform.hcl_lalr import Node, Tok, UnexpectedCharacter, UnexpectedToken
from linter.frontends.terraform.hcl_tables import grammar_file, lark_parser


@functools.lru_cache(maxsize=1)
def _parser():
    path = grammar_file()
    with open(path, encoding="utf-8") as handle:
        grammar = handle.read()
    return lark_parser(grammar, os.path.dirname(path), lark_cache("hcl2-lalr", grammar))


def lark_parse(text: str) -> Node:
    """lark's parse tree of `text` as a Node; lark's errors as hcl_lalr's."""
    from lark.exceptions import UnexpectedCharacters
    from lark.exceptions import UnexpectedToken as LarkUnexpectedToken

    try:
        tree = _parser().parse(text)
    except LarkUnexpectedToken as exc:
        raise UnexpectedToken(_tok(exc.token)) from None
    except UnexpectedCharacters as exc:
        raise UnexpectedCharacter(exc.char, exc.line, exc.column) from None
    return convert(tree)


def _tok(token) -> Tok:
    return (token.type, str(token), token.line, token.column)


def convert(tree) -> Node:
    """A lark tree as hcl_lalr's tuples (iteratively: parse trees can be deep)."""
    from lark import Token

    root: Node = (str(tree.data), [])
    stack = [(tree, root)]
    while stack:
        source, target = stack.pop()
        for child in source.children:
            if isinstance(child, Token):
                target[1].append(_tok(child))
            else:
                node: Node = (str(child.data), [])
                target[1].append(node)
                stack.append((child, node))
    return root
