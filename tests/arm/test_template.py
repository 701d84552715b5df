"""load_arm on hand-written templates: the normalized model, as snapshots and as explicit checks."""

from __future__ import annotations

import json

import pytest

from linter.frontends.arm.evaluation import MAX_COPY
from linter.frontends.arm.template import load_arm
from linter.model import Model, Unknown

from .render import FIXTURES, fixture, render_unit

RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
SNAPSHOT_FIXTURES = sorted(
    p.name
    for p in FIXTURES.glob("*.json")
    if not p.name.endswith(".parameters.json") and p.name != "copy_cap.json"
)


def load(name: str, parameters: str | None = None):
    return load_arm(fixture(name), fixture(parameters) if parameters else None)


def by_name(unit, name):
    found = [r for r in unit.resources if r.name == name]
    assert len(found) == 1, [r.name for r in unit.resources]
    return found[0]


@pytest.mark.parametrize("name", SNAPSHOT_FIXTURES)
def test_snapshot(name, snapshot):
    parameters = name.replace(".json", ".parameters.json")
    unit = load(name, parameters if (FIXTURES / parameters).exists() else None)
    assert render_unit(unit) == snapshot


def test_unit_shape():
    unit = load("basic.json")
    assert unit.format == "arm"
    assert unit.files == [fixture("basic.json")]
    assert all(r.format == "arm" for r in unit.resources)


def test_parameters_defaults_and_variables():
    unit = load("basic.json")
    nsg = by_name(unit, "demo-nsg")
    assert nsg.api_version == "2023-04-01"
    assert nsg.body["tags"] == {"note": "[not an expression]"}  # the "[[" escape
    rule = nsg.properties["securityRules"][0]["properties"]
    assert isinstance(rule["sourceAddressPrefix"], Unknown)  # no default, no parameter file
    assert isinstance(nsg.body["location"], Unknown)  # resourceGroup().location


def test_children_nested_and_top_level():
    unit = load("basic.json")
    nested = by_name(unit, "demo-vnet/app")
    assert nested.type == "Microsoft.Network/virtualNetworks/subnets"
    assert nested.id == f"{RG}/providers/Microsoft.Network/virtualNetworks/demo-vnet/subnets/app"
    assert nested.symbol == "resources[1].resources[0]"
    top = by_name(unit, "demo-vnet/data")
    assert top.type == "Microsoft.Network/virtualNetworks/subnets"
    assert top.symbol == "resources[2]"


def test_reference_by_resource_id_links_to_declared_resource():
    unit = load("basic.json")
    model = Model(unit.resources)
    subnet = by_name(unit, "demo-vnet/app")
    assert model.resolve(subnet.properties["networkSecurityGroup"]) is by_name(unit, "demo-nsg")


def test_conditions():
    unit = load("basic.json")
    names = [r.name for r in unit.resources]
    assert "demost" not in names  # condition false: not emitted
    logs = by_name(unit, "demo-logs")
    assert isinstance(logs.condition, Unknown)  # condition on a parameter without a value
    assert by_name(unit, "demo-nsg").condition is True


def test_parameter_file_values_and_keyvault_references():
    unit = load("params.json", "params.parameters.json")
    assert unit.files[-1].endswith("params.parameters.json")
    props = by_name(unit, "paramsst").properties
    assert props["allowBlobPublicAccess"] is False  # file value beats the default
    assert isinstance(props["secret"], Unknown)  # Key Vault reference
    assert isinstance(props["workspace"], Unknown)  # no value anywhere
    assert props["fromFile"] == "[not evaluated in a parameter file]"
    notes = [e for e in unit.errors if "notDeclared" in e.message]
    assert notes and notes[0].kind == "note" and notes[0].line is not None


def test_parameter_file_errors_are_input_errors(tmp_path):
    bad = tmp_path / "bad.parameters.json"
    bad.write_text('{"parameters": {"sku": 3}}')
    unit = load_arm(fixture("params.json"), str(bad))
    assert any("sku" in e.message and e.line == 1 for e in unit.errors)
    broken = tmp_path / "broken.parameters.json"
    broken.write_text('{"parameters": ')
    unit = load_arm(fixture("params.json"), str(broken))
    assert any(e.message.startswith("invalid JSON") for e in unit.errors)
    assert len(unit.resources) == 1


def test_symbolic_names_existing_and_reference():
    unit = load("symbolic.json")
    model = Model(unit.resources)
    vnet = model.by_symbol("vnet")
    assert vnet is not None and vnet.name == "hub"
    assert vnet.body["tags"] == {"owner": None}  # nullable parameter without a value
    subnet = model.by_symbol("subnet")
    assert subnet.properties["copiedDdos"] is False  # reference('vnet').enableDdosProtection
    assert isinstance(subnet.properties["runtimeOnly"], Unknown)  # not declared: runtime state
    kv = model.by_symbol("kv")
    assert kv.existing is True
    assert (
        kv.id
        == "/subscriptions/0000-1111/resourceGroups/shared-rg/providers/Microsoft.KeyVault/vaults/shared-kv"
    )
    assert "subscriptionId" not in kv.body
    pip = model.by_symbol("pip")
    assert pip.body["location"] == "westeurope"  # reference(..., 'full').location
    assert pip.properties["fromId"] == {"addressPrefixes": ["10.1.0.0/16"]}
    assert type(pip.properties["fromId"]) is dict  # plain values in the model


