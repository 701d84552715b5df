"""One Bicep file under evaluation: its declarations and what their names evaluate to.

A `FileEvaluator` knows the file's params (supplied values, else defaults,
else Unknown), vars, user functions, resources and modules, evaluates each
name lazily on first use (so declaration order does not matter) and detects
cycles. Resources and modules are turned into model resources by
`resources.py` and `modules.py`; this module only holds the tables and the
name lookups the expression evaluator asks for.

What only depends on the parsed tree (the declaration tables, positions,
object shapes) is found once per tree and shared by every evaluator of it
(`file_tables`); what a unit's evaluation builds is dropped when the unit is
loaded (`UnitState.release`).
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field

from linter.model import InputError, Location, Resource, Unknown

from ..arm.scope import DeploymentContext, Scope
from .evaluate import EvalError, Evaluator
from .imports import Namespace, import_table, imported_function, imported_value
from .tree import Tree
from .values import LocationTable, location_of

_NOT_YET = object()  # a name not evaluated yet (None is a value)
MAX_RESOURCES = 5000
MAX_MODULE_DEPTH = 16


@dataclass
class UnitState:
    """What all files of one unit share: the output, the files read, positions, parsed trees."""

    root: str | None
    resources: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    files: list = field(default_factory=list)
    locations: LocationTable = field(default_factory=LocationTable)
    trees: dict = field(default_factory=dict)  # real path -> tree (or None when it failed)
    imported: dict = field(default_factory=dict)  # real path -> FileEvaluator of an imported file (or None)
    reported: set = field(default_factory=set)
    real_paths: dict = field(default_factory=dict)  # path as written -> os.path.realpath of it
    written: dict = field(default_factory=dict)  # id(resource) -> where each path of its body is written
    prefixed_scopes: int = 0  # module scopes named after a module's symbol (see modules.module_context)
    evaluators: list = field(default_factory=list)  # every FileEvaluator of the unit (see `release`)

    def realpath(self, path: str) -> str:
        """`os.path.realpath(path)`, resolved once per unit (the files do not move while it is evaluated)."""
        real = self.real_paths.get(path)
        if real is None:
            real = self.real_paths[path] = real_path(path)
        return real

    def release(self) -> None:
        """Drop the evaluation state once the unit's resources and errors are taken.

        Evaluators and the values they hold refer to each other; without this the
        whole evaluation would wait for a full garbage collection to be freed.
        """
        for evaluator in self.evaluators:
            evaluator.release()
        self.evaluators.clear()
        self.imported.clear()
        self.trees.clear()
        self.locations.entries.clear()
        self.written.clear()

    def report(self, file: str, message: str, meta=None, kind: str = "error") -> None:
        line = meta.line if meta is not None and not getattr(meta, "empty", True) else None
        column = meta.column if line is not None else None
        key = (file, line, column, message)
        if key not in self.reported:
            self.reported.add(key)
            self.errors.append(InputError(file, message, line, column, kind))


_REAL_PATHS: dict = {}  # (working folder, path) -> (what os.stat says of it, os.path.realpath of it)
_REAL_PATHS_SIZE = 4096


def real_path(path: str) -> str:
    """`os.path.realpath(path)`, remembered per process while `os.stat(path)` still finds the same file.

    Resolving a path costs a system call per folder on the way; the modules of
    a corpus are resolved again by every unit that uses them.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.realpath(path)
    key = (os.getcwd(), path)
    seen = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
    known = _REAL_PATHS.get(key)
    if known is not None and known[0] == seen:
        return known[1]
    real = os.path.realpath(path)
    if len(_REAL_PATHS) >= _REAL_PATHS_SIZE:
        _REAL_PATHS.pop(next(iter(_REAL_PATHS)))
    _REAL_PATHS[key] = (seen, real)
    return real


def declarations(tree: Tree) -> list[Tree]:
    """The top-level declarations of a file, decorators set aside."""
    found = []
    for child in tree.children:
        if child.data == "decorated":
            child = child.children[-1]
        found.append(child)
    return found


