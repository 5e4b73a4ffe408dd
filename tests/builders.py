"""Explicit builders of synthetic :mod:`msp` records: the one place a test gets a hand-made record from.

Every value is invented; every free text starts "Invented". Each builder takes
keyword overrides of the fields of what it builds (applied with
:func:`attrs.evolve`), so a test changes exactly one thing.

- **Parts** (:func:`adult`, :func:`risk`, :func:`contact`, :func:`s42_decision`,
  :func:`s42_enquiry`, :func:`outcome`, :func:`plan`, :func:`closure`, and for
  the Mental Capacity Act and Care Act: :func:`lacks_capacity`,
  :func:`best_interests`, :func:`representative`, :func:`s68`, :func:`sar`, ...)
  are complete, good-practice parts.
- **Whole records** for the rule tests: :func:`concern` is a minimal draft just
  received; :func:`concluded_s42` is a complete, good-practice section 42
  enquiry at ``concluded``; :func:`closed_s42`, :func:`ceased_at_request`,
  :func:`no_enquiry_closed`, :func:`other_enquiry_concluded`,
  :func:`lacking_s42`, :func:`lacking_closed` and :func:`attorney_decides` are
  other good-practice cases. Each passes every built-in rule.
- **Bare parts** for counting tests, which must set exactly the fields they
  count: :func:`bare_adult` and :func:`sac_risk`.
- **The workflow**: :func:`draft` is a concern not yet received, with the
  good-practice details; :func:`reach` walks it to a stage through
  :mod:`msp.workflow.steps`. :func:`step_decision`, :func:`step_plan`,
  :func:`step_closure` and :func:`ending_data` are what a step is given: the
  step itself records who and when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from typing import Any

import attrs
import pytest

from msp import (
    Actor,
    Adult,
    AdultsFeedback,
    AdultsViews,
    AdvocacyAssessment,
    BestInterestsDecision,
    CapacityDecision,
    Closure,
    Concern,
    Consultee,
    Contact,
    DesiredOutcome,
    Enquiry,
    ExtensionDefinition,
    ExtensionType,
    FeedbackAnswer,
    FunctionalElement,
    ImmediateSafety,
    OptionsDiscussion,
    ProfessionalCuriosity,
    Representative,
    Risk,
    RiskPlan,
    SafeguardingAdultsReview,
    Section42Decision,
    Strength,
)
from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CapacityOutcome,
    CaseStage,
    ClosureReason,
    ConsulteeKind,
    ContactMethod,
    DecisionMakerKind,
    DecisionSubject,
    DetailedSourceOfRisk,
    EnquiryRoute,
    EnquiryType,
    ExitRoute,
    ExpressedBy,
    FeedbackAsked,
    FeedbackAskedBy,
    FeedbackRespondent,
    LocationOfRisk,
    MspAsked,
    NhsEthnicCategory,
    NhsGenderIdentity,
    OutcomeAchievement,
    RepresentativeKind,
    RiskOutcome,
    SourceOfRisk,
    StrengthKind,
    TypeOfRisk,
)
from msp.rules import Status
from msp.workflow import steps as wf

__all__ = [
    "ASSESSED",
    "BEST_INTERESTS_ON",
    "CLERK",
    "CLOSED",
    "CONCLUDED",
    "DECIDED",
    "DEC_NONE",
    "LATER",
    "MANAGER",
    "RECEIVED",
    "STARTED",
    "WORKER",
    "adult",
    "advocacy",
    "at",
    "attorney_decides",
    "bare_adult",
    "best_interests",
    "ceased_at_request",
    "closed_s42",
    "closure",
    "concern",
    "concluded_s42",
    "contact",
    "curiosity",
    "decided",
    "draft",
    "element",
    "ending_data",
    "evolve_in",
    "has_capacity",
    "immediate_safety",
    "lacking_closed",
    "lacking_s42",
    "lacks_capacity",
    "no_enquiry_closed",
    "no_enquiry_decision",
    "options",
    "other_decision",
    "other_enquiry_concluded",
    "outcome",
    "plan",
    "reach",
    "representative",
    "risk",
    "s42_decision",
    "s42_enquiry",
    "s68",
    "sac_risk",
    "sar",
    "step_closure",
    "step_decision",
    "step_plan",
    "views",
]

# -- dates and people -----------------------------------------------------------------------

SUITE_EXTENSIONS = (
    ExtensionDefinition(
        name="test-suite.team",
        type=ExtensionType.CODE,
        codes={"DUTY": "Duty team", "HOSP": "Hospital team", "LD": "Learning disability team"},
        personal=False,
        description="the team that holds the case",
    ),
    ExtensionDefinition(
        name="test-suite.risk-score",
        type=ExtensionType.INTEGER,
        minimum=0,
        maximum=10,
        personal=False,
        description="the council's own risk score, 0 to 10",
    ),
    ExtensionDefinition(
        name="test-suite.reference", type=ExtensionType.IDENTIFIER, personal=False, description="a local reference"
    ),
    ExtensionDefinition(
        name="test-suite.note", type=ExtensionType.TEXT, personal=True, description="a note about the adult"
    ),
    ExtensionDefinition(
        name="test-suite.out-of-area", type=ExtensionType.FLAG, personal=False, description="placed out of area"
    ),
    ExtensionDefinition(
        name="test-suite.reviewed-on", type=ExtensionType.DATE, personal=False, description="a local review date"
    ),
)
"""The local extensions the test suite registers for every test (tests/conftest.py), one of each type."""

RECEIVED = date(2025, 6, 2)  # a Monday
DECIDED = date(2025, 6, 4)
STARTED = date(2025, 6, 5)
ASSESSED = date(2025, 6, 6)
BEST_INTERESTS_ON = date(2025, 6, 9)
CONCLUDED = date(2025, 8, 29)
CLOSED = date(2025, 9, 5)

CLERK = Actor(role="Duty social worker", user_id="U-101")
MANAGER = Actor(role="Safeguarding adults manager", user_id="U-102")
WORKER = Actor(role="Social worker", user_id="U-103")


def at(day: int, hour: int = 10, month: int = 6) -> datetime:
    """A fictional, timezone-aware moment in 2025."""
    return datetime(2025, month, day, hour, tzinfo=timezone.utc)


LATER = at(10, 9, month=7)
"""A moment after every step of :func:`reach`."""


def evolve_in(record: Any, path: str, **changes: Any) -> Any:
    """``attrs.evolve`` a nested part: ``evolve_in(c, "enquiry", capacity_lacked=None)``.

    ``path`` is a dotted chain of attribute names, each naming a part that is
    present (not ``None``); an empty path evolves ``record`` itself.
    """
    if not path:
        return attrs.evolve(record, **changes)
    head, _, rest = path.partition(".")
    return attrs.evolve(record, **{head: evolve_in(getattr(record, head), rest, **changes)})


# -- rule case tables -------------------------------------------------------------------------


def case(code: str, status: Status, make: Callable[[], Concern], *paths: str, id: str) -> Any:  # noqa: A002
    """One row of a rule case table: validating ``make()`` with only ``code`` gives ``status`` and exactly
    ``paths``."""
    return pytest.param(code, make, status, paths, id=f"{code}:{status.value}:{id}")


def statuses_by_code(cases: Iterable[Any]) -> dict[str, set[Status]]:
    """The statuses a case table (rows made by :func:`case`) expects of each rule code."""
    seen: dict[str, set[Status]] = {}
    for row in cases:
        code, _, status, _ = row.values
        seen.setdefault(code, set()).add(status)
    return seen


# -- parts ----------------------------------------------------------------------------------


def adult(**overrides: Any) -> Adult:
    """An adult with SG1 demographics and a recorded strength."""
    base = Adult(
        adult_id="A-0001",
        date_of_birth=date(1941, 3, 14),
        gender_identity=NhsGenderIdentity.FEMALE,
        ethnic_category=NhsEthnicCategory.A,
        strengths=(Strength(kind=StrengthKind.FAMILY, description="Invented strength text"),),
    )
    return attrs.evolve(base, **overrides)


def risk(**overrides: Any) -> Risk:
    """A complete concluded risk: physical abuse at home by a relative, identified, action taken, reduced."""
    base = Risk(
        risk_id="R-1",
        type_of_risk=TypeOfRisk.PHYSICAL_ABUSE,
        location=LocationOfRisk.OWN_HOME,
        source=SourceOfRisk.KNOWN_TO_INDIVIDUAL,
        source_detail=DetailedSourceOfRisk.KNOWN_RELATIVE_FAMILY_CARER,
        action_and_result=ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN,
        risk_outcome=RiskOutcome.REDUCED,
    )
    return attrs.evolve(base, **overrides)


def immediate_safety(**overrides: Any) -> ImmediateSafety:
    """Immediate safety assessed on the day the concern came in: no action needed."""
    return attrs.evolve(ImmediateSafety(assessed_on=RECEIVED, action_needed=False), **overrides)


def contact(**overrides: Any) -> Contact:
    """The adult spoken to and seen alone, in person, and asked who they want involved."""
    base = Contact(
        spoken_to=True,
        spoken_to_on=DECIDED,
        method=ContactMethod.IN_PERSON,
        seen_alone=True,
        seen_alone_on=DECIDED,
        asked_who_to_involve=True,
    )
    return attrs.evolve(base, **overrides)


def views(**overrides: Any) -> AdultsViews:
    """The adult's views and the reasons behind them, in their own words."""
    base = AdultsViews(in_own_words="Invented views text", reasons="Invented reasons text", recorded_on=DECIDED)
    return attrs.evolve(base, **overrides)


