"""The rules engine: rules, rule sets tied to a collection year, profiles, reports.

A *rule* is a small function with a stable code, a title, a severity, the
workflow stages it applies to and a legal or guidance reference. It looks at a
:class:`~msp.model.concern.Concern` and returns one of:

- :data:`NOT_APPLICABLE`: the rule has nothing to say about this record;
- :data:`PASS` (an empty tuple): it applies and the record meets it;
- one or more :class:`Fail` (use :func:`fail`): where and why it falls short.

The engine runs every rule, catches anything a rule raises (reported as
``errored`` with the exception type, never as passed) and returns a
:class:`Report` of :class:`Finding` objects and each rule's :class:`Status`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Union

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.convert._converter import from_dict, problems_from_exception
from msp.errors import InvalidRecord, MspError, Problem
from msp.model.concern import Concern

__all__ = [
    "DEFAULT_YEAR",
    "NOT_APPLICABLE",
    "PASS",
    "STAGE_ORDER",
    "CheckResult",
    "Fail",
    "Finding",
    "NotApplicable",
    "Profile",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Status",
    "fail",
    "from_stage",
    "get_profile",
    "get_rule",
    "profiles",
    "register",
    "register_profile",
    "registered_rules",
    "rule",
    "rule_set",
    "unregister",
    "validate",
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


class Severity(enum.Enum):
    """How much a finding matters.

    - ``error``: the record breaks the law, the SAC return's own rules, or is
      incomplete for the stage it claims. Errors block workflow transitions
      and make ``msp validate`` exit 1.
    - ``warning``: the record falls short of Making Safeguarding Personal
      practice or statutory guidance; correct it or record why.
    - ``advice``: a good-practice prompt worth considering.
    """

    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"


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


@attrs.frozen(slots=True, kw_only=True)
class Finding:
    """One located finding about a record.

    Attributes:
        code: the rule code (or a ``SHAPE-`` code for a structure problem).
        severity: after any profile override.
        path: JSON path in the record.
        message: what is wrong; never carries a personal value.
        reference: the law or guidance behind it.
        record_id: the record's pseudonymous id, where known.
    """

    code: str
    severity: Severity
    path: str
    message: str
    reference: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.record_id} " if self.record_id else ""
        return f"{where}{self.path} {self.code} [{self.severity.value}] {self.message}"

    @classmethod
    def from_problem(cls, problem: Problem, record_id: str | None = None, reference: str | None = None) -> Finding:
        """A structure problem (from :class:`msp.InvalidRecord`) as an error finding.

        ``reference`` defaults to the data model's (:data:`SHAPE_REFERENCE`).
        """
        return cls(
            code=problem.code,
            severity=Severity.ERROR,
            path=problem.path,
            message=problem.message,
            reference=SHAPE_REFERENCE if reference is None else reference,
            record_id=record_id,
        )


SHAPE_REFERENCE: Final = "msp data model: shape and code lists (docs/errors.md)"


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

    def validate(self, record: Concern | Mapping[str, Any], *, stage: CaseStage | None = None) -> Report:
        """Validate one record with this rule set (see :func:`validate`)."""
        if isinstance(record, Concern):
            concern = record
        else:
            try:
                concern = from_dict(record)
            except InvalidRecord as exc:
                findings = tuple(Finding.from_problem(p, exc.record_id) for p in exc.problems)
                return Report(record_id=exc.record_id, findings=findings, rule_set=self, statuses=())
            except Exception as exc:  # noqa: BLE001 - never let a record escape as a traceback
                problems = problems_from_exception(exc)
                return Report(
                    record_id=None,
                    findings=tuple(Finding.from_problem(p) for p in problems),
                    rule_set=self,
                    statuses=(),
                )
        return self._run(concern, concern.stage if stage is None else stage)

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
                    code=r.code,
                    severity=r.severity,
                    path=x.path,
                    message=x.message,
                    reference=r.reference,
                    record_id=record_id,
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


_GUARDS: dict[Callable[..., Any], Callable[[Any], object]] = {}


def only_if(
    guard: Callable[[Any], object],
) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:
    """Decorator for a check: it returns :data:`NOT_APPLICABLE` whenever ``guard(record)`` is false.

    A promise, not a change of behaviour: the check is returned unchanged and must
    still say NOT_APPLICABLE itself when called directly. The engine works a guard
    out once per record and skips every check it rules out: most checks of the
    catalogue are not applicable to most records, and calling each only to hear so
    cost about half the time of the rules. Keep the guard cheap and exact;
    ``tests/test_batch.py`` holds every guard to its promise on synthetic records.
    """

    def declare(check: Callable[[Any], CheckResult]) -> Callable[[Any], CheckResult]:
        _GUARDS[check] = guard
        return check

    return declare


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
                guard = _GUARDS.get(r.check)
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


# -- registry -----------------------------------------------------------------

_RULES: dict[str, Rule] = {}
_BUILTIN: set[str] = set()
_RULE_SETS: dict[tuple[str, CollectionYear], RuleSet] = {}


def register(new_rule: Rule, *, replace: bool = False) -> Rule:
    """Add a rule to the registry (councils and vendors add their own here).

    Raises:
        ValueError: the code is taken (a built-in rule can never be replaced;
            switch it off in a :class:`Profile` instead).
    """
    _load_builtin()
    return _add(new_rule, replace=replace)


def _add(new_rule: Rule, *, replace: bool) -> Rule:
    if new_rule.code in _BUILTIN or (new_rule.code in _RULES and not replace):
        msg = f"rule code {new_rule.code} is already registered"
        raise ValueError(msg)
    _RULES[new_rule.code] = new_rule
    _RULE_SETS.clear()
    return new_rule


def unregister(code: str) -> None:
    """Remove a rule that was registered with :func:`register`.

    Raises:
        ValueError: it is a built-in rule. KeyError: no such rule.
    """
    _load_builtin()
    if code in _BUILTIN:
        msg = f"rule {code} is built in: switch it off in a Profile instead"
        raise ValueError(msg)
    del _RULES[code]
    _RULE_SETS.clear()


def rule(
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
) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:
    """Decorator: register the decorated check function as a rule.

    The function is returned unchanged, so it can be tested directly::

        @msp.rules.rule(code="LOCAL-001", title="A team is recorded",
                        severity=Severity.WARNING, stages=STAGE_ORDER,
                        reference="Our council's recording policy, section 3")
        def team_recorded(c: Concern) -> CheckResult:
            return PASS if c.team else fail("$.team", "no team recorded")

    Raises:
        ValueError: the code is taken, malformed, or the reference is empty.
    """
    return _rule_decorator(
        code=code,
        title=title,
        severity=severity,
        stages=stages,
        reference=reference,
        source=source,
        fields=fields,
        record_type=record_type,
        valid_from=valid_from,
        valid_to=valid_to,
        as_recorded=as_recorded,
        builtin=False,
    )


def builtin_rule(**kwargs: Any) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:  # noqa: ANN401
    """Like :func:`rule`, for the library's own catalogue: codes that can never be replaced."""
    return _rule_decorator(**kwargs, builtin=True)


