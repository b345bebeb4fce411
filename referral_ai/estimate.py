"""What drafting would cost, before anything is sent: :func:`estimate`.

For each kind, the prompt is built exactly as the writer would send it (trimmed to its context
window) and counted offline (:mod:`referral_ai.tokens`; ``approximate`` when the model's own
tokenizer is not available here). The answer is not known before it is written, so its size is
estimated from the offline writer's draft of the same kind, context and style, as the JSON object
the model is asked for; ``max_completion_tokens`` is the writer's hard limit. Costs come from
:mod:`referral_ai.pricing` (``None``: no price is known for the model, e.g. a local server).

Nothing is sent: no request of any kind (the test suite proves it with a recording server).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from referral_ai.models import DraftContext, DraftKind
from referral_ai.pricing import cost, money
from referral_ai.style import Style

__all__ = ["DocumentEstimate", "Estimate", "estimate"]


class DocumentEstimate(BaseModel):
    """Tokens and cost of one document's first attempt (each re-ask costs about as much again)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: DraftKind
    prompt_tokens: int
    completion_tokens: int
    max_completion_tokens: int
    cost_usd: float | None
    max_cost_usd: float | None
    approximate: bool
    dropped: list[str] = []


class Estimate(BaseModel):
    """Per-document estimates for one writer, and their totals."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    writer: str
    documents: list[DocumentEstimate]
    max_reasks: int = 0

    def __getitem__(self, kind: DraftKind | str) -> DocumentEstimate:
        """The estimate of one kind (a string kind works too)."""
        wanted = DraftKind(kind)
        for d in self.documents:
            if d.kind is wanted:
                return d
        raise KeyError(
            f"no estimate for {wanted.value!r}; estimated: "
            + ", ".join(d.kind.value for d in self.documents)
        )

    @property
    def prompt_tokens(self) -> int:
        """Prompt tokens of every document's first attempt."""
        return sum(d.prompt_tokens for d in self.documents)

    @property
    def completion_tokens(self) -> int:
        """Expected completion tokens of every document's first attempt."""
        return sum(d.completion_tokens for d in self.documents)

    @property
    def cost_usd(self) -> float | None:
        """Expected cost of the first attempts; None when the model has no known price."""
        return _total([d.cost_usd for d in self.documents])

    @property
    def max_cost_usd(self) -> float | None:
        """Cost if every first attempt used its whole ``max_completion_tokens``; None when unpriced."""
        return _total([d.max_cost_usd for d in self.documents])

    @property
    def approximate(self) -> bool:
        """True when some count used another model's tokenizer."""
        return any(d.approximate for d in self.documents)

    def rows(self) -> list[tuple[str, int, int, int, float | None]]:
        """One row per document: (kind, prompt tokens, expected completion tokens, at most, cost)."""
        return [
            (
                d.kind.value,
                d.prompt_tokens,
                d.completion_tokens,
                d.max_completion_tokens,
                d.cost_usd,
            )
            for d in self.documents
        ]

    def _repr_html_(self) -> str:
        from referral_ai.display import estimate_html

        return estimate_html(self)

    def __str__(self) -> str:
        if self.writer == "offline":
            return "offline writer: nothing is sent, no tokens, no cost"
        rows = [
            f"  {d.kind.value:<14} {d.prompt_tokens:>7,} prompt + ~{d.completion_tokens:,} "
            f"completion tokens (at most {d.max_completion_tokens:,}), "
            f"{_cost(d.cost_usd, d.max_cost_usd)}"
            for d in self.documents
        ]
        lines = [f"estimate for {self.writer} (nothing was sent):", *rows]
        lines.append(
            f"  total          {self.prompt_tokens:>7,} prompt + ~{self.completion_tokens:,} "
            f"completion tokens, {_cost(self.cost_usd, self.max_cost_usd)}"
        )
        if self.approximate:
            lines.append(
                f"  counts are approximate: {self.writer}'s own tokenizer is not available offline"
            )
        if self.cost_usd is None:
            lines.append(
                f"  no price is known for {self.writer!r} (a local model costs nothing per token; "
                "otherwise give one with referral_ai.pricing.register_price)"
            )
        if self.max_reasks:
            lines.append(
                f"  a draft that fails validation is asked again (up to {self.max_reasks} more "
                "time(s)), each costing about as much again"
            )
        return "\n".join(lines)


