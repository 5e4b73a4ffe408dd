"""The test suite's own rules: no skip under ``MSP_CI=1``, and a docstring on every test class."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

# The hooks under test, loaded into each inner pytest run from tests/conftest.py.
CONFTEST = "from tests.conftest import pytest_make_collect_report, pytest_runtest_makereport\n"

SKIPPING_TESTS = """
import pytest

def test_passes():
    pass

def test_skips_while_running():
    pytest.skip("the frobnicator is not installed")

@pytest.mark.skipif(True, reason="no frobnicator on this system")
def test_skipped_by_a_mark():
    pass

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_to_fail():
    assert False
"""

SKIPPED_MODULE = """
import pytest

pytest.importorskip("no_such_module_for_msp_tests", reason="the frobnicator extra is not installed")

def test_never_collected():
    pass
"""


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester whose runs use the skip hooks of tests/conftest.py."""
    pytester.makeconftest(CONFTEST)
    return pytester


class TestSkipsFailUnderMspCi:
    """With ``MSP_CI=1`` every skip, at run time, by a mark or of a whole module, fails the run with its reason."""

    def test_without_msp_ci_skips_are_skips(self, inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
        """Unset (or not 1), skips are reported as skips and the run passes."""
        monkeypatch.delenv("MSP_CI", raising=False)
        inner.makepyfile(test_skipping=SKIPPING_TESTS)
        result = inner.runpytest()
        result.assert_outcomes(passed=1, skipped=2, xfailed=1)
        assert result.ret == pytest.ExitCode.OK
        monkeypatch.setenv("MSP_CI", "0")
        inner.runpytest().assert_outcomes(passed=1, skipped=2, xfailed=1)

    def test_with_msp_ci_every_skip_fails_with_its_reason(
        self, inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
    ):
        """A skip while running fails; a skip mark fails at setup (an error); an xfail is not a skip."""
        monkeypatch.setenv("MSP_CI", "1")
        inner.makepyfile(test_skipping=SKIPPING_TESTS)
        result = inner.runpytest("-rfE")
        result.assert_outcomes(passed=1, failed=1, errors=1, xfailed=1)
        assert result.ret == pytest.ExitCode.TESTS_FAILED
        result.stdout.fnmatch_lines(
            [
                "MSP_CI=1: no test may skip, and this one did: no frobnicator on this system (*test_skipping.py:9)",
                "MSP_CI=1: no test may skip, and this one did: the frobnicator is not installed (*test_skipping.py:7)",
                "FAILED test_skipping.py::test_skips_while_running - MSP_CI=1*",
                "ERROR test_skipping.py::test_skipped_by_a_mark - MSP_CI=1*",
            ]
        )

    def test_a_module_skipped_at_collection(self, inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
        """A module-level importorskip skips the module, and under MSP_CI=1 is a collection error naming why."""
        inner.makepyfile(test_skipped_module=SKIPPED_MODULE)
        monkeypatch.delenv("MSP_CI", raising=False)
        inner.runpytest().assert_outcomes(skipped=1)
        monkeypatch.setenv("MSP_CI", "1")
        result = inner.runpytest()
        result.assert_outcomes(errors=1)
        assert result.ret == pytest.ExitCode.INTERRUPTED  # a collection error stops the run
        result.stdout.fnmatch_lines(
            ["MSP_CI=1: no test may skip, and this one did: the frobnicator extra is not installed (*)"]
        )


# -- every test class says what it covers -------------------------------------------------


def _classes_without_docstrings(path: Path, root: Path = TESTS.parent) -> list[str]:
    """``file:line Class`` for each class named Test... in ``path`` that has no docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test") and not ast.get_docstring(node)
    ]


class TestEveryTestClassHasADocstring:
    """Each test class in tests/**/test_*.py opens with a sentence saying what behaviour it covers."""

    def test_the_walk_finds_the_test_files(self):
        """The check sees this file and the rule tests, so it cannot pass by finding nothing."""
        found = {p.relative_to(TESTS).as_posix() for p in TESTS.rglob("test_*.py")}
        assert {"test_suite.py", "workflow/test_steps.py", "rules/families/test_practice.py"} <= found

    def test_a_class_without_a_docstring_is_found(self, tmp_path: Path):
        """The check itself reports a bare class and accepts a documented one."""
        sample = tmp_path / "tests" / "test_sample.py"
        sample.parent.mkdir()
        sample.write_text('class TestBare:\n    pass\n\n\nclass TestDocumented:\n    """Covers x."""\n')
        assert [line.split()[-1] for line in _classes_without_docstrings(sample, tmp_path)] == ["TestBare"]

    def test_every_test_class_has_a_docstring(self):
        """Every class named Test... in every tests/**/test_*.py has a docstring."""
        missing = [entry for path in sorted(TESTS.rglob("test_*.py")) for entry in _classes_without_docstrings(path)]
        assert missing == [], "test classes without a docstring:\n" + "\n".join(missing)
