"""The rule registry, profiles and :func:`validate`.

One :class:`Registry` owns the rules, the profiles and the rule sets worked out from
them; :data:`REGISTRY` is the one the module-level functions use (:func:`register`,
:func:`rule`, :func:`rule_set`, :func:`validate`, ...). Importing this module imports
the built-in families (:mod:`msp.rules.families`) and registers their rules;
councils and vendors add their own with :func:`register` or the :func:`rule`
decorator, and choose rules with a :class:`Profile`. Any change to the rules or
profiles takes effect in the next :func:`rule_set` or :func:`validate` call.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.errors import MspError
from msp.model.concern import Concern
from msp.rules._declare import make_rule
from msp.rules._run import Report, RuleSet
from msp.rules._types import DEFAULT_YEAR, Basis, CheckResult, JsonPath, Paths, RetiredRule, Rule, Severity
from msp.rules.families import FAMILIES
from msp.rules.families.text import TextVocabulary, with_vocabulary

__all__ = [
    "REGISTRY",
    "Profile",
    "Registry",
    "get_profile",
    "get_rule",
    "profiles",
    "register",
    "register_profile",
    "registered_rules",
    "resolve_rules",
    "retired_rules",
    "rule",
    "rule_set",
    "unregister",
    "unregister_profile",
    "validate",
]


@attrs.frozen(slots=True, kw_only=True)
class Profile:
    """A named way of running the rules: which year, which rules off, which severities changed.

    Councils and vendors define profiles instead of editing the library::

        Profile(name="our-council", year=CollectionYear.parse("2025-26"),
                disabled=frozenset({"MSP-010"}),
                severities={"MSP-003": Severity.ERROR},
                bases=frozenset(Basis) - {Basis.LOCAL_PRACTICE})

    Attributes:
        name: the profile's name.
        year: the collection year whose rules apply.
        disabled: rule codes switched off.
        severities: rule code to the severity to use instead of the default.
        families: if given, only rules of these families run.
        bases: if given, only rules with one of these bases (:class:`~msp.rules.Basis`)
            run; ``None`` (the default): every basis. Leave out ``Basis.LOCAL_PRACTICE``
            where the council's own procedure differs.
        description: what the profile is for.
        vocabulary: the words the TXT- rules read free text with
            (:class:`~msp.rules.TextVocabulary`); ``None``: the default vocabulary.
    """

    name: str
    year: CollectionYear = DEFAULT_YEAR
    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = attrs.field(factory=dict)
    families: frozenset[str] | None = None
    bases: frozenset[Basis] | None = None
    description: str = ""
    vocabulary: TextVocabulary | None = None

    def rule_set(self, registry: Registry | None = None) -> RuleSet:
        """The rules this profile runs, of ``registry`` (default: :data:`REGISTRY`).

        Raises:
            KeyError: ``disabled`` or ``severities`` names a rule that is not registered.
        """
        every = (REGISTRY if registry is None else registry).rules()
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
            if self.bases is not None and r.basis not in self.bases:
                continue
            severity = self.severities.get(r.code)
            chosen.append(r if severity is None else attrs.evolve(r, severity=severity))
        rules = tuple(chosen) if self.vocabulary is None else with_vocabulary(chosen, self.vocabulary)
        return RuleSet(year=self.year, rules=rules, profile=self.name)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """Read a profile from JSON-ready data: ``{"name": ..., "year": "2025-26",
        "disabled": [...], "severities": {"MSP-003": "error"}, "families": [...],
        "bases": ["law", "SAC data requirement"]}``.

        ``bases`` lists :class:`~msp.rules.Basis` values (``"law"``, ``"statutory guidance"``,
        ``"MSP practice guidance"``, ``"SAC data requirement"``, ``"local practice"``) or
        member names (``"local_practice"``); left out, every basis runs.

        ``vocabulary`` changes the default vocabulary of the TXT- rules
        (:meth:`TextVocabulary.from_dict <msp.rules.TextVocabulary.from_dict>`):
        ``{"placeholders": ["nfa"], "global_capacity": {"remove": ["stroke"]}}``.

        Raises:
            MspError: the data is not a valid profile (the message says which key).
        """
        if not isinstance(data, Mapping):
            msg = "not a valid profile: expected a JSON object"
            raise MspError(msg)
        allowed = {"name", "year", "disabled", "severities", "families", "bases", "description", "vocabulary"}
        extra = sorted(str(k) for k in set(data) - allowed)
        if extra:
            msg = f"unknown profile keys: {', '.join(extra)}"
            raise MspError(msg)
        try:
            vocabulary = None if data.get("vocabulary") is None else TextVocabulary.from_dict(data["vocabulary"])
        except ValueError as exc:
            msg = f"not a valid profile: vocabulary: {exc}"
            raise MspError(msg) from None
        try:
            families = data.get("families")
            bases = data.get("bases")
            if any(isinstance(data.get(key), str) for key in ("disabled", "families", "bases")):
                msg = "disabled, families and bases are lists, not one string"
                raise TypeError(msg)  # noqa: TRY301 - turned into MspError below
            return cls(
                name=str(data["name"]),
                year=CollectionYear.parse(data.get("year", str(DEFAULT_YEAR))),
                disabled=frozenset(str(c) for c in data.get("disabled", ())),
                severities={str(k): Severity(v) for k, v in dict(data.get("severities", {})).items()},
                families=None if families is None else frozenset(str(x) for x in families),
                bases=None if bases is None else frozenset(_basis(str(x)) for x in bases),
                description=str(data.get("description", "")),
                vocabulary=vocabulary,
            )
        except (KeyError, ValueError, TypeError) as exc:
            msg = f"not a valid profile ({type(exc).__name__}: check name, year, disabled, severities, families, bases)"
            raise MspError(msg) from None


def _basis(text: str) -> Basis:
    """A :class:`Basis` from its value (``"local practice"``) or its member name (``"local_practice"``)."""
    by_name = {b.name.casefold(): b for b in Basis}
    found = by_name.get(text.casefold())
    return found if found is not None else Basis(text)


class Registry:
    """Rules and profiles by name, and the rule sets worked out from them.

    A rule set is worked out once per profile name and collection year and kept, with
    what it works out for each stage; every change (a rule or profile registered,
    replaced or removed) drops them all, so the next :meth:`rule_set` or
    :meth:`validate` sees the change. Built-in rules can never be replaced or removed:
    switch them off in a :class:`Profile`.

    :data:`REGISTRY` is the registry of the module-level functions; build another (say
    :meth:`with_builtin`) to keep a set of rules apart from it, e.g. in tests.

    Args:
        builtin: rules that can never be replaced or removed (the library's own catalogue).
    """

    def __init__(self, *, builtin: Iterable[Rule] = (), retired: Iterable[RetiredRule] = ()) -> None:
        self._retired: dict[str, RetiredRule] = {r.code: r for r in retired}
        self._rules: dict[str, Rule] = {}
        self._builtin: set[str] = set()
        self._profiles: dict[str, Profile] = {}
        self._rule_sets: dict[tuple[str, CollectionYear], RuleSet] = {}
        self._sorted: tuple[Rule, ...] | None = None
        for declared in builtin:
            self._add(declared, replace=False)
            self._builtin.add(declared.code)

    @classmethod
    def with_builtin(cls) -> Registry:
        """A registry with the built-in rules (:mod:`msp.rules.families`) and profiles (``default``, ``sac``)."""
        made = cls(
            builtin=(declared for family in FAMILIES for declared in family.RULES.rules),
            retired=(gone for family in FAMILIES for gone in family.RULES.retired),
        )
        made.register_profile(
            Profile(
                name="default",
                description="Every built-in rule for the default collection year, default severities.",
            ),
        )
        made.register_profile(
            Profile(
                name="sac",
                families=frozenset({"SAC"}),
                description="Only the Safeguarding Adults Collection completeness and consistency rules.",
            ),
        )
        return made

    def _changed(self) -> None:
        """Drop everything worked out from the rules and profiles: they changed."""
        self._rule_sets.clear()
        self._sorted = None

    def _add(self, new_rule: Rule, *, replace: bool) -> Rule:
        if new_rule.code in self._retired:
            msg = f"rule code {new_rule.code} is retired and is never reused: choose another code"
            raise ValueError(msg)
        if new_rule.code in self._builtin or (new_rule.code in self._rules and not replace):
            msg = f"rule code {new_rule.code} is already registered"
            raise ValueError(msg)
        self._rules[new_rule.code] = new_rule
        self._changed()
        return new_rule

    def register(self, new_rule: Rule, *, replace: bool = False) -> Rule:
        """Add a rule (see :func:`register`).

        Raises:
            ValueError: the code is taken (a built-in rule can never be replaced).
        """
        return self._add(new_rule, replace=replace)

    def unregister(self, code: str) -> None:
        """Remove a rule that was registered with :meth:`register` (see :func:`unregister`).

        Raises:
            ValueError: it is a built-in rule. KeyError: no such rule.
        """
        if code in self._builtin:
            msg = f"rule {code} is built in: switch it off in a Profile instead"
            raise ValueError(msg)
        del self._rules[code]
        self._changed()

    def retired_rules(self) -> tuple[RetiredRule, ...]:
        """The codes taken out of the built-in catalogue, sorted by code (see :func:`retired_rules`)."""
        return tuple(sorted(self._retired.values(), key=lambda r: _sort_key(r.code)))

    def rules(self) -> tuple[Rule, ...]:
        """Every registered rule (built in and added), sorted by code."""
        if self._sorted is None:
            self._sorted = tuple(sorted(self._rules.values(), key=lambda r: _sort_key(r.code)))
        return self._sorted

    def get_rule(self, code: str) -> Rule:
        """The registered rule with this code.

        Raises:
            KeyError: no such rule.
        """
        return self._rules[code]

    def register_profile(self, profile: Profile, *, replace: bool = False) -> Profile:
        """Make a profile available by name (see :func:`register_profile`).

        Raises:
            ValueError: the name is taken and ``replace`` is false.
        """
        if profile.name in self._profiles and not replace:
            msg = f"profile {profile.name} is already registered"
            raise ValueError(msg)
        self._profiles[profile.name] = profile
        self._changed()
        return profile

    def unregister_profile(self, name: str) -> None:
        """Remove the profile registered under ``name``.

        Raises:
            KeyError: no such profile.
        """
        del self._profiles[name]
        self._changed()

    def get_profile(self, name: str) -> Profile:
        """The profile registered under ``name``.

        Raises:
            KeyError: no such profile.
        """
        return self._profiles[name]

    def profiles(self) -> tuple[Profile, ...]:
        """Every registered profile, by name."""
        return tuple(self._profiles[k] for k in sorted(self._profiles))

    def rule_set(self, profile: Profile | str = "default", *, year: CollectionYear | str | None = None) -> RuleSet:
        """The rule set of a profile (by name or object), optionally for another year (see :func:`rule_set`).

        Raises:
            KeyError: an unknown profile name, or a profile naming unknown rules.
        """
        chosen = self.get_profile(profile) if isinstance(profile, str) else profile
        if year is not None:
            chosen = attrs.evolve(chosen, year=CollectionYear.parse(year) if isinstance(year, str) else year)
        if isinstance(profile, Profile):  # not registered, so not kept: it may not be the same next time
            return chosen.rule_set(self)
        key = (chosen.name, chosen.year)
        found = self._rule_sets.get(key)
        if found is None:
            found = self._rule_sets[key] = chosen.rule_set(self)
        return found

    def resolve(
        self,
        rules: RuleSet | Profile | str | Iterable[str] | None = None,
        *,
        year: CollectionYear | str | None = None,
    ) -> RuleSet:
        """The rule set to run (see :func:`resolve_rules`).

        Raises:
            KeyError: an unknown profile name or rule code.
        """
        if isinstance(rules, RuleSet):
            return rules
        if rules is None or isinstance(rules, (Profile, str)):
            return self.rule_set("default" if rules is None else rules, year=year)
        return self.rule_set(year=year).only(rules)

    def validate(
        self,
        record: Concern,
        *,
        stage: CaseStage | str | None = None,
        rules: RuleSet | Profile | str | Iterable[str] | None = None,
    ) -> Report:
        """Validate one record with this registry's rules (see :func:`validate`).

        Raises:
            TypeError: ``record`` is not a Concern.
            KeyError: an unknown profile name or rule code.
        """
        target = CaseStage(stage) if isinstance(stage, str) else stage
        return self.resolve(rules).validate(record, stage=target)


def _sort_key(code: str) -> tuple[int, str, int, str]:
    family, _, rest = code.partition("-")
    order = {"MSP": 0, "MCA": 1, "CA": 2, "SAC": 3, "WF": 4, "TXT": 5}.get(family, 9)
    return (order, family, int(rest) if rest.isdigit() else 0, rest)


REGISTRY: Final = Registry.with_builtin()
"""The registry the module-level functions use: the built-in rules and profiles, and any added."""


def register(new_rule: Rule, *, replace: bool = False) -> Rule:
    """Add a rule to the registry (councils and vendors add their own here).

    It takes effect in the next :func:`rule_set` or :func:`validate` call.

    Raises:
        ValueError: the code is taken (a built-in rule can never be replaced;
            switch it off in a :class:`Profile` instead).
    """
    return REGISTRY.register(new_rule, replace=replace)


def unregister(code: str) -> None:
    """Remove a rule that was registered with :func:`register`.

    Raises:
        ValueError: it is a built-in rule. KeyError: no such rule.
    """
    REGISTRY.unregister(code)


def rule(
    *,
    code: str,
    title: str,
    severity: Severity,
    stages: Iterable[CaseStage],
    reference: str,
    basis: Basis = Basis.LOCAL_PRACTICE,
    paths: Paths | None = None,
    fields: Sequence[str | JsonPath] = (),
    record_type: type = Concern,
    valid_from: CollectionYear | None = None,
    valid_to: CollectionYear | None = None,
    as_recorded: bool = False,
) -> Callable[[Callable[..., CheckResult]], Callable[[Any], CheckResult]]:
    """Decorator: register the decorated check as a rule.

    ``basis`` says what the rule rests on (:class:`~msp.rules.Basis`); a council's own
    rule is local practice unless it says otherwise. Give it severity ``error`` only
    where its basis is law or a SAC data requirement.

    Declare the paths the rule reads once, by name, in ``paths``: the check is given them
    as its second argument and fails by naming one. ``fields`` adds paths given as plain
    text. A guard is an :func:`~msp.rules.only_if` below this decorator. The decorator
    returns the check the rule keeps, so it can be tested directly::

        @msp.rules.rule(code="LOCAL-001", title="A team is recorded",
                        severity=Severity.WARNING, stages=STAGE_ORDER,
                        reference="Our council's recording policy, section 3",
                        paths=Paths(team="$.team"))
        def team_recorded(c: Concern, at: Paths) -> CheckResult:
            return at.team.fail_unless(c.team, "no team recorded")

    It takes effect in the next :func:`rule_set` or :func:`validate` call.

    Raises:
        ValueError: the code is taken, malformed, or the reference is empty.
    """

    def decorate(check: Callable[..., CheckResult]) -> Callable[[Any], CheckResult]:
        made = make_rule(
            check,
            code=code,
            title=title,
            severity=severity,
            stages=stages,
            reference=reference,
            basis=basis,
            paths=paths,
            fields=fields,
            record_type=record_type,
            valid_from=valid_from,
            valid_to=valid_to,
            as_recorded=as_recorded,
        )
        return register(made).check

    return decorate


def registered_rules() -> tuple[Rule, ...]:
    """Every registered rule (built in and added), sorted by code."""
    return REGISTRY.rules()


def retired_rules() -> tuple[RetiredRule, ...]:
    """The codes taken out of the built-in catalogue, with when and why: never reused."""
    return REGISTRY.retired_rules()


def get_rule(code: str) -> Rule:
    """The registered rule with this code.

    Raises:
        KeyError: no such rule.
    """
    return REGISTRY.get_rule(code)


def register_profile(profile: Profile, *, replace: bool = False) -> Profile:
    """Make a profile available by name (``msp validate --profile NAME``).

    Raises:
        ValueError: the name is taken and ``replace`` is false.
    """
    return REGISTRY.register_profile(profile, replace=replace)


def unregister_profile(name: str) -> None:
    """Remove the profile registered under ``name``.

    Raises:
        KeyError: no such profile.
    """
    REGISTRY.unregister_profile(name)


def get_profile(name: str) -> Profile:
    """The profile registered under ``name``.

    Raises:
        KeyError: no such profile.
    """
    return REGISTRY.get_profile(name)


def profiles() -> tuple[Profile, ...]:
    """Every registered profile, by name."""
    return REGISTRY.profiles()


def rule_set(
    profile: Profile | str = "default",
    *,
    year: CollectionYear | str | None = None,
) -> RuleSet:
    """The rule set of a profile (by name or object), optionally for another year.

    The rule set of a registered profile is worked out once and kept until a rule or
    profile is registered or removed, so a rule registered after a validation has run
    takes effect in the next call. A :class:`Profile` object is worked out afresh.

    Raises:
        KeyError: an unknown profile name, or a profile naming unknown rules.
    """
    return REGISTRY.rule_set(profile, year=year)


def resolve_rules(
    rules: RuleSet | Profile | str | Iterable[str] | None = None, *, year: CollectionYear | str | None = None
) -> RuleSet:
    """The rule set to run: a rule set, a profile, a profile name, or rule codes of the default set.

    Raises:
        KeyError: an unknown profile name or rule code.
    """
    return REGISTRY.resolve(rules, year=year)


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
    return REGISTRY.validate(record, stage=stage, rules=rules)
