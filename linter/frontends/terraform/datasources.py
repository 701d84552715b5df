"""The few data-source attributes that are known before apply, as the ARM frontend's placeholders.

Every data-source attribute is read from Azure at plan time, so it is Unknown -
except the tenant id, which rules need to recognise the tenant root management
group (its name is the tenant id). As in the ARM and Bicep frontends, the
tenant id is the placeholder string `{tenantId}`: it is never shown as a value,
it only lets `.../managementGroups/{tenantId}` be recognised as the root.

- `azurerm_client_config`, `azuread_client_config`, `azurerm_subscription`:
  `tenant_id` is the tenant id of the deployment. The current subscription
  (`azurerm_client_config.subscription_id`, an `azurerm_subscription` without
  `subscription_id`) is the `{subscriptionId}` placeholder that resource ids
  already use, so `data.azurerm_subscription.current.id` names a subscription.
- `azurerm_management_group`: the tenant root when its `name` (v3: `group_id`)
  is that tenant id, its `display_name` is the root's default "Tenant Root
  Group", or its label says so (`tenant_root`, `tenant_root_group`...) while its
  `name` is not a literal that could not be a tenant id. Its `id` and `name`
  then name the root. Any other management group written by a literal `name`
  has the id `/providers/Microsoft.Management/managementGroups/<name>`.
"""

from __future__ import annotations

import re

from linter.frontends.terraform.config import Declaration
from linter.frontends.terraform.evaluate import Scope
from linter.frontends.terraform.view import safe_evaluate
from linter.model import is_unknown

TENANT_ID = "{tenantId}"
SUBSCRIPTION_ID = "{subscriptionId}"  # the placeholder of linter.frontends.terraform.ids
GROUP_PREFIX = "/providers/Microsoft.Management/managementGroups/"
ROOT_GROUP_ID = GROUP_PREFIX + TENANT_ID
ROOT_DISPLAY_NAME = "tenant root group"
TENANT_ID_SOURCES = {"azurerm_client_config", "azuread_client_config", "azurerm_subscription"}
# Compiled on first use (re caches them): only management-group data sources need them.
GUID = r"(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ROOT_LABEL = r"(?i)tenant_?root"


def known_attributes(decl: Declaration | None, scope: Scope) -> dict:
    """Attributes of the data source `decl` that are known before apply (usually none)."""
    if decl is None:
        return {}
    attributes = decl.block.body.attributes
    if "count" in attributes or "for_each" in attributes:
        return {}
    if decl.type == "azurerm_subscription":
        return {"tenant_id": TENANT_ID, **_subscription(_written(decl, "subscription_id", scope))}
    if decl.type == "azurerm_client_config":
        return {"tenant_id": TENANT_ID, "subscription_id": SUBSCRIPTION_ID}
    if decl.type in TENANT_ID_SOURCES:
        return {"tenant_id": TENANT_ID}
    if decl.type == "azurerm_management_group":
        if _is_root_group(decl, scope):
            return {"id": ROOT_GROUP_ID, "name": TENANT_ID}
        name = _group_name(decl, scope)
        if isinstance(name, str) and name and "/" not in name:
            return {"id": f"{GROUP_PREFIX}{name}", "name": name}  # the id is made of the name
    return {}


def _subscription(written: object) -> dict:
    """`id` and `subscription_id` of a subscription data source: the current one unless named."""
    if written is None:
        written = SUBSCRIPTION_ID
    if not isinstance(written, str) or not written or "/" in written:
        return {}
    return {"id": f"/subscriptions/{written}", "subscription_id": written}


def _written(decl: Declaration, name: str, scope: Scope) -> object:
    attr = decl.block.body.attributes.get(name)
    return None if attr is None else safe_evaluate(attr.expr, scope)


def _group_name(decl: Declaration, scope: Scope) -> object:
    name = _written(decl, "name", scope)
    return _written(decl, "group_id", scope) if name is None else name


def _is_root_group(decl: Declaration, scope: Scope) -> bool:
    name = _group_name(decl, scope)
    if isinstance(name, str) and name.lower() == TENANT_ID.lower():
        return True
    display = _written(decl, "display_name", scope)
    if isinstance(display, str) and display.strip().lower() == ROOT_DISPLAY_NAME:
        return True
    maybe_tenant = name is None or is_unknown(name) or (isinstance(name, str) and bool(re.match(GUID, name)))
    return bool(re.search(ROOT_LABEL, decl.name)) and maybe_tenant
