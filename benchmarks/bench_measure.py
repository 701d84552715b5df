"""Run one command and measure it: wall time, CPU time, peak memory; medians over runs.

`run_measured(argv)` starts the command with output discarded and returns a
`Sample`: wall seconds (`time.perf_counter`), CPU seconds of the process and
all the children it waited for (user + system, from `os.wait4`), the largest
single process's peak RSS (`ru_maxrss`, exact) and the peak RSS of the whole
process tree (summed over the tree, sampled every 50 ms from
/proc, so it also counts worker processes). CPU time is what a loaded machine
disturbs least, so the report gives it beside wall time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field

SAMPLE_INTERVAL = 0.05  # seconds between /proc scans of the process tree (a scan costs ~1 ms of CPU)
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and its waited-for children
    max_rss_kb: int  # largest single process
    tree_rss_kb: int  # peak of the summed RSS of the process tree (sampled; 0 without /proc)
    exit_code: int
    timed_out: bool = False


@dataclass
class Series:
    """The samples of one command; medians are what the report shows."""

    samples: list[Sample] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        values = [getattr(s, attribute) for s in self.samples if not s.timed_out]
        return statistics.median(values) if values else float("nan")

    @property
    def ok(self) -> bool:
        return any(not s.timed_out for s in self.samples)

    @property
    def peak_rss_kb(self) -> int:
        """The larger of the exact single-process peak and the sampled tree peak, over all runs."""
        return max((max(s.max_rss_kb, s.tree_rss_kb) for s in self.samples), default=0)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields start after the last ')'
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(name))
    return children


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(root: int) -> int:
    """The summed resident memory of `root` and all its descendants, now."""
    children = _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack.extend(children.get(pid, ()))
    return total


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss_kb(self.pid))
            self.stop.wait(SAMPLE_INTERVAL)


def run_measured(argv: list[str], *, cwd: str | None = None, env: dict | None = None,
                 timeout: float = 1800.0) -> Sample:
    """Run `argv` once (stdout and stderr discarded) and measure it."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    timed_out = False
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            timed_out = True
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    sampler.stop.set()
    sampler.join()
    return Sample(wall=wall, cpu=usage.ru_utime + usage.ru_stime, max_rss_kb=int(usage.ru_maxrss),
                  tree_rss_kb=sampler.peak, exit_code=process.returncode, timed_out=timed_out)


def alternate(commands: dict[str, list[str]], repeats: int, *, cwd: str | None = None,
              env: dict | None = None, timeout: float = 1800.0, progress=None) -> dict[str, Series]:
    """Run every command `repeats` times, interleaved (A B, B A, A B ...) so load drifts hit all alike."""
    series = {name: Series() for name in commands}
    names = list(commands)
    for round_number in range(repeats):
        order = names if round_number % 2 == 0 else list(reversed(names))
        for name in order:
            sample = run_measured(commands[name], cwd=cwd, env=env, timeout=timeout)
            series[name].samples.append(sample)
            if progress:
                progress(name, round_number, sample)
    return series


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3
