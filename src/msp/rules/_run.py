"""Running rules: the rule set of a year and profile, and the report on one record.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import Problem
from msp.model.concern import Concern
from msp.rules._declare import GUARDS
from msp.rules._types import NOT_APPLICABLE, CheckResult, Fail, Finding, Rule, Severity, Status

__all__ = ["Report", "RuleSet"]

_NOT_A_RECORD: Final = "the rules take a Concern: for a dict read from JSON use msp.validate (msp.io.validate)"


@attrs.frozen(slots=True, kw_only=True)
class RuleSet:
    """The rules in force for one collection year, with a profile's changes applied.

    Build one with :func:`rule_set` or :meth:`Profile.rule_set`; reuse it.
    """

    year: CollectionYear
    rules: tuple[Rule, ...]
    profile: str = "default"

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

    def _run(self, recorded: Concern, stage: CaseStage) -> Report:
        # Rules read the stage from the record: validate the record as if it were there,
        # except rules that check the record as stored (``Rule.as_recorded``).
        concern = recorded if stage is recorded.stage else attrs.evolve(recorded, stage=stage)
        record_id = concern.concern_id
        # Which rules apply at this stage to this type is worked out once per rule set
        # (see _plan): only those run; every other status stays NOT_APPLICABLE (0 in ``codes``).
        blank, guards, steps = _plan(self.rules, stage, type(concern))
        codes = blank.copy()
        findings: list[Finding] = []
        errored: dict[str, str] = {}
        # A rule whose guard is false would return NOT_APPLICABLE (see only_if): skip the call.
        # A guard that raises skips nothing; the rule then runs and reports as it always has.
        held = [_holds(guard, concern) for guard in guards]
        for index, r, check, as_recorded, record_type, guard in steps:
            if guard >= 0 and not held[guard]:
                continue
            if record_type is not None and not isinstance(concern, record_type):
                continue
            try:
                result = check(recorded if as_recorded else concern)
                if result is NOT_APPLICABLE:
                    continue
                fails = result if type(result) is tuple else tuple(result)
                for x in fails:
                    if not isinstance(x, Fail):
                        msg = f"rule {r.code} returned something other than Fail objects"
                        raise TypeError(msg)  # noqa: TRY301 - reported as errored below, like any crash
            except Exception as exc:  # noqa: BLE001 - a crashing rule is reported, never passed
                codes[index] = _ERRORED
                errored[r.code] = type(exc).__name__
                continue
            if not fails:
                codes[index] = _PASSED
                continue
            codes[index] = _FAILED
            findings.extend(
                Finding(
                    problem=Problem(code=r.code, path=x.path, message=x.message, record_id=record_id),
                    severity=r.severity,
                    reference=r.reference,
                )
                for x in fails
            )
        return Report(
            record_id=record_id,
            findings=tuple(findings),
            rule_set=self,
            statuses=_statuses(bytes(codes)),
            errored=errored,
            stage=stage,
        )


# Statuses as small codes while the rules run (a bytearray item is cheap to set), and
# one shared tuple of Status per distinct outcome: most records end alike.
_STATUS_BY_CODE: Final = (Status.NOT_APPLICABLE, Status.PASSED, Status.FAILED, Status.ERRORED)
_PASSED: Final = 1
_FAILED: Final = 2
_ERRORED: Final = 3
_STATUS_TUPLES: dict[bytes, tuple[Status, ...]] = {}
_MAX_STATUS_TUPLES = 4096


def _statuses(codes: bytes) -> tuple[Status, ...]:
    found = _STATUS_TUPLES.get(codes)
    if found is None:
        if len(_STATUS_TUPLES) >= _MAX_STATUS_TUPLES:
            _STATUS_TUPLES.clear()
        found = _STATUS_TUPLES[codes] = tuple([_STATUS_BY_CODE[c] for c in codes])
    return found


def _holds(guard: Callable[[Any], object], record: object) -> bool:
    try:
        return bool(guard(record))
    except Exception:  # noqa: BLE001 - skip nothing: the rules run and report as they always have
        return True


# ``(index, rule, check, as_recorded, record_type or None, guard index or -1)``: ``record_type``
# is given only where ``isinstance`` cannot be settled from the record's type alone.
_Step = tuple[int, Rule, Callable[[Any], CheckResult], bool, "type | None", int]
_Plan = tuple[tuple[Rule, ...], bytearray, tuple[Callable[[Any], object], ...], tuple[_Step, ...]]
_PLANS: dict[tuple[int, CaseStage, type], _Plan] = {}
_MAX_PLANS = 256


def _plan(
    rules: tuple[Rule, ...], stage: CaseStage, kind: type
) -> tuple[bytearray, tuple[Callable[[Any], object], ...], tuple[_Step, ...]]:
    """An all-NOT_APPLICABLE code per rule (copy it), the guards to work out, and the rules that may apply.

    Worked out once per rule tuple, stage and record type: testing stage membership
    (``Enum.__hash__`` runs in Python) and the record type for every rule of every
    record took about 17 of 59 µs a record for the default catalogue.
    """
    key = (id(rules), stage, kind)
    found = _PLANS.get(key)
    if found is None or found[0] is not rules:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        steps: list[_Step] = []
        guards: dict[Callable[[Any], object], int] = {}
        for index, r in enumerate(rules):
            if stage not in r.stages:
                continue
            if type(r.record_type) is type:  # a plain class: isinstance is issubclass of the type
                if not issubclass(kind, r.record_type):
                    continue
                record_type = None
            else:
                record_type = r.record_type
            try:
                guard = GUARDS.get(r.check)
            except TypeError:  # a check that cannot be hashed has no guard
                guard = None
            # A guard speaks for the record the check is given: never for as_recorded rules,
            # which may be given another record than the one the guard would be asked about.
            position = -1 if guard is None or r.as_recorded else guards.setdefault(guard, len(guards))
            steps.append((index, r, r.check, r.as_recorded, record_type, position))
        found = (rules, bytearray(len(rules)), tuple(guards), tuple(steps))
        _PLANS[key] = found  # keeps ``rules`` alive, so its id is not reused while cached
    return found[1], found[2], found[3]


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
