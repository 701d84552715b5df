"""The JUnit reporter: parseable XML, one failing case per rule and file, input errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from linter.report import render
from linter.result import RunResult

from .builders import build_result


def parse(result) -> ET.Element:
    text = render("junit", result)
    assert text.startswith("<?xml")
    return ET.fromstring(text)


def test_failures_grouped_by_rule_and_file(project):
    root = parse(build_result(project, show_undecided=True))
    suite = root.find("testsuite")
    assert suite.get("name") == "azlint"
    cases = {(c.get("classname"), c.get("name")): c for c in suite.findall("testcase")}
    nsg = cases[("infra/nsg.bicep", "AZ804 nsg-management-ports-open")]
    messages = [f.get("message") for f in nsg.findall("failure")]
    assert messages == [
        "line 1: Source prefix depends on a parameter (undecided)",
        "line 9: Inbound rule 'allow-ssh' opens port 22 to any source",
    ]
    tls = cases[("azuredeploy.json", "AZ501 storage-old-tls")]
    assert [f.get("message") for f in tls.findall("failure")] == ["line 3: minimumTlsVersion is TLS1_0"]
    assert suite.get("tests") == "4" and suite.get("failures") == "2" and suite.get("errors") == "1"


def test_suppressed_findings_do_not_fail(result):
    text = render("junit", result)
    assert "Accepted risk" not in text and "Old finding" not in text


def test_input_errors_are_error_cases(result):
    suite = parse(result).find("testsuite")
    broken = [c for c in suite.findall("testcase") if c.get("classname") == "broken.json"]
    assert len(broken) == 1
    error = broken[0].find("error")
    assert error is not None and error.get("message") == "line 4: Expected ',' or '}'"
    note = [c for c in suite.findall("testcase") if c.get("classname") == "main.bicep"][0]
    assert note.find("error") is None and note.find("failure") is None


def test_clean_run_has_one_passing_case(tmp_path):
    suite = parse(RunResult(root=str(tmp_path))).find("testsuite")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name"), len(c)) for c in cases] == [("azlint", "azlint", 0)]
    assert suite.get("failures") == "0"


def test_special_characters_are_escaped(project):
    result = build_result(project)
    result.findings[0].message = "port <22> & \"all\""
    root = parse(result)
    messages = [f.get("message") for f in root.iter("failure")]
    assert "line 9: port <22> & \"all\"" in messages


def test_control_characters_do_not_break_xml(project):
    result = build_result(project)
    result.findings[0].message = "name 'a\x00b\x1b[31m' is bad"
    root = parse(result)
    assert "name 'a\ufffdb\ufffd[31m' is bad" in [f.get("message")[len("line 9: "):] for f in root.iter("failure")]
