"""msp.io.readers: streaming readers that never stop on a bad line and never quote a value."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import msp
from msp.convert.flat import CsvMapping
from msp.io import readers as msp_io
from msp.io.readers import FileProblem, RawRecord, Reader, Unreadable, decode, detect_format, read_records
from msp.synth import generate

CANARY = "Zebedee Quuxworth"


def _records(data: bytes, fmt: str = "jsonl", **kwargs: object) -> list[RawRecord | Unreadable | FileProblem]:
    stream = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    return list(Reader(stream, fmt, **kwargs).records())  # type: ignore[arg-type]


def _codes(item: RawRecord | Unreadable | FileProblem) -> list[str]:
    return [] if isinstance(item, RawRecord) else [p.code for p in item.problems]


def _messages(items: list[RawRecord | Unreadable | FileProblem]) -> str:
    return " ".join(p.message for i in items if not isinstance(i, RawRecord) for p in i.problems)


def _line(record: dict[str, object]) -> bytes:
    return json.dumps(record).encode() + b"\n"


@pytest.fixture(scope="module")
def samples() -> list[dict[str, object]]:
    return list(generate(6, seed=11))


class TestJsonLines:
    """JSON Lines are read line by line, each with its line number, and a bad line spoils only itself."""

    def test_each_line_is_a_record_with_its_line_number(self, samples):
        """Records come back in order with 1-based line numbers."""
        items = _records(b"".join(_line(r) for r in samples[:3]))
        assert [i.line for i in items] == [1, 2, 3]
        assert [i.data["concern_id"] for i in items if isinstance(i, RawRecord)] == ["C000001", "C000002", "C000003"]

    def test_blank_lines_are_skipped_and_not_counted(self, samples):
        """Empty and whitespace-only lines are not records, but line numbers still count them."""
        data = b"\n" + _line(samples[0]) + b"   \t\n\r\n" + _line(samples[1]) + b"\n"
        items = _records(data)
        assert [i.line for i in items] == [2, 5]
        assert all(isinstance(i, RawRecord) for i in items)

    def test_byte_order_mark_and_crlf_are_accepted(self, samples):
        """A UTF-8 BOM at the start and CRLF line ends read cleanly."""
        data = b"\xef\xbb\xbf" + json.dumps(samples[0]).encode() + b"\r\n" + json.dumps(samples[1]).encode() + b"\r\n"
        items = _records(data)
        assert [type(i) for i in items] == [RawRecord, RawRecord]
        assert [i.line for i in items] == [1, 2]

    def test_last_line_without_newline_is_read(self, samples):
        """A file that does not end in a newline loses nothing."""
        items = _records(_line(samples[0]) + json.dumps(samples[1]).encode())
        assert len(items) == 2
        assert all(isinstance(i, RawRecord) for i in items)

    def test_truncated_line_is_unreadable_and_the_rest_go_on(self, samples):
        """A cut-off JSON line is SHAPE-JSON on its line; the next line is read."""
        data = _line(samples[0]) + json.dumps(samples[1]).encode()[:60] + b"\n" + _line(samples[2])
        items = _records(data)
        assert [type(i) for i in items] == [RawRecord, Unreadable, RawRecord]
        assert items[1].line == 2
        assert _codes(items[1]) == ["SHAPE-JSON"]
        assert "column" in _messages(items)

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            (b"[1, 2, 3]", "an array"),
            (b"42", "a number"),
            (b'"text"', "a string"),
            (b"null", "null"),
            (b"true", "true"),
        ],
    )
    def test_json_that_is_not_an_object_is_a_type_problem(self, text, kind):
        """Valid JSON that is not an object is SHAPE-TYPE naming the JSON kind."""
        (item,) = _records(text + b"\n")
        assert isinstance(item, Unreadable)
        assert _codes(item) == ["SHAPE-TYPE"]
        assert kind in item.problems[0].message

    def test_undecodable_byte_is_an_encoding_problem(self, samples):
        """A byte that is not UTF-8 is SHAPE-ENCODING on its line and the value is not quoted."""
        record = dict(samples[0], team=CANARY)
        bad = json.dumps(record).encode().replace(b"Quuxworth", b"Quux\xffworth")
        items = _records(bad + b"\n" + _line(samples[1]))
        assert [type(i) for i in items] == [Unreadable, RawRecord]
        assert _codes(items[0]) == ["SHAPE-ENCODING"]
        assert "Quux" not in _messages(items)

    def test_line_over_the_limit_is_skipped_without_being_held(self, samples):
        """An over-long line is SHAPE-TOO-LONG and the following line keeps its number."""
        huge = json.dumps({"concern_id": "C1", "team": CANARY + "x" * 50_000}).encode()
        items = _records(_line(samples[0]) + huge + b"\n" + _line(samples[1]), max_record_bytes=20_000)
        assert [type(i) for i in items] == [RawRecord, Unreadable, RawRecord]
        assert [i.line for i in items] == [1, 2, 3]
        assert _codes(items[1]) == ["SHAPE-TOO-LONG"]

    def test_line_exactly_at_the_limit_is_read(self):
        """The limit counts the line without its line end."""
        line = b'{"concern_id": "C1"}'
        (item,) = _records(line + b"\r\n", max_record_bytes=len(line))
        assert isinstance(item, RawRecord)

    def test_deep_nesting_is_a_json_problem(self):
        """JSON nested beyond the parser's depth is SHAPE-JSON, not a crash."""
        (item,) = _records(b'{"a":' + b"[" * 200_000 + b"]" * 200_000 + b"}\n")
        assert _codes(item) == ["SHAPE-JSON"]

    def test_messages_never_quote_the_line(self):
        """Parser messages give a position, never the text."""
        (item,) = _records(b'{"team": "' + CANARY.encode() + b'", oops}\n')
        assert _codes(item) == ["SHAPE-JSON"]
        assert CANARY not in _messages([item])

    def test_position_counts_bytes_read(self, samples):
        """Reader.position reaches the file size, for progress bars."""
        data = b"".join(_line(r) for r in samples)
        reader = Reader(io.BufferedReader(io.BytesIO(data)), "jsonl")  # type: ignore[arg-type]
        list(reader)
        assert reader.position == len(data)


