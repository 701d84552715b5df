"""The JSON reporter: the documented schema, stable and deterministic."""

from __future__ import annotations

import json
import re
from pathlib import Path

from linter import __version__
from linter.report import render

from .builders import build_result


def test_json_snapshot(project, snapshot):
    out = render("json", build_result(project, show_undecided=True))
    # the tool version changes with each release; the snapshot is about the schema
    assert out.replace(f'"version": "{__version__}"', '"version": "<version>"') == snapshot


def test_top_level_shape(result):
    doc = json.loads(render("json", result))
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "azlint", "version": __version__}
    assert set(doc) == {"version", "tool", "summary", "findings", "errors"}
    assert doc["summary"] == {
        "findings": 2, "errors": 1, "warnings": 1, "notes": 0, "undecided": 0,
        "suppressed": 2, "files": 3, "resources": 2, "input_errors": 1,
    }


def test_findings_include_suppressed_but_not_hidden_undecided(result):
    doc = json.loads(render("json", result))
    messages = {f["message"]: f for f in doc["findings"]}
    assert set(messages) == {
        "Accepted risk", "Old finding", "minimumTlsVersion is TLS1_0",
        "Inbound rule 'allow-ssh' opens port 22 to any source",
    }
    ssh = messages["Inbound rule 'allow-ssh' opens port 22 to any source"]
    assert ssh["file"] == "infra/nsg.bicep" and (ssh["line"], ssh["column"]) == (9, 3)
    assert ssh["resource"] == {"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-web", "symbol": "nsg"}
    assert ssh["path"] == "properties.securityRules[0].properties.destinationPortRange"
    assert messages["Accepted risk"]["suppressed"] is True
    assert messages["Accepted risk"]["justification"] == "legacy client, ticket OPS-12"
    assert messages["minimumTlsVersion is TLS1_0"]["resource"]["name"] is None  # not known before deployment


def test_fingerprint_matches_sarif(result):
    doc = json.loads(render("json", result))
    sarif = json.loads(render("sarif", result))
    from_json = {f["message"]: f["fingerprint"] for f in doc["findings"]}
    from_sarif = {r["message"]["text"]: next(iter(r["partialFingerprints"].values()))
                  for r in sarif["runs"][0]["results"]}
    assert from_json == from_sarif


def test_errors(result):
    doc = json.loads(render("json", result))
    assert doc["errors"] == [
        {"file": "broken.json", "line": 4, "column": 12, "message": "Expected ',' or '}'", "kind": "error"},
        {"file": "main.bicep", "line": None, "column": None,
         "message": "linked template not fetched: https://x/y.json", "kind": "note"},
    ]


def test_deterministic_and_relative(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("copy")
    from .builders import write_project

    write_project(other)
    assert render("json", build_result(project)) == render("json", build_result(other))
    assert str(project) not in render("json", build_result(project))


def test_every_field_is_documented(result):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "json-format.md").read_text()
    first_cells = [line.split("|")[1] for line in docs.splitlines() if line.startswith("| `")]
    names = {name for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)}
    doc = json.loads(render("json", result))
    for key in doc["summary"]:
        assert key in names, f"summary.{key} is not documented"
    for key, value in doc["findings"][0].items():
        if isinstance(value, dict):
            for sub in value:
                assert f"{key}.{sub}" in names, f"{key}.{sub} is not documented"
        else:
            assert key in names, f"{key} is not documented"
    for key in doc["errors"][0]:
        assert key in names, f"errors.{key} is not documented"
