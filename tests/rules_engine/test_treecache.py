"""The rule-folder cache: a warm load is the cold load without TOML or lark, and nothing stale,
damaged or foreign is ever trusted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.model import Model
from linter.resources import builtin_rules_dir
from linter.rules import engine, loader, treecache
from linter.rules.loader import RuleLoadError, load_folder, load_rules
from tests.rules_engine.support import make_resource

REPO = Path(__file__).resolve().parents[2]
SAMPLE_RULES = ("network/AZ804-nsg-management-ports-open.toml", "network/AZ805-nsg-all-ports-open.toml")
NSG = make_resource(body={"properties": {"securityRules": [{"name": "ssh", "properties": {
    "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*",
    "destinationPortRange": "22"}}]}})


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A fresh private cache folder for this test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.delenv("AZLINT_NO_CACHE", raising=False)
    return tmp_path / "cache-home" / "azlint"


@pytest.fixture
def rules_dir(tmp_path) -> Path:
    """A user rule folder: two built-in rules under another prefix' folder, and a rename table."""
    folder = tmp_path / "team-rules"
    for name in SAMPLE_RULES:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(builtin_rules_dir() / name, target)
    (folder / "redirects.toml").write_text('[redirects]\n"ssh-open" = "AZ804"\n', encoding="utf-8")
    return folder


@pytest.fixture
def counted(monkeypatch) -> dict:
    """Counts TOML and condition parses the loader does (a warm load does none)."""
    calls = {"toml": 0, "condition": 0}
    parse_toml, parse_condition = loader._parse_toml, loader.parse_condition

    def toml(*args):
        calls["toml"] += 1
        return parse_toml(*args)

    def condition(*args):
        calls["condition"] += 1
        return parse_condition(*args)

    monkeypatch.setattr(loader, "_parse_toml", toml)
    monkeypatch.setattr(loader, "parse_condition", condition)
    return calls


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{treecache.PREFIX}*.json")) if cache.is_dir() else []


def describe(rules) -> list:
    """Everything a rule is made of, compiled parts by their source text."""
    out = []
    for rule in rules:
        checks = [(sorted(c.resource_types), c.condition.source, c.where and c.where.source,
                   c.for_each and (c.for_each[0], c.for_each[1].source),
                   [(name, value.source) for name, value in c.lets],
                   [p if isinstance(p, str) else p.source for p in c.message.parts], c.include_derived)
                  for c in rule.checks]
        out.append((rule.info, rule.info.docs, rule.options, checks))
    return out


def findings(rules) -> list:
    return [(f.rule.id, f.message, f.path, f.undecided) for f in engine.run_rules(Model([NSG]), rules).findings]


def test_a_cold_load_writes_an_entry_and_a_warm_load_parses_nothing(cache, rules_dir, counted):
    cold = load_rules(builtin=False, extra_dirs=[rules_dir])
    assert len(entries(cache)) == 1
    assert counted["toml"] == 3 and counted["condition"] > 0  # two rules and the rename table
    counted.update(toml=0, condition=0)
    warm = load_rules(builtin=False, extra_dirs=[rules_dir])
    assert counted == {"toml": 0, "condition": 0}
    assert describe(warm) == describe(cold)
    assert findings(warm) == findings(cold) and findings(warm)
    assert warm.get("ssh-open").id == "AZ804"  # the rename table came from the cache too


def test_the_builtin_rules_load_the_same_from_the_cache(cache, counted, monkeypatch):
    monkeypatch.setattr(loader, "_builtin_folder", lambda: load_folder(builtin_rules_dir()))  # no memo
    cold = load_rules()
    counted.update(toml=0, condition=0)
    warm = load_rules()
    assert counted == {"toml": 0, "condition": 0}
    assert describe(warm) == describe(cold) and warm.redirects == cold.redirects
    assert findings(warm) == findings(cold)


def test_a_warm_load_imports_neither_tomllib_nor_lark(cache):
    code = ("import sys; from linter.rules.loader import load_rules; load_rules(); "
            "print(sorted(m for m in ('lark', 'tomllib', 'tomli') if m in sys.modules))")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs[0] != "[]"  # the first run had to parse
    assert runs[1] == "[]"


