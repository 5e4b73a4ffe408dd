"""The registry: one object owns the rules, the profiles and the rule sets worked out from them, and drops
what it worked out whenever a rule or profile is registered or removed."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import attrs
import pytest

import msp
from msp.codes import CaseStage
from msp.rules import (
    DEFAULT_YEAR,
    PASS,
    REGISTRY,
    STAGE_ORDER,
    Basis,
    CheckResult,
    Paths,
    Profile,
    Registry,
    Rule,
    RuleSet,
    Severity,
    Status,
    fail,
    get_profile,
    register,
    register_profile,
    registered_rules,
    rule,
    rule_set,
    unregister,
    unregister_profile,
    validate,
)
from tests.builders import closed_s42, concern

PROFILE = "test-registry-profile"


def _rule(code: str, message: str = "no team recorded") -> Rule:
    return Rule(
        code=code,
        title="A team is recorded",
        severity=Severity.ERROR,
        stages=frozenset(STAGE_ORDER),
        reference="Test suite, not law",
        basis=Basis.LAW,
        check=lambda c: PASS if c.team else fail("$.team", message),
    )


@pytest.fixture
def clean() -> Iterator[None]:
    """Remove what a test registers, whatever happens."""
    yield
    for code in ("LOCAL-901", "LOCAL-902"):
        if code in {r.code for r in registered_rules()}:
            unregister(code)
    if PROFILE in {p.name for p in msp.rules.profiles()}:
        unregister_profile(PROFILE)


class TestChangesAfterAValidationTakeEffect:
    """A rule or profile registered, replaced or removed after a validation has run is seen by the next one."""

    def test_a_rule_registered_after_a_validation(self, clean: None):
        record = concern()
        before = validate(record)
        assert "LOCAL-901" not in before.rule_set.codes

        @rule(
            code="LOCAL-901",
            title="A team is recorded",
            severity=Severity.ERROR,
            stages=STAGE_ORDER,
            reference="Invented council recording policy, section 3",
            paths=Paths(team="$.team"),
        )
        def team_recorded(c: msp.Concern, at: Paths) -> CheckResult:
            return at.team.fail_unless(c.team, "no team recorded")

        assert team_recorded(record) == (msp.rules.Fail("$.team", "no team recorded"),)
        after = validate(record)
        assert after.status_of("LOCAL-901") is Status.FAILED
        assert [f.code for f in after.findings if f.path == "$.team"] == ["LOCAL-901"]
        assert "LOCAL-901" in rule_set().codes
        assert rule_set().codes == after.rule_set.codes

    def test_a_rule_unregistered_after_a_validation(self, clean: None):
        register(_rule("LOCAL-901"))
        record = concern()
        assert validate(record).status_of("LOCAL-901") is Status.FAILED
        unregister("LOCAL-901")
        after = validate(record)
        assert "LOCAL-901" not in after.rule_set.codes
        with pytest.raises(KeyError):
            after.status_of("LOCAL-901")

    def test_a_rule_replaced_after_a_validation(self, clean: None):
        register(_rule("LOCAL-901", "first"))
        record = concern()
        assert [f.message for f in validate(record).findings if f.code == "LOCAL-901"] == ["first"]
        register(_rule("LOCAL-901", "second"), replace=True)
        assert [f.message for f in validate(record).findings if f.code == "LOCAL-901"] == ["second"]

    def test_a_profile_re_registered_after_a_validation(self, clean: None):
        register_profile(Profile(name=PROFILE, families=frozenset({"SAC"})))
        record = closed_s42()
        first = validate(record, rules=PROFILE)
        assert {r.family for r in first.rule_set} == {"SAC"}
        register_profile(Profile(name=PROFILE, families=frozenset({"CA"})), replace=True)
        second = validate(record, rules=PROFILE)
        assert {r.family for r in second.rule_set} == {"CA"}
        assert rule_set(PROFILE) is second.rule_set

    def test_a_profile_removed_after_a_validation(self, clean: None):
        register_profile(Profile(name=PROFILE, disabled=frozenset({"MSP-024"})))
        assert "MSP-024" not in validate(concern(), rules=PROFILE).rule_set.codes
        unregister_profile(PROFILE)
        with pytest.raises(KeyError):
            validate(concern(), rules=PROFILE)
        with pytest.raises(KeyError):
            get_profile(PROFILE)

    def test_rule_sets_are_kept_until_something_changes(self, clean: None):
        kept = rule_set()
        assert rule_set() is kept
        assert rule_set("sac") is rule_set("sac")
        register(_rule("LOCAL-902"))
        assert rule_set() is not kept
        assert rule_set() is rule_set()


class TestRuleSetsKeepTheirOwnPlans:
    """What a rule set works out for a stage lives with it, so it can never answer for other rules."""

    def test_equal_rule_sets_with_other_checks_answer_with_their_own(self):
        passing = attrs.evolve(_rule("LOCAL-901"), check=lambda c: PASS)
        failing = _rule("LOCAL-901")
        assert passing == failing  # a rule's check is not part of its value
        record = concern()
        for _ in range(3):  # rule sets made and dropped in turn: ids may be reused, answers may not
            assert RuleSet(year=DEFAULT_YEAR, rules=(passing,)).validate(record).statuses == (Status.PASSED,)
            assert RuleSet(year=DEFAULT_YEAR, rules=(failing,)).validate(record).statuses == (Status.FAILED,)

    def test_a_subset_works_out_its_own(self):
        full = rule_set()
        record = closed_s42()
        full.validate(record)
        subset = full.only(["MSP-001", "CA-016"])
        assert subset.validate(record).outcomes == (("MSP-001", Status.PASSED), ("CA-016", Status.PASSED))

    def test_a_pickled_rule_set_answers_the_same(self):
        chosen = rule_set()
        record = closed_s42()
        for stage in CaseStage:
            chosen.validate(record, stage=stage)
        copy = pickle.loads(pickle.dumps(chosen))  # noqa: S301 - our own data
        assert copy == chosen
        for stage in CaseStage:
            assert copy.validate(record, stage=stage) == chosen.validate(record, stage=stage)


class TestRegistry:
    """A registry of one's own keeps its rules and profiles apart from the module-level one."""

    def test_the_module_level_functions_use_the_registry(self):
        assert REGISTRY.rules() == registered_rules()
        assert REGISTRY.rule_set() is rule_set()
        assert REGISTRY.get_profile("default") is get_profile("default")

    def test_a_registry_with_the_built_in_rules(self):
        own = Registry.with_builtin()
        assert [r.code for r in own.rules()] == [r.code for r in registered_rules() if not r.code.startswith("LOCAL")]
        assert [p.name for p in own.profiles()] == ["default", "sac"]
        own.register(_rule("LOCAL-902"))
        assert "LOCAL-902" in own.rule_set().codes
        assert "LOCAL-902" not in rule_set().codes
        report = own.validate(concern(), rules=["LOCAL-902"])
        assert report.status_of("LOCAL-902") is Status.FAILED
        with pytest.raises(ValueError, match="built in"):
            own.unregister("MSP-001")

    def test_an_empty_registry(self):
        empty = Registry()
        assert empty.rules() == ()
        with pytest.raises(KeyError):
            empty.rule_set()
        empty.register_profile(Profile(name="all"))
        assert len(empty.rule_set("all")) == 0
        empty.register(_rule("LOCAL-901"))
        assert empty.rule_set("all").codes == ("LOCAL-901",)
        empty.unregister("LOCAL-901")
        assert empty.rule_set("all").codes == ()
        assert Profile(name="x").rule_set(empty).codes == ()
