"""Every probability and distribution the synthetic data is drawn from, in one place.

Each name has a one-line comment above it: what it models and, where there is
one, its source: "SAC national figures" are the published Safeguarding Adults
Collection results (NHS Digital and NHS England, *Safeguarding Adults, England*,
annual reports 2017-18 to 2023-24; DHSC, *Safeguarding adults, England, 2024 to
2025*). A weight with
no source is an illustrative choice that gives plausible records.
docs/synth.md shows these tables, generated from this module with their
comments (``python -m msp.synth._tables``), and a test keeps it current.

A chance is compared with one draw (``r() < CHANCE``). Cut-offs given as a
pair are cumulative: below the first, below the second, else the last case.
A :class:`~msp.synth._draw.Weighted` table picks one item with one draw; a
:class:`~msp.synth._draw.Days` spreads whole days evenly.

Changing any number here changes the generated records (and so the bundled
examples and every report made from them): regenerate examples/concerns.jsonl
and docs/synth.md after it.
"""

from __future__ import annotations

from msp.codes import (
    ActionStatus,
    ActionTakenAndResult,
    Census2021EthnicGroup,
    ClosureReason,
    ConsentGround,
    ConsentStatus,
    ConsulteeKind,
    ContactMethod,
    CrimeKind,
    DetailedPrimarySupportReason,
    DetailedSourceOfRisk,
    DomesticAbuseRiskLevel,
    DomesticAbuseRiskTool,
    EnquiryRoute,
    ExitRoute,
    FeedbackRespondent,
    LocationOfRisk,
    MeetingKind,
    NhsEthnicCategory,
    NhsGenderIdentity,
    OrganisationKind,
    OutcomeAchievement,
    PrimarySupportReason,
    QualityCheckOutcome,
    Relationship,
    RepresentativeKind,
    RiskOutcome,
    StrengthKind,
    TypeOfRisk,
)
from msp.synth._draw import Days, Weighted

_DPSR = DetailedPrimarySupportReason
_PSR = PrimarySupportReason
_SRC = DetailedSourceOfRisk
_LOC = LocationOfRisk
_REL = Relationship
_TYPE = TypeOfRisk

# == When concerns are received ==

# A day's weight is its month's weight times the yearly rise up to that day; the day is drawn with one draw.
# The daily rate of concerns by calendar month, relative: an assumption (no monthly figures are published).
MONTH_WEIGHT = {
    "January": 1.03,
    "February": 1.02,
    "March": 1.03,
    "April": 0.99,
    "May": 1.0,
    "June": 1.01,
    "July": 1.01,
    "August": 0.94,
    "September": 1.0,
    "October": 1.03,
    "November": 1.02,
    "December": 0.92,
}
# Yearly rise in the daily rate of concerns: SAC national figures (615,530 concerns in 2023-24, 640,240 in 2024-25).
CONCERNS_GROWTH_PER_YEAR = 0.04

# == Stages, routes and the date model ==

# The route the section 42 decision takes: about a quarter of concerns lead to an enquiry.
ROUTE = Weighted(
    [(EnquiryRoute.NO_ENQUIRY, 76.5), (EnquiryRoute.SECTION_42_ENQUIRY, 21), (EnquiryRoute.OTHER_ENQUIRY, 2.5)],
)
# Chance that an enquiry ceases at the adult's request rather than concluding (SAC SG2c).
ENQUIRY_CEASED = 0.05
# Chance that an enquiry that ceased at the adult's request had a safeguarding plan first.
PLAN_BEFORE_CEASING = 0.15
# Chance that a concluded enquiry had a safeguarding plan first.
PLAN_BEFORE_CONCLUDING = 0.68
# Days from receipt to information gathering: cut-offs for the same day and the next day.
GATHERING_SAME_DAY, GATHERING_NEXT_DAY = 0.6, 0.85
# Days from receipt to information gathering, when later than the next day.
GATHERING_LATER_DAYS = Days(2, 3)
# Days from information gathering to the decision: cut-offs for within two days and within a week.
DECISION_SOON, DECISION_WEEK = 0.5, 0.85
# Days to the decision, within two days: read from the cut-off draw itself (a third same day, a sixth next day).
DECISION_SOON_DAYS = Days(0, 3)
# Days to the decision, within a week.
DECISION_WEEK_DAYS = Days(3, 5)
# Days to the decision, after a week.
DECISION_LATER_DAYS = Days(8, 13)
# Days from the decision to the start of the enquiry.
ENQUIRY_START_DAYS = Days(0, 6)
# Days from the start of the enquiry to an agreed safeguarding plan.
PLAN_DAYS = Days(7, 29)
# Days from the start of the enquiry to its conclusion, without a plan.
CONCLUDED_DAYS = Days(14, 80)
# Days from the plan to the conclusion of the enquiry.
CONCLUDED_AFTER_PLAN_DAYS = Days(21, 80)
# Days from the start of the enquiry (or the plan) to ceasing at the adult's request.
CEASED_DAYS = Days(5, 41)
# Days from the last step to closure, after an enquiry.
CLOSED_AFTER_ENQUIRY_DAYS = Days(0, 22)
# Days from the last step to closure, without an enquiry.
CLOSED_DAYS = Days(0, 11)
# Days from the first contact (or start of enquiry) in which the adult is seen alone, with no end date yet.
SEEN_ALONE_WITHIN_DAYS = 14
# The first history entry on a day: the minute after midnight that working hours start (08:00).
WORKDAY_START_MINUTE = 8 * 60
# The first history entry on a day falls in this many working hours from the start.
WORKDAY_HOURS = 9
# Minutes after the previous history entry, for a later step on the same day.
HISTORY_LATER_MINUTES = Days(5, 40)

# == The adult ==

