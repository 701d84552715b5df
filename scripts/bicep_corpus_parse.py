"""Parse every .bicep and .bicepparam file under the given folders and report failures.

Usage: python scripts/bicep_corpus_parse.py [--evaluate] [FOLDER ...]
(default: ../shared/corpus/bicep-samples and ../shared/corpus/avm, relative to the checkout)

Prints each failure as file:line:col: message, then the count and the time
taken; exits 1 when any file fails to parse. With --evaluate, each .bicep file
is also loaded into the model (`load_bicep`, modules followed) and its input
errors of kind "error" and any crash are reported too.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linter.frontends.bicep import BicepSyntaxError, load_bicep, parse_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = [ROOT.parent / "shared" / "corpus" / "bicep-samples", ROOT.parent / "shared" / "corpus" / "avm"]


def bicep_files(folders: list[Path]) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        found.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".bicep", ".bicepparam")))
    return found


def parse_all(files: list[Path]) -> list[str]:
    """Parse each file; return the failures as 'file:line:col: message' lines."""
    failures = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            failures.append(f"{path}:1:1: cannot read: {exc}")
            continue
        try:
            parse_text(text)
        except BicepSyntaxError as exc:
            failures.append(f"{path}:{exc.line}:{exc.column}: {exc.message}")
    return failures


def evaluate_all(files: list[Path]) -> tuple[list[str], int]:
    """Load each .bicep file into the model; return (problems, resource count)."""
    problems, resources = [], 0
    for path in files:
        if path.suffix != ".bicep":
            continue
        try:
            unit = load_bicep(str(path))
        except Exception:  # the frontend must never raise: show where it did
            problems.append(f"{path}:1:1: crash\n{traceback.format_exc(limit=4)}")
            continue
        resources += len(unit.resources)
        problems.extend(str(e) for e in unit.errors if e.kind == "error")
    return problems, resources


def main(argv: list[str]) -> int:
    evaluate = "--evaluate" in argv
    folders = [Path(a) for a in argv if a != "--evaluate"] or DEFAULT_FOLDERS
    files = bicep_files([f for f in folders if f.exists()])
    started = time.perf_counter()
    failures = parse_all(files)
    elapsed = time.perf_counter() - started
    for failure in failures:
        print(failure)
    print(f"{len(files)} files, {len(files) - len(failures)} parsed, {len(failures)} failed in {elapsed:.2f}s")
    if evaluate:
        started = time.perf_counter()
        problems, resources = evaluate_all(files)
        for problem in problems:
            print(problem)
        print(f"evaluated: {resources} resources, {len(problems)} input errors in {time.perf_counter() - started:.2f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