def options(**overrides: Any) -> OptionsDiscussion:
    """Options explained, including those not available, and understood."""
    base = OptionsDiscussion(
        explained_on=STARTED, options_explained=True, unavailable_options_explained=True, adult_understood=True
    )
    return attrs.evolve(base, **overrides)


def curiosity(**overrides: Any) -> ProfessionalCuriosity:
    """Coercion considered, and not suspected."""
    return attrs.evolve(ProfessionalCuriosity(coercion_considered=True, coercion_suspected=False), **overrides)


def advocacy(**overrides: Any) -> AdvocacyAssessment:
    """The s68 test answered: no substantial difficulty, so no advocate is needed."""
    base = AdvocacyAssessment(
        assessed_on=STARTED,
        difficulty_understanding=False,
        difficulty_retaining=False,
        difficulty_using_or_weighing=False,
        difficulty_communicating=False,
    )
    return attrs.evolve(base, **overrides)


def s68(**overrides: Any) -> AdvocacyAssessment:
    """The s68 test answered: substantial difficulty understanding and weighing; an appropriate person."""
    base = advocacy(difficulty_understanding=True, difficulty_using_or_weighing=True, appropriate_person_available=True)
    return attrs.evolve(base, **overrides)


def s42_decision(**overrides: Any) -> Section42Decision:
    """All three s42(1) conditions met; a section 42 enquiry; dated and by whom."""
    base = Section42Decision(
        has_care_and_support_needs=True,
        experiencing_or_at_risk_of_abuse=True,
        unable_to_protect_self=True,
        route=EnquiryRoute.SECTION_42_ENQUIRY,
        decided_on=DECIDED,
        decided_by=MANAGER,
    )
    return attrs.evolve(base, **overrides)


