"""Rule files -> validated, compiled `Rule` objects, and the `RuleSet` registry.

One rule per TOML file named `<ID>-<slug>.toml`. Every key is checked; any
problem (unknown key, missing key, bad value, duplicate id or slug, a
condition that does not parse) is a `RuleLoadError` naming the file and the
line (TOML reports no positions for values, so the key's line is found by
scanning the file text).

A folder that loaded without errors is kept in the user's cache
(`linter.rules.treecache`): the next run takes the parsed TOML and condition
trees from there and runs the same validation and compilation on them, so
it imports neither tomllib nor lark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from linter.findings import LEVELS, RuleInfo
from linter.model import format_position
from linter.resources import builtin_rules_dir
from linter.rules import treecache
from linter.rules.language import (
    Compiled,
    ConditionSyntaxError,
    Template,
    compile_expression,
    compile_for_each,
    compile_template,
    grammar_text,
)
from linter.rules.language import parse_plain as parse_condition

if TYPE_CHECKING:
    from linter.rules.tomlscan import KeyLocator

ID_RE = re.compile(r"^[A-Z]{2,}[0-9]{3,}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TOP_REQUIRED = ("id", "slug", "title", "severity", "docs", "check")
TOP_OPTIONAL = ("status", "guide-section", "help-uri", "security-severity", "options")
DOCS_KEYS = ("flags", "why", "noncompliant", "compliant", "fix", "references")
DOCS_OPTIONAL = ("formats",)  # input formats the rule applies to (default: all three)
FORMATS = ("arm", "bicep", "terraform")
CHECK_REQUIRED = ("resource-types", "condition", "message")
CHECK_OPTIONAL = ("for-each", "where", "let", "include-derived")
STATUSES = ("stable", "preview")
REDIRECTS_FILE = "redirects.toml"  # [redirects] old id or slug = "new id"; not a rule file


class RuleLoadError(Exception):
    """A rule file that cannot be used; names the file, line and column."""

    def __init__(self, file: str, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.file, self.message, self.line, self.column = file, message, line, column

    def __str__(self) -> str:
        return f"{format_position(self.file, self.line, self.column)}: {self.message}"


class UnknownRuleError(ValueError):
    """--select/--ignore named something that is neither a rule id, a slug nor an id prefix."""

    def __init__(self, selectors: list[str]) -> None:
        super().__init__("unknown rule " + ", ".join(repr(s) for s in selectors))
        self.selectors = selectors


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Check(NamedTuple):
    """One compiled `[[check]]` of a rule."""

    resource_types: frozenset  # lower-cased ARM types
    condition: Compiled
    message: Template
    for_each: tuple[str, Compiled] | None = None
    where: Compiled | None = None
    lets: tuple = ()  # ((name, Compiled), ...) in order
    include_derived: bool = False


@dataclass(frozen=True)
class Rule:
    """A loaded rule: its metadata, compiled checks and default options."""

    info: RuleInfo
    checks: tuple
    options: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def slug(self) -> str:
        return self.info.slug


class RuleSet:
    """The loaded rules, looked up by id, slug or id prefix (`AZ8`)."""

    def __init__(self, rules: list[Rule], redirects: dict | None = None) -> None:
        self.rules = sorted(rules, key=lambda r: r.id)
        self.by_id = {r.id.upper(): r for r in self.rules}
        self.by_slug = {r.slug.lower(): r for r in self.rules}
        self.redirects = {old.lower(): new for old, new in (redirects or {}).items()}

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        """The rule with this id or slug (case-insensitive), following a rename redirect."""
        found = self.by_id.get(key.upper()) or self.by_slug.get(key.lower())
        if found is None and key.lower() in self.redirects:
            found = self.by_id.get(self.redirects[key.lower()].upper())
        return found

    def redirect(self, key: str) -> tuple[str, str] | None:
        """(old, new id) when `key` names a renamed rule, so a caller can warn; else None."""
        new = self.redirects.get(key.lower())
        if new is None or self.by_id.get(key.upper()) or self.by_slug.get(key.lower()):
            return None
        return key, new

    def renamed(self, names) -> list[tuple[str, str]]:
        """(old, new id) for each of `names` that is a renamed rule's old name."""
        return [moved for moved in map(self.redirect, names) if moved is not None]

    find = get

    def match(self, selector: str) -> list[Rule]:
        """Rules named by an id, a slug, or an id prefix; [] when nothing matches."""
        exact = self.get(selector)
        if exact is not None:
            return [exact]
        prefix = selector.upper()
        return [r for r in self.rules if prefix and r.id.upper().startswith(prefix)]

    def unmatched(self, selectors) -> list[str]:
        return [s for s in selectors if not self.match(s)]

    def select(self, select=None, ignore=None) -> list[Rule]:
        """Rules chosen by `select` (all when None) minus those named in `ignore`.

        Raises UnknownRuleError (a ValueError) for a selector that names no rule.
        """
        ignore = list(ignore or ())
        unknown = self.unmatched(list(select or ()) + ignore)
        if unknown:
            raise UnknownRuleError(unknown)
        chosen = self.rules if select is None else [r for s in select for r in self.match(s)]
        dropped = {id(r) for s in ignore for r in self.match(s)}
        seen: set[int] = set()
        result = []
        for rule in chosen:
            if id(rule) not in dropped and id(rule) not in seen:
                seen.add(id(rule))
                result.append(rule)
        return sorted(result, key=lambda r: r.id)


