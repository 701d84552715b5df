"""The `sarif` reporter: a SARIF 2.1.0 log for GitHub code scanning, Azure DevOps and editors.

Paths are repository-relative under the `SRCROOT` base id, which the run
declares as an absolute `file:///` URI. `partialFingerprints` hash the rule,
file, resource and model path (never the line), so alerts follow a finding
when lines move. Suppressed findings are kept, carrying `suppressions`.
"""

from __future__ import annotations

import json
from pathlib import Path as FsPath
from urllib.parse import quote

from linter import __version__
from linter.findings import Finding, RuleInfo
from linter.model import InputError
from linter.report.common import (
    INFORMATION_URI,
    TOOL_NAME,
    fingerprint,
    format_model_path,
    is_absolute,
    relative_path,
    reported_findings,
)
from linter.report.sarif_rules import rule_descriptor
from linter.result import RunResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "SRCROOT"
MAX_RESULTS = 25_000  # GitHub code scanning rejects runs with more
FINGERPRINT_KEY = "azlintFingerprint/v1"


def root_uri(root: str) -> str:
    uri = FsPath(root).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(file: str, root: str) -> dict:
    path = relative_path(file, root)
    if is_absolute(path):
        return {"uri": FsPath(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _region(line: int | None, column: int | None, end_line=None, end_column=None) -> dict:
    region = {"startLine": max(1, line)} if line is not None else {}
    if line is not None and column is not None:
        region["startColumn"] = max(1, column)
    if line is not None and end_line is not None and end_line >= line:
        region["endLine"] = end_line
        if end_column is not None and column is not None and (end_line > line or end_column >= column):
            region["endColumn"] = max(1, end_column)
    return region


def physical_location(file: str, root: str, region: dict) -> dict:
    location = {"artifactLocation": artifact_location(file, root)}
    if region:
        location["region"] = region
    return location


def _suppression(justification: str | None) -> dict:
    text = (justification or "").strip()
    kind = "external" if text.lower().startswith("baseline") else "inSource"
    suppression = {"kind": kind, "status": "accepted"}
    if text:
        suppression["justification"] = text
    return suppression


def sarif_result(finding: Finding, rule_index: int, root: str) -> dict:
    loc = finding.location
    resource = finding.resource
    region = _region(loc.line, loc.column, loc.end_line, loc.end_column)
    properties: dict = {"resourceType": resource.type, "path": format_model_path(finding.path)}
    if finding.undecided:
        properties["undecided"] = True
    if finding.instances:
        properties["instances"] = list(finding.instances)
    result = {
        "ruleId": finding.rule.id,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": physical_location(loc.file, root, region),
                "logicalLocations": [
                    {
                        "name": resource.display_name,
                        "fullyQualifiedName": f"{resource.type}/{resource.display_name}",
                        "kind": "resource",
                    }
                ],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, root)},
        "properties": properties,
    }
    if finding.suppressed:
        result["suppressions"] = [_suppression(finding.suppression)]
    return result


def _notification(error: InputError, root: str) -> dict:
    level = "error" if error.kind == "error" else "note"
    region = _region(error.line, error.column)
    return {
        "level": level,
        "message": {"text": error.message},
        "locations": [{"physicalLocation": physical_location(error.file, root, region)}],
    }


def _rule_table(result: RunResult, findings: list[Finding]) -> tuple[list[RuleInfo], dict[str, int]]:
    """The run's rules, plus any rule a finding names that the run did not list."""
    rules = list(result.rules)
    seen = {r.id for r in rules}
    for finding in findings:
        if finding.rule.id not in seen:
            rules.append(finding.rule)
            seen.add(finding.rule.id)
    return rules, {rule.id: index for index, rule in enumerate(rules)}


def sarif_log(result: RunResult) -> dict:
    findings = reported_findings(result)
    # visible findings first, so truncation drops suppressed ones before real ones
    findings.sort(key=lambda f: f.suppressed)
    rules, index = _rule_table(result, findings)
    notifications = [_notification(e, result.root) for e in result.errors]
    if len(findings) > MAX_RESULTS:
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{len(findings)} results found; only the first {MAX_RESULTS} are reported"
                },
            }
        )
        findings = findings[:MAX_RESULTS]
    run = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(result.root)}},
        "invocations": [
            {
                "executionSuccessful": not result.input_errors,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": [sarif_result(f, index[f.rule.id], result.root) for f in findings],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: RunResult, *, color: bool = False) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
