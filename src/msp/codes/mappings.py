"""Mappings from source code lists to the SAC code lists, and SAC age bands.

Each function documents its source. Where a mapping is a design choice rather
than a published rule it says so ("a design choice of this library").

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from msp.codes import (
    AgeBand,
    Census2021EthnicGroup,
    DetailedPrimarySupportReason,
    NhsEthnicCategory,
    NhsGenderIdentity,
    PrimarySupportReason,
    SacEthnicity,
    SacGender,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from msp.codes.years import CollectionYear

__all__ = [
    "CENSUS_2021_TO_SAC_ETHNICITY",
    "DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON",
    "NHS_ETHNIC_CATEGORY_TO_SAC",
    "NHS_GENDER_IDENTITY_TO_SAC",
    "age_at",
    "sac_age_band",
    "sac_age_reference_date",
    "sac_ethnicity_from_census_2021",
    "sac_ethnicity_from_nhs",
    "sac_gender_from_nhs",
    "sac_primary_support_reason",
]

_E = NhsEthnicCategory
_S = SacEthnicity

#: NHS ETHNIC CATEGORY (2001 Census) to SAC SG1c. Source: NHS Data Dictionary
#: groups (data element ETHNIC CATEGORY). In the 2001 classification Chinese (R) sits under
#: "Other Ethnic Groups", so it maps to ``Other Ethnic Group``; compare
#: :data:`CENSUS_2021_TO_SAC_ETHNICITY`, where Chinese is Asian. Z (asked but
#: declined) is ``Refused``; 99 (not known) is ``Undeclared / Not Known``.
NHS_ETHNIC_CATEGORY_TO_SAC: Mapping[NhsEthnicCategory, SacEthnicity] = MappingProxyType(
    {
        _E.A: _S.WHITE,
        _E.B: _S.WHITE,
        _E.C: _S.WHITE,
        _E.D: _S.MIXED,
        _E.E: _S.MIXED,
        _E.F: _S.MIXED,
        _E.G: _S.MIXED,
        _E.H: _S.ASIAN,
        _E.J: _S.ASIAN,
        _E.K: _S.ASIAN,
        _E.L: _S.ASIAN,
        _E.M: _S.BLACK,
        _E.N: _S.BLACK,
        _E.P: _S.BLACK,
        _E.R: _S.OTHER,
        _E.S: _S.OTHER,
        _E.Z: _S.REFUSED,
        _E.NOT_KNOWN: _S.NOT_KNOWN,
    }
)

_G = Census2021EthnicGroup

#: ONS Census 2021 ethnic group to SAC SG1c. Source: the Census 2021 headings
#: (ONS), which DHSC's Client Level Data guidance (release 1) adopted. Chinese is under "Asian" here.
#: Roma is White. "Does not apply" (-8) carries no ethnicity, so it is
#: ``Undeclared / Not Known``.
CENSUS_2021_TO_SAC_ETHNICITY: Mapping[Census2021EthnicGroup, SacEthnicity] = MappingProxyType(
    {
        _G.BANGLADESHI: _S.ASIAN,
        _G.CHINESE: _S.ASIAN,
        _G.INDIAN: _S.ASIAN,
        _G.PAKISTANI: _S.ASIAN,
        _G.OTHER_ASIAN: _S.ASIAN,
        _G.AFRICAN: _S.BLACK,
        _G.CARIBBEAN: _S.BLACK,
        _G.OTHER_BLACK: _S.BLACK,
        _G.WHITE_AND_ASIAN: _S.MIXED,
        _G.WHITE_AND_BLACK_AFRICAN: _S.MIXED,
        _G.WHITE_AND_BLACK_CARIBBEAN: _S.MIXED,
        _G.OTHER_MIXED: _S.MIXED,
        _G.WHITE_BRITISH: _S.WHITE,
        _G.WHITE_IRISH: _S.WHITE,
        _G.GYPSY_OR_IRISH_TRAVELLER: _S.WHITE,
        _G.ROMA: _S.WHITE,
        _G.OTHER_WHITE: _S.WHITE,
        _G.ARAB: _S.OTHER,
        _G.ANY_OTHER: _S.OTHER,
        _G.DOES_NOT_APPLY: _S.NOT_KNOWN,
    }
)

#: NHS GENDER IDENTITY CODE to SAC SG1b. The SAC accepts only Male, Female and
#: Not Known (SAC guidance 2024-25, SG1b); the mapping of the other codes is a design
#: choice of this library. Male and female include trans men
#: and trans women, as the NHS code says. Non-binary (3), Other (4), Not Stated
#: (Z) and Not Known (X) map to ``Not Known``: the return has no category for
#: them, and putting a non-binary person under Male or Female would record a
#: gender they do not hold. Data teams should explain the count in the return's
#: comment box; :func:`msp.codes.mappings.sac_gender_from_nhs` makes the choice visible.
NHS_GENDER_IDENTITY_TO_SAC: Mapping[NhsGenderIdentity, SacGender] = MappingProxyType(
    {
        NhsGenderIdentity.MALE: SacGender.MALE,
        NhsGenderIdentity.FEMALE: SacGender.FEMALE,
        NhsGenderIdentity.NON_BINARY: SacGender.NOT_KNOWN,
        NhsGenderIdentity.OTHER: SacGender.NOT_KNOWN,
        NhsGenderIdentity.NOT_STATED: SacGender.NOT_KNOWN,
        NhsGenderIdentity.NOT_KNOWN: SacGender.NOT_KNOWN,
    }
)

_D = DetailedPrimarySupportReason
_P = PrimarySupportReason

#: Detailed CLD primary support reason to SAC SG1d: each detailed value
#: collapses to its group heading (a design choice of this library, following the
#: group headings of DHSC's Client Level Data guidance, release 1).
DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON: Mapping[DetailedPrimarySupportReason, PrimarySupportReason] = MappingProxyType(
    {
        _D.PHYSICAL_ACCESS_AND_MOBILITY: _P.PHYSICAL,
        _D.PHYSICAL_PERSONAL_CARE: _P.PHYSICAL,
        _D.SENSORY_VISUAL: _P.SENSORY,
        _D.SENSORY_HEARING: _P.SENSORY,
        _D.SENSORY_DUAL: _P.SENSORY,
        _D.MEMORY_AND_COGNITION: _P.MEMORY_AND_COGNITION,
        _D.LEARNING_DISABILITY: _P.LEARNING_DISABILITY,
        _D.MENTAL_HEALTH: _P.MENTAL_HEALTH,
        _D.SOCIAL_SUBSTANCE_MISUSE: _P.SOCIAL,
        _D.SOCIAL_ASYLUM_SEEKER: _P.SOCIAL,
        _D.SOCIAL_ISOLATION_OTHER: _P.SOCIAL,
        _D.NOT_KNOWN: _P.NOT_KNOWN,
    }
)


def sac_ethnicity_from_nhs(code: NhsEthnicCategory | None) -> SacEthnicity:
    """SAC SG1c group for an NHS (2001 Census) ethnic category; ``None`` is not known.

    Source: NHS Data Dictionary ETHNIC CATEGORY; see :data:`NHS_ETHNIC_CATEGORY_TO_SAC`.
    """
    return SacEthnicity.NOT_KNOWN if code is None else NHS_ETHNIC_CATEGORY_TO_SAC[code]


def sac_ethnicity_from_census_2021(code: Census2021EthnicGroup | None) -> SacEthnicity:
    """SAC SG1c group for an ONS Census 2021 ethnic group; ``None`` is not known.

    Source: ONS Census 2021 dictionary; see :data:`CENSUS_2021_TO_SAC_ETHNICITY`.
    """
    return SacEthnicity.NOT_KNOWN if code is None else CENSUS_2021_TO_SAC_ETHNICITY[code]


def sac_gender_from_nhs(code: NhsGenderIdentity | None) -> SacGender:
    """SAC SG1b gender for an NHS gender identity code; ``None`` is not known.

    Non-binary and other identities map to ``Not Known``; see
    :data:`NHS_GENDER_IDENTITY_TO_SAC` for why.
    """
    return SacGender.NOT_KNOWN if code is None else NHS_GENDER_IDENTITY_TO_SAC[code]


def sac_primary_support_reason(code: DetailedPrimarySupportReason | None) -> PrimarySupportReason:
    """SAC SG1d primary support reason for a detailed CLD one; ``None`` is not known."""
    return PrimarySupportReason.NOT_KNOWN if code is None else DETAILED_TO_SAC_PRIMARY_SUPPORT_REASON[code]


_FEBRUARY: Final = 2
_LEAP_DAY: Final = 29


def age_at(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date (birthdays on 29 February fall on 28 February).

    Raises:
        ValueError: ``on`` is before ``date_of_birth``.
    """
    if on < date_of_birth:
        msg = "the date is before the date of birth"
        raise ValueError(msg)
    # dateutil's relativedelta(on, date_of_birth).years, without building one (about 25 µs a call): the
    # years passed, less one where this year's birthday (28 February for 29 February outside leap years)
    # is still to come. A test holds the two equal.
    month, day = date_of_birth.month, date_of_birth.day
    if month == _FEBRUARY and day == _LEAP_DAY and not calendar.isleap(on.year):
        day -= 1
    return on.year - date_of_birth.year - ((on.month, on.day) < (month, day))


