"""Reproducible synthetic safeguarding concerns, for tests, demos and benchmarks.

:func:`generate` streams JSON-ready dicts in exactly the layout
:func:`msp.to_dict` writes (``schema_version`` first, fields in declaration
order, defaults left out); :func:`generate_concerns` streams the same records
as :class:`~msp.model.concern.Concern` objects. Both are generators: a million
records never sit in memory at once.

Everything is fictional. Ids are pseudonymous (``C000123``, ``A004567``,
``U042``); free text is short and generic, and the narrative kind (what is
alleged, strengths) says "Fictional example". No name, address, NHS number or
real person's date of birth is ever produced.

**Reproducible.** Only :class:`random.Random` instances seeded from ``seed``
are used, and only their ``random()`` method, whose sequence Python keeps
stable across versions: the same arguments give byte-identical output. Which
records are broken (``invalid_share``) is drawn from a second stream, so
turning ``invalid_share`` up breaks some records without changing the others.

**Realistic mixes** (reference.md §1.2-1.5): neglect and acts of omission is
about a third of risks and the adult's own home a little under half of
locations; about seven in ten concluded risks are "Risk identified and action
taken" and about nine in ten identified risks are reduced or removed; adults
aged 85 and over are far more common than in the population; self-neglect is
sourced "Known to Individual - Self"; capacity is lacked mostly where the
primary support reason is memory and cognition or a learning disability.
About one concern in ten is about an adult who has another concern in the data.

**Snapshot.** Records are as at the last day of two collection years from
``start`` (31 March 2026 by default): closed cases are spread over the whole
period, open ones are recent. Each record's fields match its workflow stage
(a concern still at ``concern_received`` has no decision; a concluded section
42 enquiry has ``concluded_on``, SG3a ``capacity_lacked``, SG4a ``msp_asked``
and an SG2c result on every risk, with an SG2e risk outcome only where a risk
was identified) and its ``history`` walks the stages in order.

**Practice gaps.** About 30 % of records carry one to three deliberate
practice gaps for a rules engine to find (for example: not seen alone and no
reason why, no strengths recorded, a desired outcome in the practitioner's
words, a plan not agreed with the adult, closure at the adult's request with
no thought of coercion, an SG2-SG4 item missing from a concluded section 42
enquiry). The rest follow good Making Safeguarding Personal practice.

**Broken records.** ``invalid_share`` of the records are broken at the shape
level (one at a random place in each run of ``1 / invalid_share`` records),
spread over seven kinds: an unknown code, a bad date string, a wrong
type, a missing required field, an unknown extra key, dates in an impossible
order, and blank text. Every one of them fails :func:`msp.from_dict` with
:class:`msp.InvalidRecord`.

Example::

    from msp.synth import generate

    for record in generate(3, seed=7):
        print(record["concern_id"], record.get("stage", "concern_received"))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from msp.convert._converter import SCHEMA_VERSION, from_dict
from msp.model.concern import Concern

__all__ = ["DEFAULT_START", "generate", "generate_concerns"]

DEFAULT_START = date(2024, 4, 1)
"""The first day of the default period: the 2024-25 and 2025-26 collection years."""

_PERIOD_DAYS = 730
"""Two collection years; the snapshot is taken on the last day of them."""

_T = TypeVar("_T")


def _weighted(weighted: Sequence[tuple[_T, float]]) -> Callable[[float], _T]:
    """Weighted choice driven by one ``random()`` draw: ``_weighted(pairs)(r)`` with ``0 <= r < 1``.

    Only ``random()`` is used, never ``choices()``: its sequence is stable across Python versions.
    """
    cum: list[float] = []
    total = 0.0
    for _, weight in weighted:
        total += weight
        cum.append(total)
    bounds = tuple(cum)
    items = tuple(item for item, _ in weighted)

    def pick(r: float) -> _T:
        return items[bisect_right(bounds, r * total)]

    return pick


# --------------------------------------------------------------------------
# Stages and routes
# --------------------------------------------------------------------------

_CR, _IG, _DEC, _ENQ, _PLAN, _CONC, _CEASED, _CLOSED = range(8)
_STAGE_CODES = (
    "concern_received",
    "information_gathering",
    "decided",
    "enquiry",
    "plan_and_review",
    "concluded",
    "ceased_at_adults_request",
    "closed",
)

_NO_ENQUIRY, _S42, _OTHER = "no_enquiry", "section_42_enquiry", "other_enquiry"
_ENQUIRY_TYPE = {_S42: "section_42", _OTHER: "other"}

_STAGE = _weighted(
    [(_CR, 4), (_IG, 5), (_DEC, 4), (_ENQ, 5), (_PLAN, 4.5), (_CONC, 4.5), (_CEASED, 0.8), (_CLOSED, 72.2)],
)
_ROUTE_DECIDED = _weighted([(_NO_ENQUIRY, 60), (_S42, 35), (_OTHER, 5)])
_ROUTE_IN_ENQUIRY = _weighted([(_S42, 88), (_OTHER, 12)])
_ROUTE_CLOSED = _weighted([(_NO_ENQUIRY, 76.5), (_S42, 21), (_OTHER, 2.5)])

# --------------------------------------------------------------------------
# The adult
# --------------------------------------------------------------------------

# SG1a: adults in s42 enquiries by age band (18-64 about a third; 85+ far over-represented).
_AGE_BAND = _weighted([((18, 65), 36), ((65, 75), 13), ((75, 85), 23), ((85, 95), 23), ((95, 104), 5)])
_GENDER = _weighted([("2", 59.5), ("1", 39.2), ("3", 0.3), ("4", 0.1), ("Z", 0.4), ("X", 0.5)])
_NHS_ETHNIC = _weighted(
    [
        ("A", 78),
        ("B", 1),
        ("C", 4),
        ("D", 0.5),
        ("E", 0.3),
        ("F", 0.4),
        ("G", 0.5),
        ("H", 2),
        ("J", 1.5),
        ("K", 0.7),
        ("L", 1),
        ("M", 1.3),
        ("N", 1.5),
        ("P", 0.4),
        ("R", 0.3),
        ("S", 1),
        ("Z", 1.6),
        ("99", 4),
    ],
)
_CENSUS_ETHNIC = _weighted(
    [
        ("13", 78),
        ("14", 1),
        ("15", 0.3),
        ("16", 0.2),
        ("17", 4),
        ("11", 0.6),
        ("10", 0.3),
        ("9", 0.4),
        ("12", 0.5),
        ("3", 2),
        ("4", 1.5),
        ("1", 0.7),
        ("2", 0.3),
        ("5", 1),
        ("7", 1.3),
        ("6", 1.5),
        ("8", 0.4),
        ("18", 0.3),
        ("19", 0.7),
        ("-8", 3),
    ],
)
# Detailed primary support reason, its SAC group, and how often capacity is lacked.
_PSR = _weighted(
    [
        (("physical_personal_care", "physical", 0.08), 38),
        (("physical_access_and_mobility", "physical", 0.04), 10),
        (("memory_and_cognition", "memory_and_cognition", 0.62), 14),
        (("mental_health", "mental_health", 0.12), 14),
        (("learning_disability", "learning_disability", 0.45), 9),
        (("sensory_visual", "sensory", 0.04), 0.8),
        (("sensory_hearing", "sensory", 0.04), 0.8),
        (("sensory_dual", "sensory", 0.1), 0.4),
        (("social_substance_misuse", "social", 0.05), 2),
        (("social_asylum_seeker", "social", 0.02), 0.3),
        (("social_isolation_other", "social", 0.05), 3),
        (("not_known", "not_known", 0.08), 5.7),
        ((None, "no_support_reason", 0.02), 2),
    ],
)
_LANGUAGE = _weighted(
    [
        ("English", 92),
        ("Polish", 1.2),
        ("Urdu", 1),
        ("Bengali", 0.8),
        ("Punjabi", 0.8),
        ("Gujarati", 0.6),
        ("Somali", 0.5),
        ("Arabic", 0.5),
        ("Portuguese", 0.5),
        ("Romanian", 0.6),
        ("British Sign Language", 0.5),
        ("Turkish", 0.5),
        ("Cantonese", 0.5),
    ],
)
_COMMUNICATION_NEEDS = (
    "Short sentences and written notes",
    "Hearing aid; face them when speaking",
    "Uses pictures to choose",
    "Best seen in the morning",
    "Large print letters",
)
_REPRESENTATIVE = _weighted(
    [
        (("family_or_friend", None), 62),
        (("lpa_property_and_financial_affairs", True), 13),
        (("lpa_health_and_welfare", True), 11),
        (("enduring_power_of_attorney", True), 3),
        (("deputy_property_and_affairs", None), 8),
        (("deputy_health_and_welfare", None), 3),
    ],
)
_RELATIVES = ("daughter", "son", "wife", "husband", "partner", "sister", "brother", "niece", "nephew", "grandson")
_OTHERS_INVOLVED = ("neighbour", "friend", "key worker", "GP", "district nurse", "faith leader", "housing officer")
_STRENGTHS = {
    "personal": (
        "Fictional example: keen gardener",
        "Fictional example: manages own routine",
        "Fictional example: clear about what matters",
        "Fictional example: good sense of humour",
        "Fictional example: walks to the shop daily",
    ),
    "family": (
        "Fictional example: daughter visits weekly",
        "Fictional example: grandson helps online",
        "Fictional example: sister phones daily",
    ),
    "community": (
        "Fictional example: neighbour helps with shopping",
        "Fictional example: goes to a lunch club",
        "Fictional example: local faith group",
        "Fictional example: community gardener",
    ),
}
_STRENGTH_KIND = _weighted([("personal", 45), ("family", 30), ("community", 25)])

# --------------------------------------------------------------------------
# The alleged risks, for SAC tables SG2a and SG2b
# --------------------------------------------------------------------------

_TYPE = _weighted(
    [
        ("neglect_and_acts_of_omission", 32),
        ("physical_abuse", 18),
        ("financial_or_material_abuse", 14),
        ("psychological_abuse", 13),
        ("self_neglect", 9),
        ("domestic_abuse", 6),
        ("organisational_abuse", 4),
        ("sexual_abuse", 3.5),
        ("discriminatory_abuse", 0.6),
        ("sexual_exploitation", 0.5),
        ("modern_slavery", 0.4),
    ],
)
_SOURCE_BY_TYPE: dict[str, Callable[[float], str]] = {
    "neglect_and_acts_of_omission": _weighted(
        [
            ("provider_private_sector", 40),
            ("provider_public_sector", 6),
            ("provider_voluntary", 3),
            ("known_relative_family_carer", 28),
            ("known_secondary_health_care", 8),
            ("known_community_health_care", 5),
            ("known_primary_health_care", 2),
            ("known_social_care_staff", 2),
            ("known_not_related", 6),
        ],
    ),
    "physical_abuse": _weighted(
        [
            ("provider_private_sector", 26),
            ("provider_public_sector", 4),
            ("known_relative_family_carer", 34),
            ("known_not_related", 24),
            ("known_secondary_health_care", 3),
            ("unknown_stranger", 9),
        ],
    ),
    "financial_or_material_abuse": _weighted(
        [
            ("known_relative_family_carer", 48),
            ("known_not_related", 20),
            ("unknown_stranger", 20),
            ("provider_private_sector", 9),
            ("unknown_other_private_sector", 3),
        ],
    ),
    "psychological_abuse": _weighted(
        [
            ("known_relative_family_carer", 50),
            ("known_not_related", 25),
            ("provider_private_sector", 17),
            ("unknown_stranger", 8),
        ],
    ),
    "self_neglect": _weighted([("known_self", 1)]),
    "domestic_abuse": _weighted([("known_relative_family_carer", 80), ("known_not_related", 20)]),
    "organisational_abuse": _weighted(
        [
            ("provider_private_sector", 72),
            ("provider_public_sector", 10),
            ("provider_voluntary", 6),
            ("known_secondary_health_care", 12),
        ],
    ),
    "sexual_abuse": _weighted(
        [
            ("known_not_related", 38),
            ("known_relative_family_carer", 16),
            ("provider_private_sector", 18),
            ("unknown_stranger", 28),
        ],
    ),
    "discriminatory_abuse": _weighted(
        [("provider_private_sector", 30), ("known_not_related", 30), ("unknown_stranger", 40)],
    ),
    "sexual_exploitation": _weighted([("known_not_related", 55), ("unknown_stranger", 45)]),
    "modern_slavery": _weighted(
        [("known_not_related", 50), ("unknown_stranger", 38), ("known_other_private_sector", 12)],
    ),
}
_LOCATION_BY_SOURCE_KIND: dict[str, Callable[[float], str]] = {
    "provider": _weighted(
        [("care_home_residential", 38), ("care_home_nursing", 30), ("own_home", 20), ("community_service", 12)],
    ),
    "self": _weighted([("own_home", 93), ("in_the_community", 4), ("other", 3)]),
    "family": _weighted(
        [
            ("own_home", 62),
            ("in_the_community", 15),
            ("other", 8),
            ("care_home_residential", 7),
            ("care_home_nursing", 3),
            ("hospital_acute", 2),
        ],
    ),
    "health": _weighted(
        [("hospital_acute", 50), ("hospital_mental_health", 18), ("hospital_community", 14), ("own_home", 18)],
    ),
    "stranger": _weighted([("in_the_community", 55), ("own_home", 30), ("other", 15)]),
    "other": _weighted([("own_home", 45), ("other", 30), ("in_the_community", 15), ("community_service", 10)]),
}
_SOURCE_KIND = {
    "provider_private_sector": "provider",
    "provider_public_sector": "provider",
    "provider_voluntary": "provider",
    "known_self": "self",
    "known_relative_family_carer": "family",
    "known_not_related": "family",
    "known_primary_health_care": "health",
    "known_secondary_health_care": "health",
    "known_community_health_care": "health",
    "known_social_care_staff": "other",
    "known_other_private_sector": "other",
    "unknown_stranger": "stranger",
    "unknown_other_private_sector": "stranger",
}
_DESCRIPTIONS = {
    "neglect_and_acts_of_omission": (
        "Fictional example: medication missed for days",
        "Fictional example: pressure sore not referred",
        "Fictional example: missed care visits, no food",
    ),
    "physical_abuse": (
        "Fictional example: bruising after a care visit",
        "Fictional example: pushed during an argument",
    ),
    "financial_or_material_abuse": (
        "Fictional example: money missing from account",
        "Fictional example: paid a fake delivery fee",
        "Fictional example: relative using their bank card",
    ),
    "psychological_abuse": (
        "Fictional example: shouted at and threatened",
        "Fictional example: threatened with a move if they complain",
    ),
    "self_neglect": (
        "Fictional example: cluttered home, not eating well",
        "Fictional example: declining personal care; no heating",
    ),
    "domestic_abuse": (
        "Fictional example: partner controls contact and money",
        "Fictional example: police called after threats",
    ),
    "organisational_abuse": (
        "Fictional example: residents wait long for care",
        "Fictional example: ward gets people up too early",
    ),
    "sexual_abuse": ("Fictional example: disclosed unwanted touching",),
    "discriminatory_abuse": ("Fictional example: harassed for their disability",),
    "sexual_exploitation": ("Fictional example: pressured into sex for gifts",),
    "modern_slavery": ("Fictional example: made to work without pay",),
}
_DESCRIPTION_BY_SOURCE = {
    ("financial_or_material_abuse", "stranger"): "Fictional example: paid a fake delivery fee",
    ("financial_or_material_abuse", "family"): "Fictional example: relative using their bank card",
    ("financial_or_material_abuse", "provider"): "Fictional example: money missing from their room",
    ("physical_abuse", "provider"): "Fictional example: bruising after a care visit",
    ("physical_abuse", "family"): "Fictional example: pushed during an argument",
    ("neglect_and_acts_of_omission", "family"): "Fictional example: carer not helping with meals",
}
_COERCION_TYPES = frozenset(
    {"domestic_abuse", "financial_or_material_abuse", "psychological_abuse", "sexual_exploitation", "modern_slavery"},
)

# SG2c (ceased-at-request is drawn by the stage, not here) and SG2e.
_ACTION_RESULT = _weighted(
    [
        ("risk_identified_action_taken", 72),
        ("risk_identified_no_action", 4),
        ("inconclusive_action_taken", 9),
        ("inconclusive_no_action", 2),
        ("no_risk_action_taken", 5),
        ("no_risk_no_action", 8),
    ],
)
_RISK_OUTCOME = _weighted([("reduced", 57), ("removed", 32.5), ("remained", 10.5)])

# --------------------------------------------------------------------------
# People and teams
# --------------------------------------------------------------------------

_TEAMS = (
    "Team North",
    "Team South",
    "Team East",
    "Team West",
    "Hospital Team",
    "Learning Disability Team",
    "Mental Health Team",
)
_AREA_TEAM = _weighted([(0, 30), (1, 28), (2, 22), (3, 20)])
_USERS_PER_TEAM = 16
_ROLE_MANAGER = "team manager"
_ROLE_SAM = "safeguarding adults manager"
_ROLE_SENIOR = "senior practitioner"
_ROLE_SW = "social worker"
_ROLE_DUTY = "duty worker"
_ROLE_SLOTS = {_ROLE_MANAGER: (0, 1), _ROLE_SAM: (1, 1), _ROLE_SENIOR: (2, 2), _ROLE_SW: (4, 8), _ROLE_DUTY: (12, 4)}
"""Each team's users: a manager, a safeguarding adults manager, two seniors, eight social workers, four duty."""
_USER_IDS = tuple(f"U{n:03d}" for n in range(1, len(_TEAMS) * _USERS_PER_TEAM + 1))
_CLOCK = tuple(f"T{minute // 60:02d}:{minute % 60:02d}:00+00:00" for minute in range(24 * 60))
"""Times of day as they follow a date in a history entry (UTC)."""
_REFERRER = _weighted(
    [
        (("care home manager", "care provider"), 10),
        (("care worker", "home care provider"), 9),
        (("ward nurse", "NHS trust"), 9),
        (("GP", "NHS primary care"), 7),
        (("police officer", "police"), 13),
        (("paramedic", "ambulance service"), 6),
        (("family member", "family"), 11),
        (("the adult", "self"), 4),
        (("housing officer", "housing provider"), 5),
        (("social worker", "adult social care"), 12),
        (("member of the public", "public"), 4),
        (("bank staff", "financial institution"), 3),
        (("fire safety officer", "fire and rescue service"), 2),
        (("support worker", "voluntary organisation"), 5),
    ],
)
_CARE_HOME_REFERRER = _weighted(
    [(("care home manager", "care provider"), 60), (("GP", "NHS primary care"), 15), (("family member", "family"), 25)],
)
_HOSPITAL_REFERRER = _weighted(
    [(("ward nurse", "NHS trust"), 70), (("hospital social worker", "adult social care"), 30)],
)

