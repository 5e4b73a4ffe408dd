"""Issue 14 in the workflow: a manager's sign-off (the ``manager-sign-off`` policy and ``WF-SIGN-OFF``),
the plan reviewed after the enquiry concluded, and a change of route without closing (``change_route``).

Every value is invented. The records come from tests/builders.py.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import attrs
import pytest

import msp
from msp import Actor, Concern, RouteChange
from msp.codes import CaseStage, EnquiryRoute, EnquiryType
from msp.model import history as h
from msp.rules import Severity
from msp.workflow import steps as wf
from msp.workflow.steps import TransitionRefused, WorkflowPolicy
from tests.builders import (
    CLERK,
    LATER,
    MANAGER,
    WORKER,
    at,
    ending_data,
    feedback,
    no_enquiry_decision,
    other_decision,
    reach,
    step_closure,
    step_decision,
)

CANARY = "CANARY-wf14-7c2"
SIGN_OFF = WorkflowPolicy.manager_sign_off()
OTHER = step_decision(other_decision())
S42 = step_decision()


def refused(step: Any, record: Concern, **kwargs: Any) -> TransitionRefused:
    """Call ``step`` on ``record`` expecting a refusal; check the input is unchanged; return the exception."""
    before = copy.deepcopy(record)
    kwargs.setdefault("actor", WORKER)
    kwargs.setdefault("at", LATER)
    with pytest.raises(TransitionRefused) as info:
        step(record, **kwargs)
    assert record == before
    assert all(f.severity is Severity.ERROR for f in info.value.findings)
    return info.value


def other_enquiry(where: CaseStage = CaseStage.ENQUIRY) -> Concern:
    """A case walked to ``where`` on an other enquiry."""
    return reach(where, decision=OTHER)


# -- sign-off -------------------------------------------------------------------------------


class TestSignOffPolicy:
    """WorkflowPolicy.sign_off names the steps a manager authorises; the named policies; the default is none."""

    def test_default_needs_no_sign_off(self):
        """By default no step needs sign-off and four eyes is off, as in earlier versions."""
        policy = WorkflowPolicy()
        assert policy.sign_off == frozenset()
        assert not policy.four_eyes
        assert not any(policy.needs_sign_off(t.step) for t in wf.TRANSITIONS)
        assert WorkflowPolicy.named("default") == policy

    def test_manager_sign_off_policy(self):
        """manager-sign-off: the section 42 decision (decide, change_route) and closing need a manager."""
        assert {"decide", "change_route", "close"} == wf.MANAGER_SIGN_OFF_STEPS
        assert SIGN_OFF.sign_off == wf.MANAGER_SIGN_OFF_STEPS
        assert WorkflowPolicy.named("manager-sign-off") == SIGN_OFF
        assert wf.WORKFLOW_POLICIES["manager-sign-off"] is WorkflowPolicy.named("manager-sign-off")
        assert set(wf.WORKFLOW_POLICIES) == {"default", "manager-sign-off"}
        assert WorkflowPolicy.manager_sign_off(rules="sac").rules == "sac"
        assert msp.workflow.WORKFLOW_POLICIES is wf.WORKFLOW_POLICIES

    def test_the_named_policies_cannot_be_edited(self):
        """The mapping is read-only and the policies frozen."""
        with pytest.raises(TypeError):
            wf.WORKFLOW_POLICIES["mine"] = WorkflowPolicy()  # type: ignore[index]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            SIGN_OFF.sign_off = frozenset()  # type: ignore[misc]

    def test_unknown_policy_name(self):
        """An unknown name raises KeyError."""
        with pytest.raises(KeyError):
            WorkflowPolicy.named("four-hands")

    def test_steps_are_checked_against_the_table(self):
        """sign_off takes step names of the table; one name is a set of one; others raise ValueError."""
        assert WorkflowPolicy(sign_off="close").sign_off == frozenset({"close"})
        assert WorkflowPolicy(sign_off=["reopen", "close"]).sign_off == frozenset({"reopen", "close"})
        with pytest.raises(ValueError, match="skip_to_closure"):
            WorkflowPolicy(sign_off={"close", "skip_to_closure"})


class TestSignOff:
    """A step the policy has a manager authorise needs authorised_by, another user; it is sealed in the history."""

    def test_decide_without_sign_off_is_refused(self):
        """WF-SIGN-OFF at the new entry's authorised_by, and nothing else, where the decision is good."""
        exc = refused(wf.decide, reach(CaseStage.INFORMATION_GATHERING), decision=S42, policy=SIGN_OFF, actor=CLERK)
        assert exc.codes == ("WF-SIGN-OFF",)
        assert exc.findings[0].path == "$.history[2].authorised_by"
        assert "decide" in exc.findings[0].message

    def test_decide_signed_off_records_the_authoriser(self):
        """The authoriser is on the step's history entry, and the chain is intact."""
        done = wf.decide(
            reach(CaseStage.INFORMATION_GATHERING),
            actor=WORKER,
            at=LATER,
            decision=S42,
            authorised_by=MANAGER,
            policy=SIGN_OFF,
        )
        assert done.history[-1].authorised_by == MANAGER
        assert done.history[-1].digest == h.chain_digests(done.history)[-1]
        assert done.decision is not None
        assert done.decision.decided_by == WORKER
        assert not msp.validate(done).has_errors

    def test_self_authorisation_is_refused(self):
        """The authoriser must be another user: the same user id in a manager's role is refused."""
        same = Actor(role="Team manager", user_id=WORKER.user_id)
        exc = refused(
            wf.decide,
            reach(CaseStage.INFORMATION_GATHERING),
            decision=S42,
            authorised_by=same,
            policy=SIGN_OFF,
        )
        assert exc.codes == ("WF-SIGN-OFF",)
        assert "someone other than the actor" in exc.findings[0].message

    def test_self_authorisation_is_refused_under_any_policy(self):
        """An authorisation by the actor is none, whatever the policy."""
        exc = refused(wf.start_enquiry, reach(CaseStage.DECIDED), authorised_by=WORKER)
        assert exc.codes == ("WF-SIGN-OFF",)

    def test_close_needs_sign_off(self):
        """close is refused without an authoriser and goes through with one."""
        concluded = reach(CaseStage.CONCLUDED)
        exc = refused(wf.close, concluded, closure=step_closure(), policy=SIGN_OFF)
        assert exc.codes == ("WF-SIGN-OFF",)
        closed = wf.close(
            concluded, actor=WORKER, at=LATER, closure=step_closure(), authorised_by=MANAGER, policy=SIGN_OFF
        )
        assert closed.stage is CaseStage.CLOSED
        assert closed.history[-1].authorised_by == MANAGER

    def test_other_steps_need_none(self):
        """Under manager-sign-off, steps it does not name go through without an authoriser."""
        done = wf.start_enquiry(reach(CaseStage.DECIDED), actor=WORKER, at=LATER, policy=SIGN_OFF)
        assert done.stage is CaseStage.ENQUIRY
        assert done.history[-1].authorised_by is None

    def test_an_optional_authoriser_is_recorded(self):
        """Under the default policy an authoriser may still be given: it is recorded and sealed."""
        done = wf.start_enquiry(reach(CaseStage.DECIDED), actor=WORKER, at=LATER, authorised_by=MANAGER)
        assert done.history[-1].authorised_by == MANAGER
        assert not msp.validate(done).has_errors

    def test_sign_off_and_other_findings_are_reported_together(self):
        """The sign-off finding comes with the step's own and the rules' findings, structural codes first."""
        weak = step_decision(unable_to_protect_self=False)
        exc = refused(wf.decide, reach(CaseStage.INFORMATION_GATHERING), decision=weak, policy=SIGN_OFF)
        assert exc.codes[0] == "WF-SIGN-OFF"
        assert "CA-003" in exc.codes

    def test_with_four_eyes(self):
        """Both controls together: four eyes still compares the decision-maker with the recorder."""
        both = WorkflowPolicy(four_eyes=True, sign_off={"decide"})
        c = reach(CaseStage.INFORMATION_GATHERING)
        exc = refused(wf.decide, c, actor=CLERK, decision=S42, authorised_by=MANAGER, policy=both)
        assert exc.codes == ("WF-FOUR-EYES",)
        done = wf.decide(c, actor=WORKER, at=LATER, decision=S42, authorised_by=MANAGER, policy=both)
        assert done.stage is CaseStage.DECIDED

    def test_a_whole_case_under_manager_sign_off(self):
        """A case walked to closure with the manager signing off the decision and the closure passes every rule."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        c = wf.decide(c, actor=WORKER, at=at(4), decision=S42, authorised_by=MANAGER, policy=SIGN_OFF)
        c = wf.start_enquiry(c, actor=WORKER, at=at(5), policy=SIGN_OFF)
        c = wf.conclude(c, actor=WORKER, at=at(27), policy=SIGN_OFF, **ending_data(c))
        c = wf.close(
            c,
            actor=WORKER,
            at=at(30),
            closure=step_closure(),
            feedback=feedback(asked_on=None),
            authorised_by=MANAGER,
            policy=SIGN_OFF,
        )
        assert [e.authorised_by for e in c.history[2:]] == [MANAGER, None, None, MANAGER]
        assert msp.validate(c).findings == ()

    def test_an_edited_authoriser_is_found(self):
        """WF-001 finds an authoriser changed, added or removed after sealing, and the record moves nowhere."""
        closed = wf.close(
            reach(CaseStage.CONCLUDED),
            actor=WORKER,
            at=LATER,
            closure=step_closure(),
            authorised_by=MANAGER,
            policy=SIGN_OFF,
        )
        last = len(closed.history) - 1
        for authoriser in (CLERK, None):
            edited = attrs.evolve(closed.history[last], authorised_by=authoriser)
            tampered = attrs.evolve(closed, history=(*closed.history[:last], edited))
            report = msp.validate(tampered, rules=["WF-001"])
            assert [f.path for f in report.errors] == [f"$.history[{last}]"]
            assert "WF-001" in refused(wf.reopen, tampered, reason="Invented").codes
        added = attrs.evolve(closed.history[3], authorised_by=CLERK)
        tampered = attrs.evolve(closed, history=(*closed.history[:3], added, *closed.history[4:]))
        assert msp.validate(tampered, rules=["WF-001"]).has_errors

    def test_no_personal_data_in_sign_off_refusals(self):
        """Messages name the step and the rule, never user ids or free text."""
        secret = Actor(role=CANARY, user_id="U-CANARY")
        exc = refused(
            wf.decide,
            reach(CaseStage.INFORMATION_GATHERING),
            actor=secret,
            authorised_by=Actor(role=CANARY, user_id="U-CANARY"),
            decision=S42,
            reason=CANARY,
            policy=SIGN_OFF,
        )
        for text in (str(exc), repr(exc.findings)):
            assert CANARY not in text
            assert "U-CANARY" not in text


# -- the plan after the enquiry -------------------------------------------------------------


class TestPlanMonitoredAfterConclusion:
    """review_plan is allowed at concluded: the plan is monitored after the enquiry; the stage stays."""

    def test_a_plan_reviewed_after_conclusion(self):
        """A review at concluded adds a review date and the next one, keeps the stage and the conclusion."""
        concluded = reach(CaseStage.CONCLUDED, via="plan_and_review")
        assert concluded.plan is not None
        reviewed = wf.review_plan(
            concluded, actor=WORKER, at=at(10, month=7), review_due_on=date(2025, 8, 7), reason="Invented"
        )
        assert reviewed.stage is CaseStage.CONCLUDED
        assert reviewed.plan is not None
        assert reviewed.plan.reviewed_on == (*concluded.plan.reviewed_on, date(2025, 7, 10))
        assert reviewed.plan.review_due_on == date(2025, 8, 7)
        assert reviewed.enquiry == concluded.enquiry
        entry = reviewed.history[-1]
        assert (entry.from_stage, entry.to_stage) == (CaseStage.CONCLUDED, CaseStage.CONCLUDED)
        assert not msp.validate(reviewed).has_errors
        assert wf.allowed_steps(reviewed) == ("review_plan", "close")
        closed = wf.close(reviewed, actor=MANAGER, at=at(11, month=7), closure=step_closure())
        assert closed.stage is CaseStage.CLOSED

    def test_without_a_plan_is_refused(self):
        """WF-PLAN: a case concluded without a plan has none to review."""
        exc = refused(wf.review_plan, reach(CaseStage.CONCLUDED))
        assert exc.codes == ("WF-PLAN",)

    def test_not_after_the_case_closed_or_ceased(self):
        """The plan is reviewed at plan_and_review and concluded only."""
        for where in (CaseStage.CLOSED, CaseStage.CEASED_AT_ADULTS_REQUEST):
            exc = refused(wf.review_plan, reach(where, via="plan_and_review"))
            assert exc.codes == ("WF-STEP",)

    def test_the_next_review_date_during_the_enquiry(self):
        """review_due_on replaces the plan's next review date; left out, it is kept."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        once = wf.review_plan(c, actor=WORKER, at=at(20), review_due_on=date(2025, 7, 18))
        twice = wf.review_plan(once, actor=WORKER, at=at(27))
        assert twice.plan is not None
        assert twice.plan.review_due_on == date(2025, 7, 18)
        assert twice.stage is CaseStage.PLAN_AND_REVIEW


