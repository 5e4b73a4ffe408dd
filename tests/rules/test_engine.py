"""The rules engine: running rules, reports, profiles, the registry, rule sets, the catalogue."""

from __future__ import annotations

import csv
import io
import json
import pickle
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

import msp
from msp.codes import CaseStage, MspAsked
from msp.codes.years import CollectionYear
from msp.rules import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    Basis,
    CheckResult,
    Fail,
    Finding,
    Profile,
    Report,
    Rule,
    RuleSet,
    Severity,
    Status,
    catalogue,
    fail,
    from_stage,
    get_profile,
    get_rule,
    register,
    register_profile,
    registered_rules,
    rule_set,
    unregister,
    unregister_profile,
    validate,
)
from tests.builders import adult, closed_s42, concern, concluded_s42, risk, s42_enquiry

ALL = frozenset(STAGE_ORDER)


def make_rule(code: str, check: Callable[[Any], CheckResult], **kwargs: Any) -> Rule:
    fields: dict[str, Any] = {
        "title": "A test rule",
        "severity": Severity.WARNING,
        "stages": ALL,
        "reference": "Test suite, not law",
        "basis": Basis.LOCAL_PRACTICE,
    }
    fields.update(kwargs)
    return Rule(code=code, check=check, **fields)


@pytest.fixture
def temporary_rules() -> Iterator[Callable[[Rule], Rule]]:
    """Register rules for one test; always unregister them afterwards."""
    added: list[str] = []

    def add(new: Rule) -> Rule:
        register(new)
        added.append(new.code)
        return new

    try:
        yield add
    finally:
        for code in added:
            unregister(code)


def _boom(_c: msp.Concern) -> CheckResult:
    msg = "a bug in a local rule"
    raise ZeroDivisionError(msg)


# -- running rules --------------------------------------------------------------


def test_a_rule_that_raises_is_errored_never_passed(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", _boom))
    temporary_rules(make_rule("TEST-002", lambda _c: PASS))
    temporary_rules(make_rule("TEST-003", lambda _c: fail("$.team", "no team")))
    report = validate(concluded_s42(risks=()))
    assert report.status_of("TEST-001") is Status.ERRORED
    assert report.errored == {"TEST-001": "ZeroDivisionError"}
    assert "TEST-001" not in {f.code for f in report.findings}
    assert not report.ok
    # the other rules still ran, before and after it in run order
    assert report.status_of("TEST-002") is Status.PASSED
    assert report.status_of("TEST-003") is Status.FAILED
    assert report.status_of("SAC-001") is Status.FAILED
    assert report.status_of("MSP-001") is Status.PASSED
    counts = report.counts()
    assert counts[Status.ERRORED] == 1
    assert sum(counts.values()) == len(report.rule_set)
    passed = {code for code, s in report.outcomes if s is Status.PASSED}
    assert "TEST-001" not in passed


def test_an_errored_rule_is_reported_with_the_exception_type_only(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", _boom))
    report = validate(concern(), rules=["TEST-001"])
    assert report.errored == {"TEST-001": "ZeroDivisionError"}
    assert "a bug in a local rule" not in repr(report)
    assert report.findings == ()


@pytest.mark.parametrize(
    "result",
    [None, "not a list of fails", [("$.x", "tuple, not Fail")], 42],
    ids=["none", "string", "tuples", "int"],
)
def test_a_rule_returning_garbage_is_errored(temporary_rules: Callable[[Rule], Rule], result: object) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: result))
    report = validate(concern(), rules=["TEST-001"])
    assert report.status_of("TEST-001") is Status.ERRORED
    assert report.errored["TEST-001"] in {"TypeError", "AttributeError"}
    assert report.findings == ()


def test_a_generator_rule_is_run_to_the_end(temporary_rules: Callable[[Rule], Rule]) -> None:
    def gen(_c: msp.Concern) -> Iterator[Fail]:
        yield Fail("$.a", "one")
        yield Fail("$.b", "two")

    temporary_rules(make_rule("TEST-001", gen))  # type: ignore[arg-type]
    report = validate(concern(), rules=["TEST-001"])
    assert [f.path for f in report.findings] == ["$.a", "$.b"]


