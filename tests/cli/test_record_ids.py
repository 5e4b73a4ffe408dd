"""A record is named only by a value that looks like an id: a name and address typed into an id
field never reaches any output of ``msp validate``, ``msp sac`` or ``msp audit``, in any format,
with one worker or two, from JSON Lines or CSV.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from msp import cli, validate
from msp.convert.flat import compile_header
from msp.errors import ID_PATTERN, InvalidRecord, Problem, record_id_of, safe_id
from msp.reports.sac_return import Uncounted
from msp.synth import generate

PERSONAL_ID = "Jane Smith, 12 High St"
"""A made-up name and address typed where an id belongs."""
PERSONAL_FRAGMENTS = ("Jane", "Smith", "High St")


class TestSafeId:
    """The one function that decides what of a record may be shown as its id."""

    @pytest.mark.parametrize("value", ["C000001", "a", "x" * 64, "LA:123/4-5_6.7"])
    def test_an_id_is_shown(self, value):
        assert safe_id(value) == value

    @pytest.mark.parametrize(
        "value",
        [PERSONAL_ID, "", " C1", "C1\n", "x" * 65, "-C1", 123, None, ["C1"], b"C1", "Jané"],
    )
    def test_anything_else_is_not(self, value):
        assert safe_id(value) is None

    def test_a_str_subclass_is_not_trusted(self):
        class Sneaky(str):
            __slots__ = ()

        assert safe_id(Sneaky("C1")) is None

    def test_pattern_and_function_agree(self):
        assert ID_PATTERN.match("C1")
        assert not ID_PATTERN.match(PERSONAL_ID)

    def test_record_id_of_takes_the_first_showable_key(self):
        assert record_id_of({"concern_id": PERSONAL_ID, "adult_id": "A1"}) == "A1"
        assert record_id_of({"concern_id": "C1", "adult_id": "A1"}) == "C1"
        assert record_id_of({"concern_id": PERSONAL_ID}) is None
        assert record_id_of([PERSONAL_ID]) is None
        assert record_id_of(None) is None

    def test_invalid_record_and_uncounted_never_keep_a_non_id(self):
        exc = InvalidRecord((Problem(code="SHAPE-ID", path="$.concern_id", message="bad"),), PERSONAL_ID)
        assert exc.record_id is None
        assert "Jane" not in str(exc)
        assert Uncounted(record_id=PERSONAL_ID, tables="all", reason="x").record_id is None
        assert Uncounted(record_id="C1", tables="all", reason="x").record_id == "C1"


def _records() -> list[dict[str, Any]]:
    """Six generated records, the last of them one with findings to name (a seed alone cannot promise one)."""
    records = [json.loads(json.dumps(r)) for r in generate(40, seed=5)]
    with_findings = next(r for r in records[5:] if validate(r).findings)
    return [*records[:5], with_findings]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A JSON Lines file and a CSV file in which ids hold a name and address."""
    folder = tmp_path_factory.mktemp("ids")
    records = _records()
    only_id = dict(records[0], concern_id=PERSONAL_ID)  # otherwise valid
    id_and_more = dict(records[1], concern_id=PERSONAL_ID, team=7)  # a second problem
    adult_too = dict(records[2], concern_id=PERSONAL_ID)
    adult_too["adult"] = dict(adult_too["adult"], adult_id=PERSONAL_ID)
    lines = [only_id, id_and_more, adult_too, *records[3:]]
    jsonl = folder / "ids.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")

    header = ["concern_id", "adult.adult_id", "received_on", "source_of_concern"]
    compile_header(header)  # the flat layout knows these columns
    csv_path = folder / "ids.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow([PERSONAL_ID, "A000001", "02/06/2025", ""])
        writer.writerow(["C000002", PERSONAL_ID, "02/06/2025", ""])
        writer.writerow([PERSONAL_ID, PERSONAL_ID, "not a date", ""])
    return {"jsonl": jsonl, "csv": csv_path}


def _outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> str:
    """Everything a command prints and writes, standard output, error and the output file."""
    out_file = tmp_path / "out"
    cli.main([*argv, "-o", str(out_file)])
    first_out, first_err = capsys.readouterr()
    cli.main(list(argv))
    out, err = capsys.readouterr()
    return "\n".join((first_out, first_err, out_file.read_text(encoding="utf-8"), out, err))


COMMANDS = [
    *[("validate", "--report", fmt, "--jobs", jobs) for fmt in ("text", "json", "csv") for jobs in ("1", "2")],
    *[("sac", "--year", "2025-26", "--format", fmt) for fmt in ("text", "json", "csv")],
    *[("sac", "--year", "2025-26", "--suppress", "--format", fmt) for fmt in ("text", "json")],
    *[("audit", "--as-of", "2026-03-31", "--format", fmt) for fmt in ("text", "json", "csv", "html")],
]


class TestNoPersonalIdInAnyOutput:
    """Every command, format and worker count, on JSON Lines and CSV input."""

    @pytest.mark.parametrize("kind", ["jsonl", "csv"])
    @pytest.mark.parametrize("argv", COMMANDS, ids="-".join)
    def test_never_shown(self, inputs, kind, argv, capsys, tmp_path):
        command, *options = argv
        text = _outputs(capsys, tmp_path, command, str(inputs[kind]), *options)
        for fragment in PERSONAL_FRAGMENTS:
            assert fragment not in text, (command, options, kind)

    def test_records_with_an_id_are_still_named(self, inputs, capsys):
        cli.main(["validate", str(inputs["jsonl"]), "--report", "json"])
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
        by_line = {row["line"]: row["record_id"] for row in rows if row["type"] == "finding"}
        assert by_line[1] is None  # the id is a name and address: not shown
        assert by_line[2] is None
        assert by_line[3] is None  # the adult id is no better
        named = {line: rid for line, rid in by_line.items() if line > 3}
        assert named, "the valid records have findings to name"
        assert all(rid == _records()[line - 1]["concern_id"] for line, rid in named.items())
