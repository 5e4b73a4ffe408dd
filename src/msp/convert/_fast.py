"""Fast routes between records and JSON or dicts, generated from the model's field specs.

:func:`msp.from_json`, :func:`msp.from_dict` and :func:`msp.to_json` take these
routes where they can and fall back to the canonical cattrs route
(:mod:`msp.convert._converter`) whenever a route cannot give *exactly* what the canonical
route gives. Nothing here is public; ``tests/convert/test_fast.py`` holds the routes
equal, and ``tests/convert/test_fast_hides_nothing.py`` holds the records they build to
those ``__init__`` builds.

Everything is generated once per record class from what the model declares about
each field in its spec (:class:`msp.model.spec.FieldSpec`: kind, required, code
list or record class) and from the attrs field itself (default, slot), checked
against the field's annotation (:class:`_Model`):

- **JSON text to records** (needs msgspec, the ``fast`` extra). A msgspec
  ``Struct`` *shadow* with the same keys (unknown keys forbidden), the same
  strict types (text is a JSON string, a flag ``true``/``false``, a code one of
  the list's codes, a list a JSON array), ISO dates and text length limits:
  msgspec checks all that in C while it parses. A generated *builder* then
  makes the attrs record: it does the checks the shadow cannot express (text
  that is only whitespace, the id pattern, date-times, parsed with the
  canonical hook's rule), sets the slots without running the field validators a
  second time, and runs the class's ``__attrs_post_init__`` (dates in order,
  codes that agree), as ``__init__`` does after the validators. msgspec keeps
  the last of a key given twice and says nothing, so the builder counts the keys
  and text values it was given and returns the record only where that proves no
  key was given twice (:func:`_unique_keys`).
- **What JSON is read** (no msgspec needed). :func:`read_json` is ``json.loads``
  refusing, each located, what no route reads (docs/json.md): a key given twice,
  ``NaN``, a number beyond a 64-bit float, a lone surrogate. Every canonical
  reading of JSON text goes through it; :func:`parse_json` (msgspec, untyped)
  gives what it gives, or hands over.
- **Dicts to records** (no msgspec needed). Straight-line code that reads a
  plain ``dict`` as the canonical converter's strict hooks do, checks what
  the validators check and sets the slots; anything that is not plainly
  valid JSON-like data (a ``Mapping`` that is not a ``dict``, a ``date`` object
  where text belongs, a ``str`` subclass) is left to the canonical route.
- **Records to JSON text** (msgspec). A generated function per class builds
  the dict cattrs would (declaration order, defaults left out) and msgspec
  writes it: byte for byte the canonical text.

The builders make each record as ``__init__`` does, minus the validators whose
checks they have already made: an empty object of the class itself
(``object.__new__``), every slot set through its descriptor (attrs' own
``__init__`` for a frozen slotted class stores through the same descriptors, via
``object.__setattr__``), then ``__attrs_post_init__``. No helper class is made:
nothing shows among the classes' subclasses or in a record's type.

Generated code is registered in :mod:`linecache` under a name of its own
(``<msp generated JSON builder msp.model.concern.Concern>``), as attrs does for its
methods, so tracebacks and :func:`inspect.getsource` show its lines.

Anything a route cannot take raises, and :mod:`msp.convert._converter` then takes the
canonical route, which collects *every* problem with its JSON path: errors are
always the canonical ones.

Why not let msgspec decode straight into the attrs classes? It can (and runs
their validators), but it accepts unknown keys silently for non-``Struct``
types, and calls each field validator from Python: on a typical concern
(about 26 objects and 150 fields) that is slower than the shadow and builder.
Why not msgspec's ``pattern`` constraint for ids and blank text? Each match is
a Python call from C; the builder's checks are cheaper.

A field without a spec, or whose spec, annotation and default do not agree,
makes its class (and every class holding it) *unsupported*: those classes always
take the canonical route, so a change to the model can slow the library down but
never make the routes disagree.
"""

from __future__ import annotations

import collections
import functools
import itertools
import json
import linecache
import re
import sys
import threading
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, NamedTuple, NoReturn

import attrs

from msp.codes import CodeList
from msp.convert._scalars import _KEY, SCHEMA_VERSION, _date, _datetime, key_path
from msp.errors import ID_PATTERN, InvalidRecord, Problem
from msp.model import _fields
from msp.model.spec import SPEC, FieldSpec, Kind

try:
    import msgspec
except ImportError:  # pragma: no cover - the fast extra is not installed: no JSON routes
    msgspec = None  # type: ignore[assignment, unused-ignore]

__all__ = [
    "AVAILABLE",
    "Unsupported",
    "decoder_for",
    "dict_builder_for",
    "encoder_for",
    "parse_json",
    "part_builder_for",
    "read_json",
    "read_json_at",
]

AVAILABLE = msgspec is not None
"""msgspec is installed: :func:`decoder_for` and :func:`encoder_for` can return functions."""

_MAX_ID = 64
"""The longest id :data:`msp.errors.ID_PATTERN` accepts."""
_SHORTEST_DATETIME = 16
"""``YYYY-MM-DDTHH:MM``: the canonical hook refuses anything shorter."""


_LOCK = threading.RLock()
"""Held while code is generated: two threads asking for a class at once must not see it half made."""


class Unsupported(Exception):
    """A class a fast route cannot mirror exactly: it takes the canonical route."""


class _Reject(Exception):
    """A builder found a problem: the canonical route will say which."""


def _compile(source: str, env: dict[str, Any], what: str, cls: type) -> None:
    """Run the generated ``source`` in ``env``, its lines registered in :mod:`linecache` first.

    The file name says what the code is and for which class
    (``<msp generated dict builder msp.model.concern.Concern>``); another class of the
    same name gets ``...-1>``, as attrs names its own generated methods.
    """
    base = f"<msp generated {what} {cls.__module__}.{cls.__name__}>"
    filename = base
    for count in itertools.count(1):
        entry = (len(source), None, source.splitlines(keepends=True), filename)
        if linecache.cache.setdefault(filename, entry) == entry:
            break
        filename = f"{base[:-1]}-{count}>"
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - code generated from the model's field specs


def _tag(env: dict[str, Any], cls: type) -> str:
    """A name for ``cls`` in generated code, unique in ``env`` (``_cls_<tag>`` is the class)."""
    name = cls.__name__ if cls.__name__.isidentifier() else "Record"
    tag = name
    for count in itertools.count(2):
        if env.setdefault(f"_cls_{tag}", cls) is cls:
            return tag
        tag = f"{name}_{count}"
    raise AssertionError  # pragma: no cover - itertools.count does not end


# -- the model, as the fast routes see it ---------------------------------------------------
# Every fact comes from the field's spec (msp.model.spec), checked against the annotation.
# Kinds: "id", "text", "date", "datetime", "flag", "integer", "code" (nested: the code list), "part"
# (nested: the record class), and tuples: "many" (records), "texts", "dates", "codes".