def test_not_applicable_pass_and_fail(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: NOT_APPLICABLE))
    temporary_rules(make_rule("TEST-002", lambda _c: PASS))
    temporary_rules(make_rule("TEST-003", lambda _c: [Fail("$.a", "x"), Fail("$.b", "y")]))
    report = validate(concern(), rules=["TEST-001", "TEST-002", "TEST-003"])
    assert report.outcomes == (
        ("TEST-001", Status.NOT_APPLICABLE),
        ("TEST-002", Status.PASSED),
        ("TEST-003", Status.FAILED),
    )
    assert [(f.code, f.path, f.message) for f in report.findings] == [
        ("TEST-003", "$.a", "x"),
        ("TEST-003", "$.b", "y"),
    ]
    assert report.stage is CaseStage.CONCERN_RECEIVED


def test_a_rule_for_another_record_type_is_not_applicable(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", _boom, record_type=msp.Adult))
    report = validate(concern(), rules=["TEST-001"])
    assert report.status_of("TEST-001") is Status.NOT_APPLICABLE
    assert not report.errored


# -- reports ------------------------------------------------------------------


def test_report_severity_views(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: fail("$.e", "e"), severity=Severity.ERROR))
    temporary_rules(make_rule("TEST-002", lambda _c: fail("$.w", "w"), severity=Severity.WARNING))
    temporary_rules(make_rule("TEST-003", lambda _c: fail("$.a", "a"), severity=Severity.ADVICE))
    temporary_rules(make_rule("TEST-004", lambda _c: PASS))
    report = validate(concern(), rules=["TEST-001", "TEST-002", "TEST-003", "TEST-004"])
    assert [f.path for f in report.errors] == ["$.e"]
    assert [f.path for f in report.warnings] == ["$.w"]
    assert [f.path for f in report.advice] == ["$.a"]
    assert report.has_errors
    assert not report.ok
    assert report.structured
    assert report.counts() == {
        Status.PASSED: 1,
        Status.FAILED: 3,
        Status.NOT_APPLICABLE: 0,
        Status.ERRORED: 0,
    }
    only_soft = validate(concern(), rules=["TEST-002", "TEST-003"])
    assert not only_soft.has_errors
    assert only_soft.ok
    assert only_soft.errors == ()


def test_report_of_a_good_record() -> None:
    report = validate(concluded_s42())
    assert report.ok
    assert not report.has_errors
    assert report.findings == report.errors == report.warnings == report.advice == ()
    assert report.record_id == "C-0001"
    assert report.stage is CaseStage.CONCLUDED
    assert len(report.outcomes) == len(report.rule_set) == len(registered_rules())
    assert [code for code, _ in report.outcomes] == list(report.rule_set.codes)
    assert set(report.counts()) == set(Status)
    assert report.counts()[Status.FAILED] == 0


def test_status_of_unknown_code_raises_key_error() -> None:
    report = validate(concern(), rules=["SAC-001"])
    assert report.status_of("SAC-001") is Status.NOT_APPLICABLE
    with pytest.raises(KeyError):
        report.status_of("SAC-002")
    with pytest.raises(KeyError):
        report.status_of("NOPE-001")


def test_findings_carry_record_id_and_reference() -> None:
    report = validate(concluded_s42(msp_asked=None, desired_outcomes=()), rules=["SAC-009"])
    (finding,) = report.findings
    assert finding.record_id == "C-0001"
    assert finding.reference == get_rule("SAC-009").reference
    assert str(finding) == f"C-0001 $.msp_asked SAC-009 [error] {finding.message}"
    assert finding.problem == msp.Problem(
        code="SAC-009", path="$.msp_asked", message=finding.message, record_id="C-0001"
    )
    bare = attrs.evolve(finding, problem=attrs.evolve(finding.problem, record_id=None))
    assert str(bare).startswith("$.msp_asked SAC-009 [error]")


# -- dicts and structure problems ----------------------------------------------


def test_a_valid_dict_validates_like_the_object() -> None:
    record = concluded_s42(risks=(risk(location=None),))
    from_obj = validate(record)
    from_dict = msp.validate(msp.to_dict(record))
    assert from_dict.findings == from_obj.findings
    assert from_dict.outcomes == from_obj.outcomes
    assert [f.path for f in from_dict.findings] == ["$.risks[0].location"]


def test_a_dict_with_structure_problems_returns_shape_findings() -> None:
    data = msp.to_dict(concluded_s42())
    data["adult"]["gender_identity"] = "not-a-code"
    data["received_on"] = "yesterday"
    data["risks"][0]["type_of_risk"] = 7
    report = msp.validate(data)
    assert report.findings
    assert all(f.code.startswith("SHAPE-") for f in report.findings)
    assert all(f.severity is Severity.ERROR for f in report.findings)
    found = {f.path for f in report.findings}
    assert {"$.adult.gender_identity", "$.received_on", "$.risks[0].type_of_risk"} <= found
    assert report.record_id == "C-0001"
    assert all(f.record_id == "C-0001" for f in report.findings)
    assert not report.ok
    assert not report.structured
    assert report.outcomes == ()
    assert report.statuses == ()
    with pytest.raises(KeyError):
        report.status_of("SAC-001")
    assert report.counts() == dict.fromkeys(Status, 0)


