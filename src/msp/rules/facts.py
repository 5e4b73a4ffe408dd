"""What the built-in rule families derive from a record: the stages they apply at, facts about
the case, and guards.

A *fact* answers a question about the record (:func:`has_enquiry`, :func:`adult_died`).
Each fact recorded in more than one place (a death, an attorney's authority, the s68
"substantial difficulty") is derived here once, and every rule uses that derivation.
A *guard* (for :func:`msp.rules.only_if`) returns the part of the record a rule needs, or
``None`` where the rule does not apply (:func:`decision_of`, :func:`closure_of`): the rule's
body is then given that part, never ``None``. A fact used as a guard gives the body the
record itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Final

import attrs

from msp.codes import (
    CapacityLacked,
    CaseStage,
    ClosureReason,
    ConsentGround,
    ConsentStatus,
    DecisionDomain,
    DecisionSubject,
    EnquiryRoute,
    OrganisationKind,
    Relationship,
    RepresentativeKind,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.model.adult import Adult, Representative
from msp.model.capacity import CapacityDecision
from msp.model.concern import (
    ActingWithoutConsent,
    Closure,
    Concern,
    Contact,
    HistoryEntry,
    Risk,
    Section42Decision,
)
from msp.model.harm import PersonAllegedToHaveCausedHarm
from msp.model.organisation import CausedEnquiry, Meeting, ProviderInvolved
from msp.model.outcomes import DesiredOutcome
from msp.model.plan import Escalation, LivingWithRisk, RiskPlan
from msp.rules._types import STAGE_ORDER, from_stage

__all__ = [
    "ALL_STAGES",
    "AT_CLOSURE",
    "ENDED",
    "FROM_CONCLUSION",
    "FROM_DECISION",
    "FROM_ENQUIRY",
    "FROM_INFORMATION_GATHERING",
    "FROM_PLAN",
    "REGULATED_KINDS",
    "Routed",
    "acted_without_consent",
    "acting_without_consent_of",
    "adult_died",
    "appropriate_person_of",
    "appropriate_person_problems",
    "attorney_or_deputy_covers",
    "attorneys_and_deputies_for",
    "birth_and_enquiry_decision",
    "capacity_decisions_of",
    "capacity_in_doubt",
    "caused_enquiry_of",
    "child_judged_at_risk",
    "closure_of",
    "concluded_section_42",
    "decision_of",
    "decisions",
    "desired_outcomes_of",
    "ended_at_adults_request",
    "escalated_or_managed",
    "escalations_of",
    "has_capacity_decisions",
    "has_enquiry",
    "has_history",
    "has_plan",
    "is_section_42",
    "lacks_capacity_for",
    "lacks_capacity_to_take_part",
    "living_with_risk_of",
    "meetings_of",
    "named_capacity_decision",
    "only_self_neglect",
    "opens_enquiry",
    "others_may_be_at_risk",
    "paid_or_voluntary_role",
    "people_alleged_of",
    "plan_of",
    "provider_of",
    "provider_source",
    "regulated_provider",
    "represented",
    "risks_of",
    "route",
    "sealed_history",
    "section_68_difficulty",
    "seen_alone_or_why_not",
    "valid_appropriate_person",
]

ALL_STAGES: Final = frozenset(STAGE_ORDER)
"""Every stage."""
FROM_INFORMATION_GATHERING: Final = from_stage(CaseStage.INFORMATION_GATHERING)
"""Information gathering and every stage after it."""
FROM_DECISION: Final = from_stage(CaseStage.DECIDED)
"""The section 42 decision and every stage after it."""
FROM_ENQUIRY: Final = from_stage(CaseStage.ENQUIRY)
"""The enquiry and every stage after it."""
FROM_PLAN: Final = from_stage(CaseStage.PLAN_AND_REVIEW)
"""The safeguarding plan and every stage after it."""
FROM_CONCLUSION: Final = from_stage(CaseStage.CONCLUDED)
"""The conclusion and every stage after it."""
REGULATED_KINDS: Final = frozenset(
    {
        OrganisationKind.CARE_HOME,
        OrganisationKind.HOME_CARE,
        OrganisationKind.SUPPORTED_LIVING,
        OrganisationKind.DAY_SERVICE,
    }
)
"""The kinds of provider taken to be regulated by the Care Quality Commission (a provider of a regulated
activity under the Health and Social Care Act 2008 (Regulated Activities) Regulations 2014): care homes,
home care, supported living and day services. A provider recorded with a CQC location id counts too
(:func:`regulated_provider`)."""
AT_CLOSURE: Final = frozenset({CaseStage.CLOSED})
"""Closed cases only."""
ENDED: Final = frozenset({CaseStage.CEASED_AT_ADULTS_REQUEST, CaseStage.CLOSED})
"""Cases that ended: ceased at the adult's request, or closed."""


