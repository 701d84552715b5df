"""Parse and evaluate ARM template expressions (`"[concat('a', parameters('b'))]"`).

`parse` turns one template string into a small AST (cached per string);
`evaluate` walks it against a `Scope`, calling the function library in
`functions/`. Values are plain JSON-like Python values (str, int, bool, None,
list, dict) or `linter.model.Unknown` for what cannot be known before
deployment; an Unknown never raises, it propagates.

Positions in `ExpressionError.position` are 0-based offsets into the string
given to `parse`/`evaluate` (including the leading '[').

Limits (see functions/_registry.py): no function may build a string over
10,000,000 characters or an array over 100,000 items (range() is capped at
ARM's documented 10,000), and one top-level evaluation may do at most
2,000,000 units of work; exceeding any of them is an ExpressionError.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from linter.model import Unknown, contains_unknown

from .scope import Scope


class ExpressionError(Exception):
    """An invalid expression, or a deployment-time error it would certainly raise."""

    def __init__(self, message: str, function: str | None = None, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.function = function
        self.position = position

    def __str__(self) -> str:
        where = f" at offset {self.position}" if self.position is not None else ""
        return f"{self.message}{where}"


class PartialObject(dict):
    """An object known only in part (`resourceGroup()`): a property it lacks is Unknown, not an error."""

    def missing(self, name: str) -> Unknown:
        return Unknown(f"property '{name}' is only known at deployment")


@dataclass(frozen=True)
class LambdaValue:
    """What lambda('x', body) evaluates to: only valid as an argument of map(), filter()..."""

    params: tuple
    body: object
    scope: object


# --- AST ---------------------------------------------------------------------
# Nodes are never changed once built (parse results are cached and shared). They are not
# `frozen` dataclasses only because building a frozen one costs twice as much, and a parse
# builds several per expression; they stay hashable and compare by value.


@dataclass(unsafe_hash=True, slots=True)
class Literal:
    """A string or integer written in the expression."""

    value: object
    pos: int


@dataclass(unsafe_hash=True, slots=True)
class Name:
    """A bare identifier (`true` without parentheses): not valid ARM, kept to report it."""

    name: str
    pos: int


@dataclass(unsafe_hash=True, slots=True)
class Call:
    """A function call: `name(args...)`."""

    name: str
    args: tuple
    pos: int


@dataclass(unsafe_hash=True, slots=True)
class Member:
    """A property read: `target.name`."""

    target: object
    name: str
    pos: int


@dataclass(unsafe_hash=True, slots=True)
class Index:
    """An index: `target[index]`."""

    target: object
    index: object
    pos: int


Node = object  # Literal | Name | Call | Member | Index


# --- parsing -----------------------------------------------------------------


def is_expression(text: object) -> bool:
    """True for a template string that ARM evaluates: '[...]' but not the '[[...' escape."""
    return (
        isinstance(text, str)
        and len(text) >= 2
        and text[0] == "["
        and text[-1] == "]"
        and text[1] != "["
    )


def is_escaped_literal(text: object) -> bool:
    """True for '[[...]': a literal string that starts with '[' once unescaped."""
    return isinstance(text, str) and text.startswith("[[") and text.endswith("]")


def _grammar_path() -> Path:
    here = Path(__file__).resolve()
    for candidate in (
        here.parents[3] / "grammars" / "arm_expression.lark",  # source checkout
        here.parents[2] / "grammars" / "arm_expression.lark",  # installed wheel (linter/grammars)
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("arm_expression.lark grammar not found")


@functools.lru_cache(maxsize=1)
def _parser():
    from lark import Lark, Transformer

    class AstBuilder(Transformer):
        """Builds AST nodes with 0-based offsets into the expression body."""

        def string(self, children):
            token = children[0]
            return Literal(token[1:-1].replace("''", "'"), token.start_pos)

        def integer(self, children):
            token = children[0]
            return Literal(int(token), token.start_pos)

        def bare_name(self, children):
            token = children[0]
            return Name(str(token), token.start_pos)

        def call(self, children):
            token = children[0]
            return Call(str(token), tuple(c for c in children[1:] if c is not None), token.start_pos)

        def member(self, children):
            target, token = children
            return Member(target, str(token), token.start_pos - 1)

        def index(self, children):
            target, index = children
            return Index(target, index, getattr(index, "pos", 0))

    from linter.cachedir import lark_cache

    grammar = _grammar_path().read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        transformer=AstBuilder(),
        start=["template_string", "body"],
        cache=lark_cache("arm-expression-lalr", grammar),
    )


# Small on purpose: every cached tree stays alive, and each full garbage collection walks them
# all; 4096 strings already give all but ~4% of the corpus's cache hits.
@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse one expression string ('[...]' or a bare expression body) into an AST."""
    if not isinstance(text, str):
        raise ExpressionError("an expression must be a string")
    wrapped = is_expression(text)
    if not (text[1:-1] if wrapped else text).strip():
        raise ExpressionError("empty expression", position=1 if wrapped else 0)
    fastparse = _fastparse()
    try:
        return fastparse.fast_parse(text, wrapped)  # the same AST, several times faster; lark judges the rest
    except fastparse.Decline:
        error = fastparse.syntax_error(text, wrapped)
        if error is not None:  # lark's own report, without importing lark
            raise ExpressionError(f"syntax error in expression: {error[0]}", position=error[1]) from None
    from lark.exceptions import LarkError, UnexpectedInput  # only now: importing lark costs ~30 ms

    try:
        return _parser().parse(text, start="template_string" if wrapped else "body")
    except UnexpectedInput as exc:
        pos = getattr(exc, "pos_in_stream", None)
        token = getattr(exc, "token", None)
        if pos is None or getattr(token, "type", "") == "$END":
            pos = len(text) - 1 if wrapped else len(text)
        raise ExpressionError(f"syntax error in expression: {_describe(exc)}", position=pos) from None
    except (LarkError, RecursionError) as exc:
        raise ExpressionError(f"invalid expression: {type(exc).__name__}", position=0) from None


