"""The library's exceptions and the located :class:`Problem`.

Hierarchy::

    MspError                    root: catch this to catch everything from msp
    ├── InvalidRecord(ValueError)   a record failed shape, code-list or
    │                               impossible-value checks; carries every
    │                               Problem found, each with a JSON path
    └── TransitionRefused           (msp.workflow) a step the law or MSP forbids

No message, note or attribute of these exceptions carries a personal value:
records are named by id and fields by path. All of them pickle, so data teams
can pass them between processes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["InvalidRecord", "MspError", "Problem"]


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
        record_id: the record's id where it could be read, else ``None``.
    """

    problems: tuple[Problem, ...]
    record_id: str | None

    def __init__(self, problems: tuple[Problem, ...] | list[Problem], record_id: str | None = None) -> None:
        self.problems = tuple(problems)
        self.record_id = record_id
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
