"""msp.io.spreadsheets: Excel (.xlsx) and Parquet inputs for the flat layout, read as CSV rows are.

Every file here is written in tmp_path from synthetic records (msp.synth.generate,
flattened with msp.convert.flat): openpyxl writes the workbooks, pyarrow the Parquet
files; python-calamine and pyarrow read them back through msp.io.readers.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from msp.cli import main
from msp.convert import flat
from msp.convert.flat import CsvMapping, load_mapping
from msp.io import spreadsheets
from msp.io.batch import RecordResult, validate_path
from msp.io.readers import FileProblem, RawRecord, Reader, Unreadable, detect_format, read_records
from msp.io.spreadsheets import ExtraNotInstalled, SheetNotFound, SheetRows
from msp.synth import generate

openpyxl = pytest.importorskip("openpyxl", reason="the test extra's openpyxl writes the workbooks")
pa = pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) writes and reads Parquet files")
pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra (pyarrow) writes and reads Parquet files")
pytest.importorskip("python_calamine", reason="the excel extra (python-calamine) reads the workbooks")

CANARY = "Zebedee Quuxworth"
"""An invented name: no message may ever quote it."""

Cell = str | int | float | bool | date | datetime | None


# -- writing the same rows as CSV, xlsx and Parquet ------------------------------------------


def _table(records: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The flat layout's header and text rows for ``records`` (what ``msp synth --format csv`` writes)."""
    columns = flat.columns_for(records)
    return columns, [[flat.flatten(r).get(c, "") for c in columns] for r in records]


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows([["" if c is None else c for c in row] for row in rows])
    return path


def _write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str = "Extract",
    at: str = "A1",
    before: Sequence[str] = (),
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for name in before:  # sheets ahead of the extract (a cover sheet, hidden lookups...)
        book.create_sheet(name, 0)
    first = openpyxl.utils.cell.coordinate_from_string(at)
    column = openpyxl.utils.cell.column_index_from_string(first[0])
    for r, row in enumerate([list(header), *rows]):
        for c, value in enumerate(row):
            if value not in (None, ""):
                sheet.cell(row=first[1] + r, column=column + c, value=value)
    book.save(path)
    return path


def _write_parquet(path: Path, header: Sequence[str], rows: Sequence[Sequence[Cell]], **types: Any) -> Path:
    columns = {name: [None if row[i] == "" else row[i] for row in rows] for i, name in enumerate(header)}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in header])
    pq.write_table(pa.table(columns, schema=schema), path)
    return path


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def _naive(*parts: int) -> datetime:
    """A date and time with no zone, as Excel and pandas keep them."""
    return _utc(*parts).replace(tzinfo=None)


def _key(results: Sequence[RecordResult]) -> list[tuple[Any, ...]]:
    """Everything a result says, bar the file's name."""
    return [
        (r.line, r.kind, r.record_id, tuple((f.code, f.severity, f.path, f.message) for f in r.findings))
        for r in results
    ]


