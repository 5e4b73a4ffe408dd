"""Risk rating at triage and timeliness: the rating scale of a timescale policy, and first contact with
the adult and immediate safety measured in working days against the rating's targets (local targets,
not law)."""

from __future__ import annotations

from datetime import date
from types import GeneratorType

import attrs
import pytest

from msp import Adult, Concern, Contact, ImmediateSafety
from msp.synth import generate_concerns
from msp.workflow import timescales as ts
from msp.workflow.timescales import (
    DEFAULT_FIRST_CONTACT_TARGETS,
    DEFAULT_IMMEDIATE_SAFETY_TARGETS,
    DEFAULT_RISK_SCALE,
    Policy,
    Timing,
    WorkingCalendar,
    timeliness,
    timeliness_caseload,
)

MON = date(2025, 6, 2)
FRI_BEFORE_HOLIDAY = date(2025, 8, 22)  # the summer bank holiday is Monday 25 August 2025
TUE_AFTER_HOLIDAY = date(2025, 8, 26)
CAL = WorkingCalendar(holidays={date(2025, 8, 25)}, name="summer bank holiday 2025")


def rated(
    rating: str | None,
    received: date = MON,
    *,
    spoken: date | None = None,
    seen: date | None = None,
    assessed: date | None = None,
    concern_id: str = "C-TL-0001",
) -> Concern:
    """A concern received on ``received``, rated ``rating`` at triage, with the given contact and assessment dates."""
    safety = None if rating is None and assessed is None else ImmediateSafety(assessed_on=assessed, risk_rating=rating)
    contact = None if spoken is None and seen is None else Contact(spoken_to_on=spoken, seen_alone_on=seen)
    return Concern(
        concern_id=concern_id,
        adult=Adult(adult_id="A-TL-0001"),
        received_on=received,
        immediate_safety=safety,
        contact=contact,
    )


class TestRatingScale:
    """The policy's risk-rating scale and its per-rating targets: defaults, validation, matching."""

    def test_defaults_are_the_documented_local_targets(self):
        """Low, medium, high, critical; first contact 5/3/1/same day; immediate safety 1/1/same day/same day."""
        policy = Policy()
        assert policy.risk_scale == DEFAULT_RISK_SCALE == ("low", "medium", "high", "critical")
        assert dict(policy.first_contact_targets) == {"low": 5, "medium": 3, "high": 1, "critical": 0}
        assert dict(policy.immediate_safety_targets) == {"low": 1, "medium": 1, "high": 0, "critical": 0}
        assert set(DEFAULT_FIRST_CONTACT_TARGETS) == set(DEFAULT_RISK_SCALE)
        assert set(DEFAULT_IMMEDIATE_SAFETY_TARGETS) == set(DEFAULT_RISK_SCALE)
        assert policy.unrated is None

    def test_a_rating_matches_ignoring_case_and_spaces(self):
        """A recorded rating names a rating of the scale whatever its case; others name none."""
        policy = Policy()
        assert policy.rating(" High ") == "high"
        assert policy.rating("CRITICAL") == "critical"
        assert policy.rating("urgent") is None
        assert policy.rating(None) is None

    def test_a_local_scale_with_its_own_targets(self):
        """A council's own scale (red, amber, green) with its own targets; a rating without a target is not timed."""
        policy = Policy(
            risk_scale=("green", "amber", "red"),
            first_contact_targets={"red": 0, "amber": 2},
            immediate_safety_targets={"red": 0},
            unrated="amber",
        )
        found = timeliness(rated("Red", spoken=MON, assessed=MON), policy)
        assert found.timed_as == "red"
        assert (found.first_contact.timing, found.immediate_safety.timing) == (Timing.MET, Timing.MET)
        green = timeliness(rated("green", spoken=MON), policy)
        assert green.on_scale
        assert green.first_contact.timing is Timing.NOT_TIMED
        assert timeliness(rated("high"), policy).off_scale  # the default scale's rating is not on this one

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"risk_scale": ()},
            {"risk_scale": ("low", "LOW")},
            {"risk_scale": ("low", " ")},
            {"risk_scale": ("red", "amber", "green")},  # the default targets are keyed by the default scale
            {"first_contact_targets": {"urgent": 1}},
            {"first_contact_targets": {"low": -1}},
            {"immediate_safety_targets": {"low": 1.5}},
            {"unrated": "urgent"},
        ],
    )
    def test_bad_policies_are_refused(self, kwargs):
        """A scale has distinct non-empty ratings; targets are keyed by them, whole days, zero or more."""
        with pytest.raises(ValueError, match=r"scale|target|unrated"):
            Policy(**kwargs)

    def test_a_single_rating_as_text_is_a_scale_of_one(self):
        """A scale given as one text is that one rating, not its letters."""
        policy = Policy(risk_scale="any", first_contact_targets={"any": 2}, immediate_safety_targets={})
        assert policy.risk_scale == ("any",)

    def test_the_policy_stays_frozen(self):
        """Policies are frozen and their targets read-only."""
        policy = Policy()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            policy.unrated = "low"  # type: ignore[misc]
        with pytest.raises(TypeError):
            policy.first_contact_targets["low"] = 9  # type: ignore[index]


