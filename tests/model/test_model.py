"""The domain model: construction checks, immutability and derived properties."""

from __future__ import annotations

import collections
import itertools
import pickle
from datetime import date, datetime, timezone
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp import (
    Actor,
    Adult,
    AdvocacyAssessment,
    BestInterestsDecision,
    CapacityDecision,
    Closure,
    Concern,
    Contact,
    DesiredOutcome,
    Enquiry,
    FunctionalElement,
    HistoryEntry,
    InvalidRecord,
    Problem,
    Representative,
    Risk,
    RiskPlan,
    SafeguardingAdultsReview,
    Section42Decision,
    from_dict,
    from_json,
    overall_achievement,
    to_dict,
    to_json,
)
from msp.codes import (
    CapacityOutcome,
    CaseStage,
    Census2021EthnicGroup,
    DetailedPrimarySupportReason,
    DetailedSourceOfRisk,
    EnquiryRoute,
    EnquiryType,
    ExpressedBy,
    HealthCondition,
    NhsEthnicCategory,
    OutcomeAchievement,
    PrimarySupportReason,
    RepresentativeKind,
    SacEthnicity,
    SourceOfRisk,
    TypeOfRisk,
)
from msp.codes.mappings import sac_ethnicity_from_census_2021, sac_ethnicity_from_nhs
from msp.errors import near_misses
from tests.strategies import STRATEGIES, adults, concerns, risks

RECEIVED = date(2025, 1, 10)
UTC = timezone.utc


def _concern(**kwargs: object) -> Concern:
    kwargs.setdefault("adult", Adult(adult_id="A1", date_of_birth=date(1950, 5, 1)))
    return Concern(concern_id="C1", received_on=RECEIVED, **kwargs)


def _invalid(build) -> list[tuple[str, str]]:
    with pytest.raises(InvalidRecord) as info:
        build()
    return [(p.code, p.path) for p in info.value.problems]


class TestImpossibleDates:
    """Dates that cannot be true are refused with SHAPE-DATE-ORDER at their path; unknown dates never are."""

    def test_death_before_birth(self):
        found = _invalid(lambda: Adult(adult_id="A1", date_of_birth=date(2000, 1, 2), date_of_death=date(2000, 1, 1)))
        assert found == [("SHAPE-DATE-ORDER", "$.date_of_death")]

    def test_death_on_the_day_of_birth_is_possible(self):
        adult = Adult(adult_id="A1", date_of_birth=date(2000, 1, 1), date_of_death=date(2000, 1, 1))
        assert adult.date_of_death == date(2000, 1, 1)

    def test_enquiry_concluded_before_started(self):
        found = _invalid(lambda: Enquiry(started_on=date(2025, 2, 1), concluded_on=date(2025, 1, 31)))
        assert found == [("SHAPE-DATE-ORDER", "$.concluded_on")]

    def test_enquiry_concluded_the_day_it_started_is_possible(self):
        assert Enquiry(started_on=date(2025, 2, 1), concluded_on=date(2025, 2, 1)).concluded_on == date(2025, 2, 1)

    def test_concern_received_before_birth(self):
        found = _invalid(lambda: _concern(adult=Adult(adult_id="A1", date_of_birth=date(2025, 6, 1))))
        assert found == [("SHAPE-DATE-ORDER", "$.received_on")]

    def test_seen_alone_before_the_concern_was_received(self):
        found = _invalid(lambda: _concern(contact=Contact(seen_alone=True, seen_alone_on=date(2025, 1, 9))))
        assert found == [("SHAPE-DATE-ORDER", "$.contact.seen_alone_on")]

    def test_spoken_to_before_the_concern_was_received(self):
        found = _invalid(lambda: _concern(contact=Contact(spoken_to_on=date(2024, 12, 31))))
        assert found == [("SHAPE-DATE-ORDER", "$.contact.spoken_to_on")]

    def test_decision_before_the_concern_was_received(self):
        found = _invalid(lambda: _concern(decision=Section42Decision(decided_on=date(2025, 1, 9))))
        assert found == [("SHAPE-DATE-ORDER", "$.decision.decided_on")]

    def test_enquiry_started_before_the_decision(self):
        found = _invalid(
            lambda: _concern(
                decision=Section42Decision(decided_on=date(2025, 1, 20)),
                enquiry=Enquiry(started_on=date(2025, 1, 15)),
            )
        )
        assert found == [("SHAPE-DATE-ORDER", "$.enquiry.started_on")]

    def test_closure_before_the_conclusion(self):
        found = _invalid(
            lambda: _concern(
                enquiry=Enquiry(started_on=date(2025, 1, 11), concluded_on=date(2025, 3, 1)),
                closure=Closure(closed_on=date(2025, 2, 28)),
            )
        )
        assert found == [("SHAPE-DATE-ORDER", "$.closure.closed_on")]

    def test_every_date_before_receipt_is_reported_together(self):
        before = date(2025, 1, 1)
        found = _invalid(
            lambda: _concern(
                contact=Contact(spoken_to_on=before, seen_alone_on=before),
                decision=Section42Decision(decided_on=before),
                enquiry=Enquiry(started_on=before, concluded_on=before),
                closure=Closure(closed_on=before),
            )
        )
        assert found == [
            ("SHAPE-DATE-ORDER", "$.contact.spoken_to_on"),
            ("SHAPE-DATE-ORDER", "$.contact.seen_alone_on"),
            ("SHAPE-DATE-ORDER", "$.decision.decided_on"),
            ("SHAPE-DATE-ORDER", "$.enquiry.started_on"),
            ("SHAPE-DATE-ORDER", "$.enquiry.concluded_on"),
            ("SHAPE-DATE-ORDER", "$.closure.closed_on"),
        ]

    def test_plan_reviewed_before_it_was_agreed(self):
        found = _invalid(
            lambda: RiskPlan(
                agreed_on=date(2025, 2, 1), reviewed_on=(date(2025, 2, 1), date(2025, 1, 31), date(2025, 1, 1))
            )
        )
        assert found == [("SHAPE-DATE-ORDER", "$.reviewed_on[1]"), ("SHAPE-DATE-ORDER", "$.reviewed_on[2]")]

    def test_best_interests_before_the_capacity_assessment(self):
        found = _invalid(
            lambda: CapacityDecision(
                assessed_on=date(2025, 2, 1), best_interests=BestInterestsDecision(decided_on=date(2025, 1, 31))
            )
        )
        assert found == [("SHAPE-DATE-ORDER", "$.best_interests.decided_on")]

    def test_unknown_dates_are_never_out_of_order(self):
        concern = _concern(
            adult=Adult(adult_id="A1"),
            decision=Section42Decision(),
            enquiry=Enquiry(concluded_on=date(2025, 1, 10)),
            closure=Closure(),
        )
        assert concern.concluded_on == date(2025, 1, 10)


