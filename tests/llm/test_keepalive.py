"""OpenAIWriter.with_keepalive: a copy that reuses connections within one event loop, closed cleanly."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import openai

from referral_ai.batch import BatchItem, run_batch
from referral_ai.models import DraftContext, DraftKind
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.writers.openai_writer import OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ANSWER = '{"subject": "Referral", "body": "Hello", "blurb": null, "attachments": []}'


def _open_connections(srv: FakeOpenAIServer, expected: int) -> int:
    """The server's open connections, waiting (up to 5 s) for closes still in progress."""
    deadline = time.monotonic() + 5
    while len(srv._connections) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return len(srv._connections)


def test_keepalive_copy_reuses_one_connection_and_leaves_the_original_usable(
    sample_ctx: DraftContext,
) -> None:
    with FakeOpenAIServer(default=Reply(ANSWER), models=["m"]) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, api_key="sk-test", model="m")
        twin = writer.with_keepalive()
        assert twin is not writer and twin.model == writer.model

        async def three() -> list[str]:
            bodies = [(await twin.adraft(DraftKind.follow_up, sample_ctx)).body for _ in range(3)]
            assert _open_connections(srv, 1) == 1  # the three requests went over one connection
            await twin.aclose()
            return bodies

        assert asyncio.run(three()) == ["Hello"] * 3
        assert _open_connections(srv, 0) == 0  # aclose closed it inside the loop
        # the copy never closes the original's clients: sync and a new event loop still work
        assert writer.draft(DraftKind.follow_up, sample_ctx).body == "Hello"
        assert asyncio.run(writer.adraft(DraftKind.follow_up, sample_ctx)).body == "Hello"
        writer.close()
        assert len(srv.chat_requests) == 5


def test_keepalive_copy_keeps_an_injected_async_client(sample_ctx: DraftContext) -> None:
    with FakeOpenAIServer(default=Reply(ANSWER), models=["m"]) as srv:

        async def run() -> str:
            async with openai.AsyncOpenAI(base_url=srv.base_url, api_key="sk-test") as mine:
                writer = OpenAIWriter(async_client=mine, model="m")
                twin = writer.with_keepalive()
                assert twin.async_client is writer.async_client
                body = (await twin.adraft(DraftKind.follow_up, sample_ctx)).body
                await twin.aclose()  # not ours to close: the caller's client keeps working
                return body + (await writer.adraft(DraftKind.follow_up, sample_ctx)).body

        assert asyncio.run(run()) == "HelloHello"


def test_batch_closes_its_connections_and_the_writer_works_afterwards(
    tmp_path: Path, sample_ctx: DraftContext
) -> None:
    with FakeOpenAIServer(default=Reply(ANSWER), models=["m"]) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, api_key="sk-test", model="m")
        items = [BatchItem(id=f"p{n}", posting=EXAMPLES / "posting.md") for n in range(4)]
        summary = run_batch(
            items,
            EXAMPLES / "resume.md",
            writer=writer,
            out_dir=tmp_path,
            contact="Dana Whitfield",
            kinds=["follow_up"],
            concurrency=2,
            formats=["md"],
            allow_invalid=True,
            progress=False,
        )
        assert summary.counts["ok"] == 4
        assert _open_connections(srv, 0) == 0
        for n in range(4):
            (email,) = (tmp_path / f"p{n}").glob("*-FollowUpEmail.md")
            assert "Hello" in email.read_text(encoding="utf-8")
        # a second run in a new event loop with the same writer: no "Event loop is closed"
        again = run_batch(
            items[:1],
            EXAMPLES / "resume.md",
            writer=writer,
            out_dir=tmp_path / "again",
            contact="Dana Whitfield",
            kinds=["follow_up"],
            formats=["md"],
            allow_invalid=True,
            progress=False,
        )
        assert again.counts["ok"] == 1
        writer.close()
