"""Explicit builders of synthetic :class:`msp.Concern` records for the rule tests.

Every value is invented. :func:`concern` is a minimal draft just received;
:func:`concluded_s42` is a complete, good-practice section 42 enquiry at the
``concluded`` stage that passes every built-in rule; :func:`closed_s42` is the
same case closed, also passing every rule. Each takes keyword overrides of the
:class:`~msp.Concern` fields (applied with :func:`attrs.evolve`); the part
builders (:func:`risk`, :func:`s42_enquiry`, ...) take overrides of their own
fields, so a test changes exactly one thing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from msp import (
    Actor,
    Adult,
    AdultsViews,
    AdvocacyAssessment,
    Closure,
    Concern,
    Contact,
    DesiredOutcome,
    Enquiry,
    ImmediateSafety,
    OptionsDiscussion,
    ProfessionalCuriosity,
    Risk,
    RiskPlan,
    SafeguardingAdultsReview,
    Section42Decision,
    Strength,
)
from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    ContactMethod,
    DetailedSourceOfRisk,
    EnquiryRoute,
    EnquiryType,
    ExitRoute,
    ExpressedBy,
    LocationOfRisk,
    MspAsked,
    NhsEthnicCategory,
    NhsGenderIdentity,
    OutcomeAchievement,
    RiskOutcome,
    SourceOfRisk,
    StrengthKind,
    TypeOfRisk,
)

RECEIVED = date(2025, 6, 2)
DECIDED = date(2025, 6, 4)
STARTED = date(2025, 6, 5)
CONCLUDED = date(2025, 8, 29)
CLOSED = date(2025, 9, 5)


def concern(**overrides: Any) -> Concern:
    """A minimal draft: a concern just received, nothing else recorded."""
    base = Concern(concern_id="C-0001", adult=Adult(adult_id="A-0001"), received_on=RECEIVED)
    return attrs.evolve(base, **overrides)


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


def s42_decision(**overrides: Any) -> Section42Decision:
    """All three s42(1) conditions met; a section 42 enquiry; dated and by whom."""
    base = Section42Decision(
        has_care_and_support_needs=True,
        experiencing_or_at_risk_of_abuse=True,
        unable_to_protect_self=True,
        route=EnquiryRoute.SECTION_42_ENQUIRY,
        decided_on=DECIDED,
        decided_by=Actor(role="Safeguarding adults manager", user_id="U-100"),
    )
    return attrs.evolve(base, **overrides)


def s42_enquiry(**overrides: Any) -> Enquiry:
    """A concluded section 42 enquiry with SG3a No and SG4a fully achieved."""
    base = Enquiry(
        enquiry_id="E-0001",
        enquiry_type=EnquiryType.SECTION_42,
        started_on=STARTED,
        lead=Actor(role="Social worker", user_id="U-200"),
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
        sar=SafeguardingAdultsReview(considered=True, joint_working_concern=False, adult_died=False),
    )
    return attrs.evolve(base, **overrides)


def concluded_s42(**overrides: Any) -> Concern:
    """A complete, good-practice section 42 enquiry at the ``concluded`` stage: passes every rule."""
    base = concern(
        adult=adult(),
        risks=(risk(),),
        immediate_safety=ImmediateSafety(assessed_on=RECEIVED, action_needed=False),
        contact=Contact(
            spoken_to=True,
            spoken_to_on=DECIDED,
            method=ContactMethod.IN_PERSON,
            seen_alone=True,
            seen_alone_on=DECIDED,
            asked_who_to_involve=True,
        ),
        views=AdultsViews(in_own_words="Invented views text", reasons="Invented reasons text", recorded_on=DECIDED),
        msp_asked=MspAsked.ASKED_EXPRESSED,
        desired_outcomes=(outcome(),),
        options=OptionsDiscussion(
            explained_on=STARTED, options_explained=True, unavailable_options_explained=True, adult_understood=True
        ),
        curiosity=ProfessionalCuriosity(coercion_considered=True, coercion_suspected=False),
        advocacy=AdvocacyAssessment(
            assessed_on=STARTED,
            difficulty_understanding=False,
            difficulty_retaining=False,
            difficulty_using_or_weighing=False,
            difficulty_communicating=False,
        ),
        decision=s42_decision(),
        enquiry=s42_enquiry(),
        plan=RiskPlan(
            developed_with_adult=True, agreed_with_adult=True, agreed_on=STARTED, immediate_risks_considered=True
        ),
        stage=CaseStage.CONCLUDED,
    )
    return attrs.evolve(base, **overrides)


def closed_s42(**overrides: Any) -> Concern:
    """:func:`concluded_s42`, closed with a good-practice closure: passes every rule."""
    return attrs.evolve(concluded_s42(closure=closure(), stage=CaseStage.CLOSED), **overrides)


__all__ = [
    "CLOSED",
    "CONCLUDED",
    "DECIDED",
    "RECEIVED",
    "STARTED",
    "adult",
    "closed_s42",
    "closure",
    "concern",
    "concluded_s42",
    "outcome",
    "risk",
    "s42_decision",
    "s42_enquiry",
]


# -- added for tests/rules/test_practice.py -------------------------------------


def evolve_in(record: Any, path: str, **changes: Any) -> Any:
    """``attrs.evolve`` a nested part: ``evolve_in(c, "enquiry", capacity_lacked=None)``.

    ``path`` is a dotted chain of attribute names, each naming a part that is
    present (not ``None``); an empty path evolves ``record`` itself.
    """
    if not path:
        return attrs.evolve(record, **changes)
    head, _, rest = path.partition(".")
    return attrs.evolve(record, **{head: evolve_in(getattr(record, head), rest, **changes)})


def ceased_at_request(**overrides: Any) -> Concern:
    """A section 42 enquiry ceased at the adult's request, with professional curiosity shown: passes every rule.

    The adult wants nothing to happen and declines support; they were seen
    alone, coercion was considered (not suspected) and the reasons for
    declining were explored; they were asked and expressed no outcomes; the
    risk's SG2c value is 'ceased at individual's request'; no plan was made.
    """
    base = concluded_s42(
        risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
        views=AdultsViews(
            in_own_words="Invented words: I do not want anything to happen",
            reasons="Invented reasons text",
            recorded_on=DECIDED,
            wants_no_action=True,
            declines_support=True,
        ),
        curiosity=ProfessionalCuriosity(
            coercion_considered=True, coercion_suspected=False, reasons_for_refusal_explored=True
        ),
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
        immediate_safety=ImmediateSafety(assessed_on=RECEIVED, action_needed=False),
        contact=Contact(spoken_to=True, spoken_to_on=RECEIVED, method=ContactMethod.TELEPHONE),
        decision=s42_decision(
            unable_to_protect_self=False,
            route=EnquiryRoute.NO_ENQUIRY,
            exit_routes=(ExitRoute.ADVICE_AND_GUIDANCE,),
        ),
        closure=Closure(
            closed_on=DECIDED,
            reason=ClosureReason.NO_ENQUIRY_REQUIRED,
            feedback_to_referrer=True,
            safety_advice_given=True,
        ),
        stage=CaseStage.CLOSED,
    )
    return attrs.evolve(base, **overrides)


__all__ += ["ceased_at_request", "evolve_in", "no_enquiry_closed"]
