"""OpenAIWriter against the real llama-cpp-python server (SmolLM2-135M on CPU, n_ctx 2048).

llama-cpp-python's server refuses ``response_format: json_schema`` with HTTP 500 and accepts
``json_object`` with a ``schema`` (turned into a grammar): the writer must fall back once, remember
the mode, fit the prompt into the small context window, and return a parsed draft with the usage
the server reported. The model is tiny, so the draft's quality is not judged here.
"""

from __future__ import annotations

from referral_ai.models import DraftContext, DraftKind
from referral_ai.retry import RetryPolicy
from referral_ai.testing import LlamaServer
from referral_ai.writers.openai_writer import OpenAIWriter, forget_structured_modes


def test_writer_drafts_against_llama_server(
    llama_server: LlamaServer, sample_ctx: DraftContext
) -> None:
    forget_structured_modes()
    with OpenAIWriter(
        model=llama_server.model,
        base_url=llama_server.base_url.removesuffix("/v1"),  # normalised back to .../v1
        context_window=2048,
        max_tokens=400,
        temperature=0.0,
        timeout=900,
        retry_policy=RetryPolicy(max_attempts=2),
    ) as writer:
        draft = writer.draft(DraftKind.reminder, sample_ctx)
        assert writer.structured_mode == "json_object"
    assert draft.kind is DraftKind.reminder and draft.writer == "smollm2"
    assert draft.body.strip()
    assert draft.to == "Priya Raman"
    # one rejected json_schema request, then at least one answered json_object request
    assert draft.usage.calls >= 2
    assert draft.usage.prompt_tokens > 500 and draft.usage.completion_tokens > 0
    assert draft.usage.cost_usd is None
    assert not any("estimated locally" in n for n in draft.notes)  # the server reported usage