def other_decision(**overrides: Any) -> Section42Decision:
    """s42(1)(c) not met: an other safeguarding enquiry, with its reason."""
    base = s42_decision(
        unable_to_protect_self=False,
        route=EnquiryRoute.OTHER_ENQUIRY,
        other_enquiry_reason="Invented reason for an other enquiry",
    )
    return attrs.evolve(base, **overrides)


def no_enquiry_decision(**overrides: Any) -> Section42Decision:
    """s42(1)(c) not met: no enquiry, with advice and guidance as the exit route."""
    base = s42_decision(
        unable_to_protect_self=False, route=EnquiryRoute.NO_ENQUIRY, exit_routes=(ExitRoute.ADVICE_AND_GUIDANCE,)
    )
    return attrs.evolve(base, **overrides)


def s42_enquiry(**overrides: Any) -> Enquiry:
    """A concluded section 42 enquiry with SG3a No and SG4a fully achieved."""
    base = Enquiry(
        enquiry_id="E-0001",
        enquiry_type=EnquiryType.SECTION_42,
        started_on=STARTED,
        lead=WORKER,
        concluded_on=CONCLUDED,
        capacity_lacked=CapacityLacked.NO,
        outcomes_achieved=OutcomeAchievement.FULLY,
    )
    return attrs.evolve(base, **overrides)


