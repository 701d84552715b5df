"""Deployment units and their modules: the lint root, and one report per module resource."""

from __future__ import annotations

import subprocess

from azlint_testing import run_azlint

OPEN_SSH_TF = """
variable "port" {
  type = string
}

resource "azurerm_network_security_group" "nsg" {
  name                = "nsg-from-module"
  location            = "westeurope"
  resource_group_name = "rg"

  security_rule {
    name                       = "ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = var.port
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
"""


def _git_repo(path):
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def test_terraform_module_beside_the_environment_is_inside_the_repository(tmp_path):
    _git_repo(tmp_path)
    (tmp_path / "modules" / "nsg").mkdir(parents=True)
    (tmp_path / "modules" / "nsg" / "main.tf").write_text(OPEN_SSH_TF)
    (tmp_path / "envs" / "prod").mkdir(parents=True)
    (tmp_path / "envs" / "prod" / "main.tf").write_text(
        'module "nsg" {\n  source = "../../modules/nsg"\n  port   = "22"\n}\n'
    )
    proc = run_azlint("check", "envs/prod", "--select", "AZ804", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "modules/nsg/main.tf:18:5: AZ804" in proc.stdout


def test_module_outside_the_repository_is_an_input_error(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git_repo(repo)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "main.tf").write_text(OPEN_SSH_TF)
    (repo / "main.tf").write_text('module "x" {\n  source = "../elsewhere"\n  port   = "22"\n}\n')
    proc = run_azlint("check", ".", cwd=repo)
    assert proc.returncode == 2
    assert "main.tf:" in proc.stdout


def test_a_module_linted_with_its_caller_is_reported_once(tmp_path):
    _git_repo(tmp_path)
    (tmp_path / "modules" / "nsg").mkdir(parents=True)
    (tmp_path / "modules" / "nsg" / "main.tf").write_text(OPEN_SSH_TF)
    (tmp_path / "main.tf").write_text('module "nsg" {\n  source = "./modules/nsg"\n  port   = "22"\n}\n')
    proc = run_azlint("check", ".", "--select", "AZ804", "--show-undecided", "--format", "json", cwd=tmp_path)
    import json

    findings = json.loads(proc.stdout)["findings"]
    assert [(f["file"], f["line"], f["undecided"]) for f in findings] == [("modules/nsg/main.tf", 18, False)]


def test_a_bicep_module_linted_with_its_caller_is_reported_once(tmp_path):
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "nsg.bicep").write_text(
        "param port string\n"
        "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n"
        "  name: 'nsg'\n"
        "  location: 'westeurope'\n"
        "  properties: {\n"
        "    securityRules: [\n"
        "      {\n"
        "        name: 'ssh'\n"
        "        properties: {\n"
        "          priority: 100\n"
        "          direction: 'Inbound'\n"
        "          access: 'Allow'\n"
        "          protocol: 'Tcp'\n"
        "          sourceAddressPrefix: '*'\n"
        "          sourcePortRange: '*'\n"
        "          destinationAddressPrefix: '*'\n"
        "          destinationPortRange: port\n"
        "        }\n"
        "      }\n"
        "    ]\n"
        "  }\n"
        "}\n"
    )
    (tmp_path / "main.bicep").write_text("module nsg './modules/nsg.bicep' = {\n  name: 'nsg'\n  params: {\n    port: '22'\n  }\n}\n")
    proc = run_azlint("check", ".", "--select", "AZ804", "--show-undecided", "--format", "json", cwd=tmp_path)
    import json

    findings = json.loads(proc.stdout)["findings"]
    assert [(f["file"], f["line"], f["undecided"]) for f in findings] == [("modules/nsg.bicep", 17, False)]
