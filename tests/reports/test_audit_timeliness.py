"""The case-file audit's risk rating at triage and timeliness measures (issue 14 item 8): counts, the
breakdown by rating, every output format, and ``msp audit --by``."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

import msp
from msp import Adult, Concern, Contact, ImmediateSafety, cli
from msp.reports.audit import MEASURES, SECTIONS, AuditReport, audit
from msp.workflow.timescales import Policy

AS_OF = date(2025, 6, 13)  # a Friday
MON = date(2025, 6, 2)
TUE = date(2025, 6, 3)
NEW = ("risk_rated", "first_contact_in_time", "immediate_safety_in_time")
CANARY = "CANARY-RATING"


def _case(
    number: int,
    rating: str | None,
    received: date = MON,
    *,
    spoken: date | None = None,
    assessed: date | None = None,
    team: str = "Team A",
) -> Concern:
    safety = None if rating is None and assessed is None else ImmediateSafety(assessed_on=assessed, risk_rating=rating)
    return Concern(
        concern_id=f"CASE-{number:03d}",
        adult=Adult(adult_id=f"ADULT-{number:03d}"),
        received_on=received,
        team=team,
        immediate_safety=safety,
        contact=None if spoken is None else Contact(spoken_to=True, spoken_to_on=spoken),
    )


# Received Monday 2 June 2025, audited Friday 13 June (weekends only).
CASES = (
    _case(1, "critical", spoken=MON, assessed=MON),  # both met (same day)
    _case(2, "critical", spoken=TUE, assessed=TUE),  # both missed (next day)
    _case(3, "High", spoken=TUE, assessed=MON, team="Team B"),  # both met; rating matched ignoring case
    _case(4, "low", assessed=TUE),  # first contact not recorded (due 9 June); immediate safety met
    _case(5, "medium", AS_OF, team="Team B"),  # received on the audit day: neither is due yet
    _case(6, CANARY, spoken=MON, assessed=MON),  # not on the scale: not timed
    _case(7, None, spoken=MON, team="Team B"),  # no rating: not timed by default
)


def _pairs(report: AuditReport, dimension: str | None = None, group: str | None = None) -> dict[str, tuple[int, int]]:
    return {
        code: (
            report.measure(code, dimension=dimension, group=group).numerator,
            report.measure(code, dimension=dimension, group=group).denominator,
        )
        for code in NEW
    }


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(CASES, as_of=AS_OF, by=("team", "rating"))


class TestTimelinessMeasures:
    """Risk rated at triage, first contact and immediate safety within target: hand-computed counts."""

    def test_whole_caseload(self, report):
        """Five of seven rated on the scale; of those timed and due, 2/4 first contacts and 3/4 assessments met."""
        assert _pairs(report) == {
            "risk_rated": (5, 7),
            "first_contact_in_time": (2, 4),
            "immediate_safety_in_time": (3, 4),
        }

    def test_the_measures_follow_the_existing_ones_and_are_defined(self, report):
        """The three measures follow the stage timescales, are defined in MEASURES, and keep the report's order."""
        codes = [m.code for m in report.measures]
        assert codes == list(MEASURES)
        assert (
            codes.index("risk_rated") < codes.index("first_contact_in_time") < codes.index("immediate_safety_in_time")
        )
        assert codes.index("open_stages_in_time") < codes.index("risk_rated")

    def test_by_rating_in_scale_order_then_no_rating_then_off_scale(self, report):
        """Groups follow the policy's scale, then records without a rating, then ratings not on the scale."""
        ratings = [(g.name, g.records) for g in report.groups if g.dimension == "rating"]
        assert ratings == [
            ("low", 1),
            ("medium", 1),
            ("high", 1),
            ("critical", 2),
            ("(no rating recorded)", 1),
            ("(rating not on the scale)", 1),
        ]
        assert _pairs(report, "rating", "critical") == {
            "risk_rated": (2, 2),
            "first_contact_in_time": (1, 2),
            "immediate_safety_in_time": (1, 2),
        }
        assert _pairs(report, "rating", "low")["first_contact_in_time"] == (0, 1)
        assert _pairs(report, "rating", "medium")["first_contact_in_time"] == (0, 0)

    def test_breakdowns_add_up_to_the_whole(self, report):
        """By team and by rating, numerators and denominators add up to the caseload's."""
        for dimension in ("team", "rating"):
            groups = [g for g in report.groups if g.dimension == dimension]
            assert sum(g.records for g in groups) == report.records
            for i, whole in enumerate(report.measures):
                assert sum(g.measures[i].numerator for g in groups) == whole.numerator
                assert sum(g.measures[i].denominator for g in groups) == whole.denominator

    def test_the_policy_decides_the_scale_and_unrated(self):
        """A council's own scale and unrated rating: the audit times against them."""
        policy = Policy(
            risk_scale=("green", "red"),
            first_contact_targets={"green": 5, "red": 0},
            immediate_safety_targets={"green": 1, "red": 0},
            unrated="green",
        )
        found = audit([_case(1, "red", spoken=MON), _case(2, None, spoken=TUE)], as_of=AS_OF, policy=policy, by=())
        assert _pairs(found) == {
            "risk_rated": (1, 2),
            "first_contact_in_time": (2, 2),
            "immediate_safety_in_time": (0, 2),  # not assessed, past due
        }
        assert "green 5/1; red 0/0" in found.notes[-1]
        assert "timed as green" in found.notes[-1]

    def test_the_note_names_the_targets(self, report):
        """The notes give the scale and its targets, and say they are local targets, not law."""
        note = report.notes[-1]
        assert "low 5/1; medium 3/1; high 1/0; critical 0/0" in note
        assert "not timed" in note
        assert "not law" in note


