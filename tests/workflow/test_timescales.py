"""Timescales: working days over weekends and bank holidays, the local-default policy, due dates,
and overdue cases and caseloads. No test needs the optional ``holidays`` package except one, which
is skipped where it is not installed."""

from __future__ import annotations

import importlib
import json
from datetime import date, datetime, time, timedelta, timezone
from itertools import islice
from types import GeneratorType

import attrs
import pytest
from dateutil.rrule import DAILY, rrule, rruleset, weekdays
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import Actor, HistoryEntry
from msp.codes import CaseStage
from msp.errors import MspError
from msp.workflow import steps as wf
from msp.workflow import timescales as ts
from msp.workflow.timescales import DEFAULT_TARGETS, Overdue, Policy, StageDue, WorkingCalendar
from tests.builders import CLERK, WORKER, closure, draft, other_decision, plan, reach, s42_decision

# England and Wales bank holidays, 2025, written out (gov.uk): the caller-supplied calendar.
EW_2025 = frozenset(
    {
        date(2025, 1, 1),
        date(2025, 4, 18),
        date(2025, 4, 21),
        date(2025, 5, 5),
        date(2025, 5, 26),
        date(2025, 8, 25),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }
)
CAL = WorkingCalendar(holidays=EW_2025, name="England and Wales 2025")
POLICY = Policy(calendar=CAL)

FRI = date(2025, 8, 22)  # before the summer bank holiday Monday
MON_HOLIDAY = date(2025, 8, 25)


def moment(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def received(on: date, concern_id: str = "C-TS-0001") -> msp.Concern:
    """A concern received on ``on`` through the workflow."""
    return wf.receive(draft(concern_id=concern_id, received_on=on, contact=None), actor=CLERK, at=moment(on, 9))


class TestWorkingDays:
    """Working days skip weekends and the calendar's bank holidays."""

    @pytest.mark.parametrize(
        ("start", "days", "expected"),
        [
            (date(2025, 6, 2), 0, date(2025, 6, 2)),  # Monday + 0
            (date(2025, 6, 2), 1, date(2025, 6, 3)),
            (date(2025, 6, 6), 1, date(2025, 6, 9)),  # Friday + 1 is Monday
            (date(2025, 6, 7), 1, date(2025, 6, 9)),  # Saturday + 1 is Monday
            (date(2025, 6, 2), 5, date(2025, 6, 9)),
            (date(2025, 6, 2), 20, date(2025, 6, 30)),
        ],
    )
    def test_weekends_are_skipped(self, start, days, expected):
        """Adding working days skips Saturdays and Sundays; the start day is not counted."""
        assert ts.add_working_days(start, days) == expected
        assert WorkingCalendar().add_working_days(start, days) == expected

    def test_bank_holidays_from_the_callers_calendar_are_skipped(self):
        """Friday before the summer bank holiday + 1 is Tuesday with the calendar, Monday without."""
        assert CAL.add_working_days(FRI, 1) == date(2025, 8, 26)
        assert ts.add_working_days(FRI, 1) == MON_HOLIDAY
        assert CAL.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
        assert CAL.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)  # over Easter

    def test_remembered_answers_never_cross_calendars(self):
        """Due dates are remembered per calendar: asking in any order gives each calendar's own answer."""
        plain, with_holiday = WorkingCalendar(), WorkingCalendar(holidays={MON_HOLIDAY})
        for _ in range(2):
            assert plain.add_working_days(FRI, 1) == MON_HOLIDAY
            assert with_holiday.add_working_days(FRI, 1) == date(2025, 8, 26)
        assert WorkingCalendar(holidays={MON_HOLIDAY}).add_working_days(FRI, 1) == date(2025, 8, 26)

    def test_is_working_day(self):
        """Weekends and holidays are not working days."""
        assert CAL.is_working_day(FRI)
        assert not CAL.is_working_day(MON_HOLIDAY)
        assert not CAL.is_working_day(date(2025, 8, 23))
        assert WorkingCalendar().is_working_day(MON_HOLIDAY)

    def test_custom_weekend(self):
        """A calendar may treat other days as the weekend (e.g. a service closed on Fridays too)."""
        cal = WorkingCalendar(weekend={4, 5, 6})
        assert cal.add_working_days(date(2025, 6, 5), 1) == date(2025, 6, 9)

    def test_between(self):
        """Working days after the start up to and including the end; negative backwards; zero on the day."""
        assert CAL.working_days_between(FRI, date(2025, 8, 26)) == 1
        assert CAL.working_days_between(FRI, date(2025, 8, 29)) == 4
        assert CAL.working_days_between(date(2025, 8, 29), FRI) == -4
        assert CAL.working_days_between(FRI, FRI) == 0
        assert CAL.working_days_between(FRI, date(2025, 8, 24)) == 0
        assert ts.working_days_between(FRI, date(2025, 8, 26)) == 2

    @given(
        start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
        days=st.integers(0, 80),
    )
    def test_between_inverts_add(self, start, days):
        """For any start and count, counting back the working days gives the count, and the result is a working day."""
        end = CAL.add_working_days(start, days)
        assert CAL.working_days_between(start, end) == days
        if days:
            assert CAL.is_working_day(end)
            assert end > start

    def test_negative_days(self):
        """Adding a negative number of working days is an error."""
        with pytest.raises(ValueError, match="zero or more"):
            CAL.add_working_days(FRI, -1)

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"holidays": {datetime(2025, 1, 1, tzinfo=timezone.utc)}}, TypeError),
            ({"holidays": {"2025-01-01"}}, TypeError),
            ({"weekend": {7}}, ValueError),
            ({"weekend": set(range(7))}, ValueError),
        ],
    )
    def test_bad_calendars(self, kwargs, error):
        """Holidays are dates; weekend days are 0-6 and leave at least one working day."""
        with pytest.raises(error):
            WorkingCalendar(**kwargs)

    def test_calendar_is_frozen_and_hashable(self):
        """A calendar is an immutable value."""
        assert hash(CAL) == hash(WorkingCalendar(holidays=set(EW_2025), name="England and Wales 2025"))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            CAL.name = "x"  # type: ignore[misc]


def _rrule_working_days(calendar: WorkingCalendar, after: date, until: date | None = None) -> rruleset:
    """The reference: python-dateutil's rrule walk over working days strictly after ``after`` (to ``until``)."""
    days = tuple(weekdays[i] for i in range(7) if i not in calendar.weekend)
    first = datetime.combine(after + timedelta(days=1), time())
    last = None if until is None else datetime.combine(until, time())
    out = rruleset()
    out.rrule(rrule(DAILY, dtstart=first, until=last, byweekday=days))
    for holiday in calendar.holidays:
        if holiday > after and (until is None or holiday <= until):
            out.exdate(datetime.combine(holiday, time()))
    return out


