"""Parsing and compiling the condition language: syntax, positions, paths, literals."""

from __future__ import annotations

import pytest

from linter.model import Unknown
from linter.rules.language import (
    ConditionSyntaxError,
    compile_expression,
    compile_for_each,
    compile_template,
    parse,
)

from .support import evaluate, make_resource

GRAMMAR_SAMPLES = [
    "properties.ipConfigurations[*].properties.publicIPAddress.id",
    "any(rule in properties.securityRules[*]: rule.properties.access == 'Allow' and not exists(rule.x))",
    "ref(ipc.properties.subnet.id).properties.networkSecurityGroup.id",
    "sku.capacity >= 2 or lower(kind) in ['elastic', \"functionapp\"]",
    "count(referrers('Microsoft.Insights/diagnosticSettings')) == 0",
    "properties['odd-key'][0] != null  # a trailing comment",
    "a not in [1, -2, 3.5, true, false, null]",
]


@pytest.mark.parametrize("text", GRAMMAR_SAMPLES)
def test_grammar_parse_trees(text, snapshot):
    assert parse(text).pretty() == snapshot


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a == == b", 1, 6),
        ("exists(a", 1, 8),
        ("a and\n  or b", 2, 3),
        ("a == 'unclosed", 1, 6),
        ("a ! b", 1, 3),
    ],
)
def test_syntax_errors_carry_line_and_column(text, line, column):
    with pytest.raises(ConditionSyntaxError) as info:
        compile_expression(text)
    assert (info.value.line, info.value.column) == (line, column)


def test_unknown_function_and_wrong_arity_are_compile_errors():
    with pytest.raises(ConditionSyntaxError, match="unknown function 'nope'"):
        compile_expression("x and nope(1)")
    with pytest.raises(ConditionSyntaxError, match=r"exists\(\) takes 1 argument"):
        compile_expression("exists(a, b)")
    with pytest.raises(ConditionSyntaxError, match="whole number"):
        compile_expression("a[1.5]")


def test_for_each_binds_a_name():
    name, collection = compile_for_each("rule in properties.securityRules[*]")
    assert name == "rule"
    assert collection.source.endswith("[*]")


def test_paths_are_case_insensitive_exact_match_first():
    body = {"Properties": {"SKU": 1, "sku": 2}}
    assert evaluate("properties.sku", body).value == 2
    assert evaluate("properties.Sku", body).value in (1, 2)
    assert evaluate("PROPERTIES.SKU", body).value == 1


def test_paths_index_wildcard_and_missing():
    body = {"properties": {"items": [{"n": "a"}, {"n": "b"}, {}]}, "zones": ["1"]}
    assert evaluate("properties.items[1].n", body).value == "b"
    assert evaluate("properties.items[-1].n", body).value is None
    assert evaluate("properties.items[*].n", body).value == ["a", "b", None]
    assert evaluate("properties.items[9].n", body).value is None
    assert evaluate("properties.nothing.deeper", body).value is None
    assert evaluate("zones[0]", body).value == "1"
    assert evaluate("properties.items[*].n[*]", body).value == ["a", "b"]


def test_unknown_propagates_through_paths():
    body = {"properties": Unknown("param")}
    assert isinstance(evaluate("properties.a.b[0].c", body).value, Unknown)
    assert isinstance(evaluate("properties.a[*].b", body).value, Unknown)


def test_literals():
    assert evaluate("[1, 'a', \"b\", true, null, -3, 2.5]").value == [1, "a", "b", True, None, -3, 2.5]
    assert evaluate("'it\\'s'").value == "it's"


def test_resource_metadata_and_options():
    resource = make_resource(name="nsg1", body={"name": "body-name"})
    assert evaluate("resource.name", resource=resource).value == "nsg1"
    assert evaluate("resource.type", resource=resource).value == "Microsoft.Network/networkSecurityGroups"
    assert evaluate("name", resource=resource).value == "body-name"
    assert evaluate("options.ports[1]", options={"ports": [22, 3389]}).value == 3389
    assert evaluate("options.udp-ports", options={"udp-ports": [3389]}).value == [3389]


def test_message_templates():
    resource = make_resource(name="nsg1", body={"properties": {"x": Unknown("p"), "l": [1, 2]}})
    from linter.model import Model
    from linter.rules.evaluate import Context

    ctx = Context(resource, Model([resource]), {})
    template = compile_template("{resource.name}: x={properties.x} l={properties.l} m={properties.m} {{ok}}")
    assert template.render(ctx) == "nsg1: x=<unknown> l=1, 2 m=<none> {ok}"


def test_message_template_errors_have_positions():
    with pytest.raises(ConditionSyntaxError) as info:
        compile_template("first line\nbad {a ==}")
    assert info.value.line == 2
    with pytest.raises(ConditionSyntaxError, match="unclosed"):
        compile_template("oops {a")
    with pytest.raises(ConditionSyntaxError, match="unmatched"):
        compile_template("oops } a")
