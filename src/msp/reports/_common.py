"""What the reports share: the record that could not be counted, reading files into records, text tables.

Private to :mod:`msp.reports`: :mod:`msp.reports.sac_return` and :mod:`msp.reports.audit`
both read JSON Lines, JSON or flat CSV files with :func:`read_concerns`, list what
could not be read as :class:`Uncounted` items (public as
:class:`msp.reports.sac_return.Uncounted`), and lay text reports out with
:func:`text_table`. Nothing here knows about the command line: where a report is
written, and which mapping file is named, is :mod:`msp.cli`'s business.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from msp.convert import _fast
from msp.convert._converter import from_dict
from msp.convert.flat import CsvMapping, structure
from msp.errors import InvalidRecord, Problem, record_id_of, safe_id
from msp.io.readers import DEFAULT_MAX_RECORD_BYTES, FileProblem, JsonLine, Reader, Unreadable, decode
from msp.model.concern import Concern

__all__ = ["Uncounted", "read_concerns", "text_table"]

_A_RECORD: Final = True  # ``is_a_record`` for read_concerns's ``skip``: a record that could not be read or built


@attrs.frozen(slots=True, kw_only=True)
class Uncounted:
    """A record, or part of one, that could not be counted, and why.

    Attributes:
        record_id: the concern's pseudonymous id, where it could be read and may
            be shown (:func:`msp.errors.safe_id`; anything else becomes ``None``).
        tables: where it is missing: ``all`` (the whole record), ``SG1`` or a
            table reference such as ``SG3a``.
        reason: why, free of personal data.
        source: the file it came from (records read from files only:
            ``sac_files``, ``audit_files``, the command line).
        line: its line in that file (records read from files only).
        problems: the located problems behind ``reason`` where a record could not
            be read or built (each a :class:`~msp.errors.Problem` with its path,
            line and, where showable, record id); empty for a record counted in
            part. Not written in the reports' JSON, which keeps its columns.
    """

    record_id: str | None = attrs.field(converter=safe_id)
    tables: str
    reason: str
    source: str | None = None
    line: int | None = None
    problems: tuple[Problem, ...] = ()

    def __str__(self) -> str:
        where = f"{self.source}:{self.line} " if self.source and self.line else ""
        return f"{where}{self.record_id or '(no id)'} [{self.tables}] {self.reason}"

    def as_dict(self) -> dict[str, object]:
        """The report columns: ``record_id``, ``tables``, ``reason``, ``source``, ``line``."""
        return {
            "record_id": self.record_id,
            "tables": self.tables,
            "reason": self.reason,
            "source": self.source,
            "line": self.line,
        }


def _first_problem(problems: tuple[Problem, ...]) -> str:
    """``": CODE at PATH: message (and N more)"``, or ``""`` when there is no problem."""
    if not problems:
        return ""
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f": {first.code} at {first.path}: {first.message}{more}"


def _not_counted(why: str, problems: tuple[Problem, ...], record_id: str | None, source: str, line: int) -> Uncounted:
    """A whole record (or a file's problem) left out, with its problems located by line and id."""
    located = tuple(attrs.evolve(p, line=line, record_id=p.record_id or record_id) for p in problems)
    reason = f"{why}{_first_problem(problems)}"
    return Uncounted(record_id=record_id, tables="all", reason=reason, source=source, line=line, problems=located)


def read_concerns(
    paths: Iterable[str],
    skip: Callable[[Uncounted, bool], None],
    mapping: CsvMapping | None = None,
    sheet: str | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[tuple[Concern, str, int]]:
    """Stream ``(concern, file, line)`` from JSON Lines, JSON or flat CSV files (:mod:`msp.io.readers`), in file order.

    What cannot be read or built goes to ``skip(uncounted, is_a_record)``
    with its file and line, and is left out of the stream: nothing is dropped
    silently. A problem with a file rather than a record (a CSV column not in
    the layout) is passed with ``is_a_record`` false.

    Args:
        paths: the files to read (``-`` for standard input).
        skip: called, in file order, with each item that is left out.
        mapping: how to read a council's CSV extract (:func:`msp.convert.flat.load_mapping`).
        sheet: the worksheet of an Excel workbook to read (default: the first visible one).
        max_record_bytes: the longest line or record read (default 10 MiB); a longer
            one is skipped without being held in memory and passed to ``skip`` as a
            record that could not be read (``SHAPE-TOO-LONG``).

    Returns:
        An iterator of each record that could be built, with its file (``<stdin>``
        for ``-``) and line.

    A JSON line is read straight to a record by the fast route where msgspec is
    installed (:func:`msp.convert._fast.decoder_for`, as ``msp validate`` reads); a
    line it refuses takes the canonical reading, which gives the same record or
    locates every problem.

    Raises:
        ValueError: ``max_record_bytes`` is below 1 (at the call, before any file is opened).
        OSError: a file cannot be opened (as the iterator is read).
    """
    if max_record_bytes < 1:
        msg = "max_record_bytes must be 1 or more"  # as msp.io.readers.Reader says
        raise ValueError(msg)
    return _read_concerns(paths, skip, mapping, sheet, max_record_bytes)


def _read_concerns(
    paths: Iterable[str],
    skip: Callable[[Uncounted, bool], None],
    mapping: CsvMapping | None,
    sheet: str | None,
    max_record_bytes: int,
) -> Iterator[tuple[Concern, str, int]]:
    """The stream :func:`read_concerns` returns, its arguments checked."""
    fast = _fast.decoder_for(Concern)
    for path in paths:
        source = "<stdin>" if str(path) == "-" else str(path)
        for raw in Reader(path, mapping=mapping, sheet=sheet, max_record_bytes=max_record_bytes):
            if fast is not None and type(raw) is JsonLine:
                try:
                    concern = fast(raw.raw)
                except Exception:  # noqa: BLE001, S110 - the canonical reading below reports the problems
                    pass
                else:
                    yield concern, source, raw.line
                    continue
            item = decode(raw)
            if isinstance(item, FileProblem | Unreadable):
                is_record = isinstance(item, Unreadable)
                why = "could not be read" if is_record else "a problem with the file"
                skip(_not_counted(why, item.problems, None, source, item.line), is_record)
                continue
            try:
                record = structure(item.data) if item.lenient else from_dict(item.data)
            except InvalidRecord as exc:
                record_id = exc.record_id if exc.record_id is not None else record_id_of(item.data)
                skip(_not_counted("could not be read", exc.problems, record_id, source, item.line), _A_RECORD)
                continue
            yield record, source, item.line


def text_table(header: list[str], body: list[list[str]]) -> list[str]:
    """Lines of a plain-text table, indented two spaces.

    Args:
        header: the column titles.
        body: the rows, each as long as ``header``.

    Returns:
        One line per row, header first: the first column aligned to the left,
        the others (numbers) to the right, trailing spaces removed.
    """
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        rest = "".join("  " + v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True))
        return f"  {row[0].ljust(widths[0])}{rest}".rstrip()

    return [line(header), *(line(row) for row in body)]