class TestAgainstTheRruleReference:
    """The week-counting arithmetic gives exactly what dateutil's rrule walk gives, for any calendar."""

    @given(
        weekend=st.frozensets(st.integers(0, 6), max_size=4),
        holidays=st.frozensets(st.dates(date(2024, 1, 1), date(2026, 12, 31)), max_size=25),
        start=st.dates(date(2024, 1, 1), date(2026, 6, 30)),
        days=st.integers(0, 70),
        span=st.integers(-120, 120),
    )
    def test_add_and_between(self, weekend, holidays, start, days, span):
        calendar = WorkingCalendar(holidays=holidays, weekend=weekend)
        expected = start if days == 0 else next(islice(_rrule_working_days(calendar, start), days - 1, None)).date()
        assert calendar.add_working_days(start, days) == expected
        end = start + timedelta(days=span)
        if span > 0:
            counted = sum(1 for _ in _rrule_working_days(calendar, start, end))
        elif span < 0:
            counted = -sum(1 for _ in _rrule_working_days(calendar, end, start))
        else:
            counted = 0
        assert calendar.working_days_between(start, end) == counted


class TestEnglandAndWales:
    """The England and Wales calendar comes from the holidays extra, or a clear error without it."""

    def test_without_the_package_says_how_to_install_it(self, monkeypatch):
        """Without the optional package, a clear MspError names the extra and the alternative."""
        _without_the_holidays_package(monkeypatch)
        with pytest.raises(MspError, match=r"making-safeguarding-personal\[holidays\]"):
            WorkingCalendar.england_and_wales([2025])

    def test_with_the_package(self):
        """With the optional package, the 2025 England and Wales bank holidays match gov.uk's list."""
        pytest.importorskip("holidays", reason="the holidays extra is not installed")
        cal = WorkingCalendar.england_and_wales([2025])
        assert cal.holidays == EW_2025
        assert date(2025, 8, 4) not in cal.holidays  # Scotland's summer bank holiday


class TestPolicy:
    """A timescales policy has the documented local targets, is configurable, frozen and hashable."""

    def test_local_defaults(self):
        """The defaults are the documented local ones, and untimed stages have no target."""
        p = Policy()
        assert dict(p.targets) == {
            CaseStage.CONCERN_RECEIVED: 1,
            CaseStage.INFORMATION_GATHERING: 1,
            CaseStage.DECIDED: 5,
            CaseStage.ENQUIRY: 20,
            CaseStage.PLAN_AND_REVIEW: 30,
        }
        assert p.target(CaseStage.CLOSED) is None
        assert p.name == ""
        assert p.label == "local defaults (not law)"
        assert "not law" in (ts.__doc__ or "")

    def test_a_policy_pickles_and_comes_back_equal_and_frozen(self):
        """A policy goes to worker processes and caches like any value: pickling keeps every setting."""
        import pickle  # noqa: PLC0415

        ours = Policy(
            name="Ours",
            targets={**DEFAULT_TARGETS, CaseStage.ENQUIRY: 28},
            calendar=WorkingCalendar(holidays={date(2025, 12, 25)}),
            count_paused_days=False,
            unrated="medium",
        )
        for policy in (Policy(), ours):
            back = pickle.loads(pickle.dumps(policy))  # noqa: S301 - our own object
            assert back == policy
            assert type(back) is Policy
            assert back.label == policy.label
            with pytest.raises(TypeError):
                back.targets[CaseStage.ENQUIRY] = 1  # type: ignore[index]

    def test_an_unnamed_policy_or_calendar_is_labelled_by_what_it_holds(self):
        """A report never calls a council's own targets "local defaults", nor a calendar with holidays
        "weekends only"; the label follows attrs.evolve, and a given name is kept as given."""
        assert Policy(targets={**DEFAULT_TARGETS, CaseStage.ENQUIRY: 28}).label == "local policy (not law)"
        assert Policy(count_paused_days=False).label == "local policy (not law)"
        assert Policy(unrated="medium").label == "local policy (not law)"
        assert attrs.evolve(Policy(), count_paused_days=False).label == "local policy (not law)"
        assert Policy(calendar=WorkingCalendar(holidays={date(2025, 12, 25)})).label == "local defaults (not law)"
        assert Policy(name="Ours (2025)", count_paused_days=False).label == "Ours (2025)"
        assert WorkingCalendar().label == "weekends only"
        assert WorkingCalendar(holidays={date(2025, 12, 25)}).label == "Saturdays, Sundays and 1 holiday"
        assert WorkingCalendar(holidays={date(2025, 12, 25), date(2025, 12, 26)}, weekend={6}).label == (
            "Sundays and 2 holidays"
        )
        assert WorkingCalendar(weekend=()).label == "every day a working day"
        assert attrs.evolve(WorkingCalendar(), holidays={date(2026, 1, 1)}).label == "Saturdays, Sundays and 1 holiday"
        assert WorkingCalendar(holidays={date(2026, 1, 1)}, name="Ours").label == "Ours"

    def test_targets_are_configurable_and_frozen(self):
        """A council sets its own targets; the policy copies and freezes them."""
        mine = {**DEFAULT_TARGETS, CaseStage.ENQUIRY: 28}
        p = Policy(targets=mine)
        mine[CaseStage.ENQUIRY] = 1
        assert p.target(CaseStage.ENQUIRY) == 28
        with pytest.raises(TypeError):
            p.targets[CaseStage.ENQUIRY] = 2  # type: ignore[index]
        assert Policy(targets={}).target(CaseStage.ENQUIRY) is None

    @pytest.mark.parametrize(
        ("targets", "error"),
        [
            ({CaseStage.ENQUIRY: -1}, ValueError),
            ({CaseStage.ENQUIRY: 2.5}, ValueError),
            ({CaseStage.ENQUIRY: True}, ValueError),
            ({"enquiry": 5}, TypeError),
        ],
    )
    def test_bad_targets(self, targets, error):
        """Targets are whole, non-negative working days keyed by CaseStage."""
        with pytest.raises(error):
            Policy(targets=targets)

    def test_hashable(self):
        """A policy can be hashed (its calendar and name; the targets are compared by equality)."""
        assert hash(Policy()) == hash(Policy())
        assert Policy() == Policy(targets=dict(DEFAULT_TARGETS))


