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

Output as text, JSON, CSV, or a self-contained HTML page a Safeguarding Adults
Board can read on a screen or print on A4 landscape (inline SVG trend charts, no
scripts, no external files). Each measure may have a target
(:mod:`msp.reports.audit_targets`; none by default), its status shown by words,
shape and colour. Records that could not be read are counted by reason; their
list is written only on request (:meth:`AuditReport.unread_csv`). No output names
an adult or carries personal data: team names and counts only.

The audit date (``as_of``) is by default the latest date in the data (see
:func:`audit`), and every output states it and the period the data covers.

Example::

    from datetime import date

    from msp.reports.audit import audit
    from msp.synth import generate_concerns

    report = audit(generate_concerns(300, seed=2), as_of=date(2026, 3, 31))
    asked = report.measure("asked")
    print(asked.numerator, asked.denominator, asked.percent)

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   Targets and their status, a trend by quarter, the period covered, the audit date
   defaulting to the latest date in the data, records that could not be read counted
   by reason, and an HTML page that fits a screen and prints on A4 landscape.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs

from msp.codes import FeedbackAsked, FeedbackQuestion, FeedbackRespondent, MspAsked, OutcomeAchievement
from msp.codes.years import CollectionYear
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES
from msp.model.outcomes import overall_achievement
from msp.reports import _html_audit as h
from msp.reports._common import Uncounted, read_concerns, text_table
from msp.reports.audit_targets import Targets, TargetStatus
from msp.reports.writers import neutralise
from msp.rules.facts import ended_at_adults_request, lacks_capacity_to_take_part, section_68_difficulty
from msp.workflow.timescales import Policy, Timing, due_dates, timeliness

if TYPE_CHECKING:
    from msp.convert.flat import CsvMapping
    from msp.model.concern import Concern

__all__ = [
    "CSV_COLUMNS",
    "DIMENSIONS",
    "GLOSSARY",
    "MEASURES",
    "SECTIONS",
    "UNREAD_COLUMNS",
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
        (
            "of enquiries concluded (section 42 or other): the adult, or their representative, was asked what "
            "outcomes they wanted (SG4a)"
        ),
    ),
    "expressed": (
        "Expressed desired outcomes",
        "of those asked: they said what outcomes they wanted",
    ),
    "fully_achieved": ("Outcomes fully achieved", "of those who said what outcomes they wanted: fully achieved"),
    "partially_achieved": (
        "Outcomes partially achieved",
        "of those who said what outcomes they wanted: partially achieved",
    ),
    "not_achieved": ("Outcomes not achieved", "of those who said what outcomes they wanted: not achieved"),
    "seen_alone": ("Seen alone", "of enquiries concluded: the adult was seen on their own"),
    "advocacy": (
        "Advocate or representative where needed",
        (
            "of enquiries concluded where the adult lacked capacity to take part, or would have substantial "
            "difficulty taking part (Care Act s68): an advocate or representative was involved, or support by an "
            "advocate, family or friend was recorded (SG3a)"
        ),
    ),
    "plan_agreed": ("Plan agreed with the adult", "of cases with a safeguarding plan: the adult agreed it"),
    "coercion_considered": (
        "Coercion considered when ended at the adult's request",
        (
            "of cases ended at the adult's request: whether coercion, control or undue influence lay behind the "
            "request was considered"
        ),
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
        "of all records: a risk rating on the timescale policy's scale was recorded when the concern was triaged",
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
"""Measure code to (title, what the denominator is and what counts in the numerator), in plain English; the
codes they use (SG4a, s68, ...) are explained in :data:`GLOSSARY`."""

_BY_RESPONDENT: Final = "Positive answers by who answered"

SECTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "Desired outcomes: asked, expressed, achieved": (
        "asked",
        "expressed",
        "fully_achieved",
        "partially_achieved",
        "not_achieved",
    ),
    "Involving and supporting the adult": ("seen_alone", "advocacy", "plan_agreed", "coercion_considered"),
    "Telling other agencies": ("police_told", "children_referred"),
    "The adult's feedback": (
        "feedback_asked",
        *(f"feedback_by_{who.code}" for who in _RESPONDENTS),
        *(f"feedback_q{q.code[1:]}_positive" for q in FeedbackQuestion),
    ),
    _BY_RESPONDENT: tuple(
        f"feedback_q{q.code[1:]}_positive_{who.code}" for q in FeedbackQuestion for who in _RESPONDENTS
    ),
    "Timeliness (local targets, not law)": (
        "stages_on_time",
        "open_stages_in_time",
        "risk_rated",
        "first_contact_in_time",
        "immediate_safety_in_time",
    ),
}
"""The measures in the groups the reports show them in, every measure of :data:`MEASURES` once."""

