"""Suppressed and baselined findings through the real reporters: SARIF `suppressions`, hidden in text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from linter.baseline import load_baseline, write_baseline
from linter.report import render
from linter.result import RunResult
from linter.suppress import UNUSED_SUPPRESSION, apply_suppressions

from .conftest import ALL_PORTS, RULES, SSH, finding, resource, write

BICEP = """\
// azlint-disable-next-line AZ804 jump host behind a firewall
resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'nsg'
}

resource other 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'other' // azlint-disable-line AZ805
}
"""


SCHEMA = Path(__file__).resolve().parent.parent / "sarif-schema-2.1.0.json"


def validate_sarif(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def run(tmp_path, findings, extra=()):
    result = RunResult(root=str(tmp_path), findings=list(findings) + list(extra), rules=list(RULES))
    if extra:
        result.rules.append(UNUSED_SUPPRESSION)
    return result


def test_inline_suppression_in_sarif_and_hidden_in_text(tmp_path):
    path = write(tmp_path, "main.bicep", BICEP)
    nsg, other = resource(path, 2, name="nsg"), resource(path, 6, name="other")
    findings = [finding(nsg, SSH, line=3), finding(other, SSH, line=7)]
    unused = apply_suppressions(findings, active_rules=RULES)
    log = json.loads(render("sarif", run(tmp_path, findings, unused)))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    by_rule = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r for r in results}
    assert by_rule[("AZ804", 3)]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "jump host behind a firewall"}]
    assert "suppressions" not in by_rule[("AZ804", 7)]
    assert by_rule[("AZ001", 7)]["message"]["text"] == "suppression of AZ805 matches no finding"
    assert "AZ001" in [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]

    text = render("text", run(tmp_path, findings, unused))
    assert "jump host" not in text
    assert "main.bicep:7" in text and "main.bicep:3" not in text


def test_baseline_suppression_is_external_in_sarif(tmp_path):
    path = write(tmp_path, "main.bicep", BICEP)
    baseline_file = tmp_path / ".azlint-baseline.json"
    old = [finding(resource(path, 6, name="other"), ALL_PORTS, line=7)]
    write_baseline(str(baseline_file), old)
    current = [finding(resource(path, 6, name="other"), ALL_PORTS, line=7),
               finding(resource(path, 2, name="nsg"), ALL_PORTS, line=3)]
    load_baseline(str(baseline_file)).filter(current, root=str(tmp_path))
    log = json.loads(render("sarif", run(tmp_path, current)))
    validate_sarif(log)
    results = {r["locations"][0]["logicalLocations"][0]["name"]: r for r in log["runs"][0]["results"]}
    assert results["other"]["suppressions"] == [{"kind": "external", "status": "accepted",
                                                 "justification": "baseline"}]
    assert "suppressions" not in results["nsg"]
    recorded = json.loads(baseline_file.read_text())["entries"][0]["fingerprint"]
    assert results["other"]["partialFingerprints"]["azlintFingerprint/v1"] == recorded
