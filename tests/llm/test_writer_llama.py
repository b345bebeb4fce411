"""OpenAIWriter against the real llama-cpp-python server (SmolLM2-135M on CPU, n_ctx 2048).

llama-cpp-python's server refuses ``response_format: json_schema`` with HTTP 500 and accepts
``json_object`` with a ``schema`` (turned into a grammar): the writer must fall back once, remember
the mode, fit the prompt into the small context window, and either return a parsed draft with the
usage the server reported or, when the tiny model rambles past ``max_tokens`` even after the one
larger retry, raise the documented truncation error carrying that usage. The model is far too small
for the draft's quality (or its length) to be judged here; the writer's handling of the real server is.
"""

from __future__ import annotations

from referral_ai.models import DraftContext, DraftKind, Usage
from referral_ai.retry import RetryPolicy
from referral_ai.testing import LlamaServer
from referral_ai.writers.openai_writer import (
    DraftOutputError,
    OpenAIWriter,
    forget_structured_modes,
)


def test_writer_drafts_against_llama_server(
    llama_server: LlamaServer, sample_ctx: DraftContext
) -> None:
    forget_structured_modes()
    with OpenAIWriter(
        model=llama_server.model,
        base_url=llama_server.base_url.removesuffix("/v1"),  # normalised back to .../v1
        context_window=2048,
        max_tokens=400,
        temperature=0.0,  # greedy decoding: the same answer on every run of this build
        timeout=900,
        retry_policy=RetryPolicy(max_attempts=2),
    ) as writer:
        usage: Usage
        try:
            draft = writer.draft(DraftKind.reminder, sample_ctx)
        except DraftOutputError as exc:  # the documented error for unusable output, with its usage
            usage = exc.usage
            if "output truncated at max_tokens=" in str(exc):
                # json_schema refused, json_object cut off, one larger retry cut off
                assert usage.calls == 3
            else:  # answered, but not a draft (e.g. JSON without a body)
                assert usage.calls >= 2 and str(exc)
        else:
            usage = draft.usage
            assert draft.kind is DraftKind.reminder and draft.writer == "smollm2"
            assert draft.body.strip() and draft.to == "Priya Raman"
            assert not any(
                "estimated locally" in n for n in draft.notes
            )  # the server reported usage
            assert usage.calls >= 2  # json_schema refused, then json_object (maybe a larger retry)
        assert writer.structured_mode == "json_object"
    # the server's own counts (SmolLM2 tokenizer), within the 2048-token window
    assert usage.prompt_tokens > 500
    assert usage.completion_tokens > 0
    assert usage.cost_usd is None
