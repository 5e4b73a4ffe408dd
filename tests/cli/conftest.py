"""What the command-line tests share: a synthetic extract longer than a pipe's buffer, a terminal, a fake tqdm."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from msp.synth import generate

BIG = 1500
"""Records in :func:`big_extract`: enough for numbers with a thousands separator and a report over 64 KiB."""


@pytest.fixture(scope="session")
def big_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 synthetic records, a tenth broken on purpose, as JSON Lines."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in generate(BIG, seed=12, invalid_share=0.1)), encoding="utf-8")
    return path


class Terminal(io.StringIO):
    """Standard error as a terminal: progress is drawn on it."""

    def isatty(self) -> bool:
        return True


class FakeBar:
    """Stands in for ``tqdm.tqdm``: records what it was asked to draw."""

    made: list[FakeBar]

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs, self.n, self.closed, self.postfix = kwargs, 0, False, {}
        FakeBar.made.append(self)

    def update(self, step: int) -> None:
        self.n += step

    def set_postfix(self, refresh: bool = True, **values: Any) -> None:
        self.postfix = values

    def close(self) -> None:
        self.closed = True