# -- facts ----------------------------------------------------------------------------------


def has_enquiry(c: Concern) -> bool:
    """The concern led (or is leading) to an enquiry, section 42 or other."""
    return c.enquiry_type is not None


def is_section_42(c: Concern) -> bool:
    """The concern led to a section 42 enquiry."""
    return c.is_section_42


def concluded_section_42(c: Concern) -> bool:
    """A section 42 enquiry that has concluded."""
    return c.concluded_on is not None and c.is_section_42


def has_capacity_decisions(c: Concern) -> bool:
    """Any capacity decision is recorded."""
    return bool(c.capacity_decisions)


def has_plan(c: Concern) -> bool:
    """A risk plan is recorded."""
    return c.plan is not None


def has_history(c: Concern) -> bool:
    """The record has a workflow history."""
    return bool(c.history)


def route(c: Concern) -> EnquiryRoute | None:
    """The route of the section 42 decision, if decided."""
    return None if c.decision is None else c.decision.route


def lacks_capacity_for(c: Concern, *subjects: DecisionSubject) -> tuple[CapacityDecision, ...]:
    """The capacity decisions about one of ``subjects`` that found the adult lacks capacity.

    Capacity is decision-specific (Mental Capacity Act 2005 s2(1)): a finding about one
    matter says nothing about another, so a rule asks only about the subjects that matter
    to it. A decision with no subject recorded (records written before subjects existed)
    matches none.
    """
    return tuple(d for d in c.capacity_decisions if d.subject in subjects and d.lacks_capacity)


def lacks_capacity_to_take_part(c: Concern) -> bool:
    """The adult lacks capacity to take part in the enquiry: SG3a says so (the SAC asks whether the
    adult lacked capacity in relation to the enquiry), or a capacity decision about taking part does."""
    if c.enquiry is not None and c.enquiry.capacity_lacked is CapacityLacked.YES:
        return True
    return bool(lacks_capacity_for(c, DecisionSubject.TAKING_PART_IN_ENQUIRY))


def capacity_in_doubt(c: Concern) -> bool:
    """Someone doubted the adult's capacity: a capacity decision is recorded, or SG3a is Yes or
    Don't know."""
    if c.capacity_decisions:
        return True
    return c.enquiry is not None and c.enquiry.capacity_lacked in (CapacityLacked.YES, CapacityLacked.DONT_KNOW)


def section_68_difficulty(c: Concern) -> bool | None:
    """Whether, without an advocate, the adult would have substantial difficulty in being involved
    (Care Act 2014 s68(3)).

    ``True`` where the s68 assessment says so, or where a capacity decision found the adult
    lacks capacity to take part in the enquiry: the s68(3)(a)-(d) difficulties (understanding,
    retaining, using or weighing the information, communicating views) are the abilities
    Mental Capacity Act 2005 s3(1) tests, so a person unable to make that decision has
    substantial difficulty in at least one of them. ``False`` where the assessment found none
    and no such decision is recorded; ``None`` where nothing is recorded.
    """
    if lacks_capacity_for(c, DecisionSubject.TAKING_PART_IN_ENQUIRY):
        return True
    return None if c.advocacy is None else c.advocacy.substantial_difficulty


def appropriate_person_of(c: Concern) -> tuple[int, Representative] | None:
    """The representative the s68 assessment names as the appropriate person, with their index."""
    wanted = None if c.advocacy is None else c.advocacy.appropriate_person_id
    if wanted is None:
        return None
    return next(((i, r) for i, r in enumerate(c.adult.representatives) if r.person_id == wanted), None)


