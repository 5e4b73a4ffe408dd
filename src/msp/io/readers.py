r"""Streaming readers for JSON Lines, JSON, flat CSV, Excel and Parquet files that never stop on a bad line.

Each reader yields, in file order, one item per record: a :class:`RawRecord`
(the record's line and its data) or an :class:`Unreadable` (the record's line
and what stopped it being read). Problems with the file rather than a record
(a CSV header column that is not in the layout, content after the end of a
JSON document) come as a :class:`FileProblem`, which is not a record.

Memory stays flat: files are read a line (or an array item) at a time and
nothing is kept once yielded.

What counts as a record
-----------------------

- **JSON Lines** (``.jsonl``, ``.ndjson``, ``.jsonlines``): each non-blank line. Blank lines
  (empty or only spaces) are skipped and *not* counted. A byte-order mark at
  the start of a line and ``\r\n`` line ends are accepted.
- **JSON** (``.json``): each item of a top-level array, or the one top-level
  object. After a syntax error the rest of the file cannot be found reliably,
  so reading stops there: the broken item is reported and later items are
  not read (use JSON Lines for files that must survive damage).
- **CSV** (``.csv``, ``.tsv``, ``.txt``): each data row after the header
  (``.tsv`` files are tab-separated unless a mapping file gives another
  delimiter); rows whose cells are all empty are skipped and not counted.
  ``line`` is the physical line on which the row starts (the header is line 1, so for files without
  line breaks inside cells it is the spreadsheet's row number). See
  :mod:`msp.convert.flat` for the layout and mapping files.
- **Excel** (``.xlsx``, one sheet: ``sheet``, else the first visible one) and **Parquet**
  (``.parquet``): each row after the header, read as a CSV row is (same layout, mapping
  files and findings); ``line`` is the spreadsheet's row number, or for Parquet the row's
  position plus 2 (the column names count as line 1). Optional extras; see
  :mod:`msp.io.spreadsheets`.

Line numbers are 1-based physical lines of the file.

Reading problems (``SHAPE-`` codes, see docs/errors.md):

- ``SHAPE-ENCODING``: a line or row is not valid UTF-8 (or the mapping's encoding), or a JSON
  text value or key holds a lone surrogate escape (at its path);
  a UTF-16 file is one :class:`FileProblem` (nothing in it is read);
- ``SHAPE-TOO-LONG``: a line or record is longer than ``max_record_bytes``
  (default 10 MiB); the rest of it is skipped without being held in memory;
- ``SHAPE-JSON``: not valid JSON (message gives the column), or nested too deeply; or JSON this
  library does not read, at its path: a key given twice in one object, ``NaN`` or ``Infinity``,
  a number beyond 1.8e308 either side of 0 (docs/json.md);
- ``SHAPE-TYPE``: valid JSON that is not an object (an array, a number, text...);
- ``SHAPE-CSV``: a row the CSV parser could not read, with more cells than the header,
  or with a quoted cell that is never closed (the lines it swallowed are read again);
- ``SHAPE-COLUMN``: a CSV header column not in the layout (a :class:`FileProblem`);
  a header none of whose columns is in the layout stops the file, naming no cell
  (the first row may be data).

No message quotes a value from the file.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import csv
import json
import re
import sys
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Final, Literal, Union

import attrs

from msp.convert import _fast
from msp.convert.flat import CsvMapping, RowPlan, compile_header, safe_column_name
from msp.errors import InvalidRecord, Problem
from msp.io.spreadsheets import SHEET_FORMATS, SheetProblem, SheetRows

__all__ = [
    "DEFAULT_MAX_RECORD_BYTES",
    "FORMATS",
    "CsvRow",
    "FileProblem",
    "Format",
    "Item",
    "JsonLine",
    "RawRecord",
    "Reader",
    "Unreadable",
    "decode",
    "detect_format",
    "read_records",
]

DEFAULT_MAX_RECORD_BYTES: Final = 10 * 1024 * 1024
"""The longest line or record read (10 MiB); longer ones are reported as ``SHAPE-TOO-LONG``."""

Format = Literal["jsonl", "json", "csv", "xlsx", "parquet"]
FORMATS: Final = ("auto", "jsonl", "json", "csv", "xlsx", "parquet")
"""The values ``format`` takes; ``auto`` picks by extension, then by the first bytes."""

_BOM: Final = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\udc80-\udcff]")
_TOO_LONG_MARK: Final = "\ue000msp:too-long\ue000"
_EOF_MARK: Final = "\ue000msp:end-of-file\ue000"
_EXTENSIONS: Final[dict[str, Format]] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
_MAGIC: Final[tuple[tuple[bytes, Format], ...]] = ((b"PK\x03\x04", "xlsx"), (b"PAR1", "parquet"))
"""The first bytes of an .xlsx workbook (a zip archive) and of a Parquet file."""
_WS = " \t\r\n"
_UTF16: Final = "the file is UTF-16 (as Windows PowerShell and 'Unicode text' exports write it): save it as UTF-8"


# -- items -----------------------------------------------------------------------


@attrs.frozen(slots=True)
class RawRecord:
    """One record as read: its line and its data (not yet checked).

    Attributes:
        line: the 1-based line where the record starts.
        data: the record as a dict of JSON values.
        lenient: it came from a flat CSV row, so it is built with the lenient
            converter (UK dates, labels, yes/no), see :func:`msp.convert.flat.structure`.
    """

    line: int
    data: dict[str, Any]
    lenient: bool = False


@attrs.frozen(slots=True)
class _Located:
    """Something wrong at a line: the line, and the problems, each given that line too."""

    line: int
    problems: tuple[Problem, ...]

    def __attrs_post_init__(self) -> None:
        line = self.line
        if any(p.line != line for p in self.problems):
            located = tuple(p if p.line == line else attrs.evolve(p, line=line) for p in self.problems)
            object.__setattr__(self, "problems", located)  # frozen: set once, while being built


@attrs.frozen(slots=True)
class Unreadable(_Located):
    """A record that could not be read at all: where, and why (no value quoted).

    Attributes:
        line: the 1-based line where the record starts.
        problems: why; each :class:`~msp.errors.Problem` carries ``line`` too.
    """


@attrs.frozen(slots=True)
class FileProblem(_Located):
    """A problem with the file, not with one record (it is not counted as a record).

    Attributes:
        line: the 1-based line it was found at.
        problems: what; each :class:`~msp.errors.Problem` carries ``line`` too.
    """


@attrs.frozen(slots=True)
class JsonLine:
    """A JSON Lines line still to be decoded (decoding may run in a worker process)."""

    line: int
    raw: bytes


@attrs.frozen(slots=True)
class CsvRow:
    """A CSV row still to be turned into a record with its file's :class:`~msp.convert.flat.RowPlan`."""

    line: int
    cells: tuple[str, ...]
    plan: RowPlan


