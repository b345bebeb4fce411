"""Against the REAL llama-cpp-python server (SmolLM2-135M-Instruct), started once per session.

What this server actually does (llama-cpp-python 0.3.x): it lists the model under its alias, REFUSES
``response_format: json_schema`` with HTTP 500 (a request-validation message about response_format; not
400), accepts ``json_object`` (constrained by a grammar, optionally with a ``schema``) and streams SSE.
A 135M model writes poor drafts: the writer must degrade to json_object and compose must catch the
bad drafts with the validators. Token limits stay small so the whole file runs in well under a minute
on two idle cores (the compose test makes 2-5 model calls: ~20 s idle, minutes on a loaded machine).
"""

from __future__ import annotations

import json

import openai
import pytest

from referral_ai import retry
from referral_ai.compose import compose
from referral_ai.errors import (
    DraftRejectedError,
    ModelConnectionError,
    ModelHTTPError,
    ModelOutputError,
)
from referral_ai.models import Draft, DraftContext, DraftKind
from referral_ai.testing import LlamaServer, start_llama_server
from referral_ai.writers.openai_writer import (
    DraftOutputError,
    OpenAIWriter,
    forget_structured_modes,
)

SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}
ASK = [{"role": "user", "content": 'Answer with the JSON object {"ok": true}'}]


@pytest.fixture
def client(llama_server: LlamaServer):
    with openai.OpenAI(
        base_url=llama_server.base_url, api_key="sk-local", max_retries=0, timeout=120
    ) as c:
        yield c


def test_models_lists_the_served_model(client, llama_server):
    assert [m.id for m in client.models.list().data] == [llama_server.model]


def test_json_schema_is_refused_with_http_500(client, llama_server):
    fmt = {
        "type": "json_schema",
        "json_schema": {"name": "probe", "strict": True, "schema": SCHEMA},
    }
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(
            model=llama_server.model, messages=ASK, max_tokens=8, response_format=fmt
        )
    assert info.value.status_code == 500
    assert "response_format" in json.dumps(info.value.body)
    assert retry.is_unsupported_response_format(info.value)


def test_json_schema_refusal_is_not_retried(client, llama_server):
    fmt = {"type": "json_schema", "json_schema": {"name": "probe", "schema": SCHEMA}}
    calls = []

    def once():
        calls.append(1)
        return client.chat.completions.create(
            model=llama_server.model, messages=ASK, max_tokens=8, response_format=fmt
        )

    with pytest.raises(ModelHTTPError) as info:
        retry.call(retry.RetryPolicy(initial_wait=0.01), once)
    assert calls == [1]  # a 5xx, but retrying cannot help: one request only
    assert info.value.status_code == 500
    assert "response_format" in str(info.value)


def test_json_object_with_schema_returns_json(client, llama_server):
    response = client.chat.completions.create(
        model=llama_server.model,
        messages=ASK,
        max_tokens=24,
        temperature=0,
        response_format={"type": "json_object", "schema": SCHEMA},
    )
    choice = response.choices[0]
    assert choice.finish_reason == "stop"
    assert isinstance(json.loads(choice.message.content or ""), dict)
    assert response.usage is not None and response.usage.completion_tokens > 0


def test_streaming_text(client, llama_server):
    stream = client.chat.completions.create(
        model=llama_server.model,
        messages=[{"role": "user", "content": "Say hello in three words."}],
        max_tokens=12,
        temperature=0,
        stream=True,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.strip()
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] in ("stop", "length")


def test_writer_degrades_to_json_object_and_compose_checks_the_tiny_models_drafts(
    llama_server: LlamaServer, sample_ctx: DraftContext
):
    forget_structured_modes()  # the mode cache is process-wide: make this test discover it
    writer = OpenAIWriter(
        base_url=llama_server.base_url,
        model=llama_server.model,
        max_tokens=200,
        temperature=0.0,  # greedy decoding: the same answers on every run of this build
        context_window=2048,
        timeout=300,  # generous: the machine may be busy; a timeout is not retried (max_attempts=1)
        retry_policy=retry.RetryPolicy(max_attempts=1),
    )
    assert writer.structured_mode is None
    try:
        outcome: Draft | Exception = compose(DraftKind.follow_up, sample_ctx, writer, max_reasks=1)
    except (DraftRejectedError, ModelOutputError) as exc:
        outcome = exc
    finally:
        writer.close()
    # json_schema was refused (HTTP 500) and the writer remembered json_object for this endpoint
    assert writer.structured_mode == "json_object"

    if isinstance(outcome, Draft):  # the model happened to write a draft that passes every check
        assert outcome.report is not None and outcome.report.ok
        assert outcome.body.strip()
        assert outcome.writer == llama_server.model
        assert outcome.usage.calls >= 1 and outcome.usage.completion_tokens > 0
    elif isinstance(outcome, DraftRejectedError):  # validators caught every attempt
        assert outcome.report.errors, "a rejection must carry the failing report"
        assert 1 <= len(outcome.attempts) <= 2  # first draft + one re-ask
        assert all(isinstance(a, str) and a.strip() for a in outcome.attempts)
        assert outcome.usage.calls >= len(outcome.attempts)
        assert any(code in str(outcome) for code in outcome.report.codes())
    else:  # every attempt was unusable (e.g. cut off even after the writer doubled max_tokens)
        assert isinstance(outcome, DraftOutputError)
        assert "truncat" in str(outcome) or "JSON" in str(outcome) or "body" in str(outcome)
        assert outcome.usage.calls >= 2


def test_start_llama_server_reports_a_server_that_dies(tmp_path):
    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"this is not a GGUF file")
    with pytest.raises(ModelConnectionError) as info, start_llama_server(bad, startup_timeout=60):
        pass
    assert "exited" in str(info.value)
    assert "log" in str(info.value)


def test_start_llama_server_needs_an_existing_model(tmp_path):
    with pytest.raises(FileNotFoundError), start_llama_server(tmp_path / "missing.gguf"):
        pass
