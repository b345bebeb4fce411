"""One wall-clock deadline per model request: connect, send and every read of the answer together.

The SDK's ``timeout`` is per operation: a server that sends one byte every few seconds never lets a
read time out, so a request can last forever. The HTTP clients made here (:func:`http_client`,
:func:`async_http_client`) give every request one total deadline of ``timeout`` seconds from the
moment it is sent: every connect, write and read is given at most the time left, and a request whose
time is up fails with the HTTP library's timeout error (which the SDK raises as ``APITimeoutError``
and :func:`referral_ai.retry.translate` turns into :class:`~referral_ai.errors.ModelConnectionError`).
However the answer trickles in (status line, headers or body), the request ends within about
``timeout`` seconds.

The writer and ``doctor`` build their SDK clients with these; ``timeout`` (CLI ``--timeout``) is the
one setting for it. Retries (:mod:`referral_ai.retry`) each get a fresh deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import openai

from referral_ai.retry import transport

try:  # the connection library under the SDK's HTTP library (httpcore2 beside httpx2)
    import httpcore2 as core
except ImportError:  # pragma: no cover - depends on the installed openai major version
    import httpcore as core  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = ["async_http_client", "http_client", "time_left"]

log = logging.getLogger(__name__)

# monotonic time by which the request being sent in this thread / task must be done
_deadline: ContextVar[float | None] = ContextVar("referral_ai_request_deadline", default=None)


def time_left() -> float | None:
    """Seconds left for the model request in progress here (``None`` outside one)."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to the time left for this request; raise ``error`` when none is left."""
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the request's total deadline was reached")
    return left if timeout is None else min(timeout, left)


# --------------------------------------------------------------------------- network streams


class _Stream(core.NetworkStream):
    def __init__(self, inner: core.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, core.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, core.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> core.NetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(core.NetworkBackend):
    def __init__(self, inner: core.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, socket_options: Iterable[Any] | None = None) -> core.NetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, bounded, local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None) -> core.NetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncStream(core.AsyncNetworkStream):
    def __init__(self, inner: core.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _bounded(timeout, core.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _bounded(timeout, core.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> core.AsyncNetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        return _AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncBackend(core.AsyncNetworkBackend):
    def __init__(self, inner: core.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, socket_options: Iterable[Any] | None = None) -> core.AsyncNetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        stream = await self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _AsyncStream(stream)

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None) -> core.AsyncNetworkStream:  # fmt: skip
        bounded = _bounded(timeout, core.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_unix_socket(path, bounded, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _install(made: Any, *, is_async: bool) -> Any:
    """Route the connections of a transport the HTTP library made through the deadline streams."""
    pool = getattr(made, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None:  # pragma: no cover - only if the HTTP library's internals change
        log.warning("cannot bound model requests by a total deadline with this HTTP library")
        return made
    if not isinstance(backend, (_Backend, _AsyncBackend)):
        assert pool is not None
        pool._network_backend = _AsyncBackend(backend) if is_async else _Backend(backend)
    return made


# --------------------------------------------------------------------------- response bodies


class _BodyStream(transport.SyncByteStream):
    """A response body whose reads still count against the request's deadline."""

    def __init__(self, inner: Any, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        chunks = iter(self._inner)
        while True:
            token = _deadline.set(self._deadline)
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            finally:
                _deadline.reset(token)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncBodyStream(transport.AsyncByteStream):
    def __init__(self, inner: Any, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = self._inner.__aiter__()
        while True:
            token = _deadline.set(self._deadline)
            try:
                chunk = await chunks.__anext__()
            except StopAsyncIteration:
                return
            finally:
                _deadline.reset(token)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


# --------------------------------------------------------------------------- clients


def _check(timeout: float) -> float:
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return float(timeout)


class _DeadlineClient(openai.DefaultHttpxClient):
    def __init__(self, *, timeout: float, **kwargs: Any) -> None:
        self._total = _check(timeout)
        super().__init__(timeout=timeout, **kwargs)

    def _init_transport(self, *args: Any, **kwargs: Any) -> Any:
        return _install(super()._init_transport(*args, **kwargs), is_async=False)

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> Any:
        return _install(super()._init_proxy_transport(*args, **kwargs), is_async=False)

    def send(self, request: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + self._total
        token = _deadline.set(deadline)
        try:
            response = super().send(request, **kwargs)
        finally:
            _deadline.reset(token)
        if not response.is_stream_consumed:  # streamed: later reads keep the deadline
            response.stream = _BodyStream(response.stream, deadline)
        return response

    def __del__(self) -> None:  # like the SDK's own client: an unclosed one closes its sockets
        if getattr(self, "_transport", None) is None or self.is_closed:
            return
        with contextlib.suppress(Exception):
            self.close()


class _AsyncDeadlineClient(openai.DefaultAsyncHttpxClient):
    def __init__(self, *, timeout: float, **kwargs: Any) -> None:
        self._total = _check(timeout)
        super().__init__(timeout=timeout, **kwargs)

    def _init_transport(self, *args: Any, **kwargs: Any) -> Any:
        return _install(super()._init_transport(*args, **kwargs), is_async=True)

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> Any:
        return _install(super()._init_proxy_transport(*args, **kwargs), is_async=True)

    async def send(self, request: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + self._total
        token = _deadline.set(deadline)
        try:
            response = await super().send(request, **kwargs)
        finally:
            _deadline.reset(token)
        if not response.is_stream_consumed:
            response.stream = _AsyncBodyStream(response.stream, deadline)
        return response

    def __del__(self) -> None:  # like the SDK's own client
        if getattr(self, "_transport", None) is None or self.is_closed:
            return
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().create_task(self.aclose())


def http_client(timeout: float, **kwargs: Any) -> openai.DefaultHttpxClient:
    """An HTTP client for ``openai.OpenAI(http_client=...)`` where each request has ``timeout``
    seconds in total (connect + send + every read). ``kwargs`` go to the client (e.g. ``limits``)."""
    return _DeadlineClient(timeout=timeout, **kwargs)


def async_http_client(timeout: float, **kwargs: Any) -> openai.DefaultAsyncHttpxClient:
    """:func:`http_client` for ``openai.AsyncOpenAI``."""
    return _AsyncDeadlineClient(timeout=timeout, **kwargs)
