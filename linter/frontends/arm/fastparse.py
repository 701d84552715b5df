"""A hand-written parser for well-formed ARM expressions: the same AST as the lark grammar, several times faster.

`fast_parse(text, wrapped)` follows grammars/arm_expression.lark token for
token (the same terminal regexes, whitespace ignored between tokens, a name
directly followed by '(' is a call) and builds the same nodes with the same
positions. Anything it does not fully understand - a syntax error, an odd
token, nesting too deep - raises `Decline`, and `expressions.parse` hands the
text to the lark parser, which stays the reference and reports every error.
Why: on the quickstart corpus lark's LALR parse was 29% of all ARM time.
"""

from __future__ import annotations

import re

from .expressions import Call, Index, Literal, Member, Name

# the grammar's terminals, verbatim
_WS = re.compile(r"\s+")
_FUNCTION_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)?(?=\s*\()")
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_INT = re.compile(r"-?[0-9]+")


class Decline(Exception):
    """Not a well-formed expression this parser is sure about: ask lark."""


def fast_parse(text: str, wrapped: bool):
    """The AST of `text` ('[...]' when `wrapped`, else a bare expression body)."""
    try:
        parser = _Parser(text)
        if wrapped:
            parser.pos = 1
            node = parser.expr()
            parser.skip()
            if parser.pos != len(text) - 1:  # only the closing ']' may follow
                raise Decline
        else:
            node = parser.expr()
            parser.skip()
            if parser.pos != len(text):
                raise Decline
        return node
    except Decline:
        raise
    except Exception:  # RecursionError, int() limits...: lark decides what these are
        raise Decline from None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip(self) -> None:
        m = _WS.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expr(self):
        node = self.atom()
        while True:
            c = self.peek()
            if c == ".":
                self.pos += 1
                self.skip()
                m = _NAME.match(self.text, self.pos)
                if not m:
                    raise Decline
                self.pos = m.end()
                if self.peek() == "(":  # 'x.f(' after an expression is a syntax error
                    raise Decline
                node = Member(node, m.group(), m.start() - 1)
            elif c == "[":
                self.pos += 1
                index = self.expr()
                if self.peek() != "]":
                    raise Decline
                self.pos += 1
                node = Index(node, index, index.pos)
            else:
                return node

    def atom(self):
        self.skip()
        text, pos = self.text, self.pos
        m = _FUNCTION_NAME.match(text, pos)
        if m:
            self.pos = m.end()
            if self.peek() != "(":
                raise Decline
            self.pos += 1
            return Call(m.group(), self.arguments(), m.start())
        if pos < len(text) and text[pos] == "'":
            m = _STRING.match(text, pos)
            if not m:
                raise Decline
            self.pos = m.end()
            return Literal(m.group()[1:-1].replace("''", "'"), pos)
        m = _INT.match(text, pos)
        if m:
            self.pos = m.end()
            return Literal(int(m.group()), pos)
        m = _NAME.match(text, pos)
        if m:
            self.pos = m.end()
            return Name(m.group(), pos)
        raise Decline

    def arguments(self) -> tuple:
        if self.peek() == ")":
            self.pos += 1
            return ()
        args = []
        while True:
            args.append(self.expr())
            c = self.peek()
            self.pos += 1
            if c == ")":
                return tuple(args)
            if c != ",":
                raise Decline
