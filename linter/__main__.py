"""`python -m linter` and the `azlint` command: a plain `azlint check` starts without click.

pre-commit runs `azlint check FILE...` on every commit, and importing click is
10-15 ms of a start-up budget of 200 ms. So a `check` command line made only of
paths and options in their plain spellings is parsed here into the same
values click would give, and run by `linter.check.run_command`. Everything
else -- another command, help, an option spelled another way, a value click
would reject -- goes to the click command line (linter.cli), which parses the
arguments again from the start. So does a run that would print anything but
its report (a usage problem, a configuration error, a warning): nothing has
been printed at that point, so click can redo it and word it as always.
"""

from __future__ import annotations

import os
import re
import stat
import sys


class _UseClick(Exception):
    """This run must go through the click command line."""


# option -> (parameter, kind): flag; choice:NAME; int (0 or more); many (repeatable text);
# path:LIMIT / many-path:LIMIT with click.Path's limits (file: not a folder, folder: not a file,
# output: not a folder and writable). tests/test_cli.py checks this table against linter.cli.
_FORMATS = ("text", "json", "sarif", "junit", "github")
_FAIL_ON = ("error", "warning", "note", "never")
_OPTIONS = {
    "--format": ("fmt", "choice:format"),
    "--output": ("output", "path:output"),
    "-o": ("output", "path:output"),
    "--fail-on": ("fail_on", "choice:fail-on"),
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--show-undecided": ("show_undecided", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--parameters": ("parameters", "many"),
    "-p": ("parameters", "many"),
    "--rules-dir": ("rules_dir", "many-path:folder"),
    "--var-file": ("var_file", "many-path:file"),
    "--var": ("variables", "many"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--debug": ("debug", "flag"),
    "--config": ("config_file", "path:file"),
    "--baseline": ("baseline", "path:file"),
    "--write-baseline": ("write_baseline", "path:file"),
}
_CHOICES = {"format": _FORMATS, "fail-on": _FAIL_ON}


def quick_args(argv: list[str]) -> dict | None:
    """The parameters of a plain `check ...` command line as click would pass them; None for anything else."""
    if not argv or argv[0] != "check":
        return None
    params: dict = {"paths": [], "fmt": "text", "output": None, "fail_on": None, "select": [], "ignore": [],
                    "show_undecided": False, "quiet": False, "parameters": [], "rules_dir": [], "var_file": [],
                    "variables": [], "jobs": 0, "debug": False, "config_file": None, "baseline": None,
                    "write_baseline": None}  # click's defaults
    tokens = list(argv[1:])
    while tokens:
        token = tokens.pop(0)
        if token[:1] != "-" or token == "-":
            if not _path_ok(token):
                return None
            params["paths"].append(token)
            continue
        name, has_value, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name not in _OPTIONS:
            return None  # help, `--`, short options run together, unknown options
        param, kind = _OPTIONS[name]
        if kind == "flag":
            if has_value:
                return None
            params[param] = True
            continue
        if not has_value:
            if not tokens:
                return None
            value = tokens.pop(0)
        converted = _convert(kind, value)
        if converted is None:
            return None
        if kind.startswith("many"):
            params[param].append(converted)
        else:
            params[param] = converted
    if any("=" not in value for value in params["variables"]):
        return None
    return {key: tuple(value) if isinstance(value, list) else value for key, value in params.items()}


def _convert(kind: str, value: str):
    """`value` as click converts it for this kind of option, or None where click would refuse it."""
    if kind.startswith("choice:"):
        return value if value in _CHOICES[kind.split(":")[1]] else None
    if kind == "int":
        try:
            number = int(value)
        except ValueError:
            return None
        return number if number >= 0 else None
    if kind == "many":
        return value
    limit = kind.split(":")[1]
    ok = _path_ok(value, file_ok=limit != "folder", dir_ok=limit == "folder", writable=limit == "output")
    return value if ok else None


def _path_ok(value: str, file_ok: bool = True, dir_ok: bool = True, writable: bool = False) -> bool:
    """click.Path's checks: none for a path that does not exist; else its kind and access."""
    try:
        info = os.stat(value)
    except (OSError, ValueError):
        return True
    if (not file_ok and stat.S_ISREG(info.st_mode)) or (not dir_ok and stat.S_ISDIR(info.st_mode)):
        return False
    return os.access(value, os.R_OK) and (not writable or os.access(value, os.W_OK))


_ANSI = r"\033\[[;?0-9]*[a-zA-Z]"  # compiled only for output that holds an escape character


def _echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """click.echo for the report; anything for stderr means the run is not a plain one."""
    if err:
        raise _UseClick
    out = text + "\n" if nl else text
    if "\033" in out and not _isatty(sys.stdout):
        out = re.sub(_ANSI, "", out)  # as click.echo does when the output is not a terminal
    if out:
        sys.stdout.write(out)
    sys.stdout.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


def _plain_console() -> bool:
    """Where click.echo would write to stdout as it is (click rewraps an ASCII-only stream)."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        ascii_only = codecs.lookup(encoding).name == "ascii"
    except LookupError:
        ascii_only = False
    return os.name == "posix" and not ascii_only and "_AZLINT_COMPLETE" not in os.environ


def _run_quick(params: dict) -> int:
    from linter.check import CommandArgs, UsageProblem, run_command

    try:
        return run_command(CommandArgs(**params), _echo)
    except UsageProblem:
        raise _UseClick from None


def main() -> None:
    params = quick_args(sys.argv[1:]) if sys.stdout is not None and _plain_console() else None
    if params is not None:
        try:
            code = _run_quick(params)
        except _UseClick:
            pass
        except KeyboardInterrupt:
            sys.stderr.write("\nAborted!\n")  # as click reports it
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`| head`): quietly, as click does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        else:
            sys.exit(code)
    from linter.cli import main as click_main

    click_main()


if __name__ == "__main__":
    main()
