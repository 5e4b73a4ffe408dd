"""Records written at an older ``schema_version``, brought to the current one.

A record's layout carries its version (``schema_version``, :data:`~msp.convert.SCHEMA_VERSION`).
:func:`migrate` takes a record written at any version this library has ever written and
returns the same record at the current version, losing nothing: every value the old record
held is in the new one, at the same path unless a step below says otherwise.
:func:`msp.from_dict` and :func:`msp.from_json` (and so every reader and ``msp validate``)
migrate older records on the way in, so a file written by an earlier release is read as it
is; to rewrite stored records, run ``msp migrate IN -o OUT`` (JSON Lines) or call :func:`migrate`
yourself.

The steps, one per version:

- **1 -> 2**: fields added, none removed, renamed or re-typed, so a version 1 record is a
  version 2 record with its version number raised. Added: a capacity decision's ``subject``
  and ``domain`` (capacity is decision-specific, Mental Capacity Act 2005 s2(1)); a
  best-interests decision's ``no_one_appropriate_to_consult_reason`` (s4(7)); on an advocate,
  ``requested_on`` and ``acting_as_care_act_advocate`` (Care Act 2014 s68); on a
  representative, ``adult_consents``, ``in_best_interests`` and ``implicated_in_enquiry``
  (the appropriate person, Care Act 2014 s67(5)-(6)); on the s68 assessment,
  ``appropriate_person_id``, ``advocate_declined`` and ``advocate_declined_reason``; the
  adult's ``communication_support_needed`` and the contact's ``interpreted_by``; the options
  discussion's ``every_option_available``; the escalation's ``risk_managed``; the people
  alleged to have caused harm (``people_alleged``, with domestic abuse), ``crime`` and the
  police, ``children`` who may be at risk, enquiry ``pauses``, ``liberty`` (deprivation of
  liberty and its authorisation), and consent to the enquiry and acting without consent
  (``consent.to_enquiry``, ``consent.acting_without_consent``); the ``provider`` involved,
  ``links`` to other concerns, the ``organisational_enquiry``, ``meetings``, ``escalations``
  at any stage and ``route_changes``; the decision's ``duplicate_of``; the enquiry's
  ``caused`` (an enquiry caused to be made, s42(2)); a history entry's ``authorised_by``.
  The exit routes gained ``duplicate_of_open_concern`` and ``withdrawn``. The adult's
  ``feedback`` (MSP Outcomes Framework questions 4-7) and the triage ``risk_rating`` on
  ``immediate_safety``. Local ``extensions`` (values of registered extension definitions).
  Old records leave them unrecorded: nothing is guessed from free text. A record that says it is
  version 1 but holds one of these fields is refused (``SHAPE-EXTRA``), as an unknown
  field is.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from msp.convert._scalars import SCHEMA_VERSION, key_path
from msp.errors import InvalidRecord, Problem, record_id_of
from msp.model.spec import Kind, field_specs

__all__ = ["OLDEST_SCHEMA_VERSION", "migrate", "needs_migration"]

OLDEST_SCHEMA_VERSION: Final = 1
"""The oldest ``schema_version`` :func:`migrate` reads."""


_ADDED_IN_2: Final[tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = (
    (
        (),
        frozenset(
            {
                "people_alleged",
                "crime",
                "children",
                "pauses",
                "liberty",
                "provider",
                "links",
                "organisational_enquiry",
                "meetings",
                "escalations",
                "route_changes",
                "feedback",
                "extensions",
            }
        ),
    ),
    (("decision",), frozenset({"duplicate_of"})),
    (("immediate_safety",), frozenset({"risk_rating"})),
    (("enquiry",), frozenset({"caused"})),
    (("history", "*"), frozenset({"authorised_by"})),
    (("consent",), frozenset({"to_enquiry", "acting_without_consent"})),
    (("capacity_decisions", "*"), frozenset({"subject", "domain"})),
    (("capacity_decisions", "*", "best_interests"), frozenset({"no_one_appropriate_to_consult_reason"})),
    (("adult", "advocates", "*"), frozenset({"requested_on", "acting_as_care_act_advocate"})),
    (("adult", "representatives", "*"), frozenset({"adult_consents", "in_best_interests", "implicated_in_enquiry"})),
    (("adult",), frozenset({"communication_support_needed"})),
    (("advocacy",), frozenset({"appropriate_person_id", "advocate_declined", "advocate_declined_reason"})),
    (("contact",), frozenset({"interpreted_by"})),
    (("options",), frozenset({"every_option_available"})),
    (("plan", "escalation"), frozenset({"risk_managed"})),
)
"""Where version 2 added fields: the path of the part (``*`` for each item of a list) and the names."""


def _parts(value: object, steps: tuple[str, ...], path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each part of ``value`` at ``steps``, with its JSON path; parts of the wrong shape are skipped (reading
    the record reports them)."""
    if not steps:
        if isinstance(value, Mapping):
            yield path, value
        return
    head, rest = steps[0], steps[1:]
    if head == "*":
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _parts(item, rest, f"{path}[{i}]")
    elif isinstance(value, Mapping):
        yield from _parts(value.get(head), rest, f"{path}.{head}")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional fields, so a version 1 body is a version 2 body; a field version 2
    added is refused in a record that says it is version 1 (``SHAPE-EXTRA``), as any unknown field is."""
    problems = [
        Problem(code="SHAPE-EXTRA", path=f"{where}.{name}", message="field added in schema_version 2, not in 1")
        for steps, names in _ADDED_IN_2
        for where, part in _parts(data, steps, "$")
        for name in sorted(names & part.keys())
    ]
    if problems:
        raise InvalidRecord(problems, record_id_of(data))
    return data


_STEPS: Final[Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _v1_to_v2}
"""The step from each version to the next."""


def needs_migration(data: object) -> bool:
    """``data`` is a record document at an older ``schema_version`` that :func:`migrate` reads.

    Anything else (the current version, a newer or unknown one, no version, not a mapping)
    is ``False``: the readers report those as ``SHAPE-SCHEMA`` problems themselves.
    """
    if not isinstance(data, Mapping):
        return False
    version = data.get("schema_version")
    return type(version) is int and OLDEST_SCHEMA_VERSION <= version < SCHEMA_VERSION


def migrate(data: Mapping[str, Any]) -> dict[str, Any]:
    """The record ``data`` (a dict as :func:`msp.to_dict` writes it) at the current ``schema_version``.

    A record already at the current version comes back as an equal new dict. The input is
    never changed. Only the layout is migrated: the values are checked when the record is
    read (:func:`msp.from_dict`).

    Example::

        >>> import msp
        >>> old = {"schema_version": 1, "concern_id": "C-1", "adult": {"adult_id": "A-1"},
        ...        "received_on": "2025-06-01"}
        >>> msp.migrate(old)["schema_version"] == msp.SCHEMA_VERSION
        True

    Raises:
        InvalidRecord: ``SHAPE-TYPE`` if ``data`` is not a mapping; ``SHAPE-SCHEMA`` if its
            ``schema_version`` is missing, not a whole number, older than
            :data:`OLDEST_SCHEMA_VERSION` or newer than this library's; ``SHAPE-EXTRA`` for
            each field the record holds that its version did not have.
    """
    if not isinstance(data, Mapping):
        raise InvalidRecord((Problem(code="SHAPE-TYPE", path="$", message="expected an object"),))
    version = data.get("schema_version")
    if type(version) is not int or not OLDEST_SCHEMA_VERSION <= version <= SCHEMA_VERSION:
        problem = Problem(code="SHAPE-SCHEMA", path="$.schema_version", message=_unread_version(data))
        raise InvalidRecord((problem,), record_id_of(data))
    body = {k: v for k, v in data.items() if k != "schema_version"}
    while version < SCHEMA_VERSION:
        body = _STEPS[version](body)
        version += 1
    return {"schema_version": SCHEMA_VERSION, **body}


def _unread_version(data: Mapping[str, Any]) -> str:
    """Why the ``schema_version`` of ``data`` is not one this library reads, naming a whole-number
    version and this library's range; any other value is never echoed."""
    reads = f"this library reads {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}"
    if "schema_version" not in data:
        return f"schema_version is missing ({reads})"
    version = data["schema_version"]
    if type(version) is not int:
        return f"schema_version is not a whole number ({reads})"
    shown = str(version) if abs(version) < 10**9 else "beyond 999999999"  # str() of a huge int raises
    side = "newer" if version > SCHEMA_VERSION else "older"
    return f"schema_version {shown} is {side} than this library reads ({OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})"


