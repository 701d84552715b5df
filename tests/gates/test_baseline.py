"""Baseline: write, load, filter; matching survives moved lines and counts duplicates."""

from __future__ import annotations

import json

import pytest

from linter.baseline import BaselineError, load_baseline, write_baseline
from linter.report.common import fingerprint

from .conftest import ALL_PORTS, SSH, finding, resource, write

PATH = ("properties", "securityRules", 0, "properties", "destinationPortRange")


def scenario(tmp_path, shift: int = 0):
    """Two NSGs in one file; `shift` lines inserted above both (every line number moves)."""
    file = tmp_path / "infra" / "main.bicep"
    web = resource(file, 1 + shift, name="nsg-web")
    db = resource(file, 20 + shift, name="nsg-db")
    return [
        finding(web, SSH, line=9 + shift, path=PATH),
        finding(web, ALL_PORTS, line=12 + shift, path=("properties", "securityRules", 1)),
        finding(db, SSH, line=29 + shift, path=PATH),
    ]


def test_written_entries_are_readable_and_relative(tmp_path):
    baseline_file = tmp_path / ".azlint-baseline.json"
    assert write_baseline(str(baseline_file), scenario(tmp_path)) == 3
    document = json.loads(baseline_file.read_text())
    assert document["version"] == 1
    first = document["entries"][0]
    assert first["file"] == "infra/main.bicep"
    assert first["resource"] == {"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-db"}
    assert first["rule"] == "AZ804"
    assert first["message"] == "port 22 open"
    assert len(first["fingerprint"]) == 32


def test_fingerprint_is_the_sarif_one(tmp_path):
    baseline_file = tmp_path / "b.json"
    findings = scenario(tmp_path)
    write_baseline(str(baseline_file), findings, root=str(tmp_path))
    recorded = {e["fingerprint"] for e in json.loads(baseline_file.read_text())["entries"]}
    assert recorded == {fingerprint(f, str(tmp_path)) for f in findings}


def test_matches_survive_inserted_lines_and_new_findings_are_reported(tmp_path):
    baseline_file = tmp_path / ".azlint-baseline.json"
    write_baseline(str(baseline_file), scenario(tmp_path))
    moved = scenario(tmp_path, shift=7)
    new = finding(resource(tmp_path / "infra" / "main.bicep", 50, name="nsg-new"), SSH, line=58, path=PATH)
    findings = load_baseline(str(baseline_file)).filter(moved + [new])
    assert [f.suppressed for f in findings] == [True, True, True, False]
    assert {f.suppression for f in moved} == {"baseline"}
    assert new.suppression is None


def test_a_changed_property_path_is_a_new_finding(tmp_path):
    baseline_file = tmp_path / "b.json"
    write_baseline(str(baseline_file), scenario(tmp_path))
    changed = scenario(tmp_path)
    changed[0].path = ("properties", "securityRules", 3, "properties", "destinationPortRange")
    load_baseline(str(baseline_file)).filter(changed)
    assert [f.suppressed for f in changed] == [False, True, True]


def test_matching_counts_duplicates(tmp_path):
    baseline_file = tmp_path / "b.json"
    res = resource(tmp_path / "main.bicep", 1)
    write_baseline(str(baseline_file), [finding(res, SSH, path=PATH), finding(res, SSH, path=PATH)])
    three = [finding(res, SSH, path=PATH) for _ in range(3)]
    load_baseline(str(baseline_file)).filter(three)
    assert [f.suppressed for f in three] == [True, True, False]


def test_inline_suppressed_findings_are_not_recorded_nor_matched(tmp_path):
    baseline_file = tmp_path / "b.json"
    findings = scenario(tmp_path)
    findings[0].suppressed, findings[0].suppression = True, "reviewed"
    assert write_baseline(str(baseline_file), findings) == 2
    again = scenario(tmp_path)
    again[0].suppressed, again[0].suppression = True, "reviewed"
    load_baseline(str(baseline_file)).filter(again)
    assert [f.suppression for f in again] == ["reviewed", "baseline", "baseline"]


def test_rewriting_keeps_baselined_findings(tmp_path):
    baseline_file = tmp_path / "b.json"
    write_baseline(str(baseline_file), scenario(tmp_path))
    findings = load_baseline(str(baseline_file)).filter(scenario(tmp_path))
    assert write_baseline(str(baseline_file), findings) == 3


def test_paths_are_relative_to_the_baseline_folder_whatever_the_cwd(tmp_path, monkeypatch):
    baseline_file = tmp_path / "b.json"
    write_baseline(str(baseline_file), scenario(tmp_path))
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    findings = load_baseline(str(baseline_file)).filter(scenario(tmp_path))
    assert all(f.suppressed for f in findings)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "not a JSON baseline file"),
        ('{"version": 9, "entries": []}', "unsupported baseline version 9"),
        ("[]", "unsupported baseline version None"),
        ('{"version": 1}', "'entries' must be a list"),
        ('{"version": 1, "entries": [{"rule": "AZ804"}]}', "entries[0] must be an object with"),
        ('{"version": 1, "entries": [{"rule": "AZ804", "file": "a", "fingerprint": "f", "resource": "x"}]}',
         "entries[0].resource must be an object"),
        ('{"version": 1, "entries": [{"rule": 1, "file": "a", "fingerprint": "f",'
         ' "resource": {"type": "t", "name": "n"}}]}', "must be strings"),
    ],
)
def test_bad_baseline_files_are_clear_errors(tmp_path, text, words):
    path = write(tmp_path, "b.json", text)
    with pytest.raises(BaselineError) as caught:
        load_baseline(str(path))
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_missing_baseline_file(tmp_path):
    with pytest.raises(BaselineError, match="cannot read baseline"):
        load_baseline(str(tmp_path / "nope.json"))
