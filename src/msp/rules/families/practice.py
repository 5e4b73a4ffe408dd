"""MSP-: Making Safeguarding Personal practice rules.

Each rule names the published source it comes from: the Care and Support Statutory
Guidance (14.15 defines Making Safeguarding Personal), the LGA "Making Safeguarding
Personal toolkit", LGA/ADASS "Myths and realities about Making Safeguarding Personal"
(2019), the LGA/ADASS "Making Safeguarding Personal Outcomes Framework" (2018), or
local multi-agency closure checklists. Most rest on practice guidance and so are
``warning`` or ``advice``; only the rules a Safeguarding Adults Collection return
depends on (outcomes evaluated, outcomes recorded only where expressed) are ``error``.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   MSP-031 to MSP-034 (others at risk when an enquiry ceases; the people alleged to have caused
   harm); MSP-030 also accepts a decision to act without consent because others are at risk or
   in the public interest. MSP-035 to MSP-037 (a concern ended as a duplicate or as withdrawn;
   meetings); MSP-018 also accepts an escalation recorded at any stage (``escalations``).
   MSP-038 to MSP-040 (the adult's feedback, MSP Outcomes Framework questions 4-7: asked at closure
   or why not, within eight weeks of closure, and who answered).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from msp.codes import (
    ConsentGround,
    EnquiryRoute,
    EnquiryType,
    ExitRoute,
    ExpressedBy,
    FeedbackAsked,
    InterpreterKind,
    MspAsked,
)
from msp.model.capacity import CapacityDecision
from msp.model.concern import AdultsViews, Closure, Concern, Contact, Section42Decision
from msp.model.feedback import AdultsFeedback
from msp.model.harm import PersonAllegedToHaveCausedHarm
from msp.model.organisation import Meeting
from msp.model.outcomes import DesiredOutcome
from msp.model.plan import LivingWithRisk
from msp.rules._declare import Family, only_if
from msp.rules._shapes import RecordedTrue, for_each
from msp.rules._types import PASS, CheckResult, Fail, Paths
from msp.rules.facts import (
    Routed,
    acting_without_consent_of,
    adult_died,
    capacity_in_doubt,
    closure_of,
    desired_outcomes_of,
    ended_at_adults_request,
    escalated_or_managed,
    has_enquiry,
    is_section_42,
    lacks_capacity_to_take_part,
    living_with_risk_of,
    meetings_of,
    only_self_neglect,
    others_may_be_at_risk,
    people_alleged_of,
    plan_of,
    represented,
    section_68_difficulty,
    seen_alone_or_why_not,
)

__all__ = ["RULES"]

RULES: Final = Family.load(__name__)
"""The MSP- rules: the catalogue in ``practice.json`` and a check for each."""

_ASKED = (MspAsked.ASKED_EXPRESSED, MspAsked.ASKED_NOT_EXPRESSED)
_NOT_SEEN_ALONE = "not recorded as seen alone, and no reason why not"


@RULES.check("MSP-001")
def adult_spoken_to(c: Concern, at: Paths) -> CheckResult:
    """Pass where the adult was spoken to, or a reason they were not is recorded."""
    contact = c.contact
    told = contact is not None and (contact.spoken_to is True or bool(contact.not_spoken_to_reason))
    return at.spoken_to.fail_unless(told, "no record that the adult was spoken to, and no reason why not")


@RULES.check("MSP-002")
@only_if(has_enquiry)
def views_in_own_words(c: Concern, at: Paths) -> CheckResult:
    """Pass where the adult's views are recorded as they expressed them."""
    recorded = c.views is not None and bool(c.views.in_own_words)
    return at.in_own_words.fail_unless(recorded, "the adult's views are not recorded in their own words")


def _views_in_own_words(c: Concern) -> AdultsViews | None:
    """The adult's views, where they are recorded in the adult's own words."""
    return c.views if c.views is not None and c.views.in_own_words else None


@RULES.check("MSP-003")
@only_if(_views_in_own_words)
def reasons_behind_wishes(views: AdultsViews, at: Paths) -> CheckResult:
    """Pass where views are recorded together with the reasons behind them."""
    return at.reasons.fail_unless(views.reasons, "the reasons behind the adult's wishes are not recorded")


