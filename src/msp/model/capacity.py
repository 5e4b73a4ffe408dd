"""Mental Capacity Act 2005: capacity decisions and best-interests decisions.

A capacity assessment is about one decision at one time (decision-specific
and time-specific, reference.md §3.3). The fields follow the order the Supreme
Court set in *A Local Authority v JB* [2021] UKSC 52 (reference.md §3.4): first
the functional test (s3(1): understand, retain, use or weigh, communicate),
then whether an impairment or disturbance of the mind or brain exists, then the
causal link between the two (s2(1)). Best interests follow the s4 checklist
(reference.md §3.5).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import CapacityOutcome, ConsulteeKind, DecisionMakerKind
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["BestInterestsDecision", "CapacityDecision", "Consultee", "FunctionalElement"]


@attrs.frozen(slots=True, kw_only=True)
class FunctionalElement:
    """One element of the s3(1) functional test.

    Attributes:
        able: ``True`` able, ``False`` unable, ``None`` not assessed.
        evidence: what the assessor saw or heard (personal).
    """

    able: bool | None = f.flag()
    evidence: str | None = f.text()


@attrs.frozen(slots=True, kw_only=True)
class Consultee:
    """Someone consulted in a best-interests decision (s4(7)).

    Attributes:
        kind: named by the person, carer, interested in welfare, attorney,
            deputy, IMCA or advocate.
        person_id: pseudonymous id.
        views: what they said (personal).
    """

    kind: ConsulteeKind = f.required_code(ConsulteeKind)
    person_id: str | None = f.opt_ident()
    views: str | None = f.text()


@attrs.frozen(slots=True, kw_only=True)
class BestInterestsDecision:
    """A best-interests decision under MCA 2005 s4, made only where capacity is lacking.

    Attributes:
        decided_on: when.
        decision_maker: practitioner, attorney, deputy or court (where a valid
            health-and-welfare LPA or deputyship covers the decision, the
            attorney or deputy decides, reference.md §3.6).
        decision_maker_role: the practitioner's role, where one decided.
        decision: what was decided (personal).
        wishes_and_feelings: past and present wishes and feelings, s4(6)(a) (personal).
        beliefs_and_values: s4(6)(b) (personal).
        consulted: who was consulted, s4(7).
        person_participated: how the person took part, s4(4) (personal).
        may_regain_capacity: whether they may regain capacity, s4(3).
        less_restrictive_options_considered: s1(6).
        less_restrictive_options: what was considered (personal).
    """

    decided_on: date | None = f.day()
    decision_maker: DecisionMakerKind | None = f.code(DecisionMakerKind)
    decision_maker_role: str | None = f.text(personal=False)
    decision: str | None = f.text()
    wishes_and_feelings: str | None = f.text()
    beliefs_and_values: str | None = f.text()
    consulted: tuple[Consultee, ...] = f.many(Consultee, "a consultee")
    person_participated: str | None = f.text()
    may_regain_capacity: bool | None = f.flag()
    less_restrictive_options_considered: bool | None = f.flag()
    less_restrictive_options: str | None = f.text()


@attrs.frozen(slots=True, kw_only=True)
class CapacityDecision:
    """An assessment of the adult's capacity to make one specific decision at one time.

    Attributes:
        decision_id: pseudonymous id of this assessment.
        decision: the specific decision (e.g. "whether to accept a safeguarding
            plan restricting contact"); personal. "Lacks capacity" with no
            decision named is, in law, meaningless.
        assessed_on: when.
        assessor_role: e.g. social worker.
        practicable_steps: steps taken to help the person decide, s1(3) (personal).
        understand, retain, use_or_weigh, communicate: the s3(1) elements.
        impairment: an impairment of, or disturbance in the functioning of,
            the mind or brain is present (s2(1)).
        impairment_description: what it is (personal).
        causal_link: the inability to decide is *because of* the impairment.
        causal_link_evidence: why (personal).
        considered_unwise: the assessor thinks the person's choice unwise,
            which alone never shows incapacity, s1(4).
        outcome: the conclusion for this decision.
        decision_covered_by_attorney_or_deputy: a valid health-and-welfare
            LPA or deputyship covers this decision.
        imca_considered: whether instructing an IMCA was considered.
        best_interests: the best-interests decision, where capacity is lacking.
    """

    decision_id: str | None = f.opt_ident()
    decision: str | None = f.text()
    assessed_on: date | None = f.day()
    assessor_role: str | None = f.text(personal=False)
    practicable_steps: tuple[str, ...] = f.many(str, "text", personal=True)
    understand: FunctionalElement | None = f.part(FunctionalElement)
    retain: FunctionalElement | None = f.part(FunctionalElement)
    use_or_weigh: FunctionalElement | None = f.part(FunctionalElement)
    communicate: FunctionalElement | None = f.part(FunctionalElement)
    impairment: bool | None = f.flag()
    impairment_description: str | None = f.text()
    causal_link: bool | None = f.flag()
    causal_link_evidence: str | None = f.text()
    considered_unwise: bool | None = f.flag()
    outcome: CapacityOutcome | None = f.code(CapacityOutcome)
    decision_covered_by_attorney_or_deputy: bool | None = f.flag()
    imca_considered: bool | None = f.flag()
    best_interests: BestInterestsDecision | None = f.part(BestInterestsDecision)

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
