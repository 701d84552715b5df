"""README.md and docs/integrations.md: every snippet parses, and every azlint command in them is one the CLI accepts."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from linter.config import parse_config

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "integrations.md"
DOCS = (REPO / "README.md", DOC)
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
COMMAND = re.compile(r"\bazlint (?:check|rules|explain)\b[^\n\"]*")
PIPELINE_VARIABLE = re.compile(r"\$\([^)]*\)|\$\{\{[^}]*\}\}")


def _fences() -> list[tuple[str, str]]:
    return [fence for doc in DOCS for fence in FENCE.findall(doc.read_text(encoding="utf-8"))]


def blocks(language: str) -> list[str]:
    return [body for lang, body in _fences() if lang == language]


def commands() -> list[str]:
    found = [m.group().split(" #")[0].strip() for lang, body in _fences() if lang != "text"
             for m in COMMAND.finditer(body)]
    return sorted(set(found))


def hook_args() -> list[tuple[str, list[str]]]:
    """(hook id, args) of every pre-commit hook the docs configure."""
    out = []
    for body in blocks("yaml"):
        document = yaml.safe_load(body)
        if isinstance(document, dict) and "repos" in document:
            out += [(hook["id"], hook.get("args", [])) for repo in document["repos"] for hook in repo["hooks"]]
    return out


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_the_docs_have_every_integration(doc):
    text = doc.read_text(encoding="utf-8")
    for heading in ("pre-commit", "GitHub Actions", "Azure Pipelines", "VS Code"):
        assert re.search(rf"^##+ {heading}", text, re.M), (doc.name, heading)
    assert len(commands()) >= 4


@pytest.mark.parametrize("index", range(len(blocks("yaml"))))
def test_yaml_snippets_parse(index):
    body = blocks("yaml")[index]
    if body.startswith("      - name:"):  # a step to paste into the workflow above
        body = "steps:\n" + body[4:].replace("\n      ", "\n  ")
    assert yaml.safe_load(body)


@pytest.mark.parametrize("index", range(len(blocks("json"))))
def test_json_snippets_parse(index):
    assert json.loads(blocks("json")[index])


@pytest.mark.parametrize("index", range(len(blocks("toml"))))
def test_the_example_configs_are_valid(index, tmp_path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = parse_config(str(tmp_path / ".azlint.toml"), tomllib.loads(blocks("toml")[index]))
    assert config.rule_options["AZ804"]["ports"][-1] == 2222


def test_documented_hooks_exist():
    hooks = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks == {"azlint", "azlint-arm", "azlint-bicep", "azlint-terraform"}
    assert {hook for hook, _ in hook_args()} <= hooks


def _invoke(args: list[str], tmp_path: Path, monkeypatch) -> object:
    """Run the real click command line; the lint itself is replaced by an empty run."""
    import linter.check
    from linter.cli import main
    from linter.result import RunResult

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(linter.check, "run_check", lambda options: RunResult(root=str(tmp_path)))
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("command", commands())
def test_documented_commands_are_accepted(command, tmp_path, monkeypatch):
    (tmp_path / "main.tf").write_text('resource "azurerm_resource_group" "rg" {}\n')
    (tmp_path / "out" / "CodeAnalysisLogs").mkdir(parents=True)
    args = shlex.split(PIPELINE_VARIABLE.sub(str(tmp_path / "out"), command))[1:]
    (tmp_path / "sample-templates").mkdir()  # the README's first command lints this checkout folder
    result = _invoke(args, tmp_path, monkeypatch)
    assert result.exit_code != 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    for option in ("--output", "--write-baseline"):
        if option in args:
            assert Path(args[args.index(option) + 1]).is_file()


@pytest.mark.parametrize(("hook", "args"), [h for h in hook_args() if h[1]])
def test_documented_hook_args_are_accepted(hook, args, tmp_path, monkeypatch):
    (tmp_path / "main.tf").write_text('resource "azurerm_resource_group" "rg" {}\n')
    result = _invoke(["check", *args, "main.tf"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