def sac_age_reference_date(year: CollectionYear, date_of_death: date | None = None) -> date:
    """The date SAC age is taken on: 31 March of the collection year, or the
    date of death where the adult died before it (SAC guidance 2024-25, SG1)."""
    if date_of_death is not None and date_of_death < year.last_day:
        return date_of_death
    return year.last_day


_BANDS = (
    (95, AgeBand.AGE_95_PLUS),
    (85, AgeBand.AGE_85_94),
    (75, AgeBand.AGE_75_84),
    (65, AgeBand.AGE_65_74),
    (18, AgeBand.AGE_18_64),
)


def sac_age_band(date_of_birth: date | None, reference_date: date) -> AgeBand:
    """SAC SG1a age band on ``reference_date`` (see :func:`sac_age_reference_date`).

    An unknown date of birth gives :attr:`AgeBand.UNKNOWN`.

    Raises:
        ValueError: the adult is under 18 on the reference date (the SAC covers
            adults only; children go to children's services), or the reference
            date is before the date of birth.
    """
    if date_of_birth is None:
        return AgeBand.UNKNOWN
    age = age_at(date_of_birth, reference_date)
    for lower, band in _BANDS:
        if age >= lower:
            return band
    msg = "under 18 on the reference date: not counted in the SAC"
    raise ValueError(msg)