_SCALARS: dict[Kind, type] = {
    Kind.ID: str,
    Kind.TEXT: str,
    Kind.DATE: date,
    Kind.DATETIME: datetime,
    Kind.FLAG: bool,
    Kind.INTEGER: int,
}
"""Each scalar kind and the type its annotation must name."""
_ITEMS: dict[object, str] = {str: "texts", date: "dates"}
"""The kind of a tuple of text or dates (tuples of records and codes are told by their item)."""


class _Field(NamedTuple):
    """One field of a record class, as the fast routes see it."""

    name: str
    kind: str
    none_ok: bool
    """``None`` is a valid value (the field is optional with a default of ``None``)."""
    default: Any
    """The attrs default, or :data:`attrs.NOTHING` for a required field."""
    nested: type | None
    """The record class (part, many) or code list (code, codes)."""
    put: Callable[[Any, Any], None]
    """Sets the field's slot on an object of the class (its descriptor's ``__set__``)."""


def _split_optional(hint: Any) -> tuple[Any, bool]:  # noqa: ANN401
    """``X | None`` gives ``(X, True)``, ``X`` gives ``(X, False)``; other unions are unsupported."""
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        args = typing.get_args(hint)
        rest = [a for a in args if a is not NoneType]
        if len(rest) != 1 or len(args) != 2:  # noqa: PLR2004 - exactly X | None
            raise Unsupported(str(hint))
        return rest[0], True
    return hint, False


def _is_code_list(t: object) -> bool:
    """A code list: the canonical converter reads and writes these by code (``msp.convert._converter._code_hook``)."""
    return isinstance(t, type) and issubclass(t, CodeList) and all(type(m.value) is str for m in t)


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The ``__set__`` of the slot ``name`` of ``cls``: the store attrs' ``__init__`` makes, minus the lookup.

    Raises:
        Unsupported: ``name`` is not a plain slot of ``cls``.
    """
    for owner in cls.__mro__:
        if name in owner.__dict__:
            descriptor = owner.__dict__[name]
            if type(descriptor) is types.MemberDescriptorType:
                put: Callable[[Any, Any], None] = descriptor.__set__
                return put
            break
    raise Unsupported(f"{cls.__name__}.{name} is not a slot")


class _Model:
    """The fields of every record class reachable from the ones asked for."""

    def __init__(self) -> None:
        self._fields: dict[type, tuple[_Field, ...]] = {}
        self._unsupported: dict[type, str] = {}
        self._making: set[type] = set()
        self.siblings: dict[type, type | None] = {}
        """Each supported class's sibling (:func:`_sibling`), or ``None`` (slots set through descriptors)."""

    def fields(self, cls: type) -> tuple[_Field, ...]:
        """The fields of ``cls``, every nested class checked too.

        Raises:
            Unsupported: ``cls`` or a class it holds cannot be mirrored exactly.
        """
        found = self._fields.get(cls)
        if found is not None:
            return found
        if cls in self._unsupported:
            raise Unsupported(self._unsupported[cls])
        if cls in self._making:
            raise Unsupported(f"{cls.__name__} contains itself")
        self._making.add(cls)
        try:
            made = self._read(cls)
        except Unsupported as exc:
            self._unsupported[cls] = str(exc)
            raise
        finally:
            self._making.discard(cls)
        self._fields[cls] = made
        return made

    def _read(self, cls: type) -> tuple[_Field, ...]:
        if not attrs.has(cls) or "__slots__" not in cls.__dict__:
            raise Unsupported(f"{cls.__name__} is not a slotted attrs class")
        if getattr(cls, "__attrs_pre_init__", None) is not None:
            raise Unsupported(f"{cls.__name__} has __attrs_pre_init__")
        if cls.__new__ is not object.__new__:  # the builders make an empty object with object.__new__
            raise Unsupported(f"{cls.__name__} has its own __new__")
        try:
            hints = typing.get_type_hints(cls)
        except Exception as exc:  # noqa: BLE001 - any failure to resolve means: not mirrored
            raise Unsupported(f"{cls.__name__}: annotations ({type(exc).__name__})") from None
        fields = tuple(self._field(cls, field, hints[field.name]) for field in attrs.fields(cls))
        slots = {slot for k in cls.__mro__ for slot in k.__dict__.get("__slots__", ())} - {"__weakref__"}
        if slots != {f.name for f in fields}:  # a slot __init__ fills that is not a field (cache_hash)
            raise Unsupported(f"{cls.__name__}: slots that are not fields")
        self.siblings[cls] = _sibling(cls, fields)
        return fields

    def _field(self, cls: type, field: attrs.Attribute[Any], hint: Any) -> _Field:  # noqa: ANN401
        where = f"{cls.__name__}.{field.name}"
        spec = field.metadata.get(SPEC)
        if not isinstance(spec, FieldSpec):
            raise Unsupported(f"{where}: no field spec")
        converter: object = field.converter  # keep_tuple only (a sequence kept as a tuple): the builders make tuples
        if (
            not field.init
            or (converter is not None and converter is not _fields.keep_tuple)
            or field.alias != field.name
        ):
            raise Unsupported(f"{where}: init=False, a converter or an alias")
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise Unsupported(f"{where}: a default factory")
        if spec.required is not (field.default is attrs.NOTHING):
            raise Unsupported(f"{where}: the spec and the default disagree")
        base, optional = _split_optional(hint)
        kind, nested = self._kind(where, spec, base)
        # The field factories' validators take None exactly where the field is optional with a
        # default of None; cattrs gives None only where the annotation allows it.
        if optional is not (field.default is None and kind not in {"many", "texts", "dates", "codes"}):
            raise Unsupported(f"{where}: None allowed by the annotation and the default differently")
        if field.default is not attrs.NOTHING and (
            (kind in {"many", "texts", "dates", "codes"} and field.default != ()) or (kind == "part" and not optional)
        ):  # the builders give a tuple left out as (), a record left out as None
            raise Unsupported(f"{where}: a default the builders do not give")
        return _Field(
            name=field.name,
            kind=kind,
            none_ok=optional,
            default=field.default,
            nested=nested,
            put=_slot_setter(cls, field.name),
        )

    def _kind(self, where: str, spec: FieldSpec, base: Any) -> tuple[str, type | None]:  # noqa: ANN401
        """The kind of field the spec declares, and its code list or record class, checked against the annotation."""
        kind = spec.kind
        if kind in _SCALARS:
            if base is not _SCALARS[kind]:
                raise Unsupported(f"{where}: the spec and the annotation disagree")
            return kind.value, None
        if kind is Kind.CODE and base is spec.code_list and _is_code_list(base):
            return "code", base
        if kind is Kind.PART and base is spec.record and spec.record is not None:
            self.fields(spec.record)
            return "part", spec.record
        if kind is Kind.MANY and typing.get_origin(base) is tuple and typing.get_args(base) == (spec.item, Ellipsis):
            item = spec.item
            if spec.record is not None:
                self.fields(spec.record)
                return "many", spec.record
            if item in _ITEMS:
                return _ITEMS[item], None
            if _is_code_list(item):
                return "codes", item
        raise Unsupported(f"{where}: the spec ({kind.value}) and the annotation disagree")


