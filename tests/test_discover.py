"""Tests for linter.discover: walking, ignoring and classifying input files."""

from __future__ import annotations

import json
import os

import pytest

import linter.discover as discover_module
from linter.discover import (
    ArmInput,
    BicepInput,
    BicepParamInput,
    Skipped,
    TerraformInput,
    discover,
)

TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [],
}
PARAMS = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {},
}
COMPILED = {
    "$schema": TEMPLATE["$schema"],
    "contentVersion": "1.0.0.0",
    "metadata": {"_generator": {"name": "bicep", "version": "0.30.3.12046"}},
    "resources": [],
}


def write(root, relative: str, content="") -> str:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2))
    return relative


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_classifies_each_kind(tree):
    write(tree, "arm/azuredeploy.json", TEMPLATE)
    write(tree, "arm/notes.json", {"hello": "world"})
    write(tree, "bicep/main.bicep", "param location string\n")
    write(tree, "bicep/dev.bicepparam", "using './main.bicep'\nparam location = 'westeurope'\n")
    write(tree, "tf/main.tf", 'resource "azurerm_resource_group" "rg" {}\n')
    write(tree, "tf/variables.tf", "")
    write(tree, "tf/extra.tf.json", "{}")
    write(tree, "README.md", "# hi")
    found = discover(["."])
    assert found.arm == [ArmInput("arm/azuredeploy.json", None)]
    assert found.bicep == [BicepInput("bicep/main.bicep", "bicep/dev.bicepparam")]
    assert found.bicepparam == [BicepParamInput("bicep/dev.bicepparam", "bicep/main.bicep")]
    assert found.terraform == [TerraformInput("tf", ["tf/extra.tf.json", "tf/main.tf", "tf/variables.tf"])]
    assert found.skipped == [Skipped("arm/notes.json", "not an ARM template or parameter file")]
    assert found.errors == []
    assert found.compiled_bicep == {}


