"""Object functions: createObject, json, null, coalesce, shallowMerge, objectKeys, items."""

from __future__ import annotations

from linter.model import Unknown

from ..expressions import type_name
from ._registry import Context, function
from .convert import loads_lenient


@function("null")
def null(ctx: Context) -> None:
    return None


@function("createObject", 0, None, unknown="handle")
def create_object(ctx: Context, *args) -> object:
    if len(args) % 2:
        raise ctx.error("expects an even number of arguments (name, value pairs)")
    out: dict = {}
    for position in range(0, len(args), 2):
        key = args[position]
        if isinstance(key, Unknown):
            return ctx.unknown()
        ctx.string(key, position)
        if key in out:
            raise ctx.error(f"duplicate property name '{key}'")
        out[key] = args[position + 1]
    return out


@function("json", 1)
def json_(ctx: Context, text) -> object:
    if text is None:
        return {}
    try:
        return loads_lenient(ctx.string(text))
    except ValueError as exc:
        raise ctx.error(f"invalid JSON: {exc}") from None


@function("coalesce", 1, None, unknown="handle")
def coalesce(ctx: Context, *args) -> object:
    for arg in args:
        if isinstance(arg, Unknown):
            return arg  # it might be null, so the answer depends on it
        if arg is not None:
            return arg
    return None


@function("shallowMerge", 1, unknown="shallow")
def shallow_merge(ctx: Context, objects) -> object:
    out: dict = {}
    for position, obj in enumerate(ctx.array(objects)):
        if isinstance(obj, Unknown):
            return ctx.unknown()
        if obj is None:
            continue
        out.update(ctx.obj(obj, position))
    return out


@function("objectKeys", 1, unknown="shallow")
def object_keys(ctx: Context, obj) -> list:
    return list(ctx.obj(obj))


@function("items", 1, unknown="shallow")
def items(ctx: Context, obj) -> list:
    if not isinstance(obj, dict):
        raise ctx.error(f"expected an object, got {type_name(obj)}")
    # ARM returns the entries sorted by key, case-insensitively.
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=lambda k: (k.lower(), k))]
