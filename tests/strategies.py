"""Hypothesis strategies for every record class in msp.

Every strategy builds records that satisfy the construction invariants (dates
in order, codes that agree with each other, timezone-aware date-times, ids that
match :data:`msp.model._fields.ID_PATTERN`, non-blank text), so drawing never raises.
Text comes from a small vocabulary of obviously fictional words (with some
non-ASCII, quotes, a backslash and a newline to exercise JSON escaping); no real
person's details are ever generated.

Each strategy takes ``mode``: ``"empty"`` leaves every optional field unset (a
fresh draft), ``"full"`` fills every field (lists get at least one item),
``"mixed"`` fills some, and ``None`` (the default) picks one of the three for
each record, nested records included. An explicit mode applies at every depth.

``STRATEGIES`` maps each class to its strategy function; :func:`records` draws
from all of them.

For speed, nested records are built by plain builder functions that share the
outer ``draw`` (no strategy objects are created while drawing), and dates that
must come after another date are drawn as an offset from it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from msp import (
    ActingWithoutConsent,
    Actor,
    Adult,
    AdultsFeedback,
    AdultsViews,
    AdvocacyAssessment,
    Advocate,
    Attendee,
    BestInterestsDecision,
    CapacityDecision,
    CausedEnquiry,
    ChildrenAtRisk,
    Closure,
    Concern,
    ConcernLink,
    Consent,
    Consultee,
    Contact,
    CrimeAndPolice,
    DeprivationOfLiberty,
    DesiredOutcome,
    DomesticAbuse,
    Enquiry,
    EnquiryPause,
    Escalation,
    Extension,
    ExtensionDefinition,
    ExtensionType,
    FeedbackAnswer,
    FunctionalElement,
    HistoryEntry,
    ImmediateSafety,
    LivingWithRisk,
    Meeting,
    OptionsDiscussion,
    OrganisationalEnquiry,
    PersonAllegedToHaveCausedHarm,
    PersonInvolved,
    PlanAction,
    ProfessionalCuriosity,
    ProviderInvolved,
    Referrer,
    Representative,
    Risk,
    RiskPlan,
    RouteChange,
    SafeguardingAdultsReview,
    Section42Decision,
    Strength,
)
from msp import codes as c
from msp.codes.mappings import DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON
from msp.model.history import chain_digests
from msp.workflow.timescales import DEFAULT_RISK_SCALE
from tests import builders as b
from tests.builders import SUITE_EXTENSIONS

_T = TypeVar("_T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

MODES = ("empty", "mixed", "full")

#: Fictional words only: no real names, places or case details.
WORDS = (
    "Zoë",
    "Ærin",
    "Łukasz-example",
    "fictional",
    "example",
    "sample",
    "kettle",
    "garden",
    "café",
    "naïve",
    "tea",
    "bus pass",
    "Sunday",
    "library",
    "neighbour (fictional)",
    "key worker",
    "日本語",
    'said "no"',
    "back\\slash",
    "semi;colon",
    "façade",
    "test-only",
)

#: Phrases built from WORDS once, so drawing text costs one choice.
PHRASES = (
    *WORDS,
    *(f"{a} {b}" for a, b in zip(WORDS, reversed(WORDS), strict=True)),
    " ".join(WORDS),
    "line one\nline two (fictional)",
    "x" * 500,
)

ROLES = ("social worker", "team manager", "care home manager", "GP", "police officer", "advocate", "nurse")
AGENCIES = ("care provider", "NHS trust", "police", "family", "housing", "voluntary sector")
LANGUAGES = ("English", "Welsh", "Polish", "Urdu", "British Sign Language", "Français")
TEAMS = ("Team North (fictional)", "Team Zoë", "Duty team")

DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2035, 12, 31)
RECEIVED_MIN = date(2015, 4, 1)
RECEIVED_MAX = date(2030, 3, 31)

# -- primitives ------------------------------------------------------------------

ids = st.one_of(
    st.builds("{}{}".format, st.sampled_from(("C-", "A-", "E-", "u_", "CD.", "case:", "team/")), st.integers(0, 10**6)),
    st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._:/-]{0,15}\Z", fullmatch=True),
)
texts = st.sampled_from(PHRASES)
#: Public ids of providers and locations: obviously fictional CQC-like ids (``1-000000123``) or any id.
public_ids = st.one_of(st.integers(0, 10**4).map("1-{:09d}".format), ids)
roles = st.sampled_from(ROLES)
agencies = st.sampled_from(AGENCIES)
days = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)
received_days = st.dates(min_value=RECEIVED_MIN, max_value=RECEIVED_MAX)
moments = st.datetimes(
    min_value=datetime(2015, 1, 1),  # noqa: DTZ001 - bounds for aware datetimes are naive
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(
        [
            timezone.utc,
            timezone(timedelta(hours=1)),
            timezone(timedelta(hours=-5)),
            timezone(timedelta(hours=5, minutes=30)),
            timezone(timedelta(hours=-9, minutes=-30)),
        ]
    ),
)
#: SHA-256 hex digests (random: they seal nothing unless a concern's history is chained).
digests = st.binary(min_size=32, max_size=32).map(bytes.hex)
#: Days between two events in a case (up to a little over a year).
gaps = st.integers(min_value=0, max_value=400).map(lambda n: timedelta(days=n))
#: Days in a life: an age of 0 to about 110 years.
lifetimes = st.integers(min_value=0, max_value=40_000).map(lambda n: timedelta(days=n))

_MODE = st.sampled_from(MODES)
_BOOL = st.booleans()
_COUNT = {"mixed": st.integers(0, 3), "full": st.integers(1, 3)}
_COUNT_SMALL = {"mixed": st.integers(0, 2), "full": st.integers(1, 2)}


@functools.cache
def codes(enum: type[c.CodeList]) -> st.SearchStrategy[Any]:
    """Any member of a code list."""
    return st.sampled_from(list(enum))


class _Fill:
    """Decides, per optional field, whether to fill it (by the record's mode)."""

    def __init__(self, draw: Draw, mode: str | None) -> None:
        self.draw = draw
        self.mode: str = mode if mode is not None else draw(_MODE)

    def present(self) -> bool:
        return self.mode == "full" or (self.mode == "mixed" and self.draw(_BOOL))

    def opt(self, strategy: st.SearchStrategy[_T]) -> _T | None:
        return self.draw(strategy) if self.present() else None

    def build(self, builder: Callable[[], _T]) -> _T | None:
        return builder() if self.present() else None

    def count(self, *, small: bool = False) -> int:
        if self.mode == "empty":
            return 0
        return self.draw((_COUNT_SMALL if small else _COUNT)[self.mode])

    def many(self, strategy: st.SearchStrategy[_T], *, small: bool = False) -> tuple[_T, ...]:
        return tuple(self.draw(strategy) for _ in range(self.count(small=small)))

    def build_many(self, builder: Callable[[], _T], *, small: bool = False) -> tuple[_T, ...]:
        return tuple(builder() for _ in range(self.count(small=small)))

    def flag(self) -> bool | None:
        return self.opt(_BOOL)

    def code(self, enum: type[c.CodeList]) -> Any:
        return self.opt(codes(enum))

    def text(self) -> str | None:
        return self.opt(texts)

    def day(self, not_before: date | None = None) -> date | None:
        """An optional date, on or after ``not_before`` where given."""
        if not self.present():
            return None
        return self.draw(days) if not_before is None else not_before + self.draw(gaps)


# -- builders: plain functions sharing the outer draw ------------------------------


def _strength(draw: Draw, mode: str | None) -> Strength:
    f = _Fill(draw, mode)
    return Strength(kind=draw(codes(c.StrengthKind)), description=f.text())


def _person_involved(draw: Draw, mode: str | None) -> PersonInvolved:
    f = _Fill(draw, mode)
    return PersonInvolved(
        person_id=f.opt(ids),
        relationship=f.text(),
        adult_wants_involved=f.flag(),
        involved=f.flag(),
    )


def _representative(draw: Draw, mode: str | None) -> Representative:
    f = _Fill(draw, mode)
    return Representative(
        kind=draw(codes(c.RepresentativeKind)),
        person_id=f.opt(ids),
        relationship=f.text(),
        registered=f.flag(),
        paid_or_professional=f.flag(),
        involved=f.flag(),
        adult_consents=f.flag(),
        in_best_interests=f.flag(),
        implicated_in_enquiry=f.flag(),
    )


def _advocate(draw: Draw, mode: str | None) -> Advocate:
    f = _Fill(draw, mode)
    requested_on = f.day()
    return Advocate(
        kind=draw(codes(c.AdvocateKind)),
        advocate_id=f.opt(ids),
        requested_on=requested_on,
        instructed_on=f.day(requested_on),
        involved=f.flag(),
        acting_as_care_act_advocate=f.flag(),
    )


def _adult(draw: Draw, mode: str | None, born_by: date | None = None) -> Adult:
    f = _Fill(draw, mode)
    dob = None
    if f.present():
        dob = (born_by or RECEIVED_MAX) - draw(lifetimes)
    death = None
    if f.present():
        death = (dob or date(1950, 1, 1)) + draw(lifetimes)
    detail = f.code(c.DetailedPrimarySupportReason)
    if detail is None:
        group = f.code(c.PrimarySupportReason)
    else:
        group = DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[detail] if f.present() else None
    return Adult(
        adult_id=draw(ids),
        date_of_birth=dob,
        date_of_death=death,
        gender_identity=f.code(c.NhsGenderIdentity),
        ethnic_category=f.code(c.NhsEthnicCategory),
        census_2021_ethnic_group=f.code(c.Census2021EthnicGroup),
        primary_support_reason=group,
        primary_support_reason_detail=detail,
        health_conditions=tuple(dict.fromkeys(f.many(codes(c.HealthCondition), small=True))),
        has_care_and_support_needs=f.flag(),
        communication_needs=f.text(),
        preferred_language=f.opt(st.sampled_from(LANGUAGES)),
        interpreter_needed=f.flag(),
        communication_support_needed=f.flag(),
        strengths=f.build_many(lambda: _strength(draw, mode)),
        people_involved=f.build_many(lambda: _person_involved(draw, mode)),
        representatives=f.build_many(lambda: _representative(draw, mode), small=True),
        advocates=f.build_many(lambda: _advocate(draw, mode), small=True),
    )


def _desired_outcome(draw: Draw, mode: str | None, not_before: date | None = None) -> DesiredOutcome:
    f = _Fill(draw, mode)
    return DesiredOutcome(
        in_own_words=draw(texts),
        expressed_by=draw(codes(c.ExpressedBy)),
        recorded_on=f.day(not_before),
        achievement=f.code(c.OutcomeAchievement),
        adults_view=f.text(),
        evaluated_with_adult=f.flag(),
    )


def _functional_element(draw: Draw, mode: str | None) -> FunctionalElement:
    f = _Fill(draw, mode)
    return FunctionalElement(able=f.flag(), evidence=f.text())


def _consultee(draw: Draw, mode: str | None) -> Consultee:
    f = _Fill(draw, mode)
    return Consultee(kind=draw(codes(c.ConsulteeKind)), person_id=f.opt(ids), views=f.text())


def _best_interests(draw: Draw, mode: str | None, not_before: date | None = None) -> BestInterestsDecision:
    f = _Fill(draw, mode)
    return BestInterestsDecision(
        decided_on=f.day(not_before),
        decision_maker=f.code(c.DecisionMakerKind),
        decision_maker_role=f.opt(roles),
        decision=f.text(),
        wishes_and_feelings=f.text(),
        beliefs_and_values=f.text(),
        consulted=f.build_many(lambda: _consultee(draw, mode)),
        no_one_appropriate_to_consult_reason=f.text(),
        person_participated=f.text(),
        may_regain_capacity=f.flag(),
        less_restrictive_options_considered=f.flag(),
        less_restrictive_options=f.text(),
    )


def _capacity_decision(draw: Draw, mode: str | None) -> CapacityDecision:
    f = _Fill(draw, mode)
    assessed_on = f.day()
    subject = f.code(c.DecisionSubject)
    # The domain, where given with a subject, is half the time the one the subject belongs to (a recorded
    # domain may also differ from it, or be given for an "other" subject).
    domain = f.code(c.DecisionDomain)
    if subject is not None and subject.domain is not None and domain is not None and draw(_BOOL):
        domain = subject.domain
    return CapacityDecision(
        decision_id=f.opt(ids),
        decision=f.text(),
        subject=subject,
        domain=domain,
        assessed_on=assessed_on,
        assessor_role=f.opt(roles),
        practicable_steps=f.many(texts),
        understand=f.build(lambda: _functional_element(draw, mode)),
        retain=f.build(lambda: _functional_element(draw, mode)),
        use_or_weigh=f.build(lambda: _functional_element(draw, mode)),
        communicate=f.build(lambda: _functional_element(draw, mode)),
        impairment=f.flag(),
        impairment_description=f.text(),
        causal_link=f.flag(),
        causal_link_evidence=f.text(),
        considered_unwise=f.flag(),
        outcome=f.code(c.CapacityOutcome),
        decision_covered_by_attorney_or_deputy=f.flag(),
        imca_considered=f.flag(),
        best_interests=f.build(lambda: _best_interests(draw, mode, assessed_on)),
    )


def _plan_action(draw: Draw, mode: str | None) -> PlanAction:
    f = _Fill(draw, mode)
    status = f.code(c.ActionStatus)
    return PlanAction(
        action=draw(texts),
        owner=f.opt(roles),
        due_on=f.day(),
        immediate=f.flag(),
        **({} if status is None else {"status": status}),
    )


def _living_with_risk(draw: Draw, mode: str | None) -> LivingWithRisk:
    f = _Fill(draw, mode)
    return LivingWithRisk(
        informed_decision=f.flag(),
        understanding=f.text(),
        safety_actions=f.many(texts),
        capacity_decision_id=f.opt(ids),
    )


def _escalation(draw: Draw, mode: str | None, not_before: date | None = None) -> Escalation:
    f = _Fill(draw, mode)
    return Escalation(escalated_on=f.day(not_before), escalated_to=f.opt(roles), reason=f.text(), risk_managed=f.flag())


def _risk_plan(draw: Draw, mode: str | None, not_before: date | None = None) -> RiskPlan:
    f = _Fill(draw, mode)
    agreed_on = f.day(not_before)
    first_review = agreed_on or not_before
    reviewed_on: list[date] = []
    for _ in range(f.count()):
        reviewed_on.append((reviewed_on[-1] if reviewed_on else first_review or draw(days)) + draw(gaps))
    return RiskPlan(
        actions=f.build_many(lambda: _plan_action(draw, mode)),
        developed_with_adult=f.flag(),
        agreed_with_adult=f.flag(),
        agreed_on=agreed_on,
        immediate_risks_considered=f.flag(),
        review_due_on=f.day(agreed_on or not_before),
        reviewed_on=tuple(reviewed_on),
        living_with_risk=f.build(lambda: _living_with_risk(draw, mode)),
        escalation=f.build(lambda: _escalation(draw, mode, not_before)),
    )


def _actor(draw: Draw, mode: str | None = None) -> Actor:
    return Actor(role=draw(roles), user_id=draw(ids))


def _history_entry(draw: Draw, mode: str | None) -> HistoryEntry:
    f = _Fill(draw, mode)
    return HistoryEntry(
        to_stage=draw(codes(c.CaseStage)),
        at=draw(moments),
        actor=_actor(draw),
        from_stage=f.code(c.CaseStage),
        reason=f.text(),
        authorised_by=f.build(lambda: _actor(draw)),
        digest=f.opt(digests),
    )


def _history(draw: Draw, f: _Fill, mode: str | None) -> tuple[HistoryEntry, ...]:
    """A concern's history: its digests left as drawn, all removed, or properly chained."""
    entries = f.build_many(lambda: _history_entry(draw, mode))
    seal = draw(st.sampled_from(("as_drawn", "unsealed", "sealed")))
    if seal == "unsealed":
        return tuple(attrs.evolve(e, digest=None) for e in entries)
    if seal == "sealed":
        return tuple(attrs.evolve(e, digest=d) for e, d in zip(entries, chain_digests(entries), strict=True))
    return entries


def _referrer(draw: Draw, mode: str | None) -> Referrer:
    f = _Fill(draw, mode)
    return Referrer(role=f.opt(roles), agency=f.opt(agencies))


def _risk(draw: Draw, mode: str | None) -> Risk:
    f = _Fill(draw, mode)
    detail = f.code(c.DetailedSourceOfRisk)
    # The source, where given with a detailed source, is the one the detail sits under.
    source = f.code(c.SourceOfRisk) if detail is None else (detail.source if f.present() else None)
    return Risk(
        risk_id=f.opt(ids),
        type_of_risk=f.code(c.TypeOfRisk),
        location=f.code(c.LocationOfRisk),
        source=source,
        source_detail=detail,
        description=f.text(),
        action_and_result=f.code(c.ActionTakenAndResult),
        risk_outcome=f.code(c.RiskOutcome),
    )


# A risk rating at triage: mostly a rating of the default scale (any case), sometimes any text (not on the scale).
_RISK_RATINGS = st.one_of(
    st.sampled_from(DEFAULT_RISK_SCALE),
    st.sampled_from(DEFAULT_RISK_SCALE).map(str.upper),
    st.sampled_from(DEFAULT_RISK_SCALE),
    texts,
)


def _immediate_safety(draw: Draw, mode: str | None, not_before: date | None = None) -> ImmediateSafety:
    f = _Fill(draw, mode)
    return ImmediateSafety(
        assessed_on=f.day(not_before),
        action_needed=f.flag(),
        action_taken=f.text(),
        risk_rating=f.opt(_RISK_RATINGS),
    )


def _contact(draw: Draw, mode: str | None, not_before: date | None = None) -> Contact:
    f = _Fill(draw, mode)
    return Contact(
        spoken_to=f.flag(),
        spoken_to_on=f.day(not_before),
        method=f.code(c.ContactMethod),
        not_spoken_to_reason=f.text(),
        seen_alone=f.flag(),
        seen_alone_on=f.day(not_before),
        not_seen_alone_reason=f.text(),
        interpreter_used=f.flag(),
        interpreted_by=f.code(c.InterpreterKind),
        asked_who_to_involve=f.flag(),
    )


def _adults_views(draw: Draw, mode: str | None, not_before: date | None = None) -> AdultsViews:
    f = _Fill(draw, mode)
    return AdultsViews(
        in_own_words=f.text(),
        reasons=f.text(),
        recorded_on=f.day(not_before),
        wants_no_action=f.flag(),
        declines_support=f.flag(),
    )


def _acting_without_consent(draw: Draw, mode: str | None, not_before: date | None = None) -> ActingWithoutConsent:
    f = _Fill(draw, mode)
    return ActingWithoutConsent(
        grounds=tuple(dict.fromkeys(f.many(codes(c.ConsentGround), small=True))),
        capacity_decision_id=f.opt(ids),
        decided_on=f.day(not_before),
        decided_by=f.build(lambda: _actor(draw)),
        rationale=f.text(),
        adult_told=f.flag(),
        not_told_reason=f.text(),
    )


def _consent(draw: Draw, mode: str | None, not_before: date | None = None) -> Consent:
    f = _Fill(draw, mode)
    return Consent(
        to_referral=f.code(c.ConsentStatus),
        to_information_sharing=f.code(c.ConsentStatus),
        sharing_without_consent_reason=f.text(),
        to_enquiry=f.code(c.ConsentStatus),
        acting_without_consent=f.build(lambda: _acting_without_consent(draw, mode, not_before)),
    )


def _crime_and_police(draw: Draw, mode: str | None, not_before: date | None = None) -> CrimeAndPolice:
    f = _Fill(draw, mode)
    return CrimeAndPolice(
        crime_suspected=f.flag(),
        kinds=tuple(dict.fromkeys(f.many(codes(c.CrimeKind), small=True))),
        police_informed_on=f.day(not_before),
        no_police_reason=f.text(),
        crime_reference=f.opt(ids),
        police_leading=f.flag(),
        adults_view=f.text(),
    )


def _children_at_risk(draw: Draw, mode: str | None, not_before: date | None = None) -> ChildrenAtRisk:
    f = _Fill(draw, mode)
    return ChildrenAtRisk(
        child_may_be_at_risk=f.flag(),
        reasons=tuple(dict.fromkeys(f.many(codes(c.ChildRiskReason), small=True))),
        referred_on=f.day(not_before),
        not_referred_reason=f.text(),
    )


def _domestic_abuse(draw: Draw, mode: str | None, not_before: date | None = None) -> DomesticAbuse:
    """Domestic abuse: a MARAC referral on or after the risk assessment."""
    f = _Fill(draw, mode)
    assessed_on = f.day(not_before)
    return DomesticAbuse(
        personally_connected=f.flag(),
        risk_tool=f.code(c.DomesticAbuseRiskTool),
        risk_level=f.code(c.DomesticAbuseRiskLevel),
        assessed_on=assessed_on,
        marac_referred_on=f.day(assessed_on or not_before),
        no_marac_reason=f.text(),
        idva_involved=f.flag(),
        coercive_control_identified=f.flag(),
    )


def _person_alleged(
    draw: Draw, mode: str | None, not_before: date | None = None, risk_ids: tuple[str, ...] = ()
) -> PersonAllegedToHaveCausedHarm:
    """A person alleged to have caused harm; in a concern, linked to some of its risk ids where it has any."""
    f = _Fill(draw, mode)
    linked = (
        tuple(dict.fromkeys(draw(st.sampled_from(risk_ids)) for _ in range(f.count(small=True))))
        if risk_ids
        else tuple(dict.fromkeys(f.many(ids, small=True)))
    )
    return PersonAllegedToHaveCausedHarm(
        person_id=draw(ids),
        risk_ids=linked,
        relationship=f.code(c.Relationship),
        paid_carer_or_volunteer=f.flag(),
        unpaid_carer=f.flag(),
        carers_assessment_considered=f.flag(),
        has_care_and_support_needs=f.flag(),
        position_of_trust=f.flag(),
        pipot_referred_on=f.day(not_before),
        pipot_not_referred_reason=f.text(),
        dbs_referred_on=f.day(not_before),
        regulator_referred_on=f.day(not_before),
        referral_not_needed_reason=f.text(),
        told_of_concern=f.flag(),
        not_told_reason=f.text(),
        domestic_abuse=f.build(lambda: _domestic_abuse(draw, mode, not_before)),
    )


def _deprivation_of_liberty(draw: Draw, mode: str | None, not_before: date | None = None) -> DeprivationOfLiberty:
    """A deprivation of liberty: authorised on or after the application."""
    f = _Fill(draw, mode)
    applied_on = f.day(not_before)
    return DeprivationOfLiberty(
        amounts_to_deprivation=f.flag(),
        authorisation=f.code(c.LibertyAuthorisation),
        applied_on=applied_on,
        authorised_on=f.day(applied_on or not_before),
        not_authorised_reason=f.text(),
    )


def _enquiry_pause(draw: Draw, mode: str | None, not_before: date | None = None, *, last: bool = True) -> EnquiryPause:
    """A pause on or after ``not_before``; one that is not the last always ends."""
    f = _Fill(draw, mode)
    paused_on = (not_before or draw(days)) + draw(gaps)
    resumed_on = paused_on + draw(gaps) if not last or f.present() else None
    return EnquiryPause(
        paused_on=paused_on,
        resumed_on=resumed_on,
        reason=f.text(),
        police_or_court_led=f.flag(),
    )


def _pauses(draw: Draw, f: _Fill, mode: str | None, started_on: date) -> tuple[EnquiryPause, ...]:
    """A concern's pauses: in order, each after the enquiry started and after the one before ended,
    only the last open."""
    pauses: list[EnquiryPause] = []
    count = f.count(small=True)
    for i in range(count):
        previous = pauses[-1].resumed_on if pauses else started_on
        pauses.append(_enquiry_pause(draw, mode, previous, last=i == count - 1))
    return tuple(pauses)


def _options_discussion(draw: Draw, mode: str | None, not_before: date | None = None) -> OptionsDiscussion:
    f = _Fill(draw, mode)
    return OptionsDiscussion(
        explained_on=f.day(not_before),
        options_explained=f.flag(),
        unavailable_options_explained=f.flag(),
        adult_understood=f.flag(),
        every_option_available=f.flag(),
    )


def _professional_curiosity(draw: Draw, mode: str | None) -> ProfessionalCuriosity:
    f = _Fill(draw, mode)
    return ProfessionalCuriosity(
        coercion_considered=f.flag(),
        coercion_suspected=f.flag(),
        reasons_for_refusal_explored=f.flag(),
        notes=f.text(),
    )


def _advocacy_assessment(draw: Draw, mode: str | None, not_before: date | None = None) -> AdvocacyAssessment:
    f = _Fill(draw, mode)
    return AdvocacyAssessment(
        assessed_on=f.day(not_before),
        difficulty_understanding=f.flag(),
        difficulty_retaining=f.flag(),
        difficulty_using_or_weighing=f.flag(),
        difficulty_communicating=f.flag(),
        appropriate_person_available=f.flag(),
        appropriate_person_id=f.opt(ids),
        advocate_declined=f.flag(),
        advocate_declined_reason=f.text(),
    )


def _section_42_decision(draw: Draw, mode: str | None, decided_on: date | None = None) -> Section42Decision:
    f = _Fill(draw, mode)
    present = f.present()
    return Section42Decision(
        has_care_and_support_needs=f.flag(),
        experiencing_or_at_risk_of_abuse=f.flag(),
        unable_to_protect_self=f.flag(),
        route=f.code(c.EnquiryRoute),
        other_enquiry_reason=f.text(),
        exit_routes=tuple(dict.fromkeys(f.many(codes(c.ExitRoute)))),
        decided_on=(decided_on or draw(days)) if present else None,
        decided_by=f.build(lambda: _actor(draw)),
        rationale=f.text(),
        duplicate_of=f.opt(ids),
    )


def _enquiry(
    draw: Draw,
    mode: str | None,
    *,
    started_on: date | None = None,
    concluded_on: date | None = None,
    route: c.EnquiryRoute | None = None,
) -> Enquiry:
    """An enquiry; in a concern the timeline's dates and the decision's route are passed in."""
    f = _Fill(draw, mode)
    start = (started_on or draw(days)) if f.present() else None
    end = None
    if f.present():
        end = concluded_on or (start or DATE_MIN) + draw(gaps)
    # In a concern the type, where given, is the one the decision's route opens.
    enquiry_type = f.code(c.EnquiryType) if route is None else (route.enquiry_type if f.present() else None)
    return Enquiry(
        enquiry_id=f.opt(ids),
        enquiry_type=enquiry_type,
        started_on=start,
        lead=f.build(lambda: _actor(draw)),
        concluded_on=end,
        capacity_lacked=f.code(c.CapacityLacked),
        advocacy_support=f.flag(),
        caused=f.build(lambda: _caused_enquiry(draw, mode, start)),
        outcomes_achieved=f.code(c.OutcomeAchievement),
    )


def _provider_involved(draw: Draw, mode: str | None, not_before: date | None = None) -> ProviderInvolved:
    f = _Fill(draw, mode)
    return ProviderInvolved(
        kind=f.code(c.OrganisationKind),
        cqc_location_id=f.opt(public_ids),
        cqc_provider_id=f.opt(public_ids),
        ods_code=f.opt(ids),
        cqc_informed_on=f.day(not_before),
        commissioners_informed_on=f.day(not_before),
    )


def _concern_link(draw: Draw, mode: str | None) -> ConcernLink:
    return ConcernLink(concern_id=draw(ids), reason=draw(codes(c.LinkReason)))


def _organisational_enquiry(draw: Draw, mode: str | None) -> OrganisationalEnquiry:
    """An organisational enquiry: ended on or after it started."""
    f = _Fill(draw, mode)
    started_on = f.day()
    return OrganisationalEnquiry(
        enquiry_id=draw(ids),
        lead=f.opt(agencies),
        cqc_location_id=f.opt(public_ids),
        started_on=started_on,
        ended_on=f.day(started_on),
    )


def _caused_enquiry(draw: Draw, mode: str | None, not_before: date | None = None) -> CausedEnquiry:
    """An enquiry caused to be made: due and received on or after the request, checked on or after receipt."""
    f = _Fill(draw, mode)
    requested_on = f.day(not_before)
    report_received_on = f.day(requested_on or not_before)
    return CausedEnquiry(
        organisation_kind=f.code(c.OrganisationKind),
        organisation_id=f.opt(public_ids),
        scope=f.text(),
        requested_on=requested_on,
        due_on=f.day(requested_on or not_before),
        report_received_on=report_received_on,
        quality_check=f.code(c.QualityCheckOutcome),
        checked_on=f.day(report_received_on or requested_on or not_before),
        checked_by=f.opt(roles),
    )


def _attendee(draw: Draw, mode: str | None) -> Attendee:
    f = _Fill(draw, mode)
    return Attendee(role=draw(roles), agency=f.opt(agencies), is_the_adult_or_representative=f.flag())


def _meeting(draw: Draw, mode: str | None, not_before: date | None = None) -> Meeting:
    f = _Fill(draw, mode)
    return Meeting(
        kind=draw(codes(c.MeetingKind)),
        held_on=(not_before or draw(days)) + draw(gaps),
        attendees=f.build_many(lambda: _attendee(draw, mode)),
        decisions=f.many(texts, small=True),
        actions=f.build_many(lambda: _plan_action(draw, mode), small=True),
    )


def _route_change(draw: Draw, mode: str | None, not_before: date | None = None) -> RouteChange:
    f = _Fill(draw, mode)
    return RouteChange(
        changed_on=(not_before or draw(days)) + draw(gaps),
        from_route=draw(codes(c.EnquiryRoute)),
        to_route=draw(codes(c.EnquiryRoute)),
        reason=f.text(),
        decided_by=f.opt(roles),
    )


def _safeguarding_adults_review(draw: Draw, mode: str | None) -> SafeguardingAdultsReview:
    f = _Fill(draw, mode)
    return SafeguardingAdultsReview(
        considered=f.flag(),
        joint_working_concern=f.flag(),
        adult_died=f.flag(),
        death_from_abuse_or_neglect_suspected=f.flag(),
        serious_abuse_or_neglect_suspected=f.flag(),
        referred=f.flag(),
        reason=f.text(),
    )


def _closure(draw: Draw, mode: str | None, closed_on: date | None = None) -> Closure:
    f = _Fill(draw, mode)
    return Closure(
        closed_on=(closed_on or draw(days)) if f.present() else None,
        reason=f.code(c.ClosureReason),
        adults_view=f.text(),
        adult_agrees=f.flag(),
        feedback_to_referrer=f.flag(),
        person_alleged_action_considered=f.flag(),
        person_alleged_action=f.text(),
        risk_to_others_considered=f.flag(),
        safety_advice_given=f.flag(),
        sar=f.build(lambda: _safeguarding_adults_review(draw, mode)),
    )


def _feedback_answer(draw: Draw, mode: str | None) -> FeedbackAnswer:
    f = _Fill(draw, mode)
    return FeedbackAnswer(option=f.opt(st.sampled_from(("Invented option A", "Invented option B"))), positive=f.flag())


def _adults_feedback(draw: Draw, mode: str | None, closed_on: date | None = None) -> AdultsFeedback:
    """Answers only where the questions were asked (or whether they were is not recorded); a full record
    is always asked."""
    f = _Fill(draw, mode)
    asked = c.FeedbackAsked.ASKED if f.mode == "full" else f.code(c.FeedbackAsked)
    answered = asked in (None, c.FeedbackAsked.ASKED)

    def answer() -> FeedbackAnswer | None:
        return f.build(lambda: _feedback_answer(draw, mode)) if answered else None

    return AdultsFeedback(
        asked=asked,
        not_possible_reason=f.text(),
        answered_by=f.code(c.FeedbackRespondent),
        asked_on=f.day(closed_on),
        asked_by=f.code(c.FeedbackAskedBy),
        question_4=answer(),
        question_5=answer(),
        question_6=answer(),
        question_7=answer(),
        comments=f.text(),
    )


_EXTENSION_VALUES: dict[ExtensionType, st.SearchStrategy[Any]] = {
    ExtensionType.TEXT: texts,
    ExtensionType.IDENTIFIER: ids,
    ExtensionType.INTEGER: st.integers(0, 10),
    ExtensionType.FLAG: _BOOL,
    ExtensionType.DATE: days,
}


def _extension(draw: Draw, definition: ExtensionDefinition) -> Extension:
    """A value of one of the suite's registered extensions (tests/conftest.py)."""
    if definition.type is ExtensionType.CODE:
        value = draw(st.sampled_from(sorted(definition.code_values)))
    else:
        value = draw(_EXTENSION_VALUES[definition.type])
    return Extension(name=definition.name, **{definition.type.slot: value})


def _extensions(draw: Draw, f: _Fill) -> tuple[Extension, ...]:
    """Values of the suite's extensions, one per extension: all of them in "full" mode (every slot filled)."""
    if f.mode == "empty":
        return ()
    chosen = SUITE_EXTENSIONS if f.mode == "full" else draw(st.lists(st.sampled_from(SUITE_EXTENSIONS), unique=True))
    return tuple(_extension(draw, d) for d in chosen)


def _any_extension(draw: Draw, mode: str | None) -> Extension:
    """A value of any of the suite's extensions (the mode changes nothing: one slot is filled)."""
    del mode
    return _extension(draw, draw(st.sampled_from(SUITE_EXTENSIONS)))


def _concern(draw: Draw, mode: str | None) -> Concern:
    """A concern on one timeline: birth <= received <= decided <= started <=
    concluded <= closed, every other case date on or after receipt, and an
    enquiry type that agrees with the decision's route."""
    f = _Fill(draw, mode)
    received_on = draw(received_days)
    decided = received_on + draw(gaps)
    started = decided + draw(gaps)
    concluded = started + draw(gaps)
    closed = concluded + draw(gaps)
    decision = f.build(lambda: _section_42_decision(draw, mode, decided))
    route = None if decision is None else decision.route
    enquiry = f.build(lambda: _enquiry(draw, mode, started_on=started, concluded_on=concluded, route=route))
    # Pauses come after the enquiry started (the timeline's start, whether or not the enquiry records it).
    pauses = _pauses(draw, f, mode, started)
    risks = f.build_many(lambda: _risk(draw, mode))
    risk_ids = tuple(r.risk_id for r in risks if r.risk_id is not None)
    return Concern(
        concern_id=draw(ids),
        adult=_adult(draw, mode, born_by=received_on),
        received_on=received_on,
        team=f.opt(st.sampled_from(TEAMS)),
        raised_by=f.build(lambda: _referrer(draw, mode)),
        provider=f.build(lambda: _provider_involved(draw, mode, received_on)),
        links=f.build_many(lambda: _concern_link(draw, mode), small=True),
        organisational_enquiry=f.build(lambda: _organisational_enquiry(draw, mode)),
        risks=risks,
        people_alleged=f.build_many(lambda: _person_alleged(draw, mode, received_on, risk_ids), small=True),
        immediate_safety=f.build(lambda: _immediate_safety(draw, mode, received_on)),
        contact=f.build(lambda: _contact(draw, mode, received_on)),
        views=f.build(lambda: _adults_views(draw, mode, received_on)),
        consent=f.build(lambda: _consent(draw, mode, received_on)),
        crime=f.build(lambda: _crime_and_police(draw, mode, received_on)),
        children=f.build(lambda: _children_at_risk(draw, mode, received_on)),
        msp_asked=f.code(c.MspAsked),
        msp_not_asked_reason=f.text(),
        desired_outcomes=f.build_many(lambda: _desired_outcome(draw, mode, received_on)),
        options=f.build(lambda: _options_discussion(draw, mode, received_on)),
        curiosity=f.build(lambda: _professional_curiosity(draw, mode)),
        advocacy=f.build(lambda: _advocacy_assessment(draw, mode, received_on)),
        capacity_decisions=f.build_many(lambda: _capacity_decision(draw, mode), small=True),
        decision=decision,
        enquiry=enquiry,
        pauses=pauses,
        plan=f.build(lambda: _risk_plan(draw, mode, received_on)),
        liberty=f.build(lambda: _deprivation_of_liberty(draw, mode, received_on)),
        meetings=f.build_many(lambda: _meeting(draw, mode, received_on), small=True),
        escalations=f.build_many(lambda: _escalation(draw, mode, received_on), small=True),
        route_changes=f.build_many(lambda: _route_change(draw, mode, decided), small=True),
        closure=f.build(lambda: _closure(draw, mode, closed)),
        feedback=f.build(lambda: _adults_feedback(draw, mode, closed)),
        stage=draw(codes(c.CaseStage)),
        history=_history(draw, f, mode),
        extensions=_extensions(draw, f),
    )


# -- public strategies --------------------------------------------------------------


@functools.cache
def _strategy(builder: Callable[..., Any], mode: str | None) -> st.SearchStrategy[Any]:
    if mode is not None and mode not in MODES:
        msg = f"mode must be one of {MODES} or None"
        raise ValueError(msg)

    @st.composite
    def strategy(draw: st.DrawFn) -> Any:
        return builder(draw, mode)

    return strategy()


def strengths(mode: str | None = None) -> st.SearchStrategy[Strength]:
    return _strategy(_strength, mode)


def people_involved(mode: str | None = None) -> st.SearchStrategy[PersonInvolved]:
    return _strategy(_person_involved, mode)


def representatives(mode: str | None = None) -> st.SearchStrategy[Representative]:
    return _strategy(_representative, mode)


def advocates(mode: str | None = None) -> st.SearchStrategy[Advocate]:
    return _strategy(_advocate, mode)


def adults(mode: str | None = None) -> st.SearchStrategy[Adult]:
    return _strategy(_adult, mode)


def desired_outcomes(mode: str | None = None) -> st.SearchStrategy[DesiredOutcome]:
    return _strategy(_desired_outcome, mode)


def functional_elements(mode: str | None = None) -> st.SearchStrategy[FunctionalElement]:
    return _strategy(_functional_element, mode)


def consultees(mode: str | None = None) -> st.SearchStrategy[Consultee]:
    return _strategy(_consultee, mode)


def best_interests_decisions(mode: str | None = None) -> st.SearchStrategy[BestInterestsDecision]:
    return _strategy(_best_interests, mode)


def capacity_decisions(mode: str | None = None) -> st.SearchStrategy[CapacityDecision]:
    return _strategy(_capacity_decision, mode)


def plan_actions(mode: str | None = None) -> st.SearchStrategy[PlanAction]:
    return _strategy(_plan_action, mode)


def living_with_risks(mode: str | None = None) -> st.SearchStrategy[LivingWithRisk]:
    return _strategy(_living_with_risk, mode)


def escalations(mode: str | None = None) -> st.SearchStrategy[Escalation]:
    return _strategy(_escalation, mode)


def risk_plans(mode: str | None = None) -> st.SearchStrategy[RiskPlan]:
    return _strategy(_risk_plan, mode)


def actors(mode: str | None = None) -> st.SearchStrategy[Actor]:
    return _strategy(_actor, mode)


def history_entries(mode: str | None = None) -> st.SearchStrategy[HistoryEntry]:
    return _strategy(_history_entry, mode)


def referrers(mode: str | None = None) -> st.SearchStrategy[Referrer]:
    return _strategy(_referrer, mode)


def risks(mode: str | None = None) -> st.SearchStrategy[Risk]:
    return _strategy(_risk, mode)


def immediate_safeties(mode: str | None = None) -> st.SearchStrategy[ImmediateSafety]:
    return _strategy(_immediate_safety, mode)


def contacts(mode: str | None = None) -> st.SearchStrategy[Contact]:
    return _strategy(_contact, mode)


def adults_views(mode: str | None = None) -> st.SearchStrategy[AdultsViews]:
    return _strategy(_adults_views, mode)


def acting_without_consents(mode: str | None = None) -> st.SearchStrategy[ActingWithoutConsent]:
    return _strategy(_acting_without_consent, mode)


def consents(mode: str | None = None) -> st.SearchStrategy[Consent]:
    return _strategy(_consent, mode)


def crimes_and_police(mode: str | None = None) -> st.SearchStrategy[CrimeAndPolice]:
    return _strategy(_crime_and_police, mode)


def children_at_risk(mode: str | None = None) -> st.SearchStrategy[ChildrenAtRisk]:
    return _strategy(_children_at_risk, mode)


def domestic_abuses(mode: str | None = None) -> st.SearchStrategy[DomesticAbuse]:
    return _strategy(_domestic_abuse, mode)


def people_alleged(mode: str | None = None) -> st.SearchStrategy[PersonAllegedToHaveCausedHarm]:
    return _strategy(_person_alleged, mode)


def deprivations_of_liberty(mode: str | None = None) -> st.SearchStrategy[DeprivationOfLiberty]:
    return _strategy(_deprivation_of_liberty, mode)


def enquiry_pauses(mode: str | None = None) -> st.SearchStrategy[EnquiryPause]:
    return _strategy(_enquiry_pause, mode)


def options_discussions(mode: str | None = None) -> st.SearchStrategy[OptionsDiscussion]:
    return _strategy(_options_discussion, mode)


def professional_curiosities(mode: str | None = None) -> st.SearchStrategy[ProfessionalCuriosity]:
    return _strategy(_professional_curiosity, mode)


def advocacy_assessments(mode: str | None = None) -> st.SearchStrategy[AdvocacyAssessment]:
    return _strategy(_advocacy_assessment, mode)


def section_42_decisions(mode: str | None = None) -> st.SearchStrategy[Section42Decision]:
    return _strategy(_section_42_decision, mode)


def enquiries(mode: str | None = None) -> st.SearchStrategy[Enquiry]:
    return _strategy(_enquiry, mode)


def providers_involved(mode: str | None = None) -> st.SearchStrategy[ProviderInvolved]:
    return _strategy(_provider_involved, mode)


def concern_links(mode: str | None = None) -> st.SearchStrategy[ConcernLink]:
    return _strategy(_concern_link, mode)


def organisational_enquiries(mode: str | None = None) -> st.SearchStrategy[OrganisationalEnquiry]:
    return _strategy(_organisational_enquiry, mode)


def caused_enquiries(mode: str | None = None) -> st.SearchStrategy[CausedEnquiry]:
    return _strategy(_caused_enquiry, mode)


def attendees(mode: str | None = None) -> st.SearchStrategy[Attendee]:
    return _strategy(_attendee, mode)


def meetings(mode: str | None = None) -> st.SearchStrategy[Meeting]:
    return _strategy(_meeting, mode)


def route_changes(mode: str | None = None) -> st.SearchStrategy[RouteChange]:
    return _strategy(_route_change, mode)


def safeguarding_adults_reviews(mode: str | None = None) -> st.SearchStrategy[SafeguardingAdultsReview]:
    return _strategy(_safeguarding_adults_review, mode)


def closures(mode: str | None = None) -> st.SearchStrategy[Closure]:
    return _strategy(_closure, mode)


def feedback_answers(mode: str | None = None) -> st.SearchStrategy[FeedbackAnswer]:
    return _strategy(_feedback_answer, mode)


def adults_feedback(mode: str | None = None) -> st.SearchStrategy[AdultsFeedback]:
    return _strategy(_adults_feedback, mode)


def extensions(mode: str | None = None) -> st.SearchStrategy[Extension]:
    """A value of one of the suite's registered local extensions (tests/conftest.py)."""
    return _strategy(_any_extension, mode)


def concerns(mode: str | None = None) -> st.SearchStrategy[Concern]:
    """Concerns whose dates follow one case timeline (see :func:`_concern`)."""
    return _strategy(_concern, mode)


#: Every record class and the function that builds its strategy.
STRATEGIES: dict[type, Callable[..., st.SearchStrategy[Any]]] = {
    Strength: strengths,
    PersonInvolved: people_involved,
    Representative: representatives,
    Advocate: advocates,
    Adult: adults,
    DesiredOutcome: desired_outcomes,
    FunctionalElement: functional_elements,
    Consultee: consultees,
    BestInterestsDecision: best_interests_decisions,
    CapacityDecision: capacity_decisions,
    PlanAction: plan_actions,
    LivingWithRisk: living_with_risks,
    Escalation: escalations,
    RiskPlan: risk_plans,
    Actor: actors,
    HistoryEntry: history_entries,
    Referrer: referrers,
    Risk: risks,
    ImmediateSafety: immediate_safeties,
    Contact: contacts,
    AdultsViews: adults_views,
    ActingWithoutConsent: acting_without_consents,
    Consent: consents,
    CrimeAndPolice: crimes_and_police,
    ChildrenAtRisk: children_at_risk,
    DomesticAbuse: domestic_abuses,
    PersonAllegedToHaveCausedHarm: people_alleged,
    DeprivationOfLiberty: deprivations_of_liberty,
    EnquiryPause: enquiry_pauses,
    OptionsDiscussion: options_discussions,
    ProfessionalCuriosity: professional_curiosities,
    AdvocacyAssessment: advocacy_assessments,
    Section42Decision: section_42_decisions,
    Enquiry: enquiries,
    ProviderInvolved: providers_involved,
    ConcernLink: concern_links,
    OrganisationalEnquiry: organisational_enquiries,
    CausedEnquiry: caused_enquiries,
    Attendee: attendees,
    Meeting: meetings,
    RouteChange: route_changes,
    SafeguardingAdultsReview: safeguarding_adults_reviews,
    Closure: closures,
    FeedbackAnswer: feedback_answers,
    AdultsFeedback: adults_feedback,
    Extension: extensions,
    Concern: concerns,
}


@functools.cache
def records(mode: str | None = None) -> st.SearchStrategy[Any]:
    """Any record of any class."""
    return st.one_of([make(mode) for make in STRATEGIES.values()])


# -- beyond records: what a workflow step is given, and any JSON value -------------------------

_FLAGS = st.sampled_from([True, False, None])


@st.composite
def _step_decision(draw: st.DrawFn) -> Section42Decision | None:
    roll = draw(st.integers(0, 9))
    if roll == 0:
        return None
    if roll > 3:  # mostly a well-formed decision of one of the three routes
        well_formed = (b.s42_decision(), b.other_decision(), b.no_enquiry_decision())
        return b.step_decision(draw(st.sampled_from(well_formed)))
    return Section42Decision(
        has_care_and_support_needs=draw(_FLAGS),
        experiencing_or_at_risk_of_abuse=draw(_FLAGS),
        unable_to_protect_self=draw(_FLAGS),
        route=draw(st.sampled_from([*c.EnquiryRoute, None])),
        other_enquiry_reason=draw(st.sampled_from([None, "Invented reason"])),
        exit_routes=draw(st.sampled_from([(), (c.ExitRoute.NO_ACTION,)])),
    )


def step_decisions() -> st.SearchStrategy[Section42Decision | None]:
    """What a caller may give the workflow's ``decide`` step: mostly a well-formed decision of one
    of the three routes (:func:`tests.builders.step_decision`: undated, by no one), sometimes none,
    sometimes any flags and route, with or without a reason and an exit route."""
    return _step_decision()


#: Strings that look like the values records hold: dates (one impossible), a date-time, codes,
#: a SAC label, "false", blank and ideographic-space text, an id.
JSON_LOOKALIKES = (
    "2025-02-30",
    "2025-01-10",
    "2025-01-10T09:00:00Z",
    "01/02/2025",
    "self_neglect",
    "closed",
    "Physical Abuse",
    "false",
    " ",
    "",
    "A-1",
    "\u3000",
)


@functools.cache
def json_values(*also: str, infinity: bool = False) -> st.SearchStrategy[Any]:
    """Any JSON value, nested at most a few levels, to put where a record's value belongs.

    Scalars include :data:`JSON_LOOKALIKES` and the strings ``also`` (a privacy canary, say);
    integers run past 64 bits. ``infinity`` lets floats be infinite, which ``json.dumps`` writes
    as the non-standard ``Infinity``.
    """
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**70), 2**70)
        | st.floats(allow_nan=False, allow_infinity=infinity)
        | st.text(max_size=8)
        | st.sampled_from((*JSON_LOOKALIKES, *also)),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    )


