"""Rule-language functions for the network and compute rules (AZ802, AZ804, AZ806-AZ809).

Path functions (they see the model, and take and return `Val`s):

- `private_endpoints()`: the private endpoints of the linted files that connect
  to the current resource (`privateLinkServiceConnections` or
  `manualPrivateLinkServiceConnections`, `privateLinkServiceId`). Unknown when
  an endpoint's target is only known at deployment and none surely matches:
  that endpoint may be this resource's.

Value helpers:

- `protocol_ports(protocol, ports)`: an NSG protocol and the ports it opens,
  for messages: `TCP 22, 3389`, `any protocol on port 3389`.
- `parent_id(id)`: the id of a child resource's parent (`.../servers/s/firewallRules/r`
  -> `.../servers/s`), to follow with `ref()`.
- `full_name(id)`: the full name a resource id gives (`vnet-app/web` for a subnet).
- `endpoint_service(type)`: the subnet service endpoint a PaaS resource type's
  virtual-network rules need (`Microsoft.Storage` for a storage account).
- `has_endpoint(endpoints, type)`: does a subnet's `serviceEndpoints` list
  hold that endpoint? (`Microsoft.Storage.Global` counts for storage.)
- `service_label(type)`: a readable name for a PaaS resource type, for messages.
"""

from __future__ import annotations

from linter.model import Resource, Unknown, is_unknown, parse_resource_id
from linter.rules.evaluate import Context, Val
from linter.rules.helpers import protocol_name

PRIVATE_ENDPOINT = "microsoft.network/privateendpoints"
CONNECTION_LISTS = ("privateLinkServiceConnections", "manualPrivateLinkServiceConnections")


def _get(mapping: object, key: str) -> object:
    """A key of a dict, case-insensitively (Unknown stays Unknown; anything else gives None)."""
    if is_unknown(mapping):
        return mapping
    if not isinstance(mapping, dict):
        return None
    lowered = key.lower()
    return next((v for k, v in mapping.items() if isinstance(k, str) and k.lower() == lowered), None)


def _id_of(value: object) -> object:
    return _get(value, "id") if isinstance(value, dict) else value


def _same_resource(target: object, me: Resource) -> bool | None:
    """Does the id `target` name `me`? None when that cannot be known before deployment."""
    target = _id_of(target)
    if is_unknown(target) or not isinstance(me.name, str):
        return None
    parsed = parse_resource_id(target) if isinstance(target, str) else None
    if parsed is None:
        return False
    return parsed[0].lower() == me.type.lower() and parsed[1].lower() == me.name.lower()


def _endpoint_targets(endpoint: Resource) -> list:
    """Every `privateLinkServiceId` of a private endpoint (an unknown list counts as one unknown target)."""
    targets: list = []
    props = _get(endpoint.body, "properties")
    for list_name in CONNECTION_LISTS:
        connections = _get(props, list_name)
        if is_unknown(connections):
            targets.append(connections)
            continue
        for connection in connections if isinstance(connections, list) else []:
            targets.append(_get(_get(connection, "properties"), "privateLinkServiceId"))
    return [t for t in targets if t is not None]


def fn_private_endpoints(ctx: Context) -> Val:
    me = ctx.resource
    hits: list[Val] = []
    maybe = False
    for endpoint in ctx.model.of_type(PRIVATE_ENDPOINT):
        if endpoint.derived or endpoint.condition is False:
            continue
        results = [_same_resource(t, me) for t in _endpoint_targets(endpoint)]
        if True in results and endpoint.condition is True:
            hits.append(Val(endpoint.body, (), foreign=True))
        elif True in results or None in results:
            maybe = True
    if not hits and maybe:
        return Val(Unknown("a private endpoint whose target is unknown may connect to this resource"), ())
    return Val([h.value for h in hits], (), items=hits, foreign=True)


def protocol_ports(protocol: object, ports: object) -> str:
    """`TCP 22, 3389`; `any protocol on port 3389` / `on ports 22, 3389` for the `*` protocol."""
    name = protocol_name(protocol) if isinstance(protocol, str) else "a protocol not known before deployment"
    if is_unknown(ports):
        return f"{name} on ports not known before deployment"
    values = ports if isinstance(ports, list) else [ports]
    listed = ", ".join(str(p) for p in values)
    if name == "any protocol":
        return f"any protocol on {'port' if len(values) == 1 else 'ports'} {listed}"
    return f"{name} {listed}"


