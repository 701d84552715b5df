"""Source maps of ARM resources: property paths resolve to where they are written, lazily."""

from __future__ import annotations

from linter.frontends.arm.template import load_arm
from linter.frontends.jsonload import load_json

from .render import fixture


def line_of(name: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle` in a fixture."""
    hits = [i for i, line in enumerate(open(fixture(name), encoding="utf-8"), 1) if needle in line]
    return hits[occurrence - 1]


def resource(unit, name):
    return next(r for r in unit.resources if r.name == name)


def test_resource_location_is_its_object():
    unit = load_arm(fixture("basic.json"))
    nsg = resource(unit, "demo-nsg")
    assert nsg.location.line == line_of("basic.json", '"type": "Microsoft.Network/networkSecurityGroups"') - 1
    assert nsg.location.file == fixture("basic.json")


def test_property_paths():
    unit = load_arm(fixture("basic.json"))
    subnet = resource(unit, "demo-vnet/app")
    loc = subnet.source.locate(("properties", "addressPrefix"))
    assert loc.line == line_of("basic.json", '"addressPrefix": "10.0.1.0/24"')
    assert loc.column == 13
    nsg = resource(unit, "demo-nsg")
    port = nsg.source.locate(("properties", "securityRules", 0, "properties", "destinationPortRange"))
    assert port.line == line_of("basic.json", '"destinationPortRange": "22"')


def test_unwritten_path_falls_back_to_nearest_ancestor():
    unit = load_arm(fixture("basic.json"))
    nsg = resource(unit, "demo-nsg")
    loc = nsg.source.locate(("properties", "securityRules", 0, "properties", "priority"))
    assert loc.line == line_of("basic.json", '"properties": {', 2)  # the rule's properties object


def test_symbolic_resource_location_is_its_key():
    unit = load_arm(fixture("symbolic.json"))
    kv = next(r for r in unit.resources if r.symbol == "kv")
    assert kv.location.line == line_of("symbolic.json", '"kv": {')


def test_property_copy_paths_point_into_the_copy_input():
    unit = load_arm(fixture("copy.json"))
    second = resource(unit, "nsg-2")
    loc = second.source.locate(("properties", "securityRules", 1, "properties", "priority"))
    assert loc.line == line_of("copy.json", '"priority"')
    loc = second.source.locate(("properties", "securityRules", 1))
    assert loc.line == line_of("copy.json", '"input": {', 2)  # the first is a variable loop's


def test_nested_template_resources_point_into_the_same_file():
    unit = load_arm(fixture("nested.json"))
    nsg = resource(unit, "nest-nsg")
    loc = nsg.source.locate(("properties", "securityRules", 0, "properties", "destinationPortRange"))
    assert loc.file == fixture("nested.json")
    assert loc.line == line_of("nested.json", '"destinationPortRange": "[parameters(\'port\')]"')


def test_positions_are_not_computed_while_loading():
    path = fixture("copy.json")
    with open(path, "rb") as handle:
        document = load_json(handle.read(), path)
    unit = load_arm(path, document=document)
    assert unit.errors == []
    assert document._positions is None  # positions are looked for on first locate only
    unit.resources[0].source.locate(("properties",))
    assert document._positions is not None


def test_expression_errors_carry_the_property_position():
    unit = load_arm(fixture("malformed.json"))
    undeclared = next(e for e in unit.errors if "nope" in e.message)
    assert (undeclared.line, undeclared.column) == (line_of("malformed.json", '"undeclared"'), 9)
