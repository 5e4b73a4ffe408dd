"""What JSON this library reads (docs/json.md), the same on every route.

An object that gives a key twice, ``NaN``/``Infinity``, a number beyond a 64-bit float
and a lone surrogate are refused, each located by JSON path, never quoting a value:
by ``msp.convert._fast.read_json`` (checked here against an oracle that reads the
text's own structure), by msgspec's routes (which keep the last of duplicate keys
silently, so they prove there is none or hand over), and so by ``msp.from_json``
with and without msgspec, ``msp validate`` on JSON Lines and on a JSON array file,
one process or two, the Python API and the reports, which stay valid UTF-8.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import InvalidRecord
from msp.cli import main as cli_main
from msp.convert import _fast
from msp.io.batch import validate_path
from msp.io.readers import RawRecord, Reader, Unreadable
from msp.synth import generate
from tests.strategies import concerns

CANARY = "Zebedee Quuxworth"
"""A name that must never show in a message."""
BIG = 10**400
"""A whole number beyond the largest 64-bit float."""
LARGEST = int(1.7976931348623157e308)
"""The largest 64-bit float, as a whole number (309 digits): read."""


# -- JSON text with what a dict cannot hold ----------------------------------------------------


class Obj(NamedTuple):
    """A JSON object as its key-value pairs, in order, keys repeated as written."""

    pairs: tuple[tuple[str, Any], ...]


class Raw(NamedTuple):
    """A token written as it is: ``NaN``, ``Infinity``, ``1e400``, a long whole number."""

    text: str


STYLES = ("compact", "spaced", "indented", "ascii", "space-before-colon")


def write(value: Any, style: str = "spaced", depth: int = 0) -> str:
    """``value`` as JSON text in ``style`` (``Obj`` keeps its repeated keys, ``Raw`` is written as it is)."""
    ascii_only = style == "ascii"
    colon = {"compact": ":", "space-before-colon": " : "}.get(style, ": ")
    comma = "," if style == "compact" else ", "
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Obj):
        items = [f"{json.dumps(k, ensure_ascii=ascii_only)}{colon}{write(v, style, depth + 1)}" for k, v in value.pairs]
        if style == "indented" and items:
            pad = "\n" + "  " * (depth + 1)
            return "{" + pad + ("," + pad).join(items) + "\n" + "  " * depth + "}"
        return "{" + comma.join(items) + "}"
    if isinstance(value, list):
        items = [write(v, style, depth + 1) for v in value]
        if style == "indented" and items:
            pad = "\n" + "  " * (depth + 1)
            return "[" + pad + ("," + pad).join(items) + "\n" + "  " * depth + "]"
        return "[" + comma.join(items) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def obj(value: Any) -> Any:
    """A JSON value read by json.loads, with each dict as an ``Obj``."""
    if isinstance(value, dict):
        return Obj(tuple((k, obj(v)) for k, v in value.items()))
    if isinstance(value, list):
        return [obj(v) for v in value]
    return value


def _segment(path: str, key: str) -> str:
    plain = key[:1].isascii() and (key[:1].isalpha() or key[:1] == "_") and key.isascii()
    plain = plain and all(c.isalnum() or c == "_" for c in key) and len(key) <= 64
    return f"{path}.{key}" if plain else f"{path}.<key>"


def _lone(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def oracle(value: Any, path: str = "$") -> list[tuple[str, str]]:
    """The (code, path) of everything refused in ``value``, in document order, from its own structure.

    Written apart from the library: an object's keys are counted as written, and its values
    are those json.loads keeps (the last given for a key, where the key first came).
    """
    found: list[tuple[str, str]] = []
    if isinstance(value, Obj):
        counts = Counter(k for k, _ in value.pairs)
        found += [("SHAPE-JSON", _segment(path, k)) for k, n in counts.items() if n > 1]
        kept = dict(value.pairs)
        for key, child in kept.items():
            where = _segment(path, key)
            if _lone(key):
                found.append(("SHAPE-ENCODING", where))
            found += oracle(child, where)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += oracle(child, f"{path}[{i}]")
    elif isinstance(value, Raw):
        if value.text != str(LARGEST):
            found.append(("SHAPE-JSON", path))
    elif isinstance(value, str) and _lone(value):
        found.append(("SHAPE-ENCODING", path))
    return found


def _refused(text: str | bytes) -> list[tuple[str, str]]:
    try:
        _fast.read_json(text)
    except InvalidRecord as exc:
        refusal = exc
    else:
        return []
    assert refusal.record_id is None
    assert all(CANARY not in p.message for p in refusal.problems)
    return [(p.code, p.path) for p in refusal.problems]


_KEYS = st.sampled_from(["a", "b", "concern_id", "x y", "\u00e9t\u00e9", "\ud800k", ""])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from([CANARY, "\ud800", "a\udfffb", "\udc00\ud800", "\U0001f600", "\\ud800", "12:30"])
    | st.sampled_from(
        [Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("1e400"), Raw("-1e999"), Raw(str(BIG)), Raw(str(LARGEST))]
    )
    | st.sampled_from([Raw(str(-BIG)), Raw(str(LARGEST + 10**292))])
)
TREES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(_KEYS, inner), max_size=4).map(tuple).map(Obj),
    max_leaves=10,
)


class TestWhatIsRefused:
    """read_json refuses exactly what the oracle finds, at the oracle's paths, in any written style."""

    @given(tree=TREES, style=st.sampled_from(STYLES))
    def test_any_tree_in_any_style(self, tree, style):
        text = write(tree, style)
        expected = oracle(tree)
        assert _refused(text) == expected
        assert _refused(text.encode("utf-8", "surrogatepass")) == expected
        if not expected:
            assert _fast.read_json(text) == json.loads(text)
        _, end, problems = _fast.read_json_at(f"xx{text}  ", 2)
        assert end == len(text) + 2
        if style == "ascii" or not any(code == "SHAPE-ENCODING" for code, _ in expected):
            # read_json_at finds lone surrogates written as escapes (a reader reports raw ones as bytes)
            assert [(p.code, p.path) for p in problems] == expected

    def test_a_key_given_twice(self):
        text = '{"adult": {"adult_id": "A1", "adult_id": "' + CANARY + '"}, "b": [1, {"c": 1, "c": 2, "c": 3}]}'
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(text)
        first, second = caught.value.problems
        assert (first.code, first.path) == ("SHAPE-JSON", "$.adult.adult_id")
        assert "'adult_id' is given 2 times" in first.message
        assert (second.path, "3 times" in second.message) == ("$.b[1].c", True)
        assert CANARY not in str(caught.value)

    def test_keys_repeat_freely_across_objects(self):
        text = '{"risks": [{"id": 1, "kind": "a"}, {"id": 2, "kind": "a"}], "adult": {"id": 3}, "id": 4}'
        assert _fast.read_json(text) == json.loads(text)

    def test_a_key_that_is_not_a_plain_name_is_not_shown(self):
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(f'{{"{CANARY}": 1, "{CANARY}": 2}}')
        (problem,) = caught.value.problems
        assert problem.path == "$.<key>"
        assert problem.message.startswith("a key is given 2 times")
        assert "Zebedee" not in problem.message

    @pytest.mark.parametrize("name", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity(self, name):
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(f'{{"a": [1, {name}]}}')
        (problem,) = caught.value.problems
        assert (problem.code, problem.path) == ("SHAPE-JSON", "$.a[1]")
        assert problem.message.startswith(f"{name} is not a JSON number")
        assert "write null, or leave the field out" in problem.message

    @pytest.mark.parametrize(
        ("number", "refused"),
        [
            ("1e308", False),
            ("1.7976931348623157e308", False),
            ("1.7976931348623159e308", True),  # rounds past the largest float
            ("1e309", True),
            ("-1e400", True),
            (str(10**308), False),  # 309 digits, below the largest float
            (str(LARGEST), False),
            (str(LARGEST + 1), True),
            (str(-(LARGEST + 1)), True),
            ("9" * 5000, True),
            ("-" + "9" * 5000, True),
        ],
    )
    def test_numbers_up_to_the_largest_64_bit_float(self, number, refused):
        text = f'{{"n": {number}}}'
        if not refused:
            assert _fast.read_json(text) == json.loads(text)
            return
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(text)
        (problem,) = caught.value.problems
        assert (problem.code, problem.path) == ("SHAPE-JSON", "$.n")
        assert "JSON numbers are read up to 1.8e308 either side of 0" in problem.message
        if "e" not in number and "." not in number:
            assert f"a whole number of {len(number.lstrip('-')):,} digits" in problem.message
        assert number.lstrip("-")[:20] not in problem.message

    def test_a_5000_digit_number_is_located_not_a_value_that_could_not_be_read(self):
        line = _line(next(generate(1, seed=2)), '"team": ' + "7" * 5000)
        (item,) = list(Reader(io.BytesIO(line.encode()), "jsonl").records())
        assert isinstance(item, Unreadable)
        assert [(p.code, p.path) for p in item.problems] == [("SHAPE-JSON", "$.team")]
        assert "5,000 digits" in item.problems[0].message

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"t": "a\\ud800b"}', "$.t"),
            ('{"t": "\\udc00"}', "$.t"),
            ('{"t": "\\udc00\\ud800"}', "$.t"),  # a pair the wrong way round
            ('{"t": ["ok", "\\uDBFF"]}', "$.t[1]"),
            ('{"\\ud800": 1}', "$.<key>"),
            ('{"t": "a\ud800"}', "$.t"),  # the surrogate itself, in a Python str
        ],
    )
    def test_lone_surrogates(self, text, path):
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(text)
        (problem,) = caught.value.problems
        assert (problem.code, problem.path) == ("SHAPE-ENCODING", path)
        assert "lone surrogate" in problem.message
        assert "cannot be written as UTF-8" in problem.message

    def test_a_surrogate_encoded_in_bytes_is_refused_too(self):
        # json.loads decodes bytes with surrogatepass: CESU-8 bytes would give a lone surrogate
        assert _refused(b'{"t": "\xed\xa0\x80"}') == [("SHAPE-ENCODING", "$.t")]
        assert _refused('{"t": "\ud800"}'.encode("utf-16", "surrogatepass")) == [("SHAPE-ENCODING", "$.t")]

    @pytest.mark.parametrize("text", ['{"t": "\\ud83d\\ude00"}', '{"t": "\\\\ud800"}', '{"t": "\U0001f600"}'])
    def test_a_pair_and_an_escaped_backslash_are_text(self, text):
        assert _fast.read_json(text) == json.loads(text)

    def test_every_problem_at_once_in_document_order(self):
        text = '{"a": NaN, "b": {"c": 1, "c": "\\ud800"}, "d": [1e999], "a": Infinity}'
        assert _refused(text) == [
            ("SHAPE-JSON", "$.a"),
            ("SHAPE-JSON", "$.a"),
            ("SHAPE-JSON", "$.b.c"),
            ("SHAPE-ENCODING", "$.b.c"),
            ("SHAPE-JSON", "$.d[0]"),
        ]

    @pytest.mark.parametrize("text", ['{"a": 1,}', '{"a": 1} x', "", "\ufeff{}", '{"a": NaN, "b": }'])
    def test_text_that_is_not_json_raises_as_json_loads_does(self, text):
        with pytest.raises(json.JSONDecodeError) as ours:
            _fast.read_json(text)
        with pytest.raises(json.JSONDecodeError) as theirs:
            json.loads(text)
        assert (ours.value.msg, ours.value.pos) == (theirs.value.msg, theirs.value.pos)

    def test_a_refused_value_nested_as_deep_as_json_reads(self):
        depth = 900
        text = '{"a": ' * depth + "NaN" + "}" * depth
        with pytest.raises(InvalidRecord) as caught:
            _fast.read_json(text)
        assert caught.value.problems[0].path == "$" + ".a" * depth