def _sibling(cls: type, fields: tuple[_Field, ...]) -> type | None:
    """A class beside ``cls`` under the model's private base, or ``None`` where ``cls`` has not that base.

    Its objects have the layout of ``cls`` objects and take plain assignment (one
    specialised store a slot, against a call to the slot's descriptor); a builder makes
    the record as the sibling, sets its slots and assigns ``__class__`` before
    ``__attrs_post_init__`` runs. The sibling shows among the private base's
    subclasses, never among the record class's.
    """
    if cls.__bases__ != (_fields.Record,):  # the model's private base: siblings need it
        return None
    sibling = type(
        f"{cls.__name__}Sibling",
        (_fields.Record,),
        {"__slots__": tuple(f.name for f in fields), "__init__": object.__init__, "__module__": __name__},
    )
    try:
        sibling().__class__ = cls
    except TypeError:
        return None
    return sibling


_MODEL = _Model()


def _texts_ok(values: tuple[str, ...]) -> bool:
    return not any(v.isspace() for v in values)


# -- what JSON is read ---------------------------------------------------------------------
# Every route reads the same JSON: RFC 8259 text, less what cannot be held or written back
# (I-JSON, RFC 7493): an object giving a key twice, NaN and Infinity, a number beyond a 64-bit
# float, a lone surrogate. read_json and read_json_at are json's decoder with hooks that stop at
# the first of these (the clean case costs a hook call per object); a text that has one is read
# again with hooks that mark each, and a walk of the result locates them by JSON path.
# docs/json.md says what is read and why.

_MAX_FLOAT = sys.float_info.max
"""The largest 64-bit float: a number beyond it either side of 0 is refused."""
_FLOAT_DIGITS = len(str(int(_MAX_FLOAT)))
"""309: a whole number of more digits is beyond :data:`_MAX_FLOAT`; one of 309 may be."""
_INFINITIES = (float("inf"), float("-inf"))
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A ``\\ud800``-``\\udfff`` escape: half of a pair, or a lone surrogate."""


class _Found(Exception):
    """A checking hook met something :func:`read_json` refuses: the text is read again, marking, to locate it."""


class _Refused:
    """A value read in place of a number that is refused: what to say about it."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Repeated(dict):  # type: ignore[type-arg]
    """An object that gave keys more than once: the keys and how often, in the order they first came."""

    __slots__ = ("repeated",)
    repeated: tuple[tuple[str, int], ...]


def _too_large(digits: str) -> bool:
    """A whole number (``-`` and digits, as JSON writes it) beyond :data:`_MAX_FLOAT`; at most 309 digits converted."""
    n = len(digits) - digits.startswith("-")
    return n > _FLOAT_DIGITS or (n == _FLOAT_DIGITS and abs(int(digits)) > _MAX_FLOAT)


def _check_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Found
    return found


def _check_constant(_: str) -> NoReturn:
    raise _Found


def _check_int(digits: str) -> int:
    if len(digits) >= _FLOAT_DIGITS and _too_large(digits):
        raise _Found
    return int(digits)


def _check_float(text: str) -> float:
    value = float(text)
    if value in _INFINITIES:
        raise _Found
    return value


def _mark_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Repeated(found)
    counts = collections.Counter(key for key, _ in pairs)
    marked.repeated = tuple((key, n) for key, n in counts.items() if n > 1)
    return marked


def _mark_constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a JSON number (JSON has no NaN or Infinity): write null, or leave the field out")


def _mark_int(digits: str) -> int | _Refused:
    if len(digits) >= _FLOAT_DIGITS and _too_large(digits):
        n = len(digits) - digits.startswith("-")
        return _Refused(
            f"a whole number of {n:,} digits is too large to read: JSON numbers are read up to 1.8e308 "
            "either side of 0 (the largest 64-bit float, RFC 7493)"
        )
    return int(digits)


def _mark_float(text: str) -> float | _Refused:
    value = float(text)
    if value in _INFINITIES:
        return _Refused(
            "a number too large to read: JSON numbers are read up to 1.8e308 either side of 0 "
            "(the largest 64-bit float, RFC 7493)"
        )
    return value


_CHECKING = json.JSONDecoder(
    object_pairs_hook=_check_pairs, parse_constant=_check_constant, parse_int=_check_int, parse_float=_check_float
)
_MARKING = json.JSONDecoder(
    object_pairs_hook=_mark_pairs, parse_constant=_mark_constant, parse_int=_mark_int, parse_float=_mark_float
)


def _locate(value: Any, *, surrogates: bool) -> tuple[Problem, ...]:  # noqa: ANN401 - any JSON value
    """Every refused thing in ``value`` (read with :data:`_MARKING`), in document order, by JSON path.

    ``surrogates``: look for lone surrogates in keys and text too. A walk with a stack
    of its own, so that no nesting json could read is too deep for it.
    """
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("$", value)]
    while stack:
        path, item = stack.pop()
        kind = type(item)
        if kind is dict or kind is _Repeated:
            if kind is _Repeated:
                problems.extend(_repeated(path, key, n) for key, n in item.repeated)
            stack.extend(reversed(_members(path, item, surrogates=surrogates)))
        elif kind is list:
            stack.extend(reversed([(f"{path}[{i}]", child) for i, child in enumerate(item)]))
        elif kind is _Refused:
            problems.append(Problem(code="SHAPE-JSON", path=path, message=item.message))
        elif item is _LONE_KEY_HERE or (kind is str and surrogates and _fields.has_lone_surrogate(item)):
            # A pair of escapes is read as one character, so any surrogate left is alone.
            message = _LONE_MESSAGE.format("a key" if item is _LONE_KEY_HERE else "text")
            problems.append(Problem(code="SHAPE-ENCODING", path=path, message=message))
    return tuple(problems)


def _repeated(path: str, key: str, n: int) -> Problem:
    shown = f"the key {key!r}" if _KEY.match(key) else "a key"
    message = f"{shown} is given {n} times in this object: which value is meant cannot be known (give each key once)"
    return Problem(code="SHAPE-JSON", path=key_path(path, key), message=message)


def _members(path: str, item: dict[str, Any], *, surrogates: bool) -> list[tuple[str, Any]]:
    """An object's values by path, in order; a key with a lone surrogate is marked before its value."""
    found: list[tuple[str, Any]] = []
    for key, child in item.items():
        where = key_path(path, key)
        if surrogates and _fields.has_lone_surrogate(key):
            found.append((where, _LONE_KEY_HERE))
        found.append((where, child))
    return found


_LONE_KEY_HERE = object()
"""Put on :func:`_locate`'s stack for a key with a lone surrogate."""
_LONE_MESSAGE = (
    "{} with a lone surrogate (a \\ud800-\\udfff escape that is not half of a pair): "
    "it is not a character and cannot be written as UTF-8"
)
"""What :func:`_locate` says of text (``"text"``) or a key (``"a key"``) with a lone surrogate."""


