"""Meta-tests over the whole rule registry: naming, metadata, robustness and privacy.

These look at every registered rule at once (``msp.rules.registered_rules()``),
so a rule added to any family is held to the same standard without a test of
its own: a stable code, a title, stages, a reference that names a published
source (never the project's private notes or seed documents, which users do not
have) and a basis, with ``error`` kept for law and SAC data requirements; it
never crashes on a draft or on any record the Hypothesis strategies can build,
at any stage; and no finding ever carries a personal value (the privacy canary).
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import msp
from msp.codes import CaseStage
from msp.model.privacy import personal_fields
from msp.rules import DEFAULT_YEAR, STAGE_ORDER, Basis, Report, RuleSet, Status, registered_rules, retired_rules
from tests.builders import closed_s42, concern, concluded_s42, risk, s42_enquiry
from tests.strategies import concerns

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_CATALOGUE = REPO_ROOT / "docs" / "rules.md"
SEED_CITATION = re.compile(
    r"seed 0|seed 00|000_31cc|001_f048|reference\.md|(?<![\w-])seeds?\s*\d",  # (?<!-): not the --seed option
    flags=re.IGNORECASE,
)
"""A citation of a seed document, a seed file name or the project's private notes (``reference.md``):
sources users do not have. Shared with tests/test_docs.py."""
ERROR_BASES = frozenset({Basis.LAW, Basis.SAC})
"""The bases an ``error`` may rest on: breaking it makes the step unlawful or the return wrong."""
ERRORS_ON_OTHER_BASES = {
    # The case history's record-integrity checks. Their basis is local practice (the library's own
    # append-only, sealed history), yet they stay errors: a history that was edited, reordered or
    # cut cannot show which stage the case is at, so no other rule or workflow step can be judged
    # on the record. Each one's reference says so.
    "WF-001",
    "WF-002",
}
CORE_FAMILIES = frozenset({"MSP", "MCA", "CA", "SAC"})
# WF-: workflow history integrity (msp.rules.families.history); TXT-: the meaning of free text (msp.rules.families.text)
KNOWN_FAMILIES = CORE_FAMILIES | {"WF", "TXT"}
CODE = re.compile(r"^(MSP|MCA|CA|SAC|WF|TXT)-\d{3}\Z")
CANARY = "CANARY"
CANARY_TAIL = "7f3"


def every_rule() -> RuleSet:
    """Every registered rule, whatever the collection years it is valid for."""
    return RuleSet(year=DEFAULT_YEAR, rules=registered_rules(), profile="every-rule")


# -- naming and metadata ------------------------------------------------------------------


def test_the_catalogue_has_at_least_40_rules() -> None:
    assert len(registered_rules()) >= 40


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in registered_rules()]
    assert len(codes) == len(set(codes))
    bad = [c for c in codes if not CODE.match(c)]
    assert not bad, bad


def test_every_family_is_present() -> None:
    families = {r.family for r in registered_rules()}
    assert families >= CORE_FAMILIES
    assert families <= KNOWN_FAMILIES


@pytest.mark.parametrize("r", registered_rules(), ids=lambda r: r.code)
def test_rule_metadata(r: msp.rules.Rule) -> None:
    assert r.reference.strip()
    assert r.title.strip()
    assert r.title == r.title.strip()
    assert r.stages
    assert r.stages <= frozenset(STAGE_ORDER)
    assert r.family == r.code.split("-")[0]
    assert r.severity in msp.Severity
    assert r.record_type is msp.Concern
    assert r.applies_in(DEFAULT_YEAR)
    assert all(p.startswith("$.") for p in r.fields), r.fields
    assert isinstance(r.basis, Basis)
    assert not hasattr(r, "source")


# -- published sources and bases ----------------------------------------------------------


def test_the_seed_pattern_catches_what_it_should() -> None:
    for cited in (
        "seed 000 'In practice'",
        "Seed 001 myth 5",
        "seeds 000 and 001",
        "see reference.md §2.3",
        "000_31cc606041fbbfe2.txt",
        "001_f04894fa4599027b.txt",
        "seed 7",
    ):
        assert SEED_CITATION.search(cited), cited
    for fine in ("msp synth --seed 7", "generate(3, seed=7)", "the random seed", "seed-funded", "LGA/ADASS (2019)"):
        assert not SEED_CITATION.search(fine), fine


@pytest.mark.parametrize("r", registered_rules(), ids=lambda r: r.code)
def test_a_rule_cites_no_seed_and_no_private_notes(r: msp.rules.Rule) -> None:
    """A rule's title and reference name published sources a manager can look up."""
    for text in (r.title, r.reference):
        assert not SEED_CITATION.search(text), f"{r.code}: {text}"


