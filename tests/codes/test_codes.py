"""Code lists: exact SAC labels (reference.md §1.3, §5.2), codes, label look-up."""

from __future__ import annotations

import inspect
import pickle

import pytest

from msp import codes
from msp.codes import (
    ActionTakenAndResult,
    AgeBand,
    CapacityLacked,
    Census2021EthnicGroup,
    CodeList,
    DetailedPrimarySupportReason,
    DetailedSourceOfRisk,
    EnquiryRoute,
    EnquiryType,
    HealthCondition,
    LocationOfRisk,
    MspAsked,
    NhsEthnicCategory,
    NhsGenderIdentity,
    OutcomeAchievement,
    PrimarySupportReason,
    RepresentativeKind,
    RiskOutcome,
    SacEthnicity,
    SacGender,
    SourceOfRisk,
    TypeOfRisk,
)

ALL_LISTS = [
    obj
    for name in codes.__all__
    if inspect.isclass(obj := getattr(codes, name)) and issubclass(obj, CodeList) and obj is not CodeList
]

# Copied from reference.md §1.3 (NHS Digital's publication pipeline), in order.
SAC_LABELS: dict[type[CodeList], list[str]] = {
    TypeOfRisk: [
        "Physical Abuse",
        "Sexual Abuse",
        "Psychological Abuse",
        "Financial or Material Abuse",
        "Discriminatory Abuse",
        "Organisational Abuse",
        "Neglect and Acts of Omission",
        "Domestic Abuse",
        "Sexual Exploitation",
        "Modern Slavery",
        "Self-Neglect",
    ],
    LocationOfRisk: [
        "Own Home",
        "In the Community",
        "Community Service",
        "Care Home - Nursing",
        "Care Home - Residential",
        "Hospital - Acute",
        "Hospital - Mental Health",
        "Hospital - Community",
        "Other",
    ],
    SourceOfRisk: [
        "Service Provider",
        "Other - Known to individual",
        "Other - Unknown to individual",
    ],
    ActionTakenAndResult: [
        "Risk identified and action taken",
        "Risk identified and no action taken",
        "Risk Assessment inconclusive and action taken",
        "Risk Assessment inconclusive and no action taken",
        "No risk identified and action taken",
        "No risk identified and no action taken",
        "Enquiry ceased at individual's request and no action taken",
    ],
    RiskOutcome: ["Risk remained", "Risk reduced", "Risk removed"],
    CapacityLacked: [
        "Yes, they lacked capacity",
        "No, they did not lack capacity",
        "Don't know",
        "Not recorded",
    ],
    MspAsked: [
        "Yes they were asked and outcomes were expressed",
        "Yes they were asked but no outcomes were expressed",
        "No",
        "Don't Know",
        "Not Recorded",
    ],
    OutcomeAchievement: ["Fully Achieved", "Partially Achieved", "Not Achieved"],
    SacGender: ["Male", "Female", "Not Known"],
    SacEthnicity: [
        "White",
        "Mixed / Multiple",
        "Asian / Asian British",
        "Black / African / Caribbean / Black British",
        "Other Ethnic Group",
        "Refused",
        "Undeclared / Not Known",
    ],
    PrimarySupportReason: [
        "Physical Support",
        "Sensory Support",
        "Support with Memory and Cognition",
        "Learning Disability Support",
        "Mental Health Support",
        "Social Support",
        "No Support Reason",
        "Not Known",
    ],
    HealthCondition: [
        (
            "Learning, Developmental or Intellectual Disability "
            "(Autism excluding Asperger's Syndrome/ High Functioning Autism)"
        ),
        "Learning, Developmental or Intellectual Disability (Asperger's Syndrome/ High Functioning Autism)",
    ],
    EnquiryType: ["Section 42 Enquiries", "Other Enquiries"],
    # reference.md §5.2: the ASC-CLD detailed primary support reasons.
    DetailedPrimarySupportReason: [
        "Physical Support: Access & mobility only",
        "Physical Support: Personal care support",
        "Sensory Support: Support for visual impairment",
        "Sensory Support: Support for hearing impairment",
        "Sensory Support: Support for dual impairment",
        "Support with Memory & Cognition",
        "Learning Disability Support",
        "Mental Health Support",
        "Social Support: Substance misuse support",
        "Social Support: Asylum seeker support",
        "Social Support: Support for Social Isolation/Other",
        "PSR Not Known",
    ],
}

