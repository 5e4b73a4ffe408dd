"""Validation over HTTP: one record and JSON Lines batches give exactly what msp validate gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import msp
from msp import cli
from msp.io.batch import validate_records
from msp.rules import rule_set
from msp.synth import generate
from tests.server.serving import CANARY, TOKEN, Server

PROBLEM = "application/problem+json"


def _record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema_version": 2,
        "concern_id": "C000101",
        "adult": {"adult_id": "A000101"},
        "received_on": "2025-06-02",
    }
    base.update(changes)
    return base


def _findings(report: msp.Report) -> list[dict[str, str]]:
    return [
        {"code": f.code, "severity": f.severity.value, "path": f.path, "message": f.message, "reference": f.reference}
        for f in report.findings
    ]


def _damaged(path: Path) -> Path:
    """Three good records, a blank line and broken ones (as in docs/cli.md), a personal value planted."""
    lines = [json.dumps(r) for r in generate(3, seed=7)]
    lines += [
        f'{{"concern_id": "C000009", "team": "{CANARY}',  # cut off
        "",
        "[1, 2]",
        json.dumps(
            {
                "schema_version": 2,
                "concern_id": "C000011",
                "adult": {"adult_id": "A000011"},
                "received_on": "2025-04-01",
                "team": 7,
                "risks": [{"type_of_risk": CANARY}],
            }
        ),
        json.dumps(
            {"schema_version": 2, "concern_id": CANARY, "adult": {"adult_id": "A1"}, "received_on": "2025-04-01"}
        ),
    ]
    data = "\r\n".join(lines).encode("utf-8") + b'\n{"team": "N\xffrth"}\n'
    path.write_bytes(data)
    return path


class TestOneRecord:
    """POST /v1/validate: the findings msp.validate gives, with the summary; stage and profile by query."""

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_findings_are_the_librarys(self, server: Server, seed: int):
        records = generate(20, seed=seed, invalid_share=0.2)
        for record in records:
            answer = server.client.post("/v1/validate", json=record)
            assert answer.status_code == 200
            assert answer.headers["content-type"] == "application/json"
            body = answer.json()
            report = msp.validate(record)
            assert body["findings"] == _findings(report)
            assert body["record_id"] == report.record_id
            assert body["outcome"] == ("checked" if report.structured else "invalid")
            assert body["summary"]["records_read"] == body["summary"]["records_accounted"] == 1

    def test_stage_and_profile_are_chosen_by_query(self, server: Server):
        record = next(iter(generate(1, seed=4)))
        for query in (
            {"stage": "closed"},
            {"profile": "sac"},
            {"stage": "closed", "profile": "sac", "year": "2025-26"},
        ):
            body = server.client.post("/v1/validate", params=query, json=record).json()
            rules = rule_set(query.get("profile", "default"), year=query.get("year"))
            expected = msp.validate(record, stage=query.get("stage"), rules=rules)
            assert body["findings"] == _findings(expected)
        closed = server.client.post("/v1/validate", params={"stage": "closed"}, json=record).json()
        assert closed["stage"] == "closed"

    def test_a_record_that_cannot_be_built_is_answered_not_refused(self, server: Server):
        answer = server.client.post("/v1/validate", json=_record(team=7, adult={"adult_id": "A1", "name": CANARY}))
        assert answer.status_code == 200
        body = answer.json()
        assert body["outcome"] == "invalid"
        assert {(f["code"], f["path"]) for f in body["findings"]} == {
            ("SHAPE-TYPE", "$.team"),
            ("SHAPE-EXTRA", "$.adult.name"),
        }
        assert CANARY not in answer.text

    @pytest.mark.parametrize(
        ("body", "code"),
        [
            (b'{"concern_id": "C1", ', "SHAPE-JSON"),
            (b"[1, 2]", "SHAPE-TYPE"),
            (b"", "SHAPE-JSON"),
            (b'{"team": "N\xffrth"}', "SHAPE-ENCODING"),
            (f'"{CANARY}"'.encode(), "SHAPE-TYPE"),
        ],
    )
    def test_a_malformed_body_is_a_located_problem(self, server: Server, body: bytes, code: str):
        answer = server.client.post("/v1/validate", content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 400
        assert answer.headers["content-type"] == PROBLEM
        problem = answer.json()
        assert problem["type"] == "urn:msp:problem:bad-body"
        assert (problem["status"], problem["code"]) == (400, "HTTP-BODY")
        assert [(p["code"], p["path"]) for p in problem["problems"]] == [(code, "$")]
        assert CANARY not in answer.text

    def test_a_byte_order_mark_is_accepted(self, server: Server):
        body = b"\xef\xbb\xbf" + json.dumps(_record()).encode()
        answer = server.client.post("/v1/validate", content=body, headers={"content-type": "application/json"})
        assert (answer.status_code, answer.json()["outcome"]) == (200, "checked")

    @pytest.mark.parametrize(
        ("query", "named"),
        [
            ({"stage": CANARY}, "stage"),
            ({"profile": CANARY}, "profile"),
            ({"year": "2010-11"}, "year"),
            ({"year": CANARY}, "year"),
            ({CANARY: "1"}, "takes"),
            ({"policy": "default"}, "takes"),
        ],
    )
    def test_a_bad_query_parameter_is_named_never_echoed(self, server: Server, query: dict[str, str], named: str):
        answer = server.client.post("/v1/validate", params=query, json=_record())
        assert answer.status_code == 400
        problem = answer.json()
        assert problem["code"] == "HTTP-PARAMETER"
        assert named in problem["detail"]
        assert CANARY not in answer.text

    def test_a_parameter_given_twice_is_refused(self, server: Server):
        answer = server.client.post("/v1/validate?stage=closed&stage=enquiry", json=_record())
        assert (answer.status_code, answer.json()["code"]) == (400, "HTTP-PARAMETER")

    def test_the_wrong_media_type_is_415(self, server: Server):
        answer = server.client.post("/v1/validate", content=b"{}", headers={"content-type": "text/csv"})
        assert (answer.status_code, answer.json()["code"]) == (415, "HTTP-MEDIA-TYPE")
        answer = server.client.post("/v1/validate", content=b"{}", headers={"content-type": "application/x-ndjson"})
        assert answer.status_code == 415


class TestBatch:
    """POST /v1/validate/batch: every line accounted for, with msp validate's findings and summary."""

    def test_a_batch_with_broken_lines_matches_the_command_line(self, server: Server, tmp_path: Path):
        path = _damaged(tmp_path / "damaged.jsonl")
        report = tmp_path / "report.jsonl"
        status = cli.main(["validate", str(path), "--report", "json", "-q", "-o", str(report)])
        cli_rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
        cli_summary = next(r for r in cli_rows if r["type"] == "summary")
        cli_findings = [
            (r["line"], r["record_id"], r["path"], r["code"], r["severity"], r["message"], r["reference"])
            for r in cli_rows
            if r["type"] == "finding"
        ]

        answer = server.client.post(
            "/v1/validate/batch", content=path.read_bytes(), headers={"content-type": "application/x-ndjson"}
        )
        assert answer.status_code == 200
        body = answer.json()
        findings = [
            (r["line"], r["record_id"], f["path"], f["code"], f["severity"], f["message"], f["reference"])
            for r in body["results"]
            for f in r["findings"]
        ]
        assert findings == cli_findings
        assert body["summary"] == {k: v for k, v in cli_summary.items() if k != "type"}
        assert status == 1
        # Every record (non-blank line) is accounted for, in order, each once.
        assert [r["line"] for r in body["results"]] == [1, 2, 3, 4, 6, 7, 8, 9]
        assert len(body["results"]) == body["summary"]["records_read"] == body["summary"]["records_accounted"]
        outcomes = [r["outcome"] for r in body["results"]]
        assert outcomes == [
            "checked",
            "checked",
            "checked",
            "unreadable",
            "unreadable",
            "invalid",
            "invalid",
            "unreadable",
        ]
        assert CANARY not in answer.text

    def test_a_thousand_lines_give_a_thousand_results(self, server: Server):
        records = list(generate(1000, seed=11, invalid_share=0.05))
        body = "".join(json.dumps(r) + "\n" for r in records).encode()
        answer = server.client.post("/v1/validate/batch", content=body, headers={"content-type": "application/jsonl"})
        assert answer.status_code == 200
        summary = answer.json()["summary"]
        assert summary["records_read"] == summary["records_accounted"] == 1000
        run = validate_records(records)
        assert summary == {**run.finish().to_dict(), "files": 1}

    def test_stage_applies_to_the_batch(self, server: Server):
        records = list(generate(30, seed=5))
        body = "".join(json.dumps(r) + "\n" for r in records).encode()
        answer = server.client.post(
            "/v1/validate/batch",
            params={"stage": "closed"},
            content=body,
            headers={"content-type": "application/x-ndjson"},
        )
        expected = validate_records(records, stage="closed").finish()
        assert answer.json()["summary"] == {**expected.to_dict(), "files": 1}

    def test_an_empty_batch_has_no_records(self, server: Server):
        answer = server.client.post(
            "/v1/validate/batch", content=b"\n\n", headers={"content-type": "application/x-ndjson"}
        )
        assert answer.status_code == 200
        assert answer.json()["results"] == []
        assert answer.json()["summary"]["records_read"] == 0


