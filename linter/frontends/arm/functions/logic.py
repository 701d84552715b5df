"""Logical and comparison functions: and, or, not, if, bool, true, false, equals, less, greater...

`if`, `and` and `or` evaluate lazily, as ARM does for `if`: the branch not taken is
never evaluated, and an Unknown operand only matters when the result depends on it.
"""

from __future__ import annotations

from linter.model import Unknown, contains_unknown

from ..expressions import type_name
from ._registry import Context, function
from .convert import deep_equals


@function("true")
def true_(ctx: Context) -> bool:
    return True


@function("false")
def false_(ctx: Context) -> bool:
    return False


@function("if", 3, lazy=True)
def if_(ctx: Context, condition, when_true, when_false) -> object:
    value = ctx.eval(condition)
    if isinstance(value, Unknown):
        return value
    ctx.boolean(value, 0)
    return ctx.eval(when_true if value else when_false)


def _lazy_logic(ctx: Context, operands: tuple, decisive: bool) -> object:
    unknown = None
    for position, node in enumerate(operands):
        value = ctx.eval(node)
        if isinstance(value, Unknown):
            if unknown is None:
                unknown = value
            continue
        if ctx.boolean(value, position) == decisive:
            return decisive
    return unknown if unknown is not None else not decisive


@function("and", 1, None, lazy=True)
def and_(ctx: Context, *operands) -> object:
    return _lazy_logic(ctx, operands, decisive=False)


@function("or", 1, None, lazy=True)
def or_(ctx: Context, *operands) -> object:
    return _lazy_logic(ctx, operands, decisive=True)


@function("not", 1)
def not_(ctx: Context, value) -> bool:
    return not ctx.boolean(value)


@function("bool", 1)
def bool_(ctx: Context, value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ctx.error(f"cannot convert {type_name(value)} {value!r} to bool")


@function("equals", 2, unknown="handle")
def equals(ctx: Context, left, right) -> object:
    if contains_unknown(left) or contains_unknown(right):
        return ctx.unknown()
    return deep_equals(left, right)


def _compare(ctx: Context, left, right) -> int:
    if isinstance(left, str) and isinstance(right, str):
        a, b = _culture_key(left), _culture_key(right)
    elif _is_number(left) and _is_number(right):
        a, b = left, right
    else:
        raise ctx.error(f"cannot compare {type_name(left)} with {type_name(right)}")
    return (a > b) - (a < b)


def _culture_key(text: str) -> tuple:
    # .NET InvariantCulture order, approximately: case-insensitive first, then lower before upper.
    return text.casefold(), text.swapcase()


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@function("less", 2)
def less(ctx: Context, left, right) -> bool:
    return _compare(ctx, left, right) < 0


@function("lessOrEquals", 2)
def less_or_equals(ctx: Context, left, right) -> bool:
    return _compare(ctx, left, right) <= 0


@function("greater", 2)
def greater(ctx: Context, left, right) -> bool:
    return _compare(ctx, left, right) > 0


@function("greaterOrEquals", 2)
def greater_or_equals(ctx: Context, left, right) -> bool:
    return _compare(ctx, left, right) >= 0
