"""Personal-data helpers: find, drop or redact the fields marked personal.

Fields whose content can identify or describe a person (free text, dates of
birth and death) are marked ``personal`` in their field spec
(:class:`msp.model.spec.FieldSpec`). These helpers let a
tool export records without them. A local extension's value
(:mod:`msp.model.extensions`) is personal when its definition says so:
:func:`redact` drops the whole value.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from msp.model.extensions import Extension
from msp.model.spec import SPEC, FieldSpec

__all__ = ["REDACTED", "personal_fields", "redact"]

REDACTED = "[redacted]"
"""What required personal text becomes in a redacted record."""

_T = TypeVar("_T", bound=attrs.AttrsInstance)


def _personal(field: attrs.Attribute[Any]) -> bool:
    spec = field.metadata.get(SPEC)
    return isinstance(spec, FieldSpec) and spec.personal


def personal_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of an attrs class marked as personal data."""
    return tuple(a.name for a in attrs.fields(cls) if _personal(a))


def _redact_value(value: Any) -> Any:  # noqa: ANN401
    if attrs.has(type(value)):
        return redact(value)
    if isinstance(value, tuple):
        return tuple(_redact_value(v) for v in value if not (type(v) is Extension and v.personal))
    return value


def redact(record: _T) -> _T:
    """A copy of ``record`` with every personal field removed, at every depth.

    Optional personal fields become ``None`` (or an empty tuple); required
    personal text becomes :data:`REDACTED`; the values of local extensions
    whose definition is personal are dropped. Nothing is mutated.
    """
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(record)):
        value = getattr(record, a.name)
        if _personal(a):
            if a.default is attrs.NOTHING:
                changes[a.name] = REDACTED
            else:
                changes[a.name] = a.default
        else:
            redacted = _redact_value(value)
            if redacted is not value:
                changes[a.name] = redacted
    return attrs.evolve(record, **changes) if changes else record  # type: ignore[misc]
