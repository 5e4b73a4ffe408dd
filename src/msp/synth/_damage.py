"""Broken records (``invalid_share``): damage done to a valid record's dict, after it is unstructured.

A broken record cannot be built as a record: the model refuses it. So the
record is built valid, unstructured with :func:`msp.to_dict`, and then one of
seven kinds of damage, each as likely, is done to the dict. Each makes
:func:`msp.from_dict` raise :class:`msp.InvalidRecord` with its own problem
code. The draws come from their own stream, so breaking a record never changes
the records around it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from msp.synth import _weights as w

__all__ = ["DAMAGE", "damage"]

Draw = Callable[[], float]


def _unknown_code(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-CODE: a code that is not on its list."""
    x = r()
    if x < w.UNKNOWN_TYPE_OF_RISK:
        record["risks"][0]["type_of_risk"] = "verbal_abuse"
    elif x < w.UNKNOWN_GENDER:
        record["adult"]["gender_identity"] = "M"
    else:
        record["stage"] = "pending_review"


def _bad_date(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-DATE: a date that does not exist, or is written day first."""
    bad = "2025-02-30" if r() < w.BAD_DATE_IMPOSSIBLE else "31/12/2024"
    if r() < w.BAD_DATE_RECEIVED:
        record["received_on"] = bad
    else:
        record["adult"]["date_of_birth"] = bad


def _wrong_type(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-TYPE: text for a flag, a number for text."""
    x = r()
    if x < w.WRONG_TYPE_FLAG:
        record["adult"]["has_care_and_support_needs"] = "false"
    elif x < w.WRONG_TYPE_TEAM:
        record["team"] = 7
    else:
        record["risks"][0]["description"] = 42


def _missing_field(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-MISSING: a required field left out."""
    x = r()
    if x < w.MISSING_RECEIVED:
        del record["received_on"]
    elif x < w.MISSING_ADULT_ID:
        del record["adult"]["adult_id"]
    else:
        del record["concern_id"]


def _extra_key(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-EXTRA: a field the model does not have."""
    if r() < w.EXTRA_KEY_ON_CONCERN:
        record["priority"] = "high"
    else:
        record["risks"][0]["severity"] = "high"


def _date_order(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-DATE-ORDER: the latest recorded step moved before the one it follows."""
    received = date.fromisoformat(record["received_on"]).toordinal()
    enquiry = record.get("enquiry")
    if enquiry is not None and "concluded_on" in enquiry:
        started = date.fromisoformat(enquiry["started_on"]).toordinal()
        enquiry["concluded_on"] = date.fromordinal(started - w.CONCLUDED_TOO_EARLY_DAYS.of(r())).isoformat()
    elif "decision" in record:
        record["decision"]["decided_on"] = date.fromordinal(received - w.DECIDED_TOO_EARLY_DAYS.of(r())).isoformat()
    else:
        record["adult"]["date_of_birth"] = date.fromordinal(received + w.BORN_TOO_LATE_DAYS.of(r())).isoformat()


def _blank_text(record: dict[str, Any], r: Draw) -> None:
    """SHAPE-EMPTY: text that is only spaces, or empty."""
    if r() < w.BLANK_TEAM:
        record["team"] = "   "
    else:
        record["risks"][0]["description"] = ""


DAMAGE: tuple[Callable[[dict[str, Any], Draw], None], ...] = (
    _unknown_code,
    _bad_date,
    _wrong_type,
    _missing_field,
    _extra_key,
    _date_order,
    _blank_text,
)
"""The seven kinds of damage, each as likely; each makes :func:`msp.from_dict` raise InvalidRecord."""


def damage(record: dict[str, Any], r: Draw) -> None:
    """Break ``record`` (a dict as :func:`msp.to_dict` writes it) in place, one of the seven ways."""
    DAMAGE[int(r() * len(DAMAGE))](record, r)
