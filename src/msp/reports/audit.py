"""The Making Safeguarding Personal case-file audit: is practice really personal?

:func:`audit` reads :class:`~msp.model.concern.Concern` records once and reports,
over the whole caseload and broken down by team and by period, how often the
records show the practice Making Safeguarding Personal asks for
(LGA/ADASS Making Safeguarding Personal Outcomes Framework, 2018; LGA/ADASS
"Myths and realities about Making Safeguarding Personal", 2019):

- the adult (or their representative) was asked about desired outcomes;
- of those asked, outcomes were expressed;
- of those expressed, outcomes were fully, partially or not achieved;
- the adult was seen alone;
- where capacity was lacking or there was substantial difficulty (Care Act
  s68), an advocate or representative supported the adult;
- the safeguarding plan was agreed with the adult;
- where the enquiry ended at the adult's request, coercion was considered;
- stages were finished within the targets of a timescale policy
  (:class:`msp.workflow.timescales.Policy`: local targets, not law), and open stages
  are not overdue on the audit date;
- a risk rating on the policy's scale was given at triage, and the adult was first
  contacted and immediate safety assessed within the rating's targets
  (:func:`msp.workflow.timescales.timeliness`; local targets, not law).

Every measure carries its numerator and denominator, never a percentage
alone; each has its own denominator (docs/audit.md defines them). Something
not recorded counts as not done: an audit looks for evidence in the record.

Output as text, JSON, CSV, or a self-contained HTML page with bar charts
(inline SVG, no scripts, no external files). No output names an adult or
carries personal data: team names and counts only; record ids appear only
for records that could not be read.

Example::

    from datetime import date

    from msp.reports.audit import audit
    from msp.synth import generate_concerns

    report = audit(generate_concerns(300, seed=2), as_of=date(2026, 3, 31))
    asked = report.measure("asked")
    print(asked.numerator, asked.denominator, asked.percent)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs

from msp.codes import FeedbackAsked, FeedbackQuestion, FeedbackRespondent, MspAsked, OutcomeAchievement
from msp.codes.years import CollectionYear
from msp.model.outcomes import overall_achievement
from msp.reports._common import Uncounted, read_concerns, text_table
from msp.rules.facts import ended_at_adults_request, lacks_capacity_to_take_part, section_68_difficulty
from msp.workflow.timescales import Policy, Timing, due_dates, timeliness

if TYPE_CHECKING:
    from msp.convert.flat import CsvMapping
    from msp.model.concern import Concern

__all__ = [
    "DIMENSIONS",
    "MEASURES",
    "AuditReport",
    "Group",
    "Measure",
    "audit",
    "audit_files",
]

_RESPONDENTS: Final = {
    FeedbackRespondent.ADULT: "the adult",
    FeedbackRespondent.FRIEND: "a friend",
    FeedbackRespondent.CARER: "a carer",
    FeedbackRespondent.FAMILY_MEMBER: "a family member",
    FeedbackRespondent.IMCA: "an IMCA",
}
"""Who answered the feedback questions, as the audit's titles name them."""


def _feedback_measures() -> dict[str, tuple[str, str]]:
    """The adult's feedback (MSP Outcomes Framework questions 4-7): asked, who answered, and each question's
    positive answers overall and by who answered."""
    measures = {
        "feedback_asked": (
            "Feedback asked (questions 4-7)",
            (
                "of cases closed after an enquiry (section 42 or other): the adult or their representative was "
                "asked the MSP Outcomes Framework's questions 4-7 (not declined, not impossible)"
            ),
        ),
    }
    for who, name in _RESPONDENTS.items():
        measures[f"feedback_by_{who.code}"] = (
            f"Feedback given by {name}",
            f"of cases whose feedback was asked: {name} answered",
        )
    for question in FeedbackQuestion:
        number = question.code[1:]
        measures[f"feedback_q{number}_positive"] = (
            f"Question {number}: positive answers",
            (
                f"of answers to question {number} recorded: the answer is positive (the council's reading of its "
                "copy of the framework's answer options)"
            ),
        )
        for who, name in _RESPONDENTS.items():
            measures[f"feedback_q{number}_positive_{who.code}"] = (
                f"Question {number}: positive answers by {name}",
                f"of answers to question {number} given by {name}: the answer is positive",
            )
    return measures


