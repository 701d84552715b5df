"""Benchmark azlint against Checkov and against the cost of merely parsing, and write RESULTS.md.

    python benchmarks/run.py [CORPUS] [--quick] [--repeats N] [--no-checkov]

Measures, in one run, alternating the tools and taking medians (issue 8):
the whole corpus and each format alone (azlint, Checkov, the parse floor),
one small file per format as pre-commit calls it (interpreter start
included), peak memory of each, and azlint on the corpus copied 1x, 2x, 4x.
Checkov goes into its own venv under benchmarks/.work/ (once); when it cannot
be installed, azlint is measured alone and the report says why.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_corpus as corpus  # noqa: E402
import bench_report as report  # noqa: E402
import bench_tools as tools  # noqa: E402
from bench_measure import Series, alternate, load_average, run_measured  # noqa: E402

DEFAULT_CORPUS = os.path.normpath(os.path.join(tools.REPO, "..", "shared", "corpus"))
LABELS = {"all": "whole corpus", "arm": "ARM JSON only", "bicep": "Bicep only", "terraform": "Terraform only"}


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def summary(series: Series) -> dict:
    """The medians of one command's runs, as plain data."""
    return {"wall": series.median("wall"), "cpu": series.median("cpu"), "peak_rss_kb": series.peak_rss_kb,
            "runs": len(series.samples),
            "exit": ",".join(sorted({str(s.exit_code) if not s.timed_out else "timeout" for s in series.samples}))}


def _progress(name: str, round_number: int, sample) -> None:
    log(f"  {name:<12} run {round_number + 1}: {sample.wall:7.2f} s wall {sample.cpu:7.2f} s CPU "
        f"{max(sample.max_rss_kb, sample.tree_rss_kb) / 1024:6.0f} MB exit {sample.exit_code}")


def describe_machine(checkov) -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory_text = f"{memory:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory_text = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory_text,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "azlint": tools.azlint_version(),
            "checkov": checkov.version if checkov.executable else f"not measured ({checkov.problem})"}


def _load_text(load: tuple) -> str:
    return ", ".join(f"{value:.2f}" for value in load)


def measure_corpus(views: dict, checkov, options, notes: list) -> dict:
    results = {}
    env = tools.child_env()
    for name, path in views.items():
        fmt = None if name == "all" else name
        commands = {"azlint": tools.azlint_command(path), "floor": tools.floor_command(path, fmt)}
        if checkov.executable:
            commands["checkov"] = tools.checkov_dir_command(checkov, path)
        if name == "all" and not options.quick:
            commands["azlint -j1"] = tools.azlint_command(path, jobs=1)
        log(f"{LABELS[name]}: {path}")
        series = alternate(commands, options.repeats, cwd=tools.REPO, env=env, timeout=options.timeout,
                           progress=_progress)
        entry = {"label": LABELS[name], "size": corpus.stats(path, fmt).__dict__}
        entry.update({tool: summary(s) for tool, s in series.items()})
        results[name] = entry
        for tool, s in series.items():
            if any(sample.timed_out for sample in s.samples):
                notes.append(f"{tool} timed out after {options.timeout:.0f} s on {LABELS[name]}")
    return results


def measure_small(root: str, checkov, options) -> tuple[dict, dict]:
    env = tools.child_env()
    results = {}
    for fmt, path in corpus.small_files(root).items():
        commands = {"azlint": tools.azlint_command(path)}
        if checkov.executable:
            commands["checkov"] = tools.checkov_file_command(checkov, path)
        log(f"small {fmt} file: {path}")
        series = alternate(commands, options.small_repeats, cwd=tools.REPO, env=env, timeout=options.timeout,
                           progress=_progress)
        with open(path, "rb") as handle:
            lines = handle.read().count(b"\n")
        results[fmt] = {"file": os.path.relpath(path, root), "lines": lines}
        results[fmt].update({tool: summary(s) for tool, s in series.items()})
    log("interpreter start alone")
    interpreter = alternate({"python": [sys.executable, "-c", "pass"]}, options.small_repeats, env=env)
    return results, summary(interpreter["python"])


def measure_scaling(root: str, work: str, factors: list[int], options, base: dict | None) -> dict:
    env = tools.child_env()
    results = {}
    for factor in factors:
        if factor == 1 and base:
            results["1"] = base
            continue
        target = corpus.make_view(root, os.path.join(work, f"scale-{factor}"), None, copies=factor)
        log(f"scaling {factor}x: {target}")
        series = alternate({"azlint": tools.azlint_command(target)}, options.repeats, cwd=tools.REPO, env=env,
                           timeout=options.timeout, progress=_progress)
        results[str(factor)] = summary(series["azlint"])
    return results


