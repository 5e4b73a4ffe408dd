"""Local extensions: definitions, the registry, values checked on every route, redaction, CSV, batches and the CLI."""

from __future__ import annotations

import csv
import gc
import io
import json
import signal
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import msp
from msp import cli
from msp.convert import flat
from msp.io import batch
from msp.model.extensions import NAME_PATTERN, extension_definition, unregister_extension
from msp.synth import generate

CANARY = "Zebedee Quuxworth"
"""A made-up personal value: it must never be printed."""

TEAM = msp.ExtensionDefinition(
    name="example-council.team",
    type=msp.ExtensionType.CODE,
    codes={"DUTY": "Duty team", "HOSP": "Hospital team"},
    personal=False,
    description="the team that holds the case",
)
SCORE = msp.ExtensionDefinition(
    name="example-council.risk-score",
    type=msp.ExtensionType.INTEGER,
    minimum=0,
    maximum=10,
    personal=False,
    description="the council's own risk score",
)
NOTE = msp.ExtensionDefinition(
    name="example-council.note", type=msp.ExtensionType.TEXT, personal=True, description="a note about the adult"
)


def _record(**extra: Any) -> dict[str, Any]:
    """A valid synthetic record (no extension values), with ``extra`` keys set."""
    for data in generate(30, seed=4):
        try:
            msp.from_dict(data)
        except msp.InvalidRecord:
            continue
        return {**data, **extra}
    raise AssertionError


def _file(tmp_path: Path, *definitions: msp.ExtensionDefinition) -> Path:
    path = tmp_path / "extensions.json"
    payload = {"msp_extensions": 1, "extensions": [d.to_dict() for d in definitions]}
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


class TestDefinitions:
    """A definition is checked when made: name, code list, bounds, description."""

    @pytest.mark.parametrize(
        "name", ["team", "Example.team", "example..team", ".team", "example.team.", "a" * 60 + ".team", "ex team.x"]
    )
    def test_names_are_namespaced_lower_case_and_short(self, name):
        with pytest.raises(msp.ExtensionError, match="namespace and a name"):
            msp.ExtensionDefinition(name=name, type=msp.ExtensionType.FLAG, personal=False, description="x")

    def test_good_names(self):
        for name in ("example-council.team", "vendor_x.module.item-2", "a.b"):
            assert NAME_PATTERN.match(name)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"type": msp.ExtensionType.CODE}, "code list is given for a code extension"),
            ({"codes": {"A": "a"}}, "code list is given for a code extension"),
            ({"type": msp.ExtensionType.CODE, "codes": {"not an id": "x"}}, "a code is an id"),
            ({"type": msp.ExtensionType.CODE, "codes": {"A": " "}}, "a code is an id"),
            ({"type": msp.ExtensionType.CODE, "codes": [("A", "a"), ("A", "b")]}, "listed twice"),
            ({"minimum": 1}, "integer extension only"),
            ({"type": msp.ExtensionType.INTEGER, "minimum": 5, "maximum": 1}, "minimum is above the maximum"),
            ({"type": msp.ExtensionType.INTEGER, "maximum": 2**53}, "within 2\\*\\*53 - 1"),
            ({"type": msp.ExtensionType.INTEGER, "maximum": 1.5}, "whole number"),
            ({"description": "  "}, "describe what it records"),
        ],
    )
    def test_bad_definitions_are_refused(self, changes, message):
        fields: dict[str, Any] = {"name": "ex.item", "type": msp.ExtensionType.TEXT, "personal": False}
        fields["description"] = "an item"
        with pytest.raises(msp.ExtensionError, match=message):
            msp.ExtensionDefinition(**{**fields, **changes})

    def test_personal_must_be_said(self):
        with pytest.raises(TypeError):
            msp.ExtensionDefinition(name="ex.item", type=msp.ExtensionType.TEXT, description="x")  # type: ignore[call-arg]

    def test_to_dict_and_from_dict_round_trip(self):
        for definition in (TEAM, SCORE, NOTE):
            assert msp.ExtensionDefinition.from_dict(definition.to_dict()) == definition
        assert TEAM.to_dict()["codes"] == {"DUTY": "Duty team", "HOSP": "Hospital team"}

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"name": "ex.a", "type": "text", "personal": False}, "needs description"),
            ({"name": "ex.a", "type": "colour", "personal": False, "description": "x"}, "type is one of"),
            ({"name": "ex.a", "type": "text", "personal": False, "description": "x", "size": 1}, "unknown keys"),
            ({"name": "ex.a", "type": "code", "personal": False, "description": "x", "codes": ["A"]}, "JSON object"),
            ({"name": "ex.a", "type": "text", "personal": "no", "description": "x"}, "wrong types"),
        ],
    )
    def test_from_dict_says_what_is_wrong(self, data, message):
        with pytest.raises(msp.ExtensionError, match=message):
            msp.ExtensionDefinition.from_dict(data)


