"""format(): .NET composite formatting (`{0}`, `{0,-8}`, `{1:N0}`, `{{` escapes), invariant culture.

Standard numeric format strings N, D, F, E, P, X, G and simple custom `0`/`#`
patterns are supported; an unsupported format gives Unknown rather than a guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.model import Unknown

from ._registry import MAX_STRING, Context, function
from .convert import to_json, to_string

if TYPE_CHECKING:
    from decimal import Decimal

# compiled on first use (re caches it); decimal is imported by the first number formatted
_ITEM = (r"\{\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^{}]*))?\}")
_UNSUPPORTED = object()


@function("format", 1, None)
def format_(ctx: Context, template, *args) -> object:
    template = ctx.string(template, 0)
    out: list[str] = []
    size = 0
    i = 0
    while i < len(template):
        char = template[i]
        if char == "{" and template.startswith("{{", i):
            out.append("{")
            i += 2
        elif char == "}" and template.startswith("}}", i):
            out.append("}")
            i += 2
        elif char == "{":
            match = re.compile(_ITEM).match(template, i)
            if not match:
                raise ctx.error(f"invalid format item at position {i}")
            text = _format_item(ctx, match, args)
            if text is _UNSUPPORTED:
                return ctx.unknown(f"format() with an unsupported format '{match.group(0)}'")
            out.append(text)
            i = match.end()
        elif char == "}":
            raise ctx.error(f"unmatched '}}' at position {i}")
        else:
            out.append(char)
            i += 1
        size += len(out[-1])
        if size > MAX_STRING:
            raise ctx.error(f"result longer than {MAX_STRING} characters")
    return "".join(out)


def _format_item(ctx: Context, match: re.Match, args: tuple) -> object:
    index = int(match.group(1))
    if index >= len(args):
        raise ctx.error(f"format item {{{index}}} has no argument (got {len(args)})")
    alignment = int(match.group(2) or 0)
    if abs(alignment) > MAX_STRING:
        raise ctx.error(f"result longer than {MAX_STRING} characters")
    text = format_value(args[index], (match.group(3) or "").strip())
    if text is _UNSUPPORTED:
        return text
    return text.rjust(alignment) if alignment >= 0 else text.ljust(-alignment)


def format_value(value: object, spec: str) -> object:
    if isinstance(value, Unknown):
        return _UNSUPPORTED
    if isinstance(value, (list, dict)):
        return to_json(value).replace('"', "'")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return to_string(value)
    if not spec:
        return to_string(value)
    return _format_number(value, spec)


def _format_number(value: int | float, spec: str) -> object:
    kind, digits = spec[0].upper(), spec[1:]
    if digits and not digits.isdigit():
        return _custom(value, spec)
    precision = int(digits) if digits else None
    if precision is not None and precision > 100:
        return _UNSUPPORTED
    from decimal import Decimal

    number = Decimal(value)
    if kind == "N":
        return _fixed(number, 2 if precision is None else precision, grouped=True)
    if kind == "F":
        return _fixed(number, 2 if precision is None else precision, grouped=False)
    if kind == "P":
        return _fixed(number * 100, 2 if precision is None else precision, grouped=True) + " %"
    if kind == "D" and isinstance(value, int):
        sign = "-" if value < 0 else ""
        return sign + str(abs(value)).zfill(precision or 0)
    if kind == "X" and isinstance(value, int):
        text = format(value & 0xFFFFFFFFFFFFFFFF if value < 0 else value, "x").zfill(precision or 0)
        return text.upper() if spec[0] == "X" else text
    if kind == "E":
        return _exponent(number, 6 if precision is None else precision, spec[0])
    if kind == "G" and precision is None:
        return to_string(value)
    return _custom(value, spec)


def _round(number: Decimal, places: int) -> Decimal:
    from decimal import ROUND_HALF_UP, Decimal

    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fixed(number: Decimal, places: int, grouped: bool) -> str:
    rounded = _round(number, places)
    text = f"{abs(rounded):,.{places}f}" if grouped else f"{abs(rounded):.{places}f}"
    return ("-" if rounded < 0 else "") + text


def _exponent(number: Decimal, places: int, letter: str) -> str:
    text = f"{number:.{places}E}"
    mantissa, exponent = text.split("E")
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}{letter}{sign}{exponent.lstrip('+-').zfill(3)}"


def _custom(value: int | float, spec: str) -> object:
    """Only the plain `000`, `#,##0.00` style patterns."""
    if not re.fullmatch(r"[0#,]*(\.[0#]*)?", spec) or "0" not in spec and "#" not in spec:
        return _UNSUPPORTED
    integer_part, _, fraction = spec.partition(".")
    places = len(fraction)
    min_fraction = len(fraction.rstrip("#"))
    from decimal import Decimal

    rounded = _round(Decimal(value), places)
    grouped = "," in integer_part
    text = f"{abs(rounded):,.{places}f}" if grouped else f"{abs(rounded):.{places}f}"
    whole, _, frac = text.partition(".")
    frac = frac[:min_fraction] + frac[min_fraction:].rstrip("0")
    min_whole = len(integer_part.replace(",", "").lstrip("#"))
    digits = whole.replace(",", "")
    if digits == "0" and min_whole == 0:
        whole = ""
    elif len(digits) < min_whole:
        digits = digits.zfill(min_whole)
        whole = f"{int(digits):,}".rjust(len(digits), "0") if grouped else digits
    result = whole + ("." + frac if frac else "")
    return ("-" if rounded < 0 else "") + (result or "0")
