"""Resource types, full names and canonical ids, as ARM composes them.

Ids use the same placeholders as `resourceId()` in the expression library
(`/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/...`), so
an id computed here equals the one an expression builds for the same
resource, and `Model.resolve()` links the two.
"""

from __future__ import annotations

from linter.model import Unknown

from .scope import DeploymentContext

# Namespaces of extension types, for legacy `<type>/providers/<ext>` names we cannot read.
KNOWN_EXTENSION_NAMESPACES = {
    "diagnosticsettings": "Microsoft.Insights",
    "locks": "Microsoft.Authorization",
    "roleassignments": "Microsoft.Authorization",
    "policyassignments": "Microsoft.Authorization",
}


_TENANT_LEVEL = "microsoft.management/managementgroups/"


def is_qualified_type(written: str) -> bool:
    """True for `Microsoft.X/...`: a namespace first, not a type relative to a parent."""
    return "." in written.split("/", 1)[0]


def full_type(parent_type: str | None, written: str) -> str:
    """A nested child's full type: `subnets` inside a virtual network is `Microsoft.Network/virtualNetworks/subnets`."""
    if parent_type is None or is_qualified_type(written):
        return written
    return f"{parent_type}/{written}"


def type_depth(rtype: str) -> int:
    """How many name segments a resource of this type has (`NS/a/b` -> 2)."""
    return max(len(rtype.split("/")) - 1, 1)


def full_name(parent_name: object, written: object, rtype: str) -> object:
    """A nested child's full name: `sn` under `vnet` is `vnet/sn`; a name already full stays."""
    if isinstance(written, Unknown) or not isinstance(written, str):
        return written
    if parent_name is None or len(written.split("/")) >= type_depth(rtype):
        return written
    if isinstance(parent_name, Unknown) or not isinstance(parent_name, str):
        return Unknown("the parent resource's name is unknown")
    return f"{parent_name}/{written}"


def split_legacy_extension(rtype: str, name: object) -> tuple[str, object, tuple[str, object] | None] | None:
    """`T/providers/E` named `target/NS/ext` -> (`NS/E`, `ext`, (`T`, `target`)); None if not that form.

    When the name cannot be read the namespace comes from a short table of
    well-known extension types, else the written type is kept.
    """
    parts = rtype.split("/")
    lowered = [p.lower() for p in parts]
    if "providers" not in lowered[1:]:
        return None
    at = lowered.index("providers", 1)
    target_type = "/".join(parts[:at])
    extension_types = parts[at + 1 :]
    if not extension_types:
        return None
    target_depth = at - 1
    if isinstance(name, str):
        segments = name.split("/")
        if len(segments) >= target_depth + 2:
            target_name = "/".join(segments[:target_depth])
            namespace = segments[target_depth]
            return (
                namespace + "/" + "/".join(extension_types),
                "/".join(segments[target_depth + 1 :]),
                (target_type, target_name),
            )
        return None
    namespace = KNOWN_EXTENSION_NAMESPACES.get(extension_types[0].lower())
    if namespace is None:
        return None
    unknown = Unknown("the extension resource's name is unknown")
    return namespace + "/" + "/".join(extension_types), unknown, (target_type, unknown)


def deployment_base(context: DeploymentContext) -> str:
    """The id prefix of resources deployed at this scope ('' for the tenant)."""
    if context.kind == "subscription":
        return context.subscription_path
    if context.kind == "managementGroup":
        return context.management_group_path
    if context.kind == "tenant":
        return ""
    return context.resource_group_path


def resource_id(base: str, rtype: str, name: object) -> str | Unknown:
    """`{base}/providers/NS/t1/n1/t2/n2` for type `NS/t1/t2` and name `n1/n2`."""
    if isinstance(name, Unknown):
        return Unknown("the resource name is unknown")
    if isinstance(base, Unknown):
        return Unknown("the resource's scope is unknown")
    if not isinstance(name, str):
        return Unknown("the resource name is not a string")
    namespace, *types = rtype.split("/")
    names = name.split("/")
    if len(types) != len(names):
        return Unknown("the resource name does not match its type")
    pairs = "/".join(f"{t}/{n}" for t, n in zip(types, names, strict=True))
    return f"{base}/providers/{namespace}/{pairs}"


def scope_base(scope_value: object, context: DeploymentContext) -> object:
    """The id a `scope` value names: a full id, `/` (the tenant -> ''), or `NS/type/name` relative."""
    if isinstance(scope_value, Unknown):
        return scope_value
    if not isinstance(scope_value, str):
        return Unknown("scope is not a string")
    value = scope_value.strip()
    if value == "/":
        return ""
    if value.startswith("/"):
        return value.rstrip("/")
    segments = [s for s in value.split("/") if s]
    if len(segments) >= 3 and len(segments) % 2 == 1 and is_qualified_type(value):
        relative = "/".join(segments)
        if relative.lower().startswith(_TENANT_LEVEL):  # management groups sit under the tenant, not a scope
            return f"/providers/{relative}"
        return f"{deployment_base(context)}/providers/{relative}"
    return Unknown(f"scope {value!r} is not a resource id")


def schema_scope(schema: object) -> str:
    """The deployment scope a template's `$schema` URL declares (resource group when unclear)."""
    lowered = schema.lower() if isinstance(schema, str) else ""
    if "subscriptiondeploymenttemplate" in lowered:
        return "subscription"
    if "managementgroupdeploymenttemplate" in lowered:
        return "managementGroup"
    if "tenantdeploymenttemplate" in lowered:
        return "tenant"
    return "resourceGroup"
