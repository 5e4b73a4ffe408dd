"""The enquiry, capacity and advocacy: options, professional curiosity, the s68 test, MCA decisions, SAC items.

Options are explained once an enquiry is decided on. Professional curiosity
asks about coercion wherever the adult wants no action, declines help or a
coercive type of risk is alleged. The Care Act s68 advocacy test follows the
adult's capacity, support reason and language. A capacity assessment follows
the order *A Local Authority v JB* [2021] UKSC 52 set; where capacity is
lacked a best-interests decision follows (unless that is a practice gap).
At conclusion every risk gets its SAC result (SG2c, and SG2e where a risk was
identified), the enquiry SG3a and SG4a.
"""

from __future__ import annotations

from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CapacityOutcome,
    ConsulteeKind,
    DecisionMakerKind,
    DecisionSubject,
    EnquiryRoute,
    EnquiryType,
    MspAsked,
    PrimarySupportReason,
    RepresentativeKind,
    TypeOfRisk,
)
from msp.model import (
    AdvocacyAssessment,
    BestInterestsDecision,
    CapacityDecision,
    Consultee,
    Enquiry,
    FunctionalElement,
    OptionsDiscussion,
    ProfessionalCuriosity,
    overall_achievement,
)
from msp.synth import _weights as w
from msp.synth._people import SENIOR, SOCIAL_WORKER, actor
from msp.synth._state import DEC, IG, Case, Gap, Run

__all__ = ["draw_advocacy", "draw_capacity", "draw_curiosity", "draw_enquiry", "draw_options"]

CURIOSITY_NOTES = (
    "Spoke privately; no sign of control",
    "Worried about upsetting family",
    "Checked with GP; no concerns",
)
CAPACITY_DECISIONS = (
    "Whether to accept a safeguarding plan about who manages their money",
    "Whether to accept care and support at home",
    "Whether to move to a care home",
    "Whether to keep having contact with the person alleged to have caused harm",
)
SUBJECTS = {
    CAPACITY_DECISIONS[0]: DecisionSubject.FINANCES_AND_PROPERTY,
    CAPACITY_DECISIONS[1]: DecisionSubject.CARE_AND_SUPPORT,
    CAPACITY_DECISIONS[2]: DecisionSubject.ACCOMMODATION,
    CAPACITY_DECISIONS[3]: DecisionSubject.PROTECTIVE_MEASURE,
}
"""What each decision is about (its coded subject)."""
IMPAIRMENTS = (
    "Dementia",
    "Learning disability",
    "Confusion during an infection",
)
PRACTICABLE_STEPS = (
    "Met in the morning, when most alert",
    "Used pictures and short sentences",
    "A familiar carer helped",
    "Information given over two visits",
)
_ABLE = FunctionalElement(able=True)
_UNABLE_TO_UNDERSTAND = FunctionalElement(able=False, evidence="Could not describe the risk")
_RETAIN = {able: FunctionalElement(able=able, evidence="Recalled part of it later") for able in (False, True)}
_UNABLE_TO_WEIGH = FunctionalElement(able=False, evidence="Could not weigh the options")
_COMMUNICATES = FunctionalElement(able=True, evidence="Said their choice clearly")
_ATTORNEY = (DecisionMakerKind.ATTORNEY, ConsulteeKind.ATTORNEY)
_DEPUTY = (DecisionMakerKind.DEPUTY, ConsulteeKind.DEPUTY)
_DONEES = {
    RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS: _ATTORNEY,
    RepresentativeKind.LPA_HEALTH_AND_WELFARE: _ATTORNEY,
    RepresentativeKind.ENDURING_POWER_OF_ATTORNEY: _ATTORNEY,  # property and financial affairs only
    RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS: _DEPUTY,
    RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE: _DEPUTY,
}
"""A representative holding a lasting or enduring power of attorney or a deputyship: decision-maker or consultee
(MCA s4(7))."""
ENQUIRY_TYPE = {EnquiryRoute.SECTION_42_ENQUIRY: EnquiryType.SECTION_42, EnquiryRoute.OTHER_ENQUIRY: EnquiryType.OTHER}
_ACTION_TAKEN = {
    ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION: ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN,
    ActionTakenAndResult.INCONCLUSIVE_NO_ACTION: ActionTakenAndResult.INCONCLUSIVE_ACTION_TAKEN,
    ActionTakenAndResult.NO_RISK_NO_ACTION: ActionTakenAndResult.NO_RISK_ACTION_TAKEN,
}
"""With a safeguarding plan some action was taken: the "action taken" twin of each "no action" result."""
_RISK_IDENTIFIED = frozenset(
    {ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN, ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION},
)