class TestDueDates:
    """Each timed stage visit gets its due date from when the case entered the stage."""

    def test_each_stage_visit_has_its_due_date(self):
        """Each timed stage is due its target in working days after the day the case entered it."""
        c = reach(CaseStage.PLAN_AND_REVIEW)  # received Mon 2 June, information 2 June, decided 4, enquiry 5, plan 6
        rows = ts.due_dates(c, POLICY)
        assert rows == (
            StageDue(
                stage=CaseStage.CONCERN_RECEIVED,
                entered_on=date(2025, 6, 2),
                due_on=date(2025, 6, 3),
                left_on=date(2025, 6, 2),
            ),
            StageDue(
                stage=CaseStage.INFORMATION_GATHERING,
                entered_on=date(2025, 6, 2),
                due_on=date(2025, 6, 3),
                left_on=date(2025, 6, 4),
            ),
            StageDue(
                stage=CaseStage.DECIDED, entered_on=date(2025, 6, 4), due_on=date(2025, 6, 11), left_on=date(2025, 6, 5)
            ),
            StageDue(
                stage=CaseStage.ENQUIRY, entered_on=date(2025, 6, 5), due_on=date(2025, 7, 3), left_on=date(2025, 6, 6)
            ),
            StageDue(stage=CaseStage.PLAN_AND_REVIEW, entered_on=date(2025, 6, 6), due_on=date(2025, 7, 18)),
        )
        assert [r.late for r in rows] == [False, True, False, False, False]
        assert [r.open for r in rows] == [False, False, False, False, True]

    def test_untimed_stages_are_left_out(self):
        """A closed case's closure and conclusion have no default target."""
        rows = ts.due_dates(reach(CaseStage.CLOSED), POLICY)
        assert CaseStage.CLOSED not in {r.stage for r in rows}
        assert CaseStage.CONCLUDED not in {r.stage for r in rows}

    def test_a_plan_review_resets_the_clock(self):
        """The next review is due a target after the last review."""
        c = wf.review_plan(reach(CaseStage.PLAN_AND_REVIEW), actor=WORKER, at=moment(date(2025, 7, 1)))
        last = ts.due_dates(c, POLICY)[-1]
        assert (last.entered_on, last.due_on, last.open) == (date(2025, 7, 1), date(2025, 8, 12), True)

    def test_the_recorded_offset_decides_the_day(self):
        """A step at 00:30 British Summer Time counts on that day, not the UTC day before."""
        bst = timezone(timedelta(hours=1))
        c = wf.receive(draft(), actor=CLERK, at=datetime(2025, 6, 2, 0, 30, tzinfo=bst))
        assert ts.due_dates(c, POLICY)[0].entered_on == date(2025, 6, 2)

    @pytest.mark.parametrize(
        ("changes", "entered"),
        [
            ({}, date(2025, 6, 2)),
            ({"stage": CaseStage.PLAN_AND_REVIEW, "plan": plan(agreed_on=date(2025, 6, 9))}, date(2025, 6, 9)),
            (
                {
                    "stage": CaseStage.PLAN_AND_REVIEW,
                    "plan": plan(agreed_on=date(2025, 6, 9), reviewed_on=(date(2025, 6, 20),)),
                },
                date(2025, 6, 20),
            ),
        ],
    )
    def test_records_without_history_use_their_own_dates(self, changes, entered):
        """A legacy record is timed from its own date for its current stage."""
        rows = ts.due_dates(draft(**changes), POLICY)
        assert len(rows) == 1
        assert rows[0].entered_on == entered
        assert rows[0].open

    def test_records_without_history_or_date(self):
        """No history and no date for the stage: nothing can be timed."""
        assert ts.due_dates(draft(stage=CaseStage.INFORMATION_GATHERING), POLICY) == ()
        assert ts.due_dates(draft(stage=CaseStage.ENQUIRY), POLICY) == ()

    def test_default_policy(self):
        """Without a policy, the local defaults and a weekends-only calendar apply."""
        assert ts.due_dates(received(FRI))[0].due_on == MON_HOLIDAY


class TestOverdue:
    """Only the current stage can be overdue, counted in working days."""

    def test_not_overdue_on_or_before_the_due_day(self):
        """Due Tuesday 26 August (Friday + 1 over the bank holiday): not overdue until a working day has passed."""
        c = received(FRI)
        for day in (FRI, MON_HOLIDAY, date(2025, 8, 26)):
            assert list(ts.overdue(c, day, POLICY)) == []
        assert list(ts.overdue(c, date(2025, 8, 27), POLICY)) == [
            Overdue("C-TS-0001", CaseStage.CONCERN_RECEIVED, date(2025, 8, 26), 1)
        ]

    def test_the_weekend_does_not_count(self):
        """A stage due on a Friday is not overdue at the weekend, and one working day overdue on Monday."""
        c = received(date(2025, 6, 5))  # Thursday: due Friday 6 June
        assert list(ts.overdue(c, date(2025, 6, 8), POLICY)) == []
        rows = list(ts.overdue(c, date(2025, 6, 9), POLICY))
        assert [(r.due_on, r.days_overdue) for r in rows] == [(date(2025, 6, 6), 1)]

    def test_a_bank_holiday_does_not_count(self):
        """Due Friday 22 August: on Tuesday 26 it is one working day overdue (Monday is a bank holiday)."""
        c = received(date(2025, 8, 21))
        rows = list(ts.overdue(c, date(2025, 8, 26), POLICY))
        assert [(r.due_on, r.days_overdue) for r in rows] == [(FRI, 1)]
        rows = list(ts.overdue(c, date(2025, 8, 26), Policy()))
        assert [r.days_overdue for r in rows] == [2]

    def test_only_the_current_stage_can_be_overdue(self):
        """Stages the case has left are never overdue, even if they were late."""
        c = reach(CaseStage.ENQUIRY)
        rows = list(ts.overdue(c, date(2025, 7, 10), POLICY))
        assert [(r.stage, r.due_on, r.days_overdue) for r in rows] == [(CaseStage.ENQUIRY, date(2025, 7, 3), 5)]

    def test_untimed_stage_is_never_overdue(self):
        """A closed case is not overdue."""
        assert list(ts.overdue(reach(CaseStage.CLOSED), date(2026, 1, 1), POLICY)) == []

    def test_caseload(self):
        """overdue_caseload streams the overdue rows of every case, case by case."""
        cases = [
            received(date(2025, 6, 2), "C-TS-0001"),
            attrs.evolve(reach(CaseStage.ENQUIRY), concern_id="C-TS-0002"),
            received(date(2025, 7, 9), "C-TS-0003"),
            attrs.evolve(reach(CaseStage.CLOSED), concern_id="C-TS-0004"),
        ]
        rows = ts.overdue_caseload(iter(cases), date(2025, 7, 10), POLICY)
        assert isinstance(rows, GeneratorType)
        assert list(rows) == [
            Overdue("C-TS-0001", CaseStage.CONCERN_RECEIVED, date(2025, 6, 3), 27),
            Overdue("C-TS-0002", CaseStage.ENQUIRY, date(2025, 7, 3), 5),
        ]

    def test_rows_are_tuples(self):
        """An Overdue row unpacks as (concern_id, stage, due date, days overdue)."""
        (row,) = ts.overdue(received(FRI), date(2025, 9, 1), POLICY)
        concern_id, stage, due_on, days = row
        assert (concern_id, stage, due_on, days) == ("C-TS-0001", CaseStage.CONCERN_RECEIVED, date(2025, 8, 26), 4)

    def test_works_on_a_legacy_history(self):
        """A history from another system (no digests) is timed the same way."""
        entry = HistoryEntry(to_stage=CaseStage.CONCERN_RECEIVED, at=moment(FRI), actor=Actor(role="r", user_id="U-1"))
        rows = list(ts.overdue(draft(received_on=FRI, contact=None, history=(entry,)), date(2025, 8, 27), POLICY))
        assert [r.days_overdue for r in rows] == [1]


