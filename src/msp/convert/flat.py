"""The flat CSV layout: one row per concern, for data teams' extracts and spreadsheets.

Case systems export flat files. This module documents the one flat layout the
library reads and writes, turns a row into the nested record the model
expects, and lets a council map its own extract onto the layout with a
mapping file instead of editing code.

The layout
----------

- **One row per concern**, with a header row. Blank rows (every cell empty or
  spaces) are skipped and not counted as records.
- **A column name is the field's path** from the concern, the same path a
  finding reports without the leading ``$.``: ``concern_id``,
  ``received_on``, ``adult.adult_id``, ``adult.date_of_birth``,
  ``decision.route``, ``enquiry.concluded_on``, ``closure.closed_on``.
- **Repeated groups are numbered from 0**: ``risks[0].type_of_risk``,
  ``risks[0].location``, ``risks[0].source``, ``risks[1].type_of_risk``,
  ...; ``desired_outcomes[0].in_own_words``,
  ``desired_outcomes[0].expressed_by``, ``desired_outcomes[0].achievement``,
  ``desired_outcomes[1].in_own_words``, ... Fill groups from 0 up: a group
  left empty before a filled one is read as an empty item and reported at
  its own index, so a finding's path always names the columns to look at.
  Up to 100 items (indexes 0-99) per group.
- **Lists of codes or dates sit in one cell, separated by** ``|``:
  ``adult.health_conditions`` = ``dementia|stroke``,
  ``decision.exit_routes``, ``plan.reviewed_on`` = ``2025-06-01|2025-07-01``.
  Lists of free text are numbered instead (``plan.living_with_risk.safety_actions[0]``),
  since text can hold a ``|``; numbered columns are accepted for any list.
- **An empty cell is a missing value.** Yes/no fields take ``yes``/``no``,
  ``true``/``false``, ``y``/``n`` or ``1``/``0``. Dates are ``YYYY-MM-DD`` or
  UK day-first ``dd/mm/yyyy`` (``03/04/2025`` is 3 April). Codes are the
  library's codes (``physical_abuse``) or their SAC labels
  (``Physical Abuse``). Date-times without an offset are read as UTC.
- **Local extensions** (:mod:`msp.model.extensions`) have a column each, named
  ``extensions.`` and the extension's name (``extensions.example-council.team``),
  once the extension is registered; the cell holds its value as its type takes it
  (a code of a ``code`` extension may also be given by its label). A mapping file
  maps an extract's column to it like any other. The generic numbered form
  (``extensions[0].name``, ``extensions[0].code``, ...) is read too, but not in the
  same file as named columns (``SHAPE-COLUMN``); :func:`layout` lists the named
  columns where definitions are registered, the numbered ones where none is.
- ``schema_version`` may be given as a column; without one the row is read as
  the current :data:`msp.SCHEMA_VERSION`.
- What a flat file cannot say: a group with no values at all (an empty
  ``views`` section, a risk with nothing recorded) has no cells, so it reads
  back as absent; and since every cell is text, a number where text belongs
  is read as text. Everything else round-trips: ``msp synth --format csv``
  writes this layout and ``msp validate`` reads it back to the same records.

``msp layout`` prints every column with what it takes. The SAC items sit at
``risks[i].type_of_risk`` (SG2a/SG2b with ``location`` and ``source``),
``risks[i].action_and_result`` (SG2c), ``risks[i].risk_outcome`` (SG2e),
``enquiry.capacity_lacked`` (SG3a), ``msp_asked`` and
``enquiry.outcomes_achieved`` (SG4a), ``adult.gender_identity``,
``adult.ethnic_category``, ``adult.primary_support_reason`` and
``adult.health_conditions`` (SG1).

Mapping files
-------------

A mapping file (JSON, UTF-8) renames a case system's columns and translates
its local code values; the library codes are then read as usual::

    {
      "msp_mapping": 1,
      "description": "Our case system's nightly safeguarding extract",
      "columns": {
        "Case Ref": "concern_id",
        "Person ID": "adult.adult_id",
        "DOB": "adult.date_of_birth",
        "Date Received": "received_on",
        "Abuse Type 1": "risks[0].type_of_risk",
        "Abuse Type 2": "risks[1].type_of_risk",
        "Worker Name": null
      },
      "values": {
        "risks[].type_of_risk": {"PHYS": "physical_abuse", "NEG": "neglect_and_acts_of_omission"},
        "adult.gender_identity": {"F": "2", "M": "1"}
      },
      "ignore": ["Notes", "Team Leader"],
      "separator": "|",
      "delimiter": ",",
      "encoding": "utf-8"
    }

- ``columns``: extract column name to layout column; ``null`` drops the
  column. Columns not named here are read as layout columns.
- ``values``: per layout field (write ``[]`` for "any index"), local value to
  library code or label. Matching ignores case and surrounding spaces; values
  not listed pass through unchanged. For ``|`` lists each item is mapped.
- ``ignore``: extract columns to drop.
- ``separator`` (default ``|``), ``delimiter`` (default ``,``; ``;`` or a tab
  for other exports) and ``encoding`` (default ``utf-8``; ``cp1252`` for
  older Excel exports; any encoding that keeps ASCII as is).

A column that is neither in the layout, nor mapped, nor ignored is reported
once, as a ``SHAPE-COLUMN`` error on the header line, and its cells are not
read.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import csv
import functools
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Final, TypeGuard

import attrs

from msp.codes import CodeList
from msp.convert._converter import SCHEMA_VERSION, from_dict
from msp.errors import MappingError, Problem
from msp.model.concern import Concern
from msp.model.extensions import (
    NAME_PATTERN,
    ExtensionDefinition,
    ExtensionType,
    extension_definition,
    registered_extensions,
)
from msp.model.spec import spec_of

__all__ = [
    "DEFAULT_SEPARATOR",
    "MAX_INDEX",
    "CsvMapping",
    "LayoutColumn",
    "MappingError",
    "RowPlan",
    "columns_for",
    "compile_header",
    "flatten",
    "layout",
    "load_mapping",
    "safe_column_name",
    "structure",
    "write_csv",
]

DEFAULT_SEPARATOR: Final = "|"
"""What separates the items of a list of codes or dates in one cell."""

MAX_INDEX: Final = 99
"""The highest index a numbered column may carry (``risks[99]``)."""

_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,63})(?:\[([0-9]{1,2})\])?\Z")
_SAFE_NAME = re.compile(r"^[\w .,()\[\]/&#%+:'-]{1,80}\Z")
_ANY_INDEX = re.compile(r"\[[0-9]{1,2}\]")
_EXTENSION_PREFIX: Final = "extensions."
_EXTENSION_SCALARS: Final = {
    ExtensionType.TEXT: str,
    ExtensionType.INTEGER: int,
    ExtensionType.FLAG: bool,
    ExtensionType.DATE: date,
}
"""The value type of each kind of extension but ``identifier`` and ``code``, which :func:`_extension_takes`
describes itself; the others are described as the layout's own columns of that type are."""


