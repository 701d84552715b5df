"""Scaffold a new built-in rule: its rule file, its fixtures and its doc stub, in one command.

    python scripts/new_rule.py AZ810 storage-public-blob-access --category network \\
        --title "Storage account allows public blob access" --severity warning \\
        --resource-type Microsoft.Storage/storageAccounts

creates `rules/<category>/<ID>-<slug>.toml` (status "preview", every [docs] key
present but marked TODO(new_rule), a condition that is always false) and the
fixture folder `tests/rules/<ID>/` (a failing and a passing input in ARM JSON,
Bicep and Terraform, the failing ones carrying an `expect:` marker).

The scaffold loads, so `pytest tests/rules -k <ID>` runs at once, but the test
suite fails until the author finishes the job: the failing fixtures expect a
finding the placeholder condition never gives, the snapshots do not exist yet,
the generated docs are stale, and tests/test_new_rule.py rejects any built-in
rule file or fixture still carrying the TODO(new_rule) marker.

Refuses a malformed id or slug, an id or slug already used (or retired in
rules/redirects.toml), and an unknown category (unless --new-category).
Exit status: 0 created, 2 refused.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]
TODO = "TODO(new_rule)"
ID_PATTERN = re.compile(r"^AZ[0-9]{3}$")  # the fixture test collects tests/rules/AZnnn folders
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "note")
GUIDE_URL = "https://learn.microsoft.com/en-us/azure/security/fundamentals/operational-best-practices"
PLACEHOLDER_TYPE = "Microsoft.Example/TODO"
API_VERSION = "2024-01-01"


@dataclass(frozen=True)
class Request:
    rule_id: str
    slug: str
    category: str
    title: str
    severity: str
    resource_type: str
    guide_section: str = ""


def parse_args(argv: list[str] | None) -> tuple[Request, Path, bool]:
    parser = argparse.ArgumentParser(description="Scaffold a new azlint rule: rule file, fixtures, doc stub.")
    parser.add_argument("rule_id", metavar="ID", help="the new rule id, like AZ810 (stable forever)")
    parser.add_argument("slug", help="lower-case words joined by '-', like storage-public-blob-access")
    parser.add_argument("--category", required=True, help="folder under rules/ (network, monitoring, ...)")
    parser.add_argument("--title", required=True, help="one line saying what is wrong")
    parser.add_argument("--severity", choices=SEVERITIES, default="warning")
    parser.add_argument("--resource-type", default=PLACEHOLDER_TYPE,
                        help="ARM type the check applies to, like Microsoft.Storage/storageAccounts")
    parser.add_argument("--guide-section", default="",
                        help="heading of the operational best practices guide section the rule enforces")
    parser.add_argument("--new-category", action="store_true", help="allow a category folder that does not exist yet")
    parser.add_argument("--root", type=Path, default=REPO, help="the azlint checkout to write into (default: this one)")
    args = parser.parse_args(argv)
    request = Request(args.rule_id, args.slug, args.category, args.title.strip(), args.severity,
                      args.resource_type, args.guide_section.strip())
    return request, args.root, args.new_category


# ------------------------------------------------------------------ checks

def retired_names(root: Path) -> set[str]:
    """Old ids and slugs in rules/redirects.toml (upper-cased): never to be reused."""
    path = root / "rules" / "redirects.toml"
    if not path.is_file():
        return set()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("redirects", {})
    except tomllib.TOMLDecodeError:
        return set()
    return {str(old).upper() for old in table}


def problems(request: Request, root: Path, new_category: bool = False) -> list[str]:
    """Why the rule cannot be created as asked; [] when it can."""
    found = []
    if not ID_PATTERN.match(request.rule_id):
        found.append(f"id {request.rule_id!r} must look like 'AZ810' (AZ and three digits)")
    if not SLUG_PATTERN.match(request.slug):
        found.append(f"slug {request.slug!r} must be lower-case words joined by '-'")
    if not SLUG_PATTERN.match(request.category):
        found.append(f"category {request.category!r} must be a lower-case folder name")
    elif not (root / "rules" / request.category).is_dir() and not new_category:
        known = sorted(p.name for p in (root / "rules").iterdir() if p.is_dir()) if (root / "rules").is_dir() else []
        found.append(f"no category {request.category!r} (known: {', '.join(known)}); pass --new-category to create it")
    if not request.title:
        found.append("the title must not be empty")
    if "/" not in request.resource_type:
        found.append(f"resource type {request.resource_type!r} must look like 'Microsoft.Storage/storageAccounts'")
    if found:
        return found
    rules = root / "rules"
    for path in sorted(rules.rglob("*.toml")) if rules.is_dir() else []:
        rule_id, _, slug = path.stem.partition("-")
        if rule_id.upper() == request.rule_id:
            found.append(f"id {request.rule_id} is already used by {path.relative_to(root)}")
        if slug == request.slug:
            found.append(f"slug {request.slug!r} is already used by {path.relative_to(root)}")
    if request.rule_id.startswith("AZ0"):
        found.append(f"id {request.rule_id}: AZ0xx ids are azlint's own diagnostics (AZ001 unused-suppression)")
    if request.slug == "unused-suppression":
        found.append("slug 'unused-suppression' is azlint's own diagnostic AZ001")
    retired = retired_names(root)
    for name in (request.rule_id, request.slug):
        if name.upper() in retired:
            found.append(f"{name!r} is a retired name in rules/redirects.toml; ids and slugs are never reused")
    if (root / "tests" / "rules" / request.rule_id).exists():
        found.append(f"tests/rules/{request.rule_id} already exists")
    return found


# ------------------------------------------------------------------ file contents

def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid TOML basic strings


def help_uri(guide_section: str) -> str:
    anchor = re.sub(r"\s+", "-", re.sub(r"[^\w\s-]", "", guide_section.strip().lower()))
    return f"{GUIDE_URL}#{anchor}" if anchor else GUIDE_URL


def render_rule(request: Request) -> str:
    section = request.guide_section or f"{TODO}: the heading of the guide section this rule enforces"
    return f'''id = "{request.rule_id}"
slug = "{request.slug}"
title = {toml_string(request.title)}
severity = "{request.severity}"
# New rules start in preview; make it "stable" once it has run on the corpus without false alarms.
status = "preview"
guide-section = {toml_string(section)}
help-uri = "{help_uri(request.guide_section)}"
security-severity = "5.0"

# Every key below feeds `azlint explain`, SARIF help and docs/rules/{request.rule_id}.md
# (python scripts/generate_docs.py). Replace each {TODO} marker.
[docs]
flags = """
{TODO}: what the rule flags, precisely, and when the answer is undecided (values unknown before deployment)."""
why = """
{TODO}: why it matters, in the guide's terms."""
noncompliant = \'\'\'
{TODO}: a short ARM JSON resource the rule flags.\'\'\'
compliant = \'\'\'
{TODO}: the same resource, fixed.\'\'\'
fix = """
{TODO}: how to fix it, in ARM/Bicep and Terraform terms."""
references = [
  "{GUIDE_URL}",
  # {TODO}: the documentation of the resource property the rule tests
]