def _newer(data: object) -> bool:
    """``data`` is a record document at a ``schema_version`` newer than this library reads."""
    if not isinstance(data, Mapping):
        return False
    version = data.get("schema_version")
    return type(version) is int and version > SCHEMA_VERSION


def _known_only(value: Mapping[Any, Any], cls: type, path: str, dropped: list[str]) -> dict[Any, Any]:
    """``value`` (a part read as ``cls``) without the keys ``cls`` does not know, at any depth; their
    paths are added to ``dropped``. Values of known keys are kept as they are (reading checks them)."""
    try:
        specs = dict(field_specs(cls)) if attrs.has(cls) else None
    except KeyError:  # a class without a field spec: nothing to walk
        specs = None
    if specs is None:
        return dict(value)
    kept: dict[Any, Any] = {}
    for key, given in value.items():
        spec = specs.get(key) if isinstance(key, str) else None
        where = key_path(path, key)
        if spec is None:
            dropped.append(where)
            continue
        record, item = spec.record, given
        if record is not None and spec.kind is Kind.PART and isinstance(item, Mapping):
            item = _known_only(item, record, where, dropped)
        elif record is not None and spec.kind is Kind.MANY and isinstance(item, list | tuple):
            item = [
                _known_only(one, record, f"{where}[{i}]", dropped) if isinstance(one, Mapping) else one
                for i, one in enumerate(item)
            ]
        kept[key] = item
    return kept


def _as_current(data: Mapping[str, Any], cls: type) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A record at a newer ``schema_version`` as the current one: the keys ``cls`` does not know dropped at
    any depth, and the JSON paths of those dropped, in document order."""
    dropped: list[str] = []
    body = _known_only({k: v for k, v in data.items() if k != "schema_version"}, cls, "$", dropped)
    return {"schema_version": SCHEMA_VERSION, **body}, tuple(dropped)
