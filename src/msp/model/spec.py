"""The field spec: every fact about a record's field, declared once, on the field.

Each field of every record class is made by a factory in :mod:`msp.model._fields`
(``f.text(doc=...)``, ``f.code(TypeOfRisk, doc=..., sac="SG2a")``, ...), which puts
a :class:`FieldSpec` in the attrs field's metadata. Everything else that needs to
know about a field reads it from there: the field's validator (made by the same
factory), :func:`msp.model.personal_fields`, the fast conversion route
(:mod:`msp.convert._fast`), the class docstrings' ``Attributes`` sections, and
the field reference in docs/model.md (``tools/gen_docs.py``). The conversion
hooks, the synthetic data and the test strategies are held to it by tests.

Example::

    >>> from msp.model import Risk, spec_of
    >>> spec_of(Risk, "type_of_risk").sac
    'SG2a'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any, Final

import attrs

__all__ = ["SPEC", "FieldSpec", "Kind", "field_specs", "record_classes", "spec_of"]

SPEC: Final = "msp"
"""The attrs metadata key under which a field keeps its :class:`FieldSpec`."""


class Kind(enum.Enum):
    """What a field holds."""

    ID = "id"
    """A pseudonymous id: 1-64 letters, digits or ``. _ : / -`` (never a name)."""
    TEXT = "text"
    """Free text, not blank, at most 20,000 characters."""
    DATE = "date"
    """A calendar date (``YYYY-MM-DD`` in JSON)."""
    DATETIME = "datetime"
    """A date and time with a UTC offset (ISO 8601 in JSON)."""
    FLAG = "flag"
    """Yes or no; ``None`` where not recorded."""
    INTEGER = "integer"
    """A whole number from -(2**53 - 1) to 2**53 - 1, the range every JSON reader holds exactly."""
    CODE = "code"
    """One code of a code list (:attr:`FieldSpec.code_list`)."""
    PART = "part"
    """A nested record (:attr:`FieldSpec.item`)."""
    MANY = "many"
    """A tuple of :attr:`FieldSpec.item`: records, codes, dates or texts."""


@attrs.frozen(slots=True, kw_only=True)
class FieldSpec:
    """Everything the library knows about one field of a record.

    Attributes:
        kind: what the field holds.
        required: the field must be given (it has no default).
        personal: its content can identify or describe a person: it is dropped or
            redacted on export (:func:`msp.model.redact`) and never printed.
        doc: what the field records, in a sentence, in a practitioner's words.
        item: the record class of a ``PART``, or the item type of a ``MANY`` (a
            record class, a code list, ``str`` or ``datetime.date``).
        what: for a ``MANY``, how one item is named in messages (``a risk``).
        sac: the Safeguarding Adults Collection item the field feeds (``SG2a``), if any.
        law: the law or guidance the field reflects, for fields that record a legal
            fact (``Care Act 2014 s68``), if any.
    """

    kind: Kind
    required: bool
    personal: bool
    doc: str
    item: type | None = None
    what: str | None = None
    sac: str | None = None
    law: str | None = None

    @property
    def code_list(self) -> type[enum.Enum] | None:
        """The code list of a ``CODE`` field, or of the items of a ``MANY`` of codes."""
        if self.kind in (Kind.CODE, Kind.MANY) and isinstance(self.item, type) and issubclass(self.item, enum.Enum):
            return self.item
        return None

    @property
    def record(self) -> type | None:
        """The record class of a ``PART``, or of the items of a ``MANY`` of records."""
        if self.kind in (Kind.PART, Kind.MANY) and self.item is not None and attrs.has(self.item):
            return self.item
        return None


def spec_of(cls: type, name: str) -> FieldSpec:
    """The spec of field ``name`` of the record class ``cls``.

    Raises:
        KeyError: ``cls`` has no such field, or the field has no spec.
    """
    for field in attrs.fields(cls):
        if field.name == name:
            found = field.metadata.get(SPEC)
            if isinstance(found, FieldSpec):
                return found
            break
    raise KeyError(f"{cls.__name__}.{name}")


def field_specs(cls: type) -> tuple[tuple[str, FieldSpec], ...]:
    """``(name, spec)`` for every field of the record class ``cls``, in declaration order.

    Raises:
        KeyError: a field has no spec (every field of a record class has one).
    """
    return tuple((field.name, spec_of(cls, field.name)) for field in attrs.fields(cls))


def record_classes(root: type) -> tuple[type, ...]:
    """``root`` and every record class reachable from its fields, each once, parents first."""
    seen: dict[type, None] = {}

    def walk(cls: type) -> Iterator[type]:
        if cls in seen:
            return
        seen[cls] = None
        yield cls
        for field in attrs.fields(cls):
            spec: Any = field.metadata.get(SPEC)
            if isinstance(spec, FieldSpec) and spec.record is not None:
                yield from walk(spec.record)

    return tuple(walk(root))
