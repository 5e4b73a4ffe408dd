"""The state the stages share: one generation run, the adults in it, and the concern being drawn.

:class:`Run` lives for a whole call of :func:`msp.synth.generate`: the one
random stream every draw comes from, the calendar, the pool of adults a repeat
concern may be about, and the id counters. :class:`Case` lives for one record:
what the stages have drawn so far, read by the stages after them. Both are
plain mutable holders; the records themselves are the model's frozen attrs
classes, built once their values are all drawn.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final, TypeVar

from msp.codes import (
    ActionTakenAndResult,
    CaseStage,
    Census2021EthnicGroup,
    ClosureReason,
    CrimeKind,
    DetailedPrimarySupportReason,
    DetailedSourceOfRisk,
    DomesticAbuseRiskLevel,
    EnquiryRoute,
    HealthCondition,
    LocationOfRisk,
    MspAsked,
    NhsEthnicCategory,
    NhsGenderIdentity,
    OrganisationKind,
    PrimarySupportReason,
    Relationship,
    RepresentativeKind,
    RiskOutcome,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.model import (
    Actor,
    AdultsViews,
    AdvocacyAssessment,
    CapacityDecision,
    ChildrenAtRisk,
    Closure,
    ConcernLink,
    Consent,
    Contact,
    CrimeAndPolice,
    DeprivationOfLiberty,
    DesiredOutcome,
    Enquiry,
    EnquiryPause,
    Escalation,
    Meeting,
    OptionsDiscussion,
    OrganisationalEnquiry,
    PersonAllegedToHaveCausedHarm,
    ProfessionalCuriosity,
    ProviderInvolved,
    Referrer,
    Representative,
    RiskPlan,
    RouteChange,
    Section42Decision,
)
from msp.synth import _weights as w
from msp.synth._draw import Weighted

__all__ = [
    "CEASED",
    "CLOSED",
    "CONC",
    "CR",
    "DEC",
    "ENQ",
    "IG",
    "PERIOD_DAYS",
    "PLAN",
    "STAGES",
    "AdultProfile",
    "AllegedDraft",
    "Case",
    "Gap",
    "OrganisationalGroup",
    "RiskDraft",
    "Run",
    "day_weights",
]

CR, IG, DEC, ENQ, PLAN, CONC, CEASED, CLOSED = range(len(CaseStage.in_order()))
"""The stages by rank: a later stage has a higher number, so ``stage >= DEC`` means "decided or later"."""
STAGES = CaseStage.in_order()
"""The stage codes by rank (``STAGES[CLOSED] is CaseStage.CLOSED``)."""

PERIOD_DAYS = 730
"""Two collection years; the snapshot is taken on the last day of them."""

_MONTH_WEIGHTS = tuple(w.MONTH_WEIGHT.values())

_T = TypeVar("_T")


class Gap:
    """The practice gaps a record can carry (drawn by :mod:`msp.synth._course`), for the rules engine to find.

    Each is the name of one lapse in Making Safeguarding Personal practice or
    in the SAC return; the stages read them as they build the record.
    """

    VIEWS_WITHOUT_REASONS: Final = "views_without_reasons"
    NO_IMMEDIATE_SAFETY: Final = "no_immediate_safety"
    NOT_SEEN_ALONE: Final = "not_seen_alone"
    NO_STRENGTHS: Final = "no_strengths"
    NOT_ASKED_WHO_TO_INVOLVE: Final = "not_asked_who_to_involve"
    PRACTITIONER_OUTCOME: Final = "practitioner_outcome"
    MSP_NO_WITHOUT_REASON: Final = "msp_no_without_reason"
    OPTIONS_NOT_EXPLAINED: Final = "options_not_explained"
    S42_CONDITION_MISSING: Final = "s42_condition_missing"
    CAPACITY_TEST_INCOMPLETE: Final = "capacity_test_incomplete"
    NO_BEST_INTERESTS: Final = "no_best_interests"
    ADVOCATE_NOT_INSTRUCTED: Final = "advocate_not_instructed"
    PLAN_NOT_AGREED: Final = "plan_not_agreed"
    LIVING_WITH_RISK_UNINFORMED: Final = "living_with_risk_uninformed"
    MISSING_SAC_ITEM: Final = "missing_sac_item"
    SAC_NOT_RECORDED: Final = "sac_not_recorded"
    OUTCOMES_NOT_EVALUATED_WITH_ADULT: Final = "outcomes_not_evaluated_with_adult"
    CLOSURE_REQUEST_NO_COERCION: Final = "closure_request_no_coercion"
    NO_FEEDBACK_TO_REFERRER: Final = "no_feedback_to_referrer"
    SAR_NOT_CONSIDERED: Final = "sar_not_considered"
    COERCION_NO_ESCALATION: Final = "coercion_no_escalation"
    NO_INTERPRETER: Final = "no_interpreter"
    ACTING_WITHOUT_CONSENT_NO_GROUNDS: Final = "acting_without_consent_no_grounds"
    POLICE_NOT_TOLD: Final = "police_not_told"
    CHILD_NOT_REFERRED: Final = "child_not_referred"
    NO_MARAC: Final = "no_marac"
    PIPOT_NOT_REFERRED: Final = "pipot_not_referred"
    NO_CARERS_ASSESSMENT: Final = "no_carers_assessment"
    NO_DBS_DECISION: Final = "no_dbs_decision"
    LIBERTY_NOT_AUTHORISED: Final = "liberty_not_authorised"
    PROVIDER_NOT_TOLD: Final = "provider_not_told"
    CAUSED_REPORT_NOT_CHECKED: Final = "caused_report_not_checked"


def day_weights(start: int) -> tuple[float, ...]:
    """How likely a concern is to be received on each day of the period from ``start`` (an ordinal), relatively.

    A day's weight is its calendar month's weight (``MONTH_WEIGHT``) times the
    rise in concerns up to that day (``CONCERNS_GROWTH_PER_YEAR``, growing
    evenly through the year). The monthly weights are an assumption: the SAC
    publishes yearly counts only. Concerns are spread over the whole period by
    these weights, whatever their stage: the stage follows from the day.
    """
    return tuple(
        _MONTH_WEIGHTS[date.fromordinal(start + offset).month - 1] * (1 + w.CONCERNS_GROWTH_PER_YEAR * offset / 365)
        for offset in range(PERIOD_DAYS)
    )


class Run:
    """One generation run: the random stream, the calendar, the adult pool and the id counters.

    Attributes:
        r: the stream's ``random()``: every draw of the run comes from it.
        start: the first day of the period, as an ordinal.
        as_at: the snapshot day (the last of the period), as an ordinal.
        received: the day a concern is received, as days from ``start``, from one draw (:func:`day_weights`).
        day: the :class:`~datetime.date` of an ordinal (looked up, not made, for
            every date a record holds except dates of birth).
        min_dob: the latest date of birth of an adult (18 on the first day), as an ordinal.
        pool: the recent adults a repeat concern may be about.
        groups: the organisational enquiries later concerns may still join (see :mod:`msp.synth._organisation`).
    """

    __slots__ = (
        "_next_adult",
        "_next_group",
        "_next_person",
        "as_at",
        "day",
        "groups",
        "min_dob",
        "pool",
        "r",
        "received",
        "start",
    )

    def __init__(self, seed: int, start: date) -> None:
        self.r: Callable[[], float] = random.Random(seed).random  # noqa: S311 - reproducible test data
        self.start = start.toordinal()
        self.as_at = self.start + PERIOD_DAYS - 1
        self.received: Weighted[int] = Weighted(tuple(enumerate(day_weights(self.start))))
        days = {day: date.fromordinal(day) for day in range(self.start - 400, self.as_at + 400)}
        self.day: Callable[[int], date] = days.__getitem__
        self.min_dob = self.start - int(18.02 * 365.2425)
        self.pool: list[AdultProfile] = []
        self.groups: list[OrganisationalGroup] = []
        self._next_adult = 0
        self._next_person = 0
        self._next_group = 0

    def pick(self, items: Sequence[_T]) -> _T:
        """One of ``items``, each as likely (one draw)."""
        return items[int(self.r() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, each as likely (one draw, none where ``high <= low``)."""
        return low if high <= low else low + int(self.r() * (high - low + 1))

    def adult_id(self) -> str:
        """The next adult's pseudonymous id (``A000001`` upwards)."""
        self._next_adult += 1
        return f"A{self._next_adult:06d}"

    def group_id(self) -> str:
        """The next organisational enquiry's pseudonymous id (``OE000001`` upwards)."""
        self._next_group += 1
        return f"OE{self._next_group:06d}"

    def person_id(self) -> str:
        """The next pseudonymous id of someone around the adult (``P000001`` upwards)."""
        self._next_person += 1
        return f"P{self._next_person:06d}"


