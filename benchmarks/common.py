"""Shared by the end-to-end benchmarks: synthetic files, and commands measured in a fresh process.

Not a test. :func:`corpus` writes (or reuses) a file of synthetic concerns;
:func:`measure` runs a command in a fresh process and returns its wall time, the
CPU time of the whole process tree and of the first process alone (the parent,
for ``msp validate --jobs N``), and its peak memory; :func:`orjson_parse` is the
parse-only limit every end-to-end figure is set against: one process calling
``orjson.loads`` on every line of the same file.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import orjson

from msp.convert import flat
from msp.synth import generate

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
"""The environment of every command: this working tree's ``msp``."""
BROKEN = 0.05
"""The share of broken records in the end-to-end files (docs/performance.md)."""
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Run:
    """One command run in a fresh process."""

    seconds: float
    """Wall time, process start to exit."""
    cpu_seconds: float
    """User and system CPU time of the process and every process it waited for (its workers)."""
    parent_cpu_seconds: float
    """User and system CPU time of the first process alone (``nan`` where ``/proc`` is missing)."""
    max_rss_mib: float
    """Peak resident memory of the largest single process (its ``VmHWM``), sampled every 50 ms (0 where missing)."""
    tree_rss_mib: float
    """Peak resident memory of the whole process tree, sampled from ``/proc`` every 50 ms (0 where missing)."""

    @property
    def parent_share(self) -> float:
        """The first process's share of all CPU time."""
        return self.parent_cpu_seconds / self.cpu_seconds


def machine() -> str:
    """One line: when, where, and how busy the machine is (other work moves absolute numbers)."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"{when}; Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; load {load}"


def write(path: Path, count: int, seed: int, fmt: str = "jsonl", broken: float = BROKEN) -> float:
    """Write ``count`` synthetic records (``broken`` of them broken) to ``path``; return the seconds it took."""
    started = time.perf_counter()
    if fmt == "csv":
        columns = flat.columns_for(generate(count, seed=seed, invalid_share=broken))
        with path.open("w", encoding="utf-8", newline="") as stream:
            flat.write_csv(generate(count, seed=seed, invalid_share=broken), stream, columns)
    else:
        with path.open("wb") as stream:
            for record in generate(count, seed=seed, invalid_share=broken):
                stream.write(orjson.dumps(record) + b"\n")
    return time.perf_counter() - started


def corpus(folder: Path, count: int, seed: int, fmt: str = "jsonl") -> Path:
    """The file of ``count`` records in ``folder``: written unless an earlier run left it there."""
    path = folder / f"concerns-{count}-seed{seed}-broken{BROKEN:g}.{fmt}"
    if path.exists():
        print(f"# reusing {path} ({path.stat().st_size / 1e6:,.0f} MB)", file=sys.stderr, flush=True)
        return path
    partial = path.with_suffix(".partial")
    made = write(partial, count, seed, fmt)
    partial.rename(path)
    print(
        f"# wrote {count:,} records ({path.stat().st_size / 1e6:,.0f} MB) in {made:,.0f} s", file=sys.stderr, flush=True
    )
    return path


def _tree_kib(pid: int) -> tuple[int, int]:
    """(resident memory of a process and its descendants, the largest peak of any of them), in KiB, from /proc.

    The peak is each process's own ``VmHWM``: ``wait4``'s ``ru_maxrss`` would count the
    benchmark's own memory, which the child shares between ``vfork`` and ``exec``.
    """
    total = largest = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="ascii")
            children = Path(f"/proc/{current}/task/{current}/children").read_text(encoding="ascii").split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
            elif line.startswith("VmHWM:"):
                largest = max(largest, int(line.split()[1]))
        todo.extend(int(c) for c in children)
    return total, largest


def _own_cpu(pid: int) -> float:
    """CPU seconds of process ``pid`` alone (not its children), read while it is a zombie not yet reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return float("nan")
    fields = stat.rsplit(")", 1)[1].split()  # fields from the third (state) on: utime is the 14th
    return (int(fields[11]) + int(fields[12])) / _TICK


def measure(command: list[str], ok: tuple[int, ...] = (0, 1)) -> Run:
    """Run ``command`` in a fresh process (output thrown away) and measure it.

    Raises:
        SystemExit: the command ended with a status not in ``ok``.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)  # noqa: S603
    peak_tree = peak_one = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree, peak_one
        while not done.wait(0.05):
            tree, one = _tree_kib(process.pid)
            peak_tree, peak_one = max(peak_tree, tree), max(peak_one, one)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if hasattr(os, "waitid"):  # wait for the exit without reaping, to read the process's own CPU time
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    elapsed = time.perf_counter() - started
    parent_cpu = _own_cpu(process.pid)
    _, status, usage = os.wait4(process.pid, 0)  # reaps it
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(command[1:])} failed ({code}): {process.stderr.read().decode()[-500:]}")
    return Run(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        parent_cpu_seconds=parent_cpu,
        max_rss_mib=peak_one / 1024,
        tree_rss_mib=peak_tree / 1024,
    )


def msp(*args: str, ok: tuple[int, ...] = (0, 1)) -> Run:
    """``python -m msp ARGS`` in a fresh process, measured."""
    return measure([sys.executable, "-m", "msp", *args], ok)


_PARSE = """
import sys, time, orjson
loads = orjson.loads
wall, cpu = time.perf_counter(), time.process_time()
count = 0
with open(sys.argv[1], "rb") as stream:
    for line in stream:
        loads(line)
        count += 1
print(time.perf_counter() - wall, time.process_time() - cpu, count)
"""


def orjson_parse(path: Path) -> dict[str, float]:
    """The parse-only limit: ``orjson.loads`` on every line of ``path`` in one fresh process.

    Returns the loop's wall and CPU seconds (reading the file included, interpreter
    start not) and the lines per second of each.
    """
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _PARSE, str(path)], capture_output=True, text=True, check=True, env=ENV
    ).stdout.split()
    wall, cpu, count = float(out[0]), float(out[1]), int(out[2])
    return {"seconds": wall, "cpu_seconds": cpu, "lines": count, "rate": count / wall, "cpu_rate": count / cpu}


def better(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """The better of two :func:`orjson_parse` runs over one file: the least wall time and the least CPU time.

    Other work on the machine only ever slows the limit down, and a slow limit would
    flatter every ratio set against it.
    """
    wall, cpu, count = (
        min(first["seconds"], second["seconds"]),
        min(first["cpu_seconds"], second["cpu_seconds"]),
        first["lines"],
    )
    return {"seconds": wall, "cpu_seconds": cpu, "lines": count, "rate": count / wall, "cpu_rate": count / cpu}


def dump(figures: dict[str, object], path: Path | None) -> None:
    """Write ``figures`` as JSON to ``path`` (for comparing runs), if a path is given."""
    if path is not None:
        path.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
