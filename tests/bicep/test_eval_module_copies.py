"""Module loop instances given the same inputs are copied, not evaluated again: the unit must be the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.frontends.bicep import load_bicep
from linter.frontends.bicep import modules as bicep_modules

INNER = """param prefix string
resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = {
  name: '${prefix}-nic'
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
      }
    ]
  }
}
output nicId string = nic.id
"""

MODULE = """param name string
param settings object = {}
param location string = resourceGroup().location
var tags = {
  owner: 'platform'
}
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: settings.?prefixes ?? ['10.0.0.0/16']
    }
  }
  resource subnet 'subnets' = {
    name: 'default'
    properties: {
      addressPrefix: '10.0.0.0/24'
    }
  }
}
resource nsgs 'Microsoft.Network/networkSecurityGroups@2023-04-01' = [for i in range(0, 2): {
  name: '${name}-nsg-${i}'
  properties: {
    securityRules: []
  }
}]
module inner './inner.bicep' = {
  name: 'inner'
  params: {
    prefix: name
  }
}
output vnetId string = vnet.id
output settings object = settings
output nicId string = inner.outputs.nicId
"""

MAIN = """targetScope = 'subscription'
param unknownRg string
var shared = {
  prefixes: ['10.1.0.0/16']
}
resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'declared-rg'
  location: 'westeurope'
}
module deploy './mod.bicep' = [for iteration in ['init', 'idem']: {
  name: 'deploy-${iteration}'
  scope: rg
  params: {
    name: 'vnet-a'
    settings: shared
    undeclared: true
  }
}]
module unknownScope './mod.bicep' = [for iteration in ['init', 'idem']: {
  name: 'u-${iteration}'
  scope: resourceGroup(unknownRg)
  params: {
    name: 'vnet-u'
  }
}]
module samePlace './mod.bicep' = [for settings in [
  {
    prefixes: ['10.2.0.0/16']
  }
  {
    prefixes: ['10.2.0.0/16']
  }
]: {
  name: 'p'
  scope: rg
  params: {
    name: 'vnet-p'
    settings: settings
  }
}]
resource reader 'Microsoft.Network/networkSecurityGroups@2023-04-01' = {
  name: 'reader'
  location: 'westeurope'
  properties: {
    copied: deploy[1].outputs.settings
    vnet: deploy[1].outputs.vnetId
    nic: deploy[1].outputs.nicId
  }
}
"""


def _write(folder: Path) -> Path:
    (folder / "inner.bicep").write_text(INNER)
    (folder / "mod.bicep").write_text(MODULE)
    (folder / "main.bicep").write_text(MAIN)
    return folder / "main.bicep"


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, prefix + (index,))
    return found


def _view(unit) -> tuple:
    """Everything of a unit the rules and reports can see: resources with every position, errors, files."""
    resources = [
        (r.symbol, r.type, repr(r.name), repr(r.id), repr(r.body), repr(r.condition), repr(r.scope), r.api_version,
         r.existing, r.derived, r.location, [(path, r.source.locate(path)) for path in _paths(r.body)])
        for r in unit.resources
    ]
    return resources, [repr(e) for e in unit.errors], list(unit.files)


@pytest.fixture
def copies(monkeypatch) -> list:
    """Records the module instances that were copied from an earlier one."""
    done: list = []
    original = bicep_modules._copy_run

    def recording(unit, run, prefix):
        outputs = original(unit, run, prefix)
        if outputs is not None:
            done.append(prefix)
        return outputs

    monkeypatch.setattr(bicep_modules, "_copy_run", recording)
    return done


def _evaluated_everywhere(path: Path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(bicep_modules, "_copy_run", lambda unit, run, prefix: None)
        return load_bicep(str(path))


def test_copied_instances_give_the_unit_evaluation_gives(tmp_path, copies, monkeypatch):
    main = _write(tmp_path)
    unit = load_bicep(str(main))
    assert copies == ["deploy[1]/"]  # only the instance whose inputs equal an earlier one's, positions included
    assert _view(unit) == _view(_evaluated_everywhere(main, monkeypatch))


def test_a_copy_has_its_own_symbols_and_objects(tmp_path, copies):
    unit = load_bicep(str(_write(tmp_path)))
    first = {r.symbol.removeprefix("deploy[0]/"): r for r in unit.resources if r.symbol.startswith("deploy[0]/")}
    second = {r.symbol.removeprefix("deploy[1]/"): r for r in unit.resources if r.symbol.startswith("deploy[1]/")}
    assert set(first) == set(second) == {"vnet", "vnet::subnet", "nsgs", "inner/nic"}
    for symbol, resource in first.items():
        copy = second[symbol]
        assert copy is not resource and copy.body == resource.body and copy.id == resource.id
        assert copy.body is not resource.body and copy.source is not resource.source
    vnet = second["vnet"]
    assert vnet.source.locate(("tags", "owner")).line == 5  # the module's variable
    assert vnet.source.locate(("properties", "addressSpace", "addressPrefixes", 0)).line == 4  # main's `shared`


def test_the_parent_reads_a_copied_instance_outputs_with_their_positions(tmp_path, copies):
    main = _write(tmp_path)
    unit = load_bicep(str(main))
    (reader,) = [r for r in unit.resources if r.symbol == "reader"]
    assert reader.properties["copied"] == {"prefixes": ["10.1.0.0/16"]}
    assert reader.properties["vnet"].endswith("/resourceGroups/declared-rg/providers/Microsoft.Network/"
                                              "virtualNetworks/vnet-a")
    assert reader.properties["nic"].endswith("/networkInterfaces/vnet-a-nic")
    where = reader.source.locate(("properties", "copied", "prefixes"))
    assert where.file == str(main) and where.line == 4


def test_equal_values_written_in_different_places_are_evaluated_apart(tmp_path, copies):
    unit = load_bicep(str(_write(tmp_path)))
    assert not any(prefix.startswith("samePlace") for prefix in copies)
    lines = [r.source.locate(("properties", "addressSpace", "addressPrefixes", 0)).line
             for r in unit.resources if r.symbol in ("samePlace[0]/vnet", "samePlace[1]/vnet")]
    assert lines == [28, 31]  # each instance's own settings


def test_an_unknown_target_scope_names_each_instance(tmp_path, copies):
    unit = load_bicep(str(_write(tmp_path)))
    assert not any(prefix.startswith("unknownScope") for prefix in copies)
    ids = [r.id for r in unit.resources if r.symbol.startswith("unknownScope") and r.symbol.endswith("/vnet")]
    assert ["{resourceGroupName:unknownScope[0]}" in ids[0], "{resourceGroupName:unknownScope[1]}" in ids[1]] == [
        True, True]


def test_a_prefixed_scope_inside_the_module_is_evaluated_per_instance(tmp_path, copies, monkeypatch):
    (tmp_path / "inner.bicep").write_text(INNER)
    (tmp_path / "mod.bicep").write_text("""param rgName string
