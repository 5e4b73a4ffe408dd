"""The service's CPU-bound work, run in the worker processes: validation and workflow steps.

Private to :mod:`msp.server`. Each task takes a picklable job (plain values and the
request body's bytes) and returns ``(status, body)``: the HTTP status and the UTF-8
JSON body, a problem document (:mod:`msp.server._problems`) for a status of 400 or
more. A task never raises for bad input, and imports no web framework.

The work is the library's own: one record goes through
:func:`msp.io.batch.validate_records`, a JSON Lines batch through
:func:`msp.io.batch.validate_path` (exactly what ``msp validate`` runs), and a step
through its function in :mod:`msp.workflow`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs

from msp.codes import CaseStage
from msp.convert import from_dict, make_converter, problems_from_exception, to_dict
from msp.errors import InvalidRecord, Problem, TransitionRefused
from msp.io.batch import RecordResult, Run, validate_path, validate_records
from msp.io.readers import JsonLine, RawRecord, decode
from msp.model.concern import Concern
from msp.model.extensions import load_extensions, register_extension
from msp.rules import RuleSet, rule_set
from msp.server._problems import finding_dict, problem
from msp.server._steps import StepSpec, step_function, step_specs
from msp.workflow import TRANSITIONS, WORKFLOW_POLICIES, WorkflowPolicy, allowed_steps

__all__ = [
    "Answer",
    "Options",
    "register_extensions",
    "start_worker",
    "take_step",
    "validate_batch",
    "validate_one",
    "warm",
]

Answer = tuple[int, bytes]
"""What a task returns: the HTTP status and the UTF-8 JSON body."""

_BOM: Final = b"\xef\xbb\xbf"
_PLAIN_KEY: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@attrs.frozen(slots=True, kw_only=True)
class Options:
    """The query parameters of a request, checked by the app before the job is sent.

    Attributes:
        stage: check every record as if at this stage (a :class:`~msp.codes.CaseStage` code).
        profile: the rule profile's name.
        year: the collection year (``2025-26``), or ``None`` for the profile's own.
        policy: the workflow policy's name (:data:`msp.workflow.WORKFLOW_POLICIES`).
    """

    stage: str | None = None
    profile: str = "default"
    year: str | None = None
    policy: str = "default"


@functools.lru_cache(maxsize=32)
def _rules(profile: str, year: str | None) -> RuleSet:
    return rule_set(profile, year=year)


def warm() -> None:
    """Build what every request needs (the default rules, the converter), so the first request is not slow."""
    rules = _rules("default", None)
    _converter()
    step_specs()
    warm_up = {"schema_version": 2, "concern_id": "W1", "adult": {"adult_id": "A1"}, "received_on": "2025-04-01"}
    validate_records([warm_up], rules=rules).finish()


def register_extensions(path: str | None) -> None:
    """Register the local extension definitions in the JSON file ``path`` (none if ``None``); again is a no-op.

    Raises:
        msp.model.extensions.ExtensionError: the file cannot be read, or a definition is not allowed.
    """
    if path is not None:
        for definition in load_extensions(path):
            register_extension(definition)


def start_worker(setup: Callable[[], object] | None, extensions: str | None) -> None:
    """A worker process's start: the extensions file and the app's ``setup`` (local extensions or rules), then
    :func:`warm`."""
    register_extensions(extensions)
    if setup is not None:
        setup()
    warm()


def _encode(value: Any) -> bytes:  # noqa: ANN401 - JSON values
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _outcome(result: RecordResult) -> str:
    if result.kind == "record":
        return "checked" if result.report.structured else "invalid"
    return result.kind


def _result(result: RecordResult) -> dict[str, Any]:
    stage = result.report.stage
    return {
        "line": result.line,
        "record_id": result.record_id,
        "outcome": _outcome(result),
        "stage": None if stage is None else stage.code,
        "findings": [finding_dict(f) for f in result.findings],
    }


def _summary(run: Run) -> dict[str, Any]:
    return run.summary.to_dict()


def _not_an_object(problems: Iterable[Problem]) -> Answer:
    return problem("HTTP-BODY", "the body must be one JSON object, in UTF-8", problems=problems)


def validate_one(job: tuple[Options, bytes]) -> Answer:
    """Validate one record (the body: a JSON object), as ``msp validate`` checks a line.

    Returns:
        200 with ``{"record_id", "outcome", "stage", "findings", "summary"}``; a record that
        cannot be built is ``outcome: "invalid"`` with its ``SHAPE-`` findings. 400 where the
        body is not one JSON object in UTF-8, with the reading problem (``SHAPE-JSON``...).
    """
    options, body = job
    item = decode(JsonLine(1, body.removeprefix(_BOM)))
    if not isinstance(item, RawRecord):
        return _not_an_object(item.problems)
    run = validate_records(
        [item.data], stage=options.stage, rules=_rules(options.profile, options.year), source="<request>"
    )
    result = _result(next(run))
    run.finish()
    del result["line"]
    return 200, _encode({**result, "summary": _summary(run)})


def validate_batch(job: tuple[Options, bytes]) -> Answer:
    """Validate a JSON Lines body with :func:`msp.io.batch.validate_path`, exactly as ``msp validate`` reads a file.

    Returns:
        200 with ``{"results": [...], "summary": {...}}``: one result per record (each
        non-blank line), in order, whether checked, not buildable or unreadable, and
        the summary ``msp validate --report json`` ends with.
    """
    options, body = job
    run = validate_path(
        io.BytesIO(body), format="jsonl", stage=options.stage, rules=_rules(options.profile, options.year)
    )
    results = [_result(r) for r in run]
    return 200, _encode({"results": results, "summary": _summary(run)})


# -- workflow steps --------------------------------------------------------------------------


@functools.cache
def _converter() -> Any:  # noqa: ANN401 - a cattrs converter
    return make_converter()


@functools.cache
def _specs() -> Mapping[str, StepSpec]:
    return {s.step: s for s in step_specs()}


def _key_path(key: object) -> str:
    if isinstance(key, str) and key and len(key) <= 64 and set(key) <= _PLAIN_KEY and not key[0].isdigit():  # noqa: PLR2004
        return f"$.{key}"
    return "$.<key>"


def _read_request(spec: StepSpec, data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The step's keyword arguments from the body, or every problem, located in the body."""
    problems: list[Problem] = []
    known = {a.name for a in spec.arguments}
    problems.extend(
        Problem(code="SHAPE-EXTRA", path=_key_path(k), message="unknown field") for k in data if k not in known
    )
    values: dict[str, Any] = {}
    for argument in spec.arguments:
        value = data.get(argument.name)
        path = f"$.{argument.name}"
        if value is None:
            if argument.required:
                problems.append(Problem(code="SHAPE-MISSING", path=path, message="required field is missing"))
            continue
        if argument.name == "record" and not isinstance(value, Mapping):
            problems.append(Problem(code="SHAPE-TYPE", path=path, message="expected a JSON object (a record)"))
            continue
        try:
            if argument.name == "record":
                values["record"] = from_dict(value)
            else:
                values[argument.name] = _converter().structure(value, argument.type)
        except InvalidRecord as exc:
            problems.extend(exc.relocated(path).problems)
        except Exception as exc:  # noqa: BLE001 - every failure becomes located problems
            problems.extend(problems_from_exception(exc, path))
    return values, problems


