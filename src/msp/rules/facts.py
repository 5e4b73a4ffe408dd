"""What the built-in rule families derive from a record: the stages they apply at, the seeds,
facts about the case, and guards.

A *fact* answers a question about the record (:func:`has_enquiry`, :func:`lacks_capacity`).
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

from msp.codes import CapacityLacked, CapacityOutcome, CaseStage, ClosureReason, EnquiryRoute, SourceOfRisk, TypeOfRisk
from msp.model.adult import Adult
from msp.model.capacity import CapacityDecision
from msp.model.concern import (
    Closure,
    Concern,
    Contact,
    HistoryEntry,
    Section42Decision,
)
from msp.model.outcomes import DesiredOutcome
from msp.model.plan import LivingWithRisk, RiskPlan
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
    "SEED_MYTHS",
    "SEED_PRACTICE",
    "Routed",
    "adult_died",
    "birth_and_enquiry_decision",
    "capacity_decisions_of",
    "capacity_in_doubt",
    "closure_of",
    "concluded_section_42",
    "decision_of",
    "decisions",
    "desired_outcomes_of",
    "ended_at_adults_request",
    "has_capacity_decisions",
    "has_enquiry",
    "has_history",
    "has_plan",
    "is_section_42",
    "lacks_capacity",
    "living_with_risk_of",
    "only_self_neglect",
    "opens_enquiry",
    "plan_of",
    "provider_source",
    "represented",
    "route",
    "sealed_history",
    "seen_alone_or_why_not",
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
AT_CLOSURE: Final = frozenset({CaseStage.CLOSED})
"""Closed cases only."""
ENDED: Final = frozenset({CaseStage.CEASED_AT_ADULTS_REQUEST, CaseStage.CLOSED})
"""Cases that ended: ceased at the adult's request, or closed."""

SEED_PRACTICE: Final = "000_31cc606041fbbfe2.txt"
"""Seed 000: 'Making Safeguarding Personal in Practice' and its misconceptions."""
SEED_MYTHS: Final = "001_f04894fa4599027b.txt"
"""Seed 001: 'Guidance on Making Safeguarding Personal', myths and realities."""


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


def lacks_capacity(c: Concern) -> bool:
    """The record says the adult lacked capacity: SG3a Yes, or a decision concluding so."""
    if c.enquiry is not None and c.enquiry.capacity_lacked is CapacityLacked.YES:
        return True
    return any(d.outcome is CapacityOutcome.LACKS_CAPACITY for d in c.capacity_decisions)


def capacity_in_doubt(c: Concern) -> bool:
    """Capacity lacking, unknown, or assessed at all (someone doubted it)."""
    if lacks_capacity(c) or c.capacity_decisions:
        return True
    return c.enquiry is not None and c.enquiry.capacity_lacked is CapacityLacked.DONT_KNOW


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
    """The adult has died: a date of death, or a closure because they died."""
    if c.adult.date_of_death is not None:
        return True
    return c.closure is not None and c.closure.reason is ClosureReason.ADULT_DIED


def provider_source(c: Concern) -> bool:
    """A service provider is a source of risk."""
    return any(r.sac_source is SourceOfRisk.SERVICE_PROVIDER for r in c.risks)


def represented(adult: Adult) -> bool:
    """A representative or an advocate of the adult is involved."""
    return any(r.involved for r in adult.representatives) or any(a.involved for a in adult.advocates)


def seen_alone_or_why_not(contact: Contact | None) -> bool:
    """The adult was seen alone, or the reason they were not is recorded."""
    return contact is not None and (contact.seen_alone is True or bool(contact.not_seen_alone_reason))


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