def test_module_outputs_and_symbols_inside_a_nested_template():
    unit = load("symbolic.json")
    model = Model(unit.resources)
    assert model.by_symbol("mod/nic").name == "nic1"  # unit-wide symbol; reference('nic') inside
    consumer = model.by_symbol("consumer")
    assert consumer.properties["fromModule"] == "ipconfig1"
    assert isinstance(consumer.properties["address"], Unknown)  # declared "": assigned by Azure


def test_resource_and_property_copy():
    unit = load("copy.json")
    nsgs = [r for r in unit.resources if r.type == "Microsoft.Network/networkSecurityGroups"]
    assert [r.name for r in nsgs] == ["nsg-1", "nsg-2"]
    assert all(r.symbol == "resources[0]" for r in nsgs)
    rules = nsgs[1].properties["securityRules"]
    assert [r["name"] for r in rules] == ["allow-22", "allow-443"]
    assert [r["properties"]["priority"] for r in rules] == [100, 101]
    assert rules[0]["properties"]["loop"] == 1  # copyIndex() is the resource loop
    assert nsgs[0].properties["subnets"] == ["sn1", "sn2", "sn3"]  # variables.copy with offset
    assert nsgs[0].properties["disks"] == {"dataDisks": [{"lun": 0}, {"lun": 1}]}  # copy inside a variable


def test_unknown_copy_count_gives_one_instance_with_unknown_index():
    unit = load("copy.json")
    vms = [r for r in unit.resources if r.type == "Microsoft.Compute/virtualMachines"]
    assert len(vms) == 1
    assert isinstance(vms[0].name, Unknown)
    assert isinstance(vms[0].properties["index"], Unknown)
    assert isinstance(vms[0].properties["dataDisks"], Unknown)  # a property loop of unknown length


def test_zero_copy_and_condition_per_iteration():
    unit = load("copy.json")
    assert not [r for r in unit.resources if r.type == "Microsoft.Network/publicIPAddresses"]
    assert [r.name for r in unit.resources if r.type == "Microsoft.Network/routeTables"] == ["rt1"]


def test_copy_count_is_capped():
    unit = load("copy_cap.json")
    assert len(unit.resources) == MAX_COPY
    assert [e.message for e in unit.errors] == [f"copy count 5000 capped to {MAX_COPY}"]
    assert unit.errors[0].kind == "note"


def test_variable_cycle_is_an_input_error_naming_the_variables():
    unit = load("cycle.json")
    props = unit.resources[0].properties
    assert isinstance(props["a"], Unknown) and isinstance(props["b"], Unknown)
    assert props["c"] == "ok"
    cycles = [e for e in unit.errors if "cycle" in e.message]
    assert len(cycles) == 1
    assert "first" in cycles[0].message and "second" in cycles[0].message
    assert cycles[0].kind == "error" and cycles[0].line == 5


def test_extension_resources():
    unit = load("extension.json")
    vault_id = f"{RG}/providers/Microsoft.KeyVault/vaults/kv1"
    nested = by_name(unit, "nested")
    assert nested.type == "Microsoft.Insights/diagnosticSettings"
    assert nested.scope == vault_id
    assert nested.id == f"{vault_id}/providers/Microsoft.Insights/diagnosticSettings/nested"
    legacy = by_name(unit, "legacy")
    assert legacy.type == "Microsoft.Insights/diagnosticSettings"
    assert legacy.scope == f"{RG}/providers/Microsoft.Network/networkSecurityGroups/nsg1"
    assert by_name(unit, "modern").scope == vault_id
    assert by_name(unit, "relative").scope == vault_id
    unknown = by_name(unit, "unknown-target")
    assert isinstance(unknown.scope, Unknown) and isinstance(unknown.id, Unknown)
    model = Model(unit.resources)
    referrers = {r.name for r, _ in model.referrers(by_name(unit, "kv1"))}
    assert {"nested", "modern", "relative"} <= referrers


def test_user_functions_and_definitions():
    unit = load("functions.json")
    nsg = unit.resources[0]
    assert nsg.name == "web-nsg"
    assert nsg.properties["securityRules"][0]["properties"]["destinationPortRange"] == "3389"
    assert unit.errors == []


def test_nested_inner_deployment():
    unit = load("nested.json")
    nsg = by_name(unit, "nest-nsg")
    rule = nsg.properties["securityRules"][0]
    assert rule["name"] == "allow-3389"  # null passed in: the default applies
    assert rule["properties"]["note"] == "inner-only"  # inner scope: its own parameter, not the outer one
    assert nsg.symbol == "resources[0]/resources[0]"
    deployment = by_name(unit, "netModule")
    assert "template" not in deployment.properties
    vnet = by_name(unit, "nest-vnet")
    nsg_ref = vnet.properties["subnets"][0]["properties"]["networkSecurityGroup"]
    assert Model(unit.resources).resolve(nsg_ref) is nsg  # through the deployment's outputs


