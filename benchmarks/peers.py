"""Peer models for the benchmark: the Concern model written for pydantic v2 and for msgspec.

Each peer mirrors :class:`msp.Concern` field for field, with the same
constraints, so the benchmark compares like with like:

- the same keys, unknown keys refused (``extra="forbid"``, ``forbid_unknown_fields``);
- strict types: text is a JSON string, a flag ``true``/``false``, a code one of
  the list's codes (the same :mod:`msp.codes` enums), a list a JSON array;
- ids match :data:`msp.model._fields.ID_PATTERN`; free text is not blank and at most
  :data:`msp.model._fields.MAX_TEXT` characters;
- ISO dates; date-times need a UTC offset;
- the cross-field checks msp makes at construction (dates in an impossible
  order, a detailed code not under its group, an enquiry type that contradicts
  the route, pauses out of order, an organisational enquiry that ended before it started, a
  caused enquiry's report due, received or checked out of order, feedback answers where the
  questions were declined or not possible), as a ``model_validator``
  (pydantic) or ``__post_init__`` (msgspec);
- ``schema_version`` must be 2 (:data:`msp.SCHEMA_VERSION`) on the outer record; the peers
  read no older version (msp migrates a version 1 record on the way in).

``tests/test_peers.py`` feeds the peers and msp the same valid and invalid
records and checks they agree.

Each peer states the constraints in its own fastest idiom, so the benchmark is
fair to it (measured side by side, docs/performance.md):

- pydantic: the id pattern and "not blank" as ``StringConstraints(pattern=...)``,
  checked by pydantic-core's Rust regex engine without a Python call (within 7 %
  of no pattern at all; an ``AfterValidator`` in Python is slower);
- msgspec: lengths in ``Meta`` (checked in C while parsing); the id pattern and
  "not blank" in each class's ``__post_init__``, with the same tests msp's
  builders make (``str.isspace()``; ``ID_PATTERN``, the compiled pattern msp
  uses, after an all-letters-and-digits shortcut). ``Meta(pattern=...)`` calls
  Python's ``re`` from C for every value: the peer ran at 0.56 of its speed with
  it. The structs are not tracked by the cyclic garbage collector (``gc=False``,
  safe: they cannot form a cycle).

Known, deliberate differences (none affects the benchmark data): the peers stop
at the first cross-field problem where msp collects them all; pydantic and
msgspec accept a few date-time spellings msp refuses (and the reverse), and
round fractional seconds past the sixth digit where Python truncates.
"""

from __future__ import annotations

import inspect
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import msgspec
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from msp import codes as c
from msp.codes.mappings import DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON
from msp.model._fields import ID_PATTERN, MAX_INTEGER, MAX_TEXT
from msp.model.extensions import ExtensionType, extension_definition

__all__ = ["PYDANTIC_ROOT", "STRUCT_ROOT", "PConcern", "SConcern"]

# Python's str.isspace() is Unicode White_Space plus U+001C-U+001F: spell those out so
# pydantic's Rust regex engine and Python's re agree with msp's `not text.strip()`.
_NOT_BLANK = r"[^\s\x1c-\x1f]"
_ID_RE = ID_PATTERN.pattern.replace(r"\Z", "$")  # Rust regex has no \Z; $ is end of text there
_MAX_ID = 64  # the longest id ID_PATTERN accepts

# -- shared cross-field checks (the same rules msp applies in __attrs_post_init__) ----------------


def _before(later: date | None, earlier: date | None) -> bool:
    return later is not None and earlier is not None and later < earlier


def _risk_problem(source: Any, detail: Any) -> str | None:
    if detail is not None and source is not None and detail.source is not source:
        return "detailed source of risk is not under the source of risk given"
    return None


def _adult_problem(o: Any) -> str | None:
    if _before(o.date_of_death, o.date_of_birth):
        return "date of death is before date of birth"
    detail, group = o.primary_support_reason_detail, o.primary_support_reason
    if detail is not None and group is not None and DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[detail] is not group:
        return "detailed primary support reason is not under the SAC primary support reason given"
    return None


def _concern_problem(o: Any) -> str | None:
    received = o.received_on
    if _before(received, o.adult.date_of_birth):
        return "concern received before the adult's date of birth"
    decided_on = None if o.decision is None else o.decision.decided_on
    started_on = None if o.enquiry is None else o.enquiry.started_on
    concluded_on = None if o.enquiry is None else o.enquiry.concluded_on
    closed_on = None if o.closure is None else o.closure.closed_on
    spoken_to_on = None if o.contact is None else o.contact.spoken_to_on
    seen_alone_on = None if o.contact is None else o.contact.seen_alone_on
    for value in (spoken_to_on, seen_alone_on, decided_on, started_on, concluded_on, closed_on):
        if _before(value, received):
            return "a date is before the concern was received"
    if _before(started_on, decided_on):
        return "enquiry started before the decision"
    if _before(closed_on, concluded_on):
        return "case closed before the enquiry concluded"
    route = None if o.decision is None else o.decision.route
    enquiry_type = None if o.enquiry is None else o.enquiry.enquiry_type
    if route is not None and enquiry_type is not None and route.enquiry_type is not enquiry_type:
        return "enquiry type contradicts the route in the section 42 decision"
    return _pause_problem(o.pauses, started_on) or (_extensions_problem(o.extensions) if o.extensions else None)


_EXTENSION_SLOTS = tuple(t.slot for t in ExtensionType)


def _extension_problem(o: Any) -> str | None:
    """A local extension's value against its registered definition (the registry is msp's: the peers share it)."""
    definition = extension_definition(o.name)
    if definition is None:
        return "no extension of this name is registered"
    slot = definition.type.slot
    if any(getattr(o, other) is not None for other in _EXTENSION_SLOTS if other != slot):
        return "a value in another slot than its type's"
    value = getattr(o, slot)
    if value is None:
        return "no value"
    if definition.type is ExtensionType.CODE and value not in definition.code_values:
        return "not a code of the extension's code list"
    low, high = definition.minimum, definition.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return "outside the extension's minimum and maximum"
    return None