def _may_hold_surrogate(text: str) -> bool:
    """``text`` may read as text with a lone surrogate: it has a surrogate escape, or a surrogate itself."""
    return ("\\u" in text and _SURROGATE_ESCAPE.search(text) is not None) or _fields.has_lone_surrogate(text)


def _may_hold_surrogate_escape(text: str, start: int, end: int) -> bool:
    return text.find("\\u", start, end) != -1 and _SURROGATE_ESCAPE.search(text, start, end) is not None


def read_json(text: str | bytes) -> Any:  # noqa: ANN401 - any JSON value
    """JSON text to Python values, as :func:`json.loads` reads it, refusing what this library does not read.

    Refused, each located by JSON path (docs/json.md): an object that gives a key more than
    once (``SHAPE-JSON`` at the key), ``NaN``, ``Infinity`` and ``-Infinity``, a number
    beyond 1.8e308 either side of 0 (``SHAPE-JSON``), text or a key holding a lone
    surrogate (``SHAPE-ENCODING``). Bytes are decoded as :func:`json.loads` decodes them.

    Raises:
        InvalidRecord: with every refused thing, each located (no record id: the text was not read).
        json.JSONDecodeError: not JSON, as :func:`json.loads` raises it; so too
            ``UnicodeDecodeError``, ``RecursionError`` and ``TypeError``.
    """
    if isinstance(text, (bytes, bytearray)):
        text = text.decode(json.detect_encoding(text), "surrogatepass")
    elif not isinstance(text, str):
        msg = f"the JSON object must be str, bytes or bytearray, not {type(text).__name__}"
        raise TypeError(msg)
    elif text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    try:
        value = _CHECKING.decode(text)
    except _Found:
        value = _MARKING.decode(text)
        problems = _locate(value, surrogates=_may_hold_surrogate(text))
    else:
        if not _may_hold_surrogate(text):
            return value
        problems = _locate(value, surrogates=True)
    if problems:
        raise InvalidRecord(problems)
    return value


def read_json_at(text: str, start: int) -> tuple[Any, int, tuple[Problem, ...]]:
    """:func:`read_json` for the value at ``start`` of ``text`` (:meth:`json.JSONDecoder.raw_decode`).

    Lone surrogates are looked for where an escape writes them: surrogates in ``text`` itself
    are the caller's to report (a reader decoding bytes with ``surrogateescape`` reports them
    as bytes that are not UTF-8).

    Returns:
        The value, where it ends, and what in it is refused (located as :func:`read_json` locates it).

    Raises:
        json.JSONDecodeError: not JSON (or not yet all of it), as ``raw_decode`` raises it.
    """
    try:
        value, end = _CHECKING.raw_decode(text, start)
    except _Found:
        value, end = _MARKING.raw_decode(text, start)
        return value, end, _locate(value, surrogates=_may_hold_surrogate_escape(text, start, end))
    if _may_hold_surrogate_escape(text, start, end):
        return value, end, _locate(value, surrogates=True)
    return value, end, ()


# -- JSON text to records (msgspec) ---------------------------------------------------------


_LEFT_OUT = msgspec.UNSET if AVAILABLE else None
"""The shadows' default: what msgspec gives a field whose key the text left out."""


