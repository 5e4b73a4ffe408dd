"""The rule catalogue and the engine that runs it.

Quick start::

    import msp
    report = msp.validate(concern)          # every rule for the case's stage
    for finding in report.findings:
        print(finding.record_id, finding.path, finding.code, finding.message)

Families: ``MSP-`` Making Safeguarding Personal practice (the Care and Support Statutory
Guidance ch. 14 and the LGA/ADASS Making Safeguarding Personal publications), ``MCA-``
Mental Capacity Act 2005, ``CA-`` Care Act 2014, ``SAC-`` Safeguarding Adults
Collection completeness, ``WF-`` the workflow's own record (history order and
integrity, see :mod:`msp.workflow.steps`). ``SHAPE-`` codes are structure problems found while
reading a record (see :mod:`msp.convert`). Every rule names the published source it comes
from (:attr:`Rule.reference`) and what it rests on (:class:`Basis`: law, statutory guidance,
MSP practice guidance, a SAC data requirement or local practice); a :class:`Profile` can run
only some bases.

The rules take records (:class:`~msp.model.concern.Concern`) only;
:func:`msp.validate` also takes a dict as read from JSON. A rule's facts are declared
once: its paths by name (:class:`Paths`), its guard (:func:`only_if`), its stages; the
:class:`Registry` (:data:`REGISTRY` for the functions here) keeps the rules, the
profiles and the rule sets worked out from them, and any change takes effect in the
next :func:`rule_set` or :func:`validate` call (docs/validation.md).

Inside: what a rule is (``_types``), how rules are declared (``_declare``), the shapes
the built-in rules share (``_shapes``), how a rule set runs at a stage (``_plan``) and
on a record (``_run``), the registry and profiles (``_registry``), and the built-in
families (:mod:`msp.rules.families`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.rules._catalogue import catalogue
from msp.rules._declare import only_if
from msp.rules._registry import (
    REGISTRY,
    Profile,
    Registry,
    get_profile,
    get_rule,
    profiles,
    register,
    register_profile,
    registered_rules,
    resolve_rules,
    retired_rules,
    rule,
    rule_set,
    unregister,
    unregister_profile,
    validate,
)
from msp.rules._run import Report, RuleSet
from msp.rules._types import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    Basis,
    Check,
    CheckResult,
    Fail,
    Finding,
    JsonPath,
    NotApplicable,
    Paths,
    RetiredRule,
    Rule,
    Severity,
    Status,
    fail,
    from_stage,
)
from msp.rules.families.text import TextVocabulary

__all__ = [
    "DEFAULT_YEAR",
    "NOT_APPLICABLE",
    "PASS",
    "REGISTRY",
    "STAGE_ORDER",
    "Basis",
    "Check",
    "CheckResult",
    "Fail",
    "Finding",
    "JsonPath",
    "NotApplicable",
    "Paths",
    "Profile",
    "Registry",
    "Report",
    "RetiredRule",
    "Rule",
    "RuleSet",
    "Severity",
    "Status",
    "TextVocabulary",
    "catalogue",
    "fail",
    "from_stage",
    "get_profile",
    "get_rule",
    "only_if",
    "profiles",
    "register",
    "register_profile",
    "registered_rules",
    "resolve_rules",
    "retired_rules",
    "rule",
    "rule_set",
    "unregister",
    "unregister_profile",
    "validate",
]


def __dir__() -> list[str]:
    return list(__all__)