def warm_up(root: str, checkov) -> None:
    """One unmeasured run of each tool on small files: bytecode written, parser caches built, files cached."""
    env = tools.child_env()
    for path in corpus.small_files(root).values():
        run_measured(tools.azlint_command(path), cwd=tools.REPO, env=env)
        run_measured(tools.floor_command(os.path.dirname(path)), cwd=tools.REPO, env=env)
        if checkov.executable:
            run_measured(tools.checkov_file_command(checkov, path), cwd=tools.REPO, env=env)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark azlint against Checkov and the parse floor.")
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help="folder of templates (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="one run per corpus measurement, 3 per small file")
    parser.add_argument("--repeats", type=int, help="runs per corpus measurement (default 3, --quick 1)")
    parser.add_argument("--small-repeats", type=int, help="runs per small file (default 10, --quick 3)")
    parser.add_argument("--no-checkov", action="store_true", help="measure azlint and the floor only")
    parser.add_argument("--no-install", action="store_true", help="use Checkov only if already installed")
    parser.add_argument("--scales", default="1,2,4", help="corpus copies for the scaling runs ('' to skip)")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: corpus,formats,small,scaling")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds before one run is killed")
    parser.add_argument("--work", default=os.path.join(HERE, ".work"), help="scratch folder (gitignored)")
    parser.add_argument("--output", default=os.path.join(HERE, "RESULTS.md"), help="Markdown report to write")
    options = parser.parse_args(argv)
    options.repeats = options.repeats or (1 if options.quick else 3)
    options.small_repeats = options.small_repeats or (3 if options.quick else 10)
    options.skip = {s.strip() for s in options.skip.split(",") if s.strip()}
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    root = os.path.abspath(options.corpus)
    if not os.path.isdir(root):
        print(f"corpus folder not found: {root}", file=sys.stderr)
        return 2
    os.makedirs(options.work, exist_ok=True)
    notes: list[str] = []
    if options.no_checkov:
        checkov = tools.Checkov(None, problem="skipped (--no-checkov)")
    else:
        checkov = tools.ensure_checkov(options.work, install=not options.no_install, log=log)
    if not checkov.executable:
        log(f"Checkov {checkov.problem}: measuring azlint alone")
        notes.append(f"Checkov {checkov.problem}; azlint measured alone")
    load_start = load_average()
    log(f"load average {_load_text(load_start)}; warming up")
    warm_up(root, checkov)

    argv_text = "".join(" " + a for a in (argv if argv is not None else sys.argv[1:]))
    results: dict = {"corpus": {}}

    def save(pending: str = "") -> None:
        """Write results.json and RESULTS.md now, so an interrupted run still leaves what it measured."""
        write_outputs(results, options, checkov, load_start, notes + ([pending] if pending else []), argv_text)

    views = {} if "corpus" in options.skip else {"all": root}
    if "formats" not in options.skip:
        for fmt in corpus.FORMATS:
            views[fmt] = corpus.make_view(root, os.path.join(options.work, f"view-{fmt}"), fmt)
    for name, path in views.items():
        results["corpus"].update(measure_corpus({name: path}, checkov, options, notes))
        save("partial results: the run is still going (or was interrupted)")
    if "small" not in options.skip:
        results["small"], results["interpreter"] = measure_small(root, checkov, options)
        save("partial results: the run is still going (or was interrupted)")
    factors = [int(f) for f in options.scales.split(",") if f.strip()]
    if factors and "scaling" not in options.skip:
        base = results["corpus"].get("all", {}).get("azlint")
        results["scaling"] = {}
        for factor in factors:
            results["scaling"].update(measure_scaling(root, options.work, [factor], options, base))
            save("partial results: the run is still going (or was interrupted)")
    save()
    log(f"wrote {options.output}")
    for target, measured, verdict in report.target_rows(results):
        log(f"  {target}: {measured} ({verdict})")
    return 0


def write_outputs(results: dict, options, checkov, load_start: tuple, notes: list, argv_text: str) -> None:
    load_end = load_average()
    machine = describe_machine(checkov)
    busiest = max(load_start[0], load_end[0], load_start[2], load_end[2])
    machine.update(load_start=_load_text(load_start), load_end=_load_text(load_end),
                   load_note="yes, heavily" if busiest > (os.cpu_count() or 1) else
                   ("some" if busiest > 0.5 else "little"))
    results.update(machine=machine, date=f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
                   corpus_path=options.corpus, notes=notes, argv=argv_text)
    with open(os.path.join(options.work, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    existing = ""
    if os.path.exists(options.output):
        with open(options.output, encoding="utf-8") as handle:
            existing = handle.read()
    with open(options.output, "w", encoding="utf-8") as handle:
        handle.write(report.render(results, report.kept_notes(existing)))

if __name__ == "__main__":
    sys.exit(main())
