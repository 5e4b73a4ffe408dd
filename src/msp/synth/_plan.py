"""The plan and outcomes: desired outcomes in the person's own words, and the safeguarding plan.

Desired outcomes are asked for early and, at conclusion (or when the enquiry
ceases), evaluated with the adult: how far each was achieved (SG4a) and what
the adult says about it. The plan is agreed with the adult, reviewed every
four weeks or so, and may record a choice to live with a risk or an
escalation where coercion is suspected.
"""

from __future__ import annotations

from msp.codes import ExpressedBy, MspAsked, OutcomeAchievement, TypeOfRisk
from msp.model import DesiredOutcome, Escalation, LivingWithRisk, PlanAction, RiskPlan
from msp.synth import _weights as w
from msp.synth._state import PLAN, Case, Gap, Run

__all__ = ["draw_outcomes", "draw_plan"]

OUTCOMES_BY_TYPE = {
    TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE: (
        "I want my money to be safe",
        "I want to manage my own money with a bit of help",
        "I want to keep seeing my family but not give them my bank card",
    ),
    TypeOfRisk.PHYSICAL_ABUSE: (
        "I want the hurting to stop",
        "I want to feel safe at home",
        "I want to be listened to",
    ),
    TypeOfRisk.PSYCHOLOGICAL_ABUSE: (
        "I want to be spoken to kindly",
        "I want to feel safe at home",
        "I want it to stop",
    ),
    TypeOfRisk.DOMESTIC_ABUSE: (
        "I want to feel safe at home",
        "I don't want the police involved, I just want it to stop",
        "I want to see my friends when I choose",
    ),
    TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION: (
        "I want my medication on time",
        "I want the carers to treat me with respect",
        "I want to stay at this care home but be better looked after",
    ),
    TypeOfRisk.ORGANISATIONAL_ABUSE: ("I want to choose when I get up", "I want staff to listen to me"),
    TypeOfRisk.SELF_NEGLECT: (
        "I want to stay in my own home",
        "I want help with cleaning but not too many visitors",
        "I want to decide for myself",
    ),
    TypeOfRisk.SEXUAL_ABUSE: ("I want to feel safe where I live", "I want that person kept away from me"),
    TypeOfRisk.DISCRIMINATORY_ABUSE: ("I want to be treated with respect", "I want the harassment to stop"),
    TypeOfRisk.SEXUAL_EXPLOITATION: ("I want to feel safe", "I want to be left alone by those people"),
    TypeOfRisk.MODERN_SLAVERY: ("I want somewhere safe to live", "I want to be free to leave"),
}
"""Desired outcomes in the adult's own words, by the type of the first risk."""
GENERAL_OUTCOMES = ("I want to stay in my own home", "I want to feel safe", "I want things to go back to normal")
REPRESENTATIVE_OUTCOMES = (
    "We think they would want to stay in their own home",
    "Their family says they would want to feel safe and be near them",
    "They have always wanted to keep their independence",
)
PRACTITIONER_OUTCOMES = (
    "Practitioner view: a move to residential care would be safest",
    "Practitioner view: the adult needs more care visits",
    "Practitioner view: contact with the family member should stop",
)
OUTCOME_VIEWS = {
    OutcomeAchievement.FULLY: ("I feel much safer now", "That is sorted, thank you"),
    OutcomeAchievement.PARTIALLY: ("Things are better but not all the way", "Some of it has changed"),
    OutcomeAchievement.NOT: ("Nothing has really changed", "I am still worried"),
}
PLAN_ACTIONS = {
    TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE: (
        ("Set up a bank mandate", "bank"),
        ("Refer to police fraud team", "police"),
    ),
    TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION: (
        ("Review medication procedures", "care provider"),
        ("Weekly skin check", "community nursing"),
    ),
    TypeOfRisk.ORGANISATIONAL_ABUSE: (
        ("Provider improvement plan", "care provider"),
        ("Unannounced quality visit", "commissioning"),
    ),
    TypeOfRisk.SELF_NEGLECT: (
        ("Agree a cleaning plan", "social worker"),
        ("Home fire safety visit", "fire and rescue service"),
    ),
    TypeOfRisk.DOMESTIC_ABUSE: (
        ("Refer to domestic abuse service", "social worker"),
        ("Discuss at MARAC", "police"),
    ),
}
"""Plan actions (what, and the role or agency that owns it), by the type of the first risk."""
GENERAL_ACTIONS = (
    ("Weekly check-in call", "social worker"),
    ("Review the care plan", "social worker"),
    ("Give duty team contact details", "social worker"),
    ("GP health review", "GP practice"),
)
SAFETY_ACTIONS = (
    "Keeps a phone by the bed",
    "Will call the duty team if worried",
    "Smoke alarm checked",
    "Will not open the door to strangers",
)


def _expressed(run: Run, case: Case, k: int, first: int, pool: tuple[str, ...]) -> tuple[str, ExpressedBy]:
    """The words of the ``k``-th outcome (0-based) and who expressed them (not a practitioner)."""
    r = run.r
    if case.lacks:
        if r() < w.BY_REPRESENTATIVE:
            by = ExpressedBy.REPRESENTATIVE
        else:
            by = ExpressedBy.ADVOCATE if r() < w.BY_ADVOCATE else ExpressedBy.ADULT
        return (REPRESENTATIVE_OUTCOMES[k] if by is not ExpressedBy.ADULT else pool[(first + k) % len(pool)]), by
    by = ExpressedBy.ADULT if r() < w.BY_ADULT else ExpressedBy.REPRESENTATIVE
    return (pool[(first + k) % len(pool)] if k < len(pool) else GENERAL_OUTCOMES[k % len(GENERAL_OUTCOMES)]), by


