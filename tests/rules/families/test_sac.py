"""SAC-001..SAC-015: Safeguarding Adults Collection completeness and consistency.

For every rule: a record that fails it (with the exact finding paths), one that
passes and one it does not apply to, plus the edge cases the SAC return's
pairing rules create (reference.md §1.2, §1.3, §4.4, §6).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import attrs
import pytest

import msp
from msp.codes import (
    ActionTakenAndResult,
    CapacityLacked,
    CaseStage,
    Census2021EthnicGroup,
    ClosureReason,
    DetailedSourceOfRisk,
    MspAsked,
    OutcomeAchievement,
    RiskOutcome,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.rules import STAGE_ORDER, Report, Severity, Status, get_rule, registered_rules
from tests.builders import (
    adult,
    closed_s42,
    closure,
    concern,
    concluded_s42,
    other_enquiry_concluded,
    outcome,
    risk,
    s42_decision,
    s42_enquiry,
)

SAC_CODES = tuple(f"SAC-{n:03d}" for n in range(1, 16))


def run(code: str, record: msp.Concern, *, stage: CaseStage | None = None) -> Report:
    """Validate ``record`` with one rule only."""
    return msp.rules.validate(record, rules=[code], stage=stage)


def paths(report: Report, code: str) -> list[str]:
    return [f.path for f in report.findings if f.code == code]


def still_open() -> msp.Concern:
    """A section 42 enquiry not yet concluded, validated as if at conclusion."""
    return concluded_s42(enquiry=s42_enquiry(concluded_on=None))


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    build: Callable[[], msp.Concern]
    status: Status
    paths: tuple[str, ...] = ()
    stage: CaseStage | None = None

    @property
    def id(self) -> str:
        return f"{self.code}-{self.status.value}-{self.name}"


def _risks(*items: msp.Risk) -> Callable[[], msp.Concern]:
    return lambda: concluded_s42(risks=items)


def _second_risk(**changes: object) -> Callable[[], msp.Concern]:
    """A complete first risk, and a second risk (R-2) with these changes."""
    return _risks(risk(), risk(risk_id="R-2", **changes))


def _enquiry(**overrides: object) -> Callable[[], msp.Concern]:
    return lambda: concluded_s42(enquiry=s42_enquiry(**overrides))


F, P, NA = Status.FAILED, Status.PASSED, Status.NOT_APPLICABLE

CASES = [
    # SAC-001 type of risk
    Case("SAC-001", "type-missing", _risks(risk(type_of_risk=None)), F, ("$.risks[0].type_of_risk",)),
    Case("SAC-001", "no-risks", _risks(), F, ("$.risks",)),
    Case("SAC-001", "complete", concluded_s42, P),
    Case("SAC-001", "draft-stage", concern, NA),
    Case("SAC-001", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-001", "not-concluded", still_open, NA),
    # SAC-002 location: several risks, one missing a location
    Case(
        "SAC-002",
        "one-of-three-missing",
        _risks(risk(), risk(risk_id="R-2", location=None), risk(risk_id="R-3")),
        F,
        ("$.risks[1].location",),
    ),
    Case(
        "SAC-002",
        "two-missing",
        _risks(risk(location=None), risk(risk_id="R-2"), risk(risk_id="R-3", location=None)),
        F,
        ("$.risks[0].location", "$.risks[2].location"),
    ),
    Case("SAC-002", "no-risks", _risks(), F, ("$.risks",)),
    Case("SAC-002", "several-complete", _risks(risk(), risk(risk_id="R-2")), P),
    Case("SAC-002", "draft-stage", concern, NA),
    Case("SAC-002", "other-enquiry", other_enquiry_concluded, NA),
    # SAC-003 source of risk (or a detailed source that implies it)
    Case("SAC-003", "source-missing", _risks(risk(source=None, source_detail=None)), F, ("$.risks[0].source",)),
    Case("SAC-003", "no-risks", _risks(), F, ("$.risks",)),
    Case("SAC-003", "complete", concluded_s42, P),
    Case("SAC-003", "detail-only", _risks(risk(source=None)), P),
    Case("SAC-003", "draft-stage", concern, NA),
    Case("SAC-003", "not-concluded", still_open, NA),
    # SAC-004 SG2c action taken and result
    Case(
        "SAC-004",
        "action-missing",
        _second_risk(action_and_result=None, risk_outcome=None),
        F,
        ("$.risks[1].action_and_result",),
    ),
    Case("SAC-004", "no-risks", _risks(), F, ("$.risks",)),
    Case("SAC-004", "complete", concluded_s42, P),
    Case("SAC-004", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-004", "draft-stage", concern, NA),
    # SAC-005 SG2e risk outcome iff a risk was identified
    Case("SAC-005", "identified-no-outcome", _risks(risk(risk_outcome=None)), F, ("$.risks[0].risk_outcome",)),
    Case(
        "SAC-005",
        "outcome-but-no-risk-identified",
        _risks(risk(action_and_result=ActionTakenAndResult.NO_RISK_NO_ACTION, risk_outcome=RiskOutcome.REMOVED)),
        F,
        ("$.risks[0].risk_outcome",),
    ),
    Case(
        "SAC-005",
        "outcome-but-inconclusive",
        _second_risk(
            action_and_result=ActionTakenAndResult.INCONCLUSIVE_ACTION_TAKEN, risk_outcome=RiskOutcome.REDUCED
        ),
        F,
        ("$.risks[1].risk_outcome",),
    ),
    Case("SAC-005", "identified-with-outcome", concluded_s42, P),
    Case(
        "SAC-005",
        "identified-no-action-with-outcome",
        _risks(
            risk(action_and_result=ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION, risk_outcome=RiskOutcome.REMAINED)
        ),
        P,
    ),
    Case(
        "SAC-005",
        "no-risk-no-outcome",
        _risks(risk(action_and_result=ActionTakenAndResult.NO_RISK_ACTION_TAKEN, risk_outcome=None)),
        P,
    ),
    Case("SAC-005", "no-action-recorded", _risks(risk(action_and_result=None, risk_outcome=None)), NA),
    Case("SAC-005", "draft-stage", concern, NA),
    # SAC-006 SG3a present
    Case("SAC-006", "capacity-missing", _enquiry(capacity_lacked=None), F, ("$.enquiry.capacity_lacked",)),
    Case("SAC-006", "complete", concluded_s42, P),
    Case("SAC-006", "not-recorded-is-a-value", _enquiry(capacity_lacked=CapacityLacked.NOT_RECORDED), P),
    Case("SAC-006", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-006", "not-concluded", still_open, NA),
    # SAC-007 advocacy support only where capacity was lacked
    Case(
        "SAC-007",
        "support-with-capacity-no",
        _enquiry(capacity_lacked=CapacityLacked.NO, advocacy_support=True),
        F,
        ("$.enquiry.advocacy_support",),
    ),
    Case(
        "SAC-007",
        "support-with-capacity-dont-know",
        _enquiry(capacity_lacked=CapacityLacked.DONT_KNOW, advocacy_support=True),
        F,
        ("$.enquiry.advocacy_support",),
    ),
    Case(
        "SAC-007",
        "support-with-capacity-missing",
        _enquiry(capacity_lacked=None, advocacy_support=True),
        F,
        ("$.enquiry.advocacy_support",),
    ),
    Case(
        "SAC-007", "support-with-capacity-yes", _enquiry(capacity_lacked=CapacityLacked.YES, advocacy_support=True), P
    ),
    Case("SAC-007", "no-support-value", concluded_s42, NA),
    Case("SAC-007", "draft-stage", concern, NA),
    # SAC-008 SG3a Yes needs the support sub-item
    Case(
        "SAC-008",
        "lacked-support-unrecorded",
        _enquiry(capacity_lacked=CapacityLacked.YES),
        F,
        ("$.enquiry.advocacy_support",),
    ),
    Case("SAC-008", "lacked-no-support", _enquiry(capacity_lacked=CapacityLacked.YES, advocacy_support=False), P),
    Case("SAC-008", "lacked-supported", _enquiry(capacity_lacked=CapacityLacked.YES, advocacy_support=True), P),
    Case("SAC-008", "capacity-no", concluded_s42, NA),
    Case("SAC-008", "other-enquiry", other_enquiry_concluded, NA),
    # SAC-009 SG4a asked
    Case("SAC-009", "asked-missing", lambda: concluded_s42(msp_asked=None), F, ("$.msp_asked",)),
    Case("SAC-009", "complete", concluded_s42, P),
    Case("SAC-009", "not-asked-is-a-value", lambda: concluded_s42(msp_asked=MspAsked.NO, desired_outcomes=()), P),
    Case("SAC-009", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-009", "draft-stage", concern, NA),
    # SAC-010 achievement iff outcomes were expressed
    Case(
        "SAC-010",
        "expressed-without-achievement",
        _enquiry(outcomes_achieved=None),
        F,
        ("$.enquiry.outcomes_achieved",),
    ),
    Case(
        "SAC-010",
        "achievement-without-expressed",
        lambda: concluded_s42(msp_asked=MspAsked.ASKED_NOT_EXPRESSED, desired_outcomes=()),
        F,
        ("$.enquiry.outcomes_achieved",),
    ),
    Case(
        "SAC-010",
        "achievement-when-not-asked",
        lambda: concluded_s42(msp_asked=MspAsked.NO, desired_outcomes=()),
        F,
        ("$.enquiry.outcomes_achieved",),
    ),
    Case("SAC-010", "expressed-and-achieved", concluded_s42, P),
    Case(
        "SAC-010",
        "not-expressed-not-achieved",
        lambda: concluded_s42(
            msp_asked=MspAsked.ASKED_NOT_EXPRESSED,
            desired_outcomes=(),
            enquiry=s42_enquiry(outcomes_achieved=None),
        ),
        P,
    ),
    Case("SAC-010", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-010", "not-concluded", still_open, NA),
    # SAC-011 counting dates
    Case(
        "SAC-011",
        "decision-date-is-not-a-counting-date",
        lambda: concluded_s42(decision=s42_decision(decided_on=None)),
        P,
    ),
    Case(
        "SAC-011",
        "enquiry-dates-missing",
        _enquiry(started_on=None, concluded_on=None),
        F,
        ("$.enquiry.started_on", "$.enquiry.concluded_on"),
    ),
    Case(
        "SAC-011",
        "no-enquiry-record",
        lambda: concluded_s42(enquiry=None),
        F,
        ("$.enquiry.started_on", "$.enquiry.concluded_on"),
    ),
    Case("SAC-011", "complete", concluded_s42, P),
    Case("SAC-011", "other-enquiry", other_enquiry_concluded, NA),
    Case("SAC-011", "enquiry-stage", still_open, NA, stage=CaseStage.ENQUIRY),
    # SAC-012 self-neglect is 'Known to Individual - Self'
    Case(
        "SAC-012",
        "self-neglect-service-provider",
        _second_risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source=SourceOfRisk.SERVICE_PROVIDER, source_detail=None),
        F,
        ("$.risks[1].source",),
    ),
    Case(
        "SAC-012",
        "self-neglect-provider-detail",
        _risks(
            risk(
                type_of_risk=TypeOfRisk.SELF_NEGLECT,
                source=None,
                source_detail=DetailedSourceOfRisk.PROVIDER_PRIVATE_SECTOR,
            )
        ),
        F,
        ("$.risks[0].source_detail",),
    ),
    Case(
        "SAC-012",
        "self-neglect-relative",
        _risks(risk(type_of_risk=TypeOfRisk.SELF_NEGLECT)),
        F,
        ("$.risks[0].source_detail",),
    ),
    Case(
        "SAC-012",
        "self-neglect-known-self",
        _risks(risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source_detail=DetailedSourceOfRisk.KNOWN_SELF)),
        P,
    ),
    Case(
        "SAC-012",
        "self-neglect-known-no-detail",
        _risks(risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source_detail=None)),
        P,
    ),
    Case("SAC-012", "no-self-neglect", concluded_s42, NA),
    Case(
        "SAC-012",
        "concern-stage",
        lambda: concern(
            risks=(
                risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source=SourceOfRisk.SERVICE_PROVIDER, source_detail=None),
            )
        ),
        NA,
    ),
    # SAC-013 SG4a agrees with the outcome-level evaluations
    Case(
        "SAC-013",
        "fully-but-one-partially",
        lambda: concluded_s42(
            desired_outcomes=(outcome(), outcome(in_own_words="Second", achievement=OutcomeAchievement.PARTIALLY))
        ),
        F,
        ("$.enquiry.outcomes_achieved",),
    ),
    Case("SAC-013", "agrees", concluded_s42, P),
    Case(
        "SAC-013",
        "not-achieved-agrees",
        lambda: concluded_s42(
            desired_outcomes=(outcome(achievement=OutcomeAchievement.NOT),),
            enquiry=s42_enquiry(outcomes_achieved=OutcomeAchievement.NOT),
        ),
        P,
    ),
    Case(
        "SAC-013",
        "outcomes-not-evaluated",
        lambda: concluded_s42(desired_outcomes=(outcome(achievement=None),)),
        NA,
    ),
    Case("SAC-013", "no-sg4a-value", _enquiry(outcomes_achieved=None), NA),
    # SAC-014 the ceased-at-request value matches how the enquiry ended
    Case(
        "SAC-014",
        "ceased-value-but-did-not-cease",
        _second_risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),
        F,
        ("$.risks[1].action_and_result",),
    ),
    Case(
        "SAC-014",
        "ceased-after-action-was-taken",
        lambda: concluded_s42(stage=CaseStage.CEASED_AT_ADULTS_REQUEST),
        P,
    ),
    Case(
        "SAC-014",
        "ceased-consistently",
        lambda: concluded_s42(
            stage=CaseStage.CEASED_AT_ADULTS_REQUEST,
            risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
        ),
        P,
    ),
    Case(
        "SAC-014",
        "closed-at-request-consistently",
        lambda: closed_s42(
            closure=closure(reason=ClosureReason.CEASED_AT_ADULTS_REQUEST),
            risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
        ),
        P,
    ),
    Case("SAC-014", "did-not-cease", concluded_s42, P),
    Case("SAC-014", "no-action-recorded", _risks(risk(action_and_result=None, risk_outcome=None)), NA),
    Case("SAC-014", "other-enquiry", other_enquiry_concluded, NA),
    # SAC-015 SG1 demographics
    Case(
        "SAC-015",
        "demographics-missing",
        lambda: concluded_s42(adult=adult(date_of_birth=None, gender_identity=None, ethnic_category=None)),
        F,
        ("$.adult.date_of_birth", "$.adult.gender_identity", "$.adult.ethnic_category"),
    ),
    Case(
        "SAC-015",
        "gender-missing",
        lambda: concluded_s42(adult=adult(gender_identity=None)),
        F,
        ("$.adult.gender_identity",),
    ),
    Case("SAC-015", "complete", concluded_s42, P),
    Case(
        "SAC-015",
        "census-ethnicity",
        lambda: concluded_s42(adult=adult(ethnic_category=None, census_2021_ethnic_group=Census2021EthnicGroup.ROMA)),
        P,
    ),
    Case("SAC-015", "other-enquiry", lambda: other_enquiry_concluded(adult=adult(date_of_birth=None)), NA),
    Case("SAC-015", "concern-stage", lambda: concern(decision=s42_decision()), NA),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_sac_rule(case: Case) -> None:
    report = run(case.code, case.build(), stage=case.stage)
    assert report.status_of(case.code) is case.status
    assert paths(report, case.code) == list(case.paths)
    assert not report.errored


def test_every_sac_rule_has_a_failing_passing_and_not_applicable_case() -> None:
    seen = {(c.code, c.status) for c in CASES}
    for code in SAC_CODES:
        for status in (F, P, NA):
            assert (code, status) in seen, (code, status)


def test_the_sac_family_is_exactly_sac_001_to_015() -> None:
    assert tuple(r.code for r in registered_rules() if r.family == "SAC") == SAC_CODES


@pytest.mark.parametrize("code", SAC_CODES)
def test_sac_rules_have_references_and_stages(code: str) -> None:
    r = get_rule(code)
    assert r.reference.strip()
    if code in ADVICE_UNTIL_VERIFIED:
        assert "reference.md" not in r.reference
        assert "not yet checked against the NHS England SAC guidance" in r.reference
    assert r.stages
    assert r.stages <= frozenset(STAGE_ORDER)
    # every SAC rule needs an enquiry to exist: none fires on a concern just received
    assert CaseStage.CONCERN_RECEIVED not in r.stages


@pytest.mark.parametrize("code", SAC_CODES)
def test_findings_carry_rule_metadata(code: str) -> None:
    case = next(c for c in CASES if c.code == code and c.status is F)
    report = run(code, case.build(), stage=case.stage)
    r = get_rule(code)
    for finding in report.findings:
        assert finding.code == code
        assert finding.severity is r.severity
        assert finding.reference == r.reference
        assert finding.record_id == "C-0001"
        assert finding.message
        assert finding.path.startswith("$.")


def test_good_concluded_and_closed_enquiries_pass_every_sac_rule() -> None:
    for record in (concluded_s42(), closed_s42()):
        report = msp.rules.validate(record, rules="sac")
        assert report.ok
        assert report.findings == ()
        assert set(report.rule_set.codes) == set(SAC_CODES)
        assert {s for _, s in report.outcomes} <= {P, NA}


def test_good_records_pass_every_rule_of_every_family() -> None:
    for record in (concluded_s42(), closed_s42()):
        report = msp.validate(record)
        assert report.findings == ()
        assert report.ok
        assert report.counts()[Status.FAILED] == 0


def test_sac_profile_runs_only_sac_rules() -> None:
    report = msp.rules.validate(concluded_s42(risks=()), rules="sac")
    assert {f.code for f in report.findings} == {"SAC-001", "SAC-002", "SAC-003", "SAC-004"}
    assert all(f.path == "$.risks" for f in report.findings)


ADVICE_UNTIL_VERIFIED = {"SAC-010", "SAC-012"}
"""An inference and one council's form: advice until checked against the SAC guidance (issue 12)."""


