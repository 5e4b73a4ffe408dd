"""The documentation's examples run, its generated parts are current, and it cites only published sources."""

from __future__ import annotations

import argparse
import builtins
import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import msp
from tests.rules.test_catalogue_meta import SEED_CITATION
from tests.tutorial_runner import (
    PAGES,
    REFERENCE_PAGES,
    RUN,
    RUN_ELSEWHERE,
    SHOWS_OUTPUT,
    blocks,
    run_page,
    stop_leftovers,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "page", [p for p in REFERENCE_PAGES if p not in RUN_ELSEWHERE], ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_a_page_runs_as_shown(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example of README.md and each reference page in docs/ runs, in order, and prints what the page shows.

    The conventions are tests/tutorial_runner.py's (docs/contributing.md): ```python, ```pycon and
    ```sh blocks run; a ```text block after one is its output, compared.
    """
    monkeypatch.chdir(tmp_path)  # run_page moves there too; this puts the test's directory back after
    try:
        run_page(page, tmp_path)
    finally:
        stop_leftovers(tmp_path)


def test_pages_run_elsewhere_name_a_test_that_exists() -> None:
    for page, reason in RUN_ELSEWHERE.items():
        assert page in REFERENCE_PAGES
        (ROOT / reason.split()[0]).resolve(strict=True)


_DIRECTIVE = re.compile(r"^\{[a-z-]+\}")  # MyST directives: {toctree}, {msp-module}, ...


@pytest.mark.parametrize("page", [*REFERENCE_PAGES, *PAGES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_runs_or_says_why_not(page: Path) -> None:
    """Every fenced block is run, is the output of one that runs, is JSON that parses, or says why it is not run."""
    found = blocks(page)
    unexplained: list[str] = []
    for before, block in zip([None, *found], found, strict=False):
        where = f"{page.name}:{block.line} ```{block.lang}"
        if block.not_run is not None or block.lang in RUN or _DIRECTIVE.match(block.lang):
            continue
        if block.lang == "text":
            if before is None or before.lang not in SHOWS_OUTPUT or before.hidden or before.not_run is not None:
                unexplained.append(f"{where}: output of no example that runs")
        elif block.lang == "json":
            try:
                json.loads(block.code)
            except ValueError as error:
                unexplained.append(f"{where}: not JSON ({error})")
        else:
            unexplained.append(f"{where}: not run, and no <!-- msp-doc: not run: REASON --> says why")
    assert unexplained == []


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


def test_the_exception_diagram_in_errors_doc_is_the_hierarchy() -> None:
    """docs/errors.md's diagram names every public exception and warning of msp.errors, each under its bases."""
    import msp.errors  # noqa: PLC0415

    (diagram,) = [b.code for b in blocks(ROOT / "docs" / "errors.md") if b.lang == "text" and "MspError" in b.code]
    shown: dict[str, set[str]] = {}
    for line in diagram.splitlines():
        found = re.match(r"^[\s│├└─]*(\w+)(?: \(([\w, ]+)\))?", line)
        if found and found.group(1)[0].isupper() and hasattr(msp.errors, found.group(1)):
            under = {"MspError"} if line.startswith(("├", "└")) else set()
            shown[found.group(1)] = under | set(filter(None, (found.group(2) or "").replace(" ", "").split(",")))
    public = {
        name
        for name, value in vars(msp.errors).items()
        if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == "msp.errors"
    }
    assert public - {n for n in public if n.startswith("_")} == set(shown)
    for name, bases in shown.items():
        for base in bases:
            assert issubclass(getattr(msp.errors, name), getattr(msp.errors, base, None) or getattr(builtins, base))


def test_the_package_map_in_layout_doc_names_every_subpackage() -> None:
    """docs/layout.md's map of ``msp/`` lists each subpackage of msp, and only those."""
    (tree,) = [b.code for b in blocks(ROOT / "docs" / "layout.md") if b.code.startswith("msp/\n")]
    shown = set(re.findall(r"^  (\w+)/", tree, flags=re.MULTILINE))
    packages = {p.parent.name for p in (ROOT / "src" / "msp").glob("*/__init__.py")}
    assert shown == packages


def _field_class(cls: type, name: str) -> tuple[type, bool]:
    """The record class a field of ``cls`` holds, and whether it holds a tuple of them."""
    import typing  # noqa: PLC0415

    hint = typing.get_type_hints(cls)[name]
    many = False
    while typing.get_args(hint):
        args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
        many = many or typing.get_origin(hint) is tuple
        (hint,) = args
    return hint, many


def test_the_record_tree_in_model_doc_is_the_model() -> None:
    """docs/model.md's tree of a Concern: each ``field: Class`` is a field of its parent holding that class
    (``Class*``: a tuple of them)."""
    import msp.codes  # noqa: PLC0415
    import msp.model  # noqa: PLC0415

    (tree,) = [b.code for b in blocks(ROOT / "docs" / "model.md") if b.code.startswith("Concern\n")]
    parents: list[type] = [msp.model.Concern]
    checked = 0
    for line in tree.splitlines()[1:]:
        found = re.match(r"^((?:[│ ] {3})*)[├└]── ([\w /]+): (\w+)(\*?)$", line)
        assert found, line
        depth = len(found.group(1)) // 4
        del parents[depth + 1 :]
        held = getattr(msp.model, found.group(3), None) or getattr(msp.codes, found.group(3))
        for name in found.group(2).split(" / "):
            assert _field_class(parents[depth], name) == (held, found.group(4) == "*"), line
            checked += 1
        parents.append(held)
    assert checked > 40