# -- change of route ------------------------------------------------------------------------


class TestChangeRoute:
    """change_route moves an other enquiry to a section 42 enquiry, or back, without closing."""

    @pytest.mark.parametrize("where", [CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW], ids=str)
    def test_other_to_section_42(self, where):
        """The decision is re-recorded, the enquiry type follows, a RouteChange and a sealed entry are added."""
        c = other_enquiry(where)
        assert c.enquiry is not None
        done = wf.change_route(c, actor=WORKER, at=LATER, decision=S42, reason="Invented new information")
        assert done.stage is where
        assert done.decision is not None
        assert done.decision.route is EnquiryRoute.SECTION_42_ENQUIRY
        assert done.decision.conditions_met
        assert done.decision.decided_by == WORKER
        assert done.decision.decided_on == c.decision.decided_on  # type: ignore[union-attr]
        assert done.enquiry == attrs.evolve(c.enquiry, enquiry_type=EnquiryType.SECTION_42)
        assert done.is_section_42
        assert done.route_changes == (
            RouteChange(
                changed_on=LATER.date(),
                from_route=EnquiryRoute.OTHER_ENQUIRY,
                to_route=EnquiryRoute.SECTION_42_ENQUIRY,
                reason="Invented new information",
                decided_by=WORKER.role,
            ),
        )
        assert done.history[: len(c.history)] == c.history
        entry = done.history[-1]
        assert (entry.from_stage, entry.to_stage, entry.reason) == (where, where, "Invented new information")
        assert tuple(e.digest for e in done.history) == h.chain_digests(done.history)
        assert not msp.validate(done, rules=["WF-001", "WF-002"]).findings
        assert not msp.validate(done).has_errors

    def test_the_section_42_enquiry_then_concludes_with_the_sac_items(self):
        """The other enquiry would conclude without the SAC items; once it is a section 42 enquiry they are needed."""
        c = other_enquiry()
        assert wf.conclude(c, actor=WORKER, at=at(27)).stage is CaseStage.CONCLUDED
        done = wf.change_route(c, actor=WORKER, at=at(9), decision=S42, reason="Invented")
        bare = refused(wf.conclude, done)
        assert "SAC-009" in bare.codes
        assert all(code.startswith("SAC-") for code in bare.codes)
        concluded = wf.conclude(done, actor=WORKER, at=at(27), **ending_data(done))
        assert concluded.stage is CaseStage.CONCLUDED
        assert not msp.validate(concluded).has_errors

    def test_section_42_to_other_and_back(self):
        """Back to an other enquiry (with its reason), then to section 42 again: two changes, in order."""
        c = reach(CaseStage.ENQUIRY)
        back = wf.change_route(c, actor=WORKER, at=at(9), decision=OTHER, reason="Invented")
        assert back.enquiry is not None
        assert back.enquiry.enquiry_type is EnquiryType.OTHER
        again = wf.change_route(back, actor=MANAGER, at=at(10), decision=S42, reason="Invented")
        assert [(r.from_route, r.to_route) for r in again.route_changes] == [
            (EnquiryRoute.SECTION_42_ENQUIRY, EnquiryRoute.OTHER_ENQUIRY),
            (EnquiryRoute.OTHER_ENQUIRY, EnquiryRoute.SECTION_42_ENQUIRY),
        ]
        assert [r.decided_by for r in again.route_changes] == [WORKER.role, MANAGER.role]
        assert not msp.validate(again).has_errors

    def test_at_decided_before_the_enquiry_starts(self):
        """At decided the route changes and the enquiry then starts under the new type."""
        c = reach(CaseStage.DECIDED, decision=OTHER)
        done = wf.change_route(c, actor=WORKER, at=at(4, 15), decision=S42, reason="Invented")
        assert done.stage is CaseStage.DECIDED
        assert done.enquiry is None
        started = wf.start_enquiry(done, actor=WORKER, at=at(5))
        assert started.enquiry is not None
        assert started.enquiry.enquiry_type is EnquiryType.SECTION_42

    def test_while_paused(self):
        """The route may change while the enquiry is paused: the pause stays open."""
        c = wf.pause_enquiry(other_enquiry(), actor=WORKER, at=at(9), reason="Invented police investigation")
        done = wf.change_route(c, actor=WORKER, at=at(10), decision=S42, reason="Invented")
        assert done.paused
        assert done.pauses == c.pauses

    def test_the_decision_keeps_an_explicit_maker(self):
        """decided_by given explicitly is kept and is the route change's decider."""
        done = wf.change_route(
            other_enquiry(), actor=CLERK, at=LATER, decision=step_decision(decided_by=MANAGER), reason="Invented"
        )
        assert done.decision is not None
        assert done.decision.decided_by == MANAGER
        assert done.route_changes[-1].decided_by == MANAGER.role

    @pytest.mark.parametrize(
        ("decision", "code"),
        [
            (step_decision(unable_to_protect_self=False), "CA-003"),
            (step_decision(unable_to_protect_self=None), "CA-002"),
        ],
        ids=["condition-not-met", "condition-not-recorded"],
    )
    def test_the_decide_checks_hold_for_section_42(self, decision, code):
        """A section 42 route needs all three s42(1) conditions met (CA-003) and recorded (CA-002)."""
        assert code in refused(wf.change_route, other_enquiry(), decision=decision, reason="Invented").codes

    def test_the_decide_checks_hold_for_an_other_enquiry(self):
        """Back to an other enquiry: its reason (CA-004), and not with all three conditions met (CA-017)."""
        c = reach(CaseStage.ENQUIRY)
        no_reason = step_decision(other_decision(other_enquiry_reason=None))
        assert "CA-004" in refused(wf.change_route, c, decision=no_reason, reason="Invented").codes
        misclassified = step_decision(other_decision(unable_to_protect_self=True))
        assert "CA-017" in refused(wf.change_route, c, decision=misclassified, reason="Invented").codes

    def test_to_no_enquiry_is_refused(self):
        """WF-ROUTE: ending the enquiry is concluding (or ceasing) and closing, not a change of route."""
        exc = refused(
            wf.change_route, other_enquiry(), decision=step_decision(no_enquiry_decision()), reason="Invented"
        )
        assert exc.codes == ("WF-ROUTE",)
        assert exc.findings[0].path == "$.decision.route"
        assert "conclude" in exc.findings[0].message

    def test_to_the_same_route_is_refused(self):
        """WF-ROUTE: there is no change to record."""
        exc = refused(wf.change_route, other_enquiry(), decision=OTHER, reason="Invented")
        assert exc.codes == ("WF-ROUTE",)
        assert "already other_enquiry" in exc.findings[0].message

    def test_from_no_enquiry_is_refused(self):
        """WF-ROUTE: after a no-enquiry decision there is no enquiry route to change."""
        c = reach("decided_no_enquiry")
        assert refused(wf.change_route, c, decision=S42, reason="Invented").codes == ("WF-ROUTE",)

    def test_needs_a_reason_and_a_decision(self):
        """WF-REASON without a reason; WF-DECISION without a decision or its route."""
        c = other_enquiry()
        assert refused(wf.change_route, c, decision=S42).codes == ("WF-REASON",)
        no_route = step_decision(route=None)
        assert "WF-DECISION" in refused(wf.change_route, c, decision=no_route, reason="Invented").codes

    @pytest.mark.parametrize("where", [CaseStage.INFORMATION_GATHERING, CaseStage.CONCLUDED, CaseStage.CLOSED], ids=str)
    def test_only_while_the_route_can_matter(self, where):
        """WF-STEP before the decision and after the enquiry ends."""
        exc = refused(wf.change_route, reach(where), decision=OTHER, reason="Invented")
        assert exc.codes == ("WF-STEP",)

    def test_a_decision_dated_after_the_enquiry_started_is_a_shape_problem(self):
        """The decision that opened the enquiry came before it: a later date is refused."""
        late = step_decision(decided_on=date(2025, 7, 1))
        exc = refused(wf.change_route, other_enquiry(), decision=late, reason="Invented")
        assert exc.codes == ("SHAPE-DATE-ORDER",)

    def test_four_eyes_applies(self):
        """The four-eyes policy applies to the remade decision as to decide's."""
        policy = WorkflowPolicy(four_eyes=True)
        exc = refused(wf.change_route, other_enquiry(), actor=CLERK, decision=S42, reason="Invented", policy=policy)
        assert exc.codes == ("WF-FOUR-EYES",)

    def test_manager_sign_off_applies(self):
        """Under manager-sign-off a change of route needs a manager's authorisation."""
        c = other_enquiry()
        exc = refused(wf.change_route, c, decision=S42, reason="Invented", policy=SIGN_OFF)
        assert exc.codes == ("WF-SIGN-OFF",)
        done = wf.change_route(
            c, actor=WORKER, at=LATER, decision=S42, reason="Invented", authorised_by=MANAGER, policy=SIGN_OFF
        )
        assert done.history[-1].authorised_by == MANAGER

    def test_no_personal_data_in_refusals(self):
        """The free text of the step and the record never appears in a refusal."""
        c = other_enquiry()
        decision = step_decision(rationale=CANARY, unable_to_protect_self=False)
        exc = refused(wf.change_route, c, decision=decision, reason=CANARY)
        assert CANARY not in str(exc)
        assert CANARY not in repr(exc.findings)

    def test_a_tampered_route_change_entry_is_found(self):
        """The change's history entry is sealed like every other: editing its reason breaks WF-001."""
        done = wf.change_route(other_enquiry(), actor=WORKER, at=LATER, decision=S42, reason="Invented")
        last = len(done.history) - 1
        edited = attrs.evolve(done.history[last], reason="Invented, edited")
        tampered = attrs.evolve(done, history=(*done.history[:last], edited))
        assert "WF-001" in {f.code for f in msp.validate(tampered).errors}

    def test_a_new_episode_clears_the_route_changes(self):
        """After reopening, the next decision starts a new episode: the closed episode's route changes go with its
        enquiry; their history entries stay."""
        c = wf.change_route(other_enquiry(), actor=WORKER, at=at(9), decision=S42, reason="Invented")
        c = wf.conclude(c, actor=WORKER, at=at(27), **ending_data(c))
        c = wf.close(c, actor=MANAGER, at=at(30), closure=step_closure())
        again = wf.reopen(c, actor=MANAGER, at=LATER, reason="Invented")
        assert again.route_changes == c.route_changes
        decided = wf.decide(again, actor=MANAGER, at=at(11, month=7), decision=S42)
        assert decided.route_changes == ()
        assert decided.history[: len(again.history)] == again.history


