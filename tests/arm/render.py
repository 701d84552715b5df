"""Render a Unit deterministically for snapshots: resources (type, name, id, symbol, condition, body) and errors.

Unknown values are shown as `<unknown>` without their reason, and expression
errors without the evaluator's explanation, so a reworded message in the
expression library does not churn these snapshots (tests check kinds and
positions explicitly).
"""

from __future__ import annotations

import re
from pathlib import Path

from linter.model import Unit, Unknown

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def value(v: object) -> object:
    if isinstance(v, Unknown):
        return "<unknown>"
    if isinstance(v, dict):
        return {str(k): value(item) for k, item in v.items()}
    if isinstance(v, list):
        return [value(item) for item in v]
    return v


def render_resource(resource) -> dict:
    out = {
        "type": resource.type,
        "name": value(resource.name),
        "id": value(resource.id),
        "symbol": resource.symbol,
        "condition": value(resource.condition),
        "body": value(resource.body),
    }
    if resource.scope is not None:
        out["scope"] = value(resource.scope)
    if resource.existing:
        out["existing"] = True
    if resource.api_version is not None:
        out["apiVersion"] = resource.api_version
    return out


def render_error(error) -> str:
    message = re.sub(r"^(cannot evaluate .*?): .*$", r"\1", error.message)
    return f"{Path(error.file).name}:{error.line}:{error.column}: {error.kind}: {message}"


def render_unit(unit: Unit) -> dict:
    return {
        "resources": [render_resource(r) for r in unit.resources],
        "errors": [render_error(e) for e in unit.errors],
    }


def fixture(name: str) -> str:
    return str(FIXTURES / name)
