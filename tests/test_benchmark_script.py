"""The benchmark script's pieces work on a tiny folder, with azlint alone (no timing assertions, no Checkov)."""

from __future__ import annotations

import json
import os
import sys

import pytest

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")
sys.path.insert(0, BENCHMARKS)

import bench_corpus  # noqa: E402
import bench_floor  # noqa: E402
import bench_measure  # noqa: E402
import bench_report  # noqa: E402
import run as bench_run  # noqa: E402

ARM = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st",
                   "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
                   "properties": {"supportsHttpsTrafficOnly": False}}],
}
PARAMS = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {},
}
BICEP = "param location string = resourceGroup().location\n\nresource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'st'\n  location: location\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n}\n"
TF = 'resource "azurerm_resource_group" "rg" {\n  name     = "rg"\n  location = "westeurope"\n}\n'


@pytest.fixture
def tiny(tmp_path):
    root = tmp_path / "corpus"
    (root / "arm").mkdir(parents=True)
    (root / "arm" / "main.json").write_text(json.dumps(ARM, indent=2))
    (root / "arm" / "main.parameters.json").write_text(json.dumps(PARAMS, indent=2))
    (root / "bicep").mkdir()
    (root / "bicep" / "main.bicep").write_text(BICEP)
    (root / "tf").mkdir()
    (root / "tf" / "main.tf").write_text(TF)
    (root / "tf" / "README.md").write_text("not an input\n")
    (root / ".git").mkdir()
    (root / ".git" / "config.json").write_text("{}")
    return root


def test_file_format_by_name():
    assert bench_corpus.file_format("a/b.tf") == "terraform"
    assert bench_corpus.file_format("a/b.tf.json") == "terraform"
    assert bench_corpus.file_format("x.tfvars") == "terraform"
    assert bench_corpus.file_format("x.bicepparam") == "bicep"
    assert bench_corpus.file_format("azuredeploy.JSON") == "arm"
    assert bench_corpus.file_format("README.md") is None


def test_stats_count_only_inputs_and_skip_vcs_folders(tiny):
    everything = bench_corpus.stats(str(tiny))
    assert everything.files == 4
    assert bench_corpus.stats(str(tiny), "terraform").files == 1
    assert bench_corpus.stats(str(tiny), "terraform").lines == TF.count("\n")


def test_make_view_filters_by_format_and_copies(tiny, tmp_path):
    view = bench_corpus.make_view(str(tiny), str(tmp_path / "view"), "arm")
    assert bench_corpus.walk_files(view) == ["arm/main.json", "arm/main.parameters.json"]
    scaled = bench_corpus.make_view(str(tiny), str(tmp_path / "scaled"), None, copies=2)
    files = bench_corpus.walk_files(scaled)
    assert len(files) == 8
    assert "copy-2/tf/main.tf" in files and "copy-1/bicep/main.bicep" in files
    # rebuilding replaces the old view instead of adding to it
    again = bench_corpus.make_view(str(tiny), str(tmp_path / "scaled"), "bicep", copies=2)
    assert bench_corpus.walk_files(again) == ["copy-1/bicep/main.bicep", "copy-2/bicep/main.bicep"]


def test_small_files_pick_a_template_not_a_parameter_file(tiny):
    picked = bench_corpus.small_files(str(tiny))
    assert set(picked) == {"arm", "bicep", "terraform"}
    assert picked["arm"].endswith("main.json")
    assert picked["terraform"].endswith("main.tf")


def test_parse_floor_parses_and_counts_failures(tiny):
    (tiny / "arm" / "broken.json").write_text('{"a": ')
    assert bench_floor.parse_floor(str(tiny), "arm") == (2, 1)
    assert bench_floor.parse_floor(str(tiny), "terraform") == (1, 0)
    assert bench_floor.parse_floor(str(tiny), "bicep") == (1, 0)


def test_run_measured_reports_exit_code_time_and_memory():
    sample = bench_measure.run_measured([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert sample.exit_code == 3 and not sample.timed_out
    assert sample.wall > 0 and sample.cpu >= 0 and sample.max_rss_kb > 0


def test_run_measured_kills_a_run_past_its_timeout():
    sample = bench_measure.run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert sample.timed_out


def test_alternate_interleaves_and_takes_medians():
    seen = []
    commands = {"a": [sys.executable, "-c", "pass"], "b": [sys.executable, "-c", "pass"]}
    series = bench_measure.alternate(commands, 2, progress=lambda name, n, s: seen.append(name))
    assert seen == ["a", "b", "b", "a"]
    assert len(series["a"].samples) == 2 and series["a"].median("wall") > 0


def _fake(wall, cpu, rss):
    return {"wall": wall, "cpu": cpu, "peak_rss_kb": rss, "runs": 3, "exit": "1"}


def test_report_puts_targets_and_ratios_first_and_keeps_hand_written_notes():
    results = {
        "machine": {"cpu": "cpu", "cores": 2, "memory": "24 GiB", "os": "Linux", "python": "3.11",
                    "azlint": "0.1.0", "checkov": "3.3.30", "load_start": "1", "load_end": "1",
                    "load_note": "little"},
        "date": "today", "corpus_path": "corpus",
        "corpus": {"all": {"label": "whole corpus", "size": {"files": 10, "lines": 100},
                           "azlint": _fake(1.0, 1.5, 50_000), "checkov": _fake(30.0, 40.0, 400_000),
                           "floor": _fake(0.5, 0.4, 20_000)},
                   "arm": {"label": "ARM JSON only", "size": {"files": 5, "lines": 50},
                           "azlint": _fake(1.0, 1.0, 50_000), "checkov": _fake(5.0, 5.0, 300_000),
                           "floor": _fake(0.05, 0.05, 20_000)}},
        "small": {"arm": {"file": "a.json", "lines": 250, "azlint": _fake(0.15, 0.1, 30_000)}},
    }
    text = bench_report.render(results, "\n## Optimisations\n\nlazy imports: -40 ms\n")
    rows = dict((t, (m, v)) for t, m, v in bench_report.target_rows(results))
    assert rows["whole corpus: azlint >= 20x faster than Checkov (wall)"] == ("30.0x", "met")
    assert rows["arm alone: >= 10x faster than Checkov (wall)"] == ("5.0x", "**not met**")
    assert rows["JSON inputs: azlint <= 10x the parse floor (wall)"] == ("20.0x", "**not met**")
    assert rows["one small arm file: < 0.2 s wall, interpreter included"] == ("0.15 s", "met")
    assert text.index("## Targets") < text.index("## Ratios") < text.index("## Absolute numbers")
    assert bench_report.kept_notes(text).strip() == "## Optimisations\n\nlazy imports: -40 ms"


def test_run_end_to_end_with_azlint_alone(tiny, tmp_path):
    output = tmp_path / "RESULTS.md"
    code = bench_run.main([str(tiny), "--no-checkov", "--quick", "--small-repeats", "1", "--scales", "1,2",
                           "--skip", "formats", "--work", str(tmp_path / "work"), "--output", str(output)])
    assert code == 0
    text = output.read_text()
    assert "Checkov skipped (--no-checkov)" in text
    assert "| whole corpus | 4 files" in text
    assert "| 2x |" in text
    results = json.loads((tmp_path / "work" / "results.json").read_text())
    assert results["corpus"]["all"]["azlint"]["exit"] in {"0", "1"}  # findings or none, never a crash
    assert set(results["small"]) == {"arm", "bicep", "terraform"}
