"""azurerm Defender for Cloud -> Microsoft.Security (subscription scope) and azuread Conditional Access.

`azurerm_security_center_subscription_pricing` is named by `resource_type`
(default `VirtualMachines`); `azurerm_security_center_contact` keeps the
2017-08-01-preview shape (`alertNotifications`/`alertsToAdmins` On/Off);
`azurerm_security_center_setting` is named by `setting_name` with its kind
derived (MCAS/WDATP* -> DataExportSettings, Sentinel -> AlertSyncSettings).

`azuread_conditional_access_policy` is a Microsoft Graph object, not an ARM
resource: it is modelled as the made-up type `Microsoft.Graph/conditionalAccessPolicies`
(tenant scope, named by `display_name`) with the Graph property names
`state`, `displayName`, `grantControls.{operator, builtInControls, authenticationStrength.id}`.
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import Mapping, Out, on_off
from linter.frontends.terraform.view import BlockView

PROPS = ("properties",)


def build_pricing(view: BlockView, out: Out) -> None:
    out.copy(view, "tier", PROPS + ("pricingTier",))
    out.copy(view, "subplan", PROPS + ("subPlan",))


def _pricing_name(get) -> object:
    value = get("resource_type")
    return "VirtualMachines" if value is None else value


def build_contact(view: BlockView, out: Out) -> None:
    out.copy(view, "email", PROPS + ("email",))
    out.copy(view, "phone", PROPS + ("phone",))
    out.copy(view, "alert_notifications", PROPS + ("alertNotifications",), on_off)
    out.copy(view, "alerts_to_admins", PROPS + ("alertsToAdmins",), on_off)


def _contact_name(get) -> object:
    value = get("name")
    return "default1" if value is None else value


def _setting_kind(name: object) -> object:
    if not isinstance(name, str):
        return name
    if name.upper().startswith(("MCAS", "WDATP")):
        return "DataExportSettings"
    return "AlertSyncSettings" if name.lower() == "sentinel" else None


def build_setting(view: BlockView, out: Out) -> None:
    out.copy(view, "setting_name", ("kind",), _setting_kind)
    out.copy(view, "enabled", PROPS + ("enabled",))


def build_auto_provisioning(view: BlockView, out: Out) -> None:
    out.copy(view, "auto_provision", PROPS + ("autoProvision",))


def build_workspace(view: BlockView, out: Out) -> None:
    out.copy(view, "workspace_id", PROPS + ("workspaceId",))
    out.copy(view, "scope", PROPS + ("scope",))


def build_conditional_access(view: BlockView, out: Out) -> None:
    out.copy(view, "display_name", PROPS + ("displayName",))
    out.copy(view, "state", PROPS + ("state",))
    grant = view.block("grant_controls")
    if grant is None:
        return
    at = PROPS + ("grantControls",)
    out.mark(at, grant.location)
    out.copy(grant, "operator", at + ("operator",))
    out.copy(grant, "built_in_controls", at + ("builtInControls",))
    out.copy(grant, "authentication_strength_policy_id", at + ("authenticationStrength", "id"))
    out.copy(grant, "terms_of_use", at + ("termsOfUse",))


MAPPINGS = {
    "azurerm_security_center_subscription_pricing": Mapping(
        "Microsoft.Security/pricings", build_pricing, scope="subscription", name=_pricing_name),
    "azurerm_security_center_contact": Mapping(
        "Microsoft.Security/securityContacts", build_contact, scope="subscription", name=_contact_name),
    "azurerm_security_center_setting": Mapping(
        "Microsoft.Security/settings", build_setting, scope="subscription", name=lambda get: get("setting_name")),
    "azurerm_security_center_auto_provisioning": Mapping(
        "Microsoft.Security/autoProvisioningSettings", build_auto_provisioning, scope="subscription",
        name=lambda get: "default"),
    "azurerm_security_center_workspace": Mapping(
        "Microsoft.Security/workspaceSettings", build_workspace, scope="subscription", name=lambda get: "default"),
    "azuread_conditional_access_policy": Mapping(
        "Microsoft.Graph/conditionalAccessPolicies", build_conditional_access, scope="tenant",
        name=lambda get: get("display_name")),
}
