"""Lint one deployment unit: frontend -> model -> rules -> findings, all failures contained.

This is the unit of work `--jobs` spreads over processes, so what it returns
(`UnitOutcome`) is plain, picklable data: findings keep a slim copy of their
resource, with its location already resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from linter.findings import Finding
from linter.model import InputError, Resource, SourceMap, Unit
from linter.normalize import build_model


# A NamedTuple, not a frozen dataclass: cheaper to define at start-up (see linter.discover).
class Job(NamedTuple):
    """One unit to lint: its kind, its main path and what goes with it."""

    kind: str  # "arm" | "bicep" | "terraform"
    path: str  # template, .bicep file, or Terraform folder
    extra: object = None  # parameter file, or the Terraform files


@dataclass
class UnitOutcome:
    """What linting one unit gave: the files it read, findings and input errors."""

    job: Job
    files: list[str] = field(default_factory=list)
    resources: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def lint_unit(job: Job, rules, settings) -> UnitOutcome:
    """`settings` needs `root`, `var_files`, `variables`, `debug` and `rule_options` (a CheckOptions does)."""
    unit = load_unit(job, settings)
    outcome = UnitOutcome(job=job, files=unit.files or [job.path], errors=list(unit.errors))
    if not unit.resources:
        return outcome
    outcome.resources = sum(1 for r in unit.resources if not r.derived)
    try:
        from linter.rules.engine import run_rules

        model = build_model(unit.resources)
        result = run_rules(model, rules, getattr(settings, "rule_options", None) or None)
    except Exception as exc:
        outcome.errors.append(internal_error(unit.path, "checking rules", exc, settings.debug))
        return outcome
    outcome.errors += [
        InputError(file=unit.path, kind="error", message=f"internal error in rule {err}"
                   + (f"\n{err.detail}" if settings.debug else " (run with --debug for the traceback)"))
        for err in result.internal_errors
    ]
    outcome.findings = merge_copy_instances(result.findings)
    return outcome


def load_unit(job: Job, settings) -> Unit:
    try:
        if job.kind == "arm":
            from linter.frontends.arm.template import load_arm

            return load_arm(job.path, job.extra)
        if job.kind == "bicep":
            from linter.frontends.bicep import load_bicep

            return load_bicep(job.path, job.extra, root=settings.root)
        from linter.frontends.terraform import load_terraform

        return load_terraform(
            job.path, job.extra, var_files=settings.var_files, variables=settings.variables, root=settings.root
        )
    except Exception as exc:  # contain frontend bugs: report and go on
        error = internal_error(job.path, f"reading {job.kind} input", exc, settings.debug)
        return Unit(path=job.path, format=job.kind, errors=[error])


def merge_copy_instances(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and written location: copies of a loop are listed, not repeated.

    Two findings of one resource at one path (two checks of a rule) are
    distinct findings, never merged.
    """
    groups: dict[tuple, list[list[Finding]]] = {}
    for finding in findings:
        loc = finding.location
        key = (finding.rule.id, loc.file, loc.line, loc.column, finding.undecided)
        same_place = groups.setdefault(key, [])
        for group in same_place:
            if not any(f.resource is finding.resource and f.path == finding.path for f in group):
                group.append(finding)
                break
        else:
            same_place.append([finding])
    merged = []
    for group in (group for same_place in groups.values() for group in same_place):
        first = group[0]
        if len(group) > 1:
            names = list(dict.fromkeys(f.resource.display_name for f in group))
            first.instances = names
            listed = f": {', '.join(names)}" if len(names) == len(group) else ""
            first.message = f"{first.message} ({len(group)} instances{listed})"
        merged.append(first)
    return merged


def make_portable(findings: list[Finding]) -> list[Finding]:
    """The findings with slim resources that can cross a process boundary.

    Source maps hold closures over the parsed file; a finding's location is
    already resolved, so only the resource's identity (and the `metadata` that
    suppressions read) travels. Findings of one resource share one slim copy:
    `merge_copy_instances` tells copies of a loop apart from two checks of one
    resource by identity, and pickling keeps shared objects shared.
    """
    slim: dict[int, Resource] = {}
    for finding in findings:
        resource = finding.resource
        if id(resource) not in slim:
            slim[id(resource)] = _slim_resource(resource)
        finding.resource = slim[id(resource)]
    return findings


def _slim_resource(resource: Resource) -> Resource:
    metadata = resource.body.get("metadata") if isinstance(resource.body, dict) else None
    return Resource(
        type=resource.type,
        name=resource.name,
        body={"metadata": metadata} if metadata is not None else {},
        format=resource.format,
        source=SourceMap(resource.location),
        id=resource.id,
        symbol=resource.symbol,
        condition=resource.condition,
        existing=resource.existing,
        derived=resource.derived,
        api_version=resource.api_version,
    )


def internal_error(path: str, doing: str, exc: Exception, debug: bool) -> InputError:
    message = f"internal error while {doing}: {type(exc).__name__}: {exc}"
    if debug:
        import traceback

        message += "\n" + traceback.format_exc()
    else:
        message += " (run with --debug for the traceback)"
    return InputError(file=path, message=message, kind="error")