def test_a_dict_with_a_date_order_problem() -> None:
    data = msp.to_dict(concluded_s42())
    data["enquiry"]["concluded_on"] = "2025-06-01"
    report = msp.validate(data)
    assert report.findings
    assert {f.code for f in report.findings} <= {"SHAPE-DATE-ORDER"}
    assert all(f.path.startswith("$.") for f in report.findings)


def test_an_empty_dict() -> None:
    report = msp.validate({})
    assert {f.path for f in report.findings} >= {"$.concern_id", "$.adult", "$.received_on"}
    assert all(f.code.startswith("SHAPE-") for f in report.findings)
    assert report.record_id is None


@pytest.mark.parametrize("record", [{}, None, 42, "text", ["a", "list"], b"bytes"], ids=repr)
def test_the_rules_take_records_only(record: Any) -> None:
    """msp.rules.validate and RuleSet.validate refuse anything but a Concern, naming msp.validate."""
    with pytest.raises(TypeError, match=r"msp\.validate"):
        validate(record)
    with pytest.raises(TypeError, match=r"msp\.validate"):
        rule_set().validate(record)


def test_msp_validate_is_the_io_layers() -> None:
    """msp.validate takes dicts as well as records: it lives in msp.io, above the rules."""
    assert msp.validate is msp.io.validate
    record = concluded_s42()
    assert msp.validate(record) == validate(record)


@pytest.mark.parametrize("record", [None, 42, "text", ["a", "list"], b"bytes", 3.5], ids=repr)
def test_a_non_dict_returns_a_shape_finding(record: Any) -> None:
    report = msp.validate(record)
    assert report.findings
    assert all(f.code.startswith("SHAPE-") for f in report.findings)
    assert all(f.path.startswith("$") for f in report.findings)
    assert not report.ok
    assert report.record_id is None


# -- stage override ----------------------------------------------------------------


def test_stage_override_changes_which_rules_apply() -> None:
    draft = concern()
    at_own_stage = validate(draft)
    assert at_own_stage.stage is CaseStage.CONCERN_RECEIVED
    assert at_own_stage.status_of("CA-015") is Status.NOT_APPLICABLE
    as_closed = validate(draft, stage=CaseStage.CLOSED)
    assert as_closed.stage is CaseStage.CLOSED
    assert as_closed.status_of("CA-015") is Status.FAILED
    assert as_closed.status_of("CA-016") is Status.FAILED
    assert "$.closure.closed_on" in {f.path for f in as_closed.findings}
    by_code = validate(draft, stage="closed")
    assert by_code.findings == as_closed.findings


def test_stage_override_on_a_good_record() -> None:
    record = concluded_s42()
    assert validate(record).ok
    closed = validate(record, stage=CaseStage.CLOSED)
    assert {f.code for f in closed.warnings} >= {"CA-016"}  # local practice: a warning
    earlier = validate(record, stage=CaseStage.ENQUIRY)
    assert earlier.status_of("SAC-001") is Status.NOT_APPLICABLE


def test_unknown_stage_string_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate(concern(), stage="nowhere")


def test_from_stage() -> None:
    assert from_stage(CaseStage.CONCERN_RECEIVED) == ALL
    assert from_stage(CaseStage.CLOSED) == frozenset({CaseStage.CLOSED})
    assert CaseStage.ENQUIRY not in from_stage(CaseStage.CONCLUDED)


# -- rules= ------------------------------------------------------------------------


def test_rules_accepts_a_profile_name() -> None:
    report = validate(concluded_s42(risks=()), rules="sac")
    assert report.rule_set.profile == "sac"
    assert {r.family for r in report.rule_set} == {"SAC"}
    with pytest.raises(KeyError):
        validate(concern(), rules="no-such-profile")


def test_rules_accepts_a_profile_object() -> None:
    profile = Profile(name="only-ca", families=frozenset({"CA"}))
    report = validate(concern(), rules=profile, stage=CaseStage.CLOSED)
    assert report.rule_set.profile == "only-ca"
    assert {r.family for r in report.rule_set} == {"CA"}
    assert {f.code.split("-")[0] for f in report.findings} == {"CA"}


