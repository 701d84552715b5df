"""Shared reporter helpers: relative paths, model-path text, counting."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from linter.report.common import format_model_path, read_lines, relative_path, summarize


def test_relative_path_inside_and_outside_root(tmp_path):
    root = tmp_path / "repo"
    assert relative_path(str(root / "a" / "b.json"), str(root)) == "a/b.json"
    assert relative_path(str(root / "a" / ".." / "c.bicep"), str(root)) == "c.bicep"
    outside = tmp_path / "repo2" / "x.tf"  # a sibling sharing the prefix is still outside
    assert relative_path(str(outside), str(root)) == outside.as_posix()


def test_relative_path_from_cwd(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert relative_path("main.tf", str(tmp_path)) == "sub/main.tf"
    assert relative_path(os.path.join("..", "x.json"), str(tmp_path)) == "x.json"


def test_format_model_path():
    assert format_model_path(()) == ""
    assert format_model_path(("properties", "securityRules", 0, "name")) == "properties.securityRules[0].name"
    assert format_model_path(("tags", "cost.center", "a\"b")) == 'tags["cost.center"]["a\\"b"]'
    assert format_model_path((0, "x")) == "[0].x"


KEYS = st.one_of(st.integers(0, 99), st.text(max_size=6), st.sampled_from(["a", "a.b", "0", "[0]", "b", ""]))


@given(st.lists(KEYS, max_size=5), st.lists(KEYS, max_size=5))
def test_distinct_paths_format_distinctly(a, b):
    if tuple(a) != tuple(b):
        assert format_model_path(tuple(a)) != format_model_path(tuple(b))


def test_read_lines_missing_file(tmp_path):
    assert read_lines(str(tmp_path / "nope"), str(tmp_path)) is None
    assert read_lines(str(tmp_path), str(tmp_path)) is None  # a folder


def test_read_lines_relative_to_root(tmp_path):
    (tmp_path / "f.bicep").write_text("\ufeffa\r\nb\n")
    assert read_lines("f.bicep", str(tmp_path)) == ["a", "b"]


def test_summary_counts(result):
    summary = summarize(result)
    assert (summary.findings, summary.errors, summary.warnings, summary.notes) == (2, 1, 1, 0)
    assert (summary.suppressed, summary.input_errors) == (2, 1)


def test_relative_path_through_symlinked_root(tmp_path):
    real = tmp_path / "real"
    (real / "infra").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert relative_path(str(real / "infra" / "a.tf"), str(link)) == "infra/a.tf"
    assert relative_path(str(link / "infra" / "a.tf"), str(real)) == "infra/a.tf"
