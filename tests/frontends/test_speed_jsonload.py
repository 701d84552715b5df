"""On-demand positions (`PositionFinder`) answer exactly as a full index of every value did.

The reference is the full index azlint used before positions became lazy: one
pass over every token, recording the offset of every value keyed by its
pointer (last duplicate wins), with a case-insensitive fallback built from it.
Every pointer of generated documents, of the test fixtures and (when present)
of the shared corpus is asked of both, exactly, upper-cased and truncated.
"""

from __future__ import annotations

import bisect
import json
import random
import re
from pathlib import Path

import pytest

from linter.frontends.jsonload import (
    JsonDocument,
    JsonLoadError,
    PositionFinder,
    blank_jsonc,
    line_starts,
    load_json,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(_STRING + r'|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


def full_index(text: str) -> dict[tuple, int]:
    """The old eager index: offset of every value (of the key, for object members)."""
    offsets: dict[tuple, int] = {}
    stack: list = []
    pointer: tuple = ()
    is_object, index, expect_key, key = False, 0, False, None
    for m in _TOKEN.finditer(text):
        start, c = m.start(), text[m.start()]
        if c == ",":
            expect_key = expect_key or is_object
            continue
        if c == ":":
            continue
        if c in "}]":
            pointer, is_object, index, expect_key = stack.pop()
            continue
        if expect_key:
            token = m.group()
            key = json.loads(token, strict=False)
            offsets[pointer + (key,)] = start
            expect_key = False
            continue
        if not stack:
            child = ()
            offsets[child] = start
        elif is_object:
            child = pointer + (key,)
        else:
            child = pointer + (index,)
            offsets[child] = start
            index += 1
        if c in "{[":
            stack.append((pointer, is_object, index, expect_key))
            pointer, is_object, index, expect_key = child, c == "{", 0, c == "{"
    return offsets


def _fold(pointer: tuple) -> tuple:
    return tuple(p.lower() if isinstance(p, str) else p for p in pointer)


def reference_lookup(offsets: dict, folded: dict, pointer: tuple) -> int | None:
    found = offsets.get(pointer)
    return found if found is not None else folded.get(_fold(pointer))


def _variants(pointer: tuple, rnd: random.Random) -> list[tuple]:
    upper = tuple(p.upper() if isinstance(p, str) else p for p in pointer)
    out = [pointer, upper, pointer + ("nope",), pointer + (0,), pointer + (10**6,)]
    if pointer:
        out.append(pointer[:-1] + (str(pointer[-1]),))
        out.append(pointer[:-1] + (-1,))
        i = rnd.randrange(len(pointer))
        part = pointer[i]
        if isinstance(part, str):
            out.append(pointer[:i] + (part.swapcase(),) + pointer[i + 1 :])
    return out


def assert_same_answers(text: str, rnd: random.Random, sample: int | None = None) -> int:
    """Compare every (or `sample` random) pointer of a valid JSON text; returns how many were asked."""
    offsets = full_index(text)
    folded = {_fold(p): o for p, o in offsets.items()}
    finder = PositionFinder(text)
    pointers = list(offsets)
    if sample is not None and len(pointers) > sample:
        pointers = rnd.sample(pointers, sample)
    asked = 0
    for pointer in pointers:
        for variant in _variants(pointer, rnd):
            assert finder.offset_of(variant) == reference_lookup(offsets, folded, variant), variant
            asked += 1
    return asked


# --- generated documents -----------------------------------------------------

_KEYS = ["a", "A", "b", "name", "Name", "NAME", "properties", 'x\\"y', "\\u00e9", "É", "é", "k"]


def _random_value(rnd: random.Random, depth: int) -> str:
    roll = rnd.random()
    if depth > 4 or roll < 0.3:
        return rnd.choice(["1", "-2.5e3", "true", "null", '"s"', '"[x]"', '"{"', '"a\\"b"', "NaN", "[]", "{}"])
    space = rnd.choice(["", " ", "\n  ", "\r\n\t"])
    if roll < 0.65:
        items = [_random_value(rnd, depth + 1) for _ in range(rnd.randrange(5))]
        return "[" + space + ("," + space).join(items) + space + "]"
    members = [
        f'"{rnd.choice(_KEYS)}"{rnd.choice(["", " "])}:{space}{_random_value(rnd, depth + 1)}'
        for _ in range(rnd.randrange(6))
    ]
    return "{" + space + ("," + space).join(members) + space + "}"


def test_generated_documents_with_duplicate_and_case_variant_keys():
    rnd = random.Random(20)
    asked = 0
    for _ in range(1500):
        text = rnd.choice(["", " ", "\n"]) + _random_value(rnd, 0) + rnd.choice(["", "\n"])
        json.loads(text)  # generated texts are valid JSON
        asked += assert_same_answers(text, rnd)
    assert asked > 10_000


def test_jsonc_documents_are_searched_in_the_blanked_text():
    text = '{\n  // c\n  "a": [1, /* x */ {"B": 2,},],\n  "A": {"b": 3}\n}'
    doc = load_json(text, "t.jsonc")
    assert doc.is_jsonc
    offsets = full_index(doc._scan_text)
    folded = {_fold(p): o for p, o in offsets.items()}
    for pointer in [("a",), ("A",), ("a", 1, "B"), ("a", 1, "b"), ("A", "b"), ("a", "b"), ("a", 2)]:
        assert doc.offset_of(pointer) == reference_lookup(offsets, folded, pointer)
    assert doc.locate(("a", 1, "b")) == (3, 21)


def test_case_insensitive_match_prefers_the_pointer_first_written_last():
    text = '{"Ab": 1, "aB": 2, "Ab": 3}'
    finder = PositionFinder(text)
    assert finder.offset_of(("ab",)) == text.index('"aB"')  # "aB" was first written after "Ab"
    assert finder.offset_of(("Ab",)) == text.rindex('"Ab"')


def test_deep_nesting_is_skipped_without_recursion_errors():
    deep = "[" * 900 + "]" * 900
    text = '{"a": ' + deep + ', "b": 1}'
    assert PositionFinder(text).offset_of(("b",)) == text.index('"b"')


def test_positions_without_a_line_table_match_the_table():
    rnd = random.Random(9)
    text = "".join(rnd.choice(["a", "b", "\n", "\r\n", " ", "\u00e9"]) for _ in range(3000))
    table = line_starts(text)
    doc = JsonDocument(data=None, text=text, path="t.json")
    offsets = [rnd.randrange(len(text) + 1) for _ in range(400)] + [0, len(text), 0, len(text)]
    for offset in offsets:
        line = bisect.bisect_right(table, offset)
        assert doc.position(offset) == (line, offset - table[line - 1] + 1), offset
    assert doc._line_starts is None


# --- real files --------------------------------------------------------------


def _json_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".json", ".jsonc") and p.is_file())


