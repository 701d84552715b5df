"""The function table and the rules every ARM function call goes through.

Family modules register their functions with `@function(...)`. A call is
checked for arity, then (unless the function says otherwise) an Unknown
argument makes the result Unknown without calling the function at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from linter.model import Unknown, contains_unknown

from ..expressions import ExpressionError, Literal, evaluate_node, type_name
from ..scope import Scope

MAX_ITEMS = 100_000  # longest array a function may build
MAX_STRING = 10_000_000  # longest string (characters) a function may build
MAX_WORK = 2_000_000  # per top-level evaluation: one unit per call plus the size of each result
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class Spec(NamedTuple):
    """One registered function (a read-only record: a NamedTuple is cheaper to define at start-up)."""

    name: str
    impl: Callable
    min_args: int
    max_args: int | None
    lazy: bool  # receives AST nodes, evaluates what it needs
    unknown: str  # "deep" | "shallow" | "handle"
    lookup: str | None = None  # impl(ctx, name) is scope.<lookup>(name) for a string name: may be called so

    @property
    def pass_through(self) -> bool:
        """Hands back a value that already exists: only the call itself costs work."""
        return self.name.lower() in _PASS_THROUGH


REGISTRY: dict[str, Spec] = {}

class Work:
    """Work done by the current top-level evaluate(): a one-item list that nested evaluations share.

    None outside an evaluation. (A plain class attribute: evaluation is single-threaded, and a
    ContextVar's set/reset cost as much as evaluating a simple expression.)
    """

    counter: list | None = None


def work_budget() -> tuple[object, list]:
    """Start (or join) the work budget of the current evaluation; returns (token, counter)."""
    if Work.counter is not None:
        return None, Work.counter
    Work.counter = [0]
    return True, Work.counter


def end_work_budget(token: object) -> None:
    if token is not None:
        Work.counter = None


# Functions that hand back a value that already exists: only the call itself costs work.
_PASS_THROUGH = frozenset(
    "parameters variables reference references lambdavariables if coalesce tryget first last "
    "indexfromend tryindexfromend".split()
)


def _charge(name: str, result: object, pass_through: bool | None = None) -> None:
    if pass_through is None:
        pass_through = name.lower() in _PASS_THROUGH
    size = 0
    if not pass_through:
        kind = type(result)
        if kind is str or isinstance(result, str):
            size = len(result)
            if size > MAX_STRING:
                raise ExpressionError(f"{name}: result longer than {MAX_STRING} characters", function=name)
        elif kind is list or isinstance(result, list):
            size = len(result)
            if size > MAX_ITEMS:
                raise ExpressionError(f"{name}: result larger than {MAX_ITEMS} items", function=name)
        elif isinstance(result, dict):
            size = len(result)
    counter = Work.counter
    if counter is None:
        return
    counter[0] += 1 + size
    if counter[0] > MAX_WORK:
        raise ExpressionError(f"expression too expensive to evaluate (over {MAX_WORK} work units)", function=name)


def function(
    name: str,
    min_args: int = 0,
    max_args: int | None = -1,
    lazy: bool = False,
    unknown: str = "deep",
    lookup: str | None = None,
):
    """Register `impl(ctx, *args)` as the ARM function `name` (max_args=-1: same as min_args)."""

    def register(impl: Callable) -> Callable:
        limit = min_args if max_args == -1 else max_args
        REGISTRY[name.lower()] = Spec(name, impl, min_args, limit, lazy, unknown, lookup)
        _BY_WRITTEN_NAME.clear()
        return impl

    return register


@dataclass(slots=True)
class Context:
    """What a function implementation sees besides its arguments."""

    name: str
    scope: Scope

    def eval(self, node: object, scope: Scope | None = None) -> object:
        return evaluate_node(node, scope or self.scope)

    def error(self, message: str) -> ExpressionError:
        return ExpressionError(f"{self.name}: {message}", function=self.name)

    def unknown(self, why: str = "") -> Unknown:
        return Unknown(why or f"{self.name}() of an unknown value")

    # --- argument checks -----------------------------------------------------

    def expect(self, value: object, kinds: tuple, what: str, position: int | None = None) -> object:
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(f"{_ordinal(position)}expected {what}, got bool")
        if not isinstance(value, kinds):
            raise self.error(f"{_ordinal(position)}expected {what}, got {type_name(value)}")
        return value

    def string(self, value: object, position: int | None = None) -> str:
        return self.expect(value, (str,), "a string", position)

    def integer(self, value: object, position: int | None = None) -> int:
        return self.expect(value, (int,), "an integer", position)

    def array(self, value: object, position: int | None = None) -> list:
        return self.expect(value, (list,), "an array", position)

    def obj(self, value: object, position: int | None = None) -> dict:
        return self.expect(value, (dict,), "an object", position)

    def boolean(self, value: object, position: int | None = None) -> bool:
        return self.expect(value, (bool,), "a bool", position)

    def checked_int(self, value: int) -> int:
        if not INT64_MIN <= value <= INT64_MAX:
            raise self.error("integer overflow (ARM integers are 64-bit)")
        return value

    def checked_string(self, value: str) -> str:
        if len(value) > MAX_STRING:
            raise self.error(f"result longer than {MAX_STRING} characters")
        return value

    def checked_items_list(self, items: list) -> list:
        self.checked_items(len(items))
        return items

    def checked_items(self, count: int) -> int:
        if count > MAX_ITEMS:
            raise self.error(f"result larger than {MAX_ITEMS} items")
        return count


def _ordinal(position: int | None) -> str:
    return "" if position is None else f"argument {position + 1}: "


# A call as written (`resourceId`, `concat`...) -> (spec, pass_through): spares the
# case-insensitive lookup on every call. Emptied when a function is registered.
_BY_WRITTEN_NAME: dict[str, tuple[Spec, bool]] = {}


def _spec_of(name: str) -> tuple[Spec, bool]:
    found = _BY_WRITTEN_NAME.get(name)
    if found is not None:
        return found
    spec = REGISTRY.get(name.lower())
    if spec is None and name.lower().startswith("list"):
        spec = REGISTRY["list"]  # listKeys, listConnectionStrings...: any list* function
    if spec is None:
        raise ExpressionError(f"unknown function '{name}'", function=name)
    found = _BY_WRITTEN_NAME[name] = (spec, spec.pass_through)
    return found


def call_function(node, scope: Scope) -> object:
    """Evaluate a parsed call node: a built-in or a template's user-defined function."""
    name = node.name
    found = _BY_WRITTEN_NAME.get(name)
    if found is None:
        if "." in name:
            from .user import call_user_function

            return call_user_function(node, scope)
        found = _spec_of(name)
    spec, pass_through = found
    nodes = node.args
    count = len(nodes)
    if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
        raise ExpressionError(f"{spec.name}: {_arity(spec)}, got {count}", function=spec.name)
    if spec.lookup is not None and count == 1 and type(nodes[0]) is Literal and isinstance(nodes[0].value, str):
        # parameters('x') / variables('x'), over half of all calls: straight to the scope's table
        result = getattr(scope, spec.lookup)(nodes[0].value)
        _charge(spec.name, result, pass_through)
        return result
    ctx = Context(spec.name, scope)
    if spec.lazy:
        result = spec.impl(ctx, *nodes)
    else:
        # most calls have one or two arguments: no list comprehension (a frame of its own before 3.12)
        if count == 1:
            arg = nodes[0]
            args = (arg.value if type(arg) is Literal else evaluate_node(arg, scope),)
        elif count == 2:
            first, second = nodes
            args = (
                first.value if type(first) is Literal else evaluate_node(first, scope),
                second.value if type(second) is Literal else evaluate_node(second, scope),
            )
        else:
            args = [arg.value if type(arg) is Literal else evaluate_node(arg, scope) for arg in nodes]
        mode = spec.unknown
        if mode != "handle":
            deep = mode == "deep"
            for arg in args:
                kind = type(arg)
                if kind is str or kind is int:
                    continue
                if isinstance(arg, Unknown):
                    return ctx.unknown()
                if deep and isinstance(arg, (dict, list)) and contains_unknown(arg):
                    return ctx.unknown()
        result = spec.impl(ctx, *args)
    _charge(spec.name, result, pass_through)
    return result


def _arity(spec: Spec) -> str:
    if spec.max_args == spec.min_args:
        return f"expects {spec.min_args} argument{'s' if spec.min_args != 1 else ''}"
    if spec.max_args is None:
        return f"expects at least {spec.min_args} argument{'s' if spec.min_args != 1 else ''}"
    return f"expects {spec.min_args} to {spec.max_args} arguments"
