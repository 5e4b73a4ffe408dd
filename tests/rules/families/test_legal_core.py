"""The legal-literacy core of a case (issue 13): consent, crime, children, people alleged to have caused
harm, domestic abuse and liberty.

Each case is a record built the way a practitioner records the situation: the lawful case passes,
the gap fails at its exact paths, and a case the rule is not about is not applicable. New rules are
warnings, but for CA-026 (a child judged at risk, unanswered at closure) and MCA-019 (a deprivation
of liberty with nothing recorded about its authorisation), which rest on law and block the step.
All records are synthetic; every free text starts "Invented".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from msp import (
    ActingWithoutConsent,
    AdultsViews,
    ChildrenAtRisk,
    Consent,
    CrimeAndPolice,
    DeprivationOfLiberty,
    DomesticAbuse,
    PersonAllegedToHaveCausedHarm,
)
from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CaseStage,
    ChildRiskReason,
    ClosureReason,
    ConsentGround,
    ConsentStatus,
    CrimeKind,
    DecisionSubject,
    DomesticAbuseRiskLevel,
    DomesticAbuseRiskTool,
    LibertyAuthorisation,
    MspAsked,
    Relationship,
    RiskOutcome,
)
from msp.errors import TransitionRefused
from msp.model.concern import Concern
from msp.rules import Basis, Severity, Status, get_rule, validate
from msp.rules.facts import acted_without_consent, others_may_be_at_risk, paid_or_voluntary_role, risks_of
from msp.workflow import steps as wf
from tests.builders import (
    CLOSED,
    DECIDED,
    MANAGER,
    RECEIVED,
    STARTED,
    WORKER,
    adult,
    at,
    best_interests,
    case,
    ceased_at_request,
    closed_s42,
    closure,
    concern,
    concluded_s42,
    evolve_in,
    has_capacity,
    lacks_capacity,
    no_enquiry_closed,
    other_enquiry_concluded,
    reach,
    representative,
    risk,
    s42_enquiry,
    statuses_by_code,
    step_closure,
    step_plan,
)

FAILED = Status.FAILED
PASSED = Status.PASSED
NA = Status.NOT_APPLICABLE

NEW_CODES = (
    *(f"CA-{n:03d}" for n in range(20, 31)),
    *(f"MCA-{n:03d}" for n in range(17, 22)),
    *(f"MSP-{n:03d}" for n in range(31, 35)),
)
ERRORS = {"CA-026", "MCA-019"}
P0 = "$.people_alleged[0]"
P1 = "$.people_alleged[1]"
AWC = "$.consent.acting_without_consent"
ASSESSED_DA = date(2025, 6, 6)


# -- parts, recorded as a practitioner records them ----------------------------------------------


def person(**overrides: Any) -> PersonAllegedToHaveCausedHarm:
    """A son alleged to have caused the harm of risk R-1, told of the concern and given the chance to respond."""
    base = PersonAllegedToHaveCausedHarm(
        person_id="PA-1", risk_ids=("R-1",), relationship=Relationship.SON_OR_DAUGHTER, told_of_concern=True
    )
    return attrs.evolve(base, **overrides)


def paid_carer(**overrides: Any) -> PersonAllegedToHaveCausedHarm:
    """A paid care worker alleged to have caused the harm of risk R-1."""
    fields: dict[str, Any] = {
        "person_id": "PA-2",
        "relationship": Relationship.PAID_CARER,
        "paid_carer_or_volunteer": True,
        **overrides,
    }
    return person(**fields)


def domestic_abuse(**overrides: Any) -> DomesticAbuse:
    """Domestic abuse by a partner: DASH assessed high risk after the concern came in, referred to MARAC."""
    base = DomesticAbuse(
        personally_connected=True,
        risk_tool=DomesticAbuseRiskTool.DASH,
        risk_level=DomesticAbuseRiskLevel.HIGH,
        assessed_on=ASSESSED_DA,
        marac_referred_on=ASSESSED_DA,
        idva_involved=True,
    )
    return attrs.evolve(base, **overrides)


def partner(**da: Any) -> PersonAllegedToHaveCausedHarm:
    """The adult's partner, with this domestic-abuse record."""
    return person(person_id="PA-3", relationship=Relationship.PARTNER, domestic_abuse=domestic_abuse(**da))


def acting(**overrides: Any) -> ActingWithoutConsent:
    """A manager's decision to go ahead without consent because others are at risk; the adult was told."""
    base = ActingWithoutConsent(
        grounds=(ConsentGround.OTHERS_AT_RISK,),
        decided_on=DECIDED,
        decided_by=MANAGER,
        rationale="Invented rationale",
        adult_told=True,
    )
    return attrs.evolve(base, **overrides)


def refused(acting_record: ActingWithoutConsent | None = None, **overrides: Any) -> Concern:
    """:func:`concluded_s42` where the adult refused consent to the enquiry, with this decision to go ahead."""
    consent = Consent(to_enquiry=ConsentStatus.REFUSED, acting_without_consent=acting_record)
    return concluded_s42(consent=consent, **overrides)


