"""load_arm never raises, whatever shape the template has: generated templates and deep nesting."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.frontends.arm.template import load_arm

KEYS = [
    "type",
    "name",
    "apiVersion",
    "copy",
    "condition",
    "resources",
    "scope",
    "existing",
    "properties",
    "count",
    "input",
    "template",
    "parameters",
    "variables",
    "value",
    "expressionEvaluationOptions",
    "templateLink",
    "outputs",
    "functions",
    "languageVersion",
    "subscriptionId",
    "resourceGroup",
]
STRINGS = [
    "Microsoft.Network/networkSecurityGroups",
    "subnets",
    "providers/diagnosticSettings",
    "Microsoft.Resources/deployments",
    "Microsoft.X/y/providers/z",
    "a/b",
    "a/Microsoft.Insights/c",
    "[parameters('p')]",
    "[variables('v')]",
    "[copyIndex()]",
    "[copyIndex('x', 1)]",
    "[reference('r')]",
    "[reference(resourceId('Microsoft.Resources/deployments', 'd')).outputs.o.value]",
    "[concat(",
    "[]",
    "[[x]",
    "inner",
    "outer",
    "/",
    "[resourceGroup().id]",
    "2.0",
    "x",
    "[length(parameters('p'))]",
    "[variables('copy')]",
    "[references('r')]",
    "[n.f()]",
]

scalars = st.one_of(st.sampled_from(STRINGS), st.integers(-3, 900), st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS + ["x", "p", "v", "r", "d", "o"]), inner, max_size=6),
    ),
    max_leaves=40,
)
templates = st.dictionaries(
    st.sampled_from(
        ["resources", "parameters", "variables", "outputs", "functions", "languageVersion", "$schema"]
    ),
    values,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=templates)
def test_generated_templates_never_raise(tmp_path, template):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    unit = load_arm(str(path))
    for resource in unit.resources:
        resource.source.locate(("properties", "x", 0))  # positions resolve (or fall back) without errors
    for error in unit.errors:
        assert "internal error" not in error.message, error


def test_deeply_nested_properties(tmp_path):
    body: object = "[parameters('missing')]"
    for _ in range(450):
        body = {"a": [body]}
    template = {"resources": [{"type": "Microsoft.X/y", "name": "n", "properties": body}]}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(template))
    unit = load_arm(str(path))
    assert unit.errors  # reported (too deep, or the undeclared parameter), never raised
    assert [r.name for r in unit.resources] == ["n"]  # the resource itself is kept
