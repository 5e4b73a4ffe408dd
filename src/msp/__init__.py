"""making-safeguarding-personal: a typed, validated model of adult safeguarding
done the Making Safeguarding Personal way.

The public surface is re-exported here; sub-modules (:mod:`msp.codes`,
:mod:`msp.mappings`, ...) have their own ``__all__``.
"""

from __future__ import annotations

from typing import Any

from msp.adult import Adult, Advocate, PersonInvolved, Representative, Strength
from msp.capacity import BestInterestsDecision, CapacityDecision, Consultee, FunctionalElement
from msp.concern import (
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
from msp.convert import SCHEMA_VERSION, from_dict, from_json, make_converter, to_dict, to_json
from msp.errors import InvalidRecord, MspError, Problem
from msp.outcomes import DesiredOutcome, overall_achievement
from msp.plan import Escalation, LivingWithRisk, PlanAction, RiskPlan
from msp.privacy import personal_fields, redact
from msp.rules import Finding, Report, Severity, Status, validate
from msp.years import CollectionYear

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Adult",
    "AdultsViews",
    "AdvocacyAssessment",
    "Advocate",
    "BestInterestsDecision",
    "CapacityDecision",
    "Closure",
    "CollectionYear",
    "Concern",
    "Consent",
    "Consultee",
    "Contact",
    "DesiredOutcome",
    "Enquiry",
    "Escalation",
    "Finding",
    "FunctionalElement",
    "HistoryEntry",
    "ImmediateSafety",
    "InvalidRecord",
    "LivingWithRisk",
    "MspError",
    "OptionsDiscussion",
    "PersonInvolved",
    "PlanAction",
    "Problem",
    "ProfessionalCuriosity",
    "Referrer",
    "Report",
    "Representative",
    "Risk",
    "RiskPlan",
    "SafeguardingAdultsReview",
    "Section42Decision",
    "Severity",
    "Status",
    "Strength",
    "__version__",
    "from_dict",
    "from_json",
    "make_converter",
    "overall_achievement",
    "personal_fields",
    "redact",
    "to_dict",
    "to_json",
    "validate",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401
    """Read ``__version__`` lazily from the installed distribution's metadata."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("making-safeguarding-personal")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0+unknown"
    msg = f"module 'msp' has no attribute {name!r}"
    raise AttributeError(msg)