def outcome(**overrides: Any) -> DesiredOutcome:
    """A desired outcome in the adult's own words, evaluated with them as fully achieved."""
    base = DesiredOutcome(
        in_own_words="Invented outcome text",
        expressed_by=ExpressedBy.ADULT,
        recorded_on=STARTED,
        achievement=OutcomeAchievement.FULLY,
        evaluated_with_adult=True,
    )
    return attrs.evolve(base, **overrides)


def plan(**overrides: Any) -> RiskPlan:
    """A safeguarding plan developed and agreed with the adult, immediate risks considered."""
    base = RiskPlan(
        developed_with_adult=True, agreed_with_adult=True, agreed_on=STARTED, immediate_risks_considered=True
    )
    return attrs.evolve(base, **overrides)


def sar(**overrides: Any) -> SafeguardingAdultsReview:
    """A SAR consideration: considered, no joint-working concern, the adult alive."""
    base = SafeguardingAdultsReview(considered=True, joint_working_concern=False, adult_died=False)
    return attrs.evolve(base, **overrides)


def feedback(**overrides: Any) -> AdultsFeedback:
    """Good practice: the enquiry lead asks at closure, and the adult answers questions 4-7."""
    answer = FeedbackAnswer(option="Invented option", positive=True)
    base = AdultsFeedback(
        asked=FeedbackAsked.ASKED,
        answered_by=FeedbackRespondent.ADULT,
        asked_on=CLOSED,
        asked_by=FeedbackAskedBy.ENQUIRY_LEAD,
        question_4=answer,
        question_5=answer,
        question_6=answer,
        question_7=answer,
    )
    return attrs.evolve(base, **overrides)


def closure(**overrides: Any) -> Closure:
    """A good-practice closure: reason, the adult's views, feedback, SAR considered."""
    base = Closure(
        closed_on=CLOSED,
        reason=ClosureReason.ENQUIRY_CONCLUDED,
        adults_view="Invented view on closure",
        adult_agrees=True,
        feedback_to_referrer=True,
        person_alleged_action_considered=True,
        risk_to_others_considered=True,
        safety_advice_given=True,
        sar=sar(),
    )
    return attrs.evolve(base, **overrides)


# -- parts for the Mental Capacity Act and Care Act families -------------------------------


def element(able: bool | None, evidence: str | None = "Invented evidence text") -> FunctionalElement:
    """One s3(1) element of the functional test."""
    return FunctionalElement(able=able, evidence=evidence)


def best_interests(**overrides: Any) -> BestInterestsDecision:
    """A best-interests decision that follows the whole s4 checklist, made by a practitioner."""
    base = BestInterestsDecision(
        decided_on=BEST_INTERESTS_ON,
        decision_maker=DecisionMakerKind.PRACTITIONER,
        decision_maker_role="Social worker",
        decision="Invented best-interests decision",
        wishes_and_feelings="Invented wishes and feelings",
        beliefs_and_values="Invented beliefs and values",
        consulted=(
            Consultee(kind=ConsulteeKind.NAMED_BY_PERSON, person_id="P-0001", views="Invented views"),
            Consultee(kind=ConsulteeKind.CARER, person_id="P-0002", views="Invented views"),
        ),
        person_participated="Invented account of how the person took part",
        may_regain_capacity=False,
        less_restrictive_options_considered=True,
        less_restrictive_options="Invented less restrictive options",
    )
    return attrs.evolve(base, **overrides)