@dataclass
class FileTables:
    """What a file declares, found in one walk of its tree; shared by every evaluator of that tree, never changed."""

    top: list  # declarations(tree)
    decls: dict  # name -> param, var, resource or module declaration
    functions: dict  # name -> func declaration
    imported: set  # extension / provider aliases
    imports: dict  # local name -> imports.Imported
    nested: dict  # name -> nested resource declaration (the first of that name)
    parents: dict  # id(nested declaration) -> its parent declaration
    children: dict  # id(declaration) -> its nested resource declarations, in order
    nested_decls: list  # (nested declaration, parent declaration)
    order: list  # declarations with a name, in source order
    outputs: list  # output declarations
    params: tuple  # names of the declared params, in order
    defaults: dict = field(default_factory=dict)  # param name -> its `default` node (None: it has none)
    positions: dict = field(default_factory=dict)  # file name -> {id(node): (node, Location)}, filled as asked
    shapes: dict = field(default_factory=dict)  # file name -> {id(node): (node, what the evaluator derived)}
    names: dict = field(default_factory=dict)  # id(declaration) -> its name (nested resources too)
    target_scope: str | None = None  # the file's `targetScope` (set by modules.target_scope when first asked)


_TABLES: dict = {}  # id(tree) -> (weak reference to the tree, its FileTables), while the tree lives


def file_tables(tree: Tree) -> FileTables:
    """The `FileTables` of a parsed tree, computed once per tree (trees are never modified).

    They live as long as the tree does (the parse cache decides that), no longer.
    """
    key = id(tree)
    entry = _TABLES.get(key)
    if entry is not None and entry[0]() is tree:
        return entry[1]
    tables = _collect(tree)
    try:
        _TABLES[key] = (weakref.ref(tree, lambda _, key=key: _TABLES.pop(key, None)), tables)
    except TypeError:  # a tree that cannot be weakly referenced: not kept
        pass
    return tables


def _collect(tree: Tree) -> FileTables:
    top = declarations(tree)
    tables = FileTables(top, {}, {}, set(), {}, {}, {}, {}, [], [], [], ())
    for decl in top:
        name = tables.names[id(decl)] = decl_name(decl)
        if decl.data == "func_decl":
            tables.functions[name] = decl
        elif decl.data in ("import_names", "import_wildcard"):
            names, namespaces = import_table(decl)
            tables.imports.update(names)
            tables.imports.update(namespaces)
        elif decl.data in ("import_provider", "extension_decl"):
            tables.imported.update(_imported_names(decl))
        elif decl.data == "output_decl":
            tables.outputs.append(decl)
        elif name is not None and decl.data in ("param_decl", "param_value", "var_decl", "resource_decl",
                                                "module_decl"):
            tables.decls[name] = decl
            tables.order.append(decl)
            if decl.data == "resource_decl":
                _collect_nested(tables, decl)
    tables.params = tuple(n for n, d in tables.decls.items() if d.data in ("param_decl", "param_value"))
    for name in tables.params:
        decl = tables.decls[name]
        tables.defaults[name] = next((c for c in decl.children if isinstance(c, Tree) and c.data == "default"), None)
    return tables


def _collect_nested(tables: FileTables, decl: Tree) -> None:
    body = body_object(decl)
    for item in body.children if body is not None else ():
        if item.data == "nested_resource":
            child = item.children[-1]
            name = tables.names[id(child)] = decl_name(child)
            tables.nested.setdefault(name, child)
            tables.parents[id(child)] = decl
            tables.children.setdefault(id(decl), []).append(child)
            tables.nested_decls.append((child, decl))
            _collect_nested(tables, child)


def _is_nullable(param: Tree) -> bool:
    """The parameter's declared type is written `T?`."""
    return any(isinstance(c, Tree) and c.data == "nullable_type" for c in param.children)


def decl_name(decl: Tree) -> str | None:
    for child in decl.children:
        if isinstance(child, Tree) and child.data == "name":
            return str(child.children[0])
    return None


@dataclass
class Emitted:
    """A model resource with the value its symbolic name evaluates to."""

    decl: Tree
    resource: Resource | None  # None for a module
    value: object
    env: dict = field(default_factory=dict)  # loop variables in scope (nested children see them)


