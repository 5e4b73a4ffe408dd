"""Benchmark: the SAC return (msp.reports.sac_return) and the MSP audit (msp.reports.audit) on generated records.

Not a test. Run::

    python benchmarks/bench_reports.py --records 100000
    python benchmarks/bench_reports.py --records 1000000 --chunk 20000

Records come from :func:`msp.synth.generate_concerns`, streamed in chunks, so
a million records never sit in memory together. Each chunk is fed to both
reports; the time inside the reports is measured apart from the time spent
generating the records (generation costs far more than counting). This is the
same work :func:`~msp.reports.sac_return.sac` and :func:`~msp.reports.audit.audit` do: one
``add`` per record, then one ``result``.

Prints records a second for each report, the time per million, and the peak
resident memory of the process.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from datetime import date
from itertools import islice

from msp.codes.years import CollectionYear
from msp.reports.audit import _Audit
from msp.reports.sac_return import _Tally
from msp.synth import generate_concerns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", default="2025-26")
    args = parser.parse_args(argv)

    tally = _Tally(CollectionYear.parse(args.year))
    run = _Audit(("team", "quarter"), date(2026, 3, 31), None)
    stream = generate_concerns(args.records, seed=args.seed)
    generating = counting = auditing = 0.0
    done = 0
    while True:
        t0 = time.perf_counter()
        chunk = list(islice(stream, args.chunk))
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
    print(f"Python {platform.python_version()} on {platform.machine()}, {done:,} generated records (seed {args.seed})")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
