"""The differential check on small hand-written pairs: its normalisations, its diffs, its verdicts."""

from __future__ import annotations

import json
from collections import Counter

from linter.model import Unknown

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
GENERATED = {"_generator": {"name": "bicep", "version": "0.30.23.60470"}}

STORAGE = {
    "type": "Microsoft.Storage/storageAccounts",
    "apiVersion": "2023-01-01",
    "name": "[parameters('name')]",
    "location": "westeurope",
    "sku": {"name": "Standard_LRS"},
    "kind": "StorageV2",
    "properties": {"allowBlobPublicAccess": True},
}

MAIN_BICEP = """\
param name string
param lock object?

resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: { allowBlobPublicAccess: true }
}

resource saLock 'Microsoft.Authorization/locks@2020-05-01' = if (!empty(lock ?? {})) {
  scope: sa
  name: 'lock'
  properties: { level: 'CanNotDelete' }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared-vault'
}

module net 'net.bicep' = {
  name: 'net'
  params: { prefix: 'app' }
}
"""

NET_BICEP = """\
param prefix string

resource vnet 'microsoft.network/VIRTUALNETWORKS@2023-04-01' = {
  name: '${prefix}-vnet'
  location: 'westeurope'
  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }
}
"""


def template(resources, parameters=None, generated=True) -> dict:
    doc = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": parameters or {}, "resources": resources}
    if generated:
        doc["metadata"] = GENERATED
    return doc


def module(name: str, inner: dict, parameters: dict | None = None) -> dict:
    """What a Bicep `module` compiles to: a deployment with an inner-scoped inline template."""
    return {
        "type": "Microsoft.Resources/deployments",
        "apiVersion": "2022-09-01",
        "name": name,
        "properties": {
            "expressionEvaluationOptions": {"scope": "inner"},
            "mode": "Incremental",
            "parameters": parameters or {},
            "template": inner,
        },
    }


VNET = {
    "type": "Microsoft.Network/virtualNetworks",
    "apiVersion": "2023-04-01",
    "name": "[format('{0}-vnet', parameters('prefix'))]",
    "location": "westeurope",
    "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}},
}
NET_JSON = template([VNET], {"prefix": {"type": "string"}})
LOCK = {
    "condition": "[not(empty(coalesce(parameters('lock'), createObject())))]",
    "type": "Microsoft.Authorization/locks",
    "apiVersion": "2020-05-01",
    "scope": "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]",
    "name": "lock",
    "properties": {"level": "CanNotDelete"},
}
PARAMETERS = {"name": {"type": "string"}, "lock": {"type": "object", "nullable": True}}


def compiled_main(net=None) -> dict:
    return template([STORAGE, LOCK, module("net", net or NET_JSON, {"prefix": {"value": "app"}})], PARAMETERS)


def test_a_faithful_build_agrees(differential, rules, write_pair):
    pair = write_pair(MAIN_BICEP, compiled_main(), {"net.bicep": NET_BICEP})
    comparison = differential.compare(pair, rules)
    assert comparison.agreed, differential.describe(comparison)


def test_what_both_sides_hold_is_really_compared(differential, rules, write_pair):
    pair = write_pair(MAIN_BICEP, compiled_main(), {"net.bicep": NET_BICEP})
    source = differential.side_of(differential.load_bicep(pair.source), rules)
    # casing of the type is not a difference; the existing vault and the module's deployment are not resources
    assert source.resources == Counter({
        ("microsoft.storage/storageaccounts", "<unknown>"): 1,
        ("microsoft.network/virtualnetworks", "app-vnet"): 1,
    })
    # findings are keyed by rule and resource, and a module's resources are checked too
    assert ("AZ401", "microsoft.storage/storageaccounts", "<unknown>", False) in source.findings
    assert ("AZ601", "microsoft.network/virtualnetworks", "app-vnet", False) in source.findings


