"""The HTTP validation service: the library's validation, workflow guards and reference data for any language.

Layer: ``server`` (imports :mod:`msp.synth` and below; only :mod:`msp.cli` imports it).
Needs the ``server`` extra (``pip install 'making-safeguarding-personal[server]'``:
Litestar and uvicorn); ``import msp`` never imports it.

::

    msp serve --host 127.0.0.1 --port 8000

or, from Python (the worker processes are started with ``spawn``, so guard the entry point)::

    from msp.server import ServerConfig, serve

    if __name__ == "__main__":
        serve(ServerConfig.from_env(port=8000))

The service is stateless (it keeps nothing a request sent), binds to localhost by
default, needs a bearer token (``MSP_SERVER_TOKEN``) to serve any other address,
limits body size (413), body time (408) and processing time (503, the work stopped),
runs the work in worker processes, and answers every error as RFC 9457 problem
details. Its OpenAPI 3.1 document is served at ``/openapi.json``, with the record
schemas of :func:`msp.schema`. See docs/server.md and, for vendors, docs/vendors.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import logging.config
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, Final

from msp.server._app import API_VERSION, create_app
from msp.server._config import MIN_TOKEN_LENGTH, TOKEN_ENV, ServerConfig, is_loopback

__all__ = [
    "API_VERSION",
    "MIN_TOKEN_LENGTH",
    "TOKEN_ENV",
    "ServerConfig",
    "ServerStopped",
    "create_app",
    "is_loopback",
    "serve",
]

_LOGGING: Final[dict[str, Any]] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        "msp.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
"""Log lines on standard error: uvicorn's start and stop, and the service's own (no request bodies,
no query strings: see :mod:`msp.server._app`). uvicorn's access log is off; the service writes its own."""


class ServerStopped(Exception):
    """The server could not start (the port is taken, the workers could not start): see the log."""


class _Terminated(Exception):
    """SIGTERM or SIGINT, raised again by uvicorn once it has shut down cleanly (see :func:`serve`)."""


def _terminated(_signum: int, _frame: FrameType | None) -> None:
    raise _Terminated


def serve(config: ServerConfig, *, setup: Callable[[], object] | None = None, log: bool = True) -> None:
    """Run the service on uvicorn until interrupted (Ctrl-C or SIGTERM stop it cleanly).

    Args:
        config: the settings; :meth:`ServerConfig.check` is run first.
        setup: run in each worker process before it takes work (see :func:`create_app`).
        log: set up log lines on standard error.

    Raises:
        ValueError: unsafe settings (:meth:`ServerConfig.check`).
        ServerStopped: the server could not start; uvicorn has logged why.
    """
    import uvicorn  # noqa: PLC0415 - only when serving

    config.check()
    if log:
        logging.config.dictConfig(_LOGGING)
    app = create_app(config, setup=setup)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=config.host,
            port=config.port,
            http="h11",  # not httptools: it drops the body of a request offering an h2c upgrade (Java's HttpClient)
            lifespan="on",
            access_log=False,
            log_config=None,
            server_header=False,
            proxy_headers=False,
        )
    )
    # uvicorn handles SIGTERM and SIGINT itself (a clean shutdown), then raises the signal again for the
    # handler that was there before: the default would end the process with status 143 (SIGTERM) or a
    # KeyboardInterrupt (Ctrl-C) after a clean stop. Here the signal, raised again, ends server.run()
    # instead, and serve() returns normally.
    main = threading.current_thread() is threading.main_thread()
    before = {s: signal.signal(s, _terminated) for s in (signal.SIGTERM, signal.SIGINT)} if main else {}
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot listen
        raise ServerStopped(f"could not listen on {config.host}:{config.port}") from None
    except _Terminated:
        pass
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
    if not server.started:
        raise ServerStopped("the service could not start")


def __dir__() -> list[str]:
    """The public names, for ``dir()`` and tab completion."""
    return list(__all__)
