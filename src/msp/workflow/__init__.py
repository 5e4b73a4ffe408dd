"""The safeguarding process as pure, guarded steps, and its timescales.

Layer: ``workflow`` (imports :mod:`msp.rules` and below). Each step in
:mod:`msp.workflow.steps` returns a new record with a sealed history entry, or
raises :class:`msp.errors.TransitionRefused` with the findings that block it
(:func:`blockers` lists them all without taking the step);
:mod:`msp.workflow.timescales` gives due dates under a local policy, overdue plan reviews,
and first contact and immediate safety timed against the risk rating at triage.
:class:`WorkflowPolicy` holds the rules and the council's separation of duties (four eyes,
a manager's sign-off: :data:`WORKFLOW_POLICIES`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.workflow.steps import (
    LONDON_STAGES,
    MANAGER_SIGN_OFF_STEPS,
    TRANSITIONS,
    WORKFLOW_POLICIES,
    Transition,
    TransitionRefused,
    WorkflowPolicy,
    agree_plan,
    allowed_steps,
    blockers,
    cease_at_adults_request,
    change_route,
    close,
    conclude,
    decide,
    get_transition,
    mermaid,
    pause_enquiry,
    receive,
    reopen,
    resume_enquiry,
    review_plan,
    start_enquiry,
    start_information_gathering,
    step_function,
)

__all__ = [
    "LONDON_STAGES",
    "MANAGER_SIGN_OFF_STEPS",
    "TRANSITIONS",
    "WORKFLOW_POLICIES",
    "Transition",
    "TransitionRefused",
    "WorkflowPolicy",
    "agree_plan",
    "allowed_steps",
    "blockers",
    "cease_at_adults_request",
    "change_route",
    "close",
    "conclude",
    "decide",
    "get_transition",
    "mermaid",
    "pause_enquiry",
    "receive",
    "reopen",
    "resume_enquiry",
    "review_plan",
    "start_enquiry",
    "start_information_gathering",
    "step_function",
]


def __dir__() -> list[str]:
    return __all__
