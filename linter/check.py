"""One `azlint check` run: discover -> lint each unit (in parallel when many) -> RunResult.

Frontends are imported lazily, so linting only Terraform never loads the
Bicep grammar. A failure inside one unit (a frontend bug, a rule bug) becomes
an input error naming the file, and the run goes on with the other files.

`run_command` is the whole `azlint check` command from its parsed arguments to
the exit code, without click: linter.cli wraps it for click, and
linter.__main__ calls it directly for a plain command line (start-up time).
"""

from __future__ import annotations

import gc
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from linter.config import Config
from linter.findings import Finding
from linter.lint_unit import Job, UnitOutcome, lint_unit, make_portable, merge_copy_instances
from linter.result import RunResult

# Below this many units a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16
FAIL_ON = ("error", "warning", "note", "never")


@dataclass
class CheckOptions:
    """Everything one check run needs, with the config file already merged in."""

    paths: list[str] = field(default_factory=lambda: ["."])
    parameters: dict[str, str] = field(default_factory=dict)  # template -> parameter file
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    show_undecided: bool = False
    rules_dirs: list[str] = field(default_factory=list)
    var_files: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    rule_options: dict[str, dict] = field(default_factory=dict)  # rule id -> option overrides
    jobs: int = 0  # 0: one per core; 1: no parallelism
    root: str | None = None  # modules and loaded files must stay inside it; default: see lint_root()
    debug: bool = False
    config: Config | None = None  # per-file-ignores, severity, rule-options (the rest is merged in above)
    baseline: str | None = None  # a baseline file: the findings it records are reported as suppressed


def load_selected_rules(options: CheckOptions):
    """The rules this run applies, after --select/--ignore."""
    from linter.rules.loader import load_rules

    ruleset = load_rules(builtin=True, extra_dirs=options.rules_dirs)
    if options.config is not None:
        _check_config(options, ruleset)
    select = [s for s in options.select if not _names_only_meta_rules(s, ruleset)]
    ignore = [s for s in options.ignore if not _names_only_meta_rules(s, ruleset)]
    return ruleset.select(select if options.select else None, ignore or None)


def _check_config(options: CheckOptions, ruleset) -> None:
    """The config's rule names and `[rule-options]` checked against the loaded rules (ConfigError)."""
    from linter.config import validate_rule_names, validate_rule_options
    from linter.suppress import UNUSED_SUPPRESSION

    validate_rule_names(options.config, ruleset, extra=(UNUSED_SUPPRESSION.id, UNUSED_SUPPRESSION.slug))
    options.rule_options = {**validate_rule_options(options.config, ruleset), **options.rule_options}


def _names_only_meta_rules(selector: str, ruleset) -> bool:
    """AZ001 (unused-suppression) has no rule file: the rule set must not see selectors naming only it."""
    from linter.config import selector_matches
    from linter.suppress import UNUSED_SUPPRESSION

    return selector_matches(selector, UNUSED_SUPPRESSION) and not ruleset.match(selector)


def _unused_check_selected(options: CheckOptions) -> bool:
    from linter.config import selector_matches
    from linter.suppress import UNUSED_SUPPRESSION

    chosen = not options.select or any(selector_matches(s, UNUSED_SUPPRESSION) for s in options.select)
    return chosen and not any(selector_matches(s, UNUSED_SUPPRESSION) for s in options.ignore)


def apply_gates(result: RunResult, options: CheckOptions, linted: list[str]) -> None:
    """Inline suppressions (unused ones become AZ001), per-file ignores and severities, then the baseline."""
    from linter.suppress import UNUSED_SUPPRESSION, apply_suppressions

    check_unused = _unused_check_selected(options)
    unused = apply_suppressions(result.findings, active_rules=result.rules if check_unused else None,
                                files=linted)
    if check_unused:
        result.rules = sorted([*result.rules, UNUSED_SUPPRESSION], key=lambda info: info.id)
        result.findings.extend(unused)
    if options.config is not None:
        from linter.config import apply_config

        result.findings = apply_config(result.findings, options.config)
    if options.baseline:
        from linter.baseline import load_baseline

        load_baseline(options.baseline).filter(result.findings)


