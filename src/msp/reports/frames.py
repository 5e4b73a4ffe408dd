"""pandas DataFrames of records, findings, the SAC return and the audit, typed and built column by column.

For a data team in a notebook::

    from msp.io.batch import validate_path
    from msp.reports import frames
    from msp.reports.sac_return import sac
    from msp.synth import generate_concerns

    findings = frames.findings_frame(validate_path("extract.xlsx"))   # one row per finding
    findings.groupby("code", observed=True).size()

    concerns = list(generate_concerns(1_000, seed=1))
    records = frames.records_frame(concerns)                          # the flat layout, one row per concern
    records["risks[0].type_of_risk"].value_counts()

    cells = frames.sac_frame(sac(concerns, year="2025-26"))            # the SAC return's long layout
    cells.pivot_table(index="category", columns="enquiry_type", values="count", observed=True)

Every frame is typed, so that it sorts, groups and pivots as the data means:
codes are ``category`` (with the code list's codes as the categories, in the list's
order, found or not), dates ``datetime64``, yes/no ``boolean`` and whole numbers
``Int64`` (pandas' nullable types: a missing value is ``<NA>``, never a ``False``
or a ``0``), text ``string``. Each is built a column at a time, never from a list
of dicts (benchmarks/bench_frames.py measures the difference).

pandas is an optional extra (``pip install 'making-safeguarding-personal[pandas]'``):
without it every function raises :class:`~msp.io.spreadsheets.ExtraNotInstalled`, an
``ImportError`` naming it. Nothing here needs pandas until called.

What the frames hold is the data given them: :func:`records_frame` holds the
records' personal fields (free text, dates of birth) unless ``personal=False``; the
other frames hold no personal data (ids, codes, counts and located messages).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import importlib
import re
import types
import typing
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from msp.codes import CodeList
from msp.convert import to_dict
from msp.convert.flat import flatten, layout
from msp.io.batch import RecordResult, to_dataframe
from msp.io.spreadsheets import _pandas
from msp.model.concern import Concern
from msp.model.extensions import ExtensionType, extension_definition
from msp.reports.audit import CSV_COLUMNS, MEASURES
from msp.reports.audit_targets import TargetStatus

if TYPE_CHECKING:
    from msp.reports.audit import AuditReport, Measure
    from msp.reports.sac_return import SacReturn, Uncounted

__all__ = [
    "AUDIT_COLUMNS",
    "SAC_COLUMNS",
    "UNCOUNTED_COLUMNS",
    "audit_frame",
    "findings_frame",
    "records_frame",
    "sac_frame",
    "uncounted_frame",
]

SAC_COLUMNS: Final = ("table", "enquiry_type", "category", "subcategory", "count", "value")
"""The columns of :func:`sac_frame`: a :class:`~msp.reports.sac_return.SacRow`'s attributes."""

AUDIT_COLUMNS: Final = tuple("share" if column == "percent" else column for column in CSV_COLUMNS)
"""The columns of :func:`audit_frame`: those of the audit's CSV, with ``share`` (0-1) for ``percent``."""

UNCOUNTED_COLUMNS: Final = ("record_id", "tables", "reason", "source", "line")
"""The columns of :func:`uncounted_frame`: those of the reports' list of what was not counted."""

_EXTENSIONS: Final = "extensions."
_INDEX = re.compile(r"\[([0-9]+)\]")

# What a flat column holds: a code list's codes, a date, a date and time, yes/no, a whole number, or text.
_Kind = tuple[str, tuple[str, ...]]
_TEXT: Final[_Kind] = ("text", ())


# -- findings ---------------------------------------------------------------------------


