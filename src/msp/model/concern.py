"""The safeguarding concern and its enquiry: the record the whole library is about.

A :class:`Concern` is one safeguarding concern about one adult, from receipt
through the section 42 decision, the enquiry (section 42 or other), the plan,
the conclusion and closure. It carries every SAC data item at record level
(NHS England Safeguarding Adults Collection guidance) and the Making Safeguarding
Personal practice points of the LGA toolkit and the LGA/ADASS myths and realities.

Drafts are normal: a case is incomplete for weeks, so almost every field is
optional here and *what must be present when* is the rules engine's business
(:mod:`msp.rules`). Only the shape is checked at construction: types, codes,
and values that cannot be true (dates in an impossible order, an enquiry type
that contradicts the decision).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    ConsentGround,
    ConsentStatus,
    ContactMethod,
    DetailedSourceOfRisk,
    EnquiryRoute,
    EnquiryType,
    ExitRoute,
    InterpreterKind,
    LocationOfRisk,
    MspAsked,
    OutcomeAchievement,
    RiskOutcome,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.errors import Problem
from msp.model import _fields as f
from msp.model.adult import Adult
from msp.model.capacity import CapacityDecision
from msp.model.extensions import Extension
from msp.model.feedback import AdultsFeedback
from msp.model.harm import PersonAllegedToHaveCausedHarm
from msp.model.organisation import (
    CausedEnquiry,
    ConcernLink,
    Meeting,
    OrganisationalEnquiry,
    ProviderInvolved,
    RouteChange,
)
from msp.model.outcomes import DesiredOutcome
from msp.model.plan import Escalation, RiskPlan
from msp.model.protection import ChildrenAtRisk, CrimeAndPolice, DeprivationOfLiberty, EnquiryPause

__all__ = [
    "ActingWithoutConsent",
    "Actor",
    "AdultsViews",
    "AdvocacyAssessment",
    "Closure",
    "Concern",
    "Consent",
    "Contact",
    "Enquiry",
    "HistoryEntry",
    "ImmediateSafety",
    "OptionsDiscussion",
    "ProfessionalCuriosity",
    "Referrer",
    "Risk",
    "SafeguardingAdultsReview",
    "Section42Decision",
]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Actor(f.Record):
    """Who did something: a role and a pseudonymous user id, never a name."""

    role: str = f.required_text(personal=False, doc="the role they acted in, e.g. social worker or team manager")
    user_id: str = f.ident(doc="the case system's pseudonymous id of the user")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class HistoryEntry(f.Record):
    """One step in the case's workflow history (append-only; see :mod:`msp.workflow.steps`)."""

    to_stage: CaseStage = f.required_code(CaseStage, doc="the stage after")
    at: datetime = f.moment(doc="when, with a UTC offset")
    actor: Actor = f.required_part(Actor, doc="who")
    from_stage: CaseStage | None = f.code(CaseStage, doc="the stage before (``None`` for the first entry)")
    reason: str | None = f.text(doc="why (personal: free text)")
    authorised_by: Actor | None = f.part(
        Actor, doc="the manager who authorised the step, where local policy asks for sign-off (never the actor)"
    )
    digest: str | None = f.text(
        personal=True,
        doc=(
            "the integrity digest :mod:`msp.workflow.steps` seals the entry with: a SHA-256 hex "
            "digest over the previous entry's digest and this entry's stages, time, actor, "
            "reason and (where there is one) authoriser (see :func:`msp.model.history.entry_digest`). "
            "Marked personal because it "
            "commits to the reason (a guessed reason can be confirmed against it), so "
            ":func:`msp.redact` drops it together with the reason; a redacted history has no "
            "chain to check. ``None`` for entries written before digests existed or by other "
            "systems. The ``WF-`` rules check it (docs/workflow.md)"
        ),
    )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Referrer(f.Record):
    """Who raised the concern: a role or agency, never a person's name."""

    role: str | None = f.text(personal=False, doc="e.g. care home manager, GP, police officer, the adult themselves")
    agency: str | None = f.text(personal=False, doc="e.g. care provider, NHS trust, police, family")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Risk(f.Record):
    """One alleged risk: type, location and source (SG2a/SG2b), and at
    conclusion its action-and-result (SG2c) and risk outcome (SG2e).
    """

    risk_id: str | None = f.opt_ident(doc="pseudonymous id, where the case system numbers allegations")
    type_of_risk: TypeOfRisk | None = f.code(TypeOfRisk, doc="SAC type (11 values)", sac="SG2a")
    location: LocationOfRisk | None = f.code(LocationOfRisk, doc="SAC location (9 values)", sac="SG2b")
    source: SourceOfRisk | None = f.code(SourceOfRisk, doc="SAC source (3 values)", sac="SG2a_b1")
    source_detail: DetailedSourceOfRisk | None = f.code(
        DetailedSourceOfRisk, doc="the voluntary detailed source; must sit under ``source``", sac="SG2a_b1"
    )
    description: str | None = f.text(doc="what is alleged")
    action_and_result: ActionTakenAndResult | None = f.code(ActionTakenAndResult, doc="SG2c, at conclusion", sac="SG2c")
    risk_outcome: RiskOutcome | None = f.code(RiskOutcome, doc="SG2e, only where a risk was identified", sac="SG2e")

    def __attrs_post_init__(self) -> None:
        if self.source_detail is not None and self.source is not None and self.source_detail.source is not self.source:
            f.check_all(
                [
                    Problem(
                        code="SHAPE-CONFLICT",
                        path="$.source_detail",
                        message="detailed source of risk is not under the source of risk given",
                    ),
                ]
            )

    @property
    def sac_source(self) -> SourceOfRisk | None:
        """The SAC source: as given, else derived from the detailed source."""
        if self.source is not None:
            return self.source
        return None if self.source_detail is None else self.source_detail.source


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ImmediateSafety(f.Record):
    """Immediate safety: "establish immediate safety" at the concern stage (London Multi-Agency
    Adult Safeguarding Policy and Procedures)."""

    assessed_on: date | None = f.day(doc="when immediate safety was assessed")
    action_needed: bool | None = f.flag(doc="whether immediate action was needed")
    action_taken: str | None = f.text(doc="what was done")
    risk_rating: str | None = f.text(
        personal=False,
        doc=(
            "the risk rating given at triage, on the local scale (the default scale of "
            ":class:`msp.workflow.timescales.Policy` is low, medium, high, critical); the timescales use it for "
            "first-contact and immediate-safety targets and report a rating that is not on their scale"
        ),
    )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Contact(f.Record):
    """Contact with the adult: spoken to, seen alone, and who interpreted (LGA Making Safeguarding
    Personal toolkit; LGA/ADASS "Myths and realities about Making Safeguarding Personal", 2019)."""

    spoken_to: bool | None = f.flag(doc="whether the adult was spoken to about the concern")
    spoken_to_on: date | None = f.day(doc="when")
    method: ContactMethod | None = f.code(ContactMethod, doc="how")
    not_spoken_to_reason: str | None = f.text(doc="why not")
    seen_alone: bool | None = f.flag(
        doc="whether the adult was seen on their own, apart from family members and others (LGA/ADASS "
        '"Myths and realities about Making Safeguarding Personal", 2019)'
    )
    seen_alone_on: date | None = f.day(doc="when")
    not_seen_alone_reason: str | None = f.text(doc="why not")
    interpreter_used: bool | None = f.flag(doc="whether an interpreter was used")
    interpreted_by: InterpreterKind | None = f.code(
        InterpreterKind,
        doc=(
            "who interpreted or gave communication support: a family member or friend interpreting is "
            "flagged, since they may be the person the adult needs to talk about"
        ),
    )
    asked_who_to_involve: bool | None = f.flag(doc="the adult was asked who else they want involved")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class AdultsViews(f.Record):
    """The adult's views, in their own words, and the reasons behind their wishes."""

    in_own_words: str | None = f.text(doc="the views as the adult expressed them")
    reasons: str | None = f.text(
        doc=(
            'the reasons behind their wishes (personal): "conversations should be focused on '
            "establishing the adult's wishes and reasoning behind those wishes\" "
            "(LGA Making Safeguarding Personal toolkit)"
        )
    )
    recorded_on: date | None = f.day(doc="when recorded")
    wants_no_action: bool | None = f.flag(doc="the adult says they do not want anything to happen")
    declines_support: bool | None = f.flag(doc="the adult refuses help or support")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ActingWithoutConsent(f.Record):
    """The decision to proceed with the enquiry, or to share information, without the adult's consent.

    The adult's wishes carry great weight, and may be overridden only on a recorded ground:
    others (including children) at risk, a crime, a member of staff or a person in a position
    of trust implicated, coercion or duress, risk to life or serious harm, the adult's vital
    interest, the public interest, or a lack of capacity for this decision (Care and Support
    Statutory Guidance ch. 14; Mental Capacity Act 2005 s2(1) for the last). The adult is told
    unless that would increase the risk.
    """

    grounds: tuple[ConsentGround, ...] = f.many(ConsentGround, "a ConsentGround code", doc="the grounds relied on")
    capacity_decision_id: str | None = f.opt_ident(
        doc="for the ``lacks_capacity`` ground, the ``decision_id`` of the capacity decision it rests on"
    )
    decided_on: date | None = f.day(doc="when it was decided")
    decided_by: Actor | None = f.part(Actor, doc="who decided")
    rationale: str | None = f.text(doc="the reasoning")
    adult_told: bool | None = f.flag(doc="the adult was told that the council is acting without their consent")
    not_told_reason: str | None = f.text(doc="why the adult was not told")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Consent(f.Record):
    """Consent to the referral and to information sharing.

    An enquiry under s42 does not depend on consent (Care Act 2014 s42(2): the authority
    "must" make the enquiries it thinks necessary); this
    records what was asked and answered.
    """

    to_referral: ConsentStatus | None = f.code(ConsentStatus, doc="consent to the concern being raised")
    to_information_sharing: ConsentStatus | None = f.code(ConsentStatus, doc="consent to sharing information")
    sharing_without_consent_reason: str | None = f.text(
        doc=("why information was shared without consent (e.g. risk to others, public interest) (personal)")
    )
    to_enquiry: ConsentStatus | None = f.code(
        ConsentStatus, doc="consent to the enquiry (a section 42 enquiry does not depend on it)"
    )
    acting_without_consent: ActingWithoutConsent | None = f.part(
        ActingWithoutConsent, doc="where the council proceeds or shares information without consent: the grounds"
    )

    @property
    def refused(self) -> bool:
        """Consent to the referral, to sharing information or to the enquiry was refused."""
        return ConsentStatus.REFUSED in (self.to_referral, self.to_information_sharing, self.to_enquiry)


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class OptionsDiscussion(f.Record):
    """Options explained: "make sure the adult at risk understands any options open to
    them and that they understand why some options may not be available" (LGA Making Safeguarding Personal toolkit).
    """

    explained_on: date | None = f.day(doc="when options were explained")
    options_explained: bool | None = f.flag(doc="the options open were explained")
    unavailable_options_explained: bool | None = f.flag(doc="why some options are not available was explained")
    adult_understood: bool | None = f.flag(doc="the adult (or representative) understood")
    every_option_available: bool | None = f.flag(
        doc="no option the adult wanted was unavailable, so there was none to explain (not applicable)"
    )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ProfessionalCuriosity(f.Record):
    """Professional curiosity: checking that no one is pushing professionals away
    (LGA/ADASS "Myths and realities about Making Safeguarding Personal", 2019, myths 1 and 6).
    """

    coercion_considered: bool | None = f.flag(doc="coercion, control or undue influence was considered")
    coercion_suspected: bool | None = f.flag(doc="it is suspected")
    reasons_for_refusal_explored: bool | None = f.flag(doc="why the adult turns down help was explored")
    notes: str | None = f.text(doc="what was found")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class AdvocacyAssessment(f.Record):
    """The Care Act 2014 s68 test for an independent advocate (Care Act 2014 ss67-68).

    The duty arises where, without an advocate, the adult would have
    *substantial difficulty* in one or more of the four areas below and there
    is no *appropriate person* (s67(5)-(6), mirrored by s68(4)-(5)).
    """

    assessed_on: date | None = f.day(doc="when considered")
    difficulty_understanding: bool | None = f.flag(
        doc="without an advocate the adult would have substantial difficulty in understanding relevant information",
        law="Care Act 2014 s68(3)(a)",
    )
    difficulty_retaining: bool | None = f.flag(
        doc="without an advocate the adult would have substantial difficulty in retaining that information",
        law="Care Act 2014 s68(3)(b)",
    )
    difficulty_using_or_weighing: bool | None = f.flag(
        doc="without an advocate the adult would have substantial difficulty in using or weighing that "
        "information as part of being involved",
        law="Care Act 2014 s68(3)(c)",
    )
    difficulty_communicating: bool | None = f.flag(
        doc="without an advocate the adult would have substantial difficulty in communicating their "
        "views, wishes or feelings",
        law="Care Act 2014 s68(3)(d)",
    )
    appropriate_person_available: bool | None = f.flag(
        doc=(
            "the authority is satisfied an appropriate person, not paid or professional, is available to "
            "represent and support the adult"
        ),
        law="Care Act 2014 s68(4)-(5), s67(5)-(6)",
    )
    appropriate_person_id: str | None = f.opt_ident(
        doc="the ``person_id`` of the representative who is the appropriate person"
    )
    advocate_declined: bool | None = f.flag(
        doc="the adult, having capacity to decide it, declined an independent advocate"
    )
    advocate_declined_reason: str | None = f.text(doc="why the adult declined an advocate, in their words")

    @property
    def substantial_difficulty(self) -> bool | None:
        """True if any area shows substantial difficulty; None if none was assessed."""
        answers = (
            self.difficulty_understanding,
            self.difficulty_retaining,
            self.difficulty_using_or_weighing,
            self.difficulty_communicating,
        )
        if any(a is True for a in answers):
            return True
        if all(a is None for a in answers):
            return None
        return False

    @property
    def advocate_required(self) -> bool:
        """The s68 duty applies: substantial difficulty, and the authority is not satisfied that an
        appropriate person is available (s67(5), mirrored by s68(4)-(5)): an unanswered
        appropriate-person question does not lift the duty."""
        return self.substantial_difficulty is True and self.appropriate_person_available is not True


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Section42Decision(f.Record):
    """The decision whether the s42 duty applies, and what follows.

    The three s42(1) conditions are recorded separately, each as whether there is
    *reasonable cause to suspect* it (Care Act 2014 s42(1)): the decision records
    suspicion, not proof. A section 42 enquiry needs all three; once one is judged
    not met the others need not be recorded, and the route is an other enquiry
    (with its reason) or no enquiry (with the exit routes taken).
    """

    has_care_and_support_needs: bool | None = f.flag(
        doc="there is reasonable cause to suspect the adult has needs for care and support",
        law="Care Act 2014 s42(1)(a)",
    )
    experiencing_or_at_risk_of_abuse: bool | None = f.flag(
        doc="there is reasonable cause to suspect the adult is experiencing, or is at risk of, abuse or neglect",
        law="Care Act 2014 s42(1)(b)",
    )
    unable_to_protect_self: bool | None = f.flag(
        doc="there is reasonable cause to suspect that, as a result of those needs, the adult is unable to "
        "protect themselves against the abuse or neglect or the risk of it",
        law="Care Act 2014 s42(1)(c)",
    )
    route: EnquiryRoute | None = f.code(EnquiryRoute, doc="section 42 enquiry, other enquiry or no enquiry")
    other_enquiry_reason: str | None = f.text(doc="why an other enquiry")
    exit_routes: tuple[ExitRoute, ...] = f.many(
        ExitRoute, "an ExitRoute code", doc="what was done instead of an enquiry"
    )
    decided_on: date | None = f.day(doc="when")
    decided_by: Actor | None = f.part(Actor, doc="who")
    rationale: str | None = f.text(doc="the reasoning")
    duplicate_of: str | None = f.opt_ident(
        doc="for the exit route ``duplicate_of_open_concern``, the id of the open concern it duplicates"
    )

    @property
    def conditions(self) -> tuple[bool | None, bool | None, bool | None]:
        """The three s42(1) conditions, (a), (b), (c)."""
        return (self.has_care_and_support_needs, self.experiencing_or_at_risk_of_abuse, self.unable_to_protect_self)

    @property
    def conditions_met(self) -> bool:
        """All three s42(1) conditions are recorded as met."""
        return all(c is True for c in self.conditions)


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Enquiry(f.Record):
    """The enquiry a concern led to: section 42 or other."""

    enquiry_id: str | None = f.opt_ident(doc="pseudonymous id")
    enquiry_type: EnquiryType | None = f.code(
        EnquiryType, doc="section 42 or other; must agree with the decision's route", sac="SG1"
    )
    started_on: date | None = f.day(doc="when it started (SG1 counts enquiries by this date)", sac="SG1")
    lead: Actor | None = f.part(Actor, doc="who leads it")
    concluded_on: date | None = f.day(doc="when it concluded (SG2-SG4 count by this date)", sac="SG2")
    capacity_lacked: CapacityLacked | None = f.code(
        CapacityLacked, doc="SG3a, for a concluded section 42 enquiry", sac="SG3a"
    )
    advocacy_support: bool | None = f.flag(
        doc=("SG3a sub-item: where the adult lacked capacity, support was provided by an advocate, family or friend"),
        sac="SG3a",
    )
    caused: CausedEnquiry | None = f.part(
        CausedEnquiry,
        doc="where the council caused another organisation to make the enquiry: who, the scope, the report, the check",
        law="Care Act 2014 s42(2)",
    )
    outcomes_achieved: OutcomeAchievement | None = f.code(
        OutcomeAchievement,
        doc=("SG4a achieved value for the enquiry (see :func:`msp.model.outcomes.overall_achievement` to derive it)"),
        sac="SG4a",
    )

    def __attrs_post_init__(self) -> None:
        if f.not_before(self.concluded_on, self.started_on):
            f.check_all([f.order_problem("$.concluded_on", "enquiry concluded before it started")])


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class SafeguardingAdultsReview(f.Record):
    """Consideration of a Safeguarding Adults Review under Care Act 2014 s44."""

    considered: bool | None = f.flag(doc="a SAR was considered")
    joint_working_concern: bool | None = f.flag(
        doc="reasonable cause for concern about how agencies worked together, s44(1)(a)"
    )
    adult_died: bool | None = f.flag(doc="s44(2)(a)")
    death_from_abuse_or_neglect_suspected: bool | None = f.flag(doc="s44(2)(b)")
    serious_abuse_or_neglect_suspected: bool | None = f.flag(doc="s44(3)(b), adult alive")
    referred: bool | None = f.flag(doc="referred to the Safeguarding Adults Board")
    reason: str | None = f.text(doc="why referred or not")

    @property
    def criteria_may_be_met(self) -> bool:
        """The s44(1) criteria for a mandatory review may be met (see :meth:`criteria_may_be_met_for`)."""
        return self.criteria_may_be_met_for(adult_died=None)

    def criteria_may_be_met_for(self, *, adult_died: bool | None) -> bool:
        """The s44(1) criteria may be met: a joint-working concern, and condition 1 (the adult died and
        abuse or neglect is suspected to have caused it) or condition 2 (the adult is alive and serious
        abuse or neglect is suspected).

        Args:
            adult_died: what the rest of the record says (e.g. the adult's date of death); the adult
                is taken to have died if either this or :attr:`adult_died` says so.
        """
        if self.joint_working_concern is not True:
            return False
        died = adult_died is True or self.adult_died is True
        if died:
            return self.death_from_abuse_or_neglect_suspected is True
        return self.serious_abuse_or_neglect_suspected is True


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Closure(f.Record):
    """Closing the case: the closure checklist of the London Multi-Agency Adult Safeguarding Policy and Procedures."""

    closed_on: date | None = f.day(doc="when")
    reason: ClosureReason | None = f.code(ClosureReason, doc="why")
    adults_view: str | None = f.text(doc="the adult's views on closure")
    adult_agrees: bool | None = f.flag(doc="the adult agrees to closure")
    feedback_to_referrer: bool | None = f.flag(doc="feedback was given to the referrer")
    person_alleged_action_considered: bool | None = f.flag(
        doc="action about the person alleged to have caused harm was considered (LGA/ADASS "
        '"Myths and realities about Making Safeguarding Personal", 2019, myth 3)'
    )
    person_alleged_action: str | None = f.text(doc="what")
    risk_to_others_considered: bool | None = f.flag(doc="risk to other adults or children was considered")
    safety_advice_given: bool | None = f.flag(
        doc="advice on staying safe, and whom to contact if concerns recur, was given"
    )
    sar: SafeguardingAdultsReview | None = f.part(
        SafeguardingAdultsReview, doc="Safeguarding Adults Review consideration"
    )


