"""One total deadline per model request: a server that trickles its answer cannot stretch it.

The fake server's trickle mode sends one byte every ``INTERVAL`` seconds, far less than the per-read
timeout, so only a total deadline ends the request. Each test asserts the request *fails with the
right error*; the only timing checked is a generous bound (the trickled answer would take minutes).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from referral_ai import cli, retry
from referral_ai.doctor import diagnose
from referral_ai.errors import ModelConnectionError
from referral_ai.models import DraftContext, DraftKind
from referral_ai.retry import RetryPolicy
from referral_ai.testing import FakeOpenAIServer, Reply, Trickle
from referral_ai.writers.openai_writer import OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INTERVAL = 0.25  # seconds between trickled bytes: never long enough for a read to time out
DEADLINE = 1.0
LONG = "word " * 400  # trickled at INTERVAL per byte this answer would take over ten minutes
GENEROUS = 30.0  # seconds; a request bounded by the deadline ends long before


def trickle(*, headers_first: bool = False) -> Trickle:
    return Trickle(reply=Reply(LONG), interval=INTERVAL, headers_first=headers_first)


@pytest.mark.parametrize("headers_first", [False, True], ids=["status-line", "body"])
def test_sync_draft_ends_with_a_timeout_however_the_answer_trickles(
    sample_ctx: DraftContext, headers_first: bool
) -> None:
    with FakeOpenAIServer(default=trickle(headers_first=headers_first)) as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=srv.base_url,
            timeout=DEADLINE,
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        started = time.monotonic()
        with writer, pytest.raises(ModelConnectionError, match="timed out"):
            writer.draft(DraftKind.follow_up, sample_ctx)
        elapsed = time.monotonic() - started
        assert len(srv.chat_requests) == 1
    assert elapsed < GENEROUS


@pytest.mark.parametrize("headers_first", [False, True], ids=["status-line", "body"])
def test_async_draft_ends_with_a_timeout(sample_ctx: DraftContext, headers_first: bool) -> None:
    async def go(writer: OpenAIWriter) -> None:
        try:
            await writer.adraft(DraftKind.follow_up, sample_ctx)
        finally:
            await writer.aclose()

    with FakeOpenAIServer(default=trickle(headers_first=headers_first)) as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=srv.base_url,
            timeout=DEADLINE,
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        with pytest.raises(ModelConnectionError, match="timed out"):
            asyncio.run(go(writer))


def test_keepalive_writer_is_bounded_too(sample_ctx: DraftContext) -> None:
    """The batch's pooled copy (with_keepalive) builds its own client: it has the deadline too."""

    async def go(writer: OpenAIWriter) -> None:
        pooled = writer.with_keepalive()
        try:
            await pooled.adraft(DraftKind.follow_up, sample_ctx)
        finally:
            await pooled.aclose()
            await writer.aclose()

    with FakeOpenAIServer(default=trickle()) as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=srv.base_url,
            timeout=DEADLINE,
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        with pytest.raises(ModelConnectionError, match="timed out"):
            asyncio.run(go(writer))


def test_each_retry_gets_its_own_deadline(sample_ctx: DraftContext) -> None:
    policy = RetryPolicy(max_attempts=2, initial_wait=0, max_wait=0)
    with FakeOpenAIServer(default=trickle()) as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=srv.base_url,
            timeout=DEADLINE,
            retry_policy=policy,
            structured_mode="text",
        )
        with writer, pytest.raises(ModelConnectionError, match="timed out"):
            writer.draft(DraftKind.follow_up, sample_ctx)
        assert len(srv.chat_requests) == 2


def test_a_trickled_answer_inside_the_deadline_is_read_whole(
    sample_ctx: DraftContext,
) -> None:
    body = "Hi Dana, thank you for meeting me."
    slow_but_done = Trickle(reply=Reply(f"Subject: Thanks\n\n{body}"), interval=0.001)
    with FakeOpenAIServer(default=slow_but_done) as srv:
        writer = OpenAIWriter(
            model="fake-model",
            base_url=srv.base_url,
            timeout=60,
            retry_policy=RetryPolicy.none(),
            structured_mode="text",
        )
        with writer:
            draft = writer.draft(DraftKind.follow_up, sample_ctx)
    assert draft.body == body and draft.subject == "Thanks"


def test_doctor_against_a_trickling_server_reports_a_timeout() -> None:
    with FakeOpenAIServer(trickle=INTERVAL) as srv:
        started = time.monotonic()
        report = diagnose(srv.base_url, model="fake-model", timeout=DEADLINE)
        elapsed = time.monotonic() - started
    assert not report.ok
    endpoint = next(c for c in report.checks if c.name == "endpoint")
    assert endpoint.level == "fail" and "timed out" in endpoint.detail
    assert elapsed < GENEROUS


def test_doctor_probes_are_bounded_too() -> None:
    with FakeOpenAIServer(default=trickle(headers_first=True)) as srv:
        report = diagnose(srv.base_url, model="fake-model", timeout=DEADLINE)
    assert report.reachable and not report.ok
    assert report.modes == {"json_schema": False, "json_object": False, "text": False}
    text = next(c for c in report.checks if c.name == "text")
    assert text.level == "fail" and "timed out" in text.detail


# --------------------------------------------------------------------------- the command line


@dataclass(frozen=True)
class _OneTry(RetryPolicy):
    max_attempts: int = 1


@pytest.fixture
def one_try(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's writer uses the default retry policy; one attempt keeps these tests short."""
    monkeypatch.setattr(retry, "RetryPolicy", _OneTry)


def test_cli_draft_times_out_with_exit_3_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_try: None
) -> None:
    out = tmp_path / "out"
    with FakeOpenAIServer(default=trickle()) as srv:
        code = cli.main(
            [
                "draft", str(EXAMPLES / "posting.md"), str(EXAMPLES / "resume.md"),
                "--contact", "Dana Whitfield", "--base-url", srv.base_url, "--model", "fake-model",
                "--timeout", str(DEADLINE), "--out", str(out),
            ]
        )  # fmt: skip
    err = capsys.readouterr().err
    assert code == cli.EXIT_MODEL
    assert "timed out" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_cli_doctor_times_out_with_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAIServer(trickle=INTERVAL) as srv:
        code = cli.main(["doctor", "--base-url", srv.base_url, "--timeout", str(DEADLINE)])
    out = capsys.readouterr().out
    assert code == cli.EXIT_MODEL
    assert "timed out" in out and "NOT READY" in out


def test_cli_batch_records_the_timeout_per_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one_try: None
) -> None:
    postings = tmp_path / "postings"
    postings.mkdir()
    shutil.copy(EXAMPLES / "posting.md", postings / "one.md")
    out = tmp_path / "out"
    with FakeOpenAIServer(default=trickle()) as srv:
        code = cli.main(
            [
                "batch", str(postings), str(EXAMPLES / "resume.md"), "--contact", "Dana",
                "--base-url", srv.base_url, "--model", "fake-model", "--timeout", str(DEADLINE),
                "--out", str(out), "--no-progress", "--json", "--kinds", "follow_up",
            ]
        )  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_FINDINGS
    (item,) = summary["items"]
    assert item["error_type"] == "ModelConnectionError" and "timed out" in item["error"]


def test_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        OpenAIWriter(model="m", base_url="http://127.0.0.1:9/v1", timeout=0)
