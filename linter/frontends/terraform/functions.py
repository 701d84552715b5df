"""Terraform built-in functions over plain Python values (str, int/float, bool, None, list, dict).

An `Unknown` argument makes the result `Unknown` (computed attributes stay
unknown), except where the function can still answer (`length` of a list with
unknown elements, `merge`/`concat` keep unknown members as members). `try` and
`can` need the unevaluated arguments and live in the evaluator. Functions that
read the clock, generate ids or read files return `Unknown`: nothing is guessed
and nothing outside the configuration is read.
"""

from __future__ import annotations

import json
import math
import re
from typing import Callable

from linter.model import Unknown, contains_unknown


class FunctionError(Exception):
    """A call that Terraform itself would reject (wrong argument types, bad index)."""


def to_set(value: list) -> list:
    """Terraform sets as lists: duplicates removed, strings sorted like Terraform does."""
    out: list = []
    for item in value:
        if not any(item == seen and type(item) is type(seen) for seen in out):
            out.append(item)
    if all(isinstance(x, str) for x in out):
        out.sort()
    return out


def _num(value: object) -> int | float:
    if isinstance(value, bool):
        raise FunctionError("a bool is not a number")
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise FunctionError(f"{value!r} is not a number") from None
        return int(number) if number.is_integer() else number
    raise FunctionError(f"{value!r} is not a number")


def to_string(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(_num(value))
    raise FunctionError(f"cannot convert {type(value).__name__} to a string")


def _seq(value: object) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    raise FunctionError("expected a list")


def _jsonencode(value: object) -> object:
    if contains_unknown(value):
        return Unknown("jsonencode of an unknown value")
    return json.dumps(value, separators=(",", ":"))


def _jsondecode(text: object) -> object:
    try:
        return json.loads(text)
    except (TypeError, ValueError) as exc:
        raise FunctionError(f"jsondecode: {exc}") from None


def _merge(*maps: object) -> object:
    out: dict = {}
    for item in maps:
        if isinstance(item, Unknown):
            return item
        if item is None:
            continue
        if not isinstance(item, dict):
            raise FunctionError("merge takes maps or objects")
        out.update(item)
    return out


def _concat(*lists: object) -> object:
    out: list = []
    for item in lists:
        if isinstance(item, Unknown):
            return item
        out.extend(_seq(item))
    return out


def _flatten(value: object) -> object:
    out: list = []
    for item in _seq(value):
        if isinstance(item, Unknown):
            return item
        if isinstance(item, list):
            flat = _flatten(item)
            if isinstance(flat, Unknown):
                return flat
            out.extend(flat)
        else:
            out.append(item)
    return out


def _lookup(mapping: object, key: object, *default: object) -> object:
    if not isinstance(mapping, dict):
        raise FunctionError("lookup takes a map")
    if key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise FunctionError(f"lookup: no key {key!r}")


def _coalesce(*values: object) -> object:
    for value in values:
        if isinstance(value, Unknown):
            return value
        if value is not None and value != "":
            return value
    raise FunctionError("coalesce: no non-null, non-empty argument")


def _coalescelist(*values: object) -> object:
    for value in values:
        if isinstance(value, Unknown):
            return value
        if value:
            return value
    return []


_FORMAT_RE = r"%(%|[-+ #0]*\d*(?:\.\d+)?[vdsfqtbeEgGxXo])"  # compiled on first use (re caches it)


def _format(spec: str, *args: object) -> object:
    if contains_unknown(list(args)):
        return Unknown("format of an unknown value")
    values = iter(args)

    def repl(m: re.Match) -> str:
        verb = m.group(1)
        if verb == "%":
            return "%"
        value = next(values)
        kind = verb[-1]
        if kind in "vs":
            text = to_string(value) if not isinstance(value, (list, dict)) else json.dumps(value)
            return ("%" + verb[:-1] + "s") % text
        if kind == "q":
            return json.dumps(to_string(value))
        if kind == "t":
            return "true" if value else "false"
        return ("%" + verb) % _num(value)

    try:
        return re.sub(_FORMAT_RE, repl, spec)
    except StopIteration:
        raise FunctionError("format: too few arguments") from None


def _element(items: object, index: object) -> object:
    seq = _seq(items)
    if not seq:
        raise FunctionError("element of an empty list")
    return seq[int(_num(index)) % len(seq)]


def _length(value: object) -> object:
    if isinstance(value, (list, dict, str)):
        return len(value)
    raise FunctionError("length takes a list, map or string")


def _tomap(value: object) -> object:
    if not isinstance(value, dict):
        raise FunctionError("tomap takes an object or map")
    return dict(value)


# base64, hashlib (~3 ms) and ipaddress are imported by the functions that use them: most
# configurations call none of them.


def _cidrsubnet(prefix: object, newbits: object, netnum: object) -> str:
    import ipaddress

    try:
        net = ipaddress.ip_network(prefix, strict=False)
        new_prefix = net.prefixlen + int(_num(newbits))
        _check_prefix(net, new_prefix)
        size = 2 ** (net.max_prefixlen - new_prefix)
        start = int(net.network_address) + int(_num(netnum)) * size
        return str(ipaddress.ip_network((start, new_prefix)))
    except (ValueError, TypeError) as exc:
        raise FunctionError(f"cidrsubnet: {exc}") from None


def _check_prefix(net, new_prefix: int) -> None:
    """Terraform's rule, checked before `2 ** bits`: a huge negative newbits must not build a huge number."""
    if not net.prefixlen <= new_prefix <= net.max_prefixlen:
        raise ValueError(f"insufficient address space to extend prefix of {net.prefixlen} to {new_prefix}")


def _cidrhost(prefix: object, hostnum: object) -> str:
    import ipaddress

    try:
        net = ipaddress.ip_network(prefix, strict=False)
        number = int(_num(hostnum))
        base = net.broadcast_address + 1 if number < 0 else net.network_address
        return str(base + number)
    except (ValueError, TypeError) as exc:
        raise FunctionError(f"cidrhost: {exc}") from None


def _cidrsubnets(prefix: object, *newbits: object) -> list:
    import ipaddress

    out, net = [], ipaddress.ip_network(prefix, strict=False)
    cursor = int(net.network_address)
    for bits in newbits:
        plen = net.prefixlen + int(_num(bits))
        _check_prefix(net, plen)
        size = 2 ** (net.max_prefixlen - plen)
        cursor = -(-cursor // size) * size
        out.append(str(ipaddress.ip_network((cursor, plen))))
        cursor += size
    return out


def _range(*args: object) -> list:
    nums = [_num(a) for a in args]
    start, stop, step = (0, nums[0], 1) if len(nums) == 1 else (nums + [1])[:3]
    if len(nums) == 2:
        step = 1 if stop >= start else -1
    if abs((stop - start) / step) > 1024:
        raise FunctionError("range: more than 1024 elements")
    out, value = [], start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(value)
        value += step
    return out


def _slice(items: object, start: object, end: object) -> list:
    return _seq(items)[int(_num(start)):int(_num(end))]


def _one(items: object) -> object:
    seq = _seq(items)
    if len(seq) > 1:
        raise FunctionError("one: more than one element")
    return seq[0] if seq else None


def _replace(text: str, old: str, new: str) -> str:
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        return re.sub(old[1:-1], re.sub(r"\$(\d)", r"\\\1", new), text)
    return text.replace(old, new)


_DURATION_PART = r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)"  # compiled on first use (re caches it)
_DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}