MEASURES: Final[Mapping[str, tuple[str, str]]] = {
    "asked": (
        "Asked about desired outcomes",
        "of enquiries concluded (section 42 or other): the adult or their representative was asked (SG4a 'Yes ...')",
    ),
    "expressed": (
        "Expressed desired outcomes",
        "of those asked: outcomes were expressed",
    ),
    "fully_achieved": ("Outcomes fully achieved", "of those who expressed outcomes"),
    "partially_achieved": ("Outcomes partially achieved", "of those who expressed outcomes"),
    "not_achieved": ("Outcomes not achieved", "of those who expressed outcomes"),
    "seen_alone": ("Seen alone", "of enquiries concluded: the adult was seen on their own"),
    "advocacy": (
        "Advocate or representative where needed",
        (
            "of enquiries concluded where the adult lacked capacity or had substantial difficulty (Care Act s68): "
            "an advocate or representative was involved, or SG3a support was recorded"
        ),
    ),
    "plan_agreed": ("Plan agreed with the adult", "of cases with a safeguarding plan: the adult agreed it"),
    "coercion_considered": (
        "Coercion considered when ended at the adult's request",
        "of cases ended at the adult's request: coercion, control or undue influence was considered",
    ),
    "police_told": (
        "Police told where a crime may have been committed",
        (
            "of cases recording that a crime may have been committed: contact with the police is recorded "
            "(a date, a crime reference or a police-led investigation)"
        ),
    ),
    "children_referred": (
        "Children's services told of a child judged at risk",
        "of cases where the practitioner judged that a child may be at risk of harm: a referral is recorded",
    ),
    **_feedback_measures(),
    "stages_on_time": (
        "Stages finished within target",
        (
            "of the times a case finished a stage that the timescale policy times (one count per stage passed "
            "through): it left the stage by the due date"
        ),
    ),
    "open_stages_in_time": (
        "Open stages within target",
        "of timed stages still open on the audit date: not yet a working day past the due date",
    ),
    "risk_rated": (
        "Risk rated at triage",
        "of all records: a risk rating on the timescale policy's scale is recorded (immediate_safety.risk_rating)",
    ),
    "first_contact_in_time": (
        "First contact with the adult within target",
        (
            "of records timed by their risk rating, except those still within target on the audit date: the adult "
            "was first spoken to or seen alone within the rating's target (working days from receipt)"
        ),
    ),
    "immediate_safety_in_time": (
        "Immediate safety assessed within target",
        (
            "of records timed by their risk rating, except those still within target on the audit date: immediate "
            "safety was assessed within the rating's target (working days from receipt)"
        ),
    ),
}
"""Measure code to (title, what the denominator is and what counts in the numerator)."""

DIMENSIONS: Final = ("team", "quarter", "year", "rating")
"""What an audit can be broken down by: the team, the collection-year quarter
or year in which the concern was received, or the risk rating at triage."""

_NO_TEAM: Final = "(no team recorded)"
_NO_RATING: Final = "(no rating recorded)"
_OFF_SCALE: Final = "(rating not on the scale)"
_TIMED: Final = frozenset({Timing.MET, Timing.MISSED, Timing.NOT_RECORDED})
_ASKED: Final = frozenset({MspAsked.ASKED_EXPRESSED, MspAsked.ASKED_NOT_EXPRESSED})
_ACHIEVEMENT: Final = {
    OutcomeAchievement.FULLY: "fully_achieved",
    OutcomeAchievement.PARTIALLY: "partially_achieved",
    OutcomeAchievement.NOT: "not_achieved",
}


@attrs.frozen(slots=True, kw_only=True)
class Measure:
    """One audit measure: how many of how many.

    Attributes:
        code: stable code, e.g. ``asked`` (see :data:`MEASURES`).
        title: what is measured.
        numerator: how many records show it.
        denominator: how many records it applies to.
    """

    code: str
    title: str
    numerator: int
    denominator: int

    @property
    def share(self) -> float | None:
        """``numerator / denominator``, or ``None`` where nothing applies."""
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        """The share as a whole percentage, e.g. ``"83%"``, or ``"-"``."""
        share = self.share
        return "-" if share is None else f"{share * 100:.0f}%"

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} {self.percent}"


@attrs.frozen(slots=True, kw_only=True)
class Group:
    """The measures for one team or one period.

    Attributes:
        dimension: ``team``, ``quarter`` or ``year``.
        name: the team, or the period (e.g. ``2025-26 Q1``).
        records: how many records fall in the group.
        measures: the measures, in :data:`MEASURES` order.
    """

    dimension: str
    name: str
    records: int
    measures: tuple[Measure, ...]