EXPECTED_COUNTS = {
    TypeOfRisk: 11,
    LocationOfRisk: 9,
    SourceOfRisk: 3,
    ActionTakenAndResult: 7,
    RiskOutcome: 3,
    CapacityLacked: 4,
    MspAsked: 5,
    OutcomeAchievement: 3,
    SacEthnicity: 7,
    PrimarySupportReason: 8,
    DetailedPrimarySupportReason: 12,
    SacGender: 3,
    HealthCondition: 2,
    EnquiryType: 2,
    NhsEthnicCategory: 18,
    Census2021EthnicGroup: 20,
    NhsGenderIdentity: 6,
}

# The detailed source of risk (reference.md §1.3, Hackney's list) and its SAC column.
_P = SourceOfRisk.SERVICE_PROVIDER
_K = SourceOfRisk.KNOWN_TO_INDIVIDUAL
_U = SourceOfRisk.UNKNOWN_TO_INDIVIDUAL
DETAILED_SOURCES: list[tuple[DetailedSourceOfRisk, str, SourceOfRisk]] = [
    (DetailedSourceOfRisk.PROVIDER_PUBLIC_SECTOR, "Social Care Support or Service Provider - public sector", _P),
    (DetailedSourceOfRisk.PROVIDER_PRIVATE_SECTOR, "Social Care Support or Service Provider - private sector", _P),
    (DetailedSourceOfRisk.PROVIDER_VOLUNTARY, "Social Care Support or Service Provider - voluntary", _P),
    (DetailedSourceOfRisk.KNOWN_SELF, "Known to Individual - Self", _K),
    (DetailedSourceOfRisk.KNOWN_RELATIVE_FAMILY_CARER, "Known to Individual - Relative/family/carer", _K),
    (DetailedSourceOfRisk.KNOWN_NOT_RELATED, "Known to Individual - Individual - known but not related", _K),
    (DetailedSourceOfRisk.KNOWN_PRIMARY_HEALTH_CARE, "Known to Individual - Primary health care", _K),
    (DetailedSourceOfRisk.KNOWN_SECONDARY_HEALTH_CARE, "Known to Individual - Secondary health care", _K),
    (DetailedSourceOfRisk.KNOWN_COMMUNITY_HEALTH_CARE, "Known to Individual - Community health care", _K),
    (
        DetailedSourceOfRisk.KNOWN_SOCIAL_CARE_STAFF,
        "Known to Individual - Social care staff - care management and assessment",
        _K,
    ),
    (DetailedSourceOfRisk.KNOWN_POLICE, "Known to Individual - Police", _K),
    (DetailedSourceOfRisk.KNOWN_REGULATOR, "Known to Individual - Regulator", _K),
    (DetailedSourceOfRisk.KNOWN_OTHER_PUBLIC_SECTOR, "Known to Individual - Other public sector", _K),
    (DetailedSourceOfRisk.KNOWN_OTHER_PRIVATE_SECTOR, "Known to Individual - Other private sector", _K),
    (DetailedSourceOfRisk.KNOWN_OTHER_VOLUNTARY, "Known to Individual - Other voluntary", _K),
    (DetailedSourceOfRisk.UNKNOWN_STRANGER, "Unknown to Individual - Individual - unknown/stranger", _U),
    (DetailedSourceOfRisk.UNKNOWN_PRIMARY_HEALTH_CARE, "Unknown to Individual - Primary health care", _U),
    (DetailedSourceOfRisk.UNKNOWN_SECONDARY_HEALTH_CARE, "Unknown to Individual - Secondary health care", _U),
    (DetailedSourceOfRisk.UNKNOWN_COMMUNITY_HEALTH_CARE, "Unknown to Individual - Community health care", _U),
    (
        DetailedSourceOfRisk.UNKNOWN_SOCIAL_CARE_STAFF,
        "Unknown to Individual - Social care staff - care management and assessment",
        _U,
    ),
    (DetailedSourceOfRisk.UNKNOWN_POLICE, "Unknown to Individual - Police", _U),
    (DetailedSourceOfRisk.UNKNOWN_REGULATOR, "Unknown to Individual - Regulator", _U),
    (DetailedSourceOfRisk.UNKNOWN_OTHER_PUBLIC_SECTOR, "Unknown to Individual - Other public sector", _U),
    (DetailedSourceOfRisk.UNKNOWN_OTHER_PRIVATE_SECTOR, "Unknown to Individual - Other private sector", _U),
    (DetailedSourceOfRisk.UNKNOWN_OTHER_VOLUNTARY, "Unknown to Individual - Other voluntary", _U),
]


