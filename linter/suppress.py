"""Inline suppressions: comments (and strict-JSON resource metadata) that silence named rules.

Written forms, each naming rules by id or slug (several separated by commas)
and then an optional free-text reason:

* Bicep and JSONC: `// azlint-disable-next-line AZ804 reason` (the next line
  that is not blank or comment-only), `// azlint-disable-line AZ804 reason`
  (its own line), `// azlint-disable-file AZ804 reason` (the whole file).
* Terraform: `# azlint:ignore AZ804 reason` (or `//`) on the line of a block or
  attribute, or alone on a line above it; `# azlint:ignore-file AZ804 reason`.
* Strict JSON: `"metadata": {"azlint": {"ignore": ["AZ804"], "reason": "..."}}`
  on a resource, covering every finding of that resource.

Both comment spellings are accepted in every format. A line directive covers
findings located on its target line, and every finding of a resource whose
declaration starts on that line (a comment above `resource ... {` covers the
whole resource). Comments are found by a small tokenizer per format that knows
strings (with interpolation and heredocs), so `//` inside a URL is never a
comment.

`apply_suppressions` marks covered findings (`suppressed=True`,
`suppression=reason`) and returns `AZ001 unused-suppression` findings for
directives that name a rule which ran but silenced nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

from linter.findings import Finding, RuleInfo
from linter.model import Location, Resource, SourceMap

UNUSED_SUPPRESSION = RuleInfo(
    id="AZ001",
    slug="unused-suppression",
    title="Suppression comment that silences nothing",
    severity="warning",
    security_severity="0.0",
    docs={
        "flags": "An azlint suppression (`azlint-disable-*` or `azlint:ignore`) naming a rule that ran "
        "but reported nothing at the place the suppression covers.",
        "why": "A stale suppression hides the next real problem at that place without anyone deciding "
        "so. Removing it keeps every exception in the code a deliberate one.",
        "noncompliant": "// azlint-disable-next-line AZ804 bastion only\n"
        "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {\n"
        "  name: 'nsg-private'  // no rule opens a management port any more\n}",
        "compliant": "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {\n"
        "  name: 'nsg-private'\n}",
        "fix": "Delete the suppression, or the rule names in it that no longer apply. Ignore AZ001 in "
        "the config (`ignore = [\"AZ001\"]`) to turn the check off.",
        "references": ["https://docs.astral.sh/ruff/rules/unused-noqa/"],
    },
    source_file="linter/suppress.py",
)

NEXT_LINE, SAME_LINE, WHOLE_FILE = "next-line", "line", "file"
# The patterns of this module are compiled on first use (re caches them): most files hold no directive.
_DIRECTIVE = (
    r"(?s)^\s*(azlint-disable-next-line|azlint-disable-line|azlint-disable-file|azlint:ignore-file|azlint:ignore)"
    r"(?=\s|$)(.*)$"
)
_RULE_LIST = r"\s*([A-Za-z][A-Za-z0-9_-]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_-]*)*)"

ReadText = Callable[[str], "str | None"]


# A NamedTuple, not a dataclass: cheaper to define at start-up (see linter.discover).
class Comment(NamedTuple):
    """A comment found in a source file, as offsets into its text."""

    start: int  # offsets into the text
    end: int
    body: str  # without the comment markers


@dataclass
class Directive:
    """One suppression comment: what it silences, where, why, and what it did silence."""

    file: str
    line: int
    column: int
    scope: str  # NEXT_LINE | SAME_LINE | WHOLE_FILE
    rules: tuple[str, ...]
    reason: str
    text: str  # the directive as written, for messages
    target: int | None = None  # the line a line directive covers
    used: set = field(default_factory=set)  # rule names that silenced something


# --- comment scanning ------------------------------------------------------


def syntax_for(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith((".bicep", ".bicepparam")):
        return "bicep"
    if lower.endswith((".tf", ".tfvars", ".hcl")):
        return "hcl"
    if lower.endswith((".json", ".jsonc")):
        return "json"
    return None


_HEREDOC = r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n"
_CODE_STOP = {
    "bicep": r"'|//|/\*|[{}]",
    "json": r'"|//|/\*',
    "hcl": r'"|//|/\*|#|<<|[{}]',
}
_STRING_STOP = {
    "bicep": r"[\\'\n]|\$\{",
    "json": r'[\\"]',  # Azure accepts raw line breaks inside JSON strings
    "hcl": r'[\\"\n]|[$%]\{',
}
_QUOTE = {"bicep": "'", "json": '"', "hcl": '"'}


def scan_comments(text: str, syntax: str) -> list[Comment]:
    """Every comment outside strings; interpolations `${...}` nest, so quotes inside them are strings too."""
    comments: list[Comment] = []
    quote = _QUOTE[syntax]
    code_stop, string_stop = re.compile(_CODE_STOP[syntax]), re.compile(_STRING_STOP[syntax])
    stack: list[int] = [0]  # code contexts: open-brace depth; a string sits between two entries
    in_string = False
    i, n = 0, len(text)
    while i < n:
        if in_string:
            m = string_stop.search(text, i)
            if m is None:
                break
            token, i = m.group(), m.end()
            if token == "\\":
                i += 1
            elif token in (quote, "\n"):  # a newline ends a broken one-line string
                in_string = False
            else:  # interpolation opens a nested code context
                stack.append(0)
                in_string = False
            continue
        m = code_stop.search(text, i)
        if m is None:
            break
        token, at = m.group(), m.start()
        i = m.end()
        if token == quote:
            if syntax == "bicep" and text.startswith("'''", at):
                close = text.find("'''", at + 3)
                i = n if close < 0 else close + 3
            else:
                in_string = True
        elif token in ("//", "#"):
            end = text.find("\n", at)
            end = n if end < 0 else end
            comments.append(Comment(at, end, text[at + len(token):end].strip()))
            i = end
        elif token == "/*":
            close = text.find("*/", at + 2)
            end = n if close < 0 else close + 2
            comments.append(Comment(at, end, text[at + 2:close if close >= 0 else n].strip()))
            i = end
        elif token == "<<":
            i = _skip_heredoc(text, at, i)
        elif token == "{":
            stack[-1] += 1
        elif token == "}":
            if stack[-1] == 0 and len(stack) > 1:  # end of an interpolation: back inside its string
                stack.pop()
                in_string = True
            else:
                stack[-1] = max(0, stack[-1] - 1)
    return comments


def _skip_heredoc(text: str, at: int, after: int) -> int:
    m = re.compile(_HEREDOC).match(text, at)
    if m is None:
        return after
    closing = re.compile(r"^[ \t]*" + re.escape(m.group(1)) + r"[ \t]*\r?$", re.M)
    end = closing.search(text, m.end())
    return len(text) if end is None else end.end()


# --- directives --------------------------------------------------------------


def parse_rule_list(rest: str) -> tuple[tuple[str, ...], str]:
    """`"AZ804, AZ805 reason text"` -> (("AZ804", "AZ805"), "reason text")."""
    m = re.match(_RULE_LIST, rest)
    if m is None or (m.end() < len(rest) and not (rest[m.end()].isspace() or rest[m.end()] == ":")):
        return (), rest.strip()
    rules = tuple(r.strip() for r in m.group(1).split(","))
    reason = rest[m.end():].strip().lstrip(":-—").strip()
    return rules, reason


def parse_directives(path: str, text: str) -> list[Directive]:
    """The suppression directives written in one file's comments."""
    syntax = syntax_for(path)
    if syntax is None or "azlint" not in text:
        return []
    comments = scan_comments(text, syntax)
    starts = _line_starts(text)
    code_lines = _code_lines(text, comments)
    found = []
    for comment in comments:
        m = re.match(_DIRECTIVE, comment.body)
        if m is None:
            continue
        keyword = m.group(1)
        rules, reason = parse_rule_list(m.group(2))
        line, column = _position(starts, comment.start)
        trailing = line in code_lines and text[starts[line - 1]:comment.start].strip() != ""
        if keyword in ("azlint-disable-file", "azlint:ignore-file"):
            scope, target = WHOLE_FILE, None
        elif keyword == "azlint-disable-line" or (keyword == "azlint:ignore" and trailing):
            scope, target = SAME_LINE, line
        else:
            end_line = _position(starts, max(comment.start, comment.end - 1))[0]
            scope, target = NEXT_LINE, next((n for n in sorted(code_lines) if n > end_line), None)
        found.append(Directive(path, line, column, scope, rules, reason,
                               f"{keyword} {', '.join(rules)}".strip(), target))
    return found


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _code_lines(text: str, comments: list[Comment]) -> set[int]:
    """Lines holding something other than whitespace and comments."""
    chars = list(text)
    for comment in comments:
        for k in range(comment.start, comment.end):
            if chars[k] not in "\r\n":
                chars[k] = " "
    return {number for number, line in enumerate("".join(chars).split("\n"), 1) if line.strip()}


