"""Evaluation features: variables and their precedence, locals, count/for_each, expressions, functions."""

from __future__ import annotations

import os

import pytest

from linter.frontends.terraform import load_terraform
from linter.model import Model, Unknown, is_unknown

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")

EVAL = os.path.join(FIXTURES, "evaluation")


@pytest.fixture(scope="module")
def model():
    unit = load_terraform(EVAL, [], [f"{EVAL}/extra.tfvars"], {"from_cli": "cli"})
    assert unit.errors == []
    return Model(unit.resources)


@pytest.fixture(scope="module")
def tags(model):
    return model.by_symbol('azurerm_network_security_group.nsg["web"]').body["tags"]


def test_variable_precedence(tags):
    assert tags["tfvars"] == "tfvars"  # terraform.tfvars over the default
    assert tags["auto"] == "auto"  # *.auto.tfvars over terraform.tfvars
    assert tags["file"] == "file"  # --var-file
    assert tags["cli"] == "cli"  # --var


def test_unset_variable_is_unknown(tags):
    assert is_unknown(tags["unknown"])


@pytest.mark.parametrize(
    "key, expected",
    [
        ("names", "A,C"),  # for expression with a filter
        ("by_name", "rdp"),  # object for expression
        ("merged", 3),
        ("joined", "x,y,z"),
        ("cidr", "10.0.2.0/24"),
        ("decoded", 2),
        ("encoded", '{"k":"v"}'),
        ("chosen", "small"),  # conditional
        ("fallback", "none"),  # try()
        ("first", "second"),  # coalesce()
        ("formatted", "vm-007"),
        ("flat", "abc"),
        ("looked", "dflt"),
        ("elem", "q"),
        ("len", 2),
        ("splitted", "c"),
        ("lowered", "abc"),
        ("heredoc", "hello dev\n"),
        ("each", "web"),
    ],
)
def test_expressions_and_functions(tags, key, expected):
    assert tags[key] == expected


def test_for_each_instances_and_addresses(model):
    names = sorted(r.name for r in model.of_type("Microsoft.Network/networkSecurityGroups"))
    assert names == ["nsg-db-dev-app", "nsg-web-dev-app"]
    assert model.by_symbol('azurerm_network_security_group.nsg["db"]') is not None


def test_count_instances(model):
    assert [model.by_symbol(f"azurerm_public_ip.pip[{i}]").name for i in range(3)] == ["pip-0", "pip-1", "pip-2"]


def test_count_zero_emits_nothing(model):
    assert not [r for r in model if r.symbol.startswith("azurerm_public_ip.never")]


def test_unknown_count_gives_one_undecided_instance(model):
    maybe = [r for r in model if r.symbol.startswith("azurerm_public_ip.maybe")]
    assert len(maybe) == 1 and is_unknown(maybe[0].condition)


def test_splat_and_resource_references(model):
    tags = model.by_symbol("azurerm_network_interface.nic").body["tags"]
    assert tags == {"splat": "pip-0,pip-1,pip-2", "nsg": "nsg-web-dev-app", "ids": 2}


def test_dynamic_blocks(model):
    nsg = model.by_symbol('azurerm_network_security_group.nsg["web"]')
    rules = nsg.body["properties"]["securityRules"]
    assert [(r["name"], r["properties"]["destinationPortRange"], r["properties"]["priority"]) for r in rules] == [
        ("ssh", "22", 100), ("rdp", "3389", 110)]
    # the finding location of a generated rule is the `content` attribute
    loc = nsg.source.locate(("properties", "securityRules", 1, "properties", "destinationPortRange"))
    assert loc.file.endswith("main.tf") and loc.line == 104


def test_cli_var_with_non_string_type(load_source):
    unit, model = load_source({"main.tf": """
variable "n" { type = number }
resource "azurerm_public_ip" "p" {
  count = var.n
  name = "p${count.index}"
  allocation_method = "Static"
}
"""}, variables={"n": "2"})
    assert len(model.of_type("Microsoft.Network/publicIPAddresses")) == 2


def test_cyclic_locals_are_an_input_error(load_source):
    unit, model = load_source({"main.tf": 'locals {\n  a = local.b\n  b = "${local.a}x"\n}\n'
                                          'resource "azurerm_public_ip" "p" { name = local.a }\n'})
    assert len(unit.errors) == 1
    assert "local.a" in unit.errors[0].message and "local.b" in unit.errors[0].message
    assert unit.errors[0].line == 2
    assert model.resources[0].name == "{azurerm_public_ip.p}"  # placeholder name, still resolvable


