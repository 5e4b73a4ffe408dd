"""The msp command, end to end: exit status, line numbers, counts, report formats, and never a
traceback or a personal value.

The corrupted corpus below covers every bad-input case of issue 5. Blank lines are skipped and
are not records: the corpus has 16 lines, 2 of them blank, so 14 records.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
import subprocess
import sys
import types
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import msp
from msp import cli
from msp.codes import CaseStage
from msp.codes.years import CollectionYear
from msp.convert.flat import CsvMapping, compile_header
from msp.errors import Problem
from msp.io.batch import FINDING_COLUMNS, RecordResult
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES
from msp.reports import audit as audit_module
from msp.reports import sac_return
from msp.reports.audit import audit_files
from msp.reports.sac_return import sac_files
from msp.reports.writers import CsvReportWriter, neutralise
from msp.rules import Finding, Report, Severity, rule_set
from msp.synth import generate
from msp.workflow import steps as wf
from msp.workflow.timescales import Policy, load_policy
from tests.builders import CLERK, WORKER, draft
from tests.cli.conftest import LONG_LINE

CANARY = "Zebedee Quuxworth"
"""A made-up personal value planted in broken records: it must never be printed."""

ROOT = Path(__file__).resolve().parents[2]


def _records() -> list[dict[str, Any]]:
    return [json.loads(json.dumps(r)) for r in generate(12, seed=31)]


def _corpus_lines() -> tuple[list[bytes], dict[int, set[str]]]:
    """The corrupted corpus (one entry per physical line) and the codes expected on each line."""
    r = _records()
    lines: list[bytes] = []
    expected: dict[int, set[str]] = {}

    def add(data: bytes, codes: set[str] | None = None) -> None:
        lines.append(data)
        if codes is not None:
            expected[len(lines)] = codes

    dump = lambda rec: json.dumps(rec, ensure_ascii=False).encode()  # noqa: E731
    add(b"\xef\xbb\xbf" + dump(r[0]) + b"\r\n", set())  # 1: byte-order mark, CRLF
    add(dump(dict(r[1], team=CANARY))[:80] + b"\r\n", {"SHAPE-JSON"})  # 2: truncated line
    add(b"[1, 2, 3]\n", {"SHAPE-TYPE"})  # 3: a JSON array
    add(b"42\n", {"SHAPE-TYPE"})  # 4: a number
    add(b"\n")  # 5: blank, not a record
    add(dump(dict(r[2], team=7)) + b"\n", {"SHAPE-TYPE"})  # 6: wrong type
    bad_code = json.loads(json.dumps(r[3]))
    bad_code["risks"] = [{"type_of_risk": "verbal_abuse", "description": CANARY}]
    add(dump(bad_code) + b"\n", {"SHAPE-CODE"})  # 7: unknown code, canary in free text
    bad_byte = json.loads(json.dumps(r[4]))
    bad_byte["adult"]["communication_needs"] = CANARY
    add(dump(bad_byte).replace(b"Quuxworth", b"Quux\xffworth") + b"\n", {"SHAPE-ENCODING"})  # 8: undecodable
    huge = dict(r[5], views={"in_own_words": CANARY + " " + "x" * (20 * 1024 * 1024)})
    add(dump(huge) + b"\n", {"SHAPE-TOO-LONG"})  # 9: a 20 MB field
    add(b"   \t\r\n")  # 10: blank, not a record
    add(dump(r[6]) + b"\r\n", set())  # 11: fine, CRLF
    add(json.dumps(CANARY).encode() + b"\n", {"SHAPE-TYPE"})  # 12: a JSON string
    add(b'{"concern_id": "C000099", "team": "' + CANARY.encode() + b"\n", {"SHAPE-JSON"})  # 13: cut off
    long_text = dict(r[7], views={"in_own_words": (CANARY + " ") * 2000})
    add(dump(long_text) + b"\n", {"SHAPE-TOO-LONG"})  # 14: text over the model's limit
    add(dump(dict(r[8], concern_id=CANARY)) + b"\n", {"SHAPE-ID"})  # 15: a name where the id belongs
    add(dump({**r[9], CANARY: 1}) + b"\n", {"SHAPE-EXTRA"})  # 16: a name as a key
    return lines, expected


RECORDS_IN = 14
UNREADABLE_LINES = {2, 3, 4, 8, 9, 12, 13}
INVALID_LINES = {6, 7, 14, 15, 16}


@pytest.fixture(scope="module")
def corpus_and_expected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, set[str]]]:
    lines, expected = _corpus_lines()
    assert sum(1 for line in lines if line.strip()) == RECORDS_IN
    path = tmp_path_factory.mktemp("corpus") / "corrupt.jsonl"
    path.write_bytes(b"".join(lines))
    return path, expected


@pytest.fixture(scope="module")
def corpus(corpus_and_expected: tuple[Path, dict[int, set[str]]]) -> Path:
    return corpus_and_expected[0]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic records with no error-severity finding."""
    chosen = [r for r in generate(60, seed=4) if not msp.validate(r).has_errors][:10]
    assert chosen
    path = tmp_path_factory.mktemp("clean") / "clean.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _json_report(text: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    objects = [json.loads(line) for line in text.splitlines()]
    assert objects[-1]["type"] == "summary"
    assert all(o["type"] == "finding" for o in objects[:-1])
    return objects[:-1], objects[-1]


def _python_m(*argv: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "msp", *argv],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


