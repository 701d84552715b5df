"""Evaluate one resource instance's body into a `BlockView`: values plus where each was written.

Nested blocks become lists of `BlockView`s; `dynamic "x" { for_each, iterator,
content {...} }` blocks are expanded here, each generated block pointing at the
`content` block it came from. An attribute whose evaluation fails becomes
`Unknown` (Terraform would have refused the configuration; we never guess).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.evaluate import EvalError, LazyObject, Scope, evaluate
from linter.frontends.terraform.functions import FunctionError
from linter.model import Location, Unknown

META_ATTRIBUTES = {"count", "for_each", "depends_on", "provider", "lifecycle"}
META_BLOCKS = {"lifecycle", "provisioner", "connection", "timeouts"}
MAX_DYNAMIC = 1000


@dataclass
class BlockView:
    """A block's evaluated attributes and nested blocks, each with where it was written."""

    location: Location
    attrs: dict = field(default_factory=dict)  # name -> value
    locs: dict = field(default_factory=dict)  # name -> Location
    blocks: dict = field(default_factory=dict)  # type -> [BlockView]
    unknown_blocks: set = field(default_factory=set)  # dynamic blocks over unknown collections

    def get(self, name: str, default: object = None) -> object:
        return self.attrs.get(name, default)

    def loc(self, name: str) -> Location:
        return self.locs.get(name, self.location)

    def block(self, kind: str) -> BlockView | None:
        found = self.blocks.get(kind)
        return found[0] if found else None

    def all(self, kind: str) -> list:
        return self.blocks.get(kind, [])


def safe_evaluate(expr: p.Expr, scope: Scope) -> object:
    try:
        return plain(evaluate(expr, scope))
    except (EvalError, FunctionError) as exc:
        return Unknown(f"not evaluated: {exc}")
    except RecursionError:
        return Unknown("expression nested too deeply")


def plain(value: object, depth: int = 0) -> object:
    """The value with every lazily computed object (a whole resource, module) made a plain dict."""
    if depth > 50:
        return Unknown("value nested too deeply")
    if isinstance(value, LazyObject):
        value = value.materialize()
    if isinstance(value, dict):
        return {k: plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, depth + 1) for v in value]
    return value


def build_view(body: p.Body, scope: Scope, file: str, line: int, column: int, top: bool = True) -> BlockView:
    view = BlockView(Location(file, line, column))
    for attr in body.attributes.values():
        if top and attr.name in META_ATTRIBUTES:
            continue
        view.attrs[attr.name] = safe_evaluate(attr.expr, scope)
        view.locs[attr.name] = Location(attr.file or file, attr.line, attr.column)
    for block in body.blocks:
        if top and block.type in META_BLOCKS:
            continue
        if block.type == "dynamic" and block.labels:
            _expand_dynamic(view, block, scope, block.file or file)
            continue
        child = build_view(block.body, scope, block.file or file, block.line, block.column, top=False)
        view.blocks.setdefault(block.type, []).append(child)
    return view


def _expand_dynamic(view: BlockView, block: p.Block, scope: Scope, file: str) -> None:
    kind = block.labels[0]
    for_each = block.body.attributes.get("for_each")
    content = next((b for b in block.body.blocks if b.type == "content"), None)
    if for_each is None or content is None:
        return
    iterator_attr = block.body.attributes.get("iterator")
    iterator = kind
    if iterator_attr is not None and isinstance(iterator_attr.expr, p.Ref):
        iterator = iterator_attr.expr.name
    collection = safe_evaluate(for_each.expr, scope)
    if isinstance(collection, Unknown):
        view.unknown_blocks.add(kind)
        return
    if isinstance(collection, dict):
        pairs = list(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        view.unknown_blocks.add(kind)
        return
    generated = view.blocks.setdefault(kind, [])
    for key, value in pairs[:MAX_DYNAMIC]:
        inner = scope.child(**{iterator: {"key": key, "value": value}})
        generated.append(build_view(content.body, inner, file, content.line, content.column, top=False))