def _typed(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[list[Cell]]:
    """The rows as a spreadsheet holds them: dates as dates (every other row's as UK text), yes/no as booleans,
    the schema version as a number."""
    takes = {c.name: c.takes for c in flat.layout(items=100)}
    out: list[list[Cell]] = []
    for n, row in enumerate(rows):
        cells: list[Cell] = []
        for name, text in zip(header, row, strict=True):
            kind = takes.get(name, "")
            if text and kind.startswith("a date (") and len(text) == 10:
                day = date.fromisoformat(text)
                cells.append(day if n % 2 == 0 else day.strftime("%d/%m/%Y"))
            elif text in ("true", "false") and kind == "yes or no":
                cells.append(text == "true")
            elif name == "schema_version" and text.isdigit():
                cells.append(int(text))
            else:
                cells.append(text)
        out.append(cells)
    return out


@pytest.fixture(scope="module")
def table() -> tuple[list[str], list[list[str]]]:
    """30 synthetic records, 10 % of them broken, as the flat layout's text cells."""
    return _table(list(generate(30, seed=17, invalid_share=0.1)))


# -- the same data as CSV, xlsx and Parquet ---------------------------------------------------


class TestSameFindingsAsCsv:
    """The same rows written as CSV, xlsx and Parquet are read to the same results, line for line."""

    def test_text_cells_give_identical_results(self, tmp_path: Path, table):
        """Every result (line, kind, id, each finding's code, severity, path and message) is the CSV's."""
        header, rows = table
        as_csv = list(validate_path(_write_csv(tmp_path / "x.csv", header, rows)))
        as_xlsx = list(validate_path(_write_xlsx(tmp_path / "x.xlsx", header, rows)))
        as_parquet = list(validate_path(_write_parquet(tmp_path / "x.parquet", header, rows)))
        assert len([r for r in as_csv if r.kind != "file"]) == len(rows)
        assert any(r.findings for r in as_csv)  # the broken records make findings to compare
        assert _key(as_xlsx) == _key(as_csv)
        assert _key(as_parquet) == _key(as_csv)
        assert {r.source for r in as_xlsx} == {str(tmp_path / "x.xlsx")}

    def test_two_jobs_give_the_same_results(self, tmp_path: Path, table):
        """Rows travel to worker processes as CSV rows do: jobs=2 gives the results of jobs=1."""
        header, rows = table
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, rows),
            _write_parquet(tmp_path / "x.parquet", header, rows),
        ):
            assert _key(list(validate_path(path, jobs=2))) == _key(list(validate_path(path)))

    def test_typed_cells_dates_as_excel_dates_and_as_text_give_the_csv_results(self, tmp_path: Path, table):
        """Excel dates, UK text dates, booleans and numbers read as the CSV's ISO text does."""
        header, rows = table
        typed = _typed(header, rows)
        assert any(isinstance(c, date) for row in typed for c in row)
        assert any(isinstance(c, str) and c.count("/") == 2 for row in typed for c in row)
        assert any(isinstance(c, bool) for row in typed for c in row)
        expected = _key(list(validate_path(_write_csv(tmp_path / "x.csv", header, rows))))
        assert _key(list(validate_path(_write_xlsx(tmp_path / "x.xlsx", header, typed)))) == expected

    def test_parquet_typed_columns_give_the_csv_results(self, tmp_path: Path):
        """Parquet dates, timestamps with and without a zone, booleans and integers read as CSV text does."""
        header = ["concern_id", "adult.adult_id", "received_on", "adult.date_of_birth", "schema_version"]
        header += ["history[0].to_stage", "history[0].at", "contact.seen_alone"]
        text_rows = [
            ["C1", "A1", "2025-05-01", "1950-02-03", "2", "received", "2025-05-01T09:30:00+00:00", "true"],
            ["C2", "A2", "2025-06-02", "", "2", "received", "2025-06-02T00:00:00+00:00", "false"],
        ]
        typed_rows: list[list[Cell]] = [
            ["C1", "A1", date(2025, 5, 1), _naive(1950, 2, 3), 2, "received", _utc(2025, 5, 1, 9, 30), True],
            ["C2", "A2", date(2025, 6, 2), None, 2, "received", _utc(2025, 6, 2), False],
        ]
        typed = _write_parquet(
            tmp_path / "typed.parquet",
            header,
            typed_rows,
            received_on=pa.date32(),
            **{"adult.date_of_birth": pa.timestamp("ns"), "history[0].at": pa.timestamp("us", tz="UTC")},
            schema_version=pa.int64(),
            **{"contact.seen_alone": pa.bool_()},
        )
        expected = _key(list(validate_path(_write_csv(tmp_path / "x.csv", header, text_rows))))
        assert _key(list(validate_path(typed))) == expected

    def test_reports_read_workbooks_as_they_read_csv(self, tmp_path: Path, table):
        """msp sac and msp audit read .xlsx and .parquet by extension: the same return and audit as from CSV."""
        from msp.reports.audit import audit_files  # noqa: PLC0415 - reports sit above io
        from msp.reports.sac_return import sac_files  # noqa: PLC0415

        header, rows = table
        paths = {
            "csv": _write_csv(tmp_path / "x.csv", header, rows),
            "xlsx": _write_xlsx(tmp_path / "x.xlsx", header, _typed(header, rows)),
            "parquet": _write_parquet(tmp_path / "x.parquet", header, rows),
        }
        returns = {k: sac_files([str(p)], "2025-26") for k, p in paths.items()}
        audits = {k: audit_files([str(p)], as_of=date(2026, 3, 31)) for k, p in paths.items()}
        assert returns["csv"].records == len(rows)
        for fmt in ("xlsx", "parquet"):
            assert returns[fmt].rows == returns["csv"].rows
            assert returns[fmt].records == returns["csv"].records
            assert [(u.record_id, u.line, u.reason) for u in returns[fmt].uncounted] == [
                (u.record_id, u.line, u.reason) for u in returns["csv"].uncounted
            ]
            assert audits[fmt].measures == audits["csv"].measures
            assert audits[fmt].groups == audits["csv"].groups


