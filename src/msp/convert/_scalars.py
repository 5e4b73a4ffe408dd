"""The record format's version and the strict scalar readers both conversion routes share.

:mod:`msp.convert._converter` (cattrs) and :mod:`msp.convert._fast` (generated
code, msgspec) read dates and date-times with these same functions, so the two
routes accept and refuse exactly the same values with the same messages. A code
that is not on its list is described here too (:func:`not_a_code`), by the list's
name as a person would say it (:func:`list_name`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from msp.codes import CodeList
from msp.errors import InvalidRecord, Problem, near_misses

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 2
"""The version of the serialised record layout. Raised on any change to it; records written at an
older version are read through :func:`msp.migrate` (:mod:`msp.convert.migrate`)."""

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _bad(code: str, message: str) -> InvalidRecord:
    return InvalidRecord((Problem(code=code, path="$", message=message),))


def _python_value(value: object) -> str | None:
    """The message for a Python date or date-time given where a dict holds text (JSON-like data), else ``None``."""
    if isinstance(value, datetime):
        return "got a datetime.datetime: a dict holds a date and time as ISO 8601 text (datetime.isoformat())"
    if isinstance(value, date):
        return "got a datetime.date: a dict holds a date as text YYYY-MM-DD (date.isoformat())"
    return None


def _date(value: object, _: type) -> date:
    if type(value) is not str or not _ISO_DATE.match(value):
        raise _bad("SHAPE-DATE", _python_value(value) or "expected a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad("SHAPE-DATE", "not a real calendar date") from None


def _datetime(value: object, _: type) -> datetime:
    if type(value) is not str or len(value) < 16:  # noqa: PLR2004 - shortest is YYYY-MM-DDTHH:MM
        raise _bad("SHAPE-DATETIME", _python_value(value) or "expected an ISO 8601 date and time with a UTC offset")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _bad("SHAPE-DATETIME", "expected an ISO 8601 date and time with a UTC offset") from None
    if moment.utcoffset() is None:
        raise _bad("SHAPE-DATETIME", "a date and time needs a UTC offset (e.g. +00:00)")
    return moment


_ACRONYMS = {"msp": "MSP", "nhs": "NHS", "sac": "SAC"}
"""Words of code lists' class names written in capitals in a list's name (``MspAsked``: "MSP asked")."""
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def list_name(cls: type) -> str:
    """The name of the code list ``cls`` as a person would say it: its class name in words.

    ``TypeOfRisk`` is "Type of risk", ``MspAsked`` "MSP asked", ``Census2021EthnicGroup``
    "Census 2021 ethnic group": the words of the CamelCase name, the first capitalised,
    the rest in lower case, the acronyms of :data:`_ACRONYMS` in capitals.
    """
    words = [_ACRONYMS.get(w.lower(), w.lower()) for w in _WORD.findall(cls.__name__)] or [cls.__name__]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _shown(value: object) -> str:
    """A near-miss value as a message shows it: text quoted (control characters escaped), a number as it is."""
    return repr(value) if type(value) is str else str(value)


def not_a_code(cls: type[CodeList]) -> Callable[[object], str]:
    """The message for a value that is not a code of the list ``cls`` (made once per list).

    It names the list (:func:`list_name`). Where the value is a near miss of a code
    or of a code's label (:func:`msp.errors.near_misses`), it shows the value and the
    nearest codes; otherwise it never shows the value, which may be personal data.
    """
    head = f"not a code of the list '{list_name(cls)}'"
    choices: dict[str, str] = {}
    for member in cls:
        choices.setdefault(member.code, member.code)
    for member in cls:
        if member.label:
            choices.setdefault(member.label, member.code)

    def message(value: object) -> str:
        if isinstance(value, CodeList):
            if type(value) is cls:
                return f"{head}: got the member {cls.__name__}.{value.name}: a dict holds its code, {value.code!r}"
            return f"{head}: got a member of another list, {type(value).__name__}"
        near = near_misses(value, choices)
        if not near:
            return head
        return f"{head}: got {_shown(value)}; did you mean {' or '.join(repr(c) for c in near)}?"

    return message
