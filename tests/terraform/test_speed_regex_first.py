"""regex_first: the characters a regex match can start with are never too few (a superset is fine)."""

from __future__ import annotations

import random
import re

import pytest

from linter.frontends.terraform import hcl_fallback
from linter.frontends.terraform.regex_first import first_chars

ALPHABET = [chr(code) for code in range(128)] + ["\u00e9", "\u20ac", "\U0001f600"]


def _never_starts_outside(regex: str, rng: random.Random) -> None:
    found = first_chars(regex)
    assert found is not None, regex
    chars, wide = found
    compiled = re.compile(regex)
    for char in ALPHABET:
        if char in chars or (ord(char) >= 128 and wide):
            continue
        for _ in range(100):
            text = char + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))
            assert not compiled.match(text), (regex, text)


def test_no_terminal_of_the_hcl_grammar_starts_outside_its_first_characters():
    rng = random.Random(8)
    terminals = hcl_fallback._parser().parser.lexer.lexer.root_lexer.terminals
    for terminal in terminals:
        _never_starts_outside(terminal.pattern.to_regexp(), rng)


@pytest.mark.parametrize("regex, chars, wide", [
    (r"abc", "a", False),
    (r"[a-c]x|\d", "0123456789abc", True),
    (r"(?:x?y)+", "xy", False),
    (r"[^a]", "".join(c for c in ALPHABET[:128] if c != "a"), True),
    (r"(?!q)[pq]", "pq", False),
    (r"\u00e9", "", True),
    (r"[ \t]*=", "\t =", False),
])
def test_first_characters(regex, chars, wide):
    assert first_chars(regex) == ("".join(sorted(chars)), wide)
    _never_starts_outside(regex, random.Random(1))


@pytest.mark.parametrize("regex, flags", [
    (r"a*", 0), (r"(?i)a", 0), (r"a", re.IGNORECASE), (r"(?i:a)b", 0), (r"(a)?\1", 0), (r"(?:a|)", 0), (r"(", 0),
])
def test_anything_unsure_means_any_character(regex, flags):
    assert first_chars(regex, flags) is None