class AdultProfile:
    """The stable part of an adult, shared by all their concerns (see :mod:`msp.synth._adult`)."""

    __slots__ = (
        "adult_id",
        "census",
        "comm",
        "concerns",
        "date_of_birth",
        "dead",
        "dob",
        "ethnic",
        "gender",
        "health",
        "interpreter",
        "lacks_p",
        "language",
        "psr",
        "psr_detail",
        "psr_group",
        "representative",
        "reused",
    )

    def __init__(self, adult_id: str) -> None:
        self.adult_id = adult_id
        self.dob: int | None = None
        self.date_of_birth: date | None = None
        self.gender = NhsGenderIdentity.NOT_KNOWN
        self.ethnic: NhsEthnicCategory | None = None
        self.census: Census2021EthnicGroup | None = None
        self.psr: PrimarySupportReason | None = None
        self.psr_detail: DetailedPrimarySupportReason | None = None
        self.psr_group = PrimarySupportReason.NOT_KNOWN
        self.health: tuple[HealthCondition, ...] = ()
        self.comm: str | None = None
        self.language = "English"
        self.interpreter: bool | None = None
        self.lacks_p = 0.0
        self.representative: Representative | None = None
        self.dead = False
        self.reused = False
        # Each concern about the adult so far: its id, the days it was received and closed (``None``: open
        # at the snapshot), and whether it was itself closed as a duplicate.
        self.concerns: list[tuple[str, int, int | None, bool]] = []


