"""The weight tables of docs/synth.md, rendered from :mod:`msp.synth._weights` and its comments.

Each name in the weights module has a one-line comment above it; this module
reads those comments from the module's source and renders every name with its
comment and its numbers as Markdown, section by section (the ``# == ... ==``
lines), followed by what the tables imply: the share of records that reach
each stage. docs/synth.md holds the result between the markers :data:`START`
and :data:`END`, and a test keeps it current. To refresh it, print the block::

    python -m msp.synth._tables

and paste it over the old one (markers included).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from msp.codes import CaseStage, CodeList, EnquiryRoute
from msp.synth import _weights as w
from msp.synth._damage import DAMAGE
from msp.synth._draw import Days, Weighted
from msp.synth._state import Gap

__all__ = ["END", "START", "Entry", "entries", "main", "reached", "render"]

START = "<!-- generated:start -->"
"""The line before the generated block in docs/synth.md."""
END = "<!-- generated:end -->"
"""The line after it."""

_WORD = re.compile(r"[a-z_]+")
_SECTION = re.compile(r"^# == (?P<title>.+) ==$")
_ASSIGNMENT = re.compile(r"^(?P<names>[A-Z][A-Z0-9_]*(?:, [A-Z][A-Z0-9_]*)*)(?::[^=]+)? = ")


class Entry(NamedTuple):
    """One assignment in the weights module.

    Attributes:
        section: the title of the section it stands in.
        names: the names it assigns (two or three for a pair of cut-offs).
        comment: the one-line comment above it (empty if there is none).
        notes: any comment lines before that one, for the section.
    """

    section: str
    names: tuple[str, ...]
    comment: str
    notes: tuple[str, ...]


def entries() -> list[Entry]:
    """Every assignment of a public name in :mod:`msp.synth._weights`, in source order, with its comment."""
    found: list[Entry] = []
    section = ""
    comments: list[str] = []
    for line in Path(w.__file__).read_text(encoding="utf-8").splitlines():
        heading = _SECTION.match(line)
        if heading:
            section, comments = heading["title"], []
        elif line.startswith("# "):
            comments.append(line[2:])
        else:
            assignment = _ASSIGNMENT.match(line)
            if assignment:
                names = tuple(assignment["names"].split(", "))
                comment = comments[-1] if comments else ""
                found.append(Entry(section, names, comment, tuple(comments[:-1])))
            comments = []
    return found


def _text(value: object) -> str:
    """A value as the tables show it: codes as `code` (and the label, where the code is not a word)."""
    if isinstance(value, CodeList):
        return f"`{value.code}`" if _WORD.fullmatch(value.code) else f"`{value.code}` {value.label}"
    if isinstance(value, tuple):
        if len(value) == 2 and all(type(part) is int for part in value):  # noqa: PLR2004 - an age band
            return f"{value[0]} to under {value[1]}"
        return " / ".join(_text(part) for part in value)
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "-"}[value]
    return f"{value:g}" if isinstance(value, float) else str(value)


def _scalar(value: object) -> str:
    if isinstance(value, Days):
        return f"{value.low} to {value.high}" if value.spread > 1 else str(value.low)
    if isinstance(value, Mapping):
        return ", ".join(f"{_text(key)} {_text(item)}" for key, item in value.items())
    return _text(value)


def _weighted(name: str, comment: str, table: Weighted[object]) -> Iterator[str]:
    yield f"**`{name}`**: {comment}"
    yield ""
    yield "| value | weight | share |"
    yield "|---|---:|---:|"
    for (item, share), (_, weight) in zip(table.shares(), table.pairs, strict=True):
        yield f"| {_text(item)} | {weight:g} | {share:.1%} |"
    yield ""


def _weighted_by(name: str, comment: str, tables: Mapping[object, Weighted[object]]) -> Iterator[str]:
    yield f"**`{name}`**: {comment}"
    yield ""
    yield "| by | value | share |"
    yield "|---|---|---:|"
    for key, table in tables.items():
        for item, share in table.shares():
            yield f"| {_text(key)} | {_text(item)} | {share:.1%} |"
    yield ""


def _mapping(name: str, comment: str, mapping: Mapping[object, object]) -> Iterator[str]:
    yield f"**`{name}`**: {comment}"
    yield ""
    yield "| key | value |"
    yield "|---|---|"
    for key, value in mapping.items():
        yield f"| {_text(key)} | {_text(value)} |"
    yield ""


def _section(title: str, section: list[Entry]) -> Iterator[str]:
    yield f"### {title}"
    yield ""
    for entry in section:
        for note in entry.notes:
            yield f"{note}"
            yield ""
    rows: list[str] = []
    tables: list[str] = []
    for entry in section:
        values = [getattr(w, name) for name in entry.names]
        value = values[0]
        if isinstance(value, Weighted):
            tables.extend(_weighted(entry.names[0], entry.comment, value))
        elif isinstance(value, dict) and all(isinstance(v, Weighted) for v in value.values()):
            tables.extend(_weighted_by(entry.names[0], entry.comment, value))
        elif isinstance(value, dict) and not isinstance(next(iter(value.values())), int):
            tables.extend(_mapping(entry.names[0], entry.comment, value))
        else:
            names = ", ".join(f"`{name}`" for name in entry.names)
            shown = ", ".join(_scalar(v) for v in values)
            rows.append(f"| {names} | {shown} | {entry.comment} |")
    if rows:
        yield "| name | value | what it models |"
        yield "|---|---|---|"
        yield from rows
        yield ""
    yield from tables


def reached() -> list[tuple[str, float]]:
    """The share of records that have reached each point of the process by the snapshot, from the tables.

    Worked out from the stage and route tables and the chances on the path
    (:mod:`msp.synth._path`); a test holds it to a sample of generated records.
    """
    stage = dict(w.STAGE.shares())
    closed = stage[CaseStage.CLOSED]
    closed_route = dict(w.ROUTE_CLOSED.shares())
    in_enquiry_route = dict(w.ROUTE_IN_ENQUIRY.shares())
    closed_enquiry = closed * (1 - closed_route[EnquiryRoute.NO_ENQUIRY])
    enquiry_stages = (
        CaseStage.ENQUIRY,
        CaseStage.PLAN_AND_REVIEW,
        CaseStage.CONCLUDED,
        CaseStage.CEASED_AT_ADULTS_REQUEST,
    )
    open_enquiry = sum(stage[s] for s in enquiry_stages)
    ceased_share = w.CLOSED_ENQUIRY_CEASED
    plan_after_closure = (1 - ceased_share) * w.PLAN_BEFORE_CONCLUDING + ceased_share * w.PLAN_BEFORE_CEASING
    ranks = list(stage)
    return [
        ("information gathering", sum(stage[s] for s in ranks[1:])),
        ("a section 42 decision", sum(stage[s] for s in ranks[2:])),
        ("an enquiry started", open_enquiry + closed_enquiry),
        (
            "a section 42 enquiry started",
            open_enquiry * in_enquiry_route[EnquiryRoute.SECTION_42_ENQUIRY]
            + closed * closed_route[EnquiryRoute.SECTION_42_ENQUIRY],
        ),
        (
            "a safeguarding plan",
            stage[CaseStage.PLAN_AND_REVIEW]
            + stage[CaseStage.CONCLUDED] * w.PLAN_BEFORE_CONCLUDING
            + stage[CaseStage.CEASED_AT_ADULTS_REQUEST] * w.PLAN_BEFORE_CEASING
            + closed_enquiry * plan_after_closure,
        ),
        ("an enquiry concluded", stage[CaseStage.CONCLUDED] + closed_enquiry * (1 - ceased_share)),
        (
            "an enquiry ceased at the adult's request",
            stage[CaseStage.CEASED_AT_ADULTS_REQUEST] + closed_enquiry * ceased_share,
        ),
        ("closure", closed),
    ]


def render() -> str:
    """The generated block of docs/synth.md, markers included, ending with a newline."""
    lines = [START, "", "### How far cases have gone by the snapshot", ""]
    lines += ["| reached | share of records |", "|---|---:|"]
    lines += [f"| {point} | {share:.1%} |" for point, share in reached()]
    lines.append("")
    sections: dict[str, list[Entry]] = {}
    for entry in entries():
        sections.setdefault(entry.section, []).append(entry)
    for title, section in sections.items():
        lines += _section(title, section)
    lines += ["### The kinds of damage, each as likely", ""]
    lines += [f"- {(kind.__doc__ or '').strip()} ({1 / len(DAMAGE):.1%})" for kind in DAMAGE]
    lines += ["", "### The kinds of practice gap", ""]
    lines += [f"- `{value}`" for name, value in vars(Gap).items() if name.isupper()]
    lines += ["", END]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print the generated block (``python -m msp.synth._tables``)."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
