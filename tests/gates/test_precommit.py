"""The real `.pre-commit-hooks.yaml` through the real pre-commit, installed from this checkout's HEAD.

pre-commit clones the hook repository at a revision and pip-installs it into a
fresh virtualenv (this needs the package index, for the build backend and the
dependencies), so the test lints with what is committed, not with the work tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

OPEN_SSH = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-web"
  location            = "westeurope"
  resource_group_name = "rg-web"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "%s"
    destination_address_prefix = "*"
  }
}
"""


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def head_with_hooks() -> str:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout (sdist): pre-commit needs a revision to clone")
    sha = git(REPO, "rev-parse", "HEAD")
    listed = git(REPO, "ls-tree", "--name-only", sha, ".pre-commit-hooks.yaml")
    assert listed == ".pre-commit-hooks.yaml", "commit .pre-commit-hooks.yaml first"
    return sha


def pre_commit(project: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    which = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(["pre-commit", "run", *which], cwd=project, capture_output=True,
                          text=True, env=env, timeout=900)


@pytest.mark.slow
def test_hooks_fail_on_a_bad_change_and_pass_on_a_good_one(tmp_path):
    sha = head_with_hooks()
    project = tmp_path / "project"
    (project / "network").mkdir(parents=True)
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {REPO.as_posix()}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        "      - id: azlint-terraform\n"
        "        args: [--select, 'AZ804,AZ805']\n"  # the NSG rules: later rules must not change the outcome
        "      - id: azlint-bicep\n"
    )
    (project / "network" / "nsg.tf").write_text(OPEN_SSH % "*")
    (project / "network" / "variables.tf").write_text('variable "env" {\n  default = "prod"\n}\n')
    git(project, "add", ".")

    # only variables.tf changed: the hook still lints its module, where nsg.tf opens SSH
    one_file = pre_commit(project, tmp_path / "home", "network/variables.tf")
    assert one_file.returncode == 1, one_file.stdout + one_file.stderr
    assert "AZ804" in one_file.stdout and "nsg.tf" in one_file.stdout

    bad = pre_commit(project, tmp_path / "home")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "azlint (Terraform)" in bad.stdout and "Failed" in bad.stdout
    assert "AZ804" in bad.stdout
    assert "nsg.tf" in bad.stdout
    assert "azlint (Bicep)" in bad.stdout  # no Bicep files: skipped, not failed

    (project / "network" / "nsg.tf").write_text(OPEN_SSH % "10.0.0.0/24")
    git(project, "add", ".")
    good = pre_commit(project, tmp_path / "home")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "AZ804" not in good.stdout


@pytest.mark.parametrize(
    ("hook", "matches", "skips"),
    [
        ("azlint", ["a.json", "b/c.jsonc", "m.bicep", "m.bicepparam", "x/main.tf", "prod.tfvars"], ["a.py", "tf"]),
        ("azlint-arm", ["azuredeploy.json", "a.jsonc"], ["main.bicep", "main.tf"]),
        ("azlint-bicep", ["main.bicep", "main.bicepparam"], ["main.json", "main.tf"]),
        ("azlint-terraform", ["main.tf", "prod.tfvars"], ["main.tf.bak", "main.bicep"]),
    ],
)
def test_hook_file_patterns(hook, matches, skips):
    import re

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    spec = hooks[hook]
    assert spec["entry"] == "azlint check" and spec["language"] == "python" and spec["require_serial"]
    pattern = re.compile(spec["files"])
    assert all(pattern.search(name) for name in matches)
    assert not any(pattern.search(name) for name in skips)
