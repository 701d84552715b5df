"""Tests for linter.frontends.jsonload: JSON/JSONC loading, positions, errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.frontends.jsonload import JsonLoadError, load_json


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


# --- loading ---------------------------------------------------------------


def test_strict_json_is_not_jsonc():
    doc = load_json('{"a": [1, 2.5, true, null, "x"]}', "t.json")
    assert doc.data == {"a": [1, 2.5, True, None, "x"]}
    assert doc.is_jsonc is False
    assert doc.path == "t.json"
    assert doc.comments() == []


def test_line_comments_and_urls_inside_strings():
    text = '{\n  // a comment\n  "url": "https://example.com//path", // trailing\n  "b": 1\n}'
    doc = load_json(text, "t.jsonc")
    assert doc.data == {"url": "https://example.com//path", "b": 1}
    assert doc.is_jsonc is True
    assert doc.comments() == [(2, 3, "a comment"), (3, 39, "trailing")]


def test_block_comments_keep_line_numbers():
    text = '{\n  /* one\n     two */ "a": 1,\n  "b": /* inline */ 2\n}'
    doc = load_json(text, "t.jsonc")
    assert doc.data == {"a": 1, "b": 2}
    assert doc.locate(("a",)) == (3, 13)
    assert doc.locate(("b",)) == (4, 3)
    assert [c[:2] for c in doc.comments()] == [(2, 3), (4, 8)]
    assert doc.comments()[0][2] == "one\n     two"


def test_comment_markers_inside_strings_are_text():
    doc = load_json('{"a": "/* not */", "b": "// nor this", "c": 1,}', "t.json")
    assert doc.data == {"a": "/* not */", "b": "// nor this", "c": 1}
    assert doc.comments() == []


def test_trailing_commas_in_objects_and_arrays():
    text = '{\n  "a": [1, 2,],\n  "b": {"c": 3,},\n  "d": [4, // four\n  ],\n}'
    doc = load_json(text, "t.json")
    assert doc.data == {"a": [1, 2], "b": {"c": 3}, "d": [4]}
    assert doc.is_jsonc is True


def test_raw_newlines_and_tabs_inside_strings():
    doc = load_json('{"script": "line1\nline2\tend"}', "t.json")
    assert doc.data == {"script": "line1\nline2\tend"}
    assert doc.is_jsonc is False


def test_escaped_quotes_and_backslashes_in_jsonc():
    text = '{"a": "say \\"//hi\\" \\\\", // c\n "b": 1}'
    doc = load_json(text, "t.json")
    assert doc.data == {"a": 'say "//hi" \\', "b": 1}
    assert doc.locate(("b",)) == (2, 2)


def test_bytes_with_bom_and_crlf():
    raw = b'\xef\xbb\xbf{\r\n  "a": {\r\n    "b": [10, 20]\r\n  }\r\n}\r\n'
    doc = load_json(raw, "t.json")
    assert doc.data == {"a": {"b": [10, 20]}}
    assert doc.locate(()) == (1, 1)  # the BOM takes no column
    assert doc.locate(("a",)) == (2, 3)
    assert doc.locate(("a", "b")) == (3, 5)
    assert doc.locate(("a", "b", 1)) == (3, 15)


def test_str_with_bom_and_jsonc_crlf():
    text = '\ufeff{\r\n  // c\r\n  "a": [1,\r\n    2,],\r\n}'
    doc = load_json(text, "t.json")
    assert doc.data == {"a": [1, 2]}
    assert doc.locate(("a", 1)) == (4, 5)
    assert doc.comments() == [(2, 3, "c")]


def test_utf16_with_bom_is_decoded():
    raw = '{"a": 1}'.encode("utf-16")
    assert load_json(raw, "t.json").data == {"a": 1}


# --- positions -------------------------------------------------------------


SAMPLE = """{
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "properties": {
        "securityRules": [
          {"name": "a"},
          {"name": "b", "properties": {"access": "Allow"}}
        ]
      }
    }
  ]
}"""


def test_locate_keys_array_items_and_nested_values():
    doc = load_json(SAMPLE, "t.json")
    assert doc.locate(("resources",)) == (2, 3)
    assert doc.locate(("resources", 0)) == (3, 5)
    assert doc.locate(("resources", 0, "type")) == (4, 7)
    assert doc.locate(("resources", 0, "properties", "securityRules", 1)) == (8, 11)
    rule = ("resources", 0, "properties", "securityRules", 1, "properties", "access")
    assert doc.locate(rule) == (8, 40)


def test_locate_missing_and_case_insensitive():
    doc = load_json(SAMPLE, "t.json")
    assert doc.locate(("resources", 5)) is None
    assert doc.locate(("nope",)) is None
    assert doc.locate(("Resources", 0, "TYPE")) == (4, 7)


def test_locate_duplicate_key_last_wins():
    doc = load_json('{"a": 1,\n "a": 2}', "t.json")
    assert doc.data == {"a": 2}
    assert doc.locate(("a",)) == (2, 2)


def test_locate_escaped_key():
    doc = load_json('{"a\\"b": 1, "\\u00e9": 2}', "t.json")
    assert doc.locate(('a"b',)) == (1, 2)
    assert doc.locate(("é",)) == (1, 13)


def test_locate_root_scalar():
    doc = load_json('  "x"', "t.json")
    assert doc.locate(()) == (1, 3)


# --- errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3),
        ('{\r\n  "a": 1\r\n  "b": 2\r\n}', 3, 3),
        ('{"a": }', 1, 7),
        ("[1, 2", 1, 6),
        ('{\n  // c\n  "a": tru\n}', 3, 8),
        ('{"a": 1} x', 1, 10),
    ],
)
def test_syntax_error_positions(text, line, column):
    with pytest.raises(JsonLoadError) as caught:
        load_json(text, "t.json")
    assert (caught.value.line, caught.value.column) == (line, column)


def test_unterminated_block_comment():
    with pytest.raises(JsonLoadError, match="unterminated") as caught:
        load_json('{"a": 1 /* open\n}', "t.json")
    assert (caught.value.line, caught.value.column) == (1, 9)


@pytest.mark.parametrize("text", ["", "   \n\t", b"", b"\xef\xbb\xbf"])
def test_empty_file(text):
    with pytest.raises(JsonLoadError, match="empty file"):
        load_json(text, "t.json")


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_a_load_error(opener):
    closer = "]" if opener == "[" else "}"
    text = opener * 10_000 + "1" + closer * 10_000
    with pytest.raises(JsonLoadError, match="nesting deeper than") as caught:
        load_json(text, "t.json")
    assert caught.value.line == 1
    assert caught.value.column > 1


def test_deep_nesting_in_jsonc_is_a_load_error():
    text = "// deep\n" + "[" * 10_000 + "]" * 10_000
    with pytest.raises(JsonLoadError, match="nesting deeper than") as caught:
        load_json(text, "t.json")
    assert caught.value.line == 2


def test_binary_input():
    with pytest.raises(JsonLoadError, match="binary") as caught:
        load_json(b'{"a":\n 1\x00\x01\x02}', "t.json")
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_invalid_utf8_position():
    with pytest.raises(JsonLoadError, match="invalid UTF-8") as caught:
        load_json(b'{\n  "\xc3\xa9\xff": 1}', "t.json")
    assert (caught.value.line, caught.value.column) == (2, 5)


def test_huge_integer_is_a_load_error():
    with pytest.raises(JsonLoadError, match="number too long"):
        load_json("[" + "9" * 5000 + "]", "t.json")


def test_error_is_an_exception_with_attributes():
    err = JsonLoadError("bad", 3, 4)
    assert isinstance(err, Exception)
    assert (err.message, err.line, err.column) == ("bad", 3, 4)
    assert "3:4" in str(err)


# --- properties ------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def pointers(value, pointer=()):
    yield pointer, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from pointers(item, pointer + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from pointers(item, pointer + (index,))


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, 0, 1, 2, 4, "\t"]), st.booleans(), st.booleans())
def test_roundtrip_and_positions(value, indent, ascii_only, crlf):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    if crlf:
        text = text.replace("\n", "\r\n")
    doc = load_json(text, "t.json")
    assert doc.data == value
    for pointer, item in pointers(value):
        found = doc.locate(pointer)
        assert found is not None, pointer
        at = text[offset_of(text, *found):]
        if pointer and isinstance(pointer[-1], str):
            assert at.startswith(json.dumps(pointer[-1], ensure_ascii=ascii_only)), pointer
        else:
            assert at[:1] == json.dumps(item)[:1], pointer


jsonish = st.text(alphabet='{}[],:"/*\\\n\r\t 01-.eEtrufalsn\x00\ufeff', max_size=60)


@settings(max_examples=500, deadline=None)
@given(jsonish | st.text(max_size=40))
def test_any_text_loads_or_raises_load_error(text):
    try:
        doc = load_json(text, "t.json")
    except JsonLoadError as err:
        assert err.line >= 1 and err.column >= 1
        return
    for pointer, _ in pointers(doc.data):
        assert doc.locate(pointer) is not None
    doc.comments()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60))
def test_any_bytes_loads_or_raises_load_error(raw):
    try:
        load_json(raw, "t.json")
    except JsonLoadError as err:
        assert err.line >= 1 and err.column >= 1


def test_case_insensitive_collision_prefers_the_last_key():
    doc = load_json('{"Name": 1,\n "name": 2}', "t.json")
    assert doc.locate(("Name",)) == (1, 2)
    assert doc.locate(("NAME",)) == (2, 2)
