"""RFC 9457 problem details: every error the service answers with, as ``application/problem+json``.

Private to :mod:`msp.server`. Imports no web framework, so the worker processes
(:mod:`msp.server._tasks`) build their problems with it too.

A problem has the RFC's members ``type`` (a ``urn:msp:problem:`` URI), ``title``,
``status`` and ``detail``, and the extension members ``code`` (the service's
``HTTP-`` code) and, where the library located what is wrong, ``problems`` (each
``{"code", "path", "message"}``, the library's codes and JSON paths) or ``findings``
(a refused workflow step's blocking findings). No member ever carries a value from
the request.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from msp.errors import Finding, Problem

__all__ = [
    "KINDS",
    "PROBLEM_MEDIA_TYPE",
    "Kind",
    "finding_dict",
    "problem",
    "problem_item",
]

PROBLEM_MEDIA_TYPE: Final = "application/problem+json"
"""The media type of every error response (RFC 9457)."""


@attrs.frozen(slots=True, kw_only=True)
class Kind:
    """One kind of problem the service answers with.

    Attributes:
        code: the service's code, ``HTTP-...``.
        status: the HTTP status.
        slug: the last part of the ``type`` URI.
        title: the RFC 9457 ``title``: the same for every problem of this kind.
    """

    code: str
    status: int
    slug: str
    title: str

    @property
    def type(self) -> str:
        """The RFC 9457 ``type``: ``urn:msp:problem:<slug>``."""
        return f"urn:msp:problem:{self.slug}"


_KINDS: Final = (
    Kind(code="HTTP-PARAMETER", status=400, slug="bad-parameter", title="A query parameter is not valid"),
    Kind(code="HTTP-BODY", status=400, slug="bad-body", title="The request body could not be read"),
    Kind(code="HTTP-AUTH", status=401, slug="unauthorised", title="A valid bearer token is needed"),
    Kind(code="HTTP-NOT-FOUND", status=404, slug="not-found", title="No such resource"),
    Kind(code="HTTP-METHOD", status=405, slug="method-not-allowed", title="Method not allowed here"),
    Kind(code="HTTP-TIMEOUT", status=408, slug="body-timeout", title="The request body arrived too slowly"),
    Kind(code="HTTP-TOO-LARGE", status=413, slug="too-large", title="The request body is too large"),
    Kind(code="HTTP-MEDIA-TYPE", status=415, slug="media-type", title="Unsupported media type"),
    Kind(code="HTTP-INVALID", status=422, slug="invalid-request", title="The request cannot be built"),
    Kind(code="HTTP-REFUSED", status=422, slug="step-refused", title="The workflow step was refused"),
    Kind(code="HTTP-INTERNAL", status=500, slug="internal", title="Internal error"),
    Kind(code="HTTP-BUSY", status=503, slug="busy", title="The service is busy or the work took too long"),
)

KINDS: Final[Mapping[str, Kind]] = {k.code: k for k in _KINDS}
"""Every kind of problem, by its code."""


def problem_item(problem: Problem) -> dict[str, Any]:
    """One located problem of the library as ``{"code", "path", "message"}`` (and ``line`` where known)."""
    item: dict[str, Any] = {"code": problem.code, "path": problem.path, "message": problem.message}
    if problem.line is not None:
        item["line"] = problem.line
    return item


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as ``{"code", "severity", "path", "message", "reference"}``."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "message": finding.message,
        "reference": finding.reference,
    }


def problem(
    code: str,
    detail: str,
    *,
    problems: Iterable[Problem] = (),
    findings: Iterable[Finding] = (),
    **extra: Any,  # noqa: ANN401 - JSON values
) -> tuple[int, bytes]:
    """The HTTP status and the UTF-8 JSON body of the problem of kind ``code`` (a key of :data:`KINDS`).

    Args:
        code: the kind, e.g. ``HTTP-BODY``.
        detail: this occurrence, in words; never a value from the request.
        problems: the library's located problems, as ``problems``.
        findings: a refused step's blocking findings, as ``findings``.
        extra: other extension members (``step``, ``record_id``).

    Raises:
        KeyError: ``code`` is not a kind of :data:`KINDS`.
    """
    kind = KINDS[code]
    body: dict[str, Any] = {
        "type": kind.type,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
        "code": kind.code,
    }
    located = [problem_item(p) for p in problems]
    if located:
        body["problems"] = located
    blocking = [finding_dict(f) for f in findings]
    if blocking or code == "HTTP-REFUSED":
        body["findings"] = blocking
    body.update(extra)
    return kind.status, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
