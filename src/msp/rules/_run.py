"""Running rules: the rule set of a year and profile, and the report on one record.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import Problem
from msp.model.concern import Concern
from msp.rules._plan import Found, Plan
from msp.rules._types import Finding, Rule, Severity, Status

__all__ = ["Report", "RuleSet"]

_NOT_A_RECORD: Final = "the rules take a Concern: for a dict read from JSON use msp.validate (msp.io.validate)"


class _Cache:
    """What a rule set works out once and reuses: a plan per stage and record type, and one
    tuple of statuses per distinct outcome. It lives and dies with its rule set (so it can
    never answer for other rules) and pickles empty."""

    __slots__ = ("plans", "statuses")

    def __init__(self) -> None:
        self.plans: dict[tuple[CaseStage, type], Plan] = {}
        self.statuses: dict[bytes, tuple[Status, ...]] = {}

    def __reduce__(self) -> tuple[type[_Cache], tuple[()]]:
        return (_Cache, ())


@attrs.frozen(slots=True, kw_only=True)
class RuleSet:
    """The rules in force for one collection year, with a profile's changes applied.

    Build one with :func:`rule_set` or :meth:`Profile.rule_set`; reuse it: what it works
    out for a stage (which rules apply, which guards to ask) is kept with it.
    """

    year: CollectionYear
    rules: tuple[Rule, ...]
    profile: str = "default"
    _cache: _Cache = attrs.field(factory=_Cache, init=False, eq=False, hash=False, repr=False)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in run order."""
        return tuple(r.code for r in self.rules)

    def only(self, codes: Iterable[str]) -> RuleSet:
        """The subset with these codes.

        Raises:
            KeyError: a code is not in this rule set.
        """
        wanted = list(dict.fromkeys(codes))
        by_code = {r.code: r for r in self.rules}
        missing = [c for c in wanted if c not in by_code]
        if missing:
            msg = f"not in this rule set: {', '.join(missing)}"
            raise KeyError(msg)
        return attrs.evolve(self, rules=tuple(by_code[c] for c in wanted))

    def validate(self, record: Concern, *, stage: CaseStage | None = None) -> Report:
        """Validate one record with this rule set (see :func:`msp.rules.validate`).

        Raises:
            TypeError: ``record`` is not a :class:`~msp.model.concern.Concern` (for a
                dict read from JSON, use :func:`msp.validate`, which reports its
                structure problems as findings).
        """
        if not isinstance(record, Concern):
            raise TypeError(_NOT_A_RECORD)
        return self._run(record, record.stage if stage is None else stage)

    def _plan(self, stage: CaseStage, kind: type) -> Plan:
        found = self._cache.plans.get((stage, kind))
        if found is None:
            found = self._cache.plans[stage, kind] = Plan(self.rules, stage, kind)
        return found

    def _run(self, recorded: Concern, stage: CaseStage) -> Report:
        # Rules read the stage from the record: validate the record as if it were there,
        # except rules that check the record as stored (``Rule.as_recorded``).
        concern = recorded if stage is recorded.stage else attrs.evolve(recorded, stage=stage)
        record_id = concern.concern_id
        # Only the rules that apply at this stage to this type run (see msp.rules._plan); every other
        # status stays NOT_APPLICABLE (0 in ``codes``).
        plan = self._plan(stage, type(concern))
        codes = plan.blank.copy()
        errored: dict[str, str] = {}
        found: Found = []
        plan.run(concern, recorded, codes, found, errored)
        findings = (
            tuple(
                Finding(
                    problem=Problem(code=r.code, path=x.path, message=x.message, record_id=record_id),
                    severity=r.severity,
                    reference=r.reference,
                )
                for r, fails in found
                for x in fails
            )
            if found
            else ()
        )
        return Report(
            record_id=record_id,
            findings=findings,
            rule_set=self,
            statuses=self._statuses(bytes(codes)),
            errored=errored,
            stage=stage,
        )

    def _statuses(self, codes: bytes) -> tuple[Status, ...]:
        # One shared tuple of statuses per distinct outcome: most records end alike.
        shared = self._cache.statuses
        found = shared.get(codes)
        if found is None:
            if len(shared) >= _MAX_STATUS_TUPLES:
                shared.clear()
            found = shared[codes] = tuple([_STATUS_BY_CODE[c] for c in codes])
        return found


# Statuses while the rules run: 0 not applicable, then PASSED, FAILED, ERRORED (see msp.rules._plan).
_STATUS_BY_CODE: Final = (Status.NOT_APPLICABLE, Status.PASSED, Status.FAILED, Status.ERRORED)
_MAX_STATUS_TUPLES: Final = 4096


@attrs.frozen(slots=True, kw_only=True)
class Report:
    """The result of validating one record.

    Attributes:
        record_id: the record's id, where it could be read.
        findings: every finding, structure problems first, then by rule order.
        rule_set: the rule set used.
        statuses: each rule's status, aligned with ``rule_set.rules``; empty
            where the record could not be built (its structure findings say why).
        errored: rule code to exception type name, for rules that raised.
        stage: the stage the record was validated at.
    """

    record_id: str | None
    findings: tuple[Finding, ...]
    rule_set: RuleSet = attrs.field(repr=False)
    statuses: tuple[Status, ...] = attrs.field(repr=False)
    errored: Mapping[str, str] = attrs.field(factory=dict)
    stage: CaseStage | None = None

    @property
    def structured(self) -> bool:
        """True where the record was built and the rules ran."""
        return bool(self.statuses) or not self.rule_set.rules

    @property
    def outcomes(self) -> tuple[tuple[str, Status], ...]:
        """``(rule code, status)`` for every rule in the rule set (empty if the record could not be built)."""
        if not self.statuses:
            return ()
        return tuple(zip(self.rule_set.codes, self.statuses, strict=True))

    def status_of(self, code: str) -> Status:
        """The status of one rule.

        Raises:
            KeyError: the rule is not in the rule set, or the record could not be built.
        """
        for rule_code, status in self.outcomes:
            if rule_code == code:
                return status
        raise KeyError(code)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Findings of error severity."""
        return tuple(x for x in self.findings if x.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings of warning severity."""
        return tuple(x for x in self.findings if x.severity is Severity.WARNING)

    @property
    def advice(self) -> tuple[Finding, ...]:
        """Findings of advice severity."""
        return tuple(x for x in self.findings if x.severity is Severity.ADVICE)

    @property
    def has_errors(self) -> bool:
        """True where any finding is an error."""
        return any(x.severity is Severity.ERROR for x in self.findings)

    @property
    def ok(self) -> bool:
        """True where the record was built, no rule errored and no finding is an error."""
        return self.structured and not self.errored and not self.has_errors

    def counts(self) -> dict[Status, int]:
        """How many rules ended in each status."""
        out = dict.fromkeys(Status, 0)
        for s in self.statuses:
            out[s] += 1
        return out