def shared_without_consent(acting_record: ActingWithoutConsent | None = None) -> Concern:
    """:func:`concluded_s42` where consent to sharing was refused and information was shared (with a reason)."""
    consent = Consent(
        to_information_sharing=ConsentStatus.REFUSED,
        sharing_without_consent_reason="Invented reason for sharing",
        acting_without_consent=acting_record,
    )
    return concluded_s42(consent=consent)


def on_lack_of_capacity(named: str | None, *decisions: Any) -> Concern:
    """Going ahead without consent on the ground that the adult lacks capacity, naming capacity decision ``named``."""
    record = acting(grounds=(ConsentGround.LACKS_CAPACITY,), capacity_decision_id=named)
    return refused(record, capacity_decisions=decisions)


def crime(**overrides: Any) -> CrimeAndPolice:
    """A suspected care-worker offence (CJCA 2015 s20), reported to the police on the day of the decision."""
    base = CrimeAndPolice(
        crime_suspected=True, kinds=(CrimeKind.CARE_WORKER_OFFENCE,), police_informed_on=DECIDED, police_leading=False
    )
    return attrs.evolve(base, **overrides)


def child_at_risk(**overrides: Any) -> ChildrenAtRisk:
    """A child in the household judged to be at risk, referred to children's services."""
    base = ChildrenAtRisk(child_may_be_at_risk=True, reasons=(ChildRiskReason.LIVES_IN_HOUSEHOLD,), referred_on=DECIDED)
    return attrs.evolve(base, **overrides)


UNREFERRED = ChildrenAtRisk(child_may_be_at_risk=True, reasons=(ChildRiskReason.CARED_FOR_BY_ALLEGED_PERSON,))
CHILDREN_PRESENT = ChildrenAtRisk(child_may_be_at_risk=False, reasons=(ChildRiskReason.LIVES_IN_HOUSEHOLD,))


def liberty(**overrides: Any) -> DeprivationOfLiberty:
    """A protective measure that deprives the adult of liberty, with a standard authorisation granted."""
    base = DeprivationOfLiberty(
        amounts_to_deprivation=True,
        authorisation=LibertyAuthorisation.DOLS_STANDARD,
        applied_on=STARTED,
        authorised_on=STARTED + timedelta(days=14),
    )
    return attrs.evolve(base, **overrides)


def deprived(*, stage: CaseStage = CaseStage.CONCLUDED, **overrides: Any) -> Concern:
    """:func:`concluded_s42` (at ``stage``) with a deprivation of liberty recorded with these fields only."""
    fields: dict[str, Any] = {"amounts_to_deprivation": True, **overrides}
    return concluded_s42(liberty=DeprivationOfLiberty(**fields), stage=stage)


def with_people(*people: PersonAllegedToHaveCausedHarm, **overrides: Any) -> Concern:
    """:func:`concluded_s42` with these people alleged to have caused harm."""
    return concluded_s42(people_alleged=people, **overrides)


def risk_not_found(**overrides: Any) -> Concern:
    """A concluded section 42 enquiry whose one risk was not identified."""
    return with_people(
        paid_carer(),
        risks=(risk(action_and_result=ActionTakenAndResult.NO_RISK_NO_ACTION, risk_outcome=None),),
        **overrides,
    )


def ceasing_decision(**overrides: Any) -> Any:
    """A finding that the adult lacks capacity to decide whether the enquiry ceases (no best-interests record)."""
    fields: dict[str, Any] = {
        "decision_id": "CD-3",
        "subject": DecisionSubject.CEASING_ENQUIRY,
        "best_interests": None,
        **overrides,
    }
    return lacks_capacity(**fields)


def ceased_lacking(**overrides: Any) -> Concern:
    """:func:`ceased_at_request` for an adult who lacks capacity to decide it, with a representative involved,
    recorded outside the workflow (no history, so no step gives the reason)."""
    base = ceased_at_request(capacity_decisions=(ceasing_decision(),), adult=adult(representatives=(representative(),)))
    return attrs.evolve(base, **overrides)


def ceased_through_the_workflow(reason: str | None = "Invented reason for ceasing") -> Concern:
    """An enquiry ceased through the workflow step, which records why, for an adult who lacks capacity to
    decide it: their wishes in their own words and a representative involved."""
    record = attrs.evolve(
        reach(CaseStage.ENQUIRY),
        adult=adult(representatives=(representative(),)),
        capacity_decisions=(ceasing_decision(),),
    )
    return wf.cease_at_adults_request(
        record,
        actor=WORKER,
        at=at(20),
        reason=reason,
        views=AdultsViews(in_own_words="Invented words: stop it", wants_no_action=True),
        enquiry=s42_enquiry(concluded_on=None, capacity_lacked=CapacityLacked.YES, advocacy_support=True),
        risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
        msp_asked=MspAsked.ASKED_NOT_EXPRESSED,
        desired_outcomes=(),
    )


