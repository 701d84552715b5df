"""The `junit` reporter: JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One failing `<testcase>` per rule and file (classname = file, name = "ID slug")
with a `<failure>` per finding; input errors as `<error>` test cases. A run
without either reports one passing test case named "azlint", so the suite is
never empty.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from linter.findings import Finding
from linter.report.common import TOOL_NAME, relative_path, sort_errors, sort_findings
from linter.result import RunResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry (control characters from a template) replaced."""
    return _NOT_XML.sub("\ufffd", text)


def _group(findings: list[Finding], root: str) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in sort_findings(findings, root):
        key = (relative_path(finding.location.file, root), f"{finding.rule.id} {finding.rule.slug}")
        groups.setdefault(key, []).append(finding)
    return dict(sorted(groups.items()))


def _failure(case: ET.Element, finding: Finding, path: str) -> None:
    loc = finding.location
    label = " (undecided)" if finding.undecided else ""
    failure = ET.SubElement(
        case,
        "failure",
        message=xml_safe(f"line {loc.line}: {finding.message}{label}"),
        type=finding.level,
    )
    failure.text = xml_safe(
        f"{path}:{loc.line}:{loc.column}: {finding.rule.id} {finding.rule.slug}{label} {finding.message}\n"
        f"resource: {finding.resource.type} '{finding.resource.display_name}'"
    )


def junit_tree(result: RunResult) -> ET.Element:
    suites = ET.Element("testsuites", name=TOOL_NAME)
    suite = ET.SubElement(suites, "testsuite", name=TOOL_NAME)
    groups = _group(result.visible_findings, result.root)
    for (path, name), findings in groups.items():
        case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=name)
        for finding in findings:
            _failure(case, finding, path)
    errors = sort_errors(result.errors, result.root)
    error_count = 0
    for error in errors:
        path = relative_path(error.file, result.root)
        case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=f"input {error.kind}")
        where = f"line {error.line}: " if error.line is not None else ""
        if error.kind == "error":
            error_count += 1
            ET.SubElement(case, "error", message=xml_safe(f"{where}{error.message}"), type="input-error")
        else:
            ET.SubElement(case, "system-out").text = xml_safe(f"{where}{error.message}")
    if not groups and not errors:
        ET.SubElement(suite, "testcase", classname=TOOL_NAME, name=TOOL_NAME)
    tests = len(suite)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(len(groups)))
        element.set("errors", str(error_count))
    return suites


def render_junit(result: RunResult, *, color: bool = False) -> str:
    tree = junit_tree(result)
    ET.indent(tree)
    return ET.tostring(tree, encoding="unicode", xml_declaration=True) + "\n"
