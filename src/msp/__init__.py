"""making-safeguarding-personal: a typed, validated model of adult safeguarding
done the Making Safeguarding Personal way.

The public surface is re-exported here; sub-modules (:mod:`msp.codes`,
:mod:`msp.codes.mappings`, ...) have their own ``__all__``.

The conversion functions (:mod:`msp.convert`, which brings in cattrs) and the
rules engine (:mod:`msp.rules`) are imported on first use, so ``import msp``
stays quick for command-line tools and short scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msp.codes.years import CollectionYear
from msp.errors import (
    Finding,
    InvalidRecord,
    MappingError,
    MspError,
    NewerSchemaWarning,
    Problem,
    Severity,
    TransitionRefused,
)
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
    load_extensions,
    register_extension,
    registered_extensions,
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
from msp.model.privacy import personal_fields, redact
from msp.model.protection import ChildrenAtRisk, CrimeAndPolice, DeprivationOfLiberty, EnquiryPause

if TYPE_CHECKING:
    from msp.convert import SCHEMA_VERSION, from_dict, from_json, make_converter, migrate, schema, to_dict, to_json
    from msp.io.records import validate
    from msp.rules import Report, Status

_CONVERT: frozenset[str] = frozenset(
    {"SCHEMA_VERSION", "from_dict", "from_json", "make_converter", "migrate", "schema", "to_dict", "to_json"}
)
_RULES: frozenset[str] = frozenset({"Report", "Status"})
"""Public names imported on first use: conversion (brings in cattrs) and the rules engine."""

__all__ = [
    "SCHEMA_VERSION",
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
    "CollectionYear",
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
    "Finding",
    "FunctionalElement",
    "HistoryEntry",
    "ImmediateSafety",
    "InvalidRecord",
    "LivingWithRisk",
    "MappingError",
    "Meeting",
    "MspError",
    "NewerSchemaWarning",
    "OptionsDiscussion",
    "OrganisationalEnquiry",
    "PersonAllegedToHaveCausedHarm",
    "PersonInvolved",
    "PlanAction",
    "Problem",
    "ProfessionalCuriosity",
    "ProviderInvolved",
    "Referrer",
    "Report",
    "Representative",
    "Risk",
    "RiskPlan",
    "RouteChange",
    "SafeguardingAdultsReview",
    "Section42Decision",
    "Severity",
    "Status",
    "Strength",
    "TransitionRefused",
    "__version__",
    "from_dict",
    "from_json",
    "load_extensions",
    "make_converter",
    "migrate",
    "overall_achievement",
    "personal_fields",
    "redact",
    "register_extension",
    "registered_extensions",
    "schema",
    "to_dict",
    "to_json",
    "using_extensions",
    "validate",
]


def _keep(name: str, value: object) -> object:
    globals()[name] = value  # found directly from now on
    return value


def __getattr__(name: str) -> Any:  # noqa: ANN401
    """Import the conversion functions and the rules engine on first use; read
    ``__version__`` lazily from the installed distribution's metadata."""
    # Plain imports (not importlib) so that import-linter sees every arrow of the layers.
    if name in _CONVERT:
        import msp.convert  # noqa: PLC0415 - on first use

        return _keep(name, getattr(msp.convert, name))
    if name in _RULES:
        import msp.rules  # noqa: PLC0415 - on first use

        return _keep(name, getattr(msp.rules, name))
    if name == "validate":
        import msp.io.records  # noqa: PLC0415 - on first use

        return _keep(name, msp.io.records.validate)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("making-safeguarding-personal")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0+unknown"
    msg = f"module 'msp' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """The module's names, the ones imported on first use included."""
    return sorted(set(globals()) | set(__all__))