# -- the layout, from the model ----------------------------------------------


@attrs.frozen(slots=True)
class _Slot:
    """What one attrs field holds: a scalar, a record, a list of records or a list of scalars."""

    kind: str  # "scalar" | "record" | "records" | "scalars"
    target: Any  # the record class or the scalar type


def _strip_optional(t: Any) -> Any:  # noqa: ANN401 - typing objects
    origin = typing.get_origin(t)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(t) if a is not type(None)]
        return args[0] if len(args) == 1 else t
    return t


@functools.cache
def _slots(cls: type) -> dict[str, _Slot]:
    hints = typing.get_type_hints(cls)
    out: dict[str, _Slot] = {}
    for a in attrs.fields(cls):
        t = _strip_optional(hints[a.name])
        if typing.get_origin(t) is tuple:
            inner = typing.get_args(t)[0]
            out[a.name] = _Slot("records" if attrs.has(inner) else "scalars", inner)
        elif attrs.has(t):
            out[a.name] = _Slot("record", t)
        else:
            out[a.name] = _Slot("scalar", t)
    return out


@functools.cache
def _positions(cls: type) -> dict[str, int]:
    return {name: i for i, name in enumerate(_slots(cls))}


def _describe(t: Any, *, many: bool = False) -> str:  # noqa: ANN401
    if isinstance(t, type) and issubclass(t, CodeList):
        text = f"a code or label from {t.__name__}"
    elif t is bool:
        text = "yes or no"
    elif t is date:
        text = "a date (YYYY-MM-DD or DD/MM/YYYY)"
    elif t is datetime:
        text = "a date and time (ISO 8601; UTC if no offset)"
    elif t is str:
        text = "text"
    elif t is int:
        text = "a whole number"
    else:
        text = getattr(t, "__name__", str(t))
    return f"{text}; several separated by |" if many else text


