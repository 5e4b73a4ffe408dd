"""The date model: the day a concern is received, its route, the day of every step, and so its stage.

Records are a snapshot on the last day of two collection years. Every concern
is received on a day of the period drawn from the seasonal weights
(:func:`msp.synth._state.day_weights`: a mild, assumed pattern by month and
the published yearly rise), whatever becomes of it. Its whole course is drawn
next, as if nothing stopped it: the route of the section 42 decision, whether
an enquiry concludes or ceases at the adult's request, whether a plan comes
first, and the gap of days before each step (``*_DAYS`` in
:mod:`msp.synth._weights`). The record holds the steps reached by the
snapshot day, and its stage is the last of them. So a case received long
before the snapshot is closed, and only recent ones are open: how many follows
from the gaps, not from a weight of its own (docs/synth.md states the share).
Nothing is dated after the snapshot, and no date is moved to fit it.
"""

from __future__ import annotations

from msp.codes import EnquiryRoute
from msp.synth import _weights as w
from msp.synth._state import CEASED, CLOSED, CONC, CR, DEC, ENQ, IG, PLAN, Case, Run

__all__ = ["draw_path"]


def _steps(run: Run, *, enquiry: bool, ceased: bool, via_plan: bool) -> list[tuple[int, int]]:
    """Each step after receipt on the case's whole course, with the days since the step before it."""
    r = run.r
    steps: list[tuple[int, int]] = []
    x = r()
    gap = 0 if x < w.GATHERING_SAME_DAY else 1 if x < w.GATHERING_NEXT_DAY else w.GATHERING_LATER_DAYS.of(r())
    steps.append((IG, gap))
    x = r()
    if x < w.DECISION_SOON:
        steps.append((DEC, w.DECISION_SOON_DAYS.of(x)))
    else:
        steps.append((DEC, (w.DECISION_WEEK_DAYS if x < w.DECISION_WEEK else w.DECISION_LATER_DAYS).of(r())))
    if enquiry:
        steps.append((ENQ, w.ENQUIRY_START_DAYS.of(r())))
        if via_plan:
            steps.append((PLAN, w.PLAN_DAYS.of(r())))
        if ceased:
            steps.append((CEASED, w.CEASED_DAYS.of(r())))
        else:
            steps.append((CONC, (w.CONCLUDED_AFTER_PLAN_DAYS if via_plan else w.CONCLUDED_DAYS).of(r())))
    steps.append((CLOSED, (w.CLOSED_AFTER_ENQUIRY_DAYS if enquiry else w.CLOSED_DAYS).of(r())))
    return steps


def draw_path(run: Run, number: int) -> Case:
    """Start concern ``number``: the day it was received, its course, and the steps (and stage) it has reached."""
    r = run.r
    received = run.start + run.received(r())
    route = w.ROUTE(r())
    enquiry = route is not EnquiryRoute.NO_ENQUIRY
    ceased = enquiry and r() < w.ENQUIRY_CEASED
    via_plan = enquiry and r() < (w.PLAN_BEFORE_CEASING if ceased else w.PLAN_BEFORE_CONCLUDING)
    path = [CR]
    at = [received]
    day = received
    for step, gap in _steps(run, enquiry=enquiry, ceased=ceased, via_plan=via_plan):
        day += gap
        if day > run.as_at:
            break  # the rest of the course comes after the snapshot
        path.append(step)
        at.append(day)
    stage = path[-1]
    case = Case(number, stage, route if stage >= DEC else None)
    case.path = path
    case.at = at
    case.received = received
    case.ceased = CEASED in path
    case.concluded = CONC in path
    day_of = dict(zip(path, at, strict=True))
    case.limit = at[-1] if stage == CLOSED else run.as_at  # nothing is recorded after this
    case.decided_on = day_of.get(DEC)
    case.started_on = day_of.get(ENQ)
    case.agreed_on = day_of.get(PLAN)
    case.ended_on = day_of.get(CONC, day_of.get(CEASED))
    case.closed_on = day_of.get(CLOSED)
    return case