def ceased_closed(**closure_fields: Any) -> Concern:
    """:func:`ceased_at_request`, closed at the adult's request with this closure."""
    fields: dict[str, Any] = {"reason": ClosureReason.CEASED_AT_ADULTS_REQUEST, **closure_fields}
    return ceased_at_request(closure=closure(**fields), stage=CaseStage.CLOSED)


def no_enquiry_wanting_nothing(acting_record: ActingWithoutConsent | None = None, **closure_fields: Any) -> Concern:
    """No enquiry, closed; the adult wanted nothing to happen; information shared without consent."""
    consent = None if acting_record is None else Consent(acting_without_consent=acting_record)
    record = no_enquiry_closed(views=AdultsViews(in_own_words="Invented words", wants_no_action=True), consent=consent)
    return evolve_in(record, "closure", **closure_fields)


# fmt: off
CASES = [
    # -- CA-020: acting without consent rests on a ground, and names who decided ------------------------
    case("CA-020", FAILED, refused, AWC, id="enquiry-refused-no-decision-recorded"),
    case("CA-020", FAILED, shared_without_consent, AWC, id="sharing-refused-no-decision-recorded"),
    case("CA-020", FAILED, lambda: refused(acting(grounds=(), decided_by=None)), f"{AWC}.grounds",
         f"{AWC}.decided_by", id="no-ground-no-decision-maker"),
    case("CA-020", PASSED, lambda: refused(acting()), id="others-at-risk-decided-by-manager"),
    case("CA-020", PASSED, lambda: shared_without_consent(acting(grounds=(ConsentGround.VITAL_INTEREST,))),
         id="shared-in-vital-interest"),
    case("CA-020", NA, concluded_s42, id="consent-not-refused"),
    case("CA-020", NA, lambda: no_enquiry_closed(consent=Consent(to_enquiry=ConsentStatus.REFUSED)),
         id="refused-and-no-enquiry-made"),
    case("CA-020", NA, lambda: concluded_s42(consent=Consent(to_information_sharing=ConsentStatus.REFUSED)),
         id="sharing-refused-and-nothing-shared"),
    # -- CA-021: the adult is told, or why not ----------------------------------------------------------
    case("CA-021", FAILED, lambda: refused(acting(adult_told=None)), f"{AWC}.adult_told", id="not-recorded"),
    case("CA-021", FAILED, lambda: refused(acting(adult_told=False)), f"{AWC}.adult_told", id="not-told-no-reason"),
    case("CA-021", PASSED, lambda: refused(acting()), id="told"),
    case("CA-021", PASSED, lambda: refused(acting(adult_told=False, not_told_reason="Invented reason")),
         id="not-told-because-it-would-raise-the-risk"),
    case("CA-021", NA, concluded_s42, id="no-decision-to-act-without-consent"),
    case("CA-021", NA, lambda: attrs.evolve(refused(acting(adult_told=None)), stage=CaseStage.ENQUIRY),
         id="before-conclusion"),
    # -- MCA-017: the lacks-capacity ground names a decision that found so ------------------------------
    case("MCA-017", FAILED, lambda: on_lack_of_capacity(None), f"{AWC}.capacity_decision_id", id="names-none"),
    case("MCA-017", FAILED, lambda: on_lack_of_capacity("CD-9", lacks_capacity()), f"{AWC}.capacity_decision_id",
         id="names-one-not-on-record"),
    case("MCA-017", FAILED, lambda: on_lack_of_capacity("CD-2", has_capacity()), f"{AWC}.capacity_decision_id",
         id="names-one-that-found-capacity"),
    case("MCA-017", PASSED, lambda: on_lack_of_capacity("CD-1", lacks_capacity()), id="names-a-lacks-capacity-finding"),
    case("MCA-017", NA, lambda: refused(acting()), id="another-ground"),
    # -- MCA-018: ceasing for an adult who lacks capacity to decide it -----------------------------------
    case("MCA-018", PASSED, ceased_through_the_workflow, id="reason-wishes-and-representative"),
    case("MCA-018", PASSED, lambda: ceased_lacking(
        capacity_decisions=(ceasing_decision(best_interests=best_interests()),), adult=adult()),
         id="best-interests-decision-is-one-accepted-form"),
    case("MCA-018", FAILED, lambda: ceased_through_the_workflow(reason=None), "$.history", id="no-reason-given"),
    case("MCA-018", FAILED, ceased_lacking, "$.history", id="recorded-outside-the-workflow-no-reason"),
    case("MCA-018", FAILED, lambda: ceased_lacking(adult=adult(), views=None), "$.history", "$.views.in_own_words",
         "$.adult.representatives", id="nothing-recorded"),
    case("MCA-018", NA, ceased_at_request, id="adult-has-capacity"),
    case("MCA-018", NA, lambda: closed_s42(capacity_decisions=(ceasing_decision(),)), id="not-ceased-at-request"),
    case("MCA-018", NA, lambda: ceased_lacking(
        capacity_decisions=(lacks_capacity(subject=DecisionSubject.ACCOMMODATION),)),
         id="lacks-capacity-for-another-decision"),
    # -- MSP-031: ceasing while others may be at risk ----------------------------------------------------
    case("MSP-031", FAILED,
         lambda: attrs.evolve(ceased_closed(risk_to_others_considered=None), children=child_at_risk()),
         "$.closure.risk_to_others_considered", id="child-at-risk-ceased-nothing-recorded"),
    # the closure records how others are protected, so the rule waits for it
    case("MSP-031", NA, lambda: ceased_at_request(children=child_at_risk()), id="ceased-not-yet-closed"),
    case("MSP-031", FAILED, lambda: attrs.evolve(
        ceased_closed(risk_to_others_considered=None), people_alleged=(person(position_of_trust=True),)),
         "$.closure.risk_to_others_considered", id="position-of-trust-closed-nothing-recorded"),
    case("MSP-031", PASSED, lambda: attrs.evolve(ceased_closed(), children=child_at_risk()),
         id="risk-to-others-considered"),
    case("MSP-031", PASSED, lambda: attrs.evolve(
        ceased_closed(risk_to_others_considered=None, person_alleged_action="Invented action"),
        people_alleged=(person(position_of_trust=True),)), id="action-about-the-person-alleged"),
    case("MSP-031", NA, ceased_at_request, id="no-one-else-at-risk"),
    case("MSP-031", NA, lambda: ceased_at_request(children=CHILDREN_PRESENT), id="children-present-not-at-risk"),
    case("MSP-031", NA, lambda: closed_s42(children=child_at_risk()), id="not-ceased-at-request"),
    # -- MSP-030 accepts a decision to act without consent for others or the public interest -------------
    case("MSP-030", PASSED, lambda: no_enquiry_wanting_nothing(acting(), risk_to_others_considered=None),
         id="shared-because-others-at-risk"),
    case("MSP-030", PASSED, lambda: no_enquiry_wanting_nothing(
        acting(grounds=(ConsentGround.PUBLIC_INTEREST,)), risk_to_others_considered=None), id="public-interest"),
    case("MSP-030", FAILED, lambda: no_enquiry_wanting_nothing(
        acting(grounds=(ConsentGround.CRIME,)), risk_to_others_considered=None),
         "$.closure.risk_to_others_considered", id="another-ground-is-not-a-record-of-others"),
    case("MSP-030", NA, no_enquiry_closed, id="adult-did-not-ask-for-nothing"),
    # -- CA-022: police told, or why not ---------------------------------------------------------------
    case("CA-022", FAILED, lambda: concluded_s42(crime=crime(police_informed_on=None)), "$.crime.police_informed_on",
         id="nothing-recorded"),
    case("CA-022", PASSED, lambda: concluded_s42(crime=crime()), id="police-told"),
    case("CA-022", PASSED, lambda: concluded_s42(crime=crime(police_informed_on=None, crime_reference="Invented ref")),
         id="crime-reference-only"),
    case("CA-022", PASSED, lambda: concluded_s42(crime=crime(police_informed_on=None, no_police_reason="Invented")),
         id="reason-not-to-tell-the-police"),
    case("CA-022", NA, lambda: concluded_s42(crime=CrimeAndPolice(crime_suspected=False)), id="no-crime-suspected"),
    case("CA-022", NA, lambda: concern(crime=crime(police_informed_on=None)), id="concern-just-received"),
    # -- CA-023: persons in positions of trust ---------------------------------------------------------
    case("CA-023", FAILED, lambda: with_people(person(), paid_carer(position_of_trust=True)),
         f"{P1}.pipot_referred_on", id="not-referred-no-reason"),
    case("CA-023", PASSED, lambda: with_people(paid_carer(position_of_trust=True, pipot_referred_on=DECIDED)),
         id="referred"),
    case("CA-023", PASSED, lambda: with_people(
        paid_carer(position_of_trust=True, pipot_not_referred_reason="Invented")), id="reason-not-referred"),
    case("CA-023", PASSED, lambda: with_people(person()), id="not-in-a-position-of-trust"),
    case("CA-023", NA, concluded_s42, id="no-one-alleged"),
    # -- CA-024: DBS or regulator referral -------------------------------------------------------------
    case("CA-024", FAILED, lambda: with_people(paid_carer()), f"{P0}.dbs_referred_on", id="paid-carer-not-referred"),
    case("CA-024", FAILED, lambda: with_people(person(), person(person_id="PA-4", relationship=Relationship.VOLUNTEER)),
         f"{P1}.dbs_referred_on", id="volunteer-by-relationship"),
    case("CA-024", PASSED, lambda: with_people(paid_carer(dbs_referred_on=CLOSED - timedelta(days=10))),
         id="dbs-referral"),
    case("CA-024", PASSED, lambda: with_people(paid_carer(regulator_referred_on=CLOSED - timedelta(days=10))),
         id="regulator-referral"),
    case("CA-024", PASSED, lambda: with_people(paid_carer(referral_not_needed_reason="Invented reason")),
         id="reason-none-needed"),
    case("CA-024", NA, risk_not_found, id="no-risk-identified"),
    case("CA-024", NA, lambda: with_people(paid_carer(risk_ids=("R-2",)), risks=(
        risk(), risk(risk_id="R-2", action_and_result=ActionTakenAndResult.INCONCLUSIVE_NO_ACTION, risk_outcome=None))),
         id="their-own-risk-was-inconclusive"),
    case("CA-024", NA, lambda: with_people(person()), id="family-member"),
    case("CA-024", NA, lambda: other_enquiry_concluded(people_alleged=(paid_carer(),)), id="other-enquiry"),
    case("CA-024", NA, lambda: with_people(paid_carer(), stage=CaseStage.ENQUIRY,
                                           enquiry=s42_enquiry(concluded_on=None)), id="not-concluded"),
    # -- CA-025: a carer's assessment considered -------------------------------------------------------
    case("CA-025", FAILED, lambda: with_people(person(unpaid_carer=True)), f"{P0}.carers_assessment_considered",
         id="not-considered"),
    case("CA-025", PASSED, lambda: with_people(person(unpaid_carer=True, carers_assessment_considered=True)),
         id="considered"),
    case("CA-025", NA, concluded_s42, id="no-one-alleged"),
    case("CA-025", NA, lambda: with_people(person(unpaid_carer=True), stage=CaseStage.ENQUIRY),
         id="before-conclusion"),
    # -- CA-026 (error at closure) and CA-027 (warning before it): children judged at risk ---------------
    case("CA-026", FAILED, lambda: closed_s42(children=UNREFERRED), "$.children.referred_on", id="unanswered"),
    case("CA-026", PASSED, lambda: closed_s42(children=child_at_risk()), id="referred"),
    case("CA-026", PASSED, lambda: closed_s42(children=child_at_risk(referred_on=None, not_referred_reason="Invented")),
         id="reason-not-referred"),
    case("CA-026", NA, lambda: closed_s42(children=CHILDREN_PRESENT), id="children-present-not-judged-at-risk"),
    case("CA-026", NA, lambda: concluded_s42(children=UNREFERRED), id="not-closed"),
    case("CA-027", FAILED, lambda: concluded_s42(children=UNREFERRED), "$.children.referred_on", id="concluded"),
    case("CA-027", FAILED, lambda: concern(children=UNREFERRED), "$.children.referred_on", id="concern-received"),
    case("CA-027", PASSED, lambda: concluded_s42(children=child_at_risk()), id="referred"),
    case("CA-027", NA, lambda: closed_s42(children=UNREFERRED), id="closed-is-ca-026s"),
    case("CA-027", NA, lambda: concluded_s42(children=CHILDREN_PRESENT), id="children-present-not-judged-at-risk"),
    # -- CA-028 to CA-030: domestic abuse ---------------------------------------------------------------
    case("CA-028", FAILED, lambda: with_people(partner(marac_referred_on=None)),
         f"{P0}.domestic_abuse.marac_referred_on", id="high-risk-not-referred"),
    case("CA-028", PASSED, lambda: with_people(partner()), id="referred"),
    case("CA-028", PASSED, lambda: with_people(partner(marac_referred_on=None, no_marac_reason="Invented")),
         id="reason-not-referred"),
    case("CA-028", PASSED, lambda: with_people(
        partner(risk_level=DomesticAbuseRiskLevel.MEDIUM, marac_referred_on=None)), id="medium-risk"),
    case("CA-028", NA, lambda: with_people(person()), id="no-domestic-abuse-record"),
    case("CA-029", FAILED, lambda: with_people(paid_carer(domestic_abuse=domestic_abuse())), f"{P0}.relationship",
         id="paid-carer"),
    case("CA-029", FAILED, lambda: with_people(person(relationship=Relationship.STRANGER,
                                                      domestic_abuse=domestic_abuse())),
         f"{P0}.relationship", id="stranger"),
    case("CA-029", FAILED, lambda: with_people(partner(personally_connected=False)),
         f"{P0}.domestic_abuse.personally_connected", id="recorded-not-personally-connected"),
    case("CA-029", PASSED, lambda: with_people(partner()), id="partner"),
    case("CA-029", PASSED, lambda: with_people(person(relationship=Relationship.FRIEND_OR_NEIGHBOUR,
                                                      domestic_abuse=domestic_abuse())),
         id="friend-in-an-intimate-relationship"),
    case("CA-029", NA, lambda: with_people(paid_carer()), id="no-domestic-abuse-record"),
    case("CA-030", FAILED, lambda: with_people(
        partner(assessed_on=None, marac_referred_on=RECEIVED - timedelta(days=1))),
         f"{P0}.domestic_abuse.marac_referred_on", id="before-the-concern"),
    case("CA-030", PASSED, lambda: with_people(partner()), id="after-the-concern"),
    case("CA-030", NA, lambda: with_people(partner(marac_referred_on=None, no_marac_reason="Invented")),
         id="no-referral"),
    # -- MCA-019 (error), MCA-020, MCA-021: deprivation of liberty -------------------------------------------
    case("MCA-019", FAILED, deprived, "$.liberty.authorisation", id="nothing-about-authorisation"),
    case("MCA-019", FAILED, lambda: deprived(stage=CaseStage.PLAN_AND_REVIEW), "$.liberty.authorisation",
         id="at-the-plan"),
    case("MCA-019", PASSED, lambda: concluded_s42(liberty=liberty()), id="standard-authorisation"),
    case("MCA-019", PASSED, lambda: deprived(
        authorisation=LibertyAuthorisation.APPLICATION_PENDING, applied_on=STARTED),
         id="application-pending-is-mca-020s-warning"),
    case("MCA-019", PASSED, lambda: deprived(authorisation=LibertyAuthorisation.NONE, not_authorised_reason="Invented"),
         id="not-authorised-is-mca-021s-warning"),
    case("MCA-019", NA, lambda: deprived(stage=CaseStage.ENQUIRY), id="never-stops-an-enquiry-starting"),
    case("MCA-019", NA, lambda: concluded_s42(liberty=DeprivationOfLiberty(amounts_to_deprivation=False)),
         id="not-a-deprivation"),
    case("MCA-020", FAILED, lambda: deprived(
        authorisation=LibertyAuthorisation.APPLICATION_PENDING, applied_on=STARTED),
         "$.liberty.authorisation", id="pending"),
    case("MCA-020", FAILED, lambda: deprived(applied_on=STARTED), "$.liberty.authorisation",
         id="applied-for-not-yet-authorised"),
    case("MCA-020", PASSED, lambda: concluded_s42(liberty=liberty()), id="authorised"),
    case("MCA-020", PASSED, lambda: concluded_s42(liberty=liberty(
        authorisation=LibertyAuthorisation.LIFE_SUSTAINING_PENDING_COURT, authorised_on=None)),
         id="s4b-while-the-court-decides"),
    case("MCA-020", NA, lambda: concluded_s42(liberty=DeprivationOfLiberty(amounts_to_deprivation=False)),
         id="not-a-deprivation"),
    case("MCA-021", FAILED, lambda: deprived(authorisation=LibertyAuthorisation.NONE, not_authorised_reason="Invented"),
         "$.liberty.authorisation", id="none-with-reason"),
    case("MCA-021", FAILED, lambda: deprived(authorisation=LibertyAuthorisation.NONE), "$.liberty.authorisation",
         id="none-no-reason"),
    case("MCA-021", FAILED, lambda: deprived(not_authorised_reason="Invented"), "$.liberty.authorisation",
         id="only-a-reason"),
    case("MCA-021", PASSED, lambda: concluded_s42(liberty=liberty(
        authorisation=LibertyAuthorisation.COURT_OF_PROTECTION_ORDER)), id="court-order"),
    case("MCA-021", NA, lambda: deprived(authorisation=LibertyAuthorisation.NONE, stage=CaseStage.DECIDED),
         id="before-the-plan"),
    case("MCA-021", NA, lambda: concluded_s42(liberty=DeprivationOfLiberty(amounts_to_deprivation=None)),
         id="not-judged-a-deprivation"),
    # -- MSP-032 to MSP-034: people alleged to have caused harm ---------------------------------------------
    case("MSP-032", FAILED, lambda: with_people(person(risk_ids=("R-1", "R-9"))), f"{P0}.risk_ids",
         id="names-a-risk-not-on-record"),
    case("MSP-032", PASSED, lambda: with_people(person()), id="names-risks-on-record"),
    case("MSP-032", NA, lambda: with_people(person(risk_ids=())), id="names-no-risk"),
    case("MSP-032", NA, concluded_s42, id="no-one-alleged"),
    case("MSP-033", FAILED, lambda: with_people(person(), paid_carer(), person(risk_ids=())),
         "$.people_alleged[2].person_id", id="recorded-twice"),
    case("MSP-033", PASSED, lambda: with_people(person(), paid_carer()), id="each-once"),
    case("MSP-033", NA, concluded_s42, id="no-one-alleged"),
    case("MSP-034", FAILED, lambda: with_people(person(told_of_concern=None)), f"{P0}.told_of_concern",
         id="not-recorded"),
    case("MSP-034", FAILED, lambda: with_people(person(), paid_carer(told_of_concern=False)), f"{P1}.told_of_concern",
         id="not-told-no-reason"),
    case("MSP-034", PASSED, lambda: with_people(person()), id="told"),
    case("MSP-034", PASSED, lambda: with_people(person(told_of_concern=False, not_told_reason="Invented reason")),
         id="not-told-because-it-would-raise-the-risk"),
    case("MSP-034", NA, lambda: no_enquiry_closed(people_alleged=(person(told_of_concern=None),)), id="no-enquiry"),
    case("MSP-034", NA, lambda: with_people(person(told_of_concern=None), stage=CaseStage.ENQUIRY),
         id="before-conclusion"),
]
# fmt: on


