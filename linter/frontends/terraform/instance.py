"""One evaluated module instance: what `var.`, `local.`, `module.`, `data.` and resource references mean in it.

Everything is computed on demand and cached, so the order of declarations
does not matter and only referenced values are evaluated. Cycles among locals
are reported as an `InputError` naming them; other cycles give `Unknown`.

Caps (documented limits, reported as notes when hit): `count` and `for_each`
expand to at most MAX_INSTANCES instances; an unknown `count`/`for_each`
yields one instance with unknown `count.index`/`each.*` and an unknown
condition, so the resource is still checked but undecided on what depends
on it.
"""

from __future__ import annotations

from typing import NamedTuple

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.config import Declaration, ModuleConfig
from linter.frontends.terraform.datasources import known_attributes
from linter.frontends.terraform.evaluate import EvalError, LazyObject, Scope
from linter.frontends.terraform.functions import to_set, to_string
from linter.frontends.terraform.view import safe_evaluate
from linter.model import InputError, Unknown

MAX_INSTANCES = 1000


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Expansion(NamedTuple):
    """One instance of a resource, data source or module call."""

    address: str
    decl: Declaration
    scope: Scope
    known: bool = True  # False when count/for_each is unknown


class ModuleInstance:
    def __init__(self, config: ModuleConfig, prefix: str, inputs: dict, context: object) -> None:
        self.config = config
        self.prefix = prefix  # "" or "module.x." / "module.x[0]."
        self.inputs = inputs  # variable name -> value (already merged with defaults by caller)
        self.context = context  # the loader: errors, root, module loading, id computation
        self._locals: dict = {}
        self._local_stack: list = []
        self._expansions: dict = {}
        self._values: dict = {}
        self._by_type: dict = {}
        for decl in config.resources:
            self._by_type.setdefault(decl.type, {})[decl.name] = decl
        self._data = {}
        for decl in config.data:
            self._data.setdefault(decl.type, {})[decl.name] = decl
        self._modules = {d.name: d for d in config.modules}
        self.scope = Scope(self._resolve)

    # ------------------------------------------------------------ root names

    def _resolve(self, name: str, at: p.Expr) -> object:
        if name == "var":
            return self.inputs
        if name == "local":
            return _Namespace(self.local)
        if name == "module":
            return _Namespace(self.module_value)
        if name == "data":
            return _Namespace(lambda t, at=None: _Namespace(lambda n, at=None: self.data_value(t, n)))
        if name == "path":
            return {"module": self.config.directory, "root": self.context.root, "cwd": self.context.root}
        if name == "terraform":
            return {"workspace": Unknown("terraform.workspace is chosen at run time")}
        if name in ("count", "each", "self"):
            raise EvalError(f"{name} is not available here", at.line, at.column)
        if name in self._by_type:
            return _Namespace(lambda n, at=None, t=name: self.resource_value(t, n, at))
        raise EvalError(f"unknown reference {name!r}", at.line, at.column)

    # ------------------------------------------------------------ locals

    def local(self, name: str, at: p.Expr | None = None) -> object:
        if name in self._locals:
            return self._locals[name]
        found = self.config.locals.get(name)
        if found is None:
            raise EvalError(f"no local value {name!r}", getattr(at, "line", None), getattr(at, "column", None))
        if name in self._local_stack:
            cycle = self._local_stack[self._local_stack.index(name):] + [name]
            attr, file = found
            self.context.error(InputError(
                file, "cyclic local values: " + " -> ".join(f"local.{c}" for c in cycle),
                attr.line, attr.column))
            for member in cycle:
                self._locals[member] = Unknown("cyclic local value")
            return self._locals[name]
        self._local_stack.append(name)
        try:
            value = safe_evaluate(found[0].expr, self.scope)
        finally:
            self._local_stack.pop()
        return self._locals.setdefault(name, value)

    # ------------------------------------------------------------ expansion

    def expansions(self, decl: Declaration) -> list[Expansion]:
        key = id(decl)
        if key not in self._expansions:
            self._expansions[key] = []  # re-entry (a count referring to itself) sees nothing
            self._expansions[key] = self._expand(decl)
        return self._expansions[key]

    def _expand(self, decl: Declaration) -> list[Expansion]:
        base = self._address(decl)
        attrs = decl.block.body.attributes
        if "count" in attrs:
            count = safe_evaluate(attrs["count"].expr, self.scope)
            if isinstance(count, Unknown) or isinstance(count, bool) or not isinstance(count, (int, float)):
                return [Expansion(f"{base}[?]", decl, self.scope.child(count={"index": Unknown("count.index")}), False)]
            n = self._cap(int(count), decl, "count")
            return [Expansion(f"{base}[{i}]", decl, self.scope.child(count={"index": i})) for i in range(n)]
        if "for_each" in attrs:
            items = safe_evaluate(attrs["for_each"].expr, self.scope)
            pairs = _for_each_pairs(items)
            if pairs is None:
                each = {"key": Unknown("each.key"), "value": Unknown("each.value")}
                return [Expansion(f"{base}[?]", decl, self.scope.child(each=each), False)]
            pairs = pairs[: self._cap(len(pairs), decl, "for_each")]
            return [
                Expansion(f'{base}["{k}"]', decl, self.scope.child(each={"key": k, "value": v}))
                for k, v in pairs
            ]
        return [Expansion(base, decl, self.scope)]

    def _address(self, decl: Declaration) -> str:
        if decl.mode == "module":
            return f"{self.prefix}module.{decl.name}"
        if decl.mode == "data":
            return f"{self.prefix}data.{decl.type}.{decl.name}"
        return f"{self.prefix}{decl.type}.{decl.name}"

    def _cap(self, n: int, decl: Declaration, what: str) -> int:
        if n > MAX_INSTANCES:
            self.context.error(InputError(
                decl.file, f"{what} of {n} capped at {MAX_INSTANCES} instances",
                decl.block.line, decl.block.column, kind="note"))
            return MAX_INSTANCES
        return max(n, 0)

    def _shape(self, decl: Declaration, make) -> object:
        """A reference to a declaration: one value, a list (count) or a map (for_each)."""
        expansions = self.expansions(decl)
        attrs = decl.block.body.attributes
        if "count" not in attrs and "for_each" not in attrs:
            return make(expansions[0]) if expansions else Unknown("not expanded")
        if any(not e.known for e in expansions):
            return Unknown(f"{self._address(decl)} has an unknown number of instances")
        if "count" in attrs:
            return [make(e) for e in expansions]
        return {e.scope.bindings["each"]["key"]: make(e) for e in expansions}

    # ------------------------------------------------------------ values

    def resource_value(self, rtype: str, name: str, at: p.Expr | None = None) -> object:
        decl = self._by_type[rtype].get(name)
        if decl is None:
            raise EvalError(f"no resource {rtype}.{name}", getattr(at, "line", None), getattr(at, "column", None))
        return self._shape(decl, lambda e: self.instance_object(e))

    def instance_object(self, expansion: Expansion) -> InstanceObject:
        key = expansion.address
        if key not in self._values:
            self._values[key] = InstanceObject(self, expansion)
        return self._values[key]

    def data_value(self, dtype: str, name: str) -> object:
        known = known_attributes(self._data.get(dtype, {}).get(name), self.scope)
        return _DataObject(f"data.{dtype}.{name}", known)

    def module_value(self, name: str, at: p.Expr | None = None) -> object:
        decl = self._modules.get(name)
        if decl is None:
            raise EvalError(f"no module {name!r}", getattr(at, "line", None), getattr(at, "column", None))
        return self._shape(decl, lambda e: self.context.module_outputs(self, e))

    def child_modules(self) -> list:
        out = []
        for decl in self.config.modules:
            for expansion in self.expansions(decl):
                child = self.context.module_instance(self, expansion)
                if child is not None:
                    out.append(child)
        return out


