"""msp codes and msp migrate, end to end: output, exit status, located problems, counts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import msp
from msp import cli
from msp.codes import TypeOfRisk, export

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1"
CANARY = "Zebedee Quuxworth"
"""A made-up personal value planted in broken lines: it must never be printed."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _v1_records() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(V1.glob("*.json"))]


class TestCodesCommand:
    """msp codes writes export() as JSON or as list,code,label rows; an unknown list exits 2."""

    def test_json_is_the_export(self, capsys):
        code, out, err = _run(capsys, "codes")
        assert (code, err) == (0, "")
        assert json.loads(out) == export()

    def test_csv_has_one_row_per_code(self, tmp_path, capsys):
        target = tmp_path / "codes.csv"
        code, out, _ = _run(capsys, "codes", "--format", "csv", "-o", str(target))
        assert (code, out) == (0, "")
        text = target.read_bytes().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == ["list", "code", "label"]
        expected = [[n, c["code"], c["label"]] for n, e in export()["lists"].items() for c in e["codes"]]
        assert rows[1:] == expected
        assert text.count("\r\n") == len(rows)

    def test_one_list_with_its_mappings(self, capsys):
        code, out, _ = _run(capsys, "codes", "sacethnicity")
        data = json.loads(out)
        assert code == 0
        assert list(data["lists"]) == ["SacEthnicity"]
        assert set(data["mappings"]) == {"NHS_ETHNIC_CATEGORY_TO_SAC", "CENSUS_2021_TO_SAC_ETHNICITY"}
        code, out, _ = _run(capsys, "codes", "TypeOfRisk", "--format", "csv")
        assert len(out.splitlines()) == 1 + len(TypeOfRisk)

    def test_an_unknown_list_exits_2_with_one_line(self, capsys):
        code, out, err = _run(capsys, "codes", "NoSuchList")
        assert (code, out) == (2, "")
        assert err.startswith("msp codes: unknown code list")
        assert err.count("\n") == 1


class TestMigrateCommand:
    """msp migrate rewrites records at the current version and locates each line it could not migrate."""

    def test_v1_fixtures_migrate_and_read_back(self, tmp_path, capsys):
        records = _v1_records()
        source, target = tmp_path / "v1.jsonl", tmp_path / "out.jsonl"
        source.write_text("".join(json.dumps(r, indent=None) + "\n" for r in records), encoding="utf-8")
        code, out, err = _run(capsys, "migrate", str(source), "-o", str(target))
        assert (code, out) == (0, "")
        assert err == f"{len(records)} read, {len(records)} migrated, 0 not migrated\n"
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(records)
        for line, old in zip(lines, records, strict=True):
            assert line.startswith(f'{{"schema_version":{msp.SCHEMA_VERSION},')
            new = json.loads(line)
            assert line == json.dumps(new, ensure_ascii=False, separators=(",", ":"))  # compact
            assert list(new)[1:] == [k for k in old if k != "schema_version"]  # field order as given
            assert msp.from_dict(new) == msp.from_dict(old)

    def test_bad_lines_are_reported_and_good_lines_written(self, tmp_path, capsys):
        records = _v1_records()
        current = json.dumps(msp.to_dict(msp.from_dict(records[0])), indent=1).replace("\n", "")
        lines = [
            json.dumps(records[0]),
            '{"schema_version": 1, "concern_id": "' + CANARY,  # 2: broken
            json.dumps(dict(records[1], schema_version=3, team=CANARY)),  # 3: a version this library cannot read
            "",  # blank: not a record
            json.dumps([CANARY]),  # 5: not an object
            current,  # 6: already current: written through unchanged
            json.dumps(dict(records[2], feedback=CANARY)),  # 7: a v2 field in a v1 record
            json.dumps(records[3]),
        ]
        source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
        source.write_bytes(("\r\n".join(lines) + "\r\n").encode())
        code, out, err = _run(capsys, "migrate", str(source), "-o", str(target))
        assert (code, out) == (1, "")
        assert CANARY not in err
        problems = err.splitlines()[:-1]
        assert [p.split(": ", 1)[0] for p in problems] == [f"{source}:{n}" for n in (2, 3, 5, 7)]
        assert [p.split(" ")[1] for p in problems] == ["SHAPE-JSON", "SHAPE-SCHEMA", "SHAPE-TYPE", "SHAPE-EXTRA"]
        assert problems[3].split(" ")[2] == "$.feedback"
        assert err.splitlines()[-1] == "7 read, 3 migrated, 4 not migrated"
        written = target.read_text(encoding="utf-8").splitlines()
        assert len(written) == 3
        assert written[1] == current
        assert [msp.from_dict(json.loads(w)).concern_id for w in written] == [
            records[0]["concern_id"],
            records[0]["concern_id"],
            records[3]["concern_id"],
        ]

    def test_standard_input_to_standard_output(self, capsys, monkeypatch):
        record = _v1_records()[0]
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((json.dumps(record) + "\n").encode())))
        code, out, err = _run(capsys, "migrate", "-")
        assert code == 0
        assert json.loads(out)["schema_version"] == msp.SCHEMA_VERSION
        assert err == "1 read, 1 migrated, 0 not migrated\n"

    def test_bad_bytes_are_located(self, tmp_path, capsys):
        source = tmp_path / "in.jsonl"
        source.write_bytes(json.dumps(_v1_records()[0]).encode() + b'\n{"a": "\xff"}\n')
        code, _, err = _run(capsys, "migrate", str(source), "-o", str(tmp_path / "out.jsonl"))
        assert code == 1
        assert err.splitlines()[0].startswith(f"{source}:2: SHAPE-ENCODING $ ")

    def test_it_cannot_run_without_its_input_or_onto_it(self, tmp_path, capsys):
        missing = tmp_path / "missing.jsonl"
        code, _, err = _run(capsys, "migrate", str(missing), "-o", str(tmp_path / "out.jsonl"))
        assert code == 2
        assert err.startswith("msp migrate: cannot access")
        assert not (tmp_path / "out.jsonl").exists()
        source = tmp_path / "in.jsonl"
        source.write_text(json.dumps(_v1_records()[0]) + "\n", encoding="utf-8")
        code, _, err = _run(capsys, "migrate", str(source), "-o", str(source))
        assert code == 2
        assert err.count("\n") == 1