Item = Union[RawRecord, Unreadable, FileProblem, JsonLine, CsvRow]  # noqa: UP007 - runtime alias on 3.10
"""What :class:`Reader` yields; :func:`decode` turns it into a record, unreadable or file problem."""


_Problems = tuple[Problem, ...]


def _problem(code: str, message: str, path: str = "$") -> tuple[Problem, ...]:
    return (Problem(code=code, path=path, message=message),)


def _json_msg(exc: json.JSONDecodeError, where: str) -> str:
    """The parser's message and where: "Expecting value (column 5)", "Unterminated string starting at column 9"."""
    if exc.msg.endswith(" at"):
        return f"{exc.msg} {where}"
    return f"{exc.msg} ({where})"


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    return "a number"


def _decode_json_line(item: JsonLine) -> RawRecord | Unreadable:
    try:
        text = item.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Unreadable(
            item.line,
            _problem("SHAPE-ENCODING", f"line is not valid UTF-8 (at byte {exc.start + 1}): save the file as UTF-8"),
        )
    data, problems = _read_json_line(text)
    if problems:
        return Unreadable(item.line, problems)
    if not isinstance(data, dict):
        return Unreadable(item.line, _problem("SHAPE-TYPE", f"expected a JSON object (a record), found {_kind(data)}"))
    return RawRecord(item.line, data)


