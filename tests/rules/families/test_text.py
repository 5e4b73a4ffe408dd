"""The free-text meaning family (TXT-): capacity decisions name a matter, outcomes are words, reasons are reasons.

Lawful texts, written as a practitioner records them, pass; placeholders and global
statements fail at their paths; every rule is a warning; a profile's vocabulary
changes what is found; and odd input never crashes a rule. All records are synthetic.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import cli
from msp.codes import EnquiryRoute, ExpressedBy
from msp.errors import MspError
from msp.model.spec import spec_of
from msp.rules import (
    DEFAULT_YEAR,
    NOT_APPLICABLE,
    Basis,
    Profile,
    Registry,
    RuleSet,
    Severity,
    Status,
    TextVocabulary,
    get_rule,
    registered_rules,
)
from msp.rules.families import FAMILIES, text
from msp.rules.families.text import REASON_FIELDS, ReasonField, normalise, with_vocabulary
from tests.builders import (
    STARTED,
    closed_s42,
    concern,
    concluded_s42,
    contact,
    evolve_in,
    has_capacity,
    lacking_closed,
    lacks_capacity,
    other_enquiry_concluded,
    outcome,
)
from tests.strategies import concerns

CODES = ("TXT-001", "TXT-002", "TXT-003")
FAILED = Status.FAILED
PASSED = Status.PASSED
NA = Status.NOT_APPLICABLE
VOCABULARY_FILE = Path(text.__file__).with_name("text_vocabulary.json")

LAWFUL_DECISIONS = (
    "whether to accept a plan restricting contact with her son",
    "Whether to move to a care home",
    "Whether to accept care and support at home",
    "Capacity to decide where to live",
    "Capacity to manage her finances",
    "Whether to consent to the safeguarding enquiry",
    "Contact with her son",
    "Where to live",
    "Residence",
    "Medication",
)
GLOBAL_DECISIONS = (
    "Lacks capacity",
    "no capacity",
    "capacity in general",
    "all decisions",
    "Dementia",
    "Lacks capacity due to dementia",
    "Capacity to make decisions",
    "Has capacity",
    "MCA",
    "Person lacks capacity for all decisions due to advanced dementia",
    "Lacks mental capacity in all areas",
    "Alzheimer's",
)
LAWFUL_OUTCOMES = (
    "I want him to stop taking my money",
    "I want to feel safe at home",
    "To be safe",
    "Safe",
    "Go home",
    "I don't know what I want yet",
    "Nothing, leave it",
    "May I go home",
    "回家",  # the adult's own words in another script: two letters, still words
    "Stop",
)
PLACEHOLDERS = (
    "n/a",
    "N/A.",
    "none",
    "-",
    "tbc",
    "see notes",
    "See case notes 12/03/2025",
    "as above",
    "unknown",
    "x",
    "...",
    "SG4a",
    "Yes",
    "12",
    "2025-06-02",
    "2 June 2025",
    "NA",
    "n . a",
    "\u200b",
    "—",
)
LAWFUL_REASONS = (
    "Declined a home visit; spoke by phone with her consent",
    "Not spoken to; see the reason recorded",
    "s42(1) conditions not met",
    "Risk to other residents",
    "Criteria not met",
    "Busy ward, no private room",
    "Too unwell; representative consulted",
)


def statuses(record: msp.Concern, *, rules: RuleSet | None = None) -> dict[str, Status]:
    report = msp.rules.validate(record, rules=rules or RuleSet(year=DEFAULT_YEAR, rules=text.RULES.rules))
    return {code: report.status_of(code) for code in CODES}


def paths(record: msp.Concern, code: str, *, rules: RuleSet | Profile | None = None) -> list[str]:
    report = msp.rules.validate(record, rules=rules or RuleSet(year=DEFAULT_YEAR, rules=text.RULES.rules))
    assert not report.errored, report.errored
    return [f.path for f in report.findings if f.code == code]


def with_decisions(*decisions: str | None) -> msp.Concern:
    return lacking_closed(*(lacks_capacity(decision_id=f"CD-{i}", decision=d) for i, d in enumerate(decisions)))


def with_outcomes(*outcomes: msp.DesiredOutcome) -> msp.Concern:
    return concluded_s42(desired_outcomes=outcomes)


# what a part made where missing needs beyond its defaults (its required fields)
REQUIRED: dict[type, dict[str, Any]] = {
    msp.PersonAllegedToHaveCausedHarm: {"person_id": "P-0009"},
    msp.EnquiryPause: {"paused_on": STARTED},
    msp.RouteChange: {
        "changed_on": STARTED,
        "from_route": EnquiryRoute.OTHER_ENQUIRY,
        "to_route": EnquiryRoute.SECTION_42_ENQUIRY,
    },
}


def set_reason(record: Any, field: ReasonField, value: str) -> Any:
    """``record`` with ``value`` in the reason field (at index 0 of each list), parts made where missing."""

    def put(part: Any, steps: tuple[tuple[str, bool], ...]) -> Any:
        (name, many), rest = steps[0], steps[1:]
        if not rest:
            return attrs.evolve(part, **{name: value})
        current = getattr(part, name)
        kind = spec_of(type(part), name).record
        assert kind is not None
        made = kind(**REQUIRED.get(kind, {}))  # used only where the part is missing
        if many:
            items = current or (made,)
            return attrs.evolve(part, **{name: (put(items[0], rest), *items[1:])})
        return attrs.evolve(part, **{name: put(made if current is None else current, rest)})

    return put(record, field.steps)


class TestCatalogue:
    """The TXT- rules are registered, warnings, with a basis and published references."""

    def test_the_family_is_registered(self):
        assert text in FAMILIES
        assert [r.code for r in registered_rules() if r.family == "TXT"] == list(CODES)

    @pytest.mark.parametrize("code", CODES)
    def test_every_rule_is_a_warning_with_a_basis(self, code):
        r = get_rule(code)
        assert r.severity is Severity.WARNING
        assert isinstance(r.basis, Basis)
        assert "seed" not in r.reference.casefold()
        assert "reference.md" not in r.reference
        assert "warning, not an error" in r.reference

    def test_bases_and_references(self):
        assert get_rule("TXT-001").basis is Basis.LAW
        assert "Mental Capacity Act 2005 s2(1)" in get_rule("TXT-001").reference
        assert "Code of Practice chapter 4" in get_rule("TXT-001").reference
        assert "Care and Support Statutory Guidance 14.15" in get_rule("TXT-002").reference
        assert "Outcomes Framework (2018)" in get_rule("TXT-002").reference

    def test_the_catalogue_lists_every_reason_field_from_the_spec(self):
        """TXT-003's fields in text.json are exactly the reason fields the field spec gives, in its order."""
        assert get_rule("TXT-003").fields == tuple(str(f.path) for f in REASON_FIELDS)

    def test_the_reason_fields_include_those_the_model_asks_for(self):
        found = {str(f.path) for f in REASON_FIELDS}
        assert {
            "$.contact.not_spoken_to_reason",
            "$.contact.not_seen_alone_reason",
            "$.msp_not_asked_reason",
            "$.decision.other_enquiry_reason",
            "$.decision.rationale",
            "$.consent.sharing_without_consent_reason",
            "$.closure.sar.reason",
            "$.plan.escalation.reason",
            "$.views.reasons",
        } <= found
        assert not any(p.startswith("$.history") for p in found)  # sealed: never checked
        assert "$.closure.reason" not in found  # a code, not text