@RULES.check("MSP-004")
@only_if(has_enquiry)
def strengths_recorded(c: Concern, at: Paths) -> CheckResult:
    """Pass where at least one strength is recorded for an adult in an enquiry."""
    return at.strengths.fail_unless(c.adult.strengths, "no strengths are recorded for the adult")


@RULES.check("MSP-005")
@only_if(has_enquiry)
def asked_who_to_involve(c: Concern, at: Paths) -> CheckResult:
    """Pass where the adult was asked, or their wishes about who is involved are recorded."""
    was_asked = c.contact is not None and c.contact.asked_who_to_involve is True
    wishes = any(p.adult_wants_involved is not None for p in c.adult.people_involved)
    return at.asked_who_to_involve.fail_unless(
        was_asked or wishes, "no record that the adult was asked who else they want involved"
    )


@RULES.check("MSP-006")
@only_if(has_enquiry)
def advocacy_considered(c: Concern, at: Paths) -> CheckResult:
    """Pass where the s68 test was recorded (or is answered by a capacity decision about taking part in the
    enquiry), or a representative or advocate is involved."""
    tested = section_68_difficulty(c) is not None
    return at.advocacy.fail_unless(
        represented(c.adult) or tested, "no record that the need for a representative or advocate was considered"
    )


@RULES.check("MSP-007")
@only_if(has_enquiry)
def options_explained(c: Concern, at: Paths) -> CheckResult:
    """Pass where the options were explained, and either why some are not available was explained or
    every option was available (nothing to explain: not applicable)."""
    o = c.options
    return at.options_explained.fail_unless(
        o is not None and o.options_explained is True, "no record that the options were explained to the adult"
    ) + at.unavailable_options_explained.fail_unless(
        o is not None and (o.unavailable_options_explained is True or o.every_option_available is True),
        "no record that the adult was told why some options are not available, or that every option was",
    )


@RULES.check("MSP-010")
@only_if(living_with_risk_of)
def living_with_risk_informed(lwr: LivingWithRisk, at: Paths) -> CheckResult:
    """Pass where a decision to live with risk is informed, understood and has safety actions."""
    return (
        at.informed_decision.fail_unless(
            lwr.informed_decision is True, "living with risk is not recorded as an informed decision"
        )
        + at.understanding.fail_unless(lwr.understanding, "the adult's understanding of the risk is not recorded")
        + at.safety_actions.fail_unless(lwr.safety_actions, "no actions to maximise the adult's safety are recorded")
    )


def _living_with_risk_in_doubt(c: Concern) -> tuple[LivingWithRisk, tuple[CapacityDecision, ...]] | None:
    """The decision to live with a risk and the capacity decisions, where capacity is in doubt."""
    lwr = living_with_risk_of(c)
    return None if lwr is None or not capacity_in_doubt(c) else (lwr, c.capacity_decisions)


@RULES.check("MSP-011")
@only_if(_living_with_risk_in_doubt)
def living_with_risk_capacity(found: tuple[LivingWithRisk, tuple[CapacityDecision, ...]], at: Paths) -> CheckResult:
    """Pass where the living-with-risk decision names a capacity decision on the record, and, where that
    decision found the adult lacks capacity, it carries a best-interests decision (which may lawfully be
    to go on living with the risk: Mental Capacity Act 2005 s1(6), s4)."""
    lwr, assessed = found
    named = next((d for d in assessed if d.decision_id and d.decision_id == lwr.capacity_decision_id), None)
    if named is None:
        return at.capacity_decision_id.fail(
            "capacity is in doubt but the decision to live with risk names no capacity decision on the record"
        )
    if named.lacks_capacity and named.best_interests is None:
        return at.capacity_decision_id.fail(
            "the named capacity decision found the adult lacks capacity: living with the risk needs a "
            "best-interests decision, not an informed choice",
        )
    return PASS


