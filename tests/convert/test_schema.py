"""The JSON Schema generated from the field spec accepts what the library writes and refuses
the shapes the library refuses (docs/errors.md, "Checked beyond the schema", lists the rest)."""

from __future__ import annotations

import copy
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp.cli import main
from msp.convert import SCHEMA_VERSION
from msp.convert.schema import frozen_versions, schema, schema_id
from msp.errors import InvalidRecord
from msp.model.concern import Concern
from msp.model.spec import record_classes
from msp.synth import generate
from tests.builders import SUITE_EXTENSIONS
from tests.strategies import STRATEGIES, concerns

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (the dev extra) is not installed")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "concerns.jsonl"
SCHEMA = schema()
FROZEN_DIR = Path(msp.__file__).parent / "convert" / "schemas"
V1_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "v1"
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _validator_for(cls: type) -> Any:
    """A validator of one record class: the same ``$defs``, rooted at the class's schema."""
    sub = {**SCHEMA, "$ref": f"#/$defs/{cls.__name__}"}
    return jsonschema.Draft202012Validator(sub, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _errors(document: object) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(document)]


def _library_accepts(document: dict[str, Any]) -> bool:
    try:
        msp.from_dict(document)
    except InvalidRecord:
        return False
    return True


def _a_record() -> dict[str, Any]:
    return next(iter(generate(1, seed=7)))


class TestTheSchema:
    """The document is a valid draft 2020-12 schema that names its version and covers every record class."""

    def test_it_is_a_valid_schema(self):
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_the_id_carries_the_schema_version(self):
        assert SCHEMA["$id"] == schema_id(SCHEMA_VERSION) == f"urn:msp:schema:concern:{SCHEMA_VERSION}"
        assert SCHEMA["$defs"]["Concern"]["properties"]["schema_version"]["const"] == SCHEMA_VERSION

    def test_every_record_class_has_a_closed_definition(self):
        for cls in record_classes(Concern):
            definition = SCHEMA["$defs"][cls.__name__]
            # a local extension's value has one definition per registered extension
            for one in definition["oneOf"] if cls is msp.Extension else (definition,):
                assert one["additionalProperties"] is False
                assert set(one["properties"]) - {"schema_version"} == {f.name for f in attrs.fields(cls)}

    def test_the_current_version_is_generated_and_others_are_frozen(self):
        assert schema(SCHEMA_VERSION) == SCHEMA
        assert frozen_versions() == tuple(range(1, SCHEMA_VERSION + 1))
        for bad in (0, SCHEMA_VERSION + 1, "2", 1.0):
            with pytest.raises(ValueError, match="no schema for schema_version"):
                schema(bad)
        with pytest.raises(ValueError, match="had no local extensions"):
            schema(1, extensions=SUITE_EXTENSIONS)

    def test_the_frozen_copy_of_the_current_version_is_up_to_date(self):
        # python tools/gen_docs.py rewrites it; it stays behind when schema_version is raised
        frozen = json.loads((FROZEN_DIR / f"concern-{SCHEMA_VERSION}.json").read_text(encoding="utf-8"))
        assert frozen == schema(extensions=())


class TestVersionOne:
    """The frozen schema of version 1 is what the library reads as version 1: version 2 without its additions."""

    V1 = schema(1)

    def test_it_is_a_valid_schema_of_version_1(self):
        jsonschema.Draft202012Validator.check_schema(self.V1)
        assert self.V1["$id"] == schema_id(1)
        assert self.V1["$defs"]["Concern"]["properties"]["schema_version"]["const"] == 1

    def test_the_frozen_v1_records_validate(self):
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
        validator = jsonschema.Draft202012Validator(self.V1, format_checker=checker)
        for path in sorted(V1_FIXTURES.glob("*.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            assert list(validator.iter_errors(document)) == [], path.name
            msp.from_dict(document)  # and the library reads them

    def test_a_field_added_in_2_is_refused_by_both(self):
        document = json.loads((V1_FIXTURES / "v1_minimal.json").read_text(encoding="utf-8"))
        for field, value in (("crime", {}), ("extensions", []), ("route_changes", [])):
            newer = {**document, field: value}
            assert not jsonschema.Draft202012Validator(self.V1).is_valid(newer), field
            with pytest.raises(InvalidRecord, match="SHAPE-EXTRA"):
                msp.from_dict(newer)

    def test_every_v1_field_path_is_in_the_v1_schema(self):
        defs = self.V1["$defs"]
        current = SCHEMA["$defs"]
        added = {name for definition in current.values() for name in definition.get("properties", {})}
        kept = {name for definition in defs.values() for name in definition.get("properties", {})}
        assert kept <= added
        assert "extensions" not in defs["Concern"]["properties"]

    def test_it_is_json_and_a_fresh_copy_each_time(self):
        assert json.loads(json.dumps(SCHEMA)) == SCHEMA
        other = schema()
        other["$defs"].clear()
        assert SCHEMA["$defs"]

    def test_annotations_come_from_the_field_spec(self):
        risk = SCHEMA["$defs"]["Risk"]["properties"]
        assert risk["type_of_risk"]["x-msp-sac"] == "SG2a"
        assert risk["description"]["x-msp-personal"] is True
        assert "x-msp-personal" not in risk["type_of_risk"]
        codes = SCHEMA["$defs"]["TypeOfRisk"]
        assert "physical_abuse" in codes["enum"]
        assert codes["x-msp-labels"]["physical_abuse"] in codes["description"]
        assert any("x-msp-law" in p for d in SCHEMA["$defs"].values() for p in d.get("properties", {}).values())

    def test_null_is_allowed_exactly_where_the_type_is_optional(self):
        for cls in (c for c in record_classes(Concern) if c is not msp.Extension):  # TestLocalExtensions
            hints = typing.get_type_hints(cls)
            for field in attrs.fields(cls):
                prop = SCHEMA["$defs"][cls.__name__]["properties"][field.name]
                alone = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], **prop}
                allows_null = jsonschema.Draft202012Validator(alone).is_valid(None)
                optional = type(None) in typing.get_args(hints[field.name])
                assert allows_null == optional, f"{cls.__name__}.{field.name}"


