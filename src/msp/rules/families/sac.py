"""SAC-: Safeguarding Adults Collection completeness and consistency, per record.

These rules check what one concluded section 42 enquiry must carry to be
counted in SG2-SG4 (reference.md §1.3, §4.4 "minimum closure fields", §6), and
what SG1 needs for the adult. They are tied to the collection years whose
return they describe; the 2025-26 collection made no change (reference.md §1.1).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.codes import ActionTakenAndResult, CapacityLacked, MspAsked, SourceOfRisk, TypeOfRisk
from msp.model.concern import Concern
from msp.model.outcomes import overall_achievement
from msp.rules._declare import builtin_rule, only_if
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Severity, fail
from msp.rules.facts import (
    FROM_CONCLUSION,
    FROM_ENQUIRY,
    concluded_section_42,
    ended_at_adults_request,
    is_section_42,
)

__all__: list[str] = []

_SG2 = "SAC SG2a/SG2b (reference.md §1.3)"


def _concluded_s42(c: Concern) -> bool:
    return c.is_section_42 and c.concluded_on is not None


def _risk_fields(c: Concern, attr: str, message: str) -> CheckResult:
    if not _concluded_s42(c):
        return NOT_APPLICABLE
    if not c.risks:
        return fail("$.risks", "a concluded section 42 enquiry records no risks")
    return [Fail(f"$.risks[{i}].{attr}", message) for i, r in enumerate(c.risks) if getattr(r, attr) is None]


@builtin_rule(
    code="SAC-001",
    title="Every risk of a concluded section 42 enquiry has a type of risk",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference=f"{_SG2}: type of risk",
    fields=("$.risks[*].type_of_risk",),
)
@only_if(concluded_section_42)
def type_of_risk_present(c: Concern) -> CheckResult:
    """Fail for each risk with no type (or where no risk is recorded)."""
    return _risk_fields(c, "type_of_risk", "type of risk missing")


@builtin_rule(
    code="SAC-002",
    title="Every risk of a concluded section 42 enquiry has a location of risk",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference=f"{_SG2}: location of risk",
    fields=("$.risks[*].location",),
)
@only_if(concluded_section_42)
def location_present(c: Concern) -> CheckResult:
    """Fail for each risk with no location."""
    return _risk_fields(c, "location", "location of risk missing")


@builtin_rule(
    code="SAC-003",
    title="Every risk of a concluded section 42 enquiry has a source of risk",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference=f"{_SG2}: source of risk",
    fields=("$.risks[*].source", "$.risks[*].source_detail"),
)
@only_if(concluded_section_42)
def source_present(c: Concern) -> CheckResult:
    """Fail for each risk with neither a source nor a detailed source."""
    if not _concluded_s42(c):
        return NOT_APPLICABLE
    if not c.risks:
        return fail("$.risks", "a concluded section 42 enquiry records no risks")
    return [
        Fail(f"$.risks[{i}].source", "source of risk missing") for i, r in enumerate(c.risks) if r.sac_source is None
    ]


@builtin_rule(
    code="SAC-004",
    title="Every risk of a concluded section 42 enquiry has its action taken and result",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG2c (reference.md §1.3, §6 item 4)",
    fields=("$.risks[*].action_and_result",),
)
@only_if(concluded_section_42)
def action_and_result_present(c: Concern) -> CheckResult:
    """Fail for each risk with no SG2c value."""
    return _risk_fields(c, "action_and_result", "action taken and result missing")


@builtin_rule(
    code="SAC-005",
    title="A risk outcome is recorded if and only if a risk was identified",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG2e; pairing rule (reference.md §1.3, §6 item 4)",
    fields=("$.risks[*].risk_outcome",),
)
def risk_outcome_iff_identified(c: Concern) -> CheckResult:
    """Fail where a risk outcome is missing after 'risk identified', or present otherwise."""
    judged = [(i, r) for i, r in enumerate(c.risks) if r.action_and_result is not None]
    if not judged:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i, r in judged:
        identified = r.action_and_result is not None and r.action_and_result.risk_identified
        if identified and r.risk_outcome is None and _concluded_s42(c):
            fails.append(Fail(f"$.risks[{i}].risk_outcome", "a risk was identified but the risk outcome is missing"))
        if not identified and r.risk_outcome is not None:
            fails.append(Fail(f"$.risks[{i}].risk_outcome", "a risk outcome is recorded but no risk was identified"))
    return fails


@builtin_rule(
    code="SAC-006",
    title="A concluded section 42 enquiry has one SG3a capacity value",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG3a: every concluded s42 enquiry has exactly one value (reference.md §1.3)",
    fields=("$.enquiry.capacity_lacked",),
)
@only_if(concluded_section_42)
def capacity_value_present(c: Concern) -> CheckResult:
    """Fail where SG3a is missing."""
    if not _concluded_s42(c):
        return NOT_APPLICABLE
    if c.enquiry is not None and c.enquiry.capacity_lacked is not None:
        return PASS
    return fail("$.enquiry.capacity_lacked", "SG3a capacity value missing")


@builtin_rule(
    code="SAC-007",
    title="Advocacy support (SG3a sub-item) is recorded only where the adult lacked capacity",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG3a sub-item: 'Of the enquiries recorded as Yes ...' (reference.md §1.3, §6 item 5)",
    fields=("$.enquiry.advocacy_support",),
)
def advocacy_support_only_if_lacked(c: Concern) -> CheckResult:
    """Fail where advocacy support is recorded for an adult not recorded as lacking capacity."""
    e = c.enquiry
    if e is None or e.advocacy_support is None:
        return NOT_APPLICABLE
    if e.capacity_lacked is CapacityLacked.YES:
        return PASS
    return fail("$.enquiry.advocacy_support", "advocacy support is recorded but SG3a does not say capacity was lacked")


@builtin_rule(
    code="SAC-008",
    title="Where the adult lacked capacity, whether support was provided is recorded",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="SAC SG3a sub-item (reference.md §1.3)",
    fields=("$.enquiry.advocacy_support",),
)
@only_if(concluded_section_42)
def advocacy_support_recorded(c: Concern) -> CheckResult:
    """Fail where SG3a is Yes and the support sub-item is not answered."""
    e = c.enquiry
    if not _concluded_s42(c) or e is None or e.capacity_lacked is not CapacityLacked.YES:
        return NOT_APPLICABLE
    if e.advocacy_support is not None:
        return PASS
    return fail(
        "$.enquiry.advocacy_support", "SG3a is Yes but support by an advocate, family or friend is not recorded"
    )


@builtin_rule(
    code="SAC-009",
    title="A concluded section 42 enquiry has an SG4a 'asked' value",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG4a (reference.md §1.3)",
    fields=("$.msp_asked",),
)
@only_if(concluded_section_42)
def msp_asked_present(c: Concern) -> CheckResult:
    """Fail where SG4a is missing for a concluded section 42 enquiry."""
    if not _concluded_s42(c):
        return NOT_APPLICABLE
    return PASS if c.msp_asked is not None else fail("$.msp_asked", "SG4a 'asked' value missing")


@builtin_rule(
    code="SAC-010",
    title="Outcome achievement is recorded if and only if outcomes were expressed",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC SG4a achieved values apply where outcomes were expressed (reference.md §1.3 [I], §6 item 6)",
    fields=("$.enquiry.outcomes_achieved",),
)
@only_if(concluded_section_42)
def achievement_iff_expressed(c: Concern) -> CheckResult:
    """Fail where achievement is missing after outcomes were expressed, or present without them."""
    if not _concluded_s42(c) or c.enquiry is None:
        return NOT_APPLICABLE
    expressed = c.msp_asked is MspAsked.ASKED_EXPRESSED
    achieved = c.enquiry.outcomes_achieved
    if expressed and achieved is None:
        return fail("$.enquiry.outcomes_achieved", "outcomes were expressed but their achievement is not recorded")
    if not expressed and achieved is not None:
        return fail("$.enquiry.outcomes_achieved", "achievement is recorded but outcomes were not expressed")
    return PASS


@builtin_rule(
    code="SAC-011",
    title="A concluded section 42 enquiry has its start and conclusion dates",
    severity=Severity.ERROR,
    stages=FROM_CONCLUSION,
    reference="SAC counting dates: raised, started, concluded (reference.md §1.2, §6 item 10)",
    fields=("$.enquiry.started_on", "$.enquiry.concluded_on"),
)
@only_if(is_section_42)
def dates_present(c: Concern) -> CheckResult:
    """Fail for each SAC counting date missing from a section 42 enquiry at or past conclusion.

    The decision date is not a SAC counting date; CA-002 requires it.
    """
    if not c.is_section_42:
        return NOT_APPLICABLE
    e = c.enquiry
    fails: list[Fail] = []
    if e is None or e.started_on is None:
        fails.append(Fail("$.enquiry.started_on", "the enquiry start date is missing"))
    if e is None or e.concluded_on is None:
        fails.append(Fail("$.enquiry.concluded_on", "the conclusion date is missing"))
    return fails


@builtin_rule(
    code="SAC-012",
    title="Self-neglect is recorded with the source 'Known to Individual - Self'",
    severity=Severity.ERROR,
    stages=FROM_ENQUIRY,
    reference=(
        "SAC detailed source-of-risk breakdown: self-neglect maps to 'Known to Individual - Self' (reference.md §1.3)"
    ),
    fields=("$.risks[*].source", "$.risks[*].source_detail"),
)
def self_neglect_source(c: Concern) -> CheckResult:
    """Fail for each self-neglect risk whose source is not the adult."""
    neglect = [(i, r) for i, r in enumerate(c.risks) if r.type_of_risk is TypeOfRisk.SELF_NEGLECT]
    if not neglect:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i, r in neglect:
        if r.source_detail is not None and r.source_detail.code != "known_self":
            fails.append(
                Fail(
                    f"$.risks[{i}].source_detail", "self-neglect needs the detailed source 'Known to Individual - Self'"
                )
            )
        elif r.source is not None and r.source is not SourceOfRisk.KNOWN_TO_INDIVIDUAL:
            fails.append(Fail(f"$.risks[{i}].source", "self-neglect needs the source 'Other - Known to individual'"))
    return fails


@builtin_rule(
    code="SAC-013",
    title="The SG4a achieved value agrees with the outcome-level evaluations",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="CLD 'Review outcomes achieved' rule applied to SG4a (reference.md §4.1 [I], §6 item 6)",
    fields=("$.enquiry.outcomes_achieved",),
)
def achievement_agrees(c: Concern) -> CheckResult:
    """Fail where the enquiry's SG4a value differs from the combination of its outcomes."""
    combined = overall_achievement(c.desired_outcomes)
    recorded = None if c.enquiry is None else c.enquiry.outcomes_achieved
    if combined is None or recorded is None:
        return NOT_APPLICABLE
    if combined is recorded:
        return PASS
    return fail("$.enquiry.outcomes_achieved", "SG4a achievement differs from the outcome-level evaluations")


