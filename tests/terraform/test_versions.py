"""azurerm v3, v4 and v5 spellings of the same configuration map to the same model."""

from __future__ import annotations

V3 = """
resource "azurerm_subnet" "s" {
  name = "s"
  virtual_network_name = "v"
  service_endpoints = ["Microsoft.KeyVault"]
}
resource "azurerm_network_watcher_flow_log" "f" {
  name = "f"
  network_watcher_name = "w"
  network_security_group_id = "/x/providers/Microsoft.Network/networkSecurityGroups/n"
  enabled = true
}
resource "azurerm_monitor_diagnostic_setting" "d" {
  name = "d"
  target_resource_id = "/x/providers/Microsoft.Network/networkSecurityGroups/n"
  log {
    category = "NetworkSecurityGroupEvent"
    retention_policy {
      enabled = false
    }
  }
}
resource "azurerm_network_interface" "n" {
  name = "n"
  enable_ip_forwarding = true
}
"""

V5 = """
resource "azurerm_subnet" "s" {
  name = "s"
  virtual_network_name = "v"
  service_endpoint {
    service = "Microsoft.KeyVault"
  }
}
resource "azurerm_network_watcher_flow_log" "f" {
  name = "f"
  network_watcher_name = "w"
  target_resource_id = "/x/providers/Microsoft.Network/networkSecurityGroups/n"
  enabled = true
}
resource "azurerm_monitor_diagnostic_setting" "d" {
  name = "d"
  target_resource_id = "/x/providers/Microsoft.Network/networkSecurityGroups/n"
  enabled_log {
    category = "NetworkSecurityGroupEvent"
  }
}
resource "azurerm_network_interface" "n" {
  name = "n"
  ip_forwarding_enabled = true
}
"""


def _bodies(load_source, text):
    unit, model = load_source({"main.tf": text})
    assert unit.errors == []
    return {r.symbol: r.body for r in model}


def test_v3_and_v5_shapes_agree(load_source, tmp_path_factory):
    old = _bodies(load_source, V3)
    for symbol in ("azurerm_subnet.s", "azurerm_network_watcher_flow_log.f", "azurerm_network_interface.n"):
        assert old[symbol]
    assert old["azurerm_subnet.s"]["properties"]["serviceEndpoints"] == [{"service": "Microsoft.KeyVault"}]
    assert old["azurerm_network_watcher_flow_log.f"]["properties"]["targetResourceId"].endswith("/n")
    logs = old["azurerm_monitor_diagnostic_setting.d"]["properties"]["logs"]
    assert logs[0]["category"] == "NetworkSecurityGroupEvent" and logs[0]["enabled"] is True
    assert old["azurerm_network_interface.n"]["properties"]["enableIPForwarding"] is True


def test_v5_shapes(load_source):
    new = _bodies(load_source, V5)
    assert new["azurerm_subnet.s"]["properties"]["serviceEndpoints"] == [{"service": "Microsoft.KeyVault"}]
    assert new["azurerm_network_watcher_flow_log.f"]["properties"]["targetResourceId"].endswith("/n")
    logs = new["azurerm_monitor_diagnostic_setting.d"]["properties"]["logs"]
    assert logs == [{"category": "NetworkSecurityGroupEvent", "enabled": True}]
    assert new["azurerm_network_interface.n"]["properties"]["enableIPForwarding"] is True
