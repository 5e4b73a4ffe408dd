"""The building blocks of the MSP audit's HTML page: style, tables, status marks and trend charts.

Private to :mod:`msp.reports.audit`, which assembles the page from these blocks
(:meth:`msp.reports.audit.AuditReport.to_html`). Nothing here knows the report:
each block takes plain values (names, counts, targets) and returns HTML text, every
value escaped.

The page is self-contained: one ``<style>`` element, inline SVG, no scripts, links,
images or fonts from elsewhere. It fits a 1280 px screen and prints on A4
landscape (``@page``): tables have a fixed layout, wrap their words, and carry at
most :data:`GROUPS_PER_TABLE` groups side by side. A status is shown by its words
(or, in a crowded cell, words a screen reader reads), a shape and a colour from a
colour-blind safe palette (Okabe and Ito's bluish green, orange and vermillion,
darkened to at least 4.5:1 against white).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence
from typing import Final

from msp.reports.audit_targets import Target, TargetStatus

__all__ = [
    "CSS",
    "GROUPS_PER_TABLE",
    "counts",
    "esc",
    "legend",
    "section_row",
    "share_cell",
    "sparkline",
    "status_cell",
    "table",
]

GROUPS_PER_TABLE: Final = 6
"""The most groups (teams, quarters) side by side in one table: the rest go in the next table."""

_COLOURS: Final = {"green": "#00795a", "amber": "#9a5b00", "red": "#b8390e"}
"""Okabe-Ito bluish green, orange and vermillion, darkened for a contrast of 4.5:1 or more on white."""

CSS: Final = (
    """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  margin: 0 auto; padding: 1.5rem 2rem; max-width: 80rem; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.25rem; }
