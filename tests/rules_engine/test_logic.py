"""Three-valued (Kleene) logic: truth tables, comparisons with Unknown, quantifiers."""

from __future__ import annotations

import itertools

import pytest

from linter.model import Unknown

from .support import verdict

# t, f, u are properties holding true, false and an Unknown
BODY = {"t": True, "f": False, "u": Unknown("param")}
NAMES = {True: "t", False: "f", None: "u"}
VALUES = (True, False, None)


def kleene_and(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def kleene_or(a, b):
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, VALUES)))
def test_and_or_truth_tables(a, b):
    assert verdict(f"{NAMES[a]} and {NAMES[b]}", BODY) is kleene_and(a, b)
    assert verdict(f"{NAMES[a]} or {NAMES[b]}", BODY) is kleene_or(a, b)


@pytest.mark.parametrize(("a", "expected"), [(True, False), (False, True), (None, None)])
def test_not_truth_table(a, expected):
    assert verdict(f"not {NAMES[a]}", BODY) is expected


def test_precedence_not_binds_tighter_than_and_than_or():
    assert verdict("t or f and f", BODY) is True
    assert verdict("(t or f) and f", BODY) is False
    assert verdict("not f and t", BODY) is True
    assert verdict("not (f or t)", BODY) is False


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparisons_with_unknown_are_undecided(op):
    assert verdict(f"u {op} 1", BODY) is None
    assert verdict(f"1 {op} u", BODY) is None


def test_comparisons():
    body = {"s": "Allow", "n": 3, "ns": "3", "b": "true", "none": None}
    assert verdict("s == 'allow'", body) is True
    assert verdict("s != 'ALLOW'", body) is False
    assert verdict("n > 2 and n <= 3", body) is True
    assert verdict("ns == 3 and ns >= 2", body) is True
    assert verdict("b == true", body) is True
    assert verdict("missing == null", body) is True
    assert verdict("missing > 1", body) is False
    assert verdict("'b' < 'C'", body) is True
    assert verdict("n == true", body) is False


def test_membership():
    body = {"p": "TCP", "u": Unknown("x"), "l": ["a", Unknown("y")]}
    assert verdict("p in ['tcp', 'udp']", body) is True
    assert verdict("p in ['udp']", body) is False
    assert verdict("p not in ['udp']", body) is True
    assert verdict("u in ['tcp']", body) is None
    assert verdict("'A' in l", body) is True
    assert verdict("'b' in l", body) is None
    assert verdict("'cp' in p", body) is True


def test_quantifiers_kleene():
    body = {
        "empty": [],
        "mixed": [{"v": 1}, {"v": Unknown("x")}],
        "ones": [{"v": 1}, {"v": 1}],
        "unknown_list": Unknown("copy"),
        "unknown_element": [1, Unknown("e")],
    }
    assert verdict("any(x in empty: x.v == 1)", body) is False
    assert verdict("all(x in empty: x.v == 1)", body) is True
    assert verdict("any(x in missing[*]: x.v == 1)", body) is False
    assert verdict("any(x in mixed: x.v == 1)", body) is True
    assert verdict("any(x in mixed: x.v == 2)", body) is None
    assert verdict("all(x in mixed: x.v == 1)", body) is None
    assert verdict("all(x in mixed: x.v == 2)", body) is False
    assert verdict("all(x in ones: x.v == 1)", body) is True
    assert verdict("any(x in unknown_list: x == 1)", body) is None
    assert verdict("any(x in unknown_element: x == 2)", body) is None
    assert verdict("any(x in unknown_element: x == 1)", body) is True


def test_nested_quantifiers_see_outer_names():
    body = {"a": [{"k": [1, 2]}, {"k": [3]}]}
    assert verdict("any(x in a: any(y in x.k: y == 3))", body) is True
    assert verdict("all(x in a: any(y in x.k: y > 0))", body) is True
    assert verdict("all(x in a: any(y in x.k: y > 1))", body) is True
    assert verdict("all(x in a: any(y in x.k: y > 2))", body) is False


def test_exists_and_count():
    body = {"a": {"id": Unknown("id")}, "n": None, "u": Unknown("u"), "l": [1, 2], "s": "x"}
    assert verdict("exists(a)", body) is True
    assert verdict("exists(a.id)", body) is None
    assert verdict("exists(n)", body) is False
    assert verdict("exists(missing.deep)", body) is False
    assert verdict("exists(u)", body) is None
    assert verdict("count(l) == 2 and count(missing) == 0 and count(s) == 1", body) is True
    assert verdict("count(u) == 0", body) is None


def test_bare_values_as_conditions():
    body = {"on": "True", "off": "false", "l": [], "u": Unknown("u")}
    assert verdict("on", body) is True
    assert verdict("off", body) is False
    assert verdict("l", body) is False
    assert verdict("missing", body) is False
    assert verdict("u", body) is None


def test_coalesce_and_concat_lists():
    body = {"one": "22", "many": ["80", "443"], "u": Unknown("u")}
    from .support import evaluate

    assert evaluate("coalesce(missing, one, many)", body).value == "22"
    assert isinstance(evaluate("coalesce(u, one)", body).value, Unknown)
    assert evaluate("concat_lists(one, many, missing)", body).value == ["22", "80", "443"]
    assert verdict("any(p in concat_lists(missing, many): p == '443')", body) is True
    assert verdict("any(p in concat_lists(u, many): p == '22')", body) is None