class TestJsonDocument:
    """A .json array streams item by item with start lines; a syntax error stops reading and says so."""

    def test_a_top_level_array_streams_item_by_item_with_start_lines(self, samples):
        """Items of a pretty-printed array carry the line each starts on."""
        text = json.dumps(samples[:3], indent=2)
        items = _records(text.encode(), "json")
        starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
        assert [i.line for i in items] == starts
        assert [i.data["concern_id"] for i in items if isinstance(i, RawRecord)] == ["C000001", "C000002", "C000003"]

    @pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1000])
    @pytest.mark.parametrize("indent", [None, 2])
    def test_any_read_chunk_size_gives_the_same_items(self, samples, monkeypatch, chunk, indent):
        """Items split anywhere across read chunks (inside a number, true, a string) are reassembled."""
        monkeypatch.setattr(msp_io._JsonDocument, "_CHUNK", chunk)
        data = ("\ufeff" + json.dumps([*samples[:3], 1234567890123, True, None], indent=indent)).encode()
        items = _records(data, "json")
        assert [i.data for i in items[:3] if isinstance(i, RawRecord)] == samples[:3]
        assert [_codes(i) for i in items[3:]] == [["SHAPE-TYPE"]] * 3

    def test_one_top_level_object_is_one_record(self, samples):
        """A JSON file may hold a single record."""
        (item,) = _records(json.dumps(samples[0], indent=1).encode(), "json")
        assert isinstance(item, RawRecord)
        assert item.line == 1

    def test_non_object_items_are_type_problems(self):
        """Numbers, strings, nulls and arrays in the array are each SHAPE-TYPE."""
        items = _records(b'[{"a": 1}, 5, "x", null, [1]]', "json")
        assert [_codes(i) for i in items] == [[], ["SHAPE-TYPE"], ["SHAPE-TYPE"], ["SHAPE-TYPE"], ["SHAPE-TYPE"]]

    def test_a_syntax_error_stops_reading_and_says_so(self, samples):
        """After a broken item the rest cannot be found: it is reported, and reading stops."""
        text = json.dumps(samples[:3], indent=1)
        cut = text.index('"C000002"')
        items = _records((text[:cut] + "X" + text[cut:]).encode(), "json")
        assert [type(i) for i in items] == [RawRecord, Unreadable]
        assert _codes(items[1]) == ["SHAPE-JSON"]
        assert "reading stopped" in items[1].problems[0].message

    def test_content_after_the_document_is_a_file_problem(self):
        """Trailing text is a file problem, not a record."""
        items = _records(b'{"concern_id": "C1"}\n garbage', "json")
        assert [type(i) for i in items] == [RawRecord, FileProblem]
        assert items[1].line == 2

    def test_unclosed_array_is_a_file_problem(self):
        """A file that ends inside the array keeps the items read."""
        items = _records(b'[{"concern_id": "C1"},\n', "json")
        assert [type(i) for i in items] == [RawRecord, FileProblem]

    def test_undecodable_byte_in_an_item_is_an_encoding_problem(self):
        """A bad byte spoils only its own item."""
        items = _records(b'[{"team": "\xff"}, {"concern_id": "C2"}]', "json")
        assert [_codes(i) for i in items] == [["SHAPE-ENCODING"], []]

    def test_an_item_over_the_limit_is_too_long(self):
        """An item longer than the limit is SHAPE-TOO-LONG."""
        items = _records(b'[{"team": "' + b"x" * 3000 + b'"}, {"concern_id": "C2"}]', "json", max_record_bytes=1000)
        assert _codes(items[0]) == ["SHAPE-TOO-LONG"]

    def test_an_empty_file_has_no_records(self):
        """Nothing in, nothing out."""
        assert _records(b"  \n", "json") == []


