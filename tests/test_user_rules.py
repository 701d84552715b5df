"""User rules through the real command line (`--rules-dir`), the worked example of
docs/writing-rules.md, and rule renames through a `redirects.toml` table.

The example rule is read from the documentation page itself, so the page cannot drift from
what the loader accepts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from azlint_testing import REPO, run_azlint

from linter.rules.loader import RuleLoadError, load_rules

DOC = REPO / "docs" / "writing-rules.md"
EXAMPLE_MARK = re.compile(r"<!-- worked-example: (\S+\.toml) -->\n```toml\n(.*?)```", re.S)

ARM = """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "allowPublic": { "type": "bool" } },
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stpublic",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": {
        "allowBlobPublicAccess": true
      }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stprivate",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": { "allowBlobPublicAccess": false }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stunset",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": { "minimumTlsVersion": "TLS1_2" }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stparam",
      "location": "westeurope",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": {
        "allowBlobPublicAccess": "[parameters('allowPublic')]"
      }
    }
  ]
}
"""

BICEP = """param suffix string = 'dev'

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stdata${suffix}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: true
  }
}

resource closed 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stclosed'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
  }
}
"""

TERRAFORM = """resource "azurerm_storage_account" "public" {
  name                            = "stpublictf"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_account" "private" {
  name                            = "stprivatetf"
  resource_group_name             = "rg-app"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}
