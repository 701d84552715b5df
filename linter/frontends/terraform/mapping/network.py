"""azurerm network resources -> Microsoft.Network types: VNets, subnets, NSGs and rules, NICs, public IPs, flow logs.

Shapes of azurerm v3, v4 and v5 are all accepted: `service_endpoints` lists
(v3/v4) and `service_endpoint` blocks (v5); flow logs' `network_security_group_id`
(v3/v4) and `target_resource_id` (v4.11+); v3 `enable_*` and v4 `*_enabled`
spellings. The association resources are folded elsewhere (`associations.py`).
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import (
    Mapping,
    Out,
    as_list,
    blocks,
    common,
    enabled_disabled,
    id_list,
    ref,
)
from linter.frontends.terraform.view import BlockView

RULE_FIELDS = (
    ("description", "description"),
    ("protocol", "protocol"),
    ("source_port_range", "sourcePortRange"),
    ("source_port_ranges", "sourcePortRanges"),
    ("destination_port_range", "destinationPortRange"),
    ("destination_port_ranges", "destinationPortRanges"),
    ("source_address_prefix", "sourceAddressPrefix"),
    ("source_address_prefixes", "sourceAddressPrefixes"),
    ("destination_address_prefix", "destinationAddressPrefix"),
    ("destination_address_prefixes", "destinationAddressPrefixes"),
    ("access", "access"),
    ("priority", "priority"),
    ("direction", "direction"),
)


def rule_properties(view: BlockView, out: Out, prefix: tuple) -> None:
    """The `properties` of one security rule, inline or standalone."""
    for attr, arm in RULE_FIELDS:
        out.copy(view, attr, prefix + (arm,))
    out.copy(view, "source_application_security_group_ids",
             prefix + ("sourceApplicationSecurityGroups",), id_list)
    out.copy(view, "destination_application_security_group_ids",
             prefix + ("destinationApplicationSecurityGroups",), id_list)


def build_nsg(view: BlockView, out: Out) -> None:
    common(view, out)
    rules = blocks(view, "security_rule")
    out.put(("properties", "securityRules"), [], None)
    for i, rule in enumerate(rules):
        at = ("properties", "securityRules", i)
        out.put(at, {}, rule.location)
        out.copy(rule, "name", at + ("name",))
        rule_properties(rule, out, at + ("properties",))


def build_security_rule(view: BlockView, out: Out) -> None:
    rule_properties(view, out, ("properties",))


def service_endpoints(view: BlockView, out: Out, prefix: tuple) -> None:
    """v3/v4 `service_endpoints = [...]` or v5 `service_endpoint { service = ... }` blocks."""
    out.copy(view, "service_endpoints", prefix + ("serviceEndpoints",),
             lambda items: [{"service": s} for s in items])
    for i, block in enumerate(view.all("service_endpoint")):
        at = prefix + ("serviceEndpoints", i)
        out.put(at, {}, block.location)
        out.copy(block, "service", at + ("service",))
        out.copy(block, "locations", at + ("locations",))
        out.copy(block, "network_identifier", at + ("networkIdentifier",), ref)


def subnet_properties(view: BlockView, out: Out, prefix: tuple) -> None:
    out.copy(view, "address_prefix", prefix + ("addressPrefix",))
    out.copy(view, "address_prefixes", prefix + ("addressPrefixes",))
    out.copy(view, "security_group", prefix + ("networkSecurityGroup",), ref)
    out.copy(view, "network_security_group_id_wo", prefix + ("networkSecurityGroup",), ref)  # v5 write-only
    out.copy(view, "route_table_id", prefix + ("routeTable",), ref)
    out.copy(view, "default_outbound_access_enabled", prefix + ("defaultOutboundAccess",))
    out.copy_first(view, ("private_endpoint_network_policies", "private_endpoint_network_policies_enabled"),
                   prefix + ("privateEndpointNetworkPolicies",),
                   lambda v: enabled_disabled(v) if isinstance(v, bool) else v)
    service_endpoints(view, out, prefix)
    for i, block in enumerate(view.all("delegation")):
        at = prefix + ("delegations", i)
        out.put(at, {}, block.location)
        out.copy(block, "name", at + ("name",))
        service = block.block("service_delegation")
        if service is not None:
            out.copy(service, "name", at + ("properties", "serviceName"))


def build_subnet(view: BlockView, out: Out) -> None:
    subnet_properties(view, out, ("properties",))


def build_vnet(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "address_space", ("properties", "addressSpace", "addressPrefixes"))
    out.copy(view, "dns_servers", ("properties", "dhcpOptions", "dnsServers"))
    plan = view.block("ddos_protection_plan")
    if plan is not None:
        out.mark(("properties", "ddosProtectionPlan"), plan.location)
        out.copy(plan, "id", ("properties", "ddosProtectionPlan", "id"))
        out.copy(plan, "enable", ("properties", "enableDdosProtection"))
    subnets = blocks(view, "subnet")
    for i, subnet in enumerate(subnets):
        at = ("properties", "subnets", i)
        out.put(at, {}, subnet.location)
        out.copy(subnet, "name", at + ("name",))
        subnet_properties(subnet, out, at + ("properties",))


def build_nic(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy_first(view, ("ip_forwarding_enabled", "enable_ip_forwarding"), ("properties", "enableIPForwarding"))
    out.copy_first(view, ("accelerated_networking_enabled", "enable_accelerated_networking"),
                   ("properties", "enableAcceleratedNetworking"))
    for i, config in enumerate(blocks(view, "ip_configuration")):
        at = ("properties", "ipConfigurations", i)
        out.put(at, {}, config.location)
        out.copy(config, "name", at + ("name",))
        props = at + ("properties",)
        out.copy(config, "subnet_id", props + ("subnet",), ref)
        out.copy(config, "public_ip_address_id", props + ("publicIPAddress",), ref)
        out.copy(config, "private_ip_address_allocation", props + ("privateIPAllocationMethod",))
        out.copy(config, "private_ip_address", props + ("privateIPAddress",))
        out.copy(config, "private_ip_address_version", props + ("privateIPAddressVersion",))
        out.copy(config, "primary", props + ("primary",))


def build_public_ip(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "sku", ("sku", "name"))
    out.copy(view, "sku_tier", ("sku", "tier"))
    out.copy(view, "zones", ("zones",), as_list)
    out.copy(view, "allocation_method", ("properties", "publicIPAllocationMethod"))
    out.copy(view, "ip_version", ("properties", "publicIPAddressVersion"))
    out.copy(view, "idle_timeout_in_minutes", ("properties", "idleTimeoutInMinutes"))
    out.copy(view, "domain_name_label", ("properties", "dnsSettings", "domainNameLabel"))
    out.copy(view, "ddos_protection_mode", ("properties", "ddosSettings", "protectionMode"))
    out.copy(view, "ddos_protection_plan_id", ("properties", "ddosSettings", "ddosProtectionPlan"), ref)
    out.copy(view, "public_ip_prefix_id", ("properties", "publicIPPrefix"), ref)


def build_flow_log(view: BlockView, out: Out) -> None:
    common(view, out)
    props = ("properties",)
    out.copy_first(view, ("target_resource_id", "network_security_group_id"), props + ("targetResourceId",))
    out.copy(view, "storage_account_id", props + ("storageId",))
    out.copy(view, "enabled", props + ("enabled",))
    retention = view.block("retention_policy")
    if retention is not None:
        out.mark(props + ("retentionPolicy",), retention.location)
        out.copy(retention, "enabled", props + ("retentionPolicy", "enabled"))
        out.copy(retention, "days", props + ("retentionPolicy", "days"))
    out.copy(view, "version", props + ("format", "version"))
    analytics = view.block("traffic_analytics")
    if analytics is not None:
        at = props + ("flowAnalyticsConfiguration", "networkWatcherFlowAnalyticsConfiguration")
        out.mark(at, analytics.location)
        out.copy(analytics, "enabled", at + ("enabled",))
        out.copy(analytics, "workspace_id", at + ("workspaceId",))
        out.copy(analytics, "workspace_region", at + ("workspaceRegion",))
        out.copy(analytics, "workspace_resource_id", at + ("workspaceResourceId",))
        out.copy(analytics, "interval_in_minutes", at + ("trafficAnalyticsInterval",))


def build_plain(view: BlockView, out: Out) -> None:
    common(view, out)


def build_ddos_plan(view: BlockView, out: Out) -> None:
    common(view, out)


def build_lb(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "sku", ("sku", "name"))
    for i, front in enumerate(view.all("frontend_ip_configuration")):
        at = ("properties", "frontendIPConfigurations", i)
        out.put(at, {}, front.location)
        out.copy(front, "name", at + ("name",))
        out.copy(front, "public_ip_address_id", at + ("properties", "publicIPAddress"), ref)
        out.copy(front, "subnet_id", at + ("properties", "subnet"), ref)
        out.copy(front, "zones", at + ("zones",))


def build_private_endpoint(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "subnet_id", ("properties", "subnet"), ref)
    counts = {"privateLinkServiceConnections": 0, "manualPrivateLinkServiceConnections": 0}
    for conn in view.all("private_service_connection"):
        # a connection that waits for the owner's approval is a manual one in ARM
        array = ("manualPrivateLinkServiceConnections" if conn.get("is_manual_connection") is True
                 else "privateLinkServiceConnections")
        at = ("properties", array, counts[array])
        counts[array] += 1
        out.put(at, {}, conn.location)
        out.copy(conn, "name", at + ("name",))
        out.copy(conn, "private_connection_resource_id", at + ("properties", "privateLinkServiceId"))
        out.copy(conn, "subresource_names", at + ("properties", "groupIds"))
        out.copy(conn, "request_message", at + ("properties", "requestMessage"))


def build_lb_rule(view: BlockView, out: Out) -> None:
    props = ("properties",)
    out.copy(view, "protocol", props + ("protocol",))
    out.copy(view, "frontend_port", props + ("frontendPort",))
    out.copy(view, "backend_port", props + ("backendPort",))
    out.copy(view, "frontend_port_start", props + ("frontendPortRangeStart",))
    out.copy(view, "frontend_port_end", props + ("frontendPortRangeEnd",))
    out.copy(view, "backend_address_pool_ids", props + ("backendAddressPools",), id_list)
    out.copy(view, "backend_address_pool_id", props + ("backendAddressPool",), ref)
    out.copy(view, "probe_id", props + ("probe",), ref)


def build_child_plain(view: BlockView, out: Out) -> None:
    """A child resource with nothing rules read beyond its identity."""


def build_peering(view: BlockView, out: Out) -> None:
    out.copy(view, "remote_virtual_network_id", ("properties", "remoteVirtualNetwork"), ref)
    out.copy(view, "allow_forwarded_traffic", ("properties", "allowForwardedTraffic"))
    out.copy(view, "allow_gateway_transit", ("properties", "allowGatewayTransit"))


MAPPINGS = {
    "azurerm_virtual_network": Mapping("Microsoft.Network/virtualNetworks", build_vnet),
    "azurerm_subnet": Mapping("Microsoft.Network/virtualNetworks/subnets", build_subnet,
                              parents=("virtual_network_name",)),
    "azurerm_network_security_group": Mapping("Microsoft.Network/networkSecurityGroups", build_nsg),
    "azurerm_network_security_rule": Mapping("Microsoft.Network/networkSecurityGroups/securityRules",
                                             build_security_rule,
                                             parents=("network_security_group_name",)),
    "azurerm_network_interface": Mapping("Microsoft.Network/networkInterfaces", build_nic),
    "azurerm_public_ip": Mapping("Microsoft.Network/publicIPAddresses", build_public_ip),
    "azurerm_network_watcher": Mapping("Microsoft.Network/networkWatchers", build_plain),
    "azurerm_network_watcher_flow_log": Mapping("Microsoft.Network/networkWatchers/flowLogs", build_flow_log,
                                                parents=("network_watcher_name",)),
    "azurerm_network_ddos_protection_plan": Mapping("Microsoft.Network/ddosProtectionPlans", build_ddos_plan),
    "azurerm_lb": Mapping("Microsoft.Network/loadBalancers", build_lb),
    "azurerm_application_gateway": Mapping("Microsoft.Network/applicationGateways", build_plain),
    "azurerm_firewall": Mapping("Microsoft.Network/azureFirewalls", build_plain),
    "azurerm_route_table": Mapping("Microsoft.Network/routeTables", build_plain),
    "azurerm_application_security_group": Mapping("Microsoft.Network/applicationSecurityGroups", build_plain),
    "azurerm_private_endpoint": Mapping("Microsoft.Network/privateEndpoints", build_private_endpoint),
    "azurerm_bastion_host": Mapping("Microsoft.Network/bastionHosts", build_plain),
    "azurerm_nat_gateway": Mapping("Microsoft.Network/natGateways", build_plain),
    "azurerm_public_ip_prefix": Mapping("Microsoft.Network/publicIPPrefixes", build_plain),
    "azurerm_firewall_policy": Mapping("Microsoft.Network/firewallPolicies", build_plain),
    "azurerm_private_dns_zone": Mapping("Microsoft.Network/privateDnsZones", build_plain),
    "azurerm_lb_backend_address_pool": Mapping("Microsoft.Network/loadBalancers/backendAddressPools",
                                               build_child_plain, parents=("id:loadbalancer_id",)),
    "azurerm_lb_probe": Mapping("Microsoft.Network/loadBalancers/probes", build_child_plain,
                                parents=("id:loadbalancer_id",)),
    "azurerm_lb_rule": Mapping("Microsoft.Network/loadBalancers/loadBalancingRules", build_lb_rule,
                               parents=("id:loadbalancer_id",)),
    "azurerm_lb_nat_rule": Mapping("Microsoft.Network/loadBalancers/inboundNatRules", build_lb_rule,
                                   parents=("id:loadbalancer_id",)),
    "azurerm_virtual_network_peering": Mapping("Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
                                               build_peering, parents=("virtual_network_name",)),
}
