"""Timescales: target working days per stage, due dates, and overdue cases.

**These are local targets, not law.** Neither the Care Act 2014 nor its
statutory guidance sets timescales for safeguarding stages. The London
Multi-Agency Adult Safeguarding Policy and Procedures replaced fixed timescales
with locally agreed "desired targets" in 2016, because fixed timescales were
found unrealistic and at odds with Making Safeguarding Personal. A :class:`Policy`
holds one council's targets; change them to yours.

The defaults (:data:`DEFAULT_TARGETS`) are *local defaults* drawn from the
legacy, pre-Care Act Pan-Lancashire/Cumbria table of stage timescales and
typical local practice in multi-agency procedures:

==========================  ====  ==================================================
Stage                       Days  Source of the default
==========================  ====  ==================================================
concern_received            1     referral (information gathering) within 1 working
                                  day; acknowledge a referral the same working day
                                  or within 24 hours
information_gathering       1     decision by the end of the working day after the
                                  referral
decided                     5     strategy within 5 working days
enquiry                     20    assessment/investigation within 4 working weeks;
                                  Trafford: enquiry report within 20 working days
plan_and_review             30    first review within 6 weeks
concluded, ceased, closed   none  no source sets one
==========================  ====  ==================================================

Each target counts working days from the day the case *entered* the stage (the
date of the history entry that brought it there, in the UTC offset it was
recorded with) to the day it should leave it. Reviewing a plan re-enters
``plan_and_review``, so the next review is due a target after the last one.
Pausing or resuming the enquiry (:func:`msp.workflow.steps.pause_enquiry`,
:func:`~msp.workflow.steps.resume_enquiry`), changing its route
(:func:`~msp.workflow.steps.change_route`) and reviewing the plan after the
enquiry concluded do not re-enter the stage. By
default the days an enquiry was paused count against the targets like any
others; a policy with ``count_paused_days=False`` moves a stage's due date later
by the working days the enquiry was paused while the case was in that stage.

A plan's own next review date (``RiskPlan.review_due_on``) is timed apart from
the stage targets: :func:`overdue_reviews` reports the plans, during the enquiry
or monitored after it concluded, whose review date has passed without a review.

**Risk rating at triage and timeliness.** A :class:`Policy` also holds the
local risk-rating scale (:data:`DEFAULT_RISK_SCALE`: low, medium, high,
critical) and, per rating, targets in working days for first contact with the
adult and for assessing immediate safety, counted from the day the concern was
received (:data:`DEFAULT_FIRST_CONTACT_TARGETS`,
:data:`DEFAULT_IMMEDIATE_SAFETY_TARGETS`; local practice, not law: London's
procedures replaced fixed timescales with locally agreed targets).
:func:`timeliness` measures one concern against them and
:func:`timeliness_caseload` a caseload; a rating that is not on the scale is
reported, never an error.

Working days skip weekends and the bank holidays of a :class:`WorkingCalendar`:
either the caller's own dates or, with the optional ``holidays`` extra, England
and Wales bank holidays (:meth:`WorkingCalendar.england_and_wales`). Nothing is
fetched over the network. The arithmetic counts whole weeks, then the days
left, less the holidays that fall on working days between (found by bisection
in the calendar's sorted holidays): a few steps whatever the distance. The test
suite holds it equal to python-dateutil's ``rrule`` walk, the reference it
replaced (about 20 times faster on a caseload's due dates).

**A policy file.** :func:`load_policy` reads a council's policy from a small JSON
file (what ``msp audit --policy FILE`` reads; docs/audit.md, "Timescale policy"), and
:func:`policy_from_dict` from its parsed JSON. Every key is optional and takes the
:class:`Policy` default where it is left out, so ``{}`` is ``Policy()``::

    {
      "msp_policy": 1,
      "name": "Our council's safeguarding timescales (2025)",
      "targets": {"concern_received": 1, "information_gathering": 1, "decided": 5,
                  "enquiry": 28, "plan_and_review": 30},
      "count_paused_days": false,
      "risk_scale": ["low", "medium", "high", "critical"],
      "first_contact_targets": {"low": 5, "medium": 3, "high": 1, "critical": 0},
      "immediate_safety_targets": {"low": 1, "medium": 1, "high": 0, "critical": 0},
      "unrated": null,
      "calendar": {
        "name": "England and Wales bank holidays and our closure days",
        "weekend": ["saturday", "sunday"],
        "holidays": ["2025-12-29", "2025-12-30", "2025-12-31"],
        "bank_holidays": "england-and-wales",
        "years": [2015, 2030]
      }
    }

``msp_policy`` is the format's version (:data:`POLICY_FORMAT_VERSION`). ``targets``
maps stage codes to whole numbers of working days (0 to 1000) and, where given,
replaces the default targets: a stage left out is not timed. ``weekend`` takes
weekday numbers (Monday 0 to Sunday 6) or names; ``holidays`` dates written
``YYYY-MM-DD``; ``bank_holidays`` ``"england-and-wales"`` adds the England and Wales
bank holidays of ``years`` (first and last; default :data:`FIRST_BANK_HOLIDAY_YEAR` to
two years after the current one), and needs the ``holidays`` extra. Names and ratings
are text on one line. Anything else (an unknown key or stage, ``true`` or ``"5"`` or
``4.5`` for a number, a date that is not one, a key given twice) is refused with a
:class:`PolicyError` that names the file and the place by JSON path.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   :func:`load_policy` and :func:`policy_from_dict`: a policy from a JSON file.
"""

from __future__ import annotations

import bisect
import difflib
import enum
import functools
import importlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple

import attrs

from msp.codes import CaseStage
from msp.errors import InvalidRecord, MspError
from msp.model.concern import Concern
from msp.workflow.steps import get_transition

__all__ = [
    "DEFAULT_FIRST_CONTACT_TARGETS",
    "DEFAULT_IMMEDIATE_SAFETY_TARGETS",
    "DEFAULT_RISK_SCALE",
    "DEFAULT_TARGETS",
    "FIRST_BANK_HOLIDAY_YEAR",
    "POLICY_FORMAT_VERSION",
    "Overdue",
    "OverdueReview",
    "Policy",
    "PolicyError",
    "StageDue",
    "Timed",
    "Timeliness",
    "Timing",
    "WorkingCalendar",
    "add_working_days",
    "due_dates",
    "load_policy",
    "overdue",
    "overdue_caseload",
    "overdue_reviews",
    "policy_from_dict",
    "review_overdue",
    "timeliness",
    "timeliness_caseload",
    "working_days_between",
]