class FileEvaluator:
    """Evaluates one file's names for the expression evaluator; see the module docstring."""

    def __init__(self, unit: UnitState, file: str, tree: Tree, deployment: DeploymentContext, *,
                 supplied: dict | None = None, symbol_prefix: str = "", condition: object = True,
                 module_stack: tuple = ()) -> None:
        self.unit = unit
        unit.evaluators.append(self)
        self.file = file
        self.tree = tree
        self.locations = unit.locations
        self.arm_scope = Scope(deployment=deployment)
        self.supplied = supplied or {}
        self.symbol_prefix = symbol_prefix
        self.condition = condition
        self.module_stack = module_stack
        # the file's tables (shared by every evaluator of this tree: read them, never change them)
        self.tables = tables = file_tables(tree)
        self.decls: dict[str, Tree] = tables.decls
        self.functions: dict[str, Tree] = tables.functions
        self.imported: set[str] = tables.imported
        self.imports: dict = tables.imports
        self.nested: dict[str, Tree] = tables.nested
        self.parents: dict[int, Tree] = tables.parents
        self.nested_decls: list[tuple[Tree, Tree]] = tables.nested_decls
        self.order: list[Tree] = tables.order
        self.values: dict[str, object] = {}  # name -> its value, once evaluated
        self._busy: set[str] = set()
        self.emitted: dict[int, list] = {}  # id(declaration) -> list[Emitted] (resources and modules)
        self._positions = tables.positions.setdefault(file, {})
        self.plans = tables.shapes.setdefault(file, {})  # see Evaluator.plan
        self.evaluator = Evaluator(self)

    def location(self, node) -> Location:
        """Where a node of this file's tree is written (one Location per node, shared: it is immutable)."""
        known = self._positions.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        location = location_of(self.file, node.meta)
        self._positions[id(node)] = (node, location)
        return location

    def release(self) -> None:
        """Forget everything evaluated (see `UnitState.release`)."""
        self.evaluator = None
        self.values.clear()
        self.emitted.clear()
        self.supplied = {}

    def declared_params(self) -> set[str]:
        return set(self.tables.params)

    # ---- what the expression evaluator asks -------------------------------------------------------
    def lookup(self, name: str, node) -> object:
        value = self.values.get(name, _NOT_YET)
        if value is not _NOT_YET:
            return value
        decl = self.decls.get(name)
        if decl is None:
            if name in self.nested:
                return self.nested_value(self.nested[name])
            if name in self.imports:
                value = imported_value(self, self.imports[name], node)
                self.values[name] = value
                return value
            if name in self.imported or name in ("sys", "az"):
                return Unknown(f"'{name}' is imported")
            raise EvalError(f"'{name}' is not declared", node)
        if name in self._busy:
            raise EvalError(f"'{name}' refers to itself (a reference cycle)", node, kind="error")
        self._busy.add(name)
        try:
            value = self._evaluate_decl(name, decl)
        finally:
            self._busy.discard(name)
        self.values[name] = value
        return value

    def instances_of(self, decl: Tree) -> list:
        """Every evaluated instance (`Emitted`) of a resource declaration, nested ones included."""
        from .resources import resource_instances

        parent = self.parents.get(id(decl))
        if parent is None:
            self.lookup(decl_name(decl), decl)
            return self.emitted.get(id(decl), [])
        found = []
        for emitted in self.instances_of(parent):
            found.extend(resource_instances(self, decl, emitted, emitted.env))
        return found

    def evaluate_nested(self, decl: Tree) -> None:
        """Evaluate the nested children of every instance of a resource declaration."""
        for child in self.tables.children.get(id(decl), ()):
            self.instances_of(child)
            self.evaluate_nested(child)

    def _evaluate_decl(self, name: str, decl: Tree) -> object:
        if decl.data in ("param_decl", "param_value"):
            return self._param(name, decl)
        if decl.data == "var_decl":
            return self.value_of(decl.children[-1])
        from .modules import module_instances
        from .resources import resource_instances

        if decl.data == "resource_decl":
            emitted = resource_instances(self, decl)
        else:
            emitted = module_instances(self, decl)
        if is_loop(decl):
            return [e.value for e in emitted] if emitted else []
        return emitted[0].value if emitted else Unknown(f"'{name}' was not evaluated")

    def _param(self, name: str, decl: Tree) -> object:
        default = self.tables.defaults[name]
        if decl.data == "param_value":  # a .bicepparam value
            return self.value_of(default.children[0])
        # ARM deploys a parameter given as null with its default value
        if name in self.supplied and not (self.supplied[name] is None and default is not None):
            return self.supplied[name]
        if default is None:
            # `param p T?` compiles to `"nullable": true`: deployed without a value it is null
            if _is_nullable(decl):
                return None
            return Unknown(f"parameter '{name}' has no value")
        return self.value_of(default.children[0])

    def value_of(self, node, env: dict | None = None, quiet: bool = False) -> object:
        """Evaluate an expression; a failure becomes Unknown and a note at its position.

        `quiet` (the body of a resource whose condition is false: ARM never
        evaluates it) drops the note.
        """
        try:
            return self.evaluator.eval(node, env or {})
        except EvalError as exc:
            where = exc.node if exc.node is not None else node
            if not quiet:
                self.unit.report(self.file, exc.message, getattr(where, "meta", None), kind=exc.kind)
            return Unknown(exc.message)
        except RecursionError:
            self.unit.report(self.file, "expression nested too deeply to evaluate", node.meta, kind="note")
            return Unknown("nested too deeply")

    def user_function(self, name: str):
        """A callable `(args, node) -> value` for a declared or imported `func`, or None."""
        decl = self.functions.get(name)
        if decl is not None:
            return lambda args, node: self.call_user_function(decl, args, node)
        if name in self.imports and self.imports[name].original != "*":
            return imported_function(self, self.imports[name])
        return None

    def namespace(self, name: str):
        """The `Namespace` an `import * as name` brings in, or None."""
        imported = self.imports.get(name)
        if imported is None or imported.original != "*":
            return None
        value = imported_value(self, imported, None)
        return value if isinstance(value, Namespace) else None

    def call_user_function(self, decl: Tree, args: list, node) -> object:
        params = [p for p in decl.children if isinstance(p, Tree) and p.data == "func_param"]
        if len(params) != len(args):
            raise EvalError(f"'{decl_name(decl)}' expects {len(params)} argument(s), got {len(args)}", node)
        env = {str(p.children[0].children[0]): a for p, a in zip(params, args, strict=True)}
        key = f"func:{decl_name(decl)}"
        if key in self._busy:
            raise EvalError(f"function '{decl_name(decl)}' calls itself", node)
        self._busy.add(key)
        try:
            return self.evaluator.eval(decl.children[-1], env)
        finally:
            self._busy.discard(key)

    def child_resource(self, parent_value: object, name: str, node) -> object:
        if isinstance(parent_value, Unknown):
            return parent_value
        for emitted_list in list(self.emitted.values()):
            for emitted in emitted_list:
                if emitted.value is parent_value:
                    for child, parent in self.nested_decls:
                        if parent is emitted.decl and decl_name(child) == name:
                            from .resources import resource_instances

                            found = resource_instances(self, child, emitted, emitted.env)
                            return _symbol_value(child, found)
        raise EvalError(f"no nested resource '{name}'", node)

    def nested_value(self, decl: Tree) -> object:
        return _symbol_value(decl, self.instances_of(decl))

    # ---- running the whole file -------------------------------------------------------------------
    def run(self) -> None:
        """Evaluate every resource and module declaration (each once) and emit their resources."""
        names = self.tables.names
        for decl in self.order:
            if decl.data in ("resource_decl", "module_decl"):
                self.lookup(names[id(decl)], decl)
            if decl.data == "resource_decl":
                self.evaluate_nested(decl)

    def outputs(self) -> dict:
        names = self.tables.names
        return {names[id(decl)]: self.value_of(decl.children[-1]) for decl in self.tables.outputs}

    def name_of(self, decl: Tree) -> str | None:
        """`decl_name(decl)` of one of this file's declarations (found once per tree)."""
        name = self.tables.names.get(id(decl), _NOT_YET)
        return decl_name(decl) if name is _NOT_YET else name


