"""Convert input variable values to their declared `type`, as Terraform does before use.

Primitive conversions (`"2"` -> 2 for `number`, `"true"` -> True for `bool`,
numbers -> strings for `string`), element types of `list`/`set`/`map`, and
`object({...})` attribute types including `optional(type, default)` defaults.
Values that do not convert are left as they are; `Unknown` stays `Unknown`.
"""

from __future__ import annotations

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.evaluate import EvalError, Scope, evaluate
from linter.frontends.terraform.functions import FunctionError, to_set, to_string
from linter.model import Unknown


def _literal(expr: p.Expr) -> object:
    try:
        return evaluate(expr, Scope(lambda name, at: Unknown(f"{name} in a type default")))
    except (EvalError, FunctionError):
        return Unknown("type default not evaluated")


def coerce(value: object, type_expr: p.Expr | None) -> object:
    if type_expr is None or isinstance(value, Unknown) or value is None:
        return value
    if isinstance(type_expr, p.Ref):
        return _primitive(value, type_expr.name)
    if not isinstance(type_expr, p.Call) or not type_expr.args:
        return value
    kind, inner = type_expr.name, type_expr.args[0]
    if kind == "optional":
        return coerce(value, inner)
    if kind in ("list", "set") and isinstance(value, list):
        items = [coerce(v, inner) for v in value]
        return to_set(items) if kind == "set" and not any(isinstance(i, (dict, list)) for i in items) else items
    if kind == "map" and isinstance(value, dict):
        return {k: coerce(v, inner) for k, v in value.items()}
    if kind == "object" and isinstance(value, dict) and isinstance(inner, p.ObjectExpr):
        return _object(value, inner)
    return value


def _object(value: dict, spec: p.ObjectExpr) -> dict:
    out = dict(value)
    for key_expr, attr_type in spec.items:
        if not isinstance(key_expr, p.Lit):
            continue
        key = key_expr.value
        if key in out:
            out[key] = coerce(out[key], attr_type)
        elif isinstance(attr_type, p.Call) and attr_type.name == "optional":
            default = _literal(attr_type.args[1]) if len(attr_type.args) > 1 else None
            out[key] = coerce(default, attr_type.args[0])
    return out


def _primitive(value: object, kind: str) -> object:
    try:
        if kind == "string" and isinstance(value, (bool, int, float)):
            return to_string(value)
        if kind == "number" and isinstance(value, str):
            number = float(value)
            return int(number) if number.is_integer() else number
        if kind == "bool" and isinstance(value, str) and value in ("true", "false"):
            return value == "true"
    except (ValueError, FunctionError):
        return value
    return value
