"""Safeguarding across organisations (issue 14): enquiries caused to be made by other organisations, the
providers a concern is about, organisational enquiries, concerns ended as duplicates or withdrawn,
meetings, and escalation at any stage.

Each case is a record built the way a practitioner records the situation: the lawful case passes, the
gap fails at its exact paths, and a case the rule is not about is not applicable. The new rules are
warnings or advice, but for CA-031 (a section 42 enquiry made by another organisation concluded on a
report the council has not received or checked), which rests on Care Act 2014 s42(2) and blocks
conclusion. All records are synthetic; every free text starts "Invented".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from msp import (
    Attendee,
    CausedEnquiry,
    ConcernLink,
    Contact,
    Escalation,
    Meeting,
    OrganisationalEnquiry,
    ProfessionalCuriosity,
    ProviderInvolved,
    RiskPlan,
)
from msp.codes import (
    CaseStage,
    EnquiryType,
    ExitRoute,
    LinkReason,
    MeetingKind,
    OrganisationKind,
    QualityCheckOutcome,
)
from msp.errors import TransitionRefused
from msp.model.concern import Concern
from msp.rules import Basis, Severity, Status, get_rule, validate
from msp.rules.facts import escalated_or_managed, escalations_of, regulated_provider
from msp.workflow import steps as wf
from tests.builders import (
    CLOSED,
    DECIDED,
    RECEIVED,
    STARTED,
    WORKER,
    at,
    case,
    ceased_at_request,
    closed_s42,
    concern,
    concluded_s42,
    ending_data,
    no_enquiry_closed,
    no_enquiry_decision,
    other_enquiry_concluded,
    reach,
    s42_enquiry,
    statuses_by_code,
)

FAILED = Status.FAILED
PASSED = Status.PASSED
NA = Status.NOT_APPLICABLE

NEW_CODES = (
    *(f"CA-{n:03d}" for n in range(31, 36)),
    *(f"MSP-{n:03d}" for n in range(35, 38)),
)
ERRORS = {"CA-031"}
ADVICE = {"CA-034", "MSP-037"}
CAUSED = "$.enquiry.caused"
LOCATION = "1-123456789"
REPORTED = date(2025, 8, 1)


# -- parts, recorded as a practitioner records them ----------------------------------------------


def caused(**overrides: Any) -> CausedEnquiry:
    """An enquiry the council asked a care home to make: scope and timescale agreed, the report received
    and accepted by the safeguarding manager."""
    base = CausedEnquiry(
        organisation_kind=OrganisationKind.CARE_HOME,
        organisation_id=LOCATION,
        scope="Invented scope of the provider's enquiry",
        requested_on=STARTED,
        due_on=STARTED + timedelta(days=28),
        report_received_on=REPORTED,
        quality_check=QualityCheckOutcome.ACCEPTED,
        checked_on=REPORTED + timedelta(days=2),
        checked_by="Safeguarding adults manager",
    )
    return attrs.evolve(base, **overrides)


NO_REPORT = {"report_received_on": None, "quality_check": None, "checked_on": None}
NOT_CHECKED = {"quality_check": None, "checked_on": None}


def made_by_provider(record: CausedEnquiry | None = None, **overrides: Any) -> Concern:
    """:func:`concluded_s42`, the enquiry made by the care home at the council's request (``record``)."""
    return concluded_s42(enquiry=s42_enquiry(caused=record or caused()), **overrides)


def care_home(**overrides: Any) -> ProviderInvolved:
    """A care home identified by its CQC ids; CQC and the commissioners told on the day of the decision."""
    base = ProviderInvolved(
        kind=OrganisationKind.CARE_HOME,
        cqc_location_id=LOCATION,
        cqc_provider_id="1-987654321",
        cqc_informed_on=DECIDED,
        commissioners_informed_on=DECIDED,
    )
    return attrs.evolve(base, **overrides)


def organisational(**overrides: Any) -> OrganisationalEnquiry:
    """The organisational enquiry into the care home: started the day of the decision, ended at closure."""
    base = OrganisationalEnquiry(
        enquiry_id="OE-1",
        lead="Safeguarding adults team",
        cqc_location_id=LOCATION,
        started_on=DECIDED,
        ended_on=CLOSED,
    )
    return attrs.evolve(base, **overrides)


