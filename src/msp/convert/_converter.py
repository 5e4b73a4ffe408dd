"""Lossless conversion between records and dicts or JSON, over a configured cattrs converter.

- Dates are ISO ``YYYY-MM-DD``; date-times ISO 8601 with a UTC offset.
- Codes are written as their stable code value (``"physical_abuse"``).
- Every serialised record carries ``schema_version`` (:data:`SCHEMA_VERSION`).
- Strict by default: unknown keys, a number where text belongs, ``"false"``
  for a boolean, a label where a code belongs are all errors.
- Every problem in a record is collected at once into one
  :class:`msp.errors.InvalidRecord`, each with a JSON path such as
  ``$.desired_outcomes[1].recorded_on``. No message echoes a value.

``lenient=True`` builds the converter data teams want for spreadsheet
extracts: UK day-first dates (``03/04/2025`` is 3 April) through
python-dateutil, code *labels* as well as codes, and ``yes``/``no`` booleans.

**Speed.** :func:`from_dict` first tries a route generated from the model
(:mod:`msp.convert._fast`) for plain JSON-like dicts; with the ``fast`` extra (msgspec)
installed, :func:`from_json` and :func:`to_json` take faster routes too. They
give exactly the same records, text and errors: wherever one cannot take a
record it hands over to the canonical cattrs route here, which reports every
problem. See docs/performance.md.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time, timezone
from types import ModuleType, NoneType, UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from msp.codes import CodeList
from msp.convert._scalars import _ISO_DATE, SCHEMA_VERSION, _bad, _date, _datetime, key_path, not_a_code
from msp.convert.migrate import OLDEST_SCHEMA_VERSION, _as_current, _newer, _unread_version, migrate, needs_migration
from msp.errors import InvalidRecord, NewerSchemaWarning, Problem, record_id_of
from msp.model.concern import Concern

__all__ = [
    "SCHEMA_VERSION",
    "from_dict",
    "from_json",
    "from_refused_dict",
    "make_converter",
    "problems_from_exception",
    "to_dict",
    "to_json",
]

_T = TypeVar("_T")
_WHOLE = re.compile(r"\A\s*[-+]?[0-9]{1,16}\s*\Z")
"""A whole number in a spreadsheet cell (at most 16 digits: the range check is the field's)."""
_LIST = "expected a list"
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


# -- strict primitive hooks --------------------------------------------------


def _str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _bad("SHAPE-TYPE", "expected text (a string)")
    return value


def _bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _bad("SHAPE-TYPE", "expected true or false")
    return value


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _bad("SHAPE-TYPE", "expected a whole number")
    return value


def _lenient_int(value: object, _: type) -> int:
    if type(value) is str and _WHOLE.match(value):
        return int(value.strip())
    return _int(value, _)


def _float(value: object, _: type) -> float:
    if type(value) not in (int, float):
        raise _bad("SHAPE-TYPE", "expected a number")
    return float(value)  # type: ignore[arg-type]


def _code_hook(cls: type[CodeList]) -> Callable[[object, type], CodeList]:
    members: dict[object, CodeList] = {m.code: m for m in cls}
    message = not_a_code(cls)

    def structure(value: object, _: type) -> CodeList:
        member = members.get(value) if type(value) is str else None
        if member is None:
            raise _bad("SHAPE-CODE", message(value))
        return member

    return structure


# -- lenient hooks (spreadsheets) -------------------------------------------


def _lenient_str(value: object, _: type) -> str:
    if type(value) in (int, float):
        return str(value)
    return _str(value, _)


def _lenient_bool(value: object, _: type) -> bool:
    if type(value) is bool:
        return value
    if type(value) is str:
        folded = value.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise _bad("SHAPE-TYPE", "expected yes/no or true/false")


def _lenient_date(value: object, _: type) -> date:
    if type(value) is str and _ISO_DATE.match(value.strip()):
        return _date(value.strip(), _)
    if type(value) is not str or not value.strip():
        raise _bad("SHAPE-DATE", "expected a date (YYYY-MM-DD or DD/MM/YYYY)")
    numeric = _numeric_date(value.strip())
    if numeric is not None:
        return numeric
    if not _FOUR_DIGIT_YEAR.search(value):
        raise _bad("SHAPE-DATE", _NO_YEAR)
    from dateutil import parser  # noqa: PLC0415 - lenient path only

    try:
        # Parsed twice with two different defaults: a part missing from the text (the
        # year of "05/06", the month and year of "5") takes the default, so the two
        # readings differ and the date is refused rather than completed by guesswork.
        parsed = parser.parse(value, dayfirst=True, default=_DEFAULT_A)
    except (ValueError, OverflowError):
        raise _bad("SHAPE-DATE", "expected a date (YYYY-MM-DD or DD/MM/YYYY)") from None
    try:
        check: datetime | None = parser.parse(value, dayfirst=True, default=_DEFAULT_B)
    except (ValueError, OverflowError):  # "31" read with February as the month
        check = None
    if parsed != check:
        raise _bad("SHAPE-DATE", "expected a full date with day, month and year")
    if parsed.time() != datetime.min.time() or parsed.tzinfo is not None:
        raise _bad("SHAPE-DATE", "expected a date without a time")
    return parsed.date()


_DMY = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]+)")
_YMD = re.compile(r"([0-9]{4})([/.-])([0-9]{1,2})\2([0-9]{1,2})")
_DATE_HEAD = re.compile(r"([0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]+)(?:[ T]|\Z)")
_NO_YEAR = "expected a full date with a four-digit year (DD/MM/YYYY)"
_FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def _numeric_date(text: str) -> date | None:
    """An all-number date read by its one UK reading, or ``None`` for other forms.

    ``DD/MM/YYYY`` (``/``, ``.`` or ``-`` between) is day first and ``YYYY/MM/DD``
    year first. A two-digit year is refused (is ``3/4/40`` 1940 or 2040?), and so
    is a month above 12 (``12/31/2025`` is month first: not guessed).
    """
    match = _DMY.fullmatch(text)
    if match is not None:
        day, _, month, year = match.groups()
        if len(year) != 4:  # noqa: PLR2004
            raise _bad("SHAPE-DATE", _NO_YEAR)
    else:
        match = _YMD.fullmatch(text)
        if match is None:
            return None
        year, _, month, day = match.groups()
    if int(month) > 12:  # noqa: PLR2004
        raise _bad("SHAPE-DATE", "expected the day first, then the month (DD/MM/YYYY)")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _bad("SHAPE-DATE", "not a real calendar date") from None


