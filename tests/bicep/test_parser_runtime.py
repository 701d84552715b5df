"""How the Bicep parser behaves at run time: no lark parser for valid files, errors in text order,
positions of tokens that span lines, and deep nesting."""

from __future__ import annotations

import subprocess
import sys

import pytest

from linter.frontends.bicep import BicepSyntaxError, parse_text
from linter.frontends.bicep.lexer import tokenize


def test_valid_files_do_not_build_the_lark_parser():
    code = ("import sys\nfrom linter.frontends.bicep import parse_text\n"
            "parse_text(\"param a string\\nvar b = {\\n  c: [for x in a: x]\\n}\\n\")\n"
            "print('linter.frontends.bicep.reference' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("param a string b\nvar y = 'open", 1, 16, "unexpected 'b'"),  # the syntax error comes first
        ("var y = 'open\nparam a string b", 1, 9, "unterminated string"),  # the lexical error comes first
        ("var a = 1\nvar b = {\n", 3, 1, "unclosed '{'"),
    ],
)
def test_the_first_error_in_the_text_is_reported(text, line, column, fragment):
    with pytest.raises(BicepSyntaxError) as info:
        parse_text(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert fragment in info.value.message


def test_tokens_spanning_lines_end_where_they_end():
    multi, escaped, after = (t for t in tokenize("var a = '''\nx\n  '''\nvar b = 'p\\\nq'\nvar c = 1")
                             if t.type in ("MSTRING", "STRING", "INT"))
    assert (multi.line, multi.column, multi.end_line, multi.end_column) == (1, 9, 3, 6)
    assert (escaped.line, escaped.column, escaped.end_line, escaped.end_column) == (4, 9, 5, 3)
    assert (after.line, after.column) == (6, 9)


def test_nesting_deeper_than_the_recursive_parser_still_parses():
    depth = 3000
    tree = parse_text("var x = " + "[" * depth + "1" + "]" * depth)
    node, levels = tree.children[0].children[1], 0
    while node.data == "array":
        node, levels = node.children[0], levels + 1
    assert (levels, node.data) == (depth, "int")