class TestConflictingCodes:
    """Codes that contradict each other are refused with SHAPE-CONFLICT."""

    @pytest.mark.parametrize(
        ("route", "enquiry_type"),
        [
            (EnquiryRoute.SECTION_42_ENQUIRY, EnquiryType.OTHER),
            (EnquiryRoute.OTHER_ENQUIRY, EnquiryType.SECTION_42),
            (EnquiryRoute.NO_ENQUIRY, EnquiryType.SECTION_42),
            (EnquiryRoute.NO_ENQUIRY, EnquiryType.OTHER),
        ],
    )
    def test_enquiry_type_contradicting_the_route(self, route, enquiry_type):
        found = _invalid(
            lambda: _concern(decision=Section42Decision(route=route), enquiry=Enquiry(enquiry_type=enquiry_type))
        )
        assert found == [("SHAPE-CONFLICT", "$.enquiry.enquiry_type")]

    @pytest.mark.parametrize(
        ("route", "enquiry_type"),
        [(EnquiryRoute.SECTION_42_ENQUIRY, EnquiryType.SECTION_42), (EnquiryRoute.OTHER_ENQUIRY, EnquiryType.OTHER)],
    )
    def test_enquiry_type_agreeing_with_the_route(self, route, enquiry_type):
        concern = _concern(decision=Section42Decision(route=route), enquiry=Enquiry(enquiry_type=enquiry_type))
        assert concern.enquiry_type is enquiry_type

    @pytest.mark.parametrize("detail", list(DetailedSourceOfRisk), ids=lambda d: d.name)
    def test_detailed_source_must_sit_under_the_source(self, detail):
        for source in SourceOfRisk:
            if source is detail.source:
                assert Risk(source=source, source_detail=detail).sac_source is source
            else:
                assert _invalid(lambda s=source: Risk(source=s, source_detail=detail)) == [
                    ("SHAPE-CONFLICT", "$.source_detail")
                ]

    @pytest.mark.parametrize("detail", list(DetailedPrimarySupportReason), ids=lambda d: d.name)
    def test_detailed_primary_support_reason_must_sit_under_the_sac_one(self, detail):
        for group in PrimarySupportReason:

            def build(group: PrimarySupportReason = group) -> Adult:
                return Adult(adult_id="A1", primary_support_reason=group, primary_support_reason_detail=detail)

            # The detailed code names its group: "sensory_dual" is under "sensory".
            if group.code == detail.code or (detail.code.split("_")[0] == group.code):
                assert build().sac_primary_support_reason is group
            else:
                assert _invalid(build) == [("SHAPE-CONFLICT", "$.primary_support_reason_detail")]


