"""Shared test configuration: Hypothesis profiles, and no skips in CI.

Hypothesis: ``dev`` is the default; ``ci`` (loaded when the ``CI`` environment
variable is set) is the same for now, so a failure seen in CI reproduces
locally. Choose another with ``HYPOTHESIS_PROFILE``.

Local extensions: the suite registers one extension definition of each type
(``tests.builders.SUITE_EXTENSIONS``, namespace ``test-suite``) for every test, as a
council would at start-up, so that the strategies and builders can fill
``Concern.extensions``.

Skips: a test may skip only where an optional extra (msgspec, holidays,
pydantic, pandas, tqdm) or a system tool is absent, and says which. With
``MSP_CI=1`` (set by .ci/run, where every extra is installed) every skip fails
the run instead, with the skip's reason: a test skipped at run time or by a
mark fails, and a module skipped while it is collected (a module-level
``pytest.importorskip``) is a collection error. Expected failures (``xfail``)
are not skips and are left alone. tests/test_suite.py tests this.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest
from hypothesis import settings

from msp import register_extension
from tests.builders import SUITE_EXTENSIONS

pytest_plugins = ["pytester"]

settings.register_profile("dev", deadline=None, max_examples=60)
settings.register_profile("ci", deadline=None, max_examples=60)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

for _definition in SUITE_EXTENSIONS:
    register_extension(_definition)

SKIPS_FAIL = "MSP_CI"
"""The environment variable that, set to ``1``, turns every skip into a failure."""


def _fail_if_skipped(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Turn a skipped report into a failed one naming the skip's reason, where ``MSP_CI=1``."""
    if os.environ.get(SKIPS_FAIL) != "1" or not report.skipped or hasattr(report, "wasxfail"):
        return
    longrepr = report.longrepr
    if isinstance(longrepr, tuple):  # (path, line number from 1, "Skipped: reason")
        path, line, reason = longrepr
        where = f" ({path}:{line})"
    else:
        reason, where = str(longrepr), ""
    reason = reason.removeprefix("Skipped: ")
    report.outcome = "failed"
    report.longrepr = f"{SKIPS_FAIL}=1: no test may skip, and this one did: {reason}{where}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A test skipped at setup (a skip mark) or while running (``pytest.skip``) fails under ``MSP_CI=1``."""
    report = yield
    _fail_if_skipped(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """A module skipped while collected (``pytest.importorskip`` at module level) fails under ``MSP_CI=1``.

    Changing the report where it is made means every ``pytest_collectreport``
    listener (the session's failure count, the terminal summary) sees the failure.
    """
    report = yield
    _fail_if_skipped(report)
    return report
