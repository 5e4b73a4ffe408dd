"""Field factories shared by the model: one place for types, validators and metadata.

Every validator raises :class:`msp.errors.InvalidRecord` naming the field, so a
record built in Python and a record read from JSON report the same located
problem. Fields whose content can identify or describe a person carry
``metadata={"personal": True}`` (see :func:`msp.model.personal_fields`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import attrs

from msp.errors import ID_PATTERN, InvalidRecord, Problem

PERSONAL = "personal"
"""attrs metadata key marking a field whose content is personal data."""

MAX_TEXT = 20_000

_E = TypeVar("_E", bound=Enum)
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def fail(name: str, code: str, message: str) -> InvalidRecord:
    """An :class:`InvalidRecord` for one field of the object being built."""
    return InvalidRecord((Problem(code=code, path=f"$.{name}", message=message),))


def _v_id(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        raise fail(attribute.name, "SHAPE-TYPE", "expected an id (a string)")
    if not ID_PATTERN.match(value):
        raise fail(
            attribute.name,
            "SHAPE-ID",
            "an id is 1-64 letters, digits or . _ : / - and starts with a letter or digit",
        )


def _v_opt_id(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _v_id(inst, attribute, value)


def _v_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not str:
        raise fail(attribute.name, "SHAPE-TYPE", "expected text (a string)")
    if not value.strip():
        raise fail(attribute.name, "SHAPE-EMPTY", "text is blank: leave the field out instead")
    if len(value) > MAX_TEXT:
        raise fail(attribute.name, "SHAPE-TOO-LONG", f"text is longer than {MAX_TEXT} characters")


def _v_req_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise fail(attribute.name, "SHAPE-TYPE", "expected text (a string)")
    _v_text(inst, attribute, value)


def _v_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not date:
        raise fail(attribute.name, "SHAPE-DATE", "expected a date (YYYY-MM-DD)")


def _v_req_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise fail(attribute.name, "SHAPE-DATE", "expected a date (YYYY-MM-DD)")
    _v_date(inst, attribute, value)


def _v_datetime(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not datetime:
        raise fail(attribute.name, "SHAPE-DATETIME", "expected a date and time with a UTC offset")
    if value.utcoffset() is None:
        raise fail(attribute.name, "SHAPE-DATETIME", "a date and time needs a UTC offset (e.g. +00:00)")


def _v_flag(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise fail(attribute.name, "SHAPE-TYPE", "expected true, false or nothing")


def _v_code(enum: type[Enum], *, required: bool) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and not required:
            return
        if type(value) is not enum:
            raise fail(attribute.name, "SHAPE-CODE", f"expected a {enum.__name__} code")

    return check


def _v_many(kind: type, what: str) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise fail(attribute.name, "SHAPE-TYPE", f"expected a tuple of {what}")
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (kind is date and type(item) is not date):
                raise InvalidRecord(
                    (
                        Problem(
                            code="SHAPE-TYPE",
                            path=f"$.{attribute.name}[{index}]",
                            message=f"expected {what}",
                        ),
                    )
                )
            if kind is str:
                try:
                    _v_text(_inst, attribute, item)
                except InvalidRecord as exc:
                    path = f"$.{attribute.name}[{index}]"
                    raise InvalidRecord(tuple(attrs.evolve(p, path=path) for p in exc.problems)) from None

    return check


def _v_obj(kind: type, *, required: bool) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and not required:
            return
        if not isinstance(value, kind):
            raise fail(attribute.name, "SHAPE-TYPE", f"expected {kind.__name__}")

    return check


def _meta(personal: bool) -> dict[str, Any]:
    return {PERSONAL: True} if personal else {}


def ident() -> Any:  # noqa: ANN401 - attrs fields are typed by their annotation
    """A required pseudonymous id (never a name)."""
    return attrs.field(validator=_v_id)


def opt_ident() -> Any:  # noqa: ANN401
    """An optional pseudonymous id."""
    return attrs.field(default=None, validator=_v_opt_id)


def text(*, personal: bool = True) -> Any:  # noqa: ANN401
    """Optional free text; personal by default (free text can name people)."""
    return attrs.field(default=None, validator=_v_text, metadata=_meta(personal))


def required_text(*, personal: bool = True) -> Any:  # noqa: ANN401
    """Required free text."""
    return attrs.field(validator=_v_req_text, metadata=_meta(personal))


def day(*, personal: bool = False) -> Any:  # noqa: ANN401
    """An optional calendar date."""
    return attrs.field(default=None, validator=_v_date, metadata=_meta(personal))


def required_day() -> Any:  # noqa: ANN401
    """A required calendar date."""
    return attrs.field(validator=_v_req_date)


def moment() -> Any:  # noqa: ANN401
    """A required, timezone-aware date and time."""
    return attrs.field(validator=_v_datetime)


def flag() -> Any:  # noqa: ANN401
    """An optional yes/no answer: ``None`` means not recorded."""
    return attrs.field(default=None, validator=_v_flag)


def code(enum: type[_E], *, personal: bool = False) -> Any:  # noqa: ANN401
    """An optional code from ``enum``."""
    return attrs.field(default=None, validator=_v_code(enum, required=False), metadata=_meta(personal))


def required_code(enum: type[_E], default: _E | None = None) -> Any:  # noqa: ANN401
    """A required code from ``enum`` (with an optional default)."""
    if default is None:
        return attrs.field(validator=_v_code(enum, required=True))
    return attrs.field(default=default, validator=_v_code(enum, required=True))


def many(kind: type, what: str, *, personal: bool = False) -> Any:  # noqa: ANN401
    """A tuple of ``kind``, empty by default."""
    return attrs.field(default=(), validator=_v_many(kind, what), metadata=_meta(personal))


def part(kind: type) -> Any:  # noqa: ANN401
    """An optional nested record."""
    return attrs.field(default=None, validator=_v_obj(kind, required=False))


def required_part(kind: type) -> Any:  # noqa: ANN401
    """A required nested record."""
    return attrs.field(validator=_v_obj(kind, required=True))


def not_before(later: date | None, earlier: date | None) -> bool:
    """True where both dates are known and ``later`` falls before ``earlier``."""
    return later is not None and earlier is not None and later < earlier


def check_all(problems: list[Problem]) -> None:
    """Raise one :class:`InvalidRecord` carrying every problem, if there are any."""
    if problems:
        raise InvalidRecord(problems)


def order_problem(path: str, message: str) -> Problem:
    """A problem for two dates in an impossible order."""
    return Problem(code="SHAPE-DATE-ORDER", path=path, message=message)


__all__ = [
    "PERSONAL",
    "check_all",
    "code",
    "day",
    "fail",
    "flag",
    "ident",
    "many",
    "moment",
    "not_before",
    "opt_ident",
    "order_problem",
    "part",
    "required_code",
    "required_day",
    "required_part",
    "required_text",
    "text",
]
