"""The hand-written ARM expression parser gives lark's AST exactly, or declines (and lark decides)."""

from __future__ import annotations

import random

import pytest

from linter.frontends.arm import expressions as ex
from linter.frontends.arm.fastparse import Decline, fast_parse

VALID = [
    "[parameters('location')]",
    "[concat(parameters('prefix'), '-nsg')]",
    "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnet'), 'default')]",
    "[reference(variables('id'), '2020-01-01').outputs.value.id]",
    "[variables('list')[0].name]",
    "[variables('list')[sub(length(variables('list')), 1)]]",
    "[if(equals(parameters('x'), 'it''s'), -1, 42)]",
    "[  concat ( 'a' ,\t'b' )  ]",
    "[ns.fn('a')]",
    "[createObject()]",
    "[$x]",
    "[true]",
    "[json('{\"a\": 1}').a]",
    "[variables('a') [ 0 ] . b]",
    "[parameters('p').x.y.z]",
]
BARE = ["parameters('a')", "  concat('a', 'b')  ", "x.y", "f()[1]", "-5"]
INVALID = [
    "[concat('a',)]", "[concat(,)]", "[f(]", "[f)]", "['unterminated]", "[a b]", "[f(1).g('a')]",
    "[ns . fn('a')]", "[1abc]", "[- 1]", "[a][0]", "[a]  ]", "[f('a') 'b']", "[variables('a')[0]",
    "[été()]", "[" + "f(" * 5000 + ")" * 5000 + "]",
]


def _lark(text: str, wrapped: bool):
    return ex._parser().parse(text, start="template_string" if wrapped else "body")


@pytest.mark.parametrize("text", VALID)
def test_valid_templates_give_lark_ast(text):
    assert fast_parse(text, True) == _lark(text, True)


@pytest.mark.parametrize("text", BARE)
def test_bare_bodies_give_lark_ast(text):
    assert fast_parse(text, False) == _lark(text, False)


@pytest.mark.parametrize("text", INVALID)
def test_anything_doubtful_is_declined(text):
    with pytest.raises(Decline):
        fast_parse(text, ex.is_expression(text))


def test_positions_are_offsets_into_the_whole_string():
    node = fast_parse("[ concat('a', variables('v').x)]", True)
    assert node.pos == 2
    assert node.args[0].pos == 9
    member = node.args[1]
    assert (member.name, member.pos) == ("x", 28)  # the offset just before the name, as the lark builder has it


def test_random_mutations_agree_with_lark_or_decline():
    rnd = random.Random(8)
    for _ in range(3000):
        text = rnd.choice(VALID)
        i = rnd.randrange(len(text))
        text = text[:i] + rnd.choice("()[].,' -1aZ$\t") + text[i + rnd.randrange(2):]
        wrapped = ex.is_expression(text)
        try:
            got = fast_parse(text, wrapped)
        except Decline:
            continue
        assert got == _lark(text, wrapped), text


def test_parse_still_reports_errors_through_lark():
    ex.parse.cache_clear()
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse("[concat('a',)]")
    assert "syntax error in expression" in caught.value.message