class TestLawfulRecordsPass:
    """Good-practice records, and texts written as a practitioner records them, pass every TXT- rule."""

    @pytest.mark.parametrize(
        "record", [concluded_s42(), closed_s42(), lacking_closed()], ids=["concluded", "closed", "lacking"]
    )
    def test_good_practice_records_pass(self, record):
        assert set(statuses(record).values()) <= {PASSED, NA}

    def test_a_lawful_capacity_decision_passes(self):
        assert statuses(lacking_closed())["TXT-001"] is PASSED

    def test_a_draft_has_nothing_to_check(self):
        assert statuses(concern()) == dict.fromkeys(CODES, NA)

    @pytest.mark.parametrize("decision", LAWFUL_DECISIONS)
    def test_specific_decisions_pass(self, decision):
        assert paths(with_decisions(decision), "TXT-001") == []

    @pytest.mark.parametrize("words", LAWFUL_OUTCOMES)
    def test_outcomes_in_words_pass(self, words):
        assert paths(with_outcomes(outcome(in_own_words=words)), "TXT-002") == []

    @pytest.mark.parametrize("reason", LAWFUL_REASONS)
    @pytest.mark.parametrize("field", REASON_FIELDS, ids=lambda f: str(f.path))
    def test_reasons_pass(self, field, reason):
        assert paths(set_reason(closed_s42(), field, reason), "TXT-003") == []


