"""Local modules: inputs, outputs, addresses, file locations; and what is refused."""

from __future__ import annotations

import os

from linter.frontends.terraform import load_terraform
from linter.model import Model

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def test_local_module_inputs_outputs_and_addresses():
    unit = load_terraform(os.path.join(FIXTURES, "modules_ok"), [])
    model = Model(unit.resources)
    subnet = model.by_symbol('module.net["b"].azurerm_subnet.this')
    assert subnet.name == "vnet-prod-b/snet-prod-b"
    assert subnet.body["properties"]["addressPrefixes"] == ["10.0.1.0/24"]
    assert subnet.location.file.endswith(os.path.join("modules", "net", "main.tf"))
    nic = model.by_symbol("azurerm_network_interface.nic")
    target = model.resolve(nic.body["properties"]["ipConfigurations"][0]["properties"]["subnet"])
    assert target.symbol == 'module.net["a"].azurerm_subnet.this'
    assert any(f.endswith(os.path.join("net", "main.tf")) for f in unit.files)


def test_remote_module_is_a_note_not_an_error():
    unit = load_terraform(os.path.join(FIXTURES, "modules_ok"), [])
    assert [(e.kind, e.line) for e in unit.errors] == [("note", 8)]
    assert "not fetched" in unit.errors[0].message


def test_bad_module_sources_are_input_errors_without_hanging():
    unit = load_terraform(os.path.join(FIXTURES, "modules_bad"), [])
    messages = [e.message for e in unit.errors if e.kind == "error"]
    assert any("outside the linted directory" in m for m in messages)
    assert any("does not exist" in m for m in messages)
    assert sum("includes itself" in m for m in messages) == 2
    assert any("cyclic local values" in m for m in messages)
    assert all(e.line is not None for e in unit.errors)


def test_bad_hcl_is_reported_with_position():
    unit = load_terraform(os.path.join(FIXTURES, "bad_hcl"), [])
    (error,) = unit.errors
    assert error.kind == "error" and (error.line, error.column) == (3, 9)
    assert error.file.endswith("main.tf")


def test_resources_of_a_module_with_unknown_count_are_undecided(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text('resource "azurerm_public_ip" "p" { name = "p" }\n')
    (tmp_path / "main.tf").write_text('variable "n" {}\nmodule "m" {\n  source = "./m"\n  count = var.n\n}\n')
    unit = load_terraform(str(tmp_path), [])
    (resource,) = unit.resources
    assert resource.symbol == "module.m[?].azurerm_public_ip.p"
    assert not isinstance(resource.condition, bool)