p, dl, ul { max-width: 60rem; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 1rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.glossary dt { font-weight: 600; margin-top: 0.4rem; }
.glossary dd { margin: 0 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5rem 0 1.25rem;
  font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.3rem 0.45rem; text-align: right; vertical-align: top;
  overflow-wrap: anywhere; }
thead th { background: #f3f2f1; vertical-align: bottom; }
code { font-size: 0.85em; }
th[scope="row"], td.text, th.text { text-align: left; }
th[scope="row"] { font-weight: normal; }
tr.section th { background: #e8e8e8; text-align: left; font-weight: 600; }
.counts { display: block; font-size: 0.8em; color: #505050; }
.mark { font-weight: 700; margin-right: 0.2em; }
.green { color: """
    + _COLOURS["green"]
    + """; } .amber { color: """
    + _COLOURS["amber"]
    + """; } .red { color: """
    + _COLOURS["red"]
    + """; }
.status { white-space: nowrap; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.note { color: #505050; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); border: 0; white-space: nowrap; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-size: 10px; fill: #505050; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  h1 { font-size: 15pt; } h2 { font-size: 12pt; break-after: avoid; } h3 { break-after: avoid; }
  caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th, td { padding: 0.15rem 0.3rem; }
}
"""
)
"""The page's one style sheet: screen and print (A4 landscape)."""


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def counts(numerator: int, denominator: int) -> str:
    """``1,234 of 1,400``: a measure's counts as people read them."""
    return f"{numerator:,} of {denominator:,}"


def legend(amber_band: float) -> str:
    """The status key: each status's shape, colour and words."""
    items = (
        (TargetStatus.ON_TARGET, "at or better than the target"),
        (TargetStatus.NEAR, f"short of the target by up to {amber_band:g} percentage points"),
        (TargetStatus.BELOW, "further from the target (Above, for a measure where lower is better)"),
    )
    spans = "".join(
        f'<span><span class="mark {s.rag}" aria-hidden="true">{s.shape}</span>{esc(s.label)}: {esc(what)}</span>'
        for s, what in items
    )
    return f'<p class="legend">{spans}</p>'


def status_cell(status: TargetStatus | None) -> str:
    """A table cell with the status's shape and words (empty where there is no status)."""
    if status is None:
        return '<td class="text">-</td>'
    return (
        f'<td class="text"><span class="status {status.rag}"><span class="mark" aria-hidden="true">'
        f"{status.shape}</span>{esc(status.label)}</span></td>"
    )


def share_cell(percent: str, numerator: int, denominator: int, status: TargetStatus | None) -> str:
    """A breakdown cell: the status's shape (its words for screen readers), the share, and the counts."""
    mark = ""
    if status is not None:
        mark = (
            f'<span class="mark {status.rag}" aria-hidden="true">{status.shape}</span>'
            f'<span class="vh">{esc(status.label)}: </span>'
        )
    return f'<td>{mark}{esc(percent)}<span class="counts">{esc(counts(numerator, denominator))}</span></td>'


def table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[str],
    *,
    widths: Sequence[str] = (),
    text_columns: Collection[int] = (0,),
) -> str:
    """A table: ``caption``, column ``header`` (the first names the rows), then ``rows`` (each a ``<tr>``).

    ``widths`` (CSS widths, one per column, e.g. ``30%``) go in a ``<colgroup>``; the
    headers of ``text_columns`` (by position) are aligned left, as their text is, the
    others right, as numbers are.
    """
    cols = "".join(f'<col style="width: {esc(w)}">' for w in widths)
    colgroup = f"<colgroup>{cols}</colgroup>" if cols else ""
    head = "".join(
        f'<th scope="col" class="text">{esc(h)}</th>' if i in text_columns else f'<th scope="col">{esc(h)}</th>'
        for i, h in enumerate(header)
    )
    return (
        f"<table><caption>{esc(caption)}</caption>{colgroup}<thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def section_row(title: str, columns: int) -> str:
    """A row naming a group of measures, across the whole table."""
    return f'<tr class="section"><th scope="rowgroup" colspan="{columns}">{esc(title)}</th></tr>'


_WIDTH, _HEIGHT, _TOP, _PLOT = 150, 40, 4, 30


def sparkline(title: str, points: Sequence[tuple[str, int, int, str]], target: Target | None) -> str:
    """A small trend chart: one point per quarter (``(quarter, numerator, denominator, percent)``).

    The vertical scale runs from 0% (bottom) to 100% (top); a quarter where the
    measure applies to no case leaves a gap; a target is a dashed line. The
    chart carries its text alternative: a ``<title>``, and a ``<desc>`` with every
    quarter's share and counts.
    """
    label = f"Trend by quarter: {title}"
    described = "; ".join(
        f"{name}: {percent} ({counts(n, d)})" if d else f"{name}: no cases" for name, n, d, percent in points
    )
    if target is not None:
        described += f". Target {target.text}."
    step = (_WIDTH - 8) / max(len(points) - 1, 1)
    segments: list[list[tuple[float, float]]] = [[]]
    for i, (_, n, d, _) in enumerate(points):
        if not d:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append((4 + i * step, _TOP + (1 - n / d) * _PLOT))
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(label)}" width="{_WIDTH}" '
            f'height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}">'
        ),
        f"<title>{esc(label)}</title><desc>{esc(described)}</desc>",
        f'<line x1="0" y1="{_TOP + _PLOT}" x2="{_WIDTH}" y2="{_TOP + _PLOT}" stroke="#c8c8c8"/>',
        f'<line x1="0" y1="{_TOP}" x2="{_WIDTH}" y2="{_TOP}" stroke="#ececec"/>',
    ]
    if target is not None:
        y = _TOP + (1 - target.target / 100) * _PLOT
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{_WIDTH}" y2="{y:.1f}" stroke="#505050" stroke-dasharray="3 2"/>')
    for segment in segments:
        if len(segment) > 1:
            drawn = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(f'<polyline points="{drawn}" fill="none" stroke="#0b5fa5" stroke-width="1.5"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#0b5fa5"/>' for x, y in segment)
    parts.append("</svg>")
    return "".join(parts)
