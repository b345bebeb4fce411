"""Endpoint shapes the README documents, against the fake server: Azure OpenAI's v1 endpoint
(`/openai/v1`, key as the API key, deployment name as the model), from Python and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from referral_ai.cli import main
from referral_ai.models import DraftContext, DraftKind
from referral_ai.retry import RetryPolicy
from referral_ai.testing import FakeOpenAIServer, Reply, draft_responder
from referral_ai.writers.openai_writer import OpenAIWriter, forget_structured_modes

ROOT = Path(__file__).resolve().parents[2]
KEY = "azure-resource-key-0123456789"
DEPLOYMENT = "my-gpt4o-deployment"


@pytest.fixture
def azure_like() -> Iterator[FakeOpenAIServer]:
    forget_structured_modes()
    with FakeOpenAIServer(api_key=KEY, api_prefix="/openai/v1", models=[DEPLOYMENT]) as srv:
        yield srv
    forget_structured_modes()


def test_writer_drafts_against_an_azure_v1_shaped_endpoint(
    azure_like: FakeOpenAIServer, sample_ctx: DraftContext
) -> None:
    azure_like.default = Reply(
        json.dumps({"subject": "Senior Data Engineer (Req R-4821)", "body": "Hi Priya, ...",
                    "blurb": None, "attachments": []})
    )  # fmt: skip
    assert azure_like.base_url.endswith("/openai/v1")
    with OpenAIWriter(
        model=DEPLOYMENT,
        base_url=azure_like.base_url,
        api_key=KEY,
        retry_policy=RetryPolicy(max_attempts=1),
    ) as w:
        draft = w.draft(DraftKind.follow_up, sample_ctx)
    (sent,) = azure_like.chat_requests
    assert sent.path == "/openai/v1/chat/completions"  # the path kept, no /v1 appended
    assert sent.json["model"] == DEPLOYMENT and sent.authorized
    assert draft.writer == DEPLOYMENT


def test_cli_drafts_against_an_azure_v1_shaped_endpoint(
    azure_like: FakeOpenAIServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    azure_like.default = draft_responder("Riley Chen")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("REFERRAL_AI_MODEL", raising=False)
    out = tmp_path / "out"
    code = main([
        "draft", str(ROOT / "examples" / "posting.md"), str(ROOT / "examples" / "resume.md"),
        "--contact", "Dana Whitfield", "--introducer", "Sam Ortiz", "--out", str(out),
        "--base-url", azure_like.base_url, "--model", DEPLOYMENT,
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0, err
    assert azure_like.chat_requests
    assert {r.json["model"] for r in azure_like.chat_requests} == {DEPLOYMENT}
    assert KEY not in err
    assert any(p.suffix == ".docx" for p in out.iterdir())