@attrs.frozen(slots=True)
class LayoutColumn:
    """One column of the flat layout.

    Attributes:
        name: the column name, e.g. ``risks[0].type_of_risk``.
        takes: what a cell holds, e.g. ``a code or label from TypeOfRisk``.
        personal: the field is personal data (free text, dates of birth and death).
        required: the field must be filled whenever its group is (``concern_id``,
            ``adult.adult_id``, ``received_on``; a desired outcome's
            ``in_own_words`` and ``expressed_by``...).
    """

    name: str
    takes: str
    personal: bool
    required: bool = False


_ID_TAKES: Final = "a pseudonymous id (1-64 letters, digits or . _ : / -)"


def layout(*, items: int = 1) -> tuple[LayoutColumn, ...]:
    """Every column of the flat layout, with ``items`` numbered groups per repeated group.

    Args:
        items: how many items to list for each repeated group (``risks[0]``,
            ``risks[1]``, ...); 1 shows the pattern.

    Returns:
        The columns in layout order, ``schema_version`` first.
    """
    if items < 1:
        msg = "items must be 1 or more"
        raise ValueError(msg)
    out = [LayoutColumn("schema_version", f"the number {SCHEMA_VERSION} (optional)", personal=False)]

    named = registered_extensions()

    def walk(cls: type, prefix: str) -> None:
        for name, slot in _slots(cls).items():
            path = f"{prefix}{name}"
            if named and path == "extensions":
                continue  # a column per registered extension instead (one form per file: compile_header)
            personal = spec_of(cls, name).personal
            required = spec_of(cls, name).required
            if slot.kind == "record":
                walk(slot.target, f"{path}.")
            elif slot.kind == "records":
                for i in range(items):
                    walk(slot.target, f"{path}[{i}].")
            elif slot.kind == "scalars" and slot.target is str:
                out.extend(LayoutColumn(f"{path}[{i}]", "text", personal=personal) for i in range(items))
            else:
                is_id = slot.target is str and name.endswith("_id")
                takes = _ID_TAKES if is_id else _describe(slot.target, many=slot.kind == "scalars")
                out.append(LayoutColumn(path, takes, personal=personal, required=required))

    walk(Concern, "")
    out.extend(LayoutColumn(f"{_EXTENSION_PREFIX}{d.name}", _extension_takes(d), personal=d.personal) for d in named)
    return tuple(out)


def _extension_takes(definition: ExtensionDefinition) -> str:
    """What the column of a registered extension takes."""
    if definition.type is ExtensionType.CODE:
        return f"a code or label of the local list of {definition.name}"
    if definition.type is ExtensionType.IDENTIFIER:
        return "a local reference (1-64 letters, digits or . _ : / -)"
    takes = _describe(_EXTENSION_SCALARS[definition.type])
    bounds = [f"from {definition.minimum}" if definition.minimum is not None else ""]
    bounds.append(f"to {definition.maximum}" if definition.maximum is not None else "")
    shown = " ".join(b for b in bounds if b)
    return f"{takes} {shown}" if shown else takes


# -- column paths ---------------------------------------------------------------


@attrs.frozen(slots=True)
class _Target:
    """A column name resolved against the model."""

    steps: tuple[tuple[str, int | None], ...]  # the records on the way down
    leaf: str
    leaf_index: int | None
    split: bool  # a whole list of scalars in one cell
    scalar: Any  # the scalar type at the leaf
    pattern: str  # the path with every index written []
    extension: ExtensionDefinition | None = None  # a local extension's own column (extensions.<name>)


