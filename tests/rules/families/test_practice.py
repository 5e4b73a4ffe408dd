"""MSP-001..MSP-040: Making Safeguarding Personal practice rules (Care and Support Statutory Guidance
ch. 14 and the LGA/ADASS Making Safeguarding Personal publications).

For every rule: records that fail it (with the exact finding paths), records
that pass it, and records it does not apply to, either because of the stage
or because of the rule's own condition. Then the points the workflow depends
on (MSP-020 and MSP-026 are errors; MSP-012, practice guidance, is a warning), the
good-practice builders passing the whole catalogue, and the family's metadata (bases, declared fields,
messages free of personal data).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import attrs
import pytest

import msp
from msp import (
    AdultsFeedback,
    AdultsViews,
    AdvocacyAssessment,
    Advocate,
    Contact,
    Escalation,
    LivingWithRisk,
    OptionsDiscussion,
    PersonInvolved,
    ProfessionalCuriosity,
    Representative,
    RiskPlan,
)
from msp.codes import (
    AdvocateKind,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    DecisionSubject,
    DetailedSourceOfRisk,
    ExitRoute,
    ExpressedBy,
    FeedbackAsked,
    FeedbackAskedBy,
    FeedbackRespondent,
    InterpreterKind,
    MspAsked,
    OutcomeAchievement,
    RepresentativeKind,
    TypeOfRisk,
)
from msp.model.capacity import CapacityDecision
from msp.model.concern import Concern
from msp.model.outcomes import DesiredOutcome
from msp.rules import STAGE_ORDER, Basis, Report, Severity, Status, get_rule, registered_rules
from tests.builders import (
    CLOSED,
    DECIDED,
    STARTED,
    adult,
    ceased_at_request,
    closed_s42,
    closure,
    concern,
    concluded_s42,
    evolve_in,
    feedback,
    has_capacity,
    lacks_capacity,
    no_enquiry_closed,
    other_enquiry_concluded,
    outcome,
    risk,
    s42_enquiry,
)
from tests.rules.families.test_legal_core import ceased_closed, child_at_risk, paid_carer, person, with_people
from tests.rules.families.test_organisation import ended_as, meeting

MSP_CODES = tuple(f"MSP-{n:03d}" for n in range(1, 41))
MARKER = "Invented"  # every free text in these records contains it: no message may echo it


def run(code: str, record: Concern, stage: CaseStage | None = None) -> Report:
    return msp.rules.validate(record, rules=[code], stage=stage)


def paths(report: Report, code: str) -> list[str]:
    return sorted(x.path for x in report.findings if x.code == code)


# -- records used by several cases ----------------------------------------------

FULL_LIVING_WITH_RISK = LivingWithRisk(
    informed_decision=True,
    understanding="Invented understanding text",
    safety_actions=("Invented safety action",),
)
COERCION_NOT_ALONE = {
    "curiosity": ProfessionalCuriosity(coercion_considered=True, coercion_suspected=True),
    "contact": Contact(
        spoken_to=True, seen_alone=False, not_seen_alone_reason="Invented reason", asked_who_to_involve=True
    ),
}
NEEDS_INTERPRETER = adult(interpreter_needed=True, preferred_language="Example language")


def _with_plan(**changes: object) -> Concern:
    record: Concern = evolve_in(concluded_s42(), "plan", **changes)
    return record


def _living_with_risk_naming(decision: CapacityDecision, named: str) -> Concern:
    """A concluded case with one capacity decision, whose decision to live with risk names ``named``."""
    living_with_risk = attrs.evolve(FULL_LIVING_WITH_RISK, capacity_decision_id=named)
    return concluded_s42(capacity_decisions=(decision,), plan=RiskPlan(living_with_risk=living_with_risk))


def _with_outcomes(*outcomes: DesiredOutcome, **changes: Any) -> Concern:
    """A concluded case with these desired outcomes."""
    return concluded_s42(desired_outcomes=outcomes, **changes)


def _closed_with(**changes: object) -> Concern:
    return closed_s42(closure=closure(**changes))


def _closed_with_feedback(fb: AdultsFeedback | None) -> Concern:
    return closed_s42(feedback=fb)


def _ceased_closed(**changes: object) -> Concern:
    """Ceased at the adult's request and then closed for that reason."""
    return ceased_at_request(
        closure=closure(reason=ClosureReason.CEASED_AT_ADULTS_REQUEST, **changes),
        stage=CaseStage.CLOSED,
    )


def _code(ident: str) -> str:
    """The rule a case is about: its id starts with the rule's number (``014-no-contact`` is MSP-014)."""
    return f"MSP-{ident[:3]}"


def fails(ident: str, record: Concern, *expected: str) -> Any:
    """A case of FAILS: the rule fails ``record`` at exactly the ``expected`` paths."""
    return pytest.param(_code(ident), record, list(expected), id=ident)


def passes(ident: str, record: Concern) -> Any:
    """A case of PASSES."""
    return pytest.param(_code(ident), record, id=ident)


def not_applicable(ident: str, record: Concern, at: CaseStage | None = None) -> Any:
    """A case of NOT_APPLICABLES: the rule says nothing of ``record`` (validated as if ``at`` a stage)."""
    return pytest.param(_code(ident), record, at, id=ident)


# -- FAILED: (code, record, the exact finding paths) ------------------------------