# --------------------------------------------------------------------------
# The adult's voice
# --------------------------------------------------------------------------

_OUTCOMES_BY_TYPE = {
    "financial_or_material_abuse": (
        "I want my money to be safe",
        "I want to manage my own money with a bit of help",
        "I want to keep seeing my family but not give them my bank card",
    ),
    "physical_abuse": ("I want the hurting to stop", "I want to feel safe at home", "I want to be listened to"),
    "psychological_abuse": ("I want to be spoken to kindly", "I want to feel safe at home", "I want it to stop"),
    "domestic_abuse": (
        "I want to feel safe at home",
        "I don't want the police involved, I just want it to stop",
        "I want to see my friends when I choose",
    ),
    "neglect_and_acts_of_omission": (
        "I want my medication on time",
        "I want the carers to treat me with respect",
        "I want to stay at this care home but be better looked after",
    ),
    "organisational_abuse": ("I want to choose when I get up", "I want staff to listen to me"),
    "self_neglect": (
        "I want to stay in my own home",
        "I want help with cleaning but not too many visitors",
        "I want to decide for myself",
    ),
    "sexual_abuse": ("I want to feel safe where I live", "I want that person kept away from me"),
    "discriminatory_abuse": ("I want to be treated with respect", "I want the harassment to stop"),
    "sexual_exploitation": ("I want to feel safe", "I want to be left alone by those people"),
    "modern_slavery": ("I want somewhere safe to live", "I want to be free to leave"),
}
_GENERAL_OUTCOMES = ("I want to stay in my own home", "I want to feel safe", "I want things to go back to normal")
_REPRESENTATIVE_OUTCOMES = (
    "We think they would want to stay in their own home",
    "Their family says they would want to feel safe and be near them",
    "They have always wanted to keep their independence",
)
_PRACTITIONER_OUTCOMES = (
    "Practitioner view: a move to residential care would be safest",
    "Practitioner view: the adult needs more care visits",
    "Practitioner view: contact with the family member should stop",
)
_OUTCOME_VIEWS = {
    "fully": ("I feel much safer now", "That is sorted, thank you"),
    "partially": ("Things are better but not all the way", "Some of it has changed"),
    "not": ("Nothing has really changed", "I am still worried"),
}
_VIEWS = (
    "I want things to be sorted without a fuss",
    "I am frightened and want some help",
    "I want to stay where I am",
)
_VIEWS_NO_ACTION = (
    "I just want to be left to get on with my life",
    "I don't want to get anyone into trouble",
)
_REASONS = (
    "Home holds their memories",
    "Fears losing contact with family",
    "Past bad experience of services",
    "Values independence",
    "Does not want to upset partner",
)
_NOT_SEEN_ALONE_REASONS = (
    "Asked for a relative to stay",
    "Advocate present at their request",
    "Busy ward, no private room",
)
_NOT_SEEN_NOT_SPOKEN = "Not spoken to; see the reason recorded"
_NOT_SPOKEN_TO_REASONS = (
    "Too unwell; representative consulted",
    "Declined to talk; views via GP",
)
_IMMEDIATE_ACTION = {
    "provider": "Provider made a safety plan",
    "self": "Emergency care visits arranged",
    "family": "Police attended",
    "health": "Ward made a safety plan",
    "stranger": "Bank account protected",
    "other": "Safety plan agreed",
}
_ALLEGED_ACTION = {
    "provider": "Provider to review supervision",
    "family": "Carer's assessment offered",
    "health": "Raised with the NHS trust",
    "stranger": "Reported to the police",
    "other": "Raised with their employer",
}
_CURIOSITY_NOTES = (
    "Spoke privately; no sign of control",
    "Worried about upsetting family",
    "Checked with GP; no concerns",
)
_NO_ASK_REASON = "In intensive care throughout; no representative"
_RATIONALE_S42 = "All three s42(1) conditions met"
_RATIONALE_OTHER = "Not all s42(1) conditions met; enquiry proportionate"
_RATIONALE_NONE = "s42(1) conditions not met"
_OTHER_REASONS = (
    "A carer; enquiry supports wellbeing",
    "Can protect self but asked for help",
)
_EXIT = _weighted(
    [
        ("advice_and_guidance", 25),
        ("care_act_assessment", 12),
        ("case_management", 10),
        ("review", 8),
        ("other_council_service", 4),
        ("signposted_external", 10),
        ("other_local_authority", 3),
        ("police_referral", 6),
        ("health_referral", 5),
        ("childrens_services", 2),
    ],
)
_CONTACT_METHOD = _weighted(
    [("in_person", 66), ("telephone", 20), ("video", 3), ("written", 1), ("through_representative", 10)],
)
_CONSENT = _weighted([("given", 62), ("not_sought", 20), ("refused", 18)])
_SHARING_REASON = "Risk to other residents"

