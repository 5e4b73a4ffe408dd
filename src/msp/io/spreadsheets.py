"""Flat-layout rows from Excel workbooks (``.xlsx``) and Parquet files (``.parquet``).

A sheet of a workbook, or a Parquet file, holds the flat layout
(:mod:`msp.convert.flat`) as a CSV extract does: one row per concern, a column
per field. Its rows go the way CSV rows go: the same header reading and
mapping files (:func:`msp.convert.flat.compile_header`), the same lenient
building (UK dates, labels, yes/no), the same findings. Only the cells differ:
a spreadsheet cell may hold a number, a date or a yes/no rather than text, and
each becomes the text a CSV cell would hold (see *Cells* below).

You do not call this module yourself: :class:`msp.io.readers.Reader` (and so
:func:`msp.io.batch.validate_path`, ``msp validate``, ``msp sac`` and ``msp
audit``) read ``.xlsx`` and ``.parquet`` files through it, by extension or with
``format="xlsx"`` / ``format="parquet"``; ``sheet=`` names an Excel sheet.

Libraries
---------

Both are optional extras, imported only when such a file is read:

- **Excel** with python-calamine (``pip install 'making-safeguarding-personal[excel]'``),
  which reads the values Excel saved and evaluates no formula. The sheet read is
  the one named by ``sheet``, else the first visible worksheet. The whole sheet is
  held in memory while it is read (an Excel sheet has at most 1,048,576 rows).
- **Parquet** with pyarrow (``pip install 'making-safeguarding-personal[parquet]'``),
  read a batch of rows at a time, so memory stays flat on any file size.

Without the extra, reading such a file raises :class:`ExtraNotInstalled` (an
``ImportError``) naming it; nothing else needs it.

Rows and lines
--------------

- **Excel**: the header is the first row of the sheet that is not empty, and
  ``line`` is the spreadsheet's own row number (what Excel shows at the left).
  Rows whose cells are all empty are skipped and not counted, as in CSV.
- **Parquet**: the column names are the header. They count as line 1, as a CSV
  header does, so the first row is line 2 and a row's ``line`` is its 0-based
  position (pandas' default index) plus 2. Rows whose values are all null or empty
  are skipped and not counted. A column pandas wrote for an unnamed index
  (``__index_level_0__``) is not read; a named index is a column like any other.

Cells
-----

A cell becomes the text a CSV cell would hold, then is read as CSV text is:

- empty, null, or a float NaN (pandas' missing value): an empty cell, a missing value;
- a date: ``YYYY-MM-DD``; a date and time: ISO 8601 (one at midnight with no
  time zone, as Excel stores a date, is a date); dates typed as text
  (``03/04/2025``) are read as in CSV;
- yes/no (booleans): ``true`` / ``false``; a whole number, also one Excel stores as
  ``12345.0``: ``12345``; other numbers as Python writes them;
- a list (a Parquet list column): its items joined by the mapping's separator
  (``|``), as a CSV cell lists codes or dates;
- bytes (a Parquet binary column): read as UTF-8.

A cell holding an Excel error (``#N/A``, ``#DIV/0!``) is read as empty: python-calamine
gives no value for it.

Problems (``SHAPE-`` codes, docs/errors.md), none quoting a value:

- ``SHAPE-ENCODING``: the file is not a workbook or Parquet file, is damaged, or
  is protected by a password (one problem with the file, nothing in it is read);
  a Parquet binary cell that is not UTF-8 (that row only);
- ``SHAPE-COLUMN``: a header column that is not in the layout (as for CSV); a
  Parquet column of nested values (a struct or map), which a flat row cannot
  hold; values in a column with no header. Each is one problem with the file,
  and that column's cells are not read;
- ``SHAPE-TOO-LONG``: a row longer than ``max_record_bytes``.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any, Final

import attrs

from msp.convert.flat import CsvMapping, RowPlan, compile_header, safe_column_name
from msp.errors import MspError, Problem

__all__ = [
    "SHEET_FORMATS",
    "ExtraNotInstalled",
    "SheetNotFound",
    "SheetProblem",
    "SheetRow",
    "SheetRows",
]

SHEET_FORMATS: Final = ("xlsx", "parquet")
"""The formats read here rather than as text."""

_BATCH: Final = 8192
"""Parquet rows converted at a time."""
_MIDNIGHT: Final = time(0)
_PANDAS_INDEX = re.compile(r"__index_level_[0-9]+__\Z")
_LETTERS: Final = 26
_SHOWN: Final = 20
"""The most sheet names a message lists."""
_MAX_RECORD_BYTES: Final = 10 * 1024 * 1024


class ExtraNotInstalled(MspError, ImportError):
    """An optional extra that reading this file needs is not installed; the message names it."""


class SheetNotFound(MspError, LookupError):
    """The workbook has no sheet of the name asked for; the message lists the sheets it has."""


@attrs.frozen(slots=True, kw_only=True)
class SheetRow:
    """One data row, its cells as CSV text, with the plan that turns them into a record.

    Attributes:
        line: the row's line (see the module documentation).
        cells: the cells, as the text a CSV cell would hold.
        plan: the header's :class:`~msp.convert.flat.RowPlan`.
    """

    line: int
    cells: tuple[str, ...]
    plan: RowPlan


@attrs.frozen(slots=True, kw_only=True)
class SheetProblem:
    """Something wrong at a line: a row that could not be read, or a problem with the file.

    Attributes:
        line: where.
        problems: what (no value quoted).
        file: a problem with the file (not counted as a record) rather than with one row.
    """

    line: int
    problems: tuple[Problem, ...]
    file: bool = False


def _problem(code: str, message: str) -> tuple[Problem, ...]:
    return (Problem(code=code, path="$", message=message),)


def _calamine() -> Any:  # noqa: ANN401 - an optional third-party module
    try:
        return importlib.import_module("python_calamine")
    except ImportError:
        msg = "reading Excel workbooks (.xlsx) needs the excel extra: pip install 'making-safeguarding-personal[excel]'"
        raise ExtraNotInstalled(msg) from None


def _pyarrow() -> tuple[Any, Any]:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        msg = (
            "reading Parquet files (.parquet) needs the parquet extra: "
            "pip install 'making-safeguarding-personal[parquet]'"
        )
        raise ExtraNotInstalled(msg) from None


def _pandas(what: str) -> Any:  # noqa: ANN401 - an optional third-party module
    """pandas, for ``what`` (a function's name): a DataFrame needs the pandas extra."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        msg = f"{what} needs pandas: pip install 'making-safeguarding-personal[pandas]'"
        raise ExtraNotInstalled(msg) from None


# -- cells -----------------------------------------------------------------------------


def _number(value: float) -> str:
    if value != value:  # noqa: PLR0124 - NaN, pandas' missing value
        return ""
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _text(value: object, separator: str) -> str:  # noqa: PLR0911 - one return per kind of cell
    """A cell's value as the text a CSV cell would hold (bytes: see :func:`_decoded`)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, (list, tuple)):
        texts = (_text(item, separator) for item in value)
        return separator.join(t for t in texts if not _blank(t))
    return _other(value)


def _other(value: object) -> str:
    """A date, time, date and time, decimal or anything else as text."""
    if isinstance(value, datetime):  # before date: a datetime is a date
        if value.tzinfo is None and value.time() == _MIDNIGHT:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(int(value)) if value.is_finite() and value == value.to_integral_value() else str(value)
    return str(value)


def _decoded(value: object, separator: str) -> str | None:
    """A binary cell (or a list of them) as text; ``None`` where it is not UTF-8."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    if isinstance(value, (list, tuple)):
        texts = [_decoded(item, separator) for item in value]
        if any(t is None for t in texts):
            return None
        return separator.join(t for t in texts if t is not None and not _blank(t))
    return _text(value, separator)


def _blank(cell: str) -> bool:
    return not cell or cell.isspace()


def _excel_column(position: int) -> str:
    """``A``, ``B``, ... ``Z``, ``AA``: the Excel name of a 0-based column."""
    name = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, _LETTERS)
        name = chr(ord("A") + rest) + name
    return name