GLOSSARY: Final[Mapping[str, str]] = {
    "Audit date (as of)": (
        "the day open cases are judged on: an open stage is overdue once a working day has passed after its due "
        "date. Unless given, the latest date in the data (dates received, section 42 decisions, enquiries "
        "started and concluded, closures and workflow history)."
    ),
    "Section 42 enquiry": (
        "the enquiry a council makes, or causes others to make, under section 42 of the Care Act 2014 when an "
        "adult with care and support needs may be experiencing, or at risk of, abuse or neglect. An other "
        "enquiry is one made where that duty does not apply."
    ),
    "Care Act s68": (
        "section 68 of the Care Act 2014: an independent advocate where the adult would have substantial "
        "difficulty taking part in an enquiry and no one appropriate can support them."
    ),
    "IMCA": "an Independent Mental Capacity Advocate (Mental Capacity Act 2005).",
    "MSP": (
        "Making Safeguarding Personal, the LGA and ADASS approach to safeguarding led by the adult and their "
        "desired outcomes. The MSP Outcomes Framework (2018) asks seven questions; questions 4-7 ask the adult, "
        "or their representative, about their experience."
    ),
    "SAC": "the Safeguarding Adults Collection, NHS England's yearly return of councils' safeguarding activity.",
    "SG3a": (
        "the SAC data item on whether the adult lacked capacity to take part in the enquiry, and whether they "
        "were supported by an advocate, family or friend."
    ),
    "SG4a": (
        "the SAC data item on whether the adult, or their representative, was asked about desired outcomes, "
        "whether they said what they were, and whether they were achieved."
    ),
    "Timescale policy": (
        "the council's targets, in working days, for each stage and, by risk rating at triage, for first "
        "contact and for assessing immediate safety: local targets, not law."
    ),
    "Working day": "a day that is neither a weekend day nor a bank holiday of the timescale policy's calendar.",
    "Quarter": (
        "the collection-year quarter of the date the concern was received: Q1 April to June, Q2 July to "
        "September, Q3 October to December, Q4 January to March; 2025-26 runs from April 2025 to March 2026."
    ),
    "Could not be read": (
        "a record left out of every measure because it could not be read or built; its reason is the code of "
        "its first problem (SHAPE-JSON, SHAPE-DATE, ...: docs/errors.md)."
    ),
}
"""The words and codes the reports use, explained for a reader who does not know them."""

DIMENSIONS: Final = ("team", "quarter", "year", "rating")
"""What an audit can be broken down by: the team, the collection-year quarter
or year in which the concern was received, or the risk rating at triage."""

CSV_COLUMNS: Final = (
    "dimension",
    "group",
    "records",
    "measure",
    "title",
    "numerator",
    "denominator",
    "percent",
    "target",
    "status",
)
"""The columns of :meth:`AuditReport.to_csv` (``msp audit --format csv``): one row per measure and group."""

UNREAD_COLUMNS: Final = ("file", "line", "record_id", "reason_code", "path")
"""The columns of :meth:`AuditReport.unread_csv`: where each record that could not be read is, and why."""

_DIMENSION_TITLES: Final = {
    "team": "By team",
    "quarter": "By quarter received",
    "year": "By collection year received",
    "rating": "By risk rating at triage",
}
_AS_OF_SOURCES: Final = ("given", "data", "today")
_NO_TEAM: Final = "(no team recorded)"
_NO_RATING: Final = "(no rating recorded)"
_OFF_SCALE: Final = "(rating not on the scale)"
_DONE: Final = frozenset({Timing.MET, Timing.MISSED})
_ASKED: Final = frozenset({MspAsked.ASKED_EXPRESSED, MspAsked.ASKED_NOT_EXPRESSED})
_ACHIEVEMENT: Final = {
    OutcomeAchievement.FULLY: "fully_achieved",
    OutcomeAchievement.PARTIALLY: "partially_achieved",
    OutcomeAchievement.NOT: "not_achieved",
}
_TEXT_GROUPS: Final = 4
"""The most groups side by side in one text table."""


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
    def whole_percent(self) -> int | None:
        """The share as a whole percentage, halves rounded up (``1/8`` is 13), or ``None`` where nothing applies.

        Exact (integer arithmetic): what :attr:`percent` shows and what a target's status compares.
        """
        n, d = self.numerator, self.denominator
        return (200 * n + d) // (2 * d) if d else None

    @property
    def percent(self) -> str:
        """The share as a whole percentage, e.g. ``"83%"``, or ``"-"``."""
        whole = self.whole_percent
        return "-" if whole is None else f"{whole}%"

    def __str__(self) -> str:
        return f"{self.numerator:,}/{self.denominator:,} {self.percent}"


@attrs.frozen(slots=True, kw_only=True)
class Group:
    """The measures for one team or one period.

    Attributes:
        dimension: ``team``, ``quarter``, ``year`` or ``rating``.
        name: the team, the period (e.g. ``2025-26 Q1``) or the rating.
        records: how many records fall in the group.
        measures: the measures, in :data:`MEASURES` order.
    """

    dimension: str
    name: str
    records: int
    measures: tuple[Measure, ...]


def _reason(item: Uncounted) -> str:
    """Why a record could not be read, as a code: its first problem's (``SHAPE-...``), else the phrase given."""
    return item.problems[0].code if item.problems else item.reason


def _reason_counts(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(value, key=lambda pair: (-pair[1], pair[0])))


