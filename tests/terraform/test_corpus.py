"""Every terraform-quickstart folder of the shared corpus loads without a traceback."""

from __future__ import annotations

import glob
import os
import time
from pathlib import Path

import pytest

from linter.frontends.terraform import load_terraform

CORPUS = str(Path(__file__).resolve().parents[3] / "shared" / "corpus" / "terraform-quickstart")


def _folders() -> list[str]:
    return sorted({os.path.dirname(f) for f in glob.glob(f"{CORPUS}/**/*.tf", recursive=True)})


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="corpus not available")
def test_corpus_loads_without_traceback():
    folders = _folders()
    started = time.perf_counter()
    resources = 0
    for folder in folders:
        unit = load_terraform(folder, [])
        resources += len(unit.resources)
        assert all(e.kind == "note" or e.line for e in unit.errors), folder
    elapsed = time.perf_counter() - started
    print(f"\nterraform-quickstart: {len(folders)} folders, {resources} resources, {elapsed:.2f}s")
    assert len(folders) > 0 and resources > 0