class TestTimelinessOutputs:
    """Text, JSON, CSV and HTML all carry the new measures, overall and by rating; no recorded rating text."""

    def test_text(self, report):
        text = report.to_text()
        for code in NEW:
            assert MEASURES[code][0] in text
            assert f"({code}): " in text  # the definitions name each code
        lines = text.splitlines()
        summary = next(line for line in lines if line.strip().startswith("First contact with the adult within target"))
        assert summary.split()[-3:] == ["2", "4", "50%"]
        # By rating: measures as rows, at most four ratings side by side; critical is the fourth column.
        start = lines.index("By risk rating at triage (1 of 2): numerator/denominator share")
        header = re.split(r"\s{2,}", lines[start + 1].strip())
        assert header == ["Measure", "low", "medium", "high", "critical"]
        end = lines.index("", start)
        table = {cells[0]: cells for cells in (re.split(r"\s{2,}", line.strip()) for line in lines[start + 2 : end])}
        assert table["First contact with the adult within target"][4] == "1/2 50%"
        assert table["Immediate safety assessed within target"][4] == "1/2 50%"
        assert table["Risk rated at triage"][4] == "2/2 100%"
        assert "By risk rating at triage (2 of 2): numerator/denominator share" in lines

    def test_json(self, report):
        data = json.loads(report.to_json())
        overall = {m["code"]: (m["numerator"], m["denominator"]) for m in data["measures"]}
        assert overall["risk_rated"] == (5, 7)
        assert overall["immediate_safety_in_time"] == (3, 4)
        assert set(NEW) <= set(data["definitions"])
        critical = next(g for g in data["groups"] if g["dimension"] == "rating" and g["name"] == "critical")
        assert {m["code"]: m["numerator"] for m in critical["measures"]}["first_contact_in_time"] == 1

    def test_csv(self, report):
        rows = list(csv.DictReader(io.StringIO(report.to_csv())))
        found = {(r["dimension"], r["group"], r["measure"]): (r["numerator"], r["denominator"]) for r in rows}
        assert found["all", "all", "first_contact_in_time"] == ("2", "4")
        assert found["rating", "critical", "immediate_safety_in_time"] == ("1", "2")
        assert found["rating", "(no rating recorded)", "risk_rated"] == ("0", "1")

    def test_html(self, report):
        page = report.to_html()
        for code in NEW:
            assert MEASURES[code][0] in page
        assert "<h2>By risk rating at triage</h2>" in page
        assert "2 of 4" in page
        assert page.count("<svg") == len(MEASURES) - len(SECTIONS["Positive answers by who answered"])

    @pytest.mark.parametrize("method", ["to_text", "to_json", "to_csv", "to_html"])
    def test_a_rating_off_the_scale_is_grouped_not_shown(self, report, method):
        """A rating not on the scale is counted under one group; its recorded text never appears."""
        out = getattr(report, method)()
        assert CANARY not in out
        assert "(rating not on the scale)" in out


class TestAuditCommandBy:
    """``msp audit --by``: the breakdowns to show, including the risk rating."""

    def _write(self, tmp_path) -> str:
        path = tmp_path / "cases.jsonl"
        path.write_text("\n".join(msp.to_json(c) for c in CASES) + "\n", encoding="utf-8")
        return str(path)

    @pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
    def test_by_rating_in_each_format(self, tmp_path, fmt):
        out = tmp_path / "out"
        argv = ["audit", self._write(tmp_path), "--format", fmt, "-o", str(out), "--as-of", AS_OF.isoformat()]
        assert cli.main([*argv, "--by", "team, rating"]) == 0
        text = out.read_text(encoding="utf-8")
        assert "(no rating recorded)" in text
        assert "Team B" in text
        assert "first_contact_in_time" in text or MEASURES["first_contact_in_time"][0] in text

    def test_default_is_team_and_quarter(self, tmp_path):
        out = tmp_path / "out.json"
        argv = ["audit", self._write(tmp_path), "--format", "json", "-o", str(out), "--as-of", AS_OF.isoformat()]
        assert cli.main(argv) == 0
        dimensions = {g["dimension"] for g in json.loads(out.read_text(encoding="utf-8"))["groups"]}
        assert dimensions == {"team", "quarter"}

    def test_an_unknown_breakdown_exits_2(self, tmp_path, capsys):
        assert cli.main(["audit", self._write(tmp_path), "--by", "team,region"]) == 2
        err = capsys.readouterr().err
        assert "--by is any of team, quarter, year, rating" in err
