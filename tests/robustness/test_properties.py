"""Property tests: any generated input gives a result or the documented input error, never another exception.

The JSON loader and ARM expressions already have their own (tests/frontends/test_jsonload.py,
tests/arm_expressions/test_unknown_and_limits.py); these add the rule language, whole ARM
templates, Bicep and Terraform files mutated from the project's own fixtures, using the same
targets as the long fuzz runs (tests/fuzz/). Set AZLINT_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz import targets as t

EXAMPLES = int(os.environ.get("AZLINT_FUZZ_EXAMPLES", "200"))
QUICK = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True, scope="module")
def _private_caches(tmp_path_factory):
    """Junk inputs must not land in the user's cache (~/.cache/azlint)."""
    old = t.isolate_caches(str(tmp_path_factory.mktemp("azlint-cache")))
    yield
    t.restore_caches(old)


def test_seeds_are_found():
    """The mutation strategies start from real files: no seeds would silently weaken every test here."""
    assert len(t.bicep_seeds()) >= 5 and len(t.terraform_seeds()) >= 5
    assert len(t.arm_seeds()) >= 5 and len(t.rule_condition_seeds()) >= 20


@QUICK
@given(t.rule_inputs())
def test_rule_language_compiles_or_raises_condition_syntax_error(text):
    t.run_rule_condition(text)


@QUICK
@given(t.bicep_inputs())
def test_bicep_frontend_gives_a_unit_or_input_errors(text):
    t.run_bicep(text)


@QUICK
@given(t.terraform_inputs())
def test_terraform_frontend_gives_a_unit_or_input_errors(text):
    t.run_terraform(text)


@QUICK
@given(t.arm_template_inputs())
def test_arm_frontend_gives_a_unit_or_input_errors_on_mutated_templates(text):
    t.run_arm_template(text)


@pytest.mark.parametrize("text", [
    "properties.x ==", "any(", "all(r in properties.rules[*]: )", "'unterminated", "{resource.", "((((((",
    "x" * 5000, "(" * 2000 + "1" + ")" * 2000, "not " * 3000 + "true", "\x00", "properties.\u00e9 == 1",
    "x in " + "(" * 2000 + "properties" + ")" * 2000, "{" + "(" * 3000 + "1" + ")" * 3000 + "}",
], ids=lambda text: repr(text[:20]))
def test_rule_language_edge_cases(text):
    t.run_rule_condition(text)


def test_fuzz_finding_terraform_cidr_overflow():
    """Found by the fuzz run: int(1e309) raised OverflowError; a huge negative newbits built a huge number."""
    t.run_terraform('locals {\n  a = cidrsubnet("10.0.0.0/16", 8, 1e309)\n'
                    '  b = cidrsubnet("10.0.0.0/16", -1000000000000, 0)\n  c = cidrsubnets("10.0.0.0/16", -99999999999)\n'
                    '}\nresource "azurerm_subnet" "s" {\n  name = "s"\n  address_prefixes = [local.a, local.b]\n'
                    '  virtual_network_name = "v"\n  resource_group_name = "rg"\n  service_endpoints = local.c\n}\n')


@pytest.mark.parametrize("target", ["bicep", "terraform", "arm-template"])
def test_pathological_nesting_in_each_frontend(target):
    nested = {"bicep": "var x = " + "[" * 5000 + "]" * 5000 + "\noutput o array = x\n",
              "terraform": "locals {\n  x = " + "[" * 5000 + "]" * 5000 + "\n}\n",
              "arm-template": '{"resources": [], "variables": {"x": ' + "[" * 5000 + "]" * 5000 + "}}"}[target]
    t.TARGETS[target][1](nested)
