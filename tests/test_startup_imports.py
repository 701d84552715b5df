"""A plain one-file Terraform run, as pre-commit starts it, imports only what such a run needs.

Start-up time is most of a one-file run (issue 8), and an import at the top of
a module is easily added back by accident. The run happens in a separate
process (the test process has imported nearly everything), twice with one
private cache folder: the first run builds the caches (lark, tomllib), the
second is the warm start pre-commit sees. Modules the interpreter itself
imports at start-up here (site, `.pth` files) are not the run's doing and are
left out. No timing is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

MAIN_TF = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-web"
  location            = var.location
  resource_group_name = "rg-web"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"""

VARIABLES_TF = 'variable "location" {\n  type    = string\n  default = "westeurope"\n}\n'

# What a warm one-file Terraform run with the text report must not import, and why each stays out.
NOT_NEEDED = {
    "click": "a plain `check` command line is parsed without click (linter.__main__)",
    "multiprocessing": "one unit never starts a process pool",
    "concurrent.futures": "one unit never starts a process pool",
    "lark": "rules and HCL tables come from the cache",
    "hcl2": "HCL is parsed with the cached tables",
    "tomllib": "rule files come from the cache",
    "hashlib": "the tables cache is named by a CRC; the text report has no fingerprints",
    "glob": "*.auto.tfvars files are found with one listdir",
    "base64": "Terraform's base64 functions import it when called",
    "linter.rules.tomlscan": "only a rule-file error needs its position",
    "linter.baseline": "no --baseline given",
    "linter.cli": "the click command line is not needed",
    "linter.frontends.arm": "no ARM template given",
    "linter.frontends.bicep": "no Bicep file given",
    "linter.frontends.terraform.jsonconfig": "no .tf.json file",
    "linter.frontends.terraform.hcl_fallback": "the table-driven parser handles the grammar",
}

# Runs `python -m linter ARGS...` in this process and prints the imported module names when it exits.
PROBE = (
    "import atexit, json, runpy, sys\n"
    "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['azlint', *sys.argv[1:]]\n"
    "runpy.run_module('linter', run_name='__main__')\n"
)


def _environment(cache_home: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(REPO)}
    env.pop("AZLINT_NO_CACHE", None)
    return env


def _interpreter_modules(cache_home: Path) -> set[str]:
    """What the interpreter has imported before running anything here (less json, which this probe uses)."""
    code = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], env=_environment(cache_home), capture_output=True,
                          text=True, timeout=300, check=True)
    return set(json.loads(proc.stdout)) - {"json", "json.decoder", "json.encoder", "json.scanner", "_json"}


def _imported_modules(folder: Path, cache_home: Path) -> set[str]:
    env = _environment(cache_home)
    proc = subprocess.run([sys.executable, "-c", PROBE, "check", "main.tf"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the open SSH port is a finding
    assert "AZ804" in proc.stdout
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def warm_run_modules(tmp_path_factory) -> set[str]:
    folder = tmp_path_factory.mktemp("tf")
    (folder / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    (folder / "variables.tf").write_text(VARIABLES_TF, encoding="utf-8")
    cache_home = tmp_path_factory.mktemp("cache-home")
    _imported_modules(folder, cache_home)  # cold: builds the rule and HCL table caches
    return _imported_modules(folder, cache_home) - _interpreter_modules(cache_home)


@pytest.mark.parametrize("module", sorted(NOT_NEEDED))
def test_a_warm_one_file_terraform_run_does_not_import(warm_run_modules, module):
    loaded = sorted(name for name in warm_run_modules if name == module or name.startswith(module + "."))
    assert not loaded, f"{module} imported ({NOT_NEEDED[module]})"


def test_the_probe_sees_what_the_run_needs(warm_run_modules):
    """The list above means something only if the probe sees the modules such a run does use."""
    assert {"linter.frontends.terraform.hcl_lalr", "linter.rules.engine", "linter.report.text"} <= warm_run_modules