def test_schema_match_is_case_insensitive_and_accepts_jsonc_and_bom(tree):
    schema = TEMPLATE["$schema"].replace("deploymentTemplate", "SubscriptionDeploymentTEMPLATE")
    write(tree, "a.jsonc", '// comment\n{"$schema": "' + schema + '", "resources": [],}')
    (tree / "b.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(TEMPLATE).encode())
    assert [a.template for a in discover(["."]).arm] == ["a.jsonc", "b.json"]


def test_schema_after_the_first_kilobytes_is_still_found(tree):
    write(tree, "late.jsonc", "// " + "x" * 6000 + "\n" + json.dumps(TEMPLATE))
    assert discover(["."]).arm == [ArmInput("late.jsonc")]


def test_parameter_pairing_by_name(tree):
    write(tree, "azuredeploy.json", TEMPLATE)
    write(tree, "azuredeploy.parameters.json", PARAMS)
    write(tree, "vm.json", TEMPLATE)
    write(tree, "vm.parameters.json", PARAMS)
    write(tree, "vm.parameters.prod.json", PARAMS)
    found = discover(["."])
    assert found.arm == [
        ArmInput("azuredeploy.json", "azuredeploy.parameters.json"),
        ArmInput("vm.json", "vm.parameters.json"),
    ]
    # an environment-specific file pairs only when asked; alone it is skipped, not an error
    assert found.skipped == [Skipped("vm.parameters.prod.json", "parameter file without its template")]
    assert found.errors == []


def test_explicit_parameter_mapping_overrides(tree):
    write(tree, "vm.json", TEMPLATE)
    write(tree, "vm.parameters.json", PARAMS)
    write(tree, "vm.parameters.prod.json", PARAMS)
    found = discover(["."], parameters={"vm.json": "vm.parameters.prod.json"})
    assert found.arm == [ArmInput("vm.json", "vm.parameters.prod.json")]
    assert [s.path for s in found.skipped] == ["vm.parameters.json"]


def test_explicit_template_file_finds_its_parameters_on_disk(tree):
    write(tree, "vm.json", TEMPLATE)
    write(tree, "vm.parameters.json", PARAMS)
    assert discover(["vm.json"]).arm == [ArmInput("vm.json", "vm.parameters.json")]


def test_parameter_file_alone(tree):
    write(tree, "sub/orphan.parameters.json", PARAMS)
    found = discover(["."])  # found by the walk: nothing to lint, nothing wrong
    assert found.arm == [] and found.errors == []
    assert found.skipped == [Skipped("sub/orphan.parameters.json", "parameter file without its template")]
    named = discover(["sub/orphan.parameters.json"])  # named on the command line: an input error
    assert named.arm == [] and [(e.file, e.line) for e in named.errors] == [("sub/orphan.parameters.json", 1)]
    assert "without its template" in named.errors[0].message


def test_parameter_file_named_alone_lints_its_template(tree):
    write(tree, "vm.json", TEMPLATE)
    write(tree, "vm.parameters.prod.json", PARAMS)
    assert discover(["vm.parameters.prod.json"]).arm == [ArmInput("vm.json", "vm.parameters.prod.json")]


def test_name_alike_that_is_not_a_parameter_file_is_not_paired(tree):
    write(tree, "vm.json", TEMPLATE)
    write(tree, "vm.parameters.json", {"something": "else"})
    assert discover(["."]).arm == [ArmInput("vm.json", None)]


def test_compiled_bicep_beside_its_source(tree):
    write(tree, "main.bicep", "")
    write(tree, "main.json", COMPILED)
    write(tree, "main.parameters.json", PARAMS)
    found = discover(["."])
    assert found.arm == []
    assert found.compiled_bicep == {"main.bicep": "main.json"}
    assert found.bicep == [BicepInput("main.bicep", "main.parameters.json")]


def test_compiled_bicep_alone_is_arm(tree):
    write(tree, "main.json", COMPILED)
    assert discover(["."]).arm == [ArmInput("main.json")]


def test_plain_template_beside_same_stem_bicep_stays_arm(tree):
    write(tree, "main.bicep", "")
    write(tree, "main.json", TEMPLATE)
    found = discover(["."])
    assert found.arm == [ArmInput("main.json")]
    assert found.compiled_bicep == {}


def test_compiled_bicep_generator_beyond_the_sniffed_bytes(tree):
    late = dict(TEMPLATE, parameters={f"p{i}": {"type": "string"} for i in range(300)})
    late["metadata"] = COMPILED["metadata"]
    write(tree, "main.json", late)
    write(tree, "main.bicep", "")
    assert (tree / "main.json").stat().st_size > discover_module.SNIFF_BYTES
    assert discover(["."]).compiled_bicep == {"main.bicep": "main.json"}


def test_terraform_single_file_argument_lints_its_folder_once(tree):
    write(tree, "mod/main.tf", "")
    write(tree, "mod/net.tf", "")
    write(tree, "mod/sub/other.tf", "")
    found = discover(["mod/main.tf", "mod/net.tf"])
    assert found.terraform == [TerraformInput("mod", ["mod/main.tf", "mod/net.tf"])]


def test_terraform_folders_are_separate_modules(tree):
    write(tree, "mod/main.tf", "")
    write(tree, "mod/sub/other.tf", "")
    assert [t.directory for t in discover(["."]).terraform] == ["mod", "mod/sub"]


def test_skipped_folders(tree):
    for folder in (".git", "node_modules", ".terraform/modules/x", ".venv/lib", "__pycache__"):
        write(tree, f"{folder}/t.json", TEMPLATE)
        write(tree, f"{folder}/m.tf", "")
    write(tree, "real.json", TEMPLATE)
    found = discover(["."])
    assert found.arm == [ArmInput("real.json")]
    assert found.terraform == [] and found.skipped == []


def test_gitignore_in_walked_tree(tree):
    write(tree, ".gitignore", "build/\n*.generated.json\n!keep.generated.json\n")
    write(tree, "build/t.json", TEMPLATE)
    write(tree, "a.generated.json", TEMPLATE)
    write(tree, "keep.generated.json", TEMPLATE)
    write(tree, "sub/.gitignore", "local.json\n")
    write(tree, "sub/local.json", TEMPLATE)
    write(tree, "local.json", TEMPLATE)
    found = discover(["."])
    assert [a.template for a in found.arm] == ["keep.generated.json", "local.json"]


def test_nested_gitignore_can_reinclude(tree):
    write(tree, ".gitignore", "*.json\n")
    write(tree, "sub/.gitignore", "!wanted.json\n")
    write(tree, "sub/wanted.json", TEMPLATE)
    write(tree, "sub/other.json", TEMPLATE)
    assert [a.template for a in discover(["."]).arm] == ["sub/wanted.json"]


def test_gitignore_of_enclosing_repository(tree):
    (tree / ".git").mkdir()
    write(tree, ".gitignore", "generated/\n")
    write(tree, "infra/.gitignore", "*.tmp.json\n")
    write(tree, "infra/app/generated/t.json", TEMPLATE)
    write(tree, "infra/app/x.tmp.json", TEMPLATE)
    write(tree, "infra/app/t.json", TEMPLATE)
    assert discover(["infra/app"]).arm == [ArmInput("infra/app/t.json")]


def test_gitignore_outside_a_repository_is_not_read_above_the_root(tree):
    write(tree, ".gitignore", "*.json\n")  # no .git: the walk starts at infra
    write(tree, "infra/t.json", TEMPLATE)
    assert discover(["infra"]).arm == [ArmInput("infra/t.json")]


def test_explicit_file_is_taken_even_if_ignored(tree):
    write(tree, ".gitignore", "*.json\n")
    write(tree, "t.json", TEMPLATE)
    assert discover(["."]).arm == []
    assert discover(["t.json"]).arm == [ArmInput("t.json")]


def test_exclude_patterns(tree):
    write(tree, "a/t.json", TEMPLATE)
    write(tree, "b/t.json", TEMPLATE)
    write(tree, "b/keep.json", TEMPLATE)
    write(tree, "c/main.tf", "")
    found = discover(["."], exclude=["a/", "b/t.json", "*.tf"])
    assert found.arm == [ArmInput("b/keep.json")]
    assert found.terraform == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_do_not_hang(tree, tmp_path_factory):
    write(tree, "a/t.json", TEMPLATE)
    os.symlink(tree / "a", tree / "a" / "loop")  # points at its own parent
    os.symlink(tree, tree / "a" / "up")  # points at the root
    outside = tmp_path_factory.mktemp("outside")
    write(outside, "o.json", TEMPLATE)
    os.symlink(outside, tree / "ext")
    os.symlink(outside, tree / "ext2")  # the same target twice: walked once
    os.symlink(tree / "ext", outside / "back")  # a loop through the outside folder
    os.symlink(outside / "o.json", tree / "leak.json")  # a file link leading outside
    os.symlink(tree / "a" / "t.json", tree / "alias.json")  # a file link inside the tree
    found = discover(["."])
    # links are never followed: what they point at inside the tree is walked where it really is
    assert [a.template for a in found.arm] == ["a/t.json"]


def test_missing_path_is_an_error(tree):
    found = discover(["nope.json"])
    assert [(e.file, e.message) for e in found.errors] == [("nope.json", "no such file or directory")]


def test_too_large_json_is_an_error(tree, monkeypatch):
    monkeypatch.setattr(discover_module, "MAX_JSON_BYTES", 1024 * 1024)
    write(tree, "big.json", json.dumps(TEMPLATE) + " " * (3 * 1024 * 1024))
    write(tree, "small.json", TEMPLATE)
    found = discover(["."])
    assert found.arm == [ArmInput("small.json")]
    assert [(e.file, e.message) for e in found.errors] == [("big.json", "file too large: 3 MB, limit 1 MB")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_json_is_an_error(tree):
    write(tree, "locked.json", TEMPLATE)
    os.chmod(tree / "locked.json", 0)
    try:
        found = discover(["."])
    finally:
        os.chmod(tree / "locked.json", 0o600)
    assert [e.file for e in found.errors] == ["locked.json"]


def test_read_error_becomes_input_error(tree, monkeypatch):
    write(tree, "t.json", TEMPLATE)

    def refuse(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(discover_module, "_sniff_json", refuse)
    found = discover(["."])
    assert found.arm == []
    assert [(e.file, e.message) for e in found.errors] == [("t.json", "Permission denied")]


def test_absolute_paths_stay_absolute_and_output_is_sorted(tree):
    for name in ("z", "b", "m"):
        write(tree, f"{name}/t.json", TEMPLATE)
        write(tree, f"{name}/x.tf", "")
    found = discover([str(tree)])
    assert [a.template for a in found.arm] == [str(tree / n / "t.json") for n in ("b", "m", "z")]
    assert [t.directory for t in found.terraform] == [str(tree / n) for n in ("b", "m", "z")]


def test_same_file_twice_is_listed_once(tree):
    write(tree, "t.json", TEMPLATE)
    assert discover(["t.json", ".", "./t.json"]).arm == [ArmInput("t.json")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_into_the_walked_tree_is_not_followed(tree):
    write(tree, "z/t.json", TEMPLATE)
    os.symlink(tree / "z", tree / "a_link")  # sorts first, but the real folder is reported
    assert discover(["."]).arm == [ArmInput("z/t.json")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_an_error(tree):
    write(tree, "locked/t.json", TEMPLATE)
    os.chmod(tree / "locked", 0)
    try:
        found = discover(["."])
    finally:
        os.chmod(tree / "locked", 0o700)
    assert [e.file for e in found.errors] == ["locked"]


def test_unreadable_folder_error_names_the_folder(tree, monkeypatch):
    write(tree, "locked/t.json", TEMPLATE)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover(["."])
    assert [(e.file, e.message) for e in found.errors] == [("locked", "cannot read directory: Permission denied")]


def test_terraform_folder_named_twice_is_one_module(tree):
    write(tree, "mod/main.tf", "")
    write(tree, "mod/net.tf", "")
    found = discover(["mod/main.tf", str(tree / "mod" / "net.tf"), "mod"])
    assert found.terraform == [TerraformInput("mod", ["mod/main.tf", "mod/net.tf"])]
