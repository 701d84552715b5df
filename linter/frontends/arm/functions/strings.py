"""String functions: toLower, toUpper, trim, substring, startsWith, endsWith, replace,
split, join, padLeft, string (format is in formatting.py, encodings in encoding.py)."""

from __future__ import annotations

import re

from linter.model import Unknown, contains_unknown

from ..expressions import type_name
from ._registry import MAX_STRING, Context, function
from .convert import to_string


@function("toLower", 1)
def to_lower(ctx: Context, text) -> str:
    return "" if text is None else ctx.string(text).lower()


@function("toUpper", 1)
def to_upper(ctx: Context, text) -> str:
    return "" if text is None else ctx.string(text).upper()


@function("trim", 1)
def trim(ctx: Context, text) -> str:
    return ctx.string(text).strip()


@function("substring", 2, 3)
def substring(ctx: Context, text, start, length=None) -> str:
    text = "" if text is None else ctx.string(text, 0)
    start = ctx.integer(start, 1)
    if not 0 <= start <= len(text):
        raise ctx.error(f"start index {start} is outside the string (length {len(text)})")
    if length is None:
        return text[start:]
    length = ctx.integer(length, 2)
    if length < 0 or start + length > len(text):
        raise ctx.error(f"start {start} + length {length} exceeds the string length {len(text)}")
    return text[start : start + length]


@function("startsWith", 2)
def starts_with(ctx: Context, text, prefix) -> bool:
    return ctx.string(text, 0).lower().startswith(ctx.string(prefix, 1).lower())


@function("endsWith", 2)
def ends_with(ctx: Context, text, suffix) -> bool:
    return ctx.string(text, 0).lower().endswith(ctx.string(suffix, 1).lower())


@function("replace", 3)
def replace(ctx: Context, text, old, new) -> str:
    text, old, new = ctx.string(text, 0), ctx.string(old, 1), ctx.string(new, 2)
    if not old:
        raise ctx.error("the string to replace must not be empty")
    # Case-insensitive as in Microsoft's published port of the expression engine (Azure
    # Policy linter, InvariantCultureIgnoreCase); ARM's docs do not say. UNVERIFIED for ARM.
    count = len(re.findall(re.escape(old), text, flags=re.IGNORECASE))
    if len(text) + count * (len(new) - len(old)) > MAX_STRING:
        raise ctx.error(f"result longer than {MAX_STRING} characters")
    return re.sub(re.escape(old), lambda _m: new, text, flags=re.IGNORECASE)


@function("split", 2)
def split(ctx: Context, text, delimiters) -> list:
    if text is None:
        return []
    text = ctx.string(text, 0)
    if delimiters is None:
        return [text]
    if isinstance(delimiters, str):
        delimiters = [delimiters]
    for position, delimiter in enumerate(ctx.array(delimiters, 1)):
        if not isinstance(delimiter, str):
            raise ctx.error(f"delimiter {position} is {type_name(delimiter)}, not a string")
    delimiters = [d for d in delimiters if d]
    if not delimiters:
        return [text]
    pattern = "|".join(re.escape(d) for d in delimiters)
    return ctx.checked_items_list(re.split(pattern, text))


@function("join", 2)
def join(ctx: Context, items, delimiter) -> str:
    items = ctx.array(items, 0)
    delimiter = ctx.string(delimiter, 1)
    parts = []
    for position, item in enumerate(items):
        if isinstance(item, (list, dict)) or item is None:
            raise ctx.error(f"element {position} is {type_name(item)}, not a string")
        parts.append(to_string(item))
    total = sum(len(p) for p in parts) + len(delimiter) * max(0, len(parts) - 1)
    if total > MAX_STRING:
        raise ctx.error(f"result longer than {MAX_STRING} characters")
    return delimiter.join(parts)


@function("padLeft", 2, 3)
def pad_left(ctx: Context, value, total_length, pad=" ") -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ctx.error(f"argument 1: expected a string or an integer, got {type_name(value)}")
    total_length = ctx.integer(total_length, 1)
    if total_length > MAX_STRING:
        raise ctx.error(f"result longer than {MAX_STRING} characters")
    pad = " " if pad is None else ctx.string(pad, 2)
    if len(pad) != 1:
        raise ctx.error("the padding must be a single character")
    return to_string(value).rjust(total_length, pad)


@function("string", 1, unknown="handle")
def string(ctx: Context, value) -> object:
    if contains_unknown(value):
        return ctx.unknown()
    if isinstance(value, Unknown):
        return value
    return ctx.checked_string(to_string(value))
