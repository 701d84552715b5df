"""Run-time semantics of the rule language: values with witness paths, three-valued logic.

Every expression evaluates to a `Val`: the value, and the path into the
current resource's body that it came from (its *witness*). A missing property
is `None` and its witness is the nearest parent that exists; a value reached
through `ref()` lives in another resource, so its witness stays at the
reference in this one. Wildcards produce a `Val` whose `items` are the
elements, each with its own path.

Logic is Kleene's: a truth value is True, False or UNDECIDED (a `Val` whose
value is `Unknown`). Nothing here calls bool() on an Unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Model, Resource, Unknown

UNDECIDED_REASON = "undecided"


@dataclass(slots=True)
class Val:
    """A value, and where in the current resource it comes from."""

    value: object
    path: tuple | None = None  # witness in the current resource, None for literals/options
    items: list | None = None  # elements of a wildcard result (each a Val)
    foreign: bool = False  # reached through ref(): further steps keep `path`
    weak: bool = False  # true by absence (`not ...`): a weaker witness than a property that is there


@dataclass(slots=True)
class Context:
    """What an evaluation can see: the resource, the model, options and bound names."""

    resource: Resource
    model: Model
    options: dict
    env: dict = field(default_factory=dict)  # name -> Val

    def bind(self, name: str, val: Val) -> Context:
        return Context(self.resource, self.model, self.options, {**self.env, name: val})


# ---- truth values -------------------------------------------------------


def truth(val: Val) -> bool | None:
    """True / False / None (undecided) for a value used as a condition."""
    value = val.value
    if isinstance(value, Unknown):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # ARM booleans sometimes arrive as strings
    if value is None:
        return False
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, (list, dict, str)):
        return len(value) > 0
    return True


def make_truth(result: bool | None, path: tuple | None) -> Val:
    return Val(Unknown(UNDECIDED_REASON) if result is None else result, path)


def deepest(*paths: tuple | None) -> tuple | None:
    """The longest of the paths (the later one on a tie); None when none is known."""
    best = None
    for path in paths:
        if path is not None and (best is None or len(path) >= len(best)):
            best = path
    return best


def best(*vals: Val) -> tuple[tuple | None, bool]:
    """The witness of several operands: the deepest path of a present value, else the deepest of any.

    Returns (path, weak); weak means the evidence is an absence (a missing property).
    """
    if len(vals) == 2:  # a comparison: the same choice as below, without the lists
        a, b = vals[0].path, vals[1].path
        a_strong = a is not None and not vals[0].weak
        b_strong = b is not None and not vals[1].weak
        if a_strong or b_strong:
            if not a_strong:
                return b, False
            if not b_strong:
                return a, False
            return (b if len(b) >= len(a) else a), False
        if a is None:
            return b, b is not None
        if b is None:
            return a, True
        return (b if len(b) >= len(a) else a), True
    strong = [v.path for v in vals if v.path is not None and not v.weak]
    if strong:
        return deepest(*strong), False
    return deepest(*(v.path for v in vals)), any(v.path is not None for v in vals)


def and_(vals: list[Val]) -> Val:
    undecided = None
    for val in vals:
        t = truth(val)
        if t is False:
            return Val(False, val.path)
        if t is None and undecided is None:
            undecided = val
    if undecided is not None:
        return make_truth(None, undecided.path)
    # the last operand that tests a present property names the offending one (rules put the
    # decisive test last); when every operand is an absence, the deepest absence
    strong = [v for v in vals if v.path is not None and not v.weak]
    if strong:
        return Val(True, strong[-1].path)
    path, weak = best(*vals)
    return Val(True, path, weak=weak)


def or_(vals: list[Val]) -> Val:
    undecided = None
    for val in vals:
        t = truth(val)
        if t is True:
            return Val(True, val.path)
        if t is None and undecided is None:
            undecided = val
    if undecided is not None:
        return make_truth(None, undecided.path)
    return Val(False, deepest(*(v.path for v in vals)))


def not_(val: Val) -> Val:
    t = truth(val)
    if t is None:
        return make_truth(None, val.path)
    return Val(not t, val.path, weak=not t)


# ---- navigation ---------------------------------------------------------


def _get_key(mapping: dict, name: str) -> tuple[str, object] | None:
    if name in mapping:
        return name, mapping[name]
    lowered = name.lower()
    for key, value in mapping.items():
        if isinstance(key, str) and key.lower() == lowered:
            return key, value
    return None


def _child(val: Val, key: object) -> tuple | None:
    if val.path is None or val.foreign:
        return val.path
    return val.path + (key,)


def step_field(val: Val, name: str) -> Val:
    if val.items is not None:
        return multi(val, [step_field(item, name) for item in val.items])
    value = val.value
    if isinstance(value, dict):
        if name in value:  # _get_key, inlined for the exact hit
            key, found = name, value[name]
        else:
            key, found = _get_key(value, name) or (None, None)
        if found is not None:
            path = val.path
            return Val(found, path if path is None or val.foreign else path + (key,), None, val.foreign)
    elif isinstance(value, Unknown):
        return val
    return Val(None, val.path, None, val.foreign, True)


def step_index(val: Val, index: int) -> Val:
    if val.items is not None:
        return multi(val, [step_index(item, index) for item in val.items])
    value = val.value
    if isinstance(value, Unknown):
        return val
    if isinstance(value, list) and -len(value) <= index < len(value):
        real = index % len(value)
        if value[real] is not None:
            return Val(value[real], _child(val, real), foreign=val.foreign)
    return Val(None, val.path, foreign=val.foreign, weak=True)


def elements(val: Val) -> list[Val] | Unknown:
    """The elements of a list-like value (each with its path); Unknown when unknowable."""
    if val.items is not None:
        return val.items
    value = val.value
    if isinstance(value, Unknown):
        return value
    if isinstance(value, list):
        return [Val(v, _child(val, i), foreign=val.foreign) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return [Val(v, _child(val, k), foreign=val.foreign) for k, v in value.items()]
    if value is None:
        return []
    return [val]


def step_wildcard(val: Val) -> Val:
    if val.items is not None:
        flat: list[Val] = []
        for item in val.items:
            sub = elements(item)
            flat.extend([item] if isinstance(sub, Unknown) else sub)
        return multi(val, flat)
    found = elements(val)
    if isinstance(found, Unknown):
        return val
    return multi(val, found)


def multi(parent: Val, items: list[Val]) -> Val:
    return Val([i.value for i in items], parent.path, items=items, foreign=parent.foreign)


# ---- comparisons --------------------------------------------------------


def _norm(value: object) -> object:
    if isinstance(value, str):
        return value.casefold()
    return value


def _coerce_pair(left: object, right: object) -> tuple[object, object]:
    """Line up a string against a number or boolean (ARM values often arrive as strings)."""
    for a, b, flip in ((left, right, False), (right, left, True)):
        if isinstance(a, str) and isinstance(b, bool):
            if a.lower() in ("true", "false"):
                a = a.lower() == "true"
        elif isinstance(a, str) and isinstance(b, (int, float)):
            try:
                a = float(a) if "." in a else int(a)
            except ValueError:
                pass
        else:
            continue
        return (b, a) if flip else (a, b)
    return left, right


def values_equal(left: object, right: object) -> bool | None:
    if type(left) is str and type(right) is str:  # the common case, nothing to coerce
        return left.casefold() == right.casefold()
    if isinstance(left, Unknown) or isinstance(right, Unknown):
        return None
    left, right = _coerce_pair(left, right)
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return False
        results = [values_equal(a, b) for a, b in zip(left, right, strict=True)]
        if False in results:
            return False
        return None if None in results else True
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    return _norm(left) == _norm(right)


def compare(op: str, left: Val, right: Val) -> Val:
    path, weak = best(left, right)
    a, b = left.value, right.value
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return make_truth(None, left.path if isinstance(a, Unknown) else right.path)
    if op in ("==", "!="):
        eq = values_equal(a, b)
        if eq is None:
            return make_truth(None, path)
        return Val(eq if op == "==" else not eq, path, weak=weak)
    a, b = _coerce_pair(a, b)
    a, b = _norm(a), _norm(b)
    numeric = (int, float)
    comparable = (isinstance(a, numeric) and isinstance(b, numeric) and not isinstance(a, bool)
                  and not isinstance(b, bool)) or (isinstance(a, str) and isinstance(b, str))
    if not comparable:
        return Val(False, path, weak=weak)
    result = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    return Val(result, path, weak=weak)


def member(needle: Val, haystack: Val) -> Val:
    """`needle in haystack`: list membership (case-insensitive) or substring."""
    value = needle.value
    if isinstance(value, Unknown):
        return make_truth(None, needle.path)
    container = haystack.value
    if isinstance(container, Unknown):
        return make_truth(None, haystack.path)
    if isinstance(container, str):
        if isinstance(value, str):
            return Val(value.casefold() in container.casefold(), *best(needle, haystack))
        return Val(False, needle.path)
    if haystack.items is None and isinstance(container, list):
        return _member_of_list(needle, haystack)
    found = elements(haystack)
    undecided = None
    for item in found:
        eq = values_equal(value, item.value)
        if eq is True:
            return Val(True, *best(needle, item))
        if eq is None and undecided is None:
            undecided = item
    if undecided is not None:
        return make_truth(None, undecided.path)
    return Val(False, *best(needle, haystack))


def _member_of_list(needle: Val, haystack: Val) -> Val:
    """`member` over a plain list: the same answer, without a Val for every element it passes."""
    value, container = needle.value, haystack.value
    undecided = None
    for index, item in enumerate(container):
        eq = values_equal(value, item)
        if eq is True:
            return Val(True, *best(needle, Val(item, _child(haystack, index), foreign=haystack.foreign)))
        if eq is None and undecided is None:
            undecided = index
    if undecided is not None:
        return make_truth(None, _child(haystack, undecided))
    return Val(False, *best(needle, haystack))


# ---- quantifiers ----------------------------------------------------------


def quantify(kind: str, name: str, collection: Val, body, ctx: Context) -> Val:
    """any()/all() with Kleene semantics; `body` is a compiled condition."""
    found = elements(collection)
    if isinstance(found, Unknown):
        return make_truth(None, collection.path)
    undecided = None
    stop = True if kind == "any" else False
    for item in found:
        result = body(ctx.bind(name, item))
        t = truth(result)
        if t is stop:
            return Val(stop, result.path if result.path is not None else item.path)
        if t is None and undecided is None:
            undecided = result
    if undecided is not None:
        return make_truth(None, undecided.path)
    return Val(not stop, collection.path)