_AFTER_RECEIPT = (
    ("$.contact.spoken_to_on", "spoken-to date"),
    ("$.contact.seen_alone_on", "seen-alone date"),
    ("$.decision.decided_on", "section 42 decision"),
    ("$.enquiry.started_on", "enquiry start"),
    ("$.enquiry.concluded_on", "enquiry conclusion"),
    ("$.closure.closed_on", "closure"),
)
"""Dates that cannot come before the concern was received: their paths and names in messages."""


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Concern(f.Record):
    """One safeguarding concern about one adult, and everything that follows from it."""

    concern_id: str = f.ident(doc="pseudonymous id")
    adult: Adult = f.required_part(Adult, doc="the adult at risk")
    received_on: date = f.required_day(
        doc="when the concern was received (SG1 counts concerns by this date)", sac="SG1"
    )
    team: str | None = f.text(personal=False, doc="the team responsible, for audit breakdowns")
    raised_by: Referrer | None = f.part(Referrer, doc="who raised it (role or agency)")
    provider: ProviderInvolved | None = f.part(
        ProviderInvolved, doc="the provider and location the concern is about, by public identifiers"
    )
    links: tuple[ConcernLink, ...] = f.many(
        ConcernLink, "a link", doc="other concerns about the same adult, location or person alleged"
    )
    organisational_enquiry: OrganisationalEnquiry | None = f.part(
        OrganisationalEnquiry, doc="the organisational (large-scale) enquiry the concern belongs to"
    )
    risks: tuple[Risk, ...] = f.many(Risk, "a risk", doc="the alleged risks")
    people_alleged: tuple[PersonAllegedToHaveCausedHarm, ...] = f.many(
        PersonAllegedToHaveCausedHarm,
        "a person alleged to have caused harm",
        doc="the people alleged to have caused harm, each linked to the risks they relate to",
    )
    immediate_safety: ImmediateSafety | None = f.part(ImmediateSafety, doc="immediate safety at the concern stage")
    contact: Contact | None = f.part(Contact, doc="contact with the adult")
    views: AdultsViews | None = f.part(AdultsViews, doc="the adult's views and the reasons behind their wishes")
    consent: Consent | None = f.part(
        Consent, doc="consent to the referral, to information sharing and to the enquiry, and acting without it"
    )
    crime: CrimeAndPolice | None = f.part(CrimeAndPolice, doc="whether a crime may have been committed; the police")
    children: ChildrenAtRisk | None = f.part(ChildrenAtRisk, doc="whether a child may be at risk of harm")
    msp_asked: MspAsked | None = f.code(
        MspAsked, doc="SG4a: was the adult or representative asked their desired outcomes?", sac="SG4a"
    )
    msp_not_asked_reason: str | None = f.text(doc="why not")
    desired_outcomes: tuple[DesiredOutcome, ...] = f.many(
        DesiredOutcome, "a desired outcome", doc="the outcomes, in the person's own words"
    )
    options: OptionsDiscussion | None = f.part(OptionsDiscussion, doc="options explained")
    curiosity: ProfessionalCuriosity | None = f.part(ProfessionalCuriosity, doc="professional curiosity")
    advocacy: AdvocacyAssessment | None = f.part(AdvocacyAssessment, doc="the s68 advocacy test")
    capacity_decisions: tuple[CapacityDecision, ...] = f.many(
        CapacityDecision, "a capacity decision", doc="Mental Capacity Act decisions in this case"
    )
    decision: Section42Decision | None = f.part(Section42Decision, doc="the section 42 decision")
    enquiry: Enquiry | None = f.part(Enquiry, doc="the enquiry, where one went ahead")
    pauses: tuple[EnquiryPause, ...] = f.many(
        EnquiryPause, "a pause", doc="pauses of the enquiry while a police-led or court process runs, oldest first"
    )
    plan: RiskPlan | None = f.part(RiskPlan, doc="the safeguarding plan")
    liberty: DeprivationOfLiberty | None = f.part(
        DeprivationOfLiberty, doc="whether a protective measure deprives the adult of liberty, and its authorisation"
    )
    meetings: tuple[Meeting, ...] = f.many(
        Meeting, "a meeting", doc="strategy discussions, case conferences and multi-agency risk panels"
    )
    escalations: tuple[Escalation, ...] = f.many(
        Escalation, "an escalation", doc="escalations at any stage (the plan keeps the one made within it)"
    )
    route_changes: tuple[RouteChange, ...] = f.many(
        RouteChange, "a route change", doc="changes of the enquiry's route without closing the case, oldest first"
    )
    closure: Closure | None = f.part(Closure, doc="closure")
    feedback: AdultsFeedback | None = f.part(
        AdultsFeedback, doc="the adult's feedback on their experience (MSP Outcomes Framework questions 4-7)"
    )
    stage: CaseStage = f.required_code(CaseStage, CaseStage.CONCERN_RECEIVED, doc="where the case is in the process")
    history: tuple[HistoryEntry, ...] = f.many(
        HistoryEntry, "a history entry", doc="the workflow history, oldest first"
    )
    extensions: tuple[Extension, ...] = f.many(
        Extension,
        "an extension value",
        doc="values of local extensions (data items a council or vendor registered), one per extension",
    )

    def __attrs_post_init__(self) -> None:
        problems = self._date_order_problems()
        if self.extensions:
            problems.extend(self._extension_problems())
        route = None if self.decision is None else self.decision.route
        enquiry_type = None if self.enquiry is None else self.enquiry.enquiry_type
        if route is not None and enquiry_type is not None and route.enquiry_type is not enquiry_type:
            problems.append(
                Problem(
                    code="SHAPE-CONFLICT",
                    path="$.enquiry.enquiry_type",
                    message="enquiry type contradicts the route in the section 42 decision",
                ),
            )
        f.check_all(problems)

    def _date_order_problems(self) -> list[Problem]:
        """Dates that cannot be true: the concern is the start of everything.

        Runs for every record built, so it reads the dates straight from the parts
        present and builds nothing unless a date is out of order.
        """
        received = self.received_on
        problems: list[Problem] = []
        if f.not_before(received, self.adult.date_of_birth):
            problems.append(f.order_problem("$.received_on", "concern received before the adult's date of birth"))
        decision, enquiry, closure, contact = self.decision, self.enquiry, self.closure, self.contact
        decided_on = None if decision is None else decision.decided_on
        started_on = concluded_on = None
        if enquiry is not None:
            started_on, concluded_on = enquiry.started_on, enquiry.concluded_on
        closed_on = None if closure is None else closure.closed_on
        spoken_to_on = seen_alone_on = None
        if contact is not None:
            spoken_to_on, seen_alone_on = contact.spoken_to_on, contact.seen_alone_on
        if received is not None:
            dates = (spoken_to_on, seen_alone_on, decided_on, started_on, concluded_on, closed_on)
            for value, (path, what) in zip(dates, _AFTER_RECEIPT, strict=True):
                if value is not None and value < received:
                    problems.append(f.order_problem(path, f"{what} is before the concern was received"))
        if f.not_before(started_on, decided_on):
            problems.append(f.order_problem("$.enquiry.started_on", "enquiry started before the decision"))
        if f.not_before(closed_on, concluded_on):
            problems.append(f.order_problem("$.closure.closed_on", "case closed before the enquiry concluded"))
        if self.pauses:
            problems.extend(self._pause_problems(started_on))
        return problems

    def _pause_problems(self, started_on: date | None) -> list[Problem]:
        """Pauses in order, each after the enquiry started and after the one before it ended."""
        problems: list[Problem] = []
        previous_end: date | None = started_on
        for i, pause in enumerate(self.pauses):
            if previous_end is not None and pause.paused_on < previous_end:
                what = "enquiry started" if i == 0 else "previous pause ended"
                problems.append(f.order_problem(f"$.pauses[{i}].paused_on", f"paused before the {what}"))
            if pause.resumed_on is None and i < len(self.pauses) - 1:
                problems.append(
                    Problem(
                        code="SHAPE-CONFLICT",
                        path=f"$.pauses[{i}].resumed_on",
                        message="a pause that never ended is followed by another",
                    )
                )
            previous_end = pause.resumed_on if pause.resumed_on is not None else pause.paused_on
        return problems

    def _extension_problems(self) -> list[Problem]:
        """One value per extension."""
        seen: set[str] = set()
        problems: list[Problem] = []
        for i, extension in enumerate(self.extensions):
            if extension.name in seen:
                problems.append(
                    Problem(
                        code="SHAPE-CONFLICT",
                        path=f"$.extensions[{i}].name",
                        message="an extension is given twice: give one value per extension",
                    )
                )
            seen.add(extension.name)
        return problems

    def extension(self, name: str) -> str | int | bool | date | None:
        """The value of the local extension ``name`` (:mod:`msp.model.extensions`), or ``None`` if not recorded.

        Custom rules read local data items this way.
        """
        for extension in self.extensions:
            if extension.name == name:
                return extension.value
        return None

    @property
    def paused(self) -> bool:
        """The enquiry is paused now: its last pause has not ended."""
        return bool(self.pauses) and self.pauses[-1].resumed_on is None

    @property
    def enquiry_type(self) -> EnquiryType | None:
        """The enquiry type, from the enquiry or else from the decision's route."""
        if self.enquiry is not None and self.enquiry.enquiry_type is not None:
            return self.enquiry.enquiry_type
        if self.decision is not None and self.decision.route is not None:
            return self.decision.route.enquiry_type
        return None

    @property
    def is_section_42(self) -> bool:
        """The concern led to a section 42 enquiry."""
        return self.enquiry_type is EnquiryType.SECTION_42

    @property
    def concluded_on(self) -> date | None:
        """When the enquiry concluded, if it has."""
        return None if self.enquiry is None else self.enquiry.concluded_on
