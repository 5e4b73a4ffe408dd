"""The ``setup`` the extension-aware test server runs: register the suite's local extensions.

Not a test module: ``msp.server.serve(..., setup=register)`` runs it in the server and in each
worker process (tests/server/conftest.py).
"""

from __future__ import annotations

from msp import register_extension
from tests.builders import SUITE_EXTENSIONS


def register() -> None:
    """Register every definition of ``tests.builders.SUITE_EXTENSIONS`` (again: a no-op)."""
    for definition in SUITE_EXTENSIONS:
        register_extension(definition)
