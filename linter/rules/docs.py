"""A rule's documentation as Markdown: for `azlint explain` and `docs/rules/<ID>.md`."""

from __future__ import annotations

from linter.findings import RuleInfo

SECTIONS = (
    ("flags", "What it flags"),
    ("why", "Why it matters"),
    ("noncompliant", "Noncompliant example"),
    ("compliant", "Compliant example"),
    ("fix", "How to fix"),
    ("references", "References"),
)
FORMAT_NAMES = {"arm": "ARM", "bicep": "Bicep", "terraform": "Terraform"}


def render_markdown(info: RuleInfo) -> str:
    lines = [f"# {info.id} {info.slug}", "", f"**{info.title}**", ""]
    lines.append(f"- Severity: {info.severity}")
    if info.status != "stable":
        lines.append(f"- Status: {info.status}")
    formats = info.docs.get("formats")
    if formats:
        lines.append("- Applies to: " + ", ".join(FORMAT_NAMES.get(f, f) for f in formats))
    if info.guide_section:
        guide = f"[{info.guide_section}]({info.help_uri})" if info.help_uri else info.guide_section
        lines.append(f"- Guide section: {guide}")
    lines.append("")
    for key, heading in SECTIONS:
        value = info.docs.get(key)
        if not value:
            continue
        lines += [f"## {heading}", ""]
        if key == "references":
            lines += [f"- {ref}" for ref in value]
        elif key in ("noncompliant", "compliant"):
            lines += [_fenced(value)]
        else:
            lines.append(str(value).strip())
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _fenced(example: str) -> str:
    text = example.strip("\n")
    language = "bicep"
    if text.lstrip().startswith(("{", "[")):
        language = "json"
    elif "resource \"" in text:
        language = "hcl"
    return f"```{language}\n{text}\n```"
