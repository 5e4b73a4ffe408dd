"""What the ``msp`` commands share: the parser, failures, output, options and report runs.

Private to :mod:`msp.cli`. Each command module (:mod:`msp.cli.validate`,
:mod:`msp.cli.rules`, ...) builds its sub-parser from the option helpers here
(``add_paths``, ``add_format``, ...), so that an option common to several
commands is written once, and its ``--help`` with :func:`add_command` (what the
command does and its exit statuses); draws progress with :class:`Progress`;
writes through :func:`output`; and raises :class:`CannotRun` or
:class:`UsageError` for :func:`msp.cli.main` to turn into exit status 2.

Imports from :mod:`msp.convert` and :mod:`msp.rules` are made inside the
functions that need them, so that ``msp --help`` stays fast.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import re
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, Protocol, TypeVar

from msp.codes.years import CollectionYear
from msp.errors import MspError

if TYPE_CHECKING:
    from msp.convert.flat import CsvMapping

__all__ = [
    "CLOSED_PIPE",
    "COULD_NOT_RUN",
    "PROG",
    "CannotRun",
    "Commands",
    "HelpFormatter",
    "Parser",
    "Progress",
    "UsageError",
    "add_command",
    "add_extensions",
    "add_format",
    "add_mapping",
    "add_max_record_bytes",
    "add_output",
    "add_paths",
    "add_progress",
    "add_rule_options",
    "collection_year",
    "exit_statuses",
    "extensions_of",
    "fail",
    "output",
    "progress_for",
    "progress_wanted",
    "quiet_stdout",
    "read_report",
    "reason_for",
    "rule_set",
    "side_file",
    "size",
    "stop",
    "summary_wanted",
    "whole",
    "write_report",
    "year",
]

PROG = "msp"
"""The command's name, the first word of every message."""

CLOSED_PIPE: Final = 141
"""The exit status when the reader of the output closed it early (``msp validate x | head``): 128 + SIGPIPE,
what a shell reports for a Unix tool stopped that way. Nothing is written on standard error."""

COULD_NOT_RUN: Final = (
    "could not run: bad usage, a file or the mapping that cannot be read, or output that cannot be written; "
    "one line on standard error says why"
)
"""What exit status 2 means, for every command's ``--help``."""

_Report = TypeVar("_Report")


class CannotRun(Exception):
    """The command cannot run (a file or the mapping cannot be read, a bad value): exit 2.

    :func:`msp.cli.main` writes ``msp COMMAND: reason`` on standard error, the
    reason as it is.

    Attributes:
        prog: the (sub)command that cannot run, e.g. ``msp validate``, or
            ``None`` for the command being run.
    """

    def __init__(self, reason: str, prog: str | None = None) -> None:
        super().__init__(reason)
        self.prog = prog


class UsageError(CannotRun):
    """Bad usage: exit 2, with the reason made one line (:func:`_one_line`)."""

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(_one_line(message), prog)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and never exit by themselves."""

    def error(self, message: str) -> NoReturn:
        """Raise :class:`UsageError` with ``message`` and a pointer to ``--help``.

        Raises:
            UsageError: always.
        """
        raise UsageError(f"{message} (see {self.prog} --help)", self.prog)


class Commands(Protocol):
    """The ``msp`` parser's sub-commands (what ``add_subparsers`` returns), as a command module adds to them."""

    def add_parser(
        self,
        name: str,
        *,
        help: str = ...,  # noqa: A002 - argparse's word
        description: str = ...,
        epilog: str = ...,
        formatter_class: type[argparse.HelpFormatter] = ...,
    ) -> Parser:
        """Add the sub-parser of the command ``name``, with its help, description, epilog and help layout."""
        ...


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """``--help`` laid out with the description and epilog as written (lines kept), options wrapped."""


