"""The documentation's examples run, and its generated parts are current."""

from __future__ import annotations

import argparse
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
    """docs/rules.md, the code tables in docs/codes.md and docs/fields.md match the code (python tools/gen_docs.py)."""
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


def _cli_parsers() -> dict[str, argparse.ArgumentParser]:
    """The ``msp`` parser and each subcommand's parser, by command name ("" for ``msp`` itself)."""
    from msp import cli  # noqa: PLC0415 - only these tests need it

    parser = cli._parser()
    found: dict[str, argparse.ArgumentParser] = {"": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _mentions(text: str, token: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def test_cli_doc_covers_every_command_option_and_choice() -> None:
    """docs/cli.md names every subcommand of ``msp``, every option of each, and every value of a choice."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parsers = _cli_parsers()
    assert set(parsers) == {"", "validate", "rules", "synth", "layout", "sac", "audit"}
    missing: list[str] = []
    for name, parser in parsers.items():
        if name and f"`msp {name}" not in text:
            missing.append(f"msp {name}")
        for action in parser._actions:
            missing += [f"msp {name} {o}" for o in action.option_strings if not _mentions(text, o)]
            if action.option_strings and action.choices and not isinstance(action.choices, dict):
                missing += [f"msp {name} {action.dest}={c}" for c in action.choices if not _mentions(text, str(c))]
    assert missing == [], f"docs/cli.md does not mention: {missing}"


_CODE = re.compile(r"\bSHAPE-[A-Z]+(?:-[A-Z]+)*\b")


def test_every_problem_code_emitted_is_listed_in_errors_doc() -> None:
    """Every SHAPE- code in src/msp has a row in docs/errors.md's table, and every row is a code in use."""
    emitted: set[str] = set()
    for path in (ROOT / "src" / "msp").rglob("*.py"):
        emitted.update(m.group(1) for m in re.finditer(r'"(SHAPE-[A-Z-]*[A-Z])"', path.read_text(encoding="utf-8")))
    assert {"SHAPE-ENCODING", "SHAPE-CSV", "SHAPE-COLUMN", "SHAPE-JSON"} <= emitted
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(SHAPE-[A-Z-]+)` \|", errors, flags=re.MULTILINE))
    assert sorted(emitted - listed) == [], "codes emitted but not in docs/errors.md"
    assert sorted(listed - emitted) == [], "codes in docs/errors.md that nothing emits"
    assert "(cli.md)" in errors


def test_cli_doc_codes_exist() -> None:
    """Every SHAPE- code docs/cli.md mentions is a real one."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(SHAPE-[A-Z-]+)` \|", errors, flags=re.MULTILINE))
    assert set(_CODE.findall(text)) <= listed