class TestWrongTypesInPython:
    """Records built in Python refuse wrong types, ids, blank or long text with located problems."""

    def test_list_instead_of_tuple_is_kept_as_a_tuple(self):
        record = _concern(risks=[Risk()])
        assert type(record.risks) is tuple
        assert record == _concern(risks=(Risk(),))

    def test_set_instead_of_tuple(self):
        found = _invalid(lambda: Adult(adult_id="A1", health_conditions={HealthCondition.LDI_ASPERGERS}))
        assert found == [("SHAPE-TYPE", "$.health_conditions")]

    def test_string_instead_of_tuple_of_text(self):
        assert _invalid(lambda: CapacityDecision(practicable_steps="abc")) == [("SHAPE-TYPE", "$.practicable_steps")]

    def test_wrong_item_in_a_tuple(self):
        assert _invalid(lambda: _concern(risks=(Risk(), Adult(adult_id="A1")))) == [("SHAPE-TYPE", "$.risks[1]")]

    def test_blank_item_in_a_tuple_of_text_is_located(self):
        assert _invalid(lambda: CapacityDecision(practicable_steps=("ok", "  "))) == [
            ("SHAPE-EMPTY", "$.practicable_steps[1]")
        ]

    def test_datetime_where_a_date_belongs(self):
        naive = datetime(2025, 1, 10)  # noqa: DTZ001 - the point of the test
        found = _invalid(lambda: Concern(concern_id="C1", adult=Adult(adult_id="A1"), received_on=naive))
        assert found == [("SHAPE-DATE", "$.received_on")]

    def test_datetime_in_a_tuple_of_dates(self):
        found = _invalid(lambda: RiskPlan(reviewed_on=(datetime(2025, 1, 10, tzinfo=UTC),)))
        assert found == [("SHAPE-TYPE", "$.reviewed_on[0]")]

    def test_string_where_a_date_belongs(self):
        assert _invalid(lambda: Enquiry(started_on="2025-01-10")) == [("SHAPE-DATE", "$.started_on")]

    def test_missing_required_date(self):
        found = _invalid(lambda: Concern(concern_id="C1", adult=Adult(adult_id="A1"), received_on=None))
        assert found == [("SHAPE-DATE", "$.received_on")]

    def test_naive_datetime(self):
        found = _invalid(
            lambda: HistoryEntry(
                to_stage=CaseStage.CLOSED,
                at=datetime(2025, 1, 10, 9),  # noqa: DTZ001 - the point of the test
                actor=Actor(role="social worker", user_id="u1"),
            )
        )
        assert found == [("SHAPE-DATETIME", "$.at")]

    def test_date_where_a_datetime_belongs(self):
        found = _invalid(
            lambda: HistoryEntry(to_stage=CaseStage.CLOSED, at=date(2025, 1, 10), actor=Actor(role="sw", user_id="u1"))
        )
        assert found == [("SHAPE-DATETIME", "$.at")]

    @pytest.mark.parametrize("bad", ["A 1", " A1", "A1\n", "", "-A1", "a" * 65, "Zoë"])
    def test_bad_ids(self, bad):
        assert _invalid(lambda: Adult(adult_id=bad)) == [("SHAPE-ID", "$.adult_id")]

    def test_longest_id_is_64(self):
        assert Adult(adult_id="a" * 64).adult_id == "a" * 64

    def test_number_as_id(self):
        assert _invalid(lambda: Adult(adult_id=5)) == [("SHAPE-TYPE", "$.adult_id")]

    @pytest.mark.parametrize("blank", ["", " ", "\n\t "])
    def test_blank_text(self, blank):
        assert _invalid(lambda: Adult(adult_id="A1", communication_needs=blank)) == [
            ("SHAPE-EMPTY", "$.communication_needs")
        ]

    def test_blank_required_text(self):
        assert _invalid(lambda: DesiredOutcome(in_own_words=" ", expressed_by=ExpressedBy.ADULT)) == [
            ("SHAPE-EMPTY", "$.in_own_words")
        ]

    def test_missing_required_text(self):
        assert _invalid(lambda: DesiredOutcome(in_own_words=None, expressed_by=ExpressedBy.ADULT)) == [
            ("SHAPE-TYPE", "$.in_own_words")
        ]

    def test_too_long_text(self):
        assert _invalid(lambda: Adult(adult_id="A1", communication_needs="x" * 20_001)) == [
            ("SHAPE-TOO-LONG", "$.communication_needs")
        ]

    def test_code_value_string_is_not_a_code(self):
        assert _invalid(lambda: Risk(type_of_risk="physical_abuse")) == [("SHAPE-CODE", "$.type_of_risk")]

    def test_member_of_another_list_is_not_a_code(self):
        assert _invalid(lambda: Risk(source=DetailedSourceOfRisk.KNOWN_SELF)) == [("SHAPE-CODE", "$.source")]

    def test_required_code_cannot_be_none(self):
        assert _invalid(lambda: DesiredOutcome(in_own_words="x", expressed_by=None)) == [
            ("SHAPE-CODE", "$.expressed_by")
        ]

    @pytest.mark.parametrize("value", [1, 0, "yes", "false"])
    def test_flags_are_booleans_only(self, value):
        assert _invalid(lambda: Contact(spoken_to=value)) == [("SHAPE-TYPE", "$.spoken_to")]

    def test_dict_where_a_record_belongs(self):
        found = _invalid(lambda: Concern(concern_id="C1", adult={"adult_id": "A1"}, received_on=RECEIVED))
        assert found == [("SHAPE-TYPE", "$.adult")]

    def test_wrong_record_type_for_a_part(self):
        assert _invalid(lambda: _concern(enquiry=Closure())) == [("SHAPE-TYPE", "$.enquiry")]

    def test_problem_messages_do_not_carry_the_value(self):
        with pytest.raises(InvalidRecord) as info:
            Adult(adult_id="CANARY 9f3")
        assert "CANARY" not in str(info.value)

    def test_invalid_record_is_a_value_error(self):
        with pytest.raises(ValueError):
            Adult(adult_id="A 1")


