"""The governance functions of the rule language (linter/rules/helpers_governance.py), on hand-built models."""

from __future__ import annotations

import pytest

from linter.model import Location, Model, Resource, SourceMap, Unknown, is_unknown
from linter.rules.evaluate import Context
from linter.rules.helpers_governance import (
    effects_in,
    fn_assignment_scope,
    fn_mg_level,
    fn_policy_effects,
    is_tenant_root,
    mg_level,
    missing_labels,
)

MG = "Microsoft.Management/managementGroups"
MG_PREFIX = "/providers/Microsoft.Management/managementGroups/"
DEF_TYPE = "Microsoft.Authorization/policyDefinitions"
SET_TYPE = "Microsoft.Authorization/policySetDefinitions"
ASSIGN_TYPE = "Microsoft.Authorization/policyAssignments"


def resource(rtype, name, properties=None, top=None, **kwargs):
    body = {"properties": properties or {}, **(top or {})}
    return Resource(type=rtype, name=name, body=body, format="arm", source=SourceMap(Location("t.json")),
                    **kwargs)


def group(name, parent=None):
    props = {"details": {"parent": {"id": parent}}} if parent is not None else {}
    return resource(MG, name, props, id=MG_PREFIX + name)


@pytest.mark.parametrize(("value", "expected"), [
    (MG_PREFIX + "{tenantId}", True),
    ("Microsoft.Management/managementGroups/{TENANTID}", True),
    ({"id": MG_PREFIX + "{tenantId}"}, True),
    (MG_PREFIX + "contoso", False),
    ("/subscriptions/{subscriptionId}", False),
    ("/subscriptions/x/resourceGroups/rg", False),
    (MG_PREFIX + "contoso/providers/Microsoft.Authorization/policyAssignments/a", False),
])
def test_is_tenant_root_decides(value, expected):
    assert is_tenant_root(value) is expected


@pytest.mark.parametrize("value", [
    Unknown("x"),
    MG_PREFIX + "{managementGroupName}",  # the group the template is deployed to
    MG_PREFIX + "72f988bf-86f1-41af-91ab-2d7cd011db47",  # a literal GUID may be the tenant id
])
def test_is_tenant_root_undecided(value):
    assert is_unknown(is_tenant_root(value))


def test_levels_follow_declared_parents():
    top = group("top")  # no parent: the root's child
    mid = group("mid", MG_PREFIX + "top")
    low = group("low", MG_PREFIX + "mid")
    model = Model([top, mid, low])
    assert [mg_level(g, model).exact for g in (top, mid, low)] == [2, 3, 4]


def test_level_under_an_outside_group_is_a_lower_bound():
    child = group("child", MG_PREFIX + "elsewhere")
    grandchild = group("grandchild", MG_PREFIX + "child")
    model = Model([child, grandchild])
    level = mg_level(grandchild, model)
    assert (level.exact, level.minimum) == (None, 4)
    assert fn_mg_level(Context(grandchild, model, {})).value == "level 4 or deeper"


def test_level_under_the_root_placeholder_and_unknown_parent():
    named_root = group("a", MG_PREFIX + "{tenantId}")
    unknown = resource(MG, "b", {"details": {"parent": {"id": Unknown("param")}}})
    model = Model([named_root, unknown])
    assert mg_level(named_root, model).exact == 2
    assert (mg_level(unknown, model).exact, mg_level(unknown, model).minimum) == (None, 2)


def test_legacy_parent_id_at_the_top_level():
    top = group("top")
    legacy = resource(MG, "legacy", top={"parentId": MG_PREFIX + "top"}, id=MG_PREFIX + "legacy")
    assert mg_level(legacy, Model([top, legacy])).exact == 3


def test_a_cycle_has_no_level():
    a = group("a", MG_PREFIX + "b")
    b = group("b", MG_PREFIX + "a")
    level = mg_level(a, Model([a, b]))
    assert level.exact is None and level.minimum == 2