class TestCorruptedCorpus:
    """msp validate on the corrupted corpus: every bad line a finding on its line, no value and no traceback shown."""

    def test_exit_status_is_one_and_every_bad_line_is_a_finding_on_its_line(self, corpus_and_expected, capsys):
        """Each bad input becomes the expected finding on its own line, and the run goes on."""
        corpus, expected = corpus_and_expected
        code, out, _ = _run(capsys, "validate", str(corpus), "--report", "json")
        assert code == 1
        findings, _ = _json_report(out)
        by_line: dict[int, set[str]] = {}
        for f in findings:
            by_line.setdefault(f["line"], set()).add(f["code"])
        for line, codes in expected.items():
            shape = {c for c in by_line.get(line, set()) if c.startswith("SHAPE-")}
            assert codes <= shape, (line, shape)
            if not codes:
                assert not shape, line
        assert not {5, 10} & set(by_line), "blank lines are not records"

    def test_records_in_equal_records_accounted_for(self, corpus, capsys):
        """14 records in; 2 checked, 5 not buildable, 7 unreadable; blank lines not counted."""
        _, out, _ = _run(capsys, "validate", str(corpus), "--report", "json")
        _, summary = _json_report(out)
        assert summary["records_read"] == RECORDS_IN == 14
        assert summary["records_accounted"] == RECORDS_IN
        assert summary["records_unreadable"] == len(UNREADABLE_LINES)
        assert summary["records_invalid"] == len(INVALID_LINES)
        assert summary["records_checked"] == RECORDS_IN - len(UNREADABLE_LINES) - len(INVALID_LINES)
        assert summary["records_with_errors"] >= len(UNREADABLE_LINES | INVALID_LINES)

    def test_record_ids_are_given_only_when_they_look_like_ids(self, corpus, capsys):
        """The wrong-type record keeps its id; the record whose id is a name has none."""
        _, out, _ = _run(capsys, "validate", str(corpus), "--report", "json")
        findings, _ = _json_report(out)
        ids = {f["line"]: f["record_id"] for f in findings}
        assert ids[6] == "C000003"
        assert ids[15] is None
        assert ids[2] is None

    @pytest.mark.parametrize("report", ["text", "json", "csv"])
    def test_no_personal_value_and_no_traceback_in_any_output(self, corpus, capsys, tmp_path, report):
        """The canary planted in broken records appears nowhere: stdout, stderr or the report file."""
        code, out, err = _run(capsys, "validate", str(corpus), "--report", report)
        assert code == 1
        out_file = tmp_path / f"report.{report}"
        code2, out2, err2 = _run(capsys, "validate", str(corpus), "--report", report, "-o", str(out_file))
        assert code2 == 1
        for text in (out, err, out2, err2, out_file.read_text(encoding="utf-8")):
            assert CANARY not in text
            assert "Quux" not in text
            assert "Traceback" not in text

    def test_python_dash_m_gives_the_same_exit_status_without_traceback(self, corpus):
        """Run as a separate process: exit 1, no traceback, no canary."""
        done = _python_m("validate", str(corpus), "--report", "csv")
        assert done.returncode == 1
        for stream in (done.stdout, done.stderr):
            assert b"Traceback" not in stream
            assert CANARY.encode() not in stream

    def test_two_jobs_write_the_same_report_as_one(self, corpus, capsys, tmp_path):
        """--jobs 2 output is byte-identical to --jobs 1."""
        reports = []
        for jobs in ("1", "2"):
            out = tmp_path / f"jobs{jobs}.json"
            assert _run(capsys, "validate", str(corpus), "--report", "json", "--jobs", jobs, "-o", str(out))[0] == 1
            reports.append(out.read_bytes())
        assert reports[0] == reports[1]

    def test_text_report_lines_name_file_and_line(self, corpus, capsys):
        """Text findings read file:line: id CODE [severity] path message, then a summary."""
        _, out, _ = _run(capsys, "validate", str(corpus))
        assert f"{corpus}:6: C000003 SHAPE-TYPE [error] $.team " in out
        assert f"{corpus}:9: - SHAPE-TOO-LONG [error] $ " in out
        assert re.search(r"^  records read: +14$", out, re.MULTILINE)

    def test_report_formats_parse_back_to_the_same_findings(self, corpus, capsys):
        """JSON Lines and CSV carry the same rows."""
        _, out_json, _ = _run(capsys, "validate", str(corpus), "--report", "json")
        _, out_csv, err_csv = _run(capsys, "validate", str(corpus), "--report", "csv")
        findings, _ = _json_report(out_json)
        rows = list(csv.DictReader(io.StringIO(out_csv, newline="")))
        assert list(rows[0]) == list(FINDING_COLUMNS)
        assert len(rows) == len(findings)
        assert [(int(r["line"]), r["code"], r["path"]) for r in rows] == [
            (f["line"], f["code"], f["path"]) for f in findings
        ]
        assert re.search(r"^  records read: +14$", err_csv, re.MULTILINE)


