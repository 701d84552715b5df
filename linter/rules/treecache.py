"""Parse trees of rule conditions, kept between runs as JSON in the user's cache folder.

Every run compiles ~130 rule expressions; building the LALR parser and
parsing them cost ~60 ms of a ~250 ms single-file run (measured for issue 8).
With the trees cached, a run neither builds the parser nor parses.

Safety: the cache is plain JSON data, never pickle, so reading it cannot run
code; it lives only in a folder the current user owns and no one else may
write to (`$XDG_CACHE_HOME/azlint` or `~/.cache/azlint`), never in a shared
temp folder. Its name carries a hash of the grammar and lark's version, so a
change of either starts afresh. Anything unreadable is ignored (the text is
simply parsed), and `AZLINT_NO_CACHE=1` turns the cache off. The file keeps only the entries
the run that last wrote it used, so conditions compiled once (tests, fuzzing) do not pile up.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import tempfile

import lark
from lark import Token, Tree

from linter.cachedir import private_cache_dir

MAX_ENTRIES = 5000  # user rule folders add entries; beyond this nothing new is kept
MAX_FILE_BYTES = 4 * 1024 * 1024  # a larger file is ignored (and rewritten): loading it would cost more than parsing

_state: dict = {"path": None, "entries": None, "dirty": False}


def _cache_folder() -> str | None:
    return private_cache_dir()


def _entries(grammar_text: str) -> dict:
    if _state["entries"] is None:
        _state["entries"] = {}
        folder = _cache_folder()
        if folder is not None:
            digest = hashlib.sha256(f"{lark.__version__}\0{grammar_text}".encode()).hexdigest()[:16]
            _state["path"] = os.path.join(folder, f"rule-trees-{digest}.json")
            try:
                if os.path.getsize(_state["path"]) <= MAX_FILE_BYTES:
                    with open(_state["path"], encoding="utf-8") as handle:
                        loaded = json.load(handle)
                    if isinstance(loaded, dict):
                        _state["entries"] = loaded
                        atexit.unregister(_save)
                        atexit.register(_save)  # to drop entries this run did not use, if many
            except (OSError, ValueError):
                pass
    return _state["entries"]


def _used() -> set:
    return _state.setdefault("used", set())


def get(grammar_text: str, start: str, text: str) -> Tree | None:
    """The cached tree of `text` parsed from `start`, or None."""
    key = f"{start}\0{text}"
    encoded = _entries(grammar_text).get(key)
    if encoded is None:
        return None
    _used().add(key)
    try:
        tree = _decode(encoded)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return None
    return tree if isinstance(tree, Tree) else None


def put(grammar_text: str, start: str, text: str, tree: Tree) -> None:
    entries = _entries(grammar_text)
    if _state["path"] is None or len(entries) >= MAX_ENTRIES:
        return
    key = f"{start}\0{text}"
    entries[key] = _encode(tree)
    _used().add(key)
    if not _state["dirty"]:
        _state["dirty"] = True
        atexit.unregister(_save)
        atexit.register(_save)


def _save() -> None:
    """Write the entries this run used (so junk from other runs does not pile up), when anything changed."""
    path, entries, used = _state["path"], _state["entries"] or {}, _used()
    bloated = len(entries) > 2 * len(used) + 50
    if path is None or not (_state["dirty"] or bloated):
        return
    _state["dirty"] = False
    kept = {key: entries[key] for key in used if key in entries}
    try:
        handle, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".rule-trees-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out, separators=(",", ":"))
        os.replace(temp, path)  # atomic: a concurrent run reads the old file or the new one
    except OSError:
        pass


def _encode(node) -> object:
    if node is None:
        return None
    if isinstance(node, Token):
        return ["k", node.type, str(node), node.start_pos, node.line, node.column, node.end_line,
                node.end_column, node.end_pos]
    if isinstance(node, Tree):
        meta = None if node.meta.empty else {k: v for k, v in vars(node.meta).items() if k != "empty"}
        data = _encode(node.data) if isinstance(node.data, Token) else str(node.data)
        return ["t", data, meta, [_encode(child) for child in node.children]]
    raise TypeError(f"cannot cache a {type(node).__name__} in a parse tree")


def _decode(item) -> object:
    if item is None:
        return None
    if item[0] == "k":
        return Token(*item[1:9])
    if item[0] != "t":
        raise ValueError("not a cached tree")
    _, data, meta, children = item
    tree = Tree(_decode(data) if isinstance(data, list) else data, [_decode(child) for child in children])
    if meta is not None:
        for key, value in meta.items():
            setattr(tree.meta, key, value)
        tree.meta.empty = False
    return tree
