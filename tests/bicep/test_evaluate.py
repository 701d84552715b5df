"""Evaluation of Bicep source into the model: names, ids, bodies, positions, params, loops, modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.frontends.bicep import load_bicep
from linter.model import Model, Unknown, is_unknown

EVAL = Path(__file__).parent / "fixtures" / "eval"
RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"


def load(name: str, **kwargs):
    return load_bicep(str(EVAL / name), **kwargs)


def by_symbol(unit, symbol: str):
    found = [r for r in unit.resources if r.symbol == symbol]
    assert found, f"no resource {symbol}: {[r.symbol for r in unit.resources]}"
    return found


@pytest.fixture(scope="module")
def network():
    return load("network.bicep")


def test_resource_shape(network):
    (nsg,) = by_symbol(network, "nsg")
    assert network.format == "bicep"
    assert nsg.format == "bicep"
    assert nsg.type == "Microsoft.Network/networkSecurityGroups"
    assert nsg.api_version == "2023-04-01"
    assert nsg.name == "nsg-app"
    assert nsg.id == f"{RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-app"
    assert set(nsg.body) == {"location", "tags", "properties"}
    assert nsg.body["tags"] == {"owner": "platform"}
    rules = nsg.properties["securityRules"]
    assert [r["name"] for r in rules] == ["allow-22", "allow-3389"]
    assert [r["properties"]["priority"] for r in rules] == [100, 101]
    assert rules[1]["properties"]["destinationPortRange"] == "3389"
    assert nsg.condition is True and nsg.existing is False and nsg.scope is None


def test_positions_point_at_the_written_keys(network):
    (nsg,) = by_symbol(network, "nsg")
    assert (nsg.location.line, nsg.location.column) == (14, 1)
    where = nsg.source.locate(("properties", "securityRules", 1, "properties", "sourceAddressPrefix"))
    assert (where.line, where.column) == (26, 9)
    assert where.file.endswith("network.bicep")
    assert nsg.source.locate(("properties", "securityRules", 0)).line == 19  # the item object
    # a value taken from a variable maps to the variable's own lines
    assert nsg.source.locate(("tags", "owner")).line == 11
    assert nsg.source.locate(("name",)).line == 15
    # an unknown path falls back to the nearest written ancestor
    assert nsg.source.locate(("properties", "securityRules", 0, "properties", "nope")).line == 21


def test_children_by_nesting_and_parent(network):
    (nested,) = by_symbol(network, "vnet::nested")
    assert nested.type == "Microsoft.Network/virtualNetworks/subnets"
    assert nested.name == "vnet-app/nested"
    assert nested.id == f"{RG}/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/nested"
    assert nested.api_version == "2023-04-01"
    assert nested.location.line == 52
    (via,) = by_symbol(network, "viaParent")
    assert via.type == "Microsoft.Network/virtualNetworks/subnets"
    assert via.name == "vnet-app/via-parent"
    assert via.id.endswith("/virtualNetworks/vnet-app/subnets/via-parent")


def test_symbolic_references_resolve(network):
    (vnet,) = by_symbol(network, "vnet")
    (nsg,) = by_symbol(network, "nsg")
    subnet = vnet.properties["subnets"][0]
    assert subnet["properties"]["networkSecurityGroup"]["id"] == nsg.id
    assert Model(network.resources).resolve(subnet["properties"]["networkSecurityGroup"]) is nsg
    (always,) = by_symbol(network, "always")
    props = always.properties
    assert props["dnsName"] == "default"
    assert props["subnetId"] == f"{vnet.id}/subnets/default"  # an inline child's id, as ARM reports it
    assert props["nsgSubnetRef"].endswith("/virtualNetworks/vnet-app/subnets/nested")
    assert props["tagOwner"] == "platform"
    # runtime-only values are never guessed
    assert is_unknown(props["runtime"])
    assert is_unknown(props["rgLocation"])
    assert isinstance(props["unique"], str)


def test_existing_and_extension_scope(network):
    (other,) = by_symbol(network, "other")
    assert other.existing is True
    (diag,) = by_symbol(network, "diag")
    (vnet,) = by_symbol(network, "vnet")
    assert diag.scope == vnet.id
    assert diag.id == f"{vnet.id}/providers/Microsoft.Insights/diagnosticSettings/to-workspace"
    assert diag.properties["workspaceId"] == other.id
    assert any(r is diag for r, _ in Model(network.resources).referrers(vnet))


def test_conditions(network):
    assert isinstance(by_symbol(network, "onlyInProd")[0].condition, Unknown)  # param without a value
    assert by_symbol(network, "always")[0].condition is True
    # a resource that is certainly not deployed is not in the model (as in the ARM frontend)
    assert not [r for r in network.resources if r.symbol == "never"]


def test_bicepparam_values_and_positions():
    unit = load("network.bicep", params_file=str(EVAL / "values.bicepparam"))
    assert by_symbol(unit, "onlyInProd")[0].condition is True
    (nsg,) = by_symbol(unit, "nsg")
    assert [r["name"] for r in nsg.properties["securityRules"]] == ["allow-443"]
    assert str(EVAL / "values.bicepparam") in unit.files
    # the default kept for params the file does not set
    assert nsg.body["location"] == "westeurope"


def test_bicepparam_alone_follows_using():
    unit = load_bicep(str(EVAL / "main.bicepparam"))
    assert unit.path.endswith("main.bicep")
    (nsg,) = by_symbol(unit, "net/nsg")
    assert nsg.name == "nsg-sn-from-params"
    notes = [e for e in unit.errors if "undeclared" in e.message]
    assert notes and notes[0].kind == "note" and notes[0].line == 4


def test_loops_and_filters():
    unit = load("loops.bicep")
    assert [r.name for r in by_symbol(unit, "byName")] == ["pip-a", "pip-b", "pip-c"]
    assert [r.name for r in by_symbol(unit, "byIndex")] == ["ip-0", "ip-1", "ip-2"]
    assert [r.name for r in by_symbol(unit, "byRange")] == ["range-1", "range-2"]
    assert [r.name for r in by_symbol(unit, "filtered")] == ["f-a", "f-c"]
    (representative,) = by_symbol(unit, "fromUnknown")
    assert is_unknown(representative.condition) and is_unknown(representative.name)
    assert representative.properties["publicIPAllocationMethod"] == "Static"


def test_functions_lambdas_and_operators():
    unit = load("loops.bicep")
    (storage,) = by_symbol(unit, "lambdas")
    assert storage.name == "stabc"
    props = storage.properties
    assert props["filtered"] == ["b", "c"]
    assert props["total"] == 6
    assert props["firstIndex"] == "ip-0"
    assert props["spread"] == {"a": 1, "b": 2}
    assert props["maybe"] == "none"
    assert is_unknown(props["safe"])
    assert by_symbol(unit, "withFunc")[0].name == "pip-7"


def test_local_modules_registry_notes_and_scopes():
    unit = load("main.bicep")
    (nsg,) = by_symbol(unit, "net/nsg")
    assert nsg.name == "nsg-sn-x"
    assert nsg.location.file.endswith("modules/subnet.bicep")
    rule = nsg.source.locate(("properties", "securityRules", 0, "properties", "access"))
    assert rule.file.endswith("subnet.bicep") and rule.line == 12
    (remote,) = by_symbol(unit, "otherRg/nsg")
    assert remote.id.startswith("/subscriptions/{subscriptionId}/resourceGroups/network-rg/")
    assert remote.properties["securityRules"] == []
    (pip,) = by_symbol(unit, "usesOutput")
    assert pip.properties["nsgId"] == nsg.id
    assert is_unknown(pip.properties["fromRegistry"])
    notes = [e for e in unit.errors if "br/public:" in e.message]
    assert len(notes) == 1 and notes[0].kind == "note" and notes[0].line == 20
    assert [e for e in unit.errors if e.kind == "error"] == []
    assert any(f.endswith("subnet.bicep") for f in unit.files)


def test_module_cycle_is_an_input_error():
    unit = load("modules/cycle_a.bicep")
    errors = [e for e in unit.errors if "cycle" in e.message]
    assert errors and errors[0].kind == "error"
    assert errors[0].file.endswith("cycle_b.bicep") and errors[0].line == 1


def test_module_escaping_the_root_is_an_input_error():
    unit = load("modules/escape.bicep", root=str(EVAL / "modules"))
    (error,) = unit.errors
    assert error.kind == "error" and "leaves the root" in error.message and error.line == 1


def test_target_scope_subscription_ids():
    unit = load("subscription.bicep")
    (contact,) = by_symbol(unit, "contact")
    assert contact.id == "/subscriptions/{subscriptionId}/providers/Microsoft.Security/securityContacts/default"


def test_syntax_error_is_an_input_error_not_a_crash():
    unit = load("broken.bicep")
    assert unit.resources == []
    (error,) = unit.errors
    assert (error.line, error.column, error.kind) == (4, 13, "error")


def test_missing_file_is_an_input_error(tmp_path):
    unit = load_bicep(str(tmp_path / "absent.bicep"))
    assert unit.errors and unit.errors[0].kind == "error" and unit.resources == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("var v = 1 + 2 * 3", 7),
        ("var v = 7 % 4 - -1", 4),
        ("var v = 'A' =~ 'a' && !('b' == 'c')", True),
        ("var v = 2 > 1 ? 'yes' : 'no'", "yes"),
        ("var v = null ?? 'd'", "d"),
        ("var v = 'x${1 + 1}y${'z${true}'}'", "x2yzTrue"),
        ("var v = '''\nraw ${x}\n'''", "raw ${x}\n"),
        ("var v = 'it\\'s \\u{41}'", "it's A"),
        ("var v = { a: { b: [1, 2] } }.a.b[1]", 2),
        ("var v = [for (x, i) in ['p', 'q']: '${x}${i}']", ["p0", "q1"]),
        ("var v = toObject(['a'], k => k, k => length(k))", {"a": 1}),
        ("var v = sort([3, 1, 2], (a, b) => a < b)", [1, 2, 3]),
        ("var v = sys.concat(['a'], az.union(['b'], ['b']))", ["a", "b"]),
        ("var v = resourceGroup('rg').id", RG.replace("{resourceGroupName}", "rg")),
        ("var v = loadTextContent('x.txt')", Unknown),
    ],
)
def test_expression_values(tmp_path, source, expected):
    path = tmp_path / "e.bicep"
    path.write_text(source + "\nresource r 'A.B/c@1' = {\n  name: 'n'\n  properties: {\n    v: v\n  }\n}\n")
    unit = load_bicep(str(path))
    value = unit.resources[0].properties["v"]
    if expected is Unknown:
        assert is_unknown(value)
    else:
        assert value == expected
    assert unit.errors == []


def test_json_parameter_file(tmp_path):
    params = tmp_path / "network.parameters.json"
    params.write_text('{"parameters": {"environment": {"value": "prod"}, "extra": {"value": 1}}}')
    unit = load("network.bicep", params_file=str(params))
    assert by_symbol(unit, "onlyInProd")[0].condition is True
    assert [e.kind for e in unit.errors] == ["note"] and "extra" in unit.errors[0].message


def test_compile_time_imports():
    unit = load("imports.bicep")
    (nsg,) = by_symbol(unit, "nsg")
    assert nsg.name == "allow-1"
    (rule,) = nsg.properties["securityRules"]
    assert rule["name"] == "allow-22"
    assert rule["properties"]["destinationPortRange"] == "22"
    assert is_unknown(rule["properties"]["fromRegistry"])
    assert unit.errors == []
    assert any(f.endswith("shared.bicep") for f in unit.files)


def _write(folder: Path, files: dict) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


MODULE = """param n string
resource pip 'Microsoft.Network/publicIPAddresses@2023-04-01' = {
  name: n
}
output pipName string = pip.name
"""


def test_module_loops_scopes_and_conditions(tmp_path):
    _write(tmp_path, {
        "mod.bicep": MODULE,
        "main.bicep": """targetScope = 'subscription'