def _timeadd(timestamp: object, duration: object) -> str:
    """`timeadd("2017-11-22T00:00:00Z", "10m")`: an RFC 3339 time plus a Go duration string."""
    import datetime

    text = to_string(duration)
    sign, body = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
    parts = re.findall(_DURATION_PART, body)
    if not parts or "".join(n + u for n, u in parts) != body:
        raise FunctionError(f"timeadd(): invalid duration {text!r}")
    seconds = sign * sum(float(n) * _DURATION_UNITS[u] for n, u in parts)
    start = datetime.datetime.fromisoformat(to_string(timestamp).replace("Z", "+00:00"))
    result = start + datetime.timedelta(seconds=seconds)
    return result.isoformat().replace("+00:00", "Z")


def _unknown(reason: str) -> Callable:
    return lambda *args: Unknown(reason)


def _hash(name: str) -> Callable:
    def digest(text: object) -> str:
        import hashlib

        return hashlib.new(name, to_string(text).encode()).hexdigest()

    return digest


def _base64encode(text: object) -> str:
    import base64

    return base64.b64encode(to_string(text).encode()).decode()


def _base64decode(text: object) -> str:
    import base64

    return base64.b64decode(text).decode("utf-8", "replace")


# Functions whose arguments may hold Unknown members without making the result unknown.
LENIENT = {"merge", "concat", "flatten", "length", "coalesce", "coalescelist", "tolist",
           "toset", "tomap", "lookup", "element", "keys", "values", "compact", "one",
           "slice", "reverse", "jsonencode", "format", "distinct", "contains"}

