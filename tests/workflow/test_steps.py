"""The safeguarding workflow: the transition table, every allowed and refused step, the guards,
immutability, the history each step appends, the refusal exception, and a property test over
random sequences of attempted steps.

Every value is invented. The records come from tests/builders.py (:func:`~tests.builders.draft`,
:func:`~tests.builders.reach`, ...).
"""

from __future__ import annotations

import copy
import inspect
import itertools
import pickle
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import msp
from msp import (
    Actor,
    Adult,
    AdultsViews,
    Closure,
    Concern,
    Contact,
    Enquiry,
    ImmediateSafety,
    ProfessionalCuriosity,
    Representative,
    SafeguardingAdultsReview,
)
from msp.codes import (
    AdvocateKind,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    EnquiryRoute,
    EnquiryType,
    ExitRoute,
    MspAsked,
    RepresentativeKind,
)
from msp.errors import MspError
from msp.rules import DEFAULT_YEAR, Basis, Profile, Rule, RuleSet, Severity
from msp.workflow import steps as wf
from msp.workflow.steps import TRANSITIONS, TransitionRefused, WorkflowPolicy
from tests.builders import (
    CLERK,
    DEC_NONE,
    LATER,
    MANAGER,
    RECEIVED,
    WORKER,
    at,
    draft,
    ending_data,
    feedback,
    no_enquiry_decision,
    other_decision,
    outcome,
    reach,
    risk,
    step_closure,
    step_decision,
    step_plan,
)
from tests.strategies import step_decisions

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "workflow.md"
CANARY = "CANARY-wf-5e1"


def good_step(step: str, record: Concern) -> dict[str, Any]:
    """Step data that the guards accept for ``record``."""
    data: dict[str, dict[str, Any]] = {
        "receive": {},
        "start_information_gathering": {},
        "decide": {"decision": step_decision()},
        "start_enquiry": {},
        "agree_plan": {"plan": step_plan()},
        "review_plan": {},
        "pause_enquiry": {"reason": "Invented reason to pause", "police_or_court_led": True},
        "resume_enquiry": {},
        "change_route": {"decision": step_decision(other_decision()), "reason": "Invented reason to change"},
        "conclude": ending_data(record) if step == "conclude" else {},
        "cease_at_adults_request": ending_data(record) if step == "cease_at_adults_request" else {},
        "close": {"closure": step_closure()},
        "reopen": {"reason": "Invented reason to reopen"},
    }
    return data[step]


STEP_FUNCTIONS: dict[str, Callable[..., Concern]] = {t.step: getattr(wf, t.step) for t in TRANSITIONS}


def take(step: str, record: Concern, **kwargs: Any) -> Concern:
    """Take ``step`` on ``record`` as MANAGER at LATER unless told otherwise."""
    kwargs.setdefault("actor", MANAGER)
    kwargs.setdefault("at", LATER)
    return STEP_FUNCTIONS[step](record, **kwargs)


def refused(step: str, record: Concern, **kwargs: Any) -> TransitionRefused:
    """Take ``step``, expecting a refusal; check the input is unchanged; return the exception."""
    before = copy.deepcopy(record)
    with pytest.raises(TransitionRefused) as info:
        take(step, record, **kwargs)
    assert record == before
    assert info.value.step == step
    assert info.value.record_id == record.concern_id
    assert info.value.findings
    assert all(f.severity is Severity.ERROR for f in info.value.findings)
    return info.value


PAUSED = "paused"
"""For :func:`start_record`: the stage reached, then the enquiry paused."""
PAUSED_AT = at(1, 10, month=7)
"""When :func:`start_record` pauses the enquiry: after every step of :func:`reach` up to the plan."""


def pause(record: Concern, when: datetime = PAUSED_AT, **kwargs: Any) -> Concern:
    """``record`` with its enquiry paused by the workflow, for a police-led process."""
    kwargs.setdefault("reason", "Invented police investigation")
    kwargs.setdefault("police_or_court_led", True)
    return wf.pause_enquiry(record, actor=WORKER, at=when, **kwargs)


# The records each allowed (step, from-stage) pair is tried on.
ALLOWED: list[tuple[str, CaseStage | str, str | None]] = [
    ("receive", "draft", None),
    ("start_information_gathering", CaseStage.CONCERN_RECEIVED, None),
    ("decide", CaseStage.CONCERN_RECEIVED, None),
    ("decide", CaseStage.INFORMATION_GATHERING, None),
    ("start_enquiry", CaseStage.DECIDED, None),
    ("agree_plan", CaseStage.ENQUIRY, None),
    ("review_plan", CaseStage.PLAN_AND_REVIEW, None),
    ("review_plan", CaseStage.CONCLUDED, "plan_and_review"),
    ("pause_enquiry", CaseStage.ENQUIRY, None),
    ("pause_enquiry", CaseStage.PLAN_AND_REVIEW, None),
    ("resume_enquiry", CaseStage.ENQUIRY, PAUSED),
    ("resume_enquiry", CaseStage.PLAN_AND_REVIEW, PAUSED),
    ("change_route", CaseStage.DECIDED, None),
    ("change_route", CaseStage.ENQUIRY, None),
    ("change_route", CaseStage.PLAN_AND_REVIEW, None),
    ("conclude", CaseStage.ENQUIRY, None),
    ("conclude", CaseStage.PLAN_AND_REVIEW, None),
    ("cease_at_adults_request", CaseStage.ENQUIRY, None),
    ("cease_at_adults_request", CaseStage.PLAN_AND_REVIEW, None),
    ("close", DEC_NONE, None),
    ("close", CaseStage.CONCLUDED, None),
    ("close", CaseStage.CEASED_AT_ADULTS_REQUEST, None),
    ("close", CaseStage.CEASED_AT_ADULTS_REQUEST, "plan_and_review"),
    ("reopen", CaseStage.CLOSED, None),
]


def start_record(where: CaseStage | str, via: str | None = None) -> Concern:
    if via == PAUSED:
        return pause(reach(where))
    return draft() if where == "draft" else reach(where, via=via)


# -- the transition table -------------------------------------------------------------------


