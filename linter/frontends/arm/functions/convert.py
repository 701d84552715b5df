"""Value conversions shared by the function families: ARM's string form, equality, lenient JSON."""

from __future__ import annotations

import json
import math
import re

from linter.model import Unknown


def to_string(value: object) -> str:
    """ARM's string(): strings as is, bools as .NET prints them ('True'), null as '', else compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        raise TypeError("to_string of Unknown")
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, int):
        return str(value)
    return to_json(value)


def to_json(value: object) -> str:
    """Compact JSON as ARM writes it (no spaces, non-ASCII kept)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_not_json)


def _not_json(value: object) -> object:
    from ..expressions import ExpressionError

    raise ExpressionError(f"a {type(value).__name__} cannot be converted to a string or JSON")


def format_float(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def deep_equals(left: object, right: object) -> bool:
    """JSON equality without Python's True == 1; ints and floats compare by value."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(deep_equals(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(deep_equals(left[k], right[k]) for k in left)
    if type(left) is not type(right):
        return False
    return left == right


# --- lenient JSON: Newtonsoft (used by ARM's json()) accepts single quotes, comments, bare keys ---

_TOKEN = (  # compiled on first use (re caches it): json() of non-JSON text is rare
    r"""
    (?P<dq>"(?:[^"\\]|\\.)*")
  | (?P<sq>'(?:[^'\\]|\\.)*')
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<word>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<other>.)
    """
)
_TOKEN_FLAGS = re.VERBOSE | re.DOTALL
_JSON_WORDS = {"true", "false", "null"}


def loads_lenient(text: str) -> object:
    """Parse JSON as ARM's json() does; raises ValueError when it is not JSON at all."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    try:
        return json.loads(_normalize(text))
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _normalize(text: str) -> str:
    out = []
    for match in re.finditer(_TOKEN, text, _TOKEN_FLAGS):
        kind = match.lastgroup
        token = match.group()
        if kind == "sq":
            out.append(json.dumps(_unescape_single(token[1:-1])))
        elif kind in ("line_comment", "block_comment"):
            out.append(" ")
        elif kind == "word" and token not in _JSON_WORDS and _is_key(text, match.end()):
            out.append(json.dumps(token))
        else:
            out.append(token)
    normalized = "".join(out)
    return re.sub(r",\s*([}\]])", r"\1", normalized)


def _is_key(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return rest.startswith(":")


def _unescape_single(body: str) -> str:
    try:
        return json.loads('"' + body.replace('"', '\\"').replace("\\'", "'") + '"')
    except ValueError:
        return body
