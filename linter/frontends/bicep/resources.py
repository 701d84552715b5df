"""Turn `resource` declarations (with their nested children) into model `Resource`s.

Each declaration gives one resource, or one per loop iteration; an unknown
loop collection gives a single representative whose condition is Unknown.
Resources whose condition is false are evaluated (others may refer to them)
but not emitted, as the ARM frontend does.
The body keeps everything the declaration's object sets except `name`,
`parent`, `scope` and `dependsOn`. Children (`parent:` or nesting) get the
full ARM type and name (`vnet/subnet`), extension resources (`scope: sym`)
get the target's id as `scope` and as the prefix of their own id.
"""

from __future__ import annotations

from linter.model import Resource, SourceMap, Unknown, dict_lookup

from ..arm import ids
from .evaluate import EvalError, decode_string
from .file import MAX_RESOURCES, Emitted, FileEvaluator, body_object
from .tree import Token, Tree
from .values import ResourceValue, ScopeValue, resource_value

_NOT_BODY = ("name", "parent", "scope", "dependsOn")


def all_of(*conditions: object) -> object:
    """Three-valued AND of conditions (True, False or Unknown)."""
    result: object = True
    for condition in conditions:
        if condition is False:
            return False
        if not isinstance(condition, bool):
            result = condition if isinstance(condition, Unknown) else Unknown("the condition is not a bool")
    return result


def loop_environments(fe: FileEvaluator, decl: Tree, env: dict) -> list[tuple[dict, object]]:
    """(environment, condition) for each instance a declaration's body gives."""
    body = decl.children[-1]
    if body.data != "for_expr":
        return [(env, True)]
    try:
        iterations = fe.evaluator.iterations(body, env)
    except EvalError as exc:
        fe.unit.report(fe.file, exc.message, getattr(exc.node, "meta", None), kind=exc.kind)
        iterations = Unknown(exc.message)
    if isinstance(iterations, Unknown):
        names = [str(c.children[0]) for c in body.children if isinstance(c, Tree) and c.data == "name"]
        inner = dict(env)
        inner.update({n: Unknown("loop variable of an unknown collection") for n in names})
        return [(inner, Unknown("the loop collection is unknown"))]
    return [(inner, True) for inner in iterations]


def instance_body(fe: FileEvaluator, decl: Tree, env: dict) -> tuple[Tree, object]:
    """The object node of one instance and its `if` condition."""
    body = decl.children[-1]
    if body.data == "for_expr":
        body = body.children[-1]
    if body.data == "if_body":
        return body.children[1], fe.value_of(body.children[0], env)
    return body, True


def resource_instances(fe: FileEvaluator, decl: Tree, parent: Emitted | None = None,
                       env: dict | None = None) -> list[Emitted]:
    key = id(decl) if parent is None else (id(decl), id(parent))
    if key in fe.emitted:
        return fe.emitted[key]
    fe.emitted[key] = []
    rtype, api_version, existing = fe.evaluator.plan(decl, _written_type)
    out = []
    for inner, loop_condition in loop_environments(fe, decl, env or {}):
        if len(fe.unit.resources) >= MAX_RESOURCES:
            fe.unit.report(fe.file, "too many resources: evaluation stopped", decl.meta, kind="note")
            break
        obj, condition = instance_body(fe, decl, inner)
        if not api_version and parent is not None:
            api_version = parent.resource.api_version  # a nested `'subnets'` without a version
        emitted = _instance(fe, decl, obj, inner, parent, rtype, api_version or None, existing,
                            all_of(fe.condition, parent.resource.condition if parent else True, loop_condition,
                                   condition))
        emitted.env = inner
        out.append(emitted)
    fe.emitted[key] = out
    return out


def _written_type(decl: Tree) -> tuple[str, str, bool]:
    """(type, api version, whether it is `existing`) of a resource declaration, as written."""
    rtype, _, api_version = decode_string(str(decl.children[1])[1:-1]).partition("@")
    return rtype, api_version, any(isinstance(c, Token) and c.type == "EXISTING" for c in decl.children)


def _instance(fe, decl, obj, env, parent, rtype, api_version, existing, condition) -> Emitted:
    body = fe.value_of(obj, env, quiet=condition is False)
    if not isinstance(body, dict):
        body = {}
    written_name = body.pop("name", Unknown("the resource has no name"))
    parent_value = body.pop("parent", None)
    scope = body.pop("scope", None)
    body.pop("dependsOn", None)
    paths = fe.locations.paths(body)
    name_node = _property_key(obj, "name")
    if name_node is not None:
        paths[("name",)] = fe.location(name_node)

    parent_resource, base = None, None
    if parent is not None:
        parent_resource, base = parent.resource, parent.value.base
    elif isinstance(parent_value, ResourceValue):
        parent_resource, base = parent_value.resource, parent_value.base
    elif parent_value is not None:
        parent_resource = Unknown("the parent resource is unknown")

    target = None
    if parent_resource is None:
        base, target = _base_and_scope(fe, scope)
    if isinstance(parent_resource, Unknown):
        full_type, name, base = rtype, Unknown("the parent resource is unknown"), Unknown("unknown parent")
    elif parent_resource is not None:
        full_type = ids.full_type(parent_resource.type, rtype)
        name = ids.full_name(parent_resource.name, written_name, full_type)
    else:
        full_type, name = rtype, written_name
    resource = Resource(
        type=full_type,
        name=name,
        body=body,
        format="bicep",
        source=SourceMap(fe.location(decl), dict_lookup(paths)),
        id=ids.resource_id(base, full_type, name),
        symbol=_symbol(fe, decl, parent),
        condition=condition,
        existing=existing,
        scope=target,
        api_version=api_version,
    )
    value = resource_value(resource, body, written_name)
    value.base = base
    if condition is not False:  # as ARM: a resource whose condition is false is not deployed
        fe.unit.resources.append(resource)
        fe.unit.written[id(resource)] = paths
    return Emitted(decl, resource, value)


def _base_and_scope(fe: FileEvaluator, scope: object) -> tuple[object, object]:
    """The id prefix of a parent-less resource and, for an extension resource, its target's id."""
    deployment = fe.arm_scope.deployment
    if scope is None:
        return ids.deployment_base(deployment), None
    if isinstance(scope, ScopeValue):
        return scope.base, None
    if isinstance(scope, ResourceValue):
        return scope["id"], scope["id"]
    if isinstance(scope, Unknown):
        return scope, scope
    return ids.scope_base(scope, deployment), scope


def _symbol(fe: FileEvaluator, decl: Tree, parent: Emitted | None) -> str:
    if parent is not None:
        return f"{parent.resource.symbol}::{fe.name_of(decl)}"
    return fe.symbol_prefix + (fe.name_of(decl) or "")


def _property_key(obj: Tree, key: str) -> Tree | None:
    for item in obj.children:
        if isinstance(item, Tree) and item.data == "property":
            node = item.children[-2]
            if node.data == "name" and str(node.children[0]) == key:
                return node
    return None


__all__ = ["all_of", "body_object", "instance_body", "loop_environments", "resource_instances"]