class TestCapacityDecision:
    """TXT-001: a capacity decision names the matter (MCA 2005 s2(1)), not capacity in general."""

    @pytest.mark.parametrize("decision", GLOBAL_DECISIONS)
    def test_global_statements_fail_at_their_path(self, decision):
        record = with_decisions("Whether to move to a care home", decision)
        assert paths(record, "TXT-001") == ["$.capacity_decisions[1].decision"]

    @pytest.mark.parametrize("decision", ["n/a", "tbc", "see notes", "x", "12/03/2025"])
    def test_placeholders_fail(self, decision):
        assert paths(with_decisions(decision), "TXT-001") == ["$.capacity_decisions[0].decision"]

    def test_the_message_says_which_and_never_echoes_the_text(self):
        report = msp.rules.validate(with_decisions("Dementia", "n/a"), rules=["TXT-001"])
        messages = [f.message for f in report.findings]
        assert "global statement" in messages[0]
        assert "placeholder" in messages[1]
        assert not any("dementia" in m.casefold() or "n/a" in m for m in messages)

    def test_a_missing_decision_is_left_to_mca_001(self):
        record = concluded_s42(capacity_decisions=(has_capacity(decision=None),))
        assert paths(record, "TXT-001") == []

    def test_not_applicable_without_capacity_decisions(self):
        assert statuses(concluded_s42())["TXT-001"] is NA


class TestDesiredOutcome:
    """TXT-002: an outcome the adult or their representative expressed is words, not a placeholder."""

    @pytest.mark.parametrize("placeholder", PLACEHOLDERS)
    def test_placeholders_fail_at_their_path(self, placeholder):
        record = with_outcomes(outcome(), outcome(in_own_words=placeholder))
        assert paths(record, "TXT-002") == ["$.desired_outcomes[1].in_own_words"]

    @pytest.mark.parametrize("by", [ExpressedBy.ADULT, ExpressedBy.REPRESENTATIVE, ExpressedBy.ADVOCATE])
    def test_whoever_expressed_it_for_the_adult(self, by):
        assert paths(with_outcomes(outcome(in_own_words="n/a", expressed_by=by)), "TXT-002")

    def test_a_practitioners_interpretation_is_left_to_msp_016(self):
        record = with_outcomes(outcome(in_own_words="n/a", expressed_by=ExpressedBy.PRACTITIONER))
        assert paths(record, "TXT-002") == []

    def test_not_applicable_without_outcomes(self):
        assert statuses(concluded_s42(desired_outcomes=()))["TXT-002"] is NA


class TestReasons:
    """TXT-003: each reason field found in the field spec is a reason, not a placeholder, at its own path."""

    @pytest.mark.parametrize("field", REASON_FIELDS, ids=lambda f: str(f.path))
    def test_a_placeholder_fails_at_the_fields_path(self, field):
        record = set_reason(closed_s42(), field, "N/A")
        assert paths(record, "TXT-003") == [field.path.at(*([0] * str(field.path).count("[*]")))]

    def test_the_named_examples(self):
        record = evolve_in(
            other_enquiry_concluded(
                contact=contact(seen_alone=False, seen_alone_on=None, not_seen_alone_reason="see notes")
            ),
            "decision",
            other_enquiry_reason="tbc",
        )
        assert paths(record, "TXT-003") == ["$.contact.not_seen_alone_reason", "$.decision.other_enquiry_reason"]

    def test_the_reasons_of_each_list_item_are_located(self):
        bi = lacks_capacity().best_interests
        assert bi is not None
        names = {str(f.path) for f in REASON_FIELDS}
        listed = "$.capacity_decisions[*].best_interests.no_one_appropriate_to_consult_reason"
        if listed not in names:
            pytest.fail("the model no longer has the best-interests reason this test uses")
        field = next(f for f in REASON_FIELDS if str(f.path) == listed)
        record = lacking_closed(
            lacks_capacity(decision_id="CD-0"),
            lacks_capacity(decision_id="CD-1", best_interests=attrs.evolve(bi, **{field.steps[-1][0]: "unknown"})),
        )
        assert paths(record, "TXT-003") == [field.path.at(1)]

    def test_not_applicable_without_any_reason(self):
        assert statuses(concern())["TXT-003"] is NA


class TestTheGeneratedReasonWalk:
    """The straight-line reason walk gives exactly what the reference walk gives, on any record."""

    @given(concerns(mode="full"))
    def test_full_records(self, concern):
        assert text._reasons_of(concern) == text._walk_reasons(concern)
        assert text._reasons_of(concern) is not None

    @given(concerns())
    def test_any_record(self, concern):
        assert text._reasons_of(concern) == text._walk_reasons(concern)

    def test_every_reason_field_is_reached(self):
        @given(concerns(mode="full"))
        def reached(concern):
            found = text._reasons_of(concern) or ()
            seen.update(field.path.text for field, _, _ in found)

        seen: set[str] = set()
        reached()
        assert seen == {field.path.text for field in REASON_FIELDS}


