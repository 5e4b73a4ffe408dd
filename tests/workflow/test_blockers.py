"""``msp.workflow.blockers`` lists everything that would block a step; ``conclude`` derives SG4a achievement.

Every value is invented. The records come from tests/builders.py.
"""

from __future__ import annotations

import copy
import itertools
from datetime import datetime
from typing import Any

import attrs
import pytest

import msp.workflow
from msp import Actor, Concern
from msp.codes import CaseStage, MspAsked, OutcomeAchievement
from msp.errors import Finding
from msp.rules import Severity
from msp.workflow import steps as wf
from msp.workflow.steps import TRANSITIONS, TransitionRefused, WorkflowPolicy, blockers
from tests.builders import (
    DEC_NONE,
    LATER,
    MANAGER,
    WORKER,
    at,
    draft,
    ending_data,
    other_decision,
    outcome,
    reach,
    step_decision,
)
from tests.workflow.test_steps import PAUSED, good_step, start_record

CANARY = "CANARY-bl-7d2"
STEPS = [t.step for t in TRANSITIONS]
PLACES: list[tuple[CaseStage | str, str | None]] = [
    ("draft", None),
    *((stage, None) for stage in CaseStage),
    (DEC_NONE, None),
    (CaseStage.ENQUIRY, PAUSED),
    (CaseStage.PLAN_AND_REVIEW, PAUSED),
]
RECORDS = {place: start_record(*place) for place in PLACES}


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.path, finding.message)


def _outcome_of_step(step: str, record: Concern, **data: Any) -> tuple[Finding, ...] | None:
    """The findings the step function refuses with, or ``None`` where it succeeds."""
    try:
        getattr(wf, step)(record, actor=MANAGER, at=LATER, **data)
    except TransitionRefused as refused:
        return refused.findings
    return None


class TestBlockersAgreeWithTheSteps:
    """blockers is empty exactly where the step succeeds, and holds everything the step refuses with."""

    @pytest.mark.parametrize(("step", "place"), list(itertools.product(STEPS, PLACES)), ids=str)
    @pytest.mark.parametrize("data", ["good", "none"])
    def test_every_step_from_every_stage(self, step, place, data):
        record = RECORDS[place]
        given = good_step(step, record) if data == "good" else {}
        before = copy.deepcopy(record)
        found = blockers(record, step, actor=MANAGER, at=LATER, **given)
        if step in {"decide", "change_route"} and data == "none":
            given = {"decision": None}  # what blockers passes for the step's required data
        assert record == before
        refused = _outcome_of_step(step, record, **given)
        if refused is None:
            assert found == ()
            return
        assert found
        assert {_key(f) for f in refused} <= {_key(f) for f in found}
        assert all(f.severity is Severity.ERROR for f in found)
        if refused[0].code == "WF-STEP":
            assert found[0] == refused[0]
        else:
            assert found == refused  # no early stop: the step and blockers see the same

    def test_the_good_steps_have_no_blockers(self):
        record = draft()
        for step in ("receive", "start_information_gathering", "decide", "start_enquiry", "agree_plan"):
            data = good_step(step, record)
            assert blockers(record, step, actor=MANAGER, at=LATER, **data) == ()
            record = getattr(wf, step)(record, actor=MANAGER, at=LATER, **data)