def exit_statuses(*statuses: tuple[int, str]) -> str:
    """The ``Exit status:`` epilog of a command's ``--help``: the statuses given, then 2 and 141 (as every command).

    Args:
        statuses: ``(status, meaning)`` for 0 and, where the command has it, 1.
    """
    every = (*statuses, (2, COULD_NOT_RUN), (CLOSED_PIPE, "the output was closed early (| head): nothing more said"))
    lines = (
        textwrap.fill(meaning, width=79, initial_indent=f"  {status:<3}  ", subsequent_indent=" " * 7)
        for status, meaning in every
    )
    return "Exit status:\n" + "\n".join(lines)


def add_command(
    commands: Commands,
    name: str,
    *,
    summary: str,
    description: str,
    exits: Iterable[tuple[int, str]],
    notes: str = "",
) -> Parser:
    """Add the sub-parser of ``msp NAME``, with a ``--help`` that describes it and its exit statuses.

    Args:
        commands: the ``msp`` parser's sub-commands.
        name: the command, e.g. ``validate``.
        summary: one line for ``msp --help``.
        description: what the command does (shown as written, lines kept).
        exits: ``(status, meaning)`` for 0 and 1 where the command has it; 2 and
            141 are added (:func:`exit_statuses`).
        notes: lines shown after the options, before the exit statuses.
    """
    epilog = exit_statuses(*exits)
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"{notes.rstrip()}\n\n{epilog}" if notes else epilog,
        formatter_class=HelpFormatter,
    )


# -- failing ------------------------------------------------------------------------


def stop(prog: str, reason: str) -> int:
    """Write ``prog: reason`` on standard error, as it is.

    Args:
        prog: the command, e.g. ``msp sac``.
        reason: why it could not run, one line.

    Returns:
        2, the exit status of a command that could not run.
    """
    sys.stderr.write(f"{prog}: {reason}\n")
    return 2


def fail(prog: str, reason: str) -> int:
    """Write ``prog: reason`` on standard error, the reason made one line.

    Args:
        prog: the command, e.g. ``msp validate``.
        reason: why it could not run.

    Returns:
        2, the exit status of a command that could not run.
    """
    return stop(prog, _one_line(reason))


def _one_line(text: str) -> str:
    """``text`` with every run of white space, line breaks included, made one space."""
    return " ".join(str(text).split())


def reason_for(exc: BaseException) -> str:
    """A one-line reason for an exception, never quoting a record's value.

    Args:
        exc: what stopped the command.

    Returns:
        ``interrupted``; the file and the system's reason for an ``OSError``;
        the message of an :class:`msp.errors.MspError` (they name fields and
        files, never values); otherwise the exception's type only.
    """
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        return f"cannot access{name}: {exc.strerror or type(exc).__name__}"
    if isinstance(exc, MspError):  # our messages name fields and files, never values
        return str(exc)
    if isinstance(exc, (ValueError, KeyError)):
        return f"could not run ({type(exc).__name__})"
    return f"internal error ({type(exc).__name__}); please report it"


