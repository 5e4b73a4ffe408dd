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

from msp.model.concern import Concern
from msp.model.history import chain_digests
from msp.rules._declare import builtin_rule
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Severity, fail
from msp.rules.facts import ALL_STAGES

__all__: list[str] = []

_APPEND_ONLY = (
    "msp workflow: the case history is append-only, one entry per step (docs/workflow.md); "
    "Care and Support Statutory Guidance ch. 14, principle of accountability (reference.md §2.4)"
)


@builtin_rule(
    code="WF-001",
    title="The history's integrity digests recompute: no entry was edited, reordered or removed",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    as_recorded=True,
    reference=f"{_APPEND_ONLY}; digest scheme msp-history-v1 (msp.model.history)",
    fields=("$.history[*].digest",),
)
def history_digests_recompute(c: Concern) -> CheckResult:
    """Fail at the first entry whose stored digest differs from the chain computed over the history."""
    history = c.history
    if not any(e.digest is not None for e in history):
        return NOT_APPLICABLE
    sealed_from = next(i for i, e in enumerate(history) if e.digest is not None)
    for i, (entry, expected) in enumerate(zip(history, chain_digests(history), strict=True)):
        if i < sealed_from:
            continue
        if entry.digest is None:
            return fail(
                f"$.history[{i}].digest",
                "an entry without a digest follows sealed entries: an entry was inserted or its digest removed",
            )
        if entry.digest != expected:
            return fail(
                f"$.history[{i}]",
                "the entry does not match its digest: the history was edited, reordered or cut at or before this entry",
            )
    return PASS


@builtin_rule(
    code="WF-002",
    title="The history is continuous and the case's stage is where its last entry left it",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    as_recorded=True,
    reference=_APPEND_ONLY,
    fields=("$.history[*].from_stage", "$.history[*].at", "$.stage"),
)
def history_continuous(c: Concern) -> CheckResult:
    """Fail where a step does not start where the one before ended, time runs backwards,
    or the stage is not the last entry's."""
    history = c.history
    if not history:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i in range(1, len(history)):
        before, entry = history[i - 1], history[i]
        if entry.from_stage is not before.to_stage:
            fails.append(
                Fail(
                    f"$.history[{i}].from_stage",
                    "the step does not start where the entry before ended: an entry was removed, moved or edited",
                ),
            )
        if entry.at < before.at:
            fails.append(
                Fail(
                    f"$.history[{i}].at", "the entry is earlier than the entry before: entries were reordered or edited"
                )
            )
    if c.stage is not history[-1].to_stage:
        fails.append(
            Fail(
                "$.stage",
                "the case's stage is not where its last history entry left it: "
                "the history was cut or the stage changed outside the workflow",
            ),
        )
    return fails
