"""JSON and dict conversion: lossless round trips, strictness, located problems."""

from __future__ import annotations

import copy
import io
import json
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import msp
from msp import (
    SCHEMA_VERSION,
    Adult,
    CapacityDecision,
    Concern,
    InvalidRecord,
    Problem,
    Risk,
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from msp.codes import CaseStage, LocationOfRisk, SourceOfRisk, TypeOfRisk
from msp.convert import _converter as cv
from msp.convert import flat
from msp.convert._converter import problems_from_exception
from msp.convert._scalars import list_name
from msp.io.readers import RawRecord, Reader
from tests.strategies import STRATEGIES, concerns, json_values

CANARY = "CANARY-9f3"
DELETE = object()

CLASSES = list(STRATEGIES)
MODEL_MODULES = (
    msp.model.adult,
    msp.model.capacity,
    msp.model.concern,
    msp.model.extensions,
    msp.model.feedback,
    msp.model.harm,
    msp.model.organisation,
    msp.model.outcomes,
    msp.model.plan,
    msp.model.protection,
)

# A complete, valid concern written by hand (fictional content only).
BASE: dict[str, Any] = {
    "schema_version": SCHEMA_VERSION,
    "concern_id": "C-0001",
    "adult": {
        "adult_id": "A-0001",
        "date_of_birth": "1950-05-01",
        "communication_needs": "Zoë prefers written notes (fictional)",
        "strengths": [{"kind": "personal"}],
        "health_conditions": ["ldi_aspergers"],
    },
    "received_on": "2025-01-10",
    "team": "Team North (fictional)",
    "risks": [
        {
            "type_of_risk": "physical_abuse",
            "location": "own_home",
            "source": "known_to_individual",
            "source_detail": "known_relative_family_carer",
        },
        {"type_of_risk": "self_neglect", "location": "own_home"},
    ],
    "contact": {"spoken_to": True, "spoken_to_on": "2025-01-11", "seen_alone": True, "seen_alone_on": "2025-01-12"},
    "msp_asked": "asked_expressed",
    "desired_outcomes": [
        {"in_own_words": "to feel safe at home (fictional)", "expressed_by": "adult", "recorded_on": "2025-01-12"},
        {"in_own_words": "to keep the kettle", "expressed_by": "adult", "recorded_on": "2025-01-12"},
    ],
    "capacity_decisions": [
        {
            "decision_id": "CD-1",
            "decision": "whether to accept the plan (fictional)",
            "subject": "care_and_support",
            "assessed_on": "2025-01-15",
            "practicable_steps": ["easy read leaflet"],
            "best_interests": {"decided_on": "2025-01-16"},
        }
    ],
    "decision": {"route": "section_42_enquiry", "decided_on": "2025-01-13"},
    "enquiry": {
        "enquiry_id": "E-1",
        "enquiry_type": "section_42",
        "started_on": "2025-01-14",
        "concluded_on": "2025-03-01",
    },
    "plan": {"agreed_on": "2025-01-20", "reviewed_on": ["2025-02-01"], "actions": [{"action": "weekly visit"}]},
    "closure": {"closed_on": "2025-03-05", "reason": "enquiry_concluded"},
    "stage": "closed",
    "history": [
        {
            "to_stage": "information_gathering",
            "at": "2025-01-10T09:00:00+00:00",
            "actor": {"role": "social worker", "user_id": "u-1"},
        }
    ],
}


def _edit(data: dict[str, Any], *changes: tuple[tuple[Any, ...], Any]) -> dict[str, Any]:
    """A deep copy of ``data`` with each (path, value) set, or deleted for DELETE."""
    out = copy.deepcopy(data)
    for path, value in changes:
        target: Any = out
        for step in path[:-1]:
            target = target[step]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return out


def _problems(data: Any, cls: type = Concern) -> tuple[InvalidRecord, list[tuple[str, str]]]:
    with pytest.raises(InvalidRecord) as info:
        from_dict(data, cls)
    return info.value, [(p.code, p.path) for p in info.value.problems]


def _assert_no_canary(exc: InvalidRecord) -> None:
    assert CANARY not in str(exc)
    assert CANARY not in repr(exc)
    for problem in exc.problems:
        assert CANARY not in problem.message
        assert CANARY not in problem.path
        assert CANARY not in str(problem)
    assert exc.record_id is None or CANARY not in exc.record_id


class TestBase:
    """The hand-written record reads from a dict and from JSON, and writes back the same dict."""

    def test_the_hand_written_record_is_valid(self):
        concern = from_dict(BASE)
        assert concern.concern_id == "C-0001"
        assert concern.risks[0].source_detail.source is SourceOfRisk.KNOWN_TO_INDIVIDUAL
        assert concern.desired_outcomes[1].recorded_on == date(2025, 1, 12)
        assert concern.history[0].at == datetime(2025, 1, 10, 9, tzinfo=timezone.utc)
        assert concern.stage is CaseStage.CLOSED

    def test_to_dict_gives_the_same_dict_back(self):
        assert to_dict(from_dict(BASE)) == BASE

    def test_from_json_reads_the_same_record(self):
        assert from_json(json.dumps(BASE)) == from_dict(BASE)
        assert from_json(json.dumps(BASE).encode()) == from_dict(BASE)


class TestRoundTrips:
    """Every record class round-trips through dicts and JSON, and the JSON text is stable."""

    def test_every_record_class_has_a_strategy(self):
        model = {
            obj
            for module in MODEL_MODULES
            for name in module.__all__
            if isinstance(obj := getattr(module, name), type)
            and attrs.has(obj)
            and obj is not msp.ExtensionDefinition  # a definition, not a record
        }
        assert model == set(STRATEGIES)
        assert len(STRATEGIES) == 47

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_json_and_dict_round_trips(self, cls, data):
        record = data.draw(STRATEGIES[cls]())
        assert type(record) is cls
        assert from_json(to_json(record), cls) == record
        out = to_dict(record)
        assert from_dict(out, cls) == record
        assert out["schema_version"] == SCHEMA_VERSION
        assert json.loads(json.dumps(out)) == out

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_full_records_set_every_field_and_round_trip(self, cls, data):
        record = data.draw(STRATEGIES[cls](mode="full"))
        unset = [a.name for a in attrs.fields(cls) if getattr(record, a.name) in (None, ())]
        if cls is msp.Extension:  # one value slot is filled, the definition's (Concern's strategy fills each)
            unset = [name for name in unset if name != record.definition.type.slot]
            assert len(unset) == len(attrs.fields(cls)) - 2
            unset = []
        assert unset == [], "the strategy leaves a field out: round trips would not cover it"
        assert from_json(to_json(record, indent=2), cls) == record

    @given(concerns())
    def test_round_trip_is_stable_text(self, concern):
        text = to_json(concern)
        assert to_json(from_json(text)) == text


class TestSerialisedForm:
    """The written form: schema version first, defaults left out, codes as codes, offsets kept, lists."""

    def test_schema_version_is_first_and_defaults_are_omitted(self):
        concern = Concern(concern_id="C1", adult=Adult(adult_id="A1"), received_on=date(2025, 1, 2))
        assert to_dict(concern) == {
            "schema_version": SCHEMA_VERSION,
            "concern_id": "C1",
            "adult": {"adult_id": "A1"},
            "received_on": "2025-01-02",
        }
        assert next(iter(to_dict(concern))) == "schema_version"

    def test_codes_are_written_as_codes(self):
        risk = Risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, location=LocationOfRisk.OWN_HOME)
        assert to_dict(risk) == {
            "schema_version": SCHEMA_VERSION,
            "type_of_risk": "self_neglect",
            "location": "own_home",
        }

    def test_non_ascii_is_kept_as_is(self):
        adult = Adult(adult_id="A1", communication_needs="Zoë \u2013 日本語")
        assert '"communication_needs":"Zoë \u2013 日本語"' in to_json(adult)

    def test_datetime_keeps_its_offset(self):
        concern = from_dict(BASE)
        assert to_dict(concern)["history"][0]["at"] == "2025-01-10T09:00:00+00:00"

    def test_z_suffix_is_read_as_utc(self):
        data = _edit(BASE, (("history", 0, "at"), "2025-01-10T09:00:00Z"))
        assert from_dict(data).history[0].at == datetime(2025, 1, 10, 9, tzinfo=timezone.utc)

    def test_indent_gives_multi_line_json(self):
        assert "\n" in to_json(from_dict(BASE), indent=2)
        assert "\n" not in to_json(from_dict(BASE))

    def test_tuples_are_written_as_lists(self):
        out = to_dict(from_dict(BASE))
        assert isinstance(out["risks"], list)
        assert isinstance(out["plan"]["reviewed_on"], list)


