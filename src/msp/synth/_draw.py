"""The two shapes of distribution the weight tables use, each driven by one ``random()`` draw.

Only ``random.Random.random()`` is ever called, never ``choices()`` or
``randint()``: its sequence is stable across Python versions, so the same seed
gives byte-identical records everywhere. Only ``+``, ``*`` and comparisons are
applied to the draws (never ``log`` or ``pow``), so results are bit-identical
on every platform too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Generic, NamedTuple, TypeVar

__all__ = ["Days", "Weighted"]

_T = TypeVar("_T")


class Weighted(Generic[_T]):
    """A weighted choice: ``table(r)`` with ``0 <= r < 1`` picks one item.

    The weights need not add up to anything: each item's share is its weight
    over their sum. The cumulative sums are added up in order once, here, so
    the same draw always picks the same item.

    Attributes:
        pairs: the items with their weights, in order.
    """

    __slots__ = ("_bounds", "_items", "_total", "pairs")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        bounds: list[float] = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            bounds.append(total)
        self.pairs: tuple[tuple[_T, float], ...] = tuple(pairs)
        self._bounds = tuple(bounds)
        self._items = tuple(item for item, _ in pairs)
        self._total = total

    def __call__(self, r: float) -> _T:
        """The item that the draw ``r`` (``0 <= r < 1``) falls on."""
        return self._items[bisect_right(self._bounds, r * self._total)]

    @property
    def items(self) -> tuple[_T, ...]:
        """The items, in order."""
        return self._items

    def shares(self) -> tuple[tuple[_T, float], ...]:
        """Each item with its share of the whole (0 to 1)."""
        return tuple((item, weight / self._total) for item, weight in self.pairs)


class Days(NamedTuple):
    """A whole number (of days, mostly) spread evenly from ``low`` to ``low + spread - 1``.

    Attributes:
        low: the fewest.
        spread: how many different values (1 or more).
    """

    low: int
    spread: int

    def of(self, r: float) -> int:
        """The number the draw ``r`` (``0 <= r < 1``) falls on: ``low + int(r * spread)``."""
        return self.low + int(r * self.spread)

    @property
    def high(self) -> int:
        """The most."""
        return self.low + self.spread - 1
