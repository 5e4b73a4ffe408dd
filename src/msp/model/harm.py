"""People alleged to have caused harm, and domestic abuse.

A case may have any number of people alleged to have caused harm, each linked to the risks
they relate to (``Risk.risk_id``). Names are never needed: a pseudonymous id, how they
are related to the adult, and what a case system must know to act on the law and guidance:

- a paid carer or volunteer (a referral to the Disclosure and Barring Service under the
  Safeguarding Vulnerable Groups Act 2006, or to a professional regulator, may be due);
- an unpaid carer (a carer's assessment under Care Act 2014 s10 may be due);
- a person in a position of trust (Care and Support Statutory Guidance ch. 14, the section
  on persons in positions of trust, as updated 27 September 2024);
- whether they were told of the concern and given the chance to respond;
- domestic abuse, where they are personally connected to the adult (Domestic Abuse Act
  2021 ss1-2): the risk assessment (DASH, DARA), MARAC referral, an IDVA, controlling or
  coercive behaviour (Serious Crime Act 2015 s76).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import DomesticAbuseRiskLevel, DomesticAbuseRiskTool, Relationship
from msp.model import _fields as f

__all__ = ["DomesticAbuse", "PersonAllegedToHaveCausedHarm"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class DomesticAbuse(f.Record):
    """Domestic abuse by a person alleged to have caused harm: only where the two are personally
    connected and both aged 16 or over (Domestic Abuse Act 2021 s1(2), s2)."""

    personally_connected: bool | None = f.flag(
        doc=(
            "the person and the adult are personally connected: married or civil partners (or agreed to be), "
            "in an intimate personal relationship, parents of the same child, or relatives"
        ),
        law="Domestic Abuse Act 2021 s2",
    )
    risk_tool: DomesticAbuseRiskTool | None = f.code(DomesticAbuseRiskTool, doc="the risk assessment tool used")
    risk_level: DomesticAbuseRiskLevel | None = f.code(DomesticAbuseRiskLevel, doc="the level of risk it found")
    assessed_on: date | None = f.day(doc="when the risk was assessed")
    marac_referred_on: date | None = f.day(
        doc="when the case was referred to a Multi-Agency Risk Assessment Conference (MARAC)"
    )
    no_marac_reason: str | None = f.text(doc="why a high-risk case was not referred to a MARAC")
    idva_involved: bool | None = f.flag(doc="an Independent Domestic Violence Adviser (IDVA) is involved")
    coercive_control_identified: bool | None = f.flag(
        doc="controlling or coercive behaviour was identified", law="Serious Crime Act 2015 s76"
    )

    def __attrs_post_init__(self) -> None:
        if f.not_before(self.marac_referred_on, self.assessed_on):
            f.check_all([f.order_problem("$.marac_referred_on", "MARAC referral is dated before the risk assessment")])


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class PersonAllegedToHaveCausedHarm(f.Record):
    """A person alleged to have caused harm: identified pseudonymously, linked to the risks they
    relate to, with what the law and guidance ask about them."""

    person_id: str = f.ident(doc="pseudonymous id of the person. Never a name")
    risk_ids: tuple[str, ...] = f.many(
        str, "a risk id", personal=False, doc="the ``risk_id`` of each alleged risk they relate to"
    )
    relationship: Relationship | None = f.code(Relationship, doc="how they are related to the adult")
    paid_carer_or_volunteer: bool | None = f.flag(
        doc="they care for or support the adult as a paid worker or a volunteer"
    )
    unpaid_carer: bool | None = f.flag(
        doc="they are an unpaid carer of the adult (a carer's assessment may be due)", law="Care Act 2014 s10"
    )
    carers_assessment_considered: bool | None = f.flag(
        doc="a carer's assessment was considered", law="Care Act 2014 s10"
    )
    has_care_and_support_needs: bool | None = f.flag(doc="they have needs for care and support themselves")
    position_of_trust: bool | None = f.flag(
        doc=(
            "they are in a position of trust: their work or voluntary role brings them into contact with "
            "adults or children with care and support needs"
        ),
        law="Care and Support Statutory Guidance ch. 14, persons in positions of trust",
    )
    pipot_referred_on: date | None = f.day(
        doc="when the concern was passed to the person-in-position-of-trust (PiPoT) lead or the employer"
    )
    pipot_not_referred_reason: str | None = f.text(doc="why no PiPoT referral was made")
    dbs_referred_on: date | None = f.day(
        doc="when a referral was made to the Disclosure and Barring Service",
        law="Safeguarding Vulnerable Groups Act 2006",
    )
    regulator_referred_on: date | None = f.day(
        doc="when a referral was made to a professional regulator (e.g. Social Work England, NMC, HCPC)"
    )
    referral_not_needed_reason: str | None = f.text(doc="why no DBS or professional-regulator referral was made")
    told_of_concern: bool | None = f.flag(doc="they were told of the concern and given the chance to respond")
    not_told_reason: str | None = f.text(doc="why they were not told (for example, it would put the adult at risk)")
    domestic_abuse: DomesticAbuse | None = f.part(
        DomesticAbuse, doc="domestic abuse, where they are personally connected to the adult"
    )

    @property
    def referred_to_dbs_or_regulator(self) -> bool:
        """A DBS or professional-regulator referral is recorded."""
        return self.dbs_referred_on is not None or self.regulator_referred_on is not None
