"""Time-boxed fuzzing of each frontend with hypothesis (see README.md in this folder).

    python tests/fuzz/run_fuzz.py --seconds 300                # every target, 5 minutes each
    python tests/fuzz/run_fuzz.py --seconds 60 bicep terraform # some targets

Runs hypothesis batches against a target until its time is up. A finding is
any exception other than the target's documented error, an example that runs
longer than --hang-seconds, or a MemoryError under the --memory-mb ceiling.
Each distinct finding (exception type and the line it was raised at) is
written, shrunk, to --out as a text file with the input and its traceback; the
exit code is 1 when there was any.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
import traceback

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.fuzz.targets import TARGETS, isolate_caches  # noqa: E402


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("example ran longer than the hang limit")


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        print("warning: cannot limit memory on this platform", file=sys.stderr)


def fuzz_target(name: str, seconds: float, hang_seconds: int, out: str) -> tuple[int, dict]:
    """Run one target for `seconds`; returns (examples run, {signature: report})."""
    strategy, target = TARGETS[name]
    findings: dict[str, str] = {}
    count = [0]

    def one(value):
        count[0] += 1
        if hasattr(signal, "SIGALRM"):
            signal.alarm(hang_seconds)
        try:
            target(value)
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            signature = f"{type(exc).__name__} at {os.path.basename(frame.filename)}:{frame.lineno}"
            findings[signature] = f"input: {value!r}\n\n{traceback.format_exc()}"  # the last one is the shrunk one
            raise
        finally:
            if hasattr(signal, "SIGALRM"):
                signal.alarm(0)

    test = settings(max_examples=200, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck))(given(strategy())(one))
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            test()
        except Exception:  # hypothesis re-raises the shrunk failure; it is recorded above
            pass
    for signature, report in findings.items():
        safe = "".join(c if c.isalnum() else "_" for c in signature)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, f"{name}-{safe}.txt"), "w", encoding="utf-8") as handle:
            handle.write(report)
    return count[0], findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS], default=[], help="default: all")
    parser.add_argument("--seconds", type=float, default=60.0, help="time per target")
    parser.add_argument("--hang-seconds", type=int, default=20, help="one example longer than this is a finding")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space ceiling for the run")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "findings"))
    args = parser.parse_args(argv)
    _limit_memory(args.memory_mb)
    cache = tempfile.TemporaryDirectory(prefix="azlint-fuzz-")
    isolate_caches(cache.name)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
    failed = False
    for name in args.targets or list(TARGETS):
        started = time.monotonic()
        examples, findings = fuzz_target(name, args.seconds, args.hang_seconds, args.out)
        took = time.monotonic() - started
        print(f"{name}: {examples} examples in {took:.0f} s, {len(findings)} finding(s)", flush=True)
        for signature in findings:
            print(f"  {signature}", flush=True)
        failed = failed or bool(findings)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
