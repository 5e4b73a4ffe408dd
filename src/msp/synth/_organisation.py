"""Providers, linked concerns, organisational enquiries, enquiries caused to be made, meetings, escalations.

The facts are drawn with the concern as received (:func:`draw_facts`), before the course of the
case, so that practice gaps can follow them:

- **the provider**, for a concern with a risk from a service provider: its kind follows where that
  risk is (a care home, home care or supported living at home, a day service), and its location
  and provider come from a small fictional pool, by obviously fictional CQC-like ids
  (``1-000001007``; an NHS trust by an ODS-like code, ``ZZ3``);
- **an organisational (large-scale) enquiry** about one care home: started by a decided concern of
  organisational abuse or neglect there, and joined by later concerns about a care home received
  while it runs (the concern then names that home). Every concern in it holds the same record (id,
  lead, dates) and links the concerns grouped before it (``same_location``);
- **links between concerns about one adult**: a repeat concern mostly links the adult's latest
  earlier one (``same_adult``); a concern that led to no enquiry while an earlier one about the
  adult was still open is mostly closed as its duplicate (exit route ``duplicate_of_open_concern``
  and ``decision.duplicate_of``); a few others were withdrawn by the referrer;
- **an enquiry caused to be made** (Care Act 2014 s42(2)): for a share of section 42 enquiries about
  a regulated provider (not organisational abuse, and not in an organisational enquiry, which the
  council leads), or into a risk from hospital staff, by the NHS trust.

The records are drawn at the end (:func:`draw_records`): who was told of the provider (the CQC and
the commissioners, always from the decision on unless that is the practice gap), the caused
enquiry's request, timescale, report and the council's check of it (before the conclusion unless
that is the practice gap), a strategy discussion or meeting for a share of section 42 enquiries
(attendees by role and agency, never by name), and an escalation when deciding, for a share of
cases where coercion is suspected.
"""

from __future__ import annotations

import attrs