@builtin_rule(
    code="SAC-014",
    title="'Enquiry ceased at individual's request' is used only where the enquiry ceased at the adult's request",
    severity=Severity.WARNING,
    stages=FROM_CONCLUSION,
    reference="SAC SG2c 'Enquiry ceased at individual's request and no action taken' (reference.md §1.3)",
    fields=("$.risks[*].action_and_result",),
)
@only_if(is_section_42)
def ceased_value_consistent(c: Concern) -> CheckResult:
    """Fail for each risk given the 'ceased' SG2c value where the enquiry did not cease at the adult's request.

    The converse is not checked: an enquiry may cease at the adult's request after action was taken on a
    risk, and then another SG2c value describes that risk better.
    """
    judged = [(i, r) for i, r in enumerate(c.risks) if r.action_and_result is not None]
    if not judged or not c.is_section_42:
        return NOT_APPLICABLE
    if ended_at_adults_request(c):
        return PASS
    return [
        Fail(
            f"$.risks[{i}].action_and_result",
            "'ceased at individual's request' is used but the enquiry did not cease at the adult's request",
        )
        for i, r in judged
        if r.action_and_result is ActionTakenAndResult.CEASED_AT_REQUEST
    ]


@builtin_rule(
    code="SAC-015",
    title="SG1 demographics for a section 42 enquiry: date of birth, gender and ethnicity are recorded",
    severity=Severity.WARNING,
    stages=FROM_ENQUIRY,
    reference="SAC SG1a-SG1c are mandatory for individuals in section 42 enquiries (reference.md §1.3)",
    fields=("$.adult.date_of_birth", "$.adult.gender_identity", "$.adult.ethnic_category"),
)
@only_if(is_section_42)
def demographics_present(c: Concern) -> CheckResult:
    """Fail for each SG1 demographic item missing for the adult in a section 42 enquiry."""
    if not c.is_section_42:
        return NOT_APPLICABLE
    a = c.adult
    fails: list[Fail] = []
    if a.date_of_birth is None:
        fails.append(Fail("$.adult.date_of_birth", "date of birth missing: SG1a will count the adult as age unknown"))
    if a.gender_identity is None:
        fails.append(Fail("$.adult.gender_identity", "gender missing: SG1b will count the adult as Not Known"))
    if a.ethnic_category is None and a.census_2021_ethnic_group is None:
        fails.append(
            Fail("$.adult.ethnic_category", "ethnicity missing: SG1c will count the adult as Undeclared / Not Known")
        )
    return fails