class TestStrictness:
    """The strict reader refuses wrong types, labels, unknown keys and non-ISO dates, each located."""

    def test_string_false_is_not_a_boolean(self):
        _, found = _problems(_edit(BASE, (("contact", "spoken_to"), "false")))
        assert found == [("SHAPE-TYPE", "$.contact.spoken_to")]

    def test_number_is_not_a_boolean(self):
        _, found = _problems(_edit(BASE, (("contact", "spoken_to"), 0)))
        assert found == [("SHAPE-TYPE", "$.contact.spoken_to")]

    def test_number_is_not_text(self):
        _, found = _problems(_edit(BASE, (("team",), 5)))
        assert found == [("SHAPE-TYPE", "$.team")]

    def test_label_is_not_a_code(self):
        _, found = _problems(_edit(BASE, (("risks", 0, "type_of_risk"), "Physical Abuse")))
        assert found == [("SHAPE-CODE", "$.risks[0].type_of_risk")]

    def test_code_case_matters(self):
        _, found = _problems(_edit(BASE, (("stage",), "CLOSED")))
        assert found == [("SHAPE-CODE", "$.stage")]

    def test_unknown_key_is_refused(self):
        _, found = _problems(_edit(BASE, (("favourite_colour",), "blue")))
        assert found == [("SHAPE-EXTRA", "$.favourite_colour")]

    def test_unknown_nested_key_is_refused(self):
        _, found = _problems(_edit(BASE, (("adult", "nickname"), "Zoë")))
        assert found == [("SHAPE-EXTRA", "$.adult.nickname")]

    def test_non_string_key_is_refused_without_a_crash(self):
        data = copy.deepcopy(BASE)
        data[5] = "x"
        _, found = _problems(data)
        assert found == [("SHAPE-EXTRA", "$.<key>")]

    def test_odd_key_is_not_echoed(self):
        _, found = _problems(_edit(BASE, (("Zoë's key",), 1)))
        assert found == [("SHAPE-EXTRA", "$.<key>")]

    def test_string_where_list_belongs_is_refused_not_split(self):
        _, found = _problems(_edit(BASE, (("capacity_decisions", 0, "practicable_steps"), "abc")))
        assert found == [("SHAPE-TYPE", "$.capacity_decisions[0].practicable_steps")]

    def test_string_where_list_of_codes_belongs_is_refused(self):
        _, found = _problems(_edit(BASE, (("adult", "health_conditions"), "ldi_aspergers")))
        assert found == [("SHAPE-TYPE", "$.adult.health_conditions")]

    def test_object_where_list_belongs_is_refused(self):
        _, found = _problems(_edit(BASE, (("risks",), {"type_of_risk": "self_neglect"})))
        assert found == [("SHAPE-TYPE", "$.risks")]

    def test_object_where_text_belongs_is_refused(self):
        _, found = _problems(_edit(BASE, (("team",), {"name": "x"})))
        assert found == [("SHAPE-TYPE", "$.team")]

    def test_non_object_nested_record_is_refused(self):
        _, found = _problems(_edit(BASE, (("adult",), "A-0001")))
        assert found == [("SHAPE-TYPE", "$.adult")]

    @pytest.mark.parametrize("value", [[], "C-0001", 5, None, True])
    def test_non_object_record_is_refused(self, value):
        exc, found = _problems(value)
        assert found == [("SHAPE-TYPE", "$")]
        assert exc.record_id is None

    def test_missing_required_fields_are_each_reported(self):
        _, found = _problems({"schema_version": SCHEMA_VERSION})
        assert found == [
            ("SHAPE-MISSING", "$.concern_id"),
            ("SHAPE-MISSING", "$.adult"),
            ("SHAPE-MISSING", "$.received_on"),
        ]

    @pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "2025-00-10"])
    def test_impossible_calendar_dates_are_refused(self, value):
        _, found = _problems(_edit(BASE, (("received_on",), value)))
        assert found == [("SHAPE-DATE", "$.received_on")]

    @pytest.mark.parametrize(
        "value",
        ["01/02/2025", "2025-1-2", "20250110", "2025-01-10T00:00", " 2025-01-10", "2025-01-10\n", 20250110, True],
    )
    def test_non_iso_dates_are_refused_in_strict_mode(self, value):
        _, found = _problems(_edit(BASE, (("received_on",), value)))
        assert found == [("SHAPE-DATE", "$.received_on")]

    @pytest.mark.parametrize("value", ["2025-01-10T09:00:00", "2025-01-10T09:00", "2025-01-10", "09:00", 1736499600])
    def test_naive_or_partial_datetimes_are_refused(self, value):
        _, found = _problems(_edit(BASE, (("history", 0, "at"), value)))
        assert found == [("SHAPE-DATETIME", "$.history[0].at")]

    def test_missing_schema_version(self):
        _, found = _problems(_edit(BASE, (("schema_version",), DELETE)))
        assert found == [("SHAPE-SCHEMA", "$.schema_version")]

    @pytest.mark.parametrize("value", ["1", SCHEMA_VERSION + 1, 0, 1.0, True, None])
    def test_wrong_schema_version(self, value):
        exc, found = _problems(_edit(BASE, (("schema_version",), value)))
        assert found == [("SHAPE-SCHEMA", "$.schema_version")]
        assert re.search(rf"reads\b.*\b{SCHEMA_VERSION}\b", exc.problems[0].message)

    def test_schema_version_problem_is_reported_with_the_others(self):
        _, found = _problems(_edit(BASE, (("schema_version",), SCHEMA_VERSION + 1), (("team",), 5)))
        assert found == [("SHAPE-SCHEMA", "$.schema_version"), ("SHAPE-TYPE", "$.team")]

    def test_version_1_is_read_as_its_migrated_form(self):
        # A v1 document: the hand-written record without the fields version 2 added.
        old = _edit(BASE, (("schema_version",), 1), (("capacity_decisions", 0, "subject"), DELETE))
        assert from_dict(old) == from_dict(msp.migrate(old))
        assert from_json(json.dumps(old)) == from_dict(msp.migrate(old))
        assert to_dict(from_dict(old)) == {**old, "schema_version": SCHEMA_VERSION}

    def test_version_1_problems_are_the_record_s_own(self):
        v1 = {"schema_version": 1, "concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"}
        _, found = _problems({**v1, "team": 5})
        assert found == [("SHAPE-TYPE", "$.team")]

    def test_a_version_1_record_with_a_version_2_field(self):
        _, found = _problems(_edit(BASE, (("schema_version",), 1), (("team",), 5)))
        assert found == [("SHAPE-EXTRA", "$.capacity_decisions[0].subject"), ("SHAPE-TYPE", "$.team")]

    def test_from_dict_reads_other_classes(self):
        risk = from_dict({"schema_version": SCHEMA_VERSION, "type_of_risk": "self_neglect"}, Risk)
        assert risk == Risk(type_of_risk=TypeOfRisk.SELF_NEGLECT)

    def test_null_for_an_optional_field_is_unset(self):
        assert from_dict(_edit(BASE, (("team",), None))).team is None


