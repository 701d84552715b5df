"""SARIF `reportingDescriptor`s: a rule's metadata and docs as code-scanning tools show them.

The docs come from `RuleInfo.docs` (flags, why, fix, noncompliant, compliant,
references); each entry may be a string, a list of strings, or, for examples,
a mapping of input format to code.
"""

from __future__ import annotations

from linter.findings import RuleInfo

MAX_TAGS = 20  # GitHub code scanning keeps at most 20 tags per rule
FENCE_LANGUAGES = {"arm": "json", "json": "json", "bicep": "bicep", "terraform": "hcl", "hcl": "hcl"}


def doc_text(value: object) -> str:
    """A docs entry as plain text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (list, tuple)):
        return "\n".join(f"- {doc_text(v)}" for v in value if doc_text(v))
    if isinstance(value, dict):
        return "\n\n".join(f"{k}:\n{doc_text(v)}" for k, v in value.items() if doc_text(v))
    return str(value).strip()


def _examples_markdown(value: object) -> str:
    """Examples as fenced code blocks, one per input format when the docs give several."""
    if isinstance(value, dict):
        return "\n\n".join(
            f"{k}:\n\n```{FENCE_LANGUAGES.get(str(k).lower(), '')}\n{doc_text(v)}\n```"
            for k, v in value.items()
            if doc_text(v)
        )
    text = doc_text(value)
    return f"```\n{text}\n```" if text else ""


def _references_markdown(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "\n".join(f"- {doc_text(v)}" for v in value if doc_text(v))
    return doc_text(value)


def full_description(rule: RuleInfo) -> str:
    parts = [doc_text(rule.docs.get("flags")), doc_text(rule.docs.get("why"))]
    text = "\n\n".join(p for p in parts if p)
    return text or rule.title


def help_text(rule: RuleInfo) -> str:
    sections = [
        ("Why", doc_text(rule.docs.get("why"))),
        ("How to fix", doc_text(rule.docs.get("fix"))),
        ("Noncompliant", doc_text(rule.docs.get("noncompliant"))),
        ("Compliant", doc_text(rule.docs.get("compliant"))),
        ("References", doc_text(rule.docs.get("references"))),
    ]
    text = "\n\n".join(f"{title}:\n{body}" for title, body in sections if body)
    if rule.help_uri:
        text += ("\n\n" if text else "") + f"Guide: {rule.help_uri}"
    return text or rule.title


def help_markdown(rule: RuleInfo) -> str:
    docs = rule.docs
    sections = [
        ("What it flags", doc_text(docs.get("flags"))),
        ("Why it matters", doc_text(docs.get("why"))),
        ("How to fix", doc_text(docs.get("fix"))),
        ("Noncompliant example", _examples_markdown(docs.get("noncompliant"))),
        ("Compliant example", _examples_markdown(docs.get("compliant"))),
        ("References", _references_markdown(docs.get("references"))),
    ]
    text = f"# {rule.id} {rule.slug}\n\n{rule.title}"
    text += "".join(f"\n\n## {title}\n\n{body}" for title, body in sections if body)
    if rule.help_uri:
        section = rule.guide_section or "the guide section"
        text += f"\n\nSee [{section}]({rule.help_uri})."
    return text


def rule_tags(rule: RuleInfo) -> list[str]:
    tags = ["security"]
    extra = rule.docs.get("tags")
    if isinstance(extra, (list, tuple)):
        tags += [str(t) for t in extra]
    if rule.status == "preview":
        tags.append("preview")
    unique = list(dict.fromkeys(tags))
    return unique[:MAX_TAGS]


def rule_descriptor(rule: RuleInfo) -> dict:
    descriptor = {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": full_description(rule)},
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {
            "tags": rule_tags(rule),
            "security-severity": str(rule.security_severity),
        },
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    if rule.guide_section:
        descriptor["properties"]["guideSection"] = rule.guide_section
    return descriptor
