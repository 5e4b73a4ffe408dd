"""Export the rule catalogue as Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Final, Literal

import attrs

from msp.rules._registry import retired_rules, rule_set
from msp.rules._run import RuleSet
from msp.rules._types import STAGE_ORDER, Basis

__all__ = ["catalogue"]

_COLUMNS = ("code", "family", "severity", "basis", "title", "stages", "reference", "fields", "valid_from", "valid_to")

_BASES: Final[dict[Basis, str]] = {
    Basis.LAW: (
        "an Act, a statutory instrument or case law (e.g. Care Act 2014 s42(1), Mental Capacity Act 2005 s4(7))."
    ),
    Basis.STATUTORY_GUIDANCE: (
        "the Care and Support Statutory Guidance (DHSC, as updated 27 September 2024: chapter 14 safeguarding, "
        "chapter 7 advocacy) or the Mental Capacity Act 2005 Code of Practice: followed unless there is good "
        "reason not to."
    ),
    Basis.MSP_PRACTICE: (
        'Making Safeguarding Personal practice guidance: the LGA "Making Safeguarding Personal toolkit", LGA/ADASS '
        '"Myths and realities about Making Safeguarding Personal" (2019) and the LGA/ADASS "Making Safeguarding '
        'Personal Outcomes Framework" (2018). Good practice, not a duty.'
    ),
    Basis.SAC: (
        "a data requirement of the Safeguarding Adults Collection (NHS England SAC guidance 2024-25; DHSC's "
        "2025-26 guidance for local authorities makes no change to the data requirements): without it the "
        "return is wrong."
    ),
    Basis.LOCAL_PRACTICE: (
        "local multi-agency procedure (such as the London Multi-Agency Adult Safeguarding Policy and Procedures) "
        "or a recording choice of this library. Councils differ: a profile's `bases` can leave it out."
    ),
}
"""What each basis means, for the Markdown catalogue's preamble."""


def _rows(rules: RuleSet) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "family": r.family,
            "severity": r.severity.value,
            "basis": r.basis.value,
            "title": r.title,
            "stages": [s.code for s in STAGE_ORDER if s in r.stages],
            "reference": r.reference,
            "fields": list(r.fields),
            "valid_from": str(r.valid_from),
            "valid_to": "" if r.valid_to is None else str(r.valid_to),
        }
        for r in rules
    ]


def _stages_text(stages: list[str]) -> str:
    if len(stages) == len(STAGE_ORDER):
        return "all"
    return ", ".join(stages)


def catalogue(
    format: Literal["markdown", "csv", "json"] = "markdown",  # noqa: A002 - the word users expect
    *,
    rules: RuleSet | None = None,
) -> str:
    """The rule catalogue as text: one entry per rule with its code, severity, basis
    (:class:`~msp.rules.Basis`: what it rests on), title, stages, reference (the
    published source) and the fields it reads.

    Args:
        format: ``markdown`` (a table, for docs), ``csv`` or ``json``.
        rules: the rule set to describe; default: the ``default`` profile.

    Raises:
        ValueError: an unknown format.
    """
    chosen = rule_set() if rules is None else rules
    rows = _rows(chosen)
    if format == "json":
        return json.dumps(
            {
                "collection_year": str(chosen.year),
                "profile": chosen.profile,
                "rules": rows,
                "retired": [attrs.asdict(r) for r in retired_rules()],
            },
            indent=2,
            ensure_ascii=False,
        )
    if format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "stages": " ".join(row["stages"]), "fields": " ".join(row["fields"])})
        return out.getvalue()
    if format == "markdown":
        lines = [
            f"# Rule catalogue ({chosen.profile} profile, collection year {chosen.year})",
            "",
            (
                f"{len(rows)} rules. Severity: **error** blocks workflow steps and makes `msp validate` exit 1; "
                "**warning** falls short of MSP practice or guidance; **advice** is a prompt."
            ),
            "",
            (
                "Each rule's **reference** names the published source it comes from, as a manager can look it "
                "up. Its **basis** says what it rests on:"
            ),
            "",
            *(f"- **{basis.value}**: {text}" for basis, text in _BASES.items()),
            "",
            (
                "A rule is an **error** only where its basis is law or a SAC data requirement: breaking it makes "
                "the step unlawful or the return wrong. The one exception is the case history's record-integrity "
                "rules (WF-), whose reference says why. A profile chooses which bases run (`bases`, default all)."
            ),
            "",
            "| Code | Severity | Basis | Rule | Stages | Reference |",
            "|---|---|---|---|---|---|",
        ]
        lines.extend(
            "| {code} | {severity} | {basis} | {title} | {stages} | {reference} |".format(
                **{k: str(v).replace("|", "\\|") for k, v in row.items() if k not in ("stages", "fields")},
                stages=_stages_text(row["stages"]),
            )
            for row in rows
        )
        gone = retired_rules()
        if gone:
            lines += [
                "",
                "## Retired codes",
                "",
                "Taken out of the catalogue and never reused.",
                "",
                "| Code | Retired on | Rule as it was | Why |",
                "|---|---|---|---|",
            ]
            lines.extend(
                "| " + " | ".join(str(v).replace("|", "\\|") for v in (r.code, r.retired_on, r.title, r.reason)) + " |"
                for r in gone
            )
        return "\n".join(lines) + "\n"
    msg = "format is one of: markdown, csv, json"
    raise ValueError(msg)
