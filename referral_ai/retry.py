"""The one retry layer for model calls (SDK clients are built with ``max_retries=0``).

``call(policy, fn)`` / ``await acall(policy, fn)`` run ``fn`` and retry it on transient failures:
connection errors, timeouts, and HTTP 408 / 409 / 429 / 5xx. A ``Retry-After`` (seconds or HTTP date) or
``retry-after-ms`` response header sets the wait (capped by ``policy.max_wait``); otherwise the wait grows
exponentially with jitter. A request is never retried when retrying cannot help: ``insufficient_quota``,
400 / 401 / 403 / 404 / 422, or a server saying it does not support the requested ``response_format``.
The whole loop is bounded by ``policy.max_attempts`` and ``policy.total_timeout``.

When the policy gives up, the last error is translated into :mod:`referral_ai.errors`
(:class:`ModelConnectionError`, :class:`ModelHTTPError`, :class:`ModelOutputError`) with a message that
says what to do, and never contains the API key.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import openai
from tenacity import AsyncRetrying, RetryCallState, Retrying

from referral_ai.errors import (
    ModelConnectionError,
    ModelError,
    ModelHTTPError,
    ModelOutputError,
    ReferralAIError,
)
from referral_ai.redact import install_log_filter, redact

try:  # the HTTP library the openai SDK is built on (httpx2 for openai 3.x, httpx before)
    import httpx2 as transport
except ImportError:  # pragma: no cover - depends on the installed openai major version
    import httpx as transport  # type: ignore[no-redef,import-not-found,unused-ignore]

__all__ = [
    "RETRYABLE_STATUS",
    "RetryPolicy",
    "acall",
    "call",
    "is_retryable",
    "is_unsupported_response_format",
    "retry_after",
    "scrub",
    "translate",
    "transport",
]

T = TypeVar("T")

#: HTTP statuses worth another attempt (plus every 5xx).
RETRYABLE_STATUS = frozenset({408, 409, 429})
#: HTTP statuses that never get better by asking again.
FATAL_STATUS = frozenset({400, 401, 403, 404, 422})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry a model call.

    ``max_attempts`` counts the first call. ``initial_wait`` is the first backoff (seconds), doubling per
    attempt with jitter, capped by ``max_wait`` (which also caps a server's ``Retry-After``).
    ``total_timeout`` bounds the time from the first call to the last: no retry starts whose wait would
    end after it. ``sleep`` / ``asleep`` / ``clock`` replace ``time.sleep`` / ``asyncio.sleep`` /
    ``time.monotonic`` (tests inject them to check waits without waiting).
    """

    max_attempts: int = 5
    initial_wait: float = 0.5
    max_wait: float = 20.0
    total_timeout: float = 120.0
    sleep: Callable[[float], None] | None = field(default=None, compare=False, repr=False)
    asleep: Callable[[float], Awaitable[None]] | None = field(
        default=None, compare=False, repr=False
    )
    clock: Callable[[], float] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_wait < 0 or self.max_wait < 0 or self.total_timeout < 0:
            raise ValueError("waits and total_timeout must not be negative")

    @classmethod
    def none(cls) -> RetryPolicy:
        """A policy that makes exactly one attempt (errors are still translated)."""
        return cls(max_attempts=1)


# --------------------------------------------------------------------------- classification


def _error_code(exc: openai.APIStatusError) -> str:
    parts = [str(exc.code or ""), str(getattr(exc, "type", "") or "")]
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            parts += [str(inner.get("code") or ""), str(inner.get("type") or "")]
    return " ".join(parts).lower()


def _error_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(body.get("message"), str):
            return str(body["message"])
        if isinstance(body.get("detail"), (str, list)):
            return (
                json.dumps(body["detail"])
                if isinstance(body["detail"], list)
                else str(body["detail"])
            )
    if isinstance(body, str):
        return body
    return exc.message


def _is_insufficient_quota(exc: BaseException) -> bool:
    return isinstance(exc, openai.APIStatusError) and "insufficient_quota" in _error_code(exc)


_RESPONSE_FORMAT_RE = re.compile(r"response_format|json_schema|structured output", re.IGNORECASE)


def is_unsupported_response_format(exc: BaseException) -> bool:
    """True when the server refused the request's ``response_format`` (e.g. ``json_schema``).

    Servers say this differently: OpenAI-compatible servers answer 400 or 422, and llama-cpp-python's
    server answers **500** with a pydantic validation message about ``response_format``. Writers use this
    to fall back to ``json_object`` or plain text; the retry layer never retries such an error.
    Accepts the SDK's ``APIStatusError`` or our :class:`ModelHTTPError`.
    """
    if isinstance(exc, openai.APIStatusError):
        status, text = exc.status_code, _error_message(exc) + " " + _error_code(exc)
    elif isinstance(exc, ModelHTTPError):
        status, text = exc.status_code, str(exc) + " " + json.dumps(exc.body, default=str)
    else:
        return False
    if status not in (400, 422, 500, 501):
        return False
    return bool(_RESPONSE_FORMAT_RE.search(text))


