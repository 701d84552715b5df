"""Load JSON and JSONC files with positions, at nearly the speed of `json.loads`.

`load_json(text_or_bytes, path)` returns a `JsonDocument` or raises
`JsonLoadError(message, line, column)`. It never lets another exception out
(no RecursionError, no UnicodeDecodeError).

How it stays fast: the text first goes straight to `json.loads(strict=False)`
(raw tabs and newlines inside strings are accepted, as Azure's own tooling
does). Only when that fails are comments and trailing commas blanked out with
spaces -- every offset and line break is kept, so positions stay exact -- and
the text parsed again (`is_jsonc` is then True). Positions are not built at
load time, nor for the whole file later: `locate()` descends only through the
containers on the pointer's way (`PositionFinder`), skipping the values in
between with the C scanner behind `json.loads`, so a file pays for the few
positions its findings ask for, and files without findings pay nothing.

Columns are 1-based and count code points; a UTF-8 BOM is dropped, so columns
on the first line are what an editor shows.

Measured on /work/shared/corpus (2013 .json files, 21 MB), Python 3.11, bytes
read beforehand, every result kept alive, best of 5 runs:
    json.loads(bytes)          0.137 s
    load_json(bytes, path)     0.153 s  (1.12x; it also loads 16 files that
                                         json.loads rejects, 14 via the JSONC path)
    locate() of the findings' positions (`azlint check` of the ARM corpus):
                               ~0.05 s in all, where a full index of every
                               value (the previous way) cost ~1.0 s
"""

from __future__ import annotations

import codecs
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from linter.textfile import UndecodableText, decode_utf8

# json.loads(text, strict=False), without building a decoder (and its scanner) for every file
_DECODER = json.JSONDecoder(strict=False)


def _loads(text: str) -> object:
    if text.startswith("\ufeff"):  # a second byte order mark: json.loads has its own message for it
        return json.loads(text, strict=False)
    return _DECODER.decode(text)


# Reported when json.loads gives up on deep nesting (it raises RecursionError
# near the interpreter's recursion limit, ~1000 levels).
NESTING_LIMIT = 500

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # unrolled: much faster than (?:[^"\\]|\\.)*
# strings first, so that `//` inside a string (a URL) is never a comment
# Only JSONC files and broken ones need the patterns below: compiled on first use (re caches them).
_COMMENT_SCAN = _STRING + r'|//[^\r\n]*|/\*(?:.*?\*/|.*)'
# Comments, and trailing commas, as blank_jsonc finds them: everything it keeps (strings
# included) is consumed in long runs (group 1), so Python is called per comment, not per string.
_COMMENT_BLANKING = r'((?:[^"/]++|' + _STRING + r'|/(?![/*]))++)|//[^\r\n]*|/\*(?:.*?\*/|.*)'
_TRAILING_COMMA_BLANKING = r'((?:[^",]++|' + _STRING + r'|,(?!\s*[\]}]))++)|,(?=\s*[\]}])'
_TOKEN = _STRING + r'|[{}\[\]:,]|[^\s{}\[\]:,"]+'
_LONG_DIGITS = r"\d{4000,}"


