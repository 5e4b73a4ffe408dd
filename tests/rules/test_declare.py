"""Declaring rules once: paths by name, checks with guards, the families' catalogues, shapes, the stage order."""

from __future__ import annotations

import ast
import inspect
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import msp
from msp.codes import CaseStage
from msp.rules import (
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    Basis,
    Check,
    CheckResult,
    Fail,
    JsonPath,
    Paths,
    Severity,
    from_stage,
    get_rule,
    only_if,
    registered_rules,
)
from msp.rules._declare import Family, make_rule, with_paths
from msp.rules._shapes import EveryRiskRecords, ForEach, RecordedTrue, for_each
from msp.rules.families import FAMILIES
from tests.builders import concern, plan, risk, s42_decision

META: dict[str, Any] = {
    "title": "A test rule",
    "severity": Severity.ADVICE,
    "stages": STAGE_ORDER,
    "reference": "Test suite, not law",
    "basis": Basis.LOCAL_PRACTICE,
}


def team_recorded(c: msp.Concern, at: Paths) -> CheckResult:
    return at.team.fail_unless(c.team, "no team recorded")


def decided(c: msp.Concern) -> Any:
    return c.decision


@only_if(decided)
def decision_maker(d: Any, at: Paths) -> CheckResult:
    return at.decided_by.fail_unless(d.decided_by is not None, "no decision-maker")


DECISION_MAKER = with_paths(decision_maker, Paths(decided_by="$.decision.decided_by"))


class TestStageOrder:
    """The process order is declared once, on CaseStage, and everything else reads it."""

    def test_the_order_is_the_declaration_order(self):
        assert CaseStage.in_order() == tuple(CaseStage)
        assert CaseStage.in_order()[0] is CaseStage.CONCERN_RECEIVED
        assert CaseStage.in_order()[-1] is CaseStage.CLOSED

    def test_stage_order_and_from_stage_derive_from_it(self):
        assert CaseStage.in_order() == STAGE_ORDER
        for stage in CaseStage:
            assert from_stage(stage) == stage.and_after()
            assert stage.and_after() == frozenset(s for s in STAGE_ORDER if s.at_or_after(stage))

    def test_at_or_after(self):
        assert CaseStage.CLOSED.at_or_after(CaseStage.CONCLUDED)
        assert CaseStage.DECIDED.at_or_after(CaseStage.DECIDED)
        assert not CaseStage.DECIDED.at_or_after(CaseStage.ENQUIRY)
        assert CaseStage.ENQUIRY.and_after() == frozenset(STAGE_ORDER[3:])


class TestJsonPath:
    """A JSON path names where a rule fails; ``[*]`` becomes an item's index."""

    def test_a_path_starts_with_a_dollar_and_has_no_spaces(self):
        for bad in ("contact.seen_alone", "$.a b", ""):
            with pytest.raises(ValueError):
                JsonPath(bad)

    def test_fail_and_fail_unless(self):
        path = JsonPath("$.team")
        assert str(path) == "$.team"
        assert path.fail("no team") == (Fail("$.team", "no team"),)
        assert path.fail_unless("Duty team", "no team") == PASS
        assert path.fail_unless(None, "no team") == (Fail("$.team", "no team"),)

    def test_an_item_path_needs_its_indices(self):
        path = JsonPath("$.risks[*].location")
        assert path.at(2) == "$.risks[2].location"
        assert path.fail("missing", 0) == (Fail("$.risks[0].location", "missing"),)
        with pytest.raises(ValueError, match="indices"):
            path.at()
        with pytest.raises(ValueError, match="indices"):
            path.fail_unless(False, "missing")
        assert JsonPath("$.a[*].b[*].c").at(1, 2) == "$.a[1].b[2].c"

    def test_each(self):
        path = JsonPath("$.risks[*].location")
        assert path.each(["x", "", "y", ""], lambda v: not v, "missing") == [
            Fail("$.risks[1].location", "missing"),
            Fail("$.risks[3].location", "missing"),
        ]

    def test_name_parent_and_child(self):
        digest = JsonPath("$.history[*].digest")
        assert digest.name == "digest"
        assert JsonPath("$.risks[*]").name == "risks"
        assert digest.parent == JsonPath("$.history[*]")
        assert digest.parent.parent == JsonPath("$.history")
        assert JsonPath("$.closure.sar") / "considered" == JsonPath("$.closure.sar.considered")
        with pytest.raises(ValueError, match="no parent"):
            _ = JsonPath("$").parent


