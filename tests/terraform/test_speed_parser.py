"""The table-driven HCL parser (hcl_lalr) gives lark's tree and lark's errors exactly; its tables cache safely."""

from __future__ import annotations

import glob
import json
import os
import random
from pathlib import Path

import pytest

from linter.frontends.terraform import hcl_fallback, hcl_lalr, hcl_tables, parse
from linter.frontends.terraform.hcl_lalr import Node

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SNIPPETS = [
    "",
    "\n\n# only a comment\n// another\n/* and a\nblock */\n",
    'in {}\nfor = 1\nx = { in = "h", for = 2, if = 3 }\n',
    "x = a\n  + b\n  # note\n  * c\n  ? d\n  : e\n",
    "x = 1\ny = -2\nz = !true && false || null\n",
    'x = "a${b}c%{ if d ~}e%{~ else }f%{ endif }" \n',
    'x = "%{ for k, v in m }${k}=${v}%{ endfor }$${lit}%%{lit}"\n',
    "x = <<EOT\nhello ${name}\nEOT\ny = <<-EOT\n    indented\n    EOT\n",
    "x = <<E\nE\n",
    'x = [for k, v in m : "${k}" if v]\ny = {for k, v in m : k => v...}\n',
    "x = a.b[0].c.*.d[*].e[1].0\n",
    "x = provider::terraform::encode_tfvars({a = 1})\ny = f(a, b...)\n",
    "x = 1.5e3 + 2E-2 - 07\n",
    'resource "a" "b" {\n  dynamic "d" {\n    for_each = x\n    content {}\n  }\n}\n',
    "x = \"caf\u00e9 \\u00e9 \\n\"\r\ny = 2\r\n",
    "x = [" * 300 + "]" * 300 + "\n",
]
BROKEN = [
    "x = ", "x = \"unterminated\n", "x = @", "resource {", "x = 1 =>", "x = ]", "= 1", "x = 1 2",
    "a = <<EOT\nno end\n", "/* open comment", 'x = "${"', "x = %{ if }", "x = a.", "x = {a = 1,,}",
    "x = (1", "x = 1 ? 2", "block \"l\" {\n  a = 1\n", "x = a[", "x = for", "\u00e9 = 1", "x = 1\n}\n",
    "x = $", "x = ~", "x = \"%{ endfor }\"", "x=1 y=2", "x = a...", "x = \\", "x = 'single'",
]


def _files() -> list[Path]:
    found = sorted(CORPUS.glob("**/*.tf")) + sorted(FIXTURES.glob("**/*.tf"))
    return [p for p in found if p.is_file()]


def _shape(tree) -> list:
    """A comparable flat dump of a parse tree (iterative: trees can be deep)."""
    out, stack = [], [tree]
    while stack:
        node = stack.pop()
        if len(node) == 4:  # a token: (type, value, line, column)
            out.append(("tok", *node))
        else:  # a node: (name, children)
            out.append(("node", node[0], len(node[1])))
            stack.extend(reversed(node[1]))
    return out


def _outcome(parse_text, text: str):
    try:
        return _shape(parse_text(text))
    except hcl_lalr.UnexpectedToken as exc:
        return ("token", *exc.token)
    except hcl_lalr.UnexpectedCharacter as exc:
        return ("char", exc.char, exc.line, exc.column)


def _fast(text: str) -> Node:
    return hcl_lalr.parse(hcl_tables.load_tables(), text)


def _check(text: str) -> None:
    assert _outcome(_fast, text) == _outcome(hcl_fallback.lark_parse, text)


@pytest.mark.parametrize("text", SNIPPETS + BROKEN)
def test_same_tree_or_error_as_lark(text):
    _check(text + "\n")


@pytest.mark.skipif(not _files(), reason="corpus not available")
def test_same_trees_as_lark_on_the_corpus():
    for path in _files():
        _check(path.read_text(encoding="utf-8", errors="replace") + "\n")


@pytest.mark.skipif(not _files(), reason="corpus not available")
def test_same_errors_as_lark_on_damaged_corpus_files():
    """Cut, doubled or stray characters anywhere: the same error (or tree) as lark."""
    rng = random.Random(8)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in _files()]
    for _ in range(400):
        text = rng.choice(texts)
        if not text:
            continue
        at = rng.randrange(len(text))
        edit = rng.choice(["cut", "double", "insert"])
        if edit == "cut":
            text = text[:at] + text[at + rng.randint(1, 20):]
        elif edit == "double":
            text = text[:at] + text[at:at + 10] + text[at:]
        else:
            text = text[:at] + rng.choice('{}[]()"=,.:?!<>$%~\\#/*\n\t') + text[at:]
        _check(text + "\n")


