"""The practitioner's legal review: lawful practice passes, the unlawful case is still caught with its path.

Each case is a record built the way a practitioner records the situation. Codes whose
behaviour changed here: CA-009, CA-010, CA-011, CA-012, CA-013, CA-014, CA-018, CA-019,
MCA-009, MCA-010, MCA-011, MCA-012, MCA-016, MSP-007, MSP-011, MSP-012, MSP-014, MSP-015,
MSP-018, MSP-020, MSP-027, MSP-028, MSP-029, MSP-030 and SAC-007.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest

from msp import (
    AdultsViews,
    Advocate,
    Contact,
    Escalation,
    LivingWithRisk,
    OptionsDiscussion,
    ProfessionalCuriosity,
)
from msp.codes import (
    AdvocateKind,
    CapacityLacked,
    CaseStage,
    ClosureReason,
    DecisionMakerKind,
    DecisionSubject,
    InterpreterKind,
    RepresentativeKind,
)
from msp.model.concern import Concern
from msp.rules import Severity, Status, get_rule, validate
from msp.rules.facts import adult_died, attorney_or_deputy_covers, section_68_difficulty
from tests.builders import (
    STARTED,
    adult,
    attorney_decides,
    best_interests,
    case,
    ceased_at_request,
    closed_s42,
    closure,
    concluded_s42,
    evolve_in,
    lacking_s42,
    lacks_capacity,
    no_enquiry_closed,
    other_enquiry_concluded,
    outcome,
    plan,
    representative,
    s68,
    sar,
)

FAILED = Status.FAILED
PASSED = Status.PASSED
NA = Status.NOT_APPLICABLE

DIED = date(2025, 8, 20)
REP0 = "$.adult.representatives[0]"
D0 = "$.capacity_decisions[0]"
CARE_ACT_ADVOCATE = Advocate(kind=AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE, advocate_id="ADV-1", involved=True)
IMCA = Advocate(kind=AdvocateKind.IMCA, advocate_id="ADV-2", involved=True)


def needs_advocate(*advocates: Advocate, stage: CaseStage = CaseStage.CONCLUDED, **assessment: Any) -> Concern:
    """A section 42 enquiry where the s68 test found substantial difficulty and no appropriate person."""
    record = concluded_s42(
        adult=adult(advocates=advocates), advocacy=s68(appropriate_person_available=False, **assessment)
    )
    return attrs.evolve(record, stage=stage)


def started_urgently(*advocates: Advocate) -> Concern:
    """:func:`needs_advocate` at the enquiry stage: started before an advocate could be instructed."""
    return needs_advocate(*advocates, stage=CaseStage.ENQUIRY)


def named_appropriate_person(**rep: Any) -> Concern:
    """The s68 test names a family member as the appropriate person."""
    fields: dict[str, Any] = {"person_id": "P-0007", "adult_consents": True, **rep}
    person = representative(**fields)
    return concluded_s42(adult=adult(representatives=(person,)), advocacy=s68(appropriate_person_id="P-0007"))


def declined(**assessment: Any) -> Concern:
    """An adult with capacity to take part declined an advocate the s68 test says they need."""
    return needs_advocate(advocate_declined=True, **assessment)


def taking_part(**decision: Any) -> Any:
    """A decision that the adult lacks capacity to take part in the enquiry (no best interests needed)."""
    fields: dict[str, Any] = {"subject": DecisionSubject.TAKING_PART_IN_ENQUIRY, "best_interests": None, **decision}
    return lacks_capacity(**fields)


def lpa_case(flag: bool | None, *reps: Any, subject: DecisionSubject = DecisionSubject.PROTECTIVE_MEASURE) -> Concern:
    """A lacks-capacity decision, with this "covered by an attorney or deputy" answer and these representatives."""
    decision = lacks_capacity(subject=subject, decision_covered_by_attorney_or_deputy=flag)
    return lacking_s42(decision, adult=adult(representatives=(representative(), *reps)))


def h_and_w_lpa(**overrides: Any) -> Any:
    """A registered health-and-welfare attorney."""
    return representative(RepresentativeKind.LPA_HEALTH_AND_WELFARE, person_id="P-0009", **overrides)


def living_with_risk(decision: Any) -> Concern:
    """A plan in which the adult goes on living with a risk, resting on capacity decision CD-1."""
    lwr = LivingWithRisk(
        informed_decision=True,
        understanding="Invented understanding",
        safety_actions=("Invented action",),
        capacity_decision_id="CD-1",
    )
    return concluded_s42(capacity_decisions=(decision,), plan=plan(living_with_risk=lwr))


def coerced(escalation: Escalation | None) -> Concern:
    """Coercion suspected, the adult not seen alone (reason recorded), and this escalation record."""
    return concluded_s42(
        contact=Contact(spoken_to=True, seen_alone=False, not_seen_alone_reason="Invented reason"),
        curiosity=ProfessionalCuriosity(coercion_considered=True, coercion_suspected=True),
        plan=plan(escalation=escalation),
    )


def interpreted(by: InterpreterKind | None, **adult_fields: Any) -> Concern:
    """The adult spoken to with this interpreter or support."""
    return concluded_s42(
        adult=adult(**adult_fields),
        contact=Contact(spoken_to=True, seen_alone=True, interpreter_used=by is not None, interpreted_by=by),
    )


def no_enquiry_wanting_nothing(**closure_fields: Any) -> Concern:
    """No enquiry (s42(1)(c) not met), closed; the adult said they want nothing to happen."""
    record = no_enquiry_closed(views=AdultsViews(in_own_words="Invented words", wants_no_action=True))
    return evolve_in(record, "closure", **closure_fields)


def died_ceased(**contact_fields: Any) -> Concern:
    """An enquiry ceased at the adult's request, closed because the adult then died."""
    return ceased_at_request(
        adult=adult(date_of_death=DIED),
        contact=Contact(spoken_to=True, **contact_fields),
        closure=closure(reason=ClosureReason.ADULT_DIED, sar=sar(adult_died=True)),
        stage=CaseStage.CLOSED,
    )