def meeting(**overrides: Any) -> Meeting:
    """A strategy meeting: who took part, by role and agency, and what was decided."""
    base = Meeting(
        kind=MeetingKind.STRATEGY_MEETING,
        held_on=DECIDED,
        attendees=(
            Attendee(role="Social worker", agency="The council"),
            Attendee(role="Registered manager", agency="The care home"),
        ),
        decisions=("Invented decision of the meeting",),
    )
    return attrs.evolve(base, **overrides)


def ended_as(*routes: ExitRoute, **decision: Any) -> Concern:
    """:func:`no_enquiry_closed`, its decision ending the concern by ``routes`` (with these decision fields)."""
    return no_enquiry_closed(decision=no_enquiry_decision(exit_routes=routes, **decision))


DUPLICATE = ExitRoute.DUPLICATE_OF_OPEN_CONCERN
WITHDRAWN = ExitRoute.WITHDRAWN
COERCION_NOT_ALONE: dict[str, Any] = {
    "curiosity": ProfessionalCuriosity(coercion_considered=True, coercion_suspected=True),
    "contact": Contact(
        spoken_to=True, seen_alone=False, not_seen_alone_reason="Invented reason", asked_who_to_involve=True
    ),
}
ESCALATED = Escalation(escalated_on=DECIDED, escalated_to="Line management")


