"""Object, comparison, logical and numeric functions (ARM docs examples)."""

from __future__ import annotations

import pytest

from linter.frontends.arm.expressions import ExpressionError

from .helpers import ev

DOC_EXAMPLES = [
    ("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', "
     "createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
     {"intProp": 1, "stringProp": "abc", "boolProp": True, "arrayProp": ["a", "b", "c"],
      "objectProp": {"key1": "value1"}}),
    ("[json('{\"a\": \"b\"}')]", {"a": "b"}),
    ("[json('null')]", None),
    ("[json('[1,2,3]')]", [1, 2, 3]),
    ("[json('\"demo\"')]", "demo"),
    ("[json('true')]", True),
    ("[json(concat('{\"a\": \"', 'demo value', '\"}'))]", {"a": "demo value"}),
    ("[json('{''one'': ''a''}')]", {"one": "a"}),
    ("[items(json('{\"item002\": {\"enabled\": false}, \"item001\": {\"enabled\": true}}'))]",
     [{"key": "item001", "value": {"enabled": True}}, {"key": "item002", "value": {"enabled": False}}]),
    ("[objectKeys(json('{\"a\": 1, \"b\": 2}'))]", ["a", "b"]),
    ("[shallowMerge(json('[{\"one\": \"a\"}, {\"two\": \"b\"}, {\"two\": \"c\"}]'))]", {"one": "a", "two": "c"}),
    ("[shallowMerge(json('[{\"one\": \"a\", \"nested\": {\"a\": 1, \"nested\": {\"c\": 3}}}, "
     "{\"two\": \"b\", \"nested\": {\"b\": 2}}]'))]", {"one": "a", "nested": {"b": 2}, "two": "b"}),
    ("[coalesce(null(), null(), 'default')]", "default"),
    ("[coalesce(null(), null())]", None),
    ("[equals(1, 1)]", True),
    ("[equals('a', 'a')]", True),
    ("[equals('a', 'A')]", False),
    ("[equals(createArray('a', 'b'), createArray('a', 'b'))]", True),
    ("[equals(createObject('a', 'b'), createObject('a', 'b'))]", True),
    ("[equals(1, true())]", False),
    ("[less(10, 5)]", False),
    ("[less('A', 'a')]", False),
    ("[lessOrEquals(5, 5)]", True),
    ("[greater(10, 5)]", True),
    ("[greater('A', 'a')]", True),
    ("[greaterOrEquals('a', 'a')]", True),
    ("[and(true(), false())]", False),
    ("[or(true(), false())]", True),
    ("[not(true())]", False),
    ("[bool('true')]", True),
    ("[bool('false')]", False),
    ("[bool(1)]", True),
    ("[bool(0)]", False),
    ("[if(equals('a', 'a'), 'yes', 'no')]", "yes"),
    ("[if(false(), 'yes', createObject('a', 1))]", {"a": 1}),
    ("[add(5, 3)]", 8),
    ("[sub(7, 3)]", 4),
    ("[mul(5, 3)]", 15),
    ("[div(8, 3)]", 2),
    ("[mod(7, 3)]", 1),
    ("[div(-7, 2)]", -3),
    ("[mod(-7, 2)]", -1),
    ("[int('4')]", 4),
    ("[int(' -12 ')]", -12),
    ("[float('3.5')]", 3.5),
    ("[float(2)]", 2.0),
    ("[true()]", True),
    ("[false()]", False),
    ("[null()]", None),
]


@pytest.mark.parametrize(("expression", "expected"), DOC_EXAMPLES)
def test_documented_examples(expression, expected):
    result = ev(expression)
    assert result == expected and type(result) is type(expected)


def test_if_does_not_evaluate_the_branch_not_taken():
    assert ev("[if(true(), 'ok', div(1, 0))]") == "ok"
    assert ev("[if(false(), parameters('undeclared'), 'ok')]") == "ok"


@pytest.mark.parametrize(
    ("expression", "function"),
    [
        ("[add('a', 1)]", "add"),
        ("[add(1, true())]", "add"),
        ("[div(1, 0)]", "div"),
        ("[mod(1, 0)]", "mod"),
        ("[mul(9223372036854775807, 2)]", "mul"),
        ("[int('x')]", "int"),
        ("[float('x')]", "float"),
        ("[bool('yes')]", "bool"),
        ("[not('true')]", "not"),
        ("[and(true(), 1)]", "and"),
        ("[if('true', 1, 2)]", "if"),
        ("[less('a', 1)]", "less"),
        ("[createObject('a')]", "createObject"),
        ("[createObject(1, 'a')]", "createObject"),
        ("[createObject('a', 1, 'a', 2)]", "createObject"),
        ("[json('{not json')]", "json"),
        ("[objectKeys(createArray())]", "objectKeys"),
        ("[true(1)]", "true"),
    ],
)
def test_errors_name_the_function(expression, function):
    with pytest.raises(ExpressionError) as info:
        ev(expression)
    assert info.value.function == function