@functools.lru_cache(maxsize=1)
def _fastparse():
    from . import fastparse  # it imports this module's node classes

    return fastparse


def _describe(exc) -> str:
    token = getattr(exc, "token", None)
    if token is not None and getattr(token, "type", "") == "$END":
        return "unexpected end of expression"
    if token is not None:
        return f"unexpected {str(token)!r}"
    char = getattr(exc, "char", None)
    if char is not None:
        return f"unexpected character {char!r}"
    return "unexpected input"


# --- evaluation --------------------------------------------------------------


def evaluate(text: object, scope: Scope) -> object:
    """Evaluate one template value: expressions are evaluated, '[[' literals unescaped."""
    if not isinstance(text, str):
        return text
    if len(text) >= 2 and text[0] == "[" and text[-1] == "]" and text[1] != "[":  # is_expression, inlined
        tree = parse(text)
        work = _Functions.work or _functions().work
        owner = work.counter is None  # the outermost evaluation owns the work budget
        if owner:
            work.counter = [0]
        try:
            result = evaluate_node(tree, scope)
        except RecursionError:
            raise ExpressionError("expression nested too deeply") from None
        finally:
            if owner:
                work.counter = None
        if isinstance(result, LambdaValue):
            raise ExpressionError("a lambda can only be used as a function argument", function="lambda")
        return result
    if is_escaped_literal(text):
        return text[1:]
    return text


class _Functions:
    """The function library's entry points, bound on first use (the library imports this module)."""

    call = None
    work = None


def _functions() -> type[_Functions]:
    if _Functions.call is None:
        from .functions import _registry

        _Functions.work = _registry.Work
        _Functions.call = _registry.call_function
    return _Functions


def evaluate_deep(value: object, scope: Scope) -> object:
    """Evaluate every string inside a JSON value, object keys included."""
    if isinstance(value, str):
        return evaluate(value, scope)
    if isinstance(value, list):
        return [evaluate_deep(item, scope) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            new_key = evaluate(key, scope) if isinstance(key, str) else key
            if not isinstance(new_key, str):
                # an Unknown key keeps its written text, so the entry is not lost
                new_key = key if contains_unknown(new_key) else _key_text(new_key)
            out[new_key] = evaluate_deep(item, scope)
        return out
    return value


def _key_text(value: object) -> str:
    from .functions.convert import to_string

    return to_string(value)


def evaluate_node(node: Node, scope: Scope) -> object:
    """Evaluate a parsed AST node."""
    kind = type(node)
    if kind is Literal:
        return node.value
    if kind is Call:  # as _call, inlined: one frame less on every call
        try:
            return (_Functions.call or _functions().call)(node, scope)
        except ExpressionError as exc:
            if exc.position is None:
                exc.position = node.pos
            if exc.function is None:
                exc.function = node.name
            raise
    if kind is Member:
        return _member(evaluate_node(node.target, scope), node.name, node.pos)
    if kind is Index:
        return _index(evaluate_node(node.target, scope), evaluate_node(node.index, scope), node.pos)
    if kind is Name:
        raise ExpressionError(
            f"'{node.name}' is not a function call; write {node.name}()", function=node.name, position=node.pos
        )
    raise ExpressionError(f"cannot evaluate {node!r}")


def _member(target: object, name: str, pos: int) -> object:
    if isinstance(target, Unknown):
        return target
    if isinstance(target, dict):
        if name in target:
            return target[name]
        lowered = name.lower()
        for key, value in target.items():
            if isinstance(key, str) and key.lower() == lowered:
                return value
        if isinstance(target, PartialObject):
            return target.missing(name)
        raise ExpressionError(f"the object has no property '{name}'", position=pos)
    raise ExpressionError(f"cannot read property '{name}' of {type_name(target)}", position=pos)


def _index(target: object, index: object, pos: int) -> object:
    if isinstance(target, Unknown):
        return target
    if isinstance(index, Unknown):
        return index
    if isinstance(target, list):
        if isinstance(index, bool) or not isinstance(index, int):
            raise ExpressionError(f"an array index must be an integer, not {type_name(index)}", position=pos)
        if not 0 <= index < len(target):
            raise ExpressionError(f"index {index} is out of range (array length {len(target)})", position=pos)
        return target[index]
    if isinstance(target, dict):
        if not isinstance(index, str):
            raise ExpressionError(f"an object key must be a string, not {type_name(index)}", position=pos)
        return _member(target, index, pos)
    raise ExpressionError(f"cannot index {type_name(target)}", position=pos)


def type_name(value: object) -> str:
    """The ARM name of a value's type, for error messages."""
    if isinstance(value, Unknown):
        return "unknown"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
