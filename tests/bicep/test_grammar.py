"""Grammar fixtures: each construct parses, and its tree (with positions) is snapshotted."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.frontends.bicep import BicepSyntaxError, parse_file, parse_text
from linter.frontends.bicep.lexer import tokenize
from linter.frontends.bicep.tree import dump

FIXTURES = Path(__file__).parent / "fixtures" / "grammar"
GRAMMAR_FILES = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".bicep", ".bicepparam"))


@pytest.mark.parametrize("name", GRAMMAR_FILES)
def test_fixture_tree(name, snapshot):
    assert dump(parse_file(FIXTURES / name)) == snapshot


def _statements(text: str) -> list[str]:
    return [child.data for child in parse_text(text).children]


def _kinds(text: str) -> list[str]:
    return [t.type for t in tokenize(text)]


def test_every_declaration_kind_is_recognised():
    kinds = _statements((FIXTURES / "declarations.bicep").read_text())
    for wanted in ("target_scope", "metadata_decl", "extension_decl", "import_provider", "import_names",
                   "import_wildcard", "param_decl", "var_decl", "type_decl", "func_decl", "assert_decl",
                   "output_decl"):
        assert wanted in kinds, wanted


def test_newlines_separate_properties_but_not_call_arguments():
    tree = parse_text("var x = f(\n  1,\n  2\n)\nvar y = {\n  a: 1\n  b: 2\n}\n")
    assert [c.data for c in tree.children] == ["var_decl", "var_decl"]
    obj = tree.children[1].children[1]
    assert [c.data for c in obj.children] == ["property", "property"]


def test_multi_line_ternary_and_leading_pipe_are_one_expression():
    tree = parse_text("var x = a\n  ? b\n  : c\ntype t =\n  | 'a'\n  | 'b'\n")
    assert tree.children[0].children[1].data == "ternary"
    assert tree.children[1].children[1].data == "union_type"


def test_operator_at_line_end_continues_but_nullable_marker_does_not():
    tree = parse_text("var a = b ?\n  c :\n  d\nparam x string?\nvar o = {\n  k: e &&\n    f\n  j: 3\n}\n")
    assert [c.data for c in tree.children] == ["var_decl", "param_decl", "var_decl"]
    assert tree.children[0].children[1].data == "ternary"
    assert tree.children[1].children[1].data == "nullable_type"
    assert len(tree.children[2].children[1].children) == 2


def test_keywords_are_contextual():
    assert _kinds("var resource = 1") == ["_VAR", "IDENT", "_ASSIGN", "INT"]
    assert _kinds("x: { type: 1 }")[3] == "IDENT"
    # `resource` starting a line inside an object, followed by a name, declares a child
    assert "_RESOURCE" in _kinds("resource a 'T@1' = {\n  resource b 'c' = {\n  }\n}")
    assert _kinds("var a = [for x in y: x]")[3:7] == ["_LSQB", "_FOR", "IDENT", "_IN"]
    assert _kinds("var a = cond ? for : in")[5] == "IDENT"
    assert "EXISTING" in _kinds("resource a 'T@1' existing = {}")
    assert "EXISTING" not in _kinds("var existing = 1")


def test_interpolation_tokens_nest():
    kinds = _kinds("var a = 'x${f('y${z}')}w'")
    assert kinds == ["_VAR", "IDENT", "_ASSIGN", "STR_START", "IDENT", "_LPAR", "STR_START", "IDENT",
                     "STR_END", "_RPAR", "STR_END"]


def test_positions_are_kept():
    tree = parse_text("param a string\n\nresource r 'T@1' = {\n  name: 'x'\n}\n")
    resource = tree.children[1]
    assert (resource.meta.line, resource.meta.column) == (3, 1)
    prop = resource.children[2].children[0]
    assert (prop.meta.line, prop.meta.column, prop.meta.end_line) == (4, 3, 4)


def test_byte_order_mark_is_accepted():
    assert _statements("\ufeffparam a string\n") == ["param_decl"]


def test_windows_line_endings():
    assert _statements("param a string\r\nvar b = {\r\n  c: 1\r\n}\r\n") == ["param_decl", "var_decl"]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("param x string =", 1, 17, "end of file"),
        ("var x = 'unterminated", 1, 9, "unterminated string"),
        ("var x = {\n  a: 1\n", 3, 1, "unclosed"),
        ("resource r 'T@1' = {\n  name: 'a' 'b'\n}", 2, 13, "unexpected"),
        ("var x = )", 1, 9, "unexpected ')'"),
        ("var x = 1 ~ 2", 1, 11, "unexpected character"),
        ("var x = '''never closed", 1, 9, "unterminated"),
        ("/* open comment", 1, 1, "unterminated /*"),
        ("param a string\nparam b string c", 2, 16, "unexpected 'c'"),
    ],
)
def test_syntax_errors_have_plain_message_and_position(text, line, column, fragment):
    with pytest.raises(BicepSyntaxError) as info:
        parse_text(text)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert fragment in error.message
    assert "Expected one of" not in error.message and "\n" not in error.message


def test_reference_parser_builds_when_its_cache_cannot_be_written(monkeypatch):
    from linter.frontends.bicep import reference

    monkeypatch.setattr(reference, "_cache_file", lambda text: "/proc/azlint-no-such-dir/bicep.pickle")
    reference.parser.cache_clear()
    try:
        assert reference.parser().parse("var a = 1").data == "start"
    finally:
        reference.parser.cache_clear()
