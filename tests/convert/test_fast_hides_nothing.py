"""The fast routes hide nothing: the records they build are the public classes' own, as ``__init__`` builds them.

``msp.from_json`` and ``msp.from_dict`` build records with generated code
(msp.convert._fast). Nothing of that may show in users' code: no helper class
among a public class's subclasses or in a record's ``__mro__``, cattrs'
strategies working on the classes after a fast read, records that pickle, copy,
evolve, convert to dicts and compare exactly as records built by ``__init__``,
and generated code whose lines show in tracebacks and ``inspect.getsource``.
"""

from __future__ import annotations

import copy
import gc
import inspect
import json
import pickle
import subprocess
import sys
import traceback
import typing
import weakref
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attr
import attrs
import cattrs
import pytest
from cattrs.strategies import configure_tagged_union, include_subclasses
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import Concern
from msp.codes import CaseStage, TypeOfRisk
from msp.convert import _converter as cv
from msp.convert import _fast
from msp.model import _fields as f
from msp.model import record_classes
from msp.synth import generate
from tests.strategies import STRATEGIES

CLASSES = list(STRATEGIES)
ROOTS = (msp.Concern, msp.RiskPlan, msp.CapacityDecision, msp.DesiredOutcome, msp.Adult)


def _parts(record: Any) -> Iterator[Any]:
    """Every record object inside ``record`` (itself included), parents first."""
    yield record
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        for item in value if type(value) is tuple else (value,):
            if attrs.has(type(item)):
                yield from _parts(item)


def _json_route(data: dict[str, Any], cls: type = Concern) -> Any:
    """The msgspec route itself (no fallback), or the dict route where msgspec is not installed."""
    decode = _fast.decoder_for(cls)
    if decode is None:
        assert not _fast.AVAILABLE
        return _dict_route(data, cls)
    return decode(json.dumps(data))


def _dict_route(data: dict[str, Any], cls: type = Concern) -> Any:
    """The dict route itself (no fallback)."""
    build = _fast.dict_builder_for(cls)
    assert build is not None
    return build(data)


def _canonical_with_parts(data: dict[str, Any], cls: type = Concern) -> Any:
    """The library's canonical route: cattrs, each nested record tried on the dict route first."""
    return cv._from_dict_canonical(data, cls, cv._hook(cls))


def _by_init(data: dict[str, Any], cls: type = Concern) -> Any:
    """The reference: cattrs alone, so every object is made by its class's ``__init__``."""
    return cv._from_dict_canonical(data, cls)


ROUTES: dict[str, Callable[..., Any]] = {
    "json route": _json_route,
    "dict route": _dict_route,
    "canonical route with fast parts": _canonical_with_parts,
    "msp.from_json": lambda data, cls=Concern: msp.from_json(json.dumps(data), cls),
    "msp.from_dict": msp.from_dict,
}

SYNTHETIC = [*generate(12, seed=21)]


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, Any, Any]]:
    """(route, record built by the route, the equal record built by ``__init__``) for synthetic concerns."""
    return [(name, route(data), _by_init(data)) for data in SYNTHETIC for name, route in ROUTES.items()]


def _our_helpers(cls: type) -> list[type]:
    """Subclasses of ``cls`` defined by the library itself (a test's own subclass is not ours)."""
    return [sub for sub in cls.__subclasses__() if sub.__module__.split(".")[0] == "msp"]


