"""What every reporter shares: relative paths, model-path text, fingerprints, counts.

Reporters never compute these on their own, so the same finding has the same
file, path and fingerprint in every output format.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path as FsPath
from pathlib import PurePath
from typing import NamedTuple

from linter.findings import Finding
from linter.model import InputError, Path
from linter.result import RunResult

TOOL_NAME = "azlint"
INFORMATION_URI = "https://learn.microsoft.com/azure/security/fundamentals/operational-best-practices"
_IDENTIFIER = re.compile(r"^[A-Za-z_$@][A-Za-z0-9_$@-]*$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to print to a terminal: control characters (escape sequences from a template) become U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def relative_path(file: str, root: str) -> str:
    """`file` as a POSIX path relative to `root`; absolute when it lies outside root.

    A relative `file` is taken relative to the current directory, as frontends
    report it.
    """
    return _relative_path(file, root, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative_path(file: str, root: str, cwd: str) -> str:
    absolute = os.path.normpath(os.path.join(cwd, file))
    base = os.path.normpath(os.path.join(cwd, root))
    inside = _relative_to(absolute, base)
    if inside is None:  # the same folder reached through a symlink still counts as inside
        inside = _relative_to(os.path.realpath(absolute), os.path.realpath(base))
    return inside if inside is not None else PurePath(absolute).as_posix()


def _relative_to(path: str, base: str) -> str | None:
    try:
        if os.path.commonpath([path, base]) != base:
            return None
    except ValueError:  # different drives on Windows
        return None
    return PurePath(os.path.relpath(path, base)).as_posix()


def is_absolute(path: str) -> bool:
    return os.path.isabs(path) or PurePath(path).is_absolute()


def format_model_path(path: Path) -> str:
    """`("properties", "securityRules", 0, "name")` -> `properties.securityRules[0].name`."""
    text = ""
    for key in path:
        if isinstance(key, int):
            text += f"[{key}]"
        elif _IDENTIFIER.match(str(key)):
            text += ("." if text else "") + str(key)
        else:
            escaped = str(key).replace("\\", "\\\\").replace('"', '\\"')
            text += f'["{escaped}"]'
    return text


def resource_name(finding: Finding) -> str:
    return finding.resource.display_name


def fingerprint(finding: Finding, root: str) -> str:
    """A hash that survives reruns and moved lines: rule, file, resource and model path, never the line."""
    parts = (
        finding.rule.id,
        relative_path(finding.location.file, root),
        finding.resource.type.lower(),
        resource_name(finding),
        format_model_path(finding.path),
    )
    return _sha256()("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@functools.lru_cache(maxsize=1)
def _sha256():
    """The SHA-256 constructor, from CPython's own module where it has one: importing hashlib loads
    OpenSSL, ~3 ms of a one-file run (the text report needs no fingerprint, so imports neither).
    Both compute the same digest."""
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256


def sort_findings(findings: list[Finding], root: str) -> list[Finding]:
    """Findings in report order: by relative file, line, column, rule id, message."""

    def key(finding: Finding) -> tuple:
        loc = finding.location
        return (relative_path(loc.file, root), loc.line, loc.column, finding.rule.id, finding.message)

    return sorted(findings, key=key)


def sort_errors(errors: list[InputError], root: str) -> list[InputError]:
    """Input errors in report order: by relative file, line, column, message."""
    return sorted(errors, key=lambda e: (relative_path(e.file, root), e.line or 0, e.column or 0, e.message))


def visible_findings(result: RunResult) -> list[Finding]:
    return sort_findings(result.visible_findings, result.root)


def reported_findings(result: RunResult) -> list[Finding]:
    """Findings a machine-readable report carries: visible ones plus suppressed ones, sorted.

    Undecided findings appear only when the run shows them, suppressed or not.
    """
    chosen = [f for f in result.findings if result.show_undecided or not f.undecided]
    return sort_findings(chosen, result.root)


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Summary(NamedTuple):
    """The counts every report format shows."""

    findings: int
    errors: int
    warnings: int
    notes: int
    undecided: int
    suppressed: int
    files: int
    resources: int
    input_errors: int


def summarize(result: RunResult) -> Summary:
    visible = result.visible_findings
    levels = [f.level for f in visible]
    return Summary(
        findings=len(visible),
        errors=levels.count("error"),
        warnings=levels.count("warning"),
        notes=levels.count("note"),
        undecided=sum(1 for f in visible if f.undecided),
        suppressed=len(result.suppressed_findings),
        files=result.files,
        resources=result.resources,
        input_errors=len(result.input_errors),
    )


def read_lines(file: str, root: str) -> list[str] | None:
    """The lines of a source file, or None when it cannot be read (the frame is then skipped)."""
    candidates = [file] if is_absolute(file) else [file, os.path.join(root, file)]
    for candidate in candidates:
        try:
            text = FsPath(candidate).read_text(encoding="utf-8-sig", errors="replace")
        except (OSError, ValueError):
            continue
        return text.splitlines()
    return None
