"""The workflow steps as the service offers them: each step's request members, read from its signature.

Private to :mod:`msp.server`. Every step of :data:`msp.workflow.TRANSITIONS` is one
function of :mod:`msp.workflow` taking the record, ``actor``, ``at``, ``reason``,
``authorised_by`` and ``policy``, and the step's own data (``decision``, ``plan``,
``closure``...). :func:`step_specs` reads those from the functions' signatures, so
the service's request bodies (and the OpenAPI document, :mod:`msp.server._openapi`)
follow the workflow without a table to keep in step.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from datetime import datetime
from typing import Any, Final

import attrs

import msp.workflow
from msp.model.concern import Actor, Concern
from msp.workflow.steps import step_function

__all__ = ["COMMON", "StepArgument", "StepSpec", "step_function", "step_specs"]


@attrs.frozen(slots=True, kw_only=True)
class StepArgument:
    """One member of a step's request body.

    Attributes:
        name: the member's name, the step function's keyword.
        type: the type it is built as (``X`` for ``X | None``).
        required: the request must give it.
        about: what it is, for the OpenAPI document.
    """

    name: str
    type: Any
    required: bool
    about: str


COMMON: Final = (
    StepArgument(name="record", type=Concern, required=True, about="the case record before the step"),
    StepArgument(name="actor", type=Actor, required=True, about="who takes the step (a role and a pseudonymous id)"),
    StepArgument(name="at", type=datetime, required=True, about="when the step is taken, with a UTC offset"),
    StepArgument(name="reason", type=str, required=False, about="why (free text; never echoed)"),
    StepArgument(
        name="authorised_by",
        type=Actor,
        required=False,
        about="the manager who authorises the step, where the policy asks for sign-off",
    ),
)
"""The members every step takes, in this order; the step's own data follows."""

_HANDLED: Final = frozenset({"record", "policy", *(a.name for a in COMMON)})


@attrs.frozen(slots=True, kw_only=True)
class StepSpec:
    """One workflow step as the service offers it.

    Attributes:
        step: the step's name (``decide``).
        summary: one line on what it does (from the transition table).
        arguments: the members of its request body: :data:`COMMON`, then the step's own.
    """

    step: str
    summary: str
    arguments: tuple[StepArgument, ...]


def _without_none(hint: Any) -> Any:  # noqa: ANN401 - a type
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = [a for a in typing.get_args(hint) if a is not type(None)]
        return kept[0] if len(kept) == 1 else hint
    return hint


def _own_arguments(step: str) -> tuple[StepArgument, ...]:
    function = step_function(step)
    hints = typing.get_type_hints(function)
    found = []
    for name, parameter in inspect.signature(function).parameters.items():
        if name in _HANDLED:
            continue
        required = parameter.default is inspect.Parameter.empty
        found.append(StepArgument(name=name, type=_without_none(hints[name]), required=required, about=""))
    return tuple(found)


@functools.cache
def step_specs() -> tuple[StepSpec, ...]:
    """Every step of :data:`msp.workflow.TRANSITIONS`, in the table's order, with its request members."""
    return tuple(
        StepSpec(step=t.step, summary=t.summary, arguments=(*COMMON, *_own_arguments(t.step)))
        for t in msp.workflow.TRANSITIONS
    )