def test_a_retired_rule_cites_no_seed_and_no_private_notes() -> None:
    for gone in retired_rules():
        for text in (gone.title, gone.reason):
            assert not SEED_CITATION.search(text), f"{gone.code}: {text}"


@pytest.mark.parametrize("format", ["markdown", "csv", "json"])
def test_the_catalogue_exports_cite_no_seed_and_no_private_notes(format: Any) -> None:  # noqa: A002
    for rules in (every_rule(), msp.rules.rule_set()):
        text = msp.rules.catalogue(format, rules=rules)
        found = SEED_CITATION.search(text)
        assert found is None, text[max(found.start() - 80, 0) : found.end() + 80]


def test_the_catalogue_exports_show_basis_and_reference_not_source() -> None:
    rules = every_rule()
    header = msp.rules.catalogue("csv", rules=rules).splitlines()[0].split(",")
    assert "basis" in header
    assert "reference" in header
    assert "source" not in header
    exported = json.loads(msp.rules.catalogue("json", rules=rules))["rules"]
    assert {r["code"]: r["basis"] for r in exported} == {r.code: r.basis.value for r in rules}
    assert all("source" not in r for r in exported)
    markdown = msp.rules.catalogue("markdown", rules=rules)
    assert "| Code | Severity | Basis | Rule | Stages | Reference |" in markdown
    for basis in Basis:
        assert f"- **{basis.value}**: " in markdown


def test_the_basis_values_are_the_documented_ones() -> None:
    assert {b.name: b.value for b in Basis} == {
        "LAW": "law",
        "STATUTORY_GUIDANCE": "statutory guidance",
        "MSP_PRACTICE": "MSP practice guidance",
        "SAC": "SAC data requirement",
        "LOCAL_PRACTICE": "local practice",
    }
    assert {r.basis for r in registered_rules()} == set(Basis), "every basis has at least one built-in rule"


@pytest.mark.parametrize("r", [r for r in registered_rules() if r.severity is msp.Severity.ERROR], ids=lambda r: r.code)
def test_an_error_rests_on_law_or_a_sac_data_requirement(r: msp.rules.Rule) -> None:
    """An error blocks a workflow step: only law or the SAC return justify that (see ERRORS_ON_OTHER_BASES)."""
    if r.code in ERRORS_ON_OTHER_BASES:
        assert r.basis not in ERROR_BASES, f"{r.code} no longer needs its place on the allow-list"
        assert "An error although its basis is local practice" in r.reference
        return
    assert r.basis in ERROR_BASES, f"{r.code} is an error resting on {r.basis.value}: make it a warning"


def test_the_allow_list_names_only_registered_errors() -> None:
    errors = {r.code for r in registered_rules() if r.severity is msp.Severity.ERROR}
    assert errors >= ERRORS_ON_OTHER_BASES


def test_docs_catalogue_is_current() -> None:
    """docs/rules.md is committed and is exactly what msp.rules.catalogue('markdown') writes."""
    assert DOCS_CATALOGUE.is_file(), f"{DOCS_CATALOGUE} is missing: msp.rules.catalogue('markdown') writes it"
    assert DOCS_CATALOGUE.read_text(encoding="utf-8") == msp.rules.catalogue("markdown"), (
        "docs/rules.md is stale: regenerate it from msp.rules.catalogue('markdown')"
    )


# -- no rule ever errors --------------------------------------------------------------------


def assert_no_rule_errored(report: Report) -> None:
    assert report.structured
    assert not report.errored, report.errored
    assert report.counts()[Status.ERRORED] == 0
    assert len(report.statuses) == len(report.rule_set)


@pytest.mark.parametrize("stage", list(msp.codes.CaseStage), ids=lambda s: s.code)
def test_no_rule_errors_on_a_minimal_draft_at_any_stage(stage: CaseStage) -> None:
    for record in (concern(), concern(stage=stage)):
        report = every_rule().validate(record, stage=stage)
        assert_no_rule_errored(report)
        assert report.stage is stage
    assert_no_rule_errored(msp.validate(concern(), stage=stage))


