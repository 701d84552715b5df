"""The outcome of one `azlint check` run, as every reporter receives it."""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.findings import Finding, RuleInfo
from linter.model import InputError


@dataclass
class RunResult:
    root: str  # absolute folder that repository-relative paths are relative to
    findings: list[Finding] = field(default_factory=list)  # reported and suppressed ones (see Finding.suppressed)
    errors: list[InputError] = field(default_factory=list)  # input errors and notes (InputError.kind)
    rules: list[RuleInfo] = field(default_factory=list)  # the rules that ran, in id order
    files: int = 0  # files read
    resources: int = 0  # resources in the model
    show_undecided: bool = False

    @property
    def visible_findings(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed and (self.show_undecided or not f.undecided)]

    @property
    def suppressed_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]

    @property
    def input_errors(self) -> list[InputError]:
        return [e for e in self.errors if e.kind == "error"]
