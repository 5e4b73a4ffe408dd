"""``msp audit``: a Making Safeguarding Personal case-file audit of the records in files.

::

    msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of YYYY-MM-DD] [--mapping FILE]
              [--by DIMENSION[,DIMENSION...]]

The audit is :func:`msp.reports.audit.audit_files`, broken down by team and
quarter unless ``--by`` says otherwise (any of team, quarter, year, rating);
this module reads the options and writes the report. See docs/audit.md.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``--by``.
"""

from __future__ import annotations

from datetime import date
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

if TYPE_CHECKING:
    import argparse

    from msp.cli._common import Commands

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of YYYY-MM-DD]``.

    Records that cannot be read are left out of the measures and listed in the
    report (with ``csv`` output, on standard error).

    Args:
        args: ``paths`` (list of str), ``format`` (``text``, ``json``, ``csv``
            or ``html``), ``output`` (str or None), ``as_of`` (ISO date or None;
            default today), and optionally ``mapping`` (a CSV mapping file) and
            ``by`` (breakdowns separated by commas; default ``team,quarter``).

    Returns:
        0: records that cannot be read are listed in the report, not a failure.

    Raises:
        CannotRun: ``as_of`` is not a date, ``by`` names an unknown breakdown, or a
            file or the mapping cannot be read.
        OSError: the output cannot be written.
    """
    from msp.reports.audit import DIMENSIONS, audit_files  # noqa: PLC0415 - keep `msp --help` fast

    as_of_text = getattr(args, "as_of", None)
    try:
        as_of = date.fromisoformat(as_of_text) if as_of_text else None
    except ValueError:
        raise CannotRun("--as-of is a date written YYYY-MM-DD") from None
    by = tuple(d.strip() for d in (getattr(args, "by", None) or "team,quarter").split(",") if d.strip())
    if any(d not in DIMENSIONS for d in by):
        raise CannotRun(f"--by is any of {', '.join(DIMENSIONS)}, separated by commas")
    report = read_report(args, lambda mapping: audit_files(args.paths, as_of=as_of, by=by, mapping=mapping))
    writers = {"text": report.to_text, "json": report.to_json, "csv": report.to_csv, "html": report.to_html}
    write_report(args, writers, (f"not read: {u}" for u in report.uncounted))
    return 0


def add_parser(commands: Commands) -> None:
    """Add ``msp audit PATH... [--format FMT] [-o OUT] [--as-of DATE] [--mapping FILE] [--by DIM,...]``."""
    audit = commands.add_parser("audit", help="a Making Safeguarding Personal case-file audit")
    add_paths(audit)
    add_format(audit, "text", "json", "csv", "html")
    add_output(audit)
    audit.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD")
    add_mapping(audit)
    add_extensions(audit)
    audit.add_argument(
        "--by",
        metavar="DIMENSION[,DIMENSION...]",
        help="breakdowns, separated by commas: team, quarter, year, rating (default team,quarter)",
    )
    audit.set_defaults(handler=run)
