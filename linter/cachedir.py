"""The one place azlint keeps caches: a private folder of the user's, or nowhere.

Built lark parsers are cached as pickles, and loading a pickle runs code, so
a cache is used only in `$XDG_CACHE_HOME/azlint` (or `~/.cache/azlint`) when
that folder is a real directory owned by the current user and writable by
nobody else. Never in a shared temporary folder. `AZLINT_NO_CACHE=1` turns
every cache off.
"""

from __future__ import annotations

import os


def private_cache_dir() -> str | None:
    """The cache folder, created if needed, or None when it cannot be trusted or is turned off."""
    if os.environ.get("AZLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "azlint")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not os.path.isdir(folder) or os.path.islink(folder):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None  # someone else could write here: do not trust it
    if not os.access(folder, os.W_OK):
        return None
    return folder


def lark_cache(name: str, grammar_text: str) -> str | bool:
    """The `cache=` argument for a lark LALR parser: a file in the private folder, or False.

    lark checks the grammar's hash stored in the file, so a stale file is rebuilt.
    """
    folder = private_cache_dir()
    if folder is None:
        return False
    import hashlib  # here: a run whose parsers are not built never needs it

    digest = hashlib.sha256(grammar_text.encode("utf-8")).hexdigest()[:16]
    return os.path.join(folder, f"{name}-{digest}.lark")