_DEFAULT_A = datetime(1, 1, 1)  # noqa: DTZ001 - naive on purpose: dates carry no zone
_DEFAULT_B = datetime(2, 2, 2)  # noqa: DTZ001


def _lenient_datetime(value: object, _: type) -> datetime:
    try:
        return _datetime(value, _)
    except InvalidRecord:
        if type(value) is not str:
            raise
    from dateutil import parser  # noqa: PLC0415

    # The date part follows the lenient date rules (one reading, four-digit year,
    # nothing filled in from a default), checked as for dates.
    if not _FOUR_DIGIT_YEAR.search(value):
        raise _bad("SHAPE-DATETIME", "expected a date with a four-digit year and a time")
    head = _DATE_HEAD.match(value.strip())
    try:
        day = None if head is None else _numeric_date(head.group(1))
    except InvalidRecord:
        raise _bad("SHAPE-DATETIME", "expected a date (DD/MM/YYYY) and a time") from None
    try:
        if head is not None and day is not None:  # an all-number date: its one reading, then the time
            rest = value.strip()[head.end() :].strip()
            parsed = datetime.combine(day, time())
            if rest:
                parsed = parser.parse(rest, default=parsed)
            complete = parsed.date() == day  # what follows the date is a time, nothing more
        else:
            parsed = parser.parse(value, dayfirst=True, default=_DEFAULT_A)
            complete = parsed.date() == parser.parse(value, dayfirst=True, default=_DEFAULT_B).date()
    except (ValueError, OverflowError):
        raise _bad("SHAPE-DATETIME", "expected a date and time") from None
    if not complete:
        raise _bad("SHAPE-DATETIME", "expected a full date with day, month and year, and a time")
    # Spreadsheet times without an offset are read as UTC: say so in docs.
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=timezone.utc)


