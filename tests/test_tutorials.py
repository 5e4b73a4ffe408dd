"""The tutorials (docs/tutorials/*.md) and how-to pages (docs/howto/*.md) run as written, from the
first example to the last.

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

The same pages are also run **from scratch** (:func:`test_a_tutorial_runs_from_scratch`): a copy
of the checkout, a fresh virtual environment made and installed by the page's own install line
(which fetches packages from the index), then every block run by that environment's
interpreter (``tests/tutorial_runner.py``). That is slow (a minute or two), so it runs where
``MSP_CI=1`` (.ci/run) or ``MSP_TUTORIALS_FROM_SCRATCH=1`` is set, and skips, saying so,
elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tutorial_runner import HOWTOS, PAGES, ROOT, RUN, TUTORIALS, blocks, install_line, matches, run_page


def test_there_are_tutorials() -> None:
    assert [p.name for p in TUTORIALS] == ["analyst.md", "developer.md", "vendor.md"]
    assert [p.name for p in HOWTOS] == ["privacy.md", "rules-and-profiles.md", "scale.md", "timescales.md"]
    assert [*TUTORIALS, *HOWTOS] == PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_a_tutorial_holds_only_examples_that_run(page: Path) -> None:
    """Only ```python, ```sh and ```text blocks, and each ```text block follows one that runs."""
    found = blocks(page)
    assert {b.lang for b in found} <= {*RUN, "text"}, f"{page.name}: a block this test would not run"
    for before, block in zip([None, *found], found, strict=False):
        if block.lang == "text":
            assert before is not None, f"{page.name}:{block.line}: output of nothing"
            assert before.lang in RUN, f"{page.name}:{block.line}: output of a block that does not run"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_a_tutorial_runs_in_order_and_prints_what_it_shows(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every block runs, in order, in a fresh directory; each shown output is what was printed."""
    monkeypatch.chdir(tmp_path)  # run_page moves there too; this puts the test's directory back after
    assert run_page(page, tmp_path) > 0


_COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "_build", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"
)


def _fresh_checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the checkout in ``tmp_path`` and an environment with no virtual environment active,
    for a from-scratch run; skips, saying how to run it, unless ``MSP_CI=1`` or
    ``MSP_TUTORIALS_FROM_SCRATCH=1``."""
    if not (os.environ.get("MSP_CI") == "1" or os.environ.get("MSP_TUTORIALS_FROM_SCRATCH") == "1"):
        pytest.skip("slow (a fresh virtual environment, packages from the index): MSP_TUTORIALS_FROM_SCRATCH=1 runs it")
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=_COPY_IGNORE)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "/.venv" not in p)
    return checkout, env


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_a_tutorial_runs_from_scratch(page: Path, tmp_path: Path) -> None:
    """A copy of the checkout, a fresh venv installed by the page's own line, then the page run by that venv."""
    checkout, env = _fresh_checkout(tmp_path)
    install = install_line(page)
    made = subprocess.run(  # noqa: S603 - the page's own install line
        ["bash", "-e", "-c", f"{install} > install.log 2>&1 || {{ tail -40 install.log; exit 1; }}"],  # noqa: S607
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, f"{page.name}: `{install}` failed:\n{made.stdout}{made.stderr}"
    python = checkout / ".venv" / "bin" / "python"
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(  # noqa: S603
        [
            str(python),
            "-m",
            "tests.tutorial_runner",
            str(checkout / page.relative_to(ROOT)),
            "--cwd",
            str(work),
        ],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{page.name} from scratch:\n{done.stdout}{done.stderr}"
    assert "blocks ran as shown" in done.stdout


def test_the_readme_main_job_runs_from_scratch(tmp_path: Path) -> None:
    """README's first command, as written, in a copy of the checkout: a fresh venv, ``pip install .``,
    then ``msp validate examples/concerns.jsonl``, which exits 1 (some example records are faulty, as
    README says) after reporting every one of the 200 records."""
    checkout, env = _fresh_checkout(tmp_path)
    (command,) = [
        b.code.strip()
        for b in blocks(ROOT / "README.md")
        if b.code.startswith("python3 -m venv .venv") and "msp validate" in b.code
    ]
    done = subprocess.run(  # noqa: S603 - README's own command
        ["bash", "-c", command],  # noqa: S607
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, f"{command}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    assert "records read:            200" in done.stdout
    assert "checked by the rules:  190" in done.stdout


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


_PAGE = """# A page

<!-- msp-doc: not run: runs until stopped -->
```sh
sleep 1000
```

```text
(not compared)
```

<!-- msp-doc: sh
echo hidden > made-by-hidden.txt
-->

```sh
cat made-by-hidden.txt
echo to stderr >&2
```

```text
hidden
to stderr
```

```python
x = 41
print(x + 1)
```

```text
42
```

```pycon
>>> x + 2
43
```

```console
$ echo one; echo two
one
...
$ ls missing-file
...No such file or directory
```

```text
<!-- msp-doc: sh
touch never-made.txt
-->
```
"""


def test_the_runner_runs_what_a_page_says_and_skips_what_it_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marks set a block aside with its reason (and its output); hidden shell runs; a mark inside a block is text."""
    page = tmp_path / "page.md"
    page.write_text(_PAGE.replace("...No such", "ls: cannot access 'missing-file': No such"), encoding="utf-8")
    found = blocks(page)
    assert [(b.lang, b.not_run, b.hidden) for b in found] == [
        ("sh", "runs until stopped", False),
        ("text", "runs until stopped", False),
        ("sh", None, True),
        ("sh", None, False),
        ("text", None, False),
        ("python", None, False),
        ("text", None, False),
        ("pycon", None, False),
        ("console", None, False),
        ("text", None, False),
    ]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert run_page(page, work) == 5  # hidden sh, sh, python, pycon, console
    assert (work / "made-by-hidden.txt").exists()
    assert not (work / "never-made.txt").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hidden\nto stderr", "hidden\nnot this"),
        ("42", "41"),
        (">>> x + 2\n43", ">>> x + 2\n44"),
        ("one\n...", "three"),
    ],
)
def test_the_runner_fails_on_output_other_than_shown(
    old: str, new: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    text = _PAGE.replace("...No such", "ls: cannot access 'missing-file': No such")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AssertionError):
        run_page(page, tmp_path)


def test_the_runner_fails_on_a_command_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text("```sh\nfalse\necho never\n```\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AssertionError, match="exited 1"):
        run_page(page, tmp_path)
