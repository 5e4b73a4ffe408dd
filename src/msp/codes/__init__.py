"""Code lists: the Safeguarding Adults Collection (SAC) lists and the practice lists.

Every list is an :class:`enum.Enum` whose *value* is a stable, lower-case code
(what JSON and CSV carry) and whose ``label`` is the exact text the SAC
publication uses (the labels of NHS Digital's, now NHS England's, published SAC
tables) or, for NHS Data Dictionary and ONS lists, the text of that dictionary.
Codes never change once published; labels follow the collection.

Look a member up by its code with ``TypeOfRisk("physical_abuse")`` and by its
label with ``TypeOfRisk.from_label("Physical Abuse")``. :func:`export` gives every
list, and the mappings of :mod:`msp.codes.mappings`, as plain data (``msp codes``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

__all__ = [
    "ActionStatus",
    "ActionTakenAndResult",
    "AdvocateKind",
    "AgeBand",
    "CapacityLacked",
    "CapacityOutcome",
    "CaseStage",
    "Census2021EthnicGroup",
    "ChildRiskReason",
    "ClosureReason",
    "CodeList",
    "ConsentGround",
    "ConsentStatus",
    "ConsulteeKind",
    "ContactMethod",
    "CrimeKind",
    "DecisionDomain",
    "DecisionMakerKind",
    "DecisionSubject",
    "DetailedPrimarySupportReason",
    "DetailedSourceOfRisk",
    "DomesticAbuseRiskLevel",
    "DomesticAbuseRiskTool",
    "EnquiryRoute",
    "EnquiryType",
    "ExitRoute",
    "ExpressedBy",
    "FeedbackAsked",
    "FeedbackAskedBy",
    "FeedbackQuestion",
    "FeedbackRespondent",
    "HealthCondition",
    "InterpreterKind",
    "LibertyAuthorisation",
    "LinkReason",
    "LocationOfRisk",
    "MeetingKind",
    "MspAsked",
    "NhsEthnicCategory",
    "NhsGenderIdentity",
    "OrganisationKind",
    "OutcomeAchievement",
    "PrimarySupportReason",
    "QualityCheckOutcome",
    "Relationship",
    "RepresentativeKind",
    "RiskOutcome",
    "SacEthnicity",
    "SacGender",
    "SourceOfRisk",
    "StrengthKind",
    "TypeOfRisk",
    "export",
]

_C = TypeVar("_C", bound="CodeList")


class CodeList(Enum):
    """Base of every code list: a stable ``code`` (the value) and a ``label``.

    Members are declared as ``NAME = "code", "Label"``.
    """

    _value_: str
    label: str

    def __new__(cls: type[_C], code: str, label: str = "") -> _C:  # noqa: D102
        member = object.__new__(cls)
        member._value_ = code
        member.label = label
        return member

    @property
    def code(self) -> str:
        """The stable code carried in JSON and CSV."""
        return self._value_

    @classmethod
    def from_label(cls: type[_C], label: str) -> _C:
        """Return the member whose label is ``label`` (exact, then case-insensitive).

        Raises:
            ValueError: no member has that label. The message names the list,
                never the value given (it may be free text typed by a person).
        """
        for member in cls:
            if member.label == label:
                return member
        folded = label.casefold().strip()
        for member in cls:
            if member.label.casefold() == folded:
                return member
        msg = f"not {_a(cls.__name__)} label"
        raise ValueError(msg)

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """All codes of this list, in declaration order."""
        return tuple(member.code for member in cls)


# --------------------------------------------------------------------------
# SAC SG2: case details (SAC guidance 2024-25, SG2)
# --------------------------------------------------------------------------


class TypeOfRisk(CodeList):
    """SG2a type of risk: the 11 SAC types (the Care and Support Statutory Guidance
    14.17 lists ten; the SAC splits sexual abuse from sexual exploitation)."""

    PHYSICAL_ABUSE = "physical_abuse", "Physical Abuse"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual Abuse"
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", "Psychological Abuse"
    FINANCIAL_OR_MATERIAL_ABUSE = "financial_or_material_abuse", "Financial or Material Abuse"
    DISCRIMINATORY_ABUSE = "discriminatory_abuse", "Discriminatory Abuse"
    ORGANISATIONAL_ABUSE = "organisational_abuse", "Organisational Abuse"
    NEGLECT_AND_ACTS_OF_OMISSION = "neglect_and_acts_of_omission", "Neglect and Acts of Omission"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic Abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual Exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern Slavery"
    SELF_NEGLECT = "self_neglect", "Self-Neglect"


class LocationOfRisk(CodeList):
    """SG2b location of risk (9 values)."""

    OWN_HOME = "own_home", "Own Home"
    IN_THE_COMMUNITY = "in_the_community", "In the Community"
    COMMUNITY_SERVICE = "community_service", "Community Service"
    CARE_HOME_NURSING = "care_home_nursing", "Care Home - Nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care Home - Residential"
    HOSPITAL_ACUTE = "hospital_acute", "Hospital - Acute"
    HOSPITAL_MENTAL_HEALTH = "hospital_mental_health", "Hospital - Mental Health"
    HOSPITAL_COMMUNITY = "hospital_community", "Hospital - Community"
    OTHER = "other", "Other"


class SourceOfRisk(CodeList):
    """SG2a/SG2b source of risk: "the perpetrator of the alleged abuse" (3 values)."""

    SERVICE_PROVIDER = "service_provider", "Service Provider"
    KNOWN_TO_INDIVIDUAL = "known_to_individual", "Other - Known to individual"
    UNKNOWN_TO_INDIVIDUAL = "unknown_to_individual", "Other - Unknown to individual"


class DetailedSourceOfRisk(CodeList):
    """The voluntary detailed source-of-risk breakdown of the SAC (SG2b), with the labels one
    council's case system uses for it (London Borough of Hackney). Self-neglect is ``KNOWN_SELF``. Each
    detailed value belongs to exactly one :class:`SourceOfRisk`: see :attr:`source`."""

    PROVIDER_PUBLIC_SECTOR = (
        "provider_public_sector",
        "Social Care Support or Service Provider - public sector",
    )
    PROVIDER_PRIVATE_SECTOR = (
        "provider_private_sector",
        "Social Care Support or Service Provider - private sector",
    )
    PROVIDER_VOLUNTARY = "provider_voluntary", "Social Care Support or Service Provider - voluntary"
    KNOWN_SELF = "known_self", "Known to Individual - Self"
    KNOWN_RELATIVE_FAMILY_CARER = "known_relative_family_carer", "Known to Individual - Relative/family/carer"
    KNOWN_NOT_RELATED = "known_not_related", "Known to Individual - Individual - known but not related"
    KNOWN_PRIMARY_HEALTH_CARE = "known_primary_health_care", "Known to Individual - Primary health care"
    KNOWN_SECONDARY_HEALTH_CARE = "known_secondary_health_care", "Known to Individual - Secondary health care"
    KNOWN_COMMUNITY_HEALTH_CARE = "known_community_health_care", "Known to Individual - Community health care"
    KNOWN_SOCIAL_CARE_STAFF = (
        "known_social_care_staff",
        "Known to Individual - Social care staff - care management and assessment",
    )
    KNOWN_POLICE = "known_police", "Known to Individual - Police"
    KNOWN_REGULATOR = "known_regulator", "Known to Individual - Regulator"
    KNOWN_OTHER_PUBLIC_SECTOR = "known_other_public_sector", "Known to Individual - Other public sector"
    KNOWN_OTHER_PRIVATE_SECTOR = "known_other_private_sector", "Known to Individual - Other private sector"
    KNOWN_OTHER_VOLUNTARY = "known_other_voluntary", "Known to Individual - Other voluntary"
    UNKNOWN_STRANGER = "unknown_stranger", "Unknown to Individual - Individual - unknown/stranger"
    UNKNOWN_PRIMARY_HEALTH_CARE = "unknown_primary_health_care", "Unknown to Individual - Primary health care"
    UNKNOWN_SECONDARY_HEALTH_CARE = (
        "unknown_secondary_health_care",
        "Unknown to Individual - Secondary health care",
    )
    UNKNOWN_COMMUNITY_HEALTH_CARE = (
        "unknown_community_health_care",
        "Unknown to Individual - Community health care",
    )
    UNKNOWN_SOCIAL_CARE_STAFF = (
        "unknown_social_care_staff",
        "Unknown to Individual - Social care staff - care management and assessment",
    )
    UNKNOWN_POLICE = "unknown_police", "Unknown to Individual - Police"
    UNKNOWN_REGULATOR = "unknown_regulator", "Unknown to Individual - Regulator"
    UNKNOWN_OTHER_PUBLIC_SECTOR = "unknown_other_public_sector", "Unknown to Individual - Other public sector"
    UNKNOWN_OTHER_PRIVATE_SECTOR = "unknown_other_private_sector", "Unknown to Individual - Other private sector"
    UNKNOWN_OTHER_VOLUNTARY = "unknown_other_voluntary", "Unknown to Individual - Other voluntary"

    @property
    def source(self) -> SourceOfRisk:
        """The SAC source-of-risk column this detailed value is counted in."""
        return _SOURCE_OF_DETAIL[self._value_]  # read for every risk built: a dict look-up by code


def _source_of_detail(code: str) -> SourceOfRisk:
    if code.startswith("provider_"):
        return SourceOfRisk.SERVICE_PROVIDER
    if code.startswith("known_"):
        return SourceOfRisk.KNOWN_TO_INDIVIDUAL
    return SourceOfRisk.UNKNOWN_TO_INDIVIDUAL


_SOURCE_OF_DETAIL: dict[str, SourceOfRisk] = {m.code: _source_of_detail(m.code) for m in DetailedSourceOfRisk}
"""Each detailed source's SAC column, by code: the codes start with provider_, known_ or unknown_."""


