"""What can go wrong, in one place: the library's exceptions and its problem records.

Exceptions::

    MspError                        root: catch this to catch everything from msp
    ├── InvalidRecord(ValueError)   a record failed shape, code-list or impossible-value
    │                               checks; carries every Problem found, each located
    ├── MappingError(ValueError)    a CSV mapping file (or CsvMapping) is not valid
    └── TransitionRefused           a workflow step the law or MSP forbids; carries the
                                    blocking Findings

Warnings::

    NewerSchemaWarning(UserWarning) a record at a newer schema_version was read with
                                    unknown="ignore"; names the versions and the
                                    ignored fields' paths

Problem records:

- :class:`Problem`: one located problem (code, JSON path, message, and the record's
  id and line where known). The JSON reader, the CSV reader, record construction,
  the fast route, the workflow and the SAC return all describe what is wrong with one.
- :class:`Finding`: a :class:`Problem` judged by a rule: with its severity and the
  law or guidance behind it. Validation reports, ``msp validate`` and
  :class:`TransitionRefused` carry findings.

No message, note or attribute of these (nor of the warning) carries a personal value: records are named
by id (only a value :func:`safe_id` accepts) and fields by path, and a wrong value is shown only where
:func:`near_misses` judges it a slip for a code of its list. All of them pickle,
so data teams can pass them between processes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

__all__ = [
    "ID_KEYS",
    "ID_PATTERN",
    "MAX_EDITS",
    "SHAPE_REFERENCE",
    "Finding",
    "InvalidRecord",
    "MappingError",
    "MspError",
    "NewerSchemaWarning",
    "Problem",
    "Severity",
    "TransitionRefused",
    "near_misses",
    "record_id_of",
    "safe_id",
]

ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}\Z")
"""What an id looks like: 1-64 letters, digits or ``. _ : / -``, starting with a letter or digit."""

ID_KEYS: Final = ("concern_id", "adult_id", "enquiry_id", "decision_id")
"""The keys, in order, whose value may name a record that could not be built."""


def safe_id(value: object) -> str | None:
    """``value`` if it may be shown as a record's id, else ``None``.

    The one place that decides what of a record may be printed as its id: a
    string matching :data:`ID_PATTERN`. Anything else (a name and address typed
    into the id column, a number, a very long string) is never shown, because a
    value that is not an id may be personal data.
    """
    if type(value) is str and ID_PATTERN.match(value):
        return value
    return None


def record_id_of(data: object) -> str | None:
    """The id that may be shown for a record read as ``data`` (a dict), else ``None``.

    The first of :data:`ID_KEYS` whose value :func:`safe_id` accepts; used for
    records that could not be built, so that a report can still say which one.
    """
    if isinstance(data, Mapping):
        for key in ID_KEYS:
            shown = safe_id(data.get(key))
            if shown is not None:
                return shown
    return None


MAX_EDITS: Final = 2
"""The most edits (Damerau-Levenshtein) a wrong value may be from a code for :func:`near_misses` to name it."""


def _edits_allowed(length: int) -> int:
    """How many edits a value may be from a choice of ``length`` characters: none under 5, 1 under 9, else 2."""
    return 0 if length < 5 else 1 if length < 9 else MAX_EDITS  # noqa: PLR2004


def _distance(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` (Damerau-Levenshtein without overlapping
    edits: a character inserted, deleted or changed, or two neighbours swapped), or ``limit + 1`` once it exceeds
    ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        above, row = row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before = above
    return row[-1]


def near_misses(value: object, choices: Mapping[str, str]) -> tuple[str, ...]:
    """The codes ``value`` looks like a slip for, or ``()``: whether a wrong value may be shown in a message.

    ``choices`` maps each text the value may have been meant to be (a code, a code's
    label) to the code it stands for. A value is a near miss when it is text (or a
    whole number, compared as its digits) that, ignoring case and surrounding spaces,
    is at most :data:`MAX_EDITS` edits from one of those texts, and fewer the shorter
    that text is: no edit for one under 5 characters, one under 9. A value
    further from every choice is not a mistyped code: it may be personal data (a name
    in a mis-mapped spreadsheet column), so a message names the list without it.

    Returns:
        The codes of the nearest choices, each once, in the order of ``choices``, at
        most three; ``()`` where ``value`` is no near miss and must not be shown.

    Example::

        >>> near_misses("asked_expresed", {"asked_expressed": "asked_expressed", "no": "no"})
        ('asked_expressed',)
        >>> near_misses("Margaret", {"asked_expressed": "asked_expressed", "no": "no"})
        ()
    """
    if type(value) is int:
        value = str(value)
    if type(value) is not str or len(value) > 200:  # noqa: PLR2004 - no code or label is this long
        return ()
    given = value.strip().casefold()
    best = MAX_EDITS + 1
    found: dict[str, None] = {}
    for text, code in choices.items():
        target = text.strip().casefold()
        limit = min(_edits_allowed(len(target)), best)
        edits = _distance(given, target, limit)
        if edits > limit:
            continue
        if edits < best:
            best = edits
            found = {}
        found[code] = None
    return tuple(found)[:3]


@attrs.frozen(slots=True, kw_only=True)
class Problem:
    """One located problem with a record.

    Attributes:
        code: a stable code, e.g. ``SHAPE-TYPE`` or a rule code; see docs/errors.md.
        path: a JSON path into the record, e.g. ``$.desired_outcomes[1].recorded_on``.
        message: what is wrong, free of personal data.
        record_id: the record's id where known and showable (:func:`safe_id`;
            anything else becomes ``None``).
        line: the record's line (or CSV row's first line) in its file, where known.
    """

    code: str
    path: str
    message: str
    record_id: str | None = attrs.field(default=None, converter=safe_id)
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.code} {self.message} @ {self.path}"


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


SHAPE_REFERENCE: Final = "msp data model: shape and code lists (docs/errors.md)"
"""The reference of a finding made from a structure problem."""


@attrs.frozen(slots=True, kw_only=True)
class Finding:
    """A :class:`Problem` judged by a rule: its severity and the law or guidance behind it.

    The problem's code, path, message, record id and line read through
    (``finding.code`` is ``finding.problem.code``).

    Attributes:
        problem: what is wrong and where.
        severity: after any profile override.
        reference: the law or guidance behind it.
    """

    problem: Problem
    severity: Severity
    reference: str

    @property
    def code(self) -> str:
        """The rule code (or a ``SHAPE-`` code for a structure problem)."""
        return self.problem.code

    @property
    def path(self) -> str:
        """The JSON path in the record."""
        return self.problem.path

    @property
    def message(self) -> str:
        """What is wrong; never carries a personal value."""
        return self.problem.message

    @property
    def record_id(self) -> str | None:
        """The record's pseudonymous id, where known."""
        return self.problem.record_id

    @property
    def line(self) -> int | None:
        """The record's line in its file, where known."""
        return self.problem.line

    def __str__(self) -> str:
        where = f"{self.record_id} " if self.record_id else ""
        return f"{where}{self.path} {self.code} [{self.severity.value}] {self.message}"

    @classmethod
    def from_problem(cls, problem: Problem, record_id: str | None = None, reference: str | None = None) -> Finding:
        """A structure problem (from :class:`InvalidRecord`) as an error finding.

        ``record_id``, where given, names the record (else the problem's own is kept);
        ``reference`` defaults to the data model's (:data:`SHAPE_REFERENCE`).
        """
        if record_id is not None and record_id != problem.record_id:
            problem = attrs.evolve(problem, record_id=record_id)
        return cls(
            problem=problem, severity=Severity.ERROR, reference=SHAPE_REFERENCE if reference is None else reference
        )