def lacks_capacity(**overrides: Any) -> CapacityDecision:
    """A lawful 'lacks capacity' conclusion, functional test first (JB [2021] UKSC 52): two elements
    failed with evidence, an impairment, the causal link with evidence, practicable steps, an IMCA
    considered and a best-interests decision."""
    base = CapacityDecision(
        decision_id="CD-1",
        decision="Invented specific decision",
        subject=DecisionSubject.PROTECTIVE_MEASURE,
        assessed_on=ASSESSED,
        assessor_role="Social worker",
        practicable_steps=("Invented step: explained with pictures", "Invented step: quiet room, morning visit"),
        understand=element(able=False),
        retain=element(able=True),
        use_or_weigh=element(able=False),
        communicate=element(able=True),
        impairment=True,
        impairment_description="Invented impairment",
        causal_link=True,
        causal_link_evidence="Invented causal-link evidence",
        outcome=CapacityOutcome.LACKS_CAPACITY,
        imca_considered=True,
        best_interests=best_interests(),
    )
    return attrs.evolve(base, **overrides)


def has_capacity(**overrides: Any) -> CapacityDecision:
    """A 'has capacity' conclusion: every element assessed as able, no best-interests decision."""
    base = CapacityDecision(
        decision_id="CD-2",
        decision="Invented specific decision",
        subject=DecisionSubject.CARE_AND_SUPPORT,
        assessed_on=ASSESSED,
        assessor_role="Social worker",
        understand=element(able=True),
        retain=element(able=True),
        use_or_weigh=element(able=True),
        communicate=element(able=True),
        outcome=CapacityOutcome.HAS_CAPACITY,
    )
    return attrs.evolve(base, **overrides)


def representative(kind: RepresentativeKind = RepresentativeKind.FAMILY_OR_FRIEND, **overrides: Any) -> Representative:
    """An involved, unpaid representative (registered, where the kind is an LPA)."""
    base = Representative(
        kind=kind,
        person_id="P-0001",
        relationship="Invented relationship",
        registered=True if kind.code.startswith("lpa_") else None,
        paid_or_professional=False,
        involved=True,
    )
    return attrs.evolve(base, **overrides)


# -- whole records: good practice, passing every rule ---------------------------------------


def concern(**overrides: Any) -> Concern:
    """A minimal draft: a concern just received, nothing else recorded."""
    base = Concern(concern_id="C-0001", adult=Adult(adult_id="A-0001"), received_on=RECEIVED)
    return attrs.evolve(base, **overrides)


def concluded_s42(**overrides: Any) -> Concern:
    """A complete, good-practice section 42 enquiry at the ``concluded`` stage: passes every rule."""
    base = concern(
        adult=adult(),
        risks=(risk(),),
        immediate_safety=immediate_safety(),
        contact=contact(),
        views=views(),
        msp_asked=MspAsked.ASKED_EXPRESSED,
        desired_outcomes=(outcome(),),
        options=options(),
        curiosity=curiosity(),
        advocacy=advocacy(),
        decision=s42_decision(),
        enquiry=s42_enquiry(),
        plan=plan(),
        stage=CaseStage.CONCLUDED,
    )
    return attrs.evolve(base, **overrides)


def closed_s42(**overrides: Any) -> Concern:
    """:func:`concluded_s42`, closed with a good-practice closure: passes every rule."""
    return attrs.evolve(concluded_s42(closure=closure(), feedback=feedback(), stage=CaseStage.CLOSED), **overrides)


def ceased_at_request(**overrides: Any) -> Concern:
    """A section 42 enquiry ceased at the adult's request, with professional curiosity shown: passes every rule.

    The adult wants nothing to happen and declines support; they were seen
    alone, coercion was considered (not suspected) and the reasons for
    declining were explored; they were asked and expressed no outcomes; the
    risk's SG2c value is 'ceased at individual's request'; no plan was made.
    """
    base = concluded_s42(
        risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
        views=views(
            in_own_words="Invented words: I do not want anything to happen",
            wants_no_action=True,
            declines_support=True,
        ),
        curiosity=curiosity(reasons_for_refusal_explored=True),
        msp_asked=MspAsked.ASKED_NOT_EXPRESSED,
        desired_outcomes=(),
        enquiry=s42_enquiry(outcomes_achieved=None),
        plan=None,
        stage=CaseStage.CEASED_AT_ADULTS_REQUEST,
    )
    return attrs.evolve(base, **overrides)


