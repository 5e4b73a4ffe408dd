"""The benchmark's peer models (benchmarks/peers.py) are honest mirrors of the msp model.

Same fields in the same order with the same defaults, and the same verdict as
msp on the same valid and invalid records. Skipped where pydantic or msgspec is
not installed (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, get_args, get_type_hints

import attrs
import pytest
from hypothesis import given

from msp import SCHEMA_VERSION, InvalidRecord, from_json, to_json
from msp.convert import OLDEST_SCHEMA_VERSION
from msp.errors import ID_PATTERN
from msp.model._fields import MAX_TEXT
from msp.model.spec import Kind, field_specs
from msp.synth import generate
from tests.convert.test_convert import BASE, DELETE, MALFORMED, _edit
from tests.strategies import STRATEGIES, concerns

pytest.importorskip("pydantic", reason="the bench extra (pydantic) is not installed")
msgspec = pytest.importorskip("msgspec", reason="the fast extra (msgspec) is not installed")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import peers  # noqa: E402

STRUCT_DECODE = msgspec.json.Decoder(peers.STRUCT_ROOT).decode


def verdicts(text: str | bytes) -> tuple[bool, bool, bool]:
    """(msp accepts, pydantic peer accepts, msgspec peer accepts)."""
    try:
        from_json(text)
        ours = True
    except InvalidRecord:
        ours = False
    try:
        peers.PYDANTIC_ROOT.model_validate_json(text)
        pydantic_ok = True
    except ValueError:  # pydantic.ValidationError is a ValueError
        pydantic_ok = False
    try:
        STRUCT_DECODE(text)
        struct_ok = True
    except (msgspec.ValidationError, msgspec.DecodeError):
        struct_ok = False
    return ours, pydantic_ok, struct_ok


class TestSameShape:
    """The benchmark's peer models have msp's fields, in order, with the same defaults."""

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_fields_defaults_and_order_match(self, cls):
        ours = [(a.name, None if a.default is attrs.NOTHING else a.default) for a in attrs.fields(cls)]
        model = getattr(peers, f"P{cls.__name__}")
        pydantic_fields = [
            (name, None if field.is_required() else field.default) for name, field in model.model_fields.items()
        ]
        struct = getattr(peers, f"S{cls.__name__}")
        defaults = dict(zip(struct.__struct_fields__[::-1], struct.__struct_defaults__[::-1], strict=False))
        struct_fields = [(name, defaults.get(name)) for name in struct.__struct_fields__]
        assert pydantic_fields == ours
        assert struct_fields == ours

    def test_outer_records_carry_schema_version(self):
        assert "schema_version" in peers.PYDANTIC_ROOT.model_fields
        assert "schema_version" in peers.STRUCT_ROOT.__struct_fields__

    def test_the_peers_read_the_current_version_only(self):
        """The peers read SCHEMA_VERSION and nothing else: a newer version is refused by all, and an older
        one is read by msp alone (it migrates it on the way in), a deliberate difference the benchmark data
        (all at the current version) never meets."""
        assert verdicts(json.dumps(_edit(BASE, (("schema_version",), SCHEMA_VERSION + 1)))) == (False, False, False)
        old = _edit(BASE, (("schema_version",), OLDEST_SCHEMA_VERSION), (("capacity_decisions", 0, "subject"), DELETE))
        assert verdicts(json.dumps(old)) == (True, False, False)


class TestSameVerdicts:
    """The peer models accept and refuse exactly the records msp accepts and refuses."""

    def test_the_hand_written_record(self):
        assert verdicts(json.dumps(BASE)) == (True, True, True)

    def test_synthetic_records_valid_and_broken(self):
        seen = {True: 0, False: 0}
        for data in generate(600, seed=21, invalid_share=0.3):
            found = verdicts(json.dumps(data))
            assert len(set(found)) == 1, (found, data)
            seen[found[0]] += 1
        assert seen[True] > 300
        assert seen[False] > 100

    @pytest.mark.parametrize(("changes", "expected"), MALFORMED)
    def test_the_malformed_corpus_is_refused_by_all(self, changes, expected):
        assert verdicts(json.dumps(_edit(BASE, *changes))) == (False, False, False)

    @given(concerns())
    def test_generated_concerns_are_accepted_by_all(self, concern):
        assert verdicts(to_json(concern)) == (True, True, True)

    @pytest.mark.parametrize(
        ("path", "value", "accepted"),
        [
            (("pauses",), [{"paused_on": "2025-01-20", "resumed_on": "2025-02-01"}], True),
            (("pauses",), [{"paused_on": "2025-01-10"}], False),  # before the enquiry started
            (("pauses",), [{"paused_on": "2025-01-20"}, {"paused_on": "2025-02-10"}], False),  # an open pause first
            (
                ("pauses",),
                [{"paused_on": "2025-01-20", "resumed_on": "2025-02-01"}, {"paused_on": "2025-01-25"}],
                False,
            ),
            (("pauses",), [{"paused_on": "2025-01-20", "resumed_on": "2025-01-19"}], False),
            (("liberty",), {"applied_on": "2025-02-01", "authorised_on": "2025-02-10"}, True),
            (("liberty",), {"applied_on": "2025-02-01", "authorised_on": "2025-01-31"}, False),
            (
                ("people_alleged",),
                [
                    {
                        "person_id": "P1",
                        "domestic_abuse": {"assessed_on": "2025-01-12", "marac_referred_on": "2025-01-11"},
                    }
                ],
                False,
            ),
            (
                ("people_alleged",),
                [
                    {
                        "person_id": "P1",
                        "risk_ids": ["R1"],
                        "relationship": "partner",
                        "domestic_abuse": {"risk_level": "high"},
                    }
                ],
                True,
            ),
            (
                ("consent",),
                {"to_enquiry": "refused", "acting_without_consent": {"grounds": ["crime", "risk_to_life"]}},
                True,
            ),
            (("consent",), {"acting_without_consent": {"grounds": ["no_such_ground"]}}, False),
            (
                ("crime",),
                {"crime_suspected": True, "kinds": ["care_worker_offence"], "police_informed_on": "2025-01-11"},
                True,
            ),
            (("children",), {"child_may_be_at_risk": True, "reasons": ["lives_in_household"]}, True),
            (("provider",), {"kind": "care_home", "cqc_location_id": "1-000000123"}, True),
            (("provider",), {"kind": "no_such_kind"}, False),
            (("links",), [{"concern_id": "C-0002", "reason": "same_adult"}], True),
            (("links",), [{"concern_id": "C-0002"}], False),  # a link needs its reason
            (("organisational_enquiry",), {"enquiry_id": "OE-1", "started_on": "2025-01-11"}, True),
            (
                ("organisational_enquiry",),
                {"enquiry_id": "OE-1", "started_on": "2025-01-11", "ended_on": "2025-01-10"},
                False,
            ),
            (
                ("enquiry", "caused"),
                {"requested_on": "2025-01-16", "report_received_on": "2025-02-01", "checked_on": "2025-02-03"},
                True,
            ),
            (("enquiry", "caused"), {"requested_on": "2025-01-16", "due_on": "2025-01-15"}, False),
            (("enquiry", "caused"), {"report_received_on": "2025-02-01", "checked_on": "2025-01-31"}, False),
            (
                ("meetings",),
                [{"kind": "strategy_meeting", "held_on": "2025-01-12", "attendees": [{"role": "GP"}]}],
                True,
            ),
            (("meetings",), [{"kind": "strategy_meeting"}], False),  # a meeting needs its date
            (
                ("route_changes",),
                [{"changed_on": "2025-01-20", "from_route": "other_enquiry", "to_route": "section_42_enquiry"}],
                True,
            ),
        ],
        ids=repr,
    )
    def test_the_legal_core_checks_agree(self, path: tuple[Any, ...], value: Any, accepted: bool):
        """The date-order checks of pauses, liberty, domestic abuse, organisational and caused enquiries, and
        the new codes and records, give one verdict."""
        assert verdicts(json.dumps(_edit(BASE, (path, value)))) == (accepted, accepted, accepted)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("team",), "\x1c"),
            (("team",), "\u3000"),
            (("team",), "x" * 20_001),
            (("concern_id",), "a" * 65),
            (("concern_id",), "C 1"),
            (("history", 0, "at"), "2025-01-10T09:00:00"),
            (("received_on",), "2025-01-10T00:00:00"),
            (("adult", "interpreter_needed"), "true"),
            (("plan", "actions", 0, "status"), "Planned"),
            (("team",), ""),
            (("concern_id",), ""),
            (("concern_id",), "-C1"),
            (("concern_id",), "C1\n"),
            (("adult", "adult_id"), "A\u00b2"),  # a digit to str.isalnum(), not to the id pattern
            (("history", 0, "actor", "user_id"), "u 1"),
            (("capacity_decisions", 0, "practicable_steps"), ["easy read", " "]),
            (("desired_outcomes", 1, "in_own_words"), "\t"),
            (("enquiry", "enquiry_id"), "E" * 65),
        ],
        ids=repr,
    )
    def test_constraints_at_the_edges_are_refused_by_all(self, path: tuple[Any, ...], value: Any):
        assert verdicts(json.dumps(_edit(BASE, (path, value)))) == (False, False, False)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("concern_id",), "C" * 64),
            (("concern_id",), "9"),
            (("concern_id",), "C.1:2/3_4-5"),
            (("team",), "x" * 20_000),
            (("team",), " padded "),
            (("team",), "\u00a0x"),
            (("capacity_decisions", 0, "practicable_steps"), ["a", "b c"]),
        ],
        ids=repr,
    )
    def test_constraints_at_the_edges_are_accepted_by_all(self, path: tuple[Any, ...], value: Any):
        assert verdicts(json.dumps(_edit(BASE, (path, value)))) == (True, True, True)


class TestFairToMsgspec:
    """The msgspec peer states each constraint in msgspec's fastest idiom, and misses none."""

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    def test_ids_and_text_have_lengths_in_meta_and_a_check_after_decoding(self, cls):
        """Every id and text field of msp is an id or text field of the peer, whose ``Meta`` holds its lengths and
        no pattern (a Python call from C for every value): the pattern is checked in ``__post_init__``."""
        hints = get_type_hints(getattr(peers, f"S{cls.__name__}"), include_extras=True)
        for name, spec in field_specs(cls):
            expected = {Kind.ID: "id", Kind.TEXT: "text"}.get(spec.kind)
            if spec.kind is Kind.MANY and spec.item is str:
                expected = "texts"
            found = peers._kind(hints[name]) if name in hints else None
            assert (found and found[0]) == expected, name
            if found is not None:
                assert found[1] is (found[0] != "texts" and not spec.required), name
        for meta in (get_args(peers.SId)[1], get_args(peers.SText)[1]):
            assert meta.pattern is None
            assert meta.min_length == 1
            assert meta.max_length in (64, MAX_TEXT)

    def test_the_check_after_decoding_is_the_one_msp_makes(self):
        """The peer's ``__post_init__`` refuses what msp's builder refuses, with the same compiled pattern."""
        assert peers.ID_PATTERN is ID_PATTERN
        assert verdicts(json.dumps(_edit(BASE, (("concern_id",), "C_1")))) == (True, True, True)  # by the pattern
        assert verdicts(json.dumps(_edit(BASE, (("team",), "\u2028")))) == (False, False, False)  # str.isspace()