# Chance that a concern is about an adult who already has a concern in the data (about one in ten concerns).
REUSE_SHARE = 0.055
# How many recent adults a repeat concern may be about.
POOL_SIZE = 4096
# Chance that the date of birth is unknown.
DATE_OF_BIRTH_UNKNOWN = 0.006
# Age band (years, from and below), SG1a: 18-64 about a third, 85+ far over-represented (SAC national figures).
AGE_BAND = Weighted([((18, 65), 36), ((65, 75), 13), ((75, 85), 23), ((85, 95), 23), ((95, 104), 5)])
# NHS gender identity (SG1b): women about three in five.
GENDER = Weighted(
    [
        (NhsGenderIdentity.FEMALE, 59.5),
        (NhsGenderIdentity.MALE, 39.2),
        (NhsGenderIdentity.NON_BINARY, 0.3),
        (NhsGenderIdentity.OTHER, 0.1),
        (NhsGenderIdentity.NOT_STATED, 0.4),
        (NhsGenderIdentity.NOT_KNOWN, 0.5),
    ],
)
# Chance that the case system keeps the NHS ethnic category (else the ONS 2021 group).
NHS_ETHNIC_SHARE = 0.88
# NHS ethnic category (SG1c).
NHS_ETHNIC = Weighted(
    [
        (NhsEthnicCategory.A, 78),
        (NhsEthnicCategory.B, 1),
        (NhsEthnicCategory.C, 4),
        (NhsEthnicCategory.D, 0.5),
        (NhsEthnicCategory.E, 0.3),
        (NhsEthnicCategory.F, 0.4),
        (NhsEthnicCategory.G, 0.5),
        (NhsEthnicCategory.H, 2),
        (NhsEthnicCategory.J, 1.5),
        (NhsEthnicCategory.K, 0.7),
        (NhsEthnicCategory.L, 1),
        (NhsEthnicCategory.M, 1.3),
        (NhsEthnicCategory.N, 1.5),
        (NhsEthnicCategory.P, 0.4),
        (NhsEthnicCategory.R, 0.3),
        (NhsEthnicCategory.S, 1),
        (NhsEthnicCategory.Z, 1.6),
        (NhsEthnicCategory.NOT_KNOWN, 4),
    ],
)
# ONS 2021 ethnic group (SG1c), for the case systems that keep it: the same mix as the NHS categories.
CENSUS_ETHNIC = Weighted(
    [
        (Census2021EthnicGroup.WHITE_BRITISH, 78),
        (Census2021EthnicGroup.WHITE_IRISH, 1),
        (Census2021EthnicGroup.GYPSY_OR_IRISH_TRAVELLER, 0.3),
        (Census2021EthnicGroup.ROMA, 0.2),
        (Census2021EthnicGroup.OTHER_WHITE, 4),
        (Census2021EthnicGroup.WHITE_AND_BLACK_CARIBBEAN, 0.6),
        (Census2021EthnicGroup.WHITE_AND_BLACK_AFRICAN, 0.3),
        (Census2021EthnicGroup.WHITE_AND_ASIAN, 0.4),
        (Census2021EthnicGroup.OTHER_MIXED, 0.5),
        (Census2021EthnicGroup.INDIAN, 2),
        (Census2021EthnicGroup.PAKISTANI, 1.5),
        (Census2021EthnicGroup.BANGLADESHI, 0.7),
        (Census2021EthnicGroup.CHINESE, 0.3),
        (Census2021EthnicGroup.OTHER_ASIAN, 1),
        (Census2021EthnicGroup.CARIBBEAN, 1.3),
        (Census2021EthnicGroup.AFRICAN, 1.5),
        (Census2021EthnicGroup.OTHER_BLACK, 0.4),
        (Census2021EthnicGroup.ARAB, 0.3),
        (Census2021EthnicGroup.ANY_OTHER, 0.7),
        (Census2021EthnicGroup.DOES_NOT_APPLY, 3),
    ],
)
# Primary support reason (SG1d): the detailed reason, its SAC group, and the chance capacity is lacked.
PRIMARY_SUPPORT_REASON: Weighted[tuple[DetailedPrimarySupportReason | None, PrimarySupportReason, float]] = Weighted(
    [
        ((_DPSR.PHYSICAL_PERSONAL_CARE, _PSR.PHYSICAL, 0.08), 38),
        ((_DPSR.PHYSICAL_ACCESS_AND_MOBILITY, _PSR.PHYSICAL, 0.04), 10),
        ((_DPSR.MEMORY_AND_COGNITION, _PSR.MEMORY_AND_COGNITION, 0.62), 14),
        ((_DPSR.MENTAL_HEALTH, _PSR.MENTAL_HEALTH, 0.12), 14),
        ((_DPSR.LEARNING_DISABILITY, _PSR.LEARNING_DISABILITY, 0.45), 9),
        ((_DPSR.SENSORY_VISUAL, _PSR.SENSORY, 0.04), 0.8),
        ((_DPSR.SENSORY_HEARING, _PSR.SENSORY, 0.04), 0.8),
        ((_DPSR.SENSORY_DUAL, _PSR.SENSORY, 0.1), 0.4),
        ((_DPSR.SOCIAL_SUBSTANCE_MISUSE, _PSR.SOCIAL, 0.05), 2),
        ((_DPSR.SOCIAL_ASYLUM_SEEKER, _PSR.SOCIAL, 0.02), 0.3),
        ((_DPSR.SOCIAL_ISOLATION_OTHER, _PSR.SOCIAL, 0.05), 3),
        ((_DPSR.NOT_KNOWN, _PSR.NOT_KNOWN, 0.08), 5.7),
        ((None, _PSR.NO_SUPPORT_REASON, 0.02), 2),
    ],
)
# How the reason is recorded, cut-offs: both the SAC group and the detail; the detail only; else the group only.
PSR_BOTH, PSR_DETAIL_ONLY = 0.25, 0.9
# Health conditions (SG1e), cut-offs: autism (excluding Asperger's), Asperger's; else none.
AUTISM, ASPERGERS = 0.03, 0.04
# Chance that communication needs are recorded.
COMMUNICATION_NEEDS = 0.12
# The adult's preferred language.
LANGUAGE = Weighted(
    [
        ("English", 92),
        ("Polish", 1.2),
        ("Urdu", 1),
        ("Bengali", 0.8),
        ("Punjabi", 0.8),
        ("Gujarati", 0.6),
        ("Somali", 0.5),
        ("Arabic", 0.5),
        ("Portuguese", 0.5),
        ("Romanian", 0.6),
        ("British Sign Language", 0.5),
        ("Turkish", 0.5),
        ("Cantonese", 0.5),
    ],
)
# Chance that an interpreter is needed, where the preferred language is not English.
INTERPRETER_NEEDED = 0.75
# Chance that "no interpreter needed" is recorded for an English speaker (else left out).
INTERPRETER_NOT_NEEDED_RECORDED = 0.1
# Chance that the adult has a representative, where their support reason often goes with lacking capacity.
REPRESENTATIVE_IF_OFTEN_LACKING = 0.75
# Chance that the adult has a representative otherwise.
REPRESENTATIVE_OTHERWISE = 0.18
# A support reason's chance of lacking capacity above which "often" applies (above).
OFTEN_LACKING = 0.3
# The representative: kind, and whether the power is registered (attorneys only).
REPRESENTATIVE: Weighted[tuple[RepresentativeKind, bool | None]] = Weighted(
    [
        ((RepresentativeKind.FAMILY_OR_FRIEND, None), 62),
        ((RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS, True), 13),
        ((RepresentativeKind.LPA_HEALTH_AND_WELFARE, True), 11),
        ((RepresentativeKind.ENDURING_POWER_OF_ATTORNEY, True), 3),
        ((RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS, None), 8),
        ((RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE, None), 3),
    ],
)
# Added chance of lacking capacity for an adult aged 85 or over.
LACKS_CAPACITY_OVER_85 = 0.08
# 85 years in days (85 * 365.2425, rounded up): the age above which the chance above is added.
OVER_85_DAYS = 31046
# How many strengths are recorded, from information gathering on.
STRENGTH_COUNT = Days(1, 2)
# The kind of each strength.
STRENGTH_KIND = Weighted([(StrengthKind.PERSONAL, 45), (StrengthKind.FAMILY, 30), (StrengthKind.COMMUNITY, 25)])
# Chance that the people the adult wants involved are recorded, where the adult was asked (in an enquiry).
PEOPLE_INVOLVED_RECORDED = 0.7
# How many people involved are recorded.
PEOPLE_INVOLVED_COUNT = Days(1, 2)
# Chance that the adult wants a person involved.
ADULT_WANTS_INVOLVED = 0.85
# Chance that a person involved is a relative (else a neighbour, friend or professional).
PERSON_IS_RELATIVE = 0.6
# Chance that a person the adult wants involved was involved.
WANTED_PERSON_INVOLVED = 0.9
# The advocate's pseudonymous number (V0001-V0060): a pool of independent advocates.
ADVOCATE_NUMBER = Days(1, 60)
# Days from first contact within which an advocate is instructed.
ADVOCATE_WITHIN_DAYS = 5

# == The concern as received: risks, team, referrer ==

