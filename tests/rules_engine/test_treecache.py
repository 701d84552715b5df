"""The rule-condition tree cache: exact round trips, only in a private folder, never trusted blindly."""

from __future__ import annotations

import json
import os

import pytest
from lark import Token, Tree

from linter.rules import language, treecache

EXPRESSIONS = [
    "properties.supportsHttpsTrafficOnly == false",
    "any(r in properties.securityRules: r.access == 'Allow' and not exists(r.x))",
    "lower(sku.name) in ['basic', 'free'] or properties.minimumTlsVersion < 'TLS1_2'",
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AZLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(treecache, "_state", {"path": None, "entries": None, "dirty": False})
    return tmp_path / "cache" / "azlint"


def _same(a, b):
    if isinstance(a, Tree):
        assert isinstance(b, Tree) and a.data == b.data and type(a.data) is type(b.data)
        assert vars(a.meta) == vars(b.meta)
        assert len(a.children) == len(b.children)
        for x, y in zip(a.children, b.children, strict=True):
            _same(x, y)
    elif isinstance(a, Token):
        assert isinstance(b, Token) and (a.type, str(a)) == (b.type, str(b))
        for attr in ("start_pos", "line", "column", "end_line", "end_column", "end_pos"):
            assert getattr(a, attr) == getattr(b, attr)
    else:
        assert a is None and b is None


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_encoding_round_trips_trees_with_positions(text):
    tree = language.parser().parse(text, start="condition")
    _same(tree, treecache._decode(json.loads(json.dumps(treecache._encode(tree)))))


def test_parsed_trees_are_saved_and_read_back(fresh_cache):
    first = language.parse(EXPRESSIONS[1])
    treecache._save()
    files = list(fresh_cache.glob("rule-trees-*.json"))
    assert len(files) == 1
    treecache._state.update(path=None, entries=None, dirty=False)
    cached = treecache.get(language._grammar_text(), "condition", EXPRESSIONS[1])
    _same(first, cached)


def test_a_folder_others_can_write_is_not_used(fresh_cache):
    fresh_cache.mkdir(parents=True)
    os.chmod(fresh_cache, 0o777)
    language.parse(EXPRESSIONS[0])
    assert treecache._state["path"] is None
    assert not treecache._state["dirty"]


def test_cache_can_be_turned_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("AZLINT_NO_CACHE", "1")
    language.parse(EXPRESSIONS[0])
    assert treecache._state["path"] is None


def test_a_damaged_cache_entry_is_parsed_again(fresh_cache):
    grammar = language._grammar_text()
    treecache._entries(grammar)[f"condition\0{EXPRESSIONS[0]}"] = ["t", "x", None, [["bogus"]]]
    tree = language.parse(EXPRESSIONS[0])
    _same(tree, language.parser().parse(EXPRESSIONS[0], start="condition"))


def test_compile_errors_keep_their_positions_with_a_cached_tree(fresh_cache):
    text = "properties.x == 1 and undefined_fn(1)"
    with pytest.raises(language.ConditionSyntaxError) as first:
        language.compile_expression(text)
    with pytest.raises(language.ConditionSyntaxError) as second:  # now from the cache
        language.compile_expression(text)
    assert (first.value.line, first.value.column, first.value.message) == (
        second.value.line, second.value.column, second.value.message)


def test_entries_a_run_did_not_use_are_dropped_when_they_are_many(fresh_cache):
    language.parse(EXPRESSIONS[0])
    treecache._save()
    path = next(fresh_cache.glob("rule-trees-*.json"))
    bloated = json.loads(path.read_text())
    junk = treecache._encode(language.parser().parse("properties.junk == 1", start="condition"))
    bloated.update({f"condition\0junk {n}": junk for n in range(200)})  # as a fuzz run would leave it
    path.write_text(json.dumps(bloated))
    treecache._state.update(path=None, entries=None, dirty=False, used=set())
    assert language.parse(EXPRESSIONS[0]) is not None  # read from the bloated file
    assert not treecache._state["dirty"]
    treecache._save()  # nothing new, but the file is mostly junk: rewritten with what was used
    assert list(json.loads(path.read_text())) == [f"condition\0{EXPRESSIONS[0]}"]


def test_an_oversized_cache_file_is_ignored(fresh_cache, monkeypatch):
    language.parse(EXPRESSIONS[0])
    treecache._save()
    monkeypatch.setattr(treecache, "MAX_FILE_BYTES", 10)
    treecache._state.update(path=None, entries=None, dirty=False, used=set())
    assert treecache.get(language._grammar_text(), "condition", EXPRESSIONS[0]) is None
