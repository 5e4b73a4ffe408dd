"""The Making Safeguarding Personal case-file audit: measures, breakdowns, outputs, privacy."""

from __future__ import annotations

import csv
import inspect
import io
import json
from datetime import date, datetime, timezone
from html.parser import HTMLParser

import pytest

import msp
from msp import (
    Actor,
    Adult,
    AdultsViews,
    AdvocacyAssessment,
    Advocate,
    ChildrenAtRisk,
    Closure,
    Concern,
    Contact,
    CrimeAndPolice,
    DesiredOutcome,
    Enquiry,
    HistoryEntry,
    ProfessionalCuriosity,
    Representative,
    RiskPlan,
    cli,
)
from msp.codes import (
    AdvocateKind,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    EnquiryType,
    ExpressedBy,
    MspAsked,
    OutcomeAchievement,
    RepresentativeKind,
)
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES
from msp.reports.audit import DIMENSIONS, MEASURES, SECTIONS, AuditReport, audit, audit_files
from msp.synth import generate_concerns
from msp.workflow.timescales import Policy, WorkingCalendar

S42, OTHER = EnquiryType.SECTION_42, EnquiryType.OTHER
AS_OF = date(2026, 3, 31)
CANARIES = ("CANARY-VIEWS", "CANARY-OUTCOME", "CANARY-COMMS", "CANARY-REASON", "CANARY-NOTES", "CANARY-PLAN")


def _concern(number: int, team: str | None, received: date, **fields: object) -> Concern:
    adult = fields.pop("adult", None) or Adult(adult_id=f"ADULT-{number:03d}")
    return Concern(concern_id=f"CASE-{number:03d}", adult=adult, team=team, received_on=received, **fields)


def _enquiry(kind: EnquiryType = S42, concluded: date | None = None, **fields: object) -> Enquiry:
    return Enquiry(enquiry_type=kind, concluded_on=concluded, **fields)


