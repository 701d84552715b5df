"""The generated rule docs and guide coverage (scripts/generate_docs.py): complete, valid and up to date."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from linter.rules.docs import SECTIONS
from linter.rules.loader import DOCS_KEYS

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "generate_docs.py"
GUIDE = Path(os.environ.get("AZLINT_GUIDE") or REPO.parent / "shared" / "guide" / "operational-best-practices.md")


def _load_script():
    spec = importlib.util.spec_from_file_location("generate_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


gen = _load_script()
INFOS = gen.all_rule_infos()
MAPPING = gen.load_mapping(REPO / gen.MAPPING)

SMALL_GUIDE = """# Title
## Enforce multifactor verification for users
Text.
## Manage and monitor user passwords
**Best practice**: Use [strong](https://example.com) passwords. More words.
**Detail**: Something.

**Best practice**: Watch **risky** sign-ins.
"""


def small_mapping(**practice_overrides):
    practices = [gen.Entry("Use strong passwords.", reason="tenant setting"),
                 gen.Entry("Watch risky sign-ins.", reason="a report")]
    for index, fields in practice_overrides.items():
        position = int(index[1:])
        practices[position] = replace(practices[position], **fields)
    return gen.Mapping("https://example.com/guide", (
        gen.SectionMap(gen.Entry("Enforce multifactor verification for users")),
        gen.SectionMap(gen.Entry("Manage and monitor user passwords", reason="tenant"), tuple(practices)),
    ))


def mfa_rule():
    (info,) = [i for i in INFOS if i.guide_section == "Enforce multifactor verification for users"]
    return info


# ------------------------------------------------------------------ rule pages

@pytest.mark.parametrize("info", INFOS, ids=lambda i: i.id)
def test_every_rule_has_every_doc_section(info):
    for key in DOCS_KEYS:
        value = info.docs.get(key)
        assert value, f"{info.id}: docs.{key} is empty"
        if key == "references":
            assert all(isinstance(ref, str) and ref.strip() for ref in value)
        else:
            assert str(value).strip(), f"{info.id}: docs.{key} is blank"
    page = gen.render_rule_page(info)
    assert page.startswith(f"# {info.id} {info.slug}\n")
    positions = [page.index(f"\n## {heading}\n") for _, heading in SECTIONS]
    assert positions == sorted(positions)


def test_the_meta_rule_and_every_loaded_rule_are_documented():
    ids = [i.id for i in INFOS]
    assert "AZ001" in ids and len(ids) == len(set(ids)) and ids == sorted(ids)
    index = (REPO / gen.INDEX).read_text(encoding="utf-8")
    for info in INFOS:
        assert f"| [{info.id}]({info.id}.md) | `{info.slug}` | {info.severity} |" in index
        assert (REPO / gen.RULES_DIR / f"{info.id}.md").is_file()


def test_every_rule_appears_on_the_coverage_page():
    page = (REPO / gen.COVERAGE).read_text(encoding="utf-8")
    for info in INFOS:
        assert f"[{info.id}](rules/{info.id}.md)" in page


# ------------------------------------------------------------------ up to date

def test_generated_docs_are_up_to_date():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_generation_is_deterministic():
    first = gen.expected_files(INFOS, MAPPING)
    second = gen.expected_files(list(reversed(INFOS)), gen.load_mapping(REPO / gen.MAPPING))
    assert first == second


def test_check_lists_missing_changed_and_orphaned_files(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(REPO / gen.MAPPING, tmp_path / gen.MAPPING)
    files = gen.expected_files(INFOS, MAPPING)
    assert set(gen.stale_files(tmp_path, files)) == {str(p) for p in files}

    assert gen.main(["--root", str(tmp_path)]) == 0
    assert gen.stale_files(tmp_path, files) == []
    assert gen.main(["--root", str(tmp_path), "--check"]) == 0

    page = tmp_path / gen.RULES_DIR / f"{INFOS[-1].id}.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (tmp_path / gen.RULES_DIR / "AZ999.md").write_text("# gone\n", encoding="utf-8")
    assert gen.stale_files(tmp_path, files) == sorted([str(page.relative_to(tmp_path)),
                                                       str(gen.RULES_DIR / "AZ999.md")])
    assert gen.main(["--root", str(tmp_path), "--check"]) == 1
    assert gen.main(["--root", str(tmp_path)]) == 0
    assert not (tmp_path / gen.RULES_DIR / "AZ999.md").exists()
    assert gen.stale_files(tmp_path, files) == []


# ------------------------------------------------------------------ guide coverage

def test_the_mapping_is_valid():
    guide = gen.parse_guide(GUIDE.read_text(encoding="utf-8")) if GUIDE.is_file() else None
    assert gen.validate(MAPPING, INFOS, guide) == []


@pytest.mark.skipif(not GUIDE.is_file(), reason="the guide is not at hand")
def test_the_mapping_names_every_section_and_best_practice_of_the_guide():
    guide = gen.parse_guide(GUIDE.read_text(encoding="utf-8"))
    assert len(guide) >= 10 and sum(len(s.practices) for s in guide) >= 20
    assert [s.heading for s in MAPPING.sections] == [s.heading for s in guide]


def test_parse_guide_reads_sections_and_first_sentences():
    sections = gen.parse_guide(SMALL_GUIDE)
    assert [s.heading for s in sections] == ["Enforce multifactor verification for users",
                                             "Manage and monitor user passwords"]
    assert sections[1].practices == ("Use strong passwords.", "Watch risky sign-ins.")


def test_a_matching_mapping_has_no_errors():
    assert gen.validate(small_mapping(), [mfa_rule()], gen.parse_guide(SMALL_GUIDE)) == []


def test_a_guide_section_missing_from_the_mapping_fails():
    mapping = small_mapping()
    mapping = replace(mapping, sections=mapping.sections[1:])
    errors = gen.validate(mapping, [], gen.parse_guide(SMALL_GUIDE))
    assert any("'Enforce multifactor verification for users' is missing" in e for e in errors)


def test_a_best_practice_missing_from_the_mapping_fails():
    mapping = small_mapping(p1={"text": "Something else."})
    errors = gen.validate(mapping, [mfa_rule()], gen.parse_guide(SMALL_GUIDE))
    assert any("best practice 'Watch risky sign-ins.'" in e and "missing" in e for e in errors)
    assert any("mapped practice 'Something else.'" in e for e in errors)


def test_an_unknown_rule_id_fails():
    mapping = small_mapping(p0={"rules": ("AZ999",)})
    errors = gen.validate(mapping, [mfa_rule()])
    assert errors == ["section 'Manage and monitor user passwords', practice 'Use strong passwords.': "
                      "unknown rule id 'AZ999'"]


def test_an_entry_with_neither_rules_nor_reason_fails():
    mapping = small_mapping(p1={"reason": " "})
    assert gen.validate(mapping, [mfa_rule()]) == [
        "section 'Manage and monitor user passwords', practice 'Watch risky sign-ins.': needs rules or a reason"]
    assert gen.validate(small_mapping(), []) == [
        "section 'Enforce multifactor verification for users': needs rules or a reason"]


def test_a_rule_of_a_section_with_practices_must_be_in_one_of_them():
    info = replace(mfa_rule(), id="AZ199", guide_section="Manage and monitor user passwords")
    errors = gen.validate(small_mapping(), [mfa_rule(), info])
    assert errors == ["AZ199: in section 'Manage and monitor user passwords' but in none of its best practices"]
    placed = small_mapping(p0={"rules": ("AZ199",)})
    assert gen.validate(placed, [mfa_rule(), info]) == []


def test_a_rule_naming_an_unmapped_section_fails():
    info = replace(mfa_rule(), guide_section="Enforce multi-factor authentication")
    errors = gen.validate(small_mapping(), [info], None)
    assert f"{info.id}: guide-section 'Enforce multi-factor authentication' is not a section of the mapping" in errors


# ------------------------------------------------------------------ help-uri anchors

@pytest.mark.parametrize(("heading", "anchor"), [
    ("Prevent, detect, and respond to threats", "prevent-detect-and-respond-to-threats"),
    ("Monitor end-to-end scenario-based network monitoring", "monitor-end-to-end-scenario-based-network-monitoring"),
    ("Enable Azure Policy", "enable-azure-policy"),
    ("What's new (2024)?", "whats-new-2024"),
])
def test_slugify_follows_learn_microsoft_com(heading, anchor):
    assert gen.slugify(heading) == anchor


def _anchors() -> set[str]:
    if GUIDE.is_file():
        return gen.guide_anchors(GUIDE.read_text(encoding="utf-8"))
    return {gen.slugify(s.heading) for s in MAPPING.sections}


def _guide_links(info) -> list[str]:
    base = MAPPING.guide_url.split("/en-us/")[-1]
    links = [info.help_uri, *info.docs.get("references", ())]
    return [link for link in links if link and base in link and "#" in link]


@pytest.mark.parametrize("info", [i for i in INFOS if i.help_uri or i.guide_section], ids=lambda i: i.id)
def test_help_uri_points_at_the_rules_guide_section(info):
    url = urlsplit(info.help_uri)
    assert f"{url.scheme}://{url.netloc}{url.path}" == MAPPING.guide_url
    assert url.fragment == gen.slugify(info.guide_section)
    for link in _guide_links(info):
        assert urlsplit(link).fragment in _anchors(), f"{info.id}: {link} names no heading of the guide"


def test_check_fails_on_an_unknown_rule_id_in_the_mapping_file(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    text = (REPO / gen.MAPPING).read_text(encoding="utf-8")
    assert 'rules = ["AZ701"]' in text
    (tmp_path / gen.MAPPING).write_text(text.replace('rules = ["AZ701"]', 'rules = ["AZ799"]'), encoding="utf-8")
    assert gen.main(["--root", str(tmp_path), "--check"]) == 1
    assert "unknown rule id 'AZ799'" in capsys.readouterr().err
    assert gen.main(["--root", str(tmp_path)]) == 1
    assert not (tmp_path / gen.COVERAGE).exists()


@pytest.mark.parametrize("data", [
    {"section": [{"rules": []}]},
    {"section": [{"heading": "A", "rule": ["AZ101"]}]},
    {"section": [{"heading": "A", "rules": "AZ101"}]},
    {"section": [{"heading": "A", "practice": [{"practice": "B", "reason": 3}]}]},
])
def test_a_misshapen_mapping_is_a_clear_error(data):
    with pytest.raises(gen.MappingError):
        gen.parse_mapping(data)
