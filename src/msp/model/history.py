"""The workflow history's integrity chain: digests over the append-only history.

Each :class:`~msp.model.concern.HistoryEntry` that :mod:`msp.workflow.steps` appends is
sealed with a ``digest``: SHA-256 over a canonical serialisation of the
previous entry's digest and the entry's own stages, time, actor and reason
(and its authoriser, where a manager signed the step off).
The digests form a hash chain, so an entry edited, moved or removed no longer
matches the digest stored on it or on the entries after it. The ``WF-`` rules
(:mod:`msp.rules.families.history`) check the chain.

The chain is computed over the *content* of every entry, with or without a
stored digest: entries written by another system before digests existed
(``digest`` is ``None``) are folded into the chain, so once a sealed entry
follows them they are protected too.

What the chain detects and what it cannot (docs/workflow.md): it detects
accidental or careless edits, reorderings and cuts in the middle; a cut tail
is detected only where the case's ``stage`` no longer matches the last entry
(rule WF-002). Anyone able to compute SHA-256 can rewrite the chain from an
edited entry to the end, so it is no defence against a deliberate rewrite:
keep :func:`head_digest` somewhere the record's editors cannot write (an
audit table, a signed log) and compare it.

This module belongs to the model layer: it imports only model modules.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Final

import attrs

from msp.model.concern import Concern, HistoryEntry

__all__ = [
    "DIGEST_SCHEME",
    "append_entry",
    "chain_digests",
    "entry_digest",
    "head_digest",
    "without_digests",
]

DIGEST_SCHEME: Final = "msp-history-v1"
"""The name of the canonical serialisation, the first item of every digested payload."""


def _payload(previous: str | None, entry: HistoryEntry) -> bytes:
    """The canonical serialisation: a compact JSON array, in a fixed order."""
    items: list[str | None] = [
        DIGEST_SCHEME,
        previous,
        None if entry.from_stage is None else entry.from_stage.code,
        entry.to_stage.code,
        entry.at.isoformat(),
        entry.actor.role,
        entry.actor.user_id,
        entry.reason,
    ]
    if entry.authorised_by is not None:
        # Appended only where present, so an entry without an authoriser keeps the digest it had
        # before ``authorised_by`` existed: histories sealed earlier still verify.
        items += [entry.authorised_by.role, entry.authorised_by.user_id]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_digest(previous: str | None, entry: HistoryEntry) -> str:
    """The digest of ``entry`` chained after ``previous``.

    Args:
        previous: the digest of the entry before (``None`` for the first entry).
        entry: the entry; its own ``digest`` field is ignored.

    Returns:
        64 lower-case hexadecimal characters: SHA-256 over the JSON array
        ``["msp-history-v1", previous, from_stage, to_stage, at, actor.role,
        actor.user_id, reason]`` (codes as their code values, ``at`` as
        ISO 8601 with its UTC offset as recorded, compact separators, UTF-8).
        Where the entry has an ``authorised_by`` (a manager's sign-off), its
        role and user id follow as two more items; an entry without one is
        digested exactly as before ``authorised_by`` existed, so histories
        sealed earlier still verify.

    .. versionchanged:: 0.2.0
       The authoriser (``authorised_by``), where present.
    """
    return hashlib.sha256(_payload(previous, entry)).hexdigest()


def chain_digests(entries: Sequence[HistoryEntry]) -> tuple[str, ...]:
    """The digest each entry should carry, computed over the content of every entry in order.

    Stored digests are ignored: compare them with this to check a chain.
    """
    out: list[str] = []
    previous: str | None = None
    for entry in entries:
        previous = entry_digest(previous, entry)
        out.append(previous)
    return tuple(out)


def head_digest(entries: Sequence[HistoryEntry]) -> str | None:
    """The digest of the last entry as computed over the whole history (``None`` if empty).

    It commits to the whole history: store it outside the record (an audit
    table, a signed log) and compare it later to detect a rewritten chain or a
    cut tail that the record alone cannot show.
    """
    digests = chain_digests(entries)
    return digests[-1] if digests else None


def append_entry(entries: Sequence[HistoryEntry], entry: HistoryEntry) -> tuple[HistoryEntry, ...]:
    """A new history: ``entries`` followed by ``entry`` sealed with its digest.

    The digest chains after the digest computed over ``entries`` (see
    :func:`chain_digests`), so it is the same whether or not the earlier
    entries carry stored digests. Nothing is mutated.
    """
    sealed = attrs.evolve(entry, digest=entry_digest(head_digest(entries), entry))
    return (*entries, sealed)


def without_digests(record: Concern) -> Concern:
    """A copy of ``record`` whose history entries carry no digest.

    :func:`msp.model.privacy.redact` removes the (personal) reasons from the
    history, after which the digests no longer recompute and rule WF-001
    reports the chain as broken. Check the chain first, then export
    ``without_digests(redact(record))``. A digest also commits to its reason,
    so someone holding a redacted export with digests could test guesses of a
    short reason against it: another reason to drop them.
    """
    if not any(e.digest is not None for e in record.history):
        return record
    return attrs.evolve(record, history=tuple(attrs.evolve(e, digest=None) for e in record.history))
