"""MSP-: Making Safeguarding Personal practice rules, from the two seed documents.

Each rule names the seed it comes from (``source``) and the statutory guidance
paragraph where one exists (Care and Support Statutory Guidance 14.15 defines
MSP, reference.md §2.4). Severity ``error`` is kept for the points the workflow
must refuse (closing at the adult's request without professional curiosity,
outcomes never evaluated); the rest are ``warning`` or ``advice``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.codes import CapacityOutcome, ExpressedBy, MspAsked
from msp.model.concern import Concern
from msp.rules._declare import builtin_rule, only_if
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Severity, fail
from msp.rules.facts import (
    ALL_STAGES,
    AT_CLOSURE,
    ENDED,
    FROM_CONCLUSION,
    FROM_DECISION,
    FROM_PLAN,
    SEED_MYTHS,
    SEED_PRACTICE,
    adult_died,
    capacity_in_doubt,
    ended_at_adults_request,
    has_enquiry,
    has_plan,
    lacks_capacity,
    only_self_neglect,
)

__all__: list[str] = []

_SG_1415 = "Care and Support Statutory Guidance 14.15 (Making Safeguarding Personal)"
_IN_PRACTICE = f"{_SG_1415}; seed 000 'Making Safeguarding Personal in Practice'"
_MISCONCEPTIONS = f"{_SG_1415}; seed 000 'Misconceptions of Making Safeguarding Personal'"


@builtin_rule(
    code="MSP-001",
    title="The adult at risk was spoken to, or why not is recorded",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=f"{_IN_PRACTICE}: 'Speak to the adult at risk'",
    source=SEED_PRACTICE,
    fields=("$.contact.spoken_to", "$.contact.not_spoken_to_reason"),
)
def adult_spoken_to(c: Concern) -> CheckResult:
    """Pass where the adult was spoken to, or a reason they were not is recorded."""
    contact = c.contact
    if contact is not None and (contact.spoken_to is True or contact.not_spoken_to_reason):
        return PASS
    return fail("$.contact.spoken_to", "no record that the adult was spoken to, and no reason why not")


@builtin_rule(
    code="MSP-002",
    title="The adult's views are recorded in their own words",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=f"{_IN_PRACTICE}: 'record their views as they have expressed them'",
    source=SEED_PRACTICE,
    fields=("$.views.in_own_words",),
)
@only_if(has_enquiry)
def views_in_own_words(c: Concern) -> CheckResult:
    """Pass where the adult's views are recorded as they expressed them."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    if c.views is not None and c.views.in_own_words:
        return PASS
    return fail("$.views.in_own_words", "the adult's views are not recorded in their own words")


@builtin_rule(
    code="MSP-003",
    title="The reasons behind the adult's wishes are recorded",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=f"{_MISCONCEPTIONS}: conversations establish 'the adult's wishes and reasoning behind those wishes'",
    source=SEED_PRACTICE,
    fields=("$.views.reasons",),
)
def reasons_behind_wishes(c: Concern) -> CheckResult:
    """Pass where views are recorded together with the reasons behind them."""
    if c.views is None or not c.views.in_own_words:
        return NOT_APPLICABLE
    return (
        PASS if c.views.reasons else fail("$.views.reasons", "the reasons behind the adult's wishes are not recorded")
    )


@builtin_rule(
    code="MSP-004",
    title="The adult's strengths are recorded (personal, family or community networks)",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_IN_PRACTICE}: 'Focus on the individuals' strengths (including personal strengths and social and "
        "community networks)'; seed 001 (relationship and strengths-based approaches)"
    ),
    source=SEED_PRACTICE,
    fields=("$.adult.strengths",),
)
@only_if(has_enquiry)
def strengths_recorded(c: Concern) -> CheckResult:
    """Pass where at least one strength is recorded for an adult in an enquiry."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    return PASS if c.adult.strengths else fail("$.adult.strengths", "no strengths are recorded for the adult")


@builtin_rule(
    code="MSP-005",
    title="The adult was asked who else they want involved",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=f"{_IN_PRACTICE}: 'find out who else they would like to be involved or spoken to'",
    source=SEED_PRACTICE,
    fields=("$.contact.asked_who_to_involve", "$.adult.people_involved"),
)
@only_if(has_enquiry)
def asked_who_to_involve(c: Concern) -> CheckResult:
    """Pass where the adult was asked, or their wishes about who is involved are recorded."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    asked = c.contact is not None and c.contact.asked_who_to_involve is True
    wishes = any(p.adult_wants_involved is not None for p in c.adult.people_involved)
    if asked or wishes:
        return PASS
    return fail("$.contact.asked_who_to_involve", "no record that the adult was asked who else they want involved")


