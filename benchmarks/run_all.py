"""Every figure of the performance targets (docs/performance.md), measured side by side in one run, in one table.

Not a test. From the repository root::

    pip install -e '.[bench]'
    python benchmarks/run_all.py                          # 100k and 1M records: about 15 minutes on 2 CPUs
    python benchmarks/run_all.py --sizes 20000 --records 4000 --rounds 2   # a quick look: under a minute

It measures, in this order (progress on standard error):

1. ``msp.from_json`` in memory (:mod:`bench_convert`): valid records, 5 % broken
   and every record broken, against ``orjson.loads``, the pydantic v2 peer and the
   msgspec peer (:mod:`peers`), best CPU time per block of 2,000 over the rounds;
2. the start (:mod:`bench_start`): ``import msp`` and ``msp validate`` on a
   one-record file, best wall time of ``--starts`` fresh processes;
3. for each size, on one file of synthetic records (5 % broken): ``orjson.loads``
   over every line in one process (the parse-only limit), then ``msp validate
   --report json`` with ``--jobs 1`` and ``--jobs 2`` (:mod:`bench_validate`); on
   the largest size also ``msp sac`` and ``msp audit`` (:mod:`bench_reports`);
   then ``orjson.loads`` again: the limit is the better of its two runs (other
   work on the machine only slows it, and a slow limit would flatter msp);

then prints one Markdown table on standard output: each figure, what was
measured, its target, the measured value over the target (at-least targets) or
the target over the measured value (at-most targets), so that 1 or more meets
the target, and the verdict. Figures without a target are reported beside them.
The validate, memory, scaling, SAC and audit targets are set on 1M records; run
on fewer, the table says so.

Options: ``--sizes`` (default 100000 1000000; the memory figure needs two),
``--records`` (in-memory records, default 20000), ``--rounds`` (default 5),
``--starts`` (default 15), ``--seed`` (default 1), ``--corpus DIR`` (keep the
generated files and reuse them next time), ``--json OUT`` (every figure, for
comparing runs).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_convert
import bench_reports
import bench_start
import bench_validate
import common

_AT_LEAST, _AT_MOST = ">=", "<="


def _row(figure: str, measured: str, value: float | None, target: tuple[str, float] | None, stretch: float = 0) -> str:
    """One line of the table; the score is 1 or more where the target is met."""
    if target is None or value is None:
        return f"| {figure} | {measured} | reported | | |"
    sense, goal = target
    score = value / goal if sense == _AT_LEAST else goal / value
    if score >= 1:
        verdict = "met" + (", stretch too" if stretch and value >= stretch else "")
    else:
        short = f"{1 / score:.2f}x" if score < 1 / 1.1 else f"{(1 - score) * 100:.1f} %"
        verdict = f"**missed** ({short} short)"
    spelled = f"{sense} {goal:g}" + (f" (stretch {stretch:g})" if stretch else "")
    return f"| {figure} | {measured} | {spelled} | {score:.2f} | {verdict} |"


def _table(f: dict[str, Any]) -> list[str]:
    """The table's lines: the targets first, then the figures reported beside them."""
    c, sizes = f["convert"], sorted(f["validate"])
    big, small = sizes[-1], sizes[0]
    at = f"{big:,} records" + ("" if big >= 1_000_000 else " (the target is on 1M)")
    limit, j1, j2 = f["orjson"][big], f["validate"][big][1], f["validate"][big][2]
    rows = ["| figure | measured | target | score | verdict |", "|---|---|---|---:|---|"]
    value = j2["rate"] / limit["rate"]
    rows.append(
        _row(
            f"`msp validate --jobs 2`, {at}, 5 % broken / `orjson.loads` over the file",
            f"{value:.2f} ({j2['rate']:,.0f} records/s, {j2['cpu_rate']:,.0f} a CPU-second; "
            f"orjson {limit['rate']:,.0f} lines/s)",
            value,
            (_AT_LEAST, 0.5),
            stretch=0.6,
        )
    )
    if big != small:
        peak, base = j2["run"].tree_rss_mib, f["validate"][small][2]["run"].tree_rss_mib
        figure = f"peak memory, `--jobs 2` (process tree), {big:,} / {small:,} records"
        rows.append(
            _row(figure, f"{peak / base:.2f} ({peak:,.0f} MiB / {base:,.0f} MiB)", peak / base, (_AT_MOST, 1.2))
        )
    else:
        rows.append(_row("peak memory, 1M / 100k records", "not measured: needs two sizes", None, None))
    scaling = j2["rate"] / j1["rate"]
    measured = f"{scaling:.2f} ({j1['rate']:,.0f} records/s with `--jobs 1`)"
    rows.append(_row(f"`--jobs 2` / `--jobs 1`, {at}", measured, scaling, (_AT_LEAST, 1.7)))
    run = j2["run"]
    measured = f"{j2['parent_share']:.0%} ({run.parent_cpu_seconds:,.1f} of {run.cpu_seconds:,.1f} CPU s)"
    rows.append(_row("parent process's share of all CPU, `--jobs 2`", measured, None, None))
    for name in ("sac", "audit"):
        run = f["reports"][name]["run"]
        value = run.cpu_seconds / limit["cpu_seconds"]
        measured = (
            f"{value:.2f} ({run.cpu_seconds:,.1f} s against {limit['cpu_seconds']:,.1f} s; "
            f"peak {run.tree_rss_mib:,.0f} MiB)"
        )
        figure = f"`msp {name}` CPU time / `orjson.loads` CPU time, {at}"
        rows.append(_row(figure, measured, value, (_AT_MOST, 3.5)))

    def versus(ours: str, theirs: str, label: str) -> tuple[float, str]:
        return c[ours] / c[
            theirs
        ], f"{c[ours] / c[theirs]:.2f} ({c[ours]:,.0f} against {label} {c[theirs]:,.0f} records/s)"

    for label in bench_convert.BROKEN_SHARES:
        value, measured = versus(f"msp.from_json ({label})", f"peer: pydantic v2 ({label})", "pydantic")
        figure = f"`msp.from_json` / pydantic v2, {label} (msp: every problem with its path)"
        rows.append(_row(figure, measured, value, (_AT_LEAST, 1.0)))
    value, measured = versus("msp.from_json", "peer: pydantic v2 model_validate_json", "pydantic")
    rows.append(_row("`msp.from_json` / pydantic v2, valid records", measured, value, (_AT_LEAST, 2.0)))
    value, measured = versus("msp.from_json", "parse only: orjson.loads", "orjson")
    rows.append(_row("`msp.from_json` / `orjson.loads`, valid records", measured, value, (_AT_LEAST, 0.5)))
    value, measured = versus("msp.to_json", "peer: pydantic model_dump_json()", "pydantic")
    rows.append(_row("`msp.to_json` / pydantic v2 `model_dump_json()`", measured, value, (_AT_LEAST, 1.0)))
    _, measured = versus("msp.from_json", "peer: msgspec Struct", "msgspec")
    rows.append(_row("`msp.from_json` / msgspec peer (fair), valid records", measured, None, None))
    broken = "every record broken"
    _, measured = versus(f"msp.from_json ({broken})", f"peer: msgspec Struct ({broken})", "msgspec")
    rows.append(_row(f"`msp.from_json` / msgspec peer, {broken}", measured, None, None))
    measured = f"{j1['rate'] / limit['rate']:.2f} ({j1['rate']:,.0f} records/s; parent share {j1['parent_share']:.0%})"
    rows.append(_row(f"`msp validate --jobs 1` / `orjson.loads`, {at}", measured, None, None))
    s = f["start"]
    measured = (
        f"{s['first record'] * 1000:.0f} ms (best of {f['starts']}; `python -c pass` {s['python'] * 1000:.0f} ms)"
    )
    rows.append(_row("start to the first validated record (`msp validate`, one-record file)", measured, None, None))
    measured = f"{(s['import msp'] - s['python']) * 1000:.0f} ms over the interpreter's start"
    rows.append(_row("`import msp`", measured, None, None))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--records", type=int, default=20_000, help="records for the in-memory from_json figures")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="keep the generated files in this folder and reuse them")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    before = common.machine()
    figures: dict[str, Any] = {"machine": before, "starts": args.starts, "orjson": {}, "validate": {}}
    with contextlib.redirect_stdout(sys.stderr), tempfile.TemporaryDirectory(prefix="msp-bench-") as scratch:
        print(before)
        data = bench_convert.corpora(args.records, 7)
        print(bench_convert.check_broken(data))
        rows, _ = bench_convert._contenders(data)  # noqa: SLF001 - a sibling benchmark
        figures["convert"] = bench_convert._measure(rows, args.rounds)  # noqa: SLF001
        del data, rows
        figures["start"] = bench_start.start_figures(args.starts)
        folder = args.corpus or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = sorted(args.sizes)
        print(bench_validate._HEAD)  # noqa: SLF001
        for size in sizes:
            path = common.corpus(folder, size, args.seed)
            limit = common.orjson_parse(path)
            print(f"{size:>10,} orjson.loads: {limit['rate']:,.0f} lines/s", flush=True)
            figures["validate"][size] = bench_validate.validate_figures(path, size, [1, 2], limit)
            if size == sizes[-1]:
                figures["reports"] = bench_reports.report_figures(path, size, limit)
            again = common.orjson_parse(path)  # the limit is the better of two runs, before and after msp's
            print(f"{size:>10,} orjson.loads again: {again['rate']:,.0f} lines/s", flush=True)
            figures["orjson"][size] = common.better(limit, again)
    after = common.machine().rsplit("load ", 1)[1]
    figures["load after"] = after
    print(f"{before}; load after: {after}")
    print(f"{common.BROKEN:.0%} broken records in the files; from_json on {args.records:,} records in memory")
    print()
    print("\n".join(_table(figures)))
    common.dump(figures, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