@dataclass
class RuleFolder:
    """One folder's rules, with what the cache keeps of it."""

    path: Path
    rules: list[Rule]
    snapshot: treecache.FolderText | None  # the files as read (None when one could not be read)
    tables: dict  # relative path -> parsed rule file
    trees: treecache.TreeBook
    redirects: dict | None = None  # the parsed redirects file (None: the folder has none)
    redirects_read: bool = False
    unsaved: bool = True  # loaded from the files, or the cache missed a tree


def load_rules(builtin: bool = True, extra_dirs=()) -> RuleSet:
    """Load the built-in rules and any rule folders given; raises RuleLoadError."""
    folders = ([_builtin_folder()] if builtin else []) + [load_folder(Path(d)) for d in extra_dirs]
    rules: list[Rule] = [rule for folder in folders for rule in folder.rules]
    _check_unique(rules)
    redirects: dict[str, str] = {}
    for folder in folders:
        if not folder.redirects_read:
            folder.redirects, folder.redirects_read = read_redirects(folder.path / REDIRECTS_FILE), True
        redirects.update(check_redirects(folder.path / REDIRECTS_FILE, folder.redirects, rules))
    for folder in folders:
        _remember(folder)
    return RuleSet(rules, redirects)


@lru_cache(maxsize=1)
def _builtin_folder() -> RuleFolder:
    return load_folder(builtin_rules_dir())


def load_dir(directory: Path) -> list[Rule]:
    return load_folder(Path(directory)).rules


def load_folder(directory: Path) -> RuleFolder:
    """A folder's rules: from the cache when it holds exactly these files, else from the files."""
    if not directory.is_dir():
        raise RuleLoadError(str(directory), "rule folder not found")
    files = sorted(directory.rglob("*.toml"))
    snapshot = treecache.read_folder(directory, files, grammar_text())
    entry = treecache.load(snapshot) if snapshot is not None else None
    if entry is not None:
        try:
            return _build_folder(directory, files, snapshot, entry)
        except Exception:  # a damaged entry (or one this code no longer accepts): load from the files
            pass
    return _build_folder(directory, files, snapshot, None)


def _build_folder(directory: Path, files: list[Path], snapshot: treecache.FolderText | None,
                  entry: treecache.Entry | None) -> RuleFolder:
    book = treecache.TreeBook(parse_condition, dict(entry.trees) if entry else {})
    tables: dict = {}
    rules = []
    for path in files:
        if path.name == REDIRECTS_FILE:
            continue
        relative = path.relative_to(directory).as_posix()
        text = snapshot.texts[relative] if snapshot is not None else _read_rule_file(path)
        data = entry.tables[relative] if entry is not None else _parse_toml(str(path), text)
        tables[relative] = data
        rules.append(_RuleBuilder(str(path), path, text, data, book.parse).build())
    _check_unique(rules)
    folder = RuleFolder(directory, rules, snapshot, tables, book)
    if entry is not None:
        folder.redirects, folder.redirects_read = entry.redirects, True
        folder.unsaved = book.parsed > 0
    return folder


def _remember(folder: RuleFolder) -> None:
    """Save a folder that loaded without errors, once, so the next run starts from the cache."""
    if not (folder.unsaved and folder.redirects_read):
        return
    if folder.snapshot is not None:
        treecache.save(folder.snapshot, treecache.Entry(folder.tables, folder.redirects, folder.trees.used))
    folder.unsaved = False


