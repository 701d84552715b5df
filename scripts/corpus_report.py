"""Corpus report: how well azlint reads a folder of real templates, and what it finds there.

Usage: python scripts/corpus_report.py [--strict] [--markdown] [--allow FILE] [--jobs N] PATH...

Each PATH is one corpus (one row of the report): a folder, a file, or a glob
pattern such as `../shared/corpus/avm/**/main.json` (quote it). For each it
prints files read, templates (deployment units), resources, resources with
any `Unknown` value, expressions that failed to evaluate grouped by function
(or by kind of failure), functions azlint does not implement, and input
errors. `--markdown` prints a findings-per-rule table (decided / undecided)
instead. `--strict` exits 1 when an input error's file is not in the
allow-list (`tests/corpus/allowed-input-errors.toml`: path -> reason) or when
any value is unknown because a function is not implemented.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linter.check import CheckOptions, run_check, units_loaded_as_modules  # noqa: E402
from linter.discover import discover  # noqa: E402
from linter.lint_unit import Job, load_unit  # noqa: E402
from linter.model import InputError, Unknown  # noqa: E402

DEFAULT_ALLOW = ROOT / "tests" / "corpus" / "allowed-input-errors.toml"

# Bicep functions whose value is unknowable by design (not missing from azlint)
BICEP_UNKNOWABLE = {"loadtextcontent", "loadjsoncontent", "loadyamlcontent", "loadfileasbase64", "loaddirectory",
                    "readenvironmentvariable", "getsecret", "externalinput", "deployer", "newguid", "utcnow"}

_ARM_FAILURE = re.compile(r"^cannot evaluate \[.*?(?:\]|\.\.\.): (?P<rest>.*)$", re.S)
_OFFSET = re.compile(r" at offset \d+$")
_UNKNOWN_FUNCTION = re.compile(r"^unknown function '(?P<name>[^']+)'")
_FUNCTION_PREFIX = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?:\(\))?: ")
_QUOTED = re.compile(r"'[^']*'")
_KINDS = (("cannot read property", "property access"), ("the object has no property", "property access"),
          ("index ", "indexing"), ("cannot index", "indexing"), ("syntax error", "syntax"))
_TF_UNEVALUATED = re.compile(r"^function (?P<name>[\w:]+)\(\) is not evaluated$")
_BICEP_UNEVALUATED = re.compile(r"^(?P<name>[\w.]+)\(\) is not evaluated$")


@dataclass
class UnitReport:
    """What the frontend made of one deployment unit (plain data: it crosses process boundaries)."""

    job: Job
    files: list[str] = field(default_factory=list)
    resources: int = 0
    unknown_resources: int = 0
    unevaluated: list[str] = field(default_factory=list)  # names of functions azlint does not implement


@dataclass
class CorpusReport:
    """One corpus (one PATH argument): `azlint check` over it, and what the frontends made of it."""

    label: str
    files: int = 0
    templates: int = 0
    resources: int = 0
    unknown_resources: int = 0
    findings: Counter = field(default_factory=Counter)  # (rule id, undecided) -> count
    failures: Counter = field(default_factory=Counter)  # failure group -> count
    unimplemented: Counter = field(default_factory=Counter)  # function name -> count
    input_errors: list[InputError] = field(default_factory=list)
    notes: int = 0

    def add_result(self, result) -> None:
        """Findings, files, resources and errors of a `run_check` RunResult."""
        self.files, self.resources = result.files, result.resources
        self.findings.update((f.rule.id, f.undecided) for f in result.findings if not f.suppressed)
        for error in result.errors:
            group = failure_group(error.message)
            if group is not None:
                self.failures[group] += 1
            name = unknown_function_name(error.message)
            if name is not None:
                self.unimplemented[name] += 1
            if error.kind == "error":
                self.input_errors.append(error)
            else:
                self.notes += 1

    def add_unit(self, unit: UnitReport) -> None:
        self.templates += 1
        self.unknown_resources += unit.unknown_resources
        self.unimplemented.update(unit.unevaluated)


# --- classifying failures ---------------------------------------------------


def failure_group(message: str) -> str | None:
    """`function: kind` for an expression that failed to evaluate; None for other input errors."""
    match = _ARM_FAILURE.match(message)
    if match is None:
        return None
    rest = _OFFSET.sub("", match.group("rest"))
    unknown = _UNKNOWN_FUNCTION.match(rest)
    if unknown:
        return f"{unknown.group('name')}: unknown function"
    prefixed = _FUNCTION_PREFIX.match(rest)
    if prefixed:
        return f"{prefixed.group('name')}: {_QUOTED.sub('…', rest[prefixed.end():])}"
    if rest.startswith(("parameter '", "variable ", "function ")) and "not declared" in rest:
        return rest.split(" ", 1)[0] + "s(): not declared"
    for start, label in _KINDS:
        if rest.startswith(start):
            return f"({label}): {_QUOTED.sub('…', rest)}"
    return f"(expression): {_QUOTED.sub('…', rest)}"


def unknown_function_name(message: str) -> str | None:
    match = _ARM_FAILURE.match(message)
    if match is None:
        return None
    unknown = _UNKNOWN_FUNCTION.match(_OFFSET.sub("", match.group("rest")))
    return unknown.group("name") if unknown else None


def unimplemented_function(reason: str, fmt: str) -> str | None:
    """The function an Unknown's reason says azlint could not evaluate because it lacks it."""
    if fmt == "terraform":
        match = _TF_UNEVALUATED.match(reason)
        return match.group("name") if match else None
    if fmt == "bicep":
        match = _BICEP_UNEVALUATED.match(reason)
        if match and match.group("name").lower() not in BICEP_UNKNOWABLE:
            return match.group("name")
        return None
    match = _UNKNOWN_FUNCTION.match(reason.removeprefix("expression error: "))
    return match.group("name") if match else None


