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


PATH_FUNCTIONS = {
    "private_endpoints": (fn_private_endpoints, 0, 0),
}

HELPERS = {
    "protocol_ports": (protocol_ports, 2, 2),
    "parent_id": (parent_id, 1, 1),
    "full_name": (full_name, 1, 1),
}
