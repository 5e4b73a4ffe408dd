"""Mappings from source code lists to the SAC lists, and SAC age bands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from msp import CollectionYear
from msp.codes import (
    AgeBand,
    Census2021EthnicGroup,
    DetailedPrimarySupportReason,
    NhsEthnicCategory,
    NhsGenderIdentity,
    PrimarySupportReason,
    SacEthnicity,
    SacGender,
    mappings,
)
from msp.codes.mappings import (
    CENSUS_2021_TO_SAC_ETHNICITY,
    DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON,
    NHS_ETHNIC_CATEGORY_TO_SAC,
    NHS_GENDER_IDENTITY_TO_SAC,
    age_at,
    sac_age_band,
    sac_age_reference_date,
    sac_ethnicity_from_census_2021,
    sac_ethnicity_from_nhs,
    sac_gender_from_nhs,
    sac_primary_support_reason,
)

_S = SacEthnicity

# NHS ETHNIC CATEGORY (2001 Census) national code -> SAC SG1c (reference.md §5.2).
NHS_ETHNIC = [
    ("A", _S.WHITE),
    ("B", _S.WHITE),
    ("C", _S.WHITE),
    ("D", _S.MIXED),
    ("E", _S.MIXED),
    ("F", _S.MIXED),
    ("G", _S.MIXED),
    ("H", _S.ASIAN),
    ("J", _S.ASIAN),
    ("K", _S.ASIAN),
    ("L", _S.ASIAN),
    ("M", _S.BLACK),
    ("N", _S.BLACK),
    ("P", _S.BLACK),
    ("R", _S.OTHER),  # Chinese: "Other Ethnic Groups" in the 2001 classification
    ("S", _S.OTHER),
    ("Z", _S.REFUSED),
    ("99", _S.NOT_KNOWN),
]

# ONS Census 2021 ethnic group code -> SAC SG1c.
CENSUS_2021 = [
    ("1", _S.ASIAN),  # Bangladeshi
    ("2", _S.ASIAN),  # Chinese: Asian in 2021
    ("3", _S.ASIAN),  # Indian
    ("4", _S.ASIAN),  # Pakistani
    ("5", _S.ASIAN),  # Other Asian
    ("6", _S.BLACK),  # African
    ("7", _S.BLACK),  # Caribbean
    ("8", _S.BLACK),  # Other Black
    ("9", _S.MIXED),  # White and Asian
    ("10", _S.MIXED),  # White and Black African
    ("11", _S.MIXED),  # White and Black Caribbean
    ("12", _S.MIXED),  # Other Mixed
    ("13", _S.WHITE),  # English, Welsh, Scottish, Northern Irish or British
    ("14", _S.WHITE),  # Irish
    ("15", _S.WHITE),  # Gypsy or Irish Traveller
    ("16", _S.WHITE),  # Roma
    ("17", _S.WHITE),  # Other White
    ("18", _S.OTHER),  # Arab
    ("19", _S.OTHER),  # Any other ethnic group
    ("-8", _S.NOT_KNOWN),  # Does not apply
]

# NHS GENDER IDENTITY CODE -> SAC SG1b.
GENDER = [
    ("1", SacGender.MALE),
    ("2", SacGender.FEMALE),
    ("3", SacGender.NOT_KNOWN),
    ("4", SacGender.NOT_KNOWN),
    ("Z", SacGender.NOT_KNOWN),
    ("X", SacGender.NOT_KNOWN),
]

_P = PrimarySupportReason
# Detailed CLD primary support reason code -> SAC SG1d.
DETAILED_PSR = [
    ("physical_access_and_mobility", _P.PHYSICAL),
    ("physical_personal_care", _P.PHYSICAL),
    ("sensory_visual", _P.SENSORY),
    ("sensory_hearing", _P.SENSORY),
    ("sensory_dual", _P.SENSORY),
    ("memory_and_cognition", _P.MEMORY_AND_COGNITION),
    ("learning_disability", _P.LEARNING_DISABILITY),
    ("mental_health", _P.MENTAL_HEALTH),
    ("social_substance_misuse", _P.SOCIAL),
    ("social_asylum_seeker", _P.SOCIAL),
    ("social_isolation_other", _P.SOCIAL),
    ("not_known", _P.NOT_KNOWN),
]


class TestEthnicity:
    """NHS and 2021 Census ethnic categories map to the SAC groups, every member and None included."""

    @pytest.mark.parametrize(("code", "expected"), NHS_ETHNIC)
    def test_nhs_ethnic_category_maps_to_sac_group(self, code, expected):
        member = NhsEthnicCategory(code)
        assert sac_ethnicity_from_nhs(member) is expected
        assert NHS_ETHNIC_CATEGORY_TO_SAC[member] is expected

    @pytest.mark.parametrize(("code", "expected"), CENSUS_2021)
    def test_census_2021_group_maps_to_sac_group(self, code, expected):
        member = Census2021EthnicGroup(code)
        assert sac_ethnicity_from_census_2021(member) is expected
        assert CENSUS_2021_TO_SAC_ETHNICITY[member] is expected

    def test_tables_cover_every_member(self):
        assert [code for code, _ in NHS_ETHNIC] == list(NhsEthnicCategory.codes())
        assert [code for code, _ in CENSUS_2021] == list(Census2021EthnicGroup.codes())
        assert set(NHS_ETHNIC_CATEGORY_TO_SAC) == set(NhsEthnicCategory)
        assert set(CENSUS_2021_TO_SAC_ETHNICITY) == set(Census2021EthnicGroup)

    def test_chinese_is_asian_in_2021_but_other_in_the_nhs_2001_list(self):
        assert sac_ethnicity_from_census_2021(Census2021EthnicGroup.CHINESE) is SacEthnicity.ASIAN
        assert sac_ethnicity_from_nhs(NhsEthnicCategory.R) is SacEthnicity.OTHER

    def test_none_is_not_known(self):
        assert sac_ethnicity_from_nhs(None) is SacEthnicity.NOT_KNOWN
        assert sac_ethnicity_from_census_2021(None) is SacEthnicity.NOT_KNOWN

    def test_every_sac_group_is_reachable_from_the_nhs_list(self):
        assert set(NHS_ETHNIC_CATEGORY_TO_SAC.values()) == set(SacEthnicity)


class TestGender:
    """NHS gender identity codes map to the SAC genders, None to Not Known."""

    @pytest.mark.parametrize(("code", "expected"), GENDER)
    def test_nhs_gender_identity_maps_to_sac_gender(self, code, expected):
        member = NhsGenderIdentity(code)
        assert sac_gender_from_nhs(member) is expected
        assert NHS_GENDER_IDENTITY_TO_SAC[member] is expected

    def test_table_covers_every_member(self):
        assert [code for code, _ in GENDER] == list(NhsGenderIdentity.codes())
        assert set(NHS_GENDER_IDENTITY_TO_SAC) == set(NhsGenderIdentity)

    def test_none_is_not_known(self):
        assert sac_gender_from_nhs(None) is SacGender.NOT_KNOWN


class TestPrimarySupportReason:
    """Each detailed primary support reason collapses to its SAC group, None to Not Known."""

    @pytest.mark.parametrize(("code", "expected"), DETAILED_PSR)
    def test_detailed_reason_collapses_to_its_group(self, code, expected):
        member = DetailedPrimarySupportReason(code)
        assert sac_primary_support_reason(member) is expected
        assert DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[member] is expected

    def test_table_covers_every_member(self):
        assert [code for code, _ in DETAILED_PSR] == list(DetailedPrimarySupportReason.codes())
        assert set(DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON) == set(DetailedPrimarySupportReason)

    def test_none_is_not_known(self):
        assert sac_primary_support_reason(None) is PrimarySupportReason.NOT_KNOWN

    def test_no_detailed_reason_maps_to_no_support_reason(self):
        assert PrimarySupportReason.NO_SUPPORT_REASON not in set(DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON.values())


TABLES = [
    NHS_ETHNIC_CATEGORY_TO_SAC,
    CENSUS_2021_TO_SAC_ETHNICITY,
    NHS_GENDER_IDENTITY_TO_SAC,
    DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON,
]


class TestMappingsAreReadOnly:
    """The mapping tables cannot be changed at run time, and every table the module exports is checked here."""

    @pytest.mark.parametrize("table", TABLES)
    def test_assignment_is_refused(self, table):
        key = next(iter(table))
        with pytest.raises(TypeError):
            table[key] = None

    def test_every_exported_table_is_checked_and_the_rest_are_functions(self):
        """A table added to __all__ must join TABLES (and so the read-only check); everything else is a function."""
        exported = [getattr(mappings, name) for name in mappings.__all__]
        tables = [value for value in exported if isinstance(value, Mapping)]
        assert sorted(map(id, tables)) == sorted(map(id, TABLES))
        assert all(callable(value) for value in exported if not isinstance(value, Mapping))


BIRTH = date(1960, 6, 15)


def _birthday(age: int, dob: date = BIRTH) -> date:
    return dob.replace(year=dob.year + age)


def _eve(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


class TestAgeBand:
    """SAC age bands change on the birthday; under 18 and a reference date before birth are refused."""

    @pytest.mark.parametrize(
        ("age", "before", "on"),
        [
            (18, None, AgeBand.AGE_18_64),
            (65, AgeBand.AGE_18_64, AgeBand.AGE_65_74),
            (75, AgeBand.AGE_65_74, AgeBand.AGE_75_84),
            (85, AgeBand.AGE_75_84, AgeBand.AGE_85_94),
            (95, AgeBand.AGE_85_94, AgeBand.AGE_95_PLUS),
        ],
    )
    def test_band_changes_on_the_birthday(self, age, before, on):
        birthday = _birthday(age)
        assert sac_age_band(BIRTH, birthday) is on
        if before is not None:
            assert sac_age_band(BIRTH, _eve(birthday)) is before

    def test_seventeen_years_364_days_is_not_an_adult(self):
        dob = date(2000, 6, 15)
        eve = date(2018, 6, 14)
        assert (eve - dob).days == 17 * 365 + 4 + 364  # 17 years (four leap days) and 364 days
        with pytest.raises(ValueError, match="under 18"):
            sac_age_band(dob, eve)

    def test_eighteenth_birthday_is_18_64(self):
        assert sac_age_band(date(2000, 6, 15), date(2018, 6, 15)) is AgeBand.AGE_18_64

    def test_64_is_18_64_and_65_is_65_74(self):
        assert sac_age_band(BIRTH, date(2025, 6, 14)) is AgeBand.AGE_18_64
        assert sac_age_band(BIRTH, date(2025, 6, 15)) is AgeBand.AGE_65_74

    def test_very_old_is_95_plus(self):
        assert sac_age_band(date(1905, 1, 1), date(2025, 3, 31)) is AgeBand.AGE_95_PLUS

    def test_unknown_date_of_birth_is_age_unknown(self):
        assert sac_age_band(None, date(2025, 3, 31)) is AgeBand.UNKNOWN

    def test_reference_date_before_birth_raises(self):
        with pytest.raises(ValueError, match="before the date of birth"):
            sac_age_band(date(2000, 1, 2), date(2000, 1, 1))

    def test_under_18_message_carries_no_date(self):
        with pytest.raises(ValueError) as info:
            sac_age_band(date(2010, 2, 3), date(2025, 3, 31))
        assert "2010" not in str(info.value)
        assert "2025" not in str(info.value)

    @given(st.dates(min_value=date(1900, 1, 1), max_value=date(2007, 12, 31)))
    def test_band_agrees_with_whole_years(self, dob):
        on = date(2026, 3, 31)
        age = age_at(dob, on)
        band = sac_age_band(dob, on)
        lower, upper = {
            AgeBand.AGE_18_64: (18, 64),
            AgeBand.AGE_65_74: (65, 74),
            AgeBand.AGE_75_84: (75, 84),
            AgeBand.AGE_85_94: (85, 94),
            AgeBand.AGE_95_PLUS: (95, 200),
        }[band]
        assert lower <= age <= upper


class TestLeapDayBirthdays:
    """A 29 February birthday falls on 28 February in a common year."""

    @given(
        st.one_of(
            st.dates(date(1890, 1, 1), date(2030, 12, 31)), st.sampled_from([date(2000, 2, 29), date(1904, 2, 29)])
        ),
        st.integers(0, 45_000),
    )
    def test_whole_years_as_dateutil_counts_them(self, dob, days):
        # age_at counts without building a relativedelta: the reference it replaced
        on = date.fromordinal(min(dob.toordinal() + days, date.max.toordinal()))
        assert age_at(dob, on) == relativedelta(on, dob).years

    LEAP = date(2004, 2, 29)

    def test_birthday_falls_on_28_february_in_a_common_year(self):
        assert age_at(self.LEAP, date(2022, 2, 27)) == 17
        assert age_at(self.LEAP, date(2022, 2, 28)) == 18
        assert age_at(self.LEAP, date(2022, 3, 1)) == 18

    def test_birthday_is_29_february_in_a_leap_year(self):
        assert age_at(self.LEAP, date(2024, 2, 28)) == 19
        assert age_at(self.LEAP, date(2024, 2, 29)) == 20

    def test_leap_day_adult_band_edge(self):
        with pytest.raises(ValueError):
            sac_age_band(self.LEAP, date(2022, 2, 27))
        assert sac_age_band(self.LEAP, date(2022, 2, 28)) is AgeBand.AGE_18_64

    def test_leap_day_65th_birthday_in_a_common_year(self):
        dob = date(1960, 2, 29)
        assert sac_age_band(dob, date(2025, 2, 27)) is AgeBand.AGE_18_64
        assert sac_age_band(dob, date(2025, 2, 28)) is AgeBand.AGE_65_74


class TestAgeAt:
    """age_at counts whole years and refuses a date before birth."""

    def test_whole_years(self):
        assert age_at(date(1960, 6, 15), date(2025, 6, 14)) == 64
        assert age_at(date(1960, 6, 15), date(2025, 6, 15)) == 65
        assert age_at(date(1960, 6, 15), date(1960, 6, 15)) == 0

    def test_date_before_birth_raises(self):
        with pytest.raises(ValueError):
            age_at(date(2000, 1, 2), date(2000, 1, 1))


class TestReferenceDate:
    """The SAC age is taken at 31 March, or at the date of death if earlier."""

    YEAR = CollectionYear(start=2024)

    def test_living_adult_is_aged_at_31_march(self):
        assert sac_age_reference_date(self.YEAR) == date(2025, 3, 31)
        assert sac_age_reference_date(self.YEAR, None) == date(2025, 3, 31)

    def test_death_before_31_march_uses_the_date_of_death(self):
        assert sac_age_reference_date(self.YEAR, date(2025, 1, 10)) == date(2025, 1, 10)
        assert sac_age_reference_date(self.YEAR, date(2025, 3, 30)) == date(2025, 3, 30)

    def test_death_after_31_march_uses_31_march(self):
        assert sac_age_reference_date(self.YEAR, date(2025, 4, 10)) == date(2025, 3, 31)

    def test_death_on_31_march_is_31_march(self):
        assert sac_age_reference_date(self.YEAR, date(2025, 3, 31)) == date(2025, 3, 31)

    def test_death_changes_the_band(self):
        dob = date(1960, 2, 1)  # 65 on 1 February 2025
        assert sac_age_band(dob, sac_age_reference_date(self.YEAR)) is AgeBand.AGE_65_74
        died = sac_age_reference_date(self.YEAR, date(2025, 1, 20))
        assert sac_age_band(dob, died) is AgeBand.AGE_18_64