def _lenient_code_hook(cls: type[CodeList]) -> Callable[[object, type], CodeList]:
    strict = _code_hook(cls)
    codes: dict[str, CodeList] = {m.code: m for m in cls}

    def structure(value: object, _: type) -> CodeList:
        if type(value) is str:
            member = codes.get(value.strip())
            if member is not None:
                return member
            try:
                return cls.from_label(value)
            except ValueError:
                pass
        return strict(value, _)

    return structure


# -- structural hooks ---------------------------------------------------------


def _is_homogeneous_tuple(t: Any) -> bool:  # noqa: ANN401
    args: tuple[Any, ...] = getattr(t, "__args__", ())
    return getattr(t, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _optional_of(t: Any) -> Any:  # noqa: ANN401
    """``X`` for ``X | None`` (``Optional[X]``), else ``None``."""
    if isinstance(t, UnionType) or get_origin(t) is Union:
        args = get_args(t)
        if len(args) == 2 and NoneType in args:  # noqa: PLR2004 - exactly X | None
            return args[0] if args[1] is NoneType else args[1]
    return None


def make_converter(*, lenient: bool = False) -> cattrs.Converter:
    """Build the converter the library uses: strict, or lenient for spreadsheets.

    Build it once and reuse it: hooks are generated per class on first use.
    """
    return _make_converter(lenient=lenient)


_Parts = Callable[[type], "Callable[[Any], Any] | None"]


def _make_converter(
    *,
    lenient: bool = False,
    parts: _Parts | None = None,
    roots: dict[type, Callable[[Any, type], Any]] | None = None,
) -> cattrs.Converter:
    """:func:`make_converter`; with ``parts`` (strict only), each record class's hook tries a fast builder first.

    ``parts(cls)`` gives a function from a plain ``dict`` to a ``cls`` record that returns
    a record only where the cattrs hook would return an equal one without a problem, and
    raises otherwise (:func:`msp.convert._fast.part_builder_for`); on any failure the cattrs hook
    reads the value, so the problems are the cattrs hook's. ``roots`` collects each class's
    hook without the fast attempt (for a record already known to fail it).
    """
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _lenient_str if lenient else _str)
    conv.register_structure_hook(bool, _lenient_bool if lenient else _bool)
    conv.register_structure_hook(int, _lenient_int if lenient else _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(date, _lenient_date if lenient else _date)
    conv.register_structure_hook(datetime, _lenient_datetime if lenient else _datetime)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    code_hook = _lenient_code_hook if lenient else _code_hook
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, CodeList),
        code_hook,
    )

    def tuple_factory(t: Any) -> Callable[[object, Any], tuple[Any, ...]]:  # noqa: ANN401
        inner = homogenous_tuple_structure_factory(t, conv)

        def structure(value: object, target: Any) -> tuple[Any, ...]:  # noqa: ANN401
            if type(value) not in (list, tuple):
                unordered = isinstance(value, AbstractSet)
                raise _bad("SHAPE-TYPE", "got a set, which has no order: write a list" if unordered else _LIST)
            return inner(value, target)  # type: ignore[no-any-return]

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)

    def attrs_factory(cl: type) -> Callable[[object, type], Any]:
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, target: type) -> Any:  # noqa: ANN401
            if type(value) is not dict and not isinstance(value, Mapping):
                raise _bad("SHAPE-TYPE", "expected an object")
            return inner(value, target)

        return structure if parts is None else _fast_first(cl, structure, parts, roots)

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    def optional_factory(t: Any) -> Callable[[object, Any], Any]:  # noqa: ANN401
        # cattrs' own Optional hook looks the inner hook up on every call: fetch it once.
        inner_type = _optional_of(t)
        inner = conv.get_structure_hook(inner_type)

        def structure(value: object, _: Any) -> Any:  # noqa: ANN401
            return None if value is None else inner(value, inner_type)

        return structure

    conv.register_structure_hook_factory(lambda t: _optional_of(t) is not None, optional_factory)
    return conv