FAILS = [
    fails(
        "027-other-enquiry-outcome-not-evaluated",
        other_enquiry_concluded(desired_outcomes=(outcome(achievement=None),)),
        "$.desired_outcomes[0].achievement",
    ),
    fails(
        "028-family-member-interpreted",
        concluded_s42(
            contact=Contact(spoken_to=True, seen_alone=True, interpreted_by=InterpreterKind.FAMILY_OR_FRIEND)
        ),
        "$.contact.interpreted_by",
    ),
    fails(
        "029-no-communication-support",
        concluded_s42(adult=adult(communication_support_needed=True)),
        "$.contact.interpreted_by",
    ),
    fails(
        "030-others-not-considered",
        no_enquiry_closed(views=AdultsViews(in_own_words="Invented words", wants_no_action=True)),
        "$.closure.risk_to_others_considered",
    ),
    fails("001-no-contact", concluded_s42(contact=None), "$.contact.spoken_to"),
    fails(
        "001-not-spoken-to-no-reason",
        concluded_s42(contact=Contact(spoken_to=False, seen_alone=True, asked_who_to_involve=True)),
        "$.contact.spoken_to",
    ),
    fails("001-no-enquiry-closed", no_enquiry_closed(contact=None), "$.contact.spoken_to"),
    fails("002-no-views", concluded_s42(views=None), "$.views.in_own_words"),
    fails(
        "002-reasons-but-no-words",
        concluded_s42(views=AdultsViews(reasons="Invented reasons")),
        "$.views.in_own_words",
    ),
    fails("003-no-reasons", concluded_s42(views=AdultsViews(in_own_words="Invented words")), "$.views.reasons"),
    fails("004-no-strengths", concluded_s42(adult=adult(strengths=())), "$.adult.strengths"),
    fails(
        "005-not-asked",
        evolve_in(concluded_s42(), "contact", asked_who_to_involve=None),
        "$.contact.asked_who_to_involve",
    ),
    fails(
        "005-people-involved-without-the-adults-wish",
        concluded_s42(
            contact=Contact(spoken_to=True, seen_alone=True, asked_who_to_involve=False),
            adult=adult(people_involved=(PersonInvolved(relationship="Invented relationship", involved=True),)),
        ),
        "$.contact.asked_who_to_involve",
    ),
    fails("006-not-considered", concluded_s42(advocacy=None), "$.advocacy"),
    fails(
        "006-empty-assessment-advocate-not-involved",
        concluded_s42(
            advocacy=AdvocacyAssessment(assessed_on=STARTED),
            adult=adult(advocates=(Advocate(kind=AdvocateKind.IMCA, involved=False),)),
        ),
        "$.advocacy",
    ),
    fails(
        "007-no-options",
        concluded_s42(options=None),
        "$.options.options_explained",
        "$.options.unavailable_options_explained",
    ),
    fails(
        "007-unavailable-not-explained",
        concluded_s42(options=OptionsDiscussion(options_explained=True, unavailable_options_explained=False)),
        "$.options.unavailable_options_explained",
    ),
    fails("008-not-with-adult", _with_plan(developed_with_adult=None), "$.plan.developed_with_adult"),
    fails(
        "009-immediate-risks-not-considered",
        _with_plan(immediate_risks_considered=False),
        "$.plan.immediate_risks_considered",
    ),
    fails(
        "010-nothing-recorded",
        _with_plan(living_with_risk=LivingWithRisk()),
        "$.plan.living_with_risk.informed_decision",
        "$.plan.living_with_risk.safety_actions",
        "$.plan.living_with_risk.understanding",
    ),
    fails(
        "010-no-safety-actions",
        _with_plan(living_with_risk=attrs.evolve(FULL_LIVING_WITH_RISK, safety_actions=())),
        "$.plan.living_with_risk.safety_actions",
    ),
    fails(
        "011-capacity-unknown-no-decision",
        evolve_in(
            _with_plan(living_with_risk=FULL_LIVING_WITH_RISK),
            "enquiry",
            capacity_lacked=CapacityLacked.DONT_KNOW,
        ),
        "$.plan.living_with_risk.capacity_decision_id",
    ),
    fails(
        "011-names-a-decision-not-on-record",
        _living_with_risk_naming(has_capacity(), "CD-9"),
        "$.plan.living_with_risk.capacity_decision_id",
    ),
    fails(
        "012-ceased-no-curiosity",
        ceased_at_request(contact=Contact(spoken_to=True), curiosity=None),
        "$.contact.seen_alone",
        "$.curiosity.coercion_considered",
    ),
    fails(
        "012-closed-at-request-no-safety-advice",
        _ceased_closed(safety_advice_given=None),
        "$.closure.safety_advice_given",
    ),
    fails(
        "012-closed-adult-wants-nothing-no-curiosity",
        closed_s42(
            views=AdultsViews(in_own_words="Invented words", reasons="Invented reasons", wants_no_action=True),
            contact=Contact(spoken_to=True, asked_who_to_involve=True),
            curiosity=ProfessionalCuriosity(coercion_considered=False),
            closure=closure(safety_advice_given=False),
        ),
        "$.closure.safety_advice_given",
        "$.contact.seen_alone",
        "$.curiosity.coercion_considered",
    ),
    fails(
        "013-refusal-not-explored",
        evolve_in(ceased_at_request(), "curiosity", reasons_for_refusal_explored=False),
        "$.curiosity.reasons_for_refusal_explored",
    ),
    fails(
        "013-no-curiosity-record",
        concluded_s42(views=AdultsViews(in_own_words="Invented words", declines_support=True), curiosity=None),
        "$.curiosity.reasons_for_refusal_explored",
    ),
    fails(
        "014-not-seen-alone-no-reason",
        evolve_in(concluded_s42(), "contact", seen_alone=False),
        "$.contact.seen_alone",
    ),
    fails("014-no-contact", concluded_s42(contact=None), "$.contact.seen_alone"),
    fails(
        "015-lacks-capacity-not-asked",
        concluded_s42(
            enquiry=s42_enquiry(capacity_lacked=CapacityLacked.YES, outcomes_achieved=None),
            msp_asked=MspAsked.NO,
            desired_outcomes=(),
        ),
        "$.adult.advocates",
        "$.msp_asked",
    ),
    fails(
        "015-assessment-lacks-capacity-nothing-recorded",
        concluded_s42(
            capacity_decisions=(lacks_capacity(subject=DecisionSubject.TAKING_PART_IN_ENQUIRY),),
            msp_asked=None,
            desired_outcomes=(),
        ),
        "$.adult.advocates",
        "$.msp_asked",
    ),
    fails(
        "015-asked-but-no-one-to-speak-for-them",
        concluded_s42(
            enquiry=s42_enquiry(capacity_lacked=CapacityLacked.YES),
            desired_outcomes=(outcome(expressed_by=ExpressedBy.REPRESENTATIVE),),
        ),
        "$.adult.advocates",
    ),
    fails(
        "011-names-a-lacks-capacity-decision-with-no-best-interests",
        _living_with_risk_naming(lacks_capacity(best_interests=None), "CD-1"),
        "$.plan.living_with_risk.capacity_decision_id",
    ),
    fails(
        "016-practitioner-interpretation",
        concluded_s42(
            desired_outcomes=(outcome(), outcome(in_own_words="Invented guess", expressed_by=ExpressedBy.PRACTITIONER))
        ),
        "$.desired_outcomes[1].expressed_by",
    ),
    fails(
        "016-at-concern-stage",
        concern(desired_outcomes=(outcome(expressed_by=ExpressedBy.PRACTITIONER, achievement=None),)),
        "$.desired_outcomes[0].expressed_by",
    ),
    fails(
        "017-neither-considered",
        _closed_with(person_alleged_action_considered=None, risk_to_others_considered=False),
        "$.closure.person_alleged_action_considered",
        "$.closure.risk_to_others_considered",
    ),
    fails(
        "017-adult-wants-no-action-still-applies",
        _ceased_closed(risk_to_others_considered=None),
        "$.closure.risk_to_others_considered",
    ),
    fails("018-coercion-not-alone-no-escalation", concluded_s42(**COERCION_NOT_ALONE), "$.plan.escalation"),
    fails(
        "018-escalation-without-when-or-to-whom",
        concluded_s42(plan=RiskPlan(escalation=Escalation(reason="Invented reason")), **COERCION_NOT_ALONE),
        "$.plan.escalation",
    ),
    fails("018-at-decision-stage", concern(stage=CaseStage.DECIDED, **COERCION_NOT_ALONE), "$.plan.escalation"),
    fails("019-not-asked", concluded_s42(msp_asked=MspAsked.NO, desired_outcomes=()), "$.msp_asked"),
    fails(
        "019-not-recorded",
        concluded_s42(msp_asked=MspAsked.NOT_RECORDED, desired_outcomes=()),
        "$.msp_asked",
    ),
    fails(
        "020-one-not-evaluated",
        concluded_s42(desired_outcomes=(outcome(achievement=None), outcome(in_own_words="Invented second"))),
        "$.desired_outcomes[0].achievement",
    ),
    fails(
        "020-concluded-stage-before-the-date-is-entered",
        concluded_s42(
            enquiry=s42_enquiry(concluded_on=None),
            desired_outcomes=(outcome(achievement=None), outcome(achievement=None)),
        ),
        "$.desired_outcomes[0].achievement",
        "$.desired_outcomes[1].achievement",
    ),
    fails(
        "021-not-with-adult",
        concluded_s42(desired_outcomes=(outcome(evaluated_with_adult=False), outcome(achievement=None))),
        "$.desired_outcomes[0].evaluated_with_adult",
    ),
    fails("022-no-interpreter", concluded_s42(adult=NEEDS_INTERPRETER), "$.contact.interpreter_used"),
    fails("023-no-view-on-closure", _closed_with(adults_view=None), "$.closure.adults_view"),
    fails("024-no-feedback", _closed_with(feedback_to_referrer=False), "$.closure.feedback_to_referrer"),
    fails(
        "024-no-enquiry-no-feedback",
        evolve_in(no_enquiry_closed(), "closure", feedback_to_referrer=None),
        "$.closure.feedback_to_referrer",
    ),
    fails("025-not-agreed", _with_plan(agreed_with_adult=None), "$.plan.agreed_with_adult"),
    fails("026-expressed-but-none-recorded", concluded_s42(desired_outcomes=()), "$.desired_outcomes"),
    fails(
        "026-recorded-but-not-expressed",
        concluded_s42(msp_asked=MspAsked.ASKED_NOT_EXPRESSED),
        "$.msp_asked",
    ),
    fails(
        "026-at-concern-stage",
        concern(msp_asked=MspAsked.DONT_KNOW, desired_outcomes=(outcome(achievement=None),)),
        "$.msp_asked",
    ),
    fails(
        "031-child-at-risk-ceased",
        attrs.evolve(ceased_closed(risk_to_others_considered=None), children=child_at_risk()),
        "$.closure.risk_to_others_considered",
    ),
    fails("032-unknown-risk", with_people(person(risk_ids=("R-9",))), "$.people_alleged[0].risk_ids"),
    fails("033-recorded-twice", with_people(person(), person()), "$.people_alleged[1].person_id"),
    fails("034-not-told", with_people(paid_carer(told_of_concern=None)), "$.people_alleged[0].told_of_concern"),
    fails("035-duplicate-names-no-concern", ended_as(ExitRoute.DUPLICATE_OF_OPEN_CONCERN), "$.decision.duplicate_of"),
    fails("036-withdrawn-no-rationale", ended_as(ExitRoute.WITHDRAWN), "$.decision.rationale"),
    fails("037-meeting-records-no-one", concluded_s42(meetings=(meeting(attendees=()),)), "$.meetings[0].attendees"),
    fails("038-no-feedback", _closed_with_feedback(None), "$.feedback"),
    fails("038-asked-not-recorded", _closed_with_feedback(AdultsFeedback(asked_on=CLOSED)), "$.feedback.asked"),
    fails(
        "038-not-possible-without-why",
        _closed_with_feedback(AdultsFeedback(asked=FeedbackAsked.NOT_POSSIBLE)),
        "$.feedback.not_possible_reason",
    ),
    fails(
        "039-after-eight-weeks",
        _closed_with_feedback(
            feedback(asked_by=FeedbackAskedBy.INDEPENDENT_PERSON, asked_on=CLOSED + timedelta(weeks=8, days=1))
        ),
        "$.feedback.asked_on",
    ),
    fails("040-who-answered-not-recorded", _closed_with_feedback(feedback(answered_by=None)), "$.feedback.answered_by"),
]

