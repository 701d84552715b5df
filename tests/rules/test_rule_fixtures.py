"""Every rule's fixtures, in every format, through the real pipeline.

A fixture folder per rule (`tests/rules/AZ804/`) holds failing and passing
inputs: ARM JSON (`*.json`), Bicep (`*.bicep`) and Terraform (a folder with
`main.tf`). The expected findings are marked inside the fixture with a
comment `expect: AZ804` (`//` in JSONC and Bicep, `#` in Terraform), either at
the end of the offending line or alone on the line before it. A fixture whose
name starts with `pass` must give no finding of its rule.

Each fixture's findings are also kept as a syrupy snapshot, so a change in a
message or a column shows up in review.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.check import CheckOptions, run_check

HERE = Path(__file__).parent
EXPECT = re.compile(r"(?://|#)\s*expect:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)")


def _fixtures() -> list[Path]:
    found = []
    for rule_dir in sorted(p for p in HERE.iterdir() if p.is_dir() and re.fullmatch(r"AZ\d{3}", p.name)):
        for entry in sorted(rule_dir.iterdir()):
            if entry.suffix in (".json", ".bicep") or (entry.is_dir() and list(entry.glob("*.tf"))):
                found.append(entry)
    return found


def expected_findings(fixture: Path) -> set[tuple[str, str, int]]:
    """(file name, rule id, line) for every `expect:` marker in the fixture."""
    files = sorted(fixture.rglob("*.tf")) if fixture.is_dir() else [fixture]
    expected = set()
    for file in files:
        lines = file.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = EXPECT.search(line)
            if not match:
                continue
            target = number
            if line.strip().startswith(("//", "#")):  # a marker alone applies to the next code line
                target = next(
                    n for n in range(number + 1, len(lines) + 1) if not lines[n - 1].strip().startswith(("//", "#"))
                )
            for rule_id in re.split(r"\s*,\s*", match.group(1)):
                expected.add((file.name, rule_id, target))
    return expected


def lint(fixture: Path, rule_id: str):
    result = run_check(CheckOptions(paths=[str(fixture)], select=[rule_id]))
    return result


@pytest.mark.parametrize("fixture", _fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixture(fixture: Path, snapshot):
    rule_id = fixture.parent.name
    result = lint(fixture, rule_id)
    assert not result.input_errors, [str(e) for e in result.input_errors]
    found = {(Path(f.location.file).name, f.rule.id, f.location.line) for f in result.visible_findings}
    expected = expected_findings(fixture)
    if fixture.name.startswith("pass"):
        assert not expected, "a passing fixture must not carry expect: markers"
    else:
        assert expected, "a failing fixture must mark its expected findings with expect: comments"
    assert found == expected
    rendered = [
        f"{Path(f.location.file).name}:{f.location.line}:{f.location.column}: {f.rule.id} {f.message}"
        for f in result.visible_findings
    ]
    assert rendered == snapshot


def test_every_rule_has_fixtures_in_every_format():
    from linter.rules.loader import load_rules

    formats_per_rule = {}
    for fixture in _fixtures():
        kind = "terraform" if fixture.is_dir() else {".json": "arm", ".bicep": "bicep"}[fixture.suffix]
        outcome = "pass" if fixture.name.startswith("pass") else "fail"
        formats_per_rule.setdefault(fixture.parent.name, set()).add((kind, outcome))
    missing = {}
    for rule in load_rules(builtin=True):
        expected_formats = rule.info.docs.get("formats", ["arm", "bicep", "terraform"])
        wanted = {(kind, outcome) for kind in expected_formats for outcome in ("pass", "fail")}
        lacking = wanted - formats_per_rule.get(rule.info.id, set())
        if lacking:
            missing[rule.info.id] = sorted(lacking)
    assert not missing, f"rules without pass and fail fixtures per format: {missing}"
