"""The course of the case, decided before its parts are drawn: the adult's voice, capacity, and practice gaps.

Whether the adult was asked their desired outcomes (SG4a), wants no action or
declines support; why a closed case closed; whether an appropriate person or
an advocate is needed, capacity is assessed or in doubt, the adult chooses to
live with a risk, and coercion is suspected. Then, for about three records in
ten, one to three practice gaps (:class:`~msp.synth._state.Gap`) chosen among
those the case could show. A gap can bend what was drawn before it: a case
closed "at the adult's request" without professional curiosity, for example.
"""

from __future__ import annotations

from msp.codes import ClosureReason, EnquiryRoute, MspAsked, PrimarySupportReason, RepresentativeKind
from msp.synth import _weights as w
from msp.synth._organisation import REGULATED
from msp.synth._state import CLOSED, DEC, IG, Case, Gap, Run

__all__ = ["draw_course", "draw_gaps"]


def _draw_closure_reason(run: Run, case: Case) -> None:
    """Why a closed case closed; the adult may have died (an adult with another concern never does)."""
    adult = case.adult
    if case.ceased:
        reason = ClosureReason.CEASED_AT_ADULTS_REQUEST
    elif not adult.reused and not case.wants_no_action and run.r() < w.ADULT_DIED:
        reason = ClosureReason.ADULT_DIED
        case.died = adult.dead = True
    elif case.enquiry_route:
        reason = w.CLOSURE_REASON_AFTER_ENQUIRY(run.r())
    else:
        reason = w.CLOSURE_REASON(run.r())
    if reason is ClosureReason.CEASED_AT_ADULTS_REQUEST:
        case.wants_no_action = True
    case.closure_reason = reason


def draw_course(run: Run, case: Case) -> None:
    """The adult's voice, the closure reason, and the flags the later stages follow."""
    r = run.r
    stage = case.stage
    lacks = case.lacks
    adult = case.adult
    if stage >= DEC or (stage == IG and r() < w.MSP_ASKED_WHILE_GATHERING):
        x = r()
        no_enquiry = case.route is EnquiryRoute.NO_ENQUIRY and not lacks
        asked = w.MSP_NOT_EXPRESSED if no_enquiry else w.MSP_NOT_EXPRESSED_OTHERWISE
        case.msp_asked = (
            MspAsked.ASKED_EXPRESSED
            if x < w.MSP_EXPRESSED
            else MspAsked.ASKED_NOT_EXPRESSED
            if x < asked
            else MspAsked.NO
        )
    case.wants_no_action = case.ceased or (stage >= IG and r() < w.WANTS_NO_ACTION)
    if stage == CLOSED:
        _draw_closure_reason(run, case)
    representative = adult.representative
    rep_kind = case.rep_kind = None if representative is None else representative.kind
    appropriate_person = case.appropriate_person = rep_kind is RepresentativeKind.FAMILY_OR_FRIEND or (
        rep_kind is not None and r() < w.APPROPRIATE_PERSON_IF_NOT_FAMILY
    )
    difficulty = lacks or adult.psr_group is PrimarySupportReason.LEARNING_DISABILITY or adult.interpreter is True
    case.advocate_required = difficulty and not appropriate_person
    started = case.started_on is not None
    case.capacity_on = started or (IG <= stage <= DEC and lacks and r() < w.CAPACITY_ASSESSED_BEFORE_ENQUIRY)
    self_neglect = case.self_neglect
    case.doubt = started and not lacks and r() < (w.CAPACITY_DOUBT_SELF_NEGLECT if self_neglect else w.CAPACITY_DOUBT)
    # Only an adult with capacity can choose to live with a risk; otherwise it is a best-interests matter.
    case.living_with_risk = (
        case.has_plan
        and not lacks
        and ((self_neglect and r() < w.LIVING_WITH_RISK_SELF_NEGLECT) or r() < w.LIVING_WITH_RISK)
    )
    case.declines = case.wants_no_action or (stage >= IG and r() < w.DECLINES_SUPPORT)
    case.suspected = stage >= IG and case.coercion_context and r() < w.COERCION_SUSPECTED


