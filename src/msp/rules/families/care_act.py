"""CA-: Care Act 2014 rules: who is an adult, the section 42 decision, s68 advocacy, s44 reviews.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from calendar import isleap
from datetime import MAXYEAR, date

from msp.codes import AdvocateKind, EnquiryRoute
from msp.codes.mappings import age_at
from msp.model.concern import Concern
from msp.rules._declare import builtin_rule, only_if
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Severity, fail
from msp.rules.facts import (
    ALL_STAGES,
    AT_CLOSURE,
    FROM_DECISION,
    FROM_ENQUIRY,
    FROM_INFORMATION_GATHERING,
    has_enquiry,
    is_section_42,
    route,
)

__all__: list[str] = []

_S42 = "Care Act 2014 s42(1) (reference.md §2.1)"
_ADULT_AGE = 18
_FEBRUARY = 2
_LEAP_DAY = 29


@builtin_rule(
    code="CA-001",
    title="The person is an adult (18 or over) on the date the concern was received",
    severity=Severity.ERROR,
    stages=ALL_STAGES,
    reference=(
        "Care Act 2014 s42 applies to adults, persons aged 18 or over; under 18 is for children's services "
        "(reference.md §2.1)"
    ),
    fields=("$.adult.date_of_birth",),
)
def adult_is_18_or_over(c: Concern) -> CheckResult:
    """Fail where the date of birth shows the person under 18 when the concern was received."""
    dob = c.adult.date_of_birth
    if dob is None:
        return NOT_APPLICABLE
    if _adult_on(dob, c.received_on):
        return PASS
    return fail("$.adult.date_of_birth", "under 18 when the concern was received: refer to children's services")


def _adult_on(date_of_birth: date, on: date) -> bool:
    """``age_at(date_of_birth, on) >= 18``, without ``relativedelta`` (10 µs a call).

    :func:`msp.codes.mappings.age_at` counts a 29 February birthday on 28 February, so the
    18th birthday is the same day 18 years on, or 28 February. Raises ``ValueError``
    where ``on`` is before the date of birth, as ``age_at`` does.
    """
    if on < date_of_birth:
        return age_at(date_of_birth, on) >= _ADULT_AGE  # raises ValueError, as before
    year = date_of_birth.year + _ADULT_AGE
    if year > MAXYEAR:
        return False
    if date_of_birth.month == _FEBRUARY and date_of_birth.day == _LEAP_DAY and not isleap(year):
        return on >= date(year, _FEBRUARY, _LEAP_DAY - 1)
    return on >= date_of_birth.replace(year=year)


@builtin_rule(
    code="CA-002",
    title="The section 42 decision records each s42(1) condition, the route, and when it was made",
    severity=Severity.ERROR,
    stages=FROM_DECISION,
    reference=f"{_S42}; recording each limb separately follows the Hackney pattern (reference.md §4.2)",
    fields=(
        "$.decision.has_care_and_support_needs",
        "$.decision.experiencing_or_at_risk_of_abuse",
        "$.decision.unable_to_protect_self",
        "$.decision.route",
        "$.decision.decided_on",
    ),
)
def decision_recorded(c: Concern) -> CheckResult:
    """Fail for each part of the section 42 decision that is missing once a decision is claimed."""
    d = c.decision
    if d is None:
        return fail("$.decision", "no section 42 decision is recorded")
    names = ("has_care_and_support_needs", "experiencing_or_at_risk_of_abuse", "unable_to_protect_self")
    fails = [
        Fail(f"$.decision.{name}", f"s42(1)({letter}) condition not recorded")
        for name, letter, value in zip(names, "abc", d.conditions, strict=True)
        if value is None
    ]
    if d.route is None:
        fails.append(Fail("$.decision.route", "the route (section 42, other enquiry, no enquiry) is not recorded"))
    if d.decided_on is None:
        fails.append(Fail("$.decision.decided_on", "the date of the section 42 decision is not recorded"))
    return fails


@builtin_rule(
    code="CA-003",
    title="A section 42 enquiry needs all three s42(1) conditions met",
    severity=Severity.ERROR,
    stages=FROM_DECISION,
    reference=_S42,
    fields=("$.decision.route",),
)
def section_42_needs_all_conditions(c: Concern) -> CheckResult:
    """Fail where the route is a section 42 enquiry but a condition is not met."""
    if route(c) is not EnquiryRoute.SECTION_42_ENQUIRY or c.decision is None:
        return NOT_APPLICABLE
    if c.decision.conditions_met:
        return PASS
    return fail(
        "$.decision.route",
        "a section 42 enquiry needs all three s42(1) conditions met: use an other enquiry or an exit route",
    )


@builtin_rule(
    code="CA-004",
    title="An other safeguarding enquiry records why it is necessary and proportionate",
    severity=Severity.ERROR,
    stages=FROM_DECISION,
    reference=(
        "SAC definition of other safeguarding enquiries: the adult does not meet all of the s42 criteria but the "
        "local authority considers an enquiry necessary and proportionate (reference.md §1.2)"
    ),
    fields=("$.decision.other_enquiry_reason",),
)
def other_enquiry_reason(c: Concern) -> CheckResult:
    """Fail where an other enquiry has no reason recorded."""
    if route(c) is not EnquiryRoute.OTHER_ENQUIRY or c.decision is None:
        return NOT_APPLICABLE
    if c.decision.other_enquiry_reason:
        return PASS
    return fail("$.decision.other_enquiry_reason", "an other enquiry needs its reason recorded")


@builtin_rule(
    code="CA-005",
    title="No enquiry: the exit route taken is recorded",
    severity=Severity.ERROR,
    stages=FROM_DECISION,
    reference=(
        "Care Act 2014 s42(2) 'whether any action should be taken ... and, if so, what'; exit routes "
        "(reference.md §4.2)"
    ),
    fields=("$.decision.exit_routes",),
)
def exit_route_recorded(c: Concern) -> CheckResult:
    """Fail where no enquiry goes ahead and no exit route is recorded."""
    if route(c) is not EnquiryRoute.NO_ENQUIRY or c.decision is None:
        return NOT_APPLICABLE
    if c.decision.exit_routes:
        return PASS
    return fail("$.decision.exit_routes", "no enquiry goes ahead but no exit route is recorded")


@builtin_rule(
    code="CA-006",
    title="Where all three s42(1) conditions are met, a section 42 enquiry follows (or why not is recorded)",
    severity=Severity.WARNING,
    stages=FROM_DECISION,
    reference=(
        "Care Act 2014 s42(2): the local authority 'must make (or cause to be made) whatever enquiries "
        "it thinks necessary' (reference.md §2.1)"
    ),
    fields=("$.decision.route", "$.decision.rationale"),
)
def conditions_met_means_enquiry(c: Concern) -> CheckResult:
    """Fail where all conditions are met, the route is not s42 and no rationale is recorded."""
    d = c.decision
    if d is None or not d.conditions_met or d.route in (None, EnquiryRoute.SECTION_42_ENQUIRY):
        return NOT_APPLICABLE
    if d.rationale:
        return PASS
    return fail(
        "$.decision.route", "all three s42(1) conditions are met but there is no section 42 enquiry and no rationale"
    )


@builtin_rule(
    code="CA-007",
    title="The decision records who made it",
    severity=Severity.WARNING,
    stages=FROM_DECISION,
    reference="Care and Support Statutory Guidance ch. 14, principle of accountability (reference.md §2.4)",
    fields=("$.decision.decided_by",),
)
def decision_maker_recorded(c: Concern) -> CheckResult:
    """Fail where the section 42 decision has no decision-maker."""
    if c.decision is None:
        return NOT_APPLICABLE
    return (
        PASS
        if c.decision.decided_by is not None
        else fail("$.decision.decided_by", "who made the decision is not recorded")
    )


@builtin_rule(
    code="CA-008",
    title="An enquiry under way records its type and start date",
    severity=Severity.ERROR,
    stages=FROM_ENQUIRY,
    reference="SAC SG1: enquiries are counted by the date they started (reference.md §1.2)",
    fields=("$.enquiry.started_on", "$.enquiry.enquiry_type"),
)
def enquiry_started(c: Concern) -> CheckResult:
    """Fail where a case at the enquiry stage or later has an enquiry route but no start date or type."""
    if route(c) not in (EnquiryRoute.SECTION_42_ENQUIRY, EnquiryRoute.OTHER_ENQUIRY):
        return NOT_APPLICABLE
    e = c.enquiry
    fails: list[Fail] = []
    if e is None or e.started_on is None:
        fails.append(Fail("$.enquiry.started_on", "the enquiry's start date is not recorded"))
    if e is None or e.enquiry_type is None:
        fails.append(Fail("$.enquiry.enquiry_type", "the enquiry type is not recorded"))
    return fails


@builtin_rule(
    code="CA-009",
    title="The s68 advocacy test was recorded for a section 42 enquiry",
    severity=Severity.WARNING,
    stages=FROM_ENQUIRY,
    reference=(
        "Care Act 2014 s68(1)-(3): substantial difficulty in understanding, retaining, using or "
        "weighing, or communicating (reference.md §2.3)"
    ),
    fields=("$.advocacy",),
)
@only_if(is_section_42)
def advocacy_test_recorded(c: Concern) -> CheckResult:
    """Fail where a section 42 enquiry has no s68 assessment."""
    if not c.is_section_42:
        return NOT_APPLICABLE
    a = c.advocacy
    if a is not None and a.substantial_difficulty is not None:
        return PASS
    return fail("$.advocacy", "the s68 test for an independent advocate is not recorded")


@builtin_rule(
    code="CA-010",
    title="An independent advocate is arranged where s68 requires one",
    severity=Severity.ERROR,
    stages=FROM_ENQUIRY,
    reference=(
        "Care Act 2014 s68(2)-(5) and s67(5)-(6): substantial difficulty and no appropriate person (reference.md §2.3)"
    ),
    fields=("$.adult.advocates",),
)
@only_if(is_section_42)
def advocate_when_required(c: Concern) -> CheckResult:
    """Fail where the s68 duty applies and no Care Act advocate is recorded.

    The duty applies with substantial difficulty unless the authority is satisfied that an appropriate
    person is available (s67(5), mirrored by s68(4)-(5)): an unanswered appropriate-person question
    does not lift it.
    """
    if not c.is_section_42 or c.advocacy is None or not c.advocacy.advocate_required:
        return NOT_APPLICABLE
    if any(a.kind is AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE for a in c.adult.advocates):
        return PASS
    return fail("$.adult.advocates", "s68 requires an independent advocate but none is recorded")


@builtin_rule(
    code="CA-011",
    title="An 'appropriate person' is not someone paid or professional",
    severity=Severity.WARNING,
    stages=FROM_ENQUIRY,
    reference="Care Act 2014 s67(5)(b), applied by s68(4)-(5) (reference.md §2.3)",
    fields=("$.advocacy.appropriate_person_available", "$.adult.representatives"),
)
def appropriate_person_unpaid(c: Concern) -> CheckResult:
    """Fail where an appropriate person is claimed but no unpaid representative is involved."""
    if c.advocacy is None or c.advocacy.appropriate_person_available is not True:
        return NOT_APPLICABLE
    if any(r.paid_or_professional is False and r.involved for r in c.adult.representatives):
        return PASS
    return fail(
        "$.advocacy.appropriate_person_available",
        "an appropriate person is recorded but no involved representative is recorded as unpaid and non-professional",
    )


@builtin_rule(
    code="CA-012",
    title="A Safeguarding Adults Review was considered at closure",
    severity=Severity.WARNING,
    stages=AT_CLOSURE,
    reference="Care Act 2014 s44(1)-(4); closure checklist 'consideration of a SAR' (reference.md §2.2, §4.4)",
    fields=("$.closure.sar.considered",),
)
@only_if(has_enquiry)
def sar_considered(c: Concern) -> CheckResult:
    """Fail where a closed enquiry has no SAR consideration recorded."""
    if not has_enquiry(c) or c.closure is None:
        return NOT_APPLICABLE
    if c.closure.sar is not None and c.closure.sar.considered is True:
        return PASS
    return fail("$.closure.sar.considered", "no record that a Safeguarding Adults Review was considered")


@builtin_rule(
    code="CA-013",
    title="Where the s44 criteria may be met, the referral decision and its reason are recorded",
    severity=Severity.ERROR,
    stages=AT_CLOSURE,
    reference="Care Act 2014 s44(1)-(3): the Safeguarding Adults Board must arrange a review (reference.md §2.2)",
    fields=("$.closure.sar.referred", "$.closure.sar.reason"),
)
def sar_referral_where_criteria_met(c: Concern) -> CheckResult:
    """Fail where the s44 criteria may be met but referral, or the reason for not referring, is missing.

    The adult has died where the SAR record or the adult's date of death says so (as in CA-014).
    """
    sar = None if c.closure is None else c.closure.sar
    if sar is None or not sar.criteria_may_be_met_for(adult_died=c.adult.date_of_death is not None):
        return NOT_APPLICABLE
    if sar.referred is True:
        return PASS
    if sar.referred is False and sar.reason:
        return PASS
    return fail(
        "$.closure.sar.referred", "the s44 criteria may be met but no referral, or reason for none, is recorded"
    )


@builtin_rule(
    code="CA-014",
    title="Where the adult died, the s44 questions are answered at closure",
    severity=Severity.ERROR,
    stages=AT_CLOSURE,
    reference=(
        "Care Act 2014 s44(2) condition 1; Sussex checklist: 'a SAR was considered where there was "
        "death' (reference.md §2.2, §4.4)"
    ),
    fields=("$.closure.sar",),
)
def sar_where_adult_died(c: Concern) -> CheckResult:
    """Fail where the adult died and the s44 questions are not answered."""
    sar = None if c.closure is None else c.closure.sar
    died = c.adult.date_of_death is not None or (sar is not None and sar.adult_died is True)
    if not died or c.closure is None:
        return NOT_APPLICABLE
    if sar is None or sar.considered is not True:
        return fail(
            "$.closure.sar.considered", "the adult died but a Safeguarding Adults Review is not recorded as considered"
        )
    fails: list[Fail] = []
    if sar.joint_working_concern is None:
        fails.append(Fail("$.closure.sar.joint_working_concern", "s44(1)(a) joint-working concern not answered"))
    if sar.death_from_abuse_or_neglect_suspected is None:
        fails.append(
            Fail(
                "$.closure.sar.death_from_abuse_or_neglect_suspected",
                "s44(2)(b) death from abuse or neglect not answered",
            ),
        )
    return fails


@builtin_rule(
    code="CA-015",
    title="Immediate safety was assessed at the concern stage",
    severity=Severity.WARNING,
    stages=FROM_INFORMATION_GATHERING,
    reference=(
        "London Multi-Agency Adult Safeguarding Policy and Procedures, stage 1 'establish immediate "
        "safety' (reference.md §4.2)"
    ),
    fields=("$.immediate_safety",),
)
def immediate_safety_assessed(c: Concern) -> CheckResult:
    """Fail where there is no record that immediate safety was assessed."""
    s = c.immediate_safety
    if s is not None and (s.assessed_on is not None or s.action_needed is not None):
        return PASS
    return fail("$.immediate_safety", "no record that immediate safety was assessed")


@builtin_rule(
    code="CA-016",
    title="A closed case records when and why it closed",
    severity=Severity.ERROR,
    stages=AT_CLOSURE,
    reference="Closure checklist: 'the reason for closure' (reference.md §4.4)",
    fields=("$.closure.closed_on", "$.closure.reason"),
)
def closure_recorded(c: Concern) -> CheckResult:
    """Fail for each of the closure date and reason that is missing."""
    cl = c.closure
    fails: list[Fail] = []
    if cl is None or cl.closed_on is None:
        fails.append(Fail("$.closure.closed_on", "the closure date is not recorded"))
    if cl is None or cl.reason is None:
        fails.append(Fail("$.closure.reason", "the reason for closure is not recorded"))
    return fails
