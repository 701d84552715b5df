"""Per-node plans give the values a plain walk of the tree gives, however often a tree is evaluated.

Plans (evaluate.Evaluator.plan) are kept per node for the life of a parsed
tree: a second unit, a loop, a module used twice read them instead of the
tree. And a unit is loaded without cyclic garbage collection, restored after.
"""

from __future__ import annotations

from linter.frontends.bicep import load_bicep
from linter.model import Unknown

SOURCE = """\
param prefix string = 'p'
param flag bool = true
var big = 123456789012345678901234567890
var esc = 'a\\'b\\u{41}\\n'
var multi = '''
line
'''
var items = [
  'x'
  1
  true
  null
  prefix
  '${prefix}-${length(prefix)}'
]
var obj = {
  plain: 'v'
  'quoted key': 2
  named: prefix
  nested: {
    inner: flag ? 'yes' : 'no'
  }
}
var shadow = map([1, 2], length => length + 1)
var members = obj.nested.inner
var safe = obj.?missing
var unknownJoin = '${utcNow()}-x'
resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: '${prefix}sa'
  location: 'westeurope'
  properties: {
    values: [big, esc, multi, items, obj, shadow, members, safe, unknownJoin]
  }
}
"""

EXPECTED = [123456789012345678901234567890, "a'bA\n", "line\n", ["x", 1, True, None, "p", "p-1"],
            {"plain": "v", "quoted key": 2, "named": "p", "nested": {"inner": "yes"}}, [2, 3], "yes", None]


def _load(tmp_path, source: str = SOURCE, name: str = "main.bicep"):
    path = tmp_path / name
    path.write_text(source)
    return load_bicep(str(path))


def test_values_are_the_same_on_every_evaluation_of_a_tree(tmp_path):
    values_line = SOURCE.splitlines().index("    values: [big, esc, multi, items, obj, shadow, members, safe, unknownJoin]")
    for _ in range(3):  # the same file (the same cached tree) each time
        unit = _load(tmp_path)
        (resource,) = unit.resources
        values = resource.body["properties"]["values"]
        assert values[:-1] == EXPECTED
        assert isinstance(values[-1], Unknown)
        assert resource.name == "psa"
        assert resource.source.locate(("properties", "values")).line == values_line + 1
        assert resource.source.locate(("properties", "values", 4, "nested", "inner")).line == 21


def test_a_literal_is_a_new_value_each_time_it_is_evaluated(tmp_path):
    source = "resource a 'Microsoft.Network/virtualNetworks@2023-04-01' = [for i in range(0, 2): {\n" \
             "  name: 'v${i}'\n  properties: {\n    tags: {\n      k: 'v'\n    }\n  }\n}]\n"
    unit = _load(tmp_path, source)
    first, second = (r.body["properties"]["tags"] for r in unit.resources)
    assert first == second == {"k": "v"} and first is not second
    first["k"] = "changed"
    assert second["k"] == "v"


def test_a_name_given_by_a_loop_shadows_a_declared_one(tmp_path):
    source = "var x = 'outer'\nvar y = [for x in ['inner']: x]\n" \
             "resource a 'Microsoft.Network/virtualNetworks@2023-04-01' = {\n  name: y[0]\n}\n"
    (resource,) = _load(tmp_path, source).resources
    assert resource.name == "inner"


def test_an_undeclared_name_is_a_note_where_it_is_written(tmp_path):
    source = "resource a 'Microsoft.Network/virtualNetworks@2023-04-01' = {\n  name: 'a'\n  properties: {\n" \
             "    t: missing\n  }\n}\n"
    unit = _load(tmp_path, source)
    notes = [(e.message, e.line) for e in unit.errors]
    assert ("'missing' is not declared", 4) in notes
    assert unit.resources[0].body == {} and isinstance(unit.resources[0].name, Unknown)  # the body is unknown