class TestJsonText:
    """Text that is not JSON, not UTF-8, too deep or not an object is a located problem, not a crash."""

    def test_not_json(self):
        with pytest.raises(InvalidRecord) as info:
            from_json('{"team": "' + CANARY)
        assert [(p.code, p.path) for p in info.value.problems] == [("SHAPE-JSON", "$")]
        message = info.value.problems[0].message
        assert "line 1, column " in message
        assert " at at " not in message
        _assert_no_canary(info.value)

    def test_json_place_reads_as_english(self):
        with pytest.raises(InvalidRecord) as info:
            from_json("{")
        assert info.value.problems[0].message.endswith("at line 1, column 2")

    def test_not_utf8(self):
        with pytest.raises(InvalidRecord) as info:
            from_json(b"\xff\xfe\x00")
        assert info.value.problems[0].code == "SHAPE-JSON"

    def test_deeply_nested_json_is_a_problem_not_a_crash(self):
        with pytest.raises(InvalidRecord) as info:
            from_json("[" * 100_000)
        assert [(p.code, p.path) for p in info.value.problems] == [("SHAPE-JSON", "$")]

    def test_json_array_is_not_a_record(self):
        with pytest.raises(InvalidRecord) as info:
            from_json("[1, 2]")
        assert [(p.code, p.path) for p in info.value.problems] == [("SHAPE-TYPE", "$")]


# -- the malformed-record corpus -------------------------------------------------------