class TestExtensions:
    """Local extensions registered through ``setup=`` are known to the server and to every worker."""

    def test_a_registered_extension_is_validated_as_in_process(self, extended: Server):
        for value in (3, 11, "three"):
            record = _record(extensions=[{"name": "test-suite.risk-score", "integer": value}])
            answer = extended.client.post("/v1/validate", json=record)
            assert answer.status_code == 200
            assert answer.json()["findings"] == _findings(msp.validate(record))
        checked = extended.client.post(
            "/v1/validate", json=_record(extensions=[{"name": "test-suite.risk-score", "integer": 3}])
        )
        assert checked.json()["outcome"] == "checked"

    def test_an_extensions_file_is_registered_in_the_workers(self, secured: Server):
        record = _record(extensions=[{"name": "test-suite.team", "code": "HOSP"}])
        answer = secured.client.post("/v1/validate", json=record, headers={"authorization": f"Bearer {TOKEN}"})
        assert answer.json()["outcome"] == "checked"

    def test_an_unregistered_extension_is_a_located_problem(self, server: Server):
        record = _record(extensions=[{"name": "test-suite.risk-score", "integer": 3}])
        body = server.client.post("/v1/validate", json=record).json()
        assert body["outcome"] == "invalid"
        assert [(f["code"], f["path"]) for f in body["findings"]] == [("SHAPE-EXTENSION", "$.extensions[0].name")]

    def test_the_schemas_carry_the_registered_extensions(self, extended: Server, server: Server):
        served = extended.client.get("/v1/schema").json()
        assert served == json.loads(json.dumps(msp.schema()))
        assert "test-suite.risk-score" in json.dumps(served)
        assert "test-suite.risk-score" in extended.client.get("/openapi.json").text
        assert "test-suite.risk-score" not in server.client.get("/v1/schema").text
