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
- flags: ``boolean``; whole numbers: ``integer`` within 2**53 - 1 of 0; lists: ``array``; nested records:
  ``$ref``;
- codes: a ``$ref`` to the code list's schema, an ``enum`` of its codes whose
  ``description`` gives every code's label (also as an object, ``x-msp-labels``);
- an optional field that is not a list may also be ``null`` (the reader takes
  ``null`` as "not recorded");
- annotations: ``description`` (the field's doc), ``x-msp-personal: true`` on
  personal fields, ``x-msp-sac`` and ``x-msp-law`` where the field has them;
- local extensions (:mod:`msp.model.extensions`): ``$defs/Extension`` is ``oneOf``
  one schema per definition registered when :func:`schema` is called (or given to
  it): the name as a ``const``, the value's slot with its type, code list or range,
  the other slots ``null``, ``x-msp-personal`` as the definition says. With no
  definition it is the schema ``false``: ``extensions`` can then only be empty.

Schemas of earlier record layouts are kept as frozen files in the package
(``msp/convert/schemas/concern-<version>.json``): they cannot be generated once the
spec has moved on. ``schema(version=1)`` returns the frozen one, which describes
what this library reads as ``schema_version`` 1 (version 2 only added fields, so it
is version 2's schema without them). The current version's frozen copy is written
by ``python tools/gen_docs.py`` (with no extension registered) and a test keeps it
equal to the generated schema; when ``schema_version`` is raised it stays behind as
the previous version's.

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

import json
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from importlib import resources
from typing import Any, Final

import attrs

from msp.codes import CodeList
from msp.convert._scalars import SCHEMA_VERSION
from msp.errors import ID_PATTERN
from msp.model import _fields
from msp.model.concern import Concern
from msp.model.extensions import Extension, ExtensionDefinition, ExtensionType, registered_extensions
from msp.model.spec import FieldSpec, Kind, field_specs, record_classes

__all__ = ["DIALECT", "MAX_TEXT", "frozen_versions", "schema", "schema_id"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of the generated document: JSON Schema draft 2020-12."""

MAX_TEXT: Final = 20_000
"""The most characters a text field holds (as the model checks)."""

_DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_PATTERN: Final = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
)


def frozen_versions() -> tuple[int, ...]:
    """The record layouts (``schema_version``) whose schema is kept as a frozen file in the package, oldest first."""
    folder = resources.files("msp.convert") / "schemas"
    found = []
    for entry in folder.iterdir():
        stem = entry.name.removeprefix("concern-").removesuffix(".json")
        if entry.name.startswith("concern-") and entry.name.endswith(".json") and stem.isdigit():
            found.append(int(stem))
    return tuple(sorted(found))


def _frozen(version: int) -> dict[str, Any]:
    text = (resources.files("msp.convert") / "schemas" / f"concern-{version}.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


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
        Kind.INTEGER: lambda: {"type": "integer", "minimum": -_fields.MAX_INTEGER, "maximum": _fields.MAX_INTEGER},
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


def _extension(definition: ExtensionDefinition, generic: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value of one extension: its name, its slot's value, the other slots empty."""
    slot = definition.type.slot
    value = {k: v for k, v in generic["properties"][slot].items() if k != "x-msp-personal"}
    value = value["anyOf"][0] if "anyOf" in value else {**value, "type": value["type"][0]}
    if definition.type is ExtensionType.CODE:
        lines = "\n".join(f"- {code}: {label}" for code, label in definition.codes)
        value = {**value, "enum": [code for code, _ in definition.codes], "description": f"One code of:\n{lines}"}
        value["x-msp-labels"] = dict(definition.codes)
    if definition.minimum is not None:
        value["minimum"] = definition.minimum
    if definition.maximum is not None:
        value["maximum"] = definition.maximum
    properties: dict[str, Any] = {"name": {"const": definition.name}, slot: value}
    properties.update({other: {"type": "null"} for other in (t.slot for t in ExtensionType) if other != slot})
    out: dict[str, Any] = {
        "type": "object",
        "title": definition.name,
        "description": definition.description,
        "properties": properties,
        "required": ["name", slot],
        "additionalProperties": False,
    }
    if definition.personal:
        out["x-msp-personal"] = True
    return out


def _extensions(definitions: Iterable[ExtensionDefinition], generic: dict[str, Any]) -> dict[str, Any]:
    """``$defs/Extension``: one schema per definition, or ``false`` (as an object) where there is none."""
    branches = [_extension(d, generic) for d in sorted(definitions, key=lambda d: d.name)]
    described = {"title": "Extension", "description": generic["description"]}
    if not branches:
        return {**described, "not": {}, "x-msp-note": "no extension is registered: extensions must be empty"}
    return {**described, "oneOf": branches}


def schema(version: int | None = None, *, extensions: Iterable[ExtensionDefinition] | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the concern document, as :func:`msp.to_dict` writes it.

    Args:
        version: the record layout (``schema_version``) to describe; default the
            current :data:`SCHEMA_VERSION`, generated from the field spec. An older
            version's schema is the frozen file kept for it (:func:`frozen_versions`).
        extensions: the local extension definitions to describe; default, those
            registered now (:func:`msp.model.extensions.registered_extensions`).
            Older versions had no extensions: only ``None`` or none may be given for them.

    Returns:
        A fresh JSON-ready dict: ``$schema``, ``$id`` (:func:`schema_id`), a
        ``$ref`` to ``#/$defs/Concern``, and ``$defs`` with one schema per record
        class and per code list.

    Raises:
        ValueError: ``version`` is neither the current one nor one with a frozen
            schema, or extensions are given for an older version.
    """
    if version is not None and version != SCHEMA_VERSION:
        kept = [v for v in frozen_versions() if v != SCHEMA_VERSION]
        if type(version) is not int or version not in kept:
            shown = ", ".join(str(v) for v in kept) or "none"
            msg = (
                f"no schema for schema_version {version!r}: the current one ({SCHEMA_VERSION}) is generated, "
                f"and older ones are kept for versions {shown}"
            )
            raise ValueError(msg)
        if extensions:
            msg = f"schema_version {version} had no local extensions"
            raise ValueError(msg)
        return _frozen(version)
    codes: dict[str, type[Enum]] = {}
    defs = {cls.__name__: _record(cls, codes) for cls in record_classes(Concern)}
    chosen = registered_extensions() if extensions is None else tuple(extensions)
    defs[Extension.__name__] = _extensions(chosen, defs[Extension.__name__])
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
