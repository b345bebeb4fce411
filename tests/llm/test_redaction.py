"""Credentials are never shown: URL user-info and Authorization-like headers are redacted in errors,
``doctor`` output, reprs and logs (all through referral_ai.redact.redact); doctor survives non-JSON."""

from __future__ import annotations

import json
import logging
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openai
import pytest

from referral_ai import cli, retry
from referral_ai.doctor import diagnose
from referral_ai.errors import ModelError
from referral_ai.models import DraftContext, DraftKind
from referral_ai.redact import redact, redact_url, remember
from referral_ai.retry import RetryPolicy
from referral_ai.testing import ErrorReply, FakeOpenAIServer, free_port
from referral_ai.writers.openai_writer import OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "hunter2-PASSWORD"


def with_userinfo(base_url: str) -> str:
    return base_url.replace("http://", f"http://alice:{PASSWORD}@")


@pytest.mark.parametrize(
    "text",
    [
        f"http://alice:{PASSWORD}@example.test/v1",
        f"could not reach https://{PASSWORD}@example.test:8443 (refused)",
        f"GET http://h/v1/models?api-key={PASSWORD}&x=1",
        f"https://h/v1?key={PASSWORD}",
        f"Authorization: Basic {PASSWORD}",
        f"{{'authorization': 'Bearer {PASSWORD}', 'accept': 'json'}}",
        f'"api-key": "{PASSWORD}"',
        f"x-api-key={PASSWORD}",
        f"Proxy-Authorization: Digest {PASSWORD}",
        f"headers: bearer {PASSWORD}",
        f"key sk-{PASSWORD}",
        f"Incorrect API key provided: {PASSWORD}. You can find your API key at ...",
        f"invalid API key: {PASSWORD}",
    ],
)
def test_redact_removes_the_credential(text: str) -> None:
    shown = redact(text)
    assert PASSWORD not in shown
    assert "***" in shown


def test_redact_keeps_what_is_not_a_credential() -> None:
    text = "http://example.test:8080/v1/models?limit=5 answered HTTP 404; Content-Type: json"
    assert redact(text) == text
    assert redact_url(f"http://u:{PASSWORD}@h:1/v1") == "http://***@h:1/v1"
    assert redact("my secret is swordfish", "swordfish") == "my secret is ***"


def test_remembered_and_environment_keys_are_removed_in_any_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    remember("remembered-KEY-1234")
    monkeypatch.setenv("OPENAI_API_KEY", "environment-KEY-5678")
    shown = redact("you sent remembered-KEY-1234; the default is environment-KEY-5678")
    assert shown == "you sent ***; the default is ***"
    # placeholders local servers take ("ollama", "EMPTY") are not secrets: words stay readable
    remember("ollama")
    monkeypatch.setenv("OPENAI_API_KEY", "EMPTY")
    assert redact("ollama has no model 'x'; EMPTY reply") == "ollama has no model 'x'; EMPTY reply"


