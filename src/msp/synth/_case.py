"""One concern, stage by stage: the order of the draws, and the Concern record built from them.

The stages are called in one fixed order (:data:`DRAW_ORDER`), which is the
order of the draws from the run's random stream: the path and its dates, the
adult, the risks, the course of the case, then the record's parts. That order is part of the
output (the same seed gives the same records only while it holds), so a new
draw goes where it changes nothing before it, and a change of order is a
change of output: see docs/synth.md.
"""

from __future__ import annotations

from collections.abc import Callable

from msp.codes import MspAsked
from msp.model import Concern
from msp.synth import (
    _adult,
    _alleged,
    _closure,
    _course,
    _enquiry,
    _gathering,
    _organisation,
    _path,
    _plan,
    _protection,
    _received,
)
from msp.synth._people import TEAMS
from msp.synth._state import STAGES, Case, Gap, Run

__all__ = ["DRAW_ORDER", "concern"]

NO_ASK_REASON = "In intensive care throughout; no representative"
"""Why the adult was not asked their desired outcomes, where that is recorded."""


DRAW_ORDER: tuple[Callable[[Run, Case], None], ...] = (
    _adult.draw_adult,
    _received.draw_risks,
    _received.draw_team_and_referrer,
    _alleged.draw_people,
    _protection.draw_facts,
    _organisation.draw_facts,
    _course.draw_course,
    _course.draw_gaps,
    _received.draw_triage,
    _gathering.draw_contact,
    _plan.draw_outcomes,
    _enquiry.draw_options,
    _enquiry.draw_curiosity,
    _enquiry.draw_advocacy,
    _enquiry.draw_capacity,
    _gathering.draw_decision,
    _enquiry.draw_enquiry,
    _plan.draw_plan,
    _alleged.draw_records,
    _protection.draw_records,
    _organisation.draw_records,
    _closure.draw_closure,
)
"""The stages after the path (:func:`msp.synth._path.draw_path`), in the order they draw.

The adult and the risks first, with the people alleged to have caused harm,
the facts about crime, children and liberty, and the provider, the linked
concerns and any organisational enquiry, then the course of the case
(decided before the parts, so that practice gaps can bend them), then the parts
stage by stage; what was done about the people alleged, the police, children,
consent and liberty once the plan is known, then who was told of the provider,
an enquiry caused to be made by another organisation, a strategy meeting and
an escalation when deciding. The
adult record, immediate safety and the history are drawn last, as the record
is put together.
"""


def concern(run: Run, number: int) -> Concern:
    """Draw concern ``number`` (1-based) of the run and build it as a :class:`~msp.model.concern.Concern`."""
    case = _path.draw_path(run, number)
    for draw in DRAW_ORDER:
        draw(run, case)
    adult = _adult.adult_record(run, case)
    immediate_safety = _received.draw_immediate_safety(run, case)
    history = _closure.draw_history(run, case)
    feedback = _closure.draw_feedback(run, case)
    msp_asked = case.msp_asked
    no_ask_reason = msp_asked is MspAsked.NO and Gap.MSP_NO_WITHOUT_REASON not in case.gaps
    return Concern(
        concern_id=f"C{number:06d}",
        adult=adult,
        received_on=run.day(case.received),
        team=TEAMS[case.team],
        raised_by=case.referrer,
        provider=case.provider,
        links=case.links,
        organisational_enquiry=case.organisational_enquiry,
        risks=_received.risk_records(case),
        people_alleged=case.people_alleged,
        immediate_safety=immediate_safety,
        contact=case.contact,
        views=case.views,
        consent=case.consent,
        crime=case.crime,
        children=case.children,
        msp_asked=msp_asked,
        msp_not_asked_reason=NO_ASK_REASON if no_ask_reason else None,
        desired_outcomes=case.outcomes,
        options=case.options,
        curiosity=case.curiosity,
        advocacy=case.advocacy,
        capacity_decisions=case.capacity,
        decision=case.decision,
        enquiry=case.enquiry,
        pauses=case.pauses,
        plan=case.plan,
        liberty=case.liberty,
        route_changes=case.route_changes,
        meetings=case.meetings,
        escalations=case.escalations,
        closure=case.closure,
        feedback=feedback,
        stage=STAGES[case.stage],
        history=history,
    )
