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
from msp.convert.schema import schema, schema_id
from msp.errors import InvalidRecord
from msp.model.concern import Concern
from msp.model.spec import record_classes
from msp.synth import generate
from tests.strategies import STRATEGIES, concerns

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (the dev extra) is not installed")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "concerns.jsonl"
SCHEMA = schema()
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
            assert definition["additionalProperties"] is False
            assert set(definition["properties"]) - {"schema_version"} == {f.name for f in attrs.fields(cls)}

    def test_only_the_current_version_can_be_generated(self):
        assert schema(SCHEMA_VERSION) == SCHEMA
        with pytest.raises(ValueError, match="only the schema of the current schema_version"):
            schema(SCHEMA_VERSION - 1)

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
        for cls in record_classes(Concern):
            hints = typing.get_type_hints(cls)
            for field in attrs.fields(cls):
                prop = SCHEMA["$defs"][cls.__name__]["properties"][field.name]
                alone = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], **prop}
                allows_null = jsonschema.Draft202012Validator(alone).is_valid(None)
                optional = type(None) in typing.get_args(hints[field.name])
                assert allows_null == optional, f"{cls.__name__}.{field.name}"


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
