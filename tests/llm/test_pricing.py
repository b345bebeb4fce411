"""Price table: known models, snapshots, user prices, None for unknown models."""

from __future__ import annotations

import pytest

from referral_ai import pricing
from referral_ai.models import Usage


def test_known_model_cost() -> None:
    # gpt-4o-mini: $0.15 / 1M input, $0.60 / 1M output
    assert pricing.cost("gpt-4o-mini", 1_000_000, 0) == pytest.approx(0.15)
    assert pricing.cost("gpt-4o-mini", 2000, 500) == pytest.approx((2000 * 0.15 + 500 * 0.60) / 1e6)


def test_dated_snapshot_resolves_but_other_suffixes_do_not() -> None:
    assert pricing.get_price("gpt-4o-2024-08-06") == pricing.get_price("gpt-4o")
    assert pricing.get_price("gpt-4o-mini-2024-07-18") == pricing.get_price("gpt-4o-mini")
    assert pricing.get_price("gpt-4-0613") == pricing.get_price("gpt-4")
    assert pricing.get_price("gpt-4.5-preview") is None
    assert pricing.get_price("gpt-4-unknown-thing") is None


def test_unknown_and_local_models_cost_none_not_zero() -> None:
    assert pricing.cost("smollm2-135m-instruct", 1000, 1000) is None
    assert (
        pricing.usage_cost(Usage(prompt_tokens=10, completion_tokens=10, calls=1), "llama-3")
        is None
    )


def test_prices_mapping_overrides_table_without_registering() -> None:
    assert pricing.cost(
        "my-local", 1_000_000, 1_000_000, prices={"my-local": (1.0, 2.0)}
    ) == pytest.approx(3.0)
    assert pricing.cost(
        "gpt-4o", 1_000_000, 0, prices={"gpt-4o": pricing.Price(1.0, 1.0)}
    ) == pytest.approx(1.0)
    assert pricing.cost("my-local", 1, 1) is None


def test_register_price(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pricing, "_PRICES", dict(pricing._PRICES))
    pricing.register_price("acme-7b", 0.5, 1.0)
    usage = Usage(prompt_tokens=2_000_000, completion_tokens=1_000_000, calls=2)
    assert pricing.usage_cost(usage, "acme-7b") == pytest.approx(2.0)
    with pytest.raises(ValueError):
        pricing.register_price("bad", -1, 1)
