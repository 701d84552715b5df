"""A code frame: the offending source line with its neighbours, a line-number gutter and a caret.

Pure text in, text out; colour is applied through the `paint` callbacks so the
frame itself stays testable without ANSI codes.
"""

from __future__ import annotations

from typing import Callable

Paint = Callable[[str], str]
TAB_WIDTH = 4
MAX_WIDTH = 120  # longer lines (minified JSON) are shown as a window around the caret
CONTEXT_BEFORE = 40


def _plain(text: str) -> str:
    return text


def _window(line: str, caret: int) -> tuple[str, int]:
    """Cut an over-long line to MAX_WIDTH characters around the caret; returns (text, new caret)."""
    if len(line) <= MAX_WIDTH:
        return line, caret
    start = max(0, min(caret - CONTEXT_BEFORE, len(line) - MAX_WIDTH))
    text = line[start:start + MAX_WIDTH]
    if start > 0:
        text = "…" + text[1:]
    if start + MAX_WIDTH < len(line):
        text = text[:-1] + "…"
    return text, caret - start


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
    target = lines[line - 1]
    prefix = target[: max(0, column - 1)]
    caret = len(prefix.expandtabs(TAB_WIDTH))
    frame = []
    for number in range(first, last + 1):
        text = lines[number - 1].expandtabs(TAB_WIDTH).rstrip()
        shown, shown_caret = _window(text, caret)
        marker = ">" if number == line else " "
        gutter = gutter_paint(f"{marker} {number:>{width}} |")
        frame.append(f"{indent}{gutter} {shown}".rstrip())
        if number == line:
            blank = gutter_paint(f"  {'':>{width}} |")
            frame.append(f"{indent}{blank} {' ' * shown_caret}{caret_paint('^')}")
    return frame
