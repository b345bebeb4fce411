"""doctor.diagnose against the fake server (scripted problems), an unreachable port and the real llama server."""

from __future__ import annotations

import json

from referral_ai.doctor import DoctorReport, diagnose
from referral_ai.testing import (
    ErrorReply,
    FakeOpenAIServer,
    LlamaServer,
    Reply,
    free_port,
    reject_json_schema,
)


def levels(report: DoctorReport) -> dict[str, str]:
    return {c.name: c.level for c in report.checks}


def test_healthy_server_without_json_schema():
    default = reject_json_schema(Reply('{"ok": true}'))
    with FakeOpenAIServer(default=default, models=["tiny", "big"]) as srv:
        report = diagnose(srv.base_url, model="tiny")
        sent = srv.chat_requests
    assert report.ok
    assert report.models == ["tiny", "big"] and report.model_found is True
    assert report.modes == {"json_schema": False, "json_object": True, "text": True}
    assert report.best_mode == "json_object"
    assert levels(report)["json_schema"] == "warn"
    assert report.chat_latency_ms is not None and report.list_latency_ms is not None
    # three tiny probes, one per mode, all for the asked model with a small token limit
    assert [r.json.get("response_format", {}).get("type") for r in sent] == [
        "json_schema",
        "json_object",
        None,
    ]
    assert all(r.json["model"] == "tiny" and r.json["max_tokens"] <= 16 for r in sent)
    text = str(report)
    assert "json_schema" in text and "Result: OK" in text and "json_object" in text


def test_unknown_model_lists_the_available_ones():
    with FakeOpenAIServer(models=["llama3.2", "qwen2.5"]) as srv:
        report = diagnose(srv.base_url, model="gpt-4o")
        probes = srv.chat_requests
    assert not report.ok
    assert report.model_found is False
    failed = [c for c in report.checks if not c.ok]
    assert [c.name for c in failed] == ["model"]
    assert "gpt-4o" in failed[0].detail
    assert failed[0].fix is not None and "llama3.2" in failed[0].fix and "qwen2.5" in failed[0].fix
    assert probes == []  # no chat probes for a model that is not there
    assert "NOT READY" in str(report)


def test_bare_host_gets_v1_like_the_writer_does():
    with FakeOpenAIServer() as srv:
        root = srv.url
        report = diagnose(root, model="fake-model", probe_modes=False)
    assert report.ok
    assert report.effective_base_url == f"{root}/v1"
    assert levels(report)["base_url"] == "ok" and report.model_found is True


def test_full_endpoint_path_is_found_and_fixed():
    with FakeOpenAIServer() as srv:
        root = srv.url
        report = diagnose(f"{root}/v1/chat/completions", model="fake-model", probe_modes=False)
    check = next(c for c in report.checks if c.name == "base_url")
    assert check.level == "fail" and not report.ok
    assert check.fix == f"use base_url {root}/v1"
    assert report.effective_base_url == f"{root}/v1"
    assert report.model_found is True  # the rest was diagnosed with the corrected URL


def test_wrong_path_explains_what_base_url_must_be():
    with FakeOpenAIServer() as srv:
        report = diagnose(f"{srv.url}/api", model="fake-model")
    assert not report.ok and report.reachable
    check = next(c for c in report.checks if c.name == "endpoint")
    assert check.level == "fail" and "404" in check.detail
    assert check.fix is not None and "/v1" in check.fix


def test_rejected_key_says_how_to_set_it():
    with FakeOpenAIServer(api_key="sk-the-right-one") as srv:
        report = diagnose(srv.base_url, api_key="sk-wrong-SECRET", model="fake-model")
    assert not report.ok
    check = next(c for c in report.checks if c.name == "api key")
    assert check.level == "fail" and check.fix is not None and "OPENAI_API_KEY" in check.fix
    assert "SECRET" not in str(report) and "SECRET" not in json.dumps(report.as_dict())


def test_unreachable_port_explains_how_to_start_a_server():
    port = free_port()
    report = diagnose(f"http://127.0.0.1:{port}/v1", model="x", timeout=5)
    assert not report.ok and not report.reachable
    check = report.checks[0]
    assert check.name == "endpoint" and check.level == "fail"
    assert f"127.0.0.1:{port}" in check.detail
    assert check.fix is not None and "ollama serve" in check.fix and "llama" in check.fix


def test_openai_without_key_fails_before_any_request(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    report = diagnose("https://api.openai.com/v1", model="gpt-4o-mini")
    assert not report.ok
    assert report.checks[0].name == "api key" and "OPENAI_API_KEY" in (report.checks[0].fix or "")


def test_not_a_url():
    report = diagnose("localhost:8000")
    assert not report.ok and report.checks[0].name == "base_url"


def test_server_that_cannot_chat_fails_text_mode():
    with FakeOpenAIServer(default=ErrorReply(status=500, message="model failed to load")) as srv:
        report = diagnose(srv.base_url, model="fake-model")
    assert not report.ok
    assert report.modes == {"json_schema": False, "json_object": False, "text": False}
    text_check = next(c for c in report.checks if c.name == "text")
    assert text_check.level == "fail" and "model failed to load" in text_check.detail


def test_no_model_given_probes_the_first_listed():
    with FakeOpenAIServer(models=["only-one"]) as srv:
        report = diagnose(srv.base_url)
        asked = {r.json["model"] for r in srv.chat_requests}
    assert report.ok and asked == {"only-one"}
    assert levels(report)["model"] == "warn"


def test_against_the_real_llama_server(llama_server: LlamaServer):
    report = diagnose(llama_server.base_url, model=llama_server.model, timeout=120)
    assert report.ok, str(report)
    assert report.model_found is True
    # llama-cpp-python's server refuses json_schema (HTTP 500) and accepts json_object and text
    assert report.modes == {"json_schema": False, "json_object": True, "text": True}
    assert report.best_mode == "json_object"
    assert "HTTP 500" in next(c.detail for c in report.checks if c.name == "json_schema")
