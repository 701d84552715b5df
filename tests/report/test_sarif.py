"""The SARIF reporter: schema validity, rules, fingerprints, suppressions, invocations, limits."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from linter.model import InputError
from linter.report import render
from linter.report import sarif as sarif_module
from linter.report.common import fingerprint

from .builders import NSG_RULE, build_result, finding, nsg_resource

SCHEMA = json.loads((Path(__file__).parent.parent / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(SCHEMA)


def sarif(result) -> dict:
    log = json.loads(render("sarif", result))
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return log


def results_by_message(log: dict) -> dict[str, dict]:
    return {r["message"]["text"]: r for r in log["runs"][0]["results"]}


def test_schema_itself_is_draft4():
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("show_undecided", [False, True])
def test_valid_against_official_schema(project, show_undecided):
    log = sarif(build_result(project, show_undecided=show_undecided))
    assert log["version"] == "2.1.0"


def test_driver_and_rules(result):
    driver = sarif(result)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "azlint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["AZ501", "AZ804", "AZ901"]
    nsg = driver["rules"][1]
    assert nsg["name"] == "nsg-management-ports-open"
    assert nsg["shortDescription"]["text"] == NSG_RULE.title
    assert "SSH or RDP" in nsg["fullDescription"]["text"] and "attackers" in nsg["fullDescription"]["text"]
    assert "Azure Bastion" in nsg["help"]["text"]
    assert "```bicep\ndestinationPortRange: '22'" in nsg["help"]["markdown"]
    assert "10.0.0.0/8" in nsg["help"]["markdown"]
    assert nsg["helpUri"] == NSG_RULE.help_uri
    assert nsg["defaultConfiguration"]["level"] == "error"
    assert nsg["properties"]["security-severity"] == "8.1"
    assert "security" in nsg["properties"]["tags"]
    assert driver["rules"][2]["properties"]["tags"] == ["security", "preview"]
    assert "helpUri" not in driver["rules"][2]


def test_results_locations_and_base_id(result, project):
    run = sarif(result)["runs"][0]
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    assert base == project.resolve().as_uri() + "/"
    ssh = results_by_message(sarif(result))["Inbound rule 'allow-ssh' opens port 22 to any source"]
    assert ssh["ruleId"] == "AZ804"
    assert run["tool"]["driver"]["rules"][ssh["ruleIndex"]]["id"] == "AZ804"
    assert ssh["level"] == "error"
    physical = ssh["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "infra/nsg.bicep", "uriBaseId": "SRCROOT"}
    assert physical["region"] == {"startLine": 9, "startColumn": 3}
    logical = ssh["locations"][0]["logicalLocations"][0]
    assert logical["name"] == "nsg-web"
    assert logical["fullyQualifiedName"] == "Microsoft.Network/networkSecurityGroups/nsg-web"
    assert ssh["properties"]["path"] == "properties.securityRules[0].properties.destinationPortRange"


def test_undecided_only_when_shown(project):
    hidden = results_by_message(sarif(build_result(project)))
    assert "Source prefix depends on a parameter" not in hidden
    shown = results_by_message(sarif(build_result(project, show_undecided=True)))
    undecided = shown["Source prefix depends on a parameter"]
    assert undecided["level"] == "note" and undecided["properties"]["undecided"] is True


def test_fingerprints_stable_when_line_moves(project):
    def prints(rule_line):
        log = sarif(build_result(project, rule_line=rule_line))
        return {m: r["partialFingerprints"] for m, r in results_by_message(log).items()}

    before, after = prints(9), prints(40)
    assert before == after
    values = [next(iter(p.values())) for p in before.values()]
    assert len(set(values)) == len(values)  # distinct findings, distinct fingerprints


def test_fingerprint_changes_with_model_path(project):
    nsg = nsg_resource(project / "infra" / "nsg.bicep")
    a = finding(NSG_RULE, nsg, "m", ("properties", "securityRules", 0))
    b = finding(NSG_RULE, nsg, "m", ("properties", "securityRules", 1))
    assert fingerprint(a, str(project)) != fingerprint(b, str(project))


def test_suppressions(result):
    found = results_by_message(sarif(result))
    assert found["Accepted risk"]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "legacy client, ticket OPS-12"}
    ]
    assert found["Old finding"]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in found["minimumTlsVersion is TLS1_0"]


def test_invocation_reports_input_errors(result):
    invocation = sarif(result)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "note"]
    assert notes[0]["message"]["text"] == "Expected ',' or '}'"
    assert notes[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "broken.json", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 4, "startColumn": 12},
    }
    assert "region" not in notes[1]["locations"][0]["physicalLocation"]


def test_successful_without_input_errors(result):
    result.errors = [e for e in result.errors if e.kind == "note"]
    assert sarif(result)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_file_outside_root_is_absolute_uri(result, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "a b.json"
    result.errors = [InputError(str(outside), "bad", 2, 3)]
    location = sarif(result)["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": outside.as_uri()}


def test_uri_is_percent_encoded(project):
    (project / "my infra").mkdir()
    result = build_result(project)
    result.errors = [InputError(str(project / "my infra" / "x#1.json"), "bad")]
    note = sarif(result)["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20infra/x%231.json"


def test_results_truncated_with_notification(project, monkeypatch):
    monkeypatch.setattr(sarif_module, "MAX_RESULTS", 2)
    log = sarif(build_result(project))
    run = log["runs"][0]
    assert len(run["results"]) == 2
    assert all("suppressions" not in r for r in run["results"])  # visible findings are kept first
    texts = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert "4 results found; only the first 2 are reported" in texts


def test_unknown_format_is_a_clear_error(result):
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", result)
