"""The append-only history: digests, the chain, the WF- rules, and what tampering they detect (and do not)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import msp
from msp import Actor, Concern, HistoryEntry
from msp.codes import CaseStage
from msp.model import history as h
from msp.rules import Severity, Status, get_rule, registered_rules
from msp.synth import generate_concerns
from msp.workflow import steps as wf
from tests.builders import CLERK, LATER, MANAGER, draft, reach, step_decision

WF_RULES = ["WF-001", "WF-002"]


def wf_report(record: Concern) -> msp.Report:
    return msp.validate(record, rules=WF_RULES)


def codes(record: Concern) -> set[str]:
    return {f.code for f in wf_report(record).findings}


def with_history(record: Concern, history: tuple[HistoryEntry, ...], **changes: object) -> Concern:
    return attrs.evolve(record, history=history, **changes)


@pytest.fixture(scope="module")
def closed() -> Concern:
    """A case walked to closure through the plan: seven sealed entries."""
    return reach(CaseStage.CLOSED, via="plan_and_review")


# -- the digest -----------------------------------------------------------------------------


class TestDigest:
    """A history entry's digest is SHA-256 over a documented serialisation of every field and the previous digest."""

    entry = HistoryEntry(
        to_stage=CaseStage.INFORMATION_GATHERING,
        from_stage=CaseStage.CONCERN_RECEIVED,
        at=datetime(2025, 6, 2, 11, tzinfo=timezone.utc),
        actor=Actor(role="Duty social worker", user_id="U-101"),
        reason="Invented reason é",
    )

    def test_canonical_serialisation(self):
        """The digest is SHA-256 over the documented JSON array, in UTF-8 with compact separators."""
        payload = [
            "msp-history-v1",
            "ab" * 32,
            "concern_received",
            "information_gathering",
            "2025-06-02T11:00:00+00:00",
            "Duty social worker",
            "U-101",
            "Invented reason é",
        ]
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert h.entry_digest("ab" * 32, self.entry) == hashlib.sha256(raw).hexdigest()

    def test_the_stored_digest_is_ignored(self):
        """An entry's own digest field does not enter its digest."""
        assert h.entry_digest(None, attrs.evolve(self.entry, digest="x")) == h.entry_digest(None, self.entry)

    @pytest.mark.parametrize(
        "change",
        [
            {"to_stage": CaseStage.DECIDED},
            {"from_stage": None},
            {"at": datetime(2025, 6, 2, 11, 0, 1, tzinfo=timezone.utc)},
            {"at": datetime(2025, 6, 2, 12, tzinfo=timezone(timedelta(hours=1)))},
            {"actor": Actor(role="Duty social worker", user_id="U-999")},
            {"actor": Actor(role="Manager", user_id="U-101")},
            {"reason": None},
            {"reason": "Invented reason e"},
        ],
    )
    def test_every_field_counts(self, change):
        """Changing any of stages, time (or its offset), role, user id or reason changes the digest."""
        assert h.entry_digest(None, attrs.evolve(self.entry, **change)) != h.entry_digest(None, self.entry)

    def test_previous_counts(self):
        """The same entry after a different previous digest has a different digest."""
        assert h.entry_digest(None, self.entry) != h.entry_digest("0" * 64, self.entry)

    def test_chain_helpers(self):
        """chain_digests chains over content; head_digest is its last; append_entry seals the new entry."""
        first = attrs.evolve(self.entry, from_stage=None, to_stage=CaseStage.CONCERN_RECEIVED)
        history = h.append_entry(h.append_entry((), first), self.entry)
        digests = h.chain_digests(history)
        assert digests == (h.entry_digest(None, first), h.entry_digest(digests[0], self.entry))
        assert tuple(e.digest for e in history) == digests
        assert h.head_digest(history) == digests[-1]
        assert h.head_digest(()) is None
        assert h.chain_digests(()) == ()

    def test_digest_is_personal_because_it_commits_to_the_reason(self):
        """The digest field is marked personal (redaction drops it), and defaults to None (backward compatible)."""
        assert "digest" in msp.personal_fields(HistoryEntry)
        assert HistoryEntry(to_stage=CaseStage.CLOSED, at=LATER, actor=CLERK).digest is None