def _resolve(column: str) -> _Target | None:  # noqa: PLR0911 - one return per kind of field
    """Resolve a layout column name; ``None`` if it is not in the layout."""
    if column == "schema_version" or column.startswith(_EXTENSION_PREFIX):
        return _special(column)
    parts = column.split(".")
    cls: type = Concern
    steps: list[tuple[str, int | None]] = []
    for n, part in enumerate(parts):
        m = _SEGMENT.match(part)
        if m is None:
            return None
        name, raw_index = m.group(1), m.group(2)
        index = None if raw_index is None else int(raw_index)
        slot = _slots(cls).get(name)
        if slot is None:
            return None
        last = n == len(parts) - 1
        pattern = _ANY_INDEX.sub("[]", column)
        if slot.kind == "record" and index is None and not last:
            steps.append((name, None))
            cls = slot.target
        elif slot.kind == "records" and index is not None and not last:
            steps.append((name, index))
            cls = slot.target
        elif slot.kind == "scalar" and index is None and last:
            return _Target(tuple(steps), name, None, split=False, scalar=slot.target, pattern=pattern)
        elif slot.kind == "scalars" and last:
            return _Target(tuple(steps), name, index, split=index is None, scalar=slot.target, pattern=pattern)
        else:
            return None
    return None


def _special(column: str) -> _Target | None:
    """``schema_version``, or the column of a registered extension (``extensions.<name>``), else ``None``."""
    if column == "schema_version":
        return _Target((), "schema_version", None, split=False, scalar=int, pattern="schema_version")
    name = column[len(_EXTENSION_PREFIX) :]
    definition = extension_definition(name) if NAME_PATTERN.match(name) else None
    if definition is None:
        return None
    return _Target((), "extensions", None, split=False, scalar=None, pattern=column, extension=definition)


def _sort_key(column: str) -> tuple[tuple[int, int, str], ...]:
    """Layout order: by field declaration, then index; unknown names last."""
    if column == "schema_version":
        return ((-1, 0, ""),)
    key: list[tuple[int, int, str]] = []
    cls: type | None = Concern
    for part in column.split("."):
        m = _SEGMENT.match(part)
        name, raw_index = (m.group(1), m.group(2)) if m else (part, None)
        index = -1 if raw_index is None else int(raw_index)
        position = _positions(cls).get(name) if cls is not None else None
        if position is None:
            key.append((10_000, index, name))
            cls = None
            continue
        key.append((position, index, ""))
        slot = _slots(cls)[name] if cls is not None else None
        cls = slot.target if slot is not None and slot.kind in ("record", "records") else None
    return tuple(key)


def safe_column_name(name: str, position: int) -> str:
    """A column's name fit to print: itself if plain, else ``column N`` (1-based)."""
    return f"'{name}'" if _SAFE_NAME.match(name) else f"column {position + 1}"


# -- mapping files -------------------------------------------------------------