def _read_json_line(text: str) -> tuple[Any, tuple[Problem, ...]]:
    """A line's JSON value, or what stops it being read (the value is then ``None``)."""
    try:
        return _fast.read_json(text), ()
    except InvalidRecord as exc:  # a key given twice, NaN, a number too large, a lone surrogate: each located
        return None, exc.problems
    except json.JSONDecodeError as exc:
        return None, _problem("SHAPE-JSON", f"not valid JSON: {_json_msg(exc, f'column {exc.colno}')}")
    except RecursionError:
        return None, _problem("SHAPE-JSON", "JSON is nested too deeply")
    except ValueError:
        return None, _problem("SHAPE-JSON", "not valid JSON: a value could not be read")


def decode(item: Item) -> RawRecord | Unreadable | FileProblem:
    """Finish reading one item: parse a JSON line, or turn a CSV row into a nested record.

    Never raises for bad content.
    """
    if isinstance(item, JsonLine):
        return _decode_json_line(item)
    if isinstance(item, CsvRow):
        return RawRecord(item.line, item.plan.to_dict(item.cells), lenient=True)
    return item


# -- format detection ------------------------------------------------------------------


def detect_format(name: str, head: bytes) -> Format:
    """The format of a file: by extension, else by its first bytes.

    A zip archive's first bytes mean an Excel workbook, ``PAR1`` Parquet; then,
    past spaces, ``[`` means JSON, ``{`` JSON Lines, anything else CSV.
    """
    found = _EXTENSIONS.get(Path(name).suffix.lower())
    if found is not None:
        return found
    for magic, binary in _MAGIC:
        if head.startswith(magic):
            return binary
    text = head.removeprefix(_BOM).lstrip(b" \t\r\n")
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        return "jsonl"
    return "csv"


_BUFFER: Final = 1 << 20
"""The read buffer of a file opened by name."""


# -- the reader --------------------------------------------------------------------------