CASES = [
    # -- s68 advocacy (CA-009, CA-010, CA-011, CA-018) --------------------------------------------
    case(
        "CA-010",
        PASSED,
        lambda: started_urgently(attrs.evolve(CARE_ACT_ADVOCATE, involved=None, requested_on=STARTED)),
        id="urgent-start-with-advocate-requested",
    ),
    case("CA-010", FAILED, started_urgently, "$.adult.advocates", id="urgent-start-nothing-requested"),
    case(
        "CA-010",
        FAILED,
        lambda: needs_advocate(attrs.evolve(CARE_ACT_ADVOCATE, involved=None, requested_on=STARTED)),
        "$.adult.advocates",
        id="concluded-with-advocate-only-requested",
    ),
    case(
        "CA-010",
        PASSED,
        lambda: needs_advocate(attrs.evolve(IMCA, acting_as_care_act_advocate=True)),
        id="imca-acting-as-care-act-advocate",
    ),
    case("CA-010", FAILED, lambda: needs_advocate(IMCA), "$.adult.advocates", id="imca-only-for-mca"),
    case("CA-010", PASSED, lambda: needs_advocate(CARE_ACT_ADVOCATE), id="care-act-advocate"),
    case(
        "CA-010",
        FAILED,
        lambda: named_appropriate_person(implicated_in_enquiry=True),
        "$.adult.advocates",
        id="appropriate-person-implicated-so-duty-applies",
    ),
    case("CA-010", NA, named_appropriate_person, id="valid-appropriate-person"),
    case(
        "CA-010",
        FAILED,
        lambda: concluded_s42(capacity_decisions=(taking_part(),)),
        "$.adult.advocates",
        id="lacks-capacity-to-take-part-no-advocate",
    ),
    case(
        "CA-010",
        PASSED,
        lambda: concluded_s42(capacity_decisions=(taking_part(),), adult=adult(advocates=(CARE_ACT_ADVOCATE,))),
        id="lacks-capacity-to-take-part-advocate",
    ),
    case("CA-010", NA, lambda: declined(advocate_declined_reason="Invented reason"), id="declined-with-capacity"),
    case(
        "CA-010",
        FAILED,
        lambda: attrs.evolve(declined(), capacity_decisions=(taking_part(),)),
        "$.adult.advocates",
        id="cannot-decline-without-capacity",
    ),
    case(
        "CA-009",
        PASSED,
        lambda: concluded_s42(advocacy=None, capacity_decisions=(taking_part(),)),
        id="answered-by-capacity-to-take-part",
    ),
    case("CA-011", PASSED, named_appropriate_person, id="named-consenting-unpaid"),
    case(
        "CA-011",
        PASSED,
        lambda: named_appropriate_person(adult_consents=None, in_best_interests=True),
        id="named-in-best-interests",
    ),
    case(
        "CA-011",
        FAILED,
        lambda: named_appropriate_person(implicated_in_enquiry=True),
        f"{REP0}.implicated_in_enquiry",
        id="named-implicated",
    ),
    case(
        "CA-011",
        FAILED,
        lambda: named_appropriate_person(adult_consents=False),
        f"{REP0}.adult_consents",
        id="named-consent-refused",
    ),
    case(
        "CA-011",
        FAILED,
        lambda: named_appropriate_person(adult_consents=None),
        f"{REP0}.adult_consents",
        id="named-consent-not-recorded",
    ),
    case(
        "CA-011",
        FAILED,
        lambda: named_appropriate_person(paid_or_professional=True),
        f"{REP0}.paid_or_professional",
        id="named-paid",
    ),
    case(
        "CA-011",
        FAILED,
        lambda: evolve_in(named_appropriate_person(), "advocacy", appropriate_person_id="P-0099"),
        "$.advocacy.appropriate_person_id",
        id="named-person-not-on-record",
    ),
    case("CA-018", FAILED, declined, "$.advocacy.advocate_declined_reason", id="declined-no-reason"),
    case(
        "CA-018",
        FAILED,
        lambda: declined(advocate_declined_reason="Invented reason"),
        "$.advocacy.advocate_declined",
        id="declined-flagged-for-review",
    ),
    case("CA-018", NA, needs_advocate, id="not-declined"),
    case(
        "CA-018",
        NA,
        lambda: evolve_in(named_appropriate_person(), "advocacy", advocate_declined=True),
        id="valid-appropriate-person",
    ),
    # -- one source of truth for a death (CA-013, CA-014, CA-019, MSP-012, MSP-014) ------------------
    case(
        "CA-014",
        FAILED,
        lambda: closed_s42(closure=closure(reason=ClosureReason.ADULT_DIED, sar=None)),
        "$.closure.sar.considered",
        id="death-recorded-only-as-closure-reason",
    ),
    case(
        "CA-013",
        FAILED,
        lambda: closed_s42(
            closure=closure(
                reason=ClosureReason.ADULT_DIED,
                sar=sar(adult_died=None, joint_working_concern=True, death_from_abuse_or_neglect_suspected=True),
            )
        ),
        "$.closure.sar.referred",
        id="condition-1-death-recorded-as-closure-reason",
    ),
    case(
        "CA-019",
        FAILED,
        lambda: closed_s42(adult=adult(date_of_death=DIED)),
        "$.closure.sar.adult_died",
        id="date-of-death-but-sar-says-alive",
    ),
    case(
        "CA-019",
        FAILED,
        lambda: closed_s42(closure=closure(reason=ClosureReason.ADULT_DIED)),
        "$.closure.sar.adult_died",
        id="closed-because-died-but-sar-says-alive",
    ),
    case(
        "CA-019",
        PASSED,
        lambda: closed_s42(adult=adult(date_of_death=DIED), closure=closure(sar=sar(adult_died=True))),
        id="records-agree",
    ),
    case("CA-019", PASSED, closed_s42, id="alive"),
    case("CA-019", NA, lambda: closed_s42(closure=closure(sar=None)), id="no-sar-record"),
    case("MSP-012", PASSED, died_ceased, id="seen-alone-not-asked-after-death"),
    case("MSP-014", NA, died_ceased, id="adult-died"),
    # -- capacity is decision-specific (MCA-009, MCA-012, MSP-015) ------------------------------------
    case(
        "MCA-009",
        PASSED,
        lambda: concluded_s42(capacity_decisions=(taking_part(),)),
        id="taking-part-needs-no-best-interests",
    ),
    case(
        "MCA-012",
        FAILED,
        lambda: lacking_s42(lacks_capacity(imca_considered=None)),
        f"{D0}.imca_considered",
        id="protective-measure-imca-not-considered",
    ),
    case(
        "MCA-012",
        NA,
        lambda: lacking_s42(lacks_capacity(imca_considered=None, subject=DecisionSubject.FINANCES_AND_PROPERTY)),
        id="not-a-protective-measure",
    ),
    case(
        "MCA-012",
        NA,
        lambda: lacking_s42(lacks_capacity(imca_considered=None, subject=None)),
        id="subject-not-recorded",
    ),
    case(
        "MCA-012",
        NA,
        lambda: lacking_s42(
            lacks_capacity(imca_considered=None), adult=adult(representatives=(representative(),), advocates=(IMCA,))
        ),
        id="imca-instructed",
    ),
    case(
        "MSP-015",
        FAILED,
        lambda: concluded_s42(capacity_decisions=(taking_part(),), msp_asked=None, desired_outcomes=()),
        "$.msp_asked",
        "$.adult.advocates",
        id="lacks-capacity-to-take-part",
    ),
    case(
        "MSP-015",
        NA,
        lambda: concluded_s42(
            capacity_decisions=(lacks_capacity(subject=DecisionSubject.FINANCES_AND_PROPERTY),),
            msp_asked=None,
            desired_outcomes=(),
        ),
        id="lacks-capacity-for-another-decision",
    ),
    # -- best interests (MCA-010, MSP-011) --------------------------------------------------------
    case(
        "MCA-010",
        PASSED,
        lambda: lacking_s42(
            lacks_capacity(
                best_interests=best_interests(consulted=(), no_one_appropriate_to_consult_reason="Invented reason")
            ),
            adult=adult(representatives=(representative(),)),
        ),
        id="no-one-appropriate-to-consult-with-reason",
    ),
    case(
        "MCA-010",
        FAILED,
        lambda: lacking_s42(lacks_capacity(best_interests=best_interests(consulted=()))),
        f"{D0}.best_interests.consulted",
        id="no-one-consulted-no-reason",
    ),
    case("MSP-011", PASSED, lambda: living_with_risk(lacks_capacity()), id="best-interests-to-live-with-risk"),
    case(
        "MSP-011",
        FAILED,
        lambda: living_with_risk(lacks_capacity(best_interests=None)),
        "$.plan.living_with_risk.capacity_decision_id",
        id="lacks-capacity-no-best-interests",
    ),
    # -- attorneys and deputies: one derivation (MCA-011, MCA-016) ------------------------------------
    case(
        "MCA-011",
        FAILED,
        lambda: lpa_case(None, h_and_w_lpa()),
        f"{D0}.best_interests.decision_maker",
        id="registered-lpa-of-the-domain-covers-it-unflagged",
    ),
    case("MCA-011", NA, lambda: lpa_case(None, h_and_w_lpa(registered=False)), id="unregistered-lpa"),
    case(
        "MCA-011",
        NA,
        lambda: lpa_case(None, h_and_w_lpa(), subject=DecisionSubject.FINANCES_AND_PROPERTY),
        id="lpa-of-another-domain",
    ),
    case(
        "MCA-011",
        NA,
        lambda: lpa_case(
            None, representative(RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS, person_id="P-0008")
        ),
        id="property-lpa-for-a-welfare-decision",
    ),
    case("MCA-011", PASSED, attorney_decides, id="attorney-decides"),
    case(
        "MCA-016",
        FAILED,
        lambda: lpa_case(True),
        f"{D0}.decision_covered_by_attorney_or_deputy",
        id="flagged-covered-no-attorney",
    ),
    case(
        "MCA-016",
        FAILED,
        lambda: lpa_case(True, h_and_w_lpa(), subject=DecisionSubject.FINANCES_AND_PROPERTY),
        f"{D0}.decision_covered_by_attorney_or_deputy",
        id="flagged-covered-wrong-domain",
    ),
    case(
        "MCA-016",
        FAILED,
        lambda: lpa_case(False, h_and_w_lpa()),
        f"{D0}.decision_covered_by_attorney_or_deputy",
        id="flagged-not-covered-but-lpa",
    ),
    case("MCA-016", PASSED, attorney_decides, id="agree"),
    case("MCA-016", NA, lambda: lpa_case(True, h_and_w_lpa(), subject=DecisionSubject.OTHER), id="domain-unknown"),
    # -- noise (MSP-007, MSP-018, MSP-020, MSP-027, SAC-007) ------------------------------------------
    case(
        "MSP-007",
        PASSED,
        lambda: concluded_s42(
            options=OptionsDiscussion(
                explained_on=STARTED, options_explained=True, every_option_available=True, adult_understood=True
            )
        ),
        id="every-option-available",
    ),
    case(
        "MSP-007",
        FAILED,
        lambda: concluded_s42(options=OptionsDiscussion(options_explained=True)),
        "$.options.unavailable_options_explained",
        id="neither-answered",
    ),
    case(
        "MSP-018",
        PASSED,
        lambda: coerced(Escalation(risk_managed=True, reason="Invented reason")),
        id="risk-managed-with-reason",
    ),
    case(
        "MSP-018",
        FAILED,
        lambda: coerced(Escalation(risk_managed=True)),
        "$.plan.escalation",
        id="risk-managed-no-reason",
    ),
    case(
        "MSP-018",
        PASSED,
        lambda: coerced(Escalation(escalated_on=STARTED, escalated_to="Team manager")),
        id="escalated",
    ),
    case(
        "MSP-020",
        NA,
        lambda: other_enquiry_concluded(desired_outcomes=(outcome(achievement=None),)),
        id="other-enquiry-is-msp-027",
    ),
    case(
        "MSP-020",
        FAILED,
        lambda: concluded_s42(desired_outcomes=(outcome(achievement=None),)),
        "$.desired_outcomes[0].achievement",
        id="section-42",
    ),
    case(
        "MSP-027",
        FAILED,
        lambda: other_enquiry_concluded(desired_outcomes=(outcome(achievement=None),)),
        "$.desired_outcomes[0].achievement",
        id="other-enquiry-not-evaluated",
    ),
    case("MSP-027", PASSED, other_enquiry_concluded, id="other-enquiry-evaluated"),
    case("MSP-027", NA, lambda: concluded_s42(desired_outcomes=(outcome(achievement=None),)), id="section-42"),
    case(
        "SAC-007",
        NA,
        lambda: evolve_in(concluded_s42(), "enquiry", capacity_lacked=CapacityLacked.DONT_KNOW, advocacy_support=False),
        id="default-false-is-not-an-answer",
    ),
    case(
        "SAC-007",
        FAILED,
        lambda: evolve_in(concluded_s42(), "enquiry", advocacy_support=True),
        "$.enquiry.advocacy_support",
        id="support-recorded-with-capacity",
    ),
    # -- communication and interpreting (MSP-022, MSP-028, MSP-029) ------------------------------------
    case(
        "MSP-028",
        FAILED,
        lambda: interpreted(InterpreterKind.FAMILY_OR_FRIEND, interpreter_needed=True),
        "$.contact.interpreted_by",
        id="family-interpreted",
    ),
    case(
        "MSP-028",
        PASSED,
        lambda: interpreted(InterpreterKind.PROFESSIONAL_SPOKEN_LANGUAGE, interpreter_needed=True),
        id="professional-interpreter",
    ),
    case(
        "MSP-022",
        PASSED,
        lambda: interpreted(InterpreterKind.PROFESSIONAL_SPOKEN_LANGUAGE, interpreter_needed=True),
        id="interpreter-used",
    ),
    case(
        "MSP-029",
        PASSED,
        lambda: interpreted(InterpreterKind.SIGN_LANGUAGE, communication_support_needed=True),
        id="sign-language-interpreter",
    ),
    case(
        "MSP-029",
        FAILED,
        lambda: interpreted(None, communication_support_needed=True),
        "$.contact.interpreted_by",
        id="no-support",
    ),
    case(
        "MSP-029",
        FAILED,
        lambda: interpreted(InterpreterKind.FAMILY_OR_FRIEND, communication_support_needed=True),
        "$.contact.interpreted_by",
        id="family-is-not-communication-support",
    ),
    case("MSP-029", NA, lambda: interpreted(None), id="not-needed"),
    # -- the no-enquiry route where the adult wants nothing (MSP-012, MSP-030) -------------------------
    case("MSP-012", NA, no_enquiry_wanting_nothing, id="no-enquiry-is-not-an-enquiry-ceased"),
    case(
        "MSP-030", FAILED, no_enquiry_wanting_nothing, "$.closure.risk_to_others_considered", id="others-not-considered"
    ),
    case("MSP-030", PASSED, lambda: no_enquiry_wanting_nothing(risk_to_others_considered=True), id="others-considered"),
    case("MSP-030", NA, no_enquiry_closed, id="adult-did-not-ask-for-nothing"),
    case(
        "MSP-030",
        NA,
        lambda: closed_s42(views=AdultsViews(in_own_words="Invented words", wants_no_action=True)),
        id="section-42-enquiry",
    ),
]