def _check_unique(rules: list[Rule]) -> None:
    for attr in ("id", "slug"):
        seen: dict[str, Rule] = {}
        for rule in rules:
            key = getattr(rule, attr).lower()
            if key in seen and seen[key].info.source_file != rule.info.source_file:
                from linter.rules.tomlscan import KeyLocator  # only an error needs it

                text = Path(rule.info.source_file).read_text(encoding="utf-8")
                raise RuleLoadError(rule.info.source_file,
                                    f"duplicate rule {attr} {getattr(rule, attr)!r} "
                                    f"(also in {seen[key].info.source_file})",
                                    KeyLocator(text).line(attr))
            seen[key] = rule


def read_redirects(path: Path) -> dict | None:
    """A folder's parsed rename table file; None when the folder has none."""
    if not path.is_file():
        return None
    return _parse_toml(str(path), path.read_text(encoding="utf-8"))


def check_redirects(path: Path, data: dict | None, rules: list[Rule]) -> dict[str, str]:
    """The rename table (`[redirects]` old id or slug = "NEW-ID"): each old name must be free
    and each target a loaded rule id. Raises RuleLoadError naming the file and line."""
    if data is None:
        return {}
    table = data.get("redirects", {})
    if set(data) - {"redirects"} or not isinstance(table, dict):
        raise RuleLoadError(str(path), "expected only a [redirects] table of old = \"NEW-ID\"", 1)
    ids = {r.id.upper() for r in rules}
    names = ids | {r.slug.upper() for r in rules}
    for old, new in table.items():
        problem = None
        if not (ID_RE.match(old) or SLUG_RE.match(old)):
            problem = f"{old!r} is neither a rule id nor a slug"
        elif old.upper() in names:
            problem = f"{old!r} still names a rule; only retired names can redirect"
        elif not isinstance(new, str) or new.upper() not in ids:
            problem = f"redirect target {new!r} is not a loaded rule id"
        if problem:
            from linter.rules.tomlscan import KeyLocator  # only an error needs it

            locate = KeyLocator(path.read_text(encoding="utf-8"))
            raise RuleLoadError(str(path), problem, locate.line(old, "redirects"))
    return dict(table)


def load_file(path: Path) -> Rule:
    """One rule file, read and compiled (no cache)."""
    path = Path(path)
    text = _read_rule_file(path)
    return _RuleBuilder(str(path), path, text, _parse_toml(str(path), text)).build()


def _read_rule_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadError(str(path), f"cannot read rule file: {exc}") from None


