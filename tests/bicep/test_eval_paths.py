"""Real paths are resolved once per process, and again when the file a path names changes."""

from __future__ import annotations

import os
import sys

import pytest

from linter.frontends.bicep.file import real_path

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")


@needs_symlinks
def test_a_path_is_resolved_again_when_it_names_another_file(tmp_path):
    first, second = tmp_path / "first.bicep", tmp_path / "second.bicep"
    first.write_text("var a = 1\n")
    second.write_text("var b = 2\n")
    link = tmp_path / "main.bicep"
    link.symlink_to(first)
    assert real_path(str(link)) == os.path.realpath(first)
    assert real_path(str(link)) == os.path.realpath(first)  # remembered
    link.unlink()
    link.symlink_to(second)
    assert real_path(str(link)) == os.path.realpath(second)


def test_relative_paths_depend_on_the_working_folder(tmp_path, monkeypatch):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.bicep").write_text("")
    monkeypatch.chdir(tmp_path / "a")
    assert real_path("main.bicep") == os.path.realpath(tmp_path / "a" / "main.bicep")
    monkeypatch.chdir(tmp_path / "b")
    assert real_path("main.bicep") == os.path.realpath(tmp_path / "b" / "main.bicep")


def test_a_missing_path_resolves_as_os_path_does(tmp_path):
    missing = str(tmp_path / "nope" / "main.bicep")
    assert real_path(missing) == os.path.realpath(missing)