DEFAULT_TARGETS: Final[Mapping[CaseStage, int]] = MappingProxyType(
    {
        CaseStage.CONCERN_RECEIVED: 1,
        CaseStage.INFORMATION_GATHERING: 1,
        CaseStage.DECIDED: 5,
        CaseStage.ENQUIRY: 20,
        CaseStage.PLAN_AND_REVIEW: 30,
    },
)
"""Local default targets in working days per stage (see the module docs for the
sources). Local defaults, not law: replace them with your council's targets."""

DEFAULT_RISK_SCALE: Final[tuple[str, ...]] = ("low", "medium", "high", "critical")
"""The default risk-rating scale at triage, lowest to highest. A local choice, not law:
councils use their own scales (for instance a red/amber/green rating)."""

DEFAULT_FIRST_CONTACT_TARGETS: Final[Mapping[str, int]] = MappingProxyType(
    {"low": 5, "medium": 3, "high": 1, "critical": 0},
)
"""Local default targets for first contact with the adult, in working days after the day the
concern was received, by risk rating (0: the same day). Local practice, not law: neither the
Care Act 2014 nor its statutory guidance sets them; replace them with your council's."""

DEFAULT_IMMEDIATE_SAFETY_TARGETS: Final[Mapping[str, int]] = MappingProxyType(
    {"low": 1, "medium": 1, "high": 0, "critical": 0},
)
"""Local default targets for assessing immediate safety (and any immediate action), in working
days after the day the concern was received, by risk rating (0: the same day). Every concern is
checked for immediate safety on receipt; the defaults follow the concern-stage target (the same
working day or within 24 hours) and make high and critical risks same-day. Local practice, not law."""

_DAYS_IN_WEEK: Final = 7


def _freeze_dates(value: Iterable[date]) -> frozenset[date]:
    return frozenset(value)


def _freeze_weekend(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _check_holidays(_inst: object, _attribute: attrs.Attribute[Any], value: frozenset[date]) -> None:
    if not all(type(d) is date for d in value):
        msg = "holidays are dates (datetime.date), not date-times or text"
        raise TypeError(msg)


def _check_weekend(_inst: object, _attribute: attrs.Attribute[Any], value: frozenset[int]) -> None:
    if not all(type(d) is int and 0 <= d < _DAYS_IN_WEEK for d in value):
        msg = "weekend days are weekday numbers, Monday 0 to Sunday 6"
        raise ValueError(msg)
    if len(value) == _DAYS_IN_WEEK:
        msg = "a calendar needs at least one working day in the week"
        raise ValueError(msg)


_DAY_NAMES: Final = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def _joined(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _holiday_count(count: int, kind: str = "") -> str:
    """``1 holiday``, ``3 other holidays``."""
    return f"{count:,} {kind}holiday{'s' if count != 1 else ''}"


def _calendar_name(calendar: WorkingCalendar) -> str:
    """What a calendar skips, in words: the default name of a :class:`WorkingCalendar`."""
    if calendar.weekend == frozenset({5, 6}) and not calendar.holidays:
        return "weekends only"
    days = [_DAY_NAMES[d] for d in sorted(calendar.weekend)]
    if calendar.holidays:
        days.append(_holiday_count(len(calendar.holidays)))
    return _joined(days) if days else "every day a working day"


@attrs.frozen(slots=True, kw_only=True, cache_hash=True)
class WorkingCalendar:
    """Which days are working days: not a weekend day and not a holiday.

    The default skips Saturdays and Sundays only: pass your bank holidays, or
    use :meth:`england_and_wales` (needs the ``holidays`` extra)::

        WorkingCalendar(holidays={date(2025, 12, 25), date(2025, 12, 26)})

    Attributes:
        holidays: non-working dates besides weekends (bank holidays, local closures).
        weekend: weekday numbers that are never working days (Monday 0 ... Sunday 6).
        name: the calendar's name, as given; empty where none was given.
            Reports show :attr:`label`.

    .. versionchanged:: 0.2.0
       ``name`` defaults to empty and :attr:`label` names an unnamed calendar by what
       it skips (``name`` was ``"weekends only"`` whatever the holidays, so a report
       named a calendar with holidays wrongly).
    """

    holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_freeze_dates, validator=_check_holidays)
    weekend: frozenset[int] = attrs.field(
        default=frozenset({5, 6}), converter=_freeze_weekend, validator=_check_weekend
    )
    name: str = ""

    @property
    def label(self) -> str:
        """The calendar's name, or where it has none what it skips: ``"weekends only"`` for the
        default calendar, else the weekend days and how many holidays (``"Saturdays, Sundays and
        3 holidays"``). Kept right by :func:`attrs.evolve`, since it is worked out when read."""
        return self.name or _calendar_name(self)

    @classmethod
    def england_and_wales(cls, years: Iterable[int]) -> WorkingCalendar:
        """Weekends and the England and Wales bank holidays of ``years``, from the ``holidays`` package.

        Install it with ``pip install "making-safeguarding-personal[holidays]"``.
        The package computes the dates locally: nothing is fetched. England and
        Wales share their bank holidays (Scotland and Northern Ireland differ).

        Raises:
            MspError: the ``holidays`` package is not installed.
        """
        try:
            package = importlib.import_module("holidays")
        except ImportError:
            msg = (
                "England and Wales bank holidays need the optional 'holidays' package: "
                'pip install "making-safeguarding-personal[holidays]", or pass your own dates'
            )
            raise MspError(msg) from None
        found = package.country_holidays("GB", subdiv="ENG", years=sorted(set(years)))
        return cls(holidays=frozenset(found.keys()), name="England and Wales bank holidays")

    def is_working_day(self, day: date) -> bool:
        """True where ``day`` is neither a weekend day nor a holiday."""
        return day.weekday() not in self.weekend and day not in self.holidays

    def _count(self, after: date, until: date) -> int:
        """Working days strictly after ``after`` up to ``until`` inclusive (``until >= after``)."""
        weeks, rest = divmod((until - after).days, _DAYS_IN_WEEK)
        weekend = self.weekend
        first = after.weekday()
        count = weeks * (_DAYS_IN_WEEK - len(weekend))
        count += sum(1 for k in range(1, rest + 1) if (first + k) % _DAYS_IN_WEEK not in weekend)
        off = _working_holidays(self)
        return count - (bisect.bisect_right(off, until) - bisect.bisect_right(off, after))

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted).

        ``days=0`` gives ``start`` unchanged. From a Friday, one working day is
        the next Monday (or Tuesday after a bank holiday Monday).

        Raises:
            ValueError: ``days`` is negative.
        """
        if days < 0:
            msg = "days must be zero or more"
            raise ValueError(msg)
        if days == 0:
            return start
        return _add_working_days(self, start, days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative where ``end`` is earlier.

        The inverse of :meth:`add_working_days`: for a working day ``end``,
        ``add_working_days(start, working_days_between(start, end)) == end``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        return self._count(start, end)


@functools.lru_cache(maxsize=8192)
def _add_working_days(calendar: WorkingCalendar, start: date, days: int) -> date:
    """:meth:`WorkingCalendar.add_working_days` for ``days`` of 1 or more, remembered: a caseload has few
    distinct (start, days) pairs. Calendars are frozen (and keep their hash), so an answer never goes stale."""
    per_week = _DAYS_IN_WEEK - len(calendar.weekend)
    # Whole weeks first (never past the answer: holidays only take days away), then day by day.
    day = start + timedelta(days=(days - 1) // per_week * _DAYS_IN_WEEK)
    left = days - calendar._count(start, day)  # noqa: SLF001
    while left > 0:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


@functools.lru_cache(maxsize=64)
def _working_holidays(calendar: WorkingCalendar) -> tuple[date, ...]:
    """The calendar's holidays that fall on a working weekday, sorted (calendars are frozen: never stale)."""
    return tuple(sorted(d for d in calendar.holidays if d.weekday() not in calendar.weekend))