# Eight case files (collection year 2025-26): teams A and B and one with no team; one per quarter pair.
K1 = _concern(  # A, Q1: asked, expressed, fully achieved; seen alone; lacked capacity with an IMCA; plan agreed
    1,
    "Team A",
    date(2025, 4, 10),
    adult=Adult(adult_id="ADULT-001", advocates=(Advocate(kind=AdvocateKind.IMCA, involved=True),)),
    enquiry=_enquiry(
        concluded=date(2025, 6, 1), capacity_lacked=CapacityLacked.YES, outcomes_achieved=OutcomeAchievement.FULLY
    ),
    msp_asked=MspAsked.ASKED_EXPRESSED,
    contact=Contact(seen_alone=True),
    plan=RiskPlan(agreed_with_adult=True),
    stage=CaseStage.CONCLUDED,
)
K2 = _concern(  # A, Q1: other enquiry; expressed, not achieved (from the outcome); not seen alone;
    # substantial difficulty and no one involved; plan not agreed
    2,
    "Team A",
    date(2025, 5, 20),
    enquiry=_enquiry(OTHER, concluded=date(2025, 7, 1)),
    msp_asked=MspAsked.ASKED_EXPRESSED,
    desired_outcomes=(
        DesiredOutcome(in_own_words="Invented", expressed_by=ExpressedBy.ADULT, achievement=OutcomeAchievement.NOT),
    ),
    contact=Contact(seen_alone=False),
    advocacy=AdvocacyAssessment(difficulty_communicating=True),
    plan=RiskPlan(agreed_with_adult=False),
    stage=CaseStage.CONCLUDED,
)
K3 = _concern(  # A, Q2: asked, none expressed; no contact recorded; closed at the adult's request, coercion considered
    3,
    "Team A",
    date(2025, 7, 15),
    enquiry=_enquiry(concluded=date(2025, 8, 1), capacity_lacked=CapacityLacked.NO),
    msp_asked=MspAsked.ASKED_NOT_EXPRESSED,
    closure=Closure(closed_on=date(2025, 8, 2), reason=ClosureReason.CEASED_AT_ADULTS_REQUEST),
    curiosity=ProfessionalCuriosity(coercion_considered=True),
    stage=CaseStage.CLOSED,
)
K4 = _concern(  # B, Q2: not asked; seen alone; ceased at the adult's request, coercion not considered; plan agreed
    4,
    "Team B",
    date(2025, 8, 1),
    enquiry=_enquiry(concluded=date(2025, 9, 1)),
    msp_asked=MspAsked.NO,
    contact=Contact(seen_alone=True),
    stage=CaseStage.CEASED_AT_ADULTS_REQUEST,
    plan=RiskPlan(agreed_with_adult=True),
)
K5 = _concern(  # B, Q3: expressed, partially achieved; seen alone; lacked capacity, family involved
    5,
    "Team B",
    date(2025, 10, 5),
    adult=Adult(
        adult_id="ADULT-005",
        representatives=(Representative(kind=RepresentativeKind.FAMILY_OR_FRIEND, involved=True),),
    ),
    enquiry=_enquiry(
        concluded=date(2025, 12, 1),
        capacity_lacked=CapacityLacked.YES,
        outcomes_achieved=OutcomeAchievement.PARTIALLY,
    ),
    msp_asked=MspAsked.ASKED_EXPRESSED,
    contact=Contact(seen_alone=True),
    stage=CaseStage.CONCLUDED,
)
K6 = _concern(  # B, Q3: an enquiry open since 3 November (20 working days: due 1 December), plan agreement not recorded
    6,
    "Team B",
    date(2025, 11, 1),
    enquiry=_enquiry(started_on=date(2025, 11, 3)),
    plan=RiskPlan(agreed_with_adult=None),
    stage=CaseStage.ENQUIRY,
)
K7 = _concern(7, None, date(2026, 1, 20))  # no team, Q4: a concern only, still at concern_received (overdue)
K8 = _concern(  # no team, Q4: expressed, achievement not recorded; SG3a support recorded; canaries in free text
    8,
    None,
    date(2026, 2, 1),
    adult=Adult(adult_id="ADULT-008", communication_needs="CANARY-COMMS"),
    enquiry=_enquiry(concluded=date(2026, 3, 1), capacity_lacked=CapacityLacked.YES, advocacy_support=True),
    msp_asked=MspAsked.ASKED_EXPRESSED,
    desired_outcomes=(DesiredOutcome(in_own_words="CANARY-OUTCOME", expressed_by=ExpressedBy.ADULT),),
    views=AdultsViews(in_own_words="CANARY-VIEWS"),
    contact=Contact(not_seen_alone_reason="CANARY-REASON"),
    curiosity=ProfessionalCuriosity(notes="CANARY-NOTES"),
    stage=CaseStage.CONCLUDED,
)
FIXTURE = (K1, K2, K3, K4, K5, K6, K7, K8)
IDS = tuple(c.concern_id for c in FIXTURE) + tuple(c.adult.adult_id for c in FIXTURE)


def _pairs(measures: tuple[msp.reports.audit.Measure, ...]) -> dict[str, tuple[int, int]]:
    """Numerator and denominator by measure; the feedback measures are tested in test_audit_feedback.py."""
    return {m.code: (m.numerator, m.denominator) for m in measures if not m.code.startswith("feedback_")}


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(FIXTURE, as_of=AS_OF)


