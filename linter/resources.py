"""Where the packaged data lives: built-in rules and lark grammars.

In a wheel they sit inside the package (`linter/builtin_rules`, `linter/grammars`);
in a source checkout they are the top-level `rules/` and `grammars/` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def builtin_rules_dir() -> Path:
    return _first_existing(_PACKAGE / "builtin_rules", _PACKAGE.parent / "rules")


def grammars_dir() -> Path:
    return _first_existing(_PACKAGE / "grammars", _PACKAGE.parent / "grammars")


def grammar_path(name: str) -> Path:
    return grammars_dir() / name
