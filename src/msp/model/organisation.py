"""Safeguarding across concerns and organisations: providers, linked concerns, organisational
enquiries, enquiries caused to be made by partners, meetings and route changes.

- **Providers**: a concern names the provider and location involved by public identifiers
  (the Care Quality Commission's location and provider ids; the NHS Organisation Data Service
  code for NHS bodies), with when CQC and the commissioners were told.
- **Linked concerns and organisational (large-scale) enquiries**: concerns about the same
  adult, provider location or person alleged to have caused harm are linked by concern id,
  and concerns grouped into one organisational enquiry share its id, lead and dates
  (:func:`msp.reports.linked.organisational_enquiries` lists a group's concerns).
- **Enquiries caused to be made** (Care Act 2014 s42(2): the authority "must make (or cause to
  be made)" the enquiries it thinks necessary): which organisation makes it, the agreed scope
  and timescale, the report received and the council's check of it.
- **Meetings**: strategy discussions and meetings, case conferences and multi-agency risk
  panels, with attendees by role and agency (never names), decisions and actions with owners.
- **Route changes**: an other enquiry that becomes a section 42 enquiry, or back, with the
  route it left (the decision records the route it took).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import EnquiryRoute, LinkReason, MeetingKind, OrganisationKind, QualityCheckOutcome
from msp.model import _fields as f
from msp.model.plan import PlanAction

__all__ = [
    "Attendee",
    "CausedEnquiry",
    "ConcernLink",
    "Meeting",
    "OrganisationalEnquiry",
    "ProviderInvolved",
    "RouteChange",
]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ProviderInvolved(f.Record):
    """The provider and location a concern is about, by public identifiers, and who was told."""

    kind: OrganisationKind | None = f.code(OrganisationKind, doc="the kind of organisation")
    cqc_location_id: str | None = f.opt_ident(doc="the Care Quality Commission location id (e.g. 1-123456789)")
    cqc_provider_id: str | None = f.opt_ident(doc="the Care Quality Commission provider id")
    ods_code: str | None = f.opt_ident(doc="the NHS Organisation Data Service code, for an NHS body")
    cqc_informed_on: date | None = f.day(
        doc="when the Care Quality Commission was told",
        law="Health and Social Care Act 2008 (Regulated Activities) Regulations 2014 reg 13",
    )
    commissioners_informed_on: date | None = f.day(doc="when the commissioners of the service were told")

    @property
    def identified(self) -> bool:
        """A public identifier of the provider or location is recorded."""
        return any((self.cqc_location_id, self.cqc_provider_id, self.ods_code))


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ConcernLink(f.Record):
    """A link from this concern to another."""

    concern_id: str = f.ident(doc="the linked concern's id")
    reason: LinkReason = f.required_code(LinkReason, doc="why they are linked")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class OrganisationalEnquiry(f.Record):
    """The organisational (large-scale) enquiry a concern belongs to: one id, lead and dates shared by
    every concern in the group."""

    enquiry_id: str = f.ident(doc="the organisational enquiry's id")
    lead: str | None = f.text(personal=False, doc="the role or agency that leads it")
    cqc_location_id: str | None = f.opt_ident(doc="the Care Quality Commission location it is about")
    started_on: date | None = f.day(doc="when it started")
    ended_on: date | None = f.day(doc="when it ended")

    def __attrs_post_init__(self) -> None:
        if f.not_before(self.ended_on, self.started_on):
            f.check_all([f.order_problem("$.ended_on", "organisational enquiry ended before it started")])


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class CausedEnquiry(f.Record):
    """An enquiry the council caused another organisation to make, and the council's check of its report
    (Care Act 2014 s42(2))."""

    organisation_kind: OrganisationKind | None = f.code(OrganisationKind, doc="who makes the enquiry")
    organisation_id: str | None = f.opt_ident(doc="its public id (ODS code, CQC provider or location id)")
    scope: str | None = f.text(doc="the agreed scope of the enquiry")
    requested_on: date | None = f.day(doc="when the council asked for it")
    due_on: date | None = f.day(doc="when the report is due (the agreed timescale)")
    report_received_on: date | None = f.day(doc="when the report was received")
    quality_check: QualityCheckOutcome | None = f.code(
        QualityCheckOutcome, doc="the council's check of the report: accepted, returned, not accepted"
    )
    checked_on: date | None = f.day(doc="when the report was checked")
    checked_by: str | None = f.text(personal=False, doc="the role of who checked it, e.g. safeguarding manager")

    def __attrs_post_init__(self) -> None:
        problems = []
        if f.not_before(self.due_on, self.requested_on):
            problems.append(f.order_problem("$.due_on", "report due before it was requested"))
        if f.not_before(self.report_received_on, self.requested_on):
            problems.append(f.order_problem("$.report_received_on", "report received before it was requested"))
        if f.not_before(self.checked_on, self.report_received_on):
            problems.append(f.order_problem("$.checked_on", "report checked before it was received"))
        if problems:
            f.check_all(problems)

    @property
    def report_checked(self) -> bool:
        """The report was received and the council's check of it is recorded."""
        return self.report_received_on is not None and self.quality_check is not None


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Attendee(f.Record):
    """Who took part in a meeting: a role and an agency, never a name."""

    role: str = f.required_text(personal=False, doc="e.g. social worker, police officer, care home manager")
    agency: str | None = f.text(personal=False, doc="e.g. the council, the police, the NHS trust")
    is_the_adult_or_representative: bool | None = f.flag(doc="the adult, or their representative or advocate")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Meeting(f.Record):
    """A strategy discussion or meeting, a case conference or a multi-agency risk panel."""

    kind: MeetingKind = f.required_code(MeetingKind, doc="what kind of meeting")
    held_on: date = f.required_day(doc="when it was held")
    attendees: tuple[Attendee, ...] = f.many(Attendee, "an attendee", doc="who took part, by role and agency")
    decisions: tuple[str, ...] = f.many(str, "text", personal=True, doc="what was decided")
    actions: tuple[PlanAction, ...] = f.many(PlanAction, "an action", doc="actions agreed, each with its owner")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class RouteChange(f.Record):
    """A change of the enquiry's route without closing the case: an other enquiry that becomes a section 42
    enquiry, or back. The section 42 decision records the route now taken."""

    changed_on: date = f.required_day(doc="when the route changed")
    from_route: EnquiryRoute = f.required_code(EnquiryRoute, doc="the route before")
    to_route: EnquiryRoute = f.required_code(EnquiryRoute, doc="the route after")
    reason: str | None = f.text(doc="why")
    decided_by: str | None = f.text(personal=False, doc="the role of who decided")