class TestTransitionTable:
    """The transition table: every stage reachable and left, one function per step, the allowed steps."""

    def test_every_stage_is_reachable_and_can_be_left(self):
        """Each stage is some step's target, and every stage has a step out of it."""
        targets = {t.to_stage for t in TRANSITIONS if not t.from_stages} | {
            t.target(s) for t in TRANSITIONS for s in t.from_stages
        }
        sources = {s for t in TRANSITIONS for s in t.from_stages}
        assert targets == set(CaseStage)
        assert sources == set(CaseStage)

    def test_step_names_are_unique_and_each_has_its_function(self):
        """One row per step, and msp.workflow.steps has a function of that name."""
        names = [t.step for t in TRANSITIONS]
        assert len(names) == len(set(names))
        for name in names:
            assert callable(getattr(wf, name))
            assert name in wf.__all__
            assert wf.get_transition(name).step == name

    def test_unknown_step(self):
        """get_transition raises KeyError for a step not in the table."""
        with pytest.raises(KeyError):
            wf.get_transition("skip_to_closure")

    def test_rows_name_stages_and_cannot_be_edited(self):
        """Each row leads from distinct CaseStage members to one, or keeps the stage (review, pause, resume and
        route change only); only receive starts from nothing; rows are frozen."""
        assert [t.step for t in TRANSITIONS if t.to_stage is None] == [
            "review_plan",
            "pause_enquiry",
            "resume_enquiry",
            "change_route",
        ]
        for t in TRANSITIONS:
            assert t.to_stage is None or type(t.to_stage) is CaseStage
            assert all(t.target(s) is (s if t.to_stage is None else t.to_stage) for s in t.from_stages)
            assert all(type(s) is CaseStage for s in t.from_stages)
            assert len(set(t.from_stages)) == len(t.from_stages), t.step
            assert t.summary.strip()
        assert [t.step for t in TRANSITIONS if not t.from_stages] == ["receive"]
        row = TRANSITIONS[0]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.step = "x"  # type: ignore[misc]
        assert wf.get_transition(row.step) is row

    def test_every_step_is_exported_and_takes_the_common_arguments(self):
        """Each step is exported by msp.workflow as well, and takes the record, then actor, at, reason and policy."""
        for t in TRANSITIONS:
            step = STEP_FUNCTIONS[t.step]
            assert getattr(msp.workflow, t.step) is step
            assert t.step in msp.workflow.__all__
            params = inspect.signature(step).parameters
            assert next(iter(params)) == "record"
            assert {"actor", "at", "reason", "policy"} <= {
                name for name, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY
            }

    def test_the_allowed_list_covers_the_table(self):
        """The allowed-transition tests below try every (step, from-stage) pair of the table."""
        pairs = {(t.step, s) for t in TRANSITIONS for s in t.from_stages} | {("receive", "draft")}
        tried = {(step, CaseStage.DECIDED if where == DEC_NONE else where) for step, where, _ in ALLOWED}
        assert tried == pairs

    def test_london_stages_map_every_stage(self):
        """Every stage sits in one of the London model's four stages, in process order."""
        assert set(wf.LONDON_STAGES) == set(CaseStage)
        numbers = [int(wf.LONDON_STAGES[s][0]) for s in CaseStage.in_order()]
        assert numbers == sorted(numbers)
        assert set(numbers) == {1, 2, 3, 4}

    @pytest.mark.parametrize(
        ("where", "expected"),
        [
            ("draft", ("receive",)),
            (CaseStage.CONCERN_RECEIVED, ("start_information_gathering", "decide")),
            (CaseStage.INFORMATION_GATHERING, ("decide",)),
            (CaseStage.DECIDED, ("start_enquiry", "change_route", "close")),
            (
                CaseStage.ENQUIRY,
                (
                    "agree_plan",
                    "pause_enquiry",
                    "resume_enquiry",
                    "change_route",
                    "conclude",
                    "cease_at_adults_request",
                ),
            ),
            (
                CaseStage.PLAN_AND_REVIEW,
                (
                    "review_plan",
                    "pause_enquiry",
                    "resume_enquiry",
                    "change_route",
                    "conclude",
                    "cease_at_adults_request",
                ),
            ),
            (CaseStage.CONCLUDED, ("review_plan", "close")),
            (CaseStage.CEASED_AT_ADULTS_REQUEST, ("close",)),
            (CaseStage.CLOSED, ("reopen",)),
        ],
        ids=str,
    )
    def test_allowed_steps(self, where, expected):
        """allowed_steps lists the table's steps out of the record's stage."""
        assert wf.allowed_steps(start_record(where)) == expected

    def test_module_dir_is_all(self):
        """The module's public names are its __all__ (dir() sorts them; __all__ is ordered constants first)."""
        assert dir(wf) == sorted(wf.__all__)


class TestMermaid:
    """mermaid() draws the table, and docs/workflow.md carries exactly that diagram."""

    def test_diagram_has_every_stage_and_every_arrow(self):
        """One state per stage and one arrow per (from-stage, step) of the table."""
        text = wf.mermaid()
        assert text.startswith("stateDiagram-v2\n")
        for stage in CaseStage:
            assert f'state "{stage.label}" as {stage.code}' in text
        arrows = re.findall(r"^    (\S+) --> (\S+) : (\w+)$", text, flags=re.MULTILINE)
        expected = {("[*]", CaseStage.CONCERN_RECEIVED.code, "receive")} | {
            (s.code, t.target(s).code, t.step) for t in TRANSITIONS for s in t.from_stages
        }
        assert set(arrows) == expected
        assert len(arrows) == len(expected)

    def test_docs_diagram_matches_the_table(self):
        """docs/workflow.md carries exactly mermaid() between its markers."""
        text = DOC.read_text(encoding="utf-8")
        block = re.search(r"<!-- mermaid:start -->\n```mermaid\n(.*?)```\n<!-- mermaid:end -->", text, re.DOTALL)
        assert block is not None, "docs/workflow.md has no mermaid block between the markers"
        assert block.group(1) == wf.mermaid()


# -- every allowed transition ---------------------------------------------------------------


class TestAllowedTransitions:
    """Every allowed step returns a new record at its stage with one sealed entry, its input unchanged."""

    @pytest.mark.parametrize(("step", "where", "via"), ALLOWED, ids=lambda v: str(getattr(v, "code", v)))
    def test_allowed_step(self, step, where, via):
        """The step succeeds, returns a new record at its stage with one entry appended, and leaves its input alone."""
        record = start_record(where, via)
        before = copy.deepcopy(record)
        reason = good_step(step, record).pop("reason", "Invented why")
        data = {k: v for k, v in good_step(step, record).items() if k != "reason"}
        result = take(step, record, actor=WORKER, reason=reason, **data)

        assert record == before
        assert result is not record
        transition = wf.get_transition(step)
        assert result.stage is transition.target(record.stage)
        assert result.history[: len(record.history)] == record.history
        assert len(result.history) == len(record.history) + 1
        entry = result.history[-1]
        assert entry.from_stage is (None if step == "receive" else record.stage)
        assert entry.to_stage is transition.target(record.stage)
        assert entry.at == LATER
        assert entry.actor == WORKER
        assert entry.reason == reason
        assert entry.digest is not None
        assert re.fullmatch(r"[0-9a-f]{64}", entry.digest)
        assert not msp.validate(result).has_errors

    def test_a_whole_section_42_case_passes_every_rule_at_closure(self):
        """A good case walked through every stage ends closed with no finding at all."""
        closed = reach(CaseStage.CLOSED, via="plan_and_review")
        assert closed.stage is CaseStage.CLOSED
        assert [(e.from_stage, e.to_stage) for e in closed.history] == [
            (None, CaseStage.CONCERN_RECEIVED),
            (CaseStage.CONCERN_RECEIVED, CaseStage.INFORMATION_GATHERING),
            (CaseStage.INFORMATION_GATHERING, CaseStage.DECIDED),
            (CaseStage.DECIDED, CaseStage.ENQUIRY),
            (CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW),
            (CaseStage.PLAN_AND_REVIEW, CaseStage.CONCLUDED),
            (CaseStage.CONCLUDED, CaseStage.CLOSED),
        ]
        assert msp.validate(closed).findings == ()

    def test_other_enquiry_concludes_without_sac_items(self):
        """The SAC SG2-SG4 items are for section 42 enquiries: an other enquiry concludes without them."""
        c = reach(CaseStage.ENQUIRY, decision=step_decision(other_decision()))
        assert c.enquiry is not None
        assert c.enquiry.enquiry_type is EnquiryType.OTHER
        done = wf.conclude(c, actor=WORKER, at=LATER)
        assert done.stage is CaseStage.CONCLUDED

    def test_step_defaults(self):
        """Defaults: decided_by/on, the enquiry's type, start and lead, the plan's date, conclusion and closure."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        assert c.decision is not None
        assert c.decision.decided_by == MANAGER
        assert c.decision.decided_on == date(2025, 6, 4)
        assert c.enquiry == Enquiry(enquiry_type=EnquiryType.SECTION_42, started_on=date(2025, 6, 5), lead=WORKER)
        assert c.plan is not None
        assert c.plan.agreed_on == date(2025, 6, 6)
        done = wf.conclude(c, actor=WORKER, at=at(27), **ending_data(c))
        assert done.enquiry is not None
        assert done.enquiry.concluded_on == date(2025, 6, 27)
        closed = wf.close(done, actor=MANAGER, at=at(30), closure=step_closure())
        assert closed.closure is not None
        assert closed.closure.closed_on == date(2025, 6, 30)
        assert closed.closure.reason is ClosureReason.ENQUIRY_CONCLUDED

    @pytest.mark.parametrize(
        ("where", "reason"),
        [
            (DEC_NONE, ClosureReason.NO_ENQUIRY_REQUIRED),
            (CaseStage.CONCLUDED, ClosureReason.ENQUIRY_CONCLUDED),
            (CaseStage.CEASED_AT_ADULTS_REQUEST, ClosureReason.CEASED_AT_ADULTS_REQUEST),
        ],
        ids=str,
    )
    def test_closure_reason_follows_the_stage(self, where, reason):
        """close fills in the reason the stage implies, and keeps one given explicitly."""
        c = reach(where)
        closed = wf.close(c, actor=MANAGER, at=LATER, closure=step_closure())
        assert closed.closure is not None
        assert closed.closure.reason is reason
        explicit = wf.close(c, actor=MANAGER, at=LATER, closure=step_closure(reason=ClosureReason.OTHER))
        assert explicit.closure is not None
        assert explicit.closure.reason is ClosureReason.OTHER

    def test_review_plan_adds_a_review_date_and_stays(self):
        """review_plan keeps the stage, adds a review date and an entry from and to plan_and_review."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        once = wf.review_plan(c, actor=WORKER, at=at(20))
        twice = wf.review_plan(once, actor=WORKER, at=at(27), reviewed_on=date(2025, 6, 26))
        assert twice.plan is not None
        assert twice.plan.reviewed_on == (date(2025, 6, 20), date(2025, 6, 26))
        assert twice.stage is CaseStage.PLAN_AND_REVIEW
        assert [(e.from_stage, e.to_stage) for e in twice.history[-2:]] == [(CaseStage.PLAN_AND_REVIEW,) * 2] * 2

    def test_start_information_gathering_records_immediate_safety(self):
        """The step's data replaces the record's immediate-safety assessment."""
        safety = ImmediateSafety(assessed_on=RECEIVED, action_needed=True, action_taken="Invented action")
        c = wf.start_information_gathering(
            reach(CaseStage.CONCERN_RECEIVED), actor=CLERK, at=at(2, 12), immediate_safety=safety
        )
        assert c.immediate_safety == safety

    def test_warnings_do_not_block(self):
        """A closure missing the adult's views (MSP-023, a warning) still closes."""
        closed = wf.close(reach(CaseStage.CONCLUDED), actor=MANAGER, at=LATER, closure=step_closure(adults_view=None))
        assert "MSP-023" in {f.code for f in msp.validate(closed).findings}