def add_working_days(start: date, days: int, calendar: WorkingCalendar | None = None) -> date:
    """:meth:`WorkingCalendar.add_working_days` on ``calendar`` (default: weekends only)."""
    return (calendar or WorkingCalendar()).add_working_days(start, days)


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """:meth:`WorkingCalendar.working_days_between` on ``calendar`` (default: weekends only)."""
    return (calendar or WorkingCalendar()).working_days_between(start, end)


def _freeze_targets(value: Mapping[CaseStage, int]) -> Mapping[CaseStage, int]:
    return MappingProxyType(dict(value))


def _check_targets(_inst: object, _attribute: attrs.Attribute[Any], value: Mapping[CaseStage, int]) -> None:
    for stage, days in value.items():
        if not isinstance(stage, CaseStage):
            msg = "targets are keyed by CaseStage"
            raise TypeError(msg)
        if type(days) is not int or days < 0:
            msg = f"the target for {stage.code} is a whole number of working days, zero or more"
            raise ValueError(msg)


def _freeze_scale(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _check_scale(_inst: object, _attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value or not all(isinstance(r, str) and r.strip() for r in value):
        msg = "a risk-rating scale is one or more ratings, each a non-empty text"
        raise ValueError(msg)
    if len({r.strip().casefold() for r in value}) != len(value):
        msg = "the ratings on a risk-rating scale are all different (ignoring case)"
        raise ValueError(msg)


def _freeze_rating_targets(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(value))


def _check_rating_targets(inst: Policy, attribute: attrs.Attribute[Any], value: Mapping[str, int]) -> None:
    for rating, days in value.items():
        if rating not in inst.risk_scale:
            msg = f"the {attribute.name} are keyed by the ratings of the risk scale ({', '.join(inst.risk_scale)})"
            raise ValueError(msg)
        if type(days) is not int or days < 0:
            msg = f"the {attribute.name} target for {rating} is a whole number of working days, zero or more"
            raise ValueError(msg)


def _check_unrated(inst: Policy, _attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in inst.risk_scale:
        msg = f"unrated is a rating of the risk scale ({', '.join(inst.risk_scale)}) or None"
        raise ValueError(msg)


def _policy_from_fields(fields: dict[str, Any]) -> Policy:
    """Rebuild a pickled :class:`Policy` (see ``Policy.__reduce__``)."""
    return Policy(**fields)


def _policy_name(policy: Policy) -> str:
    """The default name of ``policy``: whether its timescale settings are the library's defaults."""
    defaults = (
        dict(policy.targets) == dict(DEFAULT_TARGETS)
        and policy.count_paused_days
        and policy.risk_scale == DEFAULT_RISK_SCALE
        and dict(policy.first_contact_targets) == dict(DEFAULT_FIRST_CONTACT_TARGETS)
        and dict(policy.immediate_safety_targets) == dict(DEFAULT_IMMEDIATE_SAFETY_TARGETS)
        and policy.unrated is None
    )
    return "local defaults (not law)" if defaults else "local policy (not law)"


@attrs.frozen(slots=True, kw_only=True)
class Policy:
    """One council's timescale policy: target working days per stage and its working calendar.

    Local targets, not law (see the module docs). Stages without a target are
    not timed.

    Attributes:
        targets: working days allowed in each stage, counted from the day the
            case entered it. Default: :data:`DEFAULT_TARGETS`.
        calendar: the working calendar. Default: weekends only; give it your
            bank holidays.
        name: the policy's name, as given; empty where none was given.
            Reports show :attr:`label`.
        count_paused_days: the days the enquiry was paused (``Concern.pauses``,
            for instance while a police-led or court process runs) count
            against the targets. Default ``True``: the clock runs through a
            pause. ``False``: the due date of a visit to ``enquiry`` or
            ``plan_and_review`` moves later by the working days the enquiry was
            paused during that visit (the day it was paused up to the day before
            it resumed). A local choice, not law.
        risk_scale: the risk ratings given at triage (``ImmediateSafety.risk_rating``),
            lowest to highest. Default: :data:`DEFAULT_RISK_SCALE`. A recorded
            rating matches a rating of the scale ignoring case and surrounding spaces.
        first_contact_targets: working days after the day received by which
            the adult is first contacted (spoken to or seen alone), by rating;
            0 is the same day. Ratings without a target are not timed.
            Default: :data:`DEFAULT_FIRST_CONTACT_TARGETS`.
        immediate_safety_targets: working days after the day received by which
            immediate safety is assessed, by rating. Default:
            :data:`DEFAULT_IMMEDIATE_SAFETY_TARGETS`.
        unrated: the rating whose targets time a concern with no rating
            recorded. Default ``None``: such a concern is not timed, and is
            reported as having no rating. A rating not on the scale is never
            timed.

    .. versionchanged:: 0.2.0
       ``count_paused_days``; the risk-rating scale and its timeliness targets
       (``risk_scale``, ``first_contact_targets``, ``immediate_safety_targets``,
       ``unrated``). ``name`` defaults to empty and :attr:`label` names an unnamed
       policy (``name`` was ``"local defaults (not law)"`` whatever the targets).
    """

    targets: Mapping[CaseStage, int] = attrs.field(
        default=DEFAULT_TARGETS, converter=_freeze_targets, validator=_check_targets, hash=False
    )
    calendar: WorkingCalendar = attrs.field(factory=WorkingCalendar)
    name: str = ""
    count_paused_days: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    risk_scale: tuple[str, ...] = attrs.field(
        default=DEFAULT_RISK_SCALE, converter=_freeze_scale, validator=_check_scale
    )
    first_contact_targets: Mapping[str, int] = attrs.field(
        default=DEFAULT_FIRST_CONTACT_TARGETS,
        converter=_freeze_rating_targets,
        validator=_check_rating_targets,
        hash=False,
    )
    immediate_safety_targets: Mapping[str, int] = attrs.field(
        default=DEFAULT_IMMEDIATE_SAFETY_TARGETS,
        converter=_freeze_rating_targets,
        validator=_check_rating_targets,
        hash=False,
    )
    unrated: str | None = attrs.field(default=None, validator=_check_unrated)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by keyword arguments: the frozen mappings (``MappingProxyType``) do not pickle
        themselves, and the converters freeze the plain dicts again on the way back."""
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(Policy)}
        return (_policy_from_fields, ({k: dict(v) if isinstance(v, Mapping) else v for k, v in fields.items()},))

    @property
    def label(self) -> str:
        """The policy's name, or where it has none ``"local defaults (not law)"`` while every
        timescale setting is the library's default (the calendar aside: reports name it
        separately), else ``"local policy (not law)"``. Worked out when read, so
        :func:`attrs.evolve` keeps it right."""
        return self.name or _policy_name(self)

    def target(self, stage: CaseStage) -> int | None:
        """The target for ``stage`` in working days, or ``None`` where it is not timed."""
        return self.targets.get(stage)

    def rating(self, recorded: str | None) -> str | None:
        """The rating of the scale that ``recorded`` names (ignoring case and surrounding
        spaces), or ``None`` where it names none (or is ``None``).

        .. versionadded:: 0.2.0
        """
        if recorded is None:
            return None
        wanted = recorded.strip().casefold()
        return next((r for r in self.risk_scale if r.strip().casefold() == wanted), None)


@attrs.frozen(slots=True, kw_only=True)
class StageDue:
    """One time a case was in a timed stage: when it entered, when it was due out, when it left.

    Attributes:
        stage: the stage.
        entered_on: the day the case entered it.
        due_on: the day it was due to leave it (entered plus the target in
            working days, plus ``paused_days``).
        left_on: the day it left, or ``None`` if it is still there.
        paused_days: the working days left out of the clock because the
            enquiry was paused during this visit: always 0 unless the policy
            says paused days do not count (:attr:`Policy.count_paused_days`).

    .. versionchanged:: 0.2.0
       ``paused_days``.
    """

    stage: CaseStage
    entered_on: date
    due_on: date
    left_on: date | None = None
    paused_days: int = 0

    @property
    def open(self) -> bool:
        """The case is still in this stage."""
        return self.left_on is None

    @property
    def late(self) -> bool:
        """The case left this stage after it was due to."""
        return self.left_on is not None and self.left_on > self.due_on


class OverdueReview(NamedTuple):
    """One safeguarding plan overdue for review: ``(concern_id, stage, due_on, days_overdue, last_reviewed_on)``.

    ``due_on`` is the plan's ``review_due_on``; ``days_overdue`` counts working
    days after it up to the ``as_of`` date; ``last_reviewed_on`` is the plan's
    latest review, or ``None`` if it was never reviewed.

    .. versionadded:: 0.2.0
    """

    concern_id: str
    stage: CaseStage
    due_on: date
    days_overdue: int
    last_reviewed_on: date | None


class Overdue(NamedTuple):
    """One overdue stage of one case: ``(concern_id, stage, due_on, days_overdue)``.

    ``days_overdue`` counts working days after ``due_on`` up to the ``as_of`` date.
    """

    concern_id: str
    stage: CaseStage
    due_on: date
    days_overdue: int


def _fallback_entry(concern: Concern) -> date | None:
    """For a record without history: the day it entered its current stage, from its own dates."""
    stage = concern.stage
    plan = concern.plan
    by_stage: dict[CaseStage, date | None] = {
        CaseStage.CONCERN_RECEIVED: concern.received_on,
        CaseStage.DECIDED: None if concern.decision is None else concern.decision.decided_on,
        CaseStage.ENQUIRY: None if concern.enquiry is None else concern.enquiry.started_on,
        CaseStage.PLAN_AND_REVIEW: None
        if plan is None
        else (plan.reviewed_on[-1] if plan.reviewed_on else plan.agreed_on),
        CaseStage.CONCLUDED: concern.concluded_on,
        CaseStage.CEASED_AT_ADULTS_REQUEST: concern.concluded_on,
        CaseStage.CLOSED: None if concern.closure is None else concern.closure.closed_on,
    }
    return by_stage.get(stage)


_PAUSABLE: Final = frozenset({CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW})


def _staying_entries(concern: Concern) -> frozenset[int]:
    """The indexes of the history entries that stay at their stage without re-entering it.

    Only a plan review re-enters its stage (``plan_and_review``): every other entry
    from a stage to itself (pausing or resuming the enquiry, changing its route, a
    plan reviewed after the enquiry concluded) keeps the clock of the visit it is
    in. At ``plan_and_review`` the entries that pause, resume or change the route
    are told from reviews by their dates: the pauses' start and end dates and the
    route changes' dates, matched in order. (Two such entries on the same day can
    be told apart only by their order, and either way the visit is dated that day.)
    """
    pauses, changes = concern.pauses, concern.route_changes
    found: set[int] = set()
    index, paused, changed = 0, False, 0
    for i, entry in enumerate(concern.history):
        if entry.from_stage is not entry.to_stage:
            continue
        day = entry.at.date()
        if entry.to_stage is not CaseStage.PLAN_AND_REVIEW:
            found.add(i)
        if entry.to_stage in _PAUSABLE and index < len(pauses):
            if not paused and day == pauses[index].paused_on:
                found.add(i)
                paused = True
                continue
            if paused and day == pauses[index].resumed_on:
                found.add(i)
                paused, index = False, index + 1
                continue
        if changed < len(changes) and day == changes[changed].changed_on:
            found.add(i)
            changed += 1
    return frozenset(found)


def _visits(concern: Concern) -> Iterator[tuple[CaseStage, date, date | None]]:
    history = concern.history
    if not history:
        entered = _fallback_entry(concern)
        if entered is not None:
            yield concern.stage, entered, None
        return
    skipped = _staying_entries(concern)
    entries = [entry for i, entry in enumerate(history) if i not in skipped]
    for i, entry in enumerate(entries):
        left = entries[i + 1].at.date() if i + 1 < len(entries) else None
        yield entry.to_stage, entry.at.date(), left


def _working_days_from(calendar: WorkingCalendar, first: date, end: date) -> int:
    """Working days from ``first`` (counted) up to ``end`` (not counted)."""
    if end <= first:
        return 0
    return calendar.working_days_between(first - timedelta(days=1), end - timedelta(days=1))


def _paused_working_days(
    concern: Concern, calendar: WorkingCalendar, entered: date, left: date | None, as_of: date | None
) -> int:
    """Working days the enquiry was paused while the case was in a stage from ``entered`` until ``left``.

    A pause counts from the day it started up to the day before it resumed; a
    pause still open counts up to the day before ``as_of`` (nothing without it).
    """
    total = 0
    for pause in concern.pauses:
        ends = [d for d in (pause.resumed_on, left) if d is not None]
        if pause.resumed_on is None and as_of is not None:
            ends.append(as_of)
        if not ends:
            continue
        total += _working_days_from(calendar, max(pause.paused_on, entered), min(ends))
    return total


def due_dates(concern: Concern, policy: Policy | None = None, *, as_of: date | None = None) -> tuple[StageDue, ...]:
    """Every time the case was in a timed stage, with its due date, oldest first.

    Read from the history; for a record without history, the current stage
    only, entered on the record's own date for it (received, decided, started,
    agreed or last reviewed, concluded, closed) where that is recorded.
    Pausing or resuming the enquiry does not re-enter the stage.

    Where the policy says paused days do not count
    (:attr:`Policy.count_paused_days` ``False``), each due date moves later by
    the working days the enquiry was paused during that visit
    (:attr:`StageDue.paused_days`). A pause that has not ended counts up to the
    day before ``as_of``; without ``as_of`` it adds nothing yet.

    .. versionchanged:: 0.2.0
       ``as_of``; pauses.
    """
    chosen = policy or Policy()
    out: list[StageDue] = []
    for stage, entered, left in _visits(concern):
        target = chosen.target(stage)
        if target is None:
            continue
        paused = 0
        if not chosen.count_paused_days and concern.pauses and stage in _PAUSABLE:
            paused = _paused_working_days(concern, chosen.calendar, entered, left, as_of)
        due = chosen.calendar.add_working_days(entered, target + paused)
        out.append(StageDue(stage=stage, entered_on=entered, due_on=due, left_on=left, paused_days=paused))
    return tuple(out)


def overdue(concern: Concern, as_of: date, policy: Policy | None = None) -> Iterator[Overdue]:
    """The case's overdue stages as of ``as_of``: the stage it is still in, once a working day past due.

    A case due on a Friday is not overdue on the Saturday or Sunday, and one
    working day overdue on the Monday. Where paused days do not count, a
    pause still open on ``as_of`` holds the count where it stood when the
    enquiry was paused.
    """
    chosen = policy or Policy()
    for item in due_dates(concern, chosen, as_of=as_of):
        if not item.open:
            continue
        days = chosen.calendar.working_days_between(item.due_on, as_of)
        if days > 0:
            yield Overdue(concern.concern_id, item.stage, item.due_on, days)


def overdue_caseload(concerns: Iterable[Concern], as_of: date, policy: Policy | None = None) -> Iterator[Overdue]:
    """The overdue stages of every case in ``concerns`` as of ``as_of``, case by case (streams)."""
    chosen = policy or Policy()
    for concern in concerns:
        yield from overdue(concern, as_of, chosen)


_REVIEWED_STAGES: Final = get_transition("review_plan").from_stages
"""The stages at which a plan is reviewed (and so its review can fall overdue): those of ``review_plan``."""


def review_overdue(concern: Concern, as_of: date, policy: Policy | None = None) -> OverdueReview | None:
    """The case's plan review, where it is overdue as of ``as_of``; else ``None``.

    A plan review is overdue where the case is at a stage where its plan is
    reviewed (``plan_and_review``, or ``concluded``: the plan monitored after
    the enquiry), the plan has a ``review_due_on``, no review is recorded on or
    after that date, and at least one working day of the policy's calendar
    has passed since it. A review before the due date does not meet it: set
    the next date at each review
    (:func:`review_plan(..., review_due_on=...) <msp.workflow.steps.review_plan>`).
    The date is the plan's own, not a target of the :class:`Policy`, whose
    calendar alone is used; pauses do not move it.

    .. versionadded:: 0.2.0
    """
    plan = concern.plan
    if plan is None or plan.review_due_on is None or concern.stage not in _REVIEWED_STAGES:
        return None
    due = plan.review_due_on
    if any(day >= due for day in plan.reviewed_on):
        return None
    days = (policy or Policy()).calendar.working_days_between(due, as_of)
    if days <= 0:
        return None
    last = max(plan.reviewed_on) if plan.reviewed_on else None
    return OverdueReview(concern.concern_id, concern.stage, due, days, last)


def overdue_reviews(concerns: Iterable[Concern], as_of: date, policy: Policy | None = None) -> Iterator[OverdueReview]:
    """The overdue plan reviews of every case in ``concerns`` as of ``as_of`` (streams): see :func:`review_overdue`.

    .. versionadded:: 0.2.0
    """
    chosen = policy or Policy()
    for concern in concerns:
        found = review_overdue(concern, as_of, chosen)
        if found is not None:
            yield found


# -- risk rating at triage and timeliness ---------------------------------------


class Timing(enum.Enum):
    """How one timeliness measure of one concern stands (:class:`Timed`).

    .. versionadded:: 0.2.0
    """

    MET = "met"
    """Done (its date recorded) within the target."""
    MISSED = "missed"
    """Done, but after the target."""
    NOT_YET_DUE = "not_yet_due"
    """Not recorded, and on the ``as_of`` day not yet a working day past the due date."""
    NOT_RECORDED = "not_recorded"
    """Not recorded, and a working day or more past the due date on ``as_of`` (or no ``as_of`` was given)."""
    NOT_TIMED = "not_timed"
    """No target applies: no rating (and no :attr:`Policy.unrated`), a rating not on the
    scale, or a rating without a target for this measure."""

    @property
    def code(self) -> str:
        """The stable code, e.g. ``not_yet_due``."""
        return self.value


@attrs.frozen(slots=True, kw_only=True)
class Timed:
    """One timeliness measure of one concern: first contact, or immediate safety.

    Attributes:
        timing: met, missed, not yet due, not recorded or not timed (:class:`Timing`).
        target: the target in working days after the day received (``None``: not timed).
        due_on: the day it was due (``None``: not timed).
        done_on: the day it was done, where recorded.
        working_days: working days from the day received to ``done_on``
            (``None`` where not recorded); 0 is the same day, or a day off
            after receipt on one.

    .. versionadded:: 0.2.0
    """

    timing: Timing
    target: int | None = None
    due_on: date | None = None
    done_on: date | None = None
    working_days: int | None = None


@attrs.frozen(slots=True, kw_only=True)
class Timeliness:
    """The risk rating at triage of one concern and the timeliness measures that use it.

    Attributes:
        concern_id: the concern.
        rating: the rating as recorded (``ImmediateSafety.risk_rating``), or ``None``.
        on_scale: the rating is on the policy's scale (ignoring case and surrounding spaces).
        timed_as: the rating of the scale whose targets applied: the rating
            recorded, or :attr:`Policy.unrated` for a concern without one;
            ``None`` where neither applies (not timed).
        first_contact: first contact with the adult: the earlier of
            ``contact.spoken_to_on`` and ``contact.seen_alone_on``.
        immediate_safety: immediate safety assessed: ``immediate_safety.assessed_on``.

    .. versionadded:: 0.2.0
    """

    concern_id: str
    rating: str | None
    on_scale: bool
    timed_as: str | None
    first_contact: Timed
    immediate_safety: Timed

    @property
    def off_scale(self) -> bool:
        """A rating is recorded but is not on the policy's scale."""
        return self.rating is not None and not self.on_scale