def appropriate_person_problems(r: Representative) -> tuple[tuple[str, str], ...]:
    """Why ``r`` cannot be the "appropriate person" that lifts the s68 duty: each a field and a reason.

    Not someone engaged in the adult's care or treatment professionally or for pay (Care Act
    2014 s67(5)(b)); someone the adult, having capacity, consents to, or, where the adult lacks
    capacity, whose representation the authority is satisfied is in their best interests
    (s67(6)); and not implicated in the enquiry (a person alleged to have caused harm never is).
    """
    out: list[tuple[str, str]] = []
    if r.paid_or_professional is True:
        out.append(("paid_or_professional", "the appropriate person is paid or professional"))
    if r.implicated_in_enquiry is True:
        out.append(("implicated_in_enquiry", "the appropriate person is implicated in the enquiry"))
    if r.adult_consents is False and r.in_best_interests is not True:
        out.append(("adult_consents", "the adult does not consent to the appropriate person"))
    elif r.in_best_interests is False and r.adult_consents is not True:
        out.append(
            ("in_best_interests", "representation by the appropriate person is not in the adult's best interests")
        )
    return tuple(out)


def valid_appropriate_person(c: Concern) -> bool:
    """The authority is satisfied an appropriate person is available (s68(4)-(5)), and the person
    named, if any, is not shown by the record to be one who cannot be (:func:`appropriate_person_problems`)."""
    if c.advocacy is None or c.advocacy.appropriate_person_available is not True:
        return False
    named = appropriate_person_of(c)
    return named is None or not appropriate_person_problems(named[1])


def decisions(c: Concern) -> Iterator[tuple[str, CapacityDecision]]:
    """Each capacity decision with its JSON path."""
    for i, d in enumerate(c.capacity_decisions):
        yield f"$.capacity_decisions[{i}]", d


def ended_at_adults_request(c: Concern) -> bool:
    """The enquiry ceased, or the case closed, at the adult's request."""
    if c.stage is CaseStage.CEASED_AT_ADULTS_REQUEST:
        return True
    return c.closure is not None and c.closure.reason is ClosureReason.CEASED_AT_ADULTS_REQUEST


def only_self_neglect(c: Concern) -> bool:
    """Every alleged risk is self-neglect: there is no other person alleged to have caused harm."""
    return bool(c.risks) and all(
        r.type_of_risk is TypeOfRisk.SELF_NEGLECT
        or (r.source_detail is not None and r.source_detail.code == "known_self")
        for r in c.risks
    )


def adult_died(c: Concern) -> bool:
    """The adult has died: the one test every rule uses.

    A death can be recorded in three places: the adult's date of death, a closure because the
    adult died, and the Safeguarding Adults Review record (s44(2)(a)). Any of them is enough;
    CA-019 reports records that disagree.
    """
    if c.adult.date_of_death is not None:
        return True
    closure = c.closure
    if closure is None:
        return False
    return closure.reason is ClosureReason.ADULT_DIED or (closure.sar is not None and closure.sar.adult_died is True)


def attorneys_and_deputies_for(c: Concern, d: CapacityDecision) -> tuple[Representative, ...]:
    """The adult's attorneys and deputies whose authority covers decision ``d``.

    A registered lasting power of attorney, an enduring power of attorney (property and
    financial affairs only) or a deputyship, of the decision's domain (Mental Capacity Act
    2005 ss9-11, 16-20; Sch 4); a health-and-welfare attorney or any deputy only where the
    person lacks capacity for the decision (s11(7)(a), s20(1)). Where the decision's domain
    is not recorded, no one is taken to cover it.
    """
    domain = d.decision_domain
    if domain is None:
        return ()
    out = []
    for r in c.adult.representatives:
        if r.kind is RepresentativeKind.FAMILY_OR_FRIEND or r.kind.domain is not domain:
            continue
        if r.kind.is_lasting_power and r.registered is not True:
            continue  # an LPA cannot be used until registered (s9(2)(b))
        if r.kind is RepresentativeKind.ENDURING_POWER_OF_ATTORNEY and d.lacks_capacity and r.registered is not True:
            continue  # once the donor lacks capacity an EPA acts only when registered (Sch 4 para 1)
        if (domain is DecisionDomain.HEALTH_AND_WELFARE or r.kind.is_deputy) and not d.lacks_capacity:
            continue
        out.append(r)
    return tuple(out)