class ActionTakenAndResult(CodeList):
    """SG2c action taken and result (the risk assessment outcome, 7 values)."""

    RISK_IDENTIFIED_ACTION_TAKEN = "risk_identified_action_taken", "Risk identified and action taken"
    RISK_IDENTIFIED_NO_ACTION = "risk_identified_no_action", "Risk identified and no action taken"
    INCONCLUSIVE_ACTION_TAKEN = "inconclusive_action_taken", "Risk Assessment inconclusive and action taken"
    INCONCLUSIVE_NO_ACTION = "inconclusive_no_action", "Risk Assessment inconclusive and no action taken"
    NO_RISK_ACTION_TAKEN = "no_risk_action_taken", "No risk identified and action taken"
    NO_RISK_NO_ACTION = "no_risk_no_action", "No risk identified and no action taken"
    CEASED_AT_REQUEST = (
        "ceased_at_request",
        "Enquiry ceased at individual's request and no action taken",
    )

    @property
    def risk_identified(self) -> bool:
        """True for the two values after which SG2e (risk outcome) is recorded."""
        return self in (
            ActionTakenAndResult.RISK_IDENTIFIED_ACTION_TAKEN,
            ActionTakenAndResult.RISK_IDENTIFIED_NO_ACTION,
        )

    @property
    def action_taken(self) -> bool:
        """True where the value says action was taken."""
        return self.code.endswith("_action_taken")


