"""Reading records from files and validating many of them.

Layer: ``io`` (imports :mod:`msp.workflow` and below). :mod:`msp.io.readers`
reads JSON Lines, JSON and CSV into raw records located by file and line, never
losing one; :mod:`msp.io.records` validates one record given as a dict or a
:class:`~msp.model.concern.Concern` (:func:`validate` is :func:`msp.validate`);
:mod:`msp.io.batch` validates files and streams of records, in parallel if
asked, and accounts for every record read.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.io.batch import (
    FINDING_COLUMNS,
    Progress,
    RecordResult,
    Run,
    Summary,
    finding_rows,
    resolve_rules,
    to_dataframe,
    validate_path,
    validate_paths,
    validate_records,
)
from msp.io.readers import (
    DEFAULT_MAX_RECORD_BYTES,
    FORMATS,
    CsvRow,
    FileProblem,
    Format,
    Item,
    JsonLine,
    RawRecord,
    Reader,
    Unreadable,
    decode,
    detect_format,
    read_records,
)
from msp.io.records import check_record, validate

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "FINDING_COLUMNS",
    "FORMATS",
    "CsvRow",
    "FileProblem",
    "Format",
    "Item",
    "JsonLine",
    "Progress",
    "RawRecord",
    "Reader",
    "RecordResult",
    "Run",
    "Summary",
    "Unreadable",
    "check_record",
    "decode",
    "detect_format",
    "finding_rows",
    "read_records",
    "resolve_rules",
    "to_dataframe",
    "validate",
    "validate_path",
    "validate_paths",
    "validate_records",
]


def __dir__() -> list[str]:
    return __all__
