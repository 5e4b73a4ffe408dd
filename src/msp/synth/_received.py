"""The concern as received: the alleged risks (SG2a, SG2b), the team, who raised it, immediate safety.

A concern alleges one to three risks of different types. Each risk's detailed
source follows its type and its location follows the kind of source (a care
provider's risk is mostly in a care home, a family member's at home); a
second risk is mostly in the same place as the first. The team and the
referrer follow the first risk's location and the adult's support reason.
At triage the concern is rated (low, medium, high, critical, following whether
immediate action was needed), and the rating sets the window in which the adult
is first contacted: within the rating's target (the default targets of
:class:`msp.workflow.timescales.Policy`), or after it for a small late share.
"""

from __future__ import annotations

from msp.codes import DetailedSourceOfRisk, LocationOfRisk, PrimarySupportReason, TypeOfRisk
from msp.model import ImmediateSafety, Referrer, Risk
from msp.synth import _weights as w
from msp.synth._people import HOSPITAL_TEAM, LEARNING_DISABILITY_TEAM, MENTAL_HEALTH_TEAM, referrer
from msp.synth._state import IG, Case, Gap, RiskDraft, Run

__all__ = [
    "COERCION_TYPES",
    "draw_immediate_safety",
    "draw_risks",
    "draw_team_and_referrer",
    "draw_triage",
    "risk_records",
]

DESCRIPTIONS = {
    TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION: (
        "Fictional example: medication missed for days",
        "Fictional example: pressure sore not referred",
        "Fictional example: missed care visits, no food",
    ),
    TypeOfRisk.PHYSICAL_ABUSE: (
        "Fictional example: bruising after a care visit",
        "Fictional example: pushed during an argument",
    ),
    TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE: (
        "Fictional example: money missing from account",
        "Fictional example: paid a fake delivery fee",
        "Fictional example: relative using their bank card",
    ),
    TypeOfRisk.PSYCHOLOGICAL_ABUSE: (
        "Fictional example: shouted at and threatened",
        "Fictional example: threatened with a move if they complain",
    ),
    TypeOfRisk.SELF_NEGLECT: (
        "Fictional example: cluttered home, not eating well",
        "Fictional example: declining personal care; no heating",
    ),
    TypeOfRisk.DOMESTIC_ABUSE: (
        "Fictional example: partner controls contact and money",
        "Fictional example: police called after threats",
    ),
    TypeOfRisk.ORGANISATIONAL_ABUSE: (
        "Fictional example: residents wait long for care",
        "Fictional example: ward gets people up too early",
    ),
    TypeOfRisk.SEXUAL_ABUSE: ("Fictional example: disclosed unwanted touching",),
    TypeOfRisk.DISCRIMINATORY_ABUSE: ("Fictional example: harassed for their disability",),
    TypeOfRisk.SEXUAL_EXPLOITATION: ("Fictional example: pressured into sex for gifts",),
    TypeOfRisk.MODERN_SLAVERY: ("Fictional example: made to work without pay",),
}
"""What is alleged, by type of risk."""
DESCRIPTION_BY_SOURCE = {
    (TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE, "stranger"): "Fictional example: paid a fake delivery fee",
    (TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE, "family"): "Fictional example: relative using their bank card",
    (TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE, "service"): "Fictional example: money missing from their room",
    (TypeOfRisk.PHYSICAL_ABUSE, "service"): "Fictional example: bruising after a care visit",
    (TypeOfRisk.PHYSICAL_ABUSE, "family"): "Fictional example: pushed during an argument",
    (TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION, "family"): "Fictional example: carer not helping with meals",
}
"""What is alleged, where the type and the kind of source say it (drawn from :data:`DESCRIPTIONS` otherwise)."""
COERCION_TYPES = frozenset(
    {
        TypeOfRisk.DOMESTIC_ABUSE,
        TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE,
        TypeOfRisk.PSYCHOLOGICAL_ABUSE,
        TypeOfRisk.SEXUAL_EXPLOITATION,
        TypeOfRisk.MODERN_SLAVERY,
    },
)
"""Types of risk where coercion or control is likely: professional curiosity asks about it."""
IMMEDIATE_ACTION = {
    "service": "Provider made a safety plan",
    "self": "Emergency care visits arranged",
    "family": "Police attended",
    "health": "Ward made a safety plan",
    "stranger": "Bank account protected",
    "other": "Safety plan agreed",
}
"""The immediate action taken, by the kind of source of the first risk."""
HOSPITALS = frozenset(
    {LocationOfRisk.HOSPITAL_ACUTE, LocationOfRisk.HOSPITAL_MENTAL_HEALTH, LocationOfRisk.HOSPITAL_COMMUNITY},
)
CARE_HOMES = frozenset({LocationOfRisk.CARE_HOME_NURSING, LocationOfRisk.CARE_HOME_RESIDENTIAL})


