"""``--jobs 0`` starts one worker per CPU the process may use, not one per CPU of the host."""

from __future__ import annotations

import os

import pytest

from msp.io import batch
from msp.server import ServerConfig


@pytest.fixture
def two_of_sixty_four(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process pinned to CPUs 0 and 1 of a 64-CPU host (a container, a job scheduler)."""
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)


@pytest.mark.usefixtures("two_of_sixty_four")
def test_jobs_0_counts_the_cpus_the_process_may_use() -> None:
    assert batch.cpus_available() == 2
    assert batch._jobs(0) == 2
    assert batch._jobs(3) == 3
    assert ServerConfig(jobs=0).workers == 2


def test_without_affinity_every_cpu_of_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert batch.cpus_available() == 8
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert batch.cpus_available() == 1


def test_python_3_13s_process_cpu_count_is_preferred(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "process_cpu_count", lambda: 3, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert batch.cpus_available() == 3


def test_the_real_count_is_at_least_one_and_at_most_the_machines() -> None:
    assert 1 <= batch.cpus_available() <= (os.cpu_count() or 1)