class _Shadows:
    """Shadows for every class reachable from the ones asked for, and the builders that read them.

    ``check_keys=False`` makes shadows and builders without the proof that no key was given
    twice (:func:`_unique_keys`): a field left out takes its default in the shadow itself, and
    nothing is counted. Only benchmarks measuring what the proof costs ask for them.
    """

    def __init__(self, *, check_keys: bool = True) -> None:
        self.check_keys = check_keys
        self.structs: dict[type, type[msgspec.Struct]] = {}
        self._types: dict[str, Any] = {
            "text": Annotated[str, msgspec.Meta(min_length=1, max_length=_fields.MAX_TEXT)],
            "id": Annotated[str, msgspec.Meta(min_length=1, max_length=_MAX_ID)],
            "datetime": Annotated[str, msgspec.Meta(min_length=_SHORTEST_DATETIME)],
            "date": date,
            "flag": bool,
            "integer": Annotated[int, msgspec.Meta(ge=-_fields.MAX_INTEGER, le=_fields.MAX_INTEGER)],
        }

    def struct(self, cls: type) -> type[msgspec.Struct]:
        """The shadow of ``cls`` (made on first use).

        Raises:
            Unsupported: ``cls`` cannot be mirrored exactly.
        """
        found = self.structs.get(cls)
        if found is not None:
            return found
        fields = _MODEL.fields(cls)
        struct: type[msgspec.Struct] = msgspec.defstruct(
            f"{cls.__name__}Shadow",
            # A field left out of the text is UNSET (the builder gives it its default), so that the shadow,
            # written again, holds exactly the keys the text gave (_unique_keys).
            [(f.name, self._type(f), self._default(f)) for f in fields],
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
            module=__name__,
        )
        self.structs[cls] = struct
        return struct

    def _default(self, f: _Field) -> Any:  # noqa: ANN401
        if f.default is attrs.NOTHING:
            return msgspec.NODEFAULT
        return _LEFT_OUT if self.check_keys else f.default

    def _type(self, f: _Field) -> Any:  # noqa: ANN401
        kind = f.kind
        if kind in self._types:
            shadow = self._types[kind]
        elif kind == "code":
            shadow = f.nested
        elif kind == "part":
            shadow = self.struct(f.nested)  # type: ignore[arg-type]
        elif kind == "many":
            shadow = tuple[self.struct(f.nested), ...]  # type: ignore[arg-type, misc]
        elif kind == "texts":
            text = self._types["text"]
            shadow = tuple[text, ...]  # type: ignore[valid-type]
        elif kind == "dates":
            shadow = tuple[date, ...]
        else:  # codes
            shadow = tuple[f.nested, ...]  # type: ignore[name-defined]
        return (shadow | None) if f.none_ok else shadow

    def reader(self, cls: type, decode: Callable[[bytes | str], Any]) -> Callable[[bytes | str], Any]:
        """The function from JSON text (``decode`` makes the shadow) to a ``cls`` record."""
        self.struct(cls)
        env: dict[str, Any] = {
            "_Reject": _Reject,
            "_id_match": ID_PATTERN.match,
            "_fromiso": datetime.fromisoformat,
            "_texts": _texts_ok,
            "_decode": decode,
            "_UNSET": msgspec.UNSET,
            "_unique": _unique_keys,
        }
        # n: schema_version's key, then every text the record gave (counted as it is built)
        lines = ["def build(text):", "    s0 = _decode(text)", "    n = 1"]
        lines += self._emit(cls, "0", "    ", env, itertools.count(1))
        # The record is built; it is returned only where the text gave no key twice in one object.
        tail = ["    if _unique(text, s0, n):", "        return o0", "    raise _Reject", ""]
        if not self.check_keys:
            lines.remove("    n = 1")
            tail = ["    return o0", ""]
        _compile("\n".join([*lines, *tail]), env, "JSON builder", cls)
        build: Callable[[bytes | str], Any] = env["build"]
        return build

    def _emit(self, cls: type, n: str, pad: str, env: dict[str, Any], counter: Iterator[int]) -> list[str]:
        """Lines that build ``o<n>``, a ``cls`` record, from the shadow ``s<n>``.

        The record is made empty (``object.__new__``), its slots set through their
        descriptors (:func:`_slot_setter`), then its ``__attrs_post_init__`` runs: what
        attrs' ``__init__`` does, minus the validators whose checks these lines make.
        Nested records, single or in a tuple, are built inline (function calls fewer).
        """
        tag = _tag(env, cls)
        o = f"o{n}"
        sibling = _MODEL.siblings[cls]
        if sibling is None:
            env[f"_new_{tag}"] = functools.partial(object.__new__, cls)  # one global and a tuple fewer than _new(cls)
        else:
            env[f"_new_{tag}"] = sibling
        out = [f"{pad}{o} = _new_{tag}()"]
        # n counts the texts (keys and text values) of what the text gave, for _unique_keys: a
        # required field's once for the object, a field with a default's where it was given.
        given = sum(_texts_of(f) for f in _MODEL.fields(cls) if f.default is attrs.NOTHING)
        if given and self.check_keys:
            out.append(f"{pad}n += {given}")
        for f in _MODEL.fields(cls):
            if sibling is None:
                env[f"_put_{tag}_{f.name}"] = f.put
                store = functools.partial("_put_{0}_{1}({2}, {3})".format, tag, f.name, o)
            else:
                store = functools.partial("{0}.{1} = {2}".format, o, f.name)
            if f.kind == "part" and f.nested is not None:
                out.extend(self._emit_part(f, f.nested, n, pad, env, counter, store))
                continue
            if f.kind == "many" and f.nested is not None:
                out.extend(self._emit_many(f, f.nested, n, pad, env, counter, store))
                continue
            default = _default(f, tag, env) if self.check_keys else None  # else: the shadow gives the default
            out.extend(pad + line for line in _shadow_steps(f, f"s{n}", store, default, counted=self.check_keys))
        if sibling is not None:
            out.append(f"{pad}{o}.__class__ = _cls_{tag}")
        post = getattr(cls, "__attrs_post_init__", None)
        if post is not None:
            env[f"_post_{tag}"] = post
            out.append(f"{pad}_post_{tag}({o})")
        return out

    def _emit_part(  # noqa: PLR0917 - what _emit has
        self,
        f: _Field,
        nested: type,
        n: str,
        pad: str,
        env: dict[str, Any],
        counter: Iterator[int],
        store: Callable[[str], str],
    ) -> list[str]:
        """Lines that build the record of field ``f`` of ``o<n>`` inline and set it (``None``: null or left out)."""
        self.struct(nested)
        m = str(next(counter))
        out = [f"{pad}s{m} = s{n}.{f.name}"]
        if not f.none_ok:
            return [*out, *self._emit(nested, m, pad, env, counter), f"{pad}{store(f'o{m}')}"]
        if not self.check_keys:
            out.extend((f"{pad}if s{m} is None:", f"{pad}    {store('None')}", f"{pad}else:"))
        else:
            out.extend((f"{pad}if s{m} is None or s{m} is _UNSET:", f"{pad}    {store('None')}"))
            out.extend((f"{pad}    if s{m} is None:", f"{pad}        n += 1", f"{pad}else:", f"{pad}    n += 1"))
        return [*out, *self._emit(nested, m, pad + "    ", env, counter), f"{pad}    {store(f'o{m}')}"]

    def _emit_many(  # noqa: PLR0917 - what _emit has
        self,
        f: _Field,
        nested: type,
        n: str,
        pad: str,
        env: dict[str, Any],
        counter: Iterator[int],
        store: Callable[[str], str],
    ) -> list[str]:
        """Lines that build the tuple of records of field ``f`` of ``o<n>`` and set it.

        Each record of the tuple is built inline in a loop: a call from C (map) to a Python
        builder costs more than the loop. ``()`` stays the shared empty tuple, as attrs'
        default and cattrs give it.
        """
        self.struct(nested)
        m = str(next(counter))
        optional = f.default is not attrs.NOTHING and self.check_keys  # counted where given
        out = [f"{pad}v = s{n}.{f.name}", f"{pad}if v:", *([f"{pad}    n += 1"] if optional else [])]
        out.extend((f"{pad}    t{m} = []", f"{pad}    for s{m} in v:"))
        out.extend(self._emit(nested, m, pad + "        ", env, counter))
        out.extend((f"{pad}        t{m}.append(o{m})", f"{pad}    {store(f'tuple(t{m})')}", f"{pad}else:"))
        if optional:  # [] given, or left out (UNSET)
            out.extend((f"{pad}    if v is not _UNSET:", f"{pad}        n += 1"))
        return [*out, f"{pad}    {store('()')}"]


def _default(f: _Field, tag: str, env: dict[str, Any]) -> str | None:
    """The expression of ``f``'s default in generated code (put in ``env`` where need be), ``None`` if required."""
    if f.default is None or f.default == ():
        return repr(f.default)
    if f.default is attrs.NOTHING:
        return None
    name = f"_default_{tag}_{f.name}"
    env[name] = f.default
    return name


def _shadow_steps(
    f: _Field, s: str, store: Callable[[str], str], default: str | None, *, counted: bool = True
) -> list[str]:
    """The lines for one field of shadow ``s``: check what the shadow could not, then set the slot of ``o``.

    ``default`` is the expression of the field's default (``None`` for a required field, or where
    the shadow gives the default itself): a key the text left out reads as ``UNSET`` in the shadow
    and takes it. ``counted``: count the texts the field gave in ``n`` (:func:`_unique_keys`).
    """
    name, kind = f.name, f.kind
    guard = "v is not None and " if f.none_ok else ""
    if kind == "text":  # not only whitespace (the same test as ``not value.strip()``)
        check = [f"if {guard}v.isspace():", "    raise _Reject"]
    elif kind == "id":  # all letters and digits, else the full pattern
        check = [f"if {guard}not (v.isascii() and v.isalnum()) and _id_match(v) is None:", "    raise _Reject"]
    elif kind == "datetime":  # as msp.convert._converter._datetime: Z is UTC, an offset is required
        check = [
            "if v[-1] in 'Zz':",
            "    v = v[:-1] + '+00:00'",
            "v = _fromiso(v)",
            "if v.tzinfo is None:",
            "    raise _Reject",
        ]
        if f.none_ok:
            check = ["if v is not None:", *_indent(check)]
    elif kind == "texts":
        check = ["if v and not _texts(v):", "    raise _Reject"]
    elif default is None and kind not in _TUPLES_OF_TEXT:
        return [store(f"{s}.{name}")]  # date, flag, integer, code: proved by the shadow
    else:
        check = []  # date, flag, integer, code, dates, codes: proved by the shadow
    if default is None:  # required: its key and text values are counted for its object, but a tuple's items
        count = ["n += len(v)"] if kind in _TUPLES_OF_TEXT and counted and f.default is attrs.NOTHING else []
        return [f"v = {s}.{name}", *count, *check, store("v")]
    left_out = ["if v is _UNSET:", f"    v = {default}"]
    return [f"v = {s}.{name}", *left_out, "else:", f"    n += {_texts_given(f)}", *_indent(check), store("v")]


