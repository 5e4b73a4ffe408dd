"""msp.reports.frames: records, findings, the SAC return and the audit as typed pandas DataFrames."""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from msp import Extension, from_dict, to_dict
from msp.codes import MspAsked, TypeOfRisk
from msp.convert.flat import compile_header, flatten, layout, structure
from msp.errors import Severity
from msp.io.batch import FINDING_COLUMNS, RecordResult, finding_rows, to_dataframe, validate_path, validate_records
from msp.io.spreadsheets import ExtraNotInstalled
from msp.reports import frames
from msp.reports.audit import MEASURES, audit
from msp.reports.sac_return import sac, sac_files
from msp.synth import generate, generate_concerns

pandas = pytest.importorskip("pandas", reason="the pandas extra builds the frames")
numpy = pytest.importorskip("numpy", reason="pandas brings numpy")


@pytest.fixture(scope="module")
def concerns() -> list[Any]:
    return list(generate_concerns(120, seed=23))


@pytest.fixture(scope="module")
def results() -> list[RecordResult]:
    """Results with findings of every severity, broken records among them."""
    return list(validate_records(list(generate(80, seed=23, invalid_share=0.1))))


def _plain(frame: Any) -> list[dict[str, Any]]:
    """The frame's rows as plain Python values (``None`` for a missing one)."""
    return [
        {k: (None if pandas.isna(v) else v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")
    ]


# -- findings ------------------------------------------------------------------------------------


class TestFindings:
    """One typed row per finding, with the values finding_rows gives."""

    def test_the_rows_are_finding_rows(self, results):
        """Same columns, same values, same order as the list of dicts the CSV report writes."""
        frame = frames.findings_frame(results)
        assert list(frame.columns) == list(FINDING_COLUMNS)
        assert _plain(frame) == [row for r in results for row in finding_rows(r)]
        assert len(frame) == sum(len(r.findings) for r in results) > 0

    def test_columns_are_typed(self, results):
        """Codes and files are categories, severity ordered advice < warning < error, line Int64, text string."""
        frame = frames.findings_frame(results)
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            "file": "category",
            "line": "Int64",
            "record_id": "string",
            "path": "string",
            "code": "category",
            "severity": "category",
            "message": "string",
            "reference": "category",
        }
        severity = frame["severity"].cat
        assert severity.ordered
        assert list(severity.categories) == ["advice", "warning", "error"]
        assert frame["severity"].max() == "error"
        at_least_warnings = frame[frame["severity"] >= "warning"]
        assert set(at_least_warnings["severity"]) == {"warning", "error"}
        assert len(at_least_warnings) == sum(f.severity is not Severity.ADVICE for r in results for f in r.findings)
        assert set(frame["code"].cat.categories) == {f.code for r in results for f in r.findings}

    def test_a_line_that_could_not_be_read_has_no_record_id(self, tmp_path: Path):
        """An unreadable line: its line, <NA> for the id, SHAPE-JSON."""
        path = tmp_path / "x.jsonl"
        good = json.dumps(next(iter(generate(1, seed=3))))
        path.write_text(f"{good}\n{{not json\n", encoding="utf-8")
        frame = frames.findings_frame(validate_path(path))
        broken = frame[frame["line"] == 2]
        assert list(broken["code"]) == ["SHAPE-JSON"]
        assert broken["record_id"].isna().all()

    def test_an_empty_run_is_an_empty_typed_frame(self):
        """No findings: no rows, the same columns and types, every severity still a category."""
        frame = frames.findings_frame([])
        assert frame.shape == (0, len(FINDING_COLUMNS))
        assert str(frame["line"].dtype) == "Int64"
        assert list(frame["severity"].cat.categories) == ["advice", "warning", "error"]

    def test_to_dataframe_is_the_same_frame(self, results):
        """msp.io.batch.to_dataframe, which the findings frame is."""
        pandas.testing.assert_frame_equal(to_dataframe(results), frames.findings_frame(results))


# -- records ----------------------------------------------------------------------------------------


class TestRecords:
    """The flat layout, a row per record, each column typed as its field."""

    def test_columns_follow_the_layout_and_values_the_records(self, concerns):
        """Each non-missing cell is the record's flat value; columns in layout order."""
        frame = frames.records_frame(concerns)
        assert len(frame) == len(concerns)
        order = {c.name: n for n, c in enumerate(layout(items=100))}
        assert [order[c] for c in frame.columns] == sorted(order[c] for c in frame.columns)
        flats = [flatten(to_dict(c)) for c in concerns]
        assert set(frame.columns) == {name for f in flats for name in f}
        for n in (0, 57, len(concerns) - 1):
            row = frame.iloc[n]
            assert {name: _cell_text(row[name]) for name in frame.columns if not pandas.isna(row[name])} == flats[n]

    def test_columns_are_typed(self, concerns):
        """Codes category (the list's codes, in order), dates datetime64, yes/no boolean, numbers Int64, text string."""
        frame = frames.records_frame(concerns)
        types = {c: str(t) for c, t in frame.dtypes.items()}
        assert types["concern_id"] == "string"
        assert types["received_on"] == "datetime64[us]"
        assert types["adult.date_of_birth"] == "datetime64[us]"
        assert types["history[0].at"] == "datetime64[us, UTC]"
        assert types["schema_version"] == "Int64"
        assert types["adult.health_conditions"] == "string"  # a list in one cell, | between items
        assert types["contact.seen_alone"] == "boolean"
        assert types["msp_asked"] == "category"
        assert list(frame["msp_asked"].cat.categories) == [m.code for m in MspAsked]
        assert list(frame["risks[0].type_of_risk"].cat.categories) == [t.code for t in TypeOfRisk]
        first = concerns[0]
        assert frame.loc[0, "received_on"] == pandas.Timestamp(first.received_on)
        assert frame.loc[0, "history[0].at"] == pandas.Timestamp(first.history[0].at)
        assert frame["concern_id"].tolist() == [c.concern_id for c in concerns]

    def test_empty_fields_are_missing_not_false_or_zero(self, concerns):
        """A record without a decision: <NA> in the decision's columns, never False."""
        frame = frames.records_frame(concerns)
        undecided = [n for n, c in enumerate(concerns) if c.decision is None]
        assert undecided
        decided_columns = [c for c in frame.columns if c.startswith("decision.")]
        assert decided_columns
        assert frame.loc[undecided, decided_columns].isna().all().all()
        assert not (frame.loc[undecided, decided_columns] == False).any().any()  # noqa: E712 - <NA>, not False

    def test_personal_columns_can_be_left_out(self, concerns):
        """personal=False drops free text and dates of birth; ids, codes and dates of the work stay."""
        frame = frames.records_frame(concerns, personal=False)
        personal = {c.name for c in layout(items=100) if c.personal}
        assert not set(frame.columns) & personal
        assert "adult.date_of_birth" in personal
        assert {"concern_id", "received_on", "msp_asked"} <= set(frame.columns)
        assert len(frame.columns) < len(frames.records_frame(concerns).columns)

    def test_extension_columns_are_typed_by_their_definition(self, concerns):
        """The suite's extensions: a code list as categories, an integer Int64, a flag boolean, a date datetime64."""
        values = (
            Extension(name="test-suite.team", code="HOSP"),
            Extension(name="test-suite.risk-score", integer=7),
            Extension(name="test-suite.out-of-area", flag=True),
            Extension(name="test-suite.reviewed-on", day=date(2025, 6, 1)),
        )
        records = [attrs.evolve(concerns[0], extensions=values), concerns[1]]
        frame = frames.records_frame(records)
        assert list(frame["extensions.test-suite.team"].cat.categories) == ["DUTY", "HOSP", "LD"]
        assert frame.loc[0, "extensions.test-suite.risk-score"] == 7
        assert str(frame["extensions.test-suite.risk-score"].dtype) == "Int64"
        assert bool(frame.loc[0, "extensions.test-suite.out-of-area"]) is True
        assert pandas.isna(frame.loc[1, "extensions.test-suite.out-of-area"])
        assert frame.loc[0, "extensions.test-suite.reviewed-on"] == pandas.Timestamp(2025, 6, 1)

    def test_no_records_is_an_empty_frame(self):
        """Nothing in, nothing out."""
        assert frames.records_frame([]).shape == (0, 0)

    def test_a_frame_row_builds_the_record_again(self, concerns):
        """Read back as flat text, a row is the same record (nothing lost in the types)."""
        frame = frames.records_frame(concerns[:5])
        for n, concern in enumerate(concerns[:5]):
            row = frame.iloc[n]
            cells = {name: _cell_text(row[name]) for name in frame.columns if not pandas.isna(row[name])}
            plan, problems = compile_header(list(cells))
            assert problems == []
            assert structure(plan.to_dict(list(cells.values()))) == concern


def _cell_text(value: Any) -> str:
    """A frame's value as the flat layout's cell text."""
    if isinstance(value, (bool, numpy.bool_)):
        return "true" if value else "false"
    if isinstance(value, pandas.Timestamp):
        if value.tzinfo is not None:
            return value.to_pydatetime().isoformat()
        return value.date().isoformat()
    return str(value)


# -- reports --------------------------------------------------------------------------------------


class TestSacReturn:
    """The return's cells, long layout, in the publication's order."""

    def test_every_cell_with_its_count_and_value(self, concerns):
        """One row per cell; counts and values as the return holds them."""
        ret = sac(concerns, year="2025-26")
        frame = frames.sac_frame(ret)
        assert list(frame.columns) == list(frames.SAC_COLUMNS)
        assert len(frame) == len(ret.rows)
        assert frame["count"].tolist() == [r.count for r in ret.rows]
        assert frame["value"].tolist() == [r.value for r in ret.rows]
        assert list(frame["table"].cat.categories) == list(dict.fromkeys(r.table for r in ret.rows))
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            "table": "category",
            "enquiry_type": "category",
            "category": "category",
            "subcategory": "category",
            "count": "Int64",
            "value": "string",
        }
        assert frame.attrs == {"year": "2025-26", "records": len(concerns), "suppressed": False, "disclosure": "csv"}
        total = frame[(frame["table"] == "SG1f") & (frame["category"] == "Total Number of Safeguarding Concerns")]
        assert total["count"].item() == ret.count("SG1f", "Total Number of Safeguarding Concerns")

    def test_suppressed_values_are_text_and_counts_stay_whole(self, concerns):
        """With disclosure control, value holds [c] and rounded numbers; count the true count."""
        ret = sac(concerns, year="2025-26", suppress=True)
        frame = frames.sac_frame(ret)
        assert "[c]" in set(frame["value"])
        assert frame["count"].tolist() == [r.count for r in ret.rows]
        assert frame.attrs["suppressed"] is True
        tables = frames.sac_frame(sac(concerns, year="2025-26", suppress=True, disclosure="tables"))
        assert tables.attrs["disclosure"] == "tables"

    def test_a_table_pivots_in_the_publications_order(self, concerns):
        """SG2a pivots to type of risk down, source of risk across, in the return's order."""
        frame = frames.sac_frame(sac(concerns, year="2025-26"))
        sg2a = frame[frame["table"] == "SG2a"]
        grid = sg2a.pivot_table(index="category", columns="subcategory", values="count", aggfunc="sum", observed=True)
        assert list(grid.index) == list(dict.fromkeys(sg2a["category"]))
        assert int(grid.to_numpy().sum()) == int(sg2a["count"].sum())