def findings_frame(results: Iterable[RecordResult]) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """Every finding of a validation run as a row: :func:`msp.io.batch.to_dataframe`.

    Args:
        results: a :class:`~msp.io.batch.Run` (from :func:`~msp.io.batch.validate_path`,
            :func:`~msp.io.batch.validate_records`...) or any :class:`~msp.io.batch.RecordResult` objects.

    Returns:
        A DataFrame with :data:`msp.io.batch.FINDING_COLUMNS`: ``file``, ``code``,
        ``reference`` as ``category``, ``severity`` as an ordered ``category`` (advice <
        warning < error), ``line`` as ``Int64``, ``record_id``, ``path``, ``message``
        as ``string``.

    Raises:
        ImportError: pandas is not installed.
    """
    return to_dataframe(results)


# -- records ----------------------------------------------------------------------------


def _strip_optional(t: Any) -> Any:  # noqa: ANN401 - typing objects
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return args[0] if len(args) == 1 else t
    return t


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return {name: _strip_optional(t) for name, t in typing.get_type_hints(cls).items()}


def _scalar(t: Any) -> _Kind:  # noqa: ANN401 - a type from the model's annotations
    if isinstance(t, type) and issubclass(t, CodeList):
        return ("code", tuple(member.code for member in t))
    if t is bool:
        return ("bool", ())
    if t is int:
        return ("int", ())
    if t is datetime:
        return ("datetime", ())
    if t is date:
        return ("date", ())
    return _TEXT


@functools.cache
def _model_kind(column: str) -> _Kind:
    """What a layout column of the model holds (a list of codes or dates in one cell is text)."""
    if column == "schema_version":
        return ("int", ())
    cls: Any = Concern
    parts = column.split(".")
    for position, part in enumerate(parts):
        name, _, index = part.partition("[")
        hint = _hints(cls).get(name)
        if hint is None:
            return _TEXT
        last = position == len(parts) - 1
        if typing.get_origin(hint) is tuple:
            inner = typing.get_args(hint)[0]
            if attrs.has(inner) and not last:
                cls = inner
                continue
            return _scalar(inner) if last and index else _TEXT  # a numbered item, or the whole list in one cell
        if attrs.has(hint) and not last:
            cls = hint
            continue
        return _scalar(hint) if last and not index else _TEXT
    return _TEXT


def _kind(column: str) -> _Kind:
    if not column.startswith(_EXTENSIONS):
        return _model_kind(column)
    definition = extension_definition(column[len(_EXTENSIONS) :])
    if definition is None:
        return _TEXT
    if definition.type is ExtensionType.CODE:
        return ("code", tuple(code for code, _ in definition.codes))
    return {
        ExtensionType.INTEGER: ("int", ()),
        ExtensionType.FLAG: ("bool", ()),
        ExtensionType.DATE: ("date", ()),
    }.get(definition.type, _TEXT)


def _typed(pandas: Any, values: list[str | None], kind: _Kind) -> Any:  # noqa: ANN401 - pandas objects
    """One column of cell text as a typed pandas array."""
    name, codes = kind
    if name == "code":
        extra = sorted({v for v in values if v is not None and v not in codes})  # never made a missing value
        return pandas.Categorical(values, categories=[*codes, *extra])
    if name == "bool":
        return pandas.array([None if v is None else v == "true" for v in values], dtype="boolean")
    if name == "int":
        return pandas.array([None if v is None else int(v) for v in values], dtype="Int64")
    if name == "date":
        numpy = importlib.import_module("numpy")
        days = numpy.array(["NaT" if v is None else v for v in values], dtype="datetime64[D]")
        return pandas.array(days.astype("datetime64[us]"))
    if name == "datetime":
        return pandas.array(pandas.to_datetime(values, format="ISO8601", utc=True).as_unit("us"))
    return pandas.array(values, dtype=pandas.StringDtype())


def _layout_order(names: Iterable[str]) -> tuple[dict[str, int], set[str]]:
    """Each column's place in the layout, and the columns that hold personal data."""
    items = 1 + max((int(i) for name in names for i in _INDEX.findall(name)), default=0)
    columns = layout(items=items)
    return {c.name: n for n, c in enumerate(columns)}, {c.name for c in columns if c.personal}


