"""The date model: the stage a record is at, its route, and the day of every step on its path.

Records are a snapshot on the last day of two collection years. A closed case
can have been received at any time in them; an open one is recent, the more so
the earlier its stage. The path walks the stages in order (concern received,
information gathering, decision, enquiry, plan, conclusion or ceasing,
closure) with a gap of days before each step (``*_DAYS`` in
:mod:`msp.synth._weights`); nothing is dated after the snapshot.
"""

from __future__ import annotations

from msp.codes import EnquiryRoute
from msp.synth import _weights as w
from msp.synth._state import CEASED, CLOSED, CONC, DEC, ENQ, IG, PERIOD_DAYS, PLAN, STAGES, Case, Run, stage_rank

__all__ = ["draw_path"]


def _route(run: Run, stage: int) -> EnquiryRoute | None:
    """The route the section 42 decision took, for a stage after it (one draw), else ``None``."""
    if stage == DEC:
        return w.ROUTE_DECIDED(run.r())
    if ENQ <= stage <= CEASED:
        return w.ROUTE_IN_ENQUIRY(run.r())
    if stage == CLOSED:
        return w.ROUTE_CLOSED(run.r())
    return None


def _steps(run: Run, case: Case, via_plan: bool) -> list[tuple[int, int]]:
    """Each step after receipt on the case's path, with the days since the step before it."""
    r = run.r
    stage = case.stage
    steps: list[tuple[int, int]] = []
    if stage >= IG:
        x = r()
        gap = 0 if x < w.GATHERING_SAME_DAY else 1 if x < w.GATHERING_NEXT_DAY else w.GATHERING_LATER_DAYS.of(r())
        steps.append((IG, gap))
    if stage >= DEC:
        x = r()
        if x < w.DECISION_SOON:
            steps.append((DEC, w.DECISION_SOON_DAYS.of(x)))
        else:
            steps.append((DEC, (w.DECISION_WEEK_DAYS if x < w.DECISION_WEEK else w.DECISION_LATER_DAYS).of(r())))
    if case.enquiry_route and stage >= ENQ:
        steps.append((ENQ, w.ENQUIRY_START_DAYS.of(r())))
        if via_plan:
            steps.append((PLAN, w.PLAN_DAYS.of(r())))
        if case.concluded:
            steps.append((CONC, (w.CONCLUDED_AFTER_PLAN_DAYS if via_plan else w.CONCLUDED_DAYS).of(r())))
        elif case.ceased:
            steps.append((CEASED, w.CEASED_DAYS.of(r())))
    if stage == CLOSED:
        steps.append((CLOSED, (w.CLOSED_AFTER_ENQUIRY_DAYS if case.enquiry_route else w.CLOSED_DAYS).of(r())))
    return steps


def _received_on(run: Run, stage: int, span: int) -> int:
    """The day the concern was received: any time in the period for a closed case, recently for an open one."""
    r = run.r
    if stage == CLOSED:
        return run.start + int(r() * max(1, PERIOD_DAYS - span))
    mean = w.OPEN_CASE_AGE_MEAN_DAYS[STAGES[stage]]
    gap = int(4 * mean * r() * r())  # skewed to recent, averaging ``mean`` days
    return max(run.start, run.as_at - span - gap)


def draw_path(run: Run, number: int) -> Case:
    """Start concern ``number``: its stage and route, its path through the stages and the day of each step."""
    r = run.r
    stage = stage_rank(w.STAGE(r()))
    case = Case(number, stage, _route(run, stage))
    enquiry_route = case.enquiry_route
    ceased = case.ceased = stage == CEASED or (stage == CLOSED and enquiry_route and r() < w.CLOSED_ENQUIRY_CEASED)
    concluded = case.concluded = stage == CONC or (stage == CLOSED and enquiry_route and not ceased)
    via_plan = stage == PLAN or (
        (concluded or ceased) and r() < (w.PLAN_BEFORE_CEASING if ceased else w.PLAN_BEFORE_CONCLUDING)
    )
    path = case.path
    offsets = [0]
    day = 0
    for step, gap in _steps(run, case, via_plan):
        day += gap
        path.append(step)
        offsets.append(day)
    received = case.received = _received_on(run, stage, day)
    at = case.at
    at.extend(min(received + offset, run.as_at) for offset in offsets)
    day_of = dict(zip(path, at, strict=True))
    case.limit = at[-1] if stage == CLOSED else run.as_at  # nothing is recorded after this
    case.decided_on = day_of.get(DEC)
    case.started_on = day_of.get(ENQ)
    case.agreed_on = day_of.get(PLAN)
    case.ended_on = day_of.get(CONC, day_of.get(CEASED))
    case.closed_on = day_of.get(CLOSED)
    return case