def _extensions_problem(extensions: Any) -> str | None:
    names = [e.name for e in extensions]
    return "an extension is given twice" if len(set(names)) != len(names) else None


def _pause_problem(pauses: Any, started_on: date | None) -> str | None:
    """Pauses in order, each after the enquiry started and after the one before it ended; only the last open."""
    previous_end = started_on
    for i, pause in enumerate(pauses):
        if _before(pause.paused_on, previous_end):
            return "paused before the enquiry started or the previous pause ended"
        if pause.resumed_on is None and i < len(pauses) - 1:
            return "a pause that never ended is followed by another"
        previous_end = pause.resumed_on if pause.resumed_on is not None else pause.paused_on
    return None


_ORDER = {
    "DomesticAbuse": ("marac_referred_on", "assessed_on", "MARAC referral is dated before the risk assessment"),
    "OrganisationalEnquiry": ("ended_on", "started_on", "organisational enquiry ended before it started"),
    "DeprivationOfLiberty": ("authorised_on", "applied_on", "authorised before it was applied for"),
    "EnquiryPause": ("resumed_on", "paused_on", "enquiry resumed before it was paused"),
}
"""The one date-order check of each small record: (the later date, the earlier one, the problem)."""


def _dated_problem(o: Any, name: str) -> str | None:
    later, earlier, problem = _ORDER[name]
    return problem if _before(getattr(o, later), getattr(o, earlier)) else None


def _caused_problem(o: Any) -> str | None:
    """An enquiry caused to be made: due and received on or after the request, checked on or after receipt."""
    if _before(o.due_on, o.requested_on):
        return "report due before it was requested"
    if _before(o.report_received_on, o.requested_on):
        return "report received before it was requested"
    if _before(o.checked_on, o.report_received_on):
        return "report checked before it was received"
    return None


def _feedback_problem(o: Any) -> str | None:
    """The adult's feedback: answers only where the questions were asked."""
    answered = any(a is not None for a in (o.question_4, o.question_5, o.question_6, o.question_7))
    if answered and o.asked is not None and o.asked is not c.FeedbackAsked.ASKED:
        return "an answer is recorded but the questions are recorded as declined or not possible"
    return None


# =================================================================================================
# pydantic v2
# =================================================================================================

PId = Annotated[str, StringConstraints(pattern=_ID_RE)]
PText = Annotated[str, StringConstraints(max_length=MAX_TEXT, pattern=_NOT_BLANK)]
PInteger = Annotated[int, Field(ge=-MAX_INTEGER, le=MAX_INTEGER)]


