"""The error a Bicep source that cannot be parsed raises."""

from __future__ import annotations


class BicepSyntaxError(Exception):
    """A syntax error with a plain message and a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column
