"""People alleged to have caused harm, and domestic abuse: who they are first, then what was done about them.

Who they are is drawn with the concern as received (:func:`draw_people`),
before the course of the case, so that practice gaps can follow them: one
person for each risk with someone behind it (not self-neglect; an
organisational-abuse risk or a stranger's only sometimes names one), a second
risk from the same detailed source mostly by the same person. How they are
related to the adult follows the SAC detailed source of risk: a service
provider's risk is a paid carer's (or a volunteer's), a relative's a family
member's, a health or social care source a professional's, an unknown source
a stranger's. Domestic abuse is assessed only for someone personally connected
(Domestic Abuse Act 2021 s2): always where the risk is domestic abuse, and for
a share of partners alleged of other abuse.

What was done about them is drawn once the case's plan is known
(:func:`draw_records`): a PiPoT referral for someone in a position of trust, a
DBS or regulator referral where a risk was identified, a carer's assessment
considered for an unpaid carer (Care Act 2014 s10), whether they were told of
the concern, and for domestic abuse the risk assessment, MARAC and IDVA.
"""

from __future__ import annotations

from msp.codes import (
    ActionTakenAndResult,
    DetailedSourceOfRisk,
    DomesticAbuseRiskLevel,
    Relationship,
    TypeOfRisk,
)
from msp.model import DomesticAbuse, PersonAllegedToHaveCausedHarm
from msp.synth import _weights as w
from msp.synth._state import CR, DEC, ENQ, AllegedDraft, Case, Gap, Run

__all__ = ["draw_people", "draw_records"]

_SELF = DetailedSourceOfRisk.KNOWN_SELF
_UNKNOWN = frozenset({DetailedSourceOfRisk.UNKNOWN_STRANGER, DetailedSourceOfRisk.UNKNOWN_OTHER_PRIVATE_SECTOR})
_PARTNERS = frozenset({Relationship.PARTNER, Relationship.FORMER_PARTNER})
_FAMILY = frozenset(r for r in Relationship if r.may_be_personally_connected and r is not Relationship.OTHER)
"""Relationships that make two people personally connected (Domestic Abuse Act 2021 s2), "other" left out."""
_CARERS = _FAMILY - {Relationship.FORMER_PARTNER}
"""Relationships of someone who may be the adult's unpaid carer."""
_PARTNER_ABUSE = frozenset(
    {
        TypeOfRisk.PHYSICAL_ABUSE,
        TypeOfRisk.PSYCHOLOGICAL_ABUSE,
        TypeOfRisk.SEXUAL_ABUSE,
        TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE,
    },
)
"""Types of risk by a partner that are assessed as domestic abuse too, in a share of cases."""
_IDENTIFIED = frozenset(
    {ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN, ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION},
)
PIPOT_NOT_REFERRED_REASONS = (
    "Employer already told and acting; lead agreed no referral",
    "No longer works with adults; lead consulted",
)
DBS_NOT_NEEDED = "Not removed from regulated activity; retrained and supervised"
REGULATOR_NOT_NEEDED = "Fitness to practise not in question; employer acting"
NOT_TOLD_REASONS = (
    "Telling them would put the adult at risk",
    "Police asked that they are not told yet",
)
STRANGER_NOT_TOLD = "Identity not confirmed; police lead"
NO_MARAC_REASON = "Risk now managed in the plan; MARAC chair agreed"


def draw_people(run: Run, case: Case) -> None:
    """Who is alleged to have caused harm, by the risks' detailed sources (recorded from gathering on)."""
    r = run.r
    case.people_recorded = case.stage > CR or r() < w.PEOPLE_ALLEGED_AT_RECEIPT
    by_source: dict[DetailedSourceOfRisk, AllegedDraft] = {}
    for risk in case.risks:
        source = risk.drawn
        if source is _SELF:
            continue
        if risk.type is TypeOfRisk.ORGANISATIONAL_ABUSE and r() >= w.ORGANISATIONAL_PERSON_NAMED:
            continue
        if source in _UNKNOWN and r() >= w.STRANGER_NAMED:
            continue
        same = by_source.get(source)
        if same is not None and r() < w.SAME_PERSON_FOR_SAME_SOURCE:
            same.risk_ids.append(risk.risk_id)
            _domestic_abuse(run, same, risk.type)
            continue
        domestic = risk.type is TypeOfRisk.DOMESTIC_ABUSE and source in w.RELATIONSHIP_DOMESTIC_ABUSE
        table = w.RELATIONSHIP_DOMESTIC_ABUSE if domestic else w.RELATIONSHIP_BY_SOURCE
        person = AllegedDraft(run.person_id(), source, table[source](r()))
        person.risk_ids.append(risk.risk_id)
        relationship = person.relationship
        if relationship in _CARERS:
            person.unpaid_carer = r() < w.UNPAID_CARER
            if relationship not in _PARTNERS:
                person.has_needs = r() < w.ALLEGED_HAS_NEEDS
        elif relationship is Relationship.OTHER_RESIDENT_OR_SERVICE_USER:
            person.has_needs = True
        _domestic_abuse(run, person, risk.type)
        by_source[source] = person
        case.alleged.append(person)