@pytest.mark.parametrize(("code", "make", "status", "paths"), CASES)
def test_rule(code: str, make: Callable[[], Concern], status: Status, paths: tuple[str, ...]) -> None:
    record = make()
    report = validate(record, rules=[code])
    assert report.status_of(code) is status
    assert not report.errored
    assert tuple(f.path for f in report.findings if f.code == code) == paths
    assert all(f.severity is get_rule(code).severity for f in report.findings)
    if status is FAILED:
        assert paths, "a failing row must name its finding paths"


@pytest.mark.parametrize("code", NEW_CODES)
def test_every_new_rule_fails_passes_and_does_not_apply(code: str) -> None:
    assert statuses_by_code(CASES).get(code) == {FAILED, PASSED, NA}


@pytest.mark.parametrize("code", NEW_CODES)
def test_severity_and_basis(code: str) -> None:
    """Only CA-026 and MCA-019 are errors, and both rest on law; every other new rule is a warning."""
    rule = get_rule(code)
    if code in ERRORS:
        assert rule.severity is Severity.ERROR
        assert rule.basis is Basis.LAW
    else:
        assert rule.severity is Severity.WARNING
    assert rule.reference.strip()
    assert rule.fields


@pytest.mark.parametrize(
    ("code", "basis"),
    [
        ("CA-020", Basis.STATUTORY_GUIDANCE),
        ("CA-022", Basis.STATUTORY_GUIDANCE),
        ("CA-023", Basis.STATUTORY_GUIDANCE),
        ("CA-025", Basis.LAW),
        ("CA-027", Basis.LAW),
        ("CA-028", Basis.LOCAL_PRACTICE),
        ("CA-029", Basis.LAW),
        ("MCA-021", Basis.LAW),
        ("MSP-034", Basis.LOCAL_PRACTICE),
    ],
)
def test_bases(code: str, basis: Basis) -> None:
    assert get_rule(code).basis is basis


