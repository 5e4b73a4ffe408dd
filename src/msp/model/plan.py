"""The safeguarding plan (risk plan): actions, the adult's part in it, and living with risk.

"Develop plans with the adult at risk to reduce or remove risks, including any
immediate risks of harm. Should a person decide to remain living with the
risk, make sure the person understands this and any actions they can take to
maximise their safety" (seed 000). Where coercion or undue influence is
suspected and the adult cannot be seen alone, escalate through line management
and, usually, a multi-agency approach (seed 001, "Working with risk").

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import ActionStatus
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["Escalation", "LivingWithRisk", "PlanAction", "RiskPlan"]


@attrs.frozen(slots=True, kw_only=True)
class PlanAction:
    """One action in the plan.

    Attributes:
        action: what will be done (personal).
        owner: the role or agency responsible (never a person's name).
        due_on: by when.
        status: planned, in progress, done, cancelled.
        immediate: addresses an immediate risk of harm.
    """

    action: str = f.required_text()
    owner: str | None = f.text(personal=False)
    due_on: date | None = f.day()
    status: ActionStatus = f.required_code(ActionStatus, ActionStatus.PLANNED)
    immediate: bool | None = f.flag()


@attrs.frozen(slots=True, kw_only=True)
class LivingWithRisk:
    """The adult's decision to go on living with a risk.

    Attributes:
        informed_decision: the adult made the decision knowing the risk.
        understanding: what the adult understands of the risk (personal).
        safety_actions: what the adult can do to maximise their safety (personal).
        capacity_decision_id: the capacity decision behind it, where capacity
            is in doubt (``decision_id`` of a :class:`msp.model.capacity.CapacityDecision`).
    """

    informed_decision: bool | None = f.flag()
    understanding: str | None = f.text()
    safety_actions: tuple[str, ...] = f.many(str, "text", personal=True)
    capacity_decision_id: str | None = f.opt_ident()


@attrs.frozen(slots=True, kw_only=True)
class Escalation:
    """Escalation where coercion or undue influence is suspected.

    Attributes:
        escalated_on: when.
        escalated_to: e.g. line management, a multi-agency risk meeting.
        reason: why (personal).
    """

    escalated_on: date | None = f.day()
    escalated_to: str | None = f.text(personal=False)
    reason: str | None = f.text()


@attrs.frozen(slots=True, kw_only=True)
class RiskPlan:
    """The safeguarding plan.

    Attributes:
        actions: the actions.
        developed_with_adult: developed with the adult (or representative).
        agreed_with_adult: the adult agreed it.
        agreed_on: when agreed.
        immediate_risks_considered: immediate risks of harm were considered.
        review_due_on: when the plan is next reviewed.
        reviewed_on: the dates it was reviewed.
        living_with_risk: where the adult chooses to live with a risk.
        escalation: where coercion or undue influence is suspected.
    """

    actions: tuple[PlanAction, ...] = f.many(PlanAction, "a plan action")
    developed_with_adult: bool | None = f.flag()
    agreed_with_adult: bool | None = f.flag()
    agreed_on: date | None = f.day()
    immediate_risks_considered: bool | None = f.flag()
    review_due_on: date | None = f.day()
    reviewed_on: tuple[date, ...] = f.many(date, "a date")
    living_with_risk: LivingWithRisk | None = f.part(LivingWithRisk)
    escalation: Escalation | None = f.part(Escalation)

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