class TestMistakesExplained:
    """Constructors say what to pass for the common mistakes, naming a code but never showing a value."""

    @staticmethod
    def _message(build) -> str:
        with pytest.raises(InvalidRecord) as info:
            build()
        (problem,) = info.value.problems
        return problem.message

    def test_text_where_a_date_belongs(self):
        message = self._message(lambda: Enquiry(started_on="2025-01-10"))
        assert message == "got text: pass a datetime.date, or read it with msp.from_dict"

    def test_a_date_and_time_where_a_date_belongs(self):
        message = self._message(lambda: Enquiry(started_on=datetime(2025, 1, 10, tzinfo=UTC)))
        assert message == "got a date and time: pass its date (a datetime.date)"

    def test_text_where_a_date_and_time_belongs(self):
        actor = Actor(role="social worker", user_id="u1")
        message = self._message(lambda: HistoryEntry(to_stage=CaseStage.CLOSED, at="2025-01-10T09:00Z", actor=actor))
        assert message == "got text: pass a datetime.datetime with a UTC offset, or read it with msp.from_dict"

    @pytest.mark.parametrize(
        "text", ["asked_expressed", "Yes they were asked and outcomes were expressed", "ASKED_EXPRESED"]
    )
    def test_a_codes_text_names_the_member(self, text):
        message = self._message(lambda: _concern(msp_asked=text))
        assert message == "got text: pass MspAsked.ASKED_EXPRESSED, or MspAsked('asked_expressed')"

    @pytest.mark.parametrize("text", ["Margaret Thornton", "CANARY 9f3", "Jo", "no way"])
    def test_free_text_where_a_code_belongs_is_never_shown(self, text):
        message = self._message(lambda: _concern(msp_asked=text))
        assert message == "got text: pass a member of MspAsked, or MspAsked('<code>') to look one up by its code"
        assert text not in message

    def test_a_member_of_another_list(self):
        message = self._message(lambda: Risk(source=DetailedSourceOfRisk.KNOWN_SELF))
        assert message == "got a code of DetailedSourceOfRisk: expected a SourceOfRisk code"

    def test_a_code_item_of_a_tuple(self):
        with pytest.raises(InvalidRecord) as info:
            Adult(adult_id="A1", health_conditions=["ldi_aspergers"])
        assert [(p.code, p.path) for p in info.value.problems] == [("SHAPE-TYPE", "$.health_conditions[0]")]
        assert info.value.problems[0].message == (
            "got text: pass HealthCondition.LDI_ASPERGERS, or HealthCondition('ldi_aspergers')"
        )

    def test_a_dict_where_a_record_belongs(self):
        message = self._message(lambda: Concern(concern_id="C1", adult={"adult_id": "A1"}, received_on=RECEIVED))
        assert message == "got a mapping: pass an Adult record, or read it with msp.from_dict"
        message = self._message(lambda: _concern(enquiry=Closure()))
        assert message == "got a Closure record: expected an Enquiry record"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ({"x"}, "got a set, which has no order: pass a tuple or a list (each item text)"),
            (frozenset({"x"}), "got a set, which has no order: pass a tuple or a list (each item text)"),
            ("x", "got text: pass a tuple or a list, even of one item (each item text)"),
            (b"x", "got text: pass a tuple or a list, even of one item (each item text)"),
            ({"x": 1}, "got a mapping: pass a tuple or a list (each item text)"),
            (iter(["x"]), "expected a tuple or a list (each item text)"),
            (None, "expected a tuple or a list (each item text)"),
        ],
        ids=["set", "frozenset", "text", "bytes", "mapping", "iterator", "none"],
    )
    def test_what_a_tuple_field_refuses(self, value, message):
        assert self._message(lambda: CapacityDecision(practicable_steps=value)) == message

    @pytest.mark.parametrize(
        "value",
        [["a", "b"], ("a", "b"), range(0), collections.deque(["a", "b"]), collections.UserList(["a", "b"])],
        ids=["list", "tuple", "empty-range", "deque", "userlist"],
    )
    def test_any_sequence_is_kept_as_a_tuple(self, value):
        record = CapacityDecision(practicable_steps=value)
        assert type(record.practicable_steps) is tuple
        assert record == CapacityDecision(practicable_steps=tuple(value))
        assert hash(record) == hash(CapacityDecision(practicable_steps=tuple(value)))

    def test_a_list_built_record_equals_every_other_route(self):
        built = _concern(
            risks=[Risk(type_of_risk=TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION)], stage=CaseStage.CONCERN_RECEIVED
        )
        assert type(built.risks) is tuple
        assert from_json(to_json(built)) == built
        assert from_dict(to_dict(built)) == built
        assert type(from_json(to_json(built))) is type(built)
        again = pickle.loads(pickle.dumps(built))  # noqa: S301 - our own bytes
        assert again == built
        assert type(again.risks) is tuple
        assert attrs.evolve(built, risks=[*built.risks, Risk()]).risks == (*built.risks, Risk())

    def test_a_tuple_is_kept_as_it_is(self):
        steps = ("a", "b")
        assert CapacityDecision(practicable_steps=steps).practicable_steps is steps

    def test_text_where_a_whole_number_or_a_flag_belongs(self):
        assert self._message(lambda: Contact(spoken_to="yes")) == "got text: expected True, False or None"
        assert self._message(lambda: Contact(spoken_to=1)) == "got a number: expected True, False or None"


