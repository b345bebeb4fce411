"""compose: draft -> validate -> re-ask loop, with a scripted writer and a simple validator."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from referral_ai.compose import acompose, acompose_all, compose, compose_all
from referral_ai.errors import DraftRejectedError, ModelConnectionError, ModelOutputError
from referral_ai.models import Draft, DraftContext, DraftKind, Issue, Report, Severity, Usage
from referral_ai.retry import RetryPolicy
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.writers.openai_writer import (
    DraftOutputError,
    OpenAIWriter,
    forget_structured_modes,
)

GENERIC = "Hi Priya, please keep me in mind for any openings."
SPECIFIC = "Hi Priya, could you refer me for Senior Data Engineer (Req R-4821)?"


def generic_ask_validator(draft: Draft | str, **kwargs: Any) -> Report:
    """A stand-in for validators.validate: flags a generic ask, checks the context is passed."""
    assert {"posting", "resume", "referral"} <= set(kwargs)
    text = draft.text if isinstance(draft, Draft) else draft
    issues = []
    if "any openings" in text:
        start = text.index("any openings")
        issues.append(
            Issue(code="generic-ask", severity=Severity.error, message="Generic ask.", start=start, end=start + 12,
                  suggestion="Name the exact role and req id.")
        )  # fmt: skip
    if "Req" not in text:
        issues.append(Issue(code="no-req-id", severity=Severity.warning, message="No req id."))
    return Report(issues=issues)


class ScriptedWriter:
    """Returns the scripted bodies (or raises scripted errors) in order; records every call."""

    name = "scripted"

    def __init__(self, *script: str | Exception) -> None:
        self.script = list(script)
        self.calls: list[str | None] = []

    def _next(self, kind: DraftKind, feedback: str | None) -> Draft:
        self.calls.append(feedback)
        item = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(item, Exception):
            raise item
        return Draft(
            kind=kind,
            body=item,
            usage=Usage(prompt_tokens=100, completion_tokens=20, calls=1),
            writer="scripted",
        )

    def draft(self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None) -> Draft:
        return self._next(kind, feedback)

    async def adraft(
        self, kind: DraftKind, ctx: DraftContext, *, feedback: str | None = None
    ) -> Draft:
        await asyncio.sleep(0)
        return self._next(kind, feedback)


def test_bad_then_good_is_reasked_once_with_feedback(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(GENERIC, SPECIFIC)
    draft = compose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator)
    assert draft.body == SPECIFIC
    assert len(writer.calls) == 2
    assert writer.calls[0] is None
    assert (
        writer.calls[1] is not None
        and "[generic-ask] Generic ask. Fix: Name the exact role" in writer.calls[1]
    )
    assert draft.report is not None and draft.report.ok
    assert draft.usage == Usage(prompt_tokens=200, completion_tokens=40, calls=2)
    assert "2 attempts" in draft.notes


def test_good_first_time_makes_one_call(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(SPECIFIC)
    draft = compose("reminder", sample_ctx, writer, validator=generic_ask_validator)
    assert len(writer.calls) == 1 and draft.kind is DraftKind.reminder and draft.notes == []


def test_warnings_do_not_trigger_a_reask(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter("Hi Priya, could you refer me for Senior Data Engineer?")
    draft = compose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator)
    assert len(writer.calls) == 1
    assert draft.report is not None and draft.report.codes() == ["no-req-id"]


def test_all_attempts_bad_raises_with_every_attempt_and_total_usage(
    sample_ctx: DraftContext,
) -> None:
    writer = ScriptedWriter(GENERIC + " 1", GENERIC + " 2", GENERIC + " 3", SPECIFIC)
    with pytest.raises(DraftRejectedError) as info:
        compose(
            DraftKind.follow_up, sample_ctx, writer, max_reasks=2, validator=generic_ask_validator
        )
    err = info.value
    assert len(writer.calls) == 3  # 1 + max_reasks, never the 4th
    assert err.attempts == [GENERIC + " 1", GENERIC + " 2", GENERIC + " 3"]
    assert err.report.codes() == ["generic-ask", "no-req-id"]
    assert err.usage.calls == 3 and err.usage.prompt_tokens == 300
    assert "follow up" in str(err) and "generic-ask" in str(err)


def test_allow_invalid_returns_the_last_draft_with_its_report(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(GENERIC + " 1", GENERIC + " 2")
    draft = compose(
        DraftKind.follow_up,
        sample_ctx,
        writer,
        max_reasks=1,
        allow_invalid=True,
        validator=generic_ask_validator,
    )
    assert draft.body == GENERIC + " 2"
    assert draft.report is not None and not draft.report.ok
    assert draft.usage.calls == 2


def test_max_reasks_zero_means_one_attempt(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(GENERIC, SPECIFIC)
    with pytest.raises(DraftRejectedError):
        compose(
            DraftKind.follow_up, sample_ctx, writer, max_reasks=0, validator=generic_ask_validator
        )
    assert len(writer.calls) == 1
    with pytest.raises(ValueError):
        compose(
            DraftKind.follow_up, sample_ctx, writer, max_reasks=-1, validator=generic_ask_validator
        )


def test_identical_repeat_stops_reasking(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(GENERIC)  # a deterministic writer: same text every time
    with pytest.raises(DraftRejectedError) as info:
        compose(
            DraftKind.follow_up, sample_ctx, writer, max_reasks=5, validator=generic_ask_validator
        )
    assert len(writer.calls) == 2
    assert len(info.value.attempts) == 2


def test_unusable_output_is_reasked_and_its_cost_counted(sample_ctx: DraftContext) -> None:
    cut = DraftOutputError(
        "output truncated at max_tokens=600",
        usage=Usage(prompt_tokens=100, completion_tokens=600, calls=2),
    )
    writer = ScriptedWriter(cut, SPECIFIC)
    draft = compose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator)
    assert draft.body == SPECIFIC
    assert writer.calls[1] is not None and "could not be used: output truncated" in writer.calls[1]
    assert draft.usage == Usage(prompt_tokens=200, completion_tokens=620, calls=3)


def test_only_unusable_output_raises_the_output_error_with_total_usage(
    sample_ctx: DraftContext,
) -> None:
    cut = DraftOutputError(
        "output truncated at max_tokens=600", usage=Usage(completion_tokens=600, calls=2)
    )
    writer = ScriptedWriter(cut)
    with pytest.raises(DraftOutputError) as info:
        compose(
            DraftKind.follow_up, sample_ctx, writer, max_reasks=1, validator=generic_ask_validator
        )
    assert len(writer.calls) == 2
    assert info.value.usage.calls == 4 and info.value.usage.completion_tokens == 1200


def test_plain_model_output_error_without_usage_also_reasks(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(ModelOutputError("answer was not JSON"), SPECIFIC)
    assert (
        compose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator).body
        == SPECIFIC
    )


def test_connection_errors_propagate_at_once(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(ModelConnectionError("could not reach http://127.0.0.1:1"))
    with pytest.raises(ModelConnectionError):
        compose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator)
    assert len(writer.calls) == 1


def test_acompose_matches_compose(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(GENERIC, SPECIFIC)
    draft = asyncio.run(
        acompose(DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator)
    )
    assert draft.body == SPECIFIC and len(writer.calls) == 2 and draft.usage.calls == 2


def test_compose_all_writes_every_kind(sample_ctx: DraftContext) -> None:
    writer = ScriptedWriter(SPECIFIC)
    drafts = compose_all(sample_ctx, writer, validator=generic_ask_validator)
    assert list(drafts) == list(DraftKind)
    assert all(d.kind is k for k, d in drafts.items())
    drafts = asyncio.run(
        acompose_all(
            sample_ctx, writer, kinds=["follow_up", "reminder"], validator=generic_ask_validator
        )
    )
    assert list(drafts) == [DraftKind.follow_up, DraftKind.reminder]
    with pytest.raises(DraftRejectedError):
        asyncio.run(
            acompose_all(sample_ctx, ScriptedWriter(GENERIC), validator=generic_ask_validator)
        )


def test_compose_with_the_model_writer_reasks_over_http(sample_ctx: DraftContext) -> None:
    forget_structured_modes()
    bad = json.dumps({"subject": "Hello", "body": GENERIC, "blurb": None, "attachments": []})
    good = json.dumps(
        {
            "subject": "Senior Data Engineer (Req R-4821)",
            "body": SPECIFIC,
            "blurb": None,
            "attachments": [],
        }
    )
    with FakeOpenAIServer() as srv:
        srv.enqueue(Reply(bad), Reply(good))
        with OpenAIWriter(
            model="fake-model", base_url=srv.url, retry_policy=RetryPolicy.none()
        ) as writer:
            draft = compose(
                DraftKind.follow_up, sample_ctx, writer, validator=generic_ask_validator
            )
        requests = srv.chat_requests
    assert draft.body == SPECIFIC and draft.writer == "fake-model"
    assert len(requests) == 2 and draft.usage.calls == 2
    reask = requests[1].json["messages"][1]["content"]
    assert "<feedback>\nThe draft has problems that must be fixed:\n- [generic-ask]" in reask
    assert "<feedback>" not in requests[0].json["messages"][1]["content"]


def test_build_context_matches_the_resume_to_the_posting(
    sample_posting: Any, sample_resume: Any, sample_referral: Any
) -> None:
    from referral_ai.compose import build_context

    ctx = build_context(sample_posting, sample_resume, sample_referral)
    assert ctx.posting is sample_posting or ctx.posting == sample_posting
    assert [
        m.requirement for m in ctx.fit.matches if m.kind == "requirement"
    ] == sample_posting.requirements
    airflow = next(m for m in ctx.fit.matches if "Airflow" in m.requirement)
    assert any("Apache Airflow" in e.text for e in airflow.evidence)
    assert ctx.fit.required_materials == sample_posting.required_materials


def test_compose_with_the_real_validators_over_http(sample_ctx: DraftContext) -> None:
    from referral_ai.writers.offline import OfflineWriter

    forget_structured_modes()
    good = OfflineWriter().draft(DraftKind.follow_up, sample_ctx)
    generic = good.body + "\n\nAlso, please keep me in mind for any other openings."

    def answer(body: str) -> Reply:
        attachments = [a.model_dump(mode="json") for a in good.attachments]
        return Reply(
            json.dumps(
                {
                    "subject": good.subject,
                    "body": body,
                    "blurb": good.blurb,
                    "attachments": attachments,
                }
            )
        )

    with FakeOpenAIServer() as srv:
        srv.enqueue(answer(generic), answer(good.body))
        with OpenAIWriter(
            model="fake-model", base_url=srv.url, retry_policy=RetryPolicy.none()
        ) as writer:
            draft = compose(
                DraftKind.follow_up, sample_ctx, writer
            )  # default: referral_ai.validators.validate
            feedback = srv.chat_requests[1].json["messages"][1]["content"]
    assert draft.body == good.body and draft.report is not None and draft.report.ok
    assert draft.usage.calls == 2
    assert "[generic-ask]" in feedback and "Senior Data Engineer" in feedback
    with (
        FakeOpenAIServer(default=answer(generic)) as srv,
        OpenAIWriter(
            model="fake-model", base_url=srv.url, retry_policy=RetryPolicy.none()
        ) as writer,
        pytest.raises(DraftRejectedError) as info,
    ):
        compose(DraftKind.follow_up, sample_ctx, writer, max_reasks=2)
    assert info.value.report.codes() == ["generic-ask"]
    # the re-ask brought back the same text: a third attempt could not help, so none is made
    assert info.value.attempts == [f"Subject: {good.subject}\n\n{generic}"] * 2
    assert info.value.usage.calls == 2