def _parse_toml(name: str, text: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(name, exc) from None


def _toml_error(name: str, exc: Exception) -> RuleLoadError:
    """tomllib puts the position in the message text ("(at line 3, column 21)") before Python 3.14."""
    text = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
    if found:
        text = text[: found.start()] + text[found.end():]
        return RuleLoadError(name, f"invalid TOML: {text}", int(found.group(1)), int(found.group(2)))
    return RuleLoadError(name, f"invalid TOML: {text}", getattr(exc, "lineno", None), getattr(exc, "colno", None))


class _RuleBuilder:
    """Validates one parsed rule file and compiles its checks."""

    def __init__(self, name: str, path: Path, text: str, data: dict, parse=parse_condition) -> None:
        self.name, self.path, self.text, self.data, self.parse = name, path, text, data, parse

    @cached_property
    def locate(self) -> KeyLocator:  # only an error needs it
        from linter.rules.tomlscan import KeyLocator

        return KeyLocator(self.text)

    def fail(self, message: str, key: str | None = None, table: str = "", index: int = 0,
             column: int | None = None):
        line = self.locate.line(key, table, index) if key else None
        raise RuleLoadError(self.name, message, line, column)

    def build(self) -> Rule:
        data = self.data
        self._keys(data, TOP_REQUIRED, TOP_OPTIONAL, "")
        info = self._info(data)
        expected = f"{info.id}-{info.slug}.toml"
        if self.path.name != expected:
            self.fail(f"rule file must be named {expected!r}", "id")
        options = data.get("options", {})
        if not isinstance(options, dict):
            self.fail("'options' must be a table", "options")
        checks = data["check"]
        if not isinstance(checks, list) or not checks or not all(isinstance(c, dict) for c in checks):
            self.fail("'check' must be one or more [[check]] tables", "check")
        return Rule(info, tuple(self._check(c, i) for i, c in enumerate(checks)), dict(options))

    def _keys(self, table: dict, required, optional, where: str, index: int = 0) -> None:
        for key in table:
            if key not in required and key not in optional:
                label = f" in [{where}]" if where else ""
                self.fail(f"unknown key {key!r}{label}", key, where, index)
        for key in required:
            if key not in table:
                label = f"[{where}]" if where else "rule"
                line = self.locate.table_line(where, index) if where else 1
                raise RuleLoadError(self.name, f"{label} is missing required key {key!r}", line)

    def _string(self, table: dict, key: str, where: str = "", index: int = 0) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key!r} must be a non-empty string", key, where, index)
        return value

    def _info(self, data: dict) -> RuleInfo:
        rule_id = self._string(data, "id")
        if not ID_RE.match(rule_id):
            self.fail(f"id {rule_id!r} must look like 'AZ804'", "id")
        slug = self._string(data, "slug")
        if not SLUG_RE.match(slug):
            self.fail(f"slug {slug!r} must be lower-case words joined by '-'", "slug")
        severity = self._string(data, "severity")
        if severity not in LEVELS:
            self.fail(f"severity {severity!r} must be one of {', '.join(LEVELS)}", "severity")
        status = data.get("status", "stable")
        if status not in STATUSES:
            self.fail(f"status {status!r} must be one of {', '.join(STATUSES)}", "status")
        help_uri = data.get("help-uri", "")
        if not isinstance(help_uri, str) or (help_uri and not help_uri.startswith("https://")):
            self.fail("'help-uri' must be an https:// link", "help-uri")
        guide = data.get("guide-section", "")
        if not isinstance(guide, str):
            self.fail("'guide-section' must be a string", "guide-section")
        sec = data.get("security-severity", "5.0")
        if not isinstance(sec, str) or not re.fullmatch(r"\d{1,2}(\.\d)?", sec) or float(sec) > 10:
            self.fail("'security-severity' must be a string from \"0.0\" to \"10.0\"", "security-severity")
        return RuleInfo(id=rule_id, slug=slug, title=self._string(data, "title"), severity=severity,
                        guide_section=guide, help_uri=help_uri, security_severity=sec,
                        docs=self._docs(data["docs"]), status=status, source_file=self.name)

    def _docs(self, docs: object) -> dict:
        if not isinstance(docs, dict):
            self.fail("'docs' must be a table", "docs")
        self._keys(docs, DOCS_KEYS, DOCS_OPTIONAL, "docs")
        formats = docs.get("formats", list(FORMATS))
        if not isinstance(formats, list) or not formats or not set(formats) <= set(FORMATS):
            self.fail(f"'formats' must be a non-empty list from {', '.join(FORMATS)}", "formats", "docs")
        for key in DOCS_KEYS[:-1]:
            self._string(docs, key, "docs")
        refs = docs["references"]
        if not isinstance(refs, list) or not refs or not all(isinstance(r, str) and r for r in refs):
            self.fail("'references' must be a non-empty list of strings", "references", "docs")
        return dict(docs)

    def _check(self, check: dict, index: int) -> Check:
        self._keys(check, CHECK_REQUIRED, CHECK_OPTIONAL, "check", index)
        types = check["resource-types"]
        if not isinstance(types, list) or not types or not all(isinstance(t, str) and "/" in t for t in types):
            self.fail("'resource-types' must be a non-empty list of ARM types like "
                      "'Microsoft.Network/networkSecurityGroups'", "resource-types", "check", index)
        derived = check.get("include-derived", False)
        if not isinstance(derived, bool):
            self.fail("'include-derived' must be true or false", "include-derived", "check", index)
        bound: frozenset = frozenset()
        for_each = None
        if "for-each" in check:
            for_each = self._compile(check, "for-each", index, bound, compile_for_each)
            bound = bound | {for_each[0]}
        lets = []
        let_table = check.get("let", {})
        if not isinstance(let_table, dict):
            self.fail("'let' must be a table of name = expression", "let", "check", index)
        for let_name, expr in let_table.items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", let_name) or not isinstance(expr, str):
                self.fail(f"let {let_name!r} must be an identifier bound to an expression string",
                          let_name, "check.let", index)
            lets.append((let_name, self._compile(let_table, let_name, index, bound, compile_expression,
                                                 table_name="check.let")))
            bound = bound | {let_name}
        where = self._compile(check, "where", index, bound, compile_expression) if "where" in check else None
        return Check(
            resource_types=frozenset(t.lower() for t in types),
            condition=self._compile(check, "condition", index, bound, compile_expression),
            message=self._compile(check, "message", index, bound, compile_template),
            for_each=for_each, where=where, lets=tuple(lets), include_derived=derived,
        )

    def _compile(self, table: dict, key: str, index: int, bound, compiler, table_name: str = "check"):
        text = self._string(table, key, table_name, index)
        try:
            return compiler(text, bound, self.parse)
        except ConditionSyntaxError as exc:
            line, column = self.locate.value_position(key, table_name, index, exc.line, exc.column)
            raise RuleLoadError(self.name, f"bad {key}: {exc.message}", line, column) from None
