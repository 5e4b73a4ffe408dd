"""The fast routes (msp.convert._fast) against the canonical cattrs route: equal records, text and errors.

A fast route may refuse something the canonical route accepts (the public
function then takes the canonical route), but wherever it returns a record, the
canonical route must return an equal one; and whatever from_json or from_dict
raises is the canonical error.
"""

from __future__ import annotations

import collections
import copy
import enum
import json
import subprocess
import sys
import types
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import SCHEMA_VERSION, Adult, CapacityDecision, Concern, InvalidRecord, from_json, to_json
from msp.codes import CaseStage, TypeOfRisk
from msp.convert import _converter as cv
from msp.model._fields import MAX_TEXT
from msp.synth import generate
from tests.convert.test_convert import BASE, MALFORMED, _edit, _paths
from tests.convert.test_strict_json import STYLES, Obj, _objects, _replace, obj, write
from tests.strategies import STRATEGIES, concerns, json_values

pytest.importorskip("msgspec", reason="the fast extra (msgspec) is not installed")

from msp.convert import _fast  # only with msgspec installed

CLASSES = list(STRATEGIES)


def canonical(text: str | bytes, cls: type = Concern) -> Any:
    """The reference route: json with the strict reading every route shares (docs/json.md), and cattrs alone."""
    try:
        data = _fast.read_json(text)
    except InvalidRecord:
        raise
    except (ValueError, RecursionError):
        data = cv._parse_json(text)  # raises the located SHAPE-JSON problem, worded as from_json words it
    return cv._from_dict_canonical(data, cls)


def fast(text: str | bytes, cls: type = Concern) -> Any:
    decode = _fast.decoder_for(cls)
    assert decode is not None
    return decode(text)


def canonical_text(record: Any, indent: int | None = None) -> str:
    return cv._to_json_canonical(record, indent)


def _doc(rest: str) -> str:
    """JSON text of a document at the current schema version: ``rest`` is the text after its first key."""
    return f'{{"schema_version": {SCHEMA_VERSION}, {rest}'


def outcome(route: Any, text: str | bytes, cls: type = Concern) -> tuple[str, Any]:
    """What a route does with ``text``: ("record", r) or ("error", exception)."""
    try:
        return "record", route(text, cls)
    except Exception as exc:  # noqa: BLE001 - the routes' failures are compared, not raised
        return "error", exc


def assert_same_record(a: Any, b: Any) -> None:
    """Equal, of the same class, and written the same (attrs equality ignores a date-time's offset)."""
    assert type(a) is type(b)
    assert a == b
    assert canonical_text(a) == canonical_text(b)


def assert_routes_agree(text: str | bytes, cls: type = Concern) -> None:
    """Where the fast route returns a record the canonical one returns an equal record, and
    from_json gives exactly the canonical outcome (record, or problems and record id)."""
    kind_fast, fast_result = outcome(fast, text, cls)
    kind_canonical, canonical_result = outcome(canonical, text, cls)
    if kind_fast == "record":
        assert kind_canonical == "record", f"fast route accepted what the canonical route refuses: {text!r}"
        assert_same_record(fast_result, canonical_result)
    kind_public, public_result = outcome(from_json, text, cls)
    assert kind_public == kind_canonical
    if kind_canonical == "record":
        assert_same_record(public_result, canonical_result)
    elif isinstance(canonical_result, InvalidRecord):
        assert isinstance(public_result, InvalidRecord)
        assert public_result.problems == canonical_result.problems
        assert public_result.record_id == canonical_result.record_id
    else:
        assert type(public_result) is type(canonical_result)


