r"""A JSON Schema (draft 2020-12) for the concern document, generated from the field spec.

:func:`schema` walks every record class reachable from
:class:`~msp.model.concern.Concern` (:func:`msp.model.spec.record_classes`) and
writes one schema per class under ``$defs``, and one per code list used. Every
fact comes from the fields' :class:`~msp.model.spec.FieldSpec`, so the schema and
the library cannot drift apart:

- each record is an ``object`` with ``additionalProperties: false`` and
  ``required`` from its required fields; the concern carries ``schema_version``
  as a ``const``;
- ids: a string with the id pattern (:data:`msp.errors.ID_PATTERN`, its ``\Z``
  anchor rewritten as ``$`` for ECMA-262);
- text: a string, 1 to 20,000 characters, with a non-space character (``\S``);
- dates: ``format: date`` and a ``YYYY-MM-DD`` pattern; date-times:
  ``format: date-time`` and an RFC 3339 pattern (seconds and a UTC offset, as
  :func:`msp.to_dict` writes them);
- flags: ``boolean``; lists: ``array``; nested records: ``$ref``;
- codes: a ``$ref`` to the code list's schema, an ``enum`` of its codes whose
  ``description`` gives every code's label (also as an object, ``x-msp-labels``);
- an optional field that is not a list may also be ``null`` (the reader takes
  ``null`` as "not recorded");
- annotations: ``description`` (the field's doc), ``x-msp-personal: true`` on
  personal fields, ``x-msp-sac`` and ``x-msp-law`` where the field has them.

What the schema cannot say (dates in order, fields that contradict each other,
calendar-invalid dates where ``format`` is not checked) is listed in
docs/errors.md, "Checked beyond the schema".

Example::

    >>> from msp.convert.schema import schema
    >>> schema()["$id"]
    'urn:msp:schema:concern:2'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Final

import attrs

from msp.codes import CodeList
from msp.convert._scalars import SCHEMA_VERSION
from msp.errors import ID_PATTERN
from msp.model.concern import Concern
from msp.model.spec import FieldSpec, Kind, field_specs, record_classes

__all__ = ["DIALECT", "MAX_TEXT", "schema", "schema_id"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of the generated document: JSON Schema draft 2020-12."""

MAX_TEXT: Final = 20_000
"""The most characters a text field holds (as the model checks)."""

_DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_PATTERN: Final = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
)


def schema_id(version: int = SCHEMA_VERSION) -> str:
    """The ``$id`` of the schema of record layout ``version``: ``urn:msp:schema:concern:<version>``."""
    return f"urn:msp:schema:concern:{version}"


def _ecma(pattern: str) -> str:
    r"""A Python pattern with its ``\A``/``\Z`` anchors rewritten as ECMA-262 ``^``/``$``."""
    if pattern.startswith("\\A"):
        pattern = "^" + pattern[2:]
    if pattern.endswith("\\Z"):
        pattern = pattern[:-2] + "$"
    return pattern


def _text() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": "\\S"}


def _date() -> dict[str, Any]:
    return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _code_list(enum: type[Enum]) -> dict[str, Any]:
    members = [m for m in enum if isinstance(m, CodeList)]
    labels = {m.code: m.label for m in members}
    lines = "\n".join(f"- {code}: {label}" if label else f"- {code}" for code, label in labels.items())
    return {
        "type": "string",
        "enum": list(labels),
        "title": enum.__name__,
        "description": f"One code of the {enum.__name__} list:\n{lines}",
        "x-msp-labels": labels,
    }


def _item(item: type | None, codes: dict[str, type[Enum]]) -> dict[str, Any]:
    """The schema of one item of a list: a record, a code, a date or a text."""
    if item is None:  # pragma: no cover - every list field names its item type
        msg = "a list field without an item type"
        raise TypeError(msg)
    if attrs.has(item):
        return _ref(item.__name__)
    if issubclass(item, Enum):
        codes[item.__name__] = item
        return _ref(item.__name__)
    if item is date:
        return _date()
    return _text()


def _value(spec: FieldSpec, codes: dict[str, type[Enum]]) -> dict[str, Any]:
    """The schema of a field's value, without null and without annotations."""
    simple: dict[Kind, Callable[[], dict[str, Any]]] = {
        Kind.ID: lambda: {"type": "string", "minLength": 1, "maxLength": 64, "pattern": _ecma(ID_PATTERN.pattern)},
        Kind.TEXT: _text,
        Kind.DATE: _date,
        Kind.DATETIME: lambda: {"type": "string", "format": "date-time", "pattern": _DATETIME_PATTERN},
        Kind.FLAG: lambda: {"type": "boolean"},
    }
    make = simple.get(spec.kind)
    if make is not None:
        return make()
    if spec.kind is Kind.MANY:
        return {"type": "array", "items": _item(spec.item, codes)}
    return _item(spec.item, codes)  # a CODE or a PART


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value.get("type"), str):
        return {**value, "type": [value["type"], "null"]}
    return {"anyOf": [value, {"type": "null"}]}


def _field(field: attrs.Attribute[Any], spec: FieldSpec, codes: dict[str, type[Enum]]) -> dict[str, Any]:
    value = _value(spec, codes)
    # A field that defaults to None is typed ``X | None``: the reader takes null for it.
    out = _nullable(value) if field.default is None else value
    out["description"] = spec.doc
    if spec.personal:
        out["x-msp-personal"] = True
    if spec.sac is not None:
        out["x-msp-sac"] = spec.sac
    if spec.law is not None:
        out["x-msp-law"] = spec.law
    return out


def _record(cls: type, codes: dict[str, type[Enum]]) -> dict[str, Any]:
    fields = {field.name: field for field in attrs.fields(cls)}
    properties: dict[str, Any] = {}
    required: list[str] = []
    if cls is Concern:
        properties["schema_version"] = {
            "const": SCHEMA_VERSION,
            "description": "The version of the record layout (see msp.migrate for older ones).",
        }
        required.append("schema_version")
    for name, spec in field_specs(cls):
        properties[name] = _field(fields[name], spec, codes)
        if spec.required:
            required.append(name)
    summary = (cls.__doc__ or cls.__name__).strip().split("\n\n", 1)[0]
    return {
        "type": "object",
        "title": cls.__name__,
        "description": " ".join(summary.split()),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def schema(version: int | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the concern document, as :func:`msp.to_dict` writes it.

    Args:
        version: the record layout (``schema_version``) to describe; default, and
            the only one that can be generated, the current :data:`SCHEMA_VERSION`.

    Returns:
        A fresh JSON-ready dict: ``$schema``, ``$id`` (:func:`schema_id`), a
        ``$ref`` to ``#/$defs/Concern``, and ``$defs`` with one schema per record
        class and per code list.

    Raises:
        ValueError: ``version`` is not the current one (no older schema is kept).
    """
    if version is not None and (type(version) is not int or version != SCHEMA_VERSION):
        msg = (
            f"only the schema of the current schema_version ({SCHEMA_VERSION}) can be generated; "
            "no schema of another version is kept"
        )
        raise ValueError(msg)
    codes: dict[str, type[Enum]] = {}
    defs = {cls.__name__: _record(cls, codes) for cls in record_classes(Concern)}
    for name in sorted(codes):
        defs[name] = _code_list(codes[name])
    return {
        "$schema": DIALECT,
        "$id": schema_id(),
        "title": "Concern",
        "description": (
            f"A safeguarding concern and everything recorded about it (msp record layout, "
            f"schema_version {SCHEMA_VERSION}). Generated from the msp field spec."
        ),
        "$ref": "#/$defs/Concern",
        "$defs": defs,
    }