class TestRegistry:
    """Registering is idempotent for the same definition, refused for a different one, undone by using_extensions."""

    def test_using_extensions_registers_for_the_block_only(self):
        assert extension_definition(TEAM.name) is None
        with msp.using_extensions(TEAM, SCORE) as given:
            assert given == (TEAM, SCORE)
            assert extension_definition(TEAM.name) is TEAM
            assert {TEAM, SCORE} <= set(msp.registered_extensions())
        assert extension_definition(TEAM.name) is None

    def test_the_same_definition_twice_is_one(self):
        with msp.using_extensions(TEAM):
            msp.register_extension(TEAM)
            with msp.using_extensions(TEAM):
                pass
            assert extension_definition(TEAM.name) is TEAM  # the inner block did not remove it

    def test_another_definition_of_a_name_is_refused(self):
        other = msp.ExtensionDefinition(name=TEAM.name, type=msp.ExtensionType.TEXT, personal=False, description="x")
        with msp.using_extensions(TEAM), pytest.raises(msp.ExtensionError, match="already registered"):
            msp.register_extension(other)

    def test_a_failed_block_removes_what_it_added(self):
        clash = msp.ExtensionDefinition(
            name="test-suite.team", type=msp.ExtensionType.FLAG, personal=False, description="x"
        )
        with pytest.raises(msp.ExtensionError), msp.using_extensions(SCORE, clash):
            pass
        assert extension_definition(SCORE.name) is None
        assert extension_definition("test-suite.team") is not None  # the suite's own stays

    def test_registered_extensions_are_sorted_by_name(self):
        names = [d.name for d in msp.registered_extensions()]
        assert names == sorted(names)

    def test_unregister_is_quiet_for_an_unknown_name(self):
        unregister_extension("nobody.item")


class TestLoadingAFile:
    """load_extensions reads the file format, locating what is wrong, and registers nothing."""

    def test_a_file_round_trips(self, tmp_path):
        assert msp.load_extensions(_file(tmp_path, TEAM, SCORE)) == (TEAM, SCORE)
        assert extension_definition(TEAM.name) is None

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{", "not UTF-8 JSON"),
            ('{"extensions": []}', '"msp_extensions": 1'),
            ('{"msp_extensions": 1, "extensions": {}}', '"msp_extensions": 1'),
            ('{"msp_extensions": 1, "extensions": [{"name": "ex.a"}]}', r"extensions\[0\]: a definition needs"),
            ('{"msp_extensions": 1, "extensions": [1]}', r"extensions\[0\]: a definition is a JSON object"),
        ],
    )
    def test_bad_files(self, tmp_path, content, message):
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(msp.ExtensionError, match=message):
            msp.load_extensions(path)

    def test_a_name_twice_in_a_file(self):
        data = {"msp_extensions": 1, "extensions": [TEAM.to_dict(), TEAM.to_dict()]}
        with pytest.raises(msp.ExtensionError, match=r"extensions\[1\]: example-council.team is defined twice"):
            msp.load_extensions(data)

    def test_a_missing_file(self, tmp_path):
        with pytest.raises(msp.ExtensionError, match="could not be read"):
            msp.load_extensions(tmp_path / "none.json")


