"""Broken input through the real CLI: each is an input error with file:line:col, exit 2, the rest still linted.

Every case writes one broken file beside `good.json` (an NSG open to SSH: AZ804)
and lints the folder, so each test also shows the good file is still reported.
"""

from __future__ import annotations

import os

import pytest

from .clirun import ARM_SCHEMA, GOOD_ARM, assert_clean_failure, run_check, write

PIP_BICEP = "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n  name: 'p'\n  location: 'x'\n}\n"
PIP_TF = 'resource "azurerm_public_ip" "p" {\n  name = "p"\n}\n'


def _arm(body: str) -> str:
    return "{\n" + f'  "$schema": "{ARM_SCHEMA}",\n  "contentVersion": "1.0.0.0",\n{body}\n' + "}\n"


CASES = {
    # name: ({relative path: content}, file the error is reported in, words in its message)
    "json-malformed": ({"bad.json": _arm('  "resources": [ }')}, "bad.json", "invalid JSON"),
    "jsonc-malformed": ({"bad.jsonc": _arm('  // a comment\n  "resources": [ ,, ]')}, "bad.jsonc", "invalid JSON"),
    "json-truncated": ({"cut.json": GOOD_ARM.replace("good-nsg", "cut")[:400]}, "cut.json", "invalid JSON"),
    "json-invalid-utf8": ({"u.json": _arm('  "resources": [],\n  "x": "caf\xe9"').encode("latin-1")},
                          "u.json", "UTF-8"),
    "json-binary-after-schema": ({"b.json": _arm("").encode()[:120] + bytes(range(256)) * 4}, "b.json", "binary"),
    "arm-cyclic-variables": ({"cyc.json": _arm(
        '  "variables": {"a": "[variables(\'b\')]", "b": "[concat(variables(\'a\'), \'x\')]"},\n'
        '  "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",\n'
        '    "name": "[variables(\'a\')]", "location": "x"}]')}, "cyc.json", "cycle"),
    "arm-expression-syntax-error": ({"expr.json": _arm(
        '  "resources": [{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01",\n'
        '    "name": "[concat(\'a\', ]", "location": "x"}]')}, "expr.json", "syntax error"),
    "arm-parameter-file-malformed": ({"t.json": _arm('  "parameters": {"n": {"type": "string"}},\n  "resources": []'),
                                      "t.parameters.json": '{\n  "$schema": "https://schema.management.azure.com/'
                                      'schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {"n": }\n}\n'},
                                     "t.parameters.json", "invalid JSON"),
    "bicep-malformed": ({"bad.bicep": "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n"
                                      "  name: = 'x'\n}\n"}, "bad.bicep", "unexpected"),
    "bicep-truncated": ({"cut.bicep": PIP_BICEP[:70]}, "cut.bicep", "end of file"),
    "bicep-binary": ({"bin.bicep": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))}, "bin.bicep", "binary"),
    "bicep-invalid-utf8": ({"u.bicep": "param p string = 'caf\xe9'\n".encode("latin-1")}, "u.bicep", "UTF-8"),
    "bicep-missing-module": ({"m.bicep": "module x './nope.bicep' = {\n  name: 'x'\n}\n"}, "m.bicep", "nope.bicep"),
    "bicep-module-cycle": ({"a.bicep": "module b './b.bicep' = {\n  name: 'b'\n}\n",
                            "b.bicep": "module a './a.bicep' = {\n  name: 'a'\n}\n"}, ".bicep", "itself"),
    "hcl-malformed": ({"tf/main.tf": 'resource "azurerm_public_ip" "p" {\n  name = = "x"\n}\n'}, "main.tf", "syntax"),
    "hcl-truncated": ({"tf/main.tf": PIP_TF[:40]}, "main.tf", "syntax"),
    "hcl-binary": ({"tf/main.tf": b"\x00\x01\x02PK\x03\x04" + bytes(range(256))}, "main.tf", "binary"),
    "hcl-invalid-utf8": ({"tf/main.tf": 'variable "v" {\n  default = "caf\xe9"\n}\n'.encode("latin-1")},
                         "main.tf", "UTF-8"),
    "tfvars-invalid-utf8": ({"tf/main.tf": 'variable "v" {}\n', "tf/terraform.tfvars": b'v = "\xff"\n'},
                            "terraform.tfvars", "UTF-8"),
    "terraform-json-malformed": ({"tf/main.tf.json": '{"resource": {"azurerm_public_ip": {"p": {"name": }}}}'},
                                 "main.tf.json", ""),
    "hcl-missing-module": ({"tf/main.tf": 'module "m" {\n  source = "./nope"\n}\n'}, "main.tf", "does not exist"),
    "hcl-cyclic-locals": ({"tf/main.tf": 'locals {\n  a = local.b\n  b = "${local.a}x"\n}\n' + PIP_TF},
                          "main.tf", "cyclic"),
    "hcl-module-cycle": ({"tf/main.tf": 'module "a" {\n  source = "./a"\n}\n',
                          "tf/a/main.tf": 'module "b" {\n  source = "./b"\n}\n',
                          "tf/a/b/main.tf": 'module "a" {\n  source = "../"\n}\n'}, "main.tf", "itself"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_input_is_a_positioned_input_error(tmp_path, case):
    files, reported_in, words = CASES[case]
    write(tmp_path, "good.json", GOOD_ARM)
    for relative, content in files.items():
        write(tmp_path, relative, content)
    run = run_check(tmp_path, ".")
    assert_clean_failure(run, reported_in, contains=words)


def test_text_report_names_file_line_and_column(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "bad.json", _arm('  "resources": [ }'))
    run = run_check(tmp_path, ".", fmt="text")
    assert run.code == 2
    assert "bad.json:4:18: error: invalid JSON" in run.stdout.replace(os.sep, "/")
    assert "good.json:" in run.stdout and "AZ804" in run.stdout


def test_bicep_cyclic_variables_are_an_input_error(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "cyc.bicep", "var a = b\nvar b = '${a}x'\n" + PIP_BICEP.replace("'p'", "a"))
    error = assert_clean_failure(run_check(tmp_path, "."), "cyc.bicep", contains="cycle")
    assert (error["line"], error["column"]) == (2, 12)


def test_explicit_parameter_file_without_its_template(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "lonely.parameters.json", '{\n  "$schema": "https://schema.management.azure.com/schemas/'
                                               '2019-04-01/deploymentParameters.json#",\n  "parameters": {}\n}\n')
    run = run_check(tmp_path, "good.json", "lonely.parameters.json")
    assert_clean_failure(run, "lonely.parameters.json", contains="without its template")


def test_parameter_option_naming_a_missing_parameter_file(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "t.json", _arm('  "resources": []'))
    run = run_check(tmp_path, "-p", "t.json=missing.parameters.json", ".")
    assert_clean_failure(run, "missing.parameters.json", positioned=False)


@pytest.mark.parametrize("name", ["empty.bicep", "tf/main.tf", "empty.json", "empty.jsonc"])
def test_empty_files_never_crash(tmp_path, name):
    """An empty .bicep or .tf is an empty deployment (as the Bicep CLI and Terraform treat it); an empty
    .json cannot be told from any other JSON file, so it is not an ARM template. None of them is a crash."""
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, name, "")
    run = run_check(tmp_path, ".")
    assert run.code == 1 and run.errors == [] and "AZ804" in run.rules_at("good.json")


def test_empty_parameter_file_named_on_the_command_line(tmp_path):
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, "t.json", _arm('  "resources": []'))
    write(tmp_path, "t.parameters.json", "")
    run = run_check(tmp_path, "-p", "t.json=t.parameters.json", ".")
    assert_clean_failure(run, "t.parameters.json")
