"""Every ARM template of the shared corpus loads without an exception (only recorded input errors).

Skipped when /work/shared/corpus is absent. Run with `-s` to see the counts
and the list of input errors, to judge them.
"""

from __future__ import annotations

import collections
import json
import time
from pathlib import Path

import pytest

from linter.frontends.arm.template import load_arm

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # ../shared beside the checkout
PATTERNS = {
    "arm-quickstart": "arm-quickstart/**/*.json",
    "alz": "alz/**/*.json",
    "avm": "avm/**/main.json",
    "bicep-samples": "bicep-samples/**/*.json",
}


def _schema(path: Path) -> str:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), strict=False)
    except (ValueError, UnicodeDecodeError):
        return ""
    schema = data.get("$schema") if isinstance(data, dict) else None
    return schema.lower() if isinstance(schema, str) else ""


def templates(pattern: str) -> list[tuple[Path, Path | None]]:
    """(template, parameter file beside it or None) for each deployment template matching the pattern."""
    found = []
    for path in sorted(CORPUS.glob(pattern)):
        if "deploymenttemplate" not in _schema(path):
            continue
        parameters = path.with_name(path.stem + ".parameters.json")
        found.append((path, parameters if parameters.is_file() else None))
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("folder", sorted(PATTERNS))
def test_corpus_loads(folder):
    pairs = templates(PATTERNS[folder])
    if not pairs:
        pytest.skip(f"no templates under {folder}")
    started = time.perf_counter()
    resources = 0
    errors = []
    for template, parameters in pairs:
        unit = load_arm(str(template), str(parameters) if parameters else None)
        resources += len(unit.resources)
        errors.extend(unit.errors)
    elapsed = time.perf_counter() - started
    kinds = collections.Counter(e.kind for e in errors)
    print(
        f"\n{folder}: {len(pairs)} templates, {resources} resources, "
        f"{kinds['error']} input errors, {kinds['note']} notes, {elapsed:.2f} s"
    )
    for error in errors:
        print(f"  {error.kind}: {error}"[:240])
    internal = [e for e in errors if "internal error" in e.message]
    assert not internal, internal[:5]
    assert resources > 0


def _model_view(unit) -> list:
    from linter.model import Unknown

    def plain(v):
        if isinstance(v, Unknown):
            return "<unknown>"
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return sorted(
        repr((r.type.lower(), plain(r.name), plain(r.body), plain(r.condition)))
        for r in unit.resources
        if not r.existing
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_symbolic_and_classic_compilations_agree():
    """A Bicep file compiled with and without symbolic names gives the same resources."""
    pairs = [
        (p.with_name("main.json"), p)
        for p in sorted(CORPUS.glob("bicep-samples/**/main.symbolicnames.json"))
        if p.with_name("main.json").is_file()
    ]
    if not pairs:
        pytest.skip("no symbolic-name builds in the corpus")
    differing = [
        str(symbolic)
        for classic, symbolic in pairs
        if _model_view(load_arm(str(classic))) != _model_view(load_arm(str(symbolic)))
    ]
    assert differing == []