def test_rules_accepts_a_rule_set() -> None:
    chosen = rule_set().only(["SAC-009", "SAC-001"])
    assert chosen.codes == ("SAC-009", "SAC-001")
    report = validate(concluded_s42(msp_asked=None, desired_outcomes=(), risks=()), rules=chosen)
    assert report.rule_set is chosen
    assert [f.code for f in report.findings] == ["SAC-009", "SAC-001"]
    assert chosen.validate(concluded_s42()).ok


def test_rules_accepts_a_list_of_codes() -> None:
    report = validate(concluded_s42(), rules=["SAC-001", "MSP-001", "SAC-001"])
    assert report.rule_set.codes == ("SAC-001", "MSP-001")
    assert report.outcomes == (("SAC-001", Status.PASSED), ("MSP-001", Status.PASSED))
    assert validate(concluded_s42(), rules=iter(["CA-001"])).rule_set.codes == ("CA-001",)
    assert validate(concluded_s42(), rules=()).rule_set.codes == ()


def test_rules_with_an_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="NOPE-001"):
        validate(concern(), rules=["SAC-001", "NOPE-001"])
    with pytest.raises(KeyError):
        rule_set().only(["MSP-999"])


# -- profiles ------------------------------------------------------------------------


def test_profile_with_disabled_rules() -> None:
    profile = Profile(name="quiet", disabled=frozenset({"SAC-009", "MSP-019"}))
    chosen = profile.rule_set()
    assert "SAC-009" not in chosen.codes
    assert "MSP-019" not in chosen.codes
    assert len(chosen) == len(rule_set()) - 2
    report = validate(concluded_s42(msp_asked=None, desired_outcomes=()), rules=profile)
    assert "SAC-009" not in {f.code for f in report.findings}
    with pytest.raises(KeyError):
        report.status_of("SAC-009")


def test_profile_with_severity_overrides() -> None:
    profile = Profile(name="strict", severities={"SAC-014": Severity.ERROR, "SAC-009": Severity.ADVICE})
    record = concluded_s42(
        msp_asked=None,
        desired_outcomes=(),
        enquiry=s42_enquiry(outcomes_achieved=None),
        risks=(risk(action_and_result=msp.codes.ActionTakenAndResult.CEASED_AT_REQUEST, risk_outcome=None),),
    )
    default = validate(record, rules="sac")
    assert {(f.code, f.severity) for f in default.findings} == {
        ("SAC-009", Severity.ERROR),
        ("SAC-014", Severity.WARNING),
    }
    strict = validate(record, rules=profile)
    assert {(f.code, f.severity) for f in strict.findings} >= {
        ("SAC-009", Severity.ADVICE),
        ("SAC-014", Severity.ERROR),
    }
    # the registry itself is unchanged
    assert get_rule("SAC-014").severity is Severity.WARNING
    overridden = {r.code: r.severity for r in profile.rule_set()}
    assert overridden["SAC-014"] is Severity.ERROR


def test_profile_families_filter() -> None:
    for families in ({"SAC"}, {"MSP", "MCA"}, {"CA"}):
        chosen = Profile(name="f", families=frozenset(families)).rule_set()
        assert {r.family for r in chosen} == families
        assert len(chosen) == sum(1 for r in registered_rules() if r.family in families)
    assert len(Profile(name="none", families=frozenset()).rule_set()) == 0


def test_profile_naming_unknown_rules_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="NOPE-001"):
        Profile(name="bad", disabled=frozenset({"NOPE-001"})).rule_set()
    with pytest.raises(KeyError, match="NOPE-002"):
        Profile(name="bad", severities={"NOPE-002": Severity.ERROR}).rule_set()
    with pytest.raises(KeyError):
        validate(concern(), rules=Profile(name="bad", disabled=frozenset({"NOPE-001"})))


def test_built_in_profiles() -> None:
    assert get_profile("default").year == DEFAULT_YEAR
    assert get_profile("sac").families == frozenset({"SAC"})
    names = [p.name for p in msp.rules.profiles()]
    assert names == sorted(names)
    assert {"default", "sac"} <= set(names)


