"""Lambda functions: lambda, lambdaVariables, filter, map, reduce, sort, toObject, mapValues, groupBy.

A lambda body sees its parameters through lambdaVariables('name') and the
enclosing scope otherwise. An Unknown result where the outcome depends on it
(a filter predicate, a sort comparison, an object key) makes the whole result Unknown.
"""

from __future__ import annotations

import functools

from linter.model import Unknown

from ..expressions import LambdaValue, type_name
from ._registry import Context, function


class _Undecided(Exception):
    """Raised inside sort() when a comparison is Unknown."""


@function("lambda", 1, None, lazy=True)
def lambda_(ctx: Context, *nodes) -> LambdaValue:
    names = []
    for position, node in enumerate(nodes[:-1]):
        name = ctx.eval(node)
        if not isinstance(name, str) or not name:
            raise ctx.error(f"argument {position + 1}: a lambda parameter name must be a string")
        names.append(name)
    return LambdaValue(tuple(names), nodes[-1], ctx.scope)


@function("lambdaVariables", 1)
def lambda_variables(ctx: Context, name) -> object:
    key = ctx.string(name).lower()
    if key not in ctx.scope.lambda_variables:
        raise ctx.error(f"no lambda variable '{name}' here")
    return ctx.scope.lambda_variables[key]


def _lambda(ctx: Context, value, position: int, arities: tuple) -> LambdaValue:
    if not isinstance(value, LambdaValue):
        raise ctx.error(f"argument {position + 1}: expected a lambda, got {type_name(value)}")
    if len(value.params) not in arities:
        raise ctx.error(f"the lambda takes {len(value.params)} parameters, expected {' or '.join(map(str, arities))}")
    return value


def _apply(ctx: Context, fn: LambdaValue, *values) -> object:
    bindings = dict(zip(fn.params, values, strict=False))
    return ctx.eval(fn.body, fn.scope.with_lambda_variables(bindings))


@function("filter", 2, unknown="shallow")
def filter_(ctx: Context, items, predicate) -> object:
    items, fn = ctx.array(items, 0), _lambda(ctx, predicate, 1, (1, 2))
    out = []
    for index, item in enumerate(items):
        keep = _apply(ctx, fn, item, index)
        if isinstance(keep, Unknown):
            return keep
        if ctx.boolean(keep):
            out.append(item)
    return out


@function("map", 2, unknown="shallow")
def map_(ctx: Context, items, mapper) -> list:
    items, fn = ctx.array(items, 0), _lambda(ctx, mapper, 1, (1, 2))
    return [_apply(ctx, fn, item, index) for index, item in enumerate(items)]


@function("reduce", 3, unknown="handle")
def reduce_(ctx: Context, items, initial, reducer) -> object:
    if isinstance(items, Unknown):
        return items
    items, fn = ctx.array(items, 0), _lambda(ctx, reducer, 2, (2, 3))
    current = initial
    for index, item in enumerate(items):
        current = _apply(ctx, fn, current, item, index)
    return current


@function("sort", 2, unknown="shallow")
def sort(ctx: Context, items, comparer) -> object:
    items, fn = ctx.array(items, 0), _lambda(ctx, comparer, 1, (2,))

    def compare(a, b) -> int:
        before = _apply(ctx, fn, a, b)
        if isinstance(before, Unknown):
            raise _Undecided
        if ctx.boolean(before):
            return -1
        after = _apply(ctx, fn, b, a)
        if isinstance(after, Unknown):
            raise _Undecided
        return 1 if ctx.boolean(after) else 0

    try:
        return sorted(items, key=functools.cmp_to_key(compare))
    except _Undecided:
        return ctx.unknown("sort() with an unknown comparison")


def _key(ctx: Context, fn: LambdaValue, item) -> object:
    key = _apply(ctx, fn, item)
    if isinstance(key, Unknown):
        raise _Undecided
    if not isinstance(key, str):
        raise ctx.error(f"a key must be a string, got {type_name(key)}")
    return key


@function("toObject", 2, 3, unknown="shallow")
def to_object(ctx: Context, items, key_lambda, value_lambda=None) -> object:
    items = ctx.array(items, 0)
    key_fn = _lambda(ctx, key_lambda, 1, (1,))
    value_fn = None if value_lambda is None else _lambda(ctx, value_lambda, 2, (1,))
    out: dict = {}
    try:
        for item in items:
            out[_key(ctx, key_fn, item)] = item if value_fn is None else _apply(ctx, value_fn, item)
    except _Undecided:
        return ctx.unknown("toObject() with an unknown key")
    return out


@function("mapValues", 2, unknown="shallow")
def map_values(ctx: Context, obj, mapper) -> dict:
    obj, fn = ctx.obj(obj, 0), _lambda(ctx, mapper, 1, (1,))
    return {key: _apply(ctx, fn, value) for key, value in obj.items()}


@function("groupBy", 2, unknown="shallow")
def group_by(ctx: Context, items, key_lambda) -> object:
    items, fn = ctx.array(items, 0), _lambda(ctx, key_lambda, 1, (1,))
    out: dict = {}
    try:
        for item in items:
            out.setdefault(_key(ctx, fn, item), []).append(item)
    except _Undecided:
        return ctx.unknown("groupBy() with an unknown key")
    return out