def test_an_extra_resource_in_the_build_is_a_disagreement(differential, rules, write_pair):
    extra = {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "name": "pip",
             "location": "westeurope", "properties": {}}
    net = template([VNET, extra], {"prefix": {"type": "string"}})
    pair = write_pair(MAIN_BICEP, compiled_main(net), {"net.bicep": NET_BICEP})
    comparison = differential.compare(pair, rules)
    assert not comparison.agreed
    assert comparison.compiled_only_resources == Counter({("microsoft.network/publicipaddresses", "pip"): 1})
    assert not comparison.source_only_resources
    assert any(key[1:3] == ("microsoft.network/publicipaddresses", "pip") for key in comparison.compiled_only_findings)
    assert "    + resource microsoft.network/publicipaddresses pip" in differential.describe(comparison)


def test_a_different_name_is_a_disagreement_on_both_sides(differential, rules, write_pair):
    net = template([{**VNET, "name": "[format('{0}-net', parameters('prefix'))]"}], {"prefix": {"type": "string"}})
    comparison = differential.compare(write_pair(MAIN_BICEP, compiled_main(net), {"net.bicep": NET_BICEP}), rules)
    assert comparison.source_only_resources == Counter({("microsoft.network/virtualnetworks", "app-vnet"): 1})
    assert comparison.compiled_only_resources == Counter({("microsoft.network/virtualnetworks", "app-net"): 1})


def test_a_deployment_not_generated_by_bicep_is_compared(differential, rules, write_pair):
    hand_written = module("net", template([VNET], {"prefix": {"type": "string"}}, generated=False),
                          {"prefix": {"value": "app"}})
    doc = template([STORAGE, LOCK, hand_written], PARAMETERS)
    comparison = differential.compare(write_pair(MAIN_BICEP, doc, {"net.bicep": NET_BICEP}), rules)
    assert comparison.compiled_only_resources == Counter({("microsoft.resources/deployments", "net"): 1})


def test_nullable_parameter_without_value_is_null_in_the_source_too(differential, rules, write_pair):
    # the Bicep frontend used to make `param lock object?` Unknown, so the lock was only in the source model
    pair = write_pair(MAIN_BICEP, compiled_main(), {"net.bicep": NET_BICEP})
    unit = differential.load_bicep(pair.source)
    assert not [r for r in unit.resources if r.type == "Microsoft.Authorization/locks"]


def test_loop_over_an_unknown_list_is_one_maybe_resource_on_both_sides(differential, rules, write_pair):
    bicep = """\
param names array
resource sas 'Microsoft.Storage/storageAccounts@2023-01-01' = [for n in names: {
  name: n
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}]
"""
    loop = {**STORAGE, "copy": {"name": "sas", "count": "[length(parameters('names'))]"},
            "name": "[parameters('names')[copyIndex()]]"}
    del loop["properties"]
    pair = write_pair(bicep, template([loop], {"names": {"type": "array"}}))
    assert differential.compare(pair, rules).agreed
    for unit in (differential.load_bicep(pair.source), differential.load_arm(pair.compiled)):
        [resource] = unit.resources
        assert isinstance(resource.condition, Unknown), unit.format  # a count that may be zero


def test_symbolic_names_build_keeps_existing_resources_and_still_agrees(differential, rules, write_pair):
    doc = {
        "$schema": SCHEMA, "languageVersion": "2.0", "contentVersion": "1.0.0.0", "metadata": GENERATED,
        "parameters": PARAMETERS,
        "resources": {
            "sa": STORAGE,
            "saLock": {**LOCK, "scope": "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]"},
            "vault": {"existing": True, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                      "name": "shared-vault"},
            "net": module("net", NET_JSON, {"prefix": {"value": "app"}}),
        },
    }
    pair = write_pair(MAIN_BICEP, doc, {"net.bicep": NET_BICEP}, build="main.symbolicnames.json")
    comparison = differential.compare(pair, rules)
    assert comparison.agreed, differential.describe(comparison)