# -- bad rows, located, and the rest read --------------------------------------------------


class TestBrokenRows:
    """A broken row is reported at its own line; every other row is read and checked."""

    def test_a_broken_excel_row_is_located_and_the_others_survive(self, tmp_path: Path, table):
        """An impossible date on one row: SHAPE-DATE at that row's line, with its id; all rows accounted."""
        header, rows = table
        broken = [list(r) for r in rows]
        at = header.index("received_on")
        broken[4][at] = "31/02/2025"
        broken[4][header.index("adult.adult_id")] = CANARY  # a name where an id belongs: refused, never quoted
        run = validate_path(_write_xlsx(tmp_path / "x.xlsx", header, broken))
        results = list(run)
        bad = [r for r in results if r.line == 6]
        assert len(bad) == 1
        assert bad[0].record_id == rows[4][header.index("concern_id")]
        assert {(f.code, f.path) for f in bad[0].findings} >= {
            ("SHAPE-DATE", "$.received_on"),
            ("SHAPE-ID", "$.adult.adult_id"),
        }
        assert run.summary.records_read == len(rows) == run.summary.records_accounted
        clean = list(validate_path(_write_xlsx(tmp_path / "clean.xlsx", header, rows)))
        assert _key([r for r in results if r.line != 6]) == _key([r for r in clean if r.line != 6])
        assert all(CANARY not in f.message for r in results for f in r.findings)

    def test_a_parquet_cell_that_is_not_utf8_spoils_only_its_row(self, tmp_path: Path):
        """Bytes that are not UTF-8: SHAPE-ENCODING at that row's line, naming the column, not the value."""
        path = tmp_path / "bytes.parquet"
        ids = [b"C1", b"C2\xff" + CANARY.encode(), b"C3"]
        table = pa.table(
            {
                "concern_id": pa.array(ids, pa.binary()),
                "adult.adult_id": ["A1", "A2", "A3"],
                "received_on": ["2025-05-01"] * 3,
            }
        )
        pq.write_table(table, path)
        results = list(validate_path(path))
        assert [(r.line, r.kind, r.record_id) for r in results] == [
            (2, "record", "C1"),
            (3, "unreadable", None),
            (4, "record", "C3"),
        ]
        (problem,) = results[1].findings
        assert problem.code == "SHAPE-ENCODING"
        assert "'concern_id'" in problem.message
        assert CANARY not in problem.message

    def test_a_row_longer_than_the_limit_is_skipped_alone(self, tmp_path: Path):
        """SHAPE-TOO-LONG for the long row only; the next row is read."""
        header = ["concern_id", "adult.adult_id", "received_on", "desired_outcomes[0].in_own_words"]
        rows = [["C1", "A1", "2025-05-01", "x" * 5000], ["C2", "A2", "2025-05-02", "Invented views"]]
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, rows),
            _write_parquet(tmp_path / "x.parquet", header, rows),
        ):
            items = list(Reader(path, max_record_bytes=1000).records())
            assert isinstance(items[0], Unreadable)
            assert [p.code for p in items[0].problems] == ["SHAPE-TOO-LONG"]
            assert isinstance(items[1], RawRecord)
            assert items[1].data["concern_id"] == "C2"