def _ending_at_request(c: Concern) -> bool:
    """An enquiry ends at the adult's request, or closes where they want no action.

    Only where there was an enquiry: a decision to make no enquiry, closed where the
    adult wanted no action, is not an enquiry ceased at their request (what matters
    there is whether others are at risk and the public interest, not these checks).
    """
    if ended_at_adults_request(c):
        return True
    wants_nothing = c.views is not None and c.views.wants_no_action is True
    return wants_nothing and c.closure is not None and has_enquiry(c)


@RULES.check("MSP-012")
@only_if(_ending_at_request)
def curiosity_before_ending_at_request(c: Concern, at: Paths) -> CheckResult:
    """Pass where an enquiry ended at the adult's request shows professional curiosity."""
    considered = c.curiosity is not None and c.curiosity.coercion_considered is True
    died = adult_died(c)
    advised = c.closure is None or c.closure.safety_advice_given is True or died
    return (
        at.seen_alone.fail_unless(died or seen_alone_or_why_not(c.contact), _NOT_SEEN_ALONE)
        + at.coercion_considered.fail_unless(
            considered, "coercion, control or undue influence is not recorded as considered"
        )
        + at.safety_advice_given.fail_unless(advised, "no record that safety advice and contacts were given")
    )


def _declines_support(c: Concern) -> bool:
    """The adult declines support."""
    return c.views is not None and c.views.declines_support is True


def _adult_alive(c: Concern) -> bool:
    """The adult has not died."""
    return not adult_died(c)


@RULES.check("MSP-013")
@only_if(_declines_support)
def refusal_explored(c: Concern, at: Paths) -> CheckResult:
    """Pass where a refusal of support has its reasons explored."""
    done = c.curiosity is not None and c.curiosity.reasons_for_refusal_explored is True
    return at.reasons_for_refusal_explored.fail_unless(done, "the adult refuses help but the reasons were not explored")


@RULES.check("MSP-014")
@only_if(has_enquiry, _adult_alive)
def seen_alone(c: Concern, at: Paths) -> CheckResult:
    """Pass where the adult in an enquiry was seen alone or the reason is recorded (not applicable where the
    adult has died)."""
    return at.seen_alone.fail_unless(seen_alone_or_why_not(c.contact), _NOT_SEEN_ALONE)


@RULES.check("MSP-015")
@only_if(lacks_capacity_to_take_part, has_enquiry)
def msp_when_capacity_lacking(c: Concern, at: Paths) -> CheckResult:
    """Pass where an adult lacking capacity, or their representative, was still asked, and someone helped
    them be heard: a representative or advocate involved, or outcomes in the adult's own words."""
    own_words = any(o.expressed_by is ExpressedBy.ADULT for o in c.desired_outcomes)
    return at.msp_asked.fail_unless(
        c.msp_asked in _ASKED,
        "the adult lacks capacity and neither they nor a representative or advocate is recorded as asked "
        "about desired outcomes",
    ) + at.advocates.fail_unless(
        represented(c.adult) or own_words,
        "the adult lacks capacity but no representative or advocate was involved to help find out what they want",
    )


@RULES.check("MSP-016")
@only_if(desired_outcomes_of)
@for_each("desired outcome recorded as the practitioner's interpretation")
def outcomes_are_the_adults(o: DesiredOutcome) -> bool:
    """A desired outcome put into words by a practitioner."""
    return o.expressed_by is ExpressedBy.PRACTITIONER


def _someone_else_alleged(c: Concern) -> bool:
    """Someone other than the adult is alleged to have caused harm (not only self-neglect)."""
    return not only_self_neglect(c)


@RULES.check("MSP-017")
@only_if(closure_of, has_enquiry, _someone_else_alleged)
def person_alleged_and_others(closure: Closure, at: Paths) -> CheckResult:
    """Pass where both the person alleged and risk to others were considered, even if the adult wants no action."""
    return at.person_alleged_action_considered.fail_unless(
        closure.person_alleged_action_considered is True,
        "action about the person alleged to have caused harm is not recorded as considered",
    ) + at.risk_to_others_considered.fail_unless(
        closure.risk_to_others_considered is True, "risk to others is not recorded as considered"
    )


