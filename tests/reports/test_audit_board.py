"""The audit a Safeguarding Adults Board reads (issue 17): targets and their status, the trend by quarter,
the audit date and period covered, records that could not be read counted by reason (listed only on
request), numbers for people, the HTML page's structure, and ``msp audit``'s help, progress and summary.

The page's layout in a real browser (1280 px screen, A4 landscape print) is tested in
test_audit_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

import msp
from msp import Actor, Adult, Closure, Concern, Enquiry, HistoryEntry, cli
from msp.cli import _parser
from msp.codes import CaseStage, EnquiryType, MspAsked
from msp.reports import _html_audit
from msp.reports.audit import GLOSSARY, MEASURES, SECTIONS, AuditReport, Group, Measure, audit, audit_files
from msp.reports.audit_targets import (
    DEFAULT_AMBER_BAND,
    Target,
    Targets,
    TargetsError,
    TargetStatus,
    load_targets,
    parse_targets,
)

AS_OF = date(2026, 3, 31)


def _concern(number: int, received: date, team: str = "Team A", **fields: object) -> Concern:
    return Concern(
        concern_id=f"CASE-{number:03d}",
        adult=Adult(adult_id=f"ADULT-{number:03d}"),
        received_on=received,
        team=team,
        **fields,
    )


def _asked(number: int, received: date, asked: bool, team: str = "Team A") -> Concern:
    """A concluded section 42 enquiry whose adult was (or was not) asked about desired outcomes."""
    return _concern(
        number,
        received,
        team,
        enquiry=Enquiry(enquiry_type=EnquiryType.SECTION_42, concluded_on=received),
        msp_asked=MspAsked.ASKED_NOT_EXPRESSED if asked else MspAsked.NO,
        stage=CaseStage.CONCLUDED,
    )


def _write_targets(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _report(numerator: int, denominator: int, targets: Targets) -> AuditReport:
    measure = Measure(code="asked", title=MEASURES["asked"][0], numerator=numerator, denominator=denominator)
    return AuditReport(as_of=AS_OF, records=denominator, measures=(measure,), targets=targets)


class TestTargetsFile:
    """The targets file: a number or an object per measure; every mistake located by JSON path."""

    def test_a_file_with_shorthand_objects_and_an_amber_band(self, tmp_path):
        path = _write_targets(
            tmp_path,
            {
                "amber_band": 3,
                "targets": {
                    "asked": 90,
                    "seen_alone": {"target": 75.5, "amber_band": 10, "source": "Board plan 2025-26"},
                    "not_achieved": 10,
                    "plan_agreed": {"target": 20, "direction": "at_most"},
                },
            },
        )
        targets = load_targets(path, MEASURES)
        assert targets.source == str(path)
        assert targets.amber_band == 3
        assert list(targets) == [
            Target(measure="asked", target=90, amber_band=3),
            Target(measure="seen_alone", target=75.5, amber_band=10, source="Board plan 2025-26"),
            Target(measure="not_achieved", target=10, direction="at_most", amber_band=3),  # lower is better
            Target(measure="plan_agreed", target=20, direction="at_most", amber_band=3),
        ]
        assert targets.get("expressed") is None
        assert parse_targets(targets.to_dict(), MEASURES).targets == targets.targets

    def test_no_targets_by_default(self):
        """No published source sets a target for these measures: none is set unless a board gives its own."""
        assert not Targets()
        assert audit([_asked(1, date(2025, 5, 1), True)], as_of=AS_OF).targets == Targets()
        assert DEFAULT_AMBER_BAND == 5

    @pytest.mark.parametrize(
        ("content", "expected"),
        [
            ('{"targets": {"asked": 90,}}', "line 1 column 26: not valid JSON"),
            ("[90]", "$: a JSON object with targets"),
            ('{"target": {}}', "$.target: unknown key (did you mean targets?)"),
            ('{"targets": []}', "$.targets: an object of measure codes and targets"),
            ('{"targets": {"askd": 90}}', "$.targets.askd: not a measure of the audit (did you mean asked?)"),
            ('{"targets": {"zzzz": 90}}', "$.targets.zzzz: not a measure of the audit (docs/audit.md lists"),
            ('{"targets": {"asked": 101}}', "$.targets.asked: a number from 0 to 100"),
            ('{"targets": {"asked": -1}}', "$.targets.asked: a number from 0 to 100"),
            ('{"targets": {"asked": true}}', "$.targets.asked: a number from 0 to 100"),
            ('{"targets": {"asked": "90%"}}', "$.targets.asked: a number from 0 to 100"),
            ('{"targets": {"asked": NaN}}', "NaN is not a number JSON allows"),
            ('{"targets": {"asked": {"target": 90, "direction": "up"}}}', "$.targets.asked.direction: at_least or"),
            ('{"targets": {"asked": {"amber_band": 5}}}', "$.targets.asked: needs a target"),
            ('{"targets": {"asked": {"target": 90, "colour": "red"}}}', "$.targets.asked.colour: unknown key"),
            ('{"targets": {"asked": {"target": 90, "amber_band": 200}}}', "$.targets.asked.amber_band: a number"),
            ('{"amber_band": "5", "targets": {}}', "$.amber_band: a number from 0 to 100"),
            ('{"targets": {"asked": {"target": 90, "source": 5}}}', "$.targets.asked.source: text of at most 200"),
        ],
    )
    def test_every_mistake_is_located(self, tmp_path, content, expected):
        path = tmp_path / "targets.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(TargetsError) as caught:
            load_targets(path, MEASURES)
        assert str(caught.value).startswith(f"targets file {path}: ")
        assert expected in str(caught.value)

    def test_a_file_that_is_not_utf8(self, tmp_path):
        path = tmp_path / "targets.json"
        path.write_bytes(b'{"targets": {"asked": 90}} \xff')
        with pytest.raises(TargetsError, match="not UTF-8 text"):
            load_targets(path, MEASURES)

    def test_two_targets_for_one_measure_are_refused(self):
        with pytest.raises(TargetsError, match="asked: more than one target"):
            Targets(targets=(Target(measure="asked", target=90), Target(measure="asked", target=80)))

    @pytest.mark.parametrize(
        ("argv_targets", "expected"),
        [
            ("bad", "msp audit: --targets: targets file {tmp}/targets.json: $.targets.asked: a number from 0 to 100"),
            ("missing", "msp audit: --targets: cannot read {tmp}/missing.json: "),
        ],
    )
    def test_the_command_stops_with_one_located_line(self, tmp_path, capsys, argv_targets, expected):
        records = tmp_path / "cases.jsonl"
        records.write_text(msp.to_json(_asked(1, date(2025, 5, 1), True)) + "\n", encoding="utf-8")
        path = _write_targets(tmp_path, {"targets": {"asked": 190}})
        chosen = str(path) if argv_targets == "bad" else str(tmp_path / "missing.json")
        assert cli.main(["audit", str(records), "--targets", chosen, "-o", str(tmp_path / "out")]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(expected.format(tmp=tmp_path))
        assert len(err.splitlines()) == 1
        assert not (tmp_path / "out").exists()


class TestStatus:
    """On target, Near or Below (Above): by the share as shown, a whole percentage rounded half up."""

    @pytest.mark.parametrize(
        ("numerator", "denominator", "status"),
        [
            (17, 20, TargetStatus.ON_TARGET),  # 85%
            (169, 200, TargetStatus.ON_TARGET),  # 84.5% is shown as 85%: on a target of 85%
            (168, 200, TargetStatus.NEAR),  # 84%
            (16, 20, TargetStatus.NEAR),  # 80%: the edge of a 5-point band
            (159, 200, TargetStatus.NEAR),  # 79.5% is shown as 80%
            (79, 100, TargetStatus.BELOW),
            (0, 0, None),  # applies to no case: no status
        ],
    )
    def test_at_least(self, numerator, denominator, status):
        target = Target(measure="asked", target=85)
        measure = Measure(code="asked", title="t", numerator=numerator, denominator=denominator)
        assert target.status(measure.whole_percent) is status
        assert _report(numerator, denominator, Targets(targets=(target,))).status(measure) is status

    @pytest.mark.parametrize(
        ("percent", "status"),
        [(0, TargetStatus.ON_TARGET), (10, TargetStatus.ON_TARGET), (15, TargetStatus.NEAR), (16, TargetStatus.ABOVE)],
    )
    def test_at_most(self, percent, status):
        assert Target(measure="not_achieved", target=10, direction="at_most").status(percent) is status

    def test_an_amber_band_of_zero_has_no_near(self):
        target = Target(measure="asked", target=90, amber_band=0)
        assert [target.status(p) for p in (90, 89)] == [TargetStatus.ON_TARGET, TargetStatus.BELOW]

    def test_a_decimal_target(self):
        target = Target(measure="asked", target=87.5, amber_band=0.5)
        assert [target.status(p) for p in (88, 87, 86)] == [
            TargetStatus.ON_TARGET,
            TargetStatus.NEAR,
            TargetStatus.BELOW,
        ]

    def test_each_status_has_words_a_shape_and_a_colour(self):
        assert [(s.label, s.shape, s.rag) for s in TargetStatus] == [
            ("On target", "\u25cf", "green"),
            ("Near", "\u25b2", "amber"),
            ("Below", "\u25a0", "red"),
            ("Above", "\u25a0", "red"),
        ]
        assert len({s.shape for s in (TargetStatus.ON_TARGET, TargetStatus.NEAR, TargetStatus.BELOW)}) == 3

    def test_whole_percent_rounds_halves_up_exactly(self):
        def shown(n: int, d: int) -> str:
            return Measure(code="x", title="x", numerator=n, denominator=d).percent

        assert [shown(1, 8), shown(5, 8), shown(1, 3), shown(2, 3), shown(0, 0)] == ["13%", "63%", "33%", "67%", "-"]


@pytest.fixture(scope="module")
def report() -> AuditReport:
    """Team A: 9 of 10 asked (on a target of 90%); Team B: 2 of 5; together 11 of 15 (73%, below)."""
    received = date(2025, 5, 1)
    records = [_asked(i, received, i <= 9) for i in range(1, 11)]
    records += [_asked(i, received, i <= 12, team="Team B") for i in range(11, 16)]
    targets = Targets(targets=(Target(measure="asked", target=90, source="Invented board plan"),), source="t.json")
    return audit(records, as_of=AS_OF, targets=targets)


class TestTargetsInEveryFormat:
    """The status is in every output, overall and in every group, by words (text), codes (JSON, CSV), and in
    HTML by words, shape and colour class."""

    def test_text(self, report):
        text = report.to_text()
        assert "Targets: from t.json; status: \u25cf On target, \u25b2 Near, \u25a0 Below, \u25a0 Above" in text
        header = next(line for line in text.splitlines() if line.startswith("  Measure"))
        assert header.split() == ["Measure", "Numerator", "Denominator", "Share", "Target", "Status"]
        row = next(line for line in text.splitlines() if line.strip().startswith("Asked about desired outcomes"))
        assert row.split()[-6:] == ["11", "15", "73%", "90%", "\u25a0", "Below"]
        assert "\u25cf 9/10 90%" in text  # Team A
        assert "\u25a0 2/5 40%" in text  # Team B

    def test_json_and_csv(self, report):
        data = json.loads(report.to_json())
        assert data["measures"][0]["target"] == 90
        assert data["measures"][0]["status"] == "below"
        team_a = next(g for g in data["groups"] if g["name"] == "Team A")
        assert team_a["measures"][0]["status"] == "on_target"
        assert data["targets"]["targets"]["asked"]["source"] == "Invented board plan"
        assert data["measures"][1]["status"] is None  # no target for "expressed"
        rows = {(r["group"], r["measure"]): r for r in csv.DictReader(io.StringIO(report.to_csv()))}
        assert (rows["all", "asked"]["target"], rows["all", "asked"]["status"]) == ("90", "below")
        assert rows["Team A", "asked"]["status"] == "on_target"
        assert (rows["all", "expressed"]["target"], rows["all", "expressed"]["status"]) == ("", "")

    def test_html(self, report):
        page = report.to_html()
        assert '<span class="status red"><span class="mark" aria-hidden="true">\u25a0</span>Below</span>' in page
        # A breakdown cell: the shape for the eye, the words for a screen reader.
        assert (
            '<span class="mark green" aria-hidden="true">\u25cf</span><span class="vh">On target: </span>90%'
        ) in page
        assert '<p class="legend">' in page
        assert "Invented board plan" in page
        assert "<h2>Targets</h2>" in page

    def test_no_target_no_status_columns(self):
        report = audit([_asked(1, date(2025, 5, 1), True)], as_of=AS_OF)
        header = next(line for line in report.to_text().splitlines() if line.startswith("  Measure"))
        assert header.split() == ["Measure", "Numerator", "Denominator", "Share"]
        assert "Targets: none set" in report.to_text()
        assert '<p class="legend">' not in report.to_html()


class TestTrend:
    """The measures by quarter received, whatever the breakdowns, drawn as one small chart per measure."""

    RECORDS = (
        _asked(1, date(2025, 4, 10), True),
        _asked(2, date(2025, 5, 10), False),
        _asked(3, date(2025, 10, 1), True),  # nothing in Q2
        _asked(4, date(2026, 2, 1), True),
    )

    def test_the_trend_is_counted_without_a_quarter_breakdown(self):
        report = audit(self.RECORDS, as_of=AS_OF, by=("team",))
        assert {g.dimension for g in report.groups} == {"team"}
        assert [(g.name, g.records) for g in report.trend] == [("2025-26 Q1", 2), ("2025-26 Q3", 1), ("2025-26 Q4", 1)]
        asked = [(g.measures[0].numerator, g.measures[0].denominator) for g in report.trend]
        assert asked == [(1, 2), (1, 1), (1, 1)]
        assert report.trend == audit(self.RECORDS, as_of=AS_OF, by=("quarter",)).groups

    def test_the_chart_has_its_text_alternative(self):
        chart = _html_audit.sparkline(
            "Asked", [("2025-26 Q1", 1, 2, "50%"), ("2025-26 Q2", 0, 0, "-"), ("2025-26 Q3", 3, 4, "75%")], None
        )
        assert chart.startswith(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Trend by quarter: Asked"'
        )
        assert "<title>Trend by quarter: Asked</title>" in chart
        assert "<desc>2025-26 Q1: 50% (1 of 2); 2025-26 Q2: no cases; 2025-26 Q3: 75% (3 of 4)</desc>" in chart
        assert chart.count("<circle") == 2
        assert "<polyline" not in chart  # a quarter with no case breaks the line: two single points

    def test_a_target_is_a_dashed_line(self):
        chart = _html_audit.sparkline(
            "Asked", [("Q1", 1, 2, "50%"), ("Q2", 3, 4, "75%")], Target(measure="a", target=90)
        )
        assert 'stroke-dasharray="3 2"' in chart
        assert "Target 90%." in chart
        assert chart.count("<polyline") == 1

    def test_every_summary_measure_has_a_chart_with_title_and_desc(self):
        page = audit(self.RECORDS, as_of=AS_OF).to_html()
        charts = re.findall(r"<svg[^>]*>.*?</svg>", page)
        assert len(charts) == len(MEASURES) - len(SECTIONS["Positive answers by who answered"])
        for chart in charts:
            assert 'role="img"' in chart
            assert 'aria-label="Trend by quarter: ' in chart
            assert "<title>" in chart
            assert "<desc>2025-26 Q1: " in chart


def _moved(to: CaseStage, day: date) -> HistoryEntry:
    return HistoryEntry(
        to_stage=to,
        at=datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc),
        actor=Actor(role="r", user_id="U1"),
    )


class TestAsOfAndPeriod:
    """By default the audit date is the latest date in the data, and every output says so."""

    OPEN = _concern(  # an enquiry open since 9 June 2025: due 7 July (20 working days), overdue from 8 July
        1,
        date(2025, 6, 2),
        stage=CaseStage.ENQUIRY,
        history=(
            _moved(CaseStage.CONCERN_RECEIVED, date(2025, 6, 2)),
            _moved(CaseStage.INFORMATION_GATHERING, date(2025, 6, 3)),
            _moved(CaseStage.DECIDED, date(2025, 6, 6)),
            _moved(CaseStage.ENQUIRY, date(2025, 6, 9)),
        ),
    )

    def _closed_on(self, day: date) -> Concern:
        return _concern(2, date(2025, 5, 1), closure=Closure(closed_on=day), stage=CaseStage.CLOSED)

    @pytest.mark.parametrize(("latest", "in_time"), [(date(2025, 7, 7), 1), (date(2025, 7, 8), 0)])
    def test_the_latest_date_in_the_data_judges_open_stages(self, latest, in_time):
        """The closure of another case on 7 or 8 July is the latest date: the open stage is judged on it."""
        records = [self.OPEN, self._closed_on(latest)]
        report = audit(records, by=())
        assert (report.as_of, report.as_of_source) == (latest, "data")
        assert report.period == (date(2025, 5, 1), latest)
        open_stages = report.measure("open_stages_in_time")
        assert (open_stages.numerator, open_stages.denominator) == (in_time, 1)
        assert report.measures == audit(records, as_of=latest, by=()).measures

    def test_the_history_counts_as_data(self):
        report = audit([self.OPEN], by=())
        assert report.as_of == date(2025, 6, 9)

    def test_every_output_states_the_date_and_period(self):
        report = audit([self.OPEN, self._closed_on(date(2025, 7, 8))])
        stated = "as of 2025-07-08, the latest date in the data"
        period = "2025-05-01 to 2025-07-08 (the earliest date received to the latest date in the data)"
        assert report.to_text().splitlines()[:2] == [
            f"Making Safeguarding Personal case-file audit, {stated}",
            f"Period covered: {period}.",
        ]
        page = report.to_html()
        assert f"<title>Making Safeguarding Personal case-file audit, {stated}</title>" in page
        assert f"<dt>Period covered</dt><dd>{period}</dd>" in page
        data = json.loads(report.to_json())
        assert (data["as_of"], data["as_of_source"]) == ("2025-07-08", "data")
        assert data["period"] == {"first": "2025-05-01", "last": "2025-07-08"}

    def test_a_given_date_wins(self):
        report = audit([self.OPEN], as_of=date(2025, 7, 8))
        assert report.as_of_source == "given"
        assert report.to_text().startswith("Making Safeguarding Personal case-file audit, as of 2025-07-08\n")

    def test_a_latest_date_after_today_is_pointed_out(self):
        future = date.today().replace(year=date.today().year + 3)  # noqa: DTZ011
        report = audit([self._closed_on(future)])
        assert report.as_of == future
        assert "is after today" in report.notes[-1]
        assert "--as-of" in report.notes[-1]

    def test_the_command_line_takes_the_default_and_the_override(self, tmp_path, capsys):
        path = tmp_path / "cases.jsonl"
        path.write_text(msp.to_json(self.OPEN) + "\n" + msp.to_json(self._closed_on(date(2025, 7, 8))) + "\n")
        out = tmp_path / "out.json"
        assert cli.main(["audit", str(path), "--format", "json", "-o", str(out)]) == 0
        assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2025-07-08"
        assert "as of 2025-07-08, the latest date in the data" in capsys.readouterr().err
        assert cli.main(["audit", str(path), "--format", "json", "-o", str(out), "--as-of", "2025-07-07"]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        assert (data["as_of"], data["as_of_source"]) == ("2025-07-07", "given")
        assert next(m for m in data["measures"] if m["code"] == "open_stages_in_time")["numerator"] == 1


def _broken_file(tmp_path: Path, copies: int = 1) -> Path:
    """Two good records, then broken ones of three reasons, ``copies`` times over; values are canaries."""
    good = [msp.to_json(_asked(1, date(2025, 5, 1), True)), msp.to_json(_asked(2, date(2025, 6, 1), False))]
    bad_date = json.loads(good[0])
    bad_date.update(concern_id="CASE-BAD-DATE", received_on="CANARY-DATE")
    missing = json.loads(good[0])
    missing["concern_id"] = "CASE-NO-ADULT"
    del missing["adult"]
    lines = list(good)
    for _ in range(copies):
        lines += [json.dumps(bad_date), json.dumps(bad_date), json.dumps(missing), '{"concern_id": "CANARY-JSON"']
    path = tmp_path / "extract.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class TestCouldNotBeRead:
    """Counted by reason in every format; listed (file, line, id, reason, path) only on request."""

    def test_counted_by_reason(self, tmp_path):
        report = audit_files([str(_broken_file(tmp_path))], as_of=AS_OF)
        assert report.records == 2
        assert report.unread == (("SHAPE-DATE", 2), ("SHAPE-JSON", 1), ("SHAPE-MISSING", 1))
        assert report.unread_records == 4
        assert len(report.uncounted) == 4

    @pytest.mark.parametrize("form", ["to_text", "to_json", "to_csv", "to_html"])
    def test_no_format_lists_them(self, tmp_path, form):
        report = audit_files([str(_broken_file(tmp_path))], as_of=AS_OF)
        out = getattr(report, form)()
        for never in ("CASE-BAD-DATE", "CASE-NO-ADULT", "CANARY"):
            assert never not in out
        if form == "to_json":
            assert json.loads(out)["could_not_be_read"] == {
                "records": 4,
                "by_reason": {"SHAPE-DATE": 2, "SHAPE-JSON": 1, "SHAPE-MISSING": 1},
                "file_problems": {},
            }
        elif form != "to_csv":  # the CSV is the measures' table; the command says the counts on stderr
            assert "SHAPE-DATE" in out

    def test_the_page_does_not_grow_with_them(self, tmp_path):
        few = audit_files([str(_broken_file(tmp_path, 1))], as_of=AS_OF).to_html()
        many = audit_files([str(_broken_file(tmp_path, 500))], as_of=AS_OF).to_html()
        assert many.count("<tr>") == few.count("<tr>")
        assert "<td>1,000</td>" in many  # SHAPE-DATE, 2 a copy

    def test_the_list_on_request(self, tmp_path):
        path = _broken_file(tmp_path)
        report = audit_files([str(path)], as_of=AS_OF)
        rows = list(csv.reader(io.StringIO(report.unread_csv())))
        assert rows == [
            ["file", "line", "record_id", "reason_code", "path"],
            [str(path), "3", "CASE-BAD-DATE", "SHAPE-DATE", "$.received_on"],
            [str(path), "4", "CASE-BAD-DATE", "SHAPE-DATE", "$.received_on"],
            [str(path), "5", "CASE-NO-ADULT", "SHAPE-MISSING", "$.adult"],
            [str(path), "6", "", "SHAPE-JSON", "$"],
        ]
        assert "CANARY" not in report.unread_csv()

    def test_a_problem_with_a_file_is_counted_apart(self, tmp_path):
        path = tmp_path / "extract.csv"
        path.write_text(
            "schema_version,concern_id,adult.adult_id,received_on,team,Canary Column\n2,C1,A1,2025-05-01,Team A,x\n",
            encoding="utf-8",
        )
        report = audit_files([str(path)], as_of=AS_OF)
        assert (report.records, report.unread, report.file_problems) == (1, (), (("SHAPE-COLUMN", 1),))
        assert "Problems with files" in report.to_html()
        assert list(csv.reader(io.StringIO(report.unread_csv())))[1] == [str(path), "1", "", "SHAPE-COLUMN", "$"]

    def test_a_cell_a_spreadsheet_would_run_is_neutralised(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("=cmd.jsonl").write_text("{\n", encoding="utf-8")
        report = audit_files(["=cmd.jsonl"], as_of=AS_OF)
        assert list(csv.reader(io.StringIO(report.unread_csv())))[1] == ["'=cmd.jsonl", "1", "", "SHAPE-JSON", "$"]

    def test_the_command_writes_the_list_and_counts_on_stderr(self, tmp_path, capsys):
        path = _broken_file(tmp_path)
        out, unread = tmp_path / "audit.html", tmp_path / "unread.csv"
        argv = [
            "audit",
            str(path),
            "--format",
            "html",
            "-o",
            str(out),
            "--unread",
            str(unread),
            "--as-of",
            "2026-03-31",
        ]
        assert cli.main(argv) == 0
        err = capsys.readouterr().err
        assert err.splitlines() == [
            f"msp audit: wrote the audit (html) to {out}, as of 2026-03-31",
            "  records audited: 2",
            f"  could not be read: 4 record(s), by reason (each one is listed in {unread}):",
            "    2  SHAPE-DATE",
            "    1  SHAPE-JSON",
            "    1  SHAPE-MISSING",
        ]
        assert unread.read_text(encoding="utf-8") == audit_files([str(path)], as_of=AS_OF).unread_csv()

    @pytest.mark.parametrize("unread", ["-", "{out}"])
    def test_the_list_needs_a_file_of_its_own(self, tmp_path, capsys, unread):
        out = tmp_path / "out.txt"
        argv = ["audit", str(_broken_file(tmp_path)), "-o", str(out), "--unread", unread.format(out=out)]
        assert cli.main(argv) == 2
        assert "--unread needs a file of its own" in capsys.readouterr().err


class TestNumbersForPeople:
    """Thousands separators wherever people read numbers; plain numbers in CSV and JSON."""

    REPORT = AuditReport(
        as_of=AS_OF,
        records=326_883,
        measures=(Measure(code="asked", title="Asked about desired outcomes", numerator=244_680, denominator=326_883),),
        groups=(
            Group(
                dimension="team",
                name="Team A",
                records=326_883,
                measures=(Measure(code="asked", title="Asked", numerator=244_680, denominator=326_883),),
            ),
        ),
    )

    def test_text_and_html(self):
        text = self.REPORT.to_text()
        assert "Records audited: 326,883." in text
        assert "244,680" in text
        assert "244,680/326,883 75%" in text
        page = self.REPORT.to_html()
        assert "244,680 of 326,883" in page
        assert "<dt>Records audited</dt><dd>326,883</dd>" in page
        assert "244680" not in text + page

    def test_csv_and_json_keep_plain_numbers(self):
        assert "244680,326883,75%" in self.REPORT.to_csv()
        assert json.loads(self.REPORT.to_json())["measures"][0]["numerator"] == 244_680


class _Tags(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def page() -> str:
    """Thirteen teams, over three quarters."""
    records = [_asked(i, date(2025, 4 + i % 9, 1), i % 2 == 0, team=f"Team {i:02d}") for i in range(1, 14)]
    return audit(records, as_of=AS_OF).to_html()


class TestPage:
    """The HTML page's structure: self-contained, print rules, tables no wider than six groups, a glossary."""

    def test_self_contained(self, page):
        lowered = page.lower()
        for forbidden in ("<script", "src=", "href=", "<link", "@import", "url(", "@font-face", "<img", "<iframe"):
            assert forbidden not in lowered

    def test_prints_on_a4_landscape(self, page):
        assert "@page { size: A4 landscape; margin: 12mm; }" in page
        assert "@media print" in page
        assert "table-layout: fixed" in page
        assert "overflow-wrap: anywhere" in page

    def test_wide_breakdowns_are_split_evenly(self, page):
        """Thirteen teams: three tables of five, four and four groups (never more than six side by side)."""
        captions = re.findall(r"<caption>(By team[^<]*)</caption>", page)
        assert captions == ["By team (1 of 3)", "By team (2 of 3)", "By team (3 of 3)"]
        tables = re.findall(r"<caption>By team[^<]*</caption>.*?</table>", page, flags=re.DOTALL)
        columns = [table.split("</thead>")[0].count('scope="col"') for table in tables]
        assert columns == [6, 5, 5]  # the measure column and the groups
        assert max(columns) - 1 <= _html_audit.GROUPS_PER_TABLE

    def test_plain_english_with_a_glossary(self, page):
        assert {"SG4a", "SG3a", "Care Act s68", "IMCA", "MSP", "SAC"} <= set(GLOSSARY)
        assert "<dt>SG4a</dt><dd>the SAC data item on whether the adult" in page
        for title, definition in MEASURES.values():
            assert "msp." not in title + definition
            assert "_" not in title + definition
            assert "'Yes" not in definition
        assert "msp.timescales" not in page
        assert "immediate_safety.risk_rating" not in page

    def test_tables_have_captions_and_scoped_headers(self, page):
        parser = _Tags()
        parser.feed(page)
        tags = parser.tags
        assert sum(1 for t, _ in tags if t == "table") == sum(1 for t, _ in tags if t == "caption")
        assert all(a.get("scope") in {"col", "row", "rowgroup"} for t, a in tags if t == "th")
        assert ("html", {"lang": "en"}) in tags


