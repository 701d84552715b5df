"""Built-in functions of the rule language that work on paths, not only values.

`exists`, `count`, `ref`, `referrers`, `coalesce` and `concat_lists` need the
witness paths and the model, so they take and return `Val`s; plain value
helpers (`port_in`, `source_is_any`, ...) live in `linter.rules.helpers`.
"""

from __future__ import annotations

from linter.model import Resource, Unknown, is_unknown
from linter.rules.evaluate import Context, Val, deepest, elements, make_truth, multi, or_


def fn_exists(ctx: Context, val: Val) -> Val:
    """Present and not null; a wildcard result exists when any element does."""
    if val.items is not None:
        return or_([fn_exists(ctx, item) for item in val.items]) if val.items else Val(False, val.path)
    if is_unknown(val.value):
        return make_truth(None, val.path)
    return Val(val.value is not None, val.path, weak=val.value is None)


def fn_count(ctx: Context, val: Val) -> Val:
    if val.items is not None:
        values = [i.value for i in val.items if i.value is not None]
        if any(is_unknown(v) for v in values):
            return Val(Unknown("count of unknown elements"), val.path)
        return Val(len(values), val.path)
    value = val.value
    if is_unknown(value):
        return val
    if value is None:
        return Val(0, val.path, weak=True)
    if isinstance(value, (list, dict)):
        return Val(len(value), val.path)
    return Val(1, val.path)


def fn_ref(ctx: Context, val: Val) -> Val:
    """Follow a reference (an id string or {id: ...}) to the declared resource's body.

    An absent reference is null; one that does not resolve to a resource of the
    linted files (or resolves to an `existing` one, whose settings are not in
    the files) is Unknown: the target exists elsewhere, so the answer is undecided.
    """
    if val.items is not None:
        return multi(val, [fn_ref(ctx, item) for item in val.items])
    value = val.value
    if value is None or is_unknown(value):
        return val
    target = ctx.model.resolve(value)
    if isinstance(target, Resource) and not target.existing:
        return Val(target.body, val.path, foreign=True)
    if is_unknown(target):
        return Val(target, val.path)
    return Val(Unknown("reference to a resource outside the linted files"), val.path)


def fn_referrers(ctx: Context, type_val: Val) -> Val:
    """Bodies of the resources of the given type(s) that refer to the current resource."""
    wanted = type_val.value
    if is_unknown(wanted):
        return type_val
    types = {t.lower() for t in (wanted if isinstance(wanted, list) else [wanted]) if isinstance(t, str)}
    items = [
        Val(other.body, (), foreign=True)
        for other, _path in ctx.model.referrers(ctx.resource)
        if other.type.lower() in types
    ]
    return Val([i.value for i in items], (), items=items, foreign=True)


def fn_coalesce(ctx: Context, *vals: Val) -> Val:
    """The first argument that is not null (Unknown stops the search: it may be set)."""
    for val in vals:
        if val.value is not None:
            return val
    return vals[-1] if vals else Val(None)


def fn_concat_lists(ctx: Context, *vals: Val) -> Val:
    """Elements of every argument (a scalar counts as one, null as none), paths kept.

    Made for singular/plural pairs: concat_lists(p.destinationPortRange, p.destinationPortRanges).
    """
    items: list[Val] = []
    for val in vals:
        found = elements(val)
        items.extend([val] if is_unknown(found) else found)
    items = [i for i in items if i.value is not None]
    return Val([i.value for i in items], deepest(*(v.path for v in vals)), items=items)


PATH_FUNCTIONS = {
    "exists": (fn_exists, 1, 1),
    "count": (fn_count, 1, 1),
    "ref": (fn_ref, 1, 1),
    "referrers": (fn_referrers, 1, 1),
    "coalesce": (fn_coalesce, 1, None),
    "concat_lists": (fn_concat_lists, 1, None),
}
