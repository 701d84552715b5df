"""The `json` reporter: a stable, versioned document for scripts (schema in docs/json-format.md).

Fields are only ever added within a schema version; renaming or removing one
bumps `version`.
"""

from __future__ import annotations

import json

from linter import __version__
from linter.findings import Finding
from linter.model import InputError
from linter.report.common import (
    TOOL_NAME,
    fingerprint,
    format_model_path,
    relative_path,
    reported_findings,
    sort_errors,
    summarize,
)
from linter.result import RunResult

SCHEMA_VERSION = 1


def finding_record(finding: Finding, root: str) -> dict:
    loc = finding.location
    resource = finding.resource
    return {
        "rule_id": finding.rule.id,
        "slug": finding.rule.slug,
        "severity": finding.level,
        "message": finding.message,
        "file": relative_path(loc.file, root),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "resource": {
            "type": resource.type,
            "name": resource.name if isinstance(resource.name, str) else None,
            "symbol": resource.symbol,
        },
        "path": format_model_path(finding.path),
        "undecided": finding.undecided,
        "suppressed": finding.suppressed,
        "justification": finding.suppression,
        "instances": list(finding.instances),
        "fingerprint": fingerprint(finding, root),
    }


def error_record(error: InputError, root: str) -> dict:
    return {
        "file": relative_path(error.file, root),
        "line": error.line,
        "column": error.column,
        "message": error.message,
        "kind": error.kind,
    }


def json_document(result: RunResult) -> dict:
    errors = sort_errors(result.errors, result.root)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "summary": summarize(result)._asdict(),
        "findings": [finding_record(f, result.root) for f in reported_findings(result)],
        "errors": [error_record(e, result.root) for e in errors],
    }


def render_json(result: RunResult, *, color: bool = False) -> str:
    return json.dumps(json_document(result), indent=2, ensure_ascii=False) + "\n"