# How many alleged risks, cut-offs: one, two, else three (a repeated type is dropped).
ONE_RISK, TWO_RISKS = 0.74, 0.95
# Type of risk (SG2a): neglect and acts of omission about a third of risks (SAC national figures).
TYPE_OF_RISK = Weighted(
    [
        (TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION, 32),
        (TypeOfRisk.PHYSICAL_ABUSE, 18),
        (TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE, 14),
        (TypeOfRisk.PSYCHOLOGICAL_ABUSE, 13),
        (TypeOfRisk.SELF_NEGLECT, 9),
        (TypeOfRisk.DOMESTIC_ABUSE, 6),
        (TypeOfRisk.ORGANISATIONAL_ABUSE, 4),
        (TypeOfRisk.SEXUAL_ABUSE, 3.5),
        (TypeOfRisk.DISCRIMINATORY_ABUSE, 0.6),
        (TypeOfRisk.SEXUAL_EXPLOITATION, 0.5),
        (TypeOfRisk.MODERN_SLAVERY, 0.4),
    ],
)
# Detailed source of risk (SG2b) by type: self-neglect is always "Known to Individual - Self" (SAC national figures).
SOURCE_BY_TYPE: dict[TypeOfRisk, Weighted[DetailedSourceOfRisk]] = {
    TypeOfRisk.NEGLECT_AND_ACTS_OF_OMISSION: Weighted(
        [
            (_SRC.PROVIDER_PRIVATE_SECTOR, 40),
            (_SRC.PROVIDER_PUBLIC_SECTOR, 6),
            (_SRC.PROVIDER_VOLUNTARY, 3),
            (_SRC.KNOWN_RELATIVE_FAMILY_CARER, 28),
            (_SRC.KNOWN_SECONDARY_HEALTH_CARE, 8),
            (_SRC.KNOWN_COMMUNITY_HEALTH_CARE, 5),
            (_SRC.KNOWN_PRIMARY_HEALTH_CARE, 2),
            (_SRC.KNOWN_SOCIAL_CARE_STAFF, 2),
            (_SRC.KNOWN_NOT_RELATED, 6),
        ],
    ),
    TypeOfRisk.PHYSICAL_ABUSE: Weighted(
        [
            (_SRC.PROVIDER_PRIVATE_SECTOR, 26),
            (_SRC.PROVIDER_PUBLIC_SECTOR, 4),
            (_SRC.KNOWN_RELATIVE_FAMILY_CARER, 34),
            (_SRC.KNOWN_NOT_RELATED, 24),
            (_SRC.KNOWN_SECONDARY_HEALTH_CARE, 3),
            (_SRC.UNKNOWN_STRANGER, 9),
        ],
    ),
    TypeOfRisk.FINANCIAL_OR_MATERIAL_ABUSE: Weighted(
        [
            (_SRC.KNOWN_RELATIVE_FAMILY_CARER, 48),
            (_SRC.KNOWN_NOT_RELATED, 20),
            (_SRC.UNKNOWN_STRANGER, 20),
            (_SRC.PROVIDER_PRIVATE_SECTOR, 9),
            (_SRC.UNKNOWN_OTHER_PRIVATE_SECTOR, 3),
        ],
    ),
    TypeOfRisk.PSYCHOLOGICAL_ABUSE: Weighted(
        [
            (_SRC.KNOWN_RELATIVE_FAMILY_CARER, 50),
            (_SRC.KNOWN_NOT_RELATED, 25),
            (_SRC.PROVIDER_PRIVATE_SECTOR, 17),
            (_SRC.UNKNOWN_STRANGER, 8),
        ],
    ),
    TypeOfRisk.SELF_NEGLECT: Weighted([(_SRC.KNOWN_SELF, 1)]),
    TypeOfRisk.DOMESTIC_ABUSE: Weighted([(_SRC.KNOWN_RELATIVE_FAMILY_CARER, 80), (_SRC.KNOWN_NOT_RELATED, 20)]),
    TypeOfRisk.ORGANISATIONAL_ABUSE: Weighted(
        [
            (_SRC.PROVIDER_PRIVATE_SECTOR, 72),
            (_SRC.PROVIDER_PUBLIC_SECTOR, 10),
            (_SRC.PROVIDER_VOLUNTARY, 6),
            (_SRC.KNOWN_SECONDARY_HEALTH_CARE, 12),
        ],
    ),
    TypeOfRisk.SEXUAL_ABUSE: Weighted(
        [
            (_SRC.KNOWN_NOT_RELATED, 38),
            (_SRC.KNOWN_RELATIVE_FAMILY_CARER, 16),
            (_SRC.PROVIDER_PRIVATE_SECTOR, 18),
            (_SRC.UNKNOWN_STRANGER, 28),
        ],
    ),
    TypeOfRisk.DISCRIMINATORY_ABUSE: Weighted(
        [(_SRC.PROVIDER_PRIVATE_SECTOR, 30), (_SRC.KNOWN_NOT_RELATED, 30), (_SRC.UNKNOWN_STRANGER, 40)],
    ),
    TypeOfRisk.SEXUAL_EXPLOITATION: Weighted([(_SRC.KNOWN_NOT_RELATED, 55), (_SRC.UNKNOWN_STRANGER, 45)]),
    TypeOfRisk.MODERN_SLAVERY: Weighted(
        [(_SRC.KNOWN_NOT_RELATED, 50), (_SRC.UNKNOWN_STRANGER, 38), (_SRC.KNOWN_OTHER_PRIVATE_SECTOR, 12)],
    ),
}
# The kind of source, which decides the location, the referrer's wording and the immediate action.
SOURCE_KIND: dict[DetailedSourceOfRisk, str] = {
    _SRC.PROVIDER_PRIVATE_SECTOR: "service",
    _SRC.PROVIDER_PUBLIC_SECTOR: "service",
    _SRC.PROVIDER_VOLUNTARY: "service",
    _SRC.KNOWN_SELF: "self",
    _SRC.KNOWN_RELATIVE_FAMILY_CARER: "family",
    _SRC.KNOWN_NOT_RELATED: "family",
    _SRC.KNOWN_PRIMARY_HEALTH_CARE: "health",
    _SRC.KNOWN_SECONDARY_HEALTH_CARE: "health",
    _SRC.KNOWN_COMMUNITY_HEALTH_CARE: "health",
    _SRC.KNOWN_SOCIAL_CARE_STAFF: "other",
    _SRC.KNOWN_OTHER_PRIVATE_SECTOR: "other",
    _SRC.UNKNOWN_STRANGER: "stranger",
    _SRC.UNKNOWN_OTHER_PRIVATE_SECTOR: "stranger",
}
# Location of risk (SG2b) by kind of source: own home a little under half of risks (SAC national figures).
LOCATION_BY_SOURCE_KIND: dict[str, Weighted[LocationOfRisk]] = {
    "service": Weighted(
        [
            (_LOC.CARE_HOME_RESIDENTIAL, 38),
            (_LOC.CARE_HOME_NURSING, 30),
            (_LOC.OWN_HOME, 20),
            (_LOC.COMMUNITY_SERVICE, 12),
        ],
    ),
    "self": Weighted([(_LOC.OWN_HOME, 93), (_LOC.IN_THE_COMMUNITY, 4), (_LOC.OTHER, 3)]),
    "family": Weighted(
        [
            (_LOC.OWN_HOME, 62),
            (_LOC.IN_THE_COMMUNITY, 15),
            (_LOC.OTHER, 8),
            (_LOC.CARE_HOME_RESIDENTIAL, 7),
            (_LOC.CARE_HOME_NURSING, 3),
            (_LOC.HOSPITAL_ACUTE, 2),
        ],
    ),
    "health": Weighted(
        [
            (_LOC.HOSPITAL_ACUTE, 50),
            (_LOC.HOSPITAL_MENTAL_HEALTH, 18),
            (_LOC.HOSPITAL_COMMUNITY, 14),
            (_LOC.OWN_HOME, 18),
        ],
    ),
    "stranger": Weighted([(_LOC.IN_THE_COMMUNITY, 55), (_LOC.OWN_HOME, 30), (_LOC.OTHER, 15)]),
    "other": Weighted(
        [(_LOC.OWN_HOME, 45), (_LOC.OTHER, 30), (_LOC.IN_THE_COMMUNITY, 15), (_LOC.COMMUNITY_SERVICE, 10)]
    ),
}
# Organisational abuse in secondary health care: chance it is in an acute hospital (else a mental health one).
ORGANISATIONAL_IN_ACUTE_HOSPITAL = 0.6
# Chance that a second or third risk is in the same place as the first (not for self-neglect).
SAME_PLACE_AS_FIRST = 0.7
# Chance that the voluntary detailed source of risk is recorded.
SOURCE_DETAIL_RECORDED = 0.85
# Chance that a risk in hospital goes to the Hospital Team.
HOSPITAL_TEAM = 0.75
# Chance that an adult with a learning disability goes to the Learning Disability Team.
LEARNING_DISABILITY_TEAM = 0.6
# Chance that an adult with mental health support goes to the Mental Health Team.
MENTAL_HEALTH_TEAM = 0.55
# The area team of the other cases: 0 Team North, 1 Team South, 2 Team East, 3 Team West.
AREA_TEAM = Weighted([(0, 30), (1, 28), (2, 22), (3, 20)])
# Who raised the concern (role, agency), where the risk is not in a care home or hospital.
REFERRER = Weighted(
    [
        (("care home manager", "care provider"), 10),
        (("care worker", "home care provider"), 9),
        (("ward nurse", "NHS trust"), 9),
        (("GP", "NHS primary care"), 7),
        (("police officer", "police"), 13),
        (("paramedic", "ambulance service"), 6),
        (("family member", "family"), 11),
        (("the adult", "self"), 4),
        (("housing officer", "housing provider"), 5),
        (("social worker", "adult social care"), 12),
        (("member of the public", "public"), 4),
        (("bank staff", "financial institution"), 3),
        (("fire safety officer", "fire and rescue service"), 2),
        (("support worker", "voluntary organisation"), 5),
    ],
)
# Who raised a concern about a risk in a care home.
CARE_HOME_REFERRER = Weighted(
    [(("care home manager", "care provider"), 60), (("GP", "NHS primary care"), 15), (("family member", "family"), 25)],
)
# Who raised a concern about a risk in hospital.
HOSPITAL_REFERRER = Weighted([(("ward nurse", "NHS trust"), 70), (("hospital social worker", "adult social care"), 30)])
# Chance that immediate safety is recorded while the concern is only received (always from gathering on).
IMMEDIATE_SAFETY_AT_RECEIPT = 0.6
# Chance that immediate action was needed.
IMMEDIATE_ACTION_NEEDED = 0.22
# Chance that immediate safety was assessed the day after receipt (else the same day), rated low or medium.
IMMEDIATE_SAFETY_NEXT_DAY = 0.2
# Chance that immediate safety was assessed the day after receipt, rated high or critical (same-day target: late).
IMMEDIATE_SAFETY_NEXT_DAY_URGENT = 0.04
# Risk rating at triage where immediate action was needed (illustrative assumption: no published distribution).
RISK_RATING_ACTION_NEEDED = Weighted([("critical", 35), ("high", 50), ("medium", 15)])
# Risk rating at triage where no immediate action was needed (illustrative assumption).
RISK_RATING_NO_ACTION = Weighted([("high", 12), ("medium", 43), ("low", 45)])
# Working days after receipt by which the adult is first contacted, by rating (msp.workflow.timescales defaults).
FIRST_CONTACT_TARGET_DAYS = {"low": 5, "medium": 3, "high": 1, "critical": 0}
# Chance that first contact is late: after the rating's target (illustrative).
FIRST_CONTACT_LATE = 0.08
# Working days after the target on which a late first contact falls.
FIRST_CONTACT_LATE_DAYS = Days(1, 4)

