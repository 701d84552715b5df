"""How the Bicep parser behaves at run time: no lark (neither imported nor built) for valid files,
errors in text order, positions of tokens that span lines, and deep nesting."""

from __future__ import annotations

import json
import os
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


# Runs `azlint check FILE --format json -j 1` in a fresh interpreter through the CLI entry point, then
# writes to stderr whether lark was imported.
_CLI_RUN = (
    "import sys\n"
    "from linter.__main__ import main\n"
    "sys.argv = ['azlint', 'check', sys.argv[1], '--format', 'json', '-j', '1']\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stderr.write('lark imported: %s\\n' % ('lark' in sys.modules))\n"
)

_MAIN = """\
param location string = resourceGroup().location
@description('names')
param names array = ['a', 'b']
var tags = {
  env: 'test'
  owner: toLower('Team')
}
resource accounts 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (name, i) in names: {
  name: '${name}${uniqueString(resourceGroup().id)}'
  location: location
  kind: 'StorageV2'
  sku: { name: i > 0 ? 'Standard_LRS' : 'Standard_GRS' }
  tags: tags
  properties: {
    supportsHttpsTrafficOnly: false
  }
}]
module child 'child.bicep' = {
  name: 'child'
  params: { prefix: names[0] }
}
output first string = accounts[0].name
"""
_CHILD = "param prefix string\nvar x = '${prefix}-x'\noutput x string = x\n"


def _lint_in_fresh_process(path, cache_home) -> tuple[dict, bool]:
    """The JSON report of an azlint run on `path` and whether that run imported lark.

    The run is a warm start, as pre-commit's are: a first run fills the rule cache in `cache_home`
    (a cold start parses the rules' conditions with lark, see linter/rules/treecache.py).
    """
    env = {key: value for key, value in os.environ.items() if key != "AZLINT_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(cache_home)
    command = [sys.executable, "-c", _CLI_RUN, str(path)]
    subprocess.run(command, capture_output=True, text=True, env=env)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    marker = [line for line in result.stderr.splitlines() if line.startswith("lark imported: ")]
    assert marker, result.stderr
    return json.loads(result.stdout), marker[-1] == "lark imported: True"


def test_a_bicep_run_does_not_import_lark(tmp_path):
    (tmp_path / "child.bicep").write_text(_CHILD, encoding="utf-8")
    main = tmp_path / "main.bicep"
    main.write_text(_MAIN, encoding="utf-8")
    report, imported = _lint_in_fresh_process(main, tmp_path / "cache")
    assert report["findings"] and not report["errors"]  # the file was parsed, evaluated and checked
    assert not imported


def test_a_bicep_syntax_error_is_worded_with_lark(tmp_path):
    """The counterpart of the test above: the same check sees lark when it is imported."""
    broken = tmp_path / "broken.bicep"
    broken.write_text("param a string b\n", encoding="utf-8")
    report, imported = _lint_in_fresh_process(broken, tmp_path / "cache")
    assert "unexpected 'b'" in json.dumps(report["errors"])
    assert imported


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
