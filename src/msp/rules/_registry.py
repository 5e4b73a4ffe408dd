"""The rule registry, profiles and :func:`validate`.

Importing this module imports the built-in families (:mod:`msp.rules.families`)
and registers their rules; councils and vendors add their own with
:func:`register` or the :func:`rule` decorator, and choose rules with a
:class:`Profile`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import MspError
from msp.model.concern import Concern
from msp.rules._declare import BUILTIN, make_rule
from msp.rules._run import Report, RuleSet
from msp.rules._types import DEFAULT_YEAR, CheckResult, Rule, Severity
from msp.rules.families import FAMILIES

__all__ = [
    "Profile",
    "get_profile",
    "get_rule",
    "profiles",
    "register",
    "register_profile",
    "registered_rules",
    "resolve_rules",
    "rule",
    "rule_set",
    "unregister",
    "validate",
]

_RULES: dict[str, Rule] = {}
_BUILTIN: set[str] = set()
_RULE_SETS: dict[tuple[str, CollectionYear], RuleSet] = {}


def register(new_rule: Rule, *, replace: bool = False) -> Rule:
    """Add a rule to the registry (councils and vendors add their own here).

    Raises:
        ValueError: the code is taken (a built-in rule can never be replaced;
            switch it off in a :class:`Profile` instead).
    """
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

    def decorate(check: Callable[[Any], CheckResult]) -> Callable[[Any], CheckResult]:
        register(
            make_rule(
                check,
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
            )
        )
        return check

    return decorate


def registered_rules() -> tuple[Rule, ...]:
    """Every registered rule (built in and added), sorted by code."""
    return tuple(sorted(_RULES.values(), key=lambda r: _sort_key(r.code)))


def get_rule(code: str) -> Rule:
    """The registered rule with this code.

    Raises:
        KeyError: no such rule.
    """
    return _RULES[code]


def _sort_key(code: str) -> tuple[int, str, int, str]:
    family, _, rest = code.partition("-")
    order = {"MSP": 0, "MCA": 1, "CA": 2, "SAC": 3, "WF": 4}.get(family, 9)
    return (order, family, int(rest) if rest.isdigit() else 0, rest)


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
    return _PROFILES[name]


def profiles() -> tuple[Profile, ...]:
    """Every registered profile, by name."""
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


def _register_builtin() -> None:
    """Add the rules each built-in family declared (:data:`msp.rules._declare.BUILTIN`) to the registry."""
    for family in FAMILIES:
        for declared in BUILTIN[family.__name__]:
            _add(declared, replace=False)
            _BUILTIN.add(declared.code)


_register_builtin()


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


def resolve_rules(rules: RuleSet | Profile | str | Iterable[str] | None = None, *, year: str | None = None) -> RuleSet:
    """The rule set to run: a rule set, a profile, a profile name, or rule codes of the default set.

    Raises:
        KeyError: an unknown profile name or rule code.
    """
    if isinstance(rules, RuleSet):
        return rules
    if rules is None or isinstance(rules, (Profile, str)):
        return rule_set("default" if rules is None else rules, year=year)
    return rule_set(year=year).only(rules)


def validate(
    record: Concern,
    *,
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
) -> Report:
    """Validate one record: every rule for its stage.

    The rules take records only; :func:`msp.validate` (:func:`msp.io.validate`) also
    takes a dict as read from JSON and reports its structure problems as findings.

    Args:
        record: a :class:`~msp.model.concern.Concern`.
        stage: validate as if the case were at this stage (default: its own).
        rules: a :class:`RuleSet`, a :class:`Profile`, a profile name, or rule
            codes to run from the default rule set. Default: the ``default`` profile.

    Returns:
        A :class:`Report`. Never raises for a bad record; a crashing rule is
        reported as errored.

    Raises:
        TypeError: ``record`` is not a Concern.
        KeyError: an unknown profile name or rule code.
    """
    target = CaseStage(stage) if isinstance(stage, str) else stage
    return resolve_rules(rules).validate(record, stage=target)