from msp.codes import (
    ActionStatus,
    EnquiryRoute,
    LinkReason,
    OrganisationKind,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.model import (
    Attendee,
    CausedEnquiry,
    ConcernLink,
    Escalation,
    Meeting,
    OrganisationalEnquiry,
    PlanAction,
    ProviderInvolved,
    RouteChange,
)
from msp.synth import _weights as w
from msp.synth._people import SAFEGUARDING_MANAGER, SOCIAL_WORKER
from msp.synth._protection import insert_step
from msp.synth._received import HOSPITALS
from msp.synth._state import Case, Gap, OrganisationalGroup, RiskDraft, Run

__all__ = ["REGULATED", "draw_facts", "draw_records"]

REGULATED = frozenset(
    {
        OrganisationKind.CARE_HOME,
        OrganisationKind.HOME_CARE,
        OrganisationKind.SUPPORTED_LIVING,
        OrganisationKind.DAY_SERVICE,
    },
)
"""The kinds of provider the Care Quality Commission regulates here: the CQC and the commissioners are told."""
_KIND_NUMBER = {kind: number for number, kind in enumerate(OrganisationKind, start=1)}
"""A number for each kind of organisation, which its fictional ids are made from."""
_LOCATIONS_PER_PROVIDER = 3
_GROUPED_TYPES = frozenset({TypeOfRisk.ORGANISATIONAL_ABUSE, TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION})
"""The types of risk about a care home that may start an organisational enquiry."""
GROUP_LEADS = ("safeguarding adults manager", "head of adult safeguarding", "quality assurance lead")
"""Who leads an organisational enquiry (a role)."""
SCOPE = {
    OrganisationKind.NHS_TRUST: "Trust to review the care given on the ward and report",
}
"""The agreed scope of an enquiry caused to be made, by who makes it (a provider, where not given)."""
PROVIDER_SCOPE = "Provider to look into the care given and the staff involved, and report"
ADULT_SOCIAL_CARE = "adult social care"
_COUNCIL = (
    Attendee(role=SAFEGUARDING_MANAGER, agency=ADULT_SOCIAL_CARE),
    Attendee(role=SOCIAL_WORKER, agency=ADULT_SOCIAL_CARE),
)
_POLICE = Attendee(role="police officer", agency="police")
_PROVIDER = Attendee(role="registered manager", agency="care provider")
_HEALTH = Attendee(role="safeguarding nurse", agency="NHS trust")
_ADULT = Attendee(role="the adult", is_the_adult_or_representative=True)
_REPRESENTATIVE = Attendee(role="representative", is_the_adult_or_representative=True)
_ADVOCATE = Attendee(role="advocate", agency="advocacy service", is_the_adult_or_representative=True)
PROCEED = "Proceed with the section 42 enquiry"
POLICE_LEAD = "Police to lead; the enquiry follows their advice"
CAUSED_DECISION = "Partner organisation to make the enquiry and report"
FEEDBACK = "Tell the adult what the meeting decided"
ESCALATED_TO = "safeguarding adults manager"
ESCALATION_REASON = "Possible control by someone close; discussed before deciding"
ROUTE_CHANGE_REASON = "New information: the section 42(1) conditions are met"


def _location_id(kind: OrganisationKind, location: int) -> str:
    """The fictional CQC location id of location number ``location`` of ``kind`` (``1-000001007``)."""
    return f"1-{_KIND_NUMBER[kind] * 1000 + location:09d}"


def _provider_id(kind: OrganisationKind, location: int) -> str:
    """The fictional CQC provider id of the provider that runs it (``1-000900102``)."""
    return f"1-{900_000 + _KIND_NUMBER[kind] * 100 + location // _LOCATIONS_PER_PROVIDER:09d}"


def _ods_code(run: Run) -> str:
    """A fictional ODS-like code of one of the area's NHS trusts (one draw)."""
    return f"ZZ{int(run.r() * w.NHS_TRUSTS) + 1}"


def _open_groups(run: Run, case: Case) -> list[OrganisationalGroup]:
    """The organisational enquiries this concern could join (the run forgets those no longer open)."""
    number = case.number
    groups = run.groups = [g for g in run.groups if number - g.founded_by <= w.ORGANISATIONAL_ENQUIRY_OPEN_FOR]
    adult_id = case.adult.adult_id
    return [
        g
        for g in groups
        if len(g.members) < w.ORGANISATIONAL_ENQUIRY_MOST
        and g.join_from <= case.received <= g.join_to
        and all(member != adult_id for _, member in g.members)
    ]


def _group(run: Run, case: Case, risk: RiskDraft) -> list[ConcernLink]:
    """Join an organisational enquiry about a care home, or start one; the links to the concerns before it."""
    r = run.r
    concern_id = f"C{case.number:06d}"
    candidates = _open_groups(run, case)
    group = None
    if candidates and r() < w.ORGANISATIONAL_ENQUIRY_JOINED:
        group = run.pick(candidates)
    elif case.decided_on is not None and risk.type in _GROUPED_TYPES and r() < w.ORGANISATIONAL_ENQUIRY_STARTED:
        started = min(case.decided_on + w.ORGANISATIONAL_ENQUIRY_START_DAYS.of(r()), case.limit)
        ended = started + w.ORGANISATIONAL_ENQUIRY_DAYS.of(r())
        lead = run.pick(GROUP_LEADS)
        location = case.provider_location
        provider = case.provider_id
        if location is None or provider is None:  # a care home always has both
            return []
        record = OrganisationalEnquiry(
            enquiry_id=run.group_id(),
            lead=lead,
            cqc_location_id=location,
            started_on=run.day(started),
            ended_on=run.day(ended) if ended <= run.as_at else None,
        )
        window = (started - w.ORGANISATIONAL_ENQUIRY_JOINED_BEFORE_DAYS, min(ended, run.as_at))
        group = OrganisationalGroup(record, location, provider, case.number, window)
        run.groups.append(group)
    if group is None:
        return []
    case.group = group
    case.provider_location, case.provider_id = group.location, group.provider
    links = [ConcernLink(concern_id=earlier, reason=LinkReason.SAME_LOCATION) for earlier, _ in group.members]
    group.members.append((concern_id, case.adult.adult_id))
    return links


def _provider(run: Run, case: Case) -> list[ConcernLink]:
    """The provider a risk from a service provider names, and the organisational enquiry it may belong to."""
    risk = next((risk for risk in case.risks if risk.source is SourceOfRisk.SERVICE_PROVIDER), None)
    if risk is None:
        return []
    kind = case.provider_kind = w.PROVIDER_KIND_BY_LOCATION[risk.location](run.r())
    if kind is OrganisationKind.NHS_TRUST:
        case.ods_code = _ods_code(run)
    elif kind is not OrganisationKind.OTHER:
        location = int(run.r() * w.LOCATIONS_PER_KIND)
        case.provider_location = _location_id(kind, location)
        case.provider_id = _provider_id(kind, location)
    return _group(run, case, risk) if kind is OrganisationKind.CARE_HOME else []


def _same_adult(run: Run, case: Case) -> list[ConcernLink]:
    """Links to the adult's earlier concerns, and whether this one is closed as a duplicate of an open one."""
    r = run.r
    received = case.received
    earlier = case.adult.concerns
    if not earlier:
        return []
    ended_at_decision = case.route is EnquiryRoute.NO_ENQUIRY and case.decided_on is not None
    still_open = [
        concern_id
        for concern_id, on, closed, duplicate in earlier
        if on <= received and (closed is None or closed > received) and not duplicate
    ]
    if ended_at_decision and still_open and r() < w.DUPLICATE_OF_OPEN_CONCERN:
        case.duplicate_of = still_open[-1]
        return [ConcernLink(concern_id=still_open[-1], reason=LinkReason.SAME_ADULT)]
    if r() < w.LINKED_TO_EARLIER_CONCERN:
        return [ConcernLink(concern_id=earlier[-1][0], reason=LinkReason.SAME_ADULT)]
    return []


def _caused_by(run: Run, case: Case) -> None:
    """Whether the council causes the provider or an NHS trust to make the section 42 enquiry (s42(2))."""
    if case.route is not EnquiryRoute.SECTION_42_ENQUIRY or case.started_on is None or case.group is not None:
        return
    kind = case.provider_kind
    if kind in REGULATED and TypeOfRisk.ORGANISATIONAL_ABUSE not in case.types:
        if run.r() < w.CAUSED_BY_PROVIDER:
            case.caused_by, case.caused_id = kind, case.provider_id
    elif (
        kind is OrganisationKind.NHS_TRUST or (case.first_kind == "health" and case.first_location in HOSPITALS)
    ) and run.r() < w.CAUSED_BY_NHS_TRUST:
        case.caused_by = OrganisationKind.NHS_TRUST
        case.caused_id = case.ods_code if case.ods_code is not None else _ods_code(run)


def draw_facts(run: Run, case: Case) -> None:
    """The provider, the organisational enquiry, links to other concerns, a duplicate or a withdrawal, and
    whether another organisation is caused to make the enquiry."""
    links = _provider(run, case) + _same_adult(run, case)
    ended_at_decision = case.route is EnquiryRoute.NO_ENQUIRY and case.decided_on is not None
    if ended_at_decision and case.duplicate_of is None and run.r() < w.WITHDRAWN:
        case.withdrawn = True
    seen: set[str] = set()
    unique = []
    for link in links:
        if link.concern_id not in seen:
            seen.add(link.concern_id)
            unique.append(link)
    case.links = tuple(unique)
    case.adult.concerns.append((f"C{case.number:06d}", case.received, case.closed_on, case.duplicate_of is not None))
    _caused_by(run, case)


def _provider_record(run: Run, case: Case) -> None:
    """The provider, and when the CQC and the commissioners were told (one of them not, where that is a gap)."""
    kind = case.provider_kind
    if kind is None:
        return
    r = run.r
    cqc_on = commissioners_on = None
    if kind is not OrganisationKind.OTHER:
        decided = case.decided_on is not None
        gap = Gap.PROVIDER_NOT_TOLD in case.gaps
        cqc_missing = gap and r() < w.CQC_NOT_TOLD_IN_GAP
        commissioners_missing = gap and not cqc_missing
        if not cqc_missing and (decided or r() < w.CQC_TOLD_BEFORE_DECISION):
            cqc_on = run.day(min(case.received + w.PROVIDER_TOLD_DAYS.of(r()), case.limit))
        if not commissioners_missing and (decided or r() < w.COMMISSIONERS_TOLD_BEFORE_DECISION):
            commissioners_on = run.day(min(case.received + w.PROVIDER_TOLD_DAYS.of(r()), case.limit))
    case.provider = ProviderInvolved(
        kind=kind,
        cqc_location_id=case.provider_location,
        cqc_provider_id=case.provider_id,
        ods_code=case.ods_code,
        cqc_informed_on=cqc_on,
        commissioners_informed_on=commissioners_on,
    )


def _caused_record(run: Run, case: Case) -> None:
    """The enquiry caused to be made: request, timescale, the report and the council's check of it."""
    by, enquiry, started = case.caused_by, case.enquiry, case.started_on
    if by is None or enquiry is None or started is None:
        return
    r = run.r
    end = case.ended_on
    last = end if end is not None else case.limit
    requested = min(started + w.CAUSED_REQUEST_DAYS.of(r()), last)
    due = requested + w.CAUSED_DUE_DAYS.of(r())
    report = requested + w.CAUSED_REPORT_DAYS.of(r())
    check_days = w.CAUSED_CHECK_DAYS.of(r())
    received_on = checked_on = None
    check = None
    if case.concluded and end is not None:
        received_on = max(min(report, end - check_days), requested)
        checked_on = min(received_on + check_days, end)
        check = w.QUALITY_CHECK_CONCLUDED(r())
        if Gap.CAUSED_REPORT_NOT_CHECKED in case.gaps:
            if r() < w.REPORT_NOT_RECEIVED_IN_GAP:
                received_on = None
            checked_on = check = None
    elif not case.ceased and report <= last:
        received_on = report
        if report + check_days <= last:
            checked_on, check = report + check_days, w.QUALITY_CHECK_OPEN(r())
    case.enquiry = attrs.evolve(
        enquiry,
        caused=CausedEnquiry(
            organisation_kind=by,
            organisation_id=case.caused_id,
            scope=SCOPE.get(by, PROVIDER_SCOPE),
            requested_on=run.day(requested),
            due_on=run.day(due),
            report_received_on=None if received_on is None else run.day(received_on),
            quality_check=check,
            checked_on=None if checked_on is None else run.day(checked_on),
            checked_by=SAFEGUARDING_MANAGER if check is not None else None,
        ),
    )


def _attendees(run: Run, case: Case) -> tuple[Attendee, ...]:
    """Who took part in the strategy meeting: the council, the partners the case involves, often the adult."""
    people = list(_COUNCIL)
    if case.police_told:
        people.append(_POLICE)
    if case.provider_kind is not None:
        people.append(_PROVIDER)
    if case.first_kind == "health" or case.caused_by is OrganisationKind.NHS_TRUST:
        people.append(_HEALTH)
    if run.r() < w.MEETING_ADULT_TAKES_PART:
        if not case.lacks:
            people.append(_ADULT)
        else:
            people.append(_ADVOCATE if case.advocate_required else _REPRESENTATIVE)
    return tuple(people)


def _meeting(run: Run, case: Case) -> None:
    """A strategy discussion or meeting for a share of section 42 enquiries, soon after the decision."""
    decided = case.decided_on
    if case.route is not EnquiryRoute.SECTION_42_ENQUIRY or case.started_on is None or decided is None:
        return
    r = run.r
    if r() >= w.STRATEGY_MEETING:
        return
    end = case.ended_on if case.ended_on is not None else case.limit
    held = run.between(decided, min(decided + w.MEETING_WITHIN_DAYS, end))
    kind = w.MEETING_KIND(r())
    decisions = [PROCEED]
    if case.police_leading:
        decisions.append(POLICE_LEAD)
    if case.caused_by is not None:
        decisions.append(CAUSED_DECISION)
    status = ActionStatus.DONE if case.ended_on is not None else ActionStatus.PLANNED
    action = PlanAction(action=FEEDBACK, owner=SOCIAL_WORKER, due_on=run.day(held + 2), status=status)
    case.meetings = (
        Meeting(
            kind=kind,
            held_on=run.day(held),
            attendees=_attendees(run, case),
            decisions=tuple(decisions),
            actions=(action,),
        ),
    )


def _escalation(run: Run, case: Case) -> None:
    """An escalation when deciding, for a share of cases where coercion is suspected (not where the lack of one,
    or of any thought of coercion, is the practice gap)."""
    decided = case.decided_on
    gaps = case.gaps
    if not case.suspected or decided is None or {Gap.COERCION_NO_ESCALATION, Gap.CLOSURE_REQUEST_NO_COERCION} & gaps:
        return
    if run.r() < w.ESCALATED_AT_DECISION:
        on = run.between(case.spoken_on, decided)
        case.escalations = (Escalation(escalated_on=run.day(on), escalated_to=ESCALATED_TO, reason=ESCALATION_REASON),)


def _route_change(run: Run, case: Case) -> None:
    """For a small share of section 42 enquiries, a start as an other enquiry that new information turned into a
    section 42 enquiry during the enquiry: the route change and its history entry (the stage is kept)."""
    started_on = case.started_on
    if case.route is not EnquiryRoute.SECTION_42_ENQUIRY or started_on is None:
        return
    if case.ceased or run.r() >= w.ROUTE_CHANGED_TO_SECTION_42:
        return
    end = case.ended_on if case.ended_on is not None else case.limit
    day = run.between(started_on, end)
    case.route_changes = (
        RouteChange(
            changed_on=run.day(day),
            from_route=EnquiryRoute.OTHER_ENQUIRY,
            to_route=EnquiryRoute.SECTION_42_ENQUIRY,
            reason=ROUTE_CHANGE_REASON,
            decided_by=SAFEGUARDING_MANAGER,
        ),
    )
    insert_step(case, day, ROUTE_CHANGE_REASON)


def draw_records(run: Run, case: Case) -> None:
    """The provider record, the organisational enquiry, the caused enquiry, a meeting, an escalation and a change
    of route."""
    _provider_record(run, case)
    if case.group is not None:
        case.organisational_enquiry = case.group.record
    _caused_record(run, case)
    _meeting(run, case)
    _escalation(run, case)
    _route_change(run, case)