class TestValues:
    """A value is checked against its definition when built, on every route, and read back the same."""

    @pytest.mark.parametrize(
        ("slot", "value"),
        [("code", "DUTY"), ("integer", 0), ("integer", 10), ("text", "Lives with a friend (fictional)")],
    )
    def test_good_values_on_every_route(self, slot, value):
        name = {"code": TEAM, "integer": SCORE, "text": NOTE}[slot].name
        data = _record(extensions=[{"name": name, slot: value}])
        with msp.using_extensions(TEAM, SCORE, NOTE):
            concern = msp.from_dict(data)
            assert concern.extension(name) == value
            assert msp.from_json(json.dumps(data)) == concern
            assert msp.from_dict(data, lenient=True) == concern
            assert msp.to_dict(concern)["extensions"] == [{"name": name, slot: value}]

    def test_every_type_round_trips(self):
        values = {
            "test-suite.team": ("code", "LD"),
            "test-suite.risk-score": ("integer", 3),
            "test-suite.reference": ("identifier", "LCS-000123"),
            "test-suite.note": ("text", "A note (fictional)"),
            "test-suite.out-of-area": ("flag", False),
            "test-suite.reviewed-on": ("day", "2025-06-01"),
        }
        data = _record(extensions=[{"name": n, slot: v} for n, (slot, v) in values.items()])
        concern = msp.from_json(json.dumps(data))
        assert concern.extension("test-suite.reviewed-on") == date(2025, 6, 1)
        assert concern.extension("test-suite.out-of-area") is False
        assert concern.extension("test-suite.nothing") is None
        assert json.loads(msp.to_json(concern))["extensions"] == data["extensions"]

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ({"name": "example-council.risk-score", "integer": "8"}, ("SHAPE-TYPE", "$.extensions[0].integer")),
            ({"name": "example-council.risk-score", "integer": True}, ("SHAPE-TYPE", "$.extensions[0].integer")),
            ({"name": "example-council.risk-score", "integer": -1}, ("SHAPE-RANGE", "$.extensions[0].integer")),
            ({"name": "example-council.team", "code": "dUTY"}, ("SHAPE-CODE", "$.extensions[0].code")),
            ({"name": "example-council.team", "code": "DUTY", "colour": 1}, ("SHAPE-EXTRA", "$.extensions[0].colour")),
            ({"name": "example-council.note", "text": " "}, ("SHAPE-EMPTY", "$.extensions[0].text")),
            ({"name": "Example.Team", "code": "DUTY"}, ("SHAPE-EXTENSION", "$.extensions[0].name")),
            ({"code": "DUTY"}, ("SHAPE-MISSING", "$.extensions[0].name")),
        ],
    )
    def test_bad_values_are_located_the_same_on_every_route(self, value, expected):
        data = _record(extensions=[value])
        with msp.using_extensions(TEAM, SCORE, NOTE):
            for read in (lambda: msp.from_dict(data), lambda: msp.from_json(json.dumps(data))):
                with pytest.raises(msp.InvalidRecord) as caught:
                    read()
                assert [(p.code, p.path) for p in caught.value.problems] == [expected]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("dUTY", "not a code of the extension's code list: got 'dUTY'; did you mean 'DUTY'?"),
            ("hospital team", "not a code of the extension's code list: got 'hospital team'; did you mean 'HOSP'?"),
            ("Hospital tem", "not a code of the extension's code list: got 'Hospital tem'; did you mean 'HOSP'?"),
            ("HOPS", "not a code of the extension's code list"),
            (CANARY, "not a code of the extension's code list"),
        ],
    )
    def test_a_code_not_on_the_list_is_shown_only_where_it_is_a_slip(self, value, message):
        data = _record(extensions=[{"name": "example-council.team", "code": value}])
        with msp.using_extensions(TEAM):
            for read in (lambda: msp.from_dict(data), lambda: msp.from_json(json.dumps(data))):
                with pytest.raises(msp.InvalidRecord) as caught:
                    read()
                assert [p.message for p in caught.value.problems] == [message]

    def test_no_message_carries_the_value(self):
        data = _record(extensions=[{"name": "example-council.team", "text": CANARY}])
        with msp.using_extensions(TEAM), pytest.raises(msp.InvalidRecord) as caught:
            msp.from_dict(data)
        assert CANARY not in str(caught.value)
        assert CANARY not in repr(caught.value.problems)

    def test_built_in_python_too(self):
        with msp.using_extensions(SCORE):
            assert msp.Extension(name=SCORE.name, integer=4).value == 4
            assert msp.Extension(name=SCORE.name, integer=4).definition is SCORE
            with pytest.raises(msp.InvalidRecord, match="SHAPE-MISSING"):
                msp.Extension(name=SCORE.name)
        with pytest.raises(msp.InvalidRecord, match="SHAPE-EXTENSION"):
            msp.Extension(name=SCORE.name, integer=4)

    def test_one_value_per_extension(self):
        data = _record(extensions=[{"name": TEAM.name, "code": "DUTY"}, {"name": TEAM.name, "code": "HOSP"}])
        with msp.using_extensions(TEAM), pytest.raises(msp.InvalidRecord) as caught:
            msp.from_json(json.dumps(data))
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-CONFLICT", "$.extensions[1].name")]


