"""The ASGI application: Litestar routes over the worker pool, behind a gate that checks the token and logs.

Private to :mod:`msp.server` (:func:`create_app` is public there).

A request goes through three layers:

1. **The gate** (:class:`_Gate`, plain ASGI, outermost): the bearer token (constant-time
   comparison), one access-log line per request (method, the path only if it is one
   of the service's, status, milliseconds: never a query string, a header or a body),
   ``Cache-Control: no-store`` and ``X-Content-Type-Options: nosniff`` on every answer,
   and a 500 problem for anything that escapes below.
2. **Litestar** routes it. Each handler checks the query parameters, reads the body
   under the size limit (413) and the body time limit (408), and hands the work to
3. **the worker pool** (:mod:`msp.server._pool`) with the processing time limit (503).

Every error is a problem document (:mod:`msp.server._problems`).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from typing import Any, Final

from litestar import Litestar, Request, Response, get, post
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException, InternalServerException
from litestar.types import ASGIApp

import msp
from msp.codes import CaseStage, export
from msp.codes.years import CollectionYear
from msp.convert import SCHEMA_VERSION, schema
from msp.rules import catalogue, profiles, rule_set
from msp.server import _tasks
from msp.server._config import ServerConfig
from msp.server._openapi import BATCH_MEDIA_TYPES, JSON, OPEN_PATHS, Endpoints, document, paths
from msp.server._pool import Busy, WorkerFailed, WorkerPool
from msp.server._problems import PROBLEM_MEDIA_TYPE, problem
from msp.server._steps import step_specs
from msp.workflow import WORKFLOW_POLICIES

__all__ = ["API_VERSION", "Application", "create_app"]

API_VERSION: Final = "1"
"""The version of the HTTP interface (the ``/v1`` in its paths)."""

_LOG: Final = logging.getLogger("msp.server")
_ACCESS: Final = logging.getLogger("msp.server.access")
_STAGES: Final = frozenset(s.code for s in CaseStage)
_RETRY_AFTER: Final = "5"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Application = Callable[[Scope, Receive, Send], Awaitable[None]]
"""An ASGI application, as :func:`create_app` returns it."""


class _Refusal(Exception):
    """Answer the request with a problem (raised by handlers, answered by :func:`_refused`)."""

    def __init__(self, code: str, detail: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})


def _problem_response(code: str, detail: str, headers: Mapping[str, str] | None = None) -> Response[bytes]:
    status, body = problem(code, detail)
    return Response(content=body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=dict(headers or {}))


def _refused(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    assert isinstance(exc, _Refusal)  # noqa: S101 - registered for _Refusal only
    return _problem_response(exc.code, exc.detail, exc.headers)


_BY_STATUS: Final = {
    400: ("HTTP-BODY", "the request could not be read"),
    404: ("HTTP-NOT-FOUND", "no such resource: see /openapi.json for the paths"),
    405: ("HTTP-METHOD", "this path does not take that method"),
    413: ("HTTP-TOO-LARGE", "the body is larger than the limit"),
}


def _http_error(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    """Litestar's own errors (no route, wrong method, body too large) as problems, in fixed words."""
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    code, detail = _BY_STATUS.get(exc.status_code, ("HTTP-INTERNAL", "internal error; it has been logged"))
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
    if code == "HTTP-TOO-LARGE":
        headers["connection"] = "close"
    if code == "HTTP-INTERNAL":
        _LOG.error("internal error (%s)", type(exc).__name__)
    return _problem_response(code, detail, headers)