class RiskDraft:
    """One alleged risk while the case is drawn: its SAC results are added, or taken away, at conclusion.

    ``drawn`` is the detailed source drawn for it, which the people alleged follow; ``detail`` is the
    detailed source as recorded (it is voluntary, so sometimes ``None``).
    """

    __slots__ = ("description", "detail", "drawn", "location", "outcome", "result", "risk_id", "source", "type")

    def __init__(
        self,
        *,
        risk_id: str,
        kind: TypeOfRisk,
        location: LocationOfRisk,
        source: SourceOfRisk,
        drawn: DetailedSourceOfRisk,
        detail: DetailedSourceOfRisk | None,
        description: str,
    ) -> None:
        self.risk_id = risk_id
        self.type = kind
        self.location = location
        self.source = source
        self.drawn = drawn
        self.detail = detail
        self.description = description
        self.result: ActionTakenAndResult | None = None
        self.outcome: RiskOutcome | None = None


class AllegedDraft:
    """One person alleged to have caused harm while the case is drawn (see :mod:`msp.synth._alleged`).

    Attributes:
        person_id: their pseudonymous id.
        source: the detailed source of risk of the first risk they relate to.
        risk_ids: the ids of the risks they relate to.
        relationship: how they are related to the adult.
        unpaid_carer: they are the adult's unpaid carer.
        has_needs: they have care and support needs themselves (``None``: not recorded).
        domestic_abuse: the risk level, where domestic abuse is assessed (only for someone personally connected).
    """

    __slots__ = ("domestic_abuse", "has_needs", "person_id", "relationship", "risk_ids", "source", "unpaid_carer")

    def __init__(self, person_id: str, source: DetailedSourceOfRisk, relationship: Relationship) -> None:
        self.person_id = person_id
        self.source = source
        self.risk_ids: list[str] = []
        self.relationship = relationship
        self.unpaid_carer = False
        self.has_needs: bool | None = None
        self.domestic_abuse: DomesticAbuseRiskLevel | None = None

    @property
    def in_position_of_trust(self) -> bool:
        """A paid carer, volunteer or professional: someone whose work brings them into contact with adults."""
        return self.relationship in _IN_POSITIONS_OF_TRUST


class OrganisationalGroup:
    """An organisational (large-scale) enquiry about one care home, and the concerns grouped into it so far.

    Attributes:
        record: the :class:`~msp.model.organisation.OrganisationalEnquiry` every concern in it holds.
        location: the home's (fictional) CQC location id.
        provider: its provider's (fictional) CQC provider id.
        founded_by: the number of the concern that started it.
        join_from: the first day (ordinal) a concern grouped into it may have been received.
        join_to: the last such day.
        members: the ids of the concerns in it, and of their adults, in the order they joined.
    """

    __slots__ = ("founded_by", "join_from", "join_to", "location", "members", "provider", "record")

    def __init__(
        self, record: OrganisationalEnquiry, location: str, provider: str, founded_by: int, window: tuple[int, int]
    ) -> None:
        self.record = record
        self.location = location
        self.provider = provider
        self.founded_by = founded_by
        self.join_from, self.join_to = window
        self.members: list[tuple[str, str]] = []