class RiskOutcome(CodeList):
    """SG2e risk outcome, recorded only where a risk was identified."""

    REMAINED = "remained", "Risk remained"
    REDUCED = "reduced", "Risk reduced"
    REMOVED = "removed", "Risk removed"


# --------------------------------------------------------------------------
# SAC SG3, SG4: capacity and Making Safeguarding Personal
# --------------------------------------------------------------------------


class CapacityLacked(CodeList):
    """SG3a: did the adult lack capacity to make decisions relating to the
    enquiry? Exactly one value per concluded section 42 enquiry."""

    YES = "yes", "Yes, they lacked capacity"
    NO = "no", "No, they did not lack capacity"
    DONT_KNOW = "dont_know", "Don't know"
    NOT_RECORDED = "not_recorded", "Not recorded"


class MspAsked(CodeList):
    """SG4a: was the adult or their representative asked what their desired
    outcomes were? (MSP Outcomes Framework question 1.)"""

    ASKED_EXPRESSED = "asked_expressed", "Yes they were asked and outcomes were expressed"
    ASKED_NOT_EXPRESSED = "asked_not_expressed", "Yes they were asked but no outcomes were expressed"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't Know"
    NOT_RECORDED = "not_recorded", "Not Recorded"


class OutcomeAchievement(CodeList):
    """SG4a: were the expressed outcomes achieved?"""

    FULLY = "fully", "Fully Achieved"
    PARTIALLY = "partially", "Partially Achieved"
    NOT = "not", "Not Achieved"


# --------------------------------------------------------------------------
# SAC SG1: demographics
# --------------------------------------------------------------------------


class AgeBand(CodeList):
    """SG1a age band, at 31 March of the collection year or at death.

    ``UNKNOWN`` counts adults whose age is not recorded. The SAC guidance
    covers such adults, but msp does not take the row's label from it: "Age
    Unknown" is this library's label, so check it against your collection's
    template.
    """

    AGE_18_64 = "18-64", "18-64"
    AGE_65_74 = "65-74", "65-74"
    AGE_75_84 = "75-84", "75-84"
    AGE_85_94 = "85-94", "85-94"
    AGE_95_PLUS = "95+", "95+"
    UNKNOWN = "unknown", "Age Unknown"


class SacGender(CodeList):
    """SG1b gender (the SAC accepts only these three)."""

    MALE = "male", "Male"
    FEMALE = "female", "Female"
    NOT_KNOWN = "not_known", "Not Known"


class SacEthnicity(CodeList):
    """SG1c ethnicity group."""

    WHITE = "white", "White"
    MIXED = "mixed", "Mixed / Multiple"
    ASIAN = "asian", "Asian / Asian British"
    BLACK = "black", "Black / African / Caribbean / Black British"
    OTHER = "other", "Other Ethnic Group"
    REFUSED = "refused", "Refused"
    NOT_KNOWN = "not_known", "Undeclared / Not Known"


class PrimarySupportReason(CodeList):
    """SG1d primary support reason (SAC level)."""

    PHYSICAL = "physical", "Physical Support"
    SENSORY = "sensory", "Sensory Support"
    MEMORY_AND_COGNITION = "memory_and_cognition", "Support with Memory and Cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning Disability Support"
    MENTAL_HEALTH = "mental_health", "Mental Health Support"
    SOCIAL = "social", "Social Support"
    NO_SUPPORT_REASON = "no_support_reason", "No Support Reason"
    NOT_KNOWN = "not_known", "Not Known"


class DetailedPrimarySupportReason(CodeList):
    """The detailed Client Level Data (CLD) primary support reason (DHSC CLD guidance, release 1)."""

    PHYSICAL_ACCESS_AND_MOBILITY = "physical_access_and_mobility", "Physical Support: Access & mobility only"
    PHYSICAL_PERSONAL_CARE = "physical_personal_care", "Physical Support: Personal care support"
    SENSORY_VISUAL = "sensory_visual", "Sensory Support: Support for visual impairment"
    SENSORY_HEARING = "sensory_hearing", "Sensory Support: Support for hearing impairment"
    SENSORY_DUAL = "sensory_dual", "Sensory Support: Support for dual impairment"
    MEMORY_AND_COGNITION = "memory_and_cognition", "Support with Memory & Cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning Disability Support"
    MENTAL_HEALTH = "mental_health", "Mental Health Support"
    SOCIAL_SUBSTANCE_MISUSE = "social_substance_misuse", "Social Support: Substance misuse support"
    SOCIAL_ASYLUM_SEEKER = "social_asylum_seeker", "Social Support: Asylum seeker support"
    SOCIAL_ISOLATION_OTHER = "social_isolation_other", "Social Support: Support for Social Isolation/Other"
    NOT_KNOWN = "not_known", "PSR Not Known"


class HealthCondition(CodeList):
    """SG1e health conditions: the two mandatory SAC items.

    The SAC also has voluntary health-condition rows. msp does not offer them,
    because it has no checked copy of their full list and does not guess labels.
    """

    LDI_AUTISM_EXCLUDING_ASPERGERS = (
        "ldi_autism_excluding_aspergers",
        "Learning, Developmental or Intellectual Disability (Autism excluding Asperger's Syndrome/ High Functioning Autism)",
    )
    LDI_ASPERGERS = (
        "ldi_aspergers",
        "Learning, Developmental or Intellectual Disability (Asperger's Syndrome/ High Functioning Autism)",
    )


class EnquiryType(CodeList):
    """The two types of safeguarding enquiry (SAC ``ENQUIRY_TYPE``)."""

    SECTION_42 = "section_42", "Section 42 Enquiries"
    OTHER = "other", "Other Enquiries"


