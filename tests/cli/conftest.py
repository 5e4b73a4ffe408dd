"""What the command-line tests share: a synthetic extract longer than a pipe's buffer, one with an over-long line,
a terminal, a fake tqdm."""

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


LONG_LINE = 5
"""The line of :func:`long_line_extract` longer than 16 KiB."""


@pytest.fixture
def long_line_extract(tmp_path: Path) -> tuple[Path, Path]:
    """40 valid synthetic records as JSON Lines, line 5 padded with 20,000 spaces inside its JSON (the same
    record, on a line of over 16 KiB; every other line is under it), and the same file without line 5."""
    lines = [json.dumps(r) for r in generate(40, seed=5, invalid_share=0)]
    lines[LONG_LINE - 1] = "{" + " " * 20_000 + lines[LONG_LINE - 1][1:]
    others = [line for number, line in enumerate(lines, start=1) if number != LONG_LINE]
    assert max(len(line) for line in others) < 16 * 1024 < len(lines[LONG_LINE - 1])
    path, rest = tmp_path / "long-line.jsonl", tmp_path / "rest.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    rest.write_text("".join(line + "\n" for line in others), encoding="utf-8")
    return path, rest


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