def no_enquiry_closed(**overrides: Any) -> Concern:
    """A concern that did not meet s42(1)(c), led to no enquiry (advice and guidance) and was closed:
    passes every rule."""
    base = concern(
        adult=adult(),
        immediate_safety=immediate_safety(),
        contact=Contact(spoken_to=True, spoken_to_on=RECEIVED, method=ContactMethod.TELEPHONE),
        decision=no_enquiry_decision(),
        closure=Closure(
            closed_on=DECIDED,
            reason=ClosureReason.NO_ENQUIRY_REQUIRED,
            feedback_to_referrer=True,
            safety_advice_given=True,
        ),
        stage=CaseStage.CLOSED,
    )
    return attrs.evolve(base, **overrides)


def other_enquiry_concluded(**overrides: Any) -> Concern:
    """A concluded other safeguarding enquiry (s42(1)(c) not met, reason recorded): SG2-SG4 do not count it."""
    base = concluded_s42(decision=other_decision(), enquiry=s42_enquiry(enquiry_type=EnquiryType.OTHER))
    return attrs.evolve(base, **overrides)


def decided(**decision_overrides: Any) -> Concern:
    """A concern at the ``decided`` stage with this section 42 decision (default: all conditions, s42 route).

    The overrides are the decision's fields, not the concern's.
    """
    return concern(adult=adult(), stage=CaseStage.DECIDED, decision=s42_decision(**decision_overrides))


def lacking_s42(*decisions: CapacityDecision, **overrides: Any) -> Concern:
    """:func:`concluded_s42` for an adult who lacks capacity for the decision: good practice, passes every rule.

    ``decisions`` are the capacity decisions (default: one :func:`lacks_capacity`).
    """
    base = concluded_s42(
        adult=adult(representatives=(representative(),)),
        capacity_decisions=decisions or (lacks_capacity(),),
        advocacy=s68(),
        enquiry=s42_enquiry(capacity_lacked=CapacityLacked.YES, advocacy_support=True),
    )
    return attrs.evolve(base, **overrides)


def lacking_closed(*decisions: CapacityDecision, **overrides: Any) -> Concern:
    """:func:`lacking_s42`, closed with a good-practice closure."""
    return attrs.evolve(
        lacking_s42(*decisions, closure=closure(), feedback=feedback(), stage=CaseStage.CLOSED), **overrides
    )


def attorney_decides(**overrides: Any) -> Concern:
    """A registered health-and-welfare LPA covers the decision and the attorney decides: good practice.

    The overrides are the capacity decision's fields.
    """
    fields: dict[str, Any] = {
        "decision_covered_by_attorney_or_deputy": True,
        "best_interests": best_interests(decision_maker=DecisionMakerKind.ATTORNEY, decision_maker_role=None),
        **overrides,
    }
    return lacking_s42(
        lacks_capacity(**fields),
        adult=adult(representatives=(representative(), representative(RepresentativeKind.LPA_HEALTH_AND_WELFARE))),
    )


# -- bare parts, for counting tests ---------------------------------------------------------


def bare_adult(**overrides: Any) -> Adult:
    """An adult with an id and nothing else: a counting test sets exactly the fields it counts."""
    return attrs.evolve(Adult(adult_id="A-0001"), **overrides)


def sac_risk(
    kind: TypeOfRisk | None,
    where: LocationOfRisk | None,
    source: SourceOfRisk | None,
    result: ActionTakenAndResult | None = None,
    risk_outcome: RiskOutcome | None = None,
    **fields: Any,
) -> Risk:
    """A risk with only its SAC SG2 items (type, location, source, action and result, outcome) and ``fields``."""
    return Risk(
        type_of_risk=kind,
        location=where,
        source=source,
        action_and_result=result,
        risk_outcome=risk_outcome,
        **fields,
    )


# -- the workflow: what a step is given, and walking a case to a stage ----------------------

