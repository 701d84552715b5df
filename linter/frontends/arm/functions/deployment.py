"""Deployment and scope functions: parameters, variables, copyIndex, reference, list*,
resourceGroup, subscription, tenant, managementGroup, deployment, environment,
pickZones, providers.

Scope values follow the placeholder rules documented in `scope.py`: ids, names
and the subscription/tenant ids are symbolic placeholder strings, everything
else about the deployment target is Unknown.
"""

from __future__ import annotations

from linter.model import Unknown

from ..expressions import PartialObject
from ._registry import Context, function


@function("parameters", 1, unknown="shallow", lookup="parameter")
def parameters(ctx: Context, name) -> object:
    return ctx.scope.parameter(ctx.string(name))


@function("variables", 1, unknown="shallow", lookup="variable")
def variables(ctx: Context, name) -> object:
    return ctx.scope.variable(ctx.string(name))


@function("copyIndex", 0, 2, unknown="shallow")
def copy_index(ctx: Context, *args) -> object:
    loop, offset = None, 0
    if len(args) == 2:
        loop, offset = ctx.string(args[0], 0), ctx.integer(args[1], 1)
    elif len(args) == 1 and isinstance(args[0], str):
        loop = args[0]
    elif len(args) == 1:
        offset = ctx.integer(args[0], 0)
    index = ctx.scope.copy_index(loop)
    if isinstance(index, Unknown):
        return index
    return index + offset


@function("reference", 1, 3, unknown="shallow")
def reference(ctx: Context, target, api_version=None, full=None) -> object:
    ctx.string(target, 0)
    is_full = isinstance(full, str) and full.lower() == "full"
    return ctx.scope.reference(target, api_version, is_full)


def list_function(ctx: Context, *args) -> object:
    """listKeys(), listSecrets(), listAccountSas()...: secrets and runtime data, never known."""
    return ctx.unknown(f"{ctx.name}() is only known at deployment")


for _name in ("list", "listKeys", "listSecrets", "listAccountSas", "listServiceSas", "listCredentials"):
    function(_name, 1, None, unknown="handle")(list_function)


@function("pickZones", 3, 5, unknown="handle")
def pick_zones(ctx: Context, *args) -> object:
    return ctx.unknown("pickZones() depends on the region's zones")


@function("providers", 1, 2, unknown="handle")
def providers(ctx: Context, *args) -> object:
    return ctx.unknown("providers() is only known at deployment")


@function("resourceGroup")
def resource_group(ctx: Context) -> PartialObject:
    d = ctx.scope.deployment
    return PartialObject(
        id=d.resource_group_path,
        name=d.resource_group_name,
        type="Microsoft.Resources/resourceGroups",
        location=Unknown("resource group location"),
    )


@function("subscription")
def subscription(ctx: Context) -> PartialObject:
    d = ctx.scope.deployment
    return PartialObject(id=d.subscription_path, subscriptionId=d.subscription_id, tenantId=d.tenant_id)


@function("tenant")
def tenant(ctx: Context) -> PartialObject:
    return PartialObject(tenantId=ctx.scope.deployment.tenant_id)


@function("managementGroup", 0, 1, unknown="shallow")
def management_group(ctx: Context, name=None) -> PartialObject:
    d = ctx.scope.deployment
    name = d.management_group_name if name is None else ctx.string(name)
    return PartialObject(
        id=f"/providers/Microsoft.Management/managementGroups/{name}",
        name=name,
        type="Microsoft.Management/managementGroups",
    )


@function("deployment")
def deployment(ctx: Context) -> PartialObject:
    d = ctx.scope.deployment
    return PartialObject(name=d.deployment_name, location=d.location)


@function("environment")
def environment(ctx: Context) -> Unknown:
    return ctx.unknown("environment() depends on the target cloud")


@function("deployer")
def deployer(ctx: Context) -> Unknown:
    return ctx.unknown("deployer() is whoever deploys")


@function("references", 1, 2, unknown="shallow")
def references(ctx: Context, target, mode=None) -> object:
    """references(symbolicName of a copy loop): the loop's reference() objects, through the hook."""
    ctx.string(target, 0)
    is_full = isinstance(mode, str) and mode.lower() == "full"
    return ctx.scope.reference(target, None, is_full)


@function("externalInput", 1, 2, unknown="handle")
def external_input(ctx: Context, *args) -> Unknown:
    return ctx.unknown("externalInput() is supplied at deployment")
