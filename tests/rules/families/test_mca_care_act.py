"""The Mental Capacity Act (MCA-) and Care Act (CA-) rule families.

Every rule has, in the table below, at least one record that fails it (with the
exact finding paths), one that passes it and one where it does not apply. The
legal edge cases of reference.md §2 (Care Act ss42, 44, 67, 68) and §3 (MCA
2005 ss1-4, *A Local Authority v JB* [2021] UKSC 52, LPAs, deputies, IMCAs) each
have a row. All records are synthetic; every free text starts "Invented".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp import (
    AdvocacyAssessment,
    Advocate,
    BestInterestsDecision,
    CapacityDecision,
    Concern,
    Consultee,
    ImmediateSafety,
    Representative,
    SafeguardingAdultsReview,
)
from msp.codes import (
    AdvocateKind,
    CaseStage,
    ConsulteeKind,
    DecisionMakerKind,
    EnquiryRoute,
    ExitRoute,
    LibertyAuthorisation,
    RepresentativeKind,
)
from msp.rules import (
    STAGE_ORDER,
    Basis,
    Rule,
    Severity,
    Status,
    catalogue,
    get_rule,
    register,
    registered_rules,
    retired_rules,
    validate,
)
from tests.builders import (
    STARTED,
    adult,
    attorney_decides,
    best_interests,
    case,
    closed_s42,
    closure,
    concern,
    concluded_s42,
    decided,
    element,
    has_capacity,
    lacking_closed,
    lacking_s42,
    lacks_capacity,
    no_enquiry_closed,
    no_enquiry_decision,
    other_decision,
    other_enquiry_concluded,
    representative,
    s42_decision,
    s42_enquiry,
    s68,
    sar,
    statuses_by_code,
)
from tests.rules.families.test_legal_core import (
    UNREFERRED,
    acting,
    ceased_lacking,
    ceasing_decision,
    crime,
    deprived,
    liberty,
    on_lack_of_capacity,
    paid_carer,
    partner,
    person,
    refused,
    with_people,
)
from tests.rules.families.test_organisation import (
    NO_REPORT,
    care_home,
    caused,
    made_by_provider,
    organisational,
)
from tests.strategies import concerns

FAILED = Status.FAILED
PASSED = Status.PASSED
NA = Status.NOT_APPLICABLE

MCA_CODES = (*(f"MCA-{n:03d}" for n in range(1, 15)), *(f"MCA-{n:03d}" for n in range(16, 22)))  # MCA-015 retired
CA_CODES = tuple(f"CA-{n:03d}" for n in range(1, 36))
CODES = MCA_CODES + CA_CODES

DIED = date(2025, 8, 20)
D0 = "$.capacity_decisions[0]"
D1 = "$.capacity_decisions[1]"


# -- table helpers: a good-practice record with one part changed --------------------


def capacity(*decisions: CapacityDecision, **overrides: Any) -> Concern:
    """:func:`concluded_s42` with these capacity decisions and nothing else changed (SG3a No)."""
    return concluded_s42(capacity_decisions=decisions, **overrides)


def with_reps(*reps: Representative, bi: BestInterestsDecision | None = None) -> Concern:
    """:func:`lacking_s42` whose adult has these representatives (and this best-interests decision)."""
    decision = lacks_capacity() if bi is None else lacks_capacity(best_interests=bi)
    return lacking_s42(decision, adult=adult(representatives=reps))


def advocacy_case(assessment: AdvocacyAssessment | None, *advocates: Advocate, **overrides: Any) -> Concern:
    """:func:`concluded_s42` with this s68 assessment and these advocates."""
    return attrs.evolve(concluded_s42(adult=adult(advocates=advocates), advocacy=assessment), **overrides)


CARE_ACT_ADVOCATE = Advocate(kind=AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE, advocate_id="ADV-1", involved=True)
IMCA = Advocate(kind=AdvocateKind.IMCA, advocate_id="ADV-2", involved=True)


def sar_closed(review: SafeguardingAdultsReview | None, **adult_overrides: Any) -> Concern:
    """:func:`closed_s42` with this SAR consideration."""
    return closed_s42(adult=adult(**adult_overrides), closure=closure(sar=review))


def aged(
    born: date, *, on: date, route: EnquiryRoute = EnquiryRoute.SECTION_42_ENQUIRY, received: date | None = None
) -> Concern:
    """A concern about a person born on ``born``, decided on ``on`` with ``route`` (received then, or earlier)."""
    if route is EnquiryRoute.SECTION_42_ENQUIRY:
        decision = s42_decision(decided_on=on)
    elif route is EnquiryRoute.OTHER_ENQUIRY:
        decision = other_decision(decided_on=on)
    else:
        decision = no_enquiry_decision(decided_on=on, exit_routes=(ExitRoute.CHILDRENS_SERVICES,))
    return concern(
        adult=adult(date_of_birth=born), received_on=received or on, stage=CaseStage.DECIDED, decision=decision
    )


NO_BI_CHECKLIST = {
    "wishes_and_feelings": None,
    "beliefs_and_values": None,
    "consulted": (),
    "person_participated": None,
    "may_regain_capacity": None,
    "less_restrictive_options_considered": None,
}

# fmt: off
CASES = [
    # MCA-001 decision-specific (s2(1) 'in relation to a matter')
    case("MCA-001", FAILED, lambda: lacking_s42(lacks_capacity(decision=None)), f"{D0}.decision", id="no-decision"),
    case("MCA-001", FAILED, lambda: capacity(has_capacity(), has_capacity(decision=None)), f"{D1}.decision",
         id="second-assessment-names-none"),
    case("MCA-001", PASSED, lacking_s42, id="named"),
    case("MCA-001", NA, concluded_s42, id="no-assessment"),
    # MCA-002 time-specific
    case("MCA-002", FAILED, lambda: lacking_s42(lacks_capacity(assessed_on=None)), f"{D0}.assessed_on", id="undated"),
    case("MCA-002", PASSED, lacking_s42, id="dated"),
    case("MCA-002", NA, concluded_s42, id="no-assessment"),
    # MCA-003 lack of capacity needs a failed element, an impairment and the causal link
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(understand=element(able=True),
                                                                use_or_weigh=element(able=True))),
         f"{D0}.understand", id="no-failed-functional-element"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(understand=None, retain=None, use_or_weigh=None,
                                                                communicate=None)),
         f"{D0}.understand", id="functional-test-not-done"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(impairment=False)), f"{D0}.impairment",
         id="no-impairment"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(impairment=None)), f"{D0}.impairment",
         id="impairment-unanswered"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(causal_link=False)), f"{D0}.causal_link",
         id="no-causal-link"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(causal_link=None)), f"{D0}.causal_link",
         id="causal-link-unanswered"),
    case("MCA-003", FAILED, lambda: lacking_s42(lacks_capacity(understand=None, use_or_weigh=None, impairment=None,
                                                                causal_link=None)),
         f"{D0}.understand", f"{D0}.impairment", f"{D0}.causal_link", id="assumed-not-shown"),
    case("MCA-003", FAILED, lambda: lacking_s42(has_capacity(), lacks_capacity(causal_link=None)),
         f"{D1}.causal_link", id="second-assessment"),
    case("MCA-003", PASSED, lacking_s42, id="all-three-parts"),
    case("MCA-003", NA, lambda: capacity(has_capacity()), id="has-capacity"),
    case("MCA-003", NA, lambda: capacity(lacks_capacity(outcome=None, best_interests=None)), id="not-concluded"),
    case("MCA-003", NA, concluded_s42, id="no-assessment"),
    # MCA-004 practicable steps, s1(3)
    case("MCA-004", FAILED, lambda: lacking_s42(lacks_capacity(practicable_steps=())), f"{D0}.practicable_steps",
         id="no-steps"),
    case("MCA-004", PASSED, lacking_s42, id="steps-recorded"),
    case("MCA-004", NA, lambda: capacity(has_capacity()), id="has-capacity-no-steps-needed"),
    # MCA-005 an unwise decision is not incapacity, s1(4)
    case("MCA-005", FAILED, lambda: lacking_s42(lacks_capacity(considered_unwise=True, understand=element(able=True),
                                                                use_or_weigh=element(able=True))),
         f"{D0}.understand", id="unwise-and-no-failed-element"),
    case("MCA-005", FAILED, lambda: lacking_s42(lacks_capacity(considered_unwise=True,
                                                                understand=element(able=False, evidence=None),
                                                                causal_link_evidence=None)),
         f"{D0}.understand.evidence", f"{D0}.causal_link_evidence", id="unwise-without-evidence"),
    case("MCA-005", FAILED, lambda: lacking_s42(lacks_capacity(considered_unwise=True, causal_link_evidence=None)),
         f"{D0}.causal_link_evidence", id="unwise-causal-link-without-evidence"),
    case("MCA-005", PASSED, lambda: lacking_s42(lacks_capacity(considered_unwise=True)), id="unwise-but-evidenced"),
    case("MCA-005", NA, lambda: capacity(has_capacity(considered_unwise=True)), id="unwise-with-capacity"),
    case("MCA-005", NA, lacking_s42, id="not-thought-unwise"),
    # MCA-006 evidence for each 'unable' element
    case("MCA-006", FAILED, lambda: lacking_s42(lacks_capacity(understand=element(able=False, evidence=None),
                                                                use_or_weigh=element(able=False, evidence=None))),
         f"{D0}.understand.evidence", f"{D0}.use_or_weigh.evidence", id="no-evidence"),
    case("MCA-006", PASSED, lacking_s42, id="evidenced"),
    case("MCA-006", NA, lambda: capacity(has_capacity(understand=element(able=True, evidence=None))),
         id="no-failed-element"),
    # MCA-007 functional test recorded for any conclusion
    case("MCA-007", FAILED, lambda: capacity(has_capacity(understand=None, retain=None, use_or_weigh=None,
                                                          communicate=None)),
         f"{D0}.understand", id="has-capacity-no-elements"),
    case("MCA-007", FAILED, lambda: capacity(has_capacity(understand=element(None), retain=element(None),
                                                          use_or_weigh=element(None), communicate=element(None))),
         f"{D0}.understand", id="elements-not-assessed"),
    case("MCA-007", PASSED, lambda: capacity(has_capacity()), id="has-capacity-functional-test"),
    case("MCA-007", PASSED, lacking_s42, id="lacks-capacity-functional-test"),
    case("MCA-007", NA, lambda: capacity(lacks_capacity(outcome=None, best_interests=None)), id="not-concluded"),
    # MCA-008 best interests only where capacity is lacking, s1(5)
    case("MCA-008", FAILED, lambda: capacity(has_capacity(best_interests=best_interests())),
         f"{D0}.best_interests", id="best-interests-with-capacity"),
    case("MCA-008", FAILED, lambda: capacity(lacks_capacity(outcome=None)), f"{D0}.best_interests",
         id="best-interests-before-conclusion"),
    case("MCA-008", PASSED, lacking_s42, id="lacks-capacity"),
    case("MCA-008", NA, lambda: capacity(has_capacity()), id="no-best-interests"),
    # MCA-009 best interests recorded where lacking
    case("MCA-009", FAILED, lambda: lacking_s42(lacks_capacity(best_interests=None)), f"{D0}.best_interests",
         id="none-recorded"),
    case("MCA-009", PASSED, lacking_s42, id="recorded"),
    case("MCA-009", NA, lambda: capacity(has_capacity()), id="has-capacity"),
    case("MCA-009", NA, lambda: lacking_s42(lacks_capacity(best_interests=None), stage=CaseStage.ENQUIRY),
         id="before-conclusion"),
    # MCA-010 the s4 checklist and s1(6)
    case("MCA-010", FAILED, lambda: lacking_s42(lacks_capacity(best_interests=best_interests(**NO_BI_CHECKLIST))),
         *(f"{D0}.best_interests.{name}" for name in NO_BI_CHECKLIST), id="nothing-on-the-checklist"),
    case("MCA-010", FAILED, lambda: lacking_s42(lacks_capacity(best_interests=best_interests(
        less_restrictive_options_considered=False))),
         f"{D0}.best_interests.less_restrictive_options_considered", id="less-restrictive-not-considered"),
    case("MCA-010", PASSED, lacking_s42, id="whole-checklist"),
    case("MCA-010", NA, lambda: capacity(has_capacity()), id="no-best-interests"),
    # MCA-011 a valid attorney or deputy decides what their authority covers
    case("MCA-011", FAILED, lambda: attorney_decides(best_interests=best_interests()),
         f"{D0}.best_interests.decision_maker", id="registered-welfare-lpa-covers-but-practitioner-decided"),
    case("MCA-011", FAILED, lambda: attorney_decides(best_interests=best_interests(decision_maker=None)),
         f"{D0}.best_interests.decision_maker", id="decision-maker-unrecorded"),
    case("MCA-011", PASSED, attorney_decides, id="attorney-decided"),
    case("MCA-011", PASSED, lambda: attorney_decides(best_interests=best_interests(
        decision_maker=DecisionMakerKind.DEPUTY)), id="deputy-decided"),
    case("MCA-011", PASSED, lambda: attorney_decides(best_interests=best_interests(
        decision_maker=DecisionMakerKind.COURT)), id="court-decided"),
    case("MCA-011", NA, lacking_s42, id="not-covered-practitioner-decides"),
    case("MCA-011", NA, lambda: attorney_decides(best_interests=None), id="covered-no-best-interests-record"),
    # MCA-012 IMCA considered (SI 2006/2883 reg 4)
    case("MCA-012", FAILED, lambda: lacking_s42(lacks_capacity(imca_considered=None)), f"{D0}.imca_considered",
         id="not-recorded"),
    case("MCA-012", FAILED, lambda: lacking_s42(lacks_capacity(imca_considered=False)), f"{D0}.imca_considered",
         id="not-considered"),
    case("MCA-012", PASSED, lacking_s42, id="considered"),
    case("MCA-012", NA, lambda: capacity(has_capacity()), id="has-capacity"),
    case("MCA-012", NA, lambda: no_enquiry_closed(capacity_decisions=(lacks_capacity(imca_considered=None),)),
         id="no-enquiry"),
    # MCA-013 attorney or deputy consulted, s4(7)(c), (d)
    case("MCA-013", FAILED, lambda: with_reps(representative(RepresentativeKind.LPA_HEALTH_AND_WELFARE)),
         f"{D0}.best_interests.consulted", id="welfare-attorney-not-consulted"),
    case("MCA-013", FAILED, lambda: with_reps(representative(RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS)),
         f"{D0}.best_interests.consulted", id="financial-attorney-not-consulted"),
    case("MCA-013", FAILED, lambda: with_reps(representative(RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS)),
         f"{D0}.best_interests.consulted", id="deputy-not-consulted"),
    case("MCA-013", PASSED, lambda: with_reps(
        representative(RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE),
        bi=best_interests(consulted=(Consultee(kind=ConsulteeKind.DEPUTY, person_id="P-0003"),))),
         id="deputy-consulted"),
    case("MCA-013", PASSED, lambda: with_reps(
        representative(RepresentativeKind.LPA_HEALTH_AND_WELFARE),
        bi=best_interests(consulted=(Consultee(kind=ConsulteeKind.ATTORNEY, person_id="P-0003"),))),
         id="attorney-consulted"),
    case("MCA-013", PASSED, attorney_decides, id="attorney-is-the-decision-maker"),
    case("MCA-013", NA, lambda: with_reps(representative(RepresentativeKind.LPA_HEALTH_AND_WELFARE,
                                                         registered=False)),
         id="unregistered-lpa-is-no-lpa"),
    case("MCA-013", NA, lambda: with_reps(representative(RepresentativeKind.ENDURING_POWER_OF_ATTORNEY)),
         id="enduring-power-only"),
    case("MCA-013", NA, lacking_s42, id="family-only"),
    case("MCA-013", NA, lambda: attorney_decides(best_interests=None), id="no-best-interests"),
    # MCA-014 SG3a agrees with the assessments
    case("MCA-014", FAILED, lambda: lacking_s42(has_capacity()), "$.enquiry.capacity_lacked",
         id="sg3a-yes-assessment-says-has"),
    case("MCA-014", FAILED, lambda: capacity(lacks_capacity()), "$.enquiry.capacity_lacked",
         id="sg3a-no-assessment-says-lacks"),
    case("MCA-014", PASSED, lacking_s42, id="both-lacking"),
    case("MCA-014", PASSED, lambda: capacity(has_capacity()), id="both-not-lacking"),
    case("MCA-014", NA, concluded_s42, id="no-assessment"),
    case("MCA-014", NA, lambda: lacking_s42(enquiry=s42_enquiry(capacity_lacked=None)), id="no-sg3a"),
    # MCA-015 is retired (an invented duty): see test_mca_015_is_retired_and_closure_is_lawful
    # MCA-016 "covered by an attorney or deputy" agrees with the adult's attorneys and deputies
    # (more cases in test_lawful_practice.py)
    case("MCA-016", FAILED, lambda: lacking_s42(lacks_capacity(decision_covered_by_attorney_or_deputy=True)),
         f"{D0}.decision_covered_by_attorney_or_deputy", id="covered-but-no-attorney"),
    case("MCA-016", PASSED, attorney_decides, id="registered-welfare-attorney"),
    case("MCA-016", NA, lacking_s42, id="not-answered"),
    # CA-001 an enquiry is opened only for an adult: 18 or over on the date of the s42 decision
    case("CA-001", FAILED, lambda: aged(date(2007, 6, 3), on=date(2025, 6, 2)), "$.adult.date_of_birth",
         id="18-tomorrow"),
    case("CA-001", PASSED, lambda: aged(date(2007, 6, 2), on=date(2025, 6, 2)), id="18th-birthday-that-day"),
    case("CA-001", PASSED, lambda: aged(date(1941, 3, 14), on=date(2025, 6, 2)), id="older-adult"),
    case("CA-001", FAILED, lambda: aged(date(2004, 2, 29), on=date(2022, 2, 27)), "$.adult.date_of_birth",
         id="29-feb-birthday-27-feb"),
    case("CA-001", PASSED, lambda: aged(date(2004, 2, 29), on=date(2022, 2, 28)), id="29-feb-birthday-falls-on-28-feb"),
    case("CA-001", PASSED, lambda: aged(date(2004, 2, 29), on=date(2022, 3, 1)), id="29-feb-birthday-1-mar"),
    case("CA-001", FAILED, lambda: aged(date(2006, 2, 28), on=date(2024, 2, 27)), "$.adult.date_of_birth",
         id="leap-year-decision-day-before"),
    case("CA-001", PASSED, lambda: aged(date(2006, 2, 28), on=date(2024, 2, 28)), id="leap-year-decision-on-birthday"),
    case("CA-001", FAILED, lambda: aged(date(2008, 1, 1), on=date(2025, 6, 2), route=EnquiryRoute.OTHER_ENQUIRY),
         "$.adult.date_of_birth", id="other-enquiry-for-a-child"),
    # Age is judged when the authority decides, not when the concern arrives.
    case("CA-001", PASSED, lambda: aged(date(2007, 6, 3), on=date(2025, 6, 3), received=date(2025, 6, 2)),
         id="17-at-receipt-18-at-decision"),
    # A concern about a child is recorded and routed to children's services: lawful, never blocked.
    case("CA-001", NA, lambda: aged(date(2008, 1, 1), on=date(2025, 6, 2), route=EnquiryRoute.NO_ENQUIRY),
         id="child-routed-to-childrens-services"),
    case("CA-001", NA, lambda: concern(adult=adult(date_of_birth=date(2010, 1, 1))), id="child-concern-received"),
    case("CA-001", NA, concern, id="no-date-of-birth"),
    # CA-002 the section 42 decision is recorded limb by limb
    case("CA-002", FAILED, lambda: concern(stage=CaseStage.DECIDED), "$.decision", id="no-decision"),
    case("CA-002", FAILED, lambda: decided(experiencing_or_at_risk_of_abuse=None, route=None, decided_on=None),
         "$.decision.experiencing_or_at_risk_of_abuse", "$.decision.route", "$.decision.decided_on",
         id="parts-missing"),
    case("CA-002", FAILED, lambda: decided(has_care_and_support_needs=None, experiencing_or_at_risk_of_abuse=None,
                                           unable_to_protect_self=None),
         "$.decision.has_care_and_support_needs", "$.decision.experiencing_or_at_risk_of_abuse",
         "$.decision.unable_to_protect_self", id="no-condition"),
    case("CA-002", PASSED, decided, id="complete"),
    case("CA-002", PASSED, lambda: decided(unable_to_protect_self=False, route=EnquiryRoute.NO_ENQUIRY),
         id="condition-not-met-is-still-recorded"),
    # A lawful no-enquiry decision recorded the way a practitioner records it: (a) judged not met,
    # so (b) and (c) were never asked. Once one limb is not met the others are optional.
    case("CA-002", PASSED, lambda: decided(has_care_and_support_needs=False, experiencing_or_at_risk_of_abuse=None,
                                           unable_to_protect_self=None, route=EnquiryRoute.NO_ENQUIRY),
         id="a-not-met-b-and-c-not-asked"),
    case("CA-002", PASSED, lambda: decided(has_care_and_support_needs=None, experiencing_or_at_risk_of_abuse=False,
                                           unable_to_protect_self=None, route=EnquiryRoute.NO_ENQUIRY),
         id="b-not-met-the-rest-not-asked"),
    case("CA-002", FAILED, lambda: decided(has_care_and_support_needs=True, experiencing_or_at_risk_of_abuse=None),
         "$.decision.experiencing_or_at_risk_of_abuse", id="a-met-b-not-recorded"),
    case("CA-002", FAILED, lambda: decided(has_care_and_support_needs=False, experiencing_or_at_risk_of_abuse=None,
                                           unable_to_protect_self=None, route=None),
         "$.decision.route", id="a-not-met-route-still-needed"),
    case("CA-002", NA, lambda: concern(stage=CaseStage.INFORMATION_GATHERING), id="before-decision"),
    # CA-003 a section 42 enquiry needs all three s42(1) conditions
    *(case("CA-003", FAILED, lambda name=name, value=value: decided(**{name: value}), "$.decision.route",
           id=f"{name}-{value}")
      for name in ("has_care_and_support_needs", "experiencing_or_at_risk_of_abuse", "unable_to_protect_self")
      for value in (False, None)),
    case("CA-003", PASSED, decided, id="all-met"),
    case("CA-003", PASSED, concluded_s42, id="concluded"),
    case("CA-003", NA, lambda: decided(unable_to_protect_self=False, route=EnquiryRoute.OTHER_ENQUIRY,
                                       other_enquiry_reason="Invented reason"), id="other-enquiry"),
    case("CA-003", NA, lambda: concern(stage=CaseStage.DECIDED), id="no-decision"),
    # CA-004 other enquiry reason
    case("CA-004", FAILED, lambda: decided(unable_to_protect_self=False, route=EnquiryRoute.OTHER_ENQUIRY),
         "$.decision.other_enquiry_reason", id="no-reason"),
    case("CA-004", PASSED, other_enquiry_concluded, id="reason"),
    case("CA-004", NA, decided, id="section-42"),
    # CA-005 exit route
    case("CA-005", FAILED, lambda: decided(unable_to_protect_self=False, route=EnquiryRoute.NO_ENQUIRY),
         "$.decision.exit_routes", id="no-exit-route"),
    case("CA-005", PASSED, no_enquiry_closed, id="exit-route"),
    case("CA-005", NA, decided, id="section-42"),
    # CA-006 all conditions met but no enquiry: a rationale (warning)
    case("CA-006", NA, lambda: decided(route=EnquiryRoute.OTHER_ENQUIRY, other_enquiry_reason="Invented reason"),
         id="other-enquiry-is-ca-017"),
    case("CA-006", FAILED, lambda: decided(route=EnquiryRoute.NO_ENQUIRY, exit_routes=(ExitRoute.NO_ACTION,)),
         "$.decision.route", id="met-but-no-enquiry"),
    case("CA-006", PASSED, lambda: decided(route=EnquiryRoute.NO_ENQUIRY, exit_routes=(ExitRoute.POLICE_REFERRAL,),
                                           rationale="Invented rationale"), id="rationale"),
    case("CA-006", NA, decided, id="section-42"),
    case("CA-006", NA, no_enquiry_closed, id="condition-not-met"),
    case("CA-006", NA, lambda: decided(route=None), id="no-route-yet"),
    # CA-017 an other enquiry with all three conditions met is a misclassified s42 enquiry (error)
    case("CA-017", FAILED, lambda: decided(route=EnquiryRoute.OTHER_ENQUIRY, other_enquiry_reason="Invented reason"),
         "$.decision.route", id="met-but-other-enquiry"),
    case("CA-017", FAILED, lambda: decided(route=EnquiryRoute.OTHER_ENQUIRY, other_enquiry_reason="Invented reason",
                                           rationale="Invented rationale"),
         "$.decision.route", id="a-rationale-does-not-reclassify"),
    case("CA-017", PASSED, other_enquiry_concluded, id="other-enquiry-c-not-met"),
    case("CA-017", NA, decided, id="section-42"),
    case("CA-017", NA, lambda: decided(route=EnquiryRoute.NO_ENQUIRY, exit_routes=(ExitRoute.NO_ACTION,)),
         id="no-enquiry-is-ca-006"),
    # CA-007 who decided
    case("CA-007", FAILED, lambda: decided(decided_by=None), "$.decision.decided_by", id="unrecorded"),
    case("CA-007", PASSED, decided, id="recorded"),
    case("CA-007", NA, lambda: concern(stage=CaseStage.DECIDED), id="no-decision"),
    # CA-008 enquiry start and type
    case("CA-008", FAILED, lambda: attrs.evolve(decided(), stage=CaseStage.ENQUIRY),
         "$.enquiry.started_on", "$.enquiry.enquiry_type", id="no-enquiry-record"),
    case("CA-008", FAILED, lambda: concluded_s42(enquiry=s42_enquiry(started_on=None)), "$.enquiry.started_on",
         id="no-start"),
    case("CA-008", FAILED, lambda: concluded_s42(enquiry=s42_enquiry(enquiry_type=None)), "$.enquiry.enquiry_type",
         id="no-type"),
    case("CA-008", PASSED, concluded_s42, id="section-42"),
    case("CA-008", PASSED, other_enquiry_concluded, id="other-enquiry"),
    case("CA-008", NA, no_enquiry_closed, id="no-enquiry"),
    case("CA-008", NA, decided, id="before-enquiry"),
    # CA-009 the s68 test recorded for a s42 enquiry
    case("CA-009", FAILED, lambda: advocacy_case(None), "$.advocacy", id="not-recorded"),
    case("CA-009", FAILED, lambda: advocacy_case(AdvocacyAssessment(assessed_on=STARTED)), "$.advocacy",
         id="no-area-answered"),
    case("CA-009", PASSED, concluded_s42, id="no-difficulty"),
    case("CA-009", PASSED, lambda: advocacy_case(AdvocacyAssessment(difficulty_communicating=True)),
         id="one-area-answered"),
    case("CA-009", NA, lambda: other_enquiry_concluded(advocacy=None), id="other-enquiry"),
    # CA-010 s68: substantial difficulty AND no appropriate person => an independent advocate
    case("CA-010", FAILED, lambda: advocacy_case(s68(appropriate_person_available=False)), "$.adult.advocates",
         id="difficulty-no-appropriate-person"),
    case("CA-010", FAILED, lambda: advocacy_case(s68(appropriate_person_available=None)), "$.adult.advocates",
         id="difficulty-appropriate-person-not-established"),
    case("CA-010", FAILED, lambda: advocacy_case(s68(appropriate_person_available=False), IMCA), "$.adult.advocates",
         id="an-imca-is-not-a-care-act-advocate"),
    case("CA-010", PASSED, lambda: advocacy_case(s68(appropriate_person_available=False), CARE_ACT_ADVOCATE),
         id="advocate-arranged"),
    case("CA-010", NA, lambda: advocacy_case(s68()), id="difficulty-but-appropriate-person"),
    case("CA-010", NA, lambda: advocacy_case(s68(difficulty_understanding=False, difficulty_using_or_weighing=False,
                                                 appropriate_person_available=False)),
         id="no-difficulty-no-appropriate-person"),
    case("CA-010", NA, lambda: advocacy_case(s68(difficulty_understanding=None, difficulty_retaining=None,
                                                 difficulty_using_or_weighing=None, difficulty_communicating=None,
                                                 appropriate_person_available=False)),
         id="difficulty-not-assessed"),
    case("CA-010", NA, lambda: other_enquiry_concluded(advocacy=s68(appropriate_person_available=False)),
         id="other-enquiry"),
    # CA-011 the appropriate person is unpaid and not a professional, s67(5)(b)
    case("CA-011", FAILED, lambda: advocacy_case(s68()), "$.advocacy.appropriate_person_available",
         id="no-representative"),
    case("CA-011", FAILED, lambda: advocacy_case(s68(), adult=adult(representatives=(
        representative(paid_or_professional=True),))), "$.advocacy.appropriate_person_available", id="paid-carer"),
    case("CA-011", FAILED, lambda: advocacy_case(s68(), adult=adult(representatives=(
        representative(involved=False),))), "$.advocacy.appropriate_person_available", id="not-involved"),
    case("CA-011", PASSED, lacking_s42, id="unpaid-family-member"),
    case("CA-011", NA, concluded_s42, id="appropriate-person-not-answered"),
    case("CA-011", NA, lambda: advocacy_case(s68(appropriate_person_available=False), CARE_ACT_ADVOCATE),
         id="no-appropriate-person"),
    # CA-018 an adult with capacity declined an advocate: reason, and a flag for review (warning)
    case("CA-018", FAILED, lambda: advocacy_case(s68(appropriate_person_available=False, advocate_declined=True)),
         "$.advocacy.advocate_declined_reason", id="declined-no-reason"),
    case("CA-018", PASSED, lambda: advocacy_case(s68(appropriate_person_available=False, advocate_declined=True),
                                                 CARE_ACT_ADVOCATE), id="accepted-an-advocate-after-all"),
    case("CA-018", NA, lambda: advocacy_case(s68(appropriate_person_available=False), CARE_ACT_ADVOCATE),
         id="not-declined"),
    # CA-019 the records of a death agree
    case("CA-019", FAILED, lambda: sar_closed(sar(), date_of_death=DIED), "$.closure.sar.adult_died",
         id="sar-says-alive-date-of-death-recorded"),
    case("CA-019", PASSED, lambda: sar_closed(sar(adult_died=True), date_of_death=DIED), id="agree"),
    case("CA-019", NA, lambda: sar_closed(None), id="no-sar-record"),
    # CA-012 SAR considered at closure
    case("CA-012", FAILED, lambda: sar_closed(None), "$.closure.sar.considered", id="not-recorded"),
    case("CA-012", FAILED, lambda: sar_closed(sar(considered=False)), "$.closure.sar.considered",
         id="not-considered"),
    case("CA-012", PASSED, closed_s42, id="considered"),
    case("CA-012", NA, no_enquiry_closed, id="no-enquiry"),
    case("CA-012", NA, concluded_s42, id="not-closed"),
    # CA-013 s44(1): joint-working concern AND (condition 1 OR condition 2)
    case("CA-013", FAILED, lambda: sar_closed(sar(joint_working_concern=True, adult_died=True,
                                                  death_from_abuse_or_neglect_suspected=True)),
         "$.closure.sar.referred", id="condition-1"),
    case("CA-013", FAILED, lambda: sar_closed(sar(joint_working_concern=True, adult_died=None,
                                                  death_from_abuse_or_neglect_suspected=True),
                                              date_of_death=DIED),
         "$.closure.sar.referred", id="condition-1-death-on-adult-record"),
    case("CA-013", FAILED, lambda: sar_closed(sar(joint_working_concern=True, serious_abuse_or_neglect_suspected=True)),
         "$.closure.sar.referred", id="condition-2"),
    case("CA-013", FAILED, lambda: sar_closed(sar(joint_working_concern=True, serious_abuse_or_neglect_suspected=True,
                                                  referred=False)),
         "$.closure.sar.referred", id="condition-2-not-referred-no-reason"),
    case("CA-013", PASSED, lambda: sar_closed(sar(joint_working_concern=True, serious_abuse_or_neglect_suspected=True,
                                                  referred=True)), id="referred"),
    case("CA-013", PASSED, lambda: sar_closed(sar(joint_working_concern=True, adult_died=True,
                                                  death_from_abuse_or_neglect_suspected=True, referred=False,
                                                  reason="Invented reason")),
         id="not-referred-with-reason"),
    case("CA-013", NA, closed_s42, id="no-joint-working-concern"),
    case("CA-013", NA, lambda: sar_closed(sar(joint_working_concern=False, adult_died=True,
                                              death_from_abuse_or_neglect_suspected=True)),
         id="condition-1-without-joint-working-concern"),
    case("CA-013", NA, lambda: sar_closed(sar(joint_working_concern=True, adult_died=True,
                                              death_from_abuse_or_neglect_suspected=False,
                                              serious_abuse_or_neglect_suspected=True)),
         id="died-death-not-from-abuse"),
    case("CA-013", NA, lambda: sar_closed(sar(joint_working_concern=True, adult_died=None,
                                              death_from_abuse_or_neglect_suspected=False,
                                              serious_abuse_or_neglect_suspected=True),
                                          date_of_death=DIED),
         id="died-on-adult-record-condition-2-needs-alive"),
    case("CA-013", NA, lambda: sar_closed(sar(joint_working_concern=True, serious_abuse_or_neglect_suspected=False)),
         id="alive-no-serious-abuse"),
    case("CA-013", NA, lambda: sar_closed(None), id="no-sar-record"),
    # CA-014 the adult died: the s44 questions are answered at closure
    case("CA-014", FAILED, lambda: sar_closed(None, date_of_death=DIED), "$.closure.sar.considered",
         id="died-no-sar-record"),
    case("CA-014", FAILED, lambda: sar_closed(sar(considered=None, adult_died=True)), "$.closure.sar.considered",
         id="died-not-considered"),
    case("CA-014", FAILED, lambda: sar_closed(SafeguardingAdultsReview(considered=True, adult_died=True)),
         "$.closure.sar.joint_working_concern", "$.closure.sar.death_from_abuse_or_neglect_suspected",
         id="died-questions-unanswered"),
    case("CA-014", PASSED, lambda: sar_closed(sar(adult_died=True, death_from_abuse_or_neglect_suspected=False),
                                              date_of_death=DIED), id="answered"),
    case("CA-014", NA, closed_s42, id="alive"),
    case("CA-014", NA, lambda: concluded_s42(adult=adult(date_of_death=DIED)), id="not-closed"),
    # CA-015 immediate safety
    case("CA-015", FAILED, lambda: concern(stage=CaseStage.INFORMATION_GATHERING), "$.immediate_safety",
         id="not-recorded"),
    case("CA-015", FAILED, lambda: concluded_s42(immediate_safety=ImmediateSafety(action_taken="Invented action")),
         "$.immediate_safety", id="neither-date-nor-answer"),
    case("CA-015", PASSED, lambda: concern(stage=CaseStage.INFORMATION_GATHERING,
                                           immediate_safety=ImmediateSafety(action_needed=True)), id="answered"),
    case("CA-015", PASSED, concluded_s42, id="assessed"),
    case("CA-015", NA, concern, id="just-received"),
    # CA-016 closure date and reason
    case("CA-016", FAILED, lambda: closed_s42(closure=None), "$.closure.closed_on", "$.closure.reason",
         id="no-closure-record"),
    case("CA-016", FAILED, lambda: closed_s42(closure=closure(reason=None)), "$.closure.reason", id="no-reason"),
    case("CA-016", FAILED, lambda: closed_s42(closure=closure(closed_on=None)), "$.closure.closed_on", id="no-date"),
    case("CA-016", PASSED, closed_s42, id="recorded"),
    case("CA-016", NA, concluded_s42, id="not-closed"),
    # -- issue 13: the legal-literacy core (more cases in test_legal_core.py) -------------------------
    case("CA-020", FAILED, refused, "$.consent.acting_without_consent", id="refused-nothing-recorded"),
    case("CA-020", PASSED, lambda: refused(acting()), id="ground-and-decision-maker"),
    case("CA-020", NA, concluded_s42, id="consent-not-refused"),
    case("CA-021", FAILED, lambda: refused(acting(adult_told=None)), "$.consent.acting_without_consent.adult_told",
         id="not-told"),
    case("CA-021", PASSED, lambda: refused(acting()), id="told"),
    case("CA-021", NA, concluded_s42, id="no-decision"),
    case("CA-022", FAILED, lambda: concluded_s42(crime=crime(police_informed_on=None)), "$.crime.police_informed_on",
         id="crime-no-police"),
    case("CA-022", PASSED, lambda: concluded_s42(crime=crime()), id="police-told"),
    case("CA-022", NA, concluded_s42, id="no-crime"),
    case("CA-023", FAILED, lambda: with_people(paid_carer(position_of_trust=True)),
         "$.people_alleged[0].pipot_referred_on", id="pipot-not-referred"),
    case("CA-023", PASSED, lambda: with_people(paid_carer(position_of_trust=True, pipot_referred_on=STARTED)),
         id="pipot-referred"),
    case("CA-023", NA, concluded_s42, id="no-one-alleged"),
    case("CA-024", FAILED, lambda: with_people(paid_carer()), "$.people_alleged[0].dbs_referred_on", id="not-referred"),
    case("CA-024", PASSED, lambda: with_people(paid_carer(dbs_referred_on=STARTED)), id="referred"),
    case("CA-024", NA, lambda: with_people(person()), id="family-member"),
    case("CA-025", FAILED, lambda: with_people(person(unpaid_carer=True)),
         "$.people_alleged[0].carers_assessment_considered", id="not-considered"),
    case("CA-025", PASSED, lambda: with_people(person(unpaid_carer=True, carers_assessment_considered=True)),
         id="considered"),
    case("CA-025", NA, concluded_s42, id="no-one-alleged"),
    case("CA-026", FAILED, lambda: closed_s42(children=UNREFERRED), "$.children.referred_on", id="unanswered"),
    case("CA-026", PASSED, lambda: closed_s42(children=attrs.evolve(UNREFERRED, referred_on=STARTED)), id="referred"),
    case("CA-026", NA, lambda: concluded_s42(children=UNREFERRED), id="not-closed"),
    case("CA-027", FAILED, lambda: concluded_s42(children=UNREFERRED), "$.children.referred_on", id="unanswered"),
    case("CA-027", PASSED, lambda: concluded_s42(children=attrs.evolve(UNREFERRED, referred_on=STARTED)),
         id="referred"),
    case("CA-027", NA, lambda: closed_s42(children=UNREFERRED), id="closed"),
    case("CA-028", FAILED, lambda: with_people(partner(marac_referred_on=None)),
         "$.people_alleged[0].domestic_abuse.marac_referred_on", id="high-risk-not-referred"),
    case("CA-028", PASSED, lambda: with_people(partner()), id="referred"),
    case("CA-028", NA, concluded_s42, id="no-domestic-abuse"),
    case("CA-029", FAILED, lambda: with_people(partner(personally_connected=False)),
         "$.people_alleged[0].domestic_abuse.personally_connected", id="not-connected"),
    case("CA-029", PASSED, lambda: with_people(partner()), id="partner"),
    case("CA-029", NA, concluded_s42, id="no-domestic-abuse"),
    case("CA-030", FAILED, lambda: with_people(partner(assessed_on=None, marac_referred_on=date(2025, 5, 1))),
         "$.people_alleged[0].domestic_abuse.marac_referred_on", id="before-concern"),
    case("CA-030", PASSED, lambda: with_people(partner()), id="after-concern"),
    case("CA-030", NA, concluded_s42, id="no-referral"),
    case("CA-031", FAILED, lambda: made_by_provider(caused(**NO_REPORT)), "$.enquiry.caused.report_received_on",
         id="caused-enquiry-no-report"),
    case("CA-031", PASSED, made_by_provider, id="report-received-and-checked"),
    case("CA-031", NA, concluded_s42, id="made-by-the-council"),
    case("CA-032", FAILED, lambda: made_by_provider(caused(scope=None)), "$.enquiry.caused.scope", id="no-scope"),
    case("CA-032", PASSED, made_by_provider, id="scope-and-timescale"),
    case("CA-032", NA, concluded_s42, id="made-by-the-council"),
    case("CA-033", FAILED, lambda: concluded_s42(provider=care_home(cqc_informed_on=None)),
         "$.provider.cqc_informed_on", id="cqc-not-told"),
    case("CA-033", PASSED, lambda: concluded_s42(provider=care_home()), id="told"),
    case("CA-033", NA, concluded_s42, id="no-provider"),
    case("CA-034", FAILED, lambda: concluded_s42(provider=care_home(cqc_location_id=None, cqc_provider_id=None)),
         "$.provider.cqc_location_id", id="no-identifier"),
    case("CA-034", PASSED, lambda: concluded_s42(provider=care_home()), id="identified"),
    case("CA-034", NA, concluded_s42, id="no-provider"),
    case("CA-035", FAILED, lambda: concluded_s42(organisational_enquiry=organisational(
        started_on=date(2025, 4, 1), ended_on=date(2025, 5, 1))), "$.organisational_enquiry.ended_on",
         id="ended-before-received"),
    case("CA-035", PASSED, lambda: concluded_s42(organisational_enquiry=organisational()), id="ended-after"),
    case("CA-035", NA, concluded_s42, id="no-organisational-enquiry"),
    case("MCA-017", FAILED, lambda: on_lack_of_capacity("CD-2", has_capacity()),
         "$.consent.acting_without_consent.capacity_decision_id", id="names-has-capacity"),
    case("MCA-017", PASSED, lambda: on_lack_of_capacity("CD-1", lacks_capacity()), id="names-lacks-capacity"),
    case("MCA-017", NA, lambda: refused(acting()), id="other-ground"),
    case("MCA-018", FAILED, ceased_lacking, "$.history", id="no-reason-for-ceasing"),
    case("MCA-018", PASSED, lambda: ceased_lacking(capacity_decisions=(ceasing_decision(
        best_interests=best_interests()),)), id="best-interests"),
    case("MCA-018", NA, lambda: closed_s42(capacity_decisions=(ceasing_decision(),)), id="not-ceased"),
    case("MCA-019", FAILED, deprived, "$.liberty.authorisation", id="nothing-recorded"),
    case("MCA-019", PASSED, lambda: concluded_s42(liberty=liberty()), id="authorised"),
    case("MCA-019", NA, lambda: deprived(stage=CaseStage.ENQUIRY), id="enquiry-stage"),
    case("MCA-020", FAILED, lambda: deprived(applied_on=STARTED), "$.liberty.authorisation", id="pending"),
    case("MCA-020", PASSED, lambda: concluded_s42(liberty=liberty()), id="authorised"),
    case("MCA-020", NA, concluded_s42, id="no-liberty-record"),
    case("MCA-021", FAILED, lambda: deprived(authorisation=LibertyAuthorisation.NONE), "$.liberty.authorisation",
         id="not-authorised"),
    case("MCA-021", PASSED, lambda: concluded_s42(liberty=liberty()), id="authorised"),
    case("MCA-021", NA, concluded_s42, id="no-liberty-record"),
]
# fmt: on


@pytest.mark.parametrize(("code", "make", "status", "paths"), CASES)
def test_rule(code: str, make: Callable[[], Concern], status: Status, paths: tuple[str, ...]) -> None:
    report = validate(make(), rules=[code])
    assert report.status_of(code) is status
    assert not report.errored
    assert [f.path for f in report.findings if f.code == code] == list(paths)
    assert all(f.severity is get_rule(code).severity for f in report.findings)
    if status is FAILED:
        assert paths, "a failing row must name its finding paths"


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_failing_a_passing_and_a_not_applicable_row(code: str) -> None:
    assert statuses_by_code(CASES).get(code) == {FAILED, PASSED, NA}


def test_the_families_are_exactly_the_rules_tested_here() -> None:
    registered = {r.code for r in registered_rules() if r.family in {"MCA", "CA"}}
    assert registered == set(CODES)


@pytest.mark.parametrize("code", ["CA-003", "CA-013", "CA-014"])
def test_guard_rules_are_errors(code: str) -> None:
    assert get_rule(code).severity is Severity.ERROR


def test_mca_015_is_retired_and_closure_is_lawful() -> None:
    """Closing for an adult found to lack capacity for one decision, with no best-interests decision
    and no one involved, is lawful (MCA s1(5), s4, s2(1)): nothing blocks, and the code is never reused."""
    record = lacking_closed(lacks_capacity(best_interests=None), adult=adult())
    assert "MCA-015" not in {f.code for f in validate(record).findings}
    assert [r.code for r in retired_rules()] == ["MCA-015"]
    (gone,) = retired_rules()
    assert "s4" in gone.reason
    assert "s2(1)" in gone.reason
    with pytest.raises(KeyError):
        get_rule("MCA-015")
    reuse = Rule(
        code="MCA-015",
        title="Reused",
        severity=Severity.ADVICE,
        stages=frozenset(STAGE_ORDER),
        reference="Local policy",
        basis=Basis.LOCAL_PRACTICE,
        check=lambda c: (),
    )
    with pytest.raises(ValueError, match="retired"):
        register(reuse)
    assert "MCA-015" in catalogue("markdown").split("## Retired codes")[1]
    assert json.loads(catalogue("json"))["retired"][0]["code"] == "MCA-015"


def test_guard_findings_block_the_record() -> None:
    record = lacking_closed(
        lacks_capacity(best_interests=None),
        adult=adult(date_of_death=DIED),
        decision=s42_decision(unable_to_protect_self=None),
        closure=closure(
            sar=SafeguardingAdultsReview(adult_died=True, joint_working_concern=True),
        ),
    )
    report = validate(record, rules=["CA-003", "CA-013", "CA-014"])
    assert {f.code for f in report.errors} == {"CA-003", "CA-014"}
    assert report.status_of("CA-013") is NA  # death from abuse not suspected (unanswered): CA-014 asks
    assert report.has_errors
    assert not report.ok


def _every_code_at(record: Concern) -> dict[str, Status]:
    return dict(validate(record, rules=CODES).outcomes)


@pytest.mark.parametrize(
    "make",
    [lacking_s42, lacking_closed, attorney_decides, concluded_s42, closed_s42, other_enquiry_concluded],
    ids=["lacking-capacity", "lacking-capacity-closed", "attorney-decides", "s42", "s42-closed", "other-enquiry"],
)
def test_good_practice_passes_every_rule(make: Callable[[], Concern]) -> None:
    report = validate(make())
    assert report.findings == ()
    assert not report.errored
    assert report.ok


def test_good_practice_lacking_capacity_exercises_the_mca_rules() -> None:
    outcomes = _every_code_at(lacking_closed())
    assert {code for code in MCA_CODES if outcomes[code] is PASSED} == set(MCA_CODES) - {
        "MCA-005",
        "MCA-011",
        "MCA-013",
        "MCA-016",
        "MCA-017",  # no decision to act without consent
        "MCA-018",  # not ceased at the adult's request
        "MCA-019",  # no deprivation of liberty
        "MCA-020",
        "MCA-021",
    }


# -- messages never carry personal data ----------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _failing_reports() -> Iterator[Any]:
    for param in CASES:
        code, make, status, _ = param.values
        if status is FAILED:
            yield validate(make(), rules=[code])


def test_messages_carry_no_personal_value() -> None:
    findings = [f for report in _failing_reports() for f in report.findings]
    assert findings
    for f in findings:
        assert "Invented" not in f.message
        assert not _DATE.search(f.message)
        assert "P-000" not in f.message
        assert f.message.strip()
        assert f.reference.strip()


def test_a_failed_rule_reports_the_same_message_whatever_the_personal_text() -> None:
    plain = lacking_s42(lacks_capacity(considered_unwise=True, causal_link_evidence=None))
    other = lacking_s42(
        lacks_capacity(
            considered_unwise=True,
            causal_link_evidence=None,
            decision="Invented other decision",
            impairment_description="Invented other impairment",
        ),
    )
    messages = [[f.message for f in validate(r, rules=MCA_CODES).findings] for r in (plain, other)]
    assert messages[0] == messages[1]
    assert messages[0]


# -- robustness ----------------------------------------------------------------


@given(record=concerns(), stage=st.sampled_from(STAGE_ORDER))
def test_rules_never_raise_and_locate_every_finding(record: Concern, stage: CaseStage) -> None:
    report = validate(record, stage=stage, rules=CODES)
    assert report.errored == {}
    assert len(report.outcomes) == len(CODES)
    for f in report.findings:
        assert f.path.startswith("$"), f
        assert f.code in CODES


@pytest.mark.parametrize("stage", STAGE_ORDER, ids=[s.code for s in STAGE_ORDER])
def test_a_bare_draft_never_crashes_a_rule(stage: CaseStage) -> None:
    report = validate(concern(), stage=stage, rules=CODES)
    assert not report.errored
    assert all(s is not Status.ERRORED for s in report.statuses)


# -- the s44 and s68 tests as truth tables --------------------------------------

S44_QUESTIONS = (
    "joint_working_concern",
    "adult_died",
    "death_from_abuse_or_neglect_suspected",
    "serious_abuse_or_neglect_suspected",
)
"""The SAR record's answers to the s44 questions, in the order the truth table varies them."""


