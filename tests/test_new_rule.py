"""scripts/new_rule.py: the scaffold writes a loadable rule and valid fixtures into a copy of the
tree (never the real rules/), refuses bad or used names, and leaves work the suite will not let pass.

Also the guard that makes the scaffold safe: no built-in rule or fixture may keep a TODO(new_rule)
marker.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from azlint_testing import REPO, run_azlint

from linter.check import CheckOptions, run_check
from linter.rules.loader import load_dir, load_file


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


new_rule = _load("new_rule", REPO / "scripts" / "new_rule.py")
fixtures = _load("rule_fixtures_for_scaffold", REPO / "tests" / "rules" / "test_rule_fixtures.py")

STORAGE = ["--category", "network", "--title", 'Storage account allows "public" blob access',
           "--resource-type", "Microsoft.Storage/storageAccounts"]


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A copy of the rule tree and an empty fixture tree to scaffold into."""
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    (tmp_path / "tests" / "rules").mkdir(parents=True)
    return tmp_path


def scaffold(root: Path, *args: str) -> int:
    return new_rule.main([*args, "--root", str(root)])


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_creates_rule_file_and_fixtures_in_every_format(root, capsys):
    assert scaffold(root, "AZ810", "storage-public-blob-access", *STORAGE) == 0
    fixture_dir = root / "tests" / "rules" / "AZ810"
    assert {str(p.relative_to(fixture_dir)) for p in fixture_dir.rglob("*") if p.is_file()} == {
        "fail-storage-public-blob-access.json", "pass-storage-public-blob-access.json",
        "fail-storage-public-blob-access.bicep", "pass-storage-public-blob-access.bicep",
        "fail-terraform/main.tf", "pass-terraform/main.tf",
    }
    rule = load_file(root / "rules" / "network" / "AZ810-storage-public-blob-access.toml")
    assert (rule.id, rule.slug, rule.info.severity, rule.info.status) == (
        "AZ810", "storage-public-blob-access", "warning", "preview")
    assert rule.info.title == 'Storage account allows "public" blob access'
    assert rule.checks[0].resource_types == frozenset({"microsoft.storage/storageaccounts"})
    out = capsys.readouterr().out
    assert "pytest tests/rules -k AZ810 --snapshot-update" in out
    assert "python scripts/generate_docs.py" in out


def test_terraform_stub_uses_the_mapped_azurerm_type_else_azapi(root):
    assert scaffold(root, "AZ810", "storage-public-blob-access", *STORAGE) == 0
    assert scaffold(root, "AZ811", "made-up-thing", "--category", "network", "--title", "t",
                    "--resource-type", "Microsoft.Example/widgets") == 0
    storage = (root / "tests/rules/AZ810/fail-terraform/main.tf").read_text()
    made_up = (root / "tests/rules/AZ811/fail-terraform/main.tf").read_text()
    assert 'resource "azurerm_storage_account" "example" { # expect: AZ810' in storage
    assert 'resource "azapi_resource" "example" { # expect: AZ811' in made_up
    assert 'type      = "Microsoft.Example/widgets@' in made_up


def test_scaffold_finds_nothing_so_the_fixture_test_fails_until_the_condition_is_written(root):
    assert scaffold(root, "AZ810", "storage-public-blob-access", *STORAGE) == 0
    rule_dir = root / "rules" / "network"
    for fixture in sorted((root / "tests" / "rules" / "AZ810").iterdir()):
        result = run_check(CheckOptions(paths=[str(fixture)]))
        assert not result.input_errors, [str(e) for e in result.input_errors]
        expected = fixtures.expected_findings(fixture)
        assert bool(expected) == fixture.name.startswith("fail"), fixture.name
    user_dir = root / "user"
    user_dir.mkdir()
    shutil.copy(rule_dir / "AZ810-storage-public-blob-access.toml", user_dir)
    result = run_check(CheckOptions(paths=[str(root / "tests" / "rules" / "AZ810")], select=["AZ810"],
                                    rules_dirs=[str(user_dir)]))
    assert result.visible_findings == []  # while every fail fixture expects one


