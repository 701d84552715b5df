"""Write the benchmark's results as Markdown: targets and ratios first, absolute numbers second.

`render(results)` takes the plain dictionary `run.py` collects (also saved as
JSON) and returns the text of RESULTS.md. Whatever follows the HAND_WRITTEN
marker in an existing RESULTS.md (profiling notes, what each optimisation
bought) is kept when the file is rewritten.
"""

from __future__ import annotations

import math

HAND_WRITTEN = "<!-- hand-written notes below: kept when run.py rewrites this file -->"


def _fmt_s(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def _fmt_mb(kb: float | None) -> str:
    return "–" if not kb else f"{kb / 1024:.0f} MB"


def _ratio(a: float | None, b: float | None) -> float | None:
    if not a or not b or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def _fmt_x(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}x"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def _median(entry: dict | None, key: str) -> float | None:
    return entry.get(key) if entry else None


def target_rows(results: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each of the issue's targets that this run measured."""
    rows = []
    corpus = results.get("corpus", {})
    whole = corpus.get("all", {})
    checkov = whole.get("checkov")
    if checkov:
        for key, label in (("wall", "wall"), ("cpu", "CPU")):
            speedup = _ratio(_median(checkov, key), _median(whole.get("azlint"), key))
            rows.append((f"whole corpus: azlint >= 20x faster than Checkov ({label})", _fmt_x(speedup),
                         _verdict(None if speedup is None else speedup >= 20)))
        for fmt in ("arm", "bicep", "terraform"):
            entry = corpus.get(fmt, {})
            speedup = _ratio(_median(entry.get("checkov"), "wall"), _median(entry.get("azlint"), "wall"))
            if speedup is not None:
                rows.append((f"{fmt} alone: >= 10x faster than Checkov (wall)", _fmt_x(speedup),
                             _verdict(speedup >= 10)))
        memory = _ratio(_median(whole.get("azlint"), "peak_rss_kb"), _median(checkov, "peak_rss_kb"))
        if memory is not None:
            rows.append(("whole corpus: azlint peak memory <= 1/2 of Checkov's", f"{memory:.2f} of it",
                         _verdict(memory <= 0.5)))
    for fmt, entry in sorted(results.get("small", {}).items()):
        wall = _median(entry.get("azlint"), "wall")
        if wall is not None:
            rows.append((f"one small {fmt} file: < 0.2 s wall, interpreter included", _fmt_s(wall),
                         _verdict(wall < 0.2)))
    arm = corpus.get("arm", {})
    for key, label in (("wall", "wall"), ("cpu", "CPU")):
        multiple = _ratio(_median(arm.get("azlint"), key), _median(arm.get("floor"), key))
        if multiple is not None:
            rows.append((f"JSON inputs: azlint <= 10x the parse floor ({label})", _fmt_x(multiple),
                         _verdict(multiple <= 10)))
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _ratio_rows(results: dict) -> list[list[str]]:
    rows = []
    for name, entry in results.get("corpus", {}).items():
        azlint, checkov, floor = entry.get("azlint"), entry.get("checkov"), entry.get("floor")
        rows.append([entry.get("label", name),
                     _fmt_x(_ratio(_median(checkov, "wall"), _median(azlint, "wall"))),
                     _fmt_x(_ratio(_median(checkov, "cpu"), _median(azlint, "cpu"))),
                     _fmt_x(_ratio(_median(azlint, "wall"), _median(floor, "wall"))),
                     _fmt_x(_ratio(_median(azlint, "cpu"), _median(floor, "cpu"))),
                     _fmt_x(_ratio(_median(checkov, "peak_rss_kb"), _median(azlint, "peak_rss_kb")))])
    return rows


def _absolute_rows(results: dict) -> list[list[str]]:
    rows = []
    for name, entry in results.get("corpus", {}).items():
        size = entry.get("size", {})
        for tool in ("azlint", "azlint -j1", "checkov", "floor"):
            measured = entry.get(tool)
            if not measured:
                continue
            rows.append([entry.get("label", name), f"{size.get('files', 0)} files, {size.get('lines', 0):,} lines",
                         tool, _fmt_s(measured["wall"]), _fmt_s(measured["cpu"]),
                         _fmt_mb(measured["peak_rss_kb"]), str(measured["runs"]), measured.get("exit", "")])
    return rows


def _small_rows(results: dict) -> list[list[str]]:
    rows = []
    for fmt, entry in sorted(results.get("small", {}).items()):
        for tool in ("azlint", "checkov"):
            measured = entry.get(tool)
            if measured:
                rows.append([fmt, f"`{entry['file']}` ({entry['lines']} lines)", tool, _fmt_s(measured["wall"]),
                             _fmt_s(measured["cpu"]), _fmt_mb(measured["peak_rss_kb"]), str(measured["runs"])])
    interpreter = results.get("interpreter")
    if interpreter:
        rows.append(["–", "`python -c pass` (interpreter start alone)", "python", _fmt_s(interpreter["wall"]),
                     _fmt_s(interpreter["cpu"]), _fmt_mb(interpreter["peak_rss_kb"]), str(interpreter["runs"])])
    return rows


def _scaling_rows(results: dict) -> list[list[str]]:
    scaling = results.get("scaling", {})
    base = scaling.get("1")
    rows = []
    for factor, measured in sorted(scaling.items(), key=lambda item: int(item[0])):
        per_copy = measured["wall"] / int(factor)
        rows.append([f"{factor}x", _fmt_s(measured["wall"]), _fmt_s(measured["cpu"]),
                     _fmt_x(_ratio(measured["wall"], base["wall"]) if base else None),
                     _fmt_x(_ratio(measured["cpu"], base["cpu"]) if base else None),
                     _fmt_s(per_copy), _fmt_mb(measured["peak_rss_kb"]), str(measured["runs"])])
    return rows


def render(results: dict, kept_notes: str = "") -> str:
    machine = results["machine"]
    out = ["# azlint benchmark results", "",
           f"Generated by `python benchmarks/run.py{results.get('argv', '')}` on {results['date']}. "
           "Medians of the runs shown; the tools alternate run by run. Wall time is what a user waits; "
           "CPU time (user + system of the process and its children) is what a loaded machine disturbs "
           "least. Peak memory is the larger of the biggest single process and the sampled sum over the "
           "process tree.", "",
           "## Machine", "",
           f"- {machine['cpu']}, {machine['cores']} cores, {machine['memory']} memory; {machine['os']}",
           f"- Python {machine['python']}; azlint {machine['azlint']}; Checkov {machine['checkov']}",
           f"- load average (1, 5, 15 min) at start {machine['load_start']}, at end {machine['load_end']}"
           f" — other work was running: {machine['load_note']}",
           f"- corpus: `{results['corpus_path']}`", ""]
    out += ["## Targets (issue 8)", ""]
    out += _table(["target", "measured", "verdict"], [list(r) for r in target_rows(results)]) + [""]
    out += ["## Ratios", "",
            "Speed-up = Checkov's time / azlint's; floor multiple = azlint's time / the parse floor's; "
            "memory = Checkov's peak / azlint's.", ""]
    out += _table(["input", "speed-up (wall)", "speed-up (CPU)", "x floor (wall)", "x floor (CPU)",
                   "memory advantage"], _ratio_rows(results)) + [""]
    out += ["## Absolute numbers", "", "### Corpus runs", ""]
    out += _table(["input", "size", "tool", "wall", "CPU", "peak memory", "runs", "exit codes"],
                  _absolute_rows(results)) + [""]
    if results.get("small"):
        out += ["### One small file, as pre-commit calls it (interpreter start included)", ""]
        out += _table(["format", "file", "tool", "wall", "CPU", "peak memory", "runs"], _small_rows(results)) + [""]
    if results.get("scaling"):
        out += ["### Scaling (azlint, the corpus copied N times; linear growth means growth = N)", ""]
        out += _table(["corpus", "wall", "CPU", "growth (wall)", "growth (CPU)", "wall per copy", "peak memory",
                       "runs"],
                      _scaling_rows(results)) + [""]
    notes = results.get("notes") or []
    if notes:
        out += ["### Notes from this run", ""] + [f"- {note}" for note in notes] + [""]
    out += [HAND_WRITTEN, ""]
    if kept_notes.strip():
        out.append(kept_notes.strip())
        out.append("")
    return "\n".join(out)


def kept_notes(existing_text: str) -> str:
    """The hand-written part of an existing RESULTS.md (after the marker), or ''."""
    if HAND_WRITTEN not in existing_text:
        return ""
    return existing_text.split(HAND_WRITTEN, 1)[1]