def test_a_changed_rule_file_is_compiled_again(cache, rules_dir, counted):
    load_rules(builtin=False, extra_dirs=[rules_dir])
    path = rules_dir / SAMPLE_RULES[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "NSG rule allows', 'title = "Changed: NSG rule allows')
                    .replace("lower(rule.properties.protocol) in ['*', 'tcp']", "rule.properties.protocol == 'Tcp'"),
                    encoding="utf-8")
    counted.update(toml=0, condition=0)
    changed = load_rules(builtin=False, extra_dirs=[rules_dir])
    assert counted["toml"] == 3 and counted["condition"] > 0
    assert changed.get("AZ804").info.title.startswith("Changed:")
    assert changed.get("AZ804").checks[0].condition.source.lstrip().startswith("rule.properties.protocol == 'Tcp'")
    assert len(entries(cache)) == 1  # the folder's entry was replaced, not added to
    counted.update(toml=0, condition=0)
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert counted == {"toml": 0, "condition": 0}


def test_an_added_or_removed_rule_file_is_seen(cache, rules_dir):
    load_rules(builtin=False, extra_dirs=[rules_dir])
    (rules_dir / SAMPLE_RULES[1]).unlink()
    assert [r.id for r in load_rules(builtin=False, extra_dirs=[rules_dir])] == ["AZ804"]
    shutil.copy(builtin_rules_dir() / SAMPLE_RULES[1], rules_dir / "AZ805-nsg-all-ports-open.toml")
    assert [r.id for r in load_rules(builtin=False, extra_dirs=[rules_dir])] == ["AZ804", "AZ805"]


def test_an_error_introduced_after_caching_is_reported_as_without_a_cache(cache, rules_dir, monkeypatch):
    load_rules(builtin=False, extra_dirs=[rules_dir])
    path = rules_dir / SAMPLE_RULES[0]
    path.write_text(path.read_text(encoding="utf-8").replace("and any(s in sources", "and any(s in sources ==",
                                                              1), encoding="utf-8")
    with pytest.raises(RuleLoadError) as cached_run:
        load_rules(builtin=False, extra_dirs=[rules_dir])
    monkeypatch.setenv("AZLINT_NO_CACHE", "1")
    with pytest.raises(RuleLoadError) as uncached_run:
        load_rules(builtin=False, extra_dirs=[rules_dir])
    assert str(cached_run.value) == str(uncached_run.value)
    assert cached_run.value.line is not None and cached_run.value.column is not None


def _damage_trees(data: dict) -> None:
    data["trees"] = {key: ["bogus", "x"] for key in data["trees"]}


def _damage_table(data: dict) -> None:
    next(iter(data["tables"].values()))["severity"] = "fatal"


def _damage_shape(data: dict) -> None:
    data["tables"] = ["not", "a", "table"]