@pytest.mark.parametrize(("code", "make", "status", "paths"), CASES)
def test_rule(code: str, make: Callable[[], Concern], status: Status, paths: tuple[str, ...]) -> None:
    report = validate(make(), rules=[code])
    assert report.status_of(code) is status
    assert tuple(f.path for f in report.findings if f.code == code) == paths


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("CA-012", Severity.ADVICE),
        ("CA-018", Severity.WARNING),
        ("CA-019", Severity.WARNING),
        ("MCA-012", Severity.WARNING),
        ("MCA-016", Severity.WARNING),
        ("MSP-027", Severity.WARNING),
        ("MSP-028", Severity.WARNING),
        ("MSP-029", Severity.WARNING),
        ("MSP-030", Severity.WARNING),
        ("CA-010", Severity.ERROR),
        ("MSP-020", Severity.ERROR),
    ],
)
def test_severities(code: str, severity: Severity) -> None:
    assert get_rule(code).severity is severity


class TestDerivations:
    """Facts recorded in several places have one derivation every rule uses."""

    def test_a_death_anywhere_counts(self) -> None:
        assert adult_died(closed_s42(adult=adult(date_of_death=DIED)))
        assert adult_died(closed_s42(closure=closure(reason=ClosureReason.ADULT_DIED)))
        assert adult_died(closed_s42(closure=closure(sar=sar(adult_died=True))))
        assert not adult_died(closed_s42())

    def test_substantial_difficulty_from_capacity_to_take_part(self) -> None:
        no_difficulty = concluded_s42()
        assert section_68_difficulty(no_difficulty) is False
        assert section_68_difficulty(attrs.evolve(no_difficulty, capacity_decisions=(taking_part(),))) is True
        assert section_68_difficulty(concluded_s42(advocacy=None)) is None
        other = attrs.evolve(no_difficulty, capacity_decisions=(lacks_capacity(subject=DecisionSubject.ACCOMMODATION),))
        assert section_68_difficulty(other) is False

    def test_attorney_cover_follows_domain_and_registration(self) -> None:
        record = lpa_case(None, h_and_w_lpa())
        assert attorney_or_deputy_covers(record, record.capacity_decisions[0])
        for flag in (True, False):
            flagged = lpa_case(flag)
            assert attorney_or_deputy_covers(flagged, flagged.capacity_decisions[0]) is flag

    def test_welfare_attorney_only_where_capacity_is_lacking(self) -> None:
        record = lpa_case(None, h_and_w_lpa())
        has = attrs.evolve(record.capacity_decisions[0], outcome=None)
        assert not attorney_or_deputy_covers(record, has)

    def test_enduring_power_covers_property_only(self) -> None:
        epa = representative(RepresentativeKind.ENDURING_POWER_OF_ATTORNEY, person_id="P-0005", registered=True)
        money = lpa_case(None, epa, subject=DecisionSubject.FINANCES_AND_PROPERTY)
        welfare = lpa_case(None, epa)
        assert attorney_or_deputy_covers(money, money.capacity_decisions[0])
        assert not attorney_or_deputy_covers(welfare, welfare.capacity_decisions[0])


