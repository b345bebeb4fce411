"""What was made lately, by key: a bounded memo that threads can share.

The writers keep what a batch makes again and again (a tailored resume, its .docx and proof, a
compressed .docx part, a parsed e-mail header) for the next item that asks for the same. Each such
memo is a :class:`Recent`: it holds at most ``size`` things, forgets the oldest first, and may be
used from several threads (a batch without worker processes runs its items in threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Recent"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` values by key, the oldest made forgotten first."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a memo holds at least one thing")
        self._size = size
        self._data: dict[K, V] = {}
        self._lock = threading.Lock()

    def made(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()``'s, kept. Two threads that miss at once may
        both make it; both get the one kept first."""
        hit = self._data.get(key)
        if hit is not None:
            return hit
        value = make()
        with self._lock:
            value = self._data.setdefault(key, value)
            while len(self._data) > self._size:
                del self._data[next(iter(self._data))]
        return value

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._data.clear()