def test_severities() -> None:
    errors = {"SAC-001", "SAC-002", "SAC-003", "SAC-004", "SAC-005", "SAC-006", "SAC-007", "SAC-009", "SAC-011"}
    for code in SAC_CODES:
        expected = (
            Severity.ERROR if code in errors else Severity.ADVICE if code in ADVICE_UNTIL_VERIFIED else Severity.WARNING
        )
        assert get_rule(code).severity is expected, code


# -- edge cases named in the brief, spelled out -------------------------------


def test_several_risks_one_missing_a_location() -> None:
    record = concluded_s42(risks=(risk(), risk(risk_id="R-2"), risk(risk_id="R-3", location=None)))
    report = msp.rules.validate(record, rules="sac")
    assert [(f.code, f.path) for f in report.findings] == [("SAC-002", "$.risks[2].location")]
    assert report.status_of("SAC-001") is P
    assert report.status_of("SAC-003") is P
    assert report.has_errors


def test_risk_outcome_with_no_risk_identified() -> None:
    record = concluded_s42(
        risks=(risk(action_and_result=ActionTakenAndResult.NO_RISK_NO_ACTION, risk_outcome=RiskOutcome.REMAINED),)
    )
    report = run("SAC-005", record)
    (finding,) = report.findings
    assert finding.path == "$.risks[0].risk_outcome"
    assert "no risk was identified" in finding.message
    assert finding.severity is Severity.ERROR