class TestLocalExtensions:
    """Registered extension definitions are in the schema: one closed branch each; with none, extensions is empty."""

    def _valid(self, document, defs=None):
        chosen = SCHEMA if defs is None else schema(extensions=defs)
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
        return jsonschema.Draft202012Validator(chosen, format_checker=checker).is_valid(document)

    def test_each_registered_definition_has_its_branch(self):
        branches = {b["title"]: b for b in SCHEMA["$defs"]["Extension"]["oneOf"]}
        assert set(branches) == {d.name for d in SUITE_EXTENSIONS}
        for definition in SUITE_EXTENSIONS:
            branch = branches[definition.name]
            slot = definition.type.slot
            assert branch["required"] == ["name", slot]
            assert branch["properties"]["name"] == {"const": definition.name}
            assert branch.get("x-msp-personal", False) is definition.personal
            others = {k: v for k, v in branch["properties"].items() if k not in {"name", slot}}
            assert all(v == {"type": "null"} for v in others.values())
        team = branches["test-suite.team"]["properties"]["code"]
        assert team["enum"] == ["DUTY", "HOSP", "LD"]
        assert team["x-msp-labels"]["HOSP"] == "Hospital team"
        score = branches["test-suite.risk-score"]["properties"]["integer"]
        assert (score["type"], score["minimum"], score["maximum"]) == ("integer", 0, 10)

    def test_values_are_checked_as_the_library_checks_them(self):
        record = next(d for d in generate(50, seed=2) if _library_accepts(d))
        good = [{"name": "test-suite.team", "code": "LD"}, {"name": "test-suite.risk-score", "integer": 10}]
        assert self._valid({**record, "extensions": good})
        assert _library_accepts({**record, "extensions": good})
        for bad in (
            [{"name": "test-suite.team", "code": "NOPE"}],
            [{"name": "test-suite.risk-score", "integer": 11}],
            [{"name": "test-suite.risk-score", "integer": 1.5}],
            [{"name": "test-suite.team", "text": "Duty"}],
            [{"name": "other.council-item", "text": "x"}],
        ):
            assert not self._valid({**record, "extensions": bad}), bad
            assert not _library_accepts({**record, "extensions": bad}), bad

    def test_with_no_definition_extensions_must_be_empty(self):
        bare = schema(extensions=())
        jsonschema.Draft202012Validator.check_schema(bare)
        record = next(d for d in generate(50, seed=2) if _library_accepts(d))
        assert self._valid({**record, "extensions": []}, defs=())
        assert not self._valid({**record, "extensions": [{"name": "test-suite.team", "code": "LD"}]}, defs=())
        assert bare["$defs"]["Extension"]["not"] == {}

    def test_the_schema_follows_the_registry_when_called(self):
        extra = msp.ExtensionDefinition(
            name="test-suite.temporary", type=msp.ExtensionType.FLAG, personal=False, description="a flag"
        )
        with msp.using_extensions(extra):
            titles = {b["title"] for b in schema()["$defs"]["Extension"]["oneOf"]}
        assert "test-suite.temporary" in titles
        assert "test-suite.temporary" not in {b["title"] for b in schema()["$defs"]["Extension"]["oneOf"]}