class TestVocabulary:
    """The vocabulary is data beside the family, typed, and a profile or Python code changes it."""

    def test_the_default_is_the_data_file(self):
        data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
        default = TextVocabulary.default()
        assert default == TextVocabulary()
        assert default.placeholders == frozenset(normalise(w) for w in data["placeholders"]) - {""}
        assert default.min_letters == data["min_letters"]
        assert {"n a", "tbc", "see notes", "as above"} <= default.placeholders
        assert {"lacks capacity", "all decisions", "dementia"} <= default.global_capacity

    def test_normalisation(self):
        assert normalise(" N/A. ") == normalise("n.a.") == normalise("\uff4e\uff0f\uff41") == "n a"
        assert normalise("See   Notes!") == "see notes"
        assert normalise("...") == ""

    def test_extended_adds(self):
        ours = TextVocabulary().extended(placeholders=["See Mosaic"])
        assert ours.placeholder("see mosaic")
        assert not TextVocabulary().placeholder("see mosaic")
        with pytest.raises(TypeError, match="unknown vocabulary lists"):
            TextVocabulary().extended(placholders=["x"])
        with pytest.raises(TypeError, match="not one string"):
            TextVocabulary().extended(placeholders="see mosaic")

    def test_from_dict_adds_removes_and_replaces(self):
        added = TextVocabulary.from_dict({"placeholders": ["see mosaic"]})
        assert added.placeholders == TextVocabulary().placeholders | {"see mosaic"}
        removed = TextVocabulary.from_dict({"global_capacity": {"remove": ["dementia"]}})
        assert not removed.names_no_decision("Dementia")
        replaced = TextVocabulary.from_dict({"placeholders": {"replace": ["nowt"]}, "min_letters": 0})
        assert replaced.placeholders == {"nowt"}
        assert replaced.placeholder("Nowt")
        assert not replaced.placeholder("tbc")
        assert not replaced.placeholder("x")
        assert replaced.placeholder("12/03/2025")  # only a date is never words

    def test_to_dict_reads_back(self):
        ours = TextVocabulary.from_dict({"placeholders": {"remove": ["none"]}, "min_letters": 3})
        assert TextVocabulary.from_dict(json.loads(json.dumps(ours.to_dict()))) == ours

    @pytest.mark.parametrize(
        "data",
        [
            [],
            {"placeholder": ["x"]},
            {"placeholders": "x"},
            {"placeholders": [1]},
            {"placeholders": {"append": ["x"]}},
            {"min_letters": -1},
            {"min_letters": "2"},
            {"min_letters": True},
        ],
    )
    def test_bad_data_is_a_value_error(self, data):
        with pytest.raises(ValueError, match="vocabulary"):
            TextVocabulary.from_dict(data)

    def test_a_profile_vocabulary_changes_the_findings(self):
        record = closed_s42(contact=contact(seen_alone=False, seen_alone_on=None, not_seen_alone_reason="see mosaic"))
        assert paths(record, "TXT-003", rules=Profile(name="plain")) == []
        ours = Profile(name="ours", vocabulary=TextVocabulary().extended(placeholders=["see mosaic"]))
        assert paths(record, "TXT-003", rules=ours) == ["$.contact.not_seen_alone_reason"]
        lenient = Profile(name="lenient", vocabulary=TextVocabulary.from_dict({"global_capacity": {"replace": []}}))
        assert paths(with_decisions("Dementia"), "TXT-001", rules=lenient) == []
        assert paths(with_decisions("Dementia"), "TXT-001", rules=Profile(name="plain")) != []

    def test_a_profile_file_carries_a_vocabulary(self):
        profile = Profile.from_dict(
            {"name": "ours", "vocabulary": {"placeholders": ["see mosaic"], "global_capacity": {"remove": ["stroke"]}}}
        )
        assert profile.vocabulary is not None
        assert profile.vocabulary.placeholder("See Mosaic.")
        assert not profile.vocabulary.names_no_decision("Stroke")
        assert Profile.from_dict({"name": "plain"}).vocabulary is None

    def test_a_registered_profile_keeps_its_vocabulary(self):
        ours = Registry.with_builtin()
        ours.register_profile(Profile(name="ours", vocabulary=TextVocabulary().extended(placeholders=["see mosaic"])))
        record = closed_s42(contact=contact(seen_alone=False, seen_alone_on=None, not_seen_alone_reason="see mosaic"))
        for _ in range(2):  # worked out once, then kept
            assert [f.code for f in ours.validate(record, rules="ours").findings] == ["TXT-003"]
        assert ours.validate(record).findings == ()

    def test_msp_validate_reads_the_vocabulary_of_a_profile_file(self, tmp_path, capsys):
        record = closed_s42(contact=contact(seen_alone=False, seen_alone_on=None, not_seen_alone_reason="see mosaic"))
        data = tmp_path / "concerns.jsonl"
        data.write_text(msp.to_json(record) + "\n", encoding="utf-8")
        profile = tmp_path / "ours.json"
        profile.write_text(
            json.dumps({"name": "ours", "vocabulary": {"placeholders": ["see mosaic"]}}), encoding="utf-8"
        )
        cli.main(["validate", str(data), "--no-progress"])
        assert "TXT-003" not in capsys.readouterr().out
        cli.main(["validate", str(data), "--no-progress", "--profile", str(profile)])
        assert "TXT-003 [warning] $.contact.not_seen_alone_reason" in capsys.readouterr().out

    def test_a_bad_profile_vocabulary_is_an_msp_error(self):
        with pytest.raises(MspError, match="vocabulary"):
            Profile.from_dict({"name": "ours", "vocabulary": {"placeholders": "x"}})

    def test_with_vocabulary_leaves_other_rules_alone(self):
        every = registered_rules()
        changed = with_vocabulary(every, TextVocabulary(placeholders=["nowt"]))
        assert [r.code for r in changed] == [r.code for r in every]
        assert [r.check is o.check for r, o in zip(changed, every, strict=True)] == [r.family != "TXT" for r in every]

    def test_a_configured_rule_set_pickles_and_answers_the_same(self):
        """A rule set goes to worker processes whole: its vocabulary goes with it."""
        ours = Profile(name="ours", vocabulary=TextVocabulary().extended(placeholders=["see mosaic"])).rule_set()
        record = closed_s42(contact=contact(seen_alone=False, seen_alone_on=None, not_seen_alone_reason="see mosaic"))
        again = pickle.loads(pickle.dumps(ours))  # noqa: S301 - our own rule set
        assert again.validate(record).findings == ours.validate(record).findings
        assert any(f.code == "TXT-003" for f in again.validate(record).findings)
        check = get_rule("TXT-001").check
        assert pickle.loads(pickle.dumps(check)) is check  # noqa: S301 - the default pickles by name


