"""The gate features through the command line: config file, inline suppressions, baseline, AZ001."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import check, main

from .test_end_to_end import BICEP, TERRAFORM

CLEAN_BICEP = BICEP.replace("ABOVE", "").replace(" // azlint-disable-line AZ805", "")

WIRED = {"baseline", "write_baseline", "config_file"} <= {p.name for p in check.params}
pytestmark = pytest.mark.skipif(not WIRED, reason="issue-7 wiring (see /tmp/issue7-wiring.patch) not in linter/cli.py yet")


def azlint(tmp_path, monkeypatch, *args):
    """`azlint check ARGS` in tmp_path, with only the NSG rules (and AZ001) unless ARGS select others."""
    monkeypatch.chdir(tmp_path)
    select = [] if "--select" in args else ["--select", "AZ804,AZ805,AZ001"]
    return CliRunner().invoke(main, ["check", *select, *args])


def test_config_is_found_and_applied(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text(CLEAN_BICEP)
    assert azlint(tmp_path, monkeypatch, "main.bicep").exit_code == 1
    (tmp_path / ".azlint.toml").write_text('[severity]\nAZ804 = "note"\n')
    result = azlint(tmp_path, monkeypatch, "main.bicep")
    assert result.exit_code == 0, result.output  # a note does not fail the default --fail-on warning
    assert "AZ804" in result.output
    assert azlint(tmp_path, monkeypatch, "--fail-on", "note", "main.bicep").exit_code == 1
    (tmp_path / ".azlint.toml").write_text('fail-on = "note"\n[severity]\nAZ804 = "note"\n')
    assert azlint(tmp_path, monkeypatch, "main.bicep").exit_code == 1


def test_per_file_ignores_and_rule_options(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text(CLEAN_BICEP)
    (tmp_path / ".azlint.toml").write_text('[per-file-ignores]\n"*.bicep" = ["nsg-management-ports-open"]\n')
    assert azlint(tmp_path, monkeypatch, ".").exit_code == 0
    (tmp_path / ".azlint.toml").write_text("[rule-options.AZ804]\nports = [3389]\nudp-ports = [3389]\n")
    assert "AZ804" not in azlint(tmp_path, monkeypatch, ".").output  # 22 is not a management port here


def test_config_errors_exit_2_naming_file_and_key(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text(CLEAN_BICEP)
    (tmp_path / ".azlint.toml").write_text('fail_on = "error"\n')
    result = azlint(tmp_path, monkeypatch, ".")
    assert result.exit_code == 2
    assert ".azlint.toml: key 'fail_on': unknown key" in result.output
    (tmp_path / ".azlint.toml").write_text("[rule-options.AZ804]\nportz = [22]\n")
    result = azlint(tmp_path, monkeypatch, ".")
    assert result.exit_code == 2 and "key 'rule-options.AZ804.portz'" in result.output


def test_inline_suppression_and_unused_suppression(tmp_path, monkeypatch):
    (tmp_path / "main.tf").write_text(TERRAFORM)
    result = azlint(tmp_path, monkeypatch, "--format", "json", ".")
    assert result.exit_code == 0, result.output
    (tmp_path / "main.tf").write_text(TERRAFORM.replace('"22" # azlint:ignore AZ804', '"23" # azlint:ignore AZ804'))
    result = azlint(tmp_path, monkeypatch, ".")
    assert result.exit_code == 1
    assert "AZ001" in result.output and "suppression of AZ804 matches no finding" in result.output
    assert azlint(tmp_path, monkeypatch, "--ignore", "AZ001", ".").exit_code == 0
    assert azlint(tmp_path, monkeypatch, "--ignore", "unused-suppression", ".").exit_code == 0
    only = azlint(tmp_path, monkeypatch, "--select", "AZ001", ".")
    assert only.exit_code == 0 and "AZ001" not in only.output  # no other rule ran: nothing to judge


def test_baseline_gate_reports_only_new_findings(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text(CLEAN_BICEP)
    written = azlint(tmp_path, monkeypatch, "--write-baseline", "baseline.json", ".")
    assert written.exit_code == 0, written.output
    assert len(json.loads((tmp_path / "baseline.json").read_text())["entries"]) >= 1
    (tmp_path / "main.bicep").write_text("// a comment\n// moves every line\n" + CLEAN_BICEP)
    assert azlint(tmp_path, monkeypatch, "--baseline", "baseline.json", ".").exit_code == 0
    sarif = azlint(tmp_path, monkeypatch, "--baseline", "baseline.json", "--format", "sarif", ".")
    kinds = {s["kind"] for r in json.loads(sarif.output)["runs"][0]["results"] for s in r.get("suppressions", [])}
    assert kinds == {"external"}
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TERRAFORM.replace(" # azlint:ignore AZ804 lab only", ""))
    result = azlint(tmp_path, monkeypatch, "--baseline", "baseline.json", ".")
    assert result.exit_code == 1 and "nsg-tf" in result.output and "nsg-bicep" not in result.output


def test_bad_baseline_exits_2(tmp_path, monkeypatch):
    (tmp_path / "main.bicep").write_text(CLEAN_BICEP)
    (tmp_path / "baseline.json").write_text("{}")
    result = azlint(tmp_path, monkeypatch, "--baseline", "baseline.json", ".")
    assert result.exit_code == 2 and "baseline.json: unsupported baseline version" in result.output


def test_rules_and_explain_know_the_meta_rule():
    listed = CliRunner().invoke(main, ["rules"])
    assert listed.exit_code == 0 and "AZ001   unused-suppression" in listed.output
    explained = CliRunner().invoke(main, ["explain", "unused-suppression"])
    assert explained.exit_code == 0 and explained.output.startswith("# AZ001 unused-suppression")
    assert "## How to fix" in explained.output
