"""Benchmark ``msp validate`` end to end, against ``orjson.loads`` over the same file.

Not a test. Writes N synthetic records (5 % broken) with :mod:`msp.synth` to a
JSON Lines (or CSV) file, runs the parse-only limit over it (``orjson.loads`` on
every line in one fresh process), then ``python -m msp validate FILE --report
json -q --jobs J`` in a fresh process for each ``--jobs`` value, and reports:

- wall time and records per second (process start, reading, checking every rule
  and writing the report all included), and the ratio to ``orjson.loads``'s
  lines per second over the same file (the target: at least 0.5 with
  ``--jobs 2``);
- CPU time of all processes, records per CPU-second (steadier than wall time on
  a busy machine), and the parent process's share of all CPU time (with
  ``--jobs N`` it reads lines, hands them out, and writes the report: a serial
  share caps throughput whatever the number of workers);
- peak resident memory of the largest single process (its ``VmHWM``) and of the
  whole process tree (``VmRSS`` summed), both sampled from ``/proc`` every 50 ms;

then, per size, the scaling of each ``--jobs`` value over ``--jobs 1`` and, with
two sizes or more, each size's peak tree memory over the smallest's (flat
memory: the target is at most 1.2 from 100k to 1M records).

Usage::

    python benchmarks/bench_validate.py                          # 100k records, jobs 1 and 2
    python benchmarks/bench_validate.py --sizes 100000 1000000   # about 5 minutes more for 1M
    python benchmarks/bench_validate.py --sizes 20000            # a quick look
    python benchmarks/bench_validate.py --format csv --jobs 1 2 4
    python benchmarks/bench_validate.py --corpus /tmp/msp-corpus # keep the files for the next run
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def validate_figures(path: Path, size: int, jobs: list[int], limit: dict[str, float]) -> dict[int, dict[str, Any]]:
    """``msp validate`` on ``path`` once for each ``--jobs`` value: the figures of each run by jobs."""
    found: dict[int, dict[str, Any]] = {}
    for j in jobs:
        run = common.msp("validate", str(path), "--report", "json", "-q", "--jobs", str(j))
        rate = size / run.seconds
        found[j] = {
            "run": run,
            "rate": rate,
            "cpu_rate": size / run.cpu_seconds,
            "vs_orjson": rate / limit["rate"],
            "parent_share": run.parent_share,
        }
        print(_row(size, path.stat().st_size / 1e6, j, found[j]), flush=True)
    return found


_HEAD = (
    f"{'records':>10} {'MB':>6} {'jobs':>4} {'wall s':>7} {'records/s':>9} {'x orjson':>8} {'CPU s':>7} "
    f"{'rec/CPU-s':>9} {'parent CPU':>10} {'peak MiB':>8} {'tree MiB':>8}"
)


def _row(size: int, megabytes: float, jobs: int, f: dict[str, Any]) -> str:
    run: common.Run = f["run"]
    return (
        f"{size:>10,} {megabytes:>6,.0f} {jobs:>4} {run.seconds:>7.1f} {f['rate']:>9,.0f} {f['vs_orjson']:>8.2f} "
        f"{run.cpu_seconds:>7.1f} {f['cpu_rate']:>9,.0f} {f['parent_share']:>10.0%} {run.max_rss_mib:>8,.0f} "
        f"{run.tree_rss_mib:>8,.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="record counts (default 100000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values (default 1 2)")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="keep the generated files in this folder and reuse them")
    args = parser.parse_args(argv)
    print(common.machine())
    print(f"format {args.format}, {common.BROKEN:.0%} broken records; orjson.loads: one process, every line")
    print(_HEAD)
    results: dict[int, dict[int, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="msp-bench-") as scratch:
        folder = args.corpus or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = common.corpus(folder, size, args.seed, args.format)
            limit = {"rate": float("nan")}  # no JSON lines to parse in a CSV file
            if args.format == "jsonl":
                limit = common.orjson_parse(path)
                print(f"{size:>10,} orjson.loads: {limit['rate']:,.0f} lines/s", flush=True)
            results[size] = validate_figures(path, size, args.jobs, limit)
    print(f"load after: {common.machine().rsplit('load ', 1)[1]}")
    for size, by_jobs in results.items():
        if 1 in by_jobs and len(by_jobs) > 1:
            scaling = ", ".join(
                f"--jobs {j}: {f['rate'] / by_jobs[1]['rate']:.2f}x" for j, f in by_jobs.items() if j > 1
            )
            print(f"{size:,} records, scaling over --jobs 1: {scaling}")
    if len(results) > 1:
        smallest = min(results)
        for size in sorted(results)[1:]:
            memory = ", ".join(
                f"--jobs {j}: {f['run'].tree_rss_mib / results[smallest][j]['run'].tree_rss_mib:.2f}x"
                for j, f in results[size].items()
            )
            print(f"peak tree memory, {size:,} records over {smallest:,}: {memory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