def attorney_or_deputy_covers(c: Concern, d: CapacityDecision) -> bool:
    """An attorney or deputy covers decision ``d``: the one test every rule uses.

    What the decision records (``decision_covered_by_attorney_or_deputy``) where it says so;
    otherwise whether one of the adult's representatives covers it
    (:func:`attorneys_and_deputies_for`). MCA-016 reports a decision and representatives that
    disagree.
    """
    if d.decision_covered_by_attorney_or_deputy is not None:
        return d.decision_covered_by_attorney_or_deputy
    return bool(attorneys_and_deputies_for(c, d))


def regulated_provider(p: ProviderInvolved) -> bool:
    """The provider is one the Care Quality Commission regulates: of a kind in :data:`REGULATED_KINDS`,
    or recorded with a CQC location id."""
    return p.kind in REGULATED_KINDS or p.cqc_location_id is not None


def escalations_of(c: Concern) -> tuple[Escalation, ...]:
    """Every escalation recorded: those at any stage (``escalations``), then the plan's own."""
    in_plan = () if c.plan is None or c.plan.escalation is None else (c.plan.escalation,)
    return (*c.escalations, *in_plan)


def escalated_or_managed(c: Concern) -> bool:
    """An escalation is recorded (when, or to whom), or a reason the risk is managed without one, at any
    stage or in the plan (:func:`escalations_of`)."""
    return any(
        e.escalated_on is not None or bool(e.escalated_to) or (e.risk_managed is True and bool(e.reason))
        for e in escalations_of(c)
    )


def provider_source(c: Concern) -> bool:
    """A service provider is a source of risk."""
    return any(r.sac_source is SourceOfRisk.SERVICE_PROVIDER for r in c.risks)


def represented(adult: Adult) -> bool:
    """A representative or an advocate of the adult is involved."""
    return any(r.involved for r in adult.representatives) or any(a.involved for a in adult.advocates)


def seen_alone_or_why_not(contact: Contact | None) -> bool:
    """The adult was seen alone, or the reason they were not is recorded."""
    return contact is not None and (contact.seen_alone is True or bool(contact.not_seen_alone_reason))


def acted_without_consent(c: Concern) -> bool:
    """The council proceeded, or shared information, without the adult's consent.

    Consent to the enquiry was refused and an enquiry goes ahead; or consent to sharing
    information was refused and the record says information was shared anyway (a reason for
    sharing without consent); or the record holds a decision to act without consent. A
    section 42 enquiry does not depend on consent (Care Act 2014 s42(2)); what the guidance asks
    is that overriding the adult's wishes rests on a recorded ground (Care and Support Statutory
    Guidance ch. 14).
    """
    consent = c.consent
    if consent is None:
        return False
    if consent.acting_without_consent is not None:
        return True
    if consent.to_enquiry is ConsentStatus.REFUSED and has_enquiry(c):
        return True
    return consent.to_information_sharing is ConsentStatus.REFUSED and bool(consent.sharing_without_consent_reason)


def child_judged_at_risk(c: Concern) -> bool:
    """The practitioner judges that a child may be at risk of harm.

    Only the judgement counts, never the mere presence of children in the household: a
    referral to children's services follows a judgement (Children Act 1989 s47; Working
    Together to Safeguard Children 2023).
    """
    return c.children is not None and c.children.child_may_be_at_risk is True


_OTHERS_GROUNDS: Final = frozenset({ConsentGround.OTHERS_AT_RISK, ConsentGround.POSITION_OF_TRUST})


def others_may_be_at_risk(c: Concern) -> bool:
    """People other than the adult may be at risk: a child is judged at risk, a person alleged to have
    caused harm is in a position of trust, or the council acted without consent because others are at
    risk or a person in a position of trust is implicated."""
    if child_judged_at_risk(c) or any(p.position_of_trust is True for p in c.people_alleged):
        return True
    acting = acting_without_consent_of(c)
    return acting is not None and not _OTHERS_GROUNDS.isdisjoint(acting.grounds)


_PAID_OR_VOLUNTARY: Final = frozenset(
    {Relationship.PAID_CARER, Relationship.VOLUNTEER, Relationship.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL}
)


def paid_or_voluntary_role(p: PersonAllegedToHaveCausedHarm) -> bool:
    """The person alleged cares for or supports the adult as a paid worker, a volunteer or a professional
    (recorded as such, or by their relationship to the adult)."""
    return p.paid_carer_or_volunteer is True or p.relationship in _PAID_OR_VOLUNTARY


