"""String functions, checked against the examples in ARM's string function docs."""

from __future__ import annotations

import pytest

from linter.frontends.arm.expressions import ExpressionError

from .helpers import ev

DOC_EXAMPLES = [
    ("[base64('one, two, three')]", "b25lLCB0d28sIHRocmVl"),
    ("[base64ToString('b25lLCB0d28sIHRocmVl')]", "one, two, three"),
    ("[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]", {"one": "a", "two": "b"}),
    ("[concat('prefix', '-', 'suffix')]", "prefix-suffix"),
    ("[contains('OneTwoThree', 'e')]", True),
    ("[contains('OneTwoThree', 'z')]", False),
    ("[dataUri('Hello')]", "data:text/plain;charset=utf8;base64,SGVsbG8="),
    ("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", "Hello, World!"),
    ("[empty('')]", True),
    ("[endsWith('abcdef', 'ef')]", True),
    ("[endsWith('abcdef', 'F')]", True),
    ("[endsWith('abcdef', 'e')]", False),
    ("[startsWith('abcdef', 'ab')]", True),
    ("[startsWith('abcdef', 'A')]", True),
    ("[startsWith('abcdef', 'e')]", False),
    ("[first('One Two Three')]", "O"),
    ("[last('One Two Three')]", "e"),
    ("[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]",
     "Hello, User. Formatted number: 8,175,133"),
    ("[indexOf('test', 't')]", 0),
    ("[indexOf('abcdef', 'CD')]", 2),
    ("[indexOf('abcdef', 'z')]", -1),
    ("[lastIndexOf('test', 't')]", 3),
    ("[lastIndexOf('abcdef', 'AB')]", 0),
    ("[lastIndexOf('abcdef', 'z')]", -1),
    ("[join(createArray('one', 'two', 'three'), ',')]", "one,two,three"),
    ("[join(createArray('one', 'two', 'three'), ';')]", "one;two;three"),
    ("[length('One Two Three')]", 13),
    ("[padLeft('123', 10, '0')]", "0000000123"),
    ("[replace('123-123-1234', '-', '')]", "1231231234"),
    ("[replace('123-123-1234', '1234', 'xxxx')]", "123-123-xxxx"),
    ("[skip('one two three', 4)]", "two three"),
    ("[split('one,two,three', ',')]", ["one", "two", "three"]),
    ("[split('one;two,three', createArray(',', ';'))]", ["one", "two", "three"]),
    ("[string(createObject('valueA', 10, 'valueB', 'Example Text'))]", '{"valueA":10,"valueB":"Example Text"}'),
    ("[string(createArray('a', 'b', 'c'))]", '["a","b","c"]'),
    ("[string(5)]", "5"),
    ("[substring('one two three', 4, 3)]", "two"),
    ("[take('one two three', 2)]", "on"),
    ("[toLower('One Two Three')]", "one two three"),
    ("[toUpper('One Two Three')]", "ONE TWO THREE"),
    ("[trim('    one two three   ')]", "one two three"),
    ("[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]",
     "http://contoso.com/resources/nested/azuredeploy.json"),
    ("[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
     "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"),
    ("[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]",
     "http://contoso.com/resources/nested/azuredeploy.json"),
]


@pytest.mark.parametrize(("expression", "expected"), DOC_EXAMPLES)
def test_documented_examples(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("[concat('a', 1, true(), null())]", "a1True"),
        ("[contains('abc', 'B')]", False),  # string contains is case-sensitive
        ("[string(true())]", "True"),
        ("[string(null())]", ""),
        ("[substring('abc', 1)]", "bc"),
        ("[toLower(null())]", ""),
        ("[take('abc', -1)]", ""),
        ("[skip('abc', 10)]", ""),
        ("[split('a,,b', ',')]", ["a", "", "b"]),
        ("[padLeft(7, 3, '0')]", "007"),
        ("[padLeft('abcd', 2)]", "abcd"),
        ("[format('{0,5}|{0,-5}|', 'ab')]", "   ab|ab   |"),
        ("[format('{{literal}} {0}', 1)]", "{literal} 1"),
        ("[format('{0:D5} {0:X} {0:x4}', 255)]", "00255 FF 00ff"),
        ("[format('{0:N2} {0:F1} {0:P0}', 1234)]", "1,234.00 1234.0 123,400 %"),
        ("[format('{0:000.00}', 3)]", "003.00"),
        ("[format('{0}', createArray('a', 1))]", "['a',1]"),
        ("[format('{0} {1}', true(), null())]", "True "),
        ("[replace('Hello hello', 'HELLO', 'bye')]", "bye bye"),
        ("[uri('https://a.example/x/y', '../z')]", "https://a.example/z"),
    ],
)
def test_behaviour(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize(
    ("expression", "function"),
    [
        ("[toLower(1)]", "toLower"),
        ("[substring('abc', 2, 5)]", "substring"),
        ("[substring('abc', -1)]", "substring"),
        ("[replace('abc', '', 'x')]", "replace"),
        ("[format('{1}', 'a')]", "format"),
        ("[format('{0', 'a')]", "format"),
        ("[format('a}b')]", "format"),
        ("[base64ToString('not base64!')]", "base64ToString"),
        ("[uri('relative/path', 'x')]", "uri"),
        ("[join(createArray(createArray()), ',')]", "join"),
        ("[padLeft('a', 3, 'xy')]", "padLeft"),
        ("[concat('a', createArray())]", "concat"),
        ("[dataUriToString('hello')]", "dataUriToString"),
    ],
)
def test_type_and_value_errors_name_the_function(expression, function):
    with pytest.raises(ExpressionError) as info:
        ev(expression)
    assert info.value.function == function


def test_unsupported_number_format_is_unknown_not_guessed():
    from linter.model import Unknown

    assert isinstance(ev("[format('{0:yyyy}', 5)]"), Unknown)