# == The course of the case: the adult's voice, capacity, practice gaps ==

# Chance that the adult is asked their desired outcomes while information is still being gathered.
MSP_ASKED_WHILE_GATHERING = 0.6
# Asked the desired outcomes (SG4a), cut-offs: asked and expressed; asked, none expressed; else not asked.
MSP_EXPRESSED, MSP_NOT_EXPRESSED = 0.8, 0.95
# The second cut-off above except for no enquiry with capacity: good practice asks every adult in an enquiry.
MSP_NOT_EXPRESSED_OTHERWISE = 1.0
# Chance that the adult wants no action, from gathering on.
WANTS_NO_ACTION = 0.05
# Chance that a closed case closed because the adult died (never for an adult with another concern).
ADULT_DIED = 0.025
# Closure reason of a case closed without an enquiry.
CLOSURE_REASON = Weighted(
    [
        (ClosureReason.NO_ENQUIRY_REQUIRED, 81),
        (ClosureReason.CEASED_AT_ADULTS_REQUEST, 6),
        (ClosureReason.TRANSFERRED, 4),
        (ClosureReason.OTHER, 9),
    ],
)
# Closure reason of a case closed after an enquiry.
CLOSURE_REASON_AFTER_ENQUIRY = Weighted(
    [(ClosureReason.ENQUIRY_CONCLUDED, 94), (ClosureReason.TRANSFERRED, 3), (ClosureReason.OTHER, 3)],
)
# Chance that a representative other than family or a friend is an appropriate person (Care Act s67(5)).
APPROPRIATE_PERSON_IF_NOT_FAMILY = 0.5
# Chance that capacity is assessed before an enquiry, where the adult lacks capacity.
CAPACITY_ASSESSED_BEFORE_ENQUIRY = 0.4
# Chance that an adult with capacity has it assessed (it was in doubt) in an enquiry into self-neglect.
CAPACITY_DOUBT_SELF_NEGLECT = 0.3
# Chance that an adult with capacity has it assessed (it was in doubt) in another enquiry.
CAPACITY_DOUBT = 0.06
# Chance that an adult with capacity and a plan chooses to live with the risk of self-neglect.
LIVING_WITH_RISK_SELF_NEGLECT = 0.5
# Chance that an adult with capacity and a plan chooses to live with a risk (after the chance above).
LIVING_WITH_RISK = 0.1
# Chance that the adult declines support, from gathering on.
DECLINES_SUPPORT = 0.06
# Chance that coercion is suspected, where a coercive type of risk is alleged.
COERCION_SUSPECTED = 0.2
# Chance that a record (from gathering on) carries practice gaps: about 30 % of all records.
GAP_SHARE = 0.33
# How many gaps a record with gaps carries, cut-offs: one, two, else three (a repeat is dropped).
ONE_GAP, TWO_GAPS = 0.65, 0.9

# == Information gathering and the section 42 decision ==