# --------------------------------------------------------------------------
# Capacity, plans, closure
# --------------------------------------------------------------------------

_CAPACITY_DECISIONS = (
    "Whether to accept a safeguarding plan about who manages their money",
    "Whether to accept care and support at home",
    "Whether to move to a care home",
    "Whether to keep having contact with the person alleged to have caused harm",
)
_IMPAIRMENTS = (
    "Dementia",
    "Learning disability",
    "Confusion during an infection",
)
_PRACTICABLE_STEPS = (
    "Met in the morning, when most alert",
    "Used pictures and short sentences",
    "A familiar carer helped",
    "Information given over two visits",
)
_CONSULTEE = _weighted(
    [("carer", 35), ("named_by_person", 25), ("interested_in_welfare", 20), ("imca", 10), ("advocate", 10)],
)
_PLAN_ACTIONS = {
    "financial_or_material_abuse": (
        ("Set up a bank mandate", "bank"),
        ("Refer to police fraud team", "police"),
    ),
    "neglect_and_acts_of_omission": (
        ("Review medication procedures", "care provider"),
        ("Weekly skin check", "community nursing"),
    ),
    "organisational_abuse": (
        ("Provider improvement plan", "care provider"),
        ("Unannounced quality visit", "commissioning"),
    ),
    "self_neglect": (
        ("Agree a cleaning plan", "social worker"),
        ("Home fire safety visit", "fire and rescue service"),
    ),
    "domestic_abuse": (
        ("Refer to domestic abuse service", "social worker"),
        ("Discuss at MARAC", "police"),
    ),
}
_GENERAL_ACTIONS = (
    ("Weekly check-in call", "social worker"),
    ("Review the care plan", "social worker"),
    ("Give duty team contact details", "social worker"),
    ("GP health review", "GP practice"),
)
_SAFETY_ACTIONS = (
    "Keeps a phone by the bed",
    "Will call the duty team if worried",
    "Smoke alarm checked",
    "Will not open the door to strangers",
)
_CLOSURE_VIEWS = (
    "Happy for the case to close",
    "Feels safer; knows who to call",
    "Would like a follow-up call",
)
_CLOSURE = _weighted(
    [("no_enquiry_required", 81), ("ceased_at_adults_request", 6), ("transferred", 4), ("other", 9)],
)
_CLOSURE_ENQUIRY = _weighted([("enquiry_concluded", 94), ("transferred", 3), ("other", 3)])
_SAR_REFERRED = "Referred to the board"
_SAR_NOT_REFERRED = "Criteria not met"
_ACHIEVEMENT = _weighted([("fully", 64), ("partially", 30), ("not", 6)])
_ACHIEVEMENT_MIXED = _weighted([("fully", 45), ("partially", 35), ("not", 20)])
_ACHIEVEMENT_CEASED = _weighted([("fully", 25), ("partially", 40), ("not", 35)])
_ACTION_STATUS_OPEN = _weighted([("planned", 35), ("in_progress", 45), ("done", 20)])
_ACTION_STATUS_ENDED = _weighted([("done", 85), ("cancelled", 15)])

_GAP_SHARE = 0.33
"""Chance that a record is chosen to carry practice gaps (those at receipt have none to carry)."""
_REUSE_SHARE = 0.055
"""Chance that a concern is about an adult who already has a concern in the data."""
_POOL_SIZE = 4096
_MINUTES_DAY = 24 * 60


class _Adult:
    """The stable part of an adult, shared by all their concerns."""

    __slots__ = (
        "adult_id",
        "census",
        "comm",
        "dead",
        "dob",
        "dob_iso",
        "ethnic",
        "gender",
        "health",
        "interpreter",
        "lacks_p",
        "language",
        "psr",
        "psr_detail",
        "psr_group",
        "rep",
        "reused",
    )

    def __init__(self) -> None:
        self.adult_id = ""
        self.dob: int | None = None
        self.dob_iso = ""
        self.gender = ""
        self.ethnic: str | None = None
        self.census: str | None = None
        self.psr: str | None = None
        self.psr_detail: str | None = None
        self.psr_group = ""
        self.health: tuple[str, ...] = ()
        self.comm: str | None = None
        self.language = "English"
        self.interpreter: bool | None = None
        self.lacks_p = 0.0
        self.rep: tuple[str, bool | None, str] | None = None
        self.dead = False
        self.reused = False


