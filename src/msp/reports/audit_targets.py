"""Targets for the MSP audit's measures, and how a share stands against its target.

A Safeguarding Adults Board sets its own targets for the measures it follows
(:data:`msp.reports.audit.MEASURES`). This library ships **no default target**:
no published source it could find (the LGA/ADASS Making Safeguarding Personal
publications, NHS England's Safeguarding Adults Collection guidance) sets a
numeric target for these measures. A board writes its targets in a small JSON
file (docs/audit.md, "Targets"), read by :func:`load_targets`::

    {
      "amber_band": 5,
      "targets": {
        "asked": 90,
        "seen_alone": {"target": 75, "amber_band": 10, "source": "SAB business plan 2025-26"},
        "not_achieved": {"target": 10, "direction": "at_most"}
      }
    }

A target is a percentage from 0 to 100. The status compares the share **as the
report shows it**, a whole percentage rounded half up
(:attr:`msp.reports.audit.Measure.whole_percent`), so that a reader never sees
"85%" marked below a target of 85%:

- ``at_least`` (the default; ``at_most`` for ``not_achieved``): the share is on
  target at or above the target, near it within the amber band below it, else below it;
- ``at_most``: on target at or below the target, near it within the amber band
  above it, else above it.

The amber band is in percentage points: 5 unless the file says otherwise, for
the whole file or one measure. It is this library's display choice, not a
published standard; 0 means no amber. A measure that applies to no case has no
status.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import difflib
import enum
import json
import math
from collections.abc import Collection, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Final

import attrs

from msp.errors import MspError

__all__ = [
    "DEFAULT_AMBER_BAND",
    "LOWER_IS_BETTER",
    "Target",
    "TargetStatus",
    "Targets",
    "TargetsError",
    "load_targets",
    "parse_targets",
]

DEFAULT_AMBER_BAND: Final = 5.0
"""Percentage points within which a share short of its target is "Near" (this library's choice)."""

LOWER_IS_BETTER: Final = frozenset({"not_achieved"})
"""Measures whose direction is ``at_most`` unless the targets file says otherwise."""

_DIRECTIONS: Final = ("at_least", "at_most")
_TOP_KEYS: Final = ("amber_band", "targets")
_TARGET_KEYS: Final = ("target", "direction", "amber_band", "source")
_LONGEST_SOURCE: Final = 200


class TargetsError(MspError, ValueError):
    """A targets file (or :class:`Targets` built in code) is not valid.

    The message names the file and the place in it (a JSON path such as
    ``$.targets.asked.target``, or a line and column for JSON that cannot be
    read) and what is expected.
    """


class TargetStatus(enum.Enum):
    """How a share stands against its target: by text, shape and colour alike."""

    ON_TARGET = "on_target"
    NEAR = "near"
    BELOW = "below"
    ABOVE = "above"

    @property
    def code(self) -> str:
        """The stable code, e.g. ``on_target`` (JSON and CSV)."""
        return self.value

    @property
    def label(self) -> str:
        """The words a reader sees: ``On target``, ``Near``, ``Below`` or ``Above``."""
        return _LABELS[self]

    @property
    def shape(self) -> str:
        """The shape drawn with it, so that colour is never the only sign: ``●``, ``▲`` or ``■``."""
        return _SHAPES[self]

    @property
    def rag(self) -> str:
        """``green``, ``amber`` or ``red``."""
        return _RAG[self]


_LABELS: Final = {
    TargetStatus.ON_TARGET: "On target",
    TargetStatus.NEAR: "Near",
    TargetStatus.BELOW: "Below",
    TargetStatus.ABOVE: "Above",
}
_SHAPES: Final = {
    TargetStatus.ON_TARGET: "\u25cf",
    TargetStatus.NEAR: "\u25b2",
    TargetStatus.BELOW: "\u25a0",
    TargetStatus.ABOVE: "\u25a0",
}
_RAG: Final = {
    TargetStatus.ON_TARGET: "green",
    TargetStatus.NEAR: "amber",
    TargetStatus.BELOW: "red",
    TargetStatus.ABOVE: "red",
}


def _percentage(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TargetsError(f"{what}: a number from 0 to 100")
    if not 0 <= value <= 100:  # noqa: PLR2004 - a percentage
        raise TargetsError(f"{what}: a number from 0 to 100")
    return float(value)


@attrs.frozen(slots=True, kw_only=True)
class Target:
    """One measure's target.

    Attributes:
        measure: the measure's code, e.g. ``asked``.
        target: the target, a percentage from 0 to 100.
        direction: ``at_least`` (higher is better) or ``at_most`` (lower is better).
        amber_band: percentage points within which a share off target is "Near".
        source: where the target comes from (e.g. the board's business plan), or ``None``.

    Raises:
        TargetsError: a value out of range or an unknown direction.
    """

    measure: str
    target: float
    direction: str = "at_least"
    amber_band: float = DEFAULT_AMBER_BAND
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        _percentage(self.target, f"{self.measure}: target")
        _percentage(self.amber_band, f"{self.measure}: amber_band")
        if self.direction not in _DIRECTIONS:
            raise TargetsError(f"{self.measure}: direction is at_least or at_most")

    def status(self, whole_percent: int | None) -> TargetStatus | None:
        """The status of a share shown as ``whole_percent`` (``None``: the measure applies to no case)."""
        if whole_percent is None:
            return None
        shown, target, band = Fraction(whole_percent), Fraction(str(self.target)), Fraction(str(self.amber_band))
        if self.direction == "at_least":
            if shown >= target:
                return TargetStatus.ON_TARGET
            return TargetStatus.NEAR if shown >= target - band else TargetStatus.BELOW
        if shown <= target:
            return TargetStatus.ON_TARGET
        return TargetStatus.NEAR if shown <= target + band else TargetStatus.ABOVE

    @property
    def text(self) -> str:
        """The target as a reader sees it: ``85%``, or ``at most 10%`` for a lower-is-better measure."""
        value = f"{self.target:g}%"
        return value if self.direction == "at_least" else f"at most {value}"


@attrs.frozen(slots=True, kw_only=True)
class Targets:
    """The targets of an audit: none by default (no published source sets one).

    Attributes:
        targets: one :class:`Target` per measure that has one.
        amber_band: the file's amber band (each target keeps its own).
        source: the file they were read from, or ``None``.

    Raises:
        TargetsError: two targets for one measure.
    """

    targets: tuple[Target, ...] = ()
    amber_band: float = DEFAULT_AMBER_BAND
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for t in self.targets:
            if t.measure in seen:
                raise TargetsError(f"{t.measure}: more than one target")
            seen.add(t.measure)
        _percentage(self.amber_band, "amber_band")

    def __bool__(self) -> bool:
        return bool(self.targets)

    def __iter__(self) -> Iterator[Target]:
        return iter(self.targets)

    def get(self, measure: str) -> Target | None:
        """The target of ``measure``, or ``None``."""
        for t in self.targets:
            if t.measure == measure:
                return t
        return None

    def to_dict(self) -> dict[str, object]:
        """The targets in the file's format (what ``msp audit --targets`` reads)."""
        found: dict[str, object] = {}
        for t in self.targets:
            entry: dict[str, object] = {"target": t.target, "direction": t.direction, "amber_band": t.amber_band}
            if t.source is not None:
                entry["source"] = t.source
            found[t.measure] = entry
        return {"amber_band": self.amber_band, "targets": found}


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


def _unknown_key(path: str, key: str, known: Collection[str]) -> TargetsError:
    near = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean {near[0]}?)" if near else f" (known: {', '.join(known)})"
    return TargetsError(f"{_where(path, key)}: unknown key{hint}")


def _read_target(measure: str, value: object, amber_band: float) -> Target:
    path = _where("$.targets", measure)
    if not isinstance(value, Mapping):
        return Target(
            measure=measure, target=_percentage(value, path), direction=_direction(measure), amber_band=amber_band
        )
    for key in value:
        if key not in _TARGET_KEYS:
            raise _unknown_key(path, str(key), _TARGET_KEYS)
    if "target" not in value:
        raise TargetsError(f"{path}: needs a target (a number from 0 to 100)")
    direction = value.get("direction", _direction(measure))
    if direction not in _DIRECTIONS:
        raise TargetsError(f"{path}.direction: at_least or at_most")
    source = value.get("source")
    if source is not None and (not isinstance(source, str) or len(source) > _LONGEST_SOURCE):
        raise TargetsError(f"{path}.source: text of at most {_LONGEST_SOURCE} characters")
    return Target(
        measure=measure,
        target=_percentage(value["target"], f"{path}.target"),
        direction=direction,
        amber_band=_percentage(value.get("amber_band", amber_band), f"{path}.amber_band"),
        source=source,
    )


def _direction(measure: str) -> str:
    return "at_most" if measure in LOWER_IS_BETTER else "at_least"


def parse_targets(data: object, measures: Collection[str], *, source: str | None = None) -> Targets:
    """Targets from a JSON value in the targets file's format.

    Args:
        data: the parsed JSON (an object with ``targets`` and optionally ``amber_band``).
        measures: the measure codes a target may name (:data:`msp.reports.audit.MEASURES`).
        source: the file's name, for :attr:`Targets.source`.

    Returns:
        The :class:`Targets`.

    Raises:
        TargetsError: the value is not in the format, located by JSON path.
    """
    if not isinstance(data, Mapping):
        raise TargetsError("$: a JSON object with targets (and optionally amber_band)")
    for key in data:
        if key not in _TOP_KEYS:
            raise _unknown_key("$", str(key), _TOP_KEYS)
    amber_band = _percentage(data.get("amber_band", DEFAULT_AMBER_BAND), "$.amber_band")
    targets = data.get("targets", {})
    if not isinstance(targets, Mapping):
        raise TargetsError("$.targets: an object of measure codes and targets")
    found = []
    for measure, value in targets.items():
        if measure not in measures:
            near = difflib.get_close_matches(str(measure), measures, n=1)
            hint = f" (did you mean {near[0]}?)" if near else " (docs/audit.md lists the measures)"
            raise TargetsError(f"{_where('$.targets', str(measure))}: not a measure of the audit{hint}")
        found.append(_read_target(measure, value, amber_band))
    return Targets(targets=tuple(found), amber_band=amber_band, source=source)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def load_targets(path: str | Path, measures: Collection[str]) -> Targets:
    """Read a targets file (UTF-8 JSON; docs/audit.md, "Targets").

    Args:
        path: the file.
        measures: the measure codes a target may name (:data:`msp.reports.audit.MEASURES`).

    Returns:
        The :class:`Targets`, with :attr:`Targets.source` the file's name.

    Raises:
        TargetsError: the file is not valid JSON or not in the format: the message names the
            file and the place (line and column, or a JSON path).
        OSError: the file cannot be read.
    """
    name = str(path)
    raw = Path(path).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise TargetsError(f"targets file {name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise TargetsError(
            f"targets file {name}: line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except ValueError as exc:
        raise TargetsError(f"targets file {name}: {exc}") from None
    try:
        return parse_targets(data, measures, source=name)
    except TargetsError as exc:
        raise TargetsError(f"targets file {name}: {exc}") from None


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.reports.audit_targets)`` and tab completion."""
    return list(__all__)
