"""Start the real service (``msp serve`` in a subprocess) on a free local port, and always stop it.

Not a test module: the fixtures in tests/server/conftest.py and the tests use it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import httpx

from msp.server import TOKEN_ENV

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 90.0
"""How long a server may take to start its workers and answer /ready."""

TOKEN = "test-token-0123456789abcdef"  # noqa: S105 - the test server's own
"""The bearer token of the authenticated test server (16 characters or more)."""

CANARY = "Zebedee Quartermaine"
"""A made-up personal value planted in requests: no response and no log line may carry it."""


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running ``msp serve``: its base URL, an HTTP client, and its log (standard error)."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log
        self.client = httpx.Client(base_url=self.url, timeout=60.0)

    @property
    def log(self) -> str:
        """Everything the server has written to standard error so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self) -> None:
        """Wait until /ready answers 200, or fail with the server's log."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                msg = f"the server stopped (status {self.process.returncode}):\n{self.log}"
                raise RuntimeError(msg)
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/ready", timeout=2.0).status_code == 200:
                    return
            time.sleep(0.2)
        msg = f"the server did not become ready in {START_SECONDS:g} s:\n{self.log}"
        raise RuntimeError(msg)

    def stop(self) -> None:
        """Stop the server: SIGTERM (a clean shutdown), then SIGKILL if it lingers."""
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start(
    tmp: Path,
    *options: str,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] | None = None,
) -> Server:
    """Start ``msp serve --port <free> OPTIONS...`` (or ``command``, given ``{port}``) and wait until ready."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    environment = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    environment.update(env or {})
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    argv = (
        [a.format(port=port) for a in command]
        if command is not None
        else [sys.executable, "-m", "msp", "serve", "--port", str(port), *options]
    )
    with log.open("wb") as sink:
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, env=environment, cwd=ROOT)  # noqa: S603
    server = Server(process, port, log)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


@contextlib.contextmanager
def running(tmp: Path, *options: str, **kwargs: object) -> Iterator[Server]:
    """A server for the ``with`` block, always stopped at its end."""
    server = start(tmp, *options, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()
