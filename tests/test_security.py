"""Secrets and resume contents stay out of what the library logs, prints, reprs and raises."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from referral_ai import (
    DraftKind,
    OpenAIWriter,
    Referral,
    build_context,
    compose,
    load_posting,
    load_resume,
)
from referral_ai.errors import ModelError
from referral_ai.testing import FakeOpenAIServer, Reply, free_port, reject_json_schema

ROOT = Path(__file__).resolve().parents[1]
KEY = "sk-proj-SECRET-abcdef0123456789"
RESUME_LINE = "Moved 35 cron jobs into Airflow"


@pytest.fixture
def ctx():  # type: ignore[no-untyped-def]
    posting = load_posting(ROOT / "examples" / "posting.md")
    resume = load_resume(ROOT / "examples" / "resume.md")
    return build_context(
        posting, resume, Referral(contact="Dana Whitfield", introducer="Sam Ortiz")
    )


def test_model_path_logs_neither_key_nor_resume(ctx, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG, logger="referral_ai")
    answer = (
        '{"subject": "x", "body": "Hi Dana, keep me in mind!", "blurb": null, "attachments": []}'
    )
    with FakeOpenAIServer(default=reject_json_schema(Reply(answer))) as srv:
        writer = OpenAIWriter(model="m", base_url=srv.base_url, api_key=KEY)
        try:
            compose(DraftKind.follow_up, ctx, writer, max_reasks=0, allow_invalid=True)
        finally:
            writer.close()
        assert srv.requests[0].headers["authorization"] != f"Bearer {KEY}"  # redacted in the record
    assert caplog.records, "the fallback to json_object is logged"
    assert KEY not in caplog.text and RESUME_LINE not in caplog.text
    assert KEY not in repr(writer) and KEY not in str(writer.__dict__.get("name", ""))


def test_errors_do_not_carry_the_key_or_the_resume(ctx) -> None:  # type: ignore[no-untyped-def]
    writer = OpenAIWriter(
        model="m", base_url=f"http://127.0.0.1:{free_port()}", api_key=KEY, timeout=2
    )
    writer.retry_policy = None
    with pytest.raises(ModelError) as info:
        writer.draft(DraftKind.reminder, ctx)
    text = str(info.value) + repr(info.value) + repr(ctx) + repr(ctx.resume)
    assert KEY not in text and RESUME_LINE not in text
    assert info.value.__cause__ is None  # raised from None: no SDK exception chain to leak through


def test_a_pretty_printer_shows_no_resume_contents() -> None:
    from rich.pretty import pretty_repr

    from referral_ai.models import Contact, Resume, Role

    resume = Resume(
        name="Ada Lovelace",
        contact=Contact(email="ada@example.org", phone="+44 20 7946 0000"),
        roles=[Role(title="Analyst", employer="Initech", bullets=["Cut costs 40% at Initech"])],
        text="SECRET RESUME TEXT",
    )
    shown = pretty_repr(resume)
    assert "Ada Lovelace" in shown and "roles=1" in shown.replace(" ", "")
    for secret in ("SECRET RESUME TEXT", "ada@example.org", "7946", "Cut costs"):
        assert secret not in shown
