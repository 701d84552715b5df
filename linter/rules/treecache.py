"""Loaded rule folders, kept between runs as plain JSON so a warm start needs neither TOML nor lark.

Loading the ~25 built-in rules cost ~100 ms of a ~250 ms single-file run
(issue 8): importing lark, building its parser, parsing TOML and ~180
conditions. A folder's entry holds what those steps produce -- each rule
file's parsed TOML table and the parse tree of every condition, as nested
lists -- so the loader only validates and compiles again, which is the same
code as a cold load and takes a few milliseconds.

An entry is used only when its key matches exactly: the entry format, the
azlint and Python versions, the condition grammar and the path and text of
every `*.toml` file in the folder. Any change (a rule file edited, added or
removed, another azlint) rebuilds it. Anything unreadable or malformed is ignored
and the folder is loaded from its files.

Safety: plain JSON, never pickle, so reading an entry cannot run code; it
lives only in the private, user-owned cache folder (`linter.cachedir`), never
in a shared temp folder, and `AZLINT_NO_CACHE=1` turns it off. At most
`MAX_FILES` entries are kept (one per rule folder, least recently used
dropped), so temporary rule folders of tests cannot pile up.
"""

from __future__ import annotations

import binascii
import contextlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from linter import __version__
from linter.cachedir import private_cache_dir

FORMAT = 1  # bump when the entry layout or the plain-tree encoding changes
PREFIX = "rules-"
MAX_FILES = 16
MAX_FILE_BYTES = 4 * 1024 * 1024  # larger entries are ignored: reading them would cost more than parsing
_OLD_TREE_CACHE = "rule-trees-"  # the per-condition cache of earlier versions; removed when an entry is saved

# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class FolderText(NamedTuple):
    """A rule folder's `*.toml` files as read for this run: the key its cache entry must match."""

    folder: Path
    texts: dict[str, str]  # relative posix path -> text (universal newlines, as Path.read_text gives)
    grammar: str

    def key(self) -> dict:
        """Compared whole, not hashed: no collision can ever pass a stale entry off as current."""
        return {"format": FORMAT, "azlint": __version__, "python": list(sys.version_info[:2]),
                "grammar": self.grammar, "texts": self.texts}


def read_folder(folder: Path, files: list[Path], grammar_text: str) -> FolderText | None:
    """Read every file; None when one cannot be read (the loader then reports it)."""
    texts = {}
    for path in files:
        try:
            texts[path.relative_to(folder).as_posix()] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return FolderText(folder, texts, grammar_text)


def _entry_path(folder: Path) -> str | None:
    cache = private_cache_dir()
    if cache is None:
        return None
    # Only tells folders apart: two sharing a name overwrite each other's entry, never misuse it.
    name = binascii.crc32(os.path.realpath(folder).encode("utf-8", "surrogatepass"))
    return os.path.join(cache, f"{PREFIX}{name:08x}.json")


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Entry(NamedTuple):
    """A folder's cached load: parsed TOML per file, the redirects table, and condition trees."""

    tables: dict  # relative path -> parsed rule file
    redirects: dict | None  # parsed redirects.toml, None when the folder has none
    trees: dict  # "start\0text" -> plain tree


def load(snapshot: FolderText) -> Entry | None:
    """The folder's entry when one exists for exactly these files; else None."""
    path = _entry_path(snapshot.folder)
    if path is None:
        return None
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            return None
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("key") != snapshot.key():
            return None
        entry = Entry(data["tables"], data["redirects"], data["trees"])
        os.utime(path)  # recently used: pruning drops the oldest entries first
    except (OSError, ValueError, AttributeError, KeyError, TypeError, RecursionError):
        return None
    if not (isinstance(entry.tables, dict) and isinstance(entry.trees, dict)
            and isinstance(entry.redirects, (dict, type(None)))):
        return None
    return entry


def save(snapshot: FolderText, entry: Entry) -> None:
    """Write the entry atomically; silently nothing when the cache is off or the data is not plain JSON."""
    path = _entry_path(snapshot.folder)
    if path is None:
        return
    data = {"key": snapshot.key(), "folder": str(snapshot.folder),
            "tables": entry.tables, "redirects": entry.redirects, "trees": entry.trees}
    try:
        text = json.dumps(data, separators=(",", ":"))
        if json.loads(text) != data:  # e.g. a TOML date or nan: JSON would not give it back
            return
    except (TypeError, ValueError):
        return
    import tempfile  # only a run that writes needs it

    folder = os.path.dirname(path)
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)  # atomic: a concurrent run reads the old entry or the new one
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temp)
        return
    _prune(folder, keep=path)


def _prune(folder: str, keep: str) -> None:
    """Keep the MAX_FILES most recently used entries; drop the old per-condition cache."""
    try:
        names = os.listdir(folder)
        entries = [os.path.join(folder, n) for n in names if n.startswith(PREFIX) and n.endswith(".json")]
        entries.sort(key=lambda p: os.stat(p).st_mtime_ns, reverse=True)
        stale = [p for p in entries[MAX_FILES:] if p != keep]
        stale += [os.path.join(folder, n) for n in names if n.startswith(_OLD_TREE_CACHE) and n.endswith(".json")]
        for old in stale:
            os.remove(old)
    except OSError:
        pass


@dataclass
class TreeBook:
    """Plain condition trees by start rule and text: those from the cache, else parsed; records the used ones."""

    parse_text: Callable  # (text, start) -> plain tree (linter.rules.language.parse)
    known: dict = field(default_factory=dict)  # "start\0text" -> plain tree
    used: dict = field(default_factory=dict)
    parsed: int = 0  # how many were not in the cache

    def parse(self, text: str, start: str = "condition") -> list:
        key = f"{start}\0{text}"
        tree = self.known.get(key)
        if tree is None:
            tree = self.parse_text(text, start)
            self.parsed += 1
        self.used[key] = tree
        return tree
