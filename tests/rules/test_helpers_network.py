"""The network/compute rule-language functions (linter/rules/helpers_network.py)."""

from __future__ import annotations

import pytest

from linter.model import Location, Model, Resource, SourceMap, Unknown, is_unknown
from linter.rules import helpers_network as hn
from linter.rules.evaluate import Context, truth
from linter.rules.language import compile_expression

SUB = "/subscriptions/s/resourceGroups/rg/providers"
VAULT_ID = f"{SUB}/Microsoft.KeyVault/vaults/kv-app"
PE = "Microsoft.Network/privateEndpoints"


def resource(rtype, name, body=None, **kwargs):
    return Resource(type=rtype, name=name, body=body or {}, format="arm",
                    source=SourceMap(Location("t.json", 1, 1)), **kwargs)


def endpoint(name, target, list_name="privateLinkServiceConnections", **kwargs):
    connection = {"name": "c", "properties": {"privateLinkServiceId": target}}
    return resource(PE, name, {"properties": {list_name: [connection]}}, **kwargs)


def linked(vault, *others):
    ctx = Context(vault, Model([vault, *others]), {})
    return truth(compile_expression("count(private_endpoints()) > 0")(ctx))


@pytest.mark.parametrize(
    ("protocol", "ports", "text"),
    [
        ("Tcp", [22], "TCP 22"),
        ("Tcp", [22, 3389], "TCP 22, 3389"),
        ("*", [3389], "any protocol on port 3389"),
        ("*", [22, 3389], "any protocol on ports 22, 3389"),
        ("Udp", [3389], "UDP 3389"),
        ("Tcp", Unknown("x"), "TCP on ports not known before deployment"),
    ],
)
def test_protocol_ports(protocol, ports, text):
    assert hn.protocol_ports(protocol, ports) == text


def test_parent_id_and_full_name():
    rule_id = f"{SUB}/Microsoft.Sql/servers/sql-app/firewallRules/office"
    assert hn.parent_id(rule_id) == f"{SUB}/Microsoft.Sql/servers/sql-app"
    assert hn.parent_id(f"{SUB}/Microsoft.Sql/servers/sql-app") is None
    assert hn.parent_id("not an id") is None
    assert is_unknown(hn.parent_id(Unknown("x")))
    subnet = f"{SUB}/Microsoft.Network/virtualNetworks/vnet-app/subnets/web"
    assert hn.full_name(subnet) == "vnet-app/web"
    assert hn.full_name({"id": subnet}) == "vnet-app/web"
    assert hn.full_name("plain") == "plain"


@pytest.mark.parametrize(
    ("rtype", "service", "label"),
    [
        ("Microsoft.Storage/storageAccounts", "Microsoft.Storage", "Storage account"),
        ("microsoft.sql/servers/virtualNetworkRules", "Microsoft.Sql", "SQL server"),
        ("Microsoft.DBforPostgreSQL/servers/virtualNetworkRules", "Microsoft.Sql", "PostgreSQL server"),
        ("Microsoft.EventHub/namespaces/networkRuleSets", "Microsoft.EventHub", "Event Hubs namespace"),
        ("Microsoft.Web/sites", None, "Microsoft.Web/sites"),
    ],
)
def test_endpoint_service_and_label(rtype, service, label):
    assert hn.endpoint_service(rtype) == service
    assert hn.service_label(rtype) == label


def test_has_endpoint():
    storage = "Microsoft.Storage/storageAccounts"
    assert hn.has_endpoint([{"service": "microsoft.storage"}], storage) is True
    assert hn.has_endpoint([{"service": "Microsoft.Storage.Global"}], storage) is True
    assert hn.has_endpoint(["Microsoft.Storage"], storage) is True
    assert hn.has_endpoint([{"service": "Microsoft.Sql"}], storage) is False
    assert hn.has_endpoint(None, storage) is False
    assert is_unknown(hn.has_endpoint(Unknown("x"), storage))
    assert is_unknown(hn.has_endpoint([{"service": Unknown("x")}], storage))
    # one sure match decides, whatever the unknown ones are
    assert hn.has_endpoint([Unknown("x"), {"service": "Microsoft.Storage"}], storage) is True
    assert hn.has_endpoint([{"service": "Microsoft.KeyVault"}], "Microsoft.Unknown/things") is False


def test_private_endpoints():
    vault = resource("Microsoft.KeyVault/vaults", "kv-app")
    assert linked(vault) is False
    assert linked(vault, endpoint("pe", VAULT_ID)) is True
    assert linked(vault, endpoint("pe", VAULT_ID, "manualPrivateLinkServiceConnections")) is True
    assert linked(vault, endpoint("pe", f"{SUB}/Microsoft.KeyVault/vaults/other")) is False
    assert linked(vault, endpoint("pe", Unknown("parameter"))) is None  # may be this vault's
    # a sure match wins over an unknown one
    assert linked(vault, endpoint("pe1", Unknown("parameter")), endpoint("pe2", VAULT_ID)) is True
    # an endpoint deployed only on a condition known at deployment may or may not be there
    assert linked(vault, endpoint("pe", VAULT_ID, condition=Unknown("condition"))) is None
    assert linked(vault, endpoint("pe", VAULT_ID, condition=False)) is False