def test_nested_outer_deployment_in_another_resource_group():
    unit = load("nested.json")
    st = by_name(unit, "nestouterst")  # outer scope: the parent's 'prefix' parameter
    assert (
        st.id
        == "/subscriptions/{subscriptionId}/resourceGroups/other-rg/providers/Microsoft.Storage/storageAccounts/nestouterst"
    )


def test_nested_deployment_copy_and_linked_templates():
    unit = load("nested.json")
    assert by_name(unit, "pip0").symbol == "resources[3][0]/resources[0]"
    assert by_name(unit, "pip1").symbol == "resources[3][1]/resources[0]"
    notes = [e for e in unit.errors if "linked template" in e.message]
    assert [n.kind for n in notes] == ["note", "note"]
    assert all(n.line is not None for n in notes)


def test_nested_resources_inherit_the_deployment_condition():
    unit = load("nested.json")
    pip = by_name(unit, "maybe-pip")
    assert isinstance(pip.condition, Unknown)
    # an error inside something that may not be deployed is only a note
    inside = [e for e in unit.errors if "undeclaredInside" in e.message]
    assert inside and inside[0].kind == "note"


def test_deployment_scopes():
    unit = load("subscription.json")
    assert (
        by_name(unit, "app-rg").id
        == "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/resourceGroups/app-rg"
    )
    nsg = by_name(unit, "rg-nsg")
    expected = "/subscriptions/{subscriptionId}/resourceGroups/app-rg/providers/Microsoft.Network/networkSecurityGroups/rg-nsg"
    assert nsg.id == expected
    assert nsg.properties["selfId"] == expected  # resourceId() in the nested template agrees
    unit = load("management_group.json")
    assert by_name(unit, "platform").id == "/providers/Microsoft.Management/managementGroups/platform"
    assert by_name(unit, "platform").scope is None
    assert by_name(unit, "deny-public-ip").id.startswith(
        "/providers/Microsoft.Management/managementGroups/{managementGroupName}/providers/"
    )
    child = by_name(unit, "child-assignment")  # a deployment scoped to another management group
    group = "/providers/Microsoft.Management/managementGroups/platform"
    assert child.id == f"{group}/providers/Microsoft.Authorization/policyAssignments/child-assignment"
    assert child.properties["scopeSeen"] == group
    assert by_name(unit, "childGroup").scope is None  # a deployment's scope is not an extension target


def test_malformed_shapes_are_input_errors():
    unit = load("malformed.json")
    messages = {e.message: e for e in unit.errors}
    assert messages["a resource must be an object"].line == 5
    assert messages["resource without a type"].line == 6
    syntax = [e for e in unit.errors if "concat('a', ]" in e.message]
    assert syntax and syntax[0].kind == "error" and syntax[0].line == 12
    unknown_function = [e for e in unit.errors if "notARealFunction" in e.message]
    assert unknown_function and unknown_function[0].kind == "note"
    props = by_name(unit, "syntax").properties
    assert isinstance(props["broken"], Unknown) and props["fine"] == "still here"
    unit = load("not_a_list.json")
    assert unit.resources == [] and unit.errors[0].line == 4


@pytest.mark.parametrize(
    "text",
    ["", "[]", "{", '{"resources": [{"type": 1}]}', '{"resources": {"a": null}}', '"just a string"'],
)
def test_bad_input_never_raises(tmp_path, text):
    path = tmp_path / "t.json"
    path.write_text(text)
    unit = load_arm(str(path))
    assert unit.errors
    assert unit.resources == []


def test_missing_file_is_an_input_error(tmp_path):
    unit = load_arm(str(tmp_path / "missing.json"))
    assert unit.errors and "cannot read" in unit.errors[0].message


def test_a_loaded_document_can_be_passed_in():
    from linter.frontends.jsonload import load_json

    path = fixture("basic.json")
    with open(path, "rb") as handle:
        document = load_json(handle.read(), path)
    unit = load_arm(path, document=document)
    assert len(unit.resources) == 5


def test_resource_count_is_capped_per_unit(tmp_path, monkeypatch):
    from linter.frontends.arm import context

    monkeypatch.setattr(context, "MAX_RESOURCES", 50)
    template = {
        "resources": [
            {
                "type": "Microsoft.Network/virtualNetworks",
                "name": "[concat('v', copyIndex())]",
                "copy": {"name": "a", "count": 20},
                "resources": [
                    {
                        "type": "subnets",
                        "name": "[concat('s', copyIndex())]",
                        "copy": {"name": "b", "count": 20},
                    }
                ],
            }
        ]
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    unit = load_arm(str(path))
    assert len(unit.resources) == 50
    assert [e.kind for e in unit.errors] == ["note"]
    assert "the rest not analysed" in unit.errors[0].message