class TestMeasures:
    """Numerators and denominators over the whole caseload and by team, quarter and year."""

    def test_whole_caseload_numerators_and_denominators(self, report):
        """Hand-computed: six concluded enquiries (K1-K5, K8), four plans, two ended at the adult's request."""
        assert report.records == 8
        assert _pairs(report.measures) == {
            "asked": (5, 6),
            "expressed": (4, 5),
            "fully_achieved": (1, 4),
            "partially_achieved": (1, 4),
            "not_achieved": (1, 4),
            "seen_alone": (3, 6),
            "advocacy": (3, 4),
            "plan_agreed": (2, 4),
            "coercion_considered": (1, 2),
            "police_told": (0, 0),
            "children_referred": (0, 0),
            "stages_on_time": (0, 0),
            "open_stages_in_time": (0, 2),
            "risk_rated": (0, 8),
            "first_contact_in_time": (0, 0),
            "immediate_safety_in_time": (0, 0),
        }

    def test_by_team(self, report):
        teams = {g.name: (g.records, _pairs(g.measures)) for g in report.groups if g.dimension == "team"}
        assert list(teams) == ["Team A", "Team B", "(no team recorded)"]
        assert teams["Team A"] == (
            3,
            {
                "asked": (3, 3),
                "expressed": (2, 3),
                "fully_achieved": (1, 2),
                "partially_achieved": (0, 2),
                "not_achieved": (1, 2),
                "seen_alone": (1, 3),
                "advocacy": (1, 2),
                "plan_agreed": (1, 2),
                "coercion_considered": (1, 1),
                "police_told": (0, 0),
                "children_referred": (0, 0),
                "stages_on_time": (0, 0),
                "open_stages_in_time": (0, 0),
                "risk_rated": (0, 3),
                "first_contact_in_time": (0, 0),
                "immediate_safety_in_time": (0, 0),
            },
        )
        assert teams["Team B"] == (
            3,
            {
                "asked": (1, 2),
                "expressed": (1, 1),
                "fully_achieved": (0, 1),
                "partially_achieved": (1, 1),
                "not_achieved": (0, 1),
                "seen_alone": (2, 2),
                "advocacy": (1, 1),
                "plan_agreed": (1, 2),
                "coercion_considered": (0, 1),
                "police_told": (0, 0),
                "children_referred": (0, 0),
                "stages_on_time": (0, 0),
                "open_stages_in_time": (0, 1),
                "risk_rated": (0, 3),
                "first_contact_in_time": (0, 0),
                "immediate_safety_in_time": (0, 0),
            },
        )
        assert teams["(no team recorded)"] == (
            2,
            {
                "asked": (1, 1),
                "expressed": (1, 1),
                "fully_achieved": (0, 1),
                "partially_achieved": (0, 1),
                "not_achieved": (0, 1),
                "seen_alone": (0, 1),
                "advocacy": (1, 1),
                "plan_agreed": (0, 0),
                "coercion_considered": (0, 0),
                "police_told": (0, 0),
                "children_referred": (0, 0),
                "stages_on_time": (0, 0),
                "open_stages_in_time": (0, 1),
                "risk_rated": (0, 2),
                "first_contact_in_time": (0, 0),
                "immediate_safety_in_time": (0, 0),
            },
        )

    def test_by_quarter_of_the_received_date(self, report):
        quarters = {g.name: (g.records, _pairs(g.measures)) for g in report.groups if g.dimension == "quarter"}
        assert list(quarters) == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4"]
        assert quarters["2025-26 Q1"][1] == {
            "asked": (2, 2),
            "expressed": (2, 2),
            "fully_achieved": (1, 2),
            "partially_achieved": (0, 2),
            "not_achieved": (1, 2),
            "seen_alone": (1, 2),
            "advocacy": (1, 2),
            "plan_agreed": (1, 2),
            "coercion_considered": (0, 0),
            "police_told": (0, 0),
            "children_referred": (0, 0),
            "stages_on_time": (0, 0),
            "open_stages_in_time": (0, 0),
            "risk_rated": (0, 2),
            "first_contact_in_time": (0, 0),
            "immediate_safety_in_time": (0, 0),
        }
        assert quarters["2025-26 Q2"][1] == {
            "asked": (1, 2),
            "expressed": (0, 1),
            "fully_achieved": (0, 0),
            "partially_achieved": (0, 0),
            "not_achieved": (0, 0),
            "seen_alone": (1, 2),
            "advocacy": (0, 0),
            "plan_agreed": (1, 1),
            "coercion_considered": (1, 2),
            "police_told": (0, 0),
            "children_referred": (0, 0),
            "stages_on_time": (0, 0),
            "open_stages_in_time": (0, 0),
            "risk_rated": (0, 2),
            "first_contact_in_time": (0, 0),
            "immediate_safety_in_time": (0, 0),
        }
        assert {name: records for name, (records, _) in quarters.items()} == dict.fromkeys(quarters, 2)

    def test_breakdowns_add_up_to_the_whole(self, report):
        for dimension in ("team", "quarter"):
            groups = [g for g in report.groups if g.dimension == dimension]
            assert sum(g.records for g in groups) == report.records
            for i, whole in enumerate(report.measures):
                assert sum(g.measures[i].numerator for g in groups) == whole.numerator
                assert sum(g.measures[i].denominator for g in groups) == whole.denominator

    def test_by_year_and_quarter_boundaries(self):
        """Quarters run April-June (Q1) to January-March (Q4) of the collection year."""
        records = [_concern(i, "T", d) for i, d in enumerate([date(2025, 3, 31), date(2025, 4, 1), date(2026, 1, 1)])]
        report = audit(records, as_of=AS_OF, by=("year", "quarter"))
        assert [(g.dimension, g.name, g.records) for g in report.groups] == [
            ("year", "2024-25", 1),
            ("year", "2025-26", 2),
            ("quarter", "2024-25 Q4", 1),
            ("quarter", "2025-26 Q1", 1),
            ("quarter", "2025-26 Q4", 1),
        ]

    def test_no_breakdown(self):
        assert audit(FIXTURE, as_of=AS_OF, by=()).groups == ()

    def test_an_unknown_breakdown_is_refused(self):
        with pytest.raises(ValueError, match="team, quarter, year"):
            audit(FIXTURE, by=("region",))

    def test_police_told_and_children_referred(self):
        """Counted where a crime may have been committed, or a child is judged at risk; a reason for not telling
        the police or children's services does not count, and children merely present are not counted."""
        received = date(2025, 5, 1)
        records = [
            _concern(1, "T", received, crime=CrimeAndPolice(crime_suspected=True, police_informed_on=received)),
            _concern(2, "T", received, crime=CrimeAndPolice(crime_suspected=True, crime_reference="REF-1")),
            _concern(3, "T", received, crime=CrimeAndPolice(crime_suspected=True, no_police_reason="Adult declined")),
            _concern(4, "T", received, crime=CrimeAndPolice(crime_suspected=False)),
            _concern(5, "T", received, children=ChildrenAtRisk(child_may_be_at_risk=True, referred_on=received)),
            _concern(6, "T", received, children=ChildrenAtRisk(child_may_be_at_risk=True, not_referred_reason="Known")),
            _concern(7, "T", received, children=ChildrenAtRisk(child_may_be_at_risk=False)),
        ]
        pairs = _pairs(audit(records, as_of=AS_OF).measures)
        assert pairs["police_told"] == (2, 3)
        assert pairs["children_referred"] == (1, 2)

    def test_measure_lookup_and_shares(self, report):
        asked = report.measure("asked")
        assert (asked.share, asked.percent, str(asked)) == (5 / 6, "83%", "5/6 83%")
        assert report.measure("plan_agreed", dimension="team", group="(no team recorded)").percent == "-"
        with pytest.raises(KeyError):
            report.measure("nothing")
        with pytest.raises(KeyError):
            report.measure("asked", dimension="team", group="Team Z")

    def test_as_of_defaults_to_today_only_without_dates(self):
        """With no record there is no latest date in the data: the audit date is today, and says so."""
        report = audit([])
        assert (report.as_of, report.as_of_source) == (date.today(), "today")  # noqa: DTZ011
        assert "today (the data holds no dates)" in report.to_text()

    def test_every_measure_is_defined(self, report):
        assert [m.code for m in report.measures] == list(MEASURES)
        assert DIMENSIONS == ("team", "quarter", "year", "rating")


