"""Decoding source files: UTF-8 text, or an error at the first bad byte.

Every frontend reads user files as bytes and decodes them here, so a binary
file or a file in another encoding is an input error with a line and column,
never a UnicodeDecodeError.
"""

from __future__ import annotations

import codecs


class UndecodableText(ValueError):
    """Not UTF-8 text: `message`, 1-based `line` and `column` of the first bad byte."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def decode_utf8(data: bytes, kind: str = "UTF-8 text") -> str:
    """The text of `data` (a UTF-8 byte order mark is dropped); raises UndecodableText.

    `kind` names what a binary file is not ("JSON text").
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        line_start = max(data.rfind(b"\n", 0, exc.start) + 1, bom)
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        if b"\x00" in data:
            message = f"binary content; not a {kind} file"
        else:
            message = f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); not a UTF-8 text file"
        raise UndecodableText(message, line, column) from None
