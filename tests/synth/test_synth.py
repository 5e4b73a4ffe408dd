"""Tests for msp.synth: reproducible, streaming, valid, realistic and private synthetic concerns."""

from __future__ import annotations

import ast
import collections
import hashlib
import importlib.util
import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import msp
from msp import synth
from msp.codes import CaseStage, DecisionSubject, InterpreterKind
from msp.synth import DEFAULT_START, generate, generate_concerns
from msp.synth import _tables as tables
from msp.synth import _weights as w

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

STAGES = tuple(stage.code for stage in CaseStage.in_order())
AS_AT = date(2026, 3, 31)
PAUSE_REASONS = ("Police investigation under way", "Police investigation ended")
"""The reasons of the history entries of a pause and its resumption (the stage is kept)."""
ROUTE_CHANGE_REASON = "New information: the section 42(1) conditions are met"
"""The reason of the history entry of a change of route (the stage is kept)."""


def lines(records: Iterable[dict[str, Any]]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]


def failure(record: dict[str, Any]) -> Exception | None:
    """The exception from_dict raises for ``record``, or None if it structures."""
    try:
        msp.from_dict(record)
    except Exception as exc:  # noqa: BLE001 - tests look at what kind it is
        return exc
    return None


def is_valid(record: dict[str, Any]) -> bool:
    error = failure(record)
    if error is not None and not isinstance(error, msp.InvalidRecord):
        raise error
    return error is None


@pytest.fixture(scope="module")
def valid_records() -> list[dict[str, Any]]:
    return list(generate(4000, seed=3))


# --------------------------------------------------------------------------
# Reproducibility, counts, streaming
# --------------------------------------------------------------------------


class TestReproducible:
    """Synthetic records depend only on the seed, and are generated lazily."""

    def test_same_seed_gives_identical_json_lines(self):
        """Two runs with the same arguments give byte-identical output."""
        first = lines(generate(400, seed=7, invalid_share=0.1))
        second = lines(generate(400, seed=7, invalid_share=0.1))
        assert first == second

    def test_different_seeds_give_different_records(self):
        """Another seed gives other records."""
        assert lines(generate(50, seed=1)) != lines(generate(50, seed=2))

    def test_default_seed_is_zero(self):
        """Leaving the seed out is the same as seed 0."""
        assert lines(generate(20)) == lines(generate(20, seed=0))

    def test_output_does_not_depend_on_hash_randomisation(self):
        """A fresh interpreter with another PYTHONHASHSEED writes the same bytes."""
        expected = hashlib.sha256("\n".join(lines(generate(150, seed=9, invalid_share=0.2))).encode()).hexdigest()
        code = (
            "import hashlib, json; from msp.synth import generate; "
            "text = '\\n'.join(json.dumps(r, ensure_ascii=False, separators=(',', ':')) "
            "for r in generate(150, seed=9, invalid_share=0.2)); "
            "print(hashlib.sha256(text.encode()).hexdigest())"
        )
        src = str(Path(msp.__file__).resolve().parents[1])
        for hash_seed in ("1", "12345"):
            env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": src}
            done = subprocess.run(  # noqa: S603 - our own interpreter and code
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            )
            assert done.stdout.strip() == expected

    @pytest.mark.parametrize("count", [0, 1, 1000])
    def test_count_is_honoured(self, count):
        """Exactly ``count`` records, numbered C000001 upwards."""
        records = list(generate(count, seed=4))
        assert len(records) == count
        assert [r["concern_id"] for r in records] == [f"C{n:06d}" for n in range(1, count + 1)]

    def test_generation_streams(self):
        """A huge count can be started and a few records taken straight away."""
        records = list(itertools.islice(generate(10**9, seed=5), 5))
        assert len(records) == 5
        concerns = list(itertools.islice(generate_concerns(10**9, seed=5), 3))
        assert len(concerns) == 3

    def test_generate_returns_an_iterator_not_a_list(self):
        """The result is a lazy iterator."""
        result = generate(10, seed=1)
        assert iter(result) is result
        assert not isinstance(result, list)


class TestArguments:
    """generate and generate_concerns refuse bad counts, shares, seeds and start dates."""

    def test_negative_count_is_refused(self):
        """A negative count raises ValueError at the call, not later."""
        with pytest.raises(ValueError, match="count"):
            generate(-1)

    @pytest.mark.parametrize("share", [-0.1, 1.5])
    def test_invalid_share_outside_0_1_is_refused(self, share):
        """invalid_share must be within 0-1."""
        with pytest.raises(ValueError, match="invalid_share"):
            generate(5, invalid_share=share)

    def test_seed_must_be_an_int(self):
        """A text seed is refused."""
        with pytest.raises(TypeError, match="seed"):
            generate(5, seed="7")  # type: ignore[arg-type]

    @pytest.mark.parametrize("start", [date(1199, 12, 31), date(9991, 1, 1)])
    def test_start_outside_the_years_covered_is_refused(self, start):
        """Dates of birth reach back a century and records run two years on: both must stay real dates."""
        with pytest.raises(ValueError, match="start must be from"):
            generate(1, start=start)

    @pytest.mark.parametrize("start", [date(1200, 1, 1), date(9990, 12, 31)])
    def test_start_at_the_edges_makes_valid_records(self, start):
        assert len(list(generate_concerns(200, seed=2, start=start))) == 200

    def test_start_must_be_a_date_not_a_datetime(self):
        """start is a calendar date."""
        with pytest.raises(TypeError, match="start"):
            generate(5, start=datetime(2024, 4, 1))  # noqa: DTZ001

    def test_generate_concerns_checks_its_arguments(self):
        """generate_concerns refuses what generate refuses."""
        with pytest.raises(ValueError, match="count"):
            generate_concerns(-3)


# --------------------------------------------------------------------------
# Valid and invalid records
# --------------------------------------------------------------------------


class TestValidRecords:
    """Valid synthetic records structure and round-trip to the same layout."""

    def test_every_record_structures_and_round_trips_to_the_same_layout(self, valid_records):
        """Each dict becomes a Concern, and to_dict gives back exactly the same JSON."""
        for record in valid_records:
            concern = msp.from_dict(record)
            assert json.dumps(msp.to_dict(concern)) == json.dumps(record)

    def test_records_carry_the_schema_version_first(self, valid_records):
        """schema_version leads every record."""
        for record in valid_records[:200]:
            assert next(iter(record)) == "schema_version"
            assert record["schema_version"] == msp.SCHEMA_VERSION

    def test_generate_concerns_matches_generate(self):
        """generate_concerns yields the Concern objects of generate's records."""
        concerns = list(generate_concerns(300, seed=8))
        assert all(isinstance(c, msp.Concern) for c in concerns)
        assert [msp.to_dict(c) for c in concerns] == list(generate(300, seed=8))

    def test_records_are_independent_objects(self):
        """Changing one yielded record never changes a later one."""
        first = list(generate(300, seed=6))
        for record in first:
            record["adult"].clear()
            record["risks"].clear()
        assert list(generate(300, seed=6)) != first
        assert all(is_valid(r) for r in generate(300, seed=6))


