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

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Final

from msp.io.batch import FINDING_COLUMNS, RecordResult, Summary, finding_rows

__all__ = [
    "REPORT_FORMATS",
    "CsvReportWriter",
    "JsonReportWriter",
    "ReportWriter",
    "TextReportWriter",
    "format_summary",
    "neutralise",
    "writer_for",
]

REPORT_FORMATS: Final = ("text", "json", "csv")
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will show as text: a leading ``'`` before ``= + - @`` TAB or CR."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ReportWriter:
    """Base class: write results one at a time, then the summary."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, result: RecordResult) -> None:
        """Write the findings of one result."""
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:  # noqa: ARG002 - formats with a summary use it
        """Write the summary (where the format has one) and flush."""
        self.stream.flush()


def format_summary(summary: Summary) -> str:
    """The summary as a few lines of text."""
    s = summary
    lines = [
        "Summary",
        f"  files read:             {s.files:,}",
        f"  records read:           {s.records_read:,}",
        f"    checked by the rules: {s.records_checked:,}",
        f"    could not be built:   {s.records_invalid:,}",
        f"    could not be read:    {s.records_unreadable:,}",
        f"  records with errors:    {s.records_with_errors:,}",
        f"  records with warnings:  {s.records_with_warnings:,}",
        f"  records with advice:    {s.records_with_advice:,}",
        f"  records with no finding: {s.records_clean:,}",
    ]
    if s.file_problems:
        lines.append(f"  file problems:          {s.file_problems:,}")
    if s.findings_by_rule:
        lines.append("  findings by rule:")
        width = max(len(code) for code in s.findings_by_rule)
        lines.extend(f"    {code:<{width}}  {count:,}" for code, count in sorted(s.findings_by_rule.items()))
    if s.rules_errored:
        lines.append("  rules that crashed (not counted as passed; please report):")
        lines.extend(f"    {code}  on {count:,} records" for code, count in sorted(s.rules_errored.items()))
    if s.records_read != s.records_accounted:  # pragma: no cover - a bug if it ever shows
        lines.append(f"  WARNING: {s.records_read - s.records_accounted} records unaccounted for")
    return "\n".join(lines) + "\n"


class TextReportWriter(ReportWriter):
    """``file:line: record_id CODE [severity] path message``, then the summary."""

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in finding_rows(result):
            where = f"{row['file']}:{row['line']}: {row['record_id'] or '-'}"
            self.stream.write(f"{where} {row['code']} [{row['severity']}] {row['path']} {row['message']}\n")

    def finish(self, summary: Summary) -> None:  # noqa: D102
        self.stream.write("\n" + format_summary(summary))
        self.stream.flush()


class JsonReportWriter(ReportWriter):
    """JSON Lines: a ``finding`` object per finding, then a ``summary`` object."""

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in finding_rows(result):
            self.stream.write(json.dumps({"type": "finding", **row}, ensure_ascii=False) + "\n")

    def finish(self, summary: Summary) -> None:  # noqa: D102
        self.stream.write(json.dumps({"type": "summary", **summary.to_dict()}, ensure_ascii=False) + "\n")
        self.stream.flush()


class CsvReportWriter(ReportWriter):
    """A header, then one spreadsheet-safe row per finding."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__(stream)
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(FINDING_COLUMNS)

    def write(self, result: RecordResult) -> None:  # noqa: D102
        for row in finding_rows(result):
            self._writer.writerow([_cell(row[c]) for c in FINDING_COLUMNS])


def _cell(value: Any) -> object:  # noqa: ANN401
    return "" if value is None else neutralise(value)


def writer_for(format: str, stream: IO[str]) -> ReportWriter:  # noqa: A002 - the word users expect
    """The writer for ``text``, ``json`` or ``csv``.

    Raises:
        ValueError: another format.
    """
    if format == "text":
        return TextReportWriter(stream)
    if format == "json":
        return JsonReportWriter(stream)
    if format == "csv":
        return CsvReportWriter(stream)
    msg = f"report format is one of: {', '.join(REPORT_FORMATS)}"
    raise ValueError(msg)


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