# -- PASSED: (code, record) --------------------------------------------------------

PASSES = [
    passes("027-other-enquiry-evaluated", other_enquiry_concluded()),
    passes(
        "028-professional-interpreter",
        concluded_s42(
            contact=Contact(
                spoken_to=True, seen_alone=True, interpreted_by=InterpreterKind.PROFESSIONAL_SPOKEN_LANGUAGE
            )
        ),
    ),
    passes(
        "029-sign-language-interpreter",
        concluded_s42(
            adult=adult(communication_support_needed=True),
            contact=Contact(spoken_to=True, seen_alone=True, interpreted_by=InterpreterKind.SIGN_LANGUAGE),
        ),
    ),
    passes(
        "030-others-considered",
        evolve_in(
            no_enquiry_closed(views=AdultsViews(in_own_words="Invented words", wants_no_action=True)),
            "closure",
            risk_to_others_considered=True,
        ),
    ),
    # good practice passes every rule that applies to it
    *(
        passes(ident, concluded_s42())
        for ident in (
            "001-spoken-to",
            "002",
            "003",
            "004",
            "005-asked",
            "006-s68-test-recorded",
            "007",
            "008",
            "009",
            "014-seen-alone",
            "016-adults-words",
            "019-asked-expressed",
            "020",
            "021",
            "025",
            "026-expressed",
        )
    ),
    *(passes(ident, no_enquiry_closed()) for ident in ("001-no-enquiry-closed", "024-no-enquiry")),
    *(
        passes(ident, ceased_at_request())
        for ident in ("012-ceased", "013", "019-asked-not-expressed", "026-not-expressed")
    ),
    *(passes(ident, closed_s42()) for ident in ("017", "023", "024")),
    passes(
        "001-why-not-recorded",
        concluded_s42(
            contact=Contact(spoken_to=False, not_spoken_to_reason="Invented reason", seen_alone=True),
        ),
    ),
    passes(
        "005-wish-not-to-involve-someone-recorded",
        concluded_s42(
            contact=Contact(spoken_to=True, seen_alone=True),
            adult=adult(
                people_involved=(PersonInvolved(relationship="Invented relationship", adult_wants_involved=False),)
            ),
        ),
    ),
    passes(
        "006-representative-involved",
        concluded_s42(
            advocacy=None,
            adult=adult(
                representatives=(
                    Representative(kind=RepresentativeKind.FAMILY_OR_FRIEND, paid_or_professional=False, involved=True),
                ),
            ),
        ),
    ),
    passes(
        "006-advocate-involved",
        concluded_s42(
            advocacy=None,
            adult=adult(advocates=(Advocate(kind=AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE, involved=True),)),
        ),
    ),
    passes("010", _with_plan(living_with_risk=FULL_LIVING_WITH_RISK)),
    passes(
        "011-names-the-capacity-decision",
        concluded_s42(
            capacity_decisions=(has_capacity(),),
            plan=RiskPlan(
                developed_with_adult=True,
                living_with_risk=attrs.evolve(FULL_LIVING_WITH_RISK, capacity_decision_id="CD-2"),
            ),
        ),
    ),
    passes("012-closed-at-request", _ceased_closed()),
    passes(
        "012-why-not-seen-alone-recorded",
        ceased_at_request(
            contact=Contact(spoken_to=True, seen_alone=False, not_seen_alone_reason="Invented reason"),
        ),
    ),
    passes(
        "014-why-not-recorded",
        evolve_in(concluded_s42(), "contact", seen_alone=False, not_seen_alone_reason="Invented reason"),
    ),
    passes(
        "015-representative-asked",
        concluded_s42(
            adult=attrs.evolve(
                concluded_s42().adult,
                representatives=(
                    Representative(kind=RepresentativeKind.FAMILY_OR_FRIEND, paid_or_professional=False, involved=True),
                ),
            ),
            enquiry=s42_enquiry(capacity_lacked=CapacityLacked.YES),
            desired_outcomes=(outcome(expressed_by=ExpressedBy.REPRESENTATIVE),),
        ),
    ),
    passes(
        "019-not-asked-with-reason",
        concluded_s42(msp_asked=MspAsked.NO, msp_not_asked_reason="Invented reason", desired_outcomes=()),
    ),
    passes(
        "016-representative-and-advocate",
        _with_outcomes(outcome(expressed_by=ExpressedBy.REPRESENTATIVE), outcome(expressed_by=ExpressedBy.ADVOCATE)),
    ),
    passes(
        "018-escalated",
        concluded_s42(
            plan=RiskPlan(escalation=Escalation(escalated_on=DECIDED, escalated_to="Example line management")),
            **COERCION_NOT_ALONE,
        ),
    ),
    passes(
        "020-not-achieved-is-an-evaluation",
        _with_outcomes(
            outcome(achievement=OutcomeAchievement.NOT),
            outcome(achievement=OutcomeAchievement.FULLY),
            enquiry=s42_enquiry(outcomes_achieved=OutcomeAchievement.PARTIALLY),
        ),
    ),
    passes(
        "022",
        concluded_s42(adult=NEEDS_INTERPRETER, contact=Contact(spoken_to=True, seen_alone=True, interpreter_used=True)),
    ),
    passes("026-not-asked", concluded_s42(msp_asked=MspAsked.NO, desired_outcomes=())),
    passes("031-others-considered", attrs.evolve(_ceased_closed(), children=child_at_risk())),
    passes("032-risk-on-record", with_people(person())),
    passes("033-each-once", with_people(person(), paid_carer())),
    passes("034-told", with_people(person())),
    passes("035-names-the-open-concern", ended_as(ExitRoute.DUPLICATE_OF_OPEN_CONCERN, duplicate_of="C-0000")),
    passes("036-withdrawn-with-rationale", ended_as(ExitRoute.WITHDRAWN, rationale="Invented rationale")),
    passes("037-meeting-recorded", concluded_s42(meetings=(meeting(),))),
    passes("038-asked", _closed_with_feedback(feedback())),
    passes("038-declined", _closed_with_feedback(AdultsFeedback(asked=FeedbackAsked.DECLINED))),
    passes(
        "038-not-possible-with-why",
        _closed_with_feedback(AdultsFeedback(asked=FeedbackAsked.NOT_POSSIBLE, not_possible_reason="Invented reason")),
    ),
    passes("039-at-closure", _closed_with_feedback(feedback())),
    passes(
        "039-on-the-last-day",
        _closed_with_feedback(
            feedback(asked_by=FeedbackAskedBy.INDEPENDENT_PERSON, asked_on=CLOSED + timedelta(weeks=8))
        ),
    ),
    passes("040-an-imca-answered", _closed_with_feedback(feedback(answered_by=FeedbackRespondent.IMCA))),
]