class TestReopen:
    """Reopening a closed case needs a reason, keeps the history and can go round again."""

    def test_reopen_keeps_history_and_clears_closure(self):
        """Reopening returns to information gathering, keeps every entry and clears the closure."""
        closed = reach(CaseStage.CLOSED)
        again = wf.reopen(closed, actor=MANAGER, at=LATER, reason="Invented new information")
        assert again.stage is CaseStage.INFORMATION_GATHERING
        assert again.closure is None
        assert again.history[:-1] == closed.history
        assert again.history[-1].from_stage is CaseStage.CLOSED
        assert again.decision == closed.decision
        assert again.enquiry == closed.enquiry
        assert wf.allowed_steps(again) == ("decide",)

    def test_a_reopened_case_can_go_round_again(self):
        """After reopening, the next decision starts a new episode that can be walked to closure."""
        again = wf.reopen(reach(CaseStage.CLOSED, via="plan_and_review"), actor=MANAGER, at=LATER, reason="Invented")
        t = LATER + timedelta(days=1)
        c = wf.decide(again, actor=MANAGER, at=t, decision=step_decision())
        assert c.enquiry is None
        assert c.plan is None
        c = wf.start_enquiry(c, actor=WORKER, at=t + timedelta(days=1))
        c = wf.conclude(c, actor=WORKER, at=t + timedelta(days=20), **ending_data(c))
        c = wf.close(
            c, actor=MANAGER, at=t + timedelta(days=21), closure=step_closure(), feedback=feedback(asked_on=None)
        )
        assert c.stage is CaseStage.CLOSED
        assert c.history[: len(again.history)] == again.history
        assert msp.validate(c).findings == ()

    def test_reopen_needs_a_reason(self):
        """WF-REASON: a closed case is not reopened without saying why."""
        exc = refused("reopen", reach(CaseStage.CLOSED))
        assert exc.codes == ("WF-REASON",)
        assert exc.findings[0].path == "$.history[6].reason"


# -- every refused transition ---------------------------------------------------------------

STARTS: list[CaseStage | str] = ["draft", *CaseStage]


def _not_allowed() -> list[tuple[str, CaseStage | str]]:
    out = []
    for t in TRANSITIONS:
        for where in STARTS:
            allowed = where == "draft" if t.step == "receive" else where in t.from_stages
            if not allowed:
                out.append((t.step, where))
    return out


class TestRefusedTransitions:
    """Every step outside the table is refused with WF-STEP or WF-ROUTE, naming the step, never data."""

    @pytest.mark.parametrize(("step", "where"), _not_allowed(), ids=lambda v: str(getattr(v, "code", v)))
    def test_step_not_in_the_table_is_refused(self, step, where):
        """Every (step, stage) pair outside the table is refused with WF-STEP, naming the step, never data."""
        record = start_record(where)
        data = {k: v for k, v in good_step(step, record).items() if k != "reason"}
        exc = refused(step, record, reason="Invented reason", **data)
        assert exc.codes == ("WF-STEP",)
        assert exc.findings[0].path == "$.stage"
        assert step in str(exc)
        assert record.concern_id in str(exc)

    @pytest.mark.parametrize("where", ["draft", CaseStage.CONCERN_RECEIVED, CaseStage.INFORMATION_GATHERING], ids=str)
    def test_closing_before_any_decision_is_refused_with_a_clear_message(self, where):
        """Closing before the section 42 decision: WF-STEP says which stages close is allowed from."""
        exc = refused("close", start_record(where), closure=step_closure())
        message = exc.findings[0].message
        if where == "draft":
            assert "receive" in message
        else:
            assert f"close is not allowed from stage {CaseStage(where).code}" in message
            assert "decided, concluded, ceased_at_adults_request" in message

    def test_receiving_twice_is_refused(self):
        """A received concern cannot be received again."""
        exc = refused("receive", reach(CaseStage.CONCERN_RECEIVED))
        assert "already received" in exc.findings[0].message

    def test_close_after_deciding_on_an_enquiry_is_refused(self):
        """WF-ROUTE: an enquiry was decided, so the case concludes or ceases before it closes."""
        exc = refused("close", reach(CaseStage.DECIDED), closure=step_closure())
        assert exc.codes[0] == "WF-ROUTE"
        assert exc.findings[0].path == "$.decision.route"

    def test_start_enquiry_after_no_enquiry_is_refused(self):
        """WF-ROUTE: no enquiry was decided, so none can start."""
        exc = refused("start_enquiry", reach(DEC_NONE))
        assert "WF-ROUTE" in exc.codes


# -- the guards -----------------------------------------------------------------------------


class TestDecisionGuards:
    """The decide step needs a route that the s42(1) conditions and the recorded reasons support."""

    def test_no_route(self):
        """WF-DECISION and CA-002: a decision needs its route."""
        exc = refused("decide", reach(CaseStage.INFORMATION_GATHERING), decision=step_decision(route=None))
        assert exc.codes[0] == "WF-DECISION"
        assert "CA-002" in exc.codes

    def test_not_a_decision(self):
        """WF-DECISION where no Section42Decision is given at all."""
        exc = refused("decide", reach(CaseStage.INFORMATION_GATHERING), decision=None)
        assert "WF-DECISION" in exc.codes

    @pytest.mark.parametrize("missing", ["has_care_and_support_needs", "unable_to_protect_self"])
    @pytest.mark.parametrize("value", [False, None])
    def test_section_42_needs_all_three_conditions(self, missing, value):
        """CA-003: no section 42 enquiry unless all three s42(1) conditions are met."""
        exc = refused("decide", reach(CaseStage.INFORMATION_GATHERING), decision=step_decision(**{missing: value}))
        assert "CA-003" in exc.codes

    def test_other_enquiry_needs_its_reason(self):
        """CA-004: an other enquiry records why."""
        exc = refused(
            "decide",
            reach(CaseStage.INFORMATION_GATHERING),
            decision=step_decision(other_decision(other_enquiry_reason=None)),
        )
        assert exc.codes == ("CA-004",)

    def test_no_enquiry_without_its_exit_route_is_a_warning(self):
        """CA-005 (the exit routes are local procedure) warns that none is recorded; it does not block."""
        done = take(
            "decide",
            reach(CaseStage.INFORMATION_GATHERING),
            decision=step_decision(no_enquiry_decision(exit_routes=())),
        )
        assert done.stage is CaseStage.DECIDED
        assert "CA-005" in {f.code for f in msp.validate(done).warnings}

    def test_no_enquiry_when_the_first_condition_is_not_met_needs_no_other_answer(self):
        """Recorded as a practitioner records it: no care and support needs, so (b) and (c) never asked."""
        decision = step_decision(
            no_enquiry_decision(
                has_care_and_support_needs=False, experiencing_or_at_risk_of_abuse=None, unable_to_protect_self=None
            )
        )
        done = wf.decide(reach(CaseStage.INFORMATION_GATHERING), actor=MANAGER, at=LATER, decision=decision)
        assert done.stage is CaseStage.DECIDED
        assert done.decision is not None
        assert done.decision.conditions == (False, None, None)

    def test_decision_before_receipt_is_a_shape_problem(self):
        """A decision dated before the concern was received is refused with SHAPE-DATE-ORDER."""
        exc = refused(
            "decide",
            reach(CaseStage.INFORMATION_GATHERING),
            decision=step_decision(decided_on=date(2025, 5, 1)),
        )
        assert exc.codes == ("SHAPE-DATE-ORDER",)
        assert exc.findings[0].path == "$.decision.decided_on"


