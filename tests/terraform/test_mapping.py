"""One test per mapped type: the Terraform resource's model equals the expected ARM-shaped body."""

from __future__ import annotations

import pytest

from linter.frontends.terraform.mapping import REGISTRY
from linter.model import Unknown

SUB = "/subscriptions/{subscriptionId}"
RG = SUB + "/resourceGroups/{resourceGroupName}"

CASES = {
    "azurerm_linux_virtual_machine": (
        'name = "vm"\nlocation = "l"\nsize = "B2"\nzone = "2"\navailability_set_id = "/x/providers/Microsoft.Compute/availabilitySets/a"\n'
        'network_interface_ids = ["n1"]\nvirtual_machine_scale_set_id = "s"\n',
        "Microsoft.Compute/virtualMachines", "vm",
        {"location": "l", "zones": ["2"], "properties": {
            "hardwareProfile": {"vmSize": "B2"},
            "availabilitySet": {"id": "/x/providers/Microsoft.Compute/availabilitySets/a"},
            "virtualMachineScaleSet": {"id": "s"},
            "networkProfile": {"networkInterfaces": [{"id": "n1"}]}}}),
    "azurerm_windows_virtual_machine": (
        'name = "vm"\nsize = "B2"\n', "Microsoft.Compute/virtualMachines", "vm",
        {"properties": {"hardwareProfile": {"vmSize": "B2"}}}),
    "azurerm_virtual_machine": (
        'name = "vm"\nvm_size = "B2"\nzones = ["1"]\navailability_set_id = "a"\n',
        "Microsoft.Compute/virtualMachines", "vm",
        {"zones": ["1"], "properties": {"hardwareProfile": {"vmSize": "B2"}, "availabilitySet": {"id": "a"}}}),
    "azurerm_linux_virtual_machine_scale_set": (
        'name = "ss"\nsku = "B2"\nnetwork_interface {\n  name = "nic"\n  primary = true\n'
        '  network_security_group_id = "nsg"\n  ip_configuration {\n    name = "ip"\n    subnet_id = "sn"\n'
        '    public_ip_address {\n      name = "pub"\n    }\n  }\n}\n',
        "Microsoft.Compute/virtualMachineScaleSets", "ss",
        {"sku": {"name": "B2", "capacity": 0}, "properties": {"virtualMachineProfile": {"networkProfile": {
            "networkInterfaceConfigurations": [{"name": "nic", "properties": {
                "primary": True, "networkSecurityGroup": {"id": "nsg"},
                "ipConfigurations": [{"name": "ip", "properties": {
                    "subnet": {"id": "sn"}, "publicIPAddressConfiguration": {"name": "pub"}}}]}}]}}}}),
    "azurerm_windows_virtual_machine_scale_set": (
        'name = "ss"\nsku = "B2"\ninstances = 3\n', "Microsoft.Compute/virtualMachineScaleSets", "ss",
        {"sku": {"name": "B2", "capacity": 3}}),
    "azurerm_orchestrated_virtual_machine_scale_set": (
        'name = "ss"\nplatform_fault_domain_count = 1\n', "Microsoft.Compute/virtualMachineScaleSets", "ss",
        {"properties": {"platformFaultDomainCount": 1, "orchestrationMode": "Flexible"}}),
    "azurerm_virtual_machine_scale_set": (
        'name = "ss"\nsku {\n  name = "B2"\n  capacity = 2\n}\nnetwork_profile {\n  name = "np"\n'
        '  ip_configuration {\n    name = "ip"\n    subnet_id = "sn"\n'
        '    public_ip_address_configuration {\n      name = "pub"\n      idle_timeout = 4\n    }\n  }\n}\n',
        "Microsoft.Compute/virtualMachineScaleSets", "ss",
        {"sku": {"name": "B2", "capacity": 2}, "properties": {"virtualMachineProfile": {"networkProfile": {
            "networkInterfaceConfigurations": [{"name": "np", "properties": {
                "ipConfigurations": [{"name": "ip", "properties": {
                    "subnet": {"id": "sn"}, "publicIPAddressConfiguration": {
                        "name": "pub", "properties": {"idleTimeoutInMinutes": 4}}}}]}}]}}}}),
    "azurerm_availability_set": (
        'name = "as"\nplatform_fault_domain_count = 2\nmanaged = true\n', "Microsoft.Compute/availabilitySets", "as",
        {"sku": {"name": "Aligned"}, "properties": {"platformFaultDomainCount": 2}}),
    "azurerm_network_interface": (
        'name = "nic"\nip_configuration {\n  name = "c"\n  subnet_id = "s"\n  public_ip_address_id = "p"\n}\n',
        "Microsoft.Network/networkInterfaces", "nic",
        {"properties": {"ipConfigurations": [{"name": "c", "properties": {
            "subnet": {"id": "s"}, "publicIPAddress": {"id": "p"}}}]}}),
    "azurerm_public_ip": (
        'name = "p"\nsku = "Standard"\nallocation_method = "Static"\n', "Microsoft.Network/publicIPAddresses", "p",
        {"sku": {"name": "Standard"}, "properties": {"publicIPAllocationMethod": "Static"}}),
    "azurerm_virtual_network": (
        'name = "v"\naddress_space = ["10.0.0.0/8"]\nddos_protection_plan {\n  id = "d"\n  enable = true\n}\n'
        'subnet {\n  name = "s"\n  address_prefixes = ["10.0.0.0/24"]\n  service_endpoint {\n'
        '    service = "Microsoft.Sql"\n  }\n}\n',
        "Microsoft.Network/virtualNetworks", "v",
        {"properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/8"]},
                        "ddosProtectionPlan": {"id": "d"}, "enableDdosProtection": True,
                        "subnets": [{"name": "s", "properties": {
                            "addressPrefixes": ["10.0.0.0/24"],
                            "serviceEndpoints": [{"service": "Microsoft.Sql"}]}}]}}),
    "azurerm_subnet": (
        'name = "s"\nvirtual_network_name = "v"\nservice_endpoints = ["Microsoft.Storage"]\n',
        "Microsoft.Network/virtualNetworks/subnets", "v/s",
        {"properties": {"serviceEndpoints": [{"service": "Microsoft.Storage"}]}}),
    "azurerm_network_security_group": (
        'name = "n"\nsecurity_rule {\n  name = "r"\n  source_address_prefixes = ["1.2.3.4"]\n'
        '  destination_port_ranges = ["22", "80"]\n}\n',
        "Microsoft.Network/networkSecurityGroups", "n",
        {"properties": {"securityRules": [{"name": "r", "properties": {
            "sourceAddressPrefixes": ["1.2.3.4"], "destinationPortRanges": ["22", "80"]}}]}}),
    "azurerm_network_security_rule": (
        'name = "r"\nnetwork_security_group_name = "n"\naccess = "Deny"\n',
        "Microsoft.Network/networkSecurityGroups/securityRules", "n/r", {"properties": {"access": "Deny"}}),
    "azurerm_network_watcher_flow_log": (
        'name = "f"\nnetwork_watcher_name = "w"\nnetwork_security_group_id = "nsg"\nenabled = true\n'
        'retention_policy {\n  enabled = true\n  days = 7\n}\n',
        "Microsoft.Network/networkWatchers/flowLogs", "w/f",
        {"properties": {"targetResourceId": "nsg", "enabled": True,
                        "retentionPolicy": {"enabled": True, "days": 7}}}),
    "azurerm_storage_account": (
        'name = "s"\naccount_tier = "Standard"\naccount_replication_type = "LRS"\n'
        'public_network_access_enabled = false\nnetwork_rules {\n  default_action = "Deny"\n'
        '  virtual_network_subnet_ids = ["sn"]\n}\n',
        "Microsoft.Storage/storageAccounts", "s",
        {"sku": {"name": "Standard_LRS"}, "properties": {
            "publicNetworkAccess": "Disabled",
            "networkAcls": {"defaultAction": "Deny", "virtualNetworkRules": [{"id": "sn", "action": "Allow"}]}}}),
    "azurerm_key_vault": (
        'name = "k"\nsku_name = "standard"\nnetwork_acls {\n  default_action = "Deny"\n  bypass = "AzureServices"\n}\n',
        "Microsoft.KeyVault/vaults", "k",
        {"properties": {"sku": {"name": "standard"},
                        "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}}}),
    "azurerm_mssql_server": (
        'name = "q"\npublic_network_access_enabled = true\n', "Microsoft.Sql/servers", "q",
        {"properties": {"publicNetworkAccess": "Enabled"}}),
    "azurerm_mssql_virtual_network_rule": (
        'name = "r"\nserver_id = "/x/providers/Microsoft.Sql/servers/q"\nsubnet_id = "sn"\n',
        "Microsoft.Sql/servers/virtualNetworkRules", "q/r", {"properties": {"virtualNetworkSubnetId": "sn"}}),
    "azurerm_cosmosdb_account": (
        'name = "c"\nis_virtual_network_filter_enabled = true\nvirtual_network_rule {\n  id = "sn"\n}\n'
        'ip_range_filter = "1.1.1.1,2.2.2.2"\n',
        "Microsoft.DocumentDB/databaseAccounts", "c",
        {"properties": {"isVirtualNetworkFilterEnabled": True, "virtualNetworkRules": [{"id": "sn"}],
                        "ipRules": [{"ipAddressOrRange": "1.1.1.1"}, {"ipAddressOrRange": "2.2.2.2"}]}}),
    "azurerm_service_plan": (
        'name = "p"\nsku_name = "P1v3"\nworker_count = 1\nos_type = "Linux"\n', "Microsoft.Web/serverfarms", "p",
        {"sku": {"name": "P1v3", "capacity": 1}, "properties": {"reserved": True}}),
    "azurerm_app_service_plan": (
        'name = "p"\nsku {\n  tier = "Standard"\n  size = "S1"\n}\n', "Microsoft.Web/serverfarms", "p",
        {"sku": {"tier": "Standard", "name": "S1"}}),
    "azurerm_linux_function_app": (
        'name = "f"\nservice_plan_id = "sp"\napp_settings = { A = "1" }\n'
        'site_config {\n  application_insights_connection_string = "cs"\n}\n',
        "Microsoft.Web/sites", "f",
        {"kind": "functionapp,linux", "properties": {"serverFarmId": "sp", "siteConfig": {"appSettings": [
            {"name": "A", "value": "1"}, {"name": "APPLICATIONINSIGHTS_CONNECTION_STRING", "value": "cs"}]}}}),
    "azurerm_windows_web_app": (
        'name = "w"\n', "Microsoft.Web/sites", "w", {"kind": "app"}),
    "azurerm_monitor_diagnostic_setting": (
        'name = "d"\ntarget_resource_id = "/x/providers/Microsoft.KeyVault/vaults/k"\n'
        'log_analytics_workspace_id = "w"\nenabled_log {\n  category_group = "allLogs"\n}\n'
        'metric {\n  category = "AllMetrics"\n  enabled = false\n}\n',
        "Microsoft.Insights/diagnosticSettings", "d",
        {"properties": {"workspaceId": "w", "logs": [{"categoryGroup": "allLogs", "enabled": True}],
                        "metrics": [{"category": "AllMetrics", "enabled": False}]}}),
    "azurerm_monitor_autoscale_setting": (
        'name = "a"\ntarget_resource_id = "t"\nprofile {\n  name = "p"\n  capacity {\n    default = 2\n'
        '    minimum = 1\n    maximum = 3\n  }\n}\n',
        "Microsoft.Insights/autoscalesettings", "a",
        {"properties": {"targetResourceUri": "t", "enabled": True, "profiles": [
            {"name": "p", "capacity": {"default": 2, "minimum": 1, "maximum": 3}}]}}),
    "azurerm_subscription_policy_assignment": (
        'name = "a"\nsubscription_id = "/subscriptions/s1"\npolicy_definition_id = "d"\n'
        'parameters = jsonencode({ effect = { value = "Deny" } })\nenforce = false\n',
        "Microsoft.Authorization/policyAssignments", "a",
        {"properties": {"policyDefinitionId": "d", "parameters": {"effect": {"value": "Deny"}},
                        "enforcementMode": "DoNotEnforce"}}),
    "azurerm_management_group_policy_assignment": (
        'name = "a"\nmanagement_group_id = "/providers/Microsoft.Management/managementGroups/root"\n',
        "Microsoft.Authorization/policyAssignments", "a", {"properties": {"enforcementMode": "Default"}}),
    "azurerm_policy_definition": (
        'name = "d"\npolicy_type = "Custom"\nmode = "All"\nmetadata = "{\\"category\\": \\"Net\\"}"\n',
        "Microsoft.Authorization/policyDefinitions", "d",
        {"properties": {"policyType": "Custom", "mode": "All", "metadata": {"category": "Net"}}}),
    "azurerm_management_group": (
        'name = "mg"\nparent_management_group_id = "/providers/Microsoft.Management/managementGroups/p"\n',
        "Microsoft.Management/managementGroups", "mg",
        {"properties": {"details": {"parent": {"id": "/providers/Microsoft.Management/managementGroups/p"}}}}),
    "azurerm_role_assignment": (
        'scope = "/subscriptions/s"\nrole_definition_name = "Reader"\nprincipal_id = "p"\n',
        "Microsoft.Authorization/roleAssignments", "{azurerm_role_assignment.x}",
        {"properties": {"roleDefinitionName": "Reader", "principalId": "p"}}),
    "azurerm_security_center_subscription_pricing": (
        'tier = "Free"\n', "Microsoft.Security/pricings", "VirtualMachines",
        {"properties": {"pricingTier": "Free"}}),
    "azurerm_security_center_contact": (
        'name = "c"\nemail = "a@b"\nalert_notifications = true\nalerts_to_admins = false\n',
        "Microsoft.Security/securityContacts", "c",
        {"properties": {"email": "a@b", "alertNotifications": "On", "alertsToAdmins": "Off"}}),
    "azurerm_security_center_setting": (
        'setting_name = "WDATP"\nenabled = false\n', "Microsoft.Security/settings", "WDATP",
        {"kind": "DataExportSettings", "properties": {"enabled": False}}),
    "azuread_conditional_access_policy": (
        'display_name = "mfa"\nstate = "enabledForReportingButNotEnforced"\ngrant_controls {\n'
        '  operator = "OR"\n  built_in_controls = ["mfa"]\n}\n',
        "Microsoft.Graph/conditionalAccessPolicies", "mfa",
        {"properties": {"displayName": "mfa", "state": "enabledForReportingButNotEnforced",
                        "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}}),
}

CASES.update({
    "azurerm_app_service": ('name = "a"\napp_service_plan_id = "p"\napp_settings = { X = "1" }\n',
                            "Microsoft.Web/sites", "a",
                            {"kind": "app", "properties": {"serverFarmId": "p", "siteConfig": {
                                "appSettings": [{"name": "X", "value": "1"}]}}}),
    "azurerm_linux_web_app": ('name = "a"\nhttps_only = true\n', "Microsoft.Web/sites", "a",
                              {"kind": "app,linux", "properties": {"httpsOnly": True}}),
    "azurerm_windows_function_app": ('name = "a"\nsite_config {\n  application_insights_key = "k"\n}\n',
                                     "Microsoft.Web/sites", "a",
                                     {"kind": "functionapp", "properties": {"siteConfig": {"appSettings": [
                                         {"name": "APPINSIGHTS_INSTRUMENTATIONKEY", "value": "k"}]}}}),
    "azurerm_function_app": ('name = "a"\n', "Microsoft.Web/sites", "a", {"kind": "functionapp"}),
    "azurerm_function_app_flex_consumption": ('name = "a"\n', "Microsoft.Web/sites", "a",
                                              {"kind": "functionapp,linux"}),
    "azurerm_application_insights": ('name = "ai"\napplication_type = "web"\n', "Microsoft.Insights/components",
                                     "ai", {"kind": "web", "properties": {"Application_Type": "web"}}),
    "azurerm_servicebus_namespace": (
        'name = "sb"\nsku = "Premium"\nnetwork_rule_set {\n  default_action = "Deny"\n'
        '  network_rules {\n    subnet_id = "sn"\n  }\n}\n',
        "Microsoft.ServiceBus/namespaces", "sb",
        {"sku": {"name": "Premium"}, "properties": {"networkRuleSet": {
            "defaultAction": "Deny", "virtualNetworkRules": [{"subnet": {"id": "sn"}}]}}}),
    "azurerm_eventhub_namespace": ('name = "eh"\npublic_network_access_enabled = false\n',
                                   "Microsoft.EventHub/namespaces", "eh",
                                   {"properties": {"publicNetworkAccess": "Disabled"}}),
    "azurerm_lb": ('name = "lb"\nfrontend_ip_configuration {\n  name = "f"\n  public_ip_address_id = "p"\n}\n',
                   "Microsoft.Network/loadBalancers", "lb",
                   {"properties": {"frontendIPConfigurations": [{"name": "f", "properties": {
                       "publicIPAddress": {"id": "p"}}}]}}),
    "azurerm_private_endpoint": ('name = "pe"\nsubnet_id = "sn"\n', "Microsoft.Network/privateEndpoints", "pe",
                                 {"properties": {"subnet": {"id": "sn"}}}),
    "azurerm_policy_set_definition": (
        'name = "i"\ndescription = "d"\npolicy_definition_reference {\n  policy_definition_id = "p"\n'
        '  reference_id = "r"\n}\n',
        "Microsoft.Authorization/policySetDefinitions", "i",
        {"properties": {"description": "d", "policyDefinitions": [
            {"policyDefinitionId": "p", "policyDefinitionReferenceId": "r"}]}}),
    "azurerm_management_group_policy_set_definition": (
        'name = "i"\nmanagement_group_id = "/providers/Microsoft.Management/managementGroups/m"\n'
        'display_name = "x"\n',
        "Microsoft.Authorization/policySetDefinitions", "i", {"properties": {"displayName": "x"}}),
    "azurerm_mssql_database": ('name = "db"\nserver_id = "/x/providers/Microsoft.Sql/servers/q"\nsku_name = "S0"\n',
                               "Microsoft.Sql/servers/databases", "q/db", {"sku": {"name": "S0"}}),
    "azurerm_mssql_firewall_rule": (
        'name = "fw"\nserver_id = "/x/providers/Microsoft.Sql/servers/q"\nstart_ip_address = "0.0.0.0"\n'
        'end_ip_address = "0.0.0.0"\n',
        "Microsoft.Sql/servers/firewallRules", "q/fw",
        {"properties": {"startIpAddress": "0.0.0.0", "endIpAddress": "0.0.0.0"}}),
    "azurerm_sql_firewall_rule": ('name = "fw"\nserver_name = "q"\nstart_ip_address = "1.1.1.1"\n',
                                  "Microsoft.Sql/servers/firewallRules", "q/fw",
                                  {"properties": {"startIpAddress": "1.1.1.1"}}),
    "azurerm_sql_virtual_network_rule": ('name = "r"\nserver_name = "q"\nsubnet_id = "sn"\n',
                                         "Microsoft.Sql/servers/virtualNetworkRules", "q/r",
                                         {"properties": {"virtualNetworkSubnetId": "sn"}}),
    "azurerm_sql_server": ('name = "q"\nversion = "12.0"\n', "Microsoft.Sql/servers", "q",
                           {"properties": {"version": "12.0"}}),
    "azurerm_resource_group_policy_assignment": (
        'name = "a"\nresource_group_id = "/subscriptions/s/resourceGroups/rg"\nnot_scopes = ["x"]\n',
        "Microsoft.Authorization/policyAssignments", "a",
        {"properties": {"notScopes": ["x"], "enforcementMode": "Default"}}),
    "azurerm_resource_policy_assignment": (
        'name = "a"\nresource_id = "/x/providers/Microsoft.Network/virtualNetworks/v"\nenforce = true\n',
        "Microsoft.Authorization/policyAssignments", "a", {"properties": {"enforcementMode": "Default"}}),
    "azurerm_policy_assignment": ('name = "a"\nscope = "/subscriptions/s"\n',
                                  "Microsoft.Authorization/policyAssignments", "a",
                                  {"properties": {"enforcementMode": "Default"}}),
    "azurerm_blueprint_assignment": ('name = "b"\ntarget_subscription_id = "/subscriptions/s"\nlock_mode = "None"\n',
                                     "Microsoft.Blueprint/blueprintAssignments", "b",
                                     {"properties": {"locks": {"mode": "None"}}}),
    "azurerm_security_center_auto_provisioning": ('auto_provision = "On"\n',
                                                  "Microsoft.Security/autoProvisioningSettings", "default",
                                                  {"properties": {"autoProvision": "On"}}),
    "azurerm_security_center_workspace": ('workspace_id = "w"\nscope = "/subscriptions/s"\n',
                                          "Microsoft.Security/workspaceSettings", "default",
                                          {"properties": {"workspaceId": "w", "scope": "/subscriptions/s"}}),
    "azurerm_lb_rule": (
        'name = "r"\nloadbalancer_id = "/x/providers/Microsoft.Network/loadBalancers/lb"\nprotocol = "Tcp"\n'
        'frontend_port = 22\nbackend_port = 22\nbackend_address_pool_ids = ["p"]\n',
        "Microsoft.Network/loadBalancers/loadBalancingRules", "lb/r",
        {"properties": {"protocol": "Tcp", "frontendPort": 22, "backendPort": 22,
                        "backendAddressPools": [{"id": "p"}]}}),
    "azurerm_lb_nat_rule": (
        'name = "n"\nloadbalancer_id = "/x/providers/Microsoft.Network/loadBalancers/lb"\nfrontend_port = 3389\n',
        "Microsoft.Network/loadBalancers/inboundNatRules", "lb/n", {"properties": {"frontendPort": 3389}}),
    "azurerm_lb_backend_address_pool": (
        'name = "p"\nloadbalancer_id = "/x/providers/Microsoft.Network/loadBalancers/lb"\n',
        "Microsoft.Network/loadBalancers/backendAddressPools", "lb/p", {}),
    "azurerm_lb_probe": (
        'name = "p"\nloadbalancer_id = "/x/providers/Microsoft.Network/loadBalancers/lb"\n',
        "Microsoft.Network/loadBalancers/probes", "lb/p", {}),
    "azurerm_virtual_network_peering": (
        'name = "p"\nvirtual_network_name = "v"\nremote_virtual_network_id = "r"\n',
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "v/p",
        {"properties": {"remoteVirtualNetwork": {"id": "r"}}}),
    "azurerm_servicebus_namespace_network_rule_set": (
        'namespace_id = "/x/providers/Microsoft.ServiceBus/namespaces/sb"\ndefault_action = "Deny"\n'
        'network_rules {\n  subnet_id = "sn"\n  ignore_missing_vnet_service_endpoint = true\n}\n',
        "Microsoft.ServiceBus/namespaces/networkRuleSets", "sb/default",
        {"properties": {"defaultAction": "Deny", "virtualNetworkRules": [
            {"subnet": {"id": "sn"}, "ignoreMissingVnetServiceEndpoint": True}]}}),
})


@pytest.mark.parametrize("tf_type", sorted(CASES))
def test_mapping(load_source, tf_type):
    if tf_type not in REGISTRY:
        pytest.skip(f"{tf_type} is not mapped in this tree")
    hcl, arm_type, name, body = CASES[tf_type]
    unit, model = load_source({"main.tf": f'resource "{tf_type}" "x" {{\n{hcl}}}\n'})
    assert unit.errors == []
    (resource,) = [r for r in model.resources if not r.derived]
    assert (resource.type, resource.name) == (arm_type, name)
    assert resource.body == body
    assert model.resolve(resource.id) is resource  # its id resolves back to it


@pytest.mark.parametrize("tf_type", sorted(REGISTRY))
def test_every_mapped_type_has_a_resolvable_id(load_source, tf_type):
    unit, model = load_source(
        {"main.tf": f'resource "{tf_type}" "x" {{\n  name = "n"\n  location = "l"\n  tags = {{ a = "b" }}\n}}\n'})
    (resource,) = model.resources
    assert resource.type == REGISTRY[tf_type].arm_type
    assert model.resolve(resource.id) is resource
    if tf_type not in CASES:  # types mapped with location and tags only
        assert resource.body == {"location": "l", "tags": {"a": "b"}}


def test_extension_resources_carry_their_scope(load_source):
    unit, model = load_source({"main.tf": CASES_EXT})
    setting = model.by_symbol("azurerm_monitor_diagnostic_setting.d")
    vault = model.by_symbol("azurerm_key_vault.k")
    assert setting.scope == vault.id
    assert model.resolve(setting.scope) is vault
    assert setting.id == vault.id + "/providers/Microsoft.Insights/diagnosticSettings/diag"
    pricing = model.by_symbol("azurerm_security_center_subscription_pricing.p")
    assert pricing.id == SUB + "/providers/Microsoft.Security/pricings/StorageAccounts"


CASES_EXT = """
resource "azurerm_key_vault" "k" { name = "kv" }
resource "azurerm_monitor_diagnostic_setting" "d" {
  name = "diag"
  target_resource_id = azurerm_key_vault.k.id
}
resource "azurerm_security_center_subscription_pricing" "p" {
  tier = "Standard"
  resource_type = "StorageAccounts"
}
"""


def test_unknown_values_stay_unknown_in_the_body(load_source):
    unit, model = load_source({"main.tf": 'variable "tier" {}\nresource "azurerm_storage_account" "s" {\n'
                                          '  name = "s"\n  account_tier = var.tier\n  account_replication_type = "LRS"\n}\n'})
    assert isinstance(model.resources[0].body["sku"]["name"], Unknown)