class TestExitStatus:
    """Exit status 0, 1 or 2, and a one-line reason on standard error whenever msp cannot run."""

    def test_zero_when_no_error_findings(self, clean, capsys):
        """Records with warnings or advice only: exit 0."""
        code, out, _ = _run(capsys, "validate", str(clean))
        assert code == 0
        assert re.search(r"^  records with errors: +0$", out, re.MULTILINE)

    def test_python_dash_m_exit_codes(self, clean, corpus, tmp_path):
        """0, 1 and 2 from a separate process, with a one-line reason for 2."""
        assert _python_m("validate", str(clean)).returncode == 0
        assert _python_m("validate", str(corpus), "-q").returncode == 1
        missing = _python_m("validate", str(tmp_path / "missing.jsonl"))
        assert missing.returncode == 2
        assert missing.stdout == b""
        assert len(missing.stderr.decode().strip().splitlines()) == 1
        assert b"Traceback" not in missing.stderr

    def test_standard_input_is_read_with_a_dash(self, clean):
        """msp validate - reads standard input."""
        done = _python_m("validate", "-", "--report", "json", stdin=clean.read_bytes())
        assert done.returncode == 0
        summary = json.loads(done.stdout.decode().splitlines()[-1])
        assert summary["records_read"] == len(clean.read_text(encoding="utf-8").splitlines())

    @pytest.mark.parametrize(
        "argv",
        [
            ["validate", "{tmp}/missing.jsonl"],
            ["validate", "{tmp}"],
            ["validate", "{clean}", "--no-such-option"],
            ["validate", "{clean}", "--format", "xml"],
            ["validate", "{clean}", "--report", "pdf"],
            ["validate", "{clean}", "--jobs", "two"],
            ["validate", "{clean}", "--jobs", "-3"],
            ["validate", "{clean}", "--profile", "no-such-profile"],
            ["validate", "{clean}", "--stage", "nowhere"],
            ["validate", "{clean}", "--year", "2025"],
            ["validate", "{clean}", "--max-record-bytes", "lots"],
            ["validate", "{clean}", "--mapping", "{tmp}/bad-mapping.json"],
            ["validate", "{clean}", "--mapping", "{tmp}/missing-mapping.json"],
            ["validate", "{clean}", "-o", "{tmp}/no/such/dir/report.txt"],
            ["validate", "-", "-"],
            ["validate"],
            [],
            ["frobnicate"],
            ["synth", "--count", "-1"],
            ["synth", "--count", "3", "--invalid-share", "2"],
            ["synth"],
            ["rules", "--format", "pdf"],
            ["rules", "--year", "2010-11"],
            ["layout", "--items", "0"],
            ["sac", "{clean}", "--year", "2025-26", "--mapping", "{tmp}/bad-mapping.json"],
            ["audit", "{clean}", "--mapping", "{tmp}/missing-mapping.json"],
        ],
    )
    def test_two_with_a_one_line_reason(self, argv, clean, tmp_path, capsys):
        """Bad usage and unreadable inputs exit 2 with one line on stderr and nothing on stdout."""
        (tmp_path / "bad-mapping.json").write_text('{"colums": {}}', encoding="utf-8")
        args = [a.format(tmp=tmp_path, clean=clean) for a in argv]
        code, out, err = _run(capsys, *args)
        assert code == 2
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert err.startswith("msp")
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("argv", "reason"),
        [
            (["rules", "--year", "2010-11"], "msp rules: argument --year: the Safeguarding Adults Collection began in"),
            (
                ["rules", "--year", "2025-27"],
                "msp rules: argument --year: a collection year spans two consecutive years",
            ),
            (["layout", "--items", "0"], "msp layout: argument --items: a whole number, 1 or more"),
        ],
    )
    def test_reasons_say_what_is_wrong(self, argv, reason, capsys):
        """A usage reason names the real fault, not a generic 'could not run'."""
        code, _, err = _run(capsys, *argv)
        assert code == 2
        assert err.startswith(reason)

    @pytest.mark.parametrize(
        "argv",
        [
            ["synth", "--count", "5000"],
            ["codes"],
            ["codes", "--format", "csv"],
            ["validate", "{big}", "--no-progress"],
            ["validate", "{big}", "--report", "csv"],
            ["sac", "{big}", "--year", "2025-26"],
            ["rules"],
        ],
    )
    def test_a_closed_pipe_ends_quietly(self, argv, big_extract):
        """`msp codes | head`: the reader is gone before the output is written; exit 141 (128 + SIGPIPE), no message.

        The reading end is closed before msp writes a byte, so every write meets a closed pipe, whatever its size.
        """
        with subprocess.Popen(  # noqa: S603 - our own module
            [sys.executable, "-m", "msp", *(a.format(big=big_extract) for a in argv)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        ) as proc:
            assert proc.stdout is not None
            assert proc.stderr is not None
            proc.stdout.close()
            err = proc.stderr.read().decode()
            status = proc.wait(timeout=120)
        assert (status, err) == (cli.CLOSED_PIPE, "")
        assert cli.CLOSED_PIPE == 141

    def test_a_closed_pipe_in_a_shell_pipeline_says_nothing(self, big_extract, tmp_path):
        """The shell's own `| head`: head prints its lines, msp adds no message and no traceback."""
        script = f'"{sys.executable}" -m msp validate "{big_extract}" --no-progress | head -n 3'
        done = subprocess.run(  # noqa: S603 - a fixed pipeline of our own
            ["/bin/sh", "-c", script],
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            cwd=tmp_path,
        )
        assert done.returncode == 0
        assert len(done.stdout.splitlines()) == 3
        assert done.stderr == b""

    def test_a_closed_pipe_in_process_returns_141_and_silences_stdout(self, capsys, monkeypatch):
        """main() itself: a BrokenPipeError from the command is status 141 with nothing on stderr."""

        def closed(_: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        quieted: list[bool] = []
        monkeypatch.setattr(cli.codes, "run", closed)
        monkeypatch.setattr(cli, "quiet_stdout", lambda: quieted.append(True))
        assert cli.main(["codes"]) == 141
        assert quieted == [True]
        assert capsys.readouterr() == ("", "")

    def test_help_and_version_exit_zero(self, capsys):
        """--help and --version are not errors."""
        assert _run(capsys, "validate", "--help")[0] == 0
        code, out, _ = _run(capsys, "--version")
        assert code == 0
        assert out.startswith("msp ")

    def test_an_unexpected_error_is_one_line_not_a_traceback(self, clean, capsys, monkeypatch):
        """A bug inside the run becomes exit 2 and a one-line reason naming only the exception type."""

        def boom(*_: object, **__: object) -> None:
            raise RuntimeError(CANARY)

        monkeypatch.setattr("msp.io.batch.validate_paths", boom)
        code, out, err = _run(capsys, "validate", str(clean))
        assert code == 2
        assert err.strip() == "msp validate: internal error (RuntimeError); please report it"
        assert CANARY not in out + err

    def test_failed_run_leaves_no_partial_report(self, corpus, tmp_path, capsys, monkeypatch):
        """The report is written to a temporary file and moved into place only on success."""

        def boom(*_: object, **__: object) -> None:
            raise RuntimeError

        out = tmp_path / "report.csv"
        monkeypatch.setattr("msp.reports.writers.CsvReportWriter.finish", boom)
        assert _run(capsys, "validate", str(corpus), "--report", "csv", "-o", str(out))[0] == 2
        assert list(tmp_path.iterdir()) == []


class TestOptions:
    """msp validate's options: profile, stage, record size, quiet, and the progress display."""

    def test_profile_by_name_and_by_file(self, clean, tmp_path, capsys):
        """--profile takes a registered name or a profile JSON file."""
        _, out, _ = _run(capsys, "validate", str(clean), "--profile", "sac", "--report", "json")
        findings, _ = _json_report(out)
        assert all(f["code"].startswith(("SAC-", "SHAPE-")) for f in findings)
        profile = tmp_path / "profile.json"
        profile.write_text(json.dumps({"name": "ours", "families": ["MCA"]}), encoding="utf-8")
        _, out, _ = _run(capsys, "validate", str(clean), "--profile", str(profile), "--report", "json")
        findings, _ = _json_report(out)
        assert all(f["code"].startswith(("MCA-", "SHAPE-")) for f in findings)

    def test_stage_changes_which_rules_apply(self, tmp_path, capsys):
        """--stage closed asks more of records still open than their own stages do."""
        early = [r for r in generate(200, seed=4) if r["stage"] != "closed"][:5]
        assert early
        path = tmp_path / "early.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in early), encoding="utf-8")
        _, own, _ = _run(capsys, "validate", str(path), "--report", "json")
        _, closed, _ = _run(capsys, "validate", str(path), "--report", "json", "--stage", "closed")
        assert len(_json_report(closed)[0]) > len(_json_report(own)[0])

    def test_max_record_bytes_is_configurable(self, clean, capsys):
        """A small limit makes every line too long."""
        _, out, _ = _run(capsys, "validate", str(clean), "--report", "json", "--max-record-bytes", "200")
        findings, summary = _json_report(out)
        assert summary["records_unreadable"] == summary["records_read"]
        assert {f["code"] for f in findings} == {"SHAPE-TOO-LONG"}

    def test_quiet_prints_no_summary(self, corpus, capsys):
        """-q leaves standard error empty for a CSV report."""
        code, _, err = _run(capsys, "validate", str(corpus), "--report", "csv", "-q")
        assert code == 1
        assert err == ""

    def test_no_progress_when_stderr_is_not_a_terminal(self, clean, capsys):
        """Scripts and pipes get no progress display."""
        _, _, err = _run(capsys, "validate", str(clean), "--report", "csv")
        assert "\r" not in err

    def test_progress_on_a_terminal(self, clean, monkeypatch):
        """On a terminal without tqdm, a progress line is drawn on stderr and cleared at the end."""

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setitem(sys.modules, "tqdm", None)  # not installed: no bar, no error
        fake_err = Terminal()
        monkeypatch.setattr(sys, "stderr", fake_err)
        monkeypatch.setattr(cli.validate, "_clock", iter(range(0, 100_000, 10)).__next__)
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        assert cli.main(["validate", str(clean)]) == 0
        assert "records (" in fake_err.getvalue()
        assert "\r\x1b[K" in fake_err.getvalue()

    def test_progress_uses_tqdm_where_installed(self, clean, monkeypatch):
        """With tqdm importable, the progress display is a tqdm bar, closed at the end."""
        bars: list[Any] = []

        class FakeBar:
            def __init__(self, **kwargs: Any) -> None:
                self.kwargs, self.n, self.closed, self.postfix = kwargs, 0, False, {}
                bars.append(self)

            def update(self, step: int) -> None:
                self.n += step

            def set_postfix(self, refresh: bool = True, **values: Any) -> None:
                self.postfix = values

            def close(self) -> None:
                self.closed = True

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=FakeBar))
        monkeypatch.setattr(sys, "stderr", Terminal())
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(cli.validate, "_clock", iter(range(0, 100_000, 10)).__next__)
        assert cli.main(["validate", str(clean)]) == 0
        assert len(bars) == 1
        assert bars[0].kwargs["total"] == clean.stat().st_size
        assert bars[0].n == clean.stat().st_size
        assert bars[0].closed