def effects(assignment, *others):
    model = Model([assignment, *others])
    return fn_policy_effects(Context(assignment, model, {}))


def test_effect_of_an_outside_definition_is_its_effect_parameter():
    a = resource(ASSIGN_TYPE, "a", {"policyDefinitionId": "/providers/" + DEF_TYPE + "/x",
                                     "parameters": {"Effect": {"value": "Deny"}}})
    found = effects(a)
    assert found.value == ["Deny"]
    assert found.items[0].path == ("properties", "parameters", "Effect", "value")


def test_effect_of_an_outside_definition_without_parameter_is_unknown():
    a = resource(ASSIGN_TYPE, "a", {"policyDefinitionId": "/providers/" + DEF_TYPE + "/x"})
    assert is_unknown(effects(a).value[0])


def test_override_without_selectors_replaces_the_effect():
    a = resource(ASSIGN_TYPE, "a", {"policyDefinitionId": "/providers/" + DEF_TYPE + "/x",
                                     "parameters": {"effect": {"value": "Audit"}},
                                     "overrides": [{"kind": "policyEffect", "value": "Deny"}]})
    assert effects(a).value == ["Deny"]


def test_override_with_selectors_adds_to_the_effect():
    a = resource(ASSIGN_TYPE, "a", {"policyDefinitionId": "/providers/" + DEF_TYPE + "/x",
                                     "parameters": {"effect": {"value": "Audit"}},
                                     "overrides": [{"kind": "policyEffect", "value": "Deny",
                                                    "selectors": [{"kind": "resourceLocation", "in": ["eu"]}]}]})
    assert effects(a).value == ["Deny", "Audit"]


def definition(name, effect, parameters=None):
    return resource(DEF_TYPE, name, {"policyRule": {"then": {"effect": effect}}, "parameters": parameters or {}},
                    id="/providers/" + DEF_TYPE + "/" + name)


def test_declared_definition_literal_and_default():
    literal = definition("lit", "Modify")
    param = definition("par", "[parameters('mode')]", {"mode": {"defaultValue": "DeployIfNotExists"}})
    a1 = resource(ASSIGN_TYPE, "a1", {"policyDefinitionId": literal.id})
    a2 = resource(ASSIGN_TYPE, "a2", {"policyDefinitionId": param.id})
    a3 = resource(ASSIGN_TYPE, "a3", {"policyDefinitionId": param.id, "parameters": {"mode": {"value": "Audit"}}})
    assert effects(a1, literal).value == ["Modify"]
    assert effects(a2, param).value == ["DeployIfNotExists"]
    assert effects(a3, param).value == ["Audit"]


def test_escaped_and_computed_effects():
    escaped = definition("esc", "[[parameters('effect')]", {"effect": {"defaultValue": "Deny"}})
    computed = definition("cmp", "[if(true(), 'Deny', 'Audit')]")
    assert effects(resource(ASSIGN_TYPE, "a", {"policyDefinitionId": escaped.id}), escaped).value == ["Deny"]
    found = effects(resource(ASSIGN_TYPE, "b", {"policyDefinitionId": computed.id}), computed)
    assert is_unknown(found.value[0])


def test_initiative_passes_parameters_to_members():
    member = definition("m", "[parameters('effect')]", {"effect": {"defaultValue": "Audit"}})
    initiative = resource(SET_TYPE, "s", {
        "parameters": {"denyOrAudit": {"defaultValue": "Audit"}},
        "policyDefinitions": [
            {"policyDefinitionId": member.id, "parameters": {"effect": {"value": "[parameters('denyOrAudit')]"}}},
            {"policyDefinitionId": "/providers/" + DEF_TYPE + "/builtin",
             "parameters": {"effect": {"value": "Modify"}}},
        ]}, id="/providers/" + SET_TYPE + "/s")
    a = resource(ASSIGN_TYPE, "a", {"policyDefinitionId": initiative.id,
                                     "parameters": {"denyOrAudit": {"value": "Deny"}}})
    found = effects(a, member, initiative)
    assert found.value == ["Deny", "Modify"]
    assert found.items[0].path == ("properties", "parameters", "denyOrAudit", "value")


