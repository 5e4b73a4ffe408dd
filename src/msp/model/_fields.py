"""Field factories shared by the model: one place for types, validators and metadata.

Every validator raises :class:`msp.errors.InvalidRecord` naming the field, so a
record built in Python and a record read from JSON report the same located
problem. Each factory also puts the field's :class:`~msp.model.spec.FieldSpec`
(kind, required, personal, description, code list, SAC item, law) in its
metadata: the one place every fact about a field is declared.

A validator's message says what to pass where a value has the wrong type and
names the common mistakes (text where a date or a code belongs, a set where a
tuple is kept) without showing the value: it may be personal. Only a code
may be named (``MspAsked.ASKED_EXPRESSED``), where the text given is one of the
list's codes or labels, or a slip for one (:func:`msp.errors.near_misses`).
A tuple field (:func:`many`) takes any sequence but text, bytes and mappings,
and keeps a tuple (:func:`keep_tuple`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import attrs

from msp.codes import _a
from msp.errors import ID_PATTERN, InvalidRecord, Problem, near_misses
from msp.model.spec import SPEC, FieldSpec, Kind, field_specs

MAX_TEXT = 20_000


class Record:
    """Private base of every record class: holds the weak-reference slot."""

    __slots__ = ("__weakref__",)


_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")
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


def has_lone_surrogate(text: str) -> bool:
    """True where ``text`` holds a surrogate code point: half of a UTF-16 pair, never a character, and not writable
    as UTF-8 (only text that is not ASCII is looked at).

    Encoding is the test, for only a surrogate cannot be encoded as UTF-8; it is faster than a
    search for one, at every length (:func:`msp.convert._fast.read_json` asks it of a whole document).
    """
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _v_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not str:
        raise fail(attribute.name, "SHAPE-TYPE", "expected text (a string)")
    if has_lone_surrogate(value):
        raise fail(
            attribute.name,
            "SHAPE-ENCODING",
            "text with a lone surrogate (half of a UTF-16 pair): it is not a character and cannot be written as UTF-8",
        )
    if not value.strip():
        raise fail(attribute.name, "SHAPE-EMPTY", "text is blank: leave the field out instead")
    if len(value) > MAX_TEXT:
        raise fail(attribute.name, "SHAPE-TOO-LONG", f"text is longer than {MAX_TEXT} characters")


def _v_req_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise fail(attribute.name, "SHAPE-TYPE", "expected text (a string)")
    _v_text(inst, attribute, value)


_FROM_DICT = "or read it with msp.from_dict"


def _date_message(value: object) -> str:
    """What to pass for a date, given ``value`` (never shown)."""
    if type(value) is str:
        return f"got text: pass a datetime.date, {_FROM_DICT}"
    if isinstance(value, datetime):
        return "got a date and time: pass its date (a datetime.date)"
    if value is None:
        return "expected a date (a datetime.date): the field is required"
    return "expected a date (a datetime.date)"


def _v_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not date:
        raise fail(attribute.name, "SHAPE-DATE", _date_message(value))


def _v_req_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise fail(attribute.name, "SHAPE-DATE", _date_message(value))
    _v_date(inst, attribute, value)


def _v_datetime(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not datetime:
        if type(value) is str:
            message = f"got text: pass a datetime.datetime with a UTC offset, {_FROM_DICT}"
        elif type(value) is date:
            message = "got a date: pass a datetime.datetime with a UTC offset"
        else:
            message = "expected a date and time with a UTC offset (a datetime.datetime)"
        raise fail(attribute.name, "SHAPE-DATETIME", message)
    if value.utcoffset() is None:
        raise fail(attribute.name, "SHAPE-DATETIME", "a date and time needs a UTC offset (e.g. +00:00)")


def _v_flag(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        got = "got text: " if type(value) is str else "got a number: " if type(value) in (int, float) else ""
        raise fail(attribute.name, "SHAPE-TYPE", f"{got}expected True, False or None")


MAX_INTEGER = 2**53 - 1
"""The largest whole number a field holds (and the smallest is its negative): the range in which every JSON
reader, JavaScript's included, holds a number exactly (RFC 7493, the I-JSON profile, section 2.2)."""