_C = CANARY
MALFORMED = [
    pytest.param(
        [(("extensions",), [{"name": "test-suite.not-registered", "text": _C}])],
        [("SHAPE-EXTENSION", "$.extensions[0].name")],
        id="extension-not-registered",
    ),
    pytest.param(
        [(("extensions",), [{"name": "test-suite.risk-score", "integer": 11}])],
        [("SHAPE-RANGE", "$.extensions[0].integer")],
        id="extension-out-of-range",
    ),
    pytest.param(
        [(("extensions",), [{"name": "test-suite.risk-score", "integer": 2**53}])],
        [("SHAPE-RANGE", "$.extensions[0].integer")],
        id="integer-beyond-json",
    ),
    pytest.param(
        [(("extensions",), [{"name": "test-suite.risk-score", "integer": 5.0}])],
        [("SHAPE-TYPE", "$.extensions[0].integer")],
        id="integer-as-float",
    ),
    pytest.param(
        [(("extensions",), [{"name": "test-suite.team", "code": "NOPE"}, {"name": "test-suite.team", "text": _C}])],
        [
            ("SHAPE-CODE", "$.extensions[0].code"),
            ("SHAPE-CONFLICT", "$.extensions[1].text"),
            ("SHAPE-MISSING", "$.extensions[1].code"),
        ],
        id="extension-wrong-code-and-slot",
    ),
    pytest.param(
        [(("extensions",), [{"name": "test-suite.team", "code": "DUTY"}, {"name": "test-suite.team", "code": "LD"}])],
        [("SHAPE-CONFLICT", "$.extensions[1].name")],
        id="extension-twice",
    ),
    pytest.param(
        [(("adult", "interpreter_needed"), "false")],
        [("SHAPE-TYPE", "$.adult.interpreter_needed")],
        id="bool-as-string",
    ),
    pytest.param(
        [(("adult", "interpreter_needed"), 1)], [("SHAPE-TYPE", "$.adult.interpreter_needed")], id="bool-as-number"
    ),
    pytest.param([(("team",), 5)], [("SHAPE-TYPE", "$.team")], id="number-for-text"),
    pytest.param([(("team",), 1.5)], [("SHAPE-TYPE", "$.team")], id="float-for-text"),
    pytest.param([(("team",), {"t": _C})], [("SHAPE-TYPE", "$.team")], id="object-for-text"),
    pytest.param([(("team",), [_C])], [("SHAPE-TYPE", "$.team")], id="list-for-text"),
    pytest.param([(("team",), "   ")], [("SHAPE-EMPTY", "$.team")], id="blank-text"),
    pytest.param([(("team",), _C * 3000)], [("SHAPE-TOO-LONG", "$.team")], id="too-long-text"),
    pytest.param(
        [(("risks", 0, "type_of_risk"), "Physical Abuse")],
        [("SHAPE-CODE", "$.risks[0].type_of_risk")],
        id="label-for-code",
    ),
    pytest.param([(("stage",), _C)], [("SHAPE-CODE", "$.stage")], id="unknown-code"),
    pytest.param([(("stage",), 3)], [("SHAPE-CODE", "$.stage")], id="number-for-code"),
    pytest.param(
        [(("history", 0, "to_stage"), "Closed")], [("SHAPE-CODE", "$.history[0].to_stage")], id="nested-label-for-code"
    ),
    pytest.param([(("favourite_colour",), _C)], [("SHAPE-EXTRA", "$.favourite_colour")], id="unknown-key"),
    pytest.param([(("adult", "nickname"), _C)], [("SHAPE-EXTRA", "$.adult.nickname")], id="unknown-nested-key"),
    pytest.param([(("desired_outcomes",), _C)], [("SHAPE-TYPE", "$.desired_outcomes")], id="string-for-list"),
    pytest.param(
        [(("capacity_decisions", 0, "practicable_steps"), _C)],
        [("SHAPE-TYPE", "$.capacity_decisions[0].practicable_steps")],
        id="string-for-list-of-text",
    ),
    pytest.param(
        [(("capacity_decisions", 0, "practicable_steps"), ["ok", 5])],
        [("SHAPE-TYPE", "$.capacity_decisions[0].practicable_steps[1]")],
        id="number-in-list-of-text",
    ),
    pytest.param([(("adult",), _C)], [("SHAPE-TYPE", "$.adult")], id="string-for-record"),
    pytest.param([(("adult",), None)], [("SHAPE-TYPE", "$.adult")], id="null-for-required-record"),
    pytest.param([(("risks", 1), _C)], [("SHAPE-TYPE", "$.risks[1]")], id="string-for-list-item"),
    pytest.param([(("adult", "strengths"), [[_C]])], [("SHAPE-TYPE", "$.adult.strengths[0]")], id="list-for-list-item"),
    pytest.param([(("received_on",), DELETE)], [("SHAPE-MISSING", "$.received_on")], id="missing-required"),
    pytest.param(
        [(("desired_outcomes", 1, "in_own_words"), DELETE)],
        [("SHAPE-MISSING", "$.desired_outcomes[1].in_own_words")],
        id="missing-required-nested",
    ),
    pytest.param(
        [(("desired_outcomes", 1, "recorded_on"), "2025-02-30")],
        [("SHAPE-DATE", "$.desired_outcomes[1].recorded_on")],
        id="impossible-date",
    ),
    pytest.param([(("received_on",), "01/02/2025")], [("SHAPE-DATE", "$.received_on")], id="uk-date-in-strict-mode"),
    pytest.param([(("received_on",), None)], [("SHAPE-DATE", "$.received_on")], id="null-required-date"),
    pytest.param(
        [(("history", 0, "at"), "2025-01-10T09:00:00")], [("SHAPE-DATETIME", "$.history[0].at")], id="naive-datetime"
    ),
    pytest.param([(("history", 0, "at"), _C)], [("SHAPE-DATETIME", "$.history[0].at")], id="not-a-datetime"),
    pytest.param([(("adult", "adult_id"), "CANARY 9f3")], [("SHAPE-ID", "$.adult.adult_id")], id="id-with-space"),
    pytest.param([(("adult", "adult_id"), 5)], [("SHAPE-TYPE", "$.adult.adult_id")], id="number-for-id"),
    pytest.param(
        [(("adult", "date_of_death"), "1949-01-01")],
        [("SHAPE-DATE-ORDER", "$.adult.date_of_death")],
        id="death-before-birth",
    ),
    pytest.param(
        [(("adult", "date_of_birth"), "2025-06-01")],
        [("SHAPE-DATE-ORDER", "$.received_on")],
        id="received-before-birth",
    ),
    pytest.param(
        [(("enquiry", "concluded_on"), "2025-01-13")],
        [("SHAPE-DATE-ORDER", "$.enquiry.concluded_on")],
        id="concluded-before-started",
    ),
    pytest.param(
        [(("contact", "seen_alone_on"), "2025-01-09")],
        [("SHAPE-DATE-ORDER", "$.contact.seen_alone_on")],
        id="seen-alone-before-received",
    ),
    pytest.param(
        [(("decision", "decided_on"), "2025-01-09")],
        [("SHAPE-DATE-ORDER", "$.decision.decided_on")],
        id="decision-before-received",
    ),
    pytest.param(
        [(("closure", "closed_on"), "2025-02-28")],
        [("SHAPE-DATE-ORDER", "$.closure.closed_on")],
        id="closed-before-concluded",
    ),
    pytest.param(
        [(("enquiry", "enquiry_type"), "other")],
        [("SHAPE-CONFLICT", "$.enquiry.enquiry_type")],
        id="type-contradicts-route",
    ),
    pytest.param(
        [(("risks", 0, "source_detail"), "unknown_stranger")],
        [("SHAPE-CONFLICT", "$.risks[0].source_detail")],
        id="detail-not-under-source",
    ),
    pytest.param(
        [
            (("adult", "primary_support_reason"), "physical"),
            (("adult", "primary_support_reason_detail"), "mental_health"),
        ],
        [("SHAPE-CONFLICT", "$.adult.primary_support_reason_detail")],
        id="psr-detail-not-under-psr",
    ),
    pytest.param(
        [(("plan", "reviewed_on"), ["2025-02-01", "2025-01-19"])],
        [("SHAPE-DATE-ORDER", "$.plan.reviewed_on[1]")],
        id="reviewed-before-agreed",
    ),
    pytest.param(
        [(("capacity_decisions", 0, "best_interests", "decided_on"), "2025-01-14")],
        [("SHAPE-DATE-ORDER", "$.capacity_decisions[0].best_interests.decided_on")],
        id="best-interests-before-assessment",
    ),
    pytest.param([(("schema_version",), DELETE)], [("SHAPE-SCHEMA", "$.schema_version")], id="no-schema-version"),
    pytest.param([(("schema_version",), "1")], [("SHAPE-SCHEMA", "$.schema_version")], id="string-schema-version"),
    pytest.param(
        [
            (("received_on",), "10/01/2025"),
            (("team",), 5),
            (("risks",), _C),
            (("notes",), _C),
        ],
        [
            ("SHAPE-DATE", "$.received_on"),
            ("SHAPE-TYPE", "$.team"),
            ("SHAPE-TYPE", "$.risks"),
            ("SHAPE-EXTRA", "$.notes"),
        ],
        id="four-problems-at-once",
    ),
    pytest.param(
        [
            (("desired_outcomes", 0, "expressed_by"), _C),
            (("desired_outcomes", 1, "recorded_on"), _C),
            (("adult", "strengths", 0, "kind"), _C),
            (("history", 0, "actor", "user_id"), 7),
            (("plan", "actions", 0, "due_on"), "2025-02-30"),
        ],
        [
            ("SHAPE-CODE", "$.desired_outcomes[0].expressed_by"),
            ("SHAPE-DATE", "$.desired_outcomes[1].recorded_on"),
            ("SHAPE-CODE", "$.adult.strengths[0].kind"),
            ("SHAPE-TYPE", "$.history[0].actor.user_id"),
            ("SHAPE-DATE", "$.plan.actions[0].due_on"),
        ],
        id="problems-at-several-depths",
    ),
]


