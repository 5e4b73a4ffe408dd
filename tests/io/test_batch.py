"""msp.io.batch: validating files and iterables from Python, with a summary that accounts for every record."""

from __future__ import annotations

import importlib
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import msp
from msp.codes import CaseStage
from msp.codes.mappings import age_at
from msp.convert.flat import columns_for, write_csv
from msp.io import batch
from msp.io.batch import RecordResult, Summary, to_dataframe, validate_path, validate_records
from msp.rules import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    Basis,
    Check,
    Fail,
    Rule,
    RuleSet,
    Severity,
    Status,
    only_if,
    rule_set,
)
from msp.rules.families.care_act import _adult_on
from msp.synth import generate, generate_concerns
from tests.strategies import concerns


def _write_jsonl(path: Path, records: list[dict[str, Any]], extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in records) + extra)
    return path


def _key(results: list[RecordResult]) -> list[tuple[Any, ...]]:
    return [(r.source, r.line, r.kind, r.record_id, r.findings, r.report.statuses) for r in results]


@pytest.fixture(scope="module")
def mixed() -> list[dict[str, Any]]:
    return list(generate(120, seed=5, invalid_share=0.25))


class TestValidatePath:
    """validate_path reads a file or stream, accounts for every record and problem, and honours its options."""

    def test_every_record_is_accounted_for(self, tmp_path: Path, mixed):
        """records_read == checked + invalid + unreadable, and broken records are the invalid ones."""
        path = _write_jsonl(tmp_path / "x.jsonl", mixed, b"{broken\n\n[1]\n")
        run = validate_path(path)
        results = list(run)
        s = run.summary
        expected_invalid = sum(1 for record in mixed if not msp.validate(record).structured)
        assert s.records_read == len(mixed) + 2 == len(results)
        assert s.records_read == s.records_accounted
        assert s.records_invalid == expected_invalid
        assert s.records_unreadable == 2
        assert s.records_checked == len(mixed) - expected_invalid
        assert s.files == 1

    def test_results_carry_line_source_and_id(self, tmp_path: Path, mixed):
        """Each result names the file, the line and the record id."""
        path = _write_jsonl(tmp_path / "x.jsonl", mixed[:3])
        results = list(validate_path(path))
        assert [(r.line, r.record_id) for r in results] == [(1, "C000001"), (2, "C000002"), (3, "C000003")]
        assert {r.source for r in results} == {str(path)}

    def test_counts_by_severity_and_rule_match_the_findings(self, tmp_path: Path, mixed):
        """Records with errors/warnings and findings by rule add up from the results."""
        run = validate_path(_write_jsonl(tmp_path / "x.jsonl", mixed))
        results = list(run)
        s = run.summary
        assert s.records_with_errors == sum(1 for r in results if r.has_errors)
        assert s.records_with_warnings == sum(1 for r in results if r.report.warnings)
        assert s.records_clean == sum(1 for r in results if not r.findings)
        assert sum(s.findings_by_rule.values()) == sum(len(r.findings) for r in results)
        assert s.exit_status == (1 if s.records_with_errors else 0)

    @pytest.mark.parametrize("fmt", ["jsonl", "csv"])
    def test_two_jobs_give_the_same_results_as_one(self, tmp_path: Path, mixed, fmt):
        """--jobs 2 keeps input order and gives identical results."""
        if fmt == "csv":
            path = tmp_path / "x.csv"
            with path.open("w", encoding="utf-8", newline="") as stream:
                write_csv(mixed, stream, columns_for(mixed))
        else:
            path = _write_jsonl(tmp_path / "x.jsonl", mixed, b"not json\n")
        one = validate_path(path, jobs=1)
        two = validate_path(path, jobs=2)
        assert _key(list(one)) == _key(list(two))
        assert one.summary.to_dict() == two.summary.to_dict()

    def test_csv_and_jsonl_of_the_same_records_give_the_same_findings(self, tmp_path: Path):
        """The flat layout loses nothing the rules look at."""
        records = list(generate(80, seed=8))
        jsonl = _write_jsonl(tmp_path / "x.jsonl", records)
        csv_path = tmp_path / "x.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as stream:
            write_csv(records, stream, columns_for(records))
        from_jsonl = [(r.record_id, r.findings) for r in validate_path(jsonl)]
        from_csv = [(r.record_id, r.findings) for r in validate_path(csv_path)]
        assert from_jsonl == from_csv

    def test_profile_stage_and_rule_codes_are_honoured(self, tmp_path: Path, mixed):
        """rules= picks the rules; stage= validates as if at that stage."""
        path = _write_jsonl(tmp_path / "x.jsonl", mixed)
        sac = validate_path(path, rules="sac").finish()
        assert all(code.startswith(("SAC-", "SHAPE-")) for code in sac.findings_by_rule)
        only = validate_path(path, rules=["MSP-001"]).finish()
        assert set(only.findings_by_rule) <= {"MSP-001"} | {c for c in only.findings_by_rule if c.startswith("SHAPE-")}
        staged = list(validate_path(path, stage="closed"))
        assert {r.report.stage for r in staged if r.report.structured} == {CaseStage.CLOSED}

    def test_progress_is_called_with_position_and_count(self, tmp_path: Path, mixed):
        """The progress callback sees the file, its size, bytes read and records done."""
        path = _write_jsonl(tmp_path / "x.jsonl", mixed[:10])
        calls: list[tuple[str, int | None, int, int]] = []
        validate_path(path, progress=lambda *a: calls.append(a)).finish()
        assert calls[-1] == (str(path), path.stat().st_size, path.stat().st_size, 10)

    def test_a_stream_can_be_validated(self, mixed):
        """validate_path accepts a binary stream as well as a path."""
        data = b"".join(json.dumps(r).encode() + b"\n" for r in mixed[:5])
        summary = validate_path(io.BufferedReader(io.BytesIO(data)), format="jsonl").finish()  # type: ignore[arg-type]
        assert summary.records_read == 5

    def test_bad_arguments_fail_before_any_work(self, tmp_path: Path):
        """An unknown format, profile or jobs value raises at once."""
        with pytest.raises(ValueError, match="format"):
            validate_path(tmp_path / "x.jsonl", format="xml")
        with pytest.raises(KeyError):
            validate_path(tmp_path / "x.jsonl", rules="no-such-profile")
        with pytest.raises(ValueError, match="jobs"):
            validate_path(tmp_path / "x.jsonl", jobs=-1)

    def test_a_missing_file_raises_os_error_when_iterated(self, tmp_path: Path):
        """The run is lazy: opening happens on first use."""
        run = validate_path(tmp_path / "missing.jsonl")
        with pytest.raises(OSError, match="missing"):
            next(run)