def _fast_first(
    cl: type,
    structure: Callable[[Any, type], Any],
    parts: _Parts,
    roots: dict[type, Callable[[Any, type], Any]] | None,
) -> Callable[[Any, type], Any]:
    """A hook that tries the fast builder for ``cl`` on a plain ``dict``, handing what it refuses to ``structure``."""
    build = parts(cl)
    if build is None:
        return structure
    if roots is not None:
        roots[cl] = structure

    def structure_fast_first(value: object, target: type) -> Any:  # noqa: ANN401
        if type(value) is dict:
            try:
                return build(value)
            except Exception:  # noqa: BLE001, S110 - the cattrs hook below reports the problems
                pass
        return structure(value, target)

    return structure_fast_first


# -- errors ------------------------------------------------------------------


def _join(path: str, note: object) -> str:
    name = getattr(note, "name", None)
    if isinstance(name, str):
        return f"{path}.{name}"
    index = getattr(note, "index", None)
    if isinstance(index, int):
        return f"{path}[{index}]"
    return path


def _child_path(path: str, exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", ()):
        joined = _join(path, note)
        if joined != path:
            return joined
    return path


def problems_from_exception(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a conversion or construction failure into located problems.

    Handles cattrs' exception groups, :class:`InvalidRecord` from the model's
    validators and hooks, missing and extra keys; anything else becomes a
    ``SHAPE-INVALID`` problem naming only the exception type.
    """
    if isinstance(exc, InvalidRecord):
        return [attrs.evolve(p, path=path + p.path[1:]) for p in exc.problems]
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(code="SHAPE-EXTRA", path=key_path(path, key), message="unknown field")
            for key in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for sub in exc.exceptions:
            found.extend(problems_from_exception(sub, _child_path(path, sub)))
        return found
    if isinstance(exc, KeyError):
        return [Problem(code="SHAPE-MISSING", path=path, message="required field is missing")]
    return [Problem(code="SHAPE-INVALID", path=path, message=f"could not be read ({type(exc).__name__})")]


# -- public API --------------------------------------------------------------


def _part_builder(cls: type) -> Callable[[Any], Any] | None:
    return _fast_module().part_builder_for(cls)  # type: ignore[no-any-return]


_ROOTS: dict[type, Callable[[Any, type], Any]] = {}
_STRICT = _make_converter(parts=_part_builder, roots=_ROOTS)
"""The library's strict converter: where a dict fails the fast route, its valid parts are still built fast."""
_HOOKS: dict[type, Callable[[Any, type], Any]] = {}
_REFERENCE: list[cattrs.Converter] = []  # cattrs alone: the reference the tests hold every route to
_REFERENCE_HOOKS: dict[type, Callable[[Any, type], Any]] = {}
_LENIENT: list[cattrs.Converter] = []  # made on first use: most programs never read spreadsheets
_LENIENT_HOOKS: dict[type, Callable[[Any, type], Any]] = {}


def _hook(cls: type) -> Callable[[Any, type], Any]:
    """The strict hook for a whole record that the fast route refused: no second fast attempt at the top."""
    hook = _HOOKS.get(cls)
    if hook is None:
        top = _STRICT.get_structure_hook(cls)
        hook = _HOOKS[cls] = _ROOTS.get(cls, top)
    return hook


def _reference_hook(cls: type) -> Callable[[Any, type], Any]:
    hook = _REFERENCE_HOOKS.get(cls)
    if hook is None:
        if not _REFERENCE:
            _REFERENCE.append(make_converter())
        hook = _REFERENCE_HOOKS[cls] = _REFERENCE[0].get_structure_hook(cls)
    return hook


def _lenient_hook(cls: type) -> Callable[[Any, type], Any]:
    hook = _LENIENT_HOOKS.get(cls)
    if hook is None:
        if not _LENIENT:
            _LENIENT.append(make_converter(lenient=True))
        hook = _LENIENT_HOOKS[cls] = _LENIENT[0].get_structure_hook(cls)
    return hook


def to_dict(record: object) -> dict[str, Any]:
    """Unstructure a record to plain JSON-ready values, with ``schema_version``.

    Fields left at their default (``None``, empty tuples) are omitted.
    """
    body = _STRICT.unstructure(record)
    return {"schema_version": SCHEMA_VERSION, **body}


@overload
def from_dict(
    data: Mapping[str, Any], *, lenient: bool = False, unknown: Literal["error", "ignore"] = "error"
) -> Concern: ...
@overload
def from_dict(
    data: Mapping[str, Any], cls: type[_T], *, lenient: bool = False, unknown: Literal["error", "ignore"] = "error"
) -> _T: ...
def from_dict(
    data: Mapping[str, Any],
    cls: type[Any] = Concern,
    *,
    lenient: bool = False,
    unknown: Literal["error", "ignore"] = "error",
) -> Any:
    """Build a record (a :class:`~msp.model.concern.Concern` by default) from a dict.

    ``lenient=True`` reads spreadsheet values as the lenient converter does
    (:func:`make_converter`: UK dates, SAC labels, ``yes``/``no``), with the
    same ``schema_version`` check and the same located problems.

    A record at an older ``schema_version`` is migrated on the way in (:func:`msp.migrate`).
    One at a newer version is refused (``SHAPE-SCHEMA``) unless ``unknown="ignore"``:
    then it is read as the current version, every key the current model does not know
    is dropped (at any depth), and one :class:`~msp.errors.NewerSchemaWarning` names the
    two versions and the paths dropped. The values of known fields are checked as usual.
    ``unknown`` changes nothing for a record at the current or an older version: an
    unknown field there is a mistake (``SHAPE-EXTRA``), not a newer library's field.

    Raises:
        InvalidRecord: with every problem found, each located by JSON path.
        ValueError: ``unknown`` is neither ``"error"`` nor ``"ignore"``.
    """
    if unknown not in _UNKNOWN_MODES:
        raise ValueError('unknown must be "error" or "ignore"')
    if lenient:
        return _canonical(data, cls, _lenient_hook(cls), unknown)
    build = _fast_module().dict_builder_for(cls)
    if build is not None:
        try:
            return build(data)
        except Exception:  # noqa: BLE001, S110 - the canonical route below reports every problem
            pass
    return _canonical(data, cls, _hook(cls), unknown)


def from_refused_dict(
    data: Mapping[str, Any], cls: type[Any] = Concern, *, unknown: Literal["error", "ignore"] = "error"
) -> Any:  # noqa: ANN401
    """:func:`from_dict` without its fast try, for a record a fast route has already refused.

    The same record or the same problems, sooner: the fast dict route refuses what the fast
    JSON route refused, so trying it again would only cost time. ``unknown`` is as for
    :func:`from_dict` (not checked again here).
    """
    return _canonical(data, cls, _hook(cls), unknown)


def _canonical(
    data: Mapping[str, Any],
    cls: type[Any],
    hook: Callable[[Any, type], Any],
    unknown: Literal["error", "ignore"],
) -> Any:  # noqa: ANN401
    """The canonical route with ``hook``, a record at a newer version read as the current one first where
    ``unknown="ignore"``. Called only by the public readers, so the warning points at their caller."""
    if unknown == "ignore" and _newer(data):
        data = _read_newer(data, cls, stacklevel=4)
    return _from_dict_canonical(data, cls, hook)


_UNKNOWN_MODES: frozenset[str] = frozenset({"error", "ignore"})
"""The values of ``unknown`` (:func:`from_dict`, :func:`from_json`)."""


def _read_newer(data: Mapping[str, Any], cls: type, *, stacklevel: int = 3) -> dict[str, Any]:
    """A record at a newer ``schema_version`` as the current one, with its one :class:`NewerSchemaWarning`.

    ``stacklevel`` makes the warning point at the caller of the public reader: 3 where that reader calls
    this directly (:func:`from_json`), 4 through :func:`_canonical`.
    """
    version = data["schema_version"]
    current, dropped = _as_current(data, cls)
    warnings.warn(
        NewerSchemaWarning(version, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION, dropped, record_id_of(data)),
        stacklevel=stacklevel,
    )
    return current


def _from_dict_canonical(
    data: Mapping[str, Any],
    cls: type[Any],
    hook: Callable[[Any, type], Any] | None = None,
) -> Any:  # noqa: ANN401
    """The canonical route: every problem, located. ``hook`` defaults to cattrs alone (the reference).

    :func:`from_dict` passes the library's strict hook, whose nested records are tried on
    the fast route first (:func:`_make_converter`): the same records and problems, sooner.
    """
    record_id = record_id_of(data)
    if not isinstance(data, Mapping):
        raise InvalidRecord((Problem(code="SHAPE-TYPE", path="$", message="expected an object"),))
    problems: list[Problem] = []
    if needs_migration(data):
        try:
            data = migrate(data)
        except InvalidRecord as exc:  # fields its version did not have: reported with the record's other problems
            problems.extend(exc.problems)
            data = {**data, "schema_version": SCHEMA_VERSION}
    version = data.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        problems.append(Problem(code="SHAPE-SCHEMA", path="$.schema_version", message=_unread_version(data)))
    body = {k: v for k, v in data.items() if k != "schema_version"}
    try:
        record = (hook or _reference_hook(cls))(body, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes located problems
        problems.extend(problems_from_exception(exc))
    if problems:
        raise InvalidRecord(problems, record_id)
    return record


def to_json(record: object, *, indent: int | None = None) -> str:
    """Serialise a record to JSON text (UTF-8 safe; non-ASCII kept as is).

    ``schema_version`` comes first, then the fields in declaration order;
    fields left at their default are omitted, as in :func:`to_dict`.
    """
    fast = _fast()
    if fast is not None and (indent is None or (type(indent) is int and indent > 0)):
        encode = fast.encoder_for(type(record))
        if encode is not None:
            try:
                text: str = encode(record, indent)
            except Exception:  # noqa: BLE001, S110 - the canonical route below writes it (or says why not)
                pass
            else:
                return text
    return _to_json_canonical(record, indent)


def _to_json_canonical(record: object, indent: int | None) -> str:
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(to_dict(record), ensure_ascii=False, indent=indent, separators=separators)


@overload
def from_json(text: str | bytes, *, unknown: Literal["error", "ignore"] = "error") -> Concern: ...
@overload
def from_json(text: str | bytes, cls: type[_T], *, unknown: Literal["error", "ignore"] = "error") -> _T: ...
def from_json(text: str | bytes, cls: type[Any] = Concern, *, unknown: Literal["error", "ignore"] = "error") -> Any:
    """Build a record from JSON text.

    ``unknown`` is as for :func:`from_dict`: ``"ignore"`` reads a record at a newer
    ``schema_version`` as the current one, dropping the fields this library does not
    know, with one :class:`~msp.errors.NewerSchemaWarning`.

    Raises:
        InvalidRecord: not JSON (``SHAPE-JSON`` with line and column), not an
            object, or any problem :func:`from_dict` finds.
        ValueError: ``unknown`` is neither ``"error"`` nor ``"ignore"``.
    """
    if unknown not in _UNKNOWN_MODES:
        raise ValueError('unknown must be "error" or "ignore"')
    decode = _JSON_DECODERS.get(cls, _UNKNOWN)
    if decode is _UNKNOWN:
        decode = _json_decoder(cls)
    if decode is None:
        data = _parse_json(text)
        if unknown == "ignore" and _newer(data):
            data = _read_newer(data, cls)
        return from_dict(data, cls)
    try:
        return decode(text)
    except Exception:  # noqa: BLE001, S110 - the route below reports every problem
        pass
    # Parsed once more, by msgspec where it gives what json.loads gives, and built by the canonical
    # route straight away: the dict builder refuses what the JSON builder refused.
    return _canonical(_parse_json_fast(text), cls, _hook(cls), unknown)


def _parse_json_fast(text: str | bytes) -> Any:  # noqa: ANN401
    """:func:`_parse_json`, by msgspec's untyped decoder where it succeeds (the same objects, sooner).

    Anything msgspec refuses (``NaN``, a number beyond 64 bits, a byte-order mark, a lone
    surrogate escape, broken JSON) is parsed by :func:`json.loads`, which gives the reference
    result or the located ``SHAPE-JSON`` problem.
    """
    fast = _fast()
    if fast is not None:
        try:
            return fast.parse_json(text)
        except Exception:  # noqa: BLE001, S110 - json.loads below decides, and says where
            pass
    return _parse_json(text)


_UNKNOWN: Any = object()
_JSON_DECODERS: dict[type, Callable[[str | bytes], Any] | None] = {}
"""The msgspec route per class (``None``: no msgspec, or the class takes the canonical route)."""


def _json_decoder(cls: type) -> Callable[[str | bytes], Any] | None:
    fast = _fast()
    decode = None if fast is None else fast.decoder_for(cls)
    _JSON_DECODERS[cls] = decode
    return decode


def _from_json_canonical(text: str | bytes, cls: type[Any]) -> Any:  # noqa: ANN401
    """The reference route, json and cattrs only (the tests and benchmarks compare against it)."""
    return _from_dict_canonical(_parse_json(text), cls)


def _where(exc: json.JSONDecodeError) -> str:
    """The parser's message with its place ("Unterminated string starting at line 1, column 7")."""
    joint = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{joint}line {exc.lineno}, column {exc.colno}"


def _parse_json(text: str | bytes) -> Any:  # noqa: ANN401
    """JSON text as every reader reads it (docs/json.md): a key given twice, NaN, a number too large and a lone
    surrogate are refused (:func:`msp.convert._fast.read_json`), each located; text that is not JSON is located."""
    try:
        return _fast_module().read_json(text)
    except InvalidRecord:
        raise
    except json.JSONDecodeError as exc:
        raise InvalidRecord(
            (
                Problem(
                    code="SHAPE-JSON",
                    path="$",
                    message=f"not valid JSON: {_where(exc)}",
                ),
            )
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise InvalidRecord((Problem(code="SHAPE-JSON", path="$", message="not valid UTF-8 JSON"),)) from None
    except RecursionError:
        raise InvalidRecord((Problem(code="SHAPE-JSON", path="$", message="JSON is nested too deeply"),)) from None


# -- the fast routes ------------------------------------------------------------------------

_FAST: ModuleType | None = None


def _fast_module() -> ModuleType:
    """:mod:`msp.convert._fast`, imported on first use (it is kept out of ``import msp``)."""
    global _FAST  # noqa: PLW0603 - one import, on first use
    if _FAST is None:
        from msp.convert import _fast  # noqa: PLC0415

        _FAST = _fast
    return _FAST


def _fast() -> ModuleType | None:
    """:mod:`msp.convert._fast` where msgspec is installed (the JSON routes), else ``None``."""
    fast = _fast_module()
    return fast if fast.AVAILABLE else None
