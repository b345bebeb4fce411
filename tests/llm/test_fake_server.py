"""FakeOpenAIServer speaks the OpenAI HTTP API: checked with the openai SDK and with raw HTTP."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import openai
import pytest

from referral_ai.testing import (
    Behaviour,
    Drop,
    ErrorReply,
    FakeOpenAIServer,
    Malformed,
    Reply,
    echo,
    rate_limited,
    reject_json_schema,
    truncated,
)

KEY = "sk-test-SECRET"
MESSAGES = [{"role": "user", "content": "Write one line"}]


def sdk(srv: FakeOpenAIServer, **kwargs: Any) -> openai.OpenAI:
    return openai.OpenAI(base_url=srv.base_url, api_key=KEY, max_retries=0, **kwargs)


class Raw:
    """A raw HTTP answer, read whole (connection closed)."""

    def __init__(self, srv: FakeOpenAIServer, method: str, path: str, body: Any = None) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        try:
            data = (
                json.dumps(body).encode()
                if body is not None and not isinstance(body, bytes)
                else body
            )
            headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            self.status = response.status
            self.headers = response.headers
            self.body = response.read()
        finally:
            conn.close()


def test_models_endpoint_lists_configured_models():
    with FakeOpenAIServer(models=["alpha", "beta"]) as srv, sdk(srv) as c:
        assert [m.id for m in c.models.list().data] == ["alpha", "beta"]
        assert c.models.retrieve("beta").id == "beta"
        with pytest.raises(openai.NotFoundError):
            c.models.retrieve("gamma")


def test_reply_content_finish_reason_and_usage(fake_server):
    fake_server.enqueue(
        Reply(
            "cut short", finish_reason="length", usage={"prompt_tokens": 11, "completion_tokens": 2}
        )
    )
    with sdk(fake_server) as c:
        r = c.chat.completions.create(model="fake-model", messages=MESSAGES)  # type: ignore[arg-type]
    assert r.choices[0].message.content == "cut short"
    assert r.choices[0].finish_reason == "length"
    assert r.usage is not None and (
        r.usage.prompt_tokens,
        r.usage.completion_tokens,
        r.usage.total_tokens,
    ) == (11, 2, 13)
    assert r.model == "fake-model"


def test_truncated_helper_reports_length(fake_server):
    fake_server.enqueue(truncated())
    with sdk(fake_server) as c:
        r = c.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert r.choices[0].finish_reason == "length"
    with pytest.raises(ValueError):
        json.loads(r.choices[0].message.content or "")


def test_default_usage_counts_words(fake_server):
    fake_server.default = Reply("three little words")
    with sdk(fake_server) as c:
        r = c.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert r.usage is not None and r.usage.completion_tokens == 3 and r.usage.prompt_tokens > 0


def test_queue_is_consumed_in_order_then_default(fake_server):
    fake_server.default = Reply("default")
    fake_server.enqueue(Reply("first"), Reply("second"))
    assert fake_server.pending == 2
    with sdk(fake_server) as c:
        got = [
            c.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content
            for _ in range(4)
        ]  # type: ignore[arg-type]
    assert got == ["first", "second", "default", "default"]
    assert fake_server.pending == 0


def test_streaming_through_the_sdk(fake_server):
    fake_server.default = Reply("A streamed answer in pieces.", chunk_size=5)
    with sdk(fake_server) as c:
        stream = c.chat.completions.create(
            model="fake-model",
            messages=MESSAGES,
            stream=True,
            stream_options={"include_usage": True},  # type: ignore[arg-type]
        )
        chunks = list(stream)
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert text == "A streamed answer in pieces."
    assert [ch.choices[0].finish_reason for ch in chunks if ch.choices][-1] == "stop"
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 5
    assert fake_server.chat_requests[0].json["stream"] is True


def test_raw_sse_format_ends_with_done(fake_server):
    fake_server.default = Reply("hi there", chunk_size=3)
    response = Raw(
        fake_server,
        "POST",
        "/v1/chat/completions",
        {"model": "m", "messages": MESSAGES, "stream": True},
    )
    assert response.status == 200
    assert response.headers.get("Content-Type") == "text/event-stream"
    events = [e for e in response.body.decode().split("\n\n") if e]
    assert all(e.startswith("data: ") for e in events)
    assert events[-1] == "data: [DONE]"
    payloads = [json.loads(e[len("data: ") :]) for e in events[:-1]]
    assert all(p["object"] == "chat.completion.chunk" for p in payloads)
    assert "".join(p["choices"][0]["delta"].get("content", "") for p in payloads) == "hi there"


def test_error_reply_status_body_and_headers(fake_server):
    fake_server.enqueue(rate_limited(retry_after=7, retry_after_ms=7000))
    response = Raw(
        fake_server, "POST", "/v1/chat/completions", {"model": "m", "messages": MESSAGES}
    )
    assert response.status == 429
    assert response.headers.get("Retry-After") == "7"
    assert response.headers.get("retry-after-ms") == "7000"
    assert json.loads(response.body)["error"]["code"] == "rate_limit_exceeded"


def test_error_reply_surfaces_as_sdk_status_error(fake_server):
    fake_server.default = ErrorReply(status=503, message="overloaded", type="server_error")
    with sdk(fake_server) as c, pytest.raises(openai.InternalServerError) as info:
        c.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]
    assert info.value.status_code == 503
    assert info.value.body == {
        "message": "overloaded",
        "type": "server_error",
        "param": None,
        "code": None,
    }


def test_drop_without_response_is_connection_error(fake_server):
    fake_server.enqueue(Drop())
    with sdk(fake_server) as c, pytest.raises(openai.APIConnectionError):
        c.chat.completions.create(model="m", messages=MESSAGES)  # type: ignore[arg-type]


def test_drop_mid_stream_breaks_the_stream(fake_server):
    fake_server.enqueue(Drop(partial=True))
    received: list[str] = []
    with sdk(fake_server) as c, pytest.raises(openai.APIConnectionError):
        for chunk in c.chat.completions.create(model="m", messages=MESSAGES, stream=True):  # type: ignore[arg-type]
            received.append(chunk.choices[0].delta.content or "")
    assert "".join(received)  # some text arrived before the cut
    assert fake_server.chat_requests  # and the request was recorded


def test_malformed_body_is_not_json(fake_server):
    fake_server.enqueue(Malformed(text="{oops"))
    response = Raw(
        fake_server, "POST", "/v1/chat/completions", {"model": "m", "messages": MESSAGES}
    )
    assert response.status == 200
    with pytest.raises(ValueError):
        json.loads(response.body)


def test_requests_are_recorded_with_key_redacted(fake_server):
    with sdk(fake_server) as c:
        c.chat.completions.create(model="fake-model", messages=MESSAGES, max_tokens=12)  # type: ignore[arg-type]
        c.models.list()
    chat, models = fake_server.requests
    assert (chat.method, chat.path, models.method, models.path) == (
        "POST",
        "/v1/chat/completions",
        "GET",
        "/v1/models",
    )
    assert chat.json["max_tokens"] == 12 and chat.json["messages"] == MESSAGES
    assert chat.headers["authorization"] == "REDACTED" and chat.authorized
    assert all("SECRET" not in json.dumps(dict(r.headers)) for r in fake_server.requests)
    fake_server.reset()
    assert fake_server.requests == []


def test_responder_decides_per_request(fake_server):
    fake_server.default = echo(prefix="you said: ")
    with sdk(fake_server) as c:
        r = c.chat.completions.create(model="m", messages=[{"role": "user", "content": "ping"}])
    assert r.choices[0].message.content == "you said: ping"


def test_reject_json_schema_only_refuses_json_schema(fake_server):
    fake_server.default = reject_json_schema(Reply('{"ok": true}'))
    schema = {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}
    with sdk(fake_server) as c:
        with pytest.raises(openai.BadRequestError) as info:
            c.chat.completions.create(model="m", messages=MESSAGES, response_format=schema)  # type: ignore[arg-type]
        assert "json_schema" in str(info.value)
        ok = c.chat.completions.create(
            model="m", messages=MESSAGES, response_format={"type": "json_object"}
        )  # type: ignore[arg-type]
    assert ok.choices[0].message.content == '{"ok": true}'


def test_api_key_option_rejects_other_keys():
    with FakeOpenAIServer(api_key="sk-right") as srv:
        with sdk(srv) as wrong, pytest.raises(openai.AuthenticationError):
            wrong.models.list()
        with openai.OpenAI(base_url=srv.base_url, api_key="sk-right", max_retries=0) as right:
            assert right.models.list().data


def test_unknown_path_is_404(fake_server):
    response = Raw(fake_server, "GET", "/models")
    assert response.status == 404
    assert "Unknown path" in json.loads(response.body)["error"]["message"]


def test_invalid_json_request_is_400(fake_server):
    response = Raw(fake_server, "POST", "/v1/chat/completions", b"{not json")
    assert response.status == 400


def test_serves_sixteen_requests_at_once(fake_server):
    # Every answer waits until 16 requests are inside the server at the same time: this only
    # completes when the server really handles them concurrently.
    barrier = threading.Barrier(16, timeout=20)

    def together(request: dict[str, Any]) -> Behaviour:
        barrier.wait()
        return Reply("together")

    fake_server.default = together
    with sdk(fake_server, timeout=30) as c, ThreadPoolExecutor(16) as pool:
        answers = list(
            pool.map(
                lambda _: (
                    c.chat.completions.create(model="m", messages=MESSAGES)
                    .choices[0]
                    .message.content
                ),
                range(16),
            )  # type: ignore[arg-type]
        )
    assert answers == ["together"] * 16
    assert fake_server.max_concurrency == 16


def test_stop_closes_the_server():
    srv = FakeOpenAIServer().start()
    url = srv.base_url
    srv.stop()
    with (
        openai.OpenAI(base_url=url, api_key=KEY, max_retries=0, timeout=2) as c,
        pytest.raises(openai.APIConnectionError),
    ):
        c.models.list()
    with pytest.raises(RuntimeError):
        _ = srv.base_url


def test_enqueue_rejects_non_behaviours(fake_server):
    with pytest.raises(TypeError):
        fake_server.enqueue("not a behaviour")  # type: ignore[arg-type]