class TestFourEyes:
    """With four eyes on, the person who recorded the concern cannot make the section 42 decision."""

    policy = WorkflowPolicy(four_eyes=True)

    def test_same_person_is_refused(self):
        """WF-FOUR-EYES: the person who recorded the concern cannot make the decision."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        exc = refused("decide", c, actor=CLERK, decision=step_decision(), policy=self.policy)
        assert exc.codes == ("WF-FOUR-EYES",)
        assert exc.findings[0].path == "$.decision.decided_by"

    def test_same_user_in_another_role_is_refused(self):
        """Four eyes compares people (user ids), not roles."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        same = Actor(role="Team manager", user_id=CLERK.user_id)
        assert "WF-FOUR-EYES" in refused("decide", c, actor=same, decision=step_decision(), policy=self.policy).codes

    def test_the_decision_maker_counts_not_the_typist(self):
        """The decision-maker is decided_by where given: the recorder may type in a manager's decision."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        done = wf.decide(c, actor=CLERK, at=LATER, decision=step_decision(decided_by=MANAGER), policy=self.policy)
        assert done.stage is CaseStage.DECIDED
        exc = refused("decide", c, actor=MANAGER, decision=step_decision(decided_by=CLERK), policy=self.policy)
        assert exc.codes == ("WF-FOUR-EYES",)

    def test_someone_else_is_allowed(self):
        """A different person decides: allowed."""
        c = wf.decide(reach(CaseStage.INFORMATION_GATHERING), actor=MANAGER, at=LATER, decision=step_decision())
        assert c.stage is CaseStage.DECIDED

    def test_off_by_default(self):
        """Without the policy, the recorder may decide."""
        c = wf.decide(reach(CaseStage.INFORMATION_GATHERING), actor=CLERK, at=LATER, decision=step_decision())
        assert c.stage is CaseStage.DECIDED

    def test_unknown_recorder_is_refused(self):
        """A legacy record whose history does not start with the receipt cannot be checked: refused."""
        legacy = draft(stage=CaseStage.INFORMATION_GATHERING)
        legacy = attrs.evolve(
            legacy,
            history=(
                msp.HistoryEntry(
                    from_stage=CaseStage.CONCERN_RECEIVED,
                    to_stage=CaseStage.INFORMATION_GATHERING,
                    at=at(2),
                    actor=CLERK,
                ),
            ),
        )
        exc = refused("decide", legacy, decision=step_decision(), policy=self.policy)
        assert exc.codes == ("WF-FOUR-EYES",)
        assert wf.decide(legacy, actor=MANAGER, at=LATER, decision=step_decision()).stage is CaseStage.DECIDED


class TestConclusionGuards:
    """Concluding a section 42 enquiry needs the SAC items and evaluated outcomes."""

    def test_msp_asked_is_required(self):
        """SAC-009: no conclusion of a section 42 enquiry without the SG4a 'asked' value."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("conclude", c, **ending_data(c, msp_asked=None, desired_outcomes=()))
        assert "SAC-009" in exc.codes

    def test_outcomes_must_be_evaluated(self):
        """MSP-020: every desired outcome is evaluated at conclusion."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("conclude", c, **ending_data(c, desired_outcomes=(outcome(achievement=None),)))
        assert exc.codes == ("MSP-020",)
        assert exc.findings[0].path == "$.desired_outcomes[0].achievement"

    @pytest.mark.parametrize(
        ("change", "code"),
        [
            ({"type_of_risk": None}, "SAC-001"),
            ({"location": None}, "SAC-002"),
            ({"source": None, "source_detail": None}, "SAC-003"),
            ({"action_and_result": None, "risk_outcome": None}, "SAC-004"),
            ({"risk_outcome": None}, "SAC-005"),
        ],
        ids=lambda v: v if isinstance(v, str) else None,
    )
    def test_sac_risk_items_are_required(self, change, code):
        """SAC-001 to SAC-005: each risk's SG2 items are complete at conclusion."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        exc = refused("conclude", c, **ending_data(c, risks=(risk(**change),)))
        assert code in exc.codes

    def test_capacity_value_is_required(self):
        """SAC-006: SG3a is recorded at conclusion."""
        c = reach(CaseStage.ENQUIRY)
        data = ending_data(c)
        data["enquiry"] = attrs.evolve(data["enquiry"], capacity_lacked=None)
        assert refused("conclude", c, **data).codes == ("SAC-006",)

    def test_no_risks_at_all(self):
        """A concluded section 42 enquiry records its risks."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("conclude", c, **ending_data(c, risks=()))
        assert {"SAC-001", "SAC-002", "SAC-003", "SAC-004"} <= set(exc.codes)

    def test_conclusion_before_start_is_a_shape_problem(self):
        """An enquiry concluded before it started is refused, located under $.enquiry."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("conclude", c, at=at(3), **ending_data(c))
        assert "SHAPE-DATE-ORDER" in exc.codes
        assert any(f.path == "$.enquiry.concluded_on" for f in exc.findings)


def msp_012_paths(record: Concern) -> list[str]:
    """Where MSP-012 (a warning: practice guidance) finds ``record`` short."""
    return [f.path for f in msp.validate(record).warnings if f.code == "MSP-012"]


class TestEndingAtTheAdultsRequest:
    """Ending at the adult's request: seen alone, coercion considered and safety advice are warned about
    (MSP-012, practice guidance), never blocking; the SAC items still block."""

    def test_cease_without_seen_alone_or_why_not_is_a_warning(self):
        """MSP-012: ceasing at the adult's request, the adult not seen alone and no reason why, goes ahead (warned)."""
        c = reach(CaseStage.ENQUIRY)
        done = take("cease_at_adults_request", c, contact=Contact(spoken_to=True), **ending_data(c))
        assert done.stage is CaseStage.CEASED_AT_ADULTS_REQUEST
        assert msp_012_paths(done) == ["$.contact.seen_alone"]
        reason_given = Contact(spoken_to=True, seen_alone=False, not_seen_alone_reason="Invented reason")
        ok = wf.cease_at_adults_request(c, actor=WORKER, at=LATER, contact=reason_given, **ending_data(c))
        assert ok.stage is CaseStage.CEASED_AT_ADULTS_REQUEST
        assert msp_012_paths(ok) == []

    def test_cease_without_coercion_considered_is_a_warning(self):
        """MSP-012: ceasing at the adult's request without coercion considered goes ahead with a warning."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        curiosity = ProfessionalCuriosity(coercion_considered=False)
        done = take("cease_at_adults_request", c, curiosity=curiosity, **ending_data(c))
        assert done.stage is CaseStage.CEASED_AT_ADULTS_REQUEST
        assert msp_012_paths(done) == ["$.curiosity.coercion_considered"]

    def test_cease_checks_the_sac_items_as_at_conclusion(self):
        """A ceased section 42 enquiry is counted as concluded: SAC-009 applies."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("cease_at_adults_request", c, **ending_data(c, msp_asked=None, desired_outcomes=()))
        assert "SAC-009" in exc.codes

    def test_closing_at_the_adults_request_without_safety_advice_is_a_warning(self):
        """MSP-012: closing at the adult's request without safety advice given goes ahead with a warning."""
        c = reach(CaseStage.CEASED_AT_ADULTS_REQUEST)
        done = take("close", c, closure=step_closure(safety_advice_given=None))
        assert done.stage is CaseStage.CLOSED
        assert msp_012_paths(done) == ["$.closure.safety_advice_given"]

    def test_closing_after_conclusion_for_the_adults_request_without_curiosity_is_a_warning(self):
        """MSP-012 also applies where a concluded case closes with the reason 'ceased at the adult's request'."""
        c = reach(CaseStage.CONCLUDED)
        c = attrs.evolve(c, curiosity=ProfessionalCuriosity(coercion_considered=None))
        closure = step_closure(reason=ClosureReason.CEASED_AT_ADULTS_REQUEST)
        done = take("close", c, closure=closure)
        assert done.stage is CaseStage.CLOSED
        assert msp_012_paths(done) == ["$.curiosity.coercion_considered"]