# --------------------------------------------------------------------------
# Source lists mapped to the SAC (NHS Data Dictionary, ONS Census 2021, DHSC CLD)
# --------------------------------------------------------------------------


class NhsEthnicCategory(CodeList):
    """NHS Data Dictionary ETHNIC CATEGORY (2001 Census "16+1"), national codes."""

    A = "A", "White - British"
    B = "B", "White - Irish"
    C = "C", "White - Any other White background"
    D = "D", "Mixed - White and Black Caribbean"
    E = "E", "Mixed - White and Black African"
    F = "F", "Mixed - White and Asian"
    G = "G", "Mixed - Any other mixed background"
    H = "H", "Asian or Asian British - Indian"
    J = "J", "Asian or Asian British - Pakistani"
    K = "K", "Asian or Asian British - Bangladeshi"
    L = "L", "Asian or Asian British - Any other Asian background"
    M = "M", "Black or Black British - Caribbean"
    N = "N", "Black or Black British - African"
    P = "P", "Black or Black British - Any other Black background"
    R = "R", "Other Ethnic Groups - Chinese"
    S = "S", "Other Ethnic Groups - Any other ethnic group"
    Z = "Z", "Not stated (asked but declined)"
    NOT_KNOWN = "99", "Not known (not asked, or unable to be asked)"


class Census2021EthnicGroup(CodeList):
    """ONS Census 2021 ethnic group (19 categories, plus -8 does not apply)."""

    BANGLADESHI = "1", "Asian, Asian British or Asian Welsh: Bangladeshi"
    CHINESE = "2", "Asian, Asian British or Asian Welsh: Chinese"
    INDIAN = "3", "Asian, Asian British or Asian Welsh: Indian"
    PAKISTANI = "4", "Asian, Asian British or Asian Welsh: Pakistani"
    OTHER_ASIAN = "5", "Asian, Asian British or Asian Welsh: Other Asian"
    AFRICAN = "6", "Black, Black British, Black Welsh, Caribbean or African: African"
    CARIBBEAN = "7", "Black, Black British, Black Welsh, Caribbean or African: Caribbean"
    OTHER_BLACK = "8", "Black, Black British, Black Welsh, Caribbean or African: Other Black"
    WHITE_AND_ASIAN = "9", "Mixed or Multiple: White and Asian"
    WHITE_AND_BLACK_AFRICAN = "10", "Mixed or Multiple: White and Black African"
    WHITE_AND_BLACK_CARIBBEAN = "11", "Mixed or Multiple: White and Black Caribbean"
    OTHER_MIXED = "12", "Mixed or Multiple: Other Mixed"
    WHITE_BRITISH = "13", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "14", "White: Irish"
    GYPSY_OR_IRISH_TRAVELLER = "15", "White: Gypsy or Irish Traveller"
    ROMA = "16", "White: Roma"
    OTHER_WHITE = "17", "White: Other White"
    ARAB = "18", "Other ethnic group: Arab"
    ANY_OTHER = "19", "Other ethnic group: Any other ethnic group"
    DOES_NOT_APPLY = "-8", "Does not apply"


class NhsGenderIdentity(CodeList):
    """NHS Data Dictionary GENDER IDENTITY CODE."""

    MALE = "1", "Male (including trans man)"
    FEMALE = "2", "Female (including trans woman)"
    NON_BINARY = "3", "Non-binary"
    OTHER = "4", "Other (not listed)"
    NOT_STATED = "Z", "Not Stated (asked but declined)"
    NOT_KNOWN = "X", "Not Known (not recorded)"


# --------------------------------------------------------------------------
# Practice lists (not SAC): the section 42 decision and Making Safeguarding Personal
# --------------------------------------------------------------------------


class EnquiryRoute(CodeList):
    """What the section 42 decision led to: a section 42 enquiry, an other safeguarding
    enquiry (SAC guidance 2024-25 definitions) or no enquiry (Care Act 2014 s42(1)-(2))."""

    SECTION_42_ENQUIRY = "section_42_enquiry", "Section 42 enquiry"
    OTHER_ENQUIRY = "other_enquiry", "Other safeguarding enquiry"
    NO_ENQUIRY = "no_enquiry", "No enquiry"

    @property
    def enquiry_type(self) -> EnquiryType | None:
        """The SAC enquiry type this route opens, or ``None`` for no enquiry."""
        if self is EnquiryRoute.SECTION_42_ENQUIRY:
            return EnquiryType.SECTION_42
        if self is EnquiryRoute.OTHER_ENQUIRY:
            return EnquiryType.OTHER
        return None


class ExitRoute(CodeList):
    """Ways out at the concern stage when no enquiry goes ahead: the options of one council's
    case system (London Borough of Hackney) in council-neutral words, plus the responses named in
    local multi-agency procedures: police, health and children's services referrals."""

    NO_ACTION = "no_action", "No action to be taken"
    ADVICE_AND_GUIDANCE = "advice_and_guidance", "Advice and guidance"
    CARE_ACT_ASSESSMENT = "care_act_assessment", "Care Act assessment"
    CASE_MANAGEMENT = "case_management", "ASC case management"
    REVIEW = "review", "ASC review"
    OTHER_COUNCIL_SERVICE = "other_council_service", "Passed to other council service"
    SIGNPOSTED_EXTERNAL = "signposted_external", "Signposted to external agency"
    OTHER_LOCAL_AUTHORITY = "other_local_authority", "Passed to another local authority"
    POLICE_REFERRAL = "police_referral", "Referral to the police"
    HEALTH_REFERRAL = "health_referral", "Referral to NHS or specialist services"
    CHILDRENS_SERVICES = "childrens_services", "Referral to children's services"
    DUPLICATE_OF_OPEN_CONCERN = "duplicate_of_open_concern", "Duplicate of a concern still open"
    WITHDRAWN = "withdrawn", "Concern withdrawn"