def paused_enquiry(*spans: tuple[date, date | None], via: CaseStage = CaseStage.ENQUIRY) -> msp.Concern:
    """An enquiry (started Thursday 5 June, due 3 July) paused and resumed through the workflow on each span's dates."""
    c = reach(via)
    for start, end in spans:
        c = wf.pause_enquiry(c, actor=WORKER, at=moment(start), reason="Invented police investigation")
        if end is not None:
            c = wf.resume_enquiry(c, actor=WORKER, at=moment(end))
    return c


STOPPED = Policy(calendar=CAL, count_paused_days=False)


class TestPausedEnquiries:
    """Pausing and resuming does not re-enter a stage; paused days count by default, and a policy can leave
    them out, moving the due date later by the working days paused within the stage."""

    def test_paused_days_count_by_default(self):
        """By default a pause changes nothing: the pause entries do not restart the clock."""
        plain = reach(CaseStage.ENQUIRY)
        c = paused_enquiry((date(2025, 6, 9), date(2025, 6, 16)))
        assert ts.due_dates(c, POLICY) == ts.due_dates(plain, POLICY)
        assert POLICY.count_paused_days
        assert Policy().count_paused_days
        assert list(ts.overdue(c, date(2025, 7, 10), POLICY)) == list(ts.overdue(plain, date(2025, 7, 10), POLICY))

    def test_paused_days_left_out(self):
        """Paused Monday 9 June to Monday 16 June: five working days; the enquiry is due five working days later."""
        c = paused_enquiry((date(2025, 6, 9), date(2025, 6, 16)))
        last = ts.due_dates(c, STOPPED)[-1]
        assert (last.stage, last.entered_on, last.paused_days, last.due_on) == (
            CaseStage.ENQUIRY,
            date(2025, 6, 5),
            5,
            date(2025, 7, 10),
        )
        assert last.open
        assert list(ts.overdue(c, date(2025, 7, 10), STOPPED)) == []
        assert list(ts.overdue(c, date(2025, 7, 11), STOPPED)) == [
            Overdue("C-0001", CaseStage.ENQUIRY, date(2025, 7, 10), 1)
        ]

    def test_weekends_and_bank_holidays_are_not_paused_days(self):
        """Paused Friday 22 August to Tuesday 26 August: only the Friday is a working day paused."""
        c = paused_enquiry((FRI, date(2025, 8, 26)))
        assert ts.due_dates(c, STOPPED)[-1].paused_days == 1
        assert ts.due_dates(c, Policy(count_paused_days=False))[-1].paused_days == 2  # no bank holidays

    def test_every_pause_counts(self):
        """Two pauses within the stage: their working days add up."""
        c = paused_enquiry((date(2025, 6, 9), date(2025, 6, 11)), (date(2025, 6, 16), date(2025, 6, 17)))
        assert ts.due_dates(c, STOPPED)[-1].paused_days == 3

    def test_an_open_pause_holds_the_overdue_count(self):
        """Overdue by three working days when paused on Tuesday 8 July, it stays three while the pause lasts."""
        c = paused_enquiry((date(2025, 7, 8), None))
        assert [r.days_overdue for r in ts.overdue(c, date(2025, 7, 8), STOPPED)] == [3]
        for day in (date(2025, 7, 10), date(2025, 7, 17), date(2025, 8, 29)):
            assert [r.days_overdue for r in ts.overdue(c, day, STOPPED)] == [3]
        assert [r.days_overdue for r in ts.overdue(c, date(2025, 7, 17), POLICY)] == [10]
        assert ts.due_dates(c, STOPPED)[-1].paused_days == 0  # without as_of an open pause adds nothing yet
        assert ts.due_dates(c, STOPPED, as_of=date(2025, 7, 10))[-1].paused_days == 2

    def test_a_pause_across_two_stages_is_split_between_them(self):
        """Paused at enquiry on Friday 6 June, a plan agreed on Wednesday 11, resumed Monday 16: three working days
        paused in the enquiry, three in the plan stage."""
        c = reach(CaseStage.ENQUIRY)
        c = wf.pause_enquiry(c, actor=WORKER, at=moment(date(2025, 6, 6)), reason="Invented")
        c = wf.agree_plan(c, actor=WORKER, at=moment(date(2025, 6, 11)), plan=attrs.evolve(plan(), agreed_on=None))
        c = wf.resume_enquiry(c, actor=WORKER, at=moment(date(2025, 6, 16)))
        enquiry, planned = ts.due_dates(c, STOPPED)[-2:]
        assert (enquiry.stage, enquiry.left_on, enquiry.paused_days) == (CaseStage.ENQUIRY, date(2025, 6, 11), 3)
        assert (planned.stage, planned.entered_on, planned.paused_days) == (
            CaseStage.PLAN_AND_REVIEW,
            date(2025, 6, 11),
            3,
        )
        assert planned.due_on == CAL.add_working_days(date(2025, 6, 11), 33)

    def test_a_review_still_restarts_the_clock_and_a_pause_does_not(self):
        """At plan_and_review a review re-enters the stage; the pause and resume entries around it do not."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        c = wf.pause_enquiry(c, actor=WORKER, at=moment(date(2025, 6, 9)), reason="Invented")
        c = wf.review_plan(c, actor=WORKER, at=moment(date(2025, 6, 12)))
        c = wf.resume_enquiry(c, actor=WORKER, at=moment(date(2025, 6, 19)))
        rows = [r for r in ts.due_dates(c, POLICY) if r.stage is CaseStage.PLAN_AND_REVIEW]
        assert [(r.entered_on, r.left_on) for r in rows] == [
            (date(2025, 6, 6), date(2025, 6, 12)),
            (date(2025, 6, 12), None),
        ]
        stopped = [r for r in ts.due_dates(c, STOPPED) if r.stage is CaseStage.PLAN_AND_REVIEW]
        assert [r.paused_days for r in stopped] == [3, 5]

    def test_a_record_without_history(self):
        """A legacy record at enquiry, timed from its start date, leaves out its recorded pause too."""
        c = reach(CaseStage.ENQUIRY)
        legacy = attrs.evolve(
            c, history=(), pauses=(msp.EnquiryPause(paused_on=date(2025, 6, 9), resumed_on=date(2025, 6, 16)),)
        )
        (row,) = ts.due_dates(legacy, STOPPED)
        assert (row.entered_on, row.paused_days, row.due_on) == (date(2025, 6, 5), 5, date(2025, 7, 10))

    def test_the_setting_is_a_flag(self):
        """count_paused_days is True or False."""
        with pytest.raises(TypeError):
            Policy(count_paused_days="no")  # type: ignore[arg-type]
        assert Policy(count_paused_days=False) != Policy()


def _s42() -> msp.Section42Decision:
    """A section 42 decision as given to a workflow step: undated, by no one."""
    return attrs.evolve(s42_decision(), decided_on=None, decided_by=None)


class TestStepsThatKeepTheirStage:
    """Only a plan review at plan_and_review re-enters a stage: a route change or a review after the enquiry
    concluded keeps the clock of the visit it is in."""

    def test_a_route_change_does_not_restart_the_clock(self):
        """At enquiry and at plan_and_review a route change leaves the due dates as they were."""
        for where in (CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW):
            c = reach(where, decision=attrs.evolve(other_decision(), decided_on=None, decided_by=None))
            changed = wf.change_route(c, actor=WORKER, at=moment(date(2025, 6, 12)), decision=_s42(), reason="Inv")
            assert ts.due_dates(changed, POLICY) == ts.due_dates(c, POLICY)

    def test_a_route_change_at_decided_does_not_restart_the_clock(self):
        """At decided too."""
        c = reach(CaseStage.DECIDED, decision=attrs.evolve(other_decision(), decided_on=None, decided_by=None))
        changed = wf.change_route(c, actor=WORKER, at=moment(date(2025, 6, 4), 15), decision=_s42(), reason="Inv")
        assert ts.due_dates(changed, POLICY) == ts.due_dates(c, POLICY)

    def test_a_review_on_the_day_of_a_route_change_still_restarts_the_clock(self):
        """A route change and a review on one day: the review re-enters the stage that day."""
        c = reach(CaseStage.PLAN_AND_REVIEW, decision=attrs.evolve(other_decision(), decided_on=None, decided_by=None))
        day = date(2025, 6, 12)
        c = wf.change_route(c, actor=WORKER, at=moment(day, 10), decision=_s42(), reason="Inv")
        c = wf.review_plan(c, actor=WORKER, at=moment(day, 11))
        rows = [r for r in ts.due_dates(c, POLICY) if r.stage is CaseStage.PLAN_AND_REVIEW]
        assert [(r.entered_on, r.left_on) for r in rows] == [(date(2025, 6, 6), day), (day, None)]

    def test_a_review_after_conclusion_is_not_a_new_visit(self):
        """Even a policy that times concluded counts from the conclusion, not from a later review."""
        policy = Policy(targets={**DEFAULT_TARGETS, CaseStage.CONCLUDED: 10}, calendar=CAL)
        c = reach(CaseStage.CONCLUDED, via="plan_and_review")
        reviewed = wf.review_plan(c, actor=WORKER, at=moment(date(2025, 7, 10)))
        assert ts.due_dates(reviewed, policy) == ts.due_dates(c, policy)
        assert ts.due_dates(c, policy)[-1].entered_on == date(2025, 6, 27)


def _monitored(due: date, *reviews: date) -> msp.Concern:
    """A case concluded on 27 June with its plan next reviewed on ``due``, reviewed after conclusion on ``reviews``."""
    c = reach(CaseStage.CONCLUDED, via="plan_and_review")
    c = wf.review_plan(c, actor=WORKER, at=moment(date(2025, 6, 30)), review_due_on=due)
    for day in reviews:
        c = wf.review_plan(c, actor=WORKER, at=moment(day))
    return c


class TestOverdueReviews:
    """Plans whose next review date has passed without a review, during the enquiry or monitored after it."""

    def test_an_overdue_review_after_conclusion_is_reported(self):
        """Due Friday 1 August, not reviewed: not overdue that day or at the weekend, 1 working day on Monday."""
        c = _monitored(date(2025, 8, 1))
        assert c.stage is CaseStage.CONCLUDED
        assert ts.review_overdue(c, date(2025, 8, 1), POLICY) is None
        assert ts.review_overdue(c, date(2025, 8, 3), POLICY) is None
        found = ts.review_overdue(c, date(2025, 8, 4), POLICY)
        assert found == ts.OverdueReview("C-0001", CaseStage.CONCLUDED, date(2025, 8, 1), 1, date(2025, 6, 30))
        assert found is not None
        assert found.days_overdue == 1
        assert list(ts.overdue_reviews([c], date(2025, 8, 4), POLICY)) == [found]

    def test_bank_holidays_do_not_count(self):
        """Due Friday 22 August: the bank holiday Monday is not a working day overdue."""
        c = _monitored(FRI)
        assert ts.review_overdue(c, MON_HOLIDAY, POLICY) is None
        found = ts.review_overdue(c, date(2025, 8, 26), POLICY)
        assert found is not None
        assert found.days_overdue == 1

    def test_a_review_on_or_after_the_due_date_meets_it(self):
        """Reviewed on the due date, or later: nothing is overdue until the next date is set and passes."""
        assert ts.review_overdue(_monitored(date(2025, 8, 1), date(2025, 8, 1)), date(2025, 9, 1), POLICY) is None
        assert ts.review_overdue(_monitored(date(2025, 8, 1), date(2025, 8, 6)), date(2025, 9, 1), POLICY) is None

    def test_an_early_review_does_not_meet_it(self):
        """A review before the due date, with no next date set, leaves the due date standing."""
        found = ts.review_overdue(_monitored(date(2025, 8, 1), date(2025, 7, 25)), date(2025, 8, 4), POLICY)
        assert found is not None
        assert found.last_reviewed_on == date(2025, 7, 25)

    def test_during_the_enquiry(self):
        """A plan at plan_and_review with a review date passed is reported too, at that stage."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        c = wf.review_plan(c, actor=WORKER, at=moment(date(2025, 6, 9)), review_due_on=date(2025, 6, 23))
        found = ts.review_overdue(c, date(2025, 6, 25), POLICY)
        assert found == ts.OverdueReview("C-0001", CaseStage.PLAN_AND_REVIEW, date(2025, 6, 23), 2, date(2025, 6, 9))

    def test_not_reported_where_the_plan_is_not_reviewed(self):
        """No plan, no review date, or a case closed or ceased: nothing to report."""
        assert ts.review_overdue(reach(CaseStage.CONCLUDED), date(2025, 12, 1), POLICY) is None
        assert ts.review_overdue(reach(CaseStage.PLAN_AND_REVIEW), date(2025, 12, 1), POLICY) is None
        c = _monitored(date(2025, 8, 1))
        closed = wf.close(c, actor=WORKER, at=moment(date(2025, 7, 1)), closure=closure(closed_on=None, reason=None))
        assert ts.review_overdue(closed, date(2025, 12, 1), POLICY) is None

    def test_caseload_streams_and_rows_are_tuples(self):
        """overdue_reviews is a generator over a caseload; its rows are named tuples."""
        late = _monitored(date(2025, 8, 1))
        on_time = _monitored(date(2025, 8, 1), date(2025, 8, 1))
        rows = ts.overdue_reviews(iter([late, on_time, reach(CaseStage.ENQUIRY)]), date(2025, 8, 6))
        assert isinstance(rows, GeneratorType)
        (row,) = list(rows)
        assert tuple(row) == ("C-0001", CaseStage.CONCLUDED, date(2025, 8, 1), 3, date(2025, 6, 30))
        assert row._fields == ("concern_id", "stage", "due_on", "days_overdue", "last_reviewed_on")