class _P(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PStrength(_P):
    kind: c.StrengthKind
    description: PText | None = None


class PPersonInvolved(_P):
    person_id: PId | None = None
    relationship: PText | None = None
    adult_wants_involved: bool | None = None
    involved: bool | None = None


class PRepresentative(_P):
    kind: c.RepresentativeKind
    person_id: PId | None = None
    relationship: PText | None = None
    registered: bool | None = None
    paid_or_professional: bool | None = None
    involved: bool | None = None
    adult_consents: bool | None = None
    in_best_interests: bool | None = None
    implicated_in_enquiry: bool | None = None


class PAdvocate(_P):
    kind: c.AdvocateKind
    advocate_id: PId | None = None
    requested_on: date | None = None
    instructed_on: date | None = None
    involved: bool | None = None
    acting_as_care_act_advocate: bool | None = None


class PAdult(_P):
    adult_id: PId
    date_of_birth: date | None = None
    date_of_death: date | None = None
    gender_identity: c.NhsGenderIdentity | None = None
    ethnic_category: c.NhsEthnicCategory | None = None
    census_2021_ethnic_group: c.Census2021EthnicGroup | None = None
    primary_support_reason: c.PrimarySupportReason | None = None
    primary_support_reason_detail: c.DetailedPrimarySupportReason | None = None
    health_conditions: tuple[c.HealthCondition, ...] = ()
    has_care_and_support_needs: bool | None = None
    communication_needs: PText | None = None
    preferred_language: PText | None = None
    interpreter_needed: bool | None = None
    communication_support_needed: bool | None = None
    strengths: tuple[PStrength, ...] = ()
    people_involved: tuple[PPersonInvolved, ...] = ()
    representatives: tuple[PRepresentative, ...] = ()
    advocates: tuple[PAdvocate, ...] = ()

    @model_validator(mode="after")
    def _cross_field(self) -> PAdult:
        problem = _adult_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PActor(_P):
    role: PText
    user_id: PId


class PHistoryEntry(_P):
    to_stage: c.CaseStage
    at: AwareDatetime
    actor: PActor
    from_stage: c.CaseStage | None = None
    reason: PText | None = None
    authorised_by: PActor | None = None
    digest: PText | None = None


class PReferrer(_P):
    role: PText | None = None
    agency: PText | None = None


class PRisk(_P):
    risk_id: PId | None = None
    type_of_risk: c.TypeOfRisk | None = None
    location: c.LocationOfRisk | None = None
    source: c.SourceOfRisk | None = None
    source_detail: c.DetailedSourceOfRisk | None = None
    description: PText | None = None
    action_and_result: c.ActionTakenAndResult | None = None
    risk_outcome: c.RiskOutcome | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PRisk:
        problem = _risk_problem(self.source, self.source_detail)
        if problem:
            raise ValueError(problem)
        return self


class PImmediateSafety(_P):
    assessed_on: date | None = None
    action_needed: bool | None = None
    action_taken: PText | None = None
    risk_rating: PText | None = None


class PContact(_P):
    spoken_to: bool | None = None
    spoken_to_on: date | None = None
    method: c.ContactMethod | None = None
    not_spoken_to_reason: PText | None = None
    seen_alone: bool | None = None
    seen_alone_on: date | None = None
    not_seen_alone_reason: PText | None = None
    interpreter_used: bool | None = None
    interpreted_by: c.InterpreterKind | None = None
    asked_who_to_involve: bool | None = None


class PAdultsViews(_P):
    in_own_words: PText | None = None
    reasons: PText | None = None
    recorded_on: date | None = None
    wants_no_action: bool | None = None
    declines_support: bool | None = None


class PActingWithoutConsent(_P):
    grounds: tuple[c.ConsentGround, ...] = ()
    capacity_decision_id: PId | None = None
    decided_on: date | None = None
    decided_by: PActor | None = None
    rationale: PText | None = None
    adult_told: bool | None = None
    not_told_reason: PText | None = None


class PConsent(_P):
    to_referral: c.ConsentStatus | None = None
    to_information_sharing: c.ConsentStatus | None = None
    sharing_without_consent_reason: PText | None = None
    to_enquiry: c.ConsentStatus | None = None
    acting_without_consent: PActingWithoutConsent | None = None


class PCrimeAndPolice(_P):
    crime_suspected: bool | None = None
    kinds: tuple[c.CrimeKind, ...] = ()
    police_informed_on: date | None = None
    no_police_reason: PText | None = None
    crime_reference: PText | None = None
    police_leading: bool | None = None
    adults_view: PText | None = None


class PChildrenAtRisk(_P):
    child_may_be_at_risk: bool | None = None
    reasons: tuple[c.ChildRiskReason, ...] = ()
    referred_on: date | None = None
    not_referred_reason: PText | None = None


class PDesiredOutcome(_P):
    in_own_words: PText
    expressed_by: c.ExpressedBy
    recorded_on: date | None = None
    achievement: c.OutcomeAchievement | None = None
    adults_view: PText | None = None
    evaluated_with_adult: bool | None = None


class POptionsDiscussion(_P):
    explained_on: date | None = None
    options_explained: bool | None = None
    unavailable_options_explained: bool | None = None
    adult_understood: bool | None = None
    every_option_available: bool | None = None


class PProfessionalCuriosity(_P):
    coercion_considered: bool | None = None
    coercion_suspected: bool | None = None
    reasons_for_refusal_explored: bool | None = None
    notes: PText | None = None


class PAdvocacyAssessment(_P):
    assessed_on: date | None = None
    difficulty_understanding: bool | None = None
    difficulty_retaining: bool | None = None
    difficulty_using_or_weighing: bool | None = None
    difficulty_communicating: bool | None = None
    appropriate_person_available: bool | None = None
    appropriate_person_id: PId | None = None
    advocate_declined: bool | None = None
    advocate_declined_reason: PText | None = None


class PFunctionalElement(_P):
    able: bool | None = None
    evidence: PText | None = None


class PConsultee(_P):
    kind: c.ConsulteeKind
    person_id: PId | None = None
    views: PText | None = None


class PBestInterestsDecision(_P):
    decided_on: date | None = None
    decision_maker: c.DecisionMakerKind | None = None
    decision_maker_role: PText | None = None
    decision: PText | None = None
    wishes_and_feelings: PText | None = None
    beliefs_and_values: PText | None = None
    consulted: tuple[PConsultee, ...] = ()
    no_one_appropriate_to_consult_reason: PText | None = None
    person_participated: PText | None = None
    may_regain_capacity: bool | None = None
    less_restrictive_options_considered: bool | None = None
    less_restrictive_options: PText | None = None


class PCapacityDecision(_P):
    decision_id: PId | None = None
    decision: PText | None = None
    subject: c.DecisionSubject | None = None
    domain: c.DecisionDomain | None = None
    assessed_on: date | None = None
    assessor_role: PText | None = None
    practicable_steps: tuple[PText, ...] = ()
    understand: PFunctionalElement | None = None
    retain: PFunctionalElement | None = None
    use_or_weigh: PFunctionalElement | None = None
    communicate: PFunctionalElement | None = None
    impairment: bool | None = None
    impairment_description: PText | None = None
    causal_link: bool | None = None
    causal_link_evidence: PText | None = None
    considered_unwise: bool | None = None
    outcome: c.CapacityOutcome | None = None
    decision_covered_by_attorney_or_deputy: bool | None = None
    imca_considered: bool | None = None
    best_interests: PBestInterestsDecision | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PCapacityDecision:
        if self.best_interests is not None and _before(self.best_interests.decided_on, self.assessed_on):
            msg = "best-interests decision is dated before the capacity assessment"
            raise ValueError(msg)
        return self


class PSection42Decision(_P):
    has_care_and_support_needs: bool | None = None
    experiencing_or_at_risk_of_abuse: bool | None = None
    unable_to_protect_self: bool | None = None
    route: c.EnquiryRoute | None = None
    other_enquiry_reason: PText | None = None
    exit_routes: tuple[c.ExitRoute, ...] = ()
    decided_on: date | None = None
    decided_by: PActor | None = None
    rationale: PText | None = None
    duplicate_of: PId | None = None


class PCausedEnquiry(_P):
    organisation_kind: c.OrganisationKind | None = None
    organisation_id: PId | None = None
    scope: PText | None = None
    requested_on: date | None = None
    due_on: date | None = None
    report_received_on: date | None = None
    quality_check: c.QualityCheckOutcome | None = None
    checked_on: date | None = None
    checked_by: PText | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PCausedEnquiry:
        problem = _caused_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PEnquiry(_P):
    enquiry_id: PId | None = None
    enquiry_type: c.EnquiryType | None = None
    started_on: date | None = None
    lead: PActor | None = None
    concluded_on: date | None = None
    capacity_lacked: c.CapacityLacked | None = None
    advocacy_support: bool | None = None
    caused: PCausedEnquiry | None = None
    outcomes_achieved: c.OutcomeAchievement | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PEnquiry:
        if _before(self.concluded_on, self.started_on):
            msg = "enquiry concluded before it started"
            raise ValueError(msg)
        return self


class PPlanAction(_P):
    action: PText
    owner: PText | None = None
    due_on: date | None = None
    status: c.ActionStatus = c.ActionStatus.PLANNED
    immediate: bool | None = None


class PLivingWithRisk(_P):
    informed_decision: bool | None = None
    understanding: PText | None = None
    safety_actions: tuple[PText, ...] = ()
    capacity_decision_id: PId | None = None


class PEscalation(_P):
    escalated_on: date | None = None
    escalated_to: PText | None = None
    reason: PText | None = None
    risk_managed: bool | None = None


class PRiskPlan(_P):
    actions: tuple[PPlanAction, ...] = ()
    developed_with_adult: bool | None = None
    agreed_with_adult: bool | None = None
    agreed_on: date | None = None
    immediate_risks_considered: bool | None = None
    review_due_on: date | None = None
    reviewed_on: tuple[date, ...] = ()
    living_with_risk: PLivingWithRisk | None = None
    escalation: PEscalation | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PRiskPlan:
        if any(_before(when, self.agreed_on) for when in self.reviewed_on):
            msg = "plan reviewed before it was agreed"
            raise ValueError(msg)
        return self


class PSafeguardingAdultsReview(_P):
    considered: bool | None = None
    joint_working_concern: bool | None = None
    adult_died: bool | None = None
    death_from_abuse_or_neglect_suspected: bool | None = None
    serious_abuse_or_neglect_suspected: bool | None = None
    referred: bool | None = None
    reason: PText | None = None


class PClosure(_P):
    closed_on: date | None = None
    reason: c.ClosureReason | None = None
    adults_view: PText | None = None
    adult_agrees: bool | None = None
    feedback_to_referrer: bool | None = None
    person_alleged_action_considered: bool | None = None
    person_alleged_action: PText | None = None
    risk_to_others_considered: bool | None = None
    safety_advice_given: bool | None = None
    sar: PSafeguardingAdultsReview | None = None


class PFeedbackAnswer(_P):
    option: PText | None = None
    positive: bool | None = None


class PAdultsFeedback(_P):
    asked: c.FeedbackAsked | None = None
    not_possible_reason: PText | None = None
    answered_by: c.FeedbackRespondent | None = None
    asked_on: date | None = None
    asked_by: c.FeedbackAskedBy | None = None
    question_4: PFeedbackAnswer | None = None
    question_5: PFeedbackAnswer | None = None
    question_6: PFeedbackAnswer | None = None
    question_7: PFeedbackAnswer | None = None
    comments: PText | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PAdultsFeedback:
        problem = _feedback_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PDomesticAbuse(_P):
    personally_connected: bool | None = None
    risk_tool: c.DomesticAbuseRiskTool | None = None
    risk_level: c.DomesticAbuseRiskLevel | None = None
    assessed_on: date | None = None
    marac_referred_on: date | None = None
    no_marac_reason: PText | None = None
    idva_involved: bool | None = None
    coercive_control_identified: bool | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PDomesticAbuse:
        problem = _dated_problem(self, "DomesticAbuse")
        if problem:
            raise ValueError(problem)
        return self


class PPersonAllegedToHaveCausedHarm(_P):
    person_id: PId
    risk_ids: tuple[PText, ...] = ()
    relationship: c.Relationship | None = None
    paid_carer_or_volunteer: bool | None = None
    unpaid_carer: bool | None = None
    carers_assessment_considered: bool | None = None
    has_care_and_support_needs: bool | None = None
    position_of_trust: bool | None = None
    pipot_referred_on: date | None = None
    pipot_not_referred_reason: PText | None = None
    dbs_referred_on: date | None = None
    regulator_referred_on: date | None = None
    referral_not_needed_reason: PText | None = None
    told_of_concern: bool | None = None
    not_told_reason: PText | None = None
    domestic_abuse: PDomesticAbuse | None = None


class PDeprivationOfLiberty(_P):
    amounts_to_deprivation: bool | None = None
    authorisation: c.LibertyAuthorisation | None = None
    applied_on: date | None = None
    authorised_on: date | None = None
    not_authorised_reason: PText | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PDeprivationOfLiberty:
        problem = _dated_problem(self, "DeprivationOfLiberty")
        if problem:
            raise ValueError(problem)
        return self


class PEnquiryPause(_P):
    paused_on: date
    resumed_on: date | None = None
    reason: PText | None = None
    police_or_court_led: bool | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> PEnquiryPause:
        problem = _dated_problem(self, "EnquiryPause")
        if problem:
            raise ValueError(problem)
        return self


class PProviderInvolved(_P):
    kind: c.OrganisationKind | None = None
    cqc_location_id: PId | None = None
    cqc_provider_id: PId | None = None
    ods_code: PId | None = None
    cqc_informed_on: date | None = None
    commissioners_informed_on: date | None = None


class PConcernLink(_P):
    concern_id: PId
    reason: c.LinkReason


class POrganisationalEnquiry(_P):
    enquiry_id: PId
    lead: PText | None = None
    cqc_location_id: PId | None = None
    started_on: date | None = None
    ended_on: date | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> POrganisationalEnquiry:
        problem = _dated_problem(self, "OrganisationalEnquiry")
        if problem:
            raise ValueError(problem)
        return self


class PAttendee(_P):
    role: PText
    agency: PText | None = None
    is_the_adult_or_representative: bool | None = None


class PMeeting(_P):
    kind: c.MeetingKind
    held_on: date
    attendees: tuple[PAttendee, ...] = ()
    decisions: tuple[PText, ...] = ()
    actions: tuple[PPlanAction, ...] = ()


class PRouteChange(_P):
    changed_on: date
    from_route: c.EnquiryRoute
    to_route: c.EnquiryRoute
    reason: PText | None = None
    decided_by: PText | None = None


class PExtension(_P):
    name: PId
    text: PText | None = None
    identifier: PId | None = None
    code: PText | None = None
    integer: PInteger | None = None
    flag: bool | None = None
    day: date | None = None

    @model_validator(mode="after")
    def _registered(self) -> PExtension:
        problem = _extension_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PConcern(_P):
    concern_id: PId
    adult: PAdult
    received_on: date
    team: PText | None = None
    raised_by: PReferrer | None = None
    provider: PProviderInvolved | None = None
    links: tuple[PConcernLink, ...] = ()
    organisational_enquiry: POrganisationalEnquiry | None = None
    risks: tuple[PRisk, ...] = ()
    people_alleged: tuple[PPersonAllegedToHaveCausedHarm, ...] = ()
    immediate_safety: PImmediateSafety | None = None
    contact: PContact | None = None
    views: PAdultsViews | None = None
    consent: PConsent | None = None
    crime: PCrimeAndPolice | None = None
    children: PChildrenAtRisk | None = None
    msp_asked: c.MspAsked | None = None
    msp_not_asked_reason: PText | None = None
    desired_outcomes: tuple[PDesiredOutcome, ...] = ()
    options: POptionsDiscussion | None = None
    curiosity: PProfessionalCuriosity | None = None
    advocacy: PAdvocacyAssessment | None = None
    capacity_decisions: tuple[PCapacityDecision, ...] = ()
    decision: PSection42Decision | None = None
    enquiry: PEnquiry | None = None
    pauses: tuple[PEnquiryPause, ...] = ()
    plan: PRiskPlan | None = None
    liberty: PDeprivationOfLiberty | None = None
    meetings: tuple[PMeeting, ...] = ()
    escalations: tuple[PEscalation, ...] = ()
    route_changes: tuple[PRouteChange, ...] = ()
    closure: PClosure | None = None
    feedback: PAdultsFeedback | None = None
    stage: c.CaseStage = c.CaseStage.CONCERN_RECEIVED
    history: tuple[PHistoryEntry, ...] = ()
    extensions: tuple[PExtension, ...] = ()

    @model_validator(mode="after")
    def _cross_field(self) -> PConcern:
        problem = _concern_problem(self)
        if problem:
            raise ValueError(problem)
        return self


class PConcernDocument(PConcern):
    """The outer record as JSON carries it: with ``schema_version``."""

    schema_version: Literal[2]


PYDANTIC_ROOT = PConcernDocument


# =================================================================================================
# msgspec
# =================================================================================================

# Lengths in ``Meta`` (checked in C while msgspec parses); what ``Meta`` can only say as a pattern (the id
# pattern, text that is not only whitespace) is checked after decoding, in each class's ``__post_init__``,
# with the same tests msp's builders make: ``str.isspace()`` and ``ID_PATTERN`` (after an all-letters-and-digits
# shortcut). ``Meta(pattern=...)`` would call Python's ``re`` from C for every value, about 2.5 times the cost.
SId = Annotated[str, msgspec.Meta(min_length=1, max_length=_MAX_ID)]
SText = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
SInteger = Annotated[int, msgspec.Meta(ge=-MAX_INTEGER, le=MAX_INTEGER)]
SMoment = Annotated[datetime, msgspec.Meta(tz=True)]

_ID_PROBLEM = "an id is 1-64 letters, digits or . _ : / - and starts with a letter or digit"
_BLANK_PROBLEM = "text is blank"
_CHECKS = {
    "id": "if {guard}not (v.isascii() and v.isalnum()) and _id_match(v) is None:\n        raise ValueError(_ID)",
    "text": "if {guard}v.isspace():\n        raise ValueError(_BLANK)",
    "texts": "for x in v:\n        if x.isspace():\n            raise ValueError(_BLANK)",
}


def _kind(hint: Any) -> tuple[str, bool] | None:
    """("id" | "text" | "texts", may be None) for a field that needs a check after decoding, else None."""
    args = get_args(hint)
    optional = type(None) in args and len(args) == 2  # X | None
    inner = next(a for a in args if a is not type(None)) if optional else hint
    if inner == SId:
        return "id", optional
    if inner == SText:
        return "text", optional
    if get_origin(inner) is tuple and get_args(inner)[0] == SText:
        return "texts", False
    return None


def _checker(cls: type) -> Any:
    """The ``__post_init__`` one would write by hand: each id and text field of ``cls`` checked, then its own."""
    hints = get_type_hints(cls, include_extras=True)
    lines = []
    for name in inspect.get_annotations(cls):  # its own fields
        found = _kind(hints[name])
        if found is not None:
            kind, optional = found
            lines.append(f"    v = self.{name}")
            lines.append("    " + _CHECKS[kind].format(guard="v is not None and " if optional else ""))
    own = cls.__dict__.get("__post_init__")
    if not lines:
        return own
    if own is not None:
        lines.append("    _own(self)")
    env: dict[str, Any] = {"_id_match": ID_PATTERN.match, "_ID": _ID_PROBLEM, "_BLANK": _BLANK_PROBLEM, "_own": own}
    exec("def __post_init__(self):\n" + "\n".join(lines), env)  # noqa: S102 - source made from the annotations
    return env["__post_init__"]


class _S(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, frozen=True, omit_defaults=True, gc=False):
    # gc=False: msgspec's speed idiom for structs that cannot be in a reference cycle (these hold only strings,
    # dates, enum members, tuples and other structs): not tracked by the cyclic collector, about 5 % faster.
    def __init_subclass__(cls, **kwargs: Any) -> None:
        # msgspec takes __post_init__ from the class as it is made: set it here, not after.
        super().__init_subclass__(**kwargs)
        check = _checker(cls)
        if check is not None:
            cls.__post_init__ = check  # type: ignore[method-assign]


class SStrength(_S):
    kind: c.StrengthKind
    description: SText | None = None


class SPersonInvolved(_S):
    person_id: SId | None = None
    relationship: SText | None = None
    adult_wants_involved: bool | None = None
    involved: bool | None = None


class SRepresentative(_S):
    kind: c.RepresentativeKind
    person_id: SId | None = None
    relationship: SText | None = None
    registered: bool | None = None
    paid_or_professional: bool | None = None
    involved: bool | None = None
    adult_consents: bool | None = None
    in_best_interests: bool | None = None
    implicated_in_enquiry: bool | None = None


class SAdvocate(_S):
    kind: c.AdvocateKind
    advocate_id: SId | None = None
    requested_on: date | None = None
    instructed_on: date | None = None
    involved: bool | None = None
    acting_as_care_act_advocate: bool | None = None


class SAdult(_S):
    adult_id: SId
    date_of_birth: date | None = None
    date_of_death: date | None = None
    gender_identity: c.NhsGenderIdentity | None = None
    ethnic_category: c.NhsEthnicCategory | None = None
    census_2021_ethnic_group: c.Census2021EthnicGroup | None = None
    primary_support_reason: c.PrimarySupportReason | None = None
    primary_support_reason_detail: c.DetailedPrimarySupportReason | None = None
    health_conditions: tuple[c.HealthCondition, ...] = ()
    has_care_and_support_needs: bool | None = None
    communication_needs: SText | None = None
    preferred_language: SText | None = None
    interpreter_needed: bool | None = None
    communication_support_needed: bool | None = None
    strengths: tuple[SStrength, ...] = ()
    people_involved: tuple[SPersonInvolved, ...] = ()
    representatives: tuple[SRepresentative, ...] = ()
    advocates: tuple[SAdvocate, ...] = ()

    def __post_init__(self) -> None:
        problem = _adult_problem(self)
        if problem:
            raise ValueError(problem)


class SActor(_S):
    role: SText
    user_id: SId


class SHistoryEntry(_S):
    to_stage: c.CaseStage
    at: SMoment
    actor: SActor
    from_stage: c.CaseStage | None = None
    reason: SText | None = None
    authorised_by: SActor | None = None
    digest: SText | None = None


class SReferrer(_S):
    role: SText | None = None
    agency: SText | None = None


class SRisk(_S):
    risk_id: SId | None = None
    type_of_risk: c.TypeOfRisk | None = None
    location: c.LocationOfRisk | None = None
    source: c.SourceOfRisk | None = None
    source_detail: c.DetailedSourceOfRisk | None = None
    description: SText | None = None
    action_and_result: c.ActionTakenAndResult | None = None
    risk_outcome: c.RiskOutcome | None = None

    def __post_init__(self) -> None:
        problem = _risk_problem(self.source, self.source_detail)
        if problem:
            raise ValueError(problem)


class SImmediateSafety(_S):
    assessed_on: date | None = None
    action_needed: bool | None = None
    action_taken: SText | None = None
    risk_rating: SText | None = None


class SContact(_S):
    spoken_to: bool | None = None
    spoken_to_on: date | None = None
    method: c.ContactMethod | None = None
    not_spoken_to_reason: SText | None = None
    seen_alone: bool | None = None
    seen_alone_on: date | None = None
    not_seen_alone_reason: SText | None = None
    interpreter_used: bool | None = None
    interpreted_by: c.InterpreterKind | None = None
    asked_who_to_involve: bool | None = None


class SAdultsViews(_S):
    in_own_words: SText | None = None
    reasons: SText | None = None
    recorded_on: date | None = None
    wants_no_action: bool | None = None
    declines_support: bool | None = None


class SActingWithoutConsent(_S):
    grounds: tuple[c.ConsentGround, ...] = ()
    capacity_decision_id: SId | None = None
    decided_on: date | None = None
    decided_by: SActor | None = None
    rationale: SText | None = None
    adult_told: bool | None = None
    not_told_reason: SText | None = None


class SConsent(_S):
    to_referral: c.ConsentStatus | None = None
    to_information_sharing: c.ConsentStatus | None = None
    sharing_without_consent_reason: SText | None = None
    to_enquiry: c.ConsentStatus | None = None
    acting_without_consent: SActingWithoutConsent | None = None


class SCrimeAndPolice(_S):
    crime_suspected: bool | None = None
    kinds: tuple[c.CrimeKind, ...] = ()
    police_informed_on: date | None = None
    no_police_reason: SText | None = None
    crime_reference: SText | None = None
    police_leading: bool | None = None
    adults_view: SText | None = None


class SChildrenAtRisk(_S):
    child_may_be_at_risk: bool | None = None
    reasons: tuple[c.ChildRiskReason, ...] = ()
    referred_on: date | None = None
    not_referred_reason: SText | None = None


class SDesiredOutcome(_S):
    in_own_words: SText
    expressed_by: c.ExpressedBy
    recorded_on: date | None = None
    achievement: c.OutcomeAchievement | None = None
    adults_view: SText | None = None
    evaluated_with_adult: bool | None = None


class SOptionsDiscussion(_S):
    explained_on: date | None = None
    options_explained: bool | None = None
    unavailable_options_explained: bool | None = None
    adult_understood: bool | None = None
    every_option_available: bool | None = None


class SProfessionalCuriosity(_S):
    coercion_considered: bool | None = None
    coercion_suspected: bool | None = None
    reasons_for_refusal_explored: bool | None = None
    notes: SText | None = None


class SAdvocacyAssessment(_S):
    assessed_on: date | None = None
    difficulty_understanding: bool | None = None
    difficulty_retaining: bool | None = None
    difficulty_using_or_weighing: bool | None = None
    difficulty_communicating: bool | None = None
    appropriate_person_available: bool | None = None
    appropriate_person_id: SId | None = None
    advocate_declined: bool | None = None
    advocate_declined_reason: SText | None = None


class SFunctionalElement(_S):
    able: bool | None = None
    evidence: SText | None = None


class SConsultee(_S):
    kind: c.ConsulteeKind
    person_id: SId | None = None
    views: SText | None = None


class SBestInterestsDecision(_S):
    decided_on: date | None = None
    decision_maker: c.DecisionMakerKind | None = None
    decision_maker_role: SText | None = None
    decision: SText | None = None
    wishes_and_feelings: SText | None = None
    beliefs_and_values: SText | None = None
    consulted: tuple[SConsultee, ...] = ()
    no_one_appropriate_to_consult_reason: SText | None = None
    person_participated: SText | None = None
    may_regain_capacity: bool | None = None
    less_restrictive_options_considered: bool | None = None
    less_restrictive_options: SText | None = None


class SCapacityDecision(_S):
    decision_id: SId | None = None
    decision: SText | None = None
    subject: c.DecisionSubject | None = None
    domain: c.DecisionDomain | None = None
    assessed_on: date | None = None
    assessor_role: SText | None = None
    practicable_steps: tuple[SText, ...] = ()
    understand: SFunctionalElement | None = None
    retain: SFunctionalElement | None = None
    use_or_weigh: SFunctionalElement | None = None
    communicate: SFunctionalElement | None = None
    impairment: bool | None = None
    impairment_description: SText | None = None
    causal_link: bool | None = None
    causal_link_evidence: SText | None = None
    considered_unwise: bool | None = None
    outcome: c.CapacityOutcome | None = None
    decision_covered_by_attorney_or_deputy: bool | None = None
    imca_considered: bool | None = None
    best_interests: SBestInterestsDecision | None = None

    def __post_init__(self) -> None:
        if self.best_interests is not None and _before(self.best_interests.decided_on, self.assessed_on):
            msg = "best-interests decision is dated before the capacity assessment"
            raise ValueError(msg)


class SSection42Decision(_S):
    has_care_and_support_needs: bool | None = None
    experiencing_or_at_risk_of_abuse: bool | None = None
    unable_to_protect_self: bool | None = None
    route: c.EnquiryRoute | None = None
    other_enquiry_reason: SText | None = None
    exit_routes: tuple[c.ExitRoute, ...] = ()
    decided_on: date | None = None
    decided_by: SActor | None = None
    rationale: SText | None = None
    duplicate_of: SId | None = None


class SCausedEnquiry(_S):
    organisation_kind: c.OrganisationKind | None = None
    organisation_id: SId | None = None
    scope: SText | None = None
    requested_on: date | None = None
    due_on: date | None = None
    report_received_on: date | None = None
    quality_check: c.QualityCheckOutcome | None = None
    checked_on: date | None = None
    checked_by: SText | None = None

    def __post_init__(self) -> None:
        problem = _caused_problem(self)
        if problem:
            raise ValueError(problem)


class SEnquiry(_S):
    enquiry_id: SId | None = None
    enquiry_type: c.EnquiryType | None = None
    started_on: date | None = None
    lead: SActor | None = None
    concluded_on: date | None = None
    capacity_lacked: c.CapacityLacked | None = None
    advocacy_support: bool | None = None
    caused: SCausedEnquiry | None = None
    outcomes_achieved: c.OutcomeAchievement | None = None

    def __post_init__(self) -> None:
        if _before(self.concluded_on, self.started_on):
            msg = "enquiry concluded before it started"
            raise ValueError(msg)


class SPlanAction(_S):
    action: SText
    owner: SText | None = None
    due_on: date | None = None
    status: c.ActionStatus = c.ActionStatus.PLANNED
    immediate: bool | None = None


class SLivingWithRisk(_S):
    informed_decision: bool | None = None
    understanding: SText | None = None
    safety_actions: tuple[SText, ...] = ()
    capacity_decision_id: SId | None = None


class SEscalation(_S):
    escalated_on: date | None = None
    escalated_to: SText | None = None
    reason: SText | None = None
    risk_managed: bool | None = None


class SRiskPlan(_S):
    actions: tuple[SPlanAction, ...] = ()
    developed_with_adult: bool | None = None
    agreed_with_adult: bool | None = None
    agreed_on: date | None = None
    immediate_risks_considered: bool | None = None
    review_due_on: date | None = None
    reviewed_on: tuple[date, ...] = ()
    living_with_risk: SLivingWithRisk | None = None
    escalation: SEscalation | None = None

    def __post_init__(self) -> None:
        if any(_before(when, self.agreed_on) for when in self.reviewed_on):
            msg = "plan reviewed before it was agreed"
            raise ValueError(msg)


class SSafeguardingAdultsReview(_S):
    considered: bool | None = None
    joint_working_concern: bool | None = None
    adult_died: bool | None = None
    death_from_abuse_or_neglect_suspected: bool | None = None
    serious_abuse_or_neglect_suspected: bool | None = None
    referred: bool | None = None
    reason: SText | None = None


class SClosure(_S):
    closed_on: date | None = None
    reason: c.ClosureReason | None = None
    adults_view: SText | None = None
    adult_agrees: bool | None = None
    feedback_to_referrer: bool | None = None
    person_alleged_action_considered: bool | None = None
    person_alleged_action: SText | None = None
    risk_to_others_considered: bool | None = None
    safety_advice_given: bool | None = None
    sar: SSafeguardingAdultsReview | None = None


class SFeedbackAnswer(_S):
    option: SText | None = None
    positive: bool | None = None


class SAdultsFeedback(_S):
    asked: c.FeedbackAsked | None = None
    not_possible_reason: SText | None = None
    answered_by: c.FeedbackRespondent | None = None
    asked_on: date | None = None
    asked_by: c.FeedbackAskedBy | None = None
    question_4: SFeedbackAnswer | None = None
    question_5: SFeedbackAnswer | None = None
    question_6: SFeedbackAnswer | None = None
    question_7: SFeedbackAnswer | None = None
    comments: SText | None = None

    def __post_init__(self) -> None:
        problem = _feedback_problem(self)
        if problem:
            raise ValueError(problem)


class SDomesticAbuse(_S):
    personally_connected: bool | None = None
    risk_tool: c.DomesticAbuseRiskTool | None = None
    risk_level: c.DomesticAbuseRiskLevel | None = None
    assessed_on: date | None = None
    marac_referred_on: date | None = None
    no_marac_reason: SText | None = None
    idva_involved: bool | None = None
    coercive_control_identified: bool | None = None

    def __post_init__(self) -> None:
        problem = _dated_problem(self, "DomesticAbuse")
        if problem:
            raise ValueError(problem)


class SPersonAllegedToHaveCausedHarm(_S):
    person_id: SId
    risk_ids: tuple[SText, ...] = ()
    relationship: c.Relationship | None = None
    paid_carer_or_volunteer: bool | None = None
    unpaid_carer: bool | None = None
    carers_assessment_considered: bool | None = None
    has_care_and_support_needs: bool | None = None
    position_of_trust: bool | None = None
    pipot_referred_on: date | None = None
    pipot_not_referred_reason: SText | None = None
    dbs_referred_on: date | None = None
    regulator_referred_on: date | None = None
    referral_not_needed_reason: SText | None = None
    told_of_concern: bool | None = None
    not_told_reason: SText | None = None
    domestic_abuse: SDomesticAbuse | None = None


class SDeprivationOfLiberty(_S):
    amounts_to_deprivation: bool | None = None
    authorisation: c.LibertyAuthorisation | None = None
    applied_on: date | None = None
    authorised_on: date | None = None
    not_authorised_reason: SText | None = None

    def __post_init__(self) -> None:
        problem = _dated_problem(self, "DeprivationOfLiberty")
        if problem:
            raise ValueError(problem)


class SEnquiryPause(_S):
    paused_on: date
    resumed_on: date | None = None
    reason: SText | None = None
    police_or_court_led: bool | None = None

    def __post_init__(self) -> None:
        problem = _dated_problem(self, "EnquiryPause")
        if problem:
            raise ValueError(problem)


class SProviderInvolved(_S):
    kind: c.OrganisationKind | None = None
    cqc_location_id: SId | None = None
    cqc_provider_id: SId | None = None
    ods_code: SId | None = None
    cqc_informed_on: date | None = None
    commissioners_informed_on: date | None = None


class SConcernLink(_S):
    concern_id: SId
    reason: c.LinkReason


class SOrganisationalEnquiry(_S):
    enquiry_id: SId
    lead: SText | None = None
    cqc_location_id: SId | None = None
    started_on: date | None = None
    ended_on: date | None = None

    def __post_init__(self) -> None:
        problem = _dated_problem(self, "OrganisationalEnquiry")
        if problem:
            raise ValueError(problem)


class SAttendee(_S):
    role: SText
    agency: SText | None = None
    is_the_adult_or_representative: bool | None = None


class SMeeting(_S):
    kind: c.MeetingKind
    held_on: date
    attendees: tuple[SAttendee, ...] = ()
    decisions: tuple[SText, ...] = ()
    actions: tuple[SPlanAction, ...] = ()


class SRouteChange(_S):
    changed_on: date
    from_route: c.EnquiryRoute
    to_route: c.EnquiryRoute
    reason: SText | None = None
    decided_by: SText | None = None


class SExtension(_S):
    name: SId
    text: SText | None = None
    identifier: SId | None = None
    code: SText | None = None
    integer: SInteger | None = None
    flag: bool | None = None
    day: date | None = None

    def __post_init__(self) -> None:
        problem = _extension_problem(self)
        if problem:
            raise ValueError(problem)


class SConcern(_S):
    concern_id: SId
    adult: SAdult
    received_on: date
    team: SText | None = None
    raised_by: SReferrer | None = None
    provider: SProviderInvolved | None = None
    links: tuple[SConcernLink, ...] = ()
    organisational_enquiry: SOrganisationalEnquiry | None = None
    risks: tuple[SRisk, ...] = ()
    people_alleged: tuple[SPersonAllegedToHaveCausedHarm, ...] = ()
    immediate_safety: SImmediateSafety | None = None
    contact: SContact | None = None
    views: SAdultsViews | None = None
    consent: SConsent | None = None
    crime: SCrimeAndPolice | None = None
    children: SChildrenAtRisk | None = None
    msp_asked: c.MspAsked | None = None
    msp_not_asked_reason: SText | None = None
    desired_outcomes: tuple[SDesiredOutcome, ...] = ()
    options: SOptionsDiscussion | None = None
    curiosity: SProfessionalCuriosity | None = None
    advocacy: SAdvocacyAssessment | None = None
    capacity_decisions: tuple[SCapacityDecision, ...] = ()
    decision: SSection42Decision | None = None
    enquiry: SEnquiry | None = None
    pauses: tuple[SEnquiryPause, ...] = ()
    plan: SRiskPlan | None = None
    liberty: SDeprivationOfLiberty | None = None
    meetings: tuple[SMeeting, ...] = ()
    escalations: tuple[SEscalation, ...] = ()
    route_changes: tuple[SRouteChange, ...] = ()
    closure: SClosure | None = None
    feedback: SAdultsFeedback | None = None
    stage: c.CaseStage = c.CaseStage.CONCERN_RECEIVED
    history: tuple[SHistoryEntry, ...] = ()
    extensions: tuple[SExtension, ...] = ()

    def __post_init__(self) -> None:
        problem = _concern_problem(self)
        if problem:
            raise ValueError(problem)


class SConcernDocument(SConcern, kw_only=True):
    """The outer record as JSON carries it: with ``schema_version``."""

    schema_version: Literal[2]


STRUCT_ROOT = SConcernDocument