class TestTimeliness:
    """First contact and immediate safety: met, missed, not yet due, not recorded, not timed."""

    def test_met_within_target(self):
        """A high risk spoken to the next working day and assessed the same day meets both targets."""
        found = timeliness(rated("high", spoken=date(2025, 6, 3), assessed=MON))
        assert found.first_contact == ts.Timed(
            timing=Timing.MET, target=1, due_on=date(2025, 6, 3), done_on=date(2025, 6, 3), working_days=1
        )
        assert found.immediate_safety.timing is Timing.MET
        assert found.immediate_safety.working_days == 0
        assert (found.rating, found.on_scale, found.timed_as, found.off_scale) == ("high", True, "high", False)

    def test_missed_after_target(self):
        """A critical risk (same day) spoken to the next day, assessed the next day: both missed."""
        found = timeliness(rated("critical", spoken=date(2025, 6, 3), assessed=date(2025, 6, 3)))
        assert found.first_contact.timing is Timing.MISSED
        assert found.first_contact.due_on == MON
        assert found.first_contact.working_days == 1
        assert found.immediate_safety.timing is Timing.MISSED

    def test_seen_alone_earlier_than_spoken_to_counts(self):
        """First contact is the earlier of spoken to and seen alone."""
        found = timeliness(rated("medium", spoken=date(2025, 6, 20), seen=date(2025, 6, 4)))
        assert found.first_contact.done_on == date(2025, 6, 4)
        assert found.first_contact.timing is Timing.MET
        only_seen = timeliness(rated("medium", seen=date(2025, 6, 4)))
        assert only_seen.first_contact.done_on == date(2025, 6, 4)

    def test_not_recorded_and_not_yet_due(self):
        """Nothing recorded: not yet due until a working day past the due date on as_of, then not recorded."""
        concern = rated("low")  # first contact due 5 working days after Monday 2 June: Monday 9 June
        assert timeliness(concern, as_of=date(2025, 6, 9)).first_contact.timing is Timing.NOT_YET_DUE
        assert timeliness(concern, as_of=date(2025, 6, 10)).first_contact.timing is Timing.NOT_RECORDED
        assert timeliness(concern).first_contact.timing is Timing.NOT_RECORDED  # no as_of: not recorded
        not_due = timeliness(concern, as_of=date(2025, 6, 9)).first_contact
        assert (not_due.due_on, not_due.done_on, not_due.working_days) == (date(2025, 6, 9), None, None)
        assert timeliness(concern, as_of=date(2025, 6, 3)).immediate_safety.timing is Timing.NOT_YET_DUE  # 1 day
        assert timeliness(concern, as_of=date(2025, 6, 4)).immediate_safety.timing is Timing.NOT_RECORDED

    def test_an_unknown_rating_is_reported_not_timed(self):
        """A rating not on the scale is reported as off the scale and not timed: never an error."""
        found = timeliness(rated("urgent", spoken=MON, assessed=MON))
        assert (found.rating, found.on_scale, found.off_scale, found.timed_as) == ("urgent", False, True, None)
        assert found.first_contact == ts.Timed(timing=Timing.NOT_TIMED, done_on=MON)
        assert found.immediate_safety.timing is Timing.NOT_TIMED

    def test_no_rating_is_not_timed_unless_the_policy_says(self):
        """Without a rating: not timed by default; timed as Policy.unrated where set. No record at all is fine."""
        found = timeliness(rated(None, spoken=date(2025, 6, 6)))
        assert (found.rating, found.on_scale, found.off_scale, found.timed_as) == (None, False, False, None)
        assert found.first_contact.timing is Timing.NOT_TIMED
        as_medium = timeliness(rated(None, spoken=date(2025, 6, 6)), Policy(unrated="medium"))
        assert as_medium.timed_as == "medium"
        assert as_medium.first_contact.timing is Timing.MISSED  # 4 working days against 3
        bare = Concern(concern_id="C-TL-0002", adult=Adult(adult_id="A-TL-0002"), received_on=MON)
        assert timeliness(bare, Policy(unrated="low"), as_of=MON).immediate_safety.timing is Timing.NOT_YET_DUE

    def test_timing_codes(self):
        """Each timing has a stable code."""
        assert [t.code for t in Timing] == ["met", "missed", "not_yet_due", "not_recorded", "not_timed"]