class TestRecordClasses:
    """Every record class is slotted, keyword-only, frozen, hashable and pickles."""

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_slotted_and_keyword_only(self, cls):
        assert "__slots__" in cls.__dict__
        assert all(a.kw_only for a in attrs.fields(cls))
        with pytest.raises(TypeError):
            cls(None)

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_frozen_hashable_and_without_a_dict(self, cls, data):
        record = data.draw(STRATEGIES[cls]())
        first = attrs.fields(cls)[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, first, getattr(record, first))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, first)
        assert not hasattr(record, "__dict__")
        assert hash(record) == hash(attrs.evolve(record))
        assert pickle.loads(pickle.dumps(record)) == record  # noqa: S301 - our own data

    def test_tuples_are_tuples_so_nothing_nested_is_mutable(self):
        concern = _concern(risks=(Risk(),))
        with pytest.raises(AttributeError):
            concern.risks.append(Risk())  # type: ignore[attr-defined]


class TestAdultDerived:
    """An adult's SAC ethnicity and primary support reason are derived from the source codes."""

    def test_sac_ethnicity_prefers_the_nhs_category(self):
        adult = Adult(
            adult_id="A1", ethnic_category=NhsEthnicCategory.R, census_2021_ethnic_group=Census2021EthnicGroup.CHINESE
        )
        assert adult.sac_ethnicity is SacEthnicity.OTHER

    def test_sac_ethnicity_from_the_census_group_alone(self):
        adult = Adult(adult_id="A1", census_2021_ethnic_group=Census2021EthnicGroup.CHINESE)
        assert adult.sac_ethnicity is SacEthnicity.ASIAN

    def test_sac_ethnicity_unknown(self):
        assert Adult(adult_id="A1").sac_ethnicity is SacEthnicity.NOT_KNOWN

    @given(adults())
    def test_sac_ethnicity_for_any_adult(self, adult):
        if adult.ethnic_category is not None:
            assert adult.sac_ethnicity is sac_ethnicity_from_nhs(adult.ethnic_category)
        else:
            assert adult.sac_ethnicity is sac_ethnicity_from_census_2021(adult.census_2021_ethnic_group)

    def test_sac_primary_support_reason_given(self):
        adult = Adult(adult_id="A1", primary_support_reason=PrimarySupportReason.NO_SUPPORT_REASON)
        assert adult.sac_primary_support_reason is PrimarySupportReason.NO_SUPPORT_REASON

    def test_sac_primary_support_reason_from_the_detail(self):
        adult = Adult(adult_id="A1", primary_support_reason_detail=DetailedPrimarySupportReason.SENSORY_DUAL)
        assert adult.sac_primary_support_reason is PrimarySupportReason.SENSORY

    def test_sac_primary_support_reason_when_both_agree(self):
        adult = Adult(
            adult_id="A1",
            primary_support_reason=PrimarySupportReason.SOCIAL,
            primary_support_reason_detail=DetailedPrimarySupportReason.SOCIAL_ASYLUM_SEEKER,
        )
        assert adult.sac_primary_support_reason is PrimarySupportReason.SOCIAL

    def test_sac_primary_support_reason_unknown(self):
        assert Adult(adult_id="A1").sac_primary_support_reason is PrimarySupportReason.NOT_KNOWN