class TestValidateRecords:
    """validate_records takes dicts and Concerns, reads leniently on request, and keeps the order with several jobs."""

    def test_dicts_and_concerns_are_both_accepted(self):
        """A mix of dicts and Concern objects; line is the 1-based position."""
        concerns = list(generate_concerns(3, seed=2))
        records: list[Any] = [concerns[0], msp.to_dict(concerns[1]), {"concern_id": "C9"}]
        results = list(validate_records(records))
        assert [r.line for r in results] == [1, 2, 3]
        assert results[0].report.structured
        assert results[1].report.structured
        assert not results[2].report.structured
        assert {f.code for f in results[2].findings} >= {"SHAPE-MISSING"}

    def test_lenient_reads_spreadsheet_values(self):
        """lenient=True accepts UK dates and yes/no, like a CSV row."""
        record = {
            "schema_version": msp.SCHEMA_VERSION,
            "concern_id": "C1",
            "adult": {"adult_id": "A1"},
            "received_on": "03/04/2025",
        }
        strict = validate_records([record]).finish()
        lenient = validate_records([record], lenient=True).finish()
        assert strict.records_invalid == 1
        assert lenient.records_checked == 1

    def test_parallel_records_keep_their_order(self):
        """jobs=2 over an iterable gives the same results as jobs=1."""
        records = list(generate(300, seed=3, invalid_share=0.2))
        assert _key(list(validate_records(records, jobs=2))) == _key(list(validate_records(records)))

    def test_a_record_that_is_not_a_mapping_is_a_finding(self):
        """Anything that is not a dict or a Concern becomes a located problem, not an exception."""
        (result,) = validate_records([[1, 2]])  # type: ignore[list-item]
        assert not result.report.structured
        assert [f.severity for f in result.findings] == [Severity.ERROR]


