"""``msp validate``: check every record in JSON Lines, JSON, CSV, Excel or Parquet files against the rule catalogue.

::

    msp validate PATH... [--format auto|jsonl|json|csv|xlsx|parquet] [--report text|json|csv] [-o OUT]
                         [--stage STAGE] [--profile NAME|FILE] [--year YYYY-YY] [--jobs N]
                         [--mapping FILE] [--sheet NAME] [--extensions FILE] [--max-record-bytes SIZE]
                         [--unknown error|ignore] [--min-severity error|warning|advice]
                         [--no-progress] [-q]

The work is done by :func:`msp.io.batch.validate_paths` and the report writers
of :mod:`msp.reports.writers`; this module reads the options, draws the
progress line and chooses where the report goes. See docs/cli.md.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``--min-severity``; rule titles in the summary.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from msp.cli._common import (
    Commands,
    UsageError,
    add_command,
    add_extensions,
    add_format,
    add_mapping,
    add_max_record_bytes,
    add_output,
    add_paths,
    add_progress,
    add_rule_options,
    output,
    progress_for,
    rule_set,
    summary_wanted,
    whole,
)
from msp.codes import CaseStage
from msp.errors import Severity

__all__ = ["add_parser", "run"]

_clock = time.monotonic


def run(args: argparse.Namespace) -> int:
    """Run ``msp validate``: check the files, write the report, print the summary on standard error.

    Args:
        args: the options :func:`add_parser` defines, by their ``dest``
            (``paths``, ``format``, ``report``, ``output``, ``stage``, ``profile``,
            ``year``, ``jobs``, ``mapping``, ``max_record_bytes``, ``unknown``,
            ``min_severity``, ``progress``, ``quiet``; ``extensions`` is registered
            by :func:`msp.cli.main` before this runs).

    Returns:
        The run's exit status: 0 no error-severity finding, 1 error findings.
        ``--min-severity`` never hides an error finding, so the status always
        agrees with the findings shown.

    Raises:
        UsageError: bad usage (standard input twice, a negative ``--jobs``, an unknown profile).
        OSError: a file cannot be read or the report cannot be written.
    """
    from msp.convert.flat import load_mapping  # noqa: PLC0415
    from msp.io.batch import validate_paths  # noqa: PLC0415 - keep `msp --help` fast
    from msp.reports.writers import format_summary, rule_titles, writer_for  # noqa: PLC0415

    _check_inputs(args.paths)
    mapping = load_mapping(args.mapping) if args.mapping else None
    rules = rule_set(args)
    if args.jobs < 0:
        raise UsageError("--jobs is 0 (one per CPU) or more")
    min_severity = getattr(args, "min_severity", None)
    titles = rule_titles(rules)
    progress = progress_for(args, _clock)
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
        sheet=args.sheet,
    )
    try:
        with output(args.output, newline="" if args.report == "csv" else None) as stream:
            writer = writer_for(args.report, stream, min_severity=min_severity, titles=titles)
            for result in validation:
                writer.write(result)
            writer.finish(validation.summary)
    finally:
        if progress is not None:
            progress.close()
    summary = validation.summary
    if summary_wanted(args, args.report):
        sys.stderr.write(format_summary(summary, titles=titles, min_severity=min_severity))
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


_DESCRIPTION = """\
Check every record in the files against the rule catalogue: one finding per line
(file:line: record id, rule code, severity, field path, message), then a summary
counting every record read. Files of any size are streamed. No value from a record
is ever written: records are named by id, fields by path."""

_NOTES = """\
--min-severity leaves findings below it out of the report; the summary still counts
every record and every finding, and says how many were left out. Error findings are
shown at every level, so the exit status always agrees with what is shown."""


def add_parser(commands: Commands) -> None:
    """Add ``msp validate PATH... [--format F] [--report R] [-o OUT] [--stage S] ...`` to ``commands``."""
    v = add_command(
        commands,
        "validate",
        summary="check records in JSON Lines, JSON, CSV, Excel or Parquet files",
        description=_DESCRIPTION,
        exits=((0, "no error-severity finding"), (1, "at least one error-severity finding")),
        notes=_NOTES,
    )
    add_paths(v, "files to check: JSON Lines, JSON, or flat CSV, Excel (.xlsx) or Parquet (- for standard input)")
    add_format(
        v,
        "auto",
        "jsonl",
        "json",
        "csv",
        "xlsx",
        "parquet",
        about="input format (default auto: by the file's extension, else by its first bytes)",
    )
    v.add_argument(
        "--report",
        default="text",
        choices=("text", "json", "csv"),
        help="report format: text, json (JSON Lines) or csv (default text)",
    )
    add_output(v, about="write the report to this file, replaced only once complete (default: standard output)")
    v.add_argument(
        "--stage",
        choices=[s.code for s in CaseStage],
        metavar="STAGE",
        help="check every record as if at this stage: " + ", ".join(s.code for s in CaseStage),
    )
    add_rule_options(v, "collection year whose rules apply (default: the profile's)")
    v.add_argument("--jobs", type=whole, default=1, metavar="N", help="worker processes (default 1; 0: one per CPU)")
    add_mapping(v)
    add_extensions(v)
    add_max_record_bytes(v)
    v.add_argument(
        "--unknown",
        choices=("error", "ignore"),
        default="error",
        help="a JSON record at a newer schema_version: refuse it (error, the default), or read it as the current "
        "version, ignoring the fields this version does not know, with a SHAPE-SCHEMA warning (ignore)",
    )
    v.add_argument(
        "--min-severity",
        choices=tuple(s.value for s in Severity),
        default=None,
        help="show only findings of this severity or more serious: error, warning or advice (default: every finding)",
    )
    add_progress(v)
    v.set_defaults(handler=run)