def draw_options(run: Run, case: Case) -> None:
    """Options explained, once an enquiry is decided on (only in part where that is a practice gap)."""
    decided_on = case.decided_on
    if decided_on is None or not case.enquiry_route:
        return
    if Gap.OPTIONS_NOT_EXPLAINED in case.gaps:
        case.options = OptionsDiscussion(explained_on=run.day(decided_on), options_explained=True)
        return
    explained_on = run.between(decided_on, case.started_on or decided_on)
    case.options = OptionsDiscussion(
        explained_on=run.day(explained_on),
        options_explained=True,
        unavailable_options_explained=True,
        adult_understood=not case.lacks or case.rep_kind is not None,
    )


def draw_curiosity(run: Run, case: Case) -> None:
    """Professional curiosity about coercion and control."""
    r = run.r
    if Gap.CLOSURE_REQUEST_NO_COERCION in case.gaps:
        if r() < w.CURIOSITY_RECORDED_IN_GAP:
            case.curiosity = ProfessionalCuriosity(coercion_considered=False)
        return
    if (
        case.wants_no_action
        or case.declines
        or case.suspected
        or (case.stage >= IG and case.coercion_context and r() < w.COERCION_CONSIDERED)
    ):
        case.curiosity = ProfessionalCuriosity(
            coercion_considered=True,
            coercion_suspected=case.suspected,
            reasons_for_refusal_explored=True if case.declines else None,
            notes=run.pick(CURIOSITY_NOTES),
        )


def draw_advocacy(run: Run, case: Case) -> None:
    """The Care Act s68 test: substantial difficulty in any of four areas, and is an appropriate person there."""
    r = run.r
    if not ((case.stage >= DEC and case.enquiry_route) or (case.stage == IG and r() < w.ADVOCACY_WHILE_GATHERING)):
        return
    lacks = case.lacks
    learning_disability = case.adult.psr_group is PrimarySupportReason.LEARNING_DISABILITY
    understanding = lacks or (learning_disability and r() < w.DIFFICULTY_UNDERSTANDING_LD)
    retaining = lacks and r() < w.DIFFICULTY_RETAINING
    communicating = case.adult.interpreter is True or (lacks and r() < w.DIFFICULTY_COMMUNICATING)
    case.advocacy = AdvocacyAssessment(
        assessed_on=run.day(case.spoken_on),
        difficulty_understanding=understanding,
        difficulty_retaining=retaining,
        difficulty_using_or_weighing=lacks,
        difficulty_communicating=communicating,
        appropriate_person_available=case.appropriate_person,
    )
    if not (understanding or communicating or lacks):
        case.advocate_required = False