class TestCoverage:
    """With msgspec installed, from_json takes the fast route for every record class it can mirror."""

    def test_from_json_takes_the_fast_route_when_msgspec_is_installed(self):
        assert cv._fast() is _fast

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    def test_every_record_class_is_mirrored_both_ways(self, cls):
        assert _fast.decoder_for(cls) is not None, _fast._MODEL._unsupported
        assert _fast.encoder_for(cls) is not None, _fast._UNSTRUCTURERS.unsupported
        assert _fast.dict_builder_for(cls) is not None

    def test_a_class_with_a_field_without_a_spec_takes_the_canonical_route(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Odd:
            x: int = attrs.field(validator=attrs.validators.instance_of(int))

        assert _fast.decoder_for(Odd) is None
        assert _fast.dict_builder_for(Odd) is None

    def test_a_class_holding_an_unsupported_class_is_unsupported_too(self):
        @attrs.frozen(slots=True, kw_only=True)
        class Inner:
            x: int = attrs.field(validator=attrs.validators.instance_of(int))

        @attrs.frozen(slots=True, kw_only=True)
        class Outer:
            inner: Inner = attrs.field()

        assert _fast.decoder_for(Outer) is None
        assert _fast.dict_builder_for(Outer) is None


class TestValidRecords:
    """The fast route decodes and encodes valid records exactly as the canonical route does."""

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_hypothesis_records_decode_to_equal_objects(self, cls, data):
        record = data.draw(STRATEGIES[cls]())
        text = canonical_text(record)
        assert_same_record(fast(text, cls), record)
        assert_same_record(fast(text.encode(), cls), canonical(text, cls))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_hypothesis_records_encode_to_the_same_text(self, cls, data):
        record = data.draw(STRATEGIES[cls](mode="full"))
        encode = _fast.encoder_for(cls)
        assert encode is not None
        for indent in (None, 1, 2, 4):
            assert encode(record, indent) == canonical_text(record, indent)
            assert to_json(record, indent=indent) == canonical_text(record, indent)

    def test_synthetic_records_decode_and_encode_the_same(self):
        for data in generate(300, seed=11):
            text = json.dumps(data)
            record = fast(text)
            assert_same_record(record, canonical(text))
            expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            assert to_json(record) == canonical_text(record) == expected

    def test_the_hand_written_record(self):
        assert_same_record(fast(json.dumps(BASE)), cv.from_dict(BASE))


class TestInvalidRecords:
    """The fast route refuses broken records and reports the canonical route's problems."""

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_malformed_corpus_is_refused_by_the_fast_route_and_reported_canonically(self, changes, expected):
        text = json.dumps(_edit(BASE, *changes))
        with pytest.raises(Exception):  # noqa: B017 - any failure hands over to the canonical route
            fast(text)
        with pytest.raises(InvalidRecord) as public:
            from_json(text)
        with pytest.raises(InvalidRecord) as reference:
            canonical(text)
        assert public.value.problems == reference.value.problems
        assert public.value.record_id == reference.value.record_id
        assert sorted((p.code, p.path) for p in public.value.problems) == sorted(expected)

    def test_synthetic_broken_records(self):
        broken = 0
        for data in generate(400, seed=5, invalid_share=0.5):
            text = json.dumps(data)
            assert_routes_agree(text)
            try:
                canonical(text)
            except InvalidRecord:
                broken += 1
                with pytest.raises(Exception):  # noqa: B017
                    fast(text)
        assert broken > 100


# -- edge cases of text, JSON and date-times -------------------------------------------------------


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    return _edit(BASE, (path, value))


EDGE_VALUES: list[Any] = [
    # date-times: forms the two parsers treat differently
    (("history", 0, "at"), "2025-01-10T09:00:00.1234567+00:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00.9999999Z"),
    (("history", 0, "at"), "2025-01-10t09:00:00z"),
    (("history", 0, "at"), "2025-01-10 09:00:00+00:00"),
    (("history", 0, "at"), "2025-01-10T09:00+01:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00+0100"),
    (("history", 0, "at"), "2025-01-10T09:00:00+01"),
    (("history", 0, "at"), "2025-01-10T09:00:00-00:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00+01:00:30"),
    (("history", 0, "at"), "2025-01-10T09:00:60+00:00"),
    (("history", 0, "at"), "20250110T090000+0000"),
    (("history", 0, "at"), "2025-W02-5T09:00:00+00:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00.+00:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00,5+00:00"),
    (("history", 0, "at"), "2025-01-10T09:00:00Z "),
    (("history", 0, "at"), "2025-01-10T09:00:00 Z"),
    (("history", 0, "at"), "2025-01-10T09:00:00+00:00Z"),
    # dates
    (("received_on",), "2024-02-29"),
    (("received_on",), "2025-02-29"),
    (("received_on",), "0000-01-01"),
    (("received_on",), "0001-01-01"),
    (("received_on",), "9999-12-31"),
    (("received_on",), "2025-01-10T00:00:00"),
    (("received_on",), "\uff12\uff10\uff12\uff15-01-10"),
    (("received_on",), "2025-01-1\u0660"),
    (("plan", "reviewed_on"), ["2025-02-01", "2025-02-30"]),
    # text: the whitespace both routes treat as blank, lengths in code points
    (("team",), "\x1c"),
    (("team",), "\x1f\x1e"),
    (("team",), "\u3000\u2028"),
    (("team",), "\x85"),
    (("team",), "\u200b"),
    (("team",), "\ufeff"),
    (("team",), ""),
    (("team",), "x" * MAX_TEXT),
    (("team",), "x" * (MAX_TEXT + 1)),
    (("team",), "\U0001f600" * MAX_TEXT),
    (("team",), "\U0001f600" * (MAX_TEXT + 1)),
    (("team",), "\x00"),
    (("team",), "\ud800"),
    (("capacity_decisions", 0, "practicable_steps"), ["ok", " \t"]),
    (("capacity_decisions", 0, "practicable_steps"), []),
    # ids
    (("concern_id",), "C\u0663"),
    (("concern_id",), "ÀB"),
    (("concern_id",), "a" * 64),
    (("concern_id",), "a" * 65),
    (("concern_id",), "-a"),
    (("concern_id",), "a-b.c:d/e_f"),
    (("concern_id",), "a\n"),
    (("concern_id",), "Ⅻ"),
    (("concern_id",), "²"),
    # types
    (("schema_version",), 1),  # the oldest version: the fast route leaves it to the canonical one to migrate
    (("schema_version",), 0),
    (("schema_version",), SCHEMA_VERSION + 1),
    (("schema_version",), 1.0),
    (("schema_version",), True),
    (("schema_version",), 10**30),
    (("adult", "interpreter_needed"), 1),
    (("stage",), None),
    (("risks",), None),
    (("risks",), []),
    (("adult", "strengths"), {}),
    (("contact",), None),
    (("contact",), {}),
    (("adult",), None),
    (("history", 0, "actor"), None),
]


class TestEdgeCases:
    """Edge values, odd JSON text and offsets give the same result on the fast and canonical routes."""

    @pytest.mark.parametrize(("path", "value"), EDGE_VALUES, ids=repr)
    def test_edge_values(self, path, value):
        data = _with(path, value)
        assert_routes_agree(json.dumps(data))
        assert_routes_agree(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"))

    @pytest.mark.parametrize(
        "text",
        [
            _doc('"concern_id": "C1", "concern_id": "C2", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"}'),
            _doc('"concern\\u005fid": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": NaN}'),
            "\ufeff" + _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"} x'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01",}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01"}\n'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "a\x01b"}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1", "adult_id": 5}, "received_on": "2025-01-01"}'),
            # after the JSON builder refuses, msgspec parses again only where it gives what json.loads gives
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "\\ud800"}'),
            _doc('"concern_id": 5, "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "\\ud800"}'),
            _doc('"concern_id": 5, "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": 1e400}'),
            _doc('"concern_id": 5, "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": NaN}'),
            _doc(
                '"concern_id": 5, "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": 1' + "0" * 30 + "}"
            ),
            "[]",
            "null",
            "",
            "[" * 5000,
            # refused alike by every route (docs/json.md): each located, the fast route never takes it
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": Infinity}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": -1e309}'),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": 9'
                + "9" * 5000
                + "}"
            ),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1", "\\udc00": 1}, "received_on": "2025-01-01"}'),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "\\ud83d\\udc0"}'
            ),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025", "team": "\\ud83d\\udc00"}'),
            _doc('"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "\\ud83d"}'),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": "a\\u003ab",'
                ' "team": "a\\u003ab"}'
            ),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "risks": ['
                '{"risk_id": "R1", "type_of_risk": "physical_abuse"}, {"risk_id": "R2", "risk_id": "R2",'
                ' "type_of_risk": "physical_abuse"}]}'
            ),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "adult": {"adult_id": "A2"}, "received_on": "2025"}'
            ),
            _doc(
                '"concern_id": "C1", "adult": {"adult_id": "A1"}, "received_on": "2025-01-01", "team": 1, "team": null}'
            ),
        ],
    )
    def test_json_text_edge_cases(self, text):
        assert_routes_agree(text)
        for encoding in ("utf-8", "utf-16", "utf-8-sig"):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert_routes_agree(data)

    def test_other_record_classes(self):
        assert_routes_agree(_doc('"decision_id": "CD 1"}'), CapacityDecision)
        assert_routes_agree(_doc('"adult_id": "A1", "date_of_birth": "1950-01-01"}'), Adult)
        assert_routes_agree('{"adult_id": "A1"}', Adult)

    def test_a_lone_surrogate_never_enters_a_record_to_be_written(self):
        """Refused in a record built in Python too (docs/json.md), so no route ever writes one."""
        record = fast(json.dumps(_with(("team",), "ok")))
        with pytest.raises(InvalidRecord) as caught:
            attrs.evolve(record, team="a\ud800b")
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-ENCODING", "$.team")]
        with pytest.raises(InvalidRecord):
            msp.from_dict({**json.loads(to_json(record)), "team": "a\ud800b"})

    def test_offsets_are_kept(self):
        for offset in (timedelta(0), timedelta(hours=1), timedelta(hours=-9, minutes=-30), timedelta(seconds=30)):
            moment = datetime(2025, 1, 10, 9, tzinfo=timezone(offset))
            text = json.dumps(_with(("history", 0, "at"), moment.isoformat()))
            assert_routes_agree(text)
            record = from_json(text)
            assert record.history[0].at.utcoffset() == offset
            assert to_json(record) == canonical_text(record)