def _v_integer(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        message = f"got text: pass an int, {_FROM_DICT}" if type(value) is str else "expected a whole number (an int)"
        raise fail(attribute.name, "SHAPE-TYPE", message)
    if not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise fail(attribute.name, "SHAPE-RANGE", "a whole number is at most 2**53 - 1 either side of 0")


def _code_of(member: Enum) -> str:
    """A member's code: its ``code`` (a :class:`msp.codes.CodeList`), else its value."""
    return str(getattr(member, "code", member.value))


def near_miss_choices(entries: Iterable[tuple[str, object, str]]) -> dict[str, str]:
    """The ``choices`` of :func:`msp.errors.near_misses` for a code list, from its entries: each a code, its
    label (``None`` or ``""`` where it has none) and what a slip for either names. Every code comes first, then
    every label; a text given twice names what its first entry names."""
    listed = tuple(entries)
    choices: dict[str, str] = {}
    for code, _, meant in listed:
        choices.setdefault(code, meant)
    for _, label, meant in listed:
        if isinstance(label, str) and label:
            choices.setdefault(label, meant)
    return choices


def near_miss_message(head: str, value: object, choices: Mapping[str, str]) -> str:
    """``head``, the message for a value that is not a code of a list, and where ``value`` is a slip for one
    (:func:`msp.errors.near_misses` of ``choices``) the value and the codes it is nearest:
    ``"{head}: got 'x'; did you mean 'a' or 'b'?"``. Any other value is never shown: it may be personal data."""
    near = near_misses(value, choices)
    if not near:
        return head
    return f"{head}: got {value!r}; did you mean {' or '.join(repr(c) for c in near)}?"


def _code_message(enum: type[Enum], value: object) -> str:
    """What to pass for a code of ``enum``, given ``value``: members may be named, ``value`` is never shown."""
    name = enum.__name__
    if type(value) is str:
        choices = near_miss_choices((_code_of(m), getattr(m, "label", None), m.name) for m in enum)
        near = near_misses(value, choices)
        if len(near) == 1:
            member = enum[near[0]]
            return f"got text: pass {name}.{member.name}, or {name}({_code_of(member)!r})"
        if near:
            return f"got text: pass {' or '.join(f'{name}.{n}' for n in near)}"
        return f"got text: pass a member of {name}, or {name}('<code>') to look one up by its code"
    if isinstance(value, Enum):
        return f"got a code of {type(value).__name__}: expected {_a(name)} code"
    if value is None:
        return f"expected {_a(name)} code: the field is required"
    return f"expected {_a(name)} code"


def _v_code(enum: type[Enum], *, required: bool) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and not required:
            return
        if type(value) is not enum:
            raise fail(attribute.name, "SHAPE-CODE", _code_message(enum, value))

    return check


def keep_tuple(value: object) -> object:
    """The converter of every tuple field (:func:`many`): a list or other sequence becomes a tuple.

    A tuple is returned as it is (the records the fast conversion route builds hold
    tuples, so they equal records built by ``__init__``). Text, bytes, mappings, sets and
    anything not a sequence are returned unchanged, for the validator to refuse with its message.
    """
    if type(value) is tuple:
        return value
    if type(value) is list or (isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray)):
        return tuple(value)
    return value


def _many_message(value: object, what: str) -> str:
    """What to pass for a tuple of ``what``, given ``value`` (never shown)."""
    each = f"(each item {what})"
    if isinstance(value, AbstractSet):
        return f"got a set, which has no order: pass a tuple or a list {each}"
    if isinstance(value, str | bytes | bytearray):
        return f"got text: pass a tuple or a list, even of one item {each}"
    if isinstance(value, Mapping):
        return f"got a mapping: pass a tuple or a list {each}"
    return f"expected a tuple or a list {each}"


def _item_message(kind: type, what: str, item: object) -> str:
    """What to pass for one item of a tuple of ``kind``, given ``item`` (never shown)."""
    if kind is date:
        return _date_message(item)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _code_message(kind, item)
    if attrs.has(kind) and isinstance(item, Mapping):
        return f"got a mapping: pass {_a(kind.__name__)} record, {_FROM_DICT}"
    return f"expected {what}"