def _best_interests(run: Run, case: Case, assessed: int, limit: int, covered: bool) -> BestInterestsDecision:
    """The best-interests decision (MCA s4): who decides, who was consulted (s4(7))."""
    r = run.r
    consulted = []
    for _ in range(w.CONSULTEE_COUNT.of(r())):
        kind = w.CONSULTEE(r())
        consulted.append(Consultee(kind=kind, person_id=run.person_id(), views="Would want to stay near family"))
    donee = None if case.rep_kind is None else _DONEES.get(case.rep_kind)
    if covered and donee is not None:
        maker = donee[0]  # the attorney or deputy decides what their power covers
    else:
        maker = DecisionMakerKind.PRACTITIONER
        if donee is not None:
            person_id = f"PR{case.adult.adult_id[1:]}"
            consulted[0] = Consultee(kind=donee[1], person_id=person_id, views="Supports the plan")
    decided_on = run.between(assessed, min(assessed + w.BEST_INTERESTS_WITHIN_DAYS, limit))
    may_regain = r() < w.MAY_REGAIN_CAPACITY
    return BestInterestsDecision(
        decided_on=run.day(decided_on),
        decision_maker=maker,
        decision_maker_role=SOCIAL_WORKER if maker is DecisionMakerKind.PRACTITIONER else None,
        decision="Accept the least restrictive plan",
        wishes_and_feelings="Has always wanted to stay at home",
        beliefs_and_values="Values family and privacy",
        consulted=tuple(consulted),
        person_participated="Joined a short meeting at home",
        may_regain_capacity=may_regain,
        less_restrictive_options_considered=True,
        less_restrictive_options="More home care, not a move",
    )


def _lacks_capacity(run: Run, case: Case, assessed: int, limit: int) -> CapacityDecision:
    """A capacity assessment that finds the adult lacks capacity for one decision (incomplete, if that is a gap)."""
    r = run.r
    pick = run.pick
    incomplete = Gap.CAPACITY_TEST_INCOMPLETE in case.gaps
    if TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE in case.types:
        question = CAPACITY_DECISIONS[0]
    else:
        question = pick(CAPACITY_DECISIONS[1:])
    named = not (incomplete and r() < w.DECISION_UNNAMED_IF_INCOMPLETE)
    steps = (pick(PRACTICABLE_STEPS[:2]), pick(PRACTICABLE_STEPS[2:]))
    retain = _RETAIN[r() < w.ABLE_TO_RETAIN]
    impairment = pick(IMPAIRMENTS)
    rep = case.adult.representative
    subject = SUBJECTS[question]
    # an attorney or deputy covers the decision only where their power is of its domain (and an LPA is registered)
    covered = (
        rep is not None
        and rep.kind in _DONEES
        and rep.kind.domain is subject.domain
        and (rep.registered is True or rep.kind.is_deputy)
    )
    best_interests = None
    if Gap.NO_BEST_INTERESTS not in case.gaps:
        best_interests = _best_interests(run, case, assessed, limit, covered)
    return CapacityDecision(
        decision_id=f"D{case.number:06d}-1",
        decision=question if named else None,
        subject=subject,
        assessed_on=run.day(assessed),
        assessor_role=SOCIAL_WORKER,
        practicable_steps=steps,
        understand=_ABLE if incomplete else _UNABLE_TO_UNDERSTAND,
        retain=None if incomplete else retain,
        use_or_weigh=None if incomplete else _UNABLE_TO_WEIGH,
        communicate=_COMMUNICATES,
        impairment=True,
        impairment_description=impairment,
        causal_link=None if incomplete else True,
        causal_link_evidence=None if incomplete else "Difficulty is due to the impairment",
        outcome=CapacityOutcome.LACKS_CAPACITY,
        decision_covered_by_attorney_or_deputy=covered,
        imca_considered=True,
        best_interests=best_interests,
    )


def _has_capacity(run: Run, decision_id: str, assessed: int, self_neglect: bool) -> CapacityDecision:
    """A capacity assessment, where capacity was in doubt, that finds the adult has capacity."""
    r = run.r
    step = run.pick(PRACTICABLE_STEPS)
    impairment = r() < w.IMPAIRMENT_WITH_CAPACITY
    unwise = self_neglect and r() < w.CONSIDERED_UNWISE
    return CapacityDecision(
        decision_id=decision_id,
        decision=CAPACITY_DECISIONS[1],
        subject=SUBJECTS[CAPACITY_DECISIONS[1]],
        assessed_on=run.day(assessed),
        assessor_role=SOCIAL_WORKER,
        practicable_steps=(step,),
        understand=_ABLE,
        retain=_ABLE,
        use_or_weigh=_ABLE,
        communicate=_ABLE,
        impairment=impairment,
        considered_unwise=unwise,
        outcome=CapacityOutcome.HAS_CAPACITY,
    )