def _ascii_compatible(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
        return "msp,\n".encode(encoding) == b"msp,\n"
    except (LookupError, UnicodeError):
        return False


@attrs.frozen(slots=True, kw_only=True)
class CsvMapping:
    """How to read one case system's extract: column names and local code values.

    Build one with :func:`load_mapping` (a JSON file) or :meth:`from_dict`;
    see the module documentation for the file format.

    Attributes:
        columns: extract column name to layout column (``None`` drops it).
        values: layout field pattern (``risks[].type_of_risk``) to a table of
            local value to library code or label.
        ignore: extract columns to drop.
        separator: separates list items in one cell.
        delimiter: separates cells.
        encoding: the file's text encoding.
        description: what the mapping is for.
    """

    columns: Mapping[str, str | None] = attrs.field(factory=dict)
    values: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    ignore: frozenset[str] = frozenset()
    separator: str = DEFAULT_SEPARATOR
    delimiter: str = ","
    encoding: str = "utf-8"
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if len(self.separator) != 1 or len(self.delimiter) != 1 or self.separator == self.delimiter:
            msg = "mapping: separator and delimiter must be single, different characters"
            raise MappingError(msg)
        if self.delimiter in '"\r\n' or self.separator in '"\r\n':
            msg = "mapping: separator and delimiter cannot be a quote or a line break"
            raise MappingError(msg)
        if not _ascii_compatible(self.encoding):
            msg = "mapping: encoding must be a known encoding that keeps ASCII as is (e.g. utf-8, cp1252)"
            raise MappingError(msg)
        bad = sorted(
            (source for source, target in self.columns.items() if target is not None and _resolve(target) is None),
            key=str,
        )
        if bad:
            msg = f"mapping: columns maps {len(bad)} column(s) to names not in the flat layout (see msp layout)"
            raise MappingError(msg)
        for pattern in self.values:
            target = _resolve(pattern.replace("[]", "[0]"))
            if target is None or target.leaf == "schema_version":
                msg = f"mapping: values names a field that is not in the flat layout: {pattern!r}"
                raise MappingError(msg)

    @classmethod
    def from_dict(cls, data: object) -> CsvMapping:
        """Read a mapping from JSON-ready data.

        Raises:
            MappingError: an unknown key, a wrong type, or a target not in the layout.
        """
        if not isinstance(data, dict):
            msg = "mapping: the file must hold a JSON object"
            raise MappingError(msg)
        allowed = {"msp_mapping", "description", "columns", "values", "ignore", "separator", "delimiter", "encoding"}
        extra = sorted(k for k in data if k not in allowed)
        if extra:
            msg = f"mapping: unknown keys: {', '.join(repr(k) for k in extra)} (allowed: {', '.join(sorted(allowed))})"
            raise MappingError(msg)
        if data.get("msp_mapping", 1) != 1:
            msg = "mapping: msp_mapping must be 1 (the only mapping format so far)"
            raise MappingError(msg)
        columns = data.get("columns", {})
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in columns.items()
        ):
            msg = "mapping: columns must map column names to layout column names (or null)"
            raise MappingError(msg)
        values = data.get("values", {})
        if not isinstance(values, dict) or not all(
            isinstance(k, str)
            and isinstance(v, dict)
            and all(isinstance(a, str) and isinstance(b, str) for a, b in v.items())
            for k, v in values.items()
        ):
            msg = "mapping: values must map field names to tables of local value to code"
            raise MappingError(msg)
        ignore = data.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
            msg = "mapping: ignore must be a list of column names"
            raise MappingError(msg)
        texts = {k: data.get(k, d) for k, d in (("separator", "|"), ("delimiter", ","), ("encoding", "utf-8"))}
        texts["description"] = data.get("description", "")
        if not all(isinstance(v, str) for v in texts.values()):
            msg = "mapping: separator, delimiter, encoding and description must be text"
            raise MappingError(msg)
        return cls(
            columns={k.strip(): v for k, v in columns.items()},
            values={k: dict(v) for k, v in values.items()},
            ignore=frozenset(x.strip() for x in ignore),
            separator=texts["separator"],
            delimiter=texts["delimiter"],
            encoding=texts["encoding"],
            description=texts["description"],
        )


def load_mapping(path: str | Path) -> CsvMapping:
    """Load a mapping file (JSON).

    Raises:
        MappingError: the file is not JSON or not a valid mapping.
        OSError: the file cannot be read.
    """
    raw = Path(path).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        msg = f"mapping: {path} is not valid UTF-8 JSON{where}"
        raise MappingError(msg) from None
    return CsvMapping.from_dict(data)


# -- reading rows ----------------------------------------------------------------


@attrs.frozen(slots=True)
class _Column:
    cell: int
    target: _Target
    values: Mapping[str, str] | None


@attrs.frozen(slots=True)
class RowPlan:
    """How to turn the cells of one row into a nested record (built by :func:`compile_header`).

    Small and picklable: it travels to worker processes with each chunk of rows.
    """

    columns: tuple[_Column, ...]
    width: int
    separator: str = DEFAULT_SEPARATOR
    has_schema_version: bool = False

    def to_dict(self, cells: Sequence[str]) -> dict[str, Any]:
        """The nested, JSON-like dict for one row (values still text; see :func:`structure`)."""
        out: dict[str, Any] = {}
        for col in self.columns:
            if col.cell >= len(cells):
                continue
            raw = cells[col.cell]
            if raw and not raw.isspace():
                _put(_descend(out, col.target.steps), col, raw, self.separator)
        if not self.has_schema_version:
            out = {"schema_version": SCHEMA_VERSION, **out}
        return out


def _descend(node: dict[str, Any], steps: tuple[tuple[str, int | None], ...]) -> dict[str, Any]:
    """The dict a column's value goes in, made on the way down; list gaps become empty items."""
    for name, index in steps:
        if index is None:
            node = node.setdefault(name, {})
        else:
            items = node.setdefault(name, [])
            while len(items) <= index:
                items.append({})
            node = items[index]
    return node


