"""Follow `module` declarations: evaluate local module files with the params they are given.

A local module (`module m './net.bicep' = {...}`) is parsed once per unit and
evaluated once per instance (loops give one per iteration) with its own
deployment context (its `targetScope`, and the resource group or subscription
its `scope:` names); its resources join the unit with positions in the module
file, its outputs are what `m.outputs.x` reads. Registry and template-spec
modules (`br:`, `br/public:`, `ts:`) are not fetched: a note says so. A module
path that leaves the root, a cycle, or a file that does not parse is an input
error at the module declaration.
"""

from __future__ import annotations

import os
from dataclasses import replace

from lark import Tree

from linter.model import Unknown

from ..arm.expressions import PartialObject
from ..arm.scope import DeploymentContext
from .errors import BicepSyntaxError
from .evaluate import decode_string
from .file import MAX_MODULE_DEPTH, Emitted, FileEvaluator, UnitState, decl_name, declarations
from .imports import REMOTE_PREFIXES
from .parse import parse_file
from .resources import all_of, instance_body, loop_environments
from .values import ResourceValue, ScopeValue


def module_instances(fe: FileEvaluator, decl: Tree) -> list[Emitted]:
    key = id(decl)
    if key in fe.emitted:
        return fe.emitted[key]
    fe.emitted[key] = []
    reference = decode_string(str(decl.children[1])[1:-1])
    path, tree = _module_tree(fe, decl, reference)
    out = []
    envs = loop_environments(fe, decl, {})
    for position, (env, loop_condition) in enumerate(envs):
        obj, condition = instance_body(fe, decl, env)
        body = fe.value_of(obj, env, quiet=condition is False)
        if not isinstance(body, dict):
            body = {}
        outputs: object = PartialObject()
        if tree is not None:
            prefix = f"{fe.symbol_prefix}{decl_name(decl)}{f'[{position}]' if len(envs) > 1 else ''}/"
            outputs = _run_module(fe, decl, path, tree, body, prefix, all_of(fe.condition, loop_condition, condition))
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


def _run_module(fe: FileEvaluator, decl: Tree, path: str, tree: Tree, body: dict, prefix: str,
                condition: object) -> object:
    params = body.get("params", {})
    child_context = module_context(fe.arm_scope.deployment, target_scope(tree), body.get("scope"), prefix)
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
    for decl in declarations(tree):
        if decl.data == "target_scope":
            node = decl.children[0]
            if node.data == "string" and node.children[0].type == "STRING":
                value = decode_string(str(node.children[0])[1:-1])
                if value in ("resourceGroup", "subscription", "managementGroup", "tenant"):
                    return value
    return "resourceGroup"


def module_context(parent: DeploymentContext, kind: str, scope: object, prefix: str) -> DeploymentContext:
    """The deployment context of a module: its own scope kind, and the target its `scope:` names."""
    context = replace(parent, kind=kind)
    if isinstance(scope, ScopeValue):
        if isinstance(scope.base, Unknown):
            tag = prefix.rstrip("/")
            return replace(context, resource_group_name=f"{{resourceGroupName:{tag}}}")
        return replace(context, **scope.context)
    if isinstance(scope, ResourceValue):  # `scope: rg` where rg is a declared resource group
        name = scope.get("name")
        kind_of = str(scope.get("type", "")).lower()
        if isinstance(name, str) and kind_of == "microsoft.resources/resourcegroups":
            return replace(context, resource_group_name=name)
        if isinstance(name, str) and kind_of == "microsoft.management/managementgroups":
            return replace(context, management_group_name=name)
        scope = Unknown("the module's target scope is unknown")
    if isinstance(scope, Unknown):
        tag = prefix.rstrip("/")
        return replace(context, resource_group_name=f"{{resourceGroupName:{tag}}}")
    return context