def _gap_options(case: Case) -> list[str]:  # noqa: C901, PLR0912 - one test per kind of gap
    """The practice gaps this case could show, in a fixed order (a draw picks among them)."""
    stage = case.stage
    enquiry_route = case.enquiry_route
    route = case.route
    lacks = case.lacks
    options = [Gap.VIEWS_WITHOUT_REASONS, Gap.NO_IMMEDIATE_SAFETY]
    if enquiry_route or stage == IG:
        options += [Gap.NOT_SEEN_ALONE, Gap.NO_STRENGTHS]
    if enquiry_route:
        options.append(Gap.NOT_ASKED_WHO_TO_INVOLVE)
    if case.msp_asked is MspAsked.ASKED_EXPRESSED:
        options.append(Gap.PRACTITIONER_OUTCOME)
    if case.msp_asked is not None and not lacks:
        options.append(Gap.MSP_NO_WITHOUT_REASON)
    if stage >= DEC and enquiry_route:
        options.append(Gap.OPTIONS_NOT_EXPLAINED)
    if case.decided_on is not None and route is EnquiryRoute.SECTION_42_ENQUIRY:
        options.append(Gap.S42_CONDITION_MISSING)
    if lacks and case.capacity_on:
        options += [Gap.CAPACITY_TEST_INCOMPLETE, Gap.NO_BEST_INTERESTS]
    if case.advocate_required and stage >= DEC and enquiry_route:
        options.append(Gap.ADVOCATE_NOT_INSTRUCTED)
    if case.has_plan:
        options.append(Gap.PLAN_NOT_AGREED)
        if not lacks:
            options.append(Gap.LIVING_WITH_RISK_UNINFORMED)
    if case.concluded and route is EnquiryRoute.SECTION_42_ENQUIRY:
        options += [Gap.MISSING_SAC_ITEM, Gap.SAC_NOT_RECORDED]
    if (case.concluded or case.ceased) and case.msp_asked is MspAsked.ASKED_EXPRESSED:
        options.append(Gap.OUTCOMES_NOT_EVALUATED_WITH_ADULT)
    if case.ceased or (stage == CLOSED and route is EnquiryRoute.NO_ENQUIRY):
        options.append(Gap.CLOSURE_REQUEST_NO_COERCION)
    if stage == CLOSED:
        options.append(Gap.NO_FEEDBACK_TO_REFERRER)
        if enquiry_route:
            options.append(Gap.SAR_NOT_CONSIDERED)
    if stage >= DEC and case.coercion_context:
        options.append(Gap.COERCION_NO_ESCALATION)
    if case.adult.interpreter is True:
        options.append(Gap.NO_INTERPRETER)
    options += _legal_gap_options(case)
    options += _organisation_gap_options(case)
    return options


def _legal_gap_options(case: Case) -> list[str]:
    """The gaps in the legal-literacy core this case could show (people alleged, police, children, liberty)."""
    stage = case.stage
    options = []
    if stage >= DEC and case.enquiry_route and not case.lacks:
        options.append(Gap.ACTING_WITHOUT_CONSENT_NO_GROUNDS)
    if case.crime_kinds and case.referrer.agency != "police":
        options.append(Gap.POLICE_NOT_TOLD)
    if case.child_at_risk:
        options.append(Gap.CHILD_NOT_REFERRED)
    alleged = case.alleged if case.people_recorded else []
    if stage >= DEC:
        if any(person.domestic_abuse is not None for person in alleged):
            options.append(Gap.NO_MARAC)
        if any(person.in_position_of_trust for person in alleged):
            options.append(Gap.PIPOT_NOT_REFERRED)
        if any(person.unpaid_carer for person in alleged):
            options.append(Gap.NO_CARERS_ASSESSMENT)
    if case.concluded and any(person.in_position_of_trust for person in alleged):
        options.append(Gap.NO_DBS_DECISION)
    if case.deprived_of_liberty:
        options.append(Gap.LIBERTY_NOT_AUTHORISED)
    return options


def _organisation_gap_options(case: Case) -> list[str]:
    """The gaps about a provider this case could show: the CQC or the commissioners not told of a regulated
    provider; a concluded enquiry caused to be made without its report received and checked (kept rare: the
    rules report the second as an error)."""
    options = []
    if case.stage >= DEC and case.provider_kind in REGULATED:
        options.append(Gap.PROVIDER_NOT_TOLD)
    if case.caused_by is not None and case.concluded:
        options.append(Gap.CAUSED_REPORT_NOT_CHECKED)
    return options


def draw_gaps(run: Run, case: Case) -> None:
    """Practice gaps for about three records in ten (none while the concern is only received)."""
    r = run.r
    gaps = case.gaps
    if case.stage >= IG and r() < w.GAP_SHARE:
        options = _gap_options(case)
        x = r()
        wanted = 1 if x < w.ONE_GAP else 2 if x < w.TWO_GAPS else 3
        for _ in range(wanted):
            gaps.add(run.pick(options))
        if Gap.MSP_NO_WITHOUT_REASON in gaps:
            case.msp_asked = MspAsked.NO
            gaps.discard(Gap.PRACTITIONER_OUTCOME)
            gaps.discard(Gap.OUTCOMES_NOT_EVALUATED_WITH_ADULT)
        if Gap.CLOSURE_REQUEST_NO_COERCION in gaps:
            case.wants_no_action = case.declines = True
            if case.stage == CLOSED and not case.ceased:
                case.closure_reason = ClosureReason.CEASED_AT_ADULTS_REQUEST
                case.died = False  # the adult stays out of the pool of later concerns all the same
        if Gap.LIVING_WITH_RISK_UNINFORMED in gaps:
            case.living_with_risk = True
        if Gap.COERCION_NO_ESCALATION in gaps:
            case.suspected = True
        if Gap.POLICE_NOT_TOLD in gaps:
            case.police_told = case.police_leading = False
    if case.suspected:
        gaps.discard(Gap.NOT_SEEN_ALONE)
