"""Rule files: validation errors name file and line; the registry looks rules up."""

from __future__ import annotations

import pytest

from linter.rules.loader import RuleLoadError, UnknownRuleError, load_dir, load_file, load_rules

GOOD = '''\
id = "XY101"
slug = "demo-rule"
title = "A demo rule"
severity = "warning"
status = "preview"
guide-section = "Mitigate and protect against DDoS"
help-uri = "https://learn.microsoft.com/x#y"
security-severity = "5.5"

[docs]
flags = "flags"
why = "why"
noncompliant = """
resource "x" "y" {
  id = "not a key of this file"
}"""
compliant = "compliant"
fix = "fix"
references = ["https://example.com"]

[options]
limit = 2

[[check]]
resource-types = ["Microsoft.Web/serverfarms"]
condition = "sku.capacity < options.limit"
message = "plan '{resource.name}' has {sku.capacity} instance(s)"

[[check]]
resource-types = ["Microsoft.Web/sites"]
for-each = "x in properties.items[*]"
where = "exists(x)"
condition = """
x.a == 1
  and x.b == 2"""
message = "item {n}"

[check.let]
n = "x.name"
'''


def write(tmp_path, text, name="XY101-demo-rule.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text, needle, occurrence=1):
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def load_error(tmp_path, text, name="XY101-demo-rule.toml") -> RuleLoadError:
    with pytest.raises(RuleLoadError) as info:
        load_file(write(tmp_path, text, name))
    assert info.value.file.endswith(name)
    return info.value


def test_good_rule_loads_into_rule_info(tmp_path):
    rule = load_file(write(tmp_path, GOOD))
    info = rule.info
    assert (info.id, info.slug, info.severity, info.status) == ("XY101", "demo-rule", "warning", "preview")
    assert info.security_severity == "5.5" and info.help_uri.endswith("#y")
    assert info.docs["references"] == ["https://example.com"]
    assert rule.options == {"limit": 2}
    assert len(rule.checks) == 2
    assert rule.checks[1].lets[0][0] == "n"
    assert rule.checks[0].resource_types == frozenset({"microsoft.web/serverfarms"})


def test_unknown_key_names_its_line(tmp_path):
    text = GOOD.replace('status = "preview"', 'status = "preview"\ncolour = "red"')
    err = load_error(tmp_path, text)
    assert "unknown key 'colour'" in err.message and err.line == line_of(text, "colour")


def test_unknown_key_in_second_check(tmp_path):
    text = GOOD.replace('where = "exists(x)"', 'where = "exists(x)"\nwhen = "x"')
    err = load_error(tmp_path, text)
    assert "'when'" in err.message and err.line == line_of(text, "when =")


def test_missing_docs_and_missing_docs_key(tmp_path):
    start, end = GOOD.index("[docs]"), GOOD.index("[options]")
    err = load_error(tmp_path, GOOD[:start] + GOOD[end:])
    assert "missing required key 'docs'" in err.message
    err = load_error(tmp_path, GOOD.replace('fix = "fix"\n', ""))
    assert "[docs] is missing required key 'fix'" in err.message and err.line == line_of(GOOD, "[docs]")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ('severity = "warning"', 'severity = "critical"', "severity =", "severity 'critical'"),
        ('status = "preview"', 'status = "beta"', "status =", "status 'beta'"),
        ('id = "XY101"', 'id = "xy-1"', "id =", "must look like"),
        ('security-severity = "5.5"', 'security-severity = "11.0"', "security-severity", "security-severity"),
        ('help-uri = "https://learn.microsoft.com/x#y"', 'help-uri = "http://x"', "help-uri", "https://"),
        ('references = ["https://example.com"]', "references = []", "references", "references"),
        ('resource-types = ["Microsoft.Web/sites"]', 'resource-types = ["sites"]', 'resource-types = ["sites"]',
         "resource-types"),
    ],
)
def test_bad_values(tmp_path, old, new, needle, message):
    text = GOOD.replace(old, new)
    err = load_error(tmp_path, text)
    assert message in err.message
    assert err.line == line_of(text, needle)


def test_file_name_must_match_id_and_slug(tmp_path):
    err = load_error(tmp_path, GOOD, name="XY101-other.toml")
    assert "XY101-demo-rule.toml" in err.message