class MspError(Exception):
    """Root of every exception this library raises on purpose."""


class InvalidRecord(MspError, ValueError):
    """A record could not be built: every problem found, each located.

    Attributes:
        problems: the problems, in the order found.
        record_id: the record's id where it could be read and may be shown
            (:func:`safe_id`), else ``None``.
    """

    problems: tuple[Problem, ...]
    record_id: str | None

    def __init__(self, problems: tuple[Problem, ...] | list[Problem], record_id: str | None = None) -> None:
        self.problems = tuple(problems)
        self.record_id = safe_id(record_id)
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"record {self.record_id}: " if self.record_id else ""
        count = len(self.problems)
        lines = "; ".join(str(p) for p in self.problems[:10])
        more = f"; and {count - 10} more" if count > 10 else ""  # noqa: PLR2004
        return f"{head}{count} problem{'s' if count != 1 else ''}: {lines}{more}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.record_id))

    def relocated(self, prefix: str, record_id: str | None = None) -> InvalidRecord:
        """The same problems with paths moved under ``prefix`` (``$.adult``)."""
        moved = tuple(attrs.evolve(p, path=prefix + p.path[1:]) for p in self.problems)
        return InvalidRecord(moved, record_id if record_id is not None else self.record_id)


class MappingError(MspError, ValueError):
    """A mapping file (or a :class:`~msp.convert.flat.CsvMapping` built in code) is not valid.

    The message says which key is wrong; it never quotes a data value.
    """


