"""Terraform/ARM twins: a Terraform module and an ARM template written by hand to declare the same resources
must give the same model and the same findings (GitHub issue 4).

Each folder here holds `main.tf` and either `twin.json` (the ARM twin) or, for what ARM cannot declare
(Microsoft Graph objects such as Conditional Access policies), `expected.json`: the model the Terraform
must give, written as the comparison view below.

For every twin:

- the same resources: ARM type (case-insensitive), name, id and extension scope. Terraform-only
  resources are dropped from the comparison: the twin is an ordinary resource-group (or subscription,
  management group, tenant) template, which cannot declare `azurerm_resource_group`, and Terraform types
  without an ARM mapping (data sources are not resources at all) keep their Terraform type. ARM's nested
  deployments (how a template deploys to another scope) are vehicles, not resources, and are dropped too;
- the same ARM-shaped bodies: the whole body (`properties`, `sku`, `kind`, `zones`, `location`, `tags`,
  `identity`) by default; for the types in `PARTIAL` only the listed paths, because ARM requires parts
  (an OS disk, an image, autoscale rules) that the mapping does not carry over since no rule reads them;
  the few paths in `OMITTED` are left out on both sides (an ARM-required constant azurerm always sends);
- the same findings of the whole catalogue: rule id, resource type, resource name, undecided; and at
  least one, so a twin always exercises the rules that read its types.

Derived resources (a VNet's inline subnets seen as subnets) are part of the model and compared too.
"""

from __future__ import annotations

import difflib
import json
import os

import pytest

from linter.frontends.arm.template import load_arm
from linter.frontends.terraform import load_terraform
from linter.model import Model, Unknown
from linter.normalize import build_model
from linter.rules.engine import run_rules
from linter.rules.loader import load_rules

HERE = os.path.dirname(os.path.abspath(__file__))
TWINS = sorted(
    name for name in os.listdir(HERE)
    if os.path.isfile(os.path.join(HERE, name, "main.tf"))
)

# ARM type (lower case) -> the body paths compared. ARM needs more than Terraform writes for these types
# (storageProfile, osProfile secrets, image references...); the mapping keeps what rules read.
PARTIAL = {
    "microsoft.compute/virtualmachines": (
        ("location",), ("zones",),
        ("properties", "availabilitySet"),
        ("properties", "virtualMachineScaleSet"),
        ("properties", "hardwareProfile"),
        ("properties", "networkProfile"),
        ("properties", "diagnosticsProfile"),
        ("properties", "securityProfile"),
        ("properties", "osProfile", "linuxConfiguration", "disablePasswordAuthentication"),
    ),
    "microsoft.compute/virtualmachinescalesets": (
        ("location",), ("zones",), ("sku",),
        ("properties", "orchestrationMode"),
        ("properties", "upgradePolicy"),
        ("properties", "platformFaultDomainCount"),
        ("properties", "virtualMachineProfile", "networkProfile"),
    ),
    # ARM requires `profiles[].rules`, which no rule reads; `capacity` is a known gap (see below)
    "microsoft.insights/autoscalesettings": (
        ("location",),
        ("properties", "enabled"),
        ("properties", "targetResourceUri"),
        ("properties", "profiles", 0, "name"),
    ),
}

# ARM type (lower case) -> body paths left out on both sides: what ARM requires but the mapping does not
# write and no rule reads (a constant azurerm always sends, a secret, a value azurerm takes from the
# parent). Everything else is compared.
OMITTED = {
    "microsoft.keyvault/vaults": (("properties", "sku", "family"),),  # azurerm always sends "A"
    "microsoft.sql/servers": (("properties", "administratorLoginPassword"),),
    "microsoft.sql/servers/databases": (("location",),),  # azurerm uses the server's
    "microsoft.documentdb/databaseaccounts": (("properties", "consistencyPolicy"), ("properties", "locations")),
    "microsoft.network/networkwatchers/flowlogs": (("properties", "format", "type"),),  # azurerm sends "JSON"
}

# Known divergence, kept visible here rather than hidden: azurerm writes a Service Bus / Event Hubs
# namespace's network rule set inline (`network_rule_set` / `network_rulesets`) and the mapping keeps it
# at the namespace's `properties.networkRuleSet`, a place ARM does not have; ARM declares the child
# `<namespace>/default` of type `namespaces/networkRuleSets`. The Terraform view is compared as ARM
# declares it, and AZ806 (which judges the rule set where it is) is then reported on that child.
INLINE_RULE_SETS = ("microsoft.servicebus/namespaces", "microsoft.eventhub/namespaces")
RULE_SET_FINDINGS = ("AZ806",)

UNKNOWN = "<unknown>"
MISSING = "<absent>"


def plain(value: object) -> object:
    """JSON-ready copy of a model value; every Unknown is the same, whatever its reason."""
    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def at_path(body: dict, path: tuple) -> object:
    node: object = body
    for key in path:
        if isinstance(key, int):
            if not isinstance(node, list) or key >= len(node):
                return MISSING
        elif not isinstance(node, dict) or key not in node:
            return MISSING
        node = node[key]
    return node


def without(body: dict, path: tuple) -> dict:
    if len(path) == 1 or not isinstance(body.get(path[0]), dict):
        return {key: value for key, value in body.items() if key != path[0]}
    return {**body, path[0]: without(body[path[0]], path[1:])}


def compared_body(rtype: str, body: dict) -> dict:
    for path in OMITTED.get(rtype.lower(), ()):
        body = without(body, path)
    paths = PARTIAL.get(rtype.lower())
    if paths is None:
        return plain(body)
    picked = {".".join(str(key) for key in path): plain(at_path(body, path)) for path in paths}
    return {key: value for key, value in picked.items() if value != MISSING}


