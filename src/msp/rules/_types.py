"""What a rule is and what it finds: rules, checks, paths, severities, statuses, failures and findings.

A *rule* is a small function with a stable code, a title, a severity, the
workflow stages it applies to, its :class:`Basis` (law, statutory guidance, MSP
practice guidance, a SAC data requirement or local practice) and a reference to the
published source it comes from. It looks at a
:class:`~msp.model.concern.Concern` and returns one of:

- :data:`NOT_APPLICABLE`: the rule has nothing to say about this record;
- :data:`PASS` (an empty tuple): it applies and the record meets it;
- one or more :class:`Fail` (use :func:`fail` or :meth:`JsonPath.fail`): where and why it falls short.

A rule's facts are declared once: its paths by name in :class:`Paths` (:attr:`Rule.fields`
lists them; the check fails by naming one), and its guard in a :class:`Check`, which
applies the guard before the body ever sees the record.

The rest of the engine: :mod:`msp.rules._declare` (how rules are declared),
:mod:`msp.rules._run` (rule sets and reports) and :mod:`msp.rules._registry`
(the registry, profiles and :func:`~msp.rules.validate`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final, Generic, TypeVar, Union

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
    "Basis",
    "Check",
    "CheckResult",
    "Fail",
    "Finding",
    "JsonPath",
    "NotApplicable",
    "Paths",
    "RetiredRule",
    "Rule",
    "Severity",
    "Status",
    "fail",
    "from_stage",
]

_T = TypeVar("_T")
_Item = TypeVar("_Item")

DEFAULT_YEAR: Final = CollectionYear(start=2025)
"""The collection year the library's rules are written for when none is given."""

STAGE_ORDER: Final[tuple[CaseStage, ...]] = CaseStage.in_order()
"""Stages in process order (the four stages of the London Multi-Agency Adult Safeguarding Policy
and Procedures, a local multi-agency procedure): :meth:`CaseStage.in_order
<msp.codes.CaseStage.in_order>`, where the order is declared."""


def from_stage(stage: CaseStage) -> frozenset[CaseStage]:
    """The stage and every stage after it in process order (:meth:`CaseStage.and_after
    <msp.codes.CaseStage.and_after>`)."""
    return stage.and_after()


class Basis(enum.Enum):
    """What a rule rests on: how far a manager may rely on it, and whether it may block a step.

    A built-in rule has severity ``error`` (it blocks workflow steps) only where its basis
    is :attr:`LAW` or :attr:`SAC`: breaking it makes the step unlawful or the Safeguarding
    Adults Collection return wrong. The one exception is the record-integrity rules of the
    case history (``WF-``), whose references say why. Any other rule is a warning or advice, and a
    :class:`~msp.rules.Profile` chooses which bases run (``bases``), so a council can
    switch off, say, local practice it does not follow.

    Attributes:
        LAW: an Act, a statutory instrument or case law (e.g. Care Act 2014 s42(1),
            Mental Capacity Act 2005 s4(7), SI 2006/2883 reg 4).
        STATUTORY_GUIDANCE: the Care and Support Statutory Guidance or the Mental
            Capacity Act 2005 Code of Practice: followed unless there is good reason not to.
        MSP_PRACTICE: Making Safeguarding Personal practice guidance (the LGA toolkit,
            LGA/ADASS "Myths and realities about Making Safeguarding Personal" (2019),
            the LGA/ADASS MSP Outcomes Framework (2018)): good practice, not a duty.
        SAC: a data requirement of the Safeguarding Adults Collection (NHS England /
            DHSC guidance for the collection year): without it the return is wrong.
        LOCAL_PRACTICE: local multi-agency procedure or a recording choice of the
            library; councils differ, so a profile may leave it out.
    """

    LAW = "law"
    STATUTORY_GUIDANCE = "statutory guidance"
    MSP_PRACTICE = "MSP practice guidance"
    SAC = "SAC data requirement"
    LOCAL_PRACTICE = "local practice"


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


_EVERY: Final = "[*]"


