"""The Terraform shapes the first rules read: VMs with count, NSGs via associations, rules, locations."""

from __future__ import annotations

import os

import pytest

from linter.frontends.terraform import load_terraform
from linter.model import Model, Resource, is_unknown
from linter.normalize import build_model

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
NETWORK = os.path.join(FIXTURES, "network")
RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"


@pytest.fixture(scope="module")
def model():
    unit = load_terraform(NETWORK, [])
    assert unit.errors == []
    assert unit.format == "terraform"
    return Model(unit.resources)


def test_every_resource_is_terraform_format_with_address(model):
    assert all(r.format == "terraform" and r.symbol for r in model)


def test_vm_with_count_resolves_its_nic_and_availability_set(model):
    for i in range(2):
        vm = model.by_symbol(f"azurerm_linux_virtual_machine.vm[{i}]")
        assert vm.type == "Microsoft.Compute/virtualMachines" and vm.name == f"vm-{i}"
        props = vm.body["properties"]
        nic = model.resolve(props["networkProfile"]["networkInterfaces"][0])
        assert isinstance(nic, Resource) and nic.symbol == f"azurerm_network_interface.nic[{i}]"
        assert model.resolve(props["availabilitySet"]).symbol == "azurerm_availability_set.avset"


def test_nic_level_association_sets_nsg_at_the_association_block(model):
    nic = model.by_symbol("azurerm_network_interface.nic[1]")
    nsg = model.resolve(nic.body["properties"]["networkSecurityGroup"])
    assert nsg.symbol == "azurerm_network_security_group.nsg"
    loc = nic.source.locate(("properties", "networkSecurityGroup", "id"))
    assert (loc.line, loc.column) == (91, 1)
    assert not model.of_type("azurerm_network_interface_security_group_association")


def test_subnet_level_association(model):
    subnet = model.by_symbol("azurerm_subnet.app")
    assert subnet.type == "Microsoft.Network/virtualNetworks/subnets" and subnet.name == "vnet1/app"
    assert subnet.id == RG + "Microsoft.Network/virtualNetworks/vnet1/subnets/app"
    assert model.resolve(subnet.body["properties"]["networkSecurityGroup"]).name == "nsg1"
    assert subnet.source.locate(("properties", "networkSecurityGroup")).line == 62


def test_nic_points_at_subnet_and_public_ip(model):
    nic = model.by_symbol("azurerm_network_interface.nic[0]")
    ipc = nic.body["properties"]["ipConfigurations"][0]["properties"]
    assert model.resolve(ipc["subnet"]) is model.by_symbol("azurerm_subnet.app")
    assert model.resolve(ipc["publicIPAddress"]) is model.by_symbol("azurerm_public_ip.pip[0]")
    assert nic.source.locate(("properties", "ipConfigurations", 0, "properties", "publicIPAddress", "id")).line == 87


def test_inline_security_rule_and_its_location(model):
    nsg = model.by_symbol("azurerm_network_security_group.nsg")
    rule = nsg.body["properties"]["securityRules"][0]
    assert rule == {"name": "ssh", "properties": {
        "access": "Allow", "destinationAddressPrefix": "*", "destinationPortRange": "22",
        "direction": "Inbound", "priority": 100, "protocol": "Tcp", "sourceAddressPrefix": "*",
        "sourcePortRange": "*"}}
    loc = nsg.source.locate(("properties", "securityRules", 0, "properties", "destinationPortRange"))
    assert (loc.line, loc.column) == (42, 5)
    assert nsg.source.locate(("properties", "securityRules", 0)).line == 35


def test_separate_rule_is_a_child_with_unknown_source(model):
    rule = model.by_symbol("azurerm_network_security_rule.rdp")
    assert rule.type == "Microsoft.Network/networkSecurityGroups/securityRules"
    assert rule.name == "nsg1/rdp"
    assert rule.body["properties"]["destinationPortRanges"] == ["3389"]
    assert is_unknown(rule.body["properties"]["sourceAddressPrefix"])
    assert rule.source.locate(("properties", "sourceAddressPrefix")).line == 56


def test_inline_vnet_subnet_with_security_group(model):
    vnet = model.by_symbol("azurerm_virtual_network.vnet")
    subnet = vnet.body["properties"]["subnets"][0]
    assert subnet["name"] == "inline"
    assert model.resolve(subnet["properties"]["networkSecurityGroup"]).name == "nsg1"
    assert vnet.source.locate(("properties", "subnets", 0, "properties", "networkSecurityGroup")).line == 18


def test_subnet_from_data_source_is_unknown(model):
    nic = model.by_symbol("azurerm_network_interface.external")
    subnet = nic.body["properties"]["ipConfigurations"][0]["properties"]["subnet"]
    assert is_unknown(subnet["id"]) and is_unknown(model.resolve(subnet))


def test_public_ip_shape(model):
    pip = model.by_symbol("azurerm_public_ip.pip[1]")
    assert pip.body == {"location": "westeurope", "sku": {"name": "Standard"}, "zones": ["1"],
                        "properties": {"publicIPAllocationMethod": "Static"}}


def test_inline_subnet_reference_resolves_after_normalization(load_source):
    unit, _ = load_source({"main.tf": """
resource "azurerm_network_security_group" "n" { name = "nsg" }
resource "azurerm_virtual_network" "v" {
  name = "vnet"
  subnet {
    name = "inline"
    security_group = azurerm_network_security_group.n.id
  }
}
resource "azurerm_network_interface" "nic" {
  name = "nic"
  ip_configuration {
    name = "c"
    subnet_id = tolist(azurerm_virtual_network.v.subnet)[0].id
  }
}
"""})
    model = build_model(unit.resources)  # the shared step that derives inline subnet views
    nic = model.by_symbol("azurerm_network_interface.nic")
    subnet = model.resolve(nic.body["properties"]["ipConfigurations"][0]["properties"]["subnet"])
    assert subnet.derived and subnet.name == "vnet/inline"
    assert model.resolve(subnet.body["properties"]["networkSecurityGroup"]).name == "nsg"
    assert subnet.source.locate(("properties", "networkSecurityGroup")).line == 7


def test_separate_rule_folds_into_its_nsg_with_its_own_location():
    model = build_model(load_terraform(NETWORK, []).resources)
    nsg = model.by_symbol("azurerm_network_security_group.nsg")
    rules = nsg.body["properties"]["securityRules"]
    assert [r["name"] for r in rules] == ["ssh", "rdp"]
    assert is_unknown(rules[1]["properties"]["sourceAddressPrefix"])
    assert nsg.source.locate(("properties", "securityRules", 1, "properties", "sourceAddressPrefix")).line == 56