__all__ = [
    "JSON_LOOKALIKES",
    "MODES",
    "PHRASES",
    "STRATEGIES",
    "WORDS",
    "acting_without_consents",
    "actors",
    "adults",
    "adults_feedback",
    "adults_views",
    "advocacy_assessments",
    "advocates",
    "attendees",
    "best_interests_decisions",
    "capacity_decisions",
    "caused_enquiries",
    "children_at_risk",
    "closures",
    "codes",
    "concern_links",
    "concerns",
    "consents",
    "consultees",
    "contacts",
    "crimes_and_police",
    "days",
    "deprivations_of_liberty",
    "desired_outcomes",
    "digests",
    "domestic_abuses",
    "enquiries",
    "enquiry_pauses",
    "escalations",
    "extensions",
    "feedback_answers",
    "functional_elements",
    "gaps",
    "history_entries",
    "ids",
    "json_values",
    "immediate_safeties",
    "lifetimes",
    "living_with_risks",
    "meetings",
    "moments",
    "options_discussions",
    "organisational_enquiries",
    "people_alleged",
    "people_involved",
    "plan_actions",
    "professional_curiosities",
    "providers_involved",
    "public_ids",
    "received_days",
    "records",
    "referrers",
    "representatives",
    "risk_plans",
    "risks",
    "route_changes",
    "safeguarding_adults_reviews",
    "section_42_decisions",
    "step_decisions",
    "strengths",
    "texts",
]
