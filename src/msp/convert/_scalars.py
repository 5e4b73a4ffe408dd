"""The record format's version and the strict scalar readers both conversion routes share.

:mod:`msp.convert._converter` (cattrs) and :mod:`msp.convert._fast` (generated
code, msgspec) read dates and date-times with these same functions, so the two
routes accept and refuse exactly the same values with the same messages, and
locate a key the same way (:func:`key_path`). A code
that is not on its list is described here too (:func:`not_a_code`), by the list's
name as a person would say it (:func:`list_name`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from msp.codes import CodeList
from msp.errors import InvalidRecord, Problem
from msp.model._fields import near_miss_choices, near_miss_message

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 2
"""The version of the serialised record layout. Raised on any change to it; records written at an
older version are read through :func:`msp.migrate` (:mod:`msp.convert.migrate`)."""

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\Z")
"""A key shown in a path as it is (as for ``SHAPE-EXTRA``); any other shows as ``<key>``."""


def key_path(path: str, key: object) -> str:
    """The JSON path of ``key`` in the object at ``path``: the key itself where it is a plain name
    (:data:`_KEY`), else ``<key>``, for a key may be personal data (or not text at all)."""
    return f"{path}.{key}" if isinstance(key, str) and _KEY.match(key) else f"{path}.<key>"


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


def not_a_code(cls: type[CodeList]) -> Callable[[object], str]:
    """The message for a value that is not a code of the list ``cls`` (made once per list).

    It names the list (:func:`list_name`). Where the value is a near miss of a code
    or of a code's label (:func:`msp.errors.near_misses`), it shows the value and the
    nearest codes; otherwise it never shows the value, which may be personal data.
    """
    head = f"not a code of the list '{list_name(cls)}'"
    choices = near_miss_choices((member.code, member.label, member.code) for member in cls)

    def message(value: object) -> str:
        if isinstance(value, CodeList):
            if type(value) is cls:
                return f"{head}: got the member {cls.__name__}.{value.name}: a dict holds its code, {value.code!r}"
            return f"{head}: got a member of another list, {type(value).__name__}"
        return near_miss_message(head, value, choices)

    return message