def test_risk_outcome_with_no_risk_identified_fails_before_conclusion_too() -> None:
    # the 'only where identified' half holds whatever the enquiry type or dates
    record = other_enquiry_concluded(
        risks=(risk(action_and_result=ActionTakenAndResult.NO_RISK_ACTION_TAKEN, risk_outcome=RiskOutcome.REDUCED),)
    )
    assert paths(run("SAC-005", record), "SAC-005") == ["$.risks[0].risk_outcome"]
    # while a missing outcome is only required of a concluded s42 enquiry
    missing = other_enquiry_concluded(risks=(risk(risk_outcome=None),))
    assert run("SAC-005", missing).status_of("SAC-005") is P


def test_advocacy_support_with_capacity_no() -> None:
    record = concluded_s42(enquiry=s42_enquiry(capacity_lacked=CapacityLacked.NO, advocacy_support=True))
    report = msp.rules.validate(record, rules="sac")
    assert report.status_of("SAC-007") is F
    assert report.status_of("SAC-008") is NA
    assert [(f.code, f.path) for f in report.findings] == [("SAC-007", "$.enquiry.advocacy_support")]


def test_outcomes_expressed_without_achievement() -> None:
    record = concluded_s42(enquiry=s42_enquiry(outcomes_achieved=None))
    report = msp.rules.validate(record, rules="sac")
    assert [(f.code, f.path) for f in report.findings] == [("SAC-010", "$.enquiry.outcomes_achieved")]
    assert "not recorded" in report.findings[0].message
    assert report.status_of("SAC-013") is NA


