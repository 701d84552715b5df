"""Syntax errors found without lark (fastparse.syntax_error) are the ones lark reports.

Differential: for declined texts, mutated from valid expressions and from the
corpus's, the (message, offset) the hand-written check gives must be lark's,
whenever it gives one; and it must give one for all but nesting beyond its depth.
"""

from __future__ import annotations

import random

import pytest

from linter.frontends.arm import expressions as ex
from linter.frontends.arm.fastparse import Decline, fast_parse, syntax_error

from .test_fastparse import BARE, INVALID, VALID

MUTATIONS = "()[].,' -1aZ$\t\"é"


def _lark_error(text: str, wrapped: bool) -> tuple[str, int] | None:
    """What expressions.parse reports through lark: (description, offset), or None when lark parses it."""
    from lark.exceptions import UnexpectedInput

    try:
        ex._parser().parse(text, start="template_string" if wrapped else "body")
    except UnexpectedInput as exc:
        pos = getattr(exc, "pos_in_stream", None)
        token = getattr(exc, "token", None)
        if pos is None or getattr(token, "type", "") == "$END":
            pos = len(text) - 1 if wrapped else len(text)
        return ex._describe(exc), pos
    except Exception as exc:  # noqa: BLE001  not a syntax error (a RecursionError, an int too long...)
        return ("other", type(exc).__name__)
    return None


def _check(text: str) -> bool:
    """True when the text is declined and the hand-written error is lark's."""
    wrapped = ex.is_expression(text)
    if not (text[1:-1] if wrapped else text).strip():
        return False  # 'empty expression' is reported before parsing
    try:
        fast_parse(text, wrapped)
        return False
    except Decline:
        pass
    mine = syntax_error(text, wrapped)
    lark = _lark_error(text, wrapped)
    if mine is None:
        assert lark is None or lark[0] == "other" or len(text) > 2000, (text, lark)
        return False
    assert mine == lark, (text, mine, lark)
    return True


@pytest.mark.parametrize("text", INVALID)
def test_listed_invalid_texts(text):
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        "[concat('a',)]", "[f(]", "[ns . fn('a')]", "[a.f.g(1)]", "[a.'b']", "[a.1]", "[a.)]", "[a.]",
        "[f('a')'b']", "[a][0]", "[a]  ]", "[variables('a')[0]", "[@]", "['open]", "[f(1,,2)]", "[(]",
        "[f(1) ]x", "[]]", "[f(-)]", "[a[]]",
    ],
)
def test_error_kinds(text):
    assert _check(text), text


def test_bare_bodies():
    for text in ["f(", "a b", ")", "x.", "'a", "f(1))"]:
        assert _check(text), text


def test_random_mutations():
    rnd = random.Random(88)
    checked = 0
    sources = VALID + BARE
    for _ in range(6000):
        text = rnd.choice(sources)
        for _ in range(rnd.randrange(1, 3)):
            i = rnd.randrange(len(text) + 1)
            text = text[:i] + rnd.choice(MUTATIONS) + text[i + rnd.randrange(2):]
        if text:
            checked += _check(text)
    assert checked > 2000


def test_corpus_expression_mutations():
    from .test_speed_fastparse_corpus import CORPUS, ROOT, expressions_under

    texts = sorted(expressions_under(ROOT / "tests"))
    if CORPUS.is_dir():
        texts += sorted(expressions_under(CORPUS / "arm-quickstart"))[:3000]
    rnd = random.Random(9)
    checked = 0
    for _ in range(4000):
        text = rnd.choice(texts)
        i = rnd.randrange(len(text) + 1)
        text = text[:i] + rnd.choice(MUTATIONS) + text[i + rnd.randrange(3):]
        checked += _check(text)
    assert checked > 1000


def test_parse_reports_the_error_without_lark():
    ex.parse.cache_clear()
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse("[concat('a',)]")
    assert caught.value.message == "syntax error in expression: unexpected ')'"
    assert caught.value.position == 12