def _result(source: str):
    try:
        return _dump(parse.parse_hcl(source))
    except parse.HclSyntaxError as exc:
        return str(exc), exc.line, exc.column


def _unsupported():
    raise hcl_tables.UnsupportedGrammar("test")


def test_parse_hcl_gives_the_same_bodies_and_errors_with_the_lark_fallback(monkeypatch):
    sources = [p.read_text(encoding="utf-8") for p in _files()[:40]] + SNIPPETS + BROKEN
    fast = [_result(text) for text in sources]
    monkeypatch.setattr(parse, "load_tables", _unsupported)
    assert [_result(text) for text in sources] == fast


def _dump(value) -> object:
    """Syntax dataclasses as plain data, to compare two parses."""
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return [type(value).__name__] + [_dump(getattr(value, f)) for f in value.__dataclass_fields__]
    return value if isinstance(value, str | int | float | bool | type(None)) else repr(type(value))


def _rows(tables) -> list:
    return [tables.actions[state] for state in range(len(tables.actions.encoded))]


@pytest.fixture(scope="module")
def built_data() -> dict:
    """The tables built by lark once for this module's cache tests (a build takes ~2 s)."""
    return hcl_tables.build(Path(hcl_tables.grammar_file()).read_text(encoding="utf-8"),
                            os.path.dirname(hcl_tables.grammar_file()))


@pytest.fixture
def counted_builds(monkeypatch, built_data) -> list:
    builds: list = []

    def build(*args):
        builds.append(args)
        return built_data

    monkeypatch.setattr(hcl_tables, "build", build)
    return builds


def test_tables_are_cached_as_json_lines_and_rebuilt_when_damaged(tmp_path, monkeypatch, counted_builds):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("AZLINT_NO_CACHE", raising=False)
    built = hcl_tables._load_or_build()
    [path] = glob.glob(str(tmp_path / "azlint" / "hcl2-tables-*.txt"))
    with open(path, encoding="utf-8") as handle:
        assert json.loads(handle.readline())["format"] == hcl_tables.FORMAT
    loaded = hcl_tables._load_or_build()
    assert len(counted_builds) == 1
    assert _rows(loaded) == _rows(built) and (loaded.start, loaded.end) == (built.start, built.end)
    assert _shape(hcl_lalr.parse(loaded, SNIPPETS[4])) == _shape(_fast(SNIPPETS[4]))
    Path(path).write_text('{"format": 1, "start": ', encoding="utf-8")
    rebuilt = hcl_tables._load_or_build()
    assert len(counted_builds) == 2 and _rows(rebuilt) == _rows(built)
    lines = Path(path).read_text(encoding="utf-8").split("\n")  # rewritten whole
    Path(path).write_text("\n".join(lines[:-5]), encoding="utf-8")  # rows lost: the CRC no longer fits
    hcl_tables._load_or_build()
    assert len(counted_builds) == 3
    damaged = lines[:2] + [lines[2].replace('"', "'", 1)] + lines[3:]  # a lexer line no longer JSON
    Path(path).write_text("\n".join(damaged), encoding="utf-8")
    assert _rows(hcl_tables._load_or_build()) == _rows(built) and len(counted_builds) == 4
    assert Path(path).read_text(encoding="utf-8").split("\n") == lines


def test_no_cache_file_when_caching_is_off(tmp_path, monkeypatch, counted_builds):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("AZLINT_NO_CACHE", "1")
    tables = hcl_tables._load_or_build()
    assert _rows(tables) and len(counted_builds) == 1 and not os.listdir(tmp_path)


def test_a_grammar_the_driver_cannot_follow_is_tried_once_then_lark_parses(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(hcl_tables, "_loaded", {})
    attempts: list = []

    def build(*args):
        attempts.append(args)
        raise hcl_tables.UnsupportedGrammar("test")

    monkeypatch.setattr(hcl_tables, "build", build)
    bodies = [_result(text) for text in SNIPPETS[:6]]
    assert len(attempts) == 1 and not os.listdir(tmp_path / "azlint")
    monkeypatch.undo()  # the real tables again
    assert [_result(text) for text in SNIPPETS[:6]] == bodies