class TestOddInput:
    """Odd values and empty tuples never crash a TXT- rule: they pass or do not apply."""

    @pytest.mark.parametrize("odd", [None, 0, 12, b"n/a", ("n/a",), object(), 1.5])
    def test_non_strings_are_never_placeholders(self, odd):
        words = TextVocabulary()
        assert words.placeholder(odd) is False
        assert words.names_no_decision(odd) is False

    def test_bodies_take_empty_tuples(self):
        for code in CODES:
            check = get_rule(code).check
            assert list(check.body((), check.paths)) == []

    def test_bodies_take_items_without_the_fields(self):
        odd = (object(), None, 3)
        for code in ("TXT-001", "TXT-002"):
            check = get_rule(code).check
            assert list(check.body(odd, check.paths)) == []
        check = get_rule("TXT-003").check
        field = REASON_FIELDS[0]
        fails = check.body(((field, (0,), None), (field, (1,), 7), (field, (2,), "n/a")), check.paths)
        assert [f.path for f in fails] == [field.path.at(2)]

    def test_a_record_with_forced_odd_values_does_not_crash(self):
        record = with_decisions("Whether to move to a care home")
        decision = record.capacity_decisions[0]
        object.__setattr__(decision, "decision", 42)
        object.__setattr__(record, "desired_outcomes", ())
        report = msp.rules.validate(record, rules=list(CODES))
        assert not report.errored
        assert report.status_of("TXT-001") is PASSED
        assert report.status_of("TXT-002") is NA

    @given(st.text(max_size=200))
    def test_any_text_gives_an_answer(self, value):
        words = TextVocabulary()
        assert isinstance(words.placeholder(value), bool)
        assert isinstance(words.names_no_decision(value), bool)
        if words.placeholder(value):
            assert words.names_no_decision(value)

    def test_long_text_is_read(self):
        long = "Whether to accept care at home " * 600
        assert not TextVocabulary().names_no_decision(long)
        assert TextVocabulary().names_no_decision("lacks capacity " * 1000)

    @given(concerns())
    def test_generated_records_never_error(self, record):
        report = msp.rules.validate(record, rules=list(CODES))
        assert not report.errored
        for code in CODES:
            direct = get_rule(code).check(record)
            assert direct is NOT_APPLICABLE or isinstance(direct, (list, tuple))
