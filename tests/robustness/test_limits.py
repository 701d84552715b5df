"""Resource limits through the real CLI: every blow-up ends in bounded time and memory with a clear message.

Each case runs `azlint check` under a 1.5 GB address-space ceiling and a timeout, beside a good
template that must still be reported. The limits are listed in docs/limits.md.
"""

from __future__ import annotations

import json

import pytest

from .clirun import ARM_SCHEMA, GOOD_ARM, run_check, write

PIP = {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "location": "x"}
MILLIONS = 5_000_000


def _arm(resources: list, variables: dict | None = None) -> str:
    return json.dumps({"$schema": ARM_SCHEMA, "contentVersion": "1.0.0.0", "variables": variables or {},
                       "resources": resources}, indent=1)


def _doubling_arm() -> str:
    variables = {"v0": "xx", **{f"v{i}": f"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]" for i in range(1, 64)}}
    return _arm([{**PIP, "name": "[variables('v63')]"}], variables)


def _nested_deployments(depth: int) -> str:
    inner: dict = {"$schema": ARM_SCHEMA, "contentVersion": "1.0.0.0", "resources": [{**PIP, "name": "deepest"}]}
    for level in range(depth):
        inner = {"$schema": ARM_SCHEMA, "contentVersion": "1.0.0.0", "resources": [{
            "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": f"d{level}",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                           "template": inner}}]}
    return json.dumps(inner)


def _big_arm(megabytes: int) -> str:
    filler = "y" * 1_000_000
    return _arm([{**PIP, "name": f"p{i}", "tags": {"t": filler}} for i in range(megabytes)])


def _doubling(kind: str) -> str:
    if kind == "bicep":
        lines = ["var v0 = 'xx'"] + [f"var v{i} = '${{v{i - 1}}}${{v{i - 1}}}'" for i in range(1, 64)]
        return "\n".join(lines) + "\nresource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n" \
                                  "  name: v63\n  location: 'x'\n}\n"
    lines = ['  v0 = "xx"'] + [f'  v{i} = "${{local.v{i - 1}}}${{local.v{i - 1}}}"' for i in range(1, 64)]
    return "locals {\n" + "\n".join(lines) + '\n}\nresource "azurerm_public_ip" "p" {\n  name = local.v63\n}\n'


def _big_source(kind: str) -> str:
    if kind == "bicep":
        block = "resource p{0} 'Microsoft.Network/publicIPAddresses@2023-04-01' = {{\n  name: 'p{0}'\n" \
                "  location: 'x'\n  tags: {{\n    t: '" + "y" * 100_000 + "'\n  }}\n}}\n"
    else:
        block = 'resource "azurerm_public_ip" "p{0}" {{\n  name = "p{0}"\n  tags = {{\n    t = "' + "y" * 100_000 \
                + '"\n  }}\n}}\n'
    return "".join(block.format(i) for i in range(110))


CASES = {
    # name: (file, content builder, words in the error or note)
    "arm-copy-millions": ("t.json", lambda: _arm([{**PIP, "name": "[concat('p', copyIndex())]",
                                                   "copy": {"name": "c", "count": MILLIONS}}]), "capped"),
    "arm-range-millions": ("t.json", lambda: _arm([{**PIP, "name": "[string(length(variables('r')))]"}],
                                                  {"r": f"[range(0, {MILLIONS})]"}), "range"),
    "arm-json-10000-levels": ("t.json", lambda: _arm([], {"x": "@"}).replace('"@"', "[" * 10_000 + "]" * 10_000),
                              "nesting deeper"),
    "arm-51-mb": ("t.json", lambda: _big_arm(54), "too large"),
    "arm-49-mb-is-read": ("t.json", lambda: _big_arm(51), ""),
    "arm-string-doubling": ("t.json", _doubling_arm, ""),
    "arm-nested-deployments-40-deep": ("t.json", lambda: _nested_deployments(40), "nest"),
    "bicep-range-millions": ("main.bicep", lambda: "resource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = "
                             f"[for i in range(0, {MILLIONS}): {{\n  name: 'p${{i}}'\n  location: 'x'\n}}]\n", "range"),
    "bicep-10000-levels": ("main.bicep", lambda: "var x = " + "[" * 10_000 + "1" + "]" * 10_000
                           + "\nresource p 'Microsoft.Network/publicIPAddresses@2023-04-01' = {\n  name: 'p'\n"
                           "  location: 'x'\n  tags: {\n    t: x\n  }\n}\n", "nested too deeply"),
    "bicep-string-doubling": ("main.bicep", lambda: _doubling("bicep"), "longer than"),
    "bicep-includes-itself": ("main.bicep", lambda: "module m './main.bicep' = {\n  name: 'm'\n}\n", "itself"),
    "bicep-11-mb": ("main.bicep", lambda: _big_source("bicep"), "too large"),
    "hcl-count-millions": ("tf/main.tf", lambda: 'resource "azurerm_public_ip" "p" {\n'
                           f'  count = {MILLIONS}\n  name = "p${{count.index}}"\n}}\n', "capped"),
    "hcl-range-millions": ("tf/main.tf", lambda: 'resource "azurerm_public_ip" "p" {\n  for_each = toset([for i in '
                           f'range({MILLIONS}) : tostring(i)])\n  name = each.key\n}}\n', ""),
    "hcl-10000-levels": ("tf/main.tf", lambda: "locals {\n  x = " + "[" * 10_000 + "1" + "]" * 10_000 + "\n}\n",
                         "nested too deeply"),
    "hcl-string-doubling": ("tf/main.tf", lambda: _doubling("terraform"), ""),
    "hcl-includes-itself": ("tf/main.tf", lambda: 'module "m" {\n  source = "./"\n}\n', "itself"),
    "hcl-11-mb": ("tf/main.tf", lambda: _big_source("terraform"), "too large"),
    # 8000 resources of one type: rules that looked through every resource for each one made this quadratic
    # (several minutes); the timeout catches a regression
    "hcl-8000-resources": ("tf/main.tf", lambda: "".join(
        f'resource "azurerm_public_ip" "p{i}" {{\n  name = "p{i}"\n}}\n' for i in range(8000)), ""),
}


@pytest.mark.parametrize("case", list(CASES))
def test_limit_ends_in_bounded_time_and_memory(tmp_path, case):
    name, build, words = CASES[case]
    write(tmp_path, "good.json", GOOD_ARM)
    write(tmp_path, name, build())
    run = run_check(tmp_path, ".", timeout=150)
    assert run.code in (1, 2), (run.code, run.stderr[-3000:])
    assert "Traceback" not in run.stderr + run.stdout
    assert "AZ804" in run.rules_at("good.json")
    messages = [e["message"] for e in run.errors]
    assert not any("internal error" in m or "RecursionError" in m or "MemoryError" in m for m in messages), messages
    if words:
        assert any(words.lower() in m.lower() for m in messages), messages