# fmt: off
CASES = [
    # -- CA-031 (error): a caused enquiry concludes only on a report received and checked ----------------
    case("CA-031", FAILED, lambda: made_by_provider(caused(**NO_REPORT)), f"{CAUSED}.report_received_on",
         id="no-report"),
    case("CA-031", FAILED, lambda: made_by_provider(caused(**NOT_CHECKED)), f"{CAUSED}.quality_check",
         id="report-not-checked"),
    case("CA-031", FAILED, lambda: closed_s42(enquiry=s42_enquiry(caused=caused(**NOT_CHECKED))),
         f"{CAUSED}.quality_check", id="closed"),
    case("CA-031", PASSED, made_by_provider, id="received-and-accepted"),
    case("CA-031", PASSED, lambda: made_by_provider(caused(quality_check=QualityCheckOutcome.NOT_ACCEPTED)),
         id="not-accepted-the-council-enquires-further"),
    case("CA-031", NA, concluded_s42, id="made-by-the-council"),
    case("CA-031", NA, lambda: concluded_s42(stage=CaseStage.ENQUIRY,
                                             enquiry=s42_enquiry(concluded_on=None, caused=caused(**NO_REPORT))),
         id="before-conclusion"),
    case("CA-031", NA, lambda: ceased_at_request(enquiry=s42_enquiry(outcomes_achieved=None,
                                                                     caused=caused(**NO_REPORT))),
         id="ceased-at-the-adults-request"),
    case("CA-031", NA, lambda: other_enquiry_concluded(
        enquiry=s42_enquiry(enquiry_type=EnquiryType.OTHER, caused=caused(**NO_REPORT))), id="other-enquiry"),
    # -- CA-032: scope and timescale agreed ---------------------------------------------------------------
    case("CA-032", FAILED, lambda: made_by_provider(caused(scope=None, due_on=None)), f"{CAUSED}.scope",
         f"{CAUSED}.due_on", id="neither-agreed"),
    case("CA-032", FAILED, lambda: made_by_provider(caused(due_on=None), stage=CaseStage.ENQUIRY),
         f"{CAUSED}.due_on", id="no-timescale-during-the-enquiry"),
    case("CA-032", PASSED, made_by_provider, id="agreed"),
    case("CA-032", NA, concluded_s42, id="made-by-the-council"),
    case("CA-032", NA, lambda: made_by_provider(caused(scope=None), stage=CaseStage.DECIDED),
         id="before-the-enquiry"),
    # -- CA-033: CQC and the commissioners told about a regulated provider ------------------------------
    case("CA-033", FAILED, lambda: concluded_s42(provider=care_home(cqc_informed_on=None,
                                                                    commissioners_informed_on=None)),
         "$.provider.cqc_informed_on", "$.provider.commissioners_informed_on", id="neither-told"),
    case("CA-033", FAILED, lambda: concluded_s42(provider=ProviderInvolved(cqc_location_id=LOCATION,
                                                                           cqc_informed_on=DECIDED)),
         "$.provider.commissioners_informed_on", id="regulated-by-its-cqc-id"),
    case("CA-033", PASSED, lambda: concluded_s42(provider=care_home()), id="both-told"),
    case("CA-033", PASSED, lambda: concluded_s42(provider=care_home(kind=OrganisationKind.SUPPORTED_LIVING)),
         id="supported-living"),
    case("CA-033", NA, lambda: concluded_s42(provider=ProviderInvolved(kind=OrganisationKind.NHS_TRUST,
                                                                       ods_code="RXX")),
         id="nhs-trust"),
    case("CA-033", NA, lambda: concern(provider=care_home(cqc_informed_on=None)), id="before-the-decision"),
    case("CA-033", NA, concluded_s42, id="no-provider"),
    # -- CA-034 (advice): a provider identified by a public identifier -----------------------------------
    case("CA-034", FAILED, lambda: concern(provider=ProviderInvolved(kind=OrganisationKind.HOME_CARE)),
         "$.provider.cqc_location_id", id="home-care-no-id"),
    case("CA-034", FAILED, lambda: concern(provider=ProviderInvolved(kind=OrganisationKind.NHS_TRUST)),
         "$.provider.ods_code", id="nhs-trust-no-ods-code"),
    case("CA-034", FAILED, lambda: concern(provider=ProviderInvolved()), "$.provider.cqc_location_id",
         id="kind-not-recorded"),
    case("CA-034", PASSED, lambda: concern(provider=care_home()), id="cqc-ids"),
    case("CA-034", PASSED, lambda: concern(provider=ProviderInvolved(kind=OrganisationKind.GP_PRACTICE,
                                                                     ods_code="Y00001")), id="ods-code"),
    case("CA-034", NA, lambda: concern(provider=ProviderInvolved(kind=OrganisationKind.POLICE)), id="police"),
    case("CA-034", NA, concern, id="no-provider"),
    # -- CA-035: an organisational enquiry does not end before a concern in it was received --------------
    case("CA-035", FAILED, lambda: concluded_s42(organisational_enquiry=organisational(
        started_on=RECEIVED - timedelta(days=60), ended_on=RECEIVED - timedelta(days=1))),
         "$.organisational_enquiry.ended_on", id="ended-before-received"),
    case("CA-035", PASSED, lambda: closed_s42(organisational_enquiry=organisational()), id="ended-after"),
    case("CA-035", PASSED, lambda: concern(organisational_enquiry=organisational(
        started_on=RECEIVED, ended_on=RECEIVED)), id="ended-the-day-it-came-in"),
    case("CA-035", NA, lambda: concluded_s42(organisational_enquiry=organisational(ended_on=None)),
         id="still-open"),
    case("CA-035", NA, concluded_s42, id="no-organisational-enquiry"),
    # -- MSP-035: a duplicate names the open concern, not itself ------------------------------------------
    case("MSP-035", FAILED, lambda: ended_as(DUPLICATE), "$.decision.duplicate_of", id="names-no-concern"),
    case("MSP-035", FAILED, lambda: ended_as(DUPLICATE, duplicate_of="C-0001"), "$.decision.duplicate_of",
         id="names-itself"),
    case("MSP-035", FAILED, lambda: ended_as(ExitRoute.ADVICE_AND_GUIDANCE, duplicate_of="C-0000"),
         "$.decision.exit_routes", id="names-one-without-the-exit-route"),
    case("MSP-035", PASSED, lambda: ended_as(DUPLICATE, duplicate_of="C-0000"), id="names-the-open-concern"),
    case("MSP-035", NA, no_enquiry_closed, id="another-exit-route"),
    case("MSP-035", NA, concern, id="no-decision"),
    # -- MSP-036: a withdrawn concern records its rationale -----------------------------------------------
    case("MSP-036", FAILED, lambda: ended_as(WITHDRAWN), "$.decision.rationale", id="no-rationale"),
    case("MSP-036", PASSED, lambda: ended_as(WITHDRAWN, rationale="Invented rationale"), id="rationale"),
    case("MSP-036", NA, no_enquiry_closed, id="not-withdrawn"),
    # -- MSP-037 (advice): a meeting records who took part and what was decided ---------------------------
    case("MSP-037", FAILED, lambda: concluded_s42(meetings=(meeting(), meeting(attendees=(), decisions=()))),
         "$.meetings[1].attendees", "$.meetings[1].decisions", id="second-meeting-empty"),
    case("MSP-037", FAILED, lambda: concern(meetings=(meeting(decisions=()),)), "$.meetings[0].decisions",
         id="no-decision"),
    case("MSP-037", PASSED, lambda: concluded_s42(meetings=(meeting(),)), id="recorded"),
    case("MSP-037", NA, concluded_s42, id="no-meeting"),
    # -- MSP-018 reads escalations at any stage, and the plan's ---------------------------------------------
    case("MSP-018", PASSED, lambda: concluded_s42(escalations=(ESCALATED,), **COERCION_NOT_ALONE),
         id="escalated-before-the-plan"),
    case("MSP-018", PASSED, lambda: concluded_s42(
        escalations=(Escalation(risk_managed=True, reason="Invented reason"),), **COERCION_NOT_ALONE),
         id="managed-without-escalating"),
    case("MSP-018", PASSED, lambda: concluded_s42(plan=RiskPlan(escalation=ESCALATED), **COERCION_NOT_ALONE),
         id="escalated-in-the-plan"),
    case("MSP-018", FAILED, lambda: concluded_s42(escalations=(Escalation(reason="Invented reason"),),
                                                  **COERCION_NOT_ALONE),
         "$.plan.escalation", id="neither-when-nor-to-whom"),
    case("MSP-018", NA, lambda: concluded_s42(escalations=(ESCALATED,)), id="coercion-not-suspected"),
]
# fmt: on


