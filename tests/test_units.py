"""Deployment units and their modules: the lint root, and one report per module resource."""

from __future__ import annotations

import os
import subprocess

import pytest
from azlint_testing import REPO, run_azlint

OPEN_SSH_TF = """
variable "port" {
  type = string
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-from-module"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = var.port
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"""


def _git_repo(path):
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def test_terraform_module_beside_the_environment_is_inside_the_repository(tmp_path):
    _git_repo(tmp_path)
    (tmp_path / "modules" / "nsg").mkdir(parents=True)
    (tmp_path / "modules" / "nsg" / "main.tf").write_text(OPEN_SSH_TF)
    (tmp_path / "envs" / "prod").mkdir(parents=True)
    (tmp_path / "envs" / "prod" / "main.tf").write_text(
        'module "nsg" {\n  source = "../../modules/nsg"\n  port   = "22"\n}\n'
    )
    proc = run_azlint("check", "envs/prod", "--select", "AZ804", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "modules/nsg/main.tf:18:5: AZ804" in proc.stdout


def test_module_outside_the_repository_is_an_input_error(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git_repo(repo)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "main.tf").write_text(OPEN_SSH_TF)
    (repo / "main.tf").write_text('module "x" {\n  source = "../elsewhere"\n  port   = "22"\n}\n')
    proc = run_azlint("check", ".", cwd=repo)
    assert proc.returncode == 2
    assert "main.tf:" in proc.stdout


def test_a_module_linted_with_its_caller_is_reported_once(tmp_path):
    _git_repo(tmp_path)
    (tmp_path / "modules" / "nsg").mkdir(parents=True)
    (tmp_path / "modules" / "nsg" / "main.tf").write_text(OPEN_SSH_TF)
    (tmp_path / "main.tf").write_text('module "nsg" {\n  source = "./modules/nsg"\n  port   = "22"\n}\n')
    proc = run_azlint("check", ".", "--select", "AZ804", "--show-undecided", "--format", "json", cwd=tmp_path)
    import json

    findings = json.loads(proc.stdout)["findings"]
    assert [(f["file"], f["line"], f["undecided"]) for f in findings] == [("modules/nsg/main.tf", 18, False)]


def test_a_bicep_module_linted_with_its_caller_is_reported_once(tmp_path):
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "nsg.bicep").write_text(
        "param port string\n"
        "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n"
        "  name: 'nsg'\n"
        "  location: 'westeurope'\n"
        "  properties: {\n"
        "    securityRules: [\n"
        "      {\n"
        "        name: 'ssh'\n"
        "        properties: {\n"
        "          priority: 100\n"
        "          direction: 'Inbound'\n"
        "          access: 'Allow'\n"
        "          protocol: 'Tcp'\n"
        "          sourceAddressPrefix: '*'\n"
        "          sourcePortRange: '*'\n"
        "          destinationAddressPrefix: '*'\n"
        "          destinationPortRange: port\n"
        "        }\n"
        "      }\n"
        "    ]\n"
        "  }\n"
        "}\n"
    )
    (tmp_path / "main.bicep").write_text("module nsg './modules/nsg.bicep' = {\n  name: 'nsg'\n  params: {\n    port: '22'\n  }\n}\n")
    proc = run_azlint("check", ".", "--select", "AZ804", "--show-undecided", "--format", "json", cwd=tmp_path)
    import json

    findings = json.loads(proc.stdout)["findings"]
    assert [(f["file"], f["line"], f["undecided"]) for f in findings] == [("modules/nsg.bicep", 17, False)]


# --- spreading units over worker processes (linter/check.py) ----------------------------------

def test_chunks_cover_every_unit_once_in_order_and_shrink_to_single_units():
    from linter.check import guided_chunks

    for count in (1, 7, 16, 100, 2033):
        chunks = guided_chunks(list(range(count)), workers=2)
        assert [index for chunk in chunks for index in chunk] == list(range(count))
        sizes = [len(chunk) for chunk in chunks]
        assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1
        assert len(chunks) <= 8 * (count.bit_length() + 1)  # few round trips, even for many units


def test_terraform_units_are_started_first_then_bicep_then_arm_each_in_discovery_order():
    from linter.check import dispatch_order
    from linter.lint_unit import Job

    jobs = [Job("arm", "a1"), Job("bicep", "b1"), Job("terraform", "t1"), Job("arm", "a2"), Job("bicep", "b2"),
            Job("terraform", "t2")]
    assert [jobs[index].path for index in dispatch_order(jobs)] == ["t1", "t2", "b1", "b2", "a1", "a2"]


def _report(jobs: int) -> dict:
    import json
    import os

    from linter.check import CheckOptions, run_check
    from linter.report import render

    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        return json.loads(render("json", run_check(CheckOptions(paths=["tests/rules"], show_undecided=True,
                                                                 jobs=jobs))))
    finally:
        os.chdir(cwd)


