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
  codes that agree), as ``__init__`` does after the validators.
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

import functools
import itertools
import linecache
import threading
import types
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, NamedTuple

import attrs

from msp.codes import CodeList
from msp.convert._scalars import SCHEMA_VERSION, _date, _datetime
from msp.errors import ID_PATTERN
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
        if not field.init or field.converter is not None or field.alias != field.name:
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


# -- JSON text to records (msgspec) ---------------------------------------------------------


class _Shadows:
    """Shadows for every class reachable from the ones asked for, and the builders that read them."""

    def __init__(self) -> None:
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
            [(f.name, self._type(f), msgspec.NODEFAULT if f.default is attrs.NOTHING else f.default) for f in fields],
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
            module=__name__,
        )
        self.structs[cls] = struct
        return struct

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
        }
        lines = ["def build(text):", "    s0 = _decode(text)", *self._emit(cls, "0", "    ", env, itertools.count(1))]
        _compile("\n".join([*lines, "    return o0", ""]), env, "JSON builder", cls)
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
        for f in _MODEL.fields(cls):
            if sibling is None:
                env[f"_put_{tag}_{f.name}"] = f.put
                store = functools.partial("_put_{0}_{1}({2}, {3})".format, tag, f.name, o)
            else:
                store = functools.partial("{0}.{1} = {2}".format, o, f.name)
            if f.kind == "part" and f.nested is not None:
                self.struct(f.nested)
                m = str(next(counter))
                out.append(f"{pad}s{m} = s{n}.{f.name}")
                if f.none_ok:
                    out.extend((f"{pad}if s{m} is None:", f"{pad}    {store('None')}", f"{pad}else:"))
                    out.extend(self._emit(f.nested, m, pad + "    ", env, counter))
                    out.append(f"{pad}    {store(f'o{m}')}")
                else:
                    out.extend(self._emit(f.nested, m, pad, env, counter))
                    out.append(f"{pad}{store(f'o{m}')}")
                continue
            if f.kind == "many" and f.nested is not None:
                # Each record of the tuple built inline in a loop: a call from C (map) to a
                # Python builder costs more than the loop. () stays the shared empty tuple,
                # as attrs' default and cattrs give it.
                self.struct(f.nested)
                m = str(next(counter))
                out.extend((f"{pad}v = s{n}.{f.name}", f"{pad}if v:", f"{pad}    t{m} = []"))
                out.append(f"{pad}    for s{m} in v:")
                out.extend(self._emit(f.nested, m, pad + "        ", env, counter))
                out.append(f"{pad}        t{m}.append(o{m})")
                out.extend((f"{pad}    {store(f'tuple(t{m})')}", f"{pad}else:", f"{pad}    {store('()')}"))
                continue
            out.extend(pad + line for line in _shadow_steps(f, f"s{n}", store))
        if sibling is not None:
            out.append(f"{pad}{o}.__class__ = _cls_{tag}")
        post = getattr(cls, "__attrs_post_init__", None)
        if post is not None:
            env[f"_post_{tag}"] = post
            out.append(f"{pad}_post_{tag}({o})")
        return out


def _shadow_steps(f: _Field, s: str, store: Callable[[str], str]) -> list[str]:
    """The lines for one field of shadow ``s``: check what the shadow could not, then set the slot of ``o``."""
    name, kind = f.name, f.kind
    guard = "v is not None and " if f.none_ok else ""
    done = store("v")
    if kind == "text":  # not only whitespace (the same test as ``not value.strip()``)
        return [f"v = {s}.{name}", f"if {guard}v.isspace():", "    raise _Reject", done]
    if kind == "id":  # all letters and digits, else the full pattern
        return [
            f"v = {s}.{name}",
            f"if {guard}not (v.isascii() and v.isalnum()) and _id_match(v) is None:",
            "    raise _Reject",
            done,
        ]
    if kind == "datetime":  # as msp.convert._converter._datetime: Z is UTC, an offset is required
        parse = [
            "if v[-1] in 'Zz':",
            "    v = v[:-1] + '+00:00'",
            "v = _fromiso(v)",
            "if v.tzinfo is None:",
            "    raise _Reject",
        ]
        if f.none_ok:
            parse = ["if v is not None:", *("    " + line for line in parse)]
        return [f"v = {s}.{name}", *parse, done]
    if kind == "texts":
        return [f"v = {s}.{name}", "if v and not _texts(v):", "    raise _Reject", done]
    return [store(f"{s}.{name}")]  # date, flag, integer, code, dates, codes: proved by the shadow


_SHADOWS = _Shadows() if AVAILABLE else None
_DECODERS: dict[type, Callable[[bytes | str], Any] | None] = {}


_UNTYPED = msgspec.json.Decoder() if AVAILABLE else None


def parse_json(text: bytes | str) -> Any:  # noqa: ANN401 - any JSON value
    """JSON text to Python values, by msgspec's untyped decoder.

    Where it succeeds it gives what :func:`json.loads` gives (the same dicts, lists,
    numbers and strings; the last of duplicate keys). It raises where ``json.loads``
    would not: ``NaN`` and ``Infinity``, numbers that overflow a float, lone surrogate
    escapes, a byte-order mark. The caller then parses with ``json.loads``.

    Raises:
        RuntimeError: msgspec is not installed.
    """
    if _UNTYPED is None:
        msg = "msgspec is not installed"
        raise RuntimeError(msg)
    return _UNTYPED.decode(text)


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
            nested = _SHADOWS.struct(cls)
        except Unsupported:
            _DECODERS[cls] = None
            return None
        root = msgspec.defstruct(
            f"{cls.__name__}Document",
            [("schema_version", Literal[SCHEMA_VERSION])],  # the current version, nothing else
            bases=(nested,),
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,
            module=__name__,
        )
        from_json = _SHADOWS.reader(cls, msgspec.json.Decoder(root).decode)
        _DECODERS[cls] = from_json
        return from_json


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
        return ["if type(v) is not str or not v or v.isspace() or len(v) > _MAX_TEXT:", "    raise _Reject"]
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
        "    if type(x) is not str or not x or x.isspace() or len(x) > _MAX_TEXT:",
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