# -- NOT_APPLICABLE: (code, record, stage to validate at or None) -----------------

NOT_APPLICABLES = [
    not_applicable("027-section-42", concluded_s42()),
    not_applicable("028-no-interpreter", concluded_s42()),
    not_applicable("029-not-needed", concluded_s42()),
    not_applicable("030-adult-did-not-ask-for-nothing", no_enquiry_closed()),
    # stage gating: each rule before the first stage it applies to
    not_applicable("001-stage", concern()),
    not_applicable("002-stage", concluded_s42(views=None), at=CaseStage.ENQUIRY),
    not_applicable("003-stage", concluded_s42(views=AdultsViews(in_own_words="Invented")), at=CaseStage.ENQUIRY),
    not_applicable("004-stage", concluded_s42(adult=adult(strengths=())), at=CaseStage.ENQUIRY),
    not_applicable("005-stage", concluded_s42(contact=None), at=CaseStage.PLAN_AND_REVIEW),
    not_applicable("006-stage", concluded_s42(advocacy=None), at=CaseStage.DECIDED),
    not_applicable("007-stage", concluded_s42(options=None), at=CaseStage.ENQUIRY),
    not_applicable("008-stage", _with_plan(developed_with_adult=None), at=CaseStage.ENQUIRY),
    not_applicable("009-stage", _with_plan(immediate_risks_considered=None), at=CaseStage.ENQUIRY),
    not_applicable("010-stage", _with_plan(living_with_risk=LivingWithRisk()), at=CaseStage.ENQUIRY),
    not_applicable("012-stage", ceased_at_request(curiosity=None), at=CaseStage.CONCLUDED),
    not_applicable(
        "013-stage",
        concluded_s42(views=AdultsViews(declines_support=True), curiosity=None),
        at=CaseStage.PLAN_AND_REVIEW,
    ),
    not_applicable("014-stage", concluded_s42(contact=None), at=CaseStage.ENQUIRY),
    not_applicable("017-stage", _closed_with(risk_to_others_considered=None), at=CaseStage.CONCLUDED),
    not_applicable("018-stage", concern(**COERCION_NOT_ALONE)),
    not_applicable("019-stage", concluded_s42(msp_asked=None), at=CaseStage.PLAN_AND_REVIEW),
    not_applicable(
        "020-stage",
        concluded_s42(desired_outcomes=(outcome(achievement=None),)),
        at=CaseStage.PLAN_AND_REVIEW,
    ),
    not_applicable("021-stage", concluded_s42(), at=CaseStage.ENQUIRY),
    not_applicable("022-stage", concluded_s42(adult=NEEDS_INTERPRETER), at=CaseStage.ENQUIRY),
    not_applicable("023-stage", _closed_with(adults_view=None), at=CaseStage.CONCLUDED),
    not_applicable("024-stage", _closed_with(feedback_to_referrer=None), at=CaseStage.CEASED_AT_ADULTS_REQUEST),
    not_applicable("025-stage", _with_plan(agreed_with_adult=None), at=CaseStage.DECIDED),
    # the rule's own condition
    not_applicable("002-no-enquiry", no_enquiry_closed()),
    not_applicable("003-no-views", concluded_s42(views=None)),
    not_applicable("004-no-enquiry", no_enquiry_closed(adult=adult(strengths=()))),
    not_applicable("005-no-enquiry", no_enquiry_closed()),
    not_applicable("006-no-enquiry", no_enquiry_closed()),
    not_applicable("007-no-enquiry", no_enquiry_closed()),
    not_applicable("008-no-plan", ceased_at_request()),
    not_applicable("009-no-plan", ceased_at_request()),
    not_applicable("010-not-living-with-risk", concluded_s42()),
    not_applicable("011-capacity-not-in-doubt", _with_plan(living_with_risk=FULL_LIVING_WITH_RISK)),
    not_applicable("011-capacity-assessed-not-living-with-risk", concluded_s42(capacity_decisions=(has_capacity(),))),
    not_applicable("012-closed-not-at-request", closed_s42()),
    not_applicable("012-no-enquiry-closed", no_enquiry_closed()),
    # Lawful: no enquiry, the adult wanted no action, closed. Not an enquiry ceased at their request.
    not_applicable(
        "012-no-enquiry-closed-adult-wants-nothing",
        no_enquiry_closed(views=AdultsViews(in_own_words="Invented words", wants_no_action=True)),
    ),
    not_applicable("013-does-not-decline", concluded_s42()),
    not_applicable("014-no-enquiry", no_enquiry_closed()),
    not_applicable("015-capacity-not-lacking", concluded_s42(msp_asked=MspAsked.NO)),
    not_applicable("015-lacking-but-no-enquiry", no_enquiry_closed(capacity_decisions=(lacks_capacity(),))),
    not_applicable("016-no-outcomes", concern()),
    not_applicable("017-no-enquiry", no_enquiry_closed()),
    not_applicable(
        "017-only-self-neglect",
        closed_s42(
            closure=closure(person_alleged_action_considered=None, risk_to_others_considered=None),
            risks=(risk(type_of_risk=TypeOfRisk.SELF_NEGLECT, source_detail=DetailedSourceOfRisk.KNOWN_SELF),),
        ),
    ),
    not_applicable("017-no-closure-record", closed_s42(closure=None)),
    not_applicable("018-coercion-not-suspected", concluded_s42()),
    not_applicable(
        "018-suspected-but-seen-alone",
        concluded_s42(curiosity=ProfessionalCuriosity(coercion_considered=True, coercion_suspected=True)),
    ),
    not_applicable("019-no-enquiry", no_enquiry_closed()),
    not_applicable("020-no-outcomes", ceased_at_request()),
    not_applicable(
        "020-no-enquiry",
        no_enquiry_closed(msp_asked=MspAsked.ASKED_EXPRESSED, desired_outcomes=(outcome(achievement=None),)),
    ),
    not_applicable("021-nothing-evaluated", ceased_at_request()),
    not_applicable("022-not-needed", concluded_s42()),
    not_applicable(
        "022-not-spoken-to",
        concluded_s42(adult=NEEDS_INTERPRETER, contact=Contact(spoken_to=False, not_spoken_to_reason="Invented")),
    ),
    not_applicable("023-no-enquiry", no_enquiry_closed()),
    not_applicable("023-no-closure-record", closed_s42(closure=None)),
    not_applicable("024-no-closure-record", closed_s42(closure=None)),
    not_applicable("025-no-plan", ceased_at_request()),
    not_applicable("026-sg4a-not-answered", concern()),
    not_applicable("031-no-one-else-at-risk", ceased_at_request()),
    not_applicable("032-no-one-alleged", concluded_s42()),
    not_applicable("033-no-one-alleged", concluded_s42()),
    not_applicable("034-no-enquiry", no_enquiry_closed(people_alleged=(person(told_of_concern=None),))),
    not_applicable("035-not-a-duplicate", no_enquiry_closed()),
    not_applicable("036-not-withdrawn", no_enquiry_closed()),
    not_applicable("037-no-meeting", concluded_s42()),
    not_applicable("038-no-enquiry", no_enquiry_closed()),
    not_applicable("038-not-closed", concluded_s42()),
    not_applicable("039-no-date", _closed_with_feedback(feedback(asked_on=None))),
    not_applicable("039-not-closed", concluded_s42(feedback=feedback())),
    not_applicable("040-no-answers", _closed_with_feedback(AdultsFeedback(asked=FeedbackAsked.DECLINED))),
]