def run_check(options: CheckOptions) -> RunResult:
    from linter.discover import discover

    rules = load_selected_rules(options)
    result = RunResult(root=os.getcwd(), show_undecided=options.show_undecided)
    result.rules = sorted((rule.info for rule in rules), key=lambda info: info.id)

    if options.root is None:
        options.root = lint_root(options.paths)
    discovery = discover(options.paths, exclude=options.exclude, parameters=options.parameters)
    result.errors.extend(discovery.errors)
    jobs = list(_jobs(discovery))
    already_frozen = gc.get_freeze_count()
    try:
        outcomes = run_units(jobs, rules, options)
    finally:
        if not already_frozen:
            gc.unfreeze()  # what outlived the units is the collector's again (a library caller may run on)
    linted = sorted({file for outcome in outcomes for file in outcome.files})
    result.files = len(linted)
    seen_errors = set()
    modules = units_loaded_as_modules(outcomes)
    for index, outcome in enumerate(outcomes):
        for error in outcome.errors:  # a module's own errors show once, however many units load it
            key = (error.file, error.line, error.column, error.message)
            if key not in seen_errors:
                seen_errors.add(key)
                result.errors.append(error)
        if index in modules:
            continue  # its resources are linted where they are used, with the values passed in
        result.resources += outcome.resources
        result.findings.extend(outcome.findings)
    result.findings = merge_copy_instances(result.findings)
    apply_gates(result, options, linted)
    result.findings.sort(key=Finding.sort_key)
    return result


def lint_root(paths: list[str]) -> str:
    """The folder local modules and loaded files must stay inside.

    The git work tree that holds the first path, if any (a Terraform module
    in `modules/` used from `envs/prod/` is legitimate); else the current
    folder, or the common folder of the paths when they lie outside it.
    """
    from linter.filewalk import git_root

    first = os.path.abspath(paths[0] if paths else ".")
    repository = git_root(first if os.path.isdir(first) else os.path.dirname(first))
    if repository is not None:
        return repository
    cwd = os.getcwd()
    absolute = [os.path.abspath(p) for p in paths or ["."]]
    if all(os.path.commonpath([cwd, p]) == cwd for p in absolute):
        return cwd
    common = os.path.commonpath(absolute)
    return common if os.path.isdir(common) else os.path.dirname(common)


def units_loaded_as_modules(outcomes: list[UnitOutcome]) -> set[int]:
    """Indexes of the Terraform folders and Bicep files that another unit of this run loaded as a module."""
    from functools import lru_cache

    realpath = lru_cache(maxsize=None)(os.path.realpath)  # a shared module is loaded by many units
    loaded_by: dict[tuple[str, str], set[int]] = {}
    for index, outcome in enumerate(outcomes):
        for file in outcome.files:
            loaded_by.setdefault((outcome.job.kind, realpath(file)), set()).add(index)
    modules = set()
    for index, outcome in enumerate(outcomes):
        if outcome.job.kind == "arm":
            continue
        own = [(outcome.job.kind, realpath(f)) for f in _entry_files(outcome)]
        if own and set.intersection(*(loaded_by.get(key, set()) for key in own)) - {index}:
            modules.add(index)
    return modules


def _entry_files(outcome: UnitOutcome) -> list[str]:
    if outcome.job.kind == "terraform":
        return [f for f in outcome.files if f.endswith((".tf", ".tf.json"))
                and os.path.dirname(os.path.abspath(f)) == os.path.abspath(outcome.job.path)]
    return [outcome.job.path]


def _jobs(discovery):
    for arm in discovery.arm:
        yield Job("arm", arm.template, arm.parameters)
    for bicep in discovery.bicep:
        yield Job("bicep", bicep.path, bicep.parameters)
    for terraform in discovery.terraform:
        yield Job("terraform", terraform.directory, tuple(terraform.files))


