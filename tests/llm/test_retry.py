"""The retry layer, over real HTTP: openai SDK (max_retries=0) -> FakeOpenAIServer, wrapped in retry.call."""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
import traceback
from collections.abc import Iterator

import openai
import pytest

from referral_ai import retry
from referral_ai.errors import ModelConnectionError, ModelError, ModelHTTPError, ModelOutputError
from referral_ai.retry import RetryPolicy
from referral_ai.testing import (
    Drop,
    ErrorReply,
    FakeOpenAIServer,
    Malformed,
    Reply,
    insufficient_quota,
    model_not_found,
    rate_limited,
    reject_json_schema,
    server_error,
    unauthorized,
)

KEY = "sk-test-SECRET"
MESSAGES = [{"role": "user", "content": "Say hello"}]


class FakeClock:
    """A clock that only moves when something sleeps: waits are recorded, never waited."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_policy(clock: FakeClock, **kwargs: float) -> RetryPolicy:
    return RetryPolicy(sleep=clock.sleep, asleep=clock.asleep, clock=clock, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def client(fake_server: FakeOpenAIServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=fake_server.base_url, api_key=KEY, max_retries=0, timeout=5) as c:
        yield c


def chat(client: openai.OpenAI, **kwargs: object) -> str:
    response = client.chat.completions.create(model="fake-model", messages=MESSAGES, **kwargs)  # type: ignore[call-overload]
    return str(response.choices[0].message.content)


def assert_no_key(exc: BaseException, key: str = KEY) -> None:
    secret = key.split("-")[-1]
    text = "".join(traceback.format_exception(exc))
    assert secret not in text
    assert secret not in str(exc) and secret not in repr(exc)
    assert secret not in json.dumps(getattr(exc, "body", None), default=str)


# --------------------------------------------------------------------------- waits honoured


def test_429_with_retry_after_seconds_then_success(client, fake_server, clock):
    fake_server.enqueue(rate_limited(retry_after=3), Reply("after the limit"))
    assert retry.call(make_policy(clock), lambda: chat(client)) == "after the limit"
    assert len(fake_server.chat_requests) == 2
    assert clock.sleeps == [3.0]


def test_retry_after_ms_is_preferred_and_in_milliseconds(client, fake_server, clock):
    fake_server.enqueue(rate_limited(retry_after=9, retry_after_ms=1500), Reply("ok"))
    assert retry.call(make_policy(clock), lambda: chat(client)) == "ok"
    assert clock.sleeps == [1.5]


def test_retry_after_http_date(client, fake_server, clock):
    when = email.utils.formatdate(time.time() + 8, usegmt=True)
    fake_server.enqueue(rate_limited(retry_after=when), Reply("ok"))
    assert retry.call(make_policy(clock), lambda: chat(client)) == "ok"
    assert len(clock.sleeps) == 1
    assert 5.0 <= clock.sleeps[0] <= 8.0  # whole-second date, minus the time the request took


def test_retry_after_is_capped_by_max_wait(client, fake_server, clock):
    fake_server.enqueue(rate_limited(retry_after=600), Reply("ok"))
    assert retry.call(make_policy(clock, max_wait=4.0), lambda: chat(client)) == "ok"
    assert clock.sleeps == [4.0]


@pytest.mark.parametrize("status", [500, 503, 502, 408, 409])
def test_transient_status_then_success(client, fake_server, clock, status):
    fake_server.enqueue(
        server_error(status) if status >= 500 else ErrorReply(status=status), Reply("fine")
    )
    assert retry.call(make_policy(clock), lambda: chat(client)) == "fine"
    assert len(fake_server.chat_requests) == 2


def test_backoff_grows_exponentially_with_jitter(client, fake_server, clock):
    fake_server.enqueue(server_error(500), server_error(503), server_error(500), Reply("fine"))
    policy = make_policy(clock, initial_wait=1.0, max_wait=3.0)
    assert retry.call(policy, lambda: chat(client)) == "fine"
    assert len(fake_server.chat_requests) == 4
    first, second, third = clock.sleeps
    assert 0.5 <= first <= 1.0
    assert 1.0 <= second <= 2.0
    assert 1.5 <= third <= 3.0  # 4 s capped to max_wait 3 s


def test_dropped_connection_then_success(client, fake_server, clock):
    fake_server.enqueue(Drop(), Reply("reconnected"))
    assert retry.call(make_policy(clock), lambda: chat(client)) == "reconnected"
    assert len(fake_server.chat_requests) == 2


def test_half_sent_body_then_success(client, fake_server, clock):
    fake_server.enqueue(Drop(partial=True), Reply("whole"))
    assert retry.call(make_policy(clock), lambda: chat(client)) == "whole"
    assert len(fake_server.chat_requests) == 2


def test_stream_dropped_midway_is_retried(client, fake_server, clock):
    fake_server.enqueue(Drop(partial=True), Reply("streamed in full", chunk_size=4))

    def stream() -> str:
        chunks = client.chat.completions.create(model="fake-model", messages=MESSAGES, stream=True)
        return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)

    assert retry.call(make_policy(clock), stream) == "streamed in full"
    assert len(fake_server.chat_requests) == 2


# --------------------------------------------------------------------------- giving up


def test_timeout_is_retried_then_connection_error(fake_server, clock):
    fake_server.default = Reply("too late", delay=5)
    slow = openai.OpenAI(base_url=fake_server.base_url, api_key=KEY, max_retries=0, timeout=0.3)
    with slow, pytest.raises(ModelConnectionError) as info:
        retry.call(make_policy(clock, max_attempts=2), lambda: chat(slow))
    assert len(fake_server.chat_requests) == 2
    assert "timed out" in str(info.value)
    assert f"127.0.0.1:{fake_server.port}" in str(info.value)
    assert_no_key(info.value)


def test_unreachable_port_is_connection_error_naming_host(clock):
    with FakeOpenAIServer() as srv:
        url = srv.base_url
    c = openai.OpenAI(base_url=url, api_key=KEY, max_retries=0, timeout=2)
    with c, pytest.raises(ModelConnectionError) as info:
        retry.call(make_policy(clock, max_attempts=3), lambda: chat(c))
    assert len(clock.sleeps) == 2
    assert url.removesuffix("/v1") in str(info.value)
    assert_no_key(info.value)


def test_insufficient_quota_is_not_retried(client, fake_server, clock):
    fake_server.default = insufficient_quota()
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(client))
    assert len(fake_server.chat_requests) == 1
    assert clock.sleeps == []
    assert info.value.status_code == 429
    assert "quota exhausted" in str(info.value)
    assert info.value.body["code"] == "insufficient_quota"


def test_401_is_not_retried_and_says_how_to_fix(client, fake_server, clock):
    fake_server.default = unauthorized()
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(client))
    assert len(fake_server.chat_requests) == 1
    assert info.value.status_code == 401
    assert "OPENAI_API_KEY" in str(info.value)


def test_404_model_points_to_doctor(client, fake_server, clock):
    fake_server.default = model_not_found("gpt-nope")
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(client))
    assert len(fake_server.chat_requests) == 1
    assert "model not found" in str(info.value) and "referral-ai doctor" in str(info.value)


def test_404_path_points_to_base_url(fake_server, clock):
    no_v1 = openai.OpenAI(base_url=fake_server.url, api_key=KEY, max_retries=0)
    with no_v1, pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(no_v1))
    assert info.value.status_code == 404
    assert "/v1" in str(info.value)


@pytest.mark.parametrize("status", [400, 403, 422])
def test_client_errors_are_not_retried(client, fake_server, clock, status):
    fake_server.default = ErrorReply(status=status, message="bad request")
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(client))
    assert info.value.status_code == status
    assert len(fake_server.chat_requests) == 1


@pytest.mark.parametrize("status", [400, 500])
def test_rejected_json_schema_is_not_retried(client, fake_server, clock, status):
    # llama-cpp-python's server answers 500 to an unsupported response_format; that must not be retried.
    fake_server.default = reject_json_schema(status=status)
    schema = {"type": "json_schema", "json_schema": {"name": "d", "schema": {"type": "object"}}}
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(client, response_format=schema))
    assert len(fake_server.chat_requests) == 1
    assert retry.is_unsupported_response_format(info.value)
    assert retry.call(
        make_policy(clock), lambda: chat(client, response_format={"type": "json_object"})
    )


def test_max_attempts_bounds_the_requests(client, fake_server, clock):
    fake_server.default = server_error(503)
    with pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock, max_attempts=3), lambda: chat(client))
    assert info.value.status_code == 503
    assert len(fake_server.chat_requests) == 3


def test_total_timeout_bounds_the_time_spent(client, fake_server, clock):
    fake_server.default = server_error(500)
    policy = make_policy(
        clock, max_attempts=1000, initial_wait=1.0, max_wait=2.0, total_timeout=7.0
    )
    with pytest.raises(ModelHTTPError):
        retry.call(policy, lambda: chat(client))
    assert sum(clock.sleeps) <= 7.0
    assert sum(clock.sleeps) > 7.0 - 2.0  # stopped only when the next wait would pass the bound
    assert len(fake_server.chat_requests) == len(clock.sleeps) + 1


def test_retry_after_beyond_the_total_timeout_gives_up_at_once(client, fake_server, clock):
    fake_server.default = rate_limited(retry_after=30)
    policy = make_policy(clock, max_wait=60.0, total_timeout=10.0)
    with pytest.raises(ModelHTTPError) as info:
        retry.call(policy, lambda: chat(client))
    assert info.value.status_code == 429
    assert len(fake_server.chat_requests) == 1
    assert clock.sleeps == []


def test_malformed_answer_is_model_output_error(client, fake_server, clock):
    fake_server.default = Malformed()
    with pytest.raises(ModelOutputError):
        retry.call(make_policy(clock), lambda: chat(client))
    assert len(fake_server.chat_requests) == 1


def test_errors_not_from_the_model_pass_through_untouched(clock):
    calls = []

    def boom() -> None:
        calls.append(1)
        raise KeyError("not a model error")

    with pytest.raises(KeyError):
        retry.call(make_policy(clock), boom)
    assert calls == [1]


# --------------------------------------------------------------------------- the key never leaks


@pytest.mark.parametrize("key", [KEY, "custom-token-SECRET"])
def test_key_echoed_by_the_server_is_scrubbed(fake_server, clock, key):
    fake_server.default = ErrorReply(
        status=401,
        message=f"Incorrect API key provided: {key}. Header was Authorization: Bearer {key}",
        type="invalid_request_error",
        code="invalid_api_key",
    )
    c = openai.OpenAI(base_url=fake_server.base_url, api_key=key, max_retries=0)
    with c, pytest.raises(ModelHTTPError) as info:
        retry.call(make_policy(clock), lambda: chat(c))
    assert_no_key(info.value, key)
    assert "OPENAI_API_KEY" in str(info.value)


def test_recorded_requests_redact_the_key(client, fake_server, clock):
    retry.call(make_policy(clock), lambda: chat(client))
    recorded = fake_server.chat_requests[0]
    assert recorded.headers["authorization"] == "REDACTED"
    assert "SECRET" not in repr(recorded)


def test_scrub_removes_key_like_strings():
    text = retry.scrub(
        "key sk-abc123XYZ and Authorization: Bearer tok-999 and mine=hunter22", "hunter22"
    )
    assert "abc123XYZ" not in text and "tok-999" not in text and "hunter22" not in text


def test_translate_keeps_model_errors():
    err = ModelConnectionError("x")
    assert retry.translate(err) is err
    assert isinstance(retry.translate(RuntimeError("boom")), ModelError)


def test_policy_validation():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    assert RetryPolicy.none().max_attempts == 1


# --------------------------------------------------------------------------- async


def test_acall_retries_429_then_succeeds(fake_server, clock):
    fake_server.enqueue(rate_limited(retry_after=2), server_error(503), Reply("async ok"))

    async def main() -> str:
        async with openai.AsyncOpenAI(
            base_url=fake_server.base_url, api_key=KEY, max_retries=0
        ) as c:

            async def once() -> str:
                r = await c.chat.completions.create(model="fake-model", messages=MESSAGES)  # type: ignore[arg-type]
                return str(r.choices[0].message.content)

            return await retry.acall(make_policy(clock), once)

    assert asyncio.run(main()) == "async ok"
    assert len(fake_server.chat_requests) == 3
    assert clock.sleeps[0] == 2.0 and len(clock.sleeps) == 2


def test_acall_translates_and_scrubs(fake_server, clock):
    fake_server.default = insufficient_quota()

    async def main() -> None:
        async with openai.AsyncOpenAI(
            base_url=fake_server.base_url, api_key=KEY, max_retries=0
        ) as c:
            await retry.acall(
                make_policy(clock),
                lambda: c.chat.completions.create(model="fake-model", messages=MESSAGES),  # type: ignore[arg-type]
            )

    with pytest.raises(ModelHTTPError) as info:
        asyncio.run(main())
    assert len(fake_server.chat_requests) == 1
    assert_no_key(info.value)