@builtin_rule(
    code="MSP-006",
    title="The need for a representative or advocate was considered",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_IN_PRACTICE}: 'Consider if the adult at risk requires a representative or advocate'; "
        "Care Act 2014 s68 (reference.md §2.3)"
    ),
    source=SEED_PRACTICE,
    fields=("$.advocacy",),
)
@only_if(has_enquiry)
def advocacy_considered(c: Concern) -> CheckResult:
    """Pass where the s68 test was recorded, or a representative or advocate is involved."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    adult = c.adult
    involved = any(r.involved for r in adult.representatives) or any(a.involved for a in adult.advocates)
    if involved or (c.advocacy is not None and c.advocacy.substantial_difficulty is not None):
        return PASS
    return fail("$.advocacy", "no record that the need for a representative or advocate was considered")


@builtin_rule(
    code="MSP-007",
    title="Options were explained, including why some are not available",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_IN_PRACTICE}: 'Make sure the adult at risk understands any options open to them and that they "
        "understand why some options may not be available or are unachievable'"
    ),
    source=SEED_PRACTICE,
    fields=("$.options.options_explained", "$.options.unavailable_options_explained"),
)
@only_if(has_enquiry)
def options_explained(c: Concern) -> CheckResult:
    """Pass where both the options and the unavailable options were explained."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    o = c.options
    fails: list[Fail] = []
    if o is None or o.options_explained is not True:
        fails.append(Fail("$.options.options_explained", "no record that the options were explained to the adult"))
    if o is None or o.unavailable_options_explained is not True:
        fails.append(
            Fail(
                "$.options.unavailable_options_explained",
                "no record that the adult was told why some options are not available",
            ),
        )
    return fails


@builtin_rule(
    code="MSP-008",
    title="The safeguarding plan was developed with the adult",
    severity=Severity.WARNING,
    stages=FROM_PLAN,
    reference=f"{_IN_PRACTICE}: 'Develop plans with the adult at risk to reduce or remove risks'",
    source=SEED_PRACTICE,
    fields=("$.plan.developed_with_adult",),
)
@only_if(has_plan)
def plan_developed_with_adult(c: Concern) -> CheckResult:
    """Pass where the plan records that it was developed with the adult."""
    if c.plan is None:
        return NOT_APPLICABLE
    if c.plan.developed_with_adult is True:
        return PASS
    return fail("$.plan.developed_with_adult", "no record that the plan was developed with the adult")


@builtin_rule(
    code="MSP-009",
    title="The plan considers immediate risks of harm",
    severity=Severity.WARNING,
    stages=FROM_PLAN,
    reference=f"{_IN_PRACTICE}: plans reduce or remove risks 'including any immediate risks of harm'",
    source=SEED_PRACTICE,
    fields=("$.plan.immediate_risks_considered",),
)
@only_if(has_plan)
def plan_immediate_risks(c: Concern) -> CheckResult:
    """Pass where the plan records that immediate risks were considered."""
    if c.plan is None:
        return NOT_APPLICABLE
    if c.plan.immediate_risks_considered is True:
        return PASS
    return fail("$.plan.immediate_risks_considered", "the plan does not record that immediate risks were considered")


