"""Resource id functions: resourceId, subscriptionResourceId, tenantResourceId,
extensionResourceId, managementGroupResourceId.

Ids are built with the deployment's placeholders (`{subscriptionId}`,
`{resourceGroupName}`) so references between resources can be linked; see scope.py.
"""

from __future__ import annotations

from ._registry import Context, function


def _type_position(ctx: Context, args: tuple) -> int:
    for position, arg in enumerate(args):
        if "/" in ctx.string(arg, position):
            return position
    raise ctx.error("no resource type ('Namespace/type') among the arguments")


def _provider_path(ctx: Context, resource_type: str, names: tuple) -> str:
    namespace, *types = resource_type.strip("/").split("/")
    if not namespace or not types or any(not t for t in types):
        raise ctx.error(f"'{resource_type}' is not a resource type")
    if len(names) != len(types):
        raise ctx.error(f"type '{resource_type}' needs {len(types)} name(s), got {len(names)}")
    parts = [f"/providers/{namespace}"]
    for type_segment, name in zip(types, names, strict=True):
        parts.append(f"/{type_segment}/{name}")
    return "".join(parts)


def _split(ctx: Context, args: tuple, max_prefix: int) -> tuple[tuple, str, tuple]:
    at = _type_position(ctx, args)
    if at > max_prefix:
        raise ctx.error(f"expects at most {max_prefix} argument(s) before the resource type")
    return args[:at], args[at], args[at + 1 :]


@function("resourceId", 2, None)
def resource_id(ctx: Context, *args) -> str:
    prefix, resource_type, names = _split(ctx, args, 2)
    d = ctx.scope.deployment
    if len(prefix) == 2:
        base = f"/subscriptions/{prefix[0]}/resourceGroups/{prefix[1]}"
    elif len(prefix) == 1:
        base = f"{d.subscription_path}/resourceGroups/{prefix[0]}"
    elif d.kind == "resourceGroup":
        base = d.resource_group_path
    elif d.kind == "subscription":
        base = d.subscription_path
    else:
        base = ""
    return base + _provider_path(ctx, resource_type, names)


@function("subscriptionResourceId", 2, None)
def subscription_resource_id(ctx: Context, *args) -> str:
    prefix, resource_type, names = _split(ctx, args, 1)
    subscription_id = prefix[0] if prefix else ctx.scope.deployment.subscription_id
    return f"/subscriptions/{subscription_id}" + _provider_path(ctx, resource_type, names)


@function("tenantResourceId", 2, None)
def tenant_resource_id(ctx: Context, *args) -> str:
    _prefix, resource_type, names = _split(ctx, args, 0)
    return _provider_path(ctx, resource_type, names)


@function("managementGroupResourceId", 2, None)
def management_group_resource_id(ctx: Context, *args) -> str:
    prefix, resource_type, names = _split(ctx, args, 1)
    group = prefix[0] if prefix else ctx.scope.deployment.management_group_name
    base = f"/providers/Microsoft.Management/managementGroups/{group}"
    return base + _provider_path(ctx, resource_type, names)


@function("extensionResourceId", 3, None)
def extension_resource_id(ctx: Context, scope_id, resource_type, *names) -> str:
    scope_id = ctx.string(scope_id, 0).rstrip("/")
    return scope_id + _provider_path(ctx, ctx.string(resource_type, 1), names)
