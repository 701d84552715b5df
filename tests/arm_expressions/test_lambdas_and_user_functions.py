"""Lambda functions (ARM docs examples) and user-defined functions from `functions`."""

from __future__ import annotations

import pytest

from linter.frontends.arm.expressions import ExpressionError
from linter.model import Unknown

from .helpers import ev

DOGS = [
    {"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
    {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
    {"name": "Indy", "age": 2, "interests": ["Butter"]},
    {"name": "Kira", "age": 8, "interests": ["Rubs"]},
]


def lv(name: str) -> str:
    return f"lambdaVariables('{name}')"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (f"[filter(parameters('dogs'), lambda('dog', greaterOrEquals({lv('dog')}.age, 5)))]", [DOGS[0], DOGS[3]]),
        (f"[filter(range(0, 10), lambda('i', and(greater({lv('i')}, 3), less({lv('i')}, 8))))]", [4, 5, 6, 7]),
        (f"[map(parameters('dogs'), lambda('dog', {lv('dog')}.name))]", ["Evie", "Casper", "Indy", "Kira"]),
        (f"[map(parameters('dogs'), lambda('dog', 'i', concat(string({lv('i')}), {lv('dog')}.name)))]",
         ["0Evie", "1Casper", "2Indy", "3Kira"]),
        (f"[reduce(map(parameters('dogs'), lambda('dog', {lv('dog')}.age)), 0, "
         f"lambda('cur', 'next', add({lv('cur')}, {lv('next')})))]", 18),
        (f"[reduce(createArray(1, 2, 3), 1, lambda('cur', 'next', 'i', add({lv('cur')}, {lv('i')})))]", 4),
        (f"[map(sort(parameters('dogs'), lambda('a', 'b', less({lv('a')}.age, {lv('b')}.age))), "
         f"lambda('d', {lv('d')}.name))]", ["Indy", "Casper", "Evie", "Kira"]),
        (f"[toObject(parameters('dogs'), lambda('entry', {lv('entry')}.name), "
         f"lambda('entry', {lv('entry')}.age))]", {"Evie": 5, "Casper": 3, "Indy": 2, "Kira": 8}),
        (f"[toObject(createArray(createObject('name', 'a')), lambda('e', {lv('e')}.name))]", {"a": {"name": "a"}}),
        (f"[mapValues(createObject('foo', 'foo'), lambda('val', toUpper({lv('val')})))]", {"foo": "FOO"}),
        (f"[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring({lv('x')}, 0, 1)))]",
         {"f": ["foo"], "b": ["bar", "baz"]}),
    ],
)
def test_documented_lambda_examples(expression, expected):
    assert ev(expression, {"dogs": DOGS}) == expected


def test_lambda_sees_outer_lambda_variables():
    expression = (f"[map(createArray(1, 2), lambda('x', map(createArray(10), "
                  f"lambda('y', add({lv('x')}, {lv('y')})))))]")
    assert ev(expression) == [[11], [12]]


def test_unknown_elements_and_predicates():
    assert ev(f"[map(createArray(1, parameters('u')), lambda('x', {lv('x')}))]")[0] == 1
    assert isinstance(ev(f"[filter(createArray(1, parameters('u')), lambda('x', equals({lv('x')}, 1)))]"), Unknown)
    assert isinstance(ev(f"[sort(createArray(2, parameters('u')), lambda('a', 'b', less({lv('a')}, {lv('b')})))]"),
                      Unknown)
    assert isinstance(ev(f"[groupBy(createArray(parameters('u')), lambda('x', {lv('x')}))]"), Unknown)


@pytest.mark.parametrize(
    "expression",
    [
        "[lambda('x', 1)]",
        "[map(createArray(1), 'notalambda')]",
        f"[map(createArray(1), lambda('a', 'b', 'c', {lv('a')}))]",
        "[lambdaVariables('nope')]",
        f"[filter(createArray(1), lambda('x', {lv('x')}))]",
    ],
)
def test_lambda_errors(expression):
    with pytest.raises(ExpressionError):
        ev(expression)


USER_FUNCTIONS = {
    "contoso.uniquename": {
        "parameters": [{"name": "namePrefix", "type": "string"}],
        "output": {"type": "string", "value": "[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]"},
    },
    "contoso.leaky": {"parameters": [], "output": {"type": "string", "value": "[variables('v')]"}},
    "contoso.wrap": {
        "parameters": [{"name": "x", "type": "string"}],
        "output": {"type": "object", "value": {"name": "[contoso.uniqueName(parameters('x'))]"}},
    },
}


def test_user_function_uses_its_own_parameters():
    expected = "st" + ev("[uniqueString(resourceGroup().id)]")
    assert ev("[contoso.uniqueName('ST')]", user_functions=USER_FUNCTIONS) == expected
    assert ev("[contoso.wrap('ST').name]", user_functions=USER_FUNCTIONS) == expected


def test_user_function_cannot_see_template_variables():
    with pytest.raises(ExpressionError):
        ev("[contoso.leaky()]", variables={"v": 1}, user_functions=USER_FUNCTIONS)


def test_user_function_errors():
    with pytest.raises(ExpressionError) as info:
        ev("[contoso.missing()]", user_functions=USER_FUNCTIONS)
    assert info.value.function == "contoso.missing"
    with pytest.raises(ExpressionError):
        ev("[contoso.uniqueName()]", user_functions=USER_FUNCTIONS)


def test_user_function_with_unknown_argument():
    assert isinstance(ev("[contoso.uniqueName(parameters('u'))]", user_functions=USER_FUNCTIONS), Unknown)
