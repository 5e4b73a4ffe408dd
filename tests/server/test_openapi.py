"""The served OpenAPI 3.1 document: valid, with msp.schema()'s record schemas inserted, and telling the truth."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

import msp
from msp import workflow as wf
from msp.synth import generate
from tests.server.serving import Server

RECORD = {"schema_version": 2, "concern_id": "C000301", "adult": {"adult_id": "A000301"}, "received_on": "2025-06-02"}


def _rewritten(value: Any) -> Any:
    """``value`` with ``#/$defs/X`` references pointing at ``#/components/schemas/X``."""
    if isinstance(value, dict):
        return {
            k: ("#/components/schemas/" + v[len("#/$defs/") :] if k == "$ref" else _rewritten(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rewritten(v) for v in value]
    return value


@pytest.fixture(scope="module")
def document(extended: Server) -> dict[str, Any]:
    answer = extended.client.get("/openapi.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    return dict(answer.json())


def _conforms(document: dict[str, Any], name: str, instance: object) -> None:
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(instance)


class TestTheDocument:
    """The document is valid OpenAPI 3.1, and its record schemas are msp.schema()'s, not the framework's."""

    def test_it_is_valid_openapi_3_1(self, document: dict[str, Any]):
        assert document["openapi"] == "3.1.0"
        assert document["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"
        validate_openapi(document)

    def test_the_record_schemas_are_inserted_from_msp_schema(self, document: dict[str, Any]):
        record_schema = msp.schema()  # the suite's extensions are registered here and in the served app
        schemas = document["components"]["schemas"]
        for name, schema in record_schema["$defs"].items():
            assert schemas[name] == json.loads(json.dumps(_rewritten(schema))), name
        assert document["info"]["x-msp-schema-id"] == record_schema["$id"]
        assert "#/$defs/" not in json.dumps(document)

    def test_the_bodies_reference_the_concern_schema(self, document: dict[str, Any]):
        paths = document["paths"]
        body = paths["/v1/validate"]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/Concern"}
        schemas = document["components"]["schemas"]
        assert schemas["ApiStepResult"]["properties"]["record"] == {"$ref": "#/components/schemas/Concern"}
        assert schemas["ApiStepResult"]["properties"]["entry"] == {"$ref": "#/components/schemas/HistoryEntry"}
        decide = schemas["ApiStep.decide"]
        assert decide["properties"]["record"]["$ref"] == "#/components/schemas/Concern"
        assert decide["properties"]["decision"] == {"$ref": "#/components/schemas/Section42Decision"}
        assert decide["properties"]["actor"]["$ref"] == "#/components/schemas/Actor"
        assert set(decide["required"]) == {"record", "actor", "at", "decision"}
        assert decide["additionalProperties"] is False

    def test_every_step_has_its_two_operations(self, document: dict[str, Any]):
        for transition in wf.TRANSITIONS:
            for suffix in ("", "/preview"):
                operation = document["paths"][f"/v1/workflow/{transition.step}{suffix}"]["post"]
                assert operation["requestBody"]["content"]["application/json"]["schema"] == {
                    "$ref": f"#/components/schemas/ApiStep.{transition.step}"
                }
                assert transition.summary in operation["description"]

    def test_every_operation_documents_its_errors_as_problems(self, document: dict[str, Any]):
        for path, item in document["paths"].items():
            for method, operation in item.items():
                assert "200" in operation["responses"], (method, path)
                for status, response in operation["responses"].items():
                    if status != "200":
                        assert response["content"] == {
                            "application/problem+json": {"schema": {"$ref": "#/components/schemas/ApiProblem"}}
                        }

    def test_every_documented_get_answers(self, extended: Server, document: dict[str, Any]):
        for path, item in document["paths"].items():
            if "get" in item:
                answer = extended.client.get(path)
                assert answer.status_code == 200, path
                expected = next(iter(item["get"]["responses"]["200"]["content"]))
                assert answer.headers["content-type"] == expected, path


class TestResponsesMatchTheDocument:
    """Real answers validate against the schemas the document gives them."""

    def test_validation_answers(self, extended: Server, document: dict[str, Any]):
        records = list(generate(30, seed=9, invalid_share=0.3))
        for record in records[:10]:
            _conforms(document, "ApiValidation", extended.client.post("/v1/validate", json=record).json())
        body = "".join(json.dumps(r) + "\n" for r in records).encode() + b"{broken\n[1]\n"
        batch = extended.client.post(
            "/v1/validate/batch", content=body, headers={"content-type": "application/x-ndjson"}
        )
        _conforms(document, "ApiBatch", batch.json())

    def test_workflow_answers(self, extended: Server, document: dict[str, Any]):
        body = {
            "record": RECORD,
            "actor": {"role": "Duty social worker", "user_id": "U-1"},
            "at": "2025-06-02T09:00:00Z",
        }
        taken = extended.client.post("/v1/workflow/receive", json=body)
        _conforms(document, "ApiStepResult", taken.json())
        _conforms(document, "Concern", taken.json()["record"])
        _conforms(document, "ApiStepPreview", extended.client.post("/v1/workflow/close/preview", json=body).json())
        refused = extended.client.post("/v1/workflow/close", json=body)
        assert refused.status_code == 422
        _conforms(document, "ApiProblem", refused.json())

    def test_reference_answers(self, extended: Server, document: dict[str, Any]):
        for path, name in (
            ("/v1/rules", "ApiRules"),
            ("/v1/codes", "ApiCodes"),
            ("/v1/version", "ApiVersion"),
            ("/health", "ApiHealth"),
            ("/ready", "ApiReady"),
        ):
            _conforms(document, name, extended.client.get(path).json())
        for bad in (extended.client.get("/v1/rules", params={"profile": "nope"}), extended.client.get("/nowhere")):
            _conforms(document, "ApiProblem", bad.json())

    def test_the_reference_data_is_the_librarys(self, extended: Server):
        assert extended.client.get("/v1/codes").json() == json.loads(json.dumps(msp.codes.export()))
        rules = extended.client.get("/v1/rules", params={"profile": "sac", "year": "2025-26"}).json()
        expected = msp.rules.catalogue("json", rules=msp.rules.rule_set("sac", year="2025-26"))
        assert rules == json.loads(expected)
        version = extended.client.get("/v1/version").json()
        assert version == {
            "version": msp.__version__,
            "schema_version": msp.SCHEMA_VERSION,
            "schema_id": msp.schema()["$id"],
            "api": "1",
        }
