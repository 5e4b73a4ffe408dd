"""Personal data: which fields are personal, and redaction at every depth."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given

from msp import (
    Actor,
    Adult,
    Attendee,
    CapacityDecision,
    CausedEnquiry,
    Concern,
    DesiredOutcome,
    Meeting,
    OrganisationalEnquiry,
    PlanAction,
    ProviderInvolved,
    RouteChange,
    Section42Decision,
    from_json,
    personal_fields,
    redact,
    to_dict,
    to_json,
)
from msp.codes import ExpressedBy
from msp.model import spec_of
from msp.model.privacy import REDACTED
from tests.strategies import STRATEGIES, concerns, records

CANARY = "CANARY-9f3"
BIRTH_CANARY = date(1917, 3, 9)
DEATH_CANARY = date(1917, 3, 10)

# Written out so the test fails if a field gains or loses its personal mark.
PERSONAL: dict[str, tuple[str, ...]] = {
    "Strength": ("description",),
    "PersonInvolved": ("relationship",),
    "Representative": ("relationship",),
    "Advocate": (),
    "Adult": ("date_of_birth", "date_of_death", "communication_needs"),
    "DesiredOutcome": ("in_own_words", "adults_view"),
    "FunctionalElement": ("evidence",),
    "Consultee": ("views",),
    "BestInterestsDecision": (
        "decision",
        "wishes_and_feelings",
        "beliefs_and_values",
        "no_one_appropriate_to_consult_reason",
        "person_participated",
        "less_restrictive_options",
    ),
    "CapacityDecision": ("decision", "practicable_steps", "impairment_description", "causal_link_evidence"),
    "PlanAction": ("action",),
    "LivingWithRisk": ("understanding", "safety_actions"),
    "Escalation": ("reason",),
    "RiskPlan": (),
    "Actor": (),
    "HistoryEntry": ("reason", "digest"),
    "Referrer": (),
    "Risk": ("description",),
    "ImmediateSafety": ("action_taken",),
    "Contact": ("not_spoken_to_reason", "not_seen_alone_reason"),
    "AdultsViews": ("in_own_words", "reasons"),
    "ActingWithoutConsent": ("rationale", "not_told_reason"),
    "Consent": ("sharing_without_consent_reason",),
    "CrimeAndPolice": ("no_police_reason", "crime_reference", "adults_view"),
    "ChildrenAtRisk": ("not_referred_reason",),
    "DomesticAbuse": ("no_marac_reason",),
    "PersonAllegedToHaveCausedHarm": ("pipot_not_referred_reason", "referral_not_needed_reason", "not_told_reason"),
    "DeprivationOfLiberty": ("not_authorised_reason",),
    "EnquiryPause": ("reason",),
    "OptionsDiscussion": (),
    "ProfessionalCuriosity": ("notes",),
    "AdvocacyAssessment": ("advocate_declined_reason",),
    "Section42Decision": ("other_enquiry_reason", "rationale"),
    "Enquiry": (),
    "ProviderInvolved": (),
    "ConcernLink": (),
    "OrganisationalEnquiry": (),
    "CausedEnquiry": ("scope",),
    "Attendee": (),
    "Meeting": ("decisions",),
    "RouteChange": ("reason",),
    "SafeguardingAdultsReview": ("reason",),
    "Closure": ("adults_view", "person_alleged_action"),
    "FeedbackAnswer": (),
    "Extension": (),
    "AdultsFeedback": ("not_possible_reason", "comments"),
    "Concern": ("msp_not_asked_reason",),
}

NOT_PERSONAL_SAMPLES = {
    "Concern": ("concern_id", "received_on", "team", "stage", "risks", "people_alleged", "pauses"),
    "PersonAllegedToHaveCausedHarm": ("person_id", "risk_ids", "relationship", "dbs_referred_on"),
    "CrimeAndPolice": ("crime_suspected", "kinds", "police_informed_on", "police_leading"),
    "Adult": ("adult_id", "ethnic_category", "gender_identity", "preferred_language"),
    "Actor": ("role", "user_id"),
    "PlanAction": ("owner", "due_on", "status"),
    "ProviderInvolved": ("kind", "cqc_location_id", "cqc_provider_id", "ods_code", "cqc_informed_on"),
    "OrganisationalEnquiry": ("enquiry_id", "lead", "cqc_location_id", "started_on"),
    "CausedEnquiry": ("organisation_kind", "organisation_id", "quality_check", "checked_by"),
    "Attendee": ("role", "agency", "is_the_adult_or_representative"),
    "RouteChange": ("changed_on", "from_route", "to_route", "decided_by"),
    "Section42Decision": ("duplicate_of", "route"),
    "HistoryEntry": ("authorised_by", "actor"),
    "AdultsFeedback": ("asked", "answered_by", "asked_on", "asked_by", "question_4"),
    "FeedbackAnswer": ("option", "positive"),
}


def _plant(record: Any) -> Any:
    """The same record with a canary in every personal field, at every depth."""
    cls = type(record)
    changes: dict[str, Any] = {}
    personal = set(personal_fields(cls))
    for a in attrs.fields(cls):
        value = getattr(record, a.name)
        if a.name in personal:
            if a.name == "date_of_birth":
                changes[a.name] = BIRTH_CANARY
            elif a.name == "date_of_death":
                changes[a.name] = DEATH_CANARY
            elif a.default == ():
                changes[a.name] = (CANARY, f"{CANARY} Zoë")
            else:
                changes[a.name] = f"{CANARY} Zoë (fictional)"
        elif attrs.has(type(value)):
            changes[a.name] = _plant(value)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[a.name] = tuple(_plant(v) for v in value)
    return attrs.evolve(record, **changes)


def _personal_values_left(record: Any) -> list[str]:
    """Paths of personal fields that still hold something after redaction."""
    left: list[str] = []
    personal = set(personal_fields(type(record)))
    for a in attrs.fields(type(record)):
        value = getattr(record, a.name)
        if a.name in personal:
            required = a.default is attrs.NOTHING
            if not ((required and value == REDACTED) or (not required and value == a.default)):
                left.append(a.name)
        elif attrs.has(type(value)):
            left.extend(f"{a.name}.{p}" for p in _personal_values_left(value))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    left.extend(f"{a.name}[{i}].{p}" for p in _personal_values_left(item))
    return left


class TestPersonalFields:
    """personal_fields names exactly the personal fields of every record class, never an id or code."""

    def test_table_covers_every_record_class(self):
        assert set(PERSONAL) == {cls.__name__ for cls in STRATEGIES}

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_personal_fields_are_the_expected_ones(self, cls):
        assert personal_fields(cls) == PERSONAL[cls.__name__]

    @pytest.mark.parametrize(("name", "fields"), NOT_PERSONAL_SAMPLES.items())
    def test_ids_codes_and_roles_are_not_personal(self, name, fields):
        cls = next(c for c in STRATEGIES if c.__name__ == name)
        assert not set(fields) & set(personal_fields(cls))

    def test_no_id_field_is_personal(self):
        for cls in STRATEGIES:
            assert not [f for f in personal_fields(cls) if f.endswith("_id")]

    @pytest.mark.parametrize(
        ("cls", "name", "personal"),
        [
            (CausedEnquiry, "scope", True),
            (CausedEnquiry, "checked_by", False),
            (Meeting, "decisions", True),
            (Attendee, "role", False),
            (Attendee, "agency", False),
            (RouteChange, "reason", True),
            (RouteChange, "decided_by", False),
            (OrganisationalEnquiry, "lead", False),
            (ProviderInvolved, "cqc_location_id", False),
            (Section42Decision, "duplicate_of", False),
        ],
    )
    def test_the_issue_14_fields_are_marked_in_their_spec(self, cls, name, personal):
        # Free text about the adult's case is personal; roles, agencies and public ids of
        # organisations are not (a meeting's attendees are recorded by role and agency, never by name).
        assert spec_of(cls, name).personal is personal

    def test_not_an_attrs_class(self):
        with pytest.raises(attrs.exceptions.NotAnAttrsClassError):
            personal_fields(dict)


class TestRedact:
    """redact empties every personal field at every depth and keeps everything else."""

    @given(concerns())
    def test_no_planted_canary_survives_redaction(self, concern):
        planted = _plant(concern)
        text = to_json(redact(planted))
        assert CANARY not in text
        assert "Zoë (fictional)" not in text
        assert BIRTH_CANARY.isoformat() not in text
        assert DEATH_CANARY.isoformat() not in text

    @given(concerns(mode="full"))
    def test_canaries_were_planted_where_there_was_something_to_plant(self, concern):
        text = to_json(_plant(concern))
        assert CANARY in text
        assert BIRTH_CANARY.isoformat() in text

    @given(records())
    def test_every_personal_field_is_emptied_at_every_depth(self, record):
        assert _personal_values_left(redact(_plant(record))) == []

    @given(concerns())
    def test_redact_does_not_change_its_input(self, concern):
        planted = _plant(concern)
        before = to_json(planted)
        redact(planted)
        assert to_json(planted) == before
        assert CANARY in before

    @given(concerns())
    def test_redacted_record_keeps_everything_else(self, concern):
        redacted = redact(concern)
        assert redacted.concern_id == concern.concern_id
        assert redacted.received_on == concern.received_on
        assert redacted.adult.adult_id == concern.adult.adult_id
        assert redacted.adult.sac_ethnicity is concern.adult.sac_ethnicity
        assert [r.type_of_risk for r in redacted.risks] == [r.type_of_risk for r in concern.risks]
        assert redacted.stage is concern.stage
        # The enquiry holds nothing personal but the scope of an enquiry caused to be made.
        if concern.enquiry is None:
            assert redacted.enquiry is None
        else:
            assert attrs.evolve(redacted.enquiry, caused=None) == attrs.evolve(concern.enquiry, caused=None)
            if concern.enquiry.caused is not None:
                caused = redacted.enquiry.caused
                assert attrs.evolve(caused, scope=None) == attrs.evolve(concern.enquiry.caused, scope=None)
        assert redact(redacted) == redacted

    @given(concerns())
    def test_redacted_record_round_trips(self, concern):
        redacted = redact(concern)
        assert from_json(to_json(redacted)) == redacted

    def test_required_personal_text_becomes_redacted(self):
        outcome = DesiredOutcome(in_own_words="to see Zoë (fictional)", expressed_by=ExpressedBy.ADULT, adults_view="x")
        redacted = redact(outcome)
        assert redacted.in_own_words == REDACTED == "[redacted]"
        assert redacted.adults_view is None
        assert redacted.expressed_by is ExpressedBy.ADULT
        assert redact(PlanAction(action="visit (fictional)")).action == REDACTED

    def test_optional_personal_fields_become_their_defaults(self):
        adult = Adult(
            adult_id="A1", date_of_birth=date(1950, 1, 1), communication_needs="x", preferred_language="Welsh"
        )
        redacted = redact(adult)
        assert redacted.date_of_birth is None
        assert redacted.communication_needs is None
        assert redacted.preferred_language == "Welsh"

    def test_tuple_of_personal_text_becomes_empty(self):
        assert redact(CapacityDecision(practicable_steps=("a", "b"))).practicable_steps == ()

    def test_nested_records_are_redacted(self):
        concern = Concern(
            concern_id="C1",
            adult=Adult(adult_id="A1", date_of_birth=date(1950, 1, 1)),
            received_on=date(2025, 1, 1),
            desired_outcomes=(DesiredOutcome(in_own_words="x", expressed_by=ExpressedBy.ADULT),),
        )
        out = to_dict(redact(concern))
        assert out["adult"] == {"adult_id": "A1"}
        assert out["desired_outcomes"] == [{"in_own_words": REDACTED, "expressed_by": "adult"}]

    def test_record_with_nothing_personal_is_returned_as_is(self):
        actor = Actor(role="social worker", user_id="u1")
        assert redact(actor) is actor
