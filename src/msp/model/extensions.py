"""Local extensions: data items a council or vendor holds beyond the model, without forking it.

Every council and vendor keeps local data items: a local case reference, a team code,
a local risk score. An **extension definition** declares one (a namespaced name, the
type of its value or its code list, whether it is personal data, what it records);
definitions are **registered at run time**, and a concern then carries its values in
one typed place, ``Concern.extensions``: a tuple of :class:`Extension`, each a name
and one value in the slot of the definition's type. The idea is FHIR's ``extension``
element, kept to the flat data items councils hold.

An extension value is checked against its registered definition wherever a record
is built (in Python, from JSON, from CSV): a name that is not registered is refused
with ``SHAPE-EXTENSION`` at its path, as an unknown key is refused with
``SHAPE-EXTRA``; a value of the wrong type, a code not in the definition's list or a
number out of its range is refused with the usual located ``SHAPE-`` problem. So a
definition must be registered **before** records holding its values are read.

Extension values round-trip through :func:`msp.to_dict` / :func:`msp.from_dict` and
JSON losslessly, appear in the JSON Schema that :func:`msp.schema` generates (from
the definitions registered when it is called), are read from the CSV flat layout as
one column each (``extensions.<name>``, which a mapping file can map an extract's
column to), are dropped by :func:`msp.redact` when their definition is personal, and
are visible to custom rules through :meth:`msp.Concern.extension`.

Example::

    >>> from msp.model.extensions import Extension, ExtensionDefinition, ExtensionType, using_extensions
    >>> team = ExtensionDefinition(
    ...     name="example-council.team",
    ...     type=ExtensionType.CODE,
    ...     codes={"DUTY": "Duty team", "HOSP": "Hospital team"},
    ...     personal=False,
    ...     description="the team that holds the case",
    ... )
    >>> with using_extensions(team):
    ...     Extension(name="example-council.team", code="HOSP").value
    'HOSP'

Definitions can also be kept in a JSON file (:func:`load_extensions`) and given to
the command line with ``--extensions FILE``. docs/extensions.md has a worked
example: a council adding two local fields and a custom rule that reads one.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import contextlib
import enum
import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from msp.errors import ID_PATTERN, MspError, Problem
from msp.model import _fields as f

__all__ = [
    "NAME_PATTERN",
    "Extension",
    "ExtensionDefinition",
    "ExtensionError",
    "ExtensionType",
    "extension_definition",
    "load_extensions",
    "register_extension",
    "registered_extensions",
    "unregister_extension",
    "using_extensions",
]

NAME_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+\Z")
"""An extension's name: a namespace and a name, dotted, in lower case (``example-council.team``), at most
64 characters. The namespace (a council's or vendor's own) keeps two parties' names apart."""


class ExtensionError(MspError, ValueError):
    """An extension definition that cannot be registered, or a definitions file that cannot be read.

    The message names the definition (by its name or its place in the file), never a record's value.
    """


class ExtensionType(enum.Enum):
    """The type of an extension's value, and so the slot of :class:`Extension` that holds it."""

    TEXT = "text"
    """Free text (1-20,000 characters, not blank): slot ``text``."""
    IDENTIFIER = "identifier"
    """A local reference, as an id (1-64 letters, digits or ``. _ : / -``): slot ``identifier``."""
    CODE = "code"
    """One code of the definition's own code list: slot ``code``."""
    INTEGER = "integer"
    """A whole number, within the definition's minimum and maximum if given: slot ``integer``."""
    FLAG = "flag"
    """Yes or no: slot ``flag``."""
    DATE = "date"
    """A calendar date: slot ``day``."""

    @property
    def slot(self) -> str:
        """The name of the :class:`Extension` field that holds a value of this type."""
        return _SLOTS[self]


