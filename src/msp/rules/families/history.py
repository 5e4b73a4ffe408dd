"""WF-: the workflow history is append-only: its integrity chain and its continuity.

:mod:`msp.workflow.steps` appends one :class:`~msp.model.concern.HistoryEntry` per step and
seals it with a digest chained to the entries before (:mod:`msp.model.history`).
These rules find a history that was edited, reordered or cut:

- **WF-001** the stored digests recompute over the history as it stands. Not
  applicable to a history with no digest at all (records from systems that do
  not seal their history, or written before digests existed).
- **WF-002** the history is continuous (each step starts where the one before
  ended, times never go backwards) and the case's ``stage`` is where the last
  entry left it. Applies to every non-empty history, sealed or not.

Both are errors, so a workflow step on a tampered record is refused. What the
chain cannot detect (a deliberate rewrite of the chain from an edited entry to
the end, or a cut tail with the stage set back to match) is set out in
docs/workflow.md. The step codes ``WF-STEP``, ``WF-ROUTE`` and the like are not
rules: :mod:`msp.workflow.steps` raises them when it refuses a step.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from msp.model.concern import Concern, HistoryEntry
from msp.model.history import chain_digests
from msp.rules._declare import Family, only_if
from msp.rules._types import PASS, CheckResult, Fail, Paths
from msp.rules.facts import has_history, sealed_history

__all__ = ["RULES"]

RULES: Final = Family.load(__name__)
"""The WF- rules: the catalogue in ``history.json`` and a check for each."""


@RULES.check("WF-001")
@only_if(sealed_history)
def history_digests_recompute(history: tuple[HistoryEntry, ...], at: Paths) -> CheckResult:
    """Fail at the first entry whose stored digest differs from the chain computed over the history."""
    sealed_from = next(i for i, e in enumerate(history) if e.digest is not None)
    for i, (entry, expected) in enumerate(zip(history, chain_digests(history), strict=True)):
        if i < sealed_from:
            continue
        if entry.digest is None:
            return at.digest.fail(
                "an entry without a digest follows sealed entries: an entry was inserted or its digest removed", i
            )
        if entry.digest != expected:
            return at.digest.parent.fail(
                "the entry does not match its digest: the history was edited, reordered or cut at or before this entry",
                i,
            )
    return PASS


@RULES.check("WF-002")
@only_if(has_history)
def history_continuous(c: Concern, at: Paths) -> CheckResult:
    """Fail where a step does not start where the one before ended, time runs backwards,
    or the stage is not the last entry's."""
    history = c.history
    fails: list[Fail] = []
    for i in range(1, len(history)):
        before, entry = history[i - 1], history[i]
        if entry.from_stage is not before.to_stage:
            fails += at.from_stage.fail(
                "the step does not start where the entry before ended: an entry was removed, moved or edited", i
            )
        if entry.at < before.at:
            fails += at.moment.fail("the entry is earlier than the entry before: entries were reordered or edited", i)
    fails += at.stage.fail_unless(
        c.stage is history[-1].to_stage,
        "the case's stage is not where its last history entry left it: "
        "the history was cut or the stage changed outside the workflow",
    )
    return fails