# Chance that contact is recorded while information is still being gathered.
CONTACT_WHILE_GATHERING = 0.8
# Chance that the adult was spoken to (always where capacity is lacked or coercion suspected).
SPOKEN_TO = 0.95
# Chance that an adult lacking capacity was spoken to through a representative.
THROUGH_REPRESENTATIVE = 0.4
# How the adult was spoken to.
CONTACT_METHOD = Weighted(
    [
        (ContactMethod.IN_PERSON, 66),
        (ContactMethod.TELEPHONE, 20),
        (ContactMethod.VIDEO, 3),
        (ContactMethod.WRITTEN, 1),
        (ContactMethod.THROUGH_REPRESENTATIVE, 10),
    ],
)
# Chance that the adult was seen alone (always where coercion is suspected).
SEEN_ALONE = 0.78
# Chance that the adult was asked who to involve while information is still being gathered.
ASKED_WHO_TO_INVOLVE_WHILE_GATHERING = 0.7
# Chance that consent is recorded, from gathering on.
CONSENT_RECORDED = 0.85
# Consent to the referral, and to sharing where the referral was not consented to.
CONSENT = Weighted([(ConsentStatus.GIVEN, 62), (ConsentStatus.NOT_SOUGHT, 20), (ConsentStatus.REFUSED, 18)])
# Chance that an other enquiry is about a carer (where the adult's needs are in doubt).
OTHER_ENQUIRY_CARER = 0.7
# No enquiry: which s42(1) condition is not met, cut-offs of one draw: (a) needs; (b) abuse; else (c) unable.
NOT_MET_NEEDS, NOT_MET_ABUSE = 0.2, 0.7
# No enquiry: chance that nothing more is done.
NO_ACTION = 0.12
# No enquiry: chance of a second exit route.
SECOND_EXIT_ROUTE = 0.3
# No enquiry: the exit routes taken instead.
EXIT_ROUTE = Weighted(
    [
        (ExitRoute.ADVICE_AND_GUIDANCE, 25),
        (ExitRoute.CARE_ACT_ASSESSMENT, 12),
        (ExitRoute.CASE_MANAGEMENT, 10),
        (ExitRoute.REVIEW, 8),
        (ExitRoute.OTHER_COUNCIL_SERVICE, 4),
        (ExitRoute.SIGNPOSTED_EXTERNAL, 10),
        (ExitRoute.OTHER_LOCAL_AUTHORITY, 3),
        (ExitRoute.POLICE_REFERRAL, 6),
        (ExitRoute.HEALTH_REFERRAL, 5),
        (ExitRoute.CHILDRENS_SERVICES, 2),
    ],
)
# Chance that the decision is made by the safeguarding adults manager (else the team manager).
DECIDED_BY_SAFEGUARDING_MANAGER = 0.6

# == Desired outcomes ==

# How many desired outcomes, cut-offs: one, two, else three.
ONE_OUTCOME, TWO_OUTCOMES = 0.55, 0.9
# Where capacity is lacked, who expressed an outcome, cut-offs: representative; advocate; else the adult.
BY_REPRESENTATIVE, BY_ADVOCATE = 0.65, 0.8
# Where the adult has capacity, chance that they expressed it themselves (else a representative).
BY_ADULT = 0.96
# How far the outcomes were achieved at conclusion (SG4a): most fully.
ACHIEVEMENT = Weighted(
    [(OutcomeAchievement.FULLY, 64), (OutcomeAchievement.PARTIALLY, 30), (OutcomeAchievement.NOT, 6)],
)
# How far each further outcome was achieved in a case partially achieved overall.
ACHIEVEMENT_MIXED = Weighted(
    [(OutcomeAchievement.FULLY, 45), (OutcomeAchievement.PARTIALLY, 35), (OutcomeAchievement.NOT, 20)],
)
# How far the outcomes were achieved when the enquiry ceased at the adult's request.
ACHIEVEMENT_CEASED = Weighted(
    [(OutcomeAchievement.FULLY, 25), (OutcomeAchievement.PARTIALLY, 40), (OutcomeAchievement.NOT, 35)],
)

# == The enquiry, capacity and advocacy ==

# Chance that curiosity is recorded (as not considered) where an ending at the adult's request is a practice gap.
CURIOSITY_RECORDED_IN_GAP = 0.5
# Chance that coercion is considered where a coercive type of risk is alleged.
COERCION_CONSIDERED = 0.7
# Chance that the advocacy test is recorded while information is still being gathered (always in an enquiry).
ADVOCACY_WHILE_GATHERING = 0.3
# Chance of substantial difficulty understanding for an adult with a learning disability (s68(3)(a)).
DIFFICULTY_UNDERSTANDING_LD = 0.5
# Chance of substantial difficulty retaining, where capacity is lacked (s68(3)(b)).
DIFFICULTY_RETAINING = 0.6
# Chance of substantial difficulty communicating, where capacity is lacked (s68(3)(d)).
DIFFICULTY_COMMUNICATING = 0.3
# Days from the start of the enquiry (or first contact) within which capacity is assessed.
CAPACITY_WITHIN_DAYS = 10
# Chance that an incomplete capacity assessment does not name the decision.
DECISION_UNNAMED_IF_INCOMPLETE = 0.3
# Chance that the adult lacking capacity could still retain the information.
ABLE_TO_RETAIN = 0.5
# How many people are consulted on a best-interests decision (s4(7)).
CONSULTEE_COUNT = Days(1, 3)
# Who is consulted.
CONSULTEE = Weighted(
    [
        (ConsulteeKind.CARER, 35),
        (ConsulteeKind.NAMED_BY_PERSON, 25),
        (ConsulteeKind.INTERESTED_IN_WELFARE, 20),
        (ConsulteeKind.IMCA, 10),
        (ConsulteeKind.ADVOCATE, 10),
    ],
)
# Days after the assessment within which the best-interests decision is made.
BEST_INTERESTS_WITHIN_DAYS = 7
# Chance that the adult may regain capacity (s4(3)).
MAY_REGAIN_CAPACITY = 0.15
# Where capacity is found, chance that an impairment is present all the same.
IMPAIRMENT_WITH_CAPACITY = 0.4
# Where capacity is found and self-neglect alleged, chance that the choice is considered unwise (s1(4)).
CONSIDERED_UNWISE = 0.6
# Chance that the enquiry is led by a social worker (else a senior practitioner).
LED_BY_SOCIAL_WORKER = 0.75
# Action and result (SG2c) at conclusion: about seven in ten "risk identified, action taken" (SAC national figures).
ACTION_RESULT = Weighted(
    [
        (ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN, 72),
        (ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION, 4),
        (ActionTakenAndResult.INCONCLUSIVE_ACTION_TAKEN, 9),
        (ActionTakenAndResult.INCONCLUSIVE_NO_ACTION, 2),
        (ActionTakenAndResult.NO_RISK_ACTION_TAKEN, 5),
        (ActionTakenAndResult.NO_RISK_NO_ACTION, 8),
    ],
)
# Risk outcome (SG2e) where a risk was identified: about nine in ten reduced or removed (SAC national figures).
RISK_OUTCOME = Weighted([(RiskOutcome.REDUCED, 57), (RiskOutcome.REMOVED, 32.5), (RiskOutcome.REMAINED, 10.5)])
# SAC item not recorded (a gap): chance it is SG3a capacity (else SG4a desired outcomes).
NOT_RECORDED_CAPACITY = 0.5
# SAC item not recorded: chance it is coded "not recorded" (else "don't know").
NOT_RECORDED_CODE = 0.6
# SAC item missing (a gap), cut-offs: SG3a capacity; one SG2e outcome; one risk's SG2c; else SG4a.
MISSING_CAPACITY, MISSING_RISK_OUTCOME, MISSING_ACTION_RESULT = 0.35, 0.65, 0.85

# == The plan ==