def _coerced_and_not_seen_alone(c: Concern) -> bool:
    """Coercion is suspected and the adult was not seen alone."""
    suspected = c.curiosity is not None and c.curiosity.coercion_suspected is True
    return suspected and not (c.contact is not None and c.contact.seen_alone is True)


@RULES.check("MSP-018")
@only_if(_coerced_and_not_seen_alone)
def escalation_where_coerced(c: Concern, at: Paths) -> CheckResult:
    """Pass where suspected coercion with no time alone has an escalation recorded, at any stage
    (``escalations``) or in the plan, or a reason the risk is managed without one
    (:func:`~msp.rules.facts.escalated_or_managed`)."""
    return at.escalation.fail_unless(
        escalated_or_managed(c),
        "coercion is suspected and the adult was not seen alone, but no escalation (or reason the risk is "
        "managed without one) is recorded",
    )


@RULES.check("MSP-019")
@only_if(has_enquiry)
def asked_about_outcomes(c: Concern, at: Paths) -> CheckResult:
    """Pass where SG4a records that the adult or representative was asked, or records "No" with the reason."""
    answered = c.msp_asked in _ASKED or (c.msp_asked is MspAsked.NO and bool(c.msp_not_asked_reason))
    return at.msp_asked.fail_unless(
        answered,
        "the adult or their representative is not recorded as asked about desired outcomes, and no reason is recorded",
    )


@RULES.check("MSP-020")
@only_if(desired_outcomes_of, is_section_42)
@for_each("desired outcome not evaluated at conclusion")
def outcomes_evaluated(o: DesiredOutcome) -> bool:
    """A desired outcome of a section 42 enquiry at or past conclusion with no achievement recorded
    (the SG4a return needs it; MSP-027 asks the same of other enquiries, as a warning).

    The stage decides "at conclusion", not the conclusion date: a case validated at (or moved to) the
    ``concluded`` stage before its date is entered must still have every outcome evaluated.
    """
    return o.achievement is None


def _other_enquiry(c: Concern) -> bool:
    """The concern led to an other safeguarding enquiry."""
    return c.enquiry_type is EnquiryType.OTHER


@RULES.check("MSP-027")
@only_if(desired_outcomes_of, _other_enquiry)
@for_each("desired outcome not evaluated at conclusion")
def other_enquiry_outcomes_evaluated(o: DesiredOutcome) -> bool:
    """A desired outcome of an other enquiry at or past conclusion with no achievement recorded."""
    return o.achievement is None


def _evaluated_outcomes(c: Concern) -> tuple[DesiredOutcome, ...] | None:
    """The desired outcomes, where any has its achievement evaluated."""
    outcomes = c.desired_outcomes
    return outcomes if outcomes and any(o.achievement is not None for o in outcomes) else None


@RULES.check("MSP-021")
@only_if(_evaluated_outcomes)
@for_each("outcome not recorded as evaluated with the adult")
def outcomes_evaluated_with_adult(o: DesiredOutcome) -> bool:
    """An evaluated outcome not evaluated with the adult or representative."""
    return o.achievement is not None and o.evaluated_with_adult is not True


def _contact_needing_interpreter(c: Concern) -> Contact | None:
    """The contact with an adult who needs an interpreter, where they were spoken to."""
    needed = c.adult.interpreter_needed is True and c.contact is not None and c.contact.spoken_to is True
    return c.contact if needed else None


def _interpreted(c: Concern) -> Contact | None:
    """The contact, where it records who interpreted."""
    contact = c.contact
    return contact if contact is not None and contact.interpreted_by is not None else None


@RULES.check("MSP-028")
@only_if(_interpreted)
def family_member_interpreted(contact: Contact, at: Paths) -> CheckResult:
    """Fail (a flag for review) where a family member or friend interpreted for the adult."""
    return at.interpreted_by.fail_unless(
        contact.interpreted_by is not InterpreterKind.FAMILY_OR_FRIEND,
        "a family member or friend interpreted: they may be the person the adult needs to speak about; "
        "consider a professional interpreter",
    )


