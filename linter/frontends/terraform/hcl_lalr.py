"""Parse HCL text with the tables of `hcl_tables`: the LALR loop, the contextual lexer and the post-lexer in one.

It does what lark's LALR parser does with python-hcl2's grammar and
post-lexer, step for step: in each parser state it lexes with that state's
terminal regex (lark's own pattern), re-types keywords as lark's lexer does,
merges a newline into a following binary operator as python-hcl2's
post-lexer does (lexing the operator before the newline is handed to the
parser, as lark's lazy token stream does), and shapes nodes as lark's tree
builder does (`_rule` inlined, `?rule` with one child replaced by it,
aliases). The resulting tree has the same nodes, tokens and positions as
lark's (`tests/terraform/test_speed_parser.py` compares them on the corpus),
and an error is reported at the same token or character. Why not lark
itself: its per-token overhead (token objects with nine fields, callbacks,
generators) made it ~5x slower on the quickstart corpus.
"""

from __future__ import annotations

from linter.frontends.terraform.hcl_tables import KEEP, SPLICE, Tables


class Tok:
    """A token: its terminal type, text and 1-based start line and column."""

    __slots__ = ("type", "value", "line", "column")

    def __init__(self, type_: str, value: str, line: int, column: int) -> None:
        self.type = type_
        self.value = value
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.value!r}, {self.line}, {self.column})"


class Node:
    """A grammar rule's node: its name and children (Node or Tok)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Node({self.data}, {self.children!r})"


class UnexpectedToken(Exception):
    """A token the grammar does not allow here (type `$END` at the end of the text)."""

    def __init__(self, token: Tok) -> None:
        super().__init__(f"unexpected {token.value!r} at {token.line}:{token.column}")
        self.token = token


class UnexpectedCharacter(Exception):
    """Text where no terminal matches."""

    def __init__(self, char: str, line: int, column: int) -> None:
        super().__init__(f"unexpected character {char!r} at {line}:{column}")
        self.char = char
        self.line = line
        self.column = column


def parse(tables: Tables, text: str) -> Node:
    """The parse tree of `text` (lark's `start` node); raises UnexpectedToken / UnexpectedCharacter."""
    actions, end_state, steps, chains = tables.actions, tables.end, tables.steps, tables.chains
    states: list = [tables.start]
    values: list = []

    def feed(token: Tok, is_end: bool = False):
        kind = token.type
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                raise UnexpectedToken(token)
            if action >= 0:
                states.append(action)
                values.append(token)
                return None
            origin, name, size, plan, expand1 = steps[~action]
            if size == 1 and plan is None and not is_end:
                # a run of one-child reductions (the operator-precedence ladder): replayed from a memo
                key = (states[-2], states[-1], kind)
                chain = chains.get(key)
                if chain is None:
                    chain = chains[key] = _unit_chain(actions, steps, key)
                top, wraps = chain
                for wrap in wraps:
                    values[-1] = Node(wrap, [values[-1]])
                states[-1] = top
                continue
            if size:
                kids = values[-size:]
                del values[-size:]
                del states[-size:]
            else:
                kids = []
            if plan is not None:
                kids = _shape(kids, plan)
            values.append(kids[0] if expand1 and len(kids) == 1 else Node(name, kids))
            states.append(actions[states[-1]][origin])
            if is_end and states[-1] == end_state:
                return values[-1]

    views, view, ignore, newline = tables.views, tables.view, tables.ignore, tables.newline
    newline_token, merge_into = tables.newline_token, tables.merge_into
    pos, end, line, line_start = 0, len(text), 1, 0  # line_start: offset of the current line's first character
    pending = last = None
    while pos < end:
        state = states[-1]
        match, allowed, unless, lexer = views[state] or view(state)
        found = match(text, pos)
        if found is None or found.lastgroup not in allowed:  # the shared lexer cannot decide: the state's own
            found = tables.own_match(lexer)(text, pos)
            if found is None:
                raise _unexpected(tables, text, pos, line, pos - line_start + 1)
        value, kind = found.group(), found.lastgroup
        token_line, column = line, pos - line_start + 1
        if kind in newline:  # lark counts lines only in terminals that may hold one
            count = value.count("\n")
            if count:
                line += count
                line_start = pos + value.rindex("\n") + 1
        pos = found.end()
        if kind in ignore:
            continue
        if kind in unless:
            kind = unless[kind].get(value, kind)
        if kind == newline_token:
            if pending is not None:
                feed(pending)
                last = pending
            pending = Tok(kind, value, token_line, column)
            continue
        if pending is not None:
            if kind in merge_into:
                value = pending.value + value
            else:
                feed(pending)
            pending = None
        last = Tok(kind, value, token_line, column)
        feed(last)
    if pending is not None:
        feed(pending)
        last = pending
    return feed(Tok("$END", "", last.line, last.column) if last else Tok("$END", "", 1, 1), True)


def _unit_chain(actions: list, steps: list, key: tuple) -> tuple:
    """From (state below, top state, lookahead): the top state after all one-child reductions, and the nodes they make."""
    below, top, kind = key
    wraps = []
    while True:
        action = actions[top].get(kind)
        if action is None or action >= 0:
            return top, tuple(wraps)
        origin, name, size, plan, expand1 = steps[~action]
        if size != 1 or plan is not None:
            return top, tuple(wraps)
        if not expand1:
            wraps.append(name)
        top = actions[below][origin]


def _shape(kids: list, plan: tuple) -> list:
    shaped = None
    for kid, what in zip(kids, plan, strict=True):
        if what == KEEP:
            if shaped is None:
                shaped = [kid]
            else:
                shaped.append(kid)
        elif what == SPLICE:
            if shaped is None:
                shaped = kid.children  # as lark: a left-recursive list grows in place, not copied each time
            else:
                shaped.extend(kid.children)
    return [] if shaped is None else shaped


def _unexpected(tables: Tables, text: str, pos: int, line: int, column: int) -> Exception:
    """As lark: text the state's lexer cannot read may still be a token of the grammar; name that token.

    (Nothing ignorable starts at `pos` either, else the state's lexer would have matched it.)
    """
    match = tables.own_match(tables.root_lexer)
    found = match(text, pos)
    if found is None:
        return UnexpectedCharacter(text[pos], line, column)
    value, kind = found.group(), found.lastgroup
    unless = tables.lexers[tables.root_lexer][3]
    return UnexpectedToken(Tok(unless[kind].get(value, kind) if kind in unless else kind, value, line, column))
