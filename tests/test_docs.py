"""The documentation's examples run, and its generated parts are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks() -> list[tuple[str, int, str]]:
    found = []
    for path in DOC_FILES:
        text = path.read_text(encoding="utf-8")
        for i, match in enumerate(BLOCK.finditer(text)):
            found.append((path.name, i, match.group(1)))
    return found


@pytest.mark.parametrize(("doc", "index", "code"), _blocks(), ids=lambda v: str(v)[:30] if isinstance(v, str) else v)
def test_python_examples_in_docs_run(doc: str, index: int, code: str) -> None:
    """Every ```python block in README.md and docs/ runs without error."""
    namespace: dict[str, object] = {"__name__": f"doc_{doc}_{index}"}
    exec(compile(code, f"{doc}[{index}]", "exec"), namespace)  # noqa: S102 - our own documentation


def test_generated_docs_are_current() -> None:
    """docs/rules.md and the code tables in docs/codes.md match the code (python tools/gen_docs.py)."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs README's test command exactly as written."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r'TEST_COMMAND="(.*)"', ci)
    assert command is not None
    assert command.group(1) in (ROOT / "README.md").read_text(encoding="utf-8")
