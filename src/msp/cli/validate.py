"""``msp validate``: check every record in JSON Lines, JSON or CSV files against the rule catalogue.

::

    msp validate PATH... [--format auto|jsonl|json|csv] [--report text|json|csv] [-o OUT]
                         [--stage STAGE] [--profile NAME|FILE] [--year YYYY-YY] [--jobs N]
                         [--mapping FILE] [--extensions FILE] [--max-record-bytes SIZE]
                         [--unknown error|ignore] [--no-progress] [-q]

The work is done by :func:`msp.io.batch.validate_paths` and the report writers
of :mod:`msp.reports.writers`; this module reads the options, draws the
progress line and chooses where the report goes. See docs/cli.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from msp.cli._common import (
    Commands,
    UsageError,
    add_extensions,
    add_format,
    add_mapping,
    add_output,
    add_paths,
    add_rule_options,
    output,
    rule_set,
    size,
    whole,
)
from msp.codes import CaseStage

__all__ = ["add_parser", "run"]

_clock = time.monotonic


def run(args: argparse.Namespace) -> int:
    """Run ``msp validate``: check the files, write the report, print the summary on standard error.

    Args:
        args: the options :func:`add_parser` defines, by their ``dest``
            (``paths``, ``format``, ``report``, ``output``, ``stage``, ``profile``,
            ``year``, ``jobs``, ``mapping``, ``max_record_bytes``, ``unknown``, ``progress``, ``quiet``;
            ``extensions`` is registered by :func:`msp.cli.main` before this runs).

    Returns:
        The run's exit status: 0 no error-severity finding, 1 error findings.

    Raises:
        UsageError: bad usage (standard input twice, a negative ``--jobs``, an unknown profile).
        OSError: a file cannot be read or the report cannot be written.
    """
    from msp.convert.flat import load_mapping  # noqa: PLC0415
    from msp.io.batch import validate_paths  # noqa: PLC0415 - keep `msp --help` fast
    from msp.reports.writers import format_summary, writer_for  # noqa: PLC0415

    _check_inputs(args.paths)
    mapping = load_mapping(args.mapping) if args.mapping else None
    rules = rule_set(args)
    if args.jobs < 0:
        raise UsageError("--jobs is 0 (one per CPU) or more")
    findings_on_terminal = args.output in (None, "-") and sys.stdout.isatty()
    show_progress = args.progress and not args.quiet and sys.stderr.isatty() and not findings_on_terminal
    progress = _Progress(sys.stderr) if show_progress else None
    validation = validate_paths(
        args.paths,
        format=args.format,
        stage=args.stage,
        rules=rules,
        jobs=args.jobs,
        mapping=mapping,
        max_record_bytes=args.max_record_bytes,
        progress=progress,
        unknown=args.unknown,
    )
    try:
        with output(args.output, newline="" if args.report == "csv" else None) as stream:
            writer = writer_for(args.report, stream)
            for result in validation:
                writer.write(result)
            writer.finish(validation.summary)
    finally:
        if progress is not None:
            progress.close()
    summary = validation.summary
    to_stdout_text = args.report == "text" and args.output in (None, "-")
    if not args.quiet and not to_stdout_text:
        sys.stderr.write(format_summary(summary))
    return summary.exit_status


def _check_inputs(paths: Sequence[str]) -> None:
    if sum(1 for p in paths if p == "-") > 1:
        raise UsageError("standard input (-) can be read only once")
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if not path.exists():
            raise FileNotFoundError(2, "No such file or directory", p)
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory, not a file", p)
        with path.open("rb"):
            pass


class _Progress:
    """A one-line progress display on standard error (tqdm's bar where tqdm is installed)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.started = _clock()
        self.last = 0.0
        self.shown = False
        self.bars: dict[str, Any] = {}
        try:
            self.tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            self.tqdm = None

    def __call__(self, name: str, size: int | None, position: int, records: int) -> None:
        now = _clock()
        if now - self.last < 0.25:  # noqa: PLR2004 - four updates a second
            return
        self.last = now
        if self.tqdm is not None:
            bar = self.bars.get(name)
            if bar is None:
                for old in self.bars.values():
                    old.close()
                bar = self.bars[name] = self.tqdm(
                    total=size, unit="B", unit_scale=True, desc=Path(name).name, file=self.stream, leave=False
                )
            bar.update(position - bar.n)
            bar.set_postfix(records=records, refresh=False)
            return
        share = f"{min(position / size, 1.0):6.1%} " if size else ""
        rate = records / max(now - self.started, 1e-6)
        line = f"{Path(name).name[:40]}: {share}{records:,} records ({rate:,.0f}/s)"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def add_parser(commands: Commands) -> None:
    """Add ``msp validate PATH... [--format F] [--report R] [-o OUT] [--stage S] ...`` to ``commands``."""
    v = commands.add_parser(
        "validate",
        help="check records in JSON Lines, JSON or CSV files",
        description="Check every record in the files against the rule catalogue. Streams: any file size.",
        epilog="Exit status: 0 no error findings; 1 error findings; 2 could not run.",
    )
    add_paths(v, "files to check (- for standard input)")
    add_format(v, "auto", "jsonl", "json", "csv", about="input format")
    v.add_argument("--report", default="text", choices=("text", "json", "csv"), help="report format (default text)")
    add_output(v, about="write the report here (default: standard output)")
    v.add_argument("--stage", choices=[s.code for s in CaseStage], help="check every record as if at this stage")
    add_rule_options(v, "collection year whose rules apply")
    v.add_argument("--jobs", type=whole, default=1, metavar="N", help="worker processes (0: one per CPU)")
    add_mapping(v)
    add_extensions(v)
    v.add_argument(
        "--max-record-bytes",
        type=size,
        default=10 * 1024 * 1024,
        metavar="SIZE",
        help="longest line or record read (default 10M)",
    )
    v.add_argument(
        "--unknown",
        choices=("error", "ignore"),
        default="error",
        help="a JSON record at a newer schema_version: refuse it (error, the default), or read it as the current "
        "version, ignoring the fields this version does not know, with a SHAPE-SCHEMA warning (ignore)",
    )
    v.add_argument("--no-progress", dest="progress", action="store_false", help="no progress display")
    v.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on standard error")
    v.set_defaults(handler=run)
