"""The safeguarding plan (risk plan): actions, the adult's part in it, and living with risk.

Plans are developed with the adult to reduce or remove risks, including any
immediate risks of harm; where a person decides to go on living with a risk,
they understand it and the actions they can take to keep themselves safer (LGA
Making Safeguarding Personal toolkit). Where coercion or undue influence is
suspected and the adult cannot be seen alone, the situation is escalated through
line management, usually to a multi-agency approach (LGA/ADASS "Myths and
realities about Making Safeguarding Personal", 2019).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import ActionStatus
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["Escalation", "LivingWithRisk", "PlanAction", "RiskPlan"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class PlanAction(f.Record):
    """One action in the plan."""

    action: str = f.required_text(doc="what will be done")
    owner: str | None = f.text(personal=False, doc="the role or agency responsible (never a person's name)")
    due_on: date | None = f.day(doc="by when")
    status: ActionStatus = f.required_code(
        ActionStatus, ActionStatus.PLANNED, doc="planned, in progress, done, cancelled"
    )
    immediate: bool | None = f.flag(doc="addresses an immediate risk of harm")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class LivingWithRisk(f.Record):
    """The adult's decision to go on living with a risk."""

    informed_decision: bool | None = f.flag(doc="the adult made the decision knowing the risk")
    understanding: str | None = f.text(doc="what the adult understands of the risk")
    safety_actions: tuple[str, ...] = f.many(
        str, "text", personal=True, doc="what the adult can do to maximise their safety"
    )
    capacity_decision_id: str | None = f.opt_ident(
        doc=(
            "the capacity decision behind it, where capacity is in doubt (``decision_id`` of a "
            ":class:`msp.model.capacity.CapacityDecision`)"
        )
    )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Escalation(f.Record):
    """Escalation where coercion or undue influence is suspected."""

    escalated_on: date | None = f.day(doc="when")
    escalated_to: str | None = f.text(personal=False, doc="e.g. line management, a multi-agency risk meeting")
    reason: str | None = f.text(doc="why escalated, or why the risk is managed without escalating")
    risk_managed: bool | None = f.flag(
        doc="the risk is managed without escalating (the reason is recorded in ``reason``)"
    )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class RiskPlan(f.Record):
    """The safeguarding plan."""

    actions: tuple[PlanAction, ...] = f.many(PlanAction, "a plan action", doc="the actions")
    developed_with_adult: bool | None = f.flag(doc="developed with the adult (or representative)")
    agreed_with_adult: bool | None = f.flag(doc="the adult agreed it")
    agreed_on: date | None = f.day(doc="when agreed")
    immediate_risks_considered: bool | None = f.flag(doc="immediate risks of harm were considered")
    review_due_on: date | None = f.day(doc="when the plan is next reviewed")
    reviewed_on: tuple[date, ...] = f.many(date, "a date", doc="the dates it was reviewed")
    living_with_risk: LivingWithRisk | None = f.part(LivingWithRisk, doc="where the adult chooses to live with a risk")
    escalation: Escalation | None = f.part(Escalation, doc="where coercion or undue influence is suspected")

    def __attrs_post_init__(self) -> None:
        problems = [
            Problem(
                code="SHAPE-DATE-ORDER",
                path=f"$.reviewed_on[{i}]",
                message="plan reviewed before it was agreed",
            )
            for i, when in enumerate(self.reviewed_on)
            if f.not_before(when, self.agreed_on)
        ]
        f.check_all(problems)
