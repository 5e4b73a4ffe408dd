"""``msp synth``: write reproducible synthetic (fictional) concerns, as JSON Lines or flat CSV.

::

    msp synth --count N [--seed S] [--invalid-share F] [--format jsonl|csv] [--start DATE] [-o PATH]

The records come from :func:`msp.synth.generate`; CSV is the flat layout of
:mod:`msp.convert.flat` (see ``msp layout``). See docs/cli.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from msp.cli._common import Commands, UsageError, add_command, add_format, add_output, output, whole

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp synth``: check the arguments with :mod:`msp.synth`, then write the records.

    Args:
        args: ``count``, ``seed``, ``invalid_share`` (0 to 1), ``start`` (a
            date or None), ``format`` (``jsonl`` or ``csv``) and ``output``.

    Returns:
        0 once the records are written.

    Raises:
        UsageError: :mod:`msp.synth` refuses the arguments (its reason says
            why); nothing is written then.
        OSError: the output cannot be written.
    """
    from msp import synth  # noqa: PLC0415 - keep `msp --help` fast
    from msp.convert import flat  # noqa: PLC0415

    def records() -> Iterator[dict[str, Any]]:
        return synth.generate(args.count, seed=args.seed, invalid_share=args.invalid_share, start=args.start)

    try:
        next(records(), None)  # check the arguments before writing anything
    except (ValueError, TypeError) as exc:  # msp.synth's own wording, about the arguments only
        raise UsageError(str(exc)) from None
    if args.format == "csv":
        columns = flat.columns_for(records())
        with output(args.output, newline="") as stream:
            flat.write_csv(records(), stream, columns)
        return 0
    with output(args.output) as stream:
        for record in records():
            stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return 0


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError("a whole number, 0 or more")
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


_DESCRIPTION = """\
Write reproducible synthetic concerns: fictional adults, cases and outcomes, for
trying the tools and for tests, never real people. The same --count and --seed
always write the same records. JSON Lines, or CSV in the flat layout (msp layout).
With --invalid-share, that share of records is broken on purpose (a bad date, an
unknown code, ...) to see how the tools report them. See docs/synth.md."""


def add_parser(commands: Commands) -> None:
    """Add ``msp synth --count N [--seed S] [--invalid-share F] [--format jsonl|csv] [--start DATE] [-o PATH]``."""
    s = add_command(
        commands,
        "synth",
        summary="write synthetic (fictional) concerns",
        description=_DESCRIPTION,
        exits=((0, "the records were written"),),
    )
    s.add_argument("--count", type=_count, required=True, metavar="N", help="how many concerns to write (0 or more)")
    s.add_argument(
        "--seed", type=whole, default=0, metavar="S", help="random seed: the same seed, the same records (default 0)"
    )
    s.add_argument(
        "--invalid-share",
        type=_share,
        default=0.0,
        metavar="F",
        help="share of records broken on purpose, from 0 to 1 (default 0)",
    )
    add_format(s, "jsonl", "csv", about="jsonl (JSON Lines) or csv (the flat layout) (default jsonl)")
    s.add_argument(
        "--start",
        type=_day,
        metavar="YYYY-MM-DD",
        help="first day of the two collection years the concerns are spread over (default 2024-04-01, "
        "msp.synth.DEFAULT_START)",
    )
    add_output(s, "PATH")
    s.set_defaults(handler=run)