class TestOutputFiles:
    """Files written with -o get the usual permissions, or keep those of the file they replace."""

    def test_a_new_report_file_gets_the_usual_permissions(self, clean, tmp_path, capsys):
        """Written via a temporary file, but not left owner-only: 0666 less the umask."""
        out = tmp_path / "report.csv"
        mask = os.umask(0o027)
        try:
            assert _run(capsys, "validate", str(clean), "--report", "csv", "-o", str(out), "-q")[0] == 0
        finally:
            os.umask(mask)
        assert out.stat().st_mode & 0o777 == 0o640

    def test_a_replaced_file_keeps_its_permissions(self, tmp_path, capsys):
        """Overwriting a file keeps the permissions it had."""
        out = tmp_path / "records.jsonl"
        out.write_text("old\n", encoding="utf-8")
        out.chmod(0o600)
        assert _run(capsys, "synth", "--count", "2", "-o", str(out))[0] == 0
        assert out.stat().st_mode & 0o777 == 0o600
        assert len(out.read_text(encoding="utf-8").splitlines()) == 2


class TestCsvInput:
    """CSV extracts: a mapping file reads local columns and codes; an unmapped column is a file problem."""

    def test_a_council_extract_with_a_mapping_file(self, tmp_path, capsys):
        """Local column names, local codes and UK dates validate with no structure errors."""
        mapping = {
            "columns": {
                "Case Ref": "concern_id",
                "Client": "adult.adult_id",
                "DOB": "adult.date_of_birth",
                "Received": "received_on",
                "Abuse 1": "risks[0].type_of_risk",
                "Where 1": "risks[0].location",
                "Stage": "stage",
            },
            "values": {"risks[].type_of_risk": {"PHY": "physical_abuse"}, "risks[].location": {"HOME": "own_home"}},
            "ignore": ["Worker"],
        }
        (tmp_path / "mapping.json").write_text(json.dumps(mapping), encoding="utf-8")
        extract = tmp_path / "extract.csv"
        extract.write_bytes(
            b"\xef\xbb\xbfCase Ref,Client,DOB,Received,Abuse 1,Where 1,Stage,Worker\r\n"
            b"C1,A1,02/03/1940,15/04/2025,PHY,HOME,concern_received,Some Body\r\n"
            b"C2,A2,31/12/1950,16/04/2025,phy,home,Concern received,Some Body\r\n"
        )
        code, out, _ = _run(
            capsys, "validate", str(extract), "--mapping", str(tmp_path / "mapping.json"), "--report", "json"
        )
        findings, summary = _json_report(out)
        assert summary["records_read"] == summary["records_checked"] == 2
        assert not [f for f in findings if f["code"].startswith("SHAPE-")]
        assert {f["line"] for f in findings} <= {2, 3}
        assert code == (1 if summary["records_with_errors"] else 0)

    def test_an_unmapped_column_fails_the_run_on_line_one(self, tmp_path, capsys):
        """Without the mapping the extract's columns are SHAPE-COLUMN errors on the header."""
        extract = tmp_path / "extract.csv"
        extract.write_text("Case Ref,team\nC1,North\n", encoding="utf-8")
        code, out, _ = _run(capsys, "validate", str(extract), "--report", "json")
        findings, summary = _json_report(out)
        assert code == 1
        assert [(f["line"], f["code"]) for f in findings if f["code"] == "SHAPE-COLUMN"] == [(1, "SHAPE-COLUMN")]
        assert summary["file_problems"] == 1


