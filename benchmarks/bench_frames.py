"""Benchmark: the findings DataFrame built column by column, against pandas building it from a list of dicts.

Not a test. Run::

    python benchmarks/bench_frames.py                    # --records 100000 --rounds 5 --seed 1
    python benchmarks/bench_frames.py --records 20000

It validates N synthetic records (5 % broken, as for ``msp validate``) once, in
memory, and keeps the results; that time is printed but is not part of the
comparison. Then, ``--rounds`` times, it builds the same findings
frame three ways from those results:

- **column-wise**: :func:`msp.io.batch.to_dataframe` (what
  :func:`msp.reports.frames.findings_frame` is): a list per column, then one typed
  array each (``category``, ``Int64``, ``string``);
- **dicts**: ``pandas.DataFrame(rows, columns=FINDING_COLUMNS)`` where ``rows`` is
  the list of one dict per finding from :func:`msp.io.batch.finding_rows`, which is
  how ``to_dataframe`` built it before: untyped (``object`` columns), the dicts'
  making included;
- **dicts, typed**: the same, then ``astype`` to the column-wise frame's types, so
  both give the very same frame (checked with ``assert_frame_equal`` before timing).

The ways take turns within each round, so that other work on the machine weighs
on each alike, and the best round of each counts (other work only adds time). As in
:mod:`timeit`, the garbage collector is off while a frame is built: with it on, a
full collection now and then walks every result held (millions of objects for
100,000 records) inside whichever way happens to be running.

It prints the seconds, findings per second and each way's time over the
column-wise time: the ratio is the figure to quote (docs/performance.md), with
the machine line.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import pandas as pd

from msp.io.batch import FINDING_COLUMNS, RecordResult, finding_rows, to_dataframe, validate_records
from msp.synth import generate


def from_dicts(results: list[RecordResult]) -> Any:
    """The frame as pandas builds it from a list of dicts (the way to_dataframe did it before)."""
    rows = [row for result in results for row in finding_rows(result)]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def from_dicts_typed(results: list[RecordResult], dtypes: dict[str, Any]) -> Any:
    """From a list of dicts, then converted to the column-wise frame's types: the same frame."""
    return from_dicts(results).astype(dtypes)


def timed(build: Callable[[], Any]) -> float:
    """One run of ``build``, in seconds, the garbage collector off (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        build()
        return time.perf_counter() - started
    finally:
        gc.enable()


def best(ways: list[tuple[str, Callable[[], Any]]], rounds: int) -> dict[str, float]:
    """The fastest of ``rounds`` runs of each way, in seconds; the ways take turns within a round."""
    times: dict[str, list[float]] = {name: [] for name, _ in ways}
    for _ in range(rounds):
        for name, build in ways:
            times[name].append(timed(build))
    return {name: min(found) for name, found in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=100_000, help="synthetic records validated (default 100000)")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each way; the best counts (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic records (default 1)")
    args = parser.parse_args()

    print(common.machine())
    started = time.perf_counter()
    results = list(validate_records(generate(args.records, seed=args.seed, invalid_share=common.BROKEN)))
    findings = sum(len(r.findings) for r in results)
    print(
        f"{args.records:,} records validated in {time.perf_counter() - started:,.1f} s: {findings:,} findings",
        flush=True,
    )

    columnwise = to_dataframe(results)
    dtypes = dict(columnwise.dtypes)
    pd.testing.assert_frame_equal(from_dicts_typed(results, dtypes), columnwise)
    assert len(columnwise) == findings

    ways: list[tuple[str, Callable[[], Any]]] = [
        ("column-wise (to_dataframe)", lambda: to_dataframe(results)),
        ("dicts (DataFrame(list of dicts))", lambda: from_dicts(results)),
        ("dicts, typed (+ astype)", lambda: from_dicts_typed(results, dtypes)),
    ]
    seconds = best(ways, args.rounds)
    base = seconds[ways[0][0]]
    print(f"\nfindings frame, {findings:,} findings, best of {args.rounds} (pandas {pd.__version__})")
    print(f"{'way':<34} {'seconds':>8} {'findings/s':>12} {'vs column-wise':>15}")
    for name, _ in ways:
        took = seconds[name]
        print(f"{name:<34} {took:>8.3f} {findings / took:>12,.0f} {took / base:>15.2f}")


if __name__ == "__main__":
    main()
