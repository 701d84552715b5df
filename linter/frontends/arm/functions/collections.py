"""Functions that work on strings and arrays alike (and objects for some):
concat, contains, empty, first, last, indexOf, lastIndexOf, length, skip, take.

Arrays may hold Unknown elements: their length is still known, and a search
that finds a known match before meeting an Unknown element is still decided.
"""

from __future__ import annotations

from linter.model import Unknown, contains_unknown

from ..expressions import type_name
from ._registry import Context, function
from .convert import deep_equals, to_string


@function("concat", 1, None, unknown="shallow")
def concat(ctx: Context, *args) -> object:
    try:
        return ctx.checked_string("".join(args))  # all strings: the common case
    except TypeError:
        pass
    if all(isinstance(a, list) for a in args):
        ctx.checked_items(sum(len(a) for a in args))
        return [item for a in args for item in a]
    parts = []
    for position, arg in enumerate(args):
        if arg is None:
            continue
        if isinstance(arg, (list, dict)):
            raise ctx.error(f"argument {position + 1}: cannot concatenate {type_name(arg)} with strings")
        if isinstance(arg, float):
            raise ctx.error(f"argument {position + 1}: cannot concatenate a float")
        parts.append(to_string(arg))
    return ctx.checked_string("".join(parts))


@function("contains", 2, unknown="shallow")
def contains(ctx: Context, container, item) -> object:
    if isinstance(container, str):
        if contains_unknown(item):
            return ctx.unknown()
        if isinstance(item, (list, dict)):
            raise ctx.error(f"cannot search a string for {type_name(item)}")
        return to_string(item) in container
    if isinstance(container, dict):
        if not isinstance(item, str):
            return False
        return item.lower() in (k.lower() for k in container)
    if isinstance(container, list):
        index = _find(ctx, container, item)
        return index if isinstance(index, Unknown) else index >= 0
    if container is None:
        return False
    raise ctx.error(f"expected a string, array or object, got {type_name(container)}")


def _find(ctx: Context, items, item, reverse: bool = False) -> object:
    """Index of `item` in `items`, -1 when surely absent, Unknown when undecidable."""
    if contains_unknown(item):
        return ctx.unknown()
    undecided = False
    order = range(len(items) - 1, -1, -1) if reverse else range(len(items))
    for index in order:
        element = items[index]
        if contains_unknown(element):
            undecided = True
            continue
        if deep_equals(element, item):
            return ctx.unknown() if undecided else index
    return ctx.unknown() if undecided else -1


@function("empty", 1, unknown="shallow")
def empty(ctx: Context, value) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, dict)):
        return len(value) == 0
    raise ctx.error(f"expected a string, array or object, got {type_name(value)}")


@function("first", 1, unknown="shallow")
def first(ctx: Context, value) -> object:
    return _end(ctx, value, 0)


@function("last", 1, unknown="shallow")
def last(ctx: Context, value) -> object:
    return _end(ctx, value, -1)


def _end(ctx: Context, value, index: int) -> object:
    if value is None:
        return None
    if isinstance(value, list):
        return value[index] if value else None
    if isinstance(value, str):
        return value[index] if value else ""
    raise ctx.error(f"expected a string or an array, got {type_name(value)}")


def _index_of(ctx: Context, container, item, reverse: bool) -> object:
    if container is None:
        return -1
    if isinstance(container, list):
        return _find(ctx, container, item, reverse)
    if isinstance(container, str):
        if isinstance(item, Unknown):
            return item
        needle = ctx.string(item, 1).lower()
        haystack = container.lower()
        return haystack.rfind(needle) if reverse else haystack.find(needle)
    raise ctx.error(f"expected a string or an array, got {type_name(container)}")


@function("indexOf", 2, unknown="shallow")
def index_of(ctx: Context, container, item) -> object:
    return _index_of(ctx, container, item, reverse=False)


@function("lastIndexOf", 2, unknown="shallow")
def last_index_of(ctx: Context, container, item) -> object:
    return _index_of(ctx, container, item, reverse=True)


@function("length", 1, unknown="shallow")
def length(ctx: Context, value) -> int:
    if value is None:
        return 0
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise ctx.error(f"expected a string, array or object, got {type_name(value)}")


def _count(ctx: Context, container, count) -> int:
    if not isinstance(container, (str, list)):
        raise ctx.error(f"expected a string or an array, got {type_name(container)}")
    return max(0, ctx.integer(count, 1))


@function("skip", 2, unknown="shallow")
def skip(ctx: Context, container, count) -> object:
    return container[_count(ctx, container, count):]


@function("take", 2, unknown="shallow")
def take(ctx: Context, container, count) -> object:
    return container[: _count(ctx, container, count)]