def _moved(to: CaseStage, day: date) -> HistoryEntry:
    return HistoryEntry(
        to_stage=to,
        at=datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc),
        actor=Actor(role="r", user_id="U1"),
    )


class TestTimescales:
    """Stages against the policy's targets in working days (local defaults: 1, 1, 5, 20, 30)."""

    CASE = _concern(
        20,
        "Team T",
        date(2025, 6, 2),
        stage=CaseStage.ENQUIRY,
        history=(
            _moved(CaseStage.CONCERN_RECEIVED, date(2025, 6, 2)),  # Monday; due Tuesday 3rd: left 3rd, on time
            _moved(CaseStage.INFORMATION_GATHERING, date(2025, 6, 3)),  # due Wednesday 4th: left Friday 6th, late
            _moved(CaseStage.DECIDED, date(2025, 6, 6)),  # due Friday 13th: left Monday 9th, on time
            _moved(CaseStage.ENQUIRY, date(2025, 6, 9)),  # 20 working days: due Monday 7 July, still open
        ),
    )

    @pytest.mark.parametrize(("as_of", "in_time"), [(date(2025, 7, 7), 1), (date(2025, 7, 8), 0)])
    def test_finished_and_open_stages(self, as_of, in_time):
        report = audit([self.CASE], as_of=as_of, by=())
        assert _pairs(report.measures)["stages_on_time"] == (2, 3)
        assert _pairs(report.measures)["open_stages_in_time"] == (in_time, 1)

    def test_a_policy_of_ones_own(self):
        """Bank holidays and targets come from the policy given."""
        policy = Policy(
            targets={CaseStage.INFORMATION_GATHERING: 3},
            calendar=WorkingCalendar(holidays={date(2025, 6, 4)}),
            name="Our council",
        )
        report = audit([self.CASE], as_of=date(2025, 7, 8), by=(), policy=policy)
        assert _pairs(report.measures)["stages_on_time"] == (1, 1)
        assert _pairs(report.measures)["open_stages_in_time"] == (0, 0)
        assert "Our council" in report.notes[0]
        assert "not law" in report.notes[0]


