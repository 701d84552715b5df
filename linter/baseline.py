"""A baseline of accepted findings, so a gate fails only on new ones.

`write_baseline(path, findings, root)` records the current findings as JSON;
`load_baseline(path)` reads them back; `Baseline.filter(findings, root)` marks
the findings the baseline accepts as suppressed with the justification
`"baseline"` (SARIF then says `kind: external`).

Entries match on the rule, the repository-relative file, the resource (type
and name) and the model path of the offending property, through the same
fingerprint SARIF's `partialFingerprints` carry -- never on line numbers, so a
baseline survives inserted lines. Matching counts: two identical baseline
entries absorb at most two identical findings.

File format (version 1)::

    {"version": 1, "tool": "azlint",
     "entries": [{"rule": "AZ804", "file": "infra/main.bicep",
                  "resource": {"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-web"},
                  "fingerprint": "…32 hex…", "message": "…for humans…"}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field

from linter.findings import Finding
from linter.report.common import fingerprint, relative_path

VERSION = 1
JUSTIFICATION = "baseline"
_ENTRY_KEYS = ("rule", "file", "resource", "fingerprint")


class BaselineError(Exception):
    """A baseline file that cannot be used; names the file."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(message)
        self.file, self.message = file, message

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """One accepted finding as a baseline file records it."""

    rule: str
    file: str  # POSIX, relative to the baseline's root
    resource_type: str
    resource_name: str
    fingerprint: str
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.rule.upper(), self.file, self.resource_type.lower(), self.resource_name, self.fingerprint)


def default_root(path: str) -> str:
    """Paths in a baseline are relative to the folder it sits in, unless a root is given."""
    return os.path.dirname(os.path.abspath(path))


def entry_for(finding: Finding, root: str) -> Entry:
    return Entry(
        rule=finding.rule.id,
        file=relative_path(finding.location.file, root),
        resource_type=finding.resource.type,
        resource_name=finding.resource.display_name,
        fingerprint=fingerprint(finding, root),
        message=finding.message,
    )


def baselined(finding: Finding) -> bool:
    """Suppressed by a baseline (not by the code itself)."""
    return finding.suppressed and (finding.suppression or "") == JUSTIFICATION


@dataclass
class Baseline:
    """A baseline file's entries: findings accepted as they are."""

    entries: list[Entry] = field(default_factory=list)
    source: str | None = None

    def filter(self, findings: list[Finding], root: str | None = None) -> list[Finding]:
        """Mark findings this baseline accepts as suppressed ("baseline"); returns `findings`.

        Findings already suppressed in the code neither match nor use up an entry.
        """
        if root is None:
            root = default_root(self.source) if self.source else os.getcwd()
        budget = Counter(entry.key for entry in self.entries)
        for finding in findings:
            if finding.suppressed:
                continue
            key = entry_for(finding, root).key
            if budget[key] > 0:
                budget[key] -= 1
                finding.suppressed = True
                finding.suppression = JUSTIFICATION
        return findings


def write_baseline(path: str, findings: list[Finding], root: str | None = None) -> int:
    """Record the findings not suppressed in the code (earlier baseline matches included); returns the count."""
    root = default_root(path) if root is None else root
    kept = [f for f in findings if not f.suppressed or baselined(f)]
    entries = sorted((entry_for(f, root) for f in kept), key=lambda e: (e.file, e.rule, e.resource_name, e.key))
    document = {
        "version": VERSION,
        "tool": "azlint",
        "entries": [
            {
                "rule": e.rule,
                "file": e.file,
                "resource": {"type": e.resource_type, "name": e.resource_name},
                "fingerprint": e.fingerprint,
                "message": e.message,
            }
            for e in entries
        ],
    }
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return len(entries)


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; raises BaselineError with the file and what is wrong."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise BaselineError(path, f"cannot read baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"not a JSON baseline file: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        found = document.get("version") if isinstance(document, dict) else None
        raise BaselineError(path, f"unsupported baseline version {found!r} (expected {VERSION}); "
                                  "write it again with --write-baseline")
    raw = document.get("entries")
    if not isinstance(raw, list):
        raise BaselineError(path, "'entries' must be a list")
    return Baseline([_entry(path, index, item) for index, item in enumerate(raw)], source=path)


def _entry(path: str, index: int, item: object) -> Entry:
    where = f"entries[{index}]"
    if not isinstance(item, dict) or any(k not in item for k in _ENTRY_KEYS):
        raise BaselineError(path, f"{where} must be an object with {', '.join(_ENTRY_KEYS)}")
    resource = item["resource"]
    if not isinstance(resource, dict) or not all(isinstance(resource.get(k), str) for k in ("type", "name")):
        raise BaselineError(path, f"{where}.resource must be an object with string 'type' and 'name'")
    strings = (item["rule"], item["file"], item["fingerprint"], item.get("message", ""))
    if not all(isinstance(s, str) for s in strings):
        raise BaselineError(path, f"{where}: rule, file, fingerprint and message must be strings")
    return Entry(item["rule"], item["file"], resource["type"], resource["name"], item["fingerprint"],
                 item.get("message", ""))