def risks_of(c: Concern, p: PersonAllegedToHaveCausedHarm) -> tuple[Risk, ...]:
    """The risks the person alleged relates to: those their ``risk_ids`` name, or every risk of the record
    where they name none on it."""
    named = tuple(r for r in c.risks if r.risk_id is not None and r.risk_id in p.risk_ids)
    return named or c.risks


def named_capacity_decision(c: Concern, decision_id: str | None) -> CapacityDecision | None:
    """The capacity decision on the record with this ``decision_id``, if any."""
    if not decision_id:
        return None
    return next((d for d in c.capacity_decisions if d.decision_id == decision_id), None)


# -- guards: the part of the record a rule needs, or None -----------------------------------


def decision_of(c: Concern) -> Section42Decision | None:
    """The section 42 decision, where one is recorded."""
    return c.decision


def closure_of(c: Concern) -> Closure | None:
    """The closure, where one is recorded."""
    return c.closure


def plan_of(c: Concern) -> RiskPlan | None:
    """The safeguarding plan, where one is recorded."""
    return c.plan


def living_with_risk_of(c: Concern) -> LivingWithRisk | None:
    """The plan's decision to live with a risk, where one is recorded."""
    return None if c.plan is None else c.plan.living_with_risk


def capacity_decisions_of(c: Concern) -> tuple[CapacityDecision, ...] | None:
    """The capacity decisions, where any is recorded (their indices are their JSON paths')."""
    return c.capacity_decisions or None


def desired_outcomes_of(c: Concern) -> tuple[DesiredOutcome, ...] | None:
    """The desired outcomes, where any is recorded."""
    return c.desired_outcomes or None


def opens_enquiry(route: EnquiryRoute | None) -> bool:
    """The section 42 decision's route opens an enquiry, section 42 or other."""
    return route is not None and route.enquiry_type is not None


def birth_and_enquiry_decision(c: Concern) -> tuple[date, date] | None:
    """The adult's date of birth and the date of a section 42 decision that opens an enquiry.

    Where the decision routes to a section 42 or an other enquiry and the date of
    birth is known; the decision's date, or the date the concern was received where
    the decision is undated (CA-002 asks for the date). ``None`` otherwise: a concern
    about a child may be received and routed to children's services, and the Care
    Act duty, which is to adults, is judged when the authority decides.
    """
    born = c.adult.date_of_birth
    d = c.decision
    if born is None or d is None or not opens_enquiry(d.route):
        return None
    return (born, d.decided_on or c.received_on)


def acting_without_consent_of(c: Concern) -> ActingWithoutConsent | None:
    """The decision to act without the adult's consent, where one is recorded."""
    return None if c.consent is None else c.consent.acting_without_consent


def people_alleged_of(c: Concern) -> tuple[PersonAllegedToHaveCausedHarm, ...] | None:
    """The people alleged to have caused harm, where any is recorded (their indices are their JSON paths')."""
    return c.people_alleged or None


def caused_enquiry_of(c: Concern) -> CausedEnquiry | None:
    """The enquiry the council caused another organisation to make (Care Act 2014 s42(2)), where recorded."""
    return None if c.enquiry is None else c.enquiry.caused


def provider_of(c: Concern) -> ProviderInvolved | None:
    """The provider the concern is about, where one is recorded."""
    return c.provider


def meetings_of(c: Concern) -> tuple[Meeting, ...] | None:
    """The meetings, where any is recorded (their indices are their JSON paths')."""
    return c.meetings or None


def sealed_history(c: Concern) -> tuple[HistoryEntry, ...] | None:
    """The history, where any entry of it carries an integrity digest."""
    return c.history if any(e.digest is not None for e in c.history) else None


@attrs.frozen(slots=True)
class Routed:
    """A guard: the section 42 decision, where it takes this route (``Routed(EnquiryRoute.NO_ENQUIRY)``).

    Guards with the same route are equal, so the engine asks one of them per record.

    Attributes:
        route: the route the decision takes.
    """

    route: EnquiryRoute

    def __call__(self, c: Concern) -> Section42Decision | None:
        """The decision, where it takes :attr:`route`."""
        d = c.decision
        return d if d is not None and d.route is self.route else None
