"""Records written at an older schema_version migrate to the current one, losing nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import msp
from msp.convert import OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, migrate
from msp.convert.migrate import needs_migration
from msp.errors import InvalidRecord
from msp.model.concern import Concern
from msp.model.spec import Kind, field_specs

V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"
V1_RECORDS = sorted(V1.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _paths_present(value: object, prefix: str = "$") -> set[str]:
    """Every field path that holds a value in a JSON document (list items as ``[*]``)."""
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item == []:
                continue
            path = f"{prefix}.{key}"
            out.add(path)
            out |= _paths_present(item, path)
    elif isinstance(value, list):
        for item in value:
            out |= _paths_present(item, f"{prefix}[*]")
    return out


def _spec_paths(cls: type, prefix: str = "$") -> set[str]:
    """Every field path of the current record layout, from the field spec."""
    out: set[str] = set()
    for name, spec in field_specs(cls):
        path = f"{prefix}.{name}"
        out.add(path)
        if spec.kind is Kind.PART and spec.item is not None:
            out |= _spec_paths(spec.item, path)
        elif spec.kind is Kind.MANY and spec.item is not None and attrs.has(spec.item):
            out |= _spec_paths(spec.item, f"{path}[*]")
    return out


class TestV1Fixtures:
    """The frozen v1 fixtures are what they claim: version 1, covering every v1 field."""

    def test_there_are_fixtures(self) -> None:
        assert len(V1_RECORDS) >= 7

    @pytest.mark.parametrize("path", V1_RECORDS, ids=lambda p: p.stem)
    def test_each_is_version_1(self, path: Path) -> None:
        assert _load(path)["schema_version"] == 1

    def test_together_they_give_every_v1_field_a_value(self) -> None:
        v1_fields = set((V1 / "v1_field_paths.txt").read_text(encoding="utf-8").split())
        covered: set[str] = set()
        for path in V1_RECORDS:
            covered |= _paths_present(_load(path))
        assert v1_fields - covered == set()

    def test_no_v1_field_was_removed_or_renamed(self) -> None:
        v1_fields = set((V1 / "v1_field_paths.txt").read_text(encoding="utf-8").split())
        assert v1_fields - _spec_paths(Concern) == set()


class TestMigrateV1:
    """Every v1 record migrates losslessly and reads as the same record."""

    @pytest.mark.parametrize("path", V1_RECORDS, ids=lambda p: p.stem)
    def test_lossless(self, path: Path) -> None:
        old = _load(path)
        new = migrate(old)
        assert new["schema_version"] == SCHEMA_VERSION
        assert {k: v for k, v in new.items() if k != "schema_version"} == {
            k: v for k, v in old.items() if k != "schema_version"
        }
        # every value of the old record survives a round trip through the current model
        assert msp.to_dict(msp.from_dict(new)) == new

    @pytest.mark.parametrize("path", V1_RECORDS, ids=lambda p: p.stem)
    def test_readers_migrate_on_the_way_in(self, path: Path) -> None:
        old = _load(path)
        expected = msp.from_dict(migrate(old))
        assert msp.from_dict(old) == expected
        assert msp.from_json(json.dumps(old)) == expected
        assert msp.from_json(json.dumps(old).encode()) == expected

    def test_input_is_not_changed(self) -> None:
        old = _load(V1 / "v1_cover_1.json")
        before = copy.deepcopy(old)
        migrate(old)
        assert old == before

    def test_current_version_is_returned_equal(self) -> None:
        current = msp.to_dict(msp.from_dict(_load(V1 / "v1_minimal.json")))
        again = migrate(current)
        assert again == current
        assert again is not current

    def test_sealed_history_still_checks(self) -> None:
        record = msp.from_dict(_load(V1 / "v1_history_sealed.json"))
        report = msp.validate(record)
        assert not [f for f in report.findings if f.code.startswith("WF-")]

    def test_v1_findings_are_located_like_current_ones(self) -> None:
        old = _load(V1 / "v1_minimal.json")
        old["received_on"] = "2025-13-01"
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict(old)
        assert [p.path for p in caught.value.problems] == ["$.received_on"]
        assert caught.value.record_id == "V1-MIN-1"


class TestRefused:
    """What migrate cannot read is a located SHAPE-SCHEMA problem, never a traceback."""

    @pytest.mark.parametrize(
        "version", [None, 0, OLDEST_SCHEMA_VERSION - 1, SCHEMA_VERSION + 1, "1", 1.0, True], ids=repr
    )
    def test_unreadable_versions(self, version: object) -> None:
        data: dict[str, object] = {"concern_id": "C-9", "adult": {"adult_id": "A-9"}, "received_on": "2025-01-01"}
        if version is not None:
            data["schema_version"] = version
        with pytest.raises(InvalidRecord) as caught:
            migrate(data)
        (problem,) = caught.value.problems
        assert (problem.code, problem.path) == ("SHAPE-SCHEMA", "$.schema_version")
        assert caught.value.record_id == "C-9"
        assert not needs_migration(data)

    @pytest.mark.parametrize("data", [[], "x", 5, None], ids=repr)
    def test_not_a_mapping(self, data: Any) -> None:
        with pytest.raises(InvalidRecord) as caught:
            migrate(data)
        assert caught.value.problems[0].code == "SHAPE-TYPE"
        assert not needs_migration(data)

    def test_newer_version_is_refused_by_the_readers(self) -> None:
        data = {**_load(V1 / "v1_minimal.json"), "schema_version": SCHEMA_VERSION + 1}
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict(data)
        assert [p.code for p in caught.value.problems] == ["SHAPE-SCHEMA"]

    def test_public(self) -> None:
        assert msp.migrate is migrate
        assert "migrate" in msp.__all__
        assert "migrate" in msp.convert.__all__


class TestVersionOneHoldsOnlyVersionOneFields:
    """A record that says it is version 1 but holds a field version 2 added is refused, as unknown fields are."""

    def test_each_added_field_is_located(self) -> None:
        data = {
            **_load(V1 / "v1_minimal.json"),
            "capacity_decisions": [{"decision": "Where to live", "subject": "accommodation"}],
            "contact": {"spoken_to": True, "interpreted_by": "staff_member"},
        }
        with pytest.raises(InvalidRecord) as caught:
            migrate(data)
        assert [(p.code, p.path) for p in caught.value.problems] == [
            ("SHAPE-EXTRA", "$.capacity_decisions[0].subject"),
            ("SHAPE-EXTRA", "$.contact.interpreted_by"),
        ]

    def test_reported_with_the_records_other_problems(self) -> None:
        data = {
            **_load(V1 / "v1_minimal.json"),
            "received_on": "2025-13-01",
            "options": {"every_option_available": True},
        }
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict(data)
        assert sorted((p.code, p.path) for p in caught.value.problems) == [
            ("SHAPE-DATE", "$.received_on"),
            ("SHAPE-EXTRA", "$.options.every_option_available"),
        ]

    def test_the_same_fields_at_version_2_are_read(self) -> None:
        data = {**_load(V1 / "v1_minimal.json"), "schema_version": 2, "options": {"every_option_available": True}}
        record = msp.from_dict(data)
        assert record.options is not None
        assert record.options.every_option_available is True

    def test_parts_of_the_wrong_shape_are_left_to_the_reader(self) -> None:
        data = {**_load(V1 / "v1_minimal.json"), "capacity_decisions": "not a list", "plan": {"escalation": 5}}
        assert migrate(data)["capacity_decisions"] == "not a list"
