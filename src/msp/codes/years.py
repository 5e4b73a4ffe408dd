"""Collection years: the 1 April to 31 March year the SAC return covers.

Code lists and rules change each April, so rule sets and returns are tied to a
:class:`CollectionYear` explicitly. The SAC counts concerns raised, enquiries
started and enquiries concluded between 1 April and 31 March (SAC guidance
2024-25, SG1 and SG2; DHSC's SAC guidance for 2025-26 makes no change).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from datetime import date, datetime

import attrs

__all__ = ["CollectionYear"]

_YEAR = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")


@attrs.frozen(slots=True, kw_only=True, order=True)
class CollectionYear:
    """A SAC collection year, written ``"2025-26"``: 1 April 2025 to 31 March 2026.

    Args:
        start: the calendar year in which the collection year begins.
    """

    start: int = attrs.field()

    @start.validator
    def _check_start(self, _attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int:  # bool is an int subclass: refuse it too
            msg = "a collection year's start is a whole year (an int)"
            raise TypeError(msg)
        if not 2015 <= value <= 2100:  # noqa: PLR2004 - the SAC began in 2015-16
            msg = "a collection year starts in a year from 2015 to 2100"
            raise ValueError(msg)

    @classmethod
    def parse(cls, text: str) -> CollectionYear:
        """Parse ``"2025-26"``.

        Raises:
            ValueError: not of the form ``YYYY-YY`` with consecutive years, or
                before 2015-16 (the first SAC year).
        """
        match = _YEAR.match(text) if isinstance(text, str) else None
        if match is None:
            msg = "a collection year is written like 2025-26"
            raise ValueError(msg)
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            msg = "a collection year spans two consecutive years, like 2025-26"
            raise ValueError(msg)
        if start < 2015:  # noqa: PLR2004 - the SAC began in 2015-16
            msg = "the Safeguarding Adults Collection began in 2015-16"
            raise ValueError(msg)
        return cls(start=start)

    @classmethod
    def containing(cls, day: date) -> CollectionYear:
        """The collection year that contains ``day``."""
        return cls(start=day.year if day.month >= 4 else day.year - 1)  # noqa: PLR2004

    @property
    def first_day(self) -> date:
        """1 April of the first year."""
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        """31 March of the second year: the SAC age reference date."""
        return date(self.start + 1, 3, 31)

    def __contains__(self, day: object) -> bool:
        """``day in year``: True where the date falls in this collection year.

        A :class:`~datetime.datetime` counts by its calendar date, as written.
        """
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"