def test_register_profile() -> None:
    name = "test-engine-profile"
    first = Profile(name=name, families=frozenset({"SAC"}))
    register_profile(first)
    try:
        assert get_profile(name) is first
        assert {r.family for r in rule_set(name)} == {"SAC"}
        with pytest.raises(ValueError):
            register_profile(Profile(name=name))
        register_profile(Profile(name=name, families=frozenset({"CA"})), replace=True)
        # a replaced profile's cached rule set is not reused
        assert {r.family for r in rule_set(name)} == {"CA"}
    finally:
        unregister_profile(name)
    with pytest.raises(KeyError):
        get_profile(name)


def test_profile_from_dict() -> None:
    profile = Profile.from_dict(
        {
            "name": "our-council",
            "year": "2025-26",
            "disabled": ["MSP-024"],
            "severities": {"MSP-003": "error"},
            "families": ["MSP", "SAC"],
            "description": "Invented council profile",
        }
    )
    assert profile.name == "our-council"
    assert profile.year == CollectionYear(start=2025)
    assert profile.disabled == frozenset({"MSP-024"})
    assert profile.severities == {"MSP-003": Severity.ERROR}
    assert profile.families == frozenset({"MSP", "SAC"})
    assert profile.description == "Invented council profile"
    chosen = profile.rule_set()
    assert "MSP-024" not in chosen.codes
    assert {r.family for r in chosen} == {"MSP", "SAC"}
    assert next(r for r in chosen if r.code == "MSP-003").severity is Severity.ERROR
    minimal = Profile.from_dict({"name": "m"})
    assert minimal == Profile(name="m")
    assert minimal.families is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "x", "colour": "red"},
        {"name": "x", "year": "2025"},
        {"name": "x", "year": "2025-27"},
        {"name": "x", "year": 2025},
        {"name": "x", "year": None},
        {"name": "x", "severities": {"MSP-003": "fatal"}},
        {"name": "x", "severities": ["MSP-003"]},
        {"name": "x", "severities": "error"},
        {"name": "x", "disabled": 5},
        {"name": "x", "disabled": "MSP-001"},
        {"name": "x", "families": "SAC"},
        {"name": "x", "families": 3},
        {"name": "x", "bases": "law"},
        {"name": "x", "bases": ["seed"]},
        {"name": "x", "bases": 3},
        {1: 2},
        None,
        [],
        ["name"],
        "name",
        42,
    ],
    ids=repr,
)
def test_profile_from_dict_bad_input_is_an_msp_error(data: Any) -> None:
    with pytest.raises(msp.MspError):
        Profile.from_dict(data)


def test_a_profile_runs_only_the_bases_it_names() -> None:
    """``bases`` filters rules by what they rest on; left out, every basis runs."""
    every = Profile(name="every").rule_set()
    assert {r.basis for r in every} == set(Basis)
    assert Profile(name="none", bases=None).rule_set().codes == every.codes
    binding = Profile(name="binding", bases=frozenset({Basis.LAW, Basis.SAC})).rule_set()
    assert binding.codes == tuple(r.code for r in every if r.basis in {Basis.LAW, Basis.SAC})
    assert {r.basis for r in binding} == {Basis.LAW, Basis.SAC}
    assert "CA-010" in binding.codes
    assert "MSP-001" not in binding.codes
    no_local = Profile(name="no-local", bases=frozenset(Basis) - {Basis.LOCAL_PRACTICE}).rule_set()
    assert "CA-005" not in no_local.codes
    assert {r.code for r in every} - {r.code for r in no_local} == {
        r.code for r in every if r.basis is Basis.LOCAL_PRACTICE
    }
    assert Profile(name="empty", bases=frozenset()).rule_set().codes == ()


def test_a_profile_file_names_bases_by_value_or_member_name() -> None:
    profile = Profile.from_dict(
        {"name": "x", "bases": ["law", "SAC data requirement", "local_practice", "MSP_PRACTICE"]}
    )
    assert profile.bases == frozenset({Basis.LAW, Basis.SAC, Basis.LOCAL_PRACTICE, Basis.MSP_PRACTICE})
    assert Profile.from_dict({"name": "x"}).bases is None
    chosen = profile.rule_set()
    assert {r.basis for r in chosen} == {Basis.LAW, Basis.SAC, Basis.LOCAL_PRACTICE, Basis.MSP_PRACTICE}


def test_a_profiles_bases_combine_with_families_and_disabled() -> None:
    profile = Profile(
        name="x", families=frozenset({"CA"}), bases=frozenset({Basis.LAW}), disabled=frozenset({"CA-001"})
    )
    chosen = profile.rule_set()
    assert chosen.codes
    assert {(r.family, r.basis) for r in chosen} == {("CA", Basis.LAW)}
    assert "CA-001" not in chosen.codes


