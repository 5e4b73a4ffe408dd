"""Shapes several built-in rules share, written once: a family declares its rules of one shape as
rows of a table (``for code, ... in (...): RULES.check(code)(...)``) rather than repeat a check.

A shape is a picklable object (a rule set goes to worker processes whole). It does not know the
names of its rule's :class:`~msp.rules.Paths`, only their order: when the rule is declared,
:func:`msp.rules._declare.with_paths` gives it the paths once (``shape.given(paths)``), and what
that returns is the check's body, called with what the rule's guard returned.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs

from msp.model.concern import Concern
from msp.rules._types import PASS, CheckResult, JsonPath, Paths, fail

__all__ = ["EveryRiskRecords", "ForEach", "RecordedTrue", "for_each"]

_T = TypeVar("_T")


class ForEach(Generic[_T]):
    """A failure at the rule's path for each item (of the list the guard returned) that a predicate picks out.

    Made by :func:`for_each`; reads like its predicate (name, docstring, module).

    Attributes:
        predicate: true of an item that fails the rule.
        message: what fails, for each such item.
        path: the rule's one path, once given (:meth:`given`).
    """

    def __init__(self, predicate: Callable[[_T], object], message: str, path: JsonPath | None = None) -> None:
        self.predicate = predicate
        self.message = message
        self.path = path
        functools.update_wrapper(self, predicate)

    def given(self, at: Paths) -> ForEach[_T]:
        """The shape for a rule with these paths (it has one)."""
        (path,) = at
        return ForEach(self.predicate, self.message, path)

    def __call__(self, items: Sequence[_T]) -> CheckResult:
        """Fail at the rule's path, at each item's index, for each item the predicate is true of."""
        if self.path is None:
            msg = "a shape checks once it is given its rule's paths"
            raise TypeError(msg)
        return self.path.each(items, self.predicate, self.message)


def for_each(message: str) -> Callable[[Callable[[_T], object]], ForEach[_T]]:
    """Decorator: the rule fails with ``message`` for each item the decorated predicate is true of::

    @RULES.check("MCA-002")
    @only_if(capacity_decisions_of)
    @for_each("the capacity assessment is not dated")
    def time_specific(d: CapacityDecision) -> bool:
        return d.assessed_on is None
    """

    def declare(predicate: Callable[[_T], object]) -> ForEach[_T]:
        return ForEach(predicate, message)

    return declare


@attrs.frozen(slots=True)
class RecordedTrue:
    """The part of the record the guard returned says a thing was done: its field is ``True``.

    The rule declares one path, and the path's last name is the field (``$.plan.agreed_with_adult``
    is ``plan.agreed_with_adult``).

    Attributes:
        message: what fails where it is not recorded as done.
        path: the rule's one path, once given (:meth:`given`).
    """

    message: str
    path: JsonPath | None = None

    def given(self, at: Paths) -> RecordedTrue:
        """The shape for a rule with these paths (it has one)."""
        (path,) = at
        return attrs.evolve(self, path=path)

    def __call__(self, part: object) -> CheckResult:
        """Fail at the rule's path where the field is not ``True``."""
        if self.path is None:
            msg = "a shape checks once it is given its rule's paths"
            raise TypeError(msg)
        return PASS if getattr(part, self.path.name) is True else self.path.fail(self.message)


@attrs.frozen(slots=True)
class EveryRiskRecords:
    """Every risk of the record has a value for a field; at least one risk is recorded.

    Attributes:
        field: the risk's attribute that must not be ``None`` (``sac_source`` for the SAC
            source, given or derived from the detailed source).
        message: what fails for a risk without it.
        path: the rule's first path (its failures are there), once given (:meth:`given`).
    """

    field: str
    message: str
    path: JsonPath | None = None

    def given(self, at: Paths) -> EveryRiskRecords:
        """The shape for a rule with these paths."""
        return attrs.evolve(self, path=next(iter(at)))

    def __call__(self, c: Concern) -> CheckResult:
        """Fail at the rule's path for each risk without the field, or at ``$.risks`` where none is recorded."""
        if self.path is None:
            msg = "a shape checks once it is given its rule's paths"
            raise TypeError(msg)
        if not c.risks:
            return fail("$.risks", "a concluded section 42 enquiry records no risks")
        field = self.field
        return self.path.each(c.risks, lambda r: getattr(r, field) is None, self.message)