@builtin_rule(
    code="MSP-010",
    title="Living with risk is an informed decision, with the adult's understanding and safety actions recorded",
    severity=Severity.WARNING,
    stages=FROM_PLAN,
    reference=(
        f"{_IN_PRACTICE}: 'Should a person decide to remain living with the risk, make sure the person "
        "understands this and any actions they can take to maximise their safety'"
    ),
    source=SEED_PRACTICE,
    fields=(
        "$.plan.living_with_risk.informed_decision",
        "$.plan.living_with_risk.understanding",
        "$.plan.living_with_risk.safety_actions",
    ),
)
@only_if(has_plan)
def living_with_risk_informed(c: Concern) -> CheckResult:
    """Pass where a decision to live with risk is informed, understood and has safety actions."""
    lwr = None if c.plan is None else c.plan.living_with_risk
    if lwr is None:
        return NOT_APPLICABLE
    base = "$.plan.living_with_risk"
    fails: list[Fail] = []
    if lwr.informed_decision is not True:
        fails.append(Fail(f"{base}.informed_decision", "living with risk is not recorded as an informed decision"))
    if not lwr.understanding:
        fails.append(Fail(f"{base}.understanding", "the adult's understanding of the risk is not recorded"))
    if not lwr.safety_actions:
        fails.append(Fail(f"{base}.safety_actions", "no actions to maximise the adult's safety are recorded"))
    return fails


@builtin_rule(
    code="MSP-011",
    title="Where capacity is in doubt, living with risk rests on a recorded capacity decision",
    severity=Severity.WARNING,
    stages=FROM_PLAN,
    reference=(
        "Mental Capacity Act 2005 ss1-3 (reference.md §3.1-3.3); seed 001 myth 1 "
        "('minimise the impact of any unwise decisions')"
    ),
    source=SEED_MYTHS,
    fields=("$.plan.living_with_risk.capacity_decision_id",),
)
@only_if(has_plan)
def living_with_risk_capacity(c: Concern) -> CheckResult:
    """Pass where the living-with-risk decision names a capacity decision on the record."""
    lwr = None if c.plan is None else c.plan.living_with_risk
    if lwr is None or not capacity_in_doubt(c):
        return NOT_APPLICABLE
    named = next(
        (d for d in c.capacity_decisions if d.decision_id and d.decision_id == lwr.capacity_decision_id),
        None,
    )
    path = "$.plan.living_with_risk.capacity_decision_id"
    if named is None:
        return fail(
            path, "capacity is in doubt but the decision to live with risk names no capacity decision on the record"
        )
    if named.outcome is CapacityOutcome.LACKS_CAPACITY:
        return fail(
            path,
            "the named capacity decision found the adult lacks capacity: living with the risk needs a "
            "best-interests decision, not an informed choice",
        )
    return PASS


@builtin_rule(
    code="MSP-012",
    title="Ending at the adult's request needs professional curiosity: seen alone or why not, "
    "coercion considered, safety advice given",
    severity=Severity.ERROR,
    stages=ENDED,
    reference=(
        f"{_MISCONCEPTIONS}: no 'premature closing of involvement ... Professional Curiosity is used to ensure "
        "that another person in the background isn't pushing professionals away'; seed 001 myths 1 and 6"
    ),
    source=SEED_PRACTICE,
    fields=(
        "$.contact.seen_alone",
        "$.curiosity.coercion_considered",
        "$.closure.safety_advice_given",
    ),
)
def curiosity_before_ending_at_request(c: Concern) -> CheckResult:
    """Pass where an enquiry ended at the adult's request shows professional curiosity."""
    wants_nothing = c.views is not None and c.views.wants_no_action is True
    if not (ended_at_adults_request(c) or (wants_nothing and c.closure is not None)):
        return NOT_APPLICABLE
    fails: list[Fail] = []
    contact = c.contact
    if contact is None or not (contact.seen_alone is True or contact.not_seen_alone_reason):
        fails.append(Fail("$.contact.seen_alone", "not recorded as seen alone, and no reason why not"))
    if c.curiosity is None or c.curiosity.coercion_considered is not True:
        fails.append(
            Fail(
                "$.curiosity.coercion_considered", "coercion, control or undue influence is not recorded as considered"
            ),
        )
    if c.closure is not None and c.closure.safety_advice_given is not True and not adult_died(c):
        fails.append(Fail("$.closure.safety_advice_given", "no record that safety advice and contacts were given"))
    return fails


@builtin_rule(
    code="MSP-013",
    title="Where the adult refuses help, the reasons were explored",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_SG_1415}; seed 001 myth 6: 'Speak to the person in private and think about why they may be "
        "turning down help'"
    ),
    source=SEED_MYTHS,
    fields=("$.curiosity.reasons_for_refusal_explored",),
)
def refusal_explored(c: Concern) -> CheckResult:
    """Pass where a refusal of support has its reasons explored."""
    if c.views is None or c.views.declines_support is not True:
        return NOT_APPLICABLE
    if c.curiosity is not None and c.curiosity.reasons_for_refusal_explored is True:
        return PASS
    return fail("$.curiosity.reasons_for_refusal_explored", "the adult refuses help but the reasons were not explored")