class TestRepresentative:
    """Only a registered health-and-welfare attorney or a deputy can decide welfare."""

    @pytest.mark.parametrize(
        ("kind", "registered", "expected"),
        [
            (RepresentativeKind.LPA_HEALTH_AND_WELFARE, True, True),
            (RepresentativeKind.LPA_HEALTH_AND_WELFARE, False, False),
            (RepresentativeKind.LPA_HEALTH_AND_WELFARE, None, False),
            (RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE, None, True),
            (RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS, True, False),
            (RepresentativeKind.ENDURING_POWER_OF_ATTORNEY, True, False),
            (RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS, None, False),
            (RepresentativeKind.FAMILY_OR_FRIEND, None, False),
        ],
    )
    def test_can_decide_welfare(self, kind, registered, expected):
        assert Representative(kind=kind, registered=registered).can_decide_welfare is expected


class TestSection42Decision:
    """The s42(1) conditions are met only when all three are true."""

    @pytest.mark.parametrize(("a", "b", "c"), list(itertools.product([True, False, None], repeat=3)))
    def test_conditions_met_only_when_all_three_are_true(self, a, b, c):
        decision = Section42Decision(
            has_care_and_support_needs=a, experiencing_or_at_risk_of_abuse=b, unable_to_protect_self=c
        )
        assert decision.conditions == (a, b, c)
        assert decision.conditions_met is (a is True and b is True and c is True)


class TestAdvocacyAssessment:
    """The s68 substantial difficulty and the need for an advocate follow the four questions."""

    @pytest.mark.parametrize(
        ("answers", "expected"),
        [
            ((None, None, None, None), None),
            ((False, False, False, False), False),
            ((False, None, None, None), False),
            ((True, None, None, None), True),
            ((None, True, None, None), True),
            ((None, None, True, None), True),
            ((False, False, False, True), True),
        ],
    )
    def test_substantial_difficulty(self, answers, expected):
        assessment = AdvocacyAssessment(
            difficulty_understanding=answers[0],
            difficulty_retaining=answers[1],
            difficulty_using_or_weighing=answers[2],
            difficulty_communicating=answers[3],
        )
        assert assessment.substantial_difficulty is expected

    @pytest.mark.parametrize(
        ("difficulty", "appropriate_person", "expected"),
        [
            (True, False, True),
            (True, True, False),
            (True, None, True),  # the duty is lifted only where the authority is satisfied (s67(5))
            (False, False, False),
            (None, False, False),
        ],
    )
    def test_advocate_required_needs_difficulty_and_no_appropriate_person(
        self, difficulty, appropriate_person, expected
    ):
        assessment = AdvocacyAssessment(
            difficulty_communicating=difficulty, appropriate_person_available=appropriate_person
        )
        assert assessment.advocate_required is expected


class TestSafeguardingAdultsReview:
    """The s44 criteria may be met exactly as the Act's two conditions say."""

    @pytest.mark.parametrize(
        ("joint", "died", "death_suspected", "serious_suspected", "expected"),
        [
            # s44(2): condition 1, the adult died and abuse or neglect is suspected to have caused it
            (True, True, True, None, True),
            (True, True, False, None, False),
            (
                True,
                True,
                None,
                True,
                False,
            ),  # died: serious abuse while alive is condition 2, which needs the adult alive
            # s44(3): condition 2, the adult is alive and serious abuse or neglect is suspected
            (True, False, None, True, True),
            (True, None, None, True, True),  # not recorded as died
            (True, False, None, False, False),
            (True, False, True, None, False),
            # s44(1)(a): without concern about joint working neither condition makes a review mandatory
            (False, True, True, True, False),
            (None, True, True, None, False),
            (None, False, None, True, False),
            (False, False, None, True, False),
        ],
    )
    def test_criteria_may_be_met(self, joint, died, death_suspected, serious_suspected, expected):
        review = SafeguardingAdultsReview(
            joint_working_concern=joint,
            adult_died=died,
            death_from_abuse_or_neglect_suspected=death_suspected,
            serious_abuse_or_neglect_suspected=serious_suspected,
        )
        assert review.criteria_may_be_met is expected