# Days a plan review falls later than its four-weekly date (below).
REVIEW_EXTRA_DAYS = Days(0, 7)
# Days between the plan's agreement and its reviews (two at most), and from the last review to the next due.
REVIEW_EVERY_DAYS = 28
# How many actions are drawn for the plan (a repeated action is dropped).
ACTION_COUNT = Days(1, 4)
# Days from agreeing the plan to an action's due date.
ACTION_DUE_DAYS = Days(7, 35)
# The status of an action in an open plan.
ACTION_STATUS_OPEN = Weighted([(ActionStatus.PLANNED, 35), (ActionStatus.IN_PROGRESS, 45), (ActionStatus.DONE, 20)])
# The status of an action once the enquiry has ended.
ACTION_STATUS_ENDED = Weighted([(ActionStatus.DONE, 85), (ActionStatus.CANCELLED, 15)])
# Chance that the first action addresses an immediate risk of harm.
IMMEDIATE_ACTION = 0.3
# Chance that a plan not agreed with the adult (a gap) was still developed with them.
DEVELOPED_THOUGH_NOT_AGREED = 0.5
# Chance that coercion is escalated to a multi-agency risk management meeting (else line management).
ESCALATED_TO_MEETING = 0.5
# Days from first contact within which coercion is escalated.
ESCALATED_WITHIN_DAYS = 7

# == Closure and the Safeguarding Adults Review ==

# Chance that safety advice was still given where an ending at the adult's request is a practice gap.
SAFETY_ADVICE_IN_GAP = 0.5
# Chance that a SAR is considered as more than a formality after an enquiry into serious abuse.
SAR_FOR_SERIOUS = 0.08
# Chance of a joint-working concern (Care Act s44(1)(a)).
SAR_JOINT_WORKING = 0.3
# Chance that abuse or neglect is suspected to have caused the death (s44(2)(b)).
SAR_DEATH_FROM_ABUSE = 0.25
# Chance that serious abuse or neglect is suspected (s44(3)(b)).
SAR_SERIOUS_HARM = 0.5

# == People alleged to have caused harm, crime and the police, children, liberty ==

# Where no national figure exists the number is an assumption (said so in its comment); the sources of risk
# themselves come from SOURCE_BY_TYPE above (SAC national figures), which the relationships follow.
# Chance that the people alleged are recorded while the concern is only received (always from gathering on).
PEOPLE_ALLEGED_AT_RECEIPT = 0.5
# Chance that an organisational-abuse risk names an individual (else the provider alone is the source): assumption.
ORGANISATIONAL_PERSON_NAMED = 0.3
# Chance that a risk from someone unknown to the adult names them (a scammer seldom is known): assumption.
STRANGER_NAMED = 0.35
# Chance that a second risk from the same detailed source is by the same person as the first: assumption.
SAME_PERSON_FOR_SAME_SOURCE = 0.85
# Relationship by the detailed source of risk: a service provider's risk is a paid carer's (assumption within each).
RELATIONSHIP_BY_SOURCE: dict[DetailedSourceOfRisk, Weighted[Relationship]] = {
    _SRC.PROVIDER_PRIVATE_SECTOR: Weighted([(_REL.PAID_CARER, 1)]),
    _SRC.PROVIDER_PUBLIC_SECTOR: Weighted([(_REL.PAID_CARER, 1)]),
    _SRC.PROVIDER_VOLUNTARY: Weighted([(_REL.PAID_CARER, 70), (_REL.VOLUNTEER, 30)]),
    _SRC.KNOWN_RELATIVE_FAMILY_CARER: Weighted(
        [
            (_REL.SON_OR_DAUGHTER, 40),
            (_REL.PARTNER, 22),
            (_REL.OTHER_RELATIVE, 14),
            (_REL.PARENT, 8),
            (_REL.SIBLING, 8),
            (_REL.FORMER_PARTNER, 8),
        ],
    ),
    _SRC.KNOWN_NOT_RELATED: Weighted([(_REL.FRIEND_OR_NEIGHBOUR, 70), (_REL.OTHER_RESIDENT_OR_SERVICE_USER, 30)]),
    _SRC.KNOWN_PRIMARY_HEALTH_CARE: Weighted([(_REL.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL, 1)]),
    _SRC.KNOWN_SECONDARY_HEALTH_CARE: Weighted([(_REL.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL, 1)]),
    _SRC.KNOWN_COMMUNITY_HEALTH_CARE: Weighted([(_REL.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL, 1)]),
    _SRC.KNOWN_SOCIAL_CARE_STAFF: Weighted([(_REL.HEALTH_OR_SOCIAL_CARE_PROFESSIONAL, 1)]),
    _SRC.KNOWN_OTHER_PRIVATE_SECTOR: Weighted([(_REL.OTHER, 1)]),
    _SRC.UNKNOWN_STRANGER: Weighted([(_REL.STRANGER, 1)]),
    _SRC.UNKNOWN_OTHER_PRIVATE_SECTOR: Weighted([(_REL.STRANGER, 1)]),
}
# Relationship where the risk is domestic abuse, by the detailed source: mostly a partner (assumption).
RELATIONSHIP_DOMESTIC_ABUSE: dict[DetailedSourceOfRisk, Weighted[Relationship]] = {
    _SRC.KNOWN_RELATIVE_FAMILY_CARER: Weighted(
        [
            (_REL.PARTNER, 55),
            (_REL.SON_OR_DAUGHTER, 22),
            (_REL.FORMER_PARTNER, 10),
            (_REL.OTHER_RELATIVE, 5),
            (_REL.PARENT, 4),
            (_REL.SIBLING, 4),
        ],
    ),
    _SRC.KNOWN_NOT_RELATED: Weighted([(_REL.FORMER_PARTNER, 1)]),
}
# Chance that a relative or partner alleged to have caused harm is the adult's unpaid carer: assumption.
UNPAID_CARER = 0.45
# Chance that a relative (not a partner) alleged to have caused harm has care and support needs themselves.
ALLEGED_HAS_NEEDS = 0.1
# Chance that a partner or former partner alleged of physical, psychological, sexual or financial abuse is assessed
# for domestic abuse too (always for a domestic-abuse risk; only ever for someone personally connected): assumption.
DOMESTIC_ABUSE_FOR_PARTNER = 0.6
# The domestic-abuse risk tool: DASH in most services, DARA where the police assessed (assumption).
DOMESTIC_ABUSE_TOOL = Weighted(
    [(DomesticAbuseRiskTool.DASH, 85), (DomesticAbuseRiskTool.DARA, 12), (DomesticAbuseRiskTool.OTHER, 3)],
)
# The level of risk the assessment found: assumption (a high-risk result leads to a MARAC referral, below).
DOMESTIC_ABUSE_LEVEL = Weighted(
    [
        (DomesticAbuseRiskLevel.STANDARD, 45),
        (DomesticAbuseRiskLevel.MEDIUM, 32),
        (DomesticAbuseRiskLevel.HIGH, 23),
    ],
)
# Days from first contact to the domestic-abuse risk assessment.
DOMESTIC_ABUSE_ASSESSED_DAYS = Days(0, 4)
# Chance that a high-risk case is referred to a MARAC (most: the MARAC threshold; else a reason is recorded).
MARAC_IF_HIGH = 0.9
# Days from the risk assessment to the MARAC referral.
MARAC_DAYS = Days(0, 6)
# Chance that an IDVA is involved, where the risk is high (else the next chance): assumption.
IDVA_IF_HIGH = 0.7
# Chance that an IDVA is involved, where the risk is standard or medium: assumption.
IDVA_OTHERWISE = 0.15
# Chance that controlling or coercive behaviour is identified (Serious Crime Act 2015 s76): assumption.
COERCIVE_CONTROL = 0.45
# Chance that a position-of-trust concern is passed to the PiPoT lead or employer, from the decision on (else why not).
PIPOT_REFERRED = 0.85
# Days from the decision to the PiPoT referral.
PIPOT_DAYS = Days(0, 6)
# Where a risk was identified, chance that a paid carer or volunteer is referred to the DBS (else why not): assumption.
DBS_REFERRED = 0.45
# Where a risk was identified, chance that a professional is referred to their regulator (else why not): assumption.
REGULATOR_REFERRED = 0.55
# Days from the conclusion to a DBS or regulator referral.
REFERRAL_DAYS = Days(0, 11)
# Chance that a person alleged is told of the concern, once the enquiry starts (else the reason is recorded).
TOLD_OF_CONCERN = 0.7
# Chance that a crime is suspected, by the type of risk (assumption; neglect only by a provider or of an adult
# lacking capacity: Criminal Justice and Courts Act 2015 ss20-21, Mental Capacity Act 2005 s44).
CRIME_SUSPECTED: dict[TypeOfRisk, float] = {
    _TYPE.PHYSICAL_ABUSE: 0.45,
    _TYPE.SEXUAL_ABUSE: 0.75,
    _TYPE.FINANCIAL_OR_MATERIAL_ABUSE: 0.4,
    _TYPE.DOMESTIC_ABUSE: 0.5,
    _TYPE.MODERN_SLAVERY: 0.85,
    _TYPE.SEXUAL_EXPLOITATION: 0.75,
    _TYPE.DISCRIMINATORY_ABUSE: 0.35,
    _TYPE.PSYCHOLOGICAL_ABUSE: 0.08,
    _TYPE.NEGLECT_AND_ACTS_OF_OMISSION: 0.1,
    _TYPE.ORGANISATIONAL_ABUSE: 0.1,
}
# The kind of crime, by the type of risk (neglect and organisational abuse: see the offences above).
CRIME_KIND: dict[TypeOfRisk, CrimeKind] = {
    _TYPE.PHYSICAL_ABUSE: CrimeKind.ASSAULT,
    _TYPE.SEXUAL_ABUSE: CrimeKind.SEXUAL_OFFENCE,
    _TYPE.FINANCIAL_OR_MATERIAL_ABUSE: CrimeKind.THEFT_OR_FRAUD,
    _TYPE.DOMESTIC_ABUSE: CrimeKind.CONTROLLING_OR_COERCIVE_BEHAVIOUR,
    _TYPE.MODERN_SLAVERY: CrimeKind.MODERN_SLAVERY,
    _TYPE.SEXUAL_EXPLOITATION: CrimeKind.SEXUAL_OFFENCE,
    _TYPE.DISCRIMINATORY_ABUSE: CrimeKind.HATE_CRIME,
    _TYPE.PSYCHOLOGICAL_ABUSE: CrimeKind.OTHER,
    _TYPE.NEGLECT_AND_ACTS_OF_OMISSION: CrimeKind.ILL_TREATMENT_OR_WILFUL_NEGLECT,
    _TYPE.ORGANISATIONAL_ABUSE: CrimeKind.CARE_PROVIDER_OFFENCE,
}
# Chance that the police are told where a crime is suspected ("in most": assumption; always if they raised it).
POLICE_INFORMED = 0.85
# Days from receipt to telling the police.
POLICE_DAYS = Days(0, 3)
# Chance that the police lead an investigation, where told: assumption.
POLICE_LEADING = 0.35
# Chance that the police's crime reference is recorded, where they were told.
CRIME_REFERENCE_RECORDED = 0.6
# Chance that a police-led investigation pauses a started enquiry: assumption.
PAUSED_IF_POLICE_LEADING = 0.5
# Days from the start of the enquiry to the pause.
PAUSE_AFTER_DAYS = Days(1, 10)
# Days the enquiry stays paused.
PAUSE_DAYS = Days(14, 42)
# Chance that the risk to children is considered (and recorded), where someone close to the adult is alleged.
CHILDREN_CONSIDERED = 0.5
# Chance that a child is judged to be at risk, where it is considered ("a small share": assumption).
CHILD_AT_RISK = 0.12
# Chance that a child at risk lives in the adult's household (else is cared for by the person alleged).
CHILD_IN_HOUSEHOLD = 0.7
# Chance that children's services are told of a child at risk (else the reason is recorded): assumption.
CHILD_REFERRED = 0.9
# Days from first contact to the referral to children's services.
CHILD_REFERRAL_DAYS = Days(0, 3)
# Chance that consent to the enquiry itself is recorded, where consent is recorded and an enquiry decided on.
CONSENT_TO_ENQUIRY_RECORDED = 0.8
# Consent to the enquiry, where the adult has capacity and did not refuse the referral.
CONSENT_TO_ENQUIRY = Weighted([(ConsentStatus.GIVEN, 88), (ConsentStatus.REFUSED, 7), (ConsentStatus.NOT_SOUGHT, 5)])
# Chance that the adult who refused the referral refuses the enquiry too (else consents to it).
ENQUIRY_REFUSED_AFTER_REFERRAL_REFUSED = 0.6
# Acting without consent: the ground where none follows from the record (children, crime, trust, coercion).
CONSENT_GROUND = Weighted(
    [
        (ConsentGround.OTHERS_AT_RISK, 40),
        (ConsentGround.RISK_TO_LIFE, 35),
        (ConsentGround.VITAL_INTEREST, 15),
        (ConsentGround.PUBLIC_INTEREST, 10),
    ],
)
# Chance that the adult is told the council acts without their consent (else why not is recorded).
ADULT_TOLD = 0.9
# Chance that a protective measure for an adult lacking capacity, with a plan, deprives them of liberty: assumption.
LIBERTY_IF_LACKS_WITH_PLAN = 0.15
# Chance that a deprivation in a care home or hospital starts with an urgent authorisation (Sch A1 Part 5).
LIBERTY_URGENT = 0.2
# Days from the plan to the application for authorisation.
LIBERTY_APPLIED_DAYS = Days(0, 8)
# Days from the application to a standard authorisation (Sch A1: 21 days at most).
LIBERTY_STANDARD_DAYS = Days(5, 17)
# Days from the application to a Court of Protection order (elsewhere than a care home or hospital).
LIBERTY_COURT_DAYS = Days(28, 63)

