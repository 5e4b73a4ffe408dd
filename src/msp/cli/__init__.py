"""The ``msp`` command: validate files, list the rules, write synthetic data, and more.

::

    msp validate PATH... [--format auto|jsonl|json|csv] [--report text|json|csv] [-o OUT]
                         [--stage STAGE] [--profile NAME|FILE] [--year YYYY-YY] [--jobs N]
                         [--mapping FILE] [--max-record-bytes SIZE] [--no-progress] [-q]
    msp rules [--format text|json|csv|markdown] [--profile NAME|FILE] [--year YYYY-YY] [-o OUT]
    msp synth --count N [--seed S] [--invalid-share F] [--format jsonl|csv] [--start DATE] [-o PATH]
    msp layout [--items N] [--format text|csv] [-o OUT]
    msp sac PATH... --year 2025-26 [--suppress] [--format text|csv|json] [-o OUT] [--mapping FILE]
    msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of DATE] [--mapping FILE]

See docs/cli.md. Exit status: 0 success (``validate``: no error-severity finding); 1
``validate`` found error findings (``sac``: a consistency check failed); 2 could not run (bad usage, unreadable
file, bad mapping file), with a one-line reason on standard error. No
traceback ever reaches the user and no value from a record is ever printed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import MspError

__all__ = ["main"]

_PROG = "msp"
_clock = time.monotonic


class _UsageError(Exception):
    """Bad usage: a one-line reason, exit 2."""

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and never exit by themselves."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see {self.prog} --help)", self.prog)


# -- shared helpers -----------------------------------------------------------------


def _fail(prog: str, reason: str) -> int:
    sys.stderr.write(f"{prog}: {_one_line(reason)}\n")
    return 2


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _os_reason(exc: OSError) -> str:
    name = f" {exc.filename}" if exc.filename else ""
    return f"cannot access{name}: {exc.strerror or type(exc).__name__}"


@contextlib.contextmanager
def _output(path: str | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Standard output, or a file written to a temporary name and moved into place on success.

    The file gets the permissions of the file it replaces, or the usual ones
    for a new file (0666 less the umask), not the temporary file's 0600.
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


def _rule_set(args: argparse.Namespace) -> Any:  # noqa: ANN401 - a RuleSet
    from msp.rules import Profile, get_profile, profiles, rule_set  # noqa: PLC0415

    name: str = args.profile
    try:
        profile = get_profile(name)
    except KeyError:
        candidate = Path(name)
        if not candidate.is_file():
            known = ", ".join(p.name for p in profiles())
            raise _UsageError(f"unknown profile {name!r} (known: {known}; or give a profile JSON file)") from None
        try:
            data = json.loads(candidate.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise _UsageError(f"profile file {name} is not valid UTF-8 JSON") from None
        if not isinstance(data, dict):
            raise _UsageError(f"profile file {name} must hold a JSON object") from None
        profile = Profile.from_dict(data)
    try:
        return rule_set(profile, year=args.year)
    except KeyError as exc:
        raise _UsageError(_one_line(str(exc.args[0]) if exc.args else "unknown rule")) from None


def _year(text: str) -> str:
    try:
        CollectionYear.parse(text)
    except ValueError as exc:  # fixed wording: "a collection year is written like 2025-26", ...
        raise argparse.ArgumentTypeError(_one_line(str(exc))) from None
    return text


_SIZE = re.compile(r"^\s*([0-9]+)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def _size(text: str) -> int:
    m = _SIZE.match(text)
    if m is None or int(m.group(1)) < 1:
        raise argparse.ArgumentTypeError("a size in bytes, e.g. 10000000 or 10M")
    return int(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError("a whole number, 0 or more")
    return int(text)


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("a whole number, 1 or more")
    return int(text)


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number from 0 to 1") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("a number from 0 to 1")
    return value


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a date written YYYY-MM-DD") from None


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None


# -- progress -------------------------------------------------------------------------


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


# -- msp validate ---------------------------------------------------------------------------


def _check_inputs(paths: Sequence[str]) -> None:
    if sum(1 for p in paths if p == "-") > 1:
        raise _UsageError("standard input (-) can be read only once")
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


def _validate(args: argparse.Namespace) -> int:
    from msp.convert.flat import load_mapping  # noqa: PLC0415
    from msp.io.batch import validate_paths  # noqa: PLC0415 - keep `msp --help` fast
    from msp.reports.writers import format_summary, writer_for  # noqa: PLC0415

    _check_inputs(args.paths)
    mapping = load_mapping(args.mapping) if args.mapping else None
    rules = _rule_set(args)
    if args.jobs < 0:
        raise _UsageError("--jobs is 0 (one per CPU) or more")
    findings_on_terminal = args.output in (None, "-") and sys.stdout.isatty()
    show_progress = args.progress and not args.quiet and sys.stderr.isatty() and not findings_on_terminal
    progress = _Progress(sys.stderr) if show_progress else None
    run = validate_paths(
        args.paths,
        format=args.format,
        stage=args.stage,
        rules=rules,
        jobs=args.jobs,
        mapping=mapping,
        max_record_bytes=args.max_record_bytes,
        progress=progress,
    )
    try:
        with _output(args.output, newline="" if args.report == "csv" else None) as stream:
            writer = writer_for(args.report, stream)
            for result in run:
                writer.write(result)
            writer.finish(run.summary)
    finally:
        if progress is not None:
            progress.close()
    summary = run.summary
    to_stdout_text = args.report == "text" and args.output in (None, "-")
    if not args.quiet and not to_stdout_text:
        sys.stderr.write(format_summary(summary))
    return summary.exit_status


# -- msp rules ------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    from msp.rules import STAGE_ORDER, catalogue  # noqa: PLC0415

    chosen = _rule_set(args)
    if args.format == "text":
        lines = [f"{len(chosen)} rules ({chosen.profile} profile, collection year {chosen.year})", ""]
        width = max((len(r.code) for r in chosen), default=4)
        for r in chosen:
            stages = (
                "all stages"
                if len(r.stages) == len(STAGE_ORDER)
                else ", ".join(s.code for s in STAGE_ORDER if s in r.stages)
            )
            lines.append(f"{r.code:<{width}}  {r.severity.value:<7}  {r.title}")
            lines.append(f"{'':<{width}}  {'':<7}  {stages}; {r.reference}")
        text = "\n".join(lines) + "\n"
    elif args.format == "csv":
        text = _safe_csv(catalogue("csv", rules=chosen))
    else:
        text = catalogue(args.format, rules=chosen)
    with _output(args.output, newline="" if args.format == "csv" else None) as stream:
        stream.write(text)
    return 0


def _safe_csv(text: str) -> str:
    """CSV text rewritten spreadsheet-safe (see :func:`msp.reports.writers.neutralise`), with CRLF line ends."""
    from msp.reports.writers import neutralise  # noqa: PLC0415

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


# -- msp synth ------------------------------------------------------------------------------


def _synth(args: argparse.Namespace) -> int:
    try:
        synth = importlib.import_module("msp.synth")
    except ImportError:
        return _fail("msp synth", "not available in this version")
    from msp.convert import flat  # noqa: PLC0415

    def records() -> Iterator[dict[str, Any]]:
        made: Iterator[dict[str, Any]] = synth.generate(
            args.count, seed=args.seed, invalid_share=args.invalid_share, start=args.start
        )
        return made

    try:
        next(records(), None)  # check the arguments before writing anything
    except (ValueError, TypeError) as exc:  # msp.synth's own wording, about the arguments only
        return _fail("msp synth", str(exc))
    if args.format == "csv":
        columns = flat.columns_for(records())
        with _output(args.output, newline="") as stream:
            flat.write_csv(records(), stream, columns)
        return 0
    with _output(args.output) as stream:
        for record in records():
            stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return 0


# -- msp layout -----------------------------------------------------------------------------


def _layout(args: argparse.Namespace) -> int:
    from msp.convert.flat import layout  # noqa: PLC0415

    columns = layout(items=args.items)
    with _output(args.output, newline="" if args.format == "csv" else None) as stream:
        if args.format == "csv":
            stream.write(",".join(c.name for c in columns) + "\r\n")
        else:
            width = max(len(c.name) for c in columns)
            stream.write(
                f"{len(columns)} columns; repeated groups are numbered from 0 (see `msp layout --items N`)\n\n"
            )
            for c in columns:
                marks = [word for word, on in (("required", c.required), ("personal", c.personal)) if on]
                mark = f"  ({', '.join(marks)})" if marks else ""
                stream.write(f"{c.name:<{width}}  {c.takes}{mark}\n")
    return 0


# -- msp sac / msp audit (other modules) --------------------------------------------------


def _delegate(module: str, function: str, prog: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            command = getattr(importlib.import_module(module), function, None)
        except ImportError:
            command = None
        if command is None:
            return _fail(prog, "not available in this version")
        return int(command(args))

    return run


# -- the parser -------------------------------------------------------------------------------


def _add_report_commands(sub: Any) -> None:  # noqa: ANN401 - argparse's subparsers action
    """``msp sac`` and ``msp audit``: the work is done in :mod:`msp.reports.sac_return` and :mod:`msp.reports.audit`."""
    sac = sub.add_parser("sac", help="count the Safeguarding Adults Collection return")
    sac.add_argument("paths", nargs="+", metavar="PATH")
    sac.add_argument("--year", required=True, metavar="YYYY-YY")
    sac.add_argument("--suppress", action="store_true", help="suppress small numbers")
    sac.add_argument("--format", default="text", choices=("text", "csv", "json"))
    sac.add_argument("-o", "--output", metavar="OUT")
    sac.add_argument("--mapping", metavar="FILE", help="CSV mapping file (column names and local codes)")
    sac.set_defaults(handler=_delegate("msp.reports.sac_return", "sac_command", "msp sac"))

    audit = sub.add_parser("audit", help="a Making Safeguarding Personal case-file audit")
    audit.add_argument("paths", nargs="+", metavar="PATH")
    audit.add_argument("--format", default="text", choices=("text", "json", "csv", "html"))
    audit.add_argument("-o", "--output", metavar="OUT")
    audit.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD")
    audit.add_argument("--mapping", metavar="FILE", help="CSV mapping file (column names and local codes)")
    audit.set_defaults(handler=_delegate("msp.reports.audit", "audit_command", "msp audit"))


def _parser() -> _Parser:
    parser = _Parser(
        prog=_PROG,
        description="Making Safeguarding Personal: validate safeguarding records, list the rules, make synthetic data.",
        epilog="Exit status: 0 ok; 1 validate found error findings; 2 could not run.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check records in JSON Lines, JSON or CSV files",
        description="Check every record in the files against the rule catalogue. Streams: any file size.",
        epilog="Exit status: 0 no error findings; 1 error findings; 2 could not run.",
    )
    v.add_argument("paths", nargs="+", metavar="PATH", help="files to check (- for standard input)")
    v.add_argument("--format", default="auto", choices=("auto", "jsonl", "json", "csv"), help="input format")
    v.add_argument("--report", default="text", choices=("text", "json", "csv"), help="report format (default text)")
    v.add_argument("-o", "--output", metavar="OUT", help="write the report here (default: standard output)")
    v.add_argument("--stage", choices=[s.code for s in CaseStage], help="check every record as if at this stage")
    v.add_argument("--profile", default="default", metavar="NAME", help="rule profile name, or a profile JSON file")
    v.add_argument("--year", type=_year, metavar="YYYY-YY", help="collection year whose rules apply")
    v.add_argument("--jobs", type=_int, default=1, metavar="N", help="worker processes (0: one per CPU)")
    v.add_argument("--mapping", metavar="FILE", help="CSV mapping file (column names and local codes)")
    v.add_argument(
        "--max-record-bytes",
        type=_size,
        default=10 * 1024 * 1024,
        metavar="SIZE",
        help="longest line or record read (default 10M)",
    )
    v.add_argument("--no-progress", dest="progress", action="store_false", help="no progress display")
    v.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary on standard error")
    v.set_defaults(handler=_validate)

    r = sub.add_parser("rules", help="print the rule catalogue", description="Print the rule catalogue.")
    r.add_argument("--format", default="text", choices=("text", "json", "csv", "markdown"))
    r.add_argument("--profile", default="default", metavar="NAME", help="rule profile name, or a profile JSON file")
    r.add_argument("--year", type=_year, metavar="YYYY-YY", help="collection year")
    r.add_argument("-o", "--output", metavar="OUT")
    r.set_defaults(handler=_rules)

    s = sub.add_parser(
        "synth",
        help="write synthetic (fictional) concerns",
        description="Write reproducible synthetic concerns: JSON Lines, or flat CSV (see msp layout).",
    )
    s.add_argument("--count", type=_count, required=True, metavar="N")
    s.add_argument("--seed", type=_int, default=0, metavar="S")
    s.add_argument("--invalid-share", type=_share, default=0.0, metavar="F", help="share of broken records (0-1)")
    s.add_argument("--format", default="jsonl", choices=("jsonl", "csv"))
    s.add_argument("--start", type=_day, metavar="YYYY-MM-DD", help="first day of the two years covered")
    s.add_argument("-o", "--output", metavar="PATH")
    s.set_defaults(handler=_synth)

    lay = sub.add_parser(
        "layout",
        help="print the flat CSV layout",
        description="Print every column of the flat CSV layout and what it takes.",
    )
    lay.add_argument("--items", type=_positive, default=1, metavar="N", help="numbered groups to show per list")
    lay.add_argument("--format", default="text", choices=("text", "csv"), help="csv: a header row to use as a template")
    lay.add_argument("-o", "--output", metavar="OUT")
    lay.set_defaults(handler=_layout)

    _add_report_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``msp`` command; return the exit status. Never raises (except on interpreter exit)."""
    state = {"prog": _PROG}
    try:
        return _dispatch(argv, state)
    except _UsageError as exc:
        return _fail(exc.prog or state["prog"], str(exc))
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:  # `msp validate x | head`: the reader stopped early
        _quiet_stdout()
        with contextlib.suppress(OSError):
            return _fail(state["prog"], "the output was closed before everything was written")
        return 2
    except (KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - no traceback ever reaches the user
        return _fail(state["prog"], _reason(exc))


def _dispatch(argv: Sequence[str] | None, state: dict[str, str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from msp import __version__  # noqa: PLC0415

        sys.stdout.write(f"msp {__version__}\n")
        return 0
    if args.command is None:
        raise _UsageError("a command is needed: validate, rules, synth, layout, sac or audit (see msp --help)")
    state["prog"] = f"{_PROG} {args.command}"
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def _reason(exc: BaseException) -> str:
    """A one-line reason for an exception, never quoting a record's value."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, OSError):
        return _os_reason(exc)
    if isinstance(exc, MspError):  # our messages name fields and files, never values
        return str(exc)
    if isinstance(exc, (ValueError, KeyError)):
        return f"could not run ({type(exc).__name__})"
    return f"internal error ({type(exc).__name__}); please report it"


def _quiet_stdout() -> None:
    """After a closed pipe (``msp validate x | head``), stop Python complaining at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