@pytest.mark.parametrize(("code", "make", "status", "paths"), CASES)
def test_rule(code: str, make: Callable[[], Concern], status: Status, paths: tuple[str, ...]) -> None:
    report = validate(make(), rules=[code])
    assert report.status_of(code) is status
    assert not report.errored
    assert tuple(f.path for f in report.findings if f.code == code) == paths
    assert all(f.severity is get_rule(code).severity for f in report.findings)
    if status is FAILED:
        assert paths, "a failing row must name its finding paths"


@pytest.mark.parametrize("code", NEW_CODES)
def test_every_new_rule_fails_passes_and_does_not_apply(code: str) -> None:
    assert statuses_by_code(CASES).get(code) == {FAILED, PASSED, NA}


@pytest.mark.parametrize("code", NEW_CODES)
def test_severity_and_basis(code: str) -> None:
    """Only CA-031 is an error, resting on law; CA-034 and MSP-037 are advice; the rest warn."""
    rule = get_rule(code)
    if code in ERRORS:
        assert rule.severity is Severity.ERROR
        assert rule.basis is Basis.LAW
        assert "s42(2)" in rule.reference
    elif code in ADVICE:
        assert rule.severity is Severity.ADVICE
    else:
        assert rule.severity is Severity.WARNING
    assert rule.reference.strip()
    assert rule.fields


@pytest.mark.parametrize(
    ("code", "basis"),
    [
        ("CA-032", Basis.STATUTORY_GUIDANCE),
        ("CA-033", Basis.STATUTORY_GUIDANCE),
        ("CA-034", Basis.LOCAL_PRACTICE),
        ("CA-035", Basis.LOCAL_PRACTICE),
        ("MSP-035", Basis.LOCAL_PRACTICE),
        ("MSP-036", Basis.LOCAL_PRACTICE),
        ("MSP-037", Basis.LOCAL_PRACTICE),
    ],
)
def test_bases(code: str, basis: Basis) -> None:
    assert get_rule(code).basis is basis


def test_the_caused_enquiry_error_applies_from_conclusion_and_warns_before() -> None:
    assert get_rule("CA-031").stages == CaseStage.CONCLUDED.and_after()
    assert get_rule("CA-032").stages == CaseStage.ENQUIRY.and_after()
    assert "Regulations 2014 reg 13" in get_rule("CA-033").reference


def test_msp_018_reads_both_places() -> None:
    assert get_rule("MSP-018").fields == ("$.plan.escalation", "$.escalations")


# -- the whole record: good practice across organisations has no findings --------------------------------


def lawful_organisational() -> Concern:
    """A closed section 42 enquiry about a care home, one of an organisational enquiry into it: the home made
    the enquiry at the council's request, with scope and timescale agreed, and the council received and
    checked its report; CQC and the commissioners were told; a strategy meeting recorded who took part and
    what was decided; the concern is linked to another about the same location."""
    return closed_s42(
        provider=care_home(),
        organisational_enquiry=organisational(),
        links=(ConcernLink(concern_id="C-0002", reason=LinkReason.SAME_LOCATION),),
        enquiry=s42_enquiry(caused=caused()),
        meetings=(meeting(),),
        escalations=(ESCALATED,),
    )


