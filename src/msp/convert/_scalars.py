"""The record format's version and the strict scalar readers both conversion routes share.

:mod:`msp.convert._converter` (cattrs) and :mod:`msp.convert._fast` (generated
code, msgspec) read dates and date-times with these same functions, so the two
routes accept and refuse exactly the same values with the same messages.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from msp.errors import InvalidRecord, Problem

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 2
"""The version of the serialised record layout. Raised on any change to it; records written at an
older version are read through :func:`msp.migrate` (:mod:`msp.convert.migrate`)."""

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _bad(code: str, message: str) -> InvalidRecord:
    return InvalidRecord((Problem(code=code, path="$", message=message),))


def _date(value: object, _: type) -> date:
    if type(value) is not str or not _ISO_DATE.match(value):
        raise _bad("SHAPE-DATE", "expected a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad("SHAPE-DATE", "not a real calendar date") from None


def _datetime(value: object, _: type) -> datetime:
    if type(value) is not str or len(value) < 16:  # noqa: PLR2004 - shortest is YYYY-MM-DDTHH:MM
        raise _bad("SHAPE-DATETIME", "expected an ISO 8601 date and time with a UTC offset")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _bad("SHAPE-DATETIME", "expected an ISO 8601 date and time with a UTC offset") from None
    if moment.utcoffset() is None:
        raise _bad("SHAPE-DATETIME", "a date and time needs a UTC offset (e.g. +00:00)")
    return moment