class TestRouteChangesInTheReturn:
    """The SAC return counts a route-changed enquiry under its current type, as docs/workflow.md says."""

    def test_an_other_enquiry_that_became_section_42_counts_as_section_42(self):
        from msp.reports.sac_return import sac  # noqa: PLC0415 - reports sit above workflow

        c = other_enquiry()
        changed = wf.change_route(c, actor=WORKER, at=at(9), decision=S42, reason="Invented")
        concluded = wf.conclude(changed, actor=WORKER, at=at(27), **ending_data(changed))
        ret = sac([concluded], year="2025-26")
        assert ret.count("SG1f", "Total Number of Section 42 Safeguarding Enquiries") == 1
        assert ret.count("SG1f", "Total Number of Other Safeguarding Enquiries") == 0
        assert sum(r.count for r in ret.table("SG2c")) >= 1  # concluded section 42: counted in SG2-SG4

    def test_a_section_42_enquiry_that_became_other_leaves_sg2_to_sg4(self):
        from msp.reports.sac_return import sac  # noqa: PLC0415 - reports sit above workflow

        c = reach(CaseStage.ENQUIRY)
        back = wf.change_route(c, actor=WORKER, at=at(9), decision=OTHER, reason="Invented")
        concluded = wf.conclude(back, actor=WORKER, at=at(27))
        ret = sac([concluded], year="2025-26")
        assert ret.count("SG1f", "Total Number of Other Safeguarding Enquiries") == 1
        assert ret.count("SG1f", "Total Number of Section 42 Safeguarding Enquiries") == 0
        assert sum(r.count for r in ret.table("SG2c")) == 0