class TestInvalidRecords:
    """The invalid share is honoured and broken records cover every kind of damage."""

    def test_no_record_is_broken_by_default(self):
        """invalid_share=0 gives only valid records."""
        assert all(is_valid(r) for r in generate(1500, seed=12))

    def test_invalid_share_is_roughly_honoured_and_always_fails_with_invalid_record(self):
        """About the requested share fails, and only ever with InvalidRecord."""
        n = 4000
        errors = [failure(record) for record in generate(n, seed=13, invalid_share=0.1)]
        failed = [e for e in errors if e is not None]
        assert all(isinstance(e, msp.InvalidRecord) and e.problems for e in failed)
        assert abs(len(failed) - n * 0.1) <= 1

    @pytest.mark.parametrize(("count", "share"), [(120, 0.05), (1000, 0.33), (7, 0.5)])
    def test_share_is_met_closely_even_in_small_runs(self, count, share):
        """Broken records are spread one per run of 1/share records, so small files get their share."""
        failed = sum(not is_valid(r) for r in generate(count, seed=2025, invalid_share=share))
        assert abs(failed - count * share) <= 1

    def test_share_one_breaks_every_record(self):
        """invalid_share=1 breaks them all."""
        assert not any(is_valid(r) for r in generate(300, seed=14, invalid_share=1.0))

    def test_breaking_leaves_the_other_records_unchanged(self):
        """Records not chosen for breaking are the same as with invalid_share=0."""
        clean = lines(generate(800, seed=15))
        mixed = list(generate(800, seed=15, invalid_share=0.25))
        changed = 0
        for text, record in zip(clean, mixed, strict=True):
            if is_valid(record):
                assert lines([record]) == [text]
            else:
                changed += 1
        assert changed > 100

    def test_broken_records_cover_every_kind_of_damage(self):
        """Unknown code, bad date, wrong type, missing, extra key, date order and blank text all occur."""
        codes: collections.Counter[str] = collections.Counter()
        for record in generate(1500, seed=16, invalid_share=1.0):
            with pytest.raises(msp.InvalidRecord) as caught:
                msp.from_dict(record)
            codes.update({p.code for p in caught.value.problems})
        expected = {
            "SHAPE-CODE",
            "SHAPE-DATE",
            "SHAPE-TYPE",
            "SHAPE-MISSING",
            "SHAPE-EXTRA",
            "SHAPE-DATE-ORDER",
            "SHAPE-EMPTY",
        }
        assert expected <= set(codes)
        assert all(codes[code] >= 50 for code in expected)

    def test_broken_records_are_still_json_objects_with_a_schema_version(self):
        """Broken records stay JSON-serialisable objects."""
        for record in generate(300, seed=17, invalid_share=1.0):
            assert isinstance(json.loads(json.dumps(record)), dict)
            assert record["schema_version"] == msp.SCHEMA_VERSION


# --------------------------------------------------------------------------
# Stage and field consistency
# --------------------------------------------------------------------------


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture(scope="module")
def sample_20k() -> list[dict[str, Any]]:
    """The sample docs/synth.md measures: 20,000 records, seed=7 (the default period)."""
    return list(generate(20_000, seed=7))


def _longest_course() -> int:
    """The most days from receipt to closure: the sum of the longest gaps on the longest course."""
    return (
        w.GATHERING_LATER_DAYS.high
        + w.DECISION_LATER_DAYS.high
        + w.ENQUIRY_START_DAYS.high
        + w.PLAN_DAYS.high
        + max(w.CONCLUDED_AFTER_PLAN_DAYS.high, w.CEASED_DAYS.high)
        + w.CLOSED_AFTER_ENQUIRY_DAYS.high
    )


class TestWhenReceivedAndOpen:
    """Concerns arrive all through the period by the documented month weights, and only recent cases are open
    (issue 17: 28 % were open, and March 2026 had five times the concerns of another month)."""

    def test_concerns_by_month_follow_the_month_weights(self, sample_20k):
        """A chi-square test of the counts by month against the shares the weights give."""
        counts = collections.Counter(r["received_on"][:7] for r in sample_20k)
        expected = {month: share * len(sample_20k) for month, share in tables.month_shares()}
        assert len(expected) == 24
        assert set(counts) == set(expected)
        chi_square = sum((counts[month] - count) ** 2 / count for month, count in expected.items())
        assert chi_square < 49.7, chi_square  # 23 degrees of freedom: passed by chance 999 times in 1000

    def test_no_month_piles_up(self, sample_20k):
        """The last month has no more than its share, and no month has far more than another."""
        counts = collections.Counter(r["received_on"][:7] for r in sample_20k)
        others = [count for month, count in counts.items() if month != "2026-03"]
        assert counts["2026-03"] < 1.15 * sum(others) / len(others)
        assert max(counts.values()) < 1.35 * min(counts.values())

    def test_the_second_year_has_the_published_rise(self, sample_20k):
        """About 4 % more concerns in the second collection year than in the first (SAC 2023-24 to 2024-25)."""
        second = sum(r["received_on"] >= "2025-04-01" for r in sample_20k)
        first = len(sample_20k) - second
        shares = dict(tables.month_shares())
        expected = sum(v for m, v in shares.items() if m >= "2025-04") / sum(
            v for m, v in shares.items() if m < "2025-04"
        )
        assert 1.03 < expected < 1.05
        assert abs(second / first - expected) < 0.045  # about three standard errors of the ratio

    def test_open_share_is_small_and_is_what_the_durations_give(self, sample_20k):
        """About 4 % open (docs/synth.md: from 3 % to 5.5 % on this sample), within sampling error of the share
        worked out from the tables."""
        open_cases = sum(r.get("stage", "concern_received") != "closed" for r in sample_20k)
        share = open_cases / len(sample_20k)
        assert 0.03 <= share <= 0.055
        expected = 1 - dict(tables.stages())[CaseStage.CLOSED]
        assert abs(share - expected) < 4 * (expected * (1 - expected) / len(sample_20k)) ** 0.5

    def test_only_recent_cases_are_open(self, sample_20k):
        """Nothing received more than the longest course before the snapshot is open; most open cases are from the
        last month or two; a case received in the last week is mostly open."""
        longest = _longest_course()
        assert longest == 185  # docs/synth.md says so
        ages = [((AS_AT - day(r["received_on"])).days, r.get("stage", "concern_received")) for r in sample_20k]
        open_ages = [age for age, stage in ages if stage != "closed"]
        assert max(open_ages) <= longest
        assert sum(age <= 60 for age in open_ages) / len(open_ages) > 0.6
        last_week = [stage for age, stage in ages if age < 7]
        assert sum(stage != "closed" for stage in last_week) / len(last_week) > 0.75
        half_year_ago = [stage for age, stage in ages if 120 <= age < 180]
        assert sum(stage != "closed" for stage in half_year_ago) / len(half_year_ago) < 0.02

    def test_every_stage_occurs_in_the_share_the_tables_give(self, sample_20k):
        """Each stage's share of the sample is within sampling error of the share worked out from the tables."""
        counts = collections.Counter(r.get("stage", "concern_received") for r in sample_20k)
        assert set(counts) == set(STAGES)
        for stage, share in tables.stages():
            spread = 4 * (share * (1 - share) / len(sample_20k)) ** 0.5
            assert abs(counts[stage.code] / len(sample_20k) - share) < spread + 0.0005, stage

    def test_another_start_spreads_the_same_way(self):
        """A period starting mid-year follows the calendar months, with no pile-up at its end."""
        start = date(2031, 7, 1)
        records = list(generate(4000, seed=2, start=start))
        counts = collections.Counter(r["received_on"][:7] for r in records)
        expected = {month: share * len(records) for month, share in tables.month_shares(start)}
        assert set(counts) == set(expected)
        assert min(expected) == "2031-07"
        assert max(expected) == "2033-06"
        assert sum((counts[m] - e) ** 2 / e for m, e in expected.items()) < 49.7
        open_share = sum(r.get("stage", "concern_received") != "closed" for r in records) / len(records)
        assert 0.02 < open_share < 0.07