def test_the_children_rule_is_an_error_only_at_closure() -> None:
    assert get_rule("CA-026").stages == frozenset({CaseStage.CLOSED})
    assert CaseStage.CLOSED not in get_rule("CA-027").stages
    assert get_rule("CA-026").stages | get_rule("CA-027").stages == frozenset(CaseStage)


def test_the_liberty_error_never_applies_before_the_plan() -> None:
    stages = get_rule("MCA-019").stages
    assert CaseStage.ENQUIRY not in stages
    assert CaseStage.DECIDED not in stages
    assert CaseStage.PLAN_AND_REVIEW.and_after() == stages
    assert "s4A" in get_rule("MCA-019").reference
    assert "Article 5" in get_rule("MCA-019").reference
    assert "unlawful" in get_rule("MCA-021").reference


# -- the whole record: lawful practice recorded in full has no findings at all ---------------------------


def lawful_closed() -> Concern:
    """A closed section 42 enquiry with the whole legal core recorded as a practitioner records it: the adult
    refused consent and the manager went ahead because others were at risk (the adult told); a suspected
    care-worker offence reported to the police; a child in the household referred to children's services;
    a partner assessed at high risk of domestic abuse and referred to MARAC, an unpaid carer offered a
    carer's assessment; a paid carer in a position of trust referred under PiPoT and to the DBS; every person
    alleged told of the concern; and an authorised deprivation of liberty."""
    carer = paid_carer(
        risk_ids=("R-2",),
        position_of_trust=True,
        pipot_referred_on=DECIDED,
        dbs_referred_on=CLOSED - timedelta(days=10),
    )
    own = partner()
    own = attrs.evolve(own, unpaid_carer=True, carers_assessment_considered=True)
    return closed_s42(
        risks=(risk(), risk(risk_id="R-2", risk_outcome=RiskOutcome.REMOVED)),
        people_alleged=(own, carer),
        consent=Consent(to_enquiry=ConsentStatus.REFUSED, acting_without_consent=acting()),
        crime=crime(),
        children=child_at_risk(),
        liberty=liberty(),
    )


