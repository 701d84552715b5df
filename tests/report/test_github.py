"""The GitHub workflow-commands reporter: levels, properties and escaping."""

from __future__ import annotations

from linter.model import InputError
from linter.report import render
from linter.report.github import escape_data, escape_property
from linter.result import RunResult

from .builders import build_result


def test_one_command_per_visible_finding_and_error(result):
    lines = render("github", result).splitlines()
    assert lines == [
        "::warning file=azuredeploy.json,line=3,col=5,title=AZ501 storage-old-tls::minimumTlsVersion is TLS1_0",
        "::error file=infra/nsg.bicep,line=9,col=3,title=AZ804 nsg-management-ports-open"
        "::Inbound rule 'allow-ssh' opens port 22 to any source",
        "::error file=broken.json,line=4,col=12,title=azlint input error::Expected ',' or '}'",
        "::notice file=main.bicep,title=azlint note::linked template not fetched: https://x/y.json",
    ]


def test_undecided_is_a_notice(project):
    out = render("github", build_result(project, show_undecided=True))
    assert (
        "::notice file=infra/nsg.bicep,line=1,col=1,title=AZ804 nsg-management-ports-open (undecided)"
        "::Source prefix depends on a parameter"
    ) in out


def test_escaping():
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_message_and_file_escaped_in_commands(project):
    result = build_result(project)
    result.findings[0].message = "first line\nsecond, with 100%"
    result.errors = [InputError(str(project / "odd,name:x.json"), "bad", 1, 1)]
    out = render("github", result)
    assert "::first line%0Asecond, with 100%25\n" in out
    assert "file=odd%2Cname%3Ax.json," in out
    assert all(line.startswith("::") for line in out.splitlines())


def test_empty_run_prints_nothing(tmp_path):
    assert render("github", RunResult(root=str(tmp_path))) == ""