def test_a_rule_declared_without_a_basis_is_local_practice() -> None:
    """``msp.rules.rule()`` defaults a council's own rule to local practice; ``Rule`` itself needs one."""
    made = msp.rules._declare.make_rule(
        lambda _c: PASS,
        code="LOCAL-950",
        title="t",
        severity=Severity.ADVICE,
        stages=ALL,
        reference="r",
        basis=Basis.LOCAL_PRACTICE,
    )
    assert made.basis is Basis.LOCAL_PRACTICE
    with pytest.raises(TypeError):
        Rule(code="LOCAL-951", title="t", severity=Severity.ADVICE, stages=ALL, reference="r", check=lambda _c: PASS)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Rule(
            code="LOCAL-952",
            title="t",
            severity=Severity.ADVICE,
            stages=ALL,
            reference="r",
            basis="law",  # type: ignore[arg-type]
            check=lambda _c: PASS,
        )
    import inspect  # noqa: PLC0415

    assert inspect.signature(msp.rules.rule).parameters["basis"].default is Basis.LOCAL_PRACTICE


# -- the registry ----------------------------------------------------------------------


def test_register_and_unregister(temporary_rules: Callable[[Rule], Rule]) -> None:
    before = len(rule_set())
    added = temporary_rules(make_rule("TEST-001", lambda _c: PASS))
    assert get_rule("TEST-001") is added
    assert "TEST-001" in rule_set().codes
    assert len(rule_set()) == before + 1
    assert registered_rules()[-1].code == "TEST-001"  # unknown families sort last
    unregister("TEST-001")
    assert "TEST-001" not in rule_set().codes
    with pytest.raises(KeyError):
        get_rule("TEST-001")
    register(added)  # for the fixture to remove again


def test_duplicate_codes_are_rejected(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: PASS))
    with pytest.raises(ValueError, match="already registered"):
        register(make_rule("TEST-001", lambda _c: NOT_APPLICABLE))
    assert get_rule("TEST-001").check(concern()) == PASS
    replacement = make_rule("TEST-001", lambda _c: NOT_APPLICABLE)
    register(replacement, replace=True)
    assert get_rule("TEST-001") is replacement


@pytest.mark.parametrize("code", ["MSP-001", "MCA-001", "CA-001", "SAC-001", "SAC-015"])
def test_built_in_rules_can_never_be_replaced_or_unregistered(code: str) -> None:
    original = get_rule(code)
    with pytest.raises(ValueError):
        register(make_rule(code, lambda _c: PASS))
    with pytest.raises(ValueError):
        register(make_rule(code, lambda _c: PASS), replace=True)
    with pytest.raises(ValueError):
        unregister(code)
    assert get_rule(code) is original


def test_unregister_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        unregister("TEST-404")


@pytest.mark.parametrize("code", ["msp-001", "MSP001", "", "-001", "Local-1", "LOCAL-", "LOCAL-0 1", "1-001"])
def test_malformed_code_is_a_value_error(code: str) -> None:
    with pytest.raises(ValueError):
        make_rule(code, lambda _c: PASS)


@pytest.mark.parametrize("reference", ["", "   ", "\n"])
def test_empty_reference_is_a_value_error(reference: str) -> None:
    with pytest.raises(ValueError, match="reference"):
        make_rule("TEST-001", lambda _c: PASS, reference=reference)


def test_rule_decorator(temporary_rules: Callable[[Rule], Rule]) -> None:
    try:

        @msp.rules.rule(
            code="LOCAL-001",
            title="A team is recorded",
            severity=Severity.ADVICE,
            stages=STAGE_ORDER,
            reference="Invented council recording policy, section 3",
        )
        def team_recorded(c: msp.Concern) -> CheckResult:
            return PASS if c.team else fail("$.team", "no team recorded")

        assert team_recorded(concern(team="Duty team")) == PASS
        r = get_rule("LOCAL-001")
        assert r.family == "LOCAL"
        assert r.stages == ALL
        report = validate(concern(), rules=["LOCAL-001"])
        assert [(f.code, f.path, f.severity) for f in report.findings] == [("LOCAL-001", "$.team", Severity.ADVICE)]
        with pytest.raises(ValueError):
            msp.rules.rule(
                code="LOCAL-001",
                title="t",
                severity=Severity.ADVICE,
                stages=STAGE_ORDER,
                reference="r",
            )(team_recorded)
    finally:
        unregister("LOCAL-001")
    # the decorator builds (and checks) the Rule when it is applied
    malformed = msp.rules.rule(code="local", title="t", severity=Severity.ADVICE, stages=STAGE_ORDER, reference="r")
    with pytest.raises(ValueError):
        malformed(team_recorded)
    with pytest.raises(ValueError):
        msp.rules.rule(code="LOCAL-002", title="t", severity=Severity.ADVICE, stages=STAGE_ORDER, reference=" ")(
            team_recorded
        )
    with pytest.raises(KeyError):
        get_rule("LOCAL-002")