class _Synth:
    """One generation run: the random streams, the adult pool and the date cache."""

    def __init__(self, seed: int, start: date) -> None:
        self._r: Callable[[], float] = random.Random(seed).random  # noqa: S311 - reproducible test data
        self._start = start.toordinal()
        self._as_at = self._start + _PERIOD_DAYS - 1
        # Every date a record holds, except dates of birth, falls in this range: look them up, don't format.
        self._days: dict[int, str] = {
            day: date.fromordinal(day).isoformat() for day in range(self._start - 400, self._as_at + 400)
        }
        self._pool: list[_Adult] = []
        self._next_adult = 0
        self._next_person = 0
        self._min_dob = self._start - int(18.02 * 365.2425)

    # -- small helpers -------------------------------------------------------

    def _pick(self, items: Sequence[_T]) -> _T:
        return items[int(self._r() * len(items))]

    def _between(self, low: int, high: int) -> int:
        return low if high <= low else low + int(self._r() * (high - low + 1))

    def _person_id(self) -> str:
        self._next_person += 1
        return f"P{self._next_person:06d}"

    def _actor(self, team: int, role: str) -> dict[str, Any]:
        first, size = _ROLE_SLOTS[role]
        return {"role": role, "user_id": _USER_IDS[team * _USERS_PER_TEAM + first + int(self._r() * size)]}

    # -- the adult -------------------------------------------------------------

    def _adult(self, received: int) -> _Adult:  # noqa: C901, PLR0912 - one draw per demographic item
        r = self._r
        if self._pool and r() < _REUSE_SHARE:
            known = self._pool[int(r() * len(self._pool))]
            if not known.dead:
                known.reused = True
                return known
        adult = _Adult()
        self._next_adult += 1
        adult.adult_id = f"A{self._next_adult:06d}"
        if r() >= 0.006:  # noqa: PLR2004 - a few dates of birth are unknown
            low, high = _AGE_BAND(r())
            # 95+ thins out with age (about one in eight is 100 or over). Only + and * are used on
            # random numbers, never log or pow, so results are bit-identical on every platform.
            age = low + (high - low) * (r() * r() if high > 100 else r())  # noqa: PLR2004
            adult.dob = min(received - int((age + 0.01) * 365.2425), self._min_dob)
            adult.dob_iso = date.fromordinal(adult.dob).isoformat()
        adult.gender = _GENDER(r())
        if r() < 0.88:  # noqa: PLR2004 - most systems keep the NHS category
            adult.ethnic = _NHS_ETHNIC(r())
        else:
            adult.census = _CENSUS_ETHNIC(r())
        detail, group, lacks_p = _PSR(r())
        adult.psr_group = group
        adult.lacks_p = lacks_p
        x = r()
        if detail is None:
            adult.psr = group
        elif x < 0.25:  # noqa: PLR2004
            adult.psr, adult.psr_detail = group, detail
        elif x < 0.9:  # noqa: PLR2004
            adult.psr_detail = detail
        else:
            adult.psr = group
        x = r()
        if x < 0.03:  # noqa: PLR2004
            adult.health = ("ldi_autism_excluding_aspergers",)
        elif x < 0.04:  # noqa: PLR2004
            adult.health = ("ldi_aspergers",)
        if r() < 0.12:  # noqa: PLR2004
            adult.comm = self._pick(_COMMUNICATION_NEEDS)
        adult.language = _LANGUAGE(r())
        if adult.language != "English":
            adult.interpreter = r() < 0.75  # noqa: PLR2004
        elif r() < 0.1:  # noqa: PLR2004
            adult.interpreter = False
        if r() < (0.75 if lacks_p > 0.3 else 0.18):  # noqa: PLR2004
            kind, registered = _REPRESENTATIVE(r())
            relation = "daughter" if kind != "family_or_friend" else self._pick(_RELATIVES)
            adult.rep = (kind, registered, relation)
        if len(self._pool) < _POOL_SIZE:
            self._pool.append(adult)
        else:
            self._pool[int(r() * _POOL_SIZE)] = adult
        return adult

    # -- one record ------------------------------------------------------------

    def record(self, number: int) -> dict[str, Any]:  # noqa: C901, PLR0912, PLR0915
        """Build the JSON-ready dict of concern ``number`` (1-based)."""
        r = self._r
        pick = self._pick
        between = self._between
        iso = self._days.__getitem__

        # --- skeleton: stage, route, path and its dates ------------------------
        stage = _STAGE(r())
        route: str | None = None
        if stage == _DEC:
            route = _ROUTE_DECIDED(r())
        elif _ENQ <= stage <= _CEASED:
            route = _ROUTE_IN_ENQUIRY(r())
        elif stage == _CLOSED:
            route = _ROUTE_CLOSED(r())
        enquiry_route = route in (_S42, _OTHER)
        ceased = stage == _CEASED or (stage == _CLOSED and enquiry_route and r() < 0.05)  # noqa: PLR2004
        concluded = stage == _CONC or (stage == _CLOSED and enquiry_route and not ceased)
        via_plan = stage == _PLAN or ((concluded or ceased) and r() < (0.15 if ceased else 0.68))

        path = [_CR]
        offsets = [0]
        day = 0
        if stage >= _IG:
            x = r()
            day += 0 if x < 0.6 else 1 if x < 0.85 else 2 + int(r() * 3)  # noqa: PLR2004
            path.append(_IG)
            offsets.append(day)
        if stage >= _DEC:
            x = r()
            day += int(x * 3) if x < 0.5 else 3 + int(r() * 5) if x < 0.85 else 8 + int(r() * 13)  # noqa: PLR2004
            path.append(_DEC)
            offsets.append(day)
        if enquiry_route and stage >= _ENQ:
            day += int(r() * 6)
            path.append(_ENQ)
            offsets.append(day)
            if via_plan:
                day += 7 + int(r() * 29)
                path.append(_PLAN)
                offsets.append(day)
            if concluded:
                day += (21 if via_plan else 14) + int(r() * 80)
                path.append(_CONC)
                offsets.append(day)
            elif ceased:
                day += 5 + int(r() * 41)
                path.append(_CEASED)
                offsets.append(day)
        if stage == _CLOSED:
            day += int(r() * (22 if enquiry_route else 11))
            path.append(_CLOSED)
            offsets.append(day)
        span = day

        if stage == _CLOSED:
            received = self._start + int(r() * max(1, _PERIOD_DAYS - span))
        else:
            mean = (6, 6, 10, 20, 30, 12, 12)[stage]
            gap = int(4 * mean * r() * r())  # skewed to recent, averaging ``mean`` days
            received = max(self._start, self._as_at - span - gap)
        at = [min(received + o, self._as_at) for o in offsets]
        day_of = dict(zip(path, at, strict=True))
        last = at[-1]
        limit = last if stage == _CLOSED else self._as_at  # nothing is recorded after this
        decided_on = day_of.get(_DEC)
        started_on = day_of.get(_ENQ)
        agreed_on = day_of.get(_PLAN)
        ended_on = day_of.get(_CONC, day_of.get(_CEASED))
        closed_on = day_of.get(_CLOSED)

        # --- the adult, the risks and the team -------------------------------
        adult = self._adult(received)
        lacks = r() < adult.lacks_p + (0.08 if adult.dob is not None and received - adult.dob > 31046 else 0.0)  # noqa: PLR2004
        n_risks = 1 if (x := r()) < 0.74 else 2 if x < 0.95 else 3  # noqa: PLR2004
        risks: list[dict[str, Any]] = []
        types: list[str] = []
        first_location = first_kind = alleged_kind = ""
        for k in range(n_risks):
            kind = _TYPE(r())
            if kind in types:
                continue
            types.append(kind)
            detail = _SOURCE_BY_TYPE[kind](r())
            source = (
                "service_provider"
                if detail.startswith("provider_")
                else "known_to_individual"
                if detail.startswith("known_")
                else "unknown_to_individual"
            )
            if kind == "organisational_abuse" and detail == "known_secondary_health_care":
                location = "hospital_acute" if r() < 0.6 else "hospital_mental_health"  # noqa: PLR2004
            else:
                location = _LOCATION_BY_SOURCE_KIND[_SOURCE_KIND[detail]](r())
                if first_location and kind != "self_neglect" and r() < 0.7:  # noqa: PLR2004 - mostly one place
                    location = first_location
            if not first_location:
                first_location, first_kind = location, _SOURCE_KIND[detail]
            if not alleged_kind and detail != "known_self":
                alleged_kind = _SOURCE_KIND[detail]
            risk: dict[str, Any] = {
                "risk_id": f"R{number:06d}-{k + 1}",
                "type_of_risk": kind,
                "location": location,
                "source": source,
            }
            if r() < 0.85:  # noqa: PLR2004 - the detailed source is voluntary
                risk["source_detail"] = detail
            risk["description"] = _DESCRIPTION_BY_SOURCE.get((kind, _SOURCE_KIND[detail])) or pick(_DESCRIPTIONS[kind])
            risks.append(risk)
        only_self = all(t == "self_neglect" for t in types)
        coercion_context = any(t in _COERCION_TYPES for t in types)

        if first_location.startswith("hospital") and r() < 0.75:  # noqa: PLR2004
            team = 4
        elif adult.psr_group == "learning_disability" and r() < 0.6:  # noqa: PLR2004
            team = 5
        elif adult.psr_group == "mental_health" and r() < 0.55:  # noqa: PLR2004
            team = 6
        else:
            team = _AREA_TEAM(r())
        if first_location.startswith("care_home"):
            referrer = _CARE_HOME_REFERRER(r())
        elif first_location.startswith("hospital"):
            referrer = _HOSPITAL_REFERRER(r())
        else:
            referrer = _REFERRER(r())

        # --- the adult's voice: decided before gaps so gaps can bend it --------
        msp_asked: str | None = None
        if stage >= _DEC or (stage == _IG and r() < 0.6):  # noqa: PLR2004
            x = r()
            asked = 0.95 if route == _NO_ENQUIRY and not lacks else 1.0  # good practice: asked in every enquiry
            msp_asked = "asked_expressed" if x < 0.8 else "asked_not_expressed" if x < asked else "no"  # noqa: PLR2004
        wants_no_action = ceased or (stage >= _IG and r() < 0.05)  # noqa: PLR2004
        closure_reason: str | None = None
        died = False
        if stage == _CLOSED:
            if ceased:
                closure_reason = "ceased_at_adults_request"
            elif not adult.reused and not wants_no_action and r() < 0.025:  # noqa: PLR2004
                closure_reason, died = "adult_died", True
                adult.dead = True
            elif enquiry_route:
                closure_reason = _CLOSURE_ENQUIRY(r())
            else:
                closure_reason = _CLOSURE(r())
            if closure_reason == "ceased_at_adults_request":
                wants_no_action = True
        rep_kind = None if adult.rep is None else adult.rep[0]
        appropriate_person = rep_kind == "family_or_friend" or (rep_kind is not None and r() < 0.5)  # noqa: PLR2004
        difficulty = lacks or adult.psr_group == "learning_disability" or adult.interpreter is True
        advocate_required = difficulty and not appropriate_person
        has_plan = agreed_on is not None
        capacity_on = started_on is not None or (_IG <= stage <= _DEC and lacks and r() < 0.4)  # noqa: PLR2004
        doubt = started_on is not None and not lacks and r() < (0.3 if "self_neglect" in types else 0.06)
        # Only an adult with capacity can choose to live with a risk; otherwise it is a best-interests matter.
        living_with_risk = has_plan and not lacks and (("self_neglect" in types and r() < 0.5) or r() < 0.1)  # noqa: PLR2004
        declines = wants_no_action or (stage >= _IG and r() < 0.06)  # noqa: PLR2004
        suspected = stage >= _IG and coercion_context and r() < 0.2  # noqa: PLR2004

        # --- practice gaps ----------------------------------------------------------
        gaps: set[str] = set()
        if stage >= _IG and r() < _GAP_SHARE:
            options = ["views_without_reasons", "no_immediate_safety"]
            if enquiry_route or stage == _IG:
                options += ["not_seen_alone", "no_strengths"]
            if enquiry_route:
                options.append("not_asked_who_to_involve")
            if msp_asked == "asked_expressed":
                options.append("practitioner_outcome")
            if msp_asked is not None and not lacks:
                options.append("msp_no_without_reason")
            if stage >= _DEC and enquiry_route:
                options.append("options_not_explained")
            if decided_on is not None and route == _S42:
                options.append("s42_condition_missing")
            if lacks and capacity_on:
                options += ["capacity_test_incomplete", "no_best_interests"]
            if advocate_required and stage >= _DEC and enquiry_route:
                options.append("advocate_not_instructed")
            if has_plan:
                options.append("plan_not_agreed")
                if not lacks:
                    options.append("living_with_risk_uninformed")
            if concluded and route == _S42:
                options += ["missing_sac_item", "sac_not_recorded"]
            if (concluded or ceased) and msp_asked == "asked_expressed":
                options.append("outcomes_not_evaluated_with_adult")
            if ceased or (stage == _CLOSED and route == _NO_ENQUIRY):
                options.append("closure_request_no_coercion")
            if stage == _CLOSED:
                options.append("no_feedback_to_referrer")
                if enquiry_route:
                    options.append("sar_not_considered")
            if stage >= _DEC and coercion_context:
                options.append("coercion_no_escalation")
            if adult.interpreter is True:
                options.append("no_interpreter")
            x = r()
            wanted = 1 if x < 0.65 else 2 if x < 0.9 else 3  # noqa: PLR2004
            for _ in range(wanted):
                gaps.add(pick(options))
            if "msp_no_without_reason" in gaps:
                msp_asked = "no"
                gaps.discard("practitioner_outcome")
                gaps.discard("outcomes_not_evaluated_with_adult")
            if "closure_request_no_coercion" in gaps:
                wants_no_action = declines = True
                if stage == _CLOSED and not ceased:
                    closure_reason = "ceased_at_adults_request"
                    died = False
            if "living_with_risk_uninformed" in gaps:
                living_with_risk = True
            if "coercion_no_escalation" in gaps:
                suspected = True
        if suspected:
            gaps.discard("not_seen_alone")

        # --- contact, views, consent --------------------------------------------------
        spoken_on = between(received, decided_on if decided_on is not None else min(received + 3, limit))
        contact: dict[str, Any] | None = None
        if stage >= _DEC or (stage == _IG and r() < 0.8):  # noqa: PLR2004
            contact = {}
            spoken = lacks or suspected or r() < 0.95  # noqa: PLR2004
            if spoken:
                contact["spoken_to"] = True
                contact["spoken_to_on"] = iso(spoken_on)
                contact["method"] = "through_representative" if lacks and r() < 0.4 else _CONTACT_METHOD(r())  # noqa: PLR2004
            else:
                contact["spoken_to"] = False
                contact["not_spoken_to_reason"] = pick(_NOT_SPOKEN_TO_REASONS)
            if "not_seen_alone" in gaps or "coercion_no_escalation" in gaps:
                contact["seen_alone"] = False
            elif spoken and (suspected or r() < 0.78):  # noqa: PLR2004
                contact["seen_alone"] = True
                seen_from = started_on if started_on is not None else spoken_on
                seen_to = ended_on if ended_on is not None else min(seen_from + 14, limit)
                contact["seen_alone_on"] = iso(between(seen_from, seen_to))
            else:
                contact["seen_alone"] = False
                contact["not_seen_alone_reason"] = pick(_NOT_SEEN_ALONE_REASONS) if spoken else _NOT_SEEN_NOT_SPOKEN
            if adult.interpreter is True and contact["spoken_to"]:
                contact["interpreter_used"] = "no_interpreter" not in gaps
            if "not_asked_who_to_involve" in gaps:
                contact["asked_who_to_involve"] = False
            elif stage >= _DEC or r() < 0.7:  # noqa: PLR2004
                contact["asked_who_to_involve"] = True

        views: dict[str, Any] | None = None
        if contact is not None:
            views = {"in_own_words": pick(_VIEWS_NO_ACTION if wants_no_action else _VIEWS)}
            if "views_without_reasons" not in gaps:
                views["reasons"] = pick(_REASONS)
            views["recorded_on"] = iso(spoken_on)
            if wants_no_action:
                views["wants_no_action"] = True
            if declines:
                views["declines_support"] = True

        consent: dict[str, Any] | None = None
        if stage >= _IG and r() < 0.85:  # noqa: PLR2004
            to_referral = "lacks_capacity" if lacks else _CONSENT(r())
            to_sharing = "lacks_capacity" if lacks else "given" if to_referral == "given" else _CONSENT(r())
            consent = {"to_referral": to_referral, "to_information_sharing": to_sharing}
            if to_sharing == "refused":
                consent["sharing_without_consent_reason"] = _SHARING_REASON

        # --- desired outcomes -------------------------------------------------------------
        outcomes: list[dict[str, Any]] = []
        achieved: list[str] = []
        if msp_asked == "asked_expressed":
            pool = _OUTCOMES_BY_TYPE[types[0]]
            count = 1 if (x := r()) < 0.55 else 2 if x < 0.9 else 3  # noqa: PLR2004
            practitioner_at = int(r() * count) if "practitioner_outcome" in gaps else -1
            evaluate = concluded or ceased
            overall = (_ACHIEVEMENT_CEASED if ceased else _ACHIEVEMENT)(r()) if evaluate else ""
            first = int(r() * len(pool))
            for k in range(count):
                if k == practitioner_at:
                    words, by = pick(_PRACTITIONER_OUTCOMES), "practitioner"
                elif lacks:
                    by = "representative" if r() < 0.65 else "advocate" if r() < 0.8 else "adult"  # noqa: PLR2004
                    words = _REPRESENTATIVE_OUTCOMES[k] if by != "adult" else pool[(first + k) % len(pool)]
                else:
                    by = "adult" if r() < 0.96 else "representative"  # noqa: PLR2004
                    words = pool[(first + k) % len(pool)] if k < len(pool) else _GENERAL_OUTCOMES[k % 3]
                outcome: dict[str, Any] = {"in_own_words": words, "expressed_by": by, "recorded_on": iso(spoken_on)}
                if evaluate:
                    # One outcome partially achieved makes the case "partially"; the others may be anything.
                    result = overall if overall != "partially" or k == 0 else _ACHIEVEMENT_MIXED(r())
                    achieved.append(result)
                    outcome["achievement"] = result
                    outcome["adults_view"] = pick(_OUTCOME_VIEWS[result])
                    outcome["evaluated_with_adult"] = "outcomes_not_evaluated_with_adult" not in gaps
                outcomes.append(outcome)

        # --- options, curiosity, advocacy ---------------------------------------------------
        options_d: dict[str, Any] | None = None
        if decided_on is not None and enquiry_route:
            if "options_not_explained" in gaps:
                options_d = {"explained_on": iso(decided_on), "options_explained": True}
            else:
                options_d = {
                    "explained_on": iso(between(decided_on, started_on or decided_on)),
                    "options_explained": True,
                    "unavailable_options_explained": True,
                    "adult_understood": not lacks or rep_kind is not None,
                }

        curiosity: dict[str, Any] | None = None
        if "closure_request_no_coercion" in gaps:
            if r() < 0.5:  # noqa: PLR2004
                curiosity = {"coercion_considered": False}
        elif wants_no_action or declines or suspected or (stage >= _IG and coercion_context and r() < 0.7):  # noqa: PLR2004
            curiosity = {"coercion_considered": True, "coercion_suspected": suspected}
            if declines:
                curiosity["reasons_for_refusal_explored"] = True
            curiosity["notes"] = pick(_CURIOSITY_NOTES)

        advocacy: dict[str, Any] | None = None
        if (stage >= _DEC and enquiry_route) or (stage == _IG and r() < 0.3):  # noqa: PLR2004
            ld = adult.psr_group == "learning_disability"
            advocacy = {
                "assessed_on": iso(spoken_on),
                "difficulty_understanding": lacks or (ld and r() < 0.5),  # noqa: PLR2004
                "difficulty_retaining": lacks and r() < 0.6,  # noqa: PLR2004
                "difficulty_using_or_weighing": lacks,
                "difficulty_communicating": adult.interpreter is True or (lacks and r() < 0.3),  # noqa: PLR2004
                "appropriate_person_available": appropriate_person,
            }
            if not (advocacy["difficulty_understanding"] or advocacy["difficulty_communicating"] or lacks):
                advocate_required = False

        # --- capacity decisions ----------------------------------------------------------------
        capacity: list[dict[str, Any]] = []
        doubt_id: str | None = None
        cap_from = started_on if started_on is not None else spoken_on
        cap_to = ended_on if ended_on is not None else limit
        if lacks and capacity_on:
            assessed = between(cap_from, min(cap_from + 10, cap_to))
            capacity.append(
                self._lacks_capacity(
                    decision_id=f"D{number:06d}-1",
                    assessed=assessed,
                    limit=cap_to,
                    adult=adult,
                    gaps=gaps,
                    types=types,
                ),
            )
        elif doubt:
            assessed = between(cap_from, min(cap_from + 10, cap_to))
            doubt_id = f"D{number:06d}-1"
            capacity.append(self._has_capacity(doubt_id, assessed, "self_neglect" in types))

        # --- the decision -----------------------------------------------------------------------
        decision: dict[str, Any] | None = None
        needs: bool | None = None
        if decided_on is not None and route is not None:
            decision = self._decision(
                route,
                decided_on,
                team,
                gaps=gaps,
                needs_known=adult.psr_group not in ("no_support_reason", "not_known", "social"),
            )
            needs = decision.get("has_care_and_support_needs")

        # --- enquiry --------------------------------------------------------------------------------
        enquiry: dict[str, Any] | None = None
        lead: dict[str, Any] | None = None
        if started_on is not None and route is not None:
            lead = self._actor(team, _ROLE_SW if r() < 0.75 else _ROLE_SENIOR)  # noqa: PLR2004
            enquiry = {
                "enquiry_id": f"E{number:06d}",
                "enquiry_type": _ENQUIRY_TYPE[route],
                "started_on": iso(started_on),
                "lead": lead,
            }
            if ended_on is not None:
                enquiry["concluded_on"] = iso(ended_on)
                enquiry["capacity_lacked"] = "yes" if lacks else "no"
                if lacks:
                    enquiry["advocacy_support"] = appropriate_person or "advocate_not_instructed" not in gaps
                if achieved:
                    enquiry["outcomes_achieved"] = (
                        "fully"
                        if all(a == "fully" for a in achieved)
                        else "partially"
                        if any(a != "not" for a in achieved)
                        else "not"
                    )
                for risk in risks:
                    if ceased:
                        risk["action_and_result"] = "ceased_at_request"
                    else:
                        result = _ACTION_RESULT(r())
                        if has_plan and not result.endswith("action_taken"):
                            result = result.replace("no_action", "action_taken")
                        risk["action_and_result"] = result
                        if result.startswith("risk_identified"):
                            risk["risk_outcome"] = _RISK_OUTCOME(r())
                if "sac_not_recorded" in gaps:
                    if r() < 0.5:  # noqa: PLR2004
                        enquiry["capacity_lacked"] = "not_recorded" if r() < 0.6 else "dont_know"  # noqa: PLR2004
                        enquiry.pop("advocacy_support", None)
                    else:
                        msp_asked = "not_recorded" if r() < 0.6 else "dont_know"  # noqa: PLR2004
                        outcomes = []
                        enquiry.pop("outcomes_achieved", None)
                if "missing_sac_item" in gaps:
                    self._drop_sac_item(enquiry, risks)

        # --- plan -------------------------------------------------------------------------------------
        plan: dict[str, Any] | None = None
        if agreed_on is not None:
            until = ended_on if ended_on is not None else limit
            reviews = [day for day in (agreed_on + 28 * k + int(r() * 7) for k in (1, 2)) if day <= until]
            plan = self._plan(
                types,
                agreed_on,
                until,
                ended=ended_on is not None,
                gaps=gaps,
                living_with_risk=living_with_risk,
                capacity_id=doubt_id,
                escalate=suspected and "coercion_no_escalation" not in gaps,
                spoken_on=spoken_on,
                reviews=reviews,
            )
            # Each review is a plan_and_review -> plan_and_review step in the history.
            place = path.index(_PLAN) + 1
            path[place:place] = [_PLAN] * len(reviews)
            at[place:place] = reviews

        # --- closure -------------------------------------------------------------------------------
        closure: dict[str, Any] | None = None
        date_of_death: int | None = None
        if closed_on is not None and closure_reason is not None:
            if died:
                date_of_death = between(max(received, ended_on or received), closed_on)
            closure = self._closure(
                closure_reason,
                closed_on,
                enquiry=enquiry_route,
                only_self=only_self,
                gaps=gaps,
                died=died,
                serious=any(t in ("physical_abuse", "sexual_abuse", "organisational_abuse") for t in types),
                alleged_action=_ALLEGED_ACTION[alleged_kind or "other"],
            )

        # --- the adult -------------------------------------------------------------------------------
        a: dict[str, Any] = {"adult_id": adult.adult_id}
        if adult.dob is not None:
            a["date_of_birth"] = adult.dob_iso
        if date_of_death is not None:
            a["date_of_death"] = iso(date_of_death)
        a["gender_identity"] = adult.gender
        if adult.ethnic is not None:
            a["ethnic_category"] = adult.ethnic
        if adult.census is not None:
            a["census_2021_ethnic_group"] = adult.census
        if adult.psr is not None:
            a["primary_support_reason"] = adult.psr
        if adult.psr_detail is not None:
            a["primary_support_reason_detail"] = adult.psr_detail
        if adult.health:
            a["health_conditions"] = list(adult.health)
        if needs is not None:
            a["has_care_and_support_needs"] = needs
        if adult.comm is not None:
            a["communication_needs"] = adult.comm
        a["preferred_language"] = adult.language
        if adult.interpreter is not None:
            a["interpreter_needed"] = adult.interpreter
        if stage >= _IG and "no_strengths" not in gaps:
            strengths = []
            for _ in range(1 + int(r() * 2)):
                kind = _STRENGTH_KIND(r())
                strengths.append({"kind": kind, "description": pick(_STRENGTHS[kind])})
            a["strengths"] = strengths
        if enquiry_route and contact is not None and contact.get("asked_who_to_involve") and r() < 0.7:  # noqa: PLR2004
            people = []
            for _ in range(1 + int(r() * 2)):
                wants = r() < 0.85  # noqa: PLR2004
                people.append(
                    {
                        "person_id": self._person_id(),
                        "relationship": pick(_RELATIVES if r() < 0.6 else _OTHERS_INVOLVED),  # noqa: PLR2004
                        "adult_wants_involved": wants,
                        "involved": wants and r() < 0.9,  # noqa: PLR2004
                    },
                )
            a["people_involved"] = people
        if adult.rep is not None and stage >= _IG:
            kind, registered, relation = adult.rep
            rep: dict[str, Any] = {"kind": kind, "person_id": f"PR{adult.adult_id[1:]}", "relationship": relation}
            if registered is not None:
                rep["registered"] = registered
            rep["paid_or_professional"] = False
            rep["involved"] = True
            a["representatives"] = [rep]
        if advocate_required and advocacy is not None and enquiry_route and "advocate_not_instructed" not in gaps:
            a["advocates"] = [
                {
                    "kind": "care_act_independent_advocate",
                    "advocate_id": f"V{1 + int(r() * 60):04d}",
                    "instructed_on": iso(between(spoken_on, min(spoken_on + 5, limit))),
                    "involved": True,
                },
            ]

        # --- immediate safety ------------------------------------------------------------------------
        immediate: dict[str, Any] | None = None
        if "no_immediate_safety" not in gaps and (stage >= _IG or r() < 0.6):  # noqa: PLR2004
            needed = r() < 0.22  # noqa: PLR2004
            immediate = {"assessed_on": iso(min(received + (1 if r() < 0.2 else 0), limit)), "action_needed": needed}  # noqa: PLR2004
            if needed:
                immediate["action_taken"] = _IMMEDIATE_ACTION[first_kind]

        # --- assemble, in declaration order -------------------------------------------------------
        rec: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "concern_id": f"C{number:06d}",
            "adult": a,
            "received_on": iso(received),
            "team": _TEAMS[team],
            "raised_by": {"role": referrer[0], "agency": referrer[1]},
            "risks": risks,
        }
        if immediate is not None:
            rec["immediate_safety"] = immediate
        if contact is not None:
            rec["contact"] = contact
        if views is not None:
            rec["views"] = views
        if consent is not None:
            rec["consent"] = consent
        if msp_asked is not None:
            rec["msp_asked"] = msp_asked
            if msp_asked == "no" and "msp_no_without_reason" not in gaps:
                rec["msp_not_asked_reason"] = _NO_ASK_REASON
        if outcomes:
            rec["desired_outcomes"] = outcomes
        if options_d is not None:
            rec["options"] = options_d
        if curiosity is not None:
            rec["curiosity"] = curiosity
        if advocacy is not None:
            rec["advocacy"] = advocacy
        if capacity:
            rec["capacity_decisions"] = capacity
        if decision is not None:
            rec["decision"] = decision
        if enquiry is not None:
            rec["enquiry"] = enquiry
        if plan is not None:
            rec["plan"] = plan
        if closure is not None:
            rec["closure"] = closure
        if stage != _CR:
            rec["stage"] = _STAGE_CODES[stage]
        rec["history"] = self._history(
            path=path,
            days=at,
            team=team,
            decision=decision,
            lead=lead,
            closure_reason=closure_reason,
        )
        return rec

    # -- parts ----------------------------------------------------------------------------

    def _lacks_capacity(
        self,
        *,
        decision_id: str,
        assessed: int,
        limit: int,
        adult: _Adult,
        gaps: set[str],
        types: list[str],
    ) -> dict[str, Any]:
        r = self._r
        pick = self._pick
        incomplete = "capacity_test_incomplete" in gaps
        question = _CAPACITY_DECISIONS[0] if "financial_or_material_abuse" in types else pick(_CAPACITY_DECISIONS[1:])
        d: dict[str, Any] = {"decision_id": decision_id}
        if not (incomplete and r() < 0.3):  # noqa: PLR2004
            d["decision"] = question
        d["assessed_on"] = self._days[assessed]
        d["assessor_role"] = _ROLE_SW
        d["practicable_steps"] = [pick(_PRACTICABLE_STEPS[:2]), pick(_PRACTICABLE_STEPS[2:])]
        d["understand"] = {"able": False, "evidence": "Could not describe the risk"}
        d["retain"] = {"able": r() < 0.5, "evidence": "Recalled part of it later"}  # noqa: PLR2004
        if incomplete:
            d["understand"] = {"able": True}
            d.pop("retain")
        else:
            d["use_or_weigh"] = {"able": False, "evidence": "Could not weigh the options"}
        d["communicate"] = {"able": True, "evidence": "Said their choice clearly"}
        d["impairment"] = True
        d["impairment_description"] = pick(_IMPAIRMENTS)
        if not incomplete:
            d["causal_link"] = True
            d["causal_link_evidence"] = "Difficulty is due to the impairment"
        d["outcome"] = "lacks_capacity"
        covered = adult.rep is not None and adult.rep[0] in ("lpa_health_and_welfare", "deputy_health_and_welfare")
        d["decision_covered_by_attorney_or_deputy"] = covered
        d["imca_considered"] = True
        if "no_best_interests" not in gaps:
            consulted = []
            for _ in range(1 + int(r() * 3)):
                consulted.append(  # noqa: PERF401 - each consultee draws from the stream
                    {
                        "kind": _CONSULTEE(r()),
                        "person_id": self._person_id(),
                        "views": "Would want to stay near family",
                    },
                )
            rep_kind = "" if adult.rep is None else adult.rep[0]
            donee = "attorney" if rep_kind.startswith("lpa") else "deputy" if rep_kind.startswith("deputy") else ""
            if covered:
                maker = donee
            else:
                maker = "practitioner"
                if donee:
                    consulted[0] = {"kind": donee, "person_id": f"PR{adult.adult_id[1:]}", "views": "Supports the plan"}
            bi: dict[str, Any] = {
                "decided_on": self._days[self._between(assessed, min(assessed + 7, limit))],
                "decision_maker": maker,
            }
            if maker == "practitioner":
                bi["decision_maker_role"] = _ROLE_SW
            bi["decision"] = "Accept the least restrictive plan"
            bi["wishes_and_feelings"] = "Has always wanted to stay at home"
            bi["beliefs_and_values"] = "Values family and privacy"
            bi["consulted"] = consulted
            bi["person_participated"] = "Joined a short meeting at home"
            bi["may_regain_capacity"] = r() < 0.15  # noqa: PLR2004
            bi["less_restrictive_options_considered"] = True
            bi["less_restrictive_options"] = "More home care, not a move"
            d["best_interests"] = bi
        return d

    def _has_capacity(self, decision_id: str, assessed: int, self_neglect: bool) -> dict[str, Any]:
        r = self._r
        able = {"able": True}
        d: dict[str, Any] = {
            "decision_id": decision_id,
            "decision": _CAPACITY_DECISIONS[1],
            "assessed_on": self._days[assessed],
            "assessor_role": _ROLE_SW,
            "practicable_steps": [self._pick(_PRACTICABLE_STEPS)],
            "understand": dict(able),
            "retain": dict(able),
            "use_or_weigh": dict(able),
            "communicate": dict(able),
            "impairment": r() < 0.4,  # noqa: PLR2004
            "considered_unwise": self_neglect and r() < 0.6,  # noqa: PLR2004
            "outcome": "has_capacity",
        }
        return d

    def _decision(
        self,
        route: str,
        decided_on: int,
        team: int,
        *,
        gaps: set[str],
        needs_known: bool,
    ) -> dict[str, Any]:
        r = self._r
        d: dict[str, Any]
        if route == _S42:
            d = {
                "has_care_and_support_needs": True,
                "experiencing_or_at_risk_of_abuse": True,
                "unable_to_protect_self": True,
            }
            if "s42_condition_missing" in gaps:
                del d[self._pick(("has_care_and_support_needs", "unable_to_protect_self"))]
            d["route"] = route
        elif route == _OTHER:
            carer = not needs_known and r() < 0.7  # noqa: PLR2004
            d = {
                "has_care_and_support_needs": not carer,
                "experiencing_or_at_risk_of_abuse": True,
                "unable_to_protect_self": carer,
                "route": route,
                "other_enquiry_reason": _OTHER_REASONS[0 if carer else 1],
            }
        else:
            # Which s42(1) condition is not met: (a) only where the adult's needs are in doubt.
            x = r() if not needs_known else 0.2 + 0.8 * r()
            d = {
                "has_care_and_support_needs": x >= 0.2,  # noqa: PLR2004
                "experiencing_or_at_risk_of_abuse": x < 0.2 or x >= 0.7,  # noqa: PLR2004
                "unable_to_protect_self": x < 0.7,  # noqa: PLR2004
                "route": route,
            }
            if r() < 0.12:  # noqa: PLR2004
                exits = ["no_action"]
            else:
                exits = [_EXIT(r())]
                if r() < 0.3:  # noqa: PLR2004
                    extra = _EXIT(r())
                    if extra != exits[0]:
                        exits.append(extra)
            d["exit_routes"] = exits
        d["decided_on"] = self._days[decided_on]
        d["decided_by"] = self._actor(team, _ROLE_SAM if r() < 0.6 else _ROLE_MANAGER)  # noqa: PLR2004
        d["rationale"] = _RATIONALE_S42 if route == _S42 else _RATIONALE_OTHER if route == _OTHER else _RATIONALE_NONE
        return d

    def _drop_sac_item(self, enquiry: dict[str, Any], risks: list[dict[str, Any]]) -> None:
        r = self._r
        x = r()
        identified = [risk for risk in risks if "risk_outcome" in risk]
        if x < 0.35:  # noqa: PLR2004
            enquiry.pop("capacity_lacked", None)
            enquiry.pop("advocacy_support", None)
        elif x < 0.65 and identified:  # noqa: PLR2004
            del identified[int(r() * len(identified))]["risk_outcome"]
        elif x < 0.85 or "outcomes_achieved" not in enquiry:  # noqa: PLR2004
            risk = risks[int(r() * len(risks))]
            risk.pop("action_and_result", None)
            risk.pop("risk_outcome", None)
        else:
            del enquiry["outcomes_achieved"]

    def _plan(
        self,
        types: list[str],
        agreed_on: int,
        until: int,
        *,
        ended: bool,
        gaps: set[str],
        living_with_risk: bool,
        capacity_id: str | None,
        escalate: bool,
        spoken_on: int,
        reviews: list[int],
    ) -> dict[str, Any]:
        r = self._r
        pick = self._pick
        choices = _PLAN_ACTIONS.get(types[0], ()) + _GENERAL_ACTIONS
        actions: list[dict[str, Any]] = []
        seen: set[str] = set()
        status_table = _ACTION_STATUS_ENDED if ended else _ACTION_STATUS_OPEN
        for k in range(1 + int(r() * 4)):
            text, owner = pick(choices)
            if text in seen:
                continue
            seen.add(text)
            action: dict[str, Any] = {
                "action": text,
                "owner": owner,
                "due_on": self._days[agreed_on + 7 + int(r() * 35)],
            }
            status = status_table(r())
            if status != "planned":
                action["status"] = status
            action["immediate"] = k == 0 and r() < 0.3  # noqa: PLR2004
            actions.append(action)
        p: dict[str, Any] = {"actions": actions}
        if "plan_not_agreed" in gaps:
            p["developed_with_adult"] = r() < 0.5  # noqa: PLR2004
            p["agreed_with_adult"] = False
        else:
            p["developed_with_adult"] = True
            p["agreed_with_adult"] = True
            p["agreed_on"] = self._days[agreed_on]
        p["immediate_risks_considered"] = True
        p["review_due_on"] = self._days[(reviews[-1] if reviews else agreed_on) + 28]
        if reviews:
            p["reviewed_on"] = [self._days[day] for day in reviews]
        if living_with_risk:
            if "living_with_risk_uninformed" in gaps:
                p["living_with_risk"] = {"understanding": "Says they will manage"}
            else:
                lwr: dict[str, Any] = {
                    "informed_decision": True,
                    "understanding": "Knows the risk of falls and fire",
                    "safety_actions": [pick(_SAFETY_ACTIONS[:2]), pick(_SAFETY_ACTIONS[2:])],
                }
                if capacity_id is not None:
                    lwr["capacity_decision_id"] = capacity_id
                p["living_with_risk"] = lwr
        if escalate:
            p["escalation"] = {
                "escalated_on": self._days[self._between(spoken_on, min(spoken_on + 7, until))],
                "escalated_to": "multi-agency risk management meeting" if r() < 0.5 else "line management",  # noqa: PLR2004
                "reason": "Possible control by someone close",
            }
        return p

    def _closure(
        self,
        reason: str,
        closed_on: int,
        *,
        enquiry: bool,
        only_self: bool,
        gaps: set[str],
        died: bool,
        serious: bool,
        alleged_action: str,
    ) -> dict[str, Any]:
        r = self._r
        c: dict[str, Any] = {"closed_on": self._days[closed_on], "reason": reason}
        if not died:
            c["adults_view"] = self._pick(_CLOSURE_VIEWS)
            c["adult_agrees"] = True
        c["feedback_to_referrer"] = "no_feedback_to_referrer" not in gaps
        if enquiry and not only_self:
            c["person_alleged_action_considered"] = True
            c["person_alleged_action"] = alleged_action
        c["risk_to_others_considered"] = True
        if not died:
            c["safety_advice_given"] = "closure_request_no_coercion" not in gaps or r() < 0.5  # noqa: PLR2004
        if "sar_not_considered" in gaps:
            return c
        if died or (enquiry and serious and r() < 0.08):  # noqa: PLR2004
            joint = r() < 0.3  # noqa: PLR2004
            from_abuse = died and r() < 0.25  # noqa: PLR2004
            serious_harm = not died and r() < 0.5  # noqa: PLR2004
            criteria = joint and (from_abuse or serious_harm)
            c["sar"] = {
                "considered": True,
                "joint_working_concern": joint,
                "adult_died": died,
                "death_from_abuse_or_neglect_suspected": from_abuse,
                "serious_abuse_or_neglect_suspected": serious_harm,
                "referred": criteria,
                "reason": _SAR_REFERRED if criteria else _SAR_NOT_REFERRED,
            }
        elif enquiry:
            c["sar"] = {"considered": True, "joint_working_concern": False, "referred": False}
        return c

    def _history(
        self,
        *,
        path: list[int],
        days: list[int],
        team: int,
        decision: dict[str, Any] | None,
        lead: dict[str, Any] | None,
        closure_reason: str | None,
    ) -> list[dict[str, Any]]:
        r = self._r
        entries: list[dict[str, Any]] = []
        last_day, last_minute = -1, 0
        days_iso = self._days
        duty = self._actor(team, _ROLE_DUTY)
        manager = self._actor(team, _ROLE_MANAGER)
        for k, (stage, day) in enumerate(zip(path, days, strict=True)):
            # Working hours; later steps on the same day follow within the hour. At most four
            # steps share a day (the path's gaps see to that), so this never passes midnight.
            if day == last_day:
                minute = min(last_minute + 5 + int(r() * 40), _MINUTES_DAY - 1)
            else:
                minute = 8 * 60 + int(r() * 9 * 60)
            last_day, last_minute = day, minute
            if stage <= _IG:
                actor = duty
            elif stage == _DEC and decision is not None:
                actor = decision["decided_by"]
            elif stage in (_ENQ, _PLAN, _CEASED) and lead is not None:
                actor = lead
            else:
                actor = manager
            entry: dict[str, Any] = {
                "to_stage": _STAGE_CODES[stage],
                "at": days_iso[day] + _CLOCK[minute],
                "actor": dict(actor),
            }
            if k:
                entry["from_stage"] = _STAGE_CODES[path[k - 1]]
            if stage == _CEASED:
                entry["reason"] = "Adult asked for the enquiry to stop"
            elif stage == _CLOSED and closure_reason == "ceased_at_adults_request":
                entry["reason"] = "Adult wants no further involvement"
            entries.append(entry)
        return entries


