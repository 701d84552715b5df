"""Array functions: array, createArray, flatten, intersection, union, range, min, max,
tryGet, indexFromEnd, tryIndexFromEnd (the string-or-array ones are in collections.py)."""

from __future__ import annotations

from linter.model import Unknown, contains_unknown

from ..expressions import type_name
from ._registry import Context, function
from .convert import deep_equals

MAX_RANGE = 10_000  # ARM's documented limit on range()'s count


@function("array", 1, unknown="shallow")
def array(ctx: Context, value) -> list:
    return value if isinstance(value, list) else [value]


@function("createArray", 0, None, unknown="handle")
def create_array(ctx: Context, *items) -> list:
    return list(items)


@function("flatten", 1, unknown="shallow")
def flatten(ctx: Context, arrays) -> object:
    out = []
    for position, item in enumerate(ctx.array(arrays)):
        if isinstance(item, Unknown):
            return ctx.unknown()
        if not isinstance(item, list):
            raise ctx.error(f"element {position} is {type_name(item)}, not an array")
        out.extend(item)
    ctx.checked_items(len(out))
    return out


def _same_kind(ctx: Context, args: tuple) -> type:
    if all(isinstance(a, list) for a in args):
        return list
    if all(isinstance(a, dict) for a in args):
        return dict
    raise ctx.error("expects all arrays or all objects")


def _distinct(items) -> list:
    out: list = []
    for item in items:
        if not any(deep_equals(item, seen) for seen in out):
            out.append(item)
    return out


@function("intersection", 2, None)
def intersection(ctx: Context, *args) -> object:
    if _same_kind(ctx, args) is list:
        common = [item for item in args[0] if all(any(deep_equals(item, o) for o in other) for other in args[1:])]
        return _distinct(common)
    first, rest = args[0], args[1:]
    return {k: v for k, v in first.items() if all(k in o and deep_equals(o[k], v) for o in rest)}


@function("union", 2, None, unknown="shallow")
def union(ctx: Context, *args) -> object:
    if _same_kind(ctx, args) is list:
        if any(contains_unknown(a) for a in args):
            return ctx.unknown()
        merged = _distinct(item for a in args for item in a)
        ctx.checked_items(len(merged))
        return merged
    result: dict = {}
    for obj in args:
        result = _merge(result, obj)
    return result


def _merge(base: dict, extra: dict) -> dict:
    """union() of objects: later values win, nested objects merge recursively, arrays don't."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(out.get(key), Unknown) and isinstance(value, dict) or (
            isinstance(value, Unknown) and isinstance(out.get(key), dict)
        ):
            out[key] = Unknown("union() of an unknown object")
        elif isinstance(out.get(key), dict) and isinstance(value, dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@function("range", 2)
def range_(ctx: Context, start, count) -> list:
    start, count = ctx.integer(start, 0), ctx.integer(count, 1)
    if not 0 <= count <= MAX_RANGE:
        raise ctx.error(f"count must be between 0 and {MAX_RANGE}, got {count}")
    if start + count - 1 > 2**31 - 1 or start < -(2**31):
        raise ctx.error("startIndex + count must not exceed 2147483647")
    return list(range(start, start + count))


def _numbers(ctx: Context, args: tuple) -> list:
    values = args[0] if len(args) == 1 and isinstance(args[0], list) else list(args)
    if not values:
        raise ctx.error("expects at least one number")
    for position, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ctx.error(f"item {position + 1}: expected a number, got {type_name(value)}")
    return values


@function("min", 1, None)
def min_(ctx: Context, *args) -> object:
    return min(_numbers(ctx, args))


@function("max", 1, None)
def max_(ctx: Context, *args) -> object:
    return max(_numbers(ctx, args))


def _safe_get(container, key) -> object:
    if isinstance(container, Unknown):
        return container
    if isinstance(container, dict) and isinstance(key, str):
        if key in container:
            return container[key]
        lowered = key.lower()
        for name, value in container.items():
            if name.lower() == lowered:
                return value
        return None
    if isinstance(container, list) and isinstance(key, int) and not isinstance(key, bool):
        return container[key] if 0 <= key < len(container) else None
    return None


@function("tryGet", 2, None, unknown="shallow")
def try_get(ctx: Context, container, *keys) -> object:
    value = container
    for position, key in enumerate(keys):
        if isinstance(key, bool) or not isinstance(key, (str, int)):
            raise ctx.error(f"argument {position + 2}: expected a string or an integer, got {type_name(key)}")
        value = _safe_get(value, key)
        if value is None:
            return None
    return value


def _from_end(ctx: Context, items, reverse_index) -> object:
    items = ctx.array(items, 0)
    reverse_index = ctx.integer(reverse_index, 1)
    if 1 <= reverse_index <= len(items):
        return items[len(items) - reverse_index]
    return _OUT_OF_RANGE


_OUT_OF_RANGE = object()


@function("indexFromEnd", 2, unknown="shallow")
def index_from_end(ctx: Context, items, reverse_index) -> object:
    value = _from_end(ctx, items, reverse_index)
    if value is _OUT_OF_RANGE:
        raise ctx.error(f"index {reverse_index} from the end is out of range")
    return value


@function("tryIndexFromEnd", 2, unknown="shallow")
def try_index_from_end(ctx: Context, items, reverse_index) -> object:
    value = _from_end(ctx, items, reverse_index)
    return None if value is _OUT_OF_RANGE else value