# -- rule sets and collection years ----------------------------------------------------------


def test_rule_sets_are_tied_to_a_collection_year(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: PASS, valid_from=CollectionYear.parse("2026-27")))
    temporary_rules(make_rule("TEST-002", lambda _c: PASS, valid_to=CollectionYear.parse("2025-26")))
    this_year = rule_set(year="2025-26")
    next_year = rule_set(year=CollectionYear(start=2026))
    assert this_year.year == CollectionYear(start=2025)
    assert next_year.year == CollectionYear(start=2026)
    assert "TEST-001" not in this_year.codes
    assert "TEST-001" in next_year.codes
    assert "TEST-002" in this_year.codes
    assert "TEST-002" not in next_year.codes
    assert "TEST-001" not in rule_set().codes  # the default year is 2025-26
    with pytest.raises(KeyError):
        validate(concern(), rules=["TEST-001"])
    report = validate(concern(), rules=next_year.only(["TEST-001"]))
    assert report.status_of("TEST-001") is Status.PASSED
    assert Profile(name="next", year=CollectionYear(start=2026)).rule_set().codes == next_year.codes


def test_rule_applies_in() -> None:
    r = make_rule(
        "TEST-001",
        lambda _c: PASS,
        valid_from=CollectionYear(start=2020),
        valid_to=CollectionYear(start=2022),
    )
    assert not r.applies_in(CollectionYear(start=2019))
    assert r.applies_in(CollectionYear(start=2020))
    assert r.applies_in(CollectionYear(start=2022))
    assert not r.applies_in(CollectionYear(start=2023))


def test_rule_set_is_cached_and_refreshed_on_register(temporary_rules: Callable[[Rule], Rule]) -> None:
    assert rule_set() is rule_set()
    before = rule_set()
    temporary_rules(make_rule("TEST-001", lambda _c: PASS))
    assert rule_set() is not before
    assert "TEST-001" in rule_set().codes


def test_rule_set_container_behaviour() -> None:
    chosen = rule_set("sac")
    assert isinstance(chosen, RuleSet)
    assert len(chosen) == 15
    assert [r.code for r in chosen] == list(chosen.codes)
    assert chosen.year == DEFAULT_YEAR


# -- the catalogue ---------------------------------------------------------------------------


def test_catalogue_markdown() -> None:
    text = catalogue("markdown")
    assert text == catalogue()
    active, _, retired = text.partition("\n## Retired codes\n")
    lines = active.splitlines()
    assert lines[0].startswith("# Rule catalogue (default profile, collection year 2025-26)")
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| Code")]
    assert retired.count("\n| MCA-015 |") == 1
    assert len(rows) == len(rule_set())
    for r, row in zip(rule_set(), rows, strict=True):
        assert row.startswith(f"| {r.code} | {r.severity.value} |")
    assert f"{len(rule_set())} rules." in text
    assert text.endswith("\n")


def test_catalogue_csv() -> None:
    text = catalogue("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert next(csv.reader(io.StringIO(text))) == [
        "code",
        "family",
        "severity",
        "basis",
        "title",
        "stages",
        "reference",
        "fields",
        "valid_from",
        "valid_to",
    ]
    assert len(rows) == len(rule_set())
    assert [row["code"] for row in rows] == list(rule_set().codes)
    for r, row in zip(rule_set(), rows, strict=True):
        assert row["title"] == r.title
        assert row["reference"] == r.reference
        assert row["severity"] == r.severity.value
        assert row["family"] == r.family
        assert set(row["stages"].split()) == {s.code for s in r.stages}
        assert row["fields"].split() == list(r.fields)
        assert row["basis"] == r.basis.value
        assert row["valid_from"] == str(r.valid_from)