@pytest.mark.skipif(not _fast.AVAILABLE, reason="the fast extra (msgspec) is not installed")
class TestMsgspecRoutes:
    """msgspec keeps the last of duplicate keys silently: its routes prove there is none, or hand over."""

    @given(tree=TREES, style=st.sampled_from(STYLES))
    def test_parse_json_gives_what_read_json_gives_or_hands_over(self, tree, style):
        text = write(tree, style)
        try:
            value = _fast.parse_json(text)
        except Exception:  # noqa: BLE001 - handed over: read_json decides
            return
        assert oracle(tree) == []
        assert value == _fast.read_json(text)

    def test_parse_json_takes_text_with_no_key_twice(self):
        for record in generate(20, seed=5, invalid_share=0.5):
            for text in (json.dumps(record), json.dumps(record, indent=2), json.dumps(record).encode()):
                assert _fast.parse_json(text) == json.loads(text)

    @pytest.mark.parametrize(
        "text",
        [
            '{"a": 1, "a": 1}',
            '{"a": {"b": "x:y", "b": "x:y"}}',
            '{"a": "\\u003a", "a": "\\u003a"}',  # an escaped colon: not proved, handed over
            '{"a": 1, "b": %s}' % ("1" * 309),
        ],
    )
    def test_parse_json_hands_over(self, text):
        with pytest.raises(Exception):  # noqa: B017 - any refusal hands the text over
            _fast.parse_json(text)

    @given(concern=concerns(), data=st.data())
    def test_the_json_route_refuses_a_key_given_twice_anywhere(self, concern, data):
        document = obj(json.loads(msp.to_json(concern)))
        paths = _objects(document)
        path, target = data.draw(st.sampled_from(paths))
        key, value = data.draw(st.sampled_from(target.pairs))
        again = data.draw(st.sampled_from([value, None, CANARY, 0, [], Obj(())]))
        position = data.draw(st.integers(0, len(target.pairs)))
        twice = Obj((*target.pairs[:position], (key, again), *target.pairs[position:]))
        text = write(_replace(document, path, twice), data.draw(st.sampled_from(STYLES)))
        decode = _fast.decoder_for(msp.Concern)
        assert decode is not None
        with pytest.raises(Exception):  # noqa: B017 - refused: the canonical route reports it
            decode(text)
        with pytest.raises(InvalidRecord) as caught:
            msp.from_json(text)
        where = path + "." + key
        assert ("SHAPE-JSON", where) in [(p.code, p.path) for p in caught.value.problems]
        assert CANARY not in str(caught.value)

    @given(concern=concerns(), style=st.sampled_from(STYLES))
    def test_the_json_route_takes_a_record_with_no_key_twice(self, concern, style):
        text = write(obj(json.loads(msp.to_json(concern))), style)
        decode = _fast.decoder_for(msp.Concern)
        assert decode is not None
        assert decode(text) == concern
        assert decode(text.encode()) == concern


