"""Prepare the inputs of a benchmark: per-format views of a corpus, scaled copies, one small file per format.

Views and copies are trees of hard links under the work folder (plain copies
where links are impossible), so preparing a 4x corpus costs no disk space and
every tool reads exactly the same bytes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

FORMATS = ("arm", "bicep", "terraform")
SKIP_DIRS = {".git", ".terraform", "node_modules"}


def file_format(path: str) -> str | None:
    """'arm', 'bicep', 'terraform' or None, by file name alone."""
    name = path.lower()
    if name.endswith((".tf", ".tf.json", ".tfvars", ".tfvars.json")):
        return "terraform"
    if name.endswith((".bicep", ".bicepparam")):
        return "bicep"
    if name.endswith((".json", ".jsonc")):
        return "arm"
    return None


def walk_files(root: str) -> list[str]:
    """Every regular file under `root` (paths relative to it), sorted, skipping VCS and tool folders."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in files:
            full = os.path.join(folder, name)
            if os.path.isfile(full):
                found.append(os.path.relpath(full, root))
    return sorted(found)


@dataclass
class CorpusStats:
    files: int = 0
    lines: int = 0
    bytes: int = 0


def stats(root: str, fmt: str | None = None) -> CorpusStats:
    """Files, lines and bytes of the lintable files under `root` (of one format, or all)."""
    result = CorpusStats()
    for rel in walk_files(root):
        kind = file_format(rel)
        if kind is None or (fmt is not None and kind != fmt):
            continue
        with open(os.path.join(root, rel), "rb") as handle:
            data = handle.read()
        result.files += 1
        result.bytes += len(data)
        result.lines += data.count(b"\n")
    return result


def _link(source: str, target: str) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def make_view(root: str, target: str, fmt: str | None = None, copies: int = 1) -> str:
    """`target` rebuilt to hold the files of `fmt` (None: every lintable file) `copies` times.

    With copies > 1 each copy is a folder copy-N holding the whole tree, so
    units never merge across copies.
    """
    if os.path.exists(target):
        shutil.rmtree(target)
    files = [rel for rel in walk_files(root) if file_format(rel) and (fmt is None or file_format(rel) == fmt)]
    for copy in range(copies):
        base = os.path.join(target, f"copy-{copy + 1}") if copies > 1 else target
        for rel in files:
            _link(os.path.join(root, rel), os.path.join(base, rel))
    os.makedirs(target, exist_ok=True)
    return target


def _is_arm_template(path: str) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return b"deploymentTemplate.json" in head


def _line_count(path: str) -> int:
    with open(path, "rb") as handle:
        return handle.read().count(b"\n")


def small_files(root: str, target_lines: int = 250) -> dict[str, str]:
    """One file per format whose size is closest to `target_lines` lines (ties: path order).

    ARM: a deployment template, not a parameter file; Terraform: a `.tf` file
    (which stands for its folder, as pre-commit passes it).
    """
    best: dict[str, tuple[int, str]] = {}
    for rel in walk_files(root):
        kind = file_format(rel)
        path = os.path.join(root, rel)
        if kind == "arm" and not _is_arm_template(path):
            continue
        if kind == "terraform" and not rel.endswith(".tf"):
            continue
        if kind == "bicep" and not rel.endswith(".bicep"):
            continue
        if kind is None:
            continue
        distance = abs(_line_count(path) - target_lines)
        if kind not in best or distance < best[kind][0]:
            best[kind] = (distance, path)
    return {kind: best[kind][1] for kind in FORMATS if kind in best}