@pytest.mark.parametrize(("code", "record", "expected"), FAILS)
def test_fails(code: str, record: Concern, expected: list[str]) -> None:
    report = run(code, record)
    assert report.status_of(code) is Status.FAILED
    assert paths(report, code) == sorted(expected)
    assert {x.severity for x in report.findings} == {get_rule(code).severity}
    assert all(x.record_id == record.concern_id for x in report.findings)


@pytest.mark.parametrize(("code", "record"), PASSES)
def test_passes(code: str, record: Concern) -> None:
    report = run(code, record)
    assert report.status_of(code) is Status.PASSED
    assert report.findings == ()


@pytest.mark.parametrize(("code", "record", "stage"), NOT_APPLICABLES)
def test_not_applicable(code: str, record: Concern, stage: CaseStage | None) -> None:
    report = run(code, record, stage)
    assert report.status_of(code) is Status.NOT_APPLICABLE
    assert report.findings == ()


def _codes(params: Sequence[Any]) -> set[str]:
    return {p.values[0] for p in params}


def test_every_rule_has_a_fail_a_pass_and_a_not_applicable_case() -> None:
    everything = set(MSP_CODES)
    assert _codes(FAILS) == everything
    assert _codes(PASSES) == everything
    assert _codes(NOT_APPLICABLES) == everything


