"""azurerm App Service -> Microsoft.Web: plans (serverfarms) and web/function apps (sites).

Plans: `azurerm_service_plan.worker_count` has no default and is written as
`sku.capacity` only when set (FACTS.md, AZ802); legacy `azurerm_app_service_plan`
(v3/v4) has a `sku {tier, size, capacity}` block. Apps: `app_settings` become
`properties.siteConfig.appSettings[]`, and the function apps' `site_config`
Application Insights attributes become the app settings the provider writes
(`APPLICATIONINSIGHTS_CONNECTION_STRING`, `APPINSIGHTS_INSTRUMENTATIONKEY`).
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import Mapping, Out, common, enabled_disabled
from linter.frontends.terraform.view import BlockView

SETTINGS = ("properties", "siteConfig", "appSettings")
INSIGHTS_SETTINGS = (
    ("application_insights_connection_string", "APPLICATIONINSIGHTS_CONNECTION_STRING"),
    ("application_insights_key", "APPINSIGHTS_INSTRUMENTATIONKEY"),
)


def build_service_plan(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "sku_name", ("sku", "name"))
    out.copy(view, "worker_count", ("sku", "capacity"))
    out.copy(view, "os_type", ("properties", "reserved"), lambda v: v == "Linux")
    out.copy(view, "maximum_elastic_worker_count", ("properties", "maximumElasticWorkerCount"))
    out.copy(view, "per_site_scaling_enabled", ("properties", "perSiteScaling"))
    out.copy(view, "zone_balancing_enabled", ("properties", "zoneRedundant"))
    out.copy(view, "premium_plan_auto_scale_enabled", ("properties", "elasticScaleEnabled"))


def build_app_service_plan(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "kind", ("kind",))
    sku = view.block("sku")
    if sku is not None:
        out.mark(("sku",), sku.location)
        out.copy(sku, "tier", ("sku", "tier"))
        out.copy(sku, "size", ("sku", "name"))
        out.copy(sku, "capacity", ("sku", "capacity"))
    out.copy(view, "reserved", ("properties", "reserved"))
    out.copy(view, "maximum_elastic_worker_count", ("properties", "maximumElasticWorkerCount"))
    out.copy(view, "per_site_scaling", ("properties", "perSiteScaling"))
    out.copy(view, "zone_redundant", ("properties", "zoneRedundant"))


def _site(kind: str):
    def build(view: BlockView, out: Out) -> None:
        common(view, out)
        out.put(("kind",), kind, None)
        out.copy_first(view, ("service_plan_id", "app_service_plan_id"), ("properties", "serverFarmId"))
        out.copy(view, "https_only", ("properties", "httpsOnly"))
        out.copy(view, "public_network_access_enabled", ("properties", "publicNetworkAccess"), enabled_disabled)
        out.copy(view, "virtual_network_subnet_id", ("properties", "virtualNetworkSubnetId"))
        settings = view.get("app_settings")
        index = 0
        if settings is not None:
            out.mark(SETTINGS, view.loc("app_settings"))  # findings about the settings point here
        if isinstance(settings, dict):
            for name, value in settings.items():
                out.put(SETTINGS + (index,), {"name": name, "value": value}, view.loc("app_settings"))
                index += 1
        elif settings is not None:
            out.put(SETTINGS, settings, view.loc("app_settings"))
        config = view.block("site_config")
        if config is None:
            return
        out.mark(("properties", "siteConfig"), config.location)
        out.copy(config, "minimum_tls_version", ("properties", "siteConfig", "minTlsVersion"))
        out.copy(config, "ftps_state", ("properties", "siteConfig", "ftpsState"))
        out.copy(config, "always_on", ("properties", "siteConfig", "alwaysOn"))
        if isinstance(settings, dict) or settings is None:
            for attr, setting in INSIGHTS_SETTINGS:
                if config.get(attr) is not None:
                    out.put(SETTINGS + (index,), {"name": setting, "value": config.get(attr)}, config.loc(attr))
                    index += 1
    return build


MAPPINGS = {
    "azurerm_service_plan": Mapping("Microsoft.Web/serverfarms", build_service_plan),
    "azurerm_app_service_plan": Mapping("Microsoft.Web/serverfarms", build_app_service_plan),
    "azurerm_linux_web_app": Mapping("Microsoft.Web/sites", _site("app,linux")),
    "azurerm_windows_web_app": Mapping("Microsoft.Web/sites", _site("app")),
    "azurerm_app_service": Mapping("Microsoft.Web/sites", _site("app")),
    "azurerm_linux_function_app": Mapping("Microsoft.Web/sites", _site("functionapp,linux")),
    "azurerm_windows_function_app": Mapping("Microsoft.Web/sites", _site("functionapp")),
    "azurerm_function_app": Mapping("Microsoft.Web/sites", _site("functionapp")),
    "azurerm_function_app_flex_consumption": Mapping("Microsoft.Web/sites", _site("functionapp,linux")),
}