class TransitionRefused(MspError):
    """A workflow step was refused: every blocking finding, each located and coded.

    The message names the step, the record's pseudonymous id and the findings'
    codes, paths and messages, which never carry a personal value. It pickles.

    Attributes:
        step: the step refused, e.g. ``close``.
        record_id: the record's id.
        findings: the blocking findings: structural ``WF-`` and ``SHAPE-``
            codes first, then the error findings of the rules.
    """

    step: str
    record_id: str | None
    findings: tuple[Finding, ...]

    def __init__(self, step: str, record_id: str | None, findings: Iterable[Finding]) -> None:
        self.step = step
        self.record_id = safe_id(record_id)
        self.findings = tuple(findings)
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"{self.step} refused for record {self.record_id}" if self.record_id else f"{self.step} refused"
        count = len(self.findings)
        shown = "; ".join(f"{x.code} {x.message} @ {x.path}" for x in self.findings[:10])
        more = f"; and {count - 10} more" if count > 10 else ""  # noqa: PLR2004
        return f"{head}: {count} blocking finding{'s' if count != 1 else ''}: {shown}{more}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.step, self.record_id, self.findings))

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the blocking findings, each once, in order."""
        return tuple(dict.fromkeys(x.code for x in self.findings))


class NewerSchemaWarning(UserWarning):
    """A record written at a newer ``schema_version`` was read as the current one.

    Emitted once per record by :func:`msp.from_dict` and :func:`msp.from_json` called
    with ``unknown="ignore"``, when the record's version is newer than this library
    reads. The message names both versions and the JSON paths of the fields that were
    ignored (the first 20, then how many more); it never carries a value.

    Attributes:
        version: the record's ``schema_version``.
        oldest: the oldest version this library reads (``OLDEST_SCHEMA_VERSION``).
        read_as: the version it was read as, the newest this library reads (``SCHEMA_VERSION``).
        paths: the JSON paths of every field ignored, in document order.
        record_id: the record's id where it may be shown (:func:`safe_id`), else ``None``.

    .. versionadded:: 0.2.0
    """

    version: int
    oldest: int
    read_as: int
    paths: tuple[str, ...]
    record_id: str | None

    def __init__(
        self, version: int, oldest: int, read_as: int, paths: Iterable[str], record_id: str | None = None
    ) -> None:
        self.version = version
        self.oldest = oldest
        self.read_as = read_as
        self.paths = tuple(paths)
        self.record_id = safe_id(record_id)
        super().__init__(self._summary())

    def _summary(self) -> str:
        head = f"record {self.record_id}: " if self.record_id else ""
        count = len(self.paths)
        if count:
            shown = ", ".join(self.paths[:20])
            more = f", and {count - 20} more" if count > 20 else ""  # noqa: PLR2004
            ignored = f"ignored {count} unknown field{'s' if count != 1 else ''}: {shown}{more}"
        else:
            ignored = "no unknown fields"
        return (
            f"{head}schema_version {self.version} is newer than this library reads "
            f"({self.oldest} to {self.read_as}): read as version {self.read_as}; {ignored}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.version, self.oldest, self.read_as, self.paths, self.record_id))
