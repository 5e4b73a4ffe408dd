"""How rules are declared: the decorators the built-in families use, and guards.

The built-in families (:mod:`msp.rules.families`) declare their rules with
:func:`builtin_rule` at import time; the declarations are collected in
:data:`BUILTIN` and added to the registry by :mod:`msp.rules._registry`, which
imports the families (:data:`msp.rules.families.FAMILIES`). This module imports no family and no registry, so the
arrows point one way: registry -> families -> declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.model.concern import Concern
from msp.rules._types import CheckResult, Rule, Severity

__all__ = ["BUILTIN", "GUARDS", "builtin_rule", "make_rule", "only_if"]

BUILTIN: dict[str, list[Rule]] = {}
"""The built-in rules by the name of the family module that declared them, in declaration order."""

GUARDS: dict[Callable[..., Any], Callable[[Any], object]] = {}
"""Check function to its guard (see :func:`only_if`)."""


def make_rule(
    check: Callable[[Any], CheckResult],
    *,
    code: str,
    title: str,
    severity: Severity,
    stages: Iterable[CaseStage],
    reference: str,
    source: str | None = None,
    fields: Sequence[str] = (),
    record_type: type = Concern,
    valid_from: CollectionYear | None = None,
    valid_to: CollectionYear | None = None,
    as_recorded: bool = False,
) -> Rule:
    """A :class:`~msp.rules.Rule` for ``check`` (the decorators' common part).

    Raises:
        ValueError: the code is malformed, or the title or reference is empty.
    """
    return Rule(
        code=code,
        title=title,
        severity=severity,
        stages=frozenset(stages),
        reference=reference,
        check=check,
        source=source,
        fields=tuple(fields),
        record_type=record_type,
        valid_from=valid_from or CollectionYear(start=2015),
        valid_to=valid_to,
        as_recorded=as_recorded,
    )


def builtin_rule(**kwargs: Any) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:  # noqa: ANN401
    """Declare a rule of the library's own catalogue (codes that can never be replaced).

    Takes the keywords of :func:`msp.rules.rule`; the check is returned unchanged.
    """

    def decorate(check: Callable[[Any], CheckResult]) -> Callable[[Any], CheckResult]:
        BUILTIN.setdefault(check.__module__, []).append(make_rule(check, **kwargs))
        return check

    return decorate


def only_if(
    guard: Callable[[Any], object],
) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:
    """Decorator for a check: it returns :data:`NOT_APPLICABLE` whenever ``guard(record)`` is false.

    A promise, not a change of behaviour: the check is returned unchanged and must
    still say NOT_APPLICABLE itself when called directly. The engine works a guard
    out once per record and skips every check it rules out: most checks of the
    catalogue are not applicable to most records, and calling each only to hear so
    cost about half the time of the rules. Keep the guard cheap and exact;
    ``tests/io/test_batch.py`` holds every guard to its promise on synthetic records.
    """

    def declare(check: Callable[[Any], CheckResult]) -> Callable[[Any], CheckResult]:
        GUARDS[check] = guard
        return check

    return declare
