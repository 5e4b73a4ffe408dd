"""Safe by default: the token, the body size and time limits, the work time limit, CORS, and quiet logs."""

from __future__ import annotations

import json
import socket
import time

import pytest

from msp.synth import generate
from tests.server.conftest import CORS_ORIGIN
from tests.server.serving import CANARY, TOKEN, Server

RECORD = {"schema_version": 2, "concern_id": "C000201", "adult": {"adult_id": "A000201"}, "received_on": "2025-06-02"}


def _raw(
    server: Server, head: bytes, body_parts: list[tuple[float, bytes]], *, wait: float = 15.0
) -> tuple[bytes, float]:
    """Send ``head`` then each body part after its delay; return everything answered and the seconds it took."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as sock:
        sock.sendall(head)
        for delay, part in body_parts:
            time.sleep(delay)
            try:
                sock.sendall(part)
            except OSError:  # the server answered and closed: read what it said
                break
        answer = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            answer += chunk
            if b"\r\n\r\n" in answer and answer.split(b"\r\n\r\n", 1)[1].rstrip().endswith(b"}"):
                break
    return answer, time.monotonic() - started


def _status_and_problem(answer: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    assert b"content-type: application/problem+json" in head.lower()
    return status, json.loads(body)


class TestBodySize:
    """A body over --max-body-size (8M here) is 413, announced or not, and the connection is closed."""

    def test_an_announced_oversized_body_is_refused_at_once(self, server: Server):
        head = (
            b"POST /v1/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Content-Length: 9000000\r\n\r\n"
        )
        answer, took = _raw(server, head, [])
        status, problem = _status_and_problem(answer)
        assert (status, problem["code"], problem["type"]) == (413, "HTTP-TOO-LARGE", "urn:msp:problem:too-large")
        assert took < 5

    def test_an_unannounced_oversized_body_is_refused_as_it_arrives(self, server: Server):
        head = (
            b"POST /v1/validate/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"x" * 65536
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        answer, _ = _raw(server, head, [(0.0, framed)] * 130 + [(0.0, b"0\r\n\r\n")])
        status, problem = _status_and_problem(answer)
        assert (status, problem["code"]) == (413, "HTTP-TOO-LARGE")

    def test_a_body_at_the_limit_is_read(self, server: Server):
        record = dict(RECORD, team="x" * 1000)
        answer = server.client.post("/v1/validate", json=record)
        assert answer.status_code == 200


class TestSlowClient:
    """A body that does not arrive within --body-timeout (1 s here) is 408, and the server moves on."""

    HEAD = (
        b"POST /v1/validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 200\r\n\r\n"
    )

    def test_a_stalled_body_is_408(self, server: Server):
        answer, took = _raw(server, self.HEAD, [(0.0, b'{"concern_id": "')])
        status, problem = _status_and_problem(answer)
        assert (status, problem["code"], problem["type"]) == (408, "HTTP-TIMEOUT", "urn:msp:problem:body-timeout")
        assert b"connection: close" in answer.lower()
        assert 0.9 < took < 6

    def test_a_trickled_body_is_408_though_every_byte_comes_in_time(self, server: Server):
        trickle = [(0.25, b" ")] * 40  # one byte every quarter second: 10 s for the whole body
        answer, took = _raw(server, self.HEAD, trickle)
        status, _ = _status_and_problem(answer)
        assert status == 408
        assert took < 6

    def test_the_server_still_answers_others(self, server: Server):
        assert server.client.post("/v1/validate", json=RECORD).status_code == 200


class TestToken:
    """With MSP_SERVER_TOKEN set, every path but the probes needs ``Authorization: Bearer <token>``."""

    @pytest.mark.parametrize(
        "headers",
        [
            {},
            {"authorization": "Bearer wrong-token-0123456789"},
            {"authorization": f"Bearer {TOKEN}x"},
            {"authorization": f"Basic {TOKEN}"},
            {"authorization": TOKEN},
            {"authorization": f"Bearer {CANARY}"},
        ],
    )
    def test_a_missing_or_wrong_token_is_401(self, secured: Server, headers: dict[str, str]):
        for method, path in (("POST", "/v1/validate"), ("GET", "/openapi.json"), ("GET", "/nowhere")):
            answer = secured.client.request(method, path, json=RECORD, headers=headers)
            assert answer.status_code == 401
            assert answer.headers["www-authenticate"].startswith("Bearer")
            problem = answer.json()
            assert (problem["code"], problem["type"]) == ("HTTP-AUTH", "urn:msp:problem:unauthorised")
            assert TOKEN not in answer.text
            assert CANARY not in answer.text

    def test_the_right_token_is_let_in(self, secured: Server):
        for scheme in ("Bearer", "bearer"):
            answer = secured.client.post("/v1/validate", json=RECORD, headers={"authorization": f"{scheme} {TOKEN}"})
            assert answer.status_code == 200

    def test_the_probes_need_no_token(self, secured: Server):
        assert secured.client.get("/health").json() == {"status": "ok"}
        assert secured.client.get("/ready").status_code == 200

    def test_the_document_says_a_token_is_needed(self, secured: Server, server: Server):
        document = secured.client.get("/openapi.json", headers={"authorization": f"Bearer {TOKEN}"}).json()
        assert document["security"] == [{"bearer": []}]
        assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
        assert document["paths"]["/health"]["get"]["security"] == []
        assert "security" not in server.client.get("/openapi.json").json()


class TestCors:
    """CORS is off unless --cors-origin names an origin."""

    def test_off_by_default(self, server: Server):
        answer = server.client.get("/v1/version", headers={"origin": CORS_ORIGIN})
        assert "access-control-allow-origin" not in answer.headers
        preflight = server.client.options(
            "/v1/validate", headers={"origin": CORS_ORIGIN, "access-control-request-method": "POST"}
        )
        assert "access-control-allow-origin" not in preflight.headers

    def test_on_for_the_origin_named(self, secured: Server):
        preflight = secured.client.options(
            "/v1/validate",
            headers={
                "origin": CORS_ORIGIN,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization, content-type",
            },
        )
        assert preflight.status_code in (200, 204)
        assert preflight.headers["access-control-allow-origin"] == CORS_ORIGIN
        answer = secured.client.get("/v1/version", headers={"origin": CORS_ORIGIN, "authorization": f"Bearer {TOKEN}"})
        assert answer.headers["access-control-allow-origin"] == CORS_ORIGIN
        other = secured.client.get(
            "/v1/version", headers={"origin": "https://elsewhere.example", "authorization": f"Bearer {TOKEN}"}
        )
        assert other.headers.get("access-control-allow-origin") != "https://elsewhere.example"


class TestWorkTimeLimit:
    """Work over --timeout (0.1 s here) is 503 with Retry-After; the worker is replaced and serves again."""

    def test_long_work_is_503_and_the_service_recovers(self, hurried: Server):
        records = generate(3000, seed=3)
        body = "".join(json.dumps(r) + "\n" for r in records).encode()
        answer = hurried.client.post(
            "/v1/validate/batch", content=body, headers={"content-type": "application/x-ndjson"}
        )
        assert answer.status_code == 503
        assert answer.headers["retry-after"].isdigit()
        problem = answer.json()
        assert (problem["code"], problem["type"]) == ("HTTP-BUSY", "urn:msp:problem:busy")
        assert "time limit" in problem["detail"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            answer = hurried.client.post("/v1/validate", json=RECORD)
            if answer.status_code == 200:
                break
            time.sleep(0.25)
        assert answer.status_code == 200
        assert hurried.client.get("/ready").json()["workers"] == 1


class TestAbandonedWork:
    """A client that goes away before its answer has its work stopped (the worker killed and replaced)."""

    def test_the_work_of_a_client_gone_is_stopped(self, server: Server):
        records = generate(2000, seed=8)
        body = "".join(json.dumps(r) + "\n" for r in records).encode()
        head = (
            b"POST /v1/validate/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        before = server.log.count("its work was stopped")
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(head + body)
            time.sleep(0.2)  # the body is read and the work has begun
        deadline = time.monotonic() + 30
        while server.log.count("its work was stopped") == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.log.count("its work was stopped") == before + 1
        deadline = time.monotonic() + 60
        while server.client.get("/ready").status_code != 200 and time.monotonic() < deadline:  # a new worker starts
            time.sleep(0.1)
        assert server.client.post("/v1/validate", json=RECORD).status_code == 200


class TestUpgradeOffers:
    """A request offering an HTTP/2 upgrade (every stock Java HttpClient over http://) is answered as HTTP/1.1."""

    @pytest.mark.parametrize("framing", ["length", "chunked"])
    def test_the_body_is_read_and_answered(self, server: Server, framing: str):
        body = json.dumps(RECORD).encode()
        if framing == "length":
            length, payload = f"Content-Length: {len(body)}\r\n".encode(), body
        else:
            length, payload = b"Transfer-Encoding: chunked\r\n", f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        head = (
            b"POST /v1/validate HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
            b"Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nContent-Type: application/json\r\n"
            + length
            + b"\r\n"
        )
        answer, _ = _raw(server, head + payload, [])
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line == b"HTTP/1.1 200 OK"
        assert json.loads(rest.partition(b"\r\n\r\n")[2])["outcome"] == "checked"


class TestLogs:
    """Logs name the method, a known path, the status and the time: never a body, a query or a personal value."""

    def test_no_personal_value_reaches_the_log(self, server: Server, secured: Server):
        record = dict(RECORD, team=7, adult={"adult_id": "A1", "name": CANARY})
        server.client.post("/v1/validate", json=record, params={"stage": CANARY})
        server.client.post("/v1/validate", json=record)
        server.client.post(f"/v1/{CANARY}", json=record)
        server.client.post("/v1/validate/batch", content=f'{{"x": "{CANARY}\n'.encode())
        server.client.post("/v1/workflow/decide", json={"record": record, "reason": CANARY})
        secured.client.post("/v1/validate", json=record, headers={"authorization": f"Bearer {CANARY}"})
        _raw(server, TestSlowClient.HEAD, [(0.0, f'{{"adult": {{"name": "{CANARY}"'.encode())])
        time.sleep(0.3)
        for log in (server.log, secured.log):
            assert CANARY not in log
            assert TOKEN not in log
            assert "Traceback" not in log
        assert "POST <other path> 404" in server.log
        assert "POST /v1/validate 200" in server.log

    def test_answers_are_not_cached_or_sniffed(self, server: Server):
        answer = server.client.post("/v1/validate", json=RECORD)
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "server" not in answer.headers