# --------------------------------------------------------------------------
# Broken records
# --------------------------------------------------------------------------


def _unknown_code(rec: dict[str, Any], r: Callable[[], float]) -> None:
    x = r()
    if x < 0.4:  # noqa: PLR2004
        rec["risks"][0]["type_of_risk"] = "verbal_abuse"
    elif x < 0.7:  # noqa: PLR2004
        rec["adult"]["gender_identity"] = "M"
    else:
        rec["stage"] = "pending_review"


def _bad_date(rec: dict[str, Any], r: Callable[[], float]) -> None:
    bad = "2025-02-30" if r() < 0.5 else "31/12/2024"  # noqa: PLR2004
    if r() < 0.6:  # noqa: PLR2004
        rec["received_on"] = bad
    else:
        rec["adult"]["date_of_birth"] = bad


def _wrong_type(rec: dict[str, Any], r: Callable[[], float]) -> None:
    x = r()
    if x < 0.4:  # noqa: PLR2004
        rec["adult"]["has_care_and_support_needs"] = "false"
    elif x < 0.7:  # noqa: PLR2004
        rec["team"] = 7
    else:
        rec["risks"][0]["description"] = 42


def _missing_field(rec: dict[str, Any], r: Callable[[], float]) -> None:
    x = r()
    if x < 0.5:  # noqa: PLR2004
        del rec["received_on"]
    elif x < 0.75:  # noqa: PLR2004
        del rec["adult"]["adult_id"]
    else:
        del rec["concern_id"]