class TestPaths:
    """A rule's paths by name, in order: each written once, the check fails by naming one."""

    def test_by_name_and_in_order(self):
        at = Paths(spoken_to="$.contact.spoken_to", reason=JsonPath("$.contact.not_spoken_to_reason"))
        assert at.spoken_to == JsonPath("$.contact.spoken_to")
        assert list(at) == [JsonPath("$.contact.spoken_to"), JsonPath("$.contact.not_spoken_to_reason")]
        assert at.names == ("spoken_to", "reason")
        assert len(at) == 2
        assert "spoken_to='$.contact.spoken_to'" in repr(at)
        assert at == Paths(spoken_to="$.contact.spoken_to", reason="$.contact.not_spoken_to_reason")
        assert hash(at) == hash(Paths(spoken_to="$.contact.spoken_to", reason="$.contact.not_spoken_to_reason"))
        assert at != Paths(reason="$.contact.not_spoken_to_reason", spoken_to="$.contact.spoken_to")

    def test_an_undeclared_name_is_an_attribute_error_that_names_the_declared_ones(self):
        at = Paths(team="$.team")
        with pytest.raises(AttributeError, match="declares team"):
            _ = at.teem

    def test_a_path_twice_or_a_reserved_name_is_a_value_error(self):
        with pytest.raises(ValueError, match="twice"):
            Paths(a="$.team", b="$.team")
        for bad in ("names", "_hidden"):
            with pytest.raises(ValueError, match="not a path name"):
                Paths(**{bad: "$.team"})

    def test_paths_pickle(self):
        at = Paths(team="$.team", stage="$.stage")
        assert pickle.loads(pickle.dumps(at)) == at  # noqa: S301 - our own data


class TestChecks:
    """A guard narrows what the body sees; the check the registry keeps applies the guard itself."""

    def test_a_check_called_directly_applies_its_guard(self):
        assert isinstance(decision_maker, Check)
        assert DECISION_MAKER(concern()) is NOT_APPLICABLE
        assert DECISION_MAKER(concern(decision=s42_decision())) == PASS
        assert DECISION_MAKER(concern(decision=s42_decision(decided_by=None))) == (
            Fail("$.decision.decided_by", "no decision-maker"),
        )

    def test_the_body_is_given_what_the_guard_returned_and_the_paths(self):
        decision = s42_decision(decided_by=None)
        at = Paths(decided_by="$.decision.decided_by")
        assert decision_maker.body(decision, at) == (Fail("$.decision.decided_by", "no decision-maker"),)
        assert DECISION_MAKER.guard is decided
        assert DECISION_MAKER.paths == at

    def test_a_true_or_false_guard_gives_the_body_the_record(self):
        seen: list[Any] = []

        @only_if(lambda c: c.team is not None)
        def check(c: msp.Concern) -> CheckResult:
            seen.append(c)
            return PASS

        record = concern(team="Duty team")
        assert check(concern()) is NOT_APPLICABLE
        assert check(record) == PASS
        assert seen == [record]

    def test_paths_are_given_once(self):
        with pytest.raises(ValueError, match="paths already"):
            with_paths(DECISION_MAKER, Paths(decided_by="$.decision.decided_by"))
        assert with_paths(team_recorded, Paths(team="$.team")).guard is None

    def test_a_check_reads_like_its_body(self):
        assert decision_maker.__name__ == "decision_maker"
        assert decision_maker.__module__ == __name__
        assert "decision_maker" in repr(decision_maker)
        assert "decided" in repr(decision_maker)
        assert "only if" not in repr(with_paths(team_recorded, Paths(team="$.team")))

    def test_a_named_check_pickles_by_name_an_unnamed_one_by_value(self):
        built_in = get_rule("CA-007").check
        assert pickle.loads(pickle.dumps(built_in)) is built_in  # noqa: S301 - our own data
        assert pickle.loads(pickle.dumps(decision_maker)) is decision_maker  # noqa: S301
        unnamed = Check(team_recorded, decided, Paths(team="$.team"))  # team_recorded names the function
        copy = pickle.loads(pickle.dumps(unnamed))  # noqa: S301
        assert copy is not unnamed
        assert (copy.body, copy.guard, copy.paths) == (unnamed.body, unnamed.guard, unnamed.paths)


