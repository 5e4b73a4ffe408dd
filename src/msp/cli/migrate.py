"""``msp migrate``: rewrite a JSON Lines file of records at the current ``schema_version``.

::

    msp migrate IN [-o OUT] [--max-record-bytes SIZE]

Each record is read with :class:`msp.io.readers.Reader` (so a bad byte or a broken
line is located, and the rest of the file is still read) and migrated with
:func:`msp.migrate`; it is written as one line of compact JSON, its fields in the
order given and ``schema_version`` first. A record already at the current version
is written through unchanged (the line as it was, without its line end). Only the
layout is migrated: ``msp validate`` checks the values.

Each record that could not be migrated is left out of the output and reported on
standard error, ``IN:LINE: CODE PATH message`` (never a value), then a summary:
``N read, M migrated, K not migrated``; blank lines are not records. Exit status: 0
every record migrated; 1 some were not; 2 could not run. See docs/cli.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import IO

from msp.cli._common import Commands, UsageError, add_command, add_output, output, size
from msp.errors import Problem

__all__ = ["add_parser", "run"]


def _report(name: str, line: int, problems: Iterable[Problem], stream: IO[str]) -> None:
    """One line per problem: where, the code, the path and the message (which never quotes a value)."""
    for p in problems:
        stream.write(f"{name}:{line}: {p.code} {p.path} {p.message}\n")


def run(args: argparse.Namespace) -> int:
    """Run ``msp migrate``: write each record at the current version; report the ones that could not be.

    Args:
        args: ``input`` (a JSON Lines file, or ``-`` for standard input), ``output``
            and ``max_record_bytes``.

    Returns:
        0 every record migrated (or written through); 1 some could not be, or the file
        could not be read as JSON Lines (a UTF-16 file).

    Raises:
        UsageError: the output is the input.
        OSError: the input cannot be read or the output cannot be written.
    """
    from msp.convert import SCHEMA_VERSION, migrate  # noqa: PLC0415 - keep `msp --help` fast
    from msp.errors import InvalidRecord  # noqa: PLC0415
    from msp.io.readers import FileProblem, JsonLine, Reader, Unreadable, decode  # noqa: PLC0415

    source: str = args.input
    if source != "-" and args.output not in (None, "-") and _same_file(source, args.output):
        raise UsageError("the output would replace the input: write to another file")
    if source != "-":
        with open(source, "rb"):  # noqa: PTH123 - fail (exit 2) before anything is written
            pass
    reader = Reader(source, "jsonl", max_record_bytes=args.max_record_bytes)
    read = migrated = file_problems = 0
    with output(args.output) as stream:
        for item in reader:
            done = decode(item)
            if isinstance(done, FileProblem):
                _report(reader.name, done.line, done.problems, sys.stderr)
                file_problems += 1
                continue
            read += 1
            if isinstance(done, Unreadable):
                _report(reader.name, done.line, done.problems, sys.stderr)
                continue
            try:
                data = migrate(done.data)
            except InvalidRecord as exc:
                _report(reader.name, done.line, exc.problems, sys.stderr)
                continue
            if done.data.get("schema_version") == SCHEMA_VERSION and isinstance(item, JsonLine):
                text = item.raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
            else:
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            stream.write(text + "\n")
            migrated += 1
    sys.stderr.write(f"{read} read, {migrated} migrated, {read - migrated} not migrated\n")
    return 0 if migrated == read and not file_problems else 1


def _same_file(a: str, b: str) -> bool:
    from pathlib import Path  # noqa: PLC0415

    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def add_parser(commands: Commands) -> None:
    """Add ``msp migrate IN [-o OUT] [--max-record-bytes SIZE]``: its options and its handler, :func:`run`."""
    cmd = add_command(
        commands,
        "migrate",
        summary="rewrite JSON Lines records at the current schema_version",
        description="Rewrite each record of a JSON Lines file at the current schema_version, one line of\n"
        "compact JSON each; a record already current is written through unchanged. Each record that\n"
        "could not be migrated is left out and reported on standard error (IN:LINE: CODE PATH message,\n"
        "never a value), then a count. Only the layout is migrated: msp validate checks the values.",
        exits=((0, "every record migrated"), (1, "some records could not be migrated")),
    )
    cmd.add_argument("input", metavar="IN", help="JSON Lines file (- for standard input)")
    add_output(cmd, about="write the records here (default: standard output)")
    cmd.add_argument(
        "--max-record-bytes",
        type=size,
        default=10 * 1024 * 1024,
        metavar="SIZE",
        help="longest line read (default 10M)",
    )
    cmd.set_defaults(handler=run)