class TestClosureGuards:
    """Closing needs best interests or a representative where capacity is lacking, and the s44 questions answered."""

    def lacking(self, **adult_changes: Any) -> Concern:
        c = reach(CaseStage.ENQUIRY)
        data = ending_data(c)
        data["enquiry"] = attrs.evolve(data["enquiry"], capacity_lacked=CapacityLacked.YES, advocacy_support=False)
        c = wf.conclude(c, actor=WORKER, at=at(27), **data)
        return attrs.evolve(c, adult=attrs.evolve(c.adult, **adult_changes))

    def test_lacking_capacity_for_one_decision_does_not_block_closure(self):
        """Lawful: capacity is decision-specific (MCA s2(1)) and best interests applies to acts and decisions
        made for the person (s1(5), s4). MCA-015, which blocked this closure, is retired."""
        closed = wf.close(self.lacking(), actor=MANAGER, at=LATER, closure=step_closure())
        assert closed.stage is CaseStage.CLOSED

    def test_lacking_capacity_with_a_representative_closes(self):
        """With a representative involved, the case closes."""
        rep = Representative(kind=RepresentativeKind.FAMILY_OR_FRIEND, involved=True, paid_or_professional=False)
        c = self.lacking(representatives=(rep,))
        assert wf.close(c, actor=MANAGER, at=LATER, closure=step_closure()).stage is CaseStage.CLOSED

    def test_sar_criteria_may_be_met(self):
        """CA-013: where the s44 criteria may be met, the referral decision (or why not) is recorded."""
        sar = SafeguardingAdultsReview(
            considered=True, joint_working_concern=True, adult_died=False, serious_abuse_or_neglect_suspected=True
        )
        c = reach(CaseStage.CONCLUDED)
        assert refused("close", c, closure=step_closure(sar=sar)).codes == ("CA-013",)
        referred = attrs.evolve(sar, referred=True)
        assert wf.close(c, actor=MANAGER, at=LATER, closure=step_closure(sar=referred)).stage is CaseStage.CLOSED

    def test_adult_died(self):
        """CA-014: where the adult died, the s44 questions are answered at closure."""
        sar = SafeguardingAdultsReview(considered=True, adult_died=True)
        exc = refused("close", reach(CaseStage.CONCLUDED), closure=step_closure(sar=sar))
        assert "CA-014" in exc.codes


class TestRecordAndPolicyGuards:
    """Any error finding of the candidate blocks, and the policy's rule set decides what is an error."""

    def test_an_existing_error_blocks_every_step(self):
        """Every error finding of the candidate blocks, not only new ones: MSP-026 blocks information gathering."""
        c = attrs.evolve(reach(CaseStage.CONCERN_RECEIVED), msp_asked=MspAsked.ASKED_EXPRESSED)
        assert refused("start_information_gathering", c).codes == ("MSP-026",)

    def test_a_concern_about_a_child_is_received_and_routed_to_childrens_services(self):
        """CA-001: a concern about a 15-year-old is recorded, and routed to children's services (lawful)."""
        child = draft(adult=Adult(adult_id="A-WF-0002", date_of_birth=date(2010, 1, 1)))
        received = wf.receive(child, actor=WORKER, at=at(2))
        assert received.stage is CaseStage.CONCERN_RECEIVED
        gathering = wf.start_information_gathering(received, actor=WORKER, at=at(3))
        routed = step_decision(no_enquiry_decision(exit_routes=(ExitRoute.CHILDRENS_SERVICES,)))
        decided = wf.decide(gathering, actor=MANAGER, at=LATER, decision=routed)
        assert decided.stage is CaseStage.DECIDED

    def test_an_enquiry_is_not_opened_for_a_child(self):
        """CA-001: the s42 route is refused for a person under 18 on the date of the decision."""
        child = draft(adult=Adult(adult_id="A-WF-0002", date_of_birth=date(2010, 1, 1)))
        gathering = wf.start_information_gathering(wf.receive(child, actor=WORKER, at=at(2)), actor=WORKER, at=at(3))
        exc = refused("decide", gathering, decision=step_decision())
        assert "CA-001" in exc.codes
        assert any(f.code == "CA-001" and f.path == "$.adult.date_of_birth" for f in exc.findings)

    def test_naive_time_is_refused(self):
        """A time without a UTC offset is refused as a shape problem on the new entry."""
        c = reach(CaseStage.CONCERN_RECEIVED)
        exc = refused("start_information_gathering", c, at=datetime(2025, 6, 3, 9))  # noqa: DTZ001
        assert exc.codes == ("SHAPE-DATETIME",)
        assert exc.findings[0].path == "$.history[1].at"

    def test_time_running_backwards_is_refused(self):
        """WF-002: a step cannot be dated before the step before it."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        exc = refused("decide", c, at=at(2, 10), decision=step_decision())
        assert exc.codes == ("WF-002",)
        assert exc.findings[0].path == "$.history[2].at"

    def test_a_profile_changes_what_blocks(self):
        """A policy's profile can switch a rule off (CA-003) or make a warning block (MSP-025)."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        lax = WorkflowPolicy(rules=Profile(name="test-lax", disabled=frozenset({"CA-003"})))
        weak = step_decision(unable_to_protect_self=False)
        assert wf.decide(c, actor=MANAGER, at=LATER, decision=weak, policy=lax).stage is CaseStage.DECIDED
        strict = WorkflowPolicy(rules=Profile(name="test-strict", severities={"MSP-025": Severity.ERROR}))
        e = reach(CaseStage.ENQUIRY)
        exc = refused("agree_plan", e, plan=step_plan(agreed_with_adult=None), policy=strict)
        assert exc.codes == ("MSP-025",)

    def test_a_crashing_error_rule_blocks(self):
        """An error-severity rule that raises is never counted as passed: the step is refused."""

        def boom(_c: Concern) -> Any:
            msg = "broken rule"
            raise RuntimeError(msg)

        crash = Rule(
            code="TEST-901",
            title="A rule that crashes",
            severity=Severity.ERROR,
            stages=frozenset(CaseStage),
            reference="tests only",
            basis=Basis.LAW,
            check=boom,
        )
        quiet = attrs.evolve(crash, code="TEST-902", severity=Severity.WARNING)
        policy = WorkflowPolicy(rules=RuleSet(year=DEFAULT_YEAR, rules=(crash, quiet), profile="test-crash"))
        exc = refused("start_information_gathering", reach(CaseStage.CONCERN_RECEIVED), policy=policy)
        assert exc.codes == ("TEST-901",)
        assert "RuntimeError" in exc.findings[0].message
        assert "broken rule" not in str(exc)

    def test_a_named_profile(self):
        """A registered profile's name works as the policy's rules: 'sac' does not run CA-003."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        weak = step_decision(unable_to_protect_self=False)
        result = wf.decide(c, actor=MANAGER, at=LATER, decision=weak, policy=WorkflowPolicy(rules="sac"))
        assert result.stage is CaseStage.DECIDED

    def test_plan_steps_need_a_plan(self):
        """WF-PLAN: agreeing or reviewing a plan needs one."""
        assert "WF-PLAN" in refused("agree_plan", reach(CaseStage.ENQUIRY)).codes
        c = attrs.evolve(reach(CaseStage.PLAN_AND_REVIEW), plan=None)
        assert "WF-PLAN" in refused("review_plan", c).codes

    def test_review_before_the_plan_was_agreed_is_a_shape_problem(self):
        """A review dated before the plan was agreed is refused, located under $.plan."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        exc = refused("review_plan", c, reviewed_on=date(2025, 6, 5))
        assert exc.codes == ("SHAPE-DATE-ORDER",)
        assert exc.findings[0].path == "$.plan.reviewed_on[0]"


