"""Findings on real corpus templates, checked by hand, must not drift.

`spot_checks.toml` lists corpus files (with an optional `root`: the folder
to lint instead, when the file's modules live above it) (relative to ../shared/corpus) with the
rules compared, the expected decided and undecided findings as `RULE:line`,
and a note of what was verified by reading the template. Each file is
linted on its own, as `azlint check FILE --select RULES --show-undecided`
would (a Terraform file with the rest of its folder). Skipped when the corpus is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from linter.check import CheckOptions, run_check

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1].parent / "shared" / "corpus"
SPOTS = tomllib.loads((HERE / "spot_checks.toml").read_text(encoding="utf-8"))["spot"]


def _ids(spot: dict) -> str:
    return f"{spot['file']}[{','.join(spot['rules'])}]"


def test_every_spot_check_is_well_formed():
    assert len(SPOTS) >= 60
    for spot in SPOTS:
        assert {"file", "rules", "findings", "undecided", "note"} <= set(spot) <= {
            "file", "rules", "findings", "undecided", "note", "root"}, spot["file"]
        assert len(spot["note"]) >= 20, spot["file"]
        for item in spot["findings"] + spot["undecided"]:
            rule, line = item.split(":")
            assert rule in spot["rules"] and int(line) > 0, (spot["file"], item)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("spot", SPOTS, ids=_ids)
def test_findings_match_the_hand_checked_ones(spot):
    path = CORPUS / spot["file"]
    linted = CORPUS / spot.get("root", spot["file"])  # a folder when modules must stay inside it
    result = run_check(CheckOptions(paths=[str(linted)], select=spot["rules"], show_undecided=True, jobs=1))
    # a Terraform file stands for its folder: compare only what is reported in the file itself
    visible = [f for f in result.findings if not f.suppressed and f.rule.id in spot["rules"]
               and Path(f.location.file).resolve() == path.resolve()]
    decided = sorted({f"{f.rule.id}:{f.location.line}" for f in visible if not f.undecided})
    undecided = sorted({f"{f.rule.id}:{f.location.line}" for f in visible if f.undecided})
    assert (decided, undecided) == (sorted(spot["findings"]), sorted(spot["undecided"])), spot["note"]