def _extra_key(rec: dict[str, Any], r: Callable[[], float]) -> None:
    if r() < 0.5:  # noqa: PLR2004
        rec["priority"] = "high"
    else:
        rec["risks"][0]["severity"] = "high"


def _date_order(rec: dict[str, Any], r: Callable[[], float]) -> None:
    received = date.fromisoformat(rec["received_on"]).toordinal()
    enquiry = rec.get("enquiry")
    if enquiry is not None and "concluded_on" in enquiry:
        started = date.fromisoformat(enquiry["started_on"]).toordinal()
        enquiry["concluded_on"] = date.fromordinal(started - 1 - int(r() * 20)).isoformat()
    elif "decision" in rec:
        rec["decision"]["decided_on"] = date.fromordinal(received - 1 - int(r() * 10)).isoformat()
    else:
        rec["adult"]["date_of_birth"] = date.fromordinal(received + 1 + int(r() * 30)).isoformat()


def _blank_text(rec: dict[str, Any], r: Callable[[], float]) -> None:
    if r() < 0.5:  # noqa: PLR2004
        rec["team"] = "   "
    else:
        rec["risks"][0]["description"] = ""


_BREAKERS: tuple[Callable[[dict[str, Any], Callable[[], float]], None], ...] = (
    _unknown_code,
    _bad_date,
    _wrong_type,
    _missing_field,
    _extra_key,
    _date_order,
    _blank_text,
)
"""The seven ways a record is broken; each makes :func:`msp.from_dict` raise InvalidRecord."""