def test_the_family_is_msp_001_to_040() -> None:
    assert tuple(r.code for r in registered_rules() if r.family == "MSP") == MSP_CODES


# -- the stage each rule starts at ---------------------------------------------------

FIRST_STAGE = {
    **dict.fromkeys(("MSP-001", "MSP-002", "MSP-003", "MSP-004", "MSP-005", "MSP-006", "MSP-007"), CaseStage.CONCLUDED),
    **dict.fromkeys(("MSP-008", "MSP-009", "MSP-010", "MSP-011", "MSP-025"), CaseStage.PLAN_AND_REVIEW),
    **dict.fromkeys(("MSP-013", "MSP-014", "MSP-015", "MSP-019", "MSP-020", "MSP-021", "MSP-022"), CaseStage.CONCLUDED),
    **dict.fromkeys(("MSP-016", "MSP-026"), CaseStage.CONCERN_RECEIVED),
    "MSP-018": CaseStage.DECIDED,
}


@pytest.mark.parametrize("code", sorted(FIRST_STAGE))
def test_stages_run_from_the_first_stage_on(code: str) -> None:
    first = STAGE_ORDER.index(FIRST_STAGE[code])
    assert get_rule(code).stages == frozenset(STAGE_ORDER[first:])


@pytest.mark.parametrize(
    ("code", "stages"),
    [
        ("MSP-012", {CaseStage.CEASED_AT_ADULTS_REQUEST, CaseStage.CLOSED}),
        ("MSP-017", {CaseStage.CLOSED}),
        ("MSP-023", {CaseStage.CLOSED}),
        ("MSP-024", {CaseStage.CLOSED}),
        ("MSP-038", {CaseStage.CLOSED}),
    ],
)
def test_stages_at_the_end(code: str, stages: set[CaseStage]) -> None:
    assert get_rule(code).stages == stages


