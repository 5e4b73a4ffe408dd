"""The streams behind :func:`msp.synth.generate` and :func:`msp.synth.generate_concerns`."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date
from typing import Any

from msp.convert import to_dict
from msp.model import Concern
from msp.synth._case import concern
from msp.synth._damage import damage
from msp.synth._state import Run

__all__ = ["concerns", "records"]


def concerns(count: int, seed: int, start: date) -> Iterator[Concern]:
    """Yield ``count`` concerns of the run ``(seed, start)``, ids ``C000001`` upwards."""
    run = Run(seed, start)
    for index in range(count):
        yield concern(run, index + 1)


def records(count: int, seed: int, invalid_share: float, start: date) -> Iterator[dict[str, Any]]:
    """Yield the concerns as dicts, breaking one at a random place in each run of ``1 / invalid_share`` records.

    Stratified rather than independent draws: the share is met closely even in
    a small file, and broken records are spread evenly through the stream.
    Which records break, and how, is drawn from a second stream, so the other
    records are those of ``invalid_share=0``.
    """
    breaks = random.Random(f"msp.synth.invalid:{seed}").random  # noqa: S311 - reproducible test data
    stratum = 0
    low, high = 0, math.ceil(1 / invalid_share) if invalid_share else count + 1
    target = low + int(breaks() * (high - low)) if invalid_share else -1
    for index, record in enumerate(concerns(count, seed, start)):
        data = to_dict(record)
        if index == target:
            damage(data, breaks)
        if invalid_share and index == high - 1:
            stratum += 1
            low, high = high, math.ceil((stratum + 1) / invalid_share)
            target = low + int(breaks() * (high - low))
        yield data
