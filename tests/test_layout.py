"""The package layout: paths name their layer, and every import of our own modules is static.

import-linter (``lint-imports``, run by .ci/run) checks the layer and acyclic contracts in
pyproject.toml; it sees only static imports, so these tests make sure nothing hides from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import msp

SRC = Path(msp.__file__).resolve().parent
LAYERS = ("codes", "model", "convert", "rules", "workflow", "io", "reports", "synth", "server", "cli")
"""Bottom to top; pyproject.toml's layers contract lists them top to bottom."""
PACKAGE_WIDE = {"__init__.py", "__main__.py", "errors.py"}


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _dynamic_imports(path: Path) -> list[str]:
    """``import_module``/``__import__`` calls whose target is ours or cannot be read statically."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in {"import_module", "__import__"}:
            continue
        target = node.args[0] if node.args else None
        if not (isinstance(target, ast.Constant) and isinstance(target.value, str)):
            found.append(f"{path.name}:{node.lineno} {name}(<not a literal>)")
        elif target.value == "msp" or target.value.startswith(("msp.", ".")):
            found.append(f"{path.name}:{node.lineno} {name}({target.value!r})")
    return found


class TestStaticImports:
    """Our own modules are imported with plain import statements, never through importlib."""

    def test_no_import_module_or_dunder_import_of_an_msp_name(self):
        found = [hit for path in _sources() for hit in _dynamic_imports(path)]
        assert found == []

    @pytest.mark.parametrize(
        ("source", "caught"),
        [
            ("import importlib\nimportlib.import_module('msp.synth')\n", True),
            ("from importlib import import_module\nimport_module('msp')\n", True),
            ("__import__('msp.rules')\n", True),
            ("import importlib\nname = 'msp.io'\nimportlib.import_module(name)\n", True),
            ("import importlib\nimportlib.import_module('.batch', 'msp.io')\n", True),
            ("import importlib\nimportlib.import_module('tqdm')\n", False),
            ("import msp.rules\n", False),
        ],
    )
    def test_the_check_catches_what_it_should(self, tmp_path, source, caught):
        path = tmp_path / "example.py"
        path.write_text(source, encoding="utf-8")
        assert bool(_dynamic_imports(path)) is caught


class TestPaths:
    """The path of every module names its layer."""

    def test_top_level_holds_only_package_wide_modules(self):
        top = {p.name for p in SRC.glob("*.py")}
        assert top <= PACKAGE_WIDE

    def test_every_layer_is_a_package(self):
        for layer in LAYERS:
            assert (SRC / layer / "__init__.py").is_file(), layer

    def test_every_module_sits_in_a_layer(self):
        stray = [
            str(p.relative_to(SRC)) for p in _sources() if p.parent != SRC and p.relative_to(SRC).parts[0] not in LAYERS
        ]
        assert stray == []

    def test_the_layers_contract_names_every_layer_in_order(self):
        tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")
        config = tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
        contracts = config["tool"]["importlinter"]["contracts"]
        layers = next(c for c in contracts if c["type"] == "layers")
        assert tuple(reversed(layers["layers"])) == LAYERS
        assert layers["containers"] == ["msp"]
        assert any(c["type"] == "acyclic_siblings" and c["ancestors"] == ["msp"] for c in contracts)


class TestTestsMirrorThePackage:
    """The test tree mirrors the package tree, so a module's tests are where its path says."""

    def test_every_test_folder_names_a_package(self):
        tests = Path(__file__).resolve().parent
        folders = [
            p
            for p in tests.rglob("*")
            if p.is_dir()
            and not any(part.startswith((".", "__")) for part in p.relative_to(tests).parts)
            and "fixtures" not in p.relative_to(tests).parts  # data the tests read (tests/fixtures), not tests
        ]
        assert folders, "the test tree has sub-folders"
        assert not list((tests / "fixtures").rglob("*.py")), "tests/fixtures holds data only"
        unmatched = [
            str(f.relative_to(tests)) for f in folders if not (SRC / f.relative_to(tests) / "__init__.py").is_file()
        ]
        assert unmatched == []

    def test_every_layer_has_its_tests(self):
        tests = Path(__file__).resolve().parent
        assert [layer for layer in LAYERS if not any((tests / layer).glob("test_*.py"))] == []