def _ids(cls: type) -> str:
    return cls.__name__


class TestSacLabels:
    """The SAC code lists carry the published labels, in order, and the published number of values."""

    @pytest.mark.parametrize(("code_list", "labels"), SAC_LABELS.items(), ids=[c.__name__ for c in SAC_LABELS])
    def test_labels_are_the_exact_sac_labels_in_order(self, code_list, labels):
        assert [m.label for m in code_list] == labels

    @pytest.mark.parametrize(("code_list", "count"), EXPECTED_COUNTS.items(), ids=[c.__name__ for c in EXPECTED_COUNTS])
    def test_list_has_the_published_number_of_values(self, code_list, count):
        assert len(code_list) == count

    def test_sg1a_age_bands_are_the_published_bands_plus_unknown(self):
        assert [b.label for b in AgeBand] == ["18-64", "65-74", "75-84", "85-94", "95+", "Age Unknown"]
        assert [b.code for b in AgeBand][:5] == ["18-64", "65-74", "75-84", "85-94", "95+"]


class TestSourceLists:
    """The NHS and 2021 Census source lists use the national codes."""

    def test_nhs_ethnic_category_codes_are_the_national_codes(self):
        expected = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99"]
        assert list(NhsEthnicCategory.codes()) == expected

    def test_nhs_ethnic_category_has_no_i_o_or_q(self):
        assert not {"I", "O", "Q", "9"} & set(NhsEthnicCategory.codes())

    def test_census_2021_codes_run_1_to_19_then_minus_8(self):
        assert list(Census2021EthnicGroup.codes()) == [str(n) for n in range(1, 20)] + ["-8"]

    def test_census_2021_roma_is_16_and_chinese_is_2(self):
        assert Census2021EthnicGroup("16") is Census2021EthnicGroup.ROMA
        assert Census2021EthnicGroup("2") is Census2021EthnicGroup.CHINESE
        assert Census2021EthnicGroup.CHINESE.label.startswith("Asian")

    def test_nhs_gender_identity_codes(self):
        assert list(NhsGenderIdentity.codes()) == ["1", "2", "3", "4", "Z", "X"]
        assert NhsGenderIdentity("3").label == "Non-binary"

    def test_nhs_ethnic_chinese_is_under_other_ethnic_groups(self):
        assert NhsEthnicCategory.R.label == "Other Ethnic Groups - Chinese"


class TestDetailedSourceOfRisk:
    """Each detailed source of risk has its Hackney label and sits under one SAC source."""

    def test_every_member_is_in_the_table(self):
        assert [row[0] for row in DETAILED_SOURCES] == list(DetailedSourceOfRisk)

    @pytest.mark.parametrize(
        ("member", "label", "source"), DETAILED_SOURCES, ids=[m.name for m, _, _ in DETAILED_SOURCES]
    )
    def test_label_and_sac_source(self, member, label, source):
        assert member.label == label
        assert member.source is source

    def test_self_neglect_source_is_known_self(self):
        assert DetailedSourceOfRisk.from_label("Known to Individual - Self").source is SourceOfRisk.KNOWN_TO_INDIVIDUAL