_NOT_READ = [
    # (what is written into the record, the problem's code and path): docs/json.md
    (f'"concern_id": "C9", "concern_id": "{CANARY}"', "SHAPE-JSON", "$.concern_id"),
    ('"adult": {"adult_id": "A1", "adult_id": "' + CANARY + '"}', "SHAPE-JSON", "$.adult.adult_id"),
    ('"team": NaN', "SHAPE-JSON", "$.team"),
    ('"team": Infinity', "SHAPE-JSON", "$.team"),
    ('"team": -1e999', "SHAPE-JSON", "$.team"),
    ('"team": ' + "8" * 5000, "SHAPE-JSON", "$.team"),
    (f'"team": "{CANARY} \\udc00"', "SHAPE-ENCODING", "$.team"),
]


def _with(record: dict[str, object], written: str) -> str:
    """``record`` as JSON text ending with ``written`` (its keys taken out of ``record`` first)."""
    given = json.loads("{" + written + "}", parse_int=str, parse_float=str, parse_constant=str)
    return json.dumps({k: v for k, v in record.items() if k not in given})[:-1] + ", " + written + "}"


class TestJsonThisLibraryDoesNotRead:
    """A key given twice, NaN, a number too large, a lone surrogate: the record is not read, located; the rest go on."""

    @pytest.mark.parametrize(("written", "code", "path"), _NOT_READ)
    def test_a_json_line(self, samples, written, code, path):
        data = _line(samples[0]) + (_with(samples[1], written) + "\n").encode() + _line(samples[2])
        items = _records(data)
        assert [type(i) for i in items] == [RawRecord, Unreadable, RawRecord]
        (problem,) = items[1].problems
        assert (problem.code, problem.path, problem.line) == (code, path, 2)
        assert CANARY not in problem.message

    @pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
    @pytest.mark.parametrize("case", _NOT_READ)
    def test_an_item_of_a_json_array_and_reading_goes_on(self, samples, monkeypatch, chunk, case):
        written, code, path = case
        monkeypatch.setattr(msp_io._JsonDocument, "_CHUNK", chunk)
        text = "[\n" + ",\n".join([json.dumps(samples[0]), _with(samples[1], written), json.dumps(samples[2])]) + "\n]"
        items = _records(text.encode(), "json")
        assert [type(i) for i in items] == [RawRecord, Unreadable, RawRecord]
        assert [i.line for i in items] == [2, 3, 4]
        (problem,) = items[1].problems
        assert (problem.code, problem.path, problem.line) == (code, path, 3)
        assert "reading stopped" not in problem.message
        assert CANARY not in problem.message

    def test_one_top_level_object_giving_a_key_twice(self, samples):
        (item,) = _records(
            _with(samples[0], '"received_on": "2025-01-01", "received_on": "2025-01-02"').encode(), "json"
        )
        assert isinstance(item, Unreadable)
        assert [(p.code, p.path) for p in item.problems] == [("SHAPE-JSON", "$.received_on")]

    def test_keys_repeat_across_the_objects_of_a_list(self, samples):
        record = next(r for r in samples if len(r.get("desired_outcomes", [])) > 1)
        items = _records(_line(record) + _line(record), "jsonl") + _records(json.dumps([record]).encode(), "json")
        assert [type(i) for i in items] == [RawRecord] * 3
        assert items[2].data == record

    def test_bad_bytes_are_still_an_encoding_problem_of_the_record(self):
        items = _records(b'[{"team": "\xed\xa0\x80"}, {"team": "\\ud800"}]', "json")
        assert [_codes(i) for i in items] == [["SHAPE-ENCODING"], ["SHAPE-ENCODING"]]
        assert "not valid UTF-8" in items[0].problems[0].message
        assert items[0].problems[0].path == "$"
        assert items[1].problems[0].path == "$.team"
        assert "lone surrogate" in items[1].problems[0].message

    def test_an_escaped_pair_is_read_as_one_character(self):
        (item,) = _records(b'{"team": "\\ud83d\\ude00"}\n')
        assert isinstance(item, RawRecord)
        assert item.data == {"team": "\U0001f600"}


