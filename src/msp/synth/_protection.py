"""Crime and the police, children who may be at risk, consent to the enquiry, liberty, and pauses.

The facts are drawn with the concern as received (:func:`draw_facts`), before
the course of the case, so that practice gaps can follow them: whether a
crime may have been committed (by the types of risk: assault, a sexual
offence, theft or fraud, ill-treatment or wilful neglect by a care worker or
of an adult lacking capacity, and so on), whether the police were told and
lead; whether the risk to children was considered and a child judged at
risk; whether a protective measure for an adult lacking capacity deprives
them of liberty.

The records are drawn once the plan is known (:func:`draw_records`): the
police told within days (always where they raised the concern), children's
services told of a child at risk, consent to the enquiry and, where the
adult refused and the council went ahead or shared information anyway, the
decision to act without consent with its grounds (which follow the record:
a child at risk, a crime, someone in a position of trust, coercion); the
authorisation of a deprivation of liberty (Mental Capacity Act 2005 Sch A1
in a care home or hospital, else the Court of Protection); and a pause of
the enquiry while a police investigation leads, with the history entries
the workflow writes for the pause and the resumption.
"""

from __future__ import annotations

import attrs

from msp.codes import (
    ChildRiskReason,
    ConsentGround,
    ConsentStatus,
    CrimeKind,
    LibertyAuthorisation,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.model import (
    ActingWithoutConsent,
    ChildrenAtRisk,
    Consent,
    CrimeAndPolice,
    DeprivationOfLiberty,
    EnquiryPause,
)
from msp.synth import _weights as w
from msp.synth._people import MANAGER, actor
from msp.synth._received import CARE_HOMES, HOSPITALS
from msp.synth._state import CEASED, CLOSED, CONC, DEC, IG, Case, Gap, Run

__all__ = ["draw_facts", "draw_records", "insert_step"]

_CLOSE = frozenset({"family"})
"""The kinds of source of someone close to the adult: where the risk to children is considered."""
NO_POLICE_REASON = "Adult with capacity declined police involvement; no risk to others"
ADULTS_VIEWS_ON_POLICE = (
    "Wants the police to deal with it",
    "Worried about what the police will do",
    "Happy for the police to be told",
)
CHILD_NOT_REFERRED_REASON = "Children's services already involved with the family"
RATIONALE = {
    ConsentGround.OTHERS_AT_RISK: "Others may be at risk; the duty to them outweighs the adult's wish",
    ConsentGround.CRIME: "A crime may have been committed; the police must be told",
    ConsentGround.POSITION_OF_TRUST: "A person in a position of trust is implicated",
    ConsentGround.COERCION_OR_DURESS: "The adult's refusal may not be freely made",
    ConsentGround.RISK_TO_LIFE: "Serious risk to the adult's life",
    ConsentGround.VITAL_INTEREST: "Action needed to protect the adult's vital interest",
    ConsentGround.PUBLIC_INTEREST: "Sharing is in the public interest",
}
"""The reasoning of a decision to act without consent, by its first ground."""
NOT_TOLD_REASON = "Telling them now would increase the risk from the person alleged"
PAUSE_REASON = "Police investigation under way"
RESUME_REASON = "Police investigation ended"


def draw_facts(run: Run, case: Case) -> None:
    """Whether a crime may have been committed and the police's part; children; a deprivation of liberty."""
    r = run.r
    kinds: list[CrimeKind] = []
    for risk in case.risks:
        chance = w.CRIME_SUSPECTED.get(risk.type)
        if chance is None:
            continue
        by_provider = risk.source is SourceOfRisk.SERVICE_PROVIDER
        if risk.type is TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION and not (by_provider or case.lacks):
            continue  # wilful neglect is an offence by a care worker, or of an adult lacking capacity
        if r() < chance:
            kind = w.CRIME_KIND[risk.type]
            if risk.type is TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION and by_provider:
                kind = CrimeKind.CARE_WORKER_OFFENCE
            if kind not in kinds:
                kinds.append(kind)
    case.crime_kinds = tuple(kinds)
    if kinds:
        case.police_told = case.referrer.agency == "police" or r() < w.POLICE_INFORMED
        case.police_leading = case.police_told and r() < w.POLICE_LEADING
    close = any(w.SOURCE_KIND[risk.drawn] in _CLOSE for risk in case.risks)
    if case.stage >= IG and close and r() < w.CHILDREN_CONSIDERED:
        case.children_considered = True
        case.child_at_risk = r() < w.CHILD_AT_RISK
    case.deprived_of_liberty = case.lacks and case.has_plan and r() < w.LIBERTY_IF_LACKS_WITH_PLAN


def _crime(run: Run, case: Case) -> CrimeAndPolice:
    r = run.r
    told = case.police_told
    informed_on = reference = no_police_reason = None
    if told:
        informed_on = run.day(min(case.received + w.POLICE_DAYS.of(r()), case.limit))
        if r() < w.CRIME_REFERENCE_RECORDED:
            reference = f"CRN{case.number:06d}"
    elif Gap.POLICE_NOT_TOLD not in case.gaps:
        no_police_reason = NO_POLICE_REASON
    return CrimeAndPolice(
        crime_suspected=True,
        kinds=case.crime_kinds,
        police_informed_on=informed_on,
        no_police_reason=no_police_reason,
        crime_reference=reference,
        police_leading=case.police_leading if told else None,
        adults_view=run.pick(ADULTS_VIEWS_ON_POLICE),
    )


def _children(run: Run, case: Case) -> ChildrenAtRisk:
    r = run.r
    if not case.child_at_risk:
        return ChildrenAtRisk(child_may_be_at_risk=False)
    in_household = r() < w.CHILD_IN_HOUSEHOLD
    reason = ChildRiskReason.LIVES_IN_HOUSEHOLD if in_household else ChildRiskReason.CARED_FOR_BY_ALLEGED_PERSON
    referred_on = not_referred_reason = None
    if Gap.CHILD_NOT_REFERRED not in case.gaps:
        if r() < w.CHILD_REFERRED:
            referred_on = run.day(min(case.spoken_on + w.CHILD_REFERRAL_DAYS.of(r()), case.limit))
        else:
            not_referred_reason = CHILD_NOT_REFERRED_REASON
    return ChildrenAtRisk(
        child_may_be_at_risk=True,
        reasons=(reason,),
        referred_on=referred_on,
        not_referred_reason=not_referred_reason,
    )


def _grounds(run: Run, case: Case) -> tuple[ConsentGround, ...]:
    """The grounds for acting without consent: those the record shows, else one drawn."""
    grounds: list[ConsentGround] = []
    if case.child_at_risk:
        grounds.append(ConsentGround.OTHERS_AT_RISK)
    if case.crime_kinds:
        grounds.append(ConsentGround.CRIME)
    if any(person.in_position_of_trust for person in case.alleged):
        grounds.append(ConsentGround.POSITION_OF_TRUST)
    if case.suspected:
        grounds.append(ConsentGround.COERCION_OR_DURESS)
    return tuple(grounds) if grounds else (w.CONSENT_GROUND(run.r()),)


def _acting_without_consent(run: Run, case: Case) -> ActingWithoutConsent:
    """The decision to go ahead, or share, without consent: its grounds (none, where that is a gap)."""
    r = run.r
    gap = Gap.ACTING_WITHOUT_CONSENT_NO_GROUNDS in case.gaps
    grounds = () if gap else _grounds(run, case)
    decision = case.decision
    decided_by = decision.decided_by if decision is not None else None
    told = r() < w.ADULT_TOLD
    return ActingWithoutConsent(
        grounds=grounds,
        decided_on=run.day(case.decided_on if case.decided_on is not None else case.spoken_on),
        decided_by=decided_by if decided_by is not None else actor(run, case.team, MANAGER),
        rationale=RATIONALE[grounds[0]] if grounds else None,
        adult_told=told,
        not_told_reason=None if told else NOT_TOLD_REASON,
    )


def _consent(run: Run, case: Case) -> Consent | None:
    """Consent to the enquiry, once one is decided on, and acting without consent where the council does."""
    consent = case.consent
    gap = Gap.ACTING_WITHOUT_CONSENT_NO_GROUNDS in case.gaps
    if gap and consent is None:
        consent = Consent()
    if consent is None:
        return None
    r = run.r
    to_enquiry = None
    if case.enquiry_route and case.stage >= DEC and (gap or r() < w.CONSENT_TO_ENQUIRY_RECORDED):
        if case.lacks:
            to_enquiry = ConsentStatus.LACKS_CAPACITY
        elif gap:
            to_enquiry = ConsentStatus.REFUSED
        elif consent.to_referral is ConsentStatus.REFUSED:
            refused = r() < w.ENQUIRY_REFUSED_AFTER_REFERRAL_REFUSED
            to_enquiry = ConsentStatus.REFUSED if refused else ConsentStatus.GIVEN
        else:
            to_enquiry = w.CONSENT_TO_ENQUIRY(r())
    went_ahead = to_enquiry is ConsentStatus.REFUSED  # an enquiry is decided on, so it goes ahead
    shared = consent.to_information_sharing is ConsentStatus.REFUSED and consent.sharing_without_consent_reason
    acting = _acting_without_consent(run, case) if went_ahead or shared else None
    return attrs.evolve(consent, to_enquiry=to_enquiry, acting_without_consent=acting)


def _liberty(run: Run, case: Case, agreed_on: int) -> DeprivationOfLiberty:
    """The deprivation of liberty and its authorisation: Sch A1 in a care home or hospital, else the court."""
    r = run.r
    if Gap.LIBERTY_NOT_AUTHORISED in case.gaps:
        return DeprivationOfLiberty(amounts_to_deprivation=True)  # nothing about authorisation
    limit = case.limit
    applied = min(agreed_on + w.LIBERTY_APPLIED_DAYS.of(r()), limit)
    if case.first_location in CARE_HOMES or case.first_location in HOSPITALS:
        if r() < w.LIBERTY_URGENT:
            authorisation, authorised = LibertyAuthorisation.DOLS_URGENT, applied
        else:
            authorisation, authorised = LibertyAuthorisation.DOLS_STANDARD, applied + w.LIBERTY_STANDARD_DAYS.of(r())
    else:
        authorisation = LibertyAuthorisation.COURT_OF_PROTECTION_ORDER
        authorised = applied + w.LIBERTY_COURT_DAYS.of(r())
    if authorised > limit:
        authorisation = LibertyAuthorisation.APPLICATION_PENDING
    return DeprivationOfLiberty(
        amounts_to_deprivation=True,
        authorisation=authorisation,
        applied_on=run.day(applied),
        authorised_on=run.day(authorised) if authorised <= limit else None,
    )


def insert_step(case: Case, day: int, reason: str) -> None:
    """Put a step that keeps the stage (a pause or resumption) into the path on ``day``, with its reason:
    after the steps of that day, before the enquiry ends."""
    path, at = case.path, case.at
    place = next(
        (i for i in range(1, len(path)) if at[i] > day or path[i] in (CONC, CEASED, CLOSED)),
        len(path),
    )
    path.insert(place, path[place - 1])
    at.insert(place, day)
    case.reasons = {(i + 1 if i >= place else i): text for i, text in case.reasons.items()}
    case.reasons[place] = reason


def _pauses(run: Run, case: Case) -> tuple[EnquiryPause, ...]:
    """A pause while the police lead an investigation, in a share of such enquiries; it has ended by the
    time the enquiry did, and may still run in an open one."""
    started_on = case.started_on
    if not case.police_leading or started_on is None or run.r() >= w.PAUSED_IF_POLICE_LEADING:
        return ()
    ended_on = case.ended_on
    end = ended_on if ended_on is not None else case.limit
    paused = min(started_on + w.PAUSE_AFTER_DAYS.of(run.r()), end)
    resumed: int | None = paused + w.PAUSE_DAYS.of(run.r())
    if resumed is not None and resumed > end:
        resumed = ended_on
    insert_step(case, paused, PAUSE_REASON)
    if resumed is not None:
        insert_step(case, resumed, RESUME_REASON)
    return (
        EnquiryPause(
            paused_on=run.day(paused),
            resumed_on=None if resumed is None else run.day(resumed),
            reason=PAUSE_REASON,
            police_or_court_led=True,
        ),
    )


def draw_records(run: Run, case: Case) -> None:
    """The crime, children, consent, liberty and pause records of the case, as far as it has gone."""
    if case.crime_kinds and case.stage >= IG:
        case.crime = _crime(run, case)
    if case.children_considered:
        case.children = _children(run, case)
    case.consent = _consent(run, case)
    if case.deprived_of_liberty and case.agreed_on is not None:
        case.liberty = _liberty(run, case, case.agreed_on)
    case.pauses = _pauses(run, case)
