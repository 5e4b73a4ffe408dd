"""The ``msp`` command: validate files, list the rules, write synthetic data, and more.

::

    msp validate PATH... [--format auto|jsonl|json|csv] [--report text|json|csv] [-o OUT]
                         [--stage STAGE] [--profile NAME|FILE] [--year YYYY-YY] [--jobs N]
                         [--mapping FILE] [--extensions FILE] [--max-record-bytes SIZE]
                         [--unknown error|ignore] [--no-progress] [-q]
    msp rules [--format text|json|csv|markdown] [--profile NAME|FILE] [--year YYYY-YY] [-o OUT]
    msp synth --count N [--seed S] [--invalid-share F] [--format jsonl|csv] [--start DATE] [-o PATH]
    msp layout [--items N] [--format text|csv] [-o OUT] [--extensions FILE]
    msp sac PATH... --year 2025-26 [--suppress] [--format text|csv|json] [-o OUT] [--mapping FILE]
            [--extensions FILE]
    msp audit PATH... [--format text|json|csv|html] [-o OUT] [--as-of DATE] [--mapping FILE] [--by DIMENSIONS]
              [--extensions FILE]
    msp codes [LIST] [--format json|csv] [-o OUT]
    msp migrate IN [-o OUT] [--max-record-bytes SIZE]
    msp schema [--version N] [-o FILE] [--extensions FILE]

See docs/cli.md. Exit status: 0 success (``validate``: no error-severity finding); 1
``validate`` found error findings (``sac``: a consistency check failed; ``migrate``: a line
could not be migrated); 2 could not run (bad usage, unreadable
file, bad mapping or extensions file), with a one-line reason on standard error. No
traceback ever reaches the user and no value from a record is ever printed.

Each command is a module of its own, which adds its sub-parser and handles it:
:mod:`msp.cli.validate`, :mod:`msp.cli.rules`, :mod:`msp.cli.synth`,
:mod:`msp.cli.layout`, :mod:`msp.cli.sac`, :mod:`msp.cli.audit`, :mod:`msp.cli.codes`,
:mod:`msp.cli.migrate` and :mod:`msp.cli.schema`. This
module assembles the parser and runs :func:`main`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence

from msp.cli import audit, codes, layout, migrate, rules, sac, schema, serve, synth, validate
from msp.cli._common import (
    PROG,
    CannotRun,
    Parser,
    UsageError,
    extensions_of,
    fail,
    quiet_stdout,
    reason_for,
    stop,
)

__all__ = ["main"]


def _parser() -> Parser:
    """The ``msp`` parser, with each command's sub-parser, in the order ``msp --help`` lists them."""
    parser = Parser(
        prog=PROG,
        description="Making Safeguarding Personal: validate safeguarding records, list the rules, make synthetic data.",
        epilog="Exit status: 0 ok; 1 validate found error findings; 2 could not run.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (validate, rules, synth, layout, sac, audit, codes, migrate, schema, serve):
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``msp`` command; return the exit status. Never raises (except on interpreter exit).

    Args:
        argv: the arguments after ``msp`` (default: the command line's).

    Returns:
        0 success; 1 ``validate`` found error findings, or ``sac`` a failed
        consistency check; 2 could not run, with a one-line reason on standard error.
    """
    state = {"prog": PROG}
    try:
        return _dispatch(argv, state)
    except CannotRun as exc:  # a UsageError too
        return stop(exc.prog or state["prog"], str(exc))
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:  # `msp validate x | head`: the reader stopped early
        quiet_stdout()
        with contextlib.suppress(OSError):
            return fail(state["prog"], "the output was closed before everything was written")
        return 2
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
            "a command is needed: validate, rules, synth, layout, sac, audit, codes, migrate or schema (see msp --help)"
        )
    state["prog"] = f"{PROG} {args.command}"
    handler: Callable[[argparse.Namespace], int] = args.handler
    with extensions_of(args):
        return handler(args)


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
