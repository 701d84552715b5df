"""The Bicep frontend's own node classes (tree.py): what the frontend reads from them behaves as lark's did."""

from __future__ import annotations

import pickle
import weakref

from linter.frontends.bicep import parse_text, reference
from linter.frontends.bicep.tree import Meta, Token, Tree, dump

_TEXT = "param a string\n@description('d')\nvar b = {\n  c: [for x in a: '${x}-y']\n}\n"


def test_a_token_is_its_text_with_kind_and_positions():
    tok = Token("IDENT", "name", 4, 1, 5, 1, 9, 8)
    assert tok == "name" and str(tok) == "name" and tok.value == "name" and hash(tok) == hash("name")
    assert (tok.type, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos) == (
        "IDENT", 4, 1, 5, 1, 9, 8)
    assert not tok == Token("STRING", "name")  # as lark: kinds differ (lark defines no __ne__ either)
    assert getattr(tok, "meta", None) is None  # callers look for a node's meta this way


def test_a_node_reads_its_span_from_its_first_and_last_tokens():
    first, last = Token("IDENT", "a", 0, 1, 1, 1, 2, 1), Token("_RBRACE", "}", 9, 3, 1, 3, 2, 10)
    meta = Tree("object", [], first, last).meta
    assert not meta.empty
    assert (meta.line, meta.column, meta.start_pos, meta.end_line, meta.end_column, meta.end_pos) == (
        1, 1, 0, 3, 2, 10)
    assert Tree("start", []).meta.empty and Meta().empty


def test_an_empty_file_has_an_empty_start_node():
    tree = parse_text("// nothing\n")
    assert (tree.data, tree.children, tree.meta.empty) == ("start", [], True)


def test_nodes_compare_hash_pickle_and_weakly_reference_as_the_frontend_needs():
    tree = parse_text(_TEXT)
    again = parse_text(_TEXT)
    assert tree == again and hash(tree) == hash(again) and tree is not again
    copy = pickle.loads(pickle.dumps(tree))
    assert copy == tree and dump(copy) == dump(tree)
    assert weakref.ref(tree)() is tree  # file tables are kept per tree by a weak reference


def test_the_reference_parser_gives_the_same_classes_and_tree():
    ours, larks = parse_text(_TEXT), reference.parse_text(_TEXT)
    assert type(larks) is Tree and dump(larks) == dump(ours) and larks == ours
    token = larks.children[0].children[0].children[0]
    assert type(token) is Token and token.type == "IDENT"
