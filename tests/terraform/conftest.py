"""Helpers for the Terraform frontend tests: load a fixture folder or inline sources."""

from __future__ import annotations

import os

import pytest

from linter.frontends.terraform import load_terraform
from linter.model import Model

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def fixture_dir(name: str) -> str:
    return os.path.join(FIXTURES, name)


@pytest.fixture
def load_source(tmp_path):
    """Write {filename: text} into a temporary module folder and load it."""

    def load(files: dict, **kwargs):
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        unit = load_terraform(str(tmp_path), [], **kwargs)
        return unit, Model(unit.resources)

    return load
