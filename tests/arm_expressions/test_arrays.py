"""Array and collection functions, checked against ARM's array function docs."""

from __future__ import annotations

import pytest

from linter.frontends.arm.expressions import ExpressionError

from .helpers import ev

OBJ1 = {"one": "a", "two": "b", "three": "c"}
NAMES = ["one", "two", "three"]

DOC_EXAMPLES = [
    ("[array(1)]", {}, [1]),
    ("[array('efgh')]", {}, ["efgh"]),
    ("[array(parameters('o'))]", {"o": {"a": "b", "c": "d"}}, [{"a": "b", "c": "d"}]),
    ("[createArray('a', 'b', 'c')]", {}, ["a", "b", "c"]),
    ("[createArray(1, 2, 3)]", {}, [1, 2, 3]),
    ("[createArray()]", {}, []),
    ("[createArray(parameters('n'))]", {"n": NAMES}, [NAMES]),
    ("[concat(parameters('a'), parameters('b'))]", {"a": ["1-1", "1-2", "1-3"], "b": ["2-1", "2-2", "2-3"]},
     ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"]),
    ("[contains(parameters('o'), 'one')]", {"o": OBJ1}, True),
    ("[contains(parameters('o'), 'a')]", {"o": OBJ1}, False),
    ("[contains(parameters('n'), 'one')]", {"n": NAMES}, True),
    ("[contains(parameters('n'), 'four')]", {"n": NAMES}, False),
    ("[empty(createArray())]", {}, True),
    ("[empty(createObject())]", {}, True),
    ("[first(parameters('n'))]", {"n": NAMES}, "one"),
    ("[last(parameters('n'))]", {"n": NAMES}, "three"),
    ("[indexOf(parameters('n'), 'two')]", {"n": NAMES}, 1),
    ("[indexOf(createArray(4, 5, 6), 5)]", {}, 1),
    ("[lastIndexOf(createArray('a', 'b', 'a'), 'a')]", {}, 2),
    ("[intersection(parameters('x'), parameters('y'))]",
     {"x": OBJ1, "y": {"one": "a", "two": "z", "three": "c"}}, {"one": "a", "three": "c"}),
    ("[intersection(parameters('n'), createArray('two', 'three'))]", {"n": NAMES}, ["two", "three"]),
    ("[union(parameters('x'), parameters('y'))]",
     {"x": {"one": "a", "two": "b", "three": "c1"}, "y": {"three": "c2", "four": "d", "five": "e"}},
     {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}),
    ("[union(parameters('n'), createArray('three', 'four'))]", {"n": NAMES}, ["one", "two", "three", "four"]),
    ("[union(parameters('x'), parameters('y'))]",
     {"x": {"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]},
      "y": {"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}},
     {"property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}),
    ("[length(parameters('n'))]", {"n": NAMES}, 3),
    ("[length(parameters('o'))]", {"o": {"propA": "one", "propB": "two", "propC": "three",
                                         "propD": {"propD-1": "sub", "propD-2": "sub"}}}, 4),
    ("[max(createArray(0, 3, 2, 5, 4))]", {}, 5),
    ("[max(0, 3, 2, 5, 4)]", {}, 5),
    ("[min(createArray(0, 3, 2, 5, 4))]", {}, 0),
    ("[min(0, 3, 2, 5, 4)]", {}, 0),
    ("[range(1, 5)]", {}, [1, 2, 3, 4, 5]),
    ("[skip(parameters('n'), 2)]", {"n": NAMES}, ["three"]),
    ("[take(parameters('n'), 2)]", {"n": NAMES}, ["one", "two"]),
    ("[flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))]",
     {}, ["one", "two", "three", "four", "five"]),
    ("[tryGet(createObject('key', 'value'), 'key')]", {}, "value"),
    ("[tryGet(createObject(), 'property')]", {}, None),
    ("[tryGet(createArray('element'), 0)]", {}, "element"),
    ("[tryGet(createArray(), 0)]", {}, None),
    ("[tryGet(null(), 'property')]", {}, None),
    ("[tryGet(createObject('key', createObject('nestedKey', 'value')), 'key', 'nestedKey')]", {}, "value"),
    ("[tryGet(createObject('key', createObject('nestedKey', 'value')), 'unknownKey', 'nestedKey')]", {}, None),
    ("[lastIndexOf(parameters('names'), 'two')]", {"names": NAMES}, 1),
    ("[indexOf(parameters('names'), 'one')]", {"names": NAMES}, 0),
    ("[lastIndexOf(parameters('names'), 'Three')]", {"names": NAMES}, -1),
    ("[lastIndexOf(createArray(4, 5, 6), 4)]", {}, 0),
    ("[indexOf(createArray(4, 5, 6), 6)]", {}, 2),
    ("[lastIndexOf(createArray(4, 5, 6), '5')]", {}, -1),
    ("[indexOf(createArray(parameters('names'), createArray(4, 5, 6)), createArray(4, 5, 6))]", {"names": NAMES}, 1),
    ("[indexOf(createArray(1, 2, 3, 1), 1)]", {}, 0),
    ("[lastIndexOf(createArray(1, 2, 3, 1), 1)]", {}, 3),
    ("[union(parameters('x'), parameters('y'))]",
     {"x": [["one", "two"], ["three"]], "y": [["three"], ["four", "two"]]},
     [["one", "two"], ["three"], ["four", "two"]]),
    ("[range(5, 3)]", {}, [5, 6, 7]),
    ("[indexFromEnd(createArray('apple', 'banana', 'orange', 'grape'), 2)]", {}, "orange"),
    ("[tryGet(json('{\"name\": \"John Doe\", \"age\": 30}'), 'region')]", {}, None),
    ("[tryIndexFromEnd(createArray('a', 'b', 'c'), 1)]", {}, "c"),
    ("[tryIndexFromEnd(createArray('a', 'b', 'c'), 4)]", {}, None),
    ("[indexFromEnd(createArray('a', 'b', 'c'), 3)]", {}, "a"),
]


@pytest.mark.parametrize(("expression", "params", "expected"), DOC_EXAMPLES)
def test_documented_examples(expression, params, expected):
    assert ev(expression, params) == expected


def test_contains_compares_types_strictly():
    assert ev("[contains(createArray(1, 2), true())]") is False
    assert ev("[contains(createArray('1'), 1)]") is False


def test_object_contains_key_is_case_insensitive():
    assert ev("[contains(createObject('Key', 1), 'kEY')]") is True


def test_first_of_empty_array_is_null():
    assert ev("[first(createArray())]") is None


@pytest.mark.parametrize(
    ("expression", "function"),
    [
        ("[range(0, 10001)]", "range"),
        ("[range(0, -1)]", "range"),
        ("[range(2147483647, 2)]", "range"),
        ("[max(createArray())]", "max"),
        ("[min('a', 1)]", "min"),
        ("[union(createArray(), createObject())]", "union"),
        ("[flatten(createArray(1))]", "flatten"),
        ("[indexFromEnd(createArray('a'), 2)]", "indexFromEnd"),
        ("[length(1)]", "length"),
        ("[first(1)]", "first"),
        ("[tryGet(createObject(), true())]", "tryGet"),
    ],
)
def test_errors(expression, function):
    with pytest.raises(ExpressionError) as info:
        ev(expression)
    assert info.value.function == function


def test_concat_array_limit():
    big = list(range(60_000))
    with pytest.raises(ExpressionError, match="larger than"):
        ev("[concat(parameters('a'), parameters('a'))]", {"a": big})
