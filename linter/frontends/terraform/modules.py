"""The loader: the root module, local child modules (`source = "./x"`), their inputs and outputs.

Only local sources are followed. A remote source (registry, git, http) is not
fetched: it gives a note, and its outputs are `Unknown`. A local path that
escapes the linted root, a missing module directory, or a module that includes
itself (directly or through others) is an `InputError` on the `module` block,
and evaluation goes on with `Unknown` outputs; nesting is capped at
MAX_DEPTH levels.
"""

from __future__ import annotations

import os

from linter.frontends.terraform import parse as p
from linter.frontends.terraform.config import ModuleConfig, load_module
from linter.frontends.terraform.evaluate import LazyObject
from linter.frontends.terraform.ids import Identity, identity
from linter.frontends.terraform.instance import Expansion, InstanceObject, ModuleInstance
from linter.frontends.terraform.mapping import azapi
from linter.frontends.terraform.mapping import lookup as mapping_for
from linter.frontends.terraform.variables import defaults, typed
from linter.frontends.terraform.view import META_ATTRIBUTES, safe_evaluate
from linter.model import InputError, Unknown

MAX_DEPTH = 16
MODULE_META = META_ATTRIBUTES | {"source", "version", "providers"}


class Loader:
    """Shared state of one Terraform unit: root dir, errors, module configs and instances."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.errors: list[InputError] = []
        self._seen_errors: set = set()
        self._configs: dict[str, ModuleConfig] = {}
        self._children: dict[str, ModuleInstance | None] = {}
        self._outputs: dict[str, LazyObject] = {}
        self._identities: dict[int, Identity | None] = {}
        self.files: list[str] = []

    def error(self, error: InputError) -> None:
        key = (error.file, error.line, error.message)
        if key not in self._seen_errors:
            self._seen_errors.add(key)
            self.errors.append(error)

    def config(self, directory: str, files: list[str] | None = None) -> ModuleConfig:
        if directory not in self._configs:
            config = load_module(directory, files)
            for err in config.errors:
                self.error(err)
            self.files.extend(config.files)
            self._configs[directory] = config
        return self._configs[directory]

    # ------------------------------------------------------------ ids

    def identity(self, obj: InstanceObject) -> Identity | None:
        key = id(obj)
        if key not in self._identities:
            self._identities[key] = None
            tf_type = obj.expansion.decl.type
            address = obj.expansion.address
            if tf_type == "azapi_resource":
                self._identities[key] = azapi.identity(obj.written, address)
            else:
                mapping = mapping_for(tf_type)
                if mapping is not None:
                    self._identities[key] = identity(mapping, obj.written, address)
        return self._identities[key]

    def resource_id(self, obj: InstanceObject) -> object:
        found = self.identity(obj)
        if found is None:
            return Unknown(f"{obj.expansion.address}.id is known after apply")
        return found.id

    # ------------------------------------------------------------ modules

    def module_instance(self, parent: ModuleInstance, expansion: Expansion) -> ModuleInstance | None:
        key = expansion.address
        if key in self._children:
            return self._children[key]
        self._children[key] = None
        decl = expansion.decl
        directory = self._local_source(parent, decl)
        if directory is None:
            return None
        config = self.config(directory)
        inputs = defaults(config)
        for attr in decl.block.body.attributes.values():
            if attr.name not in MODULE_META:
                inputs[attr.name] = safe_evaluate(attr.expr, expansion.scope)
        child = ModuleInstance(config, expansion.address + ".", typed(config, inputs), self)
        child.chain = getattr(parent, "chain", [parent.config.directory]) + [directory]
        child.known = getattr(parent, "known", True) and expansion.known  # count/for_each of a module unknown
        self._children[key] = child
        return child

    def _local_source(self, parent: ModuleInstance, decl) -> str | None:
        block = decl.block
        source_attr = block.body.attributes.get("source")
        source = safe_evaluate(source_attr.expr, parent.scope) if source_attr else None

        def fail(message: str, kind: str = "error") -> None:
            self.error(InputError(decl.file, message, block.line, block.column, kind=kind))

        if not isinstance(source, str):
            fail(f"module {decl.name}: source must be a literal string")
            return None
        if not source.startswith(("./", "../")) and source not in (".", ".."):
            fail(f"module {decl.name}: remote source {source!r} is not fetched; its resources are not checked",
                 "note")
            return None
        directory = os.path.normpath(os.path.join(parent.config.directory, source))
        real = os.path.realpath(directory)
        if os.path.commonpath([real, self.root]) != self.root:
            fail(f"module {decl.name}: source {source!r} is outside the linted directory")
            return None
        if not os.path.isdir(directory):
            fail(f"module {decl.name}: module directory {source!r} does not exist")
            return None
        chain = getattr(parent, "chain", [parent.config.directory])
        if real in [os.path.realpath(c) for c in chain]:
            fail(f"module {decl.name}: source {source!r} includes itself")
            return None
        if len(chain) >= MAX_DEPTH:
            fail(f"module {decl.name}: modules nested deeper than {MAX_DEPTH} levels")
            return None
        return directory

    def module_outputs(self, parent: ModuleInstance, expansion: Expansion) -> LazyObject:
        key = expansion.address
        if key not in self._outputs:
            child = self.module_instance(parent, expansion)
            self._outputs[key] = _Outputs(child, key)
        return self._outputs[key]


class _Outputs(LazyObject):
    def __init__(self, child: ModuleInstance | None, address: str) -> None:
        self.child = child
        self.address = address
        self._cache: dict = {}

    def attr(self, name: str, at: p.Expr | None = None) -> object:
        if self.child is None:
            return Unknown(f"{self.address}.{name} comes from a module that is not read")
        if name not in self._cache:
            self._cache[name] = Unknown(f"{self.address}.{name} refers to itself")
            found = self.child.config.outputs.get(name)
            if found is None or found[0] is None:
                value: object = Unknown(f"{self.address} has no output {name}")
            else:
                value = safe_evaluate(found[0].expr, self.child.scope)
            self._cache[name] = value
        return self._cache[name]

    def materialize(self) -> object:
        if self.child is None:
            return Unknown(f"outputs of {self.address}")
        return {n: self.attr(n) for n in self.child.config.outputs}