_SUPPORTED: Final = frozenset(
    {InterpreterKind.SIGN_LANGUAGE, InterpreterKind.COMMUNICATION_SUPPORT, InterpreterKind.PROFESSIONAL_SPOKEN_LANGUAGE}
)


def _contact_needing_support(c: Concern) -> Contact | None:
    """The contact with an adult who needs communication support, where they were spoken to."""
    needed = c.adult.communication_support_needed is True and c.contact is not None and c.contact.spoken_to is True
    return c.contact if needed else None


@RULES.check("MSP-029")
@only_if(_contact_needing_support)
def communication_support_given(contact: Contact, at: Paths) -> CheckResult:
    """Pass where an adult who needs communication support was spoken to with it (a sign language
    interpreter, a communication support worker or aid, or a professional interpreter; an interpreter
    recorded as used without saying who counts, a family member or friend does not)."""
    by = contact.interpreted_by
    return at.interpreted_by.fail_unless(
        by in _SUPPORTED or (by is None and contact.interpreter_used is True),
        "the adult needs communication support but none is recorded when they were spoken to",
    )


def _no_enquiry_wanting_nothing(c: Concern) -> bool:
    """The section 42 decision is to make no enquiry, and the adult wants no action."""
    return _NO_ENQUIRY(c) is not None and c.views is not None and c.views.wants_no_action is True


_NO_ENQUIRY: Final = Routed(EnquiryRoute.NO_ENQUIRY)
_OTHERS_OR_PUBLIC: Final = frozenset({ConsentGround.OTHERS_AT_RISK, ConsentGround.PUBLIC_INTEREST})


@RULES.check("MSP-030")
@only_if(_no_enquiry_wanting_nothing)
def others_at_risk_when_no_action(c: Concern, at: Paths) -> CheckResult:
    """Pass where a decision to make no enquiry, with an adult who wants no action, records that risk to
    others was considered: at closure, or in a decision to act without the adult's consent because others
    are at risk or in the public interest."""
    considered = c.closure is not None and c.closure.risk_to_others_considered is True
    acting = acting_without_consent_of(c)
    considered = considered or (acting is not None and not _OTHERS_OR_PUBLIC.isdisjoint(acting.grounds))
    return at.risk_to_others_considered.fail_unless(
        considered,
        "the adult wants no action and no enquiry is made, but risk to others (and the public interest) is not "
        "recorded as considered",
    )


@RULES.check("MSP-023")
@only_if(closure_of, has_enquiry, _adult_alive)
def views_on_closure(closure: Closure, at: Paths) -> CheckResult:
    """Pass where the adult's view of closing an enquiry is recorded (not applicable if the adult died)."""
    return at.adults_view.fail_unless(closure.adults_view, "the adult's views on closure are not recorded")


def _asked_recorded(c: Concern) -> bool:
    """SG4a ('asked') is recorded."""
    return c.msp_asked is not None


@RULES.check("MSP-026")
@only_if(_asked_recorded)
def outcomes_match_asked(c: Concern, at: Paths) -> CheckResult:
    """Fail where SG4a and the recorded desired outcomes contradict each other."""
    expressed = c.msp_asked is MspAsked.ASKED_EXPRESSED
    if expressed and not c.desired_outcomes:
        return at.desired_outcomes.fail("outcomes were expressed (SG4a) but none is recorded")
    if not expressed and c.desired_outcomes:
        return at.msp_asked.fail("desired outcomes are recorded but SG4a does not say outcomes were expressed")
    return PASS


def _ceased_with_others_at_risk(c: Concern) -> bool:
    """The enquiry ended at the adult's request while others may be at risk
    (:func:`~msp.rules.facts.others_may_be_at_risk`)."""
    return ended_at_adults_request(c) and others_may_be_at_risk(c)