def records_frame(records: Iterable[Concern], *, personal: bool = True) -> Any:  # noqa: ANN401 - a DataFrame
    """Records as rows of the flat layout (:mod:`msp.convert.flat`): a column per field, typed.

    The columns are the flat layout's (those ``msp synth --format csv`` writes), in
    layout order, each one that any record fills: ``concern_id``, ``received_on``,
    ``adult.date_of_birth``, ``risks[0].type_of_risk``, ... A code is ``category``
    (categories: its code list's codes, in the list's order), a date
    ``datetime64[us]``, a date and time ``datetime64[us, UTC]``, yes/no ``boolean``,
    a whole number ``Int64``, text and ids ``string``. A list of codes or dates kept in
    one cell (``adult.health_conditions``) stays text, its items separated by ``|``.
    A field a record leaves empty is ``<NA>`` (``NaT`` for dates).

    Args:
        records: the concerns (for example from :func:`msp.from_dict`, or
            :func:`msp.synth.generate_concerns`).
        personal: ``False`` leaves out the columns that hold personal data (free
            text, dates of birth and death; the layout's ``personal`` flag,
            ``msp layout``), for a frame that may be shared.

    Returns:
        A DataFrame, one row per record, in the order given.

    Raises:
        ImportError: pandas is not installed.
    """
    pandas = _pandas("records_frame")
    rows: dict[str, list[int]] = {}
    cells: dict[str, list[str]] = {}
    count = 0
    for record in records:
        for name, value in flatten(to_dict(record)).items():
            where = rows.get(name)
            if where is None:
                where = rows[name] = []
                cells[name] = []
            where.append(count)
            cells[name].append(value)
        count += 1
    order, personal_columns = _layout_order(rows)
    names = sorted(rows, key=lambda n: (n not in order, order.get(n, 0), n))
    if not personal:
        names = [n for n in names if n not in personal_columns]
    columns: dict[str, Any] = {}
    for name in names:
        values: list[str | None] = [None] * count
        for row, value in zip(rows[name], cells[name], strict=True):
            values[row] = value
        columns[name] = _typed(pandas, values, _kind(name))
    return pandas.DataFrame(columns, columns=names, index=pandas.RangeIndex(count))


# -- reports ------------------------------------------------------------------------------


def _in_order(pandas: Any, values: list[str], categories: Iterable[str] = ()) -> Any:  # noqa: ANN401
    """A ``category`` column whose categories are ``categories``, then the other values as they first come."""
    return pandas.Categorical(values, categories=list(dict.fromkeys([*categories, *values])))


def sac_frame(sac_return: SacReturn) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """The SAC return's cells in the publication's long layout, one row per cell.

    Args:
        sac_return: from :func:`msp.reports.sac_return.sac` or :func:`~msp.reports.sac_return.sac_files`.

    Returns:
        A DataFrame with :data:`SAC_COLUMNS`: ``table``, ``enquiry_type``, ``category``
        and ``subcategory`` as ``category`` (categories in the return's order, so a
        sort or pivot keeps the publication's order), ``count`` (unrounded) as
        ``Int64``, ``value`` (as output, ``[c]`` and the like where disclosure control
        was applied) as ``string``. ``frame.attrs`` holds ``year`` (``"2025-26"``),
        ``records``, ``suppressed`` and ``disclosure`` (the rule for an SG4a group of
        zeros, ``csv`` or ``tables``: :attr:`SacReturn.disclosure
        <msp.reports.sac_return.SacReturn.disclosure>`).

    Raises:
        ImportError: pandas is not installed.
    """
    pandas = _pandas("sac_frame")
    rows = sac_return.rows
    frame = pandas.DataFrame(
        {
            "table": _in_order(pandas, [r.table for r in rows]),
            "enquiry_type": _in_order(pandas, [r.enquiry_type for r in rows]),
            "category": _in_order(pandas, [r.category for r in rows]),
            "subcategory": _in_order(pandas, [r.subcategory for r in rows]),
            "count": pandas.array([r.count for r in rows], dtype="Int64"),
            "value": pandas.array([r.value for r in rows], dtype=pandas.StringDtype()),
        },
        columns=list(SAC_COLUMNS),
    )
    frame.attrs.update(
        year=str(sac_return.year),
        records=sac_return.records,
        suppressed=sac_return.suppressed,
        disclosure=sac_return.disclosure,
    )
    return frame