class TestCapacityDecision:
    """A lack of capacity is supported only by a failed element, an impairment and the causal link."""

    FAILED = FunctionalElement(able=False)
    PASSED = FunctionalElement(able=True)

    @pytest.mark.parametrize(
        ("elements", "impairment", "causal_link", "expected"),
        [
            ({"retain": FAILED}, True, True, True),
            ({"understand": PASSED, "communicate": FAILED}, True, True, True),
            ({"retain": FAILED}, False, True, False),
            ({"retain": FAILED}, True, False, False),
            ({"retain": FAILED}, None, True, False),
            ({"retain": FAILED}, True, None, False),
            (
                {"understand": PASSED, "retain": PASSED, "use_or_weigh": PASSED, "communicate": PASSED},
                True,
                True,
                False,
            ),
            ({"use_or_weigh": FunctionalElement()}, True, True, False),
            ({}, True, True, False),
        ],
    )
    def test_supports_lack_of_capacity_needs_all_three_parts(self, elements, impairment, causal_link, expected):
        decision = CapacityDecision(impairment=impairment, causal_link=causal_link, **elements)
        assert decision.supports_lack_of_capacity is expected

    def test_functional_elements_are_in_statutory_order(self):
        decision = CapacityDecision(use_or_weigh=self.FAILED)
        assert decision.functional_elements == (
            ("understand", None),
            ("retain", None),
            ("use_or_weigh", self.FAILED),
            ("communicate", None),
        )
        assert decision.functional_test_failed is True

    def test_outcome_is_recorded_not_derived(self):
        decision = CapacityDecision(outcome=CapacityOutcome.LACKS_CAPACITY)
        assert decision.supports_lack_of_capacity is False


class TestRiskDerived:
    """A risk's SAC source comes from the source or the detailed source."""

    def test_sac_source_as_given(self):
        assert Risk(source=SourceOfRisk.SERVICE_PROVIDER).sac_source is SourceOfRisk.SERVICE_PROVIDER

    @pytest.mark.parametrize("detail", list(DetailedSourceOfRisk), ids=lambda d: d.name)
    def test_sac_source_from_the_detail(self, detail):
        assert Risk(source_detail=detail).sac_source is detail.source

    def test_sac_source_unknown(self):
        assert Risk(type_of_risk=TypeOfRisk.SELF_NEGLECT).sac_source is None

    @given(risks())
    def test_sac_source_for_any_risk(self, risk):
        if risk.source_detail is not None:
            assert risk.sac_source is risk.source_detail.source
        else:
            assert risk.sac_source is risk.source


class TestConcernDerived:
    """A concern's enquiry type comes from the enquiry or the route, and generated concerns keep one timeline."""

    def test_enquiry_type_from_the_enquiry(self):
        concern = _concern(enquiry=Enquiry(enquiry_type=EnquiryType.OTHER))
        assert concern.enquiry_type is EnquiryType.OTHER
        assert concern.is_section_42 is False

    def test_enquiry_type_from_the_route(self):
        concern = _concern(decision=Section42Decision(route=EnquiryRoute.SECTION_42_ENQUIRY), enquiry=Enquiry())
        assert concern.enquiry_type is EnquiryType.SECTION_42
        assert concern.is_section_42 is True

    def test_no_enquiry_route_has_no_type(self):
        concern = _concern(decision=Section42Decision(route=EnquiryRoute.NO_ENQUIRY))
        assert concern.enquiry_type is None
        assert concern.is_section_42 is False

    def test_draft_has_no_type(self):
        concern = _concern()
        assert concern.enquiry_type is None
        assert concern.is_section_42 is False
        assert concern.concluded_on is None
        assert concern.stage is CaseStage.CONCERN_RECEIVED

    @given(concerns())
    def test_generated_concerns_follow_the_timeline(self, concern):
        dob = concern.adult.date_of_birth
        assert dob is None or dob <= concern.received_on
        if concern.enquiry is not None and concern.enquiry.concluded_on is not None:
            assert concern.concluded_on >= concern.received_on
        assert concern.is_section_42 is (concern.enquiry_type is EnquiryType.SECTION_42)


