"""``msp rules``: print the rule catalogue, as text, JSON, CSV or Markdown.

::

    msp rules [--format text|json|csv|markdown] [--profile NAME|FILE] [--year YYYY-YY] [-o OUT]

The catalogue comes from :func:`msp.rules.catalogue`; CSV output is made
spreadsheet-safe (:func:`msp.reports.writers.neutralise`). See docs/cli.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from msp.cli._common import Commands, add_command, add_format, add_output, add_rule_options, output, rule_set

if TYPE_CHECKING:
    import argparse

__all__ = ["add_parser", "run"]


def run(args: argparse.Namespace) -> int:
    """Run ``msp rules``: write the catalogue of the rules chosen by ``--profile`` and ``--year``.

    Each rule is shown with its code, severity, title, stages, basis (what it rests on:
    law, statutory guidance, MSP practice guidance, a SAC data requirement or local
    practice) and reference (the published source).

    Args:
        args: ``format`` (``text``, ``json``, ``csv`` or ``markdown``), ``profile``
            (a profile's name or a profile JSON file), ``year`` (``YYYY-YY``, or
            None for the profile's own) and ``output`` (None or ``-``: standard output).

    Returns:
        0: a catalogue is always written; CSV cells are made spreadsheet-safe.

    Raises:
        UsageError: an unknown profile or rule, or a profile file that is not a JSON object.
        OSError: the output cannot be written.
    """
    from msp.rules import STAGE_ORDER, catalogue  # noqa: PLC0415 - keep `msp --help` fast

    chosen = rule_set(args)
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
            lines.append(f"{'':<{width}}  {'':<7}  {stages}; basis: {r.basis.value}; {r.reference}")
        text = "\n".join(lines) + "\n"
    elif args.format == "csv":
        text = _safe_csv(catalogue("csv", rules=chosen))
    else:
        text = catalogue(args.format, rules=chosen)
    with output(args.output, newline="" if args.format == "csv" else None) as stream:
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


def add_parser(commands: Commands) -> None:
    """Add ``msp rules [--format text|json|csv|markdown] [--profile NAME] [--year YYYY-YY] [-o OUT]``."""
    r = add_command(
        commands,
        "rules",
        summary="print the rule catalogue",
        description="Print the rules of a profile for a collection year: each rule's code, severity, title, the\n"
        "stages it applies at, its basis (law, statutory guidance, MSP practice guidance, a SAC data\n"
        "requirement or local practice) and its published source. See docs/rules.md.",
        exits=((0, "the catalogue was written"),),
    )
    add_format(
        r,
        "text",
        "json",
        "csv",
        "markdown",
        about="text, json, csv (spreadsheet-safe) or markdown (default text)",
    )
    add_rule_options(r, "collection year whose rules are listed (default: the profile's)")
    add_output(r)
    r.set_defaults(handler=run)