def test_worker_processes_lint_every_unit_and_find_the_same_places():
    parallel, serial = _report(2), _report(1)  # tests/rules: well over the 16 units that start a pool
    assert parallel["errors"] == serial["errors"]
    assert (parallel["summary"]["files"], parallel["summary"]["resources"]) == (
        serial["summary"]["files"], serial["summary"]["resources"])
    place = lambda f: (f["rule_id"], f["file"], f["line"], f["column"], f["undecided"])  # noqa: E731
    assert sorted(set(map(place, parallel["findings"]))) == sorted(set(map(place, serial["findings"])))


def test_worker_processes_report_exactly_what_one_process_reports():
    assert _report(2) == _report(1)


def test_findings_of_one_resource_share_one_slim_copy_across_the_process_boundary():
    import pickle

    from linter.lint_unit import make_portable, merge_copy_instances
    from linter.model import Location, Resource, SourceMap

    def finding(resource, message):
        from linter.findings import Finding, RuleInfo

        info = RuleInfo(id="AZ999", slug="test-rule", title="A test rule", severity="warning")
        return Finding(rule=info, resource=resource, message=message, path=("properties",),
                       location=Location("t.json", 3, 5), severity="warning")

    def resource(name):
        return Resource(type="Microsoft.Cache/redis", name=name, body={"properties": {}}, format="arm",
                        source=SourceMap(Location("t.json", 3, 5)))

    one, loop_copy = resource("cache-0"), resource("cache-1")
    shipped = pickle.loads(pickle.dumps(make_portable(
        [finding(one, "first check"), finding(one, "second check"), finding(loop_copy, "first check")])))
    assert shipped[0].resource is shipped[1].resource is not shipped[2].resource
    assert [f.message for f in merge_copy_instances(shipped)] == [
        "first check (2 instances: cache-0, cache-1)", "second check"]


NSG_BICEP = """
param port string = '22'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-from-module'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: port
          sourceAddressPrefix: '*'
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}
"""


def _bicep_caller_and_modules(root):
    (root / "modules").mkdir()
    (root / "modules" / "nsg.bicep").write_text(NSG_BICEP)
    (root / "modules" / "unused.bicep").write_text(NSG_BICEP.replace("nsg-from-module", "nsg-unused"))
    (root / "main.bicep").write_text(
        "// module old 'modules/unused.bicep' = { name: 'old' }\n"  # only a comment: unused.bicep is no module
        "module rdp 'modules/nsg.bicep' = {\n  name: 'rdp'\n  params: { port: '3389' }\n}\n")


def _check_units(root, monkeypatch, order_hints: bool) -> tuple[dict, list[str]]:
    import json

    import linter.check as check
    from linter.report import render

    linted = []
    real_lint_unit = check.lint_unit

    def recording_lint_unit(job, rules, options):
        linted.append(os.path.relpath(job.path, root))
        return real_lint_unit(job, rules, options)

    monkeypatch.setattr(check, "lint_unit", recording_lint_unit)
    if not order_hints:
        monkeypatch.setattr(check, "likely_bicep_modules", lambda jobs: set())
    monkeypatch.chdir(root)
    report = json.loads(render("json", check.run_check(check.CheckOptions(paths=["."], jobs=1))))
    return report, sorted(linted)


def test_a_bicep_module_its_caller_loads_is_linted_only_through_the_caller(tmp_path, monkeypatch):
    _bicep_caller_and_modules(tmp_path)
    report, linted = _check_units(tmp_path, monkeypatch, order_hints=True)
    unhinted, linted_unhinted = _check_units(tmp_path, monkeypatch, order_hints=False)

    assert linted == ["main.bicep", os.path.join("modules", "unused.bicep")]
    assert linted_unhinted == sorted(linted + [os.path.join("modules", "nsg.bicep")])
    assert report == unhinted  # the same report as when every file is also evaluated on its own
    by_file = {}
    for finding in report["findings"]:
        if finding["rule_id"] == "AZ804":
            by_file.setdefault(os.path.basename(finding["file"]), []).append(finding["message"])
    assert "3389" in " ".join(by_file["nsg.bicep"]) and "22" not in " ".join(by_file["nsg.bicep"])
    assert "22" in " ".join(by_file["unused.bicep"])  # a comment does not make a module: linted on its own


@pytest.mark.parametrize("enabled", [True, False])
def test_linting_a_unit_restores_the_garbage_collector_as_it_was(tmp_path, enabled):
    import gc

    from linter.check import CheckOptions, lint_collected, load_selected_rules
    from linter.lint_unit import Job

    (tmp_path / "main.bicep").write_text(NSG_BICEP)
    (tmp_path / "broken.bicep").write_text("this is not bicep")
    (tmp_path / "main.tf").write_text(OPEN_SSH_TF)
    options = CheckOptions(root=str(tmp_path))
    rules = load_selected_rules(options)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        for job in (Job("bicep", str(tmp_path / "main.bicep")), Job("bicep", str(tmp_path / "broken.bicep")),
                    Job("terraform", str(tmp_path), (str(tmp_path / "main.tf"),))):
            outcome = lint_collected(job, rules, options)
            assert gc.isenabled() is enabled
            assert outcome.findings or outcome.errors  # the unit was really linted
    finally:
        gc.unfreeze()
        gc.enable() if was else gc.disable()