def audit_frame(report: AuditReport) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """The audit's measures, overall and for every group, one row per measure and group.

    Args:
        report: from :func:`msp.reports.audit.audit` or :func:`~msp.reports.audit.audit_files`.

    Returns:
        A DataFrame with :data:`AUDIT_COLUMNS`, as the audit's CSV: the overall figures
        first (``dimension`` and ``group`` ``all``), then each group. ``dimension``,
        ``group`` and ``measure`` are ``category`` (in the report's order; measures in
        :data:`msp.reports.audit.MEASURES` order), ``title`` ``string``, ``records``,
        ``numerator`` and ``denominator`` ``Int64``, ``share`` (numerator over
        denominator, 0-1) ``Float64``, ``<NA>`` where the denominator is 0; ``target``
        (a percentage, ``Float64``) and ``status`` (``category`` of
        :class:`~msp.reports.audit_targets.TargetStatus` codes), ``<NA>`` where the measure
        has no target (:mod:`msp.reports.audit_targets`) or applies to no case.
        ``frame.attrs`` holds ``as_of`` (a :class:`datetime.date`) and ``records``.

    Raises:
        ImportError: pandas is not installed.
    """
    pandas = _pandas("audit_frame")
    rows = list(report.rows())
    measures = [m for _, _, _, m in rows]
    frame = pandas.DataFrame(
        {
            "dimension": _in_order(pandas, [d for d, _, _, _ in rows]),
            "group": _in_order(pandas, [g for _, g, _, _ in rows]),
            "records": pandas.array([n for _, _, n, _ in rows], dtype="Int64"),
            "measure": _in_order(pandas, [m.code for m in measures], MEASURES),
            "title": pandas.array([m.title for m in measures], dtype=pandas.StringDtype()),
            "numerator": pandas.array([m.numerator for m in measures], dtype="Int64"),
            "denominator": pandas.array([m.denominator for m in measures], dtype="Int64"),
            "share": pandas.array([m.share for m in measures], dtype="Float64"),
            "target": pandas.array([_target_of(report, m) for m in measures], dtype="Float64"),
            "status": pandas.Categorical(
                [None if (s := report.status(m)) is None else s.code for m in measures],
                categories=[s.code for s in TargetStatus],
            ),
        },
        columns=list(AUDIT_COLUMNS),
    )
    frame.attrs.update(as_of=report.as_of, records=report.records)
    return frame


def _target_of(report: AuditReport, measure: Measure) -> float | None:
    target = report.targets.get(measure.code)
    return None if target is None else target.target


def uncounted_frame(uncounted: Iterable[Uncounted]) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """What a report could not count (``SacReturn.uncounted``, ``AuditReport.uncounted``), one row each.

    Returns:
        A DataFrame with :data:`UNCOUNTED_COLUMNS`: ``record_id``, ``reason`` as
        ``string``, ``tables`` and ``source`` as ``category``, ``line`` as ``Int64``.

    Raises:
        ImportError: pandas is not installed.
    """
    pandas = _pandas("uncounted_frame")
    items = list(uncounted)
    text = pandas.StringDtype()
    return pandas.DataFrame(
        {
            "record_id": pandas.array([u.record_id for u in items], dtype=text),
            "tables": _in_order(pandas, [u.tables for u in items]),
            "reason": pandas.array([u.reason for u in items], dtype=text),
            "source": pandas.Categorical([u.source for u in items]),
            "line": pandas.array([u.line for u in items], dtype="Int64"),
        },
        columns=list(UNCOUNTED_COLUMNS),
    )


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