def _objects(value: Any, path: str = "$") -> list[tuple[str, Obj]]:
    found: list[tuple[str, Obj]] = []
    if isinstance(value, Obj):
        if value.pairs:
            found.append((path, value))
        for key, child in value.pairs:
            found += _objects(child, f"{path}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _objects(child, f"{path}[{i}]")
    return found


def _replace(value: Any, path: str, new: Any) -> Any:
    """``value`` with the object at ``path`` (as :func:`_objects` names it) replaced by ``new``."""

    def walk(item: Any, where: str) -> Any:
        if where == path:
            return new
        if isinstance(item, Obj):
            return Obj(tuple((k, walk(v, f"{where}.{k}")) for k, v in item.pairs))
        if isinstance(item, list):
            return [walk(v, f"{where}[{i}]") for i, v in enumerate(item)]
        return item

    return walk(value, "$")


# -- every route ------------------------------------------------------------------------------

BAD = {
    "a key given twice": (f'"concern_id": "C9", "concern_id": "{CANARY}"', ("SHAPE-JSON", "$.concern_id")),
    "a nested key given twice": ('"adult": {"adult_id": "A1", "adult_id": "A2"}', ("SHAPE-JSON", "$.adult.adult_id")),
    "NaN": ('"team": NaN', ("SHAPE-JSON", "$.team")),
    "-Infinity": ('"team": -Infinity', ("SHAPE-JSON", "$.team")),
    "a 5,000-digit number": ('"team": ' + "1" * 5000, ("SHAPE-JSON", "$.team")),
    "a number beyond a float": ('"team": 2e308', ("SHAPE-JSON", "$.team")),
    "a lone surrogate": ('"team": "a\\ud800"', ("SHAPE-ENCODING", "$.team")),
    "a lone surrogate in a key": ('"\\udfff": 1', ("SHAPE-ENCODING", "$.<key>")),
}


def _line(record: dict[str, Any], bad: str) -> str:
    """``record`` as one JSON line ending with ``bad`` (the keys ``bad`` gives are taken out of ``record`` first)."""
    given = json.loads("{" + bad + "}", parse_int=str, parse_float=str, parse_constant=str)
    kept = {k: v for k, v in record.items() if k not in given}
    return json.dumps(kept)[:-1] + ", " + bad + "}"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A JSON Lines file and a JSON array file: a good record, then each bad one, then a good one."""
    records = list(generate(len(BAD) + 2, seed=13))
    lines = [
        json.dumps(records[0]),
        *(_line(r, bad) for r, (bad, _) in zip(records[1:], BAD.values(), strict=False)),
        json.dumps(records[-1]),
    ]
    folder = tmp_path_factory.mktemp("strict")
    jsonl = folder / "mixed.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    array = folder / "mixed.json"
    array.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    return jsonl, array, lines


def _expected() -> list[list[tuple[str, str]]]:
    return [[], *([where] for _, where in BAD.values()), []]


def _problems_of(line: str) -> list[tuple[str, str, str]]:
    try:
        msp.from_json(line)
    except InvalidRecord as exc:
        return [(p.code, p.path, p.message) for p in exc.problems]
    return []


def _from_json_problems(lines: list[str]) -> list[list[tuple[str, str, str]]]:
    return [_problems_of(line) for line in lines]


class TestEveryRoute:
    """The same findings, located the same, from every route that reads JSON; nothing lost."""

    def test_from_json(self, mixed):
        _, _, lines = mixed
        found = _from_json_problems(lines)
        assert [[(c, p) for c, p, _ in f] for f in found] == _expected()
        for text in lines:
            for data in (text.encode(), text.encode("utf-8", "surrogatepass")):
                assert _from_json_problems([data.decode()]) == _from_json_problems([text])

    def test_from_json_without_msgspec(self, mixed):
        _, _, lines = mixed
        code = (
            "import sys, json; sys.modules['msgspec'] = None\n"
            "import msp\n"
            "from msp.convert import _fast\n"
            "from msp.io.batch import validate_path\n"
            "assert not _fast.AVAILABLE\n"
            "found = []\n"
            "for line in json.loads(sys.stdin.read()):\n"
            "    try:\n"
            "        msp.from_json(line)\n"
            "        found.append([])\n"
            "    except msp.InvalidRecord as exc:\n"
            "        found.append([[p.code, p.path, p.message] for p in exc.problems])\n"
            "run = validate_path(sys.argv[1])\n"
            "batch = [[[f.code, f.path, f.message] for f in r.findings if f.code.startswith('SHAPE-')] for r in run]\n"
            "print(json.dumps([found, batch, run.summary.records_read]))\n"
        )
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code, str(mixed[0])],
            input=json.dumps(lines),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        found, batch, read = json.loads(done.stdout)
        expected = [[list(p) for p in problems] for problems in _from_json_problems(lines)]
        assert found == expected
        assert batch == expected
        assert read == len(lines)

    @pytest.mark.parametrize("jobs", [1, 2])
    @pytest.mark.parametrize("which", ["jsonl", "json array"])
    def test_validate_path(self, mixed, jobs, which):
        jsonl, array, lines = mixed
        run = validate_path(jsonl if which == "jsonl" else array, jobs=jobs)
        results = list(run)
        assert run.summary.records_read == run.summary.records_accounted == len(lines)
        assert run.summary.records_unreadable == len(BAD)
        shape = [[(f.code, f.path, f.message) for f in r.findings if f.code.startswith("SHAPE-")] for r in results]
        assert shape == _from_json_problems(lines)
        starts = [1 + i for i in range(len(lines))] if which == "jsonl" else [2 + i for i in range(len(lines))]
        assert [r.line for r in results] == starts
        assert [r.kind for r in results] == ["record", *["unreadable"] * len(BAD), "record"]

    @pytest.mark.parametrize("report", ["json", "csv", "text"])
    @pytest.mark.parametrize("which", [0, 1])
    def test_msp_validate_reports_are_valid_utf_8_and_name_no_value(self, mixed, tmp_path, capsys, report, which):
        source = mixed[which]
        out = tmp_path / f"report.{report}"
        code = cli_main(["validate", str(source), "--report", report, "-o", str(out), "--jobs", "2", "-q"])
        capsys.readouterr()
        assert code == 1
        written = out.read_bytes().decode("utf-8")  # strict: a lone surrogate would not decode
        assert CANARY not in written
        assert not _lone(written)
        if report == "json":
            findings = [json.loads(line) for line in written.splitlines()]
            summary = findings.pop()
            assert summary["records_read"] == summary["records_accounted"] == len(BAD) + 2
            located = {(f["line"], f["code"], f["path"]) for f in findings}
            first = 1 if which == 0 else 2
            for n, (_, (code_, path)) in enumerate(BAD.values(), start=first + 1):
                assert (n, code_, path) in located

    def test_the_reader_keeps_every_other_record(self, mixed):
        for path in mixed[:2]:
            items = list(Reader(path).records())
            assert [type(i) for i in items] == [RawRecord, *[Unreadable] * len(BAD), RawRecord]
            assert [[(p.code, p.path) for p in i.problems] for i in items if isinstance(i, Unreadable)] == [
                [where] for _, where in BAD.values()
            ]


class TestWhatRecordsHold:
    """A record read from JSON holds only text that UTF-8 can write: to_json's output always encodes."""

    def test_an_escaped_pair_is_one_character_and_written_back(self):
        text = _line(next(generate(1, seed=4)), '"team": "\\ud83d\\ude00 ok"')
        record = msp.from_json(text)
        assert record.team == "\U0001f600 ok"
        assert msp.to_json(record).encode("utf-8")
        assert msp.from_json(msp.to_json(record)) == record

    def test_no_route_gives_a_record_with_a_lone_surrogate(self):
        text = _line(next(generate(1, seed=4)), '"team": "a\\udc80"')
        with pytest.raises(InvalidRecord) as caught:
            msp.from_json(text)
        assert [(p.code, p.path) for p in caught.value.problems] == [("SHAPE-ENCODING", "$.team")]
        with pytest.raises(InvalidRecord):
            msp.from_json(text.encode())
        (item,) = list(Reader(io.BytesIO(text.encode()), "jsonl").records())
        assert isinstance(item, Unreadable)
