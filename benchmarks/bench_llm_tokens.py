"""Tokens (and calls) the model writer spends per letter and per email, on the applications in ``examples/``.

Run: ``python benchmarks/bench_llm_tokens.py [--examples DIR] [--model gpt-4o-mini] [--llama]``

What is measured, for every (posting, resume) pair in ``examples/`` and each of the four kinds:

* **prompt tokens**: the exact messages :class:`OpenAIWriter` sends (system rules + delimited
  posting / resume / fit / materials / referral), counted offline with :mod:`referral_ai.tokens`
  (per-message overhead included). ``~`` marks counts that are cl100k estimates for the model.
* **completion tokens**: no model is called for this. The stand-in answer is the offline writer's
  draft serialised as the JSON object the writer asks for; the real model's answers differ, so read
  it as "a realistic answer of that length". That answer is then sent through a FakeOpenAIServer
  and parsed by the writer, which checks that the whole round trip (request, response, parsing)
  works and counts the HTTP calls per draft.
* **baseline** (same run): the tokens of the raw inputs (posting text + resume text). The ratio
  prompt / baseline shows what the rules, delimiters and fit lines cost on top of the inputs.
* **cost**: prompt + completion tokens at ``--model``'s list price (:mod:`referral_ai.pricing`).
* ``--llama``: also run :func:`referral_ai.compose.compose` against a real llama-cpp-python server
  on SmolLM2-135M (CPU, n_ctx 2048) for the follow-up email, and report the HTTP calls and attempts
  per draft and whether the draft passed validation. A 135M model rarely writes a valid draft: this
  measures the loop's cost, not the model's quality. Slow (minutes on 2 cores).

Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from referral_ai import pricing, tokens
from referral_ai.compose import build_context
from referral_ai.models import Draft, DraftContext, DraftKind, Referral, Usage
from referral_ai.retry import RetryPolicy
from referral_ai.testing import FakeOpenAIServer, Reply
from referral_ai.writers.offline import OfflineWriter
from referral_ai.writers.openai_writer import OpenAIWriter, build_prompt, forget_structured_modes

ROOT = Path(__file__).resolve().parent.parent
REFERRAL = Referral(
    contact="Priya Raman", introducer="Sam Ortiz", contact_email="priya@northwind.example"
)
LETTERS = {DraftKind.cover_letter}


def _contexts(examples: Path) -> list[tuple[str, DraftContext]]:
    from referral_ai import inputs as parsing

    postings = sorted(p for p in examples.glob("*posting*") if p.is_file())
    resumes = sorted(p for p in examples.glob("*resume*") if p.is_file())
    out = []
    for p in postings:
        for r in resumes:
            ctx = build_context(parsing.load_posting(p), parsing.load_resume(r), REFERRAL)
            out.append((f"{p.name} x {r.name}", ctx))
    return out


def _answer(draft: Draft) -> str:
    """The offline draft as the JSON object the model writer asks for."""
    return json.dumps(
        {
            "subject": draft.subject,
            "body": draft.body,
            "blurb": draft.blurb,
            "attachments": [a.model_dump(mode="json") for a in draft.attachments],
        }
    )


def measure(examples: Path, model: str, *, verbose: bool = True) -> None:
    """Print prompt/completion tokens per kind and the ratio to the raw inputs."""
    contexts = _contexts(examples)
    if not contexts:
        print(f"no posting/resume pair in {examples}; nothing measured")
        return
    offline = OfflineWriter()
    rows: dict[DraftKind, list[tuple[int, int, int, int]]] = {k: [] for k in DraftKind}
    approx = False
    forget_structured_modes()
    with (
        FakeOpenAIServer() as srv,
        OpenAIWriter(
            model=model, base_url=srv.url, retry_policy=RetryPolicy.none(), context_window=128000
        ) as writer,
    ):
        for name, ctx in contexts:
            raw = (
                tokens.count_tokens(ctx.posting.text, model).tokens
                + tokens.count_tokens(ctx.resume.text, model).tokens
            )
            if verbose:
                print(f"\n{name}: raw inputs (posting + resume text) = {raw} tokens [baseline]")
            for kind in DraftKind:
                prompt = build_prompt(kind, ctx, model=model)
                answer = _answer(offline.draft(kind, ctx))
                completion = tokens.count_tokens(answer, model)
                approx = approx or prompt.tokens.approximate or completion.approximate
                srv.enqueue(Reply(answer))
                before = len(srv.chat_requests)
                drafted = writer.draft(kind, ctx)
                calls = len(srv.chat_requests) - before
                assert drafted.body == offline.draft(kind, ctx).body  # round trip kept the text
                rows[kind].append((prompt.tokens.tokens, completion.tokens, raw, calls))
                cost = pricing.cost(model, prompt.tokens.tokens, completion.tokens)
                mark = "~" if prompt.tokens.approximate else ""
                if not verbose:
                    continue
                print(
                    f"  {kind.value:<14} prompt {mark}{prompt.tokens.tokens:>5}  completion {mark}{completion.tokens:>4}"
                    f"  prompt/baseline {prompt.tokens.tokens / raw:4.2f}x  calls {calls}"
                    + (f"  ${cost:.5f}" if cost is not None else "  (no price)")
                )
    print(
        f"\nsummary over {len(contexts)} pair(s), model {model}"
        + (" (~ = cl100k estimate)" if approx else " (exact)")
    )
    for group, kinds in (
        ("letter", [k for k in DraftKind if k in LETTERS]),
        ("email", [k for k in DraftKind if k not in LETTERS]),
    ):
        vals = [v for k in kinds for v in rows[k]]
        p = statistics.fmean(v[0] for v in vals)
        c = statistics.fmean(v[1] for v in vals)
        b = statistics.fmean(v[2] for v in vals)
        mean_calls = statistics.fmean(v[3] for v in vals)
        cost = pricing.cost(model, round(p), round(c))
        print(
            f"  per {group:<6}: prompt {p:7.0f}  completion {c:5.0f}  prompt/baseline {p / b:4.2f}x"
            f"  calls/draft (fake server) {mean_calls:.1f}"
            + (f"  ~${cost:.5f}" if cost is not None else "")
        )


def measure_llama(examples: Path) -> None:
    """Calls and attempts per validated follow-up email against a real llama.cpp server."""
    from referral_ai.compose import compose
    from referral_ai.errors import DraftRejectedError, ModelError
    from referral_ai.testing import start_llama_server

    contexts = _contexts(examples)[:1]
    if not contexts:
        return
    name, ctx = contexts[0]
    forget_structured_modes()
    print(
        f"\nllama-cpp-python server, SmolLM2-135M-Instruct, n_ctx 2048, follow-up email for {name}:"
    )
    with start_llama_server(n_ctx=2048) as srv, OpenAIWriter(
        model=srv.model, base_url=srv.base_url, context_window=2048, max_tokens=300, timeout=600,
        retry_policy=RetryPolicy(max_attempts=2),
    ) as writer:  # fmt: skip
        before = time.perf_counter()
        usage: Usage | None = None
        try:
            draft = compose(DraftKind.follow_up, ctx, writer, max_reasks=2, allow_invalid=True)
            usage, passed = draft.usage, bool(draft.report and draft.report.ok)
            attempts = next((int(n.split()[0]) for n in draft.notes if n.endswith(" attempts")), 1)
        except (DraftRejectedError, ModelError) as exc:
            found = getattr(exc, "usage", None)
            usage = found if isinstance(found, Usage) else None
            passed, attempts = False, -1
            print(f"  no draft: {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - before
        print(f"  structured mode used: {writer.structured_mode}")
        if usage is not None:
            print(
                f"  HTTP calls {usage.calls}, attempts {attempts}, passed validation: {passed}; "
                f"tokens prompt {usage.prompt_tokens} / completion {usage.completion_tokens} (server-counted); "
                f"{elapsed:.0f} s wall"
            )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the measurements."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=Path, default=ROOT / "examples")
    ap.add_argument("--model", default="gpt-4o-mini", help="model whose tokenizer and price to use")
    ap.add_argument(
        "--llama", action="store_true", help="also measure calls per validated draft on llama.cpp"
    )
    args = ap.parse_args(argv)
    measure(args.examples, args.model)
    if args.model != "gpt-4":
        print("\n(gpt-4, exact cl100k counts, for comparison)")
        measure(args.examples, "gpt-4", verbose=False)
    if args.llama:
        measure_llama(args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