def _symbol_value(decl: Tree, instances: list) -> object:
    if is_loop(decl):
        return [e.value for e in instances]
    return instances[0].value if instances else Unknown(f"'{decl_name(decl)}' is not evaluated")


def _subtrees(node: Tree) -> list[Tree]:
    """The node and every node below it."""
    found = [node]
    for child in node.children:
        if isinstance(child, Tree):
            found.extend(_subtrees(child))
    return found


def _imported_names(decl: Tree) -> list[str]:
    """Names an extension, provider or legacy `import 'x@1'` declaration brings in (never evaluated)."""
    names = [str(n.children[0].children[0]) for n in _subtrees(decl) if n.data == "as_clause"]
    first = decl.children[0] if decl.children else None
    if isinstance(first, Tree) and first.data == "name":
        names.append(str(first.children[0]))
    return names


def body_object(decl: Tree) -> Tree | None:
    """The object of a resource or module declaration (inside its loop and condition), if it has one."""
    body = decl.children[-1]
    if body.data == "for_expr":
        body = body.children[-1]
    if body.data == "if_body":
        body = body.children[-1]
    return body if body.data == "object" else None


def is_loop(decl: Tree) -> bool:
    """True when a resource or module declaration is a `[for ...]` loop."""
    return decl.children[-1].data == "for_expr"

