"""Evaluating written template values: every expression, property `copy` loops, copy counts.

`evaluate_value` walks a written JSON value and returns it with every
expression evaluated. An expression that fails makes only that value Unknown
and is reported (with the JSON pointer of the value) through a `report`
callback, so one bad property never loses a resource.

A property copy loop (`"copy": [{"name", "count", "input"}]` inside an
object) becomes an array member named after the loop. When its count is
unknown the whole array is Unknown: elements with an unknown index would
only be guesses. Copy loops are capped at `MAX_COPY` instances, ARM's own
limit for a `copy` count; a larger count is evaluated for the first
`MAX_COPY` instances and reported as a note.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from linter.model import Path, Unknown

from .expressions import ExpressionError, evaluate
from .locations import CopyRemaps
from .scope import Scope

MAX_COPY = 800  # ARM rejects a copy count above 800
MAX_LOOP_ITEMS = 200_000  # property-loop elements per unit: nested loops multiply

# report(pointer, message, kind) records an input error at a JSON pointer
Report = Callable[[Path, str, str], None]

_INVALID_TEMPLATE = ("syntax error", "empty expression", "invalid expression", "an expression must be")


def expression_error_kind(exc: ExpressionError) -> str:
    """Kind of input error: 'error' when the template is invalid, 'note' when our evaluator cannot follow it."""
    message = exc.message.lower()
    if message.startswith(_INVALID_TEMPLATE) or "is not declared" in message:
        return "error"
    return "note"


def evaluate_string(text: str, scope: Scope, pointer: Path, report: Report) -> object:
    """One written string: evaluated when it is an expression; a failure becomes Unknown."""
    if not text.startswith("["):
        return text
    try:
        value = evaluate(text, scope)
        return plain(value) if isinstance(value, (dict, list)) else value
    except ExpressionError as exc:
        report(pointer, f"cannot evaluate {_clip(text)}: {exc}", expression_error_kind(exc))
        return Unknown(f"expression error: {exc.message}")
    except RecursionError:
        report(pointer, f"cannot evaluate {_clip(text)}: nested too deeply", "note")
        return Unknown("expression nested too deeply")
    except Exception as exc:  # noqa: BLE001  a fault in the evaluator must not lose the template
        report(pointer, f"cannot evaluate {_clip(text)}: internal error {type(exc).__name__}: {exc}", "note")
        return Unknown("expression evaluation failed")


def plain(value: object) -> object:
    """The value with partial objects (from reference(), resourceGroup()...) turned into plain dicts."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_property_copy(value: object) -> bool:
    """A `copy` member that is a property loop: a list of {name, count, input} objects."""
    return (
        isinstance(value, list)
        and len(value) > 0
        and all(isinstance(item, dict) and "name" in item and "input" in item for item in value)
    )


class Budget:
    """How many more property-loop elements may be built (shared by one unit's resources)."""

    def __init__(self, items: int = MAX_LOOP_ITEMS) -> None:
        self.items = items

    def take(self, count: int) -> bool:
        if count > self.items:
            return False
        self.items -= count
        return True


@dataclasses.dataclass
class Walk:
    """What stays fixed while one value is walked."""

    report: Report
    remaps: CopyRemaps | None = None
    budget: Budget | None = None


def evaluate_value(
    value: object,
    scope: Scope,
    pointer: Path,
    report: Report,
    *,
    path: Path = (),
    remaps: CopyRemaps | None = None,
    budget: Budget | None = None,
) -> object:
    """The written `value` (at JSON `pointer`) with every expression evaluated.

    `path` is where the value lands in the resource body; property copy loops
    record their body-to-pointer translation in `remaps`.
    """
    return _walk(value, scope, tuple(pointer), tuple(path), Walk(report, remaps, budget))


def _walk(value: object, scope: Scope, pointer: Path, path: Path, walk: Walk) -> object:
    if isinstance(value, str):
        return evaluate_string(value, scope, pointer, walk.report)
    if isinstance(value, dict):
        return _walk_object(value, scope, pointer, path, walk)
    if isinstance(value, list):
        return _walk_list(value, scope, pointer, path, walk)
    return value


# Below, plain strings and scalars are copied in place: most of a template is literal, and a
# pointer is only built for what is evaluated.