module inner './inner.bicep' = {
  name: 'inner'
  scope: resourceGroup(rgName)
  params: {
    prefix: 'x'
  }
}
""")
    (tmp_path / "main.bicep").write_text("""targetScope = 'subscription'
param unknownRg string
module deploy './mod.bicep' = [for i in range(0, 2): {
  name: 'd${i}'
  params: {
    rgName: unknownRg
  }
}]
""")
    unit = load_bicep(str(tmp_path / "main.bicep"))
    assert copies == []
    assert ["{resourceGroupName:deploy[0]/inner}" in unit.resources[0].id,
            "{resourceGroupName:deploy[1]/inner}" in unit.resources[1].id] == [True, True]
    assert _view(unit) == _view(_evaluated_everywhere(tmp_path / "main.bicep", monkeypatch))


def test_copies_stop_where_evaluation_would_stop(tmp_path, copies, monkeypatch):
    monkeypatch.setattr(bicep_modules, "MAX_RESOURCES", 5)
    monkeypatch.setattr("linter.frontends.bicep.resources.MAX_RESOURCES", 5)
    main = _write(tmp_path)
    unit = load_bicep(str(main))
    assert copies == []
    assert _view(unit) == _view(_evaluated_everywhere(main, monkeypatch))
    assert any("too many resources" in e.message for e in unit.errors)
