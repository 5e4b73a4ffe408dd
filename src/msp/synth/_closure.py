"""Closure, review and history: the closure checklist, the Safeguarding Adults Review, the workflow history.

Closure follows the London-family checklist: the adult's view, feedback to
the referrer, action about the person alleged to have caused harm, risk to
others, safety advice and, after an enquiry, whether a Safeguarding Adults
Review (Care Act s44) is needed. The history walks the path's stages in
order, in working hours, each step by the user who took it. The adult's feedback
(LGA/ADASS MSP Outcomes Framework, 2018, questions 4-7) is recorded for a share of
the cases closed after an enquiry: asked by the enquiry lead at closure, or less
often by an independent person within eight weeks; a representative answers where
the adult lacks capacity or has died. The answers' own wording is never invented:
each answer records only whether it was positive.
"""

from __future__ import annotations

from datetime import datetime, time, timezone

from msp.codes import ClosureReason, FeedbackAsked, FeedbackAskedBy, FeedbackRespondent, TypeOfRisk
from msp.model import AdultsFeedback, Closure, FeedbackAnswer, HistoryEntry, SafeguardingAdultsReview
from msp.synth import _weights as w
from msp.synth._people import DUTY, MANAGER, actor
from msp.synth._state import CEASED, CLOSED, DEC, ENQ, IG, PLAN, STAGES, Case, Gap, Run

__all__ = ["draw_closure", "draw_feedback", "draw_history"]

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


FEEDBACK_NOT_POSSIBLE = ("Too unwell to be asked", "Moved away; no way of contacting them")
"""Why asking for feedback was not possible."""
FEEDBACK_COMMENTS = ("Glad it was sorted out", "Would have liked more updates", "Felt listened to")
"""What the person added, in a few words."""
_POSITIVE = FeedbackAnswer(positive=True)
_NOT_POSITIVE = FeedbackAnswer(positive=False)


def _respondent(run: Run, case: Case) -> FeedbackRespondent:
    """Who answers: the adult, or a representative where the adult lacks capacity or has died (an IMCA where
    they lack capacity and have no representative)."""
    if case.lacks and not case.died and case.rep_kind is None:
        return FeedbackRespondent.IMCA
    if case.died or case.lacks or run.r() < w.FEEDBACK_BY_REPRESENTATIVE:
        return w.FEEDBACK_REPRESENTATIVE(run.r())
    return FeedbackRespondent.ADULT


def draw_feedback(run: Run, case: Case) -> AdultsFeedback | None:
    """The adult's feedback, for a share of the cases closed after an enquiry."""
    closed_on = case.closed_on
    if case.closure is None or closed_on is None or not case.enquiry_route:
        return None
    r = run.r
    if r() >= w.FEEDBACK_RECORDED:
        return None
    roll = r()
    if w.FEEDBACK_DECLINED <= roll < w.FEEDBACK_NOT_POSSIBLE:
        return AdultsFeedback(asked=FeedbackAsked.NOT_POSSIBLE, not_possible_reason=run.pick(FEEDBACK_NOT_POSSIBLE))
    who = _respondent(run, case)
    asked_on, asked_by = closed_on, FeedbackAskedBy.ENQUIRY_LEAD
    if closed_on < run.as_at and r() < w.FEEDBACK_INDEPENDENT:
        asked_by = FeedbackAskedBy.INDEPENDENT_PERSON
        asked_on = min(closed_on + w.FEEDBACK_INDEPENDENT_DAYS.of(r()), run.as_at)
    if roll < w.FEEDBACK_DECLINED:
        return AdultsFeedback(
            asked=FeedbackAsked.DECLINED, answered_by=who, asked_on=run.day(asked_on), asked_by=asked_by
        )
    answers = [
        (_POSITIVE if r() < w.FEEDBACK_POSITIVE else _NOT_POSITIVE) if r() < w.FEEDBACK_ANSWERED else None
        for _ in range(4)
    ]
    return AdultsFeedback(
        asked=FeedbackAsked.ASKED,
        answered_by=who,
        asked_on=run.day(asked_on),
        asked_by=asked_by,
        question_4=answers[0],
        question_5=answers[1],
        question_6=answers[2],
        question_7=answers[3],
        comments=run.pick(FEEDBACK_COMMENTS) if r() < w.FEEDBACK_COMMENT else None,
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
