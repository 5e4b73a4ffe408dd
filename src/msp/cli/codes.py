"""``msp codes``: write the code lists, and the mappings between them, as data.

::

    msp codes [LIST] [--format json|csv] [-o OUT]

The data comes from :func:`msp.codes.export`. ``--format json`` (the default)
writes the lists and the mapping tables; ``--format csv`` writes one row per
code, ``list,code,label``, and leaves the mappings out. ``LIST`` (a class
name such as ``TypeOfRisk``, in any case) keeps that list alone, with the
mappings from or to it. See docs/cli.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import csv
import json
from typing import Any

from msp.cli._common import Commands, UsageError, add_command, add_format, add_output, output

__all__ = ["add_parser", "run"]


def _chosen(data: dict[str, Any], name: str | None) -> dict[str, Any]:
    """``data`` (as :func:`msp.codes.export` gives it) narrowed to the list ``name`` and its mappings.

    Raises:
        UsageError: no list has that name (compared without regard to case).
    """
    if name is None:
        return data
    found = {key.casefold(): key for key in data["lists"]}.get(name.casefold())
    if found is None:
        raise UsageError(f"unknown code list {name!r} (msp codes --format csv lists them; see docs/codes.md)")
    return {
        "lists": {found: data["lists"][found]},
        "mappings": {k: m for k, m in data["mappings"].items() if found in (m["from"], m["to"])},
    }


def run(args: argparse.Namespace) -> int:
    """Run ``msp codes``: write the code lists (and, as JSON, the mappings).

    Args:
        args: ``list`` (a list's name, or ``None`` for all), ``format``
            (``json`` or ``csv``) and ``output``.

    Returns:
        0 once written.

    Raises:
        UsageError: an unknown list.
        OSError: the output cannot be written.
    """
    from msp.codes import export  # noqa: PLC0415 - keep `msp --help` fast

    data = _chosen(export(), args.list)
    with output(args.output, newline="" if args.format == "csv" else None) as stream:
        if args.format == "csv":
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow(("list", "code", "label"))
            for name, entry in data["lists"].items():
                writer.writerows((name, c["code"], c["label"]) for c in entry["codes"])
        else:
            stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


def add_parser(commands: Commands) -> None:
    """Add ``msp codes [LIST] [--format json|csv] [-o OUT]``: its options and its handler, :func:`run`."""
    cmd = add_command(
        commands,
        "codes",
        summary="write the code lists and mappings as data",
        description="Write every code list (codes, labels, summary) and the mappings between lists, as JSON;\n"
        "or one row per code as CSV. See docs/codes.md.",
        exits=((0, "written"),),
        notes="An unknown LIST is exit status 2.",
    )
    cmd.add_argument("list", nargs="?", metavar="LIST", help="one list only, by name (e.g. TypeOfRisk)")
    add_format(
        cmd,
        "json",
        "csv",
        about="json (the lists and the mappings; the default) or csv (one row per code: list,code,label; no mappings)",
    )
    add_output(cmd)
    cmd.set_defaults(handler=run)