class TestSummary:
    """The batch summary counts records, findings and file problems, and gives the exit status."""

    def test_to_dict_is_json_ready_and_sorted(self, mixed):
        """The summary serialises, with every severity present."""
        data = validate_records(mixed).finish().to_dict()
        assert json.loads(json.dumps(data)) == data
        assert list(data["findings_by_rule"]) == sorted(data["findings_by_rule"])
        assert set(data["findings_by_severity"]) == {"error", "warning", "advice"}
        assert data["records_read"] == data["records_accounted"] == len(mixed)

    def test_file_problems_are_not_records(self, tmp_path: Path):
        """A CSV column outside the layout counts as a file problem, not a record."""
        path = tmp_path / "x.csv"
        path.write_text("concern_id,Worker\nC1,x\n", encoding="utf-8")
        run = validate_path(path)
        results = list(run)
        assert [r.kind for r in results] == ["file", "record"]
        assert run.summary.records_read == 1
        assert run.summary.file_problems == 1
        assert run.summary.has_errors

    def test_an_empty_summary_exits_zero(self):
        """No records, no findings: exit status 0."""
        assert Summary().exit_status == 0
        assert validate_records([]).finish().records_read == 0


class TestDataFrame:
    """to_dataframe gives one row per finding with pandas, and a clear ImportError without it."""

    def test_to_dataframe_or_a_clear_import_error(self, mixed):
        """With pandas: one row per finding. Without: an ImportError naming the extra."""
        results = list(validate_records(mixed[:20]))
        try:
            importlib.import_module("pandas")
        except ImportError:
            with pytest.raises(ImportError, match=r"making-safeguarding-personal\[pandas\]"):
                to_dataframe(results)
            return
        frame = to_dataframe(results)
        assert list(frame.columns) == list(batch.FINDING_COLUMNS)
        assert len(frame) == sum(len(r.findings) for r in results)

    def test_missing_pandas_is_reported_not_crashed(self, monkeypatch):
        """Even where pandas is installed, a failed import gives the friendly message."""
        real = importlib.import_module

        def fake(name: str, *args: Any) -> Any:
            if name == "pandas":
                raise ImportError(name)
            return real(name, *args)

        monkeypatch.setattr(batch.importlib, "import_module", fake)
        with pytest.raises(ImportError, match="pip install"):
            to_dataframe([])


def _report_key(report: Any) -> tuple[Any, ...]:
    return (report.record_id, report.findings, report.statuses, dict(report.errored), report.stage)


def _opaque(r: Rule) -> Rule:
    """The rule with its check behind a plain function: the engine cannot see its guard."""
    check = r.check

    def whole(c: Any) -> Any:
        return check(c)

    return attrs.evolve(r, check=whole)


def _rule(n: int, check: Any) -> Rule:
    return Rule(
        code=f"TEST-{n}",
        title="t",
        severity=Severity.ADVICE,
        stages=frozenset(STAGE_ORDER),
        reference="r",
        basis=Basis.LOCAL_PRACTICE,
        check=check,
    )