def test_lawful_practice_recorded_in_full_has_no_findings_at_all() -> None:
    report = validate(lawful_closed())
    assert report.findings == ()
    assert report.errored == {}
    assert {report.status_of(code) for code in NEW_CODES if code not in {"CA-027", "MCA-017", "MCA-018"}} <= {
        PASSED,
        NA,
    }
    for code in ("CA-020", "CA-021", "CA-022", "CA-023", "CA-024", "CA-025", "CA-026", "CA-028", "CA-029", "CA-030"):
        assert report.status_of(code) is PASSED, code
    for code in ("MCA-019", "MCA-020", "MCA-021", "MSP-032", "MSP-033", "MSP-034"):
        assert report.status_of(code) is PASSED, code


@pytest.mark.parametrize(
    "make",
    [concluded_s42, closed_s42, ceased_at_request, no_enquiry_closed, other_enquiry_concluded, concern],
    ids=["s42", "s42-closed", "ceased", "no-enquiry", "other-enquiry", "draft"],
)
def test_good_practice_builders_have_no_new_findings(make: Callable[[], Concern]) -> None:
    assert validate(make(), rules=NEW_CODES).findings == ()


# -- the workflow: what blocks and what only warns ---------------------------------------------------------


def test_closing_with_a_child_judged_at_risk_and_no_answer_is_refused() -> None:
    record = attrs.evolve(reach(CaseStage.CONCLUDED), children=UNREFERRED)
    with pytest.raises(TransitionRefused) as info:
        wf.close(record, actor=MANAGER, at=at(30), closure=step_closure())
    assert [f.code for f in info.value.findings] == ["CA-026"]
    answered = attrs.evolve(record, children=attrs.evolve(UNREFERRED, not_referred_reason="Invented reason"))
    assert wf.close(answered, actor=MANAGER, at=at(30), closure=step_closure()).stage is CaseStage.CLOSED


