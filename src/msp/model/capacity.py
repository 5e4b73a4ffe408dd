"""Mental Capacity Act 2005: capacity decisions and best-interests decisions.

A capacity assessment is about one decision at one time (decision-specific
and time-specific: Mental Capacity Act 2005 s2(1), "in relation to a matter" and
"at the material time"), so each decision carries a coded subject (what it is
about) and domain (health and welfare, or property and financial affairs), and
rules use only the decisions whose subject matters to them. The fields follow
the order the Supreme Court set in *A Local Authority v JB* [2021] UKSC 52: first
the functional test (s3(1): understand, retain, use or weigh, communicate),
then whether an impairment or disturbance of the mind or brain exists, then the
causal link between the two (s2(1)). Best interests follow the s4 checklist.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import CapacityOutcome, ConsulteeKind, DecisionDomain, DecisionMakerKind, DecisionSubject
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["BestInterestsDecision", "CapacityDecision", "Consultee", "FunctionalElement"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class FunctionalElement(f.Record):
    """One element of the s3(1) functional test."""

    able: bool | None = f.flag(doc="``True`` able, ``False`` unable, ``None`` not assessed")
    evidence: str | None = f.text(doc="what the assessor saw or heard")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class Consultee(f.Record):
    """Someone consulted in a best-interests decision (s4(7))."""

    kind: ConsulteeKind = f.required_code(
        ConsulteeKind, doc=("named by the person, carer, interested in welfare, attorney, deputy, IMCA or advocate")
    )
    person_id: str | None = f.opt_ident(doc="pseudonymous id")
    views: str | None = f.text(doc="what they said")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class BestInterestsDecision(f.Record):
    """A best-interests decision under MCA 2005 s4, made only where capacity is lacking."""

    decided_on: date | None = f.day(doc="when")
    decision_maker: DecisionMakerKind | None = f.code(
        DecisionMakerKind,
        doc=(
            "practitioner, attorney, deputy or court (where a valid health-and-welfare LPA or "
            "deputyship covers the decision, the attorney or deputy decides: Mental Capacity Act 2005 ss9-11, 16-20)"
        ),
    )
    decision_maker_role: str | None = f.text(personal=False, doc="the practitioner's role, where one decided")
    decision: str | None = f.text(doc="what was decided")
    wishes_and_feelings: str | None = f.text(doc="past and present wishes and feelings, s4(6)(a)")
    beliefs_and_values: str | None = f.text(doc="s4(6)(b)")
    consulted: tuple[Consultee, ...] = f.many(Consultee, "a consultee", doc="who was consulted, s4(7)")
    no_one_appropriate_to_consult_reason: str | None = f.text(
        doc=(
            'why no one was consulted: s4(7) asks the decision-maker to consult others only "if it '
            'is practicable and appropriate", so a recorded reason is a valid answer'
        ),
        law="Mental Capacity Act 2005 s4(7)",
    )
    person_participated: str | None = f.text(doc="how the person took part, s4(4)")
    may_regain_capacity: bool | None = f.flag(doc="whether they may regain capacity, s4(3)")
    less_restrictive_options_considered: bool | None = f.flag(doc="s1(6)")
    less_restrictive_options: str | None = f.text(doc="what was considered")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class CapacityDecision(f.Record):
    """An assessment of the adult's capacity to make one specific decision at one time."""

    decision_id: str | None = f.opt_ident(doc="pseudonymous id of this assessment")
    decision: str | None = f.text(
        doc=(
            'the specific decision (e.g. "whether to accept a safeguarding plan restricting '
            'contact"). "Lacks capacity" with no decision named is, in law, meaningless'
        )
    )
    subject: DecisionSubject | None = f.code(
        DecisionSubject,
        doc=(
            "what the decision is about (taking part in the enquiry, ceasing it, a protective measure, "
            "accommodation, care and support, finances and property, medical treatment, other)"
        ),
        law="Mental Capacity Act 2005 s2(1)",
    )
    domain: DecisionDomain | None = f.code(
        DecisionDomain,
        doc=(
            "health and welfare, or property and financial affairs; where not given it follows from "
            "the subject (see :attr:`decision_domain`)"
        ),
        law="Mental Capacity Act 2005 ss9-11, 16",
    )
    assessed_on: date | None = f.day(doc="when")
    assessor_role: str | None = f.text(personal=False, doc="e.g. social worker")
    practicable_steps: tuple[str, ...] = f.many(
        str, "text", personal=True, doc="steps taken to help the person decide", law="Mental Capacity Act 2005 s1(3)"
    )
    understand: FunctionalElement | None = f.part(
        FunctionalElement,
        doc="whether the person can understand the information relevant to the decision",
        law="Mental Capacity Act 2005 s3(1)",
    )
    retain: FunctionalElement | None = f.part(
        FunctionalElement, doc="whether the person can retain that information", law="Mental Capacity Act 2005 s3(1)"
    )
    use_or_weigh: FunctionalElement | None = f.part(
        FunctionalElement,
        doc="whether the person can use or weigh that information as part of deciding",
        law="Mental Capacity Act 2005 s3(1)",
    )
    communicate: FunctionalElement | None = f.part(
        FunctionalElement,
        doc="whether the person can communicate the decision (by any means)",
        law="Mental Capacity Act 2005 s3(1)",
    )
    impairment: bool | None = f.flag(
        doc=("an impairment of, or disturbance in the functioning of, the mind or brain is present (s2(1))")
    )
    impairment_description: str | None = f.text(doc="what it is")
    causal_link: bool | None = f.flag(doc="the inability to decide is *because of* the impairment")
    causal_link_evidence: str | None = f.text(doc="why")
    considered_unwise: bool | None = f.flag(
        doc=("the assessor thinks the person's choice unwise, which alone never shows incapacity, s1(4)")
    )
    outcome: CapacityOutcome | None = f.code(CapacityOutcome, doc="the conclusion for this decision")
    decision_covered_by_attorney_or_deputy: bool | None = f.flag(
        doc=(
            "a registered LPA or a deputyship of this decision's domain covers this decision (a "
            "health-and-welfare LPA only where the person lacks capacity, Mental Capacity Act 2005 "
            "s11(7)(a)); the rules cross-check it against the adult's representatives"
        )
    )
    imca_considered: bool | None = f.flag(doc="whether instructing an IMCA was considered")
    best_interests: BestInterestsDecision | None = f.part(
        BestInterestsDecision, doc="the best-interests decision, where capacity is lacking"
    )

    def __attrs_post_init__(self) -> None:
        bi = self.best_interests
        if bi is not None and f.not_before(bi.decided_on, self.assessed_on):
            f.check_all(
                [
                    Problem(
                        code="SHAPE-DATE-ORDER",
                        path="$.best_interests.decided_on",
                        message="best-interests decision is dated before the capacity assessment",
                    ),
                ]
            )

    @property
    def decision_domain(self) -> DecisionDomain | None:
        """The domain: as recorded, else the one the subject belongs to (``None`` if neither says)."""
        if self.domain is not None:
            return self.domain
        return None if self.subject is None else self.subject.domain

    @property
    def lacks_capacity(self) -> bool:
        """The assessment concluded the person lacks capacity for this decision."""
        return self.outcome is CapacityOutcome.LACKS_CAPACITY

    @property
    def functional_elements(self) -> tuple[tuple[str, FunctionalElement | None], ...]:
        """The four s3(1) elements with their names, in statutory order."""
        return (
            ("understand", self.understand),
            ("retain", self.retain),
            ("use_or_weigh", self.use_or_weigh),
            ("communicate", self.communicate),
        )

    @property
    def functional_test_failed(self) -> bool:
        """True where at least one element was assessed as unable."""
        return any(el is not None and el.able is False for _, el in self.functional_elements)

    @property
    def supports_lack_of_capacity(self) -> bool:
        """True where the record shows all three parts the law needs to find a
        lack of capacity: a failed functional element, an impairment, and the
        causal link (s2(1), s3(1); JB [2021] UKSC 52)."""
        return self.functional_test_failed and self.impairment is True and self.causal_link is True
