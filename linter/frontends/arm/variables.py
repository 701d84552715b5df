"""Template variables, evaluated lazily on first use, with cycle detection.

A variable is evaluated the first time an expression asks for it (most
templates declare far more than any one resource uses) and memoized. The
`copy` member of the `variables` section declares array variables built by a
loop (`{"name", "count", "input"}`); `copy` inside a variable's value is a
property loop, handled like any other value.

A cycle (`a` uses `b` uses `a`) is reported once as an input error naming
the variables, and every variable on it evaluates to Unknown.
"""

from __future__ import annotations

from typing import Callable

from linter.model import Path, Unknown

from .evaluation import Budget, Report, bind_copy_index, copy_count, evaluate_value, is_property_copy
from .expressions import ExpressionError
from .scope import Scope


class VariableTable:
    """The variables of one template; `get(name)` is the Scope.variable callback."""

    def __init__(
        self,
        declared: object,
        pointer: Path,
        scope: Callable[[], Scope],
        report: Report,
        budget: Budget | None = None,
    ) -> None:
        self._pointer = tuple(pointer)  # of the `variables` object
        self._scope = scope
        self._report = report
        self._budget = budget
        self._declared: dict[str, tuple[str, object, Path]] = {}
        self._values: dict[str, object] = {}
        self._resolving: list[str] = []
        if isinstance(declared, dict):
            for name, value in declared.items():
                if name == "copy" and is_property_copy(value):
                    self._add_loops(value)
                else:
                    self._declared[name.lower()] = (name, value, self._pointer + (name,))
        elif declared is not None:
            report(self._pointer, "variables must be an object", "error")

    def _add_loops(self, loops: list) -> None:
        for k, spec in enumerate(loops):
            name = spec.get("name")
            if isinstance(name, str):
                self._declared[name.lower()] = (name, _Loop(spec), self._pointer + ("copy", k))

    def get(self, name: str) -> object:
        key = name.lower() if isinstance(name, str) else name
        if key in self._values:
            return self._values[key]
        if key not in self._declared:
            raise ExpressionError(f"variable '{name}' is not declared", function="variables")
        written, value, pointer = self._declared[key]
        if key in self._resolving:
            names = [self._declared[k][0] for k in self._resolving[self._resolving.index(key) :]] + [written]
            self._report(pointer, "variables form a cycle: " + " -> ".join(names), "error")
            for k in self._resolving[self._resolving.index(key) :]:
                self._values[k] = Unknown("variable cycle")
            return Unknown("variable cycle")
        self._resolving.append(key)
        try:
            if isinstance(value, _Loop):
                result = value.evaluate(self._scope(), pointer, self._report, self._budget)
            else:
                result = evaluate_value(value, self._scope(), pointer, self._report, budget=self._budget)
        finally:
            self._resolving.pop()
        self._values.setdefault(key, result)
        return self._values[key]


class _Loop:
    """A `variables.copy` entry: an array variable built by a copy loop."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec

    def evaluate(self, scope: Scope, pointer: Path, report: Report, budget: Budget | None) -> object:
        name = self.spec["name"]
        count = copy_count(self.spec, scope, pointer, report)
        if isinstance(count, Unknown):
            return Unknown(f"variable copy loop '{name}' has an unknown count")
        return [
            evaluate_value(
                self.spec["input"],
                bind_copy_index(scope, name, i),
                pointer + ("input",),
                report,
                budget=budget,
            )
            for i in range(count)
        ]