class TestRecordsAreOfThePublicClasses:
    """Every object a fast route builds is of its public class, and no helper class of ours exists beside it."""

    def test_every_object_is_of_its_public_class_with_nothing_in_between(self, pairs):
        for name, record, reference in pairs:
            for part, expected in zip(_parts(record), _parts(reference), strict=True):
                assert type(part) is type(expected), name
                assert type(part) in CLASSES, (name, type(part))
                assert type(part).__mro__ == (type(part), f.Record, object), (name, type(part).__mro__)

    def test_no_public_class_has_a_subclass_of_ours_after_fast_reads(self, pairs):
        assert pairs
        for root in ROOTS:
            for cls in record_classes(root):
                assert _our_helpers(cls) == [], cls

    def test_a_fresh_interpreter_has_no_subclass_of_any_record_class_after_every_route(self):
        code = (
            "import gc, json, msp\n"
            "from msp.convert import _converter as cv, _fast\n"
            "from msp.model import record_classes\n"
            "from msp.synth import generate\n"
            "for data in generate(20, seed=3, invalid_share=0.3):\n"
            "    text = json.dumps(data)\n"
            "    for read in (lambda: msp.from_json(text), lambda: msp.from_dict(data),\n"
            "                 lambda: cv._from_dict_canonical(data, msp.Concern, cv._hook(msp.Concern))):\n"
            "        try:\n"
            "            msp.to_json(read())\n"
            "        except msp.InvalidRecord:\n"
            "            pass\n"
            "assert _fast.decoder_for(msp.Concern) is not None or not _fast.AVAILABLE\n"
            "assert _fast.dict_builder_for(msp.Concern) is not None\n"
            "gc.collect()\n"
            "roots = (msp.Concern, msp.RiskPlan, msp.CapacityDecision, msp.DesiredOutcome, msp.Adult)\n"
            "classes = {cls for root in roots for cls in record_classes(root)}\n"
            "assert len(classes) == 47, len(classes)\n"
            "found = {cls.__name__: cls.__subclasses__() for cls in classes if cls.__subclasses__()}\n"
            "assert not found, found\n"
            "print('ok')\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


class TestTheFastRoutesAreTaken:
    """Valid records are built by the generated builders themselves, never by a silent fallback."""

    @pytest.mark.parametrize("msgspec", ["installed", "absent"])
    def test_the_builders_take_every_valid_synthetic_record(self, msgspec):
        code = (
            ("import sys; sys.modules['msgspec'] = None\n" if msgspec == "absent" else "") + "import json, msp\n"
            "from msp.convert import _fast\n"
            "from msp.synth import generate\n"
            "records = [json.loads(json.dumps(r)) for r in generate(60, seed=8)]\n"
            "build = _fast.dict_builder_for(msp.Concern)\n"
            "assert [build(r) for r in records] == [msp.from_dict(r) for r in records]\n"
            "decode = _fast.decoder_for(msp.Concern)\n"
            "assert (decode is None) is (not _fast.AVAILABLE)\n"
            "if decode is not None:\n"
            "    assert [decode(json.dumps(r)) for r in records] == [msp.from_dict(r) for r in records]\n"
            "print('ok')\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


def _with_defaults_written(data: Any, cls: type = Concern) -> Any:
    """``data`` with every field left out written with its default (``null``, ``[]``), at every depth."""
    if not isinstance(data, dict):
        return data
    hints = typing.get_type_hints(cls)
    full = dict(data)
    for field in attrs.fields(cls):
        if field.name in full:
            value = full[field.name]
            inner = typing.get_args(hints[field.name])
            kinds = [k for k in (hints[field.name], *inner) if isinstance(k, type) and attrs.has(k)]
            if kinds and isinstance(value, dict):
                full[field.name] = _with_defaults_written(value, kinds[0])
            elif kinds and isinstance(value, list):
                full[field.name] = [_with_defaults_written(v, kinds[0]) for v in value]
        elif field.default is None:
            full[field.name] = None
        elif field.default == ():
            full[field.name] = []
    return full


@pytest.mark.skipif(not _fast.AVAILABLE, reason="the fast extra (msgspec) is not installed")
class TestTheKeyCheckHidesNothing:
    """msgspec keeps the last of a key given twice; the JSON route proves no key was, without reading again."""

    WRITERS: typing.ClassVar[dict[str, Callable[[Any], str | bytes]]] = {
        "json.dumps": json.dumps,
        "compact": lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False),
        "non-ASCII escaped": lambda d: json.dumps({**d, "team": "\u00e9quipe \U0001f600"}),
        "indented": lambda d: json.dumps(d, indent=2),
        "tabs and CRLF": lambda d: json.dumps(d, indent="\t").replace("\n", "\r\n"),
        "bytes": lambda d: json.dumps(d).encode(),
        "msp.to_json": lambda d: msp.to_json(msp.from_dict(d)),
    }

    @pytest.mark.parametrize("writer", list(WRITERS))
    def test_valid_records_are_taken_without_reading_them_again(self, writer, monkeypatch):
        """The counted quotes prove it for any record whose text values hold no quote, however written."""

        def not_needed(_: Any) -> Any:
            raise AssertionError("the counted quotes did not prove it")

        decode = _fast.decoder_for(Concern)
        assert decode is not None
        records = [json.loads(json.dumps(r)) for r in SYNTHETIC]
        monkeypatch.setattr(_fast, "read_json", not_needed)
        monkeypatch.setattr(_fast, "_written", not_needed)
        for data in records:
            for full in (data, _with_defaults_written(data)):
                text = self.WRITERS[writer](full)
                assert decode(text) == _by_init(json.loads(text))

    def test_each_proof_in_turn_and_reading_again_last(self, monkeypatch):
        """Counted quotes first; msgspec's writing where a text value holds a quote; read_json last."""
        written: list[object] = []
        read: list[object] = []
        real_written, real_read = _fast._written, _fast.read_json
        monkeypatch.setattr(_fast, "_written", lambda value: written.append(1) or real_written(value))
        monkeypatch.setattr(_fast, "read_json", lambda text: read.append(text) or real_read(text))
        decode = _fast.decoder_for(Concern)
        assert decode is not None
        data = {**json.loads(json.dumps(SYNTHETIC[0])), "team": 'caf\u00e9 "Le Bon" \\ "ok"'}
        quoted = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        cases = [
            (json.dumps({**data, "team": "caf\u00e9\n"}), 0, 0),  # escapes, but no quote inside a text
            (quoted, 1, 0),  # a quote inside a text value: as long as msgspec writes it
            (json.dumps(data, indent=1), 1, 0),  # ... indented: as many quotes as msgspec writes
            (json.dumps(data).replace('\\"', "\\u0022", 1), 1, 1),  # a quote as \u0022: read again
        ]
        for text, writes, reads in cases:
            written.clear()
            read.clear()
            assert decode(text) == _by_init(json.loads(text))
            assert (len(written), len(read)) == (writes, reads), text

    @pytest.mark.parametrize("writer", list(WRITERS)[:-1])
    def test_a_key_given_twice_is_never_taken(self, writer):
        decode = _fast.decoder_for(Concern)
        assert decode is not None
        for data in SYNTHETIC[:4]:
            text = self.WRITERS[writer](data)
            text = text if isinstance(text, str) else text.decode()
            for key in ('"adult_id"', '"concern_id"', '"received_on"'):
                value = '"X1"' if key != '"received_on"' else '"2025-01-01"'
                twice = text.replace(key, f"{key}: {value}, {key}", 1)
                with pytest.raises(Exception):  # noqa: B017 - refused, for the canonical route to report
                    decode(twice)
                with pytest.raises(msp.InvalidRecord):
                    msp.from_json(twice)


def _round_trip(converter: cattrs.Converter, record: Any, as_type: Any) -> Any:
    return converter.structure(converter.unstructure(record, as_type), as_type)


class TestCattrsStrategiesWork:
    """cattrs' subclass and tagged-union strategies work on the record classes after a fast read."""

    def test_include_subclasses_on_every_record_class(self, pairs):
        for cls in CLASSES:
            converter = msp.make_converter()
            include_subclasses(cls, converter)  # "Could not disambiguate" where a helper subclass exists
            for _, record, _ in pairs[:5]:
                for part in _parts(record):
                    if type(part) is cls:
                        assert _round_trip(converter, part, cls) == part

    def test_include_subclasses_with_tagged_unions_on_every_record_class(self, pairs):
        plain = msp.make_converter()
        for cls in CLASSES:
            converter = msp.make_converter()
            include_subclasses(cls, converter, union_strategy=configure_tagged_union)
            for _, record, _ in pairs[:5]:
                for part in _parts(record):
                    if type(part) is cls:
                        # no subclass: no union, no tag ("_type" where a helper class is a subclass)
                        assert converter.unstructure(part, cls) == plain.unstructure(part, cls)
                        again = _round_trip(converter, part, cls)
                        assert type(again) is cls
                        assert again == part

    def test_a_tagged_union_of_every_record_class(self, pairs):
        union = typing.Union[tuple(CLASSES)]  # noqa: UP007 - a union built from a list of classes
        converter = msp.make_converter()
        configure_tagged_union(union, converter)
        for _, record, _ in pairs:
            for part in _parts(record):
                data = converter.unstructure(part, union)
                assert data["_type"] == type(part).__name__
                again = converter.structure(data, union)
                assert type(again) is type(part)
                assert again == part

    def test_a_users_own_subclass_is_told_apart(self):
        @attrs.frozen(slots=True, kw_only=True)
        class FlaggedAdult(msp.Adult):
            """A user's subclass with a field of its own."""

            flag_reason: str = attrs.field()

        try:
            data = SYNTHETIC[0]
            adult = _json_route(data).adult
            msp.from_json(json.dumps(data))
            flagged = FlaggedAdult(**attrs.asdict(adult, recurse=False), flag_reason="review")
            by_fields = msp.make_converter()
            include_subclasses(msp.Adult, by_fields)
            tagged = msp.make_converter()
            include_subclasses(msp.Adult, tagged, union_strategy=configure_tagged_union)
            assert tagged.unstructure(adult, msp.Adult)["_type"] == "Adult"
            assert tagged.unstructure(flagged, msp.Adult)["_type"] == "FlaggedAdult"
            for converter in (by_fields, tagged):
                for record in (adult, flagged):
                    again = _round_trip(converter, record, msp.Adult)
                    assert type(again) is type(record)
                    assert again == record
        finally:
            del FlaggedAdult
            gc.collect()


class TestRecordsBehaveAsBuiltByInit:
    """Records from a fast route pickle, copy, evolve, convert and compare exactly as those built by ``__init__``."""

    def test_equality_hash_and_repr(self, pairs):
        for name, record, reference in pairs:
            assert record == reference, name
            assert hash(record) == hash(reference), name
            assert repr(record) == repr(reference), name
            for part, expected in zip(_parts(record), _parts(reference), strict=True):
                assert part == expected
                assert hash(part) == hash(expected)

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_pickle(self, pairs, protocol):
        for name, record, reference in pairs:
            again = pickle.loads(pickle.dumps(record, protocol))  # noqa: S301 - our own records
            assert again == reference, name
            assert [type(p) for p in _parts(again)] == [type(p) for p in _parts(reference)]
            assert pickle.loads(pickle.dumps(reference, protocol)) == again  # noqa: S301

    def test_copy_and_deepcopy(self, pairs):
        for name, record, reference in pairs:
            for made in (copy.copy(record), copy.deepcopy(record)):
                assert made == reference, name
                assert [type(p) for p in _parts(made)] == [type(p) for p in _parts(reference)]

    def test_evolve(self, pairs):
        for name, record, reference in pairs:
            assert attrs.evolve(record) == reference, name
            assert type(attrs.evolve(record)) is Concern
            changed = attrs.evolve(record, team="Team South (fictional)", stage=CaseStage.CLOSED)
            assert changed == attrs.evolve(reference, team="Team South (fictional)", stage=CaseStage.CLOSED)
            with pytest.raises(msp.InvalidRecord):
                attrs.evolve(record, team="   ")  # the validators still run on the public class
            adult = attrs.evolve(record.adult, adult_id="A-2")
            assert adult == attrs.evolve(reference.adult, adult_id="A-2")

    def test_asdict_astuple_and_getstate(self, pairs):
        for name, record, reference in pairs:
            assert attrs.asdict(record) == attrs.asdict(reference), name
            assert attr.asdict(record, retain_collection_types=False) == attr.asdict(reference)
            assert attrs.astuple(record) == attrs.astuple(reference)
            for part, expected in zip(_parts(record), _parts(reference), strict=True):
                assert part.__getstate__() == expected.__getstate__()

    def test_frozen_weakly_referenced_validated_and_tracked(self, pairs):
        for name, record, reference in pairs:
            for part, expected in zip(_parts(record), _parts(reference), strict=True):
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    part.__setattr__(attrs.fields(type(part))[0].name, None)
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    part.__delattr__(attrs.fields(type(part))[0].name)
                assert weakref.ref(part)() is part
                attrs.validate(part)  # every value is one its field's validator accepts
                assert gc.is_tracked(part) == gc.is_tracked(expected), name
                assert sys.getsizeof(part) == sys.getsizeof(expected)
                assert not hasattr(part, "__dict__")

    def test_to_json_and_to_dict(self, pairs):
        for name, record, reference in pairs:
            assert msp.to_json(record) == msp.to_json(reference), name
            assert msp.to_dict(record) == msp.to_dict(reference)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_hypothesis_records_of_every_class(self, cls, data):
        reference = data.draw(STRATEGIES[cls]())
        plain = msp.to_dict(reference)
        for made in (_json_route(plain, cls), _dict_route(plain, cls)):
            assert made == reference
            assert [type(p) for p in _parts(made)] == [type(p) for p in _parts(reference)]
            assert pickle.loads(pickle.dumps(made)) == reference  # noqa: S301
            assert copy.deepcopy(made) == reference
            assert attrs.asdict(made) == attrs.asdict(reference)
            assert attrs.evolve(made) == reference
        assert _our_helpers(cls) == []


# -- generated code has a source --------------------------------------------------------------

_BAD_MOMENT = "2025-01-10T09:00:60+00:00"
"""A date-time both routes refuse: the JSON builder's parse raises inside the generated code."""


def _traceback_of(run: Callable[[], Any]) -> str:
    try:
        run()
    except Exception as exc:  # noqa: BLE001 - the traceback is what is tested
        return "".join(traceback.format_exception(exc))
    pytest.fail("expected the generated code to raise")


def _with_moment(moment: str) -> dict[str, Any]:
    data = copy.deepcopy(SYNTHETIC[0])
    assert data["history"]
    data["history"][0]["at"] = moment
    return data


class TestGeneratedCodeHasASource:
    """Generated code is registered in ``linecache`` under its own name: tracebacks and ``getsource`` show it."""

    def test_a_traceback_through_the_json_builder_shows_its_lines(self):
        decode = _fast.decoder_for(Concern)
        if decode is None:
            pytest.skip("msgspec is not installed: no JSON builder")  # pragma: no cover
        text = json.dumps(_with_moment(_BAD_MOMENT))
        shown = _traceback_of(lambda: decode(text))
        assert '"<string>"' not in shown
        assert 'File "<msp generated JSON builder msp.model.concern.Concern>"' in shown
        assert "_fromiso(v)" in shown  # the line of generated source that raised

    def test_a_traceback_through_the_dict_builder_shows_its_lines(self):
        build = _fast.dict_builder_for(Concern)
        assert build is not None
        shown = _traceback_of(lambda: build({"schema_version": msp.SCHEMA_VERSION, "concern_id": 5}))
        assert '"<string>"' not in shown
        assert 'File "<msp generated dict builder msp.model.concern.Concern>"' in shown
        assert "raise _Reject" in shown
        shown = _traceback_of(lambda: build(_with_moment(_BAD_MOMENT)))
        assert "<msp generated dict builder msp.model.concern.HistoryEntry>" in shown

    def test_getsource_shows_every_generated_function(self):
        made = [_fast.dict_builder_for(Concern), _fast.part_builder_for(msp.Adult)]
        if _fast.AVAILABLE:
            made.append(_fast.decoder_for(Concern))
            made.append(_fast._UNSTRUCTURERS.documents[Concern])  # to_json's dict of a record
        for function in made:
            assert function is not None
            source = inspect.getsource(function)
            assert source.startswith("def ")
            assert inspect.getsourcefile(function) is None or "<msp generated" in inspect.getsourcefile(function)
            assert function.__code__.co_filename.startswith("<msp generated ")

    def test_two_classes_of_one_name_get_two_sources(self):
        def make(kind: type, name: str) -> type:
            namespace = {
                "__annotations__": {name: typing.Optional[kind]},  # noqa: UP045 - a union made at run time
                "__doc__": "A class whose name another class has too.",
                name: f.code(kind, doc="a code"),
            }
            made: type = attrs.frozen(slots=True, kw_only=True)(type("Twice", (), namespace))
            return made

        first, second = make(CaseStage, "stage"), make(TypeOfRisk, "type_of_risk")
        build_first, build_second = _fast.part_builder_for(first), _fast.part_builder_for(second)
        assert build_first is not None
        assert build_second is not None
        assert build_first.__code__.co_filename != build_second.__code__.co_filename
        assert "'stage'" in inspect.getsource(build_first)
        assert "'type_of_risk'" in inspect.getsource(build_second)
        assert build_first({"stage": "closed"}) == first(stage=CaseStage.CLOSED)
        assert build_second({"type_of_risk": "self_neglect"}) == second(type_of_risk=TypeOfRisk.SELF_NEGLECT)


# -- the model is read from its field specs ---------------------------------------------------


class TestTheModelIsReadFromTheSpec:
    """The fast routes learn what each field holds from its spec, never from its validator's name or closure."""

    def test_validators_with_other_names_change_nothing(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Renamed:
            """Every kind of field, its validators renamed after the fact."""

            ref: str = f.ident(doc="an id")
            note: str | None = f.text(doc="text")
            on: date | None = f.day(doc="a date")
            stage: CaseStage | None = f.code(CaseStage, doc="a code")
            risks: tuple[TypeOfRisk, ...] = f.many(TypeOfRisk, "a type of risk", doc="codes")
            steps: tuple[str, ...] = f.many(str, "a step", doc="texts")
            actor: msp.Actor | None = f.part(msp.Actor, doc="a part")

        for field in attrs.fields(Renamed):
            if "<locals>" in getattr(field.validator, "__qualname__", ""):  # the factories' closures
                field.validator.__qualname__ = field.validator.__name__ = "renamed"  # type: ignore[union-attr]
        build = _fast.part_builder_for(Renamed)
        assert build is not None
        data = {
            "ref": "R1",
            "note": "a note",
            "on": "2025-01-02",
            "stage": "closed",
            "risks": ["self_neglect"],
            "steps": ["ask"],
            "actor": {"role": "GP", "user_id": "U1"},
        }
        assert build(data) == cv._reference_hook(Renamed)(data, Renamed)
        if _fast.AVAILABLE:
            decode = _fast.decoder_for(Renamed)
            assert decode is not None
            assert decode(json.dumps({"schema_version": msp.SCHEMA_VERSION, **data})) == build(data)
        with pytest.raises(Exception):  # noqa: B017 - refused: the canonical route reports it
            build({**data, "steps": ["ask", " "]})

    def test_a_spec_that_disagrees_with_the_annotation_takes_the_canonical_route(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Mislabelled:
            """A text field annotated as a number."""

            count: int = f.required_text(doc="text")

        assert _fast.part_builder_for(Mislabelled) is None
        assert _fast.decoder_for(Mislabelled) is None

    def test_a_field_without_a_spec_takes_the_canonical_route(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Bare:
            """A plain attrs field, no spec."""

            name: str = attrs.field()

        assert _fast.part_builder_for(Bare) is None
        assert _fast.dict_builder_for(Bare) is None

    def test_the_fast_route_reads_no_validator(self):
        source = inspect.getsource(_fast)
        for marker in ("getclosurevars", "__closure__", "__qualname__", "._v_", ".validator"):
            assert marker not in source, marker
