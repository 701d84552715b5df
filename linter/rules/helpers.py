"""Named helper functions callable from rule conditions, written in Python.

Each helper takes plain values (which may be, or contain, `Unknown`) and
returns a plain value. A helper answers `Unknown` when the answer depends on
an unknown input, and a definite answer when the known inputs already decide
it (one range that surely covers port 22 decides `port_in`, whatever the others).
"""

from __future__ import annotations

from linter.model import Unknown, is_unknown

ANY_SOURCES = frozenset({"*", "internet", "any", "0.0.0.0/0", "::/0"})
MAX_PORT = 65535


def _as_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _parse_range(value: object) -> tuple[int, int] | None:
    """`'22'`, `22`, `'20-25'`, `'*'` -> (low, high); None when not a port range."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value, value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text == "*":
        return 0, MAX_PORT
    low, sep, high = text.partition("-")
    try:
        if sep:
            return int(low), int(high)
        return int(text), int(text)
    except ValueError:
        return None


def _decide(results: list[bool | None]) -> bool | Unknown:
    if True in results:
        return True
    if None in results:
        return Unknown("depends on an unknown value")
    return False


def _covers(range_value: object, port: object) -> bool | None:
    if is_unknown(range_value) or is_unknown(port):
        return None
    parsed = _parse_range(range_value)
    if parsed is None or not isinstance(port, int) or isinstance(port, bool):
        return False
    return parsed[0] <= port <= parsed[1]


def port_in(ranges: object, port: object) -> bool | Unknown:
    """Does any of the port ranges (a range or a list of them) cover `port`?"""
    if is_unknown(ranges):
        return Unknown("unknown port ranges")
    return _decide([_covers(r, port) for r in _as_list(ranges)])


def ports_open(ranges: object, ports: object) -> bool | Unknown:
    """Does any of the ranges cover any of the ports?"""
    if is_unknown(ports):
        return Unknown("unknown port list")
    return _decide([_to_result(port_in(ranges, p)) for p in _as_list(ports)])


def open_ports(ranges: object, ports: object) -> list:
    """The ports (from `ports`) that the ranges surely cover, for messages (Unknown when none surely is)."""
    if is_unknown(ranges) or is_unknown(ports):
        return Unknown("unknown ports")
    found = [p for p in _as_list(ports) if port_in(ranges, p) is True]
    return found or _unknown_if(any(is_unknown(port_in(ranges, p)) for p in _as_list(ports)))


def all_ports(ranges: object) -> bool | Unknown:
    """Does a range open every port (`*` or `0-65535`)?"""
    if is_unknown(ranges):
        return Unknown("unknown port ranges")
    results: list[bool | None] = []
    for value in _as_list(ranges):
        if is_unknown(value):
            results.append(None)
        else:
            results.append(_parse_range(value) == (0, MAX_PORT))
    return _decide(results)


def _is_any_source(prefix: object) -> bool | None:
    if is_unknown(prefix):
        return None
    return isinstance(prefix, str) and prefix.strip().lower() in ANY_SOURCES


def source_is_any(prefixes: object) -> bool | Unknown:
    """Is any of the address prefixes 'anywhere' (`*`, Internet, Any, 0.0.0.0/0, ::/0)?"""
    if is_unknown(prefixes):
        return Unknown("unknown address prefixes")
    return _decide([_is_any_source(p) for p in _as_list(prefixes)])


def any_sources(prefixes: object) -> list:
    """The prefixes that surely mean 'anywhere', for messages (Unknown when none surely does)."""
    if is_unknown(prefixes):
        return Unknown("unknown address prefixes")
    found = [p for p in _as_list(prefixes) if _is_any_source(p) is True]
    return found or _unknown_if(any(is_unknown(p) for p in _as_list(prefixes)))


def _unknown_if(undecided: bool) -> list | Unknown:
    return Unknown("depends on an unknown value") if undecided else []


def _to_result(value: object) -> bool | None:
    return None if is_unknown(value) else bool(value)


def _map_text(value: object, fn):
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_map_text(v, fn) for v in value]
    return value


def lower(value: object) -> object:
    return _map_text(value, str.lower)


def upper(value: object) -> object:
    return _map_text(value, str.upper)


def protocol_name(value: object) -> object:
    """An NSG protocol for messages: 'Tcp' -> 'TCP', '*' -> 'any protocol'."""
    if isinstance(value, str):
        return "any protocol" if value.strip() == "*" else value.upper()
    return value


HELPERS = {
    "port_in": (port_in, 2, 2),
    "ports_open": (ports_open, 2, 2),
    "open_ports": (open_ports, 2, 2),
    "all_ports": (all_ports, 1, 1),
    "source_is_any": (source_is_any, 1, 1),
    "any_sources": (any_sources, 1, 1),
    "lower": (lower, 1, 1),
    "upper": (upper, 1, 1),
    "protocol_name": (protocol_name, 1, 1),
}
