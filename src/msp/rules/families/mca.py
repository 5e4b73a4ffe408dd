"""MCA-: Mental Capacity Act 2005 rules on capacity and best-interests decisions.

Capacity is presumed (s1(2)); a person is not unable to decide unless all
practicable steps have failed (s1(3)); an unwise decision alone is not
incapacity (s1(4)); lacking capacity needs a failed element of the functional
test (s3(1)) *because of* an impairment or disturbance of the mind or brain
(s2(1)), tested functional-first (*A Local Authority v JB* [2021] UKSC 52);
best interests follow the s4 checklist; a valid attorney or deputy decides
what their authority covers (ss9-20). The Mental Capacity Act 2005 Code of
Practice (2007) sets out the same points for practitioners. No one is deprived
of liberty without authority (s4A, s4B, Sch A1; s16(2)(a)).

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   MCA-017 to MCA-021: acting without consent on the lacks-capacity ground, ceasing an enquiry for
   an adult who lacks capacity to decide it, and deprivation of liberty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from msp.codes import (
    AdvocateKind,
    CapacityLacked,
    CapacityOutcome,
    CaseStage,
    ConsentGround,
    ConsulteeKind,
    DecisionMakerKind,
    DecisionSubject,
    LibertyAuthorisation,
)
from msp.model.adult import Representative
from msp.model.capacity import BestInterestsDecision, CapacityDecision
from msp.model.concern import ActingWithoutConsent, Concern
from msp.model.protection import DeprivationOfLiberty
from msp.rules._declare import Family, only_if
from msp.rules._shapes import for_each
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, JsonPath, Paths
from msp.rules.facts import (
    acting_without_consent_of,
    attorney_or_deputy_covers,
    attorneys_and_deputies_for,
    capacity_decisions_of,
    ended_at_adults_request,
    has_enquiry,
    lacks_capacity_for,
    named_capacity_decision,
    represented,
)

__all__ = ["RULES"]

RULES: Final = Family.load(__name__)
"""The MCA- rules: the catalogue in ``mca.json`` and a check for each."""

_LACKS = CapacityOutcome.LACKS_CAPACITY
_DECISIONS = JsonPath("$.capacity_decisions[*]")
"""Each capacity decision: the paths of the parts a rule names without declaring them start here."""

_Decisions = tuple[CapacityDecision, ...]
"""The capacity decisions on a record, in order (an index is the decision's index in its JSON path)."""


def _lacking(d: CapacityDecision) -> bool:
    """The decision concludes the person lacks capacity."""
    return d.outcome is _LACKS


def _concluded(d: CapacityDecision) -> bool:
    """The decision records a conclusion."""
    return d.outcome is not None


def _with_best_interests(d: CapacityDecision) -> bool:
    """A best-interests decision is recorded for it."""
    return d.best_interests is not None


def _with_best_interests_covered(c: Concern) -> tuple[tuple[int, CapacityDecision], ...] | None:
    """The decisions with a best-interests decision that an attorney or deputy covers
    (:func:`~msp.rules.facts.attorney_or_deputy_covers`), with their indices."""
    found = tuple(
        (i, d)
        for i, d in enumerate(c.capacity_decisions)
        if d.best_interests is not None and attorney_or_deputy_covers(c, d)
    )
    return found or None


@attrs.frozen(slots=True)
class _Any:
    """A condition (see only_if): ``chosen`` is true of one of the capacity decisions."""

    chosen: Callable[[CapacityDecision], bool]

    def __call__(self, c: Concern) -> bool:
        return any(self.chosen(d) for d in c.capacity_decisions)


_LACKING: Final = _Any(_lacking)
_CONCLUDED: Final = _Any(_concluded)
_WITH_BEST_INTERESTS: Final = _Any(_with_best_interests)


def _unevidenced(d: CapacityDecision) -> list[str]:
    """The functional elements assessed as unable that carry no evidence."""
    return [name for name, el in d.functional_elements if el is not None and el.able is False and not el.evidence]


@RULES.check("MCA-001")
@only_if(capacity_decisions_of)
@for_each("the capacity assessment names no specific decision")
def decision_specific(d: CapacityDecision) -> bool:
    """A capacity assessment that does not name its decision."""
    return not d.decision


@RULES.check("MCA-002")
@only_if(capacity_decisions_of)
@for_each("the capacity assessment is not dated")
def time_specific(d: CapacityDecision) -> bool:
    """A capacity assessment with no date."""
    return d.assessed_on is None


@RULES.check("MCA-003")
@only_if(capacity_decisions_of, _LACKING)
def lack_of_capacity_shown(ds: _Decisions, at: Paths) -> CheckResult:
    """Fail for each 'lacks capacity' conclusion missing one of the three legal parts."""
    return [
        Fail(path.at(i), f"lacks capacity concluded but {what}")
        for i, d in enumerate(ds)
        if _lacking(d)
        for shown, path, what in (
            (d.functional_test_failed, at.understand, "no element of the functional test failed"),
            (d.impairment is True, at.impairment, "no impairment of the mind or brain"),
            (d.causal_link is True, at.causal_link, "the inability is not linked to the impairment"),
        )
        if not shown
    ]


@RULES.check("MCA-004")
@only_if(capacity_decisions_of, _LACKING)
@for_each("no practicable steps to help the person decide are recorded")
def practicable_steps(d: CapacityDecision) -> bool:
    """A 'lacks capacity' conclusion with no practicable steps recorded."""
    return _lacking(d) and not d.practicable_steps


@RULES.check("MCA-005")
@only_if(capacity_decisions_of)
def unwise_is_not_incapacity(ds: _Decisions, at: Paths) -> CheckResult:
    """Fail where a decision thought unwise is concluded as incapacity without a failed functional element,
    or without evidence for each failed element and for the causal link."""
    unwise = [(i, d) for i, d in enumerate(ds) if d.considered_unwise is True and d.outcome is _LACKS]
    if not unwise:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i, d in unwise:
        if not d.functional_test_failed:
            fails += (_DECISIONS / "understand").fail(
                "the decision was thought unwise and no element of the functional test failed", i
            )
        fails.extend(
            Fail(
                (_DECISIONS / name / "evidence").at(i),
                "the decision was thought unwise and this failed element has no evidence",
            )
            for name in _unevidenced(d)
        )
        if not d.causal_link_evidence:
            fails += at.causal_link_evidence.fail(
                "the decision was thought unwise and the causal link has no evidence", i
            )
    return fails


@RULES.check("MCA-006")
@only_if(capacity_decisions_of)
def functional_evidence(ds: _Decisions, _at: Paths) -> CheckResult:
    """Fail for each element assessed as unable with no evidence (the catalogue names the first element's
    evidence for all four)."""
    assessed = [(i, d) for i, d in enumerate(ds) if d.functional_test_failed]
    if not assessed:
        return NOT_APPLICABLE
    return [
        Fail((_DECISIONS / name / "evidence").at(i), "an element assessed as 'unable' has no evidence recorded")
        for i, d in assessed
        for name in _unevidenced(d)
    ]


@RULES.check("MCA-007")
@only_if(capacity_decisions_of, _CONCLUDED)
@for_each("a capacity conclusion is recorded but no functional-test element was assessed")
def functional_test_recorded(d: CapacityDecision) -> bool:
    """A conclusion recorded with no element of the functional test assessed."""
    return d.outcome is not None and all(el is None or el.able is None for _, el in d.functional_elements)


@RULES.check("MCA-008")
@only_if(capacity_decisions_of, _WITH_BEST_INTERESTS)
@for_each("a best-interests decision is recorded but lack of capacity is not")
def best_interests_only_when_lacking(d: CapacityDecision) -> bool:
    """A best-interests decision attached to a decision the person has capacity for (or undecided)."""
    return d.best_interests is not None and not _lacking(d)


@RULES.check("MCA-009")
@only_if(capacity_decisions_of, _LACKING)
@for_each("the person lacks capacity for this decision but no best-interests decision is recorded")
def best_interests_recorded(d: CapacityDecision) -> bool:
    """A decision the person lacks capacity for with no best-interests decision.

    Not a decision about taking part in the enquiry: the enquiry goes ahead under Care Act 2014
    s42(2) whatever the adult's capacity, and what follows for their involvement is the s68
    advocacy duty (CA-010), not a best-interests decision.
    """
    return _lacking(d) and d.best_interests is None and d.subject is not DecisionSubject.TAKING_PART_IN_ENQUIRY


def _checklist_gaps(bi: BestInterestsDecision) -> list[tuple[str, str]]:
    """Each s4 checklist item the decision does not record: its field and what it is."""
    checks = (
        (bi.wishes_and_feelings, "wishes_and_feelings", "past and present wishes and feelings, s4(6)(a)"),
        (bi.beliefs_and_values, "beliefs_and_values", "beliefs and values, s4(6)(b)"),
        (
            bi.consulted or bi.no_one_appropriate_to_consult_reason,
            "consulted",
            "who was consulted, or why no one appropriate could be, s4(7)",
        ),
        (bi.person_participated, "person_participated", "how the person took part, s4(4)"),
        (bi.may_regain_capacity is not None, "may_regain_capacity", "whether capacity may be regained, s4(3)"),
        (
            bi.less_restrictive_options_considered is True,
            "less_restrictive_options_considered",
            "less restrictive options, s1(6)",
        ),
    )
    return [(name, what) for present, name, what in checks if not present]


@RULES.check("MCA-010")
@only_if(capacity_decisions_of, _WITH_BEST_INTERESTS)
def best_interests_checklist(ds: _Decisions, at: Paths) -> CheckResult:
    """Fail for each missing s4 checklist item in each best-interests decision."""
    return [
        Fail((at.best_interests / name).at(i), f"not recorded: {what}")
        for i, d in enumerate(ds)
        if d.best_interests is not None
        for name, what in _checklist_gaps(d.best_interests)
    ]


_MAY_DECIDE: Final = (DecisionMakerKind.ATTORNEY, DecisionMakerKind.DEPUTY, DecisionMakerKind.COURT)


@RULES.check("MCA-011")
@only_if(_with_best_interests_covered)
def attorney_decides(found: tuple[tuple[int, CapacityDecision], ...], at: Paths) -> CheckResult:
    """Fail for each decision a valid attorney or deputy covers that they are not recorded as making."""
    return [
        Fail(
            at.decision_maker.at(i),
            "a valid attorney or deputy covers this decision but they are not recorded as the decision-maker",
        )
        for i, d in found
        if d.best_interests is not None and d.best_interests.decision_maker not in _MAY_DECIDE
    ]


def _protective_measure_lacking(d: CapacityDecision) -> bool:
    """The person lacks capacity for a decision about a protective measure."""
    return d.subject is DecisionSubject.PROTECTIVE_MEASURE and _lacking(d)


def _no_imca(c: Concern) -> bool:
    """No IMCA is recorded for the adult."""
    return not any(a.kind is AdvocateKind.IMCA for a in c.adult.advocates)


@RULES.check("MCA-012")
@only_if(capacity_decisions_of, _Any(_protective_measure_lacking), has_enquiry, _no_imca)
@for_each(
    "protective measures are proposed for a person who lacks capacity to decide about them, but no record "
    "that instructing an IMCA was considered"
)
def imca_considered(d: CapacityDecision) -> bool:
    """A decision about a protective measure that the person lacks capacity for, in an enquiry, with no
    IMCA instructed and no record that instructing one was considered (SI 2006/2883 regs 4-5: a power)."""
    return _protective_measure_lacking(d) and d.imca_considered is not True


def _s4_7_donee_or_deputy(r: Representative) -> bool:
    """A donee of a lasting power of attorney (of either kind; an LPA exists once registered) or a
    court-appointed deputy (of either kind): MCA 2005 s4(7)(c) and (d)."""
    if r.kind.is_lasting_power:
        return r.registered is True
    return r.kind.is_deputy


def _has_donee_or_deputy(c: Concern) -> bool:
    """The adult has an attorney or deputy (s4(7)(c), (d))."""
    return any(_s4_7_donee_or_deputy(r) for r in c.adult.representatives)


def _donee_left_out(bi: BestInterestsDecision | None) -> bool:
    """A best-interests decision that the attorney or deputy neither made nor was consulted on."""
    consulted = (ConsulteeKind.ATTORNEY, ConsulteeKind.DEPUTY)
    deciders = (DecisionMakerKind.ATTORNEY, DecisionMakerKind.DEPUTY)
    return bi is not None and bi.decision_maker not in deciders and not any(x.kind in consulted for x in bi.consulted)


@RULES.check("MCA-013")
@only_if(capacity_decisions_of, _WITH_BEST_INTERESTS, _has_donee_or_deputy)
@for_each("the adult's attorney or deputy is not among those consulted")
def attorney_consulted(d: CapacityDecision) -> bool:
    """A best-interests decision that the adult's attorney or deputy (s4(7)(c), (d): any donee of a lasting power
    of attorney, any deputy) neither made nor was consulted on."""
    return _donee_left_out(d.best_interests)


def _sg3a_and_assessments(c: Concern) -> tuple[CapacityLacked, set[CapacityOutcome]] | None:
    """The SG3a value and the outcomes of the capacity assessments, where both are recorded."""
    sg3a = None if c.enquiry is None else c.enquiry.capacity_lacked
    outcomes = set() if sg3a is None else {d.outcome for d in c.capacity_decisions if d.outcome is not None}
    return None if sg3a is None or not outcomes else (sg3a, outcomes)


@RULES.check("MCA-014")
@only_if(_sg3a_and_assessments)
def sg3a_agrees_with_assessments(found: tuple[CapacityLacked, set[CapacityOutcome]], at: Paths) -> CheckResult:
    """Fail where SG3a says one thing and the assessments on the record another."""
    value, outcomes = found
    if value is CapacityLacked.YES and _LACKS not in outcomes:
        return at.capacity_lacked.fail("SG3a says the adult lacked capacity but no assessment concluded so")
    if value is CapacityLacked.NO and _LACKS in outcomes:
        return at.capacity_lacked.fail("SG3a says the adult did not lack capacity but an assessment concluded they did")
    return PASS


_COVERED_BUT_NO_ONE: Final = (
    "the decision is recorded as covered by an attorney or deputy, but no registered attorney or deputy for its "
    "domain is recorded for the adult"
)
_NOT_COVERED_BUT_SOMEONE: Final = (
    "the decision is recorded as not covered, but the adult has a registered attorney or deputy for its domain"
)


def _answers_cover(d: CapacityDecision) -> bool:
    """The decision answers whether an attorney or deputy covers it, and its domain is known."""
    return d.decision_covered_by_attorney_or_deputy is not None and d.decision_domain is not None


def _cover_disagreements(c: Concern) -> tuple[tuple[int, str], ...]:
    """Each capacity decision whose "covered by an attorney or deputy" answer the adult's representatives
    contradict: its index and why."""
    out = []
    for i, d in enumerate(c.capacity_decisions):
        said = d.decision_covered_by_attorney_or_deputy
        if said is None or d.decision_domain is None:
            continue
        holders = attorneys_and_deputies_for(c, d)
        if said and not holders:
            out.append((i, _COVERED_BUT_NO_ONE))
        elif not said and holders:
            out.append((i, _NOT_COVERED_BUT_SOMEONE))
    return tuple(out)


@RULES.check("MCA-016")
@only_if(_Any(_answers_cover))
def attorney_cover_agrees(c: Concern, at: Paths) -> CheckResult:
    """Fail for each decision whose "covered by an attorney or deputy" answer disagrees with the adult's
    representatives (their kind, registration and the decision's domain)."""
    return [Fail(at.decision_covered_by_attorney_or_deputy.at(i), why) for i, why in _cover_disagreements(c)]


# -- acting without consent on the lacks-capacity ground (MCA-017) ------------------------------


def _lacks_capacity_ground(c: Concern) -> tuple[Concern, ActingWithoutConsent] | None:
    """The record and its decision to act without consent, where that decision relies on the adult
    lacking capacity."""
    acting = acting_without_consent_of(c)
    if acting is None or ConsentGround.LACKS_CAPACITY not in acting.grounds:
        return None
    return (c, acting)


@RULES.check("MCA-017")
@only_if(_lacks_capacity_ground)
def lacks_capacity_ground_shown(found: tuple[Concern, ActingWithoutConsent], at: Paths) -> CheckResult:
    """Fail where the lacks-capacity ground names no capacity decision on the record, or names one that found
    the adult has capacity."""
    c, acting = found
    named = named_capacity_decision(c, acting.capacity_decision_id)
    if named is None:
        return at.capacity_decision_id.fail(
            "the decision to act without consent relies on a lack of capacity but names no capacity decision "
            "on the record"
        )
    return at.capacity_decision_id.fail_unless(
        named.outcome is not CapacityOutcome.HAS_CAPACITY,
        "the decision to act without consent relies on a lack of capacity, but the capacity decision it names "
        "found the adult has capacity",
    )


# -- ceasing an enquiry for an adult who lacks capacity to decide it (MCA-018) -----------------


def _ceasing_lacking_capacity(c: Concern) -> tuple[Concern, tuple[CapacityDecision, ...]] | None:
    """The record and its capacity decisions about ceasing the enquiry that found the adult lacks capacity,
    where the enquiry ended at the adult's request."""
    if not ended_at_adults_request(c):
        return None
    lacking = lacks_capacity_for(c, DecisionSubject.CEASING_ENQUIRY)
    return (c, lacking) if lacking else None


def _ceasing_reason_recorded(c: Concern) -> bool:
    """The history's step that ceased the enquiry at the adult's request gives its reason."""
    ceased = [e for e in c.history if e.to_stage is CaseStage.CEASED_AT_ADULTS_REQUEST]
    return bool(ceased) and bool(ceased[-1].reason)


@RULES.check("MCA-018")
@only_if(_ceasing_lacking_capacity)
def ceasing_for_adult_lacking_capacity(found: tuple[Concern, tuple[CapacityDecision, ...]], at: Paths) -> CheckResult:
    """Fail for each of the rationale (the reason on the step that ceased the enquiry), the adult's wishes
    in their own words and an involved representative or advocate that is missing.

    A best-interests decision on the capacity decision about ceasing records all three: with one, the rule
    passes. It is one accepted form of the record, never required.
    """
    c, lacking = found
    if any(d.best_interests is not None for d in lacking):
        return PASS
    return (
        at.rationale.fail_unless(
            _ceasing_reason_recorded(c),
            "the adult lacks capacity to decide whether the enquiry ceases, but why it ceased is not recorded",
        )
        + at.in_own_words.fail_unless(
            c.views is not None and c.views.in_own_words,
            "the adult lacks capacity to decide whether the enquiry ceases, but their wishes are not recorded",
        )
        + at.representatives.fail_unless(
            represented(c.adult),
            "the adult lacks capacity to decide whether the enquiry ceases, but no representative or advocate "
            "is recorded as involved",
        )
    )


# -- deprivation of liberty (MCA-019 to MCA-021) ------------------------------------------------


def _deprivation(c: Concern) -> DeprivationOfLiberty | None:
    """The liberty record, where a protective measure amounts to a deprivation of liberty."""
    liberty = c.liberty
    return liberty if liberty is not None and liberty.amounts_to_deprivation is True else None


@RULES.check("MCA-019")
@only_if(_deprivation)
def deprivation_authorisation_recorded(liberty: DeprivationOfLiberty, at: Paths) -> CheckResult:
    """Fail where a deprivation of liberty records nothing at all about its authorisation."""
    return at.authorisation.fail_unless(
        liberty.authorisation_recorded,
        "a protective measure amounts to a deprivation of liberty but nothing is recorded about its "
        "authorisation: an unauthorised deprivation of liberty is unlawful",
    )


def _pending(liberty: DeprivationOfLiberty) -> bool:
    """An application awaits a decision: recorded as pending, or applied for with no authorisation yet."""
    if liberty.authorisation is LibertyAuthorisation.APPLICATION_PENDING:
        return True
    return liberty.authorisation is None and liberty.applied_on is not None and liberty.authorised_on is None


@RULES.check("MCA-020")
@only_if(_deprivation)
def deprivation_pending(liberty: DeprivationOfLiberty, at: Paths) -> CheckResult:
    """Fail (a flag for review) where authorisation of a deprivation of liberty is awaited."""
    return at.authorisation.fail_unless(
        not _pending(liberty),
        "the deprivation of liberty awaits authorisation: review it until it is authorised (an urgent "
        "authorisation may be needed meanwhile)",
    )


def _not_authorised(liberty: DeprivationOfLiberty) -> bool:
    """Recorded as not authorised: ``none``, or only a reason it is not authorised."""
    if liberty.authorisation is LibertyAuthorisation.NONE:
        return True
    nothing_else = liberty.authorisation is None and liberty.applied_on is None and liberty.authorised_on is None
    return nothing_else and bool(liberty.not_authorised_reason)


@RULES.check("MCA-021")
@only_if(_deprivation)
def deprivation_not_authorised(liberty: DeprivationOfLiberty, at: Paths) -> CheckResult:
    """Fail (a flag for action) where a deprivation of liberty is recorded as not authorised."""
    if not _not_authorised(liberty):
        return PASS
    if not liberty.not_authorised_reason:
        return at.authorisation.fail(
            "the deprivation of liberty is recorded as not authorised, and no reason is recorded: it is unlawful "
            "until authorised"
        )
    return at.authorisation.fail(
        "the deprivation of liberty is recorded as not authorised: it is unlawful until authorised"
    )