_IN_POSITIONS_OF_TRUST = frozenset(
    {Relationship.PAID_CARER, Relationship.VOLUNTEER, Relationship.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL},
)

_NOBODY = AdultProfile("")
"""The adult of a case not yet drawn."""


class Case:
    """What has been drawn of one concern so far, for the stages that follow.

    Set in draw order by :func:`msp.synth._case.concern`: the path and its dates
    first (:mod:`msp.synth._path`), then the adult, the risks, the course of the
    case, and the parts of the record stage by stage. The class attributes are
    the defaults; a stage sets what it draws on the instance.
    """

    # The path through the stages (ranks), and the day (ordinal) of each step.
    ceased = False
    concluded = False
    received = 0
    limit = 0
    decided_on: int | None = None
    started_on: int | None = None
    agreed_on: int | None = None
    ended_on: int | None = None
    closed_on: int | None = None
    # The adult and the alleged risks.
    lacks = False
    first_location = LocationOfRisk.OTHER
    first_kind = ""
    alleged_kind = ""
    coercion_context = False
    only_self = False
    team = 0
    referrer = Referrer()
    # The course of the case.
    msp_asked: MspAsked | None = None
    wants_no_action = False
    closure_reason: ClosureReason | None = None
    died = False
    rep_kind: RepresentativeKind | None = None
    appropriate_person = False
    advocate_required = False
    capacity_on = False
    doubt = False
    living_with_risk = False
    declines = False
    suspected = False
    # Triage: whether immediate action was needed, the risk rating, and the days first contact falls between.
    action_needed = False
    risk_rating = "medium"
    contact_from = 0
    contact_to = 0
    # The parts of the record, as they are drawn.
    spoken_on = 0
    contact: Contact | None = None
    views: AdultsViews | None = None
    consent: Consent | None = None
    outcomes: tuple[DesiredOutcome, ...] = ()
    options: OptionsDiscussion | None = None
    curiosity: ProfessionalCuriosity | None = None
    advocacy: AdvocacyAssessment | None = None
    capacity: tuple[CapacityDecision, ...] = ()
    doubt_id: str | None = None
    decision: Section42Decision | None = None
    lead: Actor | None = None
    enquiry: Enquiry | None = None
    plan: RiskPlan | None = None
    closure: Closure | None = None
    date_of_death: int | None = None
    # The legal-literacy facts (drawn before the course, so that gaps can bend them), then their records.
    people_recorded = False
    crime_kinds: tuple[CrimeKind, ...] = ()
    police_told = False
    police_leading = False
    children_considered = False
    child_at_risk = False
    deprived_of_liberty = False
    people_alleged: tuple[PersonAllegedToHaveCausedHarm, ...] = ()
    crime: CrimeAndPolice | None = None
    children: ChildrenAtRisk | None = None
    pauses: tuple[EnquiryPause, ...] = ()
    liberty: DeprivationOfLiberty | None = None
    # Providers and linked concerns (drawn with the facts), then their records.
    provider_kind: OrganisationKind | None = None
    provider_location: str | None = None
    provider_id: str | None = None
    ods_code: str | None = None
    group: OrganisationalGroup | None = None
    duplicate_of: str | None = None
    withdrawn = False
    caused_by: OrganisationKind | None = None
    caused_id: str | None = None
    provider: ProviderInvolved | None = None
    organisational_enquiry: OrganisationalEnquiry | None = None
    links: tuple[ConcernLink, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    route_changes: tuple[RouteChange, ...] = ()

    def __init__(self, number: int, stage: int, route: EnquiryRoute | None) -> None:
        self.number = number
        self.stage = stage
        self.route = route
        self.enquiry_route = route is EnquiryRoute.SECTION_42_ENQUIRY or route is EnquiryRoute.OTHER_ENQUIRY
        self.path: list[int] = [CR]
        self.at: list[int] = []
        self.adult = _NOBODY
        self.risks: list[RiskDraft] = []
        self.types: list[TypeOfRisk] = []
        self.gaps: set[str] = set()
        self.alleged: list[AllegedDraft] = []
        # The reason of a history entry that has one, by its place in the path (a pause and its resumption).
        self.reasons: dict[int, str] = {}

    @property
    def has_plan(self) -> bool:
        """A safeguarding plan was agreed (the path goes through ``plan_and_review``)."""
        return self.agreed_on is not None

    @property
    def self_neglect(self) -> bool:
        """Self-neglect is among the alleged risks."""
        return TypeOfRisk.SELF_NEGLECT in self.types