class TestAudit:
    """The audit's measures, overall and by group, as its CSV lays them out."""

    def test_rows_are_the_csv_rows(self, concerns):
        """Dimension, group, records, measure, title, numerator, denominator as in to_csv; share for percent."""
        report = audit(concerns, as_of=date(2026, 3, 31))
        frame = frames.audit_frame(report)
        assert list(frame.columns) == list(frames.AUDIT_COLUMNS)
        expected = [("all", "all", report.records, m) for m in report.measures]
        expected += [(g.dimension, g.name, g.records, m) for g in report.groups for m in g.measures]
        assert len(frame) == len(expected)
        assert [
            (r["dimension"], r["group"], r["records"], r["measure"], r["title"], r["numerator"], r["denominator"])
            for r in _plain(frame)
        ] == [(d, g, n, m.code, m.title, m.numerator, m.denominator) for d, g, n, m in expected]
        shares = [m.share for _, _, _, m in expected]
        assert None in shares  # a group where a measure applies to no one
        assert [None if pandas.isna(s) else s for s in frame["share"]] == shares
        assert frame.attrs == {"as_of": date(2026, 3, 31), "records": len(concerns)}

    def test_columns_are_typed(self, concerns):
        """Categories in the report's order (measures in MEASURES order), counts Int64, share Float64."""
        frame = frames.audit_frame(audit(concerns, as_of=date(2026, 3, 31)))
        assert list(frame["measure"].cat.categories)[: len(MEASURES)] == list(MEASURES)
        assert frame["dimension"].cat.categories[0] == "all"
        assert {c: str(frame[c].dtype) for c in ("records", "numerator", "denominator", "share", "title")} == {
            "records": "Int64",
            "numerator": "Int64",
            "denominator": "Int64",
            "share": "Float64",
            "title": "string",
        }

    def test_targets_and_status_follow_the_report(self, concerns):
        """A measure with a target carries it and the report's status; the others are <NA>."""
        from msp.reports.audit_targets import parse_targets  # noqa: PLC0415

        targets = parse_targets({"targets": {"asked": 99.5}}, MEASURES)
        report = audit(concerns, as_of=date(2026, 3, 31), targets=targets)
        frame = frames.audit_frame(report)
        rows = [("all", "all", m) for m in report.measures]
        rows += [(g.dimension, g.name, m) for g in report.groups for m in g.measures]
        expected = [report.status(m) for _, _, m in rows]
        assert any(s is not None for s in expected)
        assert [None if pandas.isna(s) else s for s in frame["status"]] == [
            None if s is None else s.code for s in expected
        ]
        asked = frame["measure"] == "asked"
        assert set(frame.loc[asked, "target"]) == {99.5}
        assert frame.loc[~asked, "target"].isna().all()
        assert str(frame["target"].dtype) == "Float64"
        assert str(frame["status"].dtype) == "category"