_SLOTS: Final = {
    ExtensionType.TEXT: "text",
    ExtensionType.IDENTIFIER: "identifier",
    ExtensionType.CODE: "code",
    ExtensionType.INTEGER: "integer",
    ExtensionType.FLAG: "flag",
    ExtensionType.DATE: "day",
}


def _codes(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((code, label) for code, label in items)


def _check_name(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or len(value) > 64 or not NAME_PATTERN.match(value):  # noqa: PLR2004 - the id limit
        raise ExtensionError(
            "an extension's name is a namespace and a name, dotted, in lower case letters, digits, _ and -"
            " (example-council.team), at most 64 characters"
        )


@attrs.frozen(slots=True, kw_only=True)
class ExtensionDefinition:
    """One local data item: its name, the type of its value or its code list, whether it is personal, and what it
    records.

    Attributes:
        name: namespaced and dotted, in lower case (``example-council.team``): see :data:`NAME_PATTERN`.
        type: the type of the value (:class:`ExtensionType`).
        personal: the value can identify or describe a person: :func:`msp.redact` drops it, and the JSON Schema
            marks it (``x-msp-personal``). Required: a definition says which it is.
        description: what the item records, in a sentence (it goes into the JSON Schema and the docs).
        codes: for a ``code`` extension, its code list: code to label (a mapping, or ``(code, label)`` pairs);
            codes are ids (1-64 letters, digits or ``. _ : / -``). Empty for other types.
        minimum: for an ``integer`` extension, the smallest value allowed, if any.
        maximum: for an ``integer`` extension, the largest value allowed, if any.
    """

    name: str = attrs.field(validator=_check_name)
    type: ExtensionType = attrs.field(validator=attrs.validators.instance_of(ExtensionType))
    personal: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    codes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_codes)
    minimum: int | None = None
    maximum: int | None = None

    def __attrs_post_init__(self) -> None:
        where = f"extension {self.name}"
        if not self.description.strip():
            raise ExtensionError(f"{where}: describe what it records")
        if (self.type is ExtensionType.CODE) is not bool(self.codes):
            raise ExtensionError(f"{where}: a code list is given for a code extension, and only for one")
        seen: set[str] = set()
        for code, label in self.codes:
            if type(code) is not str or not ID_PATTERN.match(code) or type(label) is not str or not label.strip():
                raise ExtensionError(f"{where}: a code is an id (1-64 letters, digits or . _ : / -) with a label")
            if code in seen:
                raise ExtensionError(f"{where}: code {code} is listed twice")
            seen.add(code)
        bounds = (self.minimum, self.maximum)
        if any(b is not None for b in bounds) and self.type is not ExtensionType.INTEGER:
            raise ExtensionError(f"{where}: a minimum or maximum is given for an integer extension only")
        for bound in bounds:
            if bound is not None and (type(bound) is not int or abs(bound) > f.MAX_INTEGER):
                raise ExtensionError(f"{where}: a minimum or maximum is a whole number within 2**53 - 1 of 0")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ExtensionError(f"{where}: the minimum is above the maximum")

    @property
    def code_values(self) -> frozenset[str]:
        """The codes of a ``code`` extension's list."""
        return frozenset(code for code, _ in self.codes)

    def to_dict(self) -> dict[str, Any]:
        """The definition as :func:`load_extensions` reads it (JSON-ready)."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type.value,
            "personal": self.personal,
            "description": self.description,
        }
        if self.codes:
            out["codes"] = dict(self.codes)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtensionDefinition:
        """A definition from its JSON form (``to_dict``'s output).

        Raises:
            ExtensionError: a key that is not a definition's, a missing one, or a value that is not allowed.
        """
        known = {"name", "type", "personal", "description", "codes", "minimum", "maximum"}
        if not isinstance(data, Mapping):
            raise ExtensionError("a definition is a JSON object")
        extra = sorted(str(k) for k in data if k not in known)
        if extra:
            raise ExtensionError(f"unknown keys in a definition: {', '.join(extra)}")
        missing = sorted(k for k in ("name", "type", "personal", "description") if k not in data)
        if missing:
            raise ExtensionError(f"a definition needs {', '.join(missing)}")
        try:
            kind = ExtensionType(data["type"])
        except ValueError:
            choices = ", ".join(t.value for t in ExtensionType)
            raise ExtensionError(f"a definition's type is one of {choices}") from None
        codes = data.get("codes", {})
        if not isinstance(codes, Mapping):
            raise ExtensionError("a definition's codes are a JSON object of code to label")
        try:
            return cls(
                name=data["name"],
                type=kind,
                personal=data["personal"],
                description=data["description"],
                codes=codes,
                minimum=data.get("minimum"),
                maximum=data.get("maximum"),
            )
        except TypeError as exc:
            raise ExtensionError(f"a definition's values have the wrong types ({exc})") from None


class _Registry:
    """The definitions registered in this process (one lock for every change)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_name: dict[str, ExtensionDefinition] = {}

    def get(self, name: str) -> ExtensionDefinition | None:
        return self._by_name.get(name)

    def all(self) -> tuple[ExtensionDefinition, ...]:
        return tuple(sorted(self._by_name.values(), key=lambda d: d.name))

    def add(self, definition: ExtensionDefinition) -> bool:
        """Register; ``True`` if it was new, ``False`` if the same definition was there already."""
        if not isinstance(definition, ExtensionDefinition):
            raise ExtensionError("register an ExtensionDefinition")
        with self._lock:
            there = self._by_name.get(definition.name)
            if there is not None:
                if there == definition:
                    return False
                raise ExtensionError(f"extension {definition.name} is already registered with another definition")
            self._by_name = {**self._by_name, definition.name: definition}
            return True

    def remove(self, name: str) -> None:
        with self._lock:
            rest = dict(self._by_name)
            rest.pop(name, None)
            self._by_name = rest


_REGISTRY: Final = _Registry()


def register_extension(definition: ExtensionDefinition) -> None:
    """Register ``definition`` for this process: records may then carry its values.

    Registering the same definition again does nothing.

    Raises:
        ExtensionError: another definition of that name is registered.
    """
    _REGISTRY.add(definition)


def unregister_extension(name: str) -> None:
    """Remove the definition called ``name``, if registered (records holding its values then fail to build)."""
    _REGISTRY.remove(name)


def registered_extensions() -> tuple[ExtensionDefinition, ...]:
    """Every definition registered in this process, by name."""
    return _REGISTRY.all()


def extension_definition(name: str) -> ExtensionDefinition | None:
    """The registered definition called ``name``, or ``None``."""
    return _REGISTRY.get(name)


@contextlib.contextmanager
def using_extensions(*definitions: ExtensionDefinition) -> Iterator[tuple[ExtensionDefinition, ...]]:
    """Register ``definitions`` for the ``with`` block, then remove those that were not registered before.

    Raises:
        ExtensionError: another definition of one of those names is registered.
    """
    added: list[str] = []
    try:
        for definition in definitions:
            if _REGISTRY.add(definition):
                added.append(definition.name)  # noqa: PERF401 - kept as added, should a later one fail
        yield definitions
    finally:
        for name in added:
            _REGISTRY.remove(name)


def load_extensions(source: str | Path | Mapping[str, Any]) -> tuple[ExtensionDefinition, ...]:
    """Read extension definitions from a JSON file (a path), or from its parsed content.

    The file is ``{"msp_extensions": 1, "extensions": [definition, ...]}``, each
    definition as :meth:`ExtensionDefinition.to_dict` writes it. Nothing is
    registered: pass the result to :func:`register_extension` (the command line's
    ``--extensions FILE`` does).

    Raises:
        ExtensionError: the file cannot be read, is not that shape, or a definition is not allowed (the message
            names the definition's place in the file).
    """
    if isinstance(source, Mapping):
        data: object = source
    else:
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ExtensionError(f"extension definitions could not be read ({type(exc).__name__})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ExtensionError(f"extension definitions are not UTF-8 JSON ({exc})") from None
    if not isinstance(data, Mapping) or data.get("msp_extensions") != 1 or not isinstance(data.get("extensions"), list):
        raise ExtensionError('extension definitions are {"msp_extensions": 1, "extensions": [...]}')
    found: list[ExtensionDefinition] = []
    names: set[str] = set()
    for index, item in enumerate(data["extensions"]):
        try:
            definition = ExtensionDefinition.from_dict(item)
        except ExtensionError as exc:
            raise ExtensionError(f"extensions[{index}]: {exc}") from None
        if definition.name in names:
            raise ExtensionError(f"extensions[{index}]: {definition.name} is defined twice")
        names.add(definition.name)
        found.append(definition)
    return tuple(found)


def _problem(code: str, slot: str, message: str) -> Problem:
    return Problem(code=code, path=f"$.{slot}", message=message)


def _not_a_code(definition: ExtensionDefinition, value: object) -> str:
    """The message for a value not on a code extension's list: the value and the nearest codes only where it is
    a slip for a code or label of the list (:func:`msp.errors.near_misses`), else the list alone."""
    choices = f.near_miss_choices((code, label, code) for code, label in definition.codes)
    return f.near_miss_message("not a code of the extension's code list", value, choices)


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Extension(f.Record):
    """The value of one local extension (a registered ExtensionDefinition): its registered name and one value, in the
    slot of the definition's type; the other slots are empty."""

    name: str = f.ident(doc="the registered extension's name (namespace.name)")
    text: str | None = f.text(personal=False, doc="a text value (personal or not as the definition says)")
    identifier: str | None = f.opt_ident(doc="a local reference")
    code: str | None = f.text(personal=False, doc="a code of the definition's code list")
    integer: int | None = f.integer(doc="a whole number")
    flag: bool | None = f.flag(doc="a yes or no")
    day: date | None = f.day(doc="a date")

    def __attrs_post_init__(self) -> None:
        definition = _REGISTRY.get(self.name)
        if definition is None:
            f.check_all([_problem("SHAPE-EXTENSION", "name", "no extension of this name is registered")])
            return
        kind = definition.type
        slot = kind.slot
        problems = [
            _problem("SHAPE-CONFLICT", other, f"this extension holds a value of type {kind.value} only")
            for other in _SLOTS.values()
            if other != slot and getattr(self, other) is not None
        ]
        value = getattr(self, slot)
        if value is None:
            problems.append(_problem("SHAPE-MISSING", slot, f"an extension of type {kind.value} needs its value"))
        elif kind is ExtensionType.CODE and value not in definition.code_values:
            problems.append(_problem("SHAPE-CODE", slot, _not_a_code(definition, value)))
        elif kind is ExtensionType.INTEGER and (
            (definition.minimum is not None and value < definition.minimum)
            or (definition.maximum is not None and value > definition.maximum)
        ):
            problems.append(_problem("SHAPE-RANGE", slot, "outside the extension's minimum and maximum"))
        f.check_all(problems)

    @property
    def definition(self) -> ExtensionDefinition:
        """The registered definition (registered when the value was built; ``KeyError`` if removed since)."""
        found = _REGISTRY.get(self.name)
        if found is None:
            raise KeyError(self.name)
        return found

    @property
    def value(self) -> str | int | bool | date:
        """The value, from the slot of the definition's type (the one slot that is filled)."""
        for slot in _SLOTS.values():
            found = getattr(self, slot)
            if found is not None:
                return found  # type: ignore[no-any-return]
        raise AssertionError  # pragma: no cover - __attrs_post_init__ saw to it

    @property
    def personal(self) -> bool:
        """The definition marks the value as personal data (an unregistered one counts as personal)."""
        found = _REGISTRY.get(self.name)
        return True if found is None else found.personal