# == Providers, linked concerns, enquiries caused to be made, meetings ==

# Assumptions where no national figure exists; fictional pools of providers with fictional ids (1-000001007, ZZ3).
# The kind of provider named in a concern with a service-provider source, by where that risk is: assumption.
PROVIDER_KIND_BY_LOCATION: dict[LocationOfRisk, Weighted[OrganisationKind]] = {
    _LOC.CARE_HOME_RESIDENTIAL: Weighted([(OrganisationKind.CARE_HOME, 1)]),
    _LOC.CARE_HOME_NURSING: Weighted([(OrganisationKind.CARE_HOME, 1)]),
    _LOC.OWN_HOME: Weighted([(OrganisationKind.HOME_CARE, 80), (OrganisationKind.SUPPORTED_LIVING, 20)]),
    _LOC.COMMUNITY_SERVICE: Weighted([(OrganisationKind.DAY_SERVICE, 70), (OrganisationKind.SUPPORTED_LIVING, 30)]),
    _LOC.IN_THE_COMMUNITY: Weighted([(OrganisationKind.HOME_CARE, 60), (OrganisationKind.DAY_SERVICE, 40)]),
    _LOC.HOSPITAL_ACUTE: Weighted([(OrganisationKind.NHS_TRUST, 1)]),
    _LOC.HOSPITAL_MENTAL_HEALTH: Weighted([(OrganisationKind.NHS_TRUST, 1)]),
    _LOC.HOSPITAL_COMMUNITY: Weighted([(OrganisationKind.NHS_TRUST, 1)]),
    _LOC.OTHER: Weighted([(OrganisationKind.OTHER, 1)]),
}
# How many fictional locations of each kind of provider the council's area has (three to a provider).
LOCATIONS_PER_KIND = 45
# How many fictional NHS trusts (by ODS-like code) serve the area.
NHS_TRUSTS = 4
# Chance that the CQC is told of a concern about a regulated provider before the decision (always from it on).
CQC_TOLD_BEFORE_DECISION = 0.6
# Chance that the commissioners are told of it before the decision (always from the decision on).
COMMISSIONERS_TOLD_BEFORE_DECISION = 0.4
# Days from receipt to telling the CQC or the commissioners.
PROVIDER_TOLD_DAYS = Days(0, 4)
# Where telling them is the practice gap: chance it is the CQC that is not told (else the commissioners).
CQC_NOT_TOLD_IN_GAP = 0.5
# Chance that a decided concern of organisational abuse or neglect in a care home starts an organisational enquiry.
ORGANISATIONAL_ENQUIRY_STARTED = 0.03
# Chance that a later concern about a care home, received while its organisational enquiry runs, joins it.
ORGANISATIONAL_ENQUIRY_JOINED = 0.5
# How many later concerns (by number) an organisational enquiry stays open to (a run is not in date order).
ORGANISATIONAL_ENQUIRY_OPEN_FOR = 600
# The most concerns an organisational enquiry groups.
ORGANISATIONAL_ENQUIRY_MOST = 6
# Days from the decision on the first concern to the start of the organisational enquiry.
ORGANISATIONAL_ENQUIRY_START_DAYS = Days(0, 15)
# Days an organisational enquiry runs (it is still running if that passes the snapshot).
ORGANISATIONAL_ENQUIRY_DAYS = Days(45, 136)
# Days before its start that a concern received may still be grouped into an organisational enquiry.
ORGANISATIONAL_ENQUIRY_JOINED_BEFORE_DAYS = 30
# Chance that a concern about an adult with an earlier concern links it (same adult): assumption.
LINKED_TO_EARLIER_CONCERN = 0.7
# No enquiry, about an adult whose earlier concern is still open: chance it is closed as a duplicate of it.
DUPLICATE_OF_OPEN_CONCERN = 0.8
# No enquiry: chance that the concern was withdrawn by the referrer (raised in error): assumption.
WITHDRAWN = 0.02
# Section 42 enquiry about a provider: chance the council causes the provider to make it (s42(2)): assumption.
CAUSED_BY_PROVIDER = 0.3
# Section 42 enquiry into a risk from hospital staff: chance the council causes the NHS trust to make it.
CAUSED_BY_NHS_TRUST = 0.4
# Days from the start of the enquiry to the request to the partner.
CAUSED_REQUEST_DAYS = Days(0, 4)
# Days the partner is given to report (the agreed timescale; local procedures often say 28).
CAUSED_DUE_DAYS = Days(14, 15)
# Days from the request to the report being received (capped by the conclusion, less the time to check it).
CAUSED_REPORT_DAYS = Days(7, 29)
# Days from receiving the report to the council's check of it.
CAUSED_CHECK_DAYS = Days(0, 6)
# The council's check of the report of an enquiry that has concluded: assumption.
QUALITY_CHECK_CONCLUDED = Weighted([(QualityCheckOutcome.ACCEPTED, 90), (QualityCheckOutcome.NOT_ACCEPTED, 10)])
# The council's check of the report of an enquiry still open (a returned report awaits more work): assumption.
QUALITY_CHECK_OPEN = Weighted([(QualityCheckOutcome.ACCEPTED, 70), (QualityCheckOutcome.RETURNED, 30)])
# Where the check is the practice gap: chance the report is not recorded as received (else received, not checked).
REPORT_NOT_RECEIVED_IN_GAP = 0.5
# Chance that a section 42 enquiry has a strategy discussion or meeting (local multi-agency procedures): assumption.
STRATEGY_MEETING = 0.3
# The kind of the strategy meeting: a discussion (by phone or online) or a meeting.
MEETING_KIND = Weighted([(MeetingKind.STRATEGY_DISCUSSION, 55), (MeetingKind.STRATEGY_MEETING, 45)])
# Days from the decision within which the strategy meeting is held.
MEETING_WITHIN_DAYS = 7
# Chance that the adult, or their representative or advocate, takes part in the meeting (MSP practice).
MEETING_ADULT_TAKES_PART = 0.4
# Where coercion is suspected, chance that it is escalated when deciding, before any plan: assumption.
ESCALATED_AT_DECISION = 0.4
# Chance that a section 42 enquiry started as an other enquiry and new information changed its route (Care Act
# s42(1) conditions found met during the enquiry): assumption; the SAC counts enquiries by their current type.
ROUTE_CHANGED_TO_SECTION_42 = 0.02

