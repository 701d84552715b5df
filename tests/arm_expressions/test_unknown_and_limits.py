"""Unknown propagation, evaluate_deep, resource limits, and a fuzz test: evaluate() only ever
returns a value or raises ExpressionError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.frontends.arm.expressions import ExpressionError, evaluate, evaluate_deep
from linter.frontends.arm.functions import REGISTRY
from linter.model import Unknown

from .helpers import ev, make_scope

DECIDED_DESPITE_UNKNOWN = [
    ("[if(true(), 'x', parameters('u'))]", "x"),
    ("[if(false(), parameters('u'), 'y')]", "y"),
    ("[and(false(), parameters('u'))]", False),
    ("[and(parameters('u'), false())]", False),
    ("[or(true(), parameters('u'))]", True),
    ("[or(parameters('u'), true())]", True),
    ("[coalesce(null(), 'a', parameters('u'))]", "a"),
    ("[length(createArray(1, parameters('u')))]", 2),
    ("[empty(createArray(parameters('u')))]", False),
    ("[contains(createArray('a', parameters('u')), 'a')]", True),
    ("[indexOf(createArray('a', parameters('u')), 'a')]", 0),
    ("[length(concat(createArray(parameters('u')), createArray(1)))]", 2),
]


@pytest.mark.parametrize(("expression", "expected"), DECIDED_DESPITE_UNKNOWN)
def test_decidable_results_stay_known(expression, expected):
    assert ev(expression) == expected


def test_containers_keep_unknown_values():
    result = ev("[createObject('a', 1, 'b', parameters('u'))]")
    assert result["a"] == 1 and isinstance(result["b"], Unknown)
    result = ev("[concat(createArray(1), createArray(parameters('u')))]")
    assert result[0] == 1 and isinstance(result[1], Unknown)
    assert isinstance(ev("[first(createArray(parameters('u')))]"), Unknown)


@pytest.mark.parametrize(
    "expression",
    [
        "[parameters('u').a.b[0]]",
        "[concat('a', parameters('u'))]",
        "[coalesce(parameters('u'), 'a')]",
        "[and(true(), parameters('u'))]",
        "[or(false(), parameters('u'))]",
        "[if(parameters('u'), 1, 2)]",
        "[equals(parameters('u'), 1)]",
        "[equals(createArray(parameters('u')), createArray(1))]",
        "[contains(createArray(parameters('u')), 'a')]",
        "[indexOf(createArray(parameters('u'), 'a'), 'a')]",
        "[toLower(parameters('u'))]",
        "[add(parameters('u'), 1)]",
        "[length(parameters('u'))]",
        "[string(createArray(parameters('u')))]",
        "[join(createArray('a', parameters('u')), ',')]",
        "[format('{0}', parameters('u'))]",
        "[json(parameters('u'))]",
        "[union(createArray(parameters('u')), createArray(1))]",
        "[resourceId('Microsoft.Web/sites', parameters('u'))]",
        "[createArray(1)[parameters('u')]]",
        "[createObject(parameters('u'), 1)]",
        "[copyIndex(parameters('u'))]",
    ],
)
def test_unknown_propagates(expression):
    assert isinstance(ev(expression), Unknown)


def test_evaluate_deep_walks_keys_and_values():
    scope = make_scope({"name": "web", "u": Unknown("u")})
    value = {
        "[concat(parameters('name'), '-key')]": ["[parameters('name')]", "[[literal]", 3],
        "plain": {"inner": "[toUpper(parameters('name'))]", "unknown": "[parameters('u')]"},
    }
    result = evaluate_deep(value, scope)
    assert result["web-key"] == ["web", "[literal]", 3]
    assert result["plain"]["inner"] == "WEB" and isinstance(result["plain"]["unknown"], Unknown)


def test_every_registered_function_tolerates_unknown_arguments():
    scope = make_scope({"u": Unknown("u")})
    for name, spec in REGISTRY.items():
        if spec.lazy or name in ("lambdavariables",):
            continue
        count = max(spec.min_args, 1) if spec.max_args != 0 else 0
        args = ", ".join(["parameters('u')"] * count)
        try:
            evaluate(f"[{name}({args})]", scope)
        except ExpressionError:
            pass  # an ExpressionError is fine; any other exception fails the test


@pytest.mark.parametrize(
    "expression",
    [
        "[range(0, 100000)]",
        "[padLeft('a', 20000000)]",
        "[format('{0,20000000}', 'a')]",
        "[replace(parameters('big'), 'a', parameters('big'))]",
        "[concat(parameters('big'), parameters('big'), parameters('big'))]",
        "[string(parameters('bigarray'))]",
    ],
)
def test_resource_limits_raise_expression_error(expression):
    params = {"big": "a" * 4_000_000, "bigarray": ["x" * 1000] * 11_000}
    with pytest.raises(ExpressionError):
        ev(expression, params)


def test_work_budget_stops_runaway_lambdas():
    with pytest.raises(ExpressionError, match="too expensive"):
        ev("[map(range(0, 10000), lambda('i', range(0, 10000)))]")
    assert ev("[length(map(range(0, 1000), lambda('i', range(0, 100))))]") == 1000  # budget is per evaluation


def test_reading_a_big_variable_many_times_is_not_charged_by_size():
    big = {"big": list(range(90_000))}
    expression = "[length(createArray(" + ", ".join(["parameters('big')"] * 40) + "))]"
    assert ev(expression, big) == 40


def test_unknown_object_key_keeps_its_text():
    scope = make_scope({"u": Unknown("u")})
    assert evaluate_deep({"[createArray(parameters('u'))]": 1, "[string(1)]": 2}, scope) == {
        "[createArray(parameters('u'))]": 1,
        "1": 2,
    }


def test_deep_nesting_is_an_expression_error():
    deep = "[" + "concat(" * 3000 + "'a'" + ")" * 3000 + "]"
    with pytest.raises(ExpressionError):
        evaluate(deep, make_scope())


def test_lambda_cannot_escape():
    with pytest.raises(ExpressionError):
        ev("[lambda('x', 1)]")


_FUNCTION_NAMES = sorted(spec.name for spec in REGISTRY.values())
_atoms = st.one_of(
    st.integers(-5, 5).map(str),
    st.sampled_from(["'a'", "'a,b'", "''", "'{0}'", "'P1D'", "'Microsoft.X/y'", "parameters('u')", "parameters('o')",
                     "true()", "null()", "createArray()", "lambda('x', lambdaVariables('x'))"]),
)


def _calls(children):
    return st.tuples(st.sampled_from(_FUNCTION_NAMES), st.lists(children, max_size=4)).map(
        lambda t: f"{t[0]}({', '.join(t[1])})"
    )


_expressions = st.recursive(_atoms, _calls, max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_expressions)
def test_random_calls_only_raise_expression_error(expression):
    scope = make_scope({"u": Unknown("u"), "o": {"a": [1, "b"]}})
    try:
        evaluate(f"[{expression}]", scope)
    except ExpressionError:
        pass


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("[]()',. abc01-_{}:\\\"$") + ["concat", "parameters", "'x'"]),
                max_size=30).map("".join))
def test_random_text_only_raises_expression_error(text):
    try:
        evaluate(text, make_scope({"x": 1}))
        evaluate("[" + text + "]", make_scope({"x": 1}))
    except ExpressionError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_unicode_only_raises_expression_error(text):
    try:
        evaluate("[" + text + "]", make_scope())
    except ExpressionError:
        pass
