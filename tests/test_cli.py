"""The command line on real files: what a user sees, exit codes included."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from azlint_testing import REPO, run_azlint, validate_sarif

SAMPLES = REPO / "sample-templates"


def _finding_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if re.match(r"^\S+:\d+:\d+: AZ\d{3} ", line)]


def test_version():
    proc = run_azlint("--version")
    assert proc.returncode == 0
    assert re.search(r"azlint, version \d+\.\d+\.\d+", proc.stdout)


INSECURE = {
    "sample-templates/arm/jumpbox-insecure.json",
    "sample-templates/bicep/jumpbox-insecure.bicep",
    "sample-templates/terraform/insecure-jumpbox/main.tf",
}


def test_sample_templates_report_the_insecure_jump_boxes_and_exit_1():
    proc = run_azlint("check", "sample-templates", "--show-undecided")
    assert proc.returncode == 1, proc.stderr
    lines = _finding_lines(proc.stdout)
    where = {(line.split(":")[0], line.split(": ")[1].split()[0]) for line in lines}
    for sample in INSECURE:
        for rule_id in ("AZ801", "AZ803", "AZ804", "AZ401", "AZ601", "AZ808"):
            assert (sample, rule_id) in where, (sample, rule_id)
    assert ("sample-templates/arm/jumpbox-insecure.json", "AZ805") in where
    assert {file for file, _ in where} == INSECURE, "the secure samples must give no finding, undecided included"


def test_findings_point_at_the_offending_property():
    proc = run_azlint("check", "sample-templates/arm/jumpbox-insecure.json", "--format", "json")
    report = json.loads(proc.stdout)
    text = (SAMPLES / "arm" / "jumpbox-insecure.json").read_text().splitlines()
    for finding in report["findings"]:
        line = text[finding["line"] - 1]
        if finding["rule_id"] == "AZ804":
            assert "PortRange" in line, (finding, line)
        if finding["rule_id"] == "AZ805":
            assert '"destinationPortRange": "*"' in line, (finding, line)
        if finding["rule_id"] == "AZ803":
            assert '"publicIPAddress"' in line, (finding, line)


def test_sarif_output_is_schema_valid_and_located(tmp_path):
    out = tmp_path / "azlint.sarif"
    proc = run_azlint("check", "sample-templates", "--format", "sarif", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    log = json.loads(out.read_text())
    validate_sarif(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"AZ801", "AZ803", "AZ804", "AZ805"} <= {rule["id"] for rule in rules}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in INSECURE
        assert location["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]
        assert location["region"]["startLine"] > 1
        assert result["partialFingerprints"]


def test_fail_on_error_ignores_warnings(tmp_path):
    template = tmp_path / "vm.json"
    template.write_text((REPO / "tests/rules/AZ801/fail-lone-vm.json").read_text())
    assert run_azlint("check", str(template)).returncode == 1
    assert run_azlint("check", str(template), "--fail-on", "error").returncode == 0
    assert run_azlint("check", str(template), "--fail-on", "never").returncode == 0


def test_select_and_ignore_take_ids_slugs_and_prefixes():
    ids = lambda proc: {line.split(": ")[1].split()[0] for line in _finding_lines(proc.stdout)}  # noqa: E731
    assert ids(run_azlint("check", "sample-templates", "--select", "AZ804")) == {"AZ804"}
    assert ids(run_azlint("check", "sample-templates", "--select", "nsg-all-ports-open")) == {"AZ805"}
    assert "AZ801" not in ids(run_azlint("check", "sample-templates", "--ignore", "vm-not-in-availability-set"))
    assert ids(run_azlint("check", "sample-templates", "--select", "AZ801,AZ803,AZ804", "--ignore", "AZ801")) == {
        "AZ803",
        "AZ804",
    }


def test_unknown_rule_in_select_is_a_usage_error():
    proc = run_azlint("check", "sample-templates", "--select", "AZ999")
    assert proc.returncode == 2
    assert "AZ999" in proc.stderr


def test_missing_path_is_a_usage_error():
    proc = run_azlint("check", "does-not-exist")
    assert proc.returncode == 2
    assert "does-not-exist" in proc.stderr


def test_broken_file_is_reported_and_others_still_linted(tmp_path):
    (tmp_path / "broken.json").write_text(
        '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n'
        '  "resources": [ { "type": \n'
    )
    (tmp_path / "vm.json").write_text((REPO / "tests/rules/AZ801/fail-lone-vm.json").read_text())
    proc = run_azlint("check", str(tmp_path))
    assert proc.returncode == 2
    assert "broken.json:" in proc.stdout + proc.stderr
    assert "AZ801" in proc.stdout


def test_quiet_prints_nothing():
    proc = run_azlint("check", "sample-templates", "--quiet")
    assert proc.returncode == 1
    assert proc.stdout == ""


def test_rules_lists_every_rule():
    proc = run_azlint("rules")
    assert proc.returncode == 0
    for rule_id, slug in [
        ("AZ801", "vm-not-in-availability-set"),
        ("AZ803", "public-ip-without-nsg"),
        ("AZ804", "nsg-management-ports-open"),
        ("AZ805", "nsg-all-ports-open"),
    ]:
        assert re.search(rf"^{rule_id}\s+{slug}\s+(error|warning|note)\s+\S", proc.stdout, re.M)


def test_explain_by_id_and_slug():
    by_id = run_azlint("explain", "AZ804")
    by_slug = run_azlint("explain", "nsg-management-ports-open")
    assert by_id.returncode == 0 and by_id.stdout == by_slug.stdout
    for heading in ("What it flags", "Why it matters", "Noncompliant example", "Compliant example", "How to fix"):
        assert heading in by_id.stdout
    assert run_azlint("explain", "AZ999").returncode == 2


def test_python_dash_m_and_default_path(tmp_path):
    (tmp_path / "vm.json").write_text((REPO / "tests/rules/AZ801/fail-lone-vm.json").read_text())
    proc = run_azlint("check", cwd=tmp_path)
    assert proc.returncode == 1
    assert "vm.json:" in proc.stdout


# --- the click-free start of a plain `azlint check` (linter/__main__.py) ------------------------

ARM_SAMPLE = "sample-templates/arm/jumpbox-insecure.json"


def _click_params(argv: list[str]) -> dict | None:
    """What click passes to `check` for these arguments; None when it refuses them or prints help."""
    import click

    from linter.cli import check

    try:
        with check.make_context("check", list(argv)) as ctx:
            return dict(ctx.params)
    except (click.ClickException, click.exceptions.Exit):
        return None


def _quick(argv: list[str]) -> dict | None:
    from linter.__main__ import quick_args

    return quick_args(["check", *argv])


def _tokens():
    from hypothesis import strategies as st

    values = ["json", "text", "sarif", "JSON", "warning", "never", "0", "3", "-1", "x", "", "AZ804", "a=b",
              ARM_SAMPLE, "sample-templates", "no-such-file", "-", "--", "=", "--help", "-h", "-q", "-j4",
              "-qj", "-o=out.txt", "--quiet=1", "--format=json", "--format=", "--jobs=2", "--var=A=1",
              "--select=AZ8,AZ804", "--nope", "-x"]
    options = ["--format", "--output", "-o", "--fail-on", "--select", "--ignore", "--show-undecided", "--quiet",
               "-q", "--parameters", "-p", "--rules-dir", "--var-file", "--var", "--jobs", "-j", "--debug",
               "--config", "--baseline", "--write-baseline"]
    return st.lists(st.sampled_from(values + options), max_size=7)


def test_the_quick_parser_agrees_with_click_or_leaves_the_line_to_it():
    from hypothesis import given, settings

    @settings(max_examples=600, deadline=None)
    @given(_tokens())
    def agree(argv):
        quick, clicked = _quick(argv), _click_params(argv)
        if clicked is None:
            assert quick is None, argv  # click refuses it or prints help: click must see it
        elif quick is not None:
            assert quick == clicked, argv

    import os

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        agree()
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("argv", [
    [ARM_SAMPLE],
    [ARM_SAMPLE, "sample-templates/bicep", "--format", "json", "--fail-on", "error", "-q"],
    ["--format=sarif", "-o", "out.sarif", ARM_SAMPLE, "--select", "AZ8", "--ignore=AZ805", "-j", "2"],
    ["-p", "a.parameters.json", "--var", "A=1", "--var-file", "x.tfvars", "--rules-dir", "rules", "--debug",
     "--show-undecided", "--config", "pyproject.toml", "--baseline", "b.json", "--write-baseline", "c.json"],
])
def test_plain_command_lines_take_the_quick_path(argv, monkeypatch):
    monkeypatch.chdir(REPO)
    assert _quick(argv) is not None and _quick(argv) == _click_params(argv)


@pytest.mark.parametrize("argv", [
    ["--help"], [ARM_SAMPLE, "-qj", "1"], ["--", ARM_SAMPLE], ["-o=x", ARM_SAMPLE], ["--var", "novalue"],
    ["--output", "sample-templates"], ["--rules-dir", ARM_SAMPLE], ["--format", "JSON"], ["--jobs", "-1"],
])
def test_anything_else_is_left_to_click(argv, monkeypatch):
    monkeypatch.chdir(REPO)
    assert _quick(argv) is None


def test_a_plain_check_does_not_import_click():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "linter", "check", ARM_SAMPLE],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "AZ804" in proc.stdout
    assert not re.search(r"\|\s+click(\.|$)", proc.stderr, re.M)


@pytest.mark.parametrize("args", [
    ["check", ARM_SAMPLE],
    ["check", ARM_SAMPLE, "--format", "json", "--show-undecided"],
    ["check", ARM_SAMPLE, "--format", "github", "--fail-on", "never"],
    ["check", "sample-templates", "--quiet"],
    ["check", "does-not-exist"],  # a usage error: click words it
    ["check", ARM_SAMPLE, "--select", "AZ999"],
    ["check", ARM_SAMPLE, "--var", "novalue"],
    ["check", ARM_SAMPLE, "--config", "does-not-exist.toml"],  # an error on stderr: click prints it
    ["check", "--help"],
])
def test_the_quick_path_prints_what_click_prints(args):
    """The same command through linter.__main__ and straight through click: same output, same exit code."""
    quick = run_azlint(*args)
    via_click = subprocess.run(
        [sys.executable, "-c", "import sys; from linter.cli import main; main(prog_name='python -m linter')", *args],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert (quick.returncode, quick.stdout, quick.stderr) == (via_click.returncode, via_click.stdout,
                                                              via_click.stderr)


@pytest.mark.parametrize("entry", ["-m linter", "-c 'from linter.cli import main; main()'"])
def test_a_closed_pipe_ends_the_run_quietly_with_exit_1(entry):
    script = f"{sys.executable} {entry} check sample-templates | true; echo ${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert (proc.stdout, proc.stderr) == ("1\n", "")


def test_the_quick_parser_knows_every_option_of_check_as_click_declares_it():
    import click

    from linter import __main__ as quick
    from linter.cli import check

    declared = {}
    for param in check.params:
        if isinstance(param, click.Argument):
            assert param.name == "paths" and param.nargs == -1
            assert (param.type.exists, param.type.file_okay, param.type.dir_okay, param.type.readable) == (
                False, True, True, True)
            continue
        if param.is_flag:
            kind = "flag"
        elif isinstance(param.type, click.Choice):
            kind = "choice:" + param.opts[0][2:]
            assert tuple(param.type.choices) == quick._CHOICES[kind.split(":")[1]]
        elif isinstance(param.type, click.IntRange):
            kind = "int"
            assert (param.type.min, param.type.max, param.type.min_open) == (0, None, False)
        elif isinstance(param.type, click.Path):
            path = param.type
            flags = (path.exists, path.file_okay, path.dir_okay, path.readable, path.writable, path.resolve_path,
                     path.allow_dash, path.type)
            limit = {(False, True, False, True, False, False, False, None): "file",
                     (False, False, True, True, False, False, False, None): "folder",
                     (False, True, False, True, True, False, False, None): "output"}[flags]  # what it checks
            kind = ("many-path:" if param.multiple else "path:") + limit
        else:
            assert param.multiple and param.type == click.STRING
            kind = "many"
        for opt in param.opts:
            declared[opt] = (param.name, kind)
    assert declared == quick._OPTIONS
