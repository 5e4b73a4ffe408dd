"""Run a tutorial or how-to page (docs/tutorials/, docs/howto/) as a reader follows it; used by tests/test_tutorials.py.

No pytest here: the from-scratch test runs this module with the interpreter of a fresh virtual
environment, made and installed exactly as the page's own install line says::

    python -m tests.tutorial_runner docs/tutorials/analyst.md --cwd /some/empty/folder

See tests/test_tutorials.py for what is run and how shown output is compared.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.md"))
HOWTOS = sorted((ROOT / "docs" / "howto").glob("*.md"))
PAGES = [*TUTORIALS, *HOWTOS]
"""Every page run as a reader follows it: the tutorials, then the how-to pages."""
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


def run_python(code: str, namespace: dict[str, object], where: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), namespace)  # noqa: S102 - our own documentation
    return out.getvalue()


def run_sh(code: str, cwd: Path, where: str) -> str:
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


def run_page(page: Path, cwd: Path) -> int:
    """Run every block of ``page`` in order in ``cwd``, checking each shown output; return how many blocks ran.

    Raises:
        AssertionError: a block failed, or printed something other than the output the page shows.
    """
    os.chdir(cwd)
    namespace: dict[str, object] = {"__name__": f"tutorial_{page.stem}"}
    found = blocks(page)
    ran = 0
    for i, block in enumerate(found):
        if block.lang not in RUN:
            continue
        where = f"{page.name}:{block.line}"
        output = run_python(block.code, namespace, where) if block.lang == "python" else run_sh(block.code, cwd, where)
        ran += 1
        shown = found[i + 1] if i + 1 < len(found) and found[i + 1].lang == "text" else None
        if shown is not None:
            assert matches(shown.code, output), f"{where}: printed\n{output}\nbut the page shows\n{shown.code}"
    return ran


INSTALL = re.compile(r"`(python3 -m venv \.venv && \. \.venv/bin/activate && pip install [^`]+)`")
"""A page's install line, as the reader is told to run it in the source checkout."""


def install_line(page: Path) -> str:
    """The one install command ``page`` tells the reader to run.

    Raises:
        AssertionError: the page has none, or more than one.
    """
    found = INSTALL.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{page.name}: one install line, `python3 -m venv .venv && ... && pip install ...`"
    return found[0]


def main() -> int:
    """``python -m tests.tutorial_runner PAGE --cwd DIR``: exit 0 where the page ran as shown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--cwd", type=Path, required=True)
    args = parser.parse_args()
    ran = run_page(args.page.resolve(), args.cwd.resolve())
    print(f"{args.page.name}: {ran} blocks ran as shown")  # noqa: T201 - the runner's one line of output
    return 0


if __name__ == "__main__":
    sys.exit(main())
