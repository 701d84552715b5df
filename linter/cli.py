"""The `azlint` command line: `check`, `rules`, `explain`.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it;
2 usage or input errors (findings are still printed when some inputs failed).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from linter import __version__

FAIL_ON = ("error", "warning", "note", "never")
FORMATS = ("text", "json", "sarif", "junit", "github")


def _parse_parameter_pairs(values: tuple[str, ...]) -> dict[str, str]:
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


def _parse_vars(values: tuple[str, ...]) -> dict[str, str]:
    variables = {}
    for value in values:
        if "=" not in value:
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="--var")
        name, raw = value.split("=", 1)
        variables[name.strip()] = raw
    return variables


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="azlint")
def main() -> None:
    """Lint Azure ARM, Bicep and Terraform templates against Microsoft's
    operational security best practices."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE (default: stdout).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, show_default="warning", help="Lowest level that fails the run (exit 1).")
@click.option("--select", multiple=True, help="Only these rules (ids, slugs or id prefixes like AZ8); repeatable or comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, slugs or prefixes); repeatable or comma-separated.")
@click.option("--show-undecided", is_flag=True, help="Also report checks that depend on values unknown before deployment, as notes.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option("--parameters", "-p", multiple=True, help="Parameter file for a template: PARAMS or TEMPLATE=PARAMS; repeatable.")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False), help="Load more rules from this folder; repeatable.")
@click.option("--var-file", multiple=True, type=click.Path(dir_okay=False), help="Terraform variable file; repeatable.")
@click.option("--var", "variables", multiple=True, help="Terraform variable NAME=VALUE; repeatable.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Lint in N processes (default: one per core; 1: none).")
@click.option("--debug", is_flag=True, help="Include tracebacks of internal errors.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this config file instead of the .azlint.toml or pyproject.toml found above the linted path.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report the findings recorded in this baseline file as suppressed: only new ones fail.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in this baseline file and exit 0.")
def check(paths, fmt, output, fail_on, select, ignore, show_undecided, quiet, parameters, rules_dir, var_file, variables, jobs, debug,
          config_file, baseline, write_baseline):
    """Lint PATHS (files or folders; default: the current folder)."""
    from linter.baseline import BaselineError
    from linter.check import CheckOptions, run_check
    from linter.config import ConfigError
    from linter.rules.loader import RuleLoadError, load_rules

    paths = list(paths) or ["."]
    try:
        settings = _settings(paths, config_file, select, ignore, fail_on, show_undecided, parameters, rules_dir, var_file)
    except ConfigError as exc:
        click.echo(f"azlint: {exc}", err=True)
        sys.exit(2)
    fail_on = settings.fail_on or "warning"
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
        baseline=baseline,
        variables=_parse_vars(variables),
        jobs=jobs,
        debug=debug,
    )
    missing = [p for p in options.paths if not os.path.exists(p)]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    try:
        named = options.select + options.ignore
        for old, new in load_rules(extra_dirs=options.rules_dirs).renamed(named) if named else ():
            click.echo(f"azlint: warning: rule {old!r} was renamed {new}; use the new name", err=True)
        result = run_check(options)
    except (RuleLoadError, ConfigError, BaselineError) as exc:
        click.echo(f"azlint: {exc}", err=True)
        sys.exit(2)
    except ValueError as exc:  # unknown rule in --select/--ignore
        raise click.UsageError(str(exc)) from exc
    if write_baseline:
        from linter.baseline import write_baseline as record

        count = record(write_baseline, result.findings)
        click.echo(f"azlint: recorded {count} finding(s) in {write_baseline}", err=True)
        sys.exit(0)

    if not quiet or output:
        from linter.report import render

        to_tty = output is None and sys.stdout.isatty()
        text = render(fmt, result, color=to_tty and fmt == "text" and "NO_COLOR" not in os.environ)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        elif not quiet:
            click.echo(text, nl=not text.endswith("\n"))
    sys.exit(exit_code(result, fail_on))


def _settings(paths, config_file, select, ignore, fail_on, show_undecided, parameters, rules_dir, var_file):
    """The config file's settings with the command line's on top (lists given here replace the config's)."""
    from linter.config import load_config, load_config_file, merge

    if config_file:
        config = load_config_file(config_file)
    else:
        config = load_config(paths[0] if len(paths) == 1 else ".")
    return merge(config, {
        "select": _split(select),
        "ignore": _split(ignore),
        "fail_on": fail_on,
        "show_undecided": True if show_undecided else None,
        "parameters": _parse_parameter_pairs(parameters),
        "rules_dirs": list(rules_dir),
        "var_files": list(var_file),
    })


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def exit_code(result, fail_on: str) -> int:
    from linter.findings import level_rank

    if result.input_errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = level_rank(fail_on)
    failing = [f for f in result.visible_findings if not f.undecided and level_rank(f.level) >= threshold]
    return 1 if failing else 0


@main.command("rules")
@click.option("--rules-dir", multiple=True, type=click.Path(file_okay=False), help="Also list rules from this folder.")
def list_rules(rules_dir):
    """List the rules: id, slug, severity and title."""
    from linter.rules.loader import RuleLoadError, load_rules

    try:
        ruleset = load_rules(builtin=True, extra_dirs=list(rules_dir))
    except RuleLoadError as exc:
        click.echo(f"azlint: {exc}", err=True)
        sys.exit(2)
    from linter.suppress import UNUSED_SUPPRESSION

    for info in sorted([*(rule.info for rule in ruleset), UNUSED_SUPPRESSION], key=lambda info: info.id):
        preview = " (preview)" if info.status == "preview" else ""
        click.echo(f"{info.id:<7} {info.slug:<40} {info.severity:<8} {info.title}{preview}")


@main.command()
@click.argument("rule")
def explain(rule):
    """Print the documentation of RULE (an id like AZ804 or a slug)."""
    from linter.rules.docs import render_markdown
    from linter.rules.loader import load_rules

    ruleset = load_rules(builtin=True)
    from linter.suppress import UNUSED_SUPPRESSION, names_rule

    found = ruleset.find(rule)
    if moved := ruleset.redirect(rule):
        click.echo(f"azlint: warning: {moved[0]!r} was renamed {moved[1]}", err=True)
    if found is None and names_rule(rule, UNUSED_SUPPRESSION):
        click.echo(render_markdown(UNUSED_SUPPRESSION))
        return
    if found is None:
        raise click.UsageError(f"unknown rule {rule!r}; `azlint rules` lists them")
    click.echo(render_markdown(found.info))
