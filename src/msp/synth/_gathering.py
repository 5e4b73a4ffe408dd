"""Information gathering and the section 42 decision: contact with the adult, their views, consent, the decision.

Contact is recorded from information gathering on: the adult spoken to (and
how), seen alone (always where coercion is suspected), asked who else to
involve; their views in their own words and the reasons behind them; consent
to the referral and to sharing information. The decision records the three
s42(1) conditions separately, the route, and for no enquiry the exit routes: a
concern about an adult whose earlier concern is still open may be closed as its
duplicate (naming it), and a few are withdrawn by the referrer.
"""

from __future__ import annotations

from msp.codes import ConsentStatus, ContactMethod, EnquiryRoute, ExitRoute, InterpreterKind, PrimarySupportReason
from msp.model import AdultsViews, Consent, Contact, Section42Decision
from msp.synth import _weights as w
from msp.synth._people import MANAGER, SAFEGUARDING_MANAGER, actor
from msp.synth._state import DEC, IG, Case, Gap, Run

__all__ = ["draw_contact", "draw_decision"]

VIEWS = (
    "I want things to be sorted without a fuss",
    "I am frightened and want some help",
    "I want to stay where I am",
)
VIEWS_NO_ACTION = (
    "I just want to be left to get on with my life",
    "I don't want to get anyone into trouble",
)
REASONS = (
    "Home holds their memories",
    "Fears losing contact with family",
    "Past bad experience of services",
    "Values independence",
    "Does not want to upset partner",
)
NOT_SEEN_ALONE_REASONS = (
    "Asked for a relative to stay",
    "Advocate present at their request",
    "Busy ward, no private room",
)
NOT_SEEN_NOT_SPOKEN = "Not spoken to; see the reason recorded"
NOT_SPOKEN_TO_REASONS = (
    "Too unwell; representative consulted",
    "Declined to talk; views via GP",
)
SHARING_REASON = "Risk to other residents"
RATIONALE = {
    EnquiryRoute.SECTION_42_ENQUIRY: "All three s42(1) conditions met",
    EnquiryRoute.OTHER_ENQUIRY: "Not all s42(1) conditions met; enquiry proportionate",
    EnquiryRoute.NO_ENQUIRY: "s42(1) conditions not met",
}
DUPLICATE_RATIONALE = "Duplicate of a concern still open; information added to it"
WITHDRAWN_RATIONALE = "Referrer withdrew the concern; raised in error"
OTHER_REASONS = (
    "A carer; enquiry supports wellbeing",
    "Can protect self but asked for help",
)
NEEDS_IN_DOUBT = frozenset(
    {PrimarySupportReason.NO_SUPPORT_REASON, PrimarySupportReason.NOT_KNOWN, PrimarySupportReason.SOCIAL},
)
"""Support reasons that leave it open whether the adult has care and support needs (s42(1)(a))."""


def _contact(run: Run, case: Case) -> Contact:
    """Whether and how the adult was spoken to, seen alone, and asked who to involve."""
    r = run.r
    gaps = case.gaps
    lacks = case.lacks
    suspected = case.suspected
    spoken_on = case.spoken_on
    spoken = lacks or suspected or r() < w.SPOKEN_TO
    spoken_to_on = method = not_spoken_to_reason = None
    if spoken:
        spoken_to_on = run.day(spoken_on)
        through = lacks and r() < w.THROUGH_REPRESENTATIVE
        method = ContactMethod.THROUGH_REPRESENTATIVE if through else w.CONTACT_METHOD(r())
    else:
        not_spoken_to_reason = run.pick(NOT_SPOKEN_TO_REASONS)
    seen_alone_on = not_seen_alone_reason = None
    if Gap.NOT_SEEN_ALONE in gaps or Gap.COERCION_NO_ESCALATION in gaps:
        seen_alone = False
    elif spoken and (suspected or r() < w.SEEN_ALONE):
        seen_alone = True
        seen_from = case.started_on if case.started_on is not None else spoken_on
        seen_to = case.ended_on if case.ended_on is not None else min(seen_from + w.SEEN_ALONE_WITHIN_DAYS, case.limit)
        seen_alone_on = run.day(run.between(seen_from, seen_to))
    else:
        seen_alone = False
        not_seen_alone_reason = run.pick(NOT_SEEN_ALONE_REASONS) if spoken else NOT_SEEN_NOT_SPOKEN
    interpreter_used = None
    if case.adult.interpreter is True and spoken:
        interpreter_used = Gap.NO_INTERPRETER not in gaps
    asked_who_to_involve = None
    if Gap.NOT_ASKED_WHO_TO_INVOLVE in gaps:
        asked_who_to_involve = False
    elif case.stage >= DEC or r() < w.ASKED_WHO_TO_INVOLVE_WHILE_GATHERING:
        asked_who_to_involve = True
    return Contact(
        spoken_to=spoken,
        spoken_to_on=spoken_to_on,
        method=method,
        not_spoken_to_reason=not_spoken_to_reason,
        seen_alone=seen_alone,
        seen_alone_on=seen_alone_on,
        not_seen_alone_reason=not_seen_alone_reason,
        interpreter_used=interpreter_used,
        interpreted_by=InterpreterKind.PROFESSIONAL_SPOKEN_LANGUAGE if interpreter_used else None,
        asked_who_to_involve=asked_who_to_involve,
    )


