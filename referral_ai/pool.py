"""Worker processes fed from an event loop, most urgent job first, each job on the worker that holds its state.

:class:`WorkerPool` is what :mod:`referral_ai.batch` runs its CPU work in (parsing, matching,
validating, writing files), so the event loop only talks to the model and hands work over:

- **One queue per worker.** Each worker process is its own single-process executor. An item is
  given to one worker (:meth:`WorkerPool.assign`, the least busy) and all its later jobs go there,
  so the worker keeps the item's parsed posting, context and plan in memory and only small things
  (a draft, a report, file names) cross the process boundary.
- **Most urgent first.** A worker is handed its next job when it has fewer than two (the one it
  runs and the next), the one with the lowest ``priority`` number first. A draft waiting to be checked (a model slot may be waiting to
  re-ask) never queues behind the parsing of items that have not reached the model yet, or behind
  writing files. (A plain process pool is first in, first out: checking drafts there queued behind
  parsing and halved the batch's throughput under load.)
- **No pool, same code.** Until the processes are up (a fresh interpreter per worker where fork is
  not used), when they cannot start, or for ``workers=0``, jobs run in threads of this process
  (slot ``None``) and the state lives here.

Jobs are plain module-level functions and their arguments (pickled for a worker).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = ["START_METHOD", "WorkerPool"]

T = TypeVar("T")

#: Jobs handed to a worker at once: the one it runs and the next, already on its way through the
#: pipe, so a worker never idles while a hand-off crosses a loaded machine (with one at a time,
#: every hand-off's scheduling delay left the worker idle: bench_batch .md row 12.6 drafts/s at
#: load 7, the slots starved). A check waits behind at most one job.
_DEPTH = 2

#: Linux forks the workers (instant, sharing the imported modules); elsewhere a fresh interpreter
#: per worker is started ("spawn": fork is unsafe on macOS and absent on Windows).
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


def _main_importable() -> bool:
    """Whether a fresh worker interpreter can start: the main program is a file or a module (not
    stdin, not an interactive session or notebook, where a pool cannot re-create ``__main__``)."""
    main = sys.modules.get("__main__")
    if main is None:
        return False
    if getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return bool(path) and os.path.isfile(str(path))


@dataclass
class _Worker:
    """One worker process: its executor, its waiting jobs (a heap) and how many items it holds."""

    executor: ProcessPoolExecutor
    waiting: list[tuple[int, int, Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = (
        field(default_factory=list)
    )
    running: int = 0
    items: int = 0


class WorkerPool:
    """``workers`` processes, each started with ``initializer(*initargs)`` (see the module doc)."""

    def __init__(
        self, workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
    ) -> None:
        self._workers: list[_Worker] = []
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._order = itertools.count()
        if workers <= 0:
            self._ready.set()
            return
        if START_METHOD == "fork":
            # forked now, before the run starts threads of its own (a lock held by another thread
            # at fork time would stay locked in the worker); forking is quick
            self._start(workers, initializer, initargs)
            return
        self._thread = threading.Thread(
            target=self._start,
            args=(workers, initializer, initargs),
            name="referral-ai-pool",
            daemon=True,
        )
        self._thread.start()

    def _start(
        self, workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
    ) -> None:
        try:
            if START_METHOD == "spawn" and not _main_importable():
                return
            context = multiprocessing.get_context(START_METHOD)
            started: list[_Worker] = []
            for _ in range(workers):
                executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=initializer, initargs=initargs
                )
                started.append(_Worker(executor))
            try:
                for w in started:
                    w.executor.submit(os.getpid).result(timeout=120)
            except Exception:
                for w in started:
                    w.executor.shutdown(wait=False, cancel_futures=True)
                return
            self._workers = started
        finally:
            self._ready.set()

    def assign(self) -> int | None:
        """The worker for a new item (the one holding the fewest items), or None: run its jobs in
        threads here (the pool is not up yet, or has no processes)."""
        if not self._ready.is_set() or not self._workers:
            return None
        slot = min(range(len(self._workers)), key=lambda i: self._workers[i].items)
        self._workers[slot].items += 1
        return slot

    def release(self, slot: int | None) -> None:
        """The item given to ``slot`` is finished."""
        if slot is not None:
            self._workers[slot].items -= 1

    async def run(self, slot: int | None, priority: int, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on worker ``slot`` once it is idle and no more urgent job waits there
        (lower ``priority`` first, then first come); in a thread here when ``slot`` is None."""
        if slot is None:
            return await asyncio.to_thread(fn, *args)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[T] = loop.create_future()
        worker = self._workers[slot]
        heapq.heappush(worker.waiting, (priority, next(self._order), fn, args, done))
        self._feed(worker, loop)
        return await done

    def _feed(self, worker: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        while worker.running < _DEPTH and worker.waiting:
            _, _, fn, args, done = heapq.heappop(worker.waiting)
            if done.cancelled():
                continue
            try:
                job = worker.executor.submit(fn, *args)
            except Exception as exc:  # a broken pool (a worker was killed): this job fails
                done.set_exception(exc)
                continue
            worker.running += 1

            def finished(job: Future[Any], done: asyncio.Future[Any] = done) -> None:
                loop.call_soon_threadsafe(self._finished, worker, job, done, loop)

            job.add_done_callback(finished)

    def _finished(
        self,
        worker: _Worker,
        job: Future[Any],
        done: asyncio.Future[Any],
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        worker.running -= 1
        if job.cancelled():
            done.cancel()
        elif not done.cancelled():
            error = job.exception()
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(job.result())
        self._feed(worker, loop)

    def shutdown(self) -> None:
        """Stop the workers (waiting for the jobs they are running)."""
        if self._thread is not None:
            self._thread.join()
        for w in self._workers:
            w.executor.shutdown(wait=True, cancel_futures=True)
