"""The safeguarding process as a state machine that refuses what the law or MSP forbids, and says why.

The stages are :class:`msp.codes.CaseStage`; the steps between them are the
data in :data:`TRANSITIONS`, which anyone can inspect (and :func:`mermaid`
draws). There is one function per step (:func:`receive`, :func:`decide`,
:func:`start_enquiry`, ...). Each takes the record, the :class:`~msp.model.concern.Actor`
taking the step, a timezone-aware time and what the step records, and returns
a **new** record at the step's stage with one :class:`~msp.model.concern.HistoryEntry`
appended (from, to, when, who, why, and who authorised it where a manager signs
the step off), sealed with an integrity digest
(:mod:`msp.model.history`). Nothing is mutated.

A step is refused with :class:`TransitionRefused`, which carries the blocking
findings, when

- the transition table does not allow it from the record's stage (``WF-STEP``)
  or its data makes no sense for the step (``WF-DECISION``, ``WF-ROUTE``,
  ``WF-PLAN``, ``WF-REASON``), the council's separation of duties is not met
  (``WF-FOUR-EYES``; ``WF-SIGN-OFF``, a step the :class:`WorkflowPolicy` has a
  manager authorise taken without ``authorised_by``, or authorised by the actor
  themselves), the enquiry is paused and the
  step needs it running, or is not paused and the step needs it paused
  (``WF-PAUSED``, ``WF-NOT-PAUSED``), or the data cannot be built into a record
  (``SHAPE-`` codes); or
- the record as it would be after the step (the *candidate*) has any finding of
  severity error at the target stage, from the rule set of the
  :class:`WorkflowPolicy` (by default every built-in rule, including the
  history rules WF-001 and WF-002), or an error-severity rule could not run.

Every error finding of the candidate blocks, not only those the step itself
introduced: a record already in breach of an error rule must be corrected
before it moves on. Warnings and advice never block.

A step stops at ``WF-STEP``, or at a history entry it cannot build, with that
finding alone. :func:`blockers` lists everything that would block a step
without taking it: ``WF-STEP`` and every other guard's refusal together.

Mapping to the four stages of the London Multi-Agency Adult Safeguarding Policy and
Procedures (a local multi-agency procedure) is in
:data:`LONDON_STAGES`; docs/workflow.md describes each step, its guards and the
rule codes that block it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from msp.codes import CaseStage, ClosureReason, EnquiryRoute, FeedbackAsked, MspAsked
from msp.errors import InvalidRecord, Problem, TransitionRefused
from msp.model.concern import (
    Actor,
    AdultsViews,
    Closure,
    Concern,
    Contact,
    Enquiry,
    HistoryEntry,
    ImmediateSafety,
    ProfessionalCuriosity,
    Risk,
    Section42Decision,
)
from msp.model.feedback import AdultsFeedback
from msp.model.history import append_entry
from msp.model.organisation import RouteChange
from msp.model.outcomes import DesiredOutcome, overall_achievement
from msp.model.plan import RiskPlan
from msp.model.protection import EnquiryPause
from msp.rules import Finding, Profile, RuleSet, Severity, validate
from msp.rules.facts import opens_enquiry

__all__ = [
    "LONDON_STAGES",
    "MANAGER_SIGN_OFF_STEPS",
    "TRANSITIONS",
    "WORKFLOW_POLICIES",
    "Transition",
    "TransitionRefused",
    "WorkflowPolicy",
    "agree_plan",
    "allowed_steps",
    "blockers",
    "cease_at_adults_request",
    "change_route",
    "close",
    "conclude",
    "decide",
    "get_transition",
    "mermaid",
    "pause_enquiry",
    "receive",
    "reopen",
    "resume_enquiry",
    "review_plan",
    "start_enquiry",
    "start_information_gathering",
    "step_function",
]

_T = TypeVar("_T")

_CR = CaseStage.CONCERN_RECEIVED
_IG = CaseStage.INFORMATION_GATHERING
_DEC = CaseStage.DECIDED
_ENQ = CaseStage.ENQUIRY
_PLAN = CaseStage.PLAN_AND_REVIEW
_CONC = CaseStage.CONCLUDED
_CEASED = CaseStage.CEASED_AT_ADULTS_REQUEST
_CLOSED = CaseStage.CLOSED


@attrs.frozen(slots=True, kw_only=True)
class Transition:
    """One step of the process: its name, the stages it may be taken from, and where it leads.

    Attributes:
        step: the step's name, which is also the name of its function here.
        from_stages: the stages the step may be taken from. Empty for
            ``receive``, which brings a new record into the workflow.
        to_stage: the stage the record is at after the step, or ``None`` for a
            step that keeps the stage it is taken from (``review_plan``,
            ``pause_enquiry``, ``resume_enquiry``, ``change_route``): see :meth:`target`.
        summary: what the step records, in a sentence.

    .. versionchanged:: 0.2.0
       ``to_stage`` may be ``None`` (a step that keeps its stage).
    """

    step: str
    from_stages: tuple[CaseStage, ...]
    to_stage: CaseStage | None
    summary: str

    def target(self, from_stage: CaseStage) -> CaseStage:
        """The stage the step leads to from ``from_stage``: ``to_stage``, or ``from_stage`` where that is ``None``.

        .. versionadded:: 0.2.0
        """
        return from_stage if self.to_stage is None else self.to_stage


TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(
        step="receive",
        from_stages=(),
        to_stage=_CR,
        summary="A new concern enters the workflow: the first history entry.",
    ),
    Transition(
        step="start_information_gathering",
        from_stages=(_CR,),
        to_stage=_IG,
        summary="Establish immediate safety and gather initial information.",
    ),
    Transition(
        step="decide",
        from_stages=(_CR, _IG),
        to_stage=_DEC,
        summary="The section 42 decision: the three conditions and the route (s42, other or no enquiry).",
    ),
    Transition(
        step="start_enquiry",
        from_stages=(_DEC,),
        to_stage=_ENQ,
        summary="Start the section 42 or other enquiry the decision led to.",
    ),
    Transition(
        step="agree_plan",
        from_stages=(_ENQ,),
        to_stage=_PLAN,
        summary="Agree the safeguarding plan.",
    ),
    Transition(
        step="review_plan",
        from_stages=(_PLAN, _CONC),
        to_stage=None,
        summary=(
            "Review the safeguarding plan (adds a review date); after the enquiry concludes the plan is "
            "monitored and reviewed at concluded. The stage is kept."
        ),
    ),
    Transition(
        step="pause_enquiry",
        from_stages=(_ENQ, _PLAN),
        to_stage=None,
        summary="Pause the enquiry while a police-led or court process runs, with a reason; the stage is kept.",
    ),
    Transition(
        step="resume_enquiry",
        from_stages=(_ENQ, _PLAN),
        to_stage=None,
        summary="Resume a paused enquiry; the stage is kept.",
    ),
    Transition(
        step="change_route",
        from_stages=(_DEC, _ENQ, _PLAN),
        to_stage=None,
        summary=(
            "Change the route without closing: an other enquiry becomes a section 42 enquiry, or back; "
            "the section 42 decision is re-recorded. The stage is kept."
        ),
    ),
    Transition(
        step="conclude",
        from_stages=(_ENQ, _PLAN),
        to_stage=_CONC,
        summary="Conclude the enquiry: outcomes evaluated, SAC items complete.",
    ),
    Transition(
        step="cease_at_adults_request",
        from_stages=(_ENQ, _PLAN),
        to_stage=_CEASED,
        summary="The enquiry ceases at the adult's request, with professional curiosity recorded.",
    ),
    Transition(
        step="close",
        from_stages=(_DEC, _CONC, _CEASED),
        to_stage=_CLOSED,
        summary="Close the case: after a no-enquiry decision, a conclusion, or ceasing at the adult's request.",
    ),
    Transition(
        step="reopen",
        from_stages=(_CLOSED,),
        to_stage=_IG,
        summary="Reopen a closed case, with a reason; the history is kept and the closure cleared.",
    ),
)
"""The transition table: every step, the stages it may be taken from and the stage it leads to."""

_BY_STEP: Final[Mapping[str, Transition]] = MappingProxyType({t.step: t for t in TRANSITIONS})

LONDON_STAGES: Final[Mapping[CaseStage, str]] = MappingProxyType(
    {
        _CR: "1 Concerns",
        _IG: "1 Concerns",
        _DEC: "1 Concerns",
        _ENQ: "2 Enquiry",
        _PLAN: "3 Safeguarding plan and review",
        _CONC: "4 Closing the enquiry",
        _CEASED: "4 Closing the enquiry",
        _CLOSED: "4 Closing the enquiry",
    },
)
"""Each stage's place in the four-stage model of the London Multi-Agency Adult Safeguarding
Policy and Procedures (a local multi-agency procedure)."""

_TABLE_REFERENCE: Final = (
    "msp.workflow.steps.TRANSITIONS (docs/workflow.md); London Multi-Agency Adult Safeguarding Policy and "
    "Procedures four-stage model (local multi-agency procedure)"
)
_S42_REFERENCE: Final = "Care Act 2014 s42(1)-(2): the decision and the route it leads to"
_ACCOUNTABILITY: Final = (
    "Care and Support Statutory Guidance (DHSC, as updated 27 September 2024) ch. 14, the six safeguarding "
    "principles: accountability"
)
_PAUSE_REFERENCE: Final = (
    "Care and Support Statutory Guidance (DHSC, as updated 27 September 2024) ch. 14: criminal investigations "
    "and the section 42 enquiry are coordinated with the police; msp.workflow.steps (docs/workflow.md): a "
    "paused enquiry is resumed before it ends"
)


def get_transition(step: str) -> Transition:
    """The row of :data:`TRANSITIONS` for ``step``.

    Raises:
        KeyError: no such step.
    """
    return _BY_STEP[step]


# -- the policy -----------------------------------------------------------------------------


def _step_names(value: Iterable[str]) -> frozenset[str]:
    return frozenset([value] if isinstance(value, str) else value)


def _check_step_names(_inst: object, _attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
    unknown = sorted(str(v) for v in value if v not in _BY_STEP)
    if unknown:
        msg = f"sign_off names steps that are not in the transition table: {', '.join(unknown)}"
        raise ValueError(msg)


MANAGER_SIGN_OFF_STEPS: Final = frozenset({"decide", "change_route", "close"})
"""The steps the ``manager-sign-off`` policy has a manager authorise: the section 42 decision
(made with :func:`decide`, or remade with :func:`change_route`) and closing the case."""


@attrs.frozen(slots=True, kw_only=True)
class WorkflowPolicy:
    """How the workflow checks its steps: the rules, and the council's separation of duties.

    Two local controls separate duties; both are off by default (as in earlier
    versions), and both are local policy, not law:

    - ``sign_off``: the steps a manager authorises. Each of them needs
      ``authorised_by`` (the :class:`~msp.model.concern.Actor` who authorises
      it, a different user from the actor taking the step), which the step
      records on its history entry; without it, or with the actor as their own
      authoriser, the step is refused with ``WF-SIGN-OFF``.
    - ``four_eyes``: the section 42 decision (:func:`decide`, :func:`change_route`)
      is made by someone other than whoever recorded the concern (the actor of
      the ``receive`` entry), else ``WF-FOUR-EYES``. It compares two steps'
      people, where sign-off asks a second person to authorise one step, so it
      is kept as its own switch; a council may use either or both.

    :meth:`named` gives the named policies of :data:`WORKFLOW_POLICIES`
    (``default``, ``manager-sign-off``).

    Attributes:
        rules: the rules whose error findings block a step: a
            :class:`~msp.rules.RuleSet`, a :class:`~msp.rules.Profile` or a
            registered profile's name. Default: the ``default`` profile (every
            built-in rule, including the history rules WF-001 and WF-002). A
            profile that switches rules off, or changes their severity, changes
            what blocks.
        four_eyes: the section 42 decision must be made by someone other than
            the person who recorded the concern. Off by default.
        sign_off: the names of the steps that need a manager's authorisation
            (``authorised_by``). Default: none. A single step name is taken as
            a set of one.

    Raises:
        ValueError: ``sign_off`` names a step that is not in :data:`TRANSITIONS`.

    .. versionchanged:: 0.2.0
       ``sign_off``; ``four_eyes`` applies to :func:`change_route` too.
    """

    rules: RuleSet | Profile | str = "default"
    four_eyes: bool = False
    sign_off: frozenset[str] = attrs.field(default=frozenset(), converter=_step_names, validator=_check_step_names)

    @classmethod
    def manager_sign_off(cls, rules: RuleSet | Profile | str = "default") -> WorkflowPolicy:
        """The ``manager-sign-off`` policy: a manager authorises :data:`MANAGER_SIGN_OFF_STEPS`.

        Args:
            rules: the rules, as for the ``rules`` attribute (default: the ``default`` profile).

        .. versionadded:: 0.2.0
        """
        return cls(rules=rules, sign_off=MANAGER_SIGN_OFF_STEPS)

    @classmethod
    def named(cls, name: str) -> WorkflowPolicy:
        """The named policy ``name`` of :data:`WORKFLOW_POLICIES`.

        Raises:
            KeyError: no policy of that name.

        .. versionadded:: 0.2.0
        """
        return WORKFLOW_POLICIES[name]

    def needs_sign_off(self, step: str) -> bool:
        """The policy has a manager authorise ``step``.

        .. versionadded:: 0.2.0
        """
        return step in self.sign_off


_DEFAULT_POLICY: Final = WorkflowPolicy()

WORKFLOW_POLICIES: Final[Mapping[str, WorkflowPolicy]] = MappingProxyType(
    {
        "default": _DEFAULT_POLICY,
        "manager-sign-off": WorkflowPolicy.manager_sign_off(),
    },
)
"""The named workflow policies: ``default`` (no sign-off, no four-eyes: every built-in rule)
and ``manager-sign-off`` (a manager authorises the section 42 decision, a change of route and
closing the case). Local policies, not law; build your own :class:`WorkflowPolicy` for others.

