"""The adult's feedback on their experience of safeguarding: the LGA/ADASS Making Safeguarding Personal
Outcomes Framework (2018), questions 4 to 7.

The framework (https://www.local.gov.uk/making-safeguarding-personal-outcomes-framework) says that its
questions 4, 5, 6 and 7 are about the experience of the adult, or of their representative ("whether a
friend, carer, family member or an Independent Mental Capacity Advocate"), with a version of each
question for each; and that they can be asked by an independent person (not the person leading the
enquiry) after the case was closed but within eight weeks of the case closing, or by the person leading
the information gathering or enquiry at case closure.

What is recorded: whether the questions were asked (or declined, or why it was not possible), who
answered, when and by whom, the answer to each question and any comments.

**What is not reproduced**: the wording of questions 4-7 and their answer options could not be verified
from a published copy of the framework, so this module names the questions neutrally ("Question 4") and
records each answer as the option chosen, in the words of the council's own copy of the framework, with
whether it is a positive answer (the council's reading of its options), which is what the audit counts
(:mod:`msp.reports.audit`). Whether the questions were asked within eight weeks of closure is a rule
(MSP-039), not a shape check: the closure date is on another part of the record.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from datetime import date

import attrs

from msp.codes import FeedbackAsked, FeedbackAskedBy, FeedbackQuestion, FeedbackRespondent
from msp.errors import Problem
from msp.model import _fields as f

__all__ = ["AdultsFeedback", "FeedbackAnswer"]


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class FeedbackAnswer(f.Record):
    """The answer to one of the framework's questions 4-7."""

    option: str | None = f.text(
        personal=False,
        doc=(
            "the answer option chosen, in the words of the council's copy of the framework (this library "
            "does not reproduce the options)"
        ),
    )
    positive: bool | None = f.flag(doc="the answer is a positive one (what the audit counts)")


@f.documented
@attrs.frozen(slots=True, kw_only=True)
class AdultsFeedback(f.Record):
    """The adult's (or their representative's) feedback on the safeguarding activity: LGA/ADASS Making
    Safeguarding Personal Outcomes Framework (2018), questions 4-7, asked at closure by the enquiry lead
    or by an independent person within eight weeks of closure."""

    asked: FeedbackAsked | None = f.code(
        FeedbackAsked, doc="whether the questions were asked, or the person declined, or asking was not possible"
    )
    not_possible_reason: str | None = f.text(doc="why it was not possible to ask")
    answered_by: FeedbackRespondent | None = f.code(
        FeedbackRespondent, doc="who answered: the adult, or a friend, carer, family member or IMCA"
    )
    asked_on: date | None = f.day(doc="when the questions were asked")
    asked_by: FeedbackAskedBy | None = f.code(
        FeedbackAskedBy, doc="who asked: an independent person, or the person leading the enquiry"
    )
    question_4: FeedbackAnswer | None = f.part(FeedbackAnswer, doc="the answer to question 4")
    question_5: FeedbackAnswer | None = f.part(FeedbackAnswer, doc="the answer to question 5")
    question_6: FeedbackAnswer | None = f.part(FeedbackAnswer, doc="the answer to question 6")
    question_7: FeedbackAnswer | None = f.part(FeedbackAnswer, doc="the answer to question 7")
    comments: str | None = f.text(doc="anything else the person said")

    def __attrs_post_init__(self) -> None:
        if self.asked is None or self.asked is FeedbackAsked.ASKED:
            return
        f.check_all(
            [
                Problem(
                    code="SHAPE-CONFLICT",
                    path=f"$.question_{question.code[1:]}",
                    message="an answer is recorded but the questions are recorded as declined or not possible",
                )
                for question, _ in self.answers
            ]
        )

    @property
    def answers(self) -> tuple[tuple[FeedbackQuestion, FeedbackAnswer], ...]:
        """The answers recorded, in question order."""
        given = (self.question_4, self.question_5, self.question_6, self.question_7)
        return tuple((q, a) for q, a in zip(FeedbackQuestion, given, strict=True) if a is not None)

    def answer(self, question: FeedbackQuestion) -> FeedbackAnswer | None:
        """The answer to one question, if recorded."""
        return {
            FeedbackQuestion.Q4: self.question_4,
            FeedbackQuestion.Q5: self.question_5,
            FeedbackQuestion.Q6: self.question_6,
            FeedbackQuestion.Q7: self.question_7,
        }[question]

    @property
    def by_representative(self) -> bool:
        """A representative answered, not the adult."""
        return self.answered_by is not None and self.answered_by.is_representative
