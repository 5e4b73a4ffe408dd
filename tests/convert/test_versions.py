"""Records at a newer schema_version: refused by default, read with ``unknown="ignore"`` and a warning."""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path
from typing import Any

import pytest

import msp
from msp.convert import OLDEST_SCHEMA_VERSION, SCHEMA_VERSION
from msp.errors import InvalidRecord, NewerSchemaWarning

V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"
NEWER = SCHEMA_VERSION + 1
PERSONAL = "Margaret Example lives at 1 High Street"
"""A value that must never reach a message (fictional)."""


def _current() -> dict[str, Any]:
    data: dict[str, Any] = msp.migrate(json.loads((V1 / "v1_cover_1.json").read_text(encoding="utf-8")))
    return data


def _newer() -> dict[str, Any]:
    """A current record written by a newer library: unknown keys at the top, in a part and in list items."""
    data = _current()
    data["schema_version"] = NEWER
    data["triage_notes"] = PERSONAL
    data["adult"] = {**data["adult"], "preferred_name": PERSONAL}
    data["risks"] = [{**risk, "severity_score": 7} for risk in data["risks"]]
    return data


def _read(read: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read(*args, **kwargs)
    return result, caught


class TestNewerIsRefusedByDefault:
    """A newer record is a located SHAPE-SCHEMA problem naming both versions."""

    @pytest.mark.parametrize("how", ["dict", "json"])
    def test_names_both_versions(self, how: str) -> None:
        data = _newer()
        read, given = (msp.from_dict, data) if how == "dict" else (msp.from_json, json.dumps(data))
        with pytest.raises(InvalidRecord) as caught:
            read(given)
        schema = [p for p in caught.value.problems if p.code == "SHAPE-SCHEMA"]
        reads = f"({OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})"
        assert [(p.path, p.message) for p in schema] == [
            ("$.schema_version", f"schema_version {NEWER} is newer than this library reads {reads}")
        ]
        assert PERSONAL not in str(caught.value)

    @pytest.mark.parametrize("version", ["3 Margaret Example", 3.0, True, None])
    @pytest.mark.parametrize("unknown", ["error", "ignore"])
    def test_a_version_that_is_not_a_whole_number_is_not_echoed(self, version: object, unknown: Any) -> None:
        data = {**_current(), "schema_version": version}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(InvalidRecord) as caught:
                msp.from_dict(data, unknown=unknown)
        (problem,) = caught.value.problems
        assert problem.code == "SHAPE-SCHEMA"
        assert problem.message == f"schema_version is not a whole number (this library reads 1 to {SCHEMA_VERSION})"
        assert "Margaret" not in str(caught.value)

    def test_a_huge_version_is_a_problem_not_a_traceback(self) -> None:
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict({**_current(), "schema_version": 10**5000})
        assert caught.value.problems[0].code == "SHAPE-SCHEMA"

    def test_migrate_says_the_same(self) -> None:
        with pytest.raises(InvalidRecord) as caught:
            msp.migrate({**_current(), "schema_version": NEWER})
        assert caught.value.problems[0].message.startswith(f"schema_version {NEWER} is newer")

    def test_a_bad_mode_is_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown must be"):
            msp.from_dict(_current(), unknown="keep")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="unknown must be"):
            msp.from_json("{}", unknown="keep")  # type: ignore[arg-type]