def _break(rec: dict[str, Any], r: Callable[[], float]) -> None:
    """Break ``rec`` in place at the shape level, one of the seven ways chosen at random."""
    _BREAKERS[int(r() * len(_BREAKERS))](rec, r)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def _check_arguments(count: int, seed: int, invalid_share: float, start: date | None) -> date:
    if type(count) is not int or count < 0:
        msg = "count must be a whole number, 0 or more"
        raise ValueError(msg)
    if type(seed) is not int:
        msg = "seed must be a whole number"
        raise TypeError(msg)
    if type(invalid_share) not in (int, float) or not 0.0 <= invalid_share <= 1.0:
        msg = "invalid_share must be a number from 0 to 1"
        raise ValueError(msg)
    if start is None:
        return DEFAULT_START
    if not isinstance(start, date) or isinstance(start, datetime):
        msg = "start must be a date"
        raise TypeError(msg)
    if not _EARLIEST_START <= start <= _LATEST_START:
        # Dates of birth go back about a century before it, and the records run two years on.
        msg = f"start must be from {_EARLIEST_START.isoformat()} to {_LATEST_START.isoformat()}"
        raise ValueError(msg)
    return start


_EARLIEST_START = date(1200, 1, 1)
_LATEST_START = date(9990, 12, 31)


