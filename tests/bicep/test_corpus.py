"""Every .bicep/.bicepparam file of the shared real-world corpus parses (skipped when it is absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = [CORPUS / "bicep-samples", CORPUS / "avm"]


def _script():
    spec = importlib.util.spec_from_file_location("bicep_corpus_parse", ROOT / "scripts" / "bicep_corpus_parse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not all(f.is_dir() for f in FOLDERS), reason="shared corpus not present")
def test_whole_corpus_parses():
    script = _script()
    files = script.bicep_files(FOLDERS)
    assert len(files) > 100
    failures = script.parse_all(files)
    assert failures == [], "\n".join(failures[:50])


def test_script_reports_failures_with_positions(tmp_path, capsys):
    (tmp_path / "good.bicep").write_text("param a string\n")
    (tmp_path / "bad.bicepparam").write_text("using './x.bicep'\nparam = 1\n")
    assert _script().main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'bad.bicepparam'}:2:7: unexpected" in out
    assert "2 files, 1 parsed, 1 failed" in out
