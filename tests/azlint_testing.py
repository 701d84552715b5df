"""Shared test helpers: run the real CLI, validate SARIF against the official schema.

Imported by name (`from azlint_testing import ...`): a unique module name, since
several test folders have a conftest.py of their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).resolve().parent / "sarif-schema-2.1.0.json"


def run_azlint(*args: str, cwd: Path | str = REPO, input: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m linter ...` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


def validate_sarif(log: dict) -> None:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