class TestPrivacy:
    """redact drops the values of personal extensions and keeps the others."""

    def test_redact(self):
        data = _record(
            extensions=[{"name": NOTE.name, "text": CANARY}, {"name": TEAM.name, "code": "HOSP"}],
        )
        with msp.using_extensions(TEAM, NOTE):
            redacted = msp.redact(msp.from_dict(data))
            assert [e.name for e in redacted.extensions] == [TEAM.name]
            assert CANARY not in msp.to_json(redacted)


class TestFlatLayout:
    """A registered extension has a column; labels are read as codes; a mapping file maps a column to it."""

    def test_layout_lists_registered_extensions(self):
        with msp.using_extensions(TEAM, SCORE):
            columns = {c.name: c for c in flat.layout()}
        assert columns["extensions.example-council.risk-score"].takes == "a whole number from 0 to 10"
        assert "label" in columns["extensions.example-council.team"].takes
        assert "extensions.example-council.team" not in {c.name for c in flat.layout()}

    def test_a_mapped_extract_is_read(self, tmp_path):
        mapping = {
            "msp_mapping": 1,
            "columns": {
                "Team": "extensions.example-council.team",
                "Risk score": "extensions.example-council.risk-score",
            },
        }
        (tmp_path / "map.json").write_text(json.dumps(mapping), encoding="utf-8")
        rows = [
            "concern_id,adult.adult_id,received_on,Team,Risk score",
            "C-1,A-1,2025-05-01,Hospital team, 7 ",
            "C-2,A-2,2025-05-02,DUTY,",
            "C-3,A-3,2025-05-03,Night team,eleven",
        ]
        path = tmp_path / "extract.csv"
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        with msp.using_extensions(TEAM, SCORE):
            results = list(batch.validate_path(path, mapping=flat.load_mapping(tmp_path / "map.json")))
        first, second, third = results
        assert not [f for f in first.report.findings if f.code.startswith("SHAPE-")]
        assert second.report.structured
        assert sorted((f.code, f.path) for f in third.report.findings) == [
            ("SHAPE-CODE", "$.extensions[0].code"),
            ("SHAPE-TYPE", "$.extensions[1].integer"),
        ]

    def test_an_unregistered_extension_column_is_a_header_problem(self):
        plan, problems = flat.compile_header(["concern_id", "extensions.nobody.item"])
        assert [p.code for p in problems] == ["SHAPE-COLUMN"]
        assert "no registered local extension" in problems[0].message
        assert len(plan.columns) == 1

    def test_written_and_read_back(self):
        # CSV columns are in layout order, extensions by name: values in that order round-trip exactly
        data = _record(extensions=[{"name": SCORE.name, "integer": 9}, {"name": TEAM.name, "code": "HOSP"}])
        with msp.using_extensions(TEAM, SCORE):
            concern = msp.from_dict(data)
            out = io.StringIO(newline="")
            records = [msp.to_dict(concern)]
            flat.write_csv(records, out, flat.columns_for(records))
            header, row = list(csv.reader(io.StringIO(out.getvalue())))
            assert {"extensions.example-council.team", "extensions.example-council.risk-score"} <= set(header)
            plan, problems = flat.compile_header(header)
            assert problems == []
            assert flat.structure(plan.to_dict(row)) == concern