def draw_capacity(run: Run, case: Case) -> None:
    """The Mental Capacity Act decision, where capacity is lacked and assessed, or in doubt."""
    cap_from = case.started_on if case.started_on is not None else case.spoken_on
    cap_to = case.ended_on if case.ended_on is not None else case.limit
    if case.lacks and case.capacity_on:
        assessed = run.between(cap_from, min(cap_from + w.CAPACITY_WITHIN_DAYS, cap_to))
        case.capacity = (_lacks_capacity(run, case, assessed, cap_to),)
    elif case.doubt:
        assessed = run.between(cap_from, min(cap_from + w.CAPACITY_WITHIN_DAYS, cap_to))
        case.doubt_id = f"D{case.number:06d}-1"
        case.capacity = (_has_capacity(run, case.doubt_id, assessed, case.self_neglect),)


def _risk_results(run: Run, case: Case) -> None:
    """SG2c for every risk at conclusion, and SG2e where a risk was identified."""
    r = run.r
    for risk in case.risks:
        if case.ceased:
            risk.result = ActionTakenAndResult.CEASED_AT_REQUEST
            continue
        result = w.ACTION_RESULT(r())
        if case.has_plan:
            result = _ACTION_TAKEN.get(result, result)
        risk.result = result
        if result in _RISK_IDENTIFIED:
            risk.outcome = w.RISK_OUTCOME(r())


def draw_enquiry(run: Run, case: Case) -> None:
    """The enquiry, its lead, and at conclusion the SAC items (some missing, where that is a practice gap)."""
    started_on = case.started_on
    route = case.route
    if started_on is None or route is None:
        return
    r = run.r
    gaps = case.gaps
    lead = case.lead = actor(run, case.team, SOCIAL_WORKER if r() < w.LED_BY_SOCIAL_WORKER else SENIOR)
    ended_on = case.ended_on
    capacity_lacked = advocacy_support = outcomes_achieved = None
    if ended_on is not None:
        lacks = case.lacks
        capacity_lacked = CapacityLacked.YES if lacks else CapacityLacked.NO
        if lacks:
            advocacy_support = case.appropriate_person or Gap.ADVOCATE_NOT_INSTRUCTED not in gaps
        outcomes_achieved = overall_achievement(case.outcomes)
        _risk_results(run, case)
        if Gap.SAC_NOT_RECORDED in gaps:
            if r() < w.NOT_RECORDED_CAPACITY:
                not_recorded = r() < w.NOT_RECORDED_CODE
                capacity_lacked = CapacityLacked.NOT_RECORDED if not_recorded else CapacityLacked.DONT_KNOW
                advocacy_support = None
            else:
                case.msp_asked = MspAsked.NOT_RECORDED if r() < w.NOT_RECORDED_CODE else MspAsked.DONT_KNOW
                case.outcomes = ()
                outcomes_achieved = None
        if Gap.MISSING_SAC_ITEM in gaps:
            x = r()
            identified = [risk for risk in case.risks if risk.outcome is not None]
            if x < w.MISSING_CAPACITY:
                capacity_lacked = advocacy_support = None
            elif x < w.MISSING_RISK_OUTCOME and identified:
                run.pick(identified).outcome = None
            elif x < w.MISSING_ACTION_RESULT or outcomes_achieved is None:
                risk = run.pick(case.risks)
                risk.result = risk.outcome = None
            else:
                outcomes_achieved = None
    case.enquiry = Enquiry(
        enquiry_id=f"E{case.number:06d}",
        enquiry_type=ENQUIRY_TYPE[route],
        started_on=run.day(started_on),
        lead=lead,
        concluded_on=None if ended_on is None else run.day(ended_on),
        capacity_lacked=capacity_lacked,
        advocacy_support=advocacy_support,
        outcomes_achieved=outcomes_achieved,
    )
