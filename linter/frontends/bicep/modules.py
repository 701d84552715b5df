"""Follow `module` declarations: evaluate local module files with the params they are given.

A local module (`module m './net.bicep' = {...}`) is parsed once per unit and
evaluated once per instance (loops give one per iteration; an iteration given
the same inputs as an earlier one is copied from it, see `_run_module`) with its own
deployment context (its `targetScope`, and the resource group or subscription
its `scope:` names); its resources join the unit with positions in the module
file, its outputs are what `m.outputs.x` reads. Registry and template-spec
modules (`br:`, `br/public:`, `ts:`) are not fetched: a note says so. A module
path that leaves the root, a cycle, or a file that does not parse is an input
error at the module declaration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from linter.model import SourceMap, Unknown, dict_lookup

from ..arm.expressions import PartialObject
from ..arm.scope import DeploymentContext
from .errors import BicepSyntaxError
from .evaluate import decode_string
from .file import MAX_MODULE_DEPTH, MAX_RESOURCES, Emitted, FileEvaluator, UnitState, file_tables
from .imports import REMOTE_PREFIXES
from .parse import parse_file
from .resources import all_of, instance_body, loop_environments
from .tree import Tree
from .values import NotCopyable, ResourceValue, ScopeValue, ValueCopier, value_key


def module_instances(fe: FileEvaluator, decl: Tree) -> list[Emitted]:
    key = id(decl)
    if key in fe.emitted:
        return fe.emitted[key]
    fe.emitted[key] = []
    reference = decode_string(str(decl.children[1])[1:-1])
    path, tree = _module_tree(fe, decl, reference)
    out = []
    envs = loop_environments(fe, decl, {})
    runs: list[Run] | None = [] if len(envs) > 1 else None
    for position, (env, loop_condition) in enumerate(envs):
        obj, condition = instance_body(fe, decl, env)
        body = fe.value_of(obj, env, quiet=condition is False)
        if not isinstance(body, dict):
            body = {}
        outputs: object = PartialObject()
        if tree is not None:
            prefix = f"{fe.symbol_prefix}{fe.name_of(decl)}{f'[{position}]' if len(envs) > 1 else ''}/"
            outputs = _run_module(fe, decl, path, tree, body, prefix, all_of(fe.condition, loop_condition, condition),
                                  runs)
        value = PartialObject(name=body.get("name", Unknown("module deployment name")), outputs=outputs)
        out.append(Emitted(decl, None, value))
    fe.emitted[key] = out
    return out


def _module_tree(fe: FileEvaluator, decl: Tree, reference: str) -> tuple[str | None, Tree | None]:
    unit = fe.unit
    if reference.startswith(REMOTE_PREFIXES):
        unit.report(fe.file, f"module '{reference}' is not fetched (registry and template spec modules are not linted)",
                    decl.meta, kind="note")
        return None, None
    path = os.path.normpath(os.path.join(os.path.dirname(fe.file), reference))  # as the user wrote paths
    real = unit.realpath(path)
    if real in fe.module_stack or unit.realpath(fe.file) == real:
        unit.report(fe.file, f"module '{reference}' includes itself (a module cycle)", decl.meta)
        return None, None
    if len(fe.module_stack) >= MAX_MODULE_DEPTH:
        unit.report(fe.file, "modules nested too deeply", decl.meta)
        return None, None
    return path, load_module_tree(fe, decl, reference, path)


def load_module_tree(fe: FileEvaluator, decl: Tree, reference: str, path: str, what: str = "module") -> Tree | None:
    """The parsed tree of a local .bicep file a module or import names (None, with an error, if unusable)."""
    unit = fe.unit
    if unit.root is not None:
        root = unit.realpath(unit.root)
        if os.path.commonpath([root, unit.realpath(path)]) != root:
            unit.report(fe.file, f"{what} path '{reference}' leaves the root folder {unit.root}", decl.meta)
            return None
    if not path.endswith(".bicep"):
        unit.report(fe.file, f"{what} '{reference}' is not a .bicep file: not followed", decl.meta, kind="note")
        return None
    return _load(unit, fe.file, decl, reference, path)


def _load(unit: UnitState, file: str, decl: Tree, reference: str, path: str) -> Tree | None:
    key = unit.realpath(path)
    if key in unit.trees:
        return unit.trees[key]
    tree = None
    try:
        tree = parse_file(path)
    except OSError as exc:
        unit.report(file, f"cannot read '{reference}': {exc.strerror or exc}", decl.meta)
    except UnicodeDecodeError:
        unit.report(file, f"'{reference}' is not UTF-8 text", decl.meta)
    except BicepSyntaxError as exc:
        unit.errors.append(_syntax_input_error(path, exc))
    unit.trees[key] = tree
    if tree is not None and path not in unit.files:
        unit.files.append(path)
    return tree


def _syntax_input_error(path: str, exc: BicepSyntaxError):
    from linter.model import InputError

    return InputError(path, exc.message, exc.line, exc.column)


@dataclass
class Run:
    """One evaluated instance of a module loop, and what it added to the unit."""

    inputs: object  # value_key of its params
    context: DeploymentContext
    condition: bool
    prefix: str
    resources: list  # the model resources it emitted (its own and its modules')
    outputs: object


def _run_module(fe: FileEvaluator, decl: Tree, path: str, tree: Tree, body: dict, prefix: str,
                condition: object, runs: list[Run] | None = None) -> object:
    """Evaluate one module instance; its outputs.

    `runs` (the loop's earlier instances) lets an instance whose inputs equal an
    earlier one's be copied from it rather than evaluated again: same file, same
    params (content, kinds and positions), same deployment context and condition
    give the same resources, errors and outputs; only the symbols differ by the
    instance's prefix (see `_copy_run`). The errors an instance reports are then
    those of the earlier one, which the unit already holds.
    """
    unit = fe.unit
    params = body.get("params", {})
    child_context, prefixed = _module_target(fe.arm_scope.deployment, target_scope(tree), body.get("scope"))
    if prefixed:  # an unknown target is named after the prefix: then values depend on it, and nothing is copied
        child_context = _named_target(child_context, prefix)
        unit.prefixed_scopes += 1
        runs = None
    inputs = _inputs_key(params, unit) if runs is not None and isinstance(condition, bool) else None
    if inputs is not None:
        for run in runs:
            if run.inputs == inputs and run.context == child_context and run.condition is condition:
                outputs = _copy_run(unit, run, prefix)
                if outputs is not None:
                    return outputs
    start, prefixed_before = len(unit.resources), unit.prefixed_scopes
    outputs = _evaluate_module(fe, decl, path, tree, params, prefix, condition, child_context)
    if inputs is not None and unit.prefixed_scopes == prefixed_before:
        runs.append(Run(inputs, child_context, condition, prefix, unit.resources[start:], outputs))
    return outputs


def _inputs_key(params: object, unit: UnitState) -> object:
    try:
        return value_key(params, unit.locations)
    except (NotCopyable, RecursionError):
        return None


def _copy_run(unit: UnitState, run: Run, prefix: str) -> object:
    """The outputs of a copy of `run` under `prefix`, its resources copied into the unit (None: evaluate instead)."""
    if len(unit.resources) + len(run.resources) >= MAX_RESOURCES:
        return None  # the evaluation would stop part way: let it
    if not all(resource.symbol.startswith(run.prefix) for resource in run.resources):
        return None  # a resource of an imported file: the copy would not emit it again
    copies = {id(resource): replace(resource) for resource in run.resources}
    copier = ValueCopier(unit.locations, copies)
    try:
        for resource in run.resources:
            copy = copies[id(resource)]
            copy.name, copy.body, copy.id, copy.scope = (copier.copy(resource.name), copier.copy(resource.body),
                                                         copier.copy(resource.id), copier.copy(resource.scope))
            copy.symbol = prefix + resource.symbol[len(run.prefix):]
            copy.source = SourceMap(resource.source.resource_location, dict_lookup(unit.written[id(resource)]))
        outputs = copier.copy(run.outputs)
    except NotCopyable:
        return None
    for resource in run.resources:
        copy = copies[id(resource)]
        unit.resources.append(copy)
        unit.written[id(copy)] = unit.written[id(resource)]
    return outputs


def _evaluate_module(fe: FileEvaluator, decl: Tree, path: str, tree: Tree, params: object, prefix: str,
                     condition: object, child_context: DeploymentContext) -> object:
    child = FileEvaluator(fe.unit, path, tree, child_context, supplied={}, symbol_prefix=prefix,
                          condition=condition, module_stack=fe.module_stack + (fe.unit.realpath(fe.file),))
    if isinstance(params, Unknown):
        child.supplied = {n: Unknown("module parameters are unknown") for n in child.declared_params()}
    elif isinstance(params, dict):
        declared = child.declared_params()
        for name, value in params.items():
            if name in declared:
                child.supplied[name] = value
            else:
                fe.unit.report(fe.file, f"module parameter '{name}' is not declared by {os.path.basename(path)}",
                               decl.meta, kind="note")
    child.run()
    return PartialObject(child.outputs())


def target_scope(tree: Tree) -> str:
    """The deployment scope a file declares (`targetScope = ...`), resourceGroup when it declares none."""
    tables = file_tables(tree)
    if tables.target_scope is None:
        tables.target_scope = _written_target_scope(tables.top)
    return tables.target_scope


def _written_target_scope(declared: list) -> str:
    for decl in declared:
        if decl.data == "target_scope":
            node = decl.children[0]
            if node.data == "string" and node.children[0].type == "STRING":
                value = decode_string(str(node.children[0])[1:-1])
                if value in ("resourceGroup", "subscription", "managementGroup", "tenant"):
                    return value
    return "resourceGroup"


def module_context(parent: DeploymentContext, kind: str, scope: object, prefix: str) -> DeploymentContext:
    """The deployment context of a module: its own scope kind, and the target its `scope:` names.

    An unknown target resource group is named after the module's symbol
    (`prefix`), so that it never matches another one.
    """
    context, unknown_target = _module_target(parent, kind, scope)
    return _named_target(context, prefix) if unknown_target else context


def _named_target(context: DeploymentContext, prefix: str) -> DeploymentContext:
    return replace(context, resource_group_name=f"{{resourceGroupName:{prefix.rstrip('/')}}}")


def _module_target(parent: DeploymentContext, kind: str, scope: object) -> tuple[DeploymentContext, bool]:
    """The module's context, and whether its target resource group is unknown (then still to be named)."""
    context = replace(parent, kind=kind)
    if isinstance(scope, ScopeValue):
        if isinstance(scope.base, Unknown):
            return context, True
        return replace(context, **scope.context), False
    if isinstance(scope, ResourceValue):  # `scope: rg` where rg is a declared resource group
        name = scope.get("name")
        kind_of = str(scope.get("type", "")).lower()
        if isinstance(name, str) and kind_of == "microsoft.resources/resourcegroups":
            return replace(context, resource_group_name=name), False
        if isinstance(name, str) and kind_of == "microsoft.management/managementgroups":
            return replace(context, management_group_name=name), False
        scope = Unknown("the module's target scope is unknown")
    return context, isinstance(scope, Unknown)