def metadata_suppression(resource: Resource) -> tuple[tuple[str, ...], str] | None:
    """(rules, reason) from a resource's `metadata.azlint`, or None."""
    metadata = resource.body.get("metadata") if isinstance(resource.body, dict) else None
    entry = metadata.get("azlint") if isinstance(metadata, dict) else None
    if not isinstance(entry, dict):
        return None
    names = entry.get("ignore")
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list):
        return None
    reason = entry.get("reason")
    rules = tuple(n.strip() for n in names if isinstance(n, str) and n.strip())
    return rules, reason.strip() if isinstance(reason, str) else ""


# --- applying ------------------------------------------------------------------


def names_rule(name: str, rule: RuleInfo) -> bool:
    return name.upper() == rule.id.upper() or name.lower() == rule.slug.lower()


def read_file_text(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def apply_suppressions(
    findings: list[Finding],
    read_text: ReadText = read_file_text,
    active_rules: Iterable[RuleInfo] | None = None,
    files: Iterable[str] = (),
) -> list[Finding]:
    """Mark findings covered by a suppression; return AZ001 findings for unused suppressions.

    `active_rules` are the rules that ran: only a suppression naming one of
    them can be unused (None: no unused check). `files` are the other files
    linted, so a stale suppression in a file without findings is found too.
    Each file is read once.
    """
    directives: dict[str, list[Directive]] = {}

    def for_file(path: str) -> list[Directive]:
        key = _key(path)
        if key not in directives:
            text = read_text(path)
            directives[key] = parse_directives(path, text) if text else []
        return directives[key]

    for finding in findings:
        _suppress_by_comments(finding, for_file)
        if not finding.suppressed:
            _suppress_by_metadata(finding)
    if active_rules is None:
        return []
    for path in files:
        for_file(path)
    return unused_findings([d for group in directives.values() for d in group], list(active_rules))


def _suppress_by_comments(finding: Finding, for_file) -> None:
    places = [(finding.location.file, finding.location.line)]
    resource_location = finding.resource.location
    places.append((resource_location.file, resource_location.line))
    for file, line in places:
        for directive in for_file(file):
            if directive.scope != WHOLE_FILE and directive.target != line:
                continue
            for name in directive.rules:
                if names_rule(name, finding.rule):
                    directive.used.add(name)
                    _mark(finding, directive.reason)


def _suppress_by_metadata(finding: Finding) -> None:
    entry = metadata_suppression(finding.resource)
    if entry is not None and any(names_rule(name, finding.rule) for name in entry[0]):
        _mark(finding, entry[1])


def _mark(finding: Finding, reason: str) -> None:
    if not finding.suppressed:
        finding.suppressed = True
        finding.suppression = reason or ""


def unused_findings(directives: list[Directive], active_rules: list[RuleInfo]) -> list[Finding]:
    """AZ001 findings: one per rule name in a directive that matched nothing (or a directive naming none)."""
    out = []
    for directive in directives:
        if not directive.rules:
            out.append(_unused(directive, "suppression names no rule"))
            continue
        for name in directive.rules:
            ran = any(names_rule(name, rule) for rule in active_rules)
            if ran and name not in directive.used:
                out.append(_unused(directive, f"suppression of {name} matches no finding"))
    return out


def _unused(directive: Directive, message: str) -> Finding:
    location = Location(directive.file, directive.line, directive.column)
    resource = Resource(
        type="azlint/suppression",
        name=directive.text,
        body={},
        format=syntax_for(directive.file) or "",
        source=SourceMap(location),
    )
    return Finding(rule=UNUSED_SUPPRESSION, resource=resource, message=message, path=(),
                   location=location, severity=UNUSED_SUPPRESSION.severity)