@functools.lru_cache(maxsize=65536)
def _working_days_taken(calendar: WorkingCalendar, start: date, end: date) -> int:
    """:meth:`WorkingCalendar.working_days_between`, remembered: a caseload has few distinct
    (received, done) pairs, and counting them is slow."""
    return calendar.working_days_between(start, end)


def _timed(
    calendar: WorkingCalendar, received: date, target: int | None, done: date | None, as_of: date | None
) -> Timed:
    if target is None:
        return Timed(timing=Timing.NOT_TIMED, done_on=done)
    due = calendar.add_working_days(received, target)
    if done is not None:
        days = _working_days_taken(calendar, received, done)
        timing = Timing.MET if days <= target else Timing.MISSED
        return Timed(timing=timing, target=target, due_on=due, done_on=done, working_days=days)
    if as_of is not None and as_of < calendar.add_working_days(due, 1):  # not yet a working day past due
        return Timed(timing=Timing.NOT_YET_DUE, target=target, due_on=due)
    return Timed(timing=Timing.NOT_RECORDED, target=target, due_on=due)


def _first_contact_on(concern: Concern) -> date | None:
    contact = concern.contact
    if contact is None:
        return None
    days = [d for d in (contact.spoken_to_on, contact.seen_alone_on) if d is not None]
    return min(days) if days else None