@pytest.mark.parametrize("joint", [True, False, None])
@pytest.mark.parametrize("died", [True, False, None])
@pytest.mark.parametrize("death_from_abuse", [True, False, None])
@pytest.mark.parametrize("serious_abuse", [True, False, None])
def test_ca013_applies_exactly_when_s44_may_require_a_review(
    joint: bool | None, died: bool | None, death_from_abuse: bool | None, serious_abuse: bool | None
) -> None:
    answers = (joint, died, death_from_abuse, serious_abuse)
    review = SafeguardingAdultsReview(considered=True, **dict(zip(S44_QUESTIONS, answers, strict=True)))
    condition_1 = died is True and death_from_abuse is True
    condition_2 = died is not True and serious_abuse is True
    mandatory = joint is True and (condition_1 or condition_2)
    status = validate(sar_closed(review), rules=["CA-013"]).status_of("CA-013")
    assert status is (FAILED if mandatory else NA)


@pytest.mark.parametrize("difficulty", [True, False, None])
@pytest.mark.parametrize("appropriate_person", [True, False, None])
def test_ca010_requires_an_advocate_only_with_difficulty_and_no_appropriate_person(
    difficulty: bool | None, appropriate_person: bool | None
) -> None:
    assessment = AdvocacyAssessment(difficulty_retaining=difficulty, appropriate_person_available=appropriate_person)
    status = validate(advocacy_case(assessment), rules=["CA-010"]).status_of("CA-010")
    required = difficulty is True and appropriate_person is not True
    assert status is (FAILED if required else NA)


CITE_PUBLISHED_SOURCES_ONLY = {"CA-001"}
"""Rules whose references were rewritten to cite only published sources (issue 12 adds the rest)."""


def test_rule_codes_and_metadata() -> None:
    for code in CODES:
        rule = get_rule(code)
        assert rule.reference.strip()
        assert rule.fields
        assert rule.record_type is Concern
        if code in CITE_PUBLISHED_SOURCES_ONLY:
            assert "reference.md" not in rule.reference
            assert "seed" not in rule.reference.lower()
