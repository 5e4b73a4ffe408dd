"""The service's settings, and the rule that only localhost may be served without a token.

Private to :mod:`msp.server` (:class:`ServerConfig` is public there).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any, Final

import attrs

from msp.io.batch import cpus_available

__all__ = ["MIN_TOKEN_LENGTH", "TOKEN_ENV", "ServerConfig", "is_loopback"]

TOKEN_ENV: Final = "MSP_SERVER_TOKEN"  # noqa: S105 - the variable's name, not a token
"""The environment variable holding the bearer token (``msp serve`` reads it)."""

MIN_TOKEN_LENGTH: Final = 16
"""The shortest token accepted, in characters (``openssl rand -hex 32`` gives 64)."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.1``, ``::1``), which only this machine reaches."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value > 0:
        msg = f"{attribute.name} must be more than 0"
        raise ValueError(msg)


def _at_least_zero(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        msg = f"{attribute.name} must be 0 or more"
        raise ValueError(msg)


@attrs.frozen(slots=True, kw_only=True)
class ServerConfig:
    """How the validation service runs. The defaults are the safe ones.

    Attributes:
        host: the address to listen on. Anything but localhost needs ``token`` or
            ``allow_unauthenticated`` (:meth:`check`).
        port: the TCP port.
        token: the bearer token every request but ``/health`` and ``/ready`` must
            carry (``Authorization: Bearer <token>``), compared in constant time; ``None``:
            none needed. Never shown in ``repr``.
        allow_unauthenticated: serve an address other than localhost without a token.
        max_body_bytes: the largest request body; a larger one is answered 413.
        body_timeout: seconds the whole body may take to arrive; slower is 408.
        timeout: seconds the work may take, waiting for a free worker included; longer
            is 503, and the work is stopped.
        jobs: worker processes for the work (``0``: one per CPU).
        max_waiting: requests that may wait for a free worker; more are 503 at once.
        cors_origins: origins allowed to call from a browser (CORS); none by default.
        extensions: a JSON file of local extension definitions (:func:`msp.load_extensions`),
            registered in the server and in every worker process before any request.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = attrs.field(default=None, repr=False)
    allow_unauthenticated: bool = False
    max_body_bytes: int = attrs.field(default=10 * 1024 * 1024, validator=_positive)
    body_timeout: float = attrs.field(default=10.0, validator=_positive)
    timeout: float = attrs.field(default=30.0, validator=_positive)
    jobs: int = attrs.field(default=0, validator=_at_least_zero)
    max_waiting: int = attrs.field(default=64, validator=_positive)
    cors_origins: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    extensions: str | None = None

    @classmethod
    def from_env(cls, **settings: object) -> ServerConfig:
        """A config whose ``token`` is read from :data:`TOKEN_ENV` (unset or empty: none), with ``settings``."""
        token = os.environ.get(TOKEN_ENV) or None
        return cls(token=token, **settings)  # type: ignore[arg-type]

    @property
    def workers(self) -> int:
        """The number of worker processes: ``jobs``, or one per CPU this process may run on."""
        return self.jobs or cpus_available()

    def check(self) -> None:
        """Refuse settings that would expose the service unsafely.

        Raises:
            ValueError: a token shorter than :data:`MIN_TOKEN_LENGTH`; or a host other
                than localhost with neither a token nor ``allow_unauthenticated``.
        """
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            msg = f"the token in {TOKEN_ENV} is shorter than {MIN_TOKEN_LENGTH} characters"
            raise ValueError(msg)
        if not is_loopback(self.host) and self.token is None and not self.allow_unauthenticated:
            msg = f"serving {self.host} (not localhost) needs a bearer token in {TOKEN_ENV}, or --allow-unauthenticated"
            raise ValueError(msg)
