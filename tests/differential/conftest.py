"""Shared fixtures: the differential script loaded as a module, the built-in rules, a pair writer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("bicep_differential", ROOT / "scripts" / "bicep_differential.py")
bicep_differential = importlib.util.module_from_spec(SPEC)
sys.modules["bicep_differential"] = bicep_differential  # dataclasses and worker processes look it up by name
SPEC.loader.exec_module(bicep_differential)


@pytest.fixture(scope="session")
def differential():
    """scripts/bicep_differential.py as a module."""
    return bicep_differential


@pytest.fixture(scope="session")
def rules():
    return list(bicep_differential.load_rules())


@pytest.fixture
def write_pair(tmp_path):
    """write_pair(bicep_text, compiled_doc, extra={name: text}) -> Pair in its own folder."""

    def write(bicep: str, compiled: dict, extra: dict | None = None, build: str = "main.json"):
        folder = tmp_path / "unit"
        folder.mkdir(exist_ok=True)
        (folder / "main.bicep").write_text(bicep, encoding="utf-8")
        (folder / build).write_text(json.dumps(compiled, indent=2), encoding="utf-8")
        for name, text in (extra or {}).items():
            (folder / name).write_text(text, encoding="utf-8")
        return bicep_differential.Pair(str(folder / "main.bicep"), str(folder / build))

    return write