@attrs.frozen(slots=True, kw_only=True)
class AuditReport:
    """The result of a case-file audit.

    Attributes:
        as_of: the audit date (timescales are judged on it).
        records: how many records were audited.
        measures: the measures over the whole caseload.
        groups: the breakdowns, by dimension then group.
        uncounted: records that could not be read (:func:`audit_files` and the command line only).
        notes: what the report leaves out, and why.
    """

    as_of: date
    records: int
    measures: tuple[Measure, ...]
    groups: tuple[Group, ...] = ()
    uncounted: tuple[Uncounted, ...] = ()
    notes: tuple[str, ...] = ()

    def measure(self, code: str, *, dimension: str | None = None, group: str | None = None) -> Measure:
        """One measure, overall or for one group.

        Raises:
            KeyError: no such measure or group.
        """
        measures = self.measures
        if dimension is not None or group is not None:
            found = [g for g in self.groups if g.dimension == dimension and g.name == group]
            if not found:
                raise KeyError((dimension, group))
            measures = found[0].measures
        for m in measures:
            if m.code == code:
                return m
        raise KeyError(code)

    def _all_rows(self) -> Iterator[tuple[str, str, int, Measure]]:
        yield from (("all", "all", self.records, m) for m in self.measures)
        for g in self.groups:
            yield from ((g.dimension, g.name, g.records, m) for m in g.measures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""

        def measures(ms: Sequence[Measure]) -> list[dict[str, Any]]:
            return [
                {"code": m.code, "title": m.title, "numerator": m.numerator, "denominator": m.denominator} for m in ms
            ]

        return {
            "as_of": self.as_of.isoformat(),
            "records": self.records,
            "measures": measures(self.measures),
            "groups": [
                {"dimension": g.dimension, "name": g.name, "records": g.records, "measures": measures(g.measures)}
                for g in self.groups
            ],
            "definitions": {code: {"title": t, "definition": d} for code, (t, d) in MEASURES.items()},
            "uncounted": [u.as_dict() for u in self.uncounted],
            "notes": list(self.notes),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_csv(self) -> str:
        """One row per measure and group: ``dimension, group, records, measure, title, numerator,
        denominator, percent`` (the overall figures have dimension and group ``all``)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("dimension", "group", "records", "measure", "title", "numerator", "denominator", "percent"))
        writer.writerows(
            (dim, name, records, m.code, m.title, m.numerator, m.denominator, m.percent)
            for dim, name, records, m in self._all_rows()
        )
        return out.getvalue()

    def to_text(self) -> str:
        """A readable report: the caseload, then one table per breakdown."""
        lines = [
            f"Making Safeguarding Personal case-file audit, as of {self.as_of.isoformat()}",
            f"Records audited: {self.records}.",
            "",
            *text_table(
                ["Measure", "Numerator", "Denominator", "Share"],
                [[m.title, str(m.numerator), str(m.denominator), m.percent] for m in self.measures],
            ),
        ]
        codes = [m.code for m in self.measures]
        for dimension in dict.fromkeys(g.dimension for g in self.groups):
            groups = [g for g in self.groups if g.dimension == dimension]
            lines.extend(["", f"By {dimension} (numerator/denominator share)"])
            lines.extend(
                text_table(
                    [dimension, "records", *codes],
                    [[g.name, str(g.records), *(str(m) for m in g.measures)] for g in groups],
                )
            )
        lines.extend(["", "Measures:"])
        lines.extend(f"  {code}: {MEASURES[code][0]}, {MEASURES[code][1]}" for code in codes if code in MEASURES)
        lines.extend(f"  {m.code}: {m.title}" for m in self.measures if m.code not in MEASURES)
        lines.extend(f"Note: {n}" for n in self.notes)
        if self.uncounted:
            lines.extend(["", f"Not read: {len(self.uncounted)}."])
            lines.extend(f"  {u}" for u in self.uncounted)
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """A self-contained HTML page: tables and inline SVG bar charts; no scripts or external files."""
        return _html(self)


# -- counting ----------------------------------------------------------------


def _period(day: date, dimension: str) -> str:
    year = CollectionYear.containing(day)
    if dimension == "year":
        return str(year)
    return f"{year} Q{(day.month - 4) % 12 // 3 + 1}"


def _supported(c: Concern) -> bool:
    """An advocate or representative took part, or SG3a records support by an advocate, family or friend."""
    if c.enquiry is not None and c.enquiry.advocacy_support is True:
        return True
    adult = c.adult
    return any(a.involved is True for a in adult.advocates) or any(r.involved is True for r in adult.representatives)


def _practice_events(c: Concern) -> Iterator[tuple[str, bool]]:
    """``(measure code, counts in the numerator)`` for each measure whose denominator holds the record."""
    e = c.enquiry
    if c.enquiry_type is not None and e is not None and e.concluded_on is not None:
        asked = c.msp_asked in _ASKED
        yield "asked", asked
        if asked:
            expressed = c.msp_asked is MspAsked.ASKED_EXPRESSED
            yield "expressed", expressed
            if expressed:
                achieved = e.outcomes_achieved or overall_achievement(c.desired_outcomes)
                for value, code in _ACHIEVEMENT.items():
                    yield code, achieved is value
        yield "seen_alone", c.contact is not None and c.contact.seen_alone is True
        if section_68_difficulty(c) is True or lacks_capacity_to_take_part(c):
            yield "advocacy", _supported(c)
    if c.plan is not None:
        yield "plan_agreed", c.plan.agreed_with_adult is True
    if ended_at_adults_request(c):
        yield "coercion_considered", c.curiosity is not None and c.curiosity.coercion_considered is True
    if c.crime is not None and c.crime.crime_suspected is True:
        yield "police_told", c.crime.police_informed
    if c.children is not None and c.children.child_may_be_at_risk is True:
        yield "children_referred", c.children.referred_on is not None
    yield from _feedback_events(c)


def _feedback_events(c: Concern) -> Iterator[tuple[str, bool]]:
    """The adult's feedback: asked, of cases closed after an enquiry; who answered, of those asked; each
    question's positive answers, overall and by who answered (answers without the respondent count
    overall only)."""
    fb = c.feedback
    asked = fb is not None and (fb.asked is FeedbackAsked.ASKED or bool(fb.answers))
    if c.enquiry_type is not None and c.closure is not None:
        yield "feedback_asked", asked
    if fb is None or not asked:
        return
    for who in _RESPONDENTS:
        yield f"feedback_by_{who.code}", fb.answered_by is who
    for question, answer in fb.answers:
        number = question.code[1:]
        yield f"feedback_q{number}_positive", answer.positive is True
        if fb.answered_by is not None:
            yield f"feedback_q{number}_positive_{fb.answered_by.code}", answer.positive is True


class _Counts:
    """Numerators and denominators for one group."""

    __slots__ = ("counts", "records")

    def __init__(self) -> None:
        self.records = 0
        self.counts: dict[str, list[int]] = {code: [0, 0] for code in MEASURES}

    def add(self, events: Sequence[tuple[str, bool]]) -> None:
        self.records += 1
        for code, hit in events:
            pair = self.counts[code]
            pair[0] += hit
            pair[1] += 1

    def measures(self) -> tuple[Measure, ...]:
        return tuple(
            Measure(code=code, title=MEASURES[code][0], numerator=n, denominator=d)
            for code, (n, d) in self.counts.items()
        )


def _group_order(dimension: str, name: str) -> tuple[bool, str]:
    return (dimension == "team" and name == _NO_TEAM, name)


class _Audit:
    def __init__(self, by: Sequence[str], as_of: date, policy: Policy | None) -> None:
        unknown = [d for d in by if d not in DIMENSIONS]
        if unknown:
            msg = f"an audit is broken down by {', '.join(DIMENSIONS)}, not {', '.join(map(str, unknown))}"
            raise ValueError(msg)
        self.by = tuple(dict.fromkeys(by))
        self.as_of = as_of
        self.policy = policy or Policy()
        self.total = _Counts()
        self.groups: dict[tuple[str, str], _Counts] = {}
        self.uncounted: list[Uncounted] = []

    def _timescale_events(self, c: Concern) -> Iterator[tuple[str, bool]]:
        """One event per visit to a timed stage: finished on time, or still open and not overdue."""
        calendar = self.policy.calendar
        for visit in due_dates(c, self.policy):
            if visit.left_on is not None:
                yield "stages_on_time", visit.left_on <= visit.due_on
            else:
                yield "open_stages_in_time", calendar.add_working_days(visit.due_on, 1) > self.as_of

    def _timeliness_events(self, c: Concern) -> tuple[tuple[str, bool], ...]:
        """The risk rating at triage, and first contact and immediate safety where timed and due."""
        found = timeliness(c, self.policy, as_of=self.as_of)
        events = [("risk_rated", found.on_scale)]
        for code, timed in (
            ("first_contact_in_time", found.first_contact),
            ("immediate_safety_in_time", found.immediate_safety),
        ):
            if timed.timing in _TIMED:
                events.append((code, timed.timing is Timing.MET))
        return tuple(events)

    def _rating_group(self, c: Concern) -> str:
        recorded = None if c.immediate_safety is None else c.immediate_safety.risk_rating
        if recorded is None:
            return _NO_RATING
        return self.policy.rating(recorded) or _OFF_SCALE

    def _group_key(self, dimension: str, name: str) -> tuple[int, tuple[bool, str]]:
        if dimension != "rating":
            return 0, _group_order(dimension, name)
        scale = self.policy.risk_scale
        rank = scale.index(name) if name in scale else len(scale) + (name == _OFF_SCALE)
        return rank, (False, "")

    def unreadable(self, item: Uncounted, _is_record: bool) -> None:
        """List a record, or a problem with a file, that could not be read."""
        self.uncounted.append(item)

    def add(self, c: Concern) -> None:
        events = (*_practice_events(c), *self._timescale_events(c), *self._timeliness_events(c))
        self.total.add(events)
        for dimension in self.by:
            if dimension == "rating":
                name = self._rating_group(c)
            else:
                name = (c.team or _NO_TEAM) if dimension == "team" else _period(c.received_on, dimension)
            counts = self.groups.get((dimension, name))
            if counts is None:
                counts = self.groups[dimension, name] = _Counts()
            counts.add(events)

    def result(self) -> AuditReport:
        keys = sorted(self.groups, key=lambda k: (self.by.index(k[0]), self._group_key(*k)))
        groups = tuple(
            Group(dimension=d, name=n, records=self.groups[d, n].records, measures=self.groups[d, n].measures())
            for d, n in keys
        )
        targets = ", ".join(f"{stage.code} {days}" for stage, days in self.policy.targets.items())
        policy = self.policy
        by_rating = "; ".join(
            f"{r} {policy.first_contact_targets.get(r, '-')}/{policy.immediate_safety_targets.get(r, '-')}"
            for r in policy.risk_scale
        )
        unrated = "not timed" if policy.unrated is None else f"timed as {policy.unrated}"
        return AuditReport(
            as_of=self.as_of,
            records=self.total.records,
            measures=self.total.measures(),
            groups=groups,
            uncounted=tuple(self.uncounted),
            notes=(
                (
                    f"Timescales are judged against the policy '{self.policy.name}' (working days: {targets}; "
                    f"calendar: {self.policy.calendar.name}) on {self.as_of.isoformat()}. Timescales are local "
                    "targets, not law (msp.workflow.timescales)."
                ),
                (
                    f"Risk ratings at triage, with working days to first contact / to immediate safety assessed "
                    f"(0: the same day): {by_rating}. A record without a rating is {unrated}; a rating not on the "
                    "scale is not timed. Local targets, not law."
                ),
            ),
        )


def audit(
    records: Iterable[Concern],
    *,
    as_of: date | None = None,
    policy: Policy | None = None,
    by: Sequence[str] = ("team", "quarter"),
) -> AuditReport:
    """Audit a caseload for Making Safeguarding Personal practice.

    Reads ``records`` once; memory grows with the number of groups only.

    Args:
        records: concerns (a list, a generator, ...).
        as_of: the audit date (default: today); open stages are judged on it.
        policy: the timescale policy (default: :class:`msp.workflow.timescales.Policy`'s
            local defaults, which are not law).
        by: breakdowns, any of :data:`DIMENSIONS` (default team and quarter).

    Returns:
        An :class:`AuditReport`.

    Raises:
        ValueError: ``by`` names something not in :data:`DIMENSIONS`.
    """
    run = _Audit(by, as_of or date.today(), policy)  # noqa: DTZ011 - an audit date is a local calendar day
    for record in records:
        run.add(record)
    return run.result()


def audit_files(
    paths: Iterable[str],
    *,
    as_of: date | None = None,
    policy: Policy | None = None,
    by: Sequence[str] = ("team", "quarter"),
    mapping: CsvMapping | None = None,
) -> AuditReport:
    """Audit the records in files, as ``msp audit`` does.

    Reads JSON Lines, JSON or flat CSV files (:mod:`msp.io.readers`) once, in
    order, and audits them as :func:`audit` does. Records that cannot be read
    or built are left out of the measures and listed in the report's
    ``uncounted``, with file, line and first problem.

    Args:
        paths: the files (``-`` for standard input).
        as_of: the audit date (default: today).
        policy: the timescale policy (see :func:`audit`).
        by: breakdowns, any of :data:`DIMENSIONS`.
        mapping: how to read a council's CSV extract (:func:`msp.convert.flat.load_mapping`).

    Returns:
        An :class:`AuditReport`.

    Raises:
        ValueError: ``by`` names something not in :data:`DIMENSIONS`.
        OSError: a file cannot be opened or read.
    """
    run = _Audit(by, as_of or date.today(), policy)  # noqa: DTZ011 - an audit date is a local calendar day
    for record, _, _ in read_concerns(paths, run.unreadable, mapping):
        run.add(record)
    return run.result()


# -- HTML ----------------------------------------------------------------------

_CSS: Final = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; max-width: 72rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
.note { color: #505050; }
svg text { font-size: 12px; fill: #1b1b1b; }
"""
_BAR: Final = "#1d70b8"
_TRACK: Final = "#e5e5e5"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bars(title: str, bars: Sequence[tuple[str, Measure]]) -> str:
    """A horizontal bar chart of shares, each bar labelled with numerator/denominator."""
    longest = max((len(label) for label, _ in bars), default=0)
    label_width, bar_width, row = max(120, 7 * longest + 16), 360, 24  # about 7 px a character at 12 px
    height = row * len(bars) + 8
    width = label_width + bar_width + 140
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'aria-label="{_esc(title)}"><title>{_esc(title)}</title>'
    )
    parts = [head]
    for i, (label, m) in enumerate(bars):
        y = 4 + i * row
        filled = round((m.share or 0.0) * bar_width)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{_esc(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="16" fill="{_TRACK}"/>'
            f'<rect x="{label_width}" y="{y + 3}" width="{filled}" height="16" fill="{_BAR}"/>'
            f'<text x="{label_width + bar_width + 8}" y="{y + 15}">{_esc(m.percent)} '
            f"({m.numerator}/{m.denominator})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _measure_table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th scope='col'>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><caption>{_esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(report: AuditReport) -> str:
    title = f"Making Safeguarding Personal case-file audit, as of {report.as_of.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_esc(title)}</h1>",
        (
            f"<p>Records audited: {report.records}. Each measure shows numerator / denominator; "
            "something not recorded counts as not done.</p>"
        ),
        "<h2>Whole caseload</h2>",
        _bars("Whole caseload", [(m.title, m) for m in report.measures]),
        _measure_table(
            "Whole caseload",
            ["Measure", "Numerator", "Denominator", "Share", "Definition"],
            [
                [m.title, m.numerator, m.denominator, m.percent, MEASURES.get(m.code, ("", ""))[1]]
                for m in report.measures
            ],
        ),
    ]
    for dimension in dict.fromkeys(g.dimension for g in report.groups):
        groups = [g for g in report.groups if g.dimension == dimension]
        parts.append(f"<h2>By {_esc(dimension)}</h2>")
        parts.append(
            _measure_table(
                f"By {dimension}",
                [dimension, "Records", *(m.title for m in report.measures)],
                [[g.name, g.records, *(str(m) for m in g.measures)] for g in groups],
            )
        )
        for i, m in enumerate(report.measures):
            chart = f"{m.title}, by {dimension}"
            parts.append(f"<h3>{_esc(chart)}</h3>")
            parts.append(_bars(chart, [(g.name, g.measures[i]) for g in groups]))
    parts.extend(f'<p class="note">{_esc(n)}</p>' for n in report.notes)
    if report.uncounted:
        parts.append("<h2>Records that could not be read</h2>")
        parts.append(
            _measure_table(
                "Not read",
                ["File", "Line", "Record id", "Reason"],
                [[u.source or "", u.line or "", u.record_id or "", u.reason] for u in report.uncounted],
            )
        )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.reports.audit)`` and tab completion."""
    return list(__all__)
