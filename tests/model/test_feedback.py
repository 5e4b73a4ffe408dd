"""The adult's feedback (LGA/ADASS MSP Outcomes Framework 2018, questions 4-7): the record, its code lists
and its one construction check (answers only where the questions were not declined or impossible)."""

from __future__ import annotations

from datetime import date

import pytest

from msp import AdultsFeedback, FeedbackAnswer, InvalidRecord, from_dict, to_dict
from msp.codes import FeedbackAsked, FeedbackAskedBy, FeedbackQuestion, FeedbackRespondent
from tests.builders import closed_s42

YES = FeedbackAnswer(option="Invented option", positive=True)
NO = FeedbackAnswer(option="Invented other option", positive=False)


class TestTheRecord:
    """Who answered, who asked, and the answers in question order."""

    def test_answers_in_question_order(self) -> None:
        fb = AdultsFeedback(asked=FeedbackAsked.ASKED, question_6=NO, question_4=YES)
        assert fb.answers == ((FeedbackQuestion.Q4, YES), (FeedbackQuestion.Q6, NO))
        assert fb.answer(FeedbackQuestion.Q6) is NO
        assert fb.answer(FeedbackQuestion.Q5) is None

    @pytest.mark.parametrize("who", list(FeedbackRespondent))
    def test_every_one_but_the_adult_is_a_representative(self, who: FeedbackRespondent) -> None:
        fb = AdultsFeedback(asked=FeedbackAsked.ASKED, answered_by=who)
        assert fb.by_representative is (who is not FeedbackRespondent.ADULT)
        assert who.is_representative is fb.by_representative

    def test_the_framework_names_four_kinds_of_representative(self) -> None:
        assert [r.code for r in FeedbackRespondent if r.is_representative] == [
            "friend",
            "carer",
            "family_member",
            "imca",
        ]

    def test_two_ways_of_asking(self) -> None:
        assert {a.code for a in FeedbackAskedBy} == {"independent_person", "enquiry_lead"}

    def test_question_labels_are_neutral(self) -> None:
        # the framework's own wording of questions 4-7 could not be verified, so none is reproduced
        assert [q.label for q in FeedbackQuestion] == ["Question 4", "Question 5", "Question 6", "Question 7"]


class TestAnswersOnlyWhenAsked:
    """An answer with the questions declined or not possible is refused, at the answer's path."""

    @pytest.mark.parametrize("asked", [FeedbackAsked.DECLINED, FeedbackAsked.NOT_POSSIBLE])
    def test_refused(self, asked: FeedbackAsked) -> None:
        with pytest.raises(InvalidRecord) as exc:
            AdultsFeedback(asked=asked, question_5=YES, question_7=NO)
        assert [(p.code, p.path) for p in exc.value.problems] == [
            ("SHAPE-CONFLICT", "$.question_5"),
            ("SHAPE-CONFLICT", "$.question_7"),
        ]

    @pytest.mark.parametrize("asked", [FeedbackAsked.ASKED, None])
    def test_accepted(self, asked: FeedbackAsked | None) -> None:
        assert AdultsFeedback(asked=asked, question_4=YES).answers

    def test_declined_with_who_declined_and_comments(self) -> None:
        fb = AdultsFeedback(asked=FeedbackAsked.DECLINED, answered_by=FeedbackRespondent.CARER, comments="Invented")
        assert fb.answers == ()

    def test_from_json_locates_the_conflict_under_feedback(self) -> None:
        data = to_dict(closed_s42())
        data["feedback"] = {"asked": "declined", "question_4": {"positive": True}}
        with pytest.raises(InvalidRecord) as exc:
            from_dict(data)
        assert [p.path for p in exc.value.problems] == ["$.feedback.question_4"]

    def test_round_trips(self) -> None:
        fb = AdultsFeedback(
            asked=FeedbackAsked.ASKED,
            answered_by=FeedbackRespondent.IMCA,
            asked_on=date(2025, 10, 1),
            asked_by=FeedbackAskedBy.INDEPENDENT_PERSON,
            question_4=YES,
            question_7=NO,
        )
        record = closed_s42(feedback=fb)
        assert from_dict(to_dict(record)) == record
        assert to_dict(record)["feedback"]["answered_by"] == "imca"