def test_count_cap_is_a_note(load_source):
    unit, model = load_source({"main.tf": 'resource "azurerm_public_ip" "p" {\n  count = 5000\n'
                                          '  name = "p${count.index}"\n}\n'})
    assert len(model) == 1000
    assert [e.kind for e in unit.errors] == ["note"]


def test_data_source_attributes_are_unknown(load_source):
    unit, model = load_source({"main.tf": """
data "azurerm_subnet" "s" {
  name = "x"
  virtual_network_name = "v"
  resource_group_name = "r"
}
resource "azurerm_network_interface" "n" {
  name = "n"
  ip_configuration {
    name = "c"
    subnet_id = data.azurerm_subnet.s.id
  }
}
"""})
    nic = model.by_symbol("azurerm_network_interface.n")
    subnet = nic.body["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"]
    assert isinstance(subnet, Unknown) and "data.azurerm_subnet.s.id" in subnet.reason
    assert len(model) == 1  # a data source is not a resource


def test_computed_attribute_is_unknown_written_one_is_known(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_public_ip" "p" {
  name = "pip"
  allocation_method = "Static"
}
resource "azurerm_network_interface" "n" {
  name = "nic"
  tags = { ip = azurerm_public_ip.p.ip_address, name = azurerm_public_ip.p.name }
}
"""})
    tags = model.by_symbol("azurerm_network_interface.n").body["tags"]
    assert is_unknown(tags["ip"]) and tags["name"] == "pip"


def test_string_escapes_and_templates(load_source):
    unit, model = load_source({"main.tf": r"""
locals { n = 3 }
resource "azurerm_public_ip" "p" {
  name = "a\"b\n$${x}-${local.n + 1}"
  tags = { t = "%{ if true }x%{ endif }" }
}
"""})
    pip = model.resources[0]
    assert pip.name == 'a"b\n${x}-4'
    assert pip.body["tags"]["t"] == "x"


def test_syntax_error_has_position(load_source):
    unit, model = load_source({"main.tf": 'resource "a" "b" {\n  x = = 1\n}\n'})
    assert len(unit.errors) == 1
    assert unit.errors[0].line == 2 and unit.errors[0].file.endswith("main.tf")


def test_legacy_attribute_splat_then_index(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_public_ip" "p" {
  count = 2
  name = "p${count.index}"
}
resource "azurerm_network_interface" "n" {
  name = "n"
  tags = { second = azurerm_public_ip.p.*.name[1], all = join(",", azurerm_public_ip.p[*].name) }
}
"""})
    assert model.by_symbol("azurerm_network_interface.n").body["tags"] == {"second": "p1", "all": "p0,p1"}


def test_nested_block_attributes_in_references(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_network_interface" "a" {
  name = "a"
  ip_configuration {
    name = "cfg"
  }
}
resource "azurerm_network_interface" "b" {
  name = "b"
  tags = {
    written = azurerm_network_interface.a.ip_configuration[0].name
    computed = azurerm_network_interface.a.ip_configuration[0].private_ip_address
  }
}
"""})
    tags = model.by_symbol("azurerm_network_interface.b").body["tags"]
    assert tags["written"] == "cfg" and is_unknown(tags["computed"])


def test_json_tfvars(load_source):
    unit, model = load_source({
        "main.tf": 'variable "n" {}\nresource "azurerm_public_ip" "p" { name = var.n }\n',
        "x.auto.tfvars.json": '{"n": "from-json"}',
    })
    assert model.resources[0].name == "from-json"


def test_values_take_their_declared_types_and_optional_defaults(load_source):
    unit, model = load_source({
        "main.tf": """
variable "n" { type = number }
variable "cfg" {
  type = object({
    tier    = optional(string, "Standard")
    enabled = optional(bool)
    ports   = list(string)
  })
}
resource "azurerm_public_ip" "p" {
  count = var.n
  name  = "p${count.index}"
  tags  = { tier = var.cfg.tier, enabled = var.cfg.enabled == null, port = var.cfg.ports[0] }
}
""",
        "terraform.tfvars": 'n = "2"\ncfg = { ports = [22] }\n',
    })
    assert unit.errors == []
    assert len(model) == 2
    assert model.resources[0].body["tags"] == {"tier": "Standard", "enabled": True, "port": "22"}
    assert any(f.endswith("terraform.tfvars") for f in unit.files)


def test_dynamic_block_over_unknown_collection_is_unknown_not_empty(load_source):
    unit, model = load_source({"main.tf": """