# -- what the workflow depends on ------------------------------------------------------


@pytest.mark.parametrize("code", ["MSP-020", "MSP-026"])
def test_workflow_rules_are_errors(code: str) -> None:
    """The MSP rules a SAC return depends on (SG4a) are errors."""
    assert get_rule(code).severity is Severity.ERROR
    assert get_rule(code).basis is Basis.SAC


def test_closing_at_the_adults_request_without_curiosity_is_a_warning() -> None:
    """MSP-012 rests on practice guidance (statutory guidance ch. 14; LGA/ADASS Myths and realities,
    myths 1 and 6), not on law: it warns, and does not block."""
    report = msp.validate(attrs.evolve(_ceased_closed(), curiosity=None))
    assert report.status_of("MSP-012") is Status.FAILED
    assert "MSP-012" in {x.code for x in report.warnings}
    assert "MSP-012" not in {x.code for x in report.errors}
    assert get_rule("MSP-012").basis is Basis.MSP_PRACTICE


def test_a_no_enquiry_decision_closes_where_the_adult_wanted_no_action() -> None:
    """Recorded as a practitioner records it: no enquiry (s42(1)(c) not met), the adult wanted no
    action, closed with advice. MSP-012's enquiry-cessation checks do not apply and nothing blocks."""
    views = AdultsViews(recorded_on=DECIDED, wants_no_action=True)
    record = no_enquiry_closed(views=views, contact=None, curiosity=None)
    assert run("MSP-012", record).status_of("MSP-012") is Status.NOT_APPLICABLE
    assert "MSP-012" not in {x.code for x in msp.validate(record).errors}


def test_an_enquiry_closed_where_the_adult_wanted_no_action_is_still_checked() -> None:
    """With an enquiry, closing because the adult wanted no action still needs MSP-012's curiosity."""
    views = AdultsViews(recorded_on=DECIDED, wants_no_action=True)
    record = closed_s42(views=views, curiosity=None)
    assert run("MSP-012", record).status_of("MSP-012") is Status.FAILED


def test_unevaluated_outcomes_block_conclusion() -> None:
    """Validating an enquiry as if concluded, before the conclusion date is entered, still catches MSP-020."""
    record = concluded_s42(
        stage=CaseStage.ENQUIRY,
        enquiry=s42_enquiry(concluded_on=None, outcomes_achieved=None),
        desired_outcomes=(outcome(achievement=None, evaluated_with_adult=None),),
    )
    assert run("MSP-020", record).status_of("MSP-020") is Status.NOT_APPLICABLE
    report = msp.validate(record, stage=CaseStage.CONCLUDED)
    assert report.status_of("MSP-020") is Status.FAILED
    assert [x.path for x in report.errors if x.code == "MSP-020"] == ["$.desired_outcomes[0].achievement"]


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        *(
            (c, Severity.WARNING)
            for c in MSP_CODES
            if c not in {"MSP-020", "MSP-024", "MSP-025", "MSP-026", "MSP-037", "MSP-038"}
        ),
        ("MSP-020", Severity.ERROR),
        ("MSP-026", Severity.ERROR),
        ("MSP-024", Severity.ADVICE),
        ("MSP-025", Severity.ADVICE),
        ("MSP-037", Severity.ADVICE),
        ("MSP-038", Severity.ADVICE),
    ],
)
def test_severities(code: str, severity: Severity) -> None:
    assert get_rule(code).severity is severity


# -- good practice passes everything ------------------------------------------------


