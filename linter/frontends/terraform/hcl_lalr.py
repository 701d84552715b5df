"""Parse HCL text with the tables of `hcl_tables`: the LALR loop, the contextual lexer and the post-lexer in one.

It does what lark's LALR parser does with python-hcl2's grammar and
post-lexer, step for step: in each parser state it lexes as that state's
lark lexer would (a shared regex narrowed to the terminals that can start
with the next character, the state's own regex when the shared one's match
is not the state's), re-types keywords as lark's lexer does, merges a
newline into a following binary operator as python-hcl2's post-lexer does
(lexing the operator before the newline is handed to the parser, as lark's
lazy token stream does), and shapes nodes as lark's tree builder does
(`_rule` inlined, `?rule` with one child replaced by it, aliases). The tree
has the same nodes, tokens and positions as lark's, and an error is reported
at the same token or character (`tests/terraform/test_speed_parser.py`
compares them on the corpus, on damaged corpus files and on snippets).

Why not lark itself: on the 306 quickstart files lark's parser took 0.57 s
of CPU and 3.9G instructions, this driver 0.17 s and 1.25G: lark builds a
token object with nine fields per token, calls a callback per reduction and
tries every terminal of the state at every position.
"""

from __future__ import annotations

from linter.frontends.terraform.hcl_tables import (
    CHAIN,
    EXTEND,
    KEEP,
    LIST,
    NODE,
    ONE,
    SPLICE,
    ParseRows,
    Tables,
)

# The tree is plain tuples: creating class instances took a quarter of the parse.
#   a token: (type, value, line, column)    -- 1-based line and column
#   a node:  (name, children)               -- children: a list of tokens and nodes
# so `len(x) == 2` tells a node from a token.
Tok = tuple
Node = tuple


class UnexpectedToken(Exception):
    """A token the grammar does not allow here (type `$END` at the end of the text)."""

    def __init__(self, token: Tok) -> None:
        super().__init__(f"unexpected {token[1]!r} at {token[2]}:{token[3]}")
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
    actions, steps, chains, end_state = tables.actions, tables.steps, tables.chains, tables.end
    views, view, ignore, newline = tables.views, tables.view, tables.ignore, tables.newline
    newline_token, merge_into = tables.newline_token, tables.merge_into
    states: list = [tables.start]
    values: list = []
    pos, end, line, line_start = 0, len(text), 1, 0  # line_start: offset of the current line's first character
    pending = queued = last = None  # pending: a newline held back until the next token shows whether it merges
    while True:  # one token fed per turn
        if queued is not None:  # lexed while a newline was pending, fed after it
            token, queued = queued, None
        elif pos < end:
            state = states[-1]
            by_char, allowed, unless, lexer = views[state] or view(state)
            found = by_char[text[pos]](text, pos)
            if found is None or (kind := found.lastgroup) not in allowed:
                found = tables.own_match(lexer)(text, pos)  # the shared lexer cannot decide: the state's own
                if found is None:
                    raise _unexpected(tables, text, pos, line, pos - line_start + 1)
                kind = found.lastgroup
            value = found.group()
            token_line, column = line, pos - line_start + 1
            if kind in newline:  # lark counts lines only in terminals that may hold one
                count = value.count("\n")
                if count:
                    line += count
                    line_start = pos + value.rindex("\n") + 1
            pos += len(value)
            if kind in ignore:
                continue
            if kind in unless:
                kind = unless[kind].get(value, kind)
            token = (kind, value, token_line, column)
            if kind == newline_token:
                if pending is None:
                    pending = token
                    continue
                token, pending = pending, token
            elif pending is not None:
                if kind in merge_into:  # python-hcl2's post-lexer: the newline goes into the operator's text
                    token = (kind, pending[1] + value, token_line, column)
                else:
                    token, queued = pending, token
                pending = None
        elif pending is not None:
            token, pending = pending, None
        else:
            token = ("$END", "", last[2], last[3]) if last else ("$END", "", 1, 1)
        kind = token[0]
        action = actions[states[-1]].get(kind)
        while True:
            if action is None:
                raise UnexpectedToken(token)
            if action >= 0:
                states.append(action)
                values.append(token)
                break
            origin, name, size, plan, make, how = steps[~action]
            if how == CHAIN and kind != "$END":
                # a run of one-child reductions (the operator-precedence ladder): replayed from a memo
                key = (states[-2], states[-1], kind)
                chain = chains.get(key)
                if chain is None:
                    chain = chains[key] = _unit_chain(actions, steps, key)
                top, wraps, action = chain
                if wraps:
                    child = values[-1]
                    for wrap, wrap_name in wraps:
                        if wrap == _WRAP:
                            child = (wrap_name, [child])
                        elif wrap == _LIST:
                            child = [child]
                        elif wrap == _ADOPT or len(child) != 1:
                            child = (wrap_name, child)
                        else:
                            child = child[0]
                    values[-1] = child
                states[-1] = top
                continue  # with the action the memo holds for the new top state
            if how == EXTEND:  # an inlined list first, then kept children: the list grows in place
                kids = values[-size]
                kids.extend(values[1 - size:])
                del values[1 - size:]
                del states[1 - size:]
                if make != LIST:
                    values[-1] = (name, kids) if make == NODE or len(kids) != 1 else kids[0]
                states[-1] = actions[states[-2]][origin]
            else:
                if size:
                    kids = values[-size:]
                    del values[-size:]
                    del states[-size:]
                else:
                    kids = []
                if plan is not None:
                    kids = _shape(kids, plan)
                if make == NODE:
                    values.append((name, kids))
                elif make == LIST:
                    values.append(kids)
                else:
                    values.append(kids[0] if len(kids) == 1 else (name, kids))
                states.append(actions[states[-1]][origin])
            if kind == "$END" and states[-1] == end_state:
                return values[-1]
            action = actions[states[-1]].get(kind)
        last = token


_WRAP, _LIST, _ADOPT, _ONE_OF = range(4)  # one-child reductions: Node(child), [child], Node(*child), child[0] or Node


def _unit_chain(actions: ParseRows, steps: list, key: tuple) -> tuple:
    """From (state below, top state, lookahead): the top state after all one-child reductions, what they build,
    and the lookahead's action in that state."""
    below, top, kind = key
    wraps = []
    while True:
        action = actions[top].get(kind)
        if action is None or action >= 0:
            break
        origin, name, size, plan, make, how = steps[~action]
        if how != CHAIN:
            break
        if plan is None and make != ONE:
            wraps.append((_WRAP if make == NODE else _LIST, name))
        elif plan is not None and make != LIST:
            wraps.append((_ADOPT if make == NODE else _ONE_OF, name))
        top = actions[below][origin]
    return top, tuple(wraps), actions[top].get(kind)


def _shape(kids: list, plan: tuple) -> list:
    shaped = None
    for kid, what in zip(kids, plan, strict=True):
        if what == KEEP:
            if shaped is None:
                shaped = [kid]
            else:
                shaped.append(kid)
        elif what == SPLICE:  # kid is an inlined rule's list
            if shaped is None:
                shaped = kid  # as lark: a left-recursive list grows in place, not copied each time
            else:
                shaped.extend(kid)
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
    return UnexpectedToken((unless[kind].get(value, kind) if kind in unless else kind, value, line, column))
