"""SAC-: Safeguarding Adults Collection completeness and consistency, per record.

These rules check what one concluded section 42 enquiry must carry to be
counted in SG2-SG4 of the NHS England Safeguarding Adults Collection (SAC guidance
2024-25), and what SG1 needs for the adult. They are tied to the collection years
whose return they describe; DHSC's SAC guidance for local authorities for 2025-26
made no change to the data requirements.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from msp.codes import ActionTakenAndResult, CapacityLacked, MspAsked, OutcomeAchievement, SourceOfRisk, TypeOfRisk
from msp.model.concern import Concern, Enquiry
from msp.model.outcomes import overall_achievement
from msp.rules._declare import Family, only_if
from msp.rules._shapes import EveryRiskRecords
from msp.rules._types import NOT_APPLICABLE, PASS, CheckResult, Fail, Paths
from msp.rules.facts import (
    concluded_section_42,
    ended_at_adults_request,
    is_section_42,
)

__all__ = ["RULES"]

RULES: Final = Family.load(__name__)
"""The SAC- rules: the catalogue in ``sac.json`` and a check for each."""


@RULES.check("SAC-005")
def risk_outcome_iff_identified(c: Concern, at: Paths) -> CheckResult:
    """Fail where a risk outcome is missing after 'risk identified', or present otherwise."""
    judged = [(i, r) for i, r in enumerate(c.risks) if r.action_and_result is not None]
    if not judged:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i, r in judged:
        identified = r.action_and_result is not None and r.action_and_result.risk_identified
        if identified and r.risk_outcome is None and concluded_section_42(c):
            fails += at.risk_outcome.fail("a risk was identified but the risk outcome is missing", i)
        if not identified and r.risk_outcome is not None:
            fails += at.risk_outcome.fail("a risk outcome is recorded but no risk was identified", i)
    return fails


@RULES.check("SAC-006")
@only_if(concluded_section_42)
def capacity_value_present(c: Concern, at: Paths) -> CheckResult:
    """Fail where SG3a is missing."""
    return at.capacity_lacked.fail_unless(
        c.enquiry is not None and c.enquiry.capacity_lacked is not None, "SG3a capacity value missing"
    )


def _enquiry_with_support(c: Concern) -> Enquiry | None:
    """The enquiry, where it records that advocacy support was provided (the SG3a sub-item).

    Only ``True`` counts: many case systems export the sub-item as ``False`` by default for
    every enquiry, and a default ``False`` is not a recorded answer.
    """
    e = c.enquiry
    return e if e is not None and e.advocacy_support is True else None


@RULES.check("SAC-007")
@only_if(_enquiry_with_support)
def advocacy_support_only_if_lacked(e: Enquiry, at: Paths) -> CheckResult:
    """Fail where advocacy support is recorded for an adult not recorded as lacking capacity."""
    return at.advocacy_support.fail_unless(
        e.capacity_lacked is CapacityLacked.YES,
        "advocacy support is recorded but SG3a does not say capacity was lacked",
    )


def _enquiry_lacking_capacity(c: Concern) -> Enquiry | None:
    """The enquiry, where SG3a says the adult lacked capacity."""
    e = c.enquiry
    return e if e is not None and e.capacity_lacked is CapacityLacked.YES else None


@RULES.check("SAC-008")
@only_if(_enquiry_lacking_capacity, concluded_section_42)
def advocacy_support_recorded(e: Enquiry, at: Paths) -> CheckResult:
    """Fail where SG3a is Yes and the support sub-item is not answered."""
    return at.advocacy_support.fail_unless(
        e.advocacy_support is not None, "SG3a is Yes but support by an advocate, family or friend is not recorded"
    )


@RULES.check("SAC-009")
@only_if(concluded_section_42)
def msp_asked_present(c: Concern, at: Paths) -> CheckResult:
    """Fail where SG4a is missing for a concluded section 42 enquiry."""
    return at.msp_asked.fail_unless(c.msp_asked is not None, "SG4a 'asked' value missing")


def _enquiry_and_asked(c: Concern) -> tuple[Enquiry, MspAsked | None] | None:
    """The enquiry and the SG4a value, where the enquiry is recorded."""
    return None if c.enquiry is None else (c.enquiry, c.msp_asked)


@RULES.check("SAC-010")
@only_if(_enquiry_and_asked, concluded_section_42)
def achievement_iff_expressed(found: tuple[Enquiry, MspAsked | None], at: Paths) -> CheckResult:
    """Fail where achievement is missing after outcomes were expressed, or present without them."""
    enquiry, asked = found
    expressed = asked is MspAsked.ASKED_EXPRESSED
    if expressed and enquiry.outcomes_achieved is None:
        return at.outcomes_achieved.fail("outcomes were expressed but their achievement is not recorded")
    if not expressed and enquiry.outcomes_achieved is not None:
        return at.outcomes_achieved.fail("achievement is recorded but outcomes were not expressed")
    return PASS


@RULES.check("SAC-011")
@only_if(is_section_42)
def dates_present(c: Concern, at: Paths) -> CheckResult:
    """Fail for each SAC counting date missing from a section 42 enquiry at or past conclusion.

    The decision date is not a SAC counting date; CA-002 requires it.
    """
    e = c.enquiry
    return at.started_on.fail_unless(
        e is not None and e.started_on is not None, "the enquiry start date is missing"
    ) + at.concluded_on.fail_unless(e is not None and e.concluded_on is not None, "the conclusion date is missing")


@RULES.check("SAC-012")
def self_neglect_source(c: Concern, at: Paths) -> CheckResult:
    """Fail for each self-neglect risk whose source is not the adult."""
    neglect = [(i, r) for i, r in enumerate(c.risks) if r.type_of_risk is TypeOfRisk.SELF_NEGLECT]
    if not neglect:
        return NOT_APPLICABLE
    fails: list[Fail] = []
    for i, r in neglect:
        if r.source_detail is not None and r.source_detail.code != "known_self":
            fails += at.source_detail.fail("self-neglect needs the detailed source 'Known to Individual - Self'", i)
        elif r.source is not None and r.source is not SourceOfRisk.KNOWN_TO_INDIVIDUAL:
            fails += at.source.fail("self-neglect needs the source 'Other - Known to individual'", i)
    return fails


def _achievements(c: Concern) -> tuple[OutcomeAchievement, OutcomeAchievement] | None:
    """The achievement the outcome-level evaluations combine to, and the SG4a value, where both are known."""
    recorded = None if c.enquiry is None else c.enquiry.outcomes_achieved
    combined = None if recorded is None else overall_achievement(c.desired_outcomes)
    return None if combined is None or recorded is None else (combined, recorded)


@RULES.check("SAC-013")
@only_if(_achievements)
def achievement_agrees(found: tuple[OutcomeAchievement, OutcomeAchievement], at: Paths) -> CheckResult:
    """Fail where the enquiry's SG4a value differs from the combination of its outcomes."""
    combined, recorded = found
    return at.outcomes_achieved.fail_unless(
        combined is recorded, "SG4a achievement differs from the outcome-level evaluations"
    )