def quiet_stdout() -> None:
    """After a closed pipe (``msp validate x | head``), stop Python complaining at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# -- progress -----------------------------------------------------------------------


class Progress:
    """A one-line progress display on standard error: tqdm's bar where tqdm is installed, else a line of text.

    Call it as :data:`msp.io.batch.Progress` is called, ``(file, size, bytes read,
    records)``, for a bar of bytes read out of the file's size; or call
    :meth:`records` with ``(file, records)`` where only records are counted. It
    draws at most four times a second, starts a new bar for each file and clears
    itself on :meth:`close`. Without tqdm, no error: a text line instead.

    Args:
        stream: where to draw (standard error).
        clock: seconds, for the rate and to limit redrawing (default :func:`time.monotonic`).
    """

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last = 0.0
        self.shown = False
        self.bars: dict[str, Any] = {}
        try:
            self.tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            self.tqdm = None

    def __call__(self, name: str, size: int | None, position: int, records: int) -> None:
        """Show ``position`` bytes of ``size`` read from ``name``, and ``records`` done."""
        self._draw(name, size, position, records, by_bytes=True)

    def records(self, name: str, records: int) -> None:
        """Show ``records`` read so far, from ``name`` now."""
        self._draw(name, None, 0, records, by_bytes=False)

    def _draw(self, name: str, size: int | None, position: int, records: int, *, by_bytes: bool) -> None:
        now = self.clock()
        if now - self.last < 0.25:  # noqa: PLR2004 - four updates a second
            return
        self.last = now
        if self.tqdm is not None:
            bar = self.bars.get(name)
            if bar is None:
                for old in self.bars.values():
                    old.close()
                unit = {"total": size, "unit": "B", "unit_scale": True} if by_bytes else {"unit": " records"}
                bar = self.bars[name] = self.tqdm(desc=Path(name).name, file=self.stream, leave=False, **unit)
            if by_bytes:
                bar.update(position - bar.n)
                bar.set_postfix(records=records, refresh=False)
            else:
                bar.update(records - bar.n)
            return
        share = f"{min(position / size, 1.0):6.1%} " if by_bytes and size else ""
        rate = records / max(now - self.started, 1e-6)
        line = f"{Path(name).name[:40]}: {share}{records:,} records ({rate:,.0f}/s)"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Close the bars, or clear the text line."""
        for bar in self.bars.values():
            bar.close()
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def progress_for(args: argparse.Namespace, clock: Callable[[], float] = time.monotonic) -> Progress | None:
    """A :class:`Progress` on standard error, or ``None`` where none is wanted.

    None is drawn with ``--no-progress`` or ``-q``, when standard error is not a
    terminal (scripts, pipes, logs), or when a text report goes to the terminal on
    standard output (the two would mix).
    """
    return Progress(sys.stderr, clock) if progress_wanted(args) else None


def progress_wanted(args: argparse.Namespace) -> bool:
    """Whether a progress display is wanted (see :func:`progress_for`): not with ``--no-progress``
    or ``-q``, only when standard error is a terminal, and not while a text report goes to the
    terminal on standard output."""
    report_on_terminal = getattr(args, "output", None) in (None, "-") and sys.stdout.isatty()
    wanted = getattr(args, "progress", True) and not getattr(args, "quiet", False)
    return bool(wanted) and sys.stderr.isatty() and not report_on_terminal


def summary_wanted(args: argparse.Namespace, fmt: str) -> bool:
    """Whether the summary goes to standard error: not with ``-q``, nor when a text report (``fmt``)
    goes to standard output, where it says it all."""
    return not args.quiet and not (fmt == "text" and args.output in (None, "-"))


# -- output -------------------------------------------------------------------------