def unknown_reasons(value: object):
    """Every Unknown's reason inside a value."""
    if isinstance(value, Unknown):
        yield value.reason
    elif isinstance(value, dict):
        for item in value.values():
            yield from unknown_reasons(item)
    elif isinstance(value, list):
        for item in value:
            yield from unknown_reasons(item)


# --- running ------------------------------------------------------------------


def expand(path: str) -> list[str]:
    """A PATH argument as paths for discovery (a glob pattern is expanded, sorted)."""
    if any(ch in path for ch in "*?["):
        return sorted(glob.glob(path, recursive=True))
    return [path]


def jobs_for(paths: list[str]) -> list[Job]:
    found = discover(paths)
    jobs = [Job("arm", a.template, a.parameters) for a in found.arm]
    jobs += [Job("bicep", b.path, b.parameters) for b in found.bicep]
    return jobs + [Job("terraform", t.directory, tuple(t.files)) for t in found.terraform]


def measure_unit(job: Job, options: CheckOptions) -> UnitReport:
    """Load one unit and count its resources with an Unknown value, and the functions it lacks."""
    unit = load_unit(job, options)
    out = UnitReport(job=job, files=unit.files or [job.path])
    declared = [r for r in unit.resources if not r.derived]
    out.resources = len(declared)
    for resource in declared:
        reasons = list(unknown_reasons(resource.body))
        if isinstance(resource.name, Unknown):
            reasons.append(resource.name.reason)
        out.unknown_resources += bool(reasons)
        if unit.format != "arm":  # ARM reports an unknown function as a note, counted from there
            out.unevaluated += [n for n in (unimplemented_function(r, unit.format) for r in reasons) if n]
    return out


_STATE: dict = {}


def _init_worker(options: CheckOptions) -> None:
    _STATE["options"] = options


def _measure_in_worker(job: Job) -> UnitReport:
    return measure_unit(job, _STATE["options"])


