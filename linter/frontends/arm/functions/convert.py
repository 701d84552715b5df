"""Conversions between ARM value types shared by several function families."""

from __future__ import annotations

import json

from linter.model import Unknown


def to_string(value: object) -> str:
    """ARM's string(): strings as is, everything else as compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        raise TypeError("to_string of Unknown")
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