# -- cells -------------------------------------------------------------------------------------


class TestCells:
    """Empty cells, numbers, lists and blank rows read as CSV's would."""

    def test_empty_cells_are_missing_values_and_blank_rows_are_not_records(self, tmp_path: Path):
        """An empty cell leaves its field out; an empty row is skipped, its line still counted."""
        header = ["concern_id", "adult.adult_id", "received_on", "adult.date_of_birth", "decision.route"]
        rows: list[list[Cell]] = [
            ["C1", "A1", date(2025, 5, 1), None, ""],
            [None, None, None, None, None],
            ["C2", "A2", "2025-05-02", "  ", None],
        ]
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, rows),
            _write_parquet(
                tmp_path / "x.parquet",
                header,
                [
                    ["C1", "A1", "2025-05-01", None, ""],
                    [None, None, None, None, None],
                    ["C2", "A2", "2025-05-02", "  ", None],
                ],
            ),
        ):
            items = list(read_records(path))
            assert [i.line for i in items] == [2, 4]
            assert all(isinstance(i, RawRecord) for i in items)
            first = items[0].data
            assert first["received_on"] == "2025-05-01"
            assert "date_of_birth" not in first["adult"]
            assert "decision" not in first

    def test_numbers_stored_by_excel_read_as_whole_numbers(self, tmp_path: Path):
        """Excel keeps every number as a float: 12345.0 is the id 12345, 2.0 the version 2."""
        header = ["schema_version", "concern_id", "adult.adult_id", "received_on"]
        path = _write_xlsx(tmp_path / "x.xlsx", header, [[2.0, 12345, 67890.0, date(2025, 5, 1)]])
        (item,) = read_records(path)
        assert isinstance(item, RawRecord)
        assert item.data["schema_version"] == 2
        assert item.data["concern_id"] == "12345"
        assert item.data["adult"]["adult_id"] == "67890"

    def test_parquet_lists_nan_and_midnight_timestamps(self, tmp_path: Path):
        """A list column is joined with the separator; NaN is missing; a naive midnight timestamp is a date."""
        path = tmp_path / "x.parquet"
        table = pa.table(
            {
                "concern_id": ["C1", "C2"],
                "adult.adult_id": ["A1", "A2"],
                "received_on": pa.array([_naive(2025, 5, 1), _naive(2025, 5, 2)], pa.timestamp("ms")),
                "adult.health_conditions": pa.array(
                    [["ldi_autism_excluding_aspergers", "ldi_aspergers"], None], pa.list_(pa.string())
                ),
                "extensions.test-suite.risk-score": pa.array([3.0, float("nan")], pa.float64()),
            }
        )
        pq.write_table(table, path)
        first, second = read_records(path)
        assert isinstance(first, RawRecord)
        assert isinstance(second, RawRecord)
        assert first.data["received_on"] == "2025-05-01"
        assert first.data["adult"]["health_conditions"] == ["ldi_autism_excluding_aspergers", "ldi_aspergers"]
        assert first.data["extensions"] == [{"name": "test-suite.risk-score", "integer": "3"}]
        assert "extensions" not in second.data
        assert "health_conditions" not in second.data["adult"]
        assert [r.findings for r in validate_path(path) if any(f.code.startswith("SHAPE") for f in r.findings)] == []

    def test_a_parquet_pandas_index_is_not_a_column_but_a_named_one_is(self, tmp_path: Path):
        """pandas' unnamed index (__index_level_0__) is not read; an index named after a field is."""
        pandas = pytest.importorskip("pandas", reason="the pandas extra writes the frame")
        frame = pandas.DataFrame(
            {"adult.adult_id": ["A1", "A2"], "received_on": ["2025-05-01", "2025-05-02"]},
            index=pandas.Index(["C1", "C2"], name="concern_id"),
        )
        frame.to_parquet(tmp_path / "named.parquet")
        assert [i.data["concern_id"] for i in read_records(tmp_path / "named.parquet")] == ["C1", "C2"]
        frame.reset_index().set_index(pandas.Index(["x", "y"])).to_parquet(tmp_path / "unnamed.parquet")
        assert "__index_level_0__" in pq.ParquetFile(tmp_path / "unnamed.parquet").schema_arrow.names
        items = list(read_records(tmp_path / "unnamed.parquet"))
        assert all(isinstance(i, RawRecord) for i in items)
        assert [i.line for i in items] == [2, 3]

    def test_nested_parquet_columns_are_one_file_problem_and_the_rest_is_read(self, tmp_path: Path):
        """A struct column: one SHAPE-COLUMN problem with the file; the other columns of every row are read."""
        path = tmp_path / "x.parquet"
        table = pa.table(
            {
                "concern_id": ["C1", "C2"],
                "adult": pa.array([{"adult_id": "A1"}, {"adult_id": "A2"}]),
                "received_on": ["2025-05-01", "2025-05-02"],
            }
        )
        pq.write_table(table, path)
        problem, *records = read_records(path)
        assert isinstance(problem, FileProblem)
        assert [(p.code, p.line) for p in problem.problems] == [("SHAPE-COLUMN", 1)]
        assert "'adult'" in problem.problems[0].message
        assert [r.data["concern_id"] for r in records] == ["C1", "C2"]

    def test_rows_across_parquet_batches_keep_their_lines(self, tmp_path: Path, monkeypatch):
        """Lines run on across batches: row i (0-based) is line i + 2."""
        monkeypatch.setattr(spreadsheets, "_BATCH", 3)
        header = ["concern_id", "adult.adult_id", "received_on"]
        rows = [[f"C{n}", f"A{n}", "2025-05-01"] for n in range(10)]
        rows[5] = [None, None, None]
        items = list(read_records(_write_parquet(tmp_path / "x.parquet", header, rows)))
        assert [i.line for i in items] == [n + 2 for n in range(10) if n != 5]
        assert [i.data["concern_id"] for i in items] == [f"C{n}" for n in range(10) if n != 5]