def _stream(count: int, seed: int, invalid_share: float, start: date) -> Iterator[dict[str, Any]]:
    """Yield the records, breaking one at a random place in each run of ``1 / invalid_share`` records.

    Stratified rather than independent draws: the share is met closely even in
    a small file, and broken records are spread evenly through the stream.
    """
    synth = _Synth(seed, start)
    breaks = random.Random(f"msp.synth.invalid:{seed}").random  # noqa: S311 - reproducible test data
    stratum = 0
    low, high = 0, math.ceil(1 / invalid_share) if invalid_share else count + 1
    target = low + int(breaks() * (high - low)) if invalid_share else -1
    for index in range(count):
        rec = synth.record(index + 1)
        if index == target:
            _break(rec, breaks)
        if invalid_share and index == high - 1:
            stratum += 1
            low, high = high, math.ceil((stratum + 1) / invalid_share)
            target = low + int(breaks() * (high - low))
        yield rec


def generate(
    count: int,
    *,
    seed: int = 0,
    invalid_share: float = 0.0,
    start: date | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream ``count`` synthetic concerns as JSON-ready dicts.

    Each dict has the layout :func:`msp.to_dict` writes, ``schema_version``
    included, and turns into a :class:`~msp.model.concern.Concern` with
    :func:`msp.from_dict` unless it was deliberately broken.

    Args:
        count: how many records to yield (0 or more). Records are built one at
            a time, so a very large count costs nothing until consumed.
        seed: the random seed; the same arguments always give the same records.
        invalid_share: the fraction (0 to 1) of records that are broken at
            the shape level and fail :func:`msp.from_dict` with
            :class:`msp.InvalidRecord`: one at a random place in each run of
            ``1 / invalid_share`` records. The other records are the same as
            with ``invalid_share=0``.
        start: the first day of the two collection years the records cover
            (default :data:`DEFAULT_START`). Records are as at the last day.

    Returns:
        An iterator of dicts, one per concern, ids ``C000001`` upwards.

    Raises:
        ValueError: ``count`` is negative, ``invalid_share`` is outside 0-1, or
            ``start`` is outside the years 1200 to 9990.
        TypeError: ``seed`` is not an int or ``start`` not a date.
    """
    begin = _check_arguments(count, seed, invalid_share, start)
    return _stream(count, seed, float(invalid_share), begin)


def generate_concerns(count: int, *, seed: int = 0, start: date | None = None) -> Iterator[Concern]:
    """Stream ``count`` valid synthetic concerns as :class:`~msp.model.concern.Concern` objects.

    The records are those of :func:`generate` with the same ``seed`` and
    ``start`` (and no broken records), structured with :func:`msp.from_dict`.

    Args:
        count: how many concerns to yield (0 or more).
        seed: the random seed.
        start: the first day of the period covered (default :data:`DEFAULT_START`).

    Returns:
        An iterator of concerns.

    Raises:
        ValueError: ``count`` is negative.
        TypeError: ``seed`` is not an int or ``start`` not a date.
    """
    records = generate(count, seed=seed, start=start)
    return (from_dict(record) for record in records)


def __dir__() -> list[str]:
    """The public names, for ``dir(msp.synth)`` and tab completion."""
    return list(__all__)
