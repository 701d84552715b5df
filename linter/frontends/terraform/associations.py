"""Fold association resources into the resources they join.

`azurerm_subnet_network_security_group_association` sets the subnet's
`properties.networkSecurityGroup.id`, `azurerm_network_interface_security_group_association`
the NIC's, and so on; `azapi_update_resource` merges its `body` into the
resource named by `resource_id`. The written path points at the association block. When
the target is not declared in the unit (a data source, an unknown id), the
association is kept as a resource of its Terraform type, so nothing is lost.
"""

from __future__ import annotations

import json
from typing import Callable, NamedTuple

from linter.frontends.terraform.view import BlockView
from linter.model import Resource, parse_resource_id


# A NamedTuple, not a frozen dataclass: cheaper to define at start-up (see linter.discover).
class Fold(NamedTuple):
    """How an association resource writes itself into the resource it links."""

    target_attr: str
    write: Callable  # (BlockView, put(path, value)) -> None


def _set_ref(source_attr: str, path: tuple) -> Callable:
    def write(view: BlockView, put: Callable) -> None:
        if source_attr in view.attrs:
            put(path, {"id": view.attrs[source_attr]})
            put(path + ("id",), view.attrs[source_attr])
    return write


def _storage_rules(view: BlockView, put: Callable) -> None:
    acl = ("properties", "networkAcls")
    put(acl, {})
    if "default_action" in view.attrs:
        put(acl + ("defaultAction",), view.attrs["default_action"])
    bypass = view.attrs.get("bypass")
    if isinstance(bypass, list):
        put(acl + ("bypass",), ", ".join(str(b) for b in bypass))
    ips = view.attrs.get("ip_rules")
    if isinstance(ips, list):
        put(acl + ("ipRules",), [{"value": ip, "action": "Allow"} for ip in ips])
    subnets = view.attrs.get("virtual_network_subnet_ids")
    if isinstance(subnets, list):
        put(acl + ("virtualNetworkRules",), [{"id": s, "action": "Allow"} for s in subnets])


def _patch_body(view: BlockView, put: Callable) -> None:
    """azapi_update_resource: its `body` is merged into the target's body, key by key."""
    body = view.attrs.get("body")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return
    if isinstance(body, dict):
        _merge(body, (), put)


def _merge(value: dict, path: tuple, put: Callable) -> None:
    for key, item in value.items():
        if isinstance(item, dict) and item:
            _merge(item, path + (key,), put)
        else:
            put(path + (key,), item)


NSG = ("properties", "networkSecurityGroup")

FOLDERS: dict[str, Fold] = {
    "azurerm_subnet_network_security_group_association":
        Fold("subnet_id", _set_ref("network_security_group_id", NSG)),
    "azurerm_network_interface_security_group_association":
        Fold("network_interface_id", _set_ref("network_security_group_id", NSG)),
    "azurerm_subnet_route_table_association":
        Fold("subnet_id", _set_ref("route_table_id", ("properties", "routeTable"))),
    "azurerm_subnet_nat_gateway_association":
        Fold("subnet_id", _set_ref("nat_gateway_id", ("properties", "natGateway"))),
    "azurerm_storage_account_network_rules": Fold("storage_account_id", _storage_rules),
    "azapi_update_resource": Fold("resource_id", _patch_body),
}


def _index(resources: list[Resource]) -> dict:
    found: dict = {}
    for resource in resources:
        if isinstance(resource.id, str):
            parsed = parse_resource_id(resource.id)
            if parsed:
                found.setdefault((parsed[0].lower(), parsed[1].lower()), resource)
    return found


def fold(pending: list[tuple[str, BlockView, Resource]], resources: list[Resource], locations: dict) -> list[Resource]:
    """Apply each association to its target; returns the associations that found none.

    `locations` maps id(resource) to the dict behind that resource's SourceMap lookup.
    """
    index = _index(resources)
    leftovers = []
    for tf_type, view, own in pending:
        spec = FOLDERS[tf_type]
        parsed = parse_resource_id(view.attrs.get(spec.target_attr))
        target = index.get((parsed[0].lower(), parsed[1].lower())) if parsed else None
        if target is None:
            leftovers.append(own)
            continue
        locs = locations[id(target)]
        spec.write(view, lambda path, value, t=target, loc=view.location, ls=locs: _put(t, ls, path, value, loc))
    return leftovers


def _put(target: Resource, locs: dict, path: tuple, value: object, loc) -> None:
    node = target.body
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    locs[tuple(path)] = loc