class TestCsvReport:
    """Every cell of a CSV report that a spreadsheet could run as a formula is neutralised."""

    @pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
    def test_cells_that_start_a_formula_are_neutralised(self, prefix):
        """A leading apostrophe stops a spreadsheet running the cell."""
        assert neutralise(prefix + "SUM(A1)") == "'" + prefix + "SUM(A1)"
        assert neutralise("$.team") == "$.team"
        assert neutralise(7) == 7

    def test_every_cell_of_a_csv_report_is_neutralised(self):
        """Messages, paths, references and file names are all made safe."""
        problem = Problem(code="LOCAL-001", path="=cmd|' /C calc'!A0", message="+1 the team", record_id="C1")
        finding = Finding(problem=problem, severity=Severity.WARNING, reference="@SUM(1+1)")
        report = Report(record_id="C1", findings=(finding,), rule_set=rule_set(), statuses=())
        stream = io.StringIO(newline="")
        CsvReportWriter(stream).write(RecordResult(line=3, record_id="C1", report=report, source="-x.csv"))
        row = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))[1]
        assert row == [
            "'-x.csv",
            "3",
            "C1",
            "'=cmd|' /C calc'!A0",
            "LOCAL-001",
            "warning",
            "'+1 the team",
            "'@SUM(1+1)",
        ]

    def test_a_file_named_like_a_formula_is_neutralised_end_to_end(self, clean, tmp_path, capsys, monkeypatch):
        """The file column of msp validate's CSV report is safe too."""
        monkeypatch.chdir(tmp_path)
        name = "=HYPERLINK(1).jsonl"
        (tmp_path / name).write_bytes(clean.read_bytes() + b"not json\n")
        _, out, _ = _run(capsys, "validate", name, "--report", "csv")
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert rows
        assert {r["file"] for r in rows} == {"'" + name}


class TestOtherCommands:
    """msp rules, msp synth and msp layout, end to end."""

    @pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
    def test_rules_prints_the_catalogue(self, fmt, capsys):
        """msp rules lists every rule of the default profile in each format."""
        code, out, _ = _run(capsys, "rules", "--format", fmt)
        assert code == 0
        count = len(rule_set())
        if fmt == "json":
            assert len(json.loads(out)["rules"]) == count
        elif fmt == "csv":
            assert len(list(csv.DictReader(io.StringIO(out)))) == count
        elif fmt == "markdown":
            assert out.startswith("# Rule catalogue")
        else:
            assert out.startswith(f"{count} rules")
            assert "MSP-001" in out

    def test_rules_csv_is_spreadsheet_safe(self, capsys):
        """msp rules --format csv goes through the same formula neutralising as reports, with CRLF rows."""
        assert cli.rules._safe_csv('code,title\nX-1,"=HYPERLINK(1)"\nX-2,-2\nX-3,"a, b"\n') == (
            "code,title\r\nX-1,'=HYPERLINK(1)\r\nX-2,'-2\r\nX-3,\"a, b\"\r\n"
        )
        code, out, _ = _run(capsys, "rules", "--format", "csv")
        assert code == 0
        rows = list(csv.reader(io.StringIO(out, newline="")))
        assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
        assert out.endswith("\r\n")
        assert out.count("\r\n") == len(rows)

    def test_synth_jsonl_is_reproducible_and_counted(self, tmp_path, capsys):
        """The same seed writes the same file; --count lines."""
        a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
        assert _run(capsys, "synth", "--count", "25", "--seed", "3", "--invalid-share", "0.2", "-o", str(a))[0] == 0
        assert _run(capsys, "synth", "--count", "25", "--seed", "3", "--invalid-share", "0.2", "-o", str(b))[0] == 0
        assert a.read_bytes() == b.read_bytes()
        assert len(a.read_text(encoding="utf-8").splitlines()) == 25

    def test_synth_to_stdout(self, capsys):
        """Without -o the records go to standard output."""
        code, out, _ = _run(capsys, "synth", "--count", "2", "--start", "2023-04-01")
        assert code == 0
        assert [json.loads(line)["concern_id"] for line in out.splitlines()] == ["C000001", "C000002"]

    def test_synth_start_out_of_range_says_why(self, tmp_path, capsys):
        """A start date the generator cannot cover is refused with the range, and nothing is written."""
        out_file = tmp_path / "s.jsonl"
        code, _, err = _run(capsys, "synth", "--count", "2", "--start", "9999-12-01", "-o", str(out_file))
        assert code == 2
        assert err == "msp synth: start must be from 1200-01-01 to 9990-12-31\n"
        assert not out_file.exists()

    def test_synth_csv_validates_like_synth_jsonl(self, tmp_path, capsys):
        """The CSV written by msp synth round-trips: same findings as the JSON Lines of the same seed."""
        j, c = tmp_path / "s.jsonl", tmp_path / "s.csv"
        _run(capsys, "synth", "--count", "60", "--seed", "9", "-o", str(j))
        _run(capsys, "synth", "--count", "60", "--seed", "9", "--format", "csv", "-o", str(c))
        _, from_j, _ = _run(capsys, "validate", str(j), "--report", "json")
        _, from_c, _ = _run(capsys, "validate", str(c), "--report", "json")
        strip = lambda fs: [(f["record_id"], f["code"], f["path"]) for f in fs]  # noqa: E731
        assert strip(_json_report(from_j)[0]) == strip(_json_report(from_c)[0])
        assert _json_report(from_c)[1]["records_read"] == 60

    def test_layout_prints_columns_and_a_template(self, capsys):
        """msp layout: a readable table, or a CSV header that reads without problems."""
        code, out, _ = _run(capsys, "layout")
        assert code == 0
        assert "risks[0].type_of_risk" in out
        code, out, _ = _run(capsys, "layout", "--format", "csv", "--items", "2")
        header = next(csv.reader(io.StringIO(out)))
        assert "desired_outcomes[1].in_own_words" in header
        assert compile_header(header)[1] == []


def _broken_extract(tmp_path: Path) -> Path:
    """Synthetic records, some broken, as JSON Lines: something to count and something not to."""
    path = tmp_path / "extract.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in generate(120, seed=8, invalid_share=0.1)), encoding="utf-8")
    return path