# -- the exception --------------------------------------------------------------------------


class TestTransitionRefused:
    """TransitionRefused is an MspError that pickles and names codes and paths, never personal data."""

    def exc(self) -> TransitionRefused:
        c = reach(CaseStage.ENQUIRY)
        with pytest.raises(TransitionRefused) as info:
            wf.conclude(c, actor=WORKER, at=LATER, **ending_data(c, msp_asked=None, desired_outcomes=()))
        return info.value

    def test_is_an_msp_error(self):
        """TransitionRefused is caught by `except MspError`."""
        assert isinstance(self.exc(), MspError)

    def test_pickles(self):
        """It survives pickling with its step, record id, findings and message."""
        exc = self.exc()
        back = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own object
        assert type(back) is TransitionRefused
        assert (back.step, back.record_id, back.findings, str(back)) == (
            exc.step,
            exc.record_id,
            exc.findings,
            str(exc),
        )

    def test_message_lists_codes_and_paths(self):
        """The message names the step, the record and each finding's code and path."""
        exc = self.exc()
        text = str(exc)
        assert text.startswith("conclude refused for record C-0001: ")
        for f in exc.findings:
            assert f.code in text
            assert f.path in text

    def test_long_lists_are_cut(self):
        """More than ten findings: the message shows ten and counts the rest."""
        finding = self.exc().findings[0]
        exc = TransitionRefused("close", "C-1", [finding] * 12)
        assert str(exc).endswith("; and 2 more")
        assert "12 blocking findings" in str(exc)
        assert TransitionRefused("close", None, [finding]).args[0].startswith("close refused: 1 blocking finding:")

    def test_no_personal_data_in_messages(self):
        """Canary strings in the reason and in free text never appear in a refusal."""
        c = attrs.evolve(
            reach(CaseStage.ENQUIRY),
            views=AdultsViews(in_own_words=CANARY, reasons=CANARY),
            contact=Contact(spoken_to=True, not_seen_alone_reason=None),
        )
        c = attrs.evolve(c, decision=attrs.evolve(c.decision, rationale=CANARY))
        attempts: list[Callable[[], Any]] = [
            lambda: wf.conclude(c, actor=WORKER, at=LATER, reason=CANARY),
            lambda: wf.cease_at_adults_request(
                c, actor=WORKER, at=LATER, reason=CANARY, curiosity=ProfessionalCuriosity(notes=CANARY)
            ),
            lambda: wf.close(c, actor=WORKER, at=LATER, reason=CANARY, closure=Closure(adults_view=CANARY)),
            lambda: wf.decide(c, actor=WORKER, at=LATER, reason=CANARY, decision=step_decision(rationale=CANARY)),
            lambda: wf.start_enquiry(c, actor=WORKER, at=LATER, reason=CANARY),
        ]
        for attempt in attempts:
            with pytest.raises(TransitionRefused) as info:
                attempt()
            exc = info.value
            assert CANARY not in str(exc)
            assert CANARY not in repr(exc)
            assert CANARY not in repr(exc.findings)


# -- property test --------------------------------------------------------------------------

ACTORS = st.sampled_from([CLERK, MANAGER, WORKER])
REASONS = st.one_of(st.none(), st.sampled_from(["Invented reason", CANARY]))
FLAGS = st.sampled_from([True, False, None])


@st.composite
def step_data(draw: st.DrawFn, step: str, record: Concern) -> dict[str, Any]:
    """Plausible data for ``step``: sometimes complete, sometimes not."""
    if step in ("decide", "change_route"):
        # change_route is given a good decision of either enquiry route half the time.
        good = st.sampled_from([step_decision(), step_decision(other_decision())])
        return {"decision": draw(st.one_of(good, step_decisions()) if step == "change_route" else step_decisions())}
    if step == "agree_plan":
        return {"plan": draw(st.sampled_from([None, step_plan(), step_plan(agreed_with_adult=None)]))}
    if step in ("conclude", "cease_at_adults_request"):
        data: dict[str, Any] = ending_data(record) if draw(st.integers(0, 3)) else {}
        if step == "cease_at_adults_request" and not draw(st.integers(0, 3)):
            data["curiosity"] = ProfessionalCuriosity(coercion_considered=draw(FLAGS))
        return data
    if step == "close":
        return {"closure": draw(st.sampled_from([None, step_closure(), step_closure(safety_advice_given=None)]))}
    if step == "pause_enquiry":
        return {"police_or_court_led": draw(FLAGS)}
    return {}


AUTHORISERS = st.one_of(st.none(), ACTORS)
STEP_NAMES = st.sampled_from([t.step for t in TRANSITIONS])
ENDING_STEPS = ("conclude", "cease_at_adults_request", "close")


def _check_pauses(step: str, before: Concern, after: Concern) -> None:
    """What a step that went through did to the pauses: pause opens one, resume closes it, the ending steps
    and close never go through on a paused enquiry, a new decision after reopening clears them, and no
    other step touches them."""
    if step == "pause_enquiry":
        assert not before.paused
        assert after.pauses[:-1] == before.pauses
        assert after.paused
        assert after.pauses[-1].paused_on == after.history[-1].at.date()
    elif step == "resume_enquiry":
        assert before.paused
        assert not after.paused
        assert after.pauses[:-1] == before.pauses[:-1]
        assert after.pauses[-1].resumed_on == after.history[-1].at.date()
    elif step == "decide" and any(e.from_stage is CaseStage.CLOSED for e in before.history):
        assert after.pauses == ()
    else:
        if step in ENDING_STEPS:
            assert not before.paused
        assert after.pauses == before.pauses


def _check_route_changes(step: str, before: Concern, after: Concern) -> None:
    """What a step that went through did to the route: change_route appends one change between the two
    enquiry routes, the record's decision and enquiry type follow it, and no other step touches the changes."""
    if step == "decide" and any(e.from_stage is CaseStage.CLOSED for e in before.history):
        assert after.route_changes == ()
        return
    if step != "change_route":
        assert after.route_changes == before.route_changes
        return
    assert before.decision is not None
    assert after.decision is not None
    assert after.route_changes[:-1] == before.route_changes
    change = after.route_changes[-1]
    assert change.from_route is before.decision.route
    assert change.to_route is after.decision.route
    assert {change.from_route, change.to_route} == {EnquiryRoute.SECTION_42_ENQUIRY, EnquiryRoute.OTHER_ENQUIRY}
    assert change.changed_on == after.history[-1].at.date()
    assert after.decision.decided_on == before.decision.decided_on
    if after.enquiry is not None:
        assert after.enquiry.enquiry_type is change.to_route.enquiry_type
        assert after.enquiry.started_on == (None if before.enquiry is None else before.enquiry.started_on)


def _check_sign_off(step: str, policy: WorkflowPolicy, actor: Actor, authoriser: Actor | None) -> None:
    """A step that went through was signed off by another user wherever the policy asks for it."""
    if policy.needs_sign_off(step):
        assert authoriser is not None
    if authoriser is not None:
        assert authoriser.user_id != actor.user_id