class Reader:
    """Read one file (or ``-`` for standard input) item by item.

    Iterating yields undecoded items (cheap to pass to worker processes);
    :meth:`records` yields decoded ones. :attr:`position` is the number of
    bytes read so far, for progress bars.

    Args:
        source: a path, ``"-"`` for standard input, or a binary stream.
        format: ``auto``, ``jsonl``, ``json``, ``csv``, ``xlsx`` or ``parquet``.
        mapping: for CSV, Excel and Parquet, how to read the extract (see :mod:`msp.convert.flat`).
        max_record_bytes: the longest line or record read.
        name: the name to show for a stream (default: the path, or ``<stdin>``).
        sheet: for an Excel workbook, the sheet to read (default: the first visible one).

    Raises:
        ValueError: an unknown format, ``max_record_bytes`` below 1, or ``sheet``
            for a file that is not an Excel workbook.
        OSError: the file cannot be opened (raised on iteration for paths).
        msp.io.spreadsheets.ExtraNotInstalled: on iteration, an Excel or Parquet
            file without the extra that reads it (an ``ImportError``).
        msp.io.spreadsheets.SheetNotFound: on iteration, no sheet named ``sheet``.
    """

    def __init__(
        self,
        source: str | Path | IO[bytes],
        format: str = "auto",  # noqa: A002 - the word users expect
        *,
        mapping: CsvMapping | None = None,
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
        name: str | None = None,
        sheet: str | None = None,
    ) -> None:
        if format not in FORMATS:
            msg = f"format is one of: {', '.join(FORMATS)}"
            raise ValueError(msg)
        if max_record_bytes < 1:
            msg = "max_record_bytes must be 1 or more"
            raise ValueError(msg)
        self.source = source
        self.requested_format = format
        self.mapping = mapping
        self.max_record_bytes = max_record_bytes
        if name is not None:
            self.name = name
        elif isinstance(source, (str, Path)):
            self.name = "<stdin>" if str(source) == "-" else str(source)
        else:
            self.name = (
                getattr(source, "name", "<stream>") if isinstance(getattr(source, "name", None), str) else "<stream>"
            )
        self.position = 0
        self.format: Format | None = None if format == "auto" else format  # type: ignore[assignment]
        if sheet is not None and (self.format or _EXTENSIONS.get(Path(self.name).suffix.lower(), "xlsx")) != "xlsx":
            msg = "sheet names a sheet of an Excel workbook (.xlsx): other files have none"
            raise ValueError(msg)
        self.sheet = sheet

    @property
    def size(self) -> int | None:
        """The file's size in bytes, where known."""
        if isinstance(self.source, (str, Path)) and str(self.source) != "-":
            with contextlib.suppress(OSError):
                return Path(self.source).stat().st_size
        return None

    def __iter__(self) -> Iterator[Item]:
        with contextlib.ExitStack() as stack:
            if isinstance(self.source, (str, Path)):
                if str(self.source) == "-":
                    stream: IO[bytes] = sys.stdin.buffer
                else:
                    # A 1 MiB buffer: readline on the default 8 KiB one costs about three times as much.
                    stream = stack.enter_context(Path(self.source).open("rb", buffering=_BUFFER))
            else:
                stream = self.source
            peek = getattr(stream, "peek", None)
            head = peek(4096)[:4096] if callable(peek) else b""
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                yield FileProblem(1, _problem("SHAPE-ENCODING", _UTF16))
                return
            if self.format is None:
                self.format = detect_format(self.name, head)
            if self.format == "jsonl":
                yield from self._jsonl(stream)
            elif self.format == "json":
                yield from _JsonDocument(self, stream)
            elif self.format in SHEET_FORMATS:
                yield from self._sheet(stream)
            else:
                yield from self._csv(stream)

    def records(self) -> Iterator[RawRecord | Unreadable | FileProblem]:
        """Decoded items: records, unreadable records and file problems, in file order."""
        for item in self:
            yield decode(item)

    def _sheet(self, stream: IO[bytes]) -> Iterator[Item]:
        """An Excel sheet's or a Parquet file's rows, as CSV rows are read (:mod:`msp.io.spreadsheets`)."""
        limit = self.max_record_bytes
        rows = SheetRows(stream, self.format or "xlsx", sheet=self.sheet, mapping=self.mapping, max_record_bytes=limit)
        size = self.size or 0
        for row in rows:
            self.position = int(size * rows.fraction)
            if isinstance(row, SheetProblem):
                yield FileProblem(row.line, row.problems) if row.file else Unreadable(row.line, row.problems)
            else:
                yield CsvRow(row.line, row.cells, row.plan)
        self.position = size

    # -- physical lines -----------------------------------------------------------

    def _lines(self, stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
        """``(line number, bytes with line end)``, or ``(line number, None)`` for an over-long line."""
        limit = self.max_record_bytes
        number = 0
        while True:
            chunk = stream.readline(limit + 2)  # the limit, plus room for \r\n
            if not chunk:
                return
            number += 1
            self.position += len(chunk)
            if len(chunk) > limit and len(chunk.rstrip(b"\r\n")) > limit:
                while not chunk.endswith(b"\n"):
                    chunk = stream.readline(1 << 20)
                    if not chunk:
                        break
                    self.position += len(chunk)
                yield number, None
                continue
            yield number, chunk

    def _too_long(self) -> tuple[Problem, ...]:
        return _problem(
            "SHAPE-TOO-LONG",
            f"line is longer than {self.max_record_bytes:,} bytes: it was skipped without being read",
        )

    def _jsonl(self, stream: IO[bytes]) -> Iterator[Item]:
        for number, chunk in self._lines(stream):
            if chunk is None:
                yield Unreadable(number, self._too_long())
                continue
            raw = chunk.removeprefix(_BOM).rstrip(b"\r\n")
            if not raw or raw.isspace():
                continue
            yield JsonLine(number, raw)

    # -- CSV ------------------------------------------------------------------------------

    def _csv_rows(self, stream: IO[bytes], mapping: CsvMapping) -> Iterator[tuple[int, list[str] | _Problems]]:
        """``(start line, cells)`` per non-blank row, or ``(start line, problems)`` for a row csv cannot read.

        A quoted cell that is never closed would swallow the rest of the file
        (or everything up to the field limit) as one cell. Such a row is
        reported, and the lines it swallowed are read again as rows of their own.
        """
        encoding = mapping.encoding
        lines = _CsvLines(self._lines(stream), encoding, strip_bom=codecs.lookup(encoding).name == "utf-8")
        _raise_field_limit(self.max_record_bytes)
        reader = csv.reader(lines, delimiter=mapping.delimiter, strict=False)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, end = lines.span()
                if "field limit" in str(exc):
                    lines.read_again()
                    yield start, _problem("SHAPE-TOO-LONG", _runaway_message(self.max_record_bytes, start, end))
                else:
                    lines.done()
                    yield start, _problem("SHAPE-CSV", f"row could not be read as CSV ({_csv_reason(exc)})")
                continue
            start, end = lines.span()
            if any(_EOF_MARK in c for c in row):
                if row == [_EOF_MARK]:  # the end of the file, outside any quoted cell
                    lines.done()
                    continue
                lines.read_again()
                yield start, _problem("SHAPE-CSV", _unclosed_message(start, end))
                continue
            lines.done()
            if row and not all(not c or c.isspace() for c in row):
                yield start, row

    def _csv(self, stream: IO[bytes]) -> Iterator[Item]:
        mapping = self.mapping or CsvMapping()
        if Path(self.name).suffix.lower() == ".tsv" and mapping.delimiter == ",":
            mapping = attrs.evolve(mapping, delimiter="\t")  # tab-separated, unless a mapping says otherwise
        plan: RowPlan | None = None
        for start, row in self._csv_rows(stream, mapping):
            problems = row if isinstance(row, tuple) else self._row_problems(row, plan)
            if problems and plan is None:
                yield FileProblem(start, _header_unreadable(problems))
                return
            if problems or isinstance(row, tuple):
                yield Unreadable(start, problems)
            elif plan is None:
                plan, header_problems = compile_header(row, mapping)
                if header_problems and not plan.columns:
                    yield FileProblem(start, _no_header(header_problems))
                    return
                if header_problems:
                    yield FileProblem(start, tuple(header_problems))
            else:
                yield CsvRow(start, tuple(row), plan)

    def _row_problems(self, row: list[str], plan: RowPlan | None) -> tuple[Problem, ...]:
        if any(_TOO_LONG_MARK in c for c in row):
            return _problem(
                "SHAPE-TOO-LONG",
                f"row has a line longer than {self.max_record_bytes:,} bytes: it was skipped without being read",
            )
        for position, cell in enumerate(row):
            if _SURROGATE.search(cell):
                where = "the header" if plan is None else _column_label(plan, position)
                encoding = (self.mapping or CsvMapping()).encoding
                return _problem(
                    "SHAPE-ENCODING",
                    f"row has bytes that are not valid {encoding} in {where}: save the file as UTF-8 "
                    "or give the file's encoding in a mapping file",
                )
        if plan is not None and len(row) > plan.width and any(c and not c.isspace() for c in row[plan.width :]):
            return _problem(
                "SHAPE-CSV",
                f"row has {len(row)} cells but the header has {plan.width}: a delimiter or quote is out of place",
            )
        return ()


class _CsvLines:
    """A CSV file's text lines for :func:`csv.reader`, keeping the current row's lines to read again.

    After the last line comes one line holding only :data:`_EOF_MARK`: a row
    that ends with the mark inside a cell had a quoted cell that was never
    closed. :meth:`read_again` puts back every line of the current row but its
    first, so the rows a runaway quote swallowed are read as rows after all.
    """

    _AT_END: Final = -1

    def __init__(self, lines: Iterator[tuple[int, bytes | None]], encoding: str, *, strip_bom: bool) -> None:
        self.source = lines
        self.encoding = encoding
        self.strip_bom = strip_bom
        self.taken: list[tuple[int, str]] = []
        self.again: collections.deque[tuple[int, str]] = collections.deque()
        self.mark_due = True

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        if self.again:
            number, text = self.again.popleft()
        else:
            pair = next(self.source, None)
            if pair is None:
                if not self.mark_due:
                    raise StopIteration
                self.mark_due = False
                number, text = self._AT_END, _EOF_MARK + "\n"
            else:
                number, chunk = pair
                if chunk is None:
                    text = _TOO_LONG_MARK + "\n"
                elif number == 1 and self.strip_bom:
                    text = chunk.removeprefix(_BOM).decode(self.encoding, "surrogateescape")
                else:
                    text = chunk.decode(self.encoding, "surrogateescape")
        self.taken.append((number, text))
        return text

    def span(self) -> tuple[int, int]:
        """The first and last line of the current row."""
        numbers = [n for n, _ in self.taken if n != self._AT_END] or [0]
        return numbers[0], numbers[-1]

    def done(self) -> None:
        """The current row is finished with."""
        self.taken.clear()

    def read_again(self) -> None:
        """Read the current row's lines, all but the first, again."""
        lines = [(n, t) for n, t in self.taken[1:] if n != self._AT_END]
        self.taken.clear()
        self.again.extendleft(reversed(lines))
        self.mark_due = True


def _unclosed_message(start: int, end: int) -> str:
    if start == end:
        return "a quoted cell on this row is never closed (a quote mark out of place before the end of the file)"
    return (
        "a quoted cell on this row is never closed (a quote mark out of place), so the rest of the file "
        f"(lines {start}-{end}) read as one cell: the row was skipped and the lines after it read again"
    )


def _runaway_message(limit: int, start: int, end: int) -> str:
    return (
        f"row has a cell longer than {limit:,} bytes (lines {start}-{end}), most likely a quoted cell "
        "that is never closed: the row was skipped and the lines after it read again"
    )


def _column_label(plan: RowPlan, position: int) -> str:
    for col in plan.columns:
        if col.cell == position:
            return f"column {position + 1} ({_target_name(col.target)})"
    return f"column {position + 1}"


def _target_name(target: Any) -> str:  # noqa: ANN401 - a flat._Target
    steps = "".join(f"{name}." if index is None else f"{name}[{index}]." for name, index in target.steps)
    leaf = target.leaf if target.leaf_index is None else f"{target.leaf}[{target.leaf_index}]"
    return safe_column_name(steps + leaf, 0).strip("'")


def _no_header(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """No header cell is a layout column: name none of them, since the first row may be data."""
    return _problem(
        "SHAPE-COLUMN",
        f"none of the {len(problems)} columns of the first row is in the flat layout, so no rows were read: "
        "is the header row missing, or does the extract need a mapping file (--mapping)?",
    )


def _header_unreadable(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    return tuple(
        attrs.evolve(p, message=f"the header row could not be read, so no rows were read: {p.message}")
        for p in problems
    )


_CSV_REASON = re.compile(r"^[A-Za-z0-9 ,.'()=-]{1,100}\Z")


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc).split(" - ")[0]
    return text if _CSV_REASON.match(text) else "the row's quoting is broken"


def _raise_field_limit(wanted: int) -> None:
    """Let CSV fields be as long as a record may be (the default is 128 KiB)."""
    limit = min(wanted + 16, 2**31 - 1)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


# -- JSON documents ------------------------------------------------------------------


class _JsonDocument:
    """Stream the items of a top-level JSON array (or one top-level object)."""

    _CHUNK = 1 << 16

    def __init__(self, reader: Reader, stream: IO[bytes]) -> None:
        self.reader = reader
        self.stream = stream
        self.text = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.started = False

    # buffer handling

    def _fill(self, at_least: int = 0) -> bool:
        if self.eof:
            return False
        data = self.stream.read(max(self._CHUNK, at_least))
        self.reader.position += len(data)
        if self.pos > (1 << 20):
            self.buf = self.buf[self.pos :]
            self.pos = 0
        if not data:
            self.buf += self.text.decode(b"", final=True)
            self.eof = True
            return False
        decoded = self.text.decode(data)
        if not self.started:
            decoded = decoded.removeprefix("\ufeff")
            self.started = bool(decoded) or self.started
        self.buf += decoded
        return True

    def _advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def _skip_ws(self) -> bool:
        """Skip whitespace; False at the end of the file."""
        while True:
            buf, pos = self.buf, self.pos
            end = len(buf)
            while pos < end and buf[pos] in _WS:
                pos += 1
            self._advance(pos)
            if pos < end:
                return True
            if not self._fill():
                return self.pos < len(self.buf)

    def _char(self) -> str:
        return self.buf[self.pos]

    # items

    def __iter__(self) -> Iterator[Item]:
        if not self._skip_ws():
            return
        if self._char() == "[":
            self._advance(self.pos + 1)
            finished = yield from self._array()
        else:
            item, stop = self._value()
            yield item
            finished = not stop
        if finished:
            yield from self._trailing()

    def _array(self) -> Generator[Item, None, bool]:
        """The items of the array; returns True where the closing ``]`` was reached."""
        unclosed = "the file ends inside the array (no closing ])"
        while True:
            if not self._skip_ws():
                yield FileProblem(self.line, _problem("SHAPE-JSON", unclosed))
                return False
            if self._char() == "]":
                self._advance(self.pos + 1)
                return True
            item, stop = self._value()
            yield item
            if stop:
                return False
            if not self._skip_ws():
                yield FileProblem(self.line, _problem("SHAPE-JSON", unclosed))
                return False
            c = self._char()
            self._advance(self.pos + 1)
            if c == "]":
                return True
            if c != ",":
                yield FileProblem(
                    self.line, _problem("SHAPE-JSON", "expected , or ] between records: reading stopped here")
                )
                return False

    def _trailing(self) -> Iterator[Item]:
        if self._skip_ws():
            yield FileProblem(
                self.line,
                _problem("SHAPE-JSON", "content after the end of the JSON document was not read"),
            )

    def _value(self) -> tuple[RawRecord | Unreadable, bool]:
        """Parse one value at the cursor: the item, and whether reading must stop."""
        limit = self.reader.max_record_bytes
        start, start_line = self.pos, self.line
        stopped = "reading stopped here, so later records in the file were not checked"
        while True:
            try:
                value, end, refused = _fast.read_json_at(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                size = len(self.buf) - self.pos
                incomplete = exc.pos >= len(self.buf) - 64 or exc.msg.startswith("Unterminated string")
                if incomplete and not self.eof and size <= limit:
                    self._fill(size)
                    continue
                if size > limit:
                    return Unreadable(
                        start_line, _problem("SHAPE-TOO-LONG", f"record is longer than {limit:,} bytes; {stopped}")
                    ), True
                err_line = start_line + self.buf.count("\n", self.pos, exc.pos)
                return Unreadable(
                    start_line,
                    _problem(
                        "SHAPE-JSON",
                        f"not valid JSON: {_json_msg(exc, f'line {err_line}, column {exc.colno}')}; {stopped}",
                    ),
                ), True
            except RecursionError:
                return Unreadable(start_line, _problem("SHAPE-JSON", f"JSON is nested too deeply; {stopped}")), True
            except ValueError:
                return Unreadable(start_line, _problem("SHAPE-JSON", f"a value could not be read; {stopped}")), True
            if end >= len(self.buf) and not self.eof:
                if len(self.buf) - self.pos > limit:
                    return Unreadable(
                        start_line, _problem("SHAPE-TOO-LONG", f"record is longer than {limit:,} bytes; {stopped}")
                    ), True
                self._fill(len(self.buf) - self.pos)
                continue
            break
        start = self.pos
        self._advance(end)
        return self._check(start_line, start, end, value, refused), False

    def _check(
        self, line: int, start: int, end: int, value: object, refused: tuple[Problem, ...]
    ) -> RawRecord | Unreadable:
        if end - start > self.reader.max_record_bytes:
            return Unreadable(
                line,
                _problem("SHAPE-TOO-LONG", f"record is longer than {self.reader.max_record_bytes:,} bytes"),
            )
        if _SURROGATE.search(self.buf, start, end):
            return Unreadable(
                line, _problem("SHAPE-ENCODING", "record has bytes that are not valid UTF-8: save the file as UTF-8")
            )
        if refused:  # a key given twice, NaN, a number too large, a lone surrogate: each located
            return Unreadable(line, refused)
        if not isinstance(value, dict):
            return Unreadable(line, _problem("SHAPE-TYPE", f"expected a JSON object (a record), found {_kind(value)}"))
        return RawRecord(line, value)


def read_records(
    source: str | Path | IO[bytes],
    format: str = "auto",  # noqa: A002
    *,
    mapping: CsvMapping | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    sheet: str | None = None,
) -> Iterator[RawRecord | Unreadable | FileProblem]:
    """Read a file record by record: see :class:`Reader` (``sheet``: an Excel workbook's sheet).

    Example::

        for item in read_records("extract.jsonl"):
            if isinstance(item, RawRecord):
                print(item.line, item.data.get("concern_id"))
    """
    return Reader(source, format, mapping=mapping, max_record_bytes=max_record_bytes, sheet=sheet).records()


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
