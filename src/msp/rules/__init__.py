"""The rule catalogue and the engine that runs it.

Quick start::

    import msp
    report = msp.validate(concern)          # every rule for the case's stage
    for finding in report.findings:
        print(finding.record_id, finding.path, finding.code, finding.message)

Families: ``MSP-`` Making Safeguarding Personal practice (the seeds), ``MCA-``
Mental Capacity Act 2005, ``CA-`` Care Act 2014, ``SAC-`` Safeguarding Adults
Collection completeness, ``WF-`` the workflow's own record (history order and
integrity, see :mod:`msp.workflow.steps`). ``SHAPE-`` codes are structure problems found while
reading a record (see :mod:`msp.convert._converter`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.rules._catalogue import catalogue
from msp.rules._engine import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    CheckResult,
    Fail,
    Finding,
    NotApplicable,
    Profile,
    Report,
    Rule,
    RuleSet,
    Severity,
    Status,
    fail,
    from_stage,
    get_profile,
    get_rule,
    profiles,
    register,
    register_profile,
    registered_rules,
    rule,
    rule_set,
    unregister,
    validate,
)

__all__ = [
    "DEFAULT_YEAR",
    "NOT_APPLICABLE",
    "PASS",
    "STAGE_ORDER",
    "CheckResult",
    "Fail",
    "Finding",
    "NotApplicable",
    "Profile",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "Status",
    "catalogue",
    "fail",
    "from_stage",
    "get_profile",
    "get_rule",
    "profiles",
    "register",
    "register_profile",
    "registered_rules",
    "rule",
    "rule_set",
    "unregister",
    "validate",
]


def __dir__() -> list[str]:
    return list(__all__)
