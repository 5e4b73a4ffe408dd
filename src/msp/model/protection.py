"""Crime and the police, children who may be at risk, deprivation of liberty, and pauses of the enquiry.

- **Crime**: whether a crime may have been committed, of what kind (including ill-treatment
  or wilful neglect of a person who lacks capacity, Mental Capacity Act 2005 s44, and by a
  care worker or care provider, Criminal Justice and Courts Act 2015 ss20-21), whether the
  police were told and lead, and the adult's view of police involvement.
- **Children**: a judgement that a child may be at risk of harm, and the referral to
  children's services or why none was made (Children Act 1989 s47; Working Together to
  Safeguard Children 2023). The rules act on the judgement, never on the mere presence of
  children.
- **Liberty**: whether a protective measure amounts to a deprivation of liberty and how it
  is authorised (Mental Capacity Act 2005 Sch A1 in hospitals and care homes; a Court of
  Protection order, s16(2)(a) and s4A(3), elsewhere; s4B while a court decision is sought;
  the Mental Health Act 1983; the High Court's inherent jurisdiction).
- **Pauses**: a police-led or court process may pause the enquiry; the workflow records
  each pause and its end (:func:`msp.workflow.steps.pause_enquiry`).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import ChildRiskReason, CrimeKind, LibertyAuthorisation
from msp.model import _fields as f

__all__ = ["ChildrenAtRisk", "CrimeAndPolice", "DeprivationOfLiberty", "EnquiryPause"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class CrimeAndPolice(f.Record):
    """Whether a crime may have been committed, and the police's part."""

    crime_suspected: bool | None = f.flag(doc="a crime may have been committed")
    kinds: tuple[CrimeKind, ...] = f.many(CrimeKind, "a CrimeKind code", doc="which kinds of crime")
    police_informed_on: date | None = f.day(doc="when the police were told")
    no_police_reason: str | None = f.text(doc="why the police were not told")
    crime_reference: str | None = f.text(
        doc="the police crime reference, kept as given (personal: it leads to a police record)"
    )
    police_leading: bool | None = f.flag(doc="the police lead an investigation")
    adults_view: str | None = f.text(doc="the adult's view on the police being involved")

    @property
    def police_informed(self) -> bool:
        """The police were told (a date, a crime reference or a police-led investigation is recorded)."""
        return self.police_informed_on is not None or bool(self.crime_reference) or self.police_leading is True


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class ChildrenAtRisk(f.Record):
    """A judgement that a child may be at risk of harm, and what was done about it."""

    child_may_be_at_risk: bool | None = f.flag(
        doc="the practitioner judges that a child may be at risk of harm", law="Children Act 1989 s47"
    )
    reasons: tuple[ChildRiskReason, ...] = f.many(
        ChildRiskReason,
        "a ChildRiskReason code",
        doc="why: a child in the household, or cared for by the person alleged to have caused harm",
    )
    referred_on: date | None = f.day(doc="when children's services were told")
    not_referred_reason: str | None = f.text(doc="why children's services were not told")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class DeprivationOfLiberty(f.Record):
    """Whether a protective measure deprives the adult of their liberty, and its authorisation."""

    amounts_to_deprivation: bool | None = f.flag(
        doc="the measure amounts to a deprivation of liberty (the adult is under continuous supervision "
        "and control and not free to leave)",
        law="Mental Capacity Act 2005 s4A",
    )
    authorisation: LibertyAuthorisation | None = f.code(
        LibertyAuthorisation, doc="how it is authorised, or that an application awaits a decision"
    )
    applied_on: date | None = f.day(doc="when authorisation was applied for")
    authorised_on: date | None = f.day(doc="when it was authorised")
    not_authorised_reason: str | None = f.text(doc="why it is not authorised")

    def __attrs_post_init__(self) -> None:
        if f.not_before(self.authorised_on, self.applied_on):
            f.check_all([f.order_problem("$.authorised_on", "authorised before it was applied for")])

    @property
    def authorisation_recorded(self) -> bool:
        """Anything at all is recorded about authorisation."""
        return (
            self.authorisation is not None
            or self.applied_on is not None
            or self.authorised_on is not None
            or bool(self.not_authorised_reason)
        )


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class EnquiryPause(f.Record):
    """A pause of the enquiry while a police-led or court process runs, and its end."""

    paused_on: date = f.required_day(doc="when the enquiry was paused")
    resumed_on: date | None = f.day(doc="when it resumed (``None`` while paused)")
    reason: str | None = f.text(doc="why it was paused")
    police_or_court_led: bool | None = f.flag(doc="a police-led or court process is the reason for the pause")

    def __attrs_post_init__(self) -> None:
        if f.not_before(self.resumed_on, self.paused_on):
            f.check_all([f.order_problem("$.resumed_on", "enquiry resumed before it was paused")])

    def days_paused(self, until: date) -> int:
        """Calendar days paused up to ``until`` (the resumption, if earlier)."""
        end = self.resumed_on if self.resumed_on is not None and self.resumed_on < until else until
        return max(0, (end - self.paused_on).days)