data "azurerm_monitor_diagnostic_categories" "c" {
  resource_id = "x"
}
resource "azurerm_monitor_diagnostic_setting" "d" {
  name = "d"
  target_resource_id = "/x/providers/Microsoft.KeyVault/vaults/k"
  log_analytics_workspace_id = "w"
  dynamic "enabled_log" {
    for_each = data.azurerm_monitor_diagnostic_categories.c.log_category_types
    content {
      category = enabled_log.value
    }
  }
}
"""})
    setting = model.resources[0]
    assert is_unknown(setting.body["properties"]["logs"])
    assert "metrics" not in setting.body["properties"]


def test_for_expression_grouping_and_object_keys(load_source):
    unit, model = load_source({"main.tf": """
locals {
  pairs   = [{ k = "a", v = 1 }, { k = "b", v = 2 }, { k = "a", v = 3 }]
  grouped = { for p in local.pairs : p.k => p.v... }
  key     = "dyn"
  obj     = { (local.key) = 1, plain = 2 }
}
resource "azurerm_public_ip" "p" {
  name = "p"
  tags = { a = length(local.grouped.a), keys = join(",", keys(local.obj)) }
}
"""})
    assert model.resources[0].body["tags"] == {"a": 2, "keys": "dyn,plain"}


def test_json_configuration_files(load_source):
    unit, model = load_source({
        "main.tf.json": """{
  "variable": {"n": {"type": "number", "default": "2"}},
  "resource": {
    "azurerm_network_interface": {
      "nic": {
        "count": "${var.n}",
        "name": "nic-${count.index}",
        "tags": {"env": "dev"},
        "ip_configuration": {"name": "c", "subnet_id": "${azurerm_subnet.s.id}"}
      }
    },
    "azurerm_subnet": {"s": {"name": "s", "virtual_network_name": "v"}}
  }
}""",
    })
    assert unit.errors == []
    nic = model.by_symbol("azurerm_network_interface.nic[1]")
    assert nic.name == "nic-1" and nic.body["tags"] == {"env": "dev"}
    subnet = model.resolve(nic.body["properties"]["ipConfigurations"][0]["properties"]["subnet"])
    assert subnet.symbol == "azurerm_subnet.s"
    assert nic.source.locate(("properties", "ipConfigurations", 0, "properties", "subnet", "id")).line == 9


def test_bad_json_configuration_is_an_input_error(load_source):
    unit, model = load_source({"main.tf.json": '{"resource": {'})
    assert len(unit.errors) == 1 and unit.errors[0].line is not None


def test_unused_cyclic_locals_are_reported_and_self_references_do_not_hang(load_source):
    unit, model = load_source({"main.tf": """
locals { self = local.self }
resource "azurerm_public_ip" "p" {
  count = length(azurerm_public_ip.p)
  name = "p"
}
resource "azurerm_public_ip" "q" {
  name = azurerm_public_ip.q.id
}
"""})
    assert [e.message for e in unit.errors] == ["cyclic local values: local.self -> local.self"]
    (q,) = model.resources
    assert q.name == "{azurerm_public_ip.q}"


def test_override_files_merge_into_their_blocks(load_source):
    unit, model = load_source({
        "main.tf": """
resource "azurerm_network_security_group" "n" {
  name = "nsg"
  location = "westeurope"
  security_rule {
    name = "old"
    access = "Allow"
  }
}
""",
        "dev_override.tf": """
resource "azurerm_network_security_group" "n" {
  location = "northeurope"
  security_rule {
    name = "new"
    access = "Deny"
  }
}
""",
    })
    (nsg,) = model.resources
    assert nsg.body["location"] == "northeurope"
    assert [r["name"] for r in nsg.body["properties"]["securityRules"]] == ["new"]
    loc = nsg.source.locate(("properties", "securityRules", 0, "properties", "access"))
    assert loc.file.endswith("dev_override.tf") and loc.line == 6
    assert nsg.source.locate(("location",)).file.endswith("dev_override.tf")


def test_whole_resources_in_values_become_plain_data(load_source):
    unit, model = load_source({"main.tf": """
resource "azurerm_public_ip" "p" {
  for_each = toset(["a", "b"])
  name = "p-${each.key}"
}
resource "azurerm_network_interface" "n" {
  name = "n"
  tags = { for k, v in azurerm_public_ip.p : k => v }
}
"""})
    tags = model.by_symbol("azurerm_network_interface.n").body["tags"]
    assert isinstance(tags["a"], dict) and tags["a"]["name"] == "p-a" and tags["a"]["id"].endswith("/p-a")