# -- mapping files -----------------------------------------------------------------------------


class TestMapping:
    """A mapping file with local column names and local codes reads a workbook as it reads a CSV extract."""

    @pytest.fixture
    def mapping(self, tmp_path: Path) -> CsvMapping:
        path = tmp_path / "mapping.json"
        path.write_text(
            json.dumps(
                {
                    "msp_mapping": 1,
                    "columns": {
                        "Case Ref": "concern_id",
                        "Person ID": "adult.adult_id",
                        "Date Received": "received_on",
                        "Abuse Type 1": "risks[0].type_of_risk",
                        "Abuse Type 2": "risks[1].type_of_risk",
                        "Worker Name": None,
                    },
                    "values": {
                        "risks[].type_of_risk": {"PHYS": "physical_abuse", "NEG": "neglect_and_acts_of_omission"}
                    },
                    "ignore": ["Notes"],
                }
            ),
            encoding="utf-8",
        )
        return load_mapping(path)

    def test_local_names_and_codes_read_from_xlsx_and_parquet(self, tmp_path: Path, mapping):
        """Columns renamed, codes translated, named and ignored columns dropped: the same records as CSV."""
        header = ["Case Ref", "Person ID", "Date Received", "Abuse Type 1", "Abuse Type 2", "Worker Name", "Notes"]
        rows = [
            ["C1", "A1", "01/05/2025", "PHYS", "neg", CANARY, f"Invented note about {CANARY}"],
            ["C2", "A2", "2025-05-02", "Financial or Material Abuse", "", "", ""],
        ]
        typed: list[list[Cell]] = [[*rows[0][:2], date(2025, 5, 1), *rows[0][3:]], rows[1]]
        expected = [i.data for i in read_records(_write_csv(tmp_path / "x.csv", header, rows), mapping=mapping)]
        assert expected[0]["risks"] == [
            {"type_of_risk": "physical_abuse"},
            {"type_of_risk": "neglect_and_acts_of_omission"},
        ]
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, typed),
            _write_parquet(tmp_path / "x.parquet", header, rows),
        ):
            items = list(read_records(path, mapping=mapping))
            assert all(isinstance(i, RawRecord) for i in items)
            data = [i.data for i in items]
            data[0]["received_on"] = expected[0]["received_on"] if path.suffix == ".xlsx" else data[0]["received_on"]
            assert data == expected
            results = list(validate_path(path, mapping=mapping))
            assert [r.record_id for r in results] == ["C1", "C2"]
            assert not [f for r in results for f in r.findings if f.code.startswith("SHAPE")]
            assert all(CANARY not in f.message for r in results for f in r.findings)

    def test_an_unknown_column_is_reported_once_and_the_others_read(self, tmp_path: Path, mapping):
        """A column neither in the layout nor mapped: one SHAPE-COLUMN on the header's line; rows still read."""
        header = ["Case Ref", "Person ID", "Date Received", "Team Leader"]
        rows = [["C1", "A1", "2025-05-01", CANARY]]
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, rows, at="B3"),
            _write_parquet(tmp_path / "x.parquet", header, rows),
        ):
            problem, record = read_records(path, mapping=mapping)
            assert isinstance(problem, FileProblem)
            assert [(p.code, p.line) for p in problem.problems] == [
                ("SHAPE-COLUMN", 3 if path.suffix == ".xlsx" else 1)
            ]
            assert "'Team Leader'" in problem.problems[0].message
            assert isinstance(record, RawRecord)
            assert record.line == (4 if path.suffix == ".xlsx" else 2)
            assert record.data["concern_id"] == "C1"