@RULES.check("MSP-031")
@only_if(_ceased_with_others_at_risk)
def others_protected_when_ceasing(c: Concern, at: Paths) -> CheckResult:
    """Pass where an enquiry that ceased at the adult's request while others may be at risk records how they
    are protected: risk to others considered, or the action taken about the person alleged."""
    closure = c.closure
    recorded = closure is not None and (
        closure.risk_to_others_considered is True or bool(closure.person_alleged_action)
    )
    return at.risk_to_others_considered.fail_unless(
        recorded,
        "the enquiry ceased at the adult's request while others may be at risk, but how they are protected is "
        "not recorded",
    )


def _risk_ids_of(c: Concern) -> tuple[tuple[PersonAllegedToHaveCausedHarm, ...], frozenset[str]] | None:
    """The people alleged and the ids of the risks on the record, where anyone alleged names a risk."""
    if not any(p.risk_ids for p in c.people_alleged):
        return None
    return (c.people_alleged, frozenset(r.risk_id for r in c.risks if r.risk_id is not None))


@RULES.check("MSP-032")
@only_if(_risk_ids_of)
def people_alleged_name_risks_on_record(
    found: tuple[tuple[PersonAllegedToHaveCausedHarm, ...], frozenset[str]], at: Paths
) -> CheckResult:
    """Fail for each person alleged one of whose ``risk_ids`` names no risk on the record."""
    people, known = found
    return at.risk_ids.each(
        people,
        lambda p: any(rid not in known for rid in p.risk_ids),
        "a person alleged to have caused harm is linked to a risk that is not on the record",
    )


@RULES.check("MSP-033")
@only_if(people_alleged_of)
def people_alleged_once(people: tuple[PersonAllegedToHaveCausedHarm, ...], at: Paths) -> CheckResult:
    """Fail for each person alleged whose id is recorded for an earlier person alleged too."""
    seen: set[str] = set()
    fails: list[Fail] = []
    for i, p in enumerate(people):
        if p.person_id in seen:
            fails.append(Fail(at.person_id.at(i), "this person alleged to have caused harm is recorded more than once"))
        seen.add(p.person_id)
    return fails


@RULES.check("MSP-034")
@only_if(people_alleged_of, has_enquiry)
@for_each(
    "a person alleged to have caused harm is not recorded as told of the concern and given the chance to "
    "respond, and no reason is recorded"
)
def person_alleged_told(p: PersonAllegedToHaveCausedHarm) -> bool:
    """A person alleged not told of the concern, with no reason recorded."""
    return p.told_of_concern is not True and not p.not_told_reason


# -- a concern ended as a duplicate or withdrawn; meetings (MSP-035 to MSP-037) -----------------


def _duplicate_claimed(c: Concern) -> Concern | None:
    """The record, where its decision ends it as a duplicate of an open concern or names the concern it
    duplicates."""
    d = c.decision
    if d is None:
        return None
    return c if ExitRoute.DUPLICATE_OF_OPEN_CONCERN in d.exit_routes or d.duplicate_of is not None else None


@RULES.check("MSP-035")
@only_if(_duplicate_claimed)
def duplicate_names_the_open_concern(c: Concern, at: Paths) -> CheckResult:
    """Fail where the concern is ended as a duplicate but names no concern, names itself, or names a concern
    without that exit route."""
    d = c.decision
    if d is None:  # the guard lets only a decision through
        return PASS
    if d.duplicate_of is None:
        return at.duplicate_of.fail("the concern is ended as a duplicate of an open concern but does not name it")
    if d.duplicate_of == c.concern_id:
        return at.duplicate_of.fail("the concern is recorded as a duplicate of itself")
    return at.exit_routes.fail_unless(
        ExitRoute.DUPLICATE_OF_OPEN_CONCERN in d.exit_routes,
        "the concern names a concern it duplicates, but its exit routes do not say it is a duplicate",
    )


def _withdrawn(c: Concern) -> Section42Decision | None:
    """The section 42 decision, where it ends the concern as withdrawn."""
    d = c.decision
    return d if d is not None and ExitRoute.WITHDRAWN in d.exit_routes else None


