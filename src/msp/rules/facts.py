"""Small helpers shared by the built-in rule families."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from msp.codes import CapacityLacked, CapacityOutcome, CaseStage, ClosureReason, EnquiryRoute, SourceOfRisk, TypeOfRisk
from msp.model.capacity import CapacityDecision
from msp.model.concern import Concern
from msp.rules._types import STAGE_ORDER, from_stage

ALL_STAGES: Final = frozenset(STAGE_ORDER)
FROM_INFORMATION_GATHERING: Final = from_stage(CaseStage.INFORMATION_GATHERING)
FROM_DECISION: Final = from_stage(CaseStage.DECIDED)
FROM_ENQUIRY: Final = from_stage(CaseStage.ENQUIRY)
FROM_PLAN: Final = from_stage(CaseStage.PLAN_AND_REVIEW)
FROM_CONCLUSION: Final = from_stage(CaseStage.CONCLUDED)
AT_CLOSURE: Final = frozenset({CaseStage.CLOSED})
ENDED: Final = frozenset({CaseStage.CEASED_AT_ADULTS_REQUEST, CaseStage.CLOSED})

SEED_PRACTICE: Final = "000_31cc606041fbbfe2.txt"
"""Seed 000: 'Making Safeguarding Personal in Practice' and its misconceptions."""
SEED_MYTHS: Final = "001_f04894fa4599027b.txt"
"""Seed 001: 'Guidance on Making Safeguarding Personal', myths and realities."""


def has_enquiry(c: Concern) -> bool:
    """The concern led (or is leading) to an enquiry, section 42 or other."""
    return c.enquiry_type is not None


def is_section_42(c: Concern) -> bool:
    """The concern led to a section 42 enquiry (a guard for :func:`msp.rules._declare.only_if`)."""
    return c.is_section_42


def concluded_section_42(c: Concern) -> bool:
    """A section 42 enquiry that has concluded."""
    return c.is_section_42 and c.concluded_on is not None


def has_capacity_decisions(c: Concern) -> bool:
    """Any capacity decision is recorded."""
    return bool(c.capacity_decisions)


def has_plan(c: Concern) -> bool:
    """A risk plan is recorded."""
    return c.plan is not None


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
