"""The parse floor: read every input file and parse it, nothing more (run as its own process).

`python benchmarks/bench_floor.py DIR [--format arm|bicep|terraform]`

JSON files (ARM templates, parameter files, `.tf.json`) are parsed with the
standard library's `json.loads` (a C parser; no positions kept, so it is a
strict floor). `.tf` files go through azlint's own HCL parser and `.bicep`
files through azlint's own Bicep parser: no faster Python parser exists for
them (python-hcl2's `hcl2.loads` is several times slower), so for those two
formats the floor shows what everything after parsing costs. Files that do not
parse are counted, never fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_corpus import file_format, walk_files  # noqa: E402


def _parse_json(text: str) -> None:
    json.loads(text)


def _parse_tf(text: str) -> None:
    from linter.frontends.terraform.parse import parse_hcl

    parse_hcl(text)


def _parse_bicep(text: str) -> None:
    from linter.frontends.bicep.parse import parse_text

    parse_text(text)


def parser_for(rel_path: str):
    """The floor's parse function for one file, or None when the file is not an input."""
    kind = file_format(rel_path)
    if kind is None:
        return None
    if rel_path.lower().endswith((".json", ".jsonc")):
        return _parse_json
    if rel_path.lower().endswith((".tf", ".tfvars")):
        return _parse_tf
    if rel_path.lower().endswith(".bicep"):
        return _parse_bicep
    return None  # .bicepparam: read below, not parsed


def parse_floor(root: str, fmt: str | None = None) -> tuple[int, int]:
    """Read and parse the input files under `root` -> (files parsed, files that failed to parse)."""
    parsed = failed = 0
    for rel in walk_files(root):
        kind = file_format(rel)
        if kind is None or (fmt is not None and kind != fmt):
            continue
        with open(os.path.join(root, rel), encoding="utf-8-sig", errors="replace") as handle:
            text = handle.read()
        parse = parser_for(rel)
        if parse is None:
            continue
        try:
            parse(text)
            parsed += 1
        except Exception:  # a file the tools would report as broken still costs its read
            failed += 1
    return parsed, failed


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("root")
    args.add_argument("--format", choices=("arm", "bicep", "terraform"))
    options = args.parse_args(argv)
    parsed, failed = parse_floor(options.root, options.format)
    print(f"{parsed} parsed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