_TEXT_KINDS = frozenset({"id", "text", "datetime", "date", "code"})
"""The kinds of field whose value JSON writes as text (a date, a code)."""
_TUPLES_OF_TEXT = frozenset({"texts", "dates", "codes"})


def _texts_of(f: _Field) -> int:
    """The texts a required field ``f`` gives: its key, and its value where that is text (not its tuple's items)."""
    return 2 if f.kind in _TEXT_KINDS else 1


def _texts_given(f: _Field) -> str:
    """The texts field ``f`` gives where the text gave it (as ``v``): its key, and its text values."""
    if f.kind in _TEXT_KINDS:
        return "1 + (v is not None)" if f.none_ok else "2"
    if f.kind in _TUPLES_OF_TEXT:
        return "1 + len(v)"
    return "1"  # a flag, a whole number, a record or a tuple of records (whose own are counted as they are built)


_SHADOWS = _Shadows() if AVAILABLE else None
_DECODERS: dict[type, Callable[[bytes | str], Any] | None] = {}


_UNTYPED = msgspec.json.Decoder() if AVAILABLE else None
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * _FLOAT_DIGITS
"""309 digits in a row (once every digit is read as 0): a number that may be beyond a 64-bit float."""


def _unique_keys(text: bytes | str, shadow: Any, texts: int) -> bool:  # noqa: ANN401 - a shadow Struct
    r"""No object in ``text`` gives a key twice: proved from what msgspec read, else checked by :func:`read_json`.

    msgspec keeps the last of a key given twice and says nothing, so this is proved, cheapest
    proof first. ``texts`` is what the generated builder counted while it built the record
    from ``shadow``: the keys the text gave (a key it left out is ``UNSET`` in the shadow) and
    the text values that came with them (ids, text, dates, codes; ``null`` is none). Every
    ``"`` in JSON text opens or closes a key or a text value, or is a ``"`` inside one written
    ``\"``; a key given twice brings the quotes of its first key and value, which msgspec dropped.

    1. The text has exactly two quotes for each key and text value counted: then it gave
       nothing more than was kept, so no key twice. This holds for text written in any
       way (compact, spaced, indented, with escapes) but with a ``\"`` inside a text value.
    2. Else ``shadow`` is written again by msgspec (the keys the text gave, each once, and
       their values): the text is as long as that (msgspec writes each character in its
       shortest form and nothing between tokens, and a record holds no number it could write
       shorter), or has as many quotes, none escaped ``\u0022`` (:func:`_same_strings`).
    3. Else the text is read again by :func:`read_json`, which finds a key given twice or not.

    docs/performance.md ("Duplicate keys") gives what this costs.
    """
    if type(text) is bytes:
        if text.count(b'"') == 2 * texts:
            return True
        written = _written(shadow)
        if len(text) == len(written) or _same_strings(text, written):
            return True
    elif type(text) is str:
        if text.count('"') == 2 * texts:
            return True
        written = _written(shadow)
        if (text.isascii() and len(text) == len(written)) or _same_strings(text, written):
            return True
    else:
        text = bytes(typing.cast("Any", text))  # a bytearray or memoryview: read it as bytes
    try:
        read_json(text)
    except Exception:  # noqa: BLE001 - a key given twice (or anything else): not proved
        return False
    return True


def _written(value: Any) -> bytearray:  # noqa: ANN401 - what msgspec read
    """``value`` written by msgspec, into this thread's buffer (used again, not made anew each time)."""
    try:
        buffer: bytearray = _BUFFER.written
    except AttributeError:
        buffer = _BUFFER.written = bytearray()
    _ENCODE_INTO(value, buffer)  # type: ignore[misc]
    return buffer


_BUFFER = threading.local()
_ENCODE_INTO = msgspec.json.Encoder().encode_into if AVAILABLE else None


def _same_strings(text: bytes | str, written: bytes | bytearray) -> bool:
    r"""``text`` has as many quotes as ``written`` (msgspec's writing of what it read from it), none as ``\u0022``.

    Every ``"`` in JSON text opens or closes a text (a key or a value), or is a ``"`` inside
    one, written ``\"`` or ``\u0022``. msgspec writes each text it kept with its two quotes and
    each ``"`` in it as ``\"``. Where the text has no ``\u0022``, the two have as many quotes
    only if every text the text holds was kept: no key was given twice (a key given twice
    loses its first key and value). Numbers, spaces and line breaks hold no quote.
    """
    if isinstance(text, str):
        return text.count('"') == written.count(b'"') and not ("\\" in text and "\\u0022" in text)
    return text.count(b'"') == written.count(b'"') and not (b"\\" in text and b"\\u0022" in text)


def parse_json(text: bytes | str) -> Any:  # noqa: ANN401 - any JSON value
    """JSON text to Python values, by msgspec's untyped decoder, where that gives what :func:`read_json` gives.

    Where it succeeds it gives what :func:`read_json` (and :func:`json.loads`) gives: the
    same dicts, lists, numbers and strings. It raises where they would not give the same,
    or where :func:`read_json` would refuse the text: a key given twice in an object (or
    not proved otherwise, :func:`_same_strings`), ``NaN`` and ``Infinity``, numbers beyond a
    64-bit float (or a run of 309 digits anywhere), lone surrogate escapes, a byte-order
    mark. The caller then reads the text with :func:`read_json`, which decides.

    Raises:
        RuntimeError: msgspec is not installed.
    """
    if _UNTYPED is None:
        msg = "msgspec is not installed"
        raise RuntimeError(msg)
    value = _UNTYPED.decode(text)
    if type(text) is not bytes and type(text) is not str:
        raise _Reject
    if not _same_strings(text, _written(value)):
        raise _Reject
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    if _LONG_NUMBER in raw.translate(_DIGITS_AS_ZERO):  # json reads it as a number too large, or not
        raise _Reject
    return value


def decoder_for(cls: type) -> Callable[[bytes | str], Any] | None:
    """A function from JSON text to a ``cls`` record, or ``None`` (no msgspec, or ``cls`` unsupported).

    The function raises on anything it cannot take (msgspec's errors, ``ValueError``
    from a date-time, :class:`msp.errors.InvalidRecord` from a cross-field check):
    the caller then takes the canonical route, which reports the problems.
    """
    try:
        return _DECODERS[cls]
    except KeyError:
        pass
    if _SHADOWS is None:
        return None
    with _LOCK:
        if cls in _DECODERS:
            return _DECODERS[cls]
        try:
            from_json = _decoder(cls)
        except Unsupported:
            _DECODERS[cls] = None
            return None
        _DECODERS[cls] = from_json
        return from_json


