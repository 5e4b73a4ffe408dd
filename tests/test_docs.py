"""The documentation's examples run, its generated parts are current, and it cites only published sources."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import msp
from tests.rules.test_catalogue_meta import SEED_CITATION

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
    assert set(parsers) == {
        "",
        *("validate", "rules", "synth", "layout", "sac", "audit", "codes", "migrate", "schema", "serve"),
    }
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


# -- published sources only ------------------------------------------------------------------
# Users do not have the project's private notes (reference.md) or the seed documents: the docs,
# the changelog and every docstring cite published sources (Acts, statutory guidance, named
# publications) instead. SEED_CITATION is the pattern tests/rules/test_catalogue_meta.py holds
# the rule catalogue to.

CITING_FILES = sorted(
    {
        ROOT / "README.md",
        ROOT / "CHANGELOG.md",
        # docs/_build/ is a local build of the site (README.md): output, not a source.
        *(p for p in (ROOT / "docs").rglob("*") if p.is_file() and "_build" not in p.relative_to(ROOT / "docs").parts),
    }
)


def _citations(text: str) -> list[str]:
    """Each line of ``text`` that cites a seed or the private notes, with its line number."""
    return [f"{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if SEED_CITATION.search(line)]


@pytest.mark.parametrize("path", CITING_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_cite_no_seed_and_no_private_notes(path: Path) -> None:
    """Every file under docs/, README.md and CHANGELOG.md name published sources only."""
    assert _citations(path.read_text(encoding="utf-8")) == []


def _modules() -> Iterator[object]:
    yield msp
    for info in pkgutil.walk_packages(msp.__path__, prefix="msp."):
        yield importlib.import_module(info.name)


def _docstrings() -> Iterator[tuple[str, str]]:
    """``(qualified name, docstring)`` of every module under ``msp`` and of every public class,
    function, method and property defined in one."""
    for module in _modules():
        name = getattr(module, "__name__", "")
        yield name, inspect.getdoc(module) or ""
        for attr, value in vars(module).items():
            if attr.startswith("_") or getattr(value, "__module__", None) != name:
                continue
            if inspect.isclass(value):
                yield f"{name}.{attr}", inspect.getdoc(value) or ""
                for member, inner in vars(value).items():
                    if member.startswith("_"):
                        continue
                    target = inner.fget if isinstance(inner, property) else getattr(inner, "__func__", inner)
                    if inspect.isfunction(target) or isinstance(inner, property):
                        yield f"{name}.{attr}.{member}", inspect.getdoc(target) or ""
            elif inspect.isfunction(value) or callable(value):
                yield f"{name}.{attr}", inspect.getdoc(value) or ""


def test_docstrings_cite_no_seed_and_no_private_notes() -> None:
    """No docstring of a module, class, function, method or property under ``msp`` cites a seed or reference.md."""
    found = [f"{where} line {line}" for where, doc in _docstrings() for line in _citations(doc)]
    assert found == []


def test_the_docstring_walk_reaches_the_whole_package() -> None:
    names = {where for where, _ in _docstrings()}
    assert {"msp.rules._types.Rule", "msp.rules._types.Basis", "msp.model.concern.Concern"} <= names
    assert "msp.rules._registry.Profile.rule_set" in names
    assert len(names) > 500


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "src" / "msp").rglob("*") if p.suffix in {".py", ".json"}),
    ids=lambda p: str(p.relative_to(ROOT / "src")),
)
def test_the_source_cites_no_seed_and_no_private_notes(path: Path) -> None:
    """Comments, messages and catalogue data under src/msp name published sources too."""
    assert _citations(path.read_text(encoding="utf-8")) == []