class TestEveryGuardIsListed:
    """Where the step stops at its first refusal, blockers goes on."""

    def test_a_step_not_allowed_and_its_own_guard(self):
        """A draft cannot be reopened (WF-STEP), and reopening needs a reason (WF-REASON)."""
        record = draft()
        with pytest.raises(TransitionRefused) as info:
            wf.reopen(record, actor=WORKER, at=LATER)
        assert info.value.codes == ("WF-STEP",)
        found = blockers(record, "reopen", actor=WORKER, at=LATER)
        assert [f.code for f in found] == ["WF-STEP", "WF-REASON"]
        assert found[0] == info.value.findings[0]

    def test_a_naive_time_and_a_missing_sign_off(self):
        """The history entry cannot be built (SHAPE-DATETIME): the sign-off and the step's data are still checked."""
        record = reach(CaseStage.CONCERN_RECEIVED)
        naive = datetime(2025, 6, 3, 9)  # noqa: DTZ001 - the point of the test
        policy = WorkflowPolicy.manager_sign_off()
        with pytest.raises(TransitionRefused) as info:
            wf.decide(record, actor=WORKER, at=naive, decision=None, policy=policy)  # type: ignore[arg-type]
        assert info.value.codes == ("SHAPE-DATETIME",)
        found = blockers(record, "decide", actor=WORKER, at=naive, policy=policy)
        assert [(f.code, f.path) for f in found] == [
            ("SHAPE-DATETIME", f"$.history[{len(record.history)}].at"),
            ("WF-SIGN-OFF", f"$.history[{len(record.history)}].authorised_by"),
            ("WF-DECISION", "$.decision.route"),
        ]

    def test_required_step_data_not_given_is_reported(self):
        """decide without a decision: WF-DECISION, as decide(decision=None) reports."""
        record = reach(CaseStage.INFORMATION_GATHERING)
        found = blockers(record, "decide", actor=MANAGER, at=LATER)
        assert "WF-DECISION" in [f.code for f in found]
        assert [_key(f) for f in found] == [_key(f) for f in _outcome_of_step("decide", record, decision=None) or ()]

    def test_several_guards_and_the_rules(self):
        """A paused enquiry concluded without its SAC items: WF-PAUSED and the rules' errors together."""
        record = start_record(CaseStage.ENQUIRY, PAUSED)
        found = blockers(record, "conclude", actor=WORKER, at=LATER, msp_asked=None)
        codes = [f.code for f in found]
        assert codes[0] == "WF-PAUSED"
        assert "SAC-009" in codes

    def test_a_step_not_allowed_gets_no_rules_of_a_stage_it_cannot_reach(self):
        """Closing a concern just received: WF-STEP and the step's own shape, not the rules of closed."""
        found = blockers(reach(CaseStage.CONCERN_RECEIVED), "close", actor=MANAGER, at=LATER)
        assert [f.code for f in found] == ["WF-STEP"]

    def test_the_step_data_shape_is_checked_even_where_the_step_is_not_allowed(self):
        """An enquiry concluded before it started is a shape problem whatever the stage."""
        record = reach(CaseStage.DECIDED)
        found = blockers(record, "conclude", actor=WORKER, at=at(3), **ending_data(reach(CaseStage.ENQUIRY)))
        assert found[0].code == "WF-STEP"
        assert "SHAPE-DATE-ORDER" in [f.code for f in found]

    def test_no_personal_value_in_any_message(self):
        record = draft()
        stranger = Actor(role="social_worker", user_id="u9")
        found = blockers(record, "reopen", actor=stranger, at=LATER, authorised_by=stranger)
        assert [f.code for f in found] == ["WF-STEP", "WF-SIGN-OFF", "WF-REASON"]
        found = blockers(reach(CaseStage.CLOSED), "pause_enquiry", actor=WORKER, at=LATER, reason=CANARY)
        assert found
        assert all(CANARY not in str(f) for f in found)


class TestBlockersLeavesNothingBehind:
    """The steps still stop at WF-STEP after blockers, even after blockers raised."""

    def test_steps_stop_early_again_afterwards(self):
        record = draft()
        blockers(record, "reopen", actor=WORKER, at=LATER)
        with pytest.raises(TypeError):
            blockers(record, "reopen", actor=WORKER, at=LATER, plan=None)
        with pytest.raises(TransitionRefused) as info:
            wf.reopen(record, actor=WORKER, at=LATER)
        assert info.value.codes == ("WF-STEP",)

    def test_an_unknown_step(self):
        with pytest.raises(KeyError):
            blockers(draft(), "escalate", actor=WORKER, at=LATER)

    def test_exported(self):
        assert "blockers" in msp.workflow.__all__
        assert msp.workflow.blockers is blockers
        assert "blockers" in wf.__all__