def _target(step: str, stage: CaseStage) -> str | None:
    transition = next(t for t in TRANSITIONS if t.step == step)
    if stage not in transition.from_stages:
        return None
    return transition.target(stage).code


def take_step(job: tuple[str, bool, Options, bytes]) -> Answer:
    """Take (or, with ``preview``, try) a workflow step on the record in the body.

    The actor and the time come from the body (``actor``, ``at``), never from a clock.

    Returns:
        Taken: 200 with ``{"step", "record", "entry", "allowed_steps"}``, or 422 (a
        ``step-refused`` problem) with every blocking finding. Previewed: 200 with
        ``{"step", "record_id", "allowed", "from_stage", "to_stage", "findings"}``.
        400 where the body is not one JSON object; 422 (``invalid-request``) where
        the record or the step's data cannot be built, every problem located in the body.
    """
    step, preview, options, body = job
    item = decode(JsonLine(1, body.removeprefix(_BOM)))
    if not isinstance(item, RawRecord):
        return _not_an_object(item.problems)
    spec = _specs()[step]
    values, problems = _read_request(spec, item.data)
    if problems:
        return problem("HTTP-INVALID", f"the {step} request cannot be built", problems=problems)
    named = WORKFLOW_POLICIES[options.policy]
    policy = WorkflowPolicy(
        rules=_rules(options.profile, options.year), four_eyes=named.four_eyes, sign_off=named.sign_off
    )
    record = values["record"]
    try:
        taken = step_function(step)(policy=policy, **values)
    except TransitionRefused as refused:
        if preview:
            return 200, _encode(_verdict(step, record, None, refused))
        count = len(refused.findings)
        detail = f"{step} refused: {count} blocking finding{'s' if count != 1 else ''}"
        return problem("HTTP-REFUSED", detail, findings=refused.findings, step=step, record_id=refused.record_id)
    if preview:
        return 200, _encode(_verdict(step, record, taken, None))
    written = to_dict(taken)
    return 200, _encode(
        {"step": step, "record": written, "entry": written["history"][-1], "allowed_steps": list(allowed_steps(taken))}
    )


def _verdict(step: str, record: Concern, taken: Concern | None, refused: TransitionRefused | None) -> dict[str, Any]:
    return {
        "step": step,
        "record_id": record.concern_id if refused is None else refused.record_id,
        "allowed": refused is None,
        "from_stage": record.stage.code,
        "to_stage": taken.stage.code if taken is not None else _target(step, record.stage),
        "findings": [] if refused is None else [finding_dict(f) for f in refused.findings],
    }
