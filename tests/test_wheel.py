"""The built wheel, installed into a fresh venv, lints the samples from outside the checkout.

This proves the rules and grammars ship inside the wheel. It needs the build
backend and the run-time dependencies from the package index (as a user's
`pip install` does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from azlint_testing import REPO


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("azlint-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return python, work


def test_wheel_contains_rules_and_grammars(installed_venv):
    python, _ = installed_venv
    proc = subprocess.run(
        [str(python), "-c", "import linter.resources as r; print(r.builtin_rules_dir()); print(r.grammars_dir())"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert proc.returncode == 0, proc.stderr
    rules_dir, grammars_dir = proc.stdout.split()
    assert str(installed_venv[1]) in rules_dir and str(installed_venv[1]) in grammars_dir
    assert list(Path(rules_dir).rglob("AZ804-*.toml"))
    assert (Path(grammars_dir) / "rule.lark").is_file()
    assert (Path(grammars_dir) / "arm_expression.lark").is_file()


def test_installed_command_lints_samples_outside_checkout(installed_venv, tmp_path):
    python, _ = installed_venv
    samples = tmp_path / "samples"
    shutil.copytree(REPO / "sample-templates", samples)
    azlint = python.parent / "azlint"
    proc = subprocess.run([str(azlint), "check", "samples"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "AZ804" in proc.stdout and "jumpbox-insecure.json" in proc.stdout