.. versionadded:: 0.2.0
"""


# -- helpers --------------------------------------------------------------------------------


def _finding(code: str, path: str, message: str, reference: str, record: Concern) -> Finding:
    problem = Problem(code=code, path=path, message=message, record_id=record.concern_id)
    return Finding(problem=problem, severity=Severity.ERROR, reference=reference)


def _shape_findings(problems: Iterable[Problem], record: Concern) -> list[Finding]:
    return [Finding.from_problem(p, record.concern_id) for p in problems]


def _evolve(prefix: str, part: _T, **changes: Any) -> _T:  # noqa: ANN401
    """``attrs.evolve`` with any construction problem located under ``prefix``."""
    if not changes:
        return part
    try:
        return attrs.evolve(part, **changes)  # type: ignore[misc]
    except InvalidRecord as exc:
        raise exc.relocated(prefix) from None


def _is_draft(record: Concern) -> bool:
    """A record that has not entered the workflow: no history, at the first stage."""
    return not record.history and record.stage is _CR


def _step_allowed(record: Concern, transition: Transition) -> bool:
    if transition.step == "receive":
        return _is_draft(record)
    return record.stage in transition.from_stages and not _is_draft(record)


def _step_refusal(record: Concern, transition: Transition) -> Finding | None:
    if _step_allowed(record, transition):
        return None
    if transition.step == "receive":
        message = (
            "the concern was already received: its history is not empty"
            if record.history
            else "a new concern is received at stage concern_received"
        )
    elif _is_draft(record):
        message = f"{transition.step} needs a received concern: take the receive step first"
    else:
        allowed = ", ".join(s.code for s in transition.from_stages)
        message = f"{transition.step} is not allowed from stage {record.stage.code} (only from: {allowed})"
    return _finding("WF-STEP", "$.stage", message, _TABLE_REFERENCE, record)


def _route(record: Concern) -> EnquiryRoute | None:
    return None if record.decision is None else record.decision.route


def _reopened(record: Concern) -> bool:
    return any(e.from_stage is _CLOSED for e in record.history)


def _recorder(record: Concern) -> Actor | None:
    """Who recorded the concern: the actor of the first history entry, if it is the receipt."""
    if record.history and record.history[0].to_stage is _CR and record.history[0].from_stage is None:
        return record.history[0].actor
    return None


_SIGN_OFF_REFERENCE: Final = (
    f"{_ACCOUNTABILITY}; msp.workflow.WorkflowPolicy.sign_off (docs/workflow.md): a local policy of the steps "
    "a manager authorises"
)


def _sign_off(
    record: Concern, step: str, actor: object, authoriser: object, policy: WorkflowPolicy
) -> Iterable[Finding]:
    """``WF-SIGN-OFF``: a step the policy has a manager authorise without an authoriser, or self-authorised.

    An authoriser who is the actor (the same user id, whatever the role) is refused
    under any policy: an authorisation by the person taking the step is none. ``actor``
    and ``authoriser`` are as given to the step: where either is not an
    :class:`~msp.model.concern.Actor`, the history entry's shape problem says so.
    """
    path = f"$.history[{len(record.history)}].authorised_by"
    if authoriser is None:
        if policy.needs_sign_off(step):
            yield _finding(
                "WF-SIGN-OFF",
                path,
                f"sign-off policy: {step} needs a manager's authorisation (authorised_by)",
                _SIGN_OFF_REFERENCE,
                record,
            )
    elif isinstance(authoriser, Actor) and isinstance(actor, Actor) and authoriser.user_id == actor.user_id:
        yield _finding(
            "WF-SIGN-OFF",
            path,
            f"sign-off policy: {step} must be authorised by someone other than the actor taking it",
            _SIGN_OFF_REFERENCE,
            record,
        )


_EVERY_BLOCKER: ContextVar[bool] = ContextVar("msp_workflow_every_blocker", default=False)
"""Set by :func:`blockers` while it runs a step: the step collects every blocking finding, stopping at none."""

_Build = Callable[[Concern, date], Mapping[str, Any]]
_Check = Callable[[Concern], Iterable[Finding]]


def _no_changes(_record: Concern, _day: date) -> Mapping[str, Any]:
    return {}


def _no_checks(_record: Concern) -> Iterable[Finding]:
    return ()


def _take(
    record: Concern,
    step: str,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None,
    policy: WorkflowPolicy | None,
    authorised_by: Actor | None = None,
    build: _Build = _no_changes,
    checks: _Check = _no_checks,
) -> Concern:
    """Take ``step``: check it, build the candidate, validate it, refuse or return it.

    Under :func:`blockers` (:data:`_EVERY_BLOCKER` set) ``WF-STEP`` and a history entry that
    cannot be built do not stop the check: the step's other guards are checked too, and
    its data built (for its shape problems); the rules run only on a candidate the step
    could reach.
    """
    transition = _BY_STEP[step]
    chosen = _DEFAULT_POLICY if policy is None else policy
    every = _EVERY_BLOCKER.get()
    findings: list[Finding] = []
    refusal = _step_refusal(record, transition)
    if refusal is not None:
        if not every:
            raise TransitionRefused(step, record.concern_id, (refusal,))
        findings.append(refusal)
    index = len(record.history)
    target = transition.target(record.stage)
    entry: HistoryEntry | None = None
    try:
        entry = HistoryEntry(
            from_stage=None if step == "receive" else record.stage,
            to_stage=target,
            at=at,
            actor=actor,
            reason=reason,
            authorised_by=authorised_by,
        )
    except InvalidRecord as exc:
        moved = _shape_findings(exc.relocated(f"$.history[{index}]").problems, record)
        if not every:
            raise TransitionRefused(step, record.concern_id, moved) from None
        findings.extend(moved)
    findings.extend(_sign_off(record, step, actor, authorised_by, chosen))
    findings.extend(checks(record))
    if entry is None:  # only under blockers: no date to build the step's data with, and no candidate
        raise TransitionRefused(step, record.concern_id, findings)
    try:
        changes = build(record, at.date())
        candidate = attrs.evolve(
            record,
            **changes,
            stage=target,
            history=append_entry(record.history, entry),
        )
    except InvalidRecord as exc:
        findings.extend(_shape_findings(exc.problems, record))
        raise TransitionRefused(step, record.concern_id, findings) from None
    if refusal is not None:  # only under blockers: a stage the step cannot reach from here has no rules to run
        raise TransitionRefused(step, record.concern_id, findings)
    report = validate(candidate, stage=target, rules=chosen.rules)
    findings.extend(report.errors)
    severities = {r.code: r.severity for r in report.rule_set.rules}
    findings.extend(
        _finding(
            code,
            "$",
            f"the rule could not be checked ({name}), so the step cannot be allowed",
            "msp rules engine: a rule that crashed is never counted as passed",
            record,
        )
        for code, name in report.errored.items()
        if severities.get(code) is Severity.ERROR
    )
    if findings:
        raise TransitionRefused(step, record.concern_id, findings)
    return candidate


# -- the steps ------------------------------------------------------------------------------


def receive(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Bring a new concern into the workflow: the first history entry (from nothing to ``concern_received``).

    Args:
        record: a draft :class:`~msp.model.concern.Concern` at ``concern_received``
            with no history, holding what is known (the adult, when it was
            received, the risks alleged, who raised it).
        actor: who records the concern (a role and a pseudonymous user id).
        at: when, timezone-aware.
        reason: why (free text; personal, never echoed).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy (default :class:`WorkflowPolicy`).

    Returns:
        The record with its first history entry.

    Raises:
        TransitionRefused: the record is not a draft (``WF-STEP``), or has error
            findings at ``concern_received`` (for example MSP-026). A concern about a person
            under 18 is received: CA-001 applies from the decision.
    """
    return _take(record, "receive", actor=actor, at=at, reason=reason, policy=policy, authorised_by=authorised_by)


