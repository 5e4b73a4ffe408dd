"""The service's OpenAPI 3.1 document, generated when the app is built.

Private to :mod:`msp.server`. The record schemas are not derived by the web
framework from type annotations: they are the library's own JSON Schema,
:func:`msp.schema` (generated from the field spec, with any registered local
extensions), whose ``$defs`` become ``components/schemas`` with every ``$ref``
rewritten to point there. The request and response bodies of the endpoints
reference them (``#/components/schemas/Concern``, ``.../Actor``,
``.../HistoryEntry``, the code lists); the service's own bodies (findings, the
summary, problems) are the ``Api...`` components written here. The workflow
endpoints are generated from :func:`msp.server._steps.step_specs`, so every step
of the transition table has its two operations and its own request body.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

import attrs

from msp.codes import CodeList
from msp.io.batch import Summary
from msp.server._problems import KINDS, PROBLEM_MEDIA_TYPE
from msp.server._steps import StepArgument, step_specs

__all__ = [
    "BATCH_MEDIA_TYPES",
    "JSON",
    "OPEN_PATHS",
    "Endpoints",
    "document",
    "paths",
]

JSON: Final = "application/json"
BATCH_MEDIA_TYPES: Final = (
    "application/x-ndjson",
    "application/jsonl",
    "application/jsonlines",
    "application/json-lines",
    "application/x-jsonlines",
)
"""The media types a JSON Lines batch may be sent as (the first is the one documented)."""

OPEN_PATHS: Final = frozenset({"/health", "/ready"})
"""The paths answered without a token (probes)."""

_SCHEMAS: Final = "#/components/schemas/"


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": _SCHEMAS + name}


def _rewrite(value: Any) -> Any:  # noqa: ANN401 - JSON values
    """``value`` with every ``#/$defs/X`` reference made ``#/components/schemas/X``."""
    if isinstance(value, dict):
        return {
            k: (_SCHEMAS + v.removeprefix("#/$defs/") if k == "$ref" and isinstance(v, str) else _rewrite(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rewrite(v) for v in value]
    return value


def _bare(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A field's schema without its description and annotations, for reuse."""
    return {k: v for k, v in schema.items() if k != "description" and not k.startswith("x-")}


@attrs.frozen(slots=True, kw_only=True)
class Endpoints:
    """What the document needs to know about the app it describes.

    Attributes:
        version: the library's version.
        profiles: the rule profiles' names (the ``profile`` parameter).
        policies: the workflow policies' names (the ``policy`` parameter).
        authenticated: a bearer token is needed (every path but the probes).
    """

    version: str
    profiles: tuple[str, ...]
    policies: tuple[str, ...]
    authenticated: bool


def paths() -> tuple[str, ...]:
    """Every path the service answers, as written in the document."""
    fixed = ("/v1/validate", "/v1/validate/batch", "/v1/rules", "/v1/schema", "/v1/codes", "/v1/version")
    steps = tuple(p for s in step_specs() for p in (f"/v1/workflow/{s.step}", f"/v1/workflow/{s.step}/preview"))
    return (*fixed, *steps, "/health", "/ready", "/openapi.json")


# -- the service's own schemas --------------------------------------------------------------


def _object(properties: Mapping[str, Any], required: Iterable[str] = (), **more: Any) -> dict[str, Any]:  # noqa: ANN401
    return {"type": "object", "properties": dict(properties), "required": list(required), **more}


def _nullable(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {"anyOf": [dict(schema), {"type": "null"}]}


def _counts() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}


def _own_schemas() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0}
    severity = {"type": "string", "enum": ["error", "warning", "advice"]}
    finding = _object(
        {
            "code": {"type": "string", "description": "a rule code (MSP-003) or a SHAPE- problem code"},
            "severity": severity,
            "path": {"type": "string", "description": "the field, as a JSON path into the record ($ is all of it)"},
            "message": {"type": "string", "description": "what is wrong; never a value from the record"},
            "reference": {"type": "string", "description": "the law or guidance behind the rule"},
        },
        ("code", "severity", "path", "message", "reference"),
        description="One finding, as msp validate reports it.",
    )
    summary_fields = list(Summary().to_dict())
    summary = _object(
        {
            name: _counts() if name in ("findings_by_rule", "rules_errored", "findings_by_severity") else count
            for name in summary_fields
        },
        summary_fields,
        description="The counts msp validate ends with (records_read always equals records_accounted).",
    )
    outcome = {
        "type": "string",
        "enum": ["checked", "invalid", "unreadable", "file"],
        "description": "checked by the rules; invalid: read but not buildable (SHAPE- findings); "
        "unreadable: the line could not be read; file: a problem with the whole body",
    }
    id_or_null = {"type": ["string", "null"], "description": "the record's pseudonymous id, where it could be read"}
    stage = {**_nullable(_ref("CaseStage")), "description": "the stage the record was checked at"}
    result_properties = {
        "record_id": id_or_null,
        "outcome": outcome,
        "stage": stage,
        "findings": {"type": "array", "items": _ref("ApiFinding")},
    }
    problem_item = _object(
        {
            "code": {"type": "string"},
            "path": {"type": "string", "description": "a JSON path into the request body ($ is all of it)"},
            "message": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
        },
        ("code", "path", "message"),
        description="One located problem: the library's code and JSON path.",
    )
    problem = _object(
        {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "code": {"type": "string", "enum": sorted(KINDS)},
            "problems": {"type": "array", "items": _ref("ApiProblemItem")},
            "findings": {"type": "array", "items": _ref("ApiFinding")},
            "step": {"type": "string"},
            "record_id": {"type": ["string", "null"]},
        },
        ("type", "title", "status", "detail", "code"),
        description="An error, as RFC 9457 problem details, with the library's codes and JSON paths.",
    )
    stage_code = _ref("CaseStage")
    return {
        "ApiFinding": finding,
        "ApiSummary": summary,
        "ApiProblemItem": problem_item,
        "ApiProblem": problem,
        "ApiValidation": _object(
            {**result_properties, "summary": _ref("ApiSummary")},
            ("record_id", "outcome", "stage", "findings", "summary"),
            description="The findings for one record and the summary, as msp validate gives them.",
        ),
        "ApiRecordResult": _object(
            {"line": {"type": "integer", "minimum": 1}, **result_properties},
            ("line", "record_id", "outcome", "stage", "findings"),
            description="One record of a batch: its line, its id, what became of it and its findings.",
        ),
        "ApiBatch": _object(
            {"results": {"type": "array", "items": _ref("ApiRecordResult")}, "summary": _ref("ApiSummary")},
            ("results", "summary"),
            description="One result per record (non-blank line), in order, and the summary.",
        ),
        "ApiStepResult": _object(
            {
                "step": {"type": "string"},
                "record": _ref("Concern"),
                "entry": _ref("HistoryEntry"),
                "allowed_steps": {"type": "array", "items": {"type": "string"}},
            },
            ("step", "record", "entry", "allowed_steps"),
            description="The record after the step, the history entry it appended, and the steps allowed next.",
        ),
        "ApiStepPreview": _object(
            {
                "step": {"type": "string"},
                "record_id": {"type": ["string", "null"]},
                "allowed": {"type": "boolean"},
                "from_stage": stage_code,
                "to_stage": _nullable(stage_code),
                "findings": {"type": "array", "items": _ref("ApiFinding")},
            },
            ("step", "record_id", "allowed", "from_stage", "to_stage", "findings"),
            description="Whether the step would be allowed, and every finding that would block it.",
        ),
        "ApiRules": _object(
            {
                "collection_year": {"type": "string"},
                "profile": {"type": "string"},
                "rules": {"type": "array", "items": {"type": "object"}},
                "retired": {"type": "array", "items": {"type": "object"}},
            },
            ("collection_year", "profile", "rules", "retired"),
            description="The rule catalogue, as msp rules --format json writes it.",
        ),
        "ApiCodes": _object(
            {"lists": {"type": "object"}, "mappings": {"type": "object"}},
            ("lists", "mappings"),
            description="Every code list and mapping, as msp codes writes them.",
        ),
        "ApiHealth": _object({"status": {"const": "ok"}}, ("status",)),
        "ApiReady": _object(
            {"status": {"const": "ready"}, "workers": count, "size": count}, ("status", "workers", "size")
        ),
        "ApiVersion": _object(
            {
                "version": {"type": "string"},
                "schema_version": {"type": "integer"},
                "schema_id": {"type": "string"},
                "api": {"type": "string"},
            },
            ("version", "schema_version", "schema_id", "api"),
        ),
    }


# -- requests ----------------------------------------------------------------------------


def _argument_schema(kind: Any, scalars: Mapping[type, dict[str, Any]]) -> dict[str, Any]:  # noqa: ANN401
    if kind in scalars:
        return copy.deepcopy(scalars[kind])
    if isinstance(kind, type) and (attrs.has(kind) or issubclass(kind, CodeList)):
        return _ref(kind.__name__)
    if typing.get_origin(kind) is tuple:
        return {"type": "array", "items": _argument_schema(typing.get_args(kind)[0], scalars)}
    msg = f"no schema for a step argument of type {kind!r}"
    raise TypeError(msg)


def _step_request(arguments: Sequence[StepArgument], scalars: Mapping[type, dict[str, Any]]) -> dict[str, Any]:
    properties = {}
    for a in arguments:
        schema = _argument_schema(a.type, scalars)
        properties[a.name] = {**schema, "description": a.about} if a.about else schema
    return _object(
        properties,
        [a.name for a in arguments if a.required],
        additionalProperties=False,
    )


# -- operations ------------------------------------------------------------------------------


def _problem_response(text: str) -> dict[str, Any]:
    return {"description": text, "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("ApiProblem")}}}


def _json_response(text: str, schema: Mapping[str, Any], media: str = JSON) -> dict[str, Any]:
    return {"description": text, "content": {media: {"schema": dict(schema)}}}


_ERRORS: Final = {
    400: "a query parameter or the body is not valid (the problem says which, with the library's codes)",
    401: "no bearer token, or the wrong one",
    408: "the body arrived too slowly",
    413: "the body is larger than the limit",
    415: "the body's media type is not one the endpoint takes",
    422: "the request cannot be built, or the step was refused: every problem or blocking finding",
    503: "every worker was busy for too long, or the work ran past the time limit (it was stopped)",
}


def _responses(ok: Mapping[str, Any], errors: Iterable[int], *, authenticated: bool) -> dict[str, Any]:
    wanted = set(errors) | ({401} if authenticated else set())
    return {"200": dict(ok), **{str(s): _problem_response(_ERRORS[s]) for s in sorted(wanted)}}


def _parameters(names: Iterable[str], ends: Endpoints) -> list[dict[str, Any]]:
    about = {
        "stage": ("check every record as if at this stage (default: each record's own)", _ref("CaseStage")),
        "profile": ("the rule profile (default: default)", {"type": "string", "enum": list(ends.profiles)}),
        "year": (
            "the collection year whose rules apply, e.g. 2025-26 (default: the profile's)",
            {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
        ),
        "policy": (
            "the workflow policy: separation of duties (default: default)",
            {"type": "string", "enum": list(ends.policies)},
        ),
    }
    return [
        {"name": n, "in": "query", "required": False, "description": about[n][0], "schema": about[n][1]} for n in names
    ]


_BATCH_EXAMPLE: Final = (
    '{"schema_version": 2, "concern_id": "C000001", "adult": {"adult_id": "A000001"}, "received_on": "2025-06-02"}\n'
    '{"concern_id": "C000002", "team": "Nor\n'
    "[1, 2]\n"
)


def _operations(ends: Endpoints, errors_for_body: Sequence[int]) -> dict[str, Any]:
    auth = ends.authenticated
    validate = {
        "post": {
            "operationId": "validate",
            "summary": "Validate one record",
            "description": "Checks one record (any JSON object) as msp validate checks a line: structure first, "
            "then every rule for its stage. A record that cannot be built is answered with outcome "
            "invalid and its SHAPE- findings, not an error.",
            "tags": ["validation"],
            "parameters": _parameters(("stage", "profile", "year"), ends),
            "requestBody": {"required": True, "content": {JSON: {"schema": _ref("Concern")}}},
            "responses": _responses(
                _json_response("the findings and the summary", _ref("ApiValidation")),
                errors_for_body,
                authenticated=auth,
            ),
        }
    }
    batch = {
        "post": {
            "operationId": "validateBatch",
            "summary": "Validate a JSON Lines batch",
            "description": "Checks every line (one record per line) as msp validate checks a .jsonl file: a bad "
            "line is a result with outcome unreadable and never stops the others. Blank lines are not records.",
            "tags": ["validation"],
            "parameters": _parameters(("stage", "profile", "year"), ends),
            "requestBody": {
                "required": True,
                "content": {
                    BATCH_MEDIA_TYPES[0]: {
                        "schema": {"type": "string", "description": "JSON Lines: one record (Concern) per line"},
                        "example": _BATCH_EXAMPLE,
                    }
                },
            },
            "responses": _responses(
                _json_response("one result per record, and the summary", _ref("ApiBatch")),
                errors_for_body,
                authenticated=auth,
            ),
        }
    }
    found: dict[str, Any] = {"/v1/validate": validate, "/v1/validate/batch": batch}
    found.update(_step_operations(ends, errors_for_body))
    found.update(_reference_operations(ends))
    return found


def _step_operations(ends: Endpoints, errors_for_body: Sequence[int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    step_errors = (*errors_for_body, 422)
    for spec in step_specs():
        body = {"required": True, "content": {JSON: {"schema": _ref(f"ApiStep.{spec.step}")}}}
        parameters = _parameters(("profile", "year", "policy"), ends)
        found[f"/v1/workflow/{spec.step}"] = {
            "post": {
                "operationId": f"step_{spec.step}",
                "summary": f"Take the step {spec.step}",
                "description": f"{spec.summary} The actor and the time come from the request. Answers the new "
                "record and its history entry, or 422 with every blocking finding.",
                "tags": ["workflow"],
                "parameters": parameters,
                "requestBody": body,
                "responses": _responses(
                    _json_response("the step was taken", _ref("ApiStepResult")),
                    step_errors,
                    authenticated=ends.authenticated,
                ),
            }
        }
        found[f"/v1/workflow/{spec.step}/preview"] = {
            "post": {
                "operationId": f"preview_{spec.step}",
                "summary": f"Preview the step {spec.step}",
                "description": f"{spec.summary} Says whether the step would be allowed, with every blocking "
                "finding; nothing is changed or kept.",
                "tags": ["workflow"],
                "parameters": parameters,
                "requestBody": body,
                "responses": _responses(
                    _json_response("the verdict", _ref("ApiStepPreview")), step_errors, authenticated=ends.authenticated
                ),
            }
        }
    return found


def _get(
    operation_id: str,
    summary: str,
    ok: Mapping[str, Any],
    *,
    authenticated: bool,
    parameters: Sequence[Mapping[str, Any]] = (),
    errors: Iterable[int] = (),
    tag: str = "reference",
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": [tag],
        "responses": _responses(ok, errors, authenticated=authenticated),
    }
    if parameters:
        operation["parameters"] = list(parameters)
    return {"get": operation}


def _reference_operations(ends: Endpoints) -> dict[str, Any]:
    auth = ends.authenticated
    schema_doc = {"type": "object", "description": "a JSON Schema (draft 2020-12) document"}
    ready = _responses(_json_response("the workers are running", _ref("ApiReady")), (503,), authenticated=False)
    return {
        "/v1/rules": _get(
            "rules",
            "The rule catalogue",
            _json_response("the catalogue", _ref("ApiRules")),
            authenticated=auth,
            parameters=_parameters(("profile", "year"), ends),
            errors=(400,),
        ),
        "/v1/schema": _get(
            "schema",
            "The JSON Schema of a concern record (msp.schema())",
            _json_response("the schema", schema_doc, "application/schema+json"),
            authenticated=auth,
        ),
        "/v1/codes": _get(
            "codes", "The code lists and mappings", _json_response("the lists", _ref("ApiCodes")), authenticated=auth
        ),
        "/v1/version": _get(
            "version",
            "The library's version and the record layout's",
            _json_response("the versions", _ref("ApiVersion")),
            authenticated=auth,
        ),
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Liveness: the server answers",
                "tags": ["probes"],
                "security": [],
                "responses": {"200": _json_response("alive", _ref("ApiHealth"))},
            }
        },
        "/ready": {
            "get": {
                "operationId": "ready",
                "summary": "Readiness: the worker processes are running",
                "tags": ["probes"],
                "security": [],
                "responses": ready,
            }
        },
        "/openapi.json": _get(
            "openapi",
            "This document",
            _json_response("the OpenAPI 3.1 document", {"type": "object"}),
            authenticated=auth,
        ),
    }


def document(record_schema: Mapping[str, Any], ends: Endpoints) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service.

    Args:
        record_schema: :func:`msp.schema`'s document (taken when the app is built, so
            registered extensions are in it).
        ends: what the app offers.

    Raises:
        ValueError: a schema of the record document has the name of one of the service's own.
    """
    components = {name: _rewrite(schema) for name, schema in record_schema["$defs"].items()}
    own = _own_schemas()
    scalars = {
        str: _bare(components["Actor"]["properties"]["role"]),
        date: _bare(components["Concern"]["properties"]["received_on"]),
        datetime: _bare(components["HistoryEntry"]["properties"]["at"]),
        bool: {"type": "boolean"},
    }
    for spec in step_specs():
        own[f"ApiStep.{spec.step}"] = {
            **_step_request(spec.arguments, scalars),
            "description": f"The request to {spec.step}: the record, who, when, why, and the step's own data.",
        }
    clash = sorted(set(components) & set(own))
    if clash:
        msg = f"the record schema defines {', '.join(clash)}, a name the service's own schemas use"
        raise ValueError(msg)
    body_errors = (400, 408, 413, 415, 503)
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": record_schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"),
        "info": {
            "title": "msp validation service",
            "version": ends.version,
            "summary": "Validate adult safeguarding records and take guarded workflow steps, from any language.",
            "description": "Stateless: nothing sent is kept. Errors are RFC 9457 problem details "
            "(application/problem+json) with the library's codes and JSON paths. See docs/server.md.",
            "license": {"name": "MIT", "identifier": "MIT"},
            "x-msp-schema-id": record_schema.get("$id"),
        },
        "tags": [
            {"name": "validation", "description": "check records against the rule catalogue"},
            {"name": "workflow", "description": "preview and take guarded workflow steps"},
            {"name": "reference", "description": "the rules, the schema, the code lists, versions"},
            {"name": "probes", "description": "liveness and readiness"},
        ],
        "paths": _operations(ends, body_errors),
        "components": {"schemas": {**components, **own}},
    }
    if ends.authenticated:
        doc["components"]["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "the token in MSP_SERVER_TOKEN"}
        }
        doc["security"] = [{"bearer": []}]
    if set(doc["paths"]) != set(paths()):
        msg = "the document's paths and the service's differ"
        raise RuntimeError(msg)
    return doc