def _without_the_holidays_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``importlib.import_module("holidays")`` fail, as where the extra is not installed."""
    real = importlib.import_module

    def fake(name, *args, **kwargs):
        if name == "holidays":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", fake)


FULL_POLICY = {
    "msp_policy": 1,
    "name": "Our council's safeguarding timescales (2025)",
    "targets": {"plan_and_review": 40, "enquiry": 28, "decided": 3, "concern_received": 0},
    "count_paused_days": False,
    "risk_scale": ["green", "amber", "red"],
    "first_contact_targets": {"green": 5, "amber": 2, "red": 0},
    "immediate_safety_targets": {"green": 1, "amber": 1, "red": 0},
    "unrated": "amber",
    "calendar": {
        "name": "Our closure days",
        "weekend": ["Sunday", 5],
        "holidays": ["2025-12-29", "2025-12-30", "2025-12-31"],
    },
}


class TestPolicyFile:
    """A council's policy from a small strict JSON file (load_policy) or its parsed JSON (policy_from_dict)."""

    def test_a_full_file_reads_into_the_policy_it_describes(self, tmp_path):
        path = tmp_path / "policy.json"
        path.write_text(json.dumps(FULL_POLICY, indent=2), encoding="utf-8")
        expected = Policy(
            name="Our council's safeguarding timescales (2025)",
            targets={
                CaseStage.CONCERN_RECEIVED: 0,
                CaseStage.DECIDED: 3,
                CaseStage.ENQUIRY: 28,
                CaseStage.PLAN_AND_REVIEW: 40,
            },
            count_paused_days=False,
            risk_scale=("green", "amber", "red"),
            first_contact_targets={"green": 5, "amber": 2, "red": 0},
            immediate_safety_targets={"green": 1, "amber": 1, "red": 0},
            unrated="amber",
            calendar=WorkingCalendar(
                holidays={date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)},
                weekend={5, 6},
                name="Our closure days",
            ),
        )
        loaded = ts.load_policy(path)
        assert loaded == expected
        assert ts.policy_from_dict(FULL_POLICY) == expected
        assert ts.load_policy(str(path)) == expected
        assert list(loaded.targets) == [  # in the workflow's order, whatever the file's
            CaseStage.CONCERN_RECEIVED,
            CaseStage.DECIDED,
            CaseStage.ENQUIRY,
            CaseStage.PLAN_AND_REVIEW,
        ]
        assert loaded.target(CaseStage.INFORMATION_GATHERING) is None  # targets replace the defaults
        assert (loaded.label, loaded.calendar.label) == (
            "Our council's safeguarding timescales (2025)",
            "Our closure days",
        )

    @pytest.mark.parametrize("text", ["{}", '{"msp_policy": 1}', '{"calendar": {}}', '\ufeff{"unrated": null}'])
    def test_a_minimal_file_is_the_default_policy(self, tmp_path, text):
        path = tmp_path / "policy.json"
        path.write_text(text, encoding="utf-8")
        assert ts.load_policy(path) == Policy()
        assert ts.load_policy(path).label == "local defaults (not law)"
        assert ts.load_policy(path).calendar.label == "weekends only"

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            ({"name": "Ours"}, Policy(name="Ours")),
            ({"targets": {}}, Policy(targets={})),
            ({"targets": {"enquiry": 28}}, Policy(targets={CaseStage.ENQUIRY: 28})),
            ({"count_paused_days": False}, Policy(count_paused_days=False)),
            ({"unrated": "high"}, Policy(unrated="high")),
            ({"first_contact_targets": {"high": 2}}, Policy(first_contact_targets={"high": 2})),
            (  # a scale that keeps the default ratings keeps the default targets for them
                {"risk_scale": ["low", "medium", "high", "critical", "very high"]},
                Policy(risk_scale=("low", "medium", "high", "critical", "very high")),
            ),
            ({"calendar": {"weekend": []}}, Policy(calendar=WorkingCalendar(weekend=()))),
            ({"calendar": {"weekend": ["SATURDAY", " sunday "]}}, Policy()),
            ({"calendar": {"weekend": [6]}}, Policy(calendar=WorkingCalendar(weekend={6}))),
            ({"calendar": {"bank_holidays": None}}, Policy()),
            (
                {"calendar": {"holidays": ["2025-08-25"], "name": "Summer"}},
                Policy(calendar=WorkingCalendar(holidays={MON_HOLIDAY}, name="Summer")),
            ),
        ],
    )
    def test_keys_left_out_take_the_policys_defaults(self, data, expected):
        assert ts.policy_from_dict(data) == expected

    def test_the_calendar_of_a_file_moves_due_dates(self):
        """A holiday in the file is not a working day: one working day after Friday is Tuesday."""
        policy = ts.policy_from_dict({"calendar": {"holidays": ["2025-08-25"]}})
        assert policy.calendar.add_working_days(FRI, 1) == date(2025, 8, 26)
        assert policy.calendar.label == "Saturdays, Sundays and 1 holiday"

    def test_england_and_wales_bank_holidays(self):
        pytest.importorskip("holidays", reason="the holidays extra is not installed")
        given = ts.policy_from_dict({"calendar": {"bank_holidays": "england-and-wales", "years": [2025, 2025]}})
        assert given.calendar.holidays == EW_2025
        assert given.calendar.label == "England and Wales bank holidays 2025"
        mixed = ts.policy_from_dict(
            {
                "calendar": {
                    "bank_holidays": "england-and-wales",
                    "years": [2024, 2026],
                    "weekend": ["sunday"],
                    "holidays": ["2025-12-25", "2025-12-29"],  # Christmas Day is a bank holiday already
                }
            }
        )
        assert mixed.calendar.holidays >= EW_2025 | {date(2025, 12, 29)}
        assert mixed.calendar.weekend == {6}
        assert mixed.calendar.label == "Sundays, England and Wales bank holidays 2024 to 2026 and 1 other holiday"
        named = ts.policy_from_dict({"calendar": {"bank_holidays": "england-and-wales", "name": "Ours"}})
        assert named.calendar.label == "Ours"

    def test_bank_holidays_by_default_run_from_2015_to_two_years_ahead(self):
        pytest.importorskip("holidays", reason="the holidays extra is not installed")
        policy = ts.policy_from_dict({"calendar": {"bank_holidays": "england-and-wales"}})
        last = date.today().year + 2  # noqa: DTZ011 - as the loader counts it
        assert ts.FIRST_BANK_HOLIDAY_YEAR == 2015
        assert {d.year for d in policy.calendar.holidays} == set(range(2015, last + 1))
        assert policy.calendar.label == f"England and Wales bank holidays 2015 to {last}"

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "$: a JSON object (a timescale policy)"),
            ({"count_pause_days": False}, "$.count_pause_days: unknown key (did you mean count_paused_days?)"),
            ({"colour": 1}, "$.colour: unknown key (known: msp_policy, name, targets, "),
            ({"odd key": 1}, '$["odd key"]: unknown key (known: '),
            ({"msp_policy": 2}, "$.msp_policy: 1, the version of the format this library reads"),
            ({"msp_policy": True}, "$.msp_policy: 1, the version"),
            ({"name": 5}, "$.name: text on one line, at most 200 characters"),
            ({"name": "Ours\nand theirs"}, "$.name: text on one line"),
            ({"name": "x" * 201}, "$.name: text on one line, at most 200 characters"),
            ({"targets": {"enqiury": 28}}, "$.targets.enqiury: not a stage (did you mean enquiry?)"),
            ({"targets": {"ENQUIRY": 28}}, "$.targets.ENQUIRY: not a stage (did you mean enquiry?)"),
            ({"targets": {"triage": 1}}, "$.targets.triage: not a stage (stages: concern_received, "),
            ({"targets": [1, 2]}, "$.targets: an object of stage codes and working days"),
            ({"targets": {"enquiry": True}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": "5"}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": 4.5}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": 5.0}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": -1}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": 10**9}}, "$.targets.enquiry: a whole number of working days from 0 to 1000"),
            ({"targets": {"enquiry": None}}, "$.targets.enquiry: a whole number of working days"),
            ({"count_paused_days": "no"}, "$.count_paused_days: true or false"),
            ({"count_paused_days": 0}, "$.count_paused_days: true or false"),
            ({"risk_scale": []}, "$.risk_scale: a list of one or more ratings, lowest to highest"),
            ({"risk_scale": "high"}, "$.risk_scale: a list of one or more ratings, lowest to highest"),
            ({"risk_scale": ["low", " "]}, "$.risk_scale[1]: non-empty text on one line"),
            ({"risk_scale": ["low", 2]}, "$.risk_scale[1]: non-empty text on one line"),
            ({"risk_scale": ["Red", "red"]}, "$.risk_scale[1]: the same rating as $.risk_scale[0] (case is ignored)"),
            (
                {"risk_scale": ["green", "amber", "red"]},
                (
                    "$: give first_contact_targets for the ratings of risk_scale (the default targets are for low, "
                    "medium, high, critical)"
                ),
            ),
            (
                {"risk_scale": ["green", "amber", "red"], "first_contact_targets": {"green": 1}},
                "$: give immediate_safety_targets for the ratings of risk_scale",
            ),
            ({"first_contact_targets": {"hihg": 1}}, "$.first_contact_targets.hihg: not a rating of the risk scale "),
            ({"first_contact_targets": {"High": 1}}, "(did you mean high?)"),
            ({"immediate_safety_targets": {"purple": 1}}, "(the scale: low, medium, high, critical)"),
            ({"immediate_safety_targets": {"low": 1.5}}, "$.immediate_safety_targets.low: a whole number"),
            ({"immediate_safety_targets": []}, "$.immediate_safety_targets: an object of ratings"),
            ({"unrated": "meduim"}, "$.unrated: a rating of the risk scale, or null (did you mean medium?)"),
            ({"unrated": 1}, "$.unrated: a rating of the risk scale, or null"),
            ({"calendar": []}, "$.calendar: an object with any of name, weekend, holidays, bank_holidays, years"),
            ({"calendar": {"holiday": []}}, "$.calendar.holiday: unknown key (did you mean holidays?)"),
            ({"calendar": {"name": ["x"]}}, "$.calendar.name: text on one line"),
            ({"calendar": {"weekend": "saturday"}}, "$.calendar.weekend: a list of weekday numbers"),
            ({"calendar": {"weekend": ["saturdy"]}}, "$.calendar.weekend[0]: a weekday: a number, Monday 0 to "),
            ({"calendar": {"weekend": ["saturdy"]}}, "(did you mean saturday?)"),
            ({"calendar": {"weekend": [7]}}, "$.calendar.weekend[0]: a weekday"),
            ({"calendar": {"weekend": [True]}}, "$.calendar.weekend[0]: a weekday"),
            (
                {"calendar": {"weekend": [5, "saturday"]}},
                "$.calendar.weekend[1]: the same day as $.calendar.weekend[0]",
            ),
            ({"calendar": {"weekend": list(range(7))}}, "a calendar needs at least one working day"),
            ({"calendar": {"holidays": "2025-12-25"}}, "$.calendar.holidays: a list of dates written YYYY-MM-DD"),
            ({"calendar": {"holidays": ["25/12/2025"]}}, "$.calendar.holidays[0]: a date written YYYY-MM-DD"),
            ({"calendar": {"holidays": ["20251225"]}}, "$.calendar.holidays[0]: a date written YYYY-MM-DD"),
            ({"calendar": {"holidays": ["2025-12-25T00:00"]}}, "$.calendar.holidays[0]: a date written"),
            ({"calendar": {"holidays": [20251225]}}, "$.calendar.holidays[0]: a date written YYYY-MM-DD"),
            ({"calendar": {"holidays": ["2025-02-30"]}}, "$.calendar.holidays[0]: no such day"),
            (
                {"calendar": {"holidays": ["2025-12-25", "2025-12-25"]}},
                "$.calendar.holidays[1]: the same date as $.calendar.holidays[0]",
            ),
            ({"calendar": {"bank_holidays": "scotland"}}, '$.calendar.bank_holidays: "england-and-wales", or null'),
            ({"calendar": {"bank_holidays": "England-and-Wales"}}, "(did you mean england-and-wales?)"),
            ({"calendar": {"bank_holidays": True}}, '$.calendar.bank_holidays: "england-and-wales"'),
            ({"calendar": {"years": [2025, 2026]}}, "$.calendar.years: the years of the bank holidays: give"),
            (
                {"calendar": {"bank_holidays": "england-and-wales", "years": 2025}},
                "$.calendar.years: [first, last]: the first and last years",
            ),
            (
                {"calendar": {"bank_holidays": "england-and-wales", "years": [2025]}},
                "$.calendar.years: [first, last]",
            ),
            (
                {"calendar": {"bank_holidays": "england-and-wales", "years": [2025, "2026"]}},
                "$.calendar.years[1]: a year from 1900 to 2100",
            ),
            (
                {"calendar": {"bank_holidays": "england-and-wales", "years": [1066, 2026]}},
                "$.calendar.years[0]: a year from 1900 to 2100",
            ),
            (
                {"calendar": {"bank_holidays": "england-and-wales", "years": [2026, 2025]}},
                "$.calendar.years: the first year is after the last",
            ),
        ],
    )
    def test_each_mistake_is_located_by_json_path(self, data, message):
        with pytest.raises(ts.PolicyError) as caught:
            ts.policy_from_dict(data)
        text = str(caught.value)
        assert message in text
        assert text.startswith("$")
        assert "\n" not in text

    def test_the_error_is_the_librarys_own_and_a_value_error(self):
        assert issubclass(ts.PolicyError, MspError)
        assert issubclass(ts.PolicyError, ValueError)

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('{"targets": {"enqiury": 28}}', "$.targets.enqiury: not a stage (did you mean enquiry?)"),
            (
                '{"targets": {"enquiry": 20, "enquiry": 28}}',
                "$.targets.enquiry: the key 'enquiry' is given 2 times in this object",
            ),
            ('{"name": "a", "name": "b"}', "$.name: the key 'name' is given 2 times in this object"),
            ('{"targets": {"enquiry": NaN}}', "$.targets.enquiry: NaN is not a JSON number"),
            ('{"targets": {"enquiry": Infinity}}', "$.targets.enquiry: Infinity is not a JSON number"),
            ('{"targets": {"enquiry": 1e400}}', "$.targets.enquiry: a number too large to read"),
            ('{"targets": {"enquiry": 20}', "line 1 column 28: not valid JSON (Expecting ',' delimiter)"),
            ("", "line 1 column 1: not valid JSON (Expecting value)"),
            ('{"name": "Ours"}\n{"name": "Theirs"}', "line 2 column 1: not valid JSON (Extra data)"),
            ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
            ('{"calendar": {"holidays": ["2025-12-32"]}}', "$.calendar.holidays[0]: no such day"),
            ('{"name": "\\ud800"}', "$.name: text with a lone surrogate"),
        ],
    )
    def test_a_file_names_itself_and_the_place(self, tmp_path, content, message):
        path = tmp_path / "our-policy.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ts.PolicyError) as caught:
            ts.load_policy(path)
        text = str(caught.value)
        assert text.startswith(f"policy file {path}: ")
        assert message in text
        assert "\n" not in text

    def test_a_file_that_is_not_utf8(self, tmp_path):
        path = tmp_path / "our-policy.json"
        path.write_bytes(b'{"name": "Caf\xe9"}')
        with pytest.raises(ts.PolicyError, match=r"^policy file .*our-policy\.json: not UTF-8 text$"):
            ts.load_policy(path)

    def test_a_file_that_cannot_be_read_is_an_os_error(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            ts.load_policy(tmp_path / "missing.json")

    def test_bank_holidays_without_the_holidays_package_name_the_file(self, tmp_path, monkeypatch):
        """The message england_and_wales gives, with the file and the place named in front."""
        _without_the_holidays_package(monkeypatch)
        path = tmp_path / "our-policy.json"
        path.write_text('{"calendar": {"bank_holidays": "england-and-wales"}}', encoding="utf-8")
        with pytest.raises(ts.PolicyError) as caught:
            ts.load_policy(path)
        assert str(caught.value) == (
            f"policy file {path}: $.calendar.bank_holidays: England and Wales bank holidays need the optional "
            "'holidays' package: pip install \"making-safeguarding-personal[holidays]\", or pass your own dates"
        )
        path.write_text('{"calendar": {"holidays": ["2025-08-25"]}}', encoding="utf-8")
        assert ts.load_policy(path).calendar.holidays == {MON_HOLIDAY}  # own dates need no package

    def test_a_policy_from_a_file_pickles(self, tmp_path):
        import pickle  # noqa: PLC0415

        policy = ts.policy_from_dict(FULL_POLICY)
        assert pickle.loads(pickle.dumps(policy)) == policy  # noqa: S301 - our own object