def _v_many(kind: type, what: str) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise fail(attribute.name, "SHAPE-TYPE", _many_message(value, what))
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (kind is date and type(item) is not date):
                raise InvalidRecord(
                    (
                        Problem(
                            code="SHAPE-TYPE",
                            path=f"$.{attribute.name}[{index}]",
                            message=_item_message(kind, what, item),
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
            if isinstance(value, Mapping):
                message = f"got a mapping: pass {_a(kind.__name__)} record, {_FROM_DICT}"
            elif attrs.has(type(value)):
                message = f"got {_a(type(value).__name__)} record: expected {_a(kind.__name__)} record"
            else:
                message = f"expected {_a(kind.__name__)} record"
            raise fail(attribute.name, "SHAPE-TYPE", message)

    return check


def _field(
    kind: Kind,
    validator: Validator,
    *,
    doc: str,
    required: bool,
    personal: bool = False,
    item: type | None = None,
    what: str | None = None,
    sac: str | None = None,
    law: str | None = None,
    default: object = attrs.NOTHING,
) -> Any:  # noqa: ANN401 - attrs fields are typed by their annotation
    spec = FieldSpec(kind=kind, required=required, personal=personal, doc=doc, item=item, what=what, sac=sac, law=law)
    converter = keep_tuple if kind is Kind.MANY else None
    return attrs.field(default=default, validator=validator, converter=converter, metadata={SPEC: spec})


def ident(*, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """A required pseudonymous id (never a name)."""
    return _field(Kind.ID, _v_id, doc=doc, required=True, sac=sac, law=law)


def opt_ident(*, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional pseudonymous id."""
    return _field(Kind.ID, _v_opt_id, doc=doc, required=False, sac=sac, law=law, default=None)


def text(*, doc: str, personal: bool = True, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """Optional free text; personal by default (free text can name people)."""
    return _field(Kind.TEXT, _v_text, doc=doc, required=False, personal=personal, sac=sac, law=law, default=None)


def required_text(*, doc: str, personal: bool = True, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """Required free text."""
    return _field(Kind.TEXT, _v_req_text, doc=doc, required=True, personal=personal, sac=sac, law=law)


def day(*, doc: str, personal: bool = False, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional calendar date."""
    return _field(Kind.DATE, _v_date, doc=doc, required=False, personal=personal, sac=sac, law=law, default=None)


def required_day(*, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """A required calendar date."""
    return _field(Kind.DATE, _v_req_date, doc=doc, required=True, sac=sac, law=law)


def moment(*, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """A required, timezone-aware date and time."""
    return _field(Kind.DATETIME, _v_datetime, doc=doc, required=True, sac=sac, law=law)


def flag(*, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional yes/no answer: ``None`` means not recorded."""
    return _field(Kind.FLAG, _v_flag, doc=doc, required=False, sac=sac, law=law, default=None)


def integer(*, doc: str, personal: bool = False, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional whole number (within :data:`MAX_INTEGER` either side of 0)."""
    return _field(Kind.INTEGER, _v_integer, doc=doc, required=False, personal=personal, sac=sac, law=law, default=None)


def code(enum: type[_E], *, doc: str, personal: bool = False, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional code from ``enum``."""
    check = _v_code(enum, required=False)
    return _field(
        Kind.CODE, check, doc=doc, required=False, personal=personal, item=enum, sac=sac, law=law, default=None
    )


def required_code(
    enum: type[_E], default: _E | None = None, *, doc: str, sac: str | None = None, law: str | None = None
) -> Any:  # noqa: ANN401
    """A required code from ``enum`` (with an optional default, which makes it optional to give)."""
    check = _v_code(enum, required=True)
    given: object = attrs.NOTHING if default is None else default
    return _field(Kind.CODE, check, doc=doc, required=default is None, item=enum, sac=sac, law=law, default=given)


def many(
    kind: type, what: str, *, doc: str, personal: bool = False, sac: str | None = None, law: str | None = None
) -> Any:  # noqa: ANN401
    """A tuple of ``kind``, empty by default; a list or other sequence given is kept as a tuple (:func:`keep_tuple`)."""
    check = _v_many(kind, what)
    return _field(
        Kind.MANY, check, doc=doc, required=False, personal=personal, item=kind, what=what, sac=sac, law=law, default=()
    )


def part(kind: type, *, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """An optional nested record."""
    return _field(
        Kind.PART, _v_obj(kind, required=False), doc=doc, required=False, item=kind, sac=sac, law=law, default=None
    )


def required_part(kind: type, *, doc: str, sac: str | None = None, law: str | None = None) -> Any:  # noqa: ANN401
    """A required nested record."""
    return _field(Kind.PART, _v_obj(kind, required=True), doc=doc, required=True, item=kind, sac=sac, law=law)


def documented(cls: type[_T]) -> type[_T]:
    """Class decorator (outside ``@attrs.frozen``): write the docstring's ``Attributes`` from the field specs.

    Every field's description is declared once, as the ``doc`` of its factory;
    ``help()`` and documentation tools read the generated section.

    Raises:
        KeyError: a field has no spec.
    """
    lines = []
    for name, spec in field_specs(cls):
        notes = [n for n in (spec.sac, "personal" if spec.personal else None) if n]
        tail = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"    {name}: {spec.doc}{tail}")
    summary = inspect.cleandoc(cls.__doc__ or cls.__name__)
    cls.__doc__ = summary + "\n\nAttributes:\n" + "\n".join(lines) + "\n"
    return cls


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
    "MAX_INTEGER",
    "Record",
    "check_all",
    "code",
    "day",
    "documented",
    "fail",
    "flag",
    "ident",
    "integer",
    "keep_tuple",
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