@attrs.frozen(slots=True, kw_only=True)
class AuditReport:
    """The result of a case-file audit.

    Attributes:
        as_of: the audit date (timescales are judged on it).
        records: how many records were audited.
        measures: the measures over the whole caseload.
        groups: the breakdowns, by dimension then group.
        uncounted: records, and problems with files, that could not be read, each with file,
            line and first problem (:func:`audit_files` and the command line only). The outputs
            count them by reason (:attr:`unread`); :meth:`unread_csv` lists them.
        notes: what the report leaves out, and why.
        as_of_source: where ``as_of`` came from: ``given``; ``data`` (the latest date in the data,
            the default); ``today`` (the default where the data holds no dates).
        period: the period the data covers: the earliest date received and the latest date in the
            data (see :func:`audit`), or ``None`` where no record was audited.
        trend: the measures by collection-year quarter of the date received (dimension
            ``quarter``), whatever the breakdowns: the trend charts.
        unread: records that could not be read, as ``(reason, records)``, most first; the
            reason is the first problem's code (``SHAPE-JSON``, ...).
        file_problems: problems with a file rather than a record (a CSV column not in the
            layout), as ``(reason, count)``.
        targets: the measures' targets (:mod:`msp.reports.audit_targets`; none by default).
    """

    as_of: date
    records: int
    measures: tuple[Measure, ...]
    groups: tuple[Group, ...] = ()
    uncounted: tuple[Uncounted, ...] = ()
    notes: tuple[str, ...] = ()
    as_of_source: str = attrs.field(default="given", validator=attrs.validators.in_(_AS_OF_SOURCES))
    period: tuple[date, date] | None = None
    trend: tuple[Group, ...] = ()
    unread: tuple[tuple[str, int], ...] = ()
    file_problems: tuple[tuple[str, int], ...] = ()
    targets: Targets = Targets()

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

    def status(self, measure: Measure) -> TargetStatus | None:
        """How ``measure`` stands against its target, or ``None`` (no target, or it applies to no case)."""
        target = self.targets.get(measure.code)
        return None if target is None else target.status(measure.whole_percent)

    @property
    def unread_records(self) -> int:
        """How many records could not be read (left out of every measure)."""
        return sum(n for _, n in self.unread)

    @property
    def as_of_text(self) -> str:
        """The audit date as the reports state it, e.g. ``as of 2026-03-31, the latest date in the data``."""
        day = self.as_of.isoformat()
        if self.as_of_source == "data":
            return f"as of {day}, the latest date in the data"
        if self.as_of_source == "today":
            return f"as of {day}, today (the data holds no dates)"
        return f"as of {day}"

    @property
    def period_text(self) -> str:
        """The period covered as the reports state it."""
        if self.period is None:
            return "no records audited"
        first, last = (d.isoformat() for d in self.period)
        return f"{first} to {last} (the earliest date received to the latest date in the data)"

    def rows(self) -> Iterator[tuple[str, str, int, Measure]]:
        """Every measure as ``(dimension, group, records, measure)``: the overall figures first
        (dimension and group ``all``), then each group's; the rows of :meth:`to_csv` and of
        :func:`msp.reports.frames.audit_frame`.

        .. versionadded:: 0.2.0
        """
        yield from (("all", "all", self.records, m) for m in self.measures)
        for g in self.groups:
            yield from ((g.dimension, g.name, g.records, m) for m in g.measures)

    def _measure_dicts(self, ms: Sequence[Measure]) -> list[dict[str, Any]]:
        found = []
        for m in ms:
            target, status = self.targets.get(m.code), self.status(m)
            found.append(
                {
                    "code": m.code,
                    "title": m.title,
                    "numerator": m.numerator,
                    "denominator": m.denominator,
                    "target": None if target is None else target.target,
                    "status": None if status is None else status.code,
                }
            )
        return found

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the measures (with target and status), breakdowns, trend, definitions, targets,
        the records that could not be read counted by reason, and notes."""

        def groups(gs: Sequence[Group]) -> list[dict[str, Any]]:
            return [
                {
                    "dimension": g.dimension,
                    "name": g.name,
                    "records": g.records,
                    "measures": self._measure_dicts(g.measures),
                }
                for g in gs
            ]

        return {
            "as_of": self.as_of.isoformat(),
            "as_of_source": self.as_of_source,
            "period": None
            if self.period is None
            else {"first": self.period[0].isoformat(), "last": self.period[1].isoformat()},
            "records": self.records,
            "measures": self._measure_dicts(self.measures),
            "groups": groups(self.groups),
            "trend": groups(self.trend),
            "definitions": {code: {"title": t, "definition": d} for code, (t, d) in MEASURES.items()},
            "targets": {**self.targets.to_dict(), "source": self.targets.source},
            "could_not_be_read": {
                "records": self.unread_records,
                "by_reason": dict(self.unread),
                "file_problems": dict(self.file_problems),
            },
            "notes": list(self.notes),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_csv(self) -> str:
        """One row per measure and group: ``dimension, group, records, measure, title, numerator,
        denominator, percent, target, status`` (the overall figures have dimension and group ``all``;
        ``target`` and ``status`` are empty where no target is set)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for dim, name, records, m in self.rows():
            target, status = self.targets.get(m.code), self.status(m)
            writer.writerow(
                (
                    dim,
                    name,
                    records,
                    m.code,
                    m.title,
                    m.numerator,
                    m.denominator,
                    m.percent,
                    "" if target is None else f"{target.target:g}",
                    "" if status is None else status.code,
                )
            )
        return out.getvalue()

    def unread_csv(self) -> str:
        """The records (and problems with files) that could not be read, one a row: :data:`UNREAD_COLUMNS`.

        ``reason_code`` is the first problem's code and ``path`` where it is in the record
        (e.g. ``$.received_on``); no value from a record is written, and the record id
        only where it may be shown (:func:`msp.errors.safe_id`). A file name or id a
        spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@`` first) starts with ``'``.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(UNREAD_COLUMNS)
        for u in self.uncounted:
            path = u.problems[0].path if u.problems else ""
            writer.writerow((neutralise(u.source or ""), u.line or "", neutralise(u.record_id or ""), _reason(u), path))
        return out.getvalue()

    def to_text(self) -> str:
        """A readable report: what it covers, the caseload's measures, one table per breakdown (measures as
        rows, at most four groups side by side), the definitions and glossary, and what could not be read."""
        return "\n".join(_text(self)) + "\n"

    def to_html(self) -> str:
        """A self-contained HTML page for a board: fits a 1280 px screen, prints on A4 landscape; tables,
        status by words, shape and colour, inline SVG trend charts; no scripts or external files."""
        return _html(self)


# -- counting ----------------------------------------------------------------


def _period(day: date, dimension: str) -> str:
    year = CollectionYear.containing(day)
    if dimension == "year":
        return str(year)
    return f"{year} Q{(day.month - 4) % 12 // 3 + 1}"


def _latest(c: Concern) -> date:
    """The latest of the record's dates that say how far the data reaches: received, the section 42
    decision, the enquiry's start and conclusion, closure, and the workflow history's entries."""
    last = c.received_on
    decision, e, closure = c.decision, c.enquiry, c.closure
    if decision is not None and decision.decided_on is not None and decision.decided_on > last:
        last = decision.decided_on
    if e is not None:
        if e.started_on is not None and e.started_on > last:
            last = e.started_on
        if e.concluded_on is not None and e.concluded_on > last:
            last = e.concluded_on
    if closure is not None and closure.closed_on is not None and closure.closed_on > last:
        last = closure.closed_on
    for entry in c.history:
        day = entry.at.date()
        last = max(last, day)
    return last


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


_Waiting = tuple[str, date]
"""A timed event whose outcome depends on the audit date: ``(measure code, first day it is overdue)``."""


class _Counts:
    """Numerators and denominators for one group; the events that wait for the audit date, by day."""

    __slots__ = ("counts", "records", "waiting")

    def __init__(self) -> None:
        self.records = 0
        self.counts: dict[str, list[int]] = {code: [0, 0] for code in MEASURES}
        self.waiting: Counter[_Waiting] = Counter()

    def add(self, events: Sequence[tuple[str, bool]], waiting: Sequence[_Waiting]) -> None:
        self.records += 1
        for code, hit in events:
            pair = self.counts[code]
            pair[0] += hit
            pair[1] += 1
        if waiting:
            self.waiting.update(waiting)

    def measures(self, as_of: date) -> tuple[Measure, ...]:
        """The measures on ``as_of``: an open stage is in time before the day it is overdue; first contact or
        immediate safety not recorded counts (as not in time) from the day it is overdue."""
        counts = {code: list(pair) for code, pair in self.counts.items()}
        for (code, overdue_from), n in self.waiting.items():
            pair = counts[code]
            if code == "open_stages_in_time":
                pair[1] += n
                pair[0] += n if overdue_from > as_of else 0
            elif overdue_from <= as_of:
                pair[1] += n
        return tuple(
            Measure(code=code, title=MEASURES[code][0], numerator=n, denominator=d) for code, (n, d) in counts.items()
        )


def _group_order(dimension: str, name: str) -> tuple[bool, str]:
    return (dimension == "team" and name == _NO_TEAM, name)


class _Audit:
    def __init__(
        self, by: Sequence[str], as_of: date | None, policy: Policy | None, targets: Targets | None = None
    ) -> None:
        unknown = [d for d in by if d not in DIMENSIONS]
        if unknown:
            msg = f"an audit is broken down by {', '.join(DIMENSIONS)}, not {', '.join(map(str, unknown))}"
            raise ValueError(msg)
        self.by = tuple(dict.fromkeys(by))
        self.as_of = as_of
        self.policy = policy or Policy()
        self.targets = targets or Targets()
        self.total = _Counts()
        self.groups: dict[tuple[str, str], _Counts] = {}
        self.quarters: dict[str, _Counts] = {}
        self.uncounted: list[Uncounted] = []
        self.unread: Counter[str] = Counter()
        self.file_problems: Counter[str] = Counter()
        self.first: date | None = None
        self.last: date | None = None

    def _timed_events(self, c: Concern) -> tuple[list[tuple[str, bool]], list[_Waiting]]:
        """Timed stages and timeliness: what is settled whatever the audit date, and what waits for it."""
        policy = self.policy
        calendar = policy.calendar
        events: list[tuple[str, bool]] = []
        waiting: list[_Waiting] = []
        for visit in due_dates(c, policy):
            if visit.left_on is not None:
                events.append(("stages_on_time", visit.left_on <= visit.due_on))
            else:
                waiting.append(("open_stages_in_time", calendar.add_working_days(visit.due_on, 1)))
        found = timeliness(c, policy)  # without as_of: not recorded, with the due date
        events.append(("risk_rated", found.on_scale))
        for code, timed in (
            ("first_contact_in_time", found.first_contact),
            ("immediate_safety_in_time", found.immediate_safety),
        ):
            if timed.timing in _DONE:
                events.append((code, timed.timing is Timing.MET))
            elif timed.timing is Timing.NOT_RECORDED and timed.due_on is not None:
                waiting.append((code, calendar.add_working_days(timed.due_on, 1)))
        return events, waiting

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

    def unreadable(self, item: Uncounted, is_record: bool) -> None:
        """Keep a record, or a problem with a file, that could not be read, and count it by reason."""
        self.uncounted.append(item)
        (self.unread if is_record else self.file_problems)[_reason(item)] += 1

    def add(self, c: Concern) -> None:
        timed, waiting = self._timed_events(c)
        events = (*_practice_events(c), *timed)
        self.total.add(events, waiting)
        first, last = c.received_on, _latest(c)
        if self.first is None or first < self.first:
            self.first = first
        if self.last is None or last > self.last:
            self.last = last
        quarter = _period(c.received_on, "quarter")
        for dimension in self.by:
            if dimension == "rating":
                name = self._rating_group(c)
            elif dimension == "team":
                name = c.team or _NO_TEAM
            else:
                name = quarter if dimension == "quarter" else _period(c.received_on, dimension)
            counts = self.groups.get((dimension, name))
            if counts is None:
                counts = self.groups[dimension, name] = _Counts()
            counts.add(events, waiting)
        if "quarter" not in self.by:
            counts = self.quarters.get(quarter)
            if counts is None:
                counts = self.quarters[quarter] = _Counts()
            counts.add(events, waiting)

    def _as_of(self) -> tuple[date, str]:
        if self.as_of is not None:
            return self.as_of, "given"
        if self.last is not None:
            return self.last, "data"
        return date.today(), "today"  # noqa: DTZ011 - an audit date is a local calendar day

    def result(self) -> AuditReport:
        as_of, source = self._as_of()
        keys = sorted(self.groups, key=lambda k: (self.by.index(k[0]), self._group_key(*k)))
        groups = tuple(
            Group(dimension=d, name=n, records=self.groups[d, n].records, measures=self.groups[d, n].measures(as_of))
            for d, n in keys
        )
        if "quarter" in self.by:
            trend = tuple(g for g in groups if g.dimension == "quarter")
        else:
            trend = tuple(
                Group(
                    dimension="quarter",
                    name=q,
                    records=self.quarters[q].records,
                    measures=self.quarters[q].measures(as_of),
                )
                for q in sorted(self.quarters)
            )
        return AuditReport(
            as_of=as_of,
            as_of_source=source,
            records=self.total.records,
            measures=self.total.measures(as_of),
            groups=groups,
            trend=trend,
            period=None if self.first is None or self.last is None else (self.first, self.last),
            uncounted=tuple(self.uncounted),
            unread=_reason_counts(self.unread.items()),
            file_problems=_reason_counts(self.file_problems.items()),
            targets=self.targets,
            notes=self._notes(as_of, source),
        )

    def _notes(self, as_of: date, source: str) -> tuple[str, ...]:
        policy = self.policy
        targets = ", ".join(f"{stage.code} {days}" for stage, days in policy.targets.items())
        by_rating = "; ".join(
            f"{r} {policy.first_contact_targets.get(r, '-')}/{policy.immediate_safety_targets.get(r, '-')}"
            for r in policy.risk_scale
        )
        unrated = "not timed" if policy.unrated is None else f"timed as {policy.unrated}"
        notes = [
            (
                f"Timescales are judged against the policy '{policy.label}' (working days: {targets}; "
                f"calendar: {policy.calendar.label}) on {as_of.isoformat()}. Timescales are local "
                "targets, not law (msp.workflow.timescales)."
            ),
            (
                f"Risk ratings at triage, with working days to first contact / to immediate safety assessed "
                f"(0: the same day): {by_rating}. A record without a rating is {unrated}; a rating not on the "
                "scale is not timed. Local targets, not law."
            ),
        ]
        today = date.today()  # noqa: DTZ011 - a local calendar day
        if source == "data" and as_of > today:
            notes.append(
                f"The latest date in the data, {as_of.isoformat()}, is after today ({today.isoformat()}): a date "
                "may have been mistyped. Give the audit date (--as-of) to judge open cases on another day."
            )
        return tuple(notes)


def audit(
    records: Iterable[Concern],
    *,
    as_of: date | None = None,
    policy: Policy | None = None,
    by: Sequence[str] = ("team", "quarter"),
    targets: Targets | None = None,
) -> AuditReport:
    """Audit a caseload for Making Safeguarding Personal practice.

    Reads ``records`` once; memory grows with the number of groups and of the days on
    which open stages fall overdue, not with the records.

    Args:
        records: concerns (a list, a generator, ...).
        as_of: the audit date; open stages, and first contact or immediate safety not
            recorded, are judged on it. Default: the latest date in the data: the latest
            date received, section 42 decision, enquiry start or conclusion, closure or
            workflow history entry of the records audited (today where there are none).
            :attr:`AuditReport.as_of_source` says which.
        policy: the timescale policy (default: :class:`msp.workflow.timescales.Policy`'s
            local defaults, which are not law).
        by: breakdowns, any of :data:`DIMENSIONS` (default team and quarter).
        targets: the measures' targets (:func:`msp.reports.audit_targets.load_targets`;
            default none: no published source sets one).

    Returns:
        An :class:`AuditReport`.

    Raises:
        ValueError: ``by`` names something not in :data:`DIMENSIONS`.
    """
    run = _Audit(by, as_of, policy, targets)
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
    targets: Targets | None = None,
    progress: Callable[[str, int], None] | None = None,
    sheet: str | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> AuditReport:
    """Audit the records in files, as ``msp audit`` does.

    Reads JSON Lines, JSON, or flat CSV, Excel or Parquet files (:mod:`msp.io.readers`) once,
    in order, and audits them as :func:`audit` does. Records that cannot be read
    or built are left out of the measures, counted by reason in the report's
    ``unread`` and kept in its ``uncounted`` with file, line and first problem.

    Args:
        paths: the files (``-`` for standard input).
        as_of: the audit date (default: the latest date in the data; see :func:`audit`).
        policy: the timescale policy (see :func:`audit`).
        by: breakdowns, any of :data:`DIMENSIONS`.
        mapping: how to read a council's CSV extract (:func:`msp.convert.flat.load_mapping`).
        targets: the measures' targets (see :func:`audit`).
        progress: called with the file (``<stdin>`` for ``-``) and the line reached, after each
            record read or left out (for a progress bar).
        sheet: the worksheet of an Excel workbook to read (default: the first visible one).
        max_record_bytes: the longest line (JSON Lines, CSV) or record (JSON) read, in
            bytes (default 10 MiB, as ``msp validate``); a longer one is skipped without
            being held in memory and counted among the records that could not be read,
            with the reason code ``SHAPE-TOO-LONG`` (``msp audit --max-record-bytes``).

    Returns:
        An :class:`AuditReport`.

    Raises:
        ValueError: ``by`` names something not in :data:`DIMENSIONS`, or
            ``max_record_bytes`` is below 1.
        OSError: a file cannot be opened or read.

    .. versionchanged:: 0.2.0
       ``max_record_bytes``.
    """
    run = _Audit(by, as_of, policy, targets)
    skip = run.unreadable
    if progress is not None:
        told = progress

        def skip(item: Uncounted, is_record: bool) -> None:
            run.unreadable(item, is_record)
            told(item.source or "", item.line or 0)

    for record, source, line in read_concerns(paths, skip, mapping, sheet, max_record_bytes):
        run.add(record)
        if progress is not None:
            progress(source, line)
    return run.result()


# -- text ------------------------------------------------------------------------


def _text(report: AuditReport) -> Iterator[str]:
    yield from _text_head(report)
    yield ""
    yield from _text_summary(report)
    for dimension in dict.fromkeys(g.dimension for g in report.groups):
        yield from _text_breakdown(report, dimension)
    yield ""
    yield "What each measure counts:"
    yield from (f"  {title} ({code}): {definition}" for code, (title, definition) in MEASURES.items())
    yield ""
    yield "Glossary:"
    yield from (f"  {term}: {meaning}" for term, meaning in GLOSSARY.items())
    yield ""
    yield from (f"Note: {n}" for n in report.notes)
    if report.unread or report.file_problems:
        yield ""
        yield f"Could not be read: {report.unread_records:,} records, by reason (msp audit --unread FILE lists them):"
        yield from text_table(["Reason", "Records"], [[r, f"{n:,}"] for r, n in report.unread])
        if report.file_problems:
            yield "Problems with files:"
            yield from text_table(["Reason", "Count"], [[r, f"{n:,}"] for r, n in report.file_problems])


def _text_head(report: AuditReport) -> Iterator[str]:
    yield f"Making Safeguarding Personal case-file audit, {report.as_of_text}"
    yield f"Period covered: {report.period_text}."
    yield f"Records audited: {report.records:,}."
    if report.unread_records:
        yield (
            f"Could not be read: {report.unread_records:,} records, left out of every measure "
            "(counted by reason at the end)."
        )
    targets = report.targets
    if targets:
        shapes = ", ".join(f"{s.shape} {s.label}" for s in TargetStatus)
        yield f"Targets: from {targets.source or 'the caller'}; status: {shapes} (near: within the amber band)."
    else:
        yield "Targets: none set (no published source sets one; msp audit --targets FILE sets a board's own)."


def _text_summary(report: AuditReport) -> list[str]:
    targets = report.targets
    header = ["Measure", "Numerator", "Denominator", "Share"]
    if targets:
        header += ["Target", "Status"]
    body: list[list[str]] = []
    by_code = {m.code: m for m in report.measures}
    for section, codes in SECTIONS.items():
        body.append([f"{section}:", *[""] * (len(header) - 1)])
        for m in (by_code[code] for code in codes if code in by_code):
            row = [f"  {m.title}", f"{m.numerator:,}", f"{m.denominator:,}", m.percent]
            if targets:
                target, status = targets.get(m.code), report.status(m)
                row.append("-" if target is None else target.text)
                row.append("" if status is None else f"{status.shape} {status.label}")
            body.append(row)
    return text_table(header, body)


def _text_breakdown(report: AuditReport, dimension: str) -> Iterator[str]:
    groups = [g for g in report.groups if g.dimension == dimension]
    tables = -(-len(groups) // _TEXT_GROUPS)
    for start in range(0, len(groups), _TEXT_GROUPS):
        chunk = groups[start : start + _TEXT_GROUPS]
        more = f" ({start // _TEXT_GROUPS + 1} of {tables})" if tables > 1 else ""
        yield ""
        yield f"{_DIMENSION_TITLES[dimension]}{more}: numerator/denominator share"
        rows = [["Records", *(f"{g.records:,}" for g in chunk)]]
        for i, m in enumerate(report.measures):
            cells = []
            for g in chunk:
                status = report.status(g.measures[i])
                cells.append(str(g.measures[i]) if status is None else f"{status.shape} {g.measures[i]}")
            rows.append([m.title, *cells])
        yield from text_table(["Measure", *(g.name for g in chunk)], rows)


# -- HTML ----------------------------------------------------------------------


def _summary(report: AuditReport) -> str:
    """The whole caseload: one row per measure, with its target, status and trend chart."""
    targets = report.targets
    header = [
        "Measure",
        "Share",
        "Cases",
        *(("Target", "Status") if targets else ()),
        "Trend by quarter (0-100%)",
    ]
    widths = ("36%", "8%", "17%", "9%", "12%", "18%") if targets else ("46%", "10%", "22%", "22%")
    by_code = {m.code: m for m in report.measures}
    trend = {g.name: {m.code: m for m in g.measures} for g in report.trend}
    rows = []
    for section, codes in SECTIONS.items():
        if section == _BY_RESPONDENT:
            continue
        rows.append(h.section_row(section, len(header)))
        for code in codes:
            m = by_code.get(code)
            if m is None:
                continue
            target = targets.get(code)
            points = [(q, ms[code].numerator, ms[code].denominator, ms[code].percent) for q, ms in trend.items()]
            cells = [
                f'<th scope="row">{h.esc(m.title)}</th>',
                f"<td>{h.esc(m.percent)}</td>",
                f"<td>{h.esc(h.counts(m.numerator, m.denominator))}</td>",
            ]
            if targets:
                cells.append(f"<td>{h.esc('-' if target is None else target.text)}</td>")
                cells.append(h.status_cell(report.status(m)))
            cells.append(f'<td class="text">{h.sparkline(m.title, points, target)}</td>')
            rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = "Every record audited: the share, the cases it counts of those it applies to, and the trend"
    text_columns = (0, 4, 5) if targets else (0, 3)
    return h.table(caption, header, rows, widths=widths, text_columns=text_columns)


def _by_respondent(report: AuditReport) -> str:
    """Questions 4-7: positive answers overall and by who answered, a question a row."""
    by_code = {m.code: m for m in report.measures}
    header = ["Question", "All answers", *(name[0].upper() + name[1:] for name in _RESPONDENTS.values())]
    rows = []
    for question in FeedbackQuestion:
        number = question.code[1:]
        codes = [f"feedback_q{number}_positive", *(f"feedback_q{number}_positive_{w.code}" for w in _RESPONDENTS)]
        cells = "".join(
            h.share_cell(m.percent, m.numerator, m.denominator, report.status(m))
            for m in (by_code[c] for c in codes if c in by_code)
        )
        rows.append(f'<tr><th scope="row">Question {h.esc(number)}</th>{cells}</tr>')
    widths = ("16%", *["14%"] * (len(header) - 1))
    return h.table("Positive answers to questions 4-7, by who answered", header, rows, widths=widths)


def _even_chunks(groups: Sequence[Group], tables: int) -> Iterator[Sequence[Group]]:
    """``groups`` in ``tables`` runs as even as can be: 13 teams in three tables are 5, 4 and 4, not 6, 6 and 1."""
    size, extra = divmod(len(groups), max(tables, 1))
    start = 0
    for number in range(tables):
        end = start + size + (number < extra)
        yield groups[start:end]
        start = end


def _breakdown(report: AuditReport, dimension: str) -> Iterator[str]:
    """One table per :data:`~msp.reports._html_audit.GROUPS_PER_TABLE` groups: measures as rows."""
    groups = [g for g in report.groups if g.dimension == dimension]
    index = {m.code: i for i, m in enumerate(report.measures)}
    tables = -(-len(groups) // h.GROUPS_PER_TABLE)
    for number, chunk in enumerate(_even_chunks(groups, tables), 1):
        caption = _DIMENSION_TITLES[dimension]
        if tables > 1:
            caption += f" ({number} of {tables})"
        rows = ['<tr><th scope="row">Records</th>' + "".join(f"<td>{g.records:,}</td>" for g in chunk) + "</tr>"]
        for section, codes in SECTIONS.items():
            if section == _BY_RESPONDENT:
                continue
            rows.append(h.section_row(section, len(chunk) + 1))
            for code in codes:
                if code not in index:
                    continue
                i = index[code]
                cells = "".join(
                    h.share_cell(
                        g.measures[i].percent,
                        g.measures[i].numerator,
                        g.measures[i].denominator,
                        report.status(g.measures[i]),
                    )
                    for g in chunk
                )
                rows.append(f'<tr><th scope="row">{h.esc(report.measures[i].title)}</th>{cells}</tr>')
        widths = ("28%", *[f"{72 / len(chunk):.2f}%"] * len(chunk))
        yield h.table(caption, ["Measure", *(g.name for g in chunk)], rows, widths=widths)


def _html(report: AuditReport) -> str:
    title = f"Making Safeguarding Personal case-file audit, {report.as_of_text}"
    targets = report.targets
    facts = [
        ("As of", report.as_of_text.removeprefix("as of ")),
        ("Period covered", report.period_text),
        ("Records audited", f"{report.records:,}"),
    ]
    if report.unread_records:
        facts.append(
            (
                "Could not be read",
                f"{report.unread_records:,} records, left out of every measure (counted by reason at the end)",
            )
        )
    facts.append(("Breakdowns", ", ".join(dict.fromkeys(g.dimension for g in report.groups)) or "none"))
    facts.append(
        (
            "Targets",
            f"from {targets.source or 'the caller'}"
            if targets
            else "none set: no published source sets one; a board sets its own (msp audit --targets FILE)",
        )
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h.esc(title)}</title><style>{h.CSS}</style></head><body>",
        "<header>",
        f"<h1>{h.esc(title)}</h1>",
        '<dl class="facts">' + "".join(f"<dt>{h.esc(k)}</dt><dd>{h.esc(v)}</dd>" for k, v in facts) + "</dl>",
        (
            "<p>Each measure shows how many cases of how many it applies to, and the share; something not recorded "
            "counts as not done: an audit looks for evidence in the record.</p>"
        ),
    ]
    if targets:
        parts.append(h.legend(targets.amber_band))
    parts.append("</header>")
    parts.append("<main><section><h2>Whole caseload</h2>")
    parts.append(_summary(report))
    parts.append(_by_respondent(report))
    parts.append("</section>")
    for dimension in dict.fromkeys(g.dimension for g in report.groups):
        parts.append(f"<section><h2>{h.esc(_DIMENSION_TITLES[dimension])}</h2>")
        parts.extend(_breakdown(report, dimension))
        parts.append("</section>")
    if targets:
        rows = [
            f'<tr><th scope="row">{h.esc(MEASURES.get(t.measure, (t.measure, ""))[0])}</th><td>{h.esc(t.text)}</td>'
            f'<td>{t.amber_band:g} points</td><td class="text">{h.esc(t.source or "-")}</td></tr>'
            for t in targets
        ]
        parts.append("<section><h2>Targets</h2>")
        parts.append(
            h.table(
                f"Targets from {targets.source or 'the caller'}",
                ["Measure", "Target", "Near within", "Source"],
                rows,
                widths=("36%", "14%", "14%", "36%"),
            )
        )
        parts.append("</section>")
    split = set(SECTIONS[_BY_RESPONDENT])
    shown = [(code, title, d) for code, (title, d) in MEASURES.items() if code not in split]
    shown.append(
        (
            "feedback_qN_positive_WHO",
            "Question N: positive answers by who answered",
            (
                "of answers to question N (4 to 7) given by that person (the adult, a friend, a carer, a family "
                "member or an IMCA): the answer is positive"
            ),
        )
    )
    definitions = [
        f'<tr><th scope="row">{h.esc(title)}</th><td class="text"><code>{h.esc(code)}</code></td>'
        f'<td class="text">{h.esc(d[:1].upper() + d[1:])}</td></tr>'
        for code, title, d in shown
    ]
    parts.append("<section><h2>What each measure counts</h2>")
    parts.append(
        h.table(
            "Definitions",
            ["Measure", "Code", "Counts"],
            definitions,
            widths=("30%", "20%", "50%"),
            text_columns=(0, 1, 2),
        )
    )
    parts.append("</section><section><h2>Glossary</h2>")
    parts.append(
        '<dl class="glossary">'
        + "".join(f"<dt>{h.esc(k)}</dt><dd>{h.esc(v)}</dd>" for k, v in GLOSSARY.items())
        + "</dl>"
    )
    parts.append("</section><section><h2>Notes</h2>")
    parts.extend(f'<p class="note">{h.esc(n)}</p>' for n in report.notes)
    parts.append("</section>")
    if report.unread or report.file_problems:
        parts.append("<section><h2>Records that could not be read</h2>")
        parts.append(
            f"<p>{report.unread_records:,} records could not be read and are left out of every measure. Their list "
            "(file, line, record id, reason, where in the record) is written only on request: "
            "<code>msp audit --unread FILE</code>.</p>"
        )
        rows = [f'<tr><th scope="row">{h.esc(r)}</th><td>{n:,}</td></tr>' for r, n in report.unread]
        parts.append(
            h.table("Records that could not be read, by reason", ["Reason", "Records"], rows, widths=("70%", "30%"))
        )
        if report.file_problems:
            rows = [f'<tr><th scope="row">{h.esc(r)}</th><td>{n:,}</td></tr>' for r, n in report.file_problems]
            parts.append(h.table("Problems with files", ["Reason", "Count"], rows, widths=("70%", "30%")))
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.reports.audit)`` and tab completion."""
    return list(__all__)