def timeliness(concern: Concern, policy: Policy | None = None, *, as_of: date | None = None) -> Timeliness:
    """The concern's risk rating at triage, and first contact and immediate safety against its targets.

    Each measure counts working days of the policy's calendar from the day the
    concern was received to the day it was done: within the rating's target is
    :attr:`Timing.MET`, after it :attr:`Timing.MISSED`. A concern received on a
    Friday whose adult is first spoken to on the Monday took 1 working day.
    Where nothing is recorded, the measure is :attr:`Timing.NOT_YET_DUE` until a
    working day past the due date on ``as_of``, then :attr:`Timing.NOT_RECORDED`
    (without ``as_of``, always :attr:`Timing.NOT_RECORDED`).

    A concern with no rating is timed against :attr:`Policy.unrated` where the
    policy sets one, else not timed (:attr:`Timing.NOT_TIMED`). A rating not on
    the scale is reported (:attr:`Timeliness.off_scale`) and not timed: never an
    error.

    .. versionadded:: 0.2.0
    """
    chosen = policy or Policy()
    safety = concern.immediate_safety
    recorded = None if safety is None else safety.risk_rating
    rating = chosen.rating(recorded)
    timed_as = rating if recorded is not None else chosen.unrated
    assessed = None if safety is None else safety.assessed_on
    contacted = _first_contact_on(concern)
    if timed_as is None:
        first = Timed(timing=Timing.NOT_TIMED, done_on=contacted)
        immediate = Timed(timing=Timing.NOT_TIMED, done_on=assessed)
    else:
        calendar, received = chosen.calendar, concern.received_on
        first = _timed(calendar, received, chosen.first_contact_targets.get(timed_as), contacted, as_of)
        immediate = _timed(calendar, received, chosen.immediate_safety_targets.get(timed_as), assessed, as_of)
    return Timeliness(
        concern_id=concern.concern_id,
        rating=recorded,
        on_scale=rating is not None,
        timed_as=timed_as,
        first_contact=first,
        immediate_safety=immediate,
    )