class TestStageConsistency:
    """Each synthetic record's fields, dates and history agree with its stage."""

    def test_most_cases_are_closed_and_open_ones_are_at_many_stages(self, valid_records):
        """Two years of cases are mostly closed; the open ones are spread over the stages (every stage occurs in
        the larger sample of TestWhenReceivedAndOpen)."""
        stages = collections.Counter(r.get("stage", "concern_received") for r in valid_records)
        assert 0.93 < stages["closed"] / len(valid_records) < 0.99
        assert len(set(stages) - {"closed"}) >= 5

    def test_fields_match_the_stage(self, valid_records):
        """Nothing is recorded that the stage has not reached, and what it has reached is there."""
        for r in valid_records:
            stage = r.get("stage", "concern_received")
            rank = STAGES.index(stage)
            if rank <= STAGES.index("information_gathering"):
                assert "decision" not in r
            else:
                assert r["decision"]["decided_on"]
            if stage == "decided":
                assert "enquiry" not in r
            if stage in ("enquiry", "plan_and_review"):
                assert "started_on" in r["enquiry"]
                assert "concluded_on" not in r["enquiry"]
            if stage == "plan_and_review":
                assert "plan" in r
            if stage in ("concluded", "ceased_at_adults_request"):
                assert "concluded_on" in r["enquiry"]
            if stage == "closed":
                assert r["closure"]["closed_on"]
                assert r["closure"]["reason"]
            else:
                assert "closure" not in r
            if stage == "concern_received":
                assert "stage" not in r  # the default is left out, as to_dict does

    def test_enquiry_type_follows_the_route(self, valid_records):
        """An enquiry exists only after a section 42 or other route, and agrees with it."""
        types = {"section_42_enquiry": "section_42", "other_enquiry": "other"}
        for r in valid_records:
            if "enquiry" in r:
                assert r["enquiry"]["enquiry_type"] == types[r["decision"]["route"]]
            elif r.get("decision", {}).get("route") == "no_enquiry":
                assert r["decision"]["exit_routes"]

    def test_sac_items_on_concluded_enquiries(self, valid_records):
        """SG2c only at conclusion; SG2e only after 'risk identified'; ceased enquiries are coded so."""
        concluded_s42 = 0
        for r in valid_records:
            enquiry = r.get("enquiry", {})
            concluded = "concluded_on" in enquiry
            for risk in r["risks"]:
                assert concluded or "action_and_result" not in risk
                if "risk_outcome" in risk:
                    assert risk["action_and_result"].startswith("risk_identified")
            ceased = r.get("stage") == "ceased_at_adults_request" or (
                r.get("stage") == "closed" and any(h["to_stage"] == "ceased_at_adults_request" for h in r["history"])
            )
            if ceased:
                assert all(risk["action_and_result"] == "ceased_at_request" for risk in r["risks"])
            if concluded and enquiry["enquiry_type"] == "section_42":
                concluded_s42 += 1
                if "advocacy_support" in enquiry:
                    assert enquiry["capacity_lacked"] == "yes"
        assert concluded_s42 > 300

    def test_desired_outcomes_only_when_expressed(self, valid_records):
        """Desired outcomes appear exactly where SG4a says outcomes were expressed."""
        for r in valid_records:
            assert bool(r.get("desired_outcomes")) == (r.get("msp_asked") == "asked_expressed")

    def test_best_interests_only_where_capacity_is_lacking(self, valid_records):
        """A best-interests decision is made only for a decision the adult lacks capacity for."""
        lacking = 0
        for r in valid_records:
            for decision in r.get("capacity_decisions", []):
                if "best_interests" in decision:
                    assert decision["outcome"] == "lacks_capacity"
                    assert decision["best_interests"]["decided_on"] >= decision["assessed_on"]
                if decision["outcome"] == "lacks_capacity":
                    lacking += 1
                    assert "understand" in decision
        assert lacking > 100

    def test_version_2_fields_are_filled_where_they_apply(self, valid_records):
        """Every capacity decision has a coded subject; an advocate is requested no later than instructed; who
        interpreted is given exactly where an interpreter was used, and is never a family member or friend."""
        subjects, requested, interpreted = set(), 0, 0
        for r in valid_records:
            for decision in r.get("capacity_decisions", []):
                subjects.add(DecisionSubject(decision["subject"]))
            for advocate in r["adult"].get("advocates", []):
                assert advocate["requested_on"] <= advocate["instructed_on"]
                requested += 1
            contact = r.get("contact", {})
            assert ("interpreted_by" in contact) == (contact.get("interpreter_used") is True)
            if "interpreted_by" in contact:
                assert contact["interpreted_by"] != InterpreterKind.FAMILY_OR_FRIEND.value
                interpreted += 1
        assert len(subjects) > 1
        assert requested > 0
        assert interpreted > 0

    def test_dates_run_in_order_and_stay_in_the_period(self, valid_records):
        """Receipt, decision, start, conclusion and closure are in order, within two collection years."""
        for r in valid_records:
            received = day(r["received_on"])
            assert DEFAULT_START <= received <= AS_AT
            chain = [received]
            if "decision" in r:
                chain.append(day(r["decision"]["decided_on"]))
            enquiry = r.get("enquiry", {})
            chain += [day(enquiry[k]) for k in ("started_on", "concluded_on") if k in enquiry]
            if "closure" in r:
                chain.append(day(r["closure"]["closed_on"]))
            assert chain == sorted(chain)
            assert chain[-1] <= AS_AT
            birth = r["adult"].get("date_of_birth")
            if birth is not None:
                assert (received - day(birth)).days >= 18 * 365

    def test_start_moves_the_period(self):
        """Another start date moves every record into its two years."""
        start = date(2020, 4, 1)
        for r in generate(500, seed=18, start=start):
            assert start <= day(r["received_on"]) <= date(2022, 3, 31)

    def test_history_walks_the_stages_in_order(self, valid_records):
        """History starts at concern_received, chains from_stage to to_stage, ends at the stage, in time order."""
        for r in valid_records:
            history = r["history"]
            assert history[0]["to_stage"] == "concern_received"
            assert "from_stage" not in history[0]
            for before, after in itertools.pairwise(history):
                assert after["from_stage"] == before["to_stage"]
                if after["to_stage"] == before["to_stage"]:
                    # a plan review, a pause of the enquiry or its resumption, or a change of route
                    assert (
                        after["to_stage"] == "plan_and_review"
                        or after.get("reason") == ROUTE_CHANGE_REASON
                        or (after["to_stage"] == "enquiry" and after["reason"] in PAUSE_REASONS)
                    )
                else:
                    assert STAGES.index(after["to_stage"]) > STAGES.index(before["to_stage"])
                assert datetime.fromisoformat(after["at"]) > datetime.fromisoformat(before["at"])
            assert history[-1]["to_stage"] == r.get("stage", "concern_received")
            reviews = sum(
                1
                for e in history
                if e.get("from_stage") == e["to_stage"] == "plan_and_review"
                and e.get("reason") not in (*PAUSE_REASONS, ROUTE_CHANGE_REASON)
            )
            assert reviews == len(r.get("plan", {}).get("reviewed_on", []))
            steps = [e.get("reason") for e in history if e.get("from_stage") == e["to_stage"]]
            pauses = r.get("pauses", [])
            assert steps.count("Police investigation under way") == len(pauses)
            assert steps.count("Police investigation ended") == sum("resumed_on" in p for p in pauses)
            for entry in history:
                assert entry["at"].endswith("+00:00")
                assert re.fullmatch(r"U\d{3}", entry["actor"]["user_id"])