def test_before_closure_a_child_judged_at_risk_only_warns() -> None:
    record = attrs.evolve(reach(CaseStage.ENQUIRY), children=UNREFERRED)
    report = validate(record)
    assert "CA-027" in {f.code for f in report.warnings}
    assert not report.errors


def test_a_deprivation_of_liberty_never_stops_an_enquiry_starting_but_blocks_the_plan() -> None:
    decided = attrs.evolve(reach(CaseStage.DECIDED), liberty=DeprivationOfLiberty(amounts_to_deprivation=True))
    started = wf.start_enquiry(decided, actor=WORKER, at=at(5))
    assert started.stage is CaseStage.ENQUIRY
    with pytest.raises(TransitionRefused) as info:
        wf.agree_plan(started, actor=WORKER, at=at(6), plan=step_plan())
    assert [f.code for f in info.value.findings] == ["MCA-019"]
    pending = attrs.evolve(
        started, liberty=DeprivationOfLiberty(amounts_to_deprivation=True, applied_on=date(2025, 6, 5))
    )
    assert wf.agree_plan(pending, actor=WORKER, at=at(6), plan=step_plan()).stage is CaseStage.PLAN_AND_REVIEW


def test_an_enquiry_goes_ahead_without_consent() -> None:
    """The s42 duty does not depend on consent: a refusal with nothing else recorded warns, never blocks."""
    report = validate(refused())
    assert "CA-020" in {f.code for f in report.warnings}
    assert not report.errors


