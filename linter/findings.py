"""What a rule run produces: `RuleInfo` (a rule's metadata) and `Finding`.

A finding carries a path into the model, not a line: its `location` is
resolved from the resource's source map when the finding is made, so every
reporter prints the same place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.model import Location, Path, Resource

LEVELS = ("note", "warning", "error")  # ascending; SARIF level names


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata and docs, as written in its rule file."""

    id: str  # stable, e.g. "AZ804"; the SARIF ruleId
    slug: str  # readable name, e.g. "nsg-management-ports-open"; the SARIF rule name
    title: str
    severity: str  # "error" | "warning" | "note"
    guide_section: str = ""  # heading of the guide section it enforces
    help_uri: str = ""  # learn.microsoft.com link to that section
    security_severity: str = "5.0"  # "0.0".."10.0" for GitHub code scanning
    docs: dict = field(default_factory=dict, compare=False, hash=False)  # flags, why, noncompliant, compliant, fix, references
    status: str = "stable"  # "stable" | "preview"
    source_file: str = ""


@dataclass
class Finding:
    """One rule's verdict on one resource (or one element of it), where it was written."""

    rule: RuleInfo
    resource: Resource
    message: str
    path: Path  # into the resource body; () = the resource itself
    location: Location
    severity: str  # may differ from rule.severity through configuration
    undecided: bool = False  # reported only with --show-undecided, as a note
    suppression: str | None = None  # justification when suppressed
    suppressed: bool = False
    instances: list[str] = field(default_factory=list)  # copy-loop instances folded into this finding

    @property
    def level(self) -> str:
        return "note" if self.undecided else self.severity

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule.id, self.message)