@builtin_rule(
    code="MSP-014",
    title="The adult was seen alone, or why not is recorded",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_SG_1415}; seed 001: 'practitioners ... take the initiative and ensure they meet with the person "
        "on their own'"
    ),
    source=SEED_MYTHS,
    fields=("$.contact.seen_alone", "$.contact.not_seen_alone_reason"),
)
@only_if(has_enquiry)
def seen_alone(c: Concern) -> CheckResult:
    """Pass where the adult in an enquiry was seen alone or the reason is recorded."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    contact = c.contact
    if contact is not None and (contact.seen_alone is True or contact.not_seen_alone_reason):
        return PASS
    return fail("$.contact.seen_alone", "not recorded as seen alone, and no reason why not")


@builtin_rule(
    code="MSP-015",
    title="MSP applies when capacity is lacking: desired outcomes are sought through a representative or advocate",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_MISCONCEPTIONS}: MSP is suitable for those who lack capacity; seed 001 myth 5 ('Use advocates and "
        "people who know the person to find out what the person might have wanted')"
    ),
    source=SEED_MYTHS,
    fields=("$.msp_asked", "$.adult.advocates"),
)
@only_if(has_enquiry)
def msp_when_capacity_lacking(c: Concern) -> CheckResult:
    """Pass where an adult lacking capacity, or their representative, was still asked, and someone helped
    them be heard: a representative or advocate involved, or outcomes in the adult's own words."""
    if not has_enquiry(c) or not lacks_capacity(c):
        return NOT_APPLICABLE
    fails: list[Fail] = []
    if c.msp_asked not in (MspAsked.ASKED_EXPRESSED, MspAsked.ASKED_NOT_EXPRESSED):
        fails.append(
            Fail(
                "$.msp_asked",
                "the adult lacks capacity and neither they nor a representative or advocate is recorded as asked "
                "about desired outcomes",
            ),
        )
    adult = c.adult
    supported = any(r.involved for r in adult.representatives) or any(a.involved for a in adult.advocates)
    own_words = any(o.expressed_by is ExpressedBy.ADULT for o in c.desired_outcomes)
    if not (supported or own_words):
        fails.append(
            Fail(
                "$.adult.advocates",
                "the adult lacks capacity but no representative or advocate was involved to help find out what "
                "they want",
            ),
        )
    return fails


@builtin_rule(
    code="MSP-016",
    title="Desired outcomes are the adult's or their representative's, not the practitioner's interpretation",
    severity=Severity.WARNING,
    stages=ALL_STAGES,
    reference=(
        f"{_MISCONCEPTIONS}: MSP is not 'Your interpretation of what you think they want or just what you "
        "think is best for them'"
    ),
    source=SEED_PRACTICE,
    fields=("$.desired_outcomes[*].expressed_by",),
)
def outcomes_are_the_adults(c: Concern) -> CheckResult:
    """Fail for each desired outcome put into words by a practitioner."""
    if not c.desired_outcomes:
        return NOT_APPLICABLE
    return [
        Fail(f"$.desired_outcomes[{i}].expressed_by", "desired outcome recorded as the practitioner's interpretation")
        for i, o in enumerate(c.desired_outcomes)
        if o.expressed_by is ExpressedBy.PRACTITIONER
    ]


