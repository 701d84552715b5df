"""Resource declarations expanded into instances, and instances turned into model Resources.

`prepare` expands every declaration `declarations.collect` finds into
instances: one per `copy` iteration (a single instance with an Unknown
copyIndex when the count is unknown), minus those whose `condition` is false, each with its full name, id and scope. Only
then, in `to_resource`, is each instance's body evaluated, so `reference()`
can reach any declared instance whatever the declaration order.
"""

from __future__ import annotations

from linter.model import Path, Resource, Unknown

from .context import TemplateContext, open_object
from .declarations import Declaration, collect
from .evaluation import Report, bind_copy_index, copy_count, evaluate_string, evaluate_value
from .ids import (
    deployment_base,
    full_name,
    resource_id,
    scope_base,
    split_legacy_extension,
    type_depth,
)
from .locations import CopyRemaps, LazySourceMap
from .scope import Scope

# Keys of a resource declaration that describe the declaration, not the resource's state.
STRUCTURAL_KEYS = frozenset(
    {
        "type",
        "name",
        "apiversion",
        "dependson",
        "copy",
        "condition",
        "resources",
        "scope",
        "existing",
        "comments",
    }
)
DEPLOYMENTS = "microsoft.resources/deployments"
# where a deployment (or an existing resource of another resource group) is
_TARGET_KEYS = frozenset({"subscriptionid", "resourcegroup"})


class Instance:
    """One resource to be deployed: a declaration in one copy iteration."""

    def __init__(
        self, ctx: TemplateContext, decl: Declaration, scope: Scope, parent: Instance | None
    ) -> None:
        self.ctx = ctx
        self.decl = decl
        self.scope = scope
        self.parent = parent
        self.condition: bool | Unknown = True
        self.type = decl.type
        self.name: object = None
        self.base: object = ""  # the id prefix the resource's id is built on
        self.id: object = None
        self.scope_id: object = None
        self.existing = decl.raw.get("existing") is True
        self.copy_index: object = None  # this instance's index in its resource copy loop
        self.api_version = decl.api_version
        self.remaps = CopyRemaps()
        self._body: dict | None = None
        self._busy = False
        self._reference: dict = {}
        self._inner: object = _UNSET
        self._outputs: object = _UNSET

    @property
    def key(self) -> tuple[str, str] | None:
        if isinstance(self.name, str):
            return self.type.lower(), self.name.lower()
        return None

    @property
    def is_deployment(self) -> bool:
        return self.type.lower() == DEPLOYMENTS

    def report(self, pointer: Path, message: str, kind: str = "error") -> None:
        """Errors of a resource that may not be deployed (condition not known true) are only notes."""
        if kind == "error" and self.condition is not True:
            kind = "note"
        self.ctx.report(pointer, message, kind)

    def body(self) -> dict | None:
        """The evaluated resource object minus its structural keys; None while it is being evaluated."""
        if self._body is not None:
            return self._body
        if self._busy:
            return None
        self._busy = True
        deployment = self.is_deployment
        try:
            body = {}
            for key, value in self.decl.raw.items():
                lowered = key.lower()
                if lowered in STRUCTURAL_KEYS or (lowered in _TARGET_KEYS and not deployment):
                    continue
                if deployment and key == "properties" and isinstance(value, dict):
                    value = {k: v for k, v in value.items() if k != "template"}  # evaluated in its own scope
                try:
                    body[key] = evaluate_value(
                        value,
                        self.scope,
                        self.decl.pointer + (key,),
                        self.report,
                        path=(key,),
                        remaps=self.remaps,
                        budget=self.ctx.unit.budget,
                    )
                except RecursionError:
                    self.report(
                        self.decl.pointer + (key,), f"'{key}' is nested too deeply to evaluate", "note"
                    )
                    body[key] = Unknown("nested too deeply to evaluate")
            self._body = body
        finally:
            self._busy = False
        return self._body

    def reference_value(self, full: bool) -> object:
        """What reference() gives for this resource: declared values, the rest Unknown."""
        if full in self._reference:
            return self._reference[full]
        body = self.body()
        if body is None:
            return Unknown("reference() cycle between resources")
        props = body.get("properties")
        props = dict(props) if isinstance(props, dict) else {}
        if self.is_deployment:
            props["outputs"] = self.outputs()
        if full:
            value = dict(body)
            value.update(
                properties=props, id=self.id, name=self.name, type=self.type, apiVersion=self.api_version
            )
        else:
            value = props
        self._reference[full] = open_object(value)
        return self._reference[full]

    def inner_context(self) -> TemplateContext | None:
        """The nested inline template of a deployment, prepared (None for other resources)."""
        if self._inner is _UNSET:
            self._inner = None
            if self.is_deployment:
                from .deployments import nested_context

                self._inner = nested_context(self)
                if self._inner is not None:
                    prepare(self._inner)
        return self._inner

    def outputs(self) -> object:
        if self._outputs is _UNSET:
            from .deployments import deployment_outputs

            self._outputs = Unknown("deployment outputs")  # while evaluating: a cycle reads Unknown
            self._outputs = deployment_outputs(self)
        return self._outputs


