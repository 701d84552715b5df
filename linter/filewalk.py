"""Walk directories for input files, honouring `.gitignore`, excludes and folders never worth reading.

`Walker.walk(root)` yields (absolute path, real path) of each file, iteratively
(no recursion).
Ignore files apply git's way: each `.gitignore` relative to its own folder,
deeper files overriding shallower ones (`!pattern` re-includes), and an
ignored folder is never entered. When the root lies inside a git work tree,
the `.gitignore` files between the work tree's root and the walked root (and
`.git/info/exclude`) apply too.

Symlinks found while walking are never followed: a pull request can link `/`,
`/proc` or a credentials folder into the repository, and what a link inside
the walked roots points at is walked through its real path anyway. Paths named
on the command line are always taken.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from linter.model import InputError

if TYPE_CHECKING:
    import pathspec

SKIP_DIRS = frozenset({".git", "node_modules", ".terraform", "__pycache__", "venv"})  # and any hidden folder

Ignores = tuple  # tuple[tuple[str, pathspec.PathSpec], ...]: (base dir, spec), outermost first


def _is_ignored(abs_path: str, is_dir: bool, ignores: Ignores) -> bool:
    decision = None
    for base, spec in ignores:
        rel = os.path.relpath(abs_path, base).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        result = spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            decision = result.include
    return bool(decision)


def _read_ignore_file(path: str) -> pathspec.PathSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            import pathspec  # imported on first use: it costs ~40 ms, and pre-commit runs walk no folder

            return pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
    except OSError:
        return None


def git_root(directory: str) -> str | None:
    """The git work tree holding `directory` (the nearest folder with a `.git`), or None."""
    current = directory
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _ancestor_ignores(root: str) -> Ignores:
    """The ignore files between the enclosing git work tree's root and `root` (excluded)."""
    repo = git_root(root)
    if repo is None or repo == root:
        return _repo_exclude(root) if repo == root else ()
    found = list(_repo_exclude(repo))
    directory = repo
    for part in os.path.relpath(root, repo).split(os.sep)[:-1]:
        spec = _read_ignore_file(os.path.join(directory, ".gitignore"))
        if spec is not None:
            found.append((directory, spec))
        directory = os.path.join(directory, part)
    spec = _read_ignore_file(os.path.join(directory, ".gitignore"))
    if spec is not None:
        found.append((directory, spec))
    return tuple(found)


def _repo_exclude(repo: str) -> Ignores:
    spec = _read_ignore_file(os.path.join(repo, ".git", "info", "exclude"))
    return ((repo, spec),) if spec is not None else ()


class Walker:
    """Iterative directory walk yielding (absolute path, real path) of each file."""

    def __init__(self, exclude: pathspec.PathSpec | None, cwd: str) -> None:
        self.exclude = exclude
        self.cwd = cwd
        self.visited: set[str] = set()
        self.errors: list[InputError] = []

    def _excluded(self, abs_path: str, is_dir: bool, root: str) -> bool:
        if self.exclude is None:
            return False
        rel = os.path.relpath(abs_path, self.cwd)
        if rel.startswith(".."):
            rel = os.path.relpath(abs_path, root)
        rel = rel.replace(os.sep, "/")
        return self.exclude.match_file(rel + "/" if is_dir else rel)

    def walk(self, root: str):
        ignores = _ancestor_ignores(root)
        if ignores and _is_ignored(root, True, ignores):
            ignores = ()  # an ignored folder named explicitly is still walked
        stack = [(root, os.path.realpath(root), ignores)]
        while stack:
            directory, real, ignores = stack.pop()
            if real in self.visited:
                continue
            self.visited.add(real)
            own = _read_ignore_file(os.path.join(directory, ".gitignore"))
            if own is not None:
                ignores = ignores + ((directory, own),)
            try:
                with os.scandir(directory) as scan:
                    entries = sorted(scan, key=lambda e: e.name)
            except OSError as exc:
                self.errors.append(InputError(file=directory, message=f"cannot read directory: {exc.strerror}"))
                continue
            subdirs = []
            for entry in entries:
                yield from self._entry(entry, real, ignores, root, subdirs)
            stack.extend(reversed(subdirs))

    def _entry(self, entry: os.DirEntry, parent_real: str, ignores: Ignores, root: str, subdirs: list):
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
            is_link = entry.is_symlink()
        except OSError:
            return
        if is_dir:
            if entry.name in SKIP_DIRS or entry.name.startswith("."):
                return
            if _is_ignored(entry.path, True, ignores) or self._excluded(entry.path, True, root):
                return
            if is_link:
                return
            subdirs.append((entry.path, os.path.join(parent_real, entry.name), ignores))
        elif is_file:
            if _is_ignored(entry.path, False, ignores) or self._excluded(entry.path, False, root):
                return
            if is_link:
                return
            yield entry.path, os.path.join(parent_real, entry.name)