def _walk_list(value: list, scope: Scope, pointer: Path, path: Path, walk: Walk) -> list:
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            out.append(evaluate_string(item, scope, pointer + (i,), walk.report) if item[:1] == "[" else item)
        elif isinstance(item, (dict, list)):
            out.append(_walk(item, scope, pointer + (i,), path + (i,), walk))
        else:
            out.append(item)
    return out


def _walk_object(value: dict, scope: Scope, pointer: Path, path: Path, walk: Walk) -> dict:
    out: dict = {}
    for key, item in value.items():
        if key == "copy" and is_property_copy(item):
            for k, spec in enumerate(item):
                name, produced = _property_loop(spec, scope, pointer + ("copy", k), path, walk)
                if name is not None:
                    out[name] = produced
            continue
        new_key = key
        if key[:1] == "[":  # an expression, or a '[[' escape
            evaluated = evaluate_string(key, scope, pointer + (key,), walk.report)
            new_key = evaluated if isinstance(evaluated, str) else key
        if isinstance(item, str):
            out[new_key] = evaluate_string(item, scope, pointer + (key,), walk.report) if item[:1] == "[" else item
        elif isinstance(item, (dict, list)):
            out[new_key] = _walk(item, scope, pointer + (key,), path + (new_key,), walk)
        else:
            out[new_key] = item
    return out


def _property_loop(spec: dict, scope: Scope, pointer: Path, path: Path, walk: Walk) -> tuple:
    name = (
        evaluate_string(spec["name"], scope, pointer + ("name",), walk.report)
        if isinstance(spec["name"], str)
        else None
    )
    if not isinstance(name, str):
        walk.report(pointer + ("name",), "a property copy loop needs a literal string name", "error")
        return None, None
    count = copy_count(spec, scope, pointer, walk.report)
    if isinstance(count, Unknown):
        return name, Unknown(f"copy loop '{name}' has an unknown count")
    if walk.budget is not None and not walk.budget.take(count):
        walk.report(
            pointer, f"property copy loops build more than {MAX_LOOP_ITEMS} items: not analysed", "note"
        )
        return name, Unknown("too many property copy items")
    input_pointer = pointer + ("input",)
    if walk.remaps is not None:
        walk.remaps.add(path + (name,), input_pointer)
    items = []
    for index in range(count):
        inner = bind_copy_index(scope, name, index)
        items.append(_walk(spec["input"], inner, input_pointer, path + (name, index), walk))
    return name, items


def copy_count(spec: dict, scope: Scope, pointer: Path, report: Report) -> int | Unknown:
    """The number of instances a `copy` object asks for: an int in 0..MAX_COPY, or Unknown."""
    if "count" not in spec:
        report(pointer, "copy loop without a count", "error")
        return Unknown("copy loop without a count")
    raw = spec["count"]
    count = evaluate_string(raw, scope, pointer + ("count",), report) if isinstance(raw, str) else raw
    if isinstance(count, Unknown):
        return count
    if isinstance(count, str) and count.strip().lstrip("-").isdigit():  # ARM converts numeric strings
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, (int, float)) or count != int(count):
        report(pointer + ("count",), f"copy count must be an integer, got {count!r}", "error")
        return Unknown("invalid copy count")
    count = int(count)
    if count < 0:
        report(pointer + ("count",), f"copy count must not be negative, got {count}", "error")
        return 0
    if count > MAX_COPY:
        report(pointer + ("count",), f"copy count {count} capped to {MAX_COPY}", "note")
        return MAX_COPY
    return count


def bind_copy_index(scope: Scope, name: object, index: object, resource_loop: bool = False) -> Scope:
    """A scope where copyIndex(name) gives `index`.

    copyIndex() without a name means the resource (or output/variable) loop;
    inside a property loop with no resource loop around it, the innermost one.
    """
    outer = scope.copy_index
    lowered = name.lower() if isinstance(name, str) else None

    def copy_index(requested: str | None = None) -> object:
        if requested is None:
            if resource_loop:
                return index
            try:
                return outer(None)
            except ExpressionError:
                return index
        if isinstance(requested, str) and requested.lower() == lowered:
            return index
        return outer(requested)

    return scope.with_copy_index(copy_index)
