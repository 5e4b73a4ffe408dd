"""Write validation results as text, JSON Lines or spreadsheet-safe CSV, streaming.

Every format carries, per finding: file, line, record id, field path, rule
code, severity, message and the rule's reference. No format carries a value
from a record: messages come from the rules and the readers, which never quote
one.

- ``text``: one line per finding, ``file:line: record_id CODE [severity] path message``,
  then a summary.
- ``json``: JSON Lines: one ``{"type": "finding", ...}`` object per finding,
  then one ``{"type": "summary", ...}`` object.
- ``csv``: a header and one row per finding (columns
  :data:`msp.io.batch.FINDING_COLUMNS`). Cells that a spreadsheet would run as a
  formula (starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) get
  a leading apostrophe. The summary is not in the CSV (``msp validate``
  prints it to standard error).

Each writer may leave out findings below a severity (``min_severity``, ``msp
validate --min-severity``); the summary still counts every record and every
finding, and says how many were left out. Numbers in the text summary have
thousands separators (``100,000``); JSON keeps them plain.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``min_severity``, rule titles in the summary (``titles``, :func:`rule_titles`), and one
   count of records that "could not be read" (built or not) in the text summary.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Final

from msp.errors import Severity
from msp.io.batch import FINDING_COLUMNS, RecordResult, Summary, finding_rows

__all__ = [
    "REPORT_FORMATS",
    "SEVERITIES",
    "SHAPE_TITLES",
    "CsvReportWriter",
    "JsonReportWriter",
    "ReportWriter",
    "TextReportWriter",
    "format_summary",
    "neutralise",
    "rule_titles",
    "shown",
    "writer_for",
]

REPORT_FORMATS: Final = ("text", "json", "csv")
SEVERITIES: Final = tuple(s.value for s in Severity)
"""The severities, most serious first: ``error``, ``warning``, ``advice`` (``--min-severity``)."""
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_RANK: Final = {name: rank for rank, name in enumerate(SEVERITIES)}

SHAPE_TITLES: Final[Mapping[str, str]] = {
    "SHAPE-CODE": "Not a code of the expected list",
    "SHAPE-COLUMN": "A CSV column not in the flat layout",
    "SHAPE-CONFLICT": "Values that contradict each other",
    "SHAPE-CSV": "A CSV row that could not be read",
    "SHAPE-DATE": "Not a real YYYY-MM-DD date",
    "SHAPE-DATE-ORDER": "Dates that cannot be true in that order",
    "SHAPE-DATETIME": "Not an ISO 8601 date-time with a UTC offset",
    "SHAPE-EMPTY": "Blank text",
    "SHAPE-ENCODING": "Not valid UTF-8, or a lone surrogate",
    "SHAPE-EXTENSION": "A local extension no registered definition has",
    "SHAPE-EXTRA": "An unknown field",
    "SHAPE-ID": "An id that is not 1-64 letters, digits or . _ : / -",
    "SHAPE-INVALID": "A value that could not be read",
    "SHAPE-JSON": "Not valid JSON, or JSON not read (duplicate key, NaN)",
    "SHAPE-MISSING": "A required field is missing",
    "SHAPE-RANGE": "A whole number out of its range",
    "SHAPE-SCHEMA": "A schema_version this library does not read",
    "SHAPE-TOO-LONG": "Text, a line or a record too long",
    "SHAPE-TYPE": "The wrong JSON type",
}
"""A short title for each ``SHAPE-`` code (docs/errors.md explains each and how to fix it)."""


def rule_titles(rules: Iterable[Any] = ()) -> dict[str, str]:
    """Titles by code for the summary: :data:`SHAPE_TITLES` and the title of each rule in ``rules``.

    Args:
        rules: rules with ``code`` and ``title`` (a :class:`msp.rules.RuleSet`).
    """
    return {**SHAPE_TITLES, **{rule.code: rule.title for rule in rules}}


def shown(severity: str, min_severity: str | None) -> bool:
    """Whether a finding of ``severity`` is shown at ``min_severity`` (``None``: every finding).

    Raises:
        KeyError: an unknown severity.
    """
    return min_severity is None or _RANK[severity] <= _RANK[min_severity]


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will show as text: a leading ``'`` before ``= + - @`` TAB or CR."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ReportWriter:
    """Base class: write results one at a time, then the summary.

    Args:
        stream: where to write.
        min_severity: leave out findings below this severity (``error``,
            ``warning`` or ``advice``; ``None``, the default: every finding).
        titles: rule titles by code, for the text summary (:func:`rule_titles`).

    Raises:
        ValueError: an unknown ``min_severity``.
    """

    def __init__(
        self, stream: IO[str], *, min_severity: str | None = None, titles: Mapping[str, str] | None = None
    ) -> None:
        if min_severity is not None and min_severity not in _RANK:
            msg = f"min_severity is one of: {', '.join(SEVERITIES)}"
            raise ValueError(msg)
        self.stream = stream
        self.min_severity = min_severity
        self.titles: Mapping[str, str] = titles or {}

    def rows(self, result: RecordResult) -> Iterator[dict[str, Any]]:
        """The finding rows of one result that are shown (:func:`msp.io.batch.finding_rows`)."""
        if self.min_severity is None:
            return finding_rows(result)
        return (row for row in finding_rows(result) if shown(row["severity"], self.min_severity))

    def write(self, result: RecordResult) -> None:
        """Write the findings of one result."""
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:  # noqa: ARG002 - formats with a summary use it
        """Write the summary (where the format has one) and flush."""
        self.stream.flush()


def format_summary(
    summary: Summary, *, titles: Mapping[str, str] | None = None, min_severity: str | None = None
) -> str:
    """The summary as a few lines of text, numbers with thousands separators.

    Records that could not be read (not valid JSON, say) and records read but not
    built (a date that is not a date) are one count, ``could not be read``: their
    ``SHAPE-`` findings say why (``findings by rule``).

    Args:
        summary: the counts of a run.
        titles: a title for each code in ``findings by rule`` (:func:`rule_titles`).
        min_severity: the ``--min-severity`` the findings were shown at, if any:
            the summary still counts every finding, and says how many were not shown.
    """
    s = summary
    counts: list[tuple[str, int]] = [
        ("  files read:", s.files),
        ("  records read:", s.records_read),
        ("    checked by the rules:", s.records_checked),
        ("    could not be read:", s.records_invalid + s.records_unreadable),
        ("  records with errors:", s.records_with_errors),
        ("  records with warnings:", s.records_with_warnings),
        ("  records with advice:", s.records_with_advice),
        ("  records with no finding:", s.records_clean),
    ]
    if s.file_problems:
        counts.append(("  file problems:", s.file_problems))
    label = max(len(name) for name, _ in counts)
    number = max(len(f"{n:,}") for _, n in counts)
    lines = ["Summary", *(f"{name:<{label}} {n:>{number},}" for name, n in counts)]
    hidden = _hidden(s, min_severity)
    if hidden:
        left_out = ", ".join(f"{n:,} {severity}" for severity, n in hidden)
        lines.append(f"  findings not shown (--min-severity {min_severity}): {left_out}")
    if s.findings_by_rule:
        lines.append("  findings by rule:")
        found = sorted(s.findings_by_rule.items())
        code_width = max(len(code) for code, _ in found)
        count_width = max(len(f"{n:,}") for _, n in found)
        titles = titles or {}
        lines.extend(
            f"    {code:<{code_width}}  {n:>{count_width},}  {titles.get(code, '')}".rstrip() for code, n in found
        )
    if s.rules_errored:
        lines.append("  rules that crashed (not counted as passed; please report):")
        lines.extend(f"    {code}  on {count:,} records" for code, count in sorted(s.rules_errored.items()))
    if s.records_read != s.records_accounted:  # pragma: no cover - a bug if it ever shows
        lines.append(f"  WARNING: {s.records_read - s.records_accounted:,} records unaccounted for")
    return "\n".join(lines) + "\n"


def _hidden(summary: Summary, min_severity: str | None) -> list[tuple[str, int]]:
    """``(severity, findings)`` left out at ``min_severity``, where there are any."""
    return [
        (severity, summary.findings_by_severity.get(severity, 0))
        for severity in SEVERITIES
        if not shown(severity, min_severity) and summary.findings_by_severity.get(severity, 0)
    ]


class TextReportWriter(ReportWriter):
    """``file:line: record_id CODE [severity] path message``, then the summary."""

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in self.rows(result):
            where = f"{row['file']}:{row['line']}: {row['record_id'] or '-'}"
            self.stream.write(f"{where} {row['code']} [{row['severity']}] {row['path']} {row['message']}\n")

    def finish(self, summary: Summary) -> None:  # noqa: D102
        self.stream.write("\n" + format_summary(summary, titles=self.titles, min_severity=self.min_severity))
        self.stream.flush()


class JsonReportWriter(ReportWriter):
    """JSON Lines: a ``finding`` object per finding, then a ``summary`` object.

    With ``min_severity``, the summary object also has ``min_severity`` and
    ``findings_not_shown`` (by severity); it counts every finding either way.
    """

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in self.rows(result):
            self.stream.write(json.dumps({"type": "finding", **row}, ensure_ascii=False) + "\n")

    def finish(self, summary: Summary) -> None:  # noqa: D102
        data: dict[str, Any] = {"type": "summary", **summary.to_dict()}
        if self.min_severity is not None:
            data["min_severity"] = self.min_severity
            data["findings_not_shown"] = dict(_hidden(summary, self.min_severity))
        self.stream.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.stream.flush()


class CsvReportWriter(ReportWriter):
    """A header, then one spreadsheet-safe row per finding."""

    def __init__(
        self, stream: IO[str], *, min_severity: str | None = None, titles: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(stream, min_severity=min_severity, titles=titles)
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(FINDING_COLUMNS)

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in self.rows(result):
            self._writer.writerow([_cell(row[c]) for c in FINDING_COLUMNS])


def _cell(value: Any) -> object:  # noqa: ANN401
    return "" if value is None else neutralise(value)


def writer_for(
    format: str,  # noqa: A002 - the word users expect
    stream: IO[str],
    *,
    min_severity: str | None = None,
    titles: Mapping[str, str] | None = None,
) -> ReportWriter:
    """The writer for ``text``, ``json`` or ``csv``, showing findings from ``min_severity`` up.

    Raises:
        ValueError: another format, or an unknown ``min_severity``.
    """
    options: dict[str, Any] = {"min_severity": min_severity, "titles": titles}
    if format == "text":
        return TextReportWriter(stream, **options)
    if format == "json":
        return JsonReportWriter(stream, **options)
    if format == "csv":
        return CsvReportWriter(stream, **options)
    msg = f"report format is one of: {', '.join(REPORT_FORMATS)}"
    raise ValueError(msg)


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