_json_values = json_values()


class TestRefusedJson:
    """What every route refuses (docs/json.md) is refused alike: never taken by the fast route, the same problems."""

    @given(concern=concerns(), data=st.data())
    def test_a_key_given_twice_anywhere(self, concern, data):
        document = obj(json.loads(canonical_text(concern)))
        path, target = data.draw(st.sampled_from(_objects(document)))
        key, value = data.draw(st.sampled_from(target.pairs))
        again = data.draw(st.sampled_from([value, obj(data.draw(_json_values))]))
        position = data.draw(st.integers(0, len(target.pairs)))
        twice = Obj((*target.pairs[:position], (key, again), *target.pairs[position:]))
        text = write(_replace(document, path, twice), data.draw(st.sampled_from(STYLES)))
        assert_routes_agree(text)
        with pytest.raises(InvalidRecord) as caught:
            from_json(text)
        assert ("SHAPE-JSON", f"{path}.{key}") in [(p.code, p.path) for p in caught.value.problems]

    @given(concern=concerns(), data=st.data())
    def test_a_refused_value_anywhere(self, concern, data):
        original = json.loads(canonical_text(concern))
        path = data.draw(st.sampled_from(_paths(original)))
        token = data.draw(st.sampled_from(["NaN", "-Infinity", "1e400", "3" * 400, '"\\udbff"']))
        marker = "\ue000msp-marker\ue000"
        broken = copy.deepcopy(original)
        target: Any = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = marker
        text = json.dumps(broken, ensure_ascii=False).replace(json.dumps(marker, ensure_ascii=False), token)
        assert_routes_agree(text)
        with pytest.raises(InvalidRecord) as caught:
            from_json(text)
        where = "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
        code = "SHAPE-ENCODING" if token.startswith('"') else "SHAPE-JSON"
        assert [(p.code, p.path) for p in caught.value.problems] == [(code, where)]