def _total(values: list[float | None]) -> float | None:
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _cost(expected: float | None, most: float | None) -> str:
    if expected is None:
        return money(None)
    return f"~{money(expected)} (at most {money(most)})"


def _answer_json(kind: DraftKind, ctx: DraftContext) -> str:
    """The JSON object a model would answer with, sized like the offline draft of ``kind``."""
    from referral_ai.writers.offline import OfflineWriter

    draft = OfflineWriter().draft(kind, ctx)
    answer: dict[str, Any] = {
        "subject": draft.subject,
        "body": draft.body,
        "blurb": draft.blurb,
        "attachments": [
            {"material": a.material.value, "filename": a.filename, "note": a.note}
            for a in draft.attachments
        ],
    }
    return json.dumps(answer, ensure_ascii=False)


def estimate(
    ctx: DraftContext,
    writer: Any,
    kinds: Iterable[DraftKind | str] | None = None,
    *,
    style: Style | None = None,
    max_reasks: int = 0,
) -> Estimate:
    """Tokens and cost of drafting ``kinds`` (default: all four) for ``ctx`` with ``writer``,
    without sending anything.

    ``writer`` is an :class:`~referral_ai.writers.openai_writer.OpenAIWriter` (its model, context
    window, ``max_tokens``, prompt files and ``prices`` are used) or the
    :class:`~referral_ai.writers.offline.OfflineWriter` (nothing to send: zero tokens, zero cost).
    ``style`` is the :class:`~referral_ai.style.Style` you will draft with (it changes the prompt).
    ``max_reasks`` is only reported (each re-ask costs about one more first attempt). Raises
    ``TypeError`` for a writer that cannot show the prompt it would send, and
    :class:`~referral_ai.errors.BudgetError` / :class:`~referral_ai.errors.TemplateError` as drafting
    would.
    """
    from referral_ai.compose import ALL_KINDS
    from referral_ai.writers.offline import OfflineWriter

    wanted = [DraftKind(k) for k in (ALL_KINDS if kinds is None else kinds)]
    if style is not None:
        ctx = ctx.model_copy(update={"style": style})
    if isinstance(writer, OfflineWriter):
        docs = [
            DocumentEstimate(
                kind=k,
                prompt_tokens=0,
                completion_tokens=0,
                max_completion_tokens=0,
                cost_usd=0.0,
                max_cost_usd=0.0,
                approximate=False,
            )
            for k in wanted
        ]
        return Estimate(writer=writer.name, documents=docs, max_reasks=max_reasks)
    prompt_of = getattr(writer, "prompt", None)
    model = getattr(writer, "model", None)
    if not callable(prompt_of) or not isinstance(model, str):
        raise TypeError(
            f"cannot estimate for {type(writer).__name__}: estimate() needs an OpenAIWriter (or the "
            "OfflineWriter), whose prompt can be built without sending it"
        )
    from referral_ai.tokens import count_tokens

    limit = int(writer.max_tokens)
    prices = getattr(writer, "prices", None)
    docs = []
    for k in wanted:
        prompt = prompt_of(k, ctx)
        counted = prompt.tokens
        sent_to = prompt.model or model  # a prompt file's front matter may name another model
        answer = count_tokens(_answer_json(k, ctx), sent_to)
        expected = min(answer.tokens, limit)
        docs.append(
            DocumentEstimate(
                kind=k,
                prompt_tokens=counted.tokens,
                completion_tokens=expected,
                max_completion_tokens=limit,
                cost_usd=cost(sent_to, counted.tokens, expected, prices=prices),
                max_cost_usd=cost(sent_to, counted.tokens, limit, prices=prices),
                approximate=counted.approximate or answer.approximate,
                dropped=list(prompt.dropped),
            )
        )
    return Estimate(writer=model, documents=docs, max_reasks=max_reasks)