class TestMalformedCorpus:
    """Each malformed record gives exactly its problems, the same from dicts and JSON, echoing no value."""

    def test_corpus_reaches_every_problem_a_record_can_have(self):
        """Every SHAPE- code the library emits is in the corpus, except those about files, lines and CSV cells
        (never raised by from_dict) and the catch-all SHAPE-INVALID."""
        emitted: set[str] = set()
        for path in (Path(msp.__file__).parent).rglob("*.py"):
            emitted.update(re.findall(r'"(SHAPE-[A-Z-]*[A-Z])"', path.read_text(encoding="utf-8")))
        not_from_records = {"SHAPE-JSON", "SHAPE-ENCODING", "SHAPE-CSV", "SHAPE-COLUMN", "SHAPE-INVALID"}
        reached = {code for param in MALFORMED for code, _ in param.values[1]}
        assert reached == emitted - not_from_records

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_exact_problems_are_reported(self, changes, expected):
        _, found = _problems(_edit(BASE, *changes))
        assert sorted(found) == sorted(expected)
        assert len(found) == len(expected)

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_no_message_echoes_the_value(self, changes, expected):
        exc, _ = _problems(_edit(BASE, *changes))
        _assert_no_canary(exc)

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_from_json_reports_the_same_problems(self, changes, expected):
        with pytest.raises(InvalidRecord) as info:
            from_json(json.dumps(_edit(BASE, *changes)))
        assert sorted((p.code, p.path) for p in info.value.problems) == sorted(expected)

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_record_id_is_read_where_possible(self, changes, expected):
        exc, _ = _problems(_edit(BASE, *changes))
        assert exc.record_id == "C-0001"

    def test_four_distinct_errors_give_four_problems(self):
        exc, found = _problems(
            _edit(BASE, (("received_on",), "2025-02-30"), (("team",), 5), (("stage",), "Closed"), (("zz",), 1))
        )
        assert len(exc.problems) == 4
        assert {code for code, _ in found} == {"SHAPE-DATE", "SHAPE-TYPE", "SHAPE-CODE", "SHAPE-EXTRA"}
        assert str(exc).startswith("record C-0001: 4 problems: ")

    def test_invalid_id_is_not_used_as_record_id(self):
        exc, found = _problems(_edit(BASE, (("concern_id",), "has space")))
        assert found == [("SHAPE-ID", "$.concern_id")]
        assert exc.record_id is None


# -- no traceback escapes --------------------------------------------------------------

_json_values = json_values(CANARY, infinity=True)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _read_or_problems(read: Callable[[], object]) -> tuple[Problem, ...]:
    """Run ``read``: a Concern means no problems; InvalidRecord (with at least one
    problem) gives its problems; any other exception fails the test."""
    try:
        record = read()
    except InvalidRecord as exc:
        problems = exc.problems
    else:
        assert isinstance(record, Concern)
        return ()
    assert problems
    return problems


class TestNoTracebackEscapes:
    """Any value anywhere, or any key removed, gives a record or InvalidRecord: never another exception."""

    @given(concern=concerns(), data=st.data())
    def test_any_value_anywhere_gives_a_record_or_invalid_record(self, concern, data):
        original = to_dict(concern)
        path = data.draw(st.sampled_from(_paths(original)))
        value = data.draw(_json_values)
        broken = _edit(original, (path, value))
        problems = _read_or_problems(lambda: from_dict(broken))
        assert all(p.path.startswith("$") for p in problems)
        assert all(CANARY not in p.message for p in problems)

    @given(concern=concerns(), data=st.data())
    def test_deleting_any_key_gives_a_record_or_invalid_record(self, concern, data):
        original = to_dict(concern)
        keyed = [p for p in _paths(original) if isinstance(p[-1], str)]
        path = data.draw(st.sampled_from(keyed))
        problems = _read_or_problems(lambda: from_dict(_edit(original, (path, DELETE))))
        assert all(p.path.startswith("$") for p in problems)

    @given(_json_values)
    def test_arbitrary_json_is_never_a_crash(self, value):
        problems = _read_or_problems(lambda: from_json(json.dumps(value)))
        assert all(p.path.startswith("$") for p in problems)


class TestInvalidRecordPickles:
    """InvalidRecord pickles with its problems and record id, and is a ValueError and an MspError."""

    def test_pickle_keeps_problems_and_record_id(self):
        exc, _ = _problems(_edit(BASE, (("team",), 5), (("stage",), "x")))
        restored = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own data
        assert type(restored) is InvalidRecord
        assert restored.problems == exc.problems
        assert restored.record_id == "C-0001"
        assert str(restored) == str(exc)

    def test_pickle_without_record_id(self):
        exc = InvalidRecord([Problem(code="SHAPE-TYPE", path="$", message="expected an object")])
        restored = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own data
        assert restored.problems == exc.problems
        assert restored.record_id is None

    def test_invalid_record_is_a_value_error_and_an_msp_error(self):
        exc, _ = _problems(_edit(BASE, (("team",), 5)))
        assert isinstance(exc, ValueError)
        assert isinstance(exc, msp.MspError)