def _measure_all(units: list[Job], options: CheckOptions, jobs: int) -> list[UnitReport]:
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    if workers <= 1 or len(units) < 16:
        return [measure_unit(job, options) for job in units]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(min(workers, len(units)), mp_context=context, initializer=_init_worker,
                             initargs=(options,)) as pool:
        return list(pool.map(_measure_in_worker, units, chunksize=max(1, len(units) // (workers * 8))))


def analyse(label: str, paths: list[str], jobs: int = 0) -> CorpusReport:
    """`azlint check --show-undecided` over `paths`, plus a frontend-only pass for the unknowns."""
    report = CorpusReport(label)
    if not paths:
        return report
    options = CheckOptions(paths=paths, show_undecided=True, jobs=jobs)
    report.add_result(run_check(options))  # sets options.root, which module loading needs below
    units = _measure_all(jobs_for(paths), options, jobs)
    modules = units_loaded_as_modules(units)
    for index, unit in enumerate(units):
        if index not in modules:  # linted where it is used, as check does
            report.add_unit(unit)
    return report


# --- allow-list and strictness --------------------------------------------------


def load_allow_list(path: Path) -> dict[str, str]:
    """path (relative to the corpus root, POSIX) -> why that file is really invalid."""
    if not path.is_file():
        return {}
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return {str(k): str(v) for k, v in data.get("files", {}).items()}


def corpus_relative(file: str) -> str:
    """A path made relative to the corpus root (the folder holding arm-quickstart, avm...)."""
    parts = Path(os.path.abspath(file)).parts
    if "corpus" in parts:
        at = len(parts) - 1 - parts[::-1].index("corpus")
        return "/".join(parts[at + 1:])
    return Path(file).as_posix()


def strict_problems(reports: list[CorpusReport], allowed: dict[str, str]) -> list[str]:
    problems = []
    for report in reports:
        for error in report.input_errors:
            if corpus_relative(error.file) not in allowed:
                problems.append(f"input error not in the allow-list: {error}")
        for name, count in sorted(report.unimplemented.items()):
            problems.append(f"{report.label}: function '{name}' is not implemented ({count} uses)")
    return problems


# --- printing -------------------------------------------------------------------


def summary_table(reports: list[CorpusReport]) -> str:
    head = ("corpus", "files", "templates", "resources", "w/ unknown", "expr failures", "unimplemented",
            "input errors", "notes")
    rows = [head] + [
        (r.label, str(r.files), str(r.templates), str(r.resources), str(r.unknown_resources),
         str(sum(r.failures.values())), str(sum(r.unimplemented.values())), str(len(r.input_errors)), str(r.notes))
        for r in reports
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
             for row in rows]
    return "\n".join(lines)


def details(report: CorpusReport, allowed: dict[str, str]) -> str:
    lines = []
    if report.failures:
        lines.append(f"{report.label}: expressions that failed to evaluate, by function")
        lines += [f"  {count:5}  {group}" for group, count in sorted(report.failures.items(), key=lambda i: (-i[1], i[0]))]
    if report.unimplemented:
        lines.append(f"{report.label}: functions not implemented")
        lines += [f"  {count:5}  {name}" for name, count in sorted(report.unimplemented.items())]
    if report.input_errors:
        lines.append(f"{report.label}: input errors")
        for error in report.input_errors:
            reason = allowed.get(corpus_relative(error.file))
            lines.append(f"  {error}" + (f"  [allowed: {reason}]" if reason else ""))
    return "\n".join(lines)


def markdown_table(reports: list[CorpusReport]) -> str:
    """Rule x corpus: `decided / undecided` findings (findings with `--show-undecided`)."""
    rules = sorted({rule for r in reports for rule, _ in r.findings})
    lines = ["| rule | " + " | ".join(r.label for r in reports) + " |",
             "|---|" + "---:|" * len(reports)]
    for rule in rules:
        cells = [f"{r.findings[(rule, False)]} / {r.findings[(rule, True)]}" for r in reports]
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    totals = [f"{sum(c for (_, u), c in r.findings.items() if not u)} / "
              f"{sum(c for (_, u), c in r.findings.items() if u)}" for r in reports]
    lines.append("| **all** | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def label_of(path: str) -> str:
    return corpus_relative(path) if "corpus" in Path(os.path.abspath(path)).parts else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a folder, file or quoted glob pattern per corpus")
    parser.add_argument("--strict", action="store_true", help="exit 1 on unlisted input errors or unknown functions")
    parser.add_argument("--markdown", action="store_true", help="print the findings-per-rule markdown table")
    parser.add_argument("--allow", type=Path, default=DEFAULT_ALLOW, help="allow-list of invalid files (TOML)")
    parser.add_argument("--jobs", type=int, default=0, help="processes (0: one per core)")
    args = parser.parse_args(argv)
    allowed = load_allow_list(args.allow)
    reports = [analyse(label_of(p), expand(p), args.jobs) for p in args.paths]
    if args.markdown:
        print(markdown_table(reports))
    else:
        print(summary_table(reports))
        for report in reports:
            text = details(report, allowed)
            if text:
                print(text)
    if args.strict:
        problems = strict_problems(reports, allowed)
        for problem in problems:
            print(f"strict: {problem}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