class TestWhatTheLibraryWrites:
    """Every record msp writes, and every example record it reads, validates against the schema."""

    def test_synthetic_records_the_library_reads_validate(self):
        documents = list(generate(300, seed=11, invalid_share=0.2))
        read = [d for d in documents if _library_accepts(d)]
        assert len(read) > 200
        for document in read:
            assert _errors(document) == [], document["concern_id"]

    def test_example_records_the_library_reads_validate(self):
        lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
        read = [d for d in map(json.loads, lines) if _library_accepts(d)]
        assert read
        for document in read:
            assert _errors(document) == []

    @given(concerns("full"))
    def test_full_concerns_validate(self, concern):
        assert _errors(msp.to_dict(concern)) == []

    @given(data=st.data())
    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_records_of_every_class_validate(self, cls, data):
        document = msp.to_dict(data.draw(STRATEGIES[cls]()))
        if cls is not Concern:
            del document["schema_version"]
        assert list(_validator_for(cls).iter_errors(document)) == []


def _set(path: tuple[str | int, ...], value: object) -> Any:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(key: str) -> Any:
    def change(document: dict[str, Any]) -> None:
        del document[key]

    return change


REFUSED = {
    "unknown key": _set(("nickname",), "Fictional"),
    "unknown nested key": _set(("adult", "shoe_size"), 9),
    "number for text": _set(("team",), 5),
    "string for a flag": _set(("adult", "has_care_and_support_needs"), "true"),
    "object for a list": _set(("risks",), {}),
    "null for a list": _set(("risks",), None),
    "null for a required part": _set(("adult",), None),
    "missing required field": _drop("concern_id"),
    "missing schema_version": _drop("schema_version"),
    "newer schema_version": _set(("schema_version",), SCHEMA_VERSION + 1),
    "bad code": _set(("risks", 0, "type_of_risk"), "not_a_code"),
    "label for a code": _set(("risks", 0, "type_of_risk"), "Physical Abuse"),
    "blank text": _set(("team",), "   "),
    "empty text": _set(("team",), ""),
    "text too long": _set(("team",), "x" * 20_001),
    "id with a space": _set(("concern_id",), "C 1"),
    "id too long": _set(("concern_id",), "C" * 65),
    "id starting with a dot": _set(("concern_id",), ".C1"),
    "day-first date": _set(("received_on",), "05/03/2026"),
    "date with a time": _set(("received_on",), "2026-03-05T10:00:00+00:00"),
    "number for a date": _set(("received_on",), 20260305),
}


class TestWhatTheLibraryRefuses:
    """Documents the library refuses for a reason of shape the schema covers are refused by the schema too."""

    @pytest.mark.parametrize("change", list(REFUSED.values()), ids=list(REFUSED))
    def test_refused_by_both(self, change):
        document = copy.deepcopy(_a_record())
        assert document.get("risks"), "the record needs a risk"
        assert _errors(document) == []
        change(document)
        with pytest.raises(InvalidRecord):
            msp.from_dict(document)
        assert _errors(document)

    def test_a_calendar_invalid_date_passes_the_pattern_but_not_the_date_format(self):
        """docs/errors.md: only a validator that checks ``format`` refuses 2025-02-30."""
        document = _a_record()
        document["received_on"] = "2025-02-30"
        with pytest.raises(InvalidRecord):
            msp.from_dict(document)
        assert _errors(document)
        without_formats = jsonschema.Draft202012Validator(SCHEMA)
        assert without_formats.is_valid(document)

    def test_dates_out_of_order_are_beyond_the_schema(self):
        """docs/errors.md: date order is checked by the library alone."""
        document = _a_record()
        document["adult"]["date_of_birth"] = "2099-01-01"
        with pytest.raises(InvalidRecord):
            msp.from_dict(document)
        assert _errors(document) == []


class TestTheCommand:
    """``msp schema`` prints the schema as sorted, indented JSON, or writes it to a file."""

    def test_an_older_version(self, capsys):
        assert main(["schema", "--version", "1"]) == 0
        assert json.loads(capsys.readouterr().out) == schema(1)
        assert main(["schema", "--version", "9"]) == 2
        assert "no schema for schema_version 9" in capsys.readouterr().err

    def test_prints_the_schema(self, capsys):
        assert main(["schema"]) == 0
        out, err = capsys.readouterr()
        assert err == ""
        assert out == json.dumps(SCHEMA, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def test_writes_a_file(self, tmp_path, capsys):
        target = tmp_path / "concern.schema.json"
        assert main(["schema", "-o", str(target)]) == 0
        assert capsys.readouterr().out == ""
        assert json.loads(target.read_text(encoding="utf-8")) == SCHEMA
