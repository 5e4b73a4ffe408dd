"""Workflow steps over HTTP: the library's steps, with the actor and the time from the request."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import msp
from msp import workflow as wf
from msp.codes import EnquiryRoute, ExitRoute
from tests.server.serving import CANARY, Server

CLERK = {"role": "Duty social worker", "user_id": "U-101"}
MANAGER = {"role": "Safeguarding adults manager", "user_id": "U-102"}


def _at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2025, 6, day, hour, tzinfo=dt.timezone.utc)


DRAFT = msp.Concern(
    concern_id="C000042",
    adult=msp.Adult(adult_id="A000042", date_of_birth=dt.date(1950, 1, 1)),
    received_on=dt.date(2025, 6, 2),
    immediate_safety=msp.ImmediateSafety(assessed_on=dt.date(2025, 6, 2), action_needed=False),
)
RECEIVED = wf.receive(DRAFT, actor=msp.Actor(**CLERK), at=_at(2, 9))
NO_ENQUIRY = {
    "has_care_and_support_needs": True,
    "experiencing_or_at_risk_of_abuse": False,
    "unable_to_protect_self": False,
    "route": "no_enquiry",
    "exit_routes": ["advice_and_guidance"],
}
WEAK = {
    "has_care_and_support_needs": True,
    "experiencing_or_at_risk_of_abuse": True,
    "unable_to_protect_self": False,
    "route": "section_42_enquiry",
}


def _step(server: Server, step: str, body: dict[str, Any], *, preview: bool = False, **params: str) -> Any:
    path = f"/v1/workflow/{step}" + ("/preview" if preview else "")
    return server.client.post(path, json=body, params=params)


def _findings(refused: wf.TransitionRefused) -> list[dict[str, str]]:
    return [
        {"code": f.code, "severity": f.severity.value, "path": f.path, "message": f.message, "reference": f.reference}
        for f in refused.findings
    ]


class TestTakeAStep:
    """POST /v1/workflow/{step}: the new record and its history entry, exactly as msp.workflow makes them."""

    def test_receive_gives_the_librarys_record_and_entry(self, server: Server):
        answer = _step(server, "receive", {"record": msp.to_dict(DRAFT), "actor": CLERK, "at": "2025-06-02T09:00:00Z"})
        assert answer.status_code == 200
        body = answer.json()
        assert body["record"] == msp.to_dict(RECEIVED)
        assert body["entry"] == msp.to_dict(RECEIVED)["history"][-1]
        assert body["entry"]["at"] == "2025-06-02T09:00:00+00:00"  # the request's time, not the server's clock
        assert body["entry"]["actor"] == CLERK
        assert body["allowed_steps"] == list(wf.allowed_steps(RECEIVED))
        assert body["step"] == "receive"

    def test_a_step_with_its_own_data(self, server: Server):
        body = {
            "record": msp.to_dict(RECEIVED),
            "actor": MANAGER,
            "at": "2025-06-04T10:00:00+01:00",
            "decision": NO_ENQUIRY,
        }
        answer = _step(server, "decide", body)
        assert answer.status_code == 200
        decision = msp.Section42Decision(
            has_care_and_support_needs=True,
            experiencing_or_at_risk_of_abuse=False,
            unable_to_protect_self=False,
            route=EnquiryRoute.NO_ENQUIRY,
            exit_routes=(ExitRoute.ADVICE_AND_GUIDANCE,),
        )
        at = dt.datetime(2025, 6, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        expected = wf.decide(RECEIVED, actor=msp.Actor(**MANAGER), at=at, decision=decision)
        assert answer.json()["record"] == msp.to_dict(expected)
        assert answer.json()["record"]["decision"]["decided_by"] == MANAGER

    def test_a_refused_step_is_422_with_every_blocking_finding(self, server: Server):
        body = {"record": msp.to_dict(RECEIVED), "actor": MANAGER, "at": "2025-06-04T10:00:00Z", "decision": WEAK}
        answer = _step(server, "decide", dict(body, reason=f"{CANARY} said so"))
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert (problem["code"], problem["type"], problem["step"]) == (
            "HTTP-REFUSED",
            "urn:msp:problem:step-refused",
            "decide",
        )
        assert problem["record_id"] == "C000042"
        with pytest.raises(wf.TransitionRefused) as refused:
            wf.decide(
                RECEIVED,
                actor=msp.Actor(**MANAGER),
                at=_at(4),
                decision=_weak(),
                reason=f"{CANARY} said so",
            )
        assert problem["findings"] == _findings(refused.value)
        assert "CA-003" in {f["code"] for f in problem["findings"]}
        assert CANARY not in answer.text

    def test_a_step_not_allowed_from_the_stage(self, server: Server):
        answer = _step(
            server, "close", {"record": msp.to_dict(RECEIVED), "actor": MANAGER, "at": "2025-06-04T10:00:00Z"}
        )
        assert answer.status_code == 422
        assert [f["code"] for f in answer.json()["findings"]] == ["WF-STEP"]

    def test_the_policy_is_chosen_by_query(self, server: Server):
        body = {"record": msp.to_dict(RECEIVED), "actor": MANAGER, "at": "2025-06-04T10:00:00Z", "decision": NO_ENQUIRY}
        answer = _step(server, "decide", body, policy="manager-sign-off")
        assert answer.status_code == 422
        assert "WF-SIGN-OFF" in {f["code"] for f in answer.json()["findings"]}
        answer = _step(
            server,
            "decide",
            dict(body, authorised_by={"role": "Head of service", "user_id": "U-900"}),
            policy="manager-sign-off",
        )
        assert answer.status_code == 200
        assert answer.json()["entry"]["authorised_by"]["user_id"] == "U-900"


def _weak() -> msp.Section42Decision:
    return msp.Section42Decision(
        has_care_and_support_needs=True,
        experiencing_or_at_risk_of_abuse=True,
        unable_to_protect_self=False,
        route=EnquiryRoute.SECTION_42_ENQUIRY,
    )


class TestPreview:
    """POST /v1/workflow/{step}/preview: whether the step would be allowed, and what would block it."""

    def test_an_allowed_step(self, server: Server):
        body = {"record": msp.to_dict(RECEIVED), "actor": CLERK, "at": "2025-06-02T11:00:00Z"}
        answer = _step(server, "start_information_gathering", body, preview=True)
        assert answer.status_code == 200
        assert answer.json() == {
            "step": "start_information_gathering",
            "record_id": "C000042",
            "allowed": True,
            "from_stage": "concern_received",
            "to_stage": "information_gathering",
            "findings": [],
        }

    def test_a_refused_step(self, server: Server):
        body = {"record": msp.to_dict(RECEIVED), "actor": MANAGER, "at": "2025-06-04T10:00:00Z", "decision": WEAK}
        answer = _step(server, "decide", body, preview=True)
        assert answer.status_code == 200
        verdict = answer.json()
        assert (verdict["allowed"], verdict["to_stage"]) == (False, "decided")
        assert "CA-003" in {f["code"] for f in verdict["findings"]}
        closing = _step(server, "close", {k: v for k, v in body.items() if k != "decision"}, preview=True).json()
        assert (closing["allowed"], closing["to_stage"], closing["findings"][0]["code"]) == (False, None, "WF-STEP")


class TestBadRequests:
    """A request that cannot be built is 422 with every problem located in the body; nothing echoed."""

    def test_every_problem_is_located(self, server: Server):
        record = msp.to_dict(RECEIVED)
        record["adult"] = {"adult_id": "A000042", "name": CANARY}
        body = {"record": record, "at": "2025-06-04T10:00:00", "decision": {"route": CANARY}, CANARY: 1, "zzz": 2}
        answer = _step(server, "decide", body)
        assert answer.status_code == 422
        problem = answer.json()
        assert (problem["code"], problem["type"]) == ("HTTP-INVALID", "urn:msp:problem:invalid-request")
        located = {(p["code"], p["path"]) for p in problem["problems"]}
        assert located == {
            ("SHAPE-EXTRA", "$.<key>"),
            ("SHAPE-EXTRA", "$.zzz"),
            ("SHAPE-MISSING", "$.actor"),
            ("SHAPE-DATETIME", "$.at"),
            ("SHAPE-EXTRA", "$.record.adult.name"),
            ("SHAPE-CODE", "$.decision.route"),
        }
        assert CANARY not in answer.text

    @pytest.mark.parametrize("body", [b"[]", b"{", b'"text"'])
    def test_a_body_that_is_not_an_object_is_400(self, server: Server, body: bytes):
        answer = server.client.post("/v1/workflow/receive", content=body, headers={"content-type": "application/json"})
        assert (answer.status_code, answer.json()["code"]) == (400, "HTTP-BODY")

    def test_a_record_that_is_not_an_object(self, server: Server):
        answer = _step(server, "receive", {"record": [CANARY], "actor": CLERK, "at": "2025-06-02T09:00:00Z"})
        assert answer.status_code == 422
        assert [(p["code"], p["path"]) for p in answer.json()["problems"]] == [("SHAPE-TYPE", "$.record")]

    def test_an_unknown_step_is_404(self, server: Server):
        answer = _step(server, CANARY.replace(" ", "_"), {})
        assert (answer.status_code, answer.json()["code"]) == (404, "HTTP-NOT-FOUND")
        assert CANARY.replace(" ", "_") not in answer.text

    def test_a_wrong_method_is_405(self, server: Server):
        answer = server.client.get("/v1/workflow/receive")
        assert (answer.status_code, answer.json()["code"]) == (405, "HTTP-METHOD")
        assert "POST" in answer.headers["allow"]
