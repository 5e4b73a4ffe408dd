"""Regenerate the generated parts of docs/: the rule catalogue and the code-list tables.

Usage: ``python tools/gen_docs.py`` (write) or ``python tools/gen_docs.py --check``
(exit 1 if docs/ is out of date; the test suite runs this).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from msp import codes
from msp.rules import catalogue

DOCS = Path(__file__).resolve().parent.parent / "docs"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def code_tables() -> str:
    """Markdown tables of every code list: code and label."""
    parts: list[str] = []
    for name in sorted(codes.__all__):
        cls = getattr(codes, name)
        if cls is codes.CodeList:
            continue
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        parts += [f"### `{name}`", "", doc, "", "| Code | Label |", "|---|---|"]
        parts += [f"| `{m.code}` | {m.label} |" for m in cls]
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