def _decoder(cls: type, *, check_keys: bool = True) -> Callable[[bytes | str], Any]:
    """A new function from JSON text to a ``cls`` record (:func:`decoder_for` keeps one per class).

    ``check_keys=False``: without the proof that no key was given twice, for benchmarks only
    (benchmarks/bench_convert.py measures what the proof costs).

    Raises:
        Unsupported: ``cls`` cannot be mirrored exactly.
        RuntimeError: msgspec is not installed.
    """
    if _SHADOWS is None:
        msg = "msgspec is not installed"
        raise RuntimeError(msg)
    with _LOCK:
        shadows = _SHADOWS if check_keys else _Shadows(check_keys=False)
        root = msgspec.defstruct(
            f"{cls.__name__}Document",
            [("schema_version", Literal[SCHEMA_VERSION])],  # the current version, nothing else
            bases=(shadows.struct(cls),),
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
            module=__name__,
        )
        return shadows.reader(cls, msgspec.json.Decoder(root).decode)


# -- dicts to records (no msgspec needed) ---------------------------------------------------
# The canonical converter's strict hooks, for plain JSON-like data only: a value of any other
# type (a date object, an enum member, a str subclass, a Mapping that is not a dict) is
# refused here and read by the canonical route. Dates and date-times go through the
# canonical hooks themselves.

_MISSING = object()


class _DictBuilders:
    def __init__(self) -> None:
        self.builders: dict[type, Callable[[Any], Any]] = {}
        self.documents: dict[type, Callable[[Any], Any]] = {}

    def builder(self, cls: type) -> Callable[[Any], Any]:
        """The function from a dict to a ``cls`` record (made on first use).

        Raises:
            Unsupported: ``cls`` cannot be mirrored exactly.
        """
        found = self.builders.get(cls)
        if found is not None:
            return found

        fields = _MODEL.fields(cls)
        keys = frozenset(f.name for f in fields)
        env: dict[str, Any] = {
            "_Reject": _Reject,
            "_MISSING": _MISSING,
            "_id_match": ID_PATTERN.match,
            "_date": _date,
            "_datetime": _datetime,
            "_keys": keys,
            "_document_keys": keys | {"schema_version"},
            "_MAX_TEXT": _fields.MAX_TEXT,
            "_lone": _fields.has_lone_surrogate,
            "_MAX_ID": _MAX_ID,
            "_MAX_INTEGER": _fields.MAX_INTEGER,
        }
        sibling = _MODEL.siblings[cls]
        env["_new"] = functools.partial(object.__new__, cls) if sibling is None else sibling
        body = ["    o = _new()"]  # made empty, its slots set through their descriptors, as in _Shadows._emit
        for f in fields:
            env[f"_put_{f.name}"] = f.put
            if f.kind in {"part", "many"} and f.nested is not None:
                env[f"_build_{f.name}"] = self.builder(f.nested)
            if f.kind in {"code", "codes"} and f.nested is not None:
                env[f"_codes_{f.name}"] = {m.value: m for m in typing.cast("type[Enum]", f.nested)}
            if f.default is not attrs.NOTHING and f.default is not None:
                env[f"_default_{f.name}"] = f.default
            body.extend("    " + line for line in _dict_steps(f, plain=sibling is not None))
        if sibling is not None:
            env["_cls"] = cls
            body.append("    o.__class__ = _cls")
        post = getattr(cls, "__attrs_post_init__", None)
        if post is not None:
            env["_post"] = post
            body.append("    _post(o)")
        body.append("    return o")
        source = [
            "def build(d):",
            "    if type(d) is not dict or not _keys.issuperset(d):",
            "        raise _Reject",
            *body,
            "",
            "def document(d):",
            "    if type(d) is not dict or not _document_keys.issuperset(d):",
            "        raise _Reject",
            "    v = d.get('schema_version', _MISSING)",
            f"    if type(v) is not int or v != {SCHEMA_VERSION}:",  # as msp.convert._converter.from_dict checks it
            "        raise _Reject",
            *body,
        ]
        _compile("\n".join([*source, ""]), env, "dict builder", cls)
        build: Callable[[Any], Any] = env["build"]
        self.builders[cls] = build
        self.documents[cls] = env["document"]
        return build


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _dict_steps(f: _Field, *, plain: bool) -> list[str]:
    """The lines that read field ``f`` from ``d``, check it as the canonical hooks and validators do, and set it."""
    name = f.name
    check = _dict_check(f)
    if f.none_ok:  # null is None, as cattrs' Optional hook gives it
        check = ["if v is not None:", *_indent(check)]
    done = f"o.{name} = v" if plain else f"_put_{name}(o, v)"
    if f.default is attrs.NOTHING:  # required: missing is a problem
        return [f"v = d.get({name!r}, _MISSING)", "if v is _MISSING:", "    raise _Reject", *check, done]
    if f.default is None:  # missing and null are both None
        return [f"v = d.get({name!r})", *check, done]
    # missing is the default; anything present is checked
    return [
        f"v = d.get({name!r}, _MISSING)",
        "if v is _MISSING:",
        f"    v = _default_{name}",
        "else:",
        *_indent(check),
        done,
    ]


def _dict_check(f: _Field) -> list[str]:  # noqa: C901, PLR0911 - a return per kind
    """Lines that check ``v`` and turn it into the field's value."""
    name, kind = f.name, f.kind
    if kind == "id":
        return [
            "if type(v) is not str or not (",
            "    (v.isascii() and v.isalnum() and len(v) <= _MAX_ID) or _id_match(v) is not None",
            "):",
            "    raise _Reject",
        ]
    if kind == "text":
        return ["if type(v) is not str or not v or v.isspace() or len(v) > _MAX_TEXT or _lone(v):", "    raise _Reject"]
    if kind == "date":
        return ["v = _date(v, None)"]
    if kind == "datetime":
        return ["v = _datetime(v, None)"]
    if kind == "flag":
        return ["if type(v) is not bool:", "    raise _Reject"]
    if kind == "integer":
        return ["if type(v) is not int or not -_MAX_INTEGER <= v <= _MAX_INTEGER:", "    raise _Reject"]
    if kind == "code":
        return [f"v = _codes_{name}.get(v) if type(v) is str else None", "if v is None:", "    raise _Reject"]
    if kind == "part":
        return [f"v = _build_{name}(v)"]
    seq = ["if type(v) is not list and type(v) is not tuple:", "    raise _Reject"]
    if kind == "many":
        return [*seq, f"v = tuple(map(_build_{name}, v))"]
    if kind == "dates":
        return [*seq, "v = tuple([_date(x, None) for x in v])"]
    if kind == "codes":
        return [
            *seq,
            f"v = tuple([_codes_{name}.get(x) if type(x) is str else None for x in v])",
            "if None in v:",
            "    raise _Reject",
        ]
    return [  # texts
        *seq,
        "for x in v:",
        "    if type(x) is not str or not x or x.isspace() or len(x) > _MAX_TEXT or _lone(x):",
        "        raise _Reject",
        "v = tuple(v)",
    ]


