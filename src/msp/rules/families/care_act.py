"""CA-: Care Act 2014 rules and multi-agency procedure duties: who is an adult, the section 42
decision, s68 advocacy, s44 reviews; and, within an enquiry, acting without consent, the police,
persons in positions of trust, DBS and regulator referrals, carers, children who may be at risk
and domestic abuse; enquiries the council causes other organisations to make (s42(2)), the
providers a concern is about and organisational enquiries.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   CA-020 to CA-030 (the legal-literacy core of a case); CA-031 to CA-035 (enquiries caused to be
   made by other organisations, providers and organisational enquiries).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from msp.codes import ClosureReason, DomesticAbuseRiskLevel, EnquiryRoute, OrganisationKind, Relationship
from msp.codes.mappings import age_at
from msp.model.concern import ActingWithoutConsent, Closure, Concern, SafeguardingAdultsReview, Section42Decision
from msp.model.harm import DomesticAbuse, PersonAllegedToHaveCausedHarm
from msp.model.organisation import CausedEnquiry, OrganisationalEnquiry, ProviderInvolved
from msp.model.protection import ChildrenAtRisk, CrimeAndPolice
from msp.rules._declare import Family, only_if
from msp.rules._shapes import for_each
from msp.rules._types import PASS, CheckResult, Fail, JsonPath, Paths, fail
from msp.rules.facts import (
    FROM_CONCLUSION,
    Routed,
    acted_without_consent,
    acting_without_consent_of,
    adult_died,
    appropriate_person_of,
    appropriate_person_problems,
    birth_and_enquiry_decision,
    caused_enquiry_of,
    closure_of,
    decision_of,
    ended_at_adults_request,
    has_enquiry,
    is_section_42,
    lacks_capacity_to_take_part,
    opens_enquiry,
    paid_or_voluntary_role,
    people_alleged_of,
    provider_of,
    regulated_provider,
    risks_of,
    route,
    section_68_difficulty,
    valid_appropriate_person,
)

__all__ = ["RULES"]

RULES: Final = Family.load(__name__)
"""The CA- rules: the catalogue in ``care_act.json`` and a check for each."""

_ADULT_AGE = 18


@RULES.check("CA-001")
@only_if(birth_and_enquiry_decision)
def adult_is_18_or_over(dates: tuple[date, date], at: Paths) -> CheckResult:
    """Fail where the decision opens an enquiry for a person under 18 on the date of the decision."""
    return at.date_of_birth.fail_unless(
        _adult_on(*dates),
        "under 18 on the date of the section 42 decision: the Care Act duty is to adults; "
        "route the concern to children's services",
    )


def _adult_on(date_of_birth: date, on: date) -> bool:
    """18 or over on ``on`` (:func:`msp.codes.mappings.age_at`: a 29 February birthday falls on 28 February).

    Raises ``ValueError`` where ``on`` is before the date of birth, as ``age_at`` does.
    """
    return age_at(date_of_birth, on) >= _ADULT_AGE


@RULES.check("CA-002")
def decision_recorded(c: Concern, at: Paths) -> CheckResult:
    """Fail for each part of the section 42 decision that is missing once a decision is claimed."""
    d = c.decision
    if d is None:
        return fail("$.decision", "no section 42 decision is recorded")
    # Once one s42(1) condition is judged not met there is no s42 duty, whatever the others:
    # the others are then optional to record.
    answered = False in d.conditions or None not in d.conditions
    if answered and d.route is not None and d.decided_on is not None:
        return PASS
    conditions = (at.has_care_and_support_needs, at.experiencing_or_at_risk_of_abuse, at.unable_to_protect_self)
    fails = [
        Fail(path.at(), f"s42(1)({letter}) not recorded: is there reasonable cause to suspect it?")
        for path, letter, value in zip(conditions, "abc", d.conditions, strict=True)
        if value is None and not answered
    ]
    fails += at.route.fail_unless(
        d.route is not None, "the route (section 42, other enquiry, no enquiry) is not recorded"
    ) + at.decided_on.fail_unless(d.decided_on is not None, "the date of the section 42 decision is not recorded")
    return fails


@RULES.check("CA-003")
@only_if(Routed(EnquiryRoute.SECTION_42_ENQUIRY))
def section_42_needs_all_conditions(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where the route is a section 42 enquiry but a condition is not met."""
    return at.route.fail_unless(
        d.conditions_met,
        "a section 42 enquiry needs all three s42(1) conditions met: use an other enquiry or an exit route",
    )