def _crashed(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    _LOG.error("internal error (%s)", type(exc).__name__)
    return _problem_response("HTTP-INTERNAL", "internal error; it has been logged")


# -- the service ---------------------------------------------------------------------------------


class _Service:
    """What the handlers share: the settings, the pool and the documents made when the app was built."""

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool
        record_schema = schema()
        self.profiles = tuple(p.name for p in profiles())
        self.schema_body = _encode(record_schema)
        self.codes_body = _encode(export())
        ends = Endpoints(
            version=msp.__version__,
            profiles=self.profiles,
            policies=tuple(WORKFLOW_POLICIES),
            authenticated=config.token is not None,
        )
        self.openapi = document(record_schema, ends)
        self.openapi_body = _encode(self.openapi)
        self.version_body = _encode(
            {
                "version": msp.__version__,
                "schema_version": SCHEMA_VERSION,
                "schema_id": record_schema["$id"],
                "api": API_VERSION,
            }
        )
        self._catalogues: dict[tuple[str, str | None], bytes] = {}

    def options(self, request: Request[Any, Any, Any], allowed: tuple[str, ...]) -> _tasks.Options:
        """The query parameters, checked: only ``allowed`` ones, each at most once, each valid.

        Raises:
            _Refusal: ``HTTP-PARAMETER``, naming the parameter (never its value).
        """
        given: dict[str, str] = {}
        for name, value in request.query_params.multi_items():
            if name not in allowed:
                raise _Refusal(
                    "HTTP-PARAMETER", f"a query parameter this endpoint does not take (it takes: {', '.join(allowed)})"
                )
            if name in given:
                raise _Refusal("HTTP-PARAMETER", f"{name} is given more than once")
            given[name] = str(value)
        stage = given.get("stage")
        if stage is not None and stage not in _STAGES:
            raise _Refusal("HTTP-PARAMETER", "stage is not a code of the list 'Case stage' (see /v1/codes)")
        profile = given.get("profile", "default")
        if profile not in self.profiles:
            raise _Refusal("HTTP-PARAMETER", f"profile is not a rule profile (known: {', '.join(self.profiles)})")
        policy = given.get("policy", "default")
        if policy not in WORKFLOW_POLICIES:
            raise _Refusal("HTTP-PARAMETER", f"policy is not a workflow policy (known: {', '.join(WORKFLOW_POLICIES)})")
        year = given.get("year")
        if year is not None:
            try:
                CollectionYear.parse(year)
                rule_set(profile, year=year)
            except (ValueError, KeyError):
                raise _Refusal("HTTP-PARAMETER", "year is not a collection year with rules, such as 2025-26") from None
        return _tasks.Options(stage=stage, profile=profile, year=year, policy=policy)

    def catalogue(self, options: _tasks.Options) -> bytes:
        """The rule catalogue as ``msp rules --format json`` writes it, kept once made."""
        key = (options.profile, options.year)
        if key not in self._catalogues:
            text = catalogue("json", rules=rule_set(options.profile, year=options.year))
            self._catalogues[key] = text.encode("utf-8")
        return self._catalogues[key]

    async def body(self, request: Request[Any, Any, Any], media_types: tuple[str, ...]) -> bytes:
        """The request body, read under the size limit (413) and the body time limit (408).

        Raises:
            _Refusal: ``HTTP-MEDIA-TYPE``, ``HTTP-TIMEOUT`` or ``HTTP-BODY`` (the client went away).
        """
        declared = request.headers.get("content-type")
        if declared is not None:
            media = declared.split(";", 1)[0].strip().lower()
            json_like = JSON in media_types and media.endswith("+json")
            if media not in media_types and not json_like:
                raise _Refusal("HTTP-MEDIA-TYPE", f"send the body as {media_types[0]}")
        chunks: list[bytes] = []

        async def pull() -> None:
            chunks.extend([chunk async for chunk in request.stream()])

        try:
            await asyncio.wait_for(pull(), self.config.body_timeout)
        except asyncio.TimeoutError:
            detail = f"the body did not arrive within {self.config.body_timeout:g} seconds"
            raise _Refusal("HTTP-TIMEOUT", detail, headers={"connection": "close"}) from None
        except InternalServerException:  # the client went away before the end of the body
            raise _Refusal("HTTP-BODY", "the body ended early", headers={"connection": "close"}) from None
        return b"".join(chunks)

    async def work(
        self, request: Request[Any, Any, Any], function: Callable[[Any], _tasks.Answer], job: object
    ) -> Response[bytes]:
        """Run a task in the pool under the processing time limit and answer with what it returns.

        If the client goes away first, the work is given up: its worker process is killed
        and replaced, so nobody's abandoned work goes on using a CPU.

        Raises:
            _Refusal: ``HTTP-BUSY`` (no worker in time, or the work ran too long and was
                stopped), ``HTTP-BODY`` (the client went away) or ``HTTP-INTERNAL``.
        """
        loop = asyncio.get_running_loop()
        work = asyncio.ensure_future(self.pool.run(function, job, deadline=loop.time() + self.config.timeout))
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            await asyncio.wait((work, gone), return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if not work.done():
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await work
            _LOG.info("the client went away: its work was stopped")
            raise _Refusal("HTTP-BODY", "the client went away before the answer", headers={"connection": "close"})
        try:
            status, body = work.result()
        except Busy as exc:
            raise _Refusal("HTTP-BUSY", str(exc), headers={"retry-after": _RETRY_AFTER}) from None
        except WorkerFailed as exc:
            _LOG.error("%s", exc)
            raise _Refusal("HTTP-INTERNAL", "internal error; it has been logged") from None
        return Response(content=body, status_code=status, media_type=JSON if status < 400 else PROBLEM_MEDIA_TYPE)  # noqa: PLR2004


async def _disconnected(request: Request[Any, Any, Any]) -> None:
    """Return when the client has gone away (the body has been read, so the next message says so)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


def _encode(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(body: bytes, media_type: str = JSON) -> Response[bytes]:
    return Response(content=body, status_code=200, media_type=media_type)


_VALIDATE: Final = ("stage", "profile", "year")
_STEP: Final = ("profile", "year", "policy")


def _service(request: Request[Any, Any, Any]) -> _Service:
    service: _Service = request.app.state.msp_service
    return service


@post("/v1/validate", status_code=200)
async def _validate_one(request: Request[Any, Any, Any]) -> Response[bytes]:
    service = _service(request)
    options = service.options(request, _VALIDATE)
    body = await service.body(request, (JSON,))
    return await service.work(request, _tasks.validate_one, (options, body))


@post("/v1/validate/batch", status_code=200)
async def _validate_batch(request: Request[Any, Any, Any]) -> Response[bytes]:
    service = _service(request)
    options = service.options(request, _VALIDATE)
    body = await service.body(request, BATCH_MEDIA_TYPES)
    return await service.work(request, _tasks.validate_batch, (options, body))


async def _step(request: Request[Any, Any, Any], name: str, *, preview: bool) -> Response[bytes]:
    if name not in {s.step for s in step_specs()}:
        raise _Refusal("HTTP-NOT-FOUND", "no such workflow step: see /openapi.json for the steps")
    service = _service(request)
    options = service.options(request, _STEP)
    body = await service.body(request, (JSON,))
    return await service.work(request, _tasks.take_step, (name, preview, options, body))


@post("/v1/workflow/{name:str}", status_code=200)
async def _take(request: Request[Any, Any, Any], name: str) -> Response[bytes]:
    return await _step(request, name, preview=False)


@post("/v1/workflow/{name:str}/preview", status_code=200)
async def _preview(request: Request[Any, Any, Any], name: str) -> Response[bytes]:
    return await _step(request, name, preview=True)


@get("/v1/rules")
async def _rules(request: Request[Any, Any, Any]) -> Response[bytes]:
    service = _service(request)
    return _json(service.catalogue(service.options(request, ("profile", "year"))))


async def _document(request: Request[Any, Any, Any], name: str, media_type: str = JSON) -> Response[bytes]:
    service = _service(request)
    service.options(request, ())
    body: bytes = getattr(service, name)
    return _json(body, media_type)


@get("/v1/schema")
async def _record_schema(request: Request[Any, Any, Any]) -> Response[bytes]:
    return await _document(request, "schema_body", "application/schema+json")


@get("/v1/codes")
async def _codes(request: Request[Any, Any, Any]) -> Response[bytes]:
    return await _document(request, "codes_body")


@get("/v1/version")
async def _version(request: Request[Any, Any, Any]) -> Response[bytes]:
    return await _document(request, "version_body")


@get("/openapi.json")
async def _openapi(request: Request[Any, Any, Any]) -> Response[bytes]:
    return await _document(request, "openapi_body")


@get("/health")
async def _health() -> Response[bytes]:
    return _json(b'{"status":"ok"}')


@get("/ready")
async def _ready(request: Request[Any, Any, Any]) -> Response[bytes]:
    pool = _service(request).pool
    if pool.workers == 0:
        raise _Refusal("HTTP-BUSY", "the worker processes are not running yet", headers={"retry-after": "1"})
    return _json(_encode({"status": "ready", "workers": pool.workers, "size": pool.size}))


_HANDLERS: Final = (
    _validate_one,
    _validate_batch,
    _take,
    _preview,
    _rules,
    _record_schema,
    _codes,
    _version,
    _openapi,
    _health,
    _ready,
)


# -- the gate --------------------------------------------------------------------------------------


_SECURITY_HEADERS: Final = ((b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"))


class _Gate:
    """Plain ASGI, outside Litestar: the token, the access log, safe headers, and a last-resort 500."""

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.token = None if config.token is None else config.token.encode("utf-8")
        self.cors = bool(config.cors_origins)
        self.known = frozenset(paths())

    def _authorised(self, scope: Scope) -> bool:
        if self.token is None or scope["path"] in OPEN_PATHS or (self.cors and scope["method"] == "OPTIONS"):
            return True
        given = b""
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, credentials = bytes(value).partition(b" ")
                if scheme.lower() == b"bearer":
                    given = credentials.strip()
        return hmac.compare_digest(given, self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)  # type: ignore[arg-type]
            return
        started = time.perf_counter()
        state = {"status": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), *_SECURITY_HEADERS]}
            await send(message)

        try:
            if self._authorised(scope):
                await self.app(scope, receive, sending)  # type: ignore[arg-type]
            else:
                await _send_problem(sending, "HTTP-AUTH", "send Authorization: Bearer <token>", www_authenticate=True)
        except Exception as exc:  # noqa: BLE001 - the last resort: a problem, never a traceback
            _LOG.error("internal error (%s)", type(exc).__name__)
            if state["status"] == 0:
                await _send_problem(sending, "HTTP-INTERNAL", "internal error; it has been logged")
        finally:
            path = scope["path"] if scope["path"] in self.known else "<other path>"
            elapsed = (time.perf_counter() - started) * 1000
            _ACCESS.info("%s %s %s %.1fms", scope["method"], path, state["status"], elapsed)


async def _send_problem(send: Send, code: str, detail: str, *, www_authenticate: bool = False) -> None:
    status, body = problem(code, detail)
    headers = [(b"content-type", PROBLEM_MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode())]
    if www_authenticate:
        headers.append((b"www-authenticate", b'Bearer realm="msp"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# -- building the app -----------------------------------------------------------------------------


def create_app(
    config: ServerConfig | None = None,
    *,
    setup: Callable[[], object] | None = None,
) -> Application:
    """Build the validation service as an ASGI application (for uvicorn or any ASGI server).

    The record schemas of the OpenAPI document are taken from :func:`msp.schema` now,
    after ``setup`` has run, so the local extensions it registers are in them.

    Args:
        config: the settings (default: :meth:`ServerConfig.from_env`, the token from
            ``MSP_SERVER_TOKEN``). :meth:`ServerConfig.check` is not run here: the
            address is the server's business (``msp serve`` checks it).
        setup: registers local extensions or rules: run here first (before the schema
            is taken), and once in each worker process before it takes work (workers
            are started fresh, so they do not inherit what this process registered).
            A module-level function (it is pickled), safe to run more than once.

    Returns:
        The application. Its worker processes start with the server (ASGI lifespan)
        and stop with it.
    """
    chosen = ServerConfig.from_env() if config is None else config
    _tasks.register_extensions(chosen.extensions)
    if setup is not None:
        setup()
    pool = WorkerPool(
        chosen.workers,
        initializer=_tasks.start_worker,
        initargs=(setup, chosen.extensions),
        max_waiting=chosen.max_waiting,
    )
    service = _Service(chosen, pool)

    @contextlib.asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        await pool.start()
        _LOG.info("%d worker processes ready", pool.workers)
        try:
            yield
        finally:
            await pool.close()

    cors = None
    if chosen.cors_origins:
        cors = CORSConfig(
            allow_origins=list(chosen.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"],
        )
    app = Litestar(
        route_handlers=list(_HANDLERS),
        state=State({"msp_service": service}),
        exception_handlers={_Refusal: _refused, HTTPException: _http_error, Exception: _crashed},
        lifespan=[lifespan],
        openapi_config=None,
        logging_config=None,
        cors_config=cors,
        request_max_body_size=chosen.max_body_bytes,
        debug=False,
    )
    return _Gate(app, chosen)
