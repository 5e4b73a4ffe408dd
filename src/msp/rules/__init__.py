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
reading a record (see :mod:`msp.convert`).

The rules take records (:class:`~msp.model.concern.Concern`) only;
:func:`msp.validate` also takes a dict as read from JSON. Inside: what a rule is
(``_types``), how rules are declared (``_declare``), how they run (``_run``), the
registry and profiles (``_registry``), and the built-in families
(:mod:`msp.rules.families`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.rules._catalogue import catalogue
from msp.rules._registry import (
    Profile,
    get_profile,
    get_rule,
    profiles,
    register,
    register_profile,
    registered_rules,
    resolve_rules,
    rule,
    rule_set,
    unregister,
    validate,
)
from msp.rules._run import Report, RuleSet
from msp.rules._types import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    PASS,
    STAGE_ORDER,
    CheckResult,
    Fail,
    Finding,
    NotApplicable,
    Rule,
    Severity,
    Status,
    fail,
    from_stage,
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
    "resolve_rules",
    "rule",
    "rule_set",
    "unregister",
    "validate",
]


def __dir__() -> list[str]:
    return list(__all__)