class TestUncounted:
    """What a report could not count, one row per record, by id and line."""

    def test_uncounted_records_are_rows(self, tmp_path: Path):
        """A broken line and a record that cannot be built: their ids, lines and reasons."""
        records = list(generate(6, seed=5))
        path = tmp_path / "x.jsonl"
        lines = [json.dumps(r) for r in records]
        lines[2] = "{not json"
        broken = dict(records[4])
        broken["received_on"] = "2025-02-31"
        lines[4] = json.dumps(broken)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ret = sac_files([str(path)], "2025-26")
        frame = frames.uncounted_frame(ret.uncounted)
        assert list(frame.columns) == list(frames.UNCOUNTED_COLUMNS)
        whole = frame[frame["tables"] == "all"]
        assert whole["line"].tolist() == [3, 5]
        assert [None if pandas.isna(v) else v for v in whole["record_id"]] == [None, records[4]["concern_id"]]
        assert str(frame["line"].dtype) == "Int64"
        assert str(frame["source"].dtype) == "category"
        assert frames.uncounted_frame([]).shape == (0, len(frames.UNCOUNTED_COLUMNS))


class TestWithoutPandas:
    """Without pandas every frame raises an ImportError naming the extra."""

    @pytest.mark.parametrize("name", ["records_frame", "sac_frame", "audit_frame", "uncounted_frame"])
    def test_an_import_error_names_the_extra(self, monkeypatch, name):
        real = importlib.import_module

        def fake(module: str, *args: Any) -> Any:
            if module == "pandas":
                raise ImportError(module)
            return real(module, *args)

        monkeypatch.setattr(frames.importlib, "import_module", fake)
        with pytest.raises(ExtraNotInstalled, match=r"pip install 'making-safeguarding-personal\[pandas\]'"):
            getattr(frames, name)([])


def test_a_round_trip_through_from_dict_keeps_the_frame(concerns: Sequence[Any]) -> None:
    """Records rebuilt from their dicts give the same frame: the frame depends on the data only."""
    again = [from_dict(to_dict(c)) for c in concerns[:20]]
    pandas.testing.assert_frame_equal(frames.records_frame(concerns[:20]), frames.records_frame(again))