# --------------------------------------------------------------------------
# Realism
# --------------------------------------------------------------------------


class TestRealism:
    """Synthetic data follows plausible national mixes and patterns."""

    def test_national_mixes_are_plausible(self, valid_records):
        """Neglect about a third of risks, own home a little under half, 85+ over-represented."""
        risks = [risk for r in valid_records for risk in r["risks"]]
        types = collections.Counter(risk["type_of_risk"] for risk in risks)
        places = collections.Counter(risk["location"] for risk in risks)
        assert 0.25 <= types["neglect_and_acts_of_omission"] / len(risks) <= 0.38
        assert 0.38 <= places["own_home"] / len(risks) <= 0.56
        assert len(types) == 11

        ages = [
            (day(r["received_on"]) - day(r["adult"]["date_of_birth"])).days / 365.25
            for r in valid_records
            if "date_of_birth" in r["adult"]
        ]
        assert min(ages) >= 18
        assert max(ages) >= 100
        assert sum(a >= 85 for a in ages) / len(ages) > 0.2

    def test_risk_results_follow_the_national_pattern(self, valid_records):
        """Most concluded risks are 'identified and action taken'; most identified risks are reduced or removed."""
        results = collections.Counter()
        outcomes = collections.Counter()
        for r in valid_records:
            for risk in r["risks"]:
                if "action_and_result" in risk:
                    results[risk["action_and_result"]] += 1
                if "risk_outcome" in risk:
                    outcomes[risk["risk_outcome"]] += 1
        assert 0.55 <= results["risk_identified_action_taken"] / sum(results.values()) <= 0.8
        assert (outcomes["reduced"] + outcomes["removed"]) / sum(outcomes.values()) >= 0.82

    def test_self_neglect_is_known_to_individual_self(self, valid_records):
        """Self-neglect is sourced 'Known to Individual - Self'."""
        for r in valid_records:
            for risk in r["risks"]:
                if risk["type_of_risk"] == "self_neglect":
                    assert risk["source"] == "known_to_individual"
                    assert risk.get("source_detail", "known_self") == "known_self"

    def test_some_adults_have_several_concerns(self, valid_records):
        """About one concern in ten is about an adult with another concern."""
        counts = collections.Counter(r["adult"]["adult_id"] for r in valid_records)
        shared = sum(n for n in counts.values() if n > 1) / len(valid_records)
        assert 0.05 <= shared <= 0.18

    def test_teams_and_codes_are_spread(self, valid_records):
        """Several teams, NHS gender identity and ethnic categories appear."""
        teams = {r["team"] for r in valid_records}
        assert {"Team North", "Team South", "Hospital Team"} <= teams
        genders = collections.Counter(r["adult"]["gender_identity"] for r in valid_records)
        assert genders["2"] > genders["1"] > 0
        assert len({r["adult"].get("ethnic_category") for r in valid_records}) > 10


_PERSONALLY_CONNECTED = {"partner", "former_partner", "parent", "son_or_daughter", "sibling", "other_relative"}
_IN_POSITIONS_OF_TRUST = {"paid_carer", "volunteer", "health_or_social_care_professional"}


def _share(part: int, whole: int) -> float:
    assert whole > 0
    return part / whole