# == The adult's feedback (MSP Outcomes Framework questions 4-7) ==

# Chance that a case closed after an enquiry records the adult's feedback (asked, declined or not possible):
# assumption (the framework's data collection is voluntary; no national figure).
FEEDBACK_RECORDED = 0.6
# Of those recorded, cut-offs: declined; not possible (with a reason); else asked: assumption.
FEEDBACK_DECLINED, FEEDBACK_NOT_POSSIBLE = 0.15, 0.25
# Chance that an independent person asks, after closure within eight weeks, rather than the enquiry lead at
# closure (the framework allows either): assumption, the lead asking more often.
FEEDBACK_INDEPENDENT = 0.25
# Days after closure an independent person asks (within the framework's eight weeks): assumption.
FEEDBACK_INDEPENDENT_DAYS = Days(1, 56)
# Chance that a representative answers for an adult who has capacity (the adult's choice): assumption.
FEEDBACK_BY_REPRESENTATIVE = 0.1
# Which representative answers where the adult does not (the framework's friend, carer, family member; an IMCA
# answers for an adult who lacks capacity and has no representative): assumption.
FEEDBACK_REPRESENTATIVE = Weighted(
    [(FeedbackRespondent.FAMILY_MEMBER, 60), (FeedbackRespondent.CARER, 25), (FeedbackRespondent.FRIEND, 15)]
)
# Chance that each of questions 4-7 is answered, once asked: assumption.
FEEDBACK_ANSWERED = 0.95
# Chance that an answer is a positive one: assumption (no published distribution of the framework's answers).
FEEDBACK_POSITIVE = 0.8
# Chance that the person adds a comment: assumption.
FEEDBACK_COMMENT = 0.3

# == Broken records (invalid_share) ==

# Each of the seven kinds of damage is equally likely; within a kind these choose the place.
# Unknown code, cut-offs: a type of risk; the gender identity; else the stage.
UNKNOWN_TYPE_OF_RISK, UNKNOWN_GENDER = 0.4, 0.7
# Bad date: chance of a date that does not exist (else a day-first date).
BAD_DATE_IMPOSSIBLE = 0.5
# Bad date: chance that it is the date received (else the date of birth).
BAD_DATE_RECEIVED = 0.6
# Wrong type, cut-offs: the needs flag as text; the team as a number; else a risk description as a number.
WRONG_TYPE_FLAG, WRONG_TYPE_TEAM = 0.4, 0.7
# Missing field, cut-offs: the date received; the adult's id; else the concern's id.
MISSING_RECEIVED, MISSING_ADULT_ID = 0.5, 0.75
# Unknown extra key: chance it is on the concern (else on a risk).
EXTRA_KEY_ON_CONCERN = 0.5
# Dates out of order: days a conclusion is moved before the enquiry started (1 or more).
CONCLUDED_TOO_EARLY_DAYS = Days(1, 20)
# Dates out of order: days a decision is moved before the concern was received.
DECIDED_TOO_EARLY_DAYS = Days(1, 10)
# Dates out of order: days a date of birth is moved after the concern was received.
BORN_TOO_LATE_DAYS = Days(1, 30)
# Blank text: chance it is the team (else a risk description).
BLANK_TEAM = 0.5