@RULES.check("MSP-036")
@only_if(_withdrawn)
def withdrawn_with_rationale(d: Section42Decision, at: Paths) -> CheckResult:
    """Fail where a concern ended as withdrawn records no rationale."""
    return at.rationale.fail_unless(
        d.rationale, "the concern is ended as withdrawn but the rationale for ending it is not recorded"
    )


@RULES.check("MSP-037")
@only_if(meetings_of)
def meeting_recorded(meetings: tuple[Meeting, ...], at: Paths) -> CheckResult:
    """Fail for each meeting that records no attendee, and for each that records no decision."""
    return at.attendees.each(
        meetings, lambda m: not m.attendees, "the meeting records no one who took part"
    ) + at.decisions.each(meetings, lambda m: not m.decisions, "the meeting records no decision")


# -- the adult's feedback: MSP Outcomes Framework questions 4-7 (MSP-038 to MSP-040) ------------

_FEEDBACK_WINDOW: Final = timedelta(weeks=8)
"""How long after closure an independent person may ask questions 4-7 (LGA/ADASS Making Safeguarding
Personal Outcomes Framework, 2018: "within eight weeks of the case closing")."""


def _closed_after_enquiry(c: Concern) -> Concern | None:
    """The record, where an enquiry (section 42 or other) went ahead and the case is closed."""
    return c if has_enquiry(c) and c.closure is not None else None


@RULES.check("MSP-038")
@only_if(_closed_after_enquiry)
def feedback_asked_or_why_not(c: Concern, at: Paths) -> CheckResult:
    """Fail where a case closed after an enquiry records no feedback, or records that asking was not
    possible without saying why."""
    fb = c.feedback
    if fb is None:
        return at.feedback.fail(
            "no record that the adult or their representative was asked for feedback on their experience, or why not"
        )
    if fb.not_possible_reason or fb.answers:
        return PASS
    if fb.asked is None:
        return at.asked.fail("the feedback record does not say whether the questions were asked, or why not")
    return at.not_possible_reason.fail_unless(
        fb.asked is not FeedbackAsked.NOT_POSSIBLE, "asking for feedback is recorded as not possible, but not why"
    )


def _feedback_and_closure_dates(c: Concern) -> Concern | None:
    """The record, where both the date feedback was asked for and the closure date are recorded."""
    fb, closure = c.feedback, c.closure
    if fb is None or fb.asked_on is None or closure is None or closure.closed_on is None:
        return None
    return c


@RULES.check("MSP-039")
@only_if(_feedback_and_closure_dates)
def feedback_within_eight_weeks(c: Concern, at: Paths) -> CheckResult:
    """Fail where feedback was asked for more than eight weeks after the case closed."""
    fb, closure = c.feedback, c.closure
    if fb is None or fb.asked_on is None or closure is None or closure.closed_on is None:
        return PASS  # the guard lets only both dates through
    return at.asked_on.fail_unless(
        fb.asked_on <= closure.closed_on + _FEEDBACK_WINDOW,
        "feedback was asked for more than eight weeks after the case closed, outside the framework's window",
    )


def _answered_feedback(c: Concern) -> AdultsFeedback | None:
    """The feedback, where any answer to questions 4-7 is recorded."""
    fb = c.feedback
    return fb if fb is not None and fb.answers else None


@RULES.check("MSP-040")
@only_if(_answered_feedback)
def feedback_names_who_answered(fb: AdultsFeedback, at: Paths) -> CheckResult:
    """Fail where answers are recorded without who gave them."""
    return at.answered_by.fail_unless(
        fb.answered_by is not None,
        "feedback answers are recorded without who answered: the adult or which representative",
    )


# Rules of one shape: the part of the record the guard returns says a thing was done.
for code, guard, message in (
    ("MSP-008", plan_of, "no record that the plan was developed with the adult"),
    ("MSP-009", plan_of, "the plan does not record that immediate risks were considered"),
    ("MSP-022", _contact_needing_interpreter, "the adult needs an interpreter but none is recorded as used"),
    ("MSP-024", closure_of, "no record of feedback to the referrer"),
    ("MSP-025", plan_of, "no record that the adult agreed the plan"),
):
    RULES.check(code)(only_if(guard)(RecordedTrue(message)))