def _rule_decorator(
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
    builtin: bool,
) -> Callable[[Callable[[Any], CheckResult]], Callable[[Any], CheckResult]]:

    def decorate(check: Callable[[Any], CheckResult]) -> Callable[[Any], CheckResult]:
        made = Rule(
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
        if builtin:
            _add(made, replace=False)
            _BUILTIN.add(code)
        else:
            register(made)
        return check

    return decorate


def registered_rules() -> tuple[Rule, ...]:
    """Every registered rule (built in and added), sorted by code."""
    _load_builtin()
    return tuple(sorted(_RULES.values(), key=lambda r: _sort_key(r.code)))


def get_rule(code: str) -> Rule:
    """The registered rule with this code.

    Raises:
        KeyError: no such rule.
    """
    _load_builtin()
    return _RULES[code]


def _sort_key(code: str) -> tuple[int, str, int, str]:
    family, _, rest = code.partition("-")
    order = {"MSP": 0, "MCA": 1, "CA": 2, "SAC": 3, "WF": 4}.get(family, 9)
    return (order, family, int(rest) if rest.isdigit() else 0, rest)


# -- profiles -----------------------------------------------------------------


@attrs.frozen(slots=True, kw_only=True)
class Profile:
    """A named way of running the rules: which year, which rules off, which severities changed.

    Councils and vendors define profiles instead of editing the library::

        Profile(name="our-council", year=CollectionYear.parse("2025-26"),
                disabled=frozenset({"MSP-010"}),
                severities={"MSP-003": Severity.ERROR})

    Attributes:
        name: the profile's name.
        year: the collection year whose rules apply.
        disabled: rule codes switched off.
        severities: rule code to the severity to use instead of the default.
        families: if given, only rules of these families run.
        description: what the profile is for.
    """

    name: str
    year: CollectionYear = DEFAULT_YEAR
    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    families: frozenset[str] | None = None
    description: str = ""

    def rule_set(self) -> RuleSet:
        """The rules this profile runs.

        Raises:
            KeyError: ``disabled`` or ``severities`` names a rule that is not registered.
        """
        every = registered_rules()
        known = {r.code for r in every}
        unknown = sorted((set(self.disabled) | set(self.severities)) - known)
        if unknown:
            msg = f"profile {self.name} names unknown rules: {', '.join(unknown)}"
            raise KeyError(msg)
        chosen = []
        for r in every:
            if r.code in self.disabled or not r.applies_in(self.year):
                continue
            if self.families is not None and r.family not in self.families:
                continue
            severity = self.severities.get(r.code)
            chosen.append(r if severity is None else attrs.evolve(r, severity=severity))
        return RuleSet(year=self.year, rules=tuple(chosen), profile=self.name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """Read a profile from JSON-ready data: ``{"name": ..., "year": "2025-26",
        "disabled": [...], "severities": {"MSP-003": "error"}, "families": [...]}``.

        Raises:
            MspError: the data is not a valid profile (the message says which key).
        """
        if not isinstance(data, Mapping):
            msg = "not a valid profile: expected a JSON object"
            raise MspError(msg)
        allowed = {"name", "year", "disabled", "severities", "families", "description"}
        extra = sorted(str(k) for k in set(data) - allowed)
        if extra:
            msg = f"unknown profile keys: {', '.join(extra)}"
            raise MspError(msg)
        try:
            families = data.get("families")
            if isinstance(families, str) or isinstance(data.get("disabled"), str):
                msg = "disabled and families are lists, not one string"
                raise TypeError(msg)  # noqa: TRY301 - turned into MspError below
            return cls(
                name=str(data["name"]),
                year=CollectionYear.parse(data.get("year", str(DEFAULT_YEAR))),
                disabled=frozenset(str(c) for c in data.get("disabled", ())),
                severities={str(k): Severity(v) for k, v in dict(data.get("severities", {})).items()},
                families=None if families is None else frozenset(str(x) for x in families),
                description=str(data.get("description", "")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            msg = f"not a valid profile ({type(exc).__name__}: check name, year, disabled, severities)"
            raise MspError(msg) from None


_PROFILES: dict[str, Profile] = {}


def register_profile(profile: Profile, *, replace: bool = False) -> Profile:
    """Make a profile available by name (``msp validate --profile NAME``).

    Raises:
        ValueError: the name is taken and ``replace`` is false.
    """
    if profile.name in _PROFILES and not replace:
        msg = f"profile {profile.name} is already registered"
        raise ValueError(msg)
    _PROFILES[profile.name] = profile
    _RULE_SETS.clear()
    return profile


def get_profile(name: str) -> Profile:
    """The profile registered under ``name``.

    Raises:
        KeyError: no such profile.
    """
    _load_builtin()
    return _PROFILES[name]


def profiles() -> tuple[Profile, ...]:
    """Every registered profile, by name."""
    _load_builtin()
    return tuple(_PROFILES[k] for k in sorted(_PROFILES))


register_profile(
    Profile(name="default", description="Every built-in rule for the default collection year, default severities."),
)
register_profile(
    Profile(
        name="sac",
        families=frozenset({"SAC"}),
        description="Only the Safeguarding Adults Collection completeness and consistency rules.",
    ),
)

_LOADED = False


def _load_builtin() -> None:
    global _LOADED  # noqa: PLW0603 - import the catalogue once, on first use
    if not _LOADED:
        _LOADED = True
        import msp.rules.families  # noqa: F401, PLC0415


def rule_set(
    profile: Profile | str = "default",
    *,
    year: CollectionYear | str | None = None,
) -> RuleSet:
    """The rule set of a profile (by name or object), optionally for another year.

    Rule sets for registered profiles are cached: call :func:`register` before
    the first validation, or build a :class:`Profile` for later changes.
    """
    chosen = get_profile(profile) if isinstance(profile, str) else profile
    if year is not None:
        chosen = attrs.evolve(chosen, year=CollectionYear.parse(year) if isinstance(year, str) else year)
    key = (chosen.name, chosen.year)
    cached = _RULE_SETS.get(key)
    if cached is None or isinstance(profile, Profile):
        cached = chosen.rule_set()
        if isinstance(profile, str):
            _RULE_SETS[key] = cached
    return cached


def validate(
    record: Concern | Mapping[str, Any],
    *,
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
) -> Report:
    """Validate one record: structure first (for a dict), then every rule for its stage.

    Args:
        record: a :class:`~msp.model.concern.Concern`, or a dict as read from JSON
            (structure and code-list problems then become findings too).
        stage: validate as if the case were at this stage (default: its own).
        rules: a :class:`RuleSet`, a :class:`Profile`, a profile name, or rule
            codes to run from the default rule set. Default: the ``default`` profile.

    Returns:
        A :class:`Report`. Never raises for a bad record.
    """
    if rules is None:
        chosen = rule_set()
    elif isinstance(rules, RuleSet):
        chosen = rules
    elif isinstance(rules, (Profile, str)):
        chosen = rule_set(rules)
    else:
        chosen = rule_set().only(rules)
    target = CaseStage(stage) if isinstance(stage, str) else stage
    return chosen.validate(record, stage=target)
