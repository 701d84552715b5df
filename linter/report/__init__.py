"""Reporters: turn a `RunResult` into text for people, or JSON, SARIF, JUnit, GitHub commands for tools.

`render(fmt, result, color=...)` is the one entry point; `FORMATS` lists the
format names in the order the CLI offers them.
"""

from __future__ import annotations

from typing import Callable

from linter.report.github import render_github
from linter.report.json_report import render_json
from linter.report.junit import render_junit
from linter.report.sarif import render_sarif
from linter.report.text import render_text
from linter.result import RunResult

Renderer = Callable[..., str]

_RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(fmt: str, result: RunResult, *, color: bool = False) -> str:
    """The report in format `fmt`; colour only applies to `text`."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(result, color=color)


__all__ = ["FORMATS", "render"]