def draw_risks(run: Run, case: Case) -> None:
    """The alleged risks: one to three, of different types (a repeated type is dropped)."""
    r = run.r
    x = r()
    wanted = 1 if x < w.ONE_RISK else 2 if x < w.TWO_RISKS else 3
    types = case.types
    first_location: LocationOfRisk | None = None
    for k in range(wanted):
        kind = w.TYPE_OF_RISK(r())
        if kind in types:
            continue
        types.append(kind)
        detail = w.SOURCE_BY_TYPE[kind](r())
        source_kind = w.SOURCE_KIND[detail]
        if kind is TypeOfRisk.ORGANISATIONAL_ABUSE and detail is DetailedSourceOfRisk.KNOWN_SECONDARY_HEALTH_CARE:
            acute = r() < w.ORGANISATIONAL_IN_ACUTE_HOSPITAL
            location = LocationOfRisk.HOSPITAL_ACUTE if acute else LocationOfRisk.HOSPITAL_MENTAL_HEALTH
        else:
            location = w.LOCATION_BY_SOURCE_KIND[source_kind](r())
            if first_location is not None and kind is not TypeOfRisk.SELF_NEGLECT and r() < w.SAME_PLACE_AS_FIRST:
                location = first_location  # mostly one place
        if first_location is None:
            first_location = case.first_location = location
            case.first_kind = source_kind
        if not case.alleged_kind and detail is not DetailedSourceOfRisk.KNOWN_SELF:
            case.alleged_kind = source_kind
        recorded = detail if r() < w.SOURCE_DETAIL_RECORDED else None  # the detailed source is voluntary
        description = DESCRIPTION_BY_SOURCE.get((kind, source_kind)) or run.pick(DESCRIPTIONS[kind])
        risk_id = f"R{case.number:06d}-{k + 1}"
        case.risks.append(
            RiskDraft(
                risk_id=risk_id,
                kind=kind,
                location=location,
                source=detail.source,
                drawn=detail,
                detail=recorded,
                description=description,
            ),
        )
    case.coercion_context = any(kind in COERCION_TYPES for kind in types)
    case.only_self = all(kind is TypeOfRisk.SELF_NEGLECT for kind in types)


def _team(run: Run, case: Case) -> int:
    r = run.r
    group = case.adult.psr_group
    if case.first_location in HOSPITALS and r() < w.HOSPITAL_TEAM:
        return HOSPITAL_TEAM
    if group is PrimarySupportReason.LEARNING_DISABILITY and r() < w.LEARNING_DISABILITY_TEAM:
        return LEARNING_DISABILITY_TEAM
    if group is PrimarySupportReason.MENTAL_HEALTH and r() < w.MENTAL_HEALTH_TEAM:
        return MENTAL_HEALTH_TEAM
    return w.AREA_TEAM(r())


def _referrer(run: Run, location: LocationOfRisk) -> Referrer:
    if location in CARE_HOMES:
        return referrer(w.CARE_HOME_REFERRER(run.r()))
    if location in HOSPITALS:
        return referrer(w.HOSPITAL_REFERRER(run.r()))
    return referrer(w.REFERRER(run.r()))


def draw_team_and_referrer(run: Run, case: Case) -> None:
    """The team responsible (a specialist team for hospital, learning disability or mental health, else an
    area team), then who raised the concern (by where the first risk is)."""
    case.team = _team(run, case)
    case.referrer = _referrer(run, case.first_location)


_URGENT = frozenset({"high", "critical"})
"""Ratings whose immediate-safety target is the same day."""
_WEEKDAYS = 5


def _after_working_days(day: int, days: int) -> int:
    """The day ``days`` working days (Monday to Friday) after ``day`` (an ordinal; ``day`` itself not counted)."""
    while days > 0:
        day += 1
        if (day - 1) % 7 < _WEEKDAYS:  # ordinal 1 (1 January of year 1) was a Monday
            days -= 1
    return day


def draw_triage(run: Run, case: Case) -> None:
    """Triage: whether immediate action is needed, the risk rating it goes with, and the days (from, to) in which
    the adult is first contacted: by the rating's target, or for a late share a few working days after it."""
    r = run.r
    needed = case.action_needed = r() < w.IMMEDIATE_ACTION_NEEDED
    rating = case.risk_rating = (w.RISK_RATING_ACTION_NEEDED if needed else w.RISK_RATING_NO_ACTION)(r())
    target = w.FIRST_CONTACT_TARGET_DAYS[rating]
    received = case.received
    if r() < w.FIRST_CONTACT_LATE:
        case.contact_from = _after_working_days(received, target + 1)
        case.contact_to = _after_working_days(received, target + w.FIRST_CONTACT_LATE_DAYS.of(r()))
    else:
        case.contact_from, case.contact_to = received, _after_working_days(received, target)


def draw_immediate_safety(run: Run, case: Case) -> ImmediateSafety | None:
    """Establishing immediate safety, with the rating given at triage: always assessed from information gathering
    on, unless it is a practice gap; a high or critical risk mostly the same day."""
    r = run.r
    if Gap.NO_IMMEDIATE_SAFETY in case.gaps or not (case.stage >= IG or r() < w.IMMEDIATE_SAFETY_AT_RECEIPT):
        return None
    needed = case.action_needed
    next_day = w.IMMEDIATE_SAFETY_NEXT_DAY_URGENT if case.risk_rating in _URGENT else w.IMMEDIATE_SAFETY_NEXT_DAY
    assessed_on = min(case.received + (1 if r() < next_day else 0), case.limit)
    return ImmediateSafety(
        assessed_on=run.day(assessed_on),
        action_needed=needed,
        action_taken=IMMEDIATE_ACTION[case.first_kind] if needed else None,
        risk_rating=case.risk_rating,
    )


def risk_records(case: Case) -> tuple[Risk, ...]:
    """The risks as the record holds them, with their SAC results (if any) at conclusion."""
    return tuple(
        Risk(
            risk_id=draft.risk_id,
            type_of_risk=draft.type,
            location=draft.location,
            source=draft.source,
            source_detail=draft.detail,
            description=draft.description,
            action_and_result=draft.result,
            risk_outcome=draft.outcome,
        )
        for draft in case.risks
    )
