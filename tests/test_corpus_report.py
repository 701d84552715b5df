"""scripts/corpus_report.py: its classifiers on small inputs, and the real corpus read without surprises.

The corpus tests run only when ../shared/corpus exists (relative to the
repository root); each corpus is analysed once per session.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SPEC = importlib.util.spec_from_file_location("corpus_report", ROOT / "scripts" / "corpus_report.py")
corpus_report = importlib.util.module_from_spec(SPEC)
sys.modules["corpus_report"] = corpus_report  # dataclasses and worker processes look it up by name
SPEC.loader.exec_module(corpus_report)

CORPORA = {
    "arm-quickstart": "arm-quickstart",
    "alz": "alz",
    "avm": "avm/**/main.json",
    "bicep-samples": "bicep-samples/**/*.json",
    "terraform-quickstart": "terraform-quickstart",
}

# Functions azlint does not implement that the corpus uses, with why that is acceptable for now.
KNOWN_UNIMPLEMENTED: dict[str, str] = {}  # function name -> why the corpus may use it unevaluated


# --- classifiers ---------------------------------------------------------------


@pytest.mark.parametrize(("message", "group"), [
    ("cannot evaluate [foo(1)]: unknown function 'foo' at offset 1", "foo: unknown function"),
    ("cannot evaluate [split(1, 'a')]: split: argument 1: expected a string, got int at offset 1",
     "split: argument 1: expected a string, got int"),
    ("cannot evaluate [variables('x')]: variable 'x' is not declared at offset 1", "variables(): not declared"),
    ("cannot evaluate [parameters('p').a]: cannot read property 'a' of string at offset 15",
     "(property access): cannot read property … of string"),
    ("cannot evaluate [concat('a: b', x]: syntax error in expression: unexpected \"]\" at offset 9",
     "(syntax): syntax error in expression: unexpected \"]\""),
    ("invalid JSON: Expecting ',' delimiter", None),
    ("copy count must be an integer, got ''", None),
])
def test_failure_group_names_the_function_or_the_kind(message, group):
    assert corpus_report.failure_group(message) == group


def test_unknown_function_name_only_for_unknown_functions():
    assert corpus_report.unknown_function_name("cannot evaluate [frob()]: unknown function 'frob' at offset 1") == "frob"
    assert corpus_report.unknown_function_name("cannot evaluate [variables('x')]: variable 'x' is not declared") is None


@pytest.mark.parametrize(("reason", "fmt", "name"), [
    ("function timeadd() is not evaluated", "terraform", "timeadd"),
    ("timestamp() is known at apply time", "terraform", None),
    ("frob() is not evaluated", "bicep", "frob"),
    ("loadTextContent() is not evaluated", "bicep", None),  # unknowable by design
    ("expression error: unknown function 'frob'", "arm", "frob"),
    ("expression error: variable 'x' is not declared", "arm", None),
])
def test_unimplemented_function_tells_missing_from_unknowable(reason, fmt, name):
    assert corpus_report.unimplemented_function(reason, fmt) == name


def test_corpus_relative_strips_everything_up_to_the_corpus_folder():
    path = str(CORPUS / "alz" / "x.json")
    assert corpus_report.corpus_relative(path) == "alz/x.json"
    assert corpus_report.corpus_relative("elsewhere/a.json") == "elsewhere/a.json"


# --- end to end on own fixtures --------------------------------------------------------

ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


BROKEN = f'{{"$schema": "{ARM_SCHEMA}", "resources": [' # a template cut short


def _template(resources: list) -> str:
    return json.dumps({"$schema": ARM_SCHEMA, "contentVersion": "1.0.0.0", "resources": resources})


def _nsg(name: str, location: str) -> dict:
    return {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": name,
            "location": location, "properties": {"securityRules": []}}


def test_analyse_counts_units_resources_unknowns_and_failures(tmp_path):
    (tmp_path / "a.json").write_text(_template([_nsg("n1", "westeurope"), _nsg("n2", "[resourceGroup().location]")]))
    (tmp_path / "b.json").write_text(_template([_nsg("[frob('x')]", "westeurope")]))
    (tmp_path / "c.json").write_text(BROKEN)
    report = corpus_report.analyse("t", [str(tmp_path)], jobs=1)
    assert (report.templates, report.resources) == (3, 3)  # the broken one is a template too
    assert report.unknown_resources == 2  # n2's location, b's name
    assert report.failures == {"frob: unknown function": 1}
    assert report.unimplemented == {"frob": 1}
    assert [Path(e.file).name for e in report.input_errors] == ["c.json"]


def test_strict_exit_code_and_allow_list(tmp_path, capsys):
    folder = tmp_path / "corpus" / "x"
    folder.mkdir(parents=True)
    (folder / "bad.json").write_text(BROKEN)
    allow = tmp_path / "allow.toml"
    allow.write_text('[files]\n"x/bad.json" = "truncated on purpose"\n')
    assert corpus_report.main([str(folder), "--strict", "--jobs", "1", "--allow", str(allow)]) == 0
    assert "allowed: truncated on purpose" in capsys.readouterr().out
    allow.write_text("[files]\n")
    assert corpus_report.main([str(folder), "--strict", "--jobs", "1", "--allow", str(allow)]) == 1
    assert "not in the allow-list" in capsys.readouterr().err
    (folder / "bad.json").write_text(_template([_nsg("[frob('x')]", "westeurope")]))
    assert corpus_report.main([str(folder), "--jobs", "1", "--allow", str(allow)]) == 0
    assert corpus_report.main([str(folder), "--strict", "--jobs", "1", "--allow", str(allow)]) == 1
    assert "function 'frob' is not implemented" in capsys.readouterr().err


def test_markdown_table_has_decided_and_undecided_per_rule():
    one, two = corpus_report.CorpusReport("one"), corpus_report.CorpusReport("two")
    one.findings.update({("AZ804", False): 3, ("AZ804", True): 1})
    two.findings.update({("AZ401", False): 2})
    table = corpus_report.markdown_table([one, two]).splitlines()
    assert table[0] == "| rule | one | two |"
    assert "| AZ401 | 0 / 0 | 2 / 0 |" in table
    assert "| AZ804 | 3 / 1 | 0 / 0 |" in table
    assert table[-1] == "| **all** | 3 / 1 | 2 / 0 |"


# --- the real corpus ----------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


@pytest.fixture(scope="session")
def corpus_reports():
    return {
        label: corpus_report.analyse(label, corpus_report.expand(str(CORPUS / pattern)))
        for label, pattern in CORPORA.items()
    }


@pytest.fixture(scope="session")
def allowed():
    return corpus_report.load_allow_list(corpus_report.DEFAULT_ALLOW)


def test_allow_list_names_each_file_with_a_reason(allowed):
    assert allowed
    for path, reason in allowed.items():
        assert len(reason) > 20, path
        if CORPUS.is_dir():
            assert (CORPUS / path).is_file(), path


@needs_corpus
@pytest.mark.parametrize("label", list(CORPORA))
def test_corpus_is_read_whole(corpus_reports, label):
    report = corpus_reports[label]
    assert report.templates > 0 and report.resources > 0
    crashes = [str(e) for e in report.input_errors if "internal error" in e.message or "Traceback" in e.message]
    assert crashes == []


@needs_corpus
@pytest.mark.parametrize("label", list(CORPORA))
def test_no_unknown_function(corpus_reports, label):
    report = corpus_reports[label]
    assert [g for g in report.failures if g.endswith(": unknown function")] == []
    assert set(report.unimplemented) <= set(KNOWN_UNIMPLEMENTED)


@needs_corpus
@pytest.mark.parametrize("label", list(CORPORA))
def test_every_input_error_is_an_allowed_invalid_file(corpus_reports, allowed, label):
    unexpected = [str(e) for e in corpus_reports[label].input_errors
                  if corpus_report.corpus_relative(e.file) not in allowed]
    assert unexpected == []