class TestAuthoriserInTheDigest:
    """A manager's sign-off (authorised_by) is covered by the digest where present, and only then: entries
    without one, and the v1 histories sealed before it existed, keep their digests."""

    entry = TestDigest.entry
    authoriser = Actor(role="Safeguarding adults manager", user_id="U-102")

    def test_the_serialisation_with_an_authoriser(self):
        """Role and user id of the authoriser follow the reason as two more items of the same array."""
        signed = attrs.evolve(self.entry, authorised_by=self.authoriser)
        payload = [
            "msp-history-v1",
            None,
            "concern_received",
            "information_gathering",
            "2025-06-02T11:00:00+00:00",
            "Duty social worker",
            "U-101",
            "Invented reason é",
            "Safeguarding adults manager",
            "U-102",
        ]
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert h.entry_digest(None, signed) == hashlib.sha256(raw).hexdigest()

    def test_an_entry_without_one_keeps_its_digest(self):
        """No authoriser: the digest is the eight-item one documented before authorised_by existed."""
        payload = [
            "msp-history-v1",
            None,
            "concern_received",
            "information_gathering",
            "2025-06-02T11:00:00+00:00",
            "Duty social worker",
            "U-101",
            "Invented reason é",
        ]
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert self.entry.authorised_by is None
        assert h.entry_digest(None, self.entry) == hashlib.sha256(raw).hexdigest()

    @pytest.mark.parametrize(
        "authoriser",
        [
            None,
            Actor(role="Safeguarding adults manager", user_id="U-999"),
            Actor(role="Team manager", user_id="U-102"),
        ],
        ids=["removed", "another-user", "another-role"],
    )
    def test_every_change_of_authoriser_counts(self, authoriser):
        """Adding, removing or changing the authoriser's role or user id changes the digest."""
        signed = attrs.evolve(self.entry, authorised_by=self.authoriser)
        assert h.entry_digest(None, attrs.evolve(signed, authorised_by=authoriser)) != h.entry_digest(None, signed)

    def test_the_v1_sealed_history_still_verifies(self):
        """The sealed history of the v1 fixture recomputes to its stored digests and passes WF-001 and WF-002."""
        path = Path(__file__).resolve().parents[1] / "fixtures" / "v1" / "v1_history_sealed.json"
        record = msp.from_dict(json.loads(path.read_text(encoding="utf-8")))
        assert record.history
        assert all(e.authorised_by is None for e in record.history)
        assert tuple(e.digest for e in record.history) == h.chain_digests(record.history)
        assert wf_report(record).findings == ()

    def test_a_signed_off_step_is_sealed_and_checked(self):
        """A step signed off through the workflow passes WF-001; an authoriser edited afterwards does not."""
        c = wf.decide(
            reach(CaseStage.INFORMATION_GATHERING),
            actor=CLERK,
            at=LATER,
            decision=step_decision(),
            authorised_by=MANAGER,
            policy=wf.WorkflowPolicy.manager_sign_off(),
        )
        assert c.history[-1].authorised_by == MANAGER
        assert codes(c) == set()
        last = len(c.history) - 1
        edited = attrs.evolve(c.history[last], authorised_by=Actor(role=MANAGER.role, user_id="U-999"))
        assert codes(with_history(c, (*c.history[:last], edited))) == {"WF-001"}


# -- the rules ------------------------------------------------------------------------------