class TestLegalCore:
    """People alleged to have caused harm, domestic abuse, crime, children, consent, liberty and pauses appear,
    agree with the rest of the record, and come in the proportions docs/synth.md gives."""

    def test_the_new_records_appear(self, valid_records):
        """Every kind of new record occurs in a run of a few thousand."""
        people = [p for r in valid_records for p in r.get("people_alleged", [])]
        consent = [r["consent"] for r in valid_records if "consent" in r]
        assert len(people) > 2000
        assert {p["relationship"] for p in people} >= _PERSONALLY_CONNECTED | _IN_POSITIONS_OF_TRUST | {"stranger"}
        assert sum("domestic_abuse" in p for p in people) > 100
        assert sum("crime" in r for r in valid_records) > 500
        assert sum(r.get("children", {}).get("child_may_be_at_risk") is True for r in valid_records) > 20
        assert sum("liberty" in r for r in valid_records) > 5
        assert sum(bool(r.get("pauses")) for r in valid_records) > 10
        assert sum("to_enquiry" in c for c in consent) > 500
        assert sum("acting_without_consent" in c for c in consent) > 100
        assert sum("dbs_referred_on" in p for p in people) > 20
        assert sum("regulator_referred_on" in p for p in people) > 5

    def test_people_alleged_name_the_risks_and_follow_the_source_of_risk(self, valid_records):
        """Each person has a pseudonymous id (once a record), names risks on the record, never a self-neglect
        risk, and is related as the SAC source of those risks says: a service provider's risk is a paid carer's
        or a volunteer's, an unknown source a stranger's."""
        for r in valid_records:
            risks = {risk["risk_id"]: risk for risk in r["risks"]}
            people = r.get("people_alleged", [])
            assert len({p["person_id"] for p in people}) == len(people)
            for person in people:
                assert person["risk_ids"]
                assert set(person["risk_ids"]) <= set(risks)
                sources = {risks[i]["source"] for i in person["risk_ids"]}
                assert len(sources) == 1
                source = sources.pop()
                assert all(risks[i]["type_of_risk"] != "self_neglect" for i in person["risk_ids"])
                relationship = person["relationship"]
                assert (source == "service_provider") == (relationship in {"paid_carer", "volunteer"})
                assert (source == "unknown_to_individual") == (relationship == "stranger")
                assert person["position_of_trust"] == (relationship in _IN_POSITIONS_OF_TRUST)

    def test_domestic_abuse_only_for_personally_connected_people(self, valid_records):
        """Domestic abuse is recorded only for a partner, former partner or relative, and says so; a MARAC
        referral follows the risk assessment and is made for most high-risk cases."""
        high = marac = 0
        for r in valid_records:
            for person in r.get("people_alleged", []):
                abuse = person.get("domestic_abuse")
                if abuse is None:
                    continue
                assert person["relationship"] in _PERSONALLY_CONNECTED
                assert abuse["personally_connected"] is True
                assert abuse["assessed_on"] >= r["received_on"]
                if "marac_referred_on" in abuse:
                    assert abuse["marac_referred_on"] >= abuse["assessed_on"]
                if abuse["risk_level"] == "high":
                    high += 1
                    marac += "marac_referred_on" in abuse
        # MARAC_IF_HIGH, less the records where no MARAC is a practice gap (the gap makes the risk high, so
        # those are a large part of the high-risk cases, and the share swings from seed to seed)
        assert _share(marac, high) >= 0.55

    def test_crime_and_the_police(self, valid_records):
        """A crime is suspected in a share of physical, sexual and financial risks; the police are told in most."""
        crimes = [r["crime"] for r in valid_records if "crime" in r]
        assert all(c["crime_suspected"] is True and c["kinds"] for c in crimes)
        told = sum("police_informed_on" in c for c in crimes)
        assert 0.72 <= _share(told, len(crimes)) <= 0.92
        assert all("police_leading" not in c or "police_informed_on" in c for c in crimes)
        kinds = {"physical_abuse", "sexual_abuse", "financial_or_material_abuse"}
        gathered = [r for r in valid_records if r.get("stage", "concern_received") != "concern_received"]
        with_kinds = [r for r in gathered if kinds & {risk["type_of_risk"] for risk in r["risks"]}]
        suspected = sum("crime" in r for r in with_kinds)
        assert 0.3 <= _share(suspected, len(with_kinds)) <= 0.65

    def test_children_judged_at_risk_in_a_small_share_and_referred(self, valid_records):
        """A child is judged at risk in a small share of records, and mostly referred to children's services."""
        at_risk = [r["children"] for r in valid_records if r.get("children", {}).get("child_may_be_at_risk")]
        assert 0.005 <= _share(len(at_risk), len(valid_records)) <= 0.06
        assert all(c["reasons"] for c in at_risk)
        assert _share(sum("referred_on" in c for c in at_risk), len(at_risk)) >= 0.7

    def test_acting_without_consent_where_consent_was_refused(self, valid_records):
        """The council acts without consent only where the adult refused it, mostly on grounds, with who decided."""
        acting = 0
        grounded = 0
        for r in valid_records:
            consent = r.get("consent", {})
            if "acting_without_consent" not in consent:
                continue
            acting += 1
            assert "refused" in (
                consent.get("to_referral"),
                consent.get("to_information_sharing"),
                consent.get("to_enquiry"),
            )
            decision = consent["acting_without_consent"]
            assert decision["decided_by"]
            grounded += bool(decision.get("grounds"))
            assert decision["adult_told"] is True or decision["not_told_reason"]
        assert _share(grounded, acting) >= 0.85

    def test_liberty_and_pauses_fit_the_case(self, valid_records):
        """A deprivation of liberty comes with a plan; authorisation follows the application. A pause falls
        within the enquiry, is led by the police, and is open only while the enquiry is."""
        for r in valid_records:
            liberty = r.get("liberty")
            if liberty is not None:
                assert "plan" in r
                if "authorised_on" in liberty:
                    assert liberty["authorised_on"] >= liberty["applied_on"]
            pauses = r.get("pauses", [])
            if not pauses:
                continue
            enquiry = r["enquiry"]
            assert r["crime"]["police_leading"] is True
            for pause in pauses:
                assert pause["police_or_court_led"] is True
                assert pause["paused_on"] >= enquiry["started_on"]
                if "concluded_on" in enquiry:
                    assert pause["resumed_on"] <= enquiry["concluded_on"]
            if "resumed_on" not in pauses[-1]:
                assert r["stage"] in ("enquiry", "plan_and_review")

    def test_position_of_trust_referrals(self, valid_records):
        """Most people in a position of trust are referred under PiPoT once the case is decided."""
        decided = [
            p for r in valid_records if "decision" in r for p in r.get("people_alleged", []) if p["position_of_trust"]
        ]
        referred = sum("pipot_referred_on" in p for p in decided)
        assert _share(referred, len(decided)) >= 0.7


_CARE_HOMES = {"care_home_residential", "care_home_nursing"}


