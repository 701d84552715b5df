"""Suppressions and the baseline on real frontends (ARM JSON, Bicep, Terraform) and the real rules."""

from __future__ import annotations

import json

import pytest

from linter.baseline import load_baseline, write_baseline
from linter.check import CheckOptions, run_check
from linter.report import render
from linter.suppress import UNUSED_SUPPRESSION, apply_suppressions

from .test_sarif_gates import validate_sarif

RULES = ("AZ804", "AZ805")  # the NSG rules; other rules' findings would only add noise here

RULE = """{
  "name": "ssh",
  "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                 "sourcePortRange": "*", "destinationPortRange": "22",
                 "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}
}"""

ARM = """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-05-01",
      "name": "nsg-honeypot", "location": "westeurope",
      "metadata": {"azlint": {"ignore": ["nsg-management-ports-open"], "reason": "honeypot"}},
      "properties": {"securityRules": [RULE]}
    },
    {
      "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-05-01",
      "name": "nsg-web", "location": "westeurope",
      "properties": {"securityRules": [RULE]}
    }
  ]
}
""".replace("RULE", RULE)

ARM_JSONC = """{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    // azlint-disable-next-line AZ804 jump host, see ticket 42
    {
      "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-05-01",
      "name": "nsg-jump", "location": "westeurope",
      "properties": {"securityRules": [RULE]}
    }
  ]
}
""".replace("RULE", RULE)

BICEP = """\
ABOVE
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'nsg-bicep'
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
          destinationPortRange: '22' // azlint-disable-line AZ805
          sourceAddressPrefix: '*'
          destinationAddressPrefix: '*'
        }
      }
    ]
  }
}
"""

TERRAFORM = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-tf"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22" # azlint:ignore AZ804 lab only
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"""


def lint(root, monkeypatch):
    monkeypatch.chdir(root)
    result = run_check(CheckOptions(paths=["."], select=list(RULES)))
    assert not result.input_errors, [str(e) for e in result.input_errors]
    if UNUSED_SUPPRESSION not in result.rules:  # the pipeline does not apply suppressions itself (yet)
        unused = apply_suppressions(result.findings, active_rules=result.rules)
        result.findings.extend(unused)
        result.rules.append(UNUSED_SUPPRESSION)
    return result


def test_every_format_suppresses_and_sarif_stays_valid(tmp_path, monkeypatch):
    (tmp_path / "arm.json").write_text(ARM)
    (tmp_path / "jump.jsonc").write_text(ARM_JSONC)
    (tmp_path / "main.bicep").write_text(BICEP.replace("ABOVE", "// azlint-disable-next-line AZ804"))
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TERRAFORM)
    result = lint(tmp_path, monkeypatch)
    state = {(f.rule.id, f.resource.display_name): (f.suppressed, f.suppression) for f in result.findings}
    assert state[("AZ804", "nsg-honeypot")] == (True, "honeypot")
    assert state[("AZ804", "nsg-web")] == (False, None)
    assert state[("AZ804", "nsg-jump")] == (True, "jump host, see ticket 42")
    assert state[("AZ804", "nsg-bicep")] == (True, "")
    assert state[("AZ804", "nsg-tf")] == (True, "lab only")
    unused = [f for f in result.findings if f.rule.id == "AZ001"]
    assert [(f.location.file, f.location.line, f.message) for f in unused] == [
        ("main.bicep", 15, "suppression of AZ805 matches no finding")]
    log = json.loads(render("sarif", result))
    validate_sarif(log)
    assert sum(1 for r in log["runs"][0]["results"] if r.get("suppressions")) == 4


@pytest.mark.parametrize("shift", [0, 5])
def test_baseline_on_real_findings_survives_inserted_lines(tmp_path, monkeypatch, shift):
    (tmp_path / "main.bicep").write_text(BICEP.replace("ABOVE", ""))
    baseline_file = tmp_path / ".azlint-baseline.json"
    write_baseline(str(baseline_file), lint(tmp_path, monkeypatch).findings)

    (tmp_path / "main.bicep").write_text(BICEP.replace("ABOVE", "// moved\n" * shift))
    (tmp_path / "arm.json").write_text(ARM)  # nsg-web is new
    result = lint(tmp_path, monkeypatch)
    load_baseline(str(baseline_file)).filter(result.findings)
    visible = [(f.rule.id, f.resource.display_name) for f in result.visible_findings]
    assert visible == [("AZ804", "nsg-web")]
    validate_sarif(json.loads(render("sarif", result)))