def timeliness_caseload(
    concerns: Iterable[Concern], policy: Policy | None = None, *, as_of: date | None = None
) -> Iterator[Timeliness]:
    """:func:`timeliness` for every case in ``concerns``, case by case (streams).

    .. versionadded:: 0.2.0
    """
    chosen = policy or Policy()
    for concern in concerns:
        yield timeliness(concern, chosen, as_of=as_of)


# -- a policy file ------------------------------------------------------------------


class PolicyError(MspError, ValueError):
    """A timescale policy file (or the value given to :func:`policy_from_dict`) is not valid.

    The message names the place (a JSON path such as ``$.targets.enquiry``, or a line
    and column for JSON that cannot be read), what is expected there and, from
    :func:`load_policy`, the file. It quotes no value but the keys and ratings the
    file itself gives.

    .. versionadded:: 0.2.0
    """


POLICY_FORMAT_VERSION: Final = 1
"""The version of the policy file's format that :func:`load_policy` reads (its ``msp_policy`` key)."""

FIRST_BANK_HOLIDAY_YEAR: Final = 2015
"""The first year of England and Wales bank holidays a policy file's calendar holds where it gives
no ``years``: the collection year 2015-16 is the Safeguarding Adults Collection's first."""

_POLICY_KEYS: Final = (
    "msp_policy",
    "name",
    "targets",
    "count_paused_days",
    "risk_scale",
    "first_contact_targets",
    "immediate_safety_targets",
    "unrated",
    "calendar",
)
_CALENDAR_KEYS: Final = ("name", "weekend", "holidays", "bank_holidays", "years")
_BANK_HOLIDAYS: Final = ("england-and-wales",)
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_STAGES: Final = {stage.code: stage for stage in CaseStage}
_MOST_DAYS: Final = 1000
"""The largest target a policy file may give, in working days (about four years): no local policy
needs more, and it keeps every due date well inside the calendar."""
_LONGEST_TEXT: Final = 200
_YEARS: Final = (1900, 2100)
"""The first and last years a policy file's bank holidays may be asked for."""
_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _where(path: str, key: object) -> str:
    """The JSON path of ``key`` in the object at ``path``: ``$.targets.enquiry``, or ``$["odd key"]``."""
    text = str(key)
    return f"{path}.{text}" if text.isidentifier() and text.isascii() else f"{path}[{json.dumps(text)}]"


