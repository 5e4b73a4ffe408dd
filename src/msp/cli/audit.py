"""``msp audit``: a Making Safeguarding Personal case-file audit of the records in files.

::

    msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of YYYY-MM-DD]
              [--by DIMENSION[,DIMENSION...]] [--targets FILE] [--policy FILE]
              [--unread FILE] [--mapping FILE] [--sheet NAME] [--extensions FILE]
              [--max-record-bytes SIZE] [--no-progress] [-q]

The audit is :func:`msp.reports.audit.audit_files`, broken down by team and
quarter unless ``--by`` says otherwise (any of team, quarter, year, rating);
this module reads the options, draws the progress bar, writes the report (and,
on request, the list of records that could not be read) and says on standard
error what it wrote. See docs/audit.md.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``--by``; ``--targets``, ``--policy``, ``--unread``, ``--max-record-bytes``, ``--no-progress`` and ``-q``;
   the audit date defaults to the latest date in the data; records that could not be read are counted by
   reason on standard error, not listed.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

from msp.cli._common import (
    CannotRun,
    add_command,
    add_extensions,
    add_format,
    add_mapping,
    add_max_record_bytes,
    add_output,
    add_paths,
    add_progress,
    progress_wanted,
    read_report,
    side_file,
    summary_wanted,
    write_report,
)

if TYPE_CHECKING:
    import argparse

    from msp.cli._common import Commands
    from msp.reports.audit import AuditReport

__all__ = ["add_parser", "run"]

_PROG: Final = "msp audit"
_clock = time.monotonic
_Loaded = TypeVar("_Loaded")
_SHOWN_REASONS: Final = 5
"""How many reasons the summary on standard error names; the rest are "N more"."""

_DESCRIPTION: Final = """\
Audit the records in JSON Lines, JSON or flat CSV files for Making Safeguarding
Personal practice: how many cases of how many show it (asked about desired
outcomes, seen alone, advocacy, feedback, timeliness, ...), over the whole
caseload and by team and quarter, each measure with its trend by quarter and,
where a targets file gives one, its target and status (On target, Near, Below).
Reads each file once, any size. The html format is a self-contained page for a
Safeguarding Adults Board: it fits a 1280 px screen and prints on A4 landscape."""

_NOTES: Final = """\
The audit date is the day open cases are judged on: by default the latest date in
the data (received, decided, enquiry started or concluded, closed, or a workflow
history entry), and every output states it and the period covered. No published
source sets targets for these measures, so none is set unless --targets names a
board's file. Cases are timed against the library's local default timescales on a
calendar of weekends only unless --policy names a council's timescale policy file
(stage targets, risk-rating targets, weekend, holidays, bank holidays); the report's
notes name the policy and calendar used. Records that could not be read are left out of every measure and
counted by reason (the first problem's code, e.g. SHAPE-DATE); --unread FILE lists
each one. No output carries a value from a record: team names, periods and counts.

Unless the text report goes to standard output, standard error says what was
written, the records audited and what could not be read, by reason."""


def run(args: argparse.Namespace) -> int:
    """Run ``msp audit``: audit the files, write the report, say on standard error what was written.

    Args:
        args: the options :func:`add_parser` defines, by their ``dest``: ``paths``, ``format``
            (``text``, ``json``, ``csv`` or ``html``), ``output`` (``None`` or ``-``: standard
            output), ``as_of`` (ISO date or ``None``: the latest date in the data), ``by``
            (breakdowns separated by commas; default ``team,quarter``), ``targets`` (a targets
            file or ``None``), ``policy`` (a timescale policy file, :func:`msp.workflow.timescales.load_policy`,
            or ``None``: the library's defaults), ``unread`` (a CSV file or ``None``), ``mapping``, ``sheet``,
            ``max_record_bytes``, ``progress`` and ``quiet`` (``extensions`` is registered by
            :func:`msp.cli.main` before this runs).

    Returns:
        0: records that cannot be read are counted in the report, not a failure.

    Raises:
        CannotRun: ``as_of`` is not a date, ``by`` names an unknown breakdown, the targets
            or policy file is not valid, or a file or the mapping cannot be read.
        OSError: the report or the list of unread records cannot be written.
    """
    from msp.reports.audit import DIMENSIONS, MEASURES, audit_files  # noqa: PLC0415 - keep `msp --help` fast
    from msp.reports.audit_targets import TargetsError, load_targets  # noqa: PLC0415
    from msp.workflow.timescales import PolicyError, load_policy  # noqa: PLC0415

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise CannotRun("--as-of is a date written YYYY-MM-DD") from None
    by = tuple(d.strip() for d in (args.by or "team,quarter").split(",") if d.strip())
    if any(d not in DIMENSIONS for d in by):
        raise CannotRun(f"--by is any of {', '.join(DIMENSIONS)}, separated by commas")
    unread = side_file("--unread", args.unread, args.output)
    targets = _load("--targets", args.targets, lambda path: load_targets(path, MEASURES), TargetsError)
    policy = _load("--policy", args.policy, load_policy, PolicyError)
    bar = _Progress(sys.stderr) if progress_wanted(args) else None
    try:
        report = read_report(
            args,
            lambda mapping: audit_files(
                args.paths,
                as_of=as_of,
                policy=policy,
                by=by,
                mapping=mapping,
                targets=targets,
                progress=None if bar is None else bar.reached,
                sheet=args.sheet,
                max_record_bytes=args.max_record_bytes,
            ),
        )
    finally:
        if bar is not None:
            bar.close()
    writers = {"text": report.to_text, "json": report.to_json, "csv": report.to_csv, "html": report.to_html}
    write_report(args, writers, unread, report.unread_csv)
    if summary_wanted(args, args.format):
        sys.stderr.write(_summary(report, args.format, args.output, unread))
    return 0


def _load(option: str, path: str | None, load: Callable[[str], _Loaded], invalid: type[Exception]) -> _Loaded | None:
    """The file an option such as ``--targets`` names, read and checked by ``load`` (``None``: no file named).

    Raises:
        CannotRun: the file cannot be read, or ``load`` found it not valid (raised ``invalid``).
    """
    if not path:
        return None
    try:
        return load(path)
    except invalid as exc:
        raise CannotRun(f"{option}: {exc}") from None
    except OSError as exc:
        raise CannotRun(f"{option}: cannot read {path}: {exc.strerror or type(exc).__name__}") from None


def _summary(report: AuditReport, fmt: str, target: str | None, unread: str | None) -> str:
    """What ``msp audit`` wrote, for standard error: numbers with thousands separators, no value from a record."""
    where = "standard output" if target in (None, "-") else target
    lines = [
        f"{_PROG}: wrote the audit ({fmt}) to {where}, {report.as_of_text}",
        f"  records audited: {report.records:,}",
    ]
    listed = f"each one is listed in {unread}" if unread is not None else "--unread FILE lists each one"
    if report.unread_records:
        lines.append(f"  could not be read: {report.unread_records:,} record(s), by reason ({listed}):")
        width = max(len(f"{n:,}") for _, n in report.unread)
        lines.extend(f"    {n:>{width},}  {reason}" for reason, n in report.unread)
    else:
        lines.append("  could not be read: 0")
    if report.file_problems:
        lines.append("  problems with files, by reason:")
        lines.extend(f"    {n:,}  {reason}" for reason, n in report.file_problems)
    return "\n".join(lines) + "\n"


def _lines(path: str) -> int | None:
    """How many lines a file has (a quick count, for the progress bar's end), or ``None`` for standard input."""
    if path == "-":
        return None
    count, last = 0, b"\n"
    try:
        with Path(path).open("rb") as stream:
            while chunk := stream.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return None  # the audit itself says why it cannot be read
    return count + (last != b"\n")


class _Progress:
    """A progress bar on standard error, file by file, in lines (tqdm's bar where tqdm is installed)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.started = _clock()
        self.last = 0.0
        self.shown = False
        self.name: str | None = None
        self.total: int | None = None
        self.bar: Any = None
        try:
            self.tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            self.tqdm = None

    def reached(self, name: str, line: int) -> None:
        """The audit has reached ``line`` of the file ``name``."""
        if name != self.name:
            self._start(name)
        now = _clock()
        if now - self.last < 0.25:  # noqa: PLR2004 - four updates a second
            return
        self.last = now
        if self.bar is not None:
            self.bar.update(line - self.bar.n)
            return
        share = f"{min(line / self.total, 1.0):6.1%} " if self.total else ""
        rate = line / max(now - self.started, 1e-6)
        self.stream.write(f"\r{Path(name).name[:40]}: {share}line {line:,} ({rate:,.0f} lines/s)\x1b[K")
        self.stream.flush()
        self.shown = True

    def _start(self, name: str) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        self.name, self.started = name, _clock()
        self.total = _lines("-" if name == "<stdin>" else name)
        if self.tqdm is not None:
            self.bar = self.tqdm(
                total=self.total, unit=" lines", unit_scale=True, desc=Path(name).name, file=self.stream, leave=False
            )

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self.bar is not None:
            self.bar.close()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def add_parser(commands: Commands) -> None:
    """Add ``msp audit PATH... [--format FMT] [-o OUT] [--as-of DATE] [--by DIM,...] [--targets FILE]
    [--policy FILE] ...``."""
    audit = add_command(
        commands,
        "audit",
        summary="a Making Safeguarding Personal case-file audit (text, JSON, CSV, or an HTML page for a board)",
        description=_DESCRIPTION,
        exits=((0, "the audit was written (records that could not be read are counted in it: not a failure)"),),
        notes=_NOTES,
    )
    add_paths(audit, "files to audit: JSON Lines, JSON, or flat CSV, Excel (.xlsx) or Parquet (- for standard input)")
    add_format(
        audit,
        "text",
        "json",
        "csv",
        "html",
        about="text, json, csv, or html (a self-contained page for a screen or A4 landscape print); default text",
    )
    add_output(audit, about="write the report to this file, replaced only once complete (default: standard output)")
    audit.add_argument(
        "--as-of",
        dest="as_of",
        metavar="YYYY-MM-DD",
        help="the audit date open cases are judged on (default: the latest date in the data)",
    )
    audit.add_argument(
        "--by",
        metavar="DIMENSION[,DIMENSION...]",
        help="breakdowns, separated by commas: team, quarter, year, rating (default team,quarter)",
    )
    audit.add_argument(
        "--targets",
        metavar="FILE",
        help="the board's targets per measure, a JSON file (docs/audit.md, Targets); default none",
    )
    audit.add_argument(
        "--policy",
        metavar="FILE",
        help="the council's timescale policy, a JSON file: stage targets, risk-rating targets, weekend, holidays "
        "and bank holidays (docs/audit.md, Timescale policy); default: the library's local defaults, "
        "weekends only",
    )
    audit.add_argument(
        "--unread",
        metavar="FILE",
        help="also write every record that could not be read to this CSV file: file, line, record id, reason "
        "code, field path (never a value from a record)",
    )
    add_mapping(audit)
    add_extensions(audit)
    add_max_record_bytes(
        audit, "longest line or record read, e.g. 10M (default 10M); a longer one is not read: SHAPE-TOO-LONG"
    )
    add_progress(audit)
    audit.set_defaults(handler=run)
