"""estimate(): tokens and cost before sending, and nothing sent; the model writer's style and cold prompts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import referral_ai as ra
from referral_ai.pricing import cost
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.tokens import count_tokens

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx() -> ra.DraftContext:
    return ra.build_context(
        ra.load_posting(ROOT / "examples" / "posting.md"),
        ra.load_resume(ROOT / "examples" / "resume.md"),
        ra.Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    )


def test_estimate_counts_the_prompt_it_would_send_and_sends_nothing(ctx: ra.DraftContext) -> None:
    with FakeOpenAIServer() as srv:
        writer = ra.OpenAIWriter(model="gpt-4o-mini", base_url=srv.base_url, api_key="sk-test")
        est = ra.estimate(ctx, writer, ["cover_letter", "follow up"])
        assert srv.requests == []  # not a single request, not even /models
    assert [d.kind for d in est.documents] == [ra.DraftKind.cover_letter, ra.DraftKind.follow_up]
    for d in est.documents:
        prompt = writer.prompt(d.kind, ctx)
        assert d.prompt_tokens == prompt.tokens.tokens > 500
        assert 50 < d.completion_tokens <= d.max_completion_tokens == writer.max_tokens
        assert d.cost_usd == pytest.approx(
            cost("gpt-4o-mini", d.prompt_tokens, d.completion_tokens)
        )
        assert d.max_cost_usd is not None and d.cost_usd is not None
        assert d.max_cost_usd >= d.cost_usd
    assert est.prompt_tokens == sum(d.prompt_tokens for d in est.documents)
    assert est["follow-up"].kind is ra.DraftKind.follow_up
    text = str(est)
    assert "nothing was sent" in text and "$" in text and "follow_up" in text


def test_the_estimate_is_close_to_what_the_server_is_sent(ctx: ra.DraftContext) -> None:
    # the fake server counts what it receives in words; the estimate counts tokens of the same text
    with FakeOpenAIServer(default=Reply("{}")) as srv:
        writer = ra.OpenAIWriter(model="gpt-4", base_url=srv.base_url, api_key="sk-test")
        est = ra.estimate(ctx, writer, ["reminder"])
        sent = writer.prompt("reminder", ctx).messages
    text = "".join(m["content"] for m in sent)
    assert est["reminder"].prompt_tokens >= count_tokens(text, "gpt-4").tokens
    assert not est.approximate  # gpt-4 is cl100k: exact offline


def test_an_unpriced_model_says_so_and_never_claims_zero(ctx: ra.DraftContext) -> None:
    writer = ra.OpenAIWriter(model="my-local-llama", base_url="http://127.0.0.1:9")
    est = ra.estimate(ctx, writer, ["reminder"])
    assert est.cost_usd is None and est["reminder"].cost_usd is None
    assert "unknown price" in str(est) and "no price is known for 'my-local-llama'" in str(est)
    assert "approximate" in str(est)


def test_offline_estimates_are_zero_and_a_custom_writer_is_a_clear_error(
    ctx: ra.DraftContext,
) -> None:
    est = ra.estimate(ctx, ra.OfflineWriter())
    assert est.cost_usd == 0.0 and est.prompt_tokens == 0 and len(est.documents) == 4
    assert "nothing is sent" in str(est)

    class Mine:
        name = "mine"

    with pytest.raises(TypeError, match="cannot estimate for Mine"):
        ra.estimate(ctx, Mine())


def test_a_style_makes_the_prompt_longer_and_carries_the_voice_as_data(
    ctx: ra.DraftContext,
) -> None:
    writer = ra.OpenAIWriter(model="gpt-4", base_url="http://127.0.0.1:9", api_key="sk-test")
    style = ra.Style(tone="warm", formality="formal", length=220, voice_sample="Short. Plain. Me.")
    plain = ra.estimate(ctx, writer, ["cover_letter"])
    styled = ra.estimate(ctx, writer, ["cover_letter"], style=style)
    assert styled.prompt_tokens > plain.prompt_tokens
    user = writer.prompt("cover_letter", ctx.model_copy(update={"style": style})).messages[1][
        "content"
    ]
    block = user[user.index("<style>") :]
    assert "friendly and personal" in block and "formal:" in block
    assert "about 220 words" in block and "between 187 and 253" in block
    assert user.rstrip().endswith("</style>\n\n<voice>\nShort. Plain. Me.\n</voice>")  # last
    email = writer.prompt("reminder", ctx.model_copy(update={"style": style})).messages[1]
    assert "under 120 words" in email["content"]  # the reminder's own limit is lower


def test_compose_with_a_style_sends_it_and_checks_the_length(ctx: ra.DraftContext) -> None:
    short = {"subject": None, "body": "Dear Dana,\n\nToo short.\n\nRiley Chen", "blurb": None}
    with FakeOpenAIServer(default=Reply(json.dumps({**short, "attachments": []}))) as srv:
        writer = ra.OpenAIWriter(model="m", base_url=srv.base_url)
        draft = ra.compose(
            "cover_letter",
            ctx,
            writer,
            style=ra.Style(length=300),
            max_reasks=0,
            allow_invalid=True,
        )
        sent = srv.chat_requests[0].json["messages"][1]["content"]
    assert "about 300 words" in sent
    assert draft.report is not None and "length" in draft.report.codes()
    assert draft.usage.calls == 1 and draft.usage.prompt_tokens > 0
    assert draft.usage.cost_usd is None  # 'm' has no price: unknown, not free


def test_a_cold_model_prompt_mentions_no_introduction(ctx: ra.DraftContext) -> None:
    cold = ctx.model_copy(update={"referral": ra.Referral()})
    writer = ra.OpenAIWriter(model="gpt-4", base_url="http://127.0.0.1:9", api_key="sk-test")
    for kind in ("follow_up", "reminder"):
        user = writer.prompt(kind, cold).messages[1]["content"]
        assert "None" not in user.split("<role>")[0]
        assert "Dana Whitfield" in user.split("<role>")[0]  # the posting's hiring contact
        assert "cold application" in user and "ask for no referral" in user
        assert "introduced by" not in user.lower()


def test_rows_give_one_line_per_document_for_tables(ctx: ra.DraftContext) -> None:
    writer = ra.OpenAIWriter(model="gpt-4o", base_url="http://127.0.0.1:9", api_key="sk-test")
    est = ra.estimate(ctx, writer, ["cover_letter", "reminder"])
    rows = est.rows()
    assert [r[0] for r in rows] == ["cover_letter", "reminder"]
    assert (
        rows[0][1] == est["cover_letter"].prompt_tokens and rows[1][4] == est["reminder"].cost_usd
    )