def _walk(
    data: st.DataObject,
    record: Concern,
    moment: datetime,
    length: int,
    policy: WorkflowPolicy,
    *,
    focus: str | None = None,
) -> Concern:
    """Attempt ``length`` random steps from ``record``, mostly ones the table allows, checking each outcome.

    ``focus`` names a step tried about half the time it is allowed."""
    for _ in range(length):
        allowed = wf.allowed_steps(record)
        wild = data.draw(st.integers(0, 3), label="wild") == 0
        step = data.draw(STEP_NAMES if wild else st.sampled_from(allowed), label="step")
        if focus in allowed and not wild and data.draw(st.booleans(), label="focus"):
            step = focus
        moment += timedelta(hours=data.draw(st.integers(-2, 60), label="hours"))
        kwargs = data.draw(step_data(step, record), label="data")
        actor = data.draw(ACTORS, label="actor")
        reason = data.draw(REASONS, label="reason")
        authoriser = data.draw(AUTHORISERS, label="authorised_by")
        snapshot = copy.deepcopy(record)
        refusal: TransitionRefused | None = None
        try:
            result = STEP_FUNCTIONS[step](
                record, actor=actor, at=moment, reason=reason, authorised_by=authoriser, policy=policy, **kwargs
            )
        except TransitionRefused as exc:
            refusal = exc
        if refusal is not None:
            assert record == snapshot
            assert refusal.findings
            assert CANARY not in str(refusal)
            continue
        transition = wf.get_transition(step)
        if step == "receive":
            assert not snapshot.history
        else:
            assert snapshot.stage in transition.from_stages
        assert result.stage is transition.target(snapshot.stage)
        _check_pauses(step, snapshot, result)
        _check_route_changes(step, snapshot, result)
        _check_sign_off(step, policy, actor, authoriser)
        assert result.history[: len(snapshot.history)] == snapshot.history
        assert len(result.history) == len(snapshot.history) + 1
        entry = result.history[-1]
        assert (entry.to_stage, entry.at, entry.actor, entry.reason) == (result.stage, moment, actor, reason)
        assert entry.authorised_by == authoriser
        assert record == snapshot
        assert not msp.validate(result).has_errors
        if step in ("pause_enquiry", "resume_enquiry", "change_route", "review_plan"):
            event(f"took {step} at {snapshot.stage.code}")
        record = result
    event(f"ended at {record.stage.code}")
    for before, after in zip(record.history, record.history[1:], strict=False):
        assert after.from_stage is before.to_stage
        assert any(
            after.from_stage in t.from_stages and after.to_stage is t.target(after.from_stage) for t in TRANSITIONS
        )
    return record


@settings(max_examples=150)
@given(data=st.data(), four_eyes=st.booleans(), sign_off=st.booleans(), length=st.integers(1, 20))
def test_random_attempts_stay_in_the_table_and_never_lose_history(data, four_eyes, sign_off, length):
    """Random sequences of attempted steps never reach a state outside the table, never lose or alter
    history, and a refusal never leaves a changed record; under the manager-sign-off policy no step it
    names goes through without another user's authorisation."""
    steps = wf.MANAGER_SIGN_OFF_STEPS if sign_off else frozenset()
    _walk(data, draft(), at(2, 8), length, WorkflowPolicy(four_eyes=four_eyes, sign_off=steps))


@settings(max_examples=100)
@given(data=st.data(), via=st.sampled_from([CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW]), length=st.integers(1, 12))
def test_random_attempts_during_an_enquiry_pause_and_resume_it_in_order(data, via, length):
    """The same walk started during an enquiry, where pausing and resuming are allowed, so they are tried
    often: pauses open and close one at a time and the enquiry never ends while paused."""
    record = _walk(data, reach(via), at(9, 8), length, WorkflowPolicy())
    assert all(p.resumed_on is not None for p in record.pauses[:-1])


@settings(max_examples=100)
@given(
    data=st.data(),
    via=st.sampled_from([CaseStage.DECIDED, CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW]),
    other=st.booleans(),
    length=st.integers(1, 12),
)
def test_random_attempts_to_change_the_route_keep_the_history_intact(data, via, other, length):
    """The same walk started where the route can change, on either enquiry route, under the manager-sign-off
    policy: route changes alternate between the two enquiry routes, the record's decision and enquiry type
    follow the last one, and the sealed history stays intact."""
    decision = step_decision(other_decision()) if other else None
    policy = WorkflowPolicy.manager_sign_off()
    record = _walk(data, reach(via, decision=decision), at(9, 8), length, policy, focus="change_route")
    for before, after in itertools.pairwise(record.route_changes):
        assert after.from_route is before.to_route
    if record.route_changes and record.decision is not None:
        assert record.decision.route is record.route_changes[-1].to_route


class TestAdvocacyDuringTheEnquiry:
    """The s68 duty is met during the enquiry: an urgent enquiry starts with the advocate requested,
    and concluding without one instructed is refused (Care Act 2014 s68)."""

    @staticmethod
    def _needs_advocate(*advocates: msp.Advocate) -> msp.Concern:
        record = reach(CaseStage.DECIDED)
        assessment = msp.AdvocacyAssessment(
            assessed_on=date(2025, 6, 4), difficulty_understanding=True, appropriate_person_available=False
        )
        return attrs.evolve(record, advocacy=assessment, adult=attrs.evolve(record.adult, advocates=advocates))

    REQUESTED = msp.Advocate(
        kind=AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE, advocate_id="ADV-9", requested_on=date(2025, 6, 4)
    )

    def test_an_urgent_enquiry_starts_with_the_advocate_requested(self):
        started = take("start_enquiry", self._needs_advocate(self.REQUESTED))
        assert started.stage is CaseStage.ENQUIRY

    def test_an_enquiry_does_not_start_with_no_advocate_even_requested(self):
        refusal = refused("start_enquiry", self._needs_advocate())
        assert [(f.code, f.path) for f in refusal.findings] == [("CA-010", "$.adult.advocates")]

    def test_concluding_with_the_advocate_only_requested_is_refused(self):
        started = take("start_enquiry", self._needs_advocate(self.REQUESTED))
        refusal = refused("conclude", started, **ending_data(started))
        assert ("CA-010", "$.adult.advocates") in [(f.code, f.path) for f in refusal.findings]

    def test_concluding_with_the_advocate_instructed(self):
        started = take("start_enquiry", self._needs_advocate(self.REQUESTED))
        instructed = attrs.evolve(self.REQUESTED, instructed_on=date(2025, 6, 6), involved=True)
        started = attrs.evolve(started, adult=attrs.evolve(started.adult, advocates=(instructed,)))
        concluded = take("conclude", started, **ending_data(started))
        assert concluded.stage is CaseStage.CONCLUDED