class TestCommandLine:
    """msp audit's help, its summary on standard error, and its progress bar."""

    def test_help_describes_the_command_every_option_and_the_exit_statuses(self):
        parser = next(
            action.choices["audit"] for action in _parser()._actions if getattr(action, "choices", None) is not None
        )
        assert "Safeguarding Adults Board" in parser.description
        assert "latest date in the data" in " ".join(parser.epilog.split())
        assert re.search(r"^  0 +the audit was written", parser.epilog, flags=re.MULTILINE)
        assert re.search(r"^  2 +could not run", parser.epilog, flags=re.MULTILINE)
        options = [a for a in parser._actions if a.dest != "help"]
        assert {a.dest for a in options} >= {
            "paths",
            "format",
            "output",
            "as_of",
            "by",
            "targets",
            "unread",
            "progress",
        }
        assert [a.dest for a in options if not a.help] == []

    def test_nothing_on_stderr_for_text_on_stdout_or_with_quiet(self, tmp_path, capsys):
        path = _broken_file(tmp_path)
        assert cli.main(["audit", str(path), "--as-of", "2026-03-31"]) == 0
        out, err = capsys.readouterr()
        assert out.startswith("Making Safeguarding Personal case-file audit")
        assert err == ""
        assert cli.main(["audit", str(path), "-o", str(tmp_path / "out"), "-q"]) == 0
        assert capsys.readouterr().err == ""

    def test_a_progress_bar_only_on_a_terminal(self, tmp_path, monkeypatch):
        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        path = _broken_file(tmp_path, 3)
        for argv, drawn in (([], True), (["--no-progress"], False), (["-q"], False)):
            terminal = Terminal()
            monkeypatch.setattr(sys, "stderr", terminal)
            assert cli.main(["audit", str(path), "-o", str(tmp_path / "out"), *argv]) == 0
            assert ("lines" in terminal.getvalue()) is drawn, argv
        plain = io.StringIO()
        monkeypatch.setattr(sys, "stderr", plain)
        assert cli.main(["audit", str(path), "-o", str(tmp_path / "out")]) == 0
        assert "lines" not in plain.getvalue()
        assert plain.getvalue().startswith("msp audit: wrote the audit (text)")

    def test_without_tqdm_a_line_of_text(self, monkeypatch):
        from msp.cli import audit as command  # noqa: PLC0415

        real = command.importlib.import_module

        def no_tqdm(name: str):
            if name == "tqdm":
                raise ImportError(name)
            return real(name)

        monkeypatch.setattr(command.importlib, "import_module", no_tqdm)
        stream = io.StringIO()
        bar = command._Progress(stream)
        assert bar.tqdm is None
        bar.reached("<stdin>", 1_500)
        bar.close()
        assert "\r<stdin>: line 1,500 (" in stream.getvalue()
        assert stream.getvalue().endswith("\r\x1b[K")

    @pytest.mark.parametrize(("content", "lines"), [(b"", 0), (b"a\n", 1), (b"a\nb", 2), (b"a\r\nb\r\n", 2)])
    def test_the_bar_counts_the_lines_to_read(self, tmp_path, content, lines):
        from msp.cli import audit as command  # noqa: PLC0415

        path = tmp_path / "f.jsonl"
        path.write_bytes(content)
        assert command._lines(str(path)) == lines
        assert command._lines("-") is None