class TestCsv:
    """CSV rows carry their line, and a bad row or cell spoils only itself; a bad header stops the file."""

    HEADER = b"concern_id,adult.adult_id,received_on,team,views.in_own_words\r\n"

    def test_rows_carry_the_line_they_start_on(self):
        """The header is line 1; a cell with a line break makes the next row start later."""
        data = self.HEADER + b'C1,A1,2025-04-01,T,"one\r\ntwo"\r\nC2,A2,2025-04-02,T,x\r\n'
        items = _records(data, "csv")
        assert [i.line for i in items] == [2, 4]
        assert items[0].data["views"] == {"in_own_words": "one\r\ntwo"}

    def test_blank_rows_are_skipped_and_not_counted(self):
        """Empty rows and rows of empty cells are not records."""
        data = self.HEADER + b"\r\n,,,,\r\nC1,A1,2025-04-01,T,x\r\n  , ,,,\r\n"
        items = _records(data, "csv")
        assert [i.line for i in items] == [4]

    def test_byte_order_mark_is_dropped_from_the_header(self):
        """Excel's UTF-8 BOM does not become part of the first column's name."""
        items = _records(b"\xef\xbb\xbf" + self.HEADER + b"C1,A1,2025-04-01,T,x\n", "csv")
        assert [type(i) for i in items] == [RawRecord]
        assert items[0].data["concern_id"] == "C1"

    def test_undecodable_byte_spoils_only_its_row(self):
        """SHAPE-ENCODING names the column, never the value."""
        data = self.HEADER + b"C1,A1,2025-04-01,T\xffeam,x\nC2,A2,2025-04-02,T,x\n"
        items = _records(data, "csv")
        assert [_codes(i) for i in items] == [["SHAPE-ENCODING"], []]
        assert "column 4 (team)" in items[0].problems[0].message

    def test_long_line_is_too_long(self):
        """A row with a line over the limit is SHAPE-TOO-LONG; the next row is read."""
        data = self.HEADER + b"C1,A1,2025-04-01,T," + b"x" * 3000 + b"\nC2,A2,2025-04-02,T,x\n"
        items = _records(data, "csv", max_record_bytes=1000)
        assert [_codes(i) for i in items] == [["SHAPE-TOO-LONG"], []]
        assert [i.line for i in items] == [2, 3]

    def test_more_cells_than_the_header_is_a_csv_problem(self):
        """A row wider than the header is unreadable (a stray delimiter or quote)."""
        items = _records(self.HEADER + b"C1,A1,2025-04-01,T,x,surplus\n", "csv")
        assert _codes(items[0]) == ["SHAPE-CSV"]

    def test_fewer_cells_than_the_header_are_missing_values(self):
        """Short rows (spreadsheets drop trailing empty cells) are read."""
        (item,) = _records(self.HEADER + b"C1,A1\n", "csv")
        assert isinstance(item, RawRecord)
        assert item.data == {"schema_version": msp.SCHEMA_VERSION, "concern_id": "C1", "adult": {"adult_id": "A1"}}

    def test_unknown_columns_are_one_file_problem_on_the_header(self):
        """A column not in the layout is reported once, on line 1, and its cells ignored."""
        data = b"concern_id,Worker Name\nC1,Someone\nC2,Someone Else\n"
        items = _records(data, "csv")
        assert [type(i) for i in items] == [FileProblem, RawRecord, RawRecord]
        assert items[0].line == 1
        assert _codes(items[0]) == ["SHAPE-COLUMN"]
        assert "'Worker Name'" in items[0].problems[0].message
        assert "Someone" not in repr(items[1].data)

    def test_a_header_with_bad_bytes_stops_the_file(self):
        """Without a readable header no row can be placed: one file problem."""
        items = _records(b"concern_id,te\xffam\nC1,T\n", "csv")
        assert [type(i) for i in items] == [FileProblem]

    def test_the_mapping_sets_delimiter_and_encoding(self):
        """A semicolon-separated cp1252 file reads with the mapping's settings."""
        mapping = CsvMapping(delimiter=";", encoding="cp1252")
        data = "concern_id;team\nC1;Équipe Nord\n".encode("cp1252")
        (item,) = _records(data, "csv", mapping=mapping)
        assert isinstance(item, RawRecord)
        assert item.data["team"] == "Équipe Nord"