def _put(node: dict[str, Any], col: _Column, raw: str, separator: str) -> None:
    t = col.target
    if t.extension is not None:
        definition = t.extension
        value = _lookup(col.values, raw)
        if definition.type is ExtensionType.CODE:
            labels = {label.strip().casefold(): code for code, label in definition.codes}
            value = labels.get(value.strip().casefold(), value.strip())
        node.setdefault("extensions", []).append({"name": definition.name, definition.type.slot: value})
    elif t.split:
        node[t.leaf] = [_lookup(col.values, v.strip()) for v in raw.split(separator) if v and not v.isspace()]
    elif t.leaf_index is not None:
        items = node.setdefault(t.leaf, [])
        while len(items) <= t.leaf_index:
            items.append(None)
        items[t.leaf_index] = _lookup(col.values, raw)
    elif t.leaf == "schema_version":
        stripped = raw.strip()
        node[t.leaf] = int(stripped) if stripped.isdigit() and len(stripped) < 6 else stripped  # noqa: PLR2004
    else:
        node[t.leaf] = _lookup(col.values, raw)


def _lookup(table: Mapping[str, str] | None, raw: str) -> str:
    if table is None:
        return raw
    return table.get(raw.strip().casefold(), raw)


_FIX: Final = "rename it, or map or ignore it in a mapping file"
_FIRST: Final = "only the first is read"


def _column_problem(path: str, message: str) -> Problem:
    return Problem(code="SHAPE-COLUMN", path=path, message=message)


def _not_in_layout(target_name: str, label: str) -> str:
    if target_name.startswith(_EXTENSION_PREFIX):
        return f"column {label} names no registered local extension: register its definition first, or {_FIX}"
    return f"column {label} is not in the flat layout: {_FIX}"


def _list_clash(target: _Target, target_name: str, label: str, lists: dict[str, bool]) -> Problem | None:
    """A column that gives a list in another form than an earlier column does (``lists`` remembers the forms)."""
    named = target.extension is not None
    if named or (target.steps and target.steps[0][0] == "extensions"):
        # Extension values by name (extensions.<name>) or numbered (extensions[i].code): one form per file,
        # or a numbered item could land on a named one.
        if lists.setdefault("extensions", named) != named:
            return _column_problem("$.extensions", f"column {label} numbers extension values another column names")
        return None
    if target.leaf_index is not None or target.split:
        list_key = target_name if target.split else target_name.rsplit("[", 1)[0]
        if lists.setdefault(list_key, target.split) != target.split:
            return _column_problem(
                f"$.{list_key}", f"column {label} numbers a list another column gives whole; {_FIRST}"
            )
    return None


def compile_header(header: Sequence[str], mapping: CsvMapping | None = None) -> tuple[RowPlan, list[Problem]]:
    """Read a header row: which cell goes where, and the header's problems.

    Returns:
        The :class:`RowPlan`, and ``SHAPE-COLUMN`` problems for columns that
        are not in the layout (nor mapped nor ignored), named twice, or
        clashing (``plan.reviewed_on`` and ``plan.reviewed_on[0]``). Those
        columns are left out of the plan; the rest are read.
    """
    chosen = mapping or CsvMapping()
    renames = dict(chosen.columns)
    folded_renames = {k.casefold(): v for k, v in renames.items()}
    ignored = {x.casefold() for x in chosen.ignore}
    tables = {pattern: {k.strip().casefold(): v for k, v in table.items()} for pattern, table in chosen.values.items()}
    problems: list[Problem] = []
    columns: list[_Column] = []
    seen: dict[str, int] = {}
    lists: dict[str, bool] = {}
    for position, raw_name in enumerate(header):
        name = raw_name.strip()
        if not name and all(not c for c in header[position:]):
            break  # trailing empty header cells (spreadsheet padding)
        label = safe_column_name(name, position)
        if name in renames or name.casefold() in folded_renames:
            target_name = renames[name] if name in renames else folded_renames[name.casefold()]
            if target_name is None:
                continue
        elif name.casefold() in ignored:
            continue
        else:
            target_name = name
        target = _resolve(target_name)
        if target is None:
            problems.append(_column_problem("$", _not_in_layout(target_name, label)))
            continue
        if target_name in seen:
            first = seen[target_name] + 1
            problems.append(
                _column_problem(f"$.{target_name}", f"column {label} fills the same field as column {first}; {_FIRST}")
            )
            continue
        seen[target_name] = position
        clash = _list_clash(target, target_name, label, lists)
        if clash is not None:
            problems.append(clash)
            continue
        columns.append(_Column(position, target, tables.get(target.pattern)))
    plan = RowPlan(
        columns=tuple(columns),
        width=len(header),
        separator=chosen.separator,
        has_schema_version="schema_version" in seen,
    )
    return plan, problems