def parent_id(value: object) -> object:
    """The parent's id of a child resource id; None for a top-level id or a non-id."""
    if is_unknown(value) or not isinstance(value, str):
        return value if is_unknown(value) else None
    parsed = parse_resource_id(value)
    if parsed is None or "/" not in parsed[1]:
        return None
    trimmed = value.rstrip("/")
    for _ in range(2):  # drop the last type and name segments
        trimmed = trimmed.rsplit("/", 1)[0]
    return trimmed


def full_name(value: object) -> object:
    """`.../virtualNetworks/vnet-app/subnets/web` -> `vnet-app/web` (the value itself when not an id)."""
    value = _id_of(value)
    if is_unknown(value) or not isinstance(value, str):
        return value
    parsed = parse_resource_id(value)
    return parsed[1] if parsed else value


# resource type (lower case) -> (readable name, the service endpoints that serve its virtual-network rules)
PAAS_SERVICES = {
    "microsoft.storage/storageaccounts": ("Storage account", ("Microsoft.Storage", "Microsoft.Storage.Global")),
    "microsoft.keyvault/vaults": ("Key vault", ("Microsoft.KeyVault",)),
    "microsoft.documentdb/databaseaccounts": ("Cosmos DB account", ("Microsoft.AzureCosmosDB",)),
    "microsoft.sql/servers": ("SQL server", ("Microsoft.Sql",)),
    "microsoft.dbformysql/servers": ("MySQL server", ("Microsoft.Sql",)),
    "microsoft.dbforpostgresql/servers": ("PostgreSQL server", ("Microsoft.Sql",)),
    "microsoft.dbformariadb/servers": ("MariaDB server", ("Microsoft.Sql",)),
    "microsoft.servicebus/namespaces": ("Service Bus namespace", ("Microsoft.ServiceBus",)),
    "microsoft.eventhub/namespaces": ("Event Hubs namespace", ("Microsoft.EventHub",)),
    "microsoft.cognitiveservices/accounts": ("Cognitive Services account", ("Microsoft.CognitiveServices",)),
    "microsoft.containerregistry/registries": ("Container registry", ("Microsoft.ContainerRegistry",)),
}


def _service(rtype: object) -> tuple | None:
    """The PAAS_SERVICES entry of a type or of its nearest parent type (`.../servers/virtualNetworkRules`)."""
    if not isinstance(rtype, str):
        return None
    parts = rtype.lower().split("/")
    for end in range(len(parts), 1, -1):
        found = PAAS_SERVICES.get("/".join(parts[:end]))
        if found is not None:
            return found
    return None


def endpoint_service(rtype: object) -> object:
    found = _service(rtype)
    return found[1][0] if found else None


def service_label(rtype: object) -> object:
    found = _service(rtype)
    return found[0] if found else rtype


def has_endpoint(endpoints: object, rtype: object) -> bool | Unknown:
    """Does the `serviceEndpoints` list (objects with `service`, or plain names) serve this PaaS type?"""
    found = _service(rtype)
    if found is None:
        return False
    if is_unknown(endpoints):
        return Unknown("service endpoints not known before deployment")
    wanted = {name.lower() for name in found[1]}
    undecided = False
    for entry in endpoints if isinstance(endpoints, list) else []:
        service = _get(entry, "service") if isinstance(entry, dict) else entry
        if is_unknown(service) or is_unknown(entry):
            undecided = True
        elif isinstance(service, str) and service.strip().lower() in wanted:
            return True
    return Unknown("a service endpoint not known before deployment") if undecided else False


PATH_FUNCTIONS = {
    "private_endpoints": (fn_private_endpoints, 0, 0),
}

HELPERS = {
    "protocol_ports": (protocol_ports, 2, 2),
    "parent_id": (parent_id, 1, 1),
    "full_name": (full_name, 1, 1),
    "endpoint_service": (endpoint_service, 1, 1),
    "has_endpoint": (has_endpoint, 2, 2),
    "service_label": (service_label, 1, 1),
}