@contextlib.contextmanager
def output(path: str | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Standard output, or a file written to a temporary name and moved into place on success.

    The file gets the permissions of the file it replaces, or the usual ones
    for a new file (0666 less the umask), not the temporary file's 0600.

    Args:
        path: the file (``-`` or ``None``: standard output).
        newline: as for :func:`open` (``""`` for CSV).

    Yields:
        A text stream to write to.

    Raises:
        OSError: ``path`` is a directory, or its folder does not exist.
    """
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory", str(target))
    if target.exists() and not target.is_file():  # a device or a pipe: write straight to it
        with target.open("w", encoding="utf-8", newline=newline) as stream:
            yield stream
        return
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such directory", str(folder))
    mode = target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
        with contextlib.suppress(OSError):  # a file system without permissions (FAT, some shares)
            Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _new_file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


# -- msp sac and msp audit ------------------------------------------------------------


def read_report(args: argparse.Namespace, make: Callable[[CsvMapping | None], _Report]) -> _Report:
    """Make a report from the files, with the mapping file named by ``--mapping``.

    Args:
        args: the command's arguments; ``mapping`` (a file name, a loaded
            :class:`~msp.convert.flat.CsvMapping`, or ``None``) may be missing.
        make: reads the files into a report, given the mapping.

    Returns:
        The report.

    Raises:
        CannotRun: a file or the mapping cannot be read, with the reason.
    """
    from msp.convert.flat import CsvMapping, MappingError, load_mapping  # noqa: PLC0415 - keep `msp --help` fast

    given = getattr(args, "mapping", None)
    try:
        return make(given if given is None or isinstance(given, CsvMapping) else load_mapping(given))
    except OSError as exc:
        raise CannotRun(f"cannot read {exc.filename}: {exc.strerror}") from None
    except MappingError as exc:
        raise CannotRun(str(exc)) from None


def side_file(option: str, path: str | None, target: str | None) -> str | None:
    """The CSV file an option such as ``--uncounted`` names, written beside the report (``None``: none).

    Args:
        option: the option, e.g. ``--unread``, for the message.
        path: the file it names, or ``None``.
        target: the report's file, ``-o`` (``None`` or ``-``: standard output).

    Raises:
        UsageError: ``path`` is standard output or the report's file.
    """
    if path is not None and path in ("-", target or "-"):
        raise UsageError(f"{option} needs a file of its own, not standard output or the -o file")
    return path


def write_report(
    args: argparse.Namespace,
    writers: Mapping[str, Callable[[], str]],
    side: str | None,
    side_csv: Callable[[], str],
) -> None:
    """Write the report in ``args.format`` to ``args.output``, then ``side_csv()`` to the file ``side``, if any.

    Args:
        args: ``format`` (a key of ``writers``) and ``output`` (``None`` or ``-``: standard output).
        writers: each format's writer.
        side: the CSV file beside the report (:func:`side_file`), or ``None``.
        side_csv: writes that CSV.

    Raises:
        OSError: the report or the CSV file cannot be written.
    """
    fmt: str = args.format
    text = writers[fmt]()
    with output(args.output, newline="" if fmt == "csv" else None) as stream:
        stream.write(text)
    if side is not None:
        with output(side, newline="") as stream:
            stream.write(side_csv())


# -- options ----------------------------------------------------------------------------


_PATHS_HELP: Final = "files to read: JSON Lines, JSON, or flat CSV, Excel (.xlsx) or Parquet (- for standard input)"


def add_paths(parser: argparse.ArgumentParser, about: str | None = None) -> None:
    """The input files: ``PATH...``, one or more; ``about`` is the help text (default: what files are read)."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=about or _PATHS_HELP)


def add_format(parser: argparse.ArgumentParser, *choices: str, about: str | None = None) -> None:
    """``--format``: one of ``choices``, the first the default; ``about`` is the help text (default: the choices)."""
    default = f"output format: {', '.join(choices)} (default {choices[0]})"
    parser.add_argument("--format", default=choices[0], choices=choices, help=about or default)


def add_output(parser: argparse.ArgumentParser, metavar: str = "OUT", about: str | None = None) -> None:
    """``-o``/``--output``: the file to write (default: standard output); ``about`` is the help text."""
    default = "write to this file, replaced only once complete (default: standard output)"
    parser.add_argument("-o", "--output", metavar=metavar, help=about or default)


def add_progress(parser: argparse.ArgumentParser) -> None:
    """``--no-progress`` and ``-q``/``--quiet``: the progress display and the summary on standard error."""
    parser.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress display (shown only when standard error is a terminal, with tqdm where installed)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on standard error")


def add_mapping(parser: argparse.ArgumentParser) -> None:
    """``--mapping FILE`` (a CSV mapping file, :func:`msp.convert.flat.load_mapping`) and ``--sheet NAME``
    (the worksheet of an Excel workbook): how a flat extract is read."""
    parser.add_argument(
        "--mapping",
        metavar="FILE",
        help="mapping file for flat CSV, Excel or Parquet extracts (column names, local codes)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet of an Excel (.xlsx) workbook to read (default: the first visible one)",
    )


_MAX_RECORD_BYTES: Final = 10 * 1024 * 1024
"""``--max-record-bytes``'s default, 10M: :data:`msp.io.readers.DEFAULT_MAX_RECORD_BYTES`, not imported,
so that ``msp --help`` stays fast."""

_MAX_RECORD_BYTES_HELP: Final = "longest line or record read, e.g. 10M (default 10M); a longer one is SHAPE-TOO-LONG"


def add_max_record_bytes(parser: argparse.ArgumentParser, about: str | None = None) -> None:
    """``--max-record-bytes SIZE``: the longest line or record read (a :func:`size`; default 10M).

    ``about`` is the help text (default: what it is, and that a longer one is ``SHAPE-TOO-LONG``).
    """
    parser.add_argument(
        "--max-record-bytes",
        type=size,
        default=_MAX_RECORD_BYTES,
        metavar="SIZE",
        help=about or _MAX_RECORD_BYTES_HELP,
    )


