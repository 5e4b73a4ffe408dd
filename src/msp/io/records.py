"""Validate one record given as a :class:`~msp.model.concern.Concern` or as a dict.

The rules (:mod:`msp.rules`) take records only. Here a dict read from JSON is
built first, and whatever stops it being built (a missing field, a wrong type,
a code not in its list) becomes an error finding located by its JSON path, so
that one call answers for a record in any state. :func:`validate` is the
library's :func:`msp.validate`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from msp.codes import CaseStage
from msp.convert import from_dict, problems_from_exception
from msp.convert._converter import from_refused_dict
from msp.errors import InvalidRecord, NewerSchemaWarning, Problem, Severity
from msp.model.concern import Concern
from msp.rules import Finding, Profile, Report, RuleSet, resolve_rules

__all__ = ["check_record", "validate"]


def _newer_finding(warning: NewerSchemaWarning) -> Finding:
    """A record read at a newer ``schema_version`` as the current one: a warning finding naming both versions."""
    problem = Problem(code="SHAPE-SCHEMA", path="$.schema_version", message=str(warning), record_id=warning.record_id)
    return attrs.evolve(Finding.from_problem(problem), severity=Severity.WARNING)


def _build(
    record: Mapping[str, Any], unknown: Literal["error", "ignore"], *, fast: bool
) -> tuple[Concern, tuple[Finding, ...]]:
    """The record built, and a warning finding if it was read from a newer ``schema_version``."""
    read = from_dict if fast else from_refused_dict
    if unknown == "error":
        return read(record), ()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NewerSchemaWarning)
        concern = read(record, unknown=unknown)
    newer = tuple(_newer_finding(w.message) for w in caught if isinstance(w.message, NewerSchemaWarning))
    return concern, newer


def check_record(
    rules: RuleSet,
    record: Concern | Mapping[str, Any],
    *,
    stage: CaseStage | None = None,
    unknown: Literal["error", "ignore"] = "error",
    fast: bool = True,
) -> Report:
    """Validate ``record`` with ``rules``; a dict that cannot be built gives its problems as findings.

    Never raises for a bad record: a dict that cannot be built yields a report
    with no rule statuses and one error finding per problem. With
    ``unknown="ignore"`` a dict at a newer ``schema_version`` is read as the
    current version (:func:`msp.from_dict`), and the report's first finding is a
    ``SHAPE-SCHEMA`` warning naming both versions and the paths ignored.
    ``fast=False`` skips the fast try at building a dict, for a reader whose fast JSON
    route has already refused the record: the report is the same, sooner.
    """
    if isinstance(record, Concern):
        return rules.validate(record, stage=stage)
    try:
        concern, newer = _build(record, unknown, fast=fast)
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
    report = rules.validate(concern, stage=stage)
    return attrs.evolve(report, findings=(*newer, *report.findings)) if newer else report


def validate(
    record: Concern | Mapping[str, Any],
    *,
    stage: CaseStage | str | None = None,
    rules: RuleSet | Profile | str | Iterable[str] | None = None,
    unknown: Literal["error", "ignore"] = "error",
) -> Report:
    """Validate one record: structure first (for a dict), then every rule for its stage.

    Args:
        record: a :class:`~msp.model.concern.Concern`, or a dict as read from JSON
            (structure and code-list problems then become findings too).
        stage: validate as if the case were at this stage (default: its own).
        rules: a :class:`~msp.rules.RuleSet`, a :class:`~msp.rules.Profile`, a
            profile name, or rule codes to run from the default rule set.
            Default: the ``default`` profile.
        unknown: for a dict at a newer ``schema_version`` than this library reads:
            ``"error"`` (default) refuses it (``SHAPE-SCHEMA``); ``"ignore"`` reads it
            as the current version, drops the fields this library does not know and
            reports that as a ``SHAPE-SCHEMA`` warning finding (docs/model.md, record versions).

    Returns:
        A :class:`~msp.rules.Report`. Never raises for a bad record.

    Raises:
        KeyError: an unknown profile name or rule code.
        ValueError: ``unknown`` is neither ``"error"`` nor ``"ignore"``.
    """
    if unknown not in ("error", "ignore"):
        raise ValueError('unknown must be "error" or "ignore"')
    target = CaseStage(stage) if isinstance(stage, str) else stage
    return check_record(resolve_rules(rules), record, stage=target, unknown=unknown)
