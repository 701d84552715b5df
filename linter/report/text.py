"""The `text` reporter: what a person reads in a terminal.

One block per visible finding (sorted by file, line, column): a heading line
`path:line:col: ID slug message`, the resource it concerns, and a code frame.
Input errors and notes follow, then one summary line.
"""

from __future__ import annotations

from typing import Callable

from linter.findings import Finding
from linter.model import InputError
from linter.report.codeframe import code_frame
from linter.report.common import (
    Summary,
    printable,
    read_lines,
    relative_path,
    sort_errors,
    summarize,
    visible_findings,
)
from linter.result import RunResult

LEVEL_COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}
MAX_INSTANCES_SHOWN = 5


class _Style:
    """click.style when colour is on, identity otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, **styles) -> str:
        if not self.color:
            return text
        import click  # only for colour: a report to a file or pipe does without

        return click.style(text, **styles)

    def painter(self, **styles) -> Callable[[str], str]:
        return lambda text: self(text, **styles)


class _SourceCache:
    """Reads each source file at most once, and only when a frame needs it."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, file: str) -> list[str] | None:
        if file not in self._lines:
            self._lines[file] = read_lines(file, self.root)
        return self._lines[file]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_line(summary: Summary) -> str:
    return (
        f"{_plural(summary.findings, 'finding')} ("
        f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}, "
        f"{_plural(summary.notes, 'note')}) "
        f"in {_plural(summary.files, 'file')}, {_plural(summary.resources, 'resource')}; "
        f"{summary.suppressed} suppressed; {_plural(summary.input_errors, 'input error')}"
    )


def _heading(finding: Finding, path: str, style: _Style) -> str:
    loc = finding.location
    colour = LEVEL_COLOURS.get(finding.level, "white")
    where = style(f"{printable(path)}:{loc.line}:{loc.column}:", bold=True)
    rule = style(finding.rule.id, fg=colour, bold=True)
    label = " " + style("(undecided)", fg="magenta") if finding.undecided else ""
    return f"{where} {rule} {finding.rule.slug}{label} {printable(finding.message)}"


def _resource_line(finding: Finding, style: _Style) -> str:
    resource = finding.resource
    if isinstance(resource.name, str):
        text = f"  in {resource.type} '{resource.name}'"
        if resource.symbol and resource.symbol != resource.name:
            text += f" ({resource.symbol})"
    else:
        text = f"  in {resource.type} {resource.symbol or '<unnamed>'} (name not known before deployment)"
    return style(printable(text), dim=True)


def _instances_line(finding: Finding, style: _Style) -> list[str]:
    if not finding.instances:
        return []
    shown = printable(", ".join(finding.instances[:MAX_INSTANCES_SHOWN]))
    more = len(finding.instances) - MAX_INSTANCES_SHOWN
    if more > 0:
        shown += f" and {more} more"
    return [style(f"  = also in copies: {shown}", dim=True)]


def finding_block(finding: Finding, root: str, sources: _SourceCache, style: _Style) -> list[str]:
    path = relative_path(finding.location.file, root)
    block = [_heading(finding, path, style), _resource_line(finding, style)]
    block += _instances_line(finding, style)
    lines = sources.lines(finding.location.file)
    if lines is not None:
        colour = LEVEL_COLOURS.get(finding.level, "white")
        block += code_frame(
            lines,
            finding.location.line,
            finding.location.column,
            gutter_paint=style.painter(fg="blue"),
            caret_paint=style.painter(fg=colour, bold=True),
        )
    return block


def error_line(error: InputError, root: str, style: _Style) -> str:
    where = relative_path(error.file, root)
    if error.line is not None:
        where += f":{error.line}"
        if error.column is not None:
            where += f":{error.column}"
    kind = "error" if error.kind == "error" else "note"
    label = style(f"{kind}:", fg="red" if kind == "error" else "cyan", bold=True)
    return f"{style(printable(where) + ':', bold=True)} {label} {printable(error.message)}"


def render_text(result: RunResult, *, color: bool = False) -> str:
    style = _Style(color)
    sources = _SourceCache(result.root)
    blocks = [
        "\n".join(finding_block(f, result.root, sources, style))
        for f in visible_findings(result)
    ]
    errors = [error_line(e, result.root, style) for e in sort_errors(result.errors, result.root)]
    if errors:
        blocks.append("\n".join(errors))
    blocks.append(style(summary_line(summarize(result)), bold=True))
    return "\n\n".join(blocks) + "\n"