class TestWorkingDaysOfTimeliness:
    """Timeliness counts working days of the policy's calendar: weekends and bank holidays do not count."""

    def test_across_a_weekend(self):
        """Received on a Friday, a high risk first spoken to on the Monday took one working day: met."""
        fri = date(2025, 6, 6)
        found = timeliness(rated("high", fri, spoken=date(2025, 6, 9)))
        assert (found.first_contact.working_days, found.first_contact.timing) == (1, Timing.MET)
        assert found.first_contact.due_on == date(2025, 6, 9)

    def test_a_weekend_day_after_a_weekend_receipt_is_the_same_day(self):
        """A critical concern received on a Saturday and acted on that Sunday took no working day: met."""
        sat = date(2025, 6, 7)
        found = timeliness(rated("critical", sat, spoken=date(2025, 6, 8), assessed=sat))
        assert found.first_contact.working_days == 0
        assert found.first_contact.timing is Timing.MET
        monday = timeliness(rated("critical", sat, spoken=date(2025, 6, 9)))
        assert monday.first_contact.timing is Timing.MISSED

    def test_across_a_bank_holiday(self):
        """Friday before the summer bank holiday to the Tuesday after: one working day with the bank holiday, two
        without it."""
        concern = rated("high", FRI_BEFORE_HOLIDAY, spoken=TUE_AFTER_HOLIDAY)
        with_holiday = timeliness(concern, Policy(calendar=CAL)).first_contact
        assert (with_holiday.working_days, with_holiday.timing) == (1, Timing.MET)
        assert with_holiday.due_on == TUE_AFTER_HOLIDAY
        weekends_only = timeliness(concern).first_contact
        assert (weekends_only.working_days, weekends_only.timing) == (2, Timing.MISSED)
        assert weekends_only.due_on == date(2025, 8, 25)

    def test_not_yet_due_over_a_bank_holiday(self):
        """Due on the Tuesday after the bank holiday: not overdue on the holiday itself, nor on the Tuesday."""
        concern = rated("high", FRI_BEFORE_HOLIDAY)
        policy = Policy(calendar=CAL)
        for day in (date(2025, 8, 25), TUE_AFTER_HOLIDAY):
            assert timeliness(concern, policy, as_of=day).first_contact.timing is Timing.NOT_YET_DUE
        assert timeliness(concern, policy, as_of=date(2025, 8, 27)).first_contact.timing is Timing.NOT_RECORDED


class TestTimelinessCaseload:
    """timeliness_caseload streams one Timeliness per concern, in order."""

    def test_streams_each_case(self):
        """A generator, one result per concern, with the policy and as_of passed through."""
        concerns = [
            rated("low", spoken=MON, concern_id="C-TL-0011"),
            rated("urgent", concern_id="C-TL-0012"),
            rated(None, concern_id="C-TL-0013"),
        ]
        rows = timeliness_caseload(iter(concerns), Policy(unrated="critical"), as_of=date(2025, 6, 4))
        assert isinstance(rows, GeneratorType)
        found = list(rows)
        assert [t.concern_id for t in found] == ["C-TL-0011", "C-TL-0012", "C-TL-0013"]
        assert [t.first_contact.timing for t in found] == [Timing.MET, Timing.NOT_TIMED, Timing.NOT_RECORDED]

    def test_generated_records_read_without_error(self):
        """Every generated record gives a timeliness, whatever it records."""
        found = list(timeliness_caseload(generate_concerns(200, seed=14), as_of=date(2026, 3, 31)))
        assert len(found) == 200