class ExpressedBy(CodeList):
    """Who put a desired outcome into words. ``PRACTITIONER`` exists so that a
    practitioner's interpretation can be recorded honestly and flagged
    (desired outcomes are the adult's own, not the practitioner's interpretation:
    LGA/ADASS Making Safeguarding Personal Outcomes Framework, 2018)."""

    ADULT = "adult", "The adult"
    REPRESENTATIVE = "representative", "Representative"
    ADVOCATE = "advocate", "Advocate"
    PRACTITIONER = "practitioner", "Practitioner"


class RepresentativeKind(CodeList):
    """Who represents the adult, and under what authority (MCA 2005 ss9-20)."""

    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    LPA_PROPERTY_AND_FINANCIAL_AFFAIRS = (
        "lpa_property_and_financial_affairs",
        "Attorney: property and financial affairs LPA",
    )
    LPA_HEALTH_AND_WELFARE = "lpa_health_and_welfare", "Attorney: health and welfare LPA"
    ENDURING_POWER_OF_ATTORNEY = "enduring_power_of_attorney", "Attorney: enduring power of attorney"
    DEPUTY_PROPERTY_AND_AFFAIRS = "deputy_property_and_affairs", "Court-appointed deputy: property and affairs"
    DEPUTY_HEALTH_AND_WELFARE = "deputy_health_and_welfare", "Court-appointed deputy: health and welfare"

    @property
    def decides_welfare(self) -> bool:
        """True where this representative can make health and welfare decisions."""
        return self in (
            RepresentativeKind.LPA_HEALTH_AND_WELFARE,
            RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE,
        )

    @property
    def is_lasting_power(self) -> bool:
        """A lasting power of attorney (of either kind): it exists only once registered (MCA 2005 s9(2)(b))."""
        return self in (
            RepresentativeKind.LPA_HEALTH_AND_WELFARE,
            RepresentativeKind.LPA_PROPERTY_AND_FINANCIAL_AFFAIRS,
        )

    @property
    def is_deputy(self) -> bool:
        """A deputy appointed by the Court of Protection (of either kind, MCA 2005 s16(2)(b))."""
        return self in (
            RepresentativeKind.DEPUTY_HEALTH_AND_WELFARE,
            RepresentativeKind.DEPUTY_PROPERTY_AND_AFFAIRS,
        )

    @property
    def domain(self) -> DecisionDomain | None:
        """The domain of decisions an attorney or deputy of this kind may make (an enduring power
        of attorney covers property and financial affairs only); ``None`` for family or friends."""
        if self is RepresentativeKind.FAMILY_OR_FRIEND:
            return None
        return DecisionDomain.HEALTH_AND_WELFARE if self.decides_welfare else DecisionDomain.PROPERTY_AND_AFFAIRS


class AdvocateKind(CodeList):
    """Independent advocacy: Care Act 2014 s68, or an IMCA (Mental Capacity Act 2005 ss35-41; SI 2006/2883)."""

    CARE_ACT_INDEPENDENT_ADVOCATE = "care_act_independent_advocate", "Care Act independent advocate"
    IMCA = "imca", "Independent Mental Capacity Advocate"
    OTHER = "other", "Other advocate"


class StrengthKind(CodeList):
    """Where a strength lies: personal strengths, family, social and community networks
    (LGA Making Safeguarding Personal toolkit: strengths-based practice)."""

    PERSONAL = "personal", "Personal strength"
    FAMILY = "family", "Family network"
    COMMUNITY = "community", "Social or community network"


class ContactMethod(CodeList):
    """How the adult was spoken to."""

    IN_PERSON = "in_person", "In person"
    TELEPHONE = "telephone", "Telephone"
    VIDEO = "video", "Video call"
    WRITTEN = "written", "Written or electronic"
    THROUGH_REPRESENTATIVE = "through_representative", "Through a representative or advocate"


class ConsentStatus(CodeList):
    """Consent to a referral or to information sharing."""

    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NOT_SOUGHT = "not_sought", "Consent not sought"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity to consent"


class CapacityOutcome(CodeList):
    """The conclusion of a Mental Capacity Act assessment for one decision."""

    HAS_CAPACITY = "has_capacity", "Has capacity for this decision"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for this decision"


class ConsulteeKind(CodeList):
    """Who was consulted in a best-interests decision (MCA 2005 s4(7))."""

    NAMED_BY_PERSON = "named_by_person", "Named by the person to be consulted"
    CARER = "carer", "Engaged in caring for the person"
    INTERESTED_IN_WELFARE = "interested_in_welfare", "Interested in the person's welfare"
    ATTORNEY = "attorney", "Donee of a lasting power of attorney"
    DEPUTY = "deputy", "Court-appointed deputy"
    IMCA = "imca", "Independent Mental Capacity Advocate"
    ADVOCATE = "advocate", "Other advocate"


class DecisionMakerKind(CodeList):
    """Who made a best-interests decision (Mental Capacity Act 2005 s4; attorneys ss9-14, deputies ss16-20)."""

    PRACTITIONER = "practitioner", "Practitioner"
    ATTORNEY = "attorney", "Attorney under a lasting power of attorney"
    DEPUTY = "deputy", "Court-appointed deputy"
    COURT = "court", "Court of Protection"