class TestReportCommands:
    """msp sac and msp audit write what msp.reports.sac_return.sac_files and msp.reports.audit.audit_files make."""

    @pytest.mark.parametrize("fmt", ["text", "csv", "json"])
    def test_sac_writes_the_return_sac_files_counts(self, fmt, tmp_path, capsys):
        """Standard output is the return in the chosen format; unless it is the text return, stderr says what
        was written, with counts by reason (never each item) and, for CSV, the findings it has no room for."""
        path = _broken_extract(tmp_path)
        code, out, err = _run(capsys, "sac", str(path), "--year", "2025-26", "--suppress", "--format", fmt)
        ret = sac_files([str(path)], "2025-26", suppress=True)
        assert ret.uncounted
        assert out == {"text": ret.to_text, "csv": ret.to_csv, "json": ret.to_json}[fmt]()
        assert code == (1 if any(f.severity is Severity.ERROR for f in ret.findings) else 0)
        if fmt == "text":
            assert err == ""
            return
        lines = err.splitlines()
        rows = f", {len(ret.rows):,} rows" if fmt == "csv" else ""
        assert lines[0] == f"msp sac: wrote the 2025-26 return ({fmt}{rows}) to standard output"
        assert f"  records read: {ret.records:,}" in lines
        assert f"  disclosure control: {ret.disclosure_applied}" in lines
        findings = [f"    {f.code} [{f.severity.value}] {f.path}: {f.message}" for f in ret.findings]
        assert all((line in lines) is (fmt == "csv") for line in findings)
        by_reason = ret.uncounted_by_reason()
        assert len(lines) == 5 + len(findings) * (fmt == "csv") + len(by_reason)
        code_width = max(len(c) for c, *_ in by_reason)
        assert lines[-len(by_reason) :] == [
            f"    {n:>{len(f'{by_reason[0][3]:,}')},}  {c:<{code_width}}  {r} ({', '.join(t)})"
            for c, r, t, n in by_reason
        ]
        assert str(path) not in err  # no item is listed with its file and line

    @pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
    def test_audit_writes_the_report_audit_files_makes(self, fmt, tmp_path, capsys):
        """-o gets the report in the chosen format; with CSV the records not read go to stderr."""
        path, out_file = _broken_extract(tmp_path), tmp_path / "audit.out"
        code, out, err = _run(capsys, "audit", str(path), "--as-of", "2026-03-31", "--format", fmt, "-o", str(out_file))
        report = audit_files([str(path)], as_of=date(2026, 3, 31))
        assert report.uncounted
        assert code == 0
        assert out == ""
        written = {"text": report.to_text, "json": report.to_json, "csv": report.to_csv, "html": report.to_html}[fmt]()
        assert out_file.read_text(encoding="utf-8") == written
        assert err.startswith(f"msp audit: wrote the audit ({fmt}) to {out_file}")
        assert f"{path}:" not in err  # counted by reason, never listed record by record

    def test_the_options_reach_the_reports(self, tmp_path, capsys, monkeypatch):
        """Paths, year, --suppress, --as-of and the loaded --mapping file are handed to the report functions."""
        seen: dict[str, Any] = {}

        def fake_sac(paths: list[str], year: CollectionYear, **options: Any) -> Any:
            seen["sac"] = (paths, year, options)
            return sac_return.sac([], year)

        def fake_audit(paths: list[str], **options: Any) -> Any:
            seen["audit"] = (paths, options)
            return audit_module.audit([], as_of=options["as_of"])

        monkeypatch.setattr(sac_return, "sac_files", fake_sac)
        monkeypatch.setattr(audit_module, "audit_files", fake_audit)
        mapping = tmp_path / "mapping.json"
        mapping.write_text(json.dumps({"columns": {"Case Ref": "concern_id"}, "delimiter": ";"}), encoding="utf-8")
        sac_argv = ["a.jsonl", "b.csv", "--year", "2025-26", "--suppress", "--mapping", str(mapping)]
        assert _run(capsys, "sac", *sac_argv, "--max-record-bytes", "500k", "-o", str(tmp_path / "sac.txt"))[0] == 0
        assert _run(capsys, "audit", "a.jsonl", "--as-of", "2026-01-31", "-o", str(tmp_path / "audit.txt"))[0] == 0
        paths, year, options = seen["sac"]
        assert (paths, year, options["suppress"]) == (["a.jsonl", "b.csv"], CollectionYear(start=2025), True)
        assert (options["disclosure"], options["progress"], options["max_record_bytes"]) == ("csv", None, 500 * 1024)
        assert isinstance(options["mapping"], CsvMapping)
        assert options["mapping"].delimiter == ";"
        audit_paths, audit_options = seen["audit"]
        assert audit_paths == ["a.jsonl"]
        assert {k: audit_options[k] for k in ("as_of", "by", "mapping", "max_record_bytes", "policy")} == {
            "as_of": date(2026, 1, 31),
            "by": ("team", "quarter"),
            "mapping": None,
            "max_record_bytes": DEFAULT_MAX_RECORD_BYTES,
            "policy": None,
        }
        assert (tmp_path / "sac.txt").read_text(encoding="utf-8").startswith("Safeguarding Adults Collection 2025-26")
        assert (tmp_path / "audit.txt").read_text(encoding="utf-8").startswith("Making Safeguarding Personal")

    def test_audit_max_record_bytes_leaves_a_longer_line_unread(self, long_line_extract, tmp_path, capsys):
        """--max-record-bytes SIZE: the longer line is one record that could not be read (SHAPE-TOO-LONG),
        skipped without being held in memory; every other line is audited as usual."""
        path, rest = long_line_extract
        unread = tmp_path / "unread.csv"
        argv = ["--as-of", "2026-03-31", "--format", "json", "--unread", str(unread)]
        code, out, err = _run(capsys, "audit", str(path), *argv, "--max-record-bytes", "16k")
        report = audit_files([str(path)], as_of=date(2026, 3, 31), max_record_bytes=16 * 1024)
        assert code == 0
        assert out == report.to_json()
        lines = err.splitlines()
        assert "  records audited: 39" in lines
        assert "  could not be read: 1 record(s), by reason (each one is listed in " + f"{unread}):" in lines
        assert "    1  SHAPE-TOO-LONG" in lines
        rows = list(csv.DictReader(io.StringIO(unread.read_text(encoding="utf-8"), newline="")))
        assert [(r["line"], r["record_id"], r["reason_code"]) for r in rows] == [(str(LONG_LINE), "", "SHAPE-TOO-LONG")]
        whole = json.loads(audit_files([str(rest)], as_of=date(2026, 3, 31)).to_json())
        assert json.loads(out)["measures"] == whole["measures"]

    def test_audit_max_record_bytes_defaults_to_10m(self, long_line_extract, capsys):
        """Without the option the cap is msp.io's default, 10M, and the long line is audited."""
        path, _ = long_line_extract
        _, out, err = _run(capsys, "audit", str(path), "--as-of", "2026-03-31", "--format", "json")
        assert out == audit_files([str(path)], as_of=date(2026, 3, 31)).to_json()
        assert json.loads(out)["records"] == 40
        assert "SHAPE-TOO-LONG" not in out + err
        assert cli._parser().parse_args(["audit", str(path)]).max_record_bytes == DEFAULT_MAX_RECORD_BYTES

    @pytest.mark.parametrize("bad", ["10x", "0", "1.5M", "-1", ""])
    def test_audit_a_bad_max_record_bytes_exits_2_with_one_line_naming_it(self, bad, long_line_extract, capsys):
        code, out, err = _run(capsys, "audit", str(long_line_extract[0]), "--max-record-bytes", bad)
        assert (code, out) == (2, "")
        assert len(err.splitlines()) == 1
        assert err.startswith("msp audit: argument --max-record-bytes: ")
        assert "Traceback" not in err

    @pytest.mark.parametrize("given", ["1", "200", "500k", "10M", "1G", "2 KiB", "3mb"])
    def test_sac_audit_and_validate_read_a_size_alike(self, given):
        """One parser for --max-record-bytes: the three commands that read records take the same sizes."""
        parser = cli._parser()
        read = {
            parser.parse_args(["validate", "x", "--max-record-bytes", given]).max_record_bytes,
            parser.parse_args(["sac", "x", "--year", "2025-26", "--max-record-bytes", given]).max_record_bytes,
            parser.parse_args(["audit", "x", "--max-record-bytes", given]).max_record_bytes,
        }
        assert len(read) == 1

    @pytest.mark.parametrize(
        ("argv", "reason"),
        [
            (["sac", "{tmp}/missing.jsonl", "--year", "2025-26"], "msp sac: cannot read {tmp}/missing.jsonl: "),
            (
                ["sac", "{tmp}/missing.jsonl", "--year", "2025"],
                "msp sac: argument --year: a collection year is written",
            ),
            (["audit", "{tmp}/missing.jsonl"], "msp audit: cannot read {tmp}/missing.jsonl: "),
            (["audit", "{tmp}/missing.jsonl", "--as-of", "31/03/2026"], "msp audit: --as-of is a date written"),
            (["audit", "-", "--mapping", "{tmp}/bad-mapping.json"], "msp audit: mapping: unknown keys: 'colums'"),
        ],
    )
    def test_what_stops_a_report_is_named_in_one_line(self, argv, reason, tmp_path, capsys):
        """A bad year or date is reported before any file is opened; an unreadable file or mapping by name."""
        (tmp_path / "bad-mapping.json").write_text('{"colums": {}}', encoding="utf-8")
        code, out, err = _run(capsys, *(a.format(tmp=tmp_path) for a in argv))
        assert (code, out) == (2, "")
        assert err.startswith(reason.format(tmp=tmp_path))
        assert len(err.splitlines()) == 1


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