@pytest.mark.parametrize("build", [concluded_s42, closed_s42, ceased_at_request, no_enquiry_closed, concern])
def test_good_practice_records_have_no_findings_at_all(build: Callable[[], Concern]) -> None:
    record = build()
    report = msp.validate(record)
    assert report.findings == ()
    assert report.errored == {}
    assert report.ok


@pytest.mark.parametrize("build", [concluded_s42, closed_s42, ceased_at_request])
def test_good_practice_passes_every_msp_rule_that_applies(build: Callable[[], Concern]) -> None:
    report = msp.validate(build())
    statuses = dict(report.outcomes)
    assert {statuses[c] for c in MSP_CODES} <= {Status.PASSED, Status.NOT_APPLICABLE}


def test_closed_s42_exercises_most_of_the_family() -> None:
    # with the adult's feedback asked at closure and answered (MSP-038 to MSP-040 pass)
    statuses = dict(msp.validate(closed_s42(feedback=feedback())).outcomes)
    passed = {c for c in MSP_CODES if statuses[c] is Status.PASSED}
    # living with risk (010, 011), ending at request (012), refusal (013), capacity lacking (015),
    # coercion suspected (018), an interpreter (022), an other enquiry (027), a family member interpreting
    # (028), communication support (029), no enquiry (030), others at risk when ceasing (031) and people
    # alleged to have caused harm (032-034), a duplicate or withdrawn concern (035, 036) and meetings (037)
    # do not arise in this case
    assert set(MSP_CODES) - passed == {
        "MSP-010",
        "MSP-011",
        "MSP-012",
        "MSP-013",
        "MSP-015",
        "MSP-018",
        "MSP-022",
        "MSP-027",
        "MSP-028",
        "MSP-029",
        "MSP-030",
        "MSP-031",
        "MSP-032",
        "MSP-033",
        "MSP-034",
        "MSP-035",
        "MSP-036",
        "MSP-037",
    }


# -- metadata and messages -------------------------------------------------------------


@pytest.mark.parametrize("code", MSP_CODES)
def test_metadata(code: str) -> None:
    r = get_rule(code)
    assert r.family == "MSP"
    assert r.title.strip()
    assert r.reference.strip()
    assert r.stages
    assert r.fields
    assert r.record_type is Concern
    assert isinstance(r.basis, Basis)


def _field_pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[*]", path)


@pytest.mark.parametrize(("code", "record", "expected"), FAILS)
def test_finding_paths_are_declared_fields(code: str, record: Concern, expected: list[str]) -> None:
    del expected
    declared = get_rule(code).fields
    for finding in run(code, record).findings:
        pattern = _field_pattern(finding.path)
        assert any(pattern == f or pattern.startswith(f + ".") or f.startswith(pattern + ".") for f in declared), (
            finding.path
        )


@pytest.mark.parametrize(("code", "record", "expected"), FAILS)
def test_messages_carry_no_personal_data(code: str, record: Concern, expected: list[str]) -> None:
    del expected
    for finding in run(code, record).findings:
        assert MARKER not in finding.message
        assert record.concern_id not in finding.message
        assert record.adult.adult_id not in finding.message
        assert finding.message.strip()


def test_a_finding_reads_well() -> None:
    report = run("MSP-004", concluded_s42(adult=adult(strengths=())))
    (finding,) = report.findings
    assert str(finding) == "C-0001 $.adult.strengths MSP-004 [warning] no strengths are recorded for the adult"
    assert "14.15" in finding.reference


class TestTheAdultsFeedback:
    """MSP-038 to MSP-040 (LGA/ADASS MSP Outcomes Framework 2018, questions 4-7): advice to ask, warnings about
    the window and the respondent; none blocks closing, and none repeats what the person said."""

    def test_none_is_an_error_and_each_rests_on_msp_practice_guidance(self) -> None:
        for code in ("MSP-038", "MSP-039", "MSP-040"):
            rule = get_rule(code)
            assert rule.severity is not Severity.ERROR
            assert rule.basis is Basis.MSP_PRACTICE
            assert "Making Safeguarding Personal Outcomes Framework (2018)" in rule.reference

    def test_a_representative_may_answer_for_the_adult(self) -> None:
        for who in FeedbackRespondent:
            report = msp.validate(closed_s42(feedback=feedback(answered_by=who)))
            assert {report.status_of(c) for c in ("MSP-038", "MSP-039", "MSP-040")} == {Status.PASSED}

    def test_an_independent_person_may_ask_after_closure_within_eight_weeks(self) -> None:
        late = feedback(asked_by=FeedbackAskedBy.INDEPENDENT_PERSON, asked_on=CLOSED + timedelta(days=56))
        assert run("MSP-039", closed_s42(feedback=late)).status_of("MSP-039") is Status.PASSED
        later = attrs.evolve(late, asked_on=CLOSED + timedelta(days=57))
        report = run("MSP-039", closed_s42(feedback=later))
        assert [x.path for x in report.warnings] == ["$.feedback.asked_on"]

    def test_feedback_closes_without_blocking(self) -> None:
        report = msp.validate(closed_s42(feedback=feedback(answered_by=None, asked_on=CLOSED + timedelta(weeks=12))))
        assert report.ok
        assert {x.code for x in report.findings} == {"MSP-039", "MSP-040"}

    def test_comments_never_reach_a_message(self) -> None:
        record = closed_s42(feedback=feedback(answered_by=None, comments=f"{MARKER} comment from Zoë"))
        for finding in msp.validate(record).findings:
            assert MARKER not in finding.message
            assert "Zoë" not in finding.message