def test_every_case_stage_is_in_process_order() -> None:
    assert set(STAGE_ORDER) == set(CaseStage)
    assert len(STAGE_ORDER) == len(CaseStage)


@given(concerns())
def test_no_rule_errors_on_generated_concerns_at_any_stage(record: msp.Concern) -> None:
    rules = every_rule()
    for stage in STAGE_ORDER:
        assert_no_rule_errored(rules.validate(record, stage=stage))
    assert_no_rule_errored(rules.validate(record))


@given(concerns(mode="full"))
def test_no_rule_errors_on_fully_filled_generated_concerns(record: msp.Concern) -> None:
    rules = every_rule()
    for stage in STAGE_ORDER:
        assert_no_rule_errored(rules.validate(record, stage=stage))


@given(concerns())
def test_a_record_and_its_dict_give_the_same_report(record: msp.Concern) -> None:
    assert msp.validate(msp.to_dict(record)).findings == msp.validate(record).findings


# -- the privacy canary ----------------------------------------------------------------------

DAY = date(2025, 6, 2)
MOMENT = datetime(2025, 6, 2, 9, 30, tzinfo=timezone.utc)


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner
    return hint


def _text_kind(cls: type, name: str) -> str | None:
    """``text`` for a str field, ``texts`` for a tuple of str, ``None`` otherwise (dates)."""
    hint = _strip_optional(_hints(cls)[name])
    if hint is str:
        return "text"
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[0] is str:
        return "texts"
    return None


def _nested(hint: Any) -> Iterator[type]:
    hint = _strip_optional(hint)
    if typing.get_origin(hint) is tuple:
        hint = typing.get_args(hint)[0]
    if isinstance(hint, type) and attrs.has(hint):
        yield hint


def record_classes(root: type = msp.Concern) -> list[type]:
    """Every record class reachable from ``root``."""
    seen: list[type] = []
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for hint in _hints(cls).values():
            todo.extend(_nested(hint))
    return seen


def personal_text_fields() -> set[tuple[str, str]]:
    """``(class, field)`` for every personal field a canary string can go into."""
    return {
        (cls.__name__, name)
        for cls in record_classes()
        for name in personal_fields(cls)
        if _text_kind(cls, name) is not None
    }


def canary(cls: type, name: str) -> str:
    return f"{CANARY}-{cls.__name__}.{name}-{CANARY_TAIL}"


def plant(record: Any, planted: set[tuple[str, str]] | None = None) -> Any:
    """A copy of ``record`` with a canary in every personal text field, at every depth."""
    cls = type(record)
    personal = set(personal_fields(cls))
    changes: dict[str, Any] = {}
    for a in attrs.fields(cls):
        value = getattr(record, a.name)
        if a.name in personal:
            kind = _text_kind(cls, a.name)
            if kind == "text":
                changes[a.name] = canary(cls, a.name)
            elif kind == "texts":
                changes[a.name] = (canary(cls, a.name), canary(cls, a.name) + "-second")
            if kind is not None and planted is not None:
                planted.add((cls.__name__, a.name))
        elif attrs.has(type(value)):
            changes[a.name] = plant(value, planted)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[a.name] = tuple(plant(v, planted) for v in value)
    return attrs.evolve(record, **changes)