def test_good_practice_across_organisations_has_no_new_findings() -> None:
    report = validate(lawful_organisational(), rules=NEW_CODES)
    assert report.findings == ()
    assert report.errored == {}
    for code in ("CA-031", "CA-032", "CA-033", "CA-034", "CA-035", "MSP-037"):
        assert report.status_of(code) is PASSED, code
    assert not validate(lawful_organisational()).errors


@pytest.mark.parametrize(
    "make",
    [concluded_s42, closed_s42, ceased_at_request, no_enquiry_closed, other_enquiry_concluded, concern],
    ids=["s42", "s42-closed", "ceased", "no-enquiry", "other-enquiry", "draft"],
)
def test_good_practice_builders_have_no_new_findings(make: Callable[[], Concern]) -> None:
    assert validate(make(), rules=NEW_CODES).findings == ()


# -- the workflow: what blocks and what only warns ----------------------------------------------------------


def _enquiry_made_by_provider(**changes: Any) -> Concern:
    """A section 42 enquiry under way, made by the care home at the council's request."""
    record = reach(CaseStage.ENQUIRY)
    assert record.enquiry is not None
    return attrs.evolve(record, enquiry=attrs.evolve(record.enquiry, caused=caused(**changes)))


def test_concluding_on_a_report_not_received_is_refused() -> None:
    record = _enquiry_made_by_provider(**NO_REPORT)
    with pytest.raises(TransitionRefused) as info:
        wf.conclude(record, actor=WORKER, at=at(27), **ending_data(record))
    assert [f.code for f in info.value.findings] == ["CA-031"]
    assert info.value.findings[0].path == f"{CAUSED}.report_received_on"


def test_concluding_on_a_report_received_and_checked_goes_ahead() -> None:
    record = _enquiry_made_by_provider(checked_on=date(2025, 6, 20), report_received_on=date(2025, 6, 18))
    concluded = wf.conclude(record, actor=WORKER, at=at(27), **ending_data(record))
    assert concluded.stage is CaseStage.CONCLUDED


def test_ceasing_at_the_adults_request_is_never_blocked_by_the_partners_report() -> None:
    record = _enquiry_made_by_provider(**NO_REPORT)
    data = ending_data(record)
    data["enquiry"] = attrs.evolve(data["enquiry"], outcomes_achieved=None)
    ceased = wf.cease_at_adults_request(record, actor=WORKER, at=at(20), **data)
    assert ceased.stage is CaseStage.CEASED_AT_ADULTS_REQUEST


def test_an_untold_regulator_only_warns() -> None:
    report = validate(concluded_s42(provider=care_home(cqc_informed_on=None, commissioners_informed_on=None)))
    assert {f.code for f in report.warnings} >= {"CA-033"}
    assert not report.errors


# -- derivations ---------------------------------------------------------------------------------------------


class TestDerivations:
    """The shared facts the new rules use."""

    def test_regulated_provider(self) -> None:
        assert regulated_provider(care_home())
        assert regulated_provider(ProviderInvolved(kind=OrganisationKind.DAY_SERVICE))
        assert regulated_provider(ProviderInvolved(cqc_location_id=LOCATION))
        assert not regulated_provider(ProviderInvolved(kind=OrganisationKind.NHS_TRUST, ods_code="RXX"))
        assert not regulated_provider(ProviderInvolved())

    def test_escalations_at_any_stage_come_before_the_plans(self) -> None:
        in_plan = Escalation(reason="Invented reason")
        record = concluded_s42(escalations=(ESCALATED,), plan=RiskPlan(escalation=in_plan))
        assert escalations_of(record) == (ESCALATED, in_plan)
        assert escalated_or_managed(record)
        assert not escalated_or_managed(concluded_s42(plan=RiskPlan(escalation=in_plan)))
        assert escalations_of(concluded_s42(plan=None)) == ()


# -- messages never carry personal data ----------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_messages_carry_no_personal_value() -> None:
    findings = [
        f
        for param in CASES
        if param.values[2] is FAILED
        for f in validate(param.values[1](), rules=[param.values[0]]).findings
    ]
    assert findings
    for f in findings:
        assert "Invented" not in f.message
        assert not _DATE.search(f.message)
        for ident in (LOCATION, "1-987654321", "OE-1", "C-0000", "C-0001", "A-0001", "RXX"):
            assert ident not in f.message
        assert f.message.strip()
