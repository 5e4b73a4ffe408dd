"""``msp serve``: run the HTTP validation service (the ``server`` extra).

::

    msp serve [--host HOST] [--port PORT] [--allow-unauthenticated] [--jobs N]
              [--max-body-size SIZE] [--body-timeout SECONDS] [--timeout SECONDS]
              [--cors-origin ORIGIN]... [--extensions FILE]

The service is :mod:`msp.server`, on uvicorn. It binds to localhost unless told
otherwise; any other address needs a bearer token in ``MSP_SERVER_TOKEN`` or
``--allow-unauthenticated``. Without the ``server`` extra installed the command
says which extra to install and exits 2. See docs/server.md.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import importlib.util
import math
from pathlib import Path

from msp.cli._common import CannotRun, Commands, add_command, add_extensions, size, whole

__all__ = ["add_parser", "run"]

_EXTRA = "msp serve needs the server extra: pip install 'making-safeguarding-personal[server]'"


def _seconds(text: str) -> float:
    """A number of seconds above 0, for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a number above 0.
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of seconds, e.g. 10 or 2.5") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError("a number of seconds above 0")
    return value


def _port(text: str) -> int:
    """A TCP port, 1 to 65535, for ``type=``.

    Raises:
        argparse.ArgumentTypeError: not a port.
    """
    value = whole(text)
    if not 1 <= value <= 65535:  # noqa: PLR2004
        raise argparse.ArgumentTypeError("a port from 1 to 65535")
    return value


def run(args: argparse.Namespace) -> int:
    """Run ``msp serve`` until interrupted.

    Args:
        args: ``host``, ``port``, ``allow_unauthenticated``, ``jobs``, ``max_body_size``,
            ``body_timeout``, ``timeout``, ``cors_origin`` (a list, or ``None``) and ``extensions``
            (a file of local extension definitions, registered by :func:`msp.cli.main` here and
            loaded again by each worker process).

    Returns:
        0 once the server has stopped cleanly (Ctrl-C, SIGTERM).

    Raises:
        CannotRun: the ``server`` extra is not installed; unsafe or bad settings (an
            address other than localhost without a token); the server could not start.
    """
    if importlib.util.find_spec("litestar") is None or importlib.util.find_spec("uvicorn") is None:
        raise CannotRun(_EXTRA)
    from msp.server import ServerConfig, ServerStopped, serve  # noqa: PLC0415 - the optional extra

    try:
        config = ServerConfig.from_env(
            host=args.host,
            port=args.port,
            allow_unauthenticated=args.allow_unauthenticated,
            jobs=args.jobs,
            max_body_bytes=args.max_body_size,
            body_timeout=args.body_timeout,
            timeout=args.timeout,
            cors_origins=tuple(args.cors_origin or ()),
            extensions=str(Path(args.extensions).resolve()) if args.extensions else None,
        )
        serve(config)
    except (ValueError, ServerStopped) as exc:
        raise CannotRun(str(exc)) from None
    return 0


def add_parser(commands: Commands) -> None:
    """Add ``msp serve [--host HOST] [--port PORT] ...``: its options and its handler, :func:`run`."""
    cmd = add_command(
        commands,
        "serve",
        summary="run the HTTP validation service (needs the server extra)",
        description="Run the HTTP validation service on uvicorn until interrupted: validation, workflow steps,\n"
        "the rules, the JSON Schema and the code lists, with an OpenAPI 3.1 document at /openapi.json.\n"
        "Needs the server extra: pip install 'making-safeguarding-personal[server]'.",
        exits=((0, "the server stopped cleanly (Ctrl-C, SIGTERM)"),),
        notes="Any address but localhost needs a bearer token in MSP_SERVER_TOKEN, or --allow-unauthenticated.\n"
        "Without the server extra, or with unsafe settings, the server does not start: exit status 2.\n"
        "See docs/server.md.",
    )
    cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    cmd.add_argument("--port", type=_port, default=8000, metavar="PORT", help="TCP port (default 8000)")
    cmd.add_argument(
        "--allow-unauthenticated",
        action="store_true",
        help="serve an address other than localhost without a token",
    )
    cmd.add_argument("--jobs", type=whole, default=0, metavar="N", help="worker processes (default 0: one per CPU)")
    cmd.add_argument(
        "--max-body-size",
        type=size,
        default=10 * 1024 * 1024,
        metavar="SIZE",
        help="largest request body (default 10M); larger is 413",
    )
    cmd.add_argument(
        "--body-timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="time the body may take to arrive (default 10); slower is 408",
    )
    cmd.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="time the work may take (default 30); longer is 503 and the work is stopped",
    )
    cmd.add_argument(
        "--cors-origin",
        action="append",
        metavar="ORIGIN",
        help="allow browser calls from this origin (CORS; repeat for more; default: none)",
    )
    add_extensions(cmd)
    cmd.set_defaults(handler=run)
