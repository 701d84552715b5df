"""A hand-written parser for well-formed ARM expressions: the same AST as the lark grammar, several times faster.

`fast_parse(text, wrapped)` follows grammars/arm_expression.lark token for
token (the same terminal regexes, whitespace ignored between tokens, a name
directly followed by '(' is a call) and builds the same nodes with the same
positions. Anything it does not fully understand - a syntax error, an odd
token, nesting too deep - raises `Decline`, and `expressions.parse` hands the
text to the lark parser, which stays the reference and reports every error.
Why: parsing is most of the cost of a template's first evaluation (the
corpus has ~12,500 distinct expressions); lark's LALR parse was 29% of all
ARM time, and a recursive descent calling a function per token still ~25%.

How: one regex pass (`findall`, in C) cuts the body into tokens, an
alternative per terminal tried in the grammar's priority order
(FUNCTION_NAME before NAME), and a single loop reads them with an explicit
stack of open calls and indexes. Lark's contextual lexer only tries the
terminals its parser state accepts; a token the state would not accept here
(a NAME after an atom, a FUNCTION_NAME after '.') is where the two could
disagree, so it is declined, never reinterpreted.
"""

from __future__ import annotations

import re

from .expressions import Call, Index, Literal, Member, Name

# whitespace, then the grammar's terminals verbatim (STRING unrolled: the same
# language, matched without backtracking per character), else one OTHER character
_TOKENS = re.compile(
    r"(\s*)(?:"
    r"([A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)?(?=\s*\())"  # FUNCTION_NAME
    r"|([A-Za-z_$][A-Za-z0-9_$]*)"  # NAME
    r"|('[^']*(?:''[^']*)*')"  # STRING
    r"|(-?[0-9]+)"  # INT
    r"|([()\[\].,])"  # punctuation
    r"|(\S)"  # OTHER
    r")"
)
MAX_DEPTH = 200  # open calls and indexes; deeper texts are left to lark

# The commonest shape, `[f('x')]`, `[f(g('x'), 'y')].a.b` - a call whose arguments are literals or
# calls of at most one literal, no space but one after a comma - in one fullmatch (73% of the
# corpus's distinct expressions). The same terminals; each STRING match is the only one possible
# (it ends at the first quote not doubled), so the tokens are lark's.
_N = r"[A-Za-z_$][A-Za-z0-9_$]*"
_S = r"'[^']*(?:''[^']*)*'"
_I = r"-?[0-9]+"
_ARG = rf"(?:{_S}|{_I}|{_N}\((?:{_S}|{_I})?\))"
# and the commonest of all, `[parameters('x')]` / `[variables('x')]` (38%), with a plain literal
_ONE_CALL = re.compile(rf"\[({_N})\('([^']*)'\)\]")
_SIMPLE = re.compile(rf"\[({_N})\(((?:{_ARG}(?:, ?{_ARG})*)?)\)((?:\.{_N})*)\]")
_SIMPLE_ARG = re.compile(rf"(?:, ?)?(?:({_S})|({_I})|({_N})\((?:({_S})|({_I}))?\))")
_SIMPLE_MEMBER = re.compile(rf"\.({_N})")

# what the next token must be
_ATOM, _OPEN, _ARGUMENT, _AFTER, _MEMBER = range(5)


class Decline(Exception):
    """Not a well-formed expression this parser is sure about: ask lark."""


def fast_parse(text: str, wrapped: bool):
    """The AST of `text` ('[...]' when `wrapped`, else a bare expression body)."""
    start, end = (1, len(text) - 1) if wrapped else (0, len(text))
    try:
        one = _ONE_CALL.fullmatch(text) if wrapped else None
        if one is not None:
            name, value = one.groups()
            return Call(name, (Literal(value, len(name) + 2),), 1)
        simple = _SIMPLE.fullmatch(text) if wrapped else None
        if simple is not None:
            return _simple(text, simple)
        return _parse(_TOKENS.findall(text, start, end), start)
    except Decline:
        raise
    except Exception:  # int() limits...: lark decides what these are
        raise Decline from None


def _literal(string: str | None, integer: str | None, pos: int) -> Literal:
    if string:
        return Literal(string[1:-1].replace("''", "'"), pos)
    return Literal(int(integer), pos)


def _simple(text: str, match: re.Match):
    """The AST of a `_SIMPLE` text."""
    args = []
    for arg in _SIMPLE_ARG.finditer(text, match.start(2), match.end(2)):
        string, integer, called, inner_string, inner_integer = arg.groups()
        if called is None:
            args.append(_literal(string, integer, arg.start(1) if string else arg.start(2)))
        elif inner_string or inner_integer:
            inner = _literal(inner_string, inner_integer, arg.start(4) if inner_string else arg.start(5))
            args.append(Call(called, (inner,), arg.start(3)))
        else:
            args.append(Call(called, (), arg.start(3)))
    node = Call(match.group(1), tuple(args), 1)
    for member in _SIMPLE_MEMBER.finditer(text, match.start(3), match.end(3)):
        node = Member(node, member.group(1), member.start(1) - 1)
    return node


