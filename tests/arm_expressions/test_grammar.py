"""The expression grammar: parse trees (snapshotted), escaping, syntax errors with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.frontends.arm.expressions import (
    Call,
    ExpressionError,
    Index,
    Literal,
    Member,
    evaluate,
    is_expression,
    parse,
)
from linter.frontends.arm.scope import Scope

CASES = [
    line
    for line in (Path(__file__).parent / "fixtures" / "grammar_cases.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("expression", CASES)
def test_parse_tree_snapshot(expression, snapshot):
    assert repr(parse(expression)) == snapshot


def test_tree_shape():
    tree = parse("[parameters('vnet').subnets[0]]")
    assert isinstance(tree, Index) and isinstance(tree.target, Member)
    assert tree.target.name == "subnets" and isinstance(tree.target.target, Call)
    assert tree.index == Literal(0, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[concat('a')]", True),
        ("[[not an expression]", False),
        ("plain", False),
        ("[", False),
        ("[]", True),
        ("[x", False),
        ("x]", False),
        ("", False),
    ],
)
def test_is_expression(text, expected):
    assert is_expression(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[literal]", "[literal]"),
        ("[[concat('a')]", "[concat('a')]"),
        ("no brackets", "no brackets"),
        ("[[unbalanced", "[[unbalanced"),
        ("", ""),
    ],
)
def test_escaped_and_plain_strings(text, expected):
    assert evaluate(text, Scope()) == expected


def test_non_strings_pass_through():
    assert evaluate(5, Scope()) == 5


def test_quotes_and_whitespace():
    assert evaluate("['it''s']", Scope()) == "it's"
    assert evaluate("[ concat ( 'a' ,\n 'b' ) ]", Scope()) == "ab"
    assert evaluate("[concat('a',\u00a0'b')]", Scope()) == "ab"


def test_names_are_case_insensitive():
    assert evaluate("[CONCAT('a', ToUpper('b'))]", Scope()) == "aB"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("[concat('a' 'b')]", 12),
        ("[concat('a',)]", 12),
        ("[concat('unterminated)]", 8),
        ("[1 2]", 3),
        ("[concat('a')) ]", 12),
        ("[a.]", 3),
        ("[]", 1),
        ("[   ]", 1),
    ],
)
def test_syntax_errors_have_offsets(text, position):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.position == position
    assert info.value.function is None


def test_bare_true_is_rejected():
    with pytest.raises(ExpressionError, match="true\\(\\)") as info:
        evaluate("[if(true, 1, 2)]", Scope())
    assert info.value.position == 4


def test_unknown_function():
    with pytest.raises(ExpressionError) as info:
        evaluate("[concat('a', nosuch(1))]", Scope())
    assert info.value.message == "unknown function 'nosuch'"
    assert info.value.function == "nosuch"
    assert info.value.position == 13


def test_parse_is_cached():
    assert parse("[concat('cache')]") is parse("[concat('cache')]")
