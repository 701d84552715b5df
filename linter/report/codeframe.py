"""A code frame: the offending source line with its neighbours, a line-number gutter and a caret.

Pure text in, text out; colour is applied through the `paint` callbacks so the
frame itself stays testable without ANSI codes.
"""

from __future__ import annotations

from typing import Callable

from linter.report.common import printable

Paint = Callable[[str], str]
TAB_WIDTH = 4
MAX_WIDTH = 120  # longer lines (minified JSON) are shown as a window around the caret
CONTEXT_BEFORE = 40


def _plain(text: str) -> str:
    return text


def _window_start(line: str, caret: int) -> int:
    """Where to start showing an over-long line so the caret stays in view."""
    if len(line) <= MAX_WIDTH:
        return 0
    return max(0, min(caret - CONTEXT_BEFORE, len(line) - MAX_WIDTH))


def _cut(line: str, start: int) -> str:
    """MAX_WIDTH characters of `line` from `start`, with an ellipsis where text is left out."""
    text = line[start:start + MAX_WIDTH]
    if start > 0 and text:
        text = "…" + text[1:]
    if start + MAX_WIDTH < len(line):
        text = text[:-1] + "…"
    return text


def code_frame(
    lines: list[str],
    line: int,
    column: int,
    *,
    gutter_paint: Paint = _plain,
    caret_paint: Paint = _plain,
    indent: str = "  ",
) -> list[str]:
    """The frame around 1-based `line`/`column`; empty when the line is not in `lines`."""
    if line < 1 or line > len(lines):
        return []
    first, last = max(1, line - 1), min(len(lines), line + 1)
    width = len(str(last))
    target = printable(lines[line - 1])
    prefix = target[: max(0, column - 1)]
    caret = len(prefix.expandtabs(TAB_WIDTH))
    # one window for the whole frame, so the neighbours stay aligned with the caret line
    start = _window_start(target.expandtabs(TAB_WIDTH).rstrip(), caret)
    frame = []
    for number in range(first, last + 1):
        shown = _cut(printable(lines[number - 1]).expandtabs(TAB_WIDTH).rstrip(), start)
        marker = ">" if number == line else " "
        gutter = gutter_paint(f"{marker} {number:>{width}} |")
        frame.append(f"{indent}{gutter} {shown}".rstrip())
        if number == line:
            blank = gutter_paint(f"  {'':>{width}} |")
            frame.append(f"{indent}{blank} {' ' * (caret - start)}{caret_paint('^')}")
    return frame
