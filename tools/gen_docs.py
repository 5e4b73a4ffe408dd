"""Regenerate the generated parts of docs/ (the rule catalogue, the code-list tables and the field reference) and
the frozen JSON Schema of the current record layout (src/msp/convert/schemas/concern-<version>.json).

Usage: ``python tools/gen_docs.py`` (write) or ``python tools/gen_docs.py --check``
(exit 1 if docs/ is out of date; the test suite runs this).
"""

from __future__ import annotations

import argparse
import json
import sys
import typing
from pathlib import Path

import msp
from msp import codes
from msp.convert import SCHEMA_VERSION
from msp.convert.schema import schema
from msp.model import Kind, field_specs, record_classes
from msp.rules import catalogue

DOCS = Path(__file__).resolve().parent.parent / "docs"
FROZEN = DOCS.parent / "src" / "msp" / "convert" / "schemas" / f"concern-{SCHEMA_VERSION}.json"
"""The frozen schema of the current layout: kept when schema_version is raised (msp.convert.schema)."""
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def code_tables() -> str:
    """Markdown tables of every code list: code and label."""
    parts: list[str] = []
    for name in sorted(codes.__all__):
        cls = getattr(codes, name)
        if cls is codes.CodeList or not (isinstance(cls, type) and issubclass(cls, codes.CodeList)):
            continue  # the base class, and codes.export
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        parts += [f"### `{name}`", "", doc, "", "| Code | Label |", "|---|---|"]
        parts += [f"| `{m.code}` | {m.label} |" for m in cls]
        parts.append("")
    return "\n".join(parts)


ROOTS = (msp.Concern, msp.RiskPlan, msp.CapacityDecision)
"""The record classes the field reference starts from (every class reachable from them is listed)."""


def _type_of(cls: type, name: str) -> str:
    spec = dict(field_specs(cls))[name]
    item = spec.item.__name__ if spec.item is not None else ""
    shown = {
        Kind.ID: "id",
        Kind.TEXT: "text",
        Kind.DATE: "date",
        Kind.DATETIME: "date-time",
        Kind.FLAG: "yes/no",
        Kind.INTEGER: "whole number",
        Kind.CODE: f"code: [`{item}`](codes.md#{item.lower()})",
        Kind.PART: f"[`{item}`](#{item.lower()})",
    }.get(spec.kind)
    if shown is not None:
        return shown
    if spec.record is not None:
        return f"list of [`{item}`](#{item.lower()})"
    if spec.code_list is not None:
        return f"list of codes: [`{item}`](codes.md#{item.lower()})"
    return {"str": "list of texts", "date": "list of dates"}[item]


def field_reference() -> str:
    """The field reference: one table per record class, every fact from the field spec."""
    parts = [
        "# Field reference",
        "",
        "Generated from the field spec (`msp.model.spec`) by `python tools/gen_docs.py`: every field of",
        "every record class, what it holds, whether it must be given, whether it is personal data",
        "(dropped by `msp.redact`), the Safeguarding Adults Collection item it feeds and the law it",
        "records. Code lists and their labels are in [codes.md](codes.md); the model's design is in",
        "[model.md](model.md).",
        "",
    ]
    classes = dict.fromkeys(cls for root in ROOTS for cls in record_classes(root))
    for cls in classes:
        summary = (typing.cast("str", cls.__doc__) or "").strip().split("\n\n")[0].replace("\n", " ")
        parts += [
            f"## {cls.__name__}",
            "",
            summary,
            "",
            "| Field | Holds | Required | Personal | SAC | Law | What it records |",
        ]
        parts.append("|---|---|---|---|---|---|---|")
        for name, spec in field_specs(cls):
            doc = spec.doc.replace("|", "\\|")
            row = [
                f"`{name}`",
                _type_of(cls, name),
                "yes" if spec.required else "",
                "yes" if spec.personal else "",
                spec.sac or "",
                spec.law or "",
                doc,
            ]
            parts.append("| " + " | ".join(row) + " |")
        parts.append("")
    return "\n".join(parts)


def render_codes(current: str) -> str:
    """docs/codes.md with its generated block replaced."""
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{code_tables()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the generated docs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    wanted = {
        DOCS / "rules.md": catalogue("markdown"),
        DOCS / "codes.md": render_codes((DOCS / "codes.md").read_text(encoding="utf-8")),
        DOCS / "fields.md": field_reference(),
        FROZEN: json.dumps(schema(extensions=()), indent=2, sort_keys=True, ensure_ascii=False) + "\n",
    }
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(DOCS.parent)} is out of date: run python tools/gen_docs.py", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(wanted[p], encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