class TestLenientConverter:
    """The lenient converter reads spreadsheet dates, labels and yes/no, and still refuses what is unclear."""

    conv = make_converter(lenient=True)

    def _base(self, **changes: Any) -> dict[str, Any]:
        data = _edit(BASE, (("schema_version",), DELETE))
        data.update(changes)
        return data

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("03/04/2025", date(2025, 4, 3)),
            ("3/4/2025", date(2025, 4, 3)),
            ("10/01/2025", date(2025, 1, 10)),
            ("2025-01-10", date(2025, 1, 10)),
            ("10 January 2025", date(2025, 1, 10)),
        ],
    )
    def test_dates_are_read_day_first(self, text, expected):
        data = {"concern_id": "C1", "adult": {"adult_id": "A1", "date_of_death": text}, "received_on": text}
        concern = self.conv.structure(data, Concern)
        assert concern.received_on == expected
        assert concern.adult.date_of_death == expected

    def test_impossible_uk_date_is_refused(self):
        with pytest.raises(Exception) as info:
            self.conv.structure(self._base(received_on="31/02/2025"), Concern)
        found = [(p.code, p.path) for p in problems_from_exception(info.value)]
        assert found == [("SHAPE-DATE", "$.received_on")]

    @pytest.mark.parametrize("text", ["5", "05/06", "June 2025", "2025", "31", "3/4/40", "10 January 25"])
    def test_partial_date_is_refused_not_completed(self, text):
        """dateutil fills a missing part from a default; a date missing a part is refused instead."""
        with pytest.raises(Exception) as info:
            self.conv.structure(self._base(received_on=text), Concern)
        problems = problems_from_exception(info.value)
        assert [(p.code, p.path) for p in problems] == [("SHAPE-DATE", "$.received_on")]
        assert "full date" in problems[0].message

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2024/04/03", date(2024, 4, 3)),
            ("2024.4.3", date(2024, 4, 3)),
            ("03-04-2024", date(2024, 4, 3)),
            ("03.04.2024", date(2024, 4, 3)),
            ("29/02/2024", date(2024, 2, 29)),
            ("03/04/2024 00:00", date(2024, 4, 3)),
        ],
    )
    def test_numeric_dates_have_one_reading(self, text, expected):
        assert self.conv.structure(self._base(received_on=text), Concern).received_on == expected

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("12/31/2025", "day first"),
            ("29/02/2025", "real calendar date"),
            ("00/04/2025", "real calendar date"),
        ],
    )
    def test_month_first_and_impossible_numeric_dates_are_refused(self, text, message):
        with pytest.raises(Exception) as info:
            self.conv.structure(self._base(received_on=text), Concern)
        problems = problems_from_exception(info.value)
        assert [(p.code, p.path) for p in problems] == [("SHAPE-DATE", "$.received_on")]
        assert message in problems[0].message

    def test_date_with_a_time_is_refused(self):
        with pytest.raises(Exception) as info:
            self.conv.structure(self._base(received_on="10/01/2025 10:00"), Concern)
        assert [p.code for p in problems_from_exception(info.value)] == ["SHAPE-DATE"]

    def test_labels_are_accepted_as_well_as_codes(self):
        data = self._base()
        data["risks"] = [
            {"type_of_risk": "Physical Abuse", "location": "own home", "source": "Other - Known to individual"},
            {"type_of_risk": "self_neglect"},
        ]
        data["stage"] = "Closed"
        concern = self.conv.structure(data, Concern)
        assert concern.risks[0].type_of_risk is TypeOfRisk.PHYSICAL_ABUSE
        assert concern.risks[0].location is LocationOfRisk.OWN_HOME
        assert concern.risks[0].source is SourceOfRisk.KNOWN_TO_INDIVIDUAL
        assert concern.risks[1].type_of_risk is TypeOfRisk.SELF_NEGLECT
        assert concern.stage is CaseStage.CLOSED

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("yes", True),
            ("Yes", True),
            ("Y", True),
            ("true", True),
            ("1", True),
            ("no", False),
            ("N", False),
            ("0", False),
        ],
    )
    def test_yes_no_booleans(self, text, expected):
        data = self._base()
        data["contact"] = {"spoken_to": text}
        assert self.conv.structure(data, Concern).contact.spoken_to is expected

    def test_unclear_boolean_is_refused(self):
        data = self._base()
        data["contact"] = {"spoken_to": "maybe"}
        with pytest.raises(Exception) as info:
            self.conv.structure(data, Concern)
        assert [(p.code, p.path) for p in problems_from_exception(info.value)] == [
            ("SHAPE-TYPE", "$.contact.spoken_to")
        ]

    def test_unknown_label_is_still_refused(self):
        data = self._base()
        data["stage"] = "Nearly done"
        with pytest.raises(Exception) as info:
            self.conv.structure(data, Concern)
        assert [(p.code, p.path) for p in problems_from_exception(info.value)] == [("SHAPE-CODE", "$.stage")]

    def test_spreadsheet_datetime_without_offset_is_utc(self):
        data = self._base()
        data["history"] = [{"to_stage": "closed", "at": "10/01/2025 09:30", "actor": {"role": "sw", "user_id": "u1"}}]
        assert self.conv.structure(data, Concern).history[0].at == datetime(2025, 1, 10, 9, 30, tzinfo=timezone.utc)

    def test_from_dict_lenient_reads_spreadsheet_values(self):
        data = self._base(received_on="03/01/2025")
        data["contact"] = {"spoken_to": "Yes"}
        data["schema_version"] = SCHEMA_VERSION
        concern = from_dict(data, lenient=True)
        assert concern.received_on == date(2025, 1, 3)
        assert concern.contact.spoken_to is True
        with pytest.raises(InvalidRecord):
            from_dict(data)

    def test_from_dict_lenient_gives_located_problems_not_cattrs_errors(self):
        data = self._base(received_on="12/31/2025")
        data["contact"] = {"spoken_to": "maybe"}
        with pytest.raises(InvalidRecord) as info:
            from_dict(data, lenient=True)
        assert sorted((p.code, p.path) for p in info.value.problems) == [
            ("SHAPE-DATE", "$.received_on"),
            ("SHAPE-SCHEMA", "$.schema_version"),
            ("SHAPE-TYPE", "$.contact.spoken_to"),
        ]
        assert info.value.record_id == data["concern_id"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("10/01/2025 09:30", datetime(2025, 1, 10, 9, 30, tzinfo=timezone.utc)),
            ("2025/01/10 09:30", datetime(2025, 1, 10, 9, 30, tzinfo=timezone.utc)),
            ("10 January 2025 09:30", datetime(2025, 1, 10, 9, 30, tzinfo=timezone.utc)),
            ("10/01/2025", datetime(2025, 1, 10, tzinfo=timezone.utc)),
            ("2025-01-10T09:30:00Z", datetime(2025, 1, 10, 9, 30, tzinfo=timezone.utc)),
        ],
    )
    def test_spreadsheet_datetimes_follow_the_date_rules(self, text, expected):
        data = self._base()
        data["history"] = [{"to_stage": "closed", "at": text, "actor": {"role": "sw", "user_id": "u1"}}]
        assert self.conv.structure(data, Concern).history[0].at == expected

    @pytest.mark.parametrize(
        "text",
        ["10:30", "12/31/2025 09:30", "10/01/25 09:30", "January 2025 09:30", "10/01/2025 2030", "31/02/2025 10:00"],
    )
    def test_spreadsheet_datetimes_with_a_guessed_date_are_refused(self, text):
        """No date part filled in from today, a default, or a month-first or two-digit-year reading."""
        data = self._base()
        data["history"] = [{"to_stage": "closed", "at": text, "actor": {"role": "sw", "user_id": "u1"}}]
        with pytest.raises(Exception) as info:
            self.conv.structure(data, Concern)
        assert [(p.code, p.path) for p in problems_from_exception(info.value)] == [
            ("SHAPE-DATETIME", "$.history[0].at")
        ]

    def test_strict_converter_still_refuses_what_lenient_accepts(self):
        strict = make_converter()
        data = self._base(received_on="10/01/2025")
        with pytest.raises(Exception) as info:
            strict.structure(data, Concern)
        assert [p.code for p in problems_from_exception(info.value)] == ["SHAPE-DATE"]

    def test_lenient_record_round_trips_through_strict_json(self):
        concern = self.conv.structure(self._base(received_on="10/01/2025"), Concern)
        assert from_json(to_json(concern)) == concern == from_dict(BASE)


