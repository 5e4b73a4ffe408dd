"""Export the rule catalogue as Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

import attrs

from msp.rules._registry import retired_rules, rule_set
from msp.rules._run import RuleSet
from msp.rules._types import STAGE_ORDER

__all__ = ["catalogue"]

_COLUMNS = ("code", "family", "severity", "title", "stages", "reference", "source", "fields", "valid_from", "valid_to")


def _rows(rules: RuleSet) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "family": r.family,
            "severity": r.severity.value,
            "title": r.title,
            "stages": [s.code for s in STAGE_ORDER if s in r.stages],
            "reference": r.reference,
            "source": r.source or "",
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
    """The rule catalogue as text: one entry per rule with its code, severity,
    title, stages, reference, seed source and the fields it reads.

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
            "| Code | Severity | Rule | Stages | Reference | Seed |",
            "|---|---|---|---|---|---|",
        ]
        lines.extend(
            "| {code} | {severity} | {title} | {stages} | {reference} | {source} |".format(
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