def test_invalid_toml_reports_position(tmp_path):
    err = load_error(tmp_path, GOOD.replace('title = "A demo rule"', 'title = "A demo rule'))
    assert "invalid TOML" in err.message and err.line == 3


def test_bad_condition_points_inside_the_file(tmp_path):
    text = GOOD.replace('condition = "sku.capacity < options.limit"', 'condition = "sku.capacity < < 2"')
    err = load_error(tmp_path, text)
    assert err.line == line_of(text, "sku.capacity < <")
    assert err.column == text.splitlines()[err.line - 1].index("< <") + 3  # the second '<', 1-based
    assert "bad condition" in err.message


def test_bad_multiline_condition_points_at_the_right_line(tmp_path):
    text = GOOD.replace("  and x.b == 2", "  and and x.b == 2")
    err = load_error(tmp_path, text)
    assert err.line == line_of(text, "and and")
    assert err.column == 7


def test_bad_message_placeholder_and_let(tmp_path):
    err = load_error(tmp_path, GOOD.replace("{sku.capacity}", "{sku.capacity ==}"))
    assert "bad message" in err.message and err.line == line_of(GOOD, "has {sku.capacity}")
    text = GOOD.replace('n = "x.name"', 'n = "x.name("')
    err = load_error(tmp_path, text)
    assert "bad n" in err.message and err.line == line_of(text, 'n = "x.name("')


def test_unknown_function_in_condition(tmp_path):
    err = load_error(tmp_path, GOOD.replace("sku.capacity < options.limit", "frobnicate(sku)"))
    assert "unknown function 'frobnicate'" in err.message


def test_duplicate_id_and_slug(tmp_path):
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace('slug = "demo-rule"', 'slug = "other-rule"'), "XY101-other-rule.toml")
    with pytest.raises(RuleLoadError, match="duplicate rule id 'XY101'") as info:
        load_dir(tmp_path)
    assert info.value.line == 1
    (tmp_path / "XY101-other-rule.toml").unlink()
    write(tmp_path, GOOD.replace('id = "XY101"', 'id = "XY102"'), "XY102-demo-rule.toml")
    with pytest.raises(RuleLoadError, match="duplicate rule slug 'demo-rule'"):
        load_dir(tmp_path)


def test_user_rule_clashing_with_builtin(tmp_path):
    text = GOOD.replace('id = "XY101"', 'id = "AZ804"').replace('slug = "demo-rule"', 'slug = "mine"')
    write(tmp_path, text, "AZ804-mine.toml")
    with pytest.raises(RuleLoadError, match="duplicate rule id 'AZ804'"):
        load_rules(builtin=True, extra_dirs=[tmp_path])


def test_registry_lookups_and_selection(tmp_path):
    write(tmp_path, GOOD)
    ruleset = load_rules(builtin=True, extra_dirs=[tmp_path])
    assert ruleset.get("az804").slug == "nsg-management-ports-open"
    assert ruleset.find("public-ip-without-nsg").id == "AZ803"
    az80 = [r.id for r in ruleset.match("AZ80")]
    assert {"AZ801", "AZ803", "AZ804", "AZ805"} <= set(az80)
    assert all(rule_id.startswith("AZ80") for rule_id in az80)
    az8 = [r.id for r in ruleset if r.id.startswith("AZ8")]
    assert [r.id for r in ruleset.select(["AZ8", "XY101"], ["nsg-all-ports-open"])] == [
        *(rule_id for rule_id in az8 if rule_id != "AZ805"), "XY101"]
    assert [r.id for r in ruleset.select(None, None)] == [r.id for r in ruleset]
    with pytest.raises(UnknownRuleError, match="'nope'"):
        ruleset.select(["nope"])
    assert ruleset.unmatched(["AZ8", "zz"]) == ["zz"]


def test_builtin_rules_are_complete_and_load_fast():
    ruleset = load_rules()
    for rule in ruleset:
        info = rule.info
        assert info.guide_section and info.help_uri.startswith("https://learn.microsoft.com/")
        assert "#" in info.help_uri and info.security_severity != ""
        for key in ("flags", "why", "noncompliant", "compliant", "fix", "references"):
            assert info.docs[key], (info.id, key)
        assert info.source_file.endswith(f"{info.id}-{info.slug}.toml")