def worker_count(options: CheckOptions, job_count: int) -> int:
    wanted = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    if wanted <= 1 or job_count < PARALLEL_THRESHOLD:
        return 1
    return min(wanted, job_count)


def run_units(jobs: list[Job], rules, options: CheckOptions) -> list[UnitOutcome]:
    """Lint every unit; outcomes in the order of `jobs`.

    A Bicep file that another unit of this run loads as a module is linted
    there, with the values passed in (`units_loaded_as_modules`), so the files
    that look like callers go first and a module they did load is not
    evaluated again on its own: on the corpus 629 of the 1,123 Bicep files are
    modules. Which files look like modules only orders the work; whether a
    unit is skipped is decided by the files the callers really loaded. A
    module with its own parameter file is still linted on its own (that file
    may hold errors of its own).
    """
    later = likely_bicep_modules(jobs)
    outcomes: list = [None] * len(jobs)
    first = [index for index in range(len(jobs)) if index not in later]
    for index, outcome in zip(first, _run_jobs([jobs[i] for i in first], rules, options), strict=True):
        outcomes[index] = outcome
    read = {file for outcome in outcomes if outcome is not None and outcome.job.kind == "bicep"
            for file in outcome.files}  # a module shared by many callers is resolved once
    loaded = {os.path.realpath(file) for file in read}
    rest = []
    for index in sorted(later):
        job = jobs[index]
        if job.extra is None and os.path.realpath(job.path) in loaded:
            outcomes[index] = UnitOutcome(job=job, files=[job.path])  # linted where it is used
        else:
            rest.append(index)
    for index, outcome in zip(rest, _run_jobs([jobs[i] for i in rest], rules, options), strict=True):
        outcomes[index] = outcome
    return outcomes


_BICEP_MODULE = re.compile(r"^[ \t]*module[ \t]+\w+[ \t]+'([^'$]+)'", re.MULTILINE)


def likely_bicep_modules(jobs: list[Job]) -> set[int]:
    """Indexes of the Bicep units that another Bicep file of the run names as a local module.

    A quick look at the text (comments and strings may mislead it): it only
    decides what is linted first.
    """
    bicep = {os.path.normpath(os.path.abspath(job.path)): index for index, job in enumerate(jobs)
             if job.kind == "bicep"}
    if len(bicep) < 2:
        return set()
    named = set()
    for path in bicep:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            continue
        if "module" not in text:
            continue
        folder = os.path.dirname(path)
        for target in _BICEP_MODULE.findall(text):
            named.add(os.path.normpath(os.path.join(folder, target)))
    return {bicep[path] for path in named if path in bicep}


def _run_jobs(jobs: list[Job], rules, options: CheckOptions):
    """Outcomes in the order of `jobs`, linted in worker processes when there are many."""
    workers = worker_count(options, len(jobs))
    if workers == 1:
        for job in jobs:
            yield lint_collected(job, rules, options)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        # Forked workers inherit what the parent has: its rules, and the frontends imported once here
        # rather than once per worker; frozen, those objects are not copied by the children's collections.
        _WORKER_STATE.update(rules=rules, options=options)
        _import_frontends({job.kind for job in jobs})
        gc.freeze()
        setup: dict = {}
    else:
        setup = {"initializer": _init_worker, "initargs": (options,)}
    outcomes: list = [None] * len(jobs)
    with ProcessPoolExecutor(workers, mp_context=context, **setup) as pool:
        chunks = guided_chunks(dispatch_order(jobs), workers)
        futures = [(chunk, pool.submit(_lint_in_worker, [jobs[index] for index in chunk])) for chunk in chunks]
        for chunk, future in futures:
            for index, outcome in zip(chunk, future.result(), strict=True):
                outcomes[index] = outcome
    yield from outcomes


# The costliest kind of unit first: on the corpus a Terraform folder took ~75 ms, a Bicep file with its
# modules ~11 ms, an ARM template ~4 ms. Started last, a few big units kept one worker busy while the
# others idled.
KIND_ORDER = ("terraform", "bicep", "arm")


