"""What a model call costs: a price table in USD per million tokens, extendable by the user.

Prices are list prices for standard (non-batch, non-cached) text tokens as published by OpenAI;
they change, so check them and override with :func:`register_price` or a ``prices=`` mapping.
Local and unknown models have no price: :func:`cost` returns ``None`` for them, never ``0``.

Dated snapshots resolve to their base model (``gpt-4o-2024-08-06`` -> ``gpt-4o``); other
suffixes do not (``gpt-4.5-preview`` is not ``gpt-4``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from referral_ai.models import Usage

__all__ = ["Price", "cost", "get_price", "money", "register_price", "usage_cost"]


@dataclass(frozen=True)
class Price:
    """USD per one million input (prompt) and output (completion) tokens."""

    input_per_million: float
    output_per_million: float

    def __post_init__(self) -> None:
        if self.input_per_million < 0 or self.output_per_million < 0:
            raise ValueError("prices cannot be negative")


_PRICES: dict[str, Price] = {
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "chatgpt-4o-latest": Price(5.00, 15.00),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-4": Price(30.00, 60.00),
    "gpt-4-32k": Price(60.00, 120.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
    "o1": Price(15.00, 60.00),
    "o1-mini": Price(1.10, 4.40),
    "o3": Price(2.00, 8.00),
    "o3-mini": Price(1.10, 4.40),
    "o4-mini": Price(1.10, 4.40),
}
_lock = threading.Lock()
_SNAPSHOT = re.compile(r"^-(\d{4}(-\d{2}-\d{2})?|preview|latest)$")


def register_price(model: str, input_per_million: float, output_per_million: float) -> None:
    """Add or replace the price of ``model`` (USD per million input / output tokens)."""
    price = Price(float(input_per_million), float(output_per_million))
    with _lock:
        _PRICES[model] = price


def _as_price(value: Price | tuple[float, float]) -> Price:
    return value if isinstance(value, Price) else Price(float(value[0]), float(value[1]))


def get_price(
    model: str, prices: Mapping[str, Price | tuple[float, float]] | None = None
) -> Price | None:
    """The price of ``model``: ``prices`` first, then the built-in/registered table; None if unknown."""
    with _lock:
        table: dict[str, Price] = dict(_PRICES)
    if prices:
        table.update({k: _as_price(v) for k, v in prices.items()})
    for candidate in (model, model.rsplit("/", 1)[-1]):
        if candidate in table:
            return table[candidate]
        best: str | None = None
        for key in table:
            if (
                candidate.startswith(key)
                and _SNAPSHOT.match(candidate[len(key) :])
                and (best is None or len(key) > len(best))
            ):
                best = key
        if best is not None:
            return table[best]
    return None


def cost(
    model: str,
    prompt_tokens: int,
    completion_tokens: int,
    *,
    prices: Mapping[str, Price | tuple[float, float]] | None = None,
) -> float | None:
    """USD cost of a call to ``model``; ``None`` for unknown or local models (not free: unknown)."""
    price = get_price(model, prices)
    if price is None:
        return None
    return (
        prompt_tokens * price.input_per_million + completion_tokens * price.output_per_million
    ) / 1_000_000


def usage_cost(
    usage: Usage, model: str, *, prices: Mapping[str, Price | tuple[float, float]] | None = None
) -> float | None:
    """USD cost of ``usage`` (its prompt and completion tokens) at ``model``'s price, or None."""
    return cost(model, usage.prompt_tokens, usage.completion_tokens, prices=prices)


def money(value: float | None, unknown: str = "unknown price") -> str:
    """A cost as people read it: ``"$0.0012"``; ``unknown`` when there is no price (never ``$0``)."""
    return unknown if value is None else f"${value:.4f}"
