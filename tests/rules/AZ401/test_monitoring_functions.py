"""The monitoring rule functions (linter/rules/helpers_monitoring.py) on hand-built models."""

from __future__ import annotations

import pytest

from linter.model import Location, Model, Resource, SourceMap, Unknown
from linter.rules.evaluate import Context, truth
from linter.rules.helpers_monitoring import id_name, id_type, keys
from linter.rules.language import compile_expression

BASE = "/subscriptions/0000/resourceGroups/rg/providers/"
DIAG = "Microsoft.Insights/diagnosticSettings"
FLOW = "Microsoft.Network/networkWatchers/flowLogs"


def res(rtype: str, name: object, body: dict | None = None, **kwargs) -> Resource:
    return Resource(type=rtype, name=name, body=body or {}, format="arm",
                    source=SourceMap(Location("t.json", 1, 1)), **kwargs)


def run(expr: str, me: Resource, *others: Resource):
    ctx = Context(me, Model([me, *others]), {})
    return compile_expression(expr)(ctx).value


def diag(scope: object, **kwargs) -> Resource:
    return res(DIAG, "d", {"properties": {}}, scope=scope, **kwargs)


STORAGE = res("Microsoft.Storage/storageAccounts", "st1")


@pytest.mark.parametrize(("scope", "expected"), [
    (BASE + "Microsoft.Storage/storageAccounts/st1", 1),
    (BASE + "microsoft.storage/storageaccounts/ST1/blobServices/default/", 1),  # a child service counts
    (BASE + "Microsoft.Storage/storageAccounts/st2", 0),
    (BASE + "Microsoft.Storage/storageAccounts/st10/blobServices/default", 0),  # not a name prefix match
    (BASE + "Microsoft.KeyVault/vaults/st1", 0),
    ("/subscriptions/0000", 0),  # activity log export
])
def test_targeting_matches_the_resource_and_its_children(scope, expected):
    assert run(f"count(targeting('{DIAG}'))", STORAGE, diag(scope)) == expected


def test_targeting_is_unknown_when_a_target_is_unknown_and_nothing_surely_matches():
    assert isinstance(run(f"count(targeting('{DIAG}'))", STORAGE, diag(Unknown("param"))), Unknown)
    sure = diag(BASE + "Microsoft.Storage/storageAccounts/st1")
    assert run(f"count(targeting('{DIAG}'))", STORAGE, sure, diag(Unknown("param"))) == 1


def test_targeting_a_conditional_setting_is_undecided_and_a_skipped_one_absent():
    maybe = diag(BASE + "Microsoft.Storage/storageAccounts/st1", condition=Unknown("param"))
    assert truth(compile_expression(f"count(targeting('{DIAG}')) == 0")(
        Context(STORAGE, Model([STORAGE, maybe]), {}))) is None
    off = diag(BASE + "Microsoft.Storage/storageAccounts/st1", condition=False)
    assert run(f"count(targeting('{DIAG}'))", STORAGE, off) == 0


def test_targeting_by_property_path_and_extra_ids():
    vnet = res("Microsoft.Network/virtualNetworks", "vnet")
    nsg_id = BASE + "Microsoft.Network/networkSecurityGroups/nsg"
    flow = res(FLOW, "nw/fl", {"properties": {"targetResourceId": nsg_id}})
    assert run(f"count(targeting('{FLOW}', 'properties.targetResourceId'))", vnet, flow) == 0
    assert run(f"count(targeting('{FLOW}', 'properties.targetResourceId', ['{nsg_id}']))", vnet, flow) == 1


def test_children_finds_declared_children_with_their_short_name():
    site = res("Microsoft.Web/sites", "app")
    config = res("Microsoft.Web/sites/config", "app/appsettings", {"properties": {"A": "1"}})
    other = res("Microsoft.Web/sites/config", "other/appsettings", {"properties": {"B": "1"}})
    found = run("children('Microsoft.Web/sites/config')", site, config, other)
    assert found == [{"properties": {"A": "1"}, "name": "appsettings"}]


def test_children_of_unknown_names_may_belong_here():
    site = res("Microsoft.Web/sites", Unknown("param"))
    config = res("Microsoft.Web/sites/config", Unknown("param"), {"properties": {}})
    found = run("children('Microsoft.Web/sites/config')", site, config)
    assert len(found) == 1 and isinstance(found[0], Unknown)


def test_deployed_elsewhere():
    vault = res("Microsoft.KeyVault/vaults", "kv")
    assert run(f"deployed_elsewhere('{DIAG}')", vault) is False
    builtin = res("Microsoft.Authorization/policyAssignments", "a", {"properties": {
        "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/0000"}})
    assert isinstance(run(f"deployed_elsewhere('{DIAG}')", vault, builtin), Unknown)
    linked = res("Microsoft.Resources/deployments", "d", {"properties": {"templateLink": {"uri": "x"}}})
    assert isinstance(run(f"deployed_elsewhere('{DIAG}')", vault, linked), Unknown)


def test_scope_function():
    assert run("scope()", diag("/x")) == "/x"
    assert run("scope()", STORAGE) is None


def test_value_helpers():
    assert id_type(BASE + "Microsoft.Network/networkSecurityGroups/nsg") == "Microsoft.Network/networkSecurityGroups"
    assert id_type({"id": BASE + "Microsoft.Network/virtualNetworks/v/subnets/s"}) == \
        "Microsoft.Network/virtualNetworks/subnets"
    assert id_type("not an id") is None
    assert isinstance(id_type(Unknown("x")), Unknown)
    assert id_name("srv/master") == "master"
    assert id_name(BASE + "Microsoft.Network/virtualNetworks/v/subnets/s") == "s"
    assert keys({"A": 1, "B": 2}) == ["A", "B"]
    assert keys(None) == []
    assert isinstance(keys(Unknown("x")), Unknown)


def test_attached_finds_resources_referring_into_the_resource():
    vnet = res("Microsoft.Network/virtualNetworks", "vnet")
    subnet_id = BASE + "Microsoft.Network/virtualNetworks/vnet/subnets/web"
    nic = res("Microsoft.Network/networkInterfaces", "nic", {"properties": {"ipConfigurations": [
        {"properties": {"subnet": {"id": subnet_id}}}]}}, id=BASE + "Microsoft.Network/networkInterfaces/nic")
    elsewhere = res("Microsoft.Network/networkInterfaces", "nic2", {"properties": {"ipConfigurations": [
        {"properties": {"subnet": {"id": BASE + "Microsoft.Network/virtualNetworks/vnet2/subnets/web"}}}]}})
    assert run("attached('Microsoft.Network/networkInterfaces')", vnet, nic, elsewhere) == [nic.id]
