"""How rules are declared: :func:`make_rule`, guards (:func:`only_if`) and the built-in families' :class:`Family`.

A rule's facts are written once. Its metadata (code, title, severity, stages,
reference, basis) and its paths, by name (:class:`~msp.rules.Paths`), are declared with the
rule; its guard is a :class:`~msp.rules.Check` made by :func:`only_if`, which narrows
what the body sees; the body fails by naming a path (``at.decided_by.fail(...)``).

The built-in families (:mod:`msp.rules.families`) keep their catalogue, the metadata
and paths of each rule, as data beside each module (``practice.json`` for
:mod:`~msp.rules.families.practice`); the module declares a check for each entry on
its :class:`Family`. :mod:`msp.rules._registry` imports the families
(:data:`msp.rules.families.FAMILIES`) and registers their rules. This module imports
no family and no registry, so the arrows point one way: registry -> families ->
declarations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, Concatenate, Final, ParamSpec, TypeVar, overload

import attrs

from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.model.concern import Concern
from msp.rules._types import STAGE_ORDER, Basis, Check, CheckResult, JsonPath, Paths, RetiredRule, Rule, Severity

__all__ = ["Family", "make_rule", "only_if", "with_paths"]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")


def with_paths(check: Callable[..., CheckResult], paths: Paths) -> Check[Any]:
    """``check`` given ``paths``: its body is called with them as its second argument (a shared
    shape of :mod:`msp.rules._shapes`, which has ``given``, is given them once, here).

    Raises:
        ValueError: the check has paths already.
    """
    checked = check if isinstance(check, Check) else Check(check)
    if checked.paths is not None:
        msg = f"{check!r} has its paths already"
        raise ValueError(msg)
    given = getattr(checked.body, "given", None)
    if given is not None:
        return Check(given(paths), checked.guard, None, checked.conditions)
    return Check(checked.body, checked.guard, paths, checked.conditions)


def make_rule(
    check: Callable[..., CheckResult],
    *,
    code: str,
    title: str,
    severity: Severity,
    stages: Iterable[CaseStage],
    reference: str,
    basis: Basis,
    paths: Paths | None = None,
    fields: Sequence[str | JsonPath] = (),
    record_type: type = Concern,
    valid_from: CollectionYear | None = None,
    valid_to: CollectionYear | None = None,
    as_recorded: bool = False,
) -> Rule:
    """A :class:`~msp.rules.Rule` for ``check`` (the declarations' common part).

    ``paths`` are given to the check's body as its second argument (see :func:`with_paths`);
    ``fields`` are paths the rule reads besides them. :attr:`Rule.fields
    <msp.rules.Rule.fields>` lists ``paths`` then ``fields``.

    Raises:
        ValueError: the code is malformed, the title or reference is empty, or a path is
            given twice.
    """
    named = () if paths is None else tuple(paths)
    listed = tuple(str(p) for p in (*named, *fields))
    if len(set(listed)) != len(listed):
        msg = f"rule {code} names a path twice: {', '.join(listed)}"
        raise ValueError(msg)
    return Rule(
        code=code,
        title=title,
        severity=severity,
        stages=frozenset(stages),
        reference=reference,
        basis=basis,
        check=check if paths is None else with_paths(check, paths),
        fields=listed,
        record_type=record_type,
        valid_from=valid_from or CollectionYear(start=2015),
        valid_to=valid_to,
        as_recorded=as_recorded,
    )


@overload
def only_if(
    guard: Callable[[_R], bool], *conditions: Callable[[_R], object]
) -> Callable[[Callable[Concatenate[_R, _P], CheckResult]], Check[_R]]: ...
@overload
def only_if(
    guard: Callable[[_R], _T | None], *conditions: Callable[[_R], object]
) -> Callable[[Callable[Concatenate[_T, _P], CheckResult]], Check[_T]]: ...
def only_if(
    guard: Callable[[Any], Any], *conditions: Callable[[Any], object]
) -> Callable[[Callable[..., CheckResult]], Check[Any]]:
    """Decorator: the check applies only where ``guard(record)`` (and each of ``conditions``) lets
    the record through, and its body is given what the guard returns.

    A guard returns the part of the record the rule needs (the decision, the closure, the
    capacity decisions), or ``None`` where the rule does not apply; a guard that answers
    ``True``/``False`` gives the body the record itself. The body then never repeats the
    guard's ``None`` checks, and its parameter has the narrowed type::

        def decided(c: Concern) -> Section42Decision | None:
            return c.decision

        @only_if(decided)
        def decision_maker(d: Section42Decision, at: Paths) -> CheckResult:
            return at.decided_by.fail_unless(d.decided_by is not None, "who made the decision is not recorded")

    ``conditions`` are further guards whose answers are not passed on:
    ``@only_if(closure_of, has_enquiry)`` gives the body the closure of a case that had an
    enquiry. Write a condition that several rules share as its own guard, not inside theirs:
    the engine works each guard and condition out once per record and shares it between the
    rules that use it (most checks of the catalogue are not applicable to most records).

    The result is a :class:`~msp.rules.Check`: called with a record it applies the guard and
    conditions, so a check called directly says :data:`~msp.rules.NOT_APPLICABLE` by
    construction, and ``check.body`` is the body, to test on its own. Keep guards cheap and
    free of side effects; ``tests/io/test_batch.py`` holds the engine's shortcut to the answers
    of the checks.
    """

    def declare(body: Callable[..., CheckResult]) -> Check[Any]:
        return Check(body, guard, None, conditions)

    return declare


_ENTRY_KEYS: Final = frozenset({"code", "title", "severity", "stages", "reference", "basis", "fields", "as_recorded"})


@attrs.frozen(slots=True, kw_only=True)
class _Entry:
    """One rule of a family's catalogue, as the data file declares it."""

    code: str
    title: str
    severity: Severity
    stages: frozenset[CaseStage]
    reference: str
    basis: Basis
    paths: Paths
    as_recorded: bool


def _stages(text: str) -> frozenset[CaseStage]:
    """``all``, ``from STAGE`` (it and every stage after it), or stage codes separated by spaces."""
    if text == "all":
        return frozenset(STAGE_ORDER)
    words = text.split()
    if len(words) == 2 and words[0] == "from":  # noqa: PLR2004 - "from" and a stage
        return CaseStage(words[1]).and_after()
    return frozenset(CaseStage(word) for word in words)


def _basis(data: Mapping[str, Any]) -> Basis:
    """The entry's ``basis``: one of :class:`~msp.rules.Basis`'s values, and never left out."""
    known = ", ".join(repr(b.value) for b in Basis)
    if "basis" not in data:
        msg = f"no basis: every rule says what it rests on, one of {known}"
        raise ValueError(msg)
    try:
        return Basis(data["basis"])
    except ValueError:
        msg = f"unknown basis {data['basis']!r}: one of {known}"
        raise ValueError(msg) from None


def _entry(data: Mapping[str, Any], texts: Mapping[str, str]) -> _Entry:
    extra = sorted(set(data) - _ENTRY_KEYS)
    if extra:
        msg = f"unknown keys: {', '.join(extra)}"
        raise ValueError(msg)
    return _Entry(
        code=data["code"],
        title=data["title"],
        severity=Severity(data["severity"]),
        stages=_stages(data["stages"]),
        reference=data["reference"].format_map(texts),
        basis=_basis(data),
        paths=Paths(**data["fields"]),
        as_recorded=bool(data.get("as_recorded", False)),
    )


def _texts(raw: Mapping[str, str]) -> dict[str, str]:
    """The shared texts of a catalogue, each ``{NAME}`` in them replaced by the text of that name."""
    texts = dict(raw)
    for _ in range(len(texts)):
        texts = {name: text.format_map(texts) for name, text in texts.items()}
    return texts


class Family:
    """The built-in rules of one family: its catalogue (read from data) and the checks declared for it.

    A family's catalogue is a JSON file beside its module (``practice.json`` beside
    ``practice.py``): the family's code prefix, shared ``texts`` (``{NAME}`` in a reference
    stands for one), and each rule's ``code``, ``title``, ``severity``, ``stages``
    (``all``, ``from STAGE``, or stage codes), ``reference`` (the published source),
    ``basis`` (a :class:`~msp.rules.Basis` value, such as ``"law"``), ``fields`` (its
    paths by name, in catalogue order) and, for rules about the record as stored,
    ``as_recorded``. The module declares one check for each entry::

        RULES: Final = Family.load(__name__)

        @RULES.check("CA-007")
        @only_if(decision_of)
        def decision_maker(d: Section42Decision, at: Paths) -> CheckResult:
            return at.decided_by.fail_unless(d.decided_by is not None, "who made the decision is not recorded")

    Args:
        prefix: the family's code prefix, e.g. ``CA``.
        entries: the catalogue's entries, in catalogue order (:meth:`load` reads them).
        retired: codes taken out of the catalogue (its ``retired`` list): never reused.

    Raises:
        ValueError: an entry's code is not of this family, or is there twice.

    Attributes:
        prefix: the family's code prefix.
        retired: the family's retired codes.
    """

    __slots__ = ("_declared", "_entries", "prefix", "retired")

    def __init__(self, prefix: str, entries: Iterable[_Entry], retired: Iterable[RetiredRule] = ()) -> None:
        self.prefix = prefix
        self.retired: tuple[RetiredRule, ...] = tuple(retired)
        self._entries: dict[str, _Entry] = {}
        for entry in entries:
            if entry.code.partition("-")[0] != prefix or entry.code in self._entries:
                msg = f"rule {entry.code} is not of the {prefix} family, or is there twice"
                raise ValueError(msg)
            self._entries[entry.code] = entry
        self._declared: dict[str, Rule] = {}

    @classmethod
    def load(cls, module: str) -> Family:
        """The family whose catalogue is the JSON file named after ``module``, beside it.

        Raises:
            ValueError: the catalogue is not valid (the message says which rule).
        """
        package, _, name = module.rpartition(".")
        data = json.loads(resources.files(package).joinpath(f"{name}.json").read_text(encoding="utf-8"))
        texts = _texts(data.get("texts", {}))
        code = None
        try:
            entries = []
            for raw in data["rules"]:
                code = raw.get("code")
                entries.append(_entry(raw, texts))
        except (KeyError, ValueError, TypeError) as exc:
            msg = f"{name}.json: rule {code} is not valid ({type(exc).__name__}: {exc})"
            raise ValueError(msg) from None
        retired = [RetiredRule(**raw) for raw in data.get("retired", ())]
        return cls(data["family"], entries, retired)

    def check(self, code: str) -> Callable[[Callable[..., CheckResult]], Check[Any]]:
        """Decorator: the check of the catalogue's rule ``code``, given the rule's paths.

        Returns the :class:`~msp.rules.Check` the rule keeps (so the module's name for it
        is the check that answers for a record).

        Raises:
            KeyError: no such rule in the catalogue. ValueError: it has a check already.
        """
        entry = self._entries[code]

        def declare(check: Callable[..., CheckResult]) -> Check[Any]:
            if code in self._declared:
                msg = f"rule {code} has a check already"
                raise ValueError(msg)
            given = with_paths(check, entry.paths)
            self._declared[code] = make_rule(
                given,
                code=entry.code,
                title=entry.title,
                severity=entry.severity,
                stages=entry.stages,
                reference=entry.reference,
                basis=entry.basis,
                fields=tuple(entry.paths),
                as_recorded=entry.as_recorded,
            )
            return given

        return declare

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The family's rules, in catalogue order.

        Raises:
            ValueError: a rule of the catalogue has no check.
        """
        missing = [code for code in self._entries if code not in self._declared]
        if missing:
            msg = f"no check is declared for {', '.join(missing)}"
            raise ValueError(msg)
        return tuple(self._declared[code] for code in self._entries)
