"""One `azlint check` run: discover -> frontends -> model -> rules -> RunResult.

Frontends are imported lazily, so linting only Terraform never loads the
Bicep grammar. A failure inside one unit (a frontend bug, a rule bug) becomes
an input error naming the file, and the run goes on with the other files.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field

from linter.findings import Finding
from linter.model import InputError, Unit
from linter.normalize import build_model
from linter.result import RunResult


@dataclass
class CheckOptions:
    paths: list[str] = field(default_factory=lambda: ["."])
    parameters: dict[str, str] = field(default_factory=dict)  # template -> parameter file
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    show_undecided: bool = False
    rules_dirs: list[str] = field(default_factory=list)
    var_files: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    debug: bool = False


def load_selected_rules(options: CheckOptions):
    """The rules this run applies, after --select/--ignore."""
    from linter.rules.loader import load_rules

    ruleset = load_rules(builtin=True, extra_dirs=options.rules_dirs)
    return ruleset.select(options.select or None, options.ignore or None)


def run_check(options: CheckOptions) -> RunResult:
    from linter.discover import discover

    rules = load_selected_rules(options)
    result = RunResult(root=os.getcwd(), show_undecided=options.show_undecided)
    result.rules = sorted((rule.info for rule in rules), key=lambda info: info.id)

    discovery = discover(options.paths, exclude=options.exclude, parameters=options.parameters)
    result.errors.extend(discovery.errors)
    for job in _jobs(discovery, options):
        unit = _load_unit(job, options)
        result.files += len(unit.files) or 1
        result.errors.extend(unit.errors)
        if not unit.resources:
            continue
        findings, errors = _lint_unit(unit, rules, options)
        result.resources += sum(1 for r in unit.resources if not r.derived)
        result.findings.extend(findings)
        result.errors.extend(errors)
    result.findings.sort(key=Finding.sort_key)
    return result


def _jobs(discovery, options: CheckOptions):
    for arm in discovery.arm:
        yield ("arm", arm.template, arm.parameters)
    for bicep in discovery.bicep:
        yield ("bicep", bicep.path, getattr(bicep, "parameters", None))
    for terraform in discovery.terraform:
        yield ("terraform", terraform.directory, terraform.files)


def _load_unit(job, options: CheckOptions) -> Unit:
    kind, path, extra = job
    try:
        if kind == "arm":
            from linter.frontends.arm.template import load_arm

            return load_arm(path, extra)
        if kind == "bicep":
            from linter.frontends.bicep import load_bicep

            return load_bicep(path, extra)
        from linter.frontends.terraform import load_terraform

        return load_terraform(path, extra, var_files=options.var_files, variables=options.variables)
    except Exception as exc:  # contain frontend bugs: report and go on
        return Unit(path=path, format=kind, errors=[_internal_error(path, f"reading {kind} input", exc, options)])


def _lint_unit(unit: Unit, rules, options: CheckOptions) -> tuple[list[Finding], list[InputError]]:
    from linter.rules.engine import run_rules

    try:
        model = build_model(unit.resources)
        outcome = run_rules(model, rules)
    except Exception as exc:
        return [], [_internal_error(unit.path, "checking rules", exc, options)]
    errors = [
        InputError(file=unit.path, message=f"internal error in rule {err}", kind="error")
        for err in outcome.internal_errors
    ]
    return merge_copy_instances(outcome.findings), errors


def merge_copy_instances(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and written location: copies of a loop are listed, not repeated."""
    groups: dict[tuple, list[Finding]] = {}
    for finding in findings:
        loc = finding.location
        key = (finding.rule.id, loc.file, loc.line, loc.column, finding.undecided)
        groups.setdefault(key, []).append(finding)
    merged = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1:
            names = list(dict.fromkeys(f.resource.display_name for f in group))
            first.instances = names
            listed = f": {', '.join(names)}" if len(names) == len(group) else ""
            first.message = f"{first.message} ({len(group)} instances{listed})"
        merged.append(first)
    return merged


def _internal_error(path: str, doing: str, exc: Exception, options: CheckOptions) -> InputError:
    message = f"internal error while {doing}: {type(exc).__name__}: {exc}"
    if options.debug:
        message += "\n" + traceback.format_exc()
    else:
        message += " (run with --debug for the traceback)"
    return InputError(file=path, message=message, kind="error")
