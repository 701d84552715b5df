"""The hand-written Bicep parser (descent.py) against lark's parser of grammars/bicep.lark (reference.py).

For every .bicep/.bicepparam file under tests/ and, when it is there, in the
shared corpus (../shared/corpus beside the repository), and for seeded
mutations of the grammar fixtures: either both parsers give the same tree
(rule names, children, token kinds and values, every start and end position),
or lark reports a syntax error, the hand-written parser refuses the text
(NotParsed), and `parse_text` reports lark's error unchanged. A text nested
too deeply for the hand-written parser gets lark's tree from `parse_text`.

The hand-written parser builds the frontend's own node classes (tree.py) and
lark its own: `full_dump` reads both alike, so each tree is compared with
lark's tree as lark built it, and with its conversion by `reference.parse_text`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from linter.frontends.bicep import BicepSyntaxError, descent, parse, reference
from linter.frontends.bicep.lexer import scan

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS.parent.parent / "shared" / "corpus"
FIXTURES = TESTS / "bicep" / "fixtures" / "grammar"


def _sources(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".bicep", ".bicepparam") and p.is_file())


def full_dump(node) -> list:
    """Everything a caller can read from a tree: kinds, values and all positions, depth first.

    It reads lark's classes and the frontend's alike (a node has `children`, a token has not).
    """
    out: list = []
    stack = [node]
    while stack:
        item = stack.pop()
        if not hasattr(item, "children"):
            assert isinstance(item, str)
            out.append((str(item.type), str(item), str(item.value), item.start_pos, item.line, item.column,
                        item.end_line, item.end_column, item.end_pos))
            continue
        meta = item.meta
        where = None if meta.empty else (meta.line, meta.column, meta.start_pos, meta.end_line,
                                           meta.end_column, meta.end_pos)
        out.append((str(item.data), len(item.children), where))
        stack.extend(reversed(item.children))
    return out


def _read(path: Path) -> str | None:
    try:
        return parse._decode(path.read_bytes())
    except BicepSyntaxError:
        return None


def _outcome(parse_function, text: str):
    try:
        return full_dump(parse_function(text))
    except BicepSyntaxError as exc:
        return ("error", exc.message, exc.line, exc.column)


def _descent(text: str):
    """The hand-written parser alone: a full dump, or 'not parsed'."""
    text = " " + text[1:] if text.startswith("\ufeff") else text
    tokens, error = scan(text)
    if error is not None:
        return "not parsed"
    try:
        return full_dump(descent.parse_tokens(tokens))
    except descent.NotParsed:
        return "not parsed"
    except RecursionError:
        return "too deep"  # parse_text then takes lark's tree


def _lark_tree(text: str):
    """lark's own tree (lark's classes, as lark's parser builds them) as a full dump, or None on an error."""
    text = " " + text[1:] if text.startswith("\ufeff") else text
    try:
        return full_dump(reference.parser().parse(text))
    except Exception:  # lark's syntax errors, the lexer's, RecursionError: parse_text words them
        return None


def assert_same(text: str, label: str) -> None:
    expected = _outcome(reference.parse_text, text)
    if not isinstance(expected, tuple):  # the conversion from lark's classes keeps everything
        assert expected == _lark_tree(text), f"{label}: lark's tree is not converted exactly"
    if isinstance(expected, tuple):  # a syntax error: only lark words it
        assert _descent(text) == "not parsed", f"{label}: accepted a text lark rejects: {expected}"
    else:
        assert _descent(text) in (expected, "too deep"), f"{label}: trees differ"
    assert _outcome(parse.parse_text, text) == expected, label


@pytest.mark.parametrize("path", _sources(TESTS), ids=lambda p: str(p.relative_to(TESTS)))
def test_test_files_parse_alike(path):
    text = _read(path)
    if text is not None:
        assert_same(text, str(path))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus beside the repository")
def test_corpus_files_parse_alike():
    checked = 0
    for path in _sources(CORPUS):
        text = _read(path)
        if text is not None:
            assert_same(text, str(path))
            checked += 1
    assert checked > 0


_PIECES = list("'{}[]()$\n #/*?.:,=!|@-<>") + ["${", "'''", "resource ", "for ", " in ", "if (", "existing",
                                                "=>", "...", "?.", "[?", "::", "x", "1", "'s'", "\n@d()\n",
                                                "param ", "type ", "import ", " as ", " with "]


def _mutations(seed: int, count: int):
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in _sources(FIXTURES)]
    for index in range(count):
        chars = list(rnd.choice(texts))
        for _ in range(rnd.randint(1, 3)):
            at = rnd.randrange(len(chars) + 1)
            roll = rnd.random()
            if roll < 0.45:
                chars.insert(at, rnd.choice(_PIECES))
            elif at < len(chars):
                del chars[at:at + rnd.randint(1, 3)]
        yield index, "".join(chars)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_fixtures_parse_alike(seed):
    for index, text in _mutations(seed, 150):
        assert_same(text, f"seed {seed} mutation {index}: {text!r}")


@pytest.mark.parametrize("text", [
    "", "\n\n", "// only a comment\n", "param a string =", "var x = (a, b)", "var x = f(,)", "var x = {,}",
    "var x = (a)\nvar y = () => 1\nvar z = (a, b) => a", "var x = [for (a, i) in b: if (a) { c: i }]",
    "type t = (string)?\ntype u = | 'a' | 'b'\ntype v = string[*][0].a.*",
    "var x = '''\nmulti\n'''\nvar y = 'a${b}c${d}e'", "var x = 1 ~ 2", "var x = 'open",
    "param p resource<'T@1'> = x", "var x = -1 - -a!.b[?c]::d", "import {a as b, c} from 'f.bicep'",
    "var x = " + "[" * 400 + "1" + "]" * 400,
])
def test_edge_cases_parse_alike(text):
    assert_same(text, repr(text))