_DICT_BUILDERS = _DictBuilders()
_FROM_DICT: dict[type, Callable[[Any], Any] | None] = {}


def dict_builder_for(cls: type) -> Callable[[Any], Any] | None:
    """A function from a dict (``schema_version`` included) to a ``cls`` record, or ``None`` where unsupported.

    The function raises on anything it cannot take; the caller then takes the
    canonical route, which reports the problems.
    """
    try:
        return _FROM_DICT[cls]
    except KeyError:
        pass
    with _LOCK:
        if cls in _FROM_DICT:
            return _FROM_DICT[cls]
        try:
            _DICT_BUILDERS.builder(cls)
        except Unsupported:
            _FROM_DICT[cls] = None
            return None
        document = _DICT_BUILDERS.documents[cls]
        _FROM_DICT[cls] = document
        return document


_PARTS: dict[type, Callable[[Any], Any] | None] = {}


def part_builder_for(cls: type) -> Callable[[Any], Any] | None:
    """A function from a nested record's dict (no ``schema_version``) to a ``cls`` record, or ``None``.

    The canonical route's structure hook for ``cls`` tries it first on a plain ``dict``
    (:func:`msp.convert._converter._canonical_converter`): where it returns a record, the cattrs hook
    would return an equal one without a problem; where it raises, the cattrs hook reads
    the value and reports its problems.
    """
    try:
        return _PARTS[cls]
    except KeyError:
        pass
    with _LOCK:
        if cls not in _PARTS:
            try:
                _PARTS[cls] = _DICT_BUILDERS.builder(cls)
            except Unsupported:
                _PARTS[cls] = None
        return _PARTS[cls]


# -- records to JSON text (msgspec) ---------------------------------------------------------
# A generated function per class builds the dict the canonical route's cattrs unstructure
# builds (declaration order, a field left out where it equals its default, ``!=`` as cattrs
# compares), leaving codes, dates and tuples for msgspec to write in C; date-times go through
# ``isoformat()`` as the canonical hook writes them. The text is byte for byte what
# ``json.dumps(to_dict(record), ensure_ascii=False)`` writes.

_ENCODE_AS_IS = (str, bool, int, date)


class _Unstructurers:
    def __init__(self) -> None:
        self.functions: dict[type, Callable[[Any], dict[str, Any]]] = {}
        self.documents: dict[type, Callable[[Any], dict[str, Any]]] = {}
        self.unsupported: dict[type, str] = {}
        self._making: set[type] = set()

    def function(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        found = self.functions.get(cls)
        if found is not None:
            return found
        if cls in self.unsupported:
            raise Unsupported(self.unsupported[cls])
        if cls in self._making:
            raise Unsupported(f"{cls.__name__} contains itself")
        self._making.add(cls)
        try:
            made = self._make(cls)
        except Unsupported as exc:
            self.unsupported[cls] = str(exc)
            raise
        finally:
            self._making.discard(cls)
        self.functions[cls] = made
        return made

    def _make(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        if not attrs.has(cls):
            raise Unsupported(f"{cls.__name__} is not an attrs class")
        try:
            hints = typing.get_type_hints(cls)
        except Exception as exc:  # noqa: BLE001 - any failure to resolve means: not mirrored
            raise Unsupported(f"{cls.__name__}: annotations ({type(exc).__name__})") from None
        env: dict[str, Any] = {}
        lines: list[str] = []
        for field in attrs.fields(cls):
            name = field.name
            value = self._value(hints[name], env)
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                raise Unsupported(f"{cls.__name__}.{name}: a default factory")
            lines.append(f"    v = o.{name}")
            if default is attrs.NOTHING:
                lines.append(f"    d[{name!r}] = {value}")
                continue
            if default is None:
                test = "v is not None"
            elif default == () and type(default) is tuple:
                test = "v != ()"
            else:
                env[f"_default_{name}"] = default
                test = f"v != _default_{name}"
            lines.extend((f"    if {test}:", f"        d[{name!r}] = {value}"))
        lines.append("    return d")
        body = "\n".join(lines)
        env["_version"] = _schema_version()
        source = (
            f"def unstructure(o):\n    d = {{}}\n{body}\n\n"
            f"def document(o):\n    d = {{'schema_version': _version}}\n{body}\n"
        )
        _compile(source, env, "unstructurer", cls)
        self.documents[cls] = env["document"]
        made: Callable[[Any], dict[str, Any]] = env["unstructure"]
        return made

    def _value(self, hint: Any, env: dict[str, Any]) -> str:  # noqa: ANN401
        """The expression that writes ``v`` (of type ``hint``, or ``None``)."""
        base, optional = _split_optional(hint)
        guard = "None if v is None else " if optional else ""
        if base is datetime:
            return f"{guard}v.isoformat()"
        if isinstance(base, type) and attrs.has(base):
            env[f"_un_{base.__name__}"] = self.function(base)
            return f"{guard}_un_{base.__name__}(v)"
        if typing.get_origin(base) is tuple:
            args = typing.get_args(base)
            if len(args) != 2 or args[1] is not Ellipsis:  # noqa: PLR2004 - tuple[X, ...]
                raise Unsupported(f"{base!r}")
            item = args[0]
            if isinstance(item, type) and attrs.has(item):
                env[f"_un_{item.__name__}"] = self.function(item)
                return f"{guard}list(map(_un_{item.__name__}, v))"
            if item in _ENCODE_AS_IS or _is_code_list(item):
                return "v"
            raise Unsupported(f"{base!r}")
        if base in _ENCODE_AS_IS or _is_code_list(base):
            return "v"
        raise Unsupported(f"{base!r}")


def _schema_version() -> int:

    return SCHEMA_VERSION


_UNSTRUCTURERS = _Unstructurers()
_ENCODERS: dict[type, Callable[[Any, int | None], str] | None] = {}


def encoder_for(cls: type) -> Callable[[Any, int | None], str] | None:
    """A function from a ``cls`` record (and an indent) to JSON text, or ``None`` (no msgspec, or unsupported).

    ``schema_version`` comes first, as :func:`msp.to_json` writes it. The function raises
    where msgspec cannot write a value (text with a lone surrogate): the caller then takes
    the canonical route.
    """
    try:
        return _ENCODERS[cls]
    except KeyError:
        pass
    if not AVAILABLE:
        return None
    with _LOCK:
        if cls in _ENCODERS:
            return _ENCODERS[cls]
        try:
            _UNSTRUCTURERS.function(cls)
        except Unsupported:
            _ENCODERS[cls] = None
            return None
        document = _UNSTRUCTURERS.documents[cls]
        encode = msgspec.json.Encoder().encode
        reformat = msgspec.json.format

        def to_json(record: Any, indent: int | None) -> str:  # noqa: ANN401
            data = encode(document(record))
            if indent is not None:
                data = reformat(data, indent=indent)
            text: str = data.decode()
            return text

        _ENCODERS[cls] = to_json
        return to_json
