"""The tools under test and how each is called: azlint, Checkov (in its own venv), the parse floor.

Checkov is installed with pip into `benchmarks/.work/checkov-venv` on first
use; when that fails (no network, no venv module) the benchmark goes on with
azlint alone and says why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CHECKOV_VERSION = "3.3.30"  # the version the issue measured


@dataclass
class Checkov:
    executable: str | None
    version: str = ""
    problem: str = ""  # why it is missing


def child_env() -> dict:
    """The environment for every measured process.

    PYTHONDONTWRITEBYTECODE is dropped so both tools run from compiled
    bytecode, as they do after a normal `pip install`; a warm-up run writes it.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONWARNINGS"] = "ignore"
    return env


def ensure_checkov(work: str, version: str = CHECKOV_VERSION, install: bool = True, log=print) -> Checkov:
    """Checkov from `work`/checkov-venv, installing it there first if needed and allowed."""
    venv_dir = os.path.join(work, "checkov-venv")
    executable = os.path.join(venv_dir, "bin", "checkov")
    if not os.path.exists(executable):
        if not install:
            return Checkov(None, problem="not installed (--no-install)")
        log(f"installing Checkov {version} into {venv_dir} (once) ...")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
            subprocess.run([os.path.join(venv_dir, "bin", "python"), "-m", "pip", "install", "-q",
                            f"checkov=={version}"], check=True, capture_output=True, timeout=1800)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            tail = detail.decode("utf-8", "replace").strip().splitlines()[-1:] if detail else []
            return Checkov(None, problem=f"could not be installed: {exc} {' '.join(tail)}".strip())
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=300,
                             env=child_env())
        return Checkov(executable, version=out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "?")
    except (OSError, subprocess.SubprocessError) as exc:
        return Checkov(None, problem=f"does not run: {exc}")


def azlint_command(target: str, jobs: int = 0) -> list[str]:
    command = [sys.executable, "-m", "linter", "check", target, "--format", "json"]
    if jobs:
        command += ["--jobs", str(jobs)]
    return command


def checkov_dir_command(checkov: Checkov, directory: str) -> list[str]:
    # --skip-download: without it Checkov spends its time waiting on a network it may not have
    return [checkov.executable, "-d", directory, "--framework", "arm", "bicep", "terraform",
            "--quiet", "--compact", "--skip-download"]


def checkov_file_command(checkov: Checkov, path: str) -> list[str]:
    return [checkov.executable, "-f", path, "--framework", "arm", "bicep", "terraform",
            "--quiet", "--compact", "--skip-download"]


def floor_command(target: str, fmt: str | None = None) -> list[str]:
    command = [sys.executable, os.path.join(HERE, "bench_floor.py"), target]
    if fmt:
        command += ["--format", fmt]
    return command


def azlint_version() -> str:
    try:
        from linter import __version__
    except ImportError:
        __version__ = "?"
    try:
        commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__} ({commit})" if commit else __version__