class TestWorkflow:
    """The lawful cases the review found blocked are no longer blocked at the workflow step."""

    def test_an_urgent_enquiry_starts_with_the_advocate_requested(self) -> None:
        requested = attrs.evolve(CARE_ACT_ADVOCATE, involved=None, requested_on=STARTED)
        report = validate(started_urgently(requested))
        assert not [f for f in report.findings if f.severity is Severity.ERROR]

    def test_concluding_without_the_advocate_is_still_refused(self) -> None:
        requested = attrs.evolve(CARE_ACT_ADVOCATE, involved=None, requested_on=STARTED)
        report = validate(needs_advocate(requested))
        assert [f.code for f in report.findings if f.severity is Severity.ERROR] == ["CA-010"]

    def test_best_interests_decision_to_live_with_risk_has_no_findings_from_msp_011(self) -> None:
        report = validate(living_with_risk(lacks_capacity()))
        assert "MSP-011" not in {f.code for f in report.findings}

    def test_best_interests_decision_maker_attorney_named(self) -> None:
        record = lpa_case(None, h_and_w_lpa())
        decision = attrs.evolve(
            record.capacity_decisions[0],
            best_interests=best_interests(decision_maker=DecisionMakerKind.ATTORNEY, decision_maker_role=None),
        )
        report = validate(attrs.evolve(record, capacity_decisions=(decision,)))
        assert "MCA-011" not in {f.code for f in report.findings}