class TestActionTakenAndResult:
    """The SG2c values say whether a risk was identified and whether action was taken."""

    @pytest.mark.parametrize("member", list(ActionTakenAndResult), ids=lambda m: m.name)
    def test_risk_identified_exactly_for_the_two_risk_identified_values(self, member):
        expected = member in {
            ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN,
            ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION,
        }
        assert member.risk_identified is expected
        assert member.risk_identified is member.label.startswith("Risk identified")

    def test_action_taken_for_the_three_action_taken_values(self):
        taken = {m for m in ActionTakenAndResult if m.action_taken}
        assert taken == {
            ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN,
            ActionTakenAndResult.INCONCLUSIVE_ACTION_TAKEN,
            ActionTakenAndResult.NO_RISK_ACTION_TAKEN,
        }
        assert all(m.label.endswith(" and action taken") for m in taken)


class TestPracticeListProperties:
    """Practice code lists derive the enquiry type from the route and who decides welfare."""

    def test_enquiry_route_gives_the_enquiry_type(self):
        assert EnquiryRoute.SECTION_42_ENQUIRY.enquiry_type is EnquiryType.SECTION_42
        assert EnquiryRoute.OTHER_ENQUIRY.enquiry_type is EnquiryType.OTHER
        assert EnquiryRoute.NO_ENQUIRY.enquiry_type is None

    def test_only_health_and_welfare_attorneys_and_deputies_decide_welfare(self):
        assert {k for k in RepresentativeKind if k.decides_welfare} == {
            RepresentativeKind.LPA_HEALTH_AND_WELFARE,
            RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE,
        }


class TestEveryCodeList:
    """Every code list has unique codes and labels, looks members up by either, and pickles."""

    def test_the_module_exports_the_code_lists(self):
        assert len(ALL_LISTS) == len(codes.__all__) - 2  # all but CodeList and export
        assert TypeOfRisk in ALL_LISTS
        assert DetailedSourceOfRisk in ALL_LISTS

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_codes_are_unique_non_empty_strings(self, code_list):
        found = [m.code for m in code_list]
        assert len(found) == len(set(found))
        assert all(isinstance(code, str) and code and code == code.strip() for code in found)
        assert code_list.codes() == tuple(found)

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_labels_are_unique_and_non_empty(self, code_list):
        labels = [m.label for m in code_list]
        assert all(label and label == label.strip() for label in labels)
        assert len({label.casefold() for label in labels}) == len(labels)

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_lookup_by_code_gives_the_member(self, code_list):
        for member in code_list:
            assert code_list(member.code) is member
            assert member.value == member.code

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_from_label_finds_each_member_exactly(self, code_list):
        for member in code_list:
            assert code_list.from_label(member.label) is member

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_from_label_ignores_case_and_surrounding_space(self, code_list):
        for member in code_list:
            assert code_list.from_label(member.label.upper()) is member
            assert code_list.from_label(member.label.lower()) is member
            assert code_list.from_label(f"  {member.label.swapcase()} ") is member

    @pytest.mark.parametrize("code_list", ALL_LISTS, ids=_ids)
    def test_members_pickle_to_themselves(self, code_list):
        for member in code_list:
            restored = pickle.loads(pickle.dumps(member))  # noqa: S301 - our own data
            assert restored is member
            assert restored.label == member.label


class TestFromLabelErrors:
    """A label or code that is not in a list raises ValueError naming the list, never the value."""

    def test_unknown_label_raises_value_error_naming_the_list(self):
        with pytest.raises(ValueError, match="not a TypeOfRisk label") as info:
            TypeOfRisk.from_label("CANARY-9f3 Zoë's neighbour")
        assert "CANARY-9f3" not in str(info.value)
        assert "Zoë" not in str(info.value)

    def test_a_code_is_not_a_label(self):
        with pytest.raises(ValueError, match="not a TypeOfRisk label"):
            TypeOfRisk.from_label("physical_abuse")

    def test_a_near_miss_is_not_a_label(self):
        with pytest.raises(ValueError, match="not a LocationOfRisk label"):
            LocationOfRisk.from_label("Care Home Nursing")

    def test_empty_label_raises(self):
        with pytest.raises(ValueError, match="not a SacGender label"):
            SacGender.from_label("")

    def test_message_uses_the_right_article(self):
        with pytest.raises(ValueError, match=r"^not an EnquiryType label$"):
            EnquiryType.from_label("nothing like it")

    def test_unknown_code_raises_value_error(self):
        with pytest.raises(ValueError):
            TypeOfRisk("Physical Abuse")
