"""The `azlint` command line: `check`, `rules`, `explain`.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it;
2 usage or input errors (findings are still printed when some inputs failed).

`azlint check` itself is `linter.check.run_command`; a plain `check` command
line is run by linter.__main__ without importing this module (click costs
start-up time), so options are declared here and mirrored there.
"""

from __future__ import annotations

import sys

import click

from linter import __version__
from linter.check import FAIL_ON
from linter.report import FORMATS


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
def check(**params):
    """Lint PATHS (files or folders; default: the current folder)."""
    from linter.check import CommandArgs, UsageProblem, run_command

    try:
        code = run_command(CommandArgs(**params), click.echo)
    except UsageProblem as exc:
        if exc.param_hint:
            raise click.BadParameter(exc.message, param_hint=exc.param_hint) from exc
        raise click.UsageError(exc.message) from exc
    sys.exit(code)


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
