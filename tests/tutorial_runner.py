"""Run a documentation page as a reader follows it; used by tests/test_tutorials.py and tests/test_docs.py.

No pytest here: the from-scratch test runs this module with the interpreter of a fresh virtual
environment, made and installed exactly as the page's own install line says::

    python -m tests.tutorial_runner docs/tutorials/analyst.md --cwd /some/empty/folder

What runs, and how shown output is compared (docs/contributing.md says the same to writers):

- ```python blocks run in order in one namespace per page; ```pycon blocks (``>>>`` prompts)
  run as doctests in that same namespace;
- ```console blocks are terminal transcripts: each line starting ``$ `` is a command, run
  through ``bash``, and the lines after it, up to the next ``$ ``, are what it prints (standard
  output and error), compared as a ```text block is; the exit status is not compared (a
  transcript shows error messages of commands that exit 2);
- ```sh blocks run in order through ``bash -e`` (a command that fails stops the block and fails
  the test; in a pipeline only the last command's status counts, as in a reader's terminal),
  with this interpreter's ``bin`` directory first on ``PATH`` (so ``msp`` is this environment's);
- a ```text block right after a ```python or ```sh block is the output the reader should see
  (standard output for Python; standard output and error together for a shell block, as a
  terminal shows them), compared exactly after one normalisation: trailing spaces, and blank
  lines at the start and the end, are ignored, and a line that is ``...`` alone (indented or
  not) stands for any number of lines (none included);
- ``<!-- msp-doc: not run: REASON -->`` just before a fence says that block is shown but not run,
  and why (a server that runs until stopped, another program's configuration); a ```text block
  right after it is not compared either;
- ``<!-- msp-doc: sh ... -->`` is shell code the reader does not see, run at that point (starting
  and stopping a service a page's examples call). The comment is invisible on the site and on
  GitHub.

Everything runs in one working directory per page; reference pages (``docs/*.md``, README.md)
get the checkout's ``examples/`` folder linked into it, since their examples name it.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
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
"""Every page run as a reader follows it from an empty folder: the tutorials, then the how-to pages."""
REFERENCE_PAGES = [
    ROOT / "README.md",
    *sorted(
        p
        for p in (ROOT / "docs").rglob("*.md")
        if not {"tutorials", "howto", "_build"} & set(p.relative_to(ROOT / "docs").parts)
    ),
]
"""The other pages: run the same way, in a folder that holds the checkout's ``examples/``."""
RUN_ELSEWHERE = {
    ROOT / "docs" / "vendors.md": "tests/server/test_vendor_guide.py runs its examples against a real service",
}
"""Reference pages whose examples need more than a folder, with the test that runs them instead."""
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
MARK = re.compile(
    r"^<!-- msp-doc: (not run: (?P<reason>[^\n]*?)|(?P<hidden>sh)\n(?P<code>.*?))\s*-->[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
RUN = {"python", "sh", "pycon", "console"}
SHOWS_OUTPUT = {"python", "sh"}


@dataclass(frozen=True)
class Block:
    """One fenced block of a page (or a hidden ``msp-doc: sh`` comment): language, text, line, and why it is not run."""

    lang: str
    code: str
    line: int
    not_run: str | None = None
    hidden: bool = False


def blocks(page: Path) -> list[Block]:
    """The fenced blocks and hidden shell comments of ``page``, in order; a ``not run`` mark goes to the next fence."""
    text = page.read_text(encoding="utf-8")
    found: list[Block] = []
    fences = list(FENCE.finditer(text))
    marks = [m for m in MARK.finditer(text) if not any(f.start() < m.start() < f.end() for f in fences)]
    events = sorted([*fences, *marks], key=lambda m: m.start())  # a mark shown inside a block is text
    reason: str | None = None
    for m in events:
        line = text.count("\n", 0, m.start()) + 1
        if m.re is MARK:
            if m.group("hidden"):
                found.append(Block("sh", m.group("code"), line, hidden=True))
            else:
                reason = m.group("reason").strip()
                assert reason, f"{page.name}:{line}: 'not run:' needs a reason"
            continue
        lang = m.group(1).strip()
        if reason is None and found and found[-1].not_run and lang == "text" and not found[-1].hidden:
            reason = found[-1].not_run  # the output of a block that is not run is not compared either
        found.append(Block(lang, m.group(2), line, not_run=reason))
        reason = None
    return found


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` output is what ``expected`` shows, under the normalisation above."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line.strip() == "..." else re.escape(line) + r"\n" for line in _lines(expected)
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in _lines(actual))) is not None


def run_python(code: str, namespace: dict[str, object], where: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, where, "exec"), namespace)  # noqa: S102 - our own documentation
    return out.getvalue()


def run_pycon(code: str, namespace: dict[str, object], where: str) -> None:
    """Run ``>>>`` examples as doctests in ``namespace``.

    Raises:
        AssertionError: an example printed something other than what the page shows.
    """
    test = doctest.DocTestParser().get_doctest(code, namespace, where, where, 0)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.write, clear_globs=False)
    assert runner.failures == 0, f"{where}:\n{report.getvalue()}"


def run_console(code: str, cwd: Path, where: str) -> None:
    """Run each ``$ `` command of a transcript and compare what it prints with the lines under it.

    Raises:
        AssertionError: a command printed something other than what the transcript shows.
    """
    steps = re.split(r"^\$ ", code, flags=re.MULTILINE)
    assert steps[0].strip() == "", f"{where}: a transcript starts with a '$ ' command"
    for step in steps[1:]:
        command, _, shown = step.partition("\n")
        output = run_sh(command, cwd, where, check=False)
        assert matches(shown, output), f"{where}: `$ {command}` printed\n{output}\nbut the page shows\n{shown}"


def run_sh(code: str, cwd: Path, where: str, *, check: bool = True) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 - our own documentation
        ["bash", *(["-e"] if check else []), "-c", code],  # noqa: S607
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert done.returncode == 0 or not check, f"{where} exited {done.returncode}:\n{done.stdout}"
    return done.stdout


def prepare(page: Path, cwd: Path) -> None:
    """Give a reference page's working directory the checkout's ``examples/`` (tutorials start empty)."""
    if page in REFERENCE_PAGES and not (cwd / "examples").exists():
        (cwd / "examples").symlink_to(ROOT / "examples", target_is_directory=True)


def run_page(page: Path, cwd: Path) -> int:
    """Run every block of ``page`` in order in ``cwd``, checking each shown output; return how many blocks ran.

    Hidden shell comments run too, and count. A page that starts a service in the background
    writes its process id to a ``*.pid`` file in ``cwd`` and stops it in its last hidden block;
    after a failure the caller stops what is left (:func:`stop_leftovers`).

    Raises:
        AssertionError: a block failed, or printed something other than the output the page shows.
    """
    prepare(page, cwd)
    os.chdir(cwd)
    namespace: dict[str, object] = {"__name__": f"doc_{page.stem}"}
    found = blocks(page)
    ran = 0
    for i, block in enumerate(found):
        if block.lang not in RUN or block.not_run is not None:
            continue
        where = f"{page.name}:{block.line}"
        if block.lang in {"pycon", "console"}:
            if block.lang == "pycon":
                run_pycon(block.code, namespace, where)
            else:
                run_console(block.code, cwd, where)
            ran += 1
            continue
        output = run_python(block.code, namespace, where) if block.lang == "python" else run_sh(block.code, cwd, where)
        ran += 1
        shown = found[i + 1] if i + 1 < len(found) and found[i + 1].lang == "text" and not block.hidden else None
        if shown is not None and shown.not_run is not None:
            shown = None
        if shown is not None:
            assert matches(shown.code, output), f"{where}: printed\n{output}\nbut the page shows\n{shown.code}"
    return ran


def stop_leftovers(cwd: Path) -> None:
    """Stop every process whose id a page wrote to a ``*.pid`` file in ``cwd`` and did not stop itself."""
    for pid_file in cwd.glob("*.pid"):
        with contextlib.suppress(ValueError, OSError):
            os.kill(int(pid_file.read_text(encoding="ascii").strip()), 15)


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
