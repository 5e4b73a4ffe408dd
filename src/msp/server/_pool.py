"""A pool of worker processes for the service's CPU-bound work, whose abandoned work is stopped.

Private to :mod:`msp.server`. Validation and workflow steps are pure Python and
hold the interpreter's lock, so they run here, off the event loop, one job per
worker at a time. A job that runs past its deadline, or whose request is given
up (the task is cancelled), is not left to run on: its worker process is
killed and a fresh one started in its place. :class:`concurrent.futures.ProcessPoolExecutor`
cannot stop a job once it has started, which is why the pool is this small one.

Workers are started with ``spawn`` (on every platform), so they share nothing
with the server's threads; each runs an initializer once (the app's:
:func:`msp.server._tasks.start_worker`) before it takes jobs.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Final

import attrs

__all__ = ["Busy", "WorkerFailed", "WorkerPool"]

_LOG: Final = logging.getLogger("msp.server")
_START_SECONDS: Final = 120.0
_RETRY_SECONDS: Final = 5.0


class Busy(Exception):
    """No worker came free before the deadline, too many jobs were waiting, or the job ran past its deadline."""


class WorkerFailed(Exception):
    """The job raised in the worker (named by the exception's type only), or the worker died."""


@attrs.define(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection


def _worker_main(conn: Connection, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    """A worker process: run the initializer, say so, then run jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        if initializer is not None:
            initializer(*initargs)
    except BaseException as exc:  # noqa: BLE001 - reported to the server by type, never a traceback
        conn.send(("failed", type(exc).__name__))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, argument = message
        try:
            outcome: tuple[str, Any] = ("ok", function(argument))
        except BaseException as exc:  # noqa: BLE001 - by type only: a message could quote a value
            outcome = ("error", type(exc).__name__)
        conn.send(outcome)


def _exchange(conn: Connection, message: object) -> tuple[str, Any]:
    conn.send(message)
    outcome: tuple[str, Any] = conn.recv()
    return outcome


class WorkerPool:
    """``size`` worker processes taking one job each at a time, with deadlines that stop abandoned work.

    Args:
        size: the number of worker processes (1 or more).
        initializer: run once in each worker before it takes jobs (picklable).
        initargs: the initializer's arguments (picklable).
        max_waiting: jobs that may wait for a free worker; one more is :class:`Busy` at once.
    """

    def __init__(
        self,
        size: int,
        *,
        initializer: Callable[..., object] | None = None,
        initargs: tuple[Any, ...] = (),
        max_waiting: int = 64,
    ) -> None:
        if size < 1:
            msg = "a pool needs 1 worker or more"
            raise ValueError(msg)
        self.size = size
        self._initializer = initializer
        self._initargs = initargs
        self._max_waiting = max_waiting
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="msp-pool")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._waiting = 0
        self._closed = False
        self._starting: set[asyncio.Task[None]] = set()

    @property
    def workers(self) -> int:
        """Worker processes started and ready (busy or idle)."""
        return len(self._workers)

    async def start(self) -> None:
        """Start every worker and wait until each is ready.

        Raises:
            WorkerFailed: a worker could not start (its initializer raised, by type).
        """
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(self._start_one() for _ in range(self.size)), return_exceptions=True)
        failures = [w for w in workers if isinstance(w, BaseException)]
        for worker in workers:
            if isinstance(worker, _Worker):
                self._add(worker)
        if failures:
            await self.close()
            raise WorkerFailed(str(failures[0]))

    def _add(self, worker: _Worker) -> None:
        assert self._idle is not None  # noqa: S101 - started
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    async def _start_one(self) -> _Worker:
        loop = asyncio.get_running_loop()
        ours, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(theirs, self._initializer, self._initargs), daemon=True, name="msp-worker"
        )
        await loop.run_in_executor(self._threads, process.start)
        theirs.close()
        worker = _Worker(process=process, conn=ours)
        try:
            ready = await asyncio.wait_for(loop.run_in_executor(self._threads, ours.recv), _START_SECONDS)
        except (asyncio.TimeoutError, EOFError, OSError):
            ready = ("failed", "the worker process did not start")
        except asyncio.CancelledError:
            await self._stop(worker)
            raise
        if ready[0] != "ready":
            await self._stop(worker)
            raise WorkerFailed(f"a worker process could not start: {ready[1]}")
        return worker

    async def _stop(self, worker: _Worker) -> None:
        """Kill a worker's process (whatever it is doing) and reap it."""
        self._workers.discard(worker)
        with contextlib.suppress(OSError, ValueError):
            worker.process.kill()
        with contextlib.suppress(OSError):
            worker.conn.close()
        loop = asyncio.get_running_loop()
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            await loop.run_in_executor(self._threads, worker.process.join, 5.0)

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and start another in its place, in the background."""
        self._workers.discard(worker)
        with contextlib.suppress(OSError, ValueError):
            worker.process.kill()
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._renew(worker))
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _renew(self, old: _Worker) -> None:
        await self._stop(old)
        while not self._closed:
            try:
                worker = await self._start_one()
            except WorkerFailed as exc:
                _LOG.error("%s; trying again in %.0f s", exc, _RETRY_SECONDS)
                await asyncio.sleep(_RETRY_SECONDS)
                continue
            if self._closed:
                await self._stop(worker)
            else:
                self._add(worker)
            return

    async def run(self, function: Callable[[Any], Any], argument: object, *, deadline: float) -> Any:  # noqa: ANN401
        """Run ``function(argument)`` in a worker and return its result.

        Args:
            function: a picklable function of one argument.
            argument: its argument (picklable).
            deadline: by when (the running loop's :meth:`~asyncio.loop.time`) the
                result is needed, waiting for a free worker included.

        Raises:
            Busy: too many jobs waiting, no worker free before the deadline, or the job
                ran past it (its worker is then killed and replaced).
            WorkerFailed: the job raised (named by the exception's type), or the worker died.
            asyncio.CancelledError: the caller gave up; the job's worker is killed and replaced.
        """
        if self._idle is None or self._closed:
            raise Busy("the workers are not running")
        loop = asyncio.get_running_loop()
        if self._waiting >= self._max_waiting:
            raise Busy("too many requests are waiting")
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), max(deadline - loop.time(), 0.0))
        except asyncio.TimeoutError:
            raise Busy("no worker came free in time") from None
        finally:
            self._waiting -= 1
        exchange = loop.run_in_executor(self._threads, _exchange, worker.conn, (function, argument))
        try:
            kind, value = await asyncio.wait_for(exchange, max(deadline - loop.time(), 0.0))
        except asyncio.TimeoutError:
            self._replace(worker)
            raise Busy("the work ran past its time limit and was stopped") from None
        except asyncio.CancelledError:
            self._replace(worker)
            raise
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerFailed(f"the worker process stopped ({type(exc).__name__})") from None
        self._idle.put_nowait(worker)
        if kind != "ok":
            raise WorkerFailed(f"the work failed ({value})")
        return value

    async def close(self) -> None:
        """Stop every worker and the pool's threads."""
        self._closed = True
        for task in list(self._starting):
            task.cancel()
        for worker in list(self._workers):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in list(self._workers):
            await self._stop(worker)
        self._threads.shutdown(wait=False, cancel_futures=True)
