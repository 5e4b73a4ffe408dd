"""The adult: who they are (their profile, kept for any later concern about them) and the Adult record.

The profile is drawn when a concern arrives: age, gender identity, ethnicity,
primary support reason, language and representative. About one concern in ten
is about an adult already in the data, drawn from a pool of recent adults. The
:class:`~msp.model.adult.Adult` record is built at the end of the concern,
with what the case found out: strengths, who the adult wants involved, their
representative and any independent advocate.
"""

from __future__ import annotations

from datetime import date

from msp.codes import AdvocateKind, HealthCondition, RepresentativeKind, StrengthKind
from msp.model import Adult, Advocate, PersonInvolved, Representative, Strength
from msp.synth import _weights as w
from msp.synth._state import IG, AdultProfile, Case, Gap, Run

__all__ = ["RELATIVES", "STRENGTHS", "adult_record", "draw_adult"]

COMMUNICATION_NEEDS = (
    "Short sentences and written notes",
    "Hearing aid; face them when speaking",
    "Uses pictures to choose",
    "Best seen in the morning",
    "Large print letters",
)
RELATIVES = ("daughter", "son", "wife", "husband", "partner", "sister", "brother", "niece", "nephew", "grandson")
OTHERS_INVOLVED = ("neighbour", "friend", "key worker", "GP", "district nurse", "faith leader", "housing officer")
_STRENGTHS = {
    StrengthKind.PERSONAL: (
        "Fictional example: keen gardener",
        "Fictional example: manages own routine",
        "Fictional example: clear about what matters",
        "Fictional example: good sense of humour",
        "Fictional example: walks to the shop daily",
    ),
    StrengthKind.FAMILY: (
        "Fictional example: daughter visits weekly",
        "Fictional example: grandson helps online",
        "Fictional example: sister phones daily",
    ),
    StrengthKind.COMMUNITY: (
        "Fictional example: neighbour helps with shopping",
        "Fictional example: goes to a lunch club",
        "Fictional example: local faith group",
        "Fictional example: community gardener",
    ),
}
STRENGTHS = {kind: tuple(Strength(kind=kind, description=text) for text in texts) for kind, texts in _STRENGTHS.items()}
"""Every strength a record can hold, by kind (frozen records, shared)."""


def _draw_representative(run: Run, adult: AdultProfile) -> None:
    """The adult's representative: family or a friend, or an attorney or deputy (always a daughter)."""
    kind, registered = w.REPRESENTATIVE(run.r())
    relation = "daughter" if kind is not RepresentativeKind.FAMILY_OR_FRIEND else run.pick(RELATIVES)
    adult.representative = Representative(
        kind=kind,
        person_id=f"PR{adult.adult_id[1:]}",
        relationship=relation,
        registered=registered,
        paid_or_professional=False,
        involved=True,
    )


def _profile(run: Run, received: int) -> AdultProfile:  # noqa: C901, PLR0912 - a draw per demographic item
    """The adult a concern received on ``received`` (an ordinal) is about: one already known, or a new one."""
    r = run.r
    pool = run.pool
    if pool and r() < w.REUSE_SHARE:
        known = pool[int(r() * len(pool))]
        if not known.dead:
            known.reused = True
            return known
    adult = AdultProfile(run.adult_id())
    if r() >= w.DATE_OF_BIRTH_UNKNOWN:
        low, high = w.AGE_BAND(r())
        # 95+ thins out with age (about one in eight is 100 or over). Only + and * are used on
        # random numbers, never log or pow, so results are bit-identical on every platform.
        age = low + (high - low) * (r() * r() if high > 100 else r())  # noqa: PLR2004
        adult.dob = min(received - int((age + 0.01) * 365.2425), run.min_dob)
        adult.date_of_birth = date.fromordinal(adult.dob)
    adult.gender = w.GENDER(r())
    if r() < w.NHS_ETHNIC_SHARE:
        adult.ethnic = w.NHS_ETHNIC(r())
    else:
        adult.census = w.CENSUS_ETHNIC(r())
    detail, group, lacks_p = w.PRIMARY_SUPPORT_REASON(r())
    adult.psr_group = group
    adult.lacks_p = lacks_p
    x = r()
    if detail is None:
        adult.psr = group
    elif x < w.PSR_BOTH:
        adult.psr, adult.psr_detail = group, detail
    elif x < w.PSR_DETAIL_ONLY:
        adult.psr_detail = detail
    else:
        adult.psr = group
    x = r()
    if x < w.AUTISM:
        adult.health = (HealthCondition.LDI_AUTISM_EXCLUDING_ASPERGERS,)
    elif x < w.ASPERGERS:
        adult.health = (HealthCondition.LDI_ASPERGERS,)
    if r() < w.COMMUNICATION_NEEDS:
        adult.comm = run.pick(COMMUNICATION_NEEDS)
    adult.language = w.LANGUAGE(r())
    if adult.language != "English":
        adult.interpreter = r() < w.INTERPRETER_NEEDED
    elif r() < w.INTERPRETER_NOT_NEEDED_RECORDED:
        adult.interpreter = False
    if r() < (w.REPRESENTATIVE_IF_OFTEN_LACKING if lacks_p > w.OFTEN_LACKING else w.REPRESENTATIVE_OTHERWISE):
        _draw_representative(run, adult)
    if len(pool) < w.POOL_SIZE:
        pool.append(adult)
    else:
        pool[int(r() * w.POOL_SIZE)] = adult
    return adult


