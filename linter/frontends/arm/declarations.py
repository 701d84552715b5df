"""Resource declarations as written: the `resources` array or symbolic-name object, and nested children.

`collect` walks a template's `resources` (an array, or the languageVersion
2.0 object keyed by symbolic name) and the nested `resources` of each
resource, giving each declaration its full type (a nested `subnets` under a
virtual network is `Microsoft.Network/virtualNetworks/subnets`) and a symbol:
the symbolic name, else a stable path such as `resources[3].resources[0]`.
Malformed entries are reported and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Path

from .context import TemplateContext
from .expressions import is_expression
from .ids import full_type


@dataclass(eq=False)
class Declaration:
    """One written resource object."""

    raw: dict
    pointer: Path
    symbol: str  # within its template: what reference('symbol') names
    type: str  # full type (a nested child's type prefixed with its parent's)
    api_version: object
    children: list = field(default_factory=list)  # no link back to the parent: a cycle would outlive the load
    qualified: str = ""  # unit-wide: prefixed with the nested deployment's (`netModule/nsg`)


def collect(ctx: TemplateContext) -> list[Declaration]:
    """The top-level declarations of a template (children hang off their parents)."""
    if "resources" not in ctx.template:
        return []
    return _collect(ctx, ctx.template["resources"], ctx.pointer + ("resources",), None, "resources")


def _collect(
    ctx: TemplateContext, value: object, pointer: Path, parent: Declaration | None, label: str
) -> list:
    if isinstance(value, dict):
        entries = [(key, key, raw) for key, raw in value.items()]
    elif isinstance(value, list):
        entries = [(i, f"{label}[{i}]", raw) for i, raw in enumerate(value)]
    else:
        ctx.report(pointer, "resources must be an array (or an object keyed by symbolic name)")
        return []
    declarations = []
    for key, symbol, raw in entries:
        here = pointer + (key,)
        declaration = _declaration(ctx, raw, here, symbol, parent)
        if declaration is None:
            continue
        declarations.append(declaration)
        if "resources" in raw:
            declaration.children = _collect(
                ctx, raw["resources"], here + ("resources",), declaration, f"{symbol}.resources"
            )
    return declarations


def _declaration(ctx: TemplateContext, raw: object, pointer: Path, symbol: str, parent) -> Declaration | None:
    if not isinstance(raw, dict):
        ctx.report(pointer, "a resource must be an object")
        return None
    written = raw.get("type")
    if not isinstance(written, str) or not written.strip():
        ctx.report(pointer, "resource without a type")
        return None
    if is_expression(written):
        ctx.report(pointer + ("type",), "a resource type must be a literal string, not an expression")
        return None
    api_version = raw.get("apiVersion")
    if "@" in written:  # extensibility resources (languageVersion 2.0): "Type@version"
        written, _, version = written.partition("@")
        api_version = api_version if api_version is not None else version
    rtype = full_type(parent.type if parent else None, written.strip())
    return Declaration(raw, pointer, symbol, rtype, api_version, qualified=ctx.symbol_prefix + symbol)
