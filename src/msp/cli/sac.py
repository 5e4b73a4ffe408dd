"""``msp sac``: count the Safeguarding Adults Collection return from files.

::

    msp sac PATH... --year 2025-26 [--suppress] [--format text|csv|json] [-o OUT] [--mapping FILE]

The counting is :func:`msp.reports.sac_return.sac_files`; this module reads the
options and writes the return. See docs/returns.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msp.cli._common import (
    CannotRun,
    add_extensions,
    add_format,
    add_mapping,
    add_output,
    add_paths,
    read_report,
    write_report,
)
from msp.codes.years import CollectionYear

if TYPE_CHECKING:
    import argparse

    from msp.cli._common import Commands

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp sac PATH... --year 2025-26 [--suppress] [--format text|csv|json] [-o OUT]``.

    Reads JSON Lines, JSON or flat CSV files, counts the return and writes it.
    Records that cannot be read or built are listed as not counted, with file
    and line. With ``csv`` output the findings and the records not counted go
    to standard error.

    Args:
        args: ``paths`` (list of str), ``year`` (str), ``suppress`` (bool),
            ``format`` (``text``, ``csv`` or ``json``), ``output`` (str or
            None for standard output), and optionally ``mapping`` (a CSV
            mapping file, :func:`msp.convert.flat.load_mapping`).

    Returns:
        0 when the return is consistent, 1 when a consistency check found an
        error (the return would fail the collection's validation).

    Raises:
        CannotRun: the year is not valid, or a file or the mapping cannot be read.
        OSError: the output cannot be written.
    """
    from msp.reports.sac_return import sac_files  # noqa: PLC0415 - keep `msp --help` fast
    from msp.rules import Severity  # noqa: PLC0415

    try:
        year = CollectionYear.parse(args.year)
    except ValueError as exc:
        raise CannotRun(str(exc)) from None
    ret = read_report(args, lambda mapping: sac_files(args.paths, year, suppress=bool(args.suppress), mapping=mapping))
    notes = [f"{f.code} [{f.severity.value}] {f.path}: {f.message}" for f in ret.findings]
    notes.extend(f"not counted: {u}" for u in ret.uncounted)
    write_report(args, {"text": ret.to_text, "csv": ret.to_csv, "json": ret.to_json}, notes)
    return 1 if any(f.severity is Severity.ERROR for f in ret.findings) else 0


def add_parser(commands: Commands) -> None:
    """Add ``msp sac PATH... --year YYYY-YY [--suppress] [--format text|csv|json] [-o OUT] [--mapping FILE]``."""
    sac = commands.add_parser("sac", help="count the Safeguarding Adults Collection return")
    add_paths(sac)
    sac.add_argument("--year", required=True, metavar="YYYY-YY")
    sac.add_argument("--suppress", action="store_true", help="suppress small numbers")
    add_format(sac, "text", "csv", "json")
    add_output(sac)
    add_mapping(sac)
    add_extensions(sac)
    sac.set_defaults(handler=run)
