"""azapi_resource maps 1:1: type before `@`, name, parent_id (child, extension), body object or jsonencode."""

from __future__ import annotations

from linter.model import Resource, is_unknown

RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"

SOURCE = """
resource "azurerm_virtual_network" "v" {
  name = "vnet"
}

resource "azapi_resource" "nsg" {
  type      = "Microsoft.Network/networkSecurityGroups@2023-09-01"
  name      = "nsg-api"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  location  = "westeurope"
  body = {
    properties = {
      securityRules = [{
        name = "ssh"
        properties = {
          access               = "Allow"
          destinationPortRange = "22"
        }
      }]
    }
  }
}

resource "azapi_resource" "subnet" {
  type      = "Microsoft.Network/virtualNetworks/subnets@2023-09-01"
  name      = "snet"
  parent_id = azurerm_virtual_network.v.id
  body = jsonencode({
    properties = {
      addressPrefix        = "10.0.0.0/24"
      networkSecurityGroup = { id = azapi_resource.nsg.id }
    }
  })
}

resource "azapi_resource" "diag" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag"
  parent_id = azapi_resource.nsg.id
  body = {
    properties = { workspaceId = var.workspace }
  }
}

variable "workspace" {}
"""


def test_azapi_shapes(load_source):
    unit, model = load_source({"main.tf": SOURCE})
    assert unit.errors == []
    nsg = model.by_symbol("azapi_resource.nsg")
    assert (nsg.type, nsg.name, nsg.api_version) == ("Microsoft.Network/networkSecurityGroups", "nsg-api", "2023-09-01")
    assert nsg.body["location"] == "westeurope"
    assert nsg.body["properties"]["securityRules"][0]["properties"]["destinationPortRange"] == "22"
    loc = nsg.source.locate(("properties", "securityRules", 0, "properties", "destinationPortRange"))
    assert loc.line == 17

    subnet = model.by_symbol("azapi_resource.subnet")
    assert (subnet.type, subnet.name) == ("Microsoft.Network/virtualNetworks/subnets", "vnet/snet")
    assert subnet.id == RG + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"
    target = model.resolve(subnet.body["properties"]["networkSecurityGroup"])
    assert isinstance(target, Resource) and target is nsg
    assert model.resolve(subnet.id) is subnet

    diag = model.by_symbol("azapi_resource.diag")
    assert diag.scope == nsg.id and model.resolve(diag.scope) is nsg
    assert is_unknown(diag.body["properties"]["workspaceId"])


def test_azapi_update_resource_patches_its_target(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_storage_account" "s" {
  name = "st"
  network_rules {
    default_action = "Allow"
    bypass = ["AzureServices"]
  }
}
resource "azapi_update_resource" "acl" {
  type        = "Microsoft.Storage/storageAccounts@2023-01-01"
  resource_id = azurerm_storage_account.s.id
  body = {
    properties = { networkAcls = { defaultAction = "Deny" } }
  }
}
"""})
    (account,) = model.resources
    assert account.body["properties"]["networkAcls"] == {"defaultAction": "Deny", "bypass": "AzureServices"}
    assert account.source.locate(("properties", "networkAcls", "defaultAction")).line == 9


def test_v5_write_only_subnet_nsg(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_subnet" "s" {
  name = "s"
  virtual_network_name = "v"
  network_security_group_id_wo = "/x/providers/Microsoft.Network/networkSecurityGroups/n"
}
"""})
    assert model.resources[0].body["properties"]["networkSecurityGroup"]["id"].endswith("/n")