def test_achievement_without_outcomes_expressed() -> None:
    record = concluded_s42(msp_asked=MspAsked.DONT_KNOW, desired_outcomes=())
    report = run("SAC-010", record)
    (finding,) = report.findings
    assert finding.path == "$.enquiry.outcomes_achieved"
    assert "not expressed" in finding.message


def test_self_neglect_with_service_provider_source() -> None:
    record = concluded_s42(
        risks=(risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source=SourceOfRisk.SERVICE_PROVIDER, source_detail=None),)
    )
    report = msp.rules.validate(record, rules="sac")
    assert [(f.code, f.path) for f in report.findings] == [("SAC-012", "$.risks[0].source")]
    # it applies from the enquiry stage, before conclusion
    during = attrs.evolve(record, enquiry=s42_enquiry(concluded_on=None), stage=CaseStage.ENQUIRY)
    assert run("SAC-012", during).status_of("SAC-012") is F


def test_ceased_value_on_an_enquiry_that_did_not_cease() -> None:
    record = concluded_s42(risks=(risk(action_and_result=ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),))
    report = msp.rules.validate(record, rules="sac")
    assert [(f.code, f.path) for f in report.findings] == [("SAC-014", "$.risks[0].action_and_result")]
    assert "did not cease" in report.findings[0].message
    assert report.findings[0].severity is Severity.WARNING
    assert report.ok  # a warning only


def test_stage_override_switches_sac_rules_on() -> None:
    # the same incomplete record: out of scope while the case is at enquiry, failing at conclusion
    record = concluded_s42(risks=(risk(type_of_risk=None),), stage=CaseStage.ENQUIRY)
    assert run("SAC-001", record).status_of("SAC-001") is NA
    assert run("SAC-001", record, stage=CaseStage.CONCLUDED).status_of("SAC-001") is F


@pytest.mark.parametrize("stage", STAGE_ORDER, ids=lambda s: s.code)
def test_sac_rules_never_error_on_good_or_draft_records(stage: CaseStage) -> None:
    for record in (concern(), concluded_s42(), closed_s42(), other_enquiry_concluded(), still_open()):
        report = msp.rules.validate(record, rules="sac", stage=stage)
        assert not report.errored
        assert report.counts()[Status.ERRORED] == 0