@builtin_rule(
    code="MSP-017",
    title="Action about the person alleged to have caused harm, and risk to others, was considered",
    severity=Severity.WARNING,
    stages=AT_CLOSURE,
    reference=(
        "Seed 001 myth 3: 'Use your legal literacy and professional responsibilities regarding duties of care "
        "and public interest to ensure that anyone who could abuse others is properly dealt with'; closure "
        "checklist (reference.md §4.4)"
    ),
    source=SEED_MYTHS,
    fields=("$.closure.person_alleged_action_considered", "$.closure.risk_to_others_considered"),
)
@only_if(has_enquiry)
def person_alleged_and_others(c: Concern) -> CheckResult:
    """Pass where both the person alleged and risk to others were considered, even if the adult wants no action."""
    if not has_enquiry(c) or c.closure is None or only_self_neglect(c):
        return NOT_APPLICABLE
    fails: list[Fail] = []
    if c.closure.person_alleged_action_considered is not True:
        fails.append(
            Fail(
                "$.closure.person_alleged_action_considered",
                "action about the person alleged to have caused harm is not recorded as considered",
            ),
        )
    if c.closure.risk_to_others_considered is not True:
        fails.append(Fail("$.closure.risk_to_others_considered", "risk to others is not recorded as considered"))
    return fails


@builtin_rule(
    code="MSP-018",
    title="Escalation is recorded where coercion is suspected and the adult cannot be seen alone",
    severity=Severity.WARNING,
    stages=FROM_DECISION,
    reference=(
        "Seed 001 'Working with risk': where an individual does not want to be seen alone and undue influence "
        "or coercion is suspected, 'these types of situation should be escalated though line management'"
    ),
    source=SEED_MYTHS,
    fields=("$.plan.escalation",),
)
def escalation_where_coerced(c: Concern) -> CheckResult:
    """Pass where suspected coercion with no time alone has an escalation recorded."""
    suspected = c.curiosity is not None and c.curiosity.coercion_suspected is True
    alone = c.contact is not None and c.contact.seen_alone is True
    if not suspected or alone:
        return NOT_APPLICABLE
    esc = None if c.plan is None else c.plan.escalation
    if esc is not None and (esc.escalated_on is not None or esc.escalated_to):
        return PASS
    return fail(
        "$.plan.escalation", "coercion is suspected and the adult was not seen alone, but no escalation is recorded"
    )


@builtin_rule(
    code="MSP-019",
    title="The adult or their representative was asked about desired outcomes",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_IN_PRACTICE}: 'Ask for their opinion'; MSP Outcomes Framework Q1 and SAC SG4a (reference.md §1.3, §4.1)"
    ),
    source=SEED_PRACTICE,
    fields=("$.msp_asked",),
)
@only_if(has_enquiry)
def asked_about_outcomes(c: Concern) -> CheckResult:
    """Pass where SG4a records that the adult or representative was asked, or records "No" with the reason."""
    if not has_enquiry(c):
        return NOT_APPLICABLE
    if c.msp_asked in (MspAsked.ASKED_EXPRESSED, MspAsked.ASKED_NOT_EXPRESSED):
        return PASS
    if c.msp_asked is MspAsked.NO and c.msp_not_asked_reason:
        return PASS
    return fail(
        "$.msp_asked",
        "the adult or their representative is not recorded as asked about desired outcomes, and no reason is recorded",
    )


@builtin_rule(
    code="MSP-020",
    title="Every desired outcome is evaluated at conclusion",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference=(
        "SAC SG4a achieved values (reference.md §1.3); closure checklist: 'outcomes noted and evaluated by the "
        "adult at risk' (reference.md §4.4)"
    ),
    source=None,
    fields=("$.desired_outcomes[*].achievement",),
)
@only_if(has_enquiry)
def outcomes_evaluated(c: Concern) -> CheckResult:
    """Fail for each desired outcome of an enquiry at or past conclusion with no achievement recorded.

    The stage decides "at conclusion", not the conclusion date: a case validated at (or moved to) the
    ``concluded`` stage before its date is entered must still have every outcome evaluated.
    """
    if not has_enquiry(c) or not c.desired_outcomes:
        return NOT_APPLICABLE
    return [
        Fail(f"$.desired_outcomes[{i}].achievement", "desired outcome not evaluated at conclusion")
        for i, o in enumerate(c.desired_outcomes)
        if o.achievement is None
    ]


@builtin_rule(
    code="MSP-021",
    title="Outcomes are evaluated with the adult or their representative",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="Closure checklist: 'outcomes noted and evaluated by the adult at risk' (reference.md §4.4)",
    fields=("$.desired_outcomes[*].evaluated_with_adult",),
)
def outcomes_evaluated_with_adult(c: Concern) -> CheckResult:
    """Fail for each evaluated outcome not evaluated with the adult or representative."""
    evaluated = [(i, o) for i, o in enumerate(c.desired_outcomes) if o.achievement is not None]
    if not evaluated:
        return NOT_APPLICABLE
    return [
        Fail(f"$.desired_outcomes[{i}].evaluated_with_adult", "outcome not recorded as evaluated with the adult")
        for i, o in evaluated
        if o.evaluated_with_adult is not True
    ]


