"""Benchmark ``msp validate`` end to end: records per second and peak memory.

Not a test. Writes N synthetic records (5 % broken) with :mod:`msp.synth` to a
temporary JSON Lines (or CSV) file, then runs ``python -m msp validate FILE
--report json`` in a fresh process for each ``--jobs`` value and reports:

- wall time and records per second (process start, reading, checking and
  writing the report all included), and CPU time over all processes with
  records per CPU-second (steadier than wall time on a busy machine);
- peak resident memory of the largest single process (``wait4``'s
  ``ru_maxrss``: the main process or one worker);
- peak resident memory of the whole process tree, sampled from ``/proc``
  every 50 ms (Linux only).

Usage::

    python benchmarks/bench_validate.py                    # 100k records, jobs 1 and 2
    python benchmarks/bench_validate.py --sizes 100000 1000000
    python benchmarks/bench_validate.py --format csv --jobs 1 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from msp.convert import flat
from msp.synth import generate

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(path: Path, count: int, fmt: str, seed: int) -> float:
    """Write ``count`` synthetic records; return the seconds it took."""
    started = time.perf_counter()
    if fmt == "csv":
        columns = flat.columns_for(generate(count, seed=seed, invalid_share=0.05))
        with path.open("w", encoding="utf-8", newline="") as stream:
            flat.write_csv(generate(count, seed=seed, invalid_share=0.05), stream, columns)
    else:
        with path.open("w", encoding="utf-8") as stream:
            for record in generate(count, seed=seed, invalid_share=0.05):
                stream.write(json.dumps(record, separators=(",", ":")) + "\n")
    return time.perf_counter() - started


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants, from /proc (0 where unavailable)."""
    total = 0
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
        todo.extend(int(c) for c in children)
    return total


def run_validate(path: Path, jobs: int) -> dict[str, float]:
    """Run msp validate in a fresh process; time it and measure its memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "msp", "validate", str(path), "--report", "json", "-q", "--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)  # noqa: S603
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss_kib(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"msp validate failed ({process.returncode}): {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    return {
        "seconds": elapsed,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "max_rss_mib": usage.ru_maxrss / 1024,
        "tree_rss_mib": peak_tree / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="record counts (default 100000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values (default 1 2)")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; format {args.format}")
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"{'records':>10} {'MB':>7} {'jobs':>4} {'seconds':>8} {'records/s':>10} {'CPU s':>8} {'rec/CPU-s':>10} "
        f"{'peak MiB':>9} {'tree MiB':>9}"
    )
    with tempfile.TemporaryDirectory(prefix="msp-bench-") as folder:
        for size in args.sizes:
            path = Path(folder) / f"concerns-{size}.{args.format}"
            made = write_corpus(path, size, args.format, args.seed)
            megabytes = path.stat().st_size / 1e6
            print(f"# wrote {size:,} records ({megabytes:,.0f} MB) in {made:,.1f} s", flush=True)
            for jobs in args.jobs:
                r = run_validate(path, jobs)
                rate = size / r["seconds"]
                per_cpu = size / r["cpu_seconds"]
                print(
                    f"{size:>10,} {megabytes:>7,.0f} {jobs:>4} {r['seconds']:>8.1f} {rate:>10,.0f} "
                    f"{r['cpu_seconds']:>8.1f} {per_cpu:>10,.0f} {r['max_rss_mib']:>9,.0f} {r['tree_rss_mib']:>9,.0f}",
                    flush=True,
                )
            path.unlink()


if __name__ == "__main__":
    main()
