"""The syntax tree of a Bicep file (its node classes) and small helpers over it: a readable dump and token text.

Every module of the Bicep frontend takes `Tree`, `Token` and `Meta` from here,
so which classes the parser builds is decided in this one place.

They are azlint's own, shaped as lark's (`lark.Tree`, `lark.Token`,
`lark.tree.Meta`) as far as the frontend reads them: `.data`, `.children`,
`.meta` with `empty`, `line`, `column`, `start_pos`, `end_line`, `end_column`,
`end_pos`; a Token is the `str` of its text with `type`, `value` and the same
positions; equality is lark's. Why not lark's own (issue 8, speed): importing
lark costs ~35-50 ms per process, a large part of linting one small file, and
lark's constructors are slower than these. `reference.py` converts to and from
lark's classes when lark's parser is needed.

A Tree does not store its `Meta`: it keeps the first and last token it spans
(anything with a token's position fields) and `meta` reads the positions from
them when asked, so building a node is one small object.
"""

from __future__ import annotations

__all__ = ["Meta", "Token", "Tree", "dump", "make_token", "name_of"]

_new_str = str.__new__


class Token(str):
    """A token: its text (the `str` itself), its kind (`type`), and where it starts and ends.

    `line`/`column` are 1-based, `end_column` is one past the last character,
    `start_pos`/`end_pos` are offsets into the text (as lark's Token).
    """

    __slots__ = ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos")

    def __new__(cls, type: str, value: str, start_pos: int | None = None, line: int | None = None,
                column: int | None = None, end_line: int | None = None, end_column: int | None = None,
                end_pos: int | None = None) -> Token:
        return make_token(type, value, start_pos, line, column, end_line, end_column, end_pos)  # no subclasses

    def __reduce__(self):
        return Token, (self.type, self.value, self.start_pos, self.line, self.column, self.end_line,
                       self.end_column, self.end_pos)

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False  # as lark: tokens of different kinds differ even with the same text
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def make_token(kind: str, value: str, start: int | None, line: int | None, column: int | None,
               end_line: int | None, end_column: int | None, end: int | None) -> Token:
    """A Token with every position set, without a call through its class (the lexer makes many)."""
    tok = _new_str(Token, value)
    tok.type = kind
    tok.value = value
    tok.start_pos = start
    tok.line = line
    tok.column = column
    tok.end_line = end_line
    tok.end_column = end_column
    tok.end_pos = end
    return tok


class Meta:
    """Where a node lies (lark's `Meta` fields); `empty` when the node spans no token (an empty file)."""

    __slots__ = ("empty", "line", "column", "start_pos", "end_line", "end_column", "end_pos")

    def __init__(self, first=None, last=None) -> None:
        """The span from `first`'s start to `last`'s end (tokens, or Metas); empty without them."""
        self.empty = first is None
        if first is not None:
            self.line = first.line
            self.column = first.column
            self.start_pos = first.start_pos
            self.end_line = last.end_line
            self.end_column = last.end_column
            self.end_pos = last.end_pos

    def __repr__(self) -> str:
        if self.empty:
            return "Meta(empty)"
        return f"Meta({self.line}:{self.column}-{self.end_line}:{self.end_column})"


class Tree:
    """A rule's node: its name (`data`), its children (Trees and Tokens) and, by `meta`, its position."""

    __slots__ = ("data", "children", "first", "last", "__weakref__")

    def __init__(self, data: str, children: list, first=None, last=None) -> None:
        self.data = data
        self.children = children
        self.first = first  # the first token the node spans (or a Meta), None for an empty node
        self.last = last  # the last token the node spans (or a Meta)

    @property
    def meta(self) -> Meta:
        return Meta(self.first, self.last)

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def __eq__(self, other: object) -> bool:
        try:  # as lark: the same rule and children, wherever they are
            return self.data == other.data and self.children == other.children
        except AttributeError:
            return False

    def __hash__(self) -> int:
        return hash((self.data, tuple(self.children)))


def dump(node: Tree | Token, indent: int = 0) -> str:
    """An indented text rendering with each node's start line:column (for snapshots and debugging)."""
    pad = "  " * indent
    if isinstance(node, Token):
        return f"{pad}{node.type} {str(node)!r} @{node.line}:{node.column}"
    meta = node.meta
    where = f" @{meta.line}:{meta.column}" if not meta.empty else ""
    lines = [f"{pad}{node.data}{where}"]
    lines.extend(dump(child, indent + 1) for child in node.children)
    return "\n".join(lines)


def name_of(node: Tree) -> str:
    """The text of a `name` node (an identifier, or a literal word used as a key)."""
    return str(node.children[0])