def _hint(given: object, known: Iterable[str], *, listed: str) -> str:
    """`` (did you mean X?)`` for the closest of ``known``, else `` (listed)``."""
    choices = tuple(known)
    if isinstance(given, str):
        folded = given.strip().casefold()
        same = [k for k in choices if k.strip().casefold() == folded]
        near = same or difflib.get_close_matches(folded, choices, n=1)
        if near:
            return f" (did you mean {near[0]}?)"
    return f" ({listed})"


def _object(value: object, path: str, expected: str, known: tuple[str, ...]) -> Mapping[Any, Any]:
    """``value`` as a JSON object with no key but ``known``, or :class:`PolicyError` at ``path``."""
    if not isinstance(value, Mapping):
        raise PolicyError(f"{path}: {expected}")
    for key in value:
        if key not in known:
            hint = _hint(key, known, listed=f"known: {', '.join(known)}")
            raise PolicyError(f"{_where(path, key)}: unknown key{hint}")
    return value


def _list(value: object, path: str, expected: str) -> list[Any] | tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise PolicyError(f"{path}: {expected}")
    return value


def _days(value: object, path: str) -> int:
    if type(value) is not int or not 0 <= value <= _MOST_DAYS:
        raise PolicyError(f"{path}: a whole number of working days from 0 to {_MOST_DAYS}")
    return value


def _text(value: object, path: str, *, blank: bool = True) -> str:
    if (
        not isinstance(value, str)
        or len(value) > _LONGEST_TEXT
        or _CONTROL.search(value)
        or (not blank and not value.strip())
    ):
        empty = "" if blank else "non-empty "
        raise PolicyError(f"{path}: {empty}text on one line, at most {_LONGEST_TEXT} characters")
    return value


def _stage_targets(value: object) -> dict[CaseStage, int]:
    """The targets by stage, in workflow order; an unknown stage code is named as such, with the closest stage."""
    if not isinstance(value, Mapping):
        raise PolicyError("$.targets: an object of stage codes and working days")
    for code in value:
        if code not in _STAGES:
            hint = _hint(code, _STAGES, listed=f"stages: {', '.join(_STAGES)}")
            raise PolicyError(f"{_where('$.targets', code)}: not a stage{hint}")
    return {
        stage: _days(value[stage.code], _where("$.targets", stage.code)) for stage in CaseStage if stage.code in value
    }


def _risk_scale(value: object) -> tuple[str, ...]:
    path = "$.risk_scale"
    items = _list(value, path, "a list of one or more ratings, lowest to highest")
    if not items:
        raise PolicyError(f"{path}: a list of one or more ratings, lowest to highest")
    seen: dict[str, int] = {}
    for i, rating in enumerate(items):
        where = f"{path}[{i}]"
        folded = _text(rating, where, blank=False).strip().casefold()
        if folded in seen:
            raise PolicyError(f"{where}: the same rating as {path}[{seen[folded]}] (case is ignored)")
        seen[folded] = i
    return tuple(items)


def _rating_targets(
    data: Mapping[Any, Any], key: str, scale: tuple[str, ...], default: Mapping[str, int]
) -> Mapping[str, int]:
    """The targets by rating under ``key``, or the default where the default fits the scale."""
    path = f"$.{key}"
    if key not in data:
        if all(rating in scale for rating in default):
            return default
        raise PolicyError(
            f"$: give {key} for the ratings of risk_scale (the default targets are for {', '.join(DEFAULT_RISK_SCALE)})"
        )
    found = data[key]
    if not isinstance(found, Mapping):
        raise PolicyError(f"{path}: an object of ratings of the risk scale and working days")
    targets: dict[str, int] = {}
    for rating, days in found.items():
        if rating not in scale:
            hint = _hint(rating, scale, listed=f"the scale: {', '.join(scale)}")
            raise PolicyError(f"{_where(path, rating)}: not a rating of the risk scale{hint}")
        targets[rating] = _days(days, _where(path, rating))
    return targets


def _unrated(value: object, scale: tuple[str, ...]) -> str | None:
    if value is None or (isinstance(value, str) and value in scale):
        return value
    hint = _hint(value, scale, listed=f"the scale: {', '.join(scale)}")
    raise PolicyError(f"$.unrated: a rating of the risk scale, or null{hint}")


def _weekend(value: object) -> frozenset[int]:
    path = "$.calendar.weekend"
    expected = 'weekday numbers (Monday 0 to Sunday 6) or names such as "saturday"'
    days: dict[int, int] = {}
    for i, day in enumerate(_list(value, path, f"a list of {expected}")):
        where = f"{path}[{i}]"
        if type(day) is int and 0 <= day < _DAYS_IN_WEEK:
            number = day
        elif isinstance(day, str) and day.strip().casefold() in _WEEKDAYS:
            number = _WEEKDAYS.index(day.strip().casefold())
        else:
            hint = _hint(day, _WEEKDAYS, listed=expected) if isinstance(day, str) else ""
            raise PolicyError(f"{where}: a weekday: a number, Monday 0 to Sunday 6, or a name such as saturday{hint}")
        if number in days:
            raise PolicyError(f"{where}: the same day as {path}[{days[number]}]")
        days[number] = i
    if len(days) == _DAYS_IN_WEEK:
        raise PolicyError(f"{path}: every day of the week: a calendar needs at least one working day")
    return frozenset(days)


def _holidays(value: object) -> frozenset[date]:
    path = "$.calendar.holidays"
    seen: dict[date, int] = {}
    for i, text in enumerate(_list(value, path, "a list of dates written YYYY-MM-DD")):
        where = f"{path}[{i}]"
        if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
            raise PolicyError(f"{where}: a date written YYYY-MM-DD")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PolicyError(f"{where}: no such day (a date written YYYY-MM-DD)") from None
        if day in seen:
            raise PolicyError(f"{where}: the same date as {path}[{seen[day]}]")
        seen[day] = i
    return frozenset(seen)