class ActionStatus(CodeList):
    """Progress of one action in a safeguarding plan."""

    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ClosureReason(CodeList):
    """Why a case was closed (local multi-agency closure checklists, such as the London
    Multi-Agency Adult Safeguarding Policy and Procedures, stage 4)."""

    ENQUIRY_CONCLUDED = "enquiry_concluded", "Enquiry concluded"
    NO_ENQUIRY_REQUIRED = "no_enquiry_required", "No enquiry required"
    CEASED_AT_ADULTS_REQUEST = "ceased_at_adults_request", "Ceased at the adult's request"
    ADULT_DIED = "adult_died", "The adult died"
    TRANSFERRED = "transferred", "Transferred to another local authority"
    OTHER = "other", "Other"


class DecisionDomain(CodeList):
    """Which area of the adult's life a decision belongs to: the two kinds of lasting power of
    attorney and of deputyship (Mental Capacity Act 2005 ss9-11 and s16)."""

    HEALTH_AND_WELFARE = "health_and_welfare", "Health and welfare"
    PROPERTY_AND_AFFAIRS = "property_and_affairs", "Property and financial affairs"


class DecisionSubject(CodeList):
    """What a capacity decision is about. Capacity is decision-specific (Mental Capacity Act
    2005 s2(1): "in relation to a matter"), so rules use only the decisions whose subject
    matters to them."""

    TAKING_PART_IN_ENQUIRY = "taking_part_in_enquiry", "Taking part in the safeguarding enquiry"
    CEASING_ENQUIRY = "ceasing_enquiry", "Whether the safeguarding enquiry should stop"
    PROTECTIVE_MEASURE = "protective_measure", "A protective measure (for example restricting contact)"
    ACCOMMODATION = "accommodation", "Where to live"
    CARE_AND_SUPPORT = "care_and_support", "Care and support"
    FINANCES_AND_PROPERTY = "finances_and_property", "Finances and property"
    MEDICAL_TREATMENT = "medical_treatment", "Medical treatment"
    OTHER = "other", "Another decision"

    @property
    def domain(self) -> DecisionDomain | None:
        """The domain a decision on this subject belongs to (``None`` for :attr:`OTHER`)."""
        if self is DecisionSubject.OTHER:
            return None
        if self is DecisionSubject.FINANCES_AND_PROPERTY:
            return DecisionDomain.PROPERTY_AND_AFFAIRS
        return DecisionDomain.HEALTH_AND_WELFARE


class InterpreterKind(CodeList):
    """Who interpreted or gave communication support when the adult was spoken to. A family
    member or friend interpreting is recorded so that it can be flagged: they may be the
    person the adult needs to speak about."""

    PROFESSIONAL_SPOKEN_LANGUAGE = "professional_spoken_language", "Professional spoken-language interpreter"
    SIGN_LANGUAGE = "sign_language", "Sign language interpreter"
    COMMUNICATION_SUPPORT = "communication_support", "Communication support worker or aid"
    STAFF_MEMBER = "staff_member", "Member of staff"
    FAMILY_OR_FRIEND = "family_or_friend", "Family member or friend"
    OTHER = "other", "Other"


class ConsentGround(CodeList):
    """Why the council proceeds, or shares information, without the adult's consent (Care and
    Support Statutory Guidance ch. 14, on the adult's wishes and when they may be overridden)."""

    OTHERS_AT_RISK = "others_at_risk", "Other people, including children, are at risk"
    CRIME = "crime", "A crime has been or may be committed"
    POSITION_OF_TRUST = "position_of_trust", "A member of staff or a person in a position of trust is implicated"
    COERCION_OR_DURESS = "coercion_or_duress", "The adult is under coercion or duress"
    RISK_TO_LIFE = "risk_to_life", "Risk to life or of serious harm"
    VITAL_INTEREST = "vital_interest", "The adult's vital interest"
    PUBLIC_INTEREST = "public_interest", "The public interest"
    LACKS_CAPACITY = "lacks_capacity", "The adult lacks capacity for this decision"


class CrimeKind(CodeList):
    """What crime may have been committed, where the enquiry thinks one may have been."""

    ASSAULT = "assault", "Assault or other violence"
    SEXUAL_OFFENCE = "sexual_offence", "Sexual offence"
    THEFT_OR_FRAUD = "theft_or_fraud", "Theft, fraud or other financial crime"
    ILL_TREATMENT_OR_WILFUL_NEGLECT = (
        "ill_treatment_or_wilful_neglect",
        "Ill-treatment or wilful neglect of a person who lacks capacity (Mental Capacity Act 2005 s44)",
    )
    CARE_WORKER_OFFENCE = (
        "care_worker_offence",
        "Ill-treatment or wilful neglect by a care worker (Criminal Justice and Courts Act 2015 s20)",
    )
    CARE_PROVIDER_OFFENCE = (
        "care_provider_offence",
        "Ill-treatment or wilful neglect by a care provider (Criminal Justice and Courts Act 2015 s21)",
    )
    CONTROLLING_OR_COERCIVE_BEHAVIOUR = (
        "controlling_or_coercive_behaviour",
        "Controlling or coercive behaviour (Serious Crime Act 2015 s76)",
    )
    MODERN_SLAVERY = "modern_slavery", "Modern slavery (Modern Slavery Act 2015)"
    HATE_CRIME = "hate_crime", "Hate crime"
    OTHER = "other", "Another offence"


class ChildRiskReason(CodeList):
    """Why a child may be at risk of harm: a judgement recorded by the practitioner, never inferred
    from the mere presence of children."""

    LIVES_IN_HOUSEHOLD = "lives_in_household", "A child lives in the household"
    CARED_FOR_BY_ALLEGED_PERSON = (
        "cared_for_by_alleged_person",
        "A child is cared for by the person alleged to have caused harm",
    )
    OTHER = "other", "Another reason"


