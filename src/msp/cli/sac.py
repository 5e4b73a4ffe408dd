"""``msp sac``: count the Safeguarding Adults Collection return from files.

::

    msp sac PATH... --year 2025-26 [--suppress] [--disclosure csv|tables] [--format text|csv|json]
            [-o OUT] [--uncounted FILE] [--mapping FILE] [--sheet NAME] [--extensions FILE]
            [--max-record-bytes SIZE] [--no-progress] [-q]

The counting is :func:`msp.reports.sac_return.sac_files`; this module reads the
options, draws a progress display on a terminal, writes the return and says on
standard error what it wrote. Records and items not counted are counted by
reason; ``--uncounted FILE`` lists each one as CSV. See docs/returns.md.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``--disclosure``, ``--uncounted``, ``--no-progress``, ``-q``, ``--max-record-bytes``;
   what was not counted is counted by reason on standard error instead of listed there.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from msp.cli._common import (
    UsageError,
    add_command,
    add_extensions,
    add_format,
    add_mapping,
    add_max_record_bytes,
    add_output,
    add_paths,
    add_progress,
    collection_year,
    progress_for,
    read_report,
    side_file,
    summary_wanted,
    write_report,
)

if TYPE_CHECKING:
    import argparse

    from msp.cli._common import Commands
    from msp.reports.sac_return import SacReturn

__all__ = ["add_parser", "run"]

_clock = time.monotonic


def run(args: argparse.Namespace) -> int:
    """Run ``msp sac PATH... --year 2025-26 [--suppress] [--disclosure csv|tables] [--format F] [-o OUT]``.

    Reads JSON Lines, JSON or flat CSV files, counts the return and writes it.
    Unless the text return goes to standard output (where it says it all), a
    summary goes to standard error: what was written where, records read, what
    was not counted (by reason), the disclosure control applied; with ``csv``
    output, which has no room for them, the consistency findings too.

    Args:
        args: ``paths`` (list of str), ``year`` (a :class:`~msp.codes.years.CollectionYear`), ``suppress`` (bool),
            ``disclosure`` (``csv`` or ``tables``), ``format`` (``text``, ``csv``
            or ``json``), ``output`` (str or None for standard output),
            ``uncounted`` (a CSV file for every item not counted, or None),
            ``progress`` and ``quiet`` (bool), ``sheet`` (str or None),
            ``max_record_bytes`` (int), and optionally ``mapping`` (a CSV
            mapping file, :func:`msp.convert.flat.load_mapping`).

    Returns:
        0 when the return is consistent, 1 when a consistency check found an
        error (the return would fail the collection's validation).

    Raises:
        CannotRun: a file or the mapping cannot be read.
        UsageError: ``--disclosure`` without ``--suppress``, or ``--uncounted`` the same file as ``-o``.
        OSError: the output cannot be written.
    """
    from msp.reports.sac_return import sac_files  # noqa: PLC0415 - keep `msp --help` fast
    from msp.rules import Severity  # noqa: PLC0415

    disclosure = args.disclosure
    if disclosure is not None and not args.suppress:
        raise UsageError("--disclosure chooses how --suppress writes SG4a: give --suppress too")
    uncounted_file = side_file("--uncounted", args.uncounted, args.output)
    progress = progress_for(args, _clock)
    try:
        ret = read_report(
            args,
            lambda mapping: sac_files(
                args.paths,
                args.year,
                suppress=bool(args.suppress),
                disclosure=disclosure or "csv",
                mapping=mapping,
                progress=None if progress is None else progress.records,
                sheet=args.sheet,
                max_record_bytes=args.max_record_bytes,
            ),
        )
    finally:
        if progress is not None:
            progress.close()
    writers = {"text": ret.to_text, "csv": ret.to_csv, "json": ret.to_json}
    write_report(args, writers, uncounted_file, ret.uncounted_csv)
    if summary_wanted(args, args.format):
        sys.stderr.write(_summary(ret, args.format, args.output, uncounted_file))
    return 1 if any(f.severity is Severity.ERROR for f in ret.findings) else 0


def _summary(ret: SacReturn, fmt: str, written_to: str | None, uncounted_file: str | None) -> str:
    """What ``msp sac`` wrote, for standard error: numbers with thousands separators, no value from a record."""
    from msp.reports.sac_return import _reason_table  # noqa: PLC0415 - keep `msp --help` fast

    where = "standard output" if written_to in (None, "-") else written_to
    rows = f", {len(ret.rows):,} rows" if fmt == "csv" else ""
    lines = [
        f"msp sac: wrote the {ret.year} return ({fmt}{rows}) to {where}",
        f"  records read: {ret.records:,}",
        f"  disclosure control: {ret.disclosure_applied}",
        f"  consistency checks: {len(ret.findings):,} finding(s)",
    ]
    if fmt == "csv":  # the CSV has no room for them
        lines.extend(f"    {f.code} [{f.severity.value}] {f.path}: {f.message}" for f in ret.findings)
    by_reason = ret.uncounted_by_reason()
    listed = (
        f"each one is listed in {uncounted_file}" if uncounted_file is not None else "--uncounted FILE lists each one"
    )
    if by_reason:
        lines.append(f"  not counted: {len(ret.uncounted):,} record(s) or item(s), by reason ({listed}):")
        lines.extend(_reason_table(by_reason, indent="    ", header=False))
    else:
        lines.append("  not counted: 0")
    return "\n".join(lines) + "\n"


_DESCRIPTION = """\
Count the Safeguarding Adults Collection (SAC) return for one collection year
(1 April to 31 March) from the records in the files: the mandatory SG1-SG4
tables in the long layout of NHS England's publication, the return's own
consistency checks (RET- findings), and what could not be counted, by reason.
A record that could not be read is counted as read and as not counted, never
dropped. See docs/returns.md for every counting rule."""

_NOTES = """\
Disclosure control (--suppress): counts under 5 are [c], the others rounded to
the nearest 5 (NHS England's publication). An SG4a group of zeros is [c] by the
published-CSV rule (--disclosure csv, the default) or [x] by the Excel data-table
rule (--disclosure tables). Every output but the long CSV (which keeps the
publication's columns exactly) says which rule was applied, as does standard error.

Unless the text return goes to standard output, standard error says what was
written, the records read, the disclosure control, the consistency findings (all
of them with --format csv) and what was not counted, by reason."""


def add_parser(commands: Commands) -> None:
    """Add ``msp sac PATH... --year YYYY-YY [--suppress] [--disclosure R] [--format F] [-o OUT] ...``."""
    sac = add_command(
        commands,
        "sac",
        summary="count the Safeguarding Adults Collection return",
        description=_DESCRIPTION,
        exits=(
            (0, "the return is consistent"),
            (1, "a consistency check found an error: the return would fail the collection's validation"),
        ),
        notes=_NOTES,
    )
    add_paths(sac)
    sac.add_argument(
        "--year",
        required=True,
        type=collection_year,
        metavar="YYYY-YY",
        help="the collection year to count, e.g. 2025-26",
    )
    sac.add_argument(
        "--suppress",
        action="store_true",
        help="apply the publication's disclosure control: under 5 is [c], others rounded to 5",
    )
    sac.add_argument(
        "--disclosure",
        choices=("csv", "tables"),
        default=None,
        help="with --suppress, how an SG4a group of zeros is written: csv ([c], NHS England's published CSV; "
        "the default) or tables ([x], its Excel data tables)",
    )
    add_format(
        sac,
        "text",
        "csv",
        "json",
        about="text (tables laid out for reading), csv (the publication's long layout) or json (default text)",
    )
    add_output(sac, about="write the return to this file, replaced only once complete (default: standard output)")
    sac.add_argument(
        "--uncounted",
        metavar="FILE",
        help="also write every record or item not counted to this CSV file: file, line, record id, reason code, "
        "field path, tables, reason (never a value from a record)",
    )
    add_mapping(sac)
    add_extensions(sac)
    add_max_record_bytes(
        sac, "longest line or record read, e.g. 10M (default 10M); a longer one is not counted: SHAPE-TOO-LONG"
    )
    add_progress(sac)
    sac.set_defaults(handler=run)
