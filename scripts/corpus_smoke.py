"""Corpus smoke run: lint a folder of real templates through the real CLI.

Usage: python scripts/corpus_smoke.py [FOLDER]   (default ../shared/corpus)

Passes when azlint finishes with no traceback and no internal error; prints
one line with the count of files, resources, findings and input errors.
Input errors are expected (the corpus holds some invalid files) and are only
counted here; the frontends' own tests judge them one by one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    folder = argv[1] if len(argv) > 1 else "../shared/corpus"
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", folder, "--format", "json", "--fail-on", "never"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if "Traceback" in proc.stderr or proc.returncode not in (0, 2):
        print(proc.stderr[-5000:], file=sys.stderr)
        print(f"corpus smoke: FAILED (exit {proc.returncode})")
        return 1
    report = json.loads(proc.stdout)
    summary = report["summary"]
    internal = [e for e in report["errors"] if "internal error" in e["message"]]
    for error in internal[:50]:
        print(f"{error['file']}: {error['message']}", file=sys.stderr)
    print(
        f"corpus smoke: {summary['files']} files, {summary['resources']} resources, "
        f"{summary['findings']} findings, {summary['input_errors']} input errors, "
        f"{len(internal)} internal errors in {elapsed:.1f} s"
    )
    return 1 if internal else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