# -- structuring (lenient) -------------------------------------------------------


def structure(data: Mapping[str, Any]) -> Concern:
    """Build a :class:`~msp.model.concern.Concern` from a row's dict with the lenient converter.

    :func:`msp.from_dict` with ``lenient=True``: spreadsheet values, UK
    day-first dates, code labels, ``yes``/``no``, numbers where text belongs.

    Raises:
        InvalidRecord: with every problem found, each located by JSON path.
    """
    return from_dict(data, Concern, lenient=True)


# -- writing ---------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten(record: Mapping[str, Any], *, separator: str = DEFAULT_SEPARATOR) -> dict[str, str]:
    """One record, as JSON-ready data (:func:`msp.to_dict`), to layout columns and cell text.

    Keys the model does not know are kept under their own names, so a writer
    never silently drops data (a reader then reports them). The values of
    registered local extensions get a column each (``extensions.<name>``).
    """
    out: dict[str, str] = {}
    extensions = record.get("extensions")
    if not _named_extensions(extensions):
        _flatten_into(out, record, Concern, "", separator)
        return out
    _flatten_into(out, {k: v for k, v in record.items() if k != "extensions"}, Concern, "", separator)
    for item in extensions:
        (slot,) = (k for k in item if k != "name")
        out[f"{_EXTENSION_PREFIX}{item['name']}"] = _cell(item[slot])
    return out


def _flatten_into(out: dict[str, str], node: Mapping[str, Any], cls: type | None, prefix: str, sep: str) -> None:
    slots = _slots(cls) if cls is not None else {}
    for key, value in node.items():
        if value is None:
            continue
        path = f"{prefix}{key}"
        slot = slots.get(key)
        kind = None if slot is None else slot.kind
        if isinstance(value, dict) and kind in ("record", None):
            _flatten_into(out, value, None if slot is None else slot.target, f"{path}.", sep)
        elif kind == "records" and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for i, item in enumerate(value):
                _flatten_into(out, item, slot.target if slot is not None else None, f"{path}[{i}].", sep)
        elif kind == "scalars" and isinstance(value, list) and slot is not None and slot.target is str:
            for i, item in enumerate(value):
                out[f"{path}[{i}]"] = _cell(item)
        elif kind == "scalars" and isinstance(value, list):
            out[path] = sep.join(_cell(v) for v in value)
        else:
            out[path] = _cell(value)


def _named_extensions(value: object) -> TypeGuard[list[dict[str, Any]]]:
    """Extension values fit for one column each: registered names, each once, with one value."""
    if not isinstance(value, list):
        return False
    names = [item.get("name") if isinstance(item, dict) else None for item in value]
    return len(set(names)) == len(names) and all(
        isinstance(item, dict)
        and isinstance(item.get("name"), str)
        and extension_definition(item["name"]) is not None
        and len(item) == 2  # noqa: PLR2004 - the name and one value
        for item in value
    )


def columns_for(records: Iterable[Mapping[str, Any]], *, separator: str = DEFAULT_SEPARATOR) -> list[str]:
    """The columns needed to write ``records``, in layout order (one pass over them)."""
    names: set[str] = set()
    for record in records:
        names.update(flatten(record, separator=separator))
    return sorted(names, key=_sort_key)


def write_csv(
    records: Iterable[Mapping[str, Any]],
    stream: IO[str],
    columns: Sequence[str],
    *,
    separator: str = DEFAULT_SEPARATOR,
) -> int:
    """Write records (JSON-ready dicts) as flat CSV with a header row.

    Open ``stream`` with ``newline=""``. Keys not in ``columns`` are an error:
    compute the columns with :func:`columns_for` first.

    Returns:
        The number of rows written.

    Raises:
        ValueError: a record has a value for a column not in ``columns``.
    """
    writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="raise")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flatten(record, separator=separator))
        count += 1
    return count


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
