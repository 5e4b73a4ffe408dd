"""Concerns read together: organisational enquiries, linked concerns, repeat concerns and duplicates.

A rule (:mod:`msp.rules`) sees one record; safeguarding also asks about many. These pure functions
take any iterable of :class:`~msp.model.concern.Concern` records, in any order, and answer:

- :func:`organisational_enquiries`: the concerns of each organisational (large-scale) enquiry,
  grouped by ``organisational_enquiry.enquiry_id``, in the order received; :func:`concern_ids`
  lists one group's concern ids.
- :func:`organisational_enquiry_problems`: where the concerns of one organisational enquiry
  disagree about its start or end date, lead or location, as located
  :class:`~msp.errors.Problem` objects.
- :func:`linked_groups`: the concerns joined by their recorded ``links``, or by the same adult,
  the same provider location or the same person alleged to have caused harm (each a
  :class:`~msp.codes.LinkReason`).
- :func:`repeat_concerns`: for each adult, the concerns received within a window (by default
  :data:`DEFAULT_REPEAT_WINDOW_DAYS`) of an earlier one.
- :func:`open_duplicates`: a concern received while another about the same adult, with a type of
  risk in common, was still open; or one whose decision names the concern it duplicates.

Every result names record ids and dates only: never a free text, a name or a type of risk. The
windows are local practice: neither the Care Act 2014, the Care and Support Statutory Guidance nor
the Safeguarding Adults Collection guidance defines a repeat concern or a duplicate, so each is a
parameter.

Example::

    from msp.reports.linked import concern_ids, organisational_enquiries, repeat_concerns

    for enquiry_id, group in organisational_enquiries(records).items():
        print(enquiry_id, concern_ids(group))
    for r in repeat_concerns(records, within_days=30):
        print(r.adult_id, r.concern_id, r.earlier_concern_id, r.days_after)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from itertools import pairwise
from typing import Final

import attrs

from msp.codes import CaseStage, LinkReason, TypeOfRisk
from msp.errors import Problem
from msp.model.concern import Concern

__all__ = [
    "DEFAULT_REPEAT_WINDOW_DAYS",
    "ORGANISATIONAL_ENQUIRY_CODES",
    "LinkedGroup",
    "OpenDuplicate",
    "RepeatConcern",
    "concern_ids",
    "linked_groups",
    "open_duplicates",
    "organisational_enquiries",
    "organisational_enquiry_problems",
    "repeat_concerns",
]

DEFAULT_REPEAT_WINDOW_DAYS: Final = 90
"""The window of :func:`repeat_concerns`, in days: a concern received within 90 days of an earlier one
about the same adult is a repeat. Local practice (no published definition): pass ``within_days``."""

ORGANISATIONAL_ENQUIRY_CODES: Final[Mapping[str, str]] = {
    "ORG-STARTED": "started_on",
    "ORG-ENDED": "ended_on",
    "ORG-LEAD": "lead",
    "ORG-LOCATION": "cqc_location_id",
}
"""The codes of :func:`organisational_enquiry_problems`, each with the field of
:class:`~msp.model.organisation.OrganisationalEnquiry` the concerns of one enquiry disagree about."""

_WHAT: Final = {
    "started_on": "start date",
    "ended_on": "end date",
    "lead": "lead",
    "cqc_location_id": "location",
}


@attrs.frozen(slots=True, kw_only=True)
class LinkedGroup:
    """Concerns joined, directly or through others, by the link reasons followed.

    Attributes:
        concern_ids: the concerns of the group, in the order received (then by id).
        reasons: the link reasons that join them (at least one pair of concerns of the group is
            joined by each).
        absent_ids: ids a concern of the group links to (its ``links``) that are not among the
            records given, sorted.
        first_received_on: when the group's first concern was received.
        last_received_on: when its last concern was received.
    """

    concern_ids: tuple[str, ...]
    reasons: frozenset[LinkReason]
    absent_ids: tuple[str, ...] = ()
    first_received_on: date
    last_received_on: date


@attrs.frozen(slots=True, kw_only=True)
class RepeatConcern:
    """A concern about an adult received within the window of an earlier concern about them.

    Attributes:
        adult_id: the adult's pseudonymous id.
        concern_id: the later concern.
        received_on: when it was received.
        earlier_concern_id: the nearest earlier concern about the adult.
        earlier_received_on: when that one was received.
    """

    adult_id: str
    concern_id: str
    received_on: date
    earlier_concern_id: str
    earlier_received_on: date

    @property
    def days_after(self) -> int:
        """Days between the earlier concern and this one (0 for the same day)."""
        return (self.received_on - self.earlier_received_on).days


@attrs.frozen(slots=True, kw_only=True)
class OpenDuplicate:
    """A concern that may duplicate one still open.

    Attributes:
        adult_id: the adult's pseudonymous id (of the later concern).
        concern_id: the later concern.
        received_on: when it was received.
        open_concern_id: the concern it may duplicate.
        open_received_on: when that one was received; ``None`` where the decision names a concern
            that is not among the records given.
        marked: the later concern's section 42 decision names ``open_concern_id`` as the concern it
            duplicates (``decision.duplicate_of``).
        overlapping: the open concern is about the same adult, was open (not closed) when the later
            one was received, and has a type of risk in common with it.
    """

    adult_id: str
    concern_id: str
    received_on: date
    open_concern_id: str
    open_received_on: date | None
    marked: bool
    overlapping: bool


def _key(c: Concern) -> tuple[date, str]:
    """Received order: by the date received, then by concern id."""
    return (c.received_on, c.concern_id)


def _by_id(records: Iterable[Concern]) -> dict[str, Concern]:
    """The records in received order, by concern id.

    Raises:
        ValueError: a concern id is there twice (two versions of one record: keep one).
    """
    found: dict[str, Concern] = {}
    for c in records:
        if c.concern_id in found:
            msg = f"concern {c.concern_id} is given twice: pass one version of each record"
            raise ValueError(msg)
        found[c.concern_id] = c
    return {c.concern_id: c for c in sorted(found.values(), key=_key)}


def concern_ids(group: Iterable[Concern]) -> tuple[str, ...]:
    """The concern ids of ``group`` (such as one organisational enquiry's concerns), in the order given."""
    return tuple(c.concern_id for c in group)


def organisational_enquiries(records: Iterable[Concern]) -> Mapping[str, tuple[Concern, ...]]:
    """The concerns of each organisational (large-scale) enquiry, by ``organisational_enquiry.enquiry_id``.

    Each group's concerns are in the order received (then by concern id); the groups are in the order
    of their first concern. A concern with no organisational enquiry is in no group.

    Raises:
        ValueError: a concern id is given twice.
    """
    groups: dict[str, list[Concern]] = {}
    for c in _by_id(records).values():
        o = c.organisational_enquiry
        if o is not None:
            groups.setdefault(o.enquiry_id, []).append(c)
    return {enquiry_id: tuple(group) for enquiry_id, group in groups.items()}


def organisational_enquiry_problems(records: Iterable[Concern]) -> tuple[Problem, ...]:
    """Where the concerns of one organisational enquiry disagree about the enquiry's start date, end date,
    lead or location (:data:`ORGANISATIONAL_ENQUIRY_CODES`).

    The concerns of one organisational enquiry share its id, lead and dates. For each field, the value
    most of its concerns record is taken as the enquiry's (a tie goes to the concern received first); a
    concern that records another value, or none where others record one, gets a
    :class:`~msp.errors.Problem` with its id and the field's path (``$.organisational_enquiry.lead``).
    Messages carry no value. A group where no concern records a field has no problem about it (rule
    CA-035 checks each record's own end date).

    Raises:
        ValueError: a concern id is given twice.
    """
    problems: list[Problem] = []
    for group in organisational_enquiries(records).values():
        if len(group) < 2:  # noqa: PLR2004 - a group of one cannot disagree with itself
            continue
        for code, name in ORGANISATIONAL_ENQUIRY_CODES.items():
            values = [getattr(c.organisational_enquiry, name) for c in group]
            recorded = [v for v in values if v is not None]
            if not recorded:
                continue
            counts = Counter(recorded)
            top = max(counts.values())
            agreed = next(v for v in recorded if counts[v] == top)
            for c, value in zip(group, values, strict=True):
                if value == agreed:
                    continue
                why = (
                    f"the organisational enquiry's {_WHAT[name]} is not recorded, though other concerns of "
                    "the enquiry record it"
                    if value is None
                    else f"the organisational enquiry's {_WHAT[name]} differs from the one most of its concerns record"
                )
                problems.append(
                    Problem(code=code, path=f"$.organisational_enquiry.{name}", message=why, record_id=c.concern_id)
                )
    return tuple(problems)


_ALL_REASONS: Final = frozenset(LinkReason)


def _locations(c: Concern) -> set[str]:
    """The provider locations a concern is about: its provider's CQC location id and its organisational
    enquiry's."""
    found = set()
    if c.provider is not None and c.provider.cqc_location_id is not None:
        found.add(c.provider.cqc_location_id)
    if c.organisational_enquiry is not None and c.organisational_enquiry.cqc_location_id is not None:
        found.add(c.organisational_enquiry.cqc_location_id)
    return found


_SHARED: Final[Mapping[LinkReason, Callable[[Concern], Iterable[str]]]] = {
    LinkReason.SAME_ADULT: lambda c: (c.adult.adult_id,),
    LinkReason.SAME_LOCATION: _locations,
    LinkReason.SAME_ALLEGED_PERSON: lambda c: {p.person_id for p in c.people_alleged},
}
"""For each link reason, the ids two concerns share to be joined by it."""


class _Components:
    """Union-find over concern ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def linked_groups(
    records: Iterable[Concern], *, follow: Collection[LinkReason] = _ALL_REASONS
) -> tuple[LinkedGroup, ...]:
    """The groups of concerns joined, directly or through each other, by the link reasons in ``follow``.

    Two concerns are joined by a reason where one's ``links`` names the other with that reason, or where
    they share, for :attr:`~msp.codes.LinkReason.SAME_ADULT`, the adult's id; for
    :attr:`~msp.codes.LinkReason.SAME_LOCATION`, a Care Quality Commission location id (the provider's or
    the organisational enquiry's); for :attr:`~msp.codes.LinkReason.SAME_ALLEGED_PERSON`, the id of a
    person alleged to have caused harm (ids taken to be the council's, the same across records). By
    default every reason is followed; ``follow=(LinkReason.SAME_LOCATION,)`` finds the concerns about
    each location. Membership of an organisational enquiry is not a link here: see
    :func:`organisational_enquiries`.

    Returns:
        The groups of two or more concerns, and any concern whose links name a concern not among the
        records (:attr:`LinkedGroup.absent_ids`), in the order of their first concern.

    Raises:
        ValueError: a concern id is given twice.
    """
    by_id = _by_id(records)
    components = _Components(by_id)
    edges, absent = _recorded_links(by_id, follow, components)
    edges += _shared_ids(by_id, follow, components)
    members: dict[str, list[str]] = {}
    for concern_id in by_id:  # received order
        members.setdefault(components.find(concern_id), []).append(concern_id)
    reasons: defaultdict[str, set[LinkReason]] = defaultdict(set)
    for concern_id, reason in edges:
        reasons[components.find(concern_id)].add(reason)
    groups = []
    for root, ids in members.items():
        missing = sorted(set[str]().union(*(absent[i] for i in ids)))
        if len(ids) < 2 and not missing:  # noqa: PLR2004 - a concern alone is not a group
            continue
        groups.append(
            LinkedGroup(
                concern_ids=tuple(ids),
                reasons=frozenset(reasons[root]),
                absent_ids=tuple(missing),
                first_received_on=by_id[ids[0]].received_on,
                last_received_on=by_id[ids[-1]].received_on,
            )
        )
    return tuple(groups)


def _recorded_links(
    by_id: Mapping[str, Concern], follow: Collection[LinkReason], components: _Components
) -> tuple[list[tuple[str, LinkReason]], defaultdict[str, set[str]]]:
    """Join the concerns the records' ``links`` name with a reason followed: the joins made, and the ids
    linked that are not among the records."""
    edges: list[tuple[str, LinkReason]] = []
    absent: defaultdict[str, set[str]] = defaultdict(set)
    for c in by_id.values():
        for link in c.links:
            if link.reason not in follow or link.concern_id == c.concern_id:
                continue
            if link.concern_id in by_id:
                components.join(c.concern_id, link.concern_id)
                edges.append((c.concern_id, link.reason))
            else:
                absent[c.concern_id].add(link.concern_id)
    return edges, absent


def _shared_ids(
    by_id: Mapping[str, Concern], follow: Collection[LinkReason], components: _Components
) -> list[tuple[str, LinkReason]]:
    """Join the concerns that share an id of a reason followed (:data:`_SHARED`): the joins made."""
    edges: list[tuple[str, LinkReason]] = []
    for reason, shared in _SHARED.items():
        if reason not in follow:
            continue
        first_with: dict[str, str] = {}
        for c in by_id.values():
            for value in shared(c):
                other = first_with.setdefault(value, c.concern_id)
                if other != c.concern_id:
                    components.join(other, c.concern_id)
                    edges.append((c.concern_id, reason))
    return edges


def _by_adult(records: Iterable[Concern]) -> dict[str, list[Concern]]:
    """Each adult's concerns, in the order received."""
    found: dict[str, list[Concern]] = {}
    for c in _by_id(records).values():
        found.setdefault(c.adult.adult_id, []).append(c)
    return found


def _check_window(within_days: int | None) -> None:
    if within_days is not None and (type(within_days) is not int or within_days < 0):
        msg = "within_days is a whole number of days, 0 or more"
        raise ValueError(msg)


def repeat_concerns(
    records: Iterable[Concern], *, within_days: int = DEFAULT_REPEAT_WINDOW_DAYS
) -> tuple[RepeatConcern, ...]:
    """For each adult, each concern received within ``within_days`` of their previous concern.

    Concerns are taken in the order received (then by concern id), so two concerns received the same day
    make the second a repeat of the first. Each repeat names the nearest earlier concern. The default
    window, :data:`DEFAULT_REPEAT_WINDOW_DAYS` (90 days), is local practice.

    Returns:
        The repeats, adult by adult (in the order of each adult's first concern), each adult's in the
        order received.

    Raises:
        ValueError: ``within_days`` is negative or not a whole number; a concern id is given twice.
    """
    _check_window(within_days)
    found = []
    for adult_id, concerns in _by_adult(records).items():
        for earlier, c in pairwise(concerns):
            if (c.received_on - earlier.received_on).days <= within_days:
                found.append(
                    RepeatConcern(
                        adult_id=adult_id,
                        concern_id=c.concern_id,
                        received_on=c.received_on,
                        earlier_concern_id=earlier.concern_id,
                        earlier_received_on=earlier.received_on,
                    )
                )
    return tuple(found)


def _open_on(c: Concern, day: date) -> bool:
    """``c`` was received by ``day`` and not closed by it.

    A concern closed on ``day`` or before was closed; one at the ``closed`` stage with no closure date
    is taken to be closed (when is not known). A concern that ceased at the adult's request is open until
    it is closed.
    """
    if c.received_on > day:
        return False
    closed_on = None if c.closure is None else c.closure.closed_on
    if closed_on is not None:
        return day < closed_on
    return c.stage is not CaseStage.CLOSED


def _types_of_risk(c: Concern) -> frozenset[TypeOfRisk]:
    return frozenset(r.type_of_risk for r in c.risks if r.type_of_risk is not None)


def open_duplicates(records: Iterable[Concern], *, within_days: int | None = None) -> tuple[OpenDuplicate, ...]:
    """The concerns that may duplicate one still open.

    A concern is listed where another concern about the same adult, received before it (or the same day,
    with a smaller id), was still open when it was received (not closed: see below) and has a type of risk
    in common with it (:attr:`OpenDuplicate.overlapping`); the nearest such concern is named. A concern
    whose section 42 decision names the concern it duplicates (``decision.duplicate_of``) is listed with
    that one, whatever the dates (:attr:`OpenDuplicate.marked`). A concern with no type of risk recorded
    overlaps none.

    "Open" is read from the records: a concern is closed from its closure date; one at the ``closed``
    stage without a closure date is taken to be closed. ``within_days`` (default ``None``: no limit)
    lists only concerns received within that many days of the open one. Local practice: the SAC guidance
    does not define a duplicate (see docs/returns.md for how such a concern is counted).

    Returns:
        The concerns that may be duplicates, in the order received.

    Raises:
        ValueError: ``within_days`` is negative or not a whole number; a concern id is given twice.
    """
    _check_window(within_days)
    by_id = _by_id(records)
    by_adult: dict[str, list[Concern]] = {}
    for c in by_id.values():
        by_adult.setdefault(c.adult.adult_id, []).append(c)

    def overlapping(earlier: Concern, c: Concern) -> bool:
        near = within_days is None or (c.received_on - earlier.received_on).days <= within_days
        same = earlier.adult.adult_id == c.adult.adult_id and _key(earlier) < _key(c)
        return same and near and _open_on(earlier, c.received_on) and bool(_types_of_risk(earlier) & _types_of_risk(c))

    found = []
    for c in by_id.values():
        named = None if c.decision is None else c.decision.duplicate_of
        if named is not None and named != c.concern_id:
            other = by_id.get(named)
            found.append(
                OpenDuplicate(
                    adult_id=c.adult.adult_id,
                    concern_id=c.concern_id,
                    received_on=c.received_on,
                    open_concern_id=named,
                    open_received_on=None if other is None else other.received_on,
                    marked=True,
                    overlapping=other is not None and overlapping(other, c),
                )
            )
            continue
        earlier = next((e for e in reversed(by_adult[c.adult.adult_id]) if overlapping(e, c)), None)
        if earlier is not None:
            found.append(
                OpenDuplicate(
                    adult_id=c.adult.adult_id,
                    concern_id=c.concern_id,
                    received_on=c.received_on,
                    open_concern_id=earlier.concern_id,
                    open_received_on=earlier.received_on,
                    marked=False,
                    overlapping=True,
                )
            )
    return tuple(found)
