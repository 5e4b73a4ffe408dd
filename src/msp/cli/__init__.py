"""The ``msp`` command: validate files, list the rules, write synthetic data, and more.

::

    msp validate PATH... [--format auto|jsonl|json|csv|xlsx|parquet] [--report text|json|csv] [-o OUT]
                         [--stage STAGE] [--profile NAME|FILE] [--year YYYY-YY] [--jobs N]
                         [--mapping FILE] [--sheet NAME] [--extensions FILE] [--max-record-bytes SIZE]
                         [--unknown error|ignore] [--min-severity error|warning|advice]
                         [--no-progress] [-q]
    msp rules [--format text|json|csv|markdown] [--profile NAME|FILE] [--year YYYY-YY] [-o OUT]
    msp synth --count N [--seed S] [--invalid-share F] [--format jsonl|csv] [--start DATE] [-o PATH]
    msp layout [--items N] [--format text|csv] [-o OUT] [--extensions FILE]
    msp sac PATH... --year 2025-26 [--suppress] [--disclosure csv|tables] [--format text|csv|json]
            [-o OUT] [--uncounted FILE] [--mapping FILE] [--sheet NAME] [--extensions FILE]
            [--max-record-bytes SIZE] [--no-progress] [-q]
    msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of DATE] [--by DIMENSIONS]
              [--targets FILE] [--policy FILE] [--unread FILE] [--mapping FILE] [--sheet NAME]
              [--extensions FILE] [--max-record-bytes SIZE] [--no-progress] [-q]
    msp codes [LIST] [--format json|csv] [-o OUT]
    msp migrate IN [-o OUT] [--max-record-bytes SIZE]
    msp schema [--version N] [-o FILE] [--extensions FILE]
    msp serve [--host HOST] [--port PORT] ...

See docs/cli.md. Exit status: 0 success (``validate``: no error-severity finding); 1
``validate`` found error findings (``sac``: a consistency check failed; ``migrate``: a line
could not be migrated); 2 could not run (bad usage, unreadable
file, bad mapping or extensions file), with a one-line reason on standard error; 141
(128 + SIGPIPE, as a shell reports a Unix tool stopped by a closed pipe) when the reader
of the output closed it early (``msp validate x | head``), with nothing on standard
error. No traceback ever reaches the user and no value from a record is ever printed.

Each command is a module of its own, which adds its sub-parser and handles it:
:mod:`msp.cli.validate`, :mod:`msp.cli.rules`, :mod:`msp.cli.synth`,
:mod:`msp.cli.layout`, :mod:`msp.cli.sac`, :mod:`msp.cli.audit`, :mod:`msp.cli.codes`,
:mod:`msp.cli.migrate`, :mod:`msp.cli.schema` and :mod:`msp.cli.serve`. This
module assembles the parser and runs :func:`main`.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   A closed output pipe ends the command quietly with exit status 141 (it was 2 with a message).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from msp.cli import audit, codes, layout, migrate, rules, sac, schema, serve, synth, validate
from msp.cli._common import (
    CLOSED_PIPE,
    PROG,
    CannotRun,
    HelpFormatter,
    Parser,
    UsageError,
    exit_statuses,
    extensions_of,
    fail,
    quiet_stdout,
    reason_for,
    stop,
)

__all__ = ["main"]


_DESCRIPTION = """\
Making Safeguarding Personal: check adult safeguarding records against the Care Act,
the Mental Capacity Act, Making Safeguarding Personal practice and the Safeguarding
Adults Collection; count the SAC return and the MSP audit; list the rules, codes and
layouts; write synthetic records. No value from a record is ever printed: records are
named by id and fields by path. `msp COMMAND --help` describes each command."""

_NOTES = """\
Numbers meant for people (text reports, standard error) have thousands separators;
CSV and JSON keep them plain. See docs/cli.md."""


def _parser() -> Parser:
    """The ``msp`` parser, with each command's sub-parser, in the order ``msp --help`` lists them."""
    found = (
        "the command found what it checks for: validate, error findings; sac, a failed consistency check; "
        "migrate, records not migrated"
    )
    exits = exit_statuses((0, "success"), (1, found))
    parser = Parser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog=f"{_NOTES}\n\n{exits}",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in (validate, rules, synth, layout, sac, audit, codes, migrate, schema, serve):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``msp`` command; return the exit status. Never raises (except on interpreter exit).

    Args:
        argv: the arguments after ``msp`` (default: the command line's).

    Returns:
        0 success; 1 ``validate`` found error findings, ``sac`` a failed
        consistency check, or ``migrate`` records it could not migrate; 2 could
        not run, with a one-line reason on standard error; 141 the reader of the
        output closed it early (``| head``), with nothing more said.
    """
    state = {"prog": PROG}
    try:
        return _dispatch(argv, state)
    except CannotRun as exc:  # a UsageError too
        return stop(exc.prog or state["prog"], str(exc))
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        # `msp validate x | head`: the reader has what it wanted. End quietly, as a Unix tool stopped by SIGPIPE
        # does; standard output is pointed at /dev/null so that Python's flush at exit cannot fail again
        # (the pattern of the Python documentation, "Note on SIGPIPE", signal module).
        quiet_stdout()
        return CLOSED_PIPE
    except (KeyboardInterrupt, Exception) as exc:  # noqa: BLE001 - no traceback ever reaches the user
        return fail(state["prog"], reason_for(exc))


def _dispatch(argv: Sequence[str] | None, state: dict[str, str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from msp import __version__  # noqa: PLC0415

        sys.stdout.write(f"msp {__version__}\n")
        return 0
    if args.command is None:
        raise UsageError(
            "a command is needed: validate, rules, synth, layout, sac, audit, codes, migrate, schema or serve "
            "(see msp --help)"
        )
    state["prog"] = f"{PROG} {args.command}"
    handler: Callable[[argparse.Namespace], int] = args.handler
    with extensions_of(args):
        return handler(args)


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