class TestCsvDamage:
    """A quote out of place, or a file without its header, never loses rows silently."""

    HEADER = b"concern_id,adult.adult_id,received_on,team\n"

    @staticmethod
    def _rows(*numbers: int, bad: int | None = None) -> bytes:
        return b"".join(
            f"C{n},A{n},0{n % 9 + 1}/04/2025,{chr(34) if n == bad else ''}North\n".encode() for n in numbers
        )

    def test_an_unclosed_quote_is_reported_and_the_rows_after_it_are_read(self):
        """The runaway row is SHAPE-CSV on its own line; the rows it swallowed are read as rows."""
        items = _records(self.HEADER + self._rows(1, 2, 3, 4, 5, bad=3), "csv")
        assert [i.line for i in items] == [2, 3, 4, 5, 6]
        assert [_codes(i) for i in items] == [[], [], ["SHAPE-CSV"], [], []]
        assert "lines 4-6" in items[2].problems[0].message
        assert [i.data["concern_id"] for i in items if isinstance(i, RawRecord)] == ["C1", "C2", "C4", "C5"]

    def test_an_unclosed_quote_on_the_last_row_is_reported(self):
        """Even with nothing after it, the row with the open quote is not taken as read."""
        items = _records(self.HEADER + self._rows(1, 2, bad=2), "csv")
        assert [_codes(i) for i in items] == [[], ["SHAPE-CSV"]]
        assert items[1].line == 3

    def test_a_quoted_cell_with_line_breaks_is_not_damage(self):
        """Closed quotes across lines are one cell, as before."""
        items = _records(self.HEADER + b'C1,A1,01/04/2025,"North\nand South"\nC2,A2,02/04/2025,x\n', "csv")
        assert [_codes(i) for i in items] == [[], []]
        assert [i.line for i in items] == [2, 4]

    def test_a_runaway_quote_past_the_field_limit_is_too_long_and_reading_goes_on(self):
        """A cell that grows past the limit is SHAPE-TOO-LONG; the lines it swallowed are read again."""
        saved = csv.field_size_limit()
        try:
            csv.field_size_limit(10)  # the reader raises it to the record limit it is given
            numbers = range(1, 200)
            items = _records(self.HEADER + self._rows(*numbers, bad=5), "csv", max_record_bytes=1000)
        finally:
            csv.field_size_limit(saved)
        assert len(items) == len(numbers)
        assert [(i.line, _codes(i)) for i in items if not isinstance(i, RawRecord)] == [(6, ["SHAPE-TOO-LONG"])]
        assert "never closed" in items[4].problems[0].message

    def test_a_file_without_its_header_is_one_problem_that_names_no_cell(self):
        """When no header cell is a layout column, the first row is probably data: nothing of it is echoed."""
        items = _records(b"C1,A1,01/04/2025," + CANARY.encode() + b"\nC2,A2,02/04/2025,North\n", "csv")
        assert [type(i) for i in items] == [FileProblem]
        assert _codes(items[0]) == ["SHAPE-COLUMN"]
        assert "header row missing" in _messages(items)
        assert "Quux" not in _messages(items)
        assert "C1" not in _messages(items)

    def test_a_json_message_reads_as_a_sentence(self):
        """ "Unterminated string starting at column N", not "starting (column N)"."""
        (item,) = _records(b'{"team": "North\n')
        assert item.problems[0].message == "not valid JSON: Unterminated string starting at column 10"  # type: ignore[union-attr]
        (item,) = _records(b'{"team": }\n')
        assert item.problems[0].message == "not valid JSON: Expecting value (column 10)"  # type: ignore[union-attr]