# -- derivations -------------------------------------------------------------------------------------------


class TestDerivations:
    """The shared facts the new rules use."""

    def test_acted_without_consent(self) -> None:
        assert acted_without_consent(refused())
        assert acted_without_consent(shared_without_consent())
        assert acted_without_consent(concluded_s42(consent=Consent(acting_without_consent=acting())))
        assert not acted_without_consent(concluded_s42())
        assert not acted_without_consent(no_enquiry_closed(consent=Consent(to_enquiry=ConsentStatus.REFUSED)))

    def test_others_at_risk_turns_on_judgements_not_presence(self) -> None:
        assert others_may_be_at_risk(concluded_s42(children=UNREFERRED))
        assert not others_may_be_at_risk(concluded_s42(children=CHILDREN_PRESENT))
        assert others_may_be_at_risk(with_people(person(position_of_trust=True)))
        assert others_may_be_at_risk(refused(acting()))
        assert not others_may_be_at_risk(refused(acting(grounds=(ConsentGround.CRIME,))))

    def test_paid_or_voluntary_role(self) -> None:
        assert paid_or_voluntary_role(paid_carer())
        assert paid_or_voluntary_role(person(relationship=Relationship.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL))
        assert not paid_or_voluntary_role(person())

    def test_risks_of_follows_the_links(self) -> None:
        record = with_people(person(risk_ids=("R-2",)), risks=(risk(), risk(risk_id="R-2")))
        assert [r.risk_id for r in risks_of(record, record.people_alleged[0])] == ["R-2"]
        unlinked = person(risk_ids=())
        assert risks_of(record, unlinked) == record.risks


# -- messages never carry personal data ----------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_messages_carry_no_personal_value() -> None:
    findings = [
        f
        for param in CASES
        if param.values[2] is FAILED
        for f in validate(param.values[1](), rules=[param.values[0]]).findings
    ]
    assert findings
    for f in findings:
        assert "Invented" not in f.message
        assert not _DATE.search(f.message)
        for ident in ("PA-", "CD-", "R-1", "R-9", "P-000", "C-0001", "A-0001"):
            assert ident not in f.message
        assert f.message.strip()


def test_a_message_is_the_same_whatever_the_personal_text() -> None:
    plain = refused(acting(adult_told=None))
    other = refused(acting(adult_told=None, rationale="Invented other rationale"))
    messages = [[f.message for f in validate(r, rules=NEW_CODES).findings] for r in (plain, other)]
    assert messages[0] == messages[1]
    assert messages[0]
