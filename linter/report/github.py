"""The `github` reporter: GitHub Actions workflow commands, shown as annotations on a pull request.

Each line is `::LEVEL file=...,line=...,col=...,title=...::message`. Data is
escaped (`%`, CR, LF) and property values also escape `:` and `,`, as the
workflow-commands documentation asks.
"""

from __future__ import annotations

from linter.findings import Finding
from linter.model import InputError
from linter.report.common import relative_path, sort_errors, visible_findings
from linter.result import RunResult

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{COMMANDS.get(level, 'error')} {props}::{escape_data(message)}"


def finding_command(finding: Finding, root: str) -> str:
    loc = finding.location
    title = f"{finding.rule.id} {finding.rule.slug}"
    if finding.undecided:
        title += " (undecided)"
    properties = {
        "file": relative_path(loc.file, root),
        "line": loc.line,
        "col": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column if loc.end_line == loc.line else None,
        "title": title,
    }
    return command(finding.level, properties, finding.message)


def error_command(error: InputError, root: str) -> str:
    properties = {
        "file": relative_path(error.file, root),
        "line": error.line,
        "col": error.column if error.line is not None else None,
        "title": "azlint input error" if error.kind == "error" else "azlint note",
    }
    return command("error" if error.kind == "error" else "note", properties, error.message)


def render_github(result: RunResult, *, color: bool = False) -> str:
    lines = [finding_command(f, result.root) for f in visible_findings(result)]
    lines += [error_command(e, result.root) for e in sort_errors(result.errors, result.root)]
    return "".join(line + "\n" for line in lines)
