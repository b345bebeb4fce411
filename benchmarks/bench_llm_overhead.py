"""Overhead of the model writer over a bare SDK call, against an instant-answer fake server.

Both sides send the same request (same messages, max_tokens, temperature, json_schema response_format)
to a FakeOpenAIServer that answers at once with a valid JSON draft. The bare side is one
``client.chat.completions.create``; the writer side is ``OpenAIWriter.draft`` (prompt building and
token budgeting, the retry layer, parsing the JSON into a Draft, usage and cost). Rounds alternate so
drift hits both alike; the medians of the per-call times are compared.

    python benchmarks/bench_llm_overhead.py [--calls 300] [--rounds 10]

Prints per-call time of each side and the ratio writer / bare (aim: <= 1.10). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import openai

from referral_ai.compose import build_context
from referral_ai.inputs import load_posting, load_resume
from referral_ai.models import DraftContext, DraftKind, Referral
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import DRAFT_JSON_SCHEMA, OpenAIWriter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MODEL = "gpt-4o-mini"
KIND = DraftKind.follow_up


def valid_draft_json(ctx: DraftContext, kind: DraftKind) -> str:
    """The fake model's answer: the offline writer's draft for ``ctx`` (it passes the validators)."""
    draft = OfflineWriter().draft(kind, ctx)
    return draft.model_dump_json(include={"subject", "body", "blurb", "attachments"})


def per_call(fn: Callable[[], None], calls: int) -> float:
    """Mean seconds per call of ``fn`` over ``calls`` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def main() -> None:
    """Run both sides and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--calls", type=int, default=300, help="calls per side in total (default 300)"
    )
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds (default 10)")
    args = parser.parse_args()

    ctx = build_context(
        load_posting(EXAMPLES / "posting.md"),
        load_resume(EXAMPLES / "resume.md"),
        Referral(contact="Dana Whitfield", introducer="Sam Ortiz"),
    )
    usage = {"prompt_tokens": 1200, "completion_tokens": 180}
    with FakeOpenAIServer(
        default=Reply(valid_draft_json(ctx, KIND), usage=usage), models=[MODEL]
    ) as srv:
        writer = OpenAIWriter(base_url=srv.base_url, api_key="sk-bench", model=MODEL)
        client = openai.OpenAI(base_url=srv.base_url, api_key="sk-bench", max_retries=0)
        prompt = writer.prompt(KIND, ctx)
        request = {
            "model": MODEL,
            "messages": prompt.messages,
            "max_tokens": writer.max_tokens,
            "temperature": writer.temperature,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "draft", "strict": True, "schema": DRAFT_JSON_SCHEMA},
            },
        }

        def bare() -> None:
            client.chat.completions.create(**request)

        def drafted() -> None:
            writer.draft(KIND, ctx)

        for _ in range(20):  # warm up connections, caches, the writer's structured-mode probe
            bare()
            drafted()
        sent = [r.json for r in srv.chat_requests[-2:]]
        same = sent[0] == sent[1]
        per_round = max(1, args.calls // args.rounds)
        bare_times: list[float] = []
        writer_times: list[float] = []
        for _ in range(args.rounds):
            bare_times.append(per_call(bare, per_round))
            writer_times.append(per_call(drafted, per_round))
        client.close()
        writer.close()

    b = statistics.median(bare_times)
    w = statistics.median(writer_times)
    print(
        f"prompt: {prompt.tokens.tokens} tokens ({prompt.tokens.encoding}), {len(prompt.messages)} messages; "
        f"identical request bodies on the wire: {same}"
    )
    print(
        f"bare client.chat.completions.create : {b * 1000:8.3f} ms/call (median of {args.rounds} rounds x {per_round})"
    )
    print(f"OpenAIWriter.draft                  : {w * 1000:8.3f} ms/call")
    print(f"overhead                            : {(w - b) * 1000:8.3f} ms/call")
    print(f"ratio writer / bare                 : {w / b:8.3f}x  (aim <= 1.10)")
    print(f"the same overhead on a 500 ms model answer: {(w - b) / 0.5 * 100:.2f}% of the call")


if __name__ == "__main__":
    main()
