"""The legal-literacy records: people alleged to have caused harm, domestic abuse, crime, children,
liberty, pauses and acting without consent. Shapes are checked at construction, located by path."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import msp
from msp import (
    ActingWithoutConsent,
    ChildrenAtRisk,
    Consent,
    CrimeAndPolice,
    DeprivationOfLiberty,
    DomesticAbuse,
    EnquiryPause,
    PersonAllegedToHaveCausedHarm,
)
from msp.codes import (
    ConsentGround,
    ConsentStatus,
    CrimeKind,
    DomesticAbuseRiskLevel,
    DomesticAbuseRiskTool,
    LibertyAuthorisation,
    Relationship,
)
from msp.convert import migrate
from msp.errors import InvalidRecord
from msp.model.spec import spec_of
from tests.builders import STARTED, concluded_s42

MAY = date(2025, 5, 2)
JUNE = date(2025, 6, 2)


def _paths(build: object) -> list[str]:
    with pytest.raises(InvalidRecord) as caught:
        build()  # type: ignore[operator]
    return [p.path for p in caught.value.problems]


class TestShapes:
    """Dates that cannot be true are refused where the record is built, with their paths."""

    def test_marac_before_the_risk_assessment(self) -> None:
        assert _paths(lambda: DomesticAbuse(assessed_on=JUNE, marac_referred_on=MAY)) == ["$.marac_referred_on"]

    def test_authorised_before_applied(self) -> None:
        assert _paths(lambda: DeprivationOfLiberty(applied_on=JUNE, authorised_on=MAY)) == ["$.authorised_on"]

    def test_resumed_before_paused(self) -> None:
        assert _paths(lambda: EnquiryPause(paused_on=JUNE, resumed_on=MAY)) == ["$.resumed_on"]

    def test_a_pause_needs_its_date(self) -> None:
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict(
                {**msp.to_dict(concluded_s42()), "pauses": [{"reason": "Police investigation"}]},
            )
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-MISSING", "$.pauses[0].paused_on")]

    def test_a_person_alleged_needs_an_id(self) -> None:
        with pytest.raises(InvalidRecord) as caught:
            msp.from_dict({**msp.to_dict(concluded_s42()), "people_alleged": [{"relationship": "partner"}]})
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-MISSING", "$.people_alleged[0].person_id")]

    def test_pauses_in_order_and_after_the_start(self) -> None:
        record = concluded_s42()
        before_start = EnquiryPause(paused_on=date(2025, 1, 1), resumed_on=date(2025, 1, 2))
        assert _paths(lambda: attrs.evolve(record, pauses=(before_start,))) == ["$.pauses[0].paused_on"]
        first = EnquiryPause(paused_on=STARTED, resumed_on=date(2025, 6, 20))
        overlapping = EnquiryPause(paused_on=date(2025, 6, 10))
        assert _paths(lambda: attrs.evolve(record, pauses=(first, overlapping))) == ["$.pauses[1].paused_on"]
        still_open = EnquiryPause(paused_on=STARTED)
        later = EnquiryPause(paused_on=date(2025, 6, 20))
        assert _paths(lambda: attrs.evolve(record, pauses=(still_open, later))) == ["$.pauses[0].resumed_on"]

    def test_a_paused_enquiry(self) -> None:
        record = attrs.evolve(concluded_s42(), pauses=(EnquiryPause(paused_on=STARTED),))
        assert record.paused
        resumed = EnquiryPause(paused_on=STARTED, resumed_on=date(2025, 6, 20))
        assert not attrs.evolve(concluded_s42(), pauses=(resumed,)).paused
        assert resumed.days_paused(date(2025, 7, 1)) == (date(2025, 6, 20) - STARTED).days
        assert EnquiryPause(paused_on=STARTED).days_paused(STARTED) == 0


class TestRoundTrip:
    """Every new record survives JSON exactly, and a v1 record holding one of them is refused."""

    RECORD = concluded_s42(
        people_alleged=(
            PersonAllegedToHaveCausedHarm(
                person_id="P-0001",
                risk_ids=("R-1",),
                relationship=Relationship.PARTNER,
                unpaid_carer=True,
                carers_assessment_considered=True,
                told_of_concern=False,
                not_told_reason="Invented reason",
                domestic_abuse=DomesticAbuse(
                    personally_connected=True,
                    risk_tool=DomesticAbuseRiskTool.DASH,
                    risk_level=DomesticAbuseRiskLevel.HIGH,
                    assessed_on=MAY,
                    marac_referred_on=JUNE,
                    idva_involved=True,
                    coercive_control_identified=True,
                ),
            ),
        ),
        crime=CrimeAndPolice(
            crime_suspected=True,
            kinds=(CrimeKind.CONTROLLING_OR_COERCIVE_BEHAVIOUR,),
            police_informed_on=JUNE,
            crime_reference="Invented reference",
            police_leading=True,
            adults_view="Invented view",
        ),
        children=ChildrenAtRisk(child_may_be_at_risk=False),
        consent=Consent(
            to_enquiry=ConsentStatus.REFUSED,
            acting_without_consent=ActingWithoutConsent(
                grounds=(ConsentGround.CRIME, ConsentGround.RISK_TO_LIFE), decided_on=JUNE, adult_told=True
            ),
        ),
        liberty=DeprivationOfLiberty(amounts_to_deprivation=False),
    )

    def test_json(self) -> None:
        assert msp.from_json(msp.to_json(self.RECORD)) == self.RECORD

    def test_refused_in_a_v1_record(self) -> None:
        data = {**msp.to_dict(self.RECORD), "schema_version": 1}
        with pytest.raises(InvalidRecord) as caught:
            migrate(data)
        assert {p.path for p in caught.value.problems} >= {"$.people_alleged", "$.crime", "$.consent.to_enquiry"}

    def test_consent_refused(self) -> None:
        assert self.RECORD.consent is not None
        assert self.RECORD.consent.refused
        assert not Consent(to_referral=ConsentStatus.GIVEN).refused

    def test_police_informed(self) -> None:
        assert CrimeAndPolice(police_leading=True).police_informed
        assert not CrimeAndPolice(crime_suspected=True).police_informed

    def test_personal_fields_are_marked(self) -> None:
        assert spec_of(CrimeAndPolice, "crime_reference").personal
        assert spec_of(PersonAllegedToHaveCausedHarm, "not_told_reason").personal
        assert not spec_of(PersonAllegedToHaveCausedHarm, "relationship").personal
        redacted = msp.redact(self.RECORD)
        assert redacted.crime is not None
        assert redacted.crime.crime_reference != "Invented reference"

    def test_personal_connection(self) -> None:
        assert Relationship.FORMER_PARTNER.may_be_personally_connected
        assert not Relationship.PAID_CARER.may_be_personally_connected

    def test_liberty_authorisation_recorded(self) -> None:
        assert not DeprivationOfLiberty(amounts_to_deprivation=True).authorisation_recorded
        assert DeprivationOfLiberty(amounts_to_deprivation=True, applied_on=MAY).authorisation_recorded
        assert DeprivationOfLiberty(authorisation=LibertyAuthorisation.NONE).authorisation_recorded