class _Namespace(LazyObject):
    def __init__(self, getter) -> None:
        self._getter = getter

    def attr(self, name: str, at: p.Expr | None = None) -> object:
        return self._getter(name, at)


class _DataObject(LazyObject):
    """A data source: every attribute is unknown until apply, named by its address."""

    def __init__(self, address: str, known: dict | None = None) -> None:
        self.address = address
        self.known = known or {}  # the few attributes known before apply (linter.frontends.terraform.datasources)

    def attr(self, name: str, at: p.Expr | None = None) -> object:
        if name.isdigit() or name.startswith('"'):
            return self
        if name in self.known:
            return self.known[name]
        return Unknown(f"{self.address}.{name}")

    def instances(self) -> list:
        return [self]


class InstanceObject(LazyObject):
    """A resource instance as seen by references: written attributes, its id, the rest unknown."""

    def __init__(self, module: ModuleInstance, expansion: Expansion) -> None:
        self.module = module
        self.expansion = expansion
        self._cache: dict = {}
        self._busy: set = set()

    def attr(self, name: str, at: p.Expr | None = None) -> object:
        if name in self._cache:
            return self._cache[name]
        if name in self._busy:
            return Unknown(f"{self.expansion.address}.{name} refers to itself")
        self._busy.add(name)
        try:
            value = self._compute(name)
        finally:
            self._busy.discard(name)
        self._cache[name] = value
        return value

    def _compute(self, name: str) -> object:
        body = self.expansion.decl.block.body
        if name == "id":
            return self.module.context.resource_id(self)
        attr = body.attributes.get(name)
        if attr is not None:
            return safe_evaluate(attr.expr, self.expansion.scope)
        nested = [b for b in body.blocks if b.type == name]
        if nested and not any(b.type == "dynamic" for b in body.blocks):
            return [_BlockObject(self._nested_value(b), f"{self.expansion.address}.{name}") for b in nested]
        return Unknown(f"{self.expansion.address}.{name} is known after apply")

    def _nested_value(self, block: p.Block) -> dict:
        """A nested block as references see it; inline VNet subnets also get their id."""
        value = {a.name: safe_evaluate(a.expr, self.expansion.scope) for a in block.body.attributes.values()}
        if self.expansion.decl.type == "azurerm_virtual_network" and block.type == "subnet":
            vnet_id, name = self.attr("id"), value.get("name")
            value["id"] = (f"{vnet_id}/subnets/{name}" if isinstance(vnet_id, str) and isinstance(name, str)
                           else Unknown("id of an inline subnet with an unknown name"))
        return value

    def written(self, name: str) -> object:
        """The value of an attribute written in the configuration, None when it is not written."""
        if name not in self.expansion.decl.block.body.attributes:
            return None
        return self.attr(name)

    def materialize(self) -> object:
        return {n: self.attr(n) for n in ("id", *self.expansion.decl.block.body.attributes)}


class _BlockObject(LazyObject):
    """A nested block seen through a reference: written attributes known, the rest computed."""

    def __init__(self, values: dict, address: str) -> None:
        self.values = values
        self.address = address

    def attr(self, name: str, at: p.Expr | None = None) -> object:
        if name in self.values:
            return self.values[name]
        return Unknown(f"{self.address}.{name} is known after apply")

    def materialize(self) -> object:
        return dict(self.values)


def _for_each_pairs(items: object) -> list | None:
    if isinstance(items, dict):
        return list(items.items())
    if isinstance(items, list):
        if any(isinstance(x, Unknown) for x in items):
            return None
        try:
            keys = to_set([to_string(x) for x in items])
        except Exception:
            return None
        return [(k, k) for k in keys]
    return None