class TestBatchesAndTheCommandLine:
    """Workers know the parent's definitions; --extensions registers a file for one command; --unknown ignore."""

    def test_workers_are_given_the_definitions(self, tmp_path):
        data = _record(extensions=[{"name": SCORE.name, "integer": 2}])
        path = tmp_path / "in.jsonl"
        path.write_text("\n".join(json.dumps({**data, "concern_id": f"C-{i}"}) for i in range(40)) + "\n")
        with msp.using_extensions(SCORE):
            results = list(batch.validate_path(path, jobs=2))
        assert len(results) == 40
        assert all(r.report.structured for r in results)

    def test_a_worker_registers_what_its_context_carries(self):
        context = batch._Context(msp.rules.resolve_rules(None), None, extensions=(SCORE,))
        try:
            batch._init_worker(context)
            assert extension_definition(SCORE.name) is SCORE
        finally:
            unregister_extension(SCORE.name)
            gc.unfreeze()
            signal.signal(signal.SIGINT, signal.default_int_handler)

    def test_validate_with_and_without_the_file(self, tmp_path, capsys):
        data = _record(extensions=[{"name": TEAM.name, "code": "HOSP"}])
        path = tmp_path / "in.jsonl"
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
        definitions = _file(tmp_path, TEAM)
        code = cli.main(["validate", str(path), "--report", "json", "--extensions", str(definitions), "-q"])
        out, _ = capsys.readouterr()
        assert "SHAPE-EXTENSION" not in out
        assert code in (0, 1)
        cli.main(["validate", str(path), "--report", "json", "-q"])
        out, _ = capsys.readouterr()
        assert "SHAPE-EXTENSION" in out
        assert extension_definition(TEAM.name) is None  # registered for the command only

    def test_a_bad_file_exits_2_with_a_reason(self, tmp_path, capsys):
        bad = tmp_path / "bad.json"
        bad.write_text('{"msp_extensions": 2}', encoding="utf-8")
        code = cli.main(["schema", "--extensions", str(bad)])
        _, err = capsys.readouterr()
        assert code == 2
        assert err.startswith("msp schema: --extensions ")
        assert "Traceback" not in err

    def test_schema_and_layout_show_the_file(self, tmp_path, capsys):
        definitions = _file(tmp_path, TEAM, SCORE)
        assert cli.main(["schema", "--extensions", str(definitions)]) == 0
        out, _ = capsys.readouterr()
        titles = {b["title"] for b in json.loads(out)["$defs"]["Extension"]["oneOf"]}
        assert {TEAM.name, SCORE.name} <= titles
        assert cli.main(["layout", "--extensions", str(definitions)]) == 0
        out, _ = capsys.readouterr()
        assert "extensions.example-council.team" in out

    def test_unknown_ignore_reads_a_newer_record_with_a_warning(self, tmp_path, capsys):
        newer = _record(schema_version=msp.SCHEMA_VERSION + 1, colour_of_door=CANARY)
        path = tmp_path / "in.jsonl"
        path.write_text(json.dumps(newer) + "\n", encoding="utf-8")
        cli.main(["validate", str(path), "--report", "json", "-q"])
        refused, _ = capsys.readouterr()
        cli.main(["validate", str(path), "--report", "json", "-q", "--unknown", "ignore"])
        read, _ = capsys.readouterr()
        assert CANARY not in refused + read
        refused_rows = [json.loads(line) for line in refused.splitlines()]
        assert [r["severity"] for r in refused_rows if r.get("code") == "SHAPE-SCHEMA"] == ["error"]
        rows = [json.loads(line) for line in read.splitlines()]
        findings = [r for r in rows if r["type"] == "finding"]
        assert (findings[0]["code"], findings[0]["severity"]) == ("SHAPE-SCHEMA", "warning")
        assert "$.colour_of_door" in findings[0]["message"]
        assert not [r for r in findings if r["code"] == "SHAPE-EXTRA"]
        assert rows[-1]["records_checked"] == 1

    def test_validate_unknown_in_python(self):
        newer = _record(schema_version=msp.SCHEMA_VERSION + 1, colour_of_door=CANARY)
        assert [f.code for f in msp.validate(newer).findings][:1] == ["SHAPE-SCHEMA"]
        assert not msp.validate(newer).structured
        report = msp.validate(newer, unknown="ignore")
        assert report.structured
        assert report.findings[0].severity is msp.Severity.WARNING
        with pytest.raises(ValueError, match="unknown must be"):
            msp.validate(newer, unknown="drop")  # type: ignore[arg-type]


class TestOneFormOfExtensionColumns:
    """A flat file gives extension values by name or numbered, never both (a numbered item could overwrite one)."""

    def test_mixed_forms_are_a_header_problem(self):
        header = ["concern_id", "extensions.example-council.team", "extensions[0].name", "extensions[0].code"]
        with msp.using_extensions(TEAM):
            plan, problems = flat.compile_header(header)
        assert [(p.code, p.path) for p in problems] == [("SHAPE-COLUMN", "$.extensions")] * 2
        assert len(plan.columns) == 2

    def test_numbered_columns_alone_still_read(self):
        header = ["concern_id", "adult.adult_id", "received_on", "extensions[0].name", "extensions[0].code"]
        with msp.using_extensions(TEAM):
            plan, problems = flat.compile_header(header)
            assert problems == []
            concern = flat.structure(plan.to_dict(["C-1", "A-1", "2025-05-01", TEAM.name, "HOSP"]))
        assert concern.extension(TEAM.name) == "HOSP"