"""


def worked_example() -> tuple[str, str]:
    """(file name, TOML text) of the example rule in docs/writing-rules.md."""
    found = EXAMPLE_MARK.findall(DOC.read_text(encoding="utf-8"))
    assert len(found) == 1, "docs/writing-rules.md must hold exactly one worked-example rule"
    return found[0]


@pytest.fixture()
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    name, text = worked_example()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def infra(tmp_path: Path) -> Path:
    folder = tmp_path / "infra"
    (folder / "tf").mkdir(parents=True)
    (folder / "storage.json").write_text(ARM, encoding="utf-8")
    (folder / "main.bicep").write_text(BICEP, encoding="utf-8")
    (folder / "tf" / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    return folder


def check_json(*args: str) -> tuple[int, list[tuple], str]:
    """Exit code, (file, rule, line, undecided) per finding, stderr."""
    proc = run_azlint("check", "--format", "json", *args)
    report = json.loads(proc.stdout) if proc.stdout.strip() else {"findings": []}
    found = sorted((Path(f["file"]).name, f["rule_id"], f["line"], f["undecided"]) for f in report["findings"])
    return proc.returncode, found, proc.stderr


# ------------------------------------------------------------------ the worked example

def test_worked_example_flags_public_blob_access_in_arm_bicep_and_terraform(rules_dir, infra):
    code, found, err = check_json(str(infra), "--rules-dir", str(rules_dir), "--select", "ACME001",
                                  "--show-undecided")
    assert code == 1, err
    assert found == [
        ("main.bicep", "ACME001", 9, False),
        ("main.tf", "ACME001", 7, False),
        ("storage.json", "ACME001", 14, False),
        ("storage.json", "ACME001", 43, True),  # from a parameter: undecided, not guessed
    ]


def test_worked_example_messages_name_the_account(rules_dir, infra):
    proc = run_azlint("check", str(infra / "main.bicep"), "--rules-dir", str(rules_dir), "--select", "ACME001")
    assert "Storage account 'stdatadev' allows anonymous public read access" in proc.stdout


def test_undecided_findings_alone_do_not_fail_the_run(rules_dir, tmp_path):
    only_param = tmp_path / "param.json"
    only_param.write_text(ARM.replace('"allowBlobPublicAccess": true', '"allowBlobPublicAccess": false'))
    code, found, err = check_json(str(only_param), "--rules-dir", str(rules_dir), "--select", "ACME001",
                                  "--show-undecided")
    assert (code, [f[3] for f in found]) == (0, [True]), err


# ------------------------------------------------------------------ selecting user rules

@pytest.mark.parametrize("selector", ["storage-public-blob-access", "ACME001", "acme001", "ACME"])
def test_select_takes_the_user_rules_slug_id_or_prefix(rules_dir, infra, selector):
    code, found, err = check_json(str(infra), "--rules-dir", str(rules_dir), "--select", selector)
    assert code == 1, err
    assert {f[1] for f in found} == {"ACME001"} and len(found) == 3


def test_ignore_takes_the_user_rules_slug(rules_dir, infra):
    _, with_rule, _ = check_json(str(infra), "--rules-dir", str(rules_dir))
    code, without, err = check_json(str(infra), "--rules-dir", str(rules_dir),
                                    "--ignore", "storage-public-blob-access")
    assert code in (0, 1), err
    assert "ACME001" in {f[1] for f in with_rule}
    assert without == [f for f in with_rule if f[1] != "ACME001"]


def test_suppression_comment_names_the_user_rule_by_slug(rules_dir, tmp_path):
    bicep = tmp_path / "main.bicep"
    bicep.write_text(BICEP.replace("    allowBlobPublicAccess: true",
                                   "    // azlint-disable-next-line storage-public-blob-access static website\n"
                                   "    allowBlobPublicAccess: true"))
    proc = run_azlint("check", "--format", "json", str(bicep), "--rules-dir", str(rules_dir), "--select", "ACME001")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert [(f["rule_id"], f["suppressed"], f["justification"]) for f in report["findings"]] == [
        ("ACME001", True, "static website")]


def test_user_rule_slug_is_unknown_without_its_folder(infra):
    proc = run_azlint("check", str(infra), "--select", "storage-public-blob-access")
    assert proc.returncode == 2
    assert "storage-public-blob-access" in proc.stderr


def test_rules_command_lists_user_rules(rules_dir):
    proc = run_azlint("rules", "--rules-dir", str(rules_dir))
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("ACME001"))
    assert "storage-public-blob-access" in line and "warning" in line
    assert any(line.startswith("AZ803") for line in proc.stdout.splitlines())  # built-ins too


# ------------------------------------------------------------------ broken user rules

def _rule(rule_id: str = "ACME002", slug: str = "tls-too-old", condition: str = "properties.minimumTlsVersion == 'TLS1_0'",
          extra: str = "") -> str:
    return f'''id = "{rule_id}"
slug = "{slug}"
title = "Old TLS"
severity = "warning"
{extra}
[docs]
flags = "f"
why = "w"
noncompliant = "n"
compliant = "c"
fix = "x"
references = ["https://learn.microsoft.com/"]

[[check]]
resource-types = ["Microsoft.Storage/storageAccounts"]
condition = "{condition}"
message = "'{{resource.display_name}}' allows TLS 1.0"
'''


@pytest.mark.parametrize("text, where, complaint", [
    (_rule(extra='colour = "red"\n'), ":5", "unknown key 'colour'"),
    (_rule(condition="properties.minimumTlsVersion == "), ":16:43", "bad condition"),
    (_rule(condition="nosuch(properties.x)"), ":16:14", "unknown function 'nosuch'"),
    (_rule().replace('severity = "warning"', 'severity = "loud"'), ":4", "severity 'loud'"),
    (_rule().replace("[docs]", "[docs\n"), ":", "invalid TOML"),
])
def test_malformed_user_rule_exits_2_naming_file_and_line(tmp_path, infra, text, where, complaint):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "ACME002-tls-too-old.toml").write_text(text, encoding="utf-8")
    for command in (["check", str(infra)], ["rules"]):
        proc = run_azlint(*command, "--rules-dir", str(folder))
        assert proc.returncode == 2, (command, proc.stdout)
        assert f"ACME002-tls-too-old.toml{where}" in proc.stderr and complaint in proc.stderr, proc.stderr


def test_misnamed_user_rule_file_is_an_error(tmp_path, infra):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "tls.toml").write_text(_rule(), encoding="utf-8")
    proc = run_azlint("check", str(infra), "--rules-dir", str(folder))
    assert proc.returncode == 2
    assert "tls.toml:1: rule file must be named 'ACME002-tls-too-old.toml'" in proc.stderr


@pytest.mark.parametrize("rule_id, slug, complaint", [
    ("AZ803", "my-own-check", "duplicate rule id 'AZ803'"),
    ("ACME003", "public-ip-without-nsg", "duplicate rule slug 'public-ip-without-nsg'"),
])
def test_user_rule_colliding_with_a_builtin_is_an_error(tmp_path, infra, rule_id, slug, complaint):
    folder = tmp_path / "clash"
    folder.mkdir()
    (folder / f"{rule_id}-{slug}.toml").write_text(_rule(rule_id, slug), encoding="utf-8")
    proc = run_azlint("check", str(infra), "--rules-dir", str(folder))
    assert proc.returncode == 2
    assert f"{rule_id}-{slug}.toml:" in proc.stderr and complaint in proc.stderr, proc.stderr


# ------------------------------------------------------------------ renames

@pytest.fixture()
def renamed(tmp_path: Path) -> Path:
    """ACME001 was renamed ACME010 (slug 'storage-public-blob-access' -> 'storage-anonymous-blob-read')."""
    folder = tmp_path / "renamed"
    folder.mkdir()
    _, text = worked_example()
    text = text.replace('id = "ACME001"', 'id = "ACME010"').replace(
        'slug = "storage-public-blob-access"', 'slug = "storage-anonymous-blob-read"')
    (folder / "ACME010-storage-anonymous-blob-read.toml").write_text(text, encoding="utf-8")
    (folder / "redirects.toml").write_text(
        '# renamed rules\n[redirects]\nACME001 = "ACME010"\n"storage-public-blob-access" = "ACME010"\n')
    return folder


def test_ruleset_lookups_follow_redirects_and_report_them(renamed):
    ruleset = load_rules(builtin=True, extra_dirs=[renamed])
    for old in ("ACME001", "acme001", "storage-public-blob-access"):
        assert ruleset.get(old).id == "ACME010"
        assert ruleset.find(old).id == "ACME010"
        assert [r.id for r in ruleset.match(old)] == ["ACME010"]
        assert ruleset.redirect(old) == (old, "ACME010")
    assert ruleset.redirect("ACME010") is None and ruleset.redirect("AZ803") is None
    assert [r.id for r in ruleset.select(["storage-public-blob-access"])] == ["ACME010"]
    assert ruleset.renamed(["AZ803", "ACME001", "storage-public-blob-access", "ACME"]) == [
        ("ACME001", "ACME010"), ("storage-public-blob-access", "ACME010")]


def test_old_names_keep_working_on_the_command_line(renamed, infra, tmp_path):
    code, found, err = check_json(str(infra), "--rules-dir", str(renamed), "--select", "ACME001")
    assert code == 1, err
    assert {f[1] for f in found} == {"ACME010"}
    code, found, err = check_json(str(infra), "--rules-dir", str(renamed), "--select", "ACME",
                                  "--ignore", "storage-public-blob-access")
    assert (code, found) == (0, []), err
    config = tmp_path / "azlint.toml"
    config.write_text('select = ["storage-public-blob-access"]\n')
    code, found, err = check_json(str(infra), "--rules-dir", str(renamed), "--config", str(config))
    assert code == 1 and {f[1] for f in found} == {"ACME010"}, err


@pytest.mark.parametrize("table, complaint", [
    ('[redirects]\nACME009 = "ACME404"\n', "redirect target 'ACME404' is not a loaded rule id"),
    ('[redirects]\nACME010 = "AZ803"\n', "'ACME010' still names a rule"),
    ('[redirects]\n"Not A Name" = "ACME010"\n', "neither a rule id nor a slug"),
    ('[renames]\nACME001 = "ACME010"\n', "expected only a [redirects] table"),
])
def test_bad_redirect_table_is_an_error_with_file_and_line(renamed, table, complaint):
    (renamed / "redirects.toml").write_text("# comment\n" + table)
    with pytest.raises(RuleLoadError) as caught:
        load_rules(builtin=True, extra_dirs=[renamed])
    assert complaint in str(caught.value)
    assert str(caught.value).startswith(str(renamed / "redirects.toml") + ":")
    if "[redirects]" in table:
        assert caught.value.line == 3


def test_builtin_redirect_table_loads():
    ruleset = load_rules(builtin=True)
    assert all(ruleset.get(new) is not None for new in ruleset.redirects.values())
    assert (REPO / "rules" / "redirects.toml").is_file()
