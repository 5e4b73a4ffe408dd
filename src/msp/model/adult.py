"""The adult at risk: who they are (pseudonymously), their strengths and who they want involved.

Making Safeguarding Personal starts with the person: their strengths
("personal strengths and social and community networks"), who else they
would like involved, and whether they need a representative or advocate
(LGA Making Safeguarding Personal toolkit). Representatives follow
the Mental Capacity Act 2005 (lasting powers of attorney, ss9-14; deputies,
ss16-20) and advocates the Care Act 2014 ss67-68 and the IMCA scheme
(Mental Capacity Act 2005 ss35-41).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import (
    AdvocateKind,
    Census2021EthnicGroup,
    DetailedPrimarySupportReason,
    HealthCondition,
    NhsEthnicCategory,
    NhsGenderIdentity,
    PrimarySupportReason,
    RepresentativeKind,
    SacEthnicity,
    StrengthKind,
)
from msp.codes.mappings import (
    DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON,
    sac_ethnicity_from_census_2021,
    sac_ethnicity_from_nhs,
)
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["Adult", "Advocate", "PersonInvolved", "Representative", "Strength"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Strength(f.Record):
    """Something the adult can build on: a personal strength or a network."""

    kind: StrengthKind = f.required_code(StrengthKind, doc="personal, family network, or social/community network")
    description: str | None = f.text(doc="the strength, as recorded")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class PersonInvolved(f.Record):
    """Someone the adult does, or does not, want involved in the safeguarding work."""

    person_id: str | None = f.opt_ident(doc="pseudonymous id of the person, where the case system has one")
    relationship: str | None = f.text(doc="e.g. daughter, neighbour, key worker")
    adult_wants_involved: bool | None = f.flag(
        doc=("the adult's own wish; ``False`` records someone they do not want involved, which matters as much")
    )
    involved: bool | None = f.flag(doc="whether they were in fact involved")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Representative(f.Record):
    """A person who represents the adult: family or friend, attorney or deputy."""

    kind: RepresentativeKind = f.required_code(
        RepresentativeKind, doc="the authority they act under (MCA 2005 ss9-20), or family/friend"
    )
    person_id: str | None = f.opt_ident(doc="pseudonymous id")
    relationship: str | None = f.text(doc="relationship to the adult")
    registered: bool | None = f.flag(
        doc=(
            "for an attorney, whether the power is registered with the Office of the Public "
            "Guardian (an unregistered LPA cannot be used)"
        )
    )
    paid_or_professional: bool | None = f.flag(
        doc=(
            "engaged in providing care or treatment professionally or for pay (Care Act "
            's67(5)(b): such a person cannot be the "appropriate person" that removes the duty to '
            "advocate)"
        )
    )
    involved: bool | None = f.flag(doc="whether they took part in this safeguarding work")
    adult_consents: bool | None = f.flag(
        doc=(
            "the adult, having capacity, consents to this person representing and supporting them "
            '(needed before they can be the "appropriate person")'
        ),
        law="Care Act 2014 s67(6)(a), applied by s68(5)",
    )
    in_best_interests: bool | None = f.flag(
        doc=(
            "where the adult lacks capacity to consent, the authority is satisfied that representation by "
            "this person is in the adult's best interests"
        ),
        law="Care Act 2014 s67(6)(b), applied by s68(5)",
    )
    implicated_in_enquiry: bool | None = f.flag(
        doc=(
            "this person is implicated in the enquiry (for example alleged to have caused harm): they "
            "cannot be the appropriate person"
        )
    )

    @property
    def can_decide_welfare(self) -> bool:
        """A health-and-welfare attorney (registered) or deputy: the decision-maker
        for the decisions their authority covers (Mental Capacity Act 2005 ss9-11, 16-20)."""
        if self.kind is RepresentativeKind.LPA_HEALTH_AND_WELFARE:
            return self.registered is True
        return self.kind is RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Advocate(f.Record):
    """An independent advocate: Care Act s68 advocate or an IMCA."""

    kind: AdvocateKind = f.required_code(AdvocateKind, doc="Care Act independent advocate, IMCA, or other")
    advocate_id: str | None = f.opt_ident(doc="pseudonymous id")
    requested_on: date | None = f.day(
        doc=(
            "when an advocate was requested (referred to the advocacy service). An urgent enquiry may "
            "start with the advocate requested; the duty must be met during the enquiry"
        )
    )
    instructed_on: date | None = f.day(doc="when instructed")
    involved: bool | None = f.flag(doc="whether the advocate took part")
    acting_as_care_act_advocate: bool | None = f.flag(
        doc=(
            "for an IMCA (or other advocate), whether they also act as the adult's Care Act independent "
            "advocate, which meets the s68 duty"
        ),
        law="Care Act 2014 s68",
    )

    @property
    def meets_section_68(self) -> bool:
        """Whether this advocate can meet the Care Act s68 duty: a Care Act independent advocate, or another
        advocate (such as an IMCA) recorded as acting as the Care Act advocate."""
        return self.kind is AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE or self.acting_as_care_act_advocate is True

    @property
    def arranged(self) -> bool:
        """The advocate was instructed or took part (not only requested)."""
        return self.instructed_on is not None or self.involved is True


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Adult(f.Record):
    """The adult at the centre of a concern, identified pseudonymously.

    Demographic fields hold the source code lists a case system keeps (NHS
    ethnic category or ONS 2021 group, NHS gender identity, the detailed CLD
    primary support reason); the SAC groups are derived from them
    (:mod:`msp.codes.mappings`) so nothing is lost.
    """

    adult_id: str = f.ident(doc="pseudonymous id. Never a name, NHS number or address")
    date_of_birth: date | None = f.day(
        personal=True, doc="needed for the SAC age band and the adult-at-risk age test (18 or over)", sac="SG1a"
    )
    date_of_death: date | None = f.day(
        personal=True,
        doc="SAC age is taken at death (NHS England Safeguarding Adults Collection guidance, SG1a)",
        sac="SG1a",
    )
    gender_identity: NhsGenderIdentity | None = f.code(NhsGenderIdentity, doc="NHS GENDER IDENTITY CODE", sac="SG1b")
    ethnic_category: NhsEthnicCategory | None = f.code(
        NhsEthnicCategory, doc="NHS ETHNIC CATEGORY (2001 Census)", sac="SG1c"
    )
    census_2021_ethnic_group: Census2021EthnicGroup | None = f.code(
        Census2021EthnicGroup,
        doc=(
            "ONS 2021 ethnic group, where that is what the case system keeps. Where both are "
            "given the NHS one is used for SG1c"
        ),
        sac="SG1c",
    )
    primary_support_reason: PrimarySupportReason | None = f.code(
        PrimarySupportReason, doc="SAC level (SG1d), where that is all that is known", sac="SG1d"
    )
    primary_support_reason_detail: DetailedPrimarySupportReason | None = f.code(
        DetailedPrimarySupportReason,
        doc=("the detailed CLD reason; must agree with ``primary_support_reason`` where both are given"),
        sac="SG1d",
    )
    health_conditions: tuple[HealthCondition, ...] = f.many(
        HealthCondition, "a HealthCondition code", doc="SG1e conditions", sac="SG1e"
    )
    has_care_and_support_needs: bool | None = f.flag(
        doc=("s42(1)(a) fact about the adult; the section 42 decision records the authority's view separately")
    )
    communication_needs: str | None = f.text(doc="how the adult communicates best")
    preferred_language: str | None = f.text(personal=False, doc="the adult's preferred language")
    interpreter_needed: bool | None = f.flag(doc="whether an interpreter (spoken or sign language) is needed")
    communication_support_needed: bool | None = f.flag(
        doc=(
            "whether the adult needs communication support because of a disability or sensory loss "
            "(a reasonable adjustment: Equality Act 2010 s20, s29(7); the Accessible Information "
            "Standard, DCB1605, where it applies)"
        ),
        law="Equality Act 2010 s20",
    )
    strengths: tuple[Strength, ...] = f.many(Strength, "a strength", doc="personal strengths and networks")
    people_involved: tuple[PersonInvolved, ...] = f.many(
        PersonInvolved, "a person involved", doc="who the adult wants (or does not want) involved"
    )
    representatives: tuple[Representative, ...] = f.many(
        Representative, "a representative", doc="family or friends, attorneys and deputies"
    )
    advocates: tuple[Advocate, ...] = f.many(Advocate, "an advocate", doc="independent advocates")

    def __attrs_post_init__(self) -> None:
        if self.date_of_death is None and self.primary_support_reason_detail is None:
            return  # nothing to compare: most adults
        problems = []
        if f.not_before(self.date_of_death, self.date_of_birth):
            problems.append(f.order_problem("$.date_of_death", "date of death is before date of birth"))
        detail, group = self.primary_support_reason_detail, self.primary_support_reason
        if detail is not None and group is not None and DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[detail] is not group:
            problems.append(
                Problem(
                    code="SHAPE-CONFLICT",
                    path="$.primary_support_reason_detail",
                    message="detailed primary support reason is not under the SAC primary support reason given",
                ),
            )
        f.check_all(problems)

    @property
    def sac_ethnicity(self) -> SacEthnicity:
        """SG1c group, from the NHS category if given, else the 2021 Census group."""
        if self.ethnic_category is not None:
            return sac_ethnicity_from_nhs(self.ethnic_category)
        return sac_ethnicity_from_census_2021(self.census_2021_ethnic_group)

    @property
    def sac_primary_support_reason(self) -> PrimarySupportReason:
        """SG1d value: the SAC one if given, else derived from the detail, else Not Known."""
        if self.primary_support_reason is not None:
            return self.primary_support_reason
        if self.primary_support_reason_detail is not None:
            return DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[self.primary_support_reason_detail]
        return PrimarySupportReason.NOT_KNOWN