def _sheet_label(name: str, position: int) -> str:
    shown = safe_column_name(name, position)
    return shown if shown.startswith("'") else f"sheet {position + 1}"


# -- rows to items -----------------------------------------------------------------------

_Rows = Iterator["tuple[int, Sequence[str]] | SheetProblem"]


class SheetRows:
    """The rows of one Excel sheet or Parquet file as :class:`SheetRow` and :class:`SheetProblem` items, in order.

    Args:
        stream: the file, opened in binary mode (read whole first if it cannot seek).
        format: ``xlsx`` or ``parquet``.
        sheet: for ``xlsx``, the sheet to read (default: the first visible worksheet).
        mapping: column names and local codes, as for CSV (its ``separator`` joins list items).
        max_record_bytes: the longest row read (longer: ``SHAPE-TOO-LONG``).

    Iterating raises :class:`ExtraNotInstalled` without the extra the format needs,
    and :class:`SheetNotFound` for a sheet the workbook does not have. :attr:`fraction`
    is the share of the rows read so far, for progress bars.

    Raises:
        ValueError: an unknown format, or ``sheet`` given for Parquet.
    """

    def __init__(
        self,
        stream: IO[bytes],
        format: str,  # noqa: A002 - as Reader names it
        *,
        sheet: str | None = None,
        mapping: CsvMapping | None = None,
        max_record_bytes: int = _MAX_RECORD_BYTES,
    ) -> None:
        if format not in SHEET_FORMATS:
            msg = f"format is one of: {', '.join(SHEET_FORMATS)}"
            raise ValueError(msg)
        if sheet is not None and format != "xlsx":
            msg = "sheet names a sheet of an Excel workbook (.xlsx): other files have none"
            raise ValueError(msg)
        self.stream = stream
        self.format = format
        self.sheet = sheet
        self.mapping = mapping or CsvMapping()
        self.max_record_bytes = max_record_bytes
        self.fraction = 0.0
        self._first_column: int | None = None  # an Excel sheet's first column, to name columns by letter

    def __iter__(self) -> Iterator[SheetRow | SheetProblem]:
        return self._items(self._excel() if self.format == "xlsx" else self._parquet())

    # -- what both share: the header, the rows, their problems ------------------------

    def _items(self, rows: _Rows) -> Iterator[SheetRow | SheetProblem]:
        plan: RowPlan | None = None
        width = 0
        reported: set[int] = set()
        for item in rows:
            if isinstance(item, SheetProblem):
                yield item
                continue
            line, cells = item
            if all(_blank(c) for c in cells):
                continue
            if plan is None:
                width = max(i for i, c in enumerate(cells) if not _blank(c)) + 1  # trailing empty cells: padding
                plan, header_problems = compile_header(list(cells[:width]), self.mapping)
                if header_problems and not plan.columns:
                    yield SheetProblem(line=line, problems=self._no_header(len(header_problems)), file=True)
                    return
                if header_problems:
                    yield SheetProblem(line=line, problems=tuple(header_problems), file=True)
                continue
            strays = [i for i in range(width, len(cells)) if i not in reported and not _blank(cells[i])]
            if strays:
                reported.update(strays)
                yield SheetProblem(line=line, problems=tuple(self._stray(i, line) for i in strays), file=True)
            kept = tuple(cells[:width])
            if self._too_long(kept):
                message = f"row is longer than {self.max_record_bytes:,} bytes: it was skipped without being read"
                yield SheetProblem(line=line, problems=_problem("SHAPE-TOO-LONG", message))
                continue
            yield SheetRow(line=line, cells=kept, plan=plan)

    def _too_long(self, cells: tuple[str, ...]) -> bool:
        limit = self.max_record_bytes
        if sum(map(len, cells)) * 4 <= limit:  # a character is at most 4 bytes of UTF-8
            return False
        return sum(len(c.encode("utf-8", "surrogatepass")) for c in cells) > limit

    def _no_header(self, count: int) -> tuple[Problem, ...]:
        where = "of the first row is" if self.format == "xlsx" else "is"
        return _problem(
            "SHAPE-COLUMN",
            f"none of the {count} columns {where} in the flat layout, so no rows were read: "
            "is the header row missing, or does the extract need a mapping file (--mapping)?",
        )

    def _stray(self, position: int, line: int) -> Problem:
        if self._first_column is None:
            label = f"column {position + 1}"
        else:
            label = f"column {_excel_column(self._first_column + position)}"
        message = (
            f"{label} has values but no header (the first on line {line}): its cells are not read; "
            "give the column a header, or delete it"
        )
        return Problem(code="SHAPE-COLUMN", path="$", message=message)

    # -- Excel -------------------------------------------------------------------------

    def _excel(self) -> _Rows:
        calamine = _calamine()
        try:
            book = calamine.CalamineWorkbook.from_filelike(self.stream)
        except calamine.PasswordError:
            message = "the workbook is protected by a password, so nothing in it was read: save a copy without one"
            yield SheetProblem(line=1, problems=_problem("SHAPE-ENCODING", message), file=True)
            return
        except Exception:  # noqa: BLE001 - calamine's own messages are not shown (they may quote the file)
            message = (
                "the file could not be read as an Excel workbook (.xlsx), so nothing in it was read: "
                "it is damaged, or not a workbook (save it from Excel as .xlsx, or as CSV UTF-8)"
            )
            yield SheetProblem(line=1, problems=_problem("SHAPE-ENCODING", message), file=True)
            return
        try:
            sheet = book.get_sheet_by_name(self._sheet_name(book, calamine))
            if sheet.start is None:  # an empty sheet
                return
            first_row, first_column = sheet.start
            total = max(first_row + sheet.height, 1)
            separator = self.mapping.separator
            offset: int | None = None
            for number, values in enumerate(sheet.iter_rows()):
                cells = [_text(v, separator) for v in values]
                if offset is None:
                    # python-calamine gives the rows above the table (all empty) and not the columns to its
                    # left; should that change, the first row and its length tell.
                    offset = first_row if first_row and not all(_blank(c) for c in cells) else 0
                    self._first_column = first_column if len(cells) == sheet.width else 0
                self.fraction = (offset + number) / total
                yield offset + number + 1, cells
            self.fraction = 1.0
        finally:
            book.close()

    def _sheet_name(self, book: Any, calamine: Any) -> str:  # noqa: ANN401 - python_calamine objects
        names: list[str] = list(book.sheet_names)
        if self.sheet is not None:
            if self.sheet in names:
                return self.sheet
            asked = safe_column_name(self.sheet, 0)
            asked = asked if asked.startswith("'") else "of the name asked for"
            shown = ", ".join(_sheet_label(n, i) for i, n in enumerate(names[:_SHOWN]))
            more = f" and {len(names) - _SHOWN:,} more" if len(names) > _SHOWN else ""
            msg = f"the workbook has no sheet {asked}: its sheets are {shown}{more}"
            raise SheetNotFound(msg)
        worksheets = [m for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
        visible = [m for m in worksheets if m.visible == calamine.SheetVisibleEnum.Visible]
        chosen = visible or worksheets
        if not chosen:
            msg = "the workbook has no worksheet"
            raise SheetNotFound(msg)
        return str(chosen[0].name)

    # -- Parquet -------------------------------------------------------------------------

    def _parquet(self) -> _Rows:
        pyarrow, parquet = _pyarrow()
        stream = self.stream
        if not (callable(getattr(stream, "seekable", None)) and stream.seekable()):
            stream = io.BytesIO(stream.read())
        try:
            source = parquet.ParquetFile(stream)
            schema = source.schema_arrow
            total = max(source.metadata.num_rows, 1)
        except Exception:  # noqa: BLE001 - pyarrow's own messages are not shown
            message = (
                "the file could not be read as a Parquet file, so nothing in it was read: it is damaged, or not Parquet"
            )
            yield SheetProblem(line=1, problems=_problem("SHAPE-ENCODING", message), file=True)
            return
        read, binary, nested = _parquet_columns(schema, pyarrow.types)
        if nested:
            yield SheetProblem(line=1, problems=nested, file=True)
        yield 1, read
        separator = self.mapping.separator
        line = 2
        try:
            for batch in source.iter_batches(batch_size=_BATCH, columns=read, use_pandas_metadata=False):
                columns, bad = _convert(batch, binary, separator)
                for offset, cells in enumerate(zip(*columns, strict=True)):
                    if offset in bad:
                        label = safe_column_name(read[bad[offset]], bad[offset])
                        message = f"row has bytes that are not valid UTF-8 in column {label}"
                        yield SheetProblem(line=line + offset, problems=_problem("SHAPE-ENCODING", message))
                    else:
                        yield line + offset, cells
                line += batch.num_rows
                self.fraction = (line - 2) / total
        except Exception:  # noqa: BLE001 - pyarrow's own messages are not shown
            message = (
                f"the rest of the file could not be read (from line {line}): it is damaged, so no later row was read"
            )
            yield SheetProblem(line=line, problems=_problem("SHAPE-ENCODING", message), file=True)


def _parquet_columns(schema: Any, types: Any) -> tuple[list[str], list[bool], tuple[Problem, ...]]:  # noqa: ANN401
    """The columns to read, whether each holds bytes, and a problem for each column of nested values."""
    read: list[str] = []
    binary: list[bool] = []
    nested: list[Problem] = []
    for position, field in enumerate(schema):
        if _PANDAS_INDEX.match(field.name):
            continue  # an unnamed pandas index: row labels, not a column
        inner = field.type
        while types.is_list(inner) or types.is_large_list(inner) or types.is_fixed_size_list(inner):
            inner = inner.value_type
        if types.is_struct(inner) or types.is_map(inner) or types.is_union(inner):
            label = safe_column_name(field.name, position)
            message = (
                f"column {label} holds nested values (a struct or map), which a flat row cannot hold: "
                "its cells are not read"
            )
            nested.append(Problem(code="SHAPE-COLUMN", path="$", message=message))
            continue
        read.append(field.name)
        binary.append(bool(types.is_binary(inner) or types.is_large_binary(inner) or types.is_fixed_size_binary(inner)))
    return read, binary, tuple(nested)


def _convert(batch: Any, binary: Sequence[bool], separator: str) -> tuple[list[list[str]], dict[int, int]]:  # noqa: ANN401
    """A Parquet batch as CSV text, column by column; and the rows with a binary cell that is not UTF-8."""
    columns: list[list[str]] = []
    bad: dict[int, int] = {}
    for index, column in enumerate(batch.columns):
        values = column.to_pylist()
        if binary[index]:
            texts: list[str] = []
            for offset, value in enumerate(values):
                text = _decoded(value, separator)
                if text is None:
                    bad.setdefault(offset, index)
                texts.append(text or "")
            columns.append(texts)
        elif all(type(v) is str or v is None for v in values):
            columns.append(["" if v is None else v for v in values])
        else:
            columns.append([_text(v, separator) for v in values])
    if not columns:
        columns.append([""] * batch.num_rows)
    return columns, bad


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
