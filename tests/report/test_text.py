"""The text reporter: blocks, code frames, input errors, summary, colour."""

from __future__ import annotations

from linter.model import InputError
from linter.report import render
from linter.report.codeframe import code_frame
from linter.report.common import summarize
from linter.report.text import summary_line

from .builders import build_result


def test_text_snapshot(project, snapshot):
    assert render("text", build_result(project)) == snapshot


def test_text_snapshot_with_undecided(project, snapshot):
    assert render("text", build_result(project, show_undecided=True)) == snapshot


def test_findings_sorted_and_suppressed_hidden(result):
    out = render("text", result)
    assert out.index("azuredeploy.json:3:5: AZ501") < out.index("infra/nsg.bicep:9:3: AZ804")
    assert "Accepted risk" not in out and "Old finding" not in out
    assert "undecided" not in out


def test_undecided_labelled_when_shown(project):
    out = render("text", build_result(project, show_undecided=True))
    assert "AZ804 nsg-management-ports-open (undecided) Source prefix depends on a parameter" in out


def test_code_frame_caret_under_column_with_tabs(result):
    lines = render("text", result).splitlines()
    at = lines.index("  >  9 |         destinationPortRange: '22'")
    assert lines[at - 1] == "     8 |         properties: {"
    assert lines[at + 1] == "       |         ^"
    assert lines[at + 2] == "    10 |           sourceAddressPrefix: '*'"


def test_unreadable_file_skips_frame(project):
    result = build_result(project)
    (project / "infra" / "nsg.bicep").unlink()
    out = render("text", result)
    assert "infra/nsg.bicep:9:3: AZ804" in out
    assert "destinationPortRange" not in out


def test_input_errors_and_notes(result):
    out = render("text", result)
    assert "broken.json:4:12: error: Expected ',' or '}'" in out
    assert "main.bicep: note: linked template not fetched" in out


def test_summary_line(result):
    assert render("text", result).rstrip().endswith(
        "2 findings (1 error, 1 warning, 0 notes) in 3 files, 2 resources; 2 suppressed; 1 input error"
    )
    assert summary_line(summarize(result)).startswith("2 findings")


def test_colour_only_when_asked(result):
    assert "\x1b[" not in render("text", result)
    coloured = render("text", result, color=True)
    assert "\x1b[31m" in coloured  # the error id in red
    assert "\x1b[1minfra/nsg.bicep:9:3:" in coloured


def test_file_outside_root_keeps_absolute_path(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "x.json"
    other.write_text("{}\n")
    result = build_result(project)
    result.errors = [InputError(str(other), "bad", 1, 1)]
    assert f"{other.as_posix()}:1:1: error: bad" in render("text", result)


def test_code_frame_edges_and_long_lines():
    assert code_frame(["only"], 2, 1) == []
    assert code_frame(["a", "b"], 1, 1) == ["  > 1 | a", "      | ^", "    2 | b"]
    long = "x" * 300 + "HERE" + "y" * 300
    frame = code_frame([long], 1, 301)
    shown, caret = frame[0], frame[1]
    assert len(shown) < 140
    assert shown[caret.index("^")] == "H"



def test_long_line_window_keeps_neighbours_aligned():
    lines = ["a" * 500, "b" * 250 + "X" + "b" * 249, "c" * 500]
    frame = code_frame(lines, 2, 251)
    caret_at = frame[2].index("^")
    assert frame[1][caret_at] == "X"
    assert frame[0][caret_at] == "a" and frame[3][caret_at] == "c"
    assert all(len(row) < 140 for row in frame)


def test_terminal_escapes_from_templates_are_neutralised(project):
    result = build_result(project)
    result.findings[0].message = "name '\x1b[2Jevil' is bad"
    (project / "infra" / "nsg.bicep").write_text("a\n\x1b]0;title\x07b\tc\n")
    result.findings[0].location = type(result.findings[0].location)(str(project / "infra" / "nsg.bicep"), 2, 13)
    out = render("text", result)
    assert "\x1b" not in out and "\x07" not in out
    assert "name '\ufffd[2Jevil' is bad" in out
    frame = out.splitlines()
    at = next(i for i, row in enumerate(frame) if row.startswith("  > 2 |"))
    assert frame[at + 1].index("^") == frame[at].index("c")  # column 13 is the c after the tab