class TestShortcutsKeepTheResults:
    """The speed-ups of the batch path (msgspec reading, rule guards, shared statuses) change no result."""

    def test_the_msgspec_route_and_the_canonical_reading_agree(self, tmp_path: Path, mixed, monkeypatch):
        """Every result is the same with the msgspec route switched off (json.loads, then from_dict)."""
        broken = [
            b"{broken",
            b"[1]",
            b'"text"',
            b"\xef\xbb\xbf" + json.dumps(mixed[0]).encode(),
            json.dumps({**mixed[1], "schema_version": 1.0}).encode(),
            json.dumps({**mixed[2], "unknown": 1}).encode(),
            json.dumps(mixed[3]).encode().replace(b'"', b'\xff"', 1),
            json.dumps({**mixed[4], "schema_version": msp.SCHEMA_VERSION, "concern_id": " "}).encode(),
            json.dumps({**mixed[5], "schema_version": 1}).encode(),  # an older version: migrated on the way in
            json.dumps({**mixed[6], "schema_version": msp.SCHEMA_VERSION + 1}).encode(),
        ]
        path = _write_jsonl(tmp_path / "x.jsonl", mixed, b"\n".join(broken) + b"\n")
        fast = list(validate_path(path))
        monkeypatch.setattr(batch, "_DECODER", [None])
        slow = list(validate_path(path))
        assert _key(fast) == _key(slow)
        assert len(fast) == len(mixed) + len(broken)

    def test_guards_keep_their_promise(self):
        """A check called directly answers as the engine does: NOT_APPLICABLE where its guard rules the
        record out (the engine skips the call), else what its body says of what the guard returned."""
        rules = rule_set()
        guarded = [r for r in rules if isinstance(r.check, Check) and r.check.guard is not None]
        assert len(guarded) >= 40
        seen = 0
        for concern in generate_concerns(400, seed=12):
            report = rules.validate(concern)
            for r in rules:
                if concern.stage not in r.stages:
                    continue
                direct = r.check(concern)
                if direct is NOT_APPLICABLE:
                    status = Status.NOT_APPLICABLE
                    seen += r in guarded and r.check.guard(concern) in (None, False)
                else:
                    status = Status.FAILED if direct else Status.PASSED
                    assert [x.path for x in direct] == [f.path for f in report.findings if f.code == r.code], r.code
                assert report.status_of(r.code) is status, r.code
        assert seen > 0

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(concern=concerns())
    def test_guards_keep_their_promise_on_any_record(self, concern):
        """The same on records Hypothesis makes, at every stage, against the engine calling every check whole."""
        rules = rule_set()
        whole = RuleSet(year=rules.year, rules=tuple(_opaque(r) for r in rules), profile=rules.profile)
        for stage in [None, *CaseStage]:
            assert _report_key(rules.validate(concern, stage=stage)) == _report_key(
                whole.validate(concern, stage=stage)
            )

    def test_a_guard_is_asked_once_per_record(self):
        """Rules that share a guard share its answer: the engine asks it once for each record."""
        asked: list[object] = []

        def guard(c: Any) -> Any:
            asked.append(c)
            return c.adult

        made = [_rule(n, only_if(guard)(lambda adult: PASS)) for n in (1, 2, 3)]
        report = RuleSet(year=DEFAULT_YEAR, rules=tuple(made)).validate(next(generate_concerns(1, seed=1)))
        assert report.statuses == (Status.PASSED,) * 3
        assert len(asked) == 1

    def test_a_guard_that_raises_is_reported_as_errored(self):
        """A guard that crashes errors its rules, as their checks called directly raise: never skipped or passed."""

        def bad_guard(c: Any) -> bool:
            raise RuntimeError

        check = only_if(bad_guard)(lambda c: (Fail("$.team", "x"),))
        never = only_if(lambda c: False)(lambda c: PASS)
        made = [_rule(1, check), _rule(2, never), _rule(3, check)]
        concern = next(generate_concerns(1, seed=1))
        with pytest.raises(RuntimeError):
            check(concern)
        report = RuleSet(year=DEFAULT_YEAR, rules=tuple(made)).validate(concern)
        assert report.statuses == (Status.ERRORED, Status.NOT_APPLICABLE, Status.ERRORED)
        assert report.errored == {"TEST-1": "RuntimeError", "TEST-3": "RuntimeError"}
        assert report.findings == ()
        assert PASS == ()

    def test_statuses_are_shared_between_alike_records(self):
        """Records with the same outcome share one statuses tuple (it pickles once per chunk)."""
        reports = [msp.validate(c) for c in generate_concerns(60, seed=4)]
        by_value: dict[Any, Any] = {}
        for report in reports:
            assert by_value.setdefault(report.statuses, report.statuses) is report.statuses

    def test_the_adult_age_check_counts_as_age_at_does(self):
        """CA-001 without relativedelta: the same answer as mappings.age_at for every day around 18th birthdays."""

        start = date(1999, 1, 1)
        for days in range(0, 366 * 5, 3):
            born = start + timedelta(days=days)
            eighteenth = (
                date(born.year + 18, 3, 1) if (born.month, born.day) == (2, 29) else born.replace(year=born.year + 18)
            )
            for shift in range(-3, 4):
                on = eighteenth + timedelta(days=shift)
                assert _adult_on(born, on) == (age_at(born, on) >= 18), (born, on)
        leap = date(2004, 2, 29)
        assert [_adult_on(leap, date(2022, 2, d)) for d in (27, 28)] == [False, True]
        assert not _adult_on(date(9990, 1, 1), date(9999, 12, 31))
        with pytest.raises(ValueError, match="before"):
            _adult_on(date(2000, 1, 2), date(2000, 1, 1))


class TestRefusedRecordsTakeTheShortRoute:
    """check_record(fast=False), used once the fast JSON route refused a line, gives exactly the same report."""

    @pytest.mark.parametrize("unknown", ["error", "ignore"])
    def test_same_reports_on_broken_and_valid_records(self, unknown):
        rules = msp.rules.resolve_rules(None)
        documents = list(generate(300, seed=12, invalid_share=0.5))
        documents.append({**documents[0], "schema_version": msp.SCHEMA_VERSION + 1, "colour": "x"})
        documents.append({**documents[0], "schema_version": 1})
        for data in documents:
            quick = msp.io.check_record(rules, data, unknown=unknown)
            short = msp.io.check_record(rules, data, unknown=unknown, fast=False)
            assert (short.record_id, short.findings) == (quick.record_id, quick.findings)
            assert short.statuses == quick.statuses
