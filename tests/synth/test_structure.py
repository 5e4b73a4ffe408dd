"""How msp.synth is built: records from the model's constructors, valid weights, a current doc, fixed output."""

from __future__ import annotations

import ast
import calendar
import collections
import hashlib
import json
import math
from collections.abc import Iterable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

import msp
import msp.model
from msp import synth
from msp.codes import (
    CaseStage,
    DetailedPrimarySupportReason,
    DetailedSourceOfRisk,
    Relationship,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.codes.mappings import DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON
from msp.synth import _state, _stream
from msp.synth import _tables as tables
from msp.synth import _weights as w
from msp.synth._damage import DAMAGE
from msp.synth._draw import Days, Weighted

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(synth.__file__).parent
DOC = ROOT / "docs" / "synth.md"


def digest(records: Iterable[dict[str, Any]]) -> str:
    text = "\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def differences(before: Any, after: Any, path: str = "$") -> list[str]:
    """The JSON paths where two JSON-like values differ (a whole value at its path, not below it)."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in sorted(set(before) | set(after), key=str):
            if key not in before or key not in after:
                found.append(f"{path}.{key}")
            else:
                found += differences(before[key], after[key], f"{path}.{key}")
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            p for i, (b, a) in enumerate(zip(before, after, strict=True)) for p in differences(b, a, f"{path}[{i}]")
        ]
    return [] if type(before) is type(after) and before == after else [path]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every object the stream hands to msp.to_dict, in order."""
    seen: list[Any] = []

    def spy(record: object) -> dict[str, Any]:
        seen.append(record)
        return msp.to_dict(record)

    monkeypatch.setattr(_stream, "to_dict", spy)
    return seen


# --------------------------------------------------------------------------
# Records come from the model's constructors
# --------------------------------------------------------------------------


class TestBuiltByTheModel:
    """Every record is a model record, built and validated by the model, then unstructured by msp.to_dict."""

    def test_every_dict_is_to_dict_of_a_concern_built_by_the_model(self, built):
        """Each yielded dict is msp.to_dict of a Concern, which passes its own validators."""
        records = list(synth.generate(400, seed=21))
        assert len(built) == len(records)
        for concern, record in zip(built, records, strict=True):
            assert type(concern) is msp.Concern
            attrs.validate(concern)
            assert record == msp.to_dict(concern)
            assert msp.from_dict(record) == concern

    def test_generate_concerns_yields_the_records_generate_unstructures(self, built):
        """generate_concerns gives the very records whose dicts generate yields."""
        records = list(synth.generate(200, seed=22))
        assert list(synth.generate_concerns(200, seed=22)) == built
        assert [msp.to_dict(c) for c in built] == records

    def test_a_broken_record_is_its_valid_record_damaged_in_one_place(self, built):
        """Damage is done to the unstructured dict of a valid record: exactly one value changes, appears or goes."""
        records = list(synth.generate(700, seed=23, invalid_share=1.0))
        kinds: collections.Counter[str] = collections.Counter()
        for concern, record in zip(built, records, strict=True):
            changed = differences(msp.to_dict(concern), record)
            assert len(changed) == 1, changed
            kinds[changed[0].split(".")[-1]] += 1
        assert len(kinds) >= 12  # every kind of damage, at its several places

    def test_no_model_field_name_is_written_as_a_string_outside_the_damage(self):
        """Field names reach a record only as keyword arguments (checked by mypy), never as dict keys."""
        fields = {
            a.name
            for name in msp.model.__all__
            if isinstance(cls := getattr(msp.model, name), type) and attrs.has(cls)
            for a in attrs.fields(cls)
        }
        offenders = []
        for path in sorted(PACKAGE.glob("*.py")):
            if path.name == "_damage.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                keys: list[ast.expr | None] = []
                if isinstance(node, ast.Dict):
                    keys = node.keys
                elif isinstance(node, ast.Subscript):
                    keys = [node.slice]
                offenders += [
                    f"{path.name}:{node.lineno} {key.value!r}"
                    for key in keys
                    if isinstance(key, ast.Constant) and key.value in fields
                ]
        assert offenders == []


class TestByteIdentical:
    """The output is fixed: the same arguments give the same bytes (digests last updated for issue 17, when the
    date model changed on purpose: concerns spread through the period, the stage following from the dates)."""

    @pytest.mark.parametrize(
        ("arguments", "expected"),
        [
            (
                {"count": 1000, "seed": 1, "invalid_share": 0.2},
                "d6be07962010c3679d7e6e8a0a8482fdd2757076937d533e01312c6eb31cda74",
            ),
            (
                {"count": 500, "seed": 5, "start": date(2020, 4, 1)},
                "4ecf5f678e6ff6b5827290b8669a125a68c46f990023d7e60c97130f3d433fc5",
            ),
            (
                {"count": 300, "seed": -3, "invalid_share": 1.0, "start": date(1200, 1, 1)},
                "8a41f1c4643fe7d346273b120b24e659165a3f5be772575afe8883fddc1bf93f",
            ),
        ],
    )
    def test_output_is_unchanged(self, arguments, expected):
        """A change meant to alter the output must regenerate the examples and update these digests (docs/synth.md)."""
        assert digest(synth.generate(**arguments)) == expected


# --------------------------------------------------------------------------
# The weights
# --------------------------------------------------------------------------


def _public() -> dict[str, Any]:
    return {name: value for name, value in vars(w).items() if name.isupper() and not name.startswith("_")}


def _weighted_tables() -> list[tuple[str, Weighted[Any]]]:
    found = []
    for name, value in _public().items():
        if isinstance(value, Weighted):
            found.append((name, value))
        elif isinstance(value, dict) and all(isinstance(v, Weighted) for v in value.values()):
            found += [(f"{name}[{key}]", table) for key, table in value.items()]
    return found


class TestWeights:
    """Every weight table, chance, cut-off and span of days in the weights module is valid and commented."""

    @pytest.mark.parametrize(("name", "table"), _weighted_tables(), ids=[name for name, _ in _weighted_tables()])
    def test_weighted_tables_are_valid(self, name, table):
        """Positive weights, distinct items, shares adding up to one, and draws at the edges land on the ends."""
        weights = [weight for _, weight in table.pairs]
        assert weights
        assert all(weight > 0 for weight in weights), name
        assert len(set(table.items)) == len(table.items), name
        assert math.isclose(sum(share for _, share in table.shares()), 1.0)
        assert table(0.0) == table.items[0]
        assert table(math.nextafter(1.0, 0.0)) == table.items[-1]

    def test_chances_and_cut_offs_are_probabilities(self):
        """A chance is from 0 to 1; cut-offs assigned together rise strictly."""
        checked = 0
        for entry in tables.entries():
            values = [getattr(w, name) for name in entry.names]
            if all(type(v) is float for v in values):
                assert all(0.0 < v <= 1.0 for v in values), entry.names
                assert values == sorted(set(values)), entry.names
                checked += 1
        assert checked > 60

    def test_spans_of_days_are_valid(self):
        """Every span of days starts at 0 or more and has at least one value."""
        spans = {name: value for name, value in _public().items() if isinstance(value, Days)}
        assert len(spans) > 15
        for name, span in spans.items():
            assert span.low >= 0, name
            assert span.spread >= 1, name
            assert span.of(0.0) == span.low
            assert span.of(math.nextafter(1.0, 0.0)) == span.high

    def test_every_name_has_a_one_line_comment(self):
        """Each weight says what it models, on the line above it; nothing public is left out of the doc."""
        entries = tables.entries()
        assert [entry for entry in entries if not entry.comment] == []
        named = {name for entry in entries for name in entry.names}
        assert named == set(_public())

    def test_tables_cover_what_they_are_looked_up_by(self):
        """Every type has sources, every source a kind, every kind locations, every open stage an age."""
        assert set(w.SOURCE_BY_TYPE) == set(TypeOfRisk)
        details = {detail for table in w.SOURCE_BY_TYPE.values() for detail in table.items}
        assert details == set(w.SOURCE_KIND)
        assert set(w.SOURCE_KIND.values()) == set(w.LOCATION_BY_SOURCE_KIND)

    def test_month_weights_are_the_twelve_calendar_months_and_mild(self):
        """January to December in order, each within 10 % of one (docs/synth.md: a mild, assumed pattern)."""
        assert list(w.MONTH_WEIGHT) == list(calendar.month_name)[1:]
        assert all(0.9 <= weight <= 1.1 for weight in w.MONTH_WEIGHT.values())
        assert 0.0 < w.CONCERNS_GROWTH_PER_YEAR < 0.1

    def test_day_weights_follow_the_month_and_the_rise(self):
        """A day's weight is its month's weight times the rise up to it; the received table spans the period."""
        start = date(2024, 4, 1).toordinal()
        weights = _state.day_weights(start)
        assert len(weights) == _state.PERIOD_DAYS
        assert weights[0] == w.MONTH_WEIGHT["April"]
        assert math.isclose(weights[365], w.MONTH_WEIGHT["April"] * (1 + w.CONCERNS_GROWTH_PER_YEAR))
        assert weights[30 + 31 + 30 + 31] < weights[30]  # 1 August below 1 May
        run = _state.Run(0, date(2024, 4, 1))
        assert run.received.items == tuple(range(_state.PERIOD_DAYS))
        assert run.received(0.0) == 0
        assert run.received(math.nextafter(1.0, 0.0)) == _state.PERIOD_DAYS - 1

    def test_people_alleged_follow_the_sources_of_risk(self):
        """Every detailed source but the adult themselves has a relationship table; a service provider's risk is
        a paid carer's or a volunteer's, an unknown source a stranger's; domestic abuse is only by someone who can
        be personally connected (Domestic Abuse Act 2021 s2); every type of risk but self-neglect can be a crime."""
        details = {detail for table in w.SOURCE_BY_TYPE.values() for detail in table.items}
        assert set(w.RELATIONSHIP_BY_SOURCE) == details - {DetailedSourceOfRisk.KNOWN_SELF}
        for detail, table in w.RELATIONSHIP_BY_SOURCE.items():
            paid = {Relationship.PAID_CARER, Relationship.VOLUNTEER}
            assert (detail.source is SourceOfRisk.SERVICE_PROVIDER) == (set(table.items) <= paid), detail
            assert (detail.source is SourceOfRisk.UNKNOWN_TO_INDIVIDUAL) == (
                set(table.items) == {Relationship.STRANGER}
            ), detail
        assert set(w.RELATIONSHIP_DOMESTIC_ABUSE) <= set(w.SOURCE_BY_TYPE[TypeOfRisk.DOMESTIC_ABUSE].items)
        for table in w.RELATIONSHIP_DOMESTIC_ABUSE.values():
            assert all(relationship.may_be_personally_connected for relationship in table.items)
        assert set(w.CRIME_SUSPECTED) == set(w.CRIME_KIND) == set(TypeOfRisk) - {TypeOfRisk.SELF_NEGLECT}
        assert all(0.0 < chance < 1.0 for chance in w.CRIME_SUSPECTED.values())

    def test_support_reasons_agree_with_the_sac_mapping(self):
        """Each detailed support reason sits under its SAC group; its chance of lacking capacity is a probability."""
        for detail, group, lacks in w.PRIMARY_SUPPORT_REASON.items:
            assert 0.0 <= lacks <= 1.0
            if isinstance(detail, DetailedPrimarySupportReason):
                assert DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[detail] is group


# --------------------------------------------------------------------------
# docs/synth.md
# --------------------------------------------------------------------------


class TestDoc:
    """docs/synth.md shows the weights as they are, and what it derives from them holds for generated records."""

    def test_the_generated_block_is_current(self):
        """The block between the markers is what `python -m msp.synth._tables` prints."""
        text = DOC.read_text(encoding="utf-8")
        start = text.index(tables.START)
        end = text.index(tables.END) + len(tables.END) + 1
        assert text[start:end] == tables.render(), "run: python -m msp.synth._tables, and paste it into docs/synth.md"

    def test_every_weight_is_in_the_doc(self):
        """Every name of the weights module appears in docs/synth.md."""
        text = DOC.read_text(encoding="utf-8")
        assert [name for name in _public() if f"`{name}`" not in text] == []

    def test_the_doc_is_linked_from_the_readme(self):
        """README's documentation list links docs/synth.md."""
        assert "(docs/synth.md)" in (ROOT / "README.md").read_text(encoding="utf-8")

    def test_stage_shares_add_up_and_agree_with_how_far_cases_have_gone(self):
        """The stages on the snapshot day share out every record; closure is reached by exactly the closed ones."""
        at_stage = dict(tables.stages())
        assert list(at_stage) == list(CaseStage.in_order())
        assert all(share >= 0 for share in at_stage.values())
        assert math.isclose(sum(at_stage.values()), 1.0)
        reached = dict(tables.reached())
        assert math.isclose(reached["closure"], at_stage[CaseStage.CLOSED])
        assert math.isclose(1 - reached["information gathering"], at_stage[CaseStage.CONCERN_RECEIVED])
        assert math.isclose(sum(share for _, share in tables.month_shares()), 1.0)

    def test_how_far_cases_have_gone_matches_generated_records(self):
        """The shares worked out from the tables are the shares of generated records (within sampling error)."""
        records = list(synth.generate(6000, seed=31))
        stages = [[e["to_stage"] for e in r["history"]] for r in records]
        observed = {
            "information gathering": sum("information_gathering" in s for s in stages),
            "a section 42 decision": sum("decided" in s for s in stages),
            "an enquiry started": sum("enquiry" in r for r in records),
            "a section 42 enquiry started": sum(
                r.get("enquiry", {}).get("enquiry_type") == "section_42" for r in records
            ),
            "a safeguarding plan": sum("plan" in r for r in records),
            "an enquiry concluded": sum("concluded" in s for s in stages),
            "an enquiry ceased at the adult's request": sum("ceased_at_adults_request" in s for s in stages),
            "closure": sum("closed" in s for s in stages),
        }
        expected = dict(tables.reached())
        assert set(observed) == set(expected)
        for point, share in expected.items():
            assert abs(observed[point] / len(records) - share) < 0.02, point


class TestLayout:
    """The package is split by stage, each module documented, the weights in one module."""

    def test_every_module_has_a_docstring(self):
        """Each module of msp.synth says what it holds."""
        for path in PACKAGE.glob("*.py"):
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path.name

    def test_stage_modules_compare_draws_with_named_weights(self):
        """Stage modules compare draws with named weights, not with literal numbers."""
        offenders = []
        for path in sorted(PACKAGE.glob("*.py")):
            if path.name in ("_weights.py", "tables.py"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Compare) and isinstance(node.left, ast.Call):
                    called = node.left.func
                    draws = isinstance(called, ast.Name) and called.id == "r"
                    draws = draws or (isinstance(called, ast.Attribute) and called.attr == "r")
                    literal = [c for c in node.comparators if isinstance(c, ast.Constant)]
                    if draws and literal:
                        offenders.append(f"{path.name}:{node.lineno}")
        assert offenders == []

    def test_seven_kinds_of_damage(self):
        """The damage step keeps to seven small, documented kinds."""
        assert len(DAMAGE) == 7
        assert all(kind.__doc__ and kind.__doc__.startswith("SHAPE-") for kind in DAMAGE)

    def test_codes_in_the_weights_are_code_list_members(self):
        """The tables hold code-list members (checked by mypy), not code strings."""
        for name, table in _weighted_tables():
            for item in table.items:
                parts = item if isinstance(item, tuple) else (item,)
                strings = [p for p in parts if isinstance(p, str) and "_" in p and " " not in p]
                assert strings == [], (name, item)
                assert all(isinstance(p, Enum | str | int | float | bool | type(None)) for p in parts)