_UNSET = object()


def prepare(ctx: TemplateContext) -> None:
    """Expand every declaration of the template into instances (idempotent)."""
    if ctx.prepared:
        return
    ctx.prepared = True
    for declaration in collect(ctx):
        _expand(ctx, declaration, None)


def _expand(ctx: TemplateContext, decl: Declaration, parent: Instance | None) -> None:
    base_scope = parent.scope if parent is not None else ctx.scope
    condition = None
    written = decl.raw.get("condition")
    if not isinstance(written, str) or "copyindex" not in written.lower():
        condition = _condition(ctx, decl, base_scope)  # once, before the copy count is looked at
        if condition is False:
            return
    deployed = _and(
        parent.condition if parent is not None else ctx.condition,
        Unknown() if condition is None else condition,
    )
    report = ctx.report if deployed is True else _as_notes(ctx.report)
    for index, scope in _iterations(ctx, decl, base_scope, report):
        if not ctx.unit.admit(decl.pointer):
            return
        instance = _instance(ctx, decl, scope, parent, condition)
        if instance is None:
            continue
        if isinstance(index, Unknown):  # stands for every copy of an unknown count, which may be none
            instance.condition = _and(instance.condition, Unknown("the copy count is unknown"))
        instance.copy_index = index
        ctx.instances.append(instance)
        ctx.symbols.setdefault(decl.symbol, []).append(instance)
        ctx.unit.register(instance)
        for child in decl.children:
            _expand(ctx, child, instance)


def _as_notes(report: Report) -> Report:
    """A report for what may not be deployed: its errors are only notes."""
    return lambda pointer, message, kind="error": report(pointer, message, "note")


def _iterations(
    ctx: TemplateContext, decl: Declaration, scope: Scope, report: Report
) -> list[tuple[object, Scope]]:
    """(copy index, scope) of each iteration; one (None, scope) without a copy loop."""
    spec = decl.raw.get("copy")
    if spec is None:
        return [(None, scope)]
    pointer = decl.pointer + ("copy",)
    if not isinstance(spec, dict):
        report(pointer, "a resource copy must be an object")
        return [(None, scope)]
    name = spec.get("name")
    if not isinstance(name, str):
        report(pointer, "a resource copy loop needs a string name")
    count = copy_count(spec, scope, pointer, report)
    if isinstance(count, Unknown):
        index = Unknown("copy index of a loop with an unknown count")
        return [(index, bind_copy_index(scope, name, index, True))]
    return [(index, bind_copy_index(scope, name, index, True)) for index in range(count)]


