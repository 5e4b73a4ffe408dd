"""Validate one record given as a :class:`~msp.model.concern.Concern` or as a dict.

The rules (:mod:`msp.rules`) take records only. Here a dict read from JSON is
built first, and whatever stops it being built (a missing field, a wrong type,
a code not in its list) becomes an error finding located by its JSON path, so
that one call answers for a record in any state. :func:`validate` is the
library's :func:`msp.validate`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from msp.codes import CaseStage
from msp.convert import from_dict, problems_from_exception
from msp.errors import InvalidRecord
from msp.model.concern import Concern
from msp.rules import Finding, Profile, Report, RuleSet, resolve_rules

__all__ = ["check_record", "validate"]


def check_record(rules: RuleSet, record: Concern | Mapping[str, Any], *, stage: CaseStage | None = None) -> Report:
    """Validate ``record`` with ``rules``; a dict that cannot be built gives its problems as findings.

    Never raises for a bad record: a dict that cannot be built yields a report
    with no rule statuses and one error finding per problem.
    """
    if isinstance(record, Concern):
        return rules.validate(record, stage=stage)
    try:
        concern = from_dict(record)
    except InvalidRecord as exc:
        findings = tuple(Finding.from_problem(p, exc.record_id) for p in exc.problems)
        return Report(record_id=exc.record_id, findings=findings, rule_set=rules, statuses=())
    except Exception as exc:  # noqa: BLE001 - never let a record escape as a traceback
        problems = problems_from_exception(exc)
        return Report(
            record_id=None,
            findings=tuple(Finding.from_problem(p) for p in problems),
            rule_set=rules,
            statuses=(),
        )
    return rules.validate(concern, stage=stage)


def validate(
    record: Concern | Mapping[str, Any],
    *,
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
) -> Report:
    """Validate one record: structure first (for a dict), then every rule for its stage.

    Args:
        record: a :class:`~msp.model.concern.Concern`, or a dict as read from JSON
            (structure and code-list problems then become findings too).
        stage: validate as if the case were at this stage (default: its own).
        rules: a :class:`~msp.rules.RuleSet`, a :class:`~msp.rules.Profile`, a
            profile name, or rule codes to run from the default rule set.
            Default: the ``default`` profile.

    Returns:
        A :class:`~msp.rules.Report`. Never raises for a bad record.

    Raises:
        KeyError: an unknown profile name or rule code.
    """
    target = CaseStage(stage) if isinstance(stage, str) else stage
    return check_record(resolve_rules(rules), record, stage=target)