class TestRulesAreRegistered:
    """WF-001 and WF-002 are error rules at every stage, sorted after the SAC family, in the default profile."""

    @pytest.mark.parametrize("code", WF_RULES)
    def test_error_rules_at_every_stage(self, code):
        """WF-001 and WF-002 are built-in error rules of the WF family that apply at every stage."""
        r = get_rule(code)
        assert r.family == "WF"
        assert r.severity is Severity.ERROR
        assert r.stages == frozenset(CaseStage)
        assert r.reference.strip()

    def test_sorted_after_the_other_families(self):
        """The WF family sorts as one block straight after SAC, so after every practice, MCA, Care Act and
        SAC rule; only the free-text family (TXT), which reads the record's words, sorts after it."""
        families = [r.family for r in registered_rules()]
        first = families.index("WF")
        assert families[first : first + len(WF_RULES)] == ["WF"] * len(WF_RULES)
        assert families.count("WF") == len(WF_RULES)
        assert families[first - 1] == "SAC"
        assert first > max(i for i, f in enumerate(families) if f in {"MSP", "MCA", "CA", "SAC"})
        assert set(families[first + len(WF_RULES) :]) <= {"TXT"}

    def test_in_the_default_profile(self):
        """The default profile runs them, so the workflow checks the history by default."""
        assert set(WF_RULES) <= set(msp.rules.rule_set().codes)


class TestIntactHistory:
    """A history the workflow wrote passes WF-001 and WF-002, also after JSON and in other offsets."""

    def test_a_workflow_history_passes(self, closed):
        """A history written by the workflow passes both rules."""
        report = wf_report(closed)
        assert report.findings == ()
        assert dict(report.outcomes) == {"WF-001": Status.PASSED, "WF-002": Status.PASSED}

    def test_empty_history_is_not_applicable(self):
        """A record with no history: nothing to check."""
        assert {s for _, s in wf_report(draft()).outcomes} == {Status.NOT_APPLICABLE}

    def test_survives_json(self, closed):
        """JSON round trip keeps the digests and the chain."""
        back = msp.from_json(msp.to_json(closed))
        assert back == closed
        assert wf_report(back).findings == ()

    def test_offsets_other_than_utc(self):
        """Times recorded in another UTC offset chain and round-trip too."""
        bst = timezone(timedelta(hours=1))
        c = wf.receive(draft(), actor=CLERK, at=datetime(2025, 6, 2, 9, tzinfo=bst))
        c = wf.start_information_gathering(c, actor=CLERK, at=datetime(2025, 6, 2, 10, 30, 15, 7, tzinfo=bst))
        assert wf_report(msp.from_json(msp.to_json(c))).findings == ()


