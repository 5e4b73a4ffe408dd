"""Records per second: JSON to validated records and back, msp side by side with its peers.

One command, from the repository root::

    pip install -e '.[bench]'
    python benchmarks/bench_convert.py

It generates synthetic concerns (:func:`msp.synth.generate`), writes each as
JSON bytes, builds the peer models (:mod:`peers`: pydantic v2 and a msgspec
``Struct`` with the same fields and constraints as :class:`msp.Concern`) and
prints one table of records per second, with the ratios the performance goals
are set against (docs/performance.md).

Broken input is measured too: the same number of records with 5 % of them
broken, and with every one broken (:data:`BROKEN_SHARES`). A refusal is an
answer there: msp's is every problem with its JSON path (checked before the
timing: every broken record refused by msp and by both peers, each problem
located), the peers' is their exception (pydantic collects its errors, msgspec
stops at the first).

Every contender runs over the same records in the same process, in blocks of
2,000 records run back to back by every contender; each block's best time
over the rounds counts, timed as CPU time of this process
(``time.process_time``), so other work on a shared machine disturbs the
ratios as little as possible.

With ``--runs N`` the whole measurement runs N times in the same process and the
ratios are printed for every run, then as a range (lowest to highest): the
range is what to quote on a shared machine.

Options: ``--records N`` (default 20000), ``--rounds R`` (default 5),
``--seed S`` (default 7), ``--runs N`` (default 1).

``--duplicate-keys`` measures only what refusing what JSON this library does not
read costs (docs/json.md; docs/performance.md, "Duplicate keys"): msgspec keeps the
last of a key given twice silently, so the JSON route proves that no key was
(``msp.convert._fast._unique_keys``). The route with the proof and the same route
without it (built for this measurement only) read the same records, written four
ways: compact (``orjson.dumps``), with spaces (``json.dumps``), indented, and
compact with every left-out field written as ``null`` or ``[]``. Beside them, the
readings that take a text the JSON route hands over, and the reading by ``json``,
each beside the reading it replaced.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import time
import typing
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import msgspec
import orjson
import peers

import msp
from msp.convert import _converter as convert
from msp.convert import _fast
from msp.synth import generate

_BLOCK = 2_000
"""Records per timed block."""


BROKEN_SHARES = {"5 % broken": 0.05, "every record broken": 1.0}
"""The broken inputs measured beside the valid records: their labels and the share of broken records."""


def corpora(records: int, seed: int) -> dict[str, list[bytes]]:
    """``records`` synthetic JSON records: all valid, and each mix of :data:`BROKEN_SHARES`."""
    found = {"valid": [orjson.dumps(record) for record in generate(records, seed=seed)]}
    for label, share in BROKEN_SHARES.items():
        found[label] = [orjson.dumps(record) for record in generate(records, seed=seed, invalid_share=share)]
    return found


def _refusing(fn: Callable[[Any], Any], refusal: type[Exception] | tuple[type[Exception], ...]) -> Callable[[Any], Any]:
    """``fn``, returning its exception instead of raising it: a refused record is an answer, not a failure."""

    def call(item: Any) -> Any:
        try:
            return fn(item)
        except refusal as error:
            return error

    return call


def _msp_or_problems(line: bytes) -> msp.Concern | tuple[msp.Problem, ...]:
    try:
        return msp.from_json(line)
    except msp.InvalidRecord as error:
        return error.problems  # every problem, each with its JSON path


def check_broken(data: dict[str, list[bytes]]) -> str:
    """Check every broken record is refused by msp with each problem located, and by both peers; say so."""
    struct_decode = msgspec.json.Decoder(peers.STRUCT_ROOT).decode
    pydantic_refusal = _refusing(peers.PYDANTIC_ROOT.model_validate_json, ValueError)
    struct_refusal = _refusing(struct_decode, msgspec.MsgspecError)
    said = []
    for label in BROKEN_SHARES:
        refused = problems = 0
        for line in data[label]:
            found = _msp_or_problems(line)
            if isinstance(found, tuple):
                assert found, "a refusal names at least one problem"
                assert all(problem.path.startswith("$") for problem in found), found
                assert isinstance(pydantic_refusal(line), ValueError), "the pydantic peer accepts a broken record"
                assert isinstance(struct_refusal(line), msgspec.MsgspecError), "the msgspec peer accepts it"
                refused += 1
                problems += len(found)
        said.append(f"{label}: {refused:,} of {len(data[label]):,} refused by all, {problems:,} problems located")
    return "; ".join(said)


def _contenders(
    data: dict[str, list[bytes]],
) -> tuple[list[tuple[str, Callable[[Any], Any], list[Any]]], dict[str, str]]:
    """(name, function, items) for every contender, and the section of each name."""
    lines = data["valid"]
    struct_decode = msgspec.json.Decoder(peers.STRUCT_ROOT).decode
    struct_encode = msgspec.json.Encoder().encode
    pyd = peers.PYDANTIC_ROOT

    def canonical_from_json(line: bytes) -> msp.Concern:
        return convert._from_json_canonical(line, msp.Concern)  # noqa: SLF001 - the reference route

    def from_json_without_msgspec(line: bytes) -> msp.Concern:
        return msp.from_dict(_fast.read_json(line))  # what from_json does where msgspec is not installed

    def canonical_to_json(record: msp.Concern) -> str:
        return convert._to_json_canonical(record, None)  # noqa: SLF001

    def pydantic_dump(model: Any) -> str:
        return model.model_dump_json()

    def pydantic_dump_lean(model: Any) -> str:
        return model.model_dump_json(exclude_defaults=True)

    decode = [
        ("parse only: orjson.loads", orjson.loads, lines),
        ("parse only: json.loads", json.loads, lines),
        ("peer: msgspec Struct", struct_decode, lines),
        ("peer: pydantic v2 model_validate_json", pyd.model_validate_json, lines),
        ("msp.from_json", msp.from_json, lines),
        ("msp.from_json without msgspec (json, dict route)", from_json_without_msgspec, lines),
        ("canonical cattrs route (json.loads, cattrs)", canonical_from_json, lines),
    ]
    sections = {name: "JSON -> validated objects" for name, _, _ in decode}
    broken = []
    for label in BROKEN_SHARES:
        rows = [
            (f"peer: msgspec Struct ({label})", _refusing(struct_decode, msgspec.MsgspecError), data[label]),
            (f"peer: pydantic v2 ({label})", _refusing(pyd.model_validate_json, ValueError), data[label]),
            (f"msp.from_json ({label})", _msp_or_problems, data[label]),
        ]
        sections.update({name: f"JSON, {label} -> objects or refusals" for name, _, _ in rows})
        broken += rows
    records = [msp.from_json(line) for line in lines]
    models = [pyd.model_validate_json(line) for line in lines]
    structs = [struct_decode(line) for line in lines]
    dicts = [orjson.loads(line) for line in lines]
    encode = [
        ("write only: orjson.dumps(dict)", orjson.dumps, dicts),
        ("peer: msgspec encode (omit defaults)", struct_encode, structs),
        ("peer: pydantic model_dump_json()", pydantic_dump, models),
        ("peer: pydantic model_dump_json(exclude_defaults)", pydantic_dump_lean, models),
        ("msp.to_json", msp.to_json, records),
        ("msp.to_json without msgspec (canonical route)", canonical_to_json, records),
    ]
    sections.update({name: "objects -> JSON" for name, _, _ in encode})
    return decode + broken + encode, sections


def _measure(rows: Sequence[tuple[str, Callable[[Any], Any], list[Any]]], rounds: int) -> dict[str, float]:
    """Records per second for each row: the best time of each block of records, summed.

    Blocks are short (about a tenth of a second) and every contender runs on the same
    block back to back, so a burst of other work on the machine spoils one block of
    one round, not the ratio.
    """
    count = len(rows[0][2])
    edges = [*range(0, count, _BLOCK), count]
    best: dict[str, list[float]] = {name: [float("inf")] * (len(edges) - 1) for name, _, _ in rows}
    for _ in range(rounds):
        for block, (lo, hi) in enumerate(itertools.pairwise(edges)):
            for name, fn, items in rows:
                chunk = items[lo:hi]
                start = time.process_time()
                for item in chunk:
                    fn(item)
                best[name][block] = min(best[name][block], time.process_time() - start)
    return {name: count / sum(best[name]) for name, _, _ in rows}


def _ratio(rates: dict[str, float], a: str, b: str) -> float:
    return rates[a] / rates[b]


_CHECKS: list[tuple[str, str, str, float | None]] = [
    ("msp.from_json / pydantic v2", "msp.from_json", "peer: pydantic v2 model_validate_json", 2.0),
    ("msp.from_json / orjson.loads (parse only)", "msp.from_json", "parse only: orjson.loads", 0.5),
    ("msp.to_json / pydantic model_dump_json()", "msp.to_json", "peer: pydantic model_dump_json()", 1.0),
    (
        "msp.to_json / pydantic model_dump_json(exclude_defaults)",
        "msp.to_json",
        "peer: pydantic model_dump_json(exclude_defaults)",
        1.0,
    ),
    (
        "msp.from_json / pydantic v2, 5 % broken",
        "msp.from_json (5 % broken)",
        "peer: pydantic v2 (5 % broken)",
        1.0,
    ),
    (
        "msp.from_json / pydantic v2, every record broken",
        "msp.from_json (every record broken)",
        "peer: pydantic v2 (every record broken)",
        1.0,
    ),
    ("msp.from_json / msgspec Struct peer", "msp.from_json", "peer: msgspec Struct", None),
    (
        "msp.from_json / msgspec Struct peer, every record broken",
        "msp.from_json (every record broken)",
        "peer: msgspec Struct (every record broken)",
        None,
    ),
    (
        "msp.from_json / canonical cattrs route",
        "msp.from_json",
        "canonical cattrs route (json.loads, cattrs)",
        None,
    ),
    (
        "without msgspec / canonical cattrs route",
        "msp.from_json without msgspec (json, dict route)",
        "canonical cattrs route (json.loads, cattrs)",
        None,
    ),
    ("msp.to_json / canonical route", "msp.to_json", "msp.to_json without msgspec (canonical route)", None),
]
"""(label, numerator, denominator, goal or None): the ratios the goals in docs/performance.md are set against."""


def _print_rates(rates: dict[str, float], sections: dict[str, str]) -> None:
    width = max(map(len, rates)) + 2
    section = ""
    for name, rate in rates.items():
        if sections[name] != section:
            section = sections[name]
            print(f"{section:<{width}}  {'records/s':>10}")
        print(f"  {name:<{width - 2}}  {rate:>10,.0f}")
    print()


def _verdict(values: list[float], target: float | None) -> str:
    if target is None:
        return ""
    met = "met" if min(values) >= target else ("MISSED" if max(values) < target else "met in some runs")
    return f">= {target:<4} {met}"


def _print_ratios(runs: list[dict[str, float]]) -> None:
    width = max(len(label) for label, *_ in _CHECKS)
    if len(runs) == 1:
        print(f"{'ratio':<{width}}  {'value':>6}  goal")
        for label, a, b, target in _CHECKS:
            value = _ratio(runs[0], a, b)
            print(f"{label:<{width}}  {value:>6.2f}  {_verdict([value], target)}")
        return
    head = "  ".join(f"{f'run {i}':>6}" for i in range(1, len(runs) + 1))
    print(f"{'ratio':<{width}}  {head}  {'range':>11}  goal")
    for label, a, b, target in _CHECKS:
        values = [_ratio(rates, a, b) for rates in runs]
        each = "  ".join(f"{v:>6.2f}" for v in values)
        span = f"{min(values):.2f}-{max(values):.2f}"
        print(f"{label:<{width}}  {each}  {span:>11}  {_verdict(values, target)}")


def _with_defaults_written(value: Any, cls: type) -> Any:
    """``value`` (a record's dict) with every field left out written with its default (``null``, ``[]``)."""
    hints = typing.get_type_hints(cls)
    full = dict(value)
    for field in attrs.fields(cls):
        inner = [t for t in (hints[field.name], *typing.get_args(hints[field.name])) if attrs.has(t)]
        if field.name not in full:
            if field.default is None or field.default == ():
                full[field.name] = None if field.default is None else []
        elif inner and isinstance(full[field.name], dict):
            full[field.name] = _with_defaults_written(full[field.name], inner[0])
        elif inner and isinstance(full[field.name], list):
            full[field.name] = [_with_defaults_written(v, inner[0]) for v in full[field.name]]
    return full


def duplicate_keys(records: int, seed: int, rounds: int, runs: int) -> None:
    """Print what refusing what JSON this library does not read costs (docs/json.md), each route beside itself.

    - msgspec's JSON route, with the proof that no key was given twice and without it,
      on the same records written four ways;
    - where the JSON route hands a text over (a broken record), msgspec's untyped reading
      with its proofs (``_fast.parse_json``) beside msgspec's untyped reading alone;
    - the strict reading by ``json`` (``_fast.read_json``: without msgspec, ``.json``
      files, the reference) beside ``json.loads``.
    """
    dicts = list(generate(records, seed=seed))
    forms = {
        "compact (orjson.dumps)": [orjson.dumps(d) for d in dicts],
        "spaces (json.dumps)": [json.dumps(d).encode() for d in dicts],
        "indented (json.dumps, indent=2)": [json.dumps(d, indent=2).encode() for d in dicts],
        "compact, left-out fields written": [orjson.dumps(_with_defaults_written(d, msp.Concern)) for d in dicts],
    }
    checked = _fast.decoder_for(msp.Concern)
    unchecked = _fast._decoder(msp.Concern, check_keys=False)  # noqa: SLF001 - the route without the proof
    assert checked is not None
    for lines in forms.values():  # the same records both ways
        assert [checked(line) for line in lines[:200]] == [unchecked(line) for line in lines[:200]]
    broken = [orjson.dumps(d) for d in generate(records, seed=seed, invalid_share=1.0)]
    untyped = msgspec.json.Decoder().decode
    compact = forms["compact (orjson.dumps)"]
    print(f"{records:,} synthetic concerns (seed {seed}); best of {rounds} rounds per block of {_BLOCK}, CPU time")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    pairs = {f"msgspec JSON route, {form}": (checked, unchecked, lines) for form, lines in forms.items()}
    pairs["broken records: msgspec untyped"] = (_fast.parse_json, untyped, broken)
    pairs["valid records: json (no msgspec)"] = (_fast.read_json, json.loads, compact)
    rows = []
    for label, (new, old, lines) in pairs.items():
        rows += [(f"{label}: checked", new, lines), (f"{label}: unchecked", old, lines)]
    ratios: dict[str, list[float]] = {label: [] for label in pairs}
    for _ in range(runs):
        rates = _measure(rows, rounds)
        for label in pairs:
            ratios[label].append(rates[f"{label}: unchecked"] / rates[f"{label}: checked"])
        width = max(map(len, rates)) + 2
        for name, rate in rates.items():
            print(f"  {name:<{width}}  {rate:>10,.0f} records/s")
    print("cost (time checked / time unchecked):")
    width = max(map(len, ratios)) + 2
    for label, values in ratios.items():
        span = f"{min(values):.2f}" if len(values) == 1 else f"{min(values):.2f}-{max(values):.2f}"
        print(f"  {label:<{width}}  {span}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole measurement; ratios as a range")
    parser.add_argument(
        "--duplicate-keys", action="store_true", help="measure only what refusing a key given twice costs"
    )
    args = parser.parse_args(argv)
    if args.duplicate_keys:
        duplicate_keys(args.records, args.seed, args.rounds, args.runs)
        return 0

    data = corpora(args.records, args.seed)
    rows, sections = _contenders(data)
    size = sum(map(len, data["valid"])) / args.records
    print(
        f"{args.records} synthetic concerns (seed {args.seed}), {size:.0f} bytes of JSON each on average;"
        f" best of {args.rounds} rounds per block of {_BLOCK}, CPU time"
    )
    packages = {"msp": "making-safeguarding-personal", "cattrs": "cattrs", "msgspec": "msgspec", "pydantic": "pydantic"}
    versions = ", ".join(f"{label} {version(dist)}" for label, dist in packages.items())
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {versions}")
    print(check_broken(data))
    print()
    runs = []
    for run in range(1, args.runs + 1):
        rates = _measure(rows, args.rounds)
        runs.append(rates)
        if args.runs > 1:
            print(f"run {run} of {args.runs} (load {os.getloadavg()[0]:.1f})")
        _print_rates(rates, sections)
    _print_ratios(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