def _views(run: Run, case: Case) -> AdultsViews:
    """The adult's views in their own words, and the reasons behind their wishes (unless that is a gap)."""
    words = run.pick(VIEWS_NO_ACTION if case.wants_no_action else VIEWS)
    reasons = None if Gap.VIEWS_WITHOUT_REASONS in case.gaps else run.pick(REASONS)
    return AdultsViews(
        in_own_words=words,
        reasons=reasons,
        recorded_on=run.day(case.spoken_on),
        wants_no_action=case.wants_no_action or None,
        declines_support=case.declines or None,
    )


def _consent(run: Run, case: Case) -> Consent:
    """Consent to the referral and to sharing information: an adult lacking capacity cannot give it."""
    if case.lacks:
        to_referral = to_sharing = ConsentStatus.LACKS_CAPACITY
    else:
        to_referral = w.CONSENT(run.r())
        to_sharing = ConsentStatus.GIVEN if to_referral is ConsentStatus.GIVEN else w.CONSENT(run.r())
    return Consent(
        to_referral=to_referral,
        to_information_sharing=to_sharing,
        sharing_without_consent_reason=SHARING_REASON if to_sharing is ConsentStatus.REFUSED else None,
    )


def draw_contact(run: Run, case: Case) -> None:
    """Contact, views and consent, and the day the adult was spoken to (which later parts are dated from): in the
    window triage set (:func:`msp.synth._received.draw_triage`), by the decision and the snapshot at the latest."""
    r = run.r
    stage = case.stage
    received = case.received
    decided_on = case.decided_on
    latest = min(case.contact_to, case.limit if decided_on is None else decided_on)
    case.spoken_on = run.between(min(max(received, case.contact_from), latest), latest)
    if stage >= DEC or (stage == IG and r() < w.CONTACT_WHILE_GATHERING):
        case.contact = _contact(run, case)
        case.views = _views(run, case)
    if stage >= IG and r() < w.CONSENT_RECORDED:
        case.consent = _consent(run, case)


def _no_enquiry(run: Run, needs_known: bool) -> tuple[bool, bool, bool, tuple[ExitRoute, ...]]:
    """Which s42(1) condition is not met ((a) only where the adult's needs are in doubt), and the exit routes."""
    r = run.r
    not_met_needs = w.NOT_MET_NEEDS
    x = r() if not needs_known else not_met_needs + (1.0 - not_met_needs) * r()
    needs = x >= not_met_needs
    abuse = x < not_met_needs or x >= w.NOT_MET_ABUSE
    unable = x < w.NOT_MET_ABUSE
    if r() < w.NO_ACTION:
        return needs, abuse, unable, (ExitRoute.NO_ACTION,)
    first = w.EXIT_ROUTE(r())
    if r() < w.SECOND_EXIT_ROUTE:
        second = w.EXIT_ROUTE(r())
        if second is not first:
            return needs, abuse, unable, (first, second)
    return needs, abuse, unable, (first,)


def draw_decision(run: Run, case: Case) -> None:
    """The section 42 decision, for a case decided or later."""
    decided_on = case.decided_on
    route = case.route
    if decided_on is None or route is None:
        return
    needs: bool | None = True
    abuse = True
    unable: bool | None = True
    reason = None
    exits: tuple[ExitRoute, ...] = ()
    if route is EnquiryRoute.SECTION_42_ENQUIRY:
        if Gap.S42_CONDITION_MISSING in case.gaps:
            if run.pick(("needs", "unable")) == "needs":
                needs = None
            else:
                unable = None
    elif route is EnquiryRoute.OTHER_ENQUIRY:
        carer = case.adult.psr_group in NEEDS_IN_DOUBT and run.r() < w.OTHER_ENQUIRY_CARER
        needs, unable = not carer, carer
        reason = OTHER_REASONS[0 if carer else 1]
    else:
        needs, abuse, unable, exits = _no_enquiry(run, case.adult.psr_group not in NEEDS_IN_DOUBT)
    rationale = RATIONALE[route]
    if case.duplicate_of is not None:
        exits, rationale = (ExitRoute.DUPLICATE_OF_OPEN_CONCERN,), DUPLICATE_RATIONALE
    elif case.withdrawn:
        exits, rationale = (ExitRoute.WITHDRAWN,), WITHDRAWN_RATIONALE
    by_manager = run.r() < w.DECIDED_BY_SAFEGUARDING_MANAGER
    case.decision = Section42Decision(
        has_care_and_support_needs=needs,
        experiencing_or_at_risk_of_abuse=abuse,
        unable_to_protect_self=unable,
        route=route,
        other_enquiry_reason=reason,
        exit_routes=exits,
        decided_on=run.day(decided_on),
        decided_by=actor(run, case.team, SAFEGUARDING_MANAGER if by_manager else MANAGER),
        rationale=rationale,
        duplicate_of=case.duplicate_of,
    )