@pytest.mark.parametrize("own_client", [False, True])
def test_a_key_echoed_in_any_wording_never_reaches_the_error(
    sample_ctx: DraftContext, own_client: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDK adds the Authorization header at send time (openai >= 3.60), so the failed request no
    longer holds the key: the writer remembers the key it gave the client."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    key = f"writer-key-{'own' if own_client else 'given'}-SECRET"
    echo = ErrorReply(status=401, message=f"the token {key} is not valid", code="invalid_api_key")
    with FakeOpenAIServer(default=echo) as srv:
        if own_client:
            with openai.OpenAI(base_url=srv.base_url, api_key=key) as client:
                writer = OpenAIWriter(
                    model="m",
                    client=client,
                    retry_policy=RetryPolicy.none(),
                    structured_mode="text",
                )
                with pytest.raises(ModelError) as info:
                    writer.draft(DraftKind.follow_up, sample_ctx)
        else:
            writer = OpenAIWriter(
                model="m", base_url=srv.base_url, api_key=key, retry_policy=RetryPolicy.none(),
                structured_mode="text",
            )  # fmt: skip
            with writer, pytest.raises(ModelError) as info:
                writer.draft(DraftKind.follow_up, sample_ctx)
    shown = "".join(traceback.format_exception(info.value))
    shown += json.dumps(getattr(info.value, "body", None), default=str)
    assert "HTTP 401" in shown and "the token *** is not valid" in shown and "SECRET" not in shown


def test_writer_repr_and_connection_error_hide_the_password(sample_ctx: DraftContext) -> None:
    url = with_userinfo(f"http://127.0.0.1:{free_port()}/v1")  # nothing listens there
    writer = OpenAIWriter(
        model="m", base_url=url, retry_policy=RetryPolicy.none(), structured_mode="text"
    )
    with writer:
        assert PASSWORD not in repr(writer) and PASSWORD not in str(writer)
        with pytest.raises(ModelError) as info:
            writer.draft(DraftKind.follow_up, sample_ctx)
    assert "could not reach" in str(info.value)
    assert PASSWORD not in str(info.value)


def test_http_error_hides_the_password_and_basic_auth(sample_ctx: DraftContext) -> None:
    echo = ErrorReply(status=400, message=f"bad request for alice:{PASSWORD} (Basic auth)")
    with FakeOpenAIServer(default=echo) as srv:
        writer = OpenAIWriter(
            model="m",
            base_url=with_userinfo(srv.base_url),
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        with writer, pytest.raises(ModelError) as info:
            writer.draft(DraftKind.follow_up, sample_ctx)
    shown = str(info.value) + json.dumps(getattr(info.value, "body", None), default=str)
    assert "HTTP 400" in shown and PASSWORD not in shown


def test_logs_never_show_the_password(
    sample_ctx: DraftContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeOpenAIServer() as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=with_userinfo(srv.base_url),
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        with writer:
            writer.draft(DraftKind.follow_up, sample_ctx)
    assert "HTTP Request" in caplog.text  # the HTTP library logged the URL ...
    assert PASSWORD not in caplog.text  # ... redacted


def test_doctor_report_hides_the_password_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAIServer() as srv:
        url = with_userinfo(srv.url)  # bare host: doctor adds /v1 and says so
        report = diagnose(url, model="fake-model", timeout=10)
        assert cli.main(["doctor", "--base-url", url, "--json"]) == cli.EXIT_OK
        assert cli.main(["doctor", "--base-url", url]) == cli.EXIT_OK
    assert report.ok, str(report)
    printed = capsys.readouterr()
    for shown in (str(report), repr(report), json.dumps(report.as_dict()), report._repr_html_()):
        assert PASSWORD not in shown
        assert "***@127.0.0.1" in shown
    assert PASSWORD not in printed.out + printed.err


def test_cli_draft_error_hides_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retry, "RetryPolicy", RetryPolicy.none)
    url = with_userinfo(f"http://127.0.0.1:{free_port()}/v1")
    code = cli.main(
        [
            "draft", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md"),
            "--contact", "Dana", "--base-url", url, "--model", "m", "--out", str(tmp_path / "o"),
        ]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == cli.EXIT_MODEL and "could not reach" in err
    assert PASSWORD not in err


# --------------------------------------------------------------------------- doctor vs non-JSON


class _NotAnAPI(BaseHTTPRequestHandler):
    content_type = "text/html"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"<html><body>Please log in</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer


class _JSONLabelled(_NotAnAPI):
    content_type = "application/json"


@pytest.fixture(params=[_NotAnAPI, _JSONLabelled], ids=["html", "labelled-json"])
def not_an_api(request: pytest.FixtureRequest) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_doctor_against_a_non_json_server_fails_cleanly(
    not_an_api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = diagnose(not_an_api, model="m", timeout=10)
    assert not report.ok and report.reachable
    endpoint = next(c for c in report.checks if c.name == "endpoint")
    assert endpoint.level == "fail" and "not with an OpenAI model list" in endpoint.detail
    assert cli.main(["doctor", "--base-url", not_an_api]) == cli.EXIT_MODEL
    captured = capsys.readouterr()
    assert "NOT READY" in captured.out and "Traceback" not in captured.err
