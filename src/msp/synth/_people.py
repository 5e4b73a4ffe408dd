"""The council's people: seven teams of sixteen pseudonymous users, and who raises concerns.

Every :class:`~msp.model.concern.Actor` and :class:`~msp.model.concern.Referrer`
a record can hold is built once, here, and shared: they are frozen records.
"""

from __future__ import annotations

from msp.model import Actor, Referrer
from msp.synth._state import Run

__all__ = [
    "DUTY",
    "HOSPITAL_TEAM",
    "LEARNING_DISABILITY_TEAM",
    "MANAGER",
    "MENTAL_HEALTH_TEAM",
    "SAFEGUARDING_MANAGER",
    "SENIOR",
    "SOCIAL_WORKER",
    "TEAMS",
    "actor",
    "referrer",
]

TEAMS = (
    "Team North",
    "Team South",
    "Team East",
    "Team West",
    "Hospital Team",
    "Learning Disability Team",
    "Mental Health Team",
)
"""The teams, by number: the four area teams first (see ``AREA_TEAM`` in :mod:`msp.synth._weights`)."""
HOSPITAL_TEAM, LEARNING_DISABILITY_TEAM, MENTAL_HEALTH_TEAM = 4, 5, 6
"""The specialist teams' numbers."""

MANAGER = "team manager"
SAFEGUARDING_MANAGER = "safeguarding adults manager"
SENIOR = "senior practitioner"
SOCIAL_WORKER = "social worker"
DUTY = "duty worker"

_USERS_PER_TEAM = 16
_ROLE_SLOTS = {MANAGER: (0, 1), SAFEGUARDING_MANAGER: (1, 1), SENIOR: (2, 2), SOCIAL_WORKER: (4, 8), DUTY: (12, 4)}
"""Each team's users (``U001`` upwards, sixteen a team): where each role starts, and how many hold it.

A manager, a safeguarding adults manager, two seniors, eight social workers and four duty workers.
"""
_ACTORS = {
    role: tuple(
        tuple(Actor(role=role, user_id=f"U{team * _USERS_PER_TEAM + first + seat + 1:03d}") for seat in range(size))
        for team in range(len(TEAMS))
    )
    for role, (first, size) in _ROLE_SLOTS.items()
}


def actor(run: Run, team: int, role: str) -> Actor:
    """One of ``team``'s users in ``role``, each as likely (one draw)."""
    return run.pick(_ACTORS[role][team])


_REFERRERS: dict[tuple[str, str], Referrer] = {}


def referrer(role_and_agency: tuple[str, str]) -> Referrer:
    """The referrer record for a ``(role, agency)`` pair of the weight tables."""
    found = _REFERRERS.get(role_and_agency)
    if found is None:
        role, agency = role_and_agency
        found = _REFERRERS[role_and_agency] = Referrer(role=role, agency=agency)
    return found