[[check]]
resource-types = ["{request.resource_type}"]
# True for a noncompliant resource. Put the decisive test last: the finding points at the
# last operand of an `and` that tests a present property. See docs/writing-rules.md.
condition = """
false  # {TODO}: write the condition
"""
message = "{TODO} '{{resource.display_name}}' ...; say what to change"
'''


def render_arm(request: Request, failing: bool) -> str:
    marker = f" // expect: {request.rule_id}" if failing else ""
    what = "noncompliant input: the rule must flag it" if failing else "compliant input: the rule must stay silent"
    return f'''// {TODO}: {what}.
// Mark each expected finding with an `expect:` comment naming {request.rule_id}, at the end of the line
// the finding points at (the property that made the condition true) or alone on the line before it.
{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {{
      "type": "{request.resource_type}",
      "apiVersion": "{API_VERSION}",
      "name": "example",
      "location": "westeurope",
      "properties": {{{marker}
      }}
    }}
  ]
}}
'''


def render_bicep(request: Request, failing: bool) -> str:
    marker = f" // expect: {request.rule_id}" if failing else ""
    what = "noncompliant input: the rule must flag it" if failing else "compliant input: the rule must stay silent"
    return f'''// {TODO}: {what}.
// Mark each expected finding with an `expect:` comment naming {request.rule_id} (see the JSON fixture).
resource example '{request.resource_type}@{API_VERSION}' = {{
  name: 'example'
  location: 'westeurope'
  properties: {{{marker}
  }}
}}
'''


def terraform_type(arm_type: str) -> str | None:
    """The azurerm resource type the Terraform frontend maps to `arm_type`, if any."""
    try:
        from linter.frontends.terraform.mapping import REGISTRY
    except ImportError:
        return None
    matches = sorted(tf for tf, mapping in REGISTRY.items() if mapping.arm_type.lower() == arm_type.lower())
    return matches[0] if matches else None


def render_terraform(request: Request, failing: bool) -> str:
    marker = f" # expect: {request.rule_id}" if failing else ""
    what = "noncompliant input: the rule must flag it" if failing else "compliant input: the rule must stay silent"
    head = f"# {TODO}: {what}.\n# Mark each expected finding with an `expect:` comment naming {request.rule_id} (see the JSON fixture).\n"
    tf_type = terraform_type(request.resource_type)
    if tf_type:
        return head + f'''resource "{tf_type}" "example" {{{marker}
  name                = "example"
  location            = "westeurope"
  resource_group_name = "rg-example"
}}
'''
    return head + f'''# No azurerm mapping for {request.resource_type}: azapi_resource declares it by its ARM type.