class TestFormats:
    """The format is detected by extension then content, and unknown formats and limits are refused."""

    @pytest.mark.parametrize(
        ("name", "head", "expected"),
        [
            ("a.jsonl", b"", "jsonl"),
            ("a.ndjson", b"", "jsonl"),
            ("a.json", b"{", "json"),
            ("a.CSV", b"", "csv"),
            ("extract", b"\xef\xbb\xbf  [", "json"),
            ("extract", b"\n{", "jsonl"),
            ("extract", b"concern_id,team", "csv"),
        ],
    )
    def test_detect_format_by_extension_then_content(self, name, head, expected):
        """Extension first; otherwise [ is JSON, { is JSON Lines, anything else CSV."""
        assert detect_format(name, head) == expected

    def test_auto_format_reads_a_file_by_its_first_character(self, tmp_path: Path, samples):
        """A file with no known extension is sniffed."""
        path = tmp_path / "extract.dat"
        path.write_bytes(_line(samples[0]))
        reader = Reader(path)
        items = list(reader.records())
        assert reader.format == "jsonl"
        assert isinstance(items[0], RawRecord)

    def test_a_tsv_file_is_tab_separated(self, tmp_path: Path):
        """A .tsv file needs no mapping to be read with tabs; a mapping's own delimiter still wins."""
        path = tmp_path / "extract.tsv"
        path.write_bytes(b"concern_id\tteam\nC1\tNorth, East\n")
        (item,) = read_records(path)
        assert isinstance(item, RawRecord)
        assert item.data["team"] == "North, East"
        path.write_bytes(b"concern_id;team\nC1;North\n")
        (item,) = read_records(path, mapping=CsvMapping(delimiter=";"))
        assert isinstance(item, RawRecord)
        assert item.data["team"] == "North"

    def test_a_utf16_file_is_one_encoding_problem(self, tmp_path: Path, samples):
        """A UTF-16 file (PowerShell's default) is named as such once, not as thousands of bad lines."""
        path = tmp_path / "x.jsonl"
        path.write_bytes(_line(samples[0]).decode().encode("utf-16"))
        items = list(read_records(path))
        assert [type(i) for i in items] == [FileProblem]
        assert "UTF-16" in items[0].problems[0].message

    def test_read_records_is_the_short_way(self, tmp_path: Path, samples):
        """read_records(path) yields decoded items."""
        path = tmp_path / "x.jsonl"
        path.write_bytes(b"".join(_line(r) for r in samples[:2]))
        assert len(list(read_records(path))) == 2

    def test_unknown_format_and_bad_limit_are_refused(self):
        """Bad arguments fail at once."""
        with pytest.raises(ValueError, match="format"):
            Reader("x", "xml")
        with pytest.raises(ValueError, match="max_record_bytes"):
            Reader("x", max_record_bytes=0)

    def test_decode_passes_finished_items_through(self):
        """decode() leaves records, unreadables and file problems as they are."""
        item = RawRecord(3, {"a": 1})
        assert decode(item) is item
