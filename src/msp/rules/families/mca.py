"""MCA-: Mental Capacity Act 2005 rules on capacity and best-interests decisions.

Capacity is presumed (s1(2)); a person is not unable to decide unless all
practicable steps have failed (s1(3)); an unwise decision alone is not
incapacity (s1(4)); lacking capacity needs a failed element of the functional
test (s3(1)) *because of* an impairment or disturbance of the mind or brain
(s2(1)), tested functional-first (*A Local Authority v JB* [2021] UKSC 52);
best interests follow the s4 checklist; a valid attorney or deputy decides
what their authority covers (reference.md §3).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.codes import CapacityLacked, CapacityOutcome, ConsulteeKind, DecisionMakerKind, RepresentativeKind
from msp.model.adult import Representative
from msp.model.concern import Concern
from msp.rules._declare import builtin_rule, only_if
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Severity, fail
from msp.rules.facts import (
    ALL_STAGES,
    AT_CLOSURE,
    FROM_CONCLUSION,
    SEED_MYTHS,
    SEED_PRACTICE,
    decisions,
    has_capacity_decisions,
    has_enquiry,
    lacks_capacity,
)

__all__: list[str] = []

_LACKS = CapacityOutcome.LACKS_CAPACITY


@builtin_rule(
    code="MCA-001",
    title="A capacity assessment names the specific decision",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 s2(1) 'in relation to a matter': capacity is decision-specific (reference.md §3.3)",
    fields=("$.capacity_decisions[*].decision",),
)
@only_if(has_capacity_decisions)
def decision_specific(c: Concern) -> CheckResult:
    """Fail for each capacity assessment that does not name its decision."""
    if not c.capacity_decisions:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.decision", "the capacity assessment names no specific decision")
        for p, d in decisions(c)
        if not d.decision
    ]


@builtin_rule(
    code="MCA-002",
    title="A capacity assessment is dated",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 s2(1) 'at the material time': capacity is time-specific (reference.md §3.3)",
    fields=("$.capacity_decisions[*].assessed_on",),
)
@only_if(has_capacity_decisions)
def time_specific(c: Concern) -> CheckResult:
    """Fail for each capacity assessment with no date."""
    if not c.capacity_decisions:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.assessed_on", "the capacity assessment is not dated")
        for p, d in decisions(c)
        if d.assessed_on is None
    ]


@builtin_rule(
    code="MCA-003",
    title="Lack of capacity is shown, not assumed: a failed functional element, an impairment and the causal link",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference=(
        "MCA 2005 s1(2) presumption of capacity; s2(1) and s3(1); A Local Authority v JB [2021] UKSC 52 "
        "(reference.md §3.1-3.4)"
    ),
    fields=(
        "$.capacity_decisions[*].understand",
        "$.capacity_decisions[*].impairment",
        "$.capacity_decisions[*].causal_link",
    ),
)
@only_if(has_capacity_decisions)
def lack_of_capacity_shown(c: Concern) -> CheckResult:
    """Fail for each 'lacks capacity' conclusion missing one of the three legal parts."""
    lacking = [(p, d) for p, d in decisions(c) if d.outcome is _LACKS]
    if not lacking:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for p, d in lacking:
        if not d.functional_test_failed:
            fails.append(
                Fail(f"{p}.understand", "lacks capacity concluded but no element of the functional test failed")
            )
        if d.impairment is not True:
            fails.append(Fail(f"{p}.impairment", "lacks capacity concluded but no impairment of the mind or brain"))
        if d.causal_link is not True:
            fails.append(
                Fail(f"{p}.causal_link", "lacks capacity concluded but the inability is not linked to the impairment")
            )
    return fails


@builtin_rule(
    code="MCA-004",
    title="Practicable steps to help the person decide are recorded before concluding they cannot",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 s1(3) (reference.md §3.1)",
    fields=("$.capacity_decisions[*].practicable_steps",),
)
@only_if(has_capacity_decisions)
def practicable_steps(c: Concern) -> CheckResult:
    """Fail for each 'lacks capacity' conclusion with no practicable steps recorded."""
    lacking = [(p, d) for p, d in decisions(c) if d.outcome is _LACKS]
    if not lacking:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.practicable_steps", "no practicable steps to help the person decide are recorded")
        for p, d in lacking
        if not d.practicable_steps
    ]


@builtin_rule(
    code="MCA-005",
    title="An unwise decision alone is not incapacity: the evidence for a failed element is recorded",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 s1(4) (reference.md §3.1)",
    fields=("$.capacity_decisions[*].causal_link_evidence",),
)
@only_if(has_capacity_decisions)
def unwise_is_not_incapacity(c: Concern) -> CheckResult:
    """Fail where a decision thought unwise is concluded as incapacity without a failed functional element,
    or without evidence for each failed element and for the causal link."""
    unwise = [(p, d) for p, d in decisions(c) if d.considered_unwise is True and d.outcome is _LACKS]
    if not unwise:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for p, d in unwise:
        if not d.functional_test_failed:
            fails.append(
                Fail(f"{p}.understand", "the decision was thought unwise and no element of the functional test failed")
            )
        failed_without_evidence = [
            name for name, el in d.functional_elements if el is not None and el.able is False and not el.evidence
        ]
        fails.extend(
            Fail(f"{p}.{name}.evidence", "the decision was thought unwise and this failed element has no evidence")
            for name in failed_without_evidence
        )
        if not d.causal_link_evidence:
            fails.append(
                Fail(
                    f"{p}.causal_link_evidence", "the decision was thought unwise and the causal link has no evidence"
                ),
            )
    return fails


@builtin_rule(
    code="MCA-006",
    title="Every functional element assessed as 'unable' carries its evidence",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    reference="MCA 2005 s3(1)-(4) (reference.md §3.3)",
    fields=("$.capacity_decisions[*].understand.evidence",),
)
@only_if(has_capacity_decisions)
def functional_evidence(c: Concern) -> CheckResult:
    """Fail for each element assessed as unable with no evidence."""
    assessed = [(p, d) for p, d in decisions(c) if d.functional_test_failed]
    if not assessed:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.{name}.evidence", "an element assessed as 'unable' has no evidence recorded")
        for p, d in assessed
        for name, el in d.functional_elements
        if el is not None and el.able is False and not el.evidence
    ]


@builtin_rule(
    code="MCA-007",
    title="The functional test is recorded for any capacity conclusion (functional test first)",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    reference=(
        "MCA 2005 s3(1); A Local Authority v JB [2021] UKSC 52 and the draft MCA Code of Practice 2022: the "
        "functional test comes before the causative nexus (reference.md §3.4)"
    ),
    fields=("$.capacity_decisions[*].understand",),
)
@only_if(has_capacity_decisions)
def functional_test_recorded(c: Concern) -> CheckResult:
    """Fail where a conclusion was recorded with no element of the functional test assessed."""
    concluded = [(p, d) for p, d in decisions(c) if d.outcome is not None]
    if not concluded:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.understand", "a capacity conclusion is recorded but no functional-test element was assessed")
        for p, d in concluded
        if all(el is None or el.able is None for _, el in d.functional_elements)
    ]


@builtin_rule(
    code="MCA-008",
    title="Best interests are decided only where capacity is lacking",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 s1(5) and s4: best interests apply to a person who lacks capacity (reference.md §3.1, §3.5)",
    fields=("$.capacity_decisions[*].best_interests",),
)
@only_if(has_capacity_decisions)
def best_interests_only_when_lacking(c: Concern) -> CheckResult:
    """Fail for each best-interests decision attached to a decision the person has capacity for (or undecided)."""
    with_bi = [(p, d) for p, d in decisions(c) if d.best_interests is not None]
    if not with_bi:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.best_interests", "a best-interests decision is recorded but lack of capacity is not")
        for p, d in with_bi
        if d.outcome is not _LACKS
    ]


@builtin_rule(
    code="MCA-009",
    title="Where capacity is lacking, a best-interests decision is recorded",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="MCA 2005 s1(5), s4 (reference.md §3.5); seed 001 myth 5 ('make best interests' decisions')",
    source=SEED_MYTHS,
    fields=("$.capacity_decisions[*].best_interests",),
)
@only_if(has_capacity_decisions)
def best_interests_recorded(c: Concern) -> CheckResult:
    """Fail for each decision the person lacks capacity for with no best-interests decision."""
    lacking = [(p, d) for p, d in decisions(c) if d.outcome is _LACKS]
    if not lacking:
        return NOT_APPLICABLE
    return [
        Fail(
            f"{p}.best_interests",
            "the person lacks capacity for this decision but no best-interests decision is recorded",
        )
        for p, d in lacking
        if d.best_interests is None
    ]


@builtin_rule(
    code="MCA-010",
    title="A best-interests decision follows the s4 checklist",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    reference="MCA 2005 s4(3), (4), (6), (7) and s1(6) (reference.md §3.1, §3.5)",
    fields=("$.capacity_decisions[*].best_interests",),
)
@only_if(has_capacity_decisions)
def best_interests_checklist(c: Concern) -> CheckResult:
    """Fail for each missing s4 checklist item in each best-interests decision."""
    with_bi = [(p, d.best_interests) for p, d in decisions(c) if d.best_interests is not None]
    if not with_bi:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for p, bi in with_bi:
        base = f"{p}.best_interests"
        checks = (
            (bi.wishes_and_feelings, "wishes_and_feelings", "past and present wishes and feelings, s4(6)(a)"),
            (bi.beliefs_and_values, "beliefs_and_values", "beliefs and values, s4(6)(b)"),
            (bi.consulted, "consulted", "who was consulted, s4(7)"),
            (bi.person_participated, "person_participated", "how the person took part, s4(4)"),
            (bi.may_regain_capacity is not None, "may_regain_capacity", "whether capacity may be regained, s4(3)"),
            (
                bi.less_restrictive_options_considered is True,
                "less_restrictive_options_considered",
                "less restrictive options, s1(6)",
            ),
        )
        fails.extend(Fail(f"{base}.{name}", f"not recorded: {what}") for present, name, what in checks if not present)
    return fails


@builtin_rule(
    code="MCA-011",
    title="Where a valid attorney or deputy covers the decision, they are the decision-maker",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="MCA 2005 ss9-14 (lasting powers of attorney) and ss16-20 (deputies) (reference.md §3.6)",
    fields=("$.capacity_decisions[*].best_interests.decision_maker",),
)
@only_if(has_capacity_decisions)
def attorney_decides(c: Concern) -> CheckResult:
    """Fail where a practitioner decided what a valid attorney or deputy covers."""
    covered = [
        (p, d)
        for p, d in decisions(c)
        if d.decision_covered_by_attorney_or_deputy is True and d.best_interests is not None
    ]
    if not covered:
        return NOT_APPLICABLE
    allowed = (DecisionMakerKind.ATTORNEY, DecisionMakerKind.DEPUTY, DecisionMakerKind.COURT)
    return [
        Fail(
            f"{p}.best_interests.decision_maker",
            "a valid attorney or deputy covers this decision but they are not recorded as the decision-maker",
        )
        for p, d in covered
        if d.best_interests is not None and d.best_interests.decision_maker not in allowed
    ]


@builtin_rule(
    code="MCA-012",
    title="Instructing an IMCA was considered where the adult lacks capacity and protective measures are proposed",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        "MCA 2005 (Independent Mental Capacity Advocates) (Expansion of Role) Regulations 2006 (SI 2006/2883) "
        "reg 4; SCIE guide 32 (reference.md §3.6)"
    ),
    fields=("$.capacity_decisions[*].imca_considered",),
)
@only_if(has_capacity_decisions)
def imca_considered(c: Concern) -> CheckResult:
    """Fail for each lacks-capacity decision in an enquiry where an IMCA was not considered."""
    lacking = [(p, d) for p, d in decisions(c) if d.outcome is _LACKS]
    if not has_enquiry(c) or not lacking:
        return NOT_APPLICABLE
    return [
        Fail(f"{p}.imca_considered", "no record that instructing an IMCA was considered")
        for p, d in lacking
        if d.imca_considered is not True
    ]


@builtin_rule(
    code="MCA-013",
    title="The adult's attorney (registered LPA) or deputy is consulted in best-interests decisions they do not make",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    reference="MCA 2005 s4(7)(c) and (d) (reference.md §3.5)",
    fields=("$.capacity_decisions[*].best_interests.consulted",),
)
@only_if(has_capacity_decisions)
def attorney_consulted(c: Concern) -> CheckResult:
    """Fail where the adult has an attorney or deputy (s4(7)(c), (d): any donee of a lasting power of
    attorney, any deputy) who neither made nor was consulted on a best-interests decision."""
    has_rep = any(_s4_7_donee_or_deputy(r) for r in c.adult.representatives)
    with_bi = [(p, d.best_interests) for p, d in decisions(c) if d.best_interests is not None]
    if not has_rep or not with_bi:
        return NOT_APPLICABLE
    kinds = (ConsulteeKind.ATTORNEY, ConsulteeKind.DEPUTY)
    deciders = (DecisionMakerKind.ATTORNEY, DecisionMakerKind.DEPUTY)
    return [
        Fail(f"{p}.best_interests.consulted", "the adult's attorney or deputy is not among those consulted")
        for p, bi in with_bi
        if bi.decision_maker not in deciders and not any(x.kind in kinds for x in bi.consulted)
    ]


def _s4_7_donee_or_deputy(r: Representative) -> bool:
    """A donee of a lasting power of attorney (of either kind; an LPA exists once registered) or a
    court-appointed deputy (of either kind): MCA 2005 s4(7)(c) and (d)."""
    if r.kind in (RepresentativeKind.LPA_HEALTH_AND_WELFARE, RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS):
        return r.registered is True
    return r.kind in (RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE, RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS)


@builtin_rule(
    code="MCA-014",
    title="The SG3a capacity value agrees with the capacity assessments on the record",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="SAC SG3a (reference.md §1.3); MCA 2005 s2(1)",
    fields=("$.enquiry.capacity_lacked",),
)
def sg3a_agrees_with_assessments(c: Concern) -> CheckResult:
    """Fail where SG3a says one thing and the assessments on the record another."""
    sg3a = None if c.enquiry is None else c.enquiry.capacity_lacked
    outcomes = {d.outcome for d in c.capacity_decisions if d.outcome is not None}
    if sg3a is None or not outcomes:
        return NOT_APPLICABLE
    if sg3a is CapacityLacked.YES and _LACKS not in outcomes:
        return fail("$.enquiry.capacity_lacked", "SG3a says the adult lacked capacity but no assessment concluded so")
    if sg3a is CapacityLacked.NO and _LACKS in outcomes:
        return fail(
            "$.enquiry.capacity_lacked",
            "SG3a says the adult did not lack capacity but an assessment concluded they did",
        )
    return PASS


@builtin_rule(
    code="MCA-015",
    title="A case is not closed for an adult who lacks capacity without a best-interests decision "
    "or a representative or advocate involved",
    severity=Severity.ERROR,
    stages=AT_CLOSURE,
    reference=(
        "MCA 2005 s1(5), s4 (reference.md §3.5); seed 000 misconceptions: conversations 'should still be had "
        "with the adult at risk or their representative'; seed 001 myth 5"
    ),
    source=SEED_PRACTICE,
    fields=("$.capacity_decisions[*].best_interests", "$.adult.representatives", "$.adult.advocates"),
)
def closure_when_lacking_capacity(c: Concern) -> CheckResult:
    """Fail where an adult who lacks capacity had neither a best-interests decision nor anyone to speak for them."""
    if not lacks_capacity(c):
        return NOT_APPLICABLE
    adult = c.adult
    if any(d.outcome is _LACKS and d.best_interests is not None for d in c.capacity_decisions):
        return PASS
    if any(r.involved for r in adult.representatives) or any(a.involved for a in adult.advocates):
        return PASS
    return fail(
        "$.capacity_decisions",
        "the adult lacks capacity but there is no best-interests decision and no representative or advocate involved",
    )
