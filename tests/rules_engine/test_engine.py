"""Engine behaviour with small custom rules: for-each witnesses, let, derived resources, options."""

from __future__ import annotations

from linter.model import Model
from linter.rules.engine import run_rules
from linter.rules.loader import load_file

from .support import make_resource

TEMPLATE = '''\
id = "TT001"
slug = "test-rule"
title = "t"
severity = "note"
[docs]
flags = "f"
why = "w"
noncompliant = "n"
compliant = "c"
fix = "x"
references = ["r"]
[options]
limit = 1
[[check]]
resource-types = ["Test.Ns/things"]
{check}
'''


def rule(tmp_path, check):
    path = tmp_path / "TT001-test-rule.toml"
    path.write_text(TEMPLATE.format(check=check), encoding="utf-8")
    return load_file(path)


BODY = {"properties": {"flag": True, "items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}]}}


def test_for_each_witness_defaults_to_the_element(tmp_path):
    r = rule(tmp_path, 'for-each = "it in properties.items[*]"\ncondition = "properties.flag"\n'
                       'message = "{it.name}"')
    findings = run_rules(Model([make_resource("Test.Ns/things", "t", BODY)]), [r]).findings
    assert [(f.message, f.path) for f in findings] == [
        ("a", ("properties", "items", 0)), ("b", ("properties", "items", 1))]


def test_for_each_witness_inside_the_element_and_let(tmp_path):
    r = rule(tmp_path, 'for-each = "it in properties.items[*]"\ncondition = "big"\n'
                       'message = "{it.name} is {it.v}"\n[check.let]\nbig = "it.v > options.limit"')
    findings = run_rules(Model([make_resource("Test.Ns/things", "t", BODY)]), [r]).findings
    assert [(f.message, f.path) for f in findings] == [("b is 2", ("properties", "items", 1, "v"))]
    findings = run_rules(Model([make_resource("Test.Ns/things", "t", BODY)]), [r],
                         options_override={"TT001": {"limit": 0}}).findings
    assert len(findings) == 2


def test_where_false_or_undecided_means_not_applicable(tmp_path):
    from linter.model import Unknown

    r = rule(tmp_path, 'where = "properties.flag"\ncondition = "true"\nmessage = "m"')
    body_unknown = {"properties": {"flag": Unknown("p")}}
    resources = [make_resource("Test.Ns/things", "a", {"properties": {"flag": False}}),
                 make_resource("Test.Ns/things", "b", body_unknown),
                 make_resource("Test.Ns/things", "c", BODY)]
    assert [f.resource.name for f in run_rules(Model(resources), [r]).findings] == ["c"]


def test_derived_resources_only_when_asked(tmp_path):
    derived = make_resource("test.ns/THINGS", "d", BODY, derived=True)
    plain = rule(tmp_path, 'condition = "true"\nmessage = "m"')
    assert run_rules(Model([derived]), [plain]).findings == []
    asking = rule(tmp_path, 'include-derived = true\ncondition = "true"\nmessage = "m"')
    assert len(run_rules(Model([derived]), [asking]).findings) == 1


def test_undecided_findings_can_be_left_out(tmp_path):
    from linter.model import Unknown

    r = rule(tmp_path, 'condition = "properties.flag"\nmessage = "m"')
    model = Model([make_resource("Test.Ns/things", "a", {"properties": {"flag": Unknown("p")}})])
    assert [f.undecided for f in run_rules(model, [r]).findings] == [True]
    assert run_rules(model, [r], include_undecided=False).findings == []
