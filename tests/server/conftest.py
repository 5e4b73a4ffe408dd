"""Fixtures: real ``msp serve`` processes on free local ports, one per setting, stopped at the end.

Each is started once per test session (a server takes a second or two to start its workers)
and stopped, whatever happens, when the session ends.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

from msp.server import TOKEN_ENV
from tests.builders import SUITE_EXTENSIONS
from tests.server.serving import TOKEN, Server, running

CORS_ORIGIN = "https://case-system.example"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """localhost, no token; a 1-second body time limit and an 8 MiB body limit."""
    with running(tmp_path_factory.mktemp("server"), "--jobs", "1", "--body-timeout", "1", "--max-body-size", "8M") as s:
        yield s


@pytest.fixture(scope="session")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A bearer token from MSP_SERVER_TOKEN, CORS for one origin, and the suite's extensions from a file."""
    tmp = tmp_path_factory.mktemp("secured")
    definitions = tmp / "extensions.json"
    content = {"msp_extensions": 1, "extensions": [d.to_dict() for d in SUITE_EXTENSIONS]}
    definitions.write_text(json.dumps(content), encoding="utf-8")
    options = ("--jobs", "1", "--cors-origin", CORS_ORIGIN, "--extensions", str(definitions))
    with running(tmp, *options, env={TOKEN_ENV: TOKEN}) as s:
        yield s


@pytest.fixture(scope="session")
def hurried(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A processing time limit of 0.1 seconds."""
    with running(tmp_path_factory.mktemp("hurried"), "--jobs", "1", "--timeout", "0.1", "--max-body-size", "32M") as s:
        yield s


@pytest.fixture(scope="session")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Served from Python with ``setup=`` registering the suite's local extensions."""
    code = (
        "from msp.server import ServerConfig, serve; from tests.server.suite_setup import register; "
        "serve(ServerConfig(port={port}, jobs=1), setup=register)"
    )
    with running(tmp_path_factory.mktemp("extended"), command=[sys.executable, "-c", code]) as s:
        yield s
