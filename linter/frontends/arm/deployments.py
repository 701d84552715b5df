"""Nested deployments (`Microsoft.Resources/deployments`): inline templates and their outputs.

An inline template (`properties.template`) is evaluated in one of two ways,
as ARM does (`properties.expressionEvaluationOptions.scope`):

* `inner`: a template of its own; its parameters are the values passed in
  `properties.parameters` (evaluated in the parent), its variables and
  functions its own. Bicep modules compile to this.
* `outer` (the default): its expressions see the parent's parameters and
  variables.

Its resources join the same unit, with positions in the same file. Where it
deploys (resource group, subscription, management group, tenant) comes from
its `$schema`, else from the deployment's `resourceGroup` / `subscriptionId`
/ `scope`. A resource group or subscription that is not a literal gets a
placeholder of its own, so ids inside the nested template still link to each
other but never to resources of another resource group.

Linked templates (`templateLink`) are not fetched: a note says so.
"""

from __future__ import annotations

import dataclasses

from linter.model import Unknown

from .context import MAX_NESTING, TemplateContext
from .evaluation import bind_copy_index, copy_count, evaluate_value
from .ids import schema_scope
from .parameters import supplied_values
from .scope import DeploymentContext

_MG_PREFIX = "/providers/microsoft.management/managementgroups/"


def nested_context(instance) -> TemplateContext | None:
    """The context of a deployment instance's inline template; None when there is none to read."""
    ctx = instance.ctx
    raw = instance.decl.raw.get("properties")
    if not isinstance(raw, dict):
        return None
    pointer = instance.decl.pointer + ("properties",)
    if "templateLink" in raw:
        link = raw["templateLink"]
        what = "relativePath" if isinstance(link, dict) and "relativePath" in link else "uri"
        ctx.report(pointer + ("templateLink",), f"linked template not analysed (templateLink.{what})", "note")
        return None
    if "template" not in raw:
        return None
    template = raw["template"]
    if isinstance(template, str) and template.startswith("["):
        ctx.report(pointer + ("template",), "nested template computed by an expression not analysed", "note")
        return None
    if not isinstance(template, dict):
        ctx.report(pointer + ("template",), "properties.template must be an object")
        return None
    if ctx.depth + 1 > MAX_NESTING:
        ctx.report(
            pointer + ("template",),
            f"nested deployments deeper than {MAX_NESTING} levels not analysed",
            "note",
        )
        return None
    body = instance.body() or {}
    props = body.get("properties") if isinstance(body.get("properties"), dict) else {}
    deployment = _deployment_context(instance, template, body)
    prefix = _symbol_prefix(instance)
    if _is_inner(props):
        passed = props.get("parameters", {})
        unknown = passed if isinstance(passed, Unknown) else None
        supplied = (
            {}
            if unknown is not None
            else supplied_values(
                passed, lambda at, message: ctx.report(pointer + ("parameters",) + at, message)
            )
        )
        inner = TemplateContext(
            ctx.unit,
            template,
            pointer + ("template",),
            deployment,
            supplied,
            symbol_prefix=prefix,
            depth=ctx.depth + 1,
            supplied_unknown=unknown,
        )
        inner.condition = instance.condition
        for name in inner.parameters.undeclared_supplied():
            ctx.report(
                pointer + ("parameters",),
                f"parameter '{name}' is passed but not declared by the nested template",
            )
        return inner
    inner = TemplateContext(
        ctx.unit,
        template,
        pointer + ("template",),
        deployment,
        symbol_prefix=prefix,
        depth=ctx.depth + 1,
        outer=ctx,
        outer_scope=instance.scope,
    )
    inner.condition = instance.condition
    return inner


def _is_inner(props: dict) -> bool:
    options = props.get("expressionEvaluationOptions")
    if not isinstance(options, dict):
        return False
    for key, value in options.items():
        if key.lower() == "scope" and isinstance(value, str):
            return value.lower() == "inner"
    return False


def _symbol_prefix(instance) -> str:
    siblings = instance.ctx.symbols.get(instance.decl.symbol, [])
    if len(siblings) > 1 or instance.decl.raw.get("copy") is not None:
        index = next((i for i, s in enumerate(siblings) if s is instance), len(siblings))
        return f"{instance.decl.qualified}[{index}]/"
    return f"{instance.decl.qualified}/"


def _deployment_context(instance, template: dict, body: dict) -> DeploymentContext:
    outer = instance.ctx.deployment
    name = instance.name if isinstance(instance.name, str) else Unknown("deployment name")
    context = dataclasses.replace(outer, deployment_name=name)
    placeholder = instance.decl.qualified.replace("/", ".")
    kind = None
    target = instance.base  # where the deployment's `scope` points, else where its parent deploys
    if target == "":
        kind = "tenant"
    elif isinstance(target, str) and target.lower().startswith(_MG_PREFIX):
        context.management_group_name = target[len(_MG_PREFIX) :].split("/")[0]
        kind = "managementGroup"
    elif isinstance(target, Unknown):
        context.management_group_name = f"{{managementGroupName:{placeholder}}}"
        kind = "managementGroup"
    subscription = _member(body, "subscriptionId")
    group = _member(body, "resourceGroup")
    if subscription is not None:
        context.subscription_id = (
            subscription if isinstance(subscription, str) else f"{{subscriptionId:{placeholder}}}"
        )
        kind = "subscription"
    if group is not None:
        context.resource_group_name = (
            group if isinstance(group, str) else f"{{resourceGroupName:{placeholder}}}"
        )
        kind = "resourceGroup"
    if "$schema" in template:
        kind = schema_scope(template["$schema"])
    context.kind = kind or outer.kind
    return context


def _member(body: dict, name: str) -> object:
    for key, value in body.items():
        if key.lower() == name.lower():
            return value
    return None


def deployment_outputs(instance) -> object:
    """{name: {"type", "value"}} of a nested inline template's outputs, evaluated; Unknown without one."""
    inner = instance.inner_context()
    if inner is None:
        return Unknown("outputs of a deployment that is not analysed")
    declared = inner.template.get("outputs")
    if not isinstance(declared, dict):
        return {}
    pointer = inner.pointer + ("outputs",)
    outputs = {}
    for name, output in declared.items():
        if not isinstance(output, dict):
            continue
        here = pointer + (name,)
        if "copy" in output and isinstance(output["copy"], dict):
            value = _output_loop(inner, output["copy"], here + ("copy",))
        else:
            value = evaluate_value(output.get("value"), inner.scope, here + ("value",), inner.report)
        outputs[name] = {"type": output.get("type"), "value": value}
    return outputs


def _output_loop(inner: TemplateContext, spec: dict, pointer: tuple) -> object:
    count = copy_count(spec, inner.scope, pointer, inner.report)
    if isinstance(count, Unknown):
        return Unknown("output copy loop with an unknown count")
    return [
        evaluate_value(
            spec.get("input"), bind_copy_index(inner.scope, None, i, True), pointer + ("input",), inner.report
        )
        for i in range(count)
    ]