class TestOutputs:
    """The audit as JSON, CSV, text and HTML: counts, not only percentages, and no personal data."""

    def test_json_carries_numerators_and_denominators(self, report):
        data = json.loads(report.to_json())
        assert data["as_of"] == "2026-03-31"
        assert data["as_of_source"] == "given"
        assert data["period"] == {"first": "2025-04-10", "last": "2026-03-01"}
        assert data["measures"][0] == {
            "code": "asked",
            "title": "Asked about desired outcomes",
            "numerator": 5,
            "denominator": 6,
            "target": None,
            "status": None,
        }
        assert len(data["groups"]) == 7
        assert [g["name"] for g in data["trend"]] == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4"]
        assert set(data["definitions"]) == set(MEASURES)
        assert data["could_not_be_read"] == {"records": 0, "by_reason": {}, "file_problems": {}}
        assert "uncounted" not in data  # the list is written only on request (AuditReport.unread_csv)

    def test_csv_has_one_row_per_measure_and_group(self, report):
        rows = list(csv.DictReader(io.StringIO(report.to_csv())))
        assert len(rows) == (1 + len(report.groups)) * len(MEASURES)
        first = rows[0]
        assert first == {
            "dimension": "all",
            "group": "all",
            "records": "8",
            "measure": "asked",
            "title": "Asked about desired outcomes",
            "numerator": "5",
            "denominator": "6",
            "percent": "83%",
            "target": "",
            "status": "",
        }

    def test_text_shows_counts_not_only_percentages(self, report):
        text = report.to_text()
        asked = next(line for line in text.splitlines() if "Asked about desired outcomes" in line)
        assert asked.split()[-3:] == ["5", "6", "83%"]
        assert "3/3 100%" in text  # Team A asked
        assert "By quarter" in text

    def test_html_is_self_contained_with_charts(self, report):
        page = report.to_html()
        assert page.startswith("<!DOCTYPE html>")
        # One trend chart per measure of the summary; the split of questions 4-7 by who answered is a table.
        assert page.count("<svg") == len(MEASURES) - len(SECTIONS["Positive answers by who answered"])
        lowered = page.lower()
        for forbidden in ("<script", "src=", "href=", "<link", "@import", "url("):
            assert forbidden not in lowered
        assert "5 of 6" in page

        class Checker(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.stack: list[str] = []

            def handle_starttag(self, tag, attrs):
                if tag not in {"meta", "rect", "br", "col"}:
                    self.stack.append(tag)

            def handle_startendtag(self, tag, attrs):
                pass

            def handle_endtag(self, tag):
                assert self.stack.pop() == tag

        checker = Checker()
        checker.feed(page)
        checker.close()
        assert checker.stack == []

    @pytest.mark.parametrize("fmt", ["to_text", "to_json", "to_csv", "to_html"])
    def test_no_output_carries_personal_data_or_ids(self, report, fmt):
        """Free text planted in the records never appears; nor do concern or adult ids."""
        out = getattr(report, fmt)()
        for canary in CANARIES:
            assert canary not in out
        for record_id in IDS:
            assert record_id not in out

    def test_team_names_are_escaped_in_html(self):
        page = audit([_concern(1, "<b>Team & Co</b>", date(2025, 5, 1))], as_of=AS_OF).to_html()
        assert "<b>Team" not in page
        assert "&lt;b&gt;Team &amp; Co&lt;/b&gt;" in page


class TestCommand:
    """audit_files and msp audit: files in, unreadable records listed with file and line, never personal data."""

    def _write(self, tmp_path) -> str:
        path = tmp_path / "cases.jsonl"
        lines = [msp.to_json(c) for c in FIXTURE]
        lines.insert(2, '{"concern_id": "CASE-BROKEN", "adult": {}}')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    @pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
    def test_each_format_is_written_and_unreadable_records_are_counted_by_reason(self, tmp_path, fmt, capsys):
        """The report and standard error count the record that could not be read by its reason; only --unread
        lists it, by line and id."""
        argv = ["audit", self._write(tmp_path), "--format", fmt, "-o", str(tmp_path / "out"), "--as-of", "2026-03-31"]
        assert cli.main([*argv, "--unread", str(tmp_path / "unread.csv")]) == 0
        out = (tmp_path / "out").read_text(encoding="utf-8")
        err = capsys.readouterr().err
        shown = out + err
        assert "SHAPE-SCHEMA" in shown
        assert "1  SHAPE-SCHEMA" in err
        assert "CASE-BROKEN" not in shown
        assert "CASE-001" not in shown
        for canary in CANARIES:
            assert canary not in shown
        unread = list(csv.DictReader(io.StringIO((tmp_path / "unread.csv").read_text(encoding="utf-8"))))
        assert [(r["line"], r["record_id"], r["reason_code"]) for r in unread] == [("3", "CASE-BROKEN", "SHAPE-SCHEMA")]

    def test_audit_files_counts_the_readable_records(self, tmp_path):
        path = self._write(tmp_path)
        report = audit_files([path], as_of=AS_OF)
        assert report.records == 8
        assert [(u.record_id, u.line, u.source) for u in report.uncounted] == [("CASE-BROKEN", 3, path)]
        assert report.measures == audit(FIXTURE, as_of=AS_OF).measures
        assert report.measures[0].numerator == 5

    def test_audit_files_takes_the_same_breakdowns_and_policy_as_audit(self, tmp_path):
        policy = Policy(targets=Policy().targets, calendar=WorkingCalendar(holidays={date(2025, 12, 25)}), name="x")
        report = audit_files([self._write(tmp_path)], as_of=AS_OF, policy=policy, by=("year",))
        assert report.groups == audit(FIXTURE, as_of=AS_OF, policy=policy, by=("year",)).groups
        assert report.notes == audit(FIXTURE, as_of=AS_OF, policy=policy).notes

    def test_a_bad_date_or_missing_file_exits_2(self, tmp_path, capsys):
        assert cli.main(["audit", self._write(tmp_path), "--as-of", "31/03/2026"]) == 2
        assert cli.main(["audit", str(tmp_path / "nope.jsonl")]) == 2
        assert capsys.readouterr().err.count("msp audit:") == 2


class TestMaxRecordBytes:
    """audit_files(max_record_bytes=...): a line longer than the cap is one record that could not be read,
    SHAPE-TOO-LONG; every other line is audited as usual; the default cap is msp.io's, 10 MiB."""

    LONG = 2  # the line made long: FIXTURE[1], K2

    def _write(self, tmp_path) -> str:
        """FIXTURE as JSON Lines, K2's line padded with 5,000 spaces inside the JSON: the same record, 5 kB long."""
        lines = [msp.to_json(c) for c in FIXTURE]
        lines[self.LONG - 1] = "{" + " " * 5000 + lines[self.LONG - 1][1:]
        assert max(len(line) for i, line in enumerate(lines, start=1) if i != self.LONG) < 4096 < len(lines[1])
        path = tmp_path / "cases.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    def test_a_longer_line_is_not_read_and_the_rest_are_audited(self, tmp_path):
        path = self._write(tmp_path)
        report = audit_files([path], as_of=AS_OF, max_record_bytes=4096)
        rest = FIXTURE[: self.LONG - 1] + FIXTURE[self.LONG :]
        assert report.records == len(FIXTURE) - 1
        assert report.measures == audit(rest, as_of=AS_OF).measures
        assert report.groups == audit(rest, as_of=AS_OF).groups
        assert (report.unread, report.unread_records, report.file_problems) == ((("SHAPE-TOO-LONG", 1),), 1, ())
        (item,) = report.uncounted
        assert (item.line, item.source, item.record_id) == (self.LONG, path, None)
        assert [(p.code, p.line) for p in item.problems] == [("SHAPE-TOO-LONG", self.LONG)]
        rows = list(csv.DictReader(io.StringIO(report.unread_csv())))
        assert [(r["line"], r["reason_code"]) for r in rows] == [(str(self.LONG), "SHAPE-TOO-LONG")]

    def test_the_default_cap_reads_the_long_line(self, tmp_path):
        report = audit_files([self._write(tmp_path)], as_of=AS_OF)
        assert report.records == len(FIXTURE)
        assert (report.unread, report.uncounted) == ((), ())
        assert report.measures == audit(FIXTURE, as_of=AS_OF).measures
        assert inspect.signature(audit_files).parameters["max_record_bytes"].default == DEFAULT_MAX_RECORD_BYTES

    @pytest.mark.parametrize("bad", [0, -1])
    def test_a_cap_below_one_raises_before_any_file_is_opened(self, bad, tmp_path):
        with pytest.raises(ValueError, match="max_record_bytes must be 1 or more"):
            audit_files([], as_of=AS_OF, max_record_bytes=bad)
        with pytest.raises(ValueError, match="max_record_bytes must be 1 or more"):
            audit_files([str(tmp_path / "missing.jsonl")], as_of=AS_OF, max_record_bytes=bad)


def test_synthetic_caseload_measures_are_consistent():
    """On synthetic data each denominator nests as defined: expressed <= asked <= concluded; achieved <= expressed."""
    report = audit(generate_concerns(2000, seed=8), as_of=AS_OF)
    m = {x.code: x for x in report.measures}
    assert m["expressed"].denominator == m["asked"].numerator
    for code in ("fully_achieved", "partially_achieved", "not_achieved"):
        assert m[code].denominator == m["expressed"].numerator
    achieved = sum(m[c].numerator for c in ("fully_achieved", "partially_achieved", "not_achieved"))
    assert achieved <= m["expressed"].numerator
    assert m["asked"].denominator == m["seen_alone"].denominator > 100
    assert all(0 <= x.numerator <= x.denominator for x in report.measures)
