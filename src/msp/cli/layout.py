"""``msp layout``: print every column of the flat CSV layout and what it takes.

::

    msp layout [--items N] [--format text|csv] [-o OUT]

The columns come from :func:`msp.convert.flat.layout`; ``--format csv`` prints
just a header row, a template for an extract. See docs/cli.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse

from msp.cli._common import Commands, add_command, add_extensions, add_format, add_output, output

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp layout``: write the columns as a readable table, or as one CSV header row.

    Args:
        args: ``items`` (how many numbered groups of each repeated list, 1 or
            more), ``format`` (``text`` or ``csv``) and ``output``.

    Returns:
        0 once the columns are written (CSV: the header row alone, CRLF ended).

    Raises:
        OSError: the output cannot be written.
    """
    from msp.convert.flat import layout  # noqa: PLC0415 - keep `msp --help` fast

    columns = layout(items=args.items)
    with output(args.output, newline="" if args.format == "csv" else None) as stream:
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


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("a whole number, 1 or more")
    return int(text)


def add_parser(commands: Commands) -> None:
    """Add ``msp layout [--items N] [--format text|csv] [-o OUT]``: its options and its handler, :func:`run`."""
    lay = add_command(
        commands,
        "layout",
        summary="print the flat CSV layout",
        description="Print every column of the flat CSV layout and what it takes (required and personal\n"
        "columns are marked); or, as CSV, a header row to use as a template for an extract. See docs/layout.md.",
        exits=((0, "the columns were written"),),
    )
    lay.add_argument(
        "--items", type=_positive, default=1, metavar="N", help="numbered groups to show per repeated list (default 1)"
    )
    add_format(lay, "text", "csv", about="text (a readable table; the default) or csv (a header row, a template)")
    add_output(lay)
    add_extensions(lay)
    lay.set_defaults(handler=run)