# -- workbooks: sheets, where the table sits ------------------------------------------------------


class TestWorkbooks:
    """Which sheet is read, where its header is, and what a workbook that cannot be read gives."""

    def test_the_first_visible_sheet_or_the_one_named(self, tmp_path: Path):
        """Default: the first visible worksheet; sheet= names another; a missing one lists the sheets."""
        path = tmp_path / "x.xlsx"
        book = openpyxl.Workbook()
        lookups = book.active
        lookups.title = "Lookups"
        lookups.sheet_state = "hidden"
        lookups.append(["concern_id", "adult.adult_id", "received_on"])
        lookups.append(["HIDDEN", "A0", "2025-05-01"])
        for name, concern in (("March", "C3"), ("April", "C4")):
            sheet = book.create_sheet(name)
            sheet.append(["concern_id", "adult.adult_id", "received_on"])
            sheet.append([concern, "A1", date(2025, 5, 1)])
        book.save(path)
        assert [i.data["concern_id"] for i in read_records(path)] == ["C3"]
        assert [i.data["concern_id"] for i in read_records(path, sheet="April")] == ["C4"]
        assert [i.data["concern_id"] for i in read_records(path, sheet="Lookups")] == ["HIDDEN"]
        with pytest.raises(SheetNotFound, match="no sheet 'May': its sheets are 'Lookups', 'March', 'April'"):
            list(read_records(path, sheet="May"))

    def test_a_table_lower_down_keeps_the_spreadsheet_row_numbers(self, tmp_path: Path):
        """Header on row 3 from column B: lines are Excel's row numbers; a value under no header is reported."""
        header = ["concern_id", "adult.adult_id", "received_on"]
        rows: list[list[Cell]] = [["C1", "A1", date(2025, 5, 1)], ["C2", "A2", date(2025, 5, 2), CANARY]]
        path = _write_xlsx(tmp_path / "x.xlsx", header, rows, at="B3")
        items = list(read_records(path))
        assert [type(i).__name__ for i in items] == ["RawRecord", "FileProblem", "RawRecord"]
        assert [i.line for i in items] == [4, 5, 5]
        (stray,) = items[1].problems
        assert stray.code == "SHAPE-COLUMN"
        assert stray.message.startswith("column E has values but no header (the first on line 5)")
        assert CANARY not in stray.message
        assert items[2].data["concern_id"] == "C2"

    def test_no_layout_column_in_the_header_reads_nothing_and_says_why(self, tmp_path: Path):
        """A sheet without the header row: one problem naming no cell; no row is taken for a record."""
        path = _write_xlsx(tmp_path / "x.xlsx", [CANARY, "A1", "2025-05-01"], [["C2", "A2", "2025-05-02"]])
        (problem,) = read_records(path)
        assert isinstance(problem, FileProblem)
        assert [p.code for p in problem.problems] == ["SHAPE-COLUMN"]
        assert "none of the 3 columns of the first row is in the flat layout" in problem.problems[0].message
        assert CANARY not in problem.problems[0].message

    @pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
    def test_a_damaged_file_is_one_problem_not_a_crash(self, tmp_path: Path, suffix):
        """Not a workbook or Parquet file: one SHAPE-ENCODING problem with the file; nothing counted."""
        path = tmp_path / f"x{suffix}"
        path.write_bytes(b"PK\x03\x04" + CANARY.encode() * 10 if suffix == ".xlsx" else b"PAR1" + CANARY.encode())
        run = validate_path(path)
        (result,) = list(run)
        assert result.kind == "file"
        assert [f.code for f in result.findings] == ["SHAPE-ENCODING"]
        assert CANARY not in result.findings[0].message
        assert run.summary.records_read == 0

    def test_an_empty_sheet_has_no_records(self, tmp_path: Path):
        """A workbook with nothing in it: no record, no problem."""
        path = tmp_path / "x.xlsx"
        openpyxl.Workbook().save(path)
        assert list(read_records(path)) == []