resource "azapi_resource" "example" {{{marker}
  type      = "{request.resource_type}@{API_VERSION}"
  name      = "example"
  location  = "westeurope"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-example"
  body = {{
    properties = {{}}
  }}
}}
'''


def planned_files(request: Request) -> dict[Path, str]:
    """Relative path -> content of every file the scaffold writes."""
    rule = Path("rules") / request.category / f"{request.rule_id}-{request.slug}.toml"
    fixtures = Path("tests") / "rules" / request.rule_id
    files = {rule: render_rule(request)}
    for failing, prefix in ((True, "fail"), (False, "pass")):
        files[fixtures / f"{prefix}-{request.slug}.json"] = render_arm(request, failing)
        files[fixtures / f"{prefix}-{request.slug}.bicep"] = render_bicep(request, failing)
        files[fixtures / f"{prefix}-terraform" / "main.tf"] = render_terraform(request, failing)
    return files


def next_steps(request: Request, rule_path: Path) -> str:
    rid = request.rule_id
    return f"""Created {rule_path} and the fixtures in tests/rules/{rid}/ (status "preview").

Next steps:
  1. Write the condition and message in {rule_path} (docs/writing-rules.md explains the language).
  2. Make the fixtures real: a noncompliant and a compliant input per format, with
     `expect: {rid}` markers on the lines the findings point at; add more fixtures for edge cases
     (values unknown before deployment must give no finding).
  3. Fill every [docs] key and the guide-section; list {rid} in docs/guide-coverage.toml if its
     section has best practices.
  4. python -m pytest tests/rules -k {rid} --snapshot-update   then review the snapshots
     in tests/rules/__snapshots__ like code.
  5. python scripts/generate_docs.py
  6. Remove every {TODO} marker; python -m pytest tests must pass.
"""


def create(request: Request, root: Path) -> list[Path]:
    """Write the scaffold under `root`; returns the files written. Nothing is overwritten."""
    files = planned_files(request)
    clashes = [str(p) for p in files if (root / p).exists()]
    if clashes:
        raise FileExistsError(", ".join(clashes))
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return [root / p for p in files]


def main(argv: list[str] | None = None) -> int:
    request, root, new_category = parse_args(argv)
    found = problems(request, root, new_category)
    if found:
        for problem in found:
            print(f"new_rule: {problem}", file=sys.stderr)
        return 2
    try:
        written = create(request, root)
    except FileExistsError as exc:
        print(f"new_rule: would overwrite {exc}", file=sys.stderr)
        return 2
    print(next_steps(request, written[0].relative_to(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