def _domestic_abuse(run: Run, person: AllegedDraft, kind: TypeOfRisk) -> None:
    """Domestic abuse, assessed only for someone personally connected (not already assessed)."""
    if person.domestic_abuse is not None or person.relationship not in _FAMILY:
        return
    r = run.r
    if kind is TypeOfRisk.DOMESTIC_ABUSE or (
        person.relationship in _PARTNERS and kind in _PARTNER_ABUSE and r() < w.DOMESTIC_ABUSE_FOR_PARTNER
    ):
        person.domestic_abuse = w.DOMESTIC_ABUSE_LEVEL(r())


def _dated(run: Run, case: Case, person: AllegedDraft) -> DomesticAbuse | None:
    """The domestic-abuse risk assessment, MARAC and IDVA (a high risk without a MARAC, where that is a gap),
    from information gathering on."""
    level = person.domestic_abuse
    if level is None or case.stage == CR:
        return None
    r = run.r
    gap = Gap.NO_MARAC in case.gaps
    if gap:
        level = DomesticAbuseRiskLevel.HIGH
    high = level is DomesticAbuseRiskLevel.HIGH
    assessed_on = min(case.spoken_on + w.DOMESTIC_ABUSE_ASSESSED_DAYS.of(r()), case.limit)
    marac_on = no_marac_reason = None
    if high and not gap:
        if r() < w.MARAC_IF_HIGH:
            marac_on = min(assessed_on + w.MARAC_DAYS.of(r()), case.limit)
        else:
            no_marac_reason = NO_MARAC_REASON
    idva = r() < (w.IDVA_IF_HIGH if high else w.IDVA_OTHERWISE)
    coercive = r() < w.COERCIVE_CONTROL
    return DomesticAbuse(
        personally_connected=True,
        risk_tool=w.DOMESTIC_ABUSE_TOOL(r()),
        risk_level=level,
        assessed_on=run.day(assessed_on),
        marac_referred_on=None if marac_on is None else run.day(marac_on),
        no_marac_reason=no_marac_reason,
        idva_involved=idva,
        coercive_control_identified=coercive or None,
    )


def _referral(
    run: Run, case: Case, person: AllegedDraft, identified: bool
) -> tuple[int | None, int | None, str | None]:
    """A DBS or regulator referral (or why none), for someone in a position of trust where a risk was identified."""
    if not (identified and person.in_position_of_trust) or Gap.NO_DBS_DECISION in case.gaps:
        return None, None, None
    ended_on = case.ended_on if case.ended_on is not None else case.limit
    professional = person.relationship is Relationship.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL
    if run.r() < (w.REGULATOR_REFERRED if professional else w.DBS_REFERRED):
        on = min(ended_on + w.REFERRAL_DAYS.of(run.r()), case.limit)
        return (None, on, None) if professional else (on, None, None)
    return None, None, REGULATOR_NOT_NEEDED if professional else DBS_NOT_NEEDED


def _record(run: Run, case: Case, person: AllegedDraft, identified: bool) -> PersonAllegedToHaveCausedHarm:
    r = run.r
    gaps = case.gaps
    decided = case.stage >= DEC
    trust = person.in_position_of_trust
    pipot_on = pipot_reason = None
    if trust and decided and Gap.PIPOT_NOT_REFERRED not in gaps:
        if r() < w.PIPOT_REFERRED:
            decided_on = case.decided_on if case.decided_on is not None else case.spoken_on
            pipot_on = run.day(min(decided_on + w.PIPOT_DAYS.of(r()), case.limit))
        else:
            pipot_reason = run.pick(PIPOT_NOT_REFERRED_REASONS)
    dbs_on, regulator_on, not_needed = _referral(run, case, person, identified)
    told: bool | None = None
    not_told_reason = None
    if decided:
        if person.relationship is Relationship.STRANGER:
            told, not_told_reason = False, STRANGER_NOT_TOLD
        elif case.stage >= ENQ and r() < w.TOLD_OF_CONCERN:
            told = True
        else:
            told = False
            not_told_reason = NOT_TOLD_REASONS[1 if case.police_leading else 0]
    considered = None
    if person.unpaid_carer and decided:
        considered = Gap.NO_CARERS_ASSESSMENT not in gaps
    return PersonAllegedToHaveCausedHarm(
        person_id=person.person_id,
        risk_ids=tuple(person.risk_ids),
        relationship=person.relationship,
        paid_carer_or_volunteer=trust,
        unpaid_carer=person.unpaid_carer if person.relationship in _CARERS else None,
        carers_assessment_considered=considered,
        has_care_and_support_needs=person.has_needs,
        position_of_trust=trust,
        pipot_referred_on=pipot_on,
        pipot_not_referred_reason=pipot_reason,
        dbs_referred_on=None if dbs_on is None else run.day(dbs_on),
        regulator_referred_on=None if regulator_on is None else run.day(regulator_on),
        referral_not_needed_reason=not_needed,
        told_of_concern=told,
        not_told_reason=not_told_reason,
        domestic_abuse=_dated(run, case, person),
    )


def draw_records(run: Run, case: Case) -> None:
    """The people alleged as the record holds them, with what was done about them by now."""
    if not case.people_recorded or not case.alleged:
        return
    identified = {risk.risk_id for risk in case.risks if case.concluded and risk.result in _IDENTIFIED}
    case.people_alleged = tuple(
        _record(run, case, person, any(risk_id in identified for risk_id in person.risk_ids)) for person in case.alleged
    )
