"""Config discovery, every key, merging with the command line, and errors that name file and key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.config import (
    Config,
    ConfigError,
    apply_config,
    glob_regex,
    load_config,
    load_config_file,
    merge,
    validate_rule_names,
    validate_rule_options,
)
from linter.rules.loader import Rule, RuleSet

from .conftest import ALL_PORTS, NO_AVSET, SSH, finding, resource, write

FULL = """\
select = ["AZ8", "diagnostic-settings-missing"]
ignore = ["AZ805"]
exclude = ["generated/**", "*.g.json"]
fail-on = "error"
var-files = ["env/prod.tfvars"]
rules-dir = "company-rules"
show-undecided = true

[per-file-ignores]
"legacy/**" = ["AZ804", "vm-not-in-availability-set"]

[severity]
AZ801 = "note"
nsg-all-ports-open = "warning"

[parameters]
"arm/main.json" = "arm/main.prod.parameters.json"

[rule-options.AZ804]
ports = [22, 3389]
"""


def ruleset() -> RuleSet:
    return RuleSet([Rule(SSH, (), {"ports": [22, 3389, 5985], "udp-ports": [3389]}),
                    Rule(ALL_PORTS, (), {}), Rule(NO_AVSET, (), {})])


def test_every_key_is_read_and_paths_resolve_against_the_config_folder(tmp_path):
    write(tmp_path, ".azlint.toml", FULL)
    config = load_config(str(tmp_path))
    root = str(tmp_path)
    assert config.source == os.path.join(root, ".azlint.toml")
    assert config.select == ["AZ8", "diagnostic-settings-missing"]
    assert config.ignore == ["AZ805"]
    assert config.exclude == ["generated/**", "*.g.json"]
    assert config.fail_on == "error"
    assert config.var_files == [os.path.join(root, "env", "prod.tfvars")]
    assert config.rules_dirs == [os.path.join(root, "company-rules")]
    assert config.show_undecided is True
    assert config.per_file_ignores == {"legacy/**": ["AZ804", "vm-not-in-availability-set"]}
    assert config.severity == {"AZ801": "note", "nsg-all-ports-open": "warning"}
    assert config.parameters == {os.path.join(root, "arm", "main.json"):
                                 os.path.join(root, "arm", "main.prod.parameters.json")}
    assert config.rule_options == {"AZ804": {"ports": [22, 3389]}}


def test_walks_up_from_a_file_to_the_nearest_config(tmp_path):
    write(tmp_path, ".azlint.toml", 'ignore = ["AZ801"]\n')
    write(tmp_path, "infra/pyproject.toml", '[project]\nname = "x"\n')  # no [tool.azlint]: passed over
    template = write(tmp_path, "infra/net/main.bicep", "")
    config = load_config(str(template))
    assert config.source == str(tmp_path / ".azlint.toml")
    assert config.ignore == ["AZ801"]


def test_pyproject_tool_azlint_is_found_and_nearest_wins(tmp_path):
    write(tmp_path, ".azlint.toml", 'ignore = ["AZ801"]\n')
    write(tmp_path, "infra/pyproject.toml", '[project]\nname = "x"\n[tool.azlint]\nignore = ["AZ804"]\n')
    config = load_config(str(tmp_path / "infra"))
    assert config.source == str(tmp_path / "infra" / "pyproject.toml")
    assert config.ignore == ["AZ804"]


def test_azlint_toml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.azlint]\nignore = ["AZ804"]\n')
    write(tmp_path, ".azlint.toml", 'ignore = ["AZ805"]\n')
    assert load_config(str(tmp_path)).ignore == ["AZ805"]


def test_no_config_anywhere_gives_defaults(tmp_path, monkeypatch):
    # stop the walk from finding a config above tmp_path (e.g. the repository's own)
    import linter.config as module

    real_isfile = os.path.isfile
    monkeypatch.setattr(module.os.path, "isfile",
                        lambda p: real_isfile(p) and str(p).startswith(str(tmp_path)))
    config = load_config(str(tmp_path))
    assert config == Config()
    assert config.source is None


def test_load_config_file_reads_a_named_file(tmp_path):
    path = write(tmp_path, "ci/azlint-ci.toml", 'fail-on = "note"\n')
    assert load_config_file(str(path)).fail_on == "note"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('selekt = ["AZ804"]\n', "selekt", "unknown key"),
        ('select = "AZ804"\n', "select", "list of non-empty strings"),
        ('ignore = [1]\n', "ignore", "list of non-empty strings"),
        ('exclude = [""]\n', "exclude", "list of non-empty strings"),
        ('fail-on = "sometimes"\n', "fail-on", "one of error, warning, note, never"),
        ('show-undecided = "yes"\n', "show-undecided", "true or false"),
        ('rules-dir = 3\n', "rules-dir", "list of non-empty strings"),
        ('var-files = "a.tfvars"\n', "var-files", "list of non-empty strings"),
        ('[severity]\nAZ804 = "fatal"\n', "severity.AZ804", "one of note, warning, error"),
        ('severity = ["AZ804"]\n', "severity", "must be a table"),
        ('[per-file-ignores]\n"a/*" = "AZ804"\n', "per-file-ignores.a/*", "list of non-empty strings"),
        ('[parameters]\n"main.json" = 1\n', "parameters.main.json", "parameter file path"),
        ('rule-options = {AZ804 = 1}\n', "rule-options.AZ804", "must be a table"),
    ],
)
def test_bad_keys_and_values_name_the_file_and_the_key(tmp_path, text, key, words):
    path = write(tmp_path, ".azlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(str(tmp_path))
    assert caught.value.file == str(path)
    assert caught.value.key == key
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}: key '{key}': ")


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, ".azlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML") as caught:
        load_config(str(tmp_path))
    assert str(caught.value).startswith(f"{path}: ")


def test_tool_azlint_must_be_a_table(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool]\nazlint = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_config(str(tmp_path))
    assert caught.value.key == "tool.azlint"


def test_rule_options_are_checked_against_the_rule(tmp_path):
    write(tmp_path, ".azlint.toml", '[rule-options.nsg-management-ports-open]\nports = [2222]\n')
    assert validate_rule_options(load_config(str(tmp_path)), ruleset()) == {"AZ804": {"ports": [2222]}}

    for text, key, words in [
        ('[rule-options.AZ804]\nportz = [22]\n', "rule-options.AZ804.portz", "has no option 'portz'"),
        ('[rule-options.AZ804]\nports = "22"\n', "rule-options.AZ804.ports", "a list of int"),
        ('[rule-options.AZ999]\nports = [22]\n', "rule-options.AZ999", "unknown rule"),
    ]:
        write(tmp_path, ".azlint.toml", text)
        with pytest.raises(ConfigError) as caught:
            validate_rule_options(load_config(str(tmp_path)), ruleset())
        assert (caught.value.key, words in caught.value.message) == (key, True)


def test_rule_names_are_checked_but_meta_rules_are_allowed(tmp_path):
    write(tmp_path, ".azlint.toml", 'ignore = ["AZ001", "nsg-all-ports-open", "AZ8"]\n')
    validate_rule_names(load_config(str(tmp_path)), ruleset(), extra=("AZ001", "unused-suppression"))
    write(tmp_path, ".azlint.toml", '[per-file-ignores]\n"x/**" = ["AZ77"]\n')
    with pytest.raises(ConfigError) as caught:
        validate_rule_names(load_config(str(tmp_path)), ruleset())
    assert caught.value.key == "per-file-ignores.x/**"


def test_command_line_lists_replace_and_tables_merge():
    config = Config(source="c.toml", select=["AZ8"], ignore=["AZ805"], fail_on="error",
                    parameters={"a.json": "a.p.json", "b.json": "b.p.json"}, severity={"AZ801": "note"})
    merged = merge(config, {"select": ["AZ804"], "ignore": [], "fail_on": None,
                            "parameters": {"a.json": "a.cli.json"}, "show_undecided": True})
    assert merged.select == ["AZ804"]
    assert merged.ignore == ["AZ805"]  # not given on the command line: the config's
    assert merged.fail_on == "error"
    assert merged.parameters == {"a.json": "a.cli.json", "b.json": "b.p.json"}
    assert merged.severity == {"AZ801": "note"}
    assert merged.show_undecided is True
    assert config.select == ["AZ8"]  # the loaded config is not changed
    assert merge(config, {"ignore": ["AZ801"]}).ignore == ["AZ801"]


def test_per_file_ignores_drop_findings_and_severity_overrides_apply(tmp_path):
    config = Config(source=str(tmp_path / ".azlint.toml"),
                    per_file_ignores={"legacy/**": ["nsg-management-ports-open"], "*.tf": ["AZ80"]},
                    severity={"AZ8": "note", "AZ805": "warning"})
    legacy = resource(tmp_path / "legacy" / "old" / "main.bicep", 1)
    modern = resource(tmp_path / "main.bicep", 1)
    terraform = resource(tmp_path / "mod" / "main.tf", 1, fmt="terraform")
    findings = [finding(legacy, SSH), finding(legacy, ALL_PORTS), finding(modern, SSH),
                finding(modern, ALL_PORTS), finding(terraform, SSH)]
    kept = apply_config(findings, config)
    assert [(Path(f.location.file).name, f.rule.id, f.severity) for f in kept] == [
        ("main.bicep", "AZ805", "warning"),  # legacy: only AZ804 ignored; exact id beats the prefix
        ("main.bicep", "AZ804", "note"),
        ("main.bicep", "AZ805", "warning"),
    ]


@pytest.mark.parametrize(
    ("glob", "path", "hit"),
    [
        ("*.json", "a/b/c.json", True),
        ("legacy/", "legacy/x/main.bicep", True),
        ("legacy/*.bicep", "legacy/x/main.bicep", False),
        ("legacy/**/*.bicep", "legacy/x/main.bicep", True),
        ("legacy/**/*.bicep", "legacy/main.bicep", True),
        ("modules", "src/modules/vm/main.tf", True),
        ("/top.json", "sub/top.json", False),
        ("main.?icep", "main.bicep", True),
    ],
)
def test_globs(glob, path, hit):
    assert (glob_regex(glob).fullmatch(path) is not None) is hit