def _json_path_text(_inst: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not value.startswith("$") or any(ch.isspace() for ch in value):
        msg = "a JSON path starts with '$' and has no spaces, e.g. $.contact.seen_alone or $.risks[*].location"
        raise ValueError(msg)


@attrs.frozen(slots=True)
class JsonPath:
    """A JSON path in a record, such as ``$.contact.seen_alone``; ``[*]`` stands for every item of a list.

    A rule names the paths it reads in :class:`Paths`, once; its check fails by naming one
    (``at.seen_alone.fail("...")``), and :meth:`at` makes the path of one list item.

    Attributes:
        text: the path, e.g. ``$.risks[*].location``.
    """

    text: str = attrs.field(validator=_json_path_text)
    _name: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_name", self.text.rpartition(".")[2].removesuffix(_EVERY))

    def __str__(self) -> str:
        return self.text

    def __truediv__(self, name: str) -> JsonPath:
        """The path of a field under this one: ``JsonPath("$.closure.sar") / "considered"``."""
        return JsonPath(f"{self.text}.{name}")

    @property
    def name(self) -> str:
        """The last field's name: ``location`` for ``$.risks[*].location`` (the model's attribute of that name)."""
        return self._name

    @property
    def parent(self) -> JsonPath:
        """The path one step up: ``$.history[*]`` for ``$.history[*].digest``, ``$.history`` for ``$.history[*]``."""
        if self.text.endswith(_EVERY):
            return JsonPath(self.text[: -len(_EVERY)])
        head, dot, _ = self.text.rpartition(".")
        if not dot or head == "":
            msg = f"{self.text} has no parent"
            raise ValueError(msg)
        return JsonPath(head)

    def at(self, *indices: int) -> str:
        """The path of one item: each ``[*]`` in turn replaced by an index (``$.risks[2].location``).

        Raises:
            ValueError: not one index for each ``[*]``.
        """
        if self.text.count(_EVERY) != len(indices):
            msg = f"{self.text} needs {self.text.count(_EVERY)} indices, not {len(indices)}"
            raise ValueError(msg)
        text = self.text
        for index in indices:
            text = text.replace(_EVERY, f"[{index}]", 1)
        return text

    def fail(self, message: str, *indices: int) -> tuple[Fail, ...]:
        """One failure here (at ``indices`` where the path has ``[*]``): a :data:`CheckResult`."""
        return (Fail(self.at(*indices), message),)

    def fail_unless(self, met: object, message: str) -> tuple[Fail, ...]:
        """:data:`PASS` where ``met`` is true, else one failure here: ``team.fail_unless(c.team, "no team")``."""
        return PASS if met else (Fail(self.at(), message),)

    def each(self, items: Iterable[_Item], failing: Callable[[_Item], object], message: str) -> list[Fail]:
        """A failure here for each item of the list ``[*]`` stands for that ``failing`` is true of, at its index."""
        return [Fail(self.at(i), message) for i, item in enumerate(items) if failing(item)]


class Paths:
    """A rule's JSON paths by name, in order: ``Paths(spoken_to="$.contact.spoken_to")``.

    Each path is written once, where the rule is declared; the check is given the paths
    as its second argument (``at``) and fails by name: ``at.spoken_to.fail("...")``.
    :attr:`Rule.fields` lists them, in order (the catalogue's ``fields`` column), so a
    path the rule reads but never fails at is declared here too.

    Raises:
        ValueError: a path is malformed or given twice, or a name starts with ``_`` or is ``names``.
    """

    # The paths are the instance's attributes: ``at.name`` is a plain attribute read (checks read
    # them for every record), and nothing else is kept on the instance.

    def __init__(self, **named: str | JsonPath) -> None:
        taken = sorted(name for name in named if name.startswith("_") or hasattr(Paths, name))
        if taken:
            msg = f"not a path name: {', '.join(taken)}"
            raise ValueError(msg)
        paths = {name: p if isinstance(p, JsonPath) else JsonPath(p) for name, p in named.items()}
        if len(set(paths.values())) != len(paths):
            msg = f"a path is named twice: {', '.join(str(p) for p in paths.values())}"
            raise ValueError(msg)
        vars(self).update(paths)

    def __getattr__(self, name: str) -> JsonPath:
        """Only for a name the rule does not declare (a declared path is an attribute)."""
        msg = f"no path named {name!r}: the rule declares {', '.join(vars(self)) or 'none'}"
        raise AttributeError(msg)

    def __setattr__(self, name: str, value: object) -> None:
        msg = "a rule's paths are fixed when it is declared"
        raise AttributeError(msg)

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(vars(self).values())

    def __len__(self) -> int:
        return len(vars(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and list(vars(self).items()) == list(vars(other).items())

    def __hash__(self) -> int:
        return hash(tuple(vars(self).items()))

    def __repr__(self) -> str:
        return "Paths(" + ", ".join(f"{name}={p.text!r}" for name, p in vars(self).items()) + ")"

    def __reduce__(self) -> tuple[Callable[..., Paths], tuple[Any, ...]]:
        return (_paths, (tuple(vars(self).items()),))

    @property
    def names(self) -> tuple[str, ...]:
        """The names, in order."""
        return tuple(vars(self))


def _paths(items: tuple[tuple[str, JsonPath], ...]) -> Paths:
    return Paths(**dict(items))


class Check(Generic[_T]):
    """A rule's check as the registry keeps it: a body, with the guard it applies first and the paths it is given.

    :func:`msp.rules.only_if` makes one from a guard (and any further conditions); declaring
    :class:`Paths` for a rule gives its check the paths. Called with a record, a check asks
    the guard and the conditions first: where any returns ``None`` or ``False`` the rule
    does not apply and the answer is :data:`NOT_APPLICABLE`, the body never called. Else the
    body checks what the guard returned (the part of the record the rule needs, such as the
    section 42 decision), or the record where the guard returned ``True``. So the body never
    repeats the guard, and a check called directly answers exactly as the engine does. The
    body is given the rule's paths as its second argument, where it has any.

    The engine works each guard and condition out once per record, shares the answer between
    the rules that use it, and calls only the bodies they let through. A check reads like its
    body (name, docstring, module) and pickles by name where its module holds it under that
    name, as a decorated function does.

    Attributes:
        body: the check proper: ``body(part)``, or ``body(part, paths)`` where ``paths`` is given.
        guard: the record to what the body checks, or ``None``/``False`` (not applicable);
            ``None`` for no guard (the body checks the record).
        conditions: further guards the record must pass (what they return is not used).
        paths: the rule's paths, given to the body; ``None`` for a body that takes none.
    """

    body: Callable[..., CheckResult]
    guard: Callable[[Any], _T | bool | None] | None
    conditions: tuple[Callable[[Any], object], ...]
    paths: Paths | None

    def __init__(
        self,
        body: Callable[..., CheckResult],
        guard: Callable[[Any], _T | bool | None] | None = None,
        paths: Paths | None = None,
        conditions: tuple[Callable[[Any], object], ...] = (),
    ) -> None:
        if conditions and guard is None:
            msg = "conditions come with a guard"
            raise ValueError(msg)
        self.body = body
        self.guard = guard
        self.conditions = conditions
        self.paths = paths
        functools.update_wrapper(self, body)

    def __call__(self, record: Any) -> CheckResult:  # noqa: ANN401 - the record type is the rule's record_type
        """The rule's answer for ``record``: the body's, where the guard and conditions let the record through."""
        part = record if self.guard is None else self.guard(record)
        if part is None or part is False:
            return NOT_APPLICABLE
        for condition in self.conditions:
            if (met := condition(record)) is None or met is False:
                return NOT_APPLICABLE
        if part is True:
            part = record
        return self.body(part) if self.paths is None else self.body(part, self.paths)

    def __repr__(self) -> str:
        guards = () if self.guard is None else (self.guard, *self.conditions)
        when = f" only if {' and '.join(_name(g) for g in guards)}" if guards else ""
        return f"<Check {_name(self.body)}{when}>"

    def __reduce__(self) -> str | tuple[Any, ...]:
        name = getattr(self.body, "__qualname__", "")
        found: object = sys.modules.get(self.__module__)
        for part in name.split("."):
            found = getattr(found, part, None)
        if found is self:  # what the module calls it: pickle the name, as for a function
            return name
        return (Check, (self.body, self.guard, self.paths, self.conditions))


def _name(fn: object) -> str:
    return str(getattr(fn, "__qualname__", None) or fn)


@attrs.frozen(slots=True, kw_only=True)
class Rule:
    """One coded rule.

    Attributes:
        code: stable code, e.g. ``MSP-001``; the family is the part before the dash.
        title: what the rule requires, in a sentence.
        severity: the default severity (a profile may change it).
        stages: the workflow stages at which it applies.
        reference: the published source it comes from, as a manager can look it up (an Act
            and section, a paragraph of statutory guidance, a named publication).
        basis: what the rule rests on (:class:`Basis`); an ``error`` rests on law or
            on a SAC data requirement.
        check: what checks a record: a function, or a :class:`Check` that applies a guard
            first and gives the body the rule's :class:`Paths`.
        fields: the JSON paths the rule reads, in order (its :class:`Paths`, then any others).
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
    basis: Basis = attrs.field(validator=attrs.validators.instance_of(Basis))
    check: Callable[[Any], CheckResult] = attrs.field(eq=False, repr=False)
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
class RetiredRule:
    """A rule code taken out of the catalogue: retired, never reused, and listed so.

    Attributes:
        code: the retired code, e.g. ``MCA-015``.
        title: what the rule required, as it was worded.
        retired_on: the date it was retired (``YYYY-MM-DD``).
        reason: why, with the law or guidance that shows it.
    """

    code: str
    title: str
    retired_on: str
    reason: str