@RULES.check("CA-004")
@only_if(Routed(EnquiryRoute.OTHER_ENQUIRY))
def other_enquiry_reason(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where an other enquiry has no reason recorded."""
    return at.other_enquiry_reason.fail_unless(d.other_enquiry_reason, "an other enquiry needs its reason recorded")


@RULES.check("CA-005")
@only_if(Routed(EnquiryRoute.NO_ENQUIRY))
def exit_route_recorded(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where no enquiry goes ahead and no exit route is recorded."""
    return at.exit_routes.fail_unless(d.exit_routes, "no enquiry goes ahead but no exit route is recorded")


def _conditions_met(c: Concern) -> bool:
    """All three s42(1) conditions are recorded as met."""
    return c.decision is not None and c.decision.conditions_met


@RULES.check("CA-006")
@only_if(Routed(EnquiryRoute.NO_ENQUIRY), _conditions_met)
def conditions_met_means_enquiry(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where all conditions are met, no enquiry is made and no rationale is recorded."""
    return at.route.fail_unless(
        d.rationale, "all three s42(1) conditions are met but no enquiry is made and no rationale is recorded"
    )


@RULES.check("CA-017")
@only_if(Routed(EnquiryRoute.OTHER_ENQUIRY))
def other_enquiry_is_not_section_42(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where an other enquiry has all three s42(1) conditions met: a section 42 enquiry misclassified."""
    return at.route.fail_unless(
        not d.conditions_met,
        "all three s42(1) conditions are met, so this is a section 42 enquiry, not an other enquiry",
    )


@RULES.check("CA-007")
@only_if(decision_of)
def decision_maker_recorded(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where the section 42 decision has no decision-maker."""
    return at.decided_by.fail_unless(d.decided_by is not None, "who made the decision is not recorded")


def _routed_to_an_enquiry(c: Concern) -> bool:
    """The decision's route is an enquiry, section 42 or other."""
    return opens_enquiry(route(c))


@RULES.check("CA-008")
@only_if(_routed_to_an_enquiry)
def enquiry_started(c: Concern, at: Paths) -> CheckResult:
    """Fail where a case at the enquiry stage or later has an enquiry route but no start date or type."""
    e = c.enquiry
    return at.started_on.fail_unless(
        e is not None and e.started_on is not None, "the enquiry's start date is not recorded"
    ) + at.enquiry_type.fail_unless(e is not None and e.enquiry_type is not None, "the enquiry type is not recorded")


@RULES.check("CA-009")
@only_if(is_section_42)
def advocacy_test_recorded(c: Concern, at: Paths) -> CheckResult:
    """Fail where a section 42 enquiry has no s68 assessment (a capacity decision that the adult lacks
    capacity to take part in the enquiry answers it: :func:`~msp.rules.facts.section_68_difficulty`)."""
    return at.advocacy.fail_unless(
        section_68_difficulty(c) is not None, "the s68 test for an independent advocate is not recorded"
    )


def _declined_with_capacity(c: Concern) -> bool:
    """The adult, not found to lack capacity to take part in the enquiry, declined an advocate."""
    a = c.advocacy
    return a is not None and a.advocate_declined is True and not lacks_capacity_to_take_part(c)


def _section_68_duty(c: Concern) -> bool:
    """The s68 duty applies and is not answered by a valid appropriate person or the adult's refusal.

    Substantial difficulty (as assessed, or shown by a lack of capacity to take part in the
    enquiry), and the authority is not satisfied that a valid appropriate person is available
    (s68(4)-(5), s67(5)-(6)): an unanswered appropriate-person question does not lift it. An
    adult with capacity who declined an advocate is CA-018's (a warning), not this rule's.
    """
    return section_68_difficulty(c) is True and not valid_appropriate_person(c) and not _declined_with_capacity(c)


@RULES.check("CA-010")
@only_if(_section_68_duty, is_section_42)
def advocate_when_required(c: Concern, at: Paths) -> CheckResult:
    """Fail where the s68 duty applies and no advocate who can meet it is recorded.

    A Care Act independent advocate, or an IMCA (or other advocate) recorded as acting as the
    Care Act advocate, meets the duty. The duty is met during the enquiry: until it concludes,
    an advocate requested is enough (an urgent enquiry may start first); from conclusion, the
    advocate must have been instructed or taken part.
    """
    able = [a for a in c.adult.advocates if a.meets_section_68]
    if c.stage in FROM_CONCLUSION:
        return at.advocates.fail_unless(
            any(a.arranged for a in able),
            "s68 requires an independent advocate but none is recorded as instructed or involved",
        )
    return at.advocates.fail_unless(
        any(a.arranged or a.requested_on is not None for a in able),
        "s68 requires an independent advocate but none is recorded as requested or instructed",
    )


def _appropriate_person_claimed(c: Concern) -> bool:
    """The s68 assessment says an appropriate person is available."""
    return c.advocacy is not None and c.advocacy.appropriate_person_available is True


_REPRESENTATIVE = JsonPath("$.adult.representatives[*]")


@RULES.check("CA-011")
@only_if(_appropriate_person_claimed)
def appropriate_person_valid(c: Concern, at: Paths) -> CheckResult:
    """Fail where the appropriate person claimed cannot be one.

    Where the assessment names the representative (``appropriate_person_id``): each reason the
    record gives that they cannot be (paid or professional, implicated in the enquiry, the
    adult's consent refused and no best-interests finding), and a missing consent or
    best-interests answer. Where it names no one: fail unless an involved representative is
    recorded as unpaid and non-professional.
    """
    named = appropriate_person_of(c)
    if named is None:
        if c.advocacy is not None and c.advocacy.appropriate_person_id is not None:
            return at.appropriate_person_id.fail(
                "the appropriate person named is not among the adult's representatives"
            )
        unpaid = any(r.paid_or_professional is False and r.involved for r in c.adult.representatives)
        return at.appropriate_person_available.fail_unless(
            unpaid,
            "an appropriate person is recorded but no involved representative is recorded as unpaid and "
            "non-professional",
        )
    i, person = named
    fails = [Fail((_REPRESENTATIVE / name).at(i), why) for name, why in appropriate_person_problems(person)]
    if person.adult_consents is None and person.in_best_interests is None:
        fails.append(
            Fail(
                (_REPRESENTATIVE / "adult_consents").at(i),
                "neither the adult's consent to the appropriate person nor a best-interests finding is recorded",
            )
        )
    return fails


def _declined(c: Concern) -> bool:
    """The adult declined an independent advocate, where the s68 test found substantial difficulty
    and no appropriate person lifts the duty."""
    a = c.advocacy
    declined = a is not None and a.advocate_declined is True
    return declined and section_68_difficulty(c) is True and not valid_appropriate_person(c)


@RULES.check("CA-018")
@only_if(_declined, is_section_42)
def advocate_declined(c: Concern, at: Paths) -> CheckResult:
    """Fail where the adult declined an advocate the s68 test says they need: a warning to review.

    Where the adult lacks capacity to take part, they cannot decline for themselves and
    CA-010 applies. Where they have capacity the law is not settled here: the reason is
    asked for, and the case is flagged for review rather than blocked. It passes where an
    advocate who meets s68 was arranged after all.
    """
    a = c.advocacy
    if any(x.meets_section_68 and x.arranged for x in c.adult.advocates):
        return PASS  # the adult accepted an advocate after all
    if a is None or not a.advocate_declined_reason:
        return at.advocate_declined_reason.fail("the adult declined an independent advocate but no reason is recorded")
    return at.advocate_declined.fail(
        "the adult declined an independent advocate the s68 test says they need: review whether the duty "
        "is met during the enquiry"
    )


@RULES.check("CA-012")
@only_if(closure_of, has_enquiry)
def sar_considered(closure: Closure, at: Paths) -> CheckResult:
    """Fail where a closed enquiry has no SAR consideration recorded."""
    return at.considered.fail_unless(
        closure.sar is not None and closure.sar.considered is True,
        "no record that a Safeguarding Adults Review was considered",
    )


def _sar_where_criteria_may_be_met(c: Concern) -> SafeguardingAdultsReview | None:
    """The SAR record, where the s44 criteria may be met (the adult died where any record of the case says
    so: :func:`~msp.rules.facts.adult_died`)."""
    sar = None if c.closure is None else c.closure.sar
    if sar is None or not sar.criteria_may_be_met_for(adult_died=adult_died(c)):
        return None
    return sar


@RULES.check("CA-013")
@only_if(_sar_where_criteria_may_be_met)
def sar_referral_where_criteria_met(sar: SafeguardingAdultsReview, at: Paths) -> CheckResult:
    """Fail where the s44 criteria may be met but referral, or the reason for not referring, is missing.

    The adult has died where any record of the case says so (as in CA-014).
    """
    decided = sar.referred is True or (sar.referred is False and bool(sar.reason))
    return at.referred.fail_unless(
        decided, "the s44 criteria may be met but no referral, or reason for none, is recorded"
    )


def _closure_after_death(c: Concern) -> Closure | None:
    """The closure, where the adult died (:func:`~msp.rules.facts.adult_died`)."""
    closure = c.closure
    return closure if closure is not None and adult_died(c) else None


@RULES.check("CA-014")
@only_if(_closure_after_death)
def sar_where_adult_died(closure: Closure, at: Paths) -> CheckResult:
    """Fail where the adult died and the s44 questions are not answered."""
    sar = closure.sar
    if sar is None or sar.considered is not True:
        return (at.sar / "considered").fail(
            "the adult died but a Safeguarding Adults Review is not recorded as considered"
        )
    return (at.sar / "joint_working_concern").fail_unless(
        sar.joint_working_concern is not None, "s44(1)(a) joint-working concern not answered"
    ) + (at.sar / "death_from_abuse_or_neglect_suspected").fail_unless(
        sar.death_from_abuse_or_neglect_suspected is not None, "s44(2)(b) death from abuse or neglect not answered"
    )


@RULES.check("CA-015")
def immediate_safety_assessed(c: Concern, at: Paths) -> CheckResult:
    """Fail where there is no record that immediate safety was assessed."""
    s = c.immediate_safety
    return at.immediate_safety.fail_unless(
        s is not None and (s.assessed_on is not None or s.action_needed is not None),
        "no record that immediate safety was assessed",
    )


@RULES.check("CA-016")
def closure_recorded(c: Concern, at: Paths) -> CheckResult:
    """Fail for each of the closure date and reason that is missing."""
    cl = c.closure
    return at.closed_on.fail_unless(
        cl is not None and cl.closed_on is not None, "the closure date is not recorded"
    ) + at.reason.fail_unless(cl is not None and cl.reason is not None, "the reason for closure is not recorded")


def _sar_answers_whether_adult_died(c: Concern) -> Concern | None:
    """The record, where its SAR record answers whether the adult died."""
    closure = c.closure
    sar = None if closure is None else closure.sar
    return c if sar is not None and sar.adult_died is not None else None


@RULES.check("CA-019")
@only_if(_sar_answers_whether_adult_died)
def death_records_agree(c: Concern, at: Paths) -> CheckResult:
    """Fail where the SAR record says the adult did not die but the adult's date of death or the reason for
    closure says they did. Every rule takes the adult to have died where any record says so
    (:func:`~msp.rules.facts.adult_died`)."""
    closure = c.closure
    says_alive = closure is not None and closure.sar is not None and closure.sar.adult_died is False
    elsewhere = c.adult.date_of_death is not None or (
        closure is not None and closure.reason is ClosureReason.ADULT_DIED
    )
    return at.adult_died.fail_unless(
        not (says_alive and elsewhere),
        "the Safeguarding Adults Review record says the adult did not die, but the adult's date of death or "
        "the reason for closure says they did",
    )


# -- acting without consent (CA-020, CA-021) --------------------------------------------------


@RULES.check("CA-020")
@only_if(acted_without_consent)
def acting_without_consent_grounded(c: Concern, at: Paths) -> CheckResult:
    """Fail where the council went ahead, or shared information, without consent, and the decision to do
    so records no ground or no decision-maker (or is not recorded at all)."""
    acting = acting_without_consent_of(c)
    if acting is None:
        return at.acting_without_consent.fail(
            "consent was refused and the enquiry went ahead or information was shared, but no decision to act "
            "without consent (its grounds and who made it) is recorded"
        )
    return at.grounds.fail_unless(
        acting.grounds, "the decision to act without consent records no ground for overriding the adult's wishes"
    ) + at.decided_by.fail_unless(acting.decided_by is not None, "who decided to act without consent is not recorded")


@RULES.check("CA-021")
@only_if(acting_without_consent_of)
def adult_told_of_acting_without_consent(acting: ActingWithoutConsent, at: Paths) -> CheckResult:
    """Fail where the adult is not recorded as told that the council acts without their consent, and no
    reason they were not told is recorded."""
    return at.adult_told.fail_unless(
        acting.adult_told is True or bool(acting.not_told_reason),
        "the adult is not recorded as told that the council is acting without their consent, and no reason is recorded",
    )


# -- the police, persons in positions of trust, DBS, carers (CA-022 to CA-025) ------------------


def _crime_suspected(c: Concern) -> CrimeAndPolice | None:
    """The crime record, where it says a crime may have been committed."""
    crime = c.crime
    return crime if crime is not None and crime.crime_suspected is True else None


@RULES.check("CA-022")
@only_if(_crime_suspected)
def police_told_or_why_not(crime: CrimeAndPolice, at: Paths) -> CheckResult:
    """Fail where a crime may have been committed and neither police contact nor a reason for none is
    recorded."""
    return at.police_informed_on.fail_unless(
        crime.police_informed or bool(crime.no_police_reason),
        "a crime may have been committed but neither contact with the police nor a reason for none is recorded",
    )


def _pipot_undecided(p: PersonAllegedToHaveCausedHarm) -> bool:
    """A person alleged in a position of trust with no PiPoT referral and no reason for none."""
    return p.position_of_trust is True and p.pipot_referred_on is None and not p.pipot_not_referred_reason


@RULES.check("CA-023")
@only_if(people_alleged_of)
def pipot_referred(people: tuple[PersonAllegedToHaveCausedHarm, ...], at: Paths) -> CheckResult:
    """Fail for each person alleged in a position of trust with no PiPoT referral and no reason for none."""
    return at.pipot_referred_on.each(
        people,
        _pipot_undecided,
        "a person alleged in a position of trust has neither a PiPoT referral nor a reason for none recorded",
    )


def _paid_people_where_risk_identified(c: Concern) -> tuple[tuple[int, PersonAllegedToHaveCausedHarm], ...] | None:
    """In a concluded section 42 enquiry, each person alleged in a paid, voluntary or professional role
    (:func:`~msp.rules.facts.paid_or_voluntary_role`) one of whose risks (:func:`~msp.rules.facts.risks_of`)
    was identified (SG2c "risk identified ..."), with their index."""
    if c.concluded_on is None or not is_section_42(c):
        return None
    found = tuple(
        (i, p)
        for i, p in enumerate(c.people_alleged)
        if paid_or_voluntary_role(p)
        and any(r.action_and_result is not None and r.action_and_result.risk_identified for r in risks_of(c, p))
    )
    return found or None


@RULES.check("CA-024")
@only_if(_paid_people_where_risk_identified)
def dbs_or_regulator_referral(found: tuple[tuple[int, PersonAllegedToHaveCausedHarm], ...], at: Paths) -> CheckResult:
    """Fail for each such person with no DBS or regulator referral and no reason one was not needed."""
    return [
        Fail(
            at.dbs_referred_on.at(i),
            "a risk was identified and the person alleged works with the adult as a paid carer, volunteer or "
            "professional, but no DBS or regulator referral, or reason none was needed, is recorded",
        )
        for i, p in found
        if not p.referred_to_dbs_or_regulator and not p.referral_not_needed_reason
    ]


@RULES.check("CA-025")
@only_if(people_alleged_of)
@for_each("an unpaid carer is alleged to have caused harm but a carer's assessment is not recorded as considered")
def carers_assessment_considered(p: PersonAllegedToHaveCausedHarm) -> bool:
    """An unpaid carer alleged to have caused harm with no carer's assessment considered (Care Act 2014 s10)."""
    return p.unpaid_carer is True and p.carers_assessment_considered is not True


# -- children who may be at risk (CA-026, CA-027) -----------------------------------------------


def _child_judged_at_risk(c: Concern) -> ChildrenAtRisk | None:
    """The children record, where the practitioner judges that a child may be at risk (never the mere
    presence of children)."""
    children = c.children
    return children if children is not None and children.child_may_be_at_risk is True else None


_CHILD_NOT_REFERRED: Final = (
    "a child is judged to be at risk of harm but neither a referral to children's services nor a reason "
    "for none is recorded"
)


def _child_referral_decided(children: ChildrenAtRisk, at: Paths) -> CheckResult:
    """Fail where neither a referral date nor a reason for not referring is recorded."""
    return at.referred_on.fail_unless(
        children.referred_on is not None or bool(children.not_referred_reason), _CHILD_NOT_REFERRED
    )


RULES.check("CA-026")(only_if(_child_judged_at_risk)(_child_referral_decided))
RULES.check("CA-027")(only_if(_child_judged_at_risk)(_child_referral_decided))


# -- domestic abuse (CA-028 to CA-030) ---------------------------------------------------------


def _with_domestic_abuse(c: Concern) -> tuple[tuple[int, PersonAllegedToHaveCausedHarm, DomesticAbuse], ...] | None:
    """Each person alleged with a domestic-abuse record: their index, the person and the record."""
    found = tuple((i, p, p.domestic_abuse) for i, p in enumerate(c.people_alleged) if p.domestic_abuse is not None)
    return found or None


_DomesticAbuseFound = tuple[tuple[int, PersonAllegedToHaveCausedHarm, DomesticAbuse], ...]


@RULES.check("CA-028")
@only_if(_with_domestic_abuse)
def marac_where_high_risk(found: _DomesticAbuseFound, at: Paths) -> CheckResult:
    """Fail for each high-risk domestic-abuse assessment with no MARAC referral and no reason for none."""
    return [
        Fail(
            at.marac_referred_on.at(i),
            "domestic abuse was assessed as high risk but neither a MARAC referral nor a reason for none is recorded",
        )
        for i, _, da in found
        if da.risk_level is DomesticAbuseRiskLevel.HIGH and da.marac_referred_on is None and not da.no_marac_reason
    ]


_NOT_PERSONALLY_CONNECTED: Final = frozenset(
    {
        Relationship.PAID_CARER,
        Relationship.VOLUNTEER,
        Relationship.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL,
        Relationship.STRANGER,
    }
)


@RULES.check("CA-029")
@only_if(_with_domestic_abuse)
def domestic_abuse_needs_personal_connection(found: _DomesticAbuseFound, at: Paths) -> CheckResult:
    """Fail for each domestic-abuse record on a person recorded as not personally connected to the adult, or
    whose relationship (paid carer, volunteer, professional, stranger) cannot make them so."""
    fails: list[Fail] = []
    for i, p, da in found:
        if da.personally_connected is False:
            fails.append(
                Fail(
                    at.personally_connected.at(i),
                    "domestic abuse is recorded, but the person is recorded as not personally connected to the adult",
                )
            )
        elif p.relationship in _NOT_PERSONALLY_CONNECTED:
            fails.append(
                Fail(
                    at.relationship.at(i),
                    "domestic abuse is recorded, but the person's relationship to the adult (a paid carer, volunteer, "
                    "professional or stranger) is not a personal connection",
                )
            )
    return fails


def _marac_referral_dated(c: Concern) -> bool:
    """A domestic-abuse record of a person alleged dates a MARAC referral."""
    return any(
        p.domestic_abuse is not None and p.domestic_abuse.marac_referred_on is not None for p in c.people_alleged
    )


@RULES.check("CA-030")
@only_if(_marac_referral_dated)
def marac_after_concern(c: Concern, at: Paths) -> CheckResult:
    """Fail for each MARAC referral dated before the concern was received."""
    return [
        Fail(at.marac_referred_on.at(i), "the MARAC referral is dated before the concern was received")
        for i, p in enumerate(c.people_alleged)
        if p.domestic_abuse is not None
        and p.domestic_abuse.marac_referred_on is not None
        and p.domestic_abuse.marac_referred_on < c.received_on
    ]


# -- enquiries caused to be made, providers and organisational enquiries (CA-031 to CA-035) ------


def _not_ceased(c: Concern) -> bool:
    """The enquiry did not end at the adult's request."""
    return not ended_at_adults_request(c)


@RULES.check("CA-031")
@only_if(caused_enquiry_of, is_section_42, _not_ceased)
def caused_enquiry_report_checked(caused: CausedEnquiry, at: Paths) -> CheckResult:
    """Fail where a section 42 enquiry made by another organisation concludes without its report received, or
    without the council's check of the report (Care Act 2014 s42(2): the council remains responsible)."""
    if caused.report_received_on is None:
        return at.report_received_on.fail(
            "the enquiry was caused to be made by another organisation, but its report is not recorded as "
            "received: the council remains responsible for the enquiry"
        )
    return at.quality_check.fail_unless(
        caused.quality_check is not None,
        "the report of the enquiry caused to be made by another organisation is not recorded as checked by the council",
    )


@RULES.check("CA-032")
@only_if(caused_enquiry_of)
def caused_enquiry_scope_and_timescale(caused: CausedEnquiry, at: Paths) -> CheckResult:
    """Fail for each of the agreed scope and the date the report is due that is not recorded."""
    return at.scope.fail_unless(
        caused.scope, "the scope agreed for the enquiry caused to be made by another organisation is not recorded"
    ) + at.due_on.fail_unless(
        caused.due_on is not None,
        "when the report of the enquiry caused to be made by another organisation is due is not recorded",
    )


def _regulated_provider_of(c: Concern) -> ProviderInvolved | None:
    """The provider, where it is one the Care Quality Commission regulates
    (:func:`~msp.rules.facts.regulated_provider`)."""
    p = c.provider
    return p if p is not None and regulated_provider(p) else None


@RULES.check("CA-033")
@only_if(_regulated_provider_of)
def regulator_and_commissioners_told(p: ProviderInvolved, at: Paths) -> CheckResult:
    """Fail for each of the Care Quality Commission and the commissioners not recorded as told."""
    return at.cqc_informed_on.fail_unless(
        p.cqc_informed_on is not None,
        "the concern is about a regulated provider but the Care Quality Commission is not recorded as told",
    ) + at.commissioners_informed_on.fail_unless(
        p.commissioners_informed_on is not None,
        "the concern is about a regulated provider but its commissioners are not recorded as told",
    )


_WITHOUT_IDENTIFIER: Final = frozenset(
    {OrganisationKind.POLICE, OrganisationKind.HOUSING_PROVIDER, OrganisationKind.OTHER}
)
_NHS: Final = frozenset(
    {OrganisationKind.NHS_TRUST, OrganisationKind.GP_PRACTICE, OrganisationKind.INTEGRATED_CARE_BOARD}
)


def _identifiable_provider(c: Concern) -> ProviderInvolved | None:
    """The provider, where it is of a kind with a public identifier here (a CQC id or an ODS code)."""
    p = provider_of(c)
    return p if p is not None and p.kind not in _WITHOUT_IDENTIFIER else None


@RULES.check("CA-034")
@only_if(_identifiable_provider)
def provider_identified(p: ProviderInvolved, at: Paths) -> CheckResult:
    """Fail where the provider has no public identifier: at the ODS code for an NHS body, else at the CQC
    location id."""
    where = at.ods_code if p.kind in _NHS else at.cqc_location_id
    return where.fail_unless(
        p.identified,
        "the provider is not identified by a public identifier (a CQC location or provider id, or an ODS code)",
    )


def _ended_organisational_enquiry(c: Concern) -> tuple[OrganisationalEnquiry, Concern] | None:
    """The organisational enquiry and the record, where the enquiry's end date is recorded."""
    o = c.organisational_enquiry
    return None if o is None or o.ended_on is None else (o, c)


@RULES.check("CA-035")
@only_if(_ended_organisational_enquiry)
def organisational_enquiry_not_ended_before_concern(
    found: tuple[OrganisationalEnquiry, Concern], at: Paths
) -> CheckResult:
    """Fail where the organisational enquiry is recorded as ended before this concern was received."""
    o, c = found
    return at.ended_on.fail_unless(
        o.ended_on is None or o.ended_on >= c.received_on,
        "the organisational enquiry is recorded as ended before this concern was received",
    )
