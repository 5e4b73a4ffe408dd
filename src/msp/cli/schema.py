"""``msp schema``: print the JSON Schema (draft 2020-12) of the concern document.

::

    msp schema [--version N] [-o FILE] [--extensions FILE]

The schema comes from :func:`msp.convert.schema.schema`, generated from the field
spec: JSON with sorted keys and a 2-space indent. See docs/cli.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import json

from msp.cli._common import CannotRun, Commands, add_command, add_extensions, add_output, output, whole

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp schema``: write the schema as JSON (sorted keys, 2-space indent, a final newline).

    Args:
        args: ``schema_version`` (``None``: the current one) and ``output`` (a file, or ``None``/``-`` for
            standard output).

    Returns:
        0 once the schema is written.

    Raises:
        CannotRun: no schema is kept for that version.
        OSError: the output cannot be written.
    """
    from msp.convert.schema import schema  # noqa: PLC0415 - keep `msp --help` fast

    try:
        document = schema(args.schema_version)
    except ValueError as exc:
        raise CannotRun(str(exc)) from None
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    with output(args.output) as stream:
        stream.write(text + "\n")
    return 0


def add_parser(commands: Commands) -> None:
    """Add ``msp schema [--version N] [-o FILE]``: its options and its handler, :func:`run`."""
    cmd = add_command(
        commands,
        "schema",
        summary="print the JSON Schema of a concern record",
        description="Print the JSON Schema (draft 2020-12) of the concern document, generated from the field\n"
        "spec: JSON with sorted keys. With --extensions, the local extensions are in it too.",
        exits=((0, "the schema was written"),),
        notes="No schema kept for the --version asked for is exit status 2.",
    )
    cmd.add_argument(
        "--version",
        dest="schema_version",
        type=whole,
        metavar="N",
        help="the schema_version to describe (default: the current one; older ones are frozen copies)",
    )
    add_output(cmd, metavar="FILE")
    add_extensions(cmd)
    cmd.set_defaults(handler=run)