class JsonLoadError(Exception):
    """Invalid JSON input, with the 1-based line and column of the problem."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column


class _Lookups:
    """What a document has found out about its text so far (shared with its positions-only copy)."""

    __slots__ = ("positions", "line_starts", "known_lines", "comments")

    def __init__(self) -> None:
        self.positions: PositionFinder | None = None
        self.line_starts: list | None = None
        self.known_lines: tuple | None = None  # (line starts seen, sorted; their lines)
        self.comments: list | None = None


@dataclass(eq=False)
class JsonDocument:
    """A loaded JSON value with lazy access to where each part of it is written."""

    data: object
    text: str
    path: str
    is_jsonc: bool = False
    _scan_text: str | None = field(default=None, repr=False)
    _lookups: _Lookups = field(default_factory=_Lookups, repr=False)

    @property
    def _positions(self) -> PositionFinder | None:
        return self._lookups.positions

    @property
    def _line_starts(self) -> list | None:
        return self._lookups.line_starts

    def positions_only(self) -> JsonDocument:
        """The same text and lookups without the data: what a source map keeps alive as long as its findings."""
        return JsonDocument(None, self.text, self.path, self.is_jsonc, self._scan_text, self._lookups)

    def offset_of(self, pointer: tuple) -> int | None:
        """0-based offset in `text` of the value at `pointer` (of its key for object members)."""
        finder = self._lookups.positions
        if finder is None:
            finder = self._lookups.positions = PositionFinder(
                self._scan_text if self._scan_text is not None else self.text
            )
        return finder.offset_of(tuple(pointer))

    def locate(self, pointer: tuple) -> tuple[int, int] | None:
        """1-based (line, column) of the value at `pointer`, or None when it is not written.

        Keys are matched exactly, else case-insensitively; for object members
        the position is the member's key.
        """
        offset = self.offset_of(pointer)
        return None if offset is None else self.position(offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset in `text`."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        lookups = self._lookups
        if lookups.line_starts is not None:
            return bisect_right(lookups.line_starts, offset), offset - line_start + 1
        # a few positions: count line breaks from the nearest offset already placed, no table of lines
        if lookups.known_lines is None:
            lookups.known_lines = ([0], [1])
        offsets, lines = lookups.known_lines
        i = bisect_right(offsets, line_start) - 1
        line = lines[i]
        if offsets[i] != line_start:
            line += self.text.count("\n", offsets[i], line_start)
            offsets.insert(i + 1, line_start)
            lines.insert(i + 1, line)
        return line, offset - line_start + 1

    def comments(self) -> list[tuple[int, int, str]]:
        """(line, column, text) of each comment; text is without `//` or `/* */`, stripped."""
        lookups = self._lookups
        if lookups.comments is None:
            lookups.comments = []
            if self.is_jsonc:
                lookups.line_starts = line_starts(self.text)
                for start, body in find_comments(self.text):
                    line, column = self.position(start)
                    lookups.comments.append((line, column, body))
        return lookups.comments


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def load_json(text: str | bytes, path: str) -> JsonDocument:
    """Parse JSON or JSONC; raise JsonLoadError for anything that is not a readable document."""
    if isinstance(text, (bytes, bytearray)):
        text = _decode(bytes(text))
    elif text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        raise _error_at(text, nul, "binary content (NUL character); not a JSON text file")
    try:
        return JsonDocument(_loads(text), text, path)
    except json.JSONDecodeError as first:
        if re.search(r"\S", text) is None:
            raise JsonLoadError("empty file", 1, 1) from None
        return _load_jsonc(text, path, first)
    except RecursionError:
        raise _too_deep(text) from None
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        raise _value_error(text, exc) from None


def _load_jsonc(text: str, path: str, first: json.JSONDecodeError) -> JsonDocument:
    blanked = blank_jsonc(text)
    if blanked == text:
        raise JsonLoadError(first.msg, first.lineno, first.colno) from None
    try:
        data = _loads(blanked)
    except json.JSONDecodeError as exc:
        raise JsonLoadError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise _too_deep(blanked) from None
    except ValueError as exc:
        raise _value_error(blanked, exc) from None
    return JsonDocument(data, text, path, is_jsonc=True, _scan_text=blanked)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise JsonLoadError("invalid UTF-16 (file starts with a UTF-16 byte order mark)", 1, 1) from None
    try:
        return decode_utf8(data, kind="JSON text")
    except UndecodableText as exc:
        raise JsonLoadError(exc.message, exc.line, exc.column) from None


def _error_at(text: str, offset: int, message: str) -> JsonLoadError:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return JsonLoadError(message, line, column)


def _too_deep(text: str) -> JsonLoadError:
    depth = 0
    for m in re.finditer(_TOKEN, text, re.S):
        c = text[m.start()]
        if c in "{[":
            depth += 1
            if depth > NESTING_LIMIT:
                return _error_at(text, m.start(), f"nesting deeper than {NESTING_LIMIT} levels")
        elif c in "}]":
            depth -= 1
    return JsonLoadError(f"nesting deeper than {NESTING_LIMIT} levels", 1, 1)


def _value_error(text: str, exc: ValueError) -> JsonLoadError:
    long_number = re.search(_LONG_DIGITS, text)
    if long_number is not None:
        return _error_at(text, long_number.start(), "number too long")
    return JsonLoadError(str(exc).split("\n")[0] or "invalid value", 1, 1)


def _blank(segment: str) -> str:
    return re.sub(r"[^\r\n]", " ", segment)


def blank_jsonc(text: str) -> str:
    """Replace comments and trailing commas with spaces, keeping every offset and line break."""

    def comment(m: re.Match) -> str:
        if m.group(1) is not None:  # strings and other text, kept
            return m.group(1)
        token = m.group()
        if token.startswith("/*") and not token.endswith("*/") or token == "/*/":
            raise _error_at(text, m.start(), "unterminated /* comment")
        return _blank(token)

    without_comments = re.sub(_COMMENT_BLANKING, comment, text, flags=re.S)
    return re.sub(
        _TRAILING_COMMA_BLANKING, lambda m: " " if m.group(1) is None else m.group(1), without_comments, flags=re.S
    )


def find_comments(text: str) -> list[tuple[int, str]]:
    """(offset, body) of each `//` and `/* */` comment outside strings."""
    found = []
    for m in re.finditer(_COMMENT_SCAN, text, re.S):
        token = m.group()
        if token.startswith("//"):
            found.append((m.start(), token[2:].strip()))
        elif token.startswith("/*"):
            found.append((m.start(), token[2:-2].strip()))
    return found


def _key(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    return json.loads(token, strict=False)


_WS = re.compile(r"[ \t\n\r]*")  # JSON's own whitespace: nothing else can sit between tokens
_MEMBER = re.compile(r"(" + _STRING + r")[ \t\n\r]*:[ \t\n\r]*", re.S)
_AFTER_VALUE = re.compile(r"[ \t\n\r]*(?:(,)[ \t\n\r]*)?")
_SCALAR_TOKEN = _STRING + r'|[^\s{}\[\]:,"]+'  # for very deep nesting only
# The C scanner behind json.loads: parses one value at an offset and returns where it ends.
_SCAN_VALUE = _DECODER.scan_once


@dataclass
class _Children:
    """The direct children of one container, in text order.

    Tuples of offsets and dicts of ints: a finder lives as long as its findings, and
    containers of atoms alone are left out of every garbage collection.
    """

    at: tuple  # reported offset of each: its key for an object member, its value for an array item
    values: tuple  # where each value starts
    keys: tuple | None  # decoded keys of an object; None for an array
    end: int = 0  # the offset just after the container's closing bracket
    _by_key: dict | None = None  # key -> index, or indexes in text order when written twice
    _by_folded: dict | None = None  # the same, by lower-cased key

    def matching(self, part: object, folded: bool = False) -> tuple:
        """Indexes of the children a pointer part names (exactly, or case-insensitively)."""
        if self.keys is None:
            index = _array_index(part)
            return (index,) if index is not None and 0 <= index < len(self.values) else ()
        if not isinstance(part, str):
            return ()
        if folded:
            if self._by_folded is None:
                self._by_folded = _group([key.lower() for key in self.keys])
            found = self._by_folded.get(part.lower(), ())
        else:
            if self._by_key is None:
                self._by_key = _group(self.keys)
            found = self._by_key.get(part, ())
        return (found,) if type(found) is int else found


_MAX_DESCENT = 64  # pointers deeper than this are scanned level by level: no deep recursion


def _wanted(way: tuple, is_object: bool) -> object:
    """What names the child to index on the way: a lower-cased key, an array index, or None."""
    if not way or len(way) > _MAX_DESCENT:
        return None
    if is_object:
        return way[0].lower() if isinstance(way[0], str) else None
    return _array_index(way[0])


def _group(keys: tuple | list) -> dict:
    """key -> its index; a key written more than once -> a tuple of its indexes."""
    groups = dict(zip(keys, range(len(keys)), strict=True))
    if len(groups) == len(keys):
        return groups
    groups = {}
    for i, key in enumerate(keys):
        seen = groups.get(key)
        groups[key] = i if seen is None else (seen, i) if type(seen) is int else seen + (i,)
    return groups


def _array_index(part: object) -> int | None:
    # a pointer part names an array item when it is equal (as a dict key) to the item's index
    if isinstance(part, int):
        return int(part)
    if isinstance(part, float) and part.is_integer():
        return int(part)
    return None


class PositionFinder:
    """Offsets of the values of a valid JSON text, found on demand.

    A lookup descends only through the containers on the pointer's way; each
    container's direct children are indexed the first time a lookup passes
    through it, and the values in between are skipped by the C scanner behind
    `json.loads`. A file asked for a few positions pays a few container scans,
    not a Python pass over every token. Comments must already be blanked.

    The answers are those of a full index of every value (object members at
    their key) keyed by pointer: a duplicate key answers with its last
    occurrence; a pointer not written exactly is matched case-insensitively,
    and when several written pointers match, the one first written last wins
    (at its last occurrence).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = _WS.match(text).end()
        self._children: dict[int, _Children | None] = {}

    def offset_of(self, pointer: tuple) -> int | None:
        found = self._exact(pointer)
        return found if found is not None else self._folded(pointer)

    def _exact(self, pointer: tuple) -> int | None:
        # depth first, later duplicates first: the first complete match is the last one written
        stack = [(self.root, self.root, 0)]
        while stack:
            value_at, at, depth = stack.pop()
            if depth == len(pointer):
                return at
            children = self.children(value_at, pointer[depth:])
            if children is not None:
                for j in children.matching(pointer[depth]):
                    stack.append((children.values[j], children.at[j], depth + 1))
        return None

    def _folded(self, pointer: tuple) -> int | None:
        spans: dict[tuple, list] = {}  # each written pointer that matches -> [first offset, last offset]
        stack = [(self.root, self.root, 0, ())]
        while stack:
            value_at, at, depth, written = stack.pop()
            if depth == len(pointer):
                span = spans.setdefault(written, [at, at])
                span[0], span[1] = min(span[0], at), max(span[1], at)
                continue
            children = self.children(value_at, pointer[depth:])
            if children is not None:
                for j in children.matching(pointer[depth], folded=True):
                    part = children.keys[j] if children.keys is not None else j
                    stack.append((children.values[j], children.at[j], depth + 1, written + (part,)))
        if not spans:
            return None
        return max(spans.values(), key=lambda span: span[0])[1]

    def children(self, value_at: int, way: tuple = ()) -> _Children | None:
        """The direct children of the container starting at `value_at` (None for a scalar).

        `way` is the rest of the pointer being looked for, from the child this
        container is asked for: the children it may name are indexed on the way
        (rather than skipped, then scanned again).
        """
        if value_at in self._children:
            return self._children[value_at]
        opener = self.text[value_at : value_at + 1]
        found = None
        if opener == "{":
            found = self._scan_members(value_at, "}", True, way)
        elif opener == "[":
            found = self._scan_members(value_at, "]", False, way)
        self._children[value_at] = found
        return found

    def _scan_members(self, value_at: int, closer: str, is_object: bool, way: tuple) -> _Children:
        text = self.text
        pos = _WS.match(text, value_at + 1).end()
        if text[pos] == closer:
            return _Children((), (), () if is_object else None, pos + 1)
        at: list = []
        values: list = []
        keys: list | None = [] if is_object else None
        wanted = _wanted(way, is_object)
        while True:
            at.append(pos)
            if is_object:
                member = _MEMBER.match(text, pos)  # "key" : (up to the value)
                name = _key(member.group(1))
                keys.append(name)
                pos = member.end()
                descend = wanted is not None and name.lower() == wanted
            else:
                descend = wanted == len(values)
            values.append(pos)
            if descend and text[pos] in "{[":
                end = self.children(pos, way[1:]).end
            else:
                end = self._skip(pos)
            after = _AFTER_VALUE.match(text, end)  # whitespace, then ',' and whitespace, or the closer
            if after.group(1) is None:
                return _Children(tuple(at), tuple(values), None if keys is None else tuple(keys), after.end() + 1)
            pos = after.end()

    def _skip(self, pos: int) -> int:
        """The offset just after the value starting at `pos`."""
        try:
            return _SCAN_VALUE(self.text, pos)[1]
        except RecursionError:  # very deep nesting under an already deep stack: count brackets instead
            return _skip_by_tokens(self.text, pos)


def _skip_by_tokens(text: str, pos: int) -> int:
    if text[pos] not in "{[":
        return re.compile(_SCALAR_TOKEN, re.S).match(text, pos).end()
    depth = 0
    for m in re.compile(_TOKEN, re.S).finditer(text, pos):
        c = text[m.start()]
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return m.end()
    return len(text)