def is_retryable(exc: BaseException) -> bool:
    """True when another attempt may succeed (connection/timeout, 408/409/429/5xx; see module doc)."""
    if isinstance(exc, (openai.APIConnectionError, transport.TransportError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if (
            status in FATAL_STATUS
            or _is_insufficient_quota(exc)
            or is_unsupported_response_format(exc)
        ):
            return False
        return status in RETRYABLE_STATUS or 500 <= status <= 599
    return False


def retry_after(exc: BaseException, *, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms``, then ``Retry-After``), or ``None``.

    ``Retry-After`` may be a number of seconds or an HTTP date (compared with ``now``, a UNIX time,
    default ``time.time()``). Negative or unparsable values give ``None``.
    """
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        return seconds if 0 <= seconds < float("inf") else None
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    delta = parsed.timestamp() - (time.time() if now is None else now)
    return max(0.0, delta)


# --------------------------------------------------------------------------- key scrubbing

scrub = redact
"""Remove credentials from ``text`` (the given ``secrets``, ``sk-...``, ``Bearer ...``, URL user-info,
``Authorization``-like headers): :func:`referral_ai.redact.redact`, the one redaction function."""

install_log_filter()  # the SDK's HTTP library logs request URLs (which may hold user:password@)


def _scrub_value(value: Any, secrets: tuple[str | None, ...]) -> Any:
    if isinstance(value, str):
        return scrub(value, *secrets)
    if isinstance(value, dict):
        return {k: _scrub_value(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_value(v, secrets) for v in value]
    return value


def _request_of(exc: BaseException) -> Any:
    request = getattr(exc, "request", None)
    if request is None:
        response = getattr(exc, "response", None)
        request = getattr(response, "request", None)
    if request is None and isinstance(exc, transport.TransportError):
        try:
            request = exc.request
        except RuntimeError:
            request = None
    return request


def _secret_of(request: Any) -> str | None:
    if request is None:
        return None
    auth = request.headers.get("authorization")
    if not auth:
        key = request.headers.get("api-key")
        return str(key) if key else None
    return str(auth).split(" ", 1)[-1].strip() or None


def _secrets_of(request: Any) -> tuple[str, ...]:
    """Every credential the request carried: the API key and the password in the URL, if any."""
    if request is None:
        return ()
    found = [_secret_of(request)]
    url = getattr(request, "url", None)
    found.append(getattr(url, "password", None))
    return tuple(s for s in found if s)


def _host_of(request: Any) -> str:
    if request is None:
        return "the model endpoint"
    parts = urlsplit(str(request.url))
    host = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "the model endpoint"
    return redact(host)


# --------------------------------------------------------------------------- translation


def _status_hint(status: int, exc: openai.APIStatusError, server_message: str) -> str:
    if _is_insufficient_quota(exc):
        return (
            "quota exhausted: add credit or billing to the account, or use another key or endpoint"
        )
    if is_unsupported_response_format(exc):
        return "the server does not accept this response_format (use json_object or plain text)"
    if status == 401:
        return "the API key was rejected; set OPENAI_API_KEY or pass api_key"
    if status == 403:
        return "the API key is not allowed to use this model or endpoint"
    if status == 404:
        if "model" in server_message.lower():
            return "model not found: list models with `referral-ai doctor`"
        return (
            "endpoint not found: check base_url (OpenAI-compatible servers usually need it to end in /v1); "
            "`referral-ai doctor` checks it"
        )
    if status == 429:
        return "rate limited: still limited after retrying; wait and try again, or lower the concurrency"
    if status in (400, 422):
        return "the server rejected the request"
    if status >= 500:
        return "the server failed; still failing after retrying"
    return "the server answered with an error"


def translate(exc: BaseException) -> ModelError:
    """Turn an SDK / transport exception into our :class:`ModelError` subclass, with a helpful message.

    Connection errors and timeouts become :class:`ModelConnectionError` (naming the host), HTTP errors
    :class:`ModelHTTPError` (``status_code``, scrubbed ``body``), unparsable answers
    :class:`ModelOutputError`. A :class:`ModelError` is returned unchanged. The API key never appears.
    """
    if isinstance(exc, ModelError):
        return exc
    request = _request_of(exc)
    secrets = _secrets_of(request)
    host = _host_of(request)
    if isinstance(exc, (openai.APITimeoutError, transport.TimeoutException)):
        return ModelConnectionError(
            scrub(
                f"timed out waiting for {host}: the model took too long to answer; "
                "raise the timeout or use a faster model",
                *secrets,
            )
        )
    if isinstance(exc, (openai.APIConnectionError, transport.TransportError)):
        cause = exc.__cause__ or exc.__context__
        reason = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc)
        if isinstance(exc, transport.TransportError):
            reason = f"{type(exc).__name__}: {exc}"
        return ModelConnectionError(
            scrub(
                f"could not reach {host} ({reason}); is the server running and is base_url right?",
                *secrets,
            )
        )
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        server_message = _error_message(exc)
        hint = _status_hint(status, exc, server_message)
        message = (
            f"{host} answered HTTP {status}: {hint}. Server said: {server_message.strip()[:500]}"
        )
        return ModelHTTPError(
            scrub(message, *secrets), status_code=status, body=_scrub_value(exc.body, secrets)
        )
    if isinstance(exc, (openai.APIResponseValidationError, json.JSONDecodeError, ValueError)):
        return ModelOutputError(
            scrub(f"{host} answered with an unusable response: {exc}", *secrets)
        )
    if isinstance(exc, openai.OpenAIError):
        return ModelError(scrub(f"model call failed: {exc}", *secrets))
    return ModelError(scrub(f"model call failed: {type(exc).__name__}: {exc}", *secrets))


def _translatable(exc: BaseException) -> bool:
    return isinstance(
        exc, (openai.OpenAIError, transport.HTTPError, json.JSONDecodeError)
    ) and not isinstance(exc, ReferralAIError)


# --------------------------------------------------------------------------- the loop


def _wait_for(policy: RetryPolicy, state: RetryCallState) -> float:
    outcome = state.outcome
    exc = outcome.exception() if outcome is not None else None
    asked = retry_after(exc) if exc is not None else None
    if asked is not None:
        return min(asked, policy.max_wait)
    base = min(policy.max_wait, policy.initial_wait * (2 ** (state.attempt_number - 1)))
    # "equal jitter": between half and all of the exponential backoff
    return float(base * (0.5 + random.random() / 2))


def _tenacity_kwargs(policy: RetryPolicy, clock: Callable[[], float]) -> dict[str, Any]:
    started = clock()

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= policy.max_attempts:
            return True
        return clock() - started + state.upcoming_sleep > policy.total_timeout

    def should_retry(state: RetryCallState) -> bool:
        outcome = state.outcome
        if outcome is None or not outcome.failed:
            return False
        exc = outcome.exception()
        return exc is not None and is_retryable(exc)

    return {
        "stop": stop,
        "wait": lambda state: _wait_for(policy, state),
        "retry": should_retry,
        "reraise": True,
    }


def call(policy: RetryPolicy | None, fn: Callable[[], T]) -> T:
    """Run ``fn()`` under ``policy`` (default ``RetryPolicy()``); return its result.

    Raises a :class:`ModelError` subclass (see :func:`translate`) once retrying gives up or the error
    is not retryable. Exceptions that are not from the SDK / transport propagate unchanged.
    """
    policy = policy or RetryPolicy()
    settings = _tenacity_kwargs(policy, policy.clock or time.monotonic)
    # The first attempt runs outside tenacity: a call that succeeds at once (nearly all of them)
    # builds no retry machinery, whose reference cycles would otherwise be left to the garbage
    # collector on every call. A failure is handed to tenacity as its first attempt, so waits,
    # attempt counts and the time limit are exactly those of the full loop.
    try:
        return fn()
    except Exception as exc:
        first: Exception | None = exc
    calls = 0

    def attempt() -> T:
        nonlocal calls
        calls += 1
        if calls == 1 and first is not None:
            raise first
        return fn()

    retrying = Retrying(sleep=policy.sleep or time.sleep, **settings)
    try:
        return retrying(attempt)
    except Exception as exc:
        if _translatable(exc):
            raise translate(exc) from None
        raise
    finally:
        first = None  # no cycle through the saved exception's traceback


async def acall(policy: RetryPolicy | None, fn: Callable[[], Awaitable[T]]) -> T:
    """Async :func:`call`: await ``fn()`` under ``policy``, waiting with ``asyncio.sleep`` between tries."""
    policy = policy or RetryPolicy()
    settings = _tenacity_kwargs(policy, policy.clock or time.monotonic)
    try:  # the first attempt outside tenacity, as in call()
        return await fn()
    except Exception as exc:
        first: Exception | None = exc
    calls = 0

    async def attempt() -> T:  # a coroutine function, so tenacity awaits even a lambda's coroutine
        nonlocal calls
        calls += 1
        if calls == 1 and first is not None:
            raise first
        return await fn()

    retrying = AsyncRetrying(sleep=policy.asleep or asyncio.sleep, **settings)
    try:
        return await retrying(attempt)
    except Exception as exc:
        if _translatable(exc):
            raise translate(exc) from None
        raise
    finally:
        first = None  # no cycle through the saved exception's traceback
