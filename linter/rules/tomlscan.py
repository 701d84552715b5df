"""Find where a key of a TOML rule file is written (tomllib reports no positions).

A light line scanner: it follows `[table]` / `[[array]]` headers and skips the
inside of multi-line strings, which is all a rule file needs to point an error
at the right line.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*""")
_DELIMS = ('"""', "'''")


class KeyLocator:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # (table, index, key) -> line; ("<table>", table, index) -> header line
        self.keys: dict[tuple, int] = {}
        self._scan()

    def _scan(self) -> None:
        table, index, counts = "", 0, {}
        open_delim = None
        for number, line in enumerate(self.lines, start=1):
            if open_delim is not None:
                if open_delim in line:
                    open_delim = None
                continue
            header = _HEADER.match(line)
            if header:
                table = header.group(2).strip()
                if header.group(1) == "[[":
                    counts[table] = counts.get(table, -1) + 1
                root = table.split(".")[0]
                index = counts.get(root, 0)
                self.keys.setdefault(("<table>", table, index), number)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip("\"'")
                self.keys.setdefault((table, index, name), number)
                rest = line[key.end():]
                for delim in _DELIMS:
                    if rest.startswith(delim) and rest.count(delim) == 1:
                        open_delim = delim
                        break

    def line(self, key: str, table: str = "", index: int = 0) -> int | None:
        return self.keys.get((table, index, key)) or self.keys.get((table, 0, key))

    def table_line(self, table: str, index: int = 0) -> int | None:
        return self.keys.get(("<table>", table, index))

    def value_position(self, key: str, table: str, index: int, line: int, column: int) -> tuple:
        """Map a (line, column) inside a string value to its place in the file."""
        start = self.line(key, table, index)
        if start is None:
            return None, None
        text = self.lines[start - 1]
        match = _KEY.match(text)
        offset = match.end() if match else 0
        rest = text[offset:]
        for delim in (*_DELIMS, '"', "'"):
            if rest.startswith(delim):
                offset += len(delim)
                if delim in _DELIMS and not text[offset:].strip():
                    return start + line, column  # TOML drops the newline after the opening quotes
                break
        if line == 1:
            return start, offset + column
        return start + line - 1, column
