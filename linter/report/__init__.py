"""Reporters: turn a `RunResult` into text for people, or JSON, SARIF, JUnit, GitHub commands for tools.

`render(fmt, result, color=...)` is the one entry point; `FORMATS` lists the
format names in the order the CLI offers them. Each reporter is imported only
when its format is asked for, so start-up pays for one.
"""

from __future__ import annotations

import importlib

from linter.result import RunResult

# format -> (module, function)
_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("linter.report.text", "render_text"),
    "json": ("linter.report.json_report", "render_json"),
    "sarif": ("linter.report.sarif", "render_sarif"),
    "junit": ("linter.report.junit", "render_junit"),
    "github": ("linter.report.github", "render_github"),
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(fmt: str, result: RunResult, *, color: bool = False) -> str:
    """The report in format `fmt`; colour only applies to `text`."""
    try:
        module_name, function_name = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    renderer = getattr(importlib.import_module(module_name), function_name)
    return renderer(result, color=color)


__all__ = ["FORMATS", "render"]
