"""Differential test: the hand-written parser against the lark grammar (the spec) on real expressions.

Every string that starts with '[' in the JSON files of the tests (and of the
shared corpus, when present) is parsed by both, as a whole template string
and as a bare body: the fast parser must give lark's AST exactly, or decline;
and it may decline only what lark rejects, so the corpus never pays for lark.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.frontends.arm import expressions as ex
from linter.frontends.arm.fastparse import Decline, fast_parse

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def expressions_under(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.json"):
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"), strict=False)
        except (ValueError, UnicodeDecodeError, OSError):
            continue
        found.update(s for s in _strings(data) if s.startswith("[") and not s.startswith("[["))
    return found


def _lark(text: str, wrapped: bool):
    try:
        return ex._parser().parse(text, start="template_string" if wrapped else "body")
    except Exception as exc:  # noqa: BLE001  any lark failure: the text is not valid
        return exc


def _fast(text: str, wrapped: bool):
    try:
        return fast_parse(text, wrapped)
    except Decline as exc:
        return exc


def assert_agree(texts: set[str]) -> int:
    compared = 0
    for text in sorted(texts):
        forms = [(text, True)] if ex.is_expression(text) else []
        body = text[1:-1] if ex.is_expression(text) else text
        if body.strip():
            forms.append((body, False))
        for form, wrapped in forms:
            fast, lark = _fast(form, wrapped), _lark(form, wrapped)
            if isinstance(fast, Decline):
                assert isinstance(lark, Exception), f"declined a valid expression: {form!r}"
            else:
                assert fast == lark, form
            compared += 1
    return compared


# the one-regex shape (`[f('x', g('y')).a]`) and its near misses
SIMPLE_SHAPES = [
    "[f('x')]", "[f()]", "[f('')]", "[f('''')]", "[f('a''b')]", "[f('a'')]", "[f('a')')]", "[f('a')'b')]",
    "[f('x', 'y')]", "[f('x','y')]", "[f('x',  'y')]", "[f('x' ,'y')]", "[f('x',)]", "[f(,'x')]",
    "[f(g('x'))]", "[f(g())]", "[f(g('x'), h(), 'z').a.b]", "[f(g(h('x')))]", "[f(1, -2, g(3))]",
    "[f(1a)]", "[f(- 1)]", "[f('x').g('y')]", "[f('x').]", "[f('x')..a]", "[f('x')[0]]", "[ns.f('x')]",
    "[f ('x')]", "[f( 'x')]", "[f('x') ]", "[$f('$')]", "[f('x'))]", "[f(('x')]", "[f('x').a b]",
    "[f('])]')]", "[f('a]', g('b)'))]", "[f(g('x')('y'))]", "[f(g('x', 'y'))]", "[f(g('x''))]",
]


@pytest.mark.parametrize("text", SIMPLE_SHAPES)
def test_simple_shapes_agree_with_lark(text):
    assert_agree({text})


def test_expressions_of_the_test_fixtures_agree_with_lark():
    texts = expressions_under(ROOT / "tests") | expressions_under(ROOT / "sample-templates")
    assert assert_agree(texts) > 300


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_expressions_of_the_corpus_agree_with_lark():
    assert assert_agree(expressions_under(CORPUS)) > 10_000
