"""Benchmark: the SAC return (``msp sac``) and the MSP audit (``msp audit``), end to end from a file.

Not a test. Run::

    python benchmarks/bench_reports.py --records 100000
    python benchmarks/bench_reports.py --records 1000000 --corpus /tmp/msp-corpus
    python benchmarks/bench_reports.py --records 100000 --in-memory

By default it writes N synthetic records (5 % broken, as for ``msp validate``)
to a JSON Lines file, measures the parse-only limit over it (``orjson.loads`` on
every line in one fresh process), then runs ``python -m msp sac FILE --year
2025-26`` and ``python -m msp audit FILE --as-of 2026-03-31`` each in a fresh
process: reading, building every record, counting and writing the report, all
included. It prints each command's CPU time (all processes), records per
CPU-second and peak memory, and its CPU time over ``orjson.loads``'s (the
target: at most 3.5 on 1M records).

``--in-memory`` measures only the counting: records come from
:func:`msp.synth.generate_concerns`, streamed in chunks, so a million records
never sit in memory together; each chunk is fed to both reports, and the time
inside the reports is measured apart from the time spent generating the
records. This is the work :func:`~msp.reports.sac_return.sac` and
:func:`~msp.reports.audit.audit` do after reading: one ``add`` per record, then
one ``result``.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

from msp.codes.years import CollectionYear
from msp.reports.audit import _Audit
from msp.reports.sac_return import _Tally
from msp.synth import generate_concerns

YEAR = "2025-26"
"""The collection year ``msp sac`` counts: the second of the two the synthetic records cover."""
AS_OF = "2026-03-31"
"""The day ``msp audit`` audits as of: the synthetic records' snapshot day (a fixed day, not today)."""


def report_figures(path: Path, size: int, limit: dict[str, float]) -> dict[str, dict[str, Any]]:
    """``msp sac`` and ``msp audit`` on ``path``, each in a fresh process: the figures of each by command."""
    found: dict[str, dict[str, Any]] = {}
    for name, args in (("sac", ("--year", YEAR)), ("audit", ("--as-of", AS_OF))):
        run = common.msp(name, str(path), *args)
        found[name] = {
            "run": run,
            "cpu_rate": size / run.cpu_seconds,
            "vs_orjson": run.cpu_seconds / limit["cpu_seconds"],
        }
        print(
            f"msp {name:<6} {run.seconds:>8.1f} {run.cpu_seconds:>8.1f} {size / run.cpu_seconds:>10,.0f} "
            f"{found[name]['vs_orjson']:>9.2f} {run.tree_rss_mib:>9,.0f}",
            flush=True,
        )
    return found


def end_to_end(records: int, seed: int, folder: Path | None) -> None:
    """Print the end-to-end figures for ``records`` records."""
    print(common.machine())
    with tempfile.TemporaryDirectory(prefix="msp-bench-") as scratch:
        where = folder or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        path = common.corpus(where, records, seed)
        limit = common.orjson_parse(path)
        print(f"{records:,} records ({common.BROKEN:.0%} broken), {path.stat().st_size / 1e6:,.0f} MB")
        print(f"{'':<10} {'wall s':>8} {'CPU s':>8} {'rec/CPU-s':>10} {'x orjson':>9} {'tree MiB':>9}")
        print(
            f"{'orjson':<10} {limit['seconds']:>8.1f} {limit['cpu_seconds']:>8.1f} {limit['cpu_rate']:>10,.0f} "
            f"{1:>9.2f} {'':>9}"
        )
        report_figures(path, records, limit)
    print(f"load after: {common.machine().rsplit('load ', 1)[1]}")


def in_memory(records: int, chunk_size: int, seed: int, year: str) -> None:
    """Print the time inside the two reports' counting for ``records`` generated records."""
    tally = _Tally(CollectionYear.parse(year))
    run = _Audit(("team", "quarter"), date.fromisoformat(AS_OF), None)
    stream = generate_concerns(records, seed=seed)
    generating = counting = auditing = 0.0
    done = 0
    while True:
        t0 = time.perf_counter()
        chunk = list(islice(stream, chunk_size))
        t1 = time.perf_counter()
        if not chunk:
            break
        for record in chunk:
            tally.add(record)
        t2 = time.perf_counter()
        for record in chunk:
            run.add(record)
        t3 = time.perf_counter()
        generating += t1 - t0
        counting += t2 - t1
        auditing += t3 - t2
        done += len(chunk)
        print(f"  {done:>9,} records  sac {counting:7.1f} s  audit {auditing:7.1f} s", file=sys.stderr)
    t0 = time.perf_counter()
    ret = tally.result(suppress=True)
    t1 = time.perf_counter()
    report = run.result()
    t2 = time.perf_counter()
    counting += t1 - t0
    auditing += t2 - t1

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"Python {platform.python_version()} on {platform.machine()}, {done:,} generated records (seed {seed})")
    print(f"generating records: {generating:8.1f} s  ({done / generating:10,.0f} records/s)")
    for name, seconds in (("sac()", counting), ("audit()", auditing)):
        print(
            f"{name:<19} {seconds:8.1f} s  ({done / seconds:10,.0f} records/s; "
            f"{seconds * 1_000_000 / done:6.1f} s per million)"
        )
    print(f"peak resident memory: {peak:,.0f} MiB")
    print(
        f"return: {len(ret.rows)} rows, {len(ret.findings)} findings, {len(ret.uncounted)} items not counted; "
        f"audit: {len(report.groups)} groups"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="keep the generated file in this folder and reuse it")
    parser.add_argument("--in-memory", action="store_true", help="time only the counting, on generated records")
    parser.add_argument("--chunk", type=int, default=20_000, help="with --in-memory: records generated at a time")
    parser.add_argument("--year", default=YEAR, help="with --in-memory: the collection year")
    args = parser.parse_args(argv)
    if args.in_memory:
        in_memory(args.records, args.chunk, args.seed, args.year)
    else:
        end_to_end(args.records, args.seed, args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
