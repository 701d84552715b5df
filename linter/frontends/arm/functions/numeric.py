"""Integer and float functions: add, sub, mul, div, mod, int, float (min/max live with arrays).

ARM integers are 64-bit; overflow is an error, and division truncates toward
zero like C#.
"""

from __future__ import annotations

import re

from ..expressions import type_name
from ._registry import Context, function


def _operands(ctx: Context, left, right) -> tuple[int, int]:
    return ctx.integer(left, 0), ctx.integer(right, 1)


@function("add", 2)
def add(ctx: Context, left, right) -> int:
    a, b = _operands(ctx, left, right)
    return ctx.checked_int(a + b)


@function("sub", 2)
def sub(ctx: Context, left, right) -> int:
    a, b = _operands(ctx, left, right)
    return ctx.checked_int(a - b)


@function("mul", 2)
def mul(ctx: Context, left, right) -> int:
    a, b = _operands(ctx, left, right)
    return ctx.checked_int(a * b)


def _truncated_div(ctx: Context, a: int, b: int) -> int:
    if b == 0:
        raise ctx.error("division by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


@function("div", 2)
def div(ctx: Context, left, right) -> int:
    a, b = _operands(ctx, left, right)
    return ctx.checked_int(_truncated_div(ctx, a, b))


@function("mod", 2)
def mod(ctx: Context, left, right) -> int:
    a, b = _operands(ctx, left, right)
    return a - b * _truncated_div(ctx, a, b)


_INTEGER = r"\s*[+-]?[0-9]+\s*"  # compiled on first use (re caches it)


@function("int", 1)
def int_(ctx: Context, value) -> int:
    if isinstance(value, bool):
        raise ctx.error("expected an integer or a string, got bool")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return ctx.checked_int(int(value))
    if isinstance(value, str) and re.fullmatch(_INTEGER, value):
        return ctx.checked_int(int(value))
    raise ctx.error(f"cannot convert {type_name(value)} {value!r} to an integer")


@function("float", 1)
def float_(ctx: Context, value) -> float:
    if isinstance(value, bool):
        raise ctx.error("expected a number or a string, got bool")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise ctx.error(f"cannot convert {type_name(value)} {value!r} to a float")
