"""The weight tables of docs/synth.md, rendered from :mod:`msp.synth._weights` and its comments.

Each name in the weights module has a one-line comment above it; this module
reads those comments from the module's source and renders every name with its
comment and its numbers as Markdown, section by section (the ``# == ... ==``
lines), preceded by what the tables imply: the share of records that reach
each stage, and the share at each stage on the snapshot day. docs/synth.md
holds the result between the markers :data:`START` and :data:`END`, and a
test keeps it current. To refresh it, print the block::

    python -m msp.synth._tables

and paste it over the old one (markers included).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple

from msp.codes import CaseStage, CodeList, EnquiryRoute
from msp.synth import DEFAULT_START
from msp.synth import _weights as w
from msp.synth._damage import DAMAGE
from msp.synth._draw import Days, Weighted
from msp.synth._state import Gap, day_weights

__all__ = ["END", "START", "Entry", "entries", "main", "month_shares", "reached", "render", "stages"]

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


_Pmf = dict[int, float]
"""A distribution of whole days: each number of days with its chance."""


def _even(days: Days, chance: float = 1.0) -> _Pmf:
    """``days`` spread evenly, scaled by ``chance``."""
    return {days.low + i: chance / days.spread for i in range(days.spread)}


def _mix(*parts: _Pmf) -> _Pmf:
    """The distributions of ``parts`` added together (each already scaled by its chance)."""
    mixed: _Pmf = {}
    for part in parts:
        for days, chance in part.items():
            mixed[days] = mixed.get(days, 0.0) + chance
    return mixed


def _then(first: _Pmf, second: _Pmf) -> _Pmf:
    """The distribution of the sum of two independent numbers of days."""
    total: _Pmf = {}
    for a, pa in first.items():
        for b, pb in second.items():
            total[a + b] = total.get(a + b, 0.0) + pa * pb
    return total


def _soon(days: Days, below: float) -> _Pmf:
    """``days.of(x)`` for a draw ``x`` below ``below``: the value read from the cut-off draw itself."""
    return {
        days.low + i: max(0.0, min((i + 1) / days.spread, below) - i / days.spread)
        for i in range(days.spread)
        if i / days.spread < below
    }


def _courses() -> list[tuple[float, EnquiryRoute | None, list[tuple[CaseStage, _Pmf]]]]:
    """Every whole course a concern can take (:mod:`msp.synth._path`): its chance, its route (``None``: no
    enquiry) and each step with the distribution of the days since the step before."""
    gather = _mix(
        {0: w.GATHERING_SAME_DAY, 1: w.GATHERING_NEXT_DAY - w.GATHERING_SAME_DAY},
        _even(w.GATHERING_LATER_DAYS, 1 - w.GATHERING_NEXT_DAY),
    )
    decide = _mix(
        _soon(w.DECISION_SOON_DAYS, w.DECISION_SOON),
        _even(w.DECISION_WEEK_DAYS, w.DECISION_WEEK - w.DECISION_SOON),
        _even(w.DECISION_LATER_DAYS, 1 - w.DECISION_WEEK),
    )
    start = [(CaseStage.INFORMATION_GATHERING, gather), (CaseStage.DECIDED, decide)]
    routes = dict(w.ROUTE.shares())
    courses: list[tuple[float, EnquiryRoute | None, list[tuple[CaseStage, _Pmf]]]] = [
        (routes[EnquiryRoute.NO_ENQUIRY], None, [*start, (CaseStage.CLOSED, _even(w.CLOSED_DAYS))]),
    ]
    for route in (EnquiryRoute.SECTION_42_ENQUIRY, EnquiryRoute.OTHER_ENQUIRY):
        for ceased in (True, False):
            end_chance = w.ENQUIRY_CEASED if ceased else 1 - w.ENQUIRY_CEASED
            plan_chance = w.PLAN_BEFORE_CEASING if ceased else w.PLAN_BEFORE_CONCLUDING
            for via_plan in (True, False):
                steps = [*start, (CaseStage.ENQUIRY, _even(w.ENQUIRY_START_DAYS))]
                if via_plan:
                    steps.append((CaseStage.PLAN_AND_REVIEW, _even(w.PLAN_DAYS)))
                if ceased:
                    steps.append((CaseStage.CEASED_AT_ADULTS_REQUEST, _even(w.CEASED_DAYS)))
                else:
                    after = w.CONCLUDED_AFTER_PLAN_DAYS if via_plan else w.CONCLUDED_DAYS
                    steps.append((CaseStage.CONCLUDED, _even(after)))
                steps.append((CaseStage.CLOSED, _even(w.CLOSED_AFTER_ENQUIRY_DAYS)))
                chance = routes[route] * end_chance * (plan_chance if via_plan else 1 - plan_chance)
                courses.append((chance, route, steps))
    return courses


def _reached_by_course(start: date) -> list[tuple[float, EnquiryRoute | None, list[tuple[CaseStage, float]]]]:
    """Each course with, for each of its steps (receipt first), the chance it is reached by the snapshot."""
    weights = day_weights(start.toordinal())
    total = sum(weights)
    received_by: list[float] = []  # received_by[k]: the chance of being received k days or fewer after ``start``
    running = 0.0
    for weight in weights:
        running += weight / total
        received_by.append(running)
    last = len(weights) - 1

    def reached(offsets: _Pmf) -> float:
        return sum(chance * received_by[last - days] for days, chance in offsets.items() if days <= last)

    found = []
    for chance, route, steps in _courses():
        offsets: _Pmf = {0: 1.0}
        chances = [(CaseStage.CONCERN_RECEIVED, 1.0)]
        for stage, gap in steps:
            offsets = _then(offsets, gap)
            chances.append((stage, reached(offsets)))
        found.append((chance, route, chances))
    return found


def reached(start: date | None = None) -> list[tuple[str, float]]:
    """The share of records that have reached each point of the process by the snapshot, from the tables.

    Worked out from the seasonal day weights, the route, and the gaps of days
    between the steps (:mod:`msp.synth._path`) for the period from ``start``
    (default: :data:`msp.synth.DEFAULT_START`); a test holds it to a sample of
    generated records.
    """
    points: tuple[tuple[str, CaseStage, EnquiryRoute | None], ...] = (
        ("information gathering", CaseStage.INFORMATION_GATHERING, None),
        ("a section 42 decision", CaseStage.DECIDED, None),
        ("an enquiry started", CaseStage.ENQUIRY, None),
        ("a section 42 enquiry started", CaseStage.ENQUIRY, EnquiryRoute.SECTION_42_ENQUIRY),
        ("a safeguarding plan", CaseStage.PLAN_AND_REVIEW, None),
        ("an enquiry concluded", CaseStage.CONCLUDED, None),
        ("an enquiry ceased at the adult's request", CaseStage.CEASED_AT_ADULTS_REQUEST, None),
        ("closure", CaseStage.CLOSED, None),
    )
    shares = [0.0] * len(points)
    for chance, route, steps in _reached_by_course(start or DEFAULT_START):
        for i, (_, stage, only_route) in enumerate(points):
            if only_route is None or route is only_route:
                shares[i] += chance * sum(share for step, share in steps if step is stage)
    return [(point, share) for (point, _, _), share in zip(points, shares, strict=True)]


def stages(start: date | None = None) -> list[tuple[CaseStage, float]]:
    """The share of records at each stage on the snapshot day, from the tables (see :func:`reached`).

    A record is at the last step of its course that it has reached: the open
    ones (every stage but ``closed``) are those whose course runs on past the
    snapshot.
    """
    shares = dict.fromkeys(CaseStage.in_order(), 0.0)
    for chance, _, steps in _reached_by_course(start or DEFAULT_START):
        for (stage, here), (_, beyond) in zip(steps, [*steps[1:], (CaseStage.CLOSED, 0.0)], strict=True):
            shares[stage] += chance * (here - beyond)
    return list(shares.items())


def month_shares(start: date | None = None) -> list[tuple[str, float]]:
    """The share of concerns received in each calendar month of the period from ``start`` (``YYYY-MM``)."""
    begin = (start or DEFAULT_START).toordinal()
    weights = day_weights(begin)
    total = sum(weights)
    shares: dict[str, float] = {}
    for offset, weight in enumerate(weights):
        month = date.fromordinal(begin + offset).isoformat()[:7]
        shares[month] = shares.get(month, 0.0) + weight / total
    return list(shares.items())


def render() -> str:
    """The generated block of docs/synth.md, markers included, ending with a newline."""
    lines = [START, "", "### How far cases have gone by the snapshot", ""]
    lines += ["| reached | share of records |", "|---|---:|"]
    lines += [f"| {point} | {share:.1%} |" for point, share in reached()]
    lines += ["", "### The stage on the snapshot day", ""]
    lines += ["| stage | share of records |", "|---|---:|"]
    at_stage = stages()
    lines += [f"| `{stage.code}` | {share:.2%} |" for stage, share in at_stage]
    lines.append(f"| open (every stage but `closed`) | {1 - dict(at_stage)[CaseStage.CLOSED]:.2%} |")
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