def _years(value: object) -> tuple[int, int]:
    path = "$.calendar.years"
    first, last = _YEARS
    items = _list(value, path, f"[first, last]: the first and last years, such as [{FIRST_BANK_HOLIDAY_YEAR}, 2030]")
    if len(items) != 2:  # noqa: PLR2004 - first and last
        raise PolicyError(f"{path}: [first, last]: the first and last years, such as [{FIRST_BANK_HOLIDAY_YEAR}, 2030]")
    for i, year in enumerate(items):
        if type(year) is not int or not first <= year <= last:
            raise PolicyError(f"{path}[{i}]: a year from {first} to {last}")
    if items[0] > items[1]:
        raise PolicyError(f"{path}: the first year is after the last")
    return items[0], items[1]


def _bank_holiday_name(weekend: frozenset[int], years: tuple[int, int], others: int) -> str:
    """What an unnamed calendar with bank holidays skips: ``England and Wales bank holidays 2015 to 2028``,
    with the weekend where it is not Saturday and Sunday and the count of other holidays."""
    parts = []
    if weekend != frozenset({5, 6}):
        parts.append(", ".join(_DAY_NAMES[d] for d in sorted(weekend)) if weekend else "no weekend days")
    first, last = years
    parts.append(f"England and Wales bank holidays {first}" + ("" if first == last else f" to {last}"))
    if others:
        parts.append(_holiday_count(others, "other "))
    return _joined(parts)


def _calendar(value: object) -> WorkingCalendar:
    data = _object(value, "$.calendar", f"an object with any of {', '.join(_CALENDAR_KEYS)}", _CALENDAR_KEYS)
    name = _text(data.get("name", ""), "$.calendar.name")
    weekend = _weekend(data["weekend"]) if "weekend" in data else frozenset({5, 6})
    own = _holidays(data.get("holidays", ()))
    bank = data.get("bank_holidays")
    if bank is not None and bank not in _BANK_HOLIDAYS:
        near = difflib.get_close_matches(bank.strip().casefold(), _BANK_HOLIDAYS, n=1) if isinstance(bank, str) else []
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise PolicyError(f'$.calendar.bank_holidays: "england-and-wales", or null or left out for none{hint}')
    if bank is None:
        if "years" in data:
            raise PolicyError("$.calendar.years: the years of the bank holidays: give bank_holidays too")
        return WorkingCalendar(holidays=own, weekend=weekend, name=name)
    years = _years(data["years"]) if "years" in data else (FIRST_BANK_HOLIDAY_YEAR, date.today().year + 2)  # noqa: DTZ011
    try:
        england = WorkingCalendar.england_and_wales(range(years[0], years[1] + 1))
    except MspError as exc:
        raise PolicyError(f"$.calendar.bank_holidays: {exc}") from None
    name = name or _bank_holiday_name(weekend, years, len(own - england.holidays))
    return WorkingCalendar(holidays=england.holidays | own, weekend=weekend, name=name)


def policy_from_dict(data: object) -> Policy:
    """A :class:`Policy` from a JSON value in the policy file's format (see :func:`load_policy`).

    Every key is optional: one left out takes the :class:`Policy` default, so ``{}`` is
    ``Policy()``. ``targets``, where given, replaces the default stage targets (a
    stage left out is not timed), as :attr:`Policy.targets` does.

    Args:
        data: the parsed JSON: an object.

    Returns:
        The policy.

    Raises:
        PolicyError: the value is not in the format: the message names the place by
            JSON path (``$.targets.enqiury: not a stage (did you mean enquiry?)``) and
            what is expected there; or bank holidays are asked for without the
            ``holidays`` extra installed (the message says how to install it).

    .. versionadded:: 0.2.0
    """
    found = _object(data, "$", "a JSON object (a timescale policy)", _POLICY_KEYS)
    version = found.get("msp_policy", POLICY_FORMAT_VERSION)
    if type(version) is not int or version != POLICY_FORMAT_VERSION:
        raise PolicyError(f"$.msp_policy: {POLICY_FORMAT_VERSION}, the version of the format this library reads")
    fields: dict[str, Any] = {"name": _text(found.get("name", ""), "$.name")}
    if "targets" in found:
        fields["targets"] = _stage_targets(found["targets"])
    if "count_paused_days" in found:
        if type(found["count_paused_days"]) is not bool:
            raise PolicyError("$.count_paused_days: true or false")
        fields["count_paused_days"] = found["count_paused_days"]
    scale = _risk_scale(found["risk_scale"]) if "risk_scale" in found else DEFAULT_RISK_SCALE
    fields["risk_scale"] = scale
    fields["first_contact_targets"] = _rating_targets(
        found, "first_contact_targets", scale, DEFAULT_FIRST_CONTACT_TARGETS
    )
    fields["immediate_safety_targets"] = _rating_targets(
        found, "immediate_safety_targets", scale, DEFAULT_IMMEDIATE_SAFETY_TARGETS
    )
    fields["unrated"] = _unrated(found.get("unrated"), scale)
    if "calendar" in found:
        fields["calendar"] = _calendar(found["calendar"])
    try:
        return Policy(**fields)
    except (TypeError, ValueError) as exc:  # pragma: no cover - every value was checked above
        raise PolicyError(f"$: {exc}") from None


def load_policy(path: str | Path) -> Policy:
    """Read a timescale policy file: UTF-8 JSON in the format of :func:`policy_from_dict`.

    The JSON is read as every reader of this library reads it (docs/json.md): a key given
    twice in an object, ``NaN`` and ``Infinity`` are refused, each located.

    Args:
        path: the file (``msp audit --policy FILE``).

    Returns:
        The policy.

    Raises:
        PolicyError: the file is not UTF-8 JSON or not in the format: the message starts
            ``policy file PATH:`` and names the place (line and column, or a JSON path).
        OSError: the file cannot be read.

    .. versionadded:: 0.2.0
    """
    from msp.convert import _fast  # noqa: PLC0415 - the library's one strict JSON reader, loaded when used

    name = str(path)
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicyError(f"policy file {name}: not UTF-8 text") from None
    try:
        data = _fast.read_json(text)
    except InvalidRecord as exc:
        first = exc.problems[0]
        raise PolicyError(f"policy file {name}: {first.path}: {first.message}") from None
    except json.JSONDecodeError as exc:
        raise PolicyError(
            f"policy file {name}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise PolicyError(f"policy file {name}: JSON nested too deeply") from None
    try:
        return policy_from_dict(data)
    except PolicyError as exc:
        raise PolicyError(f"policy file {name}: {exc}") from None