class TestPauseAndResume:
    """An enquiry paused while a police-led or court process runs, and resumed: the stage is kept, the history
    sealed, one pause at a time, and the enquiry does not end while paused (conclude, cease and close refused)."""

    def test_pause_then_resume_keeps_the_stage_and_seals_the_history(self):
        """Each step appends a sealed entry from the stage to itself; the pause opens and closes; WF rules pass."""
        c = reach(CaseStage.ENQUIRY)
        paused = wf.pause_enquiry(
            c, actor=WORKER, at=at(9), reason="Invented police investigation", police_or_court_led=True
        )
        assert paused.stage is CaseStage.ENQUIRY
        assert paused.paused
        assert paused.pauses == (
            msp.EnquiryPause(
                paused_on=date(2025, 6, 9), reason="Invented police investigation", police_or_court_led=True
            ),
        )
        resumed = wf.resume_enquiry(paused, actor=MANAGER, at=at(16), reason="Invented: investigation ended")
        assert resumed.stage is CaseStage.ENQUIRY
        assert not resumed.paused
        assert resumed.pauses[0].resumed_on == date(2025, 6, 16)
        assert resumed.pauses[0].reason == "Invented police investigation"
        assert resumed.history[: len(c.history)] == c.history
        assert [(e.from_stage, e.to_stage, e.at, e.actor) for e in resumed.history[-2:]] == [
            (CaseStage.ENQUIRY, CaseStage.ENQUIRY, at(9), WORKER),
            (CaseStage.ENQUIRY, CaseStage.ENQUIRY, at(16), MANAGER),
        ]
        assert all(e.digest is not None for e in resumed.history)
        report = msp.validate(resumed)
        assert not report.has_errors
        assert not {f.code for f in report.findings} & {"WF-001", "WF-002"}
        assert wf.conclude(resumed, actor=WORKER, at=at(27), **ending_data(resumed)).stage is CaseStage.CONCLUDED

    def test_a_tampered_pause_entry_is_found(self):
        """The self-loop entries are in the chain: editing one breaks WF-001."""
        paused = pause(reach(CaseStage.ENQUIRY))
        edited = attrs.evolve(paused.history[-1], reason="Invented edit")
        tampered = attrs.evolve(paused, history=(*paused.history[:-1], edited))
        assert "WF-001" in {f.code for f in msp.validate(tampered).errors}
        assert "WF-001" in refused("resume_enquiry", tampered).codes

    def test_the_defaults(self):
        """The pause is dated the date of `at`; whether it is police- or court-led is not recorded unless given."""
        paused = wf.pause_enquiry(reach(CaseStage.ENQUIRY), actor=WORKER, at=at(9, 23), reason="Invented")
        assert paused.pauses[-1] == msp.EnquiryPause(paused_on=date(2025, 6, 9), reason="Invented")
        assert paused.history[-1].reason == "Invented"

    def test_pause_and_resume_at_plan_and_review(self):
        """The plan stage can be paused and resumed too, and stays at plan_and_review."""
        c = reach(CaseStage.PLAN_AND_REVIEW)
        paused = pause(c, at(9))
        resumed = wf.resume_enquiry(paused, actor=WORKER, at=at(13))
        assert (paused.stage, resumed.stage) == (CaseStage.PLAN_AND_REVIEW, CaseStage.PLAN_AND_REVIEW)
        assert resumed.history[-1].reason is None
        assert resumed.plan == c.plan
        assert not msp.validate(resumed).has_errors

    def test_the_plan_goes_on_while_paused(self):
        """A plan is agreed and reviewed while paused; the pause taken at enquiry ends at plan_and_review."""
        paused = pause(reach(CaseStage.ENQUIRY), at(6))
        planned = wf.agree_plan(paused, actor=WORKER, at=at(9), plan=step_plan())
        reviewed = wf.review_plan(planned, actor=WORKER, at=at(20))
        assert reviewed.stage is CaseStage.PLAN_AND_REVIEW
        assert reviewed.paused
        assert reviewed.pauses == paused.pauses
        resumed = wf.resume_enquiry(reviewed, actor=WORKER, at=at(23))
        assert resumed.plan == reviewed.plan
        assert resumed.pauses[0].resumed_on == date(2025, 6, 23)

    def test_pausing_twice_is_refused(self):
        """WF-PAUSED: an enquiry already paused is resumed before it is paused again; the record is untouched."""
        paused = pause(reach(CaseStage.ENQUIRY))
        exc = refused("pause_enquiry", paused, reason="Invented")
        assert exc.codes == ("WF-PAUSED",)
        assert exc.findings[0].path == "$.pauses[0].resumed_on"

    def test_a_second_pause_after_resuming(self):
        """Paused, resumed, paused again: two pauses, the second open."""
        c = wf.resume_enquiry(pause(reach(CaseStage.ENQUIRY), at(9)), actor=WORKER, at=at(10))
        again = pause(c, at(12))
        assert [(p.paused_on, p.resumed_on) for p in again.pauses] == [
            (date(2025, 6, 9), date(2025, 6, 10)),
            (date(2025, 6, 12), None),
        ]

    def test_pausing_needs_a_reason(self):
        """WF-REASON: an enquiry is not paused without saying why."""
        c = reach(CaseStage.ENQUIRY)
        exc = refused("pause_enquiry", c)
        assert exc.codes == ("WF-REASON",)
        assert exc.findings[0].path == f"$.history[{len(c.history)}].reason"

    def test_resuming_an_enquiry_that_is_not_paused_is_refused(self):
        """WF-NOT-PAUSED: there is nothing to resume, whether never paused or already resumed."""
        c = reach(CaseStage.ENQUIRY)
        assert refused("resume_enquiry", c).codes == ("WF-NOT-PAUSED",)
        resumed = wf.resume_enquiry(pause(c, at(9)), actor=WORKER, at=at(10))
        exc = refused("resume_enquiry", resumed)
        assert exc.codes == ("WF-NOT-PAUSED",)
        assert exc.findings[0].path == "$.pauses"

    @pytest.mark.parametrize("where", [CaseStage.ENQUIRY, CaseStage.PLAN_AND_REVIEW], ids=str)
    @pytest.mark.parametrize("step", ["conclude", "cease_at_adults_request"])
    def test_the_enquiry_does_not_end_while_paused(self, step, where):
        """WF-PAUSED: conclude and cease are refused while paused, with complete ending data; resume first."""
        paused = pause(reach(where))
        exc = refused(step, paused, **ending_data(paused))
        assert exc.codes[0] == "WF-PAUSED"
        assert "resume the enquiry first" in exc.findings[0].message
        assert exc.findings[0].path == "$.pauses[0].resumed_on"

    def test_closing_a_record_still_paused_is_refused(self):
        """WF-PAUSED: a record from another system, concluded with its pause still open, is not closed."""
        concluded = reach(CaseStage.CONCLUDED)
        open_pause = msp.EnquiryPause(paused_on=date(2025, 6, 9), reason="Invented")
        exc = refused("close", attrs.evolve(concluded, pauses=(open_pause,)), closure=step_closure())
        assert "WF-PAUSED" in exc.codes

    def test_a_pause_before_the_enquiry_started_is_a_shape_problem(self):
        """A pause dated before the enquiry's start is refused, located at the new pause."""
        c = reach(CaseStage.ENQUIRY)
        c = attrs.evolve(c, enquiry=attrs.evolve(c.enquiry, started_on=date(2025, 7, 20)))
        exc = refused("pause_enquiry", c, reason="Invented")
        assert exc.codes == ("SHAPE-DATE-ORDER",)
        assert exc.findings[0].path == "$.pauses[0].paused_on"

    @pytest.mark.parametrize(
        "where",
        ["draft", CaseStage.DECIDED, CaseStage.CONCLUDED, CaseStage.CLOSED],
        ids=lambda v: getattr(v, "code", v),
    )
    def test_only_during_the_enquiry_or_plan(self, where):
        """WF-STEP: there is no enquiry to pause or resume before it starts or after it ends."""
        for step in ("pause_enquiry", "resume_enquiry"):
            assert refused(step, start_record(where), reason="Invented").codes == ("WF-STEP",)

    def test_a_new_episode_clears_the_pauses(self):
        """After reopening, the next decision clears the closed episode's pauses, so a new enquiry can start."""
        c = wf.resume_enquiry(pause(reach(CaseStage.ENQUIRY), at(9)), actor=WORKER, at=at(10))
        c = wf.conclude(c, actor=WORKER, at=at(27), **ending_data(c))
        c = wf.close(c, actor=MANAGER, at=at(30), closure=step_closure())
        c = wf.reopen(c, actor=MANAGER, at=LATER, reason="Invented new information")
        assert len(c.pauses) == 1
        c = wf.decide(c, actor=MANAGER, at=LATER + timedelta(days=1), decision=step_decision())
        assert c.pauses == ()
        c = wf.start_enquiry(c, actor=WORKER, at=LATER + timedelta(days=2))
        assert not msp.validate(c).has_errors

    def test_no_personal_data_in_refusals(self):
        """A canary in the reason never appears in a pause or resume refusal."""
        paused = pause(reach(CaseStage.ENQUIRY), reason=CANARY)
        for step in ("pause_enquiry", "conclude"):
            exc = refused(step, paused, reason=CANARY)
            assert CANARY not in str(exc)
            assert CANARY not in repr(exc.findings)
        exc = refused("resume_enquiry", reach(CaseStage.ENQUIRY), reason=CANARY)
        assert CANARY not in str(exc)