class TestNewerIsReadWithIgnore:
    """``unknown="ignore"`` reads a newer record as the current one, with one warning listing what was dropped."""

    @pytest.mark.parametrize("how", ["dict", "json", "lenient"])
    def test_read_with_one_warning_listing_the_paths(self, how: str) -> None:
        data = _newer()
        if how == "dict":
            record, caught = _read(msp.from_dict, data, unknown="ignore")
        elif how == "lenient":
            record, caught = _read(msp.from_dict, data, lenient=True, unknown="ignore")
        else:
            record, caught = _read(msp.from_json, json.dumps(data), unknown="ignore")
        assert record == msp.from_dict(_current())
        (warning,) = caught
        assert warning.category is NewerSchemaWarning
        assert warning.filename == __file__  # it points at the caller
        message = warning.message
        assert isinstance(message, NewerSchemaWarning)
        risks = [f"$.risks[{i}].severity_score" for i in range(len(data["risks"]))]
        assert message.paths == ("$.adult.preferred_name", *risks, "$.triage_notes")
        assert (message.version, message.oldest, message.read_as) == (NEWER, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION)
        text = str(message)
        assert f"schema_version {NEWER} is newer than this library reads (1 to {SCHEMA_VERSION})" in text
        assert "$.adult.preferred_name" in text
        assert "$.risks[0].severity_score" in text
        assert PERSONAL not in text
        assert "7" not in text.replace(str(len(message.paths)), "")

    def test_nothing_unknown_still_warns_once(self) -> None:
        data = {**_current(), "schema_version": NEWER}
        _, caught = _read(msp.from_dict, data, unknown="ignore")
        (warning,) = caught
        assert isinstance(warning.message, NewerSchemaWarning)
        assert warning.message.paths == ()

    @pytest.mark.parametrize("how", ["dict", "json"])
    def test_known_values_are_still_checked(self, how: str) -> None:
        data = _newer()
        data["risks"][0]["type_of_risk"] = "not_a_code"
        read, given = (msp.from_dict, data) if how == "dict" else (msp.from_json, json.dumps(data))
        with pytest.raises(InvalidRecord) as caught:
            _read(read, given, unknown="ignore")
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-CODE", "$.risks[0].type_of_risk")]

    def test_the_input_is_not_changed(self) -> None:
        data = _newer()
        before = json.dumps(data)
        _read(msp.from_dict, data, unknown="ignore")
        assert json.dumps(data) == before

    def test_a_part_of_another_class(self) -> None:
        adult = {"schema_version": NEWER, "adult_id": "A-1", "preferred_name": PERSONAL}
        record, caught = _read(msp.from_dict, adult, msp.Adult, unknown="ignore")
        assert record == msp.Adult(adult_id="A-1")
        assert caught[0].message.paths == ("$.preferred_name",)  # type: ignore[union-attr]

    def test_an_odd_key_is_not_shown(self) -> None:
        data = {**_current(), "schema_version": NEWER, PERSONAL: 1}
        _, caught = _read(msp.from_dict, data, unknown="ignore")
        assert caught[0].message.paths == ("$.<key>",)  # type: ignore[union-attr]
        assert PERSONAL not in str(caught[0].message)

    def test_the_warning_pickles(self) -> None:
        warning = NewerSchemaWarning(NEWER, 1, SCHEMA_VERSION, ("$.x",), "C-1")
        again = pickle.loads(pickle.dumps(warning))  # noqa: S301 - our own object
        assert (str(again), again.paths, again.record_id) == (str(warning), ("$.x",), "C-1")

    def test_public(self) -> None:
        assert msp.NewerSchemaWarning is NewerSchemaWarning
        assert "NewerSchemaWarning" in msp.__all__
        assert issubclass(NewerSchemaWarning, UserWarning)


class TestIgnoreLeavesOtherVersionsAlone:
    """``unknown="ignore"`` changes nothing for current and older records: an unknown field there is a mistake."""

    @pytest.mark.parametrize("version", [OLDEST_SCHEMA_VERSION, SCHEMA_VERSION])
    def test_same_record_no_warning(self, version: int) -> None:
        data = {**_current(), "schema_version": version}
        if version < SCHEMA_VERSION:
            data = json.loads((V1 / "v1_cover_1.json").read_text(encoding="utf-8"))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert msp.from_dict(data, unknown="ignore") == msp.from_dict(data)
            assert msp.from_json(json.dumps(data), unknown="ignore") == msp.from_json(json.dumps(data))

    @pytest.mark.parametrize("version", [OLDEST_SCHEMA_VERSION, SCHEMA_VERSION])
    def test_unknown_fields_still_refused(self, version: int) -> None:
        data = {**_current(), "schema_version": version, "triage_notes": PERSONAL}
        if version < SCHEMA_VERSION:
            data = {**json.loads((V1 / "v1_cover_1.json").read_text(encoding="utf-8")), "triage_notes": PERSONAL}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(InvalidRecord) as caught:
                msp.from_dict(data, unknown="ignore")
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-EXTRA", "$.triage_notes")]
        assert PERSONAL not in str(caught.value)