NOT_COMPARED = ("microsoft.resources/resourcegroups", "microsoft.resources/deployments")


def is_arm(rtype: str) -> bool:
    """A resource both sides declare: not Terraform-only, not an ARM deployment vehicle."""
    return "/" in rtype and rtype.lower() not in NOT_COMPARED


def resource_view(model: Model) -> dict:
    """`<type> <name>` -> id, scope, body: what the twins must agree on."""
    view = {}
    for resource in model:
        if not is_arm(resource.type):
            continue
        key = f"{resource.type.lower()} {plain(resource.name)}"
        assert key not in view, f"two resources {key}"
        view[key] = {
            "id": plain(resource.id),
            "scope": plain(resource.scope),
            "derived": resource.derived,
            "body": compared_body(resource.type, resource.body),
        }
    return view


def as_arm_declares(view: dict) -> dict:
    """The Terraform view with inline namespace rule sets moved to the child ARM declares (see above)."""
    moved = {}
    for key, entry in view.items():
        rtype, name = key.split(" ", 1)
        properties = entry["body"].get("properties")
        if rtype not in INLINE_RULE_SETS or not isinstance(properties, dict) or "networkRuleSet" not in properties:
            moved[key] = entry
            continue
        rest = {k: v for k, v in properties.items() if k != "networkRuleSet"}
        body = {k: v for k, v in entry["body"].items() if k != "properties"}
        moved[key] = {**entry, "body": {**body, **({"properties": rest} if rest else {})}}
        moved[f"{rtype}/networkrulesets {name}/default"] = {
            "id": entry["id"] + "/networkRuleSets/default", "scope": None, "derived": False,
            "body": {"properties": properties["networkRuleSet"]},
        }
    return moved


def finding_key(finding, terraform: bool) -> str:
    rtype, name = finding.resource.type.lower(), plain(finding.resource.name)
    if terraform and rtype in INLINE_RULE_SETS and finding.rule.id in RULE_SET_FINDINGS:
        rtype, name = f"{rtype}/networkrulesets", f"{name}/default"
    return f"{finding.rule.id} {rtype} {name}" + (" (undecided)" if finding.undecided else "")


def findings_view(model: Model, terraform: bool = False) -> list:
    result = run_rules(model, list(load_rules()))
    assert not result.internal_errors, [str(e) for e in result.internal_errors]
    return sorted(finding_key(f, terraform) for f in result.findings)


def loaded_model(unit) -> Model:
    assert not unit.errors, [str(e) for e in unit.errors]
    return build_model(unit.resources)


def diff(label: str, expected: object, actual: object) -> str:
    want = json.dumps(expected, indent=2, sort_keys=True).splitlines()
    got = json.dumps(actual, indent=2, sort_keys=True).splitlines()
    lines = difflib.unified_diff(want, got, f"{label}: ARM twin", f"{label}: Terraform", lineterm="")
    return "\n".join(lines)


def twin_views(name: str) -> tuple[dict, dict]:
    """(ARM view, Terraform view): resources and findings of each side."""
    folder = os.path.join(HERE, name)
    tf_model = loaded_model(load_terraform(folder, []))
    terraform = {"resources": as_arm_declares(resource_view(tf_model)),
                 "findings": findings_view(tf_model, terraform=True)}
    arm_path = os.path.join(folder, "twin.json")
    if os.path.isfile(arm_path):
        arm_model = loaded_model(load_arm(arm_path))
        arm = {"resources": resource_view(arm_model), "findings": findings_view(arm_model)}
    else:
        with open(os.path.join(folder, "expected.json"), encoding="utf-8") as handle:
            arm = json.load(handle)
    return arm, terraform


@pytest.mark.parametrize("name", TWINS)
def test_twin_declares_the_same_resources(name):
    arm, terraform = twin_views(name)
    if arm["resources"] != terraform["resources"]:
        pytest.fail("models differ\n" + diff(name, arm["resources"], terraform["resources"]), pytrace=False)


@pytest.mark.parametrize("name", TWINS)
def test_twin_has_the_same_findings(name):
    arm, terraform = twin_views(name)
    assert arm["findings"], f"{name}: the twin exercises no rule"
    if arm["findings"] != terraform["findings"]:
        pytest.fail("findings differ\n" + diff(name, arm["findings"], terraform["findings"]), pytrace=False)


def test_every_twin_has_its_counterpart():
    for name in TWINS:
        folder = os.path.join(HERE, name)
        assert os.path.isfile(os.path.join(folder, "twin.json")) or os.path.isfile(
            os.path.join(folder, "expected.json")), name
    assert len(TWINS) >= 1


@pytest.mark.xfail(strict=True, reason="known gap: the azurerm mapping writes autoscale capacities as numbers "
                   "(ARM writes strings); AZ802/AZ809 compare them as numbers either way")
def test_autoscale_capacity_is_written_as_arm_writes_it():
    key = "microsoft.insights/autoscalesettings autoscale-win"
    folder = os.path.join(HERE, "scalesets")
    tf_model = loaded_model(load_terraform(folder, []))
    arm_model = loaded_model(load_arm(os.path.join(folder, "twin.json")))
    capacity = [
        plain(r.body["properties"]["profiles"][0]["capacity"])
        for model in (arm_model, tf_model) for r in model if f"{r.type.lower()} {r.name}" == key
    ]
    assert capacity[0] == capacity[1]