class TestProblemsFromException:
    """problems_from_exception turns any exception into located problems naming no value."""

    def test_unknown_exception_names_only_its_type(self):
        problems = problems_from_exception(RuntimeError(CANARY))
        assert problems == [Problem(code="SHAPE-INVALID", path="$", message="could not be read (RuntimeError)")]

    def test_key_error_is_a_missing_field(self):
        assert problems_from_exception(KeyError("x"), "$.adult") == [
            Problem(code="SHAPE-MISSING", path="$.adult", message="required field is missing")
        ]

    def test_capacity_decision_directly(self):
        with pytest.raises(InvalidRecord) as info:
            from_dict({"schema_version": SCHEMA_VERSION, "decision_id": "CD 1"}, CapacityDecision)
        assert [(p.code, p.path) for p in info.value.problems] == [("SHAPE-ID", "$.decision_id")]
        assert info.value.record_id is None


# -- SHAPE-CODE: the list named as a person would, the value only where it is a slip ------------------


def _osa(a: str, b: str) -> int:
    """The optimal-string-alignment distance, written plainly: the reference the library's is held to."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _code_message(path: tuple[Any, ...], value: object) -> str:
    """The one SHAPE-CODE message from_dict gives for ``value`` at ``path`` of BASE."""
    exc, found = _problems(_edit(BASE, (path, value)))
    assert [code for code, _ in found] == ["SHAPE-CODE"]
    return exc.problems[0].message


@st.composite
def _slips(draw: st.DrawFn, cls: type[msp.codes.CodeList]) -> str:
    """A code or label of ``cls`` with up to four characters inserted, deleted, changed or swapped."""
    text = draw(st.sampled_from([t for m in cls for t in (m.code, m.label)]))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "change", "swap"]))
        char = draw(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")))
        if kind == "insert":
            text = text[:at] + char + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + 1 :]
        elif kind == "change":
            text = text[:at] + char + text[at + 1 :]
        elif at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text


FICTIONAL_NAMES = ["Margaret Thornton", "Jo", "Ng", "Al", "Ann", "Mae", "Mary", "Eve", "Zoë Quux", CANARY, "Flat 2"]
"""Values a mis-mapped column might hold: none is ever shown, whatever the list."""


class TestCodeListNames:
    """A code list is named as a person would say it, from its class name."""

    @pytest.mark.parametrize(
        ("cls", "name"),
        [
            (TypeOfRisk, "Type of risk"),
            (msp.codes.MspAsked, "MSP asked"),
            (msp.codes.NhsGenderIdentity, "NHS gender identity"),
            (msp.codes.SacEthnicity, "SAC ethnicity"),
            (msp.codes.Census2021EthnicGroup, "Census 2021 ethnic group"),
            (msp.codes.Relationship, "Relationship"),
            (msp.codes.ActionTakenAndResult, "Action taken and result"),
        ],
    )
    def test_names(self, cls, name):
        assert list_name(cls) == name

    def test_every_list_is_named_in_words(self):
        for cls in msp.codes._code_lists():
            name = list_name(cls)
            assert not re.search(r"[a-z][A-Z]", name), name  # no CamelCase left
            assert name[0].isupper()
            assert name.replace(" ", "").casefold() == cls.__name__.casefold()


class TestCodeMessages:
    """SHAPE-CODE names the list; the value and the nearest codes only where the value is a slip for a code."""

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (
                ("msp_asked",),
                "asked_expresed",
                "not a code of the list 'MSP asked': got 'asked_expresed'; did you mean 'asked_expressed'?",
            ),
            (("stage",), "colsed", "not a code of the list 'Case stage': got 'colsed'; did you mean 'closed'?"),
            (("stage",), "CLOSED", "not a code of the list 'Case stage': got 'CLOSED'; did you mean 'closed'?"),
            (
                ("risks", 0, "type_of_risk"),
                "Physical Abuse",
                "not a code of the list 'Type of risk': got 'Physical Abuse'; did you mean 'physical_abuse'?",
            ),
            (
                ("risks", 0, "type_of_risk"),
                "phsyical abuse",
                "not a code of the list 'Type of risk': got 'phsyical abuse'; did you mean 'physical_abuse'?",
            ),
            (
                ("adult", "gender_identity"),
                1,
                "not a code of the list 'NHS gender identity': got 1; did you mean '1'?",
            ),
        ],
        ids=["typo", "transposed", "case", "label", "label-typo", "number"],
    )
    def test_a_slip_shows_the_value_and_the_nearest_code(self, path, value, message):
        assert _code_message(path, value) == message

    @pytest.mark.parametrize(
        ("path", "value", "name"),
        [
            (("stage",), "pending_review", "Case stage"),
            (("stage",), 3, "Case stage"),
            (("risks", 0, "type_of_risk"), "verbal_abuse", "Type of risk"),  # 3 edits from sexual_abuse
            (("adult", "gender_identity"), "M", "NHS gender identity"),  # 1 edit from a code of one character
            (("msp_asked",), "nO!", "MSP asked"),  # 1 edit from "no": too many for two characters
            (("stage",), True, "Case stage"),
            (("stage",), None, "Case stage"),
            (("stage",), ["closed"], "Case stage"),
        ],
    )
    def test_anything_else_names_the_list_without_the_value(self, path, value, name):
        assert _code_message(path, value) == f"not a code of the list '{name}'"

    @pytest.mark.parametrize("value", FICTIONAL_NAMES)
    @pytest.mark.parametrize(
        "path",
        [
            ("stage",),
            ("msp_asked",),
            ("adult", "gender_identity"),
            ("risks", 0, "source"),
            ("adult", "ethnic_category"),
        ],
    )
    def test_names_are_never_shown(self, path, value):
        message = _code_message(path, value)
        assert value not in message
        assert "got" not in message

    @given(st.one_of(st.text(max_size=40), _slips(LocationOfRisk)))
    def test_a_value_is_shown_only_within_two_edits_of_a_code_or_label(self, value):
        data = _edit(BASE, (("risks", 0, "location"), value))
        try:
            from_dict(data)
        except InvalidRecord as exc:
            (problem,) = exc.problems
            if problem.message == "not a code of the list 'Location of risk'":
                event("hidden")
                return
            event("shown")
            given = value.strip().casefold()
            assert repr(value) in problem.message
            texts = [t.casefold() for m in LocationOfRisk for t in (m.code, m.label)]
            assert min(_osa(given, t) for t in texts) <= 2
            assert len(value.strip()) <= max(len(t) for t in texts) + 2
        else:
            assert value in LocationOfRisk.codes()

    def test_a_member_given_to_from_dict(self):
        message = _code_message(("msp_asked",), msp.codes.MspAsked.NO)
        assert message == "not a code of the list 'MSP asked': got the member MspAsked.NO: a dict holds its code, 'no'"
        other = _code_message(("msp_asked",), TypeOfRisk.SELF_NEGLECT)
        assert other == "not a code of the list 'MSP asked': got a member of another list, TypeOfRisk"

    def test_lenient_reading_gives_the_same_message(self):
        for value in ("asked_expresed", "Margaret Thornton"):
            with pytest.raises(InvalidRecord) as info:
                from_dict(_edit(BASE, (("msp_asked",), value)), lenient=True)
            assert info.value.problems[0].message == _code_message(("msp_asked",), value)


class TestPythonValuesInDicts:
    """from_dict reads JSON-like data: a Python date, a code's member or a set is refused, saying what to write."""

    def test_a_date_object(self):
        exc, found = _problems(_edit(BASE, (("received_on",), date(2025, 1, 10))))
        assert found == [("SHAPE-DATE", "$.received_on")]
        assert (
            exc.problems[0].message == "got a datetime.date: a dict holds a date as text YYYY-MM-DD (date.isoformat())"
        )

    def test_a_datetime_object_for_a_date(self):
        exc, _ = _problems(_edit(BASE, (("received_on",), datetime(2025, 1, 10, tzinfo=timezone.utc))))
        assert exc.problems[0].message.startswith("got a datetime.datetime:")

    def test_a_set_for_a_list(self):
        exc, found = _problems(_edit(BASE, (("adult", "health_conditions"), {"ldi_aspergers"})))
        assert found == [("SHAPE-TYPE", "$.adult.health_conditions")]
        assert exc.problems[0].message == "got a set, which has no order: write a list"

    def test_a_tuple_for_a_list_is_read(self):
        data = _edit(BASE, (("adult", "health_conditions"), ("ldi_aspergers",)))
        assert from_dict(data) == from_dict(BASE)


