"""The building blocks of a Terraform -> ARM mapping: the `Mapping` record and the `Out` body builder.

A mapping names the ARM type, how the ARM name and id are formed (parent name
attributes, deployment scope, extension target) and a `build` function that
copies evaluated attributes and nested blocks (a `BlockView`) to ARM property
paths. `Out` records, for every path it writes, the location of the attribute
or block it came from; that dict becomes the resource's SourceMap lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from linter.frontends.terraform.view import BlockView
from linter.model import Location, Unknown, is_unknown


# A NamedTuple, not a frozen dataclass: cheaper to define at start-up (see linter.discover).
class Mapping(NamedTuple):
    """How one Terraform resource type becomes an ARM resource."""

    arm_type: str
    build: Callable  # (BlockView, Out) -> None
    parents: tuple = ()  # attribute names giving parent names; "id:<attr>" takes the name out of an id
    scope: str = "resourceGroup"  # "resourceGroup" | "subscription" | "tenant" | "attr:<name>"
    extension: bool = False  # scope attribute is the resource's target (Resource.scope)
    name: Callable | None = None  # (written-attribute getter) -> name; default: the `name` attribute


@dataclass
class Out:
    """An ARM-shaped body under construction, with a location per written path."""

    body: dict = field(default_factory=dict)
    locs: dict = field(default_factory=dict)

    def put(self, path: tuple, value: object, loc: Location | None) -> None:
        node: object = self.body
        for i, key in enumerate(path[:-1]):
            nxt = path[i + 1]
            node = _child(node, key, [] if isinstance(nxt, int) else {})
        last = path[-1]
        if isinstance(last, int):
            while len(node) <= last:
                node.append({})
            node[last] = value
        else:
            node[last] = value
        if loc is not None:
            self.locs[tuple(path)] = loc

    def mark(self, path: tuple, loc: Location) -> None:
        """Record a location for a container path (a nested block) without writing a value."""
        self.locs[tuple(path)] = loc

    def copy(self, view: BlockView, attr: str, path: tuple, convert: Callable | None = None) -> bool:
        """Copy a written, non-null attribute to `path`; returns whether something was written."""
        if attr not in view.attrs:
            return False
        value = view.attrs[attr]
        if value is None:
            return False
        if convert is not None and (not is_unknown(value) or convert is ref):
            value = convert(value)
        self.put(path, value, view.loc(attr))
        return True

    def copy_first(self, view: BlockView, attrs: tuple, path: tuple, convert: Callable | None = None) -> bool:
        """Copy the first written of several spellings (v3 `enable_x` / v4 `x_enabled`)."""
        return any(self.copy(view, a, path, convert) for a in attrs)


def _child(node: object, key: object, empty: object) -> object:
    if isinstance(key, int):
        while len(node) <= key:
            node.append({})
        if not isinstance(node[key], (dict, list)):
            node[key] = empty
        return node[key]
    if not isinstance(node.get(key), (dict, list)):
        node[key] = empty
    return node[key]


def ref(value: object) -> object:
    """`{"id": value}`: how ARM writes a reference to another resource."""
    return {"id": value}


def on_off(value: object) -> object:
    return value if is_unknown(value) else ("On" if value else "Off")


def enabled_disabled(value: object) -> object:
    return value if is_unknown(value) else ("Enabled" if value else "Disabled")


def id_list(value: object) -> object:
    if isinstance(value, list):
        return [ref(v) for v in value]
    return value


def as_list(value: object) -> object:
    if isinstance(value, (list, Unknown)):
        return value
    return [value]


def common(view: BlockView, out: Out) -> None:
    """location, tags and identity: written the same way by nearly every azurerm resource."""
    out.copy(view, "location", ("location",))
    out.copy(view, "tags", ("tags",))
    identity = view.block("identity")
    if identity is not None:
        out.mark(("identity",), identity.location)
        out.copy(identity, "type", ("identity", "type"))


def blocks(view: BlockView, kind: str) -> list:
    """Nested blocks of a kind; an attribute written as a list of objects is accepted too."""
    found = view.all(kind)
    if found or kind not in view.attrs:
        return found
    value = view.attrs[kind]
    if not isinstance(value, list):
        return []
    loc = view.loc(kind)
    return [BlockView(loc, dict(v), {}, {}) for v in value if isinstance(v, dict)]