class TestMakeRule:
    """A rule's fields are its paths, then any given as text: each written once."""

    def test_fields_are_the_paths_then_the_others(self):
        made = make_rule(team_recorded, code="TEST-001", paths=Paths(team="$.team"), fields=("$.stage",), **META)
        assert made.fields == ("$.team", "$.stage")
        assert all(type(f) is str for f in made.fields)
        assert made.check(concern()) == (Fail("$.team", "no team recorded"),)

    def test_a_path_given_twice_is_a_value_error(self):
        with pytest.raises(ValueError, match="twice"):
            make_rule(team_recorded, code="TEST-001", paths=Paths(team="$.team"), fields=("$.team",), **META)


class TestShapes:
    """The shapes several built-in rules share are written once, and given their rule's paths once."""

    def test_recorded_true_reads_the_field_its_path_names(self):
        shape = RecordedTrue("not agreed").given(Paths(agreed_with_adult="$.plan.agreed_with_adult"))
        assert shape(plan(agreed_with_adult=True)) == PASS
        assert shape(plan(agreed_with_adult=None)) == (Fail("$.plan.agreed_with_adult", "not agreed"),)

    def test_every_risk_records(self):
        shape = EveryRiskRecords("location", "location of risk missing").given(Paths(location="$.risks[*].location"))
        assert shape(concern(risks=())) == (Fail("$.risks", "a concluded section 42 enquiry records no risks"),)
        assert shape(concern(risks=(risk(), risk(location=None)))) == [
            Fail("$.risks[1].location", "location of risk missing")
        ]

    def test_for_each(self):
        @for_each("odd")
        def odd(n: int) -> bool:
            """An odd number."""
            return n % 2 == 1

        assert isinstance(odd, ForEach)
        assert odd.__doc__ == "An odd number."
        assert odd.given(Paths(n="$.n[*]"))([1, 2, 3]) == [Fail("$.n[0]", "odd"), Fail("$.n[2]", "odd")]

    def test_a_shape_checks_once_given_its_paths(self):
        for shape in (RecordedTrue("m"), EveryRiskRecords("location", "m"), for_each("m")(bool)):
            with pytest.raises(TypeError, match="given its rule's paths"):
                shape(concern())
        check = with_paths(only_if(decided)(RecordedTrue("m")), Paths(decided_by="$.decision.decided_by"))
        assert check.paths is None
        assert check(concern(decision=s42_decision(decided_by=None))) == (Fail("$.decision.decided_by", "m"),)


def _family_paths(module: Any) -> dict[str, tuple[str, ...]]:
    data = json.loads(Path(module.__file__).with_suffix(".json").read_text(encoding="utf-8"))
    return {r["code"]: tuple(r["fields"]) for r in data["rules"]}


def _named_in_bodies(module: Any) -> dict[str, set[str]]:
    """Rule code to the names its check's body reads from ``at`` (``at.name``), from the module's source."""
    tree = ast.parse(inspect.getsource(module))
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        codes = [
            d.args[0].value
            for d in node.decorator_list
            if isinstance(d, ast.Call)
            and d.args
            and isinstance(d.args[0], ast.Constant)
            and ast.unparse(d.func) == "RULES.check"
        ]
        if codes:
            found[codes[0]] = {
                n.attr
                for n in ast.walk(node)
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "at"
            }
    return found