def test_declaration_follows_qualified_symbols(differential):
    inner = template([VNET, {"type": "Microsoft.Network/routeTables", "name": "rt"}])
    doc = template([STORAGE, module("net", inner)])
    assert differential._declaration(doc, "resources[1]/resources[1]")["name"] == "rt"
    assert differential.is_compiled_module(differential._declaration(doc, "resources[1]"))
    assert not differential.is_compiled_module(differential._declaration(doc, "resources[0]"))
    assert differential._declaration(doc, "resources[7]") is None
    symbolic = {"resources": {"net": module("net", {**inner, "resources": {"rt": {"type": "x", "name": "rt"}}})}}
    assert differential._declaration(symbolic, "net/rt")["name"] == "rt"


def test_find_pairs_takes_each_build_beside_a_main_bicep(differential, tmp_path):
    for folder, builds in {"a": ["main.json", "main.symbolicnames.json"], "b": ["main.json"], "c": []}.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.bicep").write_text("", encoding="utf-8")
        for build in builds:
            (tmp_path / folder / build).write_text("{}", encoding="utf-8")
    pairs = differential.find_pairs([tmp_path])
    assert [(p.source.split("/")[-2], p.compiled.split("/")[-1]) for p in pairs] == [
        ("a", "main.json"), ("a", "main.symbolicnames.json"), ("b", "main.json")]


# --- verdicts, allow-list and the command -------------------------------------------


def _disagreement(differential, source: str, compiled: str):
    return differential.Comparison(
        pair=differential.Pair(source, compiled),
        compiled_only_resources=Counter({("microsoft.network/publicipaddresses", "pip"): 1}),
    )


def test_judge_sorts_agreed_allowed_unexplained_and_stale(differential, tmp_path):
    agreed = differential.Comparison(pair=differential.Pair(str(tmp_path / "a/main.bicep"), str(tmp_path / "a/main.json")))
    allowed = _disagreement(differential, str(tmp_path / "b/main.bicep"), str(tmp_path / "b/main.json"))
    other = _disagreement(differential, str(tmp_path / "c/main.bicep"), str(tmp_path / "c/main.json"))
    allow = {"b/main.bicep": "a registry module", "a/main.json": "no longer needed", "gone/main.bicep": "elsewhere"}
    verdict = differential.judge([agreed, allowed, other], allow, tmp_path)
    assert verdict.agreed == [agreed]
    assert verdict.allowed == [(allowed, "a registry module")]
    assert verdict.unexplained == [other]
    assert verdict.stale == ["a/main.json"]  # entries for pairs not compared this run are not judged


def test_allowlist_entries_need_a_reason(differential, tmp_path):
    path = tmp_path / "allow.toml"
    path.write_text('[units]\n"a/main.bicep" = "  "\n', encoding="utf-8")
    try:
        differential.load_allowlist(path)
    except ValueError as err:
        assert "a/main.bicep" in str(err)
    else:
        raise AssertionError("a blank reason was accepted")


def test_command_exit_code_and_agreed_line(differential, write_pair, tmp_path, capsys):
    net = template([VNET, {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt",
                           "location": "westeurope", "properties": {}}], {"prefix": {"type": "string"}})
    pair = write_pair(MAIN_BICEP, compiled_main(net), {"net.bicep": NET_BICEP})
    allow = tmp_path / "allow.toml"
    allow.write_text("[units]\n", encoding="utf-8")
    args = [str(tmp_path / "unit"), "--corpus", str(tmp_path), "--allow", str(allow), "--jobs", "1"]
    assert differential.main(args) == 1
    out = capsys.readouterr().out
    assert "DISAGREE unit/main.json" in out and "+ resource microsoft.network/routetables rt" in out
    assert out.splitlines()[-1] == "agreed 0/1"
    allow.write_text('[units]\n"unit/main.bicep" = "a test"\n', encoding="utf-8")
    assert differential.main(args) == 0
    assert "allowed  unit/main.json: a test" in capsys.readouterr().out
    (tmp_path / "unit" / "main.json").write_text(json.dumps(compiled_main()), encoding="utf-8")
    assert differential.main(args) == 1  # the entry is stale now
    assert "STALE    unit/main.bicep" in capsys.readouterr().out
    assert pair.compiled.endswith("main.json")
