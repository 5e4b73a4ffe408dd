"""The records of a safeguarding case: the adult, the concern and its enquiry,
desired outcomes, capacity and best-interests decisions, and the risk plan.

Layer: ``model`` (imports only :mod:`msp.codes` and :mod:`msp.errors`). Every
record is a frozen, slotted, keyword-only attrs class that checks its shape when
built and raises :class:`msp.errors.InvalidRecord` with every problem located.
:mod:`msp.model.privacy` finds and redacts personal fields; :mod:`msp.model.history`
seals the record's history chain.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.model.adult import Adult, Advocate, PersonInvolved, Representative, Strength
from msp.model.capacity import BestInterestsDecision, CapacityDecision, Consultee, FunctionalElement
from msp.model.concern import (
    ActingWithoutConsent,
    Actor,
    AdultsViews,
    AdvocacyAssessment,
    Closure,
    Concern,
    Consent,
    Contact,
    Enquiry,
    HistoryEntry,
    ImmediateSafety,
    OptionsDiscussion,
    ProfessionalCuriosity,
    Referrer,
    Risk,
    SafeguardingAdultsReview,
    Section42Decision,
)
from msp.model.extensions import (
    Extension,
    ExtensionDefinition,
    ExtensionError,
    ExtensionType,
    extension_definition,
    load_extensions,
    register_extension,
    registered_extensions,
    unregister_extension,
    using_extensions,
)
from msp.model.feedback import AdultsFeedback, FeedbackAnswer
from msp.model.harm import DomesticAbuse, PersonAllegedToHaveCausedHarm
from msp.model.organisation import (
    Attendee,
    CausedEnquiry,
    ConcernLink,
    Meeting,
    OrganisationalEnquiry,
    ProviderInvolved,
    RouteChange,
)
from msp.model.outcomes import DesiredOutcome, overall_achievement
from msp.model.plan import Escalation, LivingWithRisk, PlanAction, RiskPlan
from msp.model.privacy import REDACTED, personal_fields, redact
from msp.model.protection import ChildrenAtRisk, CrimeAndPolice, DeprivationOfLiberty, EnquiryPause
from msp.model.spec import SPEC, FieldSpec, Kind, field_specs, record_classes, spec_of

__all__ = [
    "REDACTED",
    "SPEC",
    "ActingWithoutConsent",
    "Actor",
    "Adult",
    "AdultsFeedback",
    "AdultsViews",
    "AdvocacyAssessment",
    "Advocate",
    "Attendee",
    "BestInterestsDecision",
    "CapacityDecision",
    "CausedEnquiry",
    "ChildrenAtRisk",
    "Closure",
    "Concern",
    "ConcernLink",
    "Consent",
    "Consultee",
    "Contact",
    "CrimeAndPolice",
    "DeprivationOfLiberty",
    "DesiredOutcome",
    "DomesticAbuse",
    "Enquiry",
    "EnquiryPause",
    "Escalation",
    "Extension",
    "ExtensionDefinition",
    "ExtensionError",
    "ExtensionType",
    "FeedbackAnswer",
    "FieldSpec",
    "FunctionalElement",
    "HistoryEntry",
    "ImmediateSafety",
    "Kind",
    "LivingWithRisk",
    "Meeting",
    "OptionsDiscussion",
    "OrganisationalEnquiry",
    "PersonAllegedToHaveCausedHarm",
    "PersonInvolved",
    "PlanAction",
    "ProfessionalCuriosity",
    "ProviderInvolved",
    "Referrer",
    "Representative",
    "Risk",
    "RiskPlan",
    "RouteChange",
    "SafeguardingAdultsReview",
    "Section42Decision",
    "Strength",
    "extension_definition",
    "field_specs",
    "load_extensions",
    "overall_achievement",
    "personal_fields",
    "record_classes",
    "redact",
    "register_extension",
    "registered_extensions",
    "spec_of",
    "unregister_extension",
    "using_extensions",
]


def __dir__() -> list[str]:
    return __all__