class TestTampering:
    """Edits, cuts, reorderings and insertions in a sealed history are detected, within the documented limits."""

    def test_edited_reason(self, closed):
        """Editing an entry's reason breaks its digest: WF-001 at that entry."""
        history = list(closed.history)
        history[2] = attrs.evolve(history[2], reason="Edited afterwards")
        report = wf_report(with_history(closed, tuple(history)))
        assert [(f.code, f.path) for f in report.findings] == [("WF-001", "$.history[2]")]

    @pytest.mark.parametrize(
        "change",
        [
            {"actor": Actor(role="Safeguarding adults manager", user_id="U-999")},
            {"at": LATER},
            {"digest": "0" * 64},
        ],
        ids=["actor", "time", "digest"],
    )
    def test_edited_entry(self, closed, change):
        """Editing who, when, or the digest itself is detected at that entry."""
        history = list(closed.history)
        history[1] = attrs.evolve(history[1], **change)
        assert ("WF-001", "$.history[1]") in {
            (f.code, f.path) for f in wf_report(with_history(closed, tuple(history))).findings
        }

    def test_edited_and_resealed_entry_breaks_the_next(self, closed):
        """Re-sealing an edited entry does not help: the next entry no longer chains."""
        history = list(closed.history)
        edited = attrs.evolve(history[3], reason="Edited afterwards")
        history[3] = attrs.evolve(edited, digest=h.entry_digest(h.head_digest(history[:3]), edited))
        assert [f.path for f in wf_report(with_history(closed, tuple(history))).findings] == ["$.history[4]"]

    def test_reordered(self, closed):
        """Swapping two entries is detected by both rules."""
        history = list(closed.history)
        history[3], history[4] = history[4], history[3]
        assert codes(with_history(closed, tuple(history))) == {"WF-001", "WF-002"}

    def test_cut_in_the_middle(self, closed):
        """Removing an entry from the middle is detected by both rules."""
        history = closed.history[:3] + closed.history[4:]
        assert codes(with_history(closed, history)) == {"WF-001", "WF-002"}

    def test_cut_at_the_start(self, closed):
        """Removing the first entry breaks the chain."""
        assert codes(with_history(closed, closed.history[1:])) == {"WF-001"}

    def test_cut_tail_is_detected_where_the_stage_no_longer_matches(self, closed):
        """Removing the last entries leaves valid digests but the stage is not the last entry's: WF-002."""
        report = wf_report(with_history(closed, closed.history[:-2]))
        assert [(f.code, f.path) for f in report.findings] == [("WF-002", "$.stage")]

    def test_limit_cut_tail_with_the_stage_set_back(self, closed):
        """The honest limit: cut the tail and set the stage back, and the record alone cannot tell.
        An anchored head digest can."""
        cut = with_history(closed, closed.history[:-1], stage=closed.history[-2].to_stage, closure=None)
        assert wf_report(cut).findings == ()
        assert h.head_digest(cut.history) != h.head_digest(closed.history)

    def test_limit_rewritten_chain(self, closed):
        """The honest limit: an edit followed by a full re-seal passes the rules; the anchor differs."""
        history: tuple[HistoryEntry, ...] = ()
        for i, entry in enumerate(closed.history):
            changed = attrs.evolve(entry, reason="Rewritten") if i == 2 else entry
            history = h.append_entry(history, attrs.evolve(changed, digest=None))
        rewritten = with_history(closed, history)
        assert wf_report(rewritten).findings == ()
        assert h.head_digest(rewritten.history) != h.head_digest(closed.history)

    def test_inserted_unsealed_entry(self, closed):
        """An entry without a digest among sealed ones is flagged by WF-001."""
        extra = HistoryEntry(
            from_stage=CaseStage.CONCLUDED, to_stage=CaseStage.CONCLUDED, at=closed.history[-1].at, actor=CLERK
        )
        history = (*closed.history[:-1], extra, closed.history[-1])
        report = wf_report(with_history(closed, history))
        assert ("WF-001", "$.history[6].digest") in {(f.code, f.path) for f in report.findings}

    def test_stage_changed_outside_the_workflow(self, closed):
        """Setting the stage directly, without a step, is WF-002."""
        assert codes(attrs.evolve(closed, stage=CaseStage.ENQUIRY)) == {"WF-002"}

    def test_validating_at_another_stage_checks_the_history_as_recorded(self, closed):
        """``validate(stage=...)`` asks "what if": the history rules still see the stored record."""
        report = msp.validate(closed, stage=CaseStage.ENQUIRY, rules=WF_RULES)
        assert report.findings == ()
        assert dict(report.outcomes) == {"WF-001": Status.PASSED, "WF-002": Status.PASSED}

    def test_time_going_backwards(self):
        """An entry earlier than the one before is WF-002 even without digests."""
        c = reach(CaseStage.INFORMATION_GATHERING)
        first = attrs.evolve(c.history[0], digest=None)
        history = (first, attrs.evolve(c.history[1], at=first.at - timedelta(minutes=1), digest=None))
        report = wf_report(with_history(c, history))
        assert [(f.code, f.path) for f in report.findings] == [("WF-002", "$.history[1].at")]

    def test_a_tampered_record_moves_nowhere(self, closed):
        """The workflow refuses every step on a record whose history was edited."""
        history = list(closed.history)
        history[2] = attrs.evolve(history[2], reason="Edited afterwards")
        tampered = with_history(closed, tuple(history))
        with pytest.raises(wf.TransitionRefused) as info:
            wf.reopen(tampered, actor=MANAGER, at=LATER + timedelta(days=1), reason="Invented")
        assert info.value.codes == ("WF-001",)

    @given(data=st.data())
    def test_any_single_edit_of_reason_or_actor_is_detected(self, closed, data):
        """Whatever entry is edited (reason or user id), WF-001 points at it."""
        i = data.draw(st.integers(0, len(closed.history) - 1))
        history = list(closed.history)
        if data.draw(st.booleans()):
            history[i] = attrs.evolve(history[i], reason=data.draw(st.sampled_from(["Edited", "Other"])))
        else:
            history[i] = attrs.evolve(history[i], actor=Actor(role="Manager", user_id="U-777"))
        report = wf_report(with_history(closed, tuple(history)))
        assert ("WF-001", f"$.history[{i}]") in {(f.code, f.path) for f in report.findings}


