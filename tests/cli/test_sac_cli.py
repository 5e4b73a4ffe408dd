"""msp sac: progress on a terminal, what it says it wrote, counts by reason, --uncounted FILE, --max-record-bytes
and --disclosure."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import types
from pathlib import Path

import pytest

from msp import cli
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES
from msp.reports.sac_return import COLUMNS, DISCLOSURE_RULES, UNCOUNTED_COLUMNS, sac_files
from tests.cli.conftest import BIG, LONG_LINE, FakeBar, Terminal


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestProgress:
    """A progress display on a terminal only, as msp validate draws one; --no-progress and -q turn it off."""

    def _on_terminal(self, monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str]:
        err = Terminal()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(cli.sac, "_clock", iter(range(0, 10_000_000, 10)).__next__)
        return cli.main(["sac", *argv]), err.getvalue()

    def test_a_tqdm_bar_counts_the_records(self, big_extract, monkeypatch):
        FakeBar.made = []
        monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
        self._on_terminal(monkeypatch, str(big_extract), "--year", "2025-26", "-o", "-")
        assert len(FakeBar.made) == 1
        bar = FakeBar.made[0]
        assert (bar.kwargs["desc"], bar.kwargs["unit"], bar.kwargs.get("total")) == ("big.jsonl", " records", None)
        built = sac_files([str(big_extract)], "2025-26")
        not_read = sum(1 for u in built.uncounted if u.reason.startswith("could not be read"))
        assert BIG - not_read <= bar.n <= BIG
        assert bar.closed

    def test_without_tqdm_a_line_of_text_is_drawn_and_cleared(self, big_extract, monkeypatch):
        monkeypatch.setitem(sys.modules, "tqdm", None)
        _, err = self._on_terminal(monkeypatch, str(big_extract), "--year", "2025-26", "--format", "json")
        assert "big.jsonl: " in err
        assert " records (" in err
        assert "\r\x1b[K" in err

    @pytest.mark.parametrize("off", ["--no-progress", "-q"])
    def test_no_progress_when_asked(self, off, big_extract, monkeypatch):
        monkeypatch.setitem(sys.modules, "tqdm", None)
        _, err = self._on_terminal(monkeypatch, str(big_extract), "--year", "2025-26", "--format", "csv", off)
        assert "\r" not in err
        assert ("msp sac: wrote" in err) is (off == "--no-progress")

    def test_no_progress_when_standard_error_is_not_a_terminal(self, big_extract, capsys):
        _, _, err = _run(capsys, "sac", str(big_extract), "--year", "2025-26", "--format", "csv")
        assert "\r" not in err


class TestWhatItSays:
    """Standard error says what was written, with numbers for people; the list of items only on request."""

    def test_writing_to_a_file_says_where_with_thousands_separators(self, big_extract, tmp_path, capsys):
        out_file = tmp_path / "sac.txt"
        code, out, err = _run(capsys, "sac", str(big_extract), "--year", "2025-26", "-o", str(out_file))
        ret = sac_files([str(big_extract)], "2025-26")
        assert out == ""
        assert out_file.read_text(encoding="utf-8") == ret.to_text()
        lines = err.splitlines()
        assert lines[0] == f"msp sac: wrote the 2025-26 return (text) to {out_file}"
        assert "  records read: 1,500" in lines
        assert f"Records read: {BIG:,}." in ret.to_text()
        by_reason = "by reason (--uncounted FILE lists each one):"
        assert f"  not counted: {len(ret.uncounted):,} record(s) or item(s), {by_reason}" in lines
        assert code == (1 if any(f.severity.value == "error" for f in ret.findings) else 0)

    def test_nothing_is_listed_item_by_item_and_the_wording_is_one(self, big_extract, capsys):
        _, _, err = _run(capsys, "sac", str(big_extract), "--year", "2025-26", "--format", "csv")
        assert f"{big_extract}:" not in err
        assert "could not be read (all)" in err
        assert "could not be built" not in err
        assert len(err.splitlines()) < 30

    def test_the_csv_keeps_plain_numbers(self, big_extract, capsys):
        _, out, _ = _run(capsys, "sac", str(big_extract), "--year", "2025-26", "--format", "csv")
        values = [row["VALUE"] for row in csv.DictReader(io.StringIO(out))]
        assert all(v.isdigit() for v in values)
        assert max(int(v) for v in values) >= 100

    def test_json_keeps_plain_numbers_and_counts_by_reason(self, big_extract, capsys):
        _, out, _ = _run(capsys, "sac", str(big_extract), "--year", "2025-26", "--format", "json")
        data = json.loads(out)
        assert data["records"] == BIG
        assert data["disclosure"] is None
        assert sum(r["records"] for r in data["uncounted_by_reason"] if r["reason"] == "could not be read") == sum(
            1 for u in data["uncounted"] if u["reason"].startswith("could not be read")
        )

    def test_quiet_says_nothing(self, big_extract, tmp_path, capsys):
        code, out, err = _run(
            capsys, "sac", str(big_extract), "--year", "2025-26", "-q", "-o", str(tmp_path / "s.csv"), "--format", "csv"
        )
        assert (out, err) == ("", "")
        assert code in (0, 1)


class TestUncountedFile:
    """--uncounted FILE: every item not counted, as CSV, with no value from a record."""

    def test_the_file_lists_every_item(self, big_extract, tmp_path, capsys):
        listing = tmp_path / "uncounted.csv"
        _, _, err = _run(
            capsys, "sac", str(big_extract), "--year", "2025-26", "--format", "json", "--uncounted", str(listing)
        )
        ret = sac_files([str(big_extract)], "2025-26")
        text = listing.read_bytes().decode("utf-8")
        assert text == ret.uncounted_csv()
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert tuple(rows[0]) == UNCOUNTED_COLUMNS
        assert len(rows) >= len(ret.uncounted)
        assert {r["file"] for r in rows} == {str(big_extract)}
        assert all(r["reason_code"] and r["path"].startswith("$") for r in rows)
        assert f"(each one is listed in {listing})" in err

    def test_the_listing_carries_no_personal_value(self, tmp_path, capsys):
        """A name typed into the id and into a date: neither reaches the listing or standard error."""
        canary = "Zebedee Quuxworth"
        good = {"schema_version": 2, "concern_id": "C1", "received_on": "2025-05-01", "adult": {"adult_id": "A1"}}
        records = [good, {**good, "concern_id": canary}, {**good, "concern_id": "C3", "received_on": canary}]
        extract = tmp_path / "x.jsonl"
        extract.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        listing = tmp_path / "u.csv"
        _, out, err = _run(capsys, "sac", str(extract), "--year", "2025-26", "--uncounted", str(listing), "-o", "-")
        for text in (out, err, listing.read_text(encoding="utf-8")):
            assert "Quux" not in text
        rows = list(csv.DictReader(io.StringIO(listing.read_text(encoding="utf-8"), newline="")))
        assert [(r["line"], r["record_id"], r["reason_code"]) for r in rows] == [
            ("2", "", "SHAPE-ID"),
            ("3", "C3", "SHAPE-DATE"),
        ]

    @pytest.mark.parametrize("clash", [["--uncounted", "-"], ["--uncounted", "{out}", "-o", "{out}"]])
    def test_the_listing_needs_a_file_of_its_own(self, clash, big_extract, tmp_path, capsys):
        argv = [a.format(out=tmp_path / "same.csv") for a in clash]
        code, out, err = _run(capsys, "sac", str(big_extract), "--year", "2025-26", *argv)
        assert (code, out) == (2, "")
        assert err == "msp sac: --uncounted needs a file of its own, not standard output or the -o file\n"


class TestMaxRecordBytes:
    """--max-record-bytes SIZE, as msp validate reads it: a longer line is one record read and not counted
    (SHAPE-TOO-LONG), skipped without being held in memory; every other line is counted as usual."""

    def test_a_longer_line_is_not_counted_and_every_other_line_is(self, long_line_extract, tmp_path, capsys):
        path, rest = long_line_extract
        listing = tmp_path / "uncounted.csv"
        argv = ["--year", "2025-26", "--format", "json", "--uncounted", str(listing)]
        code, out, err = _run(capsys, "sac", str(path), *argv, "--max-record-bytes", "16k")
        ret = sac_files([str(path)], "2025-26", max_record_bytes=16 * 1024)
        assert out == ret.to_json()
        assert code == (1 if any(f.severity.value == "error" for f in ret.findings) else 0)
        assert "  records read: 40" in err.splitlines()
        assert any(re.fullmatch(r" +1  SHAPE-TOO-LONG +could not be read \(all\)", line) for line in err.splitlines())
        rows = list(csv.DictReader(io.StringIO(listing.read_text(encoding="utf-8"), newline="")))
        not_read = [(r["line"], r["record_id"], r["reason_code"], r["tables"]) for r in rows if r["tables"] == "all"]
        assert not_read == [(str(LONG_LINE), "", "SHAPE-TOO-LONG", "all")]
        assert json.loads(out)["rows"] == json.loads(sac_files([str(rest)], "2025-26").to_json())["rows"]

    def test_the_default_is_10m_and_reads_the_long_line(self, long_line_extract, capsys):
        path, _ = long_line_extract
        _, out, err = _run(capsys, "sac", str(path), "--year", "2025-26", "--format", "json")
        assert out == sac_files([str(path)], "2025-26").to_json()
        assert json.loads(out)["records"] == 40
        assert "SHAPE-TOO-LONG" not in out + err
        default = cli._parser().parse_args(["sac", str(path), "--year", "2025-26"]).max_record_bytes
        assert default == DEFAULT_MAX_RECORD_BYTES == 10 * 1024 * 1024
        assert cli._parser().parse_args(["sac", str(path), "--year", "2025-26", "--max-record-bytes", "10M"]) == (
            cli._parser().parse_args(["sac", str(path), "--year", "2025-26"])
        )

    @pytest.mark.parametrize("bad", ["10x", "0", "1.5M", "-1", ""])
    def test_a_bad_size_exits_2_with_one_line_naming_the_option(self, bad, long_line_extract, capsys):
        path, _ = long_line_extract
        code, out, err = _run(capsys, "sac", str(path), "--year", "2025-26", "--max-record-bytes", bad)
        assert (code, out) == (2, "")
        assert len(err.splitlines()) == 1
        assert err.startswith("msp sac: argument --max-record-bytes: ")
        assert "Traceback" not in err


class TestDisclosure:
    """--disclosure csv|tables with --suppress: the rule is applied and said everywhere but the long CSV."""

    @pytest.fixture
    def no_achievement(self, tmp_path: Path) -> Path:
        """Concluded section 42 enquiries where nobody was asked: SG4a's 'achieved' group is all zero."""
        from msp.synth import generate  # noqa: PLC0415

        records = []
        for record in generate(400, seed=5):
            enquiry = record.get("enquiry", {})
            if enquiry.get("concluded_on") and enquiry.get("enquiry_type") == "section_42":
                enquiry = {k: v for k, v in enquiry.items() if k != "outcomes_achieved"}
                record = {**record, "msp_asked": "no", "desired_outcomes": [], "enquiry": enquiry}  # noqa: PLW2901
            records.append(record)
        path = tmp_path / "noach.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path

    @pytest.mark.parametrize("rule", [None, "csv", "tables"])
    def test_each_rule_in_every_output(self, rule, no_achievement, capsys):
        chosen = rule or "csv"
        extra = [] if rule is None else ["--disclosure", rule]
        base = ["sac", str(no_achievement), "--year", "2025-26", "--suppress", *extra]
        ret = sac_files([str(no_achievement)], "2025-26", suppress=True, disclosure=chosen)
        achieved = {r.value for r in ret.table("SG4a") if r.category.endswith("Achieved")}
        assert achieved == ({"[x]"} if chosen == "tables" else {"[c]"})
        _, text, _ = _run(capsys, *base)
        assert f"Disclosure control: {DISCLOSURE_RULES[chosen]} ({chosen})." in text
        _, out, err = _run(capsys, *base, "--format", "json")
        assert json.loads(out)["disclosure"] == chosen
        assert f"  disclosure control: {DISCLOSURE_RULES[chosen]} ({chosen})" in err.splitlines()
        _, out, err = _run(capsys, *base, "--format", "csv")
        assert out == ret.to_csv()
        assert out.splitlines()[0] == ",".join(COLUMNS)
        assert len(out.splitlines()) == len(ret.rows) + 1
        assert f"  disclosure control: {DISCLOSURE_RULES[chosen]} ({chosen})" in err.splitlines()

    def test_without_suppress_the_counts_are_unrounded_and_it_says_so(self, no_achievement, capsys):
        _, _, err = _run(capsys, "sac", str(no_achievement), "--year", "2025-26", "--format", "json")
        assert "  disclosure control: none: the values are the unrounded counts, not for publication" in err

    def test_disclosure_needs_suppress(self, no_achievement, capsys):
        code, out, err = _run(capsys, "sac", str(no_achievement), "--year", "2025-26", "--disclosure", "tables")
        assert (code, out) == (2, "")
        assert err == "msp sac: --disclosure chooses how --suppress writes SG4a: give --suppress too\n"

    def test_an_unknown_rule_is_bad_usage(self, no_achievement, capsys):
        code, _, err = _run(capsys, "sac", str(no_achievement), "--year", "2025-26", "--suppress", "--disclosure", "x")
        assert code == 2
        assert err.startswith("msp sac: argument --disclosure: invalid choice: 'x'")
