"""azurerm monitoring -> Microsoft.Insights: diagnostic settings, autoscale settings, Application Insights.

Diagnostic settings are extension resources (`Resource.scope` = `target_resource_id`).
All shapes are accepted: v5 `enabled_log{category|category_group}` and
`enabled_metric{category}` (presence = enabled), v3/v4 `metric{category, enabled
= true by default}` and v3 `log{..., enabled = true by default}`, with their
`retention_policy`. Autoscale `enabled` defaults to true in azurerm (FACTS.md).
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import Mapping, Out, common
from linter.frontends.terraform.view import BlockView
from linter.model import Unknown

PROPS = ("properties",)


def _category_entries(view: BlockView, out: Out, blocks: list, at: tuple, start: int, always_on: bool) -> int:
    for i, block in enumerate(blocks, start):
        entry = at + (i,)
        out.put(entry, {}, block.location)
        out.copy(block, "category", entry + ("category",))
        out.copy(block, "category_group", entry + ("categoryGroup",))
        if always_on or "enabled" not in block.attrs:
            out.put(entry + ("enabled",), True, block.location)
        else:
            out.copy(block, "enabled", entry + ("enabled",))
        retention = block.block("retention_policy")
        if retention is not None:
            out.mark(entry + ("retentionPolicy",), retention.location)
            out.copy(retention, "enabled", entry + ("retentionPolicy", "enabled"))
            out.copy(retention, "days", entry + ("retentionPolicy", "days"))
    return start + len(blocks)


def build_diagnostic_setting(view: BlockView, out: Out) -> None:
    out.copy(view, "log_analytics_workspace_id", PROPS + ("workspaceId",))
    out.copy(view, "storage_account_id", PROPS + ("storageAccountId",))
    out.copy(view, "eventhub_authorization_rule_id", PROPS + ("eventHubAuthorizationRuleId",))
    out.copy(view, "eventhub_name", PROPS + ("eventHubName",))
    out.copy(view, "partner_solution_id", PROPS + ("marketplacePartnerId",))
    out.copy(view, "log_analytics_destination_type", PROPS + ("logAnalyticsDestinationType",))
    logs = PROPS + ("logs",)
    n = _category_entries(view, out, view.all("enabled_log"), logs, 0, True)
    _category_entries(view, out, view.all("log"), logs, n, False)
    metrics = PROPS + ("metrics",)
    n = _category_entries(view, out, view.all("enabled_metric"), metrics, 0, True)
    _category_entries(view, out, view.all("metric"), metrics, n, False)
    for kind, path in (("enabled_log", logs), ("log", logs), ("enabled_metric", metrics), ("metric", metrics)):
        if kind in view.unknown_blocks:  # dynamic blocks over an unknown collection
            out.put(path, Unknown(f"dynamic {kind} blocks over an unknown collection"), view.location)


def build_autoscale(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "target_resource_id", PROPS + ("targetResourceUri",))
    if not out.copy(view, "enabled", PROPS + ("enabled",)):
        out.put(PROPS + ("enabled",), True, view.location)
    for i, profile in enumerate(view.all("profile")):
        at = PROPS + ("profiles", i)
        out.put(at, {}, profile.location)
        out.copy(profile, "name", at + ("name",))
        capacity = profile.block("capacity")
        if capacity is not None:
            out.mark(at + ("capacity",), capacity.location)
            for attr in ("default", "minimum", "maximum"):
                out.copy(capacity, attr, at + ("capacity", attr))


def build_app_insights(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "application_type", ("kind",))
    out.copy(view, "application_type", PROPS + ("Application_Type",))
    out.copy(view, "workspace_id", PROPS + ("WorkspaceResourceId",))


MAPPINGS = {
    "azurerm_monitor_diagnostic_setting": Mapping("Microsoft.Insights/diagnosticSettings", build_diagnostic_setting,
                                                  scope="attr:target_resource_id", extension=True),
    "azurerm_monitor_autoscale_setting": Mapping("Microsoft.Insights/autoscalesettings", build_autoscale),
    "azurerm_application_insights": Mapping("Microsoft.Insights/components", build_app_insights),
}
