"""Syntax error messages for Bicep: the wording both parsers share.

`unexpected_token` words an unexpected token with the token kinds that would
have been accepted there (when they are few enough to help a reader).
"""

from __future__ import annotations

from collections.abc import Iterable

from .lexer import CLAUSE_KEYWORDS, LITERALS, PUNCTUATION, STATEMENT_KEYWORDS

# token kinds as a user reads them in an error message
READABLE = {
    "_NL": "a new line", "$END": "the end of the file", "IDENT": "a name", "INT": "a number",
    "STRING": "a string", "MSTRING": "a string", "STR_START": "a string", "STR_MID": "'}'",
    "STR_END": "'}'", "QUESTION_OP": "'?'",
}
READABLE.update({kind: f"'{text}'" for text, kind in PUNCTUATION})
READABLE.update({kind: f"'{word}'" for word, kind in {**STATEMENT_KEYWORDS, **LITERALS, **CLAUSE_KEYWORDS,
                                                       "existing": "EXISTING", "if": "_IF", "for": "_FOR",
                                                       "in": "_IN"}.items()})


def expected_suffix(kinds: Iterable[str]) -> str:
    """` (expected a or b)` for a short list of acceptable token kinds, else ''."""
    expected = sorted({READABLE.get(name, name.strip("_").lower()) for name in kinds})
    expected = [e for e in expected if e != "'?'"] if len(expected) > 1 else expected  # nullable types
    if not expected or len(expected) > 6:
        return ""
    return " (expected " + " or ".join(expected) + ")"


def unexpected_token(kind: str, value: str, expected: Iterable[str]) -> str:
    """The message for an unexpected token (not the end of the file)."""
    shown = "new line" if kind == "_NL" else repr(value)
    return f"unexpected {shown}{expected_suffix(expected)}"


def end_position(text: str) -> tuple[int, int]:
    """Line and column just after the last character (where an unexpected end of file is reported)."""
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