def draw_outcomes(run: Run, case: Case) -> None:
    """Desired outcomes, where the adult (or a representative) expressed some, evaluated once the enquiry ends."""
    if case.msp_asked is not MspAsked.ASKED_EXPRESSED:
        return
    r = run.r
    pick = run.pick
    gaps = case.gaps
    pool = OUTCOMES_BY_TYPE[case.types[0]]
    x = r()
    count = 1 if x < w.ONE_OUTCOME else 2 if x < w.TWO_OUTCOMES else 3
    practitioner_at = int(r() * count) if Gap.PRACTITIONER_OUTCOME in gaps else -1
    overall = None
    if case.concluded or case.ceased:
        overall = (w.ACHIEVEMENT_CEASED if case.ceased else w.ACHIEVEMENT)(r())
    first = int(r() * len(pool))
    recorded_on = run.day(case.spoken_on)
    evaluated = Gap.OUTCOMES_NOT_EVALUATED_WITH_ADULT not in gaps
    outcomes = []
    for k in range(count):
        if k == practitioner_at:
            words, by = pick(PRACTITIONER_OUTCOMES), ExpressedBy.PRACTITIONER
        else:
            words, by = _expressed(run, case, k, first, pool)
        if overall is None:
            outcomes.append(DesiredOutcome(in_own_words=words, expressed_by=by, recorded_on=recorded_on))
            continue
        # One outcome partially achieved makes the case "partially"; the others may be anything.
        mixed = overall is OutcomeAchievement.PARTIALLY and k != 0
        result = w.ACHIEVEMENT_MIXED(r()) if mixed else overall
        outcomes.append(
            DesiredOutcome(
                in_own_words=words,
                expressed_by=by,
                recorded_on=recorded_on,
                achievement=result,
                adults_view=pick(OUTCOME_VIEWS[result]),
                evaluated_with_adult=evaluated,
            ),
        )
    case.outcomes = tuple(outcomes)


def _actions(run: Run, case: Case, agreed_on: int) -> tuple[PlanAction, ...]:
    """One to four actions (a repeated one is dropped); their status follows whether the enquiry has ended."""
    r = run.r
    choices = PLAN_ACTIONS.get(case.types[0], ()) + GENERAL_ACTIONS
    status_table = w.ACTION_STATUS_ENDED if case.ended_on is not None else w.ACTION_STATUS_OPEN
    actions: list[PlanAction] = []
    seen: set[str] = set()
    for k in range(w.ACTION_COUNT.of(r())):
        text, owner = run.pick(choices)
        if text in seen:
            continue
        seen.add(text)
        due_on = agreed_on + w.ACTION_DUE_DAYS.of(r())
        status = status_table(r())
        immediate = k == 0 and r() < w.IMMEDIATE_ACTION
        actions.append(
            PlanAction(action=text, owner=owner, due_on=run.day(due_on), status=status, immediate=immediate),
        )
    return tuple(actions)


def _living_with_risk(run: Run, case: Case) -> LivingWithRisk | None:
    """The adult's choice to live with a risk, informed (unless that is a practice gap)."""
    if not case.living_with_risk:
        return None
    if Gap.LIVING_WITH_RISK_UNINFORMED in case.gaps:
        return LivingWithRisk(understanding="Says they will manage")
    first = run.pick(SAFETY_ACTIONS[:2])
    second = run.pick(SAFETY_ACTIONS[2:])
    return LivingWithRisk(
        informed_decision=True,
        understanding="Knows the risk of falls and fire",
        safety_actions=(first, second),
        capacity_decision_id=case.doubt_id,
    )


def _escalation(run: Run, case: Case, until: int) -> Escalation | None:
    """Escalation where coercion is suspected (not where failing to escalate is the practice gap)."""
    if not case.suspected or Gap.COERCION_NO_ESCALATION in case.gaps:
        return None
    spoken_on = case.spoken_on
    escalated_on = run.between(spoken_on, min(spoken_on + w.ESCALATED_WITHIN_DAYS, until))
    to_meeting = run.r() < w.ESCALATED_TO_MEETING
    return Escalation(
        escalated_on=run.day(escalated_on),
        escalated_to="multi-agency risk management meeting" if to_meeting else "line management",
        reason="Possible control by someone close",
    )


def draw_plan(run: Run, case: Case) -> None:
    """The safeguarding plan, where one was agreed; each review is a step in the history."""
    agreed_on = case.agreed_on
    if agreed_on is None:
        return
    r = run.r
    until = case.ended_on if case.ended_on is not None else case.limit
    due = [agreed_on + w.REVIEW_EVERY_DAYS * k + w.REVIEW_EXTRA_DAYS.of(r()) for k in (1, 2)]
    reviews = [day for day in due if day <= until]
    actions = _actions(run, case, agreed_on)
    if Gap.PLAN_NOT_AGREED in case.gaps:
        developed = r() < w.DEVELOPED_THOUGH_NOT_AGREED
        agreed = False
    else:
        developed = agreed = True
    living_with_risk = _living_with_risk(run, case)
    escalation = _escalation(run, case, until)
    case.plan = RiskPlan(
        actions=actions,
        developed_with_adult=developed,
        agreed_with_adult=agreed,
        agreed_on=run.day(agreed_on) if agreed else None,
        immediate_risks_considered=True,
        review_due_on=run.day((reviews[-1] if reviews else agreed_on) + w.REVIEW_EVERY_DAYS),
        reviewed_on=tuple(run.day(day) for day in reviews),
        living_with_risk=living_with_risk,
        escalation=escalation,
    )
    # Each review is a plan_and_review -> plan_and_review step in the history.
    place = case.path.index(PLAN) + 1
    case.path[place:place] = [PLAN] * len(reviews)
    case.at[place:place] = reviews