_ROUTE_SCRIPT = """
import json, sys
if sys.argv[1] == "without-msgspec":
    sys.modules["msgspec"] = None
import msp
from msp.convert import _fast
assert _fast.AVAILABLE is (sys.argv[1] == "with-msgspec")
try:
    msp.from_json(sys.stdin.read())
except msp.InvalidRecord as exc:
    print(json.dumps([[p.code, p.path, p.message] for p in exc.problems]))
"""


class TestEveryRouteSaysTheSame:
    """from_dict, from_json with and without msgspec, the flat layout and msp validate give one SHAPE-CODE message."""

    CASES: ClassVar[list[tuple[tuple[Any, ...], str]]] = [
        (("msp_asked",), "asked_expresed"),
        (("msp_asked",), "Margaret Thornton"),
        (("risks", 0, "type_of_risk"), "phsyical_abuse"),
        (("risks", 0, "type_of_risk"), CANARY),
    ]

    @pytest.mark.parametrize(("path", "value"), CASES)
    def test_every_route(self, path, value, tmp_path):
        data = _edit(BASE, (path, value))
        expected = [(p.code, p.path, p.message) for p in _problems(data)[0].problems]
        assert [c for c, _, _ in expected] == ["SHAPE-CODE"]
        text = json.dumps(data)
        routes: dict[str, list[tuple[str, str, str]]] = {}
        for name, read in {
            "from_json": lambda: from_json(text),
            "cattrs alone": lambda: cv._from_dict_canonical(data, Concern),
            "flat layout": lambda: flat.structure(_flat_row(data)),
        }.items():
            with pytest.raises(InvalidRecord) as info:
                read()
            routes[name] = [(p.code, p.path, p.message) for p in info.value.problems]
        for mode in ("with-msgspec", "without-msgspec"):
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-c", _ROUTE_SCRIPT, mode], input=text, capture_output=True, text=True, check=True
            )
            routes[mode] = [tuple(p) for p in json.loads(done.stdout)]
        for suffix, content in (
            (".jsonl", text + "\n"),
            (".csv", _csv_text(data)),
        ):
            file = tmp_path / f"in{suffix}"
            file.write_text(content, encoding="utf-8")
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "msp", "validate", str(file)], capture_output=True, text=True, check=False
            )
            lines = [line for line in done.stdout.splitlines() if " SHAPE-CODE [error] " in line]
            assert len(lines) == 1, done.stdout + done.stderr
            where = f" {expected[0][1]} "
            routes[f"msp validate {suffix}"] = [("SHAPE-CODE", expected[0][1], lines[0].split(where, 1)[1])]
        for name, found in routes.items():
            assert found == expected, name
        if value in FICTIONAL_NAMES:
            assert all(value not in m for found in routes.values() for _, _, m in found)


def _flat_row(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` written in the flat CSV layout and read back as a row's dict (cells still text)."""
    stream = io.BufferedReader(io.BytesIO(_csv_text(data).encode()))  # type: ignore[arg-type]
    (row,) = [i for i in Reader(stream, "csv").records() if isinstance(i, RawRecord)]
    return dict(row.data)


def _csv_text(data: dict[str, Any]) -> str:
    """``data`` written in the flat CSV layout."""
    buf = io.StringIO(newline="")
    flat.write_csv([data], buf, flat.columns_for([data]))
    return buf.getvalue()