class Relationship(CodeList):
    """How the person alleged to have caused harm is related to the adult."""

    PARTNER = "partner", "Partner or spouse"
    FORMER_PARTNER = "former_partner", "Former partner or spouse"
    PARENT = "parent", "Parent"
    SON_OR_DAUGHTER = "son_or_daughter", "Son or daughter"
    SIBLING = "sibling", "Brother or sister"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND_OR_NEIGHBOUR = "friend_or_neighbour", "Friend or neighbour"
    PAID_CARER = "paid_carer", "Paid carer or care worker"
    VOLUNTEER = "volunteer", "Volunteer"
    HEALTH_OR_SOCIAL_CARE_PROFESSIONAL = (
        "health_or_social_care_professional",
        "Health or social care professional",
    )
    OTHER_RESIDENT_OR_SERVICE_USER = "other_resident_or_service_user", "Another resident or service user"
    STRANGER = "stranger", "Stranger"
    OTHER = "other", "Other"

    @property
    def may_be_personally_connected(self) -> bool:
        """The relationship can make two people "personally connected" (Domestic Abuse Act 2021 s2:
        partners, former partners, relatives; also people who have agreed to marry, been in an
        intimate relationship or share parental responsibility, which "other" may cover)."""
        return self in _PERSONALLY_CONNECTED


_PERSONALLY_CONNECTED: frozenset[Relationship] = frozenset(
    {
        Relationship.PARTNER,
        Relationship.FORMER_PARTNER,
        Relationship.PARENT,
        Relationship.SON_OR_DAUGHTER,
        Relationship.SIBLING,
        Relationship.OTHER_RELATIVE,
        Relationship.OTHER,
    }
)


class DomesticAbuseRiskTool(CodeList):
    """The risk assessment tool used for domestic abuse."""

    DASH = "dash", "DASH risk identification checklist"
    DARA = "dara", "Domestic Abuse Risk Assessment (DARA)"
    OTHER = "other", "Another tool"


class DomesticAbuseRiskLevel(CodeList):
    """The level of risk the domestic-abuse risk assessment found."""

    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class LibertyAuthorisation(CodeList):
    """How a deprivation of liberty is authorised, or where that stands."""

    DOLS_URGENT = "dols_urgent", "Urgent authorisation (Mental Capacity Act 2005 Sch A1)"
    DOLS_STANDARD = "dols_standard", "Standard authorisation (Mental Capacity Act 2005 Sch A1)"
    COURT_OF_PROTECTION_ORDER = (
        "court_of_protection_order",
        "Court of Protection order (Mental Capacity Act 2005 s16(2)(a), s4A(3))",
    )
    LIFE_SUSTAINING_PENDING_COURT = (
        "life_sustaining_pending_court",
        "Life-sustaining treatment or vital acts while a court decision is sought (Mental Capacity Act 2005 s4B)",
    )
    MENTAL_HEALTH_ACT = "mental_health_act", "Detention under the Mental Health Act 1983"
    INHERENT_JURISDICTION = "inherent_jurisdiction", "High Court order under its inherent jurisdiction"
    APPLICATION_PENDING = "application_pending", "Application made, decision awaited"
    NONE = "none", "Not authorised"


class OrganisationKind(CodeList):
    """The kind of organisation a concern names, or that the council causes to make an enquiry
    (Care Act 2014 s42(2): "make (or cause to be made)")."""

    CARE_HOME = "care_home", "Care home"
    HOME_CARE = "home_care", "Home care (domiciliary) provider"
    SUPPORTED_LIVING = "supported_living", "Supported living provider"
    DAY_SERVICE = "day_service", "Day service"
    NHS_TRUST = "nhs_trust", "NHS trust or foundation trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    HOUSING_PROVIDER = "housing_provider", "Housing provider"
    POLICE = "police", "Police"
    OTHER = "other", "Other organisation"


class LinkReason(CodeList):
    """Why two concerns are linked."""

    SAME_ADULT = "same_adult", "About the same adult"
    SAME_LOCATION = "same_location", "About the same provider location"
    SAME_ALLEGED_PERSON = "same_alleged_person", "About the same person alleged to have caused harm"


class QualityCheckOutcome(CodeList):
    """The council's check of the report of an enquiry it caused another organisation to make."""

    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for more work"
    NOT_ACCEPTED = "not_accepted", "Not accepted: the council makes further enquiries"


class MeetingKind(CodeList):
    """A safeguarding meeting or discussion (local multi-agency procedures)."""

    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    STRATEGY_MEETING = "strategy_meeting", "Strategy meeting"
    CASE_CONFERENCE = "case_conference", "Case conference"
    MULTI_AGENCY_RISK_PANEL = "multi_agency_risk_panel", "Multi-agency risk panel"
    PROFESSIONALS_MEETING = "professionals_meeting", "Professionals meeting"


class FeedbackAsked(CodeList):
    """Whether the adult or their representative was asked for feedback on their experience of the
    safeguarding activity (LGA/ADASS Making Safeguarding Personal Outcomes Framework, 2018, questions 4-7).
    The labels are this library's: the framework does not code this."""

    ASKED = "asked", "Asked"
    DECLINED = "declined", "Declined to answer"
    NOT_POSSIBLE = "not_possible", "Not possible to ask"