def _outcomes(*achievements: OutcomeAchievement | None) -> list[DesiredOutcome]:
    return [
        DesiredOutcome(in_own_words="fictional", expressed_by=ExpressedBy.ADULT, achievement=a) for a in achievements
    ]


_F, _P, _N = OutcomeAchievement.FULLY, OutcomeAchievement.PARTIALLY, OutcomeAchievement.NOT


class TestOverallAchievement:
    """The overall achievement of desired outcomes follows the CLD rule."""

    @pytest.mark.parametrize(
        ("achievements", "expected"),
        [
            ((), None),
            ((None,), None),
            ((None, None), None),
            ((_F,), _F),
            ((_F, _F, _F), _F),
            ((_F, None), _F),
            ((_F, _P), _P),
            ((_F, _N), _P),
            ((_P,), _P),
            ((_P, _N), _P),
            ((_N, _N, _P), _P),
            ((_N,), _N),
            ((_N, _N), _N),
            ((_N, None), _N),
        ],
    )
    def test_cld_rule(self, achievements, expected):
        assert overall_achievement(_outcomes(*achievements)) is expected

    def test_accepts_any_iterable(self):
        assert overall_achievement(iter(_outcomes(_F, _N))) is _P


class TestProblemsAndInvalidRecord:
    """Problems and InvalidRecord read well, count and truncate, and can be moved under a prefix."""

    def test_problem_str(self):
        problem = Problem(code="SHAPE-TYPE", path="$.team", message="expected text (a string)")
        assert str(problem) == "SHAPE-TYPE expected text (a string) @ $.team"

    def test_summary_counts_and_truncates(self):
        problems = [Problem(code="SHAPE-TYPE", path=f"$.x[{i}]", message="m") for i in range(12)]
        text = str(InvalidRecord(problems, "C1"))
        assert text.startswith("record C1: 12 problems: ")
        assert text.endswith("; and 2 more")
        assert "$.x[9]" in text
        assert "$.x[10]" not in text

    def test_single_problem_is_singular(self):
        assert str(InvalidRecord([Problem(code="X", path="$", message="m")])) == "1 problem: X m @ $"

    def test_relocated_moves_paths_under_a_prefix(self):
        exc = InvalidRecord([Problem(code="X", path="$.date_of_death", message="m")], "A1")
        moved = exc.relocated("$.adult")
        assert [p.path for p in moved.problems] == ["$.adult.date_of_death"]
        assert moved.record_id == "A1"
        assert moved.relocated("$.x", "C1").record_id == "C1"


class TestNearMisses:
    """msp.errors.near_misses: the one place that decides whether a wrong value is a slip for a code."""

    CHOICES: ClassVar[dict[str, str]] = {
        "no": "no",
        "dont_know": "dont_know",
        "Don't Know": "dont_know",
        "asked_expressed": "asked_expressed",
        "asked_not_expressed": "asked_not_expressed",
        "1": "1",
        "closed": "closed",
    }

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("asked_expressed", ("asked_expressed",)),
            (" ASKED_EXPRESSED ", ("asked_expressed",)),
            ("asked_expresed", ("asked_expressed",)),  # one deleted
            ("askde_expressed", ("asked_expressed",)),  # two swapped: one edit
            ("asked_xepresed", ("asked_expressed",)),  # two edits
            ("don't know", ("dont_know",)),  # the label, in another case
            ("dont_knwo", ("dont_know",)),
            ("dont_kn", ("dont_know",)),  # two edits to a code of 9 characters
            ("closd", ("closed",)),  # one edit to a code under 9 characters
            ("NO", ("no",)),
            (1, ("1",)),
        ],
    )
    def test_slips(self, value, expected):
        assert near_misses(value, self.CHOICES) == expected

    @pytest.mark.parametrize(
        "value",
        [
            "asked_xepresd",  # three edits
            "nO!",  # an edit to a two-letter code
            "Ng",
            "2",  # an edit to a one-character code
            "clsd",  # two edits to a code under 9 characters
            "Margaret Thornton",
            "",
            True,
            None,
            1.0,
            ["no"],
            "no" * 200,
        ],
    )
    def test_not_slips(self, value):
        assert near_misses(value, self.CHOICES) == ()

    def test_the_nearest_only_each_once_in_order_at_most_three(self):
        choices = {f"code_{c}": f"code_{c}" for c in "abcde"} | {"Code A": "code_a"}
        assert near_misses("code_x", choices) == ("code_a", "code_b", "code_c")
        assert near_misses("code_a", choices) == ("code_a",)
        assert near_misses(" CODE A", {"code_b": "code_b", "Code A": "code_a"}) == ("code_a",)