def test_assignment_scope_prefers_the_extension_scope():
    scoped = resource(ASSIGN_TYPE, "a", scope=MG_PREFIX + "{tenantId}", id="/providers/" + ASSIGN_TYPE + "/a")
    by_id = resource(ASSIGN_TYPE, "b", id=MG_PREFIX + "corp/providers/" + ASSIGN_TYPE + "/b")
    unknown = resource(ASSIGN_TYPE, "c", scope=Unknown("x"))
    model = Model([scoped, by_id, unknown])
    assert fn_assignment_scope(Context(scoped, model, {})).value == MG_PREFIX + "{tenantId}"
    assert fn_assignment_scope(Context(by_id, model, {})).value == MG_PREFIX + "corp"
    assert is_unknown(fn_assignment_scope(Context(unknown, model, {})).value)


def test_missing_labels():
    assert missing_labels(None, "description", "x", "category") == "description"
    assert missing_labels("", "description", {}, "category") == "description and category"
    assert missing_labels("d", "description", "c", "category") == ""
    assert is_unknown(missing_labels(Unknown("p"), "description", "c", "category"))
    assert missing_labels(Unknown("p"), "description", None, "category") == "category"


def test_effects_in():
    wanted = ["deny", "modify"]
    assert effects_in(["Deny", "Audit", "Deny"], wanted) == ["Deny"]
    assert effects_in(["Audit"], wanted) == []
    assert is_unknown(effects_in([Unknown("e"), "Audit"], wanted))
    assert effects_in([Unknown("e"), "Modify"], wanted) == ["Modify"]


TERRAFORM_SCOPES = '''
data "azurerm_client_config" "current" {}
data "azurerm_subscription" "current" {}
data "azurerm_management_group" "by_display_name" { display_name = "Tenant Root Group" }
data "azurerm_management_group" "tenant_root" { name = var.root_id }
data "azurerm_management_group" "root" { name = "contoso" }
data "azurerm_management_group" "by_guid" { name = "11111111-2222-3333-4444-555555555555" }
variable "root_id" { type = string }

resource "azurerm_management_group_policy_assignment" "client_config" {
  name                 = "client-config"
  management_group_id  = "/providers/Microsoft.Management/managementGroups/${data.azurerm_client_config.current.tenant_id}"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
resource "azurerm_management_group_policy_assignment" "by_display_name" {
  name                 = "by-display-name"
  management_group_id  = data.azurerm_management_group.by_display_name.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
resource "azurerm_management_group_policy_assignment" "by_label" {
  name                 = "by-label"
  management_group_id  = data.azurerm_management_group.tenant_root.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
resource "azurerm_management_group_policy_assignment" "intermediate" {
  name                 = "intermediate"
  management_group_id  = data.azurerm_management_group.root.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
resource "azurerm_management_group_policy_assignment" "by_guid" {
  name                 = "by-guid"
  management_group_id  = data.azurerm_management_group.by_guid.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
resource "azurerm_subscription_policy_assignment" "subscription" {
  name                 = "subscription"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/x"
}
'''


def test_terraform_data_sources_name_the_tenant_root(tmp_path):
    from linter.frontends.terraform import load_terraform

    (tmp_path / "main.tf").write_text(TERRAFORM_SCOPES, encoding="utf-8")
    unit = load_terraform(str(tmp_path), [str(tmp_path / "main.tf")])
    assert not unit.errors
    root = {r.name: is_tenant_root(r.scope) for r in unit.resources}
    assert root["client-config"] is True
    assert root["by-display-name"] is True
    assert root["by-label"] is True
    assert root["intermediate"] is False
    assert is_unknown(root["by-guid"])
    assert root["subscription"] is False