FUNCTIONS: dict[str, Callable] = {
    "jsonencode": _jsonencode,
    "jsondecode": _jsondecode,
    "yamlencode": _unknown("yamlencode is not evaluated"),
    "yamldecode": _unknown("yamldecode is not evaluated"),
    "merge": _merge,
    "concat": _concat,
    "flatten": _flatten,
    "lookup": _lookup,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "format": _format,
    "formatlist": lambda spec, *lists: [_format(spec, *row) for row in zip(*lists, strict=False)],
    "join": lambda sep, *lists: sep.join(to_string(x) for lst in lists for x in _seq(lst)),
    "split": lambda sep, text: text.split(sep),
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "title": lambda s: s.title(),
    "trimspace": lambda s: s.strip(),
    "trim": lambda s, chars: s.strip(chars),
    "trimprefix": lambda s, p: s[len(p):] if p and s.startswith(p) else s,
    "trimsuffix": lambda s, p: s[: -len(p)] if p and s.endswith(p) else s,
    "startswith": lambda s, p: s.startswith(p),
    "endswith": lambda s, p: s.endswith(p),
    "strcontains": lambda s, p: p in s,
    "replace": _replace,
    "substr": lambda s, off, n: s[int(off):] if int(n) < 0 else s[int(off):int(off) + int(n)],
    "regex": lambda pattern, s: re.search(pattern, s).group(0),
    "tostring": lambda v: v if v is None else to_string(v),
    "tonumber": lambda v: v if v is None else _num(v),
    "tobool": lambda v: v if isinstance(v, bool) or v is None else {"true": True, "false": False}[v],
    "toset": lambda v: to_set(_seq(v)),
    "tolist": lambda v: list(_seq(v)),
    "tomap": _tomap,
    "length": _length,
    "element": _element,
    "index": lambda items, v: _seq(items).index(v),
    "contains": lambda items, v: v in _seq(items),
    "distinct": lambda items: [x for i, x in enumerate(_seq(items)) if x not in _seq(items)[:i]],
    "keys": lambda m: sorted(m.keys()),
    "values": lambda m: [m[k] for k in sorted(m.keys())],
    "zipmap": lambda ks, vs: dict(zip(ks, vs, strict=False)),
    "compact": lambda items: [x for x in _seq(items) if x is not None and x != ""],
    "reverse": lambda items: list(reversed(_seq(items))),
    "sort": lambda items: sorted(to_string(x) for x in _seq(items)),
    "slice": _slice,
    "one": _one,
    "range": _range,
    "min": lambda *n: min(_num(x) for x in n),
    "max": lambda *n: max(_num(x) for x in n),
    "sum": lambda items: sum(_num(x) for x in _seq(items)),
    "abs": lambda n: abs(_num(n)),
    "ceil": lambda n: math.ceil(_num(n)),
    "floor": lambda n: math.floor(_num(n)),
    "parseint": lambda s, base: int(s, int(base)),
    "cidrsubnet": _cidrsubnet,
    "cidrhost": _cidrhost,
    "cidrsubnets": _cidrsubnets,
    "base64encode": _base64encode,
    "base64decode": _base64decode,
    "md5": _hash("md5"),
    "sha1": _hash("sha1"),
    "sha256": _hash("sha256"),
    "sha512": _hash("sha512"),
    "uuid": _unknown("uuid() is generated at apply time"),
    "timestamp": _unknown("timestamp() is known at apply time"),
    "timeadd": _timeadd,
    "plantimestamp": _unknown("plantimestamp() is known at plan time"),
    "file": _unknown("file contents are not read"),
    "filebase64": _unknown("file contents are not read"),
    "templatefile": _unknown("templates are not rendered"),
    "fileexists": _unknown("the file system is not consulted"),
    "filemd5": _unknown("file contents are not read"),
    "filesha256": _unknown("file contents are not read"),
    "abspath": _unknown("paths depend on where Terraform runs"),
    "sensitive": lambda v: v,
    "nonsensitive": lambda v: v,
}


def call(name: str, args: list) -> object:
    """Apply a built-in; unknown functions give Unknown, bad calls raise FunctionError."""
    name = name.split("::")[-1] if name.startswith("provider::") else name
    function = FUNCTIONS.get(name)
    if function is None:
        return Unknown(f"function {name}() is not evaluated")
    if name not in LENIENT and any(contains_unknown(a) for a in args):
        return Unknown(f"{name}() of an unknown value")
    if name in LENIENT and any(isinstance(a, Unknown) for a in args):
        if name not in ("coalesce", "coalescelist", "merge", "concat"):
            return Unknown(f"{name}() of an unknown value")
    try:
        return function(*args)
    except FunctionError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, ArithmeticError) as exc:
        raise FunctionError(f"{name}(): {exc}") from None  # ArithmeticError: 1/0, int(1e309)