@builtin_rule(
    code="MSP-022",
    title="An interpreter was used where the adult needs one",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference=(
        f"{_MISCONCEPTIONS}: 'using good communications skills to engage with people who may find the process "
        "difficult'; Care Act 2014 s68(3)(d) (reference.md §2.3)"
    ),
    source=SEED_PRACTICE,
    fields=("$.contact.interpreter_used",),
)
def interpreter_used(c: Concern) -> CheckResult:
    """Pass where an adult who needs an interpreter had one."""
    if c.adult.interpreter_needed is not True or c.contact is None or c.contact.spoken_to is not True:
        return NOT_APPLICABLE
    if c.contact.interpreter_used is True:
        return PASS
    return fail("$.contact.interpreter_used", "the adult needs an interpreter but none is recorded as used")


@builtin_rule(
    code="MSP-023",
    title="The adult's views on closure are recorded",
    severity=Severity.WARNING,
    stages=AT_CLOSURE,
    reference="Closure checklist: 'the views of the adult at risk on closure' (reference.md §4.4)",
    fields=("$.closure.adults_view",),
)
@only_if(has_enquiry)
def views_on_closure(c: Concern) -> CheckResult:
    """Pass where the adult's view of closing an enquiry is recorded (not applicable if the adult died)."""
    if not has_enquiry(c) or c.closure is None or adult_died(c):
        return NOT_APPLICABLE
    return (
        PASS
        if c.closure.adults_view
        else fail("$.closure.adults_view", "the adult's views on closure are not recorded")
    )


@builtin_rule(
    code="MSP-024",
    title="Feedback was given to the person who raised the concern",
    severity=Severity.ADVICE,
    stages=AT_CLOSURE,
    reference="Closure checklist: 'feedback to the referrer' (reference.md §4.4)",
    fields=("$.closure.feedback_to_referrer",),
)
def feedback_to_referrer(c: Concern) -> CheckResult:
    """Pass where feedback to the referrer is recorded."""
    if c.closure is None:
        return NOT_APPLICABLE
    if c.closure.feedback_to_referrer is True:
        return PASS
    return fail("$.closure.feedback_to_referrer", "no record of feedback to the referrer")


@builtin_rule(
    code="MSP-025",
    title="The adult agreed the safeguarding plan",
    severity=Severity.ADVICE,
    stages=FROM_PLAN,
    reference=(
        f"Care and Support Statutory Guidance ch. 14, principle of empowerment (reference.md §2.4); {_IN_PRACTICE}"
    ),
    source=SEED_PRACTICE,
    fields=("$.plan.agreed_with_adult",),
)
@only_if(has_plan)
def plan_agreed(c: Concern) -> CheckResult:
    """Pass where the plan records the adult's agreement."""
    if c.plan is None:
        return NOT_APPLICABLE
    if c.plan.agreed_with_adult is True:
        return PASS
    return fail("$.plan.agreed_with_adult", "no record that the adult agreed the plan")


@builtin_rule(
    code="MSP-026",
    title="Desired outcomes are recorded if and only if the adult or representative expressed some",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference="SAC SG4a 'Yes they were asked and outcomes were expressed' (reference.md §1.3, §6 item 6)",
    fields=("$.msp_asked", "$.desired_outcomes"),
)
def outcomes_match_asked(c: Concern) -> CheckResult:
    """Fail where SG4a and the recorded desired outcomes contradict each other."""
    if c.msp_asked is None:
        return NOT_APPLICABLE
    expressed = c.msp_asked is MspAsked.ASKED_EXPRESSED
    if expressed and not c.desired_outcomes:
        return fail("$.desired_outcomes", "outcomes were expressed (SG4a) but none is recorded")
    if not expressed and c.desired_outcomes:
        return fail("$.msp_asked", "desired outcomes are recorded but SG4a does not say outcomes were expressed")
    return PASS
