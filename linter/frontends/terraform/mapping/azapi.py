"""`azapi_resource` -> the ARM resource it declares, 1:1.

`type = "<ARM type>@<api-version>"`, `name`, `parent_id` and `body` (an HCL
object in azapi v2, `jsonencode({...})` in v1: both accepted). The parent id
decides the shape: a child type (`Namespace/parent/child`) is named
`<parent name>/<name>` under the parent id; a top-level type whose parent is
another resource is an extension resource (`Resource.scope = parent_id`);
otherwise the parent is a resource group, subscription, management group or `/`.
"""

from __future__ import annotations

import json
from typing import Callable

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.ids import RG_PREFIX, Identity, compose_id, placeholder
from linter.model import Location, Unknown, parse_resource_id


def split_type(value: object) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or "/" not in value:
        return None, None
    arm_type, _, version = value.partition("@")
    return arm_type, version or None


def identity(get: Callable, address: str) -> Identity | None:
    arm_type, _ = split_type(get("type"))
    if arm_type is None:
        return None
    name = get("name")
    if not isinstance(name, str) or not name or "/" in name:
        name = placeholder(address)
    parent = get("parent_id")
    segments = arm_type.split("/")
    known_parent = isinstance(parent, str) and parent.startswith("/")
    if len(segments) > 2:  # a child: parent id names the parent resource
        parsed = parse_resource_id(parent) if known_parent else None
        parent_name = parsed[1] if parsed else placeholder(address + ".parent")
        full = f"{parent_name}/{name}"
        rid = f"{parent.rstrip('/')}/{segments[-1]}/{name}" if parsed else compose_id(RG_PREFIX, arm_type, full)
        return Identity(full, name != placeholder(address) and parsed is not None, rid)
    if known_parent and parse_resource_id(parent) is not None:
        return Identity(name, True, f"{parent.rstrip('/')}/providers/{arm_type}/{name}", parent)
    prefix = parent.rstrip("/") if known_parent else RG_PREFIX
    scope = parent if isinstance(parent, Unknown) and _is_extension_type(arm_type) else None
    return Identity(name, name != placeholder(address), f"{prefix}/providers/{arm_type}/{name}", scope)


_EXTENSION_TYPES = {
    "microsoft.insights/diagnosticsettings", "microsoft.authorization/roleassignments",
    "microsoft.authorization/locks", "microsoft.authorization/policyassignments",
}


def _is_extension_type(arm_type: str) -> bool:
    return arm_type.lower() in _EXTENSION_TYPES


def body_expr(attr: p.Attribute | None) -> p.Expr | None:
    """The object expression of `body`, looking through `jsonencode(...)`."""
    if attr is None:
        return None
    expr = attr.expr
    if isinstance(expr, p.Call) and expr.name == "jsonencode" and len(expr.args) == 1:
        return expr.args[0]
    return expr


def decode_body(value: object) -> object:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return Unknown("azapi body is not JSON")
    return value


def expr_locations(expr: p.Expr, path: tuple, file: str, out: dict) -> None:
    """Locations of every key written literally in an object expression."""
    out[path] = Location(file, expr.line, expr.column)
    if isinstance(expr, p.ObjectExpr):
        for key, value in expr.items:
            if isinstance(key, p.Lit) and isinstance(key.value, str):
                out[path + (key.value,)] = Location(file, key.line, key.column)
                expr_locations(value, path + (key.value,), file, out)
                out[path + (key.value,)] = Location(file, key.line, key.column)
    elif isinstance(expr, p.TupleExpr):
        for i, item in enumerate(expr.items):
            expr_locations(item, path + (i,), file, out)