# -- choosing the reader -----------------------------------------------------------------------


class TestFormats:
    """Reader picks Excel and Parquet by extension or first bytes; sheet= is for workbooks only."""

    def test_extension_then_first_bytes(self, tmp_path: Path, table):
        """.xlsx and .parquet by extension; a zip's or Parquet's first bytes under another name."""
        assert detect_format("extract.XLSX", b"") == "xlsx"
        assert detect_format("extract.parquet", b"") == "parquet"
        assert detect_format("extract.dat", b"PK\x03\x04rest") == "xlsx"
        assert detect_format("-", b"PAR1rest") == "parquet"
        assert detect_format("extract.dat", b"concern_id,received_on\n") == "csv"
        header, rows = table
        xlsx = _write_xlsx(tmp_path / "x.xlsx", header, rows)
        renamed = tmp_path / "extract.dat"
        renamed.write_bytes(xlsx.read_bytes())
        assert _key(list(validate_path(renamed))) == _key(list(validate_path(xlsx)))

    def test_streams_and_explicit_formats(self, tmp_path: Path, table):
        """A stream read with format="parquet" or "xlsx", seekable or not, gives the file's results."""
        header, rows = table
        for path, fmt in (
            (_write_parquet(tmp_path / "x.parquet", header, rows), "parquet"),
            (_write_xlsx(tmp_path / "x.xlsx", header, rows), "xlsx"),
        ):
            expected = _key(list(validate_path(path)))
            assert _key(list(validate_path(io.BytesIO(path.read_bytes()), format=fmt))) == expected
            assert _key(list(validate_path(_OneWay(path.read_bytes()), format=fmt))) == expected

    def test_sheet_is_refused_for_other_files(self, tmp_path: Path):
        """sheet= with a Parquet, CSV or JSON Lines file is a ValueError before any reading."""
        for name, fmt in (("x.parquet", "auto"), ("x.csv", "auto"), ("x.dat", "jsonl"), ("x.xlsx", "parquet")):
            with pytest.raises(ValueError, match="sheet names a sheet of an Excel workbook"):
                Reader(tmp_path / name, fmt, sheet="Data")
        with pytest.raises(ValueError, match="sheet names a sheet"):
            SheetRows(io.BytesIO(), "parquet", sheet="Data")
        Reader(tmp_path / "x.xlsx", sheet="Data")
        Reader(tmp_path / "x.dat", sheet="Data")  # the first bytes decide

    def test_position_reaches_the_size_for_progress(self, tmp_path: Path, table):
        """Reader.position ends at the file's size, as for text files."""
        header, rows = table
        for path in (
            _write_xlsx(tmp_path / "x.xlsx", header, rows),
            _write_parquet(tmp_path / "x.parquet", header, rows),
        ):
            reader = Reader(path)
            assert len(list(reader)) >= len(rows)
            assert reader.position == path.stat().st_size