def _enquiry_without_achievement(record: Concern) -> dict[str, Any]:
    data = ending_data(record)
    data["enquiry"] = attrs.evolve(data["enquiry"], outcomes_achieved=None)
    return data


class TestConcludeDerivesAchievement:
    """SG4a achievement, not given, is derived from the desired outcomes (overall_achievement)."""

    @pytest.mark.parametrize(
        ("results", "expected"),
        [
            ((OutcomeAchievement.FULLY, OutcomeAchievement.FULLY), OutcomeAchievement.FULLY),
            ((OutcomeAchievement.FULLY, OutcomeAchievement.NOT), OutcomeAchievement.PARTIALLY),
            ((OutcomeAchievement.PARTIALLY,), OutcomeAchievement.PARTIALLY),
            ((OutcomeAchievement.NOT, OutcomeAchievement.NOT), OutcomeAchievement.NOT),
        ],
    )
    @pytest.mark.parametrize("step", ["conclude", "cease_at_adults_request"])
    def test_derived_where_not_given(self, step, results, expected):
        record = reach(CaseStage.ENQUIRY)
        data = _enquiry_without_achievement(record)
        data["desired_outcomes"] = tuple(outcome(achievement=r) for r in results)
        done = getattr(wf, step)(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is expected
        assert not msp.validate(done).has_errors

    def test_without_the_derivation_the_step_would_be_refused(self):
        """SAC-010: outcomes expressed but achievement not recorded; the derivation fills it."""
        record = reach(CaseStage.ENQUIRY)
        data = _enquiry_without_achievement(record)
        assert blockers(record, "conclude", actor=WORKER, at=LATER, **data) == ()
        concluded = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert concluded.enquiry is not None
        assert concluded.enquiry.outcomes_achieved is OutcomeAchievement.FULLY

    def test_the_outcomes_and_asked_value_on_the_record_are_used(self):
        record = reach(CaseStage.ENQUIRY)
        data = _enquiry_without_achievement(record)
        record = attrs.evolve(
            record,
            msp_asked=data.pop("msp_asked"),
            desired_outcomes=(outcome(achievement=OutcomeAchievement.NOT),),
        )
        del data["desired_outcomes"]
        done = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is OutcomeAchievement.NOT

    def test_a_value_given_is_kept(self):
        """A value given that differs from the outcomes is kept; SAC-013 warns of it (a warning: it does not block)."""
        record = reach(CaseStage.ENQUIRY)
        data = ending_data(record, desired_outcomes=(outcome(achievement=OutcomeAchievement.NOT),))
        assert data["enquiry"].outcomes_achieved is OutcomeAchievement.FULLY
        done = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is OutcomeAchievement.FULLY
        assert "SAC-013" in [f.code for f in msp.validate(done).warnings]

    def test_a_value_on_the_record_is_kept(self):
        record = reach(CaseStage.ENQUIRY)
        data = ending_data(record)
        enquiry = attrs.evolve(data.pop("enquiry"), outcomes_achieved=OutcomeAchievement.NOT)
        record = attrs.evolve(record, enquiry=enquiry)
        done = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is OutcomeAchievement.NOT

    @pytest.mark.parametrize("asked", [m for m in MspAsked if m is not MspAsked.ASKED_EXPRESSED])
    def test_not_derived_where_outcomes_were_not_expressed(self, asked):
        record = reach(CaseStage.ENQUIRY, decision=step_decision(other_decision()))
        data = _enquiry_without_achievement(record)
        data["msp_asked"] = asked
        data["desired_outcomes"] = ()
        done = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is None

    def test_not_derived_where_no_outcome_was_evaluated(self):
        record = reach(CaseStage.ENQUIRY, decision=step_decision(other_decision()))
        data = _enquiry_without_achievement(record)
        data["desired_outcomes"] = (outcome(achievement=None),)
        done = wf.conclude(record, actor=WORKER, at=LATER, **data)
        assert done.enquiry is not None
        assert done.enquiry.outcomes_achieved is None