param unknownRg string
resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'declared-rg'
  location: 'westeurope'
}
module looped './mod.bicep' = [for (n, i) in ['a', 'b']: {
  name: 'looped-${i}'
  scope: rg
  params: {
    n: n
  }
}]
module unknownScope './mod.bicep' = {
  name: 'u'
  scope: resourceGroup(unknownRg)
  params: {
    n: 'u'
  }
}
module off './mod.bicep' = if (false) {
  name: 'off'
  params: {
    n: 'off'
  }
}
module maybe './mod.bicep' = if (!empty(unknownRg)) {
  name: 'maybe'
  scope: resourceGroup('fixed')
  params: {
    n: looped[1].outputs.pipName
  }
}
""",
    })
    unit = load_bicep(str(tmp_path / "main.bicep"))
    names = {r.symbol: r for r in unit.resources}
    assert names["looped[0]/pip"].name == "a" and names["looped[1]/pip"].name == "b"
    assert names["looped[0]/pip"].id == (
        "/subscriptions/{subscriptionId}/resourceGroups/declared-rg/providers/Microsoft.Network/publicIPAddresses/a")
    unknown_scope = names["unknownScope/pip"].id
    assert "{resourceGroupName:unknownScope}" in unknown_scope  # never matches another resource group
    assert "off/pip" not in names
    assert is_unknown(names["maybe/pip"].condition)
    assert names["maybe/pip"].name == "b"
    assert "/resourceGroups/fixed/" in names["maybe/pip"].id
    assert [e for e in unit.errors if e.kind == "error"] == []


def test_module_parameter_not_declared_is_a_note(tmp_path):
    _write(tmp_path, {"mod.bicep": MODULE,
                      "main.bicep": "module m './mod.bicep' = {\n  name: 'm'\n  params: {\n    n: 'x'\n    extra: 1\n  }\n}\n"})
    unit = load_bicep(str(tmp_path / "main.bicep"))
    assert [r.name for r in unit.resources] == ["x"]
    (note,) = unit.errors
    assert note.kind == "note" and "extra" in note.message and note.line == 1


def test_syntax_error_in_a_module_points_into_the_module(tmp_path):
    _write(tmp_path, {"mod.bicep": "param n string\nresource r 'A.B/c@1' = {\n  name: n n\n}\n",
                      "main.bicep": "module m './mod.bicep' = {\n  name: 'm'\n}\n"})
    unit = load_bicep(str(tmp_path / "main.bicep"))
    (error,) = unit.errors
    assert error.file.endswith("mod.bicep") and (error.line, error.column) == (3, 11) and error.kind == "error"


def test_extension_resource_on_a_looped_target_and_existing_in_other_scope(tmp_path):
    _write(tmp_path, {"main.bicep": """resource nsgs 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for i in range(0, 2): {
  name: 'nsg${i}'
}]
resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = [for i in range(0, 2): {
  name: 'd'
  scope: nsgs[i]
}]
resource shared 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {
  name: 'hub'
  scope: resourceGroup('sub-id', 'hub-rg')
}
"""})
    unit = load_bicep(str(tmp_path / "main.bicep"))
    diags = [r for r in unit.resources if r.symbol == "diag"]
    assert [d.scope.rsplit("/", 1)[-1] for d in diags] == ["nsg0", "nsg1"]
    (shared,) = [r for r in unit.resources if r.symbol == "shared"]
    assert shared.existing is True
    assert shared.id == "/subscriptions/sub-id/resourceGroups/hub-rg/providers/Microsoft.Network/virtualNetworks/hub"


def test_bicepparam_extends_a_base_file(tmp_path):
    _write(tmp_path, {
        "main.bicep": "param a string\nparam b string\nresource r 'A.B/c@1' = {\n  name: '${a}-${b}'\n}\n",
        "base.bicepparam": "using none\nparam a = 'base-a'\nparam b = 'base-b'\n",
        "main.bicepparam": "using './main.bicep'\nextends './base.bicepparam'\nparam b = 'child-b'\n",
        "loop.bicepparam": "using './main.bicep'\nextends './loop.bicepparam'\n",
    })
    unit = load_bicep(str(tmp_path / "main.bicepparam"))
    assert [r.name for r in unit.resources] == ["base-a-child-b"]
    assert str(tmp_path / "base.bicepparam") in unit.files
    looped = load_bicep(str(tmp_path / "loop.bicepparam"))
    assert is_unknown(looped.resources[0].name)
    assert [(e.line, e.kind) for e in looped.errors] == [(2, "error")]
