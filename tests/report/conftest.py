"""Fixtures for the reporter tests: a project folder with real files, and its RunResult."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.result import RunResult

from .builders import build_result, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path)


@pytest.fixture
def result(project: Path) -> RunResult:
    return build_result(project)
