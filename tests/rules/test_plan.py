"""Plans: a rule set's steps at one stage, interpreted for its first records and then compiled to one function."""

from __future__ import annotations

import gc
import inspect
import linecache
from typing import Any

import msp
from msp.codes import CaseStage
from msp.rules import (
    DEFAULT_YEAR,
    PASS,
    STAGE_ORDER,
    Basis,
    Fail,
    Rule,
    RuleSet,
    Severity,
    Status,
    only_if,
    registered_rules,
)
from msp.rules._plan import _COMPILE_AFTER, Plan
from msp.synth import generate_concerns


def _key(report: Any) -> tuple[Any, ...]:
    return (report.record_id, report.findings, report.statuses, dict(report.errored), report.stage)


def _every_rule() -> RuleSet:
    return RuleSet(year=DEFAULT_YEAR, rules=registered_rules(), profile="every-rule")


def _rule(n: int, check: Any) -> Rule:
    return Rule(
        code=f"TEST-{n}",
        title="t",
        severity=Severity.ADVICE,
        stages=frozenset(STAGE_ORDER),
        reference="r",
        basis=Basis.LOCAL_PRACTICE,
        check=check,
    )


class TestCompiledPlans:
    """A plan that has run many records is compiled, and answers exactly as before."""

    def test_a_compiled_plan_answers_as_the_interpreted_one(self):
        records = list(generate_concerns(3 * _COMPILE_AFTER, seed=21))
        for stage in (CaseStage.CLOSED, CaseStage.ENQUIRY):
            forwards, backwards = _every_rule(), _every_rule()
            ahead = [_key(forwards.validate(c, stage=stage)) for c in records]
            behind = [_key(backwards.validate(c, stage=stage)) for c in reversed(records)]
            assert ahead == behind[::-1]  # each record was interpreted by one rule set and compiled by the other
            plan = forwards._plan(stage, msp.Concern)
            assert not inspect.ismethod(plan.run)

    def test_a_plan_with_no_guard_at_all_compiles(self):
        """A rule set whose rules have no guard (here one plain check) compiles and answers as before."""
        rules = RuleSet(year=DEFAULT_YEAR, rules=(_rule(1, lambda c: PASS),), profile="unguarded")
        records = list(generate_concerns(_COMPILE_AFTER + 2, seed=23))
        reports = [rules.validate(c, stage=CaseStage.CLOSED) for c in records]
        assert {r.status_of("TEST-1") for r in reports} == {Status.PASSED}
        assert not inspect.ismethod(rules._plan(CaseStage.CLOSED, msp.Concern).run)

    def test_a_plan_made_for_few_records_is_not_compiled(self):
        rules = _every_rule()
        for c in generate_concerns(_COMPILE_AFTER - 1, seed=22):
            rules.validate(c)
        plans = list(rules._cache.plans.values())
        assert plans
        assert all(isinstance(p, Plan) and inspect.ismethod(p.run) for p in plans)

    def test_a_guard_that_raises_once_compiled_errors_its_rules_only(self):
        def fussy(c: Any) -> Any:
            if c.concern_id == "BOOM":
                raise RuntimeError
            return c

        @only_if(fussy)
        def team(c: Any) -> Any:
            return (Fail("$.team", "x"),)

        rules = RuleSet(year=DEFAULT_YEAR, rules=(_rule(1, team), _rule(2, lambda c: PASS)))
        records = list(generate_concerns(_COMPILE_AFTER + 5, seed=23))
        closed = CaseStage.CLOSED
        assert all(rules.validate(c, stage=closed).statuses == (Status.FAILED, Status.PASSED) for c in records)
        assert not inspect.ismethod(rules._plan(closed, msp.Concern).run)
        boom = msp.Concern(concern_id="BOOM", adult=records[0].adult, received_on=records[0].received_on)
        report = rules.validate(boom, stage=closed)
        assert report.statuses == (Status.ERRORED, Status.PASSED)
        assert report.errored == {"TEST-1": "RuntimeError"}
        assert rules.validate(records[0], stage=closed).statuses == (Status.FAILED, Status.PASSED)

    def test_the_generated_code_has_a_source_while_its_rule_set_lives(self):
        rules = _every_rule()
        for c in generate_concerns(_COMPILE_AFTER + 1, seed=24):
            rules.validate(c, stage=CaseStage.CLOSED)
        run = rules._plan(CaseStage.CLOSED, msp.Concern).run
        source = inspect.getsource(run)
        assert source.startswith("def run(record, recorded, codes, found, errored):")
        assert "# MSP-001" in source
        assert "# WF-002" in source
        filename = run.__code__.co_filename
        assert filename.startswith("<msp generated rule plan closed Concern")
        assert filename in linecache.cache
        del rules, run
        gc.collect()
        assert filename not in linecache.cache
