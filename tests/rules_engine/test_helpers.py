"""Named helpers: port ranges, wildcard sources, text helpers, all Unknown-aware."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Unknown, is_unknown
from linter.rules import helpers


@pytest.mark.parametrize(
    ("ranges", "port", "expected"),
    [
        ("22", 22, True),
        (22, 22, True),
        ("3380-3390", 3389, True),
        ("3380-3388", 3389, False),
        ("*", 5986, True),
        (["80", "443"], 22, False),
        (["80", "20-25"], 22, True),
        ("0-65535", 1, True),
        ("not-a-port", 22, False),
        (None, 22, False),
        ([], 22, False),
        ([" 22 "], 22, True),
    ],
)
def test_port_in(ranges, port, expected):
    assert helpers.port_in(ranges, port) is expected


def test_port_in_with_unknowns():
    assert is_unknown(helpers.port_in(Unknown("p"), 22))
    assert is_unknown(helpers.port_in(["80", Unknown("p")], 22))
    assert helpers.port_in(["22", Unknown("p")], 22) is True  # the known range already decides
    assert is_unknown(helpers.port_in("22", Unknown("port")))


def test_ports_open_and_open_ports():
    assert helpers.ports_open(["3380-3390"], [22, 3389]) is True
    assert helpers.ports_open("80", [22, 3389]) is False
    assert is_unknown(helpers.ports_open([Unknown("r")], [22]))
    assert helpers.open_ports(["20-25", "3389"], [22, 3389, 5985]) == [22, 3389]
    assert is_unknown(helpers.open_ports([Unknown("r")], [22]))
    assert helpers.open_ports(["80"], [22]) == []


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [("*", True), ("0-65535", True), (["80", "*"], True), ("1-65535", False), ("22", False), (None, False)],
)
def test_all_ports(ranges, expected):
    assert helpers.all_ports(ranges) is expected


def test_all_ports_unknown():
    assert is_unknown(helpers.all_ports(["22", Unknown("r")]))
    assert helpers.all_ports(["*", Unknown("r")]) is True


@pytest.mark.parametrize(
    ("prefixes", "expected"),
    [
        ("*", True), ("Internet", True), ("INTERNET", True), ("any", True), ("0.0.0.0/0", True), ("::/0", True),
        ("10.0.0.0/8", False), ("VirtualNetwork", False), (["10.0.0.0/8", "0.0.0.0/0"], True), (None, False),
    ],
)
def test_source_is_any(prefixes, expected):
    assert helpers.source_is_any(prefixes) is expected


def test_source_is_any_unknown_and_any_sources():
    assert is_unknown(helpers.source_is_any(Unknown("p")))
    assert is_unknown(helpers.source_is_any(["10.0.0.0/8", Unknown("p")]))
    assert helpers.any_sources(["10.0.0.0/8", "Internet"]) == ["Internet"]
    assert is_unknown(helpers.any_sources([Unknown("p")]))


def test_text_helpers():
    assert helpers.lower(["A", 1]) == ["a", 1]
    assert helpers.upper("tcp") == "TCP"
    assert helpers.protocol_name("*") == "any protocol"
    assert is_unknown(helpers.lower(Unknown("x")))


@given(low=st.integers(0, 65535), span=st.integers(0, 1000), port=st.integers(0, 65535))
def test_port_range_matches_arithmetic(low, span, port):
    high = min(low + span, 65535)
    assert helpers.port_in(f"{low}-{high}", port) is (low <= port <= high)