def _groups(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The records of each organisational enquiry, by its id, in the order they were generated."""
    groups: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in records:
        if "organisational_enquiry" in r:
            groups[r["organisational_enquiry"]["enquiry_id"]].append(r)
    return groups


class TestAcrossConcernsAndOrganisations:
    """Providers, organisational enquiries, linked concerns, duplicates, enquiries caused to be made, meetings and
    escalations appear, agree with the rest of the record and with each other, in the proportions docs/synth.md
    gives."""

    def test_the_new_records_appear(self, valid_records):
        """Every kind of new record occurs in a run of a few thousand, in a small share where it is rare."""
        n = len(valid_records)
        providers = [r["provider"] for r in valid_records if "provider" in r]
        assert 0.2 <= _share(len(providers), n) <= 0.45
        assert {p["kind"] for p in providers} >= {"care_home", "home_care", "supported_living", "day_service"}
        grouped = sum("organisational_enquiry" in r for r in valid_records)
        assert 0.005 <= _share(grouped, n) <= 0.05
        reasons = collections.Counter(link["reason"] for r in valid_records for link in r.get("links", []))
        assert reasons["same_location"] > 20
        assert reasons["same_adult"] > 50
        exits = collections.Counter(e for r in valid_records for e in r.get("decision", {}).get("exit_routes", []))
        assert 1 <= exits["duplicate_of_open_concern"] <= 40
        assert 5 <= exits["withdrawn"] <= 0.03 * n
        s42 = [r for r in valid_records if r.get("enquiry", {}).get("enquiry_type") == "section_42"]
        caused = [r for r in s42 if "caused" in r["enquiry"]]
        assert 0.04 <= _share(len(caused), len(s42)) <= 0.2
        assert {r["enquiry"]["caused"]["organisation_kind"] for r in caused} >= {"care_home", "nhs_trust"}
        assert 0.2 <= _share(sum(bool(r.get("meetings")) for r in s42), len(s42)) <= 0.4
        assert sum(bool(r.get("escalations")) for r in valid_records) > 20

    def test_a_provider_is_named_where_a_service_provider_is_the_source(self, valid_records):
        """A provider exactly where a risk's source is a service provider; a care home where that risk is in one;
        fictional public ids; the CQC and the commissioners told of a regulated provider once decided, but where
        not telling them is the practice gap."""
        decided = told = 0
        for r in valid_records:
            risks = [risk for risk in r["risks"] if risk["source"] == "service_provider"]
            assert ("provider" in r) == bool(risks)
            if not risks:
                continue
            provider = r["provider"]
            assert (provider["kind"] == "care_home") == (risks[0]["location"] in _CARE_HOMES)
            if provider["kind"] in _REGULATED:
                assert re.fullmatch(r"1-0000\d{5}", provider["cqc_location_id"])
                assert re.fullmatch(r"1-0009\d{5}", provider["cqc_provider_id"])
            if provider["kind"] == "nhs_trust":
                assert re.fullmatch(r"ZZ\d", provider["ods_code"])
            for key in ("cqc_informed_on", "commissioners_informed_on"):
                if key in provider:
                    assert r["received_on"] <= provider[key] <= AS_AT.isoformat()
            if provider["kind"] in _REGULATED and r.get("stage", "concern_received") not in _BEFORE_DECISION:
                decided += 1
                told += {"cqc_informed_on", "commissioners_informed_on"} <= set(provider)
        assert _share(told, decided) >= 0.93

    def test_organisational_groups_share_their_details(self, valid_records):
        """The concerns of an organisational enquiry hold one record (id, lead, location, dates), are about one
        care home and several adults, were received before it ended, and link the concerns grouped before them."""
        groups = _groups(valid_records)
        assert len(groups) >= 5
        several = 0
        for group in groups.values():
            record = group[0]["organisational_enquiry"]
            adults = [r["adult"]["adult_id"] for r in group]
            assert len(set(adults)) == len(adults)
            several += len(adults) > 1
            assert record["lead"]
            for k, r in enumerate(group):
                assert r["organisational_enquiry"] == record
                assert r["provider"]["kind"] == "care_home"
                assert r["provider"]["cqc_location_id"] == record["cqc_location_id"]
                assert r["provider"]["cqc_provider_id"] == group[0]["provider"]["cqc_provider_id"]
                if "ended_on" in record:
                    assert r["received_on"] <= record["ended_on"] <= AS_AT.isoformat()
                    assert record["started_on"] <= record["ended_on"]
                same_location = {link["concern_id"] for link in r.get("links", []) if link["reason"] == "same_location"}
                earlier = {g["concern_id"] for g in group[:k]}
                assert same_location <= earlier
                assert earlier - same_location <= {link["concern_id"] for link in r.get("links", [])}
        assert several >= 0.7 * len(groups)

    def test_duplicate_of_names_an_earlier_open_concern_of_the_same_adult(self):
        """A concern closed as a duplicate names a concern generated before it, about the same adult, received no
        later and still open when the duplicate was received; it links it, and a withdrawn concern gives a reason."""
        records = list(generate(12000, seed=3))
        by_id = {r["concern_id"]: (k, r) for k, r in enumerate(records)}
        duplicates = withdrawn = 0
        for k, r in enumerate(records):
            decision = r.get("decision", {})
            exits = decision.get("exit_routes", [])
            assert ("duplicate_of_open_concern" in exits) == ("duplicate_of" in decision)
            if "withdrawn" in exits:
                withdrawn += 1
                assert decision["route"] == "no_enquiry"
                assert decision["rationale"]
            if "duplicate_of" not in decision:
                continue
            duplicates += 1
            assert exits == ["duplicate_of_open_concern"]
            assert decision["route"] == "no_enquiry"
            number, earlier = by_id[decision["duplicate_of"]]
            assert number < k
            assert earlier["adult"]["adult_id"] == r["adult"]["adult_id"]
            assert earlier["received_on"] <= r["received_on"]
            assert earlier.get("closure", {}).get("closed_on", "9999-12-31") > r["received_on"]
            assert {"concern_id": earlier["concern_id"], "reason": "same_adult"} in r["links"]
        assert duplicates >= 5
        assert withdrawn >= 20

    def test_same_adult_links_name_earlier_concerns_of_the_adult(self, valid_records):
        """A link for the same adult names a concern generated before, about the same adult; none links itself."""
        seen: dict[str, str] = {}
        for r in valid_records:
            ids = [link["concern_id"] for link in r.get("links", [])]
            assert len(set(ids)) == len(ids)
            assert r["concern_id"] not in ids
            for link in r.get("links", []):
                assert link["concern_id"] in seen
                if link["reason"] == "same_adult":
                    assert seen[link["concern_id"]] == r["adult"]["adult_id"]
            seen[r["concern_id"]] = r["adult"]["adult_id"]

    def test_caused_enquiries_are_dated_in_order(self, valid_records):
        """An enquiry caused to be made is a section 42 enquiry; it is requested once the enquiry started, due,
        reported on and checked in that order, within the enquiry; a concluded one has its report received and
        checked but in a small practice-gap share; who makes it is the provider or an NHS trust."""
        concluded = unchecked = 0
        for r in valid_records:
            enquiry = r.get("enquiry", {})
            caused = enquiry.get("caused")
            if caused is None:
                continue
            assert enquiry["enquiry_type"] == "section_42"
            assert "organisational_enquiry" not in r
            assert caused["scope"]
            assert enquiry["started_on"] <= caused["requested_on"] <= caused["due_on"]
            received = caused.get("report_received_on")
            if received is not None:
                assert caused["requested_on"] <= received
                assert received <= enquiry.get("concluded_on", AS_AT.isoformat())
            if "checked_on" in caused:
                assert received is not None
                assert received <= caused["checked_on"] <= enquiry.get("concluded_on", AS_AT.isoformat())
                assert caused["quality_check"]
                assert caused["checked_by"]
            if caused["organisation_kind"] == "nhs_trust":
                assert re.fullmatch(r"ZZ\d", caused["organisation_id"])
            else:
                assert caused["organisation_kind"] == r["provider"]["kind"]
                assert caused["organisation_id"] == r["provider"]["cqc_provider_id"]
            if "concluded_on" in enquiry and not _ceased(r):
                concluded += 1
                if received is None or "quality_check" not in caused:
                    unchecked += 1
                elif r.get("stage") in ("concluded", "closed"):
                    assert caused["quality_check"] in ("accepted", "not_accepted")
        assert concluded > 20
        assert _share(unchecked, concluded) <= 0.1

    def test_meetings_and_escalations_fit_the_case(self, valid_records):
        """A strategy meeting is held for a section 42 enquiry, between the decision and the end of the enquiry,
        with the council there and a decision recorded, the adult or their representative taking part in a share;
        an escalation when deciding is where coercion is suspected, dated between receipt and the decision."""
        meetings = with_adult = 0
        for r in valid_records:
            for meeting in r.get("meetings", []):
                meetings += 1
                enquiry = r["enquiry"]
                assert enquiry["enquiry_type"] == "section_42"
                assert meeting["kind"] in ("strategy_discussion", "strategy_meeting")
                assert r["decision"]["decided_on"] <= meeting["held_on"]
                assert meeting["held_on"] <= enquiry.get("concluded_on", AS_AT.isoformat())
                agencies = {a.get("agency") for a in meeting["attendees"]}
                assert "adult social care" in agencies
                assert meeting["decisions"]
                assert all(action["owner"] for action in meeting["actions"])
                with_adult += any(a.get("is_the_adult_or_representative") for a in meeting["attendees"])
            for escalation in r.get("escalations", []):
                assert r["curiosity"]["coercion_suspected"] is True
                assert r["received_on"] <= escalation["escalated_on"] <= r["decision"]["decided_on"]
        assert meetings > 100
        assert 0.25 <= _share(with_adult, meetings) <= 0.55


class TestTheAdultsFeedback:
    """The adult's feedback (MSP Outcomes Framework questions 4-7): for a share of the cases closed after an
    enquiry, asked by the enquiry lead at closure more often than by an independent person within eight weeks,
    answered by a representative where the adult lacks capacity or has died, in the proportions docs/synth.md
    gives, and never in invented wording."""

    @staticmethod
    def _with_feedback(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in records if "feedback" in r]

    def test_only_cases_closed_after_an_enquiry_and_a_share_of_them(self, valid_records):
        closed = [r for r in valid_records if "closure" in r and "enquiry" in r]
        with_feedback = self._with_feedback(valid_records)
        assert all("closure" in r and "enquiry" in r for r in with_feedback)
        assert 0.45 <= _share(len(with_feedback), len(closed)) <= 0.75
        asked = collections.Counter(r["feedback"]["asked"] for r in with_feedback)
        assert asked["asked"] > asked["declined"] > 0
        assert asked["not_possible"] > 0

    def test_the_lead_asks_at_closure_more_often_than_an_independent_person_within_eight_weeks(self, valid_records):
        by = collections.Counter()
        for r in self._with_feedback(valid_records):
            fb = r["feedback"]
            if "asked_by" not in fb:
                continue
            by[fb["asked_by"]] += 1
            closed, asked = day(r["closure"]["closed_on"]), day(fb["asked_on"])
            if fb["asked_by"] == "enquiry_lead":
                assert asked == closed
            else:
                assert 1 <= (asked - closed).days <= 56
                assert asked <= AS_AT
        assert by["enquiry_lead"] > 2 * by["independent_person"] > 0

    def test_answers_only_when_asked_and_never_in_invented_wording(self, valid_records):
        questions = ("question_4", "question_5", "question_6", "question_7")
        positive = answered = 0
        for r in self._with_feedback(valid_records):
            fb = r["feedback"]
            given = [fb[q] for q in questions if q in fb]
            if fb["asked"] != "asked":
                assert not given
            if fb["asked"] == "not_possible":
                assert fb["not_possible_reason"]
                assert "answered_by" not in fb
            else:
                assert fb["answered_by"]
            for answer in given:
                assert set(answer) == {"positive"}  # the framework's answer options are never made up
                answered += 1
                positive += answer["positive"]
        assert 0.7 <= _share(positive, answered) <= 0.9

    def test_a_representative_answers_where_the_adult_lacks_capacity_or_has_died(self, valid_records):
        who = collections.Counter()
        for r in self._with_feedback(valid_records):
            fb = r["feedback"]
            if "answered_by" not in fb:
                continue
            who[fb["answered_by"]] += 1
            if r["enquiry"].get("capacity_lacked") == "yes" or "date_of_death" in r["adult"]:
                assert fb["answered_by"] != "adult"
        assert set(who) == {"adult", "friend", "carer", "family_member", "imca"}
        assert who["adult"] > sum(who.values()) / 2


def practice_gaps(r: dict[str, Any]) -> list[str]:  # noqa: PLR0912 - one check per kind of gap
    """The practice gaps the generator plants, found by looking at the record (no rules engine)."""
    gaps: list[str] = []
    stage = r.get("stage", "concern_received")
    contact = r.get("contact", {})
    views = r.get("views", {})
    enquiry = r.get("enquiry", {})
    plan = r.get("plan", {})
    closure = r.get("closure", {})
    curiosity = r.get("curiosity", {})
    if contact.get("seen_alone") is False and "not_seen_alone_reason" not in contact:
        gaps.append("not seen alone, no reason")
    if views and "reasons" not in views:
        gaps.append("views without reasons")
    if stage != "concern_received" and "immediate_safety" not in r:
        gaps.append("immediate safety not assessed")
    if stage != "concern_received" and not r["adult"].get("strengths"):
        gaps.append("no strengths")
    if contact.get("asked_who_to_involve") is False:
        gaps.append("not asked who to involve")
    if any(o["expressed_by"] == "practitioner" for o in r.get("desired_outcomes", [])):
        gaps.append("outcome in the practitioner's words")
    if r.get("msp_asked") == "no" and "msp_not_asked_reason" not in r:
        gaps.append("not asked about outcomes, no reason")
    if "options" in r and r["options"].get("unavailable_options_explained") is not True:
        gaps.append("options not fully explained")
    decision = r.get("decision", {})
    if decision.get("route") == "section_42_enquiry" and (
        None in (decision.get("has_care_and_support_needs"), decision.get("unable_to_protect_self"))
    ):
        gaps.append("s42 condition not recorded")
    gaps.extend(
        "capacity decision incomplete"
        for d in r.get("capacity_decisions", [])
        if d["outcome"] == "lacks_capacity"
        and ("causal_link" not in d or "decision" not in d or "best_interests" not in d)
    )
    if plan.get("agreed_with_adult") is False:
        gaps.append("plan not agreed")
    if "living_with_risk" in plan and plan["living_with_risk"].get("informed_decision") is not True:
        gaps.append("living with risk not informed")
    if "concluded_on" in enquiry and enquiry["enquiry_type"] == "section_42":
        missing = enquiry.get("capacity_lacked") in (None, "not_recorded", "dont_know")
        missing = missing or r.get("msp_asked") in ("not_recorded", "dont_know")
        missing = missing or any("action_and_result" not in risk for risk in r["risks"])
        missing = missing or any(
            risk["action_and_result"].startswith("risk_identified") and "risk_outcome" not in risk
            for risk in r["risks"]
            if "action_and_result" in risk
        )
        missing = missing or (r.get("msp_asked") == "asked_expressed" and "outcomes_achieved" not in enquiry)
        if missing:
            gaps.append("SAC item missing")
    if any(o.get("evaluated_with_adult") is False for o in r.get("desired_outcomes", [])):
        gaps.append("outcome not evaluated with the adult")
    at_request = stage == "ceased_at_adults_request" or closure.get("reason") == "ceased_at_adults_request"
    if at_request and curiosity.get("coercion_considered") is not True:
        gaps.append("ended at request, coercion not considered")
    if closure.get("feedback_to_referrer") is False:
        gaps.append("no feedback to referrer")
    if closure and enquiry and "sar" not in closure:
        gaps.append("SAR not considered")
    escalated = "escalation" in plan or bool(r.get("escalations"))
    if curiosity.get("coercion_suspected") and contact.get("seen_alone") is False and not escalated:
        gaps.append("coercion suspected, not escalated")
    if contact.get("interpreter_used") is False:
        gaps.append("no interpreter")
    gaps.extend(_legal_gaps(r))
    gaps.extend(_organisation_gaps(r))
    advocacy = r.get("advocacy", {})
    difficulty = any(v is True for k, v in advocacy.items() if k.startswith("difficulty_"))
    if (
        enquiry
        and difficulty
        and advocacy.get("appropriate_person_available") is False
        and not r["adult"].get("advocates")
    ):
        gaps.append("advocate not instructed")
    return gaps


_REGULATED = {"care_home", "home_care", "supported_living", "day_service"}
_BEFORE_DECISION = {"concern_received", "information_gathering"}


def _ceased(r: dict[str, Any]) -> bool:
    """The enquiry ceased at the adult's request (whether or not the case is closed since)."""
    return any(e["to_stage"] == "ceased_at_adults_request" for e in r["history"])


def _organisation_gaps(r: dict[str, Any]) -> list[str]:
    """The practice gaps about a provider: the CQC or the commissioners not told of a regulated provider once
    decided; a concluded section 42 enquiry caused to be made without its report received and checked."""
    gaps: list[str] = []
    provider = r.get("provider", {})
    decided = r.get("stage", "concern_received") not in _BEFORE_DECISION
    told = {"cqc_informed_on", "commissioners_informed_on"} <= set(provider)
    if decided and provider.get("kind") in _REGULATED and not told:
        gaps.append("CQC or commissioners not told")
    enquiry = r.get("enquiry", {})
    caused = enquiry.get("caused")
    concluded = caused and "concluded_on" in enquiry and enquiry["enquiry_type"] == "section_42" and not _ceased(r)
    if concluded and ("report_received_on" not in caused or "quality_check" not in caused):
        gaps.append("caused enquiry concluded without its report checked")
    return gaps


def _legal_gaps(r: dict[str, Any]) -> list[str]:
    """The practice gaps in the legal-literacy core: people alleged, police, children, consent, liberty."""
    gaps: list[str] = []
    acting = r.get("consent", {}).get("acting_without_consent")
    if acting is not None and not acting.get("grounds"):
        gaps.append("acting without consent, no grounds")
    crime = r.get("crime", {})
    if crime and "police_informed_on" not in crime and "no_police_reason" not in crime:
        gaps.append("police not told, no reason")
    children = r.get("children", {})
    if children.get("child_may_be_at_risk") and not ({"referred_on", "not_referred_reason"} & set(children)):
        gaps.append("child at risk not referred, no reason")
    for person in r.get("people_alleged", []):
        abuse = person.get("domestic_abuse", {})
        if abuse.get("risk_level") == "high" and not ({"marac_referred_on", "no_marac_reason"} & set(abuse)):
            gaps.append("high-risk domestic abuse, no MARAC")
        decided = "decision" in r
        if (
            decided
            and person.get("position_of_trust")
            and not ({"pipot_referred_on", "pipot_not_referred_reason"} & set(person))
        ):
            gaps.append("position of trust, no PiPoT referral")
        if person.get("carers_assessment_considered") is False:
            gaps.append("unpaid carer, no carer's assessment")
    liberty = r.get("liberty", {})
    if liberty.get("amounts_to_deprivation") and len(liberty) == 1:
        gaps.append("deprivation of liberty, nothing about authorisation")
    return gaps


class TestPracticeGaps:
    """About three in ten synthetic records have practice gaps, of many kinds."""

    def test_about_three_in_ten_records_have_practice_gaps(self, valid_records):
        """A realistic share carries gaps for the rules to find; the rest are good practice."""
        with_gaps = sum(bool(practice_gaps(r)) for r in valid_records) / len(valid_records)
        assert 0.25 <= with_gaps <= 0.36

    def test_gaps_of_many_kinds_occur(self, valid_records):
        """The gaps are of many different kinds."""
        kinds = collections.Counter(g for r in valid_records for g in practice_gaps(r))
        assert len(kinds) >= 24


# --------------------------------------------------------------------------
# Privacy
# --------------------------------------------------------------------------

_ID_PATTERNS = {
    "concern_id": r"C\d{6,}",
    "adult_id": r"A\d{6,}",
    "user_id": r"U\d{3}",
    "person_id": r"PR?\d{6,}",
    "advocate_id": r"V\d{4}",
    "risk_id": r"R\d{6,}-\d",
    "enquiry_id": r"O?E\d{6,}",
    "cqc_location_id": r"1-0000\d{5}",
    "cqc_provider_id": r"1-0009\d{5}",
    "organisation_id": r"1-0009\d{5}|ZZ\d",
    "decision_id": r"D\d{6,}-\d",
    "capacity_decision_id": r"D\d{6,}-\d",
}


def walk(value: Any, key: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v, key)
    else:
        yield key, value


class TestPrivacy:
    """Synthetic records use pseudonymous ids and obviously fictional text only."""

    def test_ids_are_pseudonymous(self, valid_records):
        """Every id has the pseudonymous shape of its kind."""
        for r in valid_records:
            for key, value in walk(r):
                if key.endswith("_id"):
                    assert re.fullmatch(_ID_PATTERNS[key], value), (key, value)

    def test_free_text_comes_from_a_small_fixed_vocabulary(self, valid_records):
        """No generated names or numbers: every text is one of a few hundred generic phrases."""
        texts = {
            value
            for r in valid_records
            for key, value in walk(r)
            if isinstance(value, str) and not key.endswith(("_id", "_on", "at")) and " " in value
        }
        assert len(texts) < 400
        for text in texts:
            assert not re.search(r"\d{3}", text), text  # no phone, NHS or house numbers
            assert not re.search(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", text), text  # no postcodes

    def test_narrative_text_is_marked_fictional(self, valid_records):
        """What is alleged and the adult's strengths say they are fictional examples."""
        for r in valid_records[:500]:
            for risk in r["risks"]:
                assert risk["description"].startswith("Fictional example: ")
            for strength in r["adult"].get("strengths", []):
                assert strength["description"].startswith("Fictional example: ")


# --------------------------------------------------------------------------
# Module hygiene and the bundled examples
# --------------------------------------------------------------------------


class TestModule:
    """msp.synth exports three names, depends only on the model layer and uses no global random state."""

    def test_public_names(self):
        """__all__ lists the public API, and dir() shows it."""
        assert synth.__all__ == ["DEFAULT_START", "generate", "generate_concerns"]
        assert set(synth.__all__) <= set(dir(synth))

    def test_depends_only_on_the_model_layer(self):
        """msp.synth (every module of it) imports no rules, workflow or command-line module."""
        imported: set[str] = set()
        for path in Path(synth.__file__).parent.glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
            imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        ours = {name for name in imported if name.split(".")[0] == "msp"}
        allowed = ("msp.codes", "msp.model", "msp.convert", "msp.synth")
        assert all(any(name == a or name.startswith(f"{a}.") for a in allowed) for name in ours), ours

    def test_uses_no_global_random_state(self):
        """Generating does not touch the random module's global generator."""
        import random  # noqa: PLC0415

        random.seed(99)
        expected = random.random()  # noqa: S311
        random.seed(99)
        list(generate(200, seed=1, invalid_share=0.5))
        assert random.random() == expected  # noqa: S311


def _load_make_examples() -> Any:
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestBundledExamples:
    """The bundled examples file is exactly what its script writes."""

    def test_examples_file_is_what_the_script_writes(self, tmp_path):
        """examples/concerns.jsonl is up to date: regenerating it gives the same bytes."""
        make_examples = _load_make_examples()
        out = tmp_path / "concerns.jsonl"
        written = make_examples.write_examples(out)
        assert out.read_bytes() == (EXAMPLES / "concerns.jsonl").read_bytes()
        assert written == make_examples.COUNT

    def test_examples_file_shape(self):
        """Compact UTF-8 JSON lines, newline-terminated, small, with a few broken records."""
        data = (EXAMPLES / "concerns.jsonl").read_bytes()
        assert data.endswith(b"\n")
        assert b"\r" not in data
        assert len(data) < 750_000  # about 700 KB since the records of issue 14
        records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        assert 100 <= len(records) <= 250
        broken = sum(not is_valid(r) for r in records)
        assert 3 <= broken <= len(records) * 0.1


class TestRouteChanges:
    """A few section 42 enquiries began as other enquiries: the route change matches the decision and the history."""

    def test_route_changes_are_rare_and_consistent(self):
        records = list(generate(6000, seed=7))
        changed = [r for r in records if "route_changes" in r]
        enquiries = [r for r in records if r.get("enquiry", {}).get("enquiry_type") == "section_42"]
        assert 0.005 < len(changed) / len(enquiries) < 0.04
        for r in changed:
            (change,) = r["route_changes"]
            assert (change["from_route"], change["to_route"]) == ("other_enquiry", "section_42_enquiry")
            assert r["decision"]["route"] == "section_42_enquiry"
            enquiry = r["enquiry"]
            end = enquiry.get("concluded_on", enquiry.get("ceased_on", AS_AT.isoformat()))
            assert enquiry["started_on"] <= change["changed_on"] <= end
            entries = [h for h in r["history"] if h.get("reason") == change["reason"]]
            assert len(entries) == 1
            assert entries[0]["at"][:10] == change["changed_on"]
            assert entries[0]["from_stage"] == entries[0]["to_stage"]