class TestLegacyHistories:
    """Histories without digests are checked for continuity only, and the workflow seals on top of them."""

    def legacy(self) -> Concern:
        """A record from another system: continuous history, no digests."""
        actor = Actor(role="Duty social worker", user_id="U-500")
        t = datetime(2025, 6, 2, 9, tzinfo=timezone.utc)
        history = (
            HistoryEntry(to_stage=CaseStage.CONCERN_RECEIVED, at=t, actor=actor),
            HistoryEntry(
                from_stage=CaseStage.CONCERN_RECEIVED,
                to_stage=CaseStage.INFORMATION_GATHERING,
                at=t + timedelta(hours=2),
                actor=actor,
            ),
        )
        return draft(history=history, stage=CaseStage.INFORMATION_GATHERING)

    def test_unsealed_history_is_not_applicable_to_wf001(self):
        """No digest at all: WF-001 does not apply; WF-002 does."""
        report = wf_report(self.legacy())
        assert dict(report.outcomes) == {"WF-001": Status.NOT_APPLICABLE, "WF-002": Status.PASSED}

    def test_unsealed_discontinuous_history_fails_wf002(self):
        """A legacy history that skips from one stage to an unrelated one fails WF-002."""
        legacy = self.legacy()
        broken = attrs.evolve(legacy.history[1], from_stage=CaseStage.DECIDED)
        assert codes(with_history(legacy, (legacy.history[0], broken))) == {"WF-002"}

    def test_the_workflow_seals_on_top_and_protects_the_legacy_entries(self):
        """The first sealed entry chains over the legacy entries, so editing them afterwards is detected."""
        c = wf.decide(self.legacy(), actor=MANAGER, at=LATER, decision=step_decision())
        assert c.history[-1].digest == h.chain_digests(c.history)[-1]
        assert wf_report(c).findings == ()
        edited = attrs.evolve(c.history[0], reason="Edited afterwards")
        assert codes(with_history(c, (edited, *c.history[1:]))) == {"WF-001"}

    def test_synthetic_records_have_continuous_histories(self):
        """Records from msp.synth walk the stages in order: WF-002 never fails on them."""
        for record in generate_concerns(40, seed=11):
            assert "WF-002" not in codes(record)


class TestRedaction:
    """Redaction drops reasons and digests together, so a redacted history reports no broken chain."""

    def test_redaction_drops_reasons_and_digests_together(self, closed):
        """redact() drops the reasons and the digests that commit to them: no broken chain is reported."""
        redacted = msp.redact(closed)
        assert all(e.digest is None and e.reason is None for e in redacted.history)
        assert wf_report(redacted).findings == ()
        assert wf_report(redacted).status_of("WF-001") is Status.NOT_APPLICABLE
        assert h.without_digests(redacted) is redacted
