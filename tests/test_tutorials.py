"""The tutorials (docs/tutorials/*.md) run as written, from the first example to the last.

Each page is run the way a reader follows it: every ```python block in order, in one shared
namespace (a name defined in one block is used in the next), and every ```sh block in order
through ``bash -e`` (with this interpreter's ``bin`` directory first on ``PATH``, so ``msp`` is the
checkout's), all in one fresh temporary working directory.

A ```text block right after a ```python or ```sh block is the output the reader should see, and
is compared with what the block printed (standard output for Python; standard output and error
together for a shell block, as a terminal shows them). The comparison is exact, after one
documented normalisation:

- trailing spaces at the end of each line, and blank lines at the start and the end, are ignored;
- a line that is ``...`` alone stands for any number of lines (none included), so a long
  output can be shown in part.

A tutorial holds only ```python, ```sh and ```text blocks: anything else would be an example
this test does not run. Every ```text block must follow a block that runs.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.md"))
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
RUN = {"python", "sh"}


@dataclass(frozen=True)
class Block:
    """One fenced block of a page: its language, its text and the line its fence opens on."""

    lang: str
    code: str
    line: int


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of ``page``, in order."""
    text = page.read_text(encoding="utf-8")
    return [Block(m.group(1).strip(), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)]


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` output is what ``expected`` shows, under the normalisation above."""
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + r"\n" for line in _lines(expected))
    return re.fullmatch(pattern, "".join(line + "\n" for line in _lines(actual))) is not None


def _run_python(code: str, namespace: dict[str, object], where: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), namespace)  # noqa: S102 - our own documentation
    return out.getvalue()


def _run_sh(code: str, cwd: Path, where: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 - our own documentation
        ["bash", "-e", "-o", "pipefail", "-c", code],  # noqa: S607
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{where} exited {done.returncode}:\n{done.stdout}"
    return done.stdout


def test_there_are_tutorials() -> None:
    assert [p.name for p in TUTORIALS] == ["analyst.md", "developer.md"]


@pytest.mark.parametrize("page", TUTORIALS, ids=lambda p: p.name)
def test_a_tutorial_holds_only_examples_that_run(page: Path) -> None:
    """Only ```python, ```sh and ```text blocks, and each ```text block follows one that runs."""
    found = blocks(page)
    assert {b.lang for b in found} <= {*RUN, "text"}, f"{page.name}: a block this test would not run"
    for before, block in zip([None, *found], found, strict=False):
        if block.lang == "text":
            assert before is not None, f"{page.name}:{block.line}: output of nothing"
            assert before.lang in RUN, f"{page.name}:{block.line}: output of a block that does not run"


@pytest.mark.parametrize("page", TUTORIALS, ids=lambda p: p.name)
def test_a_tutorial_runs_in_order_and_prints_what_it_shows(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every block runs, in order, in a fresh directory; each shown output is what was printed."""
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"tutorial_{page.stem}"}
    found = blocks(page)
    ran = 0
    for i, block in enumerate(found):
        if block.lang not in RUN:
            continue
        where = f"{page.relative_to(ROOT)}:{block.line}"
        if block.lang == "python":
            output = _run_python(block.code, namespace, where)
        else:
            output = _run_sh(block.code, tmp_path, where)
        ran += 1
        shown = found[i + 1] if i + 1 < len(found) and found[i + 1].lang == "text" else None
        if shown is not None:
            assert matches(shown.code, output), f"{where}: printed\n{output}\nbut the page shows\n{shown.code}"
    assert ran > 0


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("a\nb\n", "a\nb\n", True),
        ("a\nb", "a  \nb\n\n", True),
        ("a\n...\nd\n", "a\nb\nc\nd\n", True),
        ("a\n...\nb\n", "a\nb\n", True),
        ("a\n...\n", "a\nb\nc\n", True),
        ("a\nb\n", "a\nc\n", False),
        ("a\n", "a\nb\n", False),
        ("a.c\n", "abc\n", False),
    ],
)
def test_the_output_comparison(expected: str, actual: str, ok: bool) -> None:
    """Exact but for trailing spaces, outer blank lines and ``...`` lines (any number of lines)."""
    assert matches(expected, actual) is ok
