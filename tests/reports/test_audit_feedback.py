"""The audit's measures of the adult's feedback (LGA/ADASS MSP Outcomes Framework 2018, questions 4-7):
asked at closure, who answered, and each question's positive answers split by who answered."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from msp import Adult, AdultsFeedback, Closure, Concern, Enquiry, FeedbackAnswer
from msp.codes import EnquiryType, FeedbackAsked, FeedbackAskedBy, FeedbackQuestion, FeedbackRespondent
from msp.reports.audit import MEASURES, AuditReport, audit

AS_OF = date(2026, 3, 31)
RECEIVED = date(2025, 5, 1)
CLOSED = date(2025, 8, 1)
YES = FeedbackAnswer(option="CANARY-OPTION", positive=True)
NO = FeedbackAnswer(option="CANARY-OPTION", positive=False)
RESPONDENTS = ("adult", "friend", "carer", "family_member", "imca")


def _closed(number: int, feedback: AdultsFeedback | None, *, closed: bool = True) -> Concern:
    return Concern(
        concern_id=f"CASE-{number:03d}",
        adult=Adult(adult_id=f"ADULT-{number:03d}"),
        received_on=RECEIVED,
        team="Team A" if number % 2 else "Team B",
        enquiry=Enquiry(enquiry_type=EnquiryType.SECTION_42, concluded_on=date(2025, 7, 1)),
        closure=Closure(closed_on=CLOSED) if closed else None,
        feedback=feedback,
    )


def _asked(who: FeedbackRespondent | None, *answers: FeedbackAnswer | None) -> AdultsFeedback:
    q4, q5, q6, q7 = (*answers, None, None, None, None)[:4]
    return AdultsFeedback(
        asked=FeedbackAsked.ASKED,
        answered_by=who,
        asked_on=CLOSED,
        asked_by=FeedbackAskedBy.ENQUIRY_LEAD,
        question_4=q4,
        question_5=q5,
        question_6=q6,
        question_7=q7,
        comments="CANARY-COMMENT from Zoë",
    )


CASELOAD = (
    _closed(1, _asked(FeedbackRespondent.ADULT, YES, YES, NO, YES)),
    _closed(2, _asked(FeedbackRespondent.ADULT, NO, YES)),
    _closed(3, _asked(FeedbackRespondent.IMCA, YES, NO, YES, YES)),
    _closed(4, _asked(FeedbackRespondent.FAMILY_MEMBER, YES)),
    _closed(5, _asked(None, YES)),  # who answered is not recorded: counts overall only
    _closed(6, AdultsFeedback(asked=FeedbackAsked.DECLINED, answered_by=FeedbackRespondent.ADULT)),
    _closed(7, AdultsFeedback(asked=FeedbackAsked.NOT_POSSIBLE, not_possible_reason="CANARY-REASON")),
    _closed(8, None),
    _closed(9, _asked(FeedbackRespondent.CARER, NO), closed=False),  # not closed: not in feedback_asked
)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(CASELOAD, as_of=AS_OF, by=("team",))


def _pair(report: AuditReport, code: str, **group: str) -> tuple[int, int]:
    m = report.measure(code, **group)
    return (m.numerator, m.denominator)


class TestFeedbackMeasures:
    """Asked of closed cases; who answered of those asked; positive answers per question and respondent."""

    def test_the_measures_are_defined_in_order(self, report: AuditReport) -> None:
        codes = [m.code for m in report.measures]
        assert codes == list(MEASURES)
        feedback = [c for c in codes if c.startswith("feedback_")]
        assert feedback[0] == "feedback_asked"
        assert feedback[1:6] == [f"feedback_by_{r}" for r in RESPONDENTS]
        assert len(feedback) == 1 + 5 + 4 * (1 + 5)
        assert codes.index("children_referred") < codes.index("feedback_asked") < codes.index("stages_on_time")

    def test_asked_of_cases_closed_after_an_enquiry(self, report: AuditReport) -> None:
        # 1-5 asked; 6 declined, 7 not possible, 8 nothing recorded; 9 is not closed
        assert _pair(report, "feedback_asked") == (5, 8)

    def test_who_answered_of_those_asked(self, report: AuditReport) -> None:
        # six asked (case 9 too, though not closed): two adults, an IMCA, a family member, a carer, one unknown
        assert {r: _pair(report, f"feedback_by_{r}") for r in RESPONDENTS} == {
            "adult": (2, 6),
            "friend": (0, 6),
            "carer": (1, 6),
            "family_member": (1, 6),
            "imca": (1, 6),
        }

    def test_positive_answers_overall(self, report: AuditReport) -> None:
        assert {q.code: _pair(report, f"feedback_{q.code}_positive") for q in FeedbackQuestion} == {
            "q4": (4, 6),
            "q5": (2, 3),
            "q6": (1, 2),
            "q7": (2, 2),
        }

    def test_positive_answers_split_by_who_answered(self, report: AuditReport) -> None:
        assert _pair(report, "feedback_q4_positive_adult") == (1, 2)
        assert _pair(report, "feedback_q5_positive_adult") == (2, 2)
        assert _pair(report, "feedback_q4_positive_imca") == (1, 1)
        assert _pair(report, "feedback_q5_positive_imca") == (0, 1)
        assert _pair(report, "feedback_q4_positive_family_member") == (1, 1)
        assert _pair(report, "feedback_q4_positive_carer") == (0, 1)
        assert _pair(report, "feedback_q4_positive_friend") == (0, 0)
        assert report.measure("feedback_q4_positive_friend").percent == "-"

    def test_groups_add_up_to_the_caseload(self, report: AuditReport) -> None:
        for m in report.measures:
            if m.code.startswith("feedback_"):
                groups = [g for g in report.groups if g.dimension == "team"]
                assert sum(_pair(report, m.code, dimension="team", group=g.name)[1] for g in groups) == m.denominator
                assert sum(_pair(report, m.code, dimension="team", group=g.name)[0] for g in groups) == m.numerator


class TestFeedbackInEveryFormat:
    """Text, JSON, CSV and HTML carry the feedback measures, and nothing the person said."""

    def test_json(self, report: AuditReport) -> None:
        data = json.loads(report.to_json())
        found = {m["code"]: (m["numerator"], m["denominator"]) for m in data["measures"]}
        assert found["feedback_asked"] == (5, 8)
        assert found["feedback_q4_positive_adult"] == (1, 2)
        assert data["definitions"]["feedback_q4_positive_imca"]["title"] == "Question 4: positive answers by an IMCA"

    def test_csv(self, report: AuditReport) -> None:
        rows = [r for r in csv.DictReader(io.StringIO(report.to_csv())) if r["dimension"] == "all"]
        by_code = {r["measure"]: r for r in rows}
        assert (by_code["feedback_asked"]["numerator"], by_code["feedback_asked"]["denominator"]) == ("5", "8")
        assert by_code["feedback_by_imca"]["title"] == "Feedback given by an IMCA"

    def test_text(self, report: AuditReport) -> None:
        text = report.to_text()
        line = next(x for x in text.splitlines() if x.strip().startswith("Feedback asked (questions 4-7)"))
        assert line.split()[-3:] == ["5", "8", "63%"]  # 62.5%: halves are rounded up
        assert "Question 7: positive answers by the adult" in text

    def test_html(self, report: AuditReport) -> None:
        page = report.to_html()
        assert "Feedback asked (questions 4-7)" in page
        # The split by who answered is one table: a row per question, a column per respondent.
        assert "<caption>Positive answers to questions 4-7, by who answered</caption>" in page
        assert '<th scope="col">An IMCA</th>' in page
        assert '<th scope="row">Question 5</th>' in page

    @pytest.mark.parametrize("form", ["to_text", "to_json", "to_csv", "to_html"])
    def test_no_comment_reason_or_option_text_is_reported(self, report: AuditReport, form: str) -> None:
        out = getattr(report, form)()
        for canary in ("CANARY-COMMENT", "CANARY-REASON", "CANARY-OPTION", "Zoë", "CASE-", "ADULT-"):
            assert canary not in out