def _over_a_bank_holiday(tmp_path: Path) -> Path:
    """One case received on Friday 22 August 2025, moved on on Tuesday 26 August, after the bank holiday
    Monday: one working day late on a calendar of weekends only, on time where the Monday is a holiday."""
    case = wf.receive(
        draft(concern_id="C000201", received_on=date(2025, 8, 22), contact=None),
        actor=CLERK,
        at=_moment(date(2025, 8, 22), 9),
    )
    case = wf.start_information_gathering(case, actor=WORKER, at=_moment(date(2025, 8, 26)))
    path = tmp_path / "extract.jsonl"
    path.write_text(msp.to_json(case) + "\n", encoding="utf-8")
    return path


def _write_policy(tmp_path: Path, policy: object) -> Path:
    path = tmp_path / "our-policy.json"
    path.write_text(json.dumps(policy, indent=2), encoding="utf-8")
    return path


def _note(text: str) -> str:
    (line,) = [line for line in text.splitlines() if line.startswith("Note: Timescales are judged against")]
    return line


class TestAuditPolicy:
    """msp audit --policy FILE: the council's timescale policy, read before anything else and named in the report."""

    def test_a_changed_stage_target_changes_the_stage_counts_and_the_note(self, tmp_path, capsys):
        records = tmp_path / "extract.jsonl"
        records.write_text("".join(json.dumps(r) + "\n" for r in generate(200, seed=1)), encoding="utf-8")
        stages = {"concern_received": 1, "information_gathering": 1, "decided": 5, "enquiry": 28, "plan_and_review": 30}
        policy = _write_policy(tmp_path, {"name": "Our council's timescales", "targets": stages})
        argv = ["audit", str(records), "--as-of", "2026-03-31"]
        code, out, err = _run(capsys, *argv, "--policy", str(policy))
        assert (code, err) == (0, "")
        ours = audit_files([str(records)], as_of=date(2026, 3, 31), policy=load_policy(policy))
        default = audit_files([str(records)], as_of=date(2026, 3, 31))
        assert out == ours.to_text()
        assert _run(capsys, *argv)[1] == default.to_text()
        mine, theirs = ours.measure("stages_on_time"), default.measure("stages_on_time")
        assert mine.denominator == theirs.denominator
        assert mine.numerator > theirs.numerator  # 28 working days for an enquiry, not 20
        assert _note(out) == (
            "Note: Timescales are judged against the policy 'Our council's timescales' (working days: "
            "concern_received 1, information_gathering 1, decided 5, enquiry 28, plan_and_review 30; calendar: "
            "weekends only) on 2026-03-31. Timescales are local targets, not law (msp.workflow.timescales)."
        )
        assert "policy 'local defaults (not law)'" in _note(default.to_text())

    def test_targets_replace_the_defaults_a_stage_left_out_is_not_timed(self, tmp_path, capsys):
        records = tmp_path / "extract.jsonl"
        records.write_text("".join(json.dumps(r) + "\n" for r in generate(200, seed=1)), encoding="utf-8")
        policy = _write_policy(tmp_path, {"targets": {"enquiry": 20}})
        code, out, _ = _run(capsys, "audit", str(records), "--as-of", "2026-03-31", "--policy", str(policy))
        assert code == 0
        default = audit_files([str(records)], as_of=date(2026, 3, 31))
        enquiries = audit_files(
            [str(records)], as_of=date(2026, 3, 31), policy=Policy(targets={CaseStage.ENQUIRY: 20})
        ).measure("stages_on_time")
        assert 0 < enquiries.denominator < default.measure("stages_on_time").denominator
        counts = rf"^    Stages finished within target +{enquiries.numerator:,} +{enquiries.denominator:,} "
        assert re.search(counts, out, re.MULTILINE)
        assert "policy 'local policy (not law)' (working days: enquiry 20; calendar: weekends only)" in _note(out)

    @pytest.mark.parametrize(
        ("calendar", "label"),
        [
            ({"holidays": ["2025-08-25"]}, "Saturdays, Sundays and 1 holiday"),
            ({"holidays": ["2025-08-25"], "name": "Summer bank holiday"}, "Summer bank holiday"),
            ({"bank_holidays": "england-and-wales", "years": [2025, 2025]}, "England and Wales bank holidays 2025"),
        ],
    )
    def test_holidays_move_due_dates_and_the_calendar_is_named(self, calendar, label, tmp_path, capsys):
        if "bank_holidays" in calendar:
            pytest.importorskip("holidays", reason="the holidays extra is not installed")
        records = _over_a_bank_holiday(tmp_path)
        policy = _write_policy(tmp_path, {"calendar": calendar})
        argv = ["audit", str(records), "--as-of", "2025-08-27", "--format", "json"]
        code, out, _ = _run(capsys, *argv, "--policy", str(policy))
        assert code == 0
        with_holidays = json.loads(out)
        weekends_only = json.loads(_run(capsys, *argv)[1])
        on_time = {
            run: next(m for m in report["measures"] if m["code"] == "stages_on_time")
            for run, report in (("ours", with_holidays), ("default", weekends_only))
        }
        assert (on_time["default"]["numerator"], on_time["default"]["denominator"]) == (0, 1)  # due Monday 25th
        assert (on_time["ours"]["numerator"], on_time["ours"]["denominator"]) == (1, 1)  # due Tuesday 26th
        assert f"calendar: {label})" in with_holidays["notes"][0]
        assert "policy 'local defaults (not law)'" in with_holidays["notes"][0]  # no timescale changed
        assert "calendar: weekends only)" in weekends_only["notes"][0]

    def test_the_html_page_names_the_policy(self, tmp_path, capsys):
        records = _over_a_bank_holiday(tmp_path)
        policy = _write_policy(tmp_path, {"name": "Our timescales", "calendar": {"name": "Our calendar"}})
        code, out, _ = _run(capsys, "audit", str(records), "--format", "html", "--policy", str(policy))
        assert code == 0
        assert "against the policy &#x27;Our timescales&#x27; (working days: concern_received 1," in out
        assert "calendar: Our calendar)" in out

    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            (
                '{"targets": {"enqiury": 28}}',
                "policy file {policy}: $.targets.enqiury: not a stage (did you mean enquiry?)",
            ),
            (
                '{"targets": {"enquiry": 20, "enquiry": 28}}',
                "policy file {policy}: $.targets.enquiry: the key 'enquiry' is given 2 times in this object",
            ),
            ('{"targets": {"enquiry": NaN}}', "policy file {policy}: $.targets.enquiry: NaN is not a JSON number"),
            ('{"targets": {"enquiry": "20"}}', "policy file {policy}: $.targets.enquiry: a whole number of working"),
            ('{"count_paused_days": 1}', "policy file {policy}: $.count_paused_days: true or false"),
            ('{"calendar": {"holidays": ["2025-13-01"]}}', "policy file {policy}: $.calendar.holidays[0]: no such day"),
            ('{"name": "Ours",', "policy file {policy}: line 1 column 17: not valid JSON"),
            (None, "cannot read {policy}: "),
        ],
    )
    def test_a_bad_file_stops_the_run_with_one_line_before_anything_is_read(self, content, reason, tmp_path, capsys):
        """Exit 2, one line naming --policy, the file and the place; the records (missing here) are never opened."""
        policy = tmp_path / "our-policy.json"
        if content is not None:
            policy.write_text(content, encoding="utf-8")
        out_file = tmp_path / "audit.txt"
        code, out, err = _run(
            capsys, "audit", str(tmp_path / "missing.jsonl"), "--policy", str(policy), "-o", str(out_file)
        )
        assert (code, out) == (2, "")
        assert err.startswith("msp audit: --policy: " + reason.format(policy=policy))
        assert len(err.splitlines()) == 1
        assert "Traceback" not in err
        assert not out_file.exists()

    def test_bank_holidays_without_the_holidays_extra_say_how_to_install_it(self, tmp_path, capsys, monkeypatch):
        real = importlib.import_module

        def without_holidays(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "holidays":
                raise ImportError(name)
            return real(name, *args, **kwargs)

        monkeypatch.setattr(importlib, "import_module", without_holidays)
        policy = _write_policy(tmp_path, {"calendar": {"bank_holidays": "england-and-wales"}})
        code, out, err = _run(capsys, "audit", str(_over_a_bank_holiday(tmp_path)), "--policy", str(policy))
        assert (code, out) == (2, "")
        assert err == (
            f"msp audit: --policy: policy file {policy}: $.calendar.bank_holidays: England and Wales bank holidays "
            "need the optional 'holidays' package: pip install \"making-safeguarding-personal[holidays]\", or pass "
            "your own dates\n"
        )

    def test_python_dash_m_gives_exit_2_and_no_traceback(self, tmp_path):
        policy = tmp_path / "our-policy.json"
        policy.write_text('{"targets": {"enquiry": true}}', encoding="utf-8")
        done = _python_m("audit", str(tmp_path / "missing.jsonl"), "--policy", str(policy))
        assert done.returncode == 2
        assert done.stdout == b""
        assert done.stderr.decode() == (
            f"msp audit: --policy: policy file {policy}: $.targets.enquiry: a whole number of working days "
            "from 0 to 1000\n"
        )