def start_information_gathering(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None = None,
    immediate_safety: ImmediateSafety | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Move from ``concern_received`` to ``information_gathering`` (London stage 1).

    Args:
        record: the case.
        actor: who takes the step.
        at: when, timezone-aware.
        reason: why (free text).
        immediate_safety: the immediate-safety assessment, replacing the record's.
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: not at ``concern_received`` (``WF-STEP``), or error findings.
    """

    def build(_record: Concern, _day: date) -> Mapping[str, Any]:
        return {} if immediate_safety is None else {"immediate_safety": immediate_safety}

    return _take(
        record,
        "start_information_gathering",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
    )


def _four_eyes(record: Concern, maker: Actor) -> Iterable[Finding]:
    """The four-eyes check: the decision-maker is not whoever recorded the concern."""
    recorder = _recorder(record)
    if recorder is None:
        yield _finding(
            "WF-FOUR-EYES",
            "$.history[0].actor",
            "four-eyes policy: who recorded the concern is not in the history, so it cannot be checked",
            _ACCOUNTABILITY,
            record,
        )
    elif recorder.user_id == maker.user_id:
        yield _finding(
            "WF-FOUR-EYES",
            "$.decision.decided_by",
            "four-eyes policy: the section 42 decision must be made by someone other than whoever recorded the concern",
            _ACCOUNTABILITY,
            record,
        )


def _decision_checks(
    r: Concern, step: str, given: Section42Decision | None, actor: Actor, policy: WorkflowPolicy
) -> Iterable[Finding]:
    """``WF-DECISION`` (no decision or no route) and, under the four-eyes policy, ``WF-FOUR-EYES``."""
    if given is None or given.route is None:
        yield _finding(
            "WF-DECISION",
            "$.decision.route",
            f"{step} needs a section 42 decision with its route (section 42, other or no enquiry)",
            _S42_REFERENCE,
            r,
        )
    if policy.four_eyes:
        maker = actor if given is None or given.decided_by is None else given.decided_by
        yield from _four_eyes(r, maker)


def decide(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    decision: Section42Decision,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Record the section 42 decision: the three s42(1) conditions and the route.

    ``decision.decided_by`` defaults to ``actor`` and ``decision.decided_on`` to
    the date of ``at``. In a reopened case the decision starts a new episode:
    the enquiry, its pauses and route changes and the plan of the closed episode
    are cleared from the record (their steps stay in the history; keep the record as it was at
    closure if their details are needed).

    Args:
        record: the case, at ``concern_received`` or ``information_gathering``.
        actor: who records the decision.
        at: when, timezone-aware.
        decision: the decision, with its route.
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy; ``four_eyes`` needs the
            decision-maker to differ from whoever recorded the concern.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-DECISION`` (no decision or no
            route); ``WF-FOUR-EYES``; CA-002 (a condition, the route or the date
            not recorded), CA-003 (a section 42 enquiry without all three
            conditions met), CA-004 (an other enquiry without its reason),
            CA-017 (an other enquiry with all three conditions met), CA-001 (an
            enquiry route for a person under 18); any other error finding.
    """
    chosen = _DEFAULT_POLICY if policy is None else policy
    given = decision if isinstance(decision, Section42Decision) else None

    def checks(r: Concern) -> Iterable[Finding]:
        return _decision_checks(r, "decide", given, actor, chosen)

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        if given is None:
            return {}
        filled: dict[str, Any] = {}
        if given.decided_by is None:
            filled["decided_by"] = actor
        if given.decided_on is None:
            filled["decided_on"] = day
        changes: dict[str, Any] = {"decision": _evolve("$.decision", given, **filled)}
        if _reopened(r):
            changes.update(enquiry=None, plan=None, pauses=(), route_changes=())
        return changes

    return _take(
        record,
        "decide",
        actor=actor,
        at=at,
        reason=reason,
        policy=chosen,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def start_enquiry(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    enquiry: Enquiry | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Start the section 42 or other enquiry the decision led to (London stage 2).

    The enquiry's type defaults to the decision's route, its start date to the
    date of ``at`` and its lead to ``actor``.

    Args:
        record: the case, at ``decided``.
        actor: who starts the enquiry.
        at: when, timezone-aware.
        enquiry: the enquiry (default: a new one from the defaults above).
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-ROUTE`` (the decision was no
            enquiry); CA-008, CA-010 (s68 advocate required but none even requested), or any
            other error finding; ``SHAPE-CONFLICT`` for a type against the route.
    """

    def checks(r: Concern) -> Iterable[Finding]:
        if not opens_enquiry(_route(r)):
            yield _finding(
                "WF-ROUTE",
                "$.decision.route",
                "start_enquiry needs a decision whose route is a section 42 or other enquiry",
                _S42_REFERENCE,
                r,
            )

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        base = Enquiry() if enquiry is None else enquiry
        route = _route(r)
        changes: dict[str, Any] = {}
        if base.enquiry_type is None and route is not None and route.enquiry_type is not None:
            changes["enquiry_type"] = route.enquiry_type
        if base.started_on is None:
            changes["started_on"] = day
        if base.lead is None:
            changes["lead"] = actor
        return {"enquiry": _evolve("$.enquiry", base, **changes)}

    return _take(
        record,
        "start_enquiry",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def _plan_missing(r: Concern, step: str) -> Finding:
    return _finding(
        "WF-PLAN",
        "$.plan",
        f"{step} needs a safeguarding plan",
        "London Multi-Agency Adult Safeguarding Policy and Procedures (local multi-agency procedure), stage 3: "
        "safeguarding plan and review",
        r,
    )


def agree_plan(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    plan: RiskPlan | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Agree the safeguarding plan (London stage 3). ``plan.agreed_on`` defaults to the date of ``at``.

    Args:
        record: the case, at ``enquiry``.
        actor: who records the plan.
        at: when, timezone-aware.
        plan: the plan (default: the record's own).
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-PLAN`` (no plan); any error finding.
    """
    chosen_plan = record.plan if plan is None else plan

    def checks(r: Concern) -> Iterable[Finding]:
        if chosen_plan is None:
            yield _plan_missing(r, "agree_plan")

    def build(_r: Concern, day: date) -> Mapping[str, Any]:
        if chosen_plan is None:
            return {}
        changes = {"agreed_on": day} if chosen_plan.agreed_on is None else {}
        return {"plan": _evolve("$.plan", chosen_plan, **changes)}

    return _take(
        record,
        "agree_plan",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def review_plan(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    plan: RiskPlan | None = None,
    reviewed_on: date | None = None,
    review_due_on: date | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Review the safeguarding plan: a review date is added and the stage is kept.

    During the enquiry the case stays at ``plan_and_review``. After the enquiry
    has concluded the plan goes on being monitored: a review at ``concluded``
    keeps the case there (the enquiry's conclusion, and so the SAC, are
    untouched). :func:`msp.workflow.timescales.overdue_reviews` reports plans
    whose ``review_due_on`` has passed without a review.

    Args:
        record: the case, at ``plan_and_review`` or ``concluded``.
        actor: who reviews.
        at: when, timezone-aware.
        plan: the plan as revised at the review (default: the record's own).
        reviewed_on: the review date added to ``plan.reviewed_on`` (default:
            the date of ``at``).
        review_due_on: when the plan is next reviewed, replacing
            ``plan.review_due_on`` (default: kept as it is).
        reason: why, or what the review found (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-PLAN`` (no plan);
            ``SHAPE-DATE-ORDER`` (a review before the plan was agreed); any error finding.

    .. versionchanged:: 0.2.0
       Allowed at ``concluded`` (the plan monitored after the enquiry); ``review_due_on``;
       the stage is kept (``to_stage`` ``None`` in :data:`TRANSITIONS`).
    """
    chosen_plan = record.plan if plan is None else plan

    def checks(r: Concern) -> Iterable[Finding]:
        if chosen_plan is None:
            yield _plan_missing(r, "review_plan")

    def build(_r: Concern, day: date) -> Mapping[str, Any]:
        if chosen_plan is None:
            return {}
        when = day if reviewed_on is None else reviewed_on
        changes: dict[str, Any] = {"reviewed_on": (*chosen_plan.reviewed_on, when)}
        if review_due_on is not None:
            changes["review_due_on"] = review_due_on
        return {"plan": _evolve("$.plan", chosen_plan, **changes)}

    return _take(
        record,
        "review_plan",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def _still_paused(r: Concern, step: str) -> Iterable[Finding]:
    """``WF-PAUSED`` where the enquiry is paused: ``step`` needs it resumed first."""
    if r.paused:
        yield _finding(
            "WF-PAUSED",
            f"$.pauses[{len(r.pauses) - 1}].resumed_on",
            f"the enquiry is paused: resume the enquiry first, then {step}",
            _PAUSE_REFERENCE,
            r,
        )


def pause_enquiry(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None = None,
    police_or_court_led: bool | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Pause the enquiry, for instance while a police-led or court process runs; the stage is kept.

    Appends an open :class:`~msp.model.protection.EnquiryPause` to
    ``record.pauses``, paused on the date of ``at``, with ``reason``, and a
    history entry from the stage to itself. While the enquiry is paused the
    safeguarding plan can still be agreed and reviewed (protection does not
    pause), but it cannot be concluded or ceased, and the case cannot be
    closed, until :func:`resume_enquiry`. Nothing else changes: the plan's
    actions stay as they are. Whether paused days count against local
    timescales is a :class:`msp.workflow.timescales.Policy` setting.

    Args:
        record: the case, at ``enquiry`` or ``plan_and_review``, not paused.
        actor: who pauses the enquiry.
        at: when, timezone-aware.
        reason: why the enquiry is paused (required; free text). It is the
            history entry's reason and the pause's.
        police_or_court_led: a police-led or court process is the reason for
            the pause (``None``: not recorded).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-REASON`` (no reason);
            ``WF-PAUSED`` (already paused); ``SHAPE-DATE-ORDER`` (paused
            before the enquiry started or the last pause ended); any error finding.

    .. versionadded:: 0.2.0
    """

    def checks(r: Concern) -> Iterable[Finding]:
        if reason is None:
            yield _finding(
                "WF-REASON",
                f"$.history[{len(r.history)}].reason",
                "pausing an enquiry needs a reason",
                _ACCOUNTABILITY,
                r,
            )
        if r.paused:
            yield _finding(
                "WF-PAUSED",
                f"$.pauses[{len(r.pauses) - 1}].resumed_on",
                "the enquiry is already paused: resume it before pausing it again",
                _PAUSE_REFERENCE,
                r,
            )

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        if r.paused:
            return {}
        pause = EnquiryPause(paused_on=day, reason=reason, police_or_court_led=police_or_court_led)
        return {"pauses": (*r.pauses, pause)}

    return _take(
        record,
        "pause_enquiry",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def resume_enquiry(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Resume a paused enquiry: the last pause ends on the date of ``at``; the stage is kept.

    Args:
        record: the case, at ``enquiry`` or ``plan_and_review``, paused.
        actor: who resumes the enquiry.
        at: when, timezone-aware.
        reason: why (free text, optional): for instance, the police
            investigation ended.
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-NOT-PAUSED`` (the enquiry is not
            paused); ``SHAPE-DATE-ORDER`` (resumed before it was paused); any
            error finding.

    .. versionadded:: 0.2.0
    """

    def checks(r: Concern) -> Iterable[Finding]:
        if not r.paused:
            yield _finding(
                "WF-NOT-PAUSED",
                "$.pauses",
                "the enquiry is not paused, so it cannot be resumed",
                _PAUSE_REFERENCE,
                r,
            )

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        if not r.paused:
            return {}
        last = len(r.pauses) - 1
        ended = _evolve(f"$.pauses[{last}]", r.pauses[last], resumed_on=day)
        return {"pauses": (*r.pauses[:last], ended)}

    return _take(
        record,
        "resume_enquiry",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


_ROUTE_REFERENCE: Final = (
    "Care Act 2014 s42(1)-(2): the route follows the three conditions as now judged; msp.workflow.steps "
    "(docs/workflow.md): a route changes between the two enquiry routes only, and ending the enquiry is "
    "concluding or ceasing it, then closing"
)


def _route_change_checks(r: Concern, to_route: EnquiryRoute | None, reason: str | None) -> Iterable[Finding]:
    """``WF-ROUTE`` and ``WF-REASON`` for :func:`change_route`."""
    from_route = _route(r)
    if not opens_enquiry(from_route):
        yield _finding(
            "WF-ROUTE",
            "$.decision.route",
            "change_route needs a decision whose route is a section 42 or other enquiry: "
            "after a no-enquiry decision, close the case (and reopen it to decide again)",
            _ROUTE_REFERENCE,
            r,
        )
    elif to_route is EnquiryRoute.NO_ENQUIRY:
        yield _finding(
            "WF-ROUTE",
            "$.decision.route",
            "change_route moves between a section 42 and an other enquiry; to end the enquiry, "
            "conclude it (or cease it at the adult's request) and close",
            _ROUTE_REFERENCE,
            r,
        )
    elif to_route is not None and to_route is from_route:
        yield _finding(
            "WF-ROUTE",
            "$.decision.route",
            f"the route is already {to_route.code}: there is no change to record",
            _ROUTE_REFERENCE,
            r,
        )
    if reason is None:
        yield _finding(
            "WF-REASON",
            f"$.history[{len(r.history)}].reason",
            "changing the route needs a reason",
            _ACCOUNTABILITY,
            r,
        )


def change_route(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    decision: Section42Decision,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Change the enquiry's route without closing the case: an other enquiry becomes a section 42 enquiry, or back.

    New information can show that the s42(1) conditions are met after all (or
    are not): the enquiry goes on under the other route. The step re-records
    the section 42 decision with the new route and the three conditions as now
    judged, sets the enquiry's type to match (where the enquiry has started),
    appends a :class:`~msp.model.organisation.RouteChange` to
    ``record.route_changes`` (changed on the date of ``at``, from and to, the
    reason, and the role of who decided) and a history entry from the stage to
    itself: the stage is kept. The enquiry's start date is kept, so the SAC
    return counts the one enquiry once, under its current type
    (docs/workflow.md).

    The new decision is checked as :func:`decide` checks one: CA-002 (each
    condition until one is judged not met, the route, the date), CA-003 (a
    section 42 enquiry needs all three conditions met), CA-004 (an other
    enquiry's reason), CA-017 (an other enquiry with all three met is
    misclassified), and the four-eyes policy where it is on.

    ``decision.decided_by`` defaults to ``actor``; ``decision.decided_on``
    defaults to the date of the decision it replaces, because the enquiry
    started after the decision that opened it (the date of the change is the
    route change's ``changed_on``).

    Args:
        record: the case, at ``decided``, ``enquiry`` or ``plan_and_review``,
            whose route is a section 42 or an other enquiry.
        actor: who records the change.
        at: when, timezone-aware.
        decision: the section 42 decision as now made, with the new route.
        reason: why the route changes (required; free text). It is the
            history entry's reason and the route change's.
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy; ``four_eyes`` applies as for :func:`decide`.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-DECISION`` (no decision or no
            route); ``WF-ROUTE`` (to ``no_enquiry``, to the route already
            taken, or from a no-enquiry decision); ``WF-REASON`` (no reason);
            ``WF-FOUR-EYES``; CA-002, CA-003, CA-004, CA-017, CA-001; any other
            error finding; ``SHAPE-DATE-ORDER`` for a decision dated after the
            enquiry started.

    .. versionadded:: 0.2.0
    """
    chosen = _DEFAULT_POLICY if policy is None else policy
    given = decision if isinstance(decision, Section42Decision) else None
    to_route = None if given is None else given.route

    def checks(r: Concern) -> Iterable[Finding]:
        yield from _decision_checks(r, "change_route", given, actor, chosen)
        yield from _route_change_checks(r, to_route, reason)

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        from_route = _route(r)
        if (
            given is None
            or to_route is None
            or from_route is None
            or to_route is from_route
            or not (opens_enquiry(from_route) and opens_enquiry(to_route))
        ):
            return {}  # refused by the checks: no change to build
        before = r.decision
        filled: dict[str, Any] = {}
        if given.decided_by is None:
            filled["decided_by"] = actor
        if given.decided_on is None and before is not None:
            filled["decided_on"] = before.decided_on
        changes: dict[str, Any] = {"decision": _evolve("$.decision", given, **filled)}
        if r.enquiry is not None and to_route.enquiry_type is not None:
            changes["enquiry"] = _evolve("$.enquiry", r.enquiry, enquiry_type=to_route.enquiry_type)
        maker = actor if given.decided_by is None else given.decided_by
        change = RouteChange(
            changed_on=day, from_route=from_route, to_route=to_route, reason=reason, decided_by=maker.role
        )
        changes["route_changes"] = (*r.route_changes, change)
        return changes

    return _take(
        record,
        "change_route",
        actor=actor,
        at=at,
        reason=reason,
        policy=chosen,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def _ending_changes(
    r: Concern,
    day: date,
    *,
    enquiry: Enquiry | None,
    risks: tuple[Risk, ...] | None,
    msp_asked: MspAsked | None,
    desired_outcomes: tuple[DesiredOutcome, ...] | None,
) -> dict[str, Any]:
    """The changes shared by conclude and cease: the enquiry's conclusion date and the SAC items.

    The enquiry's SG4a achievement, where not given, is derived from the desired outcomes'
    (:func:`~msp.model.outcomes.overall_achievement`) where the adult was asked and expressed
    outcomes (``msp_asked`` ``asked_expressed``, as given or on the record): SAC-010 expects it then,
    and only then.
    """
    base = enquiry if enquiry is not None else r.enquiry
    if base is None:
        route = _route(r)
        base = Enquiry(enquiry_type=None if route is None else route.enquiry_type)
    filled: dict[str, Any] = {}
    if base.concluded_on is None:
        filled["concluded_on"] = day
    asked = msp_asked if msp_asked is not None else r.msp_asked
    if base.outcomes_achieved is None and asked is MspAsked.ASKED_EXPRESSED:
        achieved = overall_achievement(r.desired_outcomes if desired_outcomes is None else desired_outcomes)
        if achieved is not None:
            filled["outcomes_achieved"] = achieved
    changes: dict[str, Any] = {"enquiry": _evolve("$.enquiry", base, **filled)}
    if risks is not None:
        changes["risks"] = risks
    if msp_asked is not None:
        changes["msp_asked"] = msp_asked
    if desired_outcomes is not None:
        changes["desired_outcomes"] = desired_outcomes
    return changes


def conclude(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    enquiry: Enquiry | None = None,
    risks: tuple[Risk, ...] | None = None,
    msp_asked: MspAsked | None = None,
    desired_outcomes: tuple[DesiredOutcome, ...] | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Conclude the enquiry. ``enquiry.concluded_on`` defaults to the date of ``at``.

    ``enquiry.outcomes_achieved`` (SG4a achieved), where neither given nor on the record's
    enquiry, is derived from the desired outcomes' achievement by
    :func:`~msp.model.outcomes.overall_achievement` (all fully achieved: fully; any fully or
    partially: partially; else not), where the adult was asked and expressed outcomes
    (``msp_asked`` is ``asked_expressed``) and at least one outcome has been evaluated. A value
    given is kept as it is (SAC-013 reports one that differs from the outcomes).

    Args:
        record: the case, at ``enquiry`` or ``plan_and_review``.
        actor: who concludes.
        at: when, timezone-aware.
        enquiry: the enquiry with its SG3a/SG4a values (default: the record's own).
        risks: the risks with their SG2c results and SG2e outcomes (replacing the record's).
        msp_asked: SG4a, whether the adult was asked their desired outcomes.
        desired_outcomes: the outcomes with their achievement (replacing the record's).
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-PAUSED`` (the enquiry is paused:
            resume it first); for a section 42 enquiry SAC-001 to SAC-011 (the
            SG2-SG4 items), MSP-020 (every desired outcome evaluated); MSP-026;
            any other error finding.
    """

    def checks(r: Concern) -> Iterable[Finding]:
        return _still_paused(r, "conclude")

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        return _ending_changes(
            r, day, enquiry=enquiry, risks=risks, msp_asked=msp_asked, desired_outcomes=desired_outcomes
        )

    return _take(
        record,
        "conclude",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def cease_at_adults_request(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    views: AdultsViews | None = None,
    contact: Contact | None = None,
    curiosity: ProfessionalCuriosity | None = None,
    enquiry: Enquiry | None = None,
    risks: tuple[Risk, ...] | None = None,
    msp_asked: MspAsked | None = None,
    desired_outcomes: tuple[DesiredOutcome, ...] | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """The enquiry ceases at the adult's request. ``enquiry.concluded_on`` defaults to the date of ``at``.

    A ceased section 42 enquiry is counted as concluded in the SAC (SG2c has
    "Enquiry ceased at individual's request and no action taken"), so the SAC
    items are checked as at conclusion, and the SG4a achievement is derived from
    the desired outcomes where not given, as :func:`conclude` derives it.

    Args:
        record: the case, at ``enquiry`` or ``plan_and_review``.
        actor: who records it.
        at: when, timezone-aware.
        views: the adult's views (replacing the record's).
        contact: contact with the adult: seen alone or why not (replacing the record's).
        curiosity: professional curiosity: coercion considered (replacing the record's).
        enquiry: the enquiry (default: the record's own).
        risks: the risks, usually with SG2c "ceased at individual's request".
        msp_asked: SG4a.
        desired_outcomes: the outcomes with their achievement.
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-PAUSED`` (the enquiry is paused:
            resume it first); the conclusion rules as for :func:`conclude`; any
            other error finding (MSP-012, professional curiosity, is a warning:
            it is reported, not a refusal).
    """

    def checks(r: Concern) -> Iterable[Finding]:
        return _still_paused(r, "cease_at_adults_request")

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        changes = _ending_changes(
            r, day, enquiry=enquiry, risks=risks, msp_asked=msp_asked, desired_outcomes=desired_outcomes
        )
        for name, value in (("views", views), ("contact", contact), ("curiosity", curiosity)):
            if value is not None:
                changes[name] = value
        return changes

    return _take(
        record,
        "cease_at_adults_request",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


_CLOSURE_REASONS: Final[Mapping[CaseStage, ClosureReason]] = MappingProxyType(
    {
        _DEC: ClosureReason.NO_ENQUIRY_REQUIRED,
        _CONC: ClosureReason.ENQUIRY_CONCLUDED,
        _CEASED: ClosureReason.CEASED_AT_ADULTS_REQUEST,
    },
)


def close(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    closure: Closure | None = None,
    feedback: AdultsFeedback | None = None,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Close the case (London stage 4).

    ``closure.closed_on`` defaults to the date of ``at``; ``closure.reason`` to
    what the stage implies (no enquiry required, enquiry concluded, ceased at
    the adult's request).

    Args:
        record: the case, at ``decided`` (no enquiry), ``concluded`` or
            ``ceased_at_adults_request``.
        actor: who closes.
        at: when, timezone-aware.
        closure: the closure checklist (default: the record's own, or an empty one).
        feedback: the adult's feedback asked at closure (Making Safeguarding Personal
            Outcomes Framework questions 4-7), replacing the record's; asked with no date, it
            is dated the day of closing. Feedback an independent person asks later is added
            to the record afterwards.
        reason: why (free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP`` (e.g. before any decision); ``WF-ROUTE``
            (an enquiry was decided but has not concluded or ceased);
            ``WF-PAUSED`` (a record whose enquiry is still paused); CA-013,
            CA-014 (SAR consideration where the s44 criteria may be met or the
            adult died); any other error finding. CA-016 (date and reason) and
            MSP-012 (professional curiosity) are warnings.
    """

    def checks(r: Concern) -> Iterable[Finding]:
        if r.stage is _DEC and _route(r) is not EnquiryRoute.NO_ENQUIRY:
            yield _finding(
                "WF-ROUTE",
                "$.decision.route",
                "an enquiry was decided: conclude it, or cease it at the adult's request, before closing",
                _TABLE_REFERENCE,
                r,
            )
        yield from _still_paused(r, "close")

    def build(r: Concern, day: date) -> Mapping[str, Any]:
        base = closure if closure is not None else (r.closure if r.closure is not None else Closure())
        changes: dict[str, Any] = {}
        if base.closed_on is None:
            changes["closed_on"] = day
        if base.reason is None and r.stage in _CLOSURE_REASONS:
            changes["reason"] = _CLOSURE_REASONS[r.stage]
        closed: dict[str, Any] = {"closure": _evolve("$.closure", base, **changes)}
        if feedback is not None:
            asked_now = feedback.asked_on is None and feedback.asked is FeedbackAsked.ASKED
            closed["feedback"] = _evolve("$.feedback", feedback, asked_on=day) if asked_now else feedback
        return closed

    return _take(
        record,
        "close",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


def reopen(
    record: Concern,
    *,
    actor: Actor,
    at: datetime,
    reason: str | None = None,
    authorised_by: Actor | None = None,
    policy: WorkflowPolicy | None = None,
) -> Concern:
    """Reopen a closed case: back to ``information_gathering``, history kept, closure cleared.

    The closing step stays in the history (when, who, why); the record's
    ``closure`` is cleared because the case is no longer closed. Everything
    else stays until the next :func:`decide`, which starts a new episode.

    Args:
        record: the case, at ``closed``.
        actor: who reopens.
        at: when, timezone-aware.
        reason: why the case is reopened (required; free text).
        authorised_by: the manager who authorises the step, where the policy asks for
            sign-off (:attr:`WorkflowPolicy.sign_off`); never the actor (``WF-SIGN-OFF``).
        policy: the rules and local policy.

    Raises:
        TransitionRefused: ``WF-STEP``; ``WF-REASON`` (no reason given); any error finding.
    """

    def checks(r: Concern) -> Iterable[Finding]:
        if reason is None:
            yield _finding(
                "WF-REASON",
                f"$.history[{len(r.history)}].reason",
                "reopening a closed case needs a reason",
                _ACCOUNTABILITY,
                r,
            )

    def build(_r: Concern, _day: date) -> Mapping[str, Any]:
        return {"closure": None}

    return _take(
        record,
        "reopen",
        actor=actor,
        at=at,
        reason=reason,
        policy=policy,
        authorised_by=authorised_by,
        build=build,
        checks=checks,
    )


# -- inspection -----------------------------------------------------------------------------


def allowed_steps(record: Concern) -> tuple[str, ...]:
    """The steps the transition table allows from the record's stage, in table order.

    Only the table is consulted: a step listed here may still be refused by
    its guards (``pause_enquiry`` and ``resume_enquiry`` are both listed at
    ``enquiry`` and ``plan_and_review``; one of them is refused, by whether the
    enquiry is paused). A draft (no history, at ``concern_received``) allows only
    ``receive``.
    """
    return tuple(t.step for t in TRANSITIONS if _step_allowed(record, t))


def step_function(step: str) -> Callable[..., Concern]:
    """The function of this module that takes ``step`` (:func:`decide` for ``"decide"``).

    Raises:
        KeyError: ``step`` is not a step of :data:`TRANSITIONS`.

    .. versionadded:: 0.2.0
    """
    function: Callable[..., Concern] = globals()[get_transition(step).step]
    return function


@functools.cache
def _required_data(step: str) -> tuple[str, ...]:
    """The step data ``step``'s function requires (``decision`` for ``decide``): :func:`blockers` passes ``None``."""
    return tuple(
        p.name
        for p in inspect.signature(step_function(step)).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty and p.name not in {"actor", "at"}
    )


def blockers(
    record: Concern,
    step: str,
    *,
    actor: Actor,
    at: datetime,
    policy: WorkflowPolicy | None = None,
    **data: Any,  # noqa: ANN401 - the step's own arguments, as its function takes them
) -> tuple[Finding, ...]:
    """Everything that would block ``step`` on ``record``, without taking it: empty where the step would succeed.

    The step is checked exactly as its function checks it (:func:`decide`, :func:`close`,
    ...), with the same arguments, but where the function stops at the first of
    ``WF-STEP`` or a history entry it cannot build (a naive ``at``), this goes on: the
    step's other guards (``WF-`` codes, sign-off, four eyes) and the shape of its data
    are checked too. The rules run on the record as it would be after the step, as the
    step runs them, where the step is allowed from the record's stage (a stage it cannot
    reach has no candidate to judge) and its data can be built.

    Args:
        record: the case.
        step: the step's name in :data:`TRANSITIONS` (``"close"``).
        actor: who would take the step.
        at: when, timezone-aware.
        policy: the rules and local policy (default :class:`WorkflowPolicy`).
        **data: the step's own arguments (``decision=...``, ``reason=...``, ``plan=...``),
            as its function takes them. Data a step requires and is not given
            (``decide``'s ``decision``) is taken as missing and reported (``WF-DECISION``).

    Returns:
        The blocking findings in the order the step reports them: ``WF-STEP``, the history
        entry's ``SHAPE-`` problems, the other structural codes, then the error findings of
        the rules. Each is an error :class:`~msp.errors.Finding`, located and coded, with no
        personal value in its message.

    Raises:
        KeyError: ``step`` is not a step of :data:`TRANSITIONS`.
        TypeError: ``data`` names an argument the step does not take.

    Example::

        >>> from datetime import datetime, timezone
        >>> from msp import Adult, Concern
        >>> from msp.model.concern import Actor
        >>> draft = Concern(concern_id="C1", adult=Adult(adult_id="A1"), received_on=datetime(2025, 1, 6).date())
        >>> worker = Actor(role="social_worker", user_id="u1")
        >>> at = datetime(2025, 1, 6, 9, tzinfo=timezone.utc)
        >>> [f.code for f in blockers(draft, "reopen", actor=worker, at=at)]
        ['WF-STEP', 'WF-REASON']

    .. versionadded:: 0.2.0
    """
    function = step_function(step)
    arguments = dict.fromkeys(_required_data(step)) | data
    token = _EVERY_BLOCKER.set(True)
    try:
        function(record, actor=actor, at=at, policy=policy, **arguments)
    except TransitionRefused as refused:
        return refused.findings
    finally:
        _EVERY_BLOCKER.reset(token)
    return ()


def mermaid() -> str:
    """A Mermaid state diagram of :data:`TRANSITIONS`, one arrow per (from-stage, step).

    A step that keeps its stage (``to_stage`` ``None``) is drawn as an arrow from
    each of its stages to itself.

    Returns:
        The diagram source, starting ``stateDiagram-v2``, ending with a newline.
    """
    lines = ["stateDiagram-v2"]
    lines.extend(f'    state "{stage.label}" as {stage.code}' for stage in CaseStage)
    for t in TRANSITIONS:
        if not t.from_stages and t.to_stage is not None:
            lines.append(f"    [*] --> {t.to_stage.code} : {t.step}")
        lines.extend(f"    {s.code} --> {t.target(s).code} : {t.step}" for s in t.from_stages)
    return "\n".join(lines) + "\n"


def __dir__() -> list[str]:
    return list(__all__)