class _OneWay(io.RawIOBase):
    """A stream that cannot seek, as standard input is."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# -- without the extras --------------------------------------------------------------------------


class TestExtras:
    """Without python-calamine or pyarrow: an ImportError naming the extra, and the command line says it."""

    @pytest.fixture
    def without(self, monkeypatch):
        real = importlib.import_module

        def fake(name: str, *args: Any) -> Any:
            if name.split(".", maxsplit=1)[0] in ("python_calamine", "pyarrow"):
                raise ImportError(name)
            return real(name, *args)

        monkeypatch.setattr(spreadsheets.importlib, "import_module", fake)

    @pytest.mark.parametrize(("suffix", "extra"), [(".xlsx", "excel"), (".parquet", "parquet")])
    def test_reading_raises_an_import_error_naming_the_extra(self, tmp_path: Path, table, without, suffix, extra):
        """ExtraNotInstalled is an ImportError; CSV still reads without either extra."""
        header, rows = table
        path = _write_csv(tmp_path / f"x{suffix}", header, rows)
        with pytest.raises(ImportError, match=rf"pip install 'making-safeguarding-personal\[{extra}\]'"):
            list(read_records(path))
        with pytest.raises(ExtraNotInstalled):
            list(read_records(path))
        csv_items = list(read_records(_write_csv(tmp_path / "x.csv", header, rows)))
        assert len([i for i in csv_items if not isinstance(i, FileProblem)]) == len(rows)

    def test_the_command_line_names_the_extra(self, tmp_path: Path, table, without, capsys):
        """msp validate on a workbook without the excel extra: exit 2 and the pip command, no traceback."""
        header, rows = table
        path = _write_xlsx(tmp_path / "x.xlsx", header, rows)
        assert main(["validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert "pip install 'making-safeguarding-personal[excel]'" in err
        assert "Traceback" not in err


class TestCommandLine:
    """msp validate reads .xlsx and .parquet under --format auto, located by line."""

    def test_validate_locates_findings_in_a_workbook(self, tmp_path: Path, table, capsys):
        """The text report names the workbook and the spreadsheet row."""
        header, rows = table
        broken = [list(r) for r in rows]
        broken[2][header.index("received_on")] = "31/02/2025"
        path = _write_xlsx(tmp_path / "x.xlsx", header, broken)
        assert main(["validate", str(path), "--no-progress"]) == 1
        out = capsys.readouterr().out
        assert f"{path}:4: {rows[2][header.index('concern_id')]} SHAPE-DATE" in out
