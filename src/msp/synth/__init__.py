"""Reproducible synthetic safeguarding concerns, for tests, demos and benchmarks.

:func:`generate` streams JSON-ready dicts in exactly the layout
:func:`msp.to_dict` writes (``schema_version`` first, fields in declaration
order, defaults left out); :func:`generate_concerns` streams the same records
as :class:`~msp.model.concern.Concern` objects. Both are generators: a million
records never sit in memory at once.

Everything is fictional. Ids are pseudonymous (``C000123``, ``A004567``,
``U042``); free text is short and generic, and the narrative kind (what is
alleged, strengths) says "Fictional example". No name, address, NHS number or
real person's date of birth is ever produced.

**Reproducible.** Only :class:`random.Random` instances seeded from ``seed``
are used, and only their ``random()`` method, whose sequence Python keeps
stable across versions: the same arguments give byte-identical output. Which
records are broken (``invalid_share``) is drawn from a second stream, so
turning ``invalid_share`` up breaks some records without changing the others.

**Realistic mixes** (the published SAC national figures: NHS Digital and NHS
England, *Safeguarding Adults, England*, 2017-18 to 2023-24): neglect and acts of omission is
about a third of risks and the adult's own home a little under half of
locations; about seven in ten concluded risks are "Risk identified and action
taken" and about nine in ten identified risks are reduced or removed; adults
aged 85 and over are far more common than in the population; self-neglect is
sourced "Known to Individual - Self"; capacity is lacked mostly where the
primary support reason is memory and cognition or a learning disability.
About one concern in ten is about an adult who has another concern in the data.
People alleged to have caused harm are related to the adult as the SAC source
of risk says (a service provider's risk is a paid carer's); domestic abuse is
recorded only for someone personally connected; a crime is suspected for a
share of physical, sexual and financial risks, and the police told in most;
a child is judged at risk in a few records in a hundred. A concern with a
risk from a service provider names the provider by obviously fictional
CQC-like ids (``1-000001007``), and the CQC and commissioners are told; about
two concerns in a hundred are grouped into organisational enquiries about one
care home; repeat concerns link the adult's earlier one, and a few are closed
as duplicates of an open concern or withdrawn; about one section 42 enquiry in
ten is caused to be made by the provider or an NHS trust (Care Act 2014
s42(2)), and about three in ten have a strategy meeting (docs/synth.md).

**Snapshot.** Records are as at the last day of two collection years from
``start`` (31 March 2026 by default). Concerns are received on days spread
over the whole period by a mild seasonal pattern by month (an assumption: the
SAC publishes yearly counts only) and the published yearly rise of about 4 %;
each case's whole course is drawn from the enquiry durations, and the record
holds the steps reached by the snapshot. So cases received long before it are
closed and only recent ones open: about 4 % of records with the defaults
(docs/synth.md). Each record's fields match its workflow stage
(a concern still at ``concern_received`` has no decision; a concluded section
42 enquiry has ``concluded_on``, SG3a ``capacity_lacked``, SG4a ``msp_asked``
and an SG2c result on every risk, with an SG2e risk outcome only where a risk
was identified) and its ``history`` walks the stages in order.

**Practice gaps.** About 30 % of records carry one to three deliberate
practice gaps for a rules engine to find (for example: not seen alone and no
reason why, no strengths recorded, a desired outcome in the practitioner's
words, a plan not agreed with the adult, closure at the adult's request with
no thought of coercion, an SG2-SG4 item missing from a concluded section 42
enquiry). The rest follow good Making Safeguarding Personal practice.

**Broken records.** ``invalid_share`` of the records are broken at the shape
level (one at a random place in each run of ``1 / invalid_share`` records),
spread over seven kinds: an unknown code, a bad date string, a wrong
type, a missing required field, an unknown extra key, dates in an impossible
order, and blank text. Every one of them fails :func:`msp.from_dict` with
:class:`msp.InvalidRecord`.

**How it is built.** Each concern is drawn stage by stage, in the order of
the safeguarding process (private modules, which may change: the date model
in ``_path``, the adult in ``_adult``, the concern as received in
``_received``, the people alleged to have caused harm in ``_alleged``, crime,
children, consent to the enquiry, liberty and pauses in ``_protection``,
providers, linked concerns, organisational and caused enquiries, meetings and
escalations in ``_organisation``, the case's course and practice gaps in ``_course``,
information gathering and the section 42 decision in ``_gathering``, the
enquiry, capacity and advocacy in ``_enquiry``, the plan and outcomes in
``_plan``, closure and history in ``_closure``), and built with the model's
own constructors; :func:`generate` unstructures it with :func:`msp.to_dict`.
Every probability and distribution is in ``_weights``, documented in
docs/synth.md. Broken records are damaged after unstructuring (``_damage``).

Example::

    from msp.synth import generate

    for record in generate(3, seed=7):
        print(record["concern_id"], record.get("stage", "concern_received"))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from msp.model.concern import Concern
from msp.synth._stream import concerns, records

__all__ = ["DEFAULT_START", "generate", "generate_concerns"]

DEFAULT_START = date(2024, 4, 1)
"""The first day of the default period: the 2024-25 and 2025-26 collection years."""

_EARLIEST_START = date(1200, 1, 1)
_LATEST_START = date(9990, 12, 31)


def _check_arguments(count: int, seed: int, invalid_share: float, start: date | None) -> date:
    if type(count) is not int or count < 0:
        msg = "count must be a whole number, 0 or more"
        raise ValueError(msg)
    if type(seed) is not int:
        msg = "seed must be a whole number"
        raise TypeError(msg)
    if type(invalid_share) not in (int, float) or not 0.0 <= invalid_share <= 1.0:
        msg = "invalid_share must be a number from 0 to 1"
        raise ValueError(msg)
    if start is None:
        return DEFAULT_START
    if not isinstance(start, date) or isinstance(start, datetime):
        msg = "start must be a date"
        raise TypeError(msg)
    if not _EARLIEST_START <= start <= _LATEST_START:
        # Dates of birth go back about a century before it, and the records run two years on.
        msg = f"start must be from {_EARLIEST_START.isoformat()} to {_LATEST_START.isoformat()}"
        raise ValueError(msg)
    return start


def generate(
    count: int,
    *,
    seed: int = 0,
    invalid_share: float = 0.0,
    start: date | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream ``count`` synthetic concerns as JSON-ready dicts.

    Each dict has the layout :func:`msp.to_dict` writes, ``schema_version``
    included, and turns into a :class:`~msp.model.concern.Concern` with
    :func:`msp.from_dict` unless it was deliberately broken.

    Args:
        count: how many records to yield (0 or more). Records are built one at
            a time, so a very large count costs nothing until consumed.
        seed: the random seed; the same arguments always give the same records.
        invalid_share: the fraction (0 to 1) of records that are broken at
            the shape level and fail :func:`msp.from_dict` with
            :class:`msp.InvalidRecord`: one at a random place in each run of
            ``1 / invalid_share`` records. The other records are the same as
            with ``invalid_share=0``.
        start: the first day of the two collection years the records cover
            (default :data:`DEFAULT_START`). Records are as at the last day.

    Returns:
        An iterator of dicts, one per concern, ids ``C000001`` upwards.

    Raises:
        ValueError: ``count`` is negative, ``invalid_share`` is outside 0-1, or
            ``start`` is outside the years 1200 to 9990.
        TypeError: ``seed`` is not an int or ``start`` not a date.
    """
    begin = _check_arguments(count, seed, invalid_share, start)
    return records(count, seed, float(invalid_share), begin)


def generate_concerns(count: int, *, seed: int = 0, start: date | None = None) -> Iterator[Concern]:
    """Stream ``count`` valid synthetic concerns as :class:`~msp.model.concern.Concern` objects.

    The records are those of :func:`generate` with the same ``seed`` and
    ``start`` (and no broken records): :func:`msp.to_dict` of each is the
    dict :func:`generate` yields, and :func:`msp.from_dict` of that dict is
    equal to it.

    Args:
        count: how many concerns to yield (0 or more).
        seed: the random seed.
        start: the first day of the period covered (default :data:`DEFAULT_START`).

    Returns:
        An iterator of concerns.

    Raises:
        ValueError: ``count`` is negative.
        TypeError: ``seed`` is not an int or ``start`` not a date.
    """
    begin = _check_arguments(count, seed, 0.0, start)
    return concerns(count, seed, begin)


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.synth)`` and tab completion."""
    return list(__all__)
