"""What a rule is and what it finds: rules, severities, statuses, failures and findings.

A *rule* is a small function with a stable code, a title, a severity, the
workflow stages it applies to and a legal or guidance reference. It looks at a
:class:`~msp.model.concern.Concern` and returns one of:

- :data:`NOT_APPLICABLE`: the rule has nothing to say about this record;
- :data:`PASS` (an empty tuple): it applies and the record meets it;
- one or more :class:`Fail` (use :func:`fail`): where and why it falls short.

The rest of the engine: :mod:`msp.rules._declare` (how rules are declared),
:mod:`msp.rules._run` (rule sets and reports) and :mod:`msp.rules._registry`
(the registry, profiles and :func:`~msp.rules.validate`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, Final, Union

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import SHAPE_REFERENCE, Finding, Severity
from msp.model.concern import Concern

__all__ = [
    "DEFAULT_YEAR",
    "NOT_APPLICABLE",
    "PASS",
    "SHAPE_REFERENCE",
    "STAGE_ORDER",
    "CheckResult",
    "Fail",
    "Finding",
    "NotApplicable",
    "Rule",
    "Severity",
    "Status",
    "fail",
    "from_stage",
]

DEFAULT_YEAR: Final = CollectionYear(start=2025)
"""The collection year the library's rules are written for when none is given."""

STAGE_ORDER: Final[tuple[CaseStage, ...]] = (
    CaseStage.CONCERN_RECEIVED,
    CaseStage.INFORMATION_GATHERING,
    CaseStage.DECIDED,
    CaseStage.ENQUIRY,
    CaseStage.PLAN_AND_REVIEW,
    CaseStage.CONCLUDED,
    CaseStage.CEASED_AT_ADULTS_REQUEST,
    CaseStage.CLOSED,
)
"""Stages in process order (London four-stage model, reference.md §4.2)."""


def from_stage(stage: CaseStage) -> frozenset[CaseStage]:
    """The stage and every stage after it in :data:`STAGE_ORDER`."""
    return frozenset(STAGE_ORDER[STAGE_ORDER.index(stage) :])


class Status(enum.Enum):
    """What happened when a rule ran on a record."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    ERRORED = "errored"


class NotApplicable(enum.Enum):
    """Type of :data:`NOT_APPLICABLE` (a singleton)."""

    NOT_APPLICABLE = "not_applicable"


NOT_APPLICABLE: Final = NotApplicable.NOT_APPLICABLE
"""Returned by a rule that has nothing to say about a record."""


@attrs.frozen(slots=True)
class Fail:
    """Where and why a record fails a rule. The message must carry no personal value."""

    path: str
    message: str


PASS: Final[tuple[Fail, ...]] = ()
"""Returned by a rule that applies and is met."""

CheckResult = Union[NotApplicable, Sequence[Fail]]  # noqa: UP007 - runtime alias on Python 3.10
"""What a rule's check returns."""


def fail(path: str, message: str) -> tuple[Fail, ...]:
    """One failure at ``path`` (a JSON path such as ``$.contact.seen_alone``)."""
    return (Fail(path, message),)


@attrs.frozen(slots=True, kw_only=True)
class Rule:
    """One coded rule.

    Attributes:
        code: stable code, e.g. ``MSP-001``; the family is the part before the dash.
        title: what the rule requires, in a sentence.
        severity: the default severity (a profile may change it).
        stages: the workflow stages at which it applies.
        reference: the statute section or guidance it comes from.
        check: the function that checks a record.
        source: the seed document, where the rule comes from one.
        fields: the JSON paths the rule reads.
        record_type: the record class the rule checks.
        valid_from: the first collection year it applies to.
        valid_to: the last collection year it applies to, or ``None``.
        as_recorded: check the record exactly as stored, even when it is validated
            as if at another stage (``validate(..., stage=...)``); for rules about the
            record itself, such as its history, rather than about the case at a stage.
    """

    code: str
    title: str
    severity: Severity
    stages: frozenset[CaseStage]
    reference: str
    check: Callable[[Any], CheckResult] = attrs.field(eq=False, repr=False)
    source: str | None = None
    fields: tuple[str, ...] = ()
    record_type: type = Concern
    valid_from: CollectionYear = CollectionYear(start=2015)
    valid_to: CollectionYear | None = None
    as_recorded: bool = False

    def __attrs_post_init__(self) -> None:
        family, _, ident = self.code.partition("-")
        if not family.isupper() or not ident or any(ch.isspace() for ch in self.code):
            msg = "a rule code is FAMILY-ID, e.g. MSP-001"
            raise ValueError(msg)
        if not self.reference.strip():
            msg = f"rule {self.code} needs a reference"
            raise ValueError(msg)
        if not self.title.strip():
            msg = f"rule {self.code} needs a title"
            raise ValueError(msg)

    @property
    def family(self) -> str:
        """The code's family, e.g. ``MSP``, ``MCA``, ``CA``, ``SAC``."""
        return self.code.split("-", 1)[0]

    def applies_in(self, year: CollectionYear) -> bool:
        """True where the rule is in force in ``year``."""
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)
