"""Project configuration: find, read and validate `.azlint.toml` or `[tool.azlint]`, and merge the command line.

Layers, lowest first: built-in defaults < the config file < the command line.
`load_config(start)` walks up from the linted path to the filesystem root; in
each folder `.azlint.toml` is tried before `pyproject.toml`, and the first file
that holds azlint settings wins (a `pyproject.toml` without `[tool.azlint]` is
passed over). Every key and value type is checked: a mistake is a
`ConfigError` naming the file and the key, never a silent default.

Paths in the file (`parameters`, `var-files`, `rules-dir`) are relative to the
folder of the config file and are returned resolved against it; glob patterns
(`exclude`, `per-file-ignores`) stay as written and are matched relative to
`Config.root`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from linter.findings import LEVELS, Finding

CONFIG_FILE = ".azlint.toml"
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "note", "never")


class ConfigError(Exception):
    """A config file that cannot be used: `path: key 'x': message`."""

    def __init__(self, file: str, key: str | None, message: str) -> None:
        super().__init__(message)
        self.file, self.key, self.message = file, key, message

    def __str__(self) -> str:
        where = f"{self.file}: key '{self.key}'" if self.key else self.file
        return f"{where}: {self.message}"


@dataclass
class Config:
    """The settings one config file holds; None / empty means "not set"."""

    source: str | None = None  # the file the settings came from
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    severity: dict[str, str] = field(default_factory=dict)  # id or slug -> level
    exclude: list[str] = field(default_factory=list)
    fail_on: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)  # template -> parameter file
    var_files: list[str] = field(default_factory=list)
    rules_dirs: list[str] = field(default_factory=list)
    show_undecided: bool | None = None
    rule_options: dict[str, dict] = field(default_factory=dict)  # id or slug -> {option: value}

    @property
    def root(self) -> str:
        """The folder relative paths and globs of this config are taken from."""
        return os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()


# --- discovery -------------------------------------------------------------


def find_config_file(start: str) -> tuple[str, dict] | None:
    """(path, azlint table) of the nearest config file at or above `start`, or None."""
    directory = os.path.abspath(start)
    if not os.path.isdir(directory):
        directory = os.path.dirname(directory)
    while True:
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                table = _azlint_table(candidate, _read_toml(candidate))
                if table is not None:
                    return candidate, table
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_config(start: str) -> Config:
    """The config that applies to `start` (a file or folder); an empty Config when there is none."""
    found = find_config_file(start)
    if found is None:
        return Config()
    return parse_config(*found)


def load_config_file(path: str) -> Config:
    """Read one named config file (`--config FILE`); `.azlint.toml`-style or a pyproject."""
    data = _read_toml(path)
    table = _azlint_table(path, data)
    return parse_config(path, table if table is not None else {})


def _read_toml(path: str) -> dict:
    try:  # imported here: most runs find no config file and never need it
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read config file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"invalid TOML: {exc}") from None


def _azlint_table(path: str, data: dict) -> dict | None:
    if os.path.basename(path) != PYPROJECT:
        return data
    tool = data.get("tool")
    if not isinstance(tool, dict) or "azlint" not in tool:
        return None
    if not isinstance(tool["azlint"], dict):
        raise ConfigError(path, "tool.azlint", "must be a table")
    return tool["azlint"]


# --- validation ------------------------------------------------------------


def parse_config(path: str, table: dict) -> Config:
    """Validate an azlint settings table read from `path`."""
    return _Parser(path, table).parse()


class _Parser:
    def __init__(self, path: str, table: dict) -> None:
        self.path, self.table = path, table
        self.base = os.path.dirname(os.path.abspath(path))

    def fail(self, key: str, message: str):
        raise ConfigError(self.path, key, message)

    def parse(self) -> Config:
        handlers = {
            "select": lambda v: {"select": self.strings("select", v)},
            "ignore": lambda v: {"ignore": self.strings("ignore", v)},
            "per-file-ignores": lambda v: {"per_file_ignores": self.per_file_ignores(v)},
            "severity": lambda v: {"severity": self.severity(v)},
            "exclude": lambda v: {"exclude": self.strings("exclude", v)},
            "fail-on": lambda v: {"fail_on": self.choice("fail-on", v, FAIL_ON)},
            "parameters": lambda v: {"parameters": self.parameters(v)},
            "var-files": lambda v: {"var_files": [self.resolve(p) for p in self.strings("var-files", v)]},
            "rules-dir": lambda v: {"rules_dirs": self.rules_dirs(v)},
            "show-undecided": lambda v: {"show_undecided": self.boolean("show-undecided", v)},
            "rule-options": lambda v: {"rule_options": self.rule_options(v)},
        }
        values: dict = {}
        for key, value in self.table.items():
            handler = handlers.get(key)
            if handler is None:
                self.fail(key, f"unknown key; expected one of {', '.join(sorted(handlers))}")
            values.update(handler(value))
        return Config(source=self.path, **values)

    def resolve(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.base, path))

    def strings(self, key: str, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, "must be a list of non-empty strings")
        return [v.strip() for v in value]

    def table_of(self, key: str, value: object) -> dict:
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        return value

    def choice(self, key: str, value: object, choices: tuple) -> str:
        if value not in choices:
            self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {value!r}")
        return value

    def per_file_ignores(self, value: object) -> dict[str, list[str]]:
        table = self.table_of("per-file-ignores", value)
        return {glob: self.strings(f"per-file-ignores.{glob}", ids) for glob, ids in table.items()}

    def severity(self, value: object) -> dict[str, str]:
        table = self.table_of("severity", value)
        return {rule: self.choice(f"severity.{rule}", level, LEVELS) for rule, level in table.items()}

    def parameters(self, value: object) -> dict[str, str]:
        pairs = {}
        for template, params in self.table_of("parameters", value).items():
            if not isinstance(params, str) or not params.strip():
                self.fail(f"parameters.{template}", "must be a parameter file path")
            pairs[self.resolve(template)] = self.resolve(params)
        return pairs

    def rules_dirs(self, value: object) -> list[str]:
        items = [value] if isinstance(value, str) else value
        return [self.resolve(p) for p in self.strings("rules-dir", items)]

    def rule_options(self, value: object) -> dict[str, dict]:
        options = {}
        for rule, table in self.table_of("rule-options", value).items():
            options[rule] = dict(self.table_of(f"rule-options.{rule}", table))
        return options


def validate_rule_names(config: Config, ruleset, extra: tuple[str, ...] = ()) -> None:
    """Every id/slug/prefix the config names must match a loaded rule (or one of `extra`, e.g. AZ001)."""
    path = config.source or "<config>"

    def known(selector: str) -> bool:
        lowered = selector.lower()
        return bool(ruleset.match(selector)) or any(
            lowered == e.lower() or e.lower().startswith(lowered) for e in extra
        )

    named = [("select", s) for s in config.select or []] + [("ignore", s) for s in config.ignore]
    named += [(f"per-file-ignores.{g}", s) for g, ids in config.per_file_ignores.items() for s in ids]
    named += [(f"severity.{s}", s) for s in config.severity]
    for key, selector in named:
        if not known(selector):
            raise ConfigError(path, key, f"unknown rule {selector!r}; `azlint rules` lists them")


def validate_rule_options(config: Config, ruleset) -> dict[str, dict]:
    """`[rule-options.X]` checked against the rules' declared options; returns {rule id: options}.

    The result is what `linter.rules.engine.run_rules(..., options_override=...)` takes.
    An option must exist in the rule's `[options]` and keep its value's type.
    """
    path = config.source or "<config>"
    resolved: dict[str, dict] = {}
    for name, options in config.rule_options.items():
        rule = ruleset.get(name)
        if rule is None:
            raise ConfigError(path, f"rule-options.{name}", "unknown rule; `azlint rules` lists them")
        for option, value in options.items():
            key = f"rule-options.{name}.{option}"
            if option not in rule.options:
                declared = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(path, key, f"rule {rule.id} has no option {option!r} (its options: {declared})")
            if not _same_shape(rule.options[option], value):
                raise ConfigError(path, key, f"must be {_shape_name(rule.options[option])} like the default "
                                             f"{rule.options[option]!r}")
        resolved.setdefault(rule.id, {}).update(options)
    return resolved


def _same_shape(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        if not isinstance(value, list):
            return False
        kinds = {type(v) for v in default}
        return not kinds or all(type(v) in kinds for v in value)
    return isinstance(value, type(default))


def _shape_name(default: object) -> str:
    if isinstance(default, list):
        kinds = sorted({type(v).__name__ for v in default}) or ["any"]
        return f"a list of {'/'.join(kinds)}"
    return f"a {type(default).__name__}"


# --- merging with the command line ----------------------------------------

_LIST_FIELDS = ("select", "ignore", "exclude", "var_files", "rules_dirs")


def merge(config: Config, cli: dict) -> Config:
    """The effective settings: `cli` values override the config's.

    `cli` uses the Config field names; a missing key, None or an empty list
    means "not given on the command line". Lists given on the command line
    replace the config's; `parameters`, `severity` and `rule_options` are
    merged per key, the command line winning.
    """
    changes: dict = {}
    for name in _LIST_FIELDS:
        value = cli.get(name)
        if value:
            changes[name] = list(value)
    for name in ("fail_on", "show_undecided"):
        if cli.get(name) is not None:
            changes[name] = cli[name]
    for name in ("parameters", "severity", "rule_options", "per_file_ignores"):
        if cli.get(name):
            changes[name] = {**getattr(config, name), **cli[name]}
    return replace(config, **changes)


# --- applying the finding-level settings -----------------------------------


def selector_matches(selector: str, rule) -> bool:
    """An id (`AZ804`), slug (`nsg-management-ports-open`) or id prefix (`AZ8`) naming `rule` (a RuleInfo)."""
    lowered = selector.strip().lower()
    return bool(lowered) and (rule.slug.lower() == lowered or rule.id.lower().startswith(lowered))


def _relative(file: str, root: str) -> str:
    absolute = os.path.abspath(file)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return PurePath(absolute).as_posix()
    return PurePath(rel).as_posix()


def glob_regex(glob: str) -> re.Pattern:
    """Gitignore-like: `*` stays in one folder, `**` crosses folders; a pattern without `/`
    matches at any depth; a pattern naming a folder covers everything in it."""
    pattern = glob.strip()
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            char = pattern[i]
            out.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "(?:/.*)?", re.S)


def _glob_matches(glob: str, rel: str) -> bool:
    return glob_regex(glob).fullmatch(rel) is not None


def ignored_rules_for(config: Config, file: str) -> list[str]:
    """The selectors `per-file-ignores` applies to `file`."""
    rel = _relative(file, config.root)
    return [s for glob, ids in config.per_file_ignores.items() if _glob_matches(glob, rel) for s in ids]


def apply_config(findings: list[Finding], config: Config) -> list[Finding]:
    """Drop findings `per-file-ignores` covers and apply `severity` overrides (in place)."""
    kept = []
    cache: dict[str, list[str]] = {}
    for finding in findings:
        file = finding.location.file
        if file not in cache:
            cache[file] = ignored_rules_for(config, file)
        if any(selector_matches(s, finding.rule) for s in cache[file]):
            continue
        level = severity_for(config, finding.rule)
        if level is not None:
            finding.severity = level
        kept.append(finding)
    return kept


def severity_for(config: Config, rule) -> str | None:
    """The configured level for `rule` (exact id or slug beats a prefix); None when not configured."""
    best: tuple[int, str] | None = None
    for selector, level in config.severity.items():
        if selector_matches(selector, rule):
            exact = selector.lower() in (rule.id.lower(), rule.slug.lower())
            rank = 10_000 if exact else len(selector)
            if best is None or rank > best[0]:
                best = (rank, level)
    return best[1] if best else None