def _value(hint: Any, flag: bool) -> Any:  # noqa: PLR0911 - one return per kind of value
    hint = _strip_optional(hint)
    if hint is msp.Extension:  # one value slot of a registered extension (tests/conftest.py)
        return msp.Extension(name="test-suite.out-of-area", flag=flag)
    if typing.get_origin(hint) is tuple:
        return (_value(typing.get_args(hint)[0], flag),)
    if hint is bool:
        return flag
    if hint is str:
        return "T-1"  # valid both as an id and as text
    if hint is date:
        return DAY
    if hint is datetime:
        return MOMENT
    if isinstance(hint, type) and issubclass(hint, Enum):
        return next(iter(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return populated(hint, flag)
    msg = f"no test value for {hint!r}"
    raise TypeError(msg)


def populated(cls: type, flag: bool) -> Any:
    """An instance with every field filled, every flag ``flag``, every date the same day."""
    hints = _hints(cls)
    return cls(**{a.name: _value(hints[a.name], flag) for a in attrs.fields(cls)})


def assert_no_canary(report: Report) -> None:
    for finding in report.findings:
        for part in (finding.message, finding.path, finding.code, finding.reference, str(finding), repr(finding)):
            assert CANARY.casefold() not in part.casefold(), part
            assert CANARY_TAIL not in part, part
        assert finding.record_id is None or CANARY not in finding.record_id
    assert CANARY not in str(report)
    assert CANARY not in repr(report)
    assert CANARY not in repr(report.errored)


def test_personal_fields_are_the_expected_ones() -> None:
    fields = personal_text_fields()
    # a sample of the free text the model marks personal; dates of birth and death are personal too
    assert {
        ("AdultsViews", "in_own_words"),
        ("Risk", "description"),
        ("CapacityDecision", "practicable_steps"),
    } <= fields
    assert {"date_of_birth", "date_of_death"} <= set(personal_fields(msp.Adult))
    assert len(fields) >= 30


def test_populated_records_plant_a_canary_in_every_personal_field() -> None:
    planted: set[tuple[str, str]] = set()
    plant(populated(msp.Concern, True), planted)
    assert planted == personal_text_fields()


def canary_records() -> list[tuple[str, msp.Concern]]:
    failing = concluded_s42(
        risks=(risk(location=None, risk_outcome=None), risk(risk_id="R-2", action_and_result=None)),
        msp_asked=None,
        enquiry=s42_enquiry(capacity_lacked=None, outcomes_achieved=None, advocacy_support=True),
        contact=None,
        views=msp.AdultsViews(wants_no_action=True, declines_support=True),
    )
    return [
        ("populated-true", populated(msp.Concern, True)),
        ("populated-false", populated(msp.Concern, False)),
        ("draft", concern()),
        ("concluded", concluded_s42()),
        ("closed", closed_s42()),
        ("failing", failing),
        ("failing-closed", attrs.evolve(failing, closure=closed_s42().closure, stage=CaseStage.CLOSED)),
    ]


@pytest.mark.parametrize(("name", "record"), canary_records(), ids=[n for n, _ in canary_records()])
def test_no_finding_carries_a_personal_value(name: str, record: msp.Concern) -> None:
    planted = plant(record)
    rules = every_rule()
    found_any = False
    for stage in STAGE_ORDER:
        report = rules.validate(planted, stage=stage)
        assert_no_rule_errored(report)
        assert_no_canary(report)
        found_any = found_any or bool(report.findings)
        # the same record read from JSON
        assert_no_canary(msp.io.check_record(rules, msp.to_dict(planted), stage=stage))
    if name.startswith(("populated", "failing")):
        assert found_any


def test_the_canary_test_would_catch_a_leak() -> None:
    """A rule that echoes a personal value is caught by :func:`assert_no_canary`."""
    leaky = msp.rules.Rule(
        code="LEAK-001",
        title="Echoes the adult's views (never do this)",
        severity=msp.Severity.ADVICE,
        stages=frozenset(STAGE_ORDER),
        reference="Test suite, not law",
        basis=Basis.LOCAL_PRACTICE,
        check=lambda c: msp.rules.fail("$.views", f"views: {c.views.in_own_words}"),
    )
    report = RuleSet(year=DEFAULT_YEAR, rules=(leaky,)).validate(plant(concluded_s42()))
    with pytest.raises(AssertionError):
        assert_no_canary(report)


def test_shape_findings_carry_no_personal_value() -> None:
    """Values that are the wrong type or code are never echoed in structure findings."""
    data = msp.to_dict(plant(populated(msp.Concern, True)))
    data["adult"]["gender_identity"] = f"{CANARY}-gender-{CANARY_TAIL}"
    data["adult"]["date_of_birth"] = f"{CANARY}-dob-{CANARY_TAIL}"
    data["risks"][0]["type_of_risk"] = f"{CANARY}-type-{CANARY_TAIL}"
    data["contact"]["seen_alone"] = f"{CANARY}-flag-{CANARY_TAIL}"
    data["views"]["in_own_words"] = ["list", f"{CANARY}-list-{CANARY_TAIL}"]
    report = msp.validate(data)
    assert report.findings
    assert all(f.code.startswith("SHAPE-") for f in report.findings)
    assert_no_canary(report)


@given(concerns())
def test_no_finding_on_a_generated_record_carries_a_personal_value(record: msp.Concern) -> None:
    planted = plant(record)
    rules = every_rule()
    for stage in STAGE_ORDER:
        report = rules.validate(planted, stage=stage)
        assert_no_rule_errored(report)
        assert_no_canary(report)
