"""azurerm data services -> ARM: storage accounts, key vaults, SQL servers and rules, Cosmos DB, Service Bus,
Event Hubs, container registries, Cognitive Services accounts.

The network switches (public access, default-deny ACLs, virtual-network rules)
are what AZ806/AZ807 read. v3 `enable_*`/`allow_*` and v4/v5 `*_enabled`
spellings are both accepted. An absent `network_rules` block writes nothing:
the ARM default (allow) is for the rule to know, not for the frontend to write.
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import Mapping, Out, blocks, common, enabled_disabled, ref
from linter.frontends.terraform.view import BlockView
from linter.model import Unknown


def _join_bypass(value: object) -> object:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else value


def _rules(values: object, key: str, extra: dict | None = None) -> object:
    if not isinstance(values, list):
        return values
    return [{key: v, **(extra or {})} for v in values]


def build_storage(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "account_kind", ("kind",))
    tier, replication = view.get("account_tier"), view.get("account_replication_type")
    if isinstance(tier, str) and isinstance(replication, str):
        out.put(("sku", "name"), f"{tier}_{replication}", view.loc("account_tier"))
    elif tier is not None or replication is not None:
        out.put(("sku", "name"), Unknown("storage sku from unknown tier or replication"), view.loc("account_tier"))
    props = ("properties",)
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    out.copy(view, "min_tls_version", props + ("minimumTlsVersion",))
    out.copy_first(view, ("https_traffic_only_enabled", "enable_https_traffic_only"),
                   props + ("supportsHttpsTrafficOnly",))
    out.copy_first(view, ("allow_nested_items_to_be_public", "allow_blob_public_access"),
                   props + ("allowBlobPublicAccess",))
    out.copy(view, "shared_access_key_enabled", props + ("allowSharedKeyAccess",))
    rules = view.block("network_rules")
    if rules is not None:
        acl = props + ("networkAcls",)
        out.mark(acl, rules.location)
        out.copy(rules, "default_action", acl + ("defaultAction",))
        out.copy(rules, "bypass", acl + ("bypass",), _join_bypass)
        out.copy(rules, "ip_rules", acl + ("ipRules",), lambda v: _rules(v, "value", {"action": "Allow"}))
        out.copy(rules, "virtual_network_subnet_ids", acl + ("virtualNetworkRules",),
                 lambda v: _rules(v, "id", {"action": "Allow"}))


def build_key_vault(view: BlockView, out: Out) -> None:
    common(view, out)
    props = ("properties",)
    out.copy(view, "tenant_id", props + ("tenantId",))
    out.copy(view, "sku_name", props + ("sku", "name"))
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    out.copy(view, "purge_protection_enabled", props + ("enablePurgeProtection",))
    out.copy(view, "soft_delete_retention_days", props + ("softDeleteRetentionInDays",))
    out.copy_first(view, ("rbac_authorization_enabled", "enable_rbac_authorization"),
                   props + ("enableRbacAuthorization",))
    acls = view.block("network_acls")
    if acls is not None:
        at = props + ("networkAcls",)
        out.mark(at, acls.location)
        out.copy(acls, "default_action", at + ("defaultAction",))
        out.copy(acls, "bypass", at + ("bypass",))
        out.copy(acls, "ip_rules", at + ("ipRules",), lambda v: _rules(v, "value"))
        out.copy(acls, "virtual_network_subnet_ids", at + ("virtualNetworkRules",), lambda v: _rules(v, "id"))


def build_sql_server(view: BlockView, out: Out) -> None:
    common(view, out)
    props = ("properties",)
    out.copy(view, "version", props + ("version",))
    out.copy(view, "administrator_login", props + ("administratorLogin",))
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    out.copy(view, "minimum_tls_version", props + ("minimalTlsVersion",))


def build_sql_vnet_rule(view: BlockView, out: Out) -> None:
    out.copy(view, "subnet_id", ("properties", "virtualNetworkSubnetId"))
    out.copy(view, "ignore_missing_vnet_service_endpoint", ("properties", "ignoreMissingVnetServiceEndpoint"))


def build_sql_firewall_rule(view: BlockView, out: Out) -> None:
    out.copy(view, "start_ip_address", ("properties", "startIpAddress"))
    out.copy(view, "end_ip_address", ("properties", "endIpAddress"))


def build_sql_database(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "sku_name", ("sku", "name"))


def _ip_ranges(value: object) -> object:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    return _rules(value, "ipAddressOrRange")


def build_cosmos(view: BlockView, out: Out) -> None:
    common(view, out)
    props = ("properties",)
    out.copy(view, "kind", ("kind",))
    out.copy(view, "offer_type", props + ("databaseAccountOfferType",))
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    out.copy(view, "is_virtual_network_filter_enabled", props + ("isVirtualNetworkFilterEnabled",))
    out.copy(view, "ip_range_filter", props + ("ipRules",), _ip_ranges)
    for i, rule in enumerate(view.all("virtual_network_rule")):
        at = props + ("virtualNetworkRules", i)
        out.put(at, {}, rule.location)
        out.copy(rule, "id", at + ("id",))
        out.copy(rule, "ignore_missing_vnet_service_endpoint", at + ("ignoreMissingVNetServiceEndpoint",))


def build_messaging(view: BlockView, out: Out) -> None:
    """Service Bus / Event Hubs namespaces with their inline `network_rule_set` (v4+)."""
    common(view, out)
    out.copy(view, "sku", ("sku", "name"))
    out.copy(view, "capacity", ("sku", "capacity"))
    out.copy(view, "public_network_access_enabled", ("properties", "publicNetworkAccess"), enabled_disabled)
    rules = view.block("network_rule_set") or view.block("network_rulesets")
    if rules is not None:
        rule_set(rules, out, ("properties", "networkRuleSet"))


def rule_set(rules: BlockView, out: Out, at: tuple) -> None:
    """A Service Bus / Event Hubs network rule set (inline block, or v3's standalone resource at `properties`)."""
    out.mark(at, rules.location)
    out.copy(rules, "default_action", at + ("defaultAction",))
    out.copy(rules, "public_network_access_enabled", at + ("publicNetworkAccess",), enabled_disabled)
    out.copy_first(rules, ("trusted_services_allowed",  # Service Bus
                           "trusted_service_access_enabled"),  # Event Hubs
                   at + ("trustedServiceAccessEnabled",))
    out.copy(rules, "ip_rules", at + ("ipRules",), lambda v: _rules(v, "ipMask", {"action": "Allow"}))
    for i, rule in enumerate(rules.all("ip_rule")):  # Event Hubs writes its IP rules as blocks
        rule_at = at + ("ipRules", i)
        out.put(rule_at, {}, rule.location)
        out.copy(rule, "ip_mask", rule_at + ("ipMask",))
        out.copy(rule, "action", rule_at + ("action",))
    for i, rule in enumerate(rules.all("network_rules") + rules.all("virtual_network_rule")):
        rule_at = at + ("virtualNetworkRules", i)
        out.put(rule_at, {}, rule.location)
        out.copy(rule, "subnet_id", rule_at + ("subnet",), ref)
        out.copy_first(rule, ("ignore_missing_vnet_service_endpoint",  # Service Bus
                              "ignore_missing_virtual_network_service_endpoint"),  # Event Hubs
                       rule_at + ("ignoreMissingVnetServiceEndpoint",))


def build_servicebus_rule_set(view: BlockView, out: Out) -> None:
    """azurerm v3 `azurerm_servicebus_namespace_network_rule_set` (removed in v4): the `networkRuleSets` child."""
    rule_set(view, out, ("properties",))


def build_container_registry(view: BlockView, out: Out) -> None:
    """`network_rule_set` (Premium only; v3 also has `virtual_network` entries) -> `properties.networkRuleSet`."""
    common(view, out)
    props = ("properties",)
    out.copy(view, "sku", ("sku", "name"))
    out.copy(view, "admin_enabled", props + ("adminUserEnabled",))
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    out.copy(view, "network_rule_bypass_option", props + ("networkRuleBypassOptions",))
    out.copy(view, "zone_redundancy_enabled", props + ("zoneRedundancy",), enabled_disabled)
    for rules in blocks(view, "network_rule_set")[:1]:
        at = props + ("networkRuleSet",)
        out.mark(at, rules.location)
        out.copy(rules, "default_action", at + ("defaultAction",))
        for i, rule in enumerate(blocks(rules, "ip_rule")):
            out.put(at + ("ipRules", i), {}, rule.location)
            out.copy(rule, "action", at + ("ipRules", i, "action"))
            out.copy(rule, "ip_range", at + ("ipRules", i, "value"))
        for i, rule in enumerate(blocks(rules, "virtual_network")):
            out.put(at + ("virtualNetworkRules", i), {}, rule.location)
            out.copy(rule, "action", at + ("virtualNetworkRules", i, "action"))
            out.copy(rule, "subnet_id", at + ("virtualNetworkRules", i, "id"))


def build_cognitive_account(view: BlockView, out: Out) -> None:
    """`network_acls` -> `properties.networkAcls`, with `virtual_network_rules` blocks or older subnet ids."""
    common(view, out)
    props = ("properties",)
    out.copy(view, "kind", ("kind",))
    out.copy(view, "sku_name", ("sku", "name"))
    out.copy(view, "custom_subdomain_name", props + ("customSubDomainName",))
    out.copy(view, "public_network_access_enabled", props + ("publicNetworkAccess",), enabled_disabled)
    acls = view.block("network_acls")
    if acls is None:
        return
    at = props + ("networkAcls",)
    out.mark(at, acls.location)
    out.copy(acls, "default_action", at + ("defaultAction",))
    out.copy(acls, "bypass", at + ("bypass",))
    out.copy(acls, "ip_rules", at + ("ipRules",), lambda v: _rules(v, "value"))
    out.copy(acls, "virtual_network_subnet_ids", at + ("virtualNetworkRules",), lambda v: _rules(v, "id"))
    for i, rule in enumerate(acls.all("virtual_network_rules")):
        out.put(at + ("virtualNetworkRules", i), {}, rule.location)
        out.copy(rule, "subnet_id", at + ("virtualNetworkRules", i, "id"))
        out.copy(rule, "ignore_missing_vnet_service_endpoint",
                 at + ("virtualNetworkRules", i, "ignoreMissingVnetServiceEndpoint"))


def _plain(view: BlockView, out: Out) -> None:
    common(view, out)


MAPPINGS = {
    "azurerm_storage_account": Mapping("Microsoft.Storage/storageAccounts", build_storage),
    "azurerm_key_vault": Mapping("Microsoft.KeyVault/vaults", build_key_vault),
    "azurerm_mssql_server": Mapping("Microsoft.Sql/servers", build_sql_server),
    "azurerm_sql_server": Mapping("Microsoft.Sql/servers", build_sql_server),
    "azurerm_mssql_database": Mapping("Microsoft.Sql/servers/databases", build_sql_database,
                                      parents=("id:server_id",)),
    "azurerm_mssql_virtual_network_rule": Mapping("Microsoft.Sql/servers/virtualNetworkRules",
                                                  build_sql_vnet_rule, parents=("id:server_id",)),
    "azurerm_sql_virtual_network_rule": Mapping("Microsoft.Sql/servers/virtualNetworkRules",
                                                build_sql_vnet_rule, parents=("server_name",)),
    "azurerm_mssql_firewall_rule": Mapping("Microsoft.Sql/servers/firewallRules", build_sql_firewall_rule,
                                           parents=("id:server_id",)),
    "azurerm_sql_firewall_rule": Mapping("Microsoft.Sql/servers/firewallRules", build_sql_firewall_rule,
                                         parents=("server_name",)),
    "azurerm_cosmosdb_account": Mapping("Microsoft.DocumentDB/databaseAccounts", build_cosmos),
    "azurerm_servicebus_namespace": Mapping("Microsoft.ServiceBus/namespaces", build_messaging),
    "azurerm_eventhub_namespace": Mapping("Microsoft.EventHub/namespaces", build_messaging),
    "azurerm_servicebus_namespace_network_rule_set": Mapping(
        "Microsoft.ServiceBus/namespaces/networkRuleSets", build_servicebus_rule_set,
        parents=("id:namespace_id",), name=lambda get: "default"),
    "azurerm_container_registry": Mapping("Microsoft.ContainerRegistry/registries", build_container_registry),
    "azurerm_cognitive_account": Mapping("Microsoft.CognitiveServices/accounts", build_cognitive_account),
    "azurerm_log_analytics_workspace": Mapping("Microsoft.OperationalInsights/workspaces", _plain),
}
