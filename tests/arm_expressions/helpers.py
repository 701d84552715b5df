"""Shared helpers: a scope with a few parameters and variables, and an `ev` shortcut."""

from __future__ import annotations

from linter.frontends.arm.expressions import ExpressionError, evaluate
from linter.frontends.arm.scope import Scope
from linter.model import Unknown


def make_scope(parameters: dict | None = None, variables: dict | None = None, **kwargs) -> Scope:
    params = {k.lower(): v for k, v in (parameters or {}).items()}
    variables_ = {k.lower(): v for k, v in (variables or {}).items()}

    def lookup(table: dict, kind: str):
        def get(name: str) -> object:
            if name.lower() not in table:
                raise ExpressionError(f"{kind} '{name}' is not declared", function=kind)
            return table[name.lower()]

        return get

    kwargs.setdefault("copy_index", lambda name: 0)
    return Scope(parameter=lookup(params, "parameters"), variable=lookup(variables_, "variables"), **kwargs)


def ev(text: str, parameters: dict | None = None, **kwargs) -> object:
    """Evaluate one ARM expression; the parameter 'u' is always Unknown."""
    params = {"u": Unknown("test unknown")}
    params.update(parameters or {})
    return evaluate(text, make_scope(params, **kwargs))