DEC_NONE = "decided_no_enquiry"
"""For :func:`reach`: the ``decided`` stage with a no-enquiry decision."""


def draft(**overrides: Any) -> Concern:
    """A new concern, not yet received into the workflow, with good-practice details recorded."""
    base = concern(
        adult=adult(),
        risks=(risk(action_and_result=None, risk_outcome=None),),
        immediate_safety=immediate_safety(),
        contact=contact(),
        views=views(),
        options=options(explained_on=None),
        curiosity=curiosity(),
        advocacy=advocacy(assessed_on=None),
    )
    return attrs.evolve(base, **overrides)


def step_decision(decision: Section42Decision | None = None, **overrides: Any) -> Section42Decision:
    """``decision`` (default :func:`s42_decision`) as given to ``decide``: undated and by no one,
    so the step records its own time and actor."""
    return attrs.evolve(decision or s42_decision(), **{"decided_on": None, "decided_by": None, **overrides})


def step_plan(**overrides: Any) -> RiskPlan:
    """:func:`plan` as given to ``agree_plan``: undated, so the step records the day it was agreed."""
    return plan(**{"agreed_on": None, **overrides})


def step_closure(**overrides: Any) -> Closure:
    """:func:`closure` as given to ``close``: date and reason left to the step's defaults."""
    return closure(**{"closed_on": None, "reason": None, **overrides})


def ending_data(record: Concern, **overrides: Any) -> dict[str, Any]:
    """What ``conclude`` or ``cease_at_adults_request`` records for a good section 42 enquiry: SG2-SG4 complete."""
    enquiry = record.enquiry or Enquiry(enquiry_type=EnquiryType.SECTION_42)
    data: dict[str, Any] = {
        "enquiry": attrs.evolve(enquiry, capacity_lacked=CapacityLacked.NO, outcomes_achieved=OutcomeAchievement.FULLY),
        "risks": (risk(),),
        "msp_asked": MspAsked.ASKED_EXPRESSED,
        "desired_outcomes": (outcome(),),
    }
    data.update(overrides)
    return data


def reach(stage: CaseStage | str, *, via: str | None = None, decision: Section42Decision | None = None) -> Concern:
    """A good :func:`draft` at ``stage``, walked there through the workflow.

    ``via`` picks the previous stage where there are two ways in (``plan_and_review`` for
    conclude or cease from the plan). :data:`DEC_NONE` is ``decided`` with no enquiry.
    ``decision`` is the one given to ``decide`` (default: :func:`step_decision`).
    Received 2 June at 09:00, information 2 June, decided 4, enquiry 5, plan 6,
    concluded 27 (or ceased 20), closed 30.
    """
    target = CaseStage.DECIDED if stage == DEC_NONE else CaseStage(stage)
    chosen = decision or step_decision(no_enquiry_decision() if stage == DEC_NONE else None)
    steps: list[Callable[[Concern], Concern]] = [
        lambda c: wf.receive(c, actor=CLERK, at=at(2, 9), reason="Invented referral note"),
        lambda c: wf.start_information_gathering(c, actor=CLERK, at=at(2, 11)),
        lambda c: wf.decide(c, actor=MANAGER, at=at(4), decision=chosen),
        lambda c: wf.start_enquiry(c, actor=WORKER, at=at(5)),
    ]
    if target is CaseStage.PLAN_AND_REVIEW or via == "plan_and_review":
        steps.append(lambda c: wf.agree_plan(c, actor=WORKER, at=at(6), plan=step_plan()))
    if target is CaseStage.CEASED_AT_ADULTS_REQUEST:
        steps.append(lambda c: wf.cease_at_adults_request(c, actor=WORKER, at=at(20), **ending_data(c)))
    else:
        steps.append(lambda c: wf.conclude(c, actor=WORKER, at=at(27), **ending_data(c)))
        steps.append(
            lambda c: wf.close(c, actor=MANAGER, at=at(30), closure=step_closure(), feedback=feedback(asked_on=None))
        )
    record = draft()
    for step in steps:
        record = step(record)
        if record.stage is target:
            return record
    msg = f"cannot reach {stage}"
    raise AssertionError(msg)
