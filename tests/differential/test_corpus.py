"""The differential check on the real corpus: every disagreement is fixed or explained.

Runs only when ../shared/corpus exists beside the checkout; the corpus is
compared once per session (about 30 s of CPU, spread over a few processes).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
CORPORA = [CORPUS / "bicep-samples", CORPUS / "avm"]

pytestmark = pytest.mark.skipif(not all(p.is_dir() for p in CORPORA), reason="no ../shared/corpus beside the checkout")


@pytest.fixture(scope="module")
def verdict(differential):
    pairs = differential.find_pairs(CORPORA)
    comparisons = differential.compare_all(pairs, root=str(CORPUS), jobs=min(4, os.cpu_count() or 1))
    return differential.judge(comparisons, differential.load_allowlist(differential.DEFAULT_ALLOW), CORPUS)


def test_every_disagreement_is_explained(differential, verdict):
    described = [f"{c.pair.compiled}\n" + "\n".join(differential.describe(c)) for c in verdict.unexplained]
    assert not described, "\n".join(described)


def test_no_allowlist_entry_is_stale(verdict):
    assert not verdict.stale, f"allow-listed pairs that agree now (remove them): {verdict.stale}"


def test_allowlist_names_corpus_files(differential):
    missing = [key for key in differential.load_allowlist(differential.DEFAULT_ALLOW) if not (CORPUS / key).is_file()]
    assert not missing


def test_both_builds_of_the_samples_are_compared(verdict):
    compared = verdict.agreed + [c for c, _ in verdict.allowed] + verdict.unexplained
    builds = {Path(c.pair.compiled).name for c in compared}
    assert builds == {"main.json", "main.symbolicnames.json"}
    assert len(verdict.agreed) >= 0.95 * len(compared)
