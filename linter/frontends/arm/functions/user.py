"""User-defined functions from a template's `functions` section (`ns.name(...)`).

A function sees only its own parameters (through parameters('name')), never
the template's parameters or variables, as ARM specifies.
"""

from __future__ import annotations

from ..expressions import ExpressionError, evaluate_deep, evaluate_node
from ..scope import Scope


def _forbidden(what: str):
    def refuse(*_args, **_kwargs):
        raise ExpressionError(f"{what} cannot be used in a user-defined function", function=what)

    return refuse


def call_user_function(node, scope: Scope) -> object:
    definition = scope.user_functions.get(node.name.lower())
    if not isinstance(definition, dict):
        raise ExpressionError(f"unknown function '{node.name}'", function=node.name)
    declared = definition.get("parameters") or []
    names = [p.get("name") for p in declared if isinstance(p, dict)]
    if len(node.args) != len(names):
        raise ExpressionError(
            f"{node.name}: expects {len(names)} argument(s), got {len(node.args)}", function=node.name
        )
    values = {str(n).lower(): evaluate_node(arg, scope) for n, arg in zip(names, node.args, strict=True)}

    def parameter(name: str) -> object:
        key = name.lower()
        if key not in values:
            raise ExpressionError(f"{node.name} has no parameter '{name}'", function="parameters")
        return values[key]

    inner = Scope(
        parameter=parameter,
        variable=_forbidden("variables"),
        copy_index=_forbidden("copyIndex"),
        reference=_forbidden("reference"),
        user_functions=scope.user_functions,
        deployment=scope.deployment,
    )
    output = definition.get("output")
    if not isinstance(output, dict) or "value" not in output:
        raise ExpressionError(f"{node.name}: the function has no output value", function=node.name)
    result = evaluate_deep(output["value"], inner)
    return result
