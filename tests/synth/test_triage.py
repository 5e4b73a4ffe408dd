"""Generated risk ratings at triage: on the default scale, in the proportions docs/synth.md gives, following
whether immediate action was needed; first contact and immediate safety mostly within the default targets."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from msp.synth import _weights as w
from msp.synth import generate_concerns
from msp.workflow.timescales import DEFAULT_FIRST_CONTACT_TARGETS, DEFAULT_RISK_SCALE, Policy, Timing, timeliness

N = 4000
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def concerns():
    return list(generate_concerns(N, seed=81))


class TestGeneratedTriage:
    """Ratings drawn at triage, and first contact and immediate safety timed by them."""

    def test_the_weights_use_the_default_scale_and_targets(self):
        """The synthetic ratings and first-contact targets are the timescale policy's defaults."""
        assert set(w.RISK_RATING_ACTION_NEEDED.items) | set(w.RISK_RATING_NO_ACTION.items) == set(DEFAULT_RISK_SCALE)
        assert dict(DEFAULT_FIRST_CONTACT_TARGETS) == w.FIRST_CONTACT_TARGET_DAYS

    def test_every_recorded_immediate_safety_has_a_rating_on_the_scale(self, concerns):
        """Wherever immediate safety is recorded, so is a rating on the default scale."""
        safeties = [c.immediate_safety for c in concerns if c.immediate_safety is not None]
        assert safeties
        assert all(s.risk_rating in DEFAULT_RISK_SCALE for s in safeties)

    def test_ratings_follow_immediate_action_needed(self, concerns):
        """Where immediate action was needed, high or critical mostly and never low; otherwise never critical."""
        pairs = Counter(
            (c.immediate_safety.action_needed, c.immediate_safety.risk_rating)
            for c in concerns
            if c.immediate_safety is not None
        )
        needed = sum(n for (a, _), n in pairs.items() if a)
        assert pairs[True, "low"] == 0
        assert pairs[False, "critical"] == 0
        assert (pairs[True, "high"] + pairs[True, "critical"]) / needed > 0.75

    def test_proportions_are_those_the_doc_gives(self, concerns):
        """About 8% critical, 20% high, 37% medium, 35% low (within a few points)."""
        ratings = Counter(c.immediate_safety.risk_rating for c in concerns if c.immediate_safety is not None)
        total = sum(ratings.values())
        for rating, share in (("critical", 0.077), ("high", 0.204), ("medium", 0.368), ("low", 0.351)):
            assert abs(ratings[rating] / total - share) < 0.04, rating

    def test_first_contact_mostly_within_target_with_a_late_share(self, concerns):
        """Of the first contacts timed and recorded, most meet the rating's target and a few miss it."""
        policy = Policy()
        timings = Counter(timeliness(c, policy, as_of=AS_OF).first_contact.timing for c in concerns)
        done = timings[Timing.MET] + timings[Timing.MISSED]
        assert done > N / 2
        assert 0.01 < timings[Timing.MISSED] / done < 0.08

    def test_immediate_safety_mostly_within_target(self, concerns):
        """Immediate safety is assessed within the rating's target for nearly all, not all."""
        timings = Counter(timeliness(c, as_of=AS_OF).immediate_safety.timing for c in concerns)
        done = timings[Timing.MET] + timings[Timing.MISSED]
        assert 0 < timings[Timing.MISSED] / done < 0.05
