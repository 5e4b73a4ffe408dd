"""Closure, review and history: the closure checklist, the Safeguarding Adults Review, the workflow history.

Closure follows the London-family checklist: the adult's view, feedback to
the referrer, action about the person alleged to have caused harm, risk to
others, safety advice and, after an enquiry, whether a Safeguarding Adults
Review (Care Act s44) is needed. The history walks the path's stages in
order, in working hours, each step by the user who took it.
"""

from __future__ import annotations

from datetime import datetime, time, timezone

from msp.codes import ClosureReason, TypeOfRisk
from msp.model import Closure, HistoryEntry, SafeguardingAdultsReview
from msp.synth import _weights as w
from msp.synth._people import DUTY, MANAGER, actor
from msp.synth._state import CEASED, CLOSED, DEC, ENQ, IG, PLAN, STAGES, Case, Gap, Run

__all__ = ["draw_closure", "draw_history"]

CLOSURE_VIEWS = (
    "Happy for the case to close",
    "Feels safer; knows who to call",
    "Would like a follow-up call",
)
ALLEGED_ACTION = {
    "service": "Provider to review supervision",
    "family": "Carer's assessment offered",
    "health": "Raised with the NHS trust",
    "stranger": "Reported to the police",
    "other": "Raised with their employer",
}
"""Action about the person alleged to have caused harm, by the kind of source."""
SAR_REFERRED = "Referred to the board"
SAR_NOT_REFERRED = "Criteria not met"
SERIOUS_TYPES = frozenset({TypeOfRisk.PHYSICAL_ABUSE, TypeOfRisk.SEXUAL_ABUSE, TypeOfRisk.ORGANISATIONAL_ABUSE})
"""Types of risk after which a Safeguarding Adults Review is sometimes considered in earnest."""
_LAST_MINUTE = 24 * 60 - 1
_TIMES = tuple(time(minute // 60, minute % 60, tzinfo=timezone.utc) for minute in range(_LAST_MINUTE + 1))
"""Every minute of the day (UTC), for history entries."""


def _sar(run: Run, case: Case) -> SafeguardingAdultsReview | None:
    """Whether a Safeguarding Adults Review was considered (s44), and on what grounds."""
    r = run.r
    died = case.died
    if died or (case.enquiry_route and any(t in SERIOUS_TYPES for t in case.types) and r() < w.SAR_FOR_SERIOUS):
        joint = r() < w.SAR_JOINT_WORKING
        from_abuse = died and r() < w.SAR_DEATH_FROM_ABUSE
        serious_harm = not died and r() < w.SAR_SERIOUS_HARM
        criteria = joint and (from_abuse or serious_harm)
        return SafeguardingAdultsReview(
            considered=True,
            joint_working_concern=joint,
            adult_died=died,
            death_from_abuse_or_neglect_suspected=from_abuse,
            serious_abuse_or_neglect_suspected=serious_harm,
            referred=criteria,
            reason=SAR_REFERRED if criteria else SAR_NOT_REFERRED,
        )
    if case.enquiry_route:
        return SafeguardingAdultsReview(considered=True, joint_working_concern=False, referred=False)
    return None


def draw_closure(run: Run, case: Case) -> None:
    """Closure, for a closed case, and the adult's date of death where they died."""
    closed_on, reason = case.closed_on, case.closure_reason
    if closed_on is None or reason is None:
        return
    died = case.died
    if died:
        case.date_of_death = run.between(max(case.received, case.ended_on or case.received), closed_on)
    adults_view = run.pick(CLOSURE_VIEWS) if not died else None
    alleged = case.enquiry_route and not case.only_self
    safety_advice = None
    gaps = case.gaps
    if not died:
        safety_advice = Gap.CLOSURE_REQUEST_NO_COERCION not in gaps or run.r() < w.SAFETY_ADVICE_IN_GAP
    sar = None if Gap.SAR_NOT_CONSIDERED in gaps else _sar(run, case)
    case.closure = Closure(
        closed_on=run.day(closed_on),
        reason=reason,
        adults_view=adults_view,
        adult_agrees=None if died else True,
        feedback_to_referrer=Gap.NO_FEEDBACK_TO_REFERRER not in gaps,
        person_alleged_action_considered=True if alleged else None,
        person_alleged_action=ALLEGED_ACTION[case.alleged_kind or "other"] if alleged else None,
        risk_to_others_considered=True,
        safety_advice_given=safety_advice,
        sar=sar,
    )


def draw_history(run: Run, case: Case) -> tuple[HistoryEntry, ...]:
    """The workflow history: one entry a step of the path (plan reviews included), in time order."""
    r = run.r
    team = case.team
    duty = actor(run, team, DUTY)
    manager = actor(run, team, MANAGER)
    decided_by = None if case.decision is None else case.decision.decided_by
    lead = case.lead
    ceased_at_request = case.closure_reason is ClosureReason.CEASED_AT_ADULTS_REQUEST
    entries: list[HistoryEntry] = []
    last_day, last_minute = -1, 0
    previous: int | None = None
    for stage, day in zip(case.path, case.at, strict=True):
        # Working hours; later steps on the same day follow within the hour. At most four
        # steps share a day (the path's gaps see to that), so this never passes midnight.
        if day == last_day:
            minute = min(last_minute + w.HISTORY_LATER_MINUTES.of(r()), _LAST_MINUTE)
        else:
            minute = w.WORKDAY_START_MINUTE + int(r() * w.WORKDAY_HOURS * 60)
        last_day, last_minute = day, minute
        if stage <= IG:
            who = duty
        elif stage == DEC and decided_by is not None:
            who = decided_by
        elif stage in (ENQ, PLAN, CEASED) and lead is not None:
            who = lead
        else:
            who = manager
        reason = case.reasons.get(len(entries))
        if stage == CEASED:
            reason = "Adult asked for the enquiry to stop"
        elif stage == CLOSED and ceased_at_request:
            reason = "Adult wants no further involvement"
        entries.append(
            HistoryEntry(
                to_stage=STAGES[stage],
                at=datetime.combine(run.day(day), _TIMES[minute]),
                actor=who,
                from_stage=None if previous is None else STAGES[previous],
                reason=reason,
            ),
        )
        previous = stage
    return tuple(entries)
