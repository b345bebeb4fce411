"""``referral_ai.recent.Recent``: the bounded memo the writers keep what a batch makes again in."""

from __future__ import annotations

import threading

import pytest

from referral_ai.recent import Recent


def test_a_value_is_made_once_and_the_oldest_is_forgotten_first() -> None:
    made: list[str] = []
    memo: Recent[str, str] = Recent(2)

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert [memo.made(k, lambda k=k: make(k)) for k in ("a", "b", "a")] == ["A", "B", "A"]
    assert made == ["a", "b"]
    memo.made("c", lambda: make("c"))  # over the size: "a", made first, goes
    assert len(memo) == 2
    memo.made("b", lambda: make("b"))
    memo.made("a", lambda: make("a"))
    assert made == ["a", "b", "c", "a"]
    memo.clear()
    assert len(memo) == 0
    with pytest.raises(ValueError):
        Recent(0)


def test_threads_share_one_value() -> None:
    """Threads asking for the same keys at once all get the value kept first for each."""
    memo: Recent[int, object] = Recent(32)
    seen: list[tuple[int, object]] = []
    start = threading.Barrier(8)

    def worker() -> None:
        start.wait()
        for n in range(200):
            seen.append((n % 20, memo.made(n % 20, object)))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 1600 and len(memo) == 20
    assert all(value is memo.made(key, object) for key, value in seen)
