"""The worker pool: work over its deadline, or given up, is stopped (the process killed) and the worker replaced."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from msp.server._pool import Busy, WorkerFailed, WorkerPool


def _alive(pid: int | None) -> bool:
    assert pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _run(scenario: Callable[[WorkerPool], Awaitable[Any]], size: int = 1, **kwargs: Any) -> Any:
    async def main() -> Any:
        pool = WorkerPool(size, **kwargs)
        await pool.start()
        try:
            return await scenario(pool)
        finally:
            await pool.close()

    return asyncio.run(main())


def _pids(pool: WorkerPool) -> set[int | None]:
    return {w.process.pid for w in pool._workers}


async def _ready_again(pool: WorkerPool) -> None:
    deadline = time.monotonic() + 60
    while pool.workers < pool.size and time.monotonic() < deadline:  # noqa: ASYNC110 - polling the pool from outside
        await asyncio.sleep(0.05)


class TestDeadlines:
    """A job past its deadline raises Busy, its process is killed, and a fresh worker takes the next job."""

    def test_work_over_the_deadline_is_stopped(self):
        async def scenario(pool: WorkerPool) -> None:
            loop = asyncio.get_running_loop()
            (old,) = _pids(pool)
            started = time.monotonic()
            with pytest.raises(Busy, match="time limit"):
                await pool.run(time.sleep, 60, deadline=loop.time() + 0.5)
            assert time.monotonic() - started < 5
            await _ready_again(pool)
            assert not _alive(old)
            assert _pids(pool) != {old}
            assert await pool.run(abs, -3, deadline=loop.time() + 30) == 3

        _run(scenario)

    def test_work_given_up_is_stopped(self):
        async def scenario(pool: WorkerPool) -> None:
            loop = asyncio.get_running_loop()
            (old,) = _pids(pool)
            task = asyncio.ensure_future(pool.run(time.sleep, 60, deadline=loop.time() + 60))
            await asyncio.sleep(0.5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await _ready_again(pool)
            assert not _alive(old)
            assert await pool.run(abs, -4, deadline=loop.time() + 30) == 4

        _run(scenario)

    def test_too_many_waiting_is_busy_at_once(self):
        async def scenario(pool: WorkerPool) -> None:
            loop = asyncio.get_running_loop()
            first = asyncio.ensure_future(pool.run(time.sleep, 1, deadline=loop.time() + 30))
            await asyncio.sleep(0.1)
            second = asyncio.ensure_future(pool.run(abs, -1, deadline=loop.time() + 30))
            await asyncio.sleep(0.1)
            with pytest.raises(Busy, match="waiting"):
                await pool.run(abs, -2, deadline=loop.time() + 30)
            assert await second == 1
            assert await first is None

        _run(scenario, max_waiting=1)


class TestFailures:
    """A job that raises is reported by the exception's type only; a worker that cannot start stops the pool."""

    def test_an_exception_is_named_by_type_only(self):
        async def scenario(pool: WorkerPool) -> None:
            loop = asyncio.get_running_loop()
            with pytest.raises(WorkerFailed) as failed:
                await pool.run(int, "Zebedee Quartermaine", deadline=loop.time() + 30)
            assert "ValueError" in str(failed.value)
            assert "Zebedee" not in str(failed.value)
            assert await pool.run(abs, -5, deadline=loop.time() + 30) == 5  # the worker lives on

        _run(scenario)

    def test_a_worker_that_cannot_start_is_an_error(self):
        async def main() -> None:
            pool = WorkerPool(1, initializer=int, initargs=("not a number",))
            with pytest.raises(WorkerFailed, match="ValueError"):
                await pool.start()
            assert pool.workers == 0

        asyncio.run(main())

    def test_a_pool_needs_a_worker(self):
        with pytest.raises(ValueError, match="1 worker"):
            WorkerPool(0)