def add_extensions(parser: argparse.ArgumentParser) -> None:
    """``--extensions FILE``: local extension definitions to register for the run (:func:`msp.load_extensions`)."""
    parser.add_argument(
        "--extensions",
        metavar="FILE",
        help="local extension definitions (JSON) to register first: records may then carry their values",
    )


@contextlib.contextmanager
def extensions_of(args: argparse.Namespace) -> Iterator[None]:
    """Register the definitions of ``--extensions FILE`` (if the command has it) while the command runs.

    Raises:
        CannotRun: the file cannot be read or holds a definition that is not allowed.
    """
    from msp.model.extensions import ExtensionError, load_extensions, using_extensions  # noqa: PLC0415

    path = getattr(args, "extensions", None)
    if not path:
        yield
        return
    try:
        definitions = load_extensions(path)
    except ExtensionError as exc:
        raise CannotRun(f"--extensions {path}: {exc}") from None
    try:
        with using_extensions(*definitions):
            yield
    except ExtensionError as exc:  # another definition of one of its names is registered (in-process callers)
        raise CannotRun(f"--extensions {path}: {exc}") from None


def add_rule_options(parser: argparse.ArgumentParser, year_help: str) -> None:
    """``--profile NAME`` and ``--year YYYY-YY``: which rules apply (see :func:`rule_set`)."""
    parser.add_argument(
        "--profile", default="default", metavar="NAME", help="rule profile name, or a profile JSON file"
    )
    parser.add_argument("--year", type=year, metavar="YYYY-YY", help=year_help)


# -- values of options ------------------------------------------------------------------


def year(text: str) -> str:
    """A collection year such as ``2025-26``, checked (:func:`collection_year`) and kept as written, for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a collection year, with the reason.
    """
    collection_year(text)
    return text


def collection_year(text: str) -> CollectionYear:
    """A collection year such as ``2025-26``, parsed, for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a collection year, with the reason.
    """
    try:
        return CollectionYear.parse(text)
    except ValueError as exc:  # fixed wording: "a collection year is written like 2025-26", ...
        raise argparse.ArgumentTypeError(_one_line(str(exc))) from None


def whole(text: str) -> int:
    """A whole number, for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a whole number.
    """
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None


_SIZE = re.compile(r"^\s*([0-9]+)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def size(text: str) -> int:
    """A size in bytes, ``10000000`` or ``10M`` (k, m, g in powers of 1024), for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a size of one byte or more.
    """
    m = _SIZE.match(text)
    if m is None or int(m.group(1)) < 1:
        raise argparse.ArgumentTypeError("a size in bytes, e.g. 10000000 or 10M")
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]


def rule_set(args: argparse.Namespace) -> Any:  # noqa: ANN401 - a RuleSet, imported only when used
    """The rules chosen by ``--profile`` (a name or a profile JSON file) and ``--year``.

    Raises:
        UsageError: an unknown profile or rule, or a profile file that is not a JSON object.
    """
    from msp.rules import Profile, get_profile, profiles  # noqa: PLC0415 - keep `msp --help` fast
    from msp.rules import rule_set as chosen_rules  # noqa: PLC0415

    name: str = args.profile
    try:
        profile = get_profile(name)
    except KeyError:
        candidate = Path(name)
        if not candidate.is_file():
            known = ", ".join(p.name for p in profiles())
            raise UsageError(f"unknown profile {name!r} (known: {known}; or give a profile JSON file)") from None
        try:
            data = json.loads(candidate.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise UsageError(f"profile file {name} is not valid UTF-8 JSON") from None
        if not isinstance(data, dict):
            raise UsageError(f"profile file {name} must hold a JSON object") from None
        profile = Profile.from_dict(data)
    try:
        return chosen_rules(profile, year=args.year)
    except KeyError as exc:
        raise UsageError(_one_line(str(exc.args[0]) if exc.args else "unknown rule")) from None