def _parse(tokens: list, pos: int):
    """Read the tokens with an explicit stack: [name, pos, args] for an open call, (target,) for an index."""
    stack: list = []
    state = _ATOM
    node = None
    for space, function, name, string, integer, punct, _other in tokens:  # OTHER: always declined
        pos += len(space)
        if state == _AFTER:  # an atom is complete: a postfix, a separator or a closer
            if punct == ".":
                state = _MEMBER
            elif punct == "[":
                if len(stack) >= MAX_DEPTH:
                    raise Decline
                stack.append((node,))
                state = _ATOM
            elif punct == "," and stack and type(stack[-1]) is list:
                stack[-1][2].append(node)
                state = _ATOM
            elif punct == ")" and stack and type(stack[-1]) is list:
                called, at, args = stack.pop()
                args.append(node)
                node = Call(called, tuple(args), at)
            elif punct == "]" and stack and type(stack[-1]) is tuple:
                node = Index(stack.pop()[0], node, node.pos)
            else:
                raise Decline
            pos += 1
            continue
        if state == _MEMBER:
            if not name:  # a FUNCTION_NAME here is 'x.f(': a syntax error for lark
                raise Decline
            node = Member(node, name, pos - 1)
            pos += len(name)
            state = _AFTER
            continue
        if state == _OPEN:  # FUNCTION_NAME's lookahead promises the '('
            if punct != "(":
                raise Decline
            pos += 1
            state = _ARGUMENT
            continue
        if state == _ARGUMENT and punct == ")":  # f()
            called, at, _ = stack.pop()
            node = Call(called, (), at)
            pos += 1
            state = _AFTER
            continue
        # an atom
        if function:
            if len(stack) >= MAX_DEPTH:
                raise Decline
            stack.append([function, pos, []])
            pos += len(function)
            state = _OPEN
            continue
        if string:
            node = Literal(string[1:-1].replace("''", "'"), pos)
            pos += len(string)
        elif integer:
            node = Literal(int(integer), pos)
            pos += len(integer)
        elif name:
            node = Name(name, pos)
            pos += len(name)
        else:
            raise Decline
        state = _AFTER
    if state != _AFTER or stack:
        raise Decline
    return node


# --- syntax errors -------------------------------------------------------------
# The error lark's LALR parser reports for an invalid expression, found without importing lark
# (~40 ms): the first token that cannot continue a valid prefix of the grammar, as lark's
# contextual lexer cuts it. A state lexes that token exactly as the whole grammar does (the
# fallback lark takes when the state's own terminals do not match), except right after '.',
# where only NAME is tried: 'x.f(' is NAME 'f', and the error is the '('.

_END = object()  # no token left: lark's $END


def syntax_error(text: str, wrapped: bool) -> tuple[str, int] | None:
    """(description, offset) of the syntax error lark reports for `text`; None when it is not one
    this module is sure about (nesting deeper than MAX_DEPTH, or no syntax error at all)."""
    tokens = _TOKENS.findall(text)
    stack: list = ["template"] if wrapped else []
    state = _ATOM
    pos = 0
    index = 0
    if wrapped:  # the template's own '[' (is_expression: the text starts with it)
        pos = len(tokens[0][0]) + 1
        index = 1
    while True:
        if index == len(tokens):
            if state == "done" or (state == _AFTER and not stack and not wrapped):
                return None  # valid: declined for another reason
            return "unexpected end of expression", len(text) - 1 if wrapped else len(text)
        space, function, name, string, integer, punct, other = tokens[index]
        pos += len(space)
        token = function or name or string or integer or punct
        if other:
            return f"unexpected character {other!r}", pos
        if state == "done":  # the template's closing ']' was read: nothing may follow
            return f"unexpected {token!r}", pos
        if state == _MEMBER:
            if function:  # lexed as NAME here; the '(' after it (after the name's '.part') is the error
                pos += len(function) + len(tokens[index + 1][0])
                return "unexpected '('", pos
            if not name:
                return f"unexpected {token!r}", pos
            state = _AFTER
        elif state == _AFTER:
            top = stack[-1] if stack else None
            if punct == ".":
                state = _MEMBER
            elif punct == "[":
                stack.append("index")
                state = _ATOM
            elif punct == "," and type(top) is list:
                state = _ATOM
            elif punct == ")" and type(top) is list:
                stack.pop()
            elif punct == "]" and top == "index":
                stack.pop()
            elif punct == "]" and top == "template":
                stack.pop()
                state = "done"
            else:
                return f"unexpected {token!r}", pos
        elif state == _OPEN:  # FUNCTION_NAME's lookahead promises the '('
            state = _ARGUMENT
        elif state == _ARGUMENT and punct == ")":
            stack.pop()
            state = _AFTER
        elif function:
            if len(stack) >= MAX_DEPTH:
                return None
            stack.append([function])
            state = _OPEN
        elif string or integer or name:
            state = _AFTER
        else:
            return f"unexpected {token!r}", pos
        pos += len(token)
        index += 1