class FeedbackRespondent(CodeList):
    """Who answered the feedback questions: the framework has versions of questions 4-7 for the adult at
    risk and for their representative, "whether a friend, carer, family member or an Independent Mental
    Capacity Advocate" (LGA/ADASS Making Safeguarding Personal Outcomes Framework, 2018)."""

    ADULT = "adult", "The adult at risk"
    FRIEND = "friend", "Friend"
    CARER = "carer", "Carer"
    FAMILY_MEMBER = "family_member", "Family member"
    IMCA = "imca", "Independent Mental Capacity Advocate"

    @property
    def is_representative(self) -> bool:
        """True for a representative (anyone but the adult)."""
        return self is not FeedbackRespondent.ADULT


class FeedbackAskedBy(CodeList):
    """Who asked the feedback questions: the framework allows "an independent person (i.e. not the person
    leading the enquiry) after the case was closed, but within eight weeks of the case closing", or "the
    person leading the information gathering or enquiry ... at case closure" (LGA/ADASS Making Safeguarding
    Personal Outcomes Framework, 2018)."""

    INDEPENDENT_PERSON = "independent_person", "An independent person (not the enquiry lead)"
    ENQUIRY_LEAD = "enquiry_lead", "The person leading the information gathering or enquiry"


class FeedbackQuestion(CodeList):
    """The framework's experience questions, 4 to 7 (LGA/ADASS Making Safeguarding Personal Outcomes
    Framework, 2018). The labels are neutral on purpose: msp does not reproduce the framework's wording
    of these questions or of their answer options, because it has not checked that wording against a full
    published copy of the framework. A council records the answer in the words of its own copy."""

    Q4 = "q4", "Question 4"
    Q5 = "q5", "Question 5"
    Q6 = "q6", "Question 6"
    Q7 = "q7", "Question 7"


class CaseStage(CodeList):
    """Where a case is in the safeguarding process (the four stages of the London
    Multi-Agency Adult Safeguarding Policy and Procedures, a local multi-agency
    procedure; the workflow module defines the transitions).

    The members are declared in process order, and that declaration is the one place
    the order is written: :meth:`in_order`, :meth:`at_or_after` and :meth:`and_after`
    read it, and so do ``msp.rules.STAGE_ORDER`` and ``msp.rules.from_stage``.
    """

    CONCERN_RECEIVED = "concern_received", "Concern received"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    DECIDED = "decided", "Section 42 decision made"
    ENQUIRY = "enquiry", "Enquiry"
    PLAN_AND_REVIEW = "plan_and_review", "Safeguarding plan and review"
    CONCLUDED = "concluded", "Enquiry concluded"
    CEASED_AT_ADULTS_REQUEST = "ceased_at_adults_request", "Enquiry ceased at the adult's request"
    CLOSED = "closed", "Closed"

    @classmethod
    def in_order(cls) -> tuple[CaseStage, ...]:
        """Every stage, in process order: from ``concern_received`` to ``closed``."""
        return tuple(cls)

    def at_or_after(self, other: CaseStage) -> bool:
        """True where this stage is ``other`` or comes after it in process order."""
        order = self.in_order()
        return order.index(self) >= order.index(other)

    def and_after(self) -> frozenset[CaseStage]:
        """The stages from this one on, in process order: where a rule that applies "from" this stage applies."""
        return frozenset(s for s in self.in_order() if s.at_or_after(self))


# --------------------------------------------------------------------------
# The lists as data
# --------------------------------------------------------------------------


def _summary(cls: type) -> str:
    """The first paragraph of a class's docstring, made one line."""
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


def _code_lists() -> list[type[CodeList]]:
    """Every code list this package defines (subclasses of subclasses too), by name."""
    found: dict[str, type[CodeList]] = {}
    pending: list[type[CodeList]] = [CodeList]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__ == __name__ and any(True for _ in sub):  # this package's lists, not a caller's
                found[sub.__name__] = sub
    return [found[name] for name in sorted(found)]


def export() -> dict[str, Any]:
    """Every code list and every mapping between lists, as JSON-ready data (what ``msp codes`` writes).

    The code lists are not versioned by collection year: a code never changes once
    published (see this module's docstring), so each list says ``"valid": "all years"``.

    Returns:
        The code lists and the mappings, as
        ``{"lists": {name: {"summary", "valid", "codes": [{"code", "label"}, ...]}}, "mappings":
        {name: {"from", "to", "table": {code: code}}}}``: the lists by class name, in name
        order, each with the first paragraph of its docstring and its codes in declaration
        order; the mapping tables of :mod:`msp.codes.mappings` (for example
        ``NHS_ETHNIC_CATEGORY_TO_SAC``), each from one list's codes to another's.

    Example::

        >>> from msp.codes import export
        >>> export()["lists"]["SacGender"]["codes"][0]
        {'code': 'male', 'label': 'Male'}
        >>> export()["mappings"]["NHS_GENDER_IDENTITY_TO_SAC"]["table"]["3"]
        'not_known'
    """
    from msp.codes import mappings  # noqa: PLC0415 - mappings imports this module

    lists = {
        cls.__name__: {
            "summary": _summary(cls),
            "valid": "all years",
            "codes": [{"code": m.code, "label": m.label} for m in cls],
        }
        for cls in _code_lists()
    }
    tables: dict[str, Any] = {}
    for name in mappings.__all__:
        table = getattr(mappings, name)
        if not (name.isupper() and isinstance(table, Mapping) and table):
            continue
        source, target = next(iter(table.items()))
        tables[name] = {
            "from": type(source).__name__,
            "to": type(target).__name__,
            "table": {key.code: value.code for key, value in table.items()},
        }
    return {"lists": lists, "mappings": tables}


def _a(name: str) -> str:
    """``name`` with its indefinite article, for messages ("an ActionStatus", "a TypeOfRisk")."""
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"
