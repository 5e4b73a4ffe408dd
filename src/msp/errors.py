"""The library's exceptions and the located :class:`Problem`.

Hierarchy::

    MspError                    root: catch this to catch everything from msp
    ├── InvalidRecord(ValueError)   a record failed shape, code-list or
    │                               impossible-value checks; carries every
    │                               Problem found, each with a JSON path
    └── TransitionRefused           (msp.workflow.steps) a step the law or MSP forbids

No message, note or attribute of these exceptions carries a personal value:
records are named by id and fields by path. All of them pickle, so data teams
can pass them between processes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

__all__ = ["ID_KEYS", "ID_PATTERN", "InvalidRecord", "MspError", "Problem", "record_id_of", "safe_id"]

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


@attrs.frozen(slots=True, kw_only=True)
class Problem:
    """One located problem with a record.

    Attributes:
        code: a stable code, e.g. ``SHAPE-TYPE``; see docs/errors.md.
        path: a JSON path into the record, e.g. ``$.desired_outcomes[1].recorded_on``.
        message: what is wrong, free of personal data.
    """

    code: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.message} @ {self.path}"


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
