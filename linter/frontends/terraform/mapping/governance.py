"""azurerm governance -> ARM: policy definitions, initiatives and assignments at every scope,
management groups, role assignments, blueprint assignments.

Assignments are extension resources of their scope (`management_group_id`,
`subscription_id`, `resource_group_id`, `resource_id`, or legacy `scope`).
`enforce` (default true) becomes `enforcementMode` Default/DoNotEnforce, the
default written at the resource block. azurerm writes `metadata`,
`parameters` and `policy_rule` as JSON strings: they are decoded here.
"""

from __future__ import annotations

import json

from linter.frontends.terraform.mapping.base import Mapping, Out
from linter.frontends.terraform.view import BlockView
from linter.model import Unknown

PROPS = ("properties",)


def _json(value: object) -> object:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return Unknown("not valid JSON")
    return value


def _definition_common(view: BlockView, out: Out) -> None:
    out.copy(view, "policy_type", PROPS + ("policyType",))
    out.copy(view, "display_name", PROPS + ("displayName",))
    out.copy(view, "description", PROPS + ("description",))
    out.copy(view, "metadata", PROPS + ("metadata",), _json)
    out.copy(view, "parameters", PROPS + ("parameters",), _json)


def build_policy_definition(view: BlockView, out: Out) -> None:
    _definition_common(view, out)
    out.copy(view, "mode", PROPS + ("mode",))
    out.copy(view, "policy_rule", PROPS + ("policyRule",), _json)


def build_policy_set(view: BlockView, out: Out) -> None:
    _definition_common(view, out)
    for i, ref in enumerate(view.all("policy_definition_reference")):
        at = PROPS + ("policyDefinitions", i)
        out.put(at, {}, ref.location)
        out.copy(ref, "policy_definition_id", at + ("policyDefinitionId",))
        out.copy(ref, "parameter_values", at + ("parameters",), _json)
        out.copy(ref, "reference_id", at + ("policyDefinitionReferenceId",))
        out.copy(ref, "policy_group_names", at + ("groupNames",))
    for i, group in enumerate(view.all("policy_definition_group")):
        at = PROPS + ("policyDefinitionGroups", i)
        out.put(at, {}, group.location)
        for attr, arm in (("name", "name"), ("category", "category"), ("display_name", "displayName"),
                          ("description", "description")):
            out.copy(group, attr, at + (arm,))


def build_assignment(view: BlockView, out: Out) -> None:
    out.copy(view, "location", ("location",))
    out.copy(view, "policy_definition_id", PROPS + ("policyDefinitionId",))
    out.copy(view, "display_name", PROPS + ("displayName",))
    out.copy(view, "description", PROPS + ("description",))
    out.copy(view, "parameters", PROPS + ("parameters",), _json)
    out.copy(view, "metadata", PROPS + ("metadata",), _json)
    out.copy(view, "not_scopes", PROPS + ("notScopes",))
    mode = lambda enforce: "Default" if enforce else "DoNotEnforce"  # noqa: E731
    if not out.copy(view, "enforce", PROPS + ("enforcementMode",), mode):
        out.put(PROPS + ("enforcementMode",), "Default", view.location)
    identity = view.block("identity")
    if identity is not None:
        out.copy(identity, "type", ("identity", "type"))


def build_management_group(view: BlockView, out: Out) -> None:
    out.copy(view, "display_name", PROPS + ("displayName",))
    out.copy(view, "parent_management_group_id", PROPS + ("details", "parent", "id"))


def build_role_assignment(view: BlockView, out: Out) -> None:
    out.copy(view, "role_definition_id", PROPS + ("roleDefinitionId",))
    out.copy(view, "role_definition_name", PROPS + ("roleDefinitionName",))
    out.copy(view, "principal_id", PROPS + ("principalId",))
    out.copy(view, "principal_type", PROPS + ("principalType",))
    out.copy(view, "condition", PROPS + ("condition",))


def build_blueprint_assignment(view: BlockView, out: Out) -> None:
    out.copy(view, "location", ("location",))
    out.copy(view, "version_id", PROPS + ("blueprintId",))
    out.copy(view, "lock_mode", PROPS + ("locks", "mode"))
    out.copy(view, "parameter_values", PROPS + ("parameters",), _json)
    identity = view.block("identity")  # required by ARM for a blueprint assignment
    if identity is not None:
        out.copy(identity, "type", ("identity", "type"))


DEFINITION_SCOPE = "attr:management_group_id|subscription"

MAPPINGS = {
    "azurerm_policy_definition": Mapping("Microsoft.Authorization/policyDefinitions", build_policy_definition,
                                         scope=DEFINITION_SCOPE),
    "azurerm_policy_set_definition": Mapping("Microsoft.Authorization/policySetDefinitions", build_policy_set,
                                             scope=DEFINITION_SCOPE),
    "azurerm_management_group_policy_set_definition": Mapping(
        "Microsoft.Authorization/policySetDefinitions", build_policy_set, scope=DEFINITION_SCOPE),
    "azurerm_management_group": Mapping("Microsoft.Management/managementGroups", build_management_group,
                                        scope="tenant"),
    "azurerm_role_assignment": Mapping("Microsoft.Authorization/roleAssignments", build_role_assignment,
                                       scope="attr:scope", extension=True),
    "azurerm_blueprint_assignment": Mapping("Microsoft.Blueprint/blueprintAssignments", build_blueprint_assignment,
                                            scope="attr:target_subscription_id", extension=True),
}

for _tf_type, _attr in (
    ("azurerm_management_group_policy_assignment", "management_group_id"),
    ("azurerm_subscription_policy_assignment", "subscription_id"),
    ("azurerm_resource_group_policy_assignment", "resource_group_id"),
    ("azurerm_resource_policy_assignment", "resource_id"),
    ("azurerm_policy_assignment", "scope"),
):
    MAPPINGS[_tf_type] = Mapping("Microsoft.Authorization/policyAssignments", build_assignment,
                                 scope=f"attr:{_attr}", extension=True)