def dispatch_order(jobs: list[Job]) -> list[int]:
    """Indexes of `jobs`, costliest kind first; within a kind in discovery order, so the units that
    share modules stay together and hit their worker's parse caches."""
    return sorted(range(len(jobs)), key=lambda index: KIND_ORDER.index(jobs[index].kind))


def guided_chunks(indexes: list[int], workers: int, parts: int = 4) -> list[list[int]]:
    """Consecutive runs of `indexes`, each a `workers * parts`-th of what is left: large chunks
    first (few round trips), then smaller and smaller ones, so all workers finish together."""
    chunks, start = [], 0
    while start < len(indexes):
        size = max(1, -(-(len(indexes) - start) // (workers * parts)))
        chunks.append(indexes[start:start + size])
        start += size
    return chunks


_WORKER_STATE: dict = {}


def _import_frontends(kinds: set[str]) -> None:
    if "arm" in kinds:
        import linter.frontends.arm.template  # noqa: F401
    if "bicep" in kinds:
        import linter.frontends.bicep  # noqa: F401
    if "terraform" in kinds:
        import linter.frontends.terraform  # noqa: F401


def _init_worker(options: CheckOptions) -> None:
    _WORKER_STATE["options"] = options
    _WORKER_STATE["rules"] = load_selected_rules(options)


def _lint_in_worker(jobs: list[Job]) -> list[UnitOutcome]:
    outcomes = []
    for job in jobs:
        outcome = lint_collected(job, _WORKER_STATE["rules"], _WORKER_STATE["options"])
        outcome.findings = make_portable(outcome.findings)
        outcomes.append(outcome)
    return outcomes


def lint_collected(job: Job, rules, options: CheckOptions) -> UnitOutcome:
    """`lint_unit` with the cyclic garbage collector kept to one pass over what the unit left.

    What outlives a unit (parse caches, rules, finished outcomes) was walked again by every
    collection, with nothing to free: on the corpus Bicep files ~40% of the CPU time. So no
    automatic collection runs while a unit is linted (reference counting frees what it drops;
    the ARM and Bicep frontends make no cycles, Terraform's few wait for the end of the unit),
    one collection afterwards frees the unit's cycles, and everything still alive is frozen
    (`gc.freeze`), so later collections never walk it again (`run_check` unfreezes it at the end).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return lint_unit(job, rules, options)
    finally:
        if enabled:
            gc.enable()
            gc.collect()  # walks only what this unit allocated: all that is older is frozen
        gc.freeze()


# --- the `azlint check` command ----------------------------------------------------------


class UsageProblem(Exception):
    """A command-line mistake; the command line shows it with its usage line (exit 2)."""

    def __init__(self, message: str, param_hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.param_hint = message, param_hint


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class CommandArgs(NamedTuple):
    """`azlint check`'s parameters as the command line gives them."""

    paths: tuple = ()
    fmt: str = "text"
    output: str | None = None
    fail_on: str | None = None
    select: tuple = ()
    ignore: tuple = ()
    show_undecided: bool = False
    quiet: bool = False
    parameters: tuple = ()
    rules_dir: tuple = ()
    var_file: tuple = ()
    variables: tuple = ()  # NAME=VALUE
    jobs: int = 0
    debug: bool = False
    config_file: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None


Echo = Callable[..., None]  # echo(text, err=False, nl=True), as click.echo


def run_command(args: CommandArgs, echo: Echo) -> int:
    """Run `azlint check` and return its exit code: 0 nothing at or above `--fail-on`,
    1 findings at or above it, 2 input, configuration or rule errors.

    Raises UsageProblem for a usage error, before anything is printed unless a
    renamed rule was named (its warning comes first).
    """
    from linter.config import ConfigError
    from linter.rules.loader import RuleLoadError, load_rules

    paths = list(args.paths) or ["."]
    try:
        settings = command_settings(paths, args)
    except ConfigError as exc:
        echo(f"azlint: {exc}", err=True)
        return 2
    options = CheckOptions(
        paths=paths,
        parameters=settings.parameters,
        select=list(settings.select or []),
        ignore=list(settings.ignore),
        show_undecided=bool(settings.show_undecided),
        rules_dirs=list(settings.rules_dirs),
        var_files=list(settings.var_files),
        exclude=list(settings.exclude),
        config=settings,
        baseline=args.baseline,
        variables=parse_vars(args.variables),
        jobs=args.jobs,
        debug=args.debug,
    )
    missing = [p for p in options.paths if not os.path.exists(p)]
    if missing:
        raise UsageProblem(f"no such file or folder: {', '.join(missing)}")
    try:
        named = options.select + options.ignore
        for old, new in load_rules(extra_dirs=options.rules_dirs).renamed(named) if named else ():
            echo(f"azlint: warning: rule {old!r} was renamed {new}; use the new name", err=True)
        result = run_check(options)
    except (RuleLoadError, ConfigError, *baseline_errors(args.baseline)) as exc:
        echo(f"azlint: {exc}", err=True)
        return 2
    except ValueError as exc:  # unknown rule in --select/--ignore
        raise UsageProblem(str(exc)) from exc
    if args.write_baseline:
        from linter.baseline import write_baseline as record

        count = record(args.write_baseline, result.findings)
        echo(f"azlint: recorded {count} finding(s) in {args.write_baseline}", err=True)
        return 0
    if not args.quiet or args.output:
        from linter.report import render

        to_tty = args.output is None and sys.stdout.isatty()
        text = render(args.fmt, result, color=to_tty and args.fmt == "text" and "NO_COLOR" not in os.environ)
        if args.output:
            from pathlib import Path

            Path(args.output).write_text(text, encoding="utf-8")
        elif not args.quiet:
            echo(text, nl=not text.endswith("\n"))
    return exit_code(result, settings.fail_on or "warning")


def baseline_errors(baseline: str | None) -> tuple:
    """BaselineError, when a baseline is read (only then is linter.baseline imported)."""
    if not baseline:
        return ()
    from linter.baseline import BaselineError

    return (BaselineError,)


def command_settings(paths: list[str], args: CommandArgs) -> Config:
    """The config file's settings with the command line's on top (lists given here replace the config's)."""
    from linter.config import load_config, load_config_file, merge

    if args.config_file:
        config = load_config_file(args.config_file)
    else:
        config = load_config(paths[0] if len(paths) == 1 else ".")
    return merge(config, {
        "select": split_selectors(args.select),
        "ignore": split_selectors(args.ignore),
        "fail_on": args.fail_on,
        "show_undecided": True if args.show_undecided else None,
        "parameters": parse_parameter_pairs(args.parameters),
        "rules_dirs": list(args.rules_dir),
        "var_files": list(args.var_file),
    })


def parse_parameter_pairs(values) -> dict[str, str]:
    """`TEMPLATE=PARAMS` or just `PARAMS` (its template named by stripping `.parameters...`)."""
    pairs = {}
    for value in values:
        if "=" in value:
            template, params = value.split("=", 1)
        else:
            params = value
            stem = re.sub(r"\.parameters(\.[^.]+)?\.jsonc?$", "", os.path.basename(value), flags=re.I)
            template = os.path.join(os.path.dirname(value), stem + ".json")
        pairs[os.path.normpath(template)] = os.path.normpath(params)
    return pairs


def parse_vars(values) -> dict[str, str]:
    variables = {}
    for value in values:
        if "=" not in value:
            raise UsageProblem(f"expected NAME=VALUE, got {value!r}", param_hint="--var")
        name, raw = value.split("=", 1)
        variables[name.strip()] = raw
    return variables


def split_selectors(values) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def exit_code(result: RunResult, fail_on: str) -> int:
    from linter.findings import level_rank

    if result.input_errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = level_rank(fail_on)
    failing = [f for f in result.visible_findings if not f.undecided and level_rank(f.level) >= threshold]
    return 1 if failing else 0