class TestFamilies:
    """Each built-in family keeps its catalogue as data beside its module, and declares a check for each rule."""

    @pytest.mark.parametrize("module", FAMILIES, ids=lambda m: m.__name__)
    def test_every_path_a_check_names_is_declared(self, module: Any):
        declared = _family_paths(module)
        for code, names in _named_in_bodies(module).items():
            assert names <= set(declared[code]), code

    @pytest.mark.parametrize("module", FAMILIES, ids=lambda m: m.__name__)
    def test_every_rule_of_the_catalogue_has_a_check(self, module: Any):
        rules = module.RULES.rules
        assert [r.code for r in rules] == list(_family_paths(module))
        assert {r.family for r in rules} == {module.RULES.prefix}
        assert all(isinstance(r.check, Check) for r in rules)

    def test_the_registry_holds_what_the_families_declare(self):
        declared = [r for family in FAMILIES for r in family.RULES.rules]
        assert sorted(r.code for r in declared) == sorted(r.code for r in registered_rules())
        assert all(get_rule(r.code) is r for r in declared)

    def test_a_family_from_a_catalogue(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        package = tmp_path / "localrules"
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        catalogue = {
            "family": "LOCAL",
            "texts": {"POLICY": "Invented council policy", "TEAMS": "{POLICY}, section 3"},
            "rules": [
                {
                    "code": "LOCAL-001",
                    "title": "A team is recorded",
                    "severity": "advice",
                    "stages": "from decided",
                    "reference": "{TEAMS}",
                    "basis": "local practice",
                    "fields": {"team": "$.team"},
                },
                {
                    "code": "LOCAL-002",
                    "title": "Closed",
                    "severity": "warning",
                    "stages": "ceased_at_adults_request closed",
                    "reference": "r",
                    "basis": "law",
                    "fields": {},
                    "as_recorded": True,
                },
            ],
        }
        (package / "teams.json").write_text(json.dumps(catalogue), encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        family = Family.load("localrules.teams")
        with pytest.raises(ValueError, match="no check is declared for LOCAL-001, LOCAL-002"):
            _ = family.rules
        check = family.check("LOCAL-001")(team_recorded)
        family.check("LOCAL-002")(lambda c, at: PASS)
        with pytest.raises(ValueError, match="has a check already"):
            family.check("LOCAL-001")(team_recorded)
        with pytest.raises(KeyError):
            family.check("LOCAL-003")
        first, second = family.rules
        assert first.check is check
        assert (first.reference, first.severity, first.fields) == (
            "Invented council policy, section 3",
            Severity.ADVICE,
            ("$.team",),
        )
        assert (first.basis, second.basis) == (Basis.LOCAL_PRACTICE, Basis.LAW)
        assert first.stages == CaseStage.DECIDED.and_after()
        assert second.stages == {CaseStage.CEASED_AT_ADULTS_REQUEST, CaseStage.CLOSED}
        assert second.as_recorded
        assert check(concern()) == (Fail("$.team", "no team recorded"),)

    @pytest.mark.parametrize(
        ("change", "match"),
        [
            ({"severity": "fatal"}, "LOCAL-001.*ValueError"),
            ({"stages": "from nowhere"}, "LOCAL-001.*ValueError"),
            ({"fields": {"team": "team"}}, "LOCAL-001.*ValueError"),
            ({"colour": "red"}, "unknown keys: colour"),
            ({"reference": "{NOPE}"}, "LOCAL-001.*KeyError"),
            ({"basis": None}, "LOCAL-001.*no basis: every rule says what it rests on"),
            ({"basis": "seed"}, "LOCAL-001.*unknown basis 'seed': one of 'law', 'statutory guidance'"),
            ({"source": "000.txt"}, "unknown keys: source"),
        ],
    )
    def test_a_catalogue_that_is_not_valid(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any], match: str
    ):
        name = "rules_" + "".join(ch if ch.isalnum() else "_" for ch in tmp_path.name)  # one package for each case
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        entry = {"code": "LOCAL-001", "title": "t", "severity": "advice", "stages": "all", "reference": "r"}
        entry |= {"basis": "local practice", "fields": {}} | change
        entry = {key: value for key, value in entry.items() if value is not None}  # None: the key left out
        (package / "bad.json").write_text(json.dumps({"family": "LOCAL", "rules": [entry]}), encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        with pytest.raises(ValueError, match=match):
            Family.load(f"{name}.bad")

    def test_a_code_of_another_family_or_twice_is_a_value_error(self):
        family = Family.load("msp.rules.families.history")
        entries = list(family._entries.values())
        with pytest.raises(ValueError, match="not of the MSP family"):
            Family("MSP", entries)
        with pytest.raises(ValueError, match="twice"):
            Family("WF", [entries[0], entries[0]])