@pytest.mark.parametrize("damage", [
    pytest.param(lambda path: path.write_bytes(b"\x00garbage{"), id="not-json"),
    pytest.param(lambda path: path.write_text("[1, 2]"), id="json-list"),
    pytest.param(lambda path: path.write_text("[" * 100_000), id="deeply-nested"),
    pytest.param(_damage_trees, id="trees"),
    pytest.param(_damage_table, id="table-value"),
    pytest.param(_damage_shape, id="table-shape"),
])
def test_a_damaged_entry_is_ignored_and_rewritten(cache, rules_dir, damage):
    expected = describe(load_rules(builtin=False, extra_dirs=[rules_dir]))
    (entry,) = entries(cache)
    if damage.__name__.startswith("_damage"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        damage(data)
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        damage(entry)
    assert describe(load_rules(builtin=False, extra_dirs=[rules_dir])) == expected
    assert describe(load_rules(builtin=False, extra_dirs=[rules_dir])) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["key"]  # usable again


def test_an_entry_with_another_key_is_not_used(cache, rules_dir, counted):
    load_rules(builtin=False, extra_dirs=[rules_dir])
    (entry,) = entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["key"] = "0" * 64
    entry.write_text(json.dumps(data), encoding="utf-8")
    counted.update(toml=0, condition=0)
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert counted["toml"] == 3


def test_an_oversized_entry_is_ignored(cache, rules_dir, counted, monkeypatch):
    load_rules(builtin=False, extra_dirs=[rules_dir])
    monkeypatch.setattr(treecache, "MAX_FILE_BYTES", 10)
    counted.update(toml=0, condition=0)
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert counted["toml"] == 3


def test_a_folder_others_can_write_is_not_used(cache, rules_dir):
    cache.mkdir(parents=True)
    os.chmod(cache, 0o777)
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert entries(cache) == []


def test_no_cache_folder_can_be_made(tmp_path, monkeypatch, rules_dir):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("AZLINT_NO_CACHE", raising=False)
    assert [r.id for r in load_rules(builtin=False, extra_dirs=[rules_dir])] == ["AZ804", "AZ805"]


def test_an_unwritable_cache_is_skipped_silently(cache, rules_dir, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert [r.id for r in load_rules(builtin=False, extra_dirs=[rules_dir])] == ["AZ804", "AZ805"]
    assert entries(cache) == []


def test_a_failed_write_leaves_no_temporary_file(cache, rules_dir, monkeypatch):
    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(treecache.os, "replace", refuse)
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert list(cache.iterdir()) == []


def test_the_cache_can_be_turned_off(cache, rules_dir, monkeypatch):
    monkeypatch.setenv("AZLINT_NO_CACHE", "1")
    load_rules(builtin=False, extra_dirs=[rules_dir])
    assert not cache.exists()


def test_user_rule_folders_get_one_entry_each(cache, rules_dir, tmp_path, counted):
    other = tmp_path / "other-rules"
    other.mkdir()
    shutil.copy(builtin_rules_dir() / "network/AZ803-public-ip-without-nsg.toml", other)
    ruleset = load_rules(builtin=False, extra_dirs=[rules_dir, other])
    assert len(entries(cache)) == 2
    counted.update(toml=0, condition=0)
    assert [r.id for r in load_rules(builtin=False, extra_dirs=[rules_dir, other])] == [r.id for r in ruleset]
    assert counted == {"toml": 0, "condition": 0}


def test_a_folder_that_fails_to_load_is_not_cached(cache, rules_dir):
    (rules_dir / "redirects.toml").write_text('[redirects]\n"AZ804" = "AZ805"\n', encoding="utf-8")
    with pytest.raises(RuleLoadError, match="still names a rule"):
        load_rules(builtin=False, extra_dirs=[rules_dir])
    assert entries(cache) == []


def test_rule_data_json_cannot_hold_is_loaded_but_not_cached(cache, rules_dir):
    path = rules_dir / SAMPLE_RULES[0]
    path.write_text(path.read_text(encoding="utf-8").replace("[options]\n", "[options]\nsince = 2024-01-01\n"),
                    encoding="utf-8")
    ruleset = load_rules(builtin=False, extra_dirs=[rules_dir])
    assert str(ruleset.get("AZ804").options["since"]) == "2024-01-01"
    assert entries(cache) == []


def test_old_entries_are_dropped_beyond_the_limit(cache, rules_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(treecache, "MAX_FILES", 3)
    cache.mkdir(parents=True)
    (cache / "rule-trees-0123456789abcdef.json").write_text("{}")  # the cache of earlier versions
    for number in range(5):
        folder = tmp_path / f"rules-{number}"
        shutil.copytree(rules_dir, folder)
        load_rules(builtin=False, extra_dirs=[folder])
    names = [p.name for p in cache.iterdir()]
    assert len(entries(cache)) == 3 and not any(n.startswith("rule-trees-") for n in names)


def test_the_command_line_caches_builtin_and_user_rules_and_reports_the_same(cache, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    text = (builtin_rules_dir() / SAMPLE_RULES[0]).read_text(encoding="utf-8")
    (team / "XY804-team-ssh-open.toml").write_text(
        text.replace('id = "AZ804"', 'id = "XY804"').replace('slug = "nsg-management-ports-open"',
                                                           'slug = "team-ssh-open"'), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    command = [sys.executable, "-m", "linter", "check", "sample-templates/arm/jumpbox-insecure.json",
               "--rules-dir", str(team), "--format", "json"]
    cold, warm = (subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True) for _ in range(2))
    assert len(entries(cache)) == 2, cold.stderr  # the built-in folder and the user folder
    assert cold.returncode == warm.returncode == 1
    findings = json.loads(warm.stdout)["findings"]
    assert findings == json.loads(cold.stdout)["findings"]
    assert {"AZ804", "XY804"} <= {finding["rule_id"] for finding in findings}