class TestMutatedRecords:
    """Any value replaced, deleted or added gives the same result on both routes."""

    @given(concern=concerns(), data=st.data())
    def test_any_value_anywhere(self, concern, data):
        original = json.loads(canonical_text(concern))
        path = data.draw(st.sampled_from(_paths(original)))
        broken = copy.deepcopy(original)
        target: Any = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = data.draw(_json_values)
        assert_routes_agree(json.dumps(broken))

    @given(concern=concerns(), data=st.data())
    def test_deleting_or_adding_a_key(self, concern, data):
        original = json.loads(canonical_text(concern))
        keyed = [p for p in _paths(original) if isinstance(p[-1], str)]
        path = data.draw(st.sampled_from(keyed))
        broken = copy.deepcopy(original)
        target: Any = broken
        for step in path[:-1]:
            target = target[step]
        if data.draw(st.booleans()):
            del target[path[-1]]
        else:
            target[data.draw(st.sampled_from(["extra", path[-1] + "_", "schema_version"]))] = None
        assert_routes_agree(json.dumps(broken))


class TestFirstUse:
    """Threads that ask for the fast routes at the same time all get them."""

    def test_threads_asking_at_once_all_get_the_fast_routes(self):
        code = (
            "import json, threading, msp\n"
            "from msp.convert import _fast\n"
            "from msp.synth import generate\n"
            "text = json.dumps(next(generate(1, seed=1)))\n"
            "barrier = threading.Barrier(8)\n"
            "def work():\n"
            "    barrier.wait()\n"
            "    record = msp.from_json(text)\n"
            "    assert record == msp.from_dict(json.loads(text))\n"
            "    msp.to_json(record)\n"
            "threads = [threading.Thread(target=work) for _ in range(8)]\n"
            "for t in threads: t.start()\n"
            "for t in threads: t.join()\n"
            "assert not _fast._MODEL._unsupported, _fast._MODEL._unsupported\n"
            "for find in (_fast.decoder_for, _fast.dict_builder_for, _fast.encoder_for):\n"
            "    assert find(msp.Concern) is not None\n"
            "print('ok')\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


class TestWithoutMsgspec:
    """Without msgspec, from_json and to_json work through the canonical route."""

    def test_the_canonical_route_works_without_msgspec(self):
        code = (
            "import sys, json; sys.modules['msgspec'] = None\n"
            "import msp\n"
            "from msp.convert import _converter as convert, _fast\n"
            "assert not _fast.AVAILABLE and convert._fast() is None\n"
            "assert _fast.decoder_for(msp.Concern) is None and _fast.encoder_for(msp.Concern) is None\n"
            "assert _fast.dict_builder_for(msp.Concern) is not None\n"
            "text = json.dumps({'schema_version': msp.SCHEMA_VERSION, 'concern_id': 'C1', 'adult': {'adult_id': 'A1'},"
            " 'received_on': '2025-01-02'})\n"
            "record = msp.from_json(text)\n"
            "assert record == msp.from_dict(json.loads(text)) == convert._from_json_canonical(text, msp.Concern)\n"
            "assert msp.to_json(record) == text.replace(', ', ',').replace(': ', ':'), msp.to_json(record)\n"
            "print('ok')\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


def test_dates_in_the_model_are_plain_dates():
    record = fast(json.dumps(BASE))
    assert type(record.received_on) is date
    assert type(record.plan.reviewed_on[0]) is date
    assert msp.to_dict(record) == BASE


# -- the dict route ----------------------------------------------------------------------------


def dict_route(data: Any, cls: type = Concern) -> Any:
    build = _fast.dict_builder_for(cls)
    assert build is not None
    return build(data)


def canonical_dict(data: Any, cls: type = Concern) -> Any:
    return cv._from_dict_canonical(data, cls)


def assert_dict_routes_agree(data: Any, cls: type = Concern) -> None:
    """As assert_routes_agree, for from_dict and the dict route."""
    kind_fast, fast_result = outcome(dict_route, data, cls)
    kind_canonical, canonical_result = outcome(canonical_dict, data, cls)
    if kind_fast == "record":
        assert kind_canonical == "record", f"dict route accepted what the canonical route refuses: {data!r}"
        assert_same_record(fast_result, canonical_result)
    kind_public, public_result = outcome(msp.from_dict, data, cls)
    assert kind_public == kind_canonical
    if kind_canonical == "record":
        assert_same_record(public_result, canonical_result)
    else:
        assert isinstance(public_result, InvalidRecord)
        assert isinstance(canonical_result, InvalidRecord)
        assert public_result.problems == canonical_result.problems
        assert public_result.record_id == canonical_result.record_id


class _Text(str):
    __slots__ = ()


class _Version(enum.IntEnum):
    ONE = 1


class _Pair(NamedTuple):
    first: Any
    second: Any


class _List(list):  # type: ignore[type-arg]
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


_PYTHON_VALUES = [
    date(2025, 1, 10),
    datetime(2025, 1, 10, 9, tzinfo=timezone.utc),
    CaseStage.CLOSED,
    TypeOfRisk.SELF_NEGLECT,
    _Text("closed"),
    _Text("C1"),
    _Version.ONE,
    1.0,
    Decimal(1),
    b"2025-01-10",
    (),
    ("self_neglect",),
    frozenset(),
    {"a"},
    _List(),
    _Pair("a", "b"),
    collections.OrderedDict(),
    types.MappingProxyType({}),
    _Dict(),
    object(),
]


class TestDictRoute:
    """The fast from_dict route agrees with the canonical one on valid, broken and odd Python input."""

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_hypothesis_records(self, cls, data):
        record = data.draw(STRATEGIES[cls]())
        out = msp.to_dict(record)
        assert_same_record(dict_route(out, cls), record)
        assert_dict_routes_agree(out, cls)

    def test_synthetic_records_valid_and_broken(self):
        broken = 0
        for data in generate(400, seed=9, invalid_share=0.5):
            assert_dict_routes_agree(data)
            try:
                canonical_dict(data)
            except InvalidRecord:
                broken += 1
                with pytest.raises(Exception):  # noqa: B017
                    dict_route(data)
        assert broken > 100

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_malformed_corpus(self, changes, expected):
        data = _edit(BASE, *changes)
        with pytest.raises(Exception):  # noqa: B017
            dict_route(data)
        assert_dict_routes_agree(data)

    @pytest.mark.parametrize(("path", "value"), EDGE_VALUES, ids=repr)
    def test_edge_values(self, path, value):
        assert_dict_routes_agree(_with(path, value))

    @pytest.mark.parametrize("value", _PYTHON_VALUES, ids=repr)
    @pytest.mark.parametrize(
        "path",
        [
            ("schema_version",),
            ("concern_id",),
            ("received_on",),
            ("team",),
            ("stage",),
            ("risks",),
            ("risks", 0),
            ("risks", 0, "type_of_risk"),
            ("adult",),
            ("adult", "health_conditions"),
            ("plan", "reviewed_on"),
            ("plan", "reviewed_on", 0),
            ("capacity_decisions", 0, "practicable_steps"),
            ("capacity_decisions", 0, "practicable_steps", 0),
            ("decision", "exit_routes"),
            ("history", 0, "at"),
            ("contact", "spoken_to"),
        ],
    )
    def test_python_objects_where_json_values_belong(self, path, value):
        assert_dict_routes_agree(_with(path, value))

    @pytest.mark.parametrize(
        "make",
        [collections.OrderedDict, types.MappingProxyType, _Dict, dict],
        ids=["OrderedDict", "MappingProxyType", "dict subclass", "dict"],
    )
    def test_mappings_other_than_dict(self, make):
        data = copy.deepcopy(BASE)
        assert_dict_routes_agree(make(data))
        data["adult"] = make(data["adult"])
        assert_dict_routes_agree(data)

    def test_keys_that_are_not_text(self):
        for key in (5, None, True, ("concern_id",), _Text("team")):
            data = copy.deepcopy(BASE)
            data[key] = "x"
            assert_dict_routes_agree(data)

    def test_tuples_are_read_as_lists(self):
        data = copy.deepcopy(BASE)
        data["risks"] = tuple(data["risks"])
        data["plan"]["reviewed_on"] = tuple(data["plan"]["reviewed_on"])
        assert_same_record(dict_route(data), canonical_dict(data))

    @given(concern=concerns(), data=st.data())
    def test_any_value_anywhere(self, concern, data):
        original = msp.to_dict(concern)
        path = data.draw(st.sampled_from(_paths(original)))
        broken = copy.deepcopy(original)
        target: Any = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = data.draw(_json_values | st.sampled_from(_PYTHON_VALUES))
        assert_dict_routes_agree(broken)


# -- how the builders make records, and the canonical route's fast parts ----------------------


def _parts(record: Any) -> Any:
    """Every record object inside ``record`` (itself included)."""
    yield record
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        for item in value if type(value) is tuple else (value,):
            if attrs.has(type(item)):
                yield from _parts(item)


class TestBuilders:
    """The fast route's builders make records of the library's own classes, or defer to the canonical route."""

    def test_records_are_of_their_own_class(self):
        for data in generate(50, seed=4):
            for record in (fast(json.dumps(data)), dict_route(data)):
                for part in _parts(record):
                    assert type(part) in STRATEGIES, type(part)
                    hash(part)  # every slot is set
                    with pytest.raises(attrs.exceptions.FrozenInstanceError):
                        part.__setattr__("x", 1)

    def test_a_class_with_a_slot_that_is_not_a_field_takes_the_canonical_route(self):
        @attrs.frozen(slots=True, kw_only=True, cache_hash=True)
        class Hashed:
            name: str = _fast._fields.required_text(doc="a name")

        assert _fast.decoder_for(Hashed) is None
        assert _fast.dict_builder_for(Hashed) is None
        assert _fast.part_builder_for(Hashed) is None
        assert "slots that are not fields" in _fast._MODEL._unsupported[Hashed]

    def test_the_library_canonical_route_gives_the_reference_problems(self):
        # from_dict's canonical route tries the fast route on each nested record first; the
        # reference (cattrs alone) must find exactly the same problems, in the same order.
        assert cv._hook(Concern) is not cv._reference_hook(Concern)
        broken = 0
        for data in generate(300, seed=9, invalid_share=0.6):
            for hook in (cv._hook(Concern), cv._STRICT.get_structure_hook(Concern)):
                kind, got = outcome(lambda d, c, h=hook: cv._from_dict_canonical(d, c, h), data, Concern)
                kind_reference, reference = outcome(canonical_dict, data, Concern)
                assert kind == kind_reference
                if kind == "record":
                    assert_same_record(got, reference)
                else:
                    broken += 1
                    assert got.problems == reference.problems
                    assert got.record_id == reference.record_id
        assert broken > 100

    @given(concern=concerns(), data=st.data())
    def test_the_library_canonical_route_on_any_value_anywhere(self, concern, data):
        record = msp.to_dict(concern)
        paths = list(_paths(record))
        path = data.draw(st.sampled_from(paths))
        value = data.draw(st.sampled_from([None, 1, "", " ", "x", [], {}, [{}], {"x": 1}, "2025-02-30", True]))
        changed = _edit(record, (path, value))
        assert_dict_routes_agree(changed)
        kind, got = outcome(lambda d, c: cv._from_dict_canonical(d, c, cv._hook(c)), changed, Concern)
        kind_reference, reference = outcome(canonical_dict, changed, Concern)
        assert kind == kind_reference
        if kind == "error":
            assert got.problems == reference.problems