@RULES.check("SAC-014")
@only_if(is_section_42)
def ceased_value_consistent(c: Concern, at: Paths) -> CheckResult:
    """Fail for each risk given the 'ceased' SG2c value where the enquiry did not cease at the adult's request.

    The converse is not checked: an enquiry may cease at the adult's request after action was taken on a
    risk, and then another SG2c value describes that risk better.
    """
    if all(r.action_and_result is None for r in c.risks):
        return NOT_APPLICABLE
    if ended_at_adults_request(c):
        return PASS
    return at.action_and_result.each(
        c.risks,
        lambda r: r.action_and_result is ActionTakenAndResult.CEASED_AT_REQUEST,
        "'ceased at individual's request' is used but the enquiry did not cease at the adult's request",
    )


@RULES.check("SAC-015")
@only_if(is_section_42)
def demographics_present(c: Concern, at: Paths) -> CheckResult:
    """Fail for each SG1 demographic item missing for the adult in a section 42 enquiry."""
    a = c.adult
    return (
        at.date_of_birth.fail_unless(
            a.date_of_birth is not None, "date of birth missing: SG1a will count the adult as age unknown"
        )
        + at.gender_identity.fail_unless(
            a.gender_identity is not None, "gender missing: SG1b will count the adult as Not Known"
        )
        + at.ethnic_category.fail_unless(
            a.ethnic_category is not None or a.census_2021_ethnic_group is not None,
            "ethnicity missing: SG1c will count the adult as Undeclared / Not Known",
        )
    )


# Rules of one shape: every risk of a concluded section 42 enquiry records an SG2 item.
for code, field, message in (
    ("SAC-001", "type_of_risk", "type of risk missing"),
    ("SAC-002", "location", "location of risk missing"),
    ("SAC-003", "sac_source", "source of risk missing"),
    ("SAC-004", "action_and_result", "action taken and result missing"),
):
    RULES.check(code)(only_if(concluded_section_42)(EveryRiskRecords(field, message)))
