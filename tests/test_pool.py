"""WorkerPool: most urgent job first on each worker, state kept per worker, threads without a pool."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from referral_ai.pool import WorkerPool

_KEPT: dict[str, str] = {}


def _init(tag: str) -> None:
    _KEPT["tag"] = tag


def _stamp(name: str, hold: float = 0.0) -> tuple[str, float, int]:
    """Sleep ``hold`` seconds, then say who ran, when it finished and in which process."""
    time.sleep(hold)
    return name, time.monotonic(), os.getpid()


def _remember(key: str, value: str) -> int:
    _KEPT[key] = value
    return os.getpid()


def _recall(key: str) -> str:
    return _KEPT.get(key, "<not here>") + "/" + _KEPT.get("tag", "<no init>")


def test_the_most_urgent_waiting_job_runs_first() -> None:
    async def scenario() -> list[str]:
        pool = WorkerPool(1, _init, ("t",))
        try:
            slot = pool.assign()
            assert slot == 0
            # the worker runs "busy" with "next" handed over behind it; the three after wait here
            busy = [
                asyncio.ensure_future(pool.run(slot, 1, _stamp, name, 0.3))
                for name in ("busy", "next")
            ]
            await asyncio.sleep(0.1)
            late = [
                asyncio.ensure_future(pool.run(slot, prio, _stamp, name))
                for name, prio in (("write", 2), ("prepare", 1), ("check", 0))
            ]
            done = await asyncio.gather(*busy, *late)
        finally:
            pool.shutdown()
        return [name for name, _, _ in sorted(done, key=lambda d: d[1])]

    assert asyncio.run(scenario()) == ["busy", "next", "check", "prepare", "write"]


def test_an_items_jobs_find_its_state_on_its_worker() -> None:
    async def scenario() -> tuple[list[str], set[int]]:
        pool = WorkerPool(2, _init, ("started",))
        try:
            slots = [pool.assign() for _ in range(4)]
            assert sorted(s for s in slots if s is not None) == [0, 0, 1, 1]  # least busy first
            pids = await asyncio.gather(
                *(pool.run(s, 1, _remember, f"item{n}", f"v{n}") for n, s in enumerate(slots))
            )
            recalled = await asyncio.gather(
                *(pool.run(s, 0, _recall, f"item{n}") for n, s in enumerate(slots))
            )
        finally:
            pool.shutdown()
        return list(recalled), set(pids)

    recalled, pids = asyncio.run(scenario())
    assert recalled == ["v0/started", "v1/started", "v2/started", "v3/started"]
    assert len(pids) == 2 and os.getpid() not in pids


def test_no_workers_runs_jobs_in_threads_here() -> None:
    async def scenario() -> tuple[int | None, str, int]:
        pool = WorkerPool(0, _init, ("unused",))
        slot = pool.assign()
        pid = await pool.run(slot, 0, _remember, "here", "local")
        recalled = await pool.run(slot, 0, _recall, "here")
        pool.shutdown()
        return slot, recalled, pid

    slot, recalled, pid = asyncio.run(scenario())
    assert slot is None and pid == os.getpid()
    assert recalled.startswith("local/")


def test_a_failing_job_raises_in_the_caller() -> None:
    async def scenario() -> None:
        pool = WorkerPool(1, _init, ("t",))
        try:
            await pool.run(pool.assign(), 0, _stamp, "bad", -1.0)  # time.sleep(-1): ValueError
        finally:
            pool.shutdown()

    with pytest.raises(ValueError):
        asyncio.run(scenario())
