"""Terraform functions and operators, evaluated on single expressions."""

from __future__ import annotations

import pytest

from linter.frontends.terraform.evaluate import EvalError, Scope, evaluate
from linter.frontends.terraform.parse import parse_expression
from linter.model import Unknown, is_unknown

VARS = {"unset": Unknown("var.unset"), "m": {"a": 1, "b": 2}, "l": ["x", "y"]}


def ev(text: str) -> object:
    def resolve(name, at):
        if name == "var":
            return VARS
        raise EvalError(f"unknown {name}")

    return evaluate(parse_expression(text), Scope(resolve))


@pytest.mark.parametrize(
    "text, expected",
    [
        ('upper("ab")', "AB"),
        ('tolist(toset(["b", "a", "b"]))', ["a", "b"]),
        ('tomap({ a = 1 })', {"a": 1}),
        ("can(var.m.zzz)", False),
        ("can(var.m.a)", True),
        ('try(var.m.zzz, var.m.b)', 2),
        ('cidrhost("10.0.0.0/24", 5)', "10.0.0.5"),
        ('cidrsubnets("10.0.0.0/16", 8, 8)', ["10.0.0.0/24", "10.0.1.0/24"]),
        ("range(3)", [0, 1, 2]),
        ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
        ('keys(var.m)', ["a", "b"]),
        ('values(var.m)', [1, 2]),
        ('contains(var.l, "y")', True),
        ('replace("a-b-c", "-", "_")', "a_b_c"),
        ('replace("a1b22", "/[0-9]+/", "#")', "a#b#"),
        ('substr("hello", 1, 3)', "ell"),
        ('trimprefix("azurerm_x", "azurerm_")', "x"),
        ('coalescelist([], ["z"])', ["z"]),
        ('distinct(["a", "b", "a"])', ["a", "b"]),
        ('compact(["a", "", null])', ["a"]),
        ('one(["only"])', "only"),
        ('slice(var.l, 0, 1)', ["x"]),
        ('max(1, 5, 3)', 5),
        ('base64decode(base64encode("hi"))', "hi"),
        ('format("%v/%d", "a", 3)', "a/3"),
        ('formatlist("n-%s", var.l)', ["n-x", "n-y"]),
        ('merge(var.m, { c = 3 })', {"a": 1, "b": 2, "c": 3}),
        ('concat(var.l, ["z"])', ["x", "y", "z"]),
        ('max([4, 9]...)', 9),
        ("1 + 2 * 3", 7),
        ("7 % 4 == 3 && !false", True),
        ('"a" == "a" ? "yes" : "no"', "yes"),
        ("[for i, v in var.l : \"${i}${v}\"]", ["0x", "1y"]),
        ("var.l[*]", ["x", "y"]),
        ("-var.m.a", -1),
        ('lookup(var.m, "a")', 1),
    ],
)
def test_function_results(text, expected):
    assert ev(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'upper(var.unset)',
        '"${var.unset}"',
        'var.unset ? 1 : 2',
        'var.unset + 1',
        'jsonencode({ a = var.unset })',
        'format("%s", var.unset)',
        'uuid()',
        'timestamp()',
        'file("x")',
        'templatefile("x", {})',
        '[for x in var.unset : x]',
        'var.unset.anything[0]',
        'some_unknown_function(1)',
    ],
)
def test_unknown_in_unknown_out(text):
    assert is_unknown(ev(text))


def test_lenient_functions_keep_unknown_members():
    assert len(ev('concat(var.l, [var.unset])')) == 3
    assert ev('length([var.unset, 1])') == 2
    assert is_unknown(ev('merge(var.m, { z = var.unset })')["z"])


@pytest.mark.parametrize("text", ['element([], 0)', 'var.m.nothere', 'var.l[5]', '1 / 0', 'lookup(var.m, "q")'])
def test_errors_terraform_would_report(text):
    with pytest.raises(EvalError):
        ev(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"%{ if var.m.a == 1 }one%{ else }other%{ endif }"', "one"),
        ('"%{ for k, v in var.m }${k}=${v};%{ endfor }"', "a=1;b=2;"),
        ('"%{ for x in var.l }[${x}]%{ endfor }"', "[x][y]"),
        ("<<EOT\n%{ for x in var.l ~}\n- ${x}\n%{ endfor ~}\nEOT\n", "- x\n- y\n"),
        ('"a %{~ if true ~} b %{~ endif ~} c"', "abc"),
    ],
)
def test_template_directives(text, expected):
    assert ev(text) == expected


@pytest.mark.parametrize("text", ['"%{ if var.unset }a%{ endif }"', '"%{ endif }"', '"%{ for x in var.unset }a%{ endfor }"'])
def test_template_directives_unknown_or_unpaired(text):
    assert is_unknown(ev(text))


def test_timeadd_adds_a_go_duration_and_propagates_unknown():
    from linter.frontends.terraform.functions import FunctionError, call
    from linter.model import Unknown

    assert call("timeadd", ["2017-11-22T00:00:00Z", "10m"]) == "2017-11-22T00:10:00Z"
    assert call("timeadd", ["2017-11-22T00:00:00Z", "-1h30m"]) == "2017-11-21T22:30:00Z"
    assert isinstance(call("timeadd", [Unknown("timestamp()"), "24h"]), Unknown)
    with pytest.raises(FunctionError):
        call("timeadd", ["2017-11-22T00:00:00Z", "ten minutes"])