def test_catalogue_json() -> None:
    data = json.loads(catalogue("json"))
    assert data["collection_year"] == "2025-26"
    assert data["profile"] == "default"
    assert len(data["rules"]) == len(rule_set())
    by_family: dict[str, int] = {}
    for row in data["rules"]:
        by_family[row["family"]] = by_family.get(row["family"], 0) + 1
    expected: dict[str, int] = {}
    for r in rule_set():
        expected[r.family] = expected.get(r.family, 0) + 1
    assert by_family == expected
    sac = [row for row in data["rules"] if row["family"] == "SAC"]
    assert len(sac) == 15
    first = sac[0]
    assert first["code"] == "SAC-001"
    assert first["stages"] == [s.code for s in STAGE_ORDER if s in get_rule("SAC-001").stages]
    assert first["fields"] == list(get_rule("SAC-001").fields)


def test_catalogue_of_another_rule_set() -> None:
    data = json.loads(catalogue("json", rules=rule_set("sac")))
    assert data["profile"] == "sac"
    assert [row["code"] for row in data["rules"]] == [f"SAC-{n:03d}" for n in range(1, 16)]
    rows = list(csv.DictReader(io.StringIO(catalogue("csv", rules=rule_set().only(["MSP-001"])))))
    assert [row["code"] for row in rows] == ["MSP-001"]


def test_catalogue_escapes_pipes_in_markdown(temporary_rules: Callable[[Rule], Rule]) -> None:
    temporary_rules(make_rule("TEST-001", lambda _c: PASS, title="A | B", reference="C | D"))
    text = catalogue("markdown")
    row = next(line for line in text.splitlines() if line.startswith("| TEST-001 "))
    assert "A \\| B" in row
    assert "C \\| D" in row
    assert row.replace("\\|", "").count("|") == 7  # six cells


@pytest.mark.parametrize("bad", ["html", "MARKDOWN", "", "yaml"])
def test_catalogue_bad_format_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError):
        catalogue(bad)  # type: ignore[arg-type]


# -- pickling ---------------------------------------------------------------------------------


def test_findings_and_reports_are_picklable() -> None:
    record = closed_s42(msp_asked=MspAsked.NO, desired_outcomes=(), adult=adult(gender_identity=None))
    report = validate(record)
    assert report.findings
    for finding in report.findings:
        assert isinstance(finding, Finding)
        assert pickle.loads(pickle.dumps(finding)) == finding  # noqa: S301 - our own data
    copy = pickle.loads(pickle.dumps(report))  # noqa: S301
    assert isinstance(copy, Report)
    assert copy == report
    assert copy.findings == report.findings
    assert copy.outcomes == report.outcomes
    assert copy.rule_set.codes == report.rule_set.codes
    shape = msp.validate({"concern_id": 5})
    assert pickle.loads(pickle.dumps(shape)) == shape  # noqa: S301


class TestFindingFromProblem:
    """A structure problem becomes an error finding that keeps its code, path, line and showable id."""

    def test_a_problem_becomes_an_error_finding_with_the_model_reference(self):
        problem = msp.Problem(code="SHAPE-DATE", path="$.received_on", message="not a real calendar date")
        finding = msp.Finding.from_problem(problem, "C000001")
        assert finding == msp.Finding(
            problem=msp.Problem(
                code="SHAPE-DATE", path="$.received_on", message="not a real calendar date", record_id="C000001"
            ),
            severity=msp.Severity.ERROR,
            reference="msp data model: shape and code lists (docs/errors.md)",
        )
        assert (finding.code, finding.path, finding.record_id, finding.line) == (
            "SHAPE-DATE",
            "$.received_on",
            "C000001",
            None,
        )

    def test_a_problem_keeps_its_line_and_a_non_id_is_never_kept(self):
        problem = msp.Problem(code="SHAPE-JSON", path="$", message="not valid JSON", line=7, record_id="Ann Other")
        assert problem.record_id is None
        finding = msp.Finding.from_problem(problem, "C1")
        assert (finding.line, finding.record_id) == (7, "C1")

    def test_reference_and_record_id_are_optional(self):
        problem = msp.Problem(code="SHAPE-JSON", path="$", message="not valid JSON")
        finding = msp.Finding.from_problem(problem, reference="local reader")
        assert (finding.record_id, finding.reference) == (None, "local reader")

    def test_validate_reports_construction_problems_as_these_findings(self):
        report = msp.validate({"schema_version": 1, "concern_id": "C000002", "received_on": "2025-13-01"})
        problems = [f for f in report.findings if f.code.startswith("SHAPE-")]
        assert problems
        assert all(
            f == msp.Finding.from_problem(msp.Problem(code=f.code, path=f.path, message=f.message), "C000002")
            for f in problems
        )