def _instance(
    ctx: TemplateContext, decl: Declaration, scope: Scope, parent: Instance | None, condition: object = None
) -> Instance | None:
    instance = Instance(ctx, decl, scope, parent)
    if condition is None:
        condition = _condition(ctx, decl, scope)
    # a child is deployed only with its parent; a nested template's resources only with their deployment
    condition = _and(parent.condition if parent is not None else ctx.condition, condition)
    if condition is False:
        return None
    instance.condition = condition
    raw = decl.raw
    name = _name(instance)
    name = full_name(parent.name if parent is not None else None, name, decl.type)
    instance.base = parent.base if parent is not None else deployment_base(ctx.deployment)
    if not instance.is_deployment and ("subscriptionId" in raw or "resourceGroup" in raw):
        instance.base = _cross_scope_base(instance)
    legacy = split_legacy_extension(decl.type, name)
    if legacy is not None:
        instance.type, name, (target_type, target_name) = legacy
        instance.scope_id = resource_id(instance.base, target_type, target_name)
        instance.base = instance.scope_id
    if "scope" in raw:
        written = raw["scope"]
        value = (
            evaluate_string(written, scope, decl.pointer + ("scope",), instance.report)
            if isinstance(written, str)
            else written
        )
        instance.base = scope_base(value, ctx.deployment)
        # a deployment's scope is where it deploys to, not a resource it extends
        instance.scope_id = None if instance.base == "" or instance.is_deployment else instance.base
    instance.name = name
    _check_segments(instance)
    instance.id = resource_id(instance.base, instance.type, name)
    if isinstance(instance.api_version, str) and instance.api_version.startswith("["):
        instance.api_version = evaluate_string(
            instance.api_version, scope, decl.pointer + ("apiVersion",), instance.report
        )
    if not isinstance(instance.api_version, str):
        instance.api_version = None
    return instance


def _cross_scope_base(instance: Instance) -> object:
    """The id prefix of a resource in another subscription / resource group (languageVersion 2.0 `existing`)."""
    ctx, decl = instance.ctx, instance.decl
    values = {}
    for key in ("subscriptionId", "resourceGroup"):
        written = decl.raw.get(key)
        values[key] = (
            evaluate_string(written, instance.scope, decl.pointer + (key,), instance.report)
            if isinstance(written, str)
            else written
        )
    subscription = (
        values["subscriptionId"] if values["subscriptionId"] is not None else ctx.deployment.subscription_id
    )
    group = values["resourceGroup"]
    if isinstance(subscription, Unknown) or isinstance(group, Unknown):
        return Unknown("the resource's subscription or resource group is unknown")
    if group is None:
        return f"/subscriptions/{subscription}"
    return f"/subscriptions/{subscription}/resourceGroups/{group}"


def _name(instance: Instance) -> object:
    decl = instance.decl
    written = decl.raw.get("name")
    if written is None:
        instance.report(decl.pointer, "resource without a name")
        return Unknown("resource without a name")
    value = written
    if isinstance(written, str):
        value = evaluate_string(written, instance.scope, decl.pointer + ("name",), instance.report)
    if not isinstance(value, (str, Unknown)):
        instance.report(decl.pointer + ("name",), f"a resource name must be a string, got {value!r}")
        return Unknown("invalid resource name")
    return value


def _check_segments(instance: Instance) -> None:
    name = instance.name
    if isinstance(name, str) and len(name.split("/")) != type_depth(instance.type):
        instance.report(
            instance.decl.pointer + ("name",),
            f"resource name '{name}' has {len(name.split('/'))} segment(s) but type "
            f"'{instance.type}' needs {type_depth(instance.type)}",
        )


def _condition(ctx: TemplateContext, decl: Declaration, scope: Scope) -> bool | Unknown:
    if "condition" not in decl.raw:
        return True
    written = decl.raw["condition"]
    pointer = decl.pointer + ("condition",)
    value = evaluate_string(written, scope, pointer, ctx.report) if isinstance(written, str) else written
    if isinstance(value, (bool, Unknown)):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    ctx.report(pointer, f"a condition must be a bool, got {value!r}")
    return Unknown("invalid condition")


def _and(left: bool | Unknown, right: bool | Unknown) -> bool | Unknown:
    if left is False or right is False:
        return False
    if isinstance(left, Unknown):
        return left
    return right


def to_resource(instance: Instance) -> Resource:
    """The model Resource of an instance (evaluates its body)."""
    ctx = instance.ctx
    body = instance.body() or {}
    return Resource(
        type=instance.type,
        name=instance.name,
        body=body,
        format="arm",
        source=LazySourceMap(ctx.unit.document, ctx.unit.file, instance.decl.pointer, instance.remaps),
        id=instance.id,
        symbol=instance.decl.qualified,
        condition=instance.condition,
        existing=instance.existing,
        scope=instance.scope_id,
        api_version=instance.api_version,
    )