def test_the_stub_fixtures_are_valid_inputs_that_a_real_condition_flags(root):
    """With the placeholder condition made true, each fixture gives one finding at its resource."""
    assert scaffold(root, "AZ810", "storage-public-blob-access", *STORAGE) == 0
    user_dir = root / "user"
    user_dir.mkdir()
    text = (root / "rules/network/AZ810-storage-public-blob-access.toml").read_text()
    assert "\nfalse  # TODO(new_rule)" in text
    (user_dir / "AZ810-storage-public-blob-access.toml").write_text(
        text.replace("\nfalse  # TODO(new_rule)", "\ntrue  # TODO(new_rule)"))
    fixture_dir = root / "tests" / "rules" / "AZ810"
    result = run_check(CheckOptions(paths=[str(fixture_dir)], select=["AZ810"], rules_dirs=[str(user_dir)]))
    assert not result.input_errors
    files = sorted(Path(f.location.file).relative_to(fixture_dir).as_posix() for f in result.visible_findings)
    assert files == sorted(str(p.relative_to(fixture_dir)) for p in fixture_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("args, complaint", [
    (["AZ81", "ok-slug"], "id 'AZ81' must look like"),
    (["az810", "ok-slug"], "id 'az810' must look like"),
    (["AZ810", "Bad_Slug"], "slug 'Bad_Slug' must be"),
    (["AZ810", "trailing-"], "slug 'trailing-' must be"),
    (["AZ803", "fresh-slug"], "id AZ803 is already used by rules/network/AZ803-public-ip-without-nsg.toml"),
    (["AZ810", "public-ip-without-nsg"], "slug 'public-ip-without-nsg' is already used"),
    (["AZ001", "fresh-slug"], "AZ0xx ids are azlint's own diagnostics"),
    (["AZ810", "unused-suppression"], "azlint's own diagnostic AZ001"),
])
def test_refuses_malformed_or_used_names_and_writes_nothing(root, capsys, args, complaint):
    before = tree(root)
    assert scaffold(root, *args, *STORAGE) == 2
    assert complaint in capsys.readouterr().err
    assert tree(root) == before


def test_refuses_a_retired_name_from_the_redirect_table(root, capsys):
    (root / "rules" / "redirects.toml").write_text('[redirects]\nAZ899 = "AZ803"\n"old-nsg" = "AZ803"\n')
    assert scaffold(root, "AZ899", "fresh-slug", *STORAGE) == 2
    assert scaffold(root, "AZ810", "old-nsg", *STORAGE) == 2
    assert capsys.readouterr().err.count("retired name") == 2


def test_refuses_unknown_category_unless_asked_to_create_it(root, capsys):
    args = ["AZ810", "fresh-slug", "--category", "storage", "--title", "t"]
    assert scaffold(root, *args) == 2
    assert "no category 'storage'" in capsys.readouterr().err
    assert scaffold(root, *args, "--new-category") == 0
    assert (root / "rules" / "storage" / "AZ810-fresh-slug.toml").is_file()


def test_refuses_an_existing_fixture_folder(root, capsys):
    (root / "tests" / "rules" / "AZ810").mkdir()
    assert scaffold(root, "AZ810", "fresh-slug", *STORAGE) == 2
    assert "tests/rules/AZ810 already exists" in capsys.readouterr().err


def test_guide_section_sets_the_help_link():
    request = new_rule.Request("AZ810", "x", "network", "t", "warning", "A.B/c",
                               "Mitigate and protect against DDoS")
    text = new_rule.render_rule(request)
    assert 'guide-section = "Mitigate and protect against DDoS"' in text
    assert "operational-best-practices#mitigate-and-protect-against-ddos" in text


def test_command_line_run(root):
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "new_rule.py"), "AZ810", "a-b", *STORAGE,
                           "--root", str(root)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Next steps" in proc.stdout
    assert len(load_dir(root / "rules")) == len(load_dir(REPO / "rules")) + 1
    user = root / "user"
    user.mkdir()
    shutil.copy(root / "rules" / "network" / "AZ810-a-b.toml", user)
    listed = run_azlint("rules", "--rules-dir", str(user))
    assert listed.returncode == 0, listed.stderr
    assert any(line.startswith("AZ810") and line.endswith("(preview)") for line in listed.stdout.splitlines())


def test_no_builtin_rule_or_fixture_keeps_a_scaffold_marker():
    """A scaffolded rule is finished only when every TODO(new_rule) marker is gone."""
    leftovers = [str(p.relative_to(REPO))
                 for folder in (REPO / "rules", REPO / "tests" / "rules")
                 for p in folder.rglob("*") if p.is_file() and p.suffix in (".toml", ".json", ".bicep", ".tf")
                 and new_rule.TODO in p.read_text(encoding="utf-8", errors="replace")]
    assert leftovers == []