def draw_adult(run: Run, case: Case) -> None:
    """The adult the concern is about, and whether they lack capacity for the decisions in it (one draw)."""
    adult = case.adult = _profile(run, case.received)
    over_85 = adult.dob is not None and case.received - adult.dob > w.OVER_85_DAYS
    case.lacks = run.r() < adult.lacks_p + (w.LACKS_CAPACITY_OVER_85 if over_85 else 0.0)


def _people_involved(run: Run) -> tuple[PersonInvolved, ...]:
    r = run.r
    people = []
    for _ in range(w.PEOPLE_INVOLVED_COUNT.of(r())):
        wants = r() < w.ADULT_WANTS_INVOLVED
        person_id = run.person_id()
        relationship = run.pick(RELATIVES if r() < w.PERSON_IS_RELATIVE else OTHERS_INVOLVED)
        involved = wants and r() < w.WANTED_PERSON_INVOLVED
        people.append(
            PersonInvolved(
                person_id=person_id,
                relationship=relationship,
                adult_wants_involved=wants,
                involved=involved,
            ),
        )
    return tuple(people)


def adult_record(run: Run, case: Case) -> Adult:
    """The adult as this concern records them, once the case has run its course."""
    r = run.r
    adult = case.adult
    gaps = case.gaps
    strengths: list[Strength] = []
    if case.stage >= IG and Gap.NO_STRENGTHS not in gaps:
        for _ in range(w.STRENGTH_COUNT.of(r())):
            kind = w.STRENGTH_KIND(r())
            strengths.append(run.pick(STRENGTHS[kind]))
    contact = case.contact
    people: tuple[PersonInvolved, ...] = ()
    if case.enquiry_route and contact is not None and contact.asked_who_to_involve and r() < w.PEOPLE_INVOLVED_RECORDED:
        people = _people_involved(run)
    representatives: tuple[Representative, ...] = ()
    if adult.representative is not None and case.stage >= IG:
        representatives = (adult.representative,)
    advocates: tuple[Advocate, ...] = ()
    if (
        case.advocate_required
        and case.advocacy is not None
        and case.enquiry_route
        and Gap.ADVOCATE_NOT_INSTRUCTED not in gaps
    ):
        number = w.ADVOCATE_NUMBER.of(r())
        spoken_on = case.spoken_on
        instructed_on = run.between(spoken_on, min(spoken_on + w.ADVOCATE_WITHIN_DAYS, case.limit))
        advocates = (
            Advocate(
                kind=AdvocateKind.CARE_ACT_INDEPENDENT_ADVOCATE,
                advocate_id=f"V{number:04d}",
                requested_on=run.day(spoken_on),
                instructed_on=run.day(instructed_on),
                involved=True,
            ),
        )
    decision = case.decision
    return Adult(
        adult_id=adult.adult_id,
        date_of_birth=adult.date_of_birth,
        date_of_death=None if case.date_of_death is None else run.day(case.date_of_death),
        gender_identity=adult.gender,
        ethnic_category=adult.ethnic,
        census_2021_ethnic_group=adult.census,
        primary_support_reason=adult.psr,
        primary_support_reason_detail=adult.psr_detail,
        health_conditions=adult.health,
        has_care_and_support_needs=None if decision is None else decision.has_care_and_support_needs,
        communication_needs=adult.comm,
        preferred_language=adult.language,
        interpreter_needed=adult.interpreter,
        strengths=tuple(strengths),
        people_involved=people,
        representatives=representatives,
        advocates=advocates,
    )
