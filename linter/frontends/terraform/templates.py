"""Template text: heredoc bodies, `${...}` interpolations, `%{...}` directives and `~` strip markers.

Quoted strings arrive here already split by the lark grammar; heredocs and
JSON-syntax strings are scanned here. Flat directive markers are nested into
`TemplateIf`/`TemplateFor`; directives that do not pair up give None (the
caller makes the template `Unknown`). `parse_expr` is the expression parser
(passed in, as it lives in `parse.py`).
"""

from __future__ import annotations

import re
from typing import Callable

from linter.frontends.terraform.syntax import HclSyntaxError, Lit, Template, TemplateFor, TemplateIf

STRIP_BEFORE, STRIP_AFTER = object(), object()


def apply_strips(parts: list) -> list:
    """`~` markers: drop the whitespace (newlines included) before `{~` and after `~}`."""
    out: list = []
    strip_next = False
    for part in parts:
        if part is STRIP_BEFORE:
            if out and isinstance(out[-1], str):
                out[-1] = out[-1].rstrip()
        elif part is STRIP_AFTER:
            strip_next = True
        elif isinstance(part, str) and strip_next:
            out.append(part.lstrip())
            strip_next = False
        else:
            out.append(part)
            strip_next = False
    return out


_FOR_RE = r"(?s)for\s+(\w+)(?:\s*,\s*(\w+))?\s+in\s+(.+)$"  # compiled on first use, as _HEREDOC_RE


def _directive_text(text: str, parse_expr: Callable) -> tuple:
    """A `%{ ... }` directive written inside a heredoc."""
    body = text.strip("~ \t\r\n")
    word = body.split(None, 1)[0] if body else ""
    if word == "if":
        return ("if", parse_expr(body[2:]))
    m = re.match(_FOR_RE, body)
    if word == "for" and m:
        key, value = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(1))
        return ("for", key, value, parse_expr(m.group(3)))
    return (word,)


def nest(parts: list) -> list | None:
    """Flat directive markers -> TemplateIf/TemplateFor; None when they do not pair up."""
    root: list = []
    stack: list = [(None, root)]
    for part in parts:
        if not isinstance(part, tuple):
            stack[-1][1].append(part)
            continue
        kind = part[0]
        if kind == "if":
            node = TemplateIf(part[1], [], [])
            stack[-1][1].append(node)
            stack.append((node, node.then))
        elif kind == "for":
            node = TemplateFor(part[1], part[2], part[3], [])
            stack[-1][1].append(node)
            stack.append((node, node.body))
        elif kind == "else" and isinstance(stack[-1][0], TemplateIf):
            stack[-1] = (stack[-1][0], stack[-1][0].other)
        elif (kind == "endif" and isinstance(stack[-1][0], TemplateIf)) or (
                kind == "endfor" and isinstance(stack[-1][0], TemplateFor)):
            stack.pop()
        else:
            return None
    return root if len(stack) == 1 else None


_HEREDOC_RE = r"(?s)<<(-?)([A-Za-z][A-Za-z0-9._-]*)\r?\n(.*?)\s*\2\r?\n?$"  # re caches it once compiled


def heredoc(token_text: str, line: int, column: int, parse_expr: Callable) -> Lit | Template:
    m = re.match(_HEREDOC_RE, token_text)
    text = m.group(3) if m else ""
    if text and not text.endswith("\n"):
        text += "\n"
    if m and m.group(1):
        lines = text.split("\n")
        indents = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
        cut = min(indents) if indents else 0
        text = "\n".join(x[cut:] for x in lines)
    return template_text(text, line, column, parse_expr)


def template_text(text: str, line: int, column: int, parse_expr: Callable) -> Lit | Template:
    """A heredoc body (or a JSON string): literal text with `${...}` and `%{...}` directives."""
    parts: list = []
    at = 0
    while True:
        nxt = _next_marker(text, at)
        if nxt < 0:
            parts.append(text[at:])
            break
        parts.append(text[at:nxt])
        if text.startswith(("$${", "%%{"), nxt):
            parts.append(text[nxt + 1:nxt + 3])
            at = nxt + 3
            continue
        end = _matching_brace(text, nxt + 2)
        if end < 0:
            raise HclSyntaxError("unterminated template interpolation in heredoc", line, column)
        inner = text[nxt + 2:end]
        if inner.startswith("~"):
            parts.append(STRIP_BEFORE)
        if text[nxt] == "%":
            try:
                parts.append(_directive_text(inner, parse_expr))
            except HclSyntaxError as exc:
                raise HclSyntaxError(str(exc), line, column) from None
        else:
            try:
                parts.append(parse_expr(inner.strip("~ \t\n")))
            except HclSyntaxError as exc:
                raise HclSyntaxError(str(exc), line, column) from None
        if inner.endswith("~"):
            parts.append(STRIP_AFTER)
        at = end + 1
    nested = nest([p for p in apply_strips(parts) if p != ""])
    if nested is None:
        return Template(line, column, [], True)
    if all(isinstance(p, str) for p in nested):
        return Lit(line, column, "".join(nested))
    return Template(line, column, nested, False)


def _next_marker(text: str, start: int) -> int:
    hits = [i for i in (text.find("${", start), text.find("%{", start)) if i >= 0]
    if not hits:
        return -1
    first = min(hits)
    if first > 0 and text[first - 1] in "$%" and text[first - 1] == text[first]:
        return first - 1
    return first


def _matching_brace(text: str, start: int) -> int:
    depth, i, quote = 1, start, False
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