def _scan_text(path: Path) -> str | None:
    try:
        doc = load_json(path.read_bytes(), str(path))
    except (JsonLoadError, OSError):
        return None
    return doc._scan_text if doc._scan_text is not None else doc.text


def test_fixture_files_answer_as_the_full_index():
    rnd = random.Random(3)
    checked = 0
    for path in _json_files(ROOT / "tests"):
        text = _scan_text(path)
        if text is not None:
            assert_same_answers(text, rnd)
            checked += 1
    assert checked > 50


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_files_answer_as_the_full_index():
    rnd = random.Random(5)
    checked = 0
    for path in _json_files(CORPUS):
        text = _scan_text(path)
        if text is not None:
            assert_same_answers(text, rnd, sample=40)
            checked += 1
    assert checked > 1000


# --- JSONC blanking ------------------------------------------------------------

_OLD_COMMENT_SCAN = re.compile(_STRING + r"|//[^\r\n]*|/\*(?:.*?\*/|.*)", re.S)
_OLD_TRAILING_COMMA = re.compile(_STRING + r"|,(?=\s*[\]}])", re.S)


def reference_blank_jsonc(text: str) -> str:
    """The blanking as it was: one Python callback per string, comment and comma."""

    def comment(m: re.Match) -> str:
        token = m.group()
        if token[0] == '"':
            return token
        if token.startswith("/*") and not token.endswith("*/") or token == "/*/":
            raise ValueError(m.start())
        return re.sub(r"[^\r\n]", " ", token)

    without_comments = _OLD_COMMENT_SCAN.sub(comment, text)
    return _OLD_TRAILING_COMMA.sub(lambda m: m.group() if m.group() != "," else " ", without_comments)


def _blanked_or_error(text: str):
    try:
        return blank_jsonc(text)
    except JsonLoadError as exc:
        return ("error", exc.line, exc.column)


def _reference_or_error(text: str):
    try:
        return reference_blank_jsonc(text)
    except ValueError as exc:
        offset = exc.args[0]
        line = text.count("\n", 0, offset) + 1
        return ("error", line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


_PIECES = ['"a"', '"//x"', '"/*y*/"', '"q\\"q"', '"\\\\"', "//c\n", "/*c*/", "/*\n*/", "/", "*", ",", ", ]",
           ",}", "]", "}", "{", "[", " ", "\n", "\r\n", "a", "1", '"', "é", "\t", ",\n  }"]


def test_blanking_matches_the_reference_on_generated_texts():
    rnd = random.Random(11)
    for _ in range(4000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(1, 25)))
        assert _blanked_or_error(text) == _reference_or_error(text), repr(text)


def test_blanking_matches_the_reference_on_real_files():
    folders = [ROOT / "tests", ROOT / "sample-templates"] + ([CORPUS] if CORPUS.is_dir() else [])
    checked = 0
    for folder in folders:
        for path in _json_files(folder):
            text = path.read_bytes().decode("utf-8", "replace")
            if "//" in text or "/*" in text or ",\n" in text:
                assert _blanked_or_error(text) == _reference_or_error(text), path
                checked += 1
    assert checked > 20
