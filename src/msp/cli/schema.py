"""``msp schema``: print the JSON Schema (draft 2020-12) of the concern document.

::

    msp schema [-o FILE]

The schema comes from :func:`msp.convert.schema.schema`, generated from the field
spec: JSON with sorted keys and a 2-space indent. See docs/cli.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import json

from msp.cli._common import Commands, add_output, output

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp schema``: write the schema as JSON (sorted keys, 2-space indent, a final newline).

    Args:
        args: ``output`` (a file, or ``None``/``-`` for standard output).

    Returns:
        0 once the schema is written.

    Raises:
        OSError: the output cannot be written.
    """
    from msp.convert.schema import schema  # noqa: PLC0415 - keep `msp --help` fast

    text = json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False)
    with output(args.output) as stream:
        stream.write(text + "\n")
    return 0


def add_parser(commands: Commands) -> None:
    """Add ``msp schema [-o FILE]``: its option and its handler, :func:`run`."""
    cmd = commands.add_parser(
        "schema",
        help="print the JSON Schema of a concern record",
        description="Print the JSON Schema (draft 2020-12) of the concern document, generated from the field spec.",
    )
    add_output(cmd, metavar="FILE")
    cmd.set_defaults(handler=run)
